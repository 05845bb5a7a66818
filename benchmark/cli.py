"""The ``bench`` command: a thin layer that parses arguments, calls the library, formats output.

Each command is a small ``*_cli`` function. Library errors (``benchmark.errors``) are mapped to
messages and exit codes in one place, :func:`main`; no traceback reaches a user. Heavy
libraries are imported inside the commands that need them, so ``bench --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from benchmark import __version__
from benchmark.errors import BenchError, OutputClosed

app = typer.Typer(
    name="bench",
    help="envoy-bench: score, build and maintain a benchmark of who phoned, met, sanctioned "
    "or appointed whom, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

RootOpt = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Data root holding annotations/ and seeds/ (default: as `bench info` says).",
    ),
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"envoy-bench {__version__}")
        raise typer.Exit()


@app.callback()
def _root_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """envoy-bench command line."""


OverwriteOpt = Annotated[
    bool,
    typer.Option("--overwrite", help="Replace files in --out that already hold annotations."),
]


def _refuse_overwrite(existing: list[Path], overwrite: bool) -> None:
    """An export or import never replaces someone's annotations unless told to."""
    if existing and not overwrite:
        from benchmark.errors import UsageError

        shown = ", ".join(str(p) for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise UsageError(
            f"{shown}: already exists and may hold annotation work; choose another --out, or "
            "pass --overwrite to replace it"
        )


def _gold_inputs(gold: Path | None) -> list[Path]:
    """The folders a scoring command reads gold from: no output may land inside them. Of a data
    root, its ``annotations/`` and ``seeds/`` (a report beside them is the user's choice, as
    it is with the shipped gold); of a built folder, the whole folder."""
    from benchmark.model import default_root

    if gold is None:
        root = default_root()
    elif (gold / "annotations").is_dir() and (gold / "seeds").is_dir():
        root = gold
    elif gold.name == "annotations" and (gold.parent / "seeds").is_dir():
        root = gold.parent
    else:
        return [gold]
    return [root / "annotations", root / "seeds"]


AllowUnreviewedOpt = Annotated[
    bool,
    typer.Option(
        "--allow-unreviewed",
        help="Score against gold not yet reviewed (drafts); the report says so.",
    ),
]


def _draft_warning(docs: list[Any]) -> list[str]:
    """The warning a result scored against unreviewed gold (--allow-unreviewed) carries first."""
    from benchmark.scoring.gold import draft_warning

    return draft_warning([d.id for d in docs if d.status != "reviewed"])


def _announce_root(root: Path | None) -> None:
    """Every command that writes to the data root first says which one (on stderr)."""
    from benchmark.model import find_root, writable_root

    path, reason = (root, "--root") if root is not None else find_root()
    writable_root(path)
    typer.echo(f"data root: {path} ({reason})", err=True)


@app.command("info")
def info_cli(
    root: RootOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Say which data root the commands use and why, its versions and documents per split."""
    from benchmark.errors import UsageError
    from benchmark.model import describe_root

    if fmt not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {fmt!r}")
    info = describe_root(root)
    if fmt == "json":
        import json

        typer.echo(json.dumps(info, indent=2))
        return
    splits = ", ".join(f"{k} {v}" for k, v in info["documents"].items())
    typer.echo(
        f"data root: {info['root']}\n"
        f"chosen as: {info['reason']}\n"
        f"writable:  {'yes' if info['writable'] else 'no (commands that write refuse it)'}\n"
        f"dataset version {info['dataset_version']}, guidelines version "
        f"{info['guidelines_version']}\n"
        f"documents: {splits}"
    )


@app.command("validate")
def validate_cli(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Annotation files or data roots to check (default: the shipped gold)."),
    ] = None,
    root: RootOpt = None,
) -> None:
    """Check gold annotations: schema, offsets, references, types, TIMEX3 values, seed hashes."""
    from benchmark.validate import validate_paths

    report = validate_paths(paths or [], root=root)
    for problem in report.problems:
        typer.echo(str(problem), err=True)
    if report.problems:
        typer.echo(
            f"{len(report.problems)} problem(s) found in {report.files} file(s) checked.", err=True
        )
        raise typer.Exit(1)
    typer.echo(f"OK: {report.files} file(s), {report.documents} document(s) valid.")


@app.command("stats")
def stats_cli(
    root: RootOpt = None,
    split: Annotated[str | None, typer.Option(help="Only this split (default: all).")] = None,
) -> None:
    """Print counts per layer and type of the gold."""
    from benchmark.stats import corpus_stats, format_stats

    typer.echo(format_stats(corpus_stats(root=root, split=split)))


GoldOpt = Annotated[
    Path | None,
    typer.Option(
        "--gold",
        help="Gold to score against: a data root, an annotations/ folder or a built dataset "
        "folder (default: the shipped gold).",
    ),
]
SplitOpt = Annotated[str, typer.Option("--split", help="Split: test, dev or contrast.")]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="Output format: table, json or markdown.")
]


def _dash_is_stdout(value: Path | None) -> Path | None:
    """``-o -`` is standard output, as no option given: never a file named ``-``."""
    return None if value is not None and str(value) == "-" else value


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file (atomically); - is standard output (the default).",
        callback=_dash_is_stdout,
    ),
]
BootOpt = Annotated[
    int, typer.Option("--n-boot", help="Resamples of the bootstrap or test (0: none).")
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the resampling.")]
ResampleOpt = Annotated[
    str,
    typer.Option(
        "--resample",
        help="Resampling unit: documents (needs at least 10) or items (scored relations, "
        "mentions, timexes; assumes they are independent).",
    ),
]


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        try:
            typer.echo(text, nl=False)
        except BrokenPipeError:  # the reader went away (`| head`): see cli.main
            raise OutputClosed("standard output") from None
    else:
        from benchmark.model import atomic_write_text

        atomic_write_text(output, text)  # OutputError naming the file when the write fails
        typer.echo(f"wrote {output}", err=True)


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json", "markdown"):
        from benchmark.errors import UsageError

        raise UsageError(f"--format must be table, json or markdown, not {fmt!r}")


@app.command("score")
def score_cli(
    predictions: Annotated[
        str, typer.Argument(help="Submission file (JSON Lines); - reads standard input.")
    ],
    gold: GoldOpt = None,
    split: SplitOpt = "test",
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only validate the submission; do not score it.")
    ] = False,
    n_boot: BootOpt = 1000,
    seed: SeedOpt = 0,
    resample: ResampleOpt = "documents",
    n_process: Annotated[
        int,
        typer.Option(
            "--n-process",
            help="Worker processes that score documents (0: one per core, for 1,000 "
            "documents or more per worker; the scores do not depend on it).",
        ),
    ] = 0,
    allow_unreviewed: AllowUnreviewedOpt = False,
) -> None:
    """Score a submission against the gold: relations, mentions, timexes, with 95% CIs."""
    import gc
    import tempfile

    from benchmark.model import check_output, missing_warning
    from benchmark.scoring.stream import atomic_output, score_file, write_json

    _check_format(fmt)
    check_output(output, [predictions, *_gold_inputs(gold)])
    gc.disable()  # millions of small objects, no cycles: collection is a third of the run
    if check:
        result = score_file(
            predictions,
            gold=gold,
            split=split,
            n_boot=0,
            details=False,
            summary=True,
            list_limit=0,
            n_process=n_process,
            show_progress=True,
            allow_unreviewed=True,  # checking a submission's shape needs no reviewed gold
        )
        report = result.report
        n = report["documents"] - len(report["errors"]["missing_documents"])
        typer.echo(f"OK: {predictions} is a valid submission ({n} document(s)).")
        for warning in missing_warning(report["errors"]["missing_documents"]):
            typer.echo(f"warning: {warning}", err=True)
        return
    common = {
        "gold": gold,
        "split": split,
        "n_boot": n_boot,
        "seed": seed,
        "resample": resample,
        "n_process": n_process,
        "show_progress": True,
        "allow_unreviewed": allow_unreviewed,
    }
    if fmt == "json":
        spool = ""
        try:  # the error lists are spooled to temporary files: a full disk may stop them too
            with tempfile.TemporaryDirectory(prefix="envoy-bench-") as spool:
                result = score_file(predictions, details=True, spool_dir=spool, **common)  # type: ignore[arg-type]
                try:
                    with atomic_output(output) as out:
                        write_json(result, out)
                except BrokenPipeError:  # the reader went away (`| head`): see cli.main
                    raise OutputClosed(output or "standard output") from None
        except OSError as exc:
            from benchmark.errors import OutputError

            named = None if exc.filename is None else Path(exc.filename)
            if named is not None and not (
                named.is_relative_to(spool)
                or (output is not None and named.parent == Path(output).parent)
            ):
                raise  # a file of the gold or of the submission: main() names it
            why = exc.strerror or str(exc)
            raise OutputError(
                f"{output or 'standard output'}: cannot write ({why}); nothing was written there"
            ) from exc
        if output is not None:
            typer.echo(f"wrote {output}", err=True)
        _echo_warnings(result.report["warnings"])
        return
    from benchmark.render import MAX_ERRORS, prepare_table, render_markdown, render_table

    limit = MAX_ERRORS if fmt == "table" else None
    result = score_file(
        predictions,
        details=False,
        summary=fmt == "table",
        list_limit=limit,
        prepare=prepare_table if fmt == "table" else None,
        **common,  # type: ignore[arg-type]
    )
    report = result.report
    _emit(render_markdown(report) if fmt == "markdown" else render_table(report), output)
    if output is not None:  # the table and Markdown carry them; a file is not read at once
        _echo_warnings(report["warnings"])


def _echo_warnings(warnings: list[str]) -> None:
    """A report's warnings on stderr (missing documents, no intervals, drafts scored)."""
    from benchmark.render import safe

    for warning in warnings:
        typer.echo(f"warning: {safe(warning)}", err=True)


@app.command("compare")
def compare_cli(
    a: Annotated[Path, typer.Argument(help="Submission A (JSON Lines).")],
    b: Annotated[Path, typer.Argument(help="Submission B (JSON Lines).")],
    gold: GoldOpt = None,
    split: SplitOpt = "test",
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    n_boot: BootOpt = 1000,
    seed: SeedOpt = 0,
    resample: ResampleOpt = "documents",
    allow_unreviewed: AllowUnreviewedOpt = False,
) -> None:
    """Compare two submissions: paired approximate randomization test per headline metric."""
    from benchmark.model import check_output
    from benchmark.scoring import compare, load_gold
    from benchmark.scoring.stream import compare_files
    from benchmark.submission import read_submission

    _check_format(fmt)
    if str(a) == str(b) == "-":
        from benchmark.errors import UsageError

        raise UsageError("A and B are both standard input (-): it can be read only once")
    check_output(output, [str(a), str(b), *_gold_inputs(gold)])
    if resample == "documents":  # streamed, as bench score: only count rows are kept
        result = compare_files(
            a,
            b,
            gold=gold,
            split=split,
            n_resamples=n_boot,
            seed=seed,
            show_progress=True,
            allow_unreviewed=allow_unreviewed,
        )
    else:  # the item test pairs the tuples of both submissions, read whole
        from benchmark.scoring.stream import gold_splits, gold_versions

        docs = load_gold(gold, split, allow_unreviewed=allow_unreviewed)

        def splits_of() -> dict[str, str]:
            return gold_splits(gold)

        result = compare(
            docs,
            read_submission(a, docs, split=split, splits_of=splits_of),
            read_submission(b, docs, split=split, splits_of=splits_of),
            n_resamples=n_boot,
            seed=seed,
            unit=resample,
            split=split,
            manifest=gold_versions(gold),
        )
        result["warnings"][:0] = _draft_warning(docs)
    if fmt == "json":
        import json

        _emit(json.dumps(result, indent=2, ensure_ascii=False) + "\n", output)
    elif fmt == "markdown":
        from benchmark.render import render_compare_markdown

        _emit(render_compare_markdown(result), output)
    else:
        from benchmark.render import render_compare

        _emit(render_compare(result), output)


@app.command("schema")
def schema_cli(
    name: Annotated[str, typer.Argument(help="submission or report.")] = "submission",
) -> None:
    """Print a published JSON Schema: the submission line format or the JSON score report."""
    import json

    from benchmark.submission import schema

    typer.echo(json.dumps(schema(name), indent=2, ensure_ascii=False))


@app.command("build")
def build_cli(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the dataset into.")],
    root: RootOpt = None,
) -> None:
    """Build the Hugging Face dataset folder (Parquet files and dataset card)."""
    from benchmark.dataset import build_dataset

    result = build_dataset(out, root=root)
    for config, splits in result.rows.items():
        sizes = ", ".join(f"{split} {n}" for split, n in splits.items())
        typer.echo(f"{config} rows per split: {sizes}")
    typer.echo(f"wrote {result.out}")


@app.command("push")
def push_cli(
    repo_id: Annotated[str, typer.Option("--repo-id", help="Hub dataset repository, ORG/NAME.")],
    folder: Annotated[
        Path, typer.Option("--folder", help="Built dataset folder (from `bench build`).")
    ] = Path("dist/envoy-bench"),
    private: Annotated[bool, typer.Option("--private", help="Create the repository private.")] = (
        False
    ),
) -> None:
    """Publish a built dataset folder to the Hugging Face Hub (token from HF_TOKEN or login)."""
    import os

    from benchmark.dataset import push_dataset

    url = push_dataset(folder, repo_id, token=os.environ.get("HF_TOKEN"), private=private)
    typer.echo(f"published {url}")


@app.command("predict")
def predict_cli(
    system: Annotated[
        str,
        typer.Option("--system", help="cooccurrence, rules, learned, oracle-mentions or llm."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Submission file to write (JSON Lines).")],
    docs: Annotated[
        Path | None,
        typer.Option(
            "--docs",
            help="Articles: a JSONL of {doc_id, text, published} or a folder "
            "of .txt files (default: the test split).",
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date of a .txt folder.")
    ] = None,
    split: SplitOpt = "test",
    model: Annotated[
        str | None,
        typer.Option("--model", help="An installed spaCy pipeline, e.g. en_core_web_sm."),
    ] = None,
    n_process: Annotated[int, typer.Option("--n-process", help="Worker processes.")] = 1,
    in_sample: Annotated[
        bool,
        typer.Option(
            "--in-sample",
            help="learned on dev: use the shipped model (trained on dev) instead of "
            "out-of-fold predictions.",
        ),
    ] = False,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="llm: OpenAI-compatible endpoint URL.")
    ] = None,
    api_key_env: Annotated[
        str, typer.Option("--api-key-env", help="llm: environment variable holding the key.")
    ] = "OPENAI_API_KEY",
    cache: Annotated[Path, typer.Option("--cache", help="llm: folder of cached answers.")] = Path(
        ".cache/llm"
    ),
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            help="llm: total seconds one document's request may take, retries included.",
        ),
    ] = 120.0,
    allow_http: Annotated[
        bool,
        typer.Option(
            "--allow-http", help="llm: allow a plain http:// endpoint on another machine."
        ),
    ] = False,
) -> None:
    """Run a baseline system over the test split (or any articles) and write a submission.

    With --system llm, --model names the endpoint's model and answers are cached in --cache.
    With --system learned --split dev, every document is predicted by a model trained on the
    other folds (out-of-fold), since the shipped model was trained on dev.
    """
    from benchmark.baselines import predict_documents, read_articles, write_jsonl
    from benchmark.model import load_documents

    client = None
    if system == "llm":
        from benchmark.baselines.llm import client_from_options

        client = client_from_options(
            {
                "base_url": base_url,
                "model": model,
                "api_key_env": api_key_env,
                "cache_dir": cache,
                "timeout": timeout,
                "allow_http": allow_http,
            }
        )
        model = None

    gold = {d.id: d for d in load_documents(split=split)}
    articles = read_articles(docs, published) if docs is not None else list(gold.values())
    from benchmark.scoring.stream import tty_progress

    # a progress bar only on a terminal (none in a log or a pipe), as bench score
    progress, bar = tty_progress(len(articles), minimum=20)
    lines = predict_documents(
        system,
        articles,
        model=model,
        n_process=n_process,
        gold=gold,
        progress=progress,
        llm=client,
        # the learned model was trained on dev: its dev predictions are out-of-fold
        out_of_fold=system == "learned" and split == "dev" and docs is None and not in_sample,
    )
    if bar is not None:
        bar.close()
    write_jsonl(lines, out)
    typer.echo(f"wrote {len(lines)} document(s) to {out}", err=True)
    if client is not None:
        import json
        from dataclasses import asdict

        from benchmark.model import atomic_write_text

        report = asdict(client.report)
        sidecar = out.with_name(out.name + ".llm-report.json")
        atomic_write_text(sidecar, json.dumps(report, indent=2) + "\n")
        typer.echo(
            f"llm: {report['requests']} request(s), {report['cache_hits']} cached, "
            f"{report['retries']} retried, {len(report['unparseable'])} unparseable answer(s) "
            f"(details in {sidecar})",
            err=True,
        )


@app.command("harness-path")
def harness_path_cli() -> None:
    """Print the lm-evaluation-harness include path of the envoy_bench tasks.

    Run: lm_eval --model local-chat-completions --model_args model=M,base_url=URL
    --apply_chat_template --tasks envoy_bench --include_path "$(bench harness-path)"
    """
    from benchmark.harness import include_path

    typer.echo(str(include_path()))


@app.command("harness-submission")
def harness_submission_cli(
    samples: Annotated[
        Path, typer.Argument(help="lm-eval --log_samples file (samples_envoy_bench_*.jsonl).")
    ],
    out: Annotated[Path, typer.Option("--out", help="Submission file to write (JSON Lines).")],
) -> None:
    """Turn the saved generations of an envoy_bench harness run into a submission file.

    Answers are parsed as the harness task parses them, so `bench score OUT --split SPLIT`
    reproduces the harness's metrics (and adds intervals and the error analysis).
    """
    from benchmark.baselines import write_jsonl
    from benchmark.harness import submission_from_samples

    result = submission_from_samples(samples)
    write_jsonl(result["lines"], out)
    for problem in result["unparseable"]:
        typer.echo(
            f"warning: {problem['doc_id']}: answer predicts nothing ({problem['problem']})",
            err=True,
        )
    typer.echo(
        f"wrote {len(result['lines'])} document(s) of split {result['split']} to {out} "
        f"({len(result['unparseable'])} unparseable answer(s)); "
        f"score with: bench score {out} --split {result['split']}"
    )


@app.command("leaderboard")
def leaderboard_cli(
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when leaderboard.md is not up to date.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", help="Where leaderboard.md lives (default: repo).")
    ] = None,
) -> None:
    """Rescore every entry of submissions/ and write leaderboard.md (never edit it by hand).

    The leaderboard is the benchmark's published result, so it is built from reviewed test gold
    only: there is no --allow-unreviewed here. Review drafts first (`bench review`); to see an
    entry's scores against drafts, use `bench score --allow-unreviewed`, whose output says it
    is not a benchmark result.
    """
    from benchmark.leaderboard import build_leaderboard, leaderboard_path
    from benchmark.model import atomic_write_text

    if not check and output is None:
        _announce_root(None)
    path = output or leaderboard_path()
    text = build_leaderboard()
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            typer.echo(f"{path} is stale: run `bench leaderboard` and commit it.", err=True)
            raise typer.Exit(1)
        typer.echo(f"{path} is up to date.")
        return
    atomic_write_text(path, text)
    typer.echo(f"wrote {path}", err=True)


