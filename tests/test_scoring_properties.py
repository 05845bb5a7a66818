"""Properties of the scorer on random inputs, and cross-checks against nervaluate and sklearn."""

from __future__ import annotations

import random
from typing import Any

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from sklearn.metrics import precision_recall_fscore_support

from benchmark.model import Document, Entity, Mention, Relation, Sentence, Span, Timex
from benchmark.scoring import count_mentions, count_mentions_per_type, score
from benchmark.submission import (
    EntityArg,
    PredictedDocument,
    PredRelation,
    Submission,
    submission_from_documents,
)

TYPES = ["PER", "ORG", "GPE", "LOC"]
REL_TYPES = ["phoned", "met", "sanctioned", "named_envoy"]


def _random_doc(rng: random.Random, doc_id: str = "d") -> Document:
    """A synthetic document: entities with one or two mentions each, timexes, relations."""
    n_ent = rng.randint(2, 6)
    text = "x" * (40 * (n_ent * 2 + 4))
    doc = Document(id=doc_id, text=text, published="2025-01-01", split="test")
    doc.sentences = [Sentence(0, 0, len(text))]
    slot = 0
    for e in range(n_ent):
        etype = "PER" if e < 2 else rng.choice(TYPES[:3])
        doc.entities.append(Entity(f"e{e}", f"Name{e}", etype))
        for _ in range(rng.randint(1, 2)):
            start = 40 * slot + rng.randint(0, 5)
            doc.mentions.append(
                Mention(
                    f"m{slot}", f"e{e}", start, start + 6, text[start : start + 6], etype, "NAM"
                )
            )
            slot += 1
    for t in range(rng.randint(0, 3)):
        start = 40 * slot + 2
        slot += 1
        doc.timexes.append(Timex(f"t{t}", start, start + 5, "xxxxx", "DATE", f"2025-01-0{t + 1}"))
    seen = set()
    for r in range(rng.randint(1, 5)):
        a, b = rng.sample(range(n_ent), 2)
        rtype = (
            rng.choice(REL_TYPES[:3]) if doc.entities[b].type != "PER" else rng.choice(REL_TYPES)
        )
        if (rtype, a, b) in seen or (rtype, b, a) in seen:
            continue  # one gold relation per actor pair and type keeps the properties simple
        seen.add((rtype, a, b))
        realis = rng.choice(["actual", "actual", "actual", "future"])
        date = rng.choice([None, "2025-01-01", "2025-01-02"])
        doc.relations.append(
            Relation(f"r{r}", rtype, f"e{a}", f"e{b}", date, None, Span(0, 1, "x"), (0,), realis)
        )
    return doc


def _relations_only(docs: list[Document]) -> Submission:
    full = submission_from_documents(docs)
    for pd in full.documents.values():
        pd.mentions = [m for m in pd.mentions or ()]
        pd.timexes = None
    return full


seeds = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=60, deadline=None)
@given(seeds)
def test_gold_against_itself_is_one_on_every_layer(seed: int) -> None:
    """The gold as a submission scores F1 = 1.0 on relations (when the gold has an actual
    relation: an empty denominator gives 0.0), mentions and timexes."""
    rng = random.Random(seed)
    docs = [_random_doc(rng, f"d{i}") for i in range(3)]
    report = score(docs, submission_from_documents(docs), n_boot=0)
    rel, men = report["relations"], report["mentions"]
    assert men is not None and rel is not None
    assert 1.0 == men["strict"]["f1"]
    if any(r.realis == "actual" for d in docs for r in d.relations):
        assert (1.0, 1.0) == (rel["untimed"]["f1"], rel["timed"]["f1"])
    else:
        assert (0, 0, 0) == (rel["timed"]["tp"], rel["timed"]["fp"], rel["timed"]["fn"])
    if any(d.timexes for d in docs):
        assert report["timexes"] is not None
        assert 1.0 == report["timexes"]["strict"]["f1"]


