"""Fuzz tests: mutated TMX, XLIFF and TBX files end in a DuiqiError or in units, never in
another exception. TBX goes through :func:`corpora.xmlsafe.iter_xml`, the parser a TBX
reader builds on. ``FUZZ_EXAMPLES=2000`` runs a longer campaign."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpora import DuiqiError, bundled_corpus
from corpora.formats import tmx, xliff
from corpora.xmlsafe import iter_xml, release

DATA = Path(__file__).resolve().parent / "data"
TOKENS = [b"<", b">", b"&", b"&lol;", b"]]>", b"<!ENTITY x 'y'>", b"<!DOCTYPE tmx [", b"\x00", b"\xff\xfe",
          b"<seg>", b"</tu>", b"<tuv xml:lang='en'>", b"<bpt i='1'>", b"<g id='1'>", b'"', b"<?xml version='1.0'?>",
          b"\xe4\xb8", b"<termEntry>", b"<![CDATA[", b"-->", b"<!--"]


def read_tbx(path: Path) -> int:
    n = 0
    for event, el in iter_xml(path, ("tbx", "martif"), "TBX"):
        if event == "end" and isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in ("conceptEntry", "termEntry"):
            n += 1
            release(el)
    return n


READERS = {
    "memoq.tmx": lambda p: list(tmx.iter_units(p)),
    "trados_utf16.tmx": lambda p: list(tmx.iter_units(p)),
    "omegat_tmx11.tmx": lambda p: list(tmx.iter_units(p)),
    "okapi_xliff12.xlf": lambda p: list(xliff.iter_units(p)),
    "xliff20.xlf": lambda p: list(xliff.iter_units(p)),
    "glossary.tbx": read_tbx,
}


def seed(name: str) -> bytes:
    path = bundled_corpus().glossary_tbx if name == "glossary.tbx" else DATA / name
    return path.read_bytes()[:6000]


mutation = st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate"]), st.floats(0, 1),
                     st.sampled_from(TOKENS), st.integers(1, 255))


@pytest.mark.parametrize("name", sorted(READERS))
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_files_fail_cleanly(tmp_path, name, mutations):
    data = bytearray(seed(name))
    for op, where, token, byte in mutations:
        at = int(where * len(data))
        if op == "flip" and data:
            data[min(at, len(data) - 1)] ^= byte
        elif op == "insert":
            data[at:at] = token
        elif op == "delete":
            del data[at:at + byte]
        else:
            del data[at:]
    path = tmp_path / name
    path.write_bytes(bytes(data))
    try:
        READERS[name](path)
    except DuiqiError as e:
        assert "\n" not in str(e) and str(path) in str(e)


def test_the_unmutated_files_read(data_dir):
    for name, reader in READERS.items():
        path = bundled_corpus().glossary_tbx if name == "glossary.tbx" else data_dir / name
        assert reader(path)
