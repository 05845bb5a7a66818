"""Safety review (issue 12): nothing the user owns is destroyed, untrusted input stays contained.

Each test reproduces one finding of the review against hostile input, kills or races.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmark.baselines.llm import LLMClient
from benchmark.errors import OutputError, RemoteError, UsageError
from benchmark.model import Document
from benchmark.outdir import MARKER, check_target, lock, recover, replace_folder
from benchmark.safety import mask_credentials
from tests.conftest import refusal, seed_gold

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


def test_a_parent_the_build_cannot_write_in_is_named_with_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the output's parent refuses new files (a read-only folder; simulated, as root
    may write anywhere), the error names the output and its parent, not the lock file alone,
    and the folder is left as it was."""
    target = tmp_path / "ds"
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(OutputError) as refused, replace_folder(target, {}):
        pytest.fail("the build went ahead without its lock")
    expected = (
        f"{target}: cannot write in {tmp_path} (Permission denied); the build writes its lock "
        "(.ds.lock) and the new folder there; nothing written"
    )
    assert expected == str(refused.value)
    assert [] == list(tmp_path.iterdir())


def test_build_refuses_standard_output_and_a_file_in_the_way(tmp_path: Path) -> None:
    """`bench build --out -` is refused (a build is a folder), nothing made where it runs; an
    --out under a regular file names that file, with exit 2 and no traceback."""
    run = _bench("build", "--out", "-", cwd=tmp_path)
    assert (2, True, False) == refusal(run, "--out -: give the folder to build into")
    assert [] == list(tmp_path.iterdir())
    in_the_way = tmp_path / "afile"
    in_the_way.write_text("x", encoding="utf-8")
    for out in (in_the_way / "sub", in_the_way / "a" / "b"):
        run = _bench("build", "--out", str(out))
        expected = f"{out}: {in_the_way} is a file, not a folder; choose another --out"
        assert (2, True, False) == refusal(run, expected), run.stderr
    assert ["afile"] == [p.name for p in tmp_path.iterdir()]


def test_build_refuses_the_current_folder_even_when_empty(tmp_path: Path) -> None:
    """`bench build --out .` (or '') in an empty folder is refused: the swap would rename the
    shell's folder away. The folder stays, empty."""
    here = tmp_path / "empty"
    here.mkdir()
    for out in (".", ""):
        run = _bench("build", "--out", out, cwd=here)
        expected = f"{here}: is the current folder (or holds it)"
        assert (2, True, False) == refusal(run, expected), run.stderr
    assert (True, []) == (here.is_dir(), list(here.iterdir()))


@pytest.mark.parametrize("kind", ["folder", "symbolic link"])
def test_a_lock_that_is_not_a_file_is_named_with_what_to_do(tmp_path: Path, kind: str) -> None:
    """A `.DIR.lock` that is a folder or a symbolic link is named as such, with what to do."""
    lock_path = tmp_path / ".ds.lock"
    if kind == "folder":
        lock_path.mkdir()
    else:
        lock_path.symlink_to(tmp_path / "nowhere")
    run = _bench("build", "--out", str(tmp_path / "ds"))
    expected = f"{lock_path}: the build's lock file is a {kind}; remove it"
    assert (2, True, False) == refusal(run, expected), run.stderr
    assert [".ds.lock"] == [p.name for p in tmp_path.iterdir()]


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


# --------------------------------------------------------------------------- the LLM client

DOC = Document("a", "Mr Ali Khan met Ms Sara Lee on Monday.", "2026-01-09", "test")
ANSWER = json.dumps({"choices": [{"message": {"content": "{}"}}]}).encode()


class RawServer:
    """A TCP server on a loopback address whose handler writes raw bytes (any HTTP it likes).

    ``seen`` logs the request head (request line and headers) of every connection.
    """

    def __init__(self, handler: Callable[[socket.socket], None], host: str = "127.0.0.1") -> None:
        self.handler = handler
        self.seen: list[str] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(8)
        self.host, self.port = host, self.sock.getsockname()[1]
        self.url = f"http://{host}:{self.port}/v1"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            head = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    head += chunk
                # read the request body too: closing a socket with unread data sends a reset,
                # which the client may see before the (truncated) answer the test is about
                found = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                body = head.partition(b"\r\n\r\n")[2]
                while found and len(body) < int(found.group(1)):
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    body += chunk
            self.seen.append(head.decode("latin-1"))
            with contextlib.suppress(OSError):
                self.handler(conn)

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


def _reply(body: bytes, status: str = "200 OK", length: int | None = None) -> Callable[..., None]:
    def handler(conn: socket.socket) -> None:
        size = len(body) if length is None else length
        conn.sendall(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode()
            + body
        )

    return handler


