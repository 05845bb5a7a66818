"""The Python API: benchmark.score() on a path or on dicts, benchmark.load(split=...)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import benchmark
from benchmark.errors import SubmissionError, UsageError
from benchmark.model import load_documents

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "submissions" / "rules" / "predictions.jsonl"


def _without_path(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "submission"}


def test_score_accepts_a_path_or_dicts_with_the_same_report() -> None:
    """A submission file and the same lines as dicts give the same report (JSON values)."""
    lines = [json.loads(x) for x in RULES.read_text(encoding="utf-8").splitlines()]
    from_path = benchmark.score(RULES, n_boot=0)
    from_dicts = benchmark.score(lines, split="test", n_boot=0)
    assert from_path["submission"] == str(RULES)
    assert from_dicts["submission"] == "<predictions>"
    assert _without_path(json.loads(json.dumps(from_path))) == _without_path(
        json.loads(json.dumps(from_dicts))
    )
    assert from_path["relations"] is not None
    assert 0 <= from_path["relations"]["timed"]["f1"] <= 1


def test_score_on_bad_dicts_names_the_position_and_field() -> None:
    """A typo in the second dict raises SubmissionError naming line 2 and the field."""
    first, second = (d.id for d in load_documents(split="contrast")[:2])
    with pytest.raises(SubmissionError) as caught:
        benchmark.score([{"doc_id": first}, {"doc_id": second, "relation": []}], split="contrast")
    text = str(caught.value)
    assert "<predictions>:2: relation: unknown key 'relation'; did you mean 'relations'?" in text


def test_load_takes_a_split() -> None:
    """benchmark.load(split="test") returns that split's Dataset (it was a TypeError)."""
    test = benchmark.load(split="test")
    assert len(test) == len(load_documents(split="test"))
    with pytest.raises(UsageError):
        benchmark.load(split="nope")
