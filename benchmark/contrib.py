"""The contributor workflow: add a document, pre-annotate it, mark it reviewed.

* :func:`add_document` copies a text into ``seeds/`` byte for byte and records its metadata and
  sha256. The default id is ``NNN_<first 16 hex digits of the text's sha256>``, ``NNN`` being
  the number of documents already there (the seed's own id was given with it). A text already
  present (same sha256), an id already taken and a date that is not ``YYYY-MM-DD`` are refused.
* :func:`preannotate` writes a draft annotation file from a baseline's analysis, with status
  ``unreviewed``: sentences, actors (clusters named by their longest name), mentions with their
  level, timexes and the relations the system found (realis ``actual``; trigger and evidence
  from the system). ``bench validate`` refuses unreviewed annotations in a scored split.
* :func:`mark_reviewed` sets the status to ``reviewed`` and records the reviewer.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from benchmark.errors import UsageError
from benchmark.model import (
    Document,
    Entity,
    Mention,
    Relation,
    SeedInfo,
    Sentence,
    Span,
    Timex,
    annotation_path,
    atomic_write_bytes,
    check_id,
    check_split,
    read_annotation_records,
    read_manifest,
    read_seed_metadata,
    read_seed_text,
    records_to_document,
    seed_path,
    writable_root,
    write_annotation_file,
    write_split_metadata,
)


def add_document(
    file: str | os.PathLike[str],
    *,
    published: str,
    source: str,
    doc_id: str | None = None,
    split: str = "test",
    title: str = "",
    url: str = "",
    license: str = "",
    provenance: str = "",
    root: str | os.PathLike[str] | None = None,
) -> SeedInfo:
    """Copy ``file`` into the seeds of ``root`` and record its metadata."""
    import hashlib

    path = Path(file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        date.fromisoformat(published)
    except ValueError as exc:
        raise UsageError(f"--published {published!r} is not a date (YYYY-MM-DD)") from exc
    check_split(split, "--split")
    if not source.strip():
        raise UsageError("--source must say where the text comes from")
    base = writable_root(root)
    seeds = read_seed_metadata(base)
    digest = hashlib.sha256(data).hexdigest()
    same = [s.id for s in seeds.values() if s.sha256 == digest]
    if same:
        raise UsageError(f"{path}: this text is already in the benchmark as {same[0]}")
    # news documents are numbered in order of addition; contrast documents carry no number
    numbers = [int(m.group(1)) for s in seeds if (m := re.match(r"(\d+)_", s))]
    doc_id = doc_id or f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}"
    check_id(doc_id, "--id")
    if doc_id in seeds:
        raise UsageError(f"--id {doc_id!r} is already taken")
    seed = SeedInfo(
        id=doc_id,
        published=published,
        split=split,
        sha256=digest,
        source=source,
        title=title,
        url=url,
        license=license,
        provenance=provenance,
    )
    text_path = seed_path(seed, base)
    if text_path.exists() and text_path.read_bytes() != data:
        raise UsageError(f"{text_path} exists with another text and no metadata: remove it first")
    atomic_write_bytes(text_path, data)
    same_split = [s for s in seeds.values() if s.split == split]
    write_split_metadata(split, [*same_split, seed], base)
    return seed


def preannotate(
    doc_id: str,
    system: str = "rules",
    *,
    root: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write draft annotations of ``doc_id`` from a baseline, marked unreviewed."""
    from benchmark.baselines.rules import analyse, find_relations

    if system not in ("rules", "cooccurrence"):
        raise UsageError(f"--system must be rules or cooccurrence, not {system!r}")
    base = writable_root(root)
    seeds = read_seed_metadata(base)
    if doc_id not in seeds:
        raise UsageError(f"unknown document {doc_id!r}: add it first with `bench add-doc`")
    out = annotation_path(seeds[doc_id], base)
    if out.exists() and not overwrite:
        raise UsageError(f"{out} exists: a reviewer's work is never overwritten (use --overwrite)")
    seed = seeds[doc_id]
    text = read_seed_text(seed, base)
    draft = Document(doc_id, text, seed.published, seed.split)
    analysis = analyse(draft)
    found = find_relations(draft, analysis, None, cooccurrence=system == "cooccurrence")

    doc = Document(
        doc_id,
        text,
        seed.published,
        seed.split,
        status="unreviewed",
        guidelines_version=read_manifest(base).get("guidelines_version", ""),
        annotators=(f"preannotate:{system}",),
    )
    doc.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(analysis.sentences)]
    ids = {aid: f"e{i + 1}" for i, aid in enumerate(analysis.actors)}
    used = {m.actor for m in analysis.mentions}
    for aid, actor in analysis.actors.items():
        if aid in used:
            surfaces = [
                text[m.start : m.end]
                for m in analysis.mentions
                if m.actor == aid and m.level == "NAM"
            ]
            name = max(surfaces, key=len) if surfaces else actor.name
            doc.entities.append(Entity(ids[aid], name, actor.type))
    doc.mentions = [
        Mention(f"m{i + 1}", ids[m.actor], m.start, m.end, text[m.start : m.end], m.type, m.level)
        for i, m in enumerate(analysis.mentions)
    ]
    doc.timexes = [
        Timex(f"t{i + 1}", t.start, t.end, t.text, t.type, t.value)
        for i, t in enumerate(analysis.timexes)
    ]
    timex_ids = {(t.start, t.end): t.id for t in doc.timexes}
    for i, r in enumerate(found):
        start, end = r["trigger"]
        sentence = next(s.index for s in doc.sentences if s.start <= start < s.end)
        tx = r["timex"]
        doc.relations.append(
            Relation(
                id=f"r{i + 1}",
                type=r["type"],
                arg1=ids[r["arg1"]],
                arg2=ids[r["arg2"]],
                date=r["date"],
                timex=timex_ids.get((tx.start, tx.end)) if tx else None,
                trigger=Span(start, end, text[start:end]),
                evidence=(sentence,),
                realis="actual",
            )
        )
    write_annotation_file(doc, out)
    return out


def mark_reviewed(
    doc_id: str, reviewer: str, *, root: str | os.PathLike[str] | None = None
) -> Path:
    """Set a document's annotations to reviewed, adding ``reviewer`` to its annotators."""
    if not reviewer.strip():
        raise UsageError("--reviewer must name the person who reviewed the annotations")
    base = writable_root(root)
    seeds = read_seed_metadata(base)
    if doc_id not in seeds:
        raise UsageError(f"unknown document {doc_id!r}")
    path = annotation_path(seeds[doc_id], base)
    if not path.is_file():
        raise UsageError(f"no annotations for {doc_id!r} ({path})")
    doc = records_to_document(
        read_annotation_records(path), read_seed_text(seeds[doc_id], base), seeds[doc_id]
    )
    doc.status = "reviewed"
    if f"reviewer:{reviewer}" not in doc.annotators:
        doc.annotators = (*doc.annotators, f"reviewer:{reviewer}")
    write_annotation_file(doc, path)
    return path
