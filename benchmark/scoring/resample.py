"""Resampling: percentile bootstrap intervals and the paired approximate randomization test.

Two resampling units, each with its assumption:

* ``documents`` (default): documents are drawn with replacement and every count of a drawn
  document comes along, so the interval reflects how scores vary between documents, with
  the correlation of the items inside a document kept. It assumes the documents are a random
  sample of the population of interest, and needs enough of them: with fewer than
  :data:`MIN_UNITS` documents there is no interval (``None``), never a zero-width one.
* ``items``: the scored items (a relation tuple that is right, spurious or missed; a mention
  that is correct, wrong, half right, spurious or missed) are drawn with replacement. This is
  the usual alternative for small test sets; it assumes the items are independent, which
  understates the width when errors cluster in documents. Drawing ``n`` items with replacement
  from ``k`` kinds is a multinomial draw over the kinds' shares, which is how it is computed.

Both use numpy's PCG64 generator seeded with the report's seed, so a report is reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmark.scoring.scores import N_BOOT, SEED

#: The fewest resampling units (documents or items) an interval or a p-value is computed from.
MIN_UNITS = 10
UNITS = ("documents", "items")
CONFIDENCE = 0.95


def bootstrap_sums(matrix: Any, n_boot: int = N_BOOT, seed: int = SEED) -> Any:
    """Column sums of ``matrix`` (documents x k) over ``n_boot`` resamples of its documents.

    Documents are drawn with replacement (numpy's PCG64 seeded with ``seed``); each resample
    is turned into per-document weights with one ``bincount``, and the sums are a matrix
    product. Resamples are processed in chunks so memory stays bounded on large corpora.
    """
    import numpy as np

    mat = np.asarray(matrix, dtype=float)
    n_docs = mat.shape[0]
    out = np.zeros((n_boot, mat.shape[1]))
    if n_docs == 0 or n_boot <= 0:
        return out
    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_boot, 1_000_000 // n_docs))
    for first in range(0, n_boot, chunk):
        rows = min(chunk, n_boot - first)
        draws = rng.integers(0, n_docs, size=(rows, n_docs))
        draws += np.arange(rows)[:, None] * n_docs
        weights = np.bincount(draws.ravel(), minlength=rows * n_docs).reshape(rows, n_docs)
        out[first : first + rows] = weights @ mat
    return out


def item_bootstrap_sums(
    kinds: Sequence[int], rows: Sequence[Sequence[float]], n_boot: int, seed: int
) -> Any:
    """Summed (tp, fp, fn) over ``n_boot`` resamples of scored items.

    ``kinds[k]`` items contribute ``rows[k]`` each; a resample draws ``sum(kinds)`` items with
    replacement, i.e. a multinomial over the kinds' shares.
    """
    import numpy as np

    n = int(sum(kinds))
    if n == 0 or n_boot <= 0:
        return np.zeros((max(n_boot, 0), 3))
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(n, np.asarray(kinds, dtype=float) / n, size=n_boot)
    return draws @ np.asarray(rows, dtype=float)


def percentile_ci(values: Any, confidence: float = CONFIDENCE) -> list[float]:
    import numpy as np

    tail = 100 * (1 - confidence) / 2
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return [float(lo), float(hi)]


def f1_of_sums(sums: Any) -> Any:
    """Vectorized F1 from rows of summed (tp, fp, fn); 0.0 where the denominator is empty."""
    import numpy as np

    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    denom = 2 * tp + fp + fn
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1), 0.0)


def approximate_randomization(a: Any, b: Any, n_resamples: int, seed: int) -> float:
    """Two-sided p-value of the F1 difference of paired count rows ``a`` and ``b``.

    ``a`` and ``b`` are (units x 3) arrays of (tp, fp, fn) of systems A and B on the same
    units (documents, or scored items keyed alike in both). Each resample swaps A's and B's
    rows of every unit with probability 1/2 and recomputes the difference of the micro F1s;
    ``c`` resamples at least as far from zero as the observed difference give
    ``p = (c + 1) / (R + 1)`` (never below ``1 / (R + 1)``; Noreen 1989, Riezler and
    Maxwell 2005).
    """
    import numpy as np

    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    observed = abs(float(f1_of_sums(a.sum(axis=0)) - f1_of_sums(b.sum(axis=0))))
    sum_a, sum_b = a.sum(axis=0), b.sum(axis=0)
    diff = b - a  # what a unit's swap moves from B to A
    rng = np.random.default_rng(seed)
    n_units = a.shape[0]
    chunk = max(1, min(n_resamples, 4_000_000 // max(n_units, 1)))
    count = 0
    for first in range(0, n_resamples, chunk):
        rows = min(chunk, n_resamples - first)
        swap = rng.integers(0, 2, size=(rows, n_units)).astype(float)
        moved = swap @ diff
        delta = f1_of_sums(sum_a + moved) - f1_of_sums(sum_b - moved)
        # a tolerance so that a tie with the observed difference counts as "as extreme"
        count += int(np.sum(np.abs(delta) >= observed - 1e-12))
    return (count + 1) / (n_resamples + 1)
