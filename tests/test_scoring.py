"""The scorer on small crafted documents, with every expectation computed by hand."""

from __future__ import annotations

from typing import Any

import pytest

from benchmark.model import Document, Entity, Mention, Relation, Sentence, Span, Timex
from benchmark.scoring import NameIndex, count_mentions, count_timexes, normalize_name, prf, score
from benchmark.submission import (
    EntityArg,
    NameArg,
    PredictedDocument,
    PredMention,
    PredRelation,
    PredTimex,
    SpanArg,
    Submission,
    submission_from_documents,
)

#          0         1         2         3         4         5         6         7
#          0123456789012345678901234567890123456789012345678901234567890123456789012345
TEXT = "Mr Ana Silva called Bo Li on May 2. Ana Silva met Bo Li. Li may visit Rome."


def _doc() -> Document:
    doc = Document(id="d1", text=TEXT, published="2025-05-03", split="test")
    doc.sentences = [Sentence(0, 0, 35), Sentence(1, 36, 56), Sentence(2, 57, 76)]
    doc.entities = [
        Entity("ana", "Ana Silva", "PER", ("Silva",)),
        Entity("bo", "Bo Li", "PER"),
        Entity("rome", "Rome", "GPE"),
    ]
    doc.mentions = [
        Mention("m1", "ana", 3, 12, "Ana Silva", "PER", "NAM"),
        Mention("m2", "bo", 20, 25, "Bo Li", "PER", "NAM"),
        Mention("m3", "ana", 36, 45, "Ana Silva", "PER", "NAM"),
        Mention("m4", "bo", 50, 55, "Bo Li", "PER", "NAM"),
        Mention("m5", "bo", 57, 59, "Li", "PER", "NAM"),
        Mention("m6", "rome", 70, 74, "Rome", "GPE", "NAM"),
    ]
    doc.timexes = [Timex("t1", 29, 34, "May 2", "DATE", "2025-05-02")]
    doc.relations = [
        Relation(
            "r1", "phoned", "ana", "bo", "2025-05-02", "t1", Span(13, 19, "called"), (0,), "actual"
        ),
        Relation("r2", "met", "ana", "bo", None, None, Span(46, 49, "met"), (1,), "actual"),
        Relation("r3", "met", "bo", "rome", None, None, Span(64, 69, "visit"), (2,), "future"),
    ]
    for m in doc.mentions:
        assert TEXT[m.start : m.end] == m.text
    assert TEXT[29:34] == "May 2"
    return doc


def _submit(**layers: Any) -> Submission:
    return Submission("crafted", {"d1": PredictedDocument("d1", **layers)})


def _rel(rtype: str, a: Any, b: Any, date: str | None = None, ev: Any = None) -> PredRelation:
    wrap = lambda x: NameArg(x) if isinstance(x, str) else x  # noqa: E731
    return PredRelation(rtype, wrap(a), wrap(b), date, ev)


def _triple(s: dict[str, Any]) -> tuple[float, float, float]:
    return s["tp"], s["fp"], s["fn"]


def test_relation_counts_by_hand() -> None:
    """Two gold actual relations; a call with the wrong date, a right meeting, a wrong type.

    untimed: pred {phoned(ana,bo), met(ana,bo), sanctioned(ana,bo)} vs gold {phoned, met}
      -> tp 2, fp 1, fn 0.   timed: pred dates (05-01, None, None) vs gold (05-02, None)
      -> met matches (None == None), phoned does not -> tp 1, fp 2, fn 1.
    """
    sub = _submit(
        relations=[
            _rel("phoned", "Ana Silva", "Bo Li", "2025-05-01"),
            _rel("met", "Bo Li", "Ana Silva"),
            _rel("sanctioned", "Ana", "Li"),
        ]
    )
    report = score([_doc()], sub, n_boot=0)
    assert (2, 1, 0) == _triple(report["relations"]["untimed"])
    assert (1, 2, 1) == _triple(report["relations"]["timed"])
    p, r, f = 2 / 3, 1.0, 0.8
    assert (round(p, 6), r, round(f, 6)) == (
        report["relations"]["untimed"]["precision"],
        report["relations"]["untimed"]["recall"],
        report["relations"]["untimed"]["f1"],
    )
    # sanctioned(ana, bo): the pair is related in the gold, by another type.
    assert {"wrong_date": 1, "wrong_type": 1} == report["errors"]["fp_categories"]
    assert {"wrong_date": 1} == report["errors"]["fn_categories"]


