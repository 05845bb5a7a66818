"""Text renderings of score and comparison reports: a terminal table (rich) and Markdown.

Pure functions from report dicts to strings; the CLI only prints them. The table never cuts
a line: a cell that does not fit the width wraps onto the next line (rich's ``fold``).
Text that comes from a submission (names, dates) has its control characters shown as inert
pictures (``benchmark.safety``), so a submission cannot send escape sequences to the reader's
terminal nor start a line of its own; Markdown cells are escaped with
``benchmark.safety.markdown_text``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

WIDTH = 80
MENTION_SCHEMES = ("strict", "exact", "partial", "type")
MAX_ERRORS = 10
#: Longest submitted name or date a table, Markdown or HTML cell shows: a name can be any
#: length (a 5 MB name made a 5 MB table); the JSON report keeps it whole.
MAX_SHOWN = 200


def shown(value: Any) -> str:
    """A submitted name or date for display: an undated relation says so, and text over
    :data:`MAX_SHOWN` characters is cut with a note of how much is left out."""
    if value is None:
        return "undated"
    text = str(value)
    if len(text) > MAX_SHOWN:
        return f"{text[:MAX_SHOWN]}… ({len(text) - MAX_SHOWN:,} more characters)"
    return text


def safe(value: Any) -> str:
    """``value`` as one terminal cell: escape sequences, control characters, newlines and
    bidi overrides shown as inert pictures (:func:`benchmark.safety.terminal_cell`)."""
    from benchmark.safety import terminal_cell

    return terminal_cell(value)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _ci(score: Mapping[str, Any]) -> str:
    ci = score.get("ci95")
    if ci is None:
        return "—"
    return f"[{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]"


def _count(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _score_rows(report: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any] | None]]:
    """(label, score or None when not submitted) rows of the headline table."""
    rows: list[tuple[str, Mapping[str, Any] | None]] = []
    rel = report["relations"]
    rows.append(("relations timed", rel["timed"] if rel else None))
    rows.append(("relations untimed", rel["untimed"] if rel else None))
    rows.append(("relations timed (lenient date)", rel["timed_lenient"] if rel else None))
    rows.append(("relations evidence", rel["evidence"] if rel else None))
    mentions = report["mentions"]
    for scheme in ("strict", "exact", "partial", "type"):
        rows.append((f"mentions {scheme}", mentions[scheme] if mentions else None))
    timexes = report["timexes"]
    for key in ("strict", "relaxed", "value"):
        rows.append((f"timexes {key}", timexes[key] if timexes else None))
    return rows


def _resampling_line(report: Mapping[str, Any]) -> str:
    r = report.get("resampling")
    if not r:
        return ""
    if not r["resamples"]:
        return "95% CI: not computed (--n-boot 0)"
    return (
        f"95% CI: {r['method']} over {r['unit']}, {r['resamples']} resamples, seed {r['seed']} "
        f"(at least {r['min_units']} {r['unit']} needed)"
    )


def _error_line(kind: str, item: Mapping[str, Any]) -> str:
    line = (
        f"{kind} {item.get('doc_id', '')} {item['type']}({shown(item['arg1'])}, "
        f"{shown(item['arg2'])}) {shown(item.get('date'))} [{item['category']}]"
    )
    if item.get("timed_only"):
        line += " (timed only)"
    return safe(line)


def _console(buffer: io.StringIO, width: int) -> Any:
    from rich.console import Console

    return Console(file=buffer, width=width, no_color=True, force_terminal=False, highlight=False)


def prepare_table() -> None:
    """Load what :func:`render_table` needs: rich, and the data it reads on first use (a long
    run does it while its workers score)."""
    from rich.table import Table
    from rich.text import Text

    console = _console(io.StringIO(), WIDTH)
    table = Table(box=None)
    table.add_column("metric", overflow="fold")
    table.add_row("relations —")  # not ASCII: rich loads its character widths for it
    console.print(table)
    console.print(Text("relations —"), overflow="fold", crop=False, soft_wrap=False)


def render_table(
    report: Mapping[str, Any], max_errors: int = MAX_ERRORS, width: int = WIDTH
) -> str:
    """The default output: headline scores, per type, error categories; rich tables whose
    cells wrap instead of being cut."""
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = _console(buffer, width)

    def out(text: str = "") -> None:
        console.print(Text(text), overflow="fold", crop=False, soft_wrap=False)

    out(
        f"envoy-bench {safe(report.get('split', 'test'))} split: {report['documents']} "
        f"document(s); dataset {safe(report['dataset_version'])}, guidelines "
        f"{safe(report['guidelines_version'])}"
    )
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("metric", overflow="fold")
    for name in ("P", "R", "F1"):
        table.add_column(name, justify="right", overflow="fold")
    table.add_column("95% CI", overflow="fold")
    for name in ("tp", "fp", "fn"):
        table.add_column(name, justify="right", overflow="fold")
    for label, score in _score_rows(report):
        if score is None:
            table.add_row(label, "", "", "", "not submitted", "", "", "")
            continue
        table.add_row(
            label,
            _pct(score["precision"]),
            _pct(score["recall"]),
            _pct(score["f1"]),
            _ci(score),
            *(_count(score[k]) for k in ("tp", "fp", "fn")),
        )
    console.print(table)
    rel = report["relations"]
    if rel:
        out(
            f"relations macro-F1: timed {_pct(rel['macro_f1'])}, "
            f"untimed {_pct(rel['macro_f1_untimed'])}"
        )
    timexes = report["timexes"]
    if timexes:
        out(
            f"timex value accuracy {_pct(timexes['value_accuracy'])}, type accuracy "
            f"{_pct(timexes['type_accuracy'])} (over relaxed matches)"
        )
    line = _resampling_line(report)
    if line:
        out(line)
    if rel:
        per_type = Table(box=None, pad_edge=False, show_edge=False)
        for name, right in (
            ("relation type", False),
            ("untimed F1", True),
            ("95% CI", False),
            ("timed F1", True),
            ("95% CI ", False),
            ("tp/fp/fn (timed)", True),
        ):
            per_type.add_column(name, justify="right" if right else "left", overflow="fold")
        for rtype, layers in rel["per_type"].items():
            t = layers["timed"]
            per_type.add_row(
                rtype,
                _pct(layers["untimed"]["f1"]),
                _ci(layers["untimed"]),
                _pct(t["f1"]),
                _ci(t),
                "/".join(_count(t[k]) for k in ("tp", "fp", "fn")),
            )
        out()
        console.print(per_type)
    contrast = report.get("contrast")
    if contrast:
        ct = Table(box=None, pad_edge=False, show_edge=False)
        for name in ("contrast category", "docs", "fully right", "timed F1", "untimed F1"):
            ct.add_column(name, overflow="fold", justify="left" if name[0] == "c" else "right")
        ct.add_column("tp/fp/fn (timed)", justify="right", overflow="fold")
        for name, c in contrast["categories"].items():
            t = c["timed"]
            ct.add_row(
                safe(name),
                str(c["documents"]),
                str(c["fully_right"]),
                _pct(t["f1"]),
                _pct(c["untimed"]["f1"]),
                "/".join(_count(t[k]) for k in ("tp", "fp", "fn")),
            )
        out()
        console.print(ct)
        k = contrast["consistency"]
        out(
            f"contrast consistency {_pct(k['share'])} ({k['consistent']} of {k['groups']} "
            "edit groups fully right)"
        )
    errors = report["errors"]
    if errors["fp_categories"] or errors["fn_categories"]:
        fp = ", ".join(f"{k} {v}" for k, v in errors["fp_categories"].items()) or "none"
        fn = ", ".join(f"{k} {v}" for k, v in errors["fn_categories"].items()) or "none"
        out()
        out(f"false positives: {fp}")
        out(f"false negatives: {fn}")
    fns, fps = errors["false_negatives"], errors["false_positives"]
    for kind, items in (("FN", fns), ("FP", fps)):
        for item in items[:max_errors]:
            out(f"  {_error_line(kind, item)}")
        total = sum(errors["fn_categories" if kind == "FN" else "fp_categories"].values())
        if total > min(len(items), max_errors):
            out(f"  ... {total - min(len(items), max_errors)} more {kind} (all in --format json)")
    grounding = report.get("grounding", {})
    if any(grounding.values()):
        out()
        out("grounding: " + ", ".join(f"{k} {v}" for k, v in grounding.items()))
    for warning in report.get("warnings", []):
        out(f"warning: {safe(warning)}")
    return buffer.getvalue()


def _md(value: Any) -> str:
    """Text for a Markdown table cell: one line, pipes, HTML and emphasis made inert."""
    from benchmark.safety import markdown_text

    return markdown_text(value)


def render_markdown(report: Mapping[str, Any]) -> str:
    """The whole report in Markdown: headline scores, macro-F1, per type, contrast, resampling,
    every listed false positive and false negative, warnings."""
    out = [
        f"**envoy-bench** {_md(report.get('split', 'test'))} split, {report['documents']} "
        f"document(s), dataset {_md(report['dataset_version'])}, guidelines "
        f"{_md(report['guidelines_version'])}",
        "",
        "| metric | P | R | F1 | 95% CI | tp | fp | fn |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for label, score in _score_rows(report):
        if score is None:
            out.append(f"| {label} | | | | not submitted | | | |")
            continue
        out.append(
            f"| {label} | {_pct(score['precision'])} | {_pct(score['recall'])} | "
            f"{_pct(score['f1'])} | {_ci(score)} | {_count(score['tp'])} | "
            f"{_count(score['fp'])} | {_count(score['fn'])} |"
        )
    rel = report["relations"]
    out.append("")
    if rel:
        out.append(
            f"Relations macro-F1: timed {_pct(rel['macro_f1'])}, untimed "
            f"{_pct(rel['macro_f1_untimed'])}."
        )
    timexes = report["timexes"]
    if timexes:
        out.append(
            f"Timex value accuracy {_pct(timexes['value_accuracy'])}, type accuracy "
            f"{_pct(timexes['type_accuracy'])} (over relaxed matches)."
        )
    line = _resampling_line(report)
    if line:
        out.append(line + ".")
    if rel:
        out += [
            "",
            "| relation type | untimed F1 | 95% CI | timed F1 | 95% CI | tp | fp | fn |",
            "|---|---:|---|---:|---|---:|---:|---:|",
        ]
        for rtype, layers in rel["per_type"].items():
            t = layers["timed"]
            out.append(
                f"| {rtype} | {_pct(layers['untimed']['f1'])} | {_ci(layers['untimed'])} | "
                f"{_pct(t['f1'])} | {_ci(t)} | {_count(t['tp'])} | {_count(t['fp'])} | "
                f"{_count(t['fn'])} |"
            )
    mentions = report["mentions"]
    if mentions:
        out += [
            "",
            "| entity type | strict F1 | exact F1 | partial F1 | type F1 |",
            "|---|---:|---:|---:|---:|",
        ]
        for etype, schemes in mentions["per_type"].items():
            cells = " | ".join(
                _pct(schemes[s]["f1"]) for s in ("strict", "exact", "partial", "type")
            )
            out.append(f"| {etype} | {cells} |")
    contrast = report.get("contrast")
    if contrast:
        out += [
            "",
            "| contrast category | documents | fully right | timed F1 | untimed F1 |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, c in contrast["categories"].items():
            out.append(
                f"| {_md(name)} | {c['documents']} | {c['fully_right']} | "
                f"{_pct(c['timed']['f1'])} | {_pct(c['untimed']['f1'])} |"
            )
        k = contrast["consistency"]
        out.append(
            f"\nContrast consistency: {_pct(k['share'])} "
            f"({k['consistent']} of {k['groups']} edit groups fully right)."
        )
    errors = report["errors"]
    for title, key in (
        ("False negatives", "false_negatives"),
        ("False positives", "false_positives"),
    ):
        items = errors[key]
        if not items:
            continue
        out += [
            "",
            f"### {title} ({len(items)})",
            "",
            "| document | type | arg1 | arg2 | date | category | evidence |",
            "|---|---|---|---|---|---|---|",
        ]
        for item in items:
            category = item["category"] + (" (timed only)" if item.get("timed_only") else "")
            out.append(
                f"| {_md(item.get('doc_id', ''))} | {item['type']} | {_md(shown(item['arg1']))} | "
                f"{_md(shown(item['arg2']))} | {_md(shown(item.get('date')))} | {_md(category)} | "
                f"{_md(item.get('evidence_text', ''))} |"
            )
    if errors.get("unresolved_arguments"):
        out += ["", "### Unresolved arguments", ""]
        for item in errors["unresolved_arguments"]:
            out.append(
                f"- {_md(item.get('doc_id', ''))}: {_md(shown(item['argument']))} "
                f"({item['problem']})"
            )
    warnings = report.get("warnings", [])
    if warnings:
        out += ["", "### Warnings", ""] + [f"- {_md(w)}" for w in warnings]
    return "\n".join(out) + "\n"


def _compare_cells(row: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """A compared metric's F1 of A and of B, A - B (points) and p-value, as shown."""
    p = "—" if row["p_value"] is None else f"{row['p_value']:.4f}"
    return _pct(row["a"]), _pct(row["b"]), f"{100 * row['delta']:+.1f}", p


