"""The contrast split: minimal, declared edits of excerpts of a gold document.

Each file ``annotations/contrast-specs/<group>.json`` declares one **edit group**: an excerpt of a
document (a contiguous range of its gold sentences) and the documents made from it, the
unedited excerpt (category ``original``) and its edits, each changing one thing::

    {"group": "c01", "base": "000_8dbbdfc2a546922b", "sentences": [3, 3],
     "description": "...",
     "documents": [
       {"id": "c01-original", "category": "original", "description": "..."},
       {"id": "c01-negation", "category": "negation", "description": "...",
        "edits": [{"find": "told Mr Trump in a phone call",
                   "replace": "did not tell Mr Trump in a [[phone call|trigger r2]]"}],
        "relations": [{"op": "set", "id": "r2", "realis": "negated"}]}]}

How a document is built, deterministically:

1. The excerpt is ``text[first.start:last.end]`` of the base plus a newline; every gold span in
   it is shifted, sentences are renumbered from 0 and evidence indices with them. A relation is
   kept when its trigger lies in the excerpt.
2. Each edit replaces one occurrence of ``find`` in the excerpt (``occurrence`` picks among
   several, counted from 1; an ambiguous ``find`` is an error) by ``replace``. Edits lie inside
   one sentence and do not overlap; offsets after them shift.
3. Every gold span (mention, timex, trigger) that overlaps a replaced stretch is dropped; the
   replacement declares the spans it holds with ``[[surface|directive]]`` markup:
   ``[[Mr Petro|mention e1 NAM]]``, ``[[Nov 28|timex t4 DATE 2025-11-28]]``,
   ``[[meeting|trigger r2]]``. A timex re-declared under its old id keeps its relations anchored,
   and a relation dated by the old value takes the new one.
4. ``entities`` updates (by id) or adds entities; ``relations`` applies ``set``, ``remove`` and
   ``add`` operations in order. An entity with no mention left is dropped unless a relation
   needs it, which is an error, as is a relation left without trigger, timex or evidence.

A spec that does not apply cleanly raises :class:`AnnotationError` naming the file, the
document and the field. :func:`build_contrast` writes ``seeds/<id>.txt``, the metadata lines
(split ``contrast``) and ``annotations/<id>.jsonl``, then validates what it wrote like any gold;
``check=True`` only compares.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmark.errors import AnnotationError, Problem
from benchmark.model import (
    ID_PATTERN,
    Document,
    Entity,
    Mention,
    Relation,
    SeedInfo,
    Sentence,
    Span,
    Timex,
    annotation_dir,
    annotation_path,
    atomic_write_text,
    document_to_records,
    dumps_line,
    load_documents,
    metadata_path,
    read_manifest,
    read_seed_metadata,
    records_to_text,
    resolve_root,
    seed_dir,
    seed_path,
    writable_root,
)

CATEGORIES = (
    "original",
    "negation",
    "modality",
    "trigger_swap",
    "direction",
    "date_surface",
    "date_shift",
    "name_variant",
    "actor_substitution",
    "distractor",
)
SPEC_DIR = ("annotations", "contrast-specs")
ANNOTATOR = "envoy-bench team (contrast edit)"


class _SpecError(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@dataclass
class Edit:
    start: int  # in the unedited excerpt
    end: int
    plain: str
    spans: list[tuple[int, int, str, list[str]]]  # offsets within ``plain``, surface, directive


@dataclass
class ContrastDocument:
    seed: SeedInfo
    document: Document


@dataclass
class ContrastBuild:
    documents: list[ContrastDocument] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def spec_paths(root: Any = None) -> list[Path]:
    return sorted(resolve_root(root).joinpath(*SPEC_DIR).glob("*.json"))


# --------------------------------------------------------------------------- one document


def _excerpt(base: Document, first: int, last: int) -> Document:
    """Sentences ``first..last`` of ``base`` with every gold span inside them, shifted."""
    if not (0 <= first <= last < len(base.sentences)):
        raise _SpecError("sentences", f"[{first}, {last}] is not a range of the base's sentences")
    lo, hi = base.sentences[first].start, base.sentences[last].end

    def inside(start: int, end: int) -> bool:
        return lo <= start and end <= hi

    doc = Document(id="", text=base.text[lo:hi] + "\n", published=base.published, split="contrast")
    doc.sentences = [
        Sentence(s.index - first, s.start - lo, s.end - lo)
        for s in base.sentences[first : last + 1]
    ]
    doc.mentions = [
        replace(m, start=m.start - lo, end=m.end - lo)
        for m in base.mentions
        if inside(m.start, m.end)
    ]
    doc.timexes = [
        replace(t, start=t.start - lo, end=t.end - lo)
        for t in base.timexes
        if inside(t.start, t.end)
    ]
    for r in base.relations:
        if not inside(r.trigger.start, r.trigger.end):
            continue
        trigger = Span(r.trigger.start - lo, r.trigger.end - lo, r.trigger.text)
        evidence = tuple(i - first for i in r.evidence if first <= i <= last)
        # a timex outside the excerpt stays referenced, so the spec must re-date the relation
        doc.relations.append(
            replace(r, trigger=trigger, evidence=evidence, attributes=dict(r.attributes))
        )
    doc.entities = list(base.entities)
    return doc


def _parse_edit(text: str, spec: dict[str, Any], where: str) -> Edit:
    find, repl = spec.get("find"), spec.get("replace")
    if not isinstance(find, str) or not find:
        raise _SpecError(f"{where}.find", "must be a non-empty string")
    if not isinstance(repl, str):
        raise _SpecError(f"{where}.replace", "must be a string")
    starts, at = [], text.find(find)
    while at >= 0:  # overlapping occurrences count too: "ana" occurs twice in "banana"
        starts.append(at)
        at = text.find(find, at + 1)
    occurrence = spec.get("occurrence")
    if not starts:
        raise _SpecError(f"{where}.find", f"{find!r} does not occur in the excerpt")
    if occurrence is None:
        if len(starts) > 1:
            raise _SpecError(
                f"{where}.find", f"{find!r} occurs {len(starts)} times; give `occurrence`"
            )
        start = starts[0]
    elif not isinstance(occurrence, int) or not 1 <= occurrence <= len(starts):
        raise _SpecError(
            f"{where}.occurrence", f"must be 1..{len(starts)} for {find!r}, not {occurrence!r}"
        )
    else:
        start = starts[occurrence - 1]
    plain, spans = _parse_markup(repl, f"{where}.replace")
    return Edit(start, start + len(find), plain, spans)


def _parse_markup(marked: str, where: str) -> tuple[str, list[tuple[int, int, str, list[str]]]]:
    """Strip ``[[surface|directive]]`` markup (nestable) and locate each surface in the result."""
    plain: list[str] = []
    length = 0
    spans: list[tuple[int, int, str, list[str]]] = []
    open_at: list[int] = []
    i = 0
    while i < len(marked):
        if marked.startswith("[[", i):
            open_at.append(length)
            i += 2
        elif marked[i] == "|" and open_at:
            close = marked.find("]]", i)
            if close < 0:
                raise _SpecError(where, f"unclosed [[...| at character {i}")
            start = open_at.pop()
            surface = "".join(plain)[start:]
            directive = marked[i + 1 : close].split()
            if not surface.strip() or not directive:
                raise _SpecError(where, f"[[{surface}|...]] needs a surface and a directive")
            spans.append((start, length, surface, directive))
            i = close + 2
        elif marked.startswith("]]", i) or marked[i] == "|":
            raise _SpecError(where, f"stray {marked[i : i + 2]!r} at character {i}")
        else:
            plain.append(marked[i])
            length += 1
            i += 1
    if open_at:
        raise _SpecError(where, "a [[ is never closed with |directive]]")
    return "".join(plain), spans


def build_document(base: Document, group: dict[str, Any], spec: dict[str, Any]) -> Document:
    """The contrast document that ``spec`` (one item of ``group['documents']``) describes."""
    first, last = group["sentences"]
    doc = _excerpt(base, first, last)
    doc.id = spec["id"]
    edits = [_parse_edit(doc.text, e, f"edits[{i}]") for i, e in enumerate(spec.get("edits") or [])]
    edits.sort(key=lambda e: e.start)
    for a, b in pairwise(edits):
        if b.start < a.end:
            raise _SpecError("edits", f"edits at {a.start} and {b.start} overlap")
    for e in edits:
        if not any(s.start <= e.start and e.end <= s.end for s in doc.sentences):
            raise _SpecError("edits", f"the edit at {e.start}..{e.end} crosses a sentence boundary")

    def shift(pos: int) -> int:
        """New offset of an old position that no edit covers (an edit's end counts as after it)."""
        return pos + sum(len(e.plain) - (e.end - e.start) for e in edits if e.end <= pos)

    def hit(start: int, end: int) -> bool:
        return any(start < e.end and e.start < end for e in edits)

    new_text, pos = [], 0
    for e in edits:
        new_text += [doc.text[pos : e.start], e.plain]
        pos = e.end
    new_text.append(doc.text[pos:])
    doc.sentences = [Sentence(s.index, shift(s.start), shift(s.end)) for s in doc.sentences]
    dropped_timex = {t.id: t for t in doc.timexes if hit(t.start, t.end)}
    doc.mentions = [
        replace(m, start=shift(m.start), end=shift(m.end))
        for m in doc.mentions
        if not hit(m.start, m.end)
    ]
    doc.timexes = [
        replace(t, start=shift(t.start), end=shift(t.end))
        for t in doc.timexes
        if t.id not in dropped_timex
    ]
    lost_trigger = set()
    for r in doc.relations:
        if hit(r.trigger.start, r.trigger.end):
            lost_trigger.add(r.id)
        else:
            r.trigger = Span(shift(r.trigger.start), shift(r.trigger.end), r.trigger.text)
    doc.text = "".join(new_text)

    entities = {e.id: e for e in doc.entities}
    for i, change in enumerate(spec.get("entities") or []):
        eid = change.get("id")
        if eid in entities:
            fields: dict[str, Any] = {k: v for k, v in change.items() if k != "id"}
            if fields.get("type", entities[eid].type) != entities[eid].type:
                raise _SpecError(
                    f"entities[{i}].type", "an entity keeps its type; add a new entity instead"
                )
            if "aliases" in fields:
                fields["aliases"] = tuple(fields["aliases"])
            entities[eid] = replace(entities[eid], **fields)
        elif isinstance(eid, str) and "name" in change and "type" in change:
            entities[eid] = Entity(
                eid,
                change["name"],
                change["type"],
                tuple(change.get("aliases", ())),
                change.get("wikidata", ""),
            )
        else:
            raise _SpecError(f"entities[{i}]", "a new entity needs `id`, `name` and `type`")
    doc.entities = list(entities.values())

    relations = {r.id: r for r in doc.relations}
    set_date: set[str] = set()
    for i, op in enumerate(spec.get("relations") or []):
        where, rid, kind = f"relations[{i}]", op.get("id"), op.get("op")
        fields = {k: v for k, v in op.items() if k not in ("op", "id")}
        if "evidence" in fields:
            fields["evidence"] = tuple(fields["evidence"])
        if kind == "remove":
            if rid not in relations:
                raise _SpecError(where, f"no relation {rid!r} to remove in the excerpt")
            del relations[rid]
            lost_trigger.discard(rid)
        elif kind == "set":
            if rid not in relations:
                raise _SpecError(where, f"no relation {rid!r} to set in the excerpt")
            relations[rid] = replace(relations[rid], **fields)
        elif kind == "add":
            if rid in relations or not isinstance(rid, str):
                raise _SpecError(where, f"relation id {rid!r} is taken or missing")
            try:
                relations[rid] = Relation(id=rid, trigger=Span(0, 0, ""), **fields)
            except TypeError as exc:
                raise _SpecError(where, f"cannot add the relation: {exc}") from None
            lost_trigger.add(rid)
        else:
            raise _SpecError(f"{where}.op", f"expected set, remove or add, not {kind!r}")
        if "date" in fields:
            set_date.add(rid)

    timex_ids = {t.id for t in doc.timexes}
    retriggered: set[str] = set()
    for e in edits:
        for s, _end, surface, directive in e.spans:
            start = shift(e.start) + s
            kind, args = directive[0], directive[1:]
            if kind == "mention" and len(args) == 2:
                if args[0] not in entities:
                    raise _SpecError("edits", f"[[{surface}|...]]: unknown entity {args[0]!r}")
                ent = entities[args[0]]
                doc.mentions.append(
                    Mention("", ent.id, start, start + len(surface), surface, ent.type, args[1])
                )
            elif kind == "timex" and len(args) == 3:
                tid = args[0]
                if tid in timex_ids:
                    raise _SpecError(
                        "edits", f"[[{surface}|...]]: timex id {tid!r} is still in use"
                    )
                timex_ids.add(tid)
                doc.timexes.append(
                    Timex(tid, start, start + len(surface), surface, args[1], args[2])
                )
                old = dropped_timex.pop(tid, None)
                for r in relations.values():
                    if old is None or r.timex != tid or r.id in set_date or r.date != old.value:
                        continue
                    if args[1] not in ("DATE", "TIME"):
                        raise _SpecError(
                            "edits", f"{r.id} is dated by {tid}, now a {args[1]}: set its date"
                        )
                    r.date = args[2]
            elif kind == "trigger" and len(args) == 1:
                if args[0] not in relations:
                    raise _SpecError("edits", f"[[{surface}|...]]: unknown relation {args[0]!r}")
                if args[0] in retriggered:
                    raise _SpecError("edits", f"[[{surface}|...]]: {args[0]} has a trigger already")
                retriggered.add(args[0])
                relations[args[0]].trigger = Span(start, start + len(surface), surface)
                lost_trigger.discard(args[0])
            else:
                raise _SpecError("edits", f"[[{surface}|{' '.join(directive)}]]: unknown directive")

    for r in relations.values():
        if r.id in lost_trigger:
            raise _SpecError("relations", f"{r.id}: its trigger was edited away; re-declare it")
        if r.timex is not None and r.timex not in timex_ids:
            raise _SpecError("relations", f"{r.id}: its timex {r.timex} is gone; set `timex`")
        if not r.evidence:
            raise _SpecError("relations", f"{r.id}: no evidence sentence left; set `evidence`")
        if not all(type(i) is int and 0 <= i < len(doc.sentences) for i in r.evidence):
            raise _SpecError(
                "relations", f"{r.id}: evidence {list(r.evidence)} names a sentence not in the text"
            )
    doc.relations = sorted(relations.values(), key=lambda r: (r.trigger.start, r.id))
    doc.mentions = [
        replace(m, id=f"m{i}")
        for i, m in enumerate(sorted(doc.mentions, key=lambda m: (m.start, -m.end)), start=1)
    ]
    doc.timexes.sort(key=lambda t: t.start)
    used = {m.entity for m in doc.mentions}
    for r in doc.relations:
        for arg in (r.arg1, r.arg2):
            if arg not in used:
                raise _SpecError("relations", f"{r.id}: argument {arg} has no mention in the text")
    doc.entities = [e for e in doc.entities if e.id in used]
    return doc


# --------------------------------------------------------------------------- the split


def _seed_info(base: SeedInfo, group: dict[str, Any], spec: dict[str, Any], sha: str) -> SeedInfo:
    first, last = group["sentences"]
    what = spec.get("description") or "the unedited excerpt"
    return SeedInfo(
        id=spec["id"],
        published=base.published,
        split="contrast",
        sha256=sha,
        source=f"envoy-bench contrast set (team-written edit of {base.id}); not news",
        title=f"{group['description']}: {what}",
        language=base.language,
        license="Excerpt of the news text of "
        f"{base.id} (licence: {base.license}), edited; edits and annotations CC BY 4.0.",
        provenance=f"Sentences {first}-{last} of {base.id}, edited by the envoy-bench team "
        f"(contrast edit group {group['group']}): {what}. Not news.",
        group=group["group"],
        category=spec["category"],
    )


_LISTS = ("edits", "entities", "relations")


def _check_group(group: Any, docs: dict[str, Document]) -> None:
    """The shape of a group file, so that building its documents meets only plain values."""
    if not isinstance(group, dict):
        raise _SpecError("", "expected a JSON object")
    for key in ("group", "base", "sentences", "description", "documents"):
        if key not in group:
            raise _SpecError(key, "required field is missing")
    for key in ("group", "base", "description"):
        if not isinstance(group[key], str):
            raise _SpecError(key, "must be a string")
    if group["base"] not in docs:
        raise _SpecError("base", f"unknown base document {group['base']!r}")
    sents = group["sentences"]
    if not (isinstance(sents, list) and len(sents) == 2 and all(type(i) is int for i in sents)):
        raise _SpecError("sentences", "expected [first, last] sentence indices")
    documents = group["documents"]
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise _SpecError("documents", "expected a list of JSON objects")
    if [d.get("category") for d in documents].count("original") != 1:
        raise _SpecError("documents", "a group holds exactly one `original` document")
    for i, d in enumerate(documents):
        if d.get("category") not in CATEGORIES:
            raise _SpecError(
                f"documents[{i}].category",
                f"{d.get('category')!r} is not one of {', '.join(CATEGORIES)}",
            )
        if not isinstance(d.get("id"), str) or not ID_PATTERN.fullmatch(d["id"]):
            raise _SpecError(
                f"documents[{i}].id", "required: letters, digits, '_', '-' and '.' only"
            )
        for key in _LISTS:
            items = d.get(key, [])
            if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
                raise _SpecError(f"documents[{i}].{key}", "expected a list of JSON objects")
        if d["category"] == "original" and d.get("edits"):
            raise _SpecError(f"documents[{i}].edits", "the original document has no edits")


def contrast_documents(root: Any = None) -> list[ContrastDocument]:
    """Every contrast document the specs declare, built in memory from the non-contrast gold."""
    base_root = resolve_root(root)
    seeds = read_seed_metadata(base_root)
    gold = {d.id: d for d in load_documents(base_root, split="test")}
    manifest = read_manifest(base_root)
    out: list[ContrastDocument] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    groups: dict[str, str] = {}
    for path in spec_paths(base_root):
        try:
            group = json.loads(path.read_text(encoding="utf-8"))
            _check_group(group, gold)
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), exc.lineno, None, f"invalid JSON ({exc.msg})"))
            continue
        except _SpecError as exc:
            problems.append(Problem(str(path), None, exc.field, str(exc)))
            continue
        name = group["group"]
        if name in groups:
            problems.append(Problem(str(path), None, "group", f"{name!r} is also {groups[name]}"))
            continue
        groups[name] = str(path)
        for i, spec in enumerate(group["documents"]):
            where = f"documents[{i}] ({spec['id']})"
            clash = spec["id"] in seeds and seeds[spec["id"]].split != "contrast"
            if spec["id"] in seen or clash:
                problems.append(Problem(str(path), None, where, "duplicate document id"))
                continue
            seen[spec["id"]] = str(path)
            try:
                doc = build_document(gold[group["base"]], group, spec)
            except _SpecError as exc:
                problems.append(Problem(str(path), None, f"{where}.{exc.field}", str(exc)))
                continue
            except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
                problems.append(Problem(str(path), None, where, f"malformed spec ({exc})"))
                continue
            doc.guidelines_version = manifest.get("guidelines_version", "")
            doc.annotators = (ANNOTATOR,)
            doc.group, doc.category = group["group"], spec["category"]
            sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
            out.append(ContrastDocument(_seed_info(seeds[group["base"]], group, spec, sha), doc))
    if problems:
        raise AnnotationError("contrast specs do not apply cleanly", problems)
    return out


