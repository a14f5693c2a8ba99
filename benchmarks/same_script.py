"""Orthographic evidence on a real same-script pair: MAC-Dev's machine translation
(Google's English of the Chinese, ``trans/``) aligned with the published English.

    python benchmarks/same_script.py [--data ../shared/data/mac-dev]

Both sides are English, so neither CC-CEDICT nor pinyin names apply: what aligns them
is what a pair without a dictionary (German–French, English–French) gets — cognates
(align/scorers/cognates.py), numbers, cues, the lexicon learned from the text, length.
The gold is MAC-Dev's (the MT has one line per Chinese sentence). Prints strict F1
(and lax beside it) with and without the cognates scorer and the learned lexicon.

Then real German–French and English–French pairs, where the machine has them: the
German and French translations of the same English messages (or the English messages
themselves) in the system's gettext catalogs
(/usr/share/locale/{de,fr}/LC_MESSAGES/*.mo, one document per catalog of at least 60
one-line messages of 40–300 characters, in msgid order), with the German of every
23rd message and the French of every 17th left out, so that the gold has deletions
and lengths alone cannot count lines. Short interface strings whose neighbours share
most of their words: a harder, different text from prose.
"""

from __future__ import annotations

import argparse
import gettext
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_data  # noqa: E402

from align.aligner import Aligner  # noqa: E402
from align.api import align_texts  # noqa: E402
from align.evaluate import score_alignments  # noqa: E402
from align.options import DEFAULT_SCORERS, AlignOptions  # noqa: E402
from corpora import Bead, read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

WITHOUT_COGNATES = tuple(s for s in DEFAULT_SCORERS if s != "cognates")
SETUPS = (("duiqi (cognates, learned lexicon)", AlignOptions()),
          ("without cognates", AlignOptions(scorers=WITHOUT_COGNATES)),
          ("without the learned lexicon", AlignOptions(learn=False)),
          ("neither", AlignOptions(scorers=WITHOUT_COGNATES, learn=False)))


def align_chapters(data: Path, options: AlignOptions, chapters: list[str]):
    """Gold and test beads of each chapter, MT English → published English."""
    aligner = Aligner(options)
    gold, test = [], []
    for c in chapters:
        a = align_texts(read_text(data / "trans" / c), read_text(data / "en" / c), "en", "en", split=False,
                        aligner=aligner)
        gold.append(read_beads(data / "gold" / c))
        test.append(list(a.beads))
    return gold, test


LOCALE = Path("/usr/share/locale")


def _catalog(lang: str, domain: str) -> dict:
    try:
        with open(LOCALE / lang / "LC_MESSAGES" / f"{domain}.mo", "rb") as f:
            return gettext.GNUTranslations(f)._catalog
    except (OSError, UnicodeDecodeError, ValueError):
        return {}


def gettext_pairs(src_lang: str = "de", tgt_lang: str = "fr",
                  min_messages: int = 60) -> list[tuple[str, list[str], list[str], list[Bead]]]:
    """(catalog, source lines, target lines, gold beads) from the system's catalogs; the
    language ``en`` is the messages' English originals."""
    docs = []
    folder = LOCALE / "fr" / "LC_MESSAGES"
    for domain in sorted(p.stem for p in folder.glob("*.mo")) if folder.is_dir() else ():
        de, fr = (_catalog(lang, domain) if lang != "en" else None for lang in (src_lang, tgt_lang))
        if de is None:
            de = {k: k for k in fr if isinstance(k, str)}
        rows = [(de[k].strip(), fr[k].strip()) for k in sorted(k for k in de if isinstance(k, str) and k in fr)
                if isinstance(de[k], str) and isinstance(fr[k], str) and de[k].strip() and fr[k].strip()
                and 40 <= len(k) <= 300 and "%" not in k and "\n" not in k + de[k] + fr[k]]
        if len(rows) < min_messages:
            continue
        de_lines: list[str] = []
        fr_lines: list[str] = []
        gold = []
        for k, (d, f) in enumerate(rows):
            keep_de, keep_fr = k % 23 != 11, k % 17 != 5 or k % 23 == 11  # never both left out
            gold.append(Bead((len(de_lines),) if keep_de else (), (len(fr_lines),) if keep_fr else ()))
            de_lines += [d] if keep_de else []
            fr_lines += [f] if keep_fr else []
        docs.append((domain, de_lines, fr_lines, gold))
    return docs


def gettext_pair(src_lang: str, tgt_lang: str, title: str) -> None:
    docs = gettext_pairs(src_lang, tgt_lang)
    if not docs:
        print(f"\n(no {title} gettext catalogs on this machine)")
        return
    print(f"\n{title} gettext messages, {len(docs)} catalogs, "
          f"{sum(len(d[1]) for d in docs):,} / {sum(len(d[2]) for d in docs):,} lines (--no-split)")
    print(f"{'set-up':36} {'strict F1':>9} {'lax F1':>7}  seconds")
    for name, options in SETUPS:
        start = time.perf_counter()
        aligner = Aligner(options)
        test = [align_texts("\n".join(de), "\n".join(fr), src_lang, tgt_lang, split=False, aligner=aligner).beads
                for _, de, fr, _ in docs]
        s = score_alignments([g for *_, g in docs], test)
        print(f"{name:36} {s.f1_strict:9.4f} {s.f1_lax:7.4f}  {time.perf_counter() - start:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=shared_data() / "mac-dev")
    args = ap.parse_args()
    if not (args.data / "trans").is_dir():
        sys.exit(f"{args.data}: no MAC-Dev with trans/ there")
    chapters = sorted(p.name for p in (args.data / "gold").iterdir())
    print(f"MAC-Dev, English MT → published English, {len(chapters)} chapters (--no-split)")
    print(f"{'set-up':36} {'strict F1':>9} {'lax F1':>7}  per chapter (strict)  seconds")
    for name, options in SETUPS:
        start = time.perf_counter()
        gold, test = align_chapters(args.data, options, chapters)
        s = score_alignments(gold, test)
        per = " ".join(f"{score_alignments([g], [t]).f1_strict:.3f}" for g, t in zip(gold, test))
        print(f"{name:36} {s.f1_strict:9.4f} {s.f1_lax:7.4f}  {per}  {time.perf_counter() - start:.1f}")
    print("for comparison, Chinese → English on the same chapters: 0.895 (benchmarks/mac_dev.py)")
    gettext_pair("de", "fr", "German → French")
    gettext_pair("en", "fr", "English → French")


if __name__ == "__main__":
    main()
