"""`bench validate`: every class of error is found, located and reported at once."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from benchmark.validate import validate_paths
from tests.conftest import SEED_ID, run_bench, seed_gold, seed_text

Record = dict[str, Any]


def _records(root: Path) -> list[Record]:
    path = seed_gold(root)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(root: Path, records: list[Record]) -> None:
    path = seed_gold(root)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def _first(records: list[Record], kind: str, **match: Any) -> Record:
    return next(
        r for r in records if r["record"] == kind and all(r.get(k) == v for k, v in match.items())
    )


def _line_of(records: list[Record], record: Record) -> int:
    return next(i for i, r in enumerate(records, start=1) if r is record)


def test_shipped_gold_is_valid() -> None:
    """The gold that ships with the package passes every check."""
    report = validate_paths()
    assert [] == [str(p) for p in report.problems]
    assert report.documents >= 1


# Each case: a mutation of the real gold, and the field the problem must name.
def _offset_out_of_range(rs: list[Record]) -> tuple[Record, str]:
    m = _first(rs, "mention", id="m1")
    m["end"] = 10**6
    return m, "start"


def _text_mismatch(rs: list[Record]) -> tuple[Record, str]:
    m = _first(rs, "mention", id="m3")
    m["text"] = "Madura"
    return m, "text"


def _unknown_entity(rs: list[Record]) -> tuple[Record, str]:
    m = _first(rs, "mention", id="m3")
    m["entity"] = "e999"
    return m, "entity"


def _type_differs(rs: list[Record]) -> tuple[Record, str]:
    m = _first(rs, "mention", id="m3")
    m["type"] = "ORG"
    return m, "type"


def _bad_arg_type(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", type="named_envoy")
    gpe = _first(rs, "entity", type="GPE")
    r["arg2"] = gpe["id"]
    return r, "arg2"


def _unknown_arg(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r1")
    r["arg1"] = "e404"
    return r, "arg1"


def _bad_timex_value(rs: list[Record]) -> tuple[Record, str]:
    t = _first(rs, "timex", type="DATE")
    t["value"] = "2025-13-40"
    return t, "value"


def _duration_as_date(rs: list[Record]) -> tuple[Record, str]:
    t = _first(rs, "timex", type="DURATION")
    t["type"] = "DATE"
    return t, "value"


def _date_not_timex_value(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r1")
    r["date"] = "2025-12-10"
    return r, "date"


def _unknown_timex(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r1")
    r["timex"] = "t999"
    return r, "timex"


def _duplicate_id(rs: list[Record]) -> tuple[Record, str]:
    m = _first(rs, "mention", id="m5")
    m["id"] = "m4"
    return m, "id"


def _duplicate_span(rs: list[Record]) -> tuple[Record, str]:
    m4 = _first(rs, "mention", id="m4")
    m5 = _first(rs, "mention", id="m5")
    m5.update(
        start=m4["start"], end=m4["end"], text=m4["text"], entity=m4["entity"], type=m4["type"]
    )
    return m5, "start"


def _crossing(rs: list[Record]) -> tuple[Record, str]:
    # Cut the outer mention inside "Moscow": the later mention in text order is reported.
    outer = _first(rs, "mention", text="the Venezuelan ambassador to Moscow")
    inner = _first(rs, "mention", text="Moscow")
    outer["end"] = inner["start"] + 3
    outer["text"] = "the Venezuelan ambassador to Mos"
    return inner, "start"


def _missing_field(rs: list[Record]) -> tuple[Record, str]:
    m = _first(rs, "mention", id="m2")
    del m["level"]
    return m, "level"


def _bad_enum(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r2")
    r["realis"] = "maybe"
    return r, "realis"


def _evidence_out_of_range(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r2")
    r["evidence"] = [3, 99]
    return r, "evidence"


def _trigger_outside_evidence(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r2")
    r["evidence"] = [0]
    return r, "evidence"


def _unreviewed(rs: list[Record]) -> tuple[Record, str]:
    d = _first(rs, "document")
    d["status"] = "unreviewed"
    return d, "status"


def _same_args(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r1")
    r["arg2"] = r["arg1"]
    return r, "arg2"


def _repeated_relation(rs: list[Record]) -> tuple[Record, str]:
    r = _first(rs, "relation", id="r1")
    copy = {**r, "id": "r99"}
    rs.insert(rs.index(r) + 1, copy)
    return copy, "id"


CASES: dict[str, Callable[[list[Record]], tuple[Record, str]]] = {
    "offsets out of range": _offset_out_of_range,
    "text differs from text[start:end]": _text_mismatch,
    "mention of an unknown entity": _unknown_entity,
    "mention type differs from its entity": _type_differs,
    "argument type not allowed for the relation type": _bad_arg_type,
    "relation argument is not an entity": _unknown_arg,
    "malformed TIMEX3 value": _bad_timex_value,
    "value of the wrong TIMEX3 type": _duration_as_date,
    "relation date differs from its timex": _date_not_timex_value,
    "relation names an unknown timex": _unknown_timex,
    "duplicate id": _duplicate_id,
    "duplicate mention span": _duplicate_span,
    "crossing mentions": _crossing,
    "missing required field": _missing_field,
    "value outside its enumeration": _bad_enum,
    "evidence sentence does not exist": _evidence_out_of_range,
    "trigger outside the evidence sentences": _trigger_outside_evidence,
    "unreviewed annotation in a scored split": _unreviewed,
    "relation between an actor and itself": _same_args,
    "one event recorded twice under two ids": _repeated_relation,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_error_class_is_reported_with_line_and_field(data_root: Path, case: str) -> None:
    """A broken annotation yields a problem that names the file, the line and the field."""
    records = _records(data_root)
    broken, field = CASES[case](records)
    _write(data_root, records)
    report = validate_paths(root=data_root)
    located = {(Path(p.path).name, p.line, p.field) for p in report.problems}
    assert (f"{SEED_ID}.jsonl", _line_of(records, broken), field) in located


def test_all_problems_are_reported_at_once(data_root: Path) -> None:
    """Two independent errors in one file give two problems, not one."""
    records = _records(data_root)
    _text_mismatch(records)
    _bad_enum(records)
    _write(data_root, records)
    fields = sorted(p.field or "" for p in validate_paths(root=data_root).problems)
    assert ["realis", "text"] == fields


def test_changed_seed_text_fails_its_hash(data_root: Path) -> None:
    """Editing a seed text by one byte is caught by its recorded sha256."""
    seed = seed_text(data_root)
    seed.write_bytes(seed.read_bytes().replace(b"Dec 11", b"Dec 12", 1))
    messages = [p.message for p in validate_paths(root=data_root).problems]
    assert any(m.startswith("seed text changed: sha256") for m in messages)


def test_a_line_cut_after_a_value_is_located_at_its_end(data_root: Path) -> None:
    """A record cut right after a number: the column is the end of the line (it was 1, the
    decoder reading on into the line break)."""
    path = seed_gold(data_root)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = '{"record": "sentence", "index": 3, "start": 400'
    lines[4] = cut + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    problems = validate_paths(root=data_root).problems
    expected = (5, f"invalid JSON (Expecting ',' delimiter at column {len(cut) + 1})")
    assert expected == (problems[0].line, problems[0].message)


def test_invalid_json_line_is_located(data_root: Path) -> None:
    """A line that is not JSON is reported with its line number."""
    path = seed_gold(data_root)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = '{"record": "sentence", "index": 3,\n'
    path.write_text("".join(lines), encoding="utf-8")
    problems = validate_paths(root=data_root).problems
    assert (5, True) == (problems[0].line, problems[0].message.startswith("invalid JSON"))


@pytest.mark.parametrize("after", [b"", b"\n"], ids=["the first record", "a blank line"])
def test_a_byte_order_mark_is_the_one_problem_named(data_root: Path, after: bytes) -> None:
    """A gold file saved with a BOM gets one problem, on line 1, that names the mark (not
    invalid JSON, and not a first record that seems to be missing), whether the mark stands
    before the first record or alone on a first line."""
    path = seed_gold(data_root)
    path.write_bytes(b"\xef\xbb\xbf" + after + path.read_bytes())
    problems = validate_paths(root=data_root).problems
    expected = [
        (
            str(path),
            1,
            None,
            "the file starts with a byte-order mark (BOM); save it as UTF-8 without one",
        )
    ]
    assert expected == [(p.path, p.line, p.field, p.message) for p in problems]


def test_a_byte_order_mark_before_broken_json_is_named(data_root: Path) -> None:
    """A BOM before a line that is not JSON: the mark is what is named on line 1."""
    path = seed_gold(data_root)
    path.write_bytes(b'\xef\xbb\xbf{"record": \n' + path.read_bytes())
    problems = validate_paths(root=data_root).problems
    assert "byte-order mark" in problems[0].message and 1 == problems[0].line


def test_a_number_too_long_to_convert_is_located_without_a_traceback(data_root: Path) -> None:
    """An offset of 5,000 digits (more than Python converts to an int) is a problem on its
    line, and `bench validate` exits 1 without a traceback."""
    path = seed_gold(data_root)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, x in enumerate(lines, 1) if '"record": "mention"' in x)
    record = json.loads(lines[number - 1])
    lines[number - 1] = (
        json.dumps(record).replace(f'"start": {record["start"]}', '"start": ' + "9" * 5000) + "\n"
    )
    path.write_text("".join(lines), encoding="utf-8")
    run = run_bench("validate", "--root", str(data_root))
    expected = f"{path}:{number}: invalid JSON (a number too large for any field)"
    assert (1, True, False) == (
        run.returncode,
        expected in run.stderr,
        "Traceback" in run.stderr,
    ), run.stderr


def test_a_broken_record_is_named_once_not_again_as_what_it_leaves_missing(
    data_root: Path,
) -> None:
    """An entity's only mention with a type outside the schema is one problem (not also "the
    entity has no mention"); a sentence line cut short is one problem (not also text in no
    sentence, a gap in the indices, mentions outside sentences and evidence)."""
    path = seed_gold(data_root)
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    records = [json.loads(line) for line in lines]
    mentions_of: dict[str, int] = {}
    for r in records:
        if r["record"] == "mention":
            mentions_of[r["entity"]] = mentions_of.get(r["entity"], 0) + 1
    number = next(
        i
        for i, r in enumerate(records, 1)
        if r["record"] == "mention" and mentions_of[r["entity"]] == 1
    )
    broken = dict(records[number - 1], type="NORP")
    path.write_text(
        "".join([*lines[: number - 1], json.dumps(broken) + "\n", *lines[number:]]),
        encoding="utf-8",
    )
    problems = validate_paths(root=data_root).problems
    assert [(number, "type")] == [(p.line, p.field) for p in problems]
    sentence = next(
        i for i, r in enumerate(records, 1) if r["record"] == "sentence" and r["index"] == 3
    )
    cut = lines[sentence - 1][:30] + "\n"
    path.write_text("".join([*lines[: sentence - 1], cut, *lines[sentence:]]), encoding="utf-8")
    problems = validate_paths(root=data_root).problems
    assert [(sentence, True)] == [(p.line, p.message.startswith("invalid JSON")) for p in problems]


def test_an_entity_or_timex_refused_by_the_schema_is_not_also_unknown(data_root: Path) -> None:
    """An entity and a timex with types outside the schema are two problems, not also an
    "unknown entity" for every mention and relation naming it and an "unknown timex" for the
    relation it anchors; a document record without an id is one problem, not also a file
    whose first record is not the document record."""
    path = seed_gold(data_root)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    records = [json.loads(line) for line in lines]
    anchors = {r["timex"] for r in records if r["record"] == "relation" and r["timex"]}
    entity = next(i for i, r in enumerate(records) if r["record"] == "entity")
    timex = next(i for i, r in enumerate(records) if r.get("id") in anchors)
    broken = list(lines)
    broken[entity] = json.dumps(dict(records[entity], type="NORP")) + "\n"
    broken[timex] = json.dumps(dict(records[timex], type="DAY")) + "\n"
    path.write_text("".join(broken), encoding="utf-8")
    problems = validate_paths(root=data_root).problems
    assert [(entity + 1, "type"), (timex + 1, "type")] == [(p.line, p.field) for p in problems]
    header = {k: v for k, v in records[0].items() if k != "id"}
    path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    problems = validate_paths(root=data_root).problems
    assert [1] == [p.line for p in problems], problems


def test_a_mention_line_written_twice_is_one_problem_at_the_copy(data_root: Path) -> None:
    """A mention line copied below itself is one problem, at the copy, saying so (it was two:
    a duplicate id and a duplicate span)."""
    path = seed_gold(data_root)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, x in enumerate(lines, 1) if '"record": "mention"' in x)
    path.write_text("".join([*lines[:number], *lines[number - 1 :]]), encoding="utf-8")
    problems = validate_paths(root=data_root).problems
    expected = [
        (number + 1, "id", f"a copy of line {number} (the record written twice): remove one")
    ]
    assert expected == [(p.line, p.field, p.message) for p in problems]


def test_cli_exits_1_and_prints_located_problems(data_root: Path) -> None:
    """`bench validate` prints file:line: field: message lines and exits 1, with no traceback."""
    records = _records(data_root)
    broken, _ = _bad_enum(records)
    _write(data_root, records)
    run = subprocess.run(
        [sys.executable, "-m", "benchmark", "validate", "--root", str(data_root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 1 == run.returncode
    assert f"{SEED_ID}.jsonl:{_line_of(records, broken)}: realis:" in run.stderr
    assert "Traceback" not in run.stderr


def test_cli_accepts_a_single_file(data_root: Path) -> None:
    """`bench validate FILE` checks that one annotation file against its data root."""
    path = seed_gold(data_root)
    run = subprocess.run(
        [sys.executable, "-m", "benchmark", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, "OK: 1 file(s), 1 document(s) valid.") == (run.returncode, run.stdout.strip())


def test_missing_path_is_a_usage_error() -> None:
    """A path that does not exist gets a clear message and exit code 2."""
    run = subprocess.run(
        [sys.executable, "-m", "benchmark", "validate", "no/such/dir"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (2, "error: no/such/dir: no such file or directory") == (
        run.returncode,
        run.stderr.strip(),
    )


def test_gold_in_the_wrong_split_folder_is_reported(data_root: Path) -> None:
    """A test document's gold filed under annotations/contrast/ is told where it belongs."""
    moved = data_root / "annotations" / "contrast" / f"{SEED_ID}.jsonl"
    seed_gold(data_root).rename(moved)
    problems = validate_paths(root=data_root).problems
    assert [f"{SEED_ID} is a test document: its gold belongs in annotations/test/"] == [
        p.message for p in problems if p.path == str(moved)
    ]


