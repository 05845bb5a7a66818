"""`bench leaderboard`: entries rescored and ranked; a stale leaderboard.md fails --check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmark.leaderboard import build_leaderboard
from benchmark.model import load_documents
from benchmark.submission import document_to_json, submission_from_documents
from tests.conftest import SEED_ID

ROOT = Path(__file__).resolve().parent.parent


def _entry(root: Path, name: str, kind: str, lines: list[dict[str, object]]) -> None:
    folder = root / "submissions" / name
    folder.mkdir(parents=True)
    meta = {
        "name": name,
        "description": f"{name} entry",
        "authors": ["t"],
        "url": "",
        "date": "2026-01-01",
        "command": "n/a",
        "kind": kind,
    }
    (folder / "system.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "predictions.jsonl").write_text(
        "".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8"
    )


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "annotations", root / "annotations")
    docs = load_documents()
    perfect = [document_to_json(d) for d in submission_from_documents(docs).documents.values()]
    # half: the seed's first three relations, nothing elsewhere; zero: no relation at all
    half = [
        dict(p, relations=p["relations"][:3] if p["doc_id"] == SEED_ID else [])  # type: ignore[index]
        for p in perfect
    ]
    _entry(root, "zero", "baseline", [{"doc_id": d.id, "relations": []} for d in docs])
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
    assert "Dataset version 1.0.0, guidelines version 1.0" in text


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


def test_committed_leaderboard_is_current() -> None:
    """The repository's leaderboard.md equals a fresh `bench leaderboard`."""
    assert (ROOT / "leaderboard.md").read_text(encoding="utf-8") == build_leaderboard(ROOT)
