"""Relations: tuples per document, untimed, timed and lenient-date matching."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from benchmark.model import (
    RELATION_TYPES,
    SYMMETRIC_TYPES,
    Document,
)
from benchmark.scoring.align import SpanIndex
from benchmark.scoring.names import Resolver, relation_key
from benchmark.submission import (
    PredictedDocument,
)
from benchmark.timex import granularity, lenient_match

LEVEL_RANK = {"NAM": 0, "NOM": 1, "PRO": 2}


def _sentence_finder(doc: Document) -> Callable[[int], int | None]:
    """A fast ``offset -> sentence index`` look-up (bisect over sentence starts)."""
    starts = [s.start for s in doc.sentences]

    def find(offset: int) -> int | None:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset < doc.sentences[k].end:
            return doc.sentences[k].index
        return None

    return find


@dataclass
class EntitySentences:
    """Where the arguments of a document's gold relations are mentioned: the sorted sentence
    indices of each entity's mentions, and its strongest mention level (rank) in each."""

    sentences: dict[str, list[int]]
    rank: dict[tuple[str, int], int]


def _entity_sentences(doc: Document, entities: set[str]) -> EntitySentences:
    """:class:`EntitySentences` of ``entities`` (a mention outside every sentence is left out)."""
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    relevant = [m for m in doc.mentions if m.entity in entities]
    # the sentence position of each mention found in one pass of C calls (a third of the cost)
    after = map(bisect_right, repeat(starts), [m.start for m in relevant])
    rank: dict[tuple[str, int], int] = {}
    for m, k in zip(relevant, after, strict=True):
        k -= 1
        if k >= 0 and m.start < sentences[k].end:
            key = (m.entity, sentences[k].index)
            level = LEVEL_RANK[m.level]
            if level < rank.get(key, 3):
                rank[key] = level
    by_entity: dict[str, list[int]] = defaultdict(list)
    for entity, sentence in sorted(rank):
        by_entity[entity].append(sentence)
    return EntitySentences(by_entity, rank)


def _level_bucket(rel: Any, trigger_sentence: int | None, where: EntitySentences) -> str:
    """The weakest mention level of the two arguments in the trigger's sentence.

    NAM when both arguments are named there, NOM when one is only a nominal, PRO when one is
    only a pronoun; ``absent`` when an argument has no mention in that sentence.
    """
    worst = 0
    for arg in (rel.arg1, rel.arg2):
        level = where.rank.get((arg, trigger_sentence))  # type: ignore[arg-type]
        if level is None:
            return "absent"
        worst = max(worst, level)
    return ("NAM", "NOM", "PRO")[worst]


def _nearest(sentences: list[int], target: int) -> int:
    """The sentence of sorted ``sentences`` nearest to ``target`` (ties: the earlier)."""
    k = bisect_left(sentences, target)
    if k == len(sentences):
        return sentences[-1]
    if k == 0 or sentences[k] == target:
        return sentences[k]
    before, after = sentences[k - 1], sentences[k]
    return before if target - before <= after - target else after


def _distance_bucket(rel: Any, trigger_sentence: int | None, where: EntitySentences) -> str:
    """Sentence distance between the arguments' mentions nearest to the trigger: 0, 1, 2+."""
    trig = trigger_sentence or 0
    nearest = []
    for arg in (rel.arg1, rel.arg2):
        sentences = where.sentences.get(arg)
        if not sentences:
            return "unknown"
        nearest.append(_nearest(sentences, trig))
    d = abs(nearest[0] - nearest[1])
    return "2+" if d >= 2 else str(d)


RelKey = tuple[str, str, str]
TimedKey = tuple[str, str, str, str | None]
#: Prefix of the pseudo-entity that stands for an unresolved argument in a relation key: such a
#: key never equals a gold key, and two predictions with the same unresolved arguments are one.
UNRESOLVED = "\x00unresolved:"