def test_a_second_pass_outside_the_gold_folders_validates(data_root: Path) -> None:
    """An annotator's pass kept in annotations/agreement/ is checked like gold, not misfiled."""
    elsewhere = data_root / "annotations" / "agreement" / "dev" / "pass2"
    elsewhere.mkdir(parents=True)
    copy = elsewhere / f"{SEED_ID}.jsonl"
    copy.write_bytes(seed_gold(data_root).read_bytes())
    assert [] == validate_paths([copy]).problems


def test_a_time_of_day_anchors_a_relation_by_its_date_part(data_root: Path) -> None:
    """A relation anchored on a TIME timex carries the day (valid); the time itself is refused."""
    records = _records(data_root)
    relation = next(r for r in records if r["record"] == "relation" and r["timex"])
    timex = _first(records, "timex", id=relation["timex"])
    day = relation["date"]
    timex.update(type="TIME", value=f"{day}TEV")
    _write(data_root, records)
    assert validate_paths(root=data_root).ok
    relation["date"] = f"{day}TEV"
    _write(data_root, records)
    problems = validate_paths(root=data_root).problems
    assert [("date", _line_of(records, relation))] == [(p.field, p.line) for p in problems]


def test_two_actors_whose_names_resolve_alike_are_reported(data_root: Path) -> None:
    """Two actors "The European Union" and "European Union": a submitted name could not
    tell them apart, so validation refuses the second one, at its line, in its aliases."""
    records = _records(data_root)
    first = _first(records, "entity", id="e1")
    twin = dict(first, id="e99", name=f"The {first['name'].upper()}", aliases=[])
    records.insert(records.index(first) + 1, twin)
    _write(data_root, records)
    found = [
        (p.line, p.field)
        for p in validate_paths(root=data_root).problems
        if "is also a name or alias of entity 'e1'" in p.message
    ]
    assert [(_line_of(records, twin), "aliases")] == found


