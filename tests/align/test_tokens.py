"""Evidence tokens (align/tokens.py) on real text: the many-texts forms equal the one-text definitions."""

from __future__ import annotations

import pytest

from align.tokens import content_stems, content_stems_many, punctuation_cues
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


def test_content_stems_many_equals_content_stems():
    texts = _texts("en") + ["Bao-yu's father-in-law went to the U.S.A.", "O’Neil’s ‘quoted’ words", "",
                            "A-B-C-D-E-F-G ex- -post", "Élan café naïve", "I", "the of and"]
    assert content_stems_many(texts) == [content_stems(t) for t in texts]
    assert content_stems_many(["Bao-yu said", "houses went"]) == [["baoyu", "say"], [content_stems("house")[0], "go"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_punctuation_cues_equal_their_definition(lang):
    from align.tokens import _SINGLE_CLOSE, _SINGLE_OPEN

    def reference(text: str) -> list[str]:
        cues = ["cue:" + name for name, chars in _CUES if any(c in text for c in chars)]
        if "cue:quote" not in cues and (_SINGLE_OPEN.search(text) or _SINGLE_CLOSE.search(text)):
            cues.append("cue:quote")
        return cues

    texts = _texts(lang) + ["“你好。”？！（注）", "Why? 'No!' (x)", "Don't go.", "a 'b", "end.' x", "«»", ""]
    assert [punctuation_cues(t) for t in texts] == [reference(t) for t in texts]
    assert punctuation_cues("Why (really)?!") == ["cue:?", "cue:!", "cue:paren"]