@app.command("contrast")
def contrast_cli(
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 when the built files are stale."),
    ] = False,
    root: RootOpt = None,
) -> None:
    """Build the contrast split from annotations/contrast-specs/*.json (texts, metadata, gold)."""
    from benchmark.contrast import build_contrast

    if not check:
        _announce_root(root)
    result = build_contrast(root, check=check)
    n = len(result.documents)
    if check:
        if result.stale:
            stale = "\n  ".join(result.stale)
            typer.echo(f"contrast split is stale; run `bench contrast`:\n  {stale}", err=True)
            raise typer.Exit(1)
        typer.echo(f"contrast split is up to date ({n} documents).")
        return
    typer.echo(
        f"{n} contrast documents: {len(result.written)} file(s) written, "
        f"{len(result.removed)} removed."
    )


@app.command("agreement")
def agreement_cli(
    a: Annotated[Path, typer.Argument(help="First annotation folder (<doc_id>.jsonl files).")],
    b: Annotated[Path, typer.Argument(help="Second annotation folder, same documents.")],
    root: RootOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """Inter-annotator agreement: mentions, coreference, timexes, relations, Cohen's kappa."""
    from benchmark.agreement import agreement, load_annotation_folder, render_agreement
    from benchmark.model import check_output

    check_output(output, [a, b])
    if fmt not in ("table", "json"):
        from benchmark.errors import UsageError

        raise UsageError(f"--format must be table or json, not {fmt!r}")
    report = agreement(load_annotation_folder(a, root), load_annotation_folder(b, root))
    if fmt == "json":
        import json

        _emit(json.dumps(report, indent=2, ensure_ascii=False) + "\n", output)
    else:
        from benchmark.safety import terminal_text

        _emit(terminal_text(render_agreement(report)), output)


@app.command("diff")
def diff_cli(
    old: Annotated[Path, typer.Argument(help="Old annotation file or folder.")],
    new: Annotated[Path, typer.Argument(help="New annotation file or folder.")],
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """Show what a change to the gold adds, removes and alters, record by record.

    Records are matched by content (a mention by span, type and entity name; a relation by
    type, argument names and trigger), so ids renumbered by an import show no change. Exits 0
    whether or not the files differ, as `git diff` does; 2 for a bad input.
    """
    from benchmark.gold_diff import diff_gold, render_diff
    from benchmark.model import check_output

    check_output(output, [old, new])
    report = diff_gold(old, new)
    if fmt == "json":
        import json

        _emit(json.dumps(report, indent=2, ensure_ascii=False) + "\n", output)
    else:
        from benchmark.safety import terminal_text

        _emit(terminal_text(render_diff(report)), output)


@app.command("add-doc")
def add_doc_cli(
    file: Annotated[Path, typer.Argument(help="The article, a UTF-8 text file.")],
    published: Annotated[str, typer.Option("--published", help="Publication date, YYYY-MM-DD.")],
    source: Annotated[str, typer.Option("--source", help="Where the text comes from.")],
    doc_id: Annotated[
        str | None, typer.Option("--id", help="Document id (default: NNN_<sha256 prefix>).")
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="Split: test or dev (contrast documents are made by bench contrast from "
            "their specs).",
        ),
    ] = "test",
    title: Annotated[str, typer.Option("--title", help="Headline or a descriptive title.")] = "",
    url: Annotated[str, typer.Option("--url", help="Where the article was published.")] = "",
    license: Annotated[
        str,
        typer.Option(
            "--license",
            help="Terms of the text (the dataset card shows them; say under what terms the "
            "text may be redistributed).",
        ),
    ] = "",
    keep_line_breaks: Annotated[
        bool,
        typer.Option(
            "--keep-line-breaks",
            help="Add a text whose line breaks inside paragraphs look like a hard wrap as it "
            "is (each such line becomes a sentence of its own).",
        ),
    ] = False,
    root: RootOpt = None,
) -> None:
    """Add an article to seeds/ byte for byte, with its metadata and sha256.

    Split test or dev: contrast documents are declared in annotations/contrast-specs/ and
    written by `bench contrast` (CONTRIBUTING §6).
    """
    from benchmark.contrib import add_document, orphan_texts

    _announce_root(root)
    seed = add_document(
        file,
        published=published,
        source=source,
        doc_id=doc_id,
        split=split,
        title=title,
        url=url,
        license=license,
        root=root,
        keep_line_breaks=keep_line_breaks,
    )
    typer.echo(f"added {seed.id} (sha256 {seed.sha256[:12]}..., split {seed.split})")
    if not license.strip():
        typer.echo(
            f"warning: {seed.id} has no --license: the dataset card will show its terms as "
            "empty; add them to its line in the split's metadata.jsonl",
            err=True,
        )
    for orphan in orphan_texts(root):
        typer.echo(f"warning: {orphan}", err=True)


@app.command("preannotate")
def preannotate_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id (from `bench add-doc`).")],
    system: Annotated[str, typer.Option("--system", help="rules or cooccurrence.")] = "rules",
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing annotation file.")
    ] = False,
    root: RootOpt = None,
) -> None:
    """Write draft annotations from a baseline, marked unreviewed."""
    from benchmark.contrib import preannotate

    _announce_root(root)
    path = preannotate(doc_id, system, root=root, overwrite=overwrite)
    typer.echo(f"wrote {path} (unreviewed)")


