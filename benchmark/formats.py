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
guidelines version): an import keeps the sentences of the existing gold of that document when
they still hold every imported span (else segments the text by GUIDELINES §2 and remaps the
evidence), marks the result ``unreviewed``, and says so in its warnings. The round trip gold ->
format -> gold is otherwise lossless (tested).

Imports are strict: coreference arcs drawn in brat (``*`` lines or ``R`` lines of type
``Coref``) join clusters; every malformed line or task is a located problem (file, line or
``task[i].result[j]``, field), all raised together as a :class:`FormatError`; every imported
document is validated as a draft before anything is returned, and :func:`write_documents`
writes all of them or none.

**spaCy** ``DocBin`` (export only, for training NER): ``doc.spans["mentions"]`` holds every
mention (nested ones included), ``doc.ents`` the outermost named (NAM) mentions that do not
overlap, ``doc.spans["timexes"]`` the timexes; relations and clusters are not exported.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmark.errors import FormatError, Problem, UsageError
from benchmark.model import (
    ENTITY_TYPES,
    ID_PATTERN,
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
    check_id,
    contained,
    read_annotation_records,
    read_manifest,
    read_seed_metadata,
    read_seed_text,
    records_to_document,
    resolve_root,
    shown_ids,
    write_annotation_file,
)
from benchmark.segment import overlapping, remap_evidence, segment, sentence_problems

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
            # mentions nest ("[[Venezuela]'s ambassador]") and a trigger or timex may share a
            # mention's span; crossing spans stay refused (bench validate refuses them too)
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain|equal",
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


def work_files(fmt: str, doc_ids: list[str], out: str | os.PathLike[str]) -> list[Path]:
    """The files of ``out`` an export (``fmt`` brat, label-studio, spacy) or an import (``fmt``
    gold) would replace that may hold someone's work: annotations, tasks, gold (not the
    regenerated brat configuration files)."""
    folder = Path(out)
    names = {
        "brat": [f"{i}{ext}" for i in doc_ids for ext in (".ann", ".txt")],
        "label-studio": ["tasks.json"],
        "spacy": ["envoy-bench.spacy"],
        "gold": [f"{i}.jsonl" for i in doc_ids],
    }[fmt]
    return [folder / n for n in names if (folder / n).exists()]


def export_brat(docs: list[Document], out: str | os.PathLike[str]) -> list[Path]:
    folder = Path(out)
    written = []
    for name, text in brat_configs().items():
        atomic_write_text(folder / name, text)
        written.append(folder / name)
    for doc in docs:
        txt, ann = (contained(folder, f"{check_id(doc.id)}{ext}") for ext in (".txt", ".ann"))
        atomic_write_bytes(txt, doc.text.encode("utf-8"))
        atomic_write_text(ann, to_brat(doc))
        written += [txt, ann]
    return written


