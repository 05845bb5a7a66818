"""The date attacher of the ``learned`` baseline: which timex dates a relation, or none.

For a relation found in sentence *s* around position ``near`` (the trigger), the **options** are
"no date" and every datable timex the ``rules`` pipeline found in sentences *s - 5* .. *s + 1*
(never the dateline's): a ``DATE`` whose value is a calendar year, month, ISO week or day, or a
``TIME`` whose value starts with a day (``2019-12-09TEV`` dates by its day, guidelines §6.4).
Each option gets sparse features (:func:`option_features`) and a linear score; the relation
takes the option with the highest score (ties: the earlier option, "no date" first). The
weights are a logistic regression (scikit-learn, in :mod:`benchmark.baselines.learned`) over
(relation, option) pairs of the dev gold relations, labelled 1 when the option's value is the
gold date (the "no date" option when the gold date is null).

The features are general, never words of a document: sentence distance, token distance and
side with respect to the trigger, rank among the sentence's dates, the word before the timex
(``on``, ``in``, ``last``, ``since``...), the timex's granularity and type and whether it is
event-anchored (``the following day``) or a weekday, whether it is the publication date or
after it, whether another trigger word or a coordination (``and``, ``but``, ``;``) stands
between it and the trigger, whether the ``rules`` date rule chose it; for a timex of another
sentence, how many of the pair's actors that sentence mentions and whether it holds a trigger
word of the same type (the event told again) or of another (another event); and for "no
date" how many dates the sentence and its neighbours hold. It reads the rules' timexes through
``analysis.timexes`` only, so it keeps working when the rules' candidates change.
"""

from __future__ import annotations

import re
from typing import Any

#: Sentences around the relation's (trigger) sentence whose timexes are options. Chosen by
#: 5-fold CV on dev over three fold seeds: mean timed F1 50.9 (-2), 51.1 (-3), 51.8 (-4),
#: 53.0 (-5), 52.5 (-6), 52.7 (-8), 52.5 (every sentence before); one sentence after.
WINDOW = (-5, 1)
_DAY = re.compile(r"^(\d{4}-\d\d-\d\d)")
_CALENDAR = re.compile(r"^\d{4}(?:-(?:\d\d(?:-\d\d)?|W\d\d))?$")
_ANCHORED = re.compile(r"(?i)^(?:the|that|this)\b|\b(?:later|earlier|before|after)$")
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_COORDINATION = re.compile(r"\b(?:and|but|while|whereas)\b|;")
_WORD = re.compile(r"[A-Za-z]+|\d+")
#: Words a timex may follow that say how it relates to an event ("on", "since", "until").
PREPOSITIONS = frozenset(
    {
        *("on", "in", "at", "by", "since", "until", "till", "from", "to", "during"),
        *("after", "before", "last", "next", "this", "of", "for", "early", "late", "mid", "as"),
    }
)


def day_value(timex: Any) -> str | None:
    """The value a relation would take from ``timex``, or None when it cannot date an event:
    a DATE's calendar value (year, month, ISO week, day), a TIME's day."""
    value = str(timex.value)
    if timex.type == "DATE" and _CALENDAR.match(value):
        return value
    if timex.type == "TIME":
        day = _DAY.match(value)
        return day.group(1) if day else None
    return None


def granularity(value: str) -> str:
    """``day``, ``week``, ``month`` or ``year`` of a calendar value."""
    if len(value) == 10:
        return "day"
    if "W" in value:
        return "week"
    return "month" if len(value) == 7 else "year"


def sentence_of(sentences: list[tuple[int, int]], offset: int) -> int | None:
    """Index of the sentence that holds ``offset`` (None outside every sentence)."""
    return next((i for i, (s, e) in enumerate(sentences) if s <= offset < e), None)


