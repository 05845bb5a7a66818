"""Strict submissions and hostile input: located errors with exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.model import load_documents
from benchmark.submission import _Collector, _parse_document, parse_line_fast, schema

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "submissions" / "rules"

SEED_ID = "000_8dbbdfc2a546922b"


def _bench(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmark", *args],
        capture_output=True,
        text=True,
        check=False,
        input=stdin,
    )


def _write(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
        encoding="utf-8",
    )
    return path


def _rel(**extra: Any) -> dict[str, Any]:
    return {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": "A", "arg2": "B", **extra}]}


CASES: dict[str, tuple[str, str | tuple[str, ...], str | tuple[str, ...]]] = {
    "typo in a layer name": (
        json.dumps({"doc_id": SEED_ID, "relation": []}),
        "relation",
        "unknown key 'relation'; did you mean 'relations'?",
    ),
    "typo in a relation key": (
        json.dumps(
            {
                "doc_id": SEED_ID,
                "relations": [{"type": "met", "arg1": "A", "arg2": "B", "dat": "2025"}],
            }
        ),
        "relations[0].dat",
        "did you mean 'date'?",
    ),
    "impossible month": (
        json.dumps(_rel(date="2025-13-45")),
        "relations[0].date",
        "not a valid TIMEX3",
    ),
    "impossible week": (
        json.dumps(_rel(date="2025-W99")),
        "relations[0].date",
        "not a valid TIMEX3",
    ),
    "30 February": (
        json.dumps(_rel(date="2026-02-30")),
        "relations[0].date",
        "not a valid TIMEX3",
    ),
    "a timex value of week 53 in a 52-week year": (
        json.dumps({"doc_id": SEED_ID, "timexes": [{"start": 1, "end": 5, "value": "2025-W53"}]}),
        "timexes[0].value",
        "not a valid TIMEX3 value",
    ),
    "a word as date": (
        json.dumps(_rel(date="yesterday")),
        "relations[0].date",
        "not a valid TIMEX3",
    ),
    "a word as timex value": (
        json.dumps({"doc_id": SEED_ID, "timexes": [{"start": 1, "end": 5, "value": "yesterday"}]}),
        "timexes[0].value",
        "not a valid TIMEX3 value",
    ),
    "evidence out of range": (
        json.dumps(_rel(evidence=[99])),
        "relations[0].evidence",
        "sentence index 99 out of range",
    ),
    "an evidence index too large for a float to hold exactly": (
        f'{{"doc_id": "{SEED_ID}", "relations": [{{"type": "met", "arg1": "A", "arg2": "B", '
        '"evidence": [99999999999999999999999999]}]}',
        "relations[0].evidence",
        "sentence index too large",
    ),
    "5001-digit integer": (
        f'{{"doc_id": "{SEED_ID}", "mentions": [{{"start": 1{"0" * 5000}, "end": 5, '
        '"type": "PER"}]}',
        "",
        "invalid JSON",
    ),
    "100000-deep nesting": (
        f'{{"doc_id": "{SEED_ID}", "mentions": [{{"start": 1, "end": 5, "type": '
        + "[" * 100_000
        + "]" * 100_000
        + "}]}",
        # orjson 3.8 parses it and the type check names the field; newer orjson releases stop
        # at their depth limit: either way a located error on line 2
        ("mentions[0].type", ""),
        ("unknown type a list", "invalid JSON (depth limit exceeded"),
    ),
    "100000-deep nesting under relations": (
        f'{{"doc_id": "{SEED_ID}", "relations": ' + "[" * 100_000 + "]" * 100_000 + "}",
        # the quick parser recursed here (a traceback); the checking parser names the field,
        # or stops at orjson's depth limit
        ("relations[0]", ""),
        ("a relation must be an object", "invalid JSON (depth limit exceeded"),
    ),
    "a line of plain text": (
        "this is not json",
        "",
        "not JSON: each line must be one JSON object, {...}",
    ),
    "two documents parted by a lone carriage return": (
        f'{{"doc_id": "{SEED_ID}"}}\r{{"doc_id": "{SEED_ID}"}}',
        "",
        "the line holds a lone carriage return: save the file with LF (or CRLF) line ends",
    ),
    "a start of five thousand digits": (
        f'{{"doc_id": "{SEED_ID}", "mentions": [{{"start": {"9" * 5000}, "end": 3, '
        '"type": "PER"}]}',
        "",
        "is too large for any field: offsets and indices are integers below 2**31",
    ),
    "a byte-order mark before the line": (
        f'\ufeff{{"doc_id": "{SEED_ID}"}}',
        "",
        "the line starts with a byte-order mark (BOM); save it as UTF-8 without one",
    ),
    "lone surrogate in a name": (
        f'{{"doc_id": "{SEED_ID}", "relations": [{{"type": "met", "arg1": "A\\ud800", '
        '"arg2": "B"}]}',
        "",
        "invalid JSON",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_line_is_a_located_error(tmp_path: Path, case: str) -> None:
    """Each hostile or invalid line names line 2 (and the field), exits 2, no traceback; the
    same holds for --check, which used to pass a lone surrogate."""
    line, fields, messages = CASES[case]
    expected = list(
        zip(
            (fields,) if isinstance(fields, str) else fields,
            (messages,) if isinstance(messages, str) else messages,
            strict=True,
        )
    )
    path = _write(tmp_path / "bad.jsonl", ["", line])
    for extra in ([], ["--check"], ["-f", "json"]):
        run = _bench("score", str(path), *extra)
        assert 2 == run.returncode, run.stdout[-300:]
        assert any(
            ln.strip().startswith(f"{path}:2: {field}: " if field else f"{path}:2: ")
            and message in ln
            for field, message in expected
            for ln in run.stderr.splitlines()
        ), run.stderr
        assert "Traceback" not in run.stderr


def test_a_file_that_starts_with_a_byte_order_mark_is_told_so(tmp_path: Path) -> None:
    """A valid submission saved with a BOM (as some Windows editors save UTF-8) is refused
    with a message naming the BOM, exit 2 (the README promises it; it said "not JSON")."""
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (RULES / "predictions.jsonl").read_bytes())
    run = _bench("score", str(path))
    expected = f"{path}:1: the file starts with a byte-order mark (BOM); save it as UTF-8"
    assert (2, True) == (run.returncode, expected in run.stderr), run.stderr


def test_bad_utf8_names_its_line(tmp_path: Path) -> None:
    """Invalid UTF-8 on line 2 is reported at line 2 (it was line 0)."""
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'\n{"doc_id": "\xff"}\n')
    run = _bench("score", str(path))
    assert 2 == run.returncode
    assert f"{path}:2: not UTF-8" in run.stderr


def test_stdin_and_fifo_are_read(tmp_path: Path) -> None:
    """`-` reads the submission from standard input; a FIFO is read as a stream."""
    line = json.dumps({"doc_id": SEED_ID, "relations": []})
    run = _bench("score", "-", "-f", "json", stdin=line + "\n")
    assert 0 == run.returncode, run.stderr
    assert json.loads(run.stdout)["relations"]["untimed"]["tp"] == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmark", "score", str(fifo), "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with fifo.open("w") as f:
        f.write(line + "\n")
    out, err = proc.communicate(timeout=60)
    assert 0 == proc.returncode, err
    assert json.loads(out)["documents"] >= 1


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_an_output_to_a_named_pipe_goes_through_the_pipe(tmp_path: Path, fmt: str) -> None:
    """`-o PIPE` writes the report into the named pipe, which is still a pipe afterwards (a
    temporary file renamed over it replaced `/dev/null` with a plain file)."""
    import stat
    import threading

    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    run = _bench("score", str(RULES / "predictions.jsonl"), "-f", fmt, "-o", str(pipe))
    still_a_pipe = stat.S_ISFIFO(os.lstat(pipe).st_mode)
    if reader.is_alive() and still_a_pipe:  # nothing was written into it: let the reader go
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=60 if still_a_pipe else 0)
    assert (0, True) == (run.returncode, still_a_pipe), run.stderr
    assert b"relations" in b"".join(received)


def test_an_output_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    """`-o LINK` writes the file the link points to and leaves the link in place."""
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    run = _bench("score", str(RULES / "predictions.jsonl"), "-f", "json", "-o", str(link))
    assert (0, True) == (run.returncode, link.is_symlink()), run.stderr
    assert "relations" in json.loads(real.read_text(encoding="utf-8"))


def test_output_paths_that_cannot_work_are_refused(tmp_path: Path) -> None:
    """-o equal to the submission, a directory, or in a missing folder: exit 2, the
    submission untouched, no traceback; --seed -1 and --n-boot -1 likewise."""
    sub = _write(tmp_path / "p.jsonl", [{"doc_id": SEED_ID, "relations": []}])
    before = sub.read_bytes()
    for args in (
        ["-o", str(sub)],
        ["-o", str(tmp_path)],
        ["-o", str(tmp_path / "no" / "such" / "r.json")],
        ["--seed", "-1"],
        ["--n-boot", "-1"],
        ["--resample", "sentences"],
    ):
        run = _bench("score", str(sub), "-f", "json", *args)
        assert 2 == run.returncode, (args, run.stderr)
        assert "error:" in run.stderr and "Traceback" not in run.stderr
    assert before == sub.read_bytes()


def test_a_directory_is_not_reported_as_missing(tmp_path: Path) -> None:
    """A directory given as the submission says so (it said "no such file")."""
    run = _bench("score", str(tmp_path))
    assert 2 == run.returncode
    assert "is a directory" in run.stderr


def test_schema_command_prints_the_published_schemas() -> None:
    """`bench schema submission|report` prints valid JSON Schemas; an unknown name exits 2."""
    for name in ("submission", "report"):
        run = _bench("schema", name)
        assert 0 == run.returncode
        jsonschema.Draft202012Validator.check_schema(json.loads(run.stdout))
    assert 2 == _bench("schema", "nope").returncode


def test_shipped_submissions_follow_the_schema() -> None:
    """Every line of every shipped submission validates against the submission schema."""
    validator = jsonschema.Draft202012Validator(schema("submission"))
    root = Path(__file__).resolve().parent.parent / "submissions"
    files = sorted(root.glob("*/*.jsonl"))
    assert files
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not list(validator.iter_errors(json.loads(line))), path


# --------------------------------------------------------------------------- schema == reader

_KEYS = [
    "start",
    "end",
    "type",
    "entity",
    "text",
    "value",
    "arg1",
    "arg2",
    "date",
    "evidence",
    "strt",
    "x",
]
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 40),
    st.sampled_from([3.0, 2.5, "", "PER", "GPE", "DATE", "met", "named_envoy", "A", "2025", "c1"]),
)


def _objects() -> st.SearchStrategy[Any]:
    arg = st.one_of(
        st.sampled_from(["Ana", " ", ""]),
        st.fixed_dictionaries({"start": st.integers(0, 20), "end": st.integers(21, 40)}),
        st.fixed_dictionaries({"entity": st.sampled_from(["c1", 1, "", True])}),
        st.dictionaries(st.sampled_from(_KEYS), _SCALARS, max_size=3),
    )
    mention = st.dictionaries(st.sampled_from([*_KEYS[:5], "x"]), _SCALARS, max_size=5)
    timex = st.dictionaries(
        st.sampled_from(["start", "end", "type", "value", "text", "x"]), _SCALARS, max_size=5
    )
    relation = st.fixed_dictionaries(
        {"type": st.sampled_from(["met", "phoned", "called"]), "arg1": arg, "arg2": arg},
        optional={
            "date": st.sampled_from([None, "2025-12-11"]),
            "evidence": st.one_of(st.lists(st.integers(-1, 3), max_size=3), st.just("0")),
            "dat": st.just("2025"),
        },
    )
    return st.fixed_dictionaries(
        {"doc_id": st.just(SEED_ID)},
        optional={
            "mentions": st.one_of(st.lists(mention, max_size=3), st.just({})),
            "timexes": st.lists(timex, max_size=3),
            "relations": st.lists(relation, max_size=3),
            "relation": st.just([]),
        },
    )


@settings(max_examples=400, deadline=None)
@given(_objects())
def test_reader_accepts_what_the_schema_accepts(obj: dict[str, Any]) -> None:
    """Structurally (offsets within a long text, valid dates, entity references defined), the
    reader finds a problem exactly when the published schema rejects the line."""
    doc = next(d for d in load_documents() if d.id == SEED_ID)
    errors = _Collector("x", 1000)
    _parse_document(obj, 1, doc, errors)
    structural = [
        p
        for p in errors.problems
        if "out of range" not in p.message
        and "is not defined by this document" not in p.message
        and "not a valid TIMEX3" not in p.message
    ]
    valid = jsonschema.Draft202012Validator(schema("submission")).is_valid(obj)
    assert valid == (not structural), (obj, [str(p) for p in errors.problems])


def _near_valid_lines() -> st.SearchStrategy[Any]:
    """Lines that are mostly well formed: the quick parser's common case and its edges."""
    offsets = st.integers(-1, 60)
    mention = st.fixed_dictionaries(
        {"start": offsets, "end": offsets, "type": st.sampled_from(["PER", "GPE", "ORG", "X"])},
        optional={
            "entity": st.sampled_from(["c1", "c2", "", None]),
            "text": st.sampled_from(["Ana", None, 3]),
        },
    )
    timex = st.fixed_dictionaries(
        {"start": offsets, "end": offsets},
        optional={
            "type": st.sampled_from(["DATE", "TIME", "DURATION", "date"]),
            "value": st.sampled_from(["2025-12-11", "2025-W50", "P2D", "soon", None]),
        },
    )
    arg = st.one_of(
        st.sampled_from(["Ana", "", "Maduro"]),
        st.fixed_dictionaries({"entity": st.sampled_from(["c1", "c2", "c9"])}),
        st.fixed_dictionaries({"start": offsets, "end": offsets}),
    )
    relation = st.fixed_dictionaries(
        {"type": st.sampled_from(["met", "phoned", "sanctioned"]), "arg1": arg, "arg2": arg},
        optional={
            "date": st.sampled_from([None, "2025-12-11", "2025-13-01"]),
            "evidence": st.lists(st.integers(-1, 40), max_size=2),
        },
    )
    return st.fixed_dictionaries(
        {"doc_id": st.just(SEED_ID)},
        optional={
            "mentions": st.lists(mention, max_size=4),
            "timexes": st.lists(timex, max_size=3),
            "relations": st.lists(relation, max_size=3),
        },
    )


