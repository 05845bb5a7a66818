"""Self-contained HTML views: the error-analysis report of a scored submission, and one gold
document (``bench report``, ``bench show --html``).

The page needs no network: inline CSS, an inline SVG chart and one small inline script for the
filters. A submission is untrusted input, so two defences stand in depth:

1. every string that comes from a submission or the gold is escaped with ``html.escape``
   (attributes quoted), and no data is placed inside the script;
2. a Content-Security-Policy ``<meta>`` allows no source at all (``default-src 'none'``) except
   inline styles and the one inline script whose sha256 it names, so even markup that escaped
   escaping could neither run a script nor fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import itertools
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from benchmark.model import Document
from benchmark.render import shown

VERDICT_LABELS = {
    "tp": "true positive",
    "fp": "false positive",
    "fn": "false negative",
    "partial": "partial match",
}
TYPE_COLOURS = {
    "PER": "#ffd8b1",
    "ORG": "#c6d8ff",
    "GPE": "#bff0ff",
    "LOC": "#d6f5d6",
    "DATE": "#fff3a6",
    "TIME": "#fff3a6",
    "DURATION": "#fde2ff",
    "SET": "#fde2ff",
}

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem}
th{background:#f4f4f4;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;line-height:2.1;background:#fcfcfc}
.seg{border-radius:.25rem;padding:.1rem .15rem}
.v-tp{background:#b7ebc0}.v-fp{background:#ffb3b3}.v-fn{background:#ffd27f}
.v-partial{background:#e2d4ff}
.legend span{margin-right:1rem;padding:.1rem .4rem;border-radius:.25rem}
.filters{margin:.5rem 0;display:flex;gap:1rem}.hidden{display:none}
.evidence{color:#555;font-size:.9em}
"""

SCRIPT = """
document.addEventListener('DOMContentLoaded', function () {
  var category = document.getElementById('filter-category');
  var type = document.getElementById('filter-type');
  function apply() {
    var rows = document.querySelectorAll('tr[data-category]');
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var okCategory = category.value === 'all' || row.dataset.category === category.value;
      var okType = type.value === 'all' || row.dataset.type === type.value;
      row.classList.toggle('hidden', !(okCategory && okType));
    }
    document.getElementById('visible-count').textContent =
      document.querySelectorAll('tr[data-category]:not(.hidden)').length;
  }
  category.addEventListener('change', apply);
  type.addEventListener('change', apply);
  apply();
});
"""


def _page(title: str, body: str) -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>{escape(title)}</title><style>{CSS}</style>"
        f"<script>{SCRIPT}</script></head><body>{body}</body></html>\n"
    )


#: A highlighted piece's tooltip names at most this many of the spans covering it (shortest
#: first) and counts the others, so that the page stays linear in the number of spans.
TITLE_ITEMS = 4


def _segments(text: str, items: Sequence[tuple[int, int, str, str]]) -> str:
    """Text with highlighted spans, flat: each piece takes the class of the shortest item
    covering it, and its title lists the covering items, shortest first (up to
    :data:`TITLE_ITEMS`, then a count), so nested and crossing spans show.

    A sweep over the sorted span bounds with a heap of the open items: O((n + p·k) log n) for
    n items, p pieces and k = TITLE_ITEMS, where listing every covering item of every piece was
    O(p·n) time and page size.
    """
    clipped = ((max(0, s), min(len(text), e), i) for i, (s, e, _, _) in enumerate(items))
    spans = sorted((s, e, i) for s, e, i in clipped if e > s)
    ends = sorted(e for _, e, _ in spans)
    bounds = sorted({0, len(text), *(b for s, e, _ in spans for b in (s, e))})
    heap: list[tuple[int, int, int]] = []  # (length, item index, end): the shortest on top
    out = []
    opened = closed = 0
    for start, end in itertools.pairwise(bounds):
        while opened < len(spans) and spans[opened][0] <= start:
            s, e, i = spans[opened]
            heapq.heappush(heap, (e - s, i, e))
            opened += 1
        while closed < len(ends) and ends[closed] <= start:
            closed += 1
        piece = escape(text[start:end])
        covering = opened - closed  # items with s <= start < e cover [start, end)
        if covering == 0:
            out.append(piece)
            continue
        shown: list[tuple[int, int, int]] = []
        while heap and len(shown) < TITLE_ITEMS:
            top = heapq.heappop(heap)
            if top[2] > start:  # still open; a closed item is dropped for good
                shown.append(top)
        for top in shown:
            heapq.heappush(heap, top)
        labels = [items[i][3] for _, i, _ in shown]
        if covering > len(shown):
            labels.append(f"and {covering - len(shown)} more")
        title = escape(" | ".join(labels), quote=True)
        inner = items[shown[0][1]]
        out.append(
            f'<span class="seg {escape(inner[2], quote=True)}" title="{title}">{piece}</span>'
        )
    return "".join(out)


