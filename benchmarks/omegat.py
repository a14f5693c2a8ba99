"""How much of the bundled report OmegaT pre-translates from duiqi's TMX, both directions.

    python benchmarks/omegat.py [--src ZH --tgt EN] [--keep DIR]

For zh→en (the Chinese report is the source document) and en→zh (the English one is),
aligns the two texts with duiqi (source first), writes the TMX with sentence-level
units (the default) and with ``--units bead``, builds an OmegaT project around the
source document with that TMX in ``tm/auto/``, runs OmegaT's console translation
(``java -jar /usr/share/omegat/OmegaT.jar PROJECT --mode=console-translate``) and
prints how many source segments OmegaT filled from the memory, and which sentences it
left untranslated. Needs Java and Debian's ``omegat``.
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
from corpora.omegat import console_translate, make_project, omegat_available  # noqa: E402


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
    ap.add_argument("--keep", type=Path, help="Build the projects here (must not exist) and keep them.")
    args = ap.parse_args()
    why = omegat_available()
    if why:
        sys.exit(f"OmegaT cannot run: {why}")
    aligner = Aligner()
    with tempfile.TemporaryDirectory(prefix="duiqi-omegat-") as tmp:
        base = args.keep or Path(tmp)
        print(f"{'direction':10} {'units':9} {'pre-translated':>15} {'share':>7}  beads cut / kept whole")
        for name, (src, s_lang), (tgt, t_lang) in (("zh->en", (args.zh, "zh"), (args.en, "en")),
                                                   ("en->zh", (args.en, "en"), (args.zh, "zh"))):
            for units in ("bead", "sentence"):
                result, left, alignment = pretranslate(src, tgt, s_lang, t_lang, units, base / f"{name}-{units}",
                                                       aligner)
                cut = f"{len(alignment.splits)} / {len(alignment.kept_whole)}" if units == "sentence" else ""
                print(f"{name:10} {units:9} {result.translated:>7} of {result.total:<5} {result.share:7.1%}  {cut}")
                for text in left:
                    print(f"{'':21}untranslated: {text[:70]}")


if __name__ == "__main__":
    main()
