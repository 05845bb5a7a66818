"""The harness task's library side and its ``bench`` commands; none of this needs lm-eval."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.baselines.llm import parse_answer
from benchmark.errors import UsageError
from benchmark.harness import (
    FEWSHOT_SPLIT,
    TASKS,
    check_demonstrations,
    demonstration_answer,
    include_path,
)
from benchmark.model import Document, load_documents
from tests.conftest import run_bench as bench

SEED_ID = "000_8dbbdfc2a546922b"
ALL_DOCS = load_documents(split=None)


def test_harness_path_prints_the_folder_that_declares_every_task() -> None:
    """`bench harness-path` prints a folder whose YAML files declare exactly the tasks of
    TASKS, each scoring its split."""
    done = bench("harness-path")
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip())
    assert folder == include_path()
    declared = {}
    for yaml_file in folder.glob("*.yaml"):
        text = yaml_file.read_text(encoding="utf-8")
        [task] = re.findall(r"^task: (\S+)$", text, re.M)
        splits = re.findall(r"^test_split: (\S+)$", text, re.M)
        declared[task] = splits[0] if splits else None
    assert declared == TASKS


@pytest.mark.parametrize("doc", ALL_DOCS, ids=[d.id for d in ALL_DOCS])
def test_a_demonstration_answer_is_a_valid_one_line_answer_with_the_actual_relations(
    doc: Document,
) -> None:
    """The gold written in the prompt's answer format parses without a problem, on one line,
    with one relation per actual gold relation named by canonical names."""
    answer = demonstration_answer(doc)
    assert "\n" not in answer
    line, problem = parse_answer(answer, doc)
    assert problem is None
    actual = [r for r in doc.relations if r.realis == "actual"]
    assert len(line.get("relations", [])) == len(actual)
    assert len(line.get("mentions", [])) == len(doc.mentions)
    names = {e.name for e in doc.entities}
    assert all({r["arg1"], r["arg2"]} <= names for r in line.get("relations", []))


SEED = next(d for d in ALL_DOCS if d.id == SEED_ID)
OTHER_SPLIT = next(d for d in ALL_DOCS if d.split != SEED.split)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_answer_text_gives_a_line_for_its_document_and_never_raises(text: str) -> None:
    """Whatever the model says, the parser returns a line for the document: either a valid
    one, or the empty line with a problem."""
    line, problem = parse_answer(text, SEED)
    assert line["doc_id"] == SEED_ID
    if problem is not None:
        assert line == {"doc_id": SEED_ID}


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(ALL_DOCS), st.sampled_from(["", "json"]), st.sampled_from(["", "\n", "  "]))
def test_a_fenced_answer_parses_like_the_bare_answer(doc: Document, tag: str, pad: str) -> None:
    """A ```json fenced block (with or without the tag, padded or not) parses to the same line
    as the bare JSON."""
    bare = demonstration_answer(doc)
    fenced = f"{pad}```{tag}\n{bare}\n```{pad}"
    assert parse_answer(fenced, doc) == parse_answer(bare, doc)


def test_demonstrations_must_be_dev_documents_and_enough_of_them() -> None:
    """Few-shot refuses a non-dev demonstration, more demonstrations than dev documents, and
    the dev split as the scored split; zero-shot is never refused."""
    dev_row = {"split": FEWSHOT_SPLIT}
    check_demonstrations([dev_row], 1, "test")
    check_demonstrations([], 0, FEWSHOT_SPLIT)
    check_demonstrations([{"split": "test"}], 0, "test")
    with pytest.raises(UsageError, match="not \\['test'\\]"):
        check_demonstrations([dev_row, {"split": "test"}], 1, None)
    with pytest.raises(UsageError, match="needs 2 annotated 'dev' document"):
        check_demonstrations([dev_row], 2, "contrast")
    with pytest.raises(UsageError, match="split being scored"):
        check_demonstrations([dev_row], 1, FEWSHOT_SPLIT)


def _samples(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "samples_envoy_bench.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _sample(doc: Document, answer: str) -> dict[str, Any]:
    """A sample line shaped as lm-eval's --log_samples writes it (the fields the converter
    reads: doc.doc_id, doc.split, filtered_resps)."""
    return {
        "doc_id": 0,
        "doc": {"doc_id": doc.id, "split": doc.split},
        "resps": [[answer]],
        "filtered_resps": [answer],
    }


def test_harness_submission_writes_one_line_per_sample_and_warns_of_bad_answers(
    tmp_path: Path,
) -> None:
    """A gold answer becomes its parsed line; a malformed one a line predicting no relations
    (``relations: []``: the task asks for relations, so the layer stays submitted and scores
    0.0 rather than null) with a warning that names the document; the summary says how to
    score the file."""
    contrast = load_documents(split="contrast")
    good, bad = contrast[0], contrast[1]
    samples = _samples(tmp_path, [_sample(good, demonstration_answer(good)), _sample(bad, "??")])
    out = tmp_path / "predictions.jsonl"
    done = bench("harness-submission", str(samples), "--out", str(out))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines[1] == {"doc_id": bad.id, "relations": []}
    assert lines[0]["doc_id"] == good.id
    assert len(lines[0]["mentions"]) == len(good.mentions)
    assert f"warning: {bad.id}:" in done.stderr
    assert f"bench score {out} --split contrast" in done.stdout
    scored = bench("score", str(out), "--split", "contrast", "--check")
    assert scored.returncode == 0, scored.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json\n", r"samples_envoy_bench.jsonl:1: not an envoy-bench sample"),
        (json.dumps({"doc": {"doc_id": SEED_ID}}) + "\n", r":1: not an envoy-bench sample"),
        (
            json.dumps(_sample(SEED, "{}")) + "\n" + json.dumps(_sample(OTHER_SPLIT, "{}")),
            r"expected the samples of one split",
        ),
        (
            json.dumps({**_sample(SEED, "{}"), "doc": {"doc_id": "nope", "split": "test"}}),
            r"document 'nope' is not in split 'test'",
        ),
    ],
    ids=["bad-json", "no-answer", "two-splits", "unknown-doc"],
)
def test_harness_submission_refuses_a_file_that_is_not_samples_of_one_split(
    tmp_path: Path, content: str, message: str
) -> None:
    """A broken samples file exits 2 with a message that names the file (and line), writes
    nothing, and shows no traceback."""
    samples = tmp_path / "samples_envoy_bench.jsonl"
    samples.write_text(content, encoding="utf-8")
    out = tmp_path / "predictions.jsonl"
    done = bench("harness-submission", str(samples), "--out", str(out))
    assert done.returncode == 2
    assert re.search(message, done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