@settings(max_examples=60, deadline=None)
@given(seeds)
def test_order_of_items_does_not_matter(seed: int) -> None:
    """Shuffling documents, mentions and relations leaves every score unchanged."""
    rng = random.Random(seed)
    docs = [_random_doc(rng, f"d{i}") for i in range(3)]
    sub = submission_from_documents(docs)
    # damage it a little so the scores are not all 1.0
    for pd in sub.documents.values():
        assert pd.relations is not None and pd.mentions is not None
        pd.relations = pd.relations[1:]
        pd.mentions = pd.mentions[:-1]
    shuffled = Submission("s", dict(rng.sample(list(sub.documents.items()), len(sub.documents))))
    for pd in shuffled.documents.values():
        pd.relations = rng.sample(pd.relations or [], len(pd.relations or []))
        pd.mentions = rng.sample(pd.mentions or [], len(pd.mentions or []))
    a, b = score(docs, sub, n_boot=0), score(docs, shuffled, n_boot=0)
    assert (a["relations"], a["mentions"]) == (b["relations"], b["mentions"])


def _swap(rel: PredRelation) -> PredRelation:
    return msgspec.structs.replace(rel, arg1=rel.arg2, arg2=rel.arg1)


@settings(max_examples=60, deadline=None)
@given(seeds)
def test_swapping_arguments_matters_only_for_directed_types(seed: int) -> None:
    """Swapping a symmetric relation's arguments changes nothing; a directed one loses it."""
    rng = random.Random(seed)
    doc = _random_doc(rng)
    sub = submission_from_documents([doc])
    pd = sub.documents[doc.id]
    assert pd.relations is not None
    base = score([doc], sub, n_boot=0)["relations"]["untimed"]
    pd.relations = [_swap(r) if r.type in ("phoned", "met") else r for r in pd.relations]
    assert base == score([doc], sub, n_boot=0)["relations"]["untimed"]
    directed = [r for r in pd.relations if r.type in ("sanctioned", "named_envoy")]
    if directed and not any(
        (g.type, g.arg1, g.arg2)
        == (directed[0].type, _eid(directed[0].arg2), _eid(directed[0].arg1))
        for g in doc.relations
    ):
        pd.relations = [_swap(directed[0]), *[r for r in pd.relations if r is not directed[0]]]
        swapped = score([doc], sub, n_boot=0)["relations"]["untimed"]
        assert swapped["tp"] < base["tp"]


def _eid(arg: Any) -> str:
    return arg.entity


@settings(max_examples=60, deadline=None)
@given(seeds)
def test_duplicate_relations_count_once_and_duplicate_mentions_are_false_positives(
    seed: int,
) -> None:
    """Repeating every predicted relation changes no relation count; repeating every mention
    adds one spurious mention per copy to every scheme (as nervaluate counts it) and changes
    nothing else. (Until issue 11 duplicate mentions were silently collapsed.)"""
    rng = random.Random(seed)
    doc = _random_doc(rng)
    sub = submission_from_documents([doc])
    pd = sub.documents[doc.id]
    pd.relations = (pd.relations or [])[1:]
    base = score([doc], sub, n_boot=0)
    mentions = list(pd.mentions or [])
    pd.relations = [*pd.relations, *pd.relations]
    pd.mentions = [*mentions, *mentions]
    doubled = score([doc], sub, n_boot=0)
    assert base["relations"] == doubled["relations"]
    assert base["mentions"] is not None and doubled["mentions"] is not None
    spans = [{"label": m.type, "start": m.start, "end": m.end - 1} for m in mentions]
    gold_spans = [{"label": m.type, "start": m.start, "end": m.end - 1} for m in doc.mentions]
    theirs = Evaluator([gold_spans], [spans + spans], tags=TYPES).evaluate()
    overall = theirs["overall"] if isinstance(theirs, dict) else theirs[0]
    for scheme in ("strict", "exact", "partial", "type"):
        b, d = base["mentions"][scheme], doubled["mentions"][scheme]
        assert (d["tp"], d["fp"], d["fn"]) == (b["tp"], b["fp"] + len(mentions), b["fn"])
        assert overall[NERVALUATE_SCHEMES[scheme]].spurious == len(mentions)


