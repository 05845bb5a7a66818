"""Scoring a submission file document by document, with bounded memory (``bench score``).

The gold is read one document at a time, from annotation files (in id order) or from a built
dataset folder (Parquet, in file order, by record batches of the row groups wanted). The
submission is indexed first: one pass over its lines finds each line's ``doc_id`` (a
byte-level search; a full parse only when that fails) and remembers where the line is; each
line is then parsed when its gold document comes,
so neither side is held whole. Only counts are kept per document (for the bootstrap); error
lists and per-document details go to a sink: the first few for the table, a spool file on
disk for the JSON report, which is written out piece by piece. ``n_process`` cuts the
documents into contiguous runs that worker processes take in turn; their counts are merged in
document order before one bootstrap, so the report is the same as with one process.
"""

from __future__ import annotations

import gc
import io
import os
import re
import shutil
import sys
import tempfile
import uuid
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby, pairwise
from pathlib import Path
from typing import IO, Annotated, Any, BinaryIO

import msgspec

from benchmark import model, safety
from benchmark.errors import AnnotationError, BenchError, Problem, UsageError
from benchmark.model import (
    BOM_MESSAGE,
    ENTITY_TYPES,
    MENTION_LEVELS,
    RELATION_TYPES,
    TIMEX_TYPES,
    Document,
    SeedInfo,
    decode_text_file,
    descriptor_output,
    open_descriptor,
    output_target,
    read_manifest,
    read_seed_metadata,
    resolve_root,
    shown_ids,
    split_files,
)
from benchmark.scoring.evaluate import LIST_KINDS, Evaluation, ListSink
from benchmark.scoring.gold import draft_warning, refuse_drafts
from benchmark.scoring.report import ScoreReport, build_report, check_resampling
from benchmark.scoring.scores import N_BOOT, SEED
from benchmark.submission import (
    READ_BUFFER,
    EntityType,
    MentionLevel,
    PredictedDocument,
    TimexType,
    _Collector,
    _decode_line,
    _parse_document,
    open_submission,
    parse_line_fast,
)

Progress = Callable[[int], None]

# --------------------------------------------------------------------------- gold


def gold_folder(gold: str | os.PathLike[str] | None) -> tuple[str, Path]:
    """What ``--gold`` names: ("root", a data root) for the shipped gold (None), a data root
    or its ``annotations/`` folder; ("built", the folder) for a built dataset folder."""
    if gold is None:
        return "root", resolve_root(None)
    p = Path(gold)
    if not p.exists():
        raise UsageError(f"{p}: no such gold folder")
    if (p / "annotations").is_dir() and (p / "seeds").is_dir():
        return "root", p
    if p.name == "annotations" and (p.parent / "seeds").is_dir():
        return "root", p.parent
    if (p / "documents").is_dir():
        return "built", p
    raise UsageError(
        f"{p}: not a gold folder (expected a data root with annotations/ and seeds/, an "
        "annotations/ folder, or a built dataset folder)"
    )


def gold_splits(gold: str | os.PathLike[str] | None) -> dict[str, str]:
    """The split of every document of the gold ``--gold`` names, all splits (to name the split
    of a submission's doc_id that the split scored lacks)."""
    kind, path = gold_folder(gold)
    if kind == "root":
        return {i: s.split for i, s in read_seed_metadata(path).items()}
    out: dict[str, str] = {}
    for part in _built_parts(path):
        table = _parquet_columns(part, ["id", "split"])
        out.update(zip(table["id"], table["split"], strict=True))
    return out


def _built_parts(folder: Path) -> list[Path]:
    """The Parquet files of a built folder's documents, every split, in name order."""
    return sorted((folder / "documents").glob("*.parquet"))


def gold_versions(gold: str | os.PathLike[str] | None) -> dict[str, str]:
    """The dataset and guidelines versions of the gold ``--gold`` names (:func:`gold_folder`)."""
    kind, path = gold_folder(gold)
    if kind == "root":
        return read_manifest(path)
    from benchmark.dataset import built_versions

    return built_versions(path)