def _verdict_items(
    verdicts: Sequence[Mapping[str, Any]], kind: str
) -> list[tuple[int, int, str, str]]:
    items = []
    for v in verdicts:
        span = v["gold"] if v["verdict"] == "fn" else v["pred"]
        if span is None:
            continue
        label = VERDICT_LABELS.get(v["verdict"], v["verdict"])
        gold = f" gold {v['gold'][2:]}" if v.get("gold") else ""
        pred = f" predicted {v['pred'][2:]}" if v.get("pred") else ""
        items.append(
            (int(span[0]), int(span[1]), f"v-{v['verdict']}", f"{kind} {label}:{gold}{pred}")
        )
    return items


def _score_row(label: str, score: Mapping[str, Any] | None) -> str:
    if score is None:
        return f'<tr><td>{escape(label)}</td><td colspan="5">not submitted</td></tr>'
    ci = score["ci95"]
    ci_text = "—" if ci is None else f"{100 * ci[0]:.1f}–{100 * ci[1]:.1f}"
    return (
        f"<tr><td>{escape(label)}</td><td class=num>{100 * score['precision']:.1f}</td>"
        f"<td class=num>{100 * score['recall']:.1f}</td><td class=num>{100 * score['f1']:.1f}"
        f"</td><td class=num>{ci_text}</td>"
        f"<td class=num>{escape(str(score['tp']))}/{escape(str(score['fp']))}/"
        f"{escape(str(score['fn']))}</td></tr>"
    )


