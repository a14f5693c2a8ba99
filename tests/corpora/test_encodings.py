"""Encodings: the bundled Chinese text encoded every way it arrives decodes to the same text."""

from __future__ import annotations

import pytest

from corpora import InputError, bundled_corpus, read_text
from corpora.formats import read_alignment, tmx

ZH = bundled_corpus().zh.read_text(encoding="utf-8")

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 BOM": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-16-le BOM": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be BOM": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "big5": lambda t: t.encode("big5", errors="strict"),
}


def traditional_sample() -> str:
    """The part of the corpus Big5 can encode, in traditional characters (Big5 is for those)."""
    return "之江實驗室召開2020年度內部大會\n\n1月18日下午，之江實驗室召開2020年度內部大會，總結2019年工作進展。\n"


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_text_in_each_encoding_decodes_to_the_same_text(tmp_path, name):
    text = traditional_sample() if name == "big5" else ZH
    path = tmp_path / f"{name}.txt"
    path.write_bytes(ENCODINGS[name](text))
    assert read_text(path) == text.replace("\r\n", "\n")


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_become_lf(tmp_path, ending):
    path = tmp_path / "crlf.txt"
    path.write_bytes(ZH.replace("\n", ending).encode("gb18030"))
    assert read_text(path) == ZH


def test_forced_encoding_and_its_errors(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(ZH.encode("gbk"))
    assert read_text(path, encoding="gbk") == ZH
    with pytest.raises(InputError, match="not valid utf-8"):
        read_text(path, encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(path, encoding="klingon")


TMX = ('<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
       '<tuv xml:lang="en-US"><seg>Zhejiang Lab</seg></tuv></tu></body></tmx>\n')
FIRST = ZH.split("\n")[0]


@pytest.mark.parametrize("codec,declared,bom", [
    ("utf-16-le", "UTF-16", b"\xff\xfe"),  # as Trados writes it
    ("utf-16-le", "UTF-16", b""),  # BOM-less: told by the first bytes
    ("utf-16-be", "UTF-16", b""),
    ("gb18030", "GB18030", b""),
    ("gbk", "GBK", b""),
    ("gbk", None, b""),  # no declaration: detected
    ("big5", "Big5", b""),
    ("utf-8", None, b"\xef\xbb\xbf"),
])
def test_tmx_in_each_encoding(tmp_path, codec, declared, bom):
    zh = "之江實驗室召開2020年度內部大會" if codec == "big5" else FIRST
    decl = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else ""
    path = tmp_path / "enc.tmx"
    path.write_bytes(bom + (decl + TMX.format(zh=zh)).encode(codec))
    pairs = [(p.src, p.tgt) for p in read_alignment(path).pairs()]
    assert pairs == [(zh, "Zhejiang Lab")]


def test_tmx_forced_encoding_overrides_a_wrong_declaration(tmp_path):
    path = tmp_path / "wrong.tmx"
    path.write_bytes(('<?xml version="1.0" encoding="UTF-8"?>\n' + TMX.format(zh=FIRST)).encode("gbk"))
    with pytest.raises(Exception, match="malformed TMX"):
        read_alignment(path)
    assert next(tmx.iter_units(path, encoding="gbk")).text("zh") == FIRST


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_bom(tmp_path, codec):
    path = tmp_path / "u16.txt"
    path.write_bytes(ZH.encode(codec))
    assert read_text(path) == ZH


def test_utf8_with_a_bad_byte_is_an_error_not_a_guess(tmp_path):
    data = ZH.encode("utf-8")
    path = tmp_path / "bad.txt"
    path.write_bytes(data[:3000] + b"\xff" + data[3000:])
    with pytest.raises(InputError, match="not valid UTF-8 at byte 3000"):
        read_text(path)


def test_nul_characters_mean_binary(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"abc\x00def\n" * 10)
    with pytest.raises(InputError, match="binary"):
        read_text(path)
