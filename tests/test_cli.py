"""The `bench` command as a whole: version, help and documentation of every command, fast start."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from benchmark import __version__
from benchmark.cli import app
from tests.conftest import refusal

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, Any]:
    """Every command and sub-command of the app, by its full name."""
    found: dict[str, Any] = {}

    def walk(prefix: str, group: Any) -> None:
        for name, command in getattr(group, "commands", {}).items():
            full = f"{prefix}{name}"
            found[full] = command
            walk(f"{full} ", command)

    walk("", typer.main.get_command(app))
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmark", *args], capture_output=True, text=True, check=False
    )


def test_version_flag_prints_the_package_version() -> None:
    """`bench --version` prints the version of the installed package."""
    run = _run("--version")
    assert (0, f"envoy-bench {__version__}") == (run.returncode, run.stdout.strip())


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help(name: str) -> None:
    """Each command explains itself in `--help`, and every option has a help text."""
    command = _commands()[name]
    assert (command.help or "").strip(), f"`bench {name}` has no help text"
    for param in command.params:
        if getattr(param, "param_type_name", "") == "option":
            assert (param.help or "").strip(), f"`bench {name}` option {param.name} lacks help"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    """The README shows each command in use, so no command is a secret."""
    assert re.search(rf"\bbench {re.escape(name)}\b", README), f"README never shows `bench {name}`"


def test_help_does_not_import_heavy_libraries() -> None:
    """Loading the CLI imports none of numpy, datasets, sklearn, spacy, pyarrow or rich."""
    code = (
        "import sys, benchmark.cli; "
        "print(sorted(m for m in ('numpy','datasets','sklearn','spacy','pyarrow','rich') "
        "if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == run.stdout.strip()


def test_unknown_option_is_a_usage_error_without_traceback() -> None:
    """A wrong flag exits 2 with click's message and no traceback."""
    run = _run("validate", "--no-such-flag")
    assert 2 == run.returncode
    assert "No such option: --no-such-flag" in run.stderr
    assert "Traceback" not in run.stderr


def test_writing_commands_name_the_data_root_they_change(data_root: Path) -> None:
    """`bench review` says on stderr which data root it writes to, and why that one."""
    run = _run("review", "000_8dbbdfc2a546922b", "--reviewer", "R", "--root", str(data_root))
    assert 0 == run.returncode, run.stderr
    assert f"data root: {data_root} (--root)" == run.stderr.splitlines()[0]


def test_info_reports_the_root_and_its_documents_per_split(data_root: Path) -> None:
    """`bench info -f json` names the root given and counts each split's metadata lines."""
    import json

    from tests.conftest import raw_metadata

    run = _run("info", "--root", str(data_root), "-f", "json")
    info = json.loads(run.stdout)
    expected: dict[str, int] = {}
    for meta in raw_metadata(data_root).values():
        expected[meta["split"]] = expected.get(meta["split"], 0) + 1
    assert (str(data_root.resolve()), True, expected) == (
        info["root"],
        info["writable"],
        info["documents"],
    )


def test_outputs_never_overwrite_their_inputs(data_root: Path, tmp_path: Path) -> None:
    """`bench report --out` on the submission, `bench agreement -o` inside an input folder and
    `bench diff -o` on a compared file are refused (exit 2); every input keeps its bytes."""
    import shutil

    sub = tmp_path / "rules.jsonl"
    shutil.copy(Path(__file__).resolve().parent.parent / "submissions/rules/predictions.jsonl", sub)
    folder = data_root / "annotations" / "test"
    gold = next(folder.glob("*.jsonl"))
    before = {p: p.read_bytes() for p in (sub, gold)}
    runs = [
        _run("report", str(sub), "--out", str(sub)),
        _run("agreement", str(folder), str(folder), "-o", str(gold), "--root", str(data_root)),
        _run("diff", str(gold), str(gold), "-o", str(gold)),
    ]
    assert [2, 2, 2] == [r.returncode for r in runs], [r.stderr for r in runs]
    assert not any("Traceback" in r.stderr for r in runs)
    assert before == {p: p.read_bytes() for p in before}


