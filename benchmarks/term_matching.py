"""Term matching speed on a 100,000-segment translation memory.

Builds the TM from the bundled report's gold-aligned sentence pairs alternating with
the gold pairs of ../shared/data/bible-5k (when it is there), cycled to N pairs with a
counter appended so no two segments are equal. Prints segments/second of :class:`glossary.TermMatcher`
(one Aho-Corasick pass) against a naive baseline measured in the same run: one
compiled ``\\b...\\b`` regex per term, tried on every segment (of a tenth of the
TM; a fiftieth with the large glossary). Twice: with the bundled glossary (121 terms) and with a large one (the bundled
terms plus 2,000 term pairs mined from the TM with ``glossary.extract``). Then times the whole
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
    """N (zh, en) pairs: the bundled report's gold pairs alternating with bible-5k's."""
    from align.segment import segment_lines
    from corpora import Alignment, Segment, bundled_corpus, read_text
    from corpora.formats.beads import read_beads

    fixtures = ROOT / "tests" / "fixtures" / "zhejiang_lab_2020"
    zh = segment_lines(read_text(fixtures / "zh.sentences.txt"))
    en = segment_lines(read_text(fixtures / "en.sentences.txt"))
    gold = Alignment(zh, en, tuple(read_beads(bundled_corpus().gold)))
    report = [(p.src, p.tgt) for p in gold.pairs(include_one_sided=False)]
    sources = [report]
    bible = ROOT / ".." / "shared" / "data" / "bible-5k"
    if bible.exists():
        b_en = tuple(Segment(t) for t in (bible / "en").read_text(encoding="utf-8").splitlines())
        b_zh = tuple(Segment(t) for t in (bible / "zh").read_text(encoding="utf-8").splitlines())
        b = Alignment(b_en, b_zh, tuple(read_beads(bible / "gold")), "en", "zh")
        sources.append([(p.tgt, p.src) for p in b.pairs(include_one_sided=False)])
    tm = []
    for k in range(n):
        source = sources[k % len(sources)]
        s, t = source[(k // len(sources)) % len(source)]
        tm.append((f"{s}（第{k}条）", f"{t} (No. {k})"))
    return tm


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


def large_termbase(termbase, tm, size: int):
    """The bundled glossary plus term pairs mined from the TM itself, ``size`` terms in all."""
    from glossary import TermBase
    from glossary.extract import extract_candidates
    from glossary.termbase import Term, make_concept

    mined = extract_candidates(tm[:20_000], "zh", "en", min_count=2, per_term=1, limit=size)
    extra = tuple(make_concept(f"m{k}", (Term(row.src, "zh"), Term(row.tgt, "en")))
                  for k, row in enumerate(mined.itertuples()))
    return TermBase(termbase.concepts + extra, "bundled+mined")


def rate(find, texts) -> tuple[float, int]:
    start = time.perf_counter()
    hits = sum(len(find(t)) for t in texts)
    return len(texts) / (time.perf_counter() - start), hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=2000, help="concepts mined for the large glossary")
    args = parser.parse_args()

    from corpora import bundled_corpus
    from glossary import TermMatcher, check_pairs, load_termbase

    termbase = load_termbase(bundled_corpus().glossary_tbx)
    tm = build_tm(args.segments)
    print(f"TM: {len(tm):,} segment pairs")
    big = large_termbase(termbase, tm, args.large)
    for tb in (termbase, big):
        print(f"glossary {tb.name.rsplit('/', 1)[-1]}: {len(tb)} terms in {len(tb.concepts)} concepts")
        for lang, side in (("en", 1), ("zh", 0)):
            texts = [pair[side] for pair in tm]
            start = time.perf_counter()
            matcher = TermMatcher(tb, lang)
            build = time.perf_counter() - start
            fast, fast_hits = rate(matcher.find, texts)
            sample = texts[: max(1000, len(texts) // (10 if tb is termbase else 50))]
            slow, _ = rate(naive_matcher(tb, lang), sample)
            print(f"  {lang}: TermMatcher {fast:9,.0f} segments/s ({fast_hits:,} hits, built in {build * 1000:.0f} ms)"
                  f" | naive regex per term {slow:9,.0f} segments/s | speed-up x{fast / slow:.1f}")
    start = time.perf_counter()
    result = check_pairs(tm, termbase, "zh", "en")
    seconds = time.perf_counter() - start
    print(f"check_pairs: {len(tm):,} pairs in {seconds:.2f} s ({len(tm) / seconds:,.0f} pairs/s), "
          f"{len(result.issues):,} issues")


if __name__ == "__main__":
    main()