class _Found:
    """Located problems of one input file, collected so that all are reported at once."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def add(self, line: int | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(self.where, line, field, message))


def _note(body: Any, found: _Found, line: int | None, field: str) -> dict[str, Any]:
    if not isinstance(body, str):
        found.add(line, field, "the note must be a string holding a JSON object")
        return {}
    try:
        value = json.loads(body) if body.strip() else {}
    except json.JSONDecodeError as exc:
        found.add(line, field, f"the note is not JSON ({exc.msg} at column {exc.colno})")
        return {}
    if not isinstance(value, dict):
        found.add(line, field, "the note must be a JSON object")
        return {}
    return _checked_note(value, found, line, field)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_int_list(value: Any) -> bool:
    return isinstance(value, list) and all(type(v) is int for v in value)


#: The shape of every key a note may hold (brat notes, Label Studio ``meta.text``).
_NOTE_KEYS: dict[str, tuple[str, Any]] = {
    "entity": ("a string", lambda v: isinstance(v, str)),
    "name": ("a string", lambda v: isinstance(v, str)),
    "aliases": ("a list of strings", _is_str_list),
    "wikidata": ("a string", lambda v: isinstance(v, str)),
    "level": ("a string", lambda v: isinstance(v, str)),
    "id": ("a string", lambda v: isinstance(v, str)),
    "type": ("a string", lambda v: isinstance(v, str)),
    "value": ("a string", lambda v: isinstance(v, str)),
    "date": ("a string or null", lambda v: v is None or isinstance(v, str)),
    "timex": ("a string or null", lambda v: v is None or isinstance(v, str)),
    "evidence": ("a list of sentence indices", _is_int_list),
    "realis": ("a string", lambda v: isinstance(v, str)),
    "attributes": ("an object", lambda v: isinstance(v, dict)),
    "trigger": ("a string", lambda v: isinstance(v, str)),
}


def _checked_note(
    note: dict[str, Any], found: _Found, line: int | None, field: str
) -> dict[str, Any]:
    """``note`` without the keys whose value has the wrong shape (each one a problem)."""
    kept = {}
    for key, value in note.items():
        shape = _NOTE_KEYS.get(key)
        if shape is not None and not shape[1](value):
            found.add(line, f"{field}.{key}", f"must be {shape[0]}, not {json.dumps(value)}")
            continue
        kept[key] = value
    return kept


class _Clusters:
    """Union-find over mention keys: coreference arcs and shared entity ids join clusters."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _entities_from_clusters(
    mentions: list[tuple[str, str, int, int, str, str]],
    notes: dict[str, dict[str, Any]],
    clusters: _Clusters,
    prefix: str,
) -> tuple[list[Entity], dict[str, str]]:
    """Entities of clustered mentions ``(key, label, start, end, surface, level)``.

    Coreference arcs decide: a mention on an arc belongs to the arc's cluster, whatever entity
    its note still names (moving ``he`` from one chain to another in brat moves it, never merges
    the two actors). A mention on no arc joins the mentions whose notes name the same entity.
    A cluster takes the entity id most of its notes give (ties: the smallest, e2 before e10)
    with that entity's name, aliases and QID; when two clusters claim one id, the one with more
    such notes keeps it; a cluster left without one gets a new id ``<prefix><n>`` and is named
    by its longest named mention.
    """
    arced = set(clusters.parent)
    for key, *_ in mentions:
        eid = notes.get(key, {}).get("entity")
        if isinstance(eid, str) and eid and key not in arced:
            clusters.union(key, f"entity:{eid}")
    members: dict[str, list[tuple[str, str, int, int, str, str]]] = defaultdict(list)
    for m in mentions:
        members[clusters.find(m[0])].append(m)

    def noted(ms: list[tuple[str, str, int, int, str, str]]) -> Counter[str]:
        return Counter(
            e for k, *_ in ms if isinstance(e := notes.get(k, {}).get("entity"), str) and e
        )

    claims = sorted(
        (
            (-n, _natural(Entity(eid, "", "")), eid, root)
            for root, ms in members.items()
            for eid, n in noted(ms).items()
        ),
        key=lambda c: (c[1], c[0]),
    )
    owner: dict[str, str] = {}  # entity id -> cluster root
    for _neg, _key, eid, root in claims:
        if eid not in owner:
            owner[eid] = root
    chosen: dict[str, str] = {}
    for root, ms in members.items():
        counts = noted(ms)
        mine = [e for e in counts if owner.get(e) == root]
        if mine:
            chosen[root] = min(mine, key=lambda e: (-counts[e], _natural(Entity(e, "", ""))))
    entities: list[Entity] = []
    entity_of: dict[str, str] = {}
    taken = set(owner)
    fresh = 0
    for root, ms in members.items():
        eid = chosen.get(root, "")
        if not eid:
            fresh += 1
            while f"{prefix}{fresh}" in taken:
                fresh += 1
            eid = f"{prefix}{fresh}"
            taken.add(eid)
        meta = next(
            (
                notes[k]
                for k, *_ in ms
                if notes.get(k, {}).get("entity") == eid and "name" in notes[k]
            ),
            None,
        )
        names = [m[4] for m in ms if m[5] == "NAM"] or [m[4] for m in ms]
        label = ms[0][1]
        entities.append(
            Entity(
                eid,
                str(meta.get("name")) if meta else max(names, key=len),
                label,
                tuple(meta.get("aliases", ())) if meta else (),
                str(meta.get("wikidata", "")) if meta else "",
            )
        )
        for m in ms:
            entity_of[m[0]] = eid
    return sorted(entities, key=_natural), entity_of


