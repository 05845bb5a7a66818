"""The generated leaderboard: every entry of ``submissions/`` rescored against the gold.

Each folder ``submissions/<name>/`` holds ``predictions.jsonl`` (the test split), optionally
``dev.jsonl`` (the dev split) and ``contrast.jsonl`` (the contrast split, scored per
phenomenon), and ``system.json`` (name, description, authors, url, date, command, kind:
baseline / oracle / external, and the dataset and guidelines versions it was made for).
Entries are ranked by timed relation F1 on test, then untimed relation F1, then strict mention
F1; oracle entries are marked and ranked apart, since they are given part of the gold. The
three splits are reported side by side. An entry whose file leaves out documents of a split,
or that was made for another dataset version, is scored all the same and marked in its row
(a left-out document counts as predicting nothing), so a stale entry is never silently
compared with a current one. The output is deterministic (no timestamps), so ``--check`` can
compare it byte for byte with the committed ``leaderboard.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmark.contrast import CATEGORIES
from benchmark.errors import Problem, SubmissionError
from benchmark.model import load_documents, read_manifest, resolve_root
from benchmark.safety import markdown_code, markdown_text
from benchmark.scoring import load_gold, score
from benchmark.scoring.gold import refuse_drafts
from benchmark.submission import read_submission

REQUIRED = ("name", "description", "authors", "url", "date", "command", "kind")
OPTIONAL_TEXT = ("dataset_version", "guidelines_version", "contrast_command")
KINDS = ("baseline", "oracle", "external")
CONTRAST_FILE = "contrast.jsonl"
#: The file of each split in an entry's folder.
SPLIT_FILES = {"test": "predictions.jsonl", "dev": "dev.jsonl", "contrast": CONTRAST_FILE}


def leaderboard_hint(split: str) -> str:
    """How a leaderboard over draft gold is refused: it is never built from drafts, of any
    split it shows."""
    option = "" if split == "test" else f" --split {split}"
    return (
        "; the leaderboard is built from reviewed gold only (it has no --allow-unreviewed). To "
        f"see an entry's scores against the drafts, run `bench score --allow-unreviewed{option} "
        f"submissions/NAME/{SPLIT_FILES[split]}`"
    )


def leaderboard_path(root: Any = None) -> Path:
    return resolve_root(root) / "leaderboard.md"


def _system_of(command: str) -> str | None:
    """The system a ``bench predict --system S ...`` command runs, else None."""
    import shlex

    try:
        words = shlex.split(command)
    except ValueError:
        return None
    if words[:2] != ["bench", "predict"]:
        return None
    for i, word in enumerate(words):
        if word == "--system" and i + 1 < len(words):
            return words[i + 1]
        if word.startswith("--system="):
            return word.split("=", 1)[1]
    return None


def check_entry(meta: Any, path: Path) -> list[Problem]:
    """Problems of one ``system.json``: shape, field types, and a ``kind`` it may claim.

    ``baseline`` and ``oracle`` are reserved for the project's own systems: the entry's command
    must be ``bench predict --system S`` with S one of :data:`benchmark.baselines.SYSTEMS`, an
    oracle system (its name starts with ``oracle``) for ``oracle`` and any other for
    ``baseline``. Every other entry is ``external``.
    """
    from benchmark.baselines import SYSTEMS

    where = str(path)
    if not isinstance(meta, dict):
        return [Problem(where, None, None, "expected a JSON object")]
    problems = [
        Problem(where, None, k, "required field is missing") for k in REQUIRED if k not in meta
    ]
    for key in (*REQUIRED, *OPTIONAL_TEXT):
        if key == "authors" or key not in meta:
            continue
        if not isinstance(meta[key], str):
            problems.append(Problem(where, None, key, "expected a string"))
    authors = meta.get("authors")
    if "authors" in meta and (
        not isinstance(authors, list) or not authors or not all(isinstance(a, str) for a in authors)
    ):
        problems.append(Problem(where, None, "authors", "expected a non-empty list of strings"))
    if isinstance(meta.get("name"), str) and not meta["name"].strip():
        problems.append(Problem(where, None, "name", "must not be empty"))
    kind = meta.get("kind")
    if "kind" in meta and kind not in KINDS:
        problems.append(Problem(where, None, "kind", f"must be one of {', '.join(KINDS)}"))
    elif kind in ("baseline", "oracle") and isinstance(meta.get("command"), str):
        system = _system_of(meta["command"])
        if system not in SYSTEMS or (kind == "oracle") != system.startswith("oracle"):
            problems.append(
                Problem(
                    where,
                    None,
                    "kind",
                    f"{kind!r} is reserved for the project's own "
                    f"{'oracle' if kind == 'oracle' else 'baseline'} systems (a command "
                    "`bench predict --system NAME`); any other entry is 'external'",
                )
            )
    return problems


def read_entries(root: Any = None) -> list[tuple[dict[str, Any], Path]]:
    """``(system.json, predictions path)`` of every entry, sorted by folder name."""
    entries = []
    problems: list[Problem] = []
    names: dict[str, Path] = {}
    for folder in sorted((resolve_root(root) / "submissions").iterdir()):
        if not folder.is_dir():
            continue
        meta_path = folder / "system.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(Problem(str(meta_path), None, None, f"unreadable: {exc}"))
            continue
        found = check_entry(meta, meta_path)
        if not found:
            if meta["name"] in names:
                found.append(
                    Problem(str(meta_path), None, "name", f"already used by {names[meta['name']]}")
                )
            names[meta["name"]] = meta_path
        problems += found
        entries.append((meta, folder / "predictions.jsonl"))
    if problems:
        raise SubmissionError("leaderboard entries are invalid", problems)
    return entries


def _pct(score: dict[str, Any] | None) -> str:
    return "—" if score is None else f"{100 * score['f1']:.1f}"


def _ci(score: dict[str, Any]) -> str:
    if score.get("ci95") is None:
        return "n/a"
    lo, hi = score["ci95"]
    return f"{100 * lo:.1f}–{100 * hi:.1f}"


def _notes(meta: dict[str, Any], reports: dict[str, Any], version: str) -> str:
    """What a reader must know before comparing this row with the others."""
    notes = []
    made_for = meta.get("dataset_version")
    if made_for != version:
        notes.append(f"made for dataset {made_for or 'unknown'}")
    for split, report in reports.items():
        missing = len(report["errors"]["missing_documents"])
        if missing:
            notes.append(f"{split}: {missing} of {report['documents']} documents missing")
    return "; ".join(notes) or "—"


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
        "(`annotations/contrast-specs/`). Timed relation F1 per category, and in brackets the "
        "share of its documents a system gets fully right; consistency is the number of edit "
        "groups whose every document is fully right (Gardner et al., 2020). A document with no "
        "actual relation (a negated call, a distractor) is fully right when nothing is predicted "
        "for it.",
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
        lines.append(f"| {markdown_text(meta['name'])}{oracle} | " + " | ".join(cells) + " |")
    return lines


def build_leaderboard(root: Any = None) -> str:
    """The Markdown of ``leaderboard.md``."""
    manifest = read_manifest(root)
    base = None if root is None else resolve_root(root)
    gold = load_gold(base, "test", allow_unreviewed=True)
    other_gold = {split: load_documents(base, split=split) for split in ("dev", "contrast")}
    # The leaderboard is the benchmark's published result: it has no --allow-unreviewed.
    for split, docs in {"test": gold, **other_gold}.items():
        refuse_drafts(
            split,
            base or "the data root",
            [d.id for d in docs if d.status != "reviewed"],
            hint=leaderboard_hint(split),
        )
    rows: list[tuple[dict[str, Any], Any]] = []
    contrast: dict[str, Any] = {}
    by_split: dict[str, dict[str, Any]] = {}
    for meta, predictions in read_entries(root):
        report = score(gold, read_submission(predictions, gold), n_boot=1000, seed=0, details=False)
        rows.append((meta, report))
        reports: dict[str, Any] = {"test": report}
        for split, docs in other_gold.items():
            path = predictions.with_name(SPLIT_FILES[split])
            if docs and path.is_file():
                reports[split] = score(
                    docs, read_submission(path, docs), n_boot=0, split=split, details=False
                )
        by_split[meta["name"]] = reports
        if "contrast" in reports:
            contrast[meta["name"]] = reports["contrast"]

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
    version = manifest["dataset_version"]
    counts = ", ".join(
        f"{split} {len(docs)}" for split, docs in {"test": gold, **other_gold}.items() if docs
    )
    lines = [
        "# envoy-bench leaderboard",
        "",
        "<!-- generated by `bench leaderboard`; do not edit by hand -->",
        "",
        f"Dataset version {version}, guidelines version {manifest['guidelines_version']}; "
        f"documents per split: {counts}. Ranked by timed relation F1 on the test split (95% "
        "interval as the scorer reports it; n/a where the split has too few documents for "
        "one), then untimed relation F1 and strict mention F1. Dev and contrast are shown beside "
        "test: the dev split is for development, so a dev figure says how a system was tuned, "
        "not how it generalises. Oracle entries are given gold mentions and timexes: an analysis "
        "aid, not a system, ranked apart. Notes mark entries made for another dataset version "
        "or whose files leave documents out (scored as predicting nothing).",
        "",
        "| # | system | kind | test timed F1 | 95% CI | test untimed F1 | "
        "mentions strict F1 | timex value F1 | dev timed F1 | contrast timed F1 | "
        "contrast consistency | notes |",
        "|---:|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    rank = 0
    for meta, r in rows:
        oracle = meta["kind"] == "oracle"
        rank_cell = "—" if oracle else str(rank := rank + 1)
        name = markdown_text(meta["name"]) + (" (oracle)" if oracle else "")
        timexes = r["timexes"]
        reports = by_split[meta["name"]]
        dev = reports.get("dev")
        c_report = reports.get("contrast")
        lines.append(
            f"| {rank_cell} | {name} | {markdown_text(meta['kind'])} | "
            f"{_pct(r['relations']['timed'])} | "
            f"{_ci(r['relations']['timed'])} | {_pct(r['relations']['untimed'])} | "
            f"{_pct(r['mentions']['strict'] if r['mentions'] else None)} | "
            f"{_pct(timexes['value'] if timexes else None)} | "
            f"{_pct(dev['relations']['timed'] if dev else None)} | "
            f"{_pct(c_report['relations']['timed'] if c_report else None)} | "
            f"{_consistency(c_report)} | {_notes(meta, reports, version)} |"
        )
    lines += _contrast_section(rows, contrast, len(other_gold["contrast"]))
    lines += ["", "## Entries", ""]
    for meta, _ in rows:
        contrast_command = meta.get("contrast_command")
        lines.append(
            f"- **{markdown_text(meta['name'])}** ({meta['kind']}): "
            f"{markdown_text(meta['description'])} — by "
            f"{markdown_text(', '.join(meta['authors']))}; reproduce with "
            f"{markdown_code(meta['command'])}"
            + (f" and {markdown_code(contrast_command)}." if contrast_command else ".")
        )
    lines += [
        "",
        "## How to submit",
        "",
        "1. Run your system over the test split and write a submission file (format in the "
        "README); check it with `bench score --check predictions.jsonl`. Run it over the "
        "dev and contrast splits too (`dev.jsonl` and `contrast.jsonl`, checked with "
        "`bench score --split dev --check dev.jsonl` and likewise for contrast).",
        "2. Add a folder `submissions/<your-system>/` with `predictions.jsonl`, `dev.jsonl`, "
        "`contrast.jsonl` and `system.json` "
        f"(fields: {', '.join(REQUIRED)}, `dataset_version`, `guidelines_version`; kind "
        "`external`).",
        "3. Run `bench leaderboard` and open a pull request with the folder and the regenerated "
        "`leaderboard.md`; CI runs `bench leaderboard --check`.",
        "",
    ]
    return "\n".join(lines)