@app.command("segment")
def segment_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    write: Annotated[
        bool, typer.Option("--write", help="Write the result (default: a dry run).")
    ] = False,
    root: RootOpt = None,
) -> None:
    """Re-segment a document's gold into sentences and remap relation evidence."""
    from benchmark.contrib import render_resegment, resegment

    typer.echo(render_resegment(resegment(doc_id, write=write, root=root)), nl=False)


@app.command("review")
def review_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    reviewer: Annotated[str, typer.Option("--reviewer", help="Who reviewed the annotations.")],
    root: RootOpt = None,
) -> None:
    """Mark a document's annotations as reviewed."""
    from benchmark.contrib import mark_reviewed

    _announce_root(root)
    path, warnings = mark_reviewed(doc_id, reviewer, root=root)
    typer.echo(f"marked {path} reviewed by {reviewer}")
    _echo_warnings(warnings)


@app.command("export")
def export_cli(
    fmt: Annotated[str, typer.Option("--format", help="brat, label-studio or spacy.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")],
    doc_ids: Annotated[
        list[str] | None, typer.Argument(help="Documents to export (default: all).")
    ] = None,
    root: RootOpt = None,
    overwrite: OverwriteOpt = False,
) -> None:
    """Export gold annotations for brat, Label Studio or spaCy."""
    from benchmark import formats
    from benchmark.errors import UsageError
    from benchmark.model import load_documents

    docs = load_documents(root, split=None)
    if doc_ids:
        unknown = sorted(set(doc_ids) - {d.id for d in docs})
        if unknown:
            raise UsageError(f"unknown document(s): {', '.join(unknown)}")
        docs = [d for d in docs if d.id in doc_ids]
    exporters = {
        "brat": formats.export_brat,
        "label-studio": formats.export_label_studio,
        "spacy": formats.export_spacy,
    }
    if fmt not in exporters:
        raise UsageError(f"--format must be brat, label-studio or spacy, not {fmt!r}")
    _refuse_overwrite(formats.work_files(fmt, [d.id for d in docs], out), overwrite)
    written = exporters[fmt](docs, out)
    typer.echo(f"wrote {len(written)} file(s) to {out}")


