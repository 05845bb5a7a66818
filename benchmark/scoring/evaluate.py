"""The per-document loop: every layer of every document matched and counted.

:class:`Evaluation` takes one (gold document, predicted document) pair at a time and keeps
only what the report needs: running totals, one row of counts per document (for the document
bootstrap), the totals of each kind of scored item (for the item bootstrap), and the error
lists, which go to an :class:`ErrorSink` (kept in memory, cut to the first few, or spooled to
disk by the streaming command). Nothing of a document is kept after its pair is added, so the
loop streams.

Every metric's count of a document is a 5-tuple of *items* (:data:`ITEM_KINDS`): a correct
item (tp), a spurious one (fp), a missed one (fn), a wrong one (a matched pair with the wrong
type, date or value: one fp and one fn) and a half-right one (a SemEval partial match: half a
tp, half an fp, half an fn). ``tp, fp, fn`` follow from them; the item bootstrap resamples them.
"""

from __future__ import annotations

import struct
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from benchmark.model import ENTITY_TYPES, RELATION_TYPES, Document
from benchmark.scoring.align import SpanIndex, align_spans
from benchmark.scoring.mentions import (
    MENTION_SCHEMES,
    SCHEMES,
    SchemeCounts,
    TypeTally,
    count_mentions,
    count_mentions_per_type,
)
from benchmark.scoring.relations import score_relations_document
from benchmark.scoring.scores import make_score
from benchmark.scoring.timexes import TimexCounts, count_timexes
from benchmark.submission import LAYERS, PredictedDocument, PredMention, PredTimex, SpanArg

#: The kinds of scored item, and what each adds to (tp, fp, fn).
ITEM_KINDS = ("correct", "spurious", "missed", "wrong", "half")
ITEM_ROWS = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0), (0.0, 1.0, 1.0), (0.5, 0.5, 0.5))

#: Every counted metric, in the order of a document's row.
RELATION_METRICS = (
    "relations.untimed",
    "relations.timed",
    "relations.timed_lenient",
    "relations.evidence",
    *(f"relations.{t}.{layer}" for t in RELATION_TYPES for layer in ("untimed", "timed")),
)
MENTION_METRICS = (
    *(f"mentions.{s}" for s in MENTION_SCHEMES),
    *(f"mentions.{t}.{s}" for t in ENTITY_TYPES for s in MENTION_SCHEMES),
)
TIMEX_METRICS = ("timexes.strict", "timexes.relaxed", "timexes.value")
METRICS = RELATION_METRICS + MENTION_METRICS + TIMEX_METRICS
METRIC_INDEX = {m: i for i, m in enumerate(METRICS)}
_REL_TYPE_INDEX = {
    (t, layer): METRIC_INDEX[f"relations.{t}.{layer}"]
    for t in RELATION_TYPES
    for layer in ("untimed", "timed")
}
_MENTION_INDEX = {s: METRIC_INDEX[f"mentions.{s}"] for s in MENTION_SCHEMES}
_MENTION_TYPE_INDEX = {
    (t, s): METRIC_INDEX[f"mentions.{t}.{s}"] for t in ENTITY_TYPES for s in MENTION_SCHEMES
}
_MENTION_TYPE_METRICS = frozenset(f"mentions.{t}.{s}" for t, s in _MENTION_TYPE_INDEX)
_TIMEX_INDEX = [METRIC_INDEX[m] for m in TIMEX_METRICS]
_RELATION_INDEX = [METRIC_INDEX[f"relations.{m}"] for m in ("untimed", "timed", "timed_lenient")]
_RELATION_INDEX.append(METRIC_INDEX["relations.evidence"])

Items = tuple[int, int, int, int, int]

#: One document's row of :attr:`Evaluation.rows`, packed at once (extending the array from a
#: list converts its items one call at a time: 2% of a document's work for the table).
_ROW = struct.Struct(f"{5 * len(METRICS)}i")


def items_to_triple(items: Sequence[float]) -> tuple[float, float, float]:
    """``(tp, fp, fn)`` of a 5-tuple of item counts."""
    c, f, n, w, h = items
    return c + 0.5 * h, f + w + 0.5 * h, n + w + 0.5 * h


def _scheme_items(c: SchemeCounts) -> Items:
    return (c.correct, c.spurious, c.missed, c.incorrect, c.partial)


#: The item slot (:data:`ITEM_KINDS`) of each scheme verdict of a matched pair.
_VERDICT_SLOT = {"correct": 0, "incorrect": 3, "partial": 4}

#: For each mention scheme (in :data:`MENTION_SCHEMES` order), the item slots of a pair of
#: identical spans and of a pair of overlapping spans, both of the same type: the only pairs of
#: a per-type tally.
_TYPE_PAIR_SLOTS = tuple(
    (_VERDICT_SLOT[s.verdict(True, True)], _VERDICT_SLOT[s.verdict(False, True)])
    for s in sorted(SCHEMES, key=lambda s: MENTION_SCHEMES.index(s.name))
)


