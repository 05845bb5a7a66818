"""The lm-evaluation-harness tasks, end to end and offline.

lm-eval runs the tasks against a stand-in model: a local HTTP server speaking the OpenAI chat
protocol (lm-eval's own ``local-chat-completions`` client) that answers each document with its
gold, with nothing, with malformed text, or with part of the gold. The metrics the harness
reports are checked against values computed by hand and against ``bench score`` (a separate
process) on the same answers.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from benchmark.baselines.llm import PROMPT_VERSION, build_messages
from benchmark.harness import (
    CORPUS_METRICS,
    FEWSHOT_SPLIT,
    TASKS,
    demonstration_answer,
    include_path,
    submission_from_samples,
)
from benchmark.model import Document, load_documents, write_annotation_file

RELATION_TYPES = ("phoned", "met", "sanctioned", "named_envoy")  # the design's four types
lm_eval = pytest.importorskip("lm_eval", reason="the harness extra (lm-eval) is not installed")

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "000_8dbbdfc2a546922b"
Answer = Callable[[Document], str]


class StandIn:
    """A chat-completions endpoint that answers each document of ``docs`` with ``answer(doc)``;
    the document is the one whose prompt is the request's last user turn."""

    def __init__(self, docs: list[Document], answer: Answer) -> None:
        by_prompt = {build_messages(d)[-1]["content"]: d for d in docs}
        self.requests: list[dict[str, Any]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stand_in.requests.append(body)
                doc = by_prompt.get(body["messages"][-1]["content"])
                content = "" if doc is None else answer(doc)
                data = json.dumps(
                    {
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": content}}
                        ]
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/chat/completions"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> StandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def run_harness(
    task: str, answer: Answer, num_fewshot: int = 0
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Run ``task`` in-process against a stand-in: (metrics by name, samples, requests)."""
    from lm_eval.tasks import TaskManager

    docs = load_documents(split=TASKS[task]) + load_documents(split=FEWSHOT_SPLIT)
    with StandIn(docs, answer) as stand_in:
        out = lm_eval.simple_evaluate(
            model="local-chat-completions",
            model_args={
                "base_url": stand_in.url,
                "model": "stand-in",
                "tokenizer_backend": None,
                "num_concurrent": 1,
                "max_retries": 1,
            },
            tasks=[task],
            num_fewshot=num_fewshot,
            task_manager=TaskManager(include_path=str(include_path()), include_defaults=False),
            apply_chat_template=True,
            fewshot_as_multiturn=True,
            log_samples=True,
        )
    metrics = {k.split(",")[0]: v for k, v in out["results"][task].items() if "," in k}
    return metrics, out["samples"][task], stand_in.requests


def bench_score(lines: list[dict[str, Any]], split: str, tmp_path: Path) -> dict[str, Any]:
    """``bench score --format json`` on submission lines, as a separate process."""
    path = tmp_path / f"predictions-{split}.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    cmd = [sys.executable, "-m", "benchmark", "score", str(path), "--split", split]
    done = subprocess.run(
        [*cmd, "--format", "json", "--n-boot", "0"], capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout))


def report_value(report: dict[str, Any], path: tuple[str, ...]) -> float:
    value: Any = report
    for part in path:
        if value is None:
            return math.nan
        value = value[part]
    return float(value)


def assert_equal_to_bench_score(
    metrics: dict[str, Any], samples: list[dict[str, Any]], split: str, tmp_path: Path
) -> dict[str, Any]:
    """Every corpus metric of the harness equals the same figure of ``bench score`` on the
    run's answers; the unparseable rate equals the converter's count."""
    samples_file = tmp_path / "samples.jsonl"
    samples_file.write_text(
        "".join(json.dumps(s, default=str) + "\n" for s in samples), encoding="utf-8"
    )
    converted = submission_from_samples(samples_file)
    assert converted["split"] == split
    report = bench_score(converted["lines"], split, tmp_path)
    for name, path in CORPUS_METRICS.items():
        expected = report_value(report, path)
        if math.isnan(expected):
            assert math.isnan(metrics[name]), name
        else:
            assert metrics[name] == pytest.approx(expected, abs=1e-9), name
    assert metrics["unparseable"] == pytest.approx(len(converted["unparseable"]) / len(samples))
    return report


@pytest.mark.parametrize("task", sorted(TASKS))
def test_gold_answers_score_one_and_the_prompt_is_the_llm_baselines(
    task: str, tmp_path: Path
) -> None:
    """Answering every document with its gold scores 1.0 on every layer (the macro average over
    types: the share of types present), and each zero-shot request carries the ``llm`` baseline's
    messages, the system turn ending with a blank line."""
    docs = load_documents(split=TASKS[task])
    if not docs:
        pytest.skip(f"no {TASKS[task]} document in this checkout")
    metrics, samples, requests = run_harness(task, demonstration_answer)
    for name in CORPUS_METRICS.keys() - {"relations_macro_f1"}:
        assert metrics[name] == 1.0, name
    # the macro average counts a type without gold relations as F1 0 (empty denominator)
    present = {r.type for d in docs for r in d.relations if r.realis == "actual"}
    assert metrics["relations_macro_f1"] == pytest.approx(len(present) / len(RELATION_TYPES))
    assert metrics["unparseable"] == 0.0
    assert len(samples) == len(docs)
    expected = []
    for doc in docs:
        system, user = build_messages(doc)
        expected.append([{**system, "content": system["content"] + "\n\n"}, user])
    key = json.dumps
    assert sorted(map(key, (r["messages"] for r in requests))) == sorted(map(key, expected))
    assert {s["doc"]["prompt_version"] for s in samples} == {PROMPT_VERSION}
    assert_equal_to_bench_score(metrics, samples, TASKS[task], tmp_path)


def test_without_a_chat_template_instructions_and_text_are_separated_by_a_blank_line() -> None:
    """The plain-text prompt (a model run without a chat template) is the system turn, a blank
    line, then the user turn: the baseline's two messages, nothing glued together."""
    from lm_eval.tasks import TaskManager

    manager = TaskManager(include_path=str(include_path()), include_defaults=False)
    task = manager.load(["envoy_bench"])["tasks"]["envoy_bench"]
    for row in task.test_docs():
        doc = Document(row["doc_id"], row["text"], row["published"], row["split"])
        system, user = build_messages(doc)
        context = task.fewshot_context(row, 0)
        assert context == system["content"] + "\n\n" + user["content"]


def test_empty_answers_score_zero_and_leave_the_layers_unsubmitted(tmp_path: Path) -> None:
    """An empty answer does not parse: every document predicts nothing, relation F1 is 0.0,
    the mention and timex layers are "not submitted" (nan), as ``bench score`` says."""
    metrics, samples, _ = run_harness("envoy_bench_contrast", lambda doc: "")
    assert metrics["unparseable"] == 1.0
    assert metrics["relations_timed_f1"] == 0.0
    assert metrics["relations_untimed_f1"] == 0.0
    assert math.isnan(metrics["mentions_strict_f1"])
    assert math.isnan(metrics["timexes_relaxed_f1"])
    report = assert_equal_to_bench_score(metrics, samples, "contrast", tmp_path)
    assert report["mentions"] is None


MALFORMED = (
    '{"relations": [{"type": "met", "arg1": "A"',  # cut off
    "The answer is: nobody met anybody.",  # prose
    '[{"type": "met"}]',  # not an object
    '{"mentions": [{"start": 0, "end": 999999, "type": "PER"}]}',  # offset out of range
    '{"relations": [{"type": "met", "arg1": "A"}]}',  # arg2 missing
    '{"relations": [{"type": "visited", "arg1": "A", "arg2": "B"}]}',  # unknown type
)


def test_malformed_answers_predict_nothing(tmp_path: Path) -> None:
    """Each kind of malformed answer is refused by the submission reader's rules: the document
    predicts nothing, and a fenced gold answer for every seventh document still counts."""
    docs = load_documents(split="contrast")
    index = {d.id: i for i, d in enumerate(docs)}

    def answer(doc: Document) -> str:
        i = index[doc.id]
        if i % 7 == 0:
            return "```json\n" + demonstration_answer(doc) + "\n```"
        return MALFORMED[i % len(MALFORMED)]

    metrics, samples, _ = run_harness("envoy_bench_contrast", answer)
    fenced = sum(1 for i in range(len(docs)) if i % 7 == 0)
    assert metrics["unparseable"] == pytest.approx((len(docs) - fenced) / len(docs))
    report = assert_equal_to_bench_score(metrics, samples, "contrast", tmp_path)
    assert report["relations"]["timed"]["fp"] == 0


def _timed_tuples(doc: Document, relations: list[Any]) -> set[tuple[str, ...]]:
    symmetric = {"phoned", "met"}
    out = set()
    for r in relations:
        a1, a2 = (
            (min(r.arg1, r.arg2), max(r.arg1, r.arg2)) if r.type in symmetric else (r.arg1, r.arg2)
        )
        out.add((r.type, a1, a2, str(r.date)))
    return out


def test_partial_answers_score_the_hand_computed_recall(tmp_path: Path) -> None:
    """Answering with the first half of each document's actual relations gives precision 1 and
    the recall counted by hand over distinct (type, args, date) tuples."""
    docs = load_documents(split="contrast")
    tp = fn = 0
    kept: dict[str, list[Any]] = {}
    for doc in docs:
        actual = [r for r in doc.relations if r.realis == "actual"]
        kept[doc.id] = actual[: len(actual) // 2]
        gold, found = _timed_tuples(doc, actual), _timed_tuples(doc, kept[doc.id])
        tp += len(found)
        fn += len(gold - found)
    assert tp and fn, "the contrast split should give a partial score"

    def answer(doc: Document) -> str:
        return demonstration_answer(dataclasses.replace(doc, relations=kept[doc.id]))

    metrics, samples, _ = run_harness("envoy_bench_contrast", answer)
    assert metrics["relations_timed_f1"] == pytest.approx(2 * tp / (2 * tp + fn), abs=1e-6)
    assert_equal_to_bench_score(metrics, samples, "contrast", tmp_path)


@pytest.fixture
def root_with_dev(data_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Document]:
    """A data root copy holding one annotated dev document: the seed's gold on a text that
    differs from the seed's by a closing line (offsets unchanged), so it is recognisable."""
    from benchmark import contrib
    from benchmark.model import annotation_path

    monkeypatch.setenv("ENVOY_BENCH_ROOT", str(data_root))
    seed = next(d for d in load_documents(split="test") if d.id == SEED_ID)
    text_file = data_root.parent / "dev.txt"
    text_file.write_bytes((seed.text + "\nA copy for the few-shot test.\n").encode("utf-8"))
    info = contrib.add_document(
        text_file,
        published=seed.published,
        source="test copy of the seed",
        doc_id="dev_copy",
        split=FEWSHOT_SPLIT,
        root=data_root,
        keep_line_breaks=True,  # the added line follows the byline on purpose
    )
    dev = dataclasses.replace(seed, id=info.id, split=FEWSHOT_SPLIT)
    write_annotation_file(dev, annotation_path(info.id, data_root))
    [loaded] = [d for d in load_documents(split=FEWSHOT_SPLIT) if d.id == info.id]
    yield loaded


@pytest.mark.parametrize("task", ["envoy_bench", "envoy_bench_contrast"])
def test_few_shot_demonstrations_come_from_dev_only(
    task: str, root_with_dev: Document, tmp_path: Path
) -> None:
    """With --num_fewshot 1 every request carries a dev document and its gold answer as the
    demonstration, never a document of the scored split, and the scores are unchanged."""
    dev_docs = {
        build_messages(d)[-1]["content"].strip(): d for d in load_documents(split=FEWSHOT_SPLIT)
    }
    assert root_with_dev in dev_docs.values()
    scored = load_documents(split=TASKS[task])
    metrics, samples, requests = run_harness(task, demonstration_answer, num_fewshot=1)
    assert len(requests) == len(scored)
    scored_texts = {d.text for d in scored}
    for request in requests:
        roles = [m["role"] for m in request["messages"]]
        assert roles == ["system", "user", "assistant", "user"]
        demo_question, demo_answer = request["messages"][1:3]
        demo = dev_docs[demo_question["content"].strip()]  # a dev document's prompt
        assert demo_answer["content"].strip() == demonstration_answer(demo)
        assert not any(demo_question["content"].rstrip().endswith(t) for t in scored_texts)
    assert metrics["relations_timed_f1"] == 1.0
    assert_equal_to_bench_score(metrics, samples, TASKS[task], tmp_path)


def test_few_shot_on_the_dev_split_itself_is_refused(root_with_dev: Document) -> None:
    """Scoring dev with demonstrations (which would come from dev) fails and says why."""
    from benchmark.errors import UsageError

    with pytest.raises(UsageError, match="split being scored"):
        run_harness("envoy_bench_dev", demonstration_answer, num_fewshot=1)


def test_few_shot_without_dev_documents_fails_clearly(
    data_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a data root without dev documents, --num_fewshot 1 fails with a message naming the
    missing dev documents; zero-shot runs are unaffected."""
    from benchmark.errors import UsageError
    from benchmark.model import annotation_path

    monkeypatch.setenv("ENVOY_BENCH_ROOT", str(data_root))
    for doc in load_documents(split=FEWSHOT_SPLIT):  # unannotated documents are not loaded
        annotation_path(doc.id, data_root).unlink()
    assert load_documents(split=FEWSHOT_SPLIT) == []
    with pytest.raises(UsageError, match=r"needs 1 annotated 'dev' document\(s\); .* has 0"):
        run_harness("envoy_bench", demonstration_answer, num_fewshot=1)
    metrics, _, _ = run_harness("envoy_bench", demonstration_answer)
    assert metrics["relations_timed_f1"] == 1.0


@pytest.mark.slow
def test_the_documented_command_runs_and_its_saved_samples_score_the_same(tmp_path: Path) -> None:
    """The README's command (``lm_eval ... --include_path "$(bench harness-path)"``) runs as a
    process; ``bench harness-submission`` turns its --log_samples file into a submission whose
    ``bench score`` equals the results file the harness wrote."""
    docs = load_documents(split="test")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_DATASETS_OFFLINE": "1"}
    path = subprocess.run(
        [sys.executable, "-m", "benchmark", "harness-path"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.strip()
    assert Path(path) == include_path()

    with StandIn(docs, demonstration_answer) as stand_in:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "lm_eval",
                "--model",
                "local-chat-completions",
                "--model_args",
                f"model=stand-in,base_url={stand_in.url},num_concurrent=1,max_retries=1",
                "--apply_chat_template",
                "--tasks",
                "envoy_bench",
                "--include_path",
                path,
                "--output_path",
                str(tmp_path / "out"),
                "--log_samples",
            ],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=tmp_path,
        )
    [results_file] = (tmp_path / "out").rglob("results_*.json")
    [samples_file] = (tmp_path / "out").rglob("samples_envoy_bench_*.jsonl")
    results = json.loads(results_file.read_text(encoding="utf-8"))["results"]["envoy_bench"]
    submission = tmp_path / "predictions.jsonl"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmark",
            "harness-submission",
            str(samples_file),
            "--out",
            str(submission),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    lines = [json.loads(x) for x in submission.read_text(encoding="utf-8").splitlines()]
    assert sorted(x["doc_id"] for x in lines) == sorted(d.id for d in docs)
    report = bench_score(lines, "test", tmp_path)
    for name, report_path in CORPUS_METRICS.items():
        assert results[f"{name},none"] == pytest.approx(report_value(report, report_path)), name
    assert report["relations"]["timed"]["f1"] == 1.0
