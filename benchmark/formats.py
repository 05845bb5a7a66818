"""Annotation tools people use: brat standoff, Label Studio, spaCy ``DocBin``.

**brat** (``<id>.txt`` + ``<id>.ann``; ``annotation.conf`` and ``visual.conf`` generated):

* a mention is a ``T`` line of its entity type (``PER``, ``ORG``, ``GPE``, ``LOC``) with an
  ``A`` line ``Level`` (NAM/NOM/PRO) and a ``#`` note holding its cluster as JSON
  (``{"entity": "e1"}``; the first mention of a cluster also carries the entity's ``name``,
  ``aliases`` and ``wikidata``); each cluster is also drawn as a ``*`` ``Coref`` equivalence;
* a timex is a ``Timex`` ``T`` line with an ``A`` line ``TimexType`` and a note
  ``{"id": ..., "value": ...}``;
* a relation is an ``R`` line of its type between the mentions of its arguments nearest its
  trigger (a ``Trigger`` ``T`` line); its note holds id, date, timex, evidence, realis and
  attributes.

**Label Studio**: a labeling config (labels for the four actor types, ``Timex`` and ``Trigger``,
the four relation types), tasks with the gold as ``predictions``, and import of the JSON
export. Region ``meta.text[0]`` holds the same JSON as brat's notes.

Neither format holds the sentence segmentation nor the document record (status, annotators,
guidelines version): an import takes the sentences of the existing gold of that document when
there is one (else segments the text), marks the result ``unreviewed``, and says so in its
warnings. The round trip gold -> format -> gold is otherwise lossless (tested).

**spaCy** ``DocBin`` (export only, for training NER): ``doc.spans["mentions"]`` holds every
mention (nested ones included), ``doc.ents`` the outermost named (NAM) mentions that do not
overlap, ``doc.spans["timexes"]`` the timexes; relations and clusters are not exported.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmark.errors import UsageError
from benchmark.model import (
    ENTITY_TYPES,
    MENTION_LEVELS,
    RELATION_TYPES,
    TIMEX_TYPES,
    Document,
    Entity,
    Mention,
    Relation,
    Sentence,
    Span,
    Timex,
    annotation_path,
    atomic_write_bytes,
    atomic_write_text,
    read_annotation_records,
    read_seed_metadata,
    read_seed_text,
    records_to_document,
    resolve_root,
)

LOST = "sentence segmentation and document status are not held by {fmt}"


def _natural(entity: Entity) -> tuple[str, int, str]:
    """Sort key: e2 before e10."""
    head = entity.id.rstrip("0123456789")
    tail = entity.id[len(head) :]
    return head, int(tail) if tail else -1, entity.id


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _arg_mentions(doc: Document, rel: Relation) -> tuple[Mention, Mention]:
    """The mentions of a relation's arguments nearest its trigger."""

    def nearest(entity: str) -> Mention:
        ms = [m for m in doc.mentions if m.entity == entity]
        return min(ms, key=lambda m: (abs(m.start - rel.trigger.start), m.start))

    return nearest(rel.arg1), nearest(rel.arg2)


def _entity_meta(doc: Document) -> dict[str, dict[str, Any]]:
    """Mention id -> note JSON (the first mention of a cluster carries the entity)."""
    entities = doc.entity_by_id()
    seen: set[str] = set()
    notes = {}
    for m in doc.mentions:
        note: dict[str, Any] = {"entity": m.entity}
        if m.entity not in seen:
            e = entities[m.entity]
            note.update(name=e.name, aliases=list(e.aliases), wikidata=e.wikidata)
            seen.add(m.entity)
        notes[m.id] = note
    return notes


def _relation_meta(rel: Relation) -> dict[str, Any]:
    return {
        "id": rel.id,
        "date": rel.date,
        "timex": rel.timex,
        "evidence": list(rel.evidence),
        "realis": rel.realis,
        "attributes": rel.attributes,
    }


# --------------------------------------------------------------------------- brat


