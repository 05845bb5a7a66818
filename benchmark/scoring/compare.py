"""``bench compare``: a paired approximate randomization test of two submissions.

For each headline metric, the F1 of A and of B on the same gold, their difference, and the
two-sided p-value of a paired approximate randomization test (Noreen 1989; the usual test
for F1 differences in NLP, Riezler and Maxwell 2005): the two systems' outputs on each unit
are swapped at random, ``p = (c + 1) / (R + 1)``. The unit is the document (default: the
test respects that errors cluster in documents, and needs at least
:data:`~benchmark.scoring.resample.MIN_UNITS` documents) or the scored relation tuple
(``items``: every gold tuple and every tuple either system predicts, paired by identity;
assumes the tuples are independent; defined for the relation metrics only). A p-value the
data cannot support is ``None`` with a warning that says why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from benchmark.model import Document, missing_warning, read_manifest
from benchmark.scoring.evaluate import METRIC_INDEX, Evaluation
from benchmark.scoring.relations import score_relations_document
from benchmark.scoring.report import SCHEMA_VERSION, check_resampling
from benchmark.scoring.resample import MIN_UNITS, approximate_randomization, f1_of_sums
from benchmark.scoring.scores import N_BOOT, SEED
from benchmark.submission import PredictedDocument, Submission

HEADLINES = (
    ("relations.timed", "relations timed F1"),
    ("relations.untimed", "relations untimed F1"),
    ("mentions.strict", "mentions strict F1"),
    ("timexes.relaxed", "timexes relaxed F1"),
)


def _relation_item_rows(
    gold: Sequence[Document], sub_a: Submission, sub_b: Submission, layer: str
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Paired (tp, fp, fn) rows of every scored relation tuple of ``layer``."""
    rows_a: list[tuple[int, int, int]] = []
    rows_b: list[tuple[int, int, int]] = []
    for doc in gold:
        empty = PredictedDocument(doc_id=doc.id)
        ra = score_relations_document(doc, sub_a.documents.get(doc.id) or empty, False)
        rb = score_relations_document(doc, sub_b.documents.get(doc.id) or empty, False)
        g, pa, pb = ra.gold_keys[layer], ra.pred_keys[layer], rb.pred_keys[layer]
        for key in sorted(g | pa | pb, key=repr):
            for keys, rows in ((pa, rows_a), (pb, rows_b)):
                if key in g:
                    rows.append((1, 0, 0) if key in keys else (0, 0, 1))
                else:
                    rows.append((0, 1, 0) if key in keys else (0, 0, 0))
    return rows_a, rows_b


def compare(
    gold: Sequence[Document],
    sub_a: Submission,
    sub_b: Submission,
    *,
    n_resamples: int = N_BOOT,
    seed: int = SEED,
    unit: str = "documents",
    split: str | None = None,
    manifest: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A against B on each headline metric: F1s, difference, paired randomization p-value.
    The split recorded is ``split``, else the gold documents' own; the dataset and guidelines
    versions come from ``manifest``, else from the data root."""
    check_resampling(n_resamples, seed, unit)
    ev_a, ev_b = Evaluation(details=False), Evaluation(details=False)
    for doc in gold:
        ev_a.add(doc, sub_a.documents.get(doc.id))
        ev_b.add(doc, sub_b.documents.get(doc.id))
    return compare_evaluations(
        ev_a,
        ev_b,
        names=(sub_a.path, sub_b.path),
        n_resamples=n_resamples,
        seed=seed,
        unit=unit,
        split=split or (gold[0].split if gold else "test"),
        manifest=manifest if manifest is not None else read_manifest(),
        item_rows=lambda layer: _relation_item_rows(gold, sub_a, sub_b, layer),
    )


def compare_evaluations(
    ev_a: Evaluation,
    ev_b: Evaluation,
    *,
    names: tuple[str, str],
    n_resamples: int,
    seed: int,
    unit: str,
    split: str,
    manifest: Mapping[str, str],
    item_rows: Callable[[str], tuple[list[Any], list[Any]]] | None = None,
) -> dict[str, Any]:
    """The comparison of two evaluations of the same documents, in the same order (``names``:
    the submissions as the result shows them; ``split`` and ``manifest``: the gold's split and
    its dataset and guidelines versions, recorded as a score report records them;
    ``item_rows``: the paired tuple rows of a relation layer, needed for ``unit="items"``
    only)."""
    import numpy as np

    mat_a = ev_a.matrix() if unit == "documents" else None
    mat_b = ev_b.matrix() if unit == "documents" else None
    warnings = missing_warning(ev_a.missing, "submission A") + missing_warning(
        ev_b.missing, "submission B"
    )
    rows: dict[str, dict[str, Any] | None] = {}
    for metric, label in HEADLINES:
        layer = metric.split(".")[0]
        if not (ev_a.layer_submitted(layer) and ev_b.layer_submitted(layer)):
            rows[metric] = None
            continue
        f_a = float(f1_of_sums(np.asarray(ev_a.triple(metric))))
        f_b = float(f1_of_sums(np.asarray(ev_b.triple(metric))))
        p: float | None = None
        if n_resamples == 0:
            reason = "--n-boot 0 turns the test off"
        elif unit == "documents":
            reason = ""
            if ev_a.documents < MIN_UNITS:
                reason = (
                    f"{ev_a.documents} document(s), fewer than the {MIN_UNITS} a document-level "
                    "test needs"
                )
                if layer == "relations":  # item pairing is defined for relation tuples only
                    reason += "; use --resample items (assumes relation tuples are independent)"
            else:
                i = METRIC_INDEX[metric]
                cols = slice(3 * i, 3 * i + 3)
                assert mat_a is not None and mat_b is not None
                p = approximate_randomization(mat_a[:, cols], mat_b[:, cols], n_resamples, seed)
        elif layer != "relations":
            reason = "item-level pairing is defined for relation tuples only"
        else:
            assert item_rows is not None, "unit items needs the paired tuple rows"
            items_a, items_b = item_rows(metric.split(".")[1])
            reason = ""
            if len(items_a) < MIN_UNITS:
                reason = f"{len(items_a)} scored tuple(s), fewer than {MIN_UNITS}"
            else:
                p = approximate_randomization(items_a, items_b, n_resamples, seed)
        if p is None:
            warnings.append(f"no p-value for {label}: {reason}")
        rows[metric] = {
            "label": label,
            "a": round(f_a, 6),
            "b": round(f_b, 6),
            "delta": round(f_a - f_b, 6),
            "p_value": None if p is None else round(p, 6),
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "dataset_version": manifest.get("dataset_version", "unknown"),
        "guidelines_version": manifest.get("guidelines_version", "unknown"),
        "split": split,
        "documents": ev_a.documents,
        "a": names[0],
        "b": names[1],
        "test": "paired approximate randomization",
        "unit": unit,
        "resamples": n_resamples,
        "seed": seed,
        "min_units": MIN_UNITS,
        "metrics": rows,
        "warnings": warnings,
    }