def _type_tally_items(tally: TypeTally) -> list[list[int]]:
    """The items of every scheme of a per-type tally, in :data:`MENTION_SCHEMES` order: what
    ``[_scheme_items(c) for c in tally.schemes().values()]`` gives, without building a
    :class:`SchemeCounts` per scheme (a tenth of a JSON report's per-document work)."""
    out = []
    for exact_slot, overlap_slot in _TYPE_PAIR_SLOTS:
        items = [0, tally.spurious, tally.missed, 0, 0]
        items[exact_slot] += tally.exact
        items[overlap_slot] += tally.overlapping
        out.append(items)
    return out


def _timex_items(t: TimexCounts) -> tuple[Items, Items, Items]:
    """Items of ``timexes.strict``, ``timexes.relaxed`` and ``timexes.value``."""
    sp, mi = t.pred - t.relaxed, t.gold - t.relaxed
    return (
        (t.strict, sp, mi, t.relaxed - t.strict, 0),
        (t.relaxed, sp, mi, 0, 0),
        (t.value_correct, sp, mi, t.relaxed - t.value_correct, 0),
    )


class ErrorSink(Protocol):
    """Where the listed errors and the per-document details go."""

    def add(self, kind: str, item: dict[str, Any]) -> None: ...


def _keeps(sink: ErrorSink, kind: str) -> bool:
    """Whether ``sink`` would keep an item of ``kind`` added now (what is not kept need not be
    written out in full): its ``keeps(kind)``, or True for a sink without that method (one
    that keeps everything, as the JSON report's spool does)."""
    keeps = getattr(sink, "keeps", None)
    return True if keeps is None else bool(keeps(kind))


@dataclass
class ListSink:
    """Keeps every listed item (``limit``: only the first ``limit`` of each kind)."""

    limit: int | None = None
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, kind: str, item: dict[str, Any]) -> None:
        bucket = self.items.setdefault(kind, [])
        if self.limit is None or len(bucket) < self.limit:
            bucket.append(item)

    def keeps(self, kind: str) -> bool:
        return self.limit is None or len(self.items.get(kind, ())) < self.limit


#: The kinds of listed item, in the report's ``errors`` (the first three) and ``details``.
LIST_KINDS = ("false_positives", "false_negatives", "unresolved_arguments", "details")


