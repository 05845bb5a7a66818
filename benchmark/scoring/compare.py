"""``bench compare``: a paired test of two submissions on the headline metrics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmark.model import (
    Document,
)
from benchmark.scoring.evaluate import evaluate
from benchmark.scoring.report import SCHEMA_VERSION
from benchmark.scoring.resample import bootstrap_sums, f1_of_sums
from benchmark.scoring.scores import N_BOOT, SEED
from benchmark.submission import (
    Submission,
)

HEADLINES = (
    ("relations.timed", "relations timed F1"),
    ("relations.untimed", "relations untimed F1"),
    ("mentions.strict", "mentions strict F1"),
    ("timexes.relaxed", "timexes relaxed F1"),
)


def compare(
    gold: Sequence[Document],
    sub_a: Submission,
    sub_b: Submission,
    *,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> dict[str, Any]:
    """Paired bootstrap test of A against B on each headline metric.

    Both systems are scored on the same resampled document sets. ``p_value`` is two-sided:
    twice the smaller share of resamples in which the difference A - B is <= 0 or >= 0,
    capped at 1.
    """
    import numpy as np

    counts_a, ma = evaluate(gold, sub_a)
    counts_b, mb = evaluate(gold, sub_b)
    rows: dict[str, dict[str, Any] | None] = {}
    for metric, label in HEADLINES:
        layer = metric.split(".")[0]
        if layer != "relations" and not (ma[f"{layer}_on"] and mb[f"{layer}_on"]):
            rows[metric] = None
            continue
        a = np.asarray(counts_a.rows[metric], dtype=float)
        b = np.asarray(counts_b.rows[metric], dtype=float)
        f_a = float(f1_of_sums(a.sum(axis=0)))
        f_b = float(f1_of_sums(b.sum(axis=0)))
        if len(gold) and n_boot > 0:
            # one matrix for A and B: both are summed over the very same resamples
            boot = bootstrap_sums(np.concatenate([a, b], axis=1), n_boot, seed)
            delta = f1_of_sums(boot[:, :3]) - f1_of_sums(boot[:, 3:])
            p = min(1.0, 2 * min(float(np.mean(delta <= 0)), float(np.mean(delta >= 0))))
            lo, hi = np.percentile(delta, [2.5, 97.5])
        else:
            p, lo, hi = 1.0, f_a - f_b, f_a - f_b
        rows[metric] = {
            "label": label,
            "a": round(f_a, 6),
            "b": round(f_b, 6),
            "delta": round(f_a - f_b, 6),
            "delta_ci95": [round(float(lo), 6), round(float(hi), 6)],
            "p_value": round(p, 6),
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": len(gold),
        "a": sub_a.path,
        "b": sub_b.path,
        "n_boot": n_boot,
        "seed": seed,
        "metrics": rows,
    }
