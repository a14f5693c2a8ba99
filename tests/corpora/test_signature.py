"""Signature: one provenance line that formats and parses, used by every layer."""

from corpora import Alignment, __version__
from corpora.formats import read_alignment, write_alignment
from corpora.signature import Signature


def test_formats_and_parses_back():
    s = Signature.of(("glossary", "terms|v2.tbx(3 terms)"), ("src", "zh"), ("path", "C:\\x"))
    text = str(s)
    assert text == f"duiqi:{__version__}|glossary:terms\\|v2.tbx(3 terms)|src:zh|path:C:\\\\x"
    assert Signature.parse(text) == s
    assert Signature.parse(text).get("glossary") == "terms|v2.tbx(3 terms)"


def test_parses_the_aligners_signature():
    s = Signature.parse("duiqi:0.1.0|scorers:length+dictionary+learned|max-bead:5|band:30/6|skip:-0.22")
    assert (s.tool, s.version) == ("duiqi", "0.1.0")
    assert s.get("max-bead") == "5" and s.get("band") == "30/6" and s.get("missing", "?") == "?"


def test_a_foreign_text_survives_unchanged():
    for text in ("duiqi test", "made by hand"):
        assert str(Signature.parse(text)) == text


def test_command_signature():
    s = Signature.for_command("tmx filter", min_score=0.5, drop_empty=True, lang=(), max_length_ratio=None)
    assert s.command == "tmx filter --min-score 0.5 --drop-empty True"
    assert str(s) == f"duiqi {__version__} tmx filter --min-score 0.5 --drop-empty True"
    assert Signature.parse(str(s)) == s


def test_aligner_checks_and_tmx_header_share_it(corpus, tmp_path):
    from align import AlignOptions
    from glossary import check_pairs, load_termbase

    sig = Signature.parse(AlignOptions(max_bead=4).signature())
    assert sig.get("max-bead") == "4" and sig.get("scorers").startswith("length+")
    alignment = Alignment.from_pairs([("浙江实验室", "Zhejiang Lab")], "zh", "en", [0.9], signature=str(sig))
    out = tmp_path / "a.tmx"
    write_alignment(alignment, out)
    assert Signature.parse(read_alignment(out).signature) == sig
    result = check_pairs(alignment.pairs(), load_termbase(corpus.glossary_tbx), "zh", "en")
    checked = Signature.parse(result.signature)
    assert checked.get("src") == "zh" and checked.get("glossary").startswith("glossary.tbx")
