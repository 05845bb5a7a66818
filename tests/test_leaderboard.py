"""`bench leaderboard`: entries rescored and ranked; a stale leaderboard.md fails --check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmark.leaderboard import build_leaderboard
from benchmark.model import load_documents
from benchmark.submission import document_to_json, submission_from_documents

ROOT = Path(__file__).resolve().parent.parent


MANIFEST = json.loads((ROOT / "annotations" / "manifest.json").read_text(encoding="utf-8"))


def _lines(docs: list[Any]) -> list[dict[str, Any]]:
    """The gold of ``docs`` as submission lines."""
    sub = submission_from_documents(docs)
    return [document_to_json(sub.documents[d.id]) for d in docs]


def _entry(
    root: Path,
    name: str,
    kind: str,
    lines: list[dict[str, Any]],
    version: str = MANIFEST["dataset_version"],
) -> Path:
    folder = root / "submissions" / name
    folder.mkdir(parents=True)
    meta = {
        "dataset_version": version,
        "name": name,
        "description": f"{name} entry",
        "authors": ["t"],
        "url": "",
        "date": "2026-01-01",
        # baseline and oracle kinds are reserved for the project's own systems
        "command": {
            "baseline": "bench predict --system rules",
            "oracle": "bench predict --system oracle-mentions",
        }.get(kind, "n/a"),
        "kind": kind,
    }
    (folder / "system.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "predictions.jsonl").write_text(
        "".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8"
    )
    return folder


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "annotations", root / "annotations")
    perfect = _lines(load_documents(root))
    half = [dict(x, relations=x["relations"][: len(x["relations"]) // 2]) for x in perfect]
    _entry(root, "zero", "baseline", [{"doc_id": x["doc_id"], "relations": []} for x in perfect])
    _entry(root, "perfect", "external", perfect)
    _entry(root, "half", "baseline", half)
    _entry(root, "peek", "oracle", perfect)
    return root


def test_entries_are_ranked_by_timed_relation_f1_with_oracles_apart(tmp_path: Path) -> None:
    """perfect (F1 1.0) > half > zero; the oracle has no rank and comes last."""
    text = build_leaderboard(_root(tmp_path))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    ranked = [(r.split("|")[1].strip(), r.split("|")[2].strip()) for r in rows[1:]]
    assert [("1", "perfect"), ("2", "half"), ("3", "zero"), ("—", "peek (oracle)")] == ranked
    assert "| 1 | perfect | external | 100.0 |" in text
    assert (
        f"Dataset version {MANIFEST['dataset_version']}, "
        f"guidelines version {MANIFEST['guidelines_version']}"
    ) in text


def _row(text: str, name: str) -> list[str]:
    line = next(x for x in text.splitlines() if x.startswith("| ") and f"| {name} |" in x)
    return [cell.strip() for cell in line.split("|")[1:-1]]


def test_entries_with_missing_documents_or_an_old_version_are_marked(tmp_path: Path) -> None:
    """A contrast file that leaves a document out, and an entry made for another dataset
    version, are scored all the same and say so in their notes; a complete entry says nothing."""
    root = tmp_path / "root"
    root.mkdir()
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "annotations", root / "annotations")
    test = _lines(load_documents(root))
    contrast = _lines(load_documents(root, split="contrast"))
    gappy = _entry(root, "gappy", "baseline", test)
    (gappy / "contrast.jsonl").write_text(
        "".join(json.dumps(x) + "\n" for x in contrast[1:]), encoding="utf-8"
    )
    _entry(root, "old", "baseline", test, version="0.9.0")
    _entry(root, "fine", "baseline", test)
    text = build_leaderboard(root)
    assert f"contrast: 1 of {len(contrast)} documents missing" == _row(text, "gappy")[-1]
    assert "made for dataset 0.9.0" == _row(text, "old")[-1]
    assert "—" == _row(text, "fine")[-1]


def test_check_fails_on_a_stale_leaderboard(tmp_path: Path) -> None:
    """--check exits 1 before `bench leaderboard` has run, 0 after."""
    root = _root(tmp_path)
    env = {**os.environ, "ENVOY_BENCH_ROOT": str(root)}

    def bench(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "benchmark", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    assert 1 == bench("leaderboard", "--check").returncode
    assert 0 == bench("leaderboard").returncode
    assert 0 == bench("leaderboard", "--check").returncode
    (root / "leaderboard.md").write_text("edited by hand\n", encoding="utf-8")
    assert 1 == bench("leaderboard", "--check").returncode


@pytest.mark.parametrize("split", ["dev", "contrast"])
def test_leaderboard_refuses_draft_gold_of_the_other_splits_it_shows(
    tmp_path: Path, monkeypatch: Any, split: str
) -> None:
    """An unreviewed dev or contrast document stops `bench leaderboard` too (exit 2, the split
    and the document named, the scoring command for that split suggested), before any file is
    written."""
    from tests.conftest import mark_unreviewed, run_bench

    root = _root(tmp_path)
    path = sorted((root / "annotations" / split).glob("*.jsonl"))[0]
    mark_unreviewed(path)
    monkeypatch.setenv("ENVOY_BENCH_ROOT", str(root))
    run = run_bench("leaderboard")
    assert 2 == run.returncode and "Traceback" not in run.stderr
    assert f"the {split} gold" in run.stderr and f"({path.stem})" in run.stderr
    assert f"bench score --allow-unreviewed --split {split}" in run.stderr
    assert not (root / "leaderboard.md").exists()


def test_committed_leaderboard_is_current() -> None:
    """The repository's leaderboard.md equals a fresh `bench leaderboard`."""
    assert (ROOT / "leaderboard.md").read_text(encoding="utf-8") == build_leaderboard(ROOT)


def test_leaderboard_over_draft_test_gold_names_only_remedies_that_exist(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """With an unreviewed test document, `bench leaderboard` exits 2 and suggests `bench review`
    and `bench score --allow-unreviewed`, never a --allow-unreviewed of its own (it has none)."""
    from tests.conftest import mark_unreviewed, run_bench, seed_gold

    root = _root(tmp_path)
    gold = seed_gold(root)
    mark_unreviewed(gold)
    monkeypatch.setenv("ENVOY_BENCH_ROOT", str(root))
    run = run_bench("leaderboard")
    assert 2 == run.returncode, run.stderr
    assert "bench review" in run.stderr
    assert "bench score --allow-unreviewed" in run.stderr
    assert "or pass --allow-unreviewed" not in run.stderr
    assert "--allow-unreviewed" not in run_bench("leaderboard", "--help").stdout.split("Options")[1]
    assert not (root / "leaderboard.md").exists()
