"""The per-document loop: every layer of every document matched and counted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmark.model import (
    ENTITY_TYPES,
    RELATION_TYPES,
    Document,
)
from benchmark.scoring.align import align_spans
from benchmark.scoring.mentions import MENTION_SCHEMES, count_mentions, count_mentions_per_type
from benchmark.scoring.relations import score_relations_document
from benchmark.scoring.resample import bootstrap_sums, f1_of_sums, percentile_ci
from benchmark.scoring.scores import N_BOOT, SEED, Score, _num, _triple, make_score
from benchmark.scoring.timexes import TimexCounts, count_timexes
from benchmark.submission import (
    PredictedDocument,
    PredMention,
    PredTimex,
    SpanArg,
    Submission,
)


@dataclass
class DocumentCounts:
    """Per-document count triples of every headline metric, for sums and bootstraps."""

    rows: dict[str, list[tuple[float, float, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, metric: str, triple: tuple[float, float, float]) -> None:
        self.rows[metric].append(triple)

    def scores(self, n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, Score]:
        """Every metric's score with its bootstrap interval, all from the same resamples."""
        import numpy as np

        names = sorted(self.rows)
        if not names:
            return {}
        matrix = np.concatenate([np.asarray(self.rows[n], dtype=float) for n in names], axis=1)
        totals = matrix.sum(axis=0)
        boot = bootstrap_sums(matrix, n_boot, seed) if n_boot > 0 else None
        out = {}
        for i, name in enumerate(names):
            tp, fp, fn = totals[3 * i : 3 * i + 3]
            ci = None if boot is None else percentile_ci(f1_of_sums(boot[:, 3 * i : 3 * i + 3]))
            out[name] = make_score(_num(tp), _num(fp), _num(fn), ci)
        return out