def from_brat(doc_id: str, text: str, ann: str, where: str = "") -> Document:
    """A document from brat standoff written by :func:`to_brat` (or edited in brat).

    Coreference arcs (``*`` lines, or ``R`` lines of type ``Coref``) join mentions into one
    actor, as do mentions whose notes name the same entity. Every malformed line is a located
    problem (file, line, field); all of them are raised together as a :class:`FormatError`.
    """
    found = _Found(where or f"{doc_id}.ann")
    spans: dict[str, tuple[str, int, int, str, int]] = {}
    attrs: dict[str, dict[str, str]] = defaultdict(dict)
    notes: dict[str, dict[str, Any]] = {}
    rels: list[tuple[int, str, str, str, str]] = []
    corefs: list[tuple[int, list[str]]] = []
    refs: list[tuple[int, str, str]] = []  # (line, field, id) to check once every T is read
    labels = {*ENTITY_TYPES, "Timex", "Trigger"}
    for number, line in enumerate(ann.splitlines(), start=1):
        if not line.strip():
            continue
        head, _, rest = line.partition("\t")
        kind = head[:1]
        if kind == "T":
            label_offsets, tab, surface = rest.partition("\t")
            parts = label_offsets.split(" ")
            if not tab or len(parts) != 3:
                if ";" in label_offsets:
                    found.add(number, head, "a discontinuous span is not part of this schema")
                else:
                    found.add(number, head, "expected 'T<n><TAB>LABEL START END<TAB>TEXT'")
                continue
            label, first, last = parts
            if label not in labels:
                found.add(number, "label", f"{label!r} is not one of {', '.join(sorted(labels))}")
                continue
            if not (first.isdigit() and last.isdigit()):
                found.add(number, "offsets", f"{first!r} {last!r}: offsets must be integers")
                continue
            start, end = int(first), int(last)
            if not 0 <= start < end <= len(text):
                found.add(number, "offsets", f"[{start}, {end}) is outside the text")
                continue
            if text[start:end] != surface:
                found.add(number, "text", f"{surface!r} differs from the text {text[start:end]!r}")
                continue
            if head in spans:
                found.add(number, head, "this id is used twice")
            spans[head] = (label, start, end, surface, number)
        elif kind == "A":
            parts = rest.split(" ")
            if len(parts) != 3 or parts[0] not in ("Level", "TimexType"):
                found.add(number, head, "expected 'A<n><TAB>Level|TimexType T<n> VALUE'")
                continue
            name, target, value = parts
            allowed = MENTION_LEVELS if name == "Level" else TIMEX_TYPES
            if value not in allowed:
                found.add(number, name, f"{value!r} is not one of {', '.join(allowed)}")
            refs.append((number, name, target))
            attrs[target][name] = value
        elif kind == "#":
            kind_target, _, body = rest.partition("\t")
            parts = kind_target.split(" ")
            if len(parts) != 2:
                found.add(number, head, "expected '#<n><TAB>AnnotatorNotes ID<TAB>NOTE'")
                continue
            refs.append((number, "note", parts[1]))
            notes[parts[1]] = _note(body, found, number, "note")
        elif kind == "R":
            parts = rest.split(" ")
            args = [p.split(":", 1) for p in parts[1:]]
            if len(parts) != 3 or [a[0] for a in args] != ["Arg1", "Arg2"] or not parts[0]:
                found.add(number, head, "expected 'R<n><TAB>TYPE Arg1:T<n> Arg2:T<n>'")
                continue
            rtype, a1, a2 = parts[0], args[0][1], args[1][1]
            refs += [(number, "Arg1", a1), (number, "Arg2", a2)]
            if rtype == "Coref":
                corefs.append((number, [a1, a2]))
            elif rtype in RELATION_TYPES:
                rels.append((number, head, rtype, a1, a2))
            else:
                found.add(number, "type", f"{rtype!r} is not one of {', '.join(RELATION_TYPES)}")
        elif kind == "*":
            parts = rest.split(" ")
            if parts[0] != "Coref" or len(parts) < 3:
                found.add(number, "type", "expected '*<TAB>Coref T<n> T<n> ...'")
                continue
            refs += [(number, "Coref", t) for t in parts[1:]]
            corefs.append((number, parts[1:]))
        else:
            found.add(number, head or None, "not a line of this schema (T, A, R, *, # only)")
    for number, field_, target in refs:
        if target not in spans and not (field_ == "note" and target.startswith("R")):
            found.add(number, field_, f"{target!r}: no such T annotation in this file")
    rel_ids = {head for _, head, *_ in rels}
    for target in notes:
        if target.startswith("R") and target not in rel_ids:
            found.add(None, "note", f"{target!r}: no such relation in this file")
    entity_keys = {t for t, v in spans.items() if v[0] in ENTITY_TYPES}
    clusters = _Clusters()
    for number, members in corefs:
        bad = [t for t in members if t in spans and t not in entity_keys]
        if bad:
            found.add(number, "Coref", f"{bad[0]} is not an actor mention")
            continue
        for a, b in itertools.pairwise(m for m in members if m in entity_keys):
            clusters.union(a, b)
    for number, head, _rtype, a1, a2 in rels:
        for field_, t in (("Arg1", a1), ("Arg2", a2)):
            if t in spans and t not in entity_keys:
                found.add(number, field_, f"{t} is a {spans[t][0]} span, not an actor mention")
        trigger = notes.get(head, {}).get("trigger")
        if trigger is None:
            found.add(
                number,
                "trigger",
                f"{head} has no trigger: mark the trigger as a Trigger span and name it in "
                f'the relation\'s note ({{"trigger": "T<n>"}})',
            )
        elif trigger not in spans or spans[trigger][0] != "Trigger":
            found.add(number, "trigger", f"{trigger!r} is not a Trigger span of this file")
    used = {notes.get(head, {}).get("trigger") for _, head, *_ in rels}
    for t, (label, *_, number) in spans.items():
        if label == "Trigger" and t not in used:
            found.add(
                number,
                t,
                "this Trigger span belongs to no relation: name it in a relation's note "
                '({"trigger": "' + t + '"}) or delete it',
            )
    if found.problems:
        raise FormatError(f"{found.where}: cannot import this brat file", found.problems)

    mentions = [
        (t, label, start, end, surface, attrs[t].get("Level", "NAM"))
        for t, (label, start, end, surface, _) in spans.items()
        if label in ENTITY_TYPES
    ]
    entities, entity_of = _entities_from_clusters(mentions, notes, clusters, "e")
    doc = Document(doc_id, text, "", "")
    doc.entities = entities
    ordered = sorted(mentions, key=lambda m: (m[2], -m[3]))
    doc.mentions = [
        Mention(f"m{i + 1}", entity_of[t], start, end, surface, label, level)
        for i, (t, label, start, end, surface, level) in enumerate(ordered)
    ]
    taken_timex = {str(n.get("id")) for n in notes.values() if "id" in n}
    for t, (label, start, end, surface, _) in spans.items():
        if label == "Timex":
            meta = notes.get(t, {})
            doc.timexes.append(
                Timex(
                    str(meta.get("id") or _fresh("t", taken_timex)),
                    start,
                    end,
                    surface,
                    attrs[t].get("TimexType", "DATE"),
                    str(meta.get("value", "")),
                )
            )
    doc.timexes.sort(key=lambda x: (x.start, -x.end))
    taken_rel = {str(notes[h].get("id")) for _, h, *_ in rels if "id" in notes.get(h, {})}
    for _number, head, rtype, a1, a2 in rels:
        meta = notes.get(head, {})
        trig = spans[meta["trigger"]]
        doc.relations.append(
            Relation(
                id=str(meta.get("id") or _fresh("r", taken_rel)),
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
    return doc


def _fresh(prefix: str, taken: set[str]) -> str:
    """A new id ``<prefix><n>`` not in ``taken`` (which it joins)."""
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    taken.add(f"{prefix}{n}")
    return f"{prefix}{n}"


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


def _single_label(value: Any) -> str | None:
    """The one label of a Label Studio region or relation (``["PER"]``), else None."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    return None


def from_label_studio(task: Any, where: str = "tasks.json", index: int = 0) -> Document:
    """A document from one task of a Label Studio JSON export (its first annotation that was
    not cancelled, else its first prediction).

    Every malformed part is a located problem (``task[i].result[j].field``); all of them are
    raised together as a :class:`FormatError`.
    """
    found = _Found(where)
    at = f"task[{index}]"
    if not isinstance(task, dict):
        raise FormatError(
            f"{where}: cannot import this Label Studio export",
            [Problem(where, None, at, f"a task must be a JSON object, not {type(task).__name__}")],
        )
    data = task.get("data")
    doc_id = data.get("doc_id") if isinstance(data, dict) else None
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(doc_id, str) or not isinstance(text, str):
        raise FormatError(
            f"{where}: cannot import this Label Studio export",
            [Problem(where, None, f"{at}.data", "a task needs data.doc_id and data.text strings")],
        )
    if not ID_PATTERN.fullmatch(doc_id):
        raise FormatError(
            f"{where}: cannot import this Label Studio export",
            [Problem(where, None, f"{at}.data.doc_id", f"{doc_id!r} is not a valid document id")],
        )
    annotations, predictions = task.get("annotations") or [], task.get("predictions") or []
    for key, value in (("annotations", annotations), ("predictions", predictions)):
        if not isinstance(value, list):
            found.add(None, f"{at}.{key}", "must be a list")
    if found.problems:
        raise FormatError(f"{where}: cannot import this Label Studio export", found.problems)
    sources: list[tuple[str, Any]] = [
        (f"{at}.annotations[{i}]", a)
        for i, a in enumerate(annotations)
        if not (isinstance(a, dict) and a.get("was_cancelled"))
    ] + [(f"{at}.predictions[{i}]", p) for i, p in enumerate(predictions)]
    if not sources:
        found.add(None, at, "the task has no annotation and no prediction")
        raise FormatError(f"{where}: cannot import this Label Studio export", found.problems)
    place, source = sources[0]
    result = source.get("result") if isinstance(source, dict) else None
    if not isinstance(result, list):
        found.add(None, f"{place}.result", "expected a list of regions and relations")
        raise FormatError(f"{where}: cannot import this Label Studio export", found.problems)

    labels = {*ENTITY_TYPES, "Timex", "Trigger"}
    regions: dict[str, tuple[str, int, int, str, dict[str, Any]]] = {}
    relations: list[tuple[str, dict[str, Any]]] = []
    for j, r in enumerate(result):
        field_ = f"{place}.result[{j}]"
        if not isinstance(r, dict):
            found.add(None, field_, "must be a JSON object")
            continue
        if r.get("type") == "relation":
            relations.append((field_, r))
            continue
        value = r.get("value")
        if not isinstance(value, dict):
            found.add(None, f"{field_}.value", "a region needs a value object")
            continue
        start, end, surface = value.get("start"), value.get("end"), value.get("text")
        region_label = _single_label(value.get("labels"))
        if region_label is None:
            found.add(None, f"{field_}.value.labels", "a region needs exactly one label")
            continue
        if region_label not in labels:
            found.add(
                None,
                f"{field_}.value.labels",
                f"{region_label!r} is not one of {', '.join(sorted(labels))}",
            )
            continue
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            found.add(None, f"{field_}.value", f"start/end {start!r}, {end!r} out of the text")
            continue
        if surface != text[start:end]:
            found.add(None, f"{field_}.value.text", f"{surface!r} differs from {text[start:end]!r}")
            continue
        rid = r.get("id")
        if not isinstance(rid, str) or not rid:
            found.add(None, f"{field_}.id", "a region needs an id")
            continue
        if rid in regions:
            found.add(None, f"{field_}.id", f"{rid!r} is used twice")
        meta = r.get("meta")
        texts = meta.get("text") if isinstance(meta, dict) else None
        if (meta is not None and not isinstance(meta, dict)) or (
            texts is not None and not isinstance(texts, list)
        ):
            found.add(None, f"{field_}.meta", "meta must be an object whose text is a list")
            texts = None
        note = _note(texts[0], found, None, f"{field_}.meta.text") if texts else {}
        regions[rid] = (region_label, start, end, surface, note)
    for field_, r in relations:
        rel_label = _single_label(r.get("labels"))
        if rel_label is None:
            found.add(None, f"{field_}.labels", "a relation needs exactly one label")
        elif rel_label not in RELATION_TYPES:
            found.add(
                None,
                f"{field_}.labels",
                f"{rel_label!r} is not one of {', '.join(RELATION_TYPES)}",
            )
        for end_ in ("from_id", "to_id"):
            ref = r.get(end_)
            if not isinstance(ref, str) or ref not in regions:
                found.add(None, f"{field_}.{end_}", f"{ref!r}: no such region in this task")
            elif regions[ref][0] not in ENTITY_TYPES:
                found.add(None, f"{field_}.{end_}", f"{ref!r} is not an actor mention")
        trigger = (r.get("meta") or {}).get("trigger") if isinstance(r.get("meta"), dict) else None
        if (
            not isinstance(trigger, str)
            or trigger not in regions
            or regions[trigger][0] != "Trigger"
        ):
            found.add(
                None,
                f"{field_}.meta.trigger",
                f"{trigger!r}: a relation names its Trigger region in meta.trigger",
            )
    used = {
        r["meta"].get("trigger")
        for _, r in relations
        if isinstance(r.get("meta"), dict) and isinstance(r["meta"].get("trigger"), str)
    }
    for j, r in enumerate(result):
        rid = r.get("id") if isinstance(r, dict) else None
        if (
            isinstance(rid, str)
            and rid in regions
            and r.get("type") != "relation"
            and regions[rid][0] == "Trigger"
            and rid not in used
        ):
            found.add(
                None,
                f"{place}.result[{j}]",
                f"Trigger region {r['id']!r} belongs to no relation (name it in a "
                "relation's meta.trigger, or delete it)",
            )
    if found.problems:
        raise FormatError(f"{where}: cannot import this Label Studio export", found.problems)

    notes = {rid: reg[4] for rid, reg in regions.items()}
    mentions = [
        (rid, label, start, end, surface, str(note.get("level", "NAM")))
        for rid, (label, start, end, surface, note) in regions.items()
        if label in ENTITY_TYPES
    ]
    entities, entity_of = _entities_from_clusters(mentions, notes, _Clusters(), "e")
    doc = Document(doc_id, text, "", "")
    doc.entities = entities
    ordered = sorted(mentions, key=lambda m: (m[2], -m[3]))
    doc.mentions = [
        Mention(f"m{i + 1}", entity_of[rid], start, end, surface, label, level)
        for i, (rid, label, start, end, surface, level) in enumerate(ordered)
    ]
    taken_timex = {str(reg[4]["id"]) for reg in regions.values() if "id" in reg[4]}
    for label, start, end, surface, note in regions.values():
        if label == "Timex":
            doc.timexes.append(
                Timex(
                    str(note.get("id") or _fresh("t", taken_timex)),
                    start,
                    end,
                    surface,
                    str(note.get("type", "DATE")),
                    str(note.get("value", "")),
                )
            )
    doc.timexes.sort(key=lambda x: (x.start, -x.end))
    taken_rel: set[str] = set()
    for _field, r in relations:
        trig = regions[r["meta"]["trigger"]]
        tm = trig[4]
        rel_id = str(tm.get("id") or "")
        if not rel_id or rel_id in taken_rel:
            rel_id = _fresh("r", taken_rel | {str(x.id) for x in doc.relations})
        taken_rel.add(rel_id)
        doc.relations.append(
            Relation(
                id=rel_id,
                type=r["labels"][0],
                arg1=entity_of[r["from_id"]],
                arg2=entity_of[r["to_id"]],
                date=tm.get("date"),
                timex=tm.get("timex"),
                trigger=Span(trig[1], trig[2], trig[3]),
                evidence=tuple(tm.get("evidence", ())),
                realis=tm.get("realis", "actual"),
                attributes=tm.get("attributes", {}),
            )
        )
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


def complete_import(
    doc: Document, root: Any, fmt: str, where: str = ""
) -> tuple[Document, list[str]]:
    """Fill what the format cannot hold from the data root; return the warnings.

    Sentences: those of the document's existing gold when they still hold every imported
    span; otherwise :func:`benchmark.segment.segment` of the text, with each relation's
    evidence remapped from the existing gold's sentences (or, with no gold yet, set to the
    sentence of its trigger). A relation without evidence gets its trigger's sentence.
    """
    base = resolve_root(root)
    seeds = read_seed_metadata(base)
    seed = seeds.get(doc.id)
    if seed is None:
        raise UsageError(f"{doc.id}: not in {base / 'seeds'}; add it with `bench add-doc` first")
    if read_seed_text(seed, base) != doc.text:
        raise UsageError(f"{where or doc.id}: the imported text differs from the seed text")
    doc.published, doc.split = seed.published, seed.split
    warnings = [f"{doc.id}: {LOST.format(fmt=fmt)}; the import is marked unreviewed"]
    existing = annotation_path(seed, base)
    old: list[tuple[int, int]] = []
    if existing.is_file():
        gold = records_to_document(read_annotation_records(existing), doc.text, seed)
        old = [(s.start, s.end) for s in gold.sentences]
        doc.guidelines_version = gold.guidelines_version
    else:
        doc.guidelines_version = read_manifest(base).get("guidelines_version", "")
    spans = [(m.start, m.end) for m in doc.mentions] + [(t.start, t.end) for t in doc.timexes]
    spans += [(r.trigger.start, r.trigger.end) for r in doc.relations]
    if old and not sentence_problems(doc.text, old, spans):
        sentences = old
        warnings.append(f"{doc.id}: sentences taken from the existing gold")
    else:
        sentences = segment(doc.text)
        for r in doc.relations:
            trigger = (r.trigger.start, r.trigger.end)
            r.evidence = remap_evidence(old, sentences, r.evidence if old else (), trigger)
        warnings.append(
            f"{doc.id}: sentences segmented by the rules of GUIDELINES §2"
            + ("; evidence remapped from the existing gold's sentences" if old else "")
        )
    doc.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(sentences)]
    for r in doc.relations:
        if not r.evidence:
            r.evidence = tuple(overlapping(sentences, r.trigger.start, r.trigger.start + 1))
    doc.status = "unreviewed"
    doc.annotators = (f"import:{fmt}",)
    return doc, warnings


def import_annotations(
    fmt: str, src: str | os.PathLike[str], root: Any = None
) -> tuple[list[Document], list[str]]:
    """Documents and warnings from a brat folder or a Label Studio JSON export.

    Every document is read and checked with ``benchmark.validate`` (as an unreviewed draft)
    before anything is returned; the problems of all of them are raised together as one
    :class:`FormatError`, so that a caller writes either every document or none.
    A Label Studio task with no submitted annotation is read from its predictions (the draft
    `bench export` put there), and the first warning counts such tasks.
    """
    from benchmark.validate import check_document

    path = Path(src)
    read: list[tuple[Document, str]] = []
    problems: list[Problem] = []
    drafts: list[str] = []  # Label Studio tasks read from their predictions
    if fmt == "brat":
        if not path.is_dir():
            raise UsageError(f"{path}: a brat import reads a folder of .txt/.ann files")
        for ann in sorted(path.glob("*.ann")):
            txt = ann.with_suffix(".txt")
            if not txt.is_file():
                problems.append(Problem(str(ann), None, None, f"no {txt.name} beside it"))
                continue
            if not ID_PATTERN.fullmatch(ann.stem):
                problems.append(Problem(str(ann), None, None, "the file name is not a document id"))
                continue
            contents = []
            for file in (txt, ann):
                try:
                    contents.append(file.read_bytes().decode("utf-8"))
                except UnicodeDecodeError as exc:
                    problems.append(Problem(str(file), None, None, f"not UTF-8 ({exc.reason})"))
            if len(contents) < 2:
                continue
            try:
                read.append((from_brat(ann.stem, contents[0], contents[1], str(ann)), str(ann)))
            except FormatError as exc:
                problems += exc.problems
        if not read and not problems:
            raise UsageError(f"{path}: no .ann files here")
    elif fmt == "label-studio":
        try:
            tasks = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"{path}: not a Label Studio JSON export ({exc})") from exc
        for i, task in enumerate(tasks if isinstance(tasks, list) else [tasks]):
            try:
                read.append((from_label_studio(task, str(path), i), f"{path}: task[{i}]"))
            except FormatError as exc:
                problems += exc.problems
                continue
            if not _has_annotation(task):
                drafts.append(read[-1][0].id)
    else:
        raise UsageError(f"--format must be brat or label-studio, not {fmt!r}")
    seen: set[str] = set()
    out, warnings = [], []
    for doc, where in read:
        if doc.id in seen:
            problems.append(Problem(where, None, "doc_id", f"{doc.id!r} is imported twice"))
            continue
        seen.add(doc.id)
        done, w = complete_import(doc, root, fmt, where)
        problems += [Problem(where, None, p.field, p.message) for p in check_document(done, root)]
        out.append(done)
        warnings += w
    if problems:
        raise FormatError(f"{path}: the import is not valid gold; nothing was written", problems)
    if drafts:
        warnings.insert(
            0,
            f"{len(drafts)} task(s) had no annotations ({shown_ids(drafts)}): their predictions "
            "(the unedited draft) were imported",
        )
    return out, warnings


def _has_annotation(task: dict[str, Any]) -> bool:
    """Whether a Label Studio task holds an annotation a person submitted (not cancelled);
    without one, the import reads its predictions (the draft exported to the tool)."""
    annotations = task.get("annotations") or []
    return any(not (isinstance(a, dict) and a.get("was_cancelled")) for a in annotations)


def write_documents(docs: list[Document], out: str | os.PathLike[str]) -> list[Path]:
    """Write ``OUT/<id>.jsonl`` for every document, all or nothing: every file is first written
    into a staging folder inside ``OUT`` (same file system), and only when all of them are
    there is each renamed into place. A failure while staging leaves ``OUT`` as it was."""
    import shutil
    import tempfile

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".import-", dir=folder))
    try:
        staged = []
        for doc in docs:
            target = contained(folder, f"{check_id(doc.id)}.jsonl")
            write_annotation_file(doc, stage / target.name)
            staged.append((stage / target.name, target))
        for source, target in staged:
            os.replace(source, target)
        return [target for _, target in staged]
    finally:
        shutil.rmtree(stage, ignore_errors=True)
