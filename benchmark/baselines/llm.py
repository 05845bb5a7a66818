"""The ``llm`` baseline: ask any OpenAI-compatible chat endpoint for a document's submission.

The prompt is versioned (:data:`PROMPT_VERSION`); changing its text means a new version, so that
cached answers and published scores stay tied to the prompt that produced them. Each document
is one ``POST {base_url}/chat/completions`` with ``temperature`` 0; the key is read from an
environment variable (``OPENAI_API_KEY`` by default) and sent as a bearer token when set.

* **Retries**: HTTP 429 and 5xx answers and connection errors are retried with exponential
  back-off (``retries`` attempts after the first).
* **Cache**: each answer is stored on disk under the sha256 of (base URL, model, prompt version,
  document text), so a rerun costs nothing and is reproducible.
* **Strict parsing**: the answer must be one JSON object (a fenced ```json block is accepted)
  that passes the submission reader's checks for that document. An answer that does not parse
  is counted and reported, and the document is submitted with no layers (predicting nothing),
  never crashed on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.request
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


@dataclass
class LLMClient:
    base_url: str
    model: str
    api_key_env: str = "OPENAI_API_KEY"
    cache_dir: Path | None = None
    retries: int = 3
    backoff: float = 1.0
    timeout: float = 120.0
    report: LLMReport = field(default_factory=LLMReport)

    def _cache_path(self, doc: Document) -> Path | None:
        if self.cache_dir is None:
            return None
        key = "\x00".join([self.base_url, self.model, PROMPT_VERSION, doc.published, doc.text])
        return self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        url = self.base_url.rstrip("/") + "/chat/completions"
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = json.dumps(payload).encode()
        for attempt in range(self.retries + 1):
            self.report.requests += 1
            try:
                request = urllib.request.Request(url, data=data, headers=headers, method="POST")
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return dict(json.loads(response.read().decode("utf-8")))
            except urllib.error.HTTPError as exc:
                retryable = exc.code == 429 or exc.code >= 500
                if not retryable or attempt == self.retries:
                    raise RemoteError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if attempt == self.retries:
                    raise RemoteError(f"{url}: {exc}") from exc
            except json.JSONDecodeError as exc:
                raise RemoteError(f"{url}: the endpoint did not answer JSON ({exc.msg})") from exc
            self.report.retries += 1
            time.sleep(self.backoff * 2**attempt)
        raise RemoteError(f"{url}: no answer")  # pragma: no cover - the loop returns or raises

    def answer(self, doc: Document) -> str:
        """The model's answer text for ``doc`` (from the cache when present)."""
        cache = self._cache_path(doc)
        if cache is not None and cache.is_file():
            self.report.cache_hits += 1
            return str(json.loads(cache.read_text(encoding="utf-8"))["content"])
        body = self._post(
            {
                "model": self.model,
                "temperature": 0,
                "messages": build_messages(doc),
            }
        )
        try:
            content = str(body["choices"][0]["message"]["content"])
        except (KeyError, IndexError, TypeError) as exc:
            raise RemoteError("the endpoint's answer has no choices[0].message.content") from exc
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
    )