def brat_configs() -> dict[str, str]:
    """``annotation.conf`` and ``visual.conf`` for the schema."""
    args = "|".join(t for t in ENTITY_TYPES if t != "LOC")
    annotation = "\n".join(
        [
            "[entities]",
            *ENTITY_TYPES,
            "Timex",
            "Trigger",
            "",
            "[relations]",
            "Coref\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
            *(
                f"{t}\tArg1:{args}, Arg2:{'PER' if t == 'named_envoy' else args}"
                for t in RELATION_TYPES
            ),
            "",
            "[events]",
            "",
            "[attributes]",
            f"Level\tArg:<ENTITY>, Value:{'|'.join(MENTION_LEVELS)}",
            f"TimexType\tArg:Timex, Value:{'|'.join(TIMEX_TYPES)}",
            "",
        ]
    )
    colours = {
        "PER": "#ffccaa",
        "ORG": "#8fb2ff",
        "GPE": "#7fe2ff",
        "LOC": "#aaffaa",
        "Timex": "#ffff99",
        "Trigger": "#e0e0e0",
    }
    visual = "\n".join(
        [
            "[labels]",
            *ENTITY_TYPES,
            "Timex",
            "Trigger",
            *RELATION_TYPES,
            "Coref",
            "",
            "[drawing]",
            *(f"{k}\tbgColor:{v}" for k, v in colours.items()),
            "Coref\tcolor:#999999, dashArray:3-3",
            "",
        ]
    )
    return {"annotation.conf": annotation, "visual.conf": visual}


def to_brat(doc: Document) -> str:
    """The ``.ann`` text of one document."""
    lines: list[str] = []
    tid: dict[str, str] = {}
    n_t = n_a = n_note = 0

    def t_line(label: str, start: int, end: int, text: str) -> str:
        nonlocal n_t
        n_t += 1
        lines.append(f"T{n_t}\t{label} {start} {end}\t{text}")
        return f"T{n_t}"

    def attribute(name: str, target: str, value: str) -> None:
        nonlocal n_a
        n_a += 1
        lines.append(f"A{n_a}\t{name} {target} {value}")

    def note(target: str, obj: Any) -> None:
        nonlocal n_note
        n_note += 1
        lines.append(f"#{n_note}\tAnnotatorNotes {target}\t{_dumps(obj)}")

    notes = _entity_meta(doc)
    for m in doc.mentions:
        tid[m.id] = t_line(m.type, m.start, m.end, m.text)
        attribute("Level", tid[m.id], m.level)
        note(tid[m.id], notes[m.id])
    clusters: dict[str, list[str]] = defaultdict(list)
    for m in doc.mentions:
        clusters[m.entity].append(tid[m.id])
    for members in clusters.values():
        if len(members) > 1:
            lines.append("*\tCoref " + " ".join(members))
    for t in doc.timexes:
        target = t_line("Timex", t.start, t.end, t.text)
        attribute("TimexType", target, t.type)
        note(target, {"id": t.id, "value": t.value})
    for i, r in enumerate(doc.relations, start=1):
        trigger = t_line("Trigger", r.trigger.start, r.trigger.end, r.trigger.text)
        m1, m2 = _arg_mentions(doc, r)
        lines.append(f"R{i}\t{r.type} Arg1:{tid[m1.id]} Arg2:{tid[m2.id]}")
        note(f"R{i}", {**_relation_meta(r), "trigger": trigger})
    return "\n".join(lines) + "\n"


def export_brat(docs: list[Document], out: str | os.PathLike[str]) -> list[Path]:
    folder = Path(out)
    written = []
    for name, text in brat_configs().items():
        atomic_write_text(folder / name, text)
        written.append(folder / name)
    for doc in docs:
        atomic_write_bytes(folder / f"{doc.id}.txt", doc.text.encode("utf-8"))
        atomic_write_text(folder / f"{doc.id}.ann", to_brat(doc))
        written += [folder / f"{doc.id}.txt", folder / f"{doc.id}.ann"]
    return written