def evaluate(
    gold: Sequence[Document], submission: Submission, details: bool = True
) -> tuple[DocumentCounts, dict[str, Any]]:
    """Match every document; return per-document counts and the error-analysis material
    (with ``details``, the verdict of every mention and timex of every document too)."""
    counts = DocumentCounts()
    mentions_on = submission.layer_submitted("mentions")
    timexes_on = submission.layer_submitted("timexes")
    evidence_on = False
    per_type_mentions: dict[str, list[int]] = {t: [0, 0, 0, 0] for t in ENTITY_TYPES}
    per_type_rel: dict[str, dict[str, list[int]]] = {
        t: {"untimed": [0, 0, 0], "timed": [0, 0, 0]} for t in RELATION_TYPES
    }
    fps: list[dict[str, Any]] = []
    fns: list[dict[str, Any]] = []
    unresolved: list[dict[str, Any]] = []
    breakdown: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    grounding = {"span_text_mismatch": 0, "unresolved_names": 0, "ambiguous_names": 0}
    doc_details: list[dict[str, Any]] = []
    timex_totals = TimexCounts()
    for doc in gold:
        pred = submission.documents.get(doc.id) or PredictedDocument(doc_id=doc.id)
        rel = score_relations_document(doc, pred, details)
        counts.add("relations.untimed", rel.untimed)
        counts.add("relations.timed", rel.timed)
        counts.add("relations.timed_lenient", rel.lenient)
        if rel.evidence is not None:
            evidence_on = True
        counts.add("relations.evidence", rel.evidence or (0, 0, 0))
        for t, layers in rel.per_type.items():
            for layer, triple in layers.items():
                acc = per_type_rel[t][layer]
                for i in range(3):
                    acc[i] += triple[i]
        for item in rel.false_positives:
            fps.append({"doc_id": doc.id, **item})
        for item in rel.false_negatives:
            fns.append({"doc_id": doc.id, **item})
        for item in rel.unresolved:
            unresolved.append({"doc_id": doc.id, **item})
            grounding[f"{item['problem']}_names"] = grounding.get(f"{item['problem']}_names", 0) + 1
        for dim, bucket, found in rel.breakdown_hits:
            breakdown[dim][bucket][0 if found else 1] += 1
        detail: dict[str, Any] = {
            "doc_id": doc.id,
            "relations": {
                "tp": rel.true_positives,
                "fp": rel.false_positives,
                "fn": rel.false_negatives,
            },
        }

        gold_m = [(m.start, m.end, m.type) for m in doc.mentions]
        pred_m = list(dict.fromkeys((m.start, m.end, m.type) for m in pred.mentions or ()))
        if mentions_on:
            alignment = align_spans([(s, e) for s, e, _ in gold_m], [(s, e) for s, e, _ in pred_m])
            mc, verdicts = count_mentions(gold_m, pred_m, details, alignment)
            for s in MENTION_SCHEMES:
                counts.add(f"mentions.{s}", mc[s].tp_fp_fn())
            for t, tally in count_mentions_per_type(gold_m, pred_m, alignment).items():
                total = per_type_mentions.setdefault(t, [0, 0, 0, 0])
                for i, n in enumerate(tally):
                    total[i] += n
            detail["mentions"] = verdicts

        if timexes_on:
            gold_t = [(t.start, t.end, t.type, t.value) for t in doc.timexes]
            pred_t = list(
                dict.fromkeys((t.start, t.end, t.type, t.value) for t in pred.timexes or ())
            )
            tc2, tverdicts = count_timexes(gold_t, pred_t, details)
            counts.add("timexes.strict", (tc2.strict, tc2.pred - tc2.strict, tc2.gold - tc2.strict))
            counts.add(
                "timexes.relaxed", (tc2.relaxed, tc2.pred - tc2.relaxed, tc2.gold - tc2.relaxed)
            )
            counts.add(
                "timexes.value",
                (tc2.value_correct, tc2.pred - tc2.value_correct, tc2.gold - tc2.value_correct),
            )
            for attr in ("gold", "pred", "strict", "relaxed", "value_correct", "type_correct"):
                setattr(timex_totals, attr, getattr(timex_totals, attr) + getattr(tc2, attr))
            detail["timexes"] = tverdicts
        claimed: list[PredMention | PredTimex | SpanArg] = [
            a for r in pred.relations or () for a in (r.arg1, r.arg2) if isinstance(a, SpanArg)
        ]
        for spans in (pred.mentions or (), pred.timexes or (), claimed):
            for span in spans:
                if span.text is not None and doc.text[span.start : span.end] != span.text:
                    grounding["span_text_mismatch"] += 1
        if details:
            doc_details.append(detail)

    material = {
        "mentions_on": mentions_on,
        "timexes_on": timexes_on,
        "evidence_on": evidence_on,
        "per_type_mentions": per_type_mentions,
        "per_type_relations": per_type_rel,
        "false_positives": fps,
        "false_negatives": fns,
        "unresolved": unresolved,
        "breakdown": breakdown,
        "grounding": grounding,
        "timex_totals": timex_totals,
        "details": doc_details,
    }
    return counts, material


def contrast_scores(gold: Sequence[Document], counts: DocumentCounts) -> dict[str, Any] | None:
    """Relation scores per contrast category, and contrast consistency (Gardner et al., 2020).

    A document is *fully right* when its timed relations have no false positive and no false
    negative (a prediction of a negated or planned event is a false positive). Consistency is the
    share of edit groups whose every document, the unedited original included, is fully right.
    None when the gold carries no contrast categories.
    """
    if not any(d.category for d in gold):
        return None
    timed, untimed = counts.rows["relations.timed"], counts.rows["relations.untimed"]
    sums: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[bool]] = defaultdict(list)
    for doc, t, u in zip(gold, timed, untimed, strict=True):
        right = t[1] == 0 and t[2] == 0
        cat = sums.setdefault(
            doc.category or "none",
            {"documents": 0, "fully_right": 0, "timed": [0, 0, 0], "untimed": [0, 0, 0]},
        )
        cat["documents"] += 1
        cat["fully_right"] += right
        for i in range(3):
            cat["timed"][i] += t[i]
            cat["untimed"][i] += u[i]
        groups[doc.group or doc.id].append(right)
    categories = {
        name: {
            "documents": c["documents"],
            "fully_right": c["fully_right"],
            "accuracy": round(c["fully_right"] / c["documents"], 6),
            "timed": make_score(*_triple(c["timed"])),
            "untimed": make_score(*_triple(c["untimed"])),
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
