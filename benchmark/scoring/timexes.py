"""Timexes: TempEval-3 strict and relaxed span matches, value and type accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from benchmark.scoring.align import align_spans, unmatched_verdicts


@dataclass
class TimexCounts:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    type_correct: int = 0


def count_timexes(
    gold: Sequence[tuple[int, int, str, str | None]],
    pred: Sequence[tuple[int, int, str, str | None]],
    with_verdicts: bool = True,
) -> tuple[TimexCounts, list[dict[str, Any]]]:
    alignment = align_spans([(t[0], t[1]) for t in gold], [(t[0], t[1]) for t in pred])
    counts = TimexCounts(gold=len(gold), pred=len(pred))
    verdicts: list[dict[str, Any]] = []
    matched_gold, matched_pred = set(), set()
    for pairs, exact in ((alignment.exact, True), (alignment.overlapping, False)):
        for gi, pi in pairs:
            matched_gold.add(gi)
            matched_pred.add(pi)
            counts.relaxed += 1
            counts.strict += exact
            value_ok = gold[gi][3] == pred[pi][3]
            counts.value_correct += value_ok
            counts.type_correct += gold[gi][2] == pred[pi][2]
            if with_verdicts:
                verdicts.append(
                    {
                        "verdict": "tp" if exact and value_ok else "partial",
                        "gold": list(gold[gi]),
                        "pred": list(pred[pi]),
                    }
                )
    if not with_verdicts:
        return counts, verdicts
    verdicts += unmatched_verdicts(gold, pred, matched_gold, matched_pred)
    verdicts.sort(key=lambda v: (v["gold"] or v["pred"])[0])
    return counts, verdicts