@settings(max_examples=60, deadline=None)
@given(seeds, st.sampled_from(REL_TYPES))
def test_adding_a_false_positive_never_raises_precision(seed: int, rtype: str) -> None:
    """A relation between two actors the gold never relates can only lower precision."""
    rng = random.Random(seed)
    doc = _random_doc(rng)
    doc.entities.append(Entity("lone1", "Lone One", "PER"))
    doc.entities.append(Entity("lone2", "Lone Two", "PER"))
    end = len(doc.text)
    doc.text += "y" * 40
    doc.mentions += [
        Mention("lm1", "lone1", end + 2, end + 8, doc.text[end + 2 : end + 8], "PER", "NAM"),
        Mention("lm2", "lone2", end + 20, end + 26, doc.text[end + 20 : end + 26], "PER", "NAM"),
    ]
    sub = submission_from_documents([doc])
    before = score([doc], sub, n_boot=0)["relations"]
    pd = sub.documents[doc.id]
    pd.relations = [
        *(pd.relations or []),
        PredRelation(rtype, EntityArg("lone1"), EntityArg("lone2")),
    ]
    after = score([doc], sub, n_boot=0)["relations"]
    for layer in ("untimed", "timed"):
        assert after[layer]["precision"] <= before[layer]["precision"]
        assert after[layer]["fp"] == before[layer]["fp"] + 1


@settings(max_examples=80, deadline=None)
@given(seeds)
def test_relation_prf_equals_sklearn_on_indicator_vectors(seed: int) -> None:
    """Micro P/R/F1 over tuple sets equals sklearn's binary scores over the candidate tuples."""
    rng = random.Random(seed)
    doc = _random_doc(rng)
    ents = [e.id for e in doc.entities]
    predicted = []
    for _ in range(rng.randint(0, 8)):
        a, b = rng.sample(ents, 2)
        rtype = rng.choice(["phoned", "met", "sanctioned"])
        predicted.append(PredRelation(rtype, EntityArg(a), EntityArg(b)))
    sub = submission_from_documents([doc])
    sub.documents[doc.id].relations = predicted
    got = score([doc], sub, n_boot=0)["relations"]["untimed"]

    def key(t: str, a: str, b: str) -> tuple[str, str, str]:
        return (t, *sorted((a, b))) if t in ("phoned", "met") else (t, a, b)

    gold = {key(r.type, r.arg1, r.arg2) for r in doc.relations if r.realis == "actual"}
    pred = {key(r.type, _eid(r.arg1), _eid(r.arg2)) for r in predicted}
    universe = sorted(gold | pred)
    if not universe:
        assert (0, 0, 0) == (got["tp"], got["fp"], got["fn"])
        return
    y_true = [k in gold for k in universe]
    y_pred = [k in pred for k in universe]
    p, r, f, _ = precision_recall_fscore_support(
        y_true, y_pred, average="binary", zero_division=0.0
    )
    assert (round(p, 6), round(r, 6), round(f, 6)) == (got["precision"], got["recall"], got["f1"])


def _unambiguous_mentions(rng: random.Random) -> tuple[list[Any], list[Any]]:
    """Gold and predicted spans in separate slots: each overlaps at most one of the other side,
    so nervaluate's greedy matching and an optimal one agree. Spans never touch."""
    gold, pred = [], []
    for slot in range(rng.randint(1, 25)):
        base = 30 * slot
        has_gold, has_pred = rng.random() < 0.8, rng.random() < 0.8
        gtype, ptype = rng.choice(TYPES), rng.choice(TYPES)
        if has_gold:
            gold.append((base + 5, base + 15, gtype))
        if has_pred:
            kind = rng.choice(["exact", "exact", "shift", "inside"])
            if kind == "exact":
                pred.append((base + 5, base + 15, ptype))
            elif kind == "shift":
                pred.append((base + 8, base + 20, ptype))
            else:
                pred.append((base + 7, base + 12, ptype))
    end = 30 * 26  # nervaluate needs both sides non-empty: add a far spurious or missed span
    if not gold:
        gold.append((end + 5, end + 10, "PER"))
    if not pred:
        pred.append((end + 40, end + 45, "ORG"))
    return gold, pred