def render_compare(result: Mapping[str, Any]) -> str:
    """The comparison table: F1 of A and B, A - B and the randomization p-value."""
    out = [
        f"A: {safe(result['a'])}",
        f"B: {safe(result['b'])}",
        f"{result['test']} over {result['unit']} ({result['documents']} document(s) of split "
        f"{safe(result.get('split', '?'))}; dataset {safe(result.get('dataset_version', '?'))}, "
        f"guidelines {safe(result.get('guidelines_version', '?'))}), "
        f"{result['resamples']} resamples, seed {result['seed']}; p = (c + 1) / (R + 1)",
        "",
        f"{'metric':<24}{'A':>7}{'B':>7}{'A-B':>8}{'p':>9}",
    ]
    for metric, row in result["metrics"].items():
        if row is None:
            out.append(f"{metric:<24}  not submitted by both")
            continue
        a, b, delta, p = _compare_cells(row)
        out.append(f"{row['label']:<24}{a:>7}{b:>7}{delta:>8}{p:>9}")
    for warning in result.get("warnings", []):
        out.append(f"warning: {safe(warning)}")
    return "\n".join(out) + "\n"


def render_compare_markdown(result: Mapping[str, Any]) -> str:
    """The comparison in Markdown: the same rows as :func:`render_compare`, as a table."""
    out = [
        f"**envoy-bench compare** {_md(result.get('split', '?'))} split, "
        f"{result['documents']} document(s), dataset {_md(result.get('dataset_version', '?'))}, "
        f"guidelines {_md(result.get('guidelines_version', '?'))}",
        "",
        f"A: {_md(result['a'])}  ",
        f"B: {_md(result['b'])}",
        "",
        f"{_md(result['test'])} over {_md(result['unit'])}, {result['resamples']} resamples, "
        f"seed {result['seed']}; p = (c + 1) / (R + 1)",
        "",
        "| metric | A | B | A-B | p |",
        "|---|---:|---:|---:|---:|",
    ]
    for metric, row in result["metrics"].items():
        if row is None:
            out.append(f"| {_md(metric)} | | | | not submitted by both |")
            continue
        out.append(f"| {_md(row['label'])} | " + " | ".join(_compare_cells(row)) + " |")
    warnings = result.get("warnings", [])
    if warnings:
        out += ["", "### Warnings", "", *(f"- {_md(w)}" for w in warnings)]
    return "\n".join(out) + "\n"
