"""Corpora of copies of real gold documents, for measuring and testing the scorer.

:func:`make_copies` writes a data root holding ``n`` copies of gold documents (each text with
a numbered line appended, so every copy has its own sha256, and that line a sentence of its
own; the other annotations unchanged) and a
submission holding a system's real prediction for each original under its copy's id,
optionally with a random share of its items dropped so that the copies score differently.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmark.model import (
    Document,
    SeedInfo,
    Sentence,
    annotation_path,
    document_to_records,
    load_documents,
    read_manifest,
    records_to_text,
    resolve_root,
    seed_path,
    write_split_metadata,
)

SEED_ID = "000_8dbbdfc2a546922b"


def make_copies(
    out: str | os.PathLike[str],
    n: int,
    predictions: dict[str, dict[str, Any]],
    *,
    split: str = "test",
    drop: float = 0.0,
    seed: int = 0,
) -> Path:
    """Write into ``out`` a data root with ``n`` gold documents, copies of the gold documents
    named by ``predictions`` taken in turn (``{doc_id: a system's submission line for it}``),
    and the submission ``out/predictions.jsonl`` giving each copy its original's line
    (``drop``: the share of its mentions, timexes and relations left out at random).
    Returns the submission's path."""
    import hashlib

    root = Path(out)
    sources = [d for d in load_documents(split=None) if d.id in predictions]
    if not sources:
        raise ValueError("none of the predicted documents is in the gold")
    (root / "annotations").mkdir(parents=True, exist_ok=True)
    (root / "annotations" / "manifest.json").write_text(
        json.dumps(read_manifest(resolve_root(None)), indent=2) + "\n", encoding="utf-8"
    )
    rng = random.Random(seed)
    seeds: list[SeedInfo] = []
    with (root / "predictions.jsonl").open("w", encoding="utf-8") as sub:
        for k in range(n):
            source = sources[k % len(sources)]
            new_id = f"{k:06d}_copy"
            marker = f"[copy {k}]"
            text = f"{source.text}\n{marker}\n"
            # the marker is a sentence of its own, so that the copy is valid gold
            start = len(source.text) + 1
            sentences = [
                *source.sentences,
                Sentence(len(source.sentences), start, start + len(marker)),
            ]
            info = SeedInfo(
                id=new_id,
                published=source.published,
                split=split,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                source="copy of " + source.id,
            )
            doc = replace(
                source,
                id=new_id,
                text=text,
                split=split,
                group="",
                category="",
                sentences=sentences,
            )
            text_path = seed_path(info, root)
            text_path.parent.mkdir(parents=True, exist_ok=True)
            text_path.write_bytes(text.encode("utf-8"))
            ann = annotation_path(info, root)
            ann.parent.mkdir(parents=True, exist_ok=True)
            ann.write_text(records_to_text(document_to_records(doc)), encoding="utf-8")
            seeds.append(info)
            line = dict(predictions[source.id], doc_id=new_id)
            if drop:
                for layer in ("mentions", "timexes", "relations"):
                    if isinstance(line.get(layer), list):
                        line[layer] = [x for x in line[layer] if rng.random() >= drop]
                clusters = {m.get("entity") for m in line.get("mentions") or ()}
                if isinstance(line.get("relations"), list):  # keep references defined
                    line["relations"] = [
                        r
                        for r in line["relations"]
                        if all(
                            not isinstance(a, dict) or "entity" not in a or a["entity"] in clusters
                            for a in (r.get("arg1"), r.get("arg2"))
                        )
                    ]
            sub.write(json.dumps(line, ensure_ascii=False) + "\n")
    write_split_metadata(split, seeds, root)
    return root / "predictions.jsonl"


def read_predictions(*paths: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Submission lines by document id, from JSON Lines files."""
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                out[obj["doc_id"]] = obj
    return out


def copied_documents(root: str | os.PathLike[str], split: str = "test") -> list[Document]:
    """The gold documents of a corpus made by :func:`make_copies`."""
    return load_documents(root, split=split)
