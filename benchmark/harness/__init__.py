"""The benchmark as an lm-evaluation-harness task (``lm_eval --include_path``).

This folder is the harness's include path (:func:`include_path`, ``bench harness-path``). It
holds one YAML file per task and ``utils.py``, the thin glue the YAML files name; everything
else lives here, importable and tested without lm-eval:

* **Tasks**: ``envoy_bench`` (the test split), ``envoy_bench_dev`` and
  ``envoy_bench_contrast`` (:data:`TASKS`), tagged ``envoy_bench_splits``. Each is a
  ``generate_until`` task over the documents of one split, read from the data root
  (``$ENVOY_BENCH_ROOT`` or the checkout, :func:`benchmark.model.load_documents`); nothing is
  downloaded.
* **Prompt**: the ``llm`` baseline's versioned prompt
  (:func:`benchmark.baselines.llm.build_messages`): its system turn is the task description,
  its user turn the document prompt. With ``--apply_chat_template`` a zero-shot request carries
  the baseline's messages, the system turn followed by :data:`DESCRIPTION_END` (a blank line:
  lm-eval joins the description and the text with nothing between them when a model runs
  without a chat template).
* **Answers**: parsed by :func:`benchmark.baselines.llm.parse_answer` (the submission reader's
  rules); an invalid answer predicts nothing for its document and counts in ``unparseable``.
* **Metrics**: corpus-level, computed by this project's scorer on the parsed answers of the
  whole split, exactly as ``bench score`` scores the same answers as a submission file. A
  document of the split that the run leaves out (``--limit``) counts as predicting nothing,
  as in ``bench score``. A layer no answer produced (e.g. no mentions) is ``nan``: "not
  submitted", never zero.
* **Few-shot**: demonstrations come only from the ``dev`` split (:data:`FEWSHOT_SPLIT`); their
  answers are the gold in the prompt's answer format (:func:`demonstration_answer`). Asking for
  demonstrations when the data root has too few dev documents, or when the scored split is
  ``dev`` itself, is an error that says so.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmark.baselines.llm import PROMPT_VERSION, build_messages, parse_answer
from benchmark.errors import UsageError
from benchmark.model import Document, default_root, dumps_line, load_documents

if TYPE_CHECKING:  # pragma: no cover
    from datasets import DatasetDict

    from benchmark.scoring import ScoreReport

TASKS = {"envoy_bench": "test", "envoy_bench_dev": "dev", "envoy_bench_contrast": "contrast"}
FEWSHOT_SPLIT = "dev"
DESCRIPTION_END = "\n\n"
#: Corpus metrics the tasks report: name -> path into the ``bench score`` JSON report.
CORPUS_METRICS = {
    "relations_timed_f1": ("relations", "timed", "f1"),
    "relations_untimed_f1": ("relations", "untimed", "f1"),
    "relations_macro_f1": ("relations", "macro_f1"),
    "mentions_strict_f1": ("mentions", "strict", "f1"),
    "timexes_relaxed_f1": ("timexes", "relaxed", "f1"),
    "timexes_value_f1": ("timexes", "value", "f1"),
}
__all__ = [
    "CORPUS_METRICS",
    "DESCRIPTION_END",
    "FEWSHOT_SPLIT",
    "PROMPT_VERSION",
    "TASKS",
    "check_demonstrations",
    "corpus_metric",
    "demonstration_answer",
    "document_row",
    "include_path",
    "load_task_dataset",
    "score_generations",
    "submission_from_samples",
]


def include_path() -> Path:
    """The folder to pass to ``lm_eval --include_path``."""
    return Path(__file__).resolve().parent


def demonstration_answer(doc: Document) -> str:
    """The gold of ``doc`` as the one-line JSON answer the prompt asks for: every mention with
    its cluster, every timex with its value, and the ``actual`` relations with the canonical
    names of their arguments."""
    names = {e.id: e.name for e in doc.entities}
    answer = {
        "mentions": [
            {"start": m.start, "end": m.end, "type": m.type, "entity": m.entity}
            for m in doc.mentions
        ],
        "timexes": [
            {"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in doc.timexes
        ],
        "relations": [
            {"type": r.type, "arg1": names[r.arg1], "arg2": names[r.arg2], "date": r.date}
            for r in doc.relations
            if r.realis == "actual"
        ],
    }
    return json.dumps(answer, ensure_ascii=False)


def document_row(doc: Document) -> dict[str, Any]:
    """One row of the task's dataset: the document, its prompt turns and its gold answer."""
    system, user = build_messages(doc)
    return {
        "doc_id": doc.id,
        "split": doc.split,
        "published": doc.published,
        "text": doc.text,
        "prompt_version": PROMPT_VERSION,
        "description": system["content"] + DESCRIPTION_END,
        "prompt": user["content"],
        "target": demonstration_answer(doc),
    }


