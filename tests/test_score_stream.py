"""The streamed command gives the same report as the in-memory path; every report follows
the published report schema; the table and Markdown outputs are complete."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.render import render_table
from benchmark.safety import markdown_text
from benchmark.scoring import load_gold, score, stream
from benchmark.scoring.corpus import make_copies, read_predictions
from benchmark.submission import read_submission, schema
from tests.conftest import point_first_mention_at, refusal
from tests.conftest import run_bench as _bench

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "000_8dbbdfc2a546922b"
RULES = REPO / "submissions" / "rules"


def _plain(path: Path, gold: Path | None, split: str, **options: Any) -> dict[str, Any]:
    docs = load_gold(gold, split)
    report = score(docs, read_submission(path, docs), split=split, root=gold, **options)
    return json.loads(json.dumps(report, ensure_ascii=False))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """30 copies of the seed document with the rules predictions, a third of their items
    dropped at random so that documents differ."""
    root = tmp_path_factory.mktemp("corpus")
    predictions = read_predictions(RULES / "predictions.jsonl")
    path = make_copies(root, 30, predictions, drop=0.3, seed=1)
    return root, path


CASES = [
    ("test", None, RULES / "predictions.jsonl"),
    ("contrast", None, RULES / "contrast.jsonl"),
]


@pytest.mark.parametrize("n_process", ["1", "2"])
@pytest.mark.parametrize("case", ["test", "contrast", "corpus"])
def test_streamed_report_equals_the_plain_one(
    case: str, n_process: str, corpus: tuple[Path, Path]
) -> None:
    """`bench score -f json` (streamed, one or two processes) equals score() on documents and
    a submission read whole, on the test and contrast splits and a 30-document corpus."""
    if case == "corpus":
        split, gold, path = "test", corpus[0], corpus[1]
    else:
        split, gold, path = next(c for c in CASES if c[0] == case)
    args = ["score", str(path), "-f", "json", "--split", split, "--n-process", n_process]
    if gold is not None:
        args += ["--gold", str(gold)]
    run = _bench(*args)
    assert 0 == run.returncode, run.stderr
    streamed = json.loads(run.stdout)
    plain = _plain(path, gold, split)
    assert plain == streamed


@pytest.mark.parametrize("case", ["test", "contrast", "corpus"])
def test_the_table_is_the_table_of_the_full_report(case: str, corpus: tuple[Path, Path]) -> None:
    """`bench score` (table), which skips what the table does not show, prints exactly the
    table of the full report, and in two processes as in one."""
    if case == "corpus":
        split, gold, path = "test", corpus[0], corpus[1]
    else:
        split, gold, path = next(c for c in CASES if c[0] == case)
    args = ["score", str(path), "--split", split]
    if gold is not None:
        args += ["--gold", str(gold)]
    expected = render_table(_plain(path, gold, split))
    for n_process in ("1", "2"):
        run = _bench(*args, "--n-process", n_process)
        assert 0 == run.returncode, run.stderr
        assert expected == run.stdout


def test_a_built_folder_scored_by_two_workers_gives_the_report_of_the_annotation_files(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Gold read from a built folder in batches of 8 documents, by two workers that each skip
    the other's batches, gives the report that the annotation files give."""
    root, path = corpus
    built = tmp_path / "built"
    run = _bench("build", "--root", str(root), "--out", str(built))
    assert 0 == run.returncode, run.stderr
    monkeypatch.setattr(stream, "BATCH_ROWS", 8)
    from_built = stream.score_file(path, gold=built, n_process=2, details=True)
    expected = _plain(path, root, "test")
    assert expected == json.loads(json.dumps(from_built.report, ensure_ascii=False))


