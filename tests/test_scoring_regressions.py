"""Regression tests of the scorer defects of issue 11; each failed on the code before the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmark.model import Document, Entity, Mention, Relation, Sentence, Span
from benchmark.scoring import load_gold, score
from benchmark.submission import (
    EntityArg,
    NameArg,
    PredictedDocument,
    PredMention,
    PredRelation,
    PredTimex,
    Submission,
    read_submission,
)

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "000_8dbbdfc2a546922b"


def _rel(rtype: str, a: str, b: str, date: str | None = None, ev: Any = None) -> PredRelation:
    return PredRelation(rtype, NameArg(a), NameArg(b), date, ev)


def _by_id(docs: list[Document], doc_id: str) -> Document:
    return next(d for d in docs if d.id == doc_id)


def test_evidence_recall_counts_documents_without_submitted_evidence() -> None:
    """Issue repro on the contrast split: c01-original has its one actual relation predicted
    with evidence [0], c01-date-day-month has ``relations: []``; every other document is left
    out. Evidence recall is over the pairs of every actual gold relation of the split, so the
    false negatives are all gold (tuple, sentence) pairs but the one found."""
    gold = load_gold(None, "contrast")
    sub = Submission(
        "x",
        {
            "c01-original": PredictedDocument(
                "c01-original", relations=[_rel("phoned", "Maduro", "Trump", "2025-11-21", (0,))]
            ),
            "c01-date-day-month": PredictedDocument("c01-date-day-month", relations=[]),
        },
    )
    # gold pairs counted straight from the documents: (type, unordered args, sentence)
    pairs = {
        (d.id, r.type, frozenset((r.arg1, r.arg2)), i)
        for d in gold
        for r in d.relations
        if r.realis == "actual"
        for i in r.evidence
    }
    evidence = score(gold, sub, n_boot=0)["relations"]["evidence"]
    assert (1, 0, len(pairs) - 1) == (evidence["tp"], evidence["fp"], evidence["fn"])
    assert evidence["recall"] == pytest.approx(1 / len(pairs), abs=1e-6)


@pytest.mark.parametrize("dates", [("2025", "2025-11"), ("2025-11", "2025")])
def test_lenient_dates_are_a_maximum_matching_whatever_the_order(dates: tuple[str, str]) -> None:
    """Gold met(Lukashenko, Velazquez) on 2025-11-25 and 2025-12-11; predicting the pair with
    dates 2025 and 2025-11 matches both (2025-11 -> 11-25, 2025 -> 12-11) in either order."""
    gold = [_by_id(load_gold(None, "test"), SEED_ID)]
    rels = [_rel("met", "Lukashenko", "Velazquez", d) for d in dates]
    report = score(gold, Submission("x", {SEED_ID: PredictedDocument(SEED_ID, relations=rels)}))
    assert 2 == report["relations"]["timed_lenient"]["tp"]
    assert 0 == report["relations"]["timed_lenient"]["fp"]


@pytest.mark.parametrize("split", ["test", "contrast"])
def test_every_false_positive_is_listed(split: str) -> None:
    """For the shipped rules entry, the listed false positives are exactly the timed false
    positives, and those not marked ``timed_only`` exactly the untimed ones (before: 6 timed
    false positives on the test split, 4 listed)."""
    gold = load_gold(None, split)
    name = "predictions.jsonl" if split == "test" else "contrast.jsonl"
    sub = read_submission(REPO / "submissions" / "rules" / name, gold)
    report = score(gold, sub, n_boot=0)
    listed = report["errors"]["false_positives"]
    assert len(listed) == report["relations"]["timed"]["fp"]
    assert (
        len([f for f in listed if not f.get("timed_only")]) == report["relations"]["untimed"]["fp"]
    )
    assert len(report["errors"]["false_negatives"]) == report["relations"]["timed"]["fn"]


def test_an_extra_date_of_a_spurious_pair_is_listed() -> None:
    """A pair outside the gold predicted with two dates is two timed false positives, both
    listed; one untimed false positive."""
    gold = [_by_id(load_gold(None, "test"), SEED_ID)]
    rels = [_rel("phoned", "Lukashenko", "Velazquez", d) for d in ("2025-12-01", "2025-12-02")]
    report = score(gold, Submission("x", {SEED_ID: PredictedDocument(SEED_ID, relations=rels)}))
    fps = report["errors"]["false_positives"]
    assert ["2025-12-01", "2025-12-02"] == sorted(f["date"] for f in fps)
    assert (1, 2) == (report["relations"]["untimed"]["fp"], report["relations"]["timed"]["fp"])


def _small_doc() -> Document:
    text = "Ana met Bo. Ana and Bo spoke again."
    doc = Document(id="d1", text=text, published="2025-01-01", split="test")
    doc.sentences = [Sentence(0, 0, 11), Sentence(1, 12, len(text))]
    doc.entities = [Entity("e2", "Ana", "PER"), Entity("e10", "Bo", "PER")]
    doc.mentions = [
        Mention("m1", "e2", 0, 3, "Ana", "PER", "NAM"),
        Mention("m2", "e10", 8, 10, "Bo", "PER", "NAM"),
        Mention("m3", "e2", 12, 15, "Ana", "PER", "NAM"),
        Mention("m4", "e10", 20, 22, "Bo", "PER", "NAM"),
    ]
    doc.relations = [
        Relation("r1", "met", "e2", "e10", None, None, Span(4, 7, "met"), (0,), "actual"),
    ]
    return doc


def test_three_identical_mentions_are_one_tp_and_two_fp() -> None:
    """Duplicates are false positives (nervaluate: 1 correct, 2 spurious), not collapsed."""
    doc = _small_doc()
    mentions = [PredMention(0, 3, "PER")] * 3
    timexes = [PredTimex(4, 7, "DATE", "2025")] * 2
    pred = PredictedDocument("d1", mentions=mentions, timexes=timexes)
    report = score([doc], Submission("x", {"d1": pred}), n_boot=0)
    assert report["mentions"] is not None and report["timexes"] is not None
    strict = report["mentions"]["strict"]
    assert (1, 2, 3) == (strict["tp"], strict["fp"], strict["fn"])
    relaxed = report["timexes"]["relaxed"]
    assert (0, 2, 0) == (relaxed["tp"], relaxed["fp"], relaxed["fn"])


def test_relations_not_submitted_are_null() -> None:
    """A submission without a relations layer reports relations as null, not 0.0."""
    doc = _small_doc()
    pred = PredictedDocument("d1", mentions=[PredMention(0, 3, "PER")])
    report = score([doc], Submission("x", {"d1": pred}), n_boot=0)
    assert report["relations"] is None
    assert "layer 'relations' not submitted" in report["warnings"]


def test_cluster_ties_compare_ids_as_numbers() -> None:
    """A cluster with one 3-character mention of e2 and one of e10 (a tie on mentions and on
    characters) resolves to e2, not to e10 (comparing ids as text put "e10" first)."""
    doc = _small_doc()
    doc.mentions[1] = Mention("m2", "e10", 8, 11, "Bo.", "PER", "NAM")  # as long as "Ana"
    mentions = [PredMention(8, 11, "PER", "c"), PredMention(0, 3, "PER", "c")]
    rel = PredRelation("met", EntityArg("c"), NameArg("Bo"), None, None)
    pred = PredictedDocument("d1", mentions=mentions, relations=[rel])
    report = score([doc], Submission("x", {"d1": pred}), n_boot=0)
    # the cluster resolves to e2 (Ana), so met(Ana, Bo) is right
    assert report["relations"] is not None
    assert 1 == report["relations"]["untimed"]["tp"]


def test_an_unresolvable_relation_given_twice_counts_once() -> None:
    """Two copies of a relation with an unresolvable argument are one false positive."""
    doc = _small_doc()
    rels = [_rel("met", "Ana", "Nobody Known")] * 2
    report = score([doc], Submission("x", {"d1": PredictedDocument("d1", relations=rels)}))
    assert report["relations"] is not None
    assert 1 == report["relations"]["untimed"]["fp"]
    assert 1 == report["relations"]["timed"]["fp"]
    assert 1 == len(report["errors"]["false_positives"])


def test_per_type_mention_counts_are_integers() -> None:
    """Whole counts are ints everywhere in the report (per-type mentions were floats)."""
    doc = _small_doc()
    pred = PredictedDocument("d1", mentions=[PredMention(0, 3, "PER"), PredMention(8, 9, "PER")])
    report = score([doc], Submission("x", {"d1": pred}), n_boot=0)
    assert report["mentions"] is not None
    per = report["mentions"]["per_type"]["PER"]
    assert all(isinstance(per[s][k], int) for s in ("strict", "type") for k in ("tp", "fp", "fn"))
    assert 1.5 == per["partial"]["tp"]  # one exact, one half


def _two_meetings() -> Document:
    doc = _small_doc()
    doc.relations = [
        Relation("r1", "met", "e2", "e10", "2025-01-01", None, Span(4, 7, "met"), (0,), "actual"),
        Relation(
            "r2", "met", "e2", "e10", "2024-12-30", None, Span(27, 32, "spoke"), (1,), "actual"
        ),
    ]
    return doc


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        # the one predicted date is the other meeting's: the 2024-12-30 meeting was missed
        (["2025-01-01"], [("2024-12-30", "missed", None)]),
        # a date that is neither meeting's: both are wrong_date, and it is the date shown
        (
            ["2025-01-02"],
            [
                ("2024-12-30", "wrong_date", ["2025-01-02"]),
                ("2025-01-01", "wrong_date", ["2025-01-02"]),
            ],
        ),
        # an undated prediction is shown as null, not the string "None"
        (
            [None],
            [("2024-12-30", "wrong_date", [None]), ("2025-01-01", "wrong_date", [None])],
        ),
    ],
)
def test_a_false_negative_is_wrong_date_only_when_a_predicted_date_matches_no_gold_event(
    dates: list[str | None], expected: list[tuple[str, str, Any]]
) -> None:
    """Two gold meetings of one pair: a prediction dated like one of them leaves the other
    `missed`; a date matching neither makes both `wrong_date`, listing that date (null when
    the prediction is undated)."""
    rels = [_rel("met", "Ana", "Bo", d) for d in dates]
    report = score(
        [_two_meetings()],
        Submission("x", {"d1": PredictedDocument("d1", relations=rels)}),
        n_boot=0,
    )
    actual = sorted(
        (fn["date"], fn["category"], fn.get("predicted_dates"))
        for fn in report["errors"]["false_negatives"]
    )
    assert expected == actual


def test_two_gold_events_of_one_timed_tuple_are_one_listed_false_negative() -> None:
    """A document whose gold has two meetings of one pair in 2017 and one in 2018, against an
    empty prediction: two timed false negatives (the 2017 tuple once), two listed, and the
    breakdown counts two missed relations."""
    text = "A met B in 2017. A met B again in 2017. A met B in 2018."
    ents = [Entity("e1", "A", "PER"), Entity("e2", "B", "PER")]
    mentions = [
        Mention(f"m{k}", e, s, s + 1, text[s], "PER", "NAM")
        for k, (e, s) in enumerate(
            [("e1", 0), ("e2", 6), ("e1", 17), ("e2", 23), ("e1", 40), ("e2", 46)]
        )
    ]
    relations = [
        Relation(f"r{k}", "met", "e1", "e2", date, None, Span(t, t + 3, "met"), (k,), "actual")
        for k, (date, t) in enumerate([("2017", 2), ("2017", 19), ("2018", 42)])
    ]
    doc = Document(
        id="d1",
        text=text,
        published="2019-01-01",
        split="test",
        sentences=[Sentence(0, 0, 16), Sentence(1, 17, 39), Sentence(2, 40, 57)],
        entities=ents,
        mentions=mentions,
        relations=relations,
    )
    sub = Submission("p", {"d1": PredictedDocument("d1", relations=[])})
    report = score([doc], sub, n_boot=0)
    fns = report["errors"]["false_negatives"]
    missed = sum(b["missed"] for b in report["breakdowns"]["granularity"].values())
    assert (2, 2, ["r0", "r2"], 2) == (
        report["relations"]["timed"]["fn"],
        len(fns),
        [f["gold_id"] for f in fns],
        missed,
    )
