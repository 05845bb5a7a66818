"""Validation of gold annotation files and seed texts (``bench validate``).

Every problem is collected, located (file, line, field) and reported at once; nothing stops at
the first error. The checks, in the order a contributor meets them:

* seeds: the metadata is readable, each seed file exists and its sha256 is the recorded one,
  the publication date is an ISO date, the split is known;
* records: each line is a JSON object valid against ``annotations/schema.json`` for its record
  kind; the ``document`` record comes first and names the file's document; records appear in
  the order document, sentence, entity, mention, timex, relation;
* identity: ids are unique within a document, across all record kinds;
* offsets: ``0 <= start < end <= len(text)`` and ``text[start:end]`` equals the stored text, for
  mentions, timexes and triggers; sentences are numbered 0..n-1, ordered, non-overlapping and
  trimmed; mentions and timexes lie inside one sentence;
* references: a mention's entity exists and has the mention's type; every entity has a mention;
  a relation's arguments are entities of the types its relation type allows, distinct; its timex
  exists and its date equals that timex's value; evidence indices exist; the trigger lies in an
  evidence sentence;
* values: TIMEX3 values are well formed for their type; a relation date is a calendar value;
* overlaps: no two mentions share a span, no two mentions cross (nesting is allowed);
* review: annotations of a scored split must be ``reviewed``; the guidelines version matches the
  manifest.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from benchmark.errors import AnnotationError, Problem, UsageError
from benchmark.model import (
    ALLOWED_ARG_TYPES,
    RECORD_ORDER,
    SPLITS,
    SYMMETRIC_TYPES,
    Document,
    SeedInfo,
    decode_text_file,
    default_root,
    iter_json_lines,
    metadata_path,
    read_manifest,
    read_seed_metadata,
    resolve_root,
    seed_path,
    sha256_file,
    write_annotation_file,
)
from benchmark.timex import is_valid_relation_date, is_valid_value

#: Splits whose documents are scored; their annotations must be reviewed.
SCORED_SPLITS = frozenset(SPLITS)


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@cache
def _schema_validators(path: Path) -> dict[str, Any]:
    """One jsonschema validator per record kind, from a data root's ``annotations/schema.json``."""
    import jsonschema

    schema = json.loads(path.read_text(encoding="utf-8"))
    validators = {}
    for sub in schema["oneOf"]:
        kind = sub["properties"]["record"]["const"]
        validators[kind] = jsonschema.Draft202012Validator({**sub, "type": "object"})
    return validators


def _schema_problems(record: dict[str, Any], path: str, line: int, schema: Path) -> list[Problem]:
    kind = record.get("record")
    validators = _schema_validators(schema)
    if kind not in validators:
        return [
            Problem(
                path,
                line,
                "record",
                f"unknown record kind {kind!r}; expected one of {', '.join(RECORD_ORDER)}",
            )
        ]
    problems = []
    for error in sorted(validators[kind].iter_errors(record), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else None
            problems.append(Problem(path, line, missing, "required field is missing"))
        elif error.validator == "additionalProperties":
            problems.append(Problem(path, line, where or None, error.message))
        else:
            problems.append(Problem(path, line, where or None, error.message))
    return problems


def _schema_path(root: Path) -> Path:
    path = root / "annotations" / "schema.json"
    return path if path.is_file() else default_root() / "annotations" / "schema.json"


def _check_span(
    rec: dict[str, Any], text: str, path: str, line: int, fieldname: str = ""
) -> list[Problem]:
    start, end, surface = rec.get("start"), rec.get("end"), rec.get("text")
    prefix = f"{fieldname}." if fieldname else ""
    if not isinstance(start, int) or not isinstance(end, int):
        return []  # the schema check reports it
    if not 0 <= start < end <= len(text):
        return [
            Problem(
                path,
                line,
                f"{prefix}start",
                f"offsets [{start}, {end}) are out of range "
                f"for a text of {len(text)} characters (need 0 <= start < end)",
            )
        ]
    if surface is not None and text[start:end] != surface:
        return [
            Problem(
                path,
                line,
                f"{prefix}text",
                f"text[{start}:{end}] is {text[start:end]!r}, not {surface!r}",
            )
        ]
    return []


def check_seeds(seeds: dict[str, SeedInfo], root: Path) -> list[Problem]:
    problems = []
    for doc_id, seed in sorted(seeds.items()):
        meta = str(metadata_path(seed.split, root))
        path = seed_path(seed, root)
        if not path.is_file():
            problems.append(
                Problem(meta, None, "id", f"{doc_id}: seed file {path.name} is missing")
            )
            continue
        actual = sha256_file(path)
        if actual != seed.sha256:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    f"seed text changed: sha256 is {actual}, metadata records {seed.sha256}",
                )
            )
        try:
            date.fromisoformat(seed.published)
        except (TypeError, ValueError):
            problems.append(
                Problem(
                    meta,
                    None,
                    "published",
                    f"{doc_id}: {seed.published!r} is not an ISO date (YYYY-MM-DD)",
                )
            )
        if seed.split not in SPLITS:
            problems.append(
                Problem(
                    meta,
                    None,
                    "split",
                    f"{doc_id}: unknown split {seed.split!r}; expected one of {', '.join(SPLITS)}",
                )
            )
    return problems


