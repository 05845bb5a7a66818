"""The contributor workflow: add a document, pre-annotate it, mark it reviewed.

* :func:`add_document` copies a text into ``seeds/<split>/`` byte for byte and records its
  metadata and sha256 (each split's metadata file stays sorted by id). The default id is
  ``NNN_<first 16 hex digits of the text's sha256>``, ``NNN`` following the highest number
  already used (the seed's own id was given with it). A text already present (same sha256), an
  id already taken and a date that is not ``YYYY-MM-DD`` are refused. The whole step holds the
  data root's lock (``fcntl.flock`` on ``.add-doc.lock``), so concurrent runs all land; the
  text is written before the metadata line, and a retry after a kill in between adopts the text
  left behind (:func:`orphan_texts` lists such texts with the fix).
* :func:`resegment` re-segments a gold by GUIDELINES §2 and remaps relation evidence.
* :func:`preannotate` writes a draft annotation file from a baseline's analysis, with status
  ``unreviewed``: sentences, actors (clusters named by their longest name), mentions with their
  level, timexes and the relations the system found (realis ``actual``; trigger and evidence
  from the system). ``bench validate`` refuses unreviewed annotations in a scored split.
* :func:`mark_reviewed` sets the status to ``reviewed`` and records the reviewer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from benchmark.errors import AnnotationError, Problem, UsageError
from benchmark.model import (
    ALLOWED_ARG_TYPES,
    SPLITS,
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
    contained,
    document_to_records,
    read_annotation_records,
    read_manifest,
    read_seed_metadata,
    read_seed_text,
    records_to_document,
    resolve_root,
    seed_dir,
    seed_path,
    writable_root,
    write_annotation_file,
    write_split_metadata,
)
from benchmark.segment import (
    overlapping,
    remap_evidence,
    segment,
    sentence_problems,
    wrapped_lines,
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
    keep_line_breaks: bool = False,
) -> SeedInfo:
    """Copy ``file`` into the seeds of ``root`` and record its metadata.

    The contrast split is refused: its documents are generated from
    ``annotations/contrast-specs/`` by ``bench contrast``, which would find a hand-added one
    stale.

    A text that looks hard-wrapped (:func:`benchmark.segment.wrapped_lines`) is refused unless
    ``keep_line_breaks``: it is stored byte for byte, and each wrapped line would become a
    sentence of its own."""
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
    if split == "contrast":
        raise UsageError(
            "--split contrast: contrast documents are not added by hand. Declare the document "
            "in annotations/contrast-specs/<group>.json and run `bench contrast`, which writes "
            "its text, metadata and gold (CONTRIBUTING §6)"
        )
    wrapped = wrapped_lines(data.decode("utf-8"))
    if wrapped and not keep_line_breaks:
        shown = ", ".join(map(str, wrapped[:8])) + (", ..." if len(wrapped) > 8 else "")
        raise UsageError(
            f"{path}: line(s) {shown} continue a paragraph with a capital letter after a line "
            "that has no closing punctuation: the text looks hard-wrapped, and each such line "
            "would start a sentence of its own (GUIDELINES §2, rule 7). Put each paragraph on "
            "one line (blank lines between paragraphs) and add it again, or pass "
            "--keep-line-breaks if the line breaks are meant (headings, lists)."
        )
    if doc_id is not None:
        check_id(doc_id, "--id")  # before the lock file: a refused call creates nothing
    if not source.strip():
        raise UsageError("--source must say where the text comes from")
    base = writable_root(root)
    digest = hashlib.sha256(data).hexdigest()
    with _locked(base):
        # read under the lock: a concurrent add-doc has either landed entirely or not started
        seeds = read_seed_metadata(base)
        same = [s.id for s in seeds.values() if s.sha256 == digest]
        if same:
            raise UsageError(f"{path}: this text is already in the benchmark as {same[0]}")
        # news documents are numbered in order of addition; contrast documents carry no number
        numbers = [int(m.group(1)) for s in seeds if (m := re.match(r"(\d+)_", s))]
        # a retry after a kill between the two writes finishes the interrupted run: the text
        # left behind (same bytes) keeps its id, whatever was added in the meantime
        listed = {s.filename for s in seeds.values() if s.split == split}
        folder = seed_dir(split, base)
        left = sorted(
            p.stem
            for p in (folder.glob("*.txt") if folder.is_dir() else [])
            if p.name not in listed and p.stat().st_size == len(data) and p.read_bytes() == data
        )
        fresh = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}"
        doc_id = doc_id or (left[0] if left else fresh)
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
            raise UsageError(
                f"{text_path} holds another text and has no metadata line (an interrupted "
                f"add-doc left it): add that text again with `bench add-doc {text_path} ...` "
                "to keep it, or delete the file; then retry"
            )
        # the text first, then the metadata line: a kill in between leaves a text without
        # metadata, which the next add-doc of the same text adopts (same bytes, same id) and
        # any other run reports (`orphan_texts`)
        atomic_write_bytes(text_path, data)
        same_split = [s for s in seeds.values() if s.split == split]
        write_split_metadata(split, [*same_split, seed], base)
    return seed


@contextmanager
def _locked(base: Path) -> Iterator[None]:
    """Hold the data root's add-doc lock (``.add-doc.lock`` at its top, ``fcntl.flock``): two
    add-docs at once run one after the other, so neither loses the other's metadata line. The
    kernel releases the lock when the process dies, so a kill never leaves it held."""
    import fcntl

    lock = contained(base, ".add-doc.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def orphan_texts(root: str | os.PathLike[str] | None = None) -> list[str]:
    """Texts in ``seeds/<split>/`` without a metadata line (an add-doc killed between its two
    writes), each with the way to fix it."""
    base = resolve_root(root)
    known = {(s.split, s.filename) for s in read_seed_metadata(base).values()}
    found = []
    for split in SPLITS:
        folder = base / "seeds" / split
        for text in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            if (split, text.name) not in known:
                found.append(
                    f"{text} has no metadata line (an add-doc was interrupted): run "
                    f"`bench add-doc {text} --published ... --source ... --id {text.stem}` "
                    "to finish it, or delete the file"
                )
    return found


def preannotate(
    doc_id: str,
    system: str = "rules",
    *,
    root: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write draft annotations of ``doc_id`` from a baseline, marked unreviewed."""
    if system not in PREANNOTATORS:
        raise UsageError(f"--system must be {' or '.join(PREANNOTATORS)}, not {system!r}")
    base = writable_root(root)
    seeds = read_seed_metadata(base)
    if doc_id not in seeds:
        raise UsageError(f"unknown document {doc_id!r}: add it first with `bench add-doc`")
    out = annotation_path(seeds[doc_id], base)
    if out.exists() and not overwrite:
        raise UsageError(f"{out} exists: a reviewer's work is never overwritten (use --overwrite)")
    seed = seeds[doc_id]
    doc = draft_annotations(
        seed,
        read_seed_text(seed, base),
        system,
        read_manifest(base).get("guidelines_version", ""),
    )
    write_annotation_file(doc, out)
    return out


