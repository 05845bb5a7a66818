"""The annotation model and its files: plain dataclasses, readers, atomic writers.

Layout of a data root (a source checkout, or the copy inside an installed wheel)::

    seeds/<doc_id>.txt            the source text, byte for byte
    seeds/metadata.jsonl          one line per document: id, published, source, split, sha256...
    annotations/<doc_id>.jsonl    the gold of one document, one record per line
    annotations/manifest.json     dataset and guidelines versions

An annotation file holds one JSON object per line, each with a ``record`` field: first the
``document`` record, then ``sentence``, ``entity``, ``mention``, ``timex`` and ``relation``
records. One record per line makes a contributor's change to one mention a one-line diff.
Offsets are Python ``str`` indices (code points) into the UTF-8-decoded seed, end exclusive.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from benchmark.errors import AnnotationError, Problem, UsageError

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")
MENTION_LEVELS = ("NAM", "NOM", "PRO")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
RELATION_TYPES = ("phoned", "met", "sanctioned", "named_envoy")
SYMMETRIC_TYPES = frozenset({"phoned", "met"})
REALIS_VALUES = ("actual", "hypothetical", "negated", "future")
SPLITS = ("test", "contrast")
REVIEW_STATUSES = ("reviewed", "unreviewed")

#: Entity types each relation argument may take (arg1, arg2).
ALLOWED_ARG_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "phoned": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER", "ORG", "GPE"})),
    "met": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER", "ORG", "GPE"})),
    "sanctioned": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER", "ORG", "GPE"})),
    "named_envoy": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER"})),
}

RECORD_ORDER = ("document", "sentence", "entity", "mention", "timex", "relation")

#: A document id: also a file name in seeds/ and annotations/, so no path separators.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str = ""


@dataclass(frozen=True)
class Mention:
    id: str
    entity: str
    start: int
    end: int
    text: str
    type: str
    level: str


@dataclass(frozen=True)
class Timex:
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Relation:
    id: str
    type: str
    arg1: str
    arg2: str
    date: str | None
    timex: str | None
    trigger: Span
    evidence: tuple[int, ...]
    realis: str
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SeedInfo:
    """Metadata of one source text (a line of ``seeds/metadata.jsonl``)."""

    id: str
    published: str
    split: str
    sha256: str
    source: str
    title: str = ""
    language: str = "en"
    url: str = ""
    license: str = ""
    provenance: str = ""
    group: str = ""  # contrast split only: the edit group and the phenomenon edited
    category: str = ""

    @property
    def filename(self) -> str:
        return f"{self.id}.txt"

    def to_record(self) -> dict[str, Any]:
        """The metadata line; the contrast-only fields are left out when empty."""
        return {k: v for k, v in vars(self).items() if v or k not in ("group", "category")}


@dataclass
class Document:
    """One annotated document: its text, metadata and every gold layer."""

    id: str
    text: str
    published: str
    split: str
    status: str = "reviewed"
    group: str = ""
    category: str = ""
    guidelines_version: str = ""
    annotators: tuple[str, ...] = ()
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def entity_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence that contains character ``offset``, or None."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s.index
        return None


# --------------------------------------------------------------------------- paths


def _is_data_root(path: Path) -> bool:
    return (path / "annotations").is_dir() and (path / "seeds").is_dir()


def _is_checkout(path: Path) -> bool:
    """A source checkout of envoy-bench: data folders beside its own pyproject.toml."""
    project = path / "pyproject.toml"
    return (
        _is_data_root(path)
        and project.is_file()
        and 'name = "envoy-bench"' in project.read_text(encoding="utf-8")
    )


@cache
def default_root() -> Path:
    """The data root: ``$ENVOY_BENCH_ROOT``; else the checkout the package is imported from;
    else the checkout the current directory is in (a clone with a non-editable install, so that
    `bench leaderboard` and `bench contrast` write to the clone, not into site-packages); else
    the wheel's copy."""
    env = os.environ.get("ENVOY_BENCH_ROOT")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    if _is_checkout(package.parent):
        return package.parent
    here = Path.cwd()
    for folder in (here, *here.parents):
        if _is_checkout(folder):
            return folder
    return package / "_data"


