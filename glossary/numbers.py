"""Numbers in Chinese and English text, normalized so both sides can be compared.

``3亿元`` and ``300 million`` are both 300000000; ``1100`` and ``1,100`` are 1100;
``160余`` and ``more than 160`` are 160, approximate; ``第四批`` and ``fourth`` are the
ordinal 4; ``1月18日`` and ``January 18`` are the month 1 and the day 18.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from corpora.hanzi import to_simplified
from corpora.lang import base_lang

__all__ = ["Number", "extract_numbers", "chinese_numeral_value", "may_hold_numbers"]


@dataclass(frozen=True)
class Number:
    """A number found in text."""

    value: float
    start: int
    end: int
    text: str
    approximate: bool = False
    ordinal: bool = False
    kind: str = "number"  # number | year | month | day | percent

    @property
    def key(self) -> str:
        """A comparable token: ``num:300000000``, ``month:1``, ``pct:30``."""
        v = int(self.value) if float(self.value).is_integer() else round(self.value, 4)
        prefix = {"number": "num", "year": "num", "month": "month", "day": "num", "percent": "pct"}[self.kind]
        return f"{prefix}:{v}"


_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
              "柒": 7, "捌": 8, "玖": 9, "幺": 1}
_ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_ZH_NUM_CHARS = "".join(_ZH_DIGITS) + "".join(_ZH_UNITS) + "".join(_ZH_SCALES)


def chinese_numeral_value(s: str) -> float | None:
    """Value of a Chinese numeral: 一百六十 → 160, 二〇一九 → 2019, 三亿 → 3e8."""
    if not s:
        return None
    if all(c in _ZH_DIGITS for c in s) and len(s) > 1:
        # digit-by-digit (years: 二〇一九)
        return float(int("".join(str(_ZH_DIGITS[c]) for c in s)))
    total = 0
    section = 0
    number = 0
    seen = False
    for c in s:
        if c in _ZH_DIGITS:
            number = _ZH_DIGITS[c]
            seen = True
        elif c in _ZH_UNITS:
            section += (number or 1) * _ZH_UNITS[c]
            number = 0
            seen = True
        elif c in _ZH_SCALES:
            section += number
            total += (section or 1) * _ZH_SCALES[c]
            section = number = 0
            seen = True
        else:
            return None
    if not seen:
        return None
    return float(total + section + number)


_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ZH_NUMBER = re.compile(
    r"(?P<ord>第)?"
    r"(?:(?P<arabic>" + _ARABIC + r")(?P<scale>[万萬亿億]+)?|(?P<zh>[" + _ZH_NUM_CHARS + r"]+))"
    r"(?P<approx>余|多|来|几)?"
    r"(?P<unit>年|月|日|号|%|％)?"
)
_ZH_PERCENT = re.compile(r"百分之(?P<zh>[" + _ZH_NUM_CHARS + r"点]+|\d+(?:\.\d+)?)")


_ZH_FRACTION = re.compile(
    r"(?P<den>[" + _ZH_NUM_CHARS + r"]+|\d+)分之(?P<num>[" + _ZH_NUM_CHARS + r"]+|\d+)"
    r"|(?P<half>一半|(?<![一二两三四五六七八九十\d])半(?=[年月天日个小]))")


def _zh_value(raw: str) -> float | None:
    return float(raw) if raw[0].isdigit() else chinese_numeral_value(raw)


def _zh_numbers(text: str) -> list[Number]:
    out: list[Number] = []
    for m in _ZH_PERCENT.finditer(text):
        raw = m.group("zh")
        value = float(raw) if raw[0].isdigit() else chinese_numeral_value(raw.replace("点", ""))
        if value is not None:
            out.append(Number(value, m.start(), m.end(), m.group(0), kind="percent"))
    taken = {i for n in out for i in range(n.start, n.end)}
    for m in _ZH_FRACTION.finditer(text):  # 三分之二 = 2/3, 一半 = 1/2
        if m.start() in taken:
            continue
        if m.group("half"):
            value: float | None = 0.5
        else:
            den, num = _zh_value(m.group("den")), _zh_value(m.group("num"))
            value = num / den if den and num is not None else None
        if value is not None:
            out.append(Number(value, m.start(), m.end(), m.group(0)))
    taken = {i for n in out for i in range(n.start, n.end)}
    for m in _ZH_NUMBER.finditer(text):
        if m.start() in taken:
            continue
        if m.group("arabic"):
            value = float(m.group("arabic").replace(",", ""))
            for c in m.group("scale") or "":
                value *= _ZH_SCALES[c]
        else:
            zh = m.group("zh")
            # a lone scale character (万, 亿) or 千/百 without digits is a word, not a number
            if all(c in _ZH_SCALES or c in _ZH_UNITS for c in zh) and zh not in ("十",):
                continue
            value = chinese_numeral_value(zh)
            if value is None:
                continue
        unit = m.group("unit") or ""
        kind = "number"
        if unit == "年" and 1000 <= value <= 2999 and float(value).is_integer():
            kind = "year"
        elif unit == "月" and 1 <= value <= 12:
            kind = "month"
        elif unit in ("日", "号") and 1 <= value <= 31:
            kind = "day"
        elif unit in ("%", "％"):
            kind = "percent"
        out.append(
            Number(value, m.start(), m.end(), m.group(0), approximate=bool(m.group("approx")),
                   ordinal=bool(m.group("ord")), kind=kind)
        )
    return sorted(out, key=lambda n: n.start)


_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_ORDINAL_SCALES = {"hundredth": 100, "thousandth": 1000, "millionth": 10**6}
_EN_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                    "tenth": 10, "tenths": 10, "hundredths": 100}
_EN_NUMBER_WORDS = frozenset(_EN_UNITS) | frozenset(_EN_ORDINALS) | frozenset(_EN_SCALES)
_EN_FRACTION = re.compile(
    r"\b(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine|ten)[\s\-]+(?P<den>"
    + "|".join(_EN_DENOMINATORS) + r")|(?P<half>half))\b", re.I)
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_APPROX = re.compile(r"(?:more than|over|nearly|almost|about|around|approximately|some|roughly|upwards of)\s+$", re.I)

_EN_TOKEN = re.compile(
    r"(?P<arabic>" + _ARABIC + r")(?P<suffix>st|nd|rd|th|%)?"
    r"|(?P<word>[A-Za-z]+(?:-[A-Za-z]+)?)"
)


def _en_fractions(text: str) -> list[Number]:
    """two tenths = 0.2, one third, three quarters = 0.75, half = 0.5."""
    out = []
    for m in _EN_FRACTION.finditer(text):
        if m.group("half"):
            value = 0.5
        else:
            num, den = m.group("num").lower(), m.group("den").lower()
            if num in ("a", "an") and den not in ("half", "quarter"):
                continue  # "a third party", "a fifth time": not fractions
            value = (1 if num in ("a", "an") else _EN_UNITS[num]) / _EN_DENOMINATORS[den]
        out.append(Number(value, m.start(), m.end(), m.group(0), _approx(text, m.start())))
    return out


def _en_numbers(text: str) -> list[Number]:
    out: list[Number] = _en_fractions(text)
    taken = {i for n in out for i in range(n.start, n.end)}
    tokens = [t for t in _EN_TOKEN.finditer(text) if t.start() not in taken]
    i = 0
    while i < len(tokens):
        m = tokens[i]
        start = m.start()
        if m.group("arabic"):
            value = float(m.group("arabic").replace(",", ""))
            end = m.end()
            suffix = (m.group("suffix") or "").lower()
            j = i + 1
            while j < len(tokens) and tokens[j].group("word") and tokens[j].group("word").lower() in _EN_SCALES \
                    and text[end:tokens[j].start()].strip() == "":
                value *= _EN_SCALES[tokens[j].group("word").lower()]
                end = tokens[j].end()
                j += 1
            kind = "percent" if suffix == "%" or re.match(r"\s*(?:percent|per cent)\b", text[end:], re.I) else "number"
            if kind == "number" and 1000 <= value <= 2999 and value.is_integer() and "," not in m.group("arabic"):
                kind = "year"
            # "January 18": the day after a month name
            if i > 0 and tokens[i - 1].group("word") and tokens[i - 1].group("word").lower() in _MONTHS \
                    and 1 <= value <= 31 and text[tokens[i - 1].end():start].strip() in ("", ","):
                kind = "day"
            out.append(Number(value, start, end, text[start:end], _approx(text, start),
                              ordinal=suffix in ("st", "nd", "rd", "th"), kind=kind))
            i = j
            continue
        word = m.group("word").lower()
        if word in _MONTHS and (len(word) > 3 or m.group("word")[0].isupper()) and word != "may" or (
            word == "may" and m.group("word") == "May"
            and i + 1 < len(tokens) and tokens[i + 1].group("arabic")
        ):
            out.append(Number(float(_MONTHS[word]), start, m.end(), m.group(0), kind="month"))
            i += 1
            continue
        if word not in _EN_NUMBER_WORDS and "-" not in word:
            i += 1
            continue
        value, end, j, ordinal = _number_words(tokens, i, text)
        if value is not None:
            # "the seventh month" is the month 7, as 七月
            kind = "month" if ordinal and 1 <= value <= 12 and re.match(r"\s+month\b", text[end:], re.I) \
                else "number"
            out.append(Number(value, start, end, text[start:end], _approx(text, start), ordinal=ordinal,
                              kind=kind))
            i = j
            continue
        i += 1
    return sorted(out, key=lambda n: n.start)


def _word_value(word: str) -> tuple[float | None, bool]:
    w = word.lower()
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in _EN_UNITS and _EN_UNITS[parts[0]] >= 20:
            if parts[1] in _EN_UNITS and _EN_UNITS[parts[1]] < 10:
                return float(_EN_UNITS[parts[0]] + _EN_UNITS[parts[1]]), False
            if parts[1] in _EN_ORDINALS and _EN_ORDINALS[parts[1]] < 10:
                return float(_EN_UNITS[parts[0]] + _EN_ORDINALS[parts[1]]), True
        return None, False
    if w in _EN_UNITS:
        return float(_EN_UNITS[w]), False
    if w in _EN_ORDINALS:
        return float(_EN_ORDINALS[w]), True
    return None, False


def _number_words(tokens, i: int, text: str) -> tuple[float | None, int, int, bool]:
    """Parse "one hundred and sixty", "twenty-two", "fourth" starting at token i."""
    total = 0.0
    current = 0.0
    found = False
    ordinal = False
    end = tokens[i].end()
    j = i
    while j < len(tokens) and tokens[j].group("word"):
        w = tokens[j].group("word").lower()
        if j > i and text[tokens[j - 1].end():tokens[j].start()].strip() not in ("",):
            break
        value, is_ord = _word_value(w)
        if w in _EN_ORDINAL_SCALES and found and not ordinal:  # "six hundredth"
            current = (current or 1) * _EN_ORDINAL_SCALES[w]
            ordinal = True
        elif value is not None:
            if ordinal:
                break
            current += value
            ordinal = is_ord
        elif w in _EN_SCALES:  # "hundred and fifty" after "an" or "the" is 150
            current = (current or 1) * _EN_SCALES[w]
            if _EN_SCALES[w] >= 1000:
                total += current
                current = 0
        elif w == "and" and found and j + 1 < len(tokens) and tokens[j + 1].group("word") \
                and _word_value(tokens[j + 1].group("word"))[0] is not None \
                and (tokens[j - 1].group("word").lower() in _EN_SCALES or (current >= 20 and current % 10 == 0)):
            # "a hundred and sixty", "sixty and two"; not "two and two"
            j += 1
            continue
        else:
            break
        found = True
        end = tokens[j].end()
        j += 1
    if not found:
        return None, end, i + 1, False
    return total + current, end, j, ordinal


def _approx(text: str, start: int) -> bool:
    return bool(_APPROX.search(text[max(0, start - 30):start]))


def extract_numbers(text: str, lang: str) -> list[Number]:
    """All numbers in ``text`` (Chinese rules for zh/ja, Traditional characters read as
    Simplified; English rules otherwise)."""
    base = base_lang(lang)
    if base == "zh":
        simple = to_simplified(text)  # 兩 is 两, 億 is 亿; same length, same spans
        if simple != text:
            return [replace(n, text=text[n.start:n.end]) for n in _zh_numbers(simple)]
    return _zh_numbers(text) if base in ("zh", "ja") else _en_numbers(text)


# Cheap test before parsing: every number extract_numbers finds holds a digit, a Chinese
# numeral (or 半) or one of these English words.
_EN_TRIGGERS = frozenset(_EN_NUMBER_WORDS | set(_MONTHS) | set(_EN_DENOMINATORS) | set(_EN_ORDINAL_SCALES)
                         | {"half"})
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_DIGIT = re.compile(r"\d")
_ZH_TRIGGER = re.compile(r"[\d半" + _ZH_NUM_CHARS + r"]")


def may_hold_numbers(text: str, lang: str) -> bool:
    """False only when :func:`extract_numbers` surely finds nothing in ``text``."""
    if base_lang(lang) in ("zh", "ja"):  # as extract_numbers decides
        return bool(_ZH_TRIGGER.search(text))
    return bool(_DIGIT.search(text)) or not _EN_TRIGGERS.isdisjoint(_LATIN_WORD.findall(text.lower()))
