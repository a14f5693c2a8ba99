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


def _table_cells(path, ext):
    """The (source, target, type) rows of a written table, header left out."""
    if ext == "xlsx":
        from openpyxl import load_workbook

        rows = [[c.value or "" for c in r] for r in load_workbook(path).active.iter_rows(min_row=2)]
        return [(r[0], r[1], r[3]) for r in rows]
    if ext == "docx":
        from corpora.formats.docx import table_rows

        rows = table_rows(path.read_bytes(), str(path))[1:]
        return [(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows]
    import csv

    with open(path, encoding="utf-8") as f:
        return [(r[0], r[1], r[3]) for r in list(csv.reader(f))[1:]]


@pytest.mark.parametrize("ext", ["xlsx", "docx", "csv"])
def test_tables_get_the_tmx_sentence_units_and_read_back_as_beads(tmp_path, ext):
    from corpora.formats import read_units

    tmx, table, beads = tmp_path / "m.tmx", tmp_path / f"m.{ext}", tmp_path / f"b.{ext}"
    for path, extra in ((tmx, ()), (table, ()), (beads, ("--units", "bead"))):
        result = run("align", str(CORPUS.zh), str(CORPUS.en), "-o", str(path), "-q", *extra)
        assert result.exit_code == 0, result.output
    rows = _table_cells(table, ext)
    _, units = read_units(tmx)
    memory = [(u.text("zh-CN"), u.text("en-US")) for u in units]
    assert [(s, t) for s, t, _ in rows if s and t] == memory  # the TMX's units, in its order
    parts = [kind for _, _, kind in rows if "part" in kind]
    assert parts and all(k.startswith("1-1 part ") for k in parts)
    bead_rows = _table_cells(beads, ext)
    assert len(bead_rows) < len(rows) and not any("part" in k for _, _, k in bead_rows)
    # every sentence of either side is a whole cell of some row (a CAT tool's lookup)
    from align.api import prepare_side
    from corpora import read_text

    cells = {c for s, t, _ in rows for c in (s, t)}
    for text, lang in ((CORPUS.zh, "zh"), (CORPUS.en, "en")):
        sentences = [s.text for s in prepare_side(read_text(text), lang)[0]]
        assert [s for s in sentences if s not in cells] == []
    # read back, the derived rows are left out: the table is its beads again
    back, plain = read_alignment(table), read_alignment(beads)
    assert [(p.src, p.tgt) for p in back.pairs()] == [(p.src, p.tgt) for p in plain.pairs()]
