"""The ``llm`` baseline: ask any OpenAI-compatible chat endpoint for a document's submission.

The prompt is versioned (:data:`PROMPT_VERSION`); changing its text means a new version, so that
cached answers and published scores stay tied to the prompt that produced them. Each document
is one ``POST {base_url}/chat/completions`` with ``temperature`` 0; the key is read from an
environment variable (``OPENAI_API_KEY`` by default) and sent as a bearer token when set.

* **Retries**: HTTP 429 and 5xx answers and connection errors are retried with exponential
  back-off (``retries`` attempts after the first), all within one total deadline per document
  (``timeout``, ``bench predict --timeout``).
* **Safety**: no redirect is followed (the key never reaches another host), plain ``http://``
  only to this machine unless ``allow_http``, answers and cache entries capped at
  :data:`MAX_RESPONSE_BYTES`; a malformed answer or cache entry (not UTF-8, truncated, not JSON,
  not an object) is a :class:`~benchmark.errors.RemoteError` (exit 3) naming the URL or file.
* **Cache**: each answer is stored on disk under the sha256 of (base URL, model, prompt version,
  document text), so a rerun costs nothing and is reproducible.
* **Strict parsing**: the answer must be one JSON object (a fenced ```json block is accepted)
  that passes the submission reader's checks for that document. An answer that does not parse
  is counted and reported, and the document is submitted with no layers (predicting nothing),
  never crashed on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.errors import RemoteError, UsageError
from benchmark.model import Document, atomic_write_text

PROMPT_VERSION = "1"
SYSTEM_PROMPT = """You extract diplomatic contact events from news text.
Return ONLY a JSON object, no prose, of this form:
{"mentions": [{"start": int, "end": int, "type": "PER|ORG|GPE|LOC", "entity": "c1"}],
 "timexes": [{"start": int, "end": int, "type": "DATE|TIME|DURATION|SET", "value": "TIMEX3"}],
 "relations": [{"type": "phoned|met|sanctioned|named_envoy", "arg1": "name", "arg2": "name",
                "date": "YYYY-MM-DD or YYYY-MM or YYYY-Www or null"}]}