def _chart(per_type: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str:
    """Inline SVG bars of untimed and timed F1 per relation type."""
    width, bar, gap = 520, 14, 12
    rows = []
    y = 10
    for rtype, layers in per_type.items():
        rows.append(f'<text x="0" y="{y + 2 * bar - 4}" font-size="12">{escape(rtype)}</text>')
        for i, (layer, colour) in enumerate((("untimed", "#8fb2ff"), ("timed", "#2f5fd0"))):
            f1 = float(layers[layer]["f1"])
            w = int(300 * f1)
            rows.append(
                f'<rect x="110" y="{y + i * bar}" width="{w}" height="{bar - 2}" '
                f'fill="{colour}"><title>{escape(rtype)} {layer} F1 {100 * f1:.1f}'
                f"</title></rect>"
            )
            rows.append(
                f'<text x="{115 + w}" y="{y + i * bar + bar - 4}" font-size="11">'
                f"{layer} {100 * f1:.1f}</text>"
            )
        y += 2 * bar + gap
    return (
        f'<svg role="img" aria-label="F1 per relation type" width="{width}" height="{y}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>'
    )


def _relation_rows(report: Mapping[str, Any]) -> tuple[str, list[str], list[str]]:
    rows, categories, types = [], set(), set()
    details = {d["doc_id"]: d for d in report.get("details", [])}
    for doc_id, d in details.items():
        rel = d["relations"]
        for verdict, items in (("tp", rel["tp"]), ("fn", rel["fn"]), ("fp", rel["fp"])):
            for item in items:
                category = "correct" if verdict == "tp" else item.get("category", verdict)
                category = f"{verdict}:{category}" if verdict != "tp" else "tp"
                categories.add(category)
                types.add(str(item["type"]))
                rows.append(
                    f'<tr data-category="{escape(category, quote=True)}" '
                    f'data-type="{escape(str(item["type"]), quote=True)}">'
                    f"<td>{escape(doc_id)}</td><td>{escape(VERDICT_LABELS[verdict])}</td>"
                    f"<td>{escape(category)}</td><td>{escape(str(item['type']))}</td>"
                    f"<td>{escape(shown(item['arg1']))}</td><td>{escape(shown(item['arg2']))}</td>"
                    f"<td>{escape(shown(item.get('date')))}</td>"
                    f"<td class=evidence>{escape(str(item.get('evidence_text', '')))}</td></tr>"
                )
    return "".join(rows), sorted(categories), sorted(types)


def render_report(report: Mapping[str, Any], gold: Sequence[Document]) -> str:
    """The error-analysis page of one scored submission (``bench score`` JSON + gold texts)."""
    rel = report["relations"] or {"timed": None, "untimed": None}
    headline = "".join(
        [
            _score_row("relations timed", rel["timed"]),
            _score_row("relations untimed", rel["untimed"]),
            _score_row("relations timed (lenient date)", rel.get("timed_lenient")),
            _score_row("relations evidence", rel.get("evidence")),
            _score_row(
                "mentions strict", report["mentions"]["strict"] if report["mentions"] else None
            ),
            _score_row(
                "mentions partial", report["mentions"]["partial"] if report["mentions"] else None
            ),
            _score_row(
                "timexes relaxed", report["timexes"]["relaxed"] if report["timexes"] else None
            ),
            _score_row("timex values", report["timexes"]["value"] if report["timexes"] else None),
        ]
    )
    rows, categories, types = _relation_rows(report)
    options = lambda values: "".join(  # noqa: E731
        f'<option value="{escape(v, quote=True)}">{escape(v)}</option>' for v in values
    )
    texts = {d.id: d for d in gold}
    documents = []
    for detail in report.get("details", []):
        doc = texts.get(detail["doc_id"])
        if doc is None:
            continue
        items = _verdict_items(detail.get("mentions", []), "mention")
        items += _verdict_items(detail.get("timexes", []), "timex")
        documents.append(
            f"<h3>{escape(doc.id)}</h3><div class=text>{_segments(doc.text, items)}</div>"
        )
    legend = "".join(f'<span class="v-{k}">{escape(v)}</span>' for k, v in VERDICT_LABELS.items())
    warnings = "".join(f"<li>{escape(str(w))}</li>" for w in report.get("warnings", []))
    body = f"""
<h1>envoy-bench error analysis</h1>
<p>Submission <code>{escape(str(report.get("submission", "")))}</code>; split
{escape(str(report.get("split", "test")))}, {escape(str(report["documents"]))} document(s);
dataset {escape(str(report["dataset_version"]))}, guidelines
{escape(str(report["guidelines_version"]))}.</p>
<h2>Headline scores</h2>
<table><tr><th>metric</th><th>P</th><th>R</th><th>F1</th><th>95% CI</th><th>tp/fp/fn</th></tr>
{headline}</table>
<h2>F1 per relation type</h2>
{_chart(rel["per_type"])}
<h2>Relations</h2>
<div class=filters>
<label>error category <select id="filter-category"><option value="all">all</option>
{options(categories)}</select></label>
<label>relation type <select id="filter-type"><option value="all">all</option>
{options(types)}</select></label>
<span><span id="visible-count"></span> row(s) shown</span></div>
<table id="relations"><tr><th>document</th><th>verdict</th><th>category</th><th>type</th>
<th>arg1</th><th>arg2</th><th>date</th><th>evidence</th></tr>{rows}</table>
<h2>Documents</h2>
<p class=legend>{legend}</p>
{"".join(documents)}
<h2>Warnings</h2><ul>{warnings or "<li>none</li>"}</ul>
"""
    return _page("envoy-bench error analysis", body)


def render_document(doc: Document) -> str:
    """One gold document: mentions and timexes coloured by type, relations in a table."""
    names = {e.id: e.name for e in doc.entities}
    items = [
        (m.start, m.end, f"t-{m.type}", f"{m.type} {m.level}: {names.get(m.entity, m.entity)}")
        for m in doc.mentions
    ]
    items += [(t.start, t.end, f"t-{t.type}", f"{t.type} {t.value}") for t in doc.timexes]
    colours = "".join(f".t-{k}{{background:{v}}}" for k, v in TYPE_COLOURS.items())
    rows = "".join(
        f'<tr data-category="{escape(r.realis, quote=True)}" '
        f'data-type="{escape(r.type, quote=True)}">'
        f"<td>{escape(r.id)}</td><td>{escape(r.type)}</td><td>{escape(names[r.arg1])}</td>"
        f"<td>{escape(names[r.arg2])}</td><td>{escape(str(r.date))}</td><td>{escape(r.realis)}</td>"
        f"<td>{escape(r.trigger.text)}</td><td>{escape(', '.join(map(str, r.evidence)))}</td></tr>"
        for r in doc.relations
    )
    body = f"""<style>{colours}</style>
<h1>{escape(doc.id)}</h1><p>published {escape(doc.published)}, split {escape(doc.split)},
status {escape(doc.status)}</p>
<div class=filters hidden>
<select id="filter-category"><option value="all">all</option></select>
<select id="filter-type"><option value="all">all</option></select>
<span id="visible-count"></span></div>
<div class=text>{_segments(doc.text, items)}</div>
<h2>Relations</h2><table><tr><th>id</th><th>type</th><th>arg1</th><th>arg2</th><th>date</th>
<th>realis</th><th>trigger</th><th>evidence</th></tr>{rows}</table>"""
    return _page(f"envoy-bench {doc.id}", body)


def render_terminal(doc: Document) -> Any:
    """A rich renderable of one gold document: highlighted mentions and a relation table."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    styles = {
        "PER": "bold black on #ffd8b1",
        "ORG": "black on #c6d8ff",
        "GPE": "black on #bff0ff",
        "LOC": "black on #d6f5d6",
    }
    from benchmark.safety import terminal_cell, terminal_text

    text = Text(terminal_text(doc.text))  # same length: the offsets below still apply
    for m in sorted(doc.mentions, key=lambda m: m.start - m.end):  # outer first, inner on top
        text.stylize(styles.get(m.type, "reverse"), m.start, m.end)
    for t in doc.timexes:
        text.stylize("underline bold", t.start, t.end)
    names = {e.id: e.name for e in doc.entities}
    table = Table(title="relations")
    for column in ("id", "type", "arg1", "arg2", "date", "realis", "evidence"):
        table.add_column(column)
    for r in doc.relations:
        cells = (r.id, r.type, names[r.arg1], names[r.arg2], r.date, r.realis)
        # Text cells: rich would parse a plain string as markup ("[link=...]")
        table.add_row(
            *(Text(terminal_cell(c)) for c in cells), Text(", ".join(map(str, r.evidence)))
        )
    legend = Text("  ".join(f"{k}" for k in styles))
    for i, key in enumerate(styles):
        start = sum(len(k) + 2 for k in list(styles)[:i])
        legend.stylize(styles[key], start, start + len(key))
    return Group(
        Text(terminal_cell(f"{doc.id}  published {doc.published}  ({doc.status})"), style="bold"),
        legend,
        text,
        table,
    )
