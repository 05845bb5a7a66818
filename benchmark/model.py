"""The annotation model and its files: plain dataclasses, readers, atomic writers.

Layout of a data root (a source checkout, or the copy inside an installed wheel), one folder
per split (``test``, ``dev``, ``contrast``)::

    seeds/<split>/<doc_id>.txt          the source text, byte for byte
    seeds/<split>/metadata.jsonl        one line per document, sorted by id: published, sha256...
    annotations/<split>/<doc_id>.jsonl  the gold of one document, one record per line
    annotations/contrast-specs/         the declared edits the contrast split is built from
    annotations/manifest.json           dataset and guidelines versions

Every path built from data (a document id, a split) goes through :func:`check_id` and
:func:`contained`, so a crafted id can never name a file outside its folder.

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
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from benchmark.errors import AnnotationError, OutputClosed, OutputError, Problem, UsageError

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")
MENTION_LEVELS = ("NAM", "NOM", "PRO")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
RELATION_TYPES = ("phoned", "met", "sanctioned", "named_envoy")
SYMMETRIC_TYPES = frozenset({"phoned", "met"})
REALIS_VALUES = ("actual", "hypothetical", "negated", "future")
SPLITS = ("test", "dev", "contrast")
REVIEW_STATUSES = ("reviewed", "unreviewed")

#: Entity types each relation argument may take (arg1, arg2).
ALLOWED_ARG_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "phoned": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER", "ORG", "GPE"})),
    "met": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER", "ORG", "GPE"})),
    "sanctioned": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER", "ORG", "GPE"})),
    "named_envoy": (frozenset({"PER", "ORG", "GPE"}), frozenset({"PER"})),
}

RECORD_ORDER = ("document", "sentence", "entity", "mention", "timex", "relation")

#: A document id: also a file name in seeds/ and annotations/, so no path separators. Checked
#: with ``fullmatch`` (``$`` would accept a trailing newline).
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


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


def check_id(value: object, where: str = "id") -> str:
    """``value`` if it is a valid document id (a safe file name), else :class:`UsageError`."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise UsageError(
            f"{where}: {value!r} is not a valid document id (letters, digits, '_', '.', '-', "
            "starting with a letter or digit, at most 128 characters)"
        )
    return value


def check_split(value: object, where: str = "split") -> str:
    if value not in SPLITS:
        raise UsageError(f"{where}: {value!r} is not a split (one of {', '.join(SPLITS)})")
    return str(value)


def contained(root: str | os.PathLike[str], *parts: str) -> Path:
    """``root/parts…``, refused unless it resolves inside ``root`` (no ``..``, no symlink out)."""
    base = Path(root).resolve()
    path = base.joinpath(*parts).resolve()
    if path != base and base not in path.parents:
        raise UsageError(f"{Path(root).joinpath(*parts)}: refused, it leads outside {base}")
    return path


def _is_data_root(path: Path) -> bool:
    return (path / "annotations").is_dir() and (path / "seeds").is_dir()


def _is_checkout(path: Path) -> bool:
    """A source checkout of envoy-bench: data folders beside its own pyproject.toml."""
    project = path / "pyproject.toml"
    try:
        return (
            _is_data_root(path)
            and project.is_file()
            and 'name = "envoy-bench"' in project.read_text(encoding="utf-8")
        )
    except OSError:
        return False


def data_root_of(path: str | os.PathLike[str]) -> Path | None:
    """The data root that holds ``path`` (a folder with ``seeds/`` and ``annotations/``)."""
    here = Path(path).resolve()
    for folder in (here, *here.parents):
        if _is_data_root(folder):
            return folder
    return None


#: The copy of the data inside an installed wheel: read-only for every command.
PACKAGED_ROOT = Path(__file__).resolve().parent / "_data"