def from_brat(doc_id: str, text: str, ann: str, where: str = "") -> Document:
    """A document from brat standoff written by :func:`to_brat` (or edited in brat)."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    attrs: dict[str, dict[str, str]] = defaultdict(dict)
    notes: dict[str, dict[str, Any]] = {}
    rels: list[tuple[str, str, str, str]] = []
    for number, line in enumerate(ann.splitlines(), start=1):
        if not line.strip():
            continue
        head, _, rest = line.partition("\t")
        try:
            if head.startswith("T"):
                label_offsets, _, surface = rest.partition("\t")
                label, first, last = label_offsets.split(" ")[:3]
                spans[head] = (label, int(first), int(last), surface)
            elif head.startswith("A"):
                name, target, value = rest.split(" ")
                attrs[target][name] = value
            elif head.startswith("#"):
                _, target_note = rest.split(" ", 1)
                target, _, body = target_note.partition("\t")
                notes[target] = json.loads(body)
            elif head.startswith("R"):
                rtype, a1, a2 = rest.split(" ")
                rels.append((head, rtype, a1.split(":")[1], a2.split(":")[1]))
        except (ValueError, IndexError, json.JSONDecodeError) as exc:
            raise UsageError(f"{where}:{number}: cannot read this brat line ({exc})") from exc
    doc = Document(doc_id, text, "", "")
    entities: dict[str, Entity] = {}
    for tid, (label, start, end, surface) in spans.items():
        if label in ENTITY_TYPES:
            meta = notes.get(tid, {})
            eid = meta.get("entity") or f"brat_{tid}"
            if eid not in entities or "name" in meta:
                entities[eid] = Entity(
                    eid,
                    meta.get("name", surface),
                    label,
                    tuple(meta.get("aliases", ())),
                    meta.get("wikidata", ""),
                )
            doc.mentions.append(
                Mention(
                    f"m{len(doc.mentions) + 1}",
                    eid,
                    start,
                    end,
                    surface,
                    label,
                    attrs[tid].get("Level", "NAM"),
                )
            )
        elif label == "Timex":
            meta = notes.get(tid, {})
            doc.timexes.append(
                Timex(
                    meta.get("id", tid),
                    start,
                    end,
                    surface,
                    attrs[tid].get("TimexType", "DATE"),
                    meta.get("value", ""),
                )
            )
    entity_of = {tid: (notes.get(tid, {}).get("entity") or f"brat_{tid}") for tid in spans}
    for rid, rtype, a1, a2 in rels:
        meta = notes.get(rid, {})
        trig = spans.get(meta.get("trigger", ""), ("Trigger", 0, 0, ""))
        doc.relations.append(
            Relation(
                id=meta.get("id", rid),
                type=rtype,
                arg1=entity_of[a1],
                arg2=entity_of[a2],
                date=meta.get("date"),
                timex=meta.get("timex"),
                trigger=Span(trig[1], trig[2], trig[3]),
                evidence=tuple(meta.get("evidence", ())),
                realis=meta.get("realis", "actual"),
                attributes=meta.get("attributes", {}),
            )
        )
    doc.entities = sorted(entities.values(), key=_natural)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    doc.mentions = [
        Mention(f"m{i + 1}", m.entity, m.start, m.end, m.text, m.type, m.level)
        for i, m in enumerate(doc.mentions)
    ]
    return doc


# --------------------------------------------------------------------------- Label Studio


def label_studio_config() -> str:
    labels = "\n".join(f'    <Label value="{t}"/>' for t in (*ENTITY_TYPES, "Timex", "Trigger"))
    relations = "\n".join(f'    <Relation value="{t}"/>' for t in RELATION_TYPES)
    return (
        "<View>\n  <Relations>\n" + relations + "\n  </Relations>\n"
        '  <Labels name="label" toName="text">\n' + labels + "\n  </Labels>\n"
        '  <Text name="text" value="$text"/>\n</View>\n'
    )


def to_label_studio(doc: Document) -> dict[str, Any]:
    """One task, with the annotations as a prediction (pre-annotation)."""
    result: list[dict[str, Any]] = []

    def region(rid: str, start: int, end: int, text: str, label: str, meta: Any) -> None:
        result.append(
            {
                "id": rid,
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": start, "end": end, "text": text, "labels": [label]},
                "meta": {"text": [_dumps(meta)]},
            }
        )

    notes = _entity_meta(doc)
    for m in doc.mentions:
        region(m.id, m.start, m.end, m.text, m.type, {**notes[m.id], "level": m.level})
    for t in doc.timexes:
        region(
            t.id, t.start, t.end, t.text, "Timex", {"id": t.id, "type": t.type, "value": t.value}
        )
    for r in doc.relations:
        trig = f"trigger_{r.id}"
        region(trig, r.trigger.start, r.trigger.end, r.trigger.text, "Trigger", _relation_meta(r))
        m1, m2 = _arg_mentions(doc, r)
        result.append(
            {
                "type": "relation",
                "from_id": m1.id,
                "to_id": m2.id,
                "direction": "right",
                "labels": [r.type],
                "meta": {"trigger": trig},
            }
        )
    return {
        "data": {"doc_id": doc.id, "text": doc.text},
        "predictions": [{"model_version": "envoy-bench-gold", "result": result}],
    }


def export_label_studio(docs: list[Document], out: str | os.PathLike[str]) -> list[Path]:
    folder = Path(out)
    atomic_write_text(folder / "labeling_config.xml", label_studio_config())
    tasks = [to_label_studio(d) for d in docs]
    atomic_write_text(folder / "tasks.json", json.dumps(tasks, ensure_ascii=False, indent=1))
    return [folder / "labeling_config.xml", folder / "tasks.json"]


def from_label_studio(task: dict[str, Any]) -> Document:
    """A document from one task of a Label Studio JSON export (its first annotation, else its
    first prediction)."""
    data = task.get("data", {})
    doc_id, text = data.get("doc_id"), data.get("text")
    if not isinstance(doc_id, str) or not isinstance(text, str):
        raise UsageError("a Label Studio task needs data.doc_id and data.text")
    sources = task.get("annotations") or task.get("predictions") or [{}]
    result = sources[0].get("result", [])
    regions = {r["id"]: r for r in result if r.get("type") == "labels"}

    def meta(r: dict[str, Any]) -> dict[str, Any]:
        texts = (r.get("meta") or {}).get("text") or ["{}"]
        try:
            return dict(json.loads(texts[0]))
        except json.JSONDecodeError:
            return {}

    doc = Document(doc_id, text, "", "")
    entities: dict[str, Entity] = {}
    entity_of: dict[str, str] = {}
    for rid, r in regions.items():
        v, m = r["value"], meta(r)
        label = v["labels"][0]
        if label in ENTITY_TYPES:
            eid = m.get("entity") or f"ls_{rid}"
            entity_of[rid] = eid
            if eid not in entities or "name" in m:
                entities[eid] = Entity(
                    eid,
                    m.get("name", v["text"]),
                    label,
                    tuple(m.get("aliases", ())),
                    m.get("wikidata", ""),
                )
            doc.mentions.append(
                Mention(rid, eid, v["start"], v["end"], v["text"], label, m.get("level", "NAM"))
            )
        elif label == "Timex":
            doc.timexes.append(
                Timex(
                    m.get("id", rid),
                    v["start"],
                    v["end"],
                    v["text"],
                    m.get("type", "DATE"),
                    m.get("value", ""),
                )
            )
    for r in result:
        if r.get("type") != "relation":
            continue
        trig = regions.get((r.get("meta") or {}).get("trigger", ""))
        tm = meta(trig) if trig else {}
        tv: dict[str, Any] = trig["value"] if trig else {"start": 0, "end": 0, "text": ""}
        doc.relations.append(
            Relation(
                id=tm.get("id", f"r{len(doc.relations) + 1}"),
                type=r["labels"][0],
                arg1=entity_of[r["from_id"]],
                arg2=entity_of[r["to_id"]],
                date=tm.get("date"),
                timex=tm.get("timex"),
                trigger=Span(tv["start"], tv["end"], tv["text"]),
                evidence=tuple(tm.get("evidence", ())),
                realis=tm.get("realis", "actual"),
                attributes=tm.get("attributes", {}),
            )
        )
    doc.entities = sorted(entities.values(), key=_natural)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    return doc


# --------------------------------------------------------------------------- spaCy


def export_spacy(docs: list[Document], out: str | os.PathLike[str]) -> list[Path]:
    """A ``DocBin`` at ``OUT/envoy-bench.spacy``."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    bin_ = DocBin(store_user_data=False)
    for d in docs:
        sdoc = nlp.make_doc(d.text)
        mentions = [
            sdoc.char_span(m.start, m.end, label=m.type, alignment_mode="expand")
            for m in d.mentions
        ]
        sdoc.spans["mentions"] = [s for s in mentions if s is not None]
        named = sorted(
            (
                s
                for s, m in zip(mentions, d.mentions, strict=True)
                if s is not None and m.level == "NAM"
            ),
            key=lambda s: (s.start, -s.end),
        )
        ents, last = [], -1
        for s in named:
            if s.start >= last:
                ents.append(s)
                last = s.end
        sdoc.ents = ents
        timexes = [
            sdoc.char_span(t.start, t.end, label=t.type, alignment_mode="expand") for t in d.timexes
        ]
        sdoc.spans["timexes"] = [s for s in timexes if s is not None]
        bin_.add(sdoc)
    path = Path(out) / "envoy-bench.spacy"
    atomic_write_bytes(path, bin_.to_bytes())
    return [path]


