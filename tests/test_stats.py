"""`bench stats` counts equal counts taken straight from the annotation files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from benchmark.stats import corpus_stats, format_stats
from tests.conftest import raw_gold_files

ROOT = Path(__file__).resolve().parent.parent


def _records(kind: str) -> list[dict[str, object]]:
    out = []
    for path in raw_gold_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["record"] == kind:
                out.append(record)
    return out


def test_counts_match_the_files() -> None:
    """Every layer's total and breakdown equals a direct count over the JSONL records."""
    stats = corpus_stats()
    mentions = _records("mention")
    relations = _records("relation")
    assert len(_records("document")) == stats["documents"]
    assert len(_records("sentence")) == stats["sentences"]
    assert len(_records("entity")) == stats["entities"]["total"]
    assert dict(Counter(str(m["level"]) for m in mentions)) == stats["mentions"]["by_level"]
    assert dict(Counter(str(m["type"]) for m in mentions)) == stats["mentions"]["by_type"]
    assert len(_records("timex")) == stats["timexes"]["total"]
    assert dict(Counter(str(r["type"]) for r in relations)) == stats["relations"]["by_type"]
    assert dict(Counter(str(r["realis"]) for r in relations)) == stats["relations"]["by_realis"]


def test_format_names_every_layer() -> None:
    """The printed block has one line per layer."""
    text = format_stats(corpus_stats())
    heads = [line.split()[0] for line in text.splitlines()]
    assert ["documents", "sentences", "entities", "mentions", "timexes", "relations"] == heads
