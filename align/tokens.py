"""Tokens the scorers compare: English stems, Latin words in Chinese text, cues.

English words are lower-cased, irregular forms mapped to their lemma and then
stemmed with Snowball, so that a text's "houses", "went" and a dictionary gloss's
"house", "to go" meet on the same token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

__all__ = [
    "STOPWORDS",
    "stem",
    "english_words",
    "content_stems",
    "content_stems_many",
    "gloss_stems",
    "latin_words",
    "letter_words",
    "punctuation_cues",
    "quote_marks",
    "inside_quotes",
    "is_han",
]

STOPWORDS = frozenset(
    """
    a an the and or but nor so yet for of to in on at by with from into onto upon as than then
    that this these those there here it its it's is are was were be been being am do does did done
    have has had having i me my mine we us our ours you your yours he him his she her hers they them
    their theirs who whom whose which what when where why how not no yes all any both each either
    neither some such own same too very can could may might must shall should will would s t just
    also only about above after again against before below between during over under out up down off
    through while if because until till whether one's oneself itself himself herself themselves
    myself yourself ourselves let get got gets getting
    sb sth something someone somebody etc esp usu fig lit abbr cl variant old used see also
    thou thee thy thine ye hath hast doth dost shalt wilt art unto saith thereof therein thereby
    whereof wherein hither thither whence thence shall'st
    """.split()
)

# Irregular English forms → lemma (the lemma is then stemmed like any word).
_IRREGULAR_VERBS = """
arise arose arisen|awake awoke awoken|be was were been|bear bore borne born bare|beat beat beaten|
become became become|begin began begun|beget begot begat begotten|behold beheld|bend bent|bet bet|
bid bade bidden|bind bound|bite bit bitten|bleed bled|blow blew blown|break broke broken brake|
breed bred|bring brought|build built|burn burnt|burst burst|buy bought|cast cast|catch caught|
choose chose chosen|cling clung|come came|cost cost|creep crept|cut cut|deal dealt|dig dug|
do did done doth dost|draw drew drawn|dream dreamt|drink drank drunk|drive drove driven|dwell dwelt|
eat ate eaten|fall fell fallen|feed fed|feel felt|fight fought|find found|flee fled|fling flung|
fly flew flown|forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|
forsake forsook forsaken|freeze froze frozen|get got gotten gat|give gave given|go went gone goeth|
grind ground|grow grew grown|hang hung|have has had hath hast|hear heard|hide hid hidden|hit hit|
hold held|hurt hurt|keep kept|kneel knelt|know knew known|lay laid|lead led|lean leant|leap leapt|
learn learnt|leave left|lend lent|let let|lie lay lain|light lit|lose lost|make made|mean meant|
meet met|pay paid|prove proven|put put|quit quit|read read|rend rent|rid rid|ride rode ridden|
ring rang rung|rise rose risen|run ran|say said saith spake|see saw seen|seek sought|sell sold|
send sent|set set|sew sewn|shake shook shaken|shed shed|shine shone|shoot shot|show shown|
shrink shrank shrunk|shut shut|sing sang sung|sink sank sunk|sit sat|slay slew slain|sleep slept|
slide slid|sling slung|smite smote smitten|speak spoke spoken spake|speed sped|spend spent|spin spun|
spit spat|split split|spread spread|spring sprang sprung|stand stood|steal stole stolen|stick stuck|
sting stung|stink stank stunk|stride strode stridden|strike struck stricken|string strung|
strive strove striven|swear swore sworn sware|sweep swept|swell swollen|swim swam swum|swing swung|
take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|thrust thrust|
tread trod trodden|understand understood|wake woke woken|wear wore worn|weave wove woven|wed wed|
weep wept|win won|wind wound|withdraw withdrew withdrawn|withhold withheld|wring wrung|write wrote written
"""
_IRREGULAR = {
    form: forms.split()[0]
    for forms in _IRREGULAR_VERBS.replace("\n", "").split("|")
    for form in forms.split()[1:]
}
_IRREGULAR.update({
    "goes": "go", "says": "say", "does": "do",
    "children": "child", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "people": "person", "lives": "life", "wives": "wife",
    "knives": "knife", "leaves": "leaf", "wolves": "wolf", "thieves": "thief", "halves": "half",
    "oxen": "ox", "brethren": "brother", "kine": "cow",
    "better": "good", "best": "good", "worse": "bad", "worst": "bad", "elder": "old", "eldest": "old",
    "further": "far", "farther": "far", "furthest": "far", "farthest": "far", "more": "much",
    "most": "much", "less": "little", "least": "little",
    "i'm": "i", "don't": "do", "didn't": "do", "can't": "can", "won't": "will", "couldn't": "could",
})

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*")
_COMPOUND = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’\-][A-Za-z\u00C0-\u024F]+)*")
_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")


def is_han(ch: str) -> bool:
    """True for a Chinese character (CJK unified ideograph)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