@settings(max_examples=400, deadline=None)
@given(st.one_of(_objects(), _near_valid_lines()))
def test_the_quick_line_parser_agrees_with_the_checking_one(obj: dict[str, Any]) -> None:
    """Whenever the scorer's quick parser (msgspec) accepts a line, it gives the document and
    the problems that the field-by-field parser gives."""
    doc = next(d for d in load_documents() if d.id == SEED_ID)
    raw = json.dumps(obj).encode()
    slow_errors = _Collector("x", 1000)
    quick = parse_line_fast(raw, 1, doc)
    if quick is None:
        return
    slow = _parse_document(json.loads(raw), 1, doc, slow_errors)
    assert (slow, []) == (quick, slow_errors.problems)


def test_the_quick_line_parser_takes_every_line_of_the_shipped_submissions() -> None:
    """Every line of the shipped baselines' test and contrast predictions (well formed) is
    parsed by the quick path, to the same document as the checking parser."""
    from benchmark.model import SPLITS

    docs = {d.id: d for split in SPLITS for d in load_documents(split=split)}
    lines = [
        line
        for path in sorted((REPO / "submissions").glob("*/*.jsonl"))
        for line in path.read_bytes().splitlines()
        if line.strip()
    ]
    assert lines
    for line in lines:
        gold = docs[json.loads(line)["doc_id"]]
        slow_errors = _Collector("x", 1000)
        quick = parse_line_fast(line, 1, gold)
        slow = _parse_document(json.loads(line), 1, gold, slow_errors)
        assert quick is not None
        assert (slow, []) == (quick, slow_errors.problems)


