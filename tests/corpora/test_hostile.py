"""Hostile and broken input: the table below gives each file and what must happen.

Every case runs through the command line with an existing output file: a failure
must be ONE line ``duiqi: error: ...`` with exit code 2 (never a traceback), and
leave the output untouched; a recovery must write a correct output. No entity is
ever expanded and no DTD or external entity is ever fetched: the XXE cases point
at a file whose content must never show up, and at a local port nothing listens on.
"""

from __future__ import annotations

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
        assert out.read_text(encoding="utf-8").splitlines() == ["src\ttgt\tscore\ttype\tsrc_ids\ttgt_ids"]
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
