"""Safety review (issue 12): nothing the user owns is destroyed, untrusted input stays contained.

Each test reproduces one finding of the review against hostile input, kills or races.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from benchmark.errors import UsageError
from benchmark.outdir import MARKER, check_target, lock, recover, replace_folder

REPO = Path(__file__).resolve().parent.parent


def _bench(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **env}
    return subprocess.run(
        [sys.executable, "-m", "benchmark", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=environment,
    )


# --------------------------------------------------------------------------- bench build --out


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_refuses_a_folder_that_is_not_a_build_and_leaves_it_untouched(tmp_path: Path) -> None:
    """`bench build --out DIR` on a folder with other content exits 2, names it, deletes nothing."""
    thesis = tmp_path / "thesis"
    (thesis / "chapters").mkdir(parents=True)
    (thesis / "chapters" / "one.tex").write_text("years of work", encoding="utf-8")
    before = _tree(thesis)
    result = _bench("build", "--out", str(thesis))
    assert 2 == result.returncode
    assert "not an earlier bench build" in result.stderr and str(thesis) in result.stderr
    assert "Traceback" not in result.stderr
    assert before == _tree(thesis)
    assert ["thesis"] == sorted(p.name for p in tmp_path.iterdir())


def test_build_out_dot_inside_a_clone_refuses_and_keeps_git(tmp_path: Path) -> None:
    """`bench build --out .` in a clone (a .git folder, no marker) is refused; .git survives."""
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    result = _bench("build", "--out", ".", cwd=clone)
    assert 2 == result.returncode, result.stderr
    assert (clone / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"


def test_build_refuses_a_symlink_even_to_an_earlier_build(tmp_path: Path) -> None:
    """A symlinked --out is refused (links are not followed), and the linked build is kept."""
    real = tmp_path / "real"
    real.mkdir()
    (real / MARKER).write_text("{}\n", encoding="utf-8")
    (real / "keep.txt").write_text("keep", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        check_target(link)
    with pytest.raises(UsageError, match="symbolic link"), replace_folder(link, {}):
        pass
    assert (real / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_a_marker_that_is_a_symlink_does_not_make_a_build(tmp_path: Path) -> None:
    """A folder whose marker is a symlink (to a real marker elsewhere) is still refused."""
    build = tmp_path / "b"
    build.mkdir()
    (build / MARKER).write_text("{}\n", encoding="utf-8")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "data").write_text("x", encoding="utf-8")
    (victim / MARKER).symlink_to(build / MARKER)
    with pytest.raises(UsageError, match="not an earlier bench build"):
        check_target(victim)


def test_build_refuses_a_regular_file(tmp_path: Path) -> None:
    """A file at --out is refused and kept."""
    path = tmp_path / "notes.txt"
    path.write_text("notes", encoding="utf-8")
    with pytest.raises(UsageError, match="not a folder"):
        check_target(path)
    assert path.read_text(encoding="utf-8") == "notes"


def test_build_accepts_a_new_an_empty_and_an_earlier_build_folder(tmp_path: Path) -> None:
    """New, empty and marked folders are replaced; the result carries the marker, no leftovers."""
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (tmp_path / "new", empty, tmp_path / "new"):
        with replace_folder(target, {"tool": "test"}) as tmp:
            (tmp / "data.txt").write_text(target.name, encoding="utf-8")
        assert json.loads((target / MARKER).read_text(encoding="utf-8")) == {"tool": "test"}
        assert (target / "data.txt").read_text(encoding="utf-8") == target.name
    assert ["empty", "new"] == sorted(p.name for p in tmp_path.iterdir())


def test_a_failed_build_leaves_the_earlier_build_and_no_temporary_folder(tmp_path: Path) -> None:
    """An exception while building removes the temporary folder and keeps the earlier build."""
    target = tmp_path / "ds"
    with replace_folder(target, {}) as tmp:
        (tmp / "gen").write_text("1", encoding="utf-8")
    with pytest.raises(RuntimeError), replace_folder(target, {}) as tmp:
        (tmp / "gen").write_text("2", encoding="utf-8")
        raise RuntimeError("disk on fire")
    assert (target / "gen").read_text(encoding="utf-8") == "1"
    assert ["ds"] == sorted(p.name for p in tmp_path.iterdir())


def test_a_second_concurrent_build_is_refused_cleanly(tmp_path: Path) -> None:
    """While one build holds the lock, another exits 2 with a message; afterwards no lock file."""
    target = tmp_path / "ds"
    with lock(target):
        result = _bench("build", "--out", str(target))
        assert 2 == result.returncode
        assert "another bench build" in result.stderr and "Traceback" not in result.stderr
    assert [] == list(tmp_path.iterdir())


_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from benchmark.outdir import replace_folder

    target, generation, delay = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    with replace_folder(target, {"generation": generation}) as tmp:
        for i in range(20):
            (tmp / f"part-{i:02d}").write_text(generation, encoding="utf-8")
            time.sleep(delay)
    """
)