def test_a_truncated_line_is_located_at_its_end_and_reported_even_when_its_id_repeats(
    tmp_path: Path,
) -> None:
    """A line cut short and ending in a line break is an error at its last column; a second
    line for the same document that is cut short reports its broken JSON, not only the
    repetition."""
    cut = '{"doc_id": "' + SEED_ID + '", "mentions": [{"start": 91, "end"'
    one = _write(tmp_path / "one.jsonl", [cut])
    run = _bench("score", str(one))
    assert 2 == run.returncode
    assert f"one.jsonl:1: invalid JSON (unexpected end of data at column {len(cut) + 1})" in (
        run.stderr
    )
    two = _write(tmp_path / "two.jsonl", [{"doc_id": SEED_ID}, cut])
    run = _bench("score", str(two))
    assert 2 == run.returncode
    assert "two.jsonl:2: invalid JSON" in run.stderr
    assert "Traceback" not in run.stderr


def test_an_output_beside_the_gold_folders_of_a_data_root_given_by_gold_is_written(
    data_root: Path,
) -> None:
    """With `--gold ROOT`, a report in ROOT itself (beside annotations/ and seeds/, where a
    corpus keeps its submission) is written, as it is with the shipped gold; one inside
    ROOT/annotations/ is still refused, with exit 2 and nothing written."""
    rules = str(RULES / "predictions.jsonl")
    beside, inside = data_root / "report.json", data_root / "annotations" / "report.json"
    gold = ["--gold", str(data_root)]
    written = _bench("score", rules, *gold, "-f", "json", "-o", str(beside))
    refused = _bench("score", rules, *gold, "-f", "json", "-o", str(inside))
    assert (0, True, 2, False) == (
        written.returncode,
        beside.is_file(),
        refused.returncode,
        inside.exists(),
    ), written.stderr + refused.stderr


