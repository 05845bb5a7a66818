"""The rules system's TIMEX3 recogniser and normalizer, against hand-computed values."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmark.baselines.timex_rules import find_timexes
from benchmark.timex import is_valid_value

DCT = date(2025, 12, 12)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Dec 11", ("Dec 11", "DATE", "2025-12-11")),
        ("on 11 December", ("11 December", "DATE", "2025-12-11")),
        ("on Dec. 11, 2025", ("Dec. 11, 2025", "DATE", "2025-12-11")),
        ("on Jan 3", ("Jan 3", "DATE", "2026-01-03")),
        ("in November", ("November", "DATE", "2025-11")),
        ("in March 2024", ("March 2024", "DATE", "2024-03")),
        ("since 2013", ("2013", "DATE", "2013")),
        ("on Thursday", ("Thursday", "DATE", "2025-12-11")),
        ("on Friday", ("Friday", "DATE", "2025-12-12")),
        ("yesterday", ("yesterday", "DATE", "2025-12-11")),
        ("this week", ("this week", "DATE", "2025-W50")),
        ("last week", ("last week", "DATE", "2025-W49")),
        ("last month", ("last month", "DATE", "2025-11")),
        ("this year", ("this year", "DATE", "2025")),
        ("next year", ("next year", "DATE", "2026")),
        ("in 17 days", ("17 days", "DURATION", "P17D")),
        ("for two weeks", ("two weeks", "DURATION", "P2W")),
        ("in recent months", ("recent months", "DURATION", "PXM")),
        ("on 2025-12-12", ("2025-12-12", "DATE", "2025-12-12")),
    ],
)
def test_expressions_are_found_and_normalized(text: str, expected: tuple[str, str, str]) -> None:
    """Each expression is found with its TimeML extent, type and value against the DCT."""
    [found] = find_timexes(text, DCT)
    assert expected == (found.text, found.type, found.value)
    assert text[found.start : found.end] == found.text


def test_may_the_verb_is_not_a_month() -> None:
    """ "may" in lower case is a modal verb, not the month."""
    assert [] == find_timexes("He may visit soon.", DCT)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))
def test_weekdays_fall_in_the_week_before_the_dct(dct: date) -> None:
    """A weekday name resolves to a day 0-6 days before the DCT with that weekday."""
    for name in ("Monday", "Wednesday", "Sunday"):
        [found] = find_timexes(f"on {name}", dct)
        day = date.fromisoformat(found.value)
        assert timedelta(0) <= dct - day <= timedelta(days=6)
        assert name == f"{day:%A}"


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    st.sampled_from(
        [
            "this week",
            "last month",
            "yesterday",
            "Dec 31",
            "June",
            "3 days",
            "this year",
            "next week",
            "recent years",
        ]
    ),
)
def test_every_value_is_valid_timex3(dct: date, phrase: str) -> None:
    """Whatever the DCT, every produced value is well-formed TIMEX3 for its type."""
    for found in find_timexes(f"It happened {phrase}.", dct):
        assert is_valid_value(found.value, found.type)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))
def test_month_day_takes_the_nearest_year(dct: date) -> None:
    """A day without a year lands at most a month after the DCT and less than a year before it
    (past-tense news: the nearest such day, unless that is more than a month ahead)."""
    [found] = find_timexes("on Jul 1", dct)
    gap = (date.fromisoformat(found.value) - dct).days
    assert -366 < gap <= 31


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted by hand against DCT Friday 2025-12-12
        ("talks lasted about two and a half hours", ("about two and a half hours", "PT2H30M")),
        ("a 180-day waiver", ("180-day", "P180D")),
        ("for nearly an hour and a half", ("nearly an hour and a half", "PT1H30M")),
        ("in March this year", ("March this year", "2025-03")),
        ("in June last year", ("June last year", "2024-06")),
        ("on Monday night", ("Monday night", "2025-12-08TNI")),
        ("since last August.", ("last August", "2025-08")),  # the latest August before
        ("in the coming weeks", ("the coming weeks", "PXW")),
        ("he is due to meet the minister in Oslo on Sunday", ("Sunday", "2025-12-14")),
        ("is due to fly home on Friday", ("Friday", "2025-12-12")),
        ("before a Tuesday deadline", ("Tuesday", "2025-12-16")),
        ("it would hold talks before the inauguration in January", ("January", "2026-01")),
        ("it is time to act now", ("now", "PRESENT_REF")),
        ("and in May appointed an envoy", ("May", "2025-05")),  # the month, not the modal
    ],
)
def test_more_expressions_normalized_by_hand(text: str, expected: tuple[str, str]) -> None:
    """Durations with "about"/"and a half"/hyphens, a month of this or last year, parts of a
    weekday, vague spans, future weekdays and months after a future verb, and "now"."""
    found = find_timexes(text, DCT)
    assert expected == (found[-1].text, found[-1].value)


def test_an_offset_after_an_event_is_the_day_of_the_event_it_dates() -> None:
    """ "on Tuesday, a day after the talks" is Tuesday itself (guidelines 5.6: the phrase
    dates the event of its clause), "six months after relaxing them" its month, and a
    dateline's date is no anchor."""
    found = find_timexes(
        "OSLO, Dec 12 - He left on Tuesday, a day after the talks. It acted on Wednesday, six "
        "months after relaxing them.",
        DCT,
    )
    assert [
        ("Dec 12", "2025-12-12"),
        ("Tuesday", "2025-12-09"),
        ("a day after", "2025-12-09"),
        ("Wednesday", "2025-12-10"),
        ("six months after", "2025-12"),
    ] == [(t.text, t.value) for t in found]
    [dateline_only] = find_timexes("OSLO, Dec 12 - He was named a day after the vote.", DCT)[1:]
    assert "XXXX-XX-XX" == dateline_only.value
