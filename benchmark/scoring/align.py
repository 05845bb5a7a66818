"""Span alignment: one-to-one pairs of gold and predicted spans, exact pairs first."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter, sub
from typing import Any


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


class SpanIndex:
    """Gold spans by identity and sorted by start, for "largest overlap" look-ups without a
    quadratic scan. Each part is built on first use: one document's index serves both the
    alignment (which needs only :attr:`exact`) and the argument resolver."""

    #: Look-ups of :meth:`best` answered by scanning every span before the sorted index is
    #: built: a document's few overlap look-ups (the argument resolver's) cost less scanned
    #: than the index costs to sort.
    SCANS_BEFORE_SORTING = 6

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        self._scans = 0

    @cached_property
    def exact(self) -> dict[tuple[int, int], int]:
        """The first index of each distinct span."""
        spans = self.spans
        # built from the last span to the first, so the first index of a span is kept
        return dict(zip(reversed(spans), range(len(spans) - 1, -1, -1), strict=True))

    @cached_property
    def _sorted(self) -> tuple[list[int], list[int], int]:
        """Span indices by start, their starts, and the longest span's length."""
        # by start alone (ints compare faster than tuples): spans of one start keep their
        # index order, and best() breaks ties between them by length, so the end is not needed
        spans = self.spans
        starts = list(map(itemgetter(0), spans))
        longest = max(map(sub, map(itemgetter(1), spans), starts), default=0)
        order = sorted(range(len(spans)), key=starts.__getitem__)
        return order, [starts[i] for i in order], longest

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of the spans that overlap ``[start, end)``."""
        order, starts, max_len = self._sorted
        lo = bisect_left(starts, start - max_len)
        hi = bisect_left(starts, end)
        out = []
        for k in range(lo, hi):
            i = order[k]
            s, e = self.spans[i]
            if s < end and start < e:
                out.append(i)
        return out

    def best(self, start: int, end: int) -> int | None:
        """The span overlapping most; ties: the shorter, then the earlier."""
        if self._scans < self.SCANS_BEFORE_SORTING and "_sorted" not in self.__dict__:
            self._scans += 1
            # in index order: among identical spans the first, as in the sorted index
            found = [i for i, (s, e) in enumerate(self.spans) if s < end and start < e]
        else:
            found = self.overlapping(start, end)
        if not found:
            return None
        return min(
            found,
            key=lambda i: (
                -overlap(start, end, *self.spans[i]),
                self.spans[i][1] - self.spans[i][0],
                self.spans[i][0],
            ),
        )


@dataclass
class Alignment:
    """One-to-one pairs of (gold index, predicted index), exact pairs first."""

    exact: list[tuple[int, int]] = field(default_factory=list)
    overlapping: list[tuple[int, int]] = field(default_factory=list)


def align_spans(
    gold: Sequence[tuple[int, int]],
    pred: Sequence[tuple[int, int]],
    index: SpanIndex | None = None,
) -> Alignment:
    """Align gold and predicted spans one-to-one: identical spans, then largest overlap.

    A predicted span identical to an earlier predicted span is a duplicate: it is never
    aligned, so it counts as a false positive (as nervaluate counts it), and it cannot take a
    nested gold span that another prediction should get. ``index``: a :class:`SpanIndex` of
    ``gold`` the caller already has.
    """
    result = Alignment()
    # the first gold index of each span: a span is paired exactly once (a repeated gold span
    # can only pair by overlap, as the predicted span that could take it is a duplicate)
    first = (index or SpanIndex(gold)).exact
    if len(set(pred)) == len(pred):
        # no duplicate (the usual case): the exact pairs with one dictionary look-up per span
        found = list(map(first.get, pred))
        result.exact = [(gi, pi) for pi, gi in enumerate(found) if gi is not None]
        if len(result.exact) == len(pred):
            return result
        used_gold: set[int | None] = set(found)  # (with None: harmless)
        rest_pred = [pi for pi, gi in enumerate(found) if gi is None]
    else:
        used_gold = set()
        rest_pred = []
        seen: set[tuple[int, int]] = set()
        exact = result.exact
        for pi, span in enumerate(pred):
            if span in seen:
                continue
            seen.add(span)
            gi = first.get(span)
            if gi is not None:
                used_gold.add(gi)
                exact.append((gi, pi))
            else:
                rest_pred.append(pi)
        if not rest_pred:
            return result
    rest_gold = [gi for gi in range(len(gold)) if gi not in used_gold]
    if rest_gold:
        result.overlapping = overlap_pairs(gold, pred, rest_gold, rest_pred)
    return result


def overlap_pairs(
    gold: Sequence[tuple[int, int]],
    pred: Sequence[tuple[int, int]],
    rest_gold: Sequence[int],
    rest_pred: Sequence[int],
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of the spans ``rest_gold`` and
    ``rest_pred`` (indices of ``gold`` and ``pred``) by largest overlap: the second stage of
    :func:`align_spans`, which a caller whose spans hold no identical pair calls alone."""
    near: list[tuple[int, Sequence[int]]]
    if len(rest_pred) * len(rest_gold) > 256:
        # many left over: only the gold spans an index sorted by start finds near each one
        rest_index = SpanIndex([gold[g] for g in rest_gold])
        near = [(pi, [rest_gold[k] for k in rest_index.overlapping(*pred[pi])]) for pi in rest_pred]
    else:  # few (the usual case): trying every pair is cheaper than sorting them
        near = [(pi, rest_gold) for pi in rest_pred]
    candidates: list[tuple[int, int, int, int, int]] = []
    for pi, near_gold in near:
        ps, pe = pred[pi]
        for gi in near_gold:
            gs, ge = gold[gi]
            if gs < pe and ps < ge:  # they overlap (by min(pe, ge) - max(ps, gs) >= 0)
                candidates.append((max(ps, gs) - min(pe, ge), ge - gs, gs, pi, gi))
    candidates.sort()
    taken_pred: set[int] = set()
    taken_gold: set[int] = set()
    pairs = []
    for _, _, _, pi, gi in candidates:
        if pi in taken_pred or gi in taken_gold:
            continue
        taken_pred.add(pi)
        taken_gold.add(gi)
        pairs.append((gi, pi))
    return pairs


def unmatched_verdicts(
    gold: Sequence[Sequence[object]],
    pred: Sequence[Sequence[object]],
    matched_gold: set[int],
    matched_pred: set[int],
) -> list[dict[str, Any]]:
    """Per-span verdicts of what an alignment left over: a false negative for each unmatched
    gold span, a false positive for each unmatched predicted span."""
    # the unmatched indices by set difference: usually far fewer than the spans
    missed = sorted(set(range(len(gold))).difference(matched_gold))
    spurious = sorted(set(range(len(pred))).difference(matched_pred))
    return [{"verdict": "fn", "gold": list(gold[i]), "pred": None} for i in missed] + [
        {"verdict": "fp", "gold": None, "pred": list(pred[i])} for i in spurious
    ]
