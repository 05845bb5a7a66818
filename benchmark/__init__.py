"""envoy-bench: who phoned, met, sanctioned or appointed whom, and when.

The library is importable without its heavy dependencies; :func:`load` imports
``datasets`` only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from datasets import DatasetDict


def load(config: str = "documents", root: Any = None) -> DatasetDict:
    """Return the benchmark as a ``datasets.DatasetDict`` without a build step.

    ``config`` is ``"documents"`` (one row per document) or ``"relations"`` (one row per
    relation). ``root`` is an optional data root holding ``annotations/`` and ``seeds/``.
    """
    from benchmark.dataset import load_dataset_dict

    return load_dataset_dict(config=config, root=root)