@dataclass
class GoldSource:
    """Where the gold of one split comes from, and its document ids in reading order."""

    kind: str  # "root" or "built"
    path: Path
    split: str
    ids: list[str] = field(default_factory=list)
    seeds: dict[str, SeedInfo] = field(default_factory=dict)
    #: seed text and annotation file of each document (kind "root")
    files: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: documents of the split's metadata with no annotation file (not scored; kind "root")
    unannotated: list[str] = field(default_factory=list)
    #: annotation files of the split with no metadata line (not scored; kind "root")
    orphans: list[str] = field(default_factory=list)
    #: documents of the split whose gold is not reviewed (kind "built", read with the ids)
    _built_unreviewed: list[str] = field(default_factory=list)
    #: the (Parquet file, row group) that holds each document (kind "built")
    row_groups: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def open(
        cls, gold: str | os.PathLike[str] | None, split: str, *, allow_unreviewed: bool = False
    ) -> GoldSource:
        """Resolve ``--gold`` (None: the shipped gold) as :func:`load_gold` does.

        Gold that a reviewer has not passed (a draft from ``bench preannotate``, an import) is
        refused: a score against it is not a benchmark result. ``allow_unreviewed`` scores it
        anyway, and the caller must say so in the report (:meth:`unreviewed`)."""
        source = cls(*gold_folder(gold), split)
        source._find_ids()
        if not source.ids:
            if source.orphans:
                why = (
                    f": its annotation files ({shown_ids(source.orphans)}) have no line in the "
                    "split's metadata (bench validate names them)"
                )
            elif source.kind == "built":
                files = ", ".join(p.name for p in source._parquet_files()) or "none"
                held = sorted(set(source.splits_of().values())) if files != "none" else []
                why = (
                    f": {source.path / 'documents'} holds none of its documents (its Parquet "
                    f"files: {files}; the splits it holds: {', '.join(held) or 'none'}); a "
                    "folder built from a data root with that split holds it"
                )
            elif source.unannotated:
                why = (
                    f": none of its documents ({shown_ids(source.unannotated)}) has an "
                    "annotation file (missing, or a folder in its place: bench validate names "
                    "them)"
                )
            else:
                why = f": the data root {source.path} has no document of that split"
            raise UsageError(f"no gold documents in split {split!r}{why}")
        if not allow_unreviewed:
            refuse_drafts(split, source.path, source.unreviewed())
        return source

    def splits_of(self) -> dict[str, str]:
        """The split of every document of this gold, all splits (to name a doc_id's split)."""
        return gold_splits(self.path)

    def unreviewed(self) -> list[str]:
        """Ids of the split's documents whose gold is not ``reviewed``."""
        if self.kind == "root":
            return [i for i in self.ids if _status(self.files[i][1]) != "reviewed"]
        return list(self._built_unreviewed)

    def _find_ids(self) -> None:
        if self.kind == "root":
            seeds = {
                i: s for i, s in read_seed_metadata(self.path).items() if s.split == self.split
            }
            self.files, self.orphans = split_files(self.split, seeds, self.path)
            self.ids = sorted(self.files)
            self.unannotated = sorted(set(seeds) - set(self.files))
            self.seeds = {i: seeds[i] for i in self.ids}
            return
        ids: list[str] = []
        for number, part in enumerate(self._parquet_files()):
            table = _parquet_columns(part, ["id", "split", "status"])
            groups = _row_group_of_rows(part)
            for doc_id, split, status, group in zip(
                table["id"], table["split"], table["status"], groups, strict=True
            ):
                if split == self.split:
                    if doc_id in self.row_groups:
                        first = self._parquet_files()[self.row_groups[doc_id][0]]
                        raise AnnotationError(
                            f"{part}: document {doc_id} is also in {first.name} (rebuild the "
                            "folder with bench build)",
                            [Problem(str(part), None, "id", f"{doc_id!r} is listed twice")],
                        )
                    ids.append(doc_id)
                    self.row_groups[doc_id] = (number, group)
                    if status != "reviewed":
                        self._built_unreviewed.append(doc_id)
        self.ids = ids

    def _parquet_files(self) -> list[Path]:
        return _built_parts(self.path)

    def manifest(self) -> dict[str, str]:
        """The dataset and guidelines versions of this gold (:func:`gold_versions`)."""
        return gold_versions(self.path)

    def part(self, ids: Sequence[str]) -> GoldSource:
        """The same source restricted to ``ids`` (a worker's run of documents)."""
        return GoldSource(
            self.kind,
            self.path,
            self.split,
            list(ids),
            {i: self.seeds[i] for i in ids if i in self.seeds},
            {i: self.files[i] for i in ids if i in self.files},
            row_groups={i: self.row_groups[i] for i in ids if i in self.row_groups},
        )

    def runs(self, n: int, fallback: int = 1) -> list[list[str]]:
        """:attr:`ids` cut into ``n`` contiguous runs of about equal size.

        A worker reads a built folder by Parquet row groups, so its runs end where a row group
        ends, the nearest to each even cut (there may be fewer runs). When that leaves a run
        of twice the even size or more (a folder of a few large row groups, as built before
        :data:`~benchmark.dataset.BUILT_ROW_GROUP_ROWS`), the ids are cut evenly into
        ``fallback`` runs instead, which read the groups they share."""
        total = len(self.ids)

        def even(k: int) -> list[int]:
            return [total * i // k for i in range(k + 1)]

        def nearest(ends: list[int], cut: int) -> int:
            k = bisect_left(ends, cut)
            return min(ends[max(k - 1, 0) : k + 1], key=lambda e: abs(e - cut))

        cuts = even(n)
        if self.kind == "built" and n > 1:
            group = [self.row_groups[i] for i in self.ids]
            ends = [k for k in range(1, total) if group[k] != group[k - 1]] or [total]
            aligned = sorted({0, total, *(nearest(ends, c) for c in cuts[1:-1])})
            widest = max(b - a for a, b in pairwise(aligned))
            cuts = aligned if widest < 2 * total / n else even(min(fallback, total))
        return [self.ids[a:b] for a, b in pairwise(cuts) if b > a]

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """The documents (of ``ids``, a contiguous run of :attr:`ids`; default all) in order."""
        wanted = self.ids if ids is None else list(ids)
        if self.kind == "root":
            for doc_id in wanted:
                yield _read_root_document(self.seeds[doc_id], *self.files[doc_id])
            return
        keep = set(wanted)
        groups: dict[int, set[int]] = {}
        for doc_id in wanted:
            number, group = self.row_groups[doc_id]
            groups.setdefault(number, set()).add(group)
        parts = self._parquet_files()
        found = 0
        for doc in _iter_built(
            [(parts[k], sorted(groups[k])) for k in sorted(groups)], self.split, keep
        ):
            found += 1
            yield doc
        if found != len(keep):  # a document not in the row group the folder's footer gave it
            raise AnnotationError(
                f"{self.path}: the built folder changed while it was read",
                [
                    Problem(
                        str(self.path),
                        None,
                        None,
                        f"{len(keep) - found} document(s) of the split were not where the "
                        "folder said (rebuilt while scoring?): score again",
                    )
                ],
            )


#: An offset or index of the gold: a trusted reader still refuses a number no text can have
#: (it would otherwise reach the JSON writer, which takes 64-bit integers only).
_Offset = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]


class _Sentence(msgspec.Struct, tag_field="record", tag="sentence", gc=False):
    index: _Offset
    start: _Offset
    end: _Offset


class _Entity(msgspec.Struct, tag_field="record", tag="entity", gc=False):
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str = ""


class _Mention(msgspec.Struct, tag_field="record", tag="mention", gc=False):
    id: str
    entity: str
    start: _Offset
    end: _Offset
    text: str
    type: EntityType
    level: MentionLevel


class _Timex(msgspec.Struct, tag_field="record", tag="timex", gc=False):
    id: str
    start: _Offset
    end: _Offset
    text: str
    type: TimexType
    value: str


class _Span(msgspec.Struct, gc=False):
    start: _Offset
    end: _Offset
    text: str


class _Relation(msgspec.Struct, tag_field="record", tag="relation", gc=False):
    id: str
    type: str
    arg1: str
    arg2: str
    date: str | None
    timex: str | None
    trigger: _Span
    evidence: tuple[_Offset, ...]
    realis: str


class _Header(msgspec.Struct, tag_field="record", tag="document", gc=False):
    id: str = ""
    status: str = "reviewed"
    guidelines_version: str = ""


#: One gold record, decoded straight into a lean struct with the model's field names (what the
#: scorer reads; fields it does not read, such as a relation's ``attributes``, are skipped).
#: The structs hold only strings, numbers and tuples of them, so they are not tracked by the
#: garbage collector (``gc=False``: 3% less to read a document).
#: Several times faster than JSON objects turned into the frozen model records; the gold is
#: validated by ``bench validate``, so this reader trusts the records' shape. A mention's type
#: and level and a timex's type are literals all the same: the scorer indexes its tables by
#: them, so a value outside the schema must stop the reading with its line, not a count.
_RECORD = msgspec.json.Decoder(_Sentence | _Entity | _Mention | _Timex | _Relation | _Header)


_ENTITY_TYPES = frozenset(ENTITY_TYPES)
_MENTION_LEVELS = frozenset(MENTION_LEVELS)
_TIMEX_TYPES = frozenset(TIMEX_TYPES)

#: How :func:`gold_problems` names a record of each kind that has an ``id``: the lean records
#: of this reader and the model's (of documents read otherwise, as ``load_gold`` reads them).
_RECORD_NAMES: dict[type, str] = {
    _Entity: "entity",
    _Mention: "mention",
    _Timex: "timex",
    _Relation: "relation",
    model.Entity: "entity",
    model.Mention: "mention",
    model.Timex: "timex",
    model.Relation: "relation",
}

#: Flags to open a file for reading its bytes (Windows opens in text mode without O_BINARY).
_READ_BYTES = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _status(path: str) -> str:
    """The ``status`` of an annotation file's document record: its first line, read with as
    little as one system call (this runs once per document before scoring starts), or, when
    the first line is another record, wherever it is in the file."""
    fd = os.open(path, _READ_BYTES)
    try:
        data = os.read(fd, 4096)
        while b"\n" not in data:
            more = os.read(fd, 65536)
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    first = data.split(b"\n", 1)[0]
    try:
        record = _RECORD.decode(first) if first.strip() else None
    except (msgspec.DecodeError, RecursionError):
        record = None
    if isinstance(record, _Header):
        return record.status
    # records out of the usual order (bench validate flags it): a draft is still a draft
    try:
        headers = [r for r in _RECORD.decode_lines(_read_bytes(path)) if isinstance(r, _Header)]
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        return "reviewed"  # reading the document reports what is wrong with the file
    return headers[0].status if headers else "reviewed"


