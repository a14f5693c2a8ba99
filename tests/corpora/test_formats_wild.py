"""Every file of ../shared/data/formats-wild converts (TMX, XLIFF) or loads (TBX), and
what a plain-text format leaves out is said, never silently lost."""

from __future__ import annotations

import inspect
import re
import shutil
import warnings

from click.testing import CliRunner

from align.cli import cli
from corpora import DuiqiWarning
from corpora.formats import read_units
from glossary import load_termbase

XML_SUFFIXES = (".tmx", ".xlf", ".xliff")


def _run(*args):
    separate = "mix_stderr" in inspect.signature(CliRunner).parameters
    return (CliRunner(mix_stderr=False) if separate else CliRunner()).invoke(cli, [str(a) for a in args])


def test_every_tmx_and_xliff_converts_to_every_format(formats_wild, tmp_path):
    files = sorted(p for p in formats_wild.rglob("*") if p.suffix.lower() in XML_SUFFIXES)
    assert len(files) >= 25
    failures = []
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DuiqiWarning)  # the CLI runs below show them
            units = sum(1 for _ in read_units(path)[1])
        for ext in (".tmx", ".tsv", ".jsonl", ".xlf"):
            out = tmp_path / f"{path.stem}{ext}"
            r = _run("convert", path, out)
            report = [line for line in r.stderr.splitlines() if line.startswith("duiqi: wrote")]
            if r.exit_code != 0 or not out.exists() or len(report) != 1:
                failures.append(f"{path.name} -> {ext}: exit {r.exit_code}: {r.stderr.strip()[:200]}")
                continue
            written = int(report[0].split()[2])
            left_out = sum(int(n) for n in re.findall(r"(?:; dropped |, )(\d+) ", report[0]))
            if written + left_out != units:  # every unit is written, or counted as left out
                failures.append(f"{path.name} -> {ext}: {units} units, report {report[0]!r}")
    assert not failures, "\n".join(failures)


def test_every_tbx_loads(formats_wild):
    files = sorted(formats_wild.rglob("*.tbx"))
    assert len(files) >= 8
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DuiqiWarning)
            tb = load_termbase(path)
        assert len(tb.concepts) > 0 and len(tb) >= len(tb.concepts), path.name


def test_plain_formats_say_how_many_units_were_left_out_and_why(formats_wild, tmp_path):
    r = _run("convert", formats_wild / "okapi" / "TS09-12-Test01.xlf", tmp_path / "t.tsv")
    assert r.exit_code == 0
    assert "wrote 16 unit(s); dropped 26 with no text in either language" in r.stderr
    r = _run("convert", formats_wild / "okapi" / "PAS-10-Test01.xlf", tmp_path / "p.jsonl")
    assert "wrote 137 unit(s); dropped 21 with no text in either language" in r.stderr


def test_an_empty_valid_tmx_converts_to_an_empty_result(formats_wild, tmp_path):
    out = tmp_path / "e.tsv"
    r = _run("convert", formats_wild / "omegat" / "empty.tmx", out)
    assert r.exit_code == 0 and "wrote 0 unit(s)" in r.stderr
    assert out.read_text(encoding="utf-8") == "src\ttgt\tscore\ttype\tsrc_ids\ttgt_ids\ttu\n"  # the header; tu numbers rows as a TMX


def test_a_target_with_its_own_xml_lang_is_kept(formats_wild, tmp_path):
    out = tmp_path / "tags.tsv"
    r = _run("convert", formats_wild / "omegat" / "file-XLIFFFilter-tags.xlf", out)
    assert r.exit_code == 0 and "differs from the file's target-language 'be'" in r.stderr
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert ["About Gandalf", "About Gandalf"] in [row[:2] for row in rows]


def test_sdl_multiterm_tbx_loads_skipping_empty_terms_with_a_warning(formats_wild):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DuiqiWarning)
        tb = load_termbase(formats_wild / "okapi" / "sdl_tbx.tbx")
    messages = [str(w.message) for w in caught if issubclass(w.category, DuiqiWarning)]
    assert len(tb.concepts) == 223
    assert len(messages) == 44 and all(re.search(r"sdl_tbx.tbx:\d+: empty <term> in entry 'c\d+' \(de\); skipped", m)
                                       for m in messages)


def test_format_from_the_content_when_the_extension_does_not_tell(formats_wild, tmp_path):
    """A Weblate-style XLIFF 2.0 named cs.xliff2 (an extension now known), the same named
    cs.po.txt, a TMX named .xml."""
    xliff2, renamed = tmp_path / "cs.xliff2", tmp_path / "cs.po.txt"
    shutil.copy(formats_wild / "omegat" / "ex.9.5.xlf", xliff2)
    shutil.copy(formats_wild / "omegat" / "ex.9.5.xlf", renamed)
    tmx = tmp_path / "memory.xml"
    shutil.copy(formats_wild / "okapi" / "sample14b.tmx", tmx)
    for path, units in ((xliff2, 8), (renamed, 8), (tmx, 25)):
        r = _run("convert", path, tmp_path / f"{path.stem}.tmx")
        assert r.exit_code == 0 and f"wrote {units} unit(s)" in r.stderr, r.stderr


def test_tmx_commands_writing_plain_formats_say_what_they_left_out(formats_wild, tmp_path):
    src = formats_wild / "omegat" / "invalid.tmx"  # one unit whose variants hold only white space
    for command in (["tmx", "dedupe", src], ["tmx", "filter", src], ["tmx", "merge", src, src]):
        r = _run(*command, "-o", tmp_path / "out.tsv")
        assert r.exit_code == 0, r.stderr
        assert "wrote 0 unit(s); dropped" in r.stderr and "with no text in either language" in r.stderr
