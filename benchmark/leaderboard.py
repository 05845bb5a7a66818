"""The generated leaderboard: every entry of ``submissions/`` rescored against the gold.

Each folder ``submissions/<name>/`` holds ``predictions.jsonl`` (the test split), optionally
``contrast.jsonl`` (the contrast split, scored per phenomenon) and ``system.json`` (name,
description, authors, url, date, command, kind: baseline / oracle / external, and the dataset and
guidelines versions it was made for). Entries are ranked by timed relation F1, then untimed
relation F1, then strict mention F1; oracle entries are marked and ranked apart, since they
are given part of the gold. The output is deterministic (no timestamps), so ``--check`` can
compare it byte for byte with the committed ``leaderboard.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmark.contrast import CATEGORIES
from benchmark.errors import Problem, SubmissionError
from benchmark.model import load_documents, read_manifest, resolve_root
from benchmark.scoring import load_gold, score
from benchmark.submission import read_submission

REQUIRED = ("name", "description", "authors", "url", "date", "command", "kind")
KINDS = ("baseline", "oracle", "external")
CONTRAST_FILE = "contrast.jsonl"


def leaderboard_path(root: Any = None) -> Path:
    return resolve_root(root) / "leaderboard.md"


def read_entries(root: Any = None) -> list[tuple[dict[str, Any], Path]]:
    """``(system.json, predictions path)`` of every entry, sorted by folder name."""
    entries = []
    for folder in sorted((resolve_root(root) / "submissions").iterdir()):
        if not folder.is_dir():
            continue
        meta_path = folder / "system.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise SubmissionError(
                f"{folder}: unreadable entry", [Problem(str(meta_path), None, None, str(exc))]
            ) from exc
        missing = [k for k in REQUIRED if k not in meta]
        if missing or meta.get("kind") not in KINDS:
            field = missing[0] if missing else "kind"
            raise SubmissionError(
                f"{folder}: incomplete entry",
                [Problem(str(meta_path), None, field, f"required; kind is one of {KINDS}")],
            )
        entries.append((meta, folder / "predictions.jsonl"))
    return entries


def _pct(score: dict[str, Any] | None) -> str:
    return "—" if score is None else f"{100 * score['f1']:.1f}"


def _ci(score: dict[str, Any]) -> str:
    return "—" if not score["ci95"] else "–".join(f"{100 * x:.1f}" for x in score["ci95"])


def _consistency(report: dict[str, Any] | None) -> str:
    if report is None or report.get("contrast") is None:
        return "—"
    k = report["contrast"]["consistency"]
    return f"{k['consistent']}/{k['groups']}"


def _contrast_section(
    rows: list[tuple[dict[str, Any], Any]], contrast: dict[str, Any], n_docs: int
) -> list[str]:
    """Per-phenomenon timed relation F1 on the contrast split, one row per entry."""
    if not contrast:
        return []
    categories = [
        c for c in CATEGORIES if any(c in r["contrast"]["categories"] for r in contrast.values())
    ]
    lines = [
        "",
        "## Contrast split, per phenomenon",
        "",
        f"{n_docs} team-written minimal edits of excerpts of the test article, in edit groups "
        "(`annotations/contrast/`). Timed relation F1 per category, and in brackets the share of "
        "its documents a system gets fully right; consistency is the number of edit groups whose "
        "every document is fully right (Gardner et al., 2020). A document with no actual relation "
        "(a negated call, a distractor) is fully right when nothing is predicted for it.",
        "",
        "| system | " + " | ".join(categories) + " |",
        "|---|" + "---:|" * len(categories),
    ]
    for meta, _ in rows:
        report = contrast.get(meta["name"])
        if report is None:
            continue
        cells = []
        for name in categories:
            c = report["contrast"]["categories"].get(name)
            cells.append(
                "—" if c is None else f"{_pct(c['timed'])} ({c['fully_right']}/{c['documents']})"
            )
        oracle = " (oracle)" if meta["kind"] == "oracle" else ""
        lines.append(f"| {meta['name']}{oracle} | " + " | ".join(cells) + " |")
    return lines


def build_leaderboard(root: Any = None) -> str:
    """The Markdown of ``leaderboard.md``."""
    manifest = read_manifest(root)
    base = None if root is None else resolve_root(root)
    gold = load_gold(base, "test")
    contrast_gold = load_documents(base, split="contrast")
    rows: list[tuple[dict[str, Any], Any]] = []
    contrast: dict[str, Any] = {}
    for meta, predictions in read_entries(root):
        report = score(gold, read_submission(predictions, gold), n_boot=1000, seed=0, details=False)
        rows.append((meta, report))
        contrast_path = predictions.with_name(CONTRAST_FILE)
        if contrast_gold and contrast_path.is_file():
            submission = read_submission(contrast_path, contrast_gold)
            contrast[meta["name"]] = score(
                contrast_gold, submission, n_boot=0, split="contrast", details=False
            )

    def key(item: tuple[dict[str, Any], Any]) -> tuple[Any, ...]:
        meta, r = item
        mentions = r["mentions"]["strict"]["f1"] if r["mentions"] else -1.0
        return (
            meta["kind"] == "oracle",
            -r["relations"]["timed"]["f1"],
            -r["relations"]["untimed"]["f1"],
            -mentions,
            meta["name"],
        )

    rows.sort(key=key)
    lines = [
        "# envoy-bench leaderboard",
        "",
        "<!-- generated by `bench leaderboard`; do not edit by hand -->",
        "",
        f"Dataset version {manifest['dataset_version']}, guidelines version "
        f"{manifest['guidelines_version']}; test split, {len(gold)} document(s). Ranked by timed "
        "relation F1 (95% bootstrap interval over documents), then untimed relation F1 and strict "
        "mention F1. Oracle entries are given gold mentions and timexes: an analysis aid, not a "
        "system, ranked apart.",
        "",
        "| # | system | kind | relations timed F1 | 95% CI | relations untimed F1 | "
        "mentions strict F1 | timexes relaxed F1 | timex value F1 | contrast timed F1 | "
        "contrast consistency |",
        "|---:|---|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    rank = 0
    for meta, r in rows:
        oracle = meta["kind"] == "oracle"
        rank_cell = "—" if oracle else str(rank := rank + 1)
        name = f"{meta['name']} (oracle)" if oracle else meta["name"]
        timexes = r["timexes"]
        c_report = contrast.get(meta["name"])
        lines.append(
            f"| {rank_cell} | {name} | {meta['kind']} | {_pct(r['relations']['timed'])} | "
            f"{_ci(r['relations']['timed'])} | {_pct(r['relations']['untimed'])} | "
            f"{_pct(r['mentions']['strict'] if r['mentions'] else None)} | "
            f"{_pct(timexes['relaxed'] if timexes else None)} | "
            f"{_pct(timexes['value'] if timexes else None)} | "
            f"{_pct(c_report['relations']['timed'] if c_report else None)} | "
            f"{_consistency(c_report)} |"
        )
    lines += _contrast_section(rows, contrast, len(contrast_gold))
    lines += ["", "## Entries", ""]
    for meta, _ in rows:
        lines.append(
            f"- **{meta['name']}** ({meta['kind']}): {meta['description']} — by "
            f"{', '.join(meta['authors'])}; reproduce with `{meta['command']}`"
            + (f" and `{meta['contrast_command']}`." if meta.get("contrast_command") else ".")
        )
    lines += [
        "",
        "## How to submit",
        "",
        "1. Run your system over the test split and write a submission file (format in the "
        "README); check it with `bench score --check predictions.jsonl`. Run it over the "
        "contrast split too (`contrast.jsonl`, checked with `bench score --split contrast "
        "--check contrast.jsonl`).",
        "2. Add a folder `submissions/<your-system>/` with `predictions.jsonl`, `contrast.jsonl` "
        "and `system.json` "
        f"(fields: {', '.join(REQUIRED)}, `dataset_version`, `guidelines_version`; kind "
        "`external`).",
        "3. Run `bench leaderboard` and open a pull request with the folder and the regenerated "
        "`leaderboard.md`; CI runs `bench leaderboard --check`.",
        "",
    ]
    return "\n".join(lines)