@pytest.mark.parametrize("status", ["302 Found", "307 Temporary Redirect"])
def test_llm_client_never_sends_the_key_to_the_address_a_redirect_names(
    monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    """A redirect to a second loopback address is not followed: that server sees no request
    (so no key), and the client fails with a message naming the redirect."""
    monkeypatch.setenv("TEST_LLM_KEY", "sk-very-secret")
    try:
        second = RawServer(_reply(ANSWER), host="127.0.0.2")
    except OSError:  # pragma: no cover - macOS has only 127.0.0.1 up by default
        pytest.skip("no second loopback address (127.0.0.2) on this machine")
    with second as other:

        def redirect(conn: socket.socket) -> None:
            location = f"{other.url}/chat/completions"
            conn.sendall(
                f"HTTP/1.1 {status}\r\nLocation: {location}\r\nContent-Length: 0\r\n"
                "Connection: close\r\n\r\n".encode()
            )

        with RawServer(redirect) as first:
            client = LLMClient(first.url, "m", api_key_env="TEST_LLM_KEY", backoff=0.01)
            with pytest.raises(RemoteError, match="redirect") as caught:
                client.predict(DOC)
    assert "Authorization: Bearer sk-very-secret" in first.seen[0]
    assert [] == other.seen
    assert "sk-very-secret" not in str(caught.value)


@pytest.mark.parametrize(
    "url", ["http://203.0.113.7/v1", "http://example.org/v1", "http://127.0.0.1.example.org/v1"]
)
def test_llm_client_refuses_plain_http_to_another_machine(url: str) -> None:
    """http:// to a non-loopback host is refused (key in clear) unless --allow-http is given."""
    with pytest.raises(UsageError, match="--allow-http"):
        LLMClient(url, "m")
    LLMClient(url, "m", allow_http=True)  # allowed on request; nothing is sent yet


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/v1", "http://localhost/v1", "http://[::1]:80/v1"]
)
def test_llm_client_accepts_plain_http_to_this_machine(url: str) -> None:
    """http:// to localhost / a loopback address needs no flag: traffic stays on the machine."""
    LLMClient(url, "m")


def test_mask_credentials_hides_user_info_and_secrets() -> None:
    """User-info of any URL and the given secrets are replaced by ***."""
    text = "GET http://user:secret@host:8/v1 and https://tok@h/x failed; key sk-abcdef"
    assert "GET http://***@host:8/v1 and https://***@h/x failed; key ***" == mask_credentials(
        text, "sk-abcdef"
    )


def test_credentials_in_the_base_url_are_never_echoed(tmp_path: Path) -> None:
    """`--base-url http://user:secret@host` is refused (exit 2) without printing the secret."""
    result = _bench(
        "predict", "--system", "llm", "--base-url", "http://user:hunter2@127.0.0.1:9/v1",
        "--model", "m", "--out", str(tmp_path / "p.jsonl"), "--cache", str(tmp_path / "c"),
    )  # fmt: skip
    assert 2 == result.returncode
    assert "hunter2" not in result.stderr + result.stdout
    assert "http://***@127.0.0.1:9/v1" in result.stderr


def test_llm_answer_larger_than_the_cap_is_refused() -> None:
    """A body over the limit is an error, whether or not it declares its Content-Length."""
    big = b'{"x": "' + b"a" * 5000 + b'"}'

    def undeclared(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + big)

    for handler in (_reply(big), undeclared):
        with RawServer(handler) as server:
            client = LLMClient(server.url, "m", max_response_bytes=1000, backoff=0.01)
            with pytest.raises(RemoteError, match="limit of 1000 bytes"):
                client.predict(DOC)


def _trickle(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
    for _ in range(100):
        conn.sendall(b" ")
        time.sleep(0.3)


def _trickle_headers(conn: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
        conn.sendall(bytes([byte]))
        time.sleep(0.1)


def _silent(conn: socket.socket) -> None:
    time.sleep(30)


@pytest.mark.parametrize("handler", [_trickle, _trickle_headers, _silent])
def test_llm_timeout_is_a_total_deadline(handler: Callable[..., None]) -> None:
    """A server that trickles its body or headers, or says nothing, is cut at the deadline
    (1 s here, where the old per-read timeout let a trickle run for 30 s and more)."""
    with RawServer(handler) as server:
        client = LLMClient(server.url, "m", timeout=1.0, backoff=0.01)
        start = time.monotonic()
        with pytest.raises(RemoteError, match="deadline"):
            client.predict(DOC)
        elapsed = time.monotonic() - start
    assert elapsed < 5, elapsed


@pytest.mark.parametrize(
    ("body", "length", "problem"),
    [
        (b'\xff\xfe{"choices": []}', None, "not UTF-8"),
        (b'{"choices": [{"message"', 200, "truncated answer: 23 of 200 bytes"),
        (b'"just a string"', None, "JSON string, expected an object"),
        (b'[{"choices": []}]', None, "JSON list, expected an object"),
        (b"<html>busy</html>", None, "not JSON"),
        (b'{"choices": [{"message": {"content": null}}]}', None, "JSON null, expected a string"),
        (b'{"choices": []}', None, "no choices[0].message.content"),
    ],
)
def test_malformed_llm_answers_are_located_remote_errors(
    body: bytes, length: int | None, problem: str
) -> None:
    """Each malformed answer raises RemoteError (exit 3) naming the URL and the problem."""
    with RawServer(_reply(body, length=length)) as server:
        client = LLMClient(server.url, "m", retries=0)
        with pytest.raises(RemoteError) as caught:
            client.predict(DOC)
    message = str(caught.value)
    assert problem in message and f"{server.url}/chat/completions" in message


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b'{"content": "x"', "corrupt cache entry"),
        (b'["content"]', 'string "content"'),
        (b'{"content": 7}', 'string "content"'),
        (b"", "corrupt cache entry"),
    ],
)
def test_corrupt_cache_entries_are_located_remote_errors(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    """A corrupt cache file is an error naming the file and how to fix it, not a traceback."""
    client = LLMClient("http://127.0.0.1:9/v1", "m", cache_dir=tmp_path)
    path = client._cache_path(DOC)
    assert path is not None
    path.write_bytes(content)
    with pytest.raises(RemoteError) as caught:
        client.predict(DOC)
    assert problem in str(caught.value) and str(path) in str(caught.value)
    assert "delete the file" in str(caught.value)


def _articles(tmp_path: Path) -> Path:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"doc_id": "a", "text": DOC.text, "published": DOC.published}) + "\n",
        encoding="utf-8",
    )
    return path