def test_a_submission_given_to_validate_is_named_as_one(tmp_path: Path) -> None:
    """`bench validate` on a submission file says it is a submission and to run `bench score
    --check FILE`, once, instead of an unknown record kind on every line."""
    from tests.conftest import run_bench

    path = tmp_path / "predictions.jsonl"
    path.write_text(
        json.dumps({"doc_id": SEED_ID, "mentions": []}) + "\n" + json.dumps({"doc_id": "x"}) + "\n",
        encoding="utf-8",
    )
    run = run_bench("validate", str(path))
    assert 1 == run.returncode
    problems = [ln for ln in run.stderr.splitlines() if ln.startswith(f"{path}:")]
    assert [f"{path}:1: "] == [ln[: len(f"{path}:1: ")] for ln in problems]
    assert f"bench score --check {path}" in problems[0]
    assert "submission" in problems[0]
    assert "unknown record kind" not in run.stderr


def test_a_deleted_sentence_record_leaves_text_in_no_sentence(data_root: Path) -> None:
    """Deleting the seed's third sentence record (or cutting a file down to its document
    record) is reported: the text it covered lies in no sentence."""
    records = _records(data_root)
    third = _first(records, "sentence", index=2)
    records.remove(third)
    _write(data_root, records)
    problems = validate_paths(root=data_root).problems
    found = [p.message for p in problems if p.field == "sentence"]
    span = f"text at [{third['start']}, {third['end']}) lies in no sentence"
    assert 1 == len(found) and found[0].startswith(span)
    assert found[0].endswith(
        "a sentence record is missing (bench segment DOC_ID --write re-segments)"
    )


