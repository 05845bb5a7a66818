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

The format is published as a JSON Schema, ``benchmark/schemas/submission.schema.json``
(``bench schema submission``). The reader enforces it (the allowed keys are read from it; a
property test checks that the reader accepts exactly what the schema accepts) and adds the
checks a schema cannot make: offsets inside the gold text, evidence indices among the gold
sentences, dates and timex values that are valid TIMEX3 values, entity references defined by
the line's own mentions. Unknown keys are errors with a did-you-mean. Lines are parsed with
orjson (strict UTF-8, no lone surrogates, bounded nesting), so hostile input is a located
error, never a traceback. Every problem is collected with its line and field, up to
``max_errors``, and raised together as one :class:`~benchmark.errors.SubmissionError`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, TypeAlias

import msgspec

from benchmark import safety
from benchmark.errors import Problem, SubmissionError, UsageError
from benchmark.model import ENTITY_TYPES, MENTION_LEVELS, RELATION_TYPES, TIMEX_TYPES, Document
from benchmark.timex import is_valid_relation_date, is_valid_value

LAYERS = ("mentions", "timexes", "relations")
MAX_ERRORS = 50


if TYPE_CHECKING:
    EntityType: TypeAlias = str
    TimexType: TypeAlias = str
    MentionLevel: TypeAlias = str
else:
    # Decoded as literals, a value is checked in C and is one shared string per value (not a
    # new string per record): 5% of parsing a submission line, a fifth of a gold file.
    EntityType = Literal[ENTITY_TYPES]
    TimexType = Literal[TIMEX_TYPES]
    MentionLevel = Literal[MENTION_LEVELS]


