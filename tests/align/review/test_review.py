"""The review page generator and ``duiqi review`` (no browser here: see test_review_browser)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES
from align.api import align_files
from align.cli import cli
from align.errors import AlignError
from align.review import BeadIssue, Highlight, ReviewOptions, render_review, write_review
from corpora import Alignment, Bead, Segment, bundled_corpus
from corpora.formats import render_alignment, write_alignment

CORPUS = bundled_corpus()


class _Scripts(HTMLParser):
    """The page's elements of interest: script bodies, and tags that could fetch."""

    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.fetching: list[str] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._open = attrs
            self.scripts.append((attrs, ""))
        if tag in ("link", "img", "iframe", "object", "embed") or "src" in attrs or (
            tag == "a" and attrs.get("href")
        ):
            self.fetching.append(tag)

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def parse_page(page: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(page)
    return parser


def page_data(page: str) -> dict:
    """The JSON the page embeds."""
    (data,) = [text for attrs, text in parse_page(page).scripts if attrs.get("type") == "application/json"]
    return json.loads(data)


@pytest.fixture(scope="module")
def alignment() -> Alignment:
    return align_files(str(CORPUS.zh), str(CORPUS.en))


def two_sentence_alignment(src: list[str], tgt: list[str], src_lang="zh", tgt_lang="en") -> Alignment:
    """One bead holding all the sentences of both sides."""
    return Alignment(
        tuple(Segment(t) for t in src), tuple(Segment(t) for t in tgt),
        (Bead(tuple(range(len(src))), tuple(range(len(tgt))), 0.5),), src_lang, tgt_lang,
    )


def test_page_embeds_every_segment_and_bead(alignment):
    data = page_data(render_review(alignment, options=ReviewOptions(title="t", threshold=0.3)))
    assert [s["t"] for s in data["src"]] == [s.text for s in alignment.src]
    assert [s["t"] for s in data["tgt"]] == [s.text for s in alignment.tgt]
    assert [s["p"] for s in data["src"]] == [s.paragraph for s in alignment.src]
    assert [(tuple(b["s"]), tuple(b["t"]), b["score"]) for b in data["beads"]] == [
        (b.src, b.tgt, b.score) for b in alignment.beads
    ]
    # score texts are formatted as the TMX/TSV writers format them
    tsv_scores = [line.split("\t")[2] for line in render_alignment(alignment, "tsv", units="bead").splitlines()[1:]]
    assert [b["st"] for b in data["beads"]] == tsv_scores
    assert data["threshold"] == 0.3
    assert data["signature"] == alignment.signature
    assert (data["tmx_src_lang"], data["tmx_tgt_lang"]) == ("zh-CN", "en-US")
    assert (data["src_sep"], data["tgt_sep"]) == ("", " ")


def test_page_is_self_contained(alignment):
    page = render_review(alignment)
    parsed = parse_page(page)
    assert parsed.fetching == []  # nothing to load: no link, img, iframe, src=, href=
    assert not re.search(r"url\(|@import|fetch\(|XMLHttpRequest|https?://(?!www\.w3\.org/2000/svg)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert [a.get("type") for a, _ in parsed.scripts] == ["application/json", None]


def test_text_cannot_close_the_script_tag():
    hostile = ["</script><script>window.pwned=1</script>", "<!-- <script> & </SCRIPT >"]
    al = two_sentence_alignment(hostile, ["a & b <i>", "\u2028 line separator"])
    page = render_review(al, options=ReviewOptions(title="</title><script>x</script>"))
    parsed = parse_page(page)
    assert len(parsed.scripts) == 2
    assert "</title><script>" not in page
    data = page_data(page)
    assert [s["t"] for s in data["src"]] == hostile
    assert data["title"] == "</title><script>x</script>"


def test_highlights_move_onto_their_segments():
    # bead text "Zhejiang Lab held it. The Lab grew." (English: segments joined by one space)
    al = two_sentence_alignment(["之江实验室召开会议。", "实验室发展。"], ["Zhejiang Lab held it.", "The Lab grew."])
    en = al.tgt_text(al.beads[0])
    start = en.index("The Lab")
    marks = [
        Highlight(0, "tgt", 0, len("Zhejiang Lab"), "term term-preferred", "c1"),
        Highlight(0, "tgt", start, start + len("The Lab"), "term term-admitted"),
        Highlight(0, "tgt", en.index("held"), start + 3, "span"),  # crosses the sentence boundary
        Highlight(0, "src", al.src_text(al.beads[0]).index("实验室发展"), al.src_text(al.beads[0]).index("实验室发展") + 3, "term"),
    ]
    data = page_data(render_review(al, marks))
    second = data["tgt"][1]
    # in sentence 2 both spans start at 0: the longer ("The Lab") wins, the overlapping one is dropped
    assert second["m"] == [[0, 7, "term term-admitted", ""]]
    first = data["tgt"][0]
    assert first["m"][0] == [0, 12, "term term-preferred", "c1"]
    assert first["m"][1][:3] == [first["t"].index("held"), len(first["t"]), "span"]
    assert data["src"][1]["m"] == [[0, 3, "term", ""]]
    assert "m" not in data["src"][0]


def test_identical_highlights_merge_and_offsets_count_utf16():
    al = two_sentence_alignment(["𠀀之江实验室"], ["x"])  # U+20000 is two UTF-16 units
    marks = [Highlight(0, "src", 1, 6, "term term-preferred", "preferred"),
             Highlight(0, "src", 1, 6, "term term-issue", "missing")]
    data = page_data(render_review(al, marks))
    assert data["src"][0]["m"] == [[2, 7, "term term-preferred term-issue", "preferred\nmissing"]]


def test_issues_are_anchored_on_the_beads_segments(alignment):
    k = next(i for i, b in enumerate(alignment.beads) if len(b.src) + len(b.tgt) > 2)
    data = page_data(render_review(alignment, issues=[BeadIssue(k, "missing-term", "“院士” not translated")]))
    assert data["issues"] == [{"kind": "missing-term", "msg": "“院士” not translated",
                               "s": list(alignment.beads[k].src), "t": list(alignment.beads[k].tgt)}]


@pytest.mark.parametrize(
    "highlight, issue, options, message",
    [
        (Highlight(99, "src", 0, 1), None, None, "highlight for bead 99"),
        (Highlight(0, "left", 0, 1), None, None, "side must be"),
        (Highlight(0, "src", 0, 999), None, None, "outside bead 0"),
        (Highlight(0, "src", 3, 3), None, None, "outside bead 0"),
        (None, BeadIssue(-1, "k", "m"), None, "issue for bead -1"),
        (None, None, ReviewOptions(threshold=1.5), "threshold"),
    ],
)
def test_bad_annotations_are_one_clear_error(alignment, tmp_path, highlight, issue, options, message):
    out = tmp_path / "r.html"
    with pytest.raises(AlignError, match=message):
        write_review(alignment, out, [highlight] if highlight else [], [issue] if issue else [], options)
    assert not out.exists()


def test_an_empty_alignment_is_refused():
    with pytest.raises(AlignError, match="no beads"):
        render_review(Alignment((), (), ()))


# ---- the command ----

def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("duiqi: error: "), result.stderr
    return lines[0]


def test_review_aligns_and_writes_the_page(tmp_path, alignment):
    out = tmp_path / "report.html"
    result = run("review", CORPUS.zh, CORPUS.en, "-o", out, "--threshold", "0.4")
    assert result.exit_code == 0, result.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    assert [(tuple(b["s"]), tuple(b["t"])) for b in data["beads"]] == [(b.src, b.tgt) for b in alignment.beads]
    assert data["sources"] == ["zh.txt", "en.txt"]
    assert data["title"] == "zh.txt ↔ en.txt"
    assert data["export_name"] == "report"
    assert data["threshold"] == 0.4
    assert data["issues"] == []


@pytest.mark.parametrize("fmt", ["tsv", "tmx", "jsonl"])
def test_review_reads_an_existing_alignment(tmp_path, alignment, fmt):
    pairs = tmp_path / f"pairs.{fmt}"
    write_alignment(alignment, pairs)
    out = tmp_path / "r.html"
    result = run("review", "--pairs", pairs, "-o", out)
    assert result.exit_code == 0, result.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    expected = [(p.src, p.tgt) for p in alignment.pairs(include_one_sided=fmt != "tmx")]
    src = [s["t"] for s in data["src"]]
    tgt = [s["t"] for s in data["tgt"]]
    got = [("".join(src[i] for i in b["s"]), " ".join(tgt[i] for i in b["t"])) for b in data["beads"]]
    assert got == expected
    assert data["sources"] == [pairs.name]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--pairs", "{pairs}", "{zh}", "{en}"], "not both"),
        (["{zh}"], "give SRC and TGT"),
        (["{zh}", "{en}", "-o", "{tmp}/r.tmx"], "name it .html"),
        (["{zh}", "{en}", "-o", "{zh}.html", "--glossary", "{zh}.html"], "refusing to overwrite"),
        (["--pairs", "{tmp}/missing.tsv"], "missing.tsv: no such file"),
        (["{zh}", "{tmp}/missing.txt"], "missing.txt: no such file"),
    ],
)
def test_review_errors_are_one_line(tmp_path, alignment, args, message):
    pairs = tmp_path / "p.tsv"
    write_alignment(alignment, pairs)
    names = {"pairs": pairs, "zh": CORPUS.zh, "en": CORPUS.en, "tmp": tmp_path}
    args = [a.format(**names) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "r.html")]
    line = one_line_error(run("review", *args))
    assert message in line
    assert not (tmp_path / "r.html").exists()