@pytest.mark.parametrize(
    ("content", "where", "what"),
    [
        ('{"dataset_version": "2.0.0"\n', ":2", "not JSON"),
        ('["1.1.5"]\n', "", "expected a JSON object of versions"),
    ],
)
def test_a_broken_manifest_is_named_by_every_command_that_reads_it(
    content: str, where: str, what: str, data_root: Path
) -> None:
    """A manifest that is not JSON, or not an object, gives exit 1 naming the file (and line)
    in `bench validate`, `bench info` and `bench score`, never a traceback."""
    from tests.conftest import run_bench

    manifest = data_root / "annotations" / "manifest.json"
    manifest.write_text(content, encoding="utf-8")
    rules = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "predictions.jsonl"
    commands = [
        ("validate", "--root", str(data_root)),
        ("info", "--root", str(data_root)),
        ("score", str(rules), "--gold", str(data_root)),
    ]
    expected = [(1, True, False)] * len(commands)
    actual = []
    for command in commands:
        run = run_bench(*command)
        actual.append(
            (run.returncode, f"{manifest}{where}: {what}" in run.stderr, "Traceback" in run.stderr)
        )
    assert expected == actual, run.stderr


def test_a_manifest_without_versions_gives_unknown_versions(data_root: Path) -> None:
    """A manifest with no versions, or null ones, is read as unknown versions, and `bench
    info` says so (it was a KeyError traceback)."""
    from benchmark.model import read_manifest
    from tests.conftest import run_bench

    manifest = data_root / "annotations" / "manifest.json"
    manifest.write_text('{"guidelines_version": null}\n', encoding="utf-8")
    run = run_bench("info", "--root", str(data_root))
    expected = {"dataset_version": "unknown", "guidelines_version": "unknown"}
    assert (expected, 0, True) == (
        read_manifest(data_root),
        run.returncode,
        "dataset version unknown, guidelines version unknown" in run.stdout,
    ), run.stderr


def test_validate_refuses_what_holds_no_annotation_files(tmp_path: Path) -> None:
    """An empty folder, a built dataset folder and one of its Parquet files each exit 2 with a
    message saying what was given and what to give instead (they printed "OK: 0 file(s)" and,
    for the Parquet file, 145 lines of invalid JSON)."""
    from benchmark.dataset import build_dataset

    empty = tmp_path / "empty"
    empty.mkdir()
    built = tmp_path / "built"
    build_dataset(built)
    parquet = next((built / "documents").glob("*.parquet"))
    expected = {
        empty: "no annotation files (.jsonl) here",
        built: "a built dataset folder, not annotation files",
        parquet: "a Parquet file (of a built dataset folder), not an annotation file",
    }
    actual = {}
    for path in expected:
        run = run_bench("validate", str(path))
        lines = run.stderr.splitlines()
        actual[path] = lines[0].removeprefix(f"error: {path}: ")[: len(expected[path])]
        assert (2, 1) == (run.returncode, len(lines)), run.stderr
    assert expected == actual
