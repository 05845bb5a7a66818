"""Shared fixtures: a private copy of the shipped data root that a test may break."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "000_8dbbdfc2a546922b"


def run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m benchmark ARGS`` as a process, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "benchmark", *args], capture_output=True, text=True, check=False
    )


def refusal(run: subprocess.CompletedProcess[str], expected: str) -> tuple[int, bool, bool]:
    """What a test of a refused input checks of a run: its exit code, whether stderr holds
    ``expected``, and whether it holds a traceback."""
    return run.returncode, expected in run.stderr, "Traceback" in run.stderr


def seed_gold(root: Path) -> Path:
    """The seed's gold file in a data root."""
    return root / "annotations" / "test" / f"{SEED_ID}.jsonl"


def mark_unreviewed(gold: Path) -> None:
    """Make an annotation file a draft: its document record's status ``unreviewed``."""
    import json

    lines = gold.read_text(encoding="utf-8").splitlines(keepends=True)
    head = json.loads(lines[0])
    head["status"] = "unreviewed"
    gold.write_text(json.dumps(head) + "\n" + "".join(lines[1:]), encoding="utf-8")


def point_first_mention_at(gold: Path, entity: str) -> tuple[int, str]:
    """Make the first mention of an annotation file name ``entity`` (an entity it lacks, to
    break the gold): that record's line number and mention id."""
    import json

    lines = gold.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, x in enumerate(lines, 1) if '"record": "mention"' in x)
    record = json.loads(lines[number - 1])
    record["entity"] = entity
    lines[number - 1] = json.dumps(record) + "\n"
    gold.write_text("".join(lines), encoding="utf-8")
    return number, record["id"]


def seed_text(root: Path) -> Path:
    return root / "seeds" / "test" / f"{SEED_ID}.txt"


def raw_metadata(root: Path = REPO) -> dict[str, dict[str, str]]:
    """Every metadata line of a data root by id, read with json alone (not the library)."""
    out = {}
    for path in sorted((root / "seeds").glob("*/metadata.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out[json.loads(line)["id"]] = json.loads(line)
    return out


def raw_gold_files(root: Path = REPO) -> list[Path]:
    """Every gold file of a data root (one folder per split), found without the library."""
    splits = sorted(p.parent.name for p in (root / "seeds").glob("*/metadata.jsonl"))
    return sorted(f for split in splits for f in (root / "annotations" / split).glob("*.jsonl"))


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A copy of the shipped seeds and annotations in a temporary data root."""
    root = tmp_path / "data"
    root.mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(
        REPO / "annotations", root / "annotations", ignore=shutil.ignore_patterns("agreement")
    )
    return root


def command_folder(folder: Path) -> Path:
    """A folder holding `bench` and `python` commands that run this interpreter, to put first
    on PATH when a test runs documented shell commands. Wrappers, not symlinks: a symlinked
    venv interpreter starts as the base Python, outside the venv."""
    folder.mkdir()
    for name, args in (("bench", " -m benchmark"), ("python", "")):
        (folder / name).write_text(f'#!/bin/sh\nexec "{sys.executable}"{args} "$@"\n')
        (folder / name).chmod(0o755)
    return folder