@dataclass
class DocRelationResult:
    untimed: tuple[int, int, int]
    timed: tuple[int, int, int]
    lenient: tuple[int, int, int]
    evidence: tuple[int, int, int]
    evidence_given: bool
    per_type: dict[str, dict[str, tuple[int, int, int]]]
    false_positives: list[dict[str, Any]]
    false_negatives: list[dict[str, Any]]
    true_positives: list[dict[str, Any]]
    unresolved: list[dict[str, Any]]
    breakdown_hits: list[tuple[str, str, bool]]  # (dimension, bucket, found)
    #: layer -> the gold tuples, and the predicted ones (views of the dicts built anyway)
    gold_keys: dict[str, AbstractSet[Any]] = field(default_factory=dict)
    pred_keys: dict[str, AbstractSet[Any]] = field(default_factory=dict)


def _sentence_texts(doc: Document) -> Callable[[Iterable[int]], str]:
    """``indices -> the text of those sentences``, the sentence table built once per document."""
    by_index: dict[int, str] = {}

    def text_of(indices: Iterable[int]) -> str:
        if not by_index:  # built on first use: a document without errors never needs it
            by_index.update((s.index, doc.text[s.start : s.end]) for s in doc.sentences)
        return " ".join(by_index[i] for i in sorted(set(indices)) if i in by_index)

    return text_of


def _no_text(indices: Iterable[int]) -> str:
    return ""


def max_matching(
    left: Sequence[Any], right: Sequence[Any], edge: Callable[[Any, Any], bool]
) -> int:
    """Size of a maximum one-to-one matching between ``left`` and ``right`` (Kuhn's augmenting
    paths; the sets are the dates of one relation tuple, so a few items at most)."""
    adj = [[j for j, r in enumerate(right) if edge(x, r)] for x in left]
    owner: dict[int, int] = {}
    return sum(_augment(i, set(), adj, owner) for i in range(len(left)))


def _augment(i: int, seen: set[int], adj: list[list[int]], owner: dict[int, int]) -> bool:
    """Kuhn's step: find ``i`` a partner, moving earlier ones along. (A module function, not a
    closure: a recursive closure is a reference cycle, garbage the scorer never collects.)"""
    for j in adj[i]:
        if j in seen:
            continue
        seen.add(j)
        if j not in owner or _augment(owner[j], seen, adj, owner):
            owner[j] = i
            return True
    return False


def _lenient_edge(pred: str | None, gold: str | None) -> bool:
    return pred == gold or lenient_match(pred, gold)