#: The systems `bench preannotate` drafts with.
PREANNOTATORS = ("rules", "cooccurrence")


def draft_annotations(seed: SeedInfo, text: str, system: str, guidelines_version: str) -> Document:
    """The draft annotations ``system`` (one of :data:`PREANNOTATORS`) makes of a document."""
    from benchmark.baselines.rules import analyse, find_relations

    doc_id = seed.id
    draft = Document(doc_id, text, seed.published, seed.split)
    analysis = analyse(draft)
    found = find_relations(draft, analysis, None, cooccurrence=system == "cooccurrence")

    doc = Document(
        doc_id,
        text,
        seed.published,
        seed.split,
        status="unreviewed",
        guidelines_version=guidelines_version,
        annotators=(f"preannotate:{system}",),
    )
    spans = segment(text)
    doc.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    # a name the rules read across a line break would straddle two sentences: left out
    # numbered in text order (outer before inner), as every import numbers them
    kept = sorted(
        (m for m in analysis.mentions if inside(m.start, m.end)), key=lambda m: (m.start, -m.end)
    )
    from benchmark.scoring import normalize_name

    # One entity per name: the rules may open two actors for "the European Union" and "European
    # Union"; gold needs names a system's answer resolves to one actor (GUIDELINES §3).
    used = {m.actor for m in kept}
    ids: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for aid, actor in analysis.actors.items():
        if aid not in used:
            continue
        surfaces = [text[m.start : m.end] for m in kept if m.actor == aid and m.level == "NAM"]
        name = (
            actor.name if actor.type == "GPE" and actor.name else max(surfaces, key=len, default="")
        )
        name = re.sub(r"^(?:the|The)\s+", "", name or actor.name)
        key = normalize_name(name) or aid
        if key in by_name:
            ids[aid] = by_name[key]
            continue
        ids[aid] = by_name[key] = f"e{len(by_name) + 1}"
        doc.entities.append(Entity(ids[aid], name, actor.type))
    types = {e.id: e.type for e in doc.entities}
    doc.mentions = [
        Mention(
            f"m{i + 1}",
            ids[m.actor],
            m.start,
            m.end,
            text[m.start : m.end],
            types[ids[m.actor]],
            m.level,
        )
        for i, m in enumerate(kept)
    ]
    doc.timexes = [
        Timex(f"t{i + 1}", t.start, t.end, t.text, t.type, t.value)
        for i, t in enumerate(
            sorted(
                (x for x in analysis.timexes if inside(x.start, x.end)),
                key=lambda x: (x.start, -x.end),
            )
        )
    ]
    timex_ids = {(t.start, t.end): t.id for t in doc.timexes}
    for r in found:
        # a relation told in a later sentence ("Those targeted include ...") has the trigger of
        # the event it continues, and both sentences as evidence
        trigger = r.get("trigger") or r.get("told_by")
        if trigger is None:
            continue
        start, end = trigger
        evidence = set(overlapping(spans, start, start + 1))
        if r.get("told_at") is not None:
            evidence |= set(overlapping(spans, r["told_at"], r["told_at"] + 1))
        if r["arg1"] not in used or r["arg2"] not in used or not inside(start, end):
            continue
        allowed = ALLOWED_ARG_TYPES[r["type"]]
        if types[ids[r["arg1"]]] not in allowed[0] or types[ids[r["arg2"]]] not in allowed[1]:
            continue  # the schema forbids it (a region sanctioned): a draft must pass validate
        if ids[r["arg1"]] == ids[r["arg2"]]:
            continue
        tx = r.get("timex")
        timex = timex_ids.get((tx.start, tx.end)) if tx else None
        doc.relations.append(
            Relation(
                id=f"r{len(doc.relations) + 1}",
                type=r["type"],
                arg1=ids[r["arg1"]],
                arg2=ids[r["arg2"]],
                date=r["date"],
                timex=timex,
                trigger=Span(start, end, text[start:end]),
                evidence=tuple(sorted(evidence)),
                realis="actual",
            )
        )
    return doc