def resolve_root(root: str | os.PathLike[str] | None) -> Path:
    return Path(root) if root is not None else default_root()


# --------------------------------------------------------------------------- writing


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half a file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; give the usual permissions
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sha256_file(path: str | os.PathLike[str]) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def dumps_line(record: dict[str, Any]) -> str:
    """One JSON line with a stable key order, non-ASCII kept readable."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


# --------------------------------------------------------------------------- records


def document_to_records(doc: Document) -> list[dict[str, Any]]:
    """The line records of an annotation file, in file order."""
    records: list[dict[str, Any]] = [
        {
            "record": "document",
            "id": doc.id,
            "guidelines_version": doc.guidelines_version,
            "status": doc.status,
            "annotators": list(doc.annotators),
        }
    ]
    records += [
        {"record": "sentence", "index": s.index, "start": s.start, "end": s.end}
        for s in doc.sentences
    ]
    records += [
        {
            "record": "entity",
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "wikidata": e.wikidata,
        }
        for e in doc.entities
    ]
    records += [
        {
            "record": "mention",
            "id": m.id,
            "entity": m.entity,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "type": m.type,
            "level": m.level,
        }
        for m in doc.mentions
    ]
    records += [
        {
            "record": "timex",
            "id": t.id,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "type": t.type,
            "value": t.value,
        }
        for t in doc.timexes
    ]
    records += [
        {
            "record": "relation",
            "id": r.id,
            "type": r.type,
            "arg1": r.arg1,
            "arg2": r.arg2,
            "date": r.date,
            "timex": r.timex,
            "trigger": {"start": r.trigger.start, "end": r.trigger.end, "text": r.trigger.text},
            "evidence": list(r.evidence),
            "realis": r.realis,
            "attributes": r.attributes,
        }
        for r in doc.relations
    ]
    return records


def records_to_text(records: Iterable[dict[str, Any]]) -> str:
    return "".join(dumps_line(r) + "\n" for r in records)


def write_annotation_file(doc: Document, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, records_to_text(document_to_records(doc)))


def iter_json_lines(path: Path) -> Iterator[tuple[int, Any, str | None]]:
    """Yield ``(line_number, value, error)`` for each non-blank line of a JSONL file."""
    from benchmark import safety

    with path.open(encoding="utf-8") as handle:
        for number, line in safety.bounded_lines(handle, safety.MAX_LINE_CHARS):
            if line is None:
                yield (
                    number,
                    None,
                    f"line longer than the limit of {safety.MAX_LINE_CHARS} characters",
                )
                continue
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield number, None, f"invalid JSON ({exc.msg} at column {exc.colno})"


def records_to_document(records: Iterable[dict[str, Any]], text: str, seed: SeedInfo) -> Document:
    """Build a :class:`Document` from already-validated records."""
    doc = Document(
        id=seed.id,
        text=text,
        published=seed.published,
        split=seed.split,
        group=seed.group,
        category=seed.category,
    )
    for r in records:
        kind = r["record"]
        if kind == "document":
            doc.status = r.get("status", "reviewed")
            doc.guidelines_version = r.get("guidelines_version", "")
            doc.annotators = tuple(r.get("annotators", ()))
        elif kind == "sentence":
            doc.sentences.append(Sentence(r["index"], r["start"], r["end"]))
        elif kind == "entity":
            doc.entities.append(
                Entity(
                    r["id"],
                    r["name"],
                    r["type"],
                    tuple(r.get("aliases", ())),
                    r.get("wikidata", ""),
                )
            )
        elif kind == "mention":
            doc.mentions.append(
                Mention(
                    r["id"], r["entity"], r["start"], r["end"], r["text"], r["type"], r["level"]
                )
            )
        elif kind == "timex":
            doc.timexes.append(
                Timex(r["id"], r["start"], r["end"], r["text"], r["type"], r["value"])
            )
        elif kind == "relation":
            trig = r["trigger"]
            doc.relations.append(
                Relation(
                    id=r["id"],
                    type=r["type"],
                    arg1=r["arg1"],
                    arg2=r["arg2"],
                    date=r.get("date"),
                    timex=r.get("timex"),
                    trigger=Span(trig["start"], trig["end"], trig["text"]),
                    evidence=tuple(r.get("evidence", ())),
                    realis=r["realis"],
                    attributes=dict(r.get("attributes") or {}),
                )
            )
    return doc


# --------------------------------------------------------------------------- reading


def read_seed_metadata(root: str | os.PathLike[str] | None = None) -> dict[str, SeedInfo]:
    """Seed metadata by document id. Raises :class:`AnnotationError` on a broken file."""
    path = resolve_root(root) / "seeds" / "metadata.jsonl"
    if not path.is_file():
        raise UsageError(f"{path}: no seed metadata here (is this an envoy-bench data root?)")
    seeds: dict[str, SeedInfo] = {}
    problems: list[Problem] = []
    known = set(SeedInfo.__dataclass_fields__)
    for line, value, error in iter_json_lines(path):
        if error or not isinstance(value, dict):
            problems.append(Problem(str(path), line, None, error or "expected a JSON object"))
            continue
        missing = [k for k in ("id", "published", "split", "sha256", "source") if k not in value]
        if missing:
            problems.append(Problem(str(path), line, missing[0], "required field is missing"))
            continue
        unknown = sorted(set(value) - known)
        if unknown:
            problems.append(Problem(str(path), line, unknown[0], "unknown field"))
            continue
        seeds[value["id"]] = SeedInfo(**value)
    if problems:
        raise AnnotationError("seed metadata is broken", problems)
    return seeds


def read_seed_text(seed: SeedInfo, root: str | os.PathLike[str] | None = None) -> str:
    return (resolve_root(root) / "seeds" / seed.filename).read_bytes().decode("utf-8")


def read_manifest(root: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Dataset and guidelines versions of a data root."""
    path = resolve_root(root) / "annotations" / "manifest.json"
    if not path.is_file():
        return {"dataset_version": "unknown", "guidelines_version": "unknown"}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: str(v) for k, v in data.items()}