@dataclass
class Evaluation:
    """Running counts of a submission over the gold documents added so far."""

    details: bool = True
    #: count only what the terminal table shows: no per-entity-type mention metrics and no
    #: recall breakdowns (about a third of the work, and the table prints neither)
    summary: bool = False
    sink: ErrorSink = field(default_factory=ListSink)
    documents: int = 0
    #: one row per document: the 5 item counts (:data:`ITEM_KINDS`) of every metric
    rows: array[int] = field(default_factory=lambda: array("i"))
    _totals: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    layers_seen: set[str] = field(default_factory=set)
    evidence_on: bool = False
    timex_totals: TimexCounts = field(default_factory=TimexCounts)
    fp_categories: Counter[str] = field(default_factory=Counter)
    fn_categories: Counter[str] = field(default_factory=Counter)
    breakdown: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    grounding: dict[str, int] = field(
        default_factory=lambda: {
            "span_text_mismatch": 0,
            "unresolved_names": 0,
            "ambiguous_names": 0,
        }
    )
    #: (category, group, timed triple, untimed triple) of every contrast document
    contrast_rows: list[tuple[str, str, tuple[int, int, int], tuple[int, int, int]]] = field(
        default_factory=list
    )
    missing: list[str] = field(default_factory=list)
    #: predicted relation dates with a time of day (``2025-11-21T10:00``): valid TIMEX3, but no
    #: gold relation date is finer than a day, so they can match only leniently
    time_of_day_dates: int = 0
    time_of_day_example: str | None = None

    def add(self, doc: Document, pred: PredictedDocument | None) -> None:
        """Match one gold document with its prediction (None: the submission left it out)."""
        if pred is None:
            self.missing.append(doc.id)
            pred = PredictedDocument(doc_id=doc.id)
        self.documents += 1
        for layer in LAYERS:
            if getattr(pred, layer) is not None:
                self.layers_seen.add(layer)
        # the 5 item counts of every metric this document counts, at 5 x its metric index
        counts = [0] * (5 * len(METRICS))
        details = self.details
        sink = self.sink

        gold_m = [(m.start, m.end, m.type) for m in doc.mentions]
        gold_spans = [(s, e) for s, e, _ in gold_m]
        mention_index = SpanIndex(gold_spans)
        rel = score_relations_document(
            doc,
            pred,
            details,
            breakdowns=not self.summary,
            mention_index=mention_index,
            evidence_texts=details
            or _keeps(sink, "false_positives")
            or _keeps(sink, "false_negatives"),
        )
        for i, triple in zip(
            _RELATION_INDEX, (rel.untimed, rel.timed, rel.lenient, rel.evidence), strict=True
        ):
            counts[5 * i : 5 * i + 3] = triple
        self.evidence_on = self.evidence_on or rel.evidence_given
        fine = [r.date for r in pred.relations or () if r.date and "T" in r.date]
        if fine:
            self.time_of_day_dates += len(fine)
            self.time_of_day_example = self.time_of_day_example or fine[0]
        for t, layers in rel.per_type.items():
            for layer, triple in layers.items():
                i = _REL_TYPE_INDEX[t, layer]
                counts[5 * i : 5 * i + 3] = triple
        for item in rel.false_positives:
            self.fp_categories[item["category"].split(":")[0]] += 1
            sink.add("false_positives", {"doc_id": doc.id, **item})
        for item in rel.false_negatives:
            self.fn_categories[item["category"]] += 1
            sink.add("false_negatives", {"doc_id": doc.id, **item})
        for item in rel.unresolved:
            sink.add("unresolved_arguments", {"doc_id": doc.id, **item})
            key = f"{item['problem']}_names"
            self.grounding[key] = self.grounding.get(key, 0) + 1
        breakdown = self.breakdown
        for dim, bucket, found in rel.breakdown_hits:
            acc = breakdown.setdefault(dim, {}).setdefault(bucket, [0, 0])
            acc[0 if found else 1] += 1
        if doc.category:
            self.contrast_rows.append((doc.category, doc.group or doc.id, rel.timed, rel.untimed))
        detail: dict[str, Any] = {}
        if details:
            detail = {
                "doc_id": doc.id,
                "relations": {
                    "tp": rel.true_positives,
                    "fp": rel.false_positives,
                    "fn": rel.false_negatives,
                },
            }

        pred_m = [(m.start, m.end, m.type) for m in pred.mentions or ()]
        alignment = align_spans(gold_spans, [(s, e) for s, e, _ in pred_m], mention_index)
        with_verdicts = details and pred.mentions is not None
        mc, verdicts = count_mentions(gold_m, pred_m, with_verdicts, alignment)
        for s in MENTION_SCHEMES:
            i = _MENTION_INDEX[s]
            counts[5 * i : 5 * i + 5] = _scheme_items(mc[s])
        if not self.summary:
            for t, tally in count_mentions_per_type(gold_m, pred_m).items():
                for s, items in zip(MENTION_SCHEMES, _type_tally_items(tally), strict=True):
                    i = _MENTION_TYPE_INDEX[t, s]
                    counts[5 * i : 5 * i + 5] = items
        if with_verdicts:
            detail["mentions"] = verdicts

        gold_t = [(t.start, t.end, t.type, t.value) for t in doc.timexes]
        pred_t = [(t.start, t.end, t.type, t.value) for t in pred.timexes or ()]
        with_verdicts = details and pred.timexes is not None
        tc, tverdicts = count_timexes(gold_t, pred_t, with_verdicts)
        for i, timex_items in zip(_TIMEX_INDEX, _timex_items(tc), strict=True):
            counts[5 * i : 5 * i + 5] = timex_items
        tt = self.timex_totals
        tt.gold += tc.gold
        tt.pred += tc.pred
        tt.strict += tc.strict
        tt.relaxed += tc.relaxed
        tt.value_correct += tc.value_correct
        tt.type_correct += tc.type_correct
        if with_verdicts:
            detail["timexes"] = tverdicts

        claimed: list[PredMention | PredTimex | SpanArg] = [
            a for r in pred.relations or () for a in (r.arg1, r.arg2) if isinstance(a, SpanArg)
        ]
        for spans in (pred.mentions or (), pred.timexes or (), claimed):
            for span in spans:
                if span.text is not None and doc.text[span.start : span.end] != span.text:
                    self.grounding["span_text_mismatch"] += 1
        if details:
            sink.add("details", detail)
        self.rows.frombytes(_ROW.pack(*counts))
        self._totals = None

    # ------------------------------------------------------------------ results

    @property
    def item_totals(self) -> list[int]:
        """Item kind totals of every metric, 5 per metric: the column sums of :attr:`rows`,
        summed once when asked for (a running total cost a list per document)."""
        if self._totals is None:
            width = 5 * len(METRICS)
            self._totals = [sum(self.rows[k::width]) for k in range(width)]
        return self._totals

    def triple(self, metric: str) -> tuple[float, float, float]:
        """The summed (tp, fp, fn) of a metric."""
        i = METRIC_INDEX[metric]
        return items_to_triple(self.item_totals[5 * i : 5 * i + 5])

    def items(self, metric: str) -> list[int]:
        i = METRIC_INDEX[metric]
        return self.item_totals[5 * i : 5 * i + 5]

    def int_rows(self) -> Any:
        """Documents x (3 x metrics) int32 numpy array of the doubled (tp, fp, fn) of every
        metric (doubled: partial credit is a half), from the item counts
        (:func:`items_to_triple`, times two)."""
        import numpy as np

        items = np.frombuffer(self.rows, dtype=np.int32).reshape(-1, len(METRICS), 5)
        c, f, n, w, h = (items[:, :, k] for k in range(5))
        out = np.empty((items.shape[0], len(METRICS), 3), dtype=np.int32)
        out[:, :, 0] = 2 * c + h
        out[:, :, 1] = 2 * (f + w) + h
        out[:, :, 2] = 2 * (n + w) + h
        return out.reshape(-1, 3 * len(METRICS))

    def matrix(self) -> Any:
        """Documents x (3 x metrics) numpy matrix of (tp, fp, fn) per document."""
        return self.int_rows() / 2

    def counts_metric(self, name: str) -> bool:
        """Whether this evaluation counts ``name`` (a summary leaves the per-entity-type
        mention metrics out)."""
        return not (self.summary and name in _MENTION_TYPE_METRICS)

    def layer_submitted(self, layer: str) -> bool:
        return layer in self.layers_seen

    def merge(self, other: Evaluation) -> None:
        """Append ``other`` (the documents after this one's) to this evaluation; the sink's
        items are not merged (each part keeps its own)."""
        self.documents += other.documents
        self.rows.extend(other.rows)
        self._totals = None
        self.layers_seen |= other.layers_seen
        self.evidence_on = self.evidence_on or other.evidence_on
        for attr in ("gold", "pred", "strict", "relaxed", "value_correct", "type_correct"):
            setattr(
                self.timex_totals,
                attr,
                getattr(self.timex_totals, attr) + getattr(other.timex_totals, attr),
            )
        self.fp_categories.update(other.fp_categories)
        self.fn_categories.update(other.fn_categories)
        for dim, buckets in other.breakdown.items():
            for bucket, (found, missed) in buckets.items():
                acc = self.breakdown.setdefault(dim, {}).setdefault(bucket, [0, 0])
                acc[0] += found
                acc[1] += missed
        for k, v in other.grounding.items():
            self.grounding[k] = self.grounding.get(k, 0) + v
        self.contrast_rows += other.contrast_rows
        self.missing += other.missing
        self.time_of_day_dates += other.time_of_day_dates
        self.time_of_day_example = self.time_of_day_example or other.time_of_day_example