def test_cli_timeout_option_and_malformed_answer_exit_3(tmp_path: Path) -> None:
    """`bench predict --timeout 1` gives up on a silent server after about a second, and a list
    body exits 3 with a message; neither prints a traceback."""
    for handler, expected in ((_silent, "deadline"), (_reply(b"[]"), "JSON list")):
        with RawServer(handler) as server:
            start = time.monotonic()
            result = _bench(
                "predict", "--system", "llm", "--docs", str(_articles(tmp_path)),
                "--base-url", server.url, "--model", "m", "--timeout", "1",
                "--cache", str(tmp_path / "cache"), "--out", str(tmp_path / "p.jsonl"),
            )  # fmt: skip
            elapsed = time.monotonic() - start
        assert 3 == result.returncode, result.stderr
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert elapsed < 15, elapsed
        assert not (tmp_path / "p.jsonl").exists()


# --------------------------------------------------------------------------- escaping

SEED_ID = "000_8dbbdfc2a546922b"
FORGED = "evil | 1 | forged\n# Heading <img src=x onerror=alert(1)> [x](http://e) *b* \\"


def _leaderboard_root(tmp_path: Path, entries: list[dict[str, object]]) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    for name in ("seeds", "annotations"):
        shutil.copytree(REPO / name, root / name)
    for i, meta in enumerate(entries):
        folder = root / "submissions" / f"entry{i}"
        folder.mkdir(parents=True)
        (folder / "system.json").write_text(json.dumps(meta), encoding="utf-8")
        (folder / "predictions.jsonl").write_text(
            json.dumps({"doc_id": SEED_ID, "relations": []}) + "\n", encoding="utf-8"
        )
    return root


def _meta(**fields: object) -> dict[str, object]:
    meta: dict[str, object] = {
        "name": "plain",
        "description": "d",
        "authors": ["a"],
        "url": "",
        "date": "2026-01-01",
        "command": "python run.py",
        "kind": "external",
    }
    meta.update(fields)
    return meta


def test_system_json_text_cannot_forge_leaderboard_rows_headings_or_html(tmp_path: Path) -> None:
    """A name, description, author and command full of Markdown and HTML render, per
    markdown-it (an independent CommonMark parser with GFM tables), as the literal text in one
    cell or one list item: no extra row or cell, no heading, no raw HTML, no link."""
    from markdown_it import MarkdownIt

    from benchmark.leaderboard import build_leaderboard

    forged = _meta(name=FORGED, description=FORGED, authors=[FORGED], command="run `x` | <b>\n# h")
    text = build_leaderboard(_leaderboard_root(tmp_path, [forged, _meta(name="honest")]))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    html = [t.content for t in tokens if t.type == "html_block"]
    assert ["<!-- generated by `bench leaderboard`; do not edit by hand -->\n"] == html
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not [c for c in inline if c.type in ("html_inline", "link_open", "image", "em_open")]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert ["envoy-bench leaderboard", "Entries", "How to submit"] == [
        h for h in headings if "Contrast" not in h
    ]
    # the main table: one row per entry, as many cells as headers, the name cell literal
    first_table = tokens[[t.type for t in tokens].index("table_open") :]
    first_table = first_table[: [t.type for t in first_table].index("table_close")]
    rows: list[list[str]] = []
    for i, t in enumerate(first_table):
        if t.type == "tr_open":
            rows.append([])
        elif t.type == "inline" and first_table[i - 1].type in ("td_open", "th_open"):
            rows[-1].append(t.content)
    header, *body = rows
    assert 2 == len(body) and all(len(header) == len(r) for r in body)
    literal = " ".join(FORGED.split())  # white space runs, the newline included, become spaces
    rendered = {
        "".join(c.content for c in t.children or [] if c.type == "text")
        for t in first_table
        if t.type == "inline"
    }
    assert literal in rendered
    # the entries list: the command is one code span holding the literal command
    codes = [c.content for c in inline if c.type == "code_inline"]
    assert "run `x` | <b> # h" in codes


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "superstar"}, "kind", "must be one of"),
        ({"kind": "baseline"}, "kind", "reserved for the project's own baseline"),
        ({"kind": "oracle", "command": "bench predict --system rules"}, "kind", "oracle"),
        ({"kind": "baseline", "command": "bench predict --system oracle-mentions"}, "kind", ""),
        ({"name": 7}, "name", "expected a string"),
        ({"authors": "me"}, "authors", "non-empty list of strings"),
        ({"description": ["x"]}, "description", "expected a string"),
    ],
)
def test_system_json_fields_and_kind_are_validated(
    tmp_path: Path, fields: dict[str, object], field: str, message: str
) -> None:
    """A wrong type, an unknown kind or a kind the entry may not claim is a located error."""
    from benchmark.errors import SubmissionError
    from benchmark.leaderboard import read_entries

    root = _leaderboard_root(tmp_path, [_meta(**fields)])
    with pytest.raises(SubmissionError) as caught:
        read_entries(root)
    [problem] = caught.value.problems
    assert problem.field == field and message in problem.message
    assert problem.path.endswith("system.json")


