"""CONTRIBUTING.md's worked example runs as written, and the contributor commands behave."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmark.contrib import add_document
from benchmark.errors import UsageError
from benchmark.model import SeedInfo, read_seed_metadata
from tests.conftest import command_folder, run_bench

ROOT = Path(__file__).resolve().parent.parent


def _data_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    for name in ("seeds", "annotations", "submissions"):
        shutil.copytree(ROOT / name, root / name)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def _drafted(
    tmp_path: Path, text: str = "Mr Ali Khan met Ms Sara Lee on Monday."
) -> tuple[Path, SeedInfo, Path]:
    """A data root with ``text`` added as a document and drafted by `bench preannotate`: the
    root, the document's seed and its annotation file."""
    from benchmark.contrib import preannotate

    root = _data_root(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    seed = add_document(article, published="2026-01-09", source="test", root=root)
    return root, seed, preannotate(seed.id, root=root)


def _commands() -> list[tuple[str, int]]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split("## Worked example", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        if line.startswith("$ "):
            command = line[2:]
            expect = re.search(r"#\s*expect exit (\d+)", command)
            commands.append(
                (command.split("  #")[0].strip(), int(expect.group(1)) if expect else 0)
            )
    return commands


@pytest.mark.slow
def test_worked_example_runs_as_written(tmp_path: Path) -> None:
    """Each command of the worked example exits as the page says, in a copy of the data root."""
    root = _data_root(tmp_path)
    bin_dir = command_folder(tmp_path / "bin")
    env = {
        **os.environ,
        "ENVOY_BENCH_ROOT": str(root),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
    }
    commands = _commands()
    assert len(commands) >= 10
    assert any(c.startswith("bench segment ") for c, _ in commands)
    for command, expected in commands:
        run = subprocess.run(
            ["bash", "-c", command], cwd=root, env=env, capture_output=True, text=True, check=False
        )
        assert expected == run.returncode, f"{command}\n{run.stdout}\n{run.stderr}"
        assert "Traceback" not in run.stderr, command
    meta = (root / "seeds" / "test" / "metadata.jsonl").read_text().splitlines()
    shipped = (ROOT / "seeds" / "test" / "metadata.jsonl").read_text().splitlines()
    assert sorted([*(json.loads(x)["id"] for x in shipped), "001_example"]) == [
        json.loads(x)["id"] for x in meta
    ]
    gold = root / "annotations" / "test" / "001_example.jsonl"
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    status = records[0]
    assert ("reviewed", "reviewer:A. Reviewer") == (status["status"], status["annotators"][-1])
    text = (root / "seeds" / "test" / "001_example.txt").read_text(encoding="utf-8")
    sentences = [text[r["start"] : r["end"]] for r in records if r["record"] == "sentence"]
    assert sentences == [  # the example's headline, dateline, quote and paragraphs, by hand
        "Costa and Berg agree to meet again after Oslo talks",
        "OSLO, March 3 (Example Wire) - Ms Ana Costa met Mr Tomas Berg in Oslo on Tuesday, "
        "officials said.",
        '"We agreed on the outline.',
        'The details will take time," Ms Costa told reporters.',
        "Mr. Berg later phoned Ms Costa from Oslo.",
    ]


def test_add_doc_refuses_duplicates_clashes_and_bad_dates(tmp_path: Path) -> None:
    """The same text twice, a taken id and a malformed date are refused with clear messages."""
    root = _data_root(tmp_path)
    seed = ROOT / "seeds" / "test" / "000_8dbbdfc2a546922b.txt"
    with pytest.raises(UsageError, match="already in the benchmark as 000_8dbbdfc2a546922b"):
        add_document(seed, published="2025-12-12", source="x", root=root)
    other = tmp_path / "other.txt"
    other.write_text("Another text.", encoding="utf-8")
    with pytest.raises(UsageError, match="is already taken"):
        add_document(
            other, published="2025-12-12", source="x", doc_id="000_8dbbdfc2a546922b", root=root
        )
    with pytest.raises(UsageError, match="is not a date"):
        add_document(other, published="12/12/2025", source="x", root=root)
    numbers = [int(i[:3]) for i in read_seed_metadata(root) if re.match(r"\d{3}_", i)]
    added = add_document(other, published="2026-01-01", source="x", root=root)
    assert added.id.startswith(f"{max(numbers) + 1:03d}_") and len(added.id) == 4 + 16
    assert other.read_bytes() == (root / "seeds" / "test" / f"{added.id}.txt").read_bytes()


def test_reviewing_an_unedited_draft_warns_even_after_a_round_trip_through_brat(
    tmp_path: Path,
) -> None:
    """`bench review` of a draft only `bench preannotate` wrote marks it reviewed and warns
    that a system's draft became gold; so it does when the draft went to brat and back
    unedited (the import renames the annotators and may renumber ids)."""

    root, seed, path = _drafted(tmp_path)
    warning = f"warning: {seed.id}: its annotations are an unedited `bench preannotate` draft"
    run = run_bench("review", seed.id, "--reviewer", "R", "--root", str(root))
    assert (0, True) == (run.returncode, warning in run.stderr), run.stderr
    assert "reviewed" == json.loads(path.read_text(encoding="utf-8").splitlines()[0])["status"]
    brat, imported = tmp_path / "brat", tmp_path / "imported"
    for args in (
        ("export", "--format", "brat", "--out", str(brat), seed.id),
        ("import", "--format", "brat", str(brat), "--out", str(imported)),
    ):
        assert 0 == run_bench(*args, "--root", str(root)).returncode
    path.write_bytes((imported / path.name).read_bytes())
    assert ["import:brat"] == json.loads(path.read_text(encoding="utf-8").splitlines()[0])[
        "annotators"
    ][:1]
    again = run_bench("review", seed.id, "--reviewer", "R", "--root", str(root))
    assert (0, True) == (again.returncode, warning in again.stderr), again.stderr


def test_a_draft_edited_in_a_text_editor_is_reviewed_without_the_unedited_warning(
    tmp_path: Path,
) -> None:
    """A draft whose records someone changed by hand (its annotators still only `bench
    preannotate`) is not called unedited when reviewed."""

    root, seed, path = _drafted(tmp_path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    entity = next(r for r in records if r["record"] == "entity")
    entity["aliases"] = [*entity.get("aliases", []), "A. Khan"]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert ["preannotate:rules"] == records[0]["annotators"]
    run = run_bench("review", seed.id, "--reviewer", "R", "--root", str(root))
    assert (0, False) == (run.returncode, "warning:" in run.stderr), run.stderr


def test_review_compares_with_every_system_and_warns_of_a_file_that_fails_validate(
    tmp_path: Path,
) -> None:
    """A rules draft whose annotators claim another system is still found unedited; a
    reviewed file that `bench validate` refuses is written reviewed with a warning naming its
    first problem."""
    from benchmark.contrib import mark_reviewed

    root, seed, path = _drafted(tmp_path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records[0]["annotators"] = ["preannotate:cooccurrence"]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    warnings = mark_reviewed(seed.id, "R", root=root)[1]
    assert [True] == ["unedited `bench preannotate` draft" in w for w in warnings], warnings
    number = next(i for i, r in enumerate(records, 1) if r["record"] == "mention")
    records[number - 1]["text"] = "somebody else"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    written, warnings = mark_reviewed(seed.id, "R", root=root)
    expected = (
        f"{seed.id}: the reviewed file fails bench validate (1 problem(s); the first: "
        f"{path}:{number}: text:"
    )
    assert [True] == [w.startswith(expected) for w in warnings], warnings
    assert "reviewed" == json.loads(written.read_text(encoding="utf-8").splitlines()[0])["status"]


def test_review_refuses_an_empty_annotation_file(tmp_path: Path) -> None:
    """`bench review` of an annotation file holding no record (emptied, or blank lines) is
    refused with exit 2 and the file left as it was (it wrote a document record of its own and
    called the file reviewed)."""

    root, seed, path = _drafted(tmp_path)
    for content in ("", "\n\n"):
        path.write_text(content, encoding="utf-8")
        run = run_bench("review", seed.id, "--reviewer", "R", "--root", str(root))
        expected = f"{path}: the file holds no records: there is nothing to review"
        assert (2, True) == (run.returncode, expected in run.stderr), run.stderr
        assert content == path.read_text(encoding="utf-8")


def test_review_warns_of_nothing_for_a_text_without_actors_or_a_failing_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-annotated text with no actor, date or event equals the (empty) draft of any
    system: that tells nothing, so no warning. A system that fails while drafting does not
    stop the review either."""
    from benchmark import contrib
    from benchmark.contrib import mark_reviewed

    root, seed, path = _drafted(tmp_path, "The weather was fine and the sea was calm.")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = dict(json.loads(lines[0]), annotators=["annotator-A"])
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    assert [] == mark_reviewed(seed.id, "R", root=root)[1]

    def failing(*args: object) -> None:
        raise RuntimeError("the system broke")

    monkeypatch.setattr(contrib, "draft_annotations", failing)
    written, warnings = mark_reviewed(seed.id, "R2", root=root)
    header = json.loads(written.read_text(encoding="utf-8").splitlines()[0])
    assert ([], ["annotator-A", "reviewer:R", "reviewer:R2"]) == (warnings, header["annotators"])


#: Texts whose drafts once broke a rule: the second names a region first as a place and then
#: as the target of sanctions, and one entity per name made the draft sanction a LOC.
DRAFTED = {
    "a meeting": "Mr Ali Khan met Ms Sara Lee on Monday.",
    "a place sanctioned by its name": (
        "Ministers will hold peace talks in the Sahel next month.\n\nThe United States imposed "
        "sanctions on three Sahel militia commanders on Thursday, the Treasury Department said."
    ),
}


@pytest.mark.parametrize("text", DRAFTED.values(), ids=list(DRAFTED))
def test_preannotate_draft_is_unreviewed_and_otherwise_valid(tmp_path: Path, text: str) -> None:
    """A pre-annotated draft fails validation only for its review status."""
    from benchmark.contrib import preannotate
    from benchmark.validate import validate_paths

    root, seed, path = _drafted(tmp_path, text)
    problems = [p for p in validate_paths(root=root).problems if Path(p.path) == path]
    assert ["status"] == [p.field for p in problems], problems
    with pytest.raises(UsageError, match="never overwritten"):
        preannotate(seed.id, root=root)
