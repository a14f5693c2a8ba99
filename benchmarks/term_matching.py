"""Term matching speed on a 100,000-segment translation memory.

Builds the TM from the bundled report's gold-aligned sentence pairs (and, when
../shared/data/bible-5k is there, its first 5,000 English lines paired with
themselves, for term-free filler), cycled to N segments with a counter appended so
no two segments are equal. Prints segments/second of :class:`glossary.TermMatcher`
(one Aho-Corasick pass) against a naive baseline measured in the same run: one
compiled ``\\b...\\b`` regex per term, tried on every segment. Then times the whole
``check_pairs`` (both matchers, the five checks, the scores) on the same TM.

    python benchmarks/term_matching.py [--segments 100000]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_tm(n: int) -> list[tuple[str, str]]:
    from align.segment import segment_lines
    from corpora import Alignment, bundled_corpus, read_text
    from corpora.formats.beads import read_beads

    fixtures = ROOT / "tests" / "fixtures" / "zhejiang_lab_2020"
    zh = segment_lines(read_text(fixtures / "zh.sentences.txt"))
    en = segment_lines(read_text(fixtures / "en.sentences.txt"))
    gold = Alignment(zh, en, tuple(read_beads(bundled_corpus().gold)))
    base = [(p.src, p.tgt) for p in gold.pairs(include_one_sided=False)]
    bible = ROOT / ".." / "shared" / "data" / "bible-5k" / "en"
    if bible.exists():
        filler = bible.read_text(encoding="utf-8").splitlines()[:5000]
        base += [("以色列人", line) for line in filler]
    return [(f"{s}（{k}）", f"{t} ({k})") for k, (s, t) in
            ((k, base[k % len(base)]) for k in range(n))]


def naive_matcher(termbase, lang: str):
    from corpora import is_cjk_lang

    patterns = []
    for concept, term in termbase.terms_in(lang):
        body = re.escape(term.text)
        if not is_cjk_lang(lang):
            body = r"\b" + body + r"\b"
        patterns.append((concept.id, re.compile(body, 0 if term.case_sensitive else re.I)))

    def find(text: str):
        return [(cid, m.start(), m.end()) for cid, rx in patterns for m in rx.finditer(text)]

    return find


def rate(find, texts) -> tuple[float, int]:
    start = time.perf_counter()
    hits = sum(len(find(t)) for t in texts)
    return len(texts) / (time.perf_counter() - start), hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    args = parser.parse_args()

    from corpora import bundled_corpus
    from glossary import TermMatcher, check_pairs, load_termbase

    termbase = load_termbase(bundled_corpus().glossary_tbx)
    tm = build_tm(args.segments)
    print(f"TM: {len(tm):,} segment pairs; glossary: {len(termbase)} terms in {len(termbase.concepts)} concepts")
    for lang, side in (("en", 1), ("zh", 0)):
        texts = [pair[side] for pair in tm]
        start = time.perf_counter()
        matcher = TermMatcher(termbase, lang)
        build = time.perf_counter() - start
        fast, fast_hits = rate(matcher.find, texts)
        slow, slow_hits = rate(naive_matcher(termbase, lang), texts)
        print(f"{lang}: TermMatcher {fast:10,.0f} segments/s ({fast_hits:,} hits, built in {build * 1000:.1f} ms)"
              f" | naive regex per term {slow:10,.0f} segments/s ({slow_hits:,} raw hits)"
              f" | speed-up x{fast / slow:.2f}")
    start = time.perf_counter()
    result = check_pairs(tm, termbase, "zh", "en")
    seconds = time.perf_counter() - start
    print(f"check_pairs: {len(tm):,} pairs in {seconds:.2f} s ({len(tm) / seconds:,.0f} pairs/s), "
          f"{len(result.issues):,} issues")


if __name__ == "__main__":
    main()
