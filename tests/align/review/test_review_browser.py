"""The review page in a real headless browser: render, navigate, edit, undo, export. Needs Debian's
chromium and Playwright for Python (the ``test`` extra; never ``playwright install``); skipped, saying why, without."""

from __future__ import annotations

import csv
import os
import re
import shutil
import statistics
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from lxml import etree

from align.api import align_files
from align.review import BeadIssue, Highlight, ReviewOptions, write_review
from corpora import Alignment, bundled_corpus, join_segments
from corpora.formats import read_alignment, render_alignment

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
CHROMIUM = os.environ.get("DUIQI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CORPUS = bundled_corpus()


# ---- an oracle of the page's edits, on (src ids, tgt ids, score, rejected) ----

@dataclass(frozen=True)
class B:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float | None
    rejected: bool = False


def merge(beads, k):
    a, b = beads[k], beads[k + 1]
    return beads[:k] + [B(a.src + b.src, a.tgt + b.tgt, None, a.rejected and b.rejected)] + beads[k + 2:]


def split(beads, k, i, j):
    b = beads[k]
    return beads[:k] + [B(b.src[:i], b.tgt[:j], None, b.rejected), B(b.src[i:], b.tgt[j:], None, b.rejected)] + beads[k + 1:]


def move_last_to_next(beads, k, side):
    b, n = beads[k], beads[k + 1]
    moved = getattr(b, side)[-1]
    new_b = replace(b, score=None, **{side: getattr(b, side)[:-1]})
    new_n = replace(n, score=None, **{side: (moved,) + getattr(n, side)})
    return beads[:k] + [x for x in (new_b, new_n) if x.src or x.tgt] + beads[k + 2:]


def reject(beads, k):
    return beads[:k] + [replace(beads[k], rejected=not beads[k].rejected)] + beads[k + 1:]


def text(al: Alignment, b: B) -> tuple[str, str]:
    return (join_segments([al.src[i].text for i in b.src], al.src_lang),
            join_segments([al.tgt[i].text for i in b.tgt], al.tgt_lang))


# ---- fixtures ----

@pytest.fixture(scope="module")
def alignment() -> Alignment:
    return align_files(str(CORPUS.zh), str(CORPUS.en))


@pytest.fixture(scope="module")
def annotations(alignment):
    """Highlights of the bundled glossary's terms found in each bead, and two issues."""
    rows = list(csv.DictReader(CORPUS.glossary_csv.open(encoding="utf-8")))
    highlights = []
    rows.sort(key=lambda r: -max(len(r["zh"]), len(r["en"])))  # longest terms first, no overlaps
    for p in alignment.pairs():
        for side, col in (("src", "zh"), ("tgt", "en")):
            bead_text, taken = (p.src if side == "src" else p.tgt), set()
            for r in rows:
                if r[col] and r[col] in bead_text:
                    start = bead_text.index(r[col])
                    span = set(range(start, start + len(r[col])))
                    if not span & taken:
                        taken |= span
                        highlights.append(Highlight(p.index, side, start, start + len(r[col]),
                                                    f"term term-{r['status']}", f"{r[col]} · concept {r['id']}"))
    paired = [k for k, b in enumerate(alignment.beads) if b.src and b.tgt]
    issues = [BeadIssue(paired[2], "missing-term", "“院士” expected “academician”"),
              BeadIssue(paired[-2], "forbidden-term", "“Zhejiang Laboratory”: use “Zhejiang Lab”")]
    return highlights, issues


@pytest.fixture(scope="module")
def threshold(alignment) -> float:
    """The median score: some beads are low-confidence, some are not."""
    return statistics.median(b.score for b in alignment.beads if b.score is not None)


@pytest.fixture(scope="module")
def page_path(tmp_path_factory, alignment, annotations, threshold) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.html"
    highlights, issues = annotations
    write_review(alignment, path, highlights, issues,
                 ReviewOptions(title="zh.txt ↔ en.txt", threshold=threshold, export_name="review",
                               sources=("zh.txt", "en.txt")))
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Review:
    """One tab showing the page, recording errors and every request it makes."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready]")

    def rows(self) -> list[dict]:
        """The bead rows shown: index, classes, type, sentence ids and texts per side."""
        return self.page.evaluate("""() => Array.from(document.querySelectorAll('#beads .bead')).map(r => {
            const side = s => Array.from(r.querySelectorAll('.side.' + s + ' .sent')).map(e => {
                const c = e.cloneNode(true); c.querySelectorAll('.sid, .pmark, button').forEach(x => x.remove());
                return [Number(e.dataset.id), c.textContent]; });
            return {k: Number(r.dataset.k), cls: r.className.split(' '), kind: r.querySelector('.kind').textContent,
                    num: r.querySelector('.num').textContent, src: side('src'), tgt: side('tgt'),
                    issues: Array.from(r.querySelectorAll('.issues li')).map(li => li.textContent)}; })""")

    def ids(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        return [(tuple(i for i, _ in r["src"]), tuple(i for i, _ in r["tgt"])) for r in self.rows()]

    def selected(self) -> int:
        (k,) = [r["k"] for r in self.rows() if "sel" in r["cls"]]
        return k

    def row(self, k: int):
        return self.page.locator(f'#beads .bead[data-k="{k}"]')

    def download(self, button: str) -> tuple[str, str]:
        with self.page.expect_download() as info:
            self.page.click(button)
        d = info.value
        return d.suggested_filename, Path(d.path()).read_text(encoding="utf-8")

    def close(self):
        self.context.close()
        assert self.errors == []
        assert all(u.startswith(("file:", "blob:", "data:")) for u in self.requests), self.requests


@pytest.fixture
def review(browser, page_path):
    r = Review(browser, page_path)
    yield r
    r.close()


def ids_of(beads) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def start_beads(al: Alignment) -> list[B]:
    return [B(b.src, b.tgt, b.score) for b in al.beads]


# ---- tests ----

def test_page_renders_every_bead_side_by_side(review, alignment, annotations, threshold):
    rows = review.rows()
    assert len(rows) == len(alignment.beads)
    assert review.ids() == ids_of(alignment.beads)
    for r, b in zip(rows, alignment.beads):
        assert r["kind"] == b.kind
        assert [t for _, t in r["src"]] == [alignment.src[i].text for i in b.src]
        assert [t for _, t in r["tgt"]] == [alignment.tgt[i].text for i in b.tgt]
        assert ("low" in r["cls"]) == (b.score is not None and b.score < threshold)
    # unedited beads are numbered as duiqi's TMX (and every check report) numbers them
    assert [r["num"] for r in rows] == [f"tu {p.tu}" if p.tu else "—" for p in alignment.pairs()]
    assert review.page.locator(".side.src").first.get_attribute("lang") == "zh"
    # paragraph breaks are visible: a divider above each bead starting a source paragraph,
    # a ¶ on every sentence (either side) that starts a paragraph
    starts = lambda segs: [i for i in range(1, len(segs)) if segs[i].paragraph != segs[i - 1].paragraph]
    dividers = [k for k, b in enumerate(alignment.beads) if b.src and b.src[0] in starts(alignment.src)]
    assert dividers and review.page.locator("#beads .para").count() == len(dividers)
    assert review.page.locator("#beads .side.src .pmark").count() == len(starts(alignment.src))
    assert review.page.locator("#beads .side.tgt .pmark").count() == len(starts(alignment.tgt))
    # glossary terms are highlighted with their tooltips; issues sit on their beads
    highlights, issues = annotations
    marks = review.page.locator("#beads mark.term")
    assert marks.count() > 0
    shown = sorted(marks.evaluate_all("ms => ms.map(m => [m.title, m.textContent])"))
    assert shown == sorted([h.tooltip, h.tooltip.split(" · ")[0]] for h in highlights)
    for issue in issues:
        assert any(issue.message in li for li in rows[issue.bead]["issues"])
        assert "issue" in rows[issue.bead]["cls"]
    assert sum(1 for r in rows if r["issues"]) == len(issues)
    # header counts
    count = lambda f: int(review.page.locator(f'#filters [data-filter="{f}"] .count').inner_text())
    low = sum(1 for b in alignment.beads if b.score is not None and b.score < threshold)
    assert (count("all"), count("low"), count("issues"), count("edited")) == (len(rows), low, len(issues), 0)


def test_path_plot_draws_every_bead_and_jumps_on_click(review, alignment):
    rects = review.page.locator("#plot rect")
    assert rects.count() == len(alignment.beads)
    # rectangles sit on the source × target grid: x = first source position, width = source count
    src_pos = 0
    for k, b in enumerate(alignment.beads):
        r = rects.nth(k)
        assert float(r.get_attribute("x")) == pytest.approx(src_pos, abs=0.5)
        if b.src:
            assert float(r.get_attribute("width")) == len(b.src)
        src_pos += len(b.src)
    last = len(alignment.beads) - 1
    rects.nth(last).click()
    assert review.selected() == last
    box = review.row(last).bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 900
    assert "sel" in (review.page.locator(f'#plot rect[data-k="{last}"]').get_attribute("class") or "")


def test_filters_and_keyboard_navigation(review, alignment, annotations, threshold):
    _, issues = annotations
    review.page.keyboard.press("j")
    review.page.keyboard.press("j")
    assert review.selected() == 2
    review.page.keyboard.press("k")
    assert review.selected() == 1
    review.page.click('#filters [data-filter="issues"]')
    assert [r["k"] for r in review.rows()] == sorted(i.bead for i in issues)
    review.page.keyboard.press("3")  # low confidence
    low = [k for k, b in enumerate(alignment.beads) if b.score is not None and b.score < threshold]
    assert [r["k"] for r in review.rows()] == low
    review.page.keyboard.press("G")
    assert review.selected() == low[-1]
    review.page.keyboard.press("1")
    assert len(review.rows()) == len(alignment.beads)
    # n: the next bead that is low or has an issue
    review.page.keyboard.press("g")
    review.page.keyboard.press("n")
    needing = sorted(set(low) | {i.bead for i in issues})
    assert review.selected() == next(k for k in needing if k > 0)
    # the threshold can be changed in the page
    review.page.fill("#threshold", "0")
    assert not any("low" in r["cls"] for r in review.rows())


def test_merge_split_move_reject_undo_then_export(review, alignment, tmp_path, tmx_dtd):
    page, beads = review.page, start_beads(alignment)
    n = len(beads)

    # merge with the mouse, undo with the keyboard, redo with the button
    review.row(1).locator('button[data-act="merge"]').click()
    beads = merge(beads, 1)
    assert review.ids() == ids_of(beads)
    assert review.rows()[1]["kind"] == f"{len(beads[1].src)}-{len(beads[1].tgt)}"
    assert "edited" in review.rows()[1]["cls"]
    page.keyboard.press("Control+z")
    assert review.ids() == ids_of(start_beads(alignment))
    page.click("#redo")
    assert review.ids() == ids_of(beads)

    # split the merged bead back apart with the mouse: click the cuts, then Split
    first = alignment.beads[1]
    review.row(1).locator('button[data-act="split"]').click()
    for side, pos in (("src", len(first.src)), ("tgt", len(first.tgt)), ("src", len(first.src))):
        review.row(1).locator(f'button.cut[data-side="{side}"][data-pos="{pos}"]').click()
    expected_bar = f"{len(first.src)}-{len(first.tgt)} + {len(alignment.beads[2].src)}-{len(alignment.beads[2].tgt)}"
    assert expected_bar in review.row(1).locator(".splitbar").text_content()
    review.row(1).locator('button[data-act="apply-split"]').click()
    beads = split(beads, 1, len(first.src), len(first.tgt))
    assert review.ids() == ids_of(alignment.beads)
    assert len(review.rows()) == n

    # split a 1-1 bead with the keyboard: the only split is 1-0 + 0-1
    k = next(i for i, b in enumerate(beads) if len(b.src) == 1 and len(b.tgt) == 1 and i > 3)
    review.row(k).click()
    page.keyboard.press("s")
    page.keyboard.press("Enter")
    beads = split(beads, k, 1, 0)
    assert review.ids() == ids_of(beads)
    assert [review.rows()[k]["kind"], review.rows()[k + 1]["kind"]] == ["1-0", "0-1"]

    # move the last target sentence of a bead into the next bead (mouse), then reject one (keyboard)
    m = next(i for i, b in enumerate(beads) if len(b.tgt) >= 2 and i < len(beads) - 1)
    review.row(m).click()
    review.row(m).locator(".side.tgt .sent").last.locator("button.mv.down").click()
    beads = move_last_to_next(beads, m, "tgt")
    assert review.ids() == ids_of(beads)
    r = len(beads) - 3
    review.row(r).click()
    page.keyboard.press("x")
    beads = reject(beads, r)
    assert "rejected" in review.rows()[r]["cls"]
    assert page.locator('#filters [data-filter="rejected"] .count').inner_text() == "1"

    # TMX: valid TMX 1.4b with the corrected pairs, rejected and one-sided beads left out
    name, tmx = review.download("#export-tmx")
    assert name == "review.tmx"
    tmx_path = tmp_path / name
    tmx_path.write_text(tmx, encoding="utf-8")
    root = etree.parse(str(tmx_path), etree.XMLParser(load_dtd=False, no_network=True)).getroot()
    assert tmx_dtd.validate(root), tmx_dtd.error_log.filter_from_errors()
    expected = [text(alignment, b) for b in beads if not b.rejected and b.src and b.tgt]
    assert [(p.src, p.tgt) for p in read_alignment(tmx_path).pairs()] == expected
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [str(i) for i in range(1, len(expected) + 1)]
    kept = [b for b in beads if not b.rejected and b.src and b.tgt]
    for tu, b in zip(tus, kept):
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert props["x-bead"] == f"{len(b.src)}-{len(b.tgt)}"
        assert props.get("x-score") == (None if b.score is None else f"{b.score:.4f}")
    header = {p.get("type"): p.text for p in root.find("header").findall("prop")}
    assert header["x-duiqi-signature"] == alignment.signature
    edited = sum(1 for b in beads if b.score is None)
    assert header["x-duiqi-review"].endswith(f": {edited} bead(s) edited, 1 rejected")

    # TSV: the CLI's columns, one row per kept bead (one-sided beads included)
    name, tsv = review.download("#export-tsv")
    assert name == "review.tsv"
    lines = tsv.split("\n")
    assert lines[0] == "src\ttgt\tscore\ttype\tsrc_ids\ttgt_ids\ttu" and lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    want = [[*text(alignment, b), "" if b.score is None else f"{b.score:.4f}", f"{len(b.src)}-{len(b.tgt)}",
             ",".join(map(str, b.src)), ",".join(map(str, b.tgt))] for b in beads if not b.rejected]
    assert [r[:-1] for r in rows] == want
    # the tu column numbers the rows as the exported TMX numbers its units
    assert [r[-1] for r in rows if r[-1]] == [tu.get("tuid") for tu in tus]


def test_unedited_export_is_what_the_python_writers_write(review, alignment):
    _, tmx = review.download("#export-tmx")
    date = re.search(r'creationdate="(\d{8}T\d{6}Z)"', tmx).group(1)
    assert tmx == render_alignment(alignment, "tmx", creation_date=date, units="bead")  # the page edits beads
    _, tsv = review.download("#export-tsv")
    assert tsv == render_alignment(alignment, "tsv", units="bead")


def test_undo_restores_every_edit_in_reverse(review, alignment):
    page = review.page
    review.row(0).click()
    page.keyboard.press("m")
    page.keyboard.press("]")
    page.keyboard.press("x")
    assert review.ids() != ids_of(alignment.beads)
    for _ in range(3):
        page.keyboard.press("Control+z")
    assert review.ids() == ids_of(alignment.beads)
    assert page.locator("#undo").is_disabled()
    assert not any("rejected" in r["cls"] or "edited" in r["cls"] for r in review.rows())


def test_edits_survive_a_reload(review, alignment):
    page = review.page
    review.row(0).click()
    page.keyboard.press("m")
    merged = ids_of(merge(start_beads(alignment), 0))
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert review.ids() == ids_of(alignment.beads)
    assert page.locator("#restore").is_visible()
    page.click("#restore-yes")
    assert review.ids() == merged
    page.keyboard.press("Control+z")  # the restore itself is undoable
    assert review.ids() == ids_of(alignment.beads)
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert not page.locator("#restore").is_visible()


def test_hostile_text_stays_text(browser, tmp_path):
    hostile = Alignment.from_pairs(
        [("</script><script>window.pwned=1</script>", "<img src=x onerror='window.pwned=2'> & \x01 bell"),
         ("第二句。", "Second.")], "zh", "en", [0.9, 0.9])
    path = tmp_path / "hostile.html"
    write_review(hostile, path)
    r = Review(browser, path)
    assert r.page.evaluate("window.pwned") is None
    rows = r.rows()
    assert rows[0]["src"][0][1] == "</script><script>window.pwned=1</script>"
    _, tmx = r.download("#export-tmx")
    assert "&lt;img src=x onerror='window.pwned=2'&gt; &amp;  bell" in tmx  # \x01 removed, as the CLI does
    r.close()
