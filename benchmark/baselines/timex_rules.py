"""A rule-based TIMEX3 recogniser and normalizer, relative to a document creation time (DCT).

It finds and normalizes, in English:

* absolute dates: ``2025-12-12``, ``Dec 11``, ``December 11``, ``11 December``, ``Dec. 11, 2025``
  (without a year: the nearest such day, but not more than a month after the DCT, as
  past-tense news means, unless a future cue such as ``will``/``scheduled``/``next`` comes
  before it);
* months with or without a year: ``November``, ``November 2025``; years ``2013`` (1900-2099);
* weekdays: ``Thursday`` (the latest such day on or before the DCT, for past-tense news; the
  next one on or after it when a future cue precedes in the sentence: ``will meet on
  Thursday``, ``is due to meet X in Oslo on Thursday``, ``a Thursday deadline``); ``last Thursday``
  (strictly before the DCT); ``last week ... on Thursday`` (that day of the ISO week before the
  DCT's week, when ``last week`` comes earlier in the same sentence);
* event-anchored dates: ``the following day``, ``the next day``, ``the day before``, ``the
  eve``, ``two days later``, ``hours later``, ``that evening``, ``the following morning``,
  computed from the latest preceding day-valued timex (TimeML: the anchor), else ``XXXX-XX-XX``;
* weekends: ``the weekend``, ``last/this/next weekend``, ``the Easter weekend`` (ISO week
  with ``-WE``; Easter by the Gregorian computus);
* offsets after or before an event (``a day after the talks``, ``six months after relaxing
  them``, ``hours before``): the day of the event the phrase dates, told before it, at the
  unit's granularity (guidelines 5.6); a dateline's date is never an anchor;
* a month of this, last or next year (``March this year``), a weekday's part (``Monday
  night`` -> ``TNI``), ``now`` (``PRESENT_REF``), vague spans (``the coming weeks`` -> ``PXW``);
* ``last June`` (the latest June strictly before the DCT's month), ``earlier this month``;
* deictic days: ``today``, ``yesterday``, ``tomorrow``;
* ``this/last/next week|month|year`` (ISO weeks);
* durations: ``17 days``, ``two weeks``, ``three years``, ``six hours``, ``40 minutes``,
  ``an hour``, ``about two and a half hours`` (``PT2H30M``), ``a 180-day`` waiver,
  ``recent months`` / ``recent years``
  (an unspecified number: ``PXM``, ``PXY``).

A month without a year likewise: the nearest, unless more than a month ahead. Nothing here comes
from a particular article: the patterns are general English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y"}
TIME_UNITS = {"hour": "H", "minute": "M"}
FUTURE_CUES = re.compile(
    r"\b(?:will|shall|(?:is|are|was|were) (?:set |scheduled )?to|due to|scheduled|plans to|"
    r"planned|next|upcoming)\s+"
    r"(?:\w+\s+){0,4}$"
    # a future verb further back in the same clause: "is due to meet X in Y on Sunday",
    # "would hold talks ... before the inauguration in January"
    r"|\b(?:will|would|due to|expected to|is expected|scheduled to|set to)\s+"
    r"(?:[\w'’-]+,?\s+){0,10}(?:on|in|by|before|until)\s+(?:the\s+)?$",
    re.I,
)
#: "a Friday deadline": a day named for what is to come.
FUTURE_AFTER = re.compile(r"^\s+(?:deadline|vote|election|summit|talks)\b", re.I)
#: "the July 28 vote", "ahead of the Dec 20 election": a date naming a coming event.
EVENT_DATE = re.compile(r"\b(?:for|ahead of|before) the\s+$", re.I)

# the full stop belongs to an abbreviation only ("Jan.", "Sept."), not to "last August."
_MONTH = (
    r"(?P<month>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")(?:(?:(?<=jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)|(?<=sept))\.)?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
#: "Dec 2 of that year", "in March the same year": the year last written out before
_THAT_YEAR = r",?\s+(?:of\s+)?(?P<that>that|the same)\s+year"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<num>\d+|" + "|".join(NUMBERS) + r")"

_COUNT = r"(?P<count>\d+|a|one|" + "|".join(NUMBERS) + r")"
#: "about", "nearly", "more than" belong to a duration's extent (TimeML)
#: "about", "nearly", "more than" before a duration belong to its extent (TimeML); found by
#: looking back from a duration, which keeps the duration patterns cheap
_APPROX = re.compile(
    r"\b(?:about|around|nearly|almost|roughly|some|more than|less than|over|just over|"
    r"just under|under|at least|up to)\s+$",
    re.I,
)
_OCOUNT = r"(?:\d+|a|one|" + "|".join(NUMBERS) + r")"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "anchored",
        re.compile(
            r"\b(?:(?P<next>the (?:following|next) (?P<part1>day|morning|evening|night))"
            r"|(?P<prev>the (?:day before|previous day|eve)(?! of))"
            r"|(?P<after>the day after)(?! (?:the|a|his|her|their|its)\b)"
            r"|(?P<same>(?:that|the same) (?P<part2>day|morning|afternoon|evening|night))"
            r"|(?P<period>(?:that|the same) (?P<punit>week|month))"
            r"|(?P<vague>(?:days|weeks) (?:later|earlier))"
            r"|(?P<hours>(?:hours|minutes) (?:later|earlier)|(?:later|earlier) (?:in|that) the day)"
            rf"|(?P<shift>{_COUNT} (?P<sunit>day|week)s? (?P<dir>later|earlier))"
            # "a day after the talks", "six months after relaxing them": the day of the event
            # this phrase dates (guidelines 5.6), told before it
            rf"|(?P<offset>(?:{_OCOUNT} (?P<ounit>day|week|month|year)s?|"
            r"hours|minutes) (?:after|before))(?= [a-z])"
            r")",
            re.I,
        ),
    ),
    (
        "weekend",
        re.compile(r"\b(?P<which>the|this|last|next)\s+(?P<easter>Easter\s+)?weekend\b", re.I),
    ),
    (
        "weekday_part",
        re.compile(
            r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\s+(?P<part>morning|afternoon|evening|night)\b",
            re.I,
        ),
    ),
    (
        "month_rel_year",
        re.compile(rf"\b{_MONTH}\s+(?P<which>this|last|next)\s+year\b", re.I),
    ),
    ("last_weekday", re.compile(r"\blast\s+(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.I)),
    ("last_month", re.compile(r"\blast\s+" + _MONTH + r"(?!\s+\d)", re.I)),
    ("earlier_this", re.compile(r"\b(?:earlier|later)\s+this\s+(?P<unit>week|month|year)\b", re.I)),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR}|{_THAT_YEAR})?\b", re.I)),
    # "12 March", "the 12th of March" (an ordinal day, "of" and the month)
    (
        "day_month",
        re.compile(
            rf"\b(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)\s+of\b))?{_DAY}(?:\s+of)?\s+{_MONTH}"
            rf"(?:,?\s+{_YEAR}|{_THAT_YEAR})?\b",
            re.I,
        ),
    ),
    ("month_year", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)),
    # "late last month", "early this year": the period itself (TimeML keeps the modifier in the
    # extent and the value at the period's granularity)
    (
        "relative",
        re.compile(
            r"\b(?:(?:early|late|mid-?)\s*)?(?P<which>this|last|next)\s+(?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
    ("deictic", re.compile(r"\b(?P<word>today|yesterday|tomorrow)\b", re.I)),
    # "three days ago", "two weeks ago": counted back from the publication date
    ("ago", re.compile(rf"\b(?P<n>{_OCOUNT})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("weekday", re.compile(r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.I)),
    ("duration", re.compile(rf"\b{_NUM}[\s-]+(?P<unit>day|week|month|year)s?\b", re.I)),
    (
        "time_duration",
        re.compile(
            rf"\b(?:(?P<num>\d+|{'|'.join(NUMBERS)})|an?)(?:[\s-]+(?P<unit>hour|minute)s?"
            r"(?P<half>\s+and\s+a\s+half)?|\s+and\s+a\s+half\s+(?P<unit2>hour|minute)s)\b",
            re.I,
        ),
    ),
    ("ref", re.compile(r"\b(?P<ref>now)\b", re.I)),  # TimeML: "now" is PRESENT_REF
    # "recent months" -> PXM; "the coming weeks" -> PXW (guidelines 5.3)
    ("vague", re.compile(r"\b(?:recent|the coming)\s+(?P<unit>day|week|month|year)s\b", re.I)),
    # "in May": the month after a preposition of time (elsewhere "may" is the modal verb)
    (
        "may_month",
        re.compile(
            r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Ff]rom|[Tt]hrough)\s+(?P<month>May)\b"
        ),
    ),
    # normalize() keeps capitalised names only
    # not "Mar-a-Lago"
    ("month", re.compile(rf"\b{_MONTH}(?:{_THAT_YEAR})?\b(?!-)", re.I)),
    ("year", re.compile(rf"\b{_YEAR}\b")),
]


@dataclass(frozen=True)
class FoundTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


def _past_year(month: int, day: int, dct: date) -> int:
    """The nearest year, unless that puts the day more than a month after the DCT: then the
    year before (past-tense news: ``Feb. 10`` in a report of November is the February
    before; ``Jan 3`` in a report of Dec 12 is the coming one)."""
    year = _nearest_year(month, day, dct)
    try:
        if (date(year, month, day) - dct).days > 31:
            return year - 1
    except ValueError:
        return year
    return year


def _nearest_year(month: int, day: int, dct: date) -> int:
    """The year that puts month/day nearest the DCT."""
    best = dct.year
    best_gap: int | None = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            gap = abs((date(year, month, day) - dct).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _nearest_month_year(month: int, dct: date) -> int:
    candidates = [
        (abs((dct.year - y) * 12 + dct.month - month), y)
        for y in (dct.year - 1, dct.year, dct.year + 1)
    ]
    return min(candidates)[1]


def easter(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _weekend(which: str, is_easter: bool, dct: date, future: bool) -> str:
    """ISO week of a weekend, as TIMEX3 writes it (``2019-W16-WE``): the Easter weekend of the
    DCT's year (the year before when Easter is still to come in a past-tense report), ``this
    weekend`` the DCT's week, ``last weekend`` the week before, ``next weekend`` the week after,
    and ``the weekend`` the latest one on or before the DCT (the coming one after a future
    cue)."""
    if is_easter:
        day = easter(dct.year)
        if day > dct and not future:
            day = easter(dct.year - 1)
    elif which == "this":
        day = dct
    elif which == "last":
        day = dct - timedelta(days=7)
    elif which == "next":
        day = dct + timedelta(days=7)
    elif future:
        day = dct if dct.weekday() < 5 else dct + timedelta(days=7)
    else:
        day = dct if dct.weekday() >= 5 else dct - timedelta(days=7)
    return _iso_week(day) + "-WE"


def _iso_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def normalize(kind: str, m: re.Match[str], dct: date) -> tuple[str, str] | None:
    """(type, value) of one match, or None when it is not a valid date."""
    g = m.groupdict()
    try:
        if kind == "iso":
            return "DATE", date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat()
        if kind in ("month_day", "day_month"):
            month, day = MONTHS[g["month"].lower()], int(g["day"])
            year = int(g["year"]) if g.get("year") else _nearest_year(month, day, dct)
            return "DATE", date(year, month, day).isoformat()
        if kind == "month_year":
            return "DATE", f"{int(g['year']):04d}-{MONTHS[g['month'].lower()]:02d}"
        if kind == "month":
            if not g["month"][0].isupper() or g["month"].lower() == "may":
                return None
            month = MONTHS[g["month"].lower()]
            return "DATE", f"{_nearest_month_year(month, dct):04d}-{month:02d}"
        if kind == "year":
            return "DATE", g["year"]
        if kind == "may_month":
            return "DATE", f"{_nearest_month_year(5, dct):04d}-05"
        if kind == "ref":
            return "DATE", "PRESENT_REF"
        if kind == "month_rel_year":
            step = {"this": 0, "last": -1, "next": 1}[g["which"].lower()]
            return "DATE", f"{dct.year + step:04d}-{MONTHS[g['month'].lower()]:02d}"
        if kind == "weekday_part":
            back = (dct.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
            part = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
            return "TIME", (dct - timedelta(days=back)).isoformat() + part[g["part"].lower()]
        if kind == "deictic":
            shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
            return "DATE", (dct + timedelta(days=shift)).isoformat()
        if kind == "ago":
            count = g["n"].lower()
            n = int(count) if count.isdigit() else 1 if count in ("a", "one") else NUMBERS[count]
            unit = g["unit"].lower()
            if unit == "day":
                return "DATE", (dct - timedelta(days=n)).isoformat()
            if unit == "week":
                return "DATE", _iso_week(dct - timedelta(weeks=n))
            if unit == "month":
                months = dct.year * 12 + dct.month - 1 - n
                return "DATE", f"{months // 12:04d}-{months % 12 + 1:02d}"
            return "DATE", str(dct.year - n)
        if kind == "weekday":
            back = (dct.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
            return "DATE", (dct - timedelta(days=back)).isoformat()
        if kind == "relative":
            step = {"this": 0, "last": -1, "next": 1}[g["which"].lower()]
            unit = g["unit"].lower()
            if unit == "week":
                return "DATE", _iso_week(dct + timedelta(weeks=step))
            if unit == "month":
                index = dct.year * 12 + dct.month - 1 + step
                return "DATE", f"{index // 12:04d}-{index % 12 + 1:02d}"
            return "DATE", str(dct.year + step)
        if kind == "duration":
            num = g["num"].lower()
            n = int(num) if num.isdigit() else NUMBERS[num]
            return "DURATION", f"P{n}{UNITS[g['unit'].lower()]}"
        if kind == "vague":
            return "DURATION", f"PX{UNITS[g['unit'].lower()]}"
    except (ValueError, KeyError):
        return None
    return None


def _sentence_start(text: str, offset: int) -> int:
    """Start of the sentence holding ``offset`` (after the last ``. `` or blank line)."""
    cut = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset))
    return cut + 1 if cut >= 0 else 0


def _contextual(
    kind: str, m: re.Match[str], text: str, dct: date, previous: list[FoundTimex]
) -> tuple[str, str] | None:
    """Values that depend on the text around the match or on earlier timexes."""
    g = m.groupdict()
    before = text[max(0, m.start() - 120) : m.start()]
    before = re.split(r"[.;!?]\s", before)[-1]  # the same sentence only
    future = bool(FUTURE_CUES.search(before)) or (
        kind == "weekday" and bool(FUTURE_AFTER.match(text[m.end() : m.end() + 12]))
    )
    if g.get("that"):
        years = [t for t in previous if re.search(r"\b(?:19|20)\d\d\b", t.text)]
        if years:
            year = int(years[-1].value[:4])
            month = MONTHS[g["month"].lower()]
            if g.get("day"):
                try:
                    return "DATE", date(year, month, int(g["day"])).isoformat()
                except ValueError:
                    return None
            return "DATE", f"{year:04d}-{month:02d}"
    if kind in ("month_day", "day_month") and EVENT_DATE.search(
        text[max(0, m.start() - 20) : m.start()]
    ):
        future = True
    if kind in ("month_day", "day_month") and not g.get("year") and not future:
        month, day = MONTHS[g["month"].lower()], int(g["day"])
        try:
            return "DATE", date(_past_year(month, day, dct), month, day).isoformat()
        except ValueError:
            return None
    if kind == "may_month" and not future:
        year = _nearest_month_year(5, dct)
        if (year * 12 + 5) - (dct.year * 12 + dct.month) > 1:
            year -= 1  # more than a month ahead: the past one
        return "DATE", f"{year:04d}-05"
    if kind == "month" and not future and g["month"][0].isupper() and g["month"].lower() != "may":
        month = MONTHS[g["month"].lower()]
        year = _nearest_month_year(month, dct)
        if (year * 12 + month) - (dct.year * 12 + dct.month) > 1:
            year -= 1  # more than a month ahead: the past one
        return "DATE", f"{year:04d}-{month:02d}"
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        before = text[_sentence_start(text, m.start()) : m.start()]
        if re.search(r"\blast\s+week\b", before, re.I) or re.match(
            r"\s+(?:of\s+)?last\s+week\b", text[m.end() : m.end() + 16], re.I
        ):  # "last week ... on Thursday", "on Thursday last week"
            monday = dct - timedelta(days=dct.weekday() + 7)
            return "DATE", (monday + timedelta(days=wd)).isoformat()
        if future:
            ahead = (wd - dct.weekday()) % 7  # "due to return on Friday" in a Friday report
            return "DATE", (dct + timedelta(days=ahead)).isoformat()
        return None  # the plain rule of normalize()
    if kind == "weekend":
        return "DATE", _weekend(g["which"].lower(), bool(g.get("easter")), dct, future)
    if kind == "last_weekday":
        back = (dct.weekday() - WEEKDAYS[g["wd"].lower()]) % 7 or 7
        return "DATE", (dct - timedelta(days=back)).isoformat()
    if kind == "last_month":
        month = MONTHS[g["month"].lower()]
        if not g["month"][0].isupper():
            return None
        year = dct.year if month < dct.month else dct.year - 1
        return "DATE", f"{year:04d}-{month:02d}"
    if kind == "earlier_this":
        unit = g["unit"].lower()
        if unit == "week":
            return "DATE", _iso_week(dct)
        return "DATE", f"{dct.year:04d}-{dct.month:02d}" if unit == "month" else str(dct.year)
    if kind == "anchored":
        days = [
            t
            for t in previous
            if re.fullmatch(r"\d{4}-\d\d-\d\d", t.value[:10])
            # a dateline's date is the report's, no event's: never an anchor
            and not re.match(r"\s*(?:\([A-Za-z]+\)\s*)?[-\u2013\u2014]\s", text[t.end : t.end + 14])
        ]
        # the anchor is the day of an event told, not of the telling ("the ministry said on
        # Tuesday") nor of the earlier event an offset counts from ("two days after a court
        # ruling on April 12"), when another day is there
        told = [t for t in days if not _dates_telling_or_anchor(text, t, days)]
        days = told or days
        anchor = date.fromisoformat(days[-1].value[:10]) if days else None
        part = (g.get("part1") or g.get("part2") or "day").lower()
        suffix = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}.get(
            part, ""
        )
        if g.get("vague"):
            return "DATE", "XXXX-XX-XX"  # "days later": no count, no certain day (5.8)
        if g.get("period"):
            # "that week": the week (month) of the day told before; "that month" after "in
            # February" is the month told, when it was told after the last day
            months = [
                t
                for t in previous
                if re.fullmatch(r"\d{4}-\d\d", t.value) and (not days or t.start > days[-1].start)
            ]
            if g["punit"].lower() == "month" and months:
                return "DATE", months[-1].value
            if anchor is None:
                return "DATE", "XXXX-XX-XX"
            if g["punit"].lower() == "week":
                return "DATE", _iso_week(anchor)
            return "DATE", anchor.isoformat()[:7]
        if g.get("offset"):
            # the day of the main event, dated before the phrase, at the unit's granularity
            if anchor is None:
                return "DATE", "XXXX-XX-XX"
            unit = (g.get("ounit") or "day").lower()
            lead = text[_sentence_start(text, m.start()) : m.start()]
            count = m.group("offset").split()[0].lower()
            if not lead.strip(' "“') and unit in ("day", "week") and count not in ("hours",):
                # "Five days after the vote, he flew to Oslo": the phrase opens the sentence
                # and dates its main clause, counted from the anchor told before
                n = int(count) if count.isdigit() else 1 if count in ("a", "one") else None
                n = NUMBERS.get(count, n)
                if n is not None:
                    return "DATE", (
                        anchor
                        + timedelta(
                            days=n
                            * (7 if unit == "week" else 1)
                            * (-1 if m.group("offset").lower().endswith("before") else 1)
                        )
                    ).isoformat()
            value = anchor.isoformat()
            return "DATE", value[:7] if unit == "month" else value[:4] if unit == "year" else value
        if g.get("next"):
            shift = 1
        elif g.get("prev"):
            shift = -1
        elif g.get("after"):
            shift = 1
        elif g.get("same") or g.get("hours"):
            shift = 0  # "hours later" is the anchor's day (guidelines 5.8)
        else:
            count = g["count"].lower()
            n = int(count) if count.isdigit() else 1 if count == "a" else NUMBERS[count]
            n *= 7 if g["sunit"].lower() == "week" else 1
            shift = n if g["dir"].lower() in ("later", "after") else -n
        if anchor is None:
            return "DATE", "XXXX-XX-XX"
        # a part of a day is a TIME (guidelines 5.2): "that evening" -> 2019-12-09TEV
        return "TIME" if suffix else "DATE", (anchor + timedelta(days=shift)).isoformat() + suffix
    if kind == "time_duration":
        num = (g.get("num") or "1").lower()
        n = int(num) if num.isdigit() else NUMBERS[num]
        unit = (g.get("unit") or g.get("unit2") or "hour").lower()
        if g.get("half") or g.get("unit2"):
            # "two and a half hours" -> PT2H30M, in whole units (guidelines 5.3)
            if unit == "hour":
                return "DURATION", f"PT{n}H30M"
            return "DURATION", f"PT{n}M30S"
        return "DURATION", f"PT{n}{TIME_UNITS[unit]}"
    return None


_TELLING = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|added|wrote|disclosed|stated)"
    r"(?:\s+\w+){0,2}\s+(?:on|late on|early on)?\s*$"
)
_COUNTED_FROM = re.compile(
    r"(?i)\b(?:a|one|two|three|four|five|six|\d+|several|hours|days|weeks)\s+"
    r"(?:\w+\s+)?(?:after|before)\b[^.;]*$"
)


def _dates_telling_or_anchor(text: str, t: FoundTimex, days: list[FoundTimex]) -> bool:
    """Whether the day ``t`` dates the saying of a report (``the ministry said on Tuesday``) or
    the earlier event an offset counts from (``two days after a ruling on April 12``), in the
    sentence of another day before it."""
    sentence_start = max(text.rfind(". ", 0, t.start), text.rfind("\n", 0, t.start)) + 1
    earlier = [d for d in days if sentence_start <= d.start < t.start]
    if not earlier:
        return False
    between = text[earlier[-1].end : t.start]
    return bool(_TELLING.search(between[-60:]) and "," in between) or bool(
        _COUNTED_FROM.search(text[earlier[0].start : t.start])
    )


_CONTEXTUAL = {
    "may_month",
    "weekend",
    "weekday",
    "last_weekday",
    "last_month",
    "earlier_this",
    "anchored",
    "time_duration",
    "month_day",
    "day_month",
    "month",
}
#: Contextual kinds that fall back to :func:`normalize` when the context says nothing.
_FALLBACK = {"weekday", "month_day", "day_month", "month", "may_month"}


def find_timexes(text: str, dct: date) -> list[FoundTimex]:
    """Every temporal expression of ``text``, normalized against ``dct``; longest match wins.

    Matches are taken pattern by pattern (earlier patterns win overlaps), then normalized in text
    order, so that an event-anchored date sees the timexes before it.
    """
    matches: list[tuple[str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if (kind not in _CONTEXTUAL or kind in _FALLBACK) and normalize(kind, m, dct) is None:
                continue
            if kind in ("last_month",) and not m.group("month")[0].isupper():
                continue
            taken.append((start, end))
            matches.append((kind, m))
    found: list[FoundTimex] = []
    for kind, m in sorted(matches, key=lambda km: km[1].start()):
        normalized = None
        if kind in _CONTEXTUAL:
            normalized = _contextual(kind, m, text, dct, found)
        if normalized is None and (kind not in _CONTEXTUAL or kind in _FALLBACK):
            normalized = normalize(kind, m, dct)
        if normalized is None:
            continue
        start, end = m.span("month") if kind == "may_month" else m.span()
        if kind in ("duration", "time_duration"):
            approx = _APPROX.search(text, max(0, start - 16), start)
            start = approx.start() if approx else start
        found.append(FoundTimex(start, end, text[start:end], *normalized))
    return found
