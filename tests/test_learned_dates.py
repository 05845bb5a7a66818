"""The learned baseline's date attacher, on small hand-made inputs whose answers are worked out
by hand (calendar arithmetic and the scores of weights written in the test)."""

from __future__ import annotations

from typing import Any

import pytest

from benchmark.baselines import learned, learned_dates
from benchmark.baselines.timex_rules import FoundTimex
from benchmark.model import Document, Mention, Relation, Sentence, Span, load_documents


def _context(text: str, sentences: list[tuple[int, int]], near: int, **extra: Any) -> dict:
    """A relation context in sentence 0 with no trigger words, actors or rules choice."""
    return {
        "sentence": 0,
        "span": sentences[0],
        "near": near,
        "type": "met",
        "triggers": [],
        "rules": None,
        "headline": False,
        "pair": ("a", "b"),
        "actors_in": {},
        "trigger_classes": {},
        **extra,
    }


def test_day_value_keeps_calendar_dates_and_the_day_of_a_time() -> None:
    """A DATE dates by its calendar value, a TIME by its day, and durations, references and
    unknown dates cannot date a relation."""
    assert "2019-12-09" == learned_dates.day_value(FoundTimex(0, 6, "Monday", "DATE", "2019-12-09"))
    assert "2025-W50" == learned_dates.day_value(FoundTimex(0, 9, "this week", "DATE", "2025-W50"))
    assert "2019-12-09" == learned_dates.day_value(
        FoundTimex(0, 14, "Monday evening", "TIME", "2019-12-09TEV")
    )
    assert learned_dates.day_value(FoundTimex(0, 7, "17 days", "DURATION", "P17D")) is None
    assert learned_dates.day_value(FoundTimex(0, 3, "now", "DATE", "PRESENT_REF")) is None
    assert learned_dates.day_value(FoundTimex(0, 9, "the day", "DATE", "XXXX-XX-XX")) is None


def test_options_are_the_dates_of_the_five_sentences_before_and_the_one_after() -> None:
    """For a relation in sentence 6 of eight one-date sentences, the options are the dates of
    sentences 1 to 7, not of sentence 0."""
    sentences = [(i * 10, i * 10 + 10) for i in range(8)]
    timexes = [
        FoundTimex(i * 10 + 1, i * 10 + 5, "June", "DATE", f"2020-0{i + 1}") for i in range(8)
    ]
    got = learned_dates.options(timexes, sentences, 6)
    assert [(value, where) for _, value, where in got] == [
        ("2020-02", 1),
        ("2020-03", 2),
        ("2020-04", 3),
        ("2020-05", 4),
        ("2020-06", 5),
        ("2020-07", 6),
        ("2020-08", 7),
    ]


def test_nested_dates_contain_the_finer_one_by_prefix_or_iso_week() -> None:
    """A month contains its days, a year its months, an ISO week the days from its Monday to
    its Sunday (2025-W07 is Monday 10 to Sunday 16 February 2025); a day contains nothing."""
    assert learned_dates.contains("2024-11", "2024-11-12")
    assert learned_dates.contains("2024", "2024-11")
    assert not learned_dates.contains("2024-11", "2024-12-01")
    assert not learned_dates.contains("2024-11-12", "2024-11-12")
    assert learned_dates.contains("2025-W07", "2025-02-10")
    assert learned_dates.contains("2025-W07", "2025-02-16")
    assert not learned_dates.contains("2025-W07", "2025-02-17")
    assert not learned_dates.contains("2025-W07", "2025-02-09")


def test_the_most_specific_date_of_one_pair_wins_and_other_pairs_keep_theirs() -> None:
    """met(a, b) in 2024-11 and on 2024-11-12 is one meeting on the 12th; a second meeting on
    another day and another pair's month stay."""
    rels = [
        {"type": "met", "arg1": "a", "arg2": "b", "date": "2024-11"},
        {"type": "met", "arg1": "a", "arg2": "b", "date": "2024-11-12"},
        {"type": "met", "arg1": "a", "arg2": "b", "date": "2024-09-01"},
        {"type": "met", "arg1": "a", "arg2": "c", "date": "2024-11"},
        {"type": "phoned", "arg1": "a", "arg2": "b", "date": None},
    ]
    kept = learned_dates.most_specific(rels)
    assert [(r["arg2"], r["type"], r["date"]) for r in kept] == [
        ("b", "met", "2024-11-12"),
        ("b", "met", "2024-09-01"),
        ("c", "met", "2024-11"),
        ("b", "phoned", None),
    ]


