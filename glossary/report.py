"""Reports of a check: CSV (the issues), JSON (issues, scores, per-term table), a
self-contained HTML page, and a plain-text table for the terminal.

Every report records the check's signature (duiqi version, glossary, languages,
checks). Files are written atomically: a failed write leaves no half file.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import unicodedata
from collections import Counter
from pathlib import Path

from corpora import atomic_write
from corpora.humancsv import human_cell, terminal_safe, write_human_csv

from .issues import ISSUE_COLUMNS, CheckResult, TermIssue
from .errors import GlossaryError

__all__ = ["REPORT_FORMATS", "report_format", "render_report", "write_report", "text_table", "summary_lines"]

REPORT_FORMATS = {".csv": "csv", ".json": "json", ".html": "html", ".htm": "html", ".txt": "text"}


def report_format(path: str | os.PathLike[str]) -> str:
    """The report format a file name's extension names; GlossaryError if none."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise GlossaryError(f"{path}: cannot tell the report format from the extension "
                            "(use .csv, .json, .html or .txt)")
    return REPORT_FORMATS[suffix]


def render_report(result: CheckResult, fmt: str) -> str:
    """The report as text in ``fmt``: csv, json, html or text."""
    renderers = {"csv": _csv, "json": _json, "html": _html, "text": text_table}
    if fmt not in renderers:
        raise GlossaryError(f"unknown report format {fmt!r} (known: {', '.join(renderers)})")
    return renderers[fmt](result)


def write_report(result: CheckResult, path: str | os.PathLike[str]) -> str:
    """Write the report to ``path`` (format from the extension); return the format."""
    fmt = report_format(path)
    if fmt == "csv":  # for spreadsheets: BOM, formula-like cells neutralised
        write_human_csv(path, ISSUE_COLUMNS, ([getattr(i, k) for k in ISSUE_COLUMNS] for i in result.issues))
        return fmt
    text = render_report(result, fmt)
    with atomic_write(path) as out:
        out.write(text)
    return fmt