def test_macro_f1_averages_the_four_types() -> None:
    """Macro-F1 (timed) is the mean of per-type timed F1, zero for types with nothing."""
    sub = _submit(relations=[_rel("phoned", "Ana Silva", "Bo Li", "2025-05-02")])
    report = score([_doc()], sub, n_boot=0)
    # phoned: 1/0/0 -> F1 1.0; met: 0/0/1 -> 0; sanctioned, named_envoy: empty -> 0.
    assert 0.25 == report["relations"]["macro_f1"]


def test_prediction_of_a_future_event_is_a_non_actual_false_positive() -> None:
    """met(Bo Li, Rome) is only planned in the gold: a false positive of its own category."""
    sub = _submit(relations=[_rel("met", "Li", "Rome")])
    report = score([_doc()], sub, n_boot=0)
    assert (0, 1, 2) == _triple(report["relations"]["untimed"])
    [fp] = report["errors"]["false_positives"]
    assert ("non_actual:future", "Li may visit Rome.") == (fp["category"], fp["evidence_text"])


def test_lenient_date_accepts_a_month_containing_the_day() -> None:
    """`2025-05` for the call on 2025-05-02 is wrong timed, right leniently."""
    sub = _submit(relations=[_rel("phoned", "Ana Silva", "Bo Li", "2025-05")])
    rel = score([_doc()], sub, n_boot=0)["relations"]
    assert (0, 1, 2) == _triple(rel["timed"])
    assert (1, 0, 1) == _triple(rel["timed_lenient"])


def test_arguments_resolve_by_span_and_by_cluster() -> None:
    """A span overlapping "Bo Li" and a cluster whose mentions sit on Ana Silva both resolve."""
    sub = _submit(
        mentions=[PredMention(36, 45, "PER", "c1"), PredMention(3, 8, "PER", "c1")],
        relations=[_rel("met", EntityArg("c1"), SpanArg(51, 55))],
    )
    report = score([_doc()], sub, n_boot=0)
    assert (1, 0, 1) == _triple(report["relations"]["untimed"])


def test_unresolved_and_ambiguous_names_are_listed() -> None:
    """A name matching nothing is unresolved; the relation is a false positive."""
    sub = _submit(relations=[_rel("phoned", "Carla Ruiz", "Bo Li")])
    report = score([_doc()], sub, n_boot=0)
    assert [("Carla Ruiz", "unresolved")] == [
        (u["argument"], u["problem"]) for u in report["errors"]["unresolved_arguments"]
    ]
    assert 1 == report["errors"]["fp_categories"]["unresolved_argument"]


def test_name_normalization_examples() -> None:
    """Case, diacritics, honorifics, possessives and punctuation are ignored."""
    assert "jesus velazquez" == normalize_name("Mr Jesús  Velázquez")
    assert "putin" == normalize_name("President Putin's")
    assert "us" == normalize_name("the U.S.")[:1] + normalize_name("the US")[1:]
    assert "kremlin" == normalize_name("The Kremlin")


def test_whole_token_part_resolves_only_when_unique() -> None:
    """ "Silva" is an alias; "Ana" is a token of one entity only; "Li" names Bo Li via a mention."""
    index = NameIndex.build(_doc())
    assert ("ana", "") == index.resolve("Ana")
    assert ("bo", "") == index.resolve("li")
    assert (None, "unresolved") == index.resolve("Paris")
    doc = _doc()
    doc.entities.append(Entity("ana2", "Ana Costa", "PER"))
    assert (None, "ambiguous") == NameIndex.build(doc).resolve("Ana")


def test_evidence_f1_counts_sentence_pairs() -> None:
    """Evidence pairs: gold {(phoned, 0), (met, 1)}; predicted {(phoned, 0), (phoned, 1)}."""
    sub = _submit(relations=[_rel("phoned", "Ana Silva", "Bo Li", "2025-05-02", (0, 1))])
    assert (1, 1, 1) == _triple(score([_doc()], sub, n_boot=0)["relations"]["evidence"])


def test_layers_left_out_are_null_not_zero() -> None:
    """A submission with relations only has null mention and timex layers."""
    report = score([_doc()], _submit(relations=[]), n_boot=0)
    assert (None, None) == (report["mentions"], report["timexes"])
    assert report["relations"]["evidence"] is None