class PredMention(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A predicted mention; also the type a well-formed submission line is decoded into."""

    start: int
    end: int
    type: EntityType
    entity: str | None = None
    text: str | None = None


class PredTimex(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A predicted timex; also the type a well-formed submission line is decoded into (a
    timex without a type is a DATE)."""

    start: int
    end: int
    type: TimexType = "DATE"
    value: str | None = None
    text: str | None = None


# The argument and relation records are frozen msgspec structs rather than frozen
# dataclasses: a frozen dataclass's __init__ sets each field through object.__setattr__,
# which made building a line's relations a sixth of parsing it. They hold only strings,
# numbers and tuples, so the garbage collector need not track them.


class NameArg(msgspec.Struct, frozen=True, gc=False):
    name: str


class SpanArg(msgspec.Struct, frozen=True, gc=False):
    start: int
    end: int
    text: str | None = None


class EntityArg(msgspec.Struct, frozen=True, gc=False):
    entity: str


Arg = NameArg | SpanArg | EntityArg


class PredRelation(msgspec.Struct, frozen=True, gc=False):
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


@dataclass
class _OtherSplitLines:
    """The lines whose doc_id is a document of one other split: the first (and its doc_id),
    how many, which documents."""

    first: int
    first_id: str
    count: int = 0
    ids: set[str] = field(default_factory=set)


class _Collector:
    def __init__(self, path: str, max_errors: int) -> None:
        self.path = path
        self.max_errors = max_errors
        self.problems: list[Problem] = []
        self.dropped = 0
        #: the split scored, and a function giving the split of every document of the same
        #: gold (read only when an unknown doc_id turns up); see :meth:`unknown_doc_id`
        self.split: str | None = None
        self.splits_of: Callable[[], Mapping[str, str]] | None = None
        self._splits: Mapping[str, str] | None = None
        #: documents of the scored split with an annotation file but no metadata line
        self.orphans: set[str] = set()
        #: the non-blank lines read, and by split the lines naming a document of another split
        #: (gathered into one problem per split, so that they never crowd out the others)
        self.lines_read = 0
        self._elsewhere: dict[str, _OtherSplitLines] = {}

    def unknown_doc_id(self, line: int, doc_id: Any) -> None:
        """A ``doc_id`` not in the gold scored: when it is a document of another split of the
        same gold, say which and the ``--split`` that scores it."""
        if self.splits_of is not None and self._splits is None:
            self._splits = self.splits_of()
        other = (self._splits or {}).get(doc_id) if isinstance(doc_id, str) else None
        if other is not None and other != self.split:
            lines = self._elsewhere.setdefault(other, _OtherSplitLines(line, doc_id))
            lines.count += 1
            lines.ids.add(doc_id)
            return
        if doc_id in self.orphans:
            message = (
                f"unknown doc_id {_show(doc_id)}: the gold has an annotation file for it but "
                f"no line in the {self.split} split's metadata, so it is not scored (the gold "
                "is incomplete: bench validate names the file)"
            )
        else:
            message = f"unknown doc_id {_show(doc_id)}: not in the gold"
        self.add(line, "doc_id", message)

    def add(self, line: int, fieldname: str | None, message: str) -> None:
        if len(self.problems) < self.max_errors:
            self.problems.append(Problem(self.path, line, fieldname, message))
        else:
            self.dropped += 1

    def _other_split_problems(self) -> list[Problem]:
        """One problem per other split whose documents the submission names: the line itself
        when there is one, else how many and the first line."""
        note = f" (this run scores the {self.split} split)" if self.split else ""
        out = []
        for other, lines in self._elsewhere.items():
            if lines.count == 1:
                what = f"unknown doc_id {_show(lines.first_id)}: it is a document of the {other}"
            else:
                every = "all " if lines.count == self.lines_read else ""
                what = (
                    f"{every}{lines.count} lines (from line {lines.first} on) name documents of "
                    f"the {other}"
                )
            message = f"{what} split{note}; use --split {other}"
            out.append(Problem(self.path, lines.first, "doc_id", message))
        return out

    def raise_if_any(self, path: str) -> None:
        """Raise the problems found, in line order (then field), whatever order the reader
        and its workers found them in."""
        problems = self.problems + self._other_split_problems()
        if not problems:
            return
        if not self.problems and not self.dropped and len(self._elsewhere) == 1:
            ((other, lines),) = self._elsewhere.items()
            if 1 < lines.count == len(lines.ids) == self.lines_read:
                heading = f"its {lines.count} documents are of the {other} split"
                raise SubmissionError(f"{path}: invalid submission ({heading})", problems)
        raise SubmissionError(
            f"{path}: invalid submission ({len(problems) + self.dropped} problem(s))",
            sorted(problems, key=_problem_order),
            self.dropped,
        )


def _problem_order(problem: Problem) -> tuple[Any, ...]:
    """Sort key of a located problem: line (file-level first), then field with its indices
    compared as numbers (``mentions[2]`` before ``mentions[10]``)."""
    parts = re.split(r"(\d+)", problem.field or "")
    field_key = tuple((0, int(x), "") if x.isdigit() else (1, 0, x) for x in parts)
    return (problem.line is not None, problem.line or 0, field_key)


# --------------------------------------------------------------------------- the schema


@cache
def schema(name: str = "submission") -> dict[str, Any]:
    """A published JSON Schema shipped with the package: ``submission`` or ``report``."""
    if name not in SCHEMAS:
        raise UsageError(f"unknown schema {name!r}; known: {', '.join(SCHEMAS)}")
    data = (
        resources.files("benchmark")
        .joinpath("schemas")
        .joinpath(f"{name}.schema.json")
        .read_bytes()
    )
    loaded: dict[str, Any] = json.loads(data)
    return loaded


SCHEMAS = ("submission", "report")


_ENTITY_SET = frozenset(ENTITY_TYPES)
_TIMEX_SET = frozenset(TIMEX_TYPES)


class _KeySets(dict[str, frozenset[str]]):
    """The allowed keys of each kind of object as sets, read from the schema on first use."""

    def __missing__(self, kind: str) -> frozenset[str]:
        keys = frozenset(_allowed_keys()[kind])
        self[kind] = keys
        return keys


_KEYSETS = _KeySets()


@cache
def _allowed_keys() -> dict[str, tuple[str, ...]]:
    """The keys each kind of object may have, read from the submission schema."""
    sub = schema("submission")
    defs = sub["$defs"]
    return {
        "line": tuple(sub["properties"]),
        "mention": tuple(defs["mention"]["properties"]),
        "timex": tuple(defs["timex"]["properties"]),
        "relation": tuple(defs["relation"]["properties"]),
        "span": tuple(defs["span_argument"]["properties"]),
        "entity": tuple(defs["entity_argument"]["properties"]),
        "argument": tuple(defs["span_argument"]["properties"])
        + tuple(defs["entity_argument"]["properties"]),
    }


def _unknown_keys(
    obj: dict[str, Any], kind: str, where: str, line: int, errors: _Collector
) -> bool:
    """Report every key of ``obj`` that the schema does not allow; True when there was one."""
    allowed = _allowed_keys()[kind]
    bad = False
    for key in obj:
        if key not in allowed:
            bad = True
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6) if len(key) < 64 else []
            suggestion = (
                f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"
            )
            errors.add(
                line,
                f"{where}.{_show(key, 40)[1:-1]}" if where else _show(key, 40)[1:-1],
                f"unknown key {_show(key)}{suggestion}",
            )
    return bad


