"""``duiqi convert`` between every readable and writable format, through the CLI."""

from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

from align.cli import cli
from corpora.formats import read_alignment, reader_names, writer_names, get_format

EXT = {name: get_format(name).extensions[0] for name in writer_names()}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def sources(tmp_path_factory, data_dir):
    """The memoQ TMX in every readable format."""
    d = tmp_path_factory.mktemp("sources")
    made = {"tmx": data_dir / "memoq.tmx"}
    for fmt in reader_names():
        if fmt != "tmx":
            made[fmt] = d / f"memoq{EXT[fmt]}"
            result = run("convert", made["tmx"], made[fmt])
            assert result.exit_code == 0, result.output
    return made


EXPECTED = [
    ("1月18日下午，之江实验室召开2020年度内部大会，总结2019年工作进展，发布2020年目标任务。",
     "On the afternoon of January 18, Zhejiang Lab held an internal conference to review its progress in 2019 "
     "and announce its goals for 2020."),
    ("之江实验室", "Zhejiang Lab"),
]


@pytest.mark.parametrize("src_fmt,dst_fmt", list(itertools.product(reader_names(), writer_names())))
def test_convert_every_pair_of_formats(sources, tmp_path, src_fmt, dst_fmt):
    out = tmp_path / f"out{EXT[dst_fmt]}"
    result = run("convert", sources[src_fmt], out)
    assert result.exit_code == 0, result.output
    assert "wrote 2 unit(s)" in result.stderr
    if dst_fmt == "align":
        assert out.read_text().split() == ["[0]:[0]", "[1]:[1]"]
        return
    pairs = [(p.src, p.tgt) for p in read_alignment(out, src_lang="zh", tgt_lang="en").pairs()]
    assert pairs == EXPECTED


def test_convert_with_explicit_formats_and_languages(data_dir, tmp_path):
    out = tmp_path / "pairs.txt"
    result = run("convert", data_dir / "okapi.tmx", out, "--to", "tsv", "--src-lang", "en", "--tgt-lang", "fr")
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[1].split("\t")[:2] == ["In 2019, the Lab won national key R&D projects for the first time.",
                                        "En 2019, le laboratoire a obtenu des projets nationaux."]
    assert rows[2].split("\t")[:4] == ["The Lab's research ability has also been enhanced.", "", "", "1-0"]


def test_convert_refuses_out_equal_in_and_unknown_extension(data_dir, tmp_path):
    src = tmp_path / "m.tmx"
    src.write_bytes((data_dir / "memoq.tmx").read_bytes())
    result = run("convert", src, src)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"duiqi: error: {src}: refusing to overwrite an input file"
    assert src.read_bytes() == (data_dir / "memoq.tmx").read_bytes()
    result = run("convert", src, tmp_path / "out.xyz")
    assert result.exit_code == 2 and "give --format" in result.stderr
    result = run("convert", tmp_path / "in.xyz", tmp_path / "out.tmx")
    assert result.exit_code == 2 and "give --from" in result.stderr


def test_convert_encoding_option_forces_a_legacy_encoding(tmp_path):
    src = tmp_path / "gbk.tsv"
    src.write_bytes("之江实验室\tZhejiang Lab\n".encode("gbk"))
    out = tmp_path / "out.jsonl"
    assert run("convert", src, out, "--encoding", "gbk").exit_code == 0
    assert '"src": "之江实验室"' in out.read_text(encoding="utf-8")
    result = run("convert", src, out, "--encoding", "utf-8")
    assert result.exit_code == 2 and "not valid utf-8" in result.stderr
    result = run("convert", src, out, "--encoding", "no-such-codec")
    assert result.exit_code == 2 and "unknown encoding" in result.stderr
