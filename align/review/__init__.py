"""The browser review page: one self-contained HTML file to check and fix an alignment."""

from .page import BeadIssue, Highlight, ReviewOptions, render_review, write_review

__all__ = ["BeadIssue", "Highlight", "ReviewOptions", "render_review", "write_review"]
