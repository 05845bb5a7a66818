"""Score records: P/R/F1 from counts, and the ``Score`` shape of the report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

N_BOOT = 1000
SEED = 0


class Score(TypedDict):
    precision: float
    recall: float
    f1: float
    tp: float
    fp: float
    fn: float
    ci95: list[float] | None


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty denominator gives 0.0."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def make_score(tp: float, fp: float, fn: float, ci95: Sequence[float] | None = None) -> Score:
    """A SCORE record; counts are integers whenever they are whole (partial credit is .5), and
    ``ci95`` is None when no interval was computed (never a zero-width stand-in)."""
    p, r, f = prf(tp, fp, fn)
    return Score(
        precision=round(p, 6),
        recall=round(r, 6),
        f1=round(f, 6),
        tp=_num(tp),
        fp=_num(fp),
        fn=_num(fn),
        ci95=[round(x, 6) for x in ci95] if ci95 is not None else None,
    )


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 6)


def _triple(counts: Sequence[float]) -> tuple[float, float, float]:
    return _num(counts[0]), _num(counts[1]), _num(counts[2])