def test_duplicate_entry_names_are_refused(tmp_path: Path) -> None:
    """Two entries with one name would share a contrast row: refused, naming the first."""
    from benchmark.errors import SubmissionError
    from benchmark.leaderboard import read_entries

    root = _leaderboard_root(tmp_path, [_meta(), _meta()])
    with pytest.raises(SubmissionError, match="already used by"):
        read_entries(root)


def test_project_baselines_may_claim_their_kinds(tmp_path: Path) -> None:
    """The shipped entries (baseline and oracle kinds for bench predict systems) stay valid."""
    from benchmark.leaderboard import read_entries

    kinds = sorted(meta["kind"] for meta, _ in read_entries(REPO))
    assert {"baseline", "oracle"} <= set(kinds)


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202e"


def test_score_table_neutralises_escapes_and_newlines_from_submitted_names(
    tmp_path: Path,
) -> None:
    """An unresolved argument holding OSC/CSI sequences and a newline is printed inert by
    `bench score`: no control byte reaches stdout and it cannot start a line of its own."""
    sub = tmp_path / "sub.jsonl"
    name = f"Nobody{ESCAPES}\nFAKE LINE"
    relation = {"type": "met", "arg1": name, "arg2": "Vladimir Putin", "date": None}
    sub.write_text(json.dumps({"doc_id": SEED_ID, "relations": [relation]}) + "\n")
    result = _bench("score", str(sub), "--n-boot", "0")
    assert 0 == result.returncode, result.stderr
    assert not [ch for ch in result.stdout if ord(ch) < 32 and ch != "\n"]
    assert not [ch for ch in result.stdout if 0x7F <= ord(ch) < 0xA0 or ch == "\u202e"]
    assert not [line for line in result.stdout.splitlines() if line.startswith("FAKE LINE")]
    assert "Nobody␛]0;owned␇" in result.stdout


def test_show_prints_gold_text_literally_without_markup_or_escapes(
    data_root: Path,
) -> None:
    """`bench show` prints an entity name holding rich markup and escapes as literal text."""
    path = seed_gold(data_root)
    hostile = f"[link=http://evil.example]click[/link] [bold]x{ESCAPES}"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["record"] == "entity" and record["id"] == "e1":
            record["name"] = hostile
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _bench("show", SEED_ID, "--root", str(data_root), COLUMNS="400")
    assert 0 == result.returncode, result.stderr
    assert "[link=http://evil.example]click[/link] [bold]x␛]0;owned␇" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_terminal_text_keeps_offsets_and_line_breaks() -> None:
    """Neutralising keeps one character per character (offsets stay valid) and keeps newlines
    and tabs in running text, while a cell shows them as symbols."""
    from benchmark.safety import terminal_cell, terminal_text

    text = "a\x1b[31mb\n\tc\x9bd\x7f"
    assert "a␛[31mb\n\tc\ufffdd␡" == terminal_text(text)
    assert len(text) == len(terminal_text(text)) == len(terminal_cell(text))
    assert "a␛[31mb␊␉c\ufffdd␡" == terminal_cell(text)


def test_show_of_a_text_with_escapes_renders_no_control_bytes() -> None:
    """render_terminal of a document whose text holds ESC and BEL emits neither."""
    import io

    from rich.console import Console

    from benchmark.html_report import render_terminal
    from benchmark.model import Entity, Mention

    doc = Document("x", f"Ann{ESCAPES} met Bob.", "2026-01-01", "test")
    doc.entities = [Entity("e1", "Ann", "PER")]
    doc.mentions = [Mention("m1", "e1", 0, 3, "Ann", "PER", "NAM")]
    out = io.StringIO()
    Console(file=out, force_terminal=True, width=200).print(render_terminal(doc))
    printed = out.getvalue()
    assert "]0;owned" in printed and "\x07" not in printed
    assert "\x1b]0;" not in printed and "\x1b[2J" not in printed


# --------------------------------------------------------------------------- linear cost, limits


def _reference_segments(text: str, items: list[tuple[int, int, str, str]], k: int) -> str:
    """The flat highlighting by its definition, piece by piece over every item (quadratic)."""
    from html import escape

    bounds = sorted({0, len(text), *(b for s, e, _, _ in items if e > s for b in (s, e))})
    out = []
    for start, end in itertools.pairwise(bounds):
        covering = sorted(
            (e - s, i) for i, (s, e, _, _) in enumerate(items) if s <= start and end <= e and e > s
        )
        piece = escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        labels = [items[i][3] for _, i in covering[:k]]
        if len(covering) > k:
            labels.append(f"and {len(covering) - k} more")
        inner = items[covering[0][1]]
        title = escape(" | ".join(labels), quote=True)
        out.append(
            f'<span class="seg {escape(inner[2], quote=True)}" title="{title}">{piece}</span>'
        )
    return "".join(out)


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["a", "b<"])),
        max_size=25,
    )
)
def test_report_highlighting_matches_its_definition(raw: list[tuple[int, int, str]]) -> None:
    """The sweep gives, for random nested, crossing, repeated and empty spans, exactly the
    pieces, classes and titles of the piece-by-piece definition."""
    from benchmark.html_report import TITLE_ITEMS, _segments

    text = "The <quick> & brown fox jumps!"
    items = [(s, e, f"v-{c}", f"item {i} {c}") for i, (s, e, c) in enumerate(raw)]
    assert _reference_segments(text, items, TITLE_ITEMS) == _segments(text, items)


