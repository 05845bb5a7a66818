"""A plain (non-editable) install carries the seeds and the gold: the CLI works anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "000_8dbbdfc2a546922b"


@pytest.mark.slow
def test_installed_wheel_works_from_any_directory(tmp_path: Path) -> None:
    """Build the wheel, install it into a fresh venv, and run the CLI from an empty folder."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = list(wheels.glob("envoy_bench-*.whl"))
    # Installed with --target rather than into a new venv: a venv made from inside another venv
    # would not see the outer one's dependencies (typer...). PYTHONPATH puts the wheel's copy
    # ahead of any other install of the package, editable ones included.
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        check=True,
        capture_output=True,
    )
    python = sys.executable
    bench = [python, "-m", "benchmark"]
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("ENVOY_BENCH_ROOT", None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def call(*args: str, cwd: Path = elsewhere) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True)

    def run(*args: str) -> str:
        done = call(*args)
        assert 0 == done.returncode, done.stderr
        return done.stdout

    where = run(python, "-c", "import benchmark; print(benchmark.__file__)")
    assert where.startswith(str(target)), where
    assert run(*bench, "validate").startswith("OK: ")
    assert run(*bench, "stats").startswith("documents")
    shipped = len(list((ROOT / "annotations" / "test").glob("*.jsonl")))
    rows = run(python, "-c", "import benchmark; print(benchmark.load()['test'].num_rows)")
    assert str(shipped) == rows.strip().splitlines()[-1]

    # Outside a clone the gold is the package's own copy, which no command may change.
    info = json.loads(run(*bench, "info", "--format", "json"))
    assert (False, str(target / "benchmark" / "_data")) == (info["writable"], info["root"])
    gold = target / "benchmark" / "_data" / "annotations" / "test" / f"{SEED_ID}.jsonl"
    before = gold.read_bytes()
    refused = call(*bench, "preannotate", SEED_ID, "--overwrite")
    assert 2 == refused.returncode
    assert "inside the installed package" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert before == gold.read_bytes()
    # the lm-evaluation-harness tasks ship in the wheel: the include path is the installed copy
    tasks = Path(run(*bench, "harness-path").strip())
    assert tasks.is_relative_to(target), tasks
    assert {"envoy_bench.yaml", "utils.py"} <= {p.name for p in tasks.iterdir()}

    # Inside a clone, the installed CLI works on the clone: a stale leaderboard.md there is seen.
    clone = tmp_path / "clone"
    for name in ("seeds", "annotations", "submissions"):
        shutil.copytree(ROOT / name, clone / name)
    for name in ("pyproject.toml", "leaderboard.md"):
        shutil.copy(ROOT / name, clone / name)
    assert str(clone) == json.loads(call(*bench, "info", "-f", "json", cwd=clone).stdout)["root"]
    check = [*bench, "leaderboard", "--check"]
    fresh = call(*check, cwd=clone / "annotations")
    assert (0, f"{clone / 'leaderboard.md'} is up to date.") == (
        fresh.returncode,
        fresh.stdout.strip(),
    ), fresh.stderr
    (clone / "leaderboard.md").write_text("edited by hand\n", encoding="utf-8")
    stale = call(*check, cwd=clone)
    assert 1 == stale.returncode