def test_an_output_inside_any_data_roots_gold_folder_is_refused(data_root: Path) -> None:
    """`-o` into `annotations/<split>/` or `seeds/<split>/` of a data root other than the one
    scored is refused with exit 2 and nothing written (it replaced a gold file before)."""
    gold_file = data_root / "annotations" / "test" / f"{SEED_ID}.jsonl"
    before = gold_file.read_bytes()
    for target in (gold_file, data_root / "seeds" / "dev" / "report.json"):
        run = _bench("score", str(RULES / "predictions.jsonl"), "-f", "json", "-o", str(target))
        assert 2 == run.returncode, run.stderr
        assert "lies inside the gold folder" in run.stderr
    assert (before, False) == (
        gold_file.read_bytes(),
        (data_root / "seeds" / "dev" / "report.json").exists(),
    )


_ARGUMENT_FORMS = [
    ("Ana", True),
    (" ", False),
    ({"entity": "c1"}, True),
    ({"entity": "c9"}, False),  # no such cluster on the line
    ({"entity": ""}, False),
    ({"entity": 1}, False),  # an integer id: the checking parser's business
    ({"entity": "c1", "text": None}, False),
    ({"entity": "c1", "start": 0}, False),
    ({"start": 0, "end": 3}, True),
    ({"start": 0, "end": 3, "text": "Ana"}, True),
    ({"start": 0, "end": 3, "text": None}, True),
    ({"start": 0, "end": 3, "text": 3}, False),
    ({"start": 0}, False),
    ({"end": 3}, False),
    ({"start": 3, "end": 3}, False),
    ({"start": -1, "end": 3}, False),
    ({"start": 0, "end": 10**9}, False),
    ({"start": 0.0, "end": 3}, False),
    ({"text": "Ana"}, False),
    ({}, False),
    ({"start": 0, "end": 3, "x": 1}, False),
    (None, False),
    ([0, 3], False),
]


