"""How the review page scales: build it for the 5,000-sentence Bible set and use it.

Prints figures, with ratios against baselines measured in the same run:
- generating the page vs writing the same alignment as TMX (corpora.formats);
- page size vs the TMX file;
- in headless chromium (when installed): opening the page vs opening a plain HTML
  table of the same bead texts, and the time of a merge, an undo, a split and a TMX
  export inside the page.

Run: python benchmarks/review_page.py [--beads N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.review import BeadIssue, ReviewOptions, render_review  # noqa: E402
from corpora import Alignment, Bead, Segment  # noqa: E402
from corpora.formats import render_alignment  # noqa: E402
from corpora.formats.beads import read_beads  # noqa: E402

BIBLE = ROOT / ".." / "shared" / "data" / "bible-5k"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def bible_alignment(limit: int | None) -> Alignment:
    """English source, Chinese target, the gold beads; a length-ratio score as stand-in."""
    en = (BIBLE / "en").read_text(encoding="utf-8").splitlines()
    zh = (BIBLE / "zh").read_text(encoding="utf-8").splitlines()
    beads = read_beads(BIBLE / "gold")[:limit]
    n_src = max(i for b in beads for i in b.src) + 1 if beads else 0
    n_tgt = max(j for b in beads for j in b.tgt) + 1 if beads else 0
    scored = []
    for b in beads:
        e = sum(len(en[i]) for i in b.src)
        z = sum(len(zh[j]) for j in b.tgt)
        ratio = (z * 3.0) / max(e, 1)  # roughly 1 for a good English/Chinese pair
        scored.append(Bead(b.src, b.tgt, round(min(ratio, 1 / ratio) if ratio else 0.0, 4)))
    return Alignment(tuple(Segment(t, 0) for t in en[:n_src]), tuple(Segment(t, 0) for t in zh[:n_tgt]),
                     tuple(scored), "en", "zh", "gold beads")


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def plain_table(alignment: Alignment) -> str:
    rows = "".join(f"<tr><td>{escape(p.src)}</td><td>{escape(p.tgt)}</td></tr>" for p in alignment.pairs())
    return f"<!DOCTYPE html><meta charset=utf-8><table>{rows}</table>"


def browser_figures(page_path: Path, table_path: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS)

        def load(path: Path, ready: str) -> float:
            ctx = browser.new_context()
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector(ready, state="attached")
            elapsed = time.perf_counter() - t0
            ctx.close()
            return elapsed

        review_load = statistics.median(load(page_path, "body[data-ready]") for _ in range(3))
        table_load = statistics.median(load(table_path, "table") for _ in range(3))
        print(f"open page in chromium     {review_load * 1000:8.0f} ms   plain table of the same texts "
              f"{table_load * 1000:.0f} ms  (ratio {review_load / table_load:.2f})")

        ctx = browser.new_context(accept_downloads=True)
        page = ctx.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready]")
        page.keyboard.press("G")  # the last bead: the merge re-renders everything before it too

        def key_ms(key: str) -> float:
            """From the key press to the next frame drawn (script, style, layout, paint)."""
            return page.evaluate(
                """key => new Promise(done => { const t0 = performance.now();
                   document.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true}));
                   requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0)); })""", key)

        page.keyboard.press("k")
        n_rows = page.locator("#beads .bead").count()
        merges = [key_ms("m") for _ in range(5)]
        undos = [key_ms("u") for _ in range(5)]
        page.keyboard.press("s")
        splits = [key_ms("Enter")]
        moves = [key_ms("j") for _ in range(5)]
        assert page.locator("#beads .bead").count() == n_rows + 1, "the merges and undos did not run"
        print(f"merge (m) in the page     {statistics.median(merges):8.1f} ms   "
              f"undo {statistics.median(undos):.1f} ms   split {splits[0]:.1f} ms   "
              f"select next (j) {statistics.median(moves):.1f} ms")
        t0 = time.perf_counter()
        with page.expect_download() as info:
            page.click("#export-tmx")
        size = Path(info.value.path()).stat().st_size
        print(f"export TMX in the page    {(time.perf_counter() - t0) * 1000:8.0f} ms   ({size / 1e6:.2f} MB)")
        ctx.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=None, help="use only the first N gold beads")
    args = parser.parse_args()
    if not BIBLE.is_dir():
        sys.exit(f"no data at {BIBLE}")
    alignment = bible_alignment(args.beads)
    alignment.validate()
    issues = [BeadIssue(k, "missing-term", "sample issue") for k in range(0, len(alignment.beads), 50)]
    print(f"bible-5k: {len(alignment.src)} source, {len(alignment.tgt)} target sentences, "
          f"{len(alignment.beads)} beads, {len(issues)} issues")

    t_page = best_of(3, lambda: render_review(alignment, issues=issues))
    t_tmx = best_of(3, lambda: render_alignment(alignment, "tmx"))
    page = render_review(alignment, issues=issues, options=ReviewOptions(title="bible-5k"))
    tmx = render_alignment(alignment, "tmx")
    print(f"generate page (python)    {t_page * 1000:8.0f} ms   TMX writer {t_tmx * 1000:.0f} ms  "
          f"(ratio {t_page / t_tmx:.2f})")
    page_mb, tmx_mb = len(page.encode()) / 1e6, len(tmx.encode()) / 1e6
    print(f"page size                 {page_mb:8.2f} MB   TMX {tmx_mb:.2f} MB  (ratio {page_mb / tmx_mb:.2f})")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright  # noqa: F401
    except ImportError:
        chromium = None
    if chromium is None:
        print("browser figures skipped: needs chromium and playwright")
        return
    with tempfile.TemporaryDirectory() as tmp:
        page_path, table_path = Path(tmp) / "review.html", Path(tmp) / "table.html"
        page_path.write_text(page, encoding="utf-8")
        table_path.write_text(plain_table(alignment), encoding="utf-8")
        browser_figures(page_path, table_path, chromium)


if __name__ == "__main__":
    main()
