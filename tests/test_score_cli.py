"""`bench score` and `bench compare` end to end: output formats, the JSON contract, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmark.model import load_documents
from benchmark.scoring import MIN_UNITS
from benchmark.submission import document_to_json, submission_from_documents
from tests.conftest import mark_unreviewed, point_first_mention_at, refusal
from tests.conftest import run_bench as _bench

REPO = Path(__file__).resolve().parent.parent

SEED_ID = "000_8dbbdfc2a546922b"


def _write(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    sub = submission_from_documents(load_documents())
    return _write(tmp_path / "gold.jsonl", [document_to_json(d) for d in sub.documents.values()])


def test_json_output_follows_the_contract(gold_file: Path) -> None:
    """The JSON report has the contract's keys and SCORE shape; the gold scores 1.0."""
    run = _bench("score", str(gold_file), "--format", "json")
    assert 0 == run.returncode, run.stderr
    report = json.loads(run.stdout)
    top = {
        "schema_version",
        "dataset_version",
        "guidelines_version",
        "documents",
        "relations",
        "mentions",
        "timexes",
        "errors",
    }
    assert top <= set(report)
    assert 1 == report["schema_version"]
    score_keys = {"precision", "recall", "f1", "tp", "fp", "fn", "ci95"}
    for layer in ("untimed", "timed", "evidence"):
        assert score_keys == set(report["relations"][layer])
    assert {"phoned", "met", "sanctioned", "named_envoy"} == set(report["relations"]["per_type"])
    assert {"strict", "exact", "partial", "type", "per_type"} == set(report["mentions"])
    assert {"strict", "relaxed", "value", "value_accuracy", "type_accuracy"} == set(
        report["timexes"]
    )
    assert 1.0 == report["relations"]["timed"]["f1"]


def test_missing_layers_are_null_and_missing_documents_warn(tmp_path: Path) -> None:
    """A relations-only line gives null mentions/timexes; a line with the document id only
    warns nothing is submitted; an empty file is an error (it used to exit 0)."""
    path = _write(tmp_path / "p.jsonl", [{"doc_id": SEED_ID, "relations": []}])
    report = json.loads(_bench("score", str(path), "-f", "json").stdout)
    assert (None, None) == (report["mentions"], report["timexes"])
    bare = _write(tmp_path / "bare.jsonl", [{"doc_id": SEED_ID}])
    report = json.loads(_bench("score", str(bare), "-f", "json").stdout)
    assert (None, None, None) == (report["relations"], report["mentions"], report["timexes"])
    empty = _write(tmp_path / "empty.jsonl", [])
    run = _bench("score", str(empty), "-f", "json")
    assert 2 == run.returncode
    assert "the submission is empty" in run.stderr


def test_false_negatives_carry_their_evidence_text(tmp_path: Path) -> None:
    """Each false negative in the JSON names its gold relation and quotes its evidence."""
    path = _write(tmp_path / "p.jsonl", [{"doc_id": SEED_ID, "relations": []}])
    report = json.loads(_bench("score", str(path), "-f", "json").stdout)
    fn = {f["gold_id"]: f for f in report["errors"]["false_negatives"] if f["doc_id"] == SEED_ID}
    assert "Mr Maduro told Mr Trump in a phone call on Nov 21" in fn["r2"]["evidence_text"]


def test_table_fits_80_columns(gold_file: Path) -> None:
    """The default table has no line longer than 80 characters."""
    run = _bench("score", str(gold_file))
    assert 0 == run.returncode
    assert max(len(line) for line in run.stdout.splitlines()) <= 80


def test_markdown_and_output_file(gold_file: Path, tmp_path: Path) -> None:
    """--format markdown --output FILE writes a Markdown table to the file."""
    out = tmp_path / "score.md"
    run = _bench("score", str(gold_file), "-f", "markdown", "-o", str(out))
    assert 0 == run.returncode
    assert "| relations timed | 100.0 | 100.0 | 100.0 |" in out.read_text(encoding="utf-8")


def test_check_only_validates(gold_file: Path) -> None:
    """--check reports a valid file and scores nothing."""
    run = _bench("score", "--check", str(gold_file))
    count = len(load_documents())
    assert (0, f"OK: {gold_file} is a valid submission ({count} document(s)).") == (
        run.returncode,
        run.stdout.strip(),
    )


