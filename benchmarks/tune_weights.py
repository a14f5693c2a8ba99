"""Fit the aligner's weights on MAC-Dev and bible-5k; cross-validated figures first.

This is how the constants ``WEIGHTS`` and ``MT_WEIGHTS`` in ``align/aligner.py`` were
obtained. It reads ../shared/data (never copied into the project) and prints the
weights as Python code.

    python benchmarks/tune_weights.py --learn [--translation]   # learned bead model (align/bead_model.py):
        # MAC-Dev cross-validated by book (train on the other five books and bible-5k,
        # score the held-out one; each MAC-Dev book is one chapter, so by book = by chapter),
        # then the fit on everything, its in-sample figures and its weights
    python benchmarks/tune_weights.py                 # coordinate ascent on strict F1, MAC-Dev + bible
    python benchmarks/tune_weights.py --translation   # with the MAC-Dev trans/ files
    python benchmarks/tune_weights.py --cv            # coordinate ascent, 3-fold CV over MAC-Dev chapters

Without ``--from-defaults`` the learned model starts from untuned weights (``Weights()``
and the registries' scorer weights), so its cross-validated figure has seen nothing of
the held-out book. With it, it starts from the shipped weights, whose scorer weights,
priors and bead weights were tuned by coordinate ascent on all of MAC-Dev: that figure
is not a held-out one (and the line search keeps the shipped weights where no step
decodes the training books better).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_data  # noqa: E402

from align.aligner import (  # noqa: E402
    AlignOptions, Aligner, DEFAULT_SCORERS, MT_WEIGHTS, WEIGHTS, _prepare, _solve,
)
from align.analysis import DocPair, Side  # noqa: E402
from align.costs import BEAD_BIASES, BEAD_FEATURES, FEATURES, SMOOTHING, Weights  # noqa: E402
from align.evaluate import merge_by_unit, score_alignments  # noqa: E402
from align.scorers import default_weight, make_scorers, tunable_scorers  # noqa: E402
from align.scorers.translation import ChrfScorer, TranslationScorer  # noqa: E402
from align.search import bead_types  # noqa: E402
from corpora import Bead, read_text  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

DATA = shared_data()
TYPES = bead_types(5)
# Tuned in turn, as the registries in align/costs.py list them (``sim`` is the unit).
SCALARS = tuple(f.name for f in BEAD_FEATURES if f.name != "sim") + tuple(b.name for b in BEAD_BIASES)
PUBLISHED_MAC = "Bertalign 0.911, Vecalign 0.863, Hunalign 0.610, Gale-Church 0.485"
FEATURE_LEVEL = tuple(f.name for f in reversed(SMOOTHING))


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in read_text(path).split("\n") if line.strip()]


class Doc:
    """One evaluation document with its features cached for fast re-decoding."""

    def __init__(self, kind: str, name: str, aligner: Aligner, translation: bool) -> None:
        self.kind = kind
        if kind == "mac":
            base = DATA / "mac-dev"
            src, tgt = _lines(base / "zh" / name), _lines(base / "en" / name)
            self.gold = read_beads(base / "gold" / name)
            langs = ("zh", "en")
            self.translation = _lines(base / "trans" / name) if translation else None
        else:
            base = DATA / "bible-5k"
            src, tgt = _lines(base / "en"), _lines(base / "zh")
            self.gold = read_beads(base / "gold")
            langs = ("en", "zh")
            self.translation = None
            self.verses = (read_text(base / "en.verse").split("\n"), read_text(base / "zh.verse").split("\n"))
        self.doc = DocPair(Side(src, langs[0]), Side(tgt, langs[1]), aligner.cedict)

    def prepare(self, w: Weights) -> None:
        """Exactly what the aligner does before its final search, under weights ``w``."""
        scorers = make_scorers(DEFAULT_SCORERS, w)
        if self.translation is not None:
            scorers += [TranslationScorer(self.translation, w.scorer("translation")),
                        ChrfScorer(self.translation, w.scorer("chrf"))]
        coverages = [c for c in (s.fit(self.doc) for s in scorers) if c is not None]
        self.problem, self.band, self.feats = _prepare(self.doc, coverages, AlignOptions(weights=w))

    def refeature(self, w: Weights) -> None:
        """Recompute features only (for priors), keeping band and evidence."""
        self.feats = self.problem.features(self.band, TYPES, w)

    def decode(self, w: Weights) -> list[tuple[int, int, int, int]]:
        """The path the search finds under ``w`` (features as last prepared)."""
        return _solve(self.feats, self.band, w)

    def comparable(self, path) -> list[tuple[int, int, int, int]]:
        """The path as it is scored (bible: beads merged within a verse)."""
        return _spans(self._merged([Bead(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in path]))

    @property
    def gold_spans(self) -> list[tuple[int, int, int, int]]:
        return _spans(self.gold)

    def _merged(self, beads: list[Bead]) -> list[Bead]:
        return merge_by_unit(beads, *self.verses) if self.kind == "bible" else beads

    def beads(self, w: Weights) -> list[Bead]:
        path = _solve(self.feats, self.band, w)
        return self._merged([Bead(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in path])


def _spans(beads: list[Bead]) -> list[tuple[int, int, int, int]]:
    """(i0, i1, j0, j1) of each bead, in order (an empty side sits where the path is)."""
    out, i, j = [], 0, 0
    for b in beads:
        i0, j0 = (b.src[0] if b.src else i), (b.tgt[0] if b.tgt else j)
        i, j = (b.src[-1] + 1 if b.src else i0), (b.tgt[-1] + 1 if b.tgt else j0)
        out.append((i0, i, j0, j))
    return out


def evaluate(docs: list[Doc], w: Weights) -> dict[str, float]:
    out = {}
    for kind in ("mac", "bible"):
        group = [d for d in docs if d.kind == kind]
        if group:
            out[kind] = score_alignments([d.gold for d in group], [d.beads(w) for d in group]).f1_strict
    return out


def objective(docs: list[Doc], w: Weights) -> float:
    r = evaluate(docs, w)
    return float(np.mean(list(r.values())))


def _set(w: Weights, name: str, value: float) -> Weights:
    if name.startswith("scorer:"):
        scorers = dict(w.scorers)
        scorers[name[7:]] = value
        return replace(w, scorers=tuple(sorted(scorers.items())))
    return replace(w, **{name: value})


def _get(w: Weights, name: str) -> float:
    if name.startswith("scorer:"):
        return w.scorer(name[7:], default_weight(name[7:]))
    return float(getattr(w, name))


def _step(docs: list[Doc], cand: Weights, best: float, w: Weights, refresh=None) -> tuple[float, Weights]:
    """``(objective, cand)`` if ``cand`` beats ``best``, else ``(best, w)``; ``refresh(doc, cand)``
    first recomputes what the candidate changes (features, or everything)."""
    if refresh is not None:
        for d in docs:
            refresh(d, cand)
    f = objective(docs, cand)
    return (f, cand) if f > best + 1e-4 else (best, w)


def tune(docs: list[Doc], w: Weights, scorer_names: list[str], rounds: int = 3, log=print,
         frozen: tuple[str, ...] = ()) -> Weights:
    """Coordinate ascent on the mean strict F1 of the documents."""
    for d in docs:
        d.prepare(w)
    best = objective(docs, w)
    kept, kept_score = w, best  # the best weights as measured after a full preparation
    log(f"start {best:.4f}")
    cheap = [name for name in SCALARS if name not in frozen]
    for rnd in range(rounds):
        step = (0.1, 0.05, 0.02)[min(rnd, 2)]
        for name in cheap:
            base = _get(w, name)
            for delta in (-3, -2, -1, 1, 2, 3):
                best, w = _step(docs, _set(w, name, round(base + delta * step, 4)), best, w)
        for name, values in (("prior_sim", (0.0, 0.1, 0.2, 0.3)), ("prior_mass", (0.3, 0.5, 1.0, 2.0))):
            if name in frozen:
                continue
            for v in values:
                best, w = _step(docs, _set(w, name, v), best, w, Doc.refeature)
            for d in docs:
                d.refeature(w)
        for sname in scorer_names:
            if sname in frozen:
                continue
            base = _get(w, "scorer:" + sname)
            for factor in (0.5, 0.75, 1.33, 2.0):
                best, w = _step(docs, _set(w, "scorer:" + sname, round(base * factor, 3)), best, w, Doc.prepare)
        for d in docs:
            d.prepare(w)
        best = objective(docs, w)
        log(f"round {rnd}: {best:.4f} {evaluate(docs, w)}")
        if best > kept_score:
            kept, kept_score = w, best
    return kept


def calibrate(docs: list[Doc], w: Weights) -> tuple[float, ...]:
    """Logistic fit of 'bead is in the gold' on (similarity, length log-prob, size)."""
    from scipy.optimize import minimize

    xs, ys = [], []
    for d in docs:
        gold = {(tuple(b.src), tuple(b.tgt)) for b in d.gold}
        for i0, i1, j0, j1 in _solve(d.feats, d.band, w):
            kind = (i1 - i0, j1 - j0)
            if 0 in kind:
                continue
            f = d.feats[kind]
            q = int(np.searchsorted(f.cells, d.band.index(np.array([i1]), np.array([j1]))[0]))
            xs.append([1.0, f.values[q][FEATURES.index("sim")], f.values[q][FEATURES.index("length")], sum(kind) - 2])
            ys.append((tuple(range(i0, i1)), tuple(range(j0, j1))) in gold)
    x, y = np.array(xs), np.array(ys, dtype=float)

    def nll(theta):
        p = np.clip(1 / (1 + np.exp(-x @ theta)), 1e-6, 1 - 1e-6)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    return tuple(round(float(v), 3) for v in minimize(nll, np.zeros(4)).x)


def _books(chapters: list[str]) -> dict[str, list[str]]:
    """Chapters of each book, from mac-dev/meta_data.tsv (text_id → book_id)."""
    books: dict[str, list[str]] = {}
    rows = [r.split("\t") for r in read_text(DATA / "mac-dev" / "meta_data.tsv").split("\n")[1:] if r.strip()]
    book_of = {r[0]: r[1] for r in rows}
    for c in chapters:
        books.setdefault(book_of.get(c, c), []).append(c)
    return books


def _fit(docs: list, start: Weights, args, log=lambda _: None) -> Weights:
    """The learned bead model fitted on ``docs``."""
    from align.bead_model import train_weights

    return train_weights(docs, start, l2=args.l2, rounds=args.rounds, decoded_weight=args.decoded_weight,
                         fixed=tuple(args.fixed.split(",")), log=log)


def _folds(chapters: list[str], by: str) -> dict[str, list[str]]:
    """The held-out folds: each book's chapters (``by="book"``), or each chapter alone."""
    return _books(chapters) if by == "book" else {c: [c] for c in chapters}


