"""The ``rules`` and ``cooccurrence`` baselines: an offline spaCy pipeline and general rules.

Pipeline (``spacy.blank("en")`` + sentencizer; with ``--model NAME`` an installed pipeline's
NER adds actors):

1. **Actors.** Countries from ``pycountry`` plus a table of demonyms and of capitals and seats of
   government used for their state (general resources, covering many countries); people
   introduced by an honorific or a title (``Mr``, ``President``, ``Foreign Minister``...);
   organisations by cues (``Ministry``, ``Agency``, ``news agency X``...). A person's later
   bare surname joins the same cluster.
2. **Coreference.** ``he/his/him`` to the nearest preceding person, ``it/its`` to the nearest
   preceding organisation or state, a nominal such as ``the Venezuelan leader`` or ``the envoy``
   to the nearest preceding person (of that country when a demonym is given).
3. **Dates.** :mod:`benchmark.baselines.timex_rules`, against the publication date.
4. **Relations.** Trigger phrases matched with spaCy's ``Matcher``; arguments are the nearest
   compatible actors around the trigger in its sentence; the date is the nearest day, week or
   month timex in the sentence. Triggers under negation (``not``, ``never``) or modality
   (``could``, ``would``, ``may``, ``will``, ``plans to``, ``time for ... to``) are skipped: the
   submission format has no realis, so the system emits only events it takes as actual.

``cooccurrence`` (the floor) relates every pair of actors in a sentence holding a trigger word,
dated by the nearest date in the sentence. Nothing here is taken from a particular article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from benchmark.baselines.timex_rules import FoundTimex, find_timexes
from benchmark.errors import MissingModelError
from benchmark.model import Document

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame")
TITLES = (
    "President",
    "Vice President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Defense Minister",
    "Minister",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Senator",
    "Secretary of State",
    "Secretary",
    "Ambassador",
    "General",
    "Governor",
    "Pope",
    "Premier",
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "envoy",
)
ORG_CUES = (
    "Ministry",
    "Agency",
    "Office",
    "Council",
    "Committee",
    "Party",
    "Bank",
    "Commission",
    "Union",
    "Organisation",
    "Organization",
    "Department",
    "Parliament",
    "Assembly",
)

# Demonyms of states (general knowledge), a few dozen of the most frequent in world news.
DEMONYMS = {
    "American": "United States",
    "Russian": "Russia",
    "Chinese": "China",
    "British": "United Kingdom",
    "French": "France",
    "German": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Ukrainian": "Ukraine",
    "Belarusian": "Belarus",
    "Venezuelan": "Venezuela",
    "Colombian": "Colombia",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Mexican": "Mexico",
    "Cuban": "Cuba",
    "Canadian": "Canada",
    "Japanese": "Japan",
    "Korean": "Korea",
    "North Korean": "North Korea",
    "South Korean": "South Korea",
    "Indian": "India",
    "Pakistani": "Pakistan",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Syrian": "Syria",
    "Israeli": "Israel",
    "Palestinian": "Palestine",
    "Turkish": "Turkey",
    "Saudi": "Saudi Arabia",
    "Egyptian": "Egypt",
    "Qatari": "Qatar",
    "Emirati": "United Arab Emirates",
    "Polish": "Poland",
    "Hungarian": "Hungary",
    "Serbian": "Serbia",
    "Georgian": "Georgia",
    "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan",
    "Kazakh": "Kazakhstan",
    "Afghan": "Afghanistan",
    "Singaporean": "Singapore",
    "Malaysian": "Malaysia",
    "Indonesian": "Indonesia",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Filipino": "Philippines",
    "Australian": "Australia",
    "Nigerian": "Nigeria",
    "South African": "South Africa",
    "Ethiopian": "Ethiopia",
    "Kenyan": "Kenya",
    "Libyan": "Libya",
    "Sudanese": "Sudan",
    "Nicaraguan": "Nicaragua",
    "Chilean": "Chile",
    "Peruvian": "Peru",
    "Bolivian": "Bolivia",
    "Swiss": "Switzerland",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Finnish": "Finland",
    "Danish": "Denmark",
    "Dutch": "Netherlands",
    "Belgian": "Belgium",
    "Greek": "Greece",
    "Portuguese": "Portugal",
    "Austrian": "Austria",
    "Czech": "Czechia",
    "Romanian": "Romania",
    "Bulgarian": "Bulgaria",
    "Moldovan": "Moldova",
    "Lithuanian": "Lithuania",
    "Latvian": "Latvia",
    "Estonian": "Estonia",
    "Lebanese": "Lebanon",
    "Jordanian": "Jordan",
    "Yemeni": "Yemen",
    "Omani": "Oman",
    "Kuwaiti": "Kuwait",
}
# Capitals and seats of government that news use for their state.
SEATS = {
    "Washington": "United States",
    "White House": "United States",
    "Pentagon": "United States",
    "Moscow": "Russia",
    "Kremlin": "Russia",
    "Beijing": "China",
    "London": "United Kingdom",
    "Downing Street": "United Kingdom",
    "Paris": "France",
    "Elysee": "France",
    "Berlin": "Germany",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "Minsk": "Belarus",
    "Caracas": "Venezuela",
    "Miraflores": "Venezuela",
    "Havana": "Cuba",
    "Tehran": "Iran",
    "Ankara": "Turkey",
    "Tokyo": "Japan",
    "Seoul": "South Korea",
    "Pyongyang": "North Korea",
    "New Delhi": "India",
    "Riyadh": "Saudi Arabia",
    "Brussels": "European Union",
    "Ottawa": "Canada",
    "Canberra": "Australia",
    "Brasilia": "Brazil",
    "Bogota": "Colombia",
    "Jerusalem": "Israel",
    "Damascus": "Syria",
    "Baghdad": "Iraq",
    "Cairo": "Egypt",
    "Warsaw": "Poland",
}
ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "EU": "European Union",
    "UAE": "United Arab Emirates",
}

TRIGGERS: dict[str, list[list[dict[str, Any]]]] = {
    "phoned": [
        [{"LOWER": {"IN": ["phone", "telephone"]}}, {"LOWER": {"IN": ["call", "calls"]}}],
        [{"LOWER": {"IN": ["phoned", "telephoned", "called"]}}],
        [
            {"LOWER": "spoke"},
            {"LOWER": {"IN": ["by", "on", "over"]}},
            {"LOWER": {"IN": ["phone", "telephone"]}},
        ],
        [{"LOWER": "spoke"}, {"LOWER": "with"}],
    ],
    "met": [
        [{"LOWER": {"IN": ["met", "meets", "meet", "meeting", "meetings"]}}],
        [{"LOWER": {"IN": ["held", "hold", "holds"]}}, {"LOWER": "talks"}],
        [{"LOWER": "talks"}, {"LOWER": "with"}],
        [{"LOWER": {"IN": ["visited", "visit", "visits", "hosted"]}}],
    ],
    "sanctioned": [
        [{"LOWER": {"IN": ["sanction", "sanctions", "sanctioned"]}}],
    ],
    "named_envoy": [
        [{"LOWER": {"IN": ["named", "appointed", "nominated", "tapped"]}}],
    ],
}
ENVOY_WORDS = re.compile(r"\b(envoy|ambassador|special representative|representative)\b", re.I)
NEGATION = {"not", "never", "n't", "no"}
MODALS = {
    "could",
    "would",
    "may",
    "might",
    "will",
    "shall",
    "should",
    "plans",
    "plan",
    "planned",
    "hopes",
    "hope",
    "wants",
    "want",
    "offered",
    "proposed",
    "invited",
    "if",
    "whether",
    "time",
}


@dataclass
class Actor:
    id: str
    type: str
    name: str
    country: str | None = None


@dataclass
class FoundMention:
    start: int
    end: int
    type: str
    actor: str
    level: str = "NAM"


@dataclass
class Analysis:
    """What the pipeline found in one document."""

    sentences: list[tuple[int, int]]
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[FoundMention] = field(default_factory=list)
    timexes: list[FoundTimex] = field(default_factory=list)
    spacy_doc: Any = None


@cache
def _countries() -> dict[str, str]:
    """Country names (pycountry: name, common and official names) -> canonical name."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        for n in {c.name, canonical, getattr(c, "official_name", None)}:
            if n and "," not in n:
                names[n] = canonical
    # pycountry's canonical names for a few states differ from news usage
    fixes = {
        "Russian Federation": "Russia",
        "Venezuela, Bolivarian Republic of": "Venezuela",
        "Iran, Islamic Republic of": "Iran",
        "Korea, Republic of": "South Korea",
        "Syrian Arab Republic": "Syria",
        "Viet Nam": "Vietnam",
        "Türkiye": "Turkey",
    }
    for raw, short in fixes.items():
        names[raw] = short
        names[short] = short
    for state in set(DEMONYMS.values()) | set(SEATS.values()) | set(ALIASES.values()):
        names.setdefault(state, state)
    return {name: (fixes.get(canonical, canonical)) for name, canonical in names.items()}


