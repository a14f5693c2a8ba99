"""`duiqi batch` end to end: a real small batch with one broken pair, run and run again."""

from __future__ import annotations

import csv
import io
import shutil
import sys

import pytest
from lxml import etree

from align.batch import run_batch
from align.cli.batch import progress_factory
from align.lexicon import Lexicon
from align.batch.manifest import read_manifest
from batch_data import OK_IDS, run, write_batch, write_slice

EPOCH = "1700000000"


def summary(outdir) -> list[dict[str, str]]:
    with open(outdir / "summary.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def snapshot(outdir) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every output file (not the journal or summary)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in outdir.iterdir()
            if p.name not in ("summary.csv", ".duiqi-batch.jsonl")}


@pytest.fixture(scope="module")
def batch(tmp_path_factory, corpus, mac_dev):
    """The inputs, and a first run of `duiqi batch` over them (TMX, shared lexicon)."""
    root = tmp_path_factory.mktemp("batch")
    manifest = write_batch(root / "in", corpus, mac_dev)
    out = root / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run("batch", str(manifest), "-o", str(out))
    return manifest, out, result


@pytest.fixture()
def rerun_dir(batch, tmp_path):
    """A copy of the first run's output folder, to run again in."""
    _, out, _ = batch
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    return copy


def test_first_run_aligns_the_good_pairs_and_reports_the_broken_one(batch, tmx_dtd):
    manifest, out, result = batch
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("duiqi: error: broken: ") and "missing.zh.txt: no such file" in errors[0]
    assert result.stdout == ""
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([".duiqi-batch.jsonl", "lexicon.json", "summary.csv", *(f"{i}.tmx" for i in OK_IDS)])
    lexicon = Lexicon.load(out / "lexicon.json")
    assert lexicon.src_units.lang == "zh" and lexicon.tgt_units.lang == "en" and len(lexicon) > 0
    for pair_id in OK_IDS:
        doc = etree.parse(str(out / f"{pair_id}.tmx"))
        assert tmx_dtd.validate(doc), tmx_dtd.error_log.filter_from_errors()
        signature = doc.getroot().findtext("header/prop[@type='x-duiqi-signature']")
        assert f"learned:{len(lexicon)}" in signature  # aligned with the shared lexicon


def test_summary_has_a_row_per_pair_with_real_figures(batch):
    _, out, _ = batch
    rows = summary(out)
    assert [r["pair"] for r in rows] == [*OK_IDS, "broken"]
    assert [r["status"] for r in rows[:3]] == ["ok", "ok", "ok"]
    assert rows[3]["status"].startswith("failed: ") and "no such file" in rows[3]["status"]
    assert rows[3]["beads"] == ""
    report = rows[0]
    assert (report["sentences_src"], report["sentences_tgt"]) == ("28", "36")
    tmx = etree.parse(str(out / "report.tmx"))
    two_sided = len([tu for tu in tmx.getroot().findall("body/tu")  # beads; not the sentence units cut from them
                     if tu.find("prop[@type='x-duiqi-bead']") is None and tu.find("prop[@type='x-duiqi-joined']") is None])
    assert int(report["beads"]) >= two_sided
    scores = [float(p.text) for p in tmx.getroot().findall("body/tu/prop[@type='x-score']")]
    low = sum(1 for s in scores if s < 0.2) / len(scores)
    assert float(report["low_confidence_share"]) == pytest.approx(low, abs=1e-4)
    for r in rows[:3]:
        assert 0 <= float(r["mean_score"]) <= 1 and float(r["seconds"]) > 0
        assert r["src"].endswith(".txt") and r["signature"].startswith("duiqi:")


def test_second_run_skips_what_is_done_and_retries_the_broken_pair(batch, rerun_dir):
    manifest, _, _ = batch
    before = snapshot(rerun_dir)
    result = run("batch", str(manifest), "-o", str(rerun_dir))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "broken" in result.stderr
    assert [r["status"] for r in summary(rerun_dir)][:3] == ["skipped"] * 3
    assert summary(rerun_dir)[3]["status"].startswith("failed: ")
    assert snapshot(rerun_dir) == before  # nothing rewritten, lexicon not retrained


def test_a_repaired_pair_is_aligned_with_the_saved_lexicon(batch, rerun_dir, mac_dev):
    manifest, _, _ = batch
    write_slice(mac_dev, "001", 20, manifest.parent / "mac" / "missing.zh.txt", manifest.parent / "mac" / "unused.txt")
    lexicon_before = (rerun_dir / "lexicon.json").read_bytes()
    try:
        result = run("batch", str(manifest), "-o", str(rerun_dir))
    finally:
        (manifest.parent / "mac" / "missing.zh.txt").unlink()
    assert result.exit_code == 0, result.stderr
    assert [r["status"] for r in summary(rerun_dir)] == ["skipped"] * 3 + ["ok"]
    assert (rerun_dir / "lexicon.json").read_bytes() == lexicon_before
    n = len(Lexicon.load(rerun_dir / "lexicon.json"))
    assert f"learned:{n}" in (rerun_dir / "broken.tmx").read_text(encoding="utf-8")


