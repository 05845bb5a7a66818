"""Text renderings of score and comparison reports: an 80-column table and Markdown.

Pure functions from report dicts to strings; the CLI only prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from benchmark.safety import terminal_cell

WIDTH = 80


def _fmt(x: float) -> str:
    return f"{100 * x:5.1f}"


def _ci(score: dict[str, Any]) -> str:
    lo, hi = score["ci95"]
    return f"[{100 * lo:4.1f}, {100 * hi:5.1f}]"


def _count(x: float) -> str:
    return f"{x:g}"


def _score_rows(report: Mapping[str, Any]) -> list[tuple[str, dict[str, Any] | None, str]]:
    """(label, score or None, note) rows of the headline table."""
    rows: list[tuple[str, dict[str, Any] | None, str]] = []
    rel = report["relations"]
    note = "" if rel.get("submitted", True) else "not submitted"
    rows.append(("relations timed", rel["timed"], note))
    rows.append(("relations untimed", rel["untimed"], note))
    rows.append(("relations timed (lenient date)", rel["timed_lenient"], note))
    rows.append(("relations evidence", rel["evidence"], "" if rel["evidence"] else "not submitted"))
    mentions = report["mentions"]
    for scheme in ("strict", "exact", "partial", "type"):
        rows.append((f"mentions {scheme}", mentions[scheme] if mentions else None, "not submitted"))
    timexes = report["timexes"]
    for key in ("strict", "relaxed", "value"):
        rows.append((f"timexes {key}", timexes[key] if timexes else None, "not submitted"))
    return rows


def render_table(report: Mapping[str, Any], max_errors: int = 10) -> str:
    """The default output: headline scores, per type, error categories, in 80 columns."""
    out = [
        f"envoy-bench {report.get('split', 'test')} split: {report['documents']} document(s); "
        f"dataset {report['dataset_version']}, guidelines {report['guidelines_version']}",
        "",
        f"{'metric':<32}{'P':>6}{'R':>7}{'F1':>7}  {'95% CI':<14}{'tp/fp/fn':>12}",
        "-" * 78,
    ]
    for label, score, note in _score_rows(report):
        if score is None:
            out.append(f"{label:<32}{note:>46}")
            continue
        counts = "/".join(_count(score[k]) for k in ("tp", "fp", "fn"))
        tail = f"  {_ci(score):<14}{counts:>12}"
        if len(counts) > 12:  # half credits ("327.5/4.5/36.5"): a tighter CI, still 80 columns
            ci = _ci(score).replace(",  ", ", ")
            tail = f" {ci} {counts:>{26 - len(ci)}}"
        out.append(
            f"{label:<32}{_fmt(score['precision']):>6}{_fmt(score['recall']):>7}"
            f"{_fmt(score['f1']):>7}{tail}"
        )
    rel = report["relations"]
    out.append(f"{'relations macro-F1 (timed)':<32}{'':>13}{_fmt(rel['macro_f1']):>7}")
    timexes = report["timexes"]
    if timexes:
        out.append(
            f"timex value accuracy {_fmt(timexes['value_accuracy'])}   "
            f"type accuracy {_fmt(timexes['type_accuracy'])}  (over relaxed matches)"
        )
    out += ["", f"{'relation type':<16}{'untimed F1':>12}{'timed F1':>10}{'tp/fp/fn (timed)':>20}"]
    for rtype, layers in rel["per_type"].items():
        t = layers["timed"]
        counts = "/".join(_count(t[k]) for k in ("tp", "fp", "fn"))
        out.append(f"{rtype:<16}{_fmt(layers['untimed']['f1']):>12}{_fmt(t['f1']):>10}{counts:>20}")
    contrast = report.get("contrast")
    if contrast:
        out += [
            "",
            f"{'contrast category':<20}{'docs':>6}{'fully right':>13}{'timed F1':>10}"
            f"{'untimed F1':>12}{'tp/fp/fn (timed)':>17}",
        ]
        for name, c in contrast["categories"].items():
            t = c["timed"]
            counts = "/".join(_count(t[k]) for k in ("tp", "fp", "fn"))
            out.append(
                f"{name:<20}{c['documents']:>6}{c['fully_right']:>13}{_fmt(t['f1']):>10}"
                f"{_fmt(c['untimed']['f1']):>12}{counts:>17}"
            )
        k = contrast["consistency"]
        out.append(
            f"contrast consistency {_fmt(k['share']).strip()} "
            f"({k['consistent']} of {k['groups']} edit groups fully right)"
        )
    errors = report["errors"]
    if errors["fp_categories"] or errors["fn_categories"]:
        fp = ", ".join(f"{k} {v}" for k, v in errors["fp_categories"].items()) or "none"
        fn = ", ".join(f"{k} {v}" for k, v in errors["fn_categories"].items()) or "none"
        out += ["", f"false positives: {fp}", f"false negatives: {fn}"]
    shown = errors["false_negatives"][:max_errors] + errors["false_positives"][:max_errors]
    for item in shown:
        kind = "FN" if item in errors["false_negatives"] else "FP"
        line = terminal_cell(  # names and dates come from the submission
            f"  {kind} {item['type']}({item['arg1']}, {item['arg2']}) {item.get('date')} "
            f"[{item['category']}]"
        )
        out.append(line[: WIDTH - 1])
    grounding = report.get("grounding", {})
    if any(grounding.values()):
        out += ["", "grounding: " + ", ".join(f"{k} {v}" for k, v in grounding.items())]
    for warning in report.get("warnings", []):
        out.append(terminal_cell(f"warning: {warning}")[: WIDTH - 1])
    return "\n".join(out) + "\n"


def render_markdown(report: Mapping[str, Any]) -> str:
    """A Markdown table of the headline scores and per-type rows."""
    out = [
        f"**envoy-bench** {report.get('split', 'test')} split, {report['documents']} document(s), "
        f"dataset {report['dataset_version']}, guidelines {report['guidelines_version']}",
        "",
        "| metric | P | R | F1 | 95% CI | tp | fp | fn |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for label, score, note in _score_rows(report):
        if score is None:
            out.append(f"| {label} | | | | {note} | | | |")
            continue
        out.append(
            f"| {label} | {_fmt(score['precision']).strip()} | {_fmt(score['recall']).strip()} | "
            f"{_fmt(score['f1']).strip()} | {_ci(score)} | {_count(score['tp'])} | "
            f"{_count(score['fp'])} | {_count(score['fn'])} |"
        )
    out += ["", "| relation type | untimed F1 | timed F1 |", "|---|---:|---:|"]
    for rtype, layers in report["relations"]["per_type"].items():
        out.append(
            f"| {rtype} | {_fmt(layers['untimed']['f1']).strip()} | "
            f"{_fmt(layers['timed']['f1']).strip()} |"
        )
    contrast = report.get("contrast")
    if contrast:
        out += [
            "",
            "| contrast category | documents | fully right | timed F1 | untimed F1 |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, c in contrast["categories"].items():
            out.append(
                f"| {name} | {c['documents']} | {c['fully_right']} | "
                f"{_fmt(c['timed']['f1']).strip()} | {_fmt(c['untimed']['f1']).strip()} |"
            )
        k = contrast["consistency"]
        out.append(
            f"\nContrast consistency: {_fmt(k['share']).strip()} "
            f"({k['consistent']} of {k['groups']} edit groups fully right)."
        )
    return "\n".join(out) + "\n"


def render_compare(result: dict[str, Any]) -> str:
    out = [
        f"A: {result['a']}",
        f"B: {result['b']}",
        f"paired bootstrap over {result['documents']} document(s), {result['n_boot']} resamples, "
        f"seed {result['seed']}",
        "",
        f"{'metric':<24}{'A':>7}{'B':>7}{'A-B':>8}  {'95% CI of A-B':<18}{'p':>7}",
        "-" * 78,
    ]
    for metric, row in result["metrics"].items():
        if row is None:
            out.append(f"{metric:<24}{'not submitted by both':>47}")
            continue
        lo, hi = row["delta_ci95"]
        out.append(
            f"{row['label']:<24}{_fmt(row['a']):>7}{_fmt(row['b']):>7}"
            f"{100 * row['delta']:+8.1f}  [{100 * lo:+5.1f}, {100 * hi:+5.1f}]{'':<4}"
            f"{row['p_value']:>7.3f}"
        )
    return "\n".join(out) + "\n"
