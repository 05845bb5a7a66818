"""Mentions: the SemEval-2013 task 9.1 schemes (strict, exact, partial, type)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from benchmark.scoring.align import Alignment, align_spans, unmatched_verdicts

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
    outcomes: dict[tuple[bool, bool], int] = {}
    verdicts: list[dict[str, Any]] = []
    for pairs, exact in ((alignment.exact, True), (alignment.overlapping, False)):
        for gi, pi in pairs:
            same_type = gold[gi][2] == pred[pi][2]
            outcomes[exact, same_type] = outcomes.get((exact, same_type), 0) + 1
            if with_verdicts:
                verdict = "tp" if exact and same_type else "partial"
                verdicts.append(
                    {"verdict": verdict, "gold": list(gold[gi]), "pred": list(pred[pi])}
                )
    matched = len(alignment.exact) + len(alignment.overlapping)
    counts = _scheme_counts(outcomes, len(gold) - matched, len(pred) - matched)
    if with_verdicts:
        matched_gold = {gi for pairs in (alignment.exact, alignment.overlapping) for gi, _ in pairs}
        matched_pred = {pi for pairs in (alignment.exact, alignment.overlapping) for _, pi in pairs}
        verdicts += unmatched_verdicts(gold, pred, matched_gold, matched_pred)
        verdicts.sort(key=lambda v: (v["gold"] or v["pred"])[0])
    return counts, verdicts


def _cross_type_overlap(
    gold: Sequence[tuple[int, int, str]], pred: Sequence[tuple[int, int, str]]
) -> bool:
    """Whether some predicted span overlaps a gold span of another type (a sweep by start)."""
    spans = sorted([(s, e, t, 0) for s, e, t in gold] + [(s, e, t, 1) for s, e, t in pred])
    # furthest end so far of each side's spans, by type: an earlier span overlaps this one
    # exactly when it ends after this one starts
    reach: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for start, end, etype, side in spans:
        if end <= start:  # an empty span: leave it to the per-type alignment
            return True
        for t, e in reach[1 - side].items():
            if e > start and t != etype:
                return True
        mine = reach[side]
        if end > mine.get(etype, -1):
            mine[etype] = end
    return False


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
    alignment: Alignment | None = None,
) -> dict[str, TypeTally]:
    """Per entity type, the tally of its gold and predictions aligned on their own (as
    nervaluate does); ``TypeTally.schemes()`` turns a tally, or a sum of them, into counts.

    When no predicted span overlaps a gold span of another type, the alignment of everything
    (``alignment``, if the caller has it) split by type gives the same pairs: it pairs only
    overlapping spans, and filtering by type keeps the order it breaks ties by. Otherwise each
    type is aligned separately (reusing the identical-span pairs of the overall alignment).
    """
    types = sorted({g[2] for g in gold} | {p[2] for p in pred})
    if alignment is None:
        alignment = align_spans([(s, e) for s, e, _ in gold], [(s, e) for s, e, _ in pred])
    if len(types) > 1 and _cross_type_overlap(gold, pred):
        # Each type aligned on its own: its identical-span pairs are the overall alignment's
        # identical-span pairs of that type on both sides (a type's first prediction of a
        # span is also the first of all predictions of it, else it is a duplicate); only the
        # rest needs aligning, without the predictions that repeat a paired span.
        same = [(gi, pi) for gi, pi in alignment.exact if gold[gi][2] == pred[pi][2]]
        used_gold = {gi for gi, _ in same}
        used_pred = {pi for _, pi in same}
        paired = {pred[pi] for _, pi in same}
        gold_n = dict.fromkeys(types, 0)
        pred_n = dict.fromkeys(types, 0)
        same_n = dict.fromkeys(types, 0)
        rest_gold: dict[str, list[tuple[int, int]]] = {}
        rest_pred: dict[str, list[tuple[int, int]]] = {}
        for i, (s, e, x) in enumerate(gold):
            gold_n[x] += 1
            if i not in used_gold:
                rest_gold.setdefault(x, []).append((s, e))
        for i, (s, e, x) in enumerate(pred):
            pred_n[x] += 1
            if i not in used_pred and (s, e, x) not in paired:
                rest_pred.setdefault(x, []).append((s, e))
        for gi, _ in same:
            same_n[gold[gi][2]] += 1
        out = {}
        for t in types:
            exact, overlapping = same_n[t], 0
            if t in rest_gold and t in rest_pred:
                a = align_spans(rest_gold[t], rest_pred[t])
                exact += len(a.exact)
                overlapping = len(a.overlapping)
            matched = exact + overlapping
            out[t] = TypeTally(exact, overlapping, gold_n[t] - matched, pred_n[t] - matched)
        return out
    exact_n = dict.fromkeys(types, 0)
    overlap_n = dict.fromkeys(types, 0)
    for gi, _ in alignment.exact:
        exact_n[gold[gi][2]] += 1
    for gi, _ in alignment.overlapping:
        overlap_n[gold[gi][2]] += 1
    gold_n = dict.fromkeys(types, 0)
    pred_n = dict.fromkeys(types, 0)
    for g in gold:
        gold_n[g[2]] += 1
    for p in pred:
        pred_n[p[2]] += 1
    return {
        t: TypeTally(
            exact_n[t],
            overlap_n[t],
            gold_n[t] - exact_n[t] - overlap_n[t],
            pred_n[t] - exact_n[t] - overlap_n[t],
        )
        for t in types
    }
