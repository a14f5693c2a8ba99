"""Property tests: any Unicode text survives every writer and reader.

What a format changes is documented and applied to the expectation: every reader
strips white space around a segment; XML formats drop characters XML 1.0 forbids
(with a warning); TSV turns tabs and line breaks into spaces and drops NUL; CSV
writes line breaks as LF and drops NUL; XLSX and DOCX, XML inside, drop what XML forbids.
"""

from __future__ import annotations

import re
import warnings

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpora import Alignment
from corpora.formats import read_alignment, reader_names, tmx, write_alignment, write_units
from corpora.units import Inline, MemoryHeader, TranslationUnit, Variant

ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_FORMATS = {"tmx", "xliff", "xliff2", "xlsx", "docx"}


def expected(text: str, fmt: str) -> str:
    if fmt in XML_FORMATS:
        text = ILLEGAL_XML.sub("", text)
    if fmt == "tsv":
        text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ").replace("\x00", "")
    if fmt == "csv":
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip()


pairs_strategy = st.lists(st.tuples(st.text(min_size=1), st.text(min_size=1)), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=pairs_strategy)
def test_any_text_round_trips_through_every_format(tmp_path, assert_valid_tmx, pairs):
    pairs = [(s.strip(), t.strip()) for s, t in pairs]
    for fmt in reader_names():
        want = [(expected(s, fmt), expected(t, fmt)) for s, t in pairs]
        assume(all(s and t for s, t in want))
        alignment = Alignment.from_pairs(pairs, "zh", "en", [0.5] * len(pairs))
        path = tmp_path / f"roundtrip.{fmt}"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            write_alignment(alignment, path, fmt)
        if fmt == "tmx":
            assert_valid_tmx(path)
        back = read_alignment(path, fmt, src_lang="zh", tgt_lang="en")
        assert [(p.src, p.tgt) for p in back.pairs()] == want, fmt
        if fmt in ("tmx", "tsv", "jsonl"):
            assert [p.score for p in back.pairs()] == [0.5] * len(pairs)


# TMX inline content as the 1.4 DTD allows it, with text that XML must escape.
safe_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
                    .filter(lambda c: not ILLEGAL_XML.match(c)), min_size=1, max_size=8) | st.sampled_from(
                        ["<b>", "&amp;", "]]>", "\r\n", " ", '"\'', "之江"])
ids = st.integers(1, 9).map(str)
sub = st.builds(lambda c: Inline("sub", (), tuple(c)), st.lists(safe_text, max_size=2))
code_content = st.lists(safe_text | sub, max_size=3)


def codes(children):
    return st.one_of(
        st.builds(lambda i, c: Inline("bpt", (("i", i),), tuple(c)), ids, code_content),
        st.builds(lambda i, c: Inline("ept", (("i", i),), tuple(c)), ids, code_content),
        st.builds(lambda x, c: Inline("ph", (("x", x), ("type", "fmt")), tuple(c)), ids, code_content),
        st.builds(lambda p, c: Inline("it", (("pos", p),), tuple(c)), st.sampled_from(["begin", "end"]), code_content),
        st.builds(lambda c: Inline("ut", (), tuple(c)), code_content),
        st.builds(lambda c: Inline("hi", (("type", "x-b"),), tuple(c)), st.lists(children, max_size=3)),
    )


seg_content = st.recursive(safe_text, codes, max_leaves=12)


def canonical(content) -> tuple:
    """Content as a reader returns it: adjacent strings joined, empty ones gone, CR kept."""
    out: list = []
    for part in content:
        if isinstance(part, Inline):
            out.append(Inline(part.tag, part.attrs, canonical(part.content)))
        elif part and out and isinstance(out[-1], str):
            out[-1] += part
        elif part:
            out.append(part)
    return tuple(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(zh=st.lists(seg_content, max_size=5), en=st.lists(seg_content, max_size=5),
       note=safe_text, prop=safe_text)
def test_inline_tags_props_notes_survive_tmx_to_tmx(tmp_path, assert_valid_tmx, zh, en, note, prop):
    unit = TranslationUnit(
        (Variant("zh-CN", canonical(zh), (("x-v", prop),)), Variant("en-US", canonical(en), (), (note,))),
        tuid="1", props=(("x-p", prop),), notes=(note,), attrs=(("usagecount", "3"),),
    )
    path = tmp_path / "tags.tmx"
    write_units([unit], path, "tmx", MemoryHeader(srclang="zh-CN"))
    assert_valid_tmx(path)
    assert list(tmx.iter_units(path)) == [unit]