def _show(value: Any, limit: int = 60) -> str:
    """A short repr of a value from a submission, for a message (deep or long values cut)."""
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "an object"
    if value is None or isinstance(value, bool):  # as the submission spells them
        return {None: "null", True: "true", False: "false"}[value]
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_int(value: Any) -> int | None:
    """An integer as JSON Schema counts integers (3 and 3.0), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


#: The largest integer a JSON number read as a float holds exactly; a number beyond it (the
#: parser reads integers past 64 bits as floats) was not an offset as written.
_EXACT_FLOAT = 2**53


def _offset(obj: dict[str, Any], key: str, where: str, line: int, errors: _Collector) -> int | None:
    """``obj[key]`` as an offset, else None with the problem noted at ``where.key``: missing,
    not an integer, or a number too large to be one (never shown converted through a float)."""
    if key not in obj:
        errors.add(line, f"{where}.{key}", "required field is missing")
        return None
    value = obj[key]
    if isinstance(value, float) and value.is_integer() and abs(value) > _EXACT_FLOAT:
        errors.add(
            line,
            f"{where}.{key}",
            f"{key} must be an integer between 0 and the text length; this number is too large",
        )
        return None
    number = _as_int(value)
    if number is None:
        errors.add(line, f"{where}.{key}", f"{key} must be an integer, not {_show(value)}")
    return number


def _span(
    obj: dict[str, Any], where: str, text_len: int, line: int, errors: _Collector
) -> tuple[int, int] | None:
    start = _offset(obj, "start", where, line, errors)
    end = _offset(obj, "end", where, line, errors)
    if start is None or end is None:
        return None
    if not 0 <= start < end <= text_len:
        errors.add(
            line,
            f"{where}.end" if 0 <= start < text_len < end else f"{where}.start",
            f"offsets [{start}, {end}) out of range: need 0 <= start < end <= {text_len}",
        )
        return None
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        errors.add(line, f"{where}.text", "text must be a string")
        return None
    return start, end


def _ref(value: Any) -> str | None:
    """A cluster id (a non-empty string or an integer) as text, else None."""
    if isinstance(value, str):
        return value or None
    number = _as_int(value)
    return None if number is None else str(number)


def _arg(
    value: Any, where: str, text_len: int, line: int, clusters: set[str] | None, errors: _Collector
) -> Arg | None:
    if isinstance(value, str):
        if not value.strip():
            errors.add(line, where, "a name argument must not be empty")
            return None
        return NameArg(value)
    if isinstance(value, dict):
        if _unknown_keys(value, "entity" if "entity" in value else "span", where, line, errors):
            return None
        if "entity" in value:
            ref = _ref(value["entity"])
            if ref is None:
                errors.add(line, f"{where}.entity", "an entity reference must be a string id")
                return None
            if clusters is None or ref not in clusters:
                errors.add(
                    line,
                    f"{where}.entity",
                    f"entity {_show(value['entity'])} is not defined by this document's mentions",
                )
                return None
            return EntityArg(ref)
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


def _type_of(
    obj: dict[str, Any], allowed: tuple[str, ...], where: str, line: int, errors: _Collector
) -> str | None:
    """``obj``'s required ``type`` if it is one of ``allowed``, else None (the problem noted)."""
    if "type" not in obj:
        errors.add(line, f"{where}.type", "required field is missing")
        return None
    value = obj["type"]
    if value not in allowed:
        errors.add(line, f"{where}.type", f"unknown type {_show(value)}; expected {allowed}")
        return None
    return str(value)


