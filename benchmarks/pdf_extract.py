"""Which PDF library extracts the Chinese (and English) of the bundled report correctly.

    python benchmarks/pdf_extract.py

Prints the report with headless Chromium (default date/title header, URL/page-number
footer) and LibreOffice (from a pandoc DOCX), extracts the text with pdfminer.six
(duiqi's reader, and pdfminer's own extract_text) and with pypdf when installed, and
prints for each: the character accuracy against the plain text (1 - edit distance /
length, white space ignored), spaces inserted between Chinese characters and digits,
and (duiqi's reader only) paragraphs matching exactly.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpora import bundled_corpus, read_text  # noqa: E402
from corpora.documents import read_document  # noqa: E402

_CJK = "\u4e00-\u9fff"


def _accuracy(got: str, want: str) -> float:
    a, b = re.sub(r"\s+", "", got), re.sub(r"\s+", "", want)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _cjk_spaces(text: str) -> int:
    return len(re.findall(rf"[{_CJK}] [0-9]|[0-9] [{_CJK}]|[{_CJK}] [{_CJK}]", text))


def _make(d: Path) -> dict[str, Path]:
    corpus = bundled_corpus()
    made = {}
    for lang, src in (("zh", corpus.zh), ("en", corpus.en)):
        html, docx = d / f"{lang}.html", d / f"{lang}.docx"
        subprocess.run(["pandoc", "-f", "markdown-smart", str(src), "-s", "--metadata", f"pagetitle=report {lang}",
                        "-o", str(html)], check=True)
        subprocess.run(["pandoc", "-f", "markdown-smart", str(src), "-o", str(docx)], check=True)
        chromium = shutil.which("chromium") or "chromium"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={d}/profile",
                        f"--print-to-pdf={d}/{lang}.chromium.pdf", html.as_uri()], check=True, capture_output=True)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{d}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", str(d / "lo"), str(docx)], check=True, capture_output=True)
        made[f"{lang}.chromium"] = d / f"{lang}.chromium.pdf"
        made[f"{lang}.libreoffice"] = d / "lo" / f"{lang}.pdf"
    return made


def main() -> None:
    for tool in ("pandoc", "soffice"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed")
    corpus = bundled_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        made = _make(Path(tmp))
        print(f"{'pdf':18} {'extractor':22} {'char acc':>8} {'cjk spaces':>10} {'paragraphs':>10}")
        for name, pdf in made.items():
            want = read_text(corpus.zh if name.startswith("zh") else corpus.en)
            paragraphs = [p.strip() for p in want.split("\n\n") if p.strip()]
            doc = read_document(pdf)
            same = sum(1 for a, b in zip(doc.blocks, paragraphs) if a.text == b)
            print(f"{name:18} {'duiqi (pdfminer.six)':22} {_accuracy(doc.text, want):8.4f} "
                  f"{_cjk_spaces(doc.text):10d} {same:4d}/{len(paragraphs):<5d}")
            from pdfminer.high_level import extract_text

            raw = extract_text(str(pdf))
            print(f"{'':18} {'pdfminer extract_text':22} {_accuracy(raw, want):8.4f} {_cjk_spaces(raw):10d}")
            try:
                import pypdf
            except ImportError:
                continue
            text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
            print(f"{'':18} {'pypdf':22} {_accuracy(text, want):8.4f} {_cjk_spaces(text):10d}")


if __name__ == "__main__":
    main()
