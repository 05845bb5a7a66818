"""Inter-annotator agreement between two annotation folders of the same documents.

Pass A is treated as the reference and pass B as the response; every F1 below is symmetric in
A and B. Per document and overall (micro: counts summed over documents):

* **mentions**: strict F1 (same span and type) and relaxed F1 (overlapping spans of the same
  type), on the scorer's one-to-one alignment;
* **coreference**: MUC, B³ and CEAF-e (entity-based φ4, optimal alignment) F1, computed over the
  mentions both passes annotate with exactly the same span (the usual choice when mention
  detection differs); the overall figure averages documents weighted by shared mentions.
  MUC counts links, so it is undefined for a document where neither pass links two mentions
  (every actor mentioned once, as in a one-sentence contrast document): such a document has
  MUC ``null`` and weight 0 in the MUC average;
* **timexes**: strict and relaxed span F1, and value agreement: the share of relaxed matches
  whose TIMEX3 values are equal;
* **relations**: untimed and timed F1 over the tuples of each pass, with B's entities mapped to
  A's through their exact-span mentions (an entity of B corresponds to the entity of A that
  shares most of its mentions); once over ``actual`` relations only (what the scorer counts)
  and once over every realis, with the realis part of the tuple;
* **Cohen's kappa** (scikit-learn) on relation labels over every unordered pair of A's actors:
  each pair is labelled with the sorted relation types between its two actors (``none`` when
  there are none). It is undefined (null, with the reason) when both passes use one label only.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from benchmark.errors import UsageError
from benchmark.model import (
    SYMMETRIC_TYPES,
    Document,
    data_root_of,
    read_annotation_records,
    read_seed_metadata,
    read_seed_text,
    records_to_document,
    resolve_root,
)
from benchmark.scoring import count_mentions, count_timexes, prf


def load_annotation_folder(
    folder: str | os.PathLike[str], root: str | os.PathLike[str] | None = None
) -> list[Document]:
    """The documents annotated in ``folder`` (``<doc_id>.jsonl`` files), texts from the seeds
    of ``root`` (default: a ``seeds/`` beside the folder, else the shipped data)."""
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"{path}: not an annotation folder")
    base = resolve_root(root if root is not None else data_root_of(path))
    seeds = read_seed_metadata(base)
    docs = []
    for file in sorted(path.glob("*.jsonl")):
        seed = seeds.get(file.stem)
        if seed is None:
            raise UsageError(f"{file}: no document {file.stem!r} in the seeds of {base}")
        docs.append(
            records_to_document(read_annotation_records(file), read_seed_text(seed, base), seed)
        )
    if not docs:
        raise UsageError(f"{path}: holds no annotation files")
    return docs


# --------------------------------------------------------------------------- coreference

Cluster = frozenset[tuple[int, int]]


def _clusters(doc: Document, shared: set[tuple[int, int]]) -> list[Cluster]:
    groups: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for m in doc.mentions:
        if (m.start, m.end) in shared:
            groups[m.entity].add((m.start, m.end))
    return [frozenset(g) for g in groups.values() if g]


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """MUC (Vilain et al., 1995): links kept, as (numerator, denominator) pairs -> P, R, F1."""

    def score(gold: Sequence[Cluster], other: Sequence[Cluster]) -> tuple[int, int]:
        owner = {m: i for i, c in enumerate(other) for m in c}
        num = den = 0
        for c in gold:
            parts = {owner.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    rn, rd = score(key, response)
    pn, pd = score(response, key)
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """B³ (Bagga and Baldwin, 1998): per-mention precision and recall, averaged."""
    k_of = {m: c for c in key for m in c}
    r_of = {m: c for c in response for m in c}
    mentions = set(k_of) & set(r_of)
    if not mentions:
        return 0.0, 0.0, 0.0
    p = sum(len(k_of[m] & r_of[m]) / len(r_of[m]) for m in mentions) / len(mentions)
    r = sum(len(k_of[m] & r_of[m]) / len(k_of[m]) for m in mentions) / len(mentions)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo, 2005) with φ4 = 2|K∩R| / (|K| + |R|) and an optimal alignment."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    p, r = total / len(response), total / len(key)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------- relations


def entity_mapping(a: Document, b: Document) -> dict[str, str]:
    """B's entity -> A's entity sharing most exact-span mentions (ties: the smaller id)."""
    a_at = {(m.start, m.end): m.entity for m in a.mentions}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in b.mentions:
        if (m.start, m.end) in a_at:
            votes[m.entity][a_at[(m.start, m.end)]] += 1
    return {eb: min(c, key=lambda e: (-c[e], e)) for eb, c in votes.items()}


def _key(rtype: str, a1: str, a2: str) -> tuple[str, str, str]:
    if rtype in SYMMETRIC_TYPES and a2 < a1:
        a1, a2 = a2, a1
    return rtype, a1, a2


def _tuples(
    doc: Document, mapping: dict[str, str] | None, actual_only: bool
) -> tuple[set[Any], set[Any]]:
    untimed: set[Any] = set()
    timed: set[Any] = set()
    for r in doc.relations:
        if actual_only and r.realis != "actual":
            continue
        a1 = mapping.get(r.arg1, f"B:{r.arg1}") if mapping is not None else r.arg1
        a2 = mapping.get(r.arg2, f"B:{r.arg2}") if mapping is not None else r.arg2
        key = _key(r.type, a1, a2) + (() if actual_only else (r.realis,))
        untimed.add(key)
        timed.add((*key, r.date))
    return untimed, timed


def _pair_labels(doc: Document, mapping: dict[str, str] | None, actors: list[str]) -> list[str]:
    types: dict[frozenset[str], set[str]] = defaultdict(set)
    for r in doc.relations:
        a1 = mapping.get(r.arg1, "") if mapping is not None else r.arg1
        a2 = mapping.get(r.arg2, "") if mapping is not None else r.arg2
        types[frozenset((a1, a2))].add(r.type)
    return [
        "+".join(sorted(types.get(frozenset(p), ()))) or "none" for p in combinations(actors, 2)
    ]


# --------------------------------------------------------------------------- the report


def _f1(tp: float, fp: float, fn: float) -> dict[str, float]:
    p, r, f = prf(tp, fp, fn)
    return {
        "precision": round(p, 6),
        "recall": round(r, 6),
        "f1": round(f, 6),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def _set_counts(a: set[Any], b: set[Any]) -> tuple[int, int, int]:
    tp = len(a & b)
    return tp, len(b) - tp, len(a) - tp


def _document(a: Document, b: Document) -> tuple[dict[str, Any], dict[str, Any]]:
    """(figures, raw counts) of one document."""
    counts: dict[str, Any] = {}
    gold_m = [(m.start, m.end, m.type) for m in a.mentions]
    pred_m = [(m.start, m.end, m.type) for m in b.mentions]
    mc, _ = count_mentions(gold_m, pred_m, with_verdicts=False)
    counts["mentions_strict"] = mc["strict"].tp_fp_fn()
    counts["mentions_relaxed"] = mc["type"].tp_fp_fn()

    shared = {(m.start, m.end) for m in a.mentions} & {(m.start, m.end) for m in b.mentions}
    key, response = _clusters(a, shared), _clusters(b, shared)
    coref = {
        "muc": muc(key, response),
        "b_cubed": b_cubed(key, response),
        "ceaf_e": ceaf_e(key, response),
    }
    counts["coref_weight"] = len(shared)
    counts["muc_weight"] = len(shared) if any(len(c) > 1 for c in (*key, *response)) else 0

    tc, _ = count_timexes(
        [(t.start, t.end, t.type, t.value) for t in a.timexes],
        [(t.start, t.end, t.type, t.value) for t in b.timexes],
    )
    counts["timexes_strict"] = (tc.strict, tc.pred - tc.strict, tc.gold - tc.strict)
    counts["timexes_relaxed"] = (tc.relaxed, tc.pred - tc.relaxed, tc.gold - tc.relaxed)
    counts["timex_values"] = (tc.value_correct, tc.relaxed)

    mapping = entity_mapping(a, b)
    for name, actual_only in (("actual", True), ("all", False)):
        ua, ta = _tuples(a, None, actual_only)
        ub, tb = _tuples(b, mapping, actual_only)
        counts[f"relations_{name}_untimed"] = _set_counts(ua, ub)
        counts[f"relations_{name}_timed"] = _set_counts(ta, tb)
    actors = sorted(e.id for e in a.entities if e.type != "LOC")
    counts["labels_a"] = _pair_labels(a, None, actors)
    counts["labels_b"] = _pair_labels(b, mapping, actors)
    figures = _figures([counts])
    figures["coreference"] = {k: round(v[2], 6) for k, v in coref.items()}
    if not counts["muc_weight"]:
        figures["coreference"]["muc"] = None
    counts["coref"] = coref
    return figures, counts


def _figures(all_counts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def total(name: str) -> tuple[float, ...]:
        rows = [c[name] for c in all_counts]
        return tuple(sum(r[i] for r in rows) for i in range(len(rows[0])))

    values_ok, matched = total("timex_values")
    labels_a = [x for c in all_counts for x in c["labels_a"]]
    labels_b = [x for c in all_counts for x in c["labels_b"]]
    kappa: float | None
    if len(set(labels_a) | set(labels_b)) < 2:
        kappa, reason = None, "undefined: both passes use a single label"
    else:
        from sklearn.metrics import cohen_kappa_score

        kappa, reason = round(float(cohen_kappa_score(labels_a, labels_b)), 6), ""
    return {
        "mentions": {
            "strict": _f1(*total("mentions_strict")),
            "relaxed": _f1(*total("mentions_relaxed")),
        },
        "timexes": {
            "strict": _f1(*total("timexes_strict")),
            "relaxed": _f1(*total("timexes_relaxed")),
            "value_agreement": round(values_ok / matched, 6) if matched else 0.0,
        },
        "relations": {
            "actual": {
                "untimed": _f1(*total("relations_actual_untimed")),
                "timed": _f1(*total("relations_actual_timed")),
            },
            "all_realis": {
                "untimed": _f1(*total("relations_all_untimed")),
                "timed": _f1(*total("relations_all_timed")),
            },
        },
        "kappa": {"value": kappa, "reason": reason, "pairs": len(labels_a)},
    }


def agreement(docs_a: Iterable[Document], docs_b: Iterable[Document]) -> dict[str, Any]:
    """Agreement figures per document and overall (see the module docstring)."""
    a_by = {d.id: d for d in docs_a}
    b_by = {d.id: d for d in docs_b}
    if set(a_by) != set(b_by):
        only = sorted(set(a_by) ^ set(b_by))
        raise UsageError(f"the two folders annotate different documents: {', '.join(only)}")
    per_doc = {}
    counts = []
    for doc_id in sorted(a_by):
        figures, c = _document(a_by[doc_id], b_by[doc_id])
        per_doc[doc_id] = figures
        counts.append(c)
    overall = _figures(counts)
    overall["coreference"] = {}
    for metric, weight_of in (
        ("muc", "muc_weight"),
        ("b_cubed", "coref_weight"),
        ("ceaf_e", "coref_weight"),
    ):
        weight = sum(c[weight_of] for c in counts)
        total = sum(c["coref"][metric][2] * c[weight_of] for c in counts)
        overall["coreference"][metric] = round(total / weight, 6) if weight else None
    summary = {
        "mention F1 (strict)": overall["mentions"]["strict"]["f1"],
        "mention F1 (relaxed)": overall["mentions"]["relaxed"]["f1"],
        "coreference MUC F1": overall["coreference"]["muc"],
        "coreference B3 F1": overall["coreference"]["b_cubed"],
        "coreference CEAF-e F1": overall["coreference"]["ceaf_e"],
        "timex span F1 (strict)": overall["timexes"]["strict"]["f1"],
        "timex span F1 (relaxed)": overall["timexes"]["relaxed"]["f1"],
        "timex value agreement": overall["timexes"]["value_agreement"],
        "relation F1 untimed (actual)": overall["relations"]["actual"]["untimed"]["f1"],
        "relation F1 timed (actual)": overall["relations"]["actual"]["timed"]["f1"],
        "relation F1 untimed (all realis)": overall["relations"]["all_realis"]["untimed"]["f1"],
        "relation F1 timed (all realis)": overall["relations"]["all_realis"]["timed"]["f1"],
        "Cohen's kappa (relation labels over actor pairs)": overall["kappa"]["value"],
    }
    return {
        "documents": len(per_doc),
        "summary": summary,
        "overall": overall,
        "per_document": per_doc,
    }


def render_agreement(report: dict[str, Any]) -> str:
    lines = [f"agreement over {report['documents']} document(s)", ""]
    width = max(len(k) for k in report["summary"])
    for name, value in report["summary"].items():
        shown = "n/a" if value is None else f"{value:.3f}"
        lines.append(f"{name:<{width}}  {shown}")
    reason = report["overall"]["kappa"]["reason"]
    if reason:
        lines.append(f"(kappa {reason})")
    return "\n".join(lines) + "\n"