def _parse_document(
    obj: dict[str, Any], line: int, gold: Document | None, errors: _Collector
) -> PredictedDocument:
    """Check one submission object against the schema's rules and the gold document, and
    build it (problems go to ``errors``). ``gold`` None checks only what needs no gold."""
    text_len = len(gold.text) if gold is not None else 2**62
    n_sentences = len(gold.sentences) if gold is not None else None
    doc = PredictedDocument(doc_id=obj["doc_id"], line=line)
    _unknown_keys(obj, "line", "", line, errors)
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
        mention_keys = _KEYSETS["mention"]
        append = doc.mentions.append
        for i, m in enumerate(obj["mentions"]):
            # fast path: a well-formed mention (exactly what the checks below accept)
            if type(m) is dict and m.keys() <= mention_keys:
                start, end, mtype = m.get("start"), m.get("end"), m.get("type")
                ent = m.get("entity")
                text = m.get("text")
                if (
                    type(start) is int
                    and type(end) is int
                    and 0 <= start < end <= text_len
                    and type(mtype) is str
                    and mtype in _ENTITY_SET
                    and (ent is None or (type(ent) is str and ent))
                    and (text is None or type(text) is str)
                ):
                    if ent is not None:
                        clusters.add(ent)
                    append(PredMention(start, end, mtype, ent, text))
                    continue
            where = f"mentions[{i}]"
            if not isinstance(m, dict):
                errors.add(line, where, "a mention must be an object")
                continue
            if _unknown_keys(m, "mention", where, line, errors):
                continue
            span = _span(m, where, text_len, line, errors)
            mtype = _type_of(m, ENTITY_TYPES, where, line, errors)
            if mtype is None:
                continue
            ent = None
            if "entity" in m:
                ent = _ref(m["entity"])
                if ent is None:
                    errors.add(line, f"{where}.entity", "entity must be a string id")
                    continue
            if span is not None:
                if ent is not None:
                    clusters.add(ent)
                doc.mentions.append(PredMention(span[0], span[1], mtype, ent, m.get("text")))
    if isinstance(obj.get("timexes"), list):
        doc.timexes = []
        timex_keys = _KEYSETS["timex"]
        for i, t in enumerate(obj["timexes"]):
            if type(t) is dict and t.keys() <= timex_keys:
                start, end = t.get("start"), t.get("end")
                ttype, value, text = t.get("type", "DATE"), t.get("value"), t.get("text")
                if (
                    type(start) is int
                    and type(end) is int
                    and 0 <= start < end <= text_len
                    and type(ttype) is str
                    and ttype in _TIMEX_SET
                    and (value is None or (type(value) is str and is_valid_value(value)))
                    and (text is None or type(text) is str)
                ):
                    doc.timexes.append(PredTimex(start, end, ttype, value, text))
                    continue
            where = f"timexes[{i}]"
            if not isinstance(t, dict):
                errors.add(line, where, "a timex must be an object")
                continue
            if _unknown_keys(t, "timex", where, line, errors):
                continue
            span = _span(t, where, text_len, line, errors)
            ttype, value = t.get("type", "DATE"), t.get("value")
            if ttype not in TIMEX_TYPES:
                errors.add(
                    line, f"{where}.type", f"unknown type {_show(ttype)}; expected {TIMEX_TYPES}"
                )
                continue
            if value is not None and not isinstance(value, str):
                errors.add(line, f"{where}.value", "value must be a string")
                continue
            if value is not None and not is_valid_value(value):
                # any TIMEX3 value; one that does not fit the type is scored (type accuracy)
                errors.add(line, f"{where}.value", f"{_show(value)} is not a valid TIMEX3 value")
                continue
            if span is not None:
                doc.timexes.append(PredTimex(span[0], span[1], ttype, value, t.get("text")))
    if isinstance(obj.get("relations"), list):
        doc.relations = _parse_relations(
            obj["relations"], line, text_len, n_sentences, clusters, errors
        )
    return doc


