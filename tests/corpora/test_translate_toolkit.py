"""translate-toolkit as a real TMX client: what duiqi writes it reads, and the other way round."""

from __future__ import annotations

import pytest

from corpora import Alignment, bundled_corpus
from corpora.formats import read_alignment, read_units, write_alignment, write_units

tmx_module = pytest.importorskip("translate.storage.tmx")


def corpus_pairs() -> list[tuple[str, str]]:
    """Real sentence pairs: the bundled corpus's paragraphs, in order."""
    c = bundled_corpus()
    zh = [p for p in c.zh.read_text(encoding="utf-8").split("\n") if p.strip()]
    en = [p for p in c.en.read_text(encoding="utf-8").split("\n") if p.strip()][1:]  # en has an extra heading
    return list(zip(zh, en))[:8] + [("R&D <项目> \"引号\"", "R&D <projects> \"quotes\" & 'more'")]


def test_toolkit_reads_what_duiqi_writes(tmp_path):
    pairs = corpus_pairs()
    out = tmp_path / "duiqi.tmx"
    write_alignment(Alignment.from_pairs(pairs, "zh", "en", [0.9] * len(pairs)), out, "tmx")
    store = tmx_module.tmxfile(out.read_bytes())
    assert [(u.source, u.target) for u in store.units] == pairs


def test_duiqi_reads_what_the_toolkit_writes(tmp_path):
    pairs = corpus_pairs()
    store = tmx_module.tmxfile(sourcelanguage="zh-CN", targetlanguage="en-US")
    for src, tgt in pairs:
        unit = store.addsourceunit(src)
        unit.target = tgt
    path = tmp_path / "toolkit.tmx"
    path.write_bytes(bytes(store))
    a = read_alignment(path)
    assert (a.src_lang, a.tgt_lang) == ("zh-CN", "en-US")
    assert [(p.src, p.tgt) for p in a.pairs()] == pairs


def test_duiqi_makes_tmx_1_1_readable_to_the_toolkit(tmp_path, data_dir):
    # the toolkit cannot read OmegaT's TMX 1.1 (`lang`): sources come out None
    original = tmx_module.tmxfile((data_dir / "omegat_tmx11.tmx").read_bytes())
    assert [u.source for u in original.units] == [None, None, None]
    header, units = read_units(data_dir / "omegat_tmx11.tmx")
    out = tmp_path / "from-omegat.tmx"
    write_units(units, out, "tmx", header)
    store = tmx_module.tmxfile(out.read_bytes())
    ours = [(p.src, p.tgt) for p in read_alignment(data_dir / "omegat_tmx11.tmx").pairs()]
    assert [(u.source, u.target) for u in store.units] == ours
