"""The ``bench`` command: a thin layer that parses arguments, calls the library, formats output.

Each command is a small ``*_cli`` function. Library errors (``benchmark.errors``) are mapped to
messages and exit codes in one place, :func:`main`; no traceback reaches a user. Heavy
libraries are imported inside the commands that need them, so ``bench --help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from benchmark import __version__
from benchmark.errors import BenchError

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
    typer.Option("--root", help="Data root holding annotations/ and seeds/ (default: shipped)."),
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"envoy-bench {__version__}")
        raise typer.Exit()


@app.callback()
def _root_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """envoy-bench command line."""


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
            f"{len(report.problems)} problem(s) in {report.files} file(s).", err=True
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


def main() -> None:
    """Console entry point: run the app, map library errors to messages and exit codes.

    Usage errors (a wrong flag) are handled by typer's standalone mode: message, exit 2.
    """
    try:
        app()
    except BenchError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