def find_root() -> tuple[Path, str]:
    """The data root and why it was chosen.

    Order: ``$ENVOY_BENCH_ROOT``; the checkout the current directory is in (so that in a second
    clone every command reads and writes that clone, whatever an editable install points to);
    the checkout the package is imported from (an editable install used from elsewhere); the
    copy inside the installed wheel, which is read-only.
    """
    env = os.environ.get("ENVOY_BENCH_ROOT")
    if env:
        if not _is_data_root(Path(env)):
            raise UsageError(
                f"ENVOY_BENCH_ROOT={env}: not a data root (no seeds/ and annotations/ there); "
                "unset it or point it at a clone of envoy-bench"
            )
        return Path(env), "$ENVOY_BENCH_ROOT"
    here = Path.cwd()
    for folder in (here, *here.parents):
        if _is_checkout(folder):
            return folder, "the checkout the current directory is in"
    package = Path(__file__).resolve().parent.parent
    if _is_checkout(package):
        return package, "the checkout the package is imported from (editable install)"
    return PACKAGED_ROOT, "the copy inside the installed package (read-only)"


def default_root() -> Path:
    return find_root()[0]


def resolve_root(root: str | os.PathLike[str] | None) -> Path:
    return Path(root) if root is not None else default_root()


def writable_root(root: str | os.PathLike[str] | None) -> Path:
    """The data root a command may write to: never the copy inside an installed package."""
    base = resolve_root(root).resolve()
    if base == PACKAGED_ROOT or PACKAGED_ROOT in base.parents:
        raise UsageError(
            f"{base} is the gold inside the installed package, which no command changes: run "
            "the command inside a clone of envoy-bench, or pass --root (or set ENVOY_BENCH_ROOT)"
        )
    return base