def test_mention_schemes_by_hand() -> None:
    """SemEval 9.1 on four cases: exact+type, exact wrong type, overlap, spurious; one missed.

    gold: A[0,5) PER, B[10,15) ORG, C[20,25) PER, D[40,45) LOC
    pred: [0,5) PER (exact, type ok), [10,15) PER (exact, wrong type), [21,25) PER (overlap),
          [30,33) GPE (spurious)
    strict: COR 1, INC 2 -> P 1/4, R 1/4.  exact: COR 2, INC 1.  partial: COR 2, PAR 1 -> 2.5.
    type: COR 2 (A, C), INC 1 (B).
    """
    gold = [(0, 5, "PER"), (10, 15, "ORG"), (20, 25, "PER"), (40, 45, "LOC")]
    pred = [(0, 5, "PER"), (10, 15, "PER"), (21, 25, "PER"), (30, 33, "GPE")]
    counts, _ = count_mentions(gold, pred)
    assert (1, 3, 3) == counts["strict"].tp_fp_fn()
    assert (2, 2, 2) == counts["exact"].tp_fp_fn()
    assert (2.5, 1.5, 1.5) == counts["partial"].tp_fp_fn()
    assert (2, 2, 2) == counts["type"].tp_fp_fn()


def test_nested_gold_mentions_are_matched_one_to_one() -> None:
    """A prediction of the inner mention matches it exactly and leaves the outer missed."""
    gold = [(0, 20, "PER"), (4, 14, "GPE")]
    counts, _ = count_mentions(gold, [(4, 14, "GPE")])
    assert (1, 0, 1) == counts["strict"].tp_fp_fn()


def test_timex_tempeval_measures_by_hand() -> None:
    """Strict 1 of 2, relaxed 2 of 2; values right on 1 of 2 matches; types right on both."""
    gold = [(0, 5, "DATE", "2025-05-02"), (10, 19, "DATE", "2025-W18")]
    pred = [(0, 5, "DATE", "2025-05-02"), (15, 19, "DATE", "2025-W19"), (30, 35, "DATE", "2025")]
    c, _ = count_timexes(gold, pred)
    assert (2, 3, 1, 2, 1, 2) == (
        c.gold,
        c.pred,
        c.strict,
        c.relaxed,
        c.value_correct,
        c.type_correct,
    )


def test_timex_layer_in_the_report() -> None:
    """A timex with the right span and wrong value: relaxed 1/0/0, value 0/1/1, accuracy 0."""
    sub = _submit(timexes=[PredTimex(29, 34, "DATE", "2025-05-03")])
    tx = score([_doc()], sub, n_boot=0)["timexes"]
    assert (1, 0, 0) == _triple(tx["relaxed"])
    assert (0, 1, 1) == _triple(tx["value"])
    assert (0.0, 1.0) == (tx["value_accuracy"], tx["type_accuracy"])


def test_gold_scored_against_itself_is_perfect() -> None:
    """Every layer of the gold as a submission scores 1.0."""
    doc = _doc()
    report = score([doc], submission_from_documents([doc]), n_boot=10)
    rel, men, tx = report["relations"], report["mentions"], report["timexes"]
    assert men is not None and tx is not None
    f1s = [rel["untimed"]["f1"], rel["timed"]["f1"], men["strict"]["f1"], tx["strict"]["f1"]]
    assert [1.0, 1.0, 1.0, 1.0] == f1s


def test_empty_denominators_give_zero() -> None:
    """P, R and F1 of nothing predicted and nothing gold are 0.0."""
    assert (0.0, 0.0, 0.0) == prf(0, 0, 0)


def test_bootstrap_interval_is_reproducible_and_brackets_the_estimate() -> None:
    """Same seed, same interval; the F1 lies inside its 95% interval on a 12-document corpus
    (the minimum for a document-level interval is 10)."""
    docs = []
    for i in range(12):
        d = _doc()
        d.id = f"d{i}"
        docs.append(d)
    sub = Submission(
        "x",
        {
            "d0": PredictedDocument("d0", relations=[_rel("met", "Ana Silva", "Bo Li")]),
            "d1": PredictedDocument("d1", relations=[]),
            "d2": PredictedDocument("d2", relations=[_rel("phoned", "Ana", "Li", "2025-05-02")]),
        },
    )
    a = score(docs, sub, n_boot=200, seed=7)["relations"]["timed"]
    b = score(docs, sub, n_boot=200, seed=7)["relations"]["timed"]
    assert a["ci95"] == b["ci95"]
    assert a["ci95"][0] <= a["f1"] <= a["ci95"][1]