def test_report_page_is_linear_in_nested_spans() -> None:
    """2,000 nested spans: every tooltip names at most TITLE_ITEMS spans and a count, so the
    page grows linearly (listing every covering span gave 2,000 x 4,000 labels)."""
    from html.parser import HTMLParser

    from benchmark.html_report import TITLE_ITEMS, _segments

    n = 2000
    text = "x" * (2 * n)
    items = [(i, 2 * n - i, "v-fp", f"m{i}") for i in range(n)]
    page = _segments(text, items)
    titles: list[str] = []

    class Titles(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            titles.extend(v or "" for k, v in attrs if k == "title")

    Titles().feed(page)
    assert 2 * n - 1 == len(titles)
    assert max(len(t.split(" | ")) for t in titles) == TITLE_ITEMS + 1
    # the middle piece is covered by all n spans: the 4 shortest are the innermost ones
    middle = titles[n - 1]
    assert f"m{n - 1} | m{n - 2} | m{n - 3} | m{n - 4} | and {n - 4} more" == middle


def test_validate_does_not_guess_sentence_containment_when_sentences_overlap(
    data_root: Path,
) -> None:
    """Overlapping sentences are reported once; containment is not checked against them (the
    bisection needs ordered sentences), so no mention gets a spurious problem."""
    from benchmark.validate import validate_paths

    path = seed_gold(data_root)
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines]
    sentences = [r for r in records if r["record"] == "sentence"]
    sentences[1]["start"] = sentences[0]["end"] - 1  # overlaps sentence 0
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    report = validate_paths([path], root=data_root)
    messages = [p.message for p in report.problems]
    assert ["sentence 1 overlaps the previous sentence"] == [
        m for m in messages if "sentence" in m or "inside one sentence" in m
    ], messages


def _submission_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "sub.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_submission_line_over_the_limit_is_refused_unread_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    """A line over MAX_LINE_CHARS (32 Mi characters) is one located error; the next line is
    still checked (its own error is reported too)."""
    from benchmark.errors import SubmissionError
    from benchmark.model import load_documents
    from benchmark.safety import MAX_LINE_CHARS
    from benchmark.submission import read_submission

    huge = json.dumps({"doc_id": SEED_ID, "x": "a" * MAX_LINE_CHARS})
    path = _submission_file(tmp_path, [huge, json.dumps({"doc_id": "nope"})])
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, load_documents())
    found = [(p.line, p.field, p.message) for p in caught.value.problems]
    assert (1, None, f"line longer than the limit of {MAX_LINE_CHARS} characters") in found
    assert 2 == found[1][0] and "unknown doc_id" in found[1][2]


def test_more_items_than_the_limit_per_document_is_a_located_error(tmp_path: Path) -> None:
    """50,001 mentions in one document: an error on its line and field, before any check of
    the items themselves (no 50,001 offset errors)."""
    from benchmark.errors import SubmissionError
    from benchmark.model import load_documents
    from benchmark.safety import MAX_ITEMS_PER_LAYER
    from benchmark.submission import read_submission

    mention = {"start": 10**9, "end": 10**9 + 1, "type": "PER"}  # each would be out of range
    line = json.dumps({"doc_id": SEED_ID, "mentions": [mention] * (MAX_ITEMS_PER_LAYER + 1)})
    with pytest.raises(SubmissionError) as caught:
        read_submission(_submission_file(tmp_path, [line]), load_documents())
    [problem] = caught.value.problems
    assert (1, "mentions") == (problem.line, problem.field)
    assert f"{MAX_ITEMS_PER_LAYER + 1} items, more than the limit of 50000" == problem.message


def test_an_annotation_line_over_the_limit_is_a_located_problem(
    data_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Gold files are read with the same line limit (lowered here to 1,000 characters)."""
    from benchmark import safety
    from benchmark.model import iter_json_lines

    monkeypatch.setattr(safety, "MAX_LINE_CHARS", 1000)
    path = seed_gold(data_root)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"record": "entity", "name": "x" * 2000}) + "\n")
    results = list(iter_json_lines(path))
    assert results[-1][1:] == (None, "line longer than the limit of 1000 characters")
    assert all(error is None for _, _, error in results[:-1])


# --------------------------------------------------------------------------- located errors


def _export(fmt: str, root: Path, out: Path) -> None:
    result = _bench("export", "--format", fmt, "--out", str(out), "--root", str(root), SEED_ID)
    assert 0 == result.returncode, result.stderr


