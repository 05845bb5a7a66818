"""Counts of the gold per layer and type (``bench stats``)."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from benchmark.model import load_documents


def corpus_stats(
    root: str | os.PathLike[str] | None = None, split: str | None = None
) -> dict[str, Any]:
    """Documents, sentences, entities by type, mentions by type and level, timexes by type,
    relations by type and realis; per split and overall."""
    docs = load_documents(root, split=split)
    entities = Counter(e.type for d in docs for e in d.entities)
    mention_types = Counter(m.type for d in docs for m in d.mentions)
    mention_levels = Counter(m.level for d in docs for m in d.mentions)
    timexes = Counter(t.type for d in docs for t in d.timexes)
    relations = Counter(r.type for d in docs for r in d.relations)
    realis = Counter(r.realis for d in docs for r in d.relations)
    return {
        "splits": dict(sorted(Counter(d.split for d in docs).items())),
        "documents": len(docs),
        "sentences": sum(len(d.sentences) for d in docs),
        "characters": sum(len(d.text) for d in docs),
        "entities": {"total": sum(entities.values()), **dict(sorted(entities.items()))},
        "mentions": {
            "total": sum(mention_types.values()),
            "by_type": dict(sorted(mention_types.items())),
            "by_level": dict(sorted(mention_levels.items())),
        },
        "timexes": {"total": sum(timexes.values()), **dict(sorted(timexes.items()))},
        "relations": {
            "total": sum(relations.values()),
            "by_type": dict(sorted(relations.items())),
            "by_realis": dict(sorted(realis.items())),
        },
    }


def format_stats(stats: dict[str, Any]) -> str:
    """A readable block of the counts."""

    def pairs(counts: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in counts.items() if k != "total") or "none"

    splits = ", ".join(f"{k} {v}" for k, v in stats["splits"].items()) or "none"
    lines = [
        f"documents   {stats['documents']} ({splits})",
        f"sentences   {stats['sentences']}",
        f"entities    {stats['entities']['total']} ({pairs(stats['entities'])})",
        f"mentions    {stats['mentions']['total']} (by type: {pairs(stats['mentions']['by_type'])};"
        f" by level: {pairs(stats['mentions']['by_level'])})",
        f"timexes     {stats['timexes']['total']} ({pairs(stats['timexes'])})",
        f"relations   {stats['relations']['total']} (by type: "
        f"{pairs(stats['relations']['by_type'])}; by realis: "
        f"{pairs(stats['relations']['by_realis'])})",
    ]
    return "\n".join(lines)
