"""Glue named by the task YAML files (lm-eval loads this file by path for each ``!function``).

Keep it thin: the logic lives in :mod:`benchmark.harness`, which is imported once.
"""

from __future__ import annotations

from typing import Any

from lm_eval.api.samplers import ContextSampler

from benchmark.baselines.llm import build_messages
from benchmark.harness import check_demonstrations, corpus_metric, load_task_dataset
from benchmark.model import Document


def load_dataset(split: str = "test", **_: Any) -> Any:
    """``custom_dataset``: the scored split and the dev split from the data root."""
    return load_task_dataset(split)


def doc_to_text(row: dict[str, Any]) -> str:
    """The user turn of the baseline's prompt for this row."""
    doc = Document(row["doc_id"], row["text"], row["published"], row["split"])
    return build_messages(doc)[-1]["content"]


def process_results(row: dict[str, Any], results: list[str]) -> dict[str, Any]:
    """Per document: the item each corpus metric aggregates, and whether the answer parsed."""
    from benchmark.baselines.llm import parse_answer

    answer = results[0] if results else ""
    item = (row["split"], row["doc_id"], answer)
    doc = Document(row["doc_id"], row["text"], row["published"], row["split"])
    _, problem = parse_answer(answer, doc)
    return {
        "relations_timed_f1": item,
        "relations_untimed_f1": item,
        "relations_macro_f1": item,
        "mentions_strict_f1": item,
        "timexes_relaxed_f1": item,
        "timexes_value_f1": item,
        "unparseable": float(problem is not None),
    }


def relations_timed_f1(items: list[Any]) -> float:
    return corpus_metric("relations_timed_f1", items)


def relations_untimed_f1(items: list[Any]) -> float:
    return corpus_metric("relations_untimed_f1", items)


def relations_macro_f1(items: list[Any]) -> float:
    return corpus_metric("relations_macro_f1", items)


def mentions_strict_f1(items: list[Any]) -> float:
    return corpus_metric("mentions_strict_f1", items)


def timexes_relaxed_f1(items: list[Any]) -> float:
    return corpus_metric("timexes_relaxed_f1", items)


def timexes_value_f1(items: list[Any]) -> float:
    return corpus_metric("timexes_value_f1", items)


class DevSampler(ContextSampler):
    """Few-shot sampler that only ever draws ``dev`` documents, never the scored document's
    split; it fails with a clear message otherwise."""

    def sample(self, n: int, eval_doc: Any = None, df: Any = None, **kwargs: Any) -> Any:
        pool = df or self.fewshot_docs()
        check_demonstrations(pool, n, eval_doc.get("split") if eval_doc else None)
        return super().sample(n, eval_doc=eval_doc, df=df, **kwargs)