def _check_quick_parser_takes(line: dict[str, Any], taken: bool) -> None:
    """The quick parser takes ``line`` (of the seed document) exactly when ``taken``, and then
    gives the document of the checking parser, which finds no problem."""
    doc = next(d for d in load_documents() if d.id == SEED_ID)
    slow_errors = _Collector("x", 1000)
    quick = parse_line_fast(json.dumps(line).encode(), 1, doc)
    slow = _parse_document(line, 1, doc, slow_errors)
    if taken:
        assert (slow, []) == (quick, slow_errors.problems)
    else:
        assert quick is None


@pytest.mark.parametrize(("arg", "taken"), _ARGUMENT_FORMS)
def test_the_quick_line_parser_takes_exactly_the_plain_well_formed_arguments(
    arg: Any, taken: bool
) -> None:
    """A relation argument is taken by the quick parser when it is a name that is not blank, a
    span inside the text (with or without a text) or a reference to a cluster of the line's
    mentions, and then gives what the checking parser gives; any other argument sends the line
    to the checking parser."""
    line = {
        "doc_id": SEED_ID,
        "mentions": [{"start": 0, "end": 3, "type": "PER", "entity": "c1"}],
        "relations": [{"type": "met", "arg1": "Maduro", "arg2": arg}],
    }
    _check_quick_parser_takes(line, taken)