def test_a_built_folder_holds_row_groups_of_a_hundred_documents(
    data_root: Path, tmp_path: Path
) -> None:
    """`bench build` writes a split's documents in Parquet row groups of 100 (the unit a
    scoring worker reads): the dev split's 126 documents in groups of 100 and 26."""
    import pyarrow.parquet as pq

    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(data_root), "--out", str(built)).returncode
    dev = len((data_root / "seeds" / "dev" / "metadata.jsonl").read_text().splitlines())
    meta = pq.ParquetFile(built / "documents" / "dev-00000-of-00001.parquet").metadata
    expected = [100] * (dev // 100) + ([dev % 100] if dev % 100 else [])
    assert expected == [meta.row_group(g).num_rows for g in range(meta.num_row_groups)]


def test_a_built_folder_is_cut_into_runs_at_row_group_ends_and_scores_alike(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With row groups of 7 documents, the 30 documents that two workers would take in runs
    of 5 are cut where the nearest row group ends (each run reads only its own groups: 7, 7,
    7, 7 and 2 documents), and the report is the annotation files' report."""
    from benchmark import dataset

    root, path = corpus
    built = tmp_path / "built"
    monkeypatch.setattr(dataset, "BUILT_ROW_GROUP_ROWS", 7)
    dataset.build_dataset(built, root)
    monkeypatch.setattr(stream, "MIN_RUN", 5)
    source = stream.GoldSource.open(built, "test")
    assert [7, 7, 7, 7, 2] == [len(run) for run in source.runs(stream.run_count(2, 30))]
    from_built = stream.score_file(path, gold=built, n_process=2, details=True)
    assert _plain(path, root, "test") == json.loads(
        json.dumps(from_built.report, ensure_ascii=False)
    )


def test_a_built_folder_of_large_row_groups_is_cut_evenly_into_one_run_per_worker(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row groups of 20 and 10 documents would make runs of 20 and 10 where six runs of 5 were
    asked for (more than twice the even size): the 30 documents are cut evenly into the two
    workers' runs instead, which share the first group."""
    from benchmark import dataset

    built = tmp_path / "built"
    monkeypatch.setattr(dataset, "BUILT_ROW_GROUP_ROWS", 20)
    dataset.build_dataset(built, corpus[0])
    source = stream.GoldSource.open(built, "test")
    assert [15, 15] == [len(run) for run in source.runs(6, fallback=2)]


def test_broken_gold_scored_by_two_workers_is_named_not_a_hang(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A mention naming no entity in the 20th of 30 documents, scored by two workers from the
    annotation files and from a built folder, exits 1 naming the file, line and record, as one
    process does. (The worker's error could not be rebuilt in the parent: the run hung.)"""
    import shutil
    import subprocess
    import sys

    root = tmp_path / "data"
    shutil.copytree(corpus[0], root)
    path = sorted((root / "annotations" / "test").glob("*.jsonl"))[19]
    number, mention = point_first_mention_at(path, "ghost")
    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(root), "--out", str(built)).returncode
    expected = f"{path}:{number}: mention {mention}.entity: no entity 'ghost'"
    for gold, named in ((root, expected), (built, f"mention {mention}.entity")):
        args = ["score", str(corpus[1]), "--gold", str(gold), "--n-process", "2"]
        run = subprocess.run(
            [sys.executable, "-m", "benchmark", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (1, True, False) == refusal(run, named), run.stderr


def test_a_copies_corpus_is_valid_gold(corpus: tuple[Path, Path]) -> None:
    """Each copy's appended marker line is a sentence of its own: `bench validate` passes the
    corpus that the speed script and these tests score (it said the marker lay in no
    sentence)."""
    run = _bench("validate", "--root", str(corpus[0]))
    assert 0 == run.returncode, run.stdout + run.stderr


def test_a_gold_file_cut_inside_its_last_record_is_named_with_that_line(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A gold file cut in the middle of its last line (the decoder names no byte) is reported
    with that line's number, exit 1, no traceback."""
    import shutil

    root = tmp_path / "data"
    shutil.copytree(corpus[0], root)
    path = sorted((root / "annotations" / "test").glob("*.jsonl"))[0]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 20])
    run = _bench("score", str(corpus[1]), "--gold", str(root), "--n-process", "1")
    last = data.rstrip().count(b"\n") + 1
    assert (1, True, False) == refusal(run, f"{path}:{last}: invalid annotation record"), run.stderr


def _corpus_copy_with_its_first_mention(
    corpus: tuple[Path, Path], tmp_path: Path
) -> tuple[Path, Path, list[str], int]:
    """A copy of the corpus's data root, the first annotation file in it, that file's lines and
    the index of its first mention record (for a test to break, then write back)."""
    import shutil

    root = tmp_path / "data"
    shutil.copytree(corpus[0], root)
    path = sorted((root / "annotations" / "test").glob("*.jsonl"))[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if '"record": "mention"' in line)
    return root, path, lines, index


def test_a_gold_value_of_the_wrong_type_is_named_with_its_line_and_record(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A mention whose start is a string, below a blank line, is reported with its own line
    and as `mention <id>.start` (the decoder names it only as the record's index among the
    non-blank lines, `$[n]`), exit 1, no traceback."""
    root, path, lines, index = _corpus_copy_with_its_first_mention(corpus, tmp_path)
    record = json.loads(lines[index])
    record["start"] = str(record["start"])
    lines[index] = json.dumps(record)
    lines.insert(2, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = _bench("score", str(corpus[1]), "--gold", str(root), "--n-process", "1")
    expected = f"{path}:{index + 2}: mention {record['id']}.start: invalid annotation record"
    assert (1, True, False) == refusal(run, expected), run.stderr


def test_a_worker_error_the_parent_cannot_rebuild_arrives_as_a_message(
    corpus: tuple[Path, Path],
) -> None:
    """A worker's error that does not unpickle in the parent (its ``args`` lack one of its
    constructor's) comes back as a BenchError with its message instead of killing the pool's
    result thread: the run then waited for ever (hence a process with a time limit here)."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(
        f"""
        from benchmark.errors import BenchError
        from benchmark.scoring import stream

        class Unrebuildable(Exception):
            def __init__(self, what, where):
                super().__init__(what)

        def broken(*args, **kwargs):
            raise Unrebuildable("the gold went away", 3)

        stream._score_chunk = broken
        try:
            stream.score_file({str(corpus[1])!r}, gold={str(corpus[0])!r}, n_process=2)
        except BenchError as exc:
            print(exc)
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    expected = "a scoring worker failed: Unrebuildable: the gold went away"
    assert expected == run.stdout.strip(), run.stderr


def test_a_problem_of_a_record_whose_id_holds_dots_gets_that_records_line() -> None:
    """`mention m.5.entity` is a problem of record `mention m.5` (ids may hold dots), not of
    `mention m`; a name no record has gets no line."""
    from benchmark.scoring.stream import _line_of

    lines = {"mention m": 3, "mention m.5": 7, "relation r1": 9}
    expected = [7, 3, 9, None]
    actual = [
        _line_of("mention m.5.entity", lines),
        _line_of("mention m.entity", lines),
        _line_of("relation r1.trigger", lines),
        _line_of("sentence", lines),
    ]
    assert expected == actual


def test_a_document_twice_in_a_built_folder_is_refused(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A built folder whose split lists a document in two Parquet files is refused, exit 1,
    naming it (one worker scored it once and two workers twice)."""
    import shutil

    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(corpus[0]), "--out", str(built)).returncode
    parquet = built / "documents" / "test-00000-of-00001.parquet"
    shutil.copy(parquet, built / "documents" / "test-00001-of-00001.parquet")
    for n in ("1", "2"):
        run = _bench("score", str(corpus[1]), "--gold", str(built), "--n-process", n)
        assert (1, True, False) == refusal(run, "'000000_copy' is listed twice"), run.stderr


def test_one_large_row_group_is_cut_evenly_into_two_runs(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of one row group, asked for two runs, is cut evenly into the two workers'
    runs (one run of all the documents would leave the second worker idle)."""
    from benchmark import dataset

    built = tmp_path / "built"
    monkeypatch.setattr(dataset, "BUILT_ROW_GROUP_ROWS", 1000)
    dataset.build_dataset(built, corpus[0])
    source = stream.GoldSource.open(built, "test")
    assert [15, 15] == [len(run) for run in source.runs(2, fallback=2)]


def test_a_sink_that_only_adds_still_gets_every_item() -> None:
    """A caller's own sink with only ``add`` (no ``keeps``) gets the errors, evidence texts
    included, as before sinks could say what they keep."""
    from benchmark.scoring.evaluate import evaluate

    class Adder:
        def __init__(self) -> None:
            self.items: list[tuple[str, dict[str, Any]]] = []

        def add(self, kind: str, item: dict[str, Any]) -> None:
            self.items.append((kind, item))

    docs = load_gold(None, "test")
    sink = Adder()
    evaluate(docs, {}, details=False, sink=sink)
    missed = [item for kind, item in sink.items if kind == "false_negatives"]
    assert len(missed) > 0 and all(item["evidence_text"] for item in missed)


def test_item_resampling_is_the_same_streamed(corpus: tuple[Path, Path]) -> None:
    """--resample items gives the same report streamed and in memory."""
    root, path = corpus
    run = _bench("score", str(path), "-f", "json", "--gold", str(root), "--resample", "items")
    assert json.loads(run.stdout) == _plain(path, root, "test", resample="items")


def test_every_report_follows_the_report_schema(corpus: tuple[Path, Path]) -> None:
    """Reports of every shipped submission on both splits, of the corpus, with layers left
    out, with --n-boot 0 and item resampling, validate against the published schema."""
    validator = jsonschema.Draft202012Validator(schema("report"))
    reports = []
    for split, name in (("test", "predictions.jsonl"), ("contrast", "contrast.jsonl")):
        for entry in sorted((REPO / "submissions").iterdir()):
            if (entry / name).is_file():
                reports.append(_plain(entry / name, None, split, n_boot=50))
    root, path = corpus
    reports.append(_plain(path, root, "test", n_boot=0))
    reports.append(_plain(path, root, "test", n_boot=50, resample="items"))
    reports.append(json.loads(_bench("score", str(path), "-f", "json", "--gold", str(root)).stdout))
    bare = path.with_name("bare.jsonl")
    bare.write_text(json.dumps({"doc_id": "000000_copy"}) + "\n", encoding="utf-8")
    reports.append(_plain(bare, root, "test"))
    for report in reports:
        errors = sorted(validator.iter_errors(report), key=str)
        assert not errors, errors[0]


def test_table_wraps_long_names_and_neutralises_escapes(tmp_path: Path) -> None:
    """A 150-character name with a terminal escape: no line over 80 columns, the whole name
    is there (folded, not cut), and no ESC character reaches the output."""
    name = "Q" * 150 + "\x1b[31m"
    line = {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": name, "arg2": "Maduro"}]}
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    run = _bench("score", str(path))
    assert 0 == run.returncode, run.stderr
    lines = run.stdout.splitlines()
    assert max(len(x) for x in lines) <= 80
    assert "\x1b" not in run.stdout
    joined = "".join(x.strip() for x in lines)
    assert "Q" * 150 + "\u241b[31m" in joined  # ESC shown as its control picture


def test_markdown_is_complete() -> None:
    """Markdown has macro-F1, the resampling, and every false positive and negative row."""
    path = RULES / "predictions.jsonl"
    run = _bench("score", str(path), "-f", "markdown")
    report = _plain(path, None, "test")
    assert "macro-F1" in run.stdout
    assert "95% CI:" in run.stdout
    cell = markdown_text(SEED_ID)  # ids are escaped like any text in a cell
    rows = [x for x in run.stdout.splitlines() if x.startswith(f"| {cell} |")]
    expected = len(report["errors"]["false_positives"]) + len(report["errors"]["false_negatives"])
    assert expected == len(rows) > 0


def test_automatic_workers_take_a_thousand_documents_each_and_no_more_than_the_cores() -> None:
    """--n-process 0 gives one worker per thousand documents, capped by the usable cores; an
    explicit count is capped by the documents; a negative count is refused."""
    import os

    from benchmark.errors import UsageError
    from benchmark.scoring.stream import worker_count

    cores = len(os.sched_getaffinity(0))
    assert 1 == worker_count(0, 10)
    assert 1 == worker_count(0, 1999)
    assert min(cores, 5) == worker_count(0, 5000)
    assert 2 == worker_count(4, 2)
    assert 3 == worker_count(3, 10_000)
    with pytest.raises(UsageError):
        worker_count(-1, 10)


def test_several_workers_take_up_to_sixteen_runs_each_of_a_hundred_documents_or_more() -> None:
    """One worker scores one run; several take up to 16 runs each, each of at least 100
    documents, and never fewer runs than workers."""
    from benchmark.scoring.stream import run_count

    expected = [1, 32, 20, 2, 10, 3]
    actual = [
        run_count(1, 10_000),
        run_count(2, 10_000),
        run_count(2, 2_000),
        run_count(2, 150),
        run_count(3, 1_000),
        run_count(3, 3),
    ]
    assert expected == actual


def test_a_report_scored_in_many_runs_equals_the_plain_one(
    corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers taking 30 runs of one document each, in turn as they free up, give the
    report of the in-memory path (the runs' counts and lists are merged in document order)."""
    monkeypatch.setattr(stream, "MIN_RUN", 1)
    assert 30 == stream.run_count(2, 30)
    result = stream.score_file(corpus[1], gold=corpus[0], n_process=2)
    assert _plain(corpus[1], corpus[0], "test") == json.loads(
        json.dumps(result.report, ensure_ascii=False)
    )


def test_a_negative_worker_count_is_a_usage_error() -> None:
    """`bench score --n-process -1` exits 2 with a message naming the flag, no traceback."""
    run = _bench("score", str(RULES / "predictions.jsonl"), "--n-process", "-1")
    assert 2 == run.returncode
    assert "--n-process" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_huge_name_is_cut_in_the_table_and_kept_whole_in_json(tmp_path: Path) -> None:
    """A 100,000-character argument: the table shows its first 200 characters and how many
    more there are; the JSON report keeps the name whole; an undated relation reads
    'undated', not 'None'."""
    name = "Z" * 100_000
    line = {"doc_id": SEED_ID, "relations": [{"type": "met", "arg1": name, "arg2": "Maduro"}]}
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    table = _bench("score", str(path))
    assert 0 == table.returncode, table.stderr
    joined = "".join(x.strip() for x in table.stdout.splitlines())
    assert "Z" * 200 + "… (99,800 more characters)" in joined
    assert "Z" * 201 not in joined
    assert "undated" in joined and "None" not in joined
    report = json.loads(_bench("score", str(path), "-f", "json").stdout)
    assert name in [fp["arg1"] for fp in report["errors"]["false_positives"]]


def test_warnings_reach_stderr_when_the_report_goes_to_a_file(tmp_path: Path) -> None:
    """With -o, the warnings a report carries (here: a document left out) are also printed on
    stderr, for the JSON report and the table alike."""
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"doc_id": "c01-original"}) + "\n", encoding="utf-8")
    for fmt in ("json", "table"):
        out = tmp_path / f"report.{fmt}"
        run = _bench("score", str(path), "--split", "contrast", "-f", fmt, "-o", str(out))
        assert 0 == run.returncode, run.stderr
        assert "warning:" in run.stderr and "c01-date-day-month" in run.stderr


@pytest.mark.skipif(
    os.environ.get("ENVOY_BENCH_GROWTH_INNER") == "1",
    reason="builds its own corpus: the corpus-growth test's copy adds nothing to it",
)
def test_a_terminated_run_stops_its_workers_and_leaves_no_files(tmp_path: Path) -> None:
    """SIGTERM to `bench score -f json -o FILE` while two workers score: exit 143, both workers
    gone, the spool folder removed, no output file (before: the workers blocked for ever on
    their result pipe and the spool stayed)."""
    import signal
    import subprocess
    import sys
    import time

    root = tmp_path / "corpus"
    path = make_copies(root, 3000, read_predictions(RULES / "predictions.jsonl"))
    spool_root = tmp_path / "tmp"
    spool_root.mkdir()
    out = tmp_path / "report.json"
    command = [sys.executable, "-m", "benchmark", "score", str(path), "--gold", str(root)]
    command += ["-f", "json", "-o", str(out), "--n-process", "2"]
    proc = subprocess.Popen(
        command,
        env={**os.environ, "TMPDIR": str(spool_root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
        workers = [
            int(p.name)
            for p in Path("/proc").iterdir()
            if p.name.isdigit() and _parent_of(p) == proc.pid
        ]
    assert 2 == len(workers)
    time.sleep(0.3)  # the workers are scoring
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert 143 == proc.returncode and b"Traceback" not in err
    time.sleep(1)
    assert [] == [w for w in workers if Path(f"/proc/{w}").exists()]
    assert [] == list(spool_root.iterdir())
    assert not out.exists()


def _parent_of(proc_dir: Path) -> int | None:
    try:
        stat = (proc_dir / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


@pytest.mark.parametrize("n_process", [1, 2])
def test_streamed_compare_equals_the_in_memory_one(n_process: int) -> None:
    """`bench compare` of two dev submissions, streamed in one or two workers, gives the
    result of compare() on the documents and the two submissions read whole: same F1s,
    differences and p-values."""
    from benchmark.scoring import compare

    a = RULES / "dev.jsonl"
    b = REPO / "submissions" / "learned" / "dev.jsonl"
    docs = load_gold(None, "dev")
    expected = compare(
        docs, read_submission(a, docs), read_submission(b, docs), n_resamples=300, seed=3
    )
    streamed = stream.compare_files(a, b, split="dev", n_resamples=300, seed=3, n_process=n_process)
    assert expected == streamed
    run = _bench(
        "compare", str(a), str(b), "--split", "dev", "-f", "json", "--n-boot", "300", "--seed", "3"
    )
    assert json.loads(json.dumps(expected)) == json.loads(run.stdout)


def test_a_prepared_table_renders_without_importing_anything_more() -> None:
    """After ``prepare_table`` (what a long run does while its workers score), rendering a
    real report imports no further module: the serial start-up is all moved ahead."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from benchmark.render import prepare_table, render_table\n"
        "from benchmark.scoring.stream import score_file\n"
        f"report = score_file({str(RULES / 'predictions.jsonl')!r}, n_boot=0).report\n"
        "prepare_table()\n"
        "before = set(sys.modules)\n"
        "render_table(report)\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == out.stdout.strip()


def test_gold_problems_names_each_broken_record_and_nothing_else() -> None:
    """A seed document with one mention past the end of its text, one reversed timex, one
    relation argument that is no entity, one evidence sentence that does not exist and one
    relation of an entity with itself gives exactly those five problems, in that order; the
    intact document gives none."""
    from benchmark.scoring.stream import GoldSource, gold_problems

    [doc] = [d for d in GoldSource.open(None, "test").documents() if d.id == SEED_ID]
    assert [] == gold_problems(doc)
    size = len(doc.text)
    mention, timex = doc.mentions[3], doc.timexes[2]
    first, second = doc.relations[1], doc.relations[2]
    mention.start, mention.end = size - 2, size + 4
    timex_span = (timex.end, timex.start)
    timex.start, timex.end = timex_span
    first.arg1 = "nobody"
    first.evidence = (len(doc.sentences),)
    second.arg2 = second.arg1
    expected = [
        (
            f"mention {mention.id}",
            f"span {size - 2}-{size + 4} is not a span of the text ({size} characters)",
        ),
        (
            f"timex {timex.id}",
            f"span {timex_span[0]}-{timex_span[1]} is not a span of the text ({size} characters)",
        ),
        (f"relation {first.id}.arg1", "no entity 'nobody'"),
        (f"relation {second.id}.arg2", f"the same entity as arg1 ({second.arg1!r})"),
        (f"relation {first.id}.evidence", f"no sentence {len(doc.sentences)}"),
    ]
    assert expected == gold_problems(doc)


def test_a_negative_evidence_index_is_named_as_a_missing_sentence() -> None:
    """Evidence on sentence -1 (which a built folder's reader does not refuse, unlike the
    annotation-file reader) is reported as a sentence that does not exist, not scored."""
    from benchmark.scoring.stream import GoldSource, gold_problems

    [doc] = [d for d in GoldSource.open(None, "test").documents() if d.id == SEED_ID]
    relation = doc.relations[0]
    relation.evidence = (-1, *relation.evidence)
    assert [(f"relation {relation.id}.evidence", "no sentence -1")] == gold_problems(doc)


def test_scoring_workers_stop_by_sigterms_default_action() -> None:
    """A scoring worker forked from the CLI (whose SIGTERM handler raises SystemExit) stops by
    SIGTERM's default action: the inherited handler left a worker that was about to block on
    the task queue alive, and the pool's terminate waited for it for ever (a CI run hung)."""
    import subprocess
    import sys

    code = (
        "import multiprocessing, signal\n"
        "from benchmark.cli import _terminated\n"
        "from benchmark.scoring.stream import _pool_of\n"
        "signal.signal(signal.SIGTERM, _terminated)\n"
        "with _pool_of(multiprocessing.get_context('fork'), 2) as pool:\n"
        "    handlers = pool.map(signal.getsignal, [signal.SIGTERM] * 4)\n"
        "print(sorted({h == signal.SIG_DFL for h in handlers}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "[True]" == out.stdout.strip()


def test_gold_records_in_any_order_read_to_the_same_layers_in_file_order(tmp_path: Path) -> None:
    """An annotation file whose records are shuffled (layers interleaved, sentences out of
    index order) reads without a problem to the same records as the file in layer order, each
    layer listing its records in the order the shuffled file gives them."""
    import random

    predictions = read_predictions(RULES / "predictions.jsonl")
    make_copies(tmp_path, 1, predictions)
    [before] = list(stream.GoldSource.open(tmp_path, "test").documents())
    [path] = (tmp_path / "annotations" / "test").glob("*.jsonl")
    header, *records = path.read_text(encoding="utf-8").splitlines()
    random.Random(5).shuffle(records)
    path.write_text("\n".join([header, *records]) + "\n", encoding="utf-8")
    [after] = list(stream.GoldSource.open(tmp_path, "test").documents())

    def key(record: Any) -> Any:
        return getattr(record, "id", None) or getattr(record, "index", None)

    layers = {"sentence": "sentences", "entity": "entities", "mention": "mentions"}
    layers |= {"timex": "timexes", "relation": "relations"}
    for kind, layer in layers.items():
        by_key = {key(r): r for r in getattr(before, layer)}
        order = [
            obj.get("id", obj.get("index"))
            for obj in map(json.loads, records)
            if obj["record"] == kind
        ]
        assert len(order) == len(by_key) > 0
        assert [by_key[k] for k in order] == getattr(after, layer)


def test_a_built_folder_rebuilt_in_place_is_read_anew_by_the_same_process(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A Parquet footer is parsed once per process and kept for that version of the file: a
    folder rebuilt at the same path from another corpus is scored from its new documents
    (a footer kept by path alone would describe row groups that are no longer there)."""
    from benchmark import dataset

    built = tmp_path / "built"
    dataset.build_dataset(built, corpus[0])
    first = stream.score_file(corpus[1], gold=built, n_process=1, details=True)
    assert _plain(corpus[1], corpus[0], "test") == json.loads(
        json.dumps(first.report, ensure_ascii=False)
    )
    other = tmp_path / "other"
    predictions = read_predictions(RULES / "predictions.jsonl")
    path = make_copies(other, 12, predictions, drop=0.5, seed=7)
    dataset.build_dataset(built, other)
    again = stream.score_file(path, gold=built, n_process=1, details=True)
    assert _plain(path, other, "test") == json.loads(json.dumps(again.report, ensure_ascii=False))


def test_a_json_report_written_to_a_file_equals_the_one_on_standard_output(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """`-o report.json` (the spooled lists copied by the kernel) writes the bytes that standard
    output gets (a pipe: copied through Python), in one process and in two."""
    for n_process in ("1", "2"):
        args = ["score", str(corpus[1]), "--gold", str(corpus[0]), "-f", "json"]
        piped = _bench(*args, "--n-process", n_process)
        out = tmp_path / f"report-{n_process}.json"
        written = _bench(*args, "--n-process", n_process, "-o", str(out))
        assert (0, 0) == (piped.returncode, written.returncode), piped.stderr + written.stderr
        assert piped.stdout.encode() == out.read_bytes()


@settings(max_examples=40, deadline=None)
@given(before=st.binary(max_size=50), content=st.binary(max_size=70_000), after=st.binary())
def test_a_file_appended_to_an_output_lands_between_what_comes_before_and_after(
    tmp_path_factory: pytest.TempPathFactory, before: bytes, content: bytes, after: bytes
) -> None:
    """`_append_file` writes the whole file after the bytes still in the output's buffer and
    before the next ones, into a file (copied by the kernel) as into memory (no file number)."""
    import io

    folder = tmp_path_factory.mktemp("append")
    source = folder / "spooled.jsonl"
    source.write_bytes(content)
    in_memory = io.BytesIO()
    with (folder / "out").open("wb") as in_file:
        for out in (in_file, in_memory):
            out.write(before)
            stream._append_file(out, source)  # type: ignore[arg-type]
            out.write(after)
    expected = before + content + after
    assert (expected, expected) == ((folder / "out").read_bytes(), in_memory.getvalue())


def test_a_report_from_a_built_folder_names_the_versions_of_the_root_it_was_built_from(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A report scored from a built folder names the dataset and guidelines versions of the
    data root it was built from, as the folder's card states them (it named the versions
    installed with the scorer), also without the build's marker file (a folder downloaded from
    the Hub); a card that states none gives "unknown"."""
    import shutil

    from benchmark import dataset
    from benchmark.outdir import MARKER

    root = tmp_path / "data"
    shutil.copytree(corpus[0], root)
    versions = {"dataset_version": "7.0.1", "guidelines_version": "3.2"}
    (root / "annotations" / "manifest.json").write_text(json.dumps(versions), encoding="utf-8")
    built = tmp_path / "built"
    dataset.build_dataset(built, root)
    (built / MARKER).unlink()
    report = stream.score_file(corpus[1], gold=built, n_process=1).report
    assert ("7.0.1", "3.2") == (report["dataset_version"], report["guidelines_version"])
    card = built / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("Dataset version", "Data"), "utf-8")
    report = stream.score_file(corpus[1], gold=built, n_process=1).report
    assert ("unknown", "unknown") == (report["dataset_version"], report["guidelines_version"])


def test_a_split_whose_annotation_files_are_missing_or_a_folder_says_so(
    data_root: Path, tmp_path: Path
) -> None:
    """Scoring a split none of whose documents has an annotation file (one is a folder, the
    others are gone) exits 2 saying so and naming a document (it said only "no gold
    documents"), no traceback."""
    gold = sorted((data_root / "annotations" / "test").glob("*.jsonl"))
    for path in gold:
        path.unlink()
    gold[0].mkdir()
    run = _bench("score", str(RULES / "predictions.jsonl"), "--gold", str(data_root))
    assert (2, True, True, False) == (
        run.returncode,
        "none of its documents (" in run.stderr and "has an annotation file" in run.stderr,
        gold[0].stem in run.stderr,
        "Traceback" in run.stderr,
    ), run.stderr


def _parquet_of(path: Path, texts: list[str], group: int) -> int:
    """A small uncompressed Parquet file of ``texts`` in row groups of ``group``; its size."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"id": [f"d{i}" for i in range(len(texts))], "text": texts})
    pq.write_table(
        table,
        path,
        row_group_size=group,
        compression="none",
        use_dictionary=False,
        write_statistics=False,
    )
    return path.stat().st_size


def test_a_parquet_file_replaced_with_the_same_size_and_time_is_read_anew(
    tmp_path: Path,
) -> None:
    """A Parquet file replaced by a rename with another of the same size and modification time
    but other row groups (as `cp -p` or `rsync -a` leave them) is read with its own footer,
    not the one kept for the file it replaced."""
    old, new = tmp_path / "split.parquet", tmp_path / "incoming.parquet"
    size = _parquet_of(old, ["x" * 500] * 8, 8)
    texts = ["y" * 500] * 8
    for _ in range(3):  # shorten one text until the two files have the same size
        grown = _parquet_of(new, texts, 4) - size
        if grown == 0:
            break
        texts[0] = texts[0][: len(texts[0]) - grown]
    assert size == new.stat().st_size
    assert [0] * 8 == stream._row_group_of_rows(old)
    os.utime(new, ns=(old.stat().st_atime_ns, old.stat().st_mtime_ns))
    os.replace(new, old)
    assert [0, 0, 0, 0, 1, 1, 1, 1] == stream._row_group_of_rows(old)


@pytest.mark.parametrize("kernel", ["returns 0", "copies part, then fails", "missing"])
def test_a_file_appended_where_the_kernel_copy_stops_is_completed_through_python(
    kernel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When `copy_file_range` answers 0 (a file system that does not support it), copies a
    part and then fails (EXDEV), or does not exist (macOS, Windows), the rest of the file is
    still written, after what came before."""
    import errno

    content = bytes(range(256)) * 1000
    source = tmp_path / "spooled.jsonl"
    source.write_bytes(content)
    real = getattr(os, "copy_file_range", None)
    calls: list[int] = []

    def partial(src: int, dst: int, count: int, offset_src: int | None = None) -> int:
        calls.append(count)
        if len(calls) > 1:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        assert real is not None
        return int(real(src, dst, 1000, offset_src))

    if kernel == "returns 0":
        monkeypatch.setattr(os, "copy_file_range", lambda *args: 0, raising=False)
    elif kernel == "missing":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    else:
        if real is None:
            pytest.skip("no copy_file_range on this system")
        monkeypatch.setattr(os, "copy_file_range", partial)
    with (tmp_path / "out").open("wb") as out:
        out.write(b"head")
        stream._append_file(out, source)  # type: ignore[arg-type]
        out.write(b"tail")
    assert b"head" + content + b"tail" == (tmp_path / "out").read_bytes()


def test_a_null_list_of_a_built_folder_reads_as_an_empty_one() -> None:
    """A null list in a list column (an alias list of a hand-made Parquet file) reads as no
    items, as an empty list does (to_pylist gives None, which made a TypeError traceback)."""
    import pyarrow as pa

    expected = [("Kyiv", "Kiev"), (), ()]
    assert expected == stream._lists(pa.array([["Kyiv", "Kiev"], None, []]))


def test_a_gold_record_cut_at_the_end_of_its_line_is_named_by_that_line(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A record cut after a comma at the end of its line (the decoder reads on and fails at the
    start of the next line) is reported at its own line, exit 1, no traceback."""
    root, path, lines, index = _corpus_copy_with_its_first_mention(corpus, tmp_path)
    lines[index] = lines[index][: lines[index].index('"start"')]  # ends in '..., '
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = _bench("score", str(corpus[1]), "--gold", str(root), "--n-process", "1")
    assert (1, True, False) == refusal(run, f"{path}:{index + 1}: invalid annotation record"), (
        run.stderr
    )


def test_a_built_folder_rebuilt_while_it_is_read_is_an_error_not_a_partial_score(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """When a built folder is rebuilt, with fewer documents, between finding a split's
    documents and reading them, reading stops with an error that says the folder changed
    (the missing documents were left out without a word)."""
    from benchmark import dataset
    from benchmark.errors import AnnotationError

    built = tmp_path / "built"
    dataset.build_dataset(built, corpus[0])
    source = stream.GoldSource.open(built, "test")
    smaller = tmp_path / "smaller"
    make_copies(smaller, 12, read_predictions(RULES / "predictions.jsonl"))
    dataset.build_dataset(built, smaller)
    with pytest.raises(AnnotationError) as raised:
        list(source.documents())
    expected = "18 document(s) of the split were not where the folder said"
    assert expected in str(raised.value.problems[0])


def test_a_built_folder_without_the_splits_file_says_which_files_it_holds(
    data_root: Path, tmp_path: Path
) -> None:
    """Scoring the dev split of a built folder whose dev Parquet file was deleted exits 2
    naming the documents folder and the files it holds (it said only "no gold documents")."""
    from benchmark import dataset

    built = tmp_path / "built"
    dataset.build_dataset(built, data_root)
    for part in (built / "documents").glob("dev-*.parquet"):
        part.unlink()
    held = ", ".join(sorted(p.name for p in (built / "documents").glob("*.parquet")))
    run = _bench("score", str(RULES / "dev.jsonl"), "--split", "dev", "--gold", str(built))
    expected = f"{built / 'documents'} holds none of its documents (its Parquet files: {held};"
    assert (2, True, False) == refusal(run, expected), run.stderr


@pytest.mark.parametrize("field, value", [("type", "NORP"), ("level", "ABBR")])
def test_a_gold_mention_value_outside_the_schema_is_named_not_a_traceback(
    corpus: tuple[Path, Path], tmp_path: Path, field: str, value: str
) -> None:
    """A gold mention of type NORP (or level ABBR), which the JSON report's per-type tables and
    breakdowns cannot index (a KeyError traceback before), stops the run with its file, line
    and field, exit 1."""
    root, path, lines, index = _corpus_copy_with_its_first_mention(corpus, tmp_path)
    record = json.loads(lines[index])
    record[field] = value
    lines[index] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    run = _bench("score", str(corpus[1]), "--gold", str(root), "-f", "json", "-o", str(out))
    expected = f"{path}:{index + 1}: mention {record['id']}.{field}: invalid annotation record"
    assert (1, True, False, False) == (
        run.returncode,
        expected in run.stderr,
        "Traceback" in run.stderr,
        out.exists(),
    ), run.stderr


def test_a_built_folder_with_a_mention_type_outside_the_schema_is_refused(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A built folder whose Parquet file gives a mention the type NORP and a timex the type
    EPOCH (a hand-made or damaged file: bench build writes only valid gold) is refused with
    the document and both records named, exit 1, no traceback."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(corpus[0]), "--out", str(built)).returncode
    parquet = built / "documents" / "test-00000-of-00001.parquet"
    table = pq.read_table(parquet)
    mentions = table.column("mentions").to_pylist()
    timexes = table.column("timexes").to_pylist()
    mention, timex = mentions[0][0], timexes[0][0]
    mention["type"], timex["type"] = "NORP", "EPOCH"
    for name, rows in (("mentions", mentions), ("timexes", timexes)):
        column = table.schema.get_field_index(name)
        table = table.set_column(column, name, pa.array(rows, type=table.schema.field(name).type))
    pq.write_table(table, parquet, row_group_size=100, write_page_checksum=True)
    doc_id = table.column("id")[0].as_py()
    run = _bench("score", str(corpus[1]), "--gold", str(built), "-f", "json")
    assert (1, True, True, True, False) == (
        run.returncode,
        f"document {doc_id}: broken gold" in run.stderr,
        f"mention {mention['id']}.type: 'NORP' is not an entity type" in run.stderr,
        f"timex {timex['id']}.type: 'EPOCH' is not a timex type" in run.stderr,
        "Traceback" in run.stderr,
    ), run.stderr


@pytest.mark.parametrize(
    "target",
    [["-f", "json"], ["-f", "json", "-o", "/dev/stdout"], ["-f", "table"], ["-f", "markdown"]],
    ids=["json", "json-dev-stdout", "table", "markdown"],
)
def test_a_reader_that_closes_the_pipe_early_stops_the_report_quietly(
    corpus: tuple[Path, Path], target: list[str]
) -> None:
    """A report piped into a reader that stops reading at once (as `| head` does) ends the
    command with exit 141, as SIGPIPE ends `cat`, and nothing on stderr: the JSON report said
    "cannot write (Broken pipe); nothing was written there", exit 2, though part of it had been
    written, and the table exited 1."""
    import subprocess
    import sys

    command = ["score", str(corpus[1]), "--gold", str(corpus[0]), *target]
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmark", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert (141, "") == (process.wait(timeout=120), stderr)


def test_a_split_the_gold_lacks_is_named_with_the_gold_and_its_splits(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """Scoring the dev split of a root that has only test documents names the root; of a
    folder built from it, the splits the folder holds (it advised rebuilding, which cannot
    help)."""
    built = tmp_path / "built"
    assert 0 == _bench("build", "--root", str(corpus[0]), "--out", str(built)).returncode
    expected = {
        corpus[0]: f"the data root {corpus[0]} has no document of that split",
        built: "(its Parquet files: test-00000-of-00001.parquet; the splits it holds: test)",
    }
    found = {}
    for gold, text in expected.items():
        run = _bench("score", str(corpus[1]), "--gold", str(gold), "--split", "dev")
        found[gold] = (run.returncode, text in run.stderr, "Traceback" in run.stderr)
    assert {gold: (2, True, False) for gold in expected} == found
