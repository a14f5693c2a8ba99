"""``duiqi tmx merge|filter|dedupe``: units pass through with tags, props and notes."""

from __future__ import annotations

from click.testing import CliRunner

from align.cli import cli
from corpora import Alignment
from corpora.formats import render_alignment, tmx


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def scored_tmx(path, pairs, scores):
    path.write_text(render_alignment(Alignment.from_pairs(pairs, "zh", "en", scores), "tmx"), encoding="utf-8")
    return path


def texts(path, src="zh", tgt="en"):
    return [(u.text(src), u.text(tgt)) for u in tmx.iter_units(path)]


def test_merge_keeps_order_tags_and_all_header_props(data_dir, tmp_path, assert_valid_tmx):
    out = tmp_path / "merged.tmx"
    result = run("tmx", "merge", data_dir / "memoq.tmx", data_dir / "trados_utf16.tmx", data_dir / "okapi.tmx", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "wrote 6 unit(s)" in result.stderr
    assert_valid_tmx(out)
    units = list(tmx.iter_units(out))
    expected = [u for name in ("memoq.tmx", "trados_utf16.tmx", "okapi.tmx") for u in tmx.iter_units(data_dir / name)]
    assert units == expected
    header = tmx.read_header(out)
    assert header.srclang == "zh-cn"  # all three say Chinese (case ignored): the first one's
    assert ("defclient", "Zhejiang Lab") in header.props and ("x-TMName", "zhejianglab_zh-en") in header.props
    assert header.props[-1][1].startswith("duiqi ") and "tmx merge" in header.props[-1][1]


def test_merge_dedupe_and_renumber(data_dir, tmp_path):
    out = tmp_path / "m.tmx"
    result = run("tmx", "merge", data_dir / "okapi.tmx", data_dir / "okapi.tmx", "-o", out, "--dedupe", "--renumber")
    assert result.exit_code == 0, result.stderr
    assert "wrote 2 unit(s); dropped 2 duplicate" in result.stderr
    assert [u.tuid for u in tmx.iter_units(out)] == ["1", "2"]


def test_filter_by_score_ratio_empty_identical(tmp_path):
    src = scored_tmx(tmp_path / "in.tmx", [
        ("之江实验室", "Zhejiang Lab"),  # kept
        ("低分", "low score"),  # score 0.1
        ("长", "a very very very very long translation of one character"),  # length ratio
        ("ABC", "ABC"),  # identical
        ("研发", "R&D"),  # kept
    ], [0.9, 0.1, 0.8, 0.9, None])
    out = tmp_path / "out.tmx"
    result = run("tmx", "filter", src, "-o", out, "--min-score", "0.5", "--max-length-ratio", "10", "--drop-identical")
    assert result.exit_code == 0, result.stderr
    assert texts(out) == [("之江实验室", "Zhejiang Lab"), ("研发", "R&D")]
    assert "dropped 1 identical, 1 length ratio, 1 score" in result.stderr
    assert "--min-score 0.5" in dict(tmx.read_header(out).props)["x-duiqi-signature"]


def test_filter_drop_empty_and_languages(data_dir, tmp_path, assert_valid_tmx):
    out = tmp_path / "zh-fr.tmx"
    result = run("tmx", "filter", data_dir / "okapi.tmx", "-o", out, "--lang", "zh", "--lang", "fr")
    assert result.exit_code == 0, result.stderr
    units = list(tmx.iter_units(out))
    assert len(units) == 1 and [v.lang for v in units[0].variants] == ["zh-cn", "fr"]
    assert units[0].variants[1].has_tags
    assert_valid_tmx(out)
    empty = tmp_path / "empty.tmx"
    empty.write_text('<tmx version="1.4"><header srclang="zh"/><body>'
                     '<tu><tuv xml:lang="zh"><seg>有</seg></tuv><tuv xml:lang="en"><seg> </seg></tuv></tu>'
                     '<tu><tuv xml:lang="zh"><seg>孤</seg></tuv></tu>'
                     '<tu><tuv xml:lang="zh"><seg>好</seg></tuv><tuv xml:lang="en"><seg>good</seg></tuv></tu>'
                     "</body></tmx>", encoding="utf-8")
    result = run("tmx", "filter", empty, "-o", out, "--drop-empty")
    assert result.exit_code == 0 and texts(out) == [("好", "good")]


def test_filter_to_nothing_warns_and_writes_a_valid_empty_tmx(tmp_path, assert_valid_tmx):
    src = scored_tmx(tmp_path / "in.tmx", [("一", "one")], [0.1])
    out = tmp_path / "out.tmx"
    result = run("tmx", "filter", src, "-o", out, "--min-score", "0.5")
    assert result.exit_code == 0
    assert "duiqi: warning: no translation units left to write" in result.stderr
    assert_valid_tmx(out)


def test_dedupe_keeps_the_first_with_its_props(tmp_path):
    src = tmp_path / "d.tmx"
    src.write_text('<tmx version="1.4"><header srclang="zh"/><body>'
                   '<tu tuid="a"><prop type="x-origin">first</prop><tuv xml:lang="zh"><seg>好</seg></tuv>'
                   '<tuv xml:lang="en"><seg>good</seg></tuv></tu>'
                   '<tu tuid="b"><tuv xml:lang="zh"><seg> 好 </seg></tuv><tuv xml:lang="en"><seg><hi>good</hi></seg></tuv></tu>'
                   '<tu tuid="c"><tuv xml:lang="zh"><seg>好</seg></tuv><tuv xml:lang="en"><seg>fine</seg></tuv></tu>'
                   "</body></tmx>", encoding="utf-8")
    out = tmp_path / "o.tmx"
    result = run("tmx", "dedupe", src, "-o", out)
    assert result.exit_code == 0 and "dropped 1 duplicate" in result.stderr
    units = list(tmx.iter_units(out))
    assert [u.tuid for u in units] == ["a", "c"] and units[0].props == (("x-origin", "first"),)


def test_tmx_commands_refuse_in_as_out_and_keep_out_on_failure(data_dir, tmp_path):
    src = tmp_path / "in.tmx"
    src.write_bytes((data_dir / "memoq.tmx").read_bytes())
    for args in (("merge", src), ("filter", src), ("dedupe", src)):
        result = run("tmx", *args, "-o", src)
        assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    assert src.read_bytes() == (data_dir / "memoq.tmx").read_bytes()
    out = tmp_path / "out.tmx"
    out.write_text("precious")
    bad = tmp_path / "bad.tmx"
    bad.write_text((data_dir / "memoq.tmx").read_text(encoding="utf-8")[:-40], encoding="utf-8")
    result = run("tmx", "merge", src, bad, "-o", out)
    assert result.exit_code == 2 and "malformed TMX" in result.stderr
    assert out.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.tmx", "in.tmx", "out.tmx"]


def test_filter_keeps_the_aligners_signature_and_adds_its_own(tmp_path):
    a = Alignment.from_pairs([("一", "one")], "zh", "en", [0.9], signature="duiqi:0.1.0|max-bead:5")
    src = tmp_path / "a.tmx"
    src.write_text(render_alignment(a, "tmx"), encoding="utf-8")
    out = tmp_path / "f.tmx"
    assert run("tmx", "filter", src, "-o", out, "--min-score", "0.5").exit_code == 0
    signatures = [v for k, v in tmx.read_header(out).props if k == "x-duiqi-signature"]
    assert signatures[0] == "duiqi:0.1.0|max-bead:5" and "tmx filter --min-score 0.5" in signatures[1]
    assert tmx.read(out).signature == "duiqi:0.1.0|max-bead:5"
