"""TIMEX3 value syntax, granularity, calendar intervals and the lenient date match."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmark.timex import (
    granularity,
    interval,
    is_valid_relation_date,
    is_valid_value,
    lenient_match,
)


@pytest.mark.parametrize(
    ("value", "timex_type"),
    [
        ("2025-12-11", "DATE"),
        ("2025-11", "DATE"),
        ("2025", "DATE"),
        ("2025-W50", "DATE"),
        ("2025-W50-WE", "DATE"),
        ("2025-Q4", "DATE"),
        ("2025-SU", "DATE"),
        ("202", "DATE"),
        ("XXXX-12-11", "DATE"),
        ("PRESENT_REF", "DATE"),
        ("2025-12-11T14:30", "TIME"),
        ("2025-12-11TMO", "TIME"),
        ("P17D", "DURATION"),
        ("PXM", "DURATION"),
        ("P1Y6M", "DURATION"),
        ("PT3H", "DURATION"),
        ("P1W", "SET"),
        ("XXXX-WXX-1", "SET"),
    ],
)
def test_well_formed_values_are_accepted(value: str, timex_type: str) -> None:
    """Values in TimeML's TIMEX3 syntax are valid for their type."""
    assert is_valid_value(value, timex_type) is True


@pytest.mark.parametrize(
    ("value", "timex_type"),
    [
        ("2025-13-01", "DATE"),
        ("2025-12-32", "DATE"),
        ("Dec 11", "DATE"),
        ("P17D", "DATE"),
        ("2025-12-11", "DURATION"),
        ("P", "DURATION"),
        ("PT", "DURATION"),
        ("2025-W54", "DATE"),
        ("", "DATE"),
    ],
)
def test_malformed_values_are_refused(value: str, timex_type: str) -> None:
    """Values that are not TIMEX3 for the type are refused."""
    assert is_valid_value(value, timex_type) is False


def test_intervals_of_each_granularity() -> None:
    """Weeks are ISO weeks; months, quarters and years cover their calendar days."""
    assert interval("2025-W50") == (date(2025, 12, 8), date(2025, 12, 14))
    assert interval("2025-W50-WE") == (date(2025, 12, 13), date(2025, 12, 14))
    assert interval("2025-11") == (date(2025, 11, 1), date(2025, 11, 30))
    assert interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert interval("2025-Q4") == (date(2025, 10, 1), date(2025, 12, 31))
    assert interval("2025") == (date(2025, 1, 1), date(2025, 12, 31))
    assert interval("PXM") is None


def test_granularity_names() -> None:
    """Each calendar value is named by its granularity."""
    values = ["2025-12-11", "2025-W50", "2025-11", "2025", "2025-12-11T10:00", "PXM", None]
    expected = ["day", "week", "month", "year", "time", "other", "none"]
    assert expected == [granularity(v) for v in values]


def test_lenient_match_examples_from_the_issue() -> None:
    """A week matches a day inside it and a month one of its days; a neighbouring day does not."""
    assert lenient_match("2025-W50", "2025-12-11") is True
    assert lenient_match("2025-11", "2025-11-21") is True
    assert lenient_match("2025-12-10", "2025-12-11") is False
    assert lenient_match("2025-W49", "2025-12-11") is False
    assert lenient_match(None, "2025-12-11") is False
    assert lenient_match(None, None) is True


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(days)
def test_a_day_lies_in_its_month_week_and_year(day: date) -> None:
    """Every day is leniently matched by its own month, ISO week and year."""
    iso = day.isocalendar()
    for coarse in (f"{day:%Y-%m}", f"{iso.year}-W{iso.week:02d}", f"{day.year}"):
        assert lenient_match(coarse, day.isoformat()) is True
        assert is_valid_value(coarse, "DATE") is True


@given(days, st.integers(min_value=1, max_value=400))
def test_distinct_days_never_match(day: date, shift: int) -> None:
    """Two different days never match, leniently or exactly."""
    other = day + timedelta(days=shift)
    assert lenient_match(day.isoformat(), other.isoformat()) is False


@given(days)
def test_the_interval_of_a_day_is_that_day(day: date) -> None:
    """A day value covers exactly itself."""
    assert interval(day.isoformat()) == (day, day)


@pytest.mark.parametrize("value", ["2025\n", "2025-12-01\n", "P3D\n", "PRESENT_REF\n"])
def test_a_trailing_newline_is_not_a_timex3_value(value: str) -> None:
    """`$` would accept a final newline; a TIMEX3 value is the whole string or nothing."""
    assert (False, False) == (is_valid_value(value), is_valid_relation_date(value))


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "2025-02-29", "2025-04-31", "XXXX-02-30", "2025-W53", "2025-12-11T24:30"],
)
def test_values_of_days_that_do_not_exist_are_refused(value: str) -> None:
    """A value of TIMEX3's shape that names no real time (30 February, week 53 of a 52-week
    year, 24:30) is not a valid value or relation date."""
    assert (False, False) == (is_valid_value(value), is_valid_relation_date(value))


@pytest.mark.parametrize(
    "value", ["2024-02-29", "XXXX-02-29", "2026-W53", "2020-W53-WE", "2025-12-11T24:00"]
)
def test_rare_days_that_exist_are_accepted(value: str) -> None:
    """Leap days, week 53 of a 53-week ISO year and 24:00 (the end of a day) are valid."""
    assert (True, True) == (is_valid_value(value), is_valid_relation_date(value))


@given(
    st.integers(min_value=1000, max_value=2999),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=31),
)
def test_a_day_value_is_valid_exactly_when_the_calendar_has_that_day(
    year: int, month: int, day: int
) -> None:
    """`YYYY-MM-DD` is valid exactly when the day is within its month, by the standard
    library's calendar."""
    import calendar

    expected = day <= calendar.monthrange(year, month)[1]
    assert expected == is_valid_value(f"{year:04d}-{month:02d}-{day:02d}", "DATE")


@given(st.integers(min_value=1000, max_value=2999))
def test_week_53_is_valid_exactly_in_years_with_53_iso_weeks(year: int) -> None:
    """A year has an ISO week 53 when its 28 December falls in it (ISO 8601)."""
    expected = date(year, 12, 28).isocalendar().week == 53
    assert expected == is_valid_value(f"{year}-W53", "DATE")