Definitions: phoned = a phone call between arg1 and arg2; met = an in-person meeting;
sanctioned = arg1 imposes, keeps, eases or lifts sanctions on arg2; named_envoy = arg1 appoints
arg2 as envoy or ambassador. Report only events the text says happened (not planned, denied or
hypothetical ones). Offsets are character offsets into the text, end exclusive. Dates are
normalized against the publication date. Use full names for arguments."""
USER_TEMPLATE = "Publication date: {published}\n\nText:\n{text}"
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


def build_messages(doc: Document) -> list[dict[str, str]]:
    """The chat messages of prompt :data:`PROMPT_VERSION` for ``doc``: the instructions as the
    system turn, then the publication date and the text as the user turn.

    The single source of the prompt: the baseline sends these messages, and the
    lm-evaluation-harness task (:mod:`benchmark.harness`) builds its prompt from them.
    """
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": USER_TEMPLATE.format(published=doc.published, text=doc.text)},
    ]


def parse_answer(content: str, doc: Document) -> tuple[dict[str, Any], str | None]:
    """The submission line of a model's answer for ``doc``, and the problem when it is invalid.

    The answer must be one JSON object (a fenced ```json block is accepted) that passes the
    submission reader's checks for ``doc``; its ``doc_id`` is set from ``doc``. An invalid
    answer gives ``({"doc_id": doc.id}, problem)``: the document predicts nothing.
    """
    from benchmark.submission import parse_document_object

    content = content.strip()
    fenced = _FENCE.match(content)
    if fenced:
        content = fenced.group(1)
    try:
        obj = json.loads(content)
    except json.JSONDecodeError as exc:
        return {"doc_id": doc.id}, f"not JSON: {exc.msg}"
    if not isinstance(obj, dict):
        return {"doc_id": doc.id}, "not a JSON object"
    obj = {**obj, "doc_id": doc.id}
    problems = parse_document_object(obj, doc)
    if problems:
        return {"doc_id": doc.id}, "; ".join(problems[:3])
    return {k: obj[k] for k in ("doc_id", "mentions", "timexes", "relations") if k in obj}, None


@dataclass
class LLMReport:
    """What happened across a run: requests made, cache hits, retries, unparseable answers."""

    requests: int = 0
    cache_hits: int = 0
    retries: int = 0
    unparseable: list[dict[str, str]] = field(default_factory=list)


#: Largest answer body read from an endpoint or a cache file (bytes); a bigger one is an error.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
#: Default total deadline of one document's request, retries and back-off included (seconds).
DEFAULT_TIMEOUT = 120.0


class _Retryable(Exception):
    """A failure worth another attempt (connection error, HTTP 429 or 5xx)."""


@dataclass
class LLMClient:
    """A client of one OpenAI-compatible endpoint.

    Transport (standard library ``http.client``, chosen over urllib and httpx): it never follows
    a redirect, so the key cannot travel to another host (a 3xx is an error naming where it
    pointed); ``timeout`` is a *total* deadline for one document, retries and back-off
    included, enforced by per-operation socket timeouts set to the time left plus a watchdog
    that shuts the socket at the deadline (a server trickling one byte a second cannot hold a
    request longer); the body is read in chunks and refused beyond ``max_response_bytes``.
    httpx would give the first and third but, like urllib, only per-operation timeouts, so the
    watchdog would be needed anyway, for a dependency the project does not declare. Proxy
    environment variables are not honoured.

    ``base_url`` must be ``https://``, or ``http://`` to a loopback host (``localhost``,
    127.0.0.0/8, ``::1``); ``allow_http`` permits plain HTTP elsewhere (the key then crosses
    the network in clear). Credentials inside the URL are refused: the key comes from the
    environment variable ``api_key_env``.
    """

    base_url: str
    model: str
    api_key_env: str = "OPENAI_API_KEY"
    cache_dir: Path | None = None
    retries: int = 3
    backoff: float = 1.0
    timeout: float = DEFAULT_TIMEOUT
    allow_http: bool = False
    max_response_bytes: int = MAX_RESPONSE_BYTES
    report: LLMReport = field(default_factory=LLMReport)

    def __post_init__(self) -> None:
        from urllib.parse import urlsplit

        from benchmark.safety import is_loopback_host, mask_credentials

        shown = mask_credentials(self.base_url)
        try:
            parts = urlsplit(self.base_url)
            port = parts.port
        except ValueError as exc:
            raise UsageError(f"--base-url {shown}: not a valid URL ({exc})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"--base-url {shown}: expected an http:// or https:// URL")
        if parts.username is not None or parts.password is not None:
            raise UsageError(
                f"--base-url {shown}: credentials in the URL are not supported; put the key in "
                f"the environment variable named by --api-key-env ({self.api_key_env})"
            )
        if parts.scheme == "http" and not self.allow_http and not is_loopback_host(parts.hostname):
            raise UsageError(
                f"--base-url {shown}: plain http:// to a host other than this machine would send "
                "the key and the texts unencrypted; use https://, or pass --allow-http"
            )
        if not self.timeout > 0:
            raise UsageError(f"--timeout must be a positive number of seconds, not {self.timeout}")
        self._scheme = parts.scheme
        self._host = parts.hostname
        self._port = port
        self._path = parts.path.rstrip("/") + "/chat/completions"
        self._url = self.base_url.rstrip("/") + "/chat/completions"

    def _cache_path(self, doc: Document) -> Path | None:
        if self.cache_dir is None:
            return None
        key = "\x00".join([self.base_url, self.model, PROMPT_VERSION, doc.published, doc.text])
        return self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def _error(self, message: str) -> RemoteError:
        from benchmark.safety import mask_credentials

        key = os.environ.get(self.api_key_env)
        return RemoteError(mask_credentials(f"{self._url}: {message}", key))

    def _exchange(self, data: bytes, headers: dict[str, str], deadline: float) -> bytes:
        """One POST; the body of a 2xx answer. Raises :class:`_Retryable` or RemoteError."""
        import http.client
        import socket
        import threading

        remaining = deadline - time.monotonic()
        conn: http.client.HTTPConnection
        if self._scheme == "https":
            import ssl

            conn = http.client.HTTPSConnection(
                self._host, self._port, timeout=remaining, context=ssl.create_default_context()
            )
        else:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=remaining)

        def watchdog() -> None:  # unblocks a read that the server trickles past the deadline
            sock = conn.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(remaining, watchdog)
        timer.daemon = True
        timer.start()
        try:
            conn.request("POST", self._path, body=data, headers=headers)
            response = conn.getresponse()
            if 300 <= response.status < 400:
                where = response.getheader("Location") or "nowhere"
                raise self._error(
                    f"HTTP {response.status}: the endpoint redirects to {where}; redirects are "
                    "not followed (the key must not go to another address): give the final URL "
                    "as --base-url"
                )
            if response.status == 429 or response.status >= 500:
                raise _Retryable(f"HTTP {response.status} {response.reason}")
            if response.status >= 400:
                raise self._error(f"HTTP {response.status} {response.reason}")
            declared = response.getheader("Content-Length")
            length = int(declared) if declared and declared.isdigit() else None
            if length is not None and length > self.max_response_bytes:
                raise self._error(
                    f"the answer is {length} bytes, more than the limit of "
                    f"{self.max_response_bytes} bytes"
                )
            body = bytearray()
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("deadline")
                if conn.sock is not None:
                    conn.sock.settimeout(left)
                chunk = response.read(65536)
                if not chunk:
                    break
                body += chunk
                if len(body) > self.max_response_bytes:
                    raise self._error(
                        f"the answer is larger than the limit of {self.max_response_bytes} bytes"
                    )
            if time.monotonic() >= deadline:
                raise TimeoutError("deadline")
            if length is not None and len(body) < length:
                raise self._error(f"truncated answer: {len(body)} of {length} bytes received")
            return bytes(body)
        except http.client.IncompleteRead as exc:
            raise self._error(f"truncated answer: {len(exc.partial)} bytes, then the end") from None
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline:
                raise TimeoutError("deadline") from None
            raise _Retryable(str(exc) or type(exc).__name__) from None
        finally:
            timer.cancel()
            conn.close()

    def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = json.dumps(payload).encode()
        deadline = time.monotonic() + self.timeout
        for attempt in range(self.retries + 1):
            if time.monotonic() >= deadline:
                break
            self.report.requests += 1
            try:
                raw = self._exchange(data, headers, deadline)
            except TimeoutError:
                break
            except _Retryable as exc:
                if attempt == self.retries:
                    raise self._error(str(exc)) from None
                pause = self.backoff * 2**attempt
                if time.monotonic() + pause >= deadline:
                    raise self._error(
                        f"{exc}; no time left for a retry within the {self.timeout:g} s deadline"
                    ) from None
                self.report.retries += 1
                time.sleep(pause)
                continue
            return self._decode(raw, "the answer")
        raise self._error(f"no complete answer within the {self.timeout:g} s deadline (--timeout)")

    def _decode(self, raw: bytes, what: str) -> dict[str, Any]:
        """The JSON object in ``raw``; RemoteError naming the problem otherwise."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self._error(f"{what} is not UTF-8 (invalid byte at offset {exc.start})") from None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise self._error(
                f"{what} is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
            ) from None
        if not isinstance(value, dict):
            raise self._error(f"{what} is a JSON {_json_type(value)}, expected an object")
        return value

    def _read_cache(self, path: Path) -> str:
        """The cached answer text; a corrupt entry is a located error that says how to fix it."""
        fix = "delete the file to ask the endpoint again"
        try:
            size = path.stat().st_size
            if size > self.max_response_bytes:
                raise RemoteError(
                    f"{path}: cache entry of {size} bytes, more than the limit of "
                    f"{self.max_response_bytes}; {fix}"
                )
            raw = path.read_bytes()
        except OSError as exc:
            raise RemoteError(f"{path}: unreadable cache entry ({exc.strerror}); {fix}") from None
        try:
            value = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise RemoteError(
                f"{path}: corrupt cache entry (not UTF-8 at byte {exc.start}); {fix}"
            ) from None
        except json.JSONDecodeError as exc:
            raise RemoteError(
                f"{path}:{exc.lineno}: corrupt cache entry ({exc.msg} at column {exc.colno}); {fix}"
            ) from None
        if not isinstance(value, dict) or not isinstance(value.get("content"), str):
            raise RemoteError(
                f"{path}: content: corrupt cache entry (expected an object with a string "
                f'"content"); {fix}'
            )
        return str(value["content"])

    def answer(self, doc: Document) -> str:
        """The model's answer text for ``doc`` (from the cache when present)."""
        cache = self._cache_path(doc)
        if cache is not None and cache.is_file():
            content = self._read_cache(cache)
            self.report.cache_hits += 1
            return content
        body = self._post(
            {
                "model": self.model,
                "temperature": 0,
                "messages": build_messages(doc),
            }
        )
        try:
            content = body["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise self._error("the answer has no choices[0].message.content") from None
        if not isinstance(content, str):
            raise self._error(
                f"choices[0].message.content is a JSON {_json_type(content)}, expected a string"
            )
        if cache is not None:
            atomic_write_text(
                cache,
                json.dumps(
                    {"prompt_version": PROMPT_VERSION, "model": self.model, "content": content},
                    ensure_ascii=False,
                ),
            )
        return content

    def predict(self, doc: Document) -> dict[str, Any]:
        """One submission line; an answer that does not parse is reported and predicts nothing."""
        line, problem = parse_answer(self.answer(doc), doc)
        if problem is not None:
            self.report.unparseable.append({"doc_id": doc.id, "problem": problem})
        return line


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def client_from_options(options: dict[str, Any]) -> LLMClient:
    base_url, model = options.get("base_url"), options.get("model")
    if not base_url or not model:
        raise UsageError("the llm system needs --base-url and --model")
    cache = options.get("cache_dir")
    return LLMClient(
        base_url=str(base_url),
        model=str(model),
        api_key_env=str(options.get("api_key_env") or "OPENAI_API_KEY"),
        cache_dir=Path(cache) if cache else None,
        timeout=float(options.get("timeout") or DEFAULT_TIMEOUT),
        allow_http=bool(options.get("allow_http")),
    )