@cache
def _nlp(model: str | None) -> Any:
    import spacy

    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(model)
    except OSError as exc:
        raise MissingModelError(
            f"the spaCy pipeline {model!r} is not installed; install it with "
            f"`python -m spacy download {model}` (or pip install its wheel), or run without "
            "--model to use the blank English pipeline"
        ) from exc


@cache
def _matcher(model: str | None) -> Any:
    from spacy.matcher import Matcher

    matcher = Matcher(_nlp(model).vocab)
    for rtype, patterns in TRIGGERS.items():
        matcher.add(rtype, patterns)
    return matcher


def _gazetteer_regex() -> re.Pattern[str]:
    names = set(_countries()) | set(DEMONYMS) | set(SEATS) | set(ALIASES)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])")


_GAZETTEER: re.Pattern[str] | None = None
_CAP = r"(?:[A-Z]\.|[A-Z][\w’'\-]*)"  # a capitalised word, or an initial with its full stop
_NAME = rf"{_CAP}(?:\s+(?:{_CAP}|de|da|del|van|von|bin|al))*"


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.actors: dict[str, Actor] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        self.mentions: list[FoundMention] = []

    def actor(self, atype: str, name: str, country: str | None = None) -> str:
        key = (atype, name)
        if key not in self.by_name:
            aid = f"a{len(self.actors) + 1}"
            self.actors[aid] = Actor(aid, atype, name, country)
            self.by_name[key] = aid
        return self.by_name[key]

    def add(self, start: int, end: int, atype: str, actor: str, level: str = "NAM") -> None:
        for m in self.mentions:
            if (
                m.start < end
                and start < m.end
                and not ((m.start <= start and end <= m.end) or (start <= m.start and m.end <= end))
            ):
                return  # crossing another mention
            if (m.start, m.end) == (start, end):
                return
        self.mentions.append(FoundMention(start, end, atype, actor, level))


