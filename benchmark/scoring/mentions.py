"""Mentions: the SemEval-2013 task 9.1 schemes (strict, exact, partial, type)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple, Protocol

from benchmark.scoring.align import Alignment, align_spans, overlap_pairs, unmatched_verdicts

MENTION_SCHEMES = ("strict", "exact", "partial", "type")


@dataclass
class SchemeCounts:
    """SemEval-2013 9.1 counts of one scheme: correct, incorrect, partial, missed, spurious."""

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    @property
    def credit(self) -> float:
        return self.correct + 0.5 * self.partial

    @property
    def possible(self) -> int:
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        return self.correct + self.incorrect + self.partial + self.spurious

    def tp_fp_fn(self) -> tuple[float, float, float]:
        return self.credit, self.actual - self.credit, self.possible - self.credit


class StrictScheme:
    """Exact boundaries and type."""

    name = "strict"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if exact and same_type else "incorrect"


class ExactScheme:
    """Exact boundaries, any type."""

    name = "exact"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if exact else "incorrect"


class PartialScheme:
    """Exact boundaries are correct, an overlap is half right; type ignored."""

    name = "partial"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if exact else "partial"


class TypeScheme:
    """Any overlap with the right type."""

    name = "type"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if same_type else "incorrect"


class Scheme(Protocol):
    name: str

    def verdict(self, exact: bool, same_type: bool) -> str: ...


SCHEMES: tuple[Scheme, ...] = (StrictScheme(), ExactScheme(), PartialScheme(), TypeScheme())


#: The verdict of each scheme, in SCHEMES order, for each (exact, same type) outcome of a pair.
_VERDICTS = {
    (exact, same): tuple(s.verdict(exact, same) for s in SCHEMES)
    for exact in (True, False)
    for same in (True, False)
}


def _scheme_counts(
    outcomes: dict[tuple[bool, bool], int], missed: int, spurious: int
) -> dict[str, SchemeCounts]:
    """Counts of every scheme from the (exact, same type) outcomes of the aligned pairs."""
    tallies = [{"correct": 0, "incorrect": 0, "partial": 0} for _ in SCHEMES]
    for outcome, n in outcomes.items():
        for tally, verdict in zip(tallies, _VERDICTS[outcome], strict=True):
            tally[verdict] += n
    return {
        scheme.name: SchemeCounts(missed=missed, spurious=spurious, **tally)
        for scheme, tally in zip(SCHEMES, tallies, strict=True)
    }


def count_mentions(
    gold: Sequence[tuple[int, int, str]],
    pred: Sequence[tuple[int, int, str]],
    with_verdicts: bool = True,
    alignment: Alignment | None = None,
) -> tuple[dict[str, SchemeCounts], list[dict[str, Any]]]:
    """Counts per scheme, and (optionally) a verdict per mention for error analysis."""
    if alignment is None:
        alignment = align_spans([(s, e) for s, e, _ in gold], [(s, e) for s, e, _ in pred])
    exact, overlapping = alignment.exact, alignment.overlapping
    # whether each pair has the same type on both sides
    exact_same = [gold[gi][2] == pred[pi][2] for gi, pi in exact]
    overlapping_same = [gold[gi][2] == pred[pi][2] for gi, pi in overlapping]
    n_exact_same, n_overlapping_same = exact_same.count(True), overlapping_same.count(True)
    outcomes = {
        (True, True): n_exact_same,
        (True, False): len(exact) - n_exact_same,
        (False, True): n_overlapping_same,
        (False, False): len(overlapping) - n_overlapping_same,
    }
    matched = len(exact) + len(overlapping)
    counts = _scheme_counts(outcomes, len(gold) - matched, len(pred) - matched)
    verdicts: list[dict[str, Any]] = []
    if with_verdicts:
        verdicts = [
            {"verdict": "tp" if same else "partial", "gold": list(gold[gi]), "pred": list(pred[pi])}
            for (gi, pi), same in zip(exact, exact_same, strict=True)
        ]
        verdicts += [
            {"verdict": "partial", "gold": list(gold[gi]), "pred": list(pred[pi])}
            for gi, pi in overlapping
        ]
        matched_gold = {gi for pairs in (exact, overlapping) for gi, _ in pairs}
        matched_pred = {pi for pairs in (exact, overlapping) for _, pi in pairs}
        verdicts += unmatched_verdicts(gold, pred, matched_gold, matched_pred)
        verdicts.sort(key=lambda v: (v["gold"] or v["pred"])[0])
    return counts, verdicts


class TypeTally(NamedTuple):
    """What one type's aligned mentions come to: every pair has the type on both sides."""

    exact: int
    overlapping: int
    missed: int
    spurious: int

    def schemes(self) -> dict[str, SchemeCounts]:
        outcomes = {(True, True): self.exact, (False, True): self.overlapping}
        return _scheme_counts(outcomes, self.missed, self.spurious)


def count_mentions_per_type(
    gold: Sequence[tuple[int, int, str]],
    pred: Sequence[tuple[int, int, str]],
) -> dict[str, TypeTally]:
    """Per entity type, the tally of its gold and predictions aligned on their own (as
    nervaluate does); ``TypeTally.schemes()`` turns a tally, or a sum of them, into counts.

    Only counts are needed, so the identical-span pairs of a type are counted with sets
    rather than aligned: aligning a type on its own pairs each distinct (start, end, type) of
    its predictions with the first gold mention equal to it. The gold mentions left over (those
    equal to no prediction and the later copies of a repeated one) and the predictions equal to
    no gold mention are then aligned by overlap, type by type, with :func:`overlap_pairs` (they
    hold no identical pair, and a repeated prediction is a duplicate there too, never aligned,
    as :func:`align_spans` treats it).
    """
    gold_set = set(gold)
    common = gold_set.intersection(pred)
    gold_n = Counter(map(itemgetter(2), gold))
    pred_n = Counter(map(itemgetter(2), pred))
    exact_n = Counter(map(itemgetter(2), common))
    if len(common) == len(gold):  # every gold mention is predicted: nothing left to overlap
        rest_gold: list[tuple[int, int, str]] = []
    elif len(gold_set) == len(gold):
        rest_gold = [g for g in gold if g not in common]
    else:  # a repeated gold mention: only its first copy is paired
        rest_gold, paired = [], set()
        for g in gold:
            if g in common and g not in paired:
                paired.add(g)
            else:
                rest_gold.append(g)
    overlap_n: dict[str, int] = {}
    if rest_gold:
        rest_pred = [p for p in pred if p not in common]
        gold_by_type: dict[str, list[tuple[int, int]]] = {}
        for s, e, t in rest_gold:
            gold_by_type.setdefault(t, []).append((s, e))
        pred_by_type: dict[str, list[tuple[int, int]]] = {}
        for s, e, t in rest_pred:
            if t in gold_by_type:
                pred_by_type.setdefault(t, []).append((s, e))
        for t, spans in pred_by_type.items():
            # no identical pair is left, so only the overlap stage of the alignment; a repeated
            # prediction is a duplicate that is never aligned, as align_spans treats it
            distinct = list(dict.fromkeys(spans))
            golds = gold_by_type[t]
            overlap_n[t] = len(
                overlap_pairs(golds, distinct, range(len(golds)), range(len(distinct)))
            )
    out = {}
    for t in sorted(gold_n.keys() | pred_n.keys()):
        exact, overlapping = exact_n[t], overlap_n.get(t, 0)
        matched = exact + overlapping
        out[t] = TypeTally(exact, overlapping, gold_n[t] - matched, pred_n[t] - matched)
    return out