def _csv(result: CheckResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(ISSUE_COLUMNS)
    for i in result.issues:
        writer.writerow([human_cell(getattr(i, k)) for k in ISSUE_COLUMNS])
    return buf.getvalue()


def _tu(tu: int | None) -> str:
    return "—" if tu is None else str(tu)


def _terms(result: CheckResult) -> list[dict]:
    return [{
        "concept": s.concept, "term": s.term, "expected": s.expected, "occurrences": s.occurrences,
        "rendered": s.rendered, "forbidden": s.forbidden, "accuracy": round(s.accuracy, 6),
        "consistency": None if s.consistency is None else round(s.consistency, 6),
        "renderings": [{"text": r, "count": n} for r, n in s.renderings],
    } for s in result.terms]


def _json(result: CheckResult) -> str:
    doc = {
        "signature": result.signature,
        "glossary": result.glossary,
        "src_lang": result.src_lang,
        "tgt_lang": result.tgt_lang,
        "checks": list(result.checks),
        "counts": result.counts(),
        "scores": result.scores.as_dict(),
        "terms": _terms(result),
        "issues": [i.as_dict() for i in result.issues],
        "tolerances": list(result.tolerances),
        "tolerated": [m.as_dict() for m in result.tolerated],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str, n: int) -> str:
    s = terminal_safe(" ".join(s.split()))
    if _width(s) <= n:
        return s + " " * (n - _width(s))
    out, w = "", 0
    for c in s:
        cw = _width(c)
        if w + cw > n - 1:
            break
        out, w = out + c, w + cw
    return out + "…" + " " * (n - 1 - w)


def summary_lines(result: CheckResult) -> list[str]:
    """The scores in a few lines of text."""
    s = result.scores
    counts = ", ".join(f"{k} {v}" for k, v in result.counts().items())
    lines = [
        f"{s.issues} issue(s) in {s.segments} pair(s): {counts}",
        f"term accuracy {_pct(s.term_accuracy)} ({s.rendered}/{s.occurrences} source-term occurrences), "
        f"consistency {_pct(s.consistency_micro)} micro, {_pct(s.consistency_macro)} macro",
    ]
    if s.translation is not None:
        t = s.translation
        lines.append(f"BLEU {t.bleu:.2f}  chrF {t.chrf:.2f}  TER {t.ter:.2f} ({t.level} level, {t.segments} segment(s))")
    if result.tolerated:
        by = Counter(m.tolerance for m in result.tolerated)
        lines.append("matches counted by tolerance: " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
    return lines


def text_table(result: CheckResult) -> str:
    """Issues as an aligned table, then the summary: what ``duiqi check`` prints."""
    widths = (5, 12, 18, 28, 28)
    head = ("tu", "kind", "term", "expected", "found")
    lines = ["  ".join(_cut(h, w) for h, w in zip(head, widths)).rstrip()]
    for i in result.issues:
        found = (i.found or "—") + (f" [{i.tolerance}]" if i.tolerance else "")
        cells = (_tu(i.tu), i.kind, i.term, i.expected, found)
        lines.append("  ".join(_cut(c, w) for c, w in zip(cells, widths)).rstrip())
    if not result.issues:
        lines = ["no issues"]
    return "\n".join(lines + [""] + summary_lines(result) + [f"({result.signature})"]) + "\n"


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;
margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430;background:#fff}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #dde3ea}
.sig{color:#67717e;font-size:.8rem;word-break:break-all}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid #dde3ea;border-radius:8px;padding:.6rem .9rem;min-width:8.5rem}
.card b{display:block;font-size:1.35rem}.card span{color:#67717e;font-size:.8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #eef1f5;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.issue{border:1px solid #dde3ea;border-left:5px solid #999;border-radius:6px;padding:.6rem .9rem;margin:.8rem 0}
.issue.missing{border-left-color:#d97706}.issue.forbidden{border-left-color:#dc2626}
.issue.inconsistent{border-left-color:#7c3aed}.issue.unexpected{border-left-color:#2563eb}
.issue.number{border-left-color:#059669}
.kind{font-weight:600;text-transform:uppercase;font-size:.75rem;letter-spacing:.04em}
.pair{display:grid;grid-template-columns:3rem 1fr;gap:.2rem .6rem;margin-top:.4rem}
.pair .l{color:#67717e;font-size:.8rem}
mark{background:#fde68a;padding:0 .1rem;border-radius:3px}
.ok{color:#059669;font-weight:600}.muted{color:#67717e}
"""


def _mark(text: str, span: tuple[int, int] | None) -> str:
    if not span:
        return html.escape(text)
    a, b = span
    return html.escape(text[:a]) + "<mark>" + html.escape(text[a:b]) + "</mark>" + html.escape(text[b:])


def _issue_html(i: TermIssue, src_lang: str, tgt_lang: str) -> str:
    e = html.escape
    return (
        f'<div class="issue {e(i.kind)}"><span class="kind">{e(i.kind)}</span> '
        f'· tu {_tu(i.tu)} · <b>{e(i.term)}</b>'
        f'<div>expected: {e(i.expected) or "—"} · found: {e(i.found) or "—"}'
        f'{" · matched by tolerance: " + e(i.tolerance) if i.tolerance else ""}</div>'
        f'<div class="muted">{e(i.note)}</div>'
        f'<div class="pair"><span class="l">{e(src_lang)}</span><span lang="{e(src_lang)}">{_mark(i.src, i.src_span)}</span>'
        f'<span class="l">{e(tgt_lang)}</span><span lang="{e(tgt_lang)}">{_mark(i.tgt, i.tgt_span)}</span></div></div>'
    )


def _html(result: CheckResult) -> str:
    e = html.escape
    s = result.scores
    cards = [(_pct(s.term_accuracy), "term accuracy"), (_pct(s.consistency_micro), "consistency (micro)"),
             (_pct(s.consistency_macro), "consistency (macro)"), (str(s.issues), "issues")]
    cards += [(str(v), k) for k, v in result.counts().items()]
    if s.translation is not None:
        t = s.translation
        cards += [(f"{t.bleu:.2f}", "BLEU"), (f"{t.chrf:.2f}", "chrF"), (f"{t.ter:.2f}", "TER")]
    card_html = "".join(f'<div class="card"><b>{e(v)}</b><span>{e(k)}</span></div>' for v, k in cards)
    term_rows = "".join(
        f"<tr><td>{e(t.concept)}</td><td>{e(t.term)}</td><td>{e(t.expected)}</td>"
        f'<td class="n">{t.occurrences}</td><td class="n">{t.rendered}</td><td class="n">{t.forbidden}</td>'
        f'<td class="n">{_pct(t.accuracy)}</td><td class="n">{_pct(t.consistency)}</td>'
        f"<td>{e('; '.join(f'{r} ×{n}' for r, n in t.renderings))}</td></tr>"
        for t in result.terms)
    issues = "".join(_issue_html(i, result.src_lang, result.tgt_lang) for i in result.issues) or \
        '<p class="ok">No issues.</p>'
    tolerated = "".join(
        f"<tr><td class=\"n\">{_tu(m.tu)}</td><td>{e(m.side)}</td><td>{e(m.term)}</td><td>{e(m.found)}</td>"
        f"<td>{e(m.tolerance)}</td></tr>" for m in result.tolerated)
    tolerated = (f"<h2>Matches counted by a tolerance</h2><table><thead><tr><th>tu</th><th>side</th><th>term</th>"
                 f"<th>found</th><th>tolerance</th></tr></thead><tbody>{tolerated}</tbody></table>") if tolerated else ""
    translation = ""
    if s.translation is not None:
        translation = f'<p class="sig">sacrebleu: {e(s.translation.signature)} ({e(s.translation.level)} level)</p>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>duiqi terminology report</title><style>{_CSS}</style></head><body>
<h1>Terminology report</h1>
<p class="muted">{e(result.glossary or "glossary")} · {e(result.src_lang)} → {e(result.tgt_lang)} · {s.segments} pairs · {s.occurrences} source-term occurrences</p>
<div class="cards">{card_html}</div>
{translation}
<h2>Issues</h2>
{issues}
<h2>Terms</h2>
<table><thead><tr><th>concept</th><th>source term</th><th>expected</th><th>occurrences</th><th>rendered</th>
<th>forbidden</th><th>accuracy</th><th>consistency</th><th>renderings</th></tr></thead>
<tbody>{term_rows}</tbody></table>
{tolerated}
<p class="sig">{e(result.signature)}</p>
</body></html>
"""
