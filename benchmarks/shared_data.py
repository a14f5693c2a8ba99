"""Where the read-only evaluation data lives: ``shared/data`` beside the repository or
beside one of its ancestors (so a worktree under /work/wt/<name> finds /work/shared)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """The ``shared/data`` folder (``../shared/data`` when none is found)."""
    for base in ROOT.parents:
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"