def _write_generation(target: Path, generation: str, delay: float = 0.0, **env: str) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", _WRITER, str(target), generation, str(delay)],
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        check=False,
    )
    return proc.returncode


def _generation(folder: Path) -> str:
    """The generation of a complete build; fails on a partial or mixed one."""
    contents = {p.read_text(encoding="utf-8") for p in folder.glob("part-*")}
    assert 20 == len(list(folder.glob("part-*"))) and 1 == len(contents), folder
    marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    assert contents == {marker["generation"]}
    return contents.pop()


@pytest.mark.parametrize(("step", "survivor"), [("new", "old"), ("old", "new"), ("swapped", "new")])
def test_a_build_killed_at_each_swap_step_leaves_the_old_or_the_new_build(
    tmp_path: Path, step: str, survivor: str
) -> None:
    """SIGKILL at each step of the swap: the next build's recovery finds a complete build
    (the old one before the old build is moved aside, the new one after) and no leftovers."""
    target = tmp_path / "ds"
    assert 0 == _write_generation(target, "old")
    assert -signal.SIGKILL == _write_generation(target, "new", ENVOY_BENCH_CRASH_AT=step)
    complete = [p for p in tmp_path.iterdir() if p.is_dir() and len(list(p.glob("part-*"))) == 20]
    assert complete, "a kill left no complete build at all"
    with lock(target):
        recover(target)
    assert survivor == _generation(target)
    assert ["ds"] == sorted(p.name for p in tmp_path.iterdir())


def test_builds_killed_at_random_moments_always_leave_a_complete_build(tmp_path: Path) -> None:
    """SIGKILL in a loop at growing delays while writing and swapping: after recovery there is
    always exactly one complete build (old or new) and nothing else."""
    target = tmp_path / "ds"
    assert 0 == _write_generation(target, "g0")
    generations = {"g0"}
    for attempt in range(1, 9):
        name = f"g{attempt}"
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(target), name, "0.005"],
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        time.sleep(0.05 + 0.04 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        generations.add(name)
        with lock(target):
            recover(target)
        assert _generation(target) in generations
        assert ["ds"] == sorted(p.name for p in tmp_path.iterdir())


def test_real_bench_build_killed_mid_swap_is_recovered_by_the_next_build(tmp_path: Path) -> None:
    """`bench build` killed between its two renames; the next `bench build` restores and
    replaces the folder, which `datasets` then loads, and leaves no leftovers."""
    target = tmp_path / "ds"
    assert 0 == _bench("build", "--out", str(target)).returncode
    killed = _bench("build", "--out", str(target), ENVOY_BENCH_CRASH_AT="old")
    assert -signal.SIGKILL == killed.returncode
    assert not target.exists()  # the window the recovery closes
    assert 0 == _bench("build", "--out", str(target)).returncode
    assert ["ds"] == sorted(p.name for p in tmp_path.iterdir())
    assert {"README.md", "documents", "relations", MARKER} == {p.name for p in target.iterdir()}