# Snowball stems of words seen so far (seeded from the dictionary cache); bounded.
_STEMS: dict[str, str] = {}
_MAX_STEMS = 400_000
_stemmer = None


def _stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        global _stemmer
        if _stemmer is None:
            import snowballstemmer

            _stemmer = snowballstemmer.stemmer("english")
        if len(_STEMS) >= _MAX_STEMS:
            _STEMS.clear()
        found = _STEMS[word] = _stemmer.stemWord(word)
    return found


def known_stems() -> dict[str, str]:
    """A copy of the word → stem memo (to be cached with the dictionary)."""
    return dict(_STEMS)


def seed_stems(table: dict[str, str]) -> None:
    """Add word → stem pairs computed earlier (by the same stemmer) to the memo."""
    if len(_STEMS) + len(table) < _MAX_STEMS:
        _STEMS.update(table)


def stem(word: str) -> str:
    """Lower-case, map an irregular form to its lemma, then Snowball-stem."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    return _stem(w)


def english_words(text: str) -> list[str]:
    """The words of a Latin-script text, in order (apostrophes kept inside words)."""
    return _WORD.findall(text)


def _split_compound(w: str) -> list[str]:
    """A hyphenated name as one word (Bao-yu → Baoyu), another compound as its parts."""
    parts = [p for p in w.split("-") if p]
    if w[0].isupper() and all(len(p) <= 6 for p in parts):
        return ["".join(parts)]
    return parts


def content_stems(text: str) -> list[str]:
    """Stems of the non-stopword words of an English text, in order."""
    return list(_content_stems(text))


class _StemMemo(dict):
    """word → its content stems (none for a stopword; the parts' for a compound), filled
    on first look-up; bounded like the Snowball memo."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) >= _MAX_STEMS:
            self.clear()
        parts = _split_compound(word) if "-" in word else (word,)
        found = self[word] = tuple(s for s in map(_content_stem, parts) if s is not None)
        return found


# Content stems of each word form seen so far: a text's stems are then one dict look-up
# per word (the same words recur in every text of a document).
_WORD_STEMS = _StemMemo()


def content_stems_many(texts: Sequence[str]) -> list[list[str]]:
    """:func:`content_stems` of each text."""
    return [list(_content_stems(t)) for t in texts]


def _content_stem(word: str) -> str | None:
    """The stem of ``word``, or None for a stopword or a one-letter word."""
    lw = word.lower().replace("’", "'")
    if lw in STOPWORDS or len(lw) < 2:
        return None
    s = stem(lw)
    return None if s in STOPWORDS else s


@lru_cache(maxsize=100_000)
def _content_stems(text: str) -> tuple[str, ...]:
    memo = _WORD_STEMS
    return tuple(s for w in _COMPOUND.findall(text) for s in memo[w])


_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\|\S+")


@lru_cache(maxsize=400_000)
def gloss_stems(gloss: str) -> tuple[str, ...]:
    """Content stems of one dictionary gloss ("to look at (sth)" → ("look",))."""
    if gloss.startswith(("CL:", "variant of", "old variant", "see ", "also written", "abbr. for",
                         "Japanese variant", "erhua variant", "used in", "surname ")):
        return ()
    return tuple(dict.fromkeys(_content_stems.__wrapped__(_PAREN.sub(" ", gloss))))


def latin_words(text: str) -> list[str]:
    """Latin-script words inside a (Chinese) text, lower-cased: "AI", "CPU", "Pan"."""
    return [w.lower() for w in _WORD.findall(text)]


_LETTERS = re.compile(r"[^\W\d_]+")


def letter_words(text: str) -> list[str]:
    """Runs of letters of any alphabet (Latin, Cyrillic, Greek, …), lower-cased; split
    at apostrophes, so French *l'intégration* gives *l*, *intégration*."""
    return [w.lower() for w in _LETTERS.findall(text)]


_CUES = (
    ("?", "？?"),
    ("!", "！!"),
    ("quote", "“”「」『』\"«»《》"),
    ("paren", "（）()"),
)


# Single quotes used as quotation marks, not apostrophes: at a word start after a
# space (or the text start), or after closing punctuation at a word end.
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?;:—–-])['’](?=[\s)\]—–-]|$)")


_CUE_OF = {c: "cue:" + name for name, chars in _CUES for c in chars}
_CUE_ORDER = {"cue:" + name: k for k, (name, _) in enumerate(_CUES)}
_CUE_CHAR = re.compile("[" + re.escape("".join(_CUE_OF)) + "]")
_MAYBE_SINGLE = re.compile("['‘’]")


def punctuation_cues(text: str) -> list[str]:
    """Cue tokens for punctuation that survives translation: ? ! quotes (and 《》) brackets."""
    found = {_CUE_OF[c] for c in _CUE_CHAR.findall(text)}
    cues = sorted(found, key=_CUE_ORDER.__getitem__) if len(found) > 1 else list(found)
    if "cue:quote" not in found and _MAYBE_SINGLE.search(text) and (
            _SINGLE_OPEN.search(text) or _SINGLE_CLOSE.search(text)):
        cues.append("cue:quote")
    return cues


_ANY_QUOTE = re.compile(r"[“「『«”」』»\"'‘’]")
_DOUBLE = {**dict.fromkeys("“「『«", 1), **dict.fromkeys("”」』»", -1), '"': 0}
_DOUBLE_MARK = re.compile(r"[“「『«”」』»\"]")


def quote_marks(text: str) -> list[int]:
    """The quotation marks of a text in order: +1 opens, -1 closes, 0 toggles (")."""
    if not _ANY_QUOTE.search(text):
        return []
    marks = [(m.start(), _DOUBLE[m.group()]) for m in _DOUBLE_MARK.finditer(text)]
    if not marks:
        marks += [(m.start(), 1) for m in _SINGLE_OPEN.finditer(text)]
        marks += [(m.start(), -1) for m in _SINGLE_CLOSE.finditer(text)]
        marks.sort()
    return [v for _, v in marks]


_CLOSING_END = re.compile(r"[”」』»\"’']\W*$")


def ends_quote(text: str) -> bool:
    """Whether a sentence ends by closing a quotation (its last mark, nothing but
    punctuation after it): ``……”``, ``…!'``."""
    return _CLOSING_END.search(text.rstrip()) is not None


def inside_quotes(texts: Sequence[str], paragraphs: Sequence[int]) -> list[bool]:
    """For each sentence, whether it starts inside a quotation opened before it
    (in the same paragraph)."""
    out = []
    depth = 0
    last_par = None
    for text, par in zip(texts, paragraphs):
        if par != last_par:
            depth = 0
            last_par = par
        out.append(depth > 0)
        for v in quote_marks(text):
            if v == 0:
                depth = 0 if depth > 0 else 1
            else:
                depth = max(0, depth + v)
        depth = min(depth, 1)
    return out