@pytest.mark.parametrize("symmetric", ["phoned", "met"])
def test_symmetric_types_ignore_argument_order(symmetric: str) -> None:
    """phoned and met match whichever argument comes first."""
    doc = _doc()
    a = score([doc], _submit(relations=[_rel(symmetric, "Ana Silva", "Bo Li")]), n_boot=0)
    b = score([doc], _submit(relations=[_rel(symmetric, "Bo Li", "Ana Silva")]), n_boot=0)
    assert a["relations"]["untimed"] == b["relations"]["untimed"]


@pytest.mark.parametrize("split", ["test", "contrast"])
def test_leaving_out_details_changes_nothing_else(split: str) -> None:
    """`details=False` (table output) gives the same report as `details=True` minus the
    per-document verdicts."""
    from pathlib import Path

    from benchmark.model import load_documents
    from benchmark.submission import read_submission

    root = Path(__file__).resolve().parent.parent
    gold = load_documents(root, split=split)
    name = "predictions.jsonl" if split == "test" else "contrast.jsonl"
    sub = read_submission(root / "submissions" / "cooccurrence" / name, gold)
    full = dict(score(gold, sub, n_boot=50, details=True))
    lean = dict(score(gold, sub, n_boot=50, details=False))
    assert len(full.pop("details")) == len(gold)
    assert [] == lean.pop("details")
    assert full == lean


def test_recall_breakdowns_by_mention_level_and_sentence_distance_by_hand() -> None:
    """Five gold relations; the buckets, worked out by hand: met(ana, bo) in s0 (both named,
    distance 0), phoned(bo, ana) in s1 (both pronouns), sanctioned(rome, bo) in s3 (named),
    met(rome, ana) in s2 (ana absent there; her nearest mention is in s1: distance 1),
    sanctioned(rome, ana) in s3 (ana absent; nearest in s1: distance 2+). Only
    met(rome, ana) is predicted."""
    text = "Ana Silva met Bo Li. He called her. Rome hosted them. Later Rome sanctioned Li."
    doc = Document(id="d2", text=text, published="2025-05-03", split="test")
    ends = [i + 1 for i, c in enumerate(text) if c == "."]
    starts = [0] + [e + 1 for e in ends[:-1]]
    doc.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]
    doc.entities = [
        Entity("ana", "Ana Silva", "PER"),
        Entity("bo", "Bo Li", "PER"),
        Entity("rome", "Rome", "GPE"),
    ]
    spans = [
        ("ana", "Ana Silva", 0, "NAM"),
        ("bo", "Bo Li", 0, "NAM"),
        ("bo", "He", 0, "PRO"),
        ("ana", "her", 0, "PRO"),
        ("rome", "Rome", 0, "NAM"),
        ("rome", "Rome", 40, "NAM"),
        ("bo", "Li", 70, "NAM"),
    ]
    for k, (entity, surface, after, level) in enumerate(spans):
        start = text.index(surface, after)
        etype = "GPE" if entity == "rome" else "PER"
        doc.mentions.append(
            Mention(f"m{k}", entity, start, start + len(surface), surface, etype, level)
        )

    def rel(rid: str, rtype: str, a1: str, a2: str, trigger: str, sentence: int) -> Relation:
        start = text.index(trigger)
        span = Span(start, start + len(trigger), trigger)
        return Relation(rid, rtype, a1, a2, None, None, span, (sentence,), "actual")

    doc.relations = [
        rel("r1", "met", "ana", "bo", "met", 0),
        rel("r2", "phoned", "bo", "ana", "called", 1),
        rel("r3", "sanctioned", "rome", "bo", "sanctioned", 3),
        rel("r4", "met", "rome", "ana", "hosted", 2),
        rel("r5", "sanctioned", "rome", "ana", "sanctioned", 3),
    ]
    sub = Submission(
        "x", {"d2": PredictedDocument("d2", relations=[_rel("met", "Rome", "Ana Silva")])}
    )
    breakdowns = score([doc], sub, n_boot=0)["breakdowns"]
    level = {b: (v["found"], v["missed"]) for b, v in breakdowns["level"].items()}
    distance = {b: (v["found"], v["missed"]) for b, v in breakdowns["distance"].items()}
    assert {"NAM": (0, 2), "PRO": (0, 1), "absent": (1, 1)} == level
    assert {"0": (0, 3), "1": (1, 0), "2+": (0, 1)} == distance