def _person_names(text: str) -> list[tuple[int, int, str]]:
    """Names introduced by an honorific or a title: (start, end, name)."""
    heads = "|".join(re.escape(h) for h in sorted(HONORIFICS + TITLES, key=len, reverse=True))
    found = []
    for m in re.finditer(rf"\b(?:{heads})\.?\s+(?P<name>{_NAME})", text):
        name = m.group("name")
        tokens = name.split()
        while tokens and tokens[-1].lower() in {"de", "da", "del", "van", "von", "bin", "al"}:
            tokens.pop()
        # drop a trailing possessive
        cleaned = re.sub(r"[’']s$", "", " ".join(tokens))
        if not cleaned or cleaned in _countries() or cleaned in DEMONYMS:
            continue
        start = m.start("name")
        found.append((start, start + len(cleaned), cleaned))
    return found


def analyse(doc: Document, model: str | None = None, *, oracle: Document | None = None) -> Analysis:
    """Run the pipeline on one document. ``oracle`` supplies gold mentions and timexes."""
    global _GAZETTEER
    text = doc.text
    nlp = _nlp(model)
    spacy_doc = nlp(text)
    sentences = [(s.start_char, s.end_char) for s in spacy_doc.sents if s.text.strip()]
    result = Analysis(sentences=sentences, spacy_doc=spacy_doc)
    dct = date.fromisoformat(doc.published)

    b = _Builder(text)
    if oracle is not None:
        for e in oracle.entities:
            b.actors[e.id] = Actor(e.id, e.type, e.name)
        for gm in oracle.mentions:
            b.mentions.append(FoundMention(gm.start, gm.end, gm.type, gm.entity, gm.level))
        result.timexes = [
            FoundTimex(t.start, t.end, t.text, t.type, t.value) for t in oracle.timexes
        ]
    else:
        if _GAZETTEER is None:
            _GAZETTEER = _gazetteer_regex()
        countries = _countries()
        # people introduced by a title, then their later bare surnames
        surnames: dict[str, str] = {}
        for start, end, name in _person_names(text):
            surname = name.split()[-1]
            aid = surnames.get(surname) or b.actor("PER", name)
            b.add(start, end, "PER", aid)
            surnames[surname] = aid
        for surname, aid in surnames.items():
            for m in re.finditer(rf"(?<![\w.]){re.escape(surname)}(?![\w])", text):
                b.add(m.start(), m.end(), "PER", aid)
        # states: names, aliases, demonyms, seats of government
        for m in _GAZETTEER.finditer(text):
            surface = m.group()
            state = (
                countries.get(surface)
                or ALIASES.get(surface)
                or DEMONYMS.get(surface)
                or SEATS.get(surface)
            )
            if state:
                b.add(m.start(), m.end(), "GPE", b.actor("GPE", state))
        # organisations
        cues = "|".join(ORG_CUES)
        for m in re.finditer(rf"\b(?:{_CAP}\s+)*(?:{cues})(?:\s+of(?:\s+{_CAP})+)?", text):
            b.add(m.start(), m.end(), "ORG", b.actor("ORG", m.group()))
        for m in re.finditer(rf"\bnews agency\s+(?P<n>{_CAP})", text):
            b.add(m.start("n"), m.end("n"), "ORG", b.actor("ORG", m.group("n")))
        if model is not None:
            labels = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "GPE"}
            for ent in spacy_doc.ents:
                if ent.label_ in labels:
                    atype = labels[ent.label_]
                    b.add(ent.start_char, ent.end_char, atype, b.actor(atype, ent.text))
        _coreference(text, b)
        result.timexes = find_timexes(text, dct)
    b.mentions.sort(key=lambda m: (m.start, -m.end))
    result.actors, result.mentions = b.actors, b.mentions
    return result