def mark_reviewed(
    doc_id: str, reviewer: str, *, root: str | os.PathLike[str] | None = None
) -> tuple[Path, list[str]]:
    """Set a document's annotations to reviewed, adding ``reviewer`` to its annotators.

    Returns the file and its warnings: a file whose records are still those a
    ``bench preannotate`` system drafts (drafted again now and compared by content, so that
    edits made in a text editor count and a round trip through an annotation tool without
    edits does not) makes a system's draft gold when reviewed. That is allowed (a reviewer may
    have checked every record in the file itself) but said. A draft made by an earlier
    version of the system may differ from today's and then passes as edited. A reviewed file
    that fails ``bench validate`` is written all the same (its status is the reviewer's call)
    with a warning naming the first problem: it cannot land as gold before they are mended."""
    if not reviewer.strip():
        raise UsageError("--reviewer must name the person who reviewed the annotations")
    base = writable_root(root)
    seeds = read_seed_metadata(base)
    if doc_id not in seeds:
        raise UsageError(f"unknown document {doc_id!r}")
    path = annotation_path(seeds[doc_id], base)
    if not path.is_file():
        raise UsageError(f"no annotations for {doc_id!r} ({path})")
    records = read_annotation_records(path)
    if not records:
        raise UsageError(f"{path}: the file holds no records: there is nothing to review")
    doc = records_to_document(records, read_seed_text(seeds[doc_id], base), seeds[doc_id])
    warnings = []
    if _is_unedited_draft(doc, seeds[doc_id]):
        warnings.append(
            f"{doc_id}: its annotations are an unedited `bench preannotate` draft (annotators: "
            f"{', '.join(doc.annotators) or 'none'}); it is now gold as it stands. Correct it "
            "first in brat or Label Studio (CONTRIBUTING.md §3) unless you have checked every "
            "record"
        )
    doc.status = "reviewed"
    if f"reviewer:{reviewer}" not in doc.annotators:
        doc.annotators = (*doc.annotators, f"reviewer:{reviewer}")
    write_annotation_file(doc, path)
    from benchmark.validate import check_annotation_file

    problems = check_annotation_file(path, seeds, base)
    if problems:
        warnings.append(
            f"{doc_id}: the reviewed file fails bench validate ({len(problems)} problem(s); the "
            f"first: {problems[0]}); it cannot land as gold until they are mended"
        )
    return path, warnings


