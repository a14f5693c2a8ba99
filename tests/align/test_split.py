"""Sentence-level units: cutting many-to-one beads, on the bundled report and MAC-Dev."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from align.aligner import Aligner
from align.api import align_files
from align.cli import cli
from align.split import choose_cuts, cut_candidates, split_beads
from corpora import Alignment, Bead, Segment, read_text
from corpora.formats import render_alignment
from corpora.formats.beads import read_beads


@pytest.fixture(scope="module")
def aligner():
    return Aligner()


@pytest.fixture(scope="module")
def report(corpus, aligner):
    return align_files(corpus.zh, corpus.en, aligner=aligner)


def _gold_alignment(zh: list[str], en: list[str], beads) -> Alignment:
    return Alignment(tuple(Segment(t) for t in zh), tuple(Segment(t) for t in en), tuple(beads), "zh", "en")


def test_candidates_are_clause_boundaries_not_numbers_or_empty_pieces():
    text = "The team has 1,100 members, of whom 30 are experts; the rest, and more, are engineers."
    cuts = [k for k, _ in cut_candidates(text, "en")]
    assert text[:cuts[0]].endswith("members, ") and "1," not in [text[k - 2:k] for k in cuts]
    assert any(text[k:].startswith("and more") for k in cuts)  # before a conjunction
    penalties = dict(cut_candidates(text, "en"))
    assert penalties[text.index("the rest")] == 0.0
    zh = cut_candidates("量子精密测量装置、工业控制系统信息安全测试装置启动建设，平台上线。", "zh")
    assert [p for _, p in zh] == [0.5, 0.0]  # 、 joins a list: a weaker boundary than ，
    assert cut_candidates("好，", "zh") == []


def test_every_sentence_of_either_side_is_one_side_of_a_unit(report):
    assert report.splits, "the bundled report has many-to-one beads"
    units = list(report.units())
    src_sides = {u.src for u in units}
    tgt_sides = {u.tgt for u in units}
    cut = {s.bead for s in report.splits}
    for k in cut:
        bead = report.beads[k]
        assert all(report.src[i].text in src_sides for i in bead.src)
        assert all(report.tgt[j].text in tgt_sides for j in bead.tgt)
    bead_level = list(report.units("bead"))
    assert [(u.src, u.tgt) for u in bead_level] == [(p.src, p.tgt) for p in report.pairs()]
    joined = [u for u in units if u.joined]
    assert len(units) == len(bead_level) + sum(len(s.cuts) + 1 for s in report.splits) + len(joined)


def test_sentences_a_cat_tool_keeps_together_get_a_joined_unit(aligner):
    from pathlib import Path

    from corpora.catjoin import kept_together

    assert kept_together("科学应当像海洋一样自由地跨越国界。”", "zh") and not kept_together("他宣布。", "zh")
    assert kept_together("“Science must cross borders as freely as the ocean does.”", "en")
    assert not kept_together("This year’s theme is “Living with Rising Seas”.", "en")
    heldout = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
    a = align_files(heldout / "b.zh.txt", heldout / "b.en.txt", aligner=aligner)
    units = list(a.units())
    joined = [u for u in units if u.joined]
    want = "埃利斯博士说：“没有哪个国家能够独自应对这一挑战，科学应当像海洋一样自由地跨越国界。”他宣布，NOAA"
    assert any(u.src.startswith(want) and u.tgt.endswith("storm surge model.") for u in joined)
    for u in joined:
        first, *_, last = (units[k] for k in u.joined)
        assert u.src.startswith(first.src) and u.src.endswith(last.src) and u.tgt.endswith(last.tgt)
    tmx = render_alignment(a, "tmx")
    assert tmx.count('type="x-duiqi-joined"') == len(joined) > 0


def test_cut_pieces_rebuild_the_sentence_and_follow_the_evidence(report):
    by_text = {}
    for split in report.splits:
        bead = report.beads[split.bead]
        one = report.src[bead.src[0]].text if split.side == "src" else report.tgt[bead.tgt[0]].text
        pieces = split.pieces(one)
        assert "".join(pieces).replace(" ", "") == one.replace(" ", "")
        assert all(0 < s <= 1 for s in split.scores) and max(split.scores) <= bead.score
        by_text[one] = pieces
    # 2019年…资格。 / 全年…3亿元。 against one English sentence: cut after "for the first time,"
    pieces = next(p for t, p in by_text.items() if t.startswith("In 2019, the Lab was qualified"))
    assert pieces[0].endswith("for the first time,") and "22 national projects" in pieces[1]
    # one Chinese sentence against three English ones: cut after the colon and after 启动建设，
    pieces = next(p for t, p in by_text.items() if t.startswith("与此同时"))
    assert pieces[0].endswith("取得突破：") and pieces[1].endswith("启动建设，") and pieces[2].startswith("人工智能")


def test_a_bead_without_a_clause_boundary_is_kept_whole(aligner):
    a = Alignment((Segment("他来了。"), Segment("我走了。")), (Segment("He came and I left."),),
                  (Bead((0, 1), (0,), 0.9),), "zh", "en")
    assert choose_cuts(["他来了。", "我走了。"], "He came then I left.", "zh", "en", False, aligner) is None
    cut = split_beads(a, aligner)
    assert cut.beads == a.beads and (cut.splits or cut.kept_whole)


def test_packs_from_mac_dev_neighbours_are_cut_at_the_join(mac_dev, aligner):
    zh = [t for t in read_text(mac_dev / "zh" / "001").split("\n") if t.strip()]
    en = [t for t in read_text(mac_dev / "en" / "001").split("\n") if t.strip()]
    gold = read_beads(mac_dev / "gold" / "001")
    ones = [b for b in gold if len(b.src) == len(b.tgt) == 1]
    right = total = 0
    for b1, b2 in list(zip(ones, ones[1:]))[:60]:
        z1, z2, e1, e2 = zh[b1.src[0]], zh[b2.src[0]], en[b1.tgt[0]], en[b2.tgt[0]]
        if b2.src[0] != b1.src[0] + 1 or b2.tgt[0] != b1.tgt[0] + 1 or not z1.endswith("。"):
            continue
        head = z1[:-1] + "，"
        total += 1
        choice = choose_cuts([e1, e2], head + z2, "en", "zh", True, aligner)
        right += choice is not None and choice.cuts == (len(head),)
    assert total >= 20 and right >= 0.6 * total


def test_writers_name_the_bead_a_unit_was_cut_from(report):
    tsv = render_alignment(report, "tsv").splitlines()
    assert tsv[0].split("\t")[-1] == "bead"
    rows = [r.split("\t") for r in tsv[1:]]
    first = report.splits[0]
    of_bead = [r for r in rows if r[-1] == str(first.bead)]
    assert len(of_bead) == len(first.cuts) + 2 and of_bead[0][3] != "1-1" and {r[3] for r in of_bead[1:]} == {"1-1"}
    records = [json.loads(line) for line in render_alignment(report, "jsonl").splitlines()]
    assert [r["part"] for r in records if r["bead"] == first.bead and "part" in r][:2] == ["1/2", "2/2"] or \
        len(first.cuts) == 2
    xliff = render_alignment(report, "xliff")
    assert xliff.count("<trans-unit") == len(list(report.units(include_one_sided=False)))
    beads_only = render_alignment(report, "tsv", units="bead").splitlines()
    assert len(beads_only) == len(report.beads) + 1 and beads_only[0].split("\t")[-1] == "tu"
    assert render_alignment(report, "align") == render_alignment(report, "align", units="bead")


def test_cli_says_how_many_beads_were_cut(tmp_path, corpus):
    out = tmp_path / "r.tmx"
    result = CliRunner().invoke(cli, ["align", str(corpus.zh), str(corpus.en), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "many-to-one beads cut" in result.output and "kept whole" in result.output
    assert 'type="x-duiqi-units">sentence; ' in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["align", str(corpus.zh), str(corpus.en), "--units", "words"])
    assert bad.exit_code == 2 and "duiqi: error:" in bad.output and "Traceback" not in bad.output


def test_a_split_that_does_not_fit_its_bead_is_refused(report):
    from dataclasses import replace

    import corpora

    report.validate()
    first = report.splits[0]
    for bad in (replace(first, cuts=first.cuts + (1,)), replace(first, bead=0), replace(first, cuts=(10_000,) * len(first.cuts))):
        with pytest.raises(corpora.CorporaError):
            replace(report, splits=(bad,)).validate()


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "xlf", "xlf2"])
def test_a_sentence_level_memory_reads_back_as_its_beads(tmp_path, report, fmt):
    from corpora.formats import read_alignment, write_alignment

    out = tmp_path / f"r.{fmt}"
    write_alignment(report, out)
    back = read_alignment(out, src_lang="zh", tgt_lang="en")
    want = [(p.src, p.tgt) for p in report.pairs(include_one_sided=fmt in ("tsv", "jsonl"))]
    assert [(p.src, p.tgt) for p in back.pairs()] == want


@pytest.mark.parametrize("text, lang, segments", [
    ("Professor Michael J. Brown from MIT in the U.S. and Dr. Zhang Wei, Director of the institute, spoke.", "en",
     ["Professor Michael J. Brown from MIT in the U.S.", "and Dr. Zhang Wei, Director of the institute, spoke."]),
    ("It is 5 p.m. now. Go e.g. there, etc. and so on.", "en", ["It is 5 p.m. now.", "Go e.g. there, etc. and so on."]),
    ("He said: “No.” Then he left.", "en", ["He said: “No.” Then he left."]),
    ("现场还播放了宣传片《智造，向未来！》。", "zh", ["现场还播放了宣传片《智造，向未来！", "》。"]),
    ("科学应当像海洋一样自由地跨越国界。”他宣布。", "zh", ["科学应当像海洋一样自由地跨越国界。”他宣布。"]),
    ("数据见 No. 5 表。", "zh", ["数据见 No. 5 表。"]),
])
def test_cat_segments_follow_omegats_default_rules(text, lang, segments):
    from corpora.catjoin import cat_segments

    assert [text[a:b] for a, b in cat_segments(text, lang)] == segments


def test_a_sentence_a_cat_tool_breaks_gets_a_unit_per_segment(aligner, tmp_path):
    from pathlib import Path

    from corpora.catjoin import cat_segments
    from corpora.formats import read_alignment
    from corpora.units import units_summary

    heldout = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
    a = align_files(heldout / "a.zh.txt", heldout / "a.en.txt", aligner=aligner)
    a.validate()
    assert a.cat_splits and not {s.bead for s in a.cat_splits} & {s.bead for s in a.splits}
    units = list(a.units())
    for split in a.cat_splits:
        bead = a.beads[split.bead]
        assert bead.kind == "1-1"
        broken = a.tgt[bead.tgt[0]] if split.side == "src" else a.src[bead.src[0]]
        lang = a.tgt_lang if split.side == "src" else a.src_lang
        parts = [u for u in units if u.index == split.bead and u.is_split]
        sides = [u.tgt if split.side == "src" else u.src for u in parts]
        texts = [broken.text[s:e] for s, e in cat_segments(broken.text, lang)]
        assert sides == [t for t in texts if sum(c.isalnum() for c in t) >= 2]  # one unit per segment with text
        pieces = [u.src if split.side == "src" else u.tgt for u in parts]
        whole = (a.src[bead.src[0]] if split.side == "src" else a.tgt[bead.tgt[0]]).text
        assert "".join(pieces).replace(" ", "") == whole.replace(" ", "")
        assert all(0 < u.score <= 1 for u in parts)
    # the title broken after its ！: the part before gets the whole translation
    title = next(u for u in units if u.is_split and u.src == "现场还播放了宣传片《智造，向未来！")
    assert title.tgt.startswith("A promotional film") and title.tgt.endswith("screened.")
    assert "sentences cut as CAT tools segment them" in units_summary(a)
    tmx = render_alignment(a, "tmx")
    assert tmx.count('type="x-duiqi-part"') == sum(1 for u in units if u.is_split)
    out = tmp_path / "a.tmx"
    out.write_text(tmx, encoding="utf-8")
    back = read_alignment(out)  # the derived units are left out: the beads come back
    assert [(p.src, p.tgt) for p in back.pairs()] == [(p.src, p.tgt) for p in a.pairs(include_one_sided=False)]


def test_a_split_with_segments_that_do_not_fit_is_refused():
    from corpora import CorporaError, Split

    src = (Segment("他说。"),)
    tgt = (Segment("He spoke in the U.S. and left."),)
    ok = Alignment(src, tgt, (Bead((0,), (0,), 0.9),), "zh", "en", cat_splits=(Split(0, "src", (), (0.9,), ((0, 20),)),))
    ok.validate()
    for bad in (((0, 40),), ((5, 3),), ((0, 20), (10, 25))):
        broken = Alignment(src, tgt, ok.beads, "zh", "en",
                           cat_splits=(Split(0, "src", (1,) if len(bad) == 2 else (), (0.9,) * len(bad), bad),))
        with pytest.raises(CorporaError, match="segments"):
            broken.validate()


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "xlf", "xlf2", "csv", "xlsx", "docx"])
@pytest.mark.parametrize("text", ["a", "b"])
def test_a_memory_with_cat_segment_units_reads_back_as_its_beads(tmp_path, aligner, fmt, text):
    from pathlib import Path

    from corpora.formats import read_alignment, write_alignment

    heldout = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
    a = align_files(heldout / f"{text}.zh.txt", heldout / f"{text}.en.txt", aligner=aligner)
    assert a.cat_splits
    out = tmp_path / f"a.{fmt}"
    write_alignment(a, out)
    back = read_alignment(out, src_lang="zh", tgt_lang="en")
    want = [(p.src, p.tgt) for p in a.pairs(include_one_sided=fmt not in ("tmx", "xlf", "xlf2"))]
    assert [(p.src, p.tgt) for p in back.pairs()] == want


def test_a_sentence_of_a_cut_bead_that_a_cat_tool_breaks_gets_its_segments(aligner):
    from pathlib import Path

    from corpora.catjoin import cat_segments

    heldout = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
    a = align_files(heldout / "b.en.txt", heldout / "b.zh.txt", aligner=aligner)
    a.validate()
    inner = [s for s in a.cat_splits if s.within]
    assert inner
    units = list(a.units())
    for split in inner:
        assert split.bead in {s.bead for s in a.splits}  # inside a cut many-to-one bead
        sentence = (a.tgt if split.side == "src" else a.src)[split.sentence].text
        segments = [sentence[s:e] for s, e in cat_segments(sentence, a.tgt_lang if split.side == "src" else a.src_lang)]
        one = (a.src if split.side == "src" else a.tgt)[a.beads[split.bead].src[0] if split.side == "src"
                                                        else a.beads[split.bead].tgt[0]].text
        parts = split.pieces(one)
        assert "".join(parts) == one[split.within[0]:split.within[1]].replace(" ", "") or \
            " ".join(parts) == one[split.within[0]:split.within[1]]
        pairs = {(u.src, u.tgt) for u in units if u.is_split}
        for seg, piece in zip(segments, parts):
            assert ((seg, piece) if split.side == "tgt" else (piece, seg)) in pairs
    # the U.S. sentence: OmegaT's two segments each get a unit, their Chinese parts next to each other
    us = next(u for u in units if u.src == "The three-day event is co-organized by Xiamen University and the U.S.")
    assert us.tgt.startswith("会议为期三天，由厦门大学与美国") and us.score < 0.5  # cut between words: half the score
