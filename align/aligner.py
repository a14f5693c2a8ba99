"""The aligner: scorers, a first 1-1 pass in a wide band, then all bead types in a narrow one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

import numpy as np

from corpora import Alignment, Bead, Segment

from .analysis import DocPair, Side
from .background import DocumentUnits, background_tasks
from .anchors import anchor_centers
from .cedict import Cedict
from .costs import (BeadFeatures, LengthModel, SideContext, Weights, bead_confidence, bead_features, bead_scores,
                    cell_costs, concat_features)
from .evidence import BeadTerms, EvidenceSums, PairEvidence, bead_terms, evidence_sums, pair_evidence
from .options import DEFAULT_SCORERS, AlignOptions
from .memory import release
from .parallel import Worker, worth_a_worker
from .phases import phase
from .scorers import make_scorers
from .scorers.base import Coverage, Scorer
from .search import Band, band_around, band_around_path, bead_types, search_cells, search_costs
from .tokens import ends_quote, inside_quotes

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import Lexicon, UnitModel

__all__ = ["AlignOptions", "Aligner", "DEFAULT_SCORERS", "WEIGHTS", "MT_WEIGHTS"]

FEATURE_BLOCK = 65_536  # band cells whose features are computed at once
# sentences (both sides) from which freed memory is given back between phases: on
# bible-5k and its 2×, 4× and 8× copies (up to 90,408 sentences) the peak was the same
# without (174 / 208 / 275 / 465 MB against 175 / 212 / 276 / 467), and the garbage
# collections cost 0.1 CPU s at 1×
LONG_TEXT = 100_000

# Tuned on MAC-Dev and bible-5k by benchmarks/tune_weights.py (see its docstring);
# quote_end set by hand (MAC-Dev in-sample strict F1, without / with a translation:
# 0 → 0.8948 / 0.9044, -0.05 → 0.8958 / 0.9066, -0.1 → 0.8948 / 0.9077; bible-5k has no quotes).
WEIGHTS = Weights(
    sim=1.0, sim_extra=0.0, length=0.05, length_extra=0.0, paragraph=-1.0, quote=-0.24, quote_end=-0.05, ratio=0.17,
    matched=0.05, weakest=0.1, skip=-0.22, one_to_one=-0.01, merge=-0.1, merge_more=0.0, many_to_many=-0.04,
    prior_mass=1.0, prior_sim=0.2,
    scorers=(("cognates", 1.0), ("cues", 0.281), ("dictionary", 3.0), ("learned", 1.0), ("names", 0.664),
             ("numbers", 1.33)),
)
# A lexicon given to the aligner (e.g. shared by a batch) weighs this share of the
# document's own learned lexicon in the first round; the document learns its own from
# that round, and the second round uses its own alone (benchmarks/batch.py, MAC-Dev
# strict F1, own lexicon alone 0.8958: the shared one kept in round 2 at 0.25, 0.8966
# but chapter 003 0.0058 below its own; only in the sentences its own holds nothing of,
# 0.8966, none of the chapters below but one of 56 pieces of 25 beads 0.0225 below;
# left out, 0.8966, no chapter and no piece below its own). A document too short to
# learn its own (fewer than 20 confident beads) keeps the shared one.
SHARED_LEXICON_SHARE = 0.5

# With --src-translation (tuned on MAC-Dev with its trans/ files).
MT_WEIGHTS = Weights(
    sim=1.0, sim_extra=-0.02, length=0.05, length_extra=0.0, paragraph=-1.0, quote=-0.12, quote_end=-0.1, ratio=0.31,
    matched=0.17, weakest=0.1, skip=-0.22, one_to_one=0.01, merge=-0.05, merge_more=0.0, many_to_many=-0.1,
    prior_mass=0.5, prior_sim=0.0,
    scorers=(("chrf", 1.0), ("cognates", 1.0), ("cues", 0.188), ("dictionary", 1.496), ("learned", 0.5),
             ("names", 0.746), ("numbers", 0.561), ("translation", 0.998), ("translit", 0.0)),
)


class Aligner:
    """Aligns documents; holds the resources (dictionary) shared between documents."""

    def __init__(self, options: AlignOptions | None = None, cedict: Cedict | None = None,
                 lexicon: "Lexicon | None" = None) -> None:
        """``lexicon``: a lexicon learned beforehand (e.g. over a whole corpus); when given,
        it is used from the first pass on, instead of learning one per document."""
        self.options = (options or AlignOptions()).engine().validate()
        self._cedict = cedict
        self.lexicon = lexicon

    @property
    def cedict(self) -> Cedict:
        """CC-CEDICT, loaded on first use."""
        if self._cedict is None:
            with phase("dictionary load"):
                self._cedict = Cedict()
        return self._cedict

    def align(self, src: Sequence[Segment], tgt: Sequence[Segment], src_lang: str, tgt_lang: str,
              extra_scorers: Sequence[Scorer] = (), translation: Sequence[str] | None = None) -> Alignment:
        """Align two segment lists; every segment ends up in exactly one bead.

        ``translation``: a machine translation of the source into the target language,
        one line per source segment; adds word and chrF evidence and the weights tuned
        for it. ``extra_scorers``: more evidence (e.g. glossary anchors).
        """
        return self.align_with_units(src, tgt, src_lang, tgt_lang, extra_scorers, translation).alignment

    def align_with_units(
        self,
        src: Sequence[Segment],
        tgt: Sequence[Segment],
        src_lang: str,
        tgt_lang: str,
        extra_scorers: Sequence[Scorer] = (),
        translation: Sequence[str] | None = None,
    ) -> "Aligned":
        """:meth:`align`, with the unit models of both sides' texts its learned lexicon was
        made of (for what learns from the alignment next, e.g. the sentence splitter)."""
        src = tuple(src)
        tgt = tuple(tgt)
        signature = self.options.signature([s.describe() for s in extra_scorers]
                                           + (["translation", "chrf"] if translation is not None else [])
                                           + ([f"learned:{len(self.lexicon)}"] if self.lexicon else []))
        if not src or not tgt:
            beads = [Bead((k,), (), 0.0) for k in range(len(src))] + [Bead((), (k,), 0.0) for k in range(len(tgt))]
            return Aligned(Alignment(src, tgt, tuple(beads), src_lang, tgt_lang, signature), None)
        s_side = Side([s.text for s in src], src_lang, [s.paragraph for s in src])
        t_side = Side([s.text for s in tgt], tgt_lang, [s.paragraph for s in tgt])
        doc = DocPair(s_side, t_side, None)
        # with a second core, a forked worker builds the dictionary evidence and the
        # learned lexicon's unit models of a long text while this process builds the
        # rest; a shorter text trains its CJK side's unit model in a thread (never both:
        # no fork while a thread runs)
        parallel = worth_a_worker(self.options.jobs, len(src) + len(tgt))
        if self.options.learn and not parallel and min(len(src), len(tgt)) >= 20:  # see _learned_coverage
            s_side.start_unit_model()
            t_side.start_unit_model()
        if doc.zh_en is not None:
            doc.cedict = self.cedict
        options = self.options
        if translation is not None:
            from .scorers.translation import ChrfScorer, TranslationScorer

            mt = options.mt_weights
            extra_scorers = [*extra_scorers, TranslationScorer(translation, mt.scorer("translation")),
                             ChrfScorer(translation, mt.scorer("chrf"))]
            options = replace(options, weights=mt)
        scorers = [*make_scorers(options.scorers, options.weights), *extra_scorers]
        if self.lexicon is not None:
            from .scorers.learned import SharedLexiconScorer

            # it guides the first round; the document's own lexicon, learned from that,
            # replaces it in the second (see _rounds)
            scorers.append(SharedLexiconScorer(self.lexicon, SHARED_LEXICON_SHARE * options.weights.scorer("learned")))
        tasks = background_tasks(doc, scorers, options.learn) if parallel else {}
        worker = Worker(list(tasks.items())) if tasks else None
        try:
            fitted = {}
            for scorer in scorers:
                if f"evidence: {scorer.name}" not in tasks:
                    with phase(f"evidence: {scorer.name}"):
                        fitted[id(scorer)] = scorer.fit(doc)
            for scorer in scorers:  # the worker's evidence, in the scorers' order
                if f"evidence: {scorer.name}" in tasks:
                    fitted[id(scorer)] = worker.result()
            coverages = [cov for cov in (fitted[id(s)] for s in scorers) if cov is not None]
            s_side.forget(keep=("lookup",))  # the evidence is built: free the token lists
            t_side.forget(keep=("lookup",))
            if len(src) + len(tgt) >= LONG_TEXT:
                release()
            units = DocumentUnits(doc, worker if "lexicon: units" in tasks else None)
            raw = _search_with_glossary(doc, _token_weighted(coverages), options, units)
        finally:
            if worker is not None:
                worker.close()
        beads = tuple(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(float(score), 4))
                      for (i0, i1, j0, j1), score in raw)
        return Aligned(Alignment(src, tgt, beads, src_lang, tgt_lang, signature), units.models)


@dataclass(frozen=True)
class Aligned:
    """An alignment and the unit models (source, target) of its texts that its learned
    lexicon used (None when it learned none)."""

    alignment: Alignment
    units: "tuple[UnitModel, UnitModel] | None"


def _token_weighted(coverages: list[Coverage]) -> list[Coverage]:
    """Glossary evidence weighed token for token like the dictionary's (see
    :func:`align.scorers.glossary.as_lexical_evidence`), not like a whole sentence's."""
    from .scorers.glossary import as_lexical_evidence

    reference = next((c for c in coverages if c.name == "dictionary"), None)
    return [as_lexical_evidence(c, reference) if c.name == "glossary" else c for c in coverages]