def options(
    timexes: list[Any], sentences: list[tuple[int, int]], sentence: int
) -> list[tuple[Any, str, int]]:
    """The datable timexes near sentence ``sentence``: (timex, value, its sentence index)."""
    out = []
    for t in timexes:
        value = day_value(t)
        where = sentence_of(sentences, t.start)
        if value is None or where is None:
            continue
        if WINDOW[0] <= where - sentence <= WINDOW[1]:
            out.append((t, value, where))
    return out


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (2, "1-2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= limit:
            return name
    return "21+"


def option_features(
    text: str,
    published: str,
    context: dict[str, Any],
    option: tuple[Any, str, int] | None,
    others: list[tuple[Any, str, int]],
) -> dict[str, float]:
    """Features of one option (``None``: "no date") of the relation described by ``context``.

    ``context``: ``sentence`` (index), ``span`` (its offsets), ``near`` (trigger offset),
    ``type`` (relation type), ``triggers`` (offsets of trigger words in the text), ``rules``
    (the timex the rules' date rule picks, or None), ``headline`` (bool), ``pair`` (the two
    actor ids), ``actors_in`` (sentence index -> actor ids mentioned there),
    ``trigger_classes`` (sentence index -> trigger classes of its words: ``met``, ``phoned``,
    ``sanctioned``, ``named_envoy``, ``envoy``). ``others``: all the options of the relation
    (to rank this one among them).
    """
    rtype = context["type"]
    same = [o for o in others if o[2] == context["sentence"]]
    if option is None:
        f = {"null": 1.0, f"null&type={rtype}": 1.0}
        f[f"null&n_same={min(len(same), 3)}"] = 1.0
        f[f"null&n_window={min(len(others), 4)}"] = 1.0
        if context["rules"] is None:
            f["null&rules_none"] = 1.0
        if context["headline"]:
            f["null&headline"] = 1.0
        if not any(granularity(v) == "day" for _, v, _ in same):
            f["null&no_day_in_sentence"] = 1.0
        return f
    t, value, where = option
    near = context["near"]
    gran = granularity(value)
    distance = where - context["sentence"]
    f = {"bias": 1.0, f"sd={distance}": 1.0, f"gran={gran}": 1.0, f"sd={distance}&gran={gran}": 1.0}
    f[f"type={rtype}&gran={gran}"] = 1.0
    if t.type != "DATE":
        f[f"ttype={t.type}"] = 1.0
    before = _WORD.findall(text[max(0, t.start - 30) : t.start])
    word = before[-1].lower() if before else "^"
    f[f"prev={word if word in PREPOSITIONS else 'other'}"] = 1.0
    first = _WORD.findall(t.text)
    if first and first[0].lower() in PREPOSITIONS:
        f[f"first={first[0].lower()}"] = 1.0
    if _ANCHORED.search(t.text.strip()):
        f["anchored"] = 1.0
    if _WEEKDAY.search(t.text):
        f["weekday"] = 1.0
    if t.text.strip().isdigit():
        f["bare_number"] = 1.0
    if value == published:
        f["is_published"] = 1.0
    elif "W" not in value and value[: len(published)] > published[: len(value)]:
        f["after_published"] = 1.0
    if context["rules"] is t:
        f["rules_choice"] = 1.0
    if distance == 0:
        lo, hi = sorted((t.start, near))
        gap = _WORD.findall(text[lo:hi])
        side = "after" if t.start >= near else "before"
        f[f"side={side}"] = 1.0
        f[f"tdist={_bucket(len(gap))}"] = 1.0
        f[f"side={side}&tdist={_bucket(len(gap))}"] = 1.0
        rank = sorted(same, key=lambda o: abs(o[0].start - near)).index(option)
        f[f"rank={min(rank, 2)}"] = 1.0
        if any(lo < p < hi and abs(p - near) > 2 for p in context["triggers"]):
            f["trigger_between"] = 1.0
        if _COORDINATION.search(text[lo:hi]):
            f["coordination_between"] = 1.0
        if "," in text[lo:hi]:
            f["comma_between"] = 1.0
    else:
        f[f"n_same={min(len(same), 2)}"] = 1.0
        there = context["actors_in"].get(where, set())
        shared = sum(1 for a in context["pair"] if a in there)
        f[f"pair_actors_there={shared}"] = 1.0
        told = context["trigger_classes"].get(where, set())
        if rtype in told:
            f["same_trigger_there"] = 1.0
        elif told - {"envoy"}:
            f["other_trigger_there"] = 1.0
        else:
            f["no_trigger_there"] = 1.0
        if any(o[2] == where and o is not option for o in others):
            f["shares_sentence"] = 1.0
    return f


def choose(
    weights: dict[str, float],
    intercept: float,
    text: str,
    published: str,
    context: dict[str, Any],
    opts: list[tuple[Any, str, int]],
) -> str | None:
    """The date the attacher gives the relation: the value of the best-scoring option."""
    best: tuple[float, str | None] = (-float("inf"), None)
    for option in [None, *opts]:
        f = option_features(text, published, context, option, opts)
        score = intercept + sum(weights.get(k, 0.0) * v for k, v in f.items())
        if score > best[0]:
            best = (score, None if option is None else option[1])
    return best[1]


def contains(coarse: str, fine: str) -> bool:
    """Whether the calendar value ``coarse`` (year, month, ISO week) strictly contains ``fine``
    (``2024-11`` contains ``2024-11-12``; ``2025-W07`` contains ``2025-02-12``)."""
    if coarse == fine or granularity(coarse) == "day":
        return False
    if "W" in coarse:
        if granularity(fine) != "day":
            return False
        from datetime import date

        year, week, _ = date.fromisoformat(fine).isocalendar()
        return coarse == f"{year}-W{week:02d}"
    return fine.startswith(coarse + "-") and "W" not in fine


def most_specific(relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event dated at two granularities is one relation with the finer date (guidelines
    §6.4): a relation is dropped when the same type and pair also comes with a date that its
    own date contains (``met`` in ``2024-11`` and on ``2024-11-12``: the second)."""
    dates: dict[tuple[str, str, str], set[str]] = {}
    for r in relations:
        if r["date"] is not None:
            dates.setdefault((r["type"], r["arg1"], r["arg2"]), set()).add(r["date"])
    return [
        r
        for r in relations
        if r["date"] is None
        or not any(contains(r["date"], d) for d in dates[(r["type"], r["arg1"], r["arg2"])])
    ]