def cross_validate(mac: dict, chapters: list[str], bible: list, start: Weights, args, log=print,
                   by: str = "book") -> float:
    """MAC-Dev strict F1 cross-validated by book (or chapter): the model is fitted on the
    other folds (and ``bible``) and scored on each held-out one, in turn; logs each fold."""
    golds, tests = [], []
    for book, held in _folds(chapters, by).items():
        train = [mac[c] for c in chapters if c not in held] + bible
        w = _fit(train, start, args, log=print if args.verbose else (lambda _: None))
        for c in held:
            mac[c].prepare(w)
            golds.append(mac[c].gold)
            tests.append(mac[c].beads(w))
        log(f"held-out {by} {book} ({', '.join(held)}): strict F1 "
            f"{score_alignments([mac[c].gold for c in held], tests[-len(held):]).f1_strict:.4f}")
    return score_alignments(golds, tests).f1_strict


LEARN_DEFAULTS = argparse.Namespace(l2=1.0, rounds=5, decoded_weight=20.0, fixed="sim,paragraph,skip", verbose=False)


def learned_figures(translation: bool, log=lambda _: None) -> dict[str, float]:
    """The learned bead model from untuned weights (``Weights()``, the registries' scorer
    weights: nothing in it has seen a held-out fold), with :data:`LEARN_DEFAULTS`: MAC-Dev
    strict F1 cross-validated by book and by chapter (the same folds when each book is
    one chapter), and in-sample (fitted on all of it)."""
    aligner = Aligner()
    chapters = sorted(p.name for p in (DATA / "mac-dev" / "zh").iterdir())
    mac = {c: Doc("mac", c, aligner, translation) for c in chapters}
    bible = [] if translation else [Doc("bible", "bible", aligner, False)]
    start = Weights()
    out = {"book": cross_validate(mac, chapters, bible, start, LEARN_DEFAULTS, log, "book")}
    same = _folds(chapters, "book") == {c: [c] for c in chapters}
    out["chapter"] = out["book"] if same else cross_validate(mac, chapters, bible, start, LEARN_DEFAULTS, log,
                                                             "chapter")
    docs = list(mac.values()) + bible
    w = _fit(docs, start, LEARN_DEFAULTS)
    for d in docs:
        d.prepare(w)
    out.update({f"in-sample {k}": v for k, v in evaluate(docs, w).items()})
    return out


