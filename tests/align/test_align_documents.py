"""Real documents made by real tools from the bundled report align as its plain text does.

pandoc writes DOCX, ODT, HTML, EPUB and Markdown; Chromium prints the HTML to PDF
(with its default date/title header and URL/page-number footer on every page) and
LibreOffice converts the DOCX to PDF. Each pair must reach the strict F1 of the
plain text (1.0 against gold.align). Tests are skipped when a tool is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.evaluate import score_alignments
from corpora import bundled_corpus, read_text
from corpora.documents import read_document
from corpora.formats.beads import read_beads

CORPUS = bundled_corpus()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PANDOC_FORMATS = ("docx", "odt", "html", "epub", "md")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _cjk_font() -> None:
    fc = shutil.which("fc-list")
    if fc is None or not subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip():
        pytest.skip("no Chinese font installed (fonts-wqy-zenhei): a printed PDF would hold no Chinese text")


def _pandoc(src: Path, out: Path) -> Path:
    subprocess.run([_tool("pandoc"), "-f", "markdown-smart", str(src), "-s", "--metadata",
                    f"pagetitle=Zhejiang Lab {src.stem}", "-o", str(out)],
                   check=True, capture_output=True, timeout=120)
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """zh.<fmt> and en.<fmt> made by pandoc from the bundled report."""
    _tool("pandoc")
    d = tmp_path_factory.mktemp("documents")
    for lang, src in (("zh", CORPUS.zh), ("en", CORPUS.en)):
        for fmt in PANDOC_FORMATS:
            _pandoc(Path(src), d / f"{lang}.{fmt}")
    return d


@pytest.fixture(scope="module")
def chromium_pdfs(documents, tmp_path_factory):
    """zh.pdf and en.pdf printed by headless Chromium with its default header and footer."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or _tool("google-chrome")
    _cjk_font()
    d = tmp_path_factory.mktemp("chromium")
    for lang in ("zh", "en"):
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={d}/profile",
                        f"--print-to-pdf={d}/{lang}.pdf", (documents / f"{lang}.html").as_uri()],
                       check=True, capture_output=True, timeout=180)
    return d


def _paragraphs(path) -> list[str]:
    return [p.strip() for p in read_text(path).split("\n\n") if p.strip()]


def _f1(src, tgt, *extra) -> float:
    result = CliRunner().invoke(cli, ["align", str(src), str(tgt), "--format", "align", "-q", *extra])
    assert result.exit_code == 0, result.output
    from corpora.formats.beads import parse_beads

    return score_alignments([read_beads(CORPUS.gold)], [parse_beads(result.output)]).f1_strict


def test_plain_text_baseline():
    assert _f1(CORPUS.zh, CORPUS.en) == 1.0


@pytest.mark.parametrize("fmt", PANDOC_FORMATS)
def test_pandoc_documents_align_as_the_plain_text(documents, fmt):
    assert _f1(documents / f"zh.{fmt}", documents / f"en.{fmt}") == 1.0


@pytest.mark.parametrize("fmt", ("docx", "odt", "html", "epub"))
def test_pandoc_documents_hold_exactly_the_paragraphs(documents, fmt):
    for lang, src in (("zh", CORPUS.zh), ("en", CORPUS.en)):
        assert [b.text for b in read_document(documents / f"{lang}.{fmt}").blocks] == _paragraphs(src)


def test_browser_pdf_loses_no_sentence_and_gains_no_header_line(chromium_pdfs):
    for lang, src in (("zh", CORPUS.zh), ("en", CORPUS.en)):
        doc = read_document(chromium_pdfs / f"{lang}.pdf")
        assert [b.text for b in doc.blocks] == _paragraphs(src)
    assert _f1(chromium_pdfs / "zh.pdf", chromium_pdfs / "en.pdf") == 1.0