@app.command("import")
def import_cli(
    fmt: Annotated[str, typer.Option("--format", help="brat or label-studio.")],
    src: Annotated[Path, typer.Argument(help="brat folder or Label Studio JSON export.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the annotation files.")],
    root: RootOpt = None,
    overwrite: OverwriteOpt = False,
) -> None:
    """Import annotations from brat or a Label Studio export into annotation files."""
    from benchmark.formats import import_annotations, work_files, write_documents

    docs, warnings = import_annotations(fmt, src, root)
    _refuse_overwrite(work_files("gold", [d.id for d in docs], out), overwrite)
    write_documents(docs, out)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"imported {len(docs)} document(s) into {out}")


@app.command("report")
def report_cli(
    predictions: Annotated[Path, typer.Argument(help="Submission file (JSON Lines).")],
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("report.html"),
    gold: GoldOpt = None,
    split: SplitOpt = "test",
    allow_unreviewed: AllowUnreviewedOpt = False,
) -> None:
    """Write a self-contained HTML error-analysis report of a submission."""
    from benchmark.html_report import render_report
    from benchmark.model import atomic_write_text, check_output
    from benchmark.scoring import load_gold, score
    from benchmark.scoring.stream import gold_splits, gold_versions
    from benchmark.submission import read_submission

    check_output(out, [predictions, *_gold_inputs(gold)], "--out")
    docs = load_gold(gold, split, allow_unreviewed=allow_unreviewed)
    submission = read_submission(
        predictions, docs, split=split, splits_of=lambda: gold_splits(gold)
    )
    report = score(docs, submission, split=split, manifest=gold_versions(gold))
    report["warnings"][:0] = _draft_warning(docs)
    atomic_write_text(out, render_report(report, docs))
    typer.echo(f"wrote {out}", err=True)