def evaluate(
    gold: Iterable[Document],
    predictions: dict[str, PredictedDocument],
    details: bool = True,
    sink: ErrorSink | None = None,
) -> Evaluation:
    """Match every gold document with its prediction (by id)."""
    ev = Evaluation(details=details, sink=sink if sink is not None else ListSink())
    for doc in gold:
        ev.add(doc, predictions.get(doc.id))
    return ev


def contrast_scores(ev: Evaluation) -> dict[str, Any] | None:
    """Relation scores per contrast category, and contrast consistency (Gardner et al., 2020).

    A document is *fully right* when its timed relations have no false positive and no false
    negative (a prediction of a negated or planned event is a false positive). Consistency is the
    share of edit groups whose every document, the unedited original included, is fully right.
    None when the gold carries no contrast categories.
    """
    if not ev.contrast_rows:
        return None
    sums: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[bool]] = defaultdict(list)
    for category, group, t, u in ev.contrast_rows:
        right = t[1] == 0 and t[2] == 0
        cat = sums.setdefault(
            category,
            {"documents": 0, "fully_right": 0, "timed": [0, 0, 0], "untimed": [0, 0, 0]},
        )
        cat["documents"] += 1
        cat["fully_right"] += right
        for i in range(3):
            cat["timed"][i] += t[i]
            cat["untimed"][i] += u[i]
        groups[group].append(right)
    categories = {
        name: {
            "documents": c["documents"],
            "fully_right": c["fully_right"],
            "accuracy": round(c["fully_right"] / c["documents"], 6),
            "timed": make_score(*c["timed"]),
            "untimed": make_score(*c["untimed"]),
        }
        for name, c in sorted(sums.items())
    }
    consistent = sum(all(v) for v in groups.values())
    return {
        "categories": categories,
        "consistency": {
            "groups": len(groups),
            "consistent": consistent,
            "share": round(consistent / len(groups), 6),
            "inconsistent_groups": sorted(g for g, v in groups.items() if not all(v)),
        },
    }