@pytest.mark.parametrize(
    ("fields", "taken"),
    [
        ({}, True),
        ({"date": "2025-12-11", "evidence": [2, 0, 2]}, True),
        ({"date": None, "evidence": None}, True),
        ({"evidence": []}, True),
        ({"date": ""}, False),
        ({"date": "2025-13-01"}, False),
        ({"date": 2025}, False),
        ({"evidence": [-1]}, False),
        ({"evidence": [10**6]}, False),
        ({"evidence": [1.0]}, False),
        ({"evidence": [True]}, False),
        ({"type": "called"}, False),
        ({"dat": "2025"}, False),
    ],
)
def test_the_quick_line_parser_takes_exactly_the_plain_well_formed_relations(
    fields: dict[str, Any], taken: bool
) -> None:
    """A relation is taken by the quick parser when its type is a relation type, its date a
    valid TIMEX3 date or null and its evidence indices of existing sentences, and then gives
    what the checking parser gives (evidence sorted, repeats dropped); any other relation
    sends the line to the checking parser."""
    line = {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": "Ana", "arg2": "Maduro"}]}
    line["relations"][0].update(fields)
    _check_quick_parser_takes(line, taken)


def test_a_missing_seed_text_is_named_in_every_format_not_blamed_on_the_output(
    data_root: Path, tmp_path: Path
) -> None:
    """A gold document whose seed text is gone is reported with the seed file's path, exit 2,
    in the table and in JSON (which used to say the output file could not be written)."""
    text = data_root / "seeds" / "test" / f"{SEED_ID}.txt"
    text.unlink()
    out = tmp_path / "report.json"
    rules = str(RULES / "predictions.jsonl")
    for extra in ([], ["-f", "json", "-o", str(out)], ["-f", "json"]):
        run = _bench("score", rules, "--gold", str(data_root), *extra)
        assert 2 == run.returncode, run.stderr
        assert str(text) in run.stderr
        assert "cannot write" not in run.stderr
        assert "Traceback" not in run.stderr
    assert not out.exists()