def load_task_dataset(split: str, root: str | os.PathLike[str] | None = None) -> DatasetDict:
    """The dataset of the task that scores ``split``: that split and the few-shot split.

    Raises :class:`UsageError` when the scored split has no annotated document.
    """
    from datasets import Dataset, DatasetDict

    docs = load_documents(root, split=split)
    if not docs:
        where = root if root is not None else default_root()
        raise UsageError(f"{where}: no annotated document in split {split!r}")
    splits = {split: docs}
    if split != FEWSHOT_SPLIT:
        splits[FEWSHOT_SPLIT] = load_documents(root, split=FEWSHOT_SPLIT)
    empty: dict[str, list[Any]] = {k: [] for k in document_row(docs[0])}
    return DatasetDict(
        {
            name: Dataset.from_list([document_row(d) for d in rows])
            if rows
            else Dataset.from_dict(empty)
            for name, rows in splits.items()
        }
    )


def check_demonstrations(pool: Sequence[dict[str, Any]], n: int, scored_split: str | None) -> None:
    """Refuse few-shot demonstrations that are not ``dev`` documents, or too few of them.

    ``scored_split`` is the split of the document being prompted, when known.
    """
    if n <= 0:
        return
    if scored_split == FEWSHOT_SPLIT:
        raise UsageError(
            f"few-shot demonstrations come from the {FEWSHOT_SPLIT!r} split, which is the split "
            "being scored: run this task zero-shot (--num_fewshot 0)"
        )
    foreign = sorted({str(row.get("split")) for row in pool} - {FEWSHOT_SPLIT})
    if foreign:
        raise UsageError(f"few-shot demonstrations must come from {FEWSHOT_SPLIT!r}, not {foreign}")
    if len(pool) < n:
        raise UsageError(
            f"--num_fewshot {n} needs {n} annotated {FEWSHOT_SPLIT!r} document(s); the data root "
            f"{default_root()} has {len(pool)}"
        )


def _submission_lines(
    generations: Iterable[tuple[str, str]], split: str
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Submission lines of ``(doc_id, answer)`` pairs, and the answers that did not parse."""
    docs = {d.id: d for d in load_documents(split=split)}
    lines: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    for doc_id, answer in generations:
        if doc_id not in docs:
            raise UsageError(f"document {doc_id!r} is not in split {split!r}")
        line, problem = parse_answer(answer, docs[doc_id])
        lines.append({"relations": [], **line})  # the task asks for relations: none parsed = []
        if problem is not None:
            problems.append({"doc_id": doc_id, "problem": problem})
    return lines, problems


def _score_file(path: Path, split: str) -> ScoreReport:
    """``bench score PATH --split SPLIT --format json``: the one call into the scorer."""
    from benchmark.scoring import load_gold, score
    from benchmark.submission import read_submission

    gold = load_gold(None, split)
    return score(gold, read_submission(path, gold), split=split, details=False)


def score_generations(generations: Iterable[tuple[str, str]], split: str) -> ScoreReport:
    """The ``bench score`` report of the model answers ``(doc_id, answer)`` on ``split``."""
    lines, _ = _submission_lines(generations, split)
    with tempfile.TemporaryDirectory(prefix="envoy-bench-harness-") as tmp:
        path = Path(tmp) / "predictions.jsonl"
        path.write_text("".join(dumps_line(line) + "\n" for line in lines), encoding="utf-8")
        return _score_file(path, split)


_LAST: tuple[tuple[Any, ...], ScoreReport] | None = None


def corpus_metric(name: str, items: Sequence[Sequence[str]]) -> float:
    """Aggregation of the harness: metric ``name`` over the per-document items
    ``(split, doc_id, answer)`` of one run. The run is scored once; every metric reads the same
    report. ``nan`` when the answers never carry the metric's layer."""
    global _LAST
    key = tuple(tuple(item) for item in items)
    if _LAST is None or _LAST[0] != key:
        splits = {item[0] for item in key}
        if len(splits) != 1:
            raise UsageError(f"one run scores one split, not {sorted(splits)}")
        _LAST = (key, score_generations(((i[1], i[2]) for i in key), splits.pop()))
    value: Any = _LAST[1]
    for part in CORPUS_METRICS[name]:
        if value is None:
            return float("nan")
        value = value[part]
    return float(value)


def submission_from_samples(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Turn an lm-eval ``--log_samples`` file of an envoy-bench task into submission lines.

    Returns ``{"split", "lines", "unparseable"}``; each answer is parsed with the ``llm``
    baseline's rules, so ``bench score`` on the lines reproduces the harness's metrics.
    """
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{file}: no such samples file")
    pairs: list[tuple[str, str]] = []
    splits: set[str] = set()
    for number, raw in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            sample = json.loads(raw)
            doc = sample["doc"]
            answer = sample["filtered_resps"][0]
            pairs.append((str(doc["doc_id"]), str(answer)))
            splits.add(str(doc["split"]))
        except (json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
            raise UsageError(
                f"{file}:{number}: not an envoy-bench sample of lm-eval --log_samples "
                f"(expected doc.doc_id, doc.split and filtered_resps; {type(exc).__name__}: {exc})"
            ) from exc
    if len(splits) != 1:
        raise UsageError(f"{file}: expected the samples of one split, found {sorted(splits)}")
    split = splits.pop()
    lines, problems = _submission_lines(pairs, split)
    return {"split": split, "lines": lines, "unparseable": problems}
