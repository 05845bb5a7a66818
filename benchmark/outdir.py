"""Replacing an output folder safely: only our own builds, never half of one, one writer at a time.

``bench build --out DIR`` replaces DIR. The user may point it anywhere (``.``, a thesis folder,
a symlink), so :func:`replace_folder` follows these rules:

* DIR must be missing, an empty directory, or a directory that carries the build marker
  (:data:`MARKER`, a regular file written into every build). Anything else - a file, a
  symlink, a folder with other content - is refused with :class:`~benchmark.errors.UsageError`
  before anything is written. Symlinks are never followed: DIR itself and its marker are
  checked with ``lstat``, and the leftovers removed below must be real directories.
* One build per DIR at a time: an exclusive ``flock`` on ``.<name>.lock`` beside DIR; a second
  build is refused at once with a message (the lock dies with its process, so a kill never
  leaves a stale lock).
* The new build is written into ``.<name>.tmp-XXXX`` beside DIR (same file system), fsynced,
  renamed to ``.<name>.new``; then DIR is renamed to ``.<name>.old``, ``.<name>.new`` to DIR,
  and ``.<name>.old`` removed. Each step is one ``rename``, so at every instant a complete
  build exists under one of the three names, and :func:`recover` (run first by every build,
  under the lock) puts it back: a ``.new`` next to a missing DIR is rolled forward, else an
  ``.old`` is rolled back; every other leftover (``.old`` next to DIR, ``.new``, ``.tmp-*``)
  is removed, but only when it is a real directory that is empty or carries the marker.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmark.errors import OutputError, UsageError
from benchmark.model import file_in_the_way, fsync_dir

#: The marker file every build carries; its presence is what allows a later build to replace it.
MARKER = ".envoy-bench-build"

#: Test hook: the name of a step at which the process kills itself with SIGKILL (kill tests).
CRASH_ENV = "ENVOY_BENCH_CRASH_AT"


def _crash_point(step: str) -> None:
    if os.environ.get(CRASH_ENV) == step:  # pragma: no cover - runs in a killed subprocess
        os.kill(os.getpid(), signal.SIGKILL)


def _sibling(target: Path, suffix: str) -> Path:
    return target.with_name(f".{target.name}.{suffix}")


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def is_build(path: Path) -> bool:
    """A real directory (not a symlink) holding the marker as a regular file."""
    if not _is_real_dir(path):
        return False
    try:
        return stat.S_ISREG(os.lstat(path / MARKER).st_mode)
    except FileNotFoundError:
        return False


def _is_empty_dir(path: Path) -> bool:
    return _is_real_dir(path) and not any(os.scandir(path))


def check_target(target: Path, given: str | os.PathLike[str] | None = None) -> None:
    """Refuse a target that is not ours to replace (raises :class:`UsageError`); ``given``:
    the path as the user gave it, refused when it is ``-``, which names standard output."""
    if given is not None and str(given) == "-":
        raise UsageError(
            "--out -: give the folder to build into (a build is a folder of files; it cannot "
            "go to standard output)"
        )
    here = Path(os.path.abspath(os.curdir))
    if target == here or target in here.parents:
        # the swap renames DIR away: the shell would be left in a deleted folder
        raise UsageError(
            f"{target}: is the current folder (or holds it); build into a new folder, "
            "e.g. --out dataset"
        )
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except NotADirectoryError:
        blocker = file_in_the_way(target.parent)
        raise UsageError(
            f"{target}: {blocker or target.parent} is a file, not a folder; choose another --out"
        ) from None
    if stat.S_ISLNK(mode):
        raise UsageError(
            f"{target}: is a symbolic link; bench build does not follow links "
            "(give the real folder, or a new one)"
        )
    if not stat.S_ISDIR(mode):
        raise UsageError(f"{target}: exists and is not a folder; choose another --out")
    if not is_build(target) and not _is_empty_dir(target):
        raise UsageError(
            f"{target}: exists and is not an earlier bench build (no {MARKER} file in it); "
            "bench build only replaces its own builds. Choose a new or empty folder, or remove "
            "this one yourself"
        )


def _remove_build(path: Path) -> None:
    """Remove a leftover of ours: a real directory that is empty or carries the marker."""
    if is_build(path) or _is_empty_dir(path):
        shutil.rmtree(path)


def recover(target: Path) -> list[str]:
    """Finish or undo an interrupted swap of ``target`` and remove leftovers; returns what it did.

    Must run under :func:`lock`. Leaves alone anything that does not carry the marker.
    """
    done: list[str] = []
    new, old = _sibling(target, "new"), _sibling(target, "old")
    if not os.path.lexists(target):
        if is_build(new):
            os.rename(new, target)
            done.append(f"completed an interrupted build: {new.name} -> {target.name}")
        elif is_build(old):
            os.rename(old, target)
            done.append(f"restored the previous build: {old.name} -> {target.name}")
    for leftover in (new, old):
        if is_build(leftover):
            _remove_build(leftover)
            done.append(f"removed leftover {leftover.name}")
    prefix = f".{target.name}.tmp-"
    for entry in os.scandir(target.parent):
        if entry.name.startswith(prefix) and (
            is_build(Path(entry.path)) or _is_empty_dir(Path(entry.path))
        ):
            shutil.rmtree(entry.path)
            done.append(f"removed leftover {entry.name}")
    return done


@contextlib.contextmanager
def lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``target`` (``.<name>.lock`` beside it); refuse if taken.

    POSIX ``flock``, released by the kernel when the process dies; where there is no ``fcntl``
    (Windows) the lock file itself is the lock, and a killed build leaves it for the user to
    remove (the message says so).
    """
    path = _sibling(target, "lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            raise UsageError(
                f"{target}: another bench build is writing this folder (lock {path.name}; "
                "remove it if no build is running)"
            ) from None
        try:
            yield
        finally:
            os.close(fd)
            os.unlink(path)
        return
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:  # a read-only parent: name the folders, not the lock file alone
            if exc.errno in (errno.ELOOP, errno.EISDIR):
                what = "a symbolic link" if exc.errno == errno.ELOOP else "a folder"
                raise UsageError(
                    f"{path}: the build's lock file is {what}; remove it (no bench build uses "
                    "it) and build again"
                ) from None
            if not isinstance(exc, PermissionError) and exc.errno != errno.EROFS:
                raise
            raise OutputError(
                f"{target}: cannot write in {target.parent} ({exc.strerror or exc}); the build "
                f"writes its lock ({path.name}) and the new folder there; nothing written"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError(
                f"{target}: another bench build is writing this folder (lock {path.name}); "
                "wait for it to finish"
            ) from None
        # The holder before us may have unlinked the file after we opened it: retry on a fresh one.
        try:
            same = os.path.samestat(os.fstat(fd), os.lstat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """fsync every file and directory under ``folder`` (so a rename publishes durable data)."""
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(dirpath))


def _concerns_output(exc: OSError, target: Path) -> bool:
    """Whether ``exc`` is about writing the build of ``target``: a write to an open file (no
    file name), or a path of ``target``, its temporary folder or its parked siblings."""
    if exc.filename is None:
        return True
    named = Path(os.path.abspath(exc.filename))
    ours = f".{target.name}."
    return any(
        path == target or (path.parent == target.parent and path.name.startswith(ours))
        for path in (named, *named.parents)
    )


@contextlib.contextmanager
def replace_folder(out: str | os.PathLike[str], marker: dict[str, str]) -> Iterator[Path]:
    """Yield an empty temporary folder to build into; on success it replaces ``out``.

    ``out`` is checked first (:func:`check_target`), the lock taken, leftovers of an
    interrupted build recovered, then the caller writes into the yielded folder. On an exception
    the temporary folder is removed and ``out`` is untouched.
    """
    target = Path(os.path.abspath(out))  # absolute, but links are not resolved
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with lock(target):
        recover(target)
        check_target(target)  # a recovered folder is ours; anything else was refused above
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700 folders; give the usual mode
            (tmp / MARKER).write_text(json.dumps(marker, sort_keys=True) + "\n", encoding="utf-8")
            yield tmp
            fsync_tree(tmp)
            new, old = _sibling(target, "new"), _sibling(target, "old")
            os.rename(tmp, new)
            fsync_dir(target.parent)
            _crash_point("new")
            if os.path.lexists(target):
                os.rename(target, old)
                fsync_dir(target.parent)
                _crash_point("old")
            os.rename(new, target)
            fsync_dir(target.parent)
            _crash_point("swapped")
            if _is_real_dir(old):
                _remove_build(old)
        except BaseException as exc:
            if _is_real_dir(tmp):
                shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError) and _concerns_output(exc, target):
                # disk full, file too large, permissions; an input the builder could not read
                # is its own error (main() names the file)
                kept = "the earlier build is unchanged" if is_build(target) else "nothing written"
                why = exc.strerror or str(exc)
                raise OutputError(
                    f"{target}: the build could not be written ({why}); {kept}"
                ) from None
            raise
