"""Evidence tokens (align/tokens.py) on real text: the many-texts forms equal the one-text definitions."""

from __future__ import annotations

import re

import pytest

from align.tokens import STOPWORDS, content_stems, content_stems_many, punctuation_cues, stem
from tests.conftest import SHARED, sentence_fixture

_CUES = (("?", "？?"), ("!", "！!"), ("quote", "“”「」『』\"«»《》"), ("paren", "（）()"))


def _texts(lang: str) -> list[str]:
    texts = [s for p in sentence_fixture(lang) for s in p]
    for name in ("bible-5k", "mac-dev"):
        folder = SHARED / "data" / name
        files = [folder / lang] if (folder / lang).is_file() else sorted((folder / lang).glob("*"))
        for path in files:
            if path.is_file():
                texts += path.read_text(encoding="utf-8").split("\n")[:2000]
    return texts


def _reference_stems(text: str) -> list[str]:
    """Content stems word by word (the definition): hyphenated names joined, other
    compounds split, stopwords and one-letter words left out."""
    out = []
    for w in re.findall(r"[A-Za-z\u00C0-\u024F]+(?:['’\-][A-Za-z\u00C0-\u024F]+)*", text):
        parts = [w]
        if "-" in w:
            parts = [p for p in w.split("-") if p]
            if w[0].isupper() and all(len(p) <= 6 for p in parts):
                parts = ["".join(parts)]
        for p in parts:
            lw = p.lower().replace("’", "'")
            if lw in STOPWORDS or len(lw) < 2:
                continue
            s = stem(lw)
            if s not in STOPWORDS:
                out.append(s)
    return out


def test_content_stems_equal_their_definition():
    texts = _texts("en") + ["Bao-yu's father-in-law went to the U.S.A.", "O’Neil’s ‘quoted’ words", "",
                            "A-B-C-D-E-F-G ex- -post", "Élan café naïve", "I", "the of and"]
    expected = [_reference_stems(t) for t in texts]
    assert content_stems_many(texts) == expected
    assert [content_stems(t) for t in reversed(texts)] == expected[::-1]  # memoized: the same again
    assert content_stems_many(["Bao-yu said", "houses went"]) == [["baoyu", "say"], [stem("house"), "go"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_punctuation_cues_equal_their_definition(lang):
    from align.tokens import _SINGLE_CLOSE, _SINGLE_OPEN

    def reference(text: str) -> list[str]:
        cues = ["cue:" + name for name, chars in _CUES if any(c in text for c in chars)]
        if "cue:quote" not in cues and (_SINGLE_OPEN.search(text) or _SINGLE_CLOSE.search(text)):
            cues.append("cue:quote")
        return cues

    texts = _texts(lang) + ["“你好。”？！（注）", "Why? 'No!' (x)", "Don't go.", "a 'b", "end.' x",
                            "«»", ""]
    assert [punctuation_cues(t) for t in texts] == [reference(t) for t in texts]
    assert punctuation_cues("Why (really)?!") == ["cue:?", "cue:!", "cue:paren"]


def test_ends_quote_reads_a_closing_mark_at_the_very_end():
    from align.tokens import ends_quote

    assert ends_quote("他说：“好。”")
    assert ends_quote("'Go to!'  ")
    assert ends_quote("「走吧！」")
    assert not ends_quote("'Laurel!")  # opens a quotation, does not close one
    assert not ends_quote("“好，”他说。")  # closes one, but the sentence goes on
