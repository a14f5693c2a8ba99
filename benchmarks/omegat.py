"""How much of the bundled report OmegaT pre-translates from duiqi's TMX, both directions.

    python benchmarks/omegat.py [--zh ZH --en EN | --document mac-dev/006 | --document bible-5k]
                                [--beads N] [--keep DIR]

For zh→en (the Chinese report is the source document) and en→zh (the English one is),
aligns the two texts with duiqi (source first), writes the TMX with sentence-level
units (the default) and with ``--units bead``, builds an OmegaT project around the
source document with that TMX in ``tm/auto/``, runs OmegaT's console translation
(``java -jar /usr/share/omegat/OmegaT.jar PROJECT --mode=console-translate``) and
prints how many source segments OmegaT filled from the memory, and which sentences it
left untranslated. Needs Java and Debian's ``omegat``.

``--document`` makes a second text from the evaluation data instead of the bundled
report: the first ``--beads`` gold beads of a MAC-Dev chapter (a novel, Chinese
source) or of bible-5k (English source), their sentences joined into paragraphs
(five beads a paragraph; for the Bible, one chapter a paragraph) as a translator's
two documents would have them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.aligner import Aligner  # noqa: E402
from align.api import align_texts  # noqa: E402
from corpora import bundled_corpus, read_text  # noqa: E402
from corpora.formats import write_alignment  # noqa: E402
from corpora.formats.tmx import tmx_lang  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402
from corpora.omegat import console_translate, make_project, omegat_available  # noqa: E402
from shared_data import shared_data  # noqa: E402


def make_document(name: str, beads: int, out: Path) -> tuple[Path, Path]:
    """Two documents (zh, en) of the first ``beads`` gold beads of ``name``
    (``mac-dev/NNN`` or ``bible-5k``) in ``out``, one paragraph per five beads or
    per Bible chapter."""
    data = shared_data()
    folder = data / name.split("/")[0]
    if name.startswith("mac-dev/"):
        ch = name.split("/")[1]
        zh, en, gold = folder / "zh" / ch, folder / "en" / ch, folder / "gold" / ch
        zh_first = True
    else:
        zh, en, gold = folder / "zh", folder / "en", folder / "gold"
        zh_first = False
    zh_lines, en_lines = read_text(zh).split("\n"), read_text(en).split("\n")
    verses = read_text(folder / "en.verse").split("\n") if not zh_first else None
    paragraphs: list[tuple[list[str], list[str]]] = []
    last = None
    for k, bead in enumerate(read_beads(gold)[:beads]):
        z_ids, e_ids = (bead.src, bead.tgt) if zh_first else (bead.tgt, bead.src)
        key = k // 5 if zh_first else verses[e_ids[0]].rsplit(":", 1)[0] if e_ids else last
        if key != last or not paragraphs:
            paragraphs.append(([], []))
            last = key
        paragraphs[-1][0].extend(zh_lines[i].strip() for i in z_ids)
        paragraphs[-1][1].extend(en_lines[i].strip() for i in e_ids)
    out.mkdir(parents=True, exist_ok=True)
    zh_doc, en_doc = out / "doc.zh.txt", out / "doc.en.txt"
    zh_doc.write_text("\n\n".join("".join(z) for z, _ in paragraphs) + "\n", encoding="utf-8")
    en_doc.write_text("\n\n".join(" ".join(e) for _, e in paragraphs) + "\n", encoding="utf-8")
    return zh_doc, en_doc


def pretranslate(src: Path, tgt: Path, src_lang: str, tgt_lang: str, units: str, work: Path, aligner: Aligner):
    """OmegaT's pre-translation of ``src`` from duiqi's TMX of src/tgt; and the source
    sentences (duiqi's segmentation) left verbatim in OmegaT's target document."""
    alignment = align_texts(read_text(src), read_text(tgt), src_lang, tgt_lang, aligner=aligner, units=units)
    work.mkdir(parents=True)
    tmx = work / "duiqi.tmx"
    write_alignment(alignment, tmx, "tmx", units=units)
    project = make_project(work / "project", src, tmx, tmx_lang(src_lang), tmx_lang(tgt_lang))
    result = console_translate(project)
    translated = read_text(project / "target" / src.name)
    left = [s.text for s in alignment.src if s.text in translated]
    return result, left, alignment


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus = bundled_corpus()
    ap.add_argument("--zh", type=Path, default=corpus.zh)
    ap.add_argument("--en", type=Path, default=corpus.en)
    ap.add_argument("--document", help="Make the two documents from the evaluation data: mac-dev/NNN or bible-5k.")
    ap.add_argument("--beads", type=int, default=60, help="With --document: how many gold beads (default 60).")
    ap.add_argument("--keep", type=Path, help="Build the projects here (must not exist) and keep them.")
    args = ap.parse_args()
    why = omegat_available()
    if why:
        sys.exit(f"OmegaT cannot run: {why}")
    aligner = Aligner()
    with tempfile.TemporaryDirectory(prefix="duiqi-omegat-") as tmp:
        base = args.keep or Path(tmp)
        if args.document:
            args.zh, args.en = make_document(args.document, args.beads, base / "documents")
        print(f"{'direction':10} {'units':9} {'pre-translated':>15} {'share':>7}  beads cut / kept whole")
        for name, (src, s_lang), (tgt, t_lang) in (("zh->en", (args.zh, "zh"), (args.en, "en")),
                                                   ("en->zh", (args.en, "en"), (args.zh, "zh"))):
            for units in ("bead", "sentence"):
                result, left, alignment = pretranslate(src, tgt, s_lang, t_lang, units, base / f"{name}-{units}",
                                                       aligner)
                cut = (f"{len(alignment.splits)} / {len(alignment.kept_whole)}"
                       + (f" (+{len(alignment.cat_splits)} cut at CAT segments)" if alignment.cat_splits else "")
                       if units == "sentence" else "")
                print(f"{name:10} {units:9} {result.translated:>7} of {result.total:<5} {result.share:7.1%}  {cut}")
                for text in left:
                    print(f"{'':21}untranslated: {text[:70]}")


if __name__ == "__main__":
    main()
