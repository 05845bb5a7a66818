"""Intervals and the paired test: recorded, honest on small data, and in agreement with scipy."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy import stats

from benchmark.model import Document
from benchmark.scoring import (
    MIN_UNITS,
    approximate_randomization,
    bootstrap_sums,
    compare,
    f1_of_sums,
    item_bootstrap_sums,
    percentile_ci,
    score,
)
from benchmark.submission import PredictedDocument, Submission, submission_from_documents
from tests.test_scoring_properties import _random_doc


def _corpus(n: int, seed: int = 1) -> list[Document]:
    rng = random.Random(seed)
    return [_random_doc(rng, f"d{i:03d}") for i in range(n)]


def _noisy(docs: list[Document], seed: int, keep: float = 0.6) -> Submission:
    """The gold as a submission with a random share of relations and mentions dropped."""
    rng = random.Random(seed)
    sub = submission_from_documents(docs)
    for pd in sub.documents.values():
        pd.relations = [r for r in pd.relations or () if rng.random() < keep]
        pd.mentions = [m for m in pd.mentions or () if rng.random() < keep]
    return sub


def _f1(rows: np.ndarray) -> float:
    return float(f1_of_sums(rows.sum(axis=0)))


def test_report_records_unit_resamples_and_seed() -> None:
    """The report names its resampling: unit, resamples, seed, method, minimum of units."""
    docs = _corpus(12)
    report = score(docs, _noisy(docs, 0), n_boot=300, seed=5, resample="items")
    assert {
        "unit": "items",
        "resamples": 300,
        "seed": 5,
        "method": "percentile bootstrap",
        "confidence": 0.95,
        "min_units": MIN_UNITS,
    } == report["resampling"]


def test_too_few_documents_give_null_intervals_with_a_reason() -> None:
    """Below the minimum of documents every interval is null, never [f, f], with a warning."""
    docs = _corpus(MIN_UNITS - 1)
    report = score(docs, _noisy(docs, 0), n_boot=200)
    assert report["relations"] is not None
    assert report["relations"]["timed"]["ci95"] is None
    assert report["relations"]["per_type"]["met"]["timed"]["ci95"] is None
    assert any(f"fewer than the {MIN_UNITS}" in w for w in report["warnings"])


def test_n_boot_zero_gives_null_intervals() -> None:
    """--n-boot 0 writes ci95 null (it wrote [f, f])."""
    docs = _corpus(20)
    report = score(docs, _noisy(docs, 0), n_boot=0)
    assert report["relations"] is not None
    assert report["relations"]["untimed"]["ci95"] is None
    assert any("--n-boot 0" in w for w in report["warnings"])


def test_per_type_intervals_are_bootstrapped() -> None:
    """Per-type intervals come from the resamples: they bracket the per-type F1 and are not
    degenerate when the type's F1 varies between documents."""
    docs = _corpus(40)
    report = score(docs, _noisy(docs, 3), n_boot=500)
    assert report["relations"] is not None
    widths = []
    for layers in report["relations"]["per_type"].values():
        s = layers["untimed"]
        assert s["ci95"] is not None
        assert s["ci95"][0] <= s["f1"] <= s["ci95"][1]
        widths.append(s["ci95"][1] - s["ci95"][0])
    assert max(widths) > 0


def test_document_bootstrap_agrees_with_scipy() -> None:
    """The document-level percentile interval of micro F1 matches scipy.stats.bootstrap's
    (different random streams: agreement within Monte Carlo error)."""
    rng = np.random.default_rng(0)
    rows = rng.integers(0, 6, size=(60, 3)).astype(float)
    ours = percentile_ci(f1_of_sums(bootstrap_sums(rows, 4000, seed=1)))
    res = stats.bootstrap(
        (np.arange(len(rows)),),
        lambda idx: _f1(rows[idx]),
        vectorized=False,
        n_resamples=4000,
        method="percentile",
        random_state=2,
    )
    theirs = res.confidence_interval
    assert ours[0] == pytest.approx(theirs.low, abs=0.015)
    assert ours[1] == pytest.approx(theirs.high, abs=0.015)


def test_item_bootstrap_agrees_with_scipy() -> None:
    """Resampling items as a multinomial over their kinds gives scipy.stats.bootstrap's
    interval over the expanded item rows (correct, spurious, missed, wrong, half)."""
    kinds = [40, 12, 15, 6, 4]
    item_rows = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (0, 1, 1), (0.5, 0.5, 0.5)]
    expanded = np.array([r for k, r in zip(kinds, item_rows, strict=True) for _ in range(k)])
    ours = percentile_ci(f1_of_sums(item_bootstrap_sums(kinds, item_rows, 4000, seed=1)))
    res = stats.bootstrap(
        (np.arange(len(expanded)),),
        lambda idx: _f1(expanded[idx]),
        vectorized=False,
        n_resamples=4000,
        method="percentile",
        random_state=3,
    )
    assert ours[0] == pytest.approx(res.confidence_interval.low, abs=0.015)
    assert ours[1] == pytest.approx(res.confidence_interval.high, abs=0.015)


def test_approximate_randomization_agrees_with_scipy_permutation_test() -> None:
    """On 12 paired units, our randomized p-value is close to scipy's exact paired
    permutation p-value of |F1(A) - F1(B)|, and never below 1 / (R + 1)."""
    rng = np.random.default_rng(4)
    a = rng.integers(0, 5, size=(12, 3)).astype(float)
    b = a.copy()
    b[:, 0] = np.maximum(0, b[:, 0] - rng.integers(0, 3, size=12))
    both = np.vstack([a, b])
    n = len(a)
    res = stats.permutation_test(
        (np.arange(n), np.arange(n, 2 * n)),
        lambda x, y: abs(_f1(both[x]) - _f1(both[y])),
        permutation_type="samples",
        alternative="greater",
        vectorized=False,
        n_resamples=10_000,
    )
    ours = approximate_randomization(a, b, 20_000, seed=0)
    assert ours == pytest.approx(res.pvalue, abs=0.01)
    assert approximate_randomization(a, a * 0, 99, seed=0) >= 1 / 100


def test_compare_on_one_document_gives_no_p_value() -> None:
    """Two different systems on one document: p is null with a warning (it was 0.000)."""
    docs = _corpus(1)
    a = submission_from_documents(docs)
    b = Submission("b", {docs[0].id: PredictedDocument(docs[0].id, relations=[])})
    result = compare(docs, a, b, n_resamples=200)
    assert result["metrics"]["relations.timed"]["p_value"] is None
    assert result["warnings"]


def test_compare_p_value_is_at_least_one_over_r_plus_one() -> None:
    """A perfect system against an empty one on 30 documents: p = 1 / (R + 1) exactly (no
    resample is as extreme), never 0."""
    docs = _corpus(30)
    a = submission_from_documents(docs)
    b = Submission("b", {d.id: PredictedDocument(d.id, relations=[]) for d in docs})
    for unit in ("documents", "items"):
        result = compare(docs, a, b, n_resamples=199, unit=unit)
        assert result["metrics"]["relations.untimed"]["p_value"] == pytest.approx(1 / 200)