def annotation_path(doc_id: str, root: str | os.PathLike[str] | None = None) -> Path:
    return resolve_root(root) / "annotations" / f"{doc_id}.jsonl"


def read_annotation_records(path: Path) -> list[dict[str, Any]]:
    """Records of one annotation file; a line that is not a JSON object is an error."""
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for line, value, error in iter_json_lines(path):
        if error or not isinstance(value, dict):
            problems.append(Problem(str(path), line, None, error or "expected a JSON object"))
        else:
            records.append(value)
    if problems:
        raise AnnotationError(f"{path}: unreadable annotation file", problems)
    return records


def load_documents(
    root: str | os.PathLike[str] | None = None,
    split: str | None = "test",
    *,
    include_unannotated: bool = False,
) -> list[Document]:
    """The annotated documents of a data root, sorted by id.

    ``split=None`` returns every split. The caller is expected to have validated the root
    (``benchmark.validate``); this reader trusts the records' shape.
    """
    base = resolve_root(root)
    documents: list[Document] = []
    for seed in sorted(read_seed_metadata(base).values(), key=lambda s: s.id):
        if split is not None and seed.split != split:
            continue
        path = annotation_path(seed.id, base)
        text = read_seed_text(seed, base)
        if path.is_file():
            documents.append(records_to_document(read_annotation_records(path), text, seed))
        elif include_unannotated:
            documents.append(Document(seed.id, text, seed.published, seed.split, "unreviewed"))
    return documents