def _read_bytes(path: str) -> bytes:
    """A whole file, read with plain system calls: no ``Path`` and no buffered file object,
    which cost more than the read itself for a document's small files. Errors are those
    ``open`` gives (the file named)."""
    fd = os.open(path, _READ_BYTES)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
    except OSError as exc:  # e.g. a directory: os.read does not name the file, open does
        raise OSError(exc.errno, exc.strerror, path) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _read_text(path: str) -> str:
    """A seed text (UTF-8), as :func:`~benchmark.model.decode_text_file` reads it."""
    data = _read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_text_file(Path(path))  # raises the error naming the file and the byte


def _where_unreadable(data: bytes, exc: Exception) -> tuple[int | None, str | None, str]:
    """(line, field, message) of an annotation file that does not decode: the line of the
    byte the decoder stopped at, or of the record a wrong value is in (msgspec names it by its
    index, ``$[61].start``: the 62nd non-blank line) with the record and field named as
    :func:`gold_problems` names them; a byte-order mark is named as such."""
    from benchmark.model import not_utf8

    if data.startswith(b"\xef\xbb\xbf"):
        return 1, None, BOM_MESSAGE
    if isinstance(exc, UnicodeDecodeError):
        return data.count(b"\n", 0, exc.start) + 1, None, f"not UTF-8 ({not_utf8(exc)})"
    message = str(exc)
    at = re.search(r"byte (\d+)", message)
    record = re.search(r"\s*-\s*at `\$\[(\d+)\]([^`]*)`", message)
    field: str | None = None
    line: int | None = None
    if at:
        byte = int(at.group(1))
        start = data.rfind(b"\n", 0, byte) + 1
        line = data.count(b"\n", 0, byte) + 1
        # the decoder reads on across a line break: a record cut at the end of its line fails
        # at the start of the next one, but the cut line is the one to mend
        previous = data[data.rfind(b"\n", 0, max(start - 1, 0)) + 1 : start].strip()
        if start and not data[start:byte].strip() and previous and not previous.endswith(b"}"):
            line -= 1
    elif message == "Input data was truncated":  # cut in its last record: no byte named
        line = data.rstrip().count(b"\n") + 1
    elif record:
        line, field = _record_at(data, int(record.group(1)), record.group(2))
        message = message[: record.start()] + message[record.end() :]
    what = re.sub(r"\s*\(byte \d+\)|,? at byte \d+", "", message) or message
    return line, field, f"invalid annotation record ({what}); bench validate says more"


def _record_at(data: bytes, index: int, rest: str) -> tuple[int | None, str | None]:
    """The line of the ``index``-th record (0-based; blank lines hold none) of an annotation
    file, and ``rest`` (``.start``) as a field of that record's name (``mention m42.start``)."""
    import orjson

    seen = -1
    for number, raw in enumerate(data.split(b"\n"), 1):
        if raw.strip():
            seen += 1
            if seen == index:
                try:
                    fields = orjson.loads(raw)
                    name = _record_name_of(fields)
                except (orjson.JSONDecodeError, TypeError, KeyError):
                    return number, rest.lstrip(".") or None
                return number, f"{name}{rest}"
    return None, None


def _read_root_document(seed: SeedInfo, text_path: str, path: str) -> Document:
    """One gold document from its seed text and annotation file."""
    data = _read_bytes(path)
    try:
        records = _RECORD.decode_lines(data)
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError) as exc:
        raise AnnotationError(
            f"{path}: unreadable annotation file",
            [Problem(path, *_where_unreadable(data, exc))],
        ) from None
    doc = Document(
        id=seed.id,
        text=_read_text(text_path),
        published=seed.published,
        split=seed.split,
        group=seed.group,
        category=seed.category,
    )
    headers: list[_Header] = []
    layers: dict[type, list[Any]] = {
        _Sentence: doc.sentences,
        _Entity: doc.entities,
        _Mention: doc.mentions,
        _Timex: doc.timexes,
        _Relation: doc.relations,
        _Header: headers,
    }
    # A file lists its records layer by layer: a run of records of one type at a time (in C)
    # rather than a Python step per record; records in any order still land in file order.
    for kind, run in groupby(records, type):
        layers[kind] += run
    for header in headers:
        doc.status = header.status
        doc.guidelines_version = header.guidelines_version
    problems = gold_problems(doc, len(headers))
    problems += [
        (
            "document.id",
            f"{repr(h.id) if h.id else 'no id'}, but the file is the annotation file of "
            f"{seed.id!r}",
        )
        for h in headers
        if h.id != seed.id
    ]
    if problems:
        lines = _record_lines(data)
        raise AnnotationError(
            f"{path}: broken gold annotation file (bench validate says more)",
            [
                Problem(path, _line_of(where, lines), where, message)
                for where, message in problems[:10]
            ],
            max(0, len(problems) - 10),
        )
    return doc


def _line_of(where: str, lines: dict[str, int]) -> int | None:
    """The line of the record a problem names (``mention m.5.entity``: the record ``mention
    m.5``, whose id may itself hold dots): the longest such name that is a record's."""
    name = where
    while name not in lines:
        if "." not in name:
            return None
        name = name.rsplit(".", 1)[0]
    return lines[name]


def _record_name(record: Any) -> str:
    """How a problem names a decoded record: ``document``, ``sentence 4``, ``mention m3``."""
    if isinstance(record, _Header):
        return "document"
    if isinstance(record, _Sentence | model.Sentence):
        return f"sentence {record.index}"
    return f"{_RECORD_NAMES[type(record)]} {record.id}"


def _record_name_of(fields: dict[str, Any]) -> str:
    """:func:`_record_name` of a record that does not decode, from its JSON object."""
    kind = fields["record"]
    if kind == "document":
        return "document"
    return f"{kind} {fields['index'] if kind == 'sentence' else fields['id']}"


def _record_lines(data: bytes) -> dict[str, int]:
    """The line of each record of an annotation file, by the name :func:`gold_problems` gives
    it (:func:`_record_name`); the last line of a repeated one (the copy, which a problem about
    a record written twice is about). Only for a file with problems: the reader decodes a
    sound file whole, without its lines."""
    lines: dict[str, int] = {}
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            record = _RECORD.decode(raw) if raw.strip() else None
        except (msgspec.DecodeError, RecursionError):
            continue
        if record is not None:
            lines[_record_name(record)] = number
    return lines


