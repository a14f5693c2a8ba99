"""The bounded XLSX reader that term bases and bilingual tables share."""

from __future__ import annotations

import pytest

from corpora.errors import FormatError
from corpora.xlsxsafe import read_sheet
from test_hostile import stale_dimension, xlsx


def test_every_row_whatever_the_dimension_says_from_a_path_or_bytes(tmp_path):
    data = stale_dimension(tmp_path)
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    for title, rows in (read_sheet(path), read_sheet("<stdin>", data)):
        assert title == "Sheet" and [r[0] for _, r in rows] == ["zh"] + [f"术语{i}" for i in range(5)]


def test_entities_inside_a_part_are_refused(tmp_path):
    data = xlsx(tmp_path, patch={"xl/workbook.xml": lambda d: b'<!DOCTYPE w [<!ENTITY e "x">]>' + d.split(b"?>", 1)[-1]})
    with pytest.raises(FormatError, match="xl/workbook.xml declares a DTD or entities"):
        read_sheet("w.xlsx", data)