_NOMINAL = re.compile(
    r"\b(?:the|a)\s+(?:(?P<dem>[A-Z][a-z]+)\s+)?(?:\w+\s+)?(?P<head>leader|president|"
    r"ambassador|envoy|minister|premier|diplomat|official)\b"
)


def _coreference(text: str, b: _Builder) -> None:
    """Pronouns and nominals to the nearest compatible preceding actor."""
    named = sorted(b.mentions, key=lambda m: m.start)

    def nearest(before: int, types: Iterable[str], country: str | None = None) -> str | None:
        wanted = set(types)
        for m in reversed(named):
            if m.start >= before or m.type not in wanted:
                continue
            if country and b.actors[m.actor].country not in (None, country):
                continue
            return m.actor
        return None

    for m in _NOMINAL.finditer(text):
        country = DEMONYMS.get(m.group("dem") or "")
        aid = nearest(m.start(), ["PER"], country)
        if aid:
            b.add(m.start(), m.end(), "PER", aid, "NOM")
    for m in re.finditer(r"\b(he|his|him|He|His|Him)\b", text):
        aid = nearest(m.start(), ["PER"])
        if aid:
            b.add(m.start(), m.end(), "PER", aid, "PRO")
    for m in re.finditer(r"\b(its|It|it)\b", text):
        aid = nearest(m.start(), ["GPE", "ORG"])
        if aid:
            atype = b.actors[aid].type
            b.add(m.start(), m.end(), atype, aid, "PRO")


def _sentence_of(sentences: list[tuple[int, int]], offset: int) -> int:
    for i, (s, e) in enumerate(sentences):
        if s <= offset < e:
            return i
    return -1


def _actual(tokens: list[str], index: int) -> bool:
    """No negation or modal cue in the few words before the trigger."""
    window = {t.lower() for t in tokens[max(0, index - 4) : index]}
    return not (window & NEGATION or window & MODALS)