BAD_LINES: dict[str, tuple[Any, str, str]] = {
    "bad JSON": ('{"doc_id": ', "", "invalid JSON"),
    "not an object": ("[1, 2]", "", "each line must be a JSON object"),
    "missing doc_id": ({"mentions": []}, "doc_id", "required field is missing"),
    "unknown doc_id": ({"doc_id": "nope"}, "doc_id", "unknown doc_id 'nope'"),
    "wrong offset type": (
        {"doc_id": SEED_ID, "mentions": [{"start": "91", "end": 97, "type": "PER"}]},
        "mentions[0].start",
        "start must be an integer, not '91'",
    ),
    "a JSON true as an offset, named as JSON spells it": (
        {"doc_id": SEED_ID, "mentions": [{"start": True, "end": 97, "type": "PER"}]},
        "mentions[0].start",
        "start must be an integer, not true",
    ),
    "mention without end": (
        {"doc_id": SEED_ID, "mentions": [{"start": 91, "type": "PER"}]},
        "mentions[0].end",
        "required field is missing",
    ),
    "timex without end": (
        {"doc_id": SEED_ID, "timexes": [{"start": 147, "type": "DATE"}]},
        "timexes[0].end",
        "required field is missing",
    ),
    "span argument without start": (
        {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": {"end": 97}, "arg2": "B"}]},
        "relations[0].arg1.start",
        "required field is missing",
    ),
    "offset too large for an integer": (
        f'{{"doc_id": "{SEED_ID}", "mentions": [{{"start": 99999999999999999999999999999999, '
        '"end": 97, "type": "PER"}]}',
        "mentions[0].start",
        "must be an integer between 0 and the text length",
    ),
    "unknown mention type": (
        {"doc_id": SEED_ID, "mentions": [{"start": 91, "end": 97, "type": "PERSON"}]},
        "mentions[0].type",
        "unknown type 'PERSON'",
    ),
    "offset out of range": (
        {"doc_id": SEED_ID, "timexes": [{"start": 147, "end": 99999, "type": "DATE"}]},
        "timexes[0].end",  # the end is what lies past the text
        "out of range",
    ),
    "end before start": (
        {"doc_id": SEED_ID, "mentions": [{"start": 97, "end": 91, "type": "PER"}]},
        "mentions[0].start",
        "need 0 <= start < end",
    ),
    "unknown relation type": (
        {"doc_id": SEED_ID, "relations": [{"type": "called", "arg1": "A", "arg2": "B"}]},
        "relations[0].type",
        "unknown type 'called'",
    ),
    "argument of a wrong kind": (
        {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": 7, "arg2": "B"}]},
        "relations[0].arg1",
        "an argument must be a name string",
    ),
    "undefined entity reference": (
        {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": {"entity": "c9"}, "arg2": "B"}]},
        "relations[0].arg1.entity",
        "entity 'c9' is not defined",
    ),
    "date of a wrong type": (
        {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": "A", "arg2": "B", "date": 5}]},
        "relations[0].date",
        "date must be a TIMEX3 value string",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_malformed_submission_exits_2_with_a_located_message(tmp_path: Path, case: str) -> None:
    """Each class of malformed input names line 2 and the field, exits 2, shows no traceback."""
    line, field, message = BAD_LINES[case]
    path = _write(tmp_path / "bad.jsonl", ["", line])
    run = _bench("score", str(path))
    assert 2 == run.returncode
    where = f"{path}:2: {field}: " if field else f"{path}:2: "
    assert any(ln.strip().startswith(where) and message in ln for ln in run.stderr.splitlines()), (
        run.stderr
    )
    assert "Traceback" not in run.stderr


def test_duplicate_doc_id_names_both_lines(tmp_path: Path) -> None:
    """A second line for the same document is an error that points at the first."""
    path = _write(tmp_path / "dup.jsonl", [{"doc_id": SEED_ID}, {"doc_id": SEED_ID}])
    run = _bench("score", str(path))
    assert 2 == run.returncode
    assert f"{path}:2: doc_id: duplicate doc_id '{SEED_ID}' (first on line 1)" in run.stderr


def test_all_errors_are_reported_at_once(tmp_path: Path) -> None:
    """Three bad lines give three located messages in one run."""
    path = _write(tmp_path / "bad.jsonl", ["{", {"doc_id": 3}, {"doc_id": "x"}])
    run = _bench("score", str(path))
    located = [ln for ln in run.stderr.splitlines() if ln.strip().startswith(f"{path}:")]
    assert [f"{path}:{i}" for i in (1, 2, 3)] == [ln.strip().split(": ")[0] for ln in located]


def test_missing_file_and_bad_format_are_usage_errors(gold_file: Path) -> None:
    """A submission that does not exist, or an unknown --format, exits 2 with a message."""
    run = _bench("score", "no/such.jsonl")
    assert (2, "error: no/such.jsonl: no such submission file") == (
        run.returncode,
        run.stderr.strip(),
    )
    run = _bench("score", str(gold_file), "--format", "yaml")
    assert 2 == run.returncode
    assert "--format must be table, json or markdown" in run.stderr


def test_compare_identical_systems_has_p_value_one(gold_file: Path) -> None:
    """A system compared with itself differs by 0 with p = 1; where the test split has fewer
    documents (or scored tuples) than the stated minimum, p is null with a warning (it was 0.000
    on one document before issue 11)."""
    rules = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "contrast.jsonl"
    run = _bench("compare", str(rules), str(rules), "-f", "json", "--split", "contrast")
    assert 0 == run.returncode, run.stderr
    row = json.loads(run.stdout)["metrics"]["relations.timed"]
    assert (0.0, 1.0) == (row["delta"], row["p_value"])
    docs = load_documents()
    tuples = {
        (d.id, r.type, *sorted((r.arg1, r.arg2)), r.date)
        if r.type in ("phoned", "met")
        else (d.id, r.type, r.arg1, r.arg2, r.date)
        for d in docs
        for r in d.relations
        if r.realis == "actual"
    }
    for unit, units in (("documents", len(docs)), ("items", len(tuples))):
        run = _bench("compare", str(gold_file), str(gold_file), "-f", "json", "--resample", unit)
        result = json.loads(run.stdout)
        p_value = result["metrics"]["relations.timed"]["p_value"]
        if units < MIN_UNITS:
            assert p_value is None
            assert any("fewer than" in w for w in result["warnings"])
        else:
            assert 1.0 == p_value


def test_gold_option_accepts_an_annotations_folder(gold_file: Path) -> None:
    """--gold annotations/ scores against that folder's data root."""
    root = Path(__file__).resolve().parent.parent
    run = _bench("score", str(gold_file), "--gold", str(root / "annotations"), "-f", "json")
    assert 1.0 == json.loads(run.stdout)["relations"]["untimed"]["f1"]


def test_score_refuses_unreviewed_gold_unless_allowed(data_root: Path, gold_file: Path) -> None:
    """Draft gold (status unreviewed) is refused with exit 2 naming the document; with
    --allow-unreviewed it is scored and the report's first warning says so."""
    path = data_root / "annotations" / "test" / "000_8dbbdfc2a546922b.jsonl"
    mark_unreviewed(path)
    run = _bench("score", str(gold_file), "--gold", str(data_root), "-f", "json")
    assert 2 == run.returncode and "Traceback" not in run.stderr
    assert "1 unreviewed document(s) (000_8dbbdfc2a546922b)" in run.stderr
    run = _bench(
        "score", str(gold_file), "--gold", str(data_root), "-f", "json", "--allow-unreviewed"
    )
    assert 0 == run.returncode, run.stderr
    warning = json.loads(run.stdout)["warnings"][0]
    assert warning.startswith("scored against 1 unreviewed gold document(s)")


def test_a_draft_whose_document_record_is_not_the_first_line_is_still_refused(
    data_root: Path, gold_file: Path
) -> None:
    """The draft check reads the first line; a file whose document record comes later (which
    bench validate flags) was scored as reviewed."""
    path = data_root / "annotations" / "test" / "000_8dbbdfc2a546922b.jsonl"
    mark_unreviewed(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[1:] + lines[:1]), encoding="utf-8")
    run = _bench("score", str(gold_file), "--gold", str(data_root), "-f", "json")
    assert (2, True) == (run.returncode, "1 unreviewed document(s)" in run.stderr), run.stderr


def test_a_broken_gold_record_is_named_with_its_file_line(data_root: Path, gold_file: Path) -> None:
    """`bench score` against gold whose mention names no entity points at that record's line
    of the annotation file (it named the record only), exit 1, no traceback."""
    path = data_root / "annotations" / "test" / "000_8dbbdfc2a546922b.jsonl"
    number, mention = point_first_mention_at(path, "e999")
    run = _bench("score", str(gold_file), "--gold", str(data_root))
    expected = f"{path}:{number}: mention {mention}.entity: no entity 'e999'"
    assert (1, True, False) == refusal(run, expected), run.stderr


def test_a_gold_line_written_twice_and_a_document_id_of_another_file_are_refused(
    data_root: Path, gold_file: Path
) -> None:
    """A mention line duplicated in the gold (it would count as a second gold mention) and a
    document record whose id is not the file's are named with their lines, exit 1 (both were
    scored without a word)."""
    path = data_root / "annotations" / "test" / "000_8dbbdfc2a546922b.jsonl"
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    number = next(i for i, x in enumerate(lines, 1) if '"record": "mention"' in x)
    mention = json.loads(lines[number - 1])["id"]
    path.write_text("".join([*lines[:number], *lines[number - 1 :]]), encoding="utf-8")
    run = _bench("score", str(gold_file), "--gold", str(data_root))
    expected = f"{path}:{number + 1}: mention {mention}: another record has this id too"
    assert (1, True, False) == refusal(run, expected), run.stderr
    # the item test of bench compare reads the gold whole, by another path: refused alike
    run = _bench(
        "compare", str(gold_file), str(gold_file), "--gold", str(data_root), "--resample", "items"
    )
    expected = f"document {SEED_ID}: mention {mention}: another record has this id too"
    assert (1, True, False) == refusal(run, expected), run.stderr
    header = json.loads(lines[0])
    header["id"] = "000_another"
    path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    run = _bench("score", str(gold_file), "--gold", str(data_root))
    expected = (
        f"{path}:1: document.id: '000_another', but the file is the annotation file of "
        "'000_8dbbdfc2a546922b'"
    )
    assert (1, True, False) == refusal(run, expected), run.stderr


@pytest.mark.parametrize("kind", ["relation", "sentence"])
def test_a_relation_id_given_twice_or_a_sentence_written_twice_is_refused(
    data_root: Path, gold_file: Path, kind: str
) -> None:
    """A relation record copied with another date (the same id, other content: it changed the
    timed score) and a sentence line written twice are refused, named at the copy."""
    path = data_root / "annotations" / "test" / "000_8dbbdfc2a546922b.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, x in enumerate(lines, 1) if f'"record": "{kind}"' in x)
    record = json.loads(lines[number - 1])
    copy = dict(record, date="1999-01-01") if kind == "relation" else record
    lines.insert(number, json.dumps(copy) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    run = _bench("score", str(gold_file), "--gold", str(data_root))
    expected = (
        f"{path}:{number + 1}: relation {record['id']}: another record has this id too"
        if kind == "relation"
        else f"{path}:{number + 1}: sentence {record['index']}: a second sentence record with "
        "this index"
    )
    assert (1, True, False) == refusal(run, expected), run.stderr


def test_score_refuses_unreviewed_gold_of_a_built_folder(
    data_root: Path, gold_file: Path, tmp_path: Path
) -> None:
    """A built folder holding draft gold is refused like the annotation files, naming the
    document; with --allow-unreviewed the report's first warning says so."""
    path = data_root / "annotations" / "test" / "000_8dbbdfc2a546922b.jsonl"
    mark_unreviewed(path)
    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(data_root), "--out", str(built)).returncode
    run = _bench("score", str(gold_file), "--gold", str(built))
    assert 2 == run.returncode and "Traceback" not in run.stderr
    assert "1 unreviewed document(s) (000_8dbbdfc2a546922b)" in run.stderr
    run = _bench("score", str(gold_file), "--gold", str(built), "-f", "json", "--allow-unreviewed")
    assert 0 == run.returncode, run.stderr
    warning = json.loads(run.stdout)["warnings"][0]
    assert warning.startswith("scored against 1 unreviewed gold document(s)")


def test_compare_records_the_split_and_the_gold_versions_as_score_does() -> None:
    """bench compare's JSON names the split and the dataset and guidelines versions of the
    manifest, whichever the resampling unit, and its table says them too."""
    manifest = json.loads((REPO / "annotations" / "manifest.json").read_text(encoding="utf-8"))
    expected = ("contrast", manifest["dataset_version"], manifest["guidelines_version"])
    rules = REPO / "submissions" / "rules" / "contrast.jsonl"
    for unit in ("documents", "items"):
        run = _bench(
            "compare",
            str(rules),
            str(rules),
            "-f",
            "json",
            "--split",
            "contrast",
            "--resample",
            unit,
            "--n-boot",
            "9",
        )
        assert 0 == run.returncode, run.stderr
        result = json.loads(run.stdout)
        assert expected == (
            result["split"],
            result["dataset_version"],
            result["guidelines_version"],
        )
    table = _bench("compare", str(rules), str(rules), "--split", "contrast", "--n-boot", "9")
    assert f"of split contrast; dataset {expected[1]}, guidelines {expected[2]})" in table.stdout, (
        table.stdout
    )


def test_compare_markdown_is_a_table_of_the_json_figures() -> None:
    """`bench compare -f markdown` (offered by --help) is a Markdown table whose rows hold the
    JSON result's F1s, difference and p-value (it printed the plain-text table)."""
    a, b = (REPO / "submissions" / s / "dev.jsonl" for s in ("rules", "learned"))
    args = ("compare", str(a), str(b), "--split", "dev", "--n-boot", "99")
    result = json.loads(_bench(*args, "-f", "json").stdout)
    run = _bench(*args, "-f", "markdown")
    assert 0 == run.returncode, run.stderr
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in run.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| metric")
    ]
    expected = [
        [
            m["label"],
            f"{100 * m['a']:.1f}",
            f"{100 * m['b']:.1f}",
            f"{100 * m['delta']:+.1f}",
            f"{m['p_value']:.4f}",
        ]
        for m in result["metrics"].values()
    ]
    assert expected == rows


def test_compare_refuses_standard_input_for_both_submissions() -> None:
    """`bench compare - -` exits 2 saying standard input can be read only once (it was a
    traceback on a closed file)."""
    rules = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "predictions.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "benchmark", "compare", "-", "-"],
        input=rules.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (2, "error: A and B are both standard input (-): it can be read only once") == (
        run.returncode,
        run.stderr.strip(),
    )


def test_a_document_of_another_split_is_named_with_the_split_that_scores_it(
    data_root: Path, tmp_path: Path
) -> None:
    """Scoring a test-split line with --split dev says the document is of the test split and
    to use --split test, instead of "not in the gold"."""
    path = _write(tmp_path / "sub.jsonl", [{"doc_id": SEED_ID}])
    run = _bench("score", "--split", "dev", "--gold", str(data_root), str(path))
    assert 2 == run.returncode
    assert (
        f"{path}:1: doc_id: unknown doc_id '{SEED_ID}': it is a document of the test split "
        "(this run scores the dev split); use --split test"
    ) in run.stderr
    assert "not in the gold" not in run.stderr


def test_a_broken_line_of_another_splits_document_is_named_as_broken(tmp_path: Path) -> None:
    """A line that names a dev document but is not JSON is "invalid JSON" whatever split is
    scored (it was called an unknown doc_id of the dev split when scoring test)."""
    path = tmp_path / "sub.jsonl"
    path.write_text('{"doc_id": "dev-001"}\n{"doc_id": "dev-002", "mentions": [\n', "utf-8")
    for split in ("test", "dev"):
        run = _bench("score", str(path), "--split", split)
        assert (2, True, False) == refusal(run, f"{path}:2: invalid JSON"), run.stderr
        assert "unknown doc_id 'dev-002'" not in run.stderr, run.stderr


def test_a_submission_of_another_split_gets_one_line_not_one_per_document(tmp_path: Path) -> None:
    """The shipped dev submission scored, compared (either unit) or reported without --split
    gives one problem that counts its documents and names the split, not a line per document
    (bench report and the item test said "not in the gold", without the split)."""
    dev = REPO / "submissions" / "rules" / "dev.jsonl"
    n = sum(1 for line in dev.read_text(encoding="utf-8").splitlines() if line.strip())
    expected = (
        f"{dev}:1: doc_id: all {n} lines (from line 1 on) name documents of the dev split (this "
        "run scores the test split); use --split dev"
    )
    runs = (
        _bench("score", str(dev)),
        _bench("compare", str(dev), str(dev)),
        _bench("compare", str(dev), str(dev), "--resample", "items"),
        _bench("report", str(dev), "--out", str(tmp_path / "r.html")),
    )
    for run in runs:
        assert (2, True, False) == refusal(run, expected), run.stderr
        heading = f"error: {dev}: invalid submission (its {n} documents are of the dev split)"
        assert [heading, expected] == [x.strip() for x in run.stderr.strip().splitlines()]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [{"doc_id": "dev-001"}, {"doc_id": "nowhere"}],
            [
                ":1: doc_id: unknown doc_id 'dev-001': it is a document of the dev split",
                ":2: doc_id: unknown doc_id 'nowhere': not in the gold",
            ],
        ),
        (
            [{"doc_id": SEED_ID}, {"doc_id": "dev-001"}, {"doc_id": "dev-002"}],
            [":2: doc_id: 2 lines (from line 2 on) name documents of the dev split"],
        ),
        (
            [{"doc_id": "dev-001"}, {"doc_id": "dev-001"}],
            [":1: doc_id: all 2 lines (from line 1 on) name documents of the dev split"],
        ),
    ],
    ids=["and one of no split", "and one scored", "one twice"],
)
def test_lines_of_another_split_are_one_problem_beside_the_others(
    tmp_path: Path, lines: list[dict[str, str]], expected: list[str]
) -> None:
    """The lines naming documents of another split are one problem (the line itself when
    there is one), beside every other problem of the file."""
    path = _write(tmp_path / "sub.jsonl", lines)
    run = _bench("score", str(path))
    assert 2 == run.returncode
    named = [line.strip().removeprefix(str(path)) for line in run.stderr.splitlines()[1:]]
    assert len(expected) == len(named), run.stderr
    assert [True] * len(expected) == [
        n.startswith(e) for e, n in zip(expected, named, strict=True)
    ], run.stderr


def test_a_problem_past_many_lines_of_another_split_is_still_shown(tmp_path: Path) -> None:
    """The shipped dev submission with a broken line after its 126 documents, scored without
    --split: one line for the dev documents and the broken line named (it was the 127th
    problem, past the 50 shown)."""
    dev = (REPO / "submissions" / "rules" / "dev.jsonl").read_text(encoding="utf-8")
    path = tmp_path / "sub.jsonl"
    path.write_text(dev + '{"doc_id": "dev-001", "mentions": [\n', encoding="utf-8")
    n = sum(1 for line in dev.splitlines() if line.strip())
    run = _bench("score", str(path))
    assert [
        f"error: {path}: invalid submission (2 problem(s))",
        f"{path}:1: doc_id: {n} lines (from line 1 on) name documents of the dev split (this "
        "run scores the test split); use --split dev",
        f"{path}:{n + 1}: invalid JSON (unexpected end of data at column 36)",
    ] == [line.strip() for line in run.stderr.splitlines()]


def test_compare_suggests_item_resampling_only_for_the_relation_metrics() -> None:
    """On too few documents, `bench compare` suggests --resample items in the warnings of the
    relation metrics only, since item pairing is defined for relation tuples alone."""
    subs = Path(__file__).resolve().parent.parent / "submissions"
    a, b = subs / "rules" / "predictions.jsonl", subs / "cooccurrence" / "predictions.jsonl"
    assert len(load_documents()) < MIN_UNITS  # the test split: a document-level test is off
    run = _bench("compare", str(a), str(b), "-f", "json")
    assert 0 == run.returncode, run.stderr
    warnings = json.loads(run.stdout)["warnings"]
    suggesting = sorted(w.split(":")[0] for w in warnings if "--resample items" in w)
    assert [
        "no p-value for relations timed F1",
        "no p-value for relations untimed F1",
    ] == suggesting
    assert 4 == sum("fewer than" in w for w in warnings)


def test_problems_of_several_lines_are_listed_in_line_order(tmp_path: Path) -> None:
    """Problems on lines 1, 2 and 3 are printed as lines 1, 2, 3 (then by field, indices as
    numbers), although the reader finds the unknown doc_id of line 2 first and reads the
    documents in gold order (dev-001, on line 3, before dev-002, on line 1)."""
    bad = {"start": "x", "end": 5, "type": "PER"}
    lines = [
        {"doc_id": "dev-002", "mentions": [{"start": 0, "end": 1, "type": "PER"}] * 2 + [bad] * 9},
        {"doc_id": "nope"},
        {"doc_id": "dev-001", "mentions": [bad]},
    ]
    path = _write(tmp_path / "sub.jsonl", lines)
    run = _bench("score", "--split", "dev", "--check", str(path))
    assert 2 == run.returncode
    located = [ln.strip() for ln in run.stderr.splitlines() if ln.strip().startswith(f"{path}:")]
    where = [ln[len(str(path)) + 1 :].split(": ")[:2] for ln in located]
    expected = [["1", f"mentions[{i}].start"] for i in range(2, 11)]
    assert [*expected, ["2", "doc_id"], ["3", "mentions[0].start"]] == where


def test_readme_gives_a_submission_line_that_pastes_into_a_valid_file(tmp_path: Path) -> None:
    """The README's wrapped submission example is labelled as wrapped, and its ```jsonl block
    is one line that `bench score --check` accepts as a file, as pasted."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Submission format.**", 1)[1].split("**Argument resolution.**")[0]
    assert "wrapped here for reading" in section
    block = section.split("```jsonl\n", 1)[1].split("```", 1)[0]
    assert 1 == len(block.splitlines())
    path = tmp_path / "pasted.jsonl"
    path.write_text(block, encoding="utf-8")
    run = _bench("score", "--check", str(path))
    assert 0 == run.returncode, run.stderr


def test_a_document_without_an_annotation_file_is_named_in_a_warning(data_root: Path) -> None:
    """A dev document whose annotation file is missing is not scored, its submission line is
    passed over, and `bench score` says so in a warning naming it (it used to leave it out
    silently)."""
    (data_root / "annotations" / "dev" / "dev-002.jsonl").unlink()
    dev = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "dev.jsonl"
    run = _bench("score", str(dev), "--split", "dev", "--gold", str(data_root), "-f", "json")
    assert 0 == run.returncode, run.stderr
    report = json.loads(run.stdout)
    expected = (
        "1 document(s) of the dev split have no annotation file and were not scored (dev-002): "
        "bench validate names them"
    )
    assert (expected, len(load_documents(split="dev")) - 1) == (
        report["warnings"][0],
        report["documents"],
    )


def test_an_annotation_file_without_a_metadata_line_is_named_not_dropped(
    data_root: Path, tmp_path: Path
) -> None:
    """A dev annotation file whose metadata line is gone: a submission without the document
    gets a warning naming it (it used to vanish from the gold in silence), and one with it
    is refused with a message that blames the gold, not the submission."""
    meta = data_root / "seeds" / "dev" / "metadata.jsonl"
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    meta.write_text("".join(x for x in lines if '"dev-005"' not in x), encoding="utf-8")
    dev = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "dev.jsonl"
    part = tmp_path / "part.jsonl"
    part.write_text(
        "".join(
            x
            for x in dev.read_text(encoding="utf-8").splitlines(keepends=True)
            if '"dev-005"' not in x
        ),
        encoding="utf-8",
    )
    common = ["--split", "dev", "--gold", str(data_root), "--n-boot", "0", "-f", "json"]
    run = _bench("score", str(part), *common)
    assert 0 == run.returncode, run.stderr
    expected = (
        "1 annotation file(s) of the dev split have no line in the split's metadata and were "
        "not scored (dev-005): bench validate names them"
    )
    assert expected == json.loads(run.stdout)["warnings"][0]
    run = _bench("score", str(dev), *common)
    assert 2 == run.returncode
    assert "dev-005': the gold has an annotation file for it but no line" in run.stderr


def test_a_relation_date_with_a_time_of_day_gets_a_warning(tmp_path: Path) -> None:
    """A submission whose dated relations carry a time of day (valid TIMEX3, finer than any
    gold relation date) is scored with a warning that counts them; its timed true positives
    fall but its lenient timed score is unchanged (before: no word of why the dates never
    matched)."""
    rules = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "predictions.jsonl"
    lines = [json.loads(x) for x in rules.read_text(encoding="utf-8").splitlines()]
    changed: list[str] = []
    for line in lines:
        for rel in line.get("relations") or ():
            if rel.get("date") and len(rel["date"]) == 10:
                rel["date"] += "T10:00"
                changed.append(rel["date"])
    dated = len(changed)
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    before = json.loads(_bench("score", str(rules), "-f", "json", "--n-boot", "0").stdout)
    run = _bench("score", str(path), "-f", "json", "--n-boot", "0")
    assert 0 == run.returncode, run.stderr
    after = json.loads(run.stdout)
    expected = (
        f"{dated} predicted relation date(s) carry a time of day (the first: {changed[0]}); "
        "no gold relation date is finer than a day (guidelines §6.4), so they match only under "
        "the lenient date"
    )
    assert dated > 0 and expected in after["warnings"]
    assert before["relations"]["timed_lenient"] == after["relations"]["timed_lenient"]
    assert after["relations"]["timed"]["tp"] < before["relations"]["timed"]["tp"]


def test_a_split_whose_metadata_lines_are_all_gone_names_its_annotation_files(
    data_root: Path, gold_file: Path
) -> None:
    """The test split's metadata emptied while its annotation files stay: `bench score` says
    there is no gold and names the annotation files that lack a metadata line (before: only
    "no gold documents")."""
    (data_root / "seeds" / "test" / "metadata.jsonl").write_text("", encoding="utf-8")
    orphans = sorted(p.stem for p in (data_root / "annotations" / "test").glob("*.jsonl"))
    run = _bench("score", str(gold_file), "--gold", str(data_root))
    assert 2 == run.returncode, run.stderr
    assert f"its annotation files ({orphans[0]}" in run.stderr


def _corrupt(root: Path, how: str) -> Path:
    """Break one gold file of a data root; returns the file."""
    from tests.conftest import seed_gold, seed_text

    gold = seed_gold(root)
    lines = gold.read_bytes().splitlines(keepends=True)
    if how == "annotation_not_utf8":
        gold.write_bytes(b"".join([*lines[:5], b"\xff" + lines[5], *lines[6:]]))
        return gold
    if how == "text_not_utf8":
        seed_text(root).write_bytes(seed_text(root).read_bytes() + b"\xff")
        return seed_text(root)
    if how == "metadata_not_utf8":
        meta = root / "seeds" / "test" / "metadata.jsonl"
        meta.write_bytes(b"\xff" + meta.read_bytes())
        return meta
    if how == "empty":
        gold.write_bytes(b"")
        return gold
    if how == "deleted_sentence":
        at = next(i for i, line in enumerate(lines) if b'"index": 3' in line)
        gold.write_bytes(b"".join(lines[:at] + lines[at + 1 :]))
        return gold
    if how == "header_only":
        gold.write_bytes(lines[0])
        return gold
    if how in ("no_entity", "self_relation", "unknown_type"):
        at = next(i for i, line in enumerate(lines) if b'"record": "relation"' in line)
        record = json.loads(lines[at])
        if how == "no_entity":
            record["arg1"] = "a999"
        elif how == "self_relation":
            record["arg2"] = record["arg1"]
        else:
            record["type"] = "visited"
        lines[at] = json.dumps(record).encode() + b"\n"
        gold.write_bytes(b"".join(lines))
        return gold
    mention = next(i for i, line in enumerate(lines) if b'"record": "mention"' in line)
    record = json.loads(lines[mention])
    if how == "reversed_span":
        record["start"], record["end"] = record["end"], record["start"]
    elif how == "beyond_text":
        record["end"] = len(seed_text(root).read_text(encoding="utf-8")) + 5
        record["start"] = record["end"] - len(record["text"])
    elif how == "huge_offset":
        record["start"] = 10**400
    else:  # nested deeper than any JSON reader's recursion limit
        record["text"] = "@@"
    line = json.dumps(record).encode()
    if how == "deep":
        line = line.replace(b'"@@"', b"[" * 100_000 + b"]" * 100_000)
    lines[mention] = line + b"\n"
    gold.write_bytes(b"".join(lines))
    return gold


@pytest.mark.parametrize(
    "how",
    [
        "annotation_not_utf8",
        "text_not_utf8",
        "metadata_not_utf8",
        "huge_offset",
        "deep",
        "empty",
        "beyond_text",
        "no_entity",
        "header_only",
        "deleted_sentence",
        "self_relation",
        "unknown_type",
        "reversed_span",
    ],
)
def test_broken_gold_gets_a_message_naming_the_file_from_validate_and_score(
    data_root: Path, gold_file: Path, how: str
) -> None:
    """Gold that is not UTF-8, holds a 400-digit offset, is nested 100,000 deep, is empty or
    only its document record, lacks a sentence record, has a mention beyond the end of the text
    or reversed, a relation whose argument is no entity, of an entity with itself or of an
    unknown type: `bench
    validate` and `bench score` each exit non-zero with a message naming the broken file, never
    a traceback (before: UnicodeDecodeError, TypeError and RecursionError tracebacks; the
    others were scored as if they were gold, and validate passed the document record alone)."""
    broken = _corrupt(data_root, how)
    from tests.conftest import seed_gold

    validate = ["validate", str(seed_gold(data_root)), "--root", str(data_root)]
    for args in (validate, ["score", str(gold_file)]):
        if args[0] == "score":
            args += ["--gold", str(data_root)]
        run = _bench(*args)
        assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr
        assert str(broken) in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("bom", ":1: the file starts with a byte-order mark (BOM); save it as UTF-8 without one"),
        ("junk", ":6: invalid annotation record (JSON is malformed: invalid character)"),
    ],
)
def test_an_undecodable_gold_file_is_named_with_its_line(
    data_root: Path, gold_file: Path, how: str, expected: str
) -> None:
    """A gold annotation file that starts with a BOM, or whose sixth line is not JSON: `bench
    score` names the file and the line, and says what is wrong in words (before: "invalid
    character (byte 0)", no line)."""
    from tests.conftest import seed_gold

    gold = seed_gold(data_root)
    lines = gold.read_bytes().splitlines(keepends=True)
    if how == "bom":
        lines[0] = b"\xef\xbb\xbf" + lines[0]
    else:
        lines[5] = b"this is not json\n"
    gold.write_bytes(b"".join(lines))
    run = _bench("score", str(gold_file), "--gold", str(data_root))
    assert 1 == run.returncode and "Traceback" not in run.stderr, run.stderr
    assert f"{gold}{expected}" in run.stderr


def test_a_truncated_parquet_file_of_a_built_folder_is_named(
    data_root: Path, gold_file: Path, tmp_path: Path
) -> None:
    """`bench score --gold BUILT` whose Parquet file is cut in half exits 1 naming the file and
    saying to rebuild it (before: a pyarrow traceback)."""
    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(data_root), "--out", str(built)).returncode
    [part] = sorted((built / "documents").glob("test-*.parquet"))
    part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    run = _bench("score", str(gold_file), "--gold", str(built))
    assert 1 == run.returncode and "Traceback" not in run.stderr, run.stderr
    assert str(part) in run.stderr and "bench build" in run.stderr


@pytest.mark.parametrize(
    "damage",
    ["no relations column", "no status column", "text", "mentions.start", "relations.arg1"],
)
def test_a_damaged_parquet_file_of_a_built_folder_is_named(
    damage: str, data_root: Path, gold_file: Path, tmp_path: Path
) -> None:
    """A built folder's Parquet file without a column the scorer reads, or with damaged bytes
    (its pages carry checksums), exits 1 naming the file as unreadable (before: a KeyError
    traceback, pyarrow's OSError blamed on the output as "cannot write", or a score against
    the changed text)."""
    import pyarrow.parquet as pq

    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(data_root), "--out", str(built)).returncode
    [part] = sorted((built / "documents").glob("test-*.parquet"))
    if "column" not in damage:  # bytes changed in the middle of the column's first pages
        meta = pq.ParquetFile(part).metadata
        names = [meta.schema.column(i).path for i in range(meta.num_columns)]
        column = damage.replace(".", ".list.element.") if "." in damage else damage
        chunk = meta.row_group(0).column(names.index(column))
        middle = chunk.data_page_offset + chunk.total_compressed_size // 2
        data = bytearray(part.read_bytes())
        data[middle : middle + 4] = bytes(255 - b for b in data[middle : middle + 4])
        part.write_bytes(bytes(data))
    else:
        table = pq.read_table(part)
        pq.write_table(table.drop_columns([damage.split()[1]]), part)
    run = _bench("score", str(gold_file), "--gold", str(built), "-f", "json")
    assert (1, False, True) == (
        run.returncode,
        "Traceback" in run.stderr,
        f"{part}: unreadable" in run.stderr,
    ), run.stderr