def score_relations_document(
    gold: Document,
    pred: PredictedDocument,
    details: bool = True,
    breakdowns: bool = True,
    mention_index: SpanIndex | None = None,
    evidence_texts: bool = True,
) -> DocRelationResult:
    """Relation counts of one document, its errors, and (with ``details``) its true positives.

    Every distinct predicted tuple counts once: an untimed tuple per (type, arg1, arg2), a timed
    tuple per date of it; a relation whose argument does not resolve is a tuple of its own
    (keyed by the argument as given), so giving it twice counts it once. Every timed false
    positive is listed: the first date of a tuple under the untimed tuple's category, the other
    dates with ``timed_only``. Gold events that share a timed tuple (two meetings dated 2017)
    are one tuple: one true positive or false negative, listed once (the first of them), one
    row of the recall breakdowns. Evidence pairs (tuple, sentence) are counted for every
    document, so a document whose predictions carry no evidence adds its gold pairs as false
    negatives.
    ``breakdowns=False`` leaves out the recall breakdowns (``breakdown_hits`` stays empty);
    ``mention_index``: a :class:`SpanIndex` of the gold mentions the caller already has.
    ``evidence_texts=False`` leaves the listed items' ``evidence_text`` empty (for a caller
    that keeps none of them: the terminal table, once it has its first few errors).
    """
    names = {e.id: e.name for e in gold.entities}
    actual = [r for r in gold.relations if r.realis == "actual"]
    other = [r for r in gold.relations if r.realis != "actual"]
    gold_untimed: dict[RelKey, list[Any]] = defaultdict(list)
    for r in actual:
        gold_untimed[relation_key(r.type, r.arg1, r.arg2)].append(r)
    gold_timed = {(*relation_key(r.type, r.arg1, r.arg2), r.date): r for r in actual}
    non_actual = {relation_key(r.type, r.arg1, r.arg2): r for r in other}
    gold_pairs: dict[frozenset[str], set[str]] = defaultdict(set)
    for r in actual:
        gold_pairs[frozenset((r.arg1, r.arg2))].add(r.type)

    resolver = Resolver(gold, pred, mention_index)
    sentence_text = _sentence_texts(gold) if evidence_texts else _no_text
    pred_untimed: dict[RelKey, dict[str, Any]] = {}  # tuple -> its listed false positive or {}
    pred_timed: dict[TimedKey, None] = {}
    pred_ev: set[tuple[RelKey, int]] = set()
    evidence_given = False
    fps: list[dict[str, Any]] = []
    unresolved: list[dict[str, Any]] = []
    for rel in pred.relations or ():
        a1, a2 = resolver.resolve(rel.arg1), resolver.resolve(rel.arg2)
        if a1.entity is None or a2.entity is None:
            e1 = a1.entity or f"{UNRESOLVED}{a1.shown}"
            e2 = a2.entity or f"{UNRESOLVED}{a2.shown}"
        else:
            e1, e2 = a1.entity, a2.entity
        key = relation_key(rel.type, e1, e2)
        if rel.evidence is not None:
            evidence_given = True
            pred_ev.update((key, i) for i in rel.evidence)
        timed_key = (*key, rel.date)
        if key in pred_untimed:
            if timed_key not in pred_timed:
                pred_timed[timed_key] = None
                first = pred_untimed[key]
                if first:  # a further date of a false-positive tuple: a timed false positive
                    fps.append({**first, "date": rel.date, "timed_only": True})
            continue
        pred_timed[timed_key] = None
        shown = {"type": rel.type, "arg1": a1.shown, "arg2": a2.shown, "date": rel.date}
        if a1.entity is None or a2.entity is None:
            for slot, res in (("arg1", a1), ("arg2", a2)):
                if res.entity is None:
                    unresolved.append({"argument": res.shown, "problem": res.problem, "slot": slot})
            listed = {**shown, "category": "unresolved_argument", "evidence_text": ""}
        elif key not in gold_untimed:
            if key in non_actual:
                g = non_actual[key]
                category = f"non_actual:{g.realis}"
                ev = sentence_text(g.evidence)
            elif rel.type not in SYMMETRIC_TYPES and (rel.type, key[2], key[1]) in gold_untimed:
                category, ev = "wrong_direction", ""
            elif frozenset((e1, e2)) in gold_pairs:
                category, ev = "wrong_type", ""
            else:
                category, ev = "spurious", ""
            listed = {
                **shown,
                "arg1_entity": names.get(e1, e1),
                "arg2_entity": names.get(e2, e2),
                "category": category,
                "evidence_text": ev,
            }
        else:
            listed = {}
        pred_untimed[key] = listed
        if listed:
            fps.append(listed)

    # untimed and timed: sets of tuples
    tp_u = sum(1 for k in pred_untimed if k in gold_untimed)
    fp_u = len(pred_untimed) - tp_u
    fn_u = len(gold_untimed) - tp_u
    tp_t = sum(1 for k in pred_timed if k in gold_timed)
    fp_t = len(pred_timed) - tp_t
    fn_t = len(gold_timed) - tp_t
    # lenient dates: a maximum one-to-one matching of dates within each untimed tuple
    by_key_pred: dict[RelKey, list[str | None]] = defaultdict(list)
    for k in pred_timed:
        by_key_pred[k[:3]].append(k[3])
    by_key_gold: dict[RelKey, list[str | None]] = defaultdict(list)
    for k in gold_timed:
        by_key_gold[k[:3]].append(k[3])
    tp_l = 0
    for key, gold_dates in by_key_gold.items():
        pool = by_key_pred.get(key)
        if not pool:
            continue
        if len(pool) == 1 and len(gold_dates) == 1:  # the usual case: one event, one date
            tp_l += _lenient_edge(pool[0], gold_dates[0])
        else:
            tp_l += max_matching(pool, gold_dates, _lenient_edge)
    fp_l = len(pred_timed) - tp_l
    fn_l = len(gold_timed) - tp_l

    # false negatives and true positives with their evidence text
    fns: list[dict[str, Any]] = []
    tps: list[dict[str, Any]] = []
    if breakdowns:
        sentence_of = _sentence_finder(gold)
        where = _entity_sentences(gold, {a for r in actual for a in (r.arg1, r.arg2)})
    hits: list[tuple[str, str, bool]] = []
    seen: set[TimedKey] = set()
    for r in actual:
        key = relation_key(r.type, r.arg1, r.arg2)
        timed_key = (*key, r.date)
        if timed_key in seen:  # two events of one timed tuple (two meetings in 2017): one tuple
            continue
        seen.add(timed_key)
        timed_found = timed_key in pred_timed
        if details or not timed_found:
            item = {
                "type": r.type,
                "arg1": names.get(r.arg1, r.arg1),
                "arg2": names.get(r.arg2, r.arg2),
                "date": r.date,
                "gold_id": r.id,
                "evidence": list(r.evidence),
                "evidence_text": sentence_text(r.evidence),
            }
            # a tuple predicted only with dates of its other gold events missed this one
            spare = (
                sorted(
                    (k[3] for k in pred_timed if k[:3] == key and k not in gold_timed),
                    key=lambda d: (d is None, d or ""),
                )
                if key in pred_untimed and not timed_found
                else []
            )
            if not timed_found and not spare:
                fns.append({**item, "category": "missed"})
            elif not timed_found:
                fns.append({**item, "category": "wrong_date", "predicted_dates": spare})
            else:
                tps.append(item)
        if breakdowns:
            trigger_sentence = sentence_of(r.trigger.start)
            found = key in pred_untimed
            hits.append(("level", _level_bucket(r, trigger_sentence, where), found))
            hits.append(("distance", _distance_bucket(r, trigger_sentence, where), found))
            hits.append(("granularity", granularity(r.date), timed_found))
    for tkey in sorted(set(pred_timed) - set(gold_timed), key=str):
        if tkey[:3] in gold_untimed:
            fps.append(
                {
                    "type": tkey[0],
                    "arg1": names.get(tkey[1], tkey[1]),
                    "arg2": names.get(tkey[2], tkey[2]),
                    "date": tkey[3],
                    "category": "wrong_date",
                    "timed_only": True,
                    "evidence_text": sentence_text(
                        [i for g in gold_untimed[tkey[:3]] for i in g.evidence]
                    ),
                }
            )

    gold_ev = {(k, i) for k, rels in gold_untimed.items() for r in rels for i in r.evidence}
    tp_e = len(gold_ev & pred_ev)
    evidence = (tp_e, len(pred_ev) - tp_e, len(gold_ev) - tp_e)

    # per type, plain dict counts over the few tuples of a document (a Counter costs more to
    # build than these loops)
    per_type: dict[str, dict[str, tuple[int, int, int]]] = {}
    layers: tuple[tuple[str, dict[Any, Any], dict[Any, Any]], ...] = (
        ("untimed", gold_untimed, pred_untimed),
        ("timed", gold_timed, pred_timed),
    )
    for layer, gold_keys, pred_keys in layers:
        n_gold: dict[str, int] = {}
        for tup in gold_keys:
            n_gold[tup[0]] = n_gold.get(tup[0], 0) + 1
        n_pred: dict[str, int] = {}
        n_tp: dict[str, int] = {}
        for tup in pred_keys:
            n_pred[tup[0]] = n_pred.get(tup[0], 0) + 1
            if tup in gold_keys:
                n_tp[tup[0]] = n_tp.get(tup[0], 0) + 1
        for t in RELATION_TYPES:
            tp = n_tp.get(t, 0)
            per_type.setdefault(t, {})[layer] = (
                tp,
                n_pred.get(t, 0) - tp,
                n_gold.get(t, 0) - tp,
            )
    return DocRelationResult(
        untimed=(tp_u, fp_u, fn_u),
        timed=(tp_t, fp_t, fn_t),
        lenient=(tp_l, fp_l, fn_l),
        evidence=evidence,
        evidence_given=evidence_given,
        per_type=per_type,
        false_positives=fps,
        false_negatives=fns,
        true_positives=tps,
        unresolved=unresolved,
        breakdown_hits=hits,
        gold_keys={"untimed": gold_untimed.keys(), "timed": gold_timed.keys()},
        pred_keys={"untimed": pred_untimed.keys(), "timed": pred_timed.keys()},
    )
