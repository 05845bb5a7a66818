"""The score report: its versioned shape and its building from the counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, TypedDict

from benchmark.model import (
    RELATION_TYPES,
    Document,
    read_manifest,
)
from benchmark.scoring.evaluate import contrast_scores, evaluate
from benchmark.scoring.mentions import MENTION_SCHEMES, TypeTally
from benchmark.scoring.scores import N_BOOT, SEED, make_score
from benchmark.scoring.timexes import TimexCounts
from benchmark.submission import (
    Submission,
)

SCHEMA_VERSION = 1


class ScoreReport(TypedDict, total=False):
    schema_version: int
    dataset_version: str
    guidelines_version: str
    documents: int
    relations: dict[str, Any]
    mentions: dict[str, Any] | None
    timexes: dict[str, Any] | None
    errors: dict[str, Any]
    submission: str
    split: str
    warnings: list[str]
    breakdowns: dict[str, Any]
    grounding: dict[str, Any]
    contrast: dict[str, Any] | None
    details: list[dict[str, Any]]


def score(
    gold: Sequence[Document],
    submission: Submission,
    *,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    root: Any = None,
    split: str = "test",
    details: bool = True,
) -> ScoreReport:
    """Score a submission against gold documents; the report follows the JSON contract.

    ``details=False`` leaves the per-document mention and timex verdicts out (``details`` is
    an empty list): the table and Markdown outputs do not show them, and on large corpora
    building them costs more than a tenth of the run.
    """
    counts, m = evaluate(gold, submission, details)
    scores = counts.scores(n_boot, seed)
    manifest = read_manifest(root)

    per_type = {}
    for t, layers in m["per_type_relations"].items():
        per_type[t] = {layer: make_score(*triple) for layer, triple in layers.items()}
    type_f1 = [per_type[t]["timed"]["f1"] for t in RELATION_TYPES]
    relations: dict[str, Any] = {
        "untimed": scores["relations.untimed"],
        "timed": scores["relations.timed"],
        "timed_lenient": scores["relations.timed_lenient"],
        "evidence": scores["relations.evidence"] if m["evidence_on"] else None,
        "macro_f1": round(sum(type_f1) / len(type_f1), 6),
        "macro_f1_untimed": round(
            sum(per_type[t]["untimed"]["f1"] for t in RELATION_TYPES) / len(RELATION_TYPES), 6
        ),
        "per_type": per_type,
        "submitted": submission.layer_submitted("relations"),
    }

    mentions: dict[str, Any] | None = None
    if m["mentions_on"]:
        mentions = {s: scores[f"mentions.{s}"] for s in MENTION_SCHEMES}
        mentions["per_type"] = {
            t: {s: make_score(*c.tp_fp_fn()) for s, c in TypeTally(*tally).schemes().items()}
            for t, tally in m["per_type_mentions"].items()
        }
    timexes: dict[str, Any] | None = None
    if m["timexes_on"]:
        tt: TimexCounts = m["timex_totals"]
        timexes = {
            "strict": scores["timexes.strict"],
            "relaxed": scores["timexes.relaxed"],
            "value": scores["timexes.value"],
            "value_accuracy": round(tt.value_correct / tt.relaxed, 6) if tt.relaxed else 0.0,
            "type_accuracy": round(tt.type_correct / tt.relaxed, 6) if tt.relaxed else 0.0,
        }

    fp_categories = Counter(f["category"].split(":")[0] for f in m["false_positives"])
    fn_categories = Counter(f["category"] for f in m["false_negatives"])
    breakdowns = {
        dim: {
            bucket: {
                "found": found,
                "missed": missed,
                "recall": round(found / (found + missed), 6) if found + missed else 0.0,
            }
            for bucket, (found, missed) in sorted(buckets.items())
        }
        for dim, buckets in sorted(m["breakdown"].items())
    }
    warnings = [
        f"document {d} is not in the submission: scored as predicting nothing"
        for d in submission.missing
    ]
    for layer in ("mentions", "timexes", "relations"):
        if not submission.layer_submitted(layer):
            warnings.append(f"layer {layer!r} not submitted")
    return ScoreReport(
        schema_version=SCHEMA_VERSION,
        dataset_version=manifest.get("dataset_version", "unknown"),
        guidelines_version=manifest.get("guidelines_version", "unknown"),
        documents=len(gold),
        submission=submission.path,
        split=split,
        relations=relations,
        mentions=mentions,
        timexes=timexes,
        errors={
            "false_positives": m["false_positives"],
            "false_negatives": m["false_negatives"],
            "unresolved_arguments": m["unresolved"],
            "fp_categories": dict(sorted(fp_categories.items())),
            "fn_categories": dict(sorted(fn_categories.items())),
            "missing_documents": list(submission.missing),
        },
        breakdowns=breakdowns,
        grounding=m["grounding"],
        contrast=contrast_scores(gold, counts),
        warnings=warnings,
        details=m["details"],
    )