def test_documents_left_out_give_one_warning_in_score_and_in_compare(tmp_path: Path) -> None:
    """A dev submission without its last 30 documents: `bench score` gives one warning that
    counts them (not a line each), and `bench compare` says which submission left them out
    (before: no warning at all)."""
    full = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "dev.jsonl"
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_text("".join(lines[:-30]), encoding="utf-8")
    report = json.loads(_bench("score", str(part), "--split", "dev", "-f", "json").stdout)
    missing = [w for w in report["warnings"] if "not in the submission" in w]
    assert [30] == [int(w.split()[0]) for w in missing]
    run = _bench("compare", str(full), str(part), "--split", "dev", "-f", "json")
    assert 0 == run.returncode, run.stderr
    warnings = json.loads(run.stdout)["warnings"]
    assert any(w.startswith("30 document(s) are not in submission B") for w in warnings)
    assert not any("submission A" in w for w in warnings)


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_an_output_to_dev_stdout_is_written_where_standard_output_stands(
    fmt: str, tmp_path: Path
) -> None:
    """`-o /dev/stdout` writes into a pipe (it named a temporary file in /proc and exited 2
    after scoring) and appends to a file the shell appends to (a rename replaced the file and
    lost what it held), the bytes that plain standard output gets."""
    import subprocess
    import sys

    args = [
        sys.executable,
        "-m",
        "benchmark",
        "score",
        str(Path(__file__).resolve().parent.parent / "submissions" / "rules" / "predictions.jsonl"),
    ]
    args += ["-f", fmt]
    plain = subprocess.run(args, capture_output=True, check=False)
    piped = subprocess.run([*args, "-o", "/dev/stdout"], capture_output=True, check=False)
    appended = tmp_path / "log.txt"
    appended.write_bytes(b"earlier line\n")
    with appended.open("ab") as handle:
        run = subprocess.run(
            [*args, "-o", "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE, check=False
        )
    assert (0, 0, 0) == (plain.returncode, piped.returncode, run.returncode), run.stderr
    assert (plain.stdout, b"earlier line\n" + plain.stdout) == (
        piped.stdout,
        appended.read_bytes(),
    )


def test_outputs_to_standard_output_hold_only_the_output(tmp_path: Path) -> None:
    """`bench predict --out /dev/stdout` and `bench report --out -` write only their output to
    standard output (the "wrote" line goes to stderr; `-` made a file named `-`), and `-o
    /dev/stdout` with standard output closed exits 2 saying so, no traceback."""
    import os
    import subprocess
    import sys

    rules = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "predictions.jsonl"
    bench = [sys.executable, "-m", "benchmark"]
    predicted = subprocess.run(
        [*bench, "predict", "--system", "rules", "--out", "/dev/stdout"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    lines = predicted.stdout.splitlines()
    report = subprocess.run(
        [*bench, "report", str(rules), "--out", "-"], capture_output=True, cwd=tmp_path, check=False
    )
    closed = subprocess.run(
        [*bench, "score", str(rules), "-o", "/dev/stdout"],
        capture_output=True,
        preexec_fn=lambda: os.close(1),
        check=False,
    )
    assert (0, True, 0, True, [], 2, True) == (
        predicted.returncode,
        bool(lines) and all(json.loads(line)["doc_id"] for line in lines),
        report.returncode,
        report.stdout.startswith(b"<!DOCTYPE html>") and b"wrote" not in report.stdout,
        [p.name for p in tmp_path.iterdir()],
        closed.returncode,
        b"/dev/stdout: cannot write (Bad file descriptor)" in closed.stderr
        and b"Traceback" not in closed.stderr,
    ), closed.stderr
