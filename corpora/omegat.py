"""OmegaT projects around a translation memory: build one, pre-translate it headless, count.

An OmegaT project is a folder: ``omegat.project`` (XML: folders, source and target
language, tokenizers, sentence segmentation on), ``source/`` (the documents to
translate), ``target/`` (what a translation writes), ``tm/`` (reference memories;
those in ``tm/auto/`` are inserted wherever they match a segment exactly),
``glossary/``, ``dictionary/`` and ``omegat/`` (OmegaT's own state: its memory
``project_save.tmx`` and ``project_stats.txt``). ``java -jar OmegaT.jar PROJECT
--mode=console-translate`` loads the project, fills every segment that a ``tm/auto``
memory matches exactly, writes ``target/`` and the statistics, and exits: what a
translator gets from the memory before typing a word.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .errors import CorporaError

__all__ = ["OMEGAT_JAR", "omegat_available", "make_project", "console_translate", "read_stats", "Pretranslation"]

OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))

_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{src}</source_lang>
        <target_lang>{tgt}</target_lang>
        <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def omegat_available(jar: Path = OMEGAT_JAR) -> str:
    """Why OmegaT cannot run here ("" when it can): no ``java`` or no OmegaT.jar."""
    if shutil.which("java") is None:
        return "java is not installed"
    if not jar.is_file():
        return f"{jar} not found (Debian package omegat)"
    return ""


def make_project(folder: str | os.PathLike[str], source: str | os.PathLike[str], tmx: str | os.PathLike[str],
                 src_lang: str, tgt_lang: str) -> Path:
    """An OmegaT project in ``folder`` (created; it must not exist) translating the
    document ``source`` from ``src_lang`` into ``tgt_lang`` (e.g. ``zh-CN``, ``en-US``),
    with ``tmx`` in ``tm/auto/``."""
    root = Path(folder)
    if root.exists():
        raise CorporaError(f"{root}: already exists")
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (root / sub).mkdir(parents=True)
    shutil.copyfile(source, root / "source" / Path(source).name)
    shutil.copyfile(tmx, root / "tm" / "auto" / Path(tmx).name)
    (root / "omegat.project").write_text(_PROJECT.format(src=escape(src_lang), tgt=escape(tgt_lang)),
                                         encoding="utf-8")
    return root


@dataclass(frozen=True)
class Pretranslation:
    """What OmegaT's console translation filled from the memory: segments in the source
    documents (``total``, as OmegaT segments them) and those left untranslated."""

    total: int
    remaining: int

    @property
    def translated(self) -> int:
        """Segments OmegaT pre-translated."""
        return self.total - self.remaining

    @property
    def share(self) -> float:
        """Pre-translated share of the segments."""
        return self.translated / self.total if self.total else 0.0


def console_translate(project: str | os.PathLike[str], jar: Path = OMEGAT_JAR, timeout: float = 600) -> Pretranslation:
    """Run ``OmegaT.jar PROJECT --mode=console-translate`` and read its statistics."""
    why = omegat_available(jar)
    if why:
        raise CorporaError(f"cannot run OmegaT: {why}")
    root = Path(project)
    proc = subprocess.run(["java", "-Djava.awt.headless=true", "-jar", str(jar), str(root),
                           "--mode=console-translate"], capture_output=True, text=True, timeout=timeout,
                          cwd=root)
    stats = root / "omegat" / "project_stats.txt"
    if proc.returncode != 0 or not stats.is_file():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise CorporaError(f"OmegaT failed on {root} (exit {proc.returncode}): {tail[0]}")
    return read_stats(stats)


def read_stats(path: str | os.PathLike[str]) -> Pretranslation:
    """The ``Total`` and ``Remaining`` segment counts of an OmegaT ``project_stats.txt``."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    counts = {}
    for label in ("Total", "Remaining"):
        m = re.search(rf"^{label}:\s+(\d+)", text, re.M)
        if m is None:
            raise CorporaError(f"{path}: no '{label}:' line")
        counts[label] = int(m.group(1))
    return Pretranslation(counts["Total"], counts["Remaining"])
