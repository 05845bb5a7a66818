"""The llm baseline against a local OpenAI-compatible server (a real socket, a real client)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from benchmark.baselines import predict_documents
from benchmark.baselines.llm import PROMPT_VERSION, LLMClient
from benchmark.errors import RemoteError
from benchmark.model import Document

GOOD = {
    "relations": [{"type": "met", "arg1": "Ali Khan", "arg2": "Sara Lee", "date": "2026-01-05"}]
}


class FakeEndpoint:
    """Answers /chat/completions from a script of (status, content) pairs, one per request."""

    def __init__(self, script: list[tuple[int, str]]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                endpoint.requests.append(
                    {
                        "path": self.path,
                        "auth": self.headers.get("Authorization"),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                status, content = endpoint.script.pop(0) if endpoint.script else (500, "")
                body = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeEndpoint:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def doc() -> Document:
    return Document("a", "Mr Ali Khan met Ms Sara Lee on Monday.", "2026-01-09", "test")


def test_retries_a_server_error_then_parses_the_answer(
    doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 500 is retried; the second answer is parsed into a submission line; the key is sent."""
    monkeypatch.setenv("TEST_LLM_KEY", "secret")
    with FakeEndpoint([(500, ""), (200, json.dumps(GOOD))]) as server:
        client = LLMClient(
            server.url, "m", api_key_env="TEST_LLM_KEY", cache_dir=tmp_path, backoff=0.01
        )
        [line] = predict_documents("llm", [doc], llm=client)
    assert {"doc_id": "a", **GOOD} == line
    assert (2, 1) == (client.report.requests, client.report.retries)
    assert ["/v1/chat/completions"] * 2 == [r["path"] for r in server.requests]
    assert "Bearer secret" == server.requests[0]["auth"]
    assert 0 == server.requests[0]["body"]["temperature"]


def test_cached_answer_makes_no_request(doc: Document, tmp_path: Path) -> None:
    """A second run with the same cache answers from disk."""
    with FakeEndpoint([(200, json.dumps(GOOD))]) as server:
        LLMClient(server.url, "m", cache_dir=tmp_path, backoff=0.01).predict(doc)
        again = LLMClient(server.url, "m", cache_dir=tmp_path, backoff=0.01)
        line = again.predict(doc)
    assert (1, 1, 0) == (len(server.requests), again.report.cache_hits, again.report.requests)
    assert GOOD["relations"] == line["relations"]
    [cached] = list(tmp_path.glob("*.json"))
    assert PROMPT_VERSION == json.loads(cached.read_text(encoding="utf-8"))["prompt_version"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("Sure! Here are the events: none.", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (
            json.dumps({"relations": [{"type": "called", "arg1": "A", "arg2": "B"}]}),
            "relations[0].type",
        ),
        (json.dumps({"mentions": [{"start": 0, "end": 999, "type": "PER"}]}), "out of range"),
    ],
)
def test_unparseable_answers_are_counted_not_crashed_on(
    doc: Document, tmp_path: Path, content: str, problem: str
) -> None:
    """An answer that is not a valid submission object predicts nothing and is reported."""
    with FakeEndpoint([(200, content)]) as server:
        client = LLMClient(server.url, "m", cache_dir=None, backoff=0.01)
        line = client.predict(doc)
    assert {"doc_id": "a"} == line
    [report] = client.report.unparseable
    assert "a" == report["doc_id"] and problem in report["problem"]


def test_fenced_json_is_accepted(doc: Document) -> None:
    """A ```json fenced block is unwrapped before parsing."""
    with FakeEndpoint([(200, "```json\n" + json.dumps(GOOD) + "\n```")]) as server:
        line = LLMClient(server.url, "m", backoff=0.01).predict(doc)
    assert GOOD["relations"] == line["relations"]


def test_persistent_failure_is_a_remote_error(doc: Document) -> None:
    """After the retries, a failing endpoint raises RemoteError (exit 3 in the CLI)."""
    with FakeEndpoint([(503, "")] * 5) as server:
        client = LLMClient(server.url, "m", retries=2, backoff=0.01)
        with pytest.raises(RemoteError, match="HTTP 503"):
            client.predict(doc)
    assert 3 == len(server.requests)


def test_cli_writes_the_submission_and_a_report(tmp_path: Path) -> None:
    """`bench predict --system llm` over articles writes predictions and the llm report."""
    articles = tmp_path / "a.jsonl"
    articles.write_text(
        json.dumps(
            {"doc_id": "a", "text": "Mr Ali Khan met Ms Sara Lee.", "published": "2026-01-09"}
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "p.jsonl"
    with FakeEndpoint([(200, "not json")]) as server:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmark",
                "predict",
                "--system",
                "llm",
                "--docs",
                str(articles),
                "--base-url",
                server.url,
                "--model",
                "m",
                "--cache",
                str(tmp_path / "cache"),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    assert 0 == run.returncode, run.stderr
    assert [{"doc_id": "a"}] == [json.loads(x) for x in out.read_text().splitlines()]
    report = json.loads((tmp_path / "p.jsonl.llm-report.json").read_text())
    assert 1 == len(report["unparseable"])
    assert "1 unparseable answer(s)" in run.stderr
