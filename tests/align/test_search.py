from __future__ import annotations

import numpy as np

from align.anchors import heaviest_chain
from align.search import band_around, band_around_path, bead_types, search, search_cells


def _costs(band, types, cheap):
    """Cost 1 everywhere, 0 for the beads in ``cheap`` (end cells)."""
    rows, _, js = band.cells()
    costs = {}
    for kind in types:
        c = np.ones(band.size)
        for (i, j, a, b) in cheap:
            if (a, b) == kind:
                c[band.index(np.array([i]), np.array([j]))[0]] = 0.0
        costs[kind] = c
    return costs


def test_bead_types_respect_the_size_limit():
    assert bead_types(3) == ((1, 1), (1, 2), (2, 1))
    assert len(bead_types(5)) == 10 and (2, 3) in bead_types(5) and (3, 3) not in bead_types(5)


def test_search_finds_the_cheap_path_with_merges_and_skips():
    n, m = 5, 6
    band = band_around(np.arange(n + 1) * m / n, 3, m)
    # 0-0, 1-(1,2), (2,3)-3, skip src 4, 4... : beads end cells
    cheap = [(1, 1, 1, 1), (2, 3, 1, 2), (4, 4, 2, 1), (5, 6, 1, 2)]
    path = search(_costs(band, bead_types(4), cheap), band, skip=0.5)
    assert path == [(0, 1, 0, 1), (1, 2, 1, 3), (2, 4, 3, 4), (4, 5, 4, 6)]


def test_skips_win_when_every_bead_is_expensive():
    n, m = 2, 1
    band = band_around(np.arange(n + 1) * m / n, 2, m)
    path = search(_costs(band, [(1, 1)], []), band, skip=0.1)
    assert all(i0 == i1 or j0 == j1 for i0, i1, j0, j1 in path)
    assert sum(i1 - i0 for i0, i1, _, _ in path) == 2 and sum(j1 - j0 for _, _, j0, j1 in path) == 1


def test_band_is_monotone_covers_corners_and_is_linear_in_size():
    band = band_around(np.zeros(1001), 5, 3000)  # a bad guess: centred on 0
    assert band.lo[0] == 0 and band.hi[-1] == 3000
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
    path_band = band_around_path([(0, 1, 0, 2), (1, 1, 2, 3), (1, 3, 3, 4)], 3, 4, 1)
    assert path_band.width <= 6
    assert path_band.size < 4 * 6


def test_heaviest_chain_is_increasing_and_ignores_outliers():
    rows = np.array([0, 1, 2, 3, 4, 2, 3])
    cols = np.array([0, 1, 2, 3, 4, 9, 0])
    weights = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.5, 1.5])
    assert heaviest_chain(rows, cols, weights) == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]
    assert heaviest_chain(np.array([0, 0]), np.array([0, 1]), np.array([1.0, 2.0])) == [(0, 1)]


def test_costs_at_cells_give_the_same_path_as_full_arrays():
    n, m = 40, 47
    rng = np.random.default_rng(7)
    band = band_around(np.arange(n + 1) * m / n, 4, m)
    full = {}
    at_cells = {}
    rows, _, js = band.cells()
    for a, b in bead_types(4):
        ok = (rows >= a) & (js >= b)
        cost = np.full(band.size, np.inf)
        cost[ok] = rng.random(int(ok.sum())) * (a + b)
        full[(a, b)] = cost
        at_cells[(a, b)] = (np.flatnonzero(ok), cost[ok])
    path = search(full, band, skip=0.7)
    assert search_cells(at_cells, band, skip=0.7) == path
    assert path[0][0] == 0 and path[-1][1] == n and path[-1][3] == m


def test_row_blocks_cover_the_band_once():
    band = band_around(np.arange(101) * 1.3, 6, 130)
    blocks = band.row_blocks(200)
    assert blocks[0][0] == 0 and blocks[-1][1] == band.n + 1
    assert all(a[1] == b[0] for a, b in zip(blocks, blocks[1:]))
    rows = np.concatenate([band.cells(f, l_)[0] for f, l_ in blocks])
    assert np.array_equal(rows, band.cells()[0])
    assert max(int(band.offsets[l_] - band.offsets[f]) for f, l_ in blocks) <= 200 + int((band.hi - band.lo).max()) + 1


def test_predecessors_in_small_blocks_give_the_same_path(monkeypatch):
    from align import search as search_module

    n, m = 60, 71
    rng = np.random.default_rng(3)
    band = band_around(np.arange(n + 1) * m / n, 5, m)
    rows, _, js = band.cells()
    costs = {}
    for a, b in bead_types(5):
        cost = np.full(band.size, np.inf)
        ok = (rows >= a) & (js >= b)
        cost[ok] = rng.random(int(ok.sum())) * (a + b)
        costs[(a, b)] = cost
    whole = search(costs, band, skip=0.6)
    monkeypatch.setattr(search_module, "PRED_BLOCK", 17)
    assert len(band.row_blocks(17)) > 10
    assert search(costs, band, skip=0.6) == whole
    assert any(i0 == i1 or j0 == j1 for i0, i1, j0, j1 in whole) and any(i1 - i0 > 1 for i0, i1, _, _ in whole)