#: Our scheme names and nervaluate's.
NERVALUATE_SCHEMES = {
    "strict": "strict",
    "exact": "exact",
    "partial": "partial",
    "type": "ent_type",
}


def _semeval(counts: Any) -> tuple[int, int, int, int, int]:
    """The five SemEval-2013 counts of a nervaluate result or of our SchemeCounts."""
    return (counts.correct, counts.incorrect, counts.partial, counts.missed, counts.spurious)


@settings(max_examples=150, deadline=None)
@given(seeds)
def test_mention_schemes_equal_nervaluate(seed: int) -> None:
    """Counts of the four SemEval schemes equal nervaluate's on unambiguous random inputs."""
    rng = random.Random(seed)
    gold, pred = _unambiguous_mentions(rng)
    ours, _ = count_mentions(gold, pred)

    def as_nervaluate(spans: list[Any]) -> list[list[dict[str, Any]]]:
        # nervaluate's ends are inclusive
        return [[{"label": t, "start": s, "end": e - 1} for s, e, t in spans]]

    results = Evaluator(as_nervaluate(gold), as_nervaluate(pred), tags=TYPES).evaluate()
    overall = results["overall"] if isinstance(results, dict) else results[0]
    for ours_name, theirs_name in NERVALUATE_SCHEMES.items():
        assert _semeval(overall[theirs_name]) == _semeval(ours[ours_name])


@settings(max_examples=150, deadline=None)
@given(seeds)
def test_mention_counts_per_type_equal_nervaluate_per_entity_type(seed: int) -> None:
    """Per-type counts (one shared alignment when no span crosses types, else one per type)
    equal nervaluate's per-entity-type results."""
    rng = random.Random(seed)
    gold, pred = _unambiguous_mentions(rng)
    ours = {t: tally.schemes() for t, tally in count_mentions_per_type(gold, pred).items()}
    spans = [[{"label": t, "start": s, "end": e - 1} for s, e, t in x] for x in (gold, pred)]
    results = Evaluator([spans[0]], [spans[1]], tags=TYPES).evaluate()
    for etype in TYPES:
        if etype not in results["entities"]:  # nervaluate leaves out a type neither side has
            assert etype not in ours
            continue
        for ours_name, theirs_name in NERVALUATE_SCHEMES.items():
            theirs = results["entities"][etype][theirs_name]
            assert _semeval(theirs) == _semeval(ours[etype][ours_name])


_SPANS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 8), st.sampled_from(TYPES)).map(
        lambda x: (x[0], x[0] + x[1], x[2])
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_SPANS, _SPANS)
def test_per_type_tallies_equal_aligning_each_type_on_its_own(
    gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]]
) -> None:
    """On crowded random spans (nested, tied, repeated), the per-type tallies equal an alignment
    of each type's gold and predictions alone, whichever path computes them."""
    tallies = count_mentions_per_type(gold, pred)
    for etype in {x[2] for x in gold} | {x[2] for x in pred}:
        g = [x for x in gold if x[2] == etype]
        p = [x for x in pred if x[2] == etype]
        alone, _ = count_mentions(g, p, with_verdicts=False)
        expected = {k: vars(v) for k, v in alone.items()}
        assert expected == {k: vars(v) for k, v in tallies[etype].schemes().items()}


def test_missing_document_counts_as_predicting_nothing() -> None:
    """A gold document left out of the submission adds its gold as false negatives."""
    rng = random.Random(1)
    docs = [_random_doc(rng, "a"), _random_doc(rng, "b")]
    full = submission_from_documents(docs)
    partial = Submission("p", {"a": full.documents["a"]}, missing=["b"])
    report = score(docs, partial, n_boot=0)
    gold_b = {
        (
            r.type,
            *((r.arg1, r.arg2) if r.type not in ("phoned", "met") else sorted((r.arg1, r.arg2))),
        )
        for r in docs[1].relations
        if r.realis == "actual"
    }
    assert len(gold_b) == report["relations"]["untimed"]["fn"]
    assert any("b" in w for w in report["warnings"])