def _parse_relations(
    items: list[Any],
    line: int,
    text_len: int,
    n_sentences: int | None,
    clusters: set[str] | None,
    errors: _Collector,
) -> list[PredRelation]:
    """The relations of one line, checked (problems go to ``errors``); ``clusters`` are the
    entity ids the line's mentions define (None: it has no mentions layer)."""
    relations: list[PredRelation] = []
    for i, r in enumerate(items):
        where = f"relations[{i}]"
        if not isinstance(r, dict):
            errors.add(line, where, "a relation must be an object")
            continue
        if _unknown_keys(r, "relation", where, line, errors):
            continue
        rtype = _type_of(r, RELATION_TYPES, where, line, errors)
        if rtype is None:
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
        if date is not None and not is_valid_relation_date(date):
            errors.add(
                line,
                f"{where}.date",
                f"{_show(date)} is not a valid TIMEX3 date (e.g. 2025-12-11, 2025-11, 2025-W50)",
            )
            continue
        evidence = r.get("evidence")
        if evidence is not None:
            indices = [_as_int(e) for e in evidence] if isinstance(evidence, list) else [None]
            if isinstance(evidence, list) and any(
                isinstance(e, float) and abs(e) > _EXACT_FLOAT for e in evidence
            ):  # never shown converted through a float (1e26 as 100000000000000004764729344)
                errors.add(
                    line, f"{where}.evidence", "sentence index too large: no text has that many"
                )
                continue
            if any(e is None or e < 0 for e in indices):
                errors.add(line, f"{where}.evidence", "evidence must be a list of sentence indices")
                continue
            if n_sentences is not None:
                out = [e for e in indices if e is not None and e >= n_sentences]
                if out:
                    errors.add(
                        line,
                        f"{where}.evidence",
                        f"sentence index {out[0]} out of range: the document has "
                        f"{n_sentences} sentence(s), 0 to {n_sentences - 1}",
                    )
                    continue
            evidence = [e for e in indices if e is not None]
        if arg1 is not None and arg2 is not None:
            ev = None if evidence is None else tuple(sorted(set(evidence)))
            relations.append(PredRelation(rtype, arg1, arg2, date or None, ev))
    return relations


class _ArgIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """A relation argument object as the quick parser reads it: a span or an entity reference
    (which keys it has is checked afterwards, as :func:`_arg` checks them)."""

    start: int | msgspec.UnsetType = msgspec.UNSET
    end: int | msgspec.UnsetType = msgspec.UNSET
    text: str | msgspec.UnsetType | None = msgspec.UNSET
    entity: str | msgspec.UnsetType = msgspec.UNSET