def check_annotation_file(
    path: Path, seeds: dict[str, SeedInfo], root: Path, guidelines_version: str | None = None
) -> list[Problem]:
    """All problems of one annotation file. A file whose first object is a submission line
    (``doc_id``, no ``record``) gives one problem that says so and how to check it."""
    p = str(path)
    problems: list[Problem] = []
    records: list[tuple[int, dict[str, Any]]] = []
    schema = _schema_path(root)  # once per file, not per record
    # what the records refused below would have held: the checks across records do not then
    # report as missing what is only broken (an entity whose one mention has a wrong type)
    unread = False  # a line that is no record at all (cut short, not JSON)
    refused: list[dict[str, Any]] = []
    for line, value, error in iter_json_lines(path):
        if error:
            problems.append(Problem(p, line, None, error))
            if value is None:
                unread = True
                continue
        if not isinstance(value, dict):
            unread = True
            problems.append(Problem(p, line, None, "expected a JSON object"))
        elif not records and not problems and "record" not in value and "doc_id" in value:
            # its first object is a submission line: one message that says so, not a
            # problem per line about a missing record kind
            return [
                Problem(
                    p,
                    line,
                    None,
                    "this is a submission (objects with doc_id), not a gold annotation file; "
                    f"check it with `bench score --check {p}` (and --split SPLIT for a split "
                    "other than test)",
                )
            ]
        else:
            found = _schema_problems(value, p, line, schema)
            problems += found
            if not found:
                records.append((line, value))
            else:
                refused.append(value)
    if not records:
        return problems or [Problem(p, None, None, "the file holds no records")]

    doc_id = path.stem
    first_line, first = records[0]
    # the ids of records refused above: what names them is not "unknown" as well
    refused_ids = {(r.get("record"), r.get("id")) for r in refused if isinstance(r.get("id"), str)}
    if first["record"] != "document" and all(r.get("record") != "document" for r in refused):
        problems.append(
            Problem(p, first_line, "record", "the first record must be the 'document' record")
        )
    if sum(1 for _, r in records if r["record"] == "document") > 1:
        line = [ln for ln, r in records if r["record"] == "document"][1]
        problems.append(Problem(p, line, "record", "a second 'document' record"))
    seed = seeds.get(doc_id)
    if seed is None:
        problems.append(
            Problem(
                p,
                None,
                None,
                f"no seed {doc_id!r} in seeds/<split>/metadata.jsonl "
                "(the file name must be the document id)",
            )
        )
        return problems
    in_gold = path.resolve().parent.parent == (root / "annotations").resolve()
    if in_gold and path.parent.name != seed.split:
        problems.append(
            Problem(
                p,
                None,
                None,
                f"{doc_id} is a {seed.split} document: its gold belongs in "
                f"annotations/{seed.split}/",
            )
        )
    try:
        text = decode_text_file(seed_path(seed, root))
    except AnnotationError as exc:
        return problems + exc.problems

    rank = {kind: i for i, kind in enumerate(RECORD_ORDER)}
    last = 0
    for line, r in records:
        if rank[r["record"]] < last:
            problems.append(
                Problem(
                    p,
                    line,
                    "record",
                    f"a {r['record']!r} record after "
                    f"{RECORD_ORDER[last]!r} records; keep the order "
                    f"{', '.join(RECORD_ORDER)}",
                )
            )
        last = max(last, rank[r["record"]])

    by_kind: dict[str, list[tuple[int, dict[str, Any]]]] = {k: [] for k in RECORD_ORDER}
    for line, r in records:
        by_kind[r["record"]].append((line, r))

    for line, r in by_kind["document"]:
        if r["id"] != doc_id:
            problems.append(
                Problem(
                    p, line, "id", f"document id {r['id']!r} differs from the file name {doc_id!r}"
                )
            )
        if seed.split in SCORED_SPLITS and r["status"] != "reviewed":
            problems.append(
                Problem(
                    p,
                    line,
                    "status",
                    f"annotations of the scored split "
                    f"{seed.split!r} are {r['status']!r}: a reviewer must check "
                    f"them and run `bench review {doc_id} --reviewer NAME`",
                )
            )
        if guidelines_version and r["guidelines_version"] != guidelines_version:
            problems.append(
                Problem(
                    p,
                    line,
                    "guidelines_version",
                    f"{r['guidelines_version']!r}"
                    f" differs from the manifest's {guidelines_version!r}",
                )
            )

    # ids unique across kinds
    seen: dict[str, int] = {}
    copies: set[int] = set()  # lines that repeat an earlier record whole (a line written twice)
    record_at = dict(records)
    for line, r in records:
        if r["record"] in ("document", "sentence"):
            continue
        if r["id"] in seen:
            earlier = seen[r["id"]]
            if record_at[earlier] == r:
                copies.add(line)
                what = f"a copy of line {earlier} (the record written twice): remove one"
            else:
                what = f"duplicate id {r['id']!r} (first on line {earlier})"
            problems.append(Problem(p, line, "id", what))
        else:
            seen[r["id"]] = line

    # sentences; unless a sentence line is broken (named above): then what depends on the
    # sentences (their run of indices, what lies in which, the evidence) is not checked, as it
    # would report the broken line again many times over
    sentences_known = not unread and all(r.get("record") != "sentence" for r in refused)
    sentences = sorted((r["index"], r["start"], r["end"], line) for line, r in by_kind["sentence"])
    for expected, (index, _start, _end, line) in enumerate(sentences):
        if index != expected and sentences_known:
            problems.append(
                Problem(
                    p,
                    line,
                    "index",
                    f"sentence index {index}: indices must run "
                    f"0..{len(sentences) - 1} without gaps or repeats",
                )
            )
            break
    prev_end = 0
    for index, start, end, line in sentences:
        if not 0 <= start < end <= len(text):
            problems.append(
                Problem(
                    p,
                    line,
                    "start",
                    f"sentence {index}: offsets [{start}, {end}) "
                    f"out of range for a text of {len(text)} characters",
                )
            )
            continue
        if start < prev_end:
            problems.append(
                Problem(p, line, "start", f"sentence {index} overlaps the previous sentence")
            )
        if text[start].isspace() or text[end - 1].isspace():
            problems.append(
                Problem(p, line, "start", f"sentence {index} starts or ends with white space")
            )
        prev_end = end
    bounds = [(s, e) for _, s, e, _ in sentences]
    # the segmenter leaves only white space outside sentences: text outside them means a
    # sentence record is missing (a file cut short, a record deleted by hand)
    covered = 0
    for s, e in [*sorted(bounds), (len(text), len(text))] if sentences_known else []:
        raw = text[covered:s] if s > covered else ""
        if raw.strip():
            gap_start = covered + len(raw) - len(raw.lstrip())
            gap_end = s - (len(raw) - len(raw.rstrip()))
            problems.append(
                Problem(
                    p,
                    None,
                    "sentence",
                    f"text at [{gap_start}, {gap_end}) lies in no sentence "
                    f"(begins {raw.strip()[:40]!r}): a sentence record is missing (bench segment "
                    "DOC_ID --write re-segments)",
                )
            )
            break
        covered = max(covered, e)
    starts = [s for s, _ in bounds]
    # Sentences in text order without overlap (else reported above): one bisection per look-up.
    # When they are not, containment cannot be decided and is not checked until they are fixed.
    ordered = (
        sentences_known
        and all(s < e for s, e in bounds)
        and all(a[1] <= b[0] for a, b in itertools.pairwise(bounds))
    )

    def sentence_index(start: int, end: int) -> int | None:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and bounds[i][0] <= start and end <= bounds[i][1]:
            return i
        return None

    # entities and mentions
    entities = {r["id"]: (line, r) for line, r in by_kind["entity"]}
    # Names are compared as the scorer resolves them (case, diacritics, "the", honorifics), so a
    # name in a submission can never point at two gold actors.
    from benchmark.scoring import normalize_name

    alias_owner: dict[str, str] = {}
    for line, r in by_kind["entity"]:
        for name in [r["name"], *r["aliases"]]:
            key = normalize_name(name) or name.casefold()
            owner = alias_owner.setdefault(key, r["id"])
            if owner != r["id"]:
                problems.append(
                    Problem(
                        p,
                        line,
                        "aliases",
                        f"name {name!r} is also a name or alias of entity {owner!r}",
                    )
                )
    used_entities: set[str] = set()
    spans: dict[tuple[int, int], int] = {}
    intervals: list[tuple[int, int, int]] = []
    for line, r in by_kind["mention"]:
        problems += _check_span(r, text, p, line)
        ent = entities.get(r["entity"])
        if ent is None:
            if ("entity", r["entity"]) not in refused_ids:
                problems.append(Problem(p, line, "entity", f"unknown entity {r['entity']!r}"))
        else:
            used_entities.add(r["entity"])
            if ent[1]["type"] != r["type"]:
                problems.append(
                    Problem(
                        p,
                        line,
                        "type",
                        f"mention type {r['type']} differs from "
                        f"its entity's type {ent[1]['type']} ({r['entity']})",
                    )
                )
        key = (r["start"], r["end"])
        if key in spans:
            if line not in copies:  # a copied line is named once, by its id
                problems.append(
                    Problem(
                        p,
                        line,
                        "start",
                        f"duplicate mention span [{key[0]}, {key[1]}) (also on line {spans[key]})",
                    )
                )
        else:
            spans[key] = line
            intervals.append((r["start"], r["end"], line))
        if ordered and bounds and sentence_index(r["start"], r["end"]) is None:
            problems.append(Problem(p, line, "start", "the mention is not inside one sentence"))
    problems += _crossing(intervals, p)
    # an entity whose mention is broken (named above) is not also without mentions
    used_entities.update(str(r.get("entity")) for r in refused if r.get("record") == "mention")
    for eid, (line, _) in entities.items():
        if eid not in used_entities and not unread:
            problems.append(Problem(p, line, "id", f"entity {eid!r} has no mention"))

    # timexes
    timexes = {}
    for line, r in by_kind["timex"]:
        timexes[r["id"]] = r
        problems += _check_span(r, text, p, line)
        if not is_valid_value(r["value"], r["type"]):
            problems.append(
                Problem(
                    p,
                    line,
                    "value",
                    f"{r['value']!r} is not a valid TIMEX3 value for type {r['type']}",
                )
            )
        if ordered and bounds and sentence_index(r["start"], r["end"]) is None:
            problems.append(Problem(p, line, "start", "the timex is not inside one sentence"))

    # relations
    events: dict[tuple[Any, ...], int] = {}  # one record per event (GUIDELINES §6): its line
    for line, r in by_kind["relation"]:
        args = (r["arg1"], r["arg2"])
        if r["type"] in SYMMETRIC_TYPES:
            args = tuple(sorted(args))
        trigger = r["trigger"]
        # attributes too: one trigger may tell two events that differ only there (`met ... in
        # Germany and Vietnam last year`, dev-003)
        shape = json.dumps(r.get("attributes"), sort_keys=True)
        event = (r["type"], *args, r["date"], r["realis"], trigger["start"], trigger["end"], shape)
        if event in events:
            problems.append(
                Problem(
                    p,
                    line,
                    "id",
                    f"relation {r['id']!r} repeats the relation on line {events[event]} (same "
                    "type, arguments, date, realis, trigger and attributes): one record per "
                    "event",
                )
            )
        events.setdefault(event, line)
        allowed = ALLOWED_ARG_TYPES[r["type"]]
        for position, arg in enumerate(("arg1", "arg2")):
            ent = entities.get(r[arg])
            if ent is None:
                if ("entity", r[arg]) not in refused_ids:
                    problems.append(Problem(p, line, arg, f"unknown entity {r[arg]!r}"))
            elif ent[1]["type"] not in allowed[position]:
                problems.append(
                    Problem(
                        p,
                        line,
                        arg,
                        f"{r['type']} does not take a "
                        f"{ent[1]['type']} as {arg} (allowed: "
                        f"{', '.join(sorted(allowed[position]))})",
                    )
                )
        if r["arg1"] == r["arg2"]:
            problems.append(Problem(p, line, "arg2", "a relation needs two distinct actors"))
        bad_date = r["date"] is not None and (
            not is_valid_relation_date(r["date"]) or "T" in r["date"]
        )
        if bad_date:
            problems.append(
                Problem(
                    p,
                    line,
                    "date",
                    f"{r['date']!r} is not a TIMEX3 calendar date (a day or coarser; a time of "
                    "day anchors a relation by its date part, GUIDELINES §6.4)",
                )
            )
        if r["timex"] is not None:
            tx = timexes.get(r["timex"])
            if tx is None:
                if ("timex", r["timex"]) not in refused_ids:
                    problems.append(Problem(p, line, "timex", f"unknown timex {r['timex']!r}"))
            elif not bad_date and r["date"] != tx["value"].split("T")[0]:
                problems.append(
                    Problem(
                        p,
                        line,
                        "date",
                        f"date {r['date']!r} differs from the value {tx['value']!r} (its date "
                        f"part, for a time of day) of its timex {r['timex']}",
                    )
                )
        elif r["date"] is not None:
            problems.append(
                Problem(
                    p, line, "timex", "a dated relation must name the timex that anchors its date"
                )
            )
        problems += _check_span(r["trigger"], text, p, line, "trigger")
        bad = [i for i in r["evidence"] if i >= len(bounds)] if sentences_known else []
        if bad:
            problems.append(
                Problem(
                    p,
                    line,
                    "evidence",
                    f"sentence index {bad[0]} does not exist "
                    f"(the document has {len(bounds)} sentences)",
                )
            )
        elif ordered and bounds:
            trig = r["trigger"]
            home = sentence_index(trig["start"], trig["end"])
            if home is not None and home not in r["evidence"]:
                problems.append(
                    Problem(
                        p,
                        line,
                        "evidence",
                        f"the trigger is in sentence {home}, "
                        "which is not among the evidence sentences",
                    )
                )
    return problems


