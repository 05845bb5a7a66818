"""Resampling: the bootstrap of document count rows, F1 of summed counts."""

from __future__ import annotations

from typing import Any

from benchmark.scoring.scores import N_BOOT, SEED


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
    chunk = max(1, min(n_boot, 4_000_000 // n_docs))
    for first in range(0, n_boot, chunk):
        rows = min(chunk, n_boot - first)
        draws = rng.integers(0, n_docs, size=(rows, n_docs))
        draws += np.arange(rows)[:, None] * n_docs
        weights = np.bincount(draws.ravel(), minlength=rows * n_docs).reshape(rows, n_docs)
        out[first : first + rows] = weights @ mat
    return out


def percentile_ci(f1: Any) -> list[float]:
    import numpy as np

    lo, hi = np.percentile(f1, [2.5, 97.5])
    return [float(lo), float(hi)]


def f1_of_sums(sums: Any) -> Any:
    """Vectorized F1 from rows of summed (tp, fp, fn); 0.0 where the denominator is empty."""
    import numpy as np

    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    denom = 2 * tp + fp + fn
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1), 0.0)
