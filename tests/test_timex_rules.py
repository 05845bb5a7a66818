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