def test_force_redoes_every_pair_with_the_same_bytes(batch, rerun_dir, monkeypatch):
    manifest, out, _ = batch
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (rerun_dir / "report.tmx").write_text("stale", encoding="utf-8")
    result = run("batch", str(manifest), "-o", str(rerun_dir), "--force")
    assert result.exit_code == 1
    assert [r["status"] for r in summary(rerun_dir)][:3] == ["ok"] * 3
    for name in [*(f"{i}.tmx" for i in OK_IDS), "lexicon.json"]:
        assert (rerun_dir / name).read_bytes() == (out / name).read_bytes(), name


def test_changed_options_or_inputs_redo_only_the_pairs_concerned(batch, rerun_dir):
    manifest, _, _ = batch
    result = run("batch", str(manifest), "-o", str(rerun_dir), "--max-bead", "3")
    assert [r["status"] for r in summary(rerun_dir)][:3] == ["ok"] * 3
    assert "max-bead:3" in (rerun_dir / "001.tmx").read_text(encoding="utf-8")
    src = manifest.parent / "report" / "zh.txt"
    original = src.read_bytes()
    try:
        src.write_bytes(original + "新的一段。\n".encode())
        result = run("batch", str(manifest), "-o", str(rerun_dir), "--max-bead", "3")
    finally:
        src.write_bytes(original)
    assert result.exit_code == 1
    rows = summary(rerun_dir)
    assert [r["status"] for r in rows][:3] == ["ok", "skipped", "skipped"]
    assert rows[0]["sentences_src"] == "29"


def test_two_jobs_write_the_same_bytes_as_one(batch, tmp_path, monkeypatch):
    manifest, out, _ = batch
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run("batch", str(manifest), "-o", str(tmp_path / "j2"), "--jobs", "2")
    assert result.exit_code == 1
    assert [r["status"] for r in summary(tmp_path / "j2")] == [r["status"] for r in summary(out)]
    for name in [*(f"{i}.tmx" for i in OK_IDS), "lexicon.json"]:
        assert (tmp_path / "j2" / name).read_bytes() == (out / name).read_bytes(), name


def test_lexicon_file_is_saved_then_loaded_and_align_uses_it(batch, tmp_path):
    manifest, out, _ = batch
    lexicon = tmp_path / "shared.json"
    first = run("batch", str(manifest), "-o", str(tmp_path / "a"), "-f", "align", "--lexicon", str(lexicon))
    assert first.exit_code == 1
    assert lexicon.read_bytes() == (out / "lexicon.json").read_bytes()  # same corpus, same lexicon
    assert not (tmp_path / "a" / "lexicon.json").exists()
    stamp = lexicon.stat().st_mtime_ns
    second = run("batch", str(manifest), "-o", str(tmp_path / "b"), "-f", "align", "--lexicon", str(lexicon))
    assert second.exit_code == 1 and lexicon.stat().st_mtime_ns == stamp
    assert [r["status"] for r in summary(tmp_path / "b")][:3] == ["ok"] * 3
    for pair in read_manifest(manifest)[:3]:
        batch_beads = (tmp_path / "b" / f"{pair.id}.align").read_text(encoding="utf-8")
        assert batch_beads == (tmp_path / "a" / f"{pair.id}.align").read_text(encoding="utf-8")
    report = read_manifest(manifest)[0]
    single = run("align", report.src, report.tgt, "--format", "align", "--lexicon", str(lexicon))
    assert single.exit_code == 0 and single.stdout == (tmp_path / "b" / "report.align").read_text(encoding="utf-8")


def test_without_shared_lexicon_each_pair_aligns_as_duiqi_align_does(batch, tmp_path):
    manifest, _, _ = batch
    result = run("batch", str(manifest), "-o", str(tmp_path / "o"), "-f", "align", "--no-shared-lexicon")
    assert result.exit_code == 1
    assert not (tmp_path / "o" / "lexicon.json").exists()
    pair = read_manifest(manifest)[1]
    single = run("align", pair.src, pair.tgt, "--format", "align")
    assert (tmp_path / "o" / f"{pair.id}.align").read_text(encoding="utf-8") == single.stdout
    assert all("learned:" not in r["signature"] for r in summary(tmp_path / "o"))  # no shared lexicon