def gold_problems(
    doc: Document, headers: int = 1, values_checked: bool = True
) -> list[tuple[str, str]]:
    """(record, what is wrong) of what would make a score against this gold meaningless: no
    or several document records or no sentence record (an empty or cut file), a span that is
    empty, reversed or beyond the end of the text, an entity or sentence that a mention or
    relation names and that does not exist, a relation, mention or timex type or a mention
    level outside the schema, a relation of an entity with itself, or an entity, mention, timex
    or relation id used twice (a duplicated line, which would count twice). The reader trusts the
    records' shape (``bench validate`` checks everything); these few checks run on every
    document read, so a sound document is passed by :func:`_sound` and only a doubtful one is
    examined to name its problems.
    ``values_checked``: whether the mentions' types and levels and the timexes' types are
    known to be the schema's (the annotation-file reader decodes them as literals; the
    built-folder reader checks a record batch's at once); if not, the document is examined."""
    return [] if values_checked and _sound(doc, headers) else _problems(doc, headers)


def _sound(doc: Document, headers: int) -> bool:
    """Whether :func:`_problems` would find nothing, or False when in doubt (sentences not
    listed in index order, say). One loop per layer reading attributes directly (which Python
    specialises) costs less than ``map``/``attrgetter`` over the same records."""
    if headers != 1 or not doc.sentences:
        return False
    size = len(doc.text)
    for index, s in enumerate(doc.sentences):
        if not (s.index == index and s.start < s.end <= size):
            return False
    entities = {e.id for e in doc.entities}
    for m in doc.mentions:
        if not (m.start < m.end <= size and m.entity in entities):
            return False
    for t in doc.timexes:
        if not t.start < t.end <= size:
            return False
    # a record written twice would count twice (a duplicated line of an annotation file), or
    # an id used twice would make the scorer take one of two records
    if (
        len(entities) != len(doc.entities)
        or len({m.id for m in doc.mentions}) != len(doc.mentions)
        or len({t.id for t in doc.timexes}) != len(doc.timexes)
        or len({r.id for r in doc.relations}) != len(doc.relations)
    ):
        return False
    # the sentences are 0..n-1; an evidence index must be one of them (the annotation-file
    # reader refuses a negative one, the built-folder reader does not)
    n_sentences = len(doc.sentences)
    for r in doc.relations:
        trigger = r.trigger
        if not (
            trigger.start < trigger.end <= size
            and r.arg1 in entities
            and r.arg2 in entities
            and r.arg1 != r.arg2
            and r.type in RELATION_TYPES
            and (not r.evidence or (0 <= min(r.evidence) and max(r.evidence) < n_sentences))
        ):
            return False
    return True


def _problems(doc: Document, headers: int) -> list[tuple[str, str]]:
    """What :func:`gold_problems` reports, in the order it names them."""
    problems: list[tuple[str, str]] = []
    if headers != 1:
        problems.append(
            (
                "document",
                f"{headers} document records, expected one"
                if headers
                else "no document record: the file is empty or cut short",
            )
        )
    size = len(doc.text)
    spans: list[tuple[str, Any]] = [
        *((_record_name(x), x) for x in (*doc.sentences, *doc.mentions, *doc.timexes)),
        *((f"{_record_name(r)}.trigger", r.trigger) for r in doc.relations),
    ]
    for name, span in spans:
        if not span.start < span.end <= size:
            where = f"{span.start}-{span.end}"
            problems.append((name, f"span {where} is not a span of the text ({size} characters)"))
    if doc.text.strip() and not doc.sentences:
        problems.append(("sentence", "no sentence record: the file is cut short"))
    entities = {e.id for e in doc.entities}
    for m in doc.mentions:
        if m.entity not in entities:
            problems.append((f"{_record_name(m)}.entity", f"no entity {m.entity!r}"))
        if m.type not in ENTITY_TYPES:
            problems.append((f"{_record_name(m)}.type", f"{m.type!r} is not an entity type"))
        if m.level not in MENTION_LEVELS:
            problems.append((f"{_record_name(m)}.level", f"{m.level!r} is not a mention level"))
    for t in doc.timexes:
        if t.type not in TIMEX_TYPES:
            problems.append((f"{_record_name(t)}.type", f"{t.type!r} is not a timex type"))
    for layer in (doc.entities, doc.mentions, doc.timexes, doc.relations):
        seen: set[str] = set()
        for x in layer:
            if x.id in seen:
                problems.append((_record_name(x), "another record has this id too"))
            seen.add(x.id)
    for r in doc.relations:
        for slot, arg in (("arg1", r.arg1), ("arg2", r.arg2)):
            if arg not in entities:
                problems.append((f"{_record_name(r)}.{slot}", f"no entity {arg!r}"))
    for r in doc.relations:
        if r.type not in RELATION_TYPES:
            problems.append((f"{_record_name(r)}.type", f"{r.type!r} is not a relation type"))
        if r.arg1 == r.arg2:
            problems.append((f"{_record_name(r)}.arg2", f"the same entity as arg1 ({r.arg1!r})"))
    indices = {s.index for s in doc.sentences}
    if len(indices) != len(doc.sentences):
        counts = Counter(s.index for s in doc.sentences)
        repeated = min(i for i, n in counts.items() if n > 1)
        problems.append((f"sentence {repeated}", "a second sentence record with this index"))
    elif indices != set(range(len(doc.sentences))):
        missing = min(set(range(len(doc.sentences) + 1)) - indices)
        problems.append(("sentence", f"no sentence {missing}: indices must run 0..n-1"))
    for r in doc.relations:
        absent = sorted(set(r.evidence) - indices)
        if absent:
            problems.append((f"{_record_name(r)}.evidence", f"no sentence {absent[0]}"))
    return problems


def _parquet_columns(part: Path, columns: list[str]) -> dict[str, list[Any]]:
    """Some columns of a Parquet file as Python lists. ``ParquetFile`` rather than
    ``read_table``: the latter imports ``pyarrow.dataset`` and pandas, a third of a second."""
    with _unreadable_parquet(part):
        table = _parquet_file(part).read(columns=columns).to_pydict()
        missing = [name for name in columns if name not in table]  # pyarrow leaves them out
        if missing:
            raise KeyError(f"no column {missing[0]!r}")
        return table


#: Each Parquet file's parsed footer by path, with the version of the file it was parsed
#: from: a built split's footer describes every column of every row group (1.4 MB at 10,000
#: documents) and takes 10 to 14 ms to parse, which every run of a worker did without it.
#: Workers forked after the parent has read a folder start with its footers.
_FOOTERS: dict[str, tuple[tuple[int, ...], Any]] = {}


def _parquet_file(part: Path) -> Any:
    """``pq.ParquetFile(part)``, its footer parsed once per process and version of the file:
    the same device, inode, size and modification and change times (a file replaced by a
    rename, even with its size and modification time carried over, has another inode; ``utime``
    cannot set the change time). One footer per path is kept. The caller names a read error
    (:func:`_unreadable_parquet`)."""
    import pyarrow.parquet as pq

    info = os.stat(part)
    version = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    kept = _FOOTERS.get(str(part))
    footer = kept[1] if kept is not None and kept[0] == version else None
    handle = pq.ParquetFile(part, metadata=footer, page_checksum_verification=True)
    if footer is None:
        _FOOTERS[str(part)] = (version, handle.metadata)
    return handle