def test_browser_header_title_same_as_the_first_heading(documents, tmp_path):
    """The printed header repeats the page title; the body's own first line, the same
    text at another height, stays."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or _tool("google-chrome")
    _cjk_font()
    for lang, src in (("zh", CORPUS.zh), ("en", CORPUS.en)):
        first = _paragraphs(src)[0]
        page = (documents / f"{lang}.html").read_text(encoding="utf-8")
        page = re.sub(r"<title>.*?</title>", f"<title>{first}</title>", page, count=1, flags=re.S)
        html = tmp_path / f"{lang}.html"
        html.write_text(page, encoding="utf-8")
        pdf = tmp_path / f"{lang}.pdf"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/p",
                        f"--print-to-pdf={pdf}", html.as_uri()], check=True, capture_output=True, timeout=180)
        assert [b.text for b in read_document(pdf).blocks] == _paragraphs(src)


def test_word_source_with_pdf_translation(documents, chromium_pdfs, tmp_path):
    """The issue's own example: `duiqi align report.docx report.en.pdf`."""
    docx = tmp_path / "report.docx"
    pdf = tmp_path / "report.en.pdf"
    shutil.copy(documents / "zh.docx", docx)
    shutil.copy(chromium_pdfs / "en.pdf", pdf)
    assert _f1(docx, pdf) == 1.0


def test_libreoffice_pdf(documents, tmp_path):
    soffice = shutil.which("soffice") or _tool("libreoffice")
    _cjk_font()
    for lang in ("zh", "en"):
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                        "pdf", "--outdir", str(tmp_path), str(documents / f"{lang}.docx")],
                       check=True, capture_output=True, timeout=300)
    assert _f1(tmp_path / "zh.pdf", tmp_path / "en.pdf") == 1.0


@pytest.fixture(scope="module")
def libreoffice_documents(documents, tmp_path_factory):
    """ODT, DOCX, EPUB and HTML of the report saved by LibreOffice (from pandoc's DOCX)."""
    soffice = shutil.which("soffice") or _tool("libreoffice")
    d = tmp_path_factory.mktemp("libreoffice")
    profile = f"-env:UserInstallation=file://{d}/profile"

    def convert(to: str, sources: list[Path], outdir: Path) -> None:
        subprocess.run([soffice, profile, "--headless", "--convert-to", to, "--outdir", str(outdir),
                        *map(str, sources)], check=True, capture_output=True, timeout=300)

    convert("odt", [documents / "zh.docx", documents / "en.docx"], d)
    convert("docx:MS Word 2007 XML", [d / "zh.odt", d / "en.odt"], d / "docx")
    convert("epub", [d / "zh.odt", d / "en.odt"], d / "epub")
    convert("html", [d / "zh.odt", d / "en.odt"], d / "html")
    return {"odt": d, "docx": d / "docx", "epub": d / "epub", "html": d / "html"}


@pytest.mark.parametrize("fmt", ("odt", "docx", "epub", "html"))
def test_libreoffice_documents_hold_exactly_the_paragraphs(libreoffice_documents, fmt):
    folder = libreoffice_documents[fmt]
    for lang, src in (("zh", CORPUS.zh), ("en", CORPUS.en)):
        assert [b.text for b in read_document(folder / f"{lang}.{fmt}").blocks] == _paragraphs(src)
    assert _f1(folder / f"zh.{fmt}", folder / f"en.{fmt}") == 1.0


def test_html_site_navigation_and_footer_dropped(documents, tmp_path):
    for lang in ("zh", "en"):
        page = (documents / f"{lang}.html").read_text(encoding="utf-8")
        page = page.replace("<body>", '<body>\n<header><nav><a href="/">首页 Home</a> | <a href="/news">新闻 News'
                            "</a></nav></header>\n", 1)
        page = page.replace("</body>", "<footer><p>版权所有 © 之江实验室 Copyright Zhejiang Lab. "
                            "All rights reserved.</p></footer>\n<script>track();</script></body>", 1)
        (tmp_path / f"{lang}.html").write_text(page, encoding="utf-8")
    assert _f1(tmp_path / "zh.html", tmp_path / "en.html") == 1.0


