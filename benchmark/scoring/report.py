"""The score report: its versioned shape and its building from an :class:`Evaluation`.

The shape is a public contract (``schema_version`` 1; extended, never renamed) and is
published as a JSON Schema, ``benchmark/schemas/report.schema.json`` (``bench schema report``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from benchmark.errors import UsageError
from benchmark.model import ENTITY_TYPES, RELATION_TYPES, Document, missing_warning, read_manifest
from benchmark.scoring.evaluate import (
    ITEM_ROWS,
    METRIC_INDEX,
    METRICS,
    Evaluation,
    ListSink,
    contrast_scores,
)
from benchmark.scoring.mentions import MENTION_SCHEMES
from benchmark.scoring.resample import (
    CONFIDENCE,
    MIN_UNITS,
    UNITS,
    bootstrap_sums,
    f1_of_sums,
    item_bootstrap_sums,
    percentile_ci,
)
from benchmark.scoring.scores import N_BOOT, SEED, Score, make_score
from benchmark.submission import Submission

SCHEMA_VERSION = 1


class Resampling(TypedDict):
    """How the 95% intervals were computed (``method`` and the unit's assumption are in the
    README's statistics section)."""

    unit: str
    resamples: int
    seed: int
    method: str
    confidence: float
    min_units: int


class ScoreReport(TypedDict, total=False):
    schema_version: int
    dataset_version: str
    guidelines_version: str
    documents: int
    submission: str
    split: str
    resampling: Resampling
    relations: dict[str, Any] | None
    mentions: dict[str, Any] | None
    timexes: dict[str, Any] | None
    errors: dict[str, Any]
    warnings: list[str]
    breakdowns: dict[str, Any]
    grounding: dict[str, Any]
    contrast: dict[str, Any] | None
    details: list[dict[str, Any]]


def check_resampling(n_boot: int, seed: int, unit: str) -> None:
    """Refuse resampling options that cannot work, before any scoring starts."""
    if n_boot < 0:
        raise UsageError(f"--n-boot must be 0 (no intervals) or a positive number, not {n_boot}")
    if not 0 <= seed < 2**63:
        raise UsageError(f"--seed must be an integer from 0 to 2**63 - 1, not {seed}")
    if unit not in UNITS:
        raise UsageError(f"--resample must be one of {', '.join(UNITS)}, not {unit!r}")


def intervals(
    ev: Evaluation, n_boot: int, seed: int, unit: str
) -> tuple[dict[str, list[float] | None], list[str]]:
    """The 95% percentile bootstrap interval of every metric's F1 (None where the data cannot
    support one), and the warnings that say why an interval is missing."""
    out: dict[str, list[float] | None] = dict.fromkeys(METRICS)
    if n_boot == 0:
        return out, ["no 95% intervals: --n-boot 0 turns the bootstrap off"]
    if unit == "documents":
        import numpy as np

        if ev.documents < MIN_UNITS:
            return out, [
                f"no 95% intervals: {ev.documents} document(s), fewer than the {MIN_UNITS} a "
                "document-level bootstrap needs; use --resample items (assumes scored items "
                "are independent) or score more documents"
            ]
        # F1 needs only tp and fp + fn: two columns per metric instead of three, taken from
        # the int32 rows without a float copy of all of them (a 100,000-document run keeps
        # its peak memory down), and only of the metrics the report shows
        rows = ev.int_rows()
        shown = [(name, i) for name, i in METRIC_INDEX.items() if ev.counts_metric(name)]
        pairs = np.empty((rows.shape[0], 2 * len(shown)))
        for k, (_, i) in enumerate(shown):
            pairs[:, 2 * k] = rows[:, 3 * i]
            pairs[:, 2 * k + 1] = rows[:, 3 * i + 1] + rows[:, 3 * i + 2]
        pairs /= 2  # rows are doubled counts (partial credit is a half)
        boot = bootstrap_sums(pairs, n_boot, seed)
        for k, (name, _) in enumerate(shown):
            tp, wrong = boot[:, 2 * k], boot[:, 2 * k + 1]
            denom = 2 * tp + wrong
            f1 = np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1), 0.0)
            out[name] = percentile_ci(f1, CONFIDENCE)
        return out, []
    few = []
    for name in METRICS:
        kinds = ev.items(name)
        if sum(kinds) < MIN_UNITS:
            few.append(name)
            continue
        boot = item_bootstrap_sums(kinds, ITEM_ROWS, n_boot, seed)
        out[name] = percentile_ci(f1_of_sums(boot), CONFIDENCE)
    warnings = []
    headline = [m for m in few if m.count(".") == 1]
    if headline:
        warnings.append(
            f"no 95% interval for {', '.join(headline)}: fewer than {MIN_UNITS} scored items"
        )
    return out, warnings


