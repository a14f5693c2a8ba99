from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.evaluate import merge_by_unit, score_alignments, score_files
from corpora import Bead
from corpora.formats.beads import parse_beads, read_beads

GOLD = "[0]:[0]\n[1]:[1,2]\n[2]:[]\n[3]:[3]\n"
TEST = "[0]:[0]:0.9\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n"


def test_strict_and_lax_as_vecalign_computes_them():
    s = score_alignments([parse_beads(GOLD)], [parse_beads(TEST)])
    # precision over all 5 test beads: 3 strict hits, 1 more lax hit (1 shares 1 with 1,2)
    assert s.p_strict == pytest.approx(3 / 5)
    assert s.p_lax == pytest.approx(4 / 5)
    # recall over gold beads with both sides (deletions excluded): 2 of 3 strict, 3 lax
    assert s.r_strict == pytest.approx(2 / 3)
    assert s.r_lax == pytest.approx(1.0)
    assert s.f1_strict == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))


def test_one_giant_bead_is_lax_perfect_but_strict_zero():
    gold = parse_beads(GOLD)
    giant = [Bead((0, 1, 2, 3), (0, 1, 2, 3))]
    s = score_alignments([gold], [giant])
    assert s.f1_lax == pytest.approx(1.0)
    assert s.f1_strict == 0.0


def test_gold_against_itself_on_mac_dev(mac_dev):
    s = score_files(mac_dev / "gold", mac_dev / "gold")
    assert s.documents == 6
    assert s.f1_strict == 1.0 and s.f1_lax == 1.0


def test_merge_by_verse_joins_beads_inside_one_unit():
    beads = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2, 3))]
    merged = merge_by_unit(beads, ["v1", "v2", "v2"], ["v1", "v2", "v2", "v2"])
    assert len(merge_by_unit(beads, ["v1", "v2", "v2"], ["v1", "v2", "v2", "v3"])) == 3
    assert [(b.src, b.tgt) for b in merged] == [((0,), (0,)), ((1, 2), (1, 2, 3))]


def test_cli_json_and_directories(tmp_path):
    gold_dir, test_dir = tmp_path / "gold", tmp_path / "test"
    gold_dir.mkdir()
    test_dir.mkdir()
    for name in ("a", "b"):
        (gold_dir / name).write_text(GOLD)
        (test_dir / name).write_text(TEST)
    result = CliRunner().invoke(cli, ["evaluate", str(gold_dir), str(test_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"p_strict", "r_strict", "f1_strict", "p_lax", "r_lax", "f1_lax"}
    assert data["p_strict"] == pytest.approx(0.6)
    table = CliRunner().invoke(cli, ["evaluate", str(gold_dir / "a"), str(test_dir / "a")])
    assert "F1" in table.output and table.exit_code == 0


def test_cli_errors_are_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad"
    bad.write_text("[0]:[0]\nnot a bead\n")
    gold = tmp_path / "gold"
    gold.write_text(GOLD)
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "bad:2" in result.output
    missing = CliRunner().invoke(cli, ["evaluate", str(gold), str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_read_beads_accepts_scores_and_deletions(tmp_path):
    p = tmp_path / "x.align"
    p.write_text("[0,1]:[2]:0.5\n[]:[3]\n[2]:[]\n")
    beads = read_beads(p)
    assert beads[0] == Bead((0, 1), (2,), 0.5)
    assert beads[1].kind == "0-1" and beads[2].kind == "1-0"