def test_folders_are_paired_by_name(tmp_path, mac_dev):
    zh, en = tmp_path / "zh", tmp_path / "en"
    zh.mkdir()
    en.mkdir()
    write_slice(mac_dev, "001", 20, zh / "001.zh.txt", en / "001.en.txt")
    write_slice(mac_dev, "006", 20, zh / "006.txt", en / "006.txt")
    (zh / "orphan.txt").write_text("孤儿。\n", encoding="utf-8")
    result = run("batch", "--src-dir", str(zh), "--tgt-dir", str(en), "-o", str(tmp_path / "o"),
                 "-f", "tsv", "--no-shared-lexicon")
    assert result.exit_code == 1
    rows = {r["pair"]: r for r in summary(tmp_path / "o")}
    assert sorted(rows) == ["001", "006", "orphan"]
    assert rows["001"]["tgt"].endswith("001.en.txt") and rows["001"]["status"] == "ok"
    assert "no file of the same name" in rows["orphan"]["status"]
    assert (tmp_path / "o" / "006.tsv").read_text(encoding="utf-8").startswith("src\ttgt")


def test_an_interrupted_run_resumes_where_it_stopped(batch, tmp_path):
    manifest, _, _ = batch
    pairs = read_manifest(manifest)
    seen = []

    def stop_after_first(row):
        seen.append(row)
        if row.status == "ok":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(pairs, tmp_path / "o", on_row=stop_after_first)
    done = seen[-1].pair
    assert not [p.name for p in (tmp_path / "o").iterdir() if p.name.endswith(".tmp")]
    with open(tmp_path / "o" / ".duiqi-batch.jsonl", "a", encoding="utf-8") as f:
        f.write('{"pair": "006", "key": ')  # a line cut short by a kill
    report = run_batch(pairs, tmp_path / "o")
    statuses = {r.pair: r.status for r in report.rows}
    assert statuses[done] == "skipped"
    assert [s for p, s in statuses.items() if p not in (done, "broken")] == ["ok", "ok"]
    assert report.lexicon_trained is False and len(report.failed) == 1


def test_progress_bars_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        bar = progress_factory(stream)("align", 3)
        bar.update(1)
        bar.close()
        assert ("aligning" in stream.getvalue()) is shown


@pytest.mark.parametrize(
    "args, message",
    [
        (["{manifest}", "--src-dir", "{root}"], "not both"),
        ([], "give MANIFEST"),
        (["{root}/none.tsv"], "no such file"),
        (["{dup}"], "already used by"),
        (["{manifest}", "--scheduler", "tcp://127.0.0.1:1", "--engine", "local"], "--scheduler needs --engine dask"),
        (["{manifest}", "--lexicon", "{root}/no/dir/lex.json"], "no such directory"),
        (["{manifest}", "--lexicon", "{root}/lex.json", "--no-shared-lexicon"], "needs the shared lexicon"),
        (["{manifest}", "-o", "{manifest}"], "is a file"),
    ],
)
def test_bad_invocations_are_one_line_and_exit_2(batch, tmp_path, args, message):
    manifest, _, _ = batch
    dup = tmp_path / "dup.tsv"
    dup.write_text(f"{manifest.parent}/report/zh.txt\tx\ta\n\n{manifest.parent}/mac/001.zh.txt\ty\tA\n", encoding="utf-8")
    values = {"manifest": str(manifest), "root": str(tmp_path), "dup": str(dup)}
    argv = [a.format(**values) for a in args]
    if "-o" not in argv:
        argv += ["-o", str(tmp_path / "out")]
    result = run("batch", *argv)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("duiqi: error:") and message in lines[0]
    if "already used by" in message:
        assert ":1" in lines[0] and ":3" in lines[0]


def test_dask_engine_without_dask_installed_says_what_to_install(batch, tmp_path, monkeypatch):
    manifest, _, _ = batch
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = run("batch", str(manifest), "-o", str(tmp_path / "o"), "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr.strip() == "duiqi: error: the dask engine needs Dask: pip install 'duiqi[dask]'"


@pytest.mark.parametrize("units", ["sentence", "bead"])
def test_units_as_duiqi_align_writes_them(batch, tmp_path, monkeypatch, units):
    manifest, _, _ = batch
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "o"
    extra = () if units == "sentence" else ("--units", "bead")
    result = run("batch", str(manifest), "-o", str(out), "--no-shared-lexicon", *extra)
    assert result.exit_code == 1  # the broken pair
    pair = read_manifest(manifest)[0]
    single = tmp_path / "single.tmx"
    assert run("align", pair.src, pair.tgt, "-o", str(single), "-q", *extra).exit_code == 0
    written = (out / f"{pair.id}.tmx").read_text(encoding="utf-8")
    assert written == single.read_text(encoding="utf-8")
    assert ('x-duiqi-part' in written) == (units == "sentence")
    if units == "sentence":  # asking for beads in the same folder redoes the pairs: other outputs
        again = run("batch", str(manifest), "-o", str(out), "--no-shared-lexicon", "--units", "bead")
        assert again.exit_code == 1 and "x-duiqi-part" not in (out / f"{pair.id}.tmx").read_text(encoding="utf-8")
