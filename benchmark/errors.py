"""The library's exceptions, in one place.

The CLI maps each class to an exit code and prints its message; no traceback reaches a user.
Every exception that concerns input carries the located problems (file, line, field) that
caused it, so that all of them can be reported at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class BenchError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 1


class UsageError(BenchError):
    """A wrong flag, a missing file, an unknown name given on the command line."""

    exit_code = 2


class OutputClosed(BenchError):
    """The reader of standard output (a pipe, also when named as ``-o /dev/stdout``) closed it
    before the output was complete, as ``| head`` does: the command stops quietly with exit
    141, as a program stopped by SIGPIPE does (``cat big | head`` in a shell)."""

    exit_code = 141


class ProblemsError(BenchError):
    """An input has located problems; ``problems`` lists all of them (up to a cap)."""

    def __init__(self, summary: str, problems: list[Problem], truncated: int = 0) -> None:
        self.summary = summary
        self.problems = problems
        self.truncated = truncated
        super().__init__(summary)

    def __reduce__(self) -> tuple[Any, ...]:
        # a scoring worker's error reaches the parent pickled: rebuilt from ``args`` alone (the
        # summary), it failed there, and the pool's result thread died with the run hanging
        return type(self), (self.summary, self.problems, self.truncated)

    def __str__(self) -> str:
        lines = [self.summary, *(f"  {p}" for p in self.problems)]
        if self.truncated:
            lines.append(f"  ... and {self.truncated} more")
        return "\n".join(lines)


class AnnotationError(ProblemsError):
    """Gold annotation files are broken (``bench validate`` reports these, exit 1)."""

    exit_code = 1


class SubmissionError(ProblemsError):
    """A submission file is invalid (exit 2, as the design fixes)."""

    exit_code = 2


class FormatError(ProblemsError):
    """An annotation tool's file (brat standoff, a Label Studio export) is malformed or does not
    hold valid gold; nothing was written (exit 2: bad input)."""

    exit_code = 2


class MissingModelError(BenchError):
    """An optional model (a spaCy pipeline) is not installed."""

    exit_code = 2


class RemoteError(BenchError):
    """A remote service (an LLM endpoint, the Hugging Face Hub) failed."""

    exit_code = 3


class OutputError(BenchError):
    """An output could not be written (disk full, file too large, no permission); nothing was
    left half-written."""

    exit_code = 2


@contextlib.contextmanager
def located(where: str) -> Iterator[None]:
    """Read untrusted structured data (an import, an export file) inside this block: a missing
    key, an empty list, a wrong type or bad bytes become a :class:`UsageError` saying where,
    instead of a traceback."""
    try:
        yield
    except KeyError as exc:
        raise UsageError(f"{where}: missing field {exc.args[0]!r}") from None
    except IndexError:
        raise UsageError(f"{where}: an empty list where an item is required") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except (TypeError, AttributeError, ValueError) as exc:
        raise UsageError(f"{where}: a field has the wrong type or value ({exc})") from None