def test_layer_submitted_in_one_document_counts_for_all() -> None:
    """A document without a mentions list, in a file that submits mentions, predicts none."""
    rng = random.Random(2)
    docs = [_random_doc(rng, "a"), _random_doc(rng, "b")]
    full = submission_from_documents(docs)
    full.documents["b"] = PredictedDocument("b")
    report = score(docs, full, n_boot=0)
    assert report["mentions"] is not None
    assert len(docs[1].mentions) == report["mentions"]["strict"]["fn"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=30),
)
def test_nearest_sentence_is_the_closest_and_the_earlier_on_a_tie(
    sentences: list[int], target: int
) -> None:
    """The bisecting look-up of the mention sentence nearest a trigger equals a scan of every
    sentence by (distance, index)."""
    from benchmark.scoring.relations import _nearest

    expected = min(sentences, key=lambda s: (abs(s - target), s))
    assert expected == _nearest(sorted(set(sentences)), target)


_ITEM_ROWS = st.lists(
    st.lists(st.integers(min_value=0, max_value=1000), min_size=5, max_size=5), max_size=20
)


@given(_ITEM_ROWS, st.integers(min_value=0, max_value=30))
def test_the_bootstraps_rows_and_the_totals_give_the_same_tp_fp_fn(
    rows: list[list[int]], metric_index: int
) -> None:
    """The doubled (tp, fp, fn) rows the bootstrap resamples (numpy) and the totals the
    point estimate uses (Python) are two forms of one formula: halved and summed, the rows
    equal the totals' (tp, fp, fn) of every metric."""
    from benchmark.scoring.evaluate import METRICS, Evaluation, items_to_triple

    metric_index %= len(METRICS)
    ev = Evaluation()
    for items in rows:  # each document counts ``items`` for one metric and nothing else
        row = [0] * (5 * len(METRICS))
        row[5 * metric_index : 5 * metric_index + 5] = items
        ev.rows.extend(row)
    doubled = ev.int_rows().sum(axis=0) if rows else [0] * (3 * len(METRICS))
    halved = tuple(float(doubled[3 * metric_index + k]) / 2 for k in range(3))
    assert items_to_triple(ev.item_totals[5 * metric_index : 5 * metric_index + 5]) == halved
    assert ev.triple(METRICS[metric_index]) == halved


@settings(max_examples=300, deadline=None)
@given(_SPANS, _SPANS)
def test_the_largest_overlap_is_the_same_scanned_or_looked_up_in_the_sorted_index(
    gold: list[tuple[int, int, str]], queries: list[tuple[int, int, str]]
) -> None:
    """On crowded random spans (nested, tied, repeated), a document's first look-ups (every
    span scanned) give the span a brute-force rule picks: the largest overlap, then the
    shorter, then the earlier in the text, then the first listed; so do the later ones (the
    sorted index)."""
    from benchmark.scoring.align import SpanIndex, overlap

    spans = [(s, e) for s, e, _ in gold]
    index = SpanIndex(spans)
    for qs, qe, _ in queries * 2:  # the first pass scans, the rest use the index
        hits = [i for i, (s, e) in enumerate(spans) if overlap(qs, qe, s, e) > 0]
        expected = (
            min(
                hits,
                key=lambda i: (
                    -overlap(qs, qe, *spans[i]),
                    spans[i][1] - spans[i][0],
                    *spans[i],
                    i,
                ),
            )
            if hits
            else None
        )
        assert expected == index.best(qs, qe)


_COUNTS = st.integers(min_value=0, max_value=500)


@given(_COUNTS, _COUNTS, _COUNTS, _COUNTS)
def test_a_type_tallys_items_are_those_of_its_scheme_counts(
    exact: int, overlapping: int, missed: int, spurious: int
) -> None:
    """The per-type items written into a document's row without scheme objects equal those
    of the SemEval scheme counts of the same tally (strict, exact, partial, type)."""
    from benchmark.scoring.evaluate import _scheme_items, _type_tally_items
    from benchmark.scoring.mentions import TypeTally

    tally = TypeTally(exact, overlapping, missed, spurious)
    expected = [list(_scheme_items(c)) for c in tally.schemes().values()]
    assert expected == _type_tally_items(tally)
