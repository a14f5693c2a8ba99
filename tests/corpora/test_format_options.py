"""The reader/writer contract: each format declares its options; others are errors."""

import inspect

import pytest

from corpora import Alignment, FormatError
from corpora.formats import (FORMATS, READ_OPTIONS, WRITE_OPTIONS, read_alignment, read_units, render_alignment,
                             write_alignment, write_units)

# each function and the arguments that are not options
FUNCTIONS = {"iter_units": {"path"}, "read_header": {"path"}, "write_units": {"units", "out", "header"},
             "write": {"alignment", "out"}}


def pair() -> Alignment:
    return Alignment.from_pairs([("浙江实验室", "Zhejiang Lab"), ("二", "two")], "zh", "en", [0.9, 0.5],
                                signature="duiqi:0.1.0|max-bead:5")


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_each_function_names_its_options_and_the_format_declares_them(fmt):
    module = fmt.load()
    taken = set()
    for name, positional in FUNCTIONS.items():
        func = getattr(module, name, None)
        if func is None:
            continue
        params = inspect.signature(func).parameters.values()
        assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params), f"{fmt.name}.{name} takes **"
        taken |= {p.name for p in params} - positional
    assert taken <= {*READ_OPTIONS, *WRITE_OPTIONS, *fmt.write_options}
    assert set(fmt.write_options) <= taken  # nothing declared that no function takes


def test_a_misspelt_option_is_an_error(tmp_path):
    with pytest.raises(FormatError, match="format 'tmx' has no option 'creation_data'"):
        render_alignment(pair(), "tmx", creation_data="20200101T000000Z")
    out = tmp_path / "a.tsv"
    with pytest.raises(FormatError, match="format 'tsv' has no option 'scores'"):
        write_alignment(pair(), out, scores=False)
    assert not out.exists()  # nothing half-written
    write_alignment(pair(), out)
    with pytest.raises(FormatError, match="has no option 'encodng'"):
        read_units(out, encodng="gbk")
    with pytest.raises(FormatError, match="format 'tsv' has no option 'renumber'"):
        write_units(read_units(out)[1], tmp_path / "b.tsv", renumber=True)
    # an option of another format that asks for nothing is passed over
    assert write_units(read_units(out)[1], tmp_path / "b.tsv", renumber=None) == 2


def test_declared_options_reach_the_writer(tmp_path):
    assert "<prop" not in render_alignment(pair(), "align")
    assert render_alignment(pair(), "align", scores=False) == "[0]:[0]\n[1]:[1]\n"
    assert not render_alignment(pair(), "tsv", header=False).startswith("src\t")
    assert 'creationdate="20200101T000000Z"' in render_alignment(pair(), "tmx", creation_date="20200101T000000Z")
    assert 'original="report.docx"' in render_alignment(pair(), "xliff", original="report.docx")


@pytest.mark.parametrize("ext", [".tmx", ".xlf", ".xlf2"])
def test_signature_survives_tmx_and_xliff(tmp_path, ext):
    out = tmp_path / f"a{ext}"
    write_alignment(pair(), out)
    back = read_alignment(out)
    assert back.signature == "duiqi:0.1.0|max-bead:5"
    assert [(p.src, p.tgt) for p in back.pairs()] == [("浙江实验室", "Zhejiang Lab"), ("二", "two")]
