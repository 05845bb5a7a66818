"""Submissions: reading and checking the JSON Lines file a system produces.

One JSON object per line and per document::

    {"doc_id": "000_8dbbdfc2a546922b",
     "mentions":  [{"start": 91, "end": 97, "type": "PER", "entity": "c1"}],
     "timexes":   [{"start": 147, "end": 153, "type": "DATE", "value": "2025-12-11"}],
     "relations": [{"type": "phoned", "arg1": "Nicolas Maduro", "arg2": {"start": 130, "end": 135},
                    "date": "2025-12-11", "evidence": [1]}]}

Only ``doc_id`` is required. A layer left out is *not submitted* (``None``), which the scorer
reports as such, never as zero. A relation argument is a name string, a span
``{"start", "end"}`` or ``{"entity": ID}`` naming one of the submission's own mention clusters.
Spans may carry the ``text`` the system believes they cover; the scorer's grounding audit
counts spans whose text differs.

The file is streamed line by line; every problem is collected with its line and field, up to
``max_errors``, and raised together as one :class:`~benchmark.errors.SubmissionError`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark import safety
from benchmark.errors import Problem, SubmissionError, UsageError
from benchmark.model import ENTITY_TYPES, RELATION_TYPES, TIMEX_TYPES, Document

LAYERS = ("mentions", "timexes", "relations")
MAX_ERRORS = 50


@dataclass(frozen=True)
class PredMention:
    start: int
    end: int
    type: str
    entity: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class PredTimex:
    start: int
    end: int
    type: str
    value: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class NameArg:
    name: str


@dataclass(frozen=True)
class SpanArg:
    start: int
    end: int
    text: str | None = None


@dataclass(frozen=True)
class EntityArg:
    entity: str


Arg = NameArg | SpanArg | EntityArg


@dataclass(frozen=True)
class PredRelation:
    type: str
    arg1: Arg
    arg2: Arg
    date: str | None = None
    evidence: tuple[int, ...] | None = None


@dataclass
class PredictedDocument:
    doc_id: str
    line: int = 0
    mentions: list[PredMention] | None = None
    timexes: list[PredTimex] | None = None
    relations: list[PredRelation] | None = None


@dataclass
class Submission:
    path: str
    documents: dict[str, PredictedDocument] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # gold documents the file leaves out

    def layer_submitted(self, layer: str) -> bool:
        """A layer counts as submitted when any document carries it."""
        return any(getattr(d, layer) is not None for d in self.documents.values())


class _Collector:
    def __init__(self, path: str, max_errors: int) -> None:
        self.path = path
        self.max_errors = max_errors
        self.problems: list[Problem] = []
        self.dropped = 0

    def add(self, line: int, fieldname: str | None, message: str) -> None:
        if len(self.problems) < self.max_errors:
            self.problems.append(Problem(self.path, line, fieldname, message))
        else:
            self.dropped += 1


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _span(
    obj: Any, where: str, text_len: int, line: int, errors: _Collector
) -> tuple[int, int] | None:
    start, end = obj.get("start"), obj.get("end")
    if not _is_int(start) or not _is_int(end):
        errors.add(line, f"{where}.start", "start and end must be integers")
        return None
    if not 0 <= start < end <= text_len:
        errors.add(
            line,
            f"{where}.start",
            f"offsets [{start}, {end}) out of range: need 0 <= start < end <= {text_len}",
        )
        return None
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        errors.add(line, f"{where}.text", "text must be a string")
        return None
    return start, end


def _arg(
    value: Any, where: str, text_len: int, line: int, clusters: set[str] | None, errors: _Collector
) -> Arg | None:
    if isinstance(value, str):
        if not value.strip():
            errors.add(line, where, "a name argument must not be empty")
            return None
        return NameArg(value)
    if isinstance(value, dict):
        if "entity" in value:
            ref = value["entity"]
            if not isinstance(ref, str | int) or isinstance(ref, bool):
                errors.add(line, f"{where}.entity", "an entity reference must be a string")
                return None
            if clusters is None or str(ref) not in clusters:
                errors.add(
                    line,
                    f"{where}.entity",
                    f"entity {ref!r} is not defined by this document's mentions",
                )
                return None
            return EntityArg(str(ref))
        if "start" in value or "end" in value:
            span = _span(value, where, text_len, line, errors)
            if span is None:
                return None
            return SpanArg(span[0], span[1], value.get("text"))
    errors.add(
        line,
        where,
        'an argument must be a name string, a span {"start", "end"} or {"entity": ID}',
    )
    return None


def _parse_document(
    obj: dict[str, Any], line: int, text_len: int, errors: _Collector
) -> PredictedDocument:
    doc = PredictedDocument(doc_id=obj["doc_id"], line=line)
    for layer in LAYERS:
        if layer in obj and not isinstance(obj[layer], list):
            errors.add(line, layer, f"{layer} must be a list")
        elif layer in obj and len(obj[layer]) > safety.MAX_ITEMS_PER_LAYER:
            limit = safety.MAX_ITEMS_PER_LAYER
            errors.add(line, layer, f"{len(obj[layer])} items, more than the limit of {limit}")
            obj = {k: v for k, v in obj.items() if k != layer}  # not read at all
    clusters: set[str] | None = None
    if isinstance(obj.get("mentions"), list):
        doc.mentions = []
        clusters = set()
        for i, m in enumerate(obj["mentions"]):
            where = f"mentions[{i}]"
            if not isinstance(m, dict):
                errors.add(line, where, "a mention must be an object")
                continue
            span = _span(m, where, text_len, line, errors)
            mtype, entity = m.get("type"), m.get("entity")
            if mtype not in ENTITY_TYPES:
                errors.add(
                    line, f"{where}.type", f"unknown type {mtype!r}; expected {ENTITY_TYPES}"
                )
                continue
            if entity is not None and (
                not isinstance(entity, str | int) or isinstance(entity, bool)
            ):
                errors.add(line, f"{where}.entity", "entity must be a string id")
                continue
            if span is not None:
                ent = None if entity is None else str(entity)
                if ent is not None:
                    clusters.add(ent)
                doc.mentions.append(PredMention(span[0], span[1], mtype, ent, m.get("text")))
    if isinstance(obj.get("timexes"), list):
        doc.timexes = []
        for i, t in enumerate(obj["timexes"]):
            where = f"timexes[{i}]"
            if not isinstance(t, dict):
                errors.add(line, where, "a timex must be an object")
                continue
            span = _span(t, where, text_len, line, errors)
            ttype, value = t.get("type", "DATE"), t.get("value")
            if ttype not in TIMEX_TYPES:
                errors.add(line, f"{where}.type", f"unknown type {ttype!r}; expected {TIMEX_TYPES}")
                continue
            if value is not None and not isinstance(value, str):
                errors.add(line, f"{where}.value", "value must be a string")
                continue
            if span is not None:
                doc.timexes.append(PredTimex(span[0], span[1], ttype, value, t.get("text")))
    if isinstance(obj.get("relations"), list):
        doc.relations = []
        for i, r in enumerate(obj["relations"]):
            where = f"relations[{i}]"
            if not isinstance(r, dict):
                errors.add(line, where, "a relation must be an object")
                continue
            rtype = r.get("type")
            if rtype not in RELATION_TYPES:
                errors.add(
                    line, f"{where}.type", f"unknown type {rtype!r}; expected {RELATION_TYPES}"
                )
                continue
            missing = [a for a in ("arg1", "arg2") if a not in r]
            if missing:
                errors.add(line, f"{where}.{missing[0]}", "required field is missing")
                continue
            arg1 = _arg(r["arg1"], f"{where}.arg1", text_len, line, clusters, errors)
            arg2 = _arg(r["arg2"], f"{where}.arg2", text_len, line, clusters, errors)
            date = r.get("date")
            if date is not None and not isinstance(date, str):
                errors.add(line, f"{where}.date", "date must be a TIMEX3 value string or null")
                continue
            evidence = r.get("evidence")
            if evidence is not None and (
                not isinstance(evidence, list) or not all(_is_int(e) and e >= 0 for e in evidence)
            ):
                errors.add(line, f"{where}.evidence", "evidence must be a list of sentence indices")
                continue
            if arg1 is not None and arg2 is not None:
                ev = None if evidence is None else tuple(sorted(set(evidence)))
                doc.relations.append(PredRelation(rtype, arg1, arg2, date or None, ev))
    return doc


def parse_document_object(obj: dict[str, Any], gold: Document) -> list[str]:
    """Problems of one submission object for ``gold`` (empty when it is valid)."""
    errors = _Collector("<answer>", MAX_ERRORS)
    _parse_document(obj, 0, len(gold.text), errors)
    return [f"{p.field}: {p.message}" if p.field else p.message for p in errors.problems]


def read_submission(
    path: str | os.PathLike[str],
    gold: Iterable[Document] | Mapping[str, Document],
    *,
    max_errors: int = MAX_ERRORS,
) -> Submission:
    """Read and check a submission against the gold documents it will be scored on.

    Raises :class:`SubmissionError` listing every problem (line and field), up to
    ``max_errors``. Gold documents the file leaves out are listed in ``Submission.missing``.
    """
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{file}: no such submission file")
    golds = dict(gold) if isinstance(gold, Mapping) else {d.id: d for d in gold}
    errors = _Collector(str(file), max_errors)
    submission = Submission(path=str(file))
    first_line: dict[str, int] = {}
    with file.open(encoding="utf-8", errors="strict") as handle:
        try:
            for number, raw in safety.bounded_lines(handle, safety.MAX_LINE_CHARS):
                if raw is None:
                    limit = safety.MAX_LINE_CHARS
                    errors.add(number, None, f"line longer than the limit of {limit} characters")
                    continue
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                except json.JSONDecodeError as exc:
                    errors.add(number, None, f"invalid JSON ({exc.msg} at column {exc.colno})")
                    continue
                if not isinstance(obj, dict):
                    errors.add(number, None, "each line must be a JSON object")
                    continue
                doc_id = obj.get("doc_id")
                if doc_id is None:
                    errors.add(number, "doc_id", "required field is missing")
                    continue
                if not isinstance(doc_id, str):
                    errors.add(number, "doc_id", "doc_id must be a string")
                    continue
                if doc_id not in golds:
                    errors.add(number, "doc_id", f"unknown doc_id {doc_id!r}: not in the gold")
                    continue
                if doc_id in first_line:
                    errors.add(
                        number,
                        "doc_id",
                        f"duplicate doc_id {doc_id!r} (first on line {first_line[doc_id]})",
                    )
                    continue
                first_line[doc_id] = number
                doc = _parse_document(obj, number, len(golds[doc_id].text), errors)
                submission.documents[doc_id] = doc
        except UnicodeDecodeError as exc:
            errors.add(0, None, f"the file is not UTF-8 ({exc.reason})")
    if errors.problems:
        raise SubmissionError(
            f"{file}: invalid submission ({len(errors.problems) + errors.dropped} problem(s))",
            errors.problems,
            errors.dropped,
        )
    submission.missing = sorted(set(golds) - set(submission.documents))
    return submission


def submission_from_documents(docs: Iterable[Document], path: str = "<gold>") -> Submission:
    """The gold as a perfect submission: mentions with their clusters, args as entity refs."""
    submission = Submission(path=path)
    for doc in docs:
        actual = [r for r in doc.relations if r.realis == "actual"]
        submission.documents[doc.id] = PredictedDocument(
            doc_id=doc.id,
            mentions=[PredMention(m.start, m.end, m.type, m.entity) for m in doc.mentions],
            timexes=[PredTimex(t.start, t.end, t.type, t.value) for t in doc.timexes],
            relations=[
                PredRelation(r.type, EntityArg(r.arg1), EntityArg(r.arg2), r.date, r.evidence)
                for r in actual
            ],
        )
    return submission


def _arg_to_json(arg: Arg) -> Any:
    if isinstance(arg, NameArg):
        return arg.name
    if isinstance(arg, SpanArg):
        return {"start": arg.start, "end": arg.end}
    return {"entity": arg.entity}


def document_to_json(doc: PredictedDocument) -> dict[str, Any]:
    """A predicted document as one submission line (layers not submitted are left out)."""
    out: dict[str, Any] = {"doc_id": doc.doc_id}
    if doc.mentions is not None:
        out["mentions"] = [
            {"start": m.start, "end": m.end, "type": m.type}
            | ({"entity": m.entity} if m.entity is not None else {})
            for m in doc.mentions
        ]
    if doc.timexes is not None:
        out["timexes"] = [
            {"start": t.start, "end": t.end, "type": t.type}
            | ({"value": t.value} if t.value is not None else {})
            for t in doc.timexes
        ]
    if doc.relations is not None:
        out["relations"] = [
            {
                "type": r.type,
                "arg1": _arg_to_json(r.arg1),
                "arg2": _arg_to_json(r.arg2),
                "date": r.date,
            }
            | ({"evidence": list(r.evidence)} if r.evidence is not None else {})
            for r in doc.relations
        ]
    return out