def test_glossary_terms_and_issues_on_the_page(tmp_path):
    """The real glossary on the report with planted errors: every issue on its bead,
    terms highlighted by status, the offending terms marked."""
    from glossary import check_pairs, load_termbase

    planted = FIXTURES / "zhejiang_lab_2020" / "en.planted.txt"
    out = tmp_path / "r.html"
    result = run("review", CORPUS.zh, planted, "--glossary", CORPUS.glossary_tbx, "-o", out)
    assert result.exit_code == 0, result.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    from align.api import align_files

    alignment = align_files(CORPUS.zh, planted, glossary=load_termbase(CORPUS.glossary_tbx))
    expected = check_pairs(alignment.pairs(), load_termbase(CORPUS.glossary_tbx), "zh", "en").issues
    assert len(expected) >= 5
    assert sorted(i["kind"] for i in data["issues"]) == sorted(i.kind for i in expected)
    marks = [m for side in ("src", "tgt") for sent in data[side] for m in sent.get("m", ())]
    classes = {c for m in marks for c in m[2].split()}
    assert {"term", "term-preferred", "term-admitted", "term-forbidden", "term-issue"} <= classes
    forbidden = [m for m in marks if "term-forbidden" in m[2]]
    assert forbidden and all("term-issue" in m[2] for m in forbidden)