def _cumulative(x: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(x)])


def _paragraph_breaks(side: Side) -> np.ndarray:
    """Cumulative count of paragraph starts: value k counts starts among sentences 1..k-1."""
    p = side.paragraphs
    starts = np.zeros(len(p) + 1)
    if len(p) > 1:
        starts[2:] = (p[1:] != p[:-1]).astype(np.float64)
    return np.cumsum(starts)


def _side_context(side: Side) -> SideContext:
    return side.memo("context", lambda: SideContext(
        _cumulative(side.lengths), _paragraph_breaks(side),
        np.array([*inside_quotes(side.texts, side.paragraphs), False], dtype=np.float64),
        _closing(side.texts)))


def _closing(texts: Sequence[str]) -> np.ndarray:
    """1.0 where a sentence ends closing a quotation."""
    return np.array([ends_quote(t) for t in texts], dtype=np.float64)


@dataclass
class _Problem:
    """One document pair prepared for the search: evidence, lengths, paragraph breaks."""

    doc: DocPair
    coverages: Sequence[Coverage]
    length: LengthModel

    def __post_init__(self) -> None:
        self.n, self.m = len(self.doc.src), len(self.doc.tgt)
        self.src = _side_context(self.doc.src)
        self.tgt = _side_context(self.doc.tgt)

    def evidence(self, band: Band, types: Sequence[tuple[int, int]], base: EvidenceSums | None = None,
                 coverages: Sequence[Coverage] | None = None) -> EvidenceSums:
        """Evidence in the band of ``coverages`` (default: all), added to ``base``."""
        with phase("band evidence"):
            return evidence_sums(self.coverages if coverages is None else coverages, band,
                                 max(a for a, _ in types), max(b for _, b in types), self.n, self.m, base)

    def features(self, band: Band, types: Sequence[tuple[int, int]], weights: Weights,
                 sums: EvidenceSums | None = None, lean: bool = False) -> dict[tuple[int, int], BeadFeatures]:
        """Features of every candidate bead of the given types inside the band (``lean``:
        reduced to their scores under ``weights``, which is all the search needs)."""
        ev = pair_evidence(sums if sums is not None else self.evidence(band, types))
        parts: dict[tuple[int, int], list[BeadFeatures]] = {kind: [] for kind in types}
        with phase("bead features"):
            # in blocks of rows, so that the temporaries stay small whatever the length
            for rows in band.row_blocks(FEATURE_BLOCK):
                terms = bead_terms(ev, band, weights, rows)
                for kind in types:
                    parts[kind].append(bead_features(ev, band, kind, self.src, self.tgt, self.length, weights,
                                                     terms, lean))
            return {kind: concat_features(p) for kind, p in parts.items()}


    def solve(self, band: Band, types: Sequence[tuple[int, int]], weights: Weights,
              sums: EvidenceSums | None = None) -> list[tuple[tuple[int, int, int, int], float]]:
        """The cheapest path through the band with beads of ``types`` (and skips), each
        bead with its confidence (0 for one-sided beads). Only the costs are kept per
        cell; the confidences are computed for the path's beads alone."""
        ev = pair_evidence(sums if sums is not None else self.evidence(band, types))
        with phase("bead features"):
            step = np.full((len(types), band.size), np.inf)
            for rows in band.row_blocks(FEATURE_BLOCK):
                terms = bead_terms(ev, band, weights, rows)
                for t, kind in enumerate(types):
                    cells, score = bead_scores(ev, kind, self.src, self.tgt, self.length, weights, terms)
                    step[t, cells] = -score
                del terms
        with phase("search"):
            path = search_costs(types, step, band, -weights.skip)
        del step
        return list(zip(path, self.confidences(ev, path, weights)))

    def confidences(self, ev: PairEvidence, path: Sequence[tuple[int, int, int, int]],
                    weights: Weights) -> list[float]:
        """The confidence of each bead of ``path`` (0 for one-sided beads)."""
        conf = np.zeros(len(path))
        if path:
            arr = np.array(path, dtype=np.int64)
            kinds = np.stack([arr[:, 1] - arr[:, 0], arr[:, 3] - arr[:, 2]], axis=1)
            two_sided = kinds[(kinds[:, 0] > 0) & (kinds[:, 1] > 0)]
            for kind in map(tuple, np.unique(two_sided, axis=0).tolist()):
                hit = (kinds[:, 0] == kind[0]) & (kinds[:, 1] == kind[1])
                terms = BeadTerms(ev, None, weights, cells=(arr[hit, 1], arr[hit, 3]))
                conf[hit] = bead_confidence(ev, kind, self.src, self.tgt, self.length, weights, terms)
        return conf.tolist()