def test_brat_relation_to_an_unknown_annotation_is_a_located_error(
    data_root: Path, tmp_path: Path
) -> None:
    """A brat relation naming T999 (no such T line) exits 2 naming the file, relation and id."""
    folder = tmp_path / "brat"
    _export("brat", data_root, folder)
    ann = folder / f"{SEED_ID}.ann"
    ann.write_text(ann.read_text(encoding="utf-8") + "R99\tmet Arg1:T999 Arg2:T1\n")
    result = _bench("import", "--format", "brat", str(folder), "--out", str(tmp_path / "o"),
                    "--root", str(data_root))  # fmt: skip
    assert 2 == result.returncode and "Traceback" not in result.stderr
    line = ann.read_text(encoding="utf-8").count("\n")
    assert f"{ann}:{line}: Arg1: 'T999': no such T annotation in this file" in result.stderr
    assert not (tmp_path / "o").exists()


def test_non_utf8_brat_file_is_a_located_error(data_root: Path, tmp_path: Path) -> None:
    """A .ann file that is not UTF-8 exits 2 naming it."""
    folder = tmp_path / "brat"
    _export("brat", data_root, folder)
    ann = folder / f"{SEED_ID}.ann"
    ann.write_bytes(ann.read_bytes() + b"\xff\xfe\n")
    result = _bench("import", "--format", "brat", str(folder), "--out", str(tmp_path / "o"),
                    "--root", str(data_root))  # fmt: skip
    assert 2 == result.returncode and "Traceback" not in result.stderr
    assert f"{ann}: not UTF-8" in result.stderr
    assert not (tmp_path / "o").exists()


def _label_studio_tasks(data_root: Path, tmp_path: Path) -> tuple[Path, list[Any]]:
    folder = tmp_path / "ls"
    _export("label-studio", data_root, folder)
    path = folder / "tasks.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_label_studio_region_without_value_is_a_located_error(
    data_root: Path, tmp_path: Path
) -> None:
    """A labels region without its value exits 2 naming the file, the task and the field."""
    path, tasks = _label_studio_tasks(data_root, tmp_path)
    regions = tasks[0]["predictions"][0]["result"]
    del next(r for r in regions if r["type"] == "labels")["value"]
    path.write_text(json.dumps(tasks), encoding="utf-8")
    result = _bench("import", "--format", "label-studio", str(path), "--out",
                    str(tmp_path / "o"), "--root", str(data_root))  # fmt: skip
    assert 2 == result.returncode and "Traceback" not in result.stderr
    assert ".result[" in result.stderr and "].value: a region needs a value object" in result.stderr
    assert f"{path}: task[0].predictions[0].result[" in result.stderr


@pytest.mark.parametrize("task", [5, "text", None, ["a"]])
def test_label_studio_task_that_is_not_an_object_is_a_located_error(
    data_root: Path, tmp_path: Path, task: object
) -> None:
    """A task that is a number, string, null or list exits 2 naming its index."""
    path, tasks = _label_studio_tasks(data_root, tmp_path)
    path.write_text(json.dumps([*tasks, task]), encoding="utf-8")
    result = _bench("import", "--format", "label-studio", str(path), "--out",
                    str(tmp_path / "o"), "--root", str(data_root))  # fmt: skip
    assert 2 == result.returncode and "Traceback" not in result.stderr
    assert f"{path}: task[{len(tasks)}]: a task must be a JSON object" in result.stderr


def test_nul_in_a_metadata_id_is_a_located_problem(data_root: Path) -> None:
    """An id holding NUL in seeds/<split>/metadata.jsonl is reported with file, line and field
    by `bench validate` (exit 1) and `bench stats`, never a traceback from open()."""
    path = data_root / "seeds" / "test" / "metadata.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["id"] = "evil\x00id"
    path.write_text("\n".join([*lines, json.dumps(record)]) + "\n", encoding="utf-8")
    line = len(lines) + 1
    for command in ("validate", "stats"):
        result = _bench(command, "--root", str(data_root))
        assert 1 == result.returncode, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert f"{path}:{line}: id: 'evil\\x00id' is not a valid id" in result.stderr


def _bench_with_file_limit(limit: int, args: list[str]) -> subprocess.CompletedProcess[str]:
    """`bench ARGS` in a process whose files may not grow past ``limit`` bytes: writes fail with
    EFBIG, which stands in for a full disk."""
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        sys.argv = ["bench", *{args!r}]
        from benchmark.cli import main
        main()
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_output_on_a_full_disk_is_a_message_and_the_old_file_survives(tmp_path: Path) -> None:
    """`bench score -o FILE` whose write fails with EFBIG (a file-size limit stands in for a
    full disk) exits 2 with a message naming FILE; FILE keeps its old content; no temp file."""
    out = tmp_path / "report.json"
    out.write_text("old report\n", encoding="utf-8")
    rules = str(REPO / "submissions" / "rules" / "predictions.jsonl")
    result = _bench_with_file_limit(
        2000, ["score", rules, "--format", "json", "--n-boot", "0", "-o", str(out)]
    )
    assert 2 == result.returncode, result.stderr
    assert f"error: {out}: cannot write (File too large)" in result.stderr
    assert "Traceback" not in result.stderr
    assert "old report\n" == out.read_text(encoding="utf-8")
    assert ["report.json"] == [p.name for p in tmp_path.iterdir()]


