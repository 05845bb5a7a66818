"""A plain (non-editable) install carries the seeds and the gold: the CLI works anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import raw_metadata

ROOT = Path(__file__).resolve().parent.parent


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
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python, bench = venv / "bin" / "python", venv / "bin" / "bench"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # the installed copy only: a PYTHONPATH (a clone's code) would shadow it
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ENVOY_BENCH_ROOT")}

    def run(*args: str) -> str:
        done = subprocess.run(
            list(args), cwd=elsewhere, env=clean, capture_output=True, text=True, check=False
        )
        assert 0 == done.returncode, done.stderr
        return done.stdout

    where = run(str(python), "-c", "import benchmark; print(benchmark.__file__)")
    assert where.startswith(str(venv)), where
    assert run(str(bench), "validate").startswith("OK: ")
    assert run(str(bench), "stats").startswith("documents")
    rows = run(str(python), "-c", "import benchmark; print(benchmark.load()['test'].num_rows)")
    tests = sum(1 for m in raw_metadata(ROOT).values() if m["split"] == "test")
    assert str(tests) == rows.strip().splitlines()[-1]

    # Inside a clone, the installed CLI works on the clone: a stale leaderboard.md there is seen.
    clone = tmp_path / "clone"
    for name in ("seeds", "annotations", "submissions"):
        shutil.copytree(ROOT / name, clone / name)
    for name in ("pyproject.toml", "leaderboard.md"):
        shutil.copy(ROOT / name, clone / name)
    check = [str(bench), "leaderboard", "--check"]
    fresh = subprocess.run(
        check, cwd=clone / "annotations", env=clean, capture_output=True, text=True
    )
    assert (0, f"{clone / 'leaderboard.md'} is up to date.") == (
        fresh.returncode,
        fresh.stdout.strip(),
    ), fresh.stderr
    (clone / "leaderboard.md").write_text("edited by hand\n", encoding="utf-8")
    stale = subprocess.run(check, cwd=clone, env=clean, capture_output=True, text=True)
    assert 1 == stale.returncode
