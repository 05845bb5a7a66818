"""envoy-bench: who phoned, met, sanctioned or appointed whom, and when.

The library is importable without its heavy dependencies; :func:`load` imports
``datasets`` only when called. :func:`score` scores predictions from a notebook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    import os
    from collections.abc import Iterable, Mapping

    from datasets import Dataset, DatasetDict

    from benchmark.scoring.report import ScoreReport


def load(
    config: str = "documents", root: Any = None, split: str | None = None
) -> DatasetDict | Dataset:
    """Return the benchmark as a ``datasets.DatasetDict`` without a build step, or the
    ``Dataset`` of one ``split``.

    ``config`` is ``"documents"`` (one row per document) or ``"relations"`` (one row per
    relation). ``root`` is an optional data root holding ``annotations/`` and ``seeds/``.
    """
    from benchmark.dataset import load_dataset_dict

    data = load_dataset_dict(config=config, root=root)
    if split is None:
        return data
    if split not in data:
        from benchmark.errors import UsageError

        raise UsageError(f"unknown split {split!r}; known: {', '.join(sorted(data))}")
    return data[split]


def score(
    predictions: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
    split: str = "test",
    gold: str | os.PathLike[str] | None = None,
    **options: Any,
) -> ScoreReport:
    """Score predictions (a submission file, or an iterable of submission lines as dicts)
    against the gold of ``split``; returns the typed report ``bench score --format json``
    writes. Options: ``n_boot``, ``seed``, ``resample`` (``"documents"`` or ``"items"``),
    ``details``, ``n_process``. See :func:`benchmark.scoring.api.score_predictions`.
    """
    from benchmark.scoring.api import score_predictions

    return score_predictions(predictions, split, gold, **options)