def _solve(feats: dict[tuple[int, int], BeadFeatures], band: Band, weights: Weights):
    with phase("search"):
        return search_cells({kind: cell_costs(f, weights) for kind, f in feats.items()}, band, -weights.skip)


def _first_pass(problem: "_Problem", options: AlignOptions,
                centers: np.ndarray | None = None) -> tuple[Band, np.ndarray]:
    """1-1 beads and skips in a wide band around the anchor chain (``centers``, else
    found); refits the length model on its confident beads and returns the band for
    the second pass, and the centers."""
    n, m = problem.n, problem.m
    weights = options.weights
    if centers is None:
        # glossary terms are evidence, never anchors: a wrong or ambiguous term cannot pull the band
        with phase("anchors"):
            centers = anchor_centers([c for c in problem.coverages if c.name != "glossary"], n, m)
    band1 = band_around(centers, max(options.first_width, 3), m)
    path1 = problem.solve(band1, [(1, 1)], weights)
    ones = [(b, c) for b, c in path1 if b[1] - b[0] == 1 and b[3] - b[2] == 1]
    if len(ones) >= 10:
        cut = np.quantile([c for _, c in ones], 0.5)
        good = [b for b, c in ones if c >= cut]
        problem.length = problem.length.refit(problem.doc.src.lengths[[b[0] for b in good]],
                                              problem.doc.tgt.lengths[[b[2] for b in good]])
    return band_around_path([b for b, _ in path1], n, m, options.second_width), centers