class _RelationIn(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    type: str
    arg1: str | _ArgIn
    arg2: str | _ArgIn
    date: str | None = None
    evidence: list[int] | None = None


class _LineIn(msgspec.Struct, forbid_unknown_fields=True):
    doc_id: str
    mentions: list[PredMention] | msgspec.UnsetType = msgspec.UNSET
    timexes: list[PredTimex] | msgspec.UnsetType = msgspec.UNSET
    relations: list[_RelationIn] | msgspec.UnsetType = msgspec.UNSET


_LINE = msgspec.json.Decoder(_LineIn)
_RELATION_SET = frozenset(RELATION_TYPES)


def parse_line_fast(raw: bytes, line: int, gold: Document) -> PredictedDocument | None:
    """A line of ``gold``'s document parsed the quick way, or None.

    The common case, a well-formed line, is decoded straight into typed records (msgspec,
    several times faster than JSON objects checked field by field) and checked against the
    gold (offsets inside the text, evidence among its sentences, entity references among the
    line's clusters, valid dates and values). Anything else (another ``doc_id``, an unknown key,
    a wrong type, a span outside the text, a layer over the size limit, broken JSON) gives
    None: the caller then parses the line with :func:`_decode_line` and
    :func:`_parse_document`, which say what is wrong and where. On every line this accepts,
    the two give the same document, and the checking parser finds no problem (tested).
    """
    try:
        obj = _LINE.decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        # msgspec recurses into a deeply nested value (here, under ``relations``); the
        # checking parser reports the nesting with its line and column
        return None
    if obj.doc_id != gold.id:
        return None
    limit = safety.MAX_ITEMS_PER_LAYER
    text_len = len(gold.text)
    doc = PredictedDocument(doc_id=obj.doc_id, line=line)
    clusters: set[str] | None = None
    if not isinstance(obj.mentions, msgspec.UnsetType):
        if len(obj.mentions) > limit:
            return None
        mentions = obj.mentions
        for m in mentions:
            # (the type is one of ENTITY_TYPES: it was decoded as a literal)
            if not (0 <= m.start < m.end <= text_len and m.entity != ""):
                return None
        doc.mentions = mentions
        clusters = {m.entity for m in mentions if m.entity is not None}
    if not isinstance(obj.timexes, msgspec.UnsetType):
        if len(obj.timexes) > limit:
            return None
        timexes = obj.timexes
        for t in timexes:
            value = t.value
            if not (0 <= t.start < t.end <= text_len and (value is None or is_valid_value(value))):
                return None
        doc.timexes = timexes
    if not isinstance(obj.relations, msgspec.UnsetType):
        if len(obj.relations) > limit:
            return None
        n_sentences = len(gold.sentences)
        relations: list[PredRelation] = []
        for r in obj.relations:
            arg1 = _quick_arg(r.arg1, text_len, clusters)
            arg2 = _quick_arg(r.arg2, text_len, clusters)
            date, evidence = r.date, r.evidence
            if (
                arg1 is None
                or arg2 is None
                or r.type not in _RELATION_SET
                or (date is not None and not is_valid_relation_date(date))
                or (evidence and not 0 <= min(evidence) <= max(evidence) < n_sentences)
            ):
                return None
            ev = None if evidence is None else tuple(sorted(set(evidence)))
            relations.append(PredRelation(r.type, arg1, arg2, date, ev))
        doc.relations = relations
    return doc


def _quick_arg(value: str | _ArgIn, text_len: int, clusters: set[str] | None) -> Arg | None:
    """A decoded relation argument as :func:`_arg` builds it, or None where :func:`_arg` would
    report a problem (or when in doubt)."""
    if isinstance(value, str):
        return NameArg(value) if value.strip() else None
    start, end, text, entity = value.start, value.end, value.text, value.entity
    if isinstance(entity, str):  # {"entity": ID} and no other key; "" is never a cluster
        unset = start is msgspec.UNSET and end is msgspec.UNSET and text is msgspec.UNSET
        return EntityArg(entity) if unset and clusters is not None and entity in clusters else None
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= text_len:
        return SpanArg(start, end, None if isinstance(text, msgspec.UnsetType) else text)
    return None


def parse_document_object(obj: dict[str, Any], gold: Document) -> list[str]:
    """Problems of one submission object for ``gold`` (empty when it is valid)."""
    errors = _Collector("<answer>", MAX_ERRORS)
    _parse_document(obj, 0, gold, errors)
    return [f"{p.field}: {p.message}" if p.field else p.message for p in errors.problems]


# --------------------------------------------------------------------------- reading lines


def loads(raw: bytes) -> Any:
    """Parse one JSON text (orjson: strict UTF-8, no lone surrogates, bounded nesting)."""
    import orjson

    return orjson.loads(raw)


def _decode_line(raw: bytes, number: int, errors: _Collector) -> dict[str, Any] | None:
    """One line as a JSON object with a string ``doc_id``, or None (the problem recorded)."""
    import orjson

    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.add(number, None, f"not UTF-8 text (byte {exc.start + 1} of the line: {exc.reason})")
        return None
    try:
        # without the line break: an error at the end of the line is at its last column
        obj = orjson.loads(raw.rstrip(b"\r\n"))
    except orjson.JSONDecodeError as exc:
        text = raw.strip()
        if text.startswith(b"\xef\xbb\xbf"):
            where = "file" if number == 1 else "line"
            errors.add(
                number,
                None,
                f"the {where} starts with a byte-order mark (BOM); save it as UTF-8 without one",
            )
        elif not text.startswith((b"{", b"[", b'"')) and not text[:1].isdigit():
            errors.add(number, None, "not JSON: each line must be one JSON object, {...}")
        elif b"\r" in raw.rstrip(b"\r\n"):  # CR-only line ends make the file one line
            errors.add(
                number,
                None,
                f"invalid JSON ({exc.msg} at column {exc.colno}); the line holds a lone carriage "
                "return: save the file with LF (or CRLF) line ends",
            )
        elif "infinity" in exc.msg:  # a number of hundreds of digits
            errors.add(
                number,
                None,
                f"invalid JSON (a number at column {exc.colno} is too large for any field: "
                "offsets and indices are integers below 2**31)",
            )
        else:
            errors.add(number, None, f"invalid JSON ({exc.msg} at column {exc.colno})")
        return None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - orjson raises the above
        errors.add(number, None, f"invalid JSON ({exc})")
        return None
    if not isinstance(obj, dict):
        errors.add(number, None, "each line must be a JSON object")
        return None
    doc_id = obj.get("doc_id")
    if doc_id is None:
        errors.add(number, "doc_id", "required field is missing")
        return None
    if not isinstance(doc_id, str):
        errors.add(number, "doc_id", "doc_id must be a string")
        return None
    return obj


#: Read buffer of a submission file read line by line: with the default 8 KiB, a line of a few
#: kilobytes often spans two reads, and reading lines cost four times as much (130 against
#: 30 ms for 10,000 lines of the rules baseline).
READ_BUFFER = 1 << 16


def open_submission(path: str | os.PathLike[str]) -> tuple[BinaryIO, str]:
    """A readable binary handle on a submission and the name to report it by.

    ``-`` is standard input; a FIFO or other non-regular file is read as a stream. A
    directory or a missing path is a usage error.
    """
    if str(path) == "-":
        return sys.stdin.buffer, "<stdin>"
    file = Path(path)
    if file.is_dir():
        raise UsageError(f"{file}: is a directory, not a submission file")
    if not file.exists():
        raise UsageError(f"{file}: no such submission file")
    try:
        return file.open("rb", buffering=READ_BUFFER), str(file)
    except OSError as exc:
        raise UsageError(f"{file}: cannot read ({exc.strerror})") from exc


def read_submission(
    path: str | os.PathLike[str],
    gold: Iterable[Document] | Mapping[str, Document],
    *,
    max_errors: int = MAX_ERRORS,
    split: str | None = None,
    splits_of: Callable[[], Mapping[str, str]] | None = None,
) -> Submission:
    """Read and check a submission against the gold documents it will be scored on.

    ``path`` may be ``-`` (standard input). Raises :class:`SubmissionError` listing every
    problem (line and field), up to ``max_errors``. Gold documents the file leaves out are
    listed in ``Submission.missing``. ``split`` and ``splits_of`` (the split scored, and the
    split of every document of the gold, read only if needed): to name the ``--split`` that
    scores a doc_id the gold's split lacks.
    """
    golds = dict(gold) if isinstance(gold, Mapping) else {d.id: d for d in gold}
    handle, name = open_submission(path)
    errors = _Collector(name, max_errors)
    errors.split, errors.splits_of = split, splits_of

    def objects() -> Iterable[tuple[int, dict[str, Any] | None]]:
        seen_any = False
        with handle:
            for number, raw in safety.bounded_lines(handle, safety.MAX_LINE_CHARS):
                if raw is None:
                    limit = safety.MAX_LINE_CHARS
                    errors.add(number, None, f"line longer than the limit of {limit} characters")
                    seen_any = True
                    continue
                if raw.strip():
                    seen_any = True
                    yield number, _decode_line(raw, number, errors)
        if not seen_any:
            errors.add(1, None, "the submission is empty: expected one JSON object per line")

    return _collect(objects(), golds, name, errors)


def submission_from_objects(
    objects: Iterable[Mapping[str, Any]],
    gold: Iterable[Document] | Mapping[str, Document],
    *,
    name: str = "<predictions>",
    max_errors: int = MAX_ERRORS,
) -> Submission:
    """Check submission lines given as Python objects (e.g. from a notebook), numbered from
    1 in the order given, exactly as :func:`read_submission` checks a file's lines."""
    golds = dict(gold) if isinstance(gold, Mapping) else {d.id: d for d in gold}
    errors = _Collector(name, max_errors)

    def checked() -> Iterable[tuple[int, dict[str, Any] | None]]:
        number = 0
        for number, obj in enumerate(objects, start=1):
            if not isinstance(obj, Mapping):
                errors.add(number, None, "each line must be a JSON object")
                yield number, None
            elif not isinstance(obj.get("doc_id"), str):
                field = "doc_id"
                missing = obj.get("doc_id") is None
                errors.add(
                    number,
                    field,
                    "required field is missing" if missing else "doc_id must be a string",
                )
                yield number, None
            else:
                yield number, dict(obj)
        if number == 0:
            errors.add(1, None, "the submission is empty: expected one object per document")

    return _collect(checked(), golds, name, errors)


def _collect(
    objects: Iterable[tuple[int, dict[str, Any] | None]],
    golds: dict[str, Document],
    name: str,
    errors: _Collector,
) -> Submission:
    submission = Submission(path=name)
    first_line: dict[str, int] = {}
    for number, obj in objects:
        errors.lines_read += 1
        if obj is None:
            continue
        doc_id = obj["doc_id"]
        if doc_id not in golds:
            errors.unknown_doc_id(number, doc_id)
            continue
        if doc_id in first_line:
            errors.add(
                number,
                "doc_id",
                f"duplicate doc_id {doc_id!r} (first on line {first_line[doc_id]})",
            )
            continue
        first_line[doc_id] = number
        submission.documents[doc_id] = _parse_document(obj, number, golds[doc_id], errors)
    errors.raise_if_any(name)
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