def describe_root(root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Which data root a command uses, why, whether commands may write to it, its versions and
    documents per split (for ``bench info`` and the first line of every writing command)."""
    base, reason = (Path(root), "--root") if root is not None else find_root()
    try:
        writable_root(base)
        writable = True
    except UsageError:
        writable = False
    seeds = read_seed_metadata(base)
    splits = {split: sum(1 for s in seeds.values() if s.split == split) for split in SPLITS}
    return {
        "root": str(base.resolve()),
        "reason": reason,
        "writable": writable,
        **read_manifest(base),
        "documents": {k: v for k, v in splits.items() if v},
    }


def seed_dir(split: str, root: str | os.PathLike[str] | None = None) -> Path:
    return contained(resolve_root(root), "seeds", check_split(split))


def metadata_path(split: str, root: str | os.PathLike[str] | None = None) -> Path:
    return seed_dir(split, root) / "metadata.jsonl"


def seed_path(seed: SeedInfo, root: str | os.PathLike[str] | None = None) -> Path:
    return contained(seed_dir(seed.split, root), f"{check_id(seed.id)}.txt")


def annotation_dir(split: str, root: str | os.PathLike[str] | None = None) -> Path:
    return contained(resolve_root(root), "annotations", check_split(split))


def shown_ids(ids: Sequence[str], first: int = 5) -> str:
    """The first ``first`` ids, comma-separated, and ``...`` when there are more (messages)."""
    return ", ".join(ids[:first]) + (", ..." if len(ids) > first else "")


def missing_warning(missing: Sequence[str], submission: str = "the submission") -> list[str]:
    """One warning for the gold documents a submission leaves out (none when it has all): a
    large corpus would otherwise get a line per document."""
    if not missing:
        return []
    return [
        f"{len(missing)} document(s) are not in {submission} and are scored as predicting "
        f"nothing: {shown_ids(missing)}"
    ]


def select_ids(ids: Iterable[str], specs: Iterable[str]) -> list[str]:
    """The ids (in their order) that ``specs`` name: an id, or an inclusive range
    ``FIRST..LAST`` of ids in sorted order (``dev-043..dev-056``)."""
    ranges = [(first, last or first) for first, _, last in (s.partition("..") for s in specs)]
    return [i for i in ids if any(first <= i <= last for first, last in ranges)]


def split_files(
    split: str, ids: Iterable[str], root: str | os.PathLike[str] | None = None
) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Seed text and annotation file of each of ``ids`` (documents of ``split``) that has an
    annotation file, as :func:`seed_path` and :func:`annotation_path` give them (as strings:
    100,000 documents would make 200,000 ``Path`` objects); and the ids of the split's
    annotation files that are not among ``ids`` (no metadata line), sorted.

    Two folder listings instead of resolving every path: resolving costs a ``stat`` per path
    component, which was a fifth of scoring a large corpus. A plain file named by a valid id
    cannot lead out of its folder; only a symlink is resolved, and refused like
    :func:`contained` refuses it."""
    out: dict[str, tuple[str, str]] = {}
    folders = (seed_dir(split, root), annotation_dir(split, root))
    listings: list[dict[str, os.DirEntry[str]]] = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                listings.append({entry.name: entry for entry in entries})
        except (FileNotFoundError, NotADirectoryError):
            listings.append({})

    def located(folder: Path, listing: dict[str, os.DirEntry[str]], name: str) -> str:
        entry = listing.get(name)
        if entry is None or entry.is_symlink():
            return str(contained(folder, name))
        return entry.path

    wanted = set(ids)
    for doc_id in wanted:
        name = f"{check_id(doc_id)}.jsonl"
        entry = listings[1].get(name)
        if entry is None or not entry.is_file():
            continue
        out[doc_id] = (
            located(folders[0], listings[0], f"{doc_id}.txt"),
            located(folders[1], listings[1], name),
        )
    stems = (name[: -len(".jsonl")] for name in listings[1] if name.endswith(".jsonl"))
    return out, sorted(set(stems) - wanted)


# --------------------------------------------------------------------------- writing


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half a file."""
    atomic_write_bytes(path, text.encode("utf-8"))


_OPEN_DESCRIPTOR = re.compile(
    r"/dev/(?:std(?P<std>out|err)|fd/(?P<fd>\d+))|/proc/self/fd/(?P<own>\d+)"
)


def open_descriptor(path: str | os.PathLike[str]) -> int | None:
    """The file descriptor of this process that ``path`` names (``-`` and ``/dev/stdout``:
    standard output; ``/dev/stderr``, ``/dev/fd/3``, ``/proc/self/fd/3``), else None. Such an
    output is written where the descriptor stands: reopened by its path it would be truncated
    (a file the shell appends to with ``>>``), and a pipe has no path to reopen or rename over."""
    if os.fspath(path) == "-":
        return 1
    found = _OPEN_DESCRIPTOR.fullmatch(os.fspath(path))
    if found is None:
        return None
    if found["std"]:
        return 1 if found["std"] == "out" else 2
    return int(found["fd"] or found["own"])


@contextmanager
def descriptor_output(fd: int) -> Iterator[BinaryIO]:
    """A binary stream onto a duplicate of descriptor ``fd`` (:func:`open_descriptor`), after
    what Python still holds for standard output and error."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None: the descriptor was closed when the process started
            stream.flush()
    with os.fdopen(os.dup(fd), "wb") as handle:
        yield handle


def output_target(path: str | os.PathLike[str]) -> tuple[Path, bool]:
    """Where a write to ``path`` goes, and whether it must go there directly.

    A symbolic link is written through (the file it points to is replaced, the link kept).
    A path that exists and is not a regular file (``/dev/null``, a named pipe, a terminal) is
    written to directly: a temporary file renamed over it would replace the device or the pipe
    with a plain file."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return target, False
    return target, not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, fsync and a rename, then fsync the
    folder: after a crash or a power cut the file is the old one or the new one, never half.
    A symbolic link is written through; a device or a named pipe is written to directly
    (:func:`output_target`).

    A failed write (disk full ``ENOSPC``, file too large ``EFBIG``, no permission) removes the
    temporary file, leaves an earlier file at ``path`` unchanged and raises
    :class:`~benchmark.errors.OutputError` (exit 2) naming the file.
    """
    target, direct = output_target(path)

    def failed(exc: OSError) -> OutputError:
        why = exc.strerror or str(exc)
        return OutputError(f"{target}: cannot write ({why}); nothing was written there")

    fd = open_descriptor(path)
    if fd is not None:
        target = Path(path)
        try:
            with descriptor_output(fd) as handle:
                handle.write(data)
        except BrokenPipeError:
            raise OutputClosed(str(target)) from None
        except OSError as exc:
            raise failed(exc) from None
        return
    if direct:
        try:
            with open(target, "wb") as handle:
                handle.write(data)
        except BrokenPipeError:  # a named pipe whose reader went away
            raise OutputClosed(str(target)) from None
        except OSError as exc:
            raise failed(exc) from None
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise failed(exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; give the usual permissions
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise failed(exc) from None
        raise
    fsync_dir(target.parent)


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """fsync a folder so that a rename inside it survives a power cut (no-op if unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _gold_folder_of(target: Path) -> Path | None:
    """The ``annotations/<split>`` or ``seeds/<split>`` folder of a data root (a folder holding
    both ``annotations/`` and ``seeds/``) that ``target`` lies in, if any: a report written
    there would replace gold, even when the command read its gold from somewhere else."""
    folder = target.resolve().parent
    for split_dir in (folder, *folder.parents):
        base = split_dir.parent.parent
        if (
            split_dir.name in SPLITS
            and split_dir.parent.name in ("annotations", "seeds")
            and (base / "annotations").is_dir()
            and (base / "seeds").is_dir()
        ):
            return split_dir
    return None


def check_output(
    output: str | os.PathLike[str] | None,
    inputs: Iterable[str | os.PathLike[str]],
    flag: str = "-o",
) -> None:
    """Refuse an output path that cannot be written, or that is one of the inputs or lies inside
    an input folder (a report written over the submission it reports on, an agreement table
    written over an annotation file), before any work starts."""
    if output is None:
        return
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"{flag} {target}: is a directory; give a file name")
    for given in inputs:
        if str(given) == "-":
            continue
        src = Path(given)
        if src.exists() and target.exists() and os.path.samefile(src, target):
            raise UsageError(f"{flag} {target}: is the input {given}; refusing to overwrite it")
        if src.is_dir() and src.resolve() in target.resolve().parents:
            raise UsageError(
                f"{flag} {target}: lies inside the input folder {given}; choose a file elsewhere"
            )
    parent = target.parent
    gold = _gold_folder_of(target)
    if gold is not None:
        raise UsageError(
            f"{flag} {target}: lies inside the gold folder {gold} of a data root; choose a file "
            "elsewhere"
        )
    if not parent.is_dir():
        blocker = file_in_the_way(parent)
        if blocker is not None:
            raise UsageError(f"{flag} {target}: {blocker} is a file, not a folder")
        raise UsageError(f"{flag} {target}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"{flag} {target}: folder {parent} is not writable")
    if target.exists() and not os.access(target, os.W_OK):
        raise UsageError(f"{flag} {target}: file is read-only")


def file_in_the_way(folder: str | os.PathLike[str]) -> Path | None:
    """The path among ``folder`` and its parents that exists and is not a folder (so that
    ``folder`` cannot be made), if there is one."""
    for path in (Path(folder), *Path(folder).parents):
        if path.exists() or path.is_symlink():
            return None if path.is_dir() else path
    return None


def sha256_file(path: str | os.PathLike[str]) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def dumps_line(record: dict[str, Any]) -> str:
    """One JSON line with a stable key order, non-ASCII kept readable."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


# --------------------------------------------------------------------------- records


def relation_fields(r: Relation) -> dict[str, Any]:
    """A relation's fields as plain JSON values, in the annotation file's order (the dataset's
    rows reuse them)."""
    return {
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
    records += [{"record": "relation", **relation_fields(r)} for r in doc.relations]
    return records


def records_to_text(records: Iterable[dict[str, Any]]) -> str:
    return "".join(dumps_line(r) + "\n" for r in records)


def write_annotation_file(doc: Document, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, records_to_text(document_to_records(doc)))


#: What a file starting with a byte-order mark is told.
BOM_MESSAGE = "the file starts with a byte-order mark (BOM); save it as UTF-8 without one"


def iter_json_lines(path: Path) -> Iterator[tuple[int, Any, str | None]]:
    """Yield ``(line_number, value, error)`` for each non-blank line of a JSONL file.

    ``value`` is None where the line could not be read, with ``error`` saying why. The first
    line of a file that starts with a byte-order mark always has the error that names the
    mark (whatever follows it: a blank, broken JSON), and the value read past the mark when
    there is one (so that a reader reports the mark, not what its absence from the first
    record would otherwise seem to break)."""
    from benchmark import safety

    with path.open("rb") as handle:
        for number, raw in safety.bounded_lines(handle, safety.MAX_LINE_CHARS):
            bom = number == 1 and raw is not None and raw.startswith(b"\xef\xbb\xbf")
            if bom:
                assert raw is not None
                raw = raw[3:]
            if raw is None:
                yield (
                    number,
                    None,
                    f"line longer than the limit of {safety.MAX_LINE_CHARS} characters",
                )
                continue
            value, error = _json_line(raw)
            if bom:
                yield number, None if value is _BLANK else value, BOM_MESSAGE
            elif error is not None:
                yield number, None, error
            elif value is not _BLANK:
                yield number, value, None


#: What :func:`_json_line` gives for a blank line.
_BLANK = object()


def _json_line(raw: bytes) -> tuple[Any, str | None]:
    """(value, None) of a JSON line, (None, what is wrong) of a broken one, and (``_BLANK``,
    None) of a blank one."""
    try:
        # without its line break, so that an error at the end of a cut line has its column
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        return None, f"{not_utf8(exc)} of the line"
    if not line.strip():
        return _BLANK, None
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at", which the column follows
        message = exc.msg.removesuffix(" at")
        return None, f"invalid JSON ({message} at column {exc.colno})"
    except ValueError:  # an integer of more digits than Python converts
        return None, "invalid JSON (a number too large for any field)"
    except RecursionError:
        return None, "invalid JSON (nested too deeply)"


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


@lru_cache(maxsize=1)
def _seed_line_decoder() -> Any:
    """A msgspec decoder of metadata lines into a struct of :class:`SeedInfo`'s fields."""
    from dataclasses import MISSING

    import msgspec

    line_type = msgspec.defstruct(
        "SeedLine",
        [
            (name, str, msgspec.NODEFAULT if f.default is MISSING else f.default)
            for name, f in SeedInfo.__dataclass_fields__.items()
        ],
        forbid_unknown_fields=True,
    )
    return msgspec.json.Decoder(line_type)


def _quick_split_metadata(path: Path, split: str) -> list[SeedInfo] | None:
    """The metadata lines of one split's file when every line is well formed, else None.

    Decoded by msgspec straight into typed records, several times faster than JSON objects
    checked field by field (a 100,000-document corpus has 100,000 lines to read before
    scoring starts); a file this refuses is read by :func:`read_split_metadata`'s checking
    path, which says what is wrong and where."""
    import msgspec

    from benchmark import safety

    if path.stat().st_size > safety.MAX_LINE_CHARS:  # then no line can be over the limit
        return None
    try:
        data = path.read_bytes()
        data.decode("utf-8")
        lines = _seed_line_decoder().decode_lines(data)
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError):
        return None
    # one object per non-blank line, as the checking path reads them
    if len(lines) != sum(1 for line in data.split(b"\n") if line.strip()):
        return None
    seeds = [SeedInfo(*msgspec.structs.astuple(line)) for line in lines]
    if any(seed.split != split or not ID_PATTERN.fullmatch(seed.id) for seed in seeds):
        return None
    return seeds


def read_split_metadata(path: Path, split: str) -> tuple[list[SeedInfo], list[Problem]]:
    """The metadata lines of one split's file, with a problem for each broken line."""
    quick = _quick_split_metadata(path, split)
    if quick is not None:
        return quick, []
    seeds: list[SeedInfo] = []
    problems: list[Problem] = []
    known = set(SeedInfo.__dataclass_fields__)
    for line, value, error in iter_json_lines(path):
        if error or not isinstance(value, dict):
            problems.append(Problem(str(path), line, None, error or "expected a JSON object"))
            continue
        missing = [k for k in ("id", "published", "split", "sha256", "source") if k not in value]
        unknown = sorted(set(value) - known)
        wrong = [k for k in known & set(value) if not isinstance(value[k], str)]
        if missing or unknown or wrong:
            field_, what = (
                (missing[0], "required field is missing")
                if missing
                else (unknown[0], "unknown field")
                if unknown
                else (wrong[0], "must be a string")
            )
            problems.append(Problem(str(path), line, field_, what))
            continue
        if not ID_PATTERN.fullmatch(value["id"]):
            problems.append(Problem(str(path), line, "id", f"{value['id']!r} is not a valid id"))
            continue
        if value["split"] != split:
            problems.append(
                Problem(str(path), line, "split", f"{value['split']!r} in the {split}/ folder")
            )
            continue
        seeds.append(SeedInfo(**value))
    return seeds, problems


def read_seed_metadata(root: str | os.PathLike[str] | None = None) -> dict[str, SeedInfo]:
    """Seed metadata of every split by document id. :class:`AnnotationError` on a broken file."""
    base = resolve_root(root)
    if not (base / "seeds").is_dir():
        raise UsageError(f"{base}: no seeds/ folder here (is this an envoy-bench data root?)")
    seeds: dict[str, SeedInfo] = {}
    problems: list[Problem] = []
    for split in SPLITS:
        path = metadata_path(split, base)
        if not path.is_file():
            continue
        found, broken = read_split_metadata(path, split)
        problems += broken
        for seed in found:
            if seed.id in seeds:
                problems.append(Problem(str(path), None, "id", f"{seed.id!r} is listed twice"))
            seeds[seed.id] = seed
    if problems:
        raise AnnotationError("seed metadata is broken", problems)
    return seeds


def read_seed_text(seed: SeedInfo, root: str | os.PathLike[str] | None = None) -> str:
    return decode_text_file(seed_path(seed, root))


def decode_text_file(path: Path) -> str:
    """A file's UTF-8 text; a file that is not UTF-8 is an :class:`AnnotationError` naming it
    and the first bad byte's offset."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotationError(
            f"{path}: not UTF-8 text", [Problem(str(path), None, None, not_utf8(exc))]
        ) from None


def not_utf8(exc: UnicodeDecodeError) -> str:
    """What a UnicodeDecodeError says, for a message: where the first bad byte is."""
    return f"not UTF-8 text: byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"


def write_split_metadata(
    split: str, seeds: Iterable[SeedInfo], root: str | os.PathLike[str] | None = None
) -> Path:
    """Write one split's metadata file, sorted by id so that order never depends on history."""
    lines = sorted(seeds, key=lambda seed: seed.id)
    path = metadata_path(split, root)
    atomic_write_text(path, "".join(dumps_line(seed.to_record()) + "\n" for seed in lines))
    return path


def read_manifest(root: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Dataset and guidelines versions of a data root."""
    path = resolve_root(root) / "annotations" / "manifest.json"
    if not path.is_file():
        return {"dataset_version": "unknown", "guidelines_version": "unknown"}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        what = f"not JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
        raise AnnotationError(
            f"{path}: unreadable manifest", [Problem(str(path), line, None, what)]
        ) from None
    if not isinstance(data, dict):
        raise AnnotationError(
            f"{path}: unreadable manifest",
            [Problem(str(path), None, None, "expected a JSON object of versions")],
        )
    versions = {k: str(v) for k, v in data.items() if v is not None and v != ""}
    return {"dataset_version": "unknown", "guidelines_version": "unknown"} | versions


def annotation_path(
    doc: SeedInfo | str, root: str | os.PathLike[str] | None = None, split: str | None = None
) -> Path:
    """The gold file of a document: ``annotations/<split>/<id>.jsonl``. Given an id without a
    split, the split comes from the metadata (``test`` for an id not listed yet)."""
    base = resolve_root(root)
    if isinstance(doc, SeedInfo):
        doc_id, split = doc.id, doc.split
    else:
        doc_id = check_id(doc)
        if split is None:
            seed = read_seed_metadata(base).get(doc_id)
            split = seed.split if seed else "test"
    return contained(annotation_dir(split, base), f"{check_id(doc_id)}.jsonl")


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
    if split is not None:
        check_split(split)
    documents: list[Document] = []
    for seed in sorted(read_seed_metadata(base).values(), key=lambda s: s.id):
        if split is not None and seed.split != split:
            continue
        path = annotation_path(seed, base)
        text = read_seed_text(seed, base)
        if path.is_file():
            documents.append(records_to_document(read_annotation_records(path), text, seed))
        elif include_unannotated:
            documents.append(Document(seed.id, text, seed.published, seed.split, "unreviewed"))
    return documents