def test_planted_errors_found_in_docx_as_in_text(tmp_path):
    planted = FIXTURES / "zhejiang_lab_2020" / "en.planted.txt"
    zh_docx = _pandoc(Path(CORPUS.zh), tmp_path / "zh.docx")
    en_docx = _pandoc(planted, tmp_path / "en.planted.docx")
    reports = []
    for src, tgt, name in ((CORPUS.zh, planted, "text.json"), (zh_docx, en_docx, "docx.json")):
        result = CliRunner().invoke(cli, ["check", str(src), str(tgt), "-g", str(CORPUS.glossary_tbx),
                                          "-o", str(tmp_path / name)])
        assert result.exit_code == 1, result.output
        issues = json.loads((tmp_path / name).read_text(encoding="utf-8"))["issues"]
        reports.append(sorted((i["kind"], i["term"], i["found"]) for i in issues))
    assert reports[0] and reports[0] == reports[1]


def _srt(sentences: list[str], path: Path, vtt: bool = False) -> Path:
    cues = []
    for k, text in enumerate(sentences):
        start, end = 2 * k, 2 * k + 1
        stamp = (lambda s: f"00:{s // 60:02d}:{s % 60:02d}.000") if vtt else (lambda s: f"00:{s // 60:02d}:{s % 60:02d},000")
        cues.append(("" if vtt else f"{k + 1}\n") + f"{stamp(start)} --> {stamp(end)}\n<i>{text}</i>\n")
    path.write_text(("WEBVTT\n\n" if vtt else "") + "\n".join(cues), encoding="utf-8")
    return path


@pytest.mark.parametrize("vtt", [False, True])
def test_subtitles_one_segment_per_cue_with_timecodes(tmp_path, vtt):
    ext = "vtt" if vtt else "srt"
    sentences = {}
    for lang in ("zh", "en"):
        lines = (FIXTURES / "zhejiang_lab_2020" / f"{lang}.sentences.txt").read_text(encoding="utf-8").split("\n")
        sentences[lang] = [ln for ln in lines if ln.strip()]
    zh = _srt(sentences["zh"], tmp_path / f"zh.{ext}", vtt)
    en = _srt(sentences["en"], tmp_path / f"en.{ext}", vtt)
    # cues are segments, never split or merged: the same beads as the sentences one a line
    (tmp_path / "zh.lines").write_text("\n".join(sentences["zh"]) + "\n", encoding="utf-8")
    (tmp_path / "en.lines").write_text("\n".join(sentences["en"]) + "\n", encoding="utf-8")
    baseline = _f1(tmp_path / "zh.lines", tmp_path / "en.lines", "--no-split")
    assert baseline > 0.9 and _f1(zh, en) == baseline
    out = tmp_path / "film.tmx"
    result = CliRunner().invoke(cli, ["align", str(zh), str(en), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    from lxml import etree

    tus = etree.parse(str(out)).findall(".//tu")
    first_zh = tus[0].findall("tuv")[0]
    assert {p.get("type"): p.text for p in first_zh.findall("prop")} == {
        "x-start": "00:00:00,000" if not vtt else "00:00:00.000",
        "x-end": "00:00:01,000" if not vtt else "00:00:01.000"}
    assert all(len(tu.findall("tuv/prop")) == 4 for tu in tus)


def test_long_browser_pdf_paragraphs_across_pages(mac_dev, tmp_path):
    """A ten-page chapter, one sentence a paragraph, Chinese indented and justified:
    every paragraph comes back, page breaks and running heads notwithstanding."""
    import html

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or _tool("google-chrome")
    _cjk_font()
    for lang, style in (("zh", "p{text-indent:2em;text-align:justify}"), ("en", "")):
        lines = [ln.strip() for ln in read_text(mac_dev / lang / "001").split("\n") if ln.strip()]
        page = tmp_path / f"{lang}.html"
        page.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Chapter 1</title><style>{style}"
                        "</style></head><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
                        + "</body></html>", encoding="utf-8")
        pdf = tmp_path / f"{lang}.pdf"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/p",
                        f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=180)
        assert [b.text for b in read_document(pdf).blocks] == lines
        # the same through Word and LibreOffice (page-number footers, justified lines, em dashes)
        md = tmp_path / f"{lang}.txt"
        md.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        docx = _pandoc(md, tmp_path / f"{lang}.docx")
        soffice = shutil.which("soffice") or _tool("libreoffice")
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / "lo"), str(docx)], check=True, capture_output=True, timeout=300)
        assert [b.text for b in read_document(tmp_path / "lo" / f"{lang}.pdf").blocks] == lines