@contextmanager
def _unreadable_parquet(part: Path) -> Iterator[None]:
    """A Parquet file that pyarrow cannot read (truncated, not Parquet, a corrupt page, without
    a column or field the scorer needs) is an :class:`AnnotationError` naming it, not a
    traceback (nor, for pyarrow's plain ``OSError``, an error blamed on the output)."""
    from pyarrow import ArrowException

    try:
        yield
    except (ArrowException, KeyError, OSError) as exc:
        message = f"unreadable Parquet file of a built folder ({exc}); rebuild it with bench build"
        raise AnnotationError(
            f"{part}: unreadable", [Problem(str(part), None, None, message)]
        ) from None


def _rows(list_column: Any, fields: Sequence[str]) -> tuple[list[int], list[list[Any]]]:
    """A list<struct> column as (offsets, one flat Python list per field), read column-wise."""
    values = list_column.values
    return list_column.offsets.to_pylist(), [_field(values, f).to_pylist() for f in fields]


def _field(struct: Any, path: str) -> Any:
    for name in path.split("."):
        struct = struct.field(name)
    return struct


def _lists(list_column: Any) -> list[tuple[Any, ...]]:
    """A list<primitive> array as a Python list of tuples, a null list as an empty one
    (pyarrow builds the lists in C: half the cost of slicing one flat list by the offsets)."""
    return [() if x is None else tuple(x) for x in list_column.to_pylist()]


#: Documents per record batch read from a built folder.
BATCH_ROWS = 256


def _row_group_of_rows(part: Path) -> list[int]:
    """The row group of each row of a Parquet file, from its footer."""
    with _unreadable_parquet(part):
        meta = _parquet_file(part).metadata
        return [g for g in range(meta.num_row_groups) for _ in range(meta.row_group(g).num_rows)]


def _batches(part: Path, columns: list[str], row_groups: list[int] | None = None) -> Iterator[Any]:
    """The record batches of a Parquet file (of ``row_groups`` only, when given), read one at a
    time (a read error named)."""
    with _unreadable_parquet(part):
        batches = _parquet_file(part).iter_batches(
            batch_size=BATCH_ROWS, row_groups=row_groups, columns=columns
        )
    while True:
        with _unreadable_parquet(part):
            batch = next(batches, None)
        if batch is None:
            return
        yield batch


def _iter_built(
    parts: Iterable[tuple[Path, list[int] | None]], split: str, keep: set[str] | None = None
) -> Iterator[Document]:
    """Documents of ``split`` (and of ``keep``, when given) from a built folder's Parquet
    files (each with the row groups to read, None: all), a record batch at a time, read
    column by column (flat field arrays to Python lists, sliced by the list offsets) rather
    than row by row, into the scorer's lean records. A batch with none of ``keep`` is skipped
    after reading its ids."""

    for part, row_groups in parts:
        for batch in _batches(part, _BUILT_COLUMNS, row_groups):
            with _unreadable_parquet(part):  # a column or field missing: the file named
                docs = _batch_documents(part, batch, split, keep)
            yield from docs


#: The columns of a built folder's documents that the scorer reads.
_BUILT_COLUMNS = ["id", "text", "published", "split", "group", "category", "status"]
_BUILT_COLUMNS += ["guidelines_version", "sentences", "entities", "mentions", "timexes"]
_BUILT_COLUMNS += ["relations"]


def _batch_documents(part: Path, batch: Any, split: str, keep: set[str] | None) -> list[Document]:
    """The documents of ``split`` (and of ``keep``, when given) in one record batch."""
    out: list[Document] = []
    ids = batch.column("id").to_pylist()
    if keep is not None and keep.isdisjoint(ids):
        return out
    top = {name: batch.column(name).to_pylist() for name in _BUILT_COLUMNS[:8]}
    s_off, (s_index, s_start, s_end) = _rows(batch.column("sentences"), ["index", "start", "end"])
    e_col = batch.column("entities")
    e_off, (e_id, e_name, e_type, e_wd) = _rows(e_col, ["id", "name", "type", "wikidata"])
    e_aliases = _lists(_field(e_col.values, "aliases"))
    m_off, m = _rows(
        batch.column("mentions"), ["id", "entity", "start", "end", "text", "type", "level"]
    )
    t_off, t = _rows(batch.column("timexes"), ["id", "start", "end", "text", "type", "value"])
    r_col = batch.column("relations")
    r_off, r = _rows(
        r_col,
        [
            "id",
            "type",
            "arg1",
            "arg2",
            "date",
            "timex",
            "trigger.start",
            "trigger.end",
            "trigger.text",
            "realis",
        ],
    )
    r_evidence = _lists(_field(r_col.values, "evidence"))
    # the values an annotation file's reader decodes as literals, checked by the batch
    values_checked = (
        _ENTITY_TYPES.issuperset(m[5])
        and _MENTION_LEVELS.issuperset(m[6])
        and _TIMEX_TYPES.issuperset(t[4])
    )
    for i in range(batch.num_rows):
        if top["split"][i] != split or (keep is not None and ids[i] not in keep):
            continue
        doc = Document(
            id=top["id"][i],
            text=top["text"][i],
            published=top["published"][i],
            split=top["split"][i],
            status=top["status"][i],
            group=top["group"][i],
            category=top["category"][i],
            guidelines_version=top["guidelines_version"][i],
        )
        lo, hi = s_off[i], s_off[i + 1]
        sentences: list[Any] = doc.sentences
        sentences += map(_Sentence, s_index[lo:hi], s_start[lo:hi], s_end[lo:hi])
        lo, hi = e_off[i], e_off[i + 1]
        entities: list[Any] = doc.entities
        entities += map(
            _Entity,
            e_id[lo:hi],
            e_name[lo:hi],
            e_type[lo:hi],
            e_aliases[lo:hi],
            e_wd[lo:hi],
        )
        lo, hi = m_off[i], m_off[i + 1]
        mentions: list[Any] = doc.mentions
        mentions += map(_Mention, *(column[lo:hi] for column in m))
        lo, hi = t_off[i], t_off[i + 1]
        timexes: list[Any] = doc.timexes
        timexes += map(_Timex, *(column[lo:hi] for column in t))
        lo, hi = r_off[i], r_off[i + 1]
        relations: list[Any] = doc.relations
        for k in range(lo, hi):
            relations.append(
                _Relation(
                    r[0][k],
                    r[1][k],
                    r[2][k],
                    r[3][k],
                    r[4][k],
                    r[5][k],
                    _Span(r[6][k], r[7][k], r[8][k]),
                    r_evidence[k],
                    r[9][k],
                )
            )
        problems = gold_problems(doc, values_checked=values_checked)
        if problems:
            raise AnnotationError(
                f"{part}: document {doc.id}: broken gold (rebuild it with bench build "
                "from gold that bench validate passes)",
                [Problem(str(part), None, where, what) for where, what in problems[:10]],
                max(0, len(problems) - 10),
            )
        out.append(doc)
    return out


# --------------------------------------------------------------------------- submission index

_DOC_ID = re.compile(rb'"doc_id"\s*:\s*"((?:[^"\\]|\\.)*)"')


