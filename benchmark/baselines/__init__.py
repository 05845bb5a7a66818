"""Baseline systems and ``bench predict``.

``SYSTEMS`` names every system; :func:`predict_documents` runs one over documents and returns
submission lines (plain dicts in the submission format). Only ``oracle-mentions`` reads gold
(mentions and timexes, never relations); it is an analysis aid, marked as such everywhere.
``learned`` runs the shipped classifier (:mod:`benchmark.baselines.learned`); on the dev split,
which it was trained on, ask for ``out_of_fold=True`` (what the leaderboard shows).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from benchmark.errors import UsageError
from benchmark.model import Document

SYSTEMS = {
    "cooccurrence": "every pair of actors in a sentence holding a trigger word (the floor)",
    "rules": "offline spaCy pipeline with gazetteers, title patterns, simple coreference, "
    "trigger matching and its own TIMEX3 normalizer",
    "learned": "scikit-learn relation classifier over the rules' candidate actor pairs, trained "
    "on the dev split (dev figures are out-of-fold)",
    "oracle-mentions": "ANALYSIS AID: gold mentions and timexes given, rules for relations only",
    "llm": "a versioned prompt to any OpenAI-compatible chat endpoint (--base-url, --model)",
}
#: Systems that run here, offline and deterministically (their predictions are committed).
OFFLINE_SYSTEMS = ("cooccurrence", "rules", "learned", "oracle-mentions")


def _predict_one(args: tuple[str, Document, str | None, Document | None]) -> dict[str, Any]:
    from benchmark.baselines.rules import predict

    system, doc, model, oracle = args
    if system == "learned":
        from benchmark.baselines import learned

        return learned.predict(doc)
    return predict(doc, model, oracle=oracle, cooccurrence=system == "cooccurrence")


def predict_documents(
    system: str,
    docs: list[Document],
    *,
    model: str | None = None,
    n_process: int = 1,
    gold: dict[str, Document] | None = None,
    progress: Callable[[int, int], None] | None = None,
    llm: Any = None,
    out_of_fold: bool = False,
) -> list[dict[str, Any]]:
    """Submission lines of ``system`` for ``docs``, in input order.

    ``llm`` is the :class:`~benchmark.baselines.llm.LLMClient` of the ``llm`` system.
    ``out_of_fold`` (``learned`` only): predict each document with a model trained on the
    other folds of ``gold`` (the annotated documents, e.g. dev), never on itself; needs
    scikit-learn and takes a minute.
    """
    if system not in SYSTEMS:
        raise UsageError(f"unknown system {system!r}; choose one of {', '.join(SYSTEMS)}")
    if out_of_fold:
        if system != "learned":
            raise UsageError("out-of-fold predictions exist for the learned system only")
        if gold is None or any(d.id not in gold for d in docs):
            raise UsageError("out-of-fold predictions need the gold of every document")
        from benchmark.baselines import learned

        oof = learned.cross_validate([gold[d.id] for d in docs])
        if progress:
            progress(len(docs), len(docs))
        return [oof[d.id] for d in docs]
    if system == "learned":
        from benchmark.baselines import learned

        learned.load_model()  # fail early, with the rebuild hint, when the model is unusable
    if system == "llm":
        if llm is None:
            raise UsageError("the llm system needs --base-url and --model")
        lines = []
        for i, doc in enumerate(docs, start=1):
            lines.append(llm.predict(doc))
            if progress:
                progress(i, len(docs))
        return lines
    if system == "oracle-mentions":
        if gold is None:
            raise UsageError("oracle-mentions needs gold documents (it scores the test split only)")
        missing = [d.id for d in docs if d.id not in gold]
        if missing:
            raise UsageError(f"oracle-mentions has no gold for {missing[0]}")
    if model is not None:
        from benchmark.baselines.rules import _nlp

        _nlp(model)  # fail early, with the install hint, when the model is missing
    jobs = [
        (system, d, model, gold[d.id] if gold and system == "oracle-mentions" else None)
        for d in docs
    ]
    out: list[dict[str, Any]] = []
    if n_process <= 1 or len(jobs) < 2:
        for i, job in enumerate(jobs, start=1):
            out.append(_predict_one(job))
            if progress:
                progress(i, len(jobs))
        return out
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        for i, line in enumerate(pool.map(_predict_one, jobs, chunksize=8), start=1):
            out.append(line)
            if progress:
                progress(i, len(jobs))
    return out


def read_articles(path: str | os.PathLike[str], published: str | None = None) -> list[Document]:
    """Unannotated articles: a JSONL of ``{doc_id, text, published}`` or a folder of ``.txt``."""
    p = Path(path)
    docs: list[Document] = []
    if p.is_dir():
        if published is None:
            raise UsageError("a folder of .txt files needs --published YYYY-MM-DD")
        _check_date(published, str(p))
        for f in sorted(p.glob("*.txt")):
            docs.append(Document(f.stem, f.read_bytes().decode("utf-8"), published, "test"))
    elif p.is_file():
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{p}:{number}: invalid JSON ({exc.msg})") from exc
            missing = [
                k for k in ("doc_id", "text", "published") if not isinstance(obj.get(k), str)
            ]
            if missing:
                raise UsageError(f"{p}:{number}: {missing[0]}: required string field is missing")
            _check_date(obj["published"], f"{p}:{number}")
            docs.append(Document(obj["doc_id"], obj["text"], obj["published"], "test"))
    else:
        raise UsageError(f"{p}: no such file or folder")
    return docs


def _check_date(value: str, where: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{where}: published: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def write_jsonl(lines: Iterable[dict[str, Any]], out: str | os.PathLike[str]) -> None:
    from benchmark.model import atomic_write_text

    atomic_write_text(out, "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
