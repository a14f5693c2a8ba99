"""The ``duiqi`` command line: parses options, calls one library function, prints."""

from .main import cli, main

__all__ = ["cli", "main"]
