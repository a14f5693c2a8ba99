"""Numbers compared across a pair: which of a segment's numbers a translation must
carry (counters and idioms aside), and the ones that differ between the two sides."""

from __future__ import annotations

import re
from corpora.lang import base_lang

from .numbers import _MONTHS, Number, extract_numbers

__all__ = ["comparable_numbers", "number_mismatches"]


# After a Chinese-character numeral, these make it a count (九大, 两项, 三名); 长三角, 十分,
# 四面八方 are words, not numbers.
_ZH_COUNTERS = set("个项名人位次批大年月日号天届期种类件条家所座倍岁元台部章节篇本份组支队辆架艘只头匹张间层级周代轮场回遍亿万千百十余多")
_ZH_IDIOMS = ("万一", "一一")
_ARABIC_DIGIT = re.compile(r"\d")


def comparable_numbers(text: str, lang: str) -> list[Number]:
    """The numbers of ``text`` that a translation must carry over, for the number check.

    Leaves out what is rarely a number in translation: the value 1 (一, one, first —
    "一流" world-class, "one's", 一日 "one day"), Chinese-character numerals inside words
    (长三角, 十分) and lower-case month names in English ("march", "may").
    """
    out: list[Number] = []
    cjk = base_lang(lang) in ("zh", "ja", "yue")
    for n in extract_numbers(text, lang):
        after_month = bool(out) and out[-1].kind == "month" and out[-1].end == n.start
        if n.value == 1 and (n.kind == "number" or (n.kind == "day" and not after_month)
                             or (n.kind == "month" and n.ordinal)):
            continue  # 一日 is "one day", 1月1日 a date
        if cjk and not _ARABIC_DIGIT.search(n.text) and n.kind != "percent":
            if n.text in _ZH_IDIOMS:
                continue
            core = n.text.lstrip("第").rstrip("余多来几年月日号%％")
            following = text[n.end:n.end + 1]
            if not (n.ordinal or len(core) > 1 or n.kind != "number" or n.approximate
                    or following in _ZH_COUNTERS):
                continue
        if not cjk and n.kind == "month" and n.text.islower() and n.text in _MONTHS:
            continue
        out.append(n)
    return out


def number_mismatches(
    src: str, tgt: str, src_lang: str, tgt_lang: str
) -> list[tuple[Number | None, Number | None]]:
    """Numbers that differ between a source and its translation.

    Each item is ``(source number, target number)``: a changed number has both,
    a number missing from the target has ``None`` on the right, an added one ``None``
    on the left. Numbers compare by :attr:`Number.key` (3亿 = 300 million, 1100 =
    1,100, 第四 = fourth, 1月 = January); an approximation agrees with its value
    (160余 = more than 160 = about 160 = 160). A number repeated on one side needs to
    appear only once on the other.
    """
    s_nums = comparable_numbers(src, src_lang)
    t_nums = comparable_numbers(tgt, tgt_lang)
    s_keys = {n.key for n in s_nums} | _implicit(src, src_lang)
    t_keys = {n.key for n in t_nums} | _implicit(tgt, tgt_lang)
    missing = _first_per_key(n for n in s_nums if n.key not in t_keys)
    added = _first_per_key(n for n in t_nums if n.key not in s_keys)
    out: list[tuple[Number | None, Number | None]] = []
    for s in missing:
        prefix = s.key.split(":")[0]
        t = next((t for t in added if t.kind == s.kind), None) or next(
            (t for t in added if t.key.split(":")[0] == prefix), None)
        if t is not None:
            added.remove(t)
        out.append((s, t))
    out.extend((None, t) for t in added)
    return out


_EN_IMPLICIT_TWO = re.compile(r"\b(?:both|twice|pair|couple|double|either)\b", re.I)


def _implicit(text: str, lang: str) -> set[str]:
    """Keys a translation may carry in words that are no numerals: both, twice (= 2)."""
    if base_lang(lang) == "en" and _EN_IMPLICIT_TWO.search(text):
        return {"num:2"}
    return set()


def _first_per_key(numbers) -> list[Number]:
    seen: set[str] = set()
    out = []
    for n in numbers:
        if n.key not in seen:
            seen.add(n.key)
            out.append(n)
    return out

