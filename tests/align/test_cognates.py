"""Orthographic evidence for same-script pairs (align/scorers/cognates.py)."""

from __future__ import annotations

import numpy as np
from click.testing import CliRunner

from align.aligner import Aligner
from align.analysis import DocPair, Side
from align.api import align_texts
from align.cli import cli
from align.evaluate import score_alignments
from align.options import DEFAULT_SCORERS, AlignOptions
from align.scorers.cognates import CognateScorer, cognate_keys
from corpora import read_text
from corpora.formats.beads import read_beads

DE = ["Das Europäische Parlament hat die Resolution über die Agrarpolitik angenommen.",
      "Der Präsident der Kommission sprach über die Finanzkrise in Griechenland.",
      "Die Minister diskutieren die Migration und die Integration.",
      "Am Montag beginnt die Konferenz in Straßburg."]
FR = ["Le Parlement européen a adopté la résolution sur la politique agricole.",
      "Le président de la Commission a parlé de la crise financière en Grèce.",
      "Les ministres discutent de la migration et de l'intégration.",
      "La conférence commence lundi à Strasbourg."]


def test_keys_are_accent_free_four_letter_prefixes():
    assert cognate_keys("Das Europäische Parlament, européen!") == ["euro", "parl"]
    assert cognate_keys("die Résolution") == ["reso"]
    assert cognate_keys("Президент говорил о кризисе") == ["през", "гово", "криз"]  # any alphabet


def test_true_pairs_share_more_weighted_cognates_than_wrong_ones():
    doc = DocPair(Side(DE, "de"), Side(FR, "fr"), None)
    cov = CognateScorer().fit(doc)
    matched = (cov.src_held @ cov.tgt_covers.T).toarray()
    assert (np.argmax(matched, axis=1) == np.arange(len(DE))).all()
    assert CognateScorer().fit(DocPair(Side(["政府"], "zh"), Side(["Regierung"], "de"), None)) is None


def test_a_pair_without_dictionary_aligns_crossed_sentences_with_no_split(tmp_path):
    # the French translates the third and fourth German sentences in the other order:
    # one 2-2 bead is right; lengths alone pair them 1-1 (crossed)
    de = [*DE, "Die Abgeordneten stimmen morgen über den Haushalt ab.", "Die Sitzung wird um neun Uhr geschlossen."]
    fr = [FR[0], FR[1], FR[3], FR[2], "Les députés votent demain sur le budget.", "La séance est levée à neuf heures."]
    (tmp_path / "de.txt").write_text("\n".join(de) + "\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("\n".join(fr) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(tmp_path / "de.txt"), str(tmp_path / "fr.txt"), "--no-split",
                                      "--src-lang", "de", "--tgt-lang", "fr", "--format", "align"])
    assert result.exit_code == 0, result.output
    beads = [line.rsplit(":", 1)[0] for line in result.output.split("\n") if line]
    assert beads == ["[0]:[0]", "[1]:[1]", "[2,3]:[2,3]", "[4]:[4]", "[5]:[5]"]



def test_cognates_align_a_real_same_script_pair(mac_dev):
    # MAC-Dev's English machine translation against its published English: no
    # dictionary applies, as for German–French (the figures: benchmarks/same_script.py)
    def strict_f1(options: AlignOptions) -> float:
        aligner = Aligner(options)
        tests = [align_texts(read_text(mac_dev / "trans" / c), read_text(mac_dev / "en" / c), "en", "en",
                             split=False, aligner=aligner).beads for c in ("004", "006")]
        golds = [read_beads(mac_dev / "gold" / c) for c in ("004", "006")]
        return score_alignments(golds, tests).f1_strict

    with_cognates = strict_f1(AlignOptions())
    without = strict_f1(AlignOptions(scorers=tuple(s for s in DEFAULT_SCORERS if s != "cognates")))
    assert with_cognates > 0.75
    assert with_cognates > without + 0.1