def _nearest_date(timexes: list[FoundTimex], start: int, end: int, near: int) -> FoundTimex | None:
    dated = [
        t
        for t in timexes
        if t.type == "DATE"
        and start <= t.start < end
        and re.match(r"^\d{4}-(\d\d(-\d\d)?|W\d\d)$", t.value)
    ]
    return min(dated, key=lambda t: abs(t.start - near)) if dated else None


DEPENDENCY_TRIGGERS = {
    "phoned": ["phoned", "called", "telephoned", "phone", "call"],
    "met": ["met", "meet", "meets", "visited", "hosted"],
    "sanctioned": ["sanctioned", "sanction", "sanctions"],
    "named_envoy": ["named", "appointed", "nominated"],
}


def dependency_arguments(spacy_doc: Any) -> dict[int, tuple[int, int]]:
    """Trigger token -> (subject token, object token), from a parse (empty without one).

    Objects are direct objects or the object of ``with`` (``met with X``).
    """
    if not spacy_doc.has_annotation("DEP"):
        return {}
    from spacy.matcher import DependencyMatcher

    words = sorted({w for ws in DEPENDENCY_TRIGGERS.values() for w in ws})
    trigger = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LOWER": {"IN": words}}}
    subject = {
        "LEFT_ID": "trigger",
        "REL_OP": ">",
        "RIGHT_ID": "subject",
        "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "nsubjpass"]}},
    }
    matcher = DependencyMatcher(spacy_doc.vocab)
    matcher.add(
        "direct",
        [
            [
                trigger,
                subject,
                {
                    "LEFT_ID": "trigger",
                    "REL_OP": ">",
                    "RIGHT_ID": "object",
                    "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "obj"]}},
                },
            ]
        ],
    )
    matcher.add(
        "with",
        [
            [
                trigger,
                subject,
                {
                    "LEFT_ID": "trigger",
                    "REL_OP": ">",
                    "RIGHT_ID": "prep",
                    "RIGHT_ATTRS": {"LOWER": "with", "DEP": "prep"},
                },
                {
                    "LEFT_ID": "prep",
                    "REL_OP": ">",
                    "RIGHT_ID": "object",
                    "RIGHT_ATTRS": {"DEP": "pobj"},
                },
            ]
        ],
    )
    found: dict[int, tuple[int, int]] = {}
    for _, tokens in matcher(spacy_doc):
        # token order follows the pattern: trigger, subject, [prep,] object
        found.setdefault(tokens[0], (tokens[1], tokens[-1]))
    return found


def _actor_at(mentions: list[FoundMention], start: int, end: int) -> str | None:
    """The actor of the smallest mention covering the token [start, end)."""
    covering = [m for m in mentions if m.start <= start and end <= m.end]
    return min(covering, key=lambda m: m.end - m.start).actor if covering else None