def test_export_and_import_never_replace_annotation_work_unless_told(
    data_root: Path, tmp_path: Path
) -> None:
    """A second brat export into the same folder, and an import over an existing gold file,
    exit 2 and leave the files as the annotator left them; --overwrite replaces them."""
    folder = tmp_path / "brat"
    root = ["--root", str(data_root)]
    assert 0 == _run("export", "--format", "brat", "--out", str(folder), *root).returncode
    ann = next(folder.glob("*.ann"))
    ann.write_text(ann.read_text(encoding="utf-8") + "\n")  # the annotator's edit
    edited = ann.read_bytes()
    again = _run("export", "--format", "brat", "--out", str(folder), *root)
    assert (2, edited) == (again.returncode, ann.read_bytes()), again.stderr
    assert "pass --overwrite" in again.stderr
    out = tmp_path / "imported"
    out.mkdir()
    gold = out / ann.with_suffix(".jsonl").name
    gold.write_text("mine\n", encoding="utf-8")
    refused = _run("import", "--format", "brat", str(folder), "--out", str(out), *root)
    assert (2, "mine\n") == (refused.returncode, gold.read_text(encoding="utf-8"))
    assert "pass --overwrite" in refused.stderr
    forced = _run("export", "--format", "brat", "--out", str(folder), "--overwrite", *root)
    assert 0 == forced.returncode and edited != ann.read_bytes()


def test_an_output_under_a_regular_file_names_that_file(tmp_path: Path) -> None:
    """`bench score -o` into a "folder" that is a regular file says so (it used to say the
    folder does not exist), exit 2, nothing written."""
    in_the_way = tmp_path / "afile"
    in_the_way.write_text("x", encoding="utf-8")
    sub = str(
        Path(__file__).resolve().parent.parent / "submissions" / "rules" / "predictions.jsonl"
    )
    run = _run("score", sub, "-o", str(in_the_way / "x.json"))
    expected = f"-o {in_the_way / 'x.json'}: {in_the_way} is a file, not a folder"
    assert (2, True, False) == refusal(run, expected), run.stderr
    assert "x" == in_the_way.read_text(encoding="utf-8")


def test_report_and_compare_refuse_draft_gold_and_score_refuses_output_into_gold(
    data_root: Path,
) -> None:
    """With the seed marked unreviewed, report and compare exit 2 naming it (compare runs with
    --allow-unreviewed and warns first); score -o into the gold folder is refused."""
    import json

    from tests.conftest import mark_unreviewed

    sub = str(Path(__file__).resolve().parent.parent / "submissions/rules/predictions.jsonl")
    gold = data_root / "annotations" / "test" / "000_8dbbdfc2a546922b.jsonl"
    mark_unreviewed(gold)
    before = gold.read_bytes()
    g = ["--gold", str(data_root)]
    out = str(data_root / "r.html")
    refused = [
        _run("report", sub, "--out", out, *g),
        _run("compare", sub, sub, *g),
        _run("score", sub, *g, "--allow-unreviewed", "-o", str(gold)),
    ]
    assert [2, 2, 2] == [r.returncode for r in refused], [r.stderr for r in refused]
    assert "000_8dbbdfc2a546922b" in refused[0].stderr + refused[1].stderr
    assert before == gold.read_bytes()
    allowed = _run("compare", sub, sub, *g, "--allow-unreviewed", "-f", "json")
    assert 0 == allowed.returncode, allowed.stderr
    assert json.loads(allowed.stdout)["warnings"][0].startswith("scored against 1 unreviewed")


def test_dash_output_is_standard_output_for_every_command_with_o(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` writes to standard output, as no -o does, and creates no file named `-`, for
    every command that has -o (score, compare, agreement, diff)."""
    from tests.conftest import run_bench

    repo = Path(__file__).resolve().parent.parent
    sub = str(repo / "submissions" / "rules" / "predictions.jsonl")
    passes = [str(repo / "annotations" / "agreement" / p) for p in ("pass1", "pass2")]
    runs = {
        "score": ["score", sub, "--gold", str(repo), "-f", "json", "--n-boot", "0"],
        "compare": ["compare", sub, sub, "--gold", str(repo), "-f", "json", "--n-boot", "0"],
        "agreement": ["agreement", *passes, "--root", str(repo), "-f", "json"],
        "diff": ["diff", str(repo / "annotations" / "test"), str(repo / "annotations" / "test")],
    }
    with_o = {name for name, cmd in _commands().items() if any("-o" in p.opts for p in cmd.params)}
    assert set(runs) == with_o
    monkeypatch.chdir(tmp_path)
    for name, args in runs.items():
        plain, dashed = run_bench(*args), run_bench(*args, "-o", "-")
        assert (0, 0) == (plain.returncode, dashed.returncode), (name, dashed.stderr)
        assert plain.stdout and plain.stdout == dashed.stdout, name
        assert [] == list(tmp_path.iterdir()), name