def _is_unedited_draft(doc: Document, seed: SeedInfo) -> bool:
    """Whether the records of ``doc`` (all but its document record, which review changes) have
    the content of the draft that any :data:`PREANNOTATORS` system makes of it today, whatever
    the annotators say (a round trip through brat or Label Studio renames them and renumbers
    the ids, and changes nothing else); the system they name as ``preannotate:SYSTEM`` is tried
    first."""
    from benchmark.gold_diff import same_annotations

    named = [a.split(":", 1)[1] for a in doc.annotators if a.startswith("preannotate:")]
    systems = [s for s in named if s in PREANNOTATORS]  # first: the likelier match
    systems += [s for s in PREANNOTATORS if s not in systems]
    records = document_to_records(doc)
    for system in systems:
        try:
            draft = draft_annotations(seed, doc.text, system, "")
        except Exception:  # an advisory check: a system that fails must not block a review
            continue
        # a draft with no actor, date or event tells nothing (a text without any, annotated)
        if (draft.entities or draft.timexes) and same_annotations(
            records, document_to_records(draft)
        ):
            return True
    return False


def resegment(
    doc_id: str, *, write: bool = False, root: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """Re-segment the gold of ``doc_id`` with :func:`benchmark.segment.segment` and remap every
    relation's evidence (old sentence i -> the new sentences that overlap it; the trigger's
    sentence always stays). Returns what changes; ``write`` writes the file atomically, after
    checking it with ``benchmark.validate`` (a dry run otherwise).

    A mention, timex or trigger that the new segmentation would cut in two is an
    :class:`AnnotationError` naming it: nothing is written, the annotator fixes the span (or
    the text's line breaks) first.
    """
    from benchmark.validate import check_document

    base = writable_root(root) if write else resolve_root(root)
    seeds = read_seed_metadata(base)
    if doc_id not in seeds:
        raise UsageError(f"unknown document {doc_id!r}")
    seed = seeds[doc_id]
    path = annotation_path(seed, base)
    if not path.is_file():
        raise UsageError(f"no annotations for {doc_id!r} ({path}): run `bench preannotate` first")
    doc = records_to_document(read_annotation_records(path), read_seed_text(seed, base), seed)
    old = [(s.start, s.end) for s in doc.sentences]
    new = segment(doc.text)
    located = [
        *((f"mention {m.id}", m.start, m.end) for m in doc.mentions),
        *((f"timex {t.id}", t.start, t.end) for t in doc.timexes),
        *((f"relation {r.id}", r.trigger.start, r.trigger.end) for r in doc.relations),
    ]
    cut = [
        Problem(str(path), None, what, problem)
        for what, start, end in located
        for problem in sentence_problems(doc.text, new, [(start, end)])
    ]
    evidence = []
    for r in doc.relations:
        after = remap_evidence(old, new, r.evidence, (r.trigger.start, r.trigger.end))
        if after != tuple(r.evidence):
            evidence.append({"relation": r.id, "before": list(r.evidence), "after": list(after)})
            r.evidence = after
    kept = set(old) & set(new)
    report: dict[str, Any] = {
        "document": doc_id,
        "path": str(path),
        "sentences": {"before": len(old), "after": len(new)},
        "removed": [
            {"index": i, "start": s, "end": e, "text": doc.text[s:e]}
            for i, (s, e) in enumerate(old)
            if (s, e) not in kept
        ],
        "added": [
            {"index": i, "start": s, "end": e, "text": doc.text[s:e]}
            for i, (s, e) in enumerate(new)
            if (s, e) not in kept
        ],
        "evidence": evidence,
        "changed": old != new or bool(evidence),
        "written": False,
    }
    if cut:
        raise AnnotationError(
            f"{doc_id}: the new segmentation cuts annotated spans; fix them first", cut
        )
    if write and report["changed"]:
        doc.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(new)]
        problems = check_document(doc, base, target=path, draft=doc.status != "reviewed")
        if problems:
            raise AnnotationError(f"{doc_id}: the re-segmented gold is not valid", problems)
        write_annotation_file(doc, path)
        report["written"] = True
    return report


def render_resegment(report: dict[str, Any]) -> str:
    """What ``bench segment`` changes, for a reviewer."""
    s = report["sentences"]
    lines = [f"{report['document']}: {s['before']} sentence(s) -> {s['after']}"]
    for r in report["removed"]:
        lines.append(f"  - sentence {r['index']} [{r['start']}, {r['end']}) {r['text']!r}")
    for r in report["added"]:
        lines.append(f"  + sentence {r['index']} [{r['start']}, {r['end']}) {r['text']!r}")
    for e in report["evidence"]:
        lines.append(f"  ~ relation {e['relation']} evidence {e['before']} -> {e['after']}")
    if not report["changed"]:
        lines.append("  no change")
    elif report["written"]:
        lines.append(f"wrote {report['path']}")
    else:
        lines.append("dry run: nothing written (use --write)")
    return "\n".join(lines) + "\n"