def find_relations(
    doc: Document, analysis: Analysis, model: str | None, *, cooccurrence: bool = False
) -> list[dict[str, Any]]:
    """Relations from trigger matches in each sentence: arguments from the parse when there is
    one (spaCy's DependencyMatcher), else the nearest compatible actors around the trigger."""
    nlp = _nlp(model)
    spacy_doc = analysis.spacy_doc if analysis.spacy_doc is not None else nlp(doc.text)
    by_dependency = dependency_arguments(spacy_doc)
    tokens = [t.text for t in spacy_doc]
    relations: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
    for match_id, tok_start, tok_end in _matcher(model)(spacy_doc):
        rtype = nlp.vocab.strings[match_id]
        trig_start = spacy_doc[tok_start].idx
        trig_end = spacy_doc[tok_end - 1].idx + len(spacy_doc[tok_end - 1])
        sentence = next(((s, e) for s, e in analysis.sentences if s <= trig_start < e), None)
        if sentence is None:
            continue
        s_start, s_end = sentence
        in_sentence = [m for m in analysis.mentions if s_start <= m.start < s_end]
        timex = _nearest_date(analysis.timexes, s_start, s_end, trig_start)
        date_value = timex.value if timex else None
        if cooccurrence:
            actors = sorted({m.actor for m in in_sentence if m.type in ("PER", "ORG", "GPE")})
            for a, c in ((a, c) for a in actors for c in actors if a < c):
                relations.setdefault(
                    (rtype, a, c, date_value),
                    {"type": rtype, "arg1": a, "arg2": c, "date": date_value},
                )
            continue
        if not _actual(tokens, tok_start):
            continue
        pair: tuple[str, str] | None = None
        parsed = next(
            (by_dependency[i] for i in range(tok_start, tok_end) if i in by_dependency), None
        )
        if parsed is not None:
            subj, obj = spacy_doc[parsed[0]], spacy_doc[parsed[1]]
            agent = _actor_at(in_sentence, subj.idx, subj.idx + len(subj))
            patient = _actor_at(in_sentence, obj.idx, obj.idx + len(obj))
            pair = (agent, patient) if agent and patient and agent != patient else None
        if pair is None:
            pair = _arguments(rtype, in_sentence, analysis, trig_start, trig_end, doc.text, s_end)
        if pair is None:
            continue
        a, c = pair
        relations.setdefault(
            (rtype, a, c, date_value),
            {
                "type": rtype,
                "arg1": a,
                "arg2": c,
                "date": date_value,
                "trigger": (trig_start, trig_end),
                "timex": timex,
            },
        )
    return list(relations.values())


def _arguments(
    rtype: str,
    mentions: list[FoundMention],
    analysis: Analysis,
    trig_start: int,
    trig_end: int,
    text: str,
    s_end: int,
) -> tuple[str, str] | None:
    """The two actors of a trigger: nearest compatible before and after it."""
    people = [m for m in mentions if m.type == "PER"]
    agents = [m for m in mentions if m.type in ("PER", "GPE", "ORG")]
    if rtype in ("phoned", "met"):
        before = [m for m in people if m.end <= trig_start]
        after = [m for m in people if m.start >= trig_end]
        if before and after:
            a = before[-1].actor
            c = next((m.actor for m in after if m.actor != a), None)
            if c:
                return a, c
        if len(before) >= 2:
            distinct = list(dict.fromkeys(m.actor for m in reversed(before)))
            if len(distinct) >= 2:
                return distinct[1], distinct[0]
        return None
    if rtype == "sanctioned":
        before = [m for m in agents if m.end <= trig_start]
        tail = text[trig_end:s_end]
        on = re.match(r"\s+(?:on|against)\s+", tail)
        targets = [m for m in agents if m.start >= trig_end]
        if on and before and targets:
            target = targets[0].actor
            source = next((m.actor for m in reversed(before) if m.actor != target), None)
            if source:
                return source, target
        return None
    if rtype == "named_envoy":
        window = text[trig_end : min(s_end, trig_end + 60)]
        if not ENVOY_WORDS.search(window):
            return None
        before = [m for m in agents if m.end <= trig_start]
        after = [m for m in people if m.start >= trig_end]
        if before and after:
            appointer = before[-1].actor
            appointee = next((m.actor for m in after if m.actor != appointer), None)
            if appointee:
                return appointer, appointee
    return None


def predict(
    doc: Document,
    model: str | None = None,
    *,
    oracle: Document | None = None,
    cooccurrence: bool = False,
) -> dict[str, Any]:
    """One submission line for ``doc``."""
    analysis = analyse(doc, model, oracle=oracle)
    relations = find_relations(doc, analysis, model, cooccurrence=cooccurrence)
    line: dict[str, Any] = {"doc_id": doc.id}
    # the relation arguments refer to these clusters; for the oracle they are the gold's own
    line["mentions"] = [
        {"start": m.start, "end": m.end, "type": m.type, "entity": m.actor}
        for m in analysis.mentions
    ]
    if oracle is None:  # the oracle's timexes would only echo the gold
        line["timexes"] = [
            {"start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in analysis.timexes
        ]
    line["relations"] = [
        {
            "type": r["type"],
            "arg1": {"entity": r["arg1"]},
            "arg2": {"entity": r["arg2"]},
            "date": r["date"],
        }
        for r in relations
    ]
    return line