def _crossing(intervals: list[tuple[int, int, int]], path: str) -> list[Problem]:
    """Mentions that partly overlap (cross); nested or disjoint mentions are fine."""
    problems = []
    ordered = sorted(intervals, key=lambda x: (x[0], -x[1]))
    open_spans: list[tuple[int, int, int]] = []  # a stack of enclosing spans
    for start, end, line in ordered:
        while open_spans and open_spans[-1][1] <= start:
            open_spans.pop()
        if open_spans and end > open_spans[-1][1]:
            other = open_spans[-1]
            problems.append(
                Problem(
                    path,
                    line,
                    "start",
                    f"mention [{start}, {end}) crosses "
                    f"mention [{other[0]}, {other[1]}) on line {other[2]}",
                )
            )
            continue
        open_spans.append((start, end, line))
    return problems


def _root_files(root: Path) -> list[Path]:
    """Every annotation file of a data root, one folder per split; a file outside the split
    folders is listed too, so that validation says where it belongs."""
    folder = root / "annotations"
    files = sorted(folder.glob("*.jsonl"))
    for split in SPLITS:
        files += sorted((folder / split).glob("*.jsonl"))
    return files


def _annotation_files(paths: Iterable[Path], root: Path) -> tuple[list[Path], Path]:
    """Expand the command-line paths into annotation files and find their data root."""
    files: list[Path] = []
    data_root = root
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
        parents = [path, *path.parents]
        for i, folder in enumerate(parents[:-1]):
            if folder.name == "annotations" and (parents[i + 1] / "seeds").is_dir():
                data_root = parents[i + 1]
                break
        if path.is_dir() and (path / "annotations").is_dir():
            data_root = path
            files += _root_files(path)
        elif path.is_dir() and path.name == "annotations":
            files += _root_files(path.parent)
        elif path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise UsageError(f"{path}: {_no_annotation_files(path)}")
            files += found
        elif _is_parquet(path):
            raise UsageError(
                f"{path}: a Parquet file (of a built dataset folder), not an annotation file; "
                "a built folder is read by scoring against it: bench score PRED --gold FOLDER"
            )
        else:
            files.append(path)
    return files, data_root


