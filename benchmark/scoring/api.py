"""The Python API for notebooks: :func:`benchmark.score` (a thin layer over the scorer)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from benchmark.scoring.report import ScoreReport, score
from benchmark.scoring.scores import N_BOOT, SEED
from benchmark.scoring.stream import GoldSource, score_file
from benchmark.submission import submission_from_objects


def score_predictions(
    predictions: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
    split: str = "test",
    gold: str | os.PathLike[str] | None = None,
    *,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    resample: str = "documents",
    details: bool = True,
    n_process: int = 0,
    allow_unreviewed: bool = False,
) -> ScoreReport:
    """Score predictions against the gold of ``split``; the report ``bench score --format
    json`` writes, as a typed dict.

    ``predictions`` is a submission file (JSON Lines; ``"-"`` reads standard input) or an
    iterable of submission lines as dicts (``{"doc_id": ..., "relations": [...]}``). ``gold``
    is a data root, an ``annotations/`` folder or a built dataset folder (default: the
    shipped gold). Invalid predictions raise :class:`benchmark.errors.SubmissionError`
    listing every problem with its line (the position in the iterable, from 1) and field.
    Gold that is not reviewed is refused unless ``allow_unreviewed`` (a usage error).
    """
    if isinstance(predictions, str | os.PathLike):
        result = score_file(
            predictions,
            gold=gold,
            split=split,
            n_boot=n_boot,
            seed=seed,
            resample=resample,
            details=details,
            n_process=n_process,
            allow_unreviewed=allow_unreviewed,
        )
        return result.report
    source = GoldSource.open(gold, split, allow_unreviewed=allow_unreviewed)
    docs = list(source.documents())
    submission = submission_from_objects(predictions, docs)
    return score(
        docs,
        submission,
        n_boot=n_boot,
        seed=seed,
        resample=resample,
        manifest=source.manifest(),
        split=split,
        details=details,
    )
