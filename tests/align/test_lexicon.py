"""The learned lexicon (align/lexicon.py): units worked out once and reused."""

from __future__ import annotations

from align.lexicon import learn_lexicon, train_units


def _chapter(mac_dev, name="006"):
    from corpora import join_segments, read_text
    from corpora.formats.beads import read_beads

    zh = [x.strip() for x in read_text(mac_dev / "zh" / name).split("\n") if x.strip()]
    en = [x.strip() for x in read_text(mac_dev / "en" / name).split("\n") if x.strip()]
    pairs = [(join_segments([zh[i] for i in b.src], "zh"), join_segments([en[j] for j in b.tgt], "en"))
             for b in read_beads(mac_dev / "gold" / name) if b.src and b.tgt]
    return zh, en, pairs


def test_known_units_are_looked_up_and_the_rest_worked_out(mac_dev):
    zh, en, _ = _chapter(mac_dev)
    model = train_units(zh, "zh")
    plain = model.units(zh)
    known = {zh[0]: ["marker"]}
    mixed = model.units(zh, known)
    assert mixed[0] == ["marker"] and mixed[1:] == plain[1:]
    assert plain[0] != ["marker"]


def test_lexicon_from_known_sentence_units_is_the_same(mac_dev):
    zh, en, pairs = _chapter(mac_dev)
    su, tu = train_units(zh, "zh"), train_units(en, "en")
    known = (dict(zip(zh, su.units(zh))), dict(zip(en, tu.units(en))))
    # beads of several sentences are not among the known texts: they are worked out
    assert any(s not in known[0] for s, _ in pairs)
    reused = learn_lexicon(su, tu, pairs, known=known)
    assert len(reused) > 100
    assert reused.links == learn_lexicon(su, tu, pairs).links