def _no_annotation_files(folder: Path) -> str:
    """Why ``folder`` has nothing to validate, and what to give instead."""
    if (folder / "documents").is_dir() and any((folder / "documents").glob("*.parquet")):
        return (
            "a built dataset folder, not annotation files; it is read by scoring against it "
            "(bench score PRED --gold FOLDER), and validated by validating the data root it "
            "was built from"
        )
    return (
        "no annotation files (.jsonl) here; give a data root, its annotations/ folder, a "
        "split's folder or annotation files"
    )


def _is_parquet(path: Path) -> bool:
    """Whether ``path`` is a regular file that starts as a Parquet file does (a named pipe or
    ``<(...)`` is never read here: what it gives could be read only once)."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            return f.read(4) == b"PAR1"
    except OSError:  # a file that cannot be read is reported by the check that reads it
        return False


def validate_paths(
    paths: Iterable[str | os.PathLike[str]] = (), root: str | os.PathLike[str] | None = None
) -> ValidationReport:
    """Validate annotation files (all of the data root when ``paths`` is empty)."""
    base = resolve_root(root)
    given = [Path(p) for p in paths]
    files, data_root = _annotation_files(given or [base], base)
    report = ValidationReport()
    try:
        seeds = read_seed_metadata(data_root)
    except AnnotationError as exc:
        report.problems += exc.problems
        return report
    if not given or any(p.is_dir() and (p / "seeds").is_dir() for p in given):
        report.problems += check_seeds(seeds, data_root)
        annotated = {f.stem for f in files}
        for doc_id, seed in sorted(seeds.items()):
            if doc_id not in annotated and seed.split in SCORED_SPLITS:
                report.problems.append(
                    Problem(
                        str(metadata_path(seed.split, data_root)),
                        None,
                        "id",
                        f"{doc_id}: no annotation file (run `bench preannotate {doc_id}`)",
                    )
                )
    manifest = read_manifest(data_root)
    version = manifest.get("guidelines_version")
    version = None if version in (None, "unknown") else version
    for path in files:
        report.files += 1
        found = check_annotation_file(path, seeds, data_root, version)
        report.problems += found
        report.documents += 1
    return report


def check_document(
    doc: Document,
    root: str | os.PathLike[str] | None = None,
    *,
    target: str | os.PathLike[str] | None = None,
    draft: bool = True,
) -> list[Problem]:
    """Every problem :func:`check_annotation_file` finds in ``doc``, checked before it is
    written anywhere (it is staged in a temporary folder); problems are located at ``target``
    (where the file is meant to go). ``draft`` accepts an unreviewed status."""
    import tempfile

    base = resolve_root(root)
    seeds = read_seed_metadata(base)
    version = read_manifest(base).get("guidelines_version")
    version = None if version in (None, "unknown") else version
    with tempfile.TemporaryDirectory(prefix="envoy-bench-check-") as tmp:
        staged = Path(tmp) / (doc.split or "test") / f"{doc.id}.jsonl"
        write_annotation_file(doc, staged)
        found = check_annotation_file(staged, seeds, base, version)
    where = str(target) if target is not None else f"{doc.id}.jsonl"
    return [
        Problem(where, p.line, p.field, p.message)
        for p in found
        if not (draft and p.field == "status")
    ]