@app.command("show")
def show_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    html: Annotated[
        Path | None, typer.Option("--html", help="Write an HTML view to this file instead.")
    ] = None,
    root: RootOpt = None,
) -> None:
    """Show the gold of one document: highlighted mentions, timexes and a relation table."""
    from benchmark.errors import UsageError
    from benchmark.model import load_documents

    docs = {d.id: d for d in load_documents(root, split=None)}
    if doc_id not in docs:
        raise UsageError(f"unknown document {doc_id!r}; known: {', '.join(sorted(docs))}")
    if html is not None:
        from benchmark.html_report import render_document
        from benchmark.model import atomic_write_text

        atomic_write_text(html, render_document(docs[doc_id]))
        typer.echo(f"wrote {html}", err=True)
        return
    from rich.console import Console

    from benchmark.html_report import render_terminal

    Console().print(render_terminal(docs[doc_id]))


def main() -> None:
    """Console entry point: run the app, map library errors to messages and exit codes.

    Usage errors (a wrong flag) are handled by typer's standalone mode: message, exit 2.
    """
    import signal

    # a termination (a CI timeout, `kill`) unwinds like Ctrl-C: temporary files and spools are
    # removed, no half output is left, and worker processes are stopped
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app()
    except OutputClosed:
        # the reader went away (`| head`): no message, and nothing more for Python to flush
        # into the closed pipe at exit (which would print a BrokenPipeError of its own)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(OutputClosed.exit_code)
    except BenchError as exc:
        from benchmark.safety import mask_credentials, terminal_text

        typer.echo(f"error: {terminal_text(mask_credentials(str(exc)))}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # a file the library did not anticipate: still a message, no traceback
        from benchmark.safety import mask_credentials, terminal_text

        where = f"{exc.filename}: " if exc.filename else ""
        message = f"{where}{exc.strerror or exc}"
        typer.echo(f"error: {terminal_text(mask_credentials(message))}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":  # pragma: no cover
    main()