def test_atomic_write_on_enospc_raises_output_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC while flushing to disk: OutputError (exit 2) naming the file, old file intact."""
    import errno

    from benchmark import model
    from benchmark.errors import OutputError

    target = tmp_path / "gold.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(model.os, "fsync", no_space)
    with pytest.raises(OutputError, match="No space left on device") as caught:
        model.atomic_write_text(target, "new\n")
    assert 2 == caught.value.exit_code and str(target) in str(caught.value)
    assert "old\n" == target.read_text(encoding="utf-8")
    assert ["gold.jsonl"] == [p.name for p in tmp_path.iterdir()]


def test_atomic_write_fsyncs_the_file_before_the_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order is: fsync(temporary file), rename onto the target, fsync(folder)."""
    import stat as stat_module

    from benchmark import model

    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        events.append("fsync folder" if stat_module.S_ISDIR(mode) else "fsync file")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(model.os, "fsync", fsync)
    monkeypatch.setattr(model.os, "replace", replace)
    model.atomic_write_text(tmp_path / "f.txt", "data")
    assert ["fsync file", "rename", "fsync folder"] == events
    assert "data" == (tmp_path / "f.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- ids and paths

HOSTILE_IDS = ["../../outside/victim", "x\n", "/etc/passwd", "a/../../b", "x\x00y", ".hidden"]


@pytest.mark.parametrize("value", HOSTILE_IDS)
def test_check_id_refuses_path_syntax_newlines_and_nul(value: str) -> None:
    """check_id matches the whole value: no separator, no trailing newline, no NUL."""
    from benchmark.model import check_id

    with pytest.raises(UsageError, match="not a valid document id"):
        check_id(value, "--id")


def test_check_id_accepts_the_shipped_ids() -> None:
    """Every id in the shipped metadata passes (read with json alone)."""
    from benchmark.model import check_id
    from tests.conftest import raw_metadata

    ids = sorted(raw_metadata())
    assert ids and ids == [check_id(i) for i in ids]


def test_contained_refuses_dot_dot_and_a_symlink_out(tmp_path: Path) -> None:
    """contained() resolves the path, then requires it under the root."""
    from benchmark.model import contained

    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (root / "a" / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert root.resolve() / "a" / "f.txt" == contained(root, "a", "f.txt")
    for parts in (("..", "outside", "victim.txt"), ("a", "link", "victim.txt")):
        with pytest.raises(UsageError, match="leads outside"):
            contained(root, *parts)


def _victims(root: Path) -> list[Path]:
    """Files a crafted id ``../../outside/victim`` would name from seeds/<split>/ and
    annotations/<split>/."""
    outside = root / "outside"
    outside.mkdir(exist_ok=True)
    victims = [outside / "victim.txt", outside / "victim.jsonl"]
    for path in victims:
        path.write_text("precious\n", encoding="utf-8")
    return victims


@pytest.mark.parametrize("value", ["../../outside/victim", "x\n"])
def test_crafted_metadata_id_is_refused_and_contrast_touches_nothing_outside(
    data_root: Path, value: str
) -> None:
    """A metadata id that is a path (or ends in a newline) is a located problem for validate
    and contrast; the files it would name outside the data folders survive."""
    victims = _victims(data_root)
    path = data_root / "seeds" / "contrast" / "metadata.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["id"] = value
    path.write_text("\n".join([*lines, json.dumps(record)]) + "\n", encoding="utf-8")
    for command in ("validate", "contrast"):
        result = _bench(command, "--root", str(data_root))
        assert 1 == result.returncode, (command, result.stderr)
        assert f"{path}:{len(lines) + 1}: id:" in result.stderr and "Traceback" not in result.stderr
    assert all(v.read_text(encoding="utf-8") == "precious\n" for v in victims)


def test_crafted_contrast_spec_id_is_a_located_problem(data_root: Path) -> None:
    """A spec document id `../../outside/victim` is refused by `bench contrast` with its file
    and field; nothing outside is written or removed."""
    victims = _victims(data_root)
    spec_path = sorted((data_root / "annotations" / "contrast-specs").glob("*.json"))[0]
    group = json.loads(spec_path.read_text(encoding="utf-8"))
    group["documents"][1]["id"] = "../../outside/victim"
    spec_path.write_text(json.dumps(group), encoding="utf-8")
    result = _bench("contrast", "--root", str(data_root))
    assert 1 == result.returncode and "Traceback" not in result.stderr
    assert f"{spec_path}: documents[1].id" in result.stderr
    assert all(v.read_text(encoding="utf-8") == "precious\n" for v in victims)


@pytest.mark.parametrize("value", ["../../outside/victim", "x\n"])
def test_add_doc_refuses_a_crafted_id_and_creates_nothing(
    data_root: Path, tmp_path: Path, value: str
) -> None:
    """`bench add-doc --id` with a path or a trailing newline exits 2; no file appears."""
    article = tmp_path / "article.txt"
    article.write_text("Somebody phoned somebody else on Monday.\n", encoding="utf-8")
    before = sorted(p for p in data_root.rglob("*"))
    result = _bench("add-doc", str(article), "--published", "2026-01-01", "--source", "s",
                    "--id", value, "--root", str(data_root))  # fmt: skip
    assert 2 == result.returncode and "not a valid document id" in result.stderr
    assert before == sorted(p for p in data_root.rglob("*"))


@pytest.mark.parametrize("command", ["preannotate", "review", "show"])
def test_cli_document_arguments_cannot_name_paths(data_root: Path, command: str) -> None:
    """preannotate, review and show given `../../outside/victim` exit 2; the victim survives."""
    victims = _victims(data_root)
    extra = ["--reviewer", "me"] if command == "review" else []
    result = _bench(command, "../../outside/victim", *extra, "--root", str(data_root))
    assert 2 == result.returncode and "Traceback" not in result.stderr
    assert all(v.read_text(encoding="utf-8") == "precious\n" for v in victims)


def test_label_studio_import_with_a_crafted_doc_id_writes_nothing_outside(
    data_root: Path, tmp_path: Path
) -> None:
    """A Label Studio task whose data.doc_id is a path is refused (exit 2) naming the task;
    nothing is written outside --out."""
    path, tasks = _label_studio_tasks(data_root, tmp_path)
    tasks[0]["data"]["doc_id"] = "../../outside/victim"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    out = tmp_path / "deep" / "er" / "out"
    result = _bench("import", "--format", "label-studio", str(path), "--out", str(out),
                    "--root", str(data_root))  # fmt: skip
    assert 2 == result.returncode and "Traceback" not in result.stderr
    assert f"{path}: task[0].data.doc_id: '../../outside/victim' is not a valid" in result.stderr
    assert not (tmp_path / "deep" / "outside").exists() and not out.exists()


# --------------------------------------------------------------------------- escaping properties


@given(st.text(max_size=60))
def test_any_text_renders_as_one_literal_markdown_cell(text: str) -> None:
    """For any text, markdown_text in a GFM table cell parses (markdown-it, tables and
    strikethrough on, as on GitHub) as one cell of plain text equal to the text with control
    characters dropped and white space folded: no markup of its own survives."""
    from markdown_it import MarkdownIt

    from benchmark.safety import markdown_text

    source = f"| h | z |\n|---|---|\n| {markdown_text(text)} | end |\n"
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source)
    cells = [t for t in tokens if t.type == "inline"]
    assert 4 == len(cells)  # two headers, the cell, "end"
    children = cells[2].children or []
    assert all(c.type == "text" for c in children), [c.type for c in children]
    controls = {*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    kept = "".join(ch for ch in text if ord(ch) not in controls or ch in "\t\n\r")
    assert " ".join(kept.split()) == "".join(c.content for c in children)


@given(st.text(max_size=80))
def test_terminal_text_leaves_no_control_character_and_keeps_offsets(text: str) -> None:
    """Any text: same length, no C0 (but newline and tab), C1, DEL or bidi control left, and
    every other character unchanged at its offset."""
    from benchmark.safety import terminal_cell, terminal_text

    bad = {*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    for out, allowed in ((terminal_text(text), {9, 10}), (terminal_cell(text), set())):
        assert len(out) == len(text)
        assert not [ch for ch in out if ord(ch) in bad - allowed]
        assert all(a == b for a, b in zip(text, out, strict=True) if ord(a) not in bad - allowed)


@pytest.mark.parametrize("binary", [False, True])
def test_bounded_lines_skips_an_over_long_line_and_goes_on(tmp_path: Path, binary: bool) -> None:
    """Text and binary handles: a line over the limit is (n, None), the lines around it intact,
    a last line without a newline kept."""
    from benchmark.safety import bounded_lines

    path = tmp_path / "f.jsonl"
    path.write_text("ok\n" + "x" * 5000 + "\nfine\nlast", encoding="utf-8")
    with path.open("rb" if binary else "r", encoding=None if binary else "utf-8") as handle:
        got = list(bounded_lines(handle, 100))
    lines = ["ok\n", None, "fine\n", "last"]
    expected = [x.encode() if binary and x is not None else x for x in lines]
    assert list(enumerate(expected, start=1)) == got


def test_a_build_that_cannot_be_written_keeps_the_earlier_build(tmp_path: Path) -> None:
    """`bench build` whose files hit EFBIG (a file-size limit stands in for a full disk) exits 2
    naming the folder; the earlier build is intact and no temporary folder is left."""
    target = tmp_path / "ds"
    with replace_folder(target, {"generation": "old"}) as tmp:
        (tmp / "README.md").write_text("old build\n", encoding="utf-8")
    result = _bench_with_file_limit(20000, ["build", "--out", str(target)])
    assert 2 == result.returncode, result.stderr
    assert f"{target}: the build could not be written (File too large)" in result.stderr
    assert "earlier build is unchanged" in result.stderr and "Traceback" not in result.stderr
    assert "old build\n" == (target / "README.md").read_text(encoding="utf-8")
    assert ["ds"] == [p.name for p in tmp_path.iterdir()]


def test_gold_diff_output_carries_no_c1_or_bidi_controls(data_root: Path, tmp_path: Path) -> None:
    """`bench diff` of a gold edit whose new entity name holds a C1 CSI and a bidi override
    prints them as inert characters (JSON already escapes C0 ones)."""
    old = seed_gold(data_root)
    new = tmp_path / old.name
    records = [json.loads(x) for x in old.read_text(encoding="utf-8").splitlines()]
    entity = next(r for r in records if r["record"] == "entity")
    entity["name"] = "Evil\x9b31m\u202eeman"
    new.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    result = _bench("diff", str(old), str(new))
    assert 0 == result.returncode, result.stderr
    assert "Evil\ufffd31m\ufffdeman" in result.stdout
    assert "\x9b" not in result.stdout and "\u202e" not in result.stdout
