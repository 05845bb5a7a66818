"""Gold loading for the scorer: shipped, a data root, or a built dataset folder."""

from __future__ import annotations

import os
from pathlib import Path

from benchmark.errors import UsageError
from benchmark.model import (
    Document,
    load_documents,
)


def load_gold(path: str | os.PathLike[str] | None = None, split: str = "test") -> list[Document]:
    """Gold documents of ``split``: shipped by default, or from a data root, an annotations
    folder (whose parent holds ``seeds/``) or a built Hugging Face dataset folder."""
    if path is None:
        docs = load_documents(split=split)
    else:
        p = Path(path)
        if not p.exists():
            raise UsageError(f"{p}: no such gold folder")
        if (p / "annotations").is_dir() and (p / "seeds").is_dir():
            docs = load_documents(p, split=split)
        elif p.name == "annotations" and (p.parent / "seeds").is_dir():
            docs = load_documents(p.parent, split=split)
        elif (p / "documents").is_dir():
            from benchmark.dataset import documents_from_built

            docs = [d for d in documents_from_built(p) if d.split == split]
        else:
            raise UsageError(
                f"{p}: not a gold folder (expected a data root with annotations/ and seeds/, "
                "an annotations/ folder, or a built dataset folder)"
            )
    if not docs:
        raise UsageError(f"no gold documents in split {split!r}")
    return docs