def _search_with_glossary(doc: DocPair, coverages: Sequence[Coverage], options: AlignOptions,
                          units: DocumentUnits | None = None):
    """The beads of ``doc``; glossary evidence, if any, is first checked against the
    alignment made without it, and only the concepts that agree with it are used."""
    from .scorers.glossary import consistent_concepts

    glossary = [c for c in coverages if c.name == "glossary"]
    if not glossary:
        return _search(doc, coverages, options, units)
    others = [c for c in coverages if c.name != "glossary"]
    first = _search(doc, others, options, units)
    kept = [k for k in (consistent_concepts(g, first) for g in glossary) if k is not None]
    return _search(doc, [*others, *kept], options, units) if kept else first


def _search(doc: DocPair, coverages: Sequence[Coverage], options: AlignOptions, units: DocumentUnits | None = None):
    """The beads of ``doc`` with their confidences."""
    problem, band, sums = _rounds(doc, coverages, options, units)
    return problem.solve(band, bead_types(options.max_bead), options.weights, sums)


def _prepare(doc: DocPair, coverages: Sequence[Coverage], options: AlignOptions, lean: bool = False):
    """Problem, band and the features of all bead types in it, as :func:`_search` ends
    with them (for tuning and the bead model).
    ``lean``: features reduced to their scores (enough for the search, not for re-weighting)."""
    problem, band, sums = _rounds(doc, coverages, options)
    return problem, band, problem.features(band, bead_types(options.max_bead), options.weights, sums, lean)


