"""Bilingual tables read as aligned pairs; XLSX and DOCX outputs read back."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from align.cli import cli
from corpora import bundled_corpus
from corpora.formats import read_alignment, write_alignment
from corpora.formats.beads import read_beads

CORPUS = bundled_corpus()


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture(scope="module")
def gold_pairs():
    """The bundled report's gold pairs (two-sided beads) as text."""
    from align.api import prepare_side
    from corpora import read_text

    zh, _ = prepare_side(read_text(CORPUS.zh), "zh")
    en, _ = prepare_side(read_text(CORPUS.en), "en")
    pairs = []
    for b in read_beads(CORPUS.gold):
        if b.src and b.tgt:
            pairs.append(("".join(zh[i].text for i in b.src), " ".join(en[i].text for i in b.tgt)))
    return pairs


def test_tsv_language_header_is_not_a_unit(tmp_path):
    path = tmp_path / "bi.tsv"
    path.write_text("zh\ten\n你好。\tHello.\n再见。\tBye.\n", encoding="utf-8")
    a = read_alignment(path)
    assert [(p.src, p.tgt) for p in a.pairs()] == [("你好。", "Hello."), ("再见。", "Bye.")]
    swapped = tmp_path / "swapped.tsv"
    swapped.write_text("English\t中文\nHello.\t你好。\n", encoding="utf-8")
    b = read_alignment(swapped)
    assert (b.src_lang, b.tgt_lang) == ("en", "zh") and b.src[0].text == "Hello."


@pytest.mark.parametrize("header", ["中文,English", "source,target", "zh-CN;en-US", ""])
def test_csv_with_and_without_header(tmp_path, header, gold_pairs):
    sep = ";" if ";" in header else ","
    path = tmp_path / "bi.csv"
    rows = ([header] if header else []) + [f'"{s}"{sep}"{t}"' for s, t in gold_pairs]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    a = read_alignment(path)
    assert [(p.src, p.tgt) for p in a.pairs()] == gold_pairs
    assert a.src_lang.startswith("zh") and a.tgt_lang.startswith("en")
    result = run("convert", str(path), str(tmp_path / "out.tmx"))
    assert result.exit_code == 0 and f"wrote {len(gold_pairs)} unit(s)" in result.output


def test_xlsx_made_by_openpyxl_read_as_pairs(tmp_path, gold_pairs):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["English", "Chinese", "note"])
    for s, t in gold_pairs:
        sheet.append([t, s, "checked"])
    path = tmp_path / "client.xlsx"
    book.save(path)
    a = read_alignment(path)
    assert (a.src_lang, a.tgt_lang) == ("en", "zh")
    assert [(p.tgt, p.src) for p in a.pairs()] == gold_pairs
    check = run("check", "--pairs", str(path), "-g", str(CORPUS.glossary_tbx))
    assert check.exit_code == 0, check.output
    review = run("review", "--pairs", str(path), "-o", str(tmp_path / "r.html"))
    assert review.exit_code == 0, review.output
    merged = run("tmx", "merge", str(path), str(path), "-o", str(tmp_path / "m.tmx"))
    assert merged.exit_code == 0 and f"wrote {2 * len(gold_pairs)} unit(s)" in merged.output


def test_docx_table_made_by_pandoc_read_as_pairs(tmp_path, gold_pairs):
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed")
    md = tmp_path / "table.md"
    md.write_text("| 中文 | English |\n| --- | --- |\n"
                  + "".join(f"| {s} | {t} |\n" for s, t in gold_pairs), encoding="utf-8")
    docx = tmp_path / "table.docx"
    subprocess.run([pandoc, "-f", "markdown-smart", str(md), "-o", str(docx)], check=True, timeout=120)
    a = read_alignment(docx)
    assert [(p.src, p.tgt) for p in a.pairs()] == gold_pairs
    result = run("check", "--pairs", str(docx), "-g", str(CORPUS.glossary_tbx))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("ext", ["xlsx", "docx"])
def test_outputs_read_back_as_the_same_pairs(tmp_path, ext):
    out = tmp_path / f"out.{ext}"
    result = run("align", str(CORPUS.zh), str(CORPUS.en), "-o", str(out))
    assert result.exit_code == 0, result.output
    tsv = tmp_path / "out.tsv"
    assert run("align", str(CORPUS.zh), str(CORPUS.en), "-o", str(tsv), "-q").exit_code == 0
    back, plain = read_alignment(out), read_alignment(tsv)
    assert [(p.src, p.tgt) for p in back.pairs()] == [(p.src, p.tgt) for p in plain.pairs()]
    assert (back.src_lang, back.tgt_lang) == ("zh", "en")
    if ext == "xlsx":
        assert [p.score for p in back.pairs()] == [p.score for p in plain.pairs()]
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        assert sheet.freeze_panes == "A2"
        assert [c.value for c in sheet[1]] == ["zh", "en", "score", "type", "check"]


def test_xlsx_marks_low_confidence_and_never_writes_formulas(tmp_path):
    from openpyxl import load_workbook

    from corpora import Alignment

    a = Alignment.from_pairs([("=1+1", "=cmd|' /C calc'!A0"), ("好。", "Good.")], "zh", "en", [0.05, 0.9])
    path = tmp_path / "x.xlsx"
    write_alignment(a, path)
    sheet = load_workbook(path).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
    assert [sheet["E2"].value, sheet["E3"].value] == ["low", None]


def test_stdin_pairs(tmp_path):
    data = "zh\ten\n你好。\tHello.\n".encode()
    result = run("convert", "-", str(tmp_path / "o.jsonl"), input=data)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o.jsonl").read_text(encoding="utf-8").count("\n") == 1
    bad = run("convert", "-", str(tmp_path / "o.tmx"), input=b"just words\n")
    assert bad.exit_code == 2 and "<stdin>" in bad.output
