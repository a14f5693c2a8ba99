"""CSV for spreadsheets (BOM, formula injection neutralised, CR-safe) and terminal-safe text."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from corpora.humancsv import human_cell, strip_escapes, terminal_safe, write_human_csv


@pytest.mark.parametrize("cell,expected", [
    ("=SUM(1+1)", "'=SUM(1+1)"), ("+3", "'+3"), ("-2+3", "'-2+3"), ("@SUM(2)", "'@SUM(2)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("之江实验室", "之江实验室"), ("a=b", "a=b"),
    (-0.5, "-0.5"), (3, "3"), (None, ""), (float("nan"), ""), (True, "True"),
])
def test_human_cell(cell, expected):
    assert human_cell(cell) == expected


def test_csv_for_people_has_a_bom_and_neutralised_cells_and_survives_cr(tmp_path):
    out = tmp_path / "t.csv"
    rows = [["=SUM(1+1)", "a\rb", 0.25], ["@x", "c\nd", -1.5], ["之江", "ok", None]]
    assert write_human_csv(out, ["id", "name", "score"], rows) == 3
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,name,score\r\n")
    frame = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert list(frame["id"]) == ["'=SUM(1+1)", "'@x", "之江"]  # 3 rows, not more: CR and LF are quoted
    assert list(frame["name"]) == ["a\rb", "c\nd", "ok"]
    rows_back = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert rows_back[1][2] == "0.25" and rows_back[2][2] == "-1.5"


def test_terminal_safe_shows_escapes():
    hostile = "之江\x1b]0;pwned\x07实验室\x1b[2J\u202eabc\x9b31m"
    safe = terminal_safe(hostile)
    assert "\x1b" not in safe and "\x07" not in safe and "\u202e" not in safe and "\x9b" not in safe
    assert safe == "之江\\x1b]0;pwned\\x07实验室\\x1b[2J\\u202eabc\\x9b31m"
    assert terminal_safe("a\tb\nc") == "a\tb\nc"


def test_strip_escapes_keeps_offsets():
    text = "第\x1b]0;title\x07页 \x1b[31m3\x1b[0m"
    stripped = strip_escapes(text)
    assert len(stripped) == len(text) and "0" not in stripped and "31" not in stripped and "3" in stripped