def _rounds(doc: DocPair, coverages: Sequence[Coverage], options: AlignOptions, units: DocumentUnits | None = None):
    """Problem, final band and its evidence: first pass, band, all bead types; then, if
    asked, a lexicon learned from the resulting alignment and both passes again with
    its evidence."""
    problem = _Problem(doc, coverages, LengthModel.from_totals(doc.src.lengths, doc.tgt.lengths))
    band, centers = _first_pass(problem, options)
    types = bead_types(options.max_bead)
    sums = problem.evidence(band, types)
    if options.learn:
        result = problem.solve(band, types, options.weights, sums)
        learned = _learned_coverage(doc, result, options, units or DocumentUnits(doc))
        if learned is not None:
            # both passes again, around the first round's anchor chain: the 1-1 pass
            # changes with the learned evidence (reusing the first round's band cost
            # bible-5k 0.975 → 0.971), the refined chain does not (found again with the
            # learned evidence, it gave the same beads on bible-5k, MAC-Dev ± MT and the
            # bundled report, for 0.15 CPU s more at 1×, 0.4 s at 8×)
            del sums, result
            if len(doc.src) + len(doc.tgt) >= LONG_TEXT:
                release()
            # a lexicon shared by many documents dilutes what this one says about itself:
            # once the document has its own, the shared one is left out (see
            # SHARED_LEXICON_SHARE)
            own = [c for c in coverages if c.name != "shared"]
            problem = _Problem(doc, [*own, learned], LengthModel.from_totals(doc.src.lengths, doc.tgt.lengths))
            band, _ = _first_pass(problem, options, centers)
            sums = problem.evidence(band, types)
    return problem, band, sums


def _learned_coverage(doc: DocPair, result, options: AlignOptions, units: DocumentUnits) -> Coverage | None:
    """A lexicon learned from the confident two-sided beads of ``result``."""
    from .lexicon import confident_pairs, learn_lexicon
    from .scorers.learned import LearnedScorer

    beads = [(range(b[0], b[1]), range(b[2], b[3]), c) for b, c in result]
    if sum(1 for s, t, _ in beads if len(s) and len(t)) < 20:
        return None
    pairs = confident_pairs(doc.src.texts, doc.tgt.texts, beads, doc.src.lang, doc.tgt.lang, options.learn_quantile)
    src_units, tgt_units = units.get()
    sentences = units.of_sentences()
    with phase("lexicon: links"):
        # a bead of one sentence a side has its sentences' units
        known = tuple(dict(zip(side.texts, found)) for side, found in zip((doc.src, doc.tgt), sentences))
        lexicon = learn_lexicon(src_units, tgt_units, pairs, min_dice=options.learn_dice, known=known)
    with phase("evidence: learned"):
        return LearnedScorer(lexicon, options.weights.scorer("learned")).fit(doc, sentences)