@dataclass
class SubmissionIndex:
    """Where each document's line is in a (seekable) submission file."""

    path: Path
    name: str
    lines: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # id -> line, at, size
    temporary: bool = False

    @classmethod
    def build(
        cls,
        predictions: str | os.PathLike[str],
        gold_ids: set[str],
        errors: _Collector,
        skipped: set[str] | frozenset[str] = frozenset(),
    ) -> SubmissionIndex:
        """Index a submission (``-``: standard input; a pipe is copied to a temporary file).
        Lines of ``skipped`` documents (of the split, but with no gold to score them against)
        are passed over."""
        import orjson

        handle, name = open_submission(predictions)
        errors.path = name
        path, temporary = _seekable(handle, name)
        index = cls(path, name, temporary=temporary)
        seen_any = False
        with path.open("rb", buffering=READ_BUFFER) as f:
            at = 0
            for number, raw in safety.bounded_lines(f, safety.MAX_LINE_CHARS):
                start, at = at, f.tell()
                size = at - start
                if raw is None:
                    limit = safety.MAX_LINE_CHARS
                    errors.add(number, None, f"line longer than the limit of {limit} characters")
                    seen_any = True
                    errors.lines_read += 1
                    continue
                if not raw.strip():
                    continue
                seen_any = True
                errors.lines_read += 1
                match = _DOC_ID.search(raw)
                doc_id: Any = None
                if match is not None:
                    try:
                        doc_id = orjson.loads(b'"' + match.group(1) + b'"')
                    except orjson.JSONDecodeError:
                        doc_id = None
                if doc_id is None:  # no plain doc_id: parse the line to report what is wrong
                    obj = _decode_line(raw, number, errors)
                    if obj is None:
                        continue
                    doc_id = obj["doc_id"]
                if doc_id in skipped:
                    continue
                if doc_id not in gold_ids:
                    # a line of another document that is not JSON is named as such first
                    if match is None or _decode_line(raw, number, errors) is not None:
                        errors.unknown_doc_id(number, doc_id)
                    continue
                first = index.lines.get(doc_id)
                if first is not None:
                    # a repeated line is not scored, but what is wrong in it is still reported
                    if _decode_line(raw, number, errors) is None:
                        continue
                    errors.add(
                        number,
                        "doc_id",
                        f"duplicate doc_id {doc_id!r} (first on line {first[0]})",
                    )
                    continue
                index.lines[doc_id] = (number, start, size)
        if not seen_any:
            errors.add(1, None, "the submission is empty: expected one JSON object per line")
        return index

    def close(self) -> None:
        if self.temporary:
            self.path.unlink(missing_ok=True)


def _seekable(handle: BinaryIO, name: str) -> tuple[Path, bool]:
    """A regular file to read the submission from: the file itself, or a temporary copy of a
    stream (standard input, a pipe)."""
    if name != "<stdin>" and Path(name).is_file():
        handle.close()
        return Path(name), False
    fd, tmp = tempfile.mkstemp(prefix="envoy-bench-submission-", suffix=".jsonl")
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(handle, out, 1 << 20)
    if handle is not sys.stdin.buffer:
        handle.close()
    return Path(tmp), True


def _predictions(
    index: SubmissionIndex, docs: Iterable[Document], errors: _Collector
) -> Iterator[tuple[Document, PredictedDocument | None]]:
    """Each gold document with its parsed prediction (None: not in the submission)."""
    with index.path.open("rb") as f:
        for doc in docs:
            entry = index.lines.get(doc.id)
            if entry is None:
                yield doc, None
                continue
            number, at, size = entry
            f.seek(at)
            raw = f.read(size)
            fast = parse_line_fast(raw, number, doc)
            if fast is not None:
                yield doc, fast
                continue
            obj = _decode_line(raw, number, errors)
            if obj is None:
                yield doc, PredictedDocument(doc_id=doc.id)
                continue
            if obj["doc_id"] != doc.id:
                errors.add(number, "doc_id", "doc_id appears more than once in this line")
                yield doc, PredictedDocument(doc_id=doc.id)
                continue
            yield doc, _parse_document(obj, number, doc, errors)


# --------------------------------------------------------------------------- sinks