def build_report(
    ev: Evaluation,
    *,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    resample: str = "documents",
    split: str = "test",
    submission_path: str = "",
    manifest: Mapping[str, str] | None = None,
    listed: Mapping[str, list[dict[str, Any]]] | None = None,
) -> ScoreReport:
    """The report of an evaluation. ``listed`` holds the error lists and details (by default
    the evaluation's own :class:`ListSink`)."""
    if listed is None:
        listed = ev.sink.items if isinstance(ev.sink, ListSink) else {}
    manifest = manifest or {}
    cis, warnings = intervals(ev, n_boot, seed, resample)

    def s(metric: str) -> Score:
        return make_score(*ev.triple(metric), cis[metric])

    relations: dict[str, Any] | None = None
    if ev.layer_submitted("relations"):
        per_type = {
            t: {layer: s(f"relations.{t}.{layer}") for layer in ("untimed", "timed")}
            for t in RELATION_TYPES
        }
        n_types = len(RELATION_TYPES)
        relations = {
            "untimed": s("relations.untimed"),
            "timed": s("relations.timed"),
            "timed_lenient": s("relations.timed_lenient"),
            "evidence": s("relations.evidence") if ev.evidence_on else None,
            "macro_f1": round(sum(per_type[t]["timed"]["f1"] for t in RELATION_TYPES) / n_types, 6),
            "macro_f1_untimed": round(
                sum(per_type[t]["untimed"]["f1"] for t in RELATION_TYPES) / n_types, 6
            ),
            "per_type": per_type,
            "submitted": True,
        }
    mentions: dict[str, Any] | None = None
    if ev.layer_submitted("mentions"):
        mentions = {sc: s(f"mentions.{sc}") for sc in MENTION_SCHEMES}
        if not ev.summary:
            mentions["per_type"] = {
                t: {sc: s(f"mentions.{t}.{sc}") for sc in MENTION_SCHEMES} for t in ENTITY_TYPES
            }
    timexes: dict[str, Any] | None = None
    if ev.layer_submitted("timexes"):
        tt = ev.timex_totals
        timexes = {
            "strict": s("timexes.strict"),
            "relaxed": s("timexes.relaxed"),
            "value": s("timexes.value"),
            "value_accuracy": round(tt.value_correct / tt.relaxed, 6) if tt.relaxed else 0.0,
            "type_accuracy": round(tt.type_correct / tt.relaxed, 6) if tt.relaxed else 0.0,
        }
    breakdowns = {
        dim: {
            bucket: {
                "found": found,
                "missed": missed,
                "recall": round(found / (found + missed), 6) if found + missed else 0.0,
            }
            for bucket, (found, missed) in sorted(buckets.items())
        }
        for dim, buckets in sorted(ev.breakdown.items())
    }
    warnings = missing_warning(ev.missing) + warnings
    if ev.time_of_day_dates:
        warnings.append(
            f"{ev.time_of_day_dates} predicted relation date(s) carry a time of day (the first: "
            f"{ev.time_of_day_example}); no gold relation date is finer than a day (guidelines "
            "§6.4), so they match only under the lenient date"
        )
    for layer in ("mentions", "timexes", "relations"):
        if not ev.layer_submitted(layer):
            warnings.append(f"layer {layer!r} not submitted")
    return ScoreReport(
        schema_version=SCHEMA_VERSION,
        dataset_version=manifest.get("dataset_version", "unknown"),
        guidelines_version=manifest.get("guidelines_version", "unknown"),
        documents=ev.documents,
        submission=submission_path,
        split=split,
        resampling=Resampling(
            unit=resample,
            resamples=n_boot,
            seed=seed,
            method="percentile bootstrap",
            confidence=CONFIDENCE,
            min_units=MIN_UNITS,
        ),
        relations=relations,
        mentions=mentions,
        timexes=timexes,
        errors={
            "false_positives": list(listed.get("false_positives", [])),
            "false_negatives": list(listed.get("false_negatives", [])),
            "unresolved_arguments": list(listed.get("unresolved_arguments", [])),
            "fp_categories": dict(sorted(ev.fp_categories.items())),
            "fn_categories": dict(sorted(ev.fn_categories.items())),
            "missing_documents": list(ev.missing),
        },
        breakdowns=breakdowns,
        grounding=dict(ev.grounding),
        contrast=contrast_scores(ev),
        warnings=warnings,
        details=list(listed.get("details", [])),
    )


def score(
    gold: Iterable[Document],
    submission: Submission,
    *,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    resample: str = "documents",
    root: Any = None,
    split: str = "test",
    details: bool = True,
    manifest: Mapping[str, str] | None = None,
) -> ScoreReport:
    """Score a submission against gold documents; the report follows the JSON contract.

    ``details=False`` leaves the per-document verdicts out (``details`` is an empty list): the
    table and Markdown outputs do not show them, and on large corpora building them costs
    more than a tenth of the run. ``resample`` is the bootstrap unit, ``documents`` or
    ``items`` (see :mod:`benchmark.scoring.resample`). The dataset and guidelines versions
    come from ``manifest``, else from the data root ``root``.
    """
    check_resampling(n_boot, seed, resample)
    ev = Evaluation(details=details)
    for doc in gold:
        ev.add(doc, submission.documents.get(doc.id))
    return build_report(
        ev,
        n_boot=n_boot,
        seed=seed,
        resample=resample,
        split=split,
        submission_path=submission.path,
        manifest=manifest if manifest is not None else read_manifest(root),
    )
