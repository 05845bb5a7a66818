"""Gold loading for the scorer: shipped, a data root, or a built dataset folder."""

from __future__ import annotations

import os
from pathlib import Path

from benchmark.errors import UsageError
from benchmark.model import (
    Document,
    load_documents,
    shown_ids,
)

#: What a scoring command that has ``--allow-unreviewed`` suggests besides reviewing.
ALLOW_UNREVIEWED_HINT = (
    ", or pass --allow-unreviewed to score against the drafts anyway (the report then says so)"
)


def refuse_drafts(
    split: str, where: object, drafts: list[str], hint: str = ALLOW_UNREVIEWED_HINT
) -> None:
    """A score against gold no reviewer has passed is not a benchmark result: refuse it.

    ``hint`` ends the message after "Review them (...)": the way around that the calling command
    actually offers."""
    if drafts:
        raise UsageError(
            f"the {split} gold in {where} has {len(drafts)} unreviewed document(s) "
            f"({shown_ids(drafts)}): "
            "a score against draft gold is not a benchmark result. Review them (`bench review "
            f"DOC_ID --reviewer NAME`){hint}"
        )


def draft_warning(drafts: list[str]) -> list[str]:
    """The warning a result scored against unreviewed gold (--allow-unreviewed) carries first."""
    if not drafts:
        return []
    return [
        f"scored against {len(drafts)} unreviewed gold document(s) ({shown_ids(drafts)}): not a "
        "benchmark result"
    ]


def load_gold(
    path: str | os.PathLike[str] | None = None,
    split: str = "test",
    *,
    allow_unreviewed: bool = False,
) -> list[Document]:
    """Gold documents of ``split``: shipped by default, or from a data root, an annotations
    folder (whose parent holds ``seeds/``) or a built Hugging Face dataset folder. Unreviewed
    gold is refused (:func:`refuse_drafts`) unless ``allow_unreviewed``."""
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
    _refuse_broken(docs)
    if not allow_unreviewed:
        refuse_drafts(
            split, path or "the data root", [d.id for d in docs if d.status != "reviewed"]
        )
    return docs


def _refuse_broken(docs: list[Document]) -> None:
    """The checks the streaming reader makes of every gold document (a record written twice,
    a span beyond the text, ...: :func:`~benchmark.scoring.stream.gold_problems`), made here
    too, so that a score read through this path is not made against gold that one refuses."""
    from benchmark.errors import AnnotationError, Problem
    from benchmark.scoring.stream import gold_problems

    for doc in docs:
        problems = gold_problems(doc, values_checked=False)
        if problems:
            raise AnnotationError(
                f"document {doc.id}: broken gold (bench validate says more)",
                [Problem(f"document {doc.id}", None, where, what) for where, what in problems],
            )