def test_choose_takes_the_best_scoring_option_by_hand_made_weights() -> None:
    """With weights that favour a timex after ``on``, ``met in June ... on June 3`` takes June
    3; weights that favour "no date" more give no date; the rules' choice wins when only it
    is rewarded."""
    text = "They met in June and again on June 3."
    sentences = [(0, len(text))]
    june = FoundTimex(text.index("June"), text.index("June") + 4, "June", "DATE", "2020-06")
    third = FoundTimex(
        text.index("June 3"), text.index("June 3") + 6, "June 3", "DATE", "2020-06-03"
    )
    opts = learned_dates.options([june, third], sentences, 0)
    ctx = _context(text, sentences, text.index("met"))
    # June 3 follows "on": score 1.0; June follows "in": 0; no date: 0.5
    weights = {"prev=on": 1.0, "null": 0.5}
    assert "2020-06-03" == learned_dates.choose(weights, 0.0, text, "2020-06-10", ctx, opts)
    # no date: 1.5 beats June 3's 1.0
    weights = {"prev=on": 1.0, "null": 1.5}
    assert learned_dates.choose(weights, 0.0, text, "2020-06-10", ctx, opts) is None
    # the rules' choice (June) scores 2.0, the rest 0
    ctx = _context(text, sentences, text.index("met"), rules=june)
    assert "2020-06" == learned_dates.choose(
        {"rules_choice": 2.0}, 0.0, text, "2020-06-10", ctx, opts
    )


def test_the_publication_date_and_later_dates_are_marked() -> None:
    """A timex equal to the publication date, and one after it (a later day, a later month),
    carry the features that say so; an earlier one, or the month or ISO week holding the
    publication date, carries neither."""
    text = "They met on Friday."
    sentences = [(0, len(text))]
    ctx = _context(text, sentences, 5)

    def feats(value: str) -> dict[str, float]:
        t = FoundTimex(12, 18, "Friday", "DATE", value)
        return learned_dates.option_features(
            text, "2020-06-10", ctx, (t, value, 0), [(t, value, 0)]
        )

    assert "is_published" in feats("2020-06-10")
    assert "after_published" in feats("2020-06-12")
    assert "after_published" in feats("2020-07")
    assert not {"is_published", "after_published"} & set(feats("2020-06-05"))
    assert not {"is_published", "after_published"} & set(feats("2020-06"))
    # the ISO week of Monday 8 to Sunday 14 June 2020
    assert not {"is_published", "after_published"} & set(feats("2020-W24"))


def test_training_rows_mark_the_option_that_gives_the_gold_date() -> None:
    """A meeting in sentence 0 dated by ``Tuesday`` in sentence 1 (report of Saturday
    2025-10-25, so Tuesday is 2025-10-21) gives two rows: "no date" labelled 0 and the
    Tuesday timex labelled 1; an undated gold relation labels "no date" 1."""
    text = (
        "President Paul Marek met Prime Minister Ana Ruiz in Madrid. "
        "The talks were held on Tuesday, officials said."
    )

    def doc(date: str | None) -> Document:
        marek, ruiz = text.index("Paul Marek"), text.index("Ana Ruiz")
        cut = text.index("The talks")
        return Document(
            "hand",
            text,
            "2025-10-25",
            "dev",
            sentences=[Sentence(0, 0, cut - 1), Sentence(1, cut, len(text))],
            mentions=[
                Mention("m1", "e1", marek, marek + 10, "Paul Marek", "PER", "NAM"),
                Mention("m2", "e2", ruiz, ruiz + 8, "Ana Ruiz", "PER", "NAM"),
            ],
            relations=[
                Relation(
                    "r1",
                    "met",
                    "e1",
                    "e2",
                    date,
                    None,
                    Span(text.index("met"), text.index("met") + 3, "met"),
                    (0, 1),
                    "actual",
                )
            ],
        )

    dated = doc("2025-10-21")
    prepared = learned.prepare(dated)
    X, y = learned.date_examples(dated, prepared)
    assert [0, 1] == y
    assert "null" in X[0] and "sd=1" in X[1]
    undated = doc(None)
    X, y = learned.date_examples(undated, learned.prepare(undated))
    assert [1, 0] == y


def test_training_without_hyper_parameters_uses_the_shipped_ones(monkeypatch: Any) -> None:
    """fit() called as cross-validation and `bench predict --split dev` call it (no
    hyper-parameters) trains with PARAMS, so out-of-fold predictions come from the shipped
    model's settings; an explicit value overrides one of them."""
    docs = load_documents(split="dev")[:3]
    prepared = {d.id: learned.prepare(d) for d in docs}
    monkeypatch.setattr(learned, "PARAMS", {**learned.PARAMS, "none_weight": 7.0, "date_C": 0.5})
    model = learned.fit(docs, 13, prepared)
    assert (7.0, 0.5) == (model["none_weight"], model["dates"]["C"])
    model = learned.fit(docs, 13, prepared, none_weight=1.0)
    assert (1.0, 0.5) == (model["none_weight"], model["dates"]["C"])
    with pytest.raises(TypeError, match="unknown hyper-parameters"):
        learned.fit(docs, 13, prepared, gamma=1.0)