class SpoolSink:
    """Writes listed items to one temporary file per kind, already as the inside of a JSON
    array as the report prints it (a newline before the first item, a comma and a newline
    before each further one), so the report is assembled by copying the files whole."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        import orjson

        self._dumps = orjson.dumps
        self.folder = Path(folder)
        self.counts = dict.fromkeys(LIST_KINDS, 0)
        self.files: dict[str, IO[bytes]] = {
            kind: (self.folder / f"{kind}.jsonl").open("wb") for kind in LIST_KINDS
        }

    def add(self, kind: str, item: dict[str, Any]) -> None:
        self.files[kind].write(b",\n" if self.counts[kind] else b"\n")
        self.files[kind].write(self._dumps(item))
        self.counts[kind] += 1

    def close(self) -> None:
        for f in self.files.values():
            f.close()


# --------------------------------------------------------------------------- scoring


@dataclass
class StreamResult:
    """A scored submission: its report (lists possibly cut or spooled) and where the full
    lists are when they were spooled."""

    report: ScoreReport
    spool: list[Path] = field(default_factory=list)  # spool folders, in document order


def _score_chunk(
    source: GoldSource,
    sub_spec: tuple[str, str, dict[str, tuple[int, int, int]]],
    details: bool,
    summary: bool,
    spool: str | None,
    limit: int | None,
    progress: Progress | None = None,
) -> tuple[Evaluation, list[Any], int]:
    """Score a run of documents; returns the evaluation (its sink's items when kept in
    memory), the located problems and how many were dropped."""
    sub_path, sub_name, lines = sub_spec
    index = SubmissionIndex(Path(sub_path), sub_name, lines)
    errors = _Collector(sub_name, 50)
    sink: Any = SpoolSink(spool) if spool is not None else ListSink(limit=limit)
    ev = Evaluation(details=details, summary=summary, sink=sink)
    done = 0
    for doc, pred in _predictions(index, source.documents(), errors):
        ev.add(doc, pred)
        done += 1
        if progress is not None and done % 64 == 0:
            progress(64)
    if progress is not None:
        progress(done % 64)
    if isinstance(sink, SpoolSink):
        sink.close()
        ev.sink = ListSink()
    return ev, errors.problems, errors.dropped


#: With ``n_process=0`` (automatic), each worker gets at least this many documents: below it,
#: starting a worker costs more than it saves.
DOCS_PER_WORKER = 1000


def worker_count(n_process: int, documents: int) -> int:
    """The worker processes that score ``documents``: ``n_process`` (at most one per document),
    or with 0 one per core this process may use, each with at least :data:`DOCS_PER_WORKER`
    documents (so a small run stays in one process)."""
    if n_process < 0:
        raise UsageError(f"--n-process must be 0 (automatic) or more, not {n_process}")
    if n_process == 0:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        return max(1, min(cores or 1, documents // DOCS_PER_WORKER))
    return max(1, min(n_process, documents))


#: With several workers, the documents are cut into about this many runs per worker, handed
#: out in turn as workers free up: the cores of a shared machine do not run at one speed (two
#: workers given equal halves of 10,000 identical documents finished 0.7 to 2.3 s apart), and
#: a worker on a slow core then takes fewer runs. The report is the same whatever the runs.
RUNS_PER_WORKER = 16

#: The fewest documents in a run (each run costs a task, a result and a submission handle).
MIN_RUN = 100


def run_count(workers: int, documents: int) -> int:
    """The runs of documents that ``workers`` processes score: one per worker, or with several
    workers up to :data:`RUNS_PER_WORKER` each, of at least :data:`MIN_RUN` documents where
    there are enough for one run per worker (see :meth:`GoldSource.runs` for a built
    folder's)."""
    if workers <= 1:
        return 1
    return max(workers, min(workers * RUNS_PER_WORKER, documents // MIN_RUN))


#: The jobs of a forked pool, inherited by its workers instead of pickled to them, and the
#: event that tells them to skip the jobs left once one has failed.
_FORKED_JOBS: list[tuple[Any, ...]] = []
_FORKED_STOP: list[Any] = []


def _chunk_worker(job: tuple[Any, ...] | int) -> tuple[Evaluation, list[Any], int] | None:
    """Score one job: its arguments, or with a forked pool its index in :data:`_FORKED_JOBS`
    (None, at once, once another job has failed).

    An error goes back to the parent pickled; one that cannot be rebuilt there would kill the
    pool's result thread and leave the run waiting for ever, so it is sent as a
    :class:`BenchError` with its message instead (a message for the user, not a traceback)."""
    if _FORKED_STOP and _FORKED_STOP[0].is_set():
        return None
    try:
        return _score_chunk(*(_FORKED_JOBS[job] if isinstance(job, int) else job))
    except Exception as exc:
        import pickle

        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            raise BenchError(f"a scoring worker failed: {type(exc).__name__}: {exc}") from None
        raise


def _start_worker(parent: int) -> None:
    """A worker's set-up: no garbage collection (no cycles), and an exit when its parent is
    gone (killed outright, it cannot stop the workers; one would block for ever on the pipe
    of its result)."""
    import signal
    import threading
    import time

    gc.disable()
    # Pool.terminate stops a worker by SIGTERM. The handler inherited from the CLI (cli.main)
    # only runs between bytecodes, so a SIGTERM that lands just before the worker blocks on
    # the task queue's lock was never acted on and the pool waited for ever: a worker dies by
    # SIGTERM's default action instead. The parent blocked SIGTERM across the fork
    # (_pool_of) so that no signal can reach the inherited handler before this line.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _pool_of(context: Any, workers: int) -> Any:
    """A pool of ``workers`` processes started by :func:`_start_worker`, forked with SIGTERM
    blocked (a SIGTERM meanwhile reaches this process once they are made)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return context.Pool(workers, _start_worker, (os.getpid(),))
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        return context.Pool(workers, _start_worker, (os.getpid(),))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _import_numpy() -> None:
    import numpy  # noqa: F401


def _in_background(steps: Sequence[Callable[[], object]]) -> None:
    """Run ``steps`` in a thread while this process only waits for its workers: the report
    needs them afterwards (numpy for the bootstrap, 0.26 s; rich for the table, 0.16 s), and
    serial start-up is what a long run cannot split. Only after the workers are forked: a
    fork while a thread holds the import lock would leave the child locked."""
    import threading

    def run() -> None:
        for step in steps:
            step()

    if steps:
        threading.Thread(target=run, daemon=True).start()


def score_file(
    predictions: str | os.PathLike[str],
    *,
    gold: str | os.PathLike[str] | None = None,
    split: str = "test",
    n_boot: int = N_BOOT,
    seed: int = SEED,
    resample: str = "documents",
    details: bool = True,
    summary: bool = False,
    spool_dir: str | os.PathLike[str] | None = None,
    list_limit: int | None = None,
    n_process: int = 0,
    show_progress: bool = False,
    allow_unreviewed: bool = False,
    prepare: Callable[[], object] | None = None,
) -> StreamResult:
    """Score a submission file (or ``-``) against the gold of ``split``, streaming.

    ``spool_dir``: write the error lists and details there (one folder per worker) instead of
    keeping them; ``list_limit``: keep only the first ``list_limit`` of each kind (the table);
    ``summary``: count only what the terminal table shows (see :class:`Evaluation`).
    ``n_process``: worker processes (0: automatic, see :func:`worker_count`); the report is
    the same whatever their number.
    ``show_progress``: a progress bar on stderr for long runs, when stderr is a terminal.
    ``prepare``: what the caller does before it can show the report (a renderer's imports), run
    while the workers score.
    """
    check_resampling(n_boot, seed, resample)
    worker_count(n_process, 0)  # a bad value is refused before any file is read
    source = GoldSource.open(gold, split, allow_unreviewed=allow_unreviewed)
    done = evaluate_file(
        predictions,
        source,
        details=details,
        summary=summary,
        spool_dir=spool_dir,
        list_limit=list_limit,
        n_process=n_process,
        show_progress=show_progress,
        prepare=[
            *([_import_numpy] if n_boot > 0 and resample == "documents" else []),
            *([prepare] if prepare is not None else []),
        ],
    )
    report = build_report(
        done.evaluation,
        n_boot=n_boot,
        seed=seed,
        resample=resample,
        split=split,
        submission_path=done.name,
        manifest=source.manifest(),
        listed=done.listed,
    )
    if source.orphans:
        report["warnings"].insert(
            0,
            f"{len(source.orphans)} annotation file(s) of the {split} split have no line in "
            f"the split's metadata and were not scored ({shown_ids(source.orphans)}): bench "
            "validate names them",
        )
    if source.unannotated:
        report["warnings"].insert(
            0,
            f"{len(source.unannotated)} document(s) of the {split} split have no annotation "
            f"file and were not scored ({shown_ids(source.unannotated)}): bench validate "
            "names them",
        )
    report["warnings"][:0] = draft_warning(source.unreviewed() if allow_unreviewed else [])
    return StreamResult(report, done.spool)


@dataclass
class EvaluatedFile:
    """A submission file matched with the gold, document by document: the merged counts, the
    listed items kept in memory, the spool folders (in document order) and the name shown."""

    evaluation: Evaluation
    listed: dict[str, list[dict[str, Any]]]
    spool: list[Path]
    name: str


def evaluate_file(
    predictions: str | os.PathLike[str],
    source: GoldSource,
    *,
    details: bool = True,
    summary: bool = False,
    spool_dir: str | os.PathLike[str] | None = None,
    list_limit: int | None = None,
    n_process: int = 0,
    show_progress: bool = False,
    prepare: Sequence[Callable[[], object]] = (),
) -> EvaluatedFile:
    """Match a submission with ``source``'s gold, streaming, in ``n_process`` workers (see
    :func:`score_file`); a submission with problems raises them all. ``prepare``: what
    the caller needs next (numpy for a bootstrap), run while the workers score."""
    errors = _Collector(str(predictions), 50)
    errors.split, errors.splits_of = source.split, source.splits_of
    errors.orphans = set(source.orphans)
    index = SubmissionIndex.build(predictions, set(source.ids), errors, set(source.unannotated))
    try:
        total = len(source.ids)
        workers = worker_count(n_process, total)
        chunks = source.runs(run_count(workers, total), fallback=workers)
        n_chunks = len(chunks)
        spools: list[Path] = []
        if spool_dir is not None:
            for k in range(n_chunks):
                folder = Path(spool_dir) / f"part-{k:03d}"
                folder.mkdir(parents=True, exist_ok=True)
                spools.append(folder)
        jobs = [
            (
                source.part(chunk),
                (
                    str(index.path),
                    index.name,
                    {i: index.lines[i] for i in chunk if i in index.lines},
                ),
                details,
                summary,
                str(spools[k]) if spools else None,
                list_limit,
            )
            for k, chunk in enumerate(chunks)
        ]
        done = 0
        progress, bar = tty_progress(total) if show_progress else (None, None)

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        if workers == 1:
            results = [_score_chunk(*job, progress=tick) for job in jobs]
        else:
            import multiprocessing

            forked = "fork" in multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if forked else "spawn")
            if forked:
                _FORKED_JOBS[:] = jobs
                _FORKED_STOP[:] = [context.Event()]
            try:
                # a Pool, not a ProcessPoolExecutor: leaving the block by an exception (Ctrl-C,
                # SIGTERM, see cli.main) terminates the workers instead of waiting for them
                with _pool_of(context, min(workers, n_chunks)) as pool:
                    # every worker is forked when the pool is made
                    _in_background(prepare)
                    results = []
                    work: list[Any] = list(range(n_chunks)) if forked else jobs
                    try:
                        for result in pool.imap(_chunk_worker, work):
                            results.append(result)
                            tick(result[0].documents)
                    except Exception:
                        # A job failed. Terminating the pool now could kill a worker while it
                        # writes its own result under the result queue's lock, and the pool
                        # would then wait for that lock for ever (seen: 4 runs in 100 under
                        # load). The workers skip the jobs left and finish the ones they hold.
                        if _FORKED_STOP:
                            _FORKED_STOP[0].set()
                        pool.close()
                        pool.join()
                        raise
            finally:
                _FORKED_JOBS.clear()
                _FORKED_STOP.clear()
        if bar is not None:
            bar.close()
        ev = Evaluation(details=details, summary=summary)
        listed: dict[str, list[dict[str, Any]]] = {k: [] for k in LIST_KINDS}
        for part, problems, dropped in results:
            ev.merge(part)
            if isinstance(part.sink, ListSink):
                for kind, items in part.sink.items.items():
                    listed[kind] += items
            for problem in problems:
                errors.add(problem.line, problem.field, problem.message)
            errors.dropped += dropped
        errors.raise_if_any(index.name)
        if list_limit is not None:
            listed = {k: v[:list_limit] for k, v in listed.items()}
        return EvaluatedFile(ev, listed, spools, index.name)
    finally:
        index.close()


def compare_files(
    a: str | os.PathLike[str],
    b: str | os.PathLike[str],
    *,
    gold: str | os.PathLike[str] | None = None,
    split: str = "test",
    n_resamples: int = N_BOOT,
    seed: int = SEED,
    n_process: int = 0,
    show_progress: bool = False,
    allow_unreviewed: bool = False,
) -> dict[str, Any]:
    """``bench compare`` with documents as the unit, streaming: each submission is matched with
    the gold as :func:`score_file` matches it, and only the two count matrices are kept (the
    result equals :func:`~benchmark.scoring.compare.compare` on the same files)."""
    from benchmark.scoring.compare import compare_evaluations

    check_resampling(n_resamples, seed, "documents")
    worker_count(n_process, 0)
    source = GoldSource.open(gold, split, allow_unreviewed=allow_unreviewed)
    common: dict[str, Any] = {"details": False, "summary": True, "list_limit": 0}
    common |= {"n_process": n_process, "show_progress": show_progress}
    done_a = evaluate_file(a, source, **common)
    done_b = evaluate_file(b, source, **common)
    result = compare_evaluations(
        done_a.evaluation,
        done_b.evaluation,
        names=(done_a.name, done_b.name),
        n_resamples=n_resamples,
        seed=seed,
        unit="documents",
        split=split,
        manifest=source.manifest(),
    )
    result["warnings"][:0] = draft_warning(source.unreviewed() if allow_unreviewed else [])
    return result


# --------------------------------------------------------------------------- JSON output


def write_json(result: StreamResult, out: BinaryIO) -> None:
    """Write the report as JSON; spooled lists are copied in, one item per line."""
    import orjson

    report: dict[str, Any] = dict(result.report)
    if not result.spool:
        out.write(orjson.dumps(report, option=orjson.OPT_INDENT_2))
        out.write(b"\n")
        return
    token = f"@@spool-{uuid.uuid4().hex}@@"
    errors = dict(report["errors"])
    for kind in ("false_positives", "false_negatives", "unresolved_arguments"):
        errors[kind] = f"{token}{kind}"
    report["errors"] = errors
    report["details"] = f"{token}details"
    text = orjson.dumps(report, option=orjson.OPT_INDENT_2)
    pattern = re.compile(rb'"' + re.escape(token.encode()) + rb'(\w+)"')
    pos = 0
    for match in pattern.finditer(text):
        out.write(text[pos : match.start()])
        kind = match.group(1).decode()
        out.write(b"[")
        first = True
        for folder in result.spool:
            spooled = folder / f"{kind}.jsonl"
            if spooled.stat().st_size == 0:
                continue
            if not first:  # each spool starts its items as the first of an array does
                out.write(b",")
            _append_file(out, spooled)
            first = False
        out.write(b"]")
        pos = match.end()
    out.write(text[pos:])
    out.write(b"\n")


def _append_file(out: BinaryIO, path: Path) -> None:
    """Write the file ``path`` to ``out``: copied by the kernel (``copy_file_range``) when
    ``out`` is a plain file on the same file system (a JSON report's lists can be a hundred
    megabytes: half the time of a copy through Python), else, and from wherever the kernel
    stopped, read and written in pieces. A wrapper such as a gzip stream has a file number
    too, but its bytes are not the file's: it is always written through."""
    with path.open("rb") as f:
        copied = 0
        if isinstance(out, io.BufferedWriter | io.FileIO) and hasattr(os, "copy_file_range"):
            out.flush()
            size = os.fstat(f.fileno()).st_size
            try:
                while copied < size:
                    n = os.copy_file_range(f.fileno(), out.fileno(), size - copied, copied)
                    if n == 0:  # some file systems answer 0 for "not supported here"
                        break
                    copied += n
            except OSError:  # another file system, a pipe, a terminal, append mode
                pass
        f.seek(copied)
        shutil.copyfileobj(f, out, 1 << 20)


@contextmanager
def atomic_output(path: str | os.PathLike[str] | None) -> Iterator[BinaryIO]:
    """A binary stream to write an output to: standard output, or a temporary file beside
    ``path`` renamed over it when the writing succeeded (never half a file); a symbolic link is
    written through, a device or a named pipe directly (:func:`~benchmark.model.output_target`),
    and an open descriptor (``/dev/stdout``) where it stands."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    fd = open_descriptor(path)
    if fd is not None:  # /dev/stdout, /dev/fd/3: written where it stands
        with descriptor_output(fd) as handle:
            yield handle
        return
    target, direct = output_target(path)
    if direct:  # a device or a named pipe: a rename would replace it with a plain file
        with open(target, "wb") as handle:
            yield handle
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def tty_progress(total: int, minimum: int = 500) -> tuple[Callable[[int, int], None] | None, Any]:
    """A tqdm progress callback on stderr for long runs when stderr is a terminal."""
    if total < minimum or not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False)

    def update(done: int, _total: int) -> None:
        bar.update(done - bar.n)

    return update, bar
