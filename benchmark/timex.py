"""TIMEX3 values: syntax checks, granularity and calendar intervals.

Values follow TimeML's TIMEX3 ``value`` attribute (ISO 8601 with TimeML extensions):

* DATE: ``2025``, ``2025-12``, ``2025-12-11``, ``2025-W50``, ``2025-W50-WE``, ``2025-Q4``,
  ``2025-H2``, ``2025-SU`` (seasons SP/SU/FA/WI), ``202`` (decade), ``20`` (century), unknown
  digits as ``X`` (``XXXX-12-11``), and ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``.
* TIME: a date followed by ``Thh``, ``Thh:mm``, ``Thh:mm:ss`` or a part of day
  (``TMO``, ``TAF``, ``TEV``, ``TNI``, ``TDT``).
* DURATION and SET: ``P17D``, ``P2W``, ``P1Y6M``, ``PT3H``, ``PXM`` (an unspecified number of
  months), ``P1DT12H``.

:func:`interval` maps a calendar value to the closed range of days it covers, which the scorer's
lenient date match uses (a week against a day inside it, a month against one of its days).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
_DATE_BODY = (
    rf"(?:{_YEAR}"
    r"(?:-(?:(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"
    r"|W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE))?"
    r"|Q[1-4]|H[12]|SP|SU|FA|WI))?"
    r"|\d{3}|\d{2})"
)
_TIME_PART = r"T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?|MO|AF|EV|NI|DT)"
_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}W)?(?:{_NUM}D)?"
    rf"(?:T(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?)"
)

_PATTERNS = {
    "DATE": re.compile(rf"^(?:{_DATE_BODY}|{_REF})$"),
    "TIME": re.compile(rf"^(?:{_DATE_BODY})?{_TIME_PART}$|^{_REF}$"),
    "DURATION": re.compile(rf"^{_DURATION}$"),
    "SET": re.compile(rf"^(?:{_DURATION}|{_DATE_BODY}(?:{_TIME_PART})?)$"),
}


def is_valid_value(value: str, timex_type: str | None = None) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value (for ``timex_type`` when given)."""
    if not isinstance(value, str) or not value:
        return False
    if len(value) <= 32:  # a corpus repeats a few thousand values; a long one is no value
        return _valid_value(value, timex_type)
    return _valid_value.__wrapped__(value, timex_type)


@lru_cache(maxsize=1 << 14)
def _valid_value(value: str, timex_type: str | None) -> bool:
    types = [timex_type] if timex_type else list(_PATTERNS)
    for t in types:
        pattern = _PATTERNS.get(t)
        if pattern and pattern.fullmatch(value):
            if t == "DURATION" and value in ("P", "PT"):
                continue
            if t in ("DURATION", "SET") and value.startswith("P") and value.endswith("T"):
                continue
            return _on_the_calendar(value)
    return False


_CALENDAR_DAY = re.compile(r"(\d{4}|[\dX]{4})-(\d{2})-(\d{2})")
_CALENDAR_WEEK = re.compile(r"(\d{4})-W53")
_PAST_MIDNIGHT = re.compile(r"T24:(?!00(?::00)?$)")


def _on_the_calendar(value: str) -> bool:
    """Whether a value that has TIMEX3's shape names a time that exists: no 30 February
    (``XXXX-02-29`` is allowed: some year has it), no week 53 in a year of 52 ISO weeks, no
    hour 24 other than ``T24:00`` (ISO 8601's end of a day)."""
    day = _CALENDAR_DAY.match(value)
    if day:
        year = int(day[1]) if day[1].isdigit() else 2000  # a year with 29 February
        try:
            date(year, int(day[2]), int(day[3]))
        except ValueError:
            return False
    week = _CALENDAR_WEEK.match(value)
    if week:
        try:
            date.fromisocalendar(int(week[1]), 53, 1)
        except ValueError:
            return False
    return not _PAST_MIDNIGHT.search(value)


def is_valid_relation_date(value: str) -> bool:
    """A relation's ``date`` is a calendar value: a DATE, or a TIME value."""
    return is_valid_value(value, "DATE") or is_valid_value(value, "TIME")


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(WE|[1-7]))?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")


def granularity(value: str | None) -> str:
    """``day``, ``week``, ``month``, ``quarter``, ``year``, ``time``, ``other`` or ``none``."""
    if not value:
        return "none"
    if "T" in value and _DAY.match(value):
        return "time"
    if _DAY.match(value):
        return "day"
    week = _WEEK.match(value)
    if week:
        return "day" if week.group(3) and week.group(3) != "WE" else "week"
    if _MONTH.match(value):
        return "month"
    if _QUARTER.match(value) or _HALF.match(value):
        return "quarter"
    if _YEAR_ONLY.match(value):
        return "year"
    return "other"


@lru_cache(maxsize=1 << 14)
def interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day a calendar value covers, or None when it has no fixed extent.

    >>> interval("2025-W50")
    (datetime.date(2025, 12, 8), datetime.date(2025, 12, 14))
    >>> interval("2025-11")
    (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))
    """
    if not value:
        return None
    try:
        m = _DAY.match(value)
        if m:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
        m = _MONTH.match(value)
        if m:
            first = date(int(m.group(1)), int(m.group(2)), 1)
            nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        m = _WEEK.match(value)
        if m:
            year, week, part = int(m.group(1)), int(m.group(2)), m.group(3)
            monday = date.fromisocalendar(year, week, 1)
            if part == "WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if part:
                d = monday + timedelta(days=int(part) - 1)
                return d, d
            return monday, monday + timedelta(days=6)
        m = _QUARTER.match(value)
        if m:
            year, q = int(m.group(1)), int(m.group(2))
            first = date(year, 3 * q - 2, 1)
            last = date(year, 12, 31) if q == 4 else date(year, 3 * q + 1, 1) - timedelta(days=1)
            return first, last
        m = _HALF.match(value)
        if m:
            year, h = int(m.group(1)), int(m.group(2))
            return (
                (date(year, 1, 1), date(year, 6, 30))
                if h == 1
                else (date(year, 7, 1), date(year, 12, 31))
            )
        m = _YEAR_ONLY.match(value)
        if m:
            year = int(m.group(1))
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


def lenient_match(predicted: str | None, gold: str | None) -> bool:
    """Whether two dates agree leniently: equal, or one's interval lies inside the other's.

    ``2025-W50`` matches ``2025-12-11`` (a day inside the week) and ``2025-11`` matches
    ``2025-11-21``; ``2025-12-10`` does not match ``2025-12-11``; overlapping intervals of which
    neither contains the other (two weeks straddling a month end) do not match.
    """
    if predicted == gold:
        return True
    a, b = interval(predicted), interval(gold)
    if a is None or b is None:
        return False
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