# --------------------------------------------------------------------------- import helpers


def complete_import(doc: Document, root: Any, fmt: str) -> tuple[Document, list[str]]:
    """Fill what the format cannot hold from the data root; return the warnings."""
    base = resolve_root(root)
    seeds = read_seed_metadata(base)
    seed = seeds.get(doc.id)
    if seed is None:
        raise UsageError(f"{doc.id}: not in {base / 'seeds'}; add it with `bench add-doc` first")
    if read_seed_text(seed, base) != doc.text:
        raise UsageError(f"{doc.id}: the imported text differs from the seed text")
    doc.published, doc.split = seed.published, seed.split
    warnings = [f"{doc.id}: {LOST.format(fmt=fmt)}; the import is marked unreviewed"]
    existing = annotation_path(seed, base)
    if existing.is_file():
        old = records_to_document(read_annotation_records(existing), doc.text, seed)
        doc.sentences = old.sentences
        doc.guidelines_version = old.guidelines_version
        warnings.append(f"{doc.id}: sentences taken from the existing gold")
    else:
        from benchmark.baselines.rules import _nlp

        sents = [(s.start_char, s.end_char) for s in _nlp(None)(doc.text).sents if s.text.strip()]
        doc.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(sents)]
        warnings.append(f"{doc.id}: sentences segmented automatically; check them")
    doc.status = "unreviewed"
    doc.annotators = (f"import:{fmt}",)
    return doc, warnings


def import_annotations(
    fmt: str, src: str | os.PathLike[str], root: Any = None
) -> tuple[list[Document], list[str]]:
    """Documents and warnings from a brat folder or a Label Studio JSON export."""
    path = Path(src)
    docs: list[Document] = []
    if fmt == "brat":
        if not path.is_dir():
            raise UsageError(f"{path}: a brat import reads a folder of .txt/.ann files")
        for ann in sorted(path.glob("*.ann")):
            txt = ann.with_suffix(".txt")
            if not txt.is_file():
                raise UsageError(f"{ann}: no {txt.name} beside it")
            docs.append(
                from_brat(
                    ann.stem,
                    txt.read_bytes().decode("utf-8"),
                    ann.read_text(encoding="utf-8"),
                    str(ann),
                )
            )
    elif fmt == "label-studio":
        try:
            tasks = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise UsageError(f"{path}: not a Label Studio JSON export ({exc})") from exc
        docs = [from_label_studio(t) for t in (tasks if isinstance(tasks, list) else [tasks])]
    else:
        raise UsageError(f"--format must be brat or label-studio, not {fmt!r}")
    out, warnings = [], []
    for d in docs:
        done, w = complete_import(d, root, fmt)
        out.append(done)
        warnings += w
    return out, warnings