def learn(mac: dict, chapters: list[str], aligner: Aligner, start: Weights, args) -> None:
    """The learned bead model: cross-validated by book, then fitted on everything."""
    bible = [] if args.no_bible or args.translation else [Doc("bible", "bible", aligner, False)]
    cv = cross_validate(mac, chapters, bible, start, args, log=lambda line: print(line, flush=True))
    print(f"cross-validated by book (= by chapter: one chapter a book), MAC-Dev strict F1: {cv:.4f} "
          f"(published: {PUBLISHED_MAC})", flush=True)
    docs = list(mac.values()) + bible
    for d in docs:
        d.prepare(start)
    print(f"the start weights, in-sample: {evaluate(docs, start)}", flush=True)
    w = _fit(docs, start, args, log=print)
    for d in docs:
        d.prepare(w)
    print(f"in-sample: {evaluate(docs, w)} (published bible-5k: Bertalign 0.979, Vecalign 0.978, Hunalign 0.895)")
    print(repr(w))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--translation", action="store_true", help="tune MT_WEIGHTS with the trans/ files")
    ap.add_argument("--cv", action="store_true", help="3-fold cross-validation over MAC-Dev chapters")
    ap.add_argument("--no-bible", action="store_true")
    ap.add_argument("--bible-only", action="store_true")
    ap.add_argument("--calibrate", action="store_true", help="fit the confidence of the shipped weights")
    ap.add_argument("--mt-only", action="store_true",
                    help="with --translation: start from WEIGHTS and tune only the translation scorers")
    ap.add_argument("--freeze", default="skip,paragraph",
                    help="weights not tuned (comma-separated): the test sets have almost no deletions "
                         "and no paragraphs, so they cannot tell how to weigh those")
    ap.add_argument("--rounds", type=int, default=None,
                    help=f"rounds of coordinate ascent (3), or of the learned model ({LEARN_DEFAULTS.rounds})")
    ap.add_argument("--learn", action="store_true",
                    help="fit the learned bead model (logistic regression on gold vs decoded beads) instead "
                         "of coordinate ascent; prints the figure cross-validated by book first")
    ap.add_argument("--verbose", action="store_true", help="with --learn: the training log of each fold")
    ap.add_argument("--l2", type=float, default=LEARN_DEFAULTS.l2, help="with --learn: L2 regularisation")
    ap.add_argument("--fixed", default=LEARN_DEFAULTS.fixed,
                    help="with --learn: weights kept from the start (sim sets the scale; the sets have almost no "
                         "deletions and no paragraphs)")
    ap.add_argument("--decoded-weight", type=float, default=LEARN_DEFAULTS.decoded_weight,
                    help="with --learn: weight of a wrong stretch of the decoded path against a local contrast")
    ap.add_argument("--from-defaults", action="store_true", help="start from the shipped weights")
    ap.add_argument("--from-no-translation", action="store_true",
                    help="with --translation: start from the shipped weights without translation")
    args = ap.parse_args()
    if args.rounds is None:
        args.rounds = LEARN_DEFAULTS.rounds if args.learn else 3
    if not (DATA / "mac-dev").exists():
        sys.exit(f"no evaluation data at {DATA}")
    frozen = tuple(x for x in args.freeze.split(",") if x)
    if args.mt_only:
        frozen += SCALARS + FEATURE_LEVEL + tuple(tunable_scorers(False))
    aligner = Aligner()
    chapters = sorted(p.name for p in (DATA / "mac-dev" / "zh").iterdir())
    mac = {c: Doc("mac", c, aligner, args.translation) for c in chapters}
    names = tunable_scorers(args.translation)
    start = (MT_WEIGHTS if args.translation else WEIGHTS) if args.from_defaults else Weights()
    if args.translation and (args.from_no_translation or args.mt_only):
        start = replace(WEIGHTS, scorers=tuple(sorted({**dict(WEIGHTS.scorers), "translation": 1.0, "chrf": 1.0}.items())))
    t0 = time.time()
    if args.calibrate:
        for d in mac.values():
            d.prepare(start)
        print("CONFIDENCE =", calibrate(list(mac.values()), start))
        return
    if args.learn:
        learn(mac, chapters, aligner, start, args)
        return
    if args.cv:
        folds = [chapters[k::3] for k in range(3)]
        golds, tests = [], []
        for held in folds:
            train = [mac[c] for c in chapters if c not in held]
            w = tune(train, start, names, args.rounds, log=lambda *_: None, frozen=frozen)
            for c in held:
                mac[c].prepare(w)
                golds.append(mac[c].gold)
                tests.append(mac[c].beads(w))
            print(f"fold {held}: held-out F1 {score_alignments([mac[c].gold for c in held], tests[-len(held):]).f1_strict:.4f}")
        print(f"cross-validated MAC-Dev strict F1: {score_alignments(golds, tests).f1_strict:.4f}")
        return
    docs = [] if args.bible_only else list(mac.values())
    if not args.no_bible and not args.translation:
        docs.append(Doc("bible", "bible", aligner, False))
    w = tune(docs, start, names, args.rounds, frozen=frozen)
    for d in docs:
        d.prepare(w)
    print(f"# tuned in {time.time() - t0:.0f}s: {evaluate(docs, w)}")
    print(repr(w))


if __name__ == "__main__":
    main()
