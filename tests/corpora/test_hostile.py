"""Hostile and broken input: the table below gives each file and what must happen.

Every case runs through the command line with an existing output file: a failure
must be ONE line ``duiqi: error: ...`` with exit code 2 (never a traceback), and
leave the output untouched; a recovery must write a correct output. No entity is
ever expanded and no DTD or external entity is ever fetched: the XXE cases point
at a file whose content must never show up, and at a local port nothing listens on.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from align.cli import cli

SECRET = "TOP-SECRET-4711"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BODY = ('<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>之江实验室{}</seg></tuv>'
        '<tuv xml:lang="en"><seg>Zhejiang Lab</seg></tuv></tu></body></tmx>\n')


def laughs(_: Path) -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10)]
    return HEAD + f"<!DOCTYPE tmx [{''.join(ents)}]>\n" + BODY.format("&lol9;")


def quadratic(_: Path) -> str:
    return HEAD + f'<!DOCTYPE tmx [<!ENTITY a "{"x" * 50_000}">]>\n' + BODY.format("&a;" * 50_000)


def xxe_file(tmp: Path) -> str:
    (tmp / "secret.txt").write_text(SECRET)
    return HEAD + f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{tmp}/secret.txt">]>\n' + BODY.format("&xxe;")


def xxe_http(_: Path) -> str:
    return HEAD + '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>\n' + BODY.format("&xxe;")


def xxe_parameter(tmp: Path) -> str:
    (tmp / "evil.dtd").write_text(f'<!ENTITY leak "{SECRET}">')
    return HEAD + f'<!DOCTYPE tmx [<!ENTITY % p SYSTEM "file://{tmp}/evil.dtd"> %p;]>\n' + BODY.format("&leak;")


def external_dtd(tmp: Path) -> str:
    (tmp / "tmx14.dtd").write_text(f'<!ENTITY leak "{SECRET}">')
    return HEAD + '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n' + BODY.format("")


def undeclared_entity(tmp: Path) -> str:
    (tmp / "tmx14.dtd").write_text(f'<!ENTITY nbsp "{SECRET}">')
    return HEAD + '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + BODY.format("&nbsp;")


def huge_line(_: Path) -> str:  # one 50 MB text node on one line
    return BODY.format("之" * 17_000_000)


def deep(_: Path) -> str:
    return BODY.format("<hi>" * 5000 + "x" + "</hi>" * 5000)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], str | bytes]
    suffix: str
    expect: str  # "error: <text in the message>" or "ok"


CASES = [
    Case("billion laughs", laughs, ".tmx", "error: never expands entities"),
    Case("quadratic blowup", quadratic, ".tmx", "error: never expands entities"),
    Case("XXE file:///", xxe_file, ".tmx", "error: declares entities (xxe)"),
    Case("XXE http://", xxe_http, ".tmx", "error: declares entities (xxe)"),
    Case("XXE parameter entity", xxe_parameter, ".tmx", "error: declares entities (p)"),
    Case("external DTD (never fetched)", external_dtd, ".tmx", "ok"),
    Case("entity of an unread DTD", undeclared_entity, ".tmx", "error: unexpanded entity &nbsp;"),
    Case("truncated XML", lambda _: BODY[:-30], ".tmx", "error: malformed TMX"),
    Case("wrong root", lambda _: "<html><body><p>hi</p></body></html>", ".tmx", "error: not a TMX file (root element <html>"),
    Case("XLIFF given as TMX", lambda _: '<xliff version="1.2"/>', ".tmx", "error: not a TMX file (root element <xliff>"),
    Case("empty body (a valid empty TMX)", lambda _: '<tmx version="1.4"><header/><body/></tmx>', ".tmx", "empty"),
    Case("no body", lambda _: '<tmx version="1.4"/>', ".tmx", "error: no translation units found"),
    Case("50 MB single line", huge_line, ".tmx", "error: Text node too long"),
    Case("nesting 5000 deep", deep, ".tmx", "error: malformed TMX"),
    Case("NUL in XML", lambda _: BODY.format("\x00"), ".tmx", "error: malformed TMX"),
    Case("binary as TMX", lambda _: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, ".tmx", "error: malformed TMX"),
    Case("0-byte TMX", lambda _: b"", ".tmx", "error: file is empty"),
    Case("0-byte TSV", lambda _: b"", ".tsv", "error: file is empty"),
    Case("binary as TSV", lambda _: b"\x00\x01\x02\xff\xfe\x00" * 2000, ".tsv", "error: looks like a binary file"),
    Case("50 MB single line TSV", lambda _: "之" * 17_000_000, ".tsv", "error: expected source<TAB>target"),
    Case("JSON nested 100000 deep", lambda _: "[" * 100_000 + "]" * 100_000, ".jsonl", "error: "),
    Case("XLIFF with entities", lambda _: HEAD + '<!DOCTYPE xliff [<!ENTITY e "x">]><xliff version="1.2"/>',
         ".xlf", "error: declares entities (e)"),
    Case("a directory", lambda tmp: None, ".tmx", "error: is a directory"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(tmp_path, case):
    src = tmp_path / f"input{case.suffix}"
    content = case.make(tmp_path)
    if content is None:
        src.mkdir()
    elif isinstance(content, bytes):
        src.write_bytes(content)
    else:
        src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.tsv"
    out.write_text("precious")
    result = CliRunner().invoke(cli, ["convert", str(src), str(out)])
    assert SECRET not in result.output + result.stderr + out.read_text(encoding="utf-8")
    if case.expect == "empty":  # converts to an empty result, with a warning
        assert result.exit_code == 0, result.stderr
        assert out.read_text(encoding="utf-8").splitlines() == ["src\ttgt\tscore\ttype\tsrc_ids\ttgt_ids\ttu"]
        assert "no translation units left to write" in result.stderr
        return
    if case.expect == "ok":
        assert result.exit_code == 0, result.stderr
        assert out.read_text(encoding="utf-8").splitlines()[1].startswith("之江实验室\tZhejiang Lab")
        return
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("duiqi: error: "), result.stderr
    assert case.expect.removeprefix("error: ") in lines[0]
    assert out.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left


def test_wildly_mismatched_lengths_align_with_every_sentence_once(tmp_path):
    """Documented recovery: 100 sentences against 1 align; the extra ones become 1-0 beads."""
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("".join(f"第{i}项工作已经完成。" for i in range(100)), encoding="utf-8")
    en.write_text("The first task is done.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["align", str(zh), str(en), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    from corpora.formats import read_alignment

    pairs = list(read_alignment(out).pairs())
    assert "".join(p.src for p in pairs) == zh.read_text(encoding="utf-8")
    assert [p.tgt for p in pairs if p.tgt] == ["The first task is done."]


def test_output_over_an_input_is_refused_even_through_another_path(tmp_path, data_dir):
    src = tmp_path / "m.tmx"
    src.write_bytes((data_dir / "memoq.tmx").read_bytes())
    (tmp_path / "sub").mkdir()
    result = CliRunner().invoke(cli, ["convert", str(src), str(tmp_path / "sub" / ".." / "m.tmx")])
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    assert src.read_bytes() == (data_dir / "memoq.tmx").read_bytes()


# ---- every reader: text, TMX, XLIFF, TSV, JSONL, TBX, CSV, XLSX, lexicon ----
#
# Each case names the reader, a file (or a path to read as is), and the outcome:
# "error: <text>" (one line, exit 2, the output file untouched, no temp file) or a
# check on the result of a run that must succeed.

ZH, EN = "之江实验室召开2020年度内部大会\n", "Zhejiang Lab Holds Its 2020 Internal Conference\n"
TBX_BODY = ('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed:3.0"><text><body>'
            '<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>之江实验室{}</term></termSec></langSec>'
            '<langSec xml:lang="en"><termSec><term>Zhejiang Lab</term></termSec></langSec>'
            '</conceptEntry>{}</body></text></tbx>\n')


def tbx(term_suffix: str = "", doctype: str = "", extra: str = "") -> str:
    return HEAD + doctype + TBX_BODY.format(term_suffix, extra)


def xlsx(tmp: Path, rows=(("zh", "en"), ("之江实验室", "Zhejiang Lab")), patch=None, drop=()) -> bytes:
    """An XLSX workbook written by openpyxl, with parts replaced (``patch``: name -> bytes) or dropped."""
    import io
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    good = io.BytesIO()
    book.save(good)
    out = io.BytesIO()
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info)
            if patch and info.filename in patch:
                data = patch[info.filename](data)
            zout.writestr(info.filename, data)
    return out.getvalue()


def stale_dimension(tmp: Path) -> bytes:
    rows = [("zh", "en")] + [(f"术语{i}", f"term {i}") for i in range(5)]
    return xlsx(tmp, rows, {"xl/worksheets/sheet1.xml": lambda d: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', d)})


def huge_shared_strings(tmp: Path) -> bytes:
    """The shape of the attack: a small file whose shared strings unpack to more than 64 MiB."""
    import io
    import zipfile

    base = xlsx(tmp)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/sharedStrings.xml":
                zout.writestr(info.filename, zin.read(info))
        with zout.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>a</t></si>" * 65536
            for _ in range(70 * 2**20 // len(chunk)):
                part.write(chunk)
            part.write(b"</sst>")
    return out.getvalue()


def lexicon_json(src: object) -> str:
    import json

    return json.dumps({"format": "duiqi-lexicon", "version": 1, "src": src, "tgt": {"lang": "en", "spm": None},
                       "links": []})


@dataclass(frozen=True)
class ReaderCase:
    name: str
    reader: str  # text | convert | glossary | lexicon
    suffix: str
    make: Callable[[Path], str | bytes] | str  # content, or a path to read as is
    expect: str | Callable  # "error: ..." or a check(result, out_path)


def _warned(text: str):
    def check(result, out: Path) -> None:
        assert text in result.stderr, result.stderr
    return check


def _converted(first_row: str):
    def check(result, out: Path) -> None:
        assert out.read_text(encoding="utf-8").splitlines()[1].startswith(first_row)
    return check


def _concepts(n: int):
    def check(result, out: Path) -> None:
        assert f"({n} concepts," in result.stdout, result.stdout
    return check


READER_CASES = [
    # /dev/zero as text input: tests/corpora/test_safeio.py (in a child process with a memory limit)
    ReaderCase("text: binary", "text", ".txt", lambda _: bytes(range(256)) * 100, "error: "),
    ReaderCase("TMX: 20,000 attributes on a tu", "convert", ".tmx", lambda _: BODY.format("").replace(
        "<tu>", "<tu " + " ".join(f'a{i}="v"' for i in range(20_000)) + ">"), _warned("20000 attributes")),
    ReaderCase("TMX: a score of nan", "convert", ".tmx", lambda _: BODY.format("").replace(
        "<tu>", '<tu><prop type="x-score">nan</prop>'), _converted("之江实验室\tZhejiang Lab\t\t")),
    ReaderCase("XLIFF: external entity", "convert", ".xlf", lambda t: HEAD + f'<!DOCTYPE xliff [<!ENTITY x SYSTEM '
               f'"file://{t}/secret.txt">]><xliff version="1.2"><file/></xliff>', "error: declares entities (x)"),
    ReaderCase("XLIFF 2.0 named .txt (format from the content)", "convert", ".txt", lambda _: HEAD +
               '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">'
               '<file id="f"><unit id="u"><segment><source>之江实验室</source><target>Zhejiang Lab</target>'
               '</segment></unit></file></xliff>', _converted("之江实验室\tZhejiang Lab")),
    ReaderCase("unknown extension, unknown content", "convert", ".dat", lambda _: "just words\n",
               "error: cannot tell the format from the extension or the content"),
    ReaderCase("JSONL: lone surrogates", "convert", ".jsonl", lambda _: '{"src": "之江\\ud800", "tgt": "Lab\\udfff"}\n',
               _warned("lone surrogate")),
    ReaderCase("JSONL: a score of 1e999", "convert", ".jsonl", lambda _: '{"src": "之江", "tgt": "Lab", "score": 1e999}\n',
               _converted("之江\tLab\t\t")),
    ReaderCase("JSONL: not an object", "convert", ".jsonl", lambda _: "[1, 2]\n", "error: expected an object"),
    ReaderCase("TSV: a score of inf", "convert", ".tsv", lambda _: "之江\tLab\tinf\n", _converted("之江\tLab\t\t")),
    ReaderCase("TBX: internal entity", "glossary", ".tbx", lambda _: tbx("&e;", '<!DOCTYPE tbx [<!ENTITY e "x">]>\n'),
               "error: declares entities (e)"),
    ReaderCase("TBX: external entity", "glossary", ".tbx", lambda t: tbx("&x;", f'<!DOCTYPE tbx [<!ENTITY x SYSTEM '
               f'"file://{t}/secret.txt">]>\n'), "error: declares entities (x)"),
    ReaderCase("TBX: billion laughs", "glossary", ".tbx", lambda _: tbx("&lol9;", laughs(_).split("\n")[1] + "\n"),
               "error: never expands entities"),
    ReaderCase("TBX: external DTD, undeclared entity", "glossary", ".tbx", lambda _: tbx(
        "&nbsp;", '<!DOCTYPE tbx SYSTEM "http://127.0.0.1:9/tbx.dtd">\n'), "error: unexpanded entity &nbsp;"),
    ReaderCase("TBX: an empty term", "glossary", ".tbx", lambda _: tbx(extra=(
        '<conceptEntry id="c2"><langSec xml:lang="zh"><termSec><term>实验室</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term/></termSec></langSec></conceptEntry>')), _warned("empty <term>")),
    ReaderCase("TBX-Min, an entry without terms", "glossary", ".tbx", lambda _: HEAD + '<TBX dialect="TBX-Min"><body>'
               '<entry id="e1"><langGroup xml:lang="zh"><termGroup><term>之江实验室</term></termGroup></langGroup>'
               '<langGroup xml:lang="en"><termGroup><term>Zhijiang Lab</term><termStatus>notRecommended</termStatus>'
               '</termGroup></langGroup></entry><entry id="e2"><langGroup xml:lang="en"/></entry></body></TBX>',
               _warned("<entry> 'e2' has no terms; skipped")),
    ReaderCase("TBX: a 5,000-character term", "glossary", ".tbx", lambda _: tbx("之" * 5000),
               "error: a term of 5,005 characters"),
    ReaderCase("CSV: a stray quote", "glossary", ".csv", lambda _: 'zh,en\n之江实验室,"Zhejiang Lab\n科技部,MOST\n'
               '浙江大学,Zhejiang University\n工程院,"CAE"\n', "error: stray"),
    ReaderCase("CSV: a 5,000-character term", "glossary", ".csv", lambda _: "zh,en\n" + "之" * 5000 + ",x\n",
               "error: a term of 5,000 characters"),
    ReaderCase("CSV: binary", "glossary", ".csv", lambda _: b"\x00\x01\xff" * 3000, "error: looks like a binary"),
    ReaderCase("XLSX: not a zip", "glossary", ".xlsx", lambda _: b"PK\x03\x04 not really", "error: not a zip file"),
    ReaderCase("XLSX: bad sheet XML", "glossary", ".xlsx", lambda t: xlsx(t, patch={
        "xl/worksheets/sheet1.xml": lambda d: d[: len(d) // 2]}), "error: not a readable XLSX workbook"),
    ReaderCase("XLSX: no sheet", "glossary", ".xlsx", lambda t: xlsx(t, drop=("xl/worksheets/sheet1.xml",)),
               "error: it has no worksheet"),
    ReaderCase("XLSX: entities inside", "glossary", ".xlsx", lambda t: xlsx(t, patch={
        "xl/worksheets/sheet1.xml": lambda d: d.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY e "x">]><worksheet', 1)}),
        "error: declares a DTD or entities"),
    ReaderCase("XLSX: shared strings over 64 MiB unpacked", "glossary", ".xlsx", huge_shared_strings,
               "error: more than the 64 MiB"),
    ReaderCase("XLSX: a 100,000-character string", "glossary", ".xlsx", lambda t: xlsx(t, [("zh", "en"), ("之" * 100_000, "x")]),
               "error: a term of 32,767 characters"),  # openpyxl keeps 32,767 (Excel's limit)
    ReaderCase("XLSX: a stale <dimension>", "glossary", ".xlsx", stale_dimension, _concepts(5)),
    ReaderCase("lexicon: a list", "lexicon", ".json", lambda _: "[1, 2]", "error: not a valid lexicon file"),
    ReaderCase("lexicon: lang null", "lexicon", ".json", lambda _: lexicon_json({"lang": None, "spm": None}),
               "error: not a valid lexicon file"),
    ReaderCase("lexicon: not JSON", "lexicon", ".json", lambda _: "{oops", "error: not a valid lexicon file"),
]


@pytest.mark.parametrize("case", READER_CASES, ids=[c.name for c in READER_CASES])
def test_every_reader_on_hostile_input(tmp_path, case):
    (tmp_path / "secret.txt").write_text(SECRET)
    if isinstance(case.make, str):
        src = Path(case.make)
    else:
        src = tmp_path / f"input{case.suffix}"
        content = case.make(tmp_path)
        src.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    out = tmp_path / "out.tsv"
    out.write_text("precious")
    args = {
        "text": ["align", str(src), str(en), "-o", str(out)],
        "convert": ["convert", str(src), str(out)],
        "glossary": ["glossary", "show", str(src)],
        "lexicon": ["align", str(zh), str(en), "--lexicon", str(src), "-o", str(out)],
    }[case.reader]
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner).parameters else CliRunner()
    result = runner.invoke(cli, args)
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr and "internal error" not in result.stderr
    if callable(case.expect):
        assert result.exit_code == 0, result.stderr
        case.expect(result, out)
        return
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("duiqi: error: "), result.stderr
    assert case.expect.removeprefix("error: ") in lines[0], lines[0]
    assert out.read_text() == "precious"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left