def build_contrast(root: Any = None, *, check: bool = False) -> ContrastBuild:
    """Write (or with ``check`` only compare) the contrast documents, seeds and metadata.

    The contrast split owns its folders (``seeds/contrast/``, ``annotations/contrast/``): a file
    there that no spec declares is stale and removed; nothing outside them is touched.
    """
    base = resolve_root(root) if check else writable_root(root)
    result = ContrastBuild(documents=contrast_documents(base))
    built = sorted(result.documents, key=lambda c: c.seed.id)
    meta = "".join(dumps_line(c.seed.to_record()) + "\n" for c in built)
    wanted: dict[Path, str] = {metadata_path("contrast", base): meta}
    for c in built:
        wanted[seed_path(c.seed, base)] = c.document.text
        wanted[annotation_path(c.seed, base)] = records_to_text(document_to_records(c.document))
    for path, text in sorted(wanted.items()):
        current = path.read_bytes().decode("utf-8") if path.is_file() else None
        if current != text:
            result.stale.append(str(path))
            if not check:
                atomic_write_text(path, text)
                result.written.append(str(path))
    if not check and result.written:
        from benchmark.validate import validate_paths

        written = [annotation_path(c.seed, base) for c in built]
        report = validate_paths(written, base)
        if not report.ok:
            raise AnnotationError("the built contrast documents do not validate", report.problems)
    folders = (seed_dir("contrast", base), annotation_dir("contrast", base))
    leftovers = [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())]
    for path in leftovers:
        if path not in wanted and path.suffix in (".txt", ".jsonl") and path.is_file():
            result.stale.append(str(path))
            if not check:
                path.unlink()
                result.removed.append(str(path))
    return result
