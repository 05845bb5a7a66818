"""Matching and metrics: the scorer behind ``bench score`` and ``bench compare``.

Relations (the headline) are scored as sets of tuples per document, summed over documents
(micro P/R/F1). *untimed* tuples are ``(type, arg1, arg2)`` with arguments resolved to gold
entities, unordered for the symmetric types ``phoned`` and ``met``; *timed* tuples add the
date, which must equal the gold value. Only ``realis == "actual"`` gold relations count; a
prediction that matches only a planned, hypothetical or negated gold event is a false positive
of category ``non_actual``. Duplicate predicted tuples count once.

Argument resolution (deterministic):

* a **name** is normalized (case-folded, diacritics, honorifics such as Mr/Ms/President and
  punctuation removed, spaces collapsed) and matched against each gold entity's name, aliases
  and NAM mention texts, normalized the same way; when no entity matches exactly, the unique
  entity of which the name is a whole-token part (``"Lukashenko"`` of ``"Alexander
  Lukashenko"``) is taken; several candidates make the name *ambiguous*, none *unresolved*;
* a **span** resolves to the gold mention it overlaps most (ties: the shorter mention, then the
  earlier one);
* an **entity reference** resolves through the submission's own cluster: each of its mentions
  resolves as a span, and the cluster takes the gold entity that most of them resolve to (ties:
  the entity with more overlapping characters, then the smaller id).

An unresolved or ambiguous argument makes its relation a false positive (category
``unresolved_argument``) and is listed in the report.

Mentions follow the SemEval-2013 task 9.1 schemes (strict, exact, partial, type) with a
one-to-one alignment: exact-span pairs first, then the remaining mentions by largest overlap,
found with a sweep over offsets. Timexes follow TempEval-3: strict and relaxed span F1, value and
type accuracy over relaxed matches, value F1.

Every headline figure carries a 95% percentile bootstrap interval over documents (1,000
resamples, seed 0, vectorized with numpy).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypedDict

from benchmark.errors import UsageError
from benchmark.model import (
    ENTITY_TYPES,
    RELATION_TYPES,
    SYMMETRIC_TYPES,
    Document,
    load_documents,
    read_manifest,
)
from benchmark.submission import (
    Arg,
    NameArg,
    PredictedDocument,
    PredMention,
    PredTimex,
    SpanArg,
    Submission,
)
from benchmark.timex import granularity, lenient_match

SCHEMA_VERSION = 1
N_BOOT = 1000
SEED = 0
LEVEL_RANK = {"NAM": 0, "NOM": 1, "PRO": 2}


class Score(TypedDict):
    precision: float
    recall: float
    f1: float
    tp: float
    fp: float
    fn: float
    ci95: list[float]


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty denominator gives 0.0."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def make_score(tp: float, fp: float, fn: float, ci95: Sequence[float] | None = None) -> Score:
    p, r, f = prf(tp, fp, fn)
    return Score(
        precision=round(p, 6),
        recall=round(r, 6),
        f1=round(f, 6),
        tp=tp,
        fp=fp,
        fn=fn,
        ci95=[round(x, 6) for x in ci95] if ci95 is not None else [round(f, 6), round(f, 6)],
    )


# --------------------------------------------------------------------------- names

HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "madam",
        "lord",
        "lady",
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "general",
        "gen",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "secretary",
        "ambassador",
        "envoy",
        "premier",
        "pope",
    }
)
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_name(name: str) -> str:
    """Case-fold, strip diacritics, possessives, punctuation, honorifics and a leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _POSSESSIVE.sub("", text)
    tokens = [t for t in _NON_WORD.sub(" ", text).split() if t not in HONORIFICS]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


@dataclass
class NameIndex:
    """Normalized names of a gold document's entities, for name resolution."""

    exact: dict[str, set[str]]
    tokens: dict[str, list[tuple[str, ...]]]

    @classmethod
    def build(cls, doc: Document) -> NameIndex:
        exact: dict[str, set[str]] = defaultdict(set)
        tokens: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        names: dict[str, set[str]] = defaultdict(set)
        for e in doc.entities:
            names[e.id].update([e.name, *e.aliases])
        for m in doc.mentions:
            if m.level == "NAM":
                names[m.entity].add(m.text)
        for eid, surface in names.items():
            for name in surface:
                norm = normalize_name(name)
                if norm:
                    exact[norm].add(eid)
                    tokens[eid].append(tuple(norm.split()))
        return cls(dict(exact), dict(tokens))

    def resolve(self, name: str) -> tuple[str | None, str]:
        """``(entity id, "")`` or ``(None, "unresolved" | "ambiguous")``."""
        norm = normalize_name(name)
        if not norm:
            return None, "unresolved"
        hits = self.exact.get(norm, set())
        if len(hits) == 1:
            return next(iter(hits)), ""
        if len(hits) > 1:
            return None, "ambiguous"
        query = tuple(norm.split())
        n = len(query)
        partial = {
            eid
            for eid, seqs in self.tokens.items()
            if any(any(seq[i : i + n] == query for i in range(len(seq) - n + 1)) for seq in seqs)
        }
        if len(partial) == 1:
            return next(iter(partial)), ""
        return None, "ambiguous" if partial else "unresolved"


# --------------------------------------------------------------------------- spans


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


class SpanIndex:
    """Gold spans sorted by start, for "largest overlap" look-ups without a quadratic scan."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.order = sorted(range(len(spans)), key=spans.__getitem__)
        self.spans = spans
        self.starts = [spans[i][0] for i in self.order]
        self.max_len = max((e - s for s, e in spans), default=0)

    @cached_property
    def exact(self) -> dict[tuple[int, int], int]:
        """The first index of each distinct span."""
        return {span: i for i, span in reversed(list(enumerate(self.spans)))}

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of the spans that overlap ``[start, end)``."""
        lo = bisect_left(self.starts, start - self.max_len)
        hi = bisect_left(self.starts, end)
        out = []
        for k in range(lo, hi):
            i = self.order[k]
            s, e = self.spans[i]
            if s < end and start < e:
                out.append(i)
        return out

    def best(self, start: int, end: int) -> int | None:
        """The span overlapping most; ties: the shorter, then the earlier."""
        found = self.overlapping(start, end)
        if not found:
            return None
        return min(
            found,
            key=lambda i: (
                -overlap(start, end, *self.spans[i]),
                self.spans[i][1] - self.spans[i][0],
                self.spans[i][0],
            ),
        )


@dataclass
class Alignment:
    """One-to-one pairs of (gold index, predicted index), exact pairs first."""

    exact: list[tuple[int, int]] = field(default_factory=list)
    overlapping: list[tuple[int, int]] = field(default_factory=list)


def align_spans(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> Alignment:
    """Align gold and predicted spans one-to-one: identical spans, then largest overlap."""
    result = Alignment()
    by_span: dict[tuple[int, int], list[int]] = {}
    for gi, span in enumerate(gold):
        by_span.setdefault(span, []).append(gi)
    used_gold: set[int] = set()
    rest_pred = []
    for pi, span in enumerate(pred):
        candidates_here = by_span.get(span)
        if candidates_here:
            gi = candidates_here.pop(0)  # each gold span is used once
            used_gold.add(gi)
            result.exact.append((gi, pi))
        else:
            rest_pred.append(pi)
    if not rest_pred:
        return result
    rest_gold = [gi for gi in range(len(gold)) if gi not in used_gold]
    if rest_gold:
        index = SpanIndex([gold[g] for g in rest_gold])
        candidates: list[tuple[int, int, int, int, int]] = []
        for pi in rest_pred:
            ps, pe = pred[pi]
            for k in index.overlapping(ps, pe):
                gs, ge = gold[rest_gold[k]]
                candidates.append((-overlap(ps, pe, gs, ge), ge - gs, gs, pi, rest_gold[k]))
        candidates.sort()
        taken_pred: set[int] = set()
        for _, _, _, pi, gi in candidates:
            if pi in taken_pred or gi in used_gold:
                continue
            taken_pred.add(pi)
            used_gold.add(gi)
            result.overlapping.append((gi, pi))
    return result


# --------------------------------------------------------------------------- mentions

MENTION_SCHEMES = ("strict", "exact", "partial", "type")


@dataclass
class SchemeCounts:
    """SemEval-2013 9.1 counts of one scheme: correct, incorrect, partial, missed, spurious."""

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    @property
    def credit(self) -> float:
        return self.correct + 0.5 * self.partial

    @property
    def possible(self) -> int:
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        return self.correct + self.incorrect + self.partial + self.spurious

    def tp_fp_fn(self) -> tuple[float, float, float]:
        return self.credit, self.actual - self.credit, self.possible - self.credit


class StrictScheme:
    """Exact boundaries and type."""

    name = "strict"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if exact and same_type else "incorrect"


class ExactScheme:
    """Exact boundaries, any type."""

    name = "exact"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if exact else "incorrect"


class PartialScheme:
    """Exact boundaries are correct, an overlap is half right; type ignored."""

    name = "partial"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if exact else "partial"


class TypeScheme:
    """Any overlap with the right type."""

    name = "type"

    def verdict(self, exact: bool, same_type: bool) -> str:
        return "correct" if same_type else "incorrect"


class Scheme(Protocol):
    name: str

    def verdict(self, exact: bool, same_type: bool) -> str: ...


SCHEMES: tuple[Scheme, ...] = (StrictScheme(), ExactScheme(), PartialScheme(), TypeScheme())


#: The verdict of each scheme, in SCHEMES order, for each (exact, same type) outcome of a pair.
_VERDICTS = {
    (exact, same): tuple(s.verdict(exact, same) for s in SCHEMES)
    for exact in (True, False)
    for same in (True, False)
}


def _scheme_counts(
    outcomes: dict[tuple[bool, bool], int], missed: int, spurious: int
) -> dict[str, SchemeCounts]:
    """Counts of every scheme from the (exact, same type) outcomes of the aligned pairs."""
    tallies = [{"correct": 0, "incorrect": 0, "partial": 0} for _ in SCHEMES]
    for outcome, n in outcomes.items():
        for tally, verdict in zip(tallies, _VERDICTS[outcome], strict=True):
            tally[verdict] += n
    return {
        scheme.name: SchemeCounts(missed=missed, spurious=spurious, **tally)
        for scheme, tally in zip(SCHEMES, tallies, strict=True)
    }


def count_mentions(
    gold: Sequence[tuple[int, int, str]],
    pred: Sequence[tuple[int, int, str]],
    with_verdicts: bool = True,
    alignment: Alignment | None = None,
) -> tuple[dict[str, SchemeCounts], list[dict[str, Any]]]:
    """Counts per scheme, and (optionally) a verdict per mention for error analysis."""
    if alignment is None:
        alignment = align_spans([(s, e) for s, e, _ in gold], [(s, e) for s, e, _ in pred])
    outcomes: dict[tuple[bool, bool], int] = {}
    verdicts: list[dict[str, Any]] = []
    for pairs, exact in ((alignment.exact, True), (alignment.overlapping, False)):
        for gi, pi in pairs:
            same_type = gold[gi][2] == pred[pi][2]
            outcomes[exact, same_type] = outcomes.get((exact, same_type), 0) + 1
            if with_verdicts:
                verdict = "tp" if exact and same_type else "partial"
                verdicts.append(
                    {"verdict": verdict, "gold": list(gold[gi]), "pred": list(pred[pi])}
                )
    matched = len(alignment.exact) + len(alignment.overlapping)
    counts = _scheme_counts(outcomes, len(gold) - matched, len(pred) - matched)
    if with_verdicts:
        matched_gold = {gi for pairs in (alignment.exact, alignment.overlapping) for gi, _ in pairs}
        matched_pred = {pi for pairs in (alignment.exact, alignment.overlapping) for _, pi in pairs}
        verdicts += [
            {"verdict": "fn", "gold": list(g), "pred": None}
            for i, g in enumerate(gold)
            if i not in matched_gold
        ]
        verdicts += [
            {"verdict": "fp", "gold": None, "pred": list(p)}
            for i, p in enumerate(pred)
            if i not in matched_pred
        ]
        verdicts.sort(key=lambda v: (v["gold"] or v["pred"])[0])
    return counts, verdicts


def _cross_type_overlap(
    gold: Sequence[tuple[int, int, str]], pred: Sequence[tuple[int, int, str]]
) -> bool:
    """Whether some predicted span overlaps a gold span of another type (a sweep by start)."""
    spans = sorted([(s, e, t, 0) for s, e, t in gold] + [(s, e, t, 1) for s, e, t in pred])
    # furthest end so far of each side's spans, by type: an earlier span overlaps this one
    # exactly when it ends after this one starts
    reach: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for start, end, etype, side in spans:
        if end <= start:  # an empty span: leave it to the per-type alignment
            return True
        for t, e in reach[1 - side].items():
            if e > start and t != etype:
                return True
        mine = reach[side]
        if end > mine.get(etype, -1):
            mine[etype] = end
    return False


class TypeTally(NamedTuple):
    """What one type's aligned mentions come to: every pair has the type on both sides."""

    exact: int
    overlapping: int
    missed: int
    spurious: int

    def schemes(self) -> dict[str, SchemeCounts]:
        outcomes = {(True, True): self.exact, (False, True): self.overlapping}
        return _scheme_counts(outcomes, self.missed, self.spurious)


def count_mentions_per_type(
    gold: Sequence[tuple[int, int, str]],
    pred: Sequence[tuple[int, int, str]],
    alignment: Alignment | None = None,
) -> dict[str, TypeTally]:
    """Per entity type, the tally of its gold and predictions aligned on their own (as
    nervaluate does); ``TypeTally.schemes()`` turns a tally, or a sum of them, into counts.

    When no predicted span overlaps a gold span of another type, the alignment of everything
    (``alignment``, if the caller has it) split by type gives the same pairs: it pairs only
    overlapping spans, and filtering by type keeps the order it breaks ties by. Otherwise each
    type is aligned separately.
    """
    types = sorted({g[2] for g in gold} | {p[2] for p in pred})
    if len(types) > 1 and _cross_type_overlap(gold, pred):
        out = {}
        for t in types:
            gold_t = [(s, e) for s, e, x in gold if x == t]
            pred_t = [(s, e) for s, e, x in pred if x == t]
            a = align_spans(gold_t, pred_t)
            matched = len(a.exact) + len(a.overlapping)
            out[t] = TypeTally(
                len(a.exact), len(a.overlapping), len(gold_t) - matched, len(pred_t) - matched
            )
        return out
    if alignment is None:
        alignment = align_spans([(s, e) for s, e, _ in gold], [(s, e) for s, e, _ in pred])
    exact_n = dict.fromkeys(types, 0)
    overlap_n = dict.fromkeys(types, 0)
    for gi, _ in alignment.exact:
        exact_n[gold[gi][2]] += 1
    for gi, _ in alignment.overlapping:
        overlap_n[gold[gi][2]] += 1
    gold_n = dict.fromkeys(types, 0)
    pred_n = dict.fromkeys(types, 0)
    for g in gold:
        gold_n[g[2]] += 1
    for p in pred:
        pred_n[p[2]] += 1
    return {
        t: TypeTally(
            exact_n[t],
            overlap_n[t],
            gold_n[t] - exact_n[t] - overlap_n[t],
            pred_n[t] - exact_n[t] - overlap_n[t],
        )
        for t in types
    }


# --------------------------------------------------------------------------- timexes


@dataclass
class TimexCounts:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    type_correct: int = 0


def count_timexes(
    gold: Sequence[tuple[int, int, str, str | None]],
    pred: Sequence[tuple[int, int, str, str | None]],
    with_verdicts: bool = True,
) -> tuple[TimexCounts, list[dict[str, Any]]]:
    alignment = align_spans([(t[0], t[1]) for t in gold], [(t[0], t[1]) for t in pred])
    counts = TimexCounts(gold=len(gold), pred=len(pred))
    verdicts: list[dict[str, Any]] = []
    matched_gold, matched_pred = set(), set()
    for pairs, exact in ((alignment.exact, True), (alignment.overlapping, False)):
        for gi, pi in pairs:
            matched_gold.add(gi)
            matched_pred.add(pi)
            counts.relaxed += 1
            counts.strict += exact
            value_ok = gold[gi][3] == pred[pi][3]
            counts.value_correct += value_ok
            counts.type_correct += gold[gi][2] == pred[pi][2]
            if with_verdicts:
                verdicts.append(
                    {
                        "verdict": "tp" if exact and value_ok else "partial",
                        "gold": list(gold[gi]),
                        "pred": list(pred[pi]),
                    }
                )
    if not with_verdicts:
        return counts, verdicts
    verdicts += [
        {"verdict": "fn", "gold": list(g), "pred": None}
        for i, g in enumerate(gold)
        if i not in matched_gold
    ]
    verdicts += [
        {"verdict": "fp", "gold": None, "pred": list(p)}
        for i, p in enumerate(pred)
        if i not in matched_pred
    ]
    verdicts.sort(key=lambda v: (v["gold"] or v["pred"])[0])
    return counts, verdicts


# --------------------------------------------------------------------------- relations


def relation_key(rtype: str, a1: str, a2: str) -> tuple[str, str, str]:
    """The untimed tuple; symmetric types have their arguments in a canonical order."""
    if rtype in SYMMETRIC_TYPES and a2 < a1:
        a1, a2 = a2, a1
    return rtype, a1, a2


@dataclass
class ResolvedArg:
    entity: str | None
    problem: str = ""  # "", "unresolved" or "ambiguous"
    shown: str = ""


class Resolver:
    """Resolves the arguments of one predicted document against one gold document.

    The name index, the span index and each cluster's resolution are built on first use.
    """

    def __init__(self, gold: Document, pred: PredictedDocument) -> None:
        self.gold = gold
        self.pred = pred
        self._names: NameIndex | None = None
        self._spans: SpanIndex | None = None
        self._clusters: dict[str, list[PredMention]] | None = None
        self._resolved: dict[str, ResolvedArg] = {}

    def _best_mention(self, start: int, end: int) -> int | None:
        if self._spans is None:
            self._spans = SpanIndex([(m.start, m.end) for m in self.gold.mentions])
        exact = self._spans.exact.get((start, end))
        return exact if exact is not None else self._spans.best(start, end)

    def resolve(self, arg: Arg) -> ResolvedArg:
        text = self.gold.text
        if isinstance(arg, NameArg):
            if self._names is None:
                self._names = NameIndex.build(self.gold)
            entity, problem = self._names.resolve(arg.name)
            return ResolvedArg(entity, problem, arg.name)
        if isinstance(arg, SpanArg):
            best = self._best_mention(arg.start, arg.end)
            entity = None if best is None else self.gold.mentions[best].entity
            return ResolvedArg(entity, "" if entity else "unresolved", text[arg.start : arg.end])
        if arg.entity not in self._resolved:
            self._resolved[arg.entity] = self._resolve_cluster(arg.entity)
        return self._resolved[arg.entity]

    def _resolve_cluster(self, cluster: str) -> ResolvedArg:
        if self._clusters is None:
            self._clusters = defaultdict(list)
            for m in self.pred.mentions or ():
                if m.entity is not None:
                    self._clusters[m.entity].append(m)
        votes: dict[str, list[int]] = {}  # gold entity -> [mentions, characters] it covers
        members = self._clusters.get(cluster, [])
        for m in members:
            best = self._best_mention(m.start, m.end)
            if best is not None:
                gm = self.gold.mentions[best]
                chars = overlap(m.start, m.end, gm.start, gm.end)
                vote = votes.get(gm.entity)
                if vote is None:
                    votes[gm.entity] = [1, chars]
                else:
                    vote[0] += 1
                    vote[1] += chars
        text = self.gold.text
        shown = text[members[0].start : members[0].end] if members else cluster
        if not votes:
            return ResolvedArg(None, "unresolved", f"{{entity: {cluster}}} {shown}")
        entity = min(votes, key=lambda e: (-votes[e][0], -votes[e][1], e))
        return ResolvedArg(entity, "", shown)


def _sentence_finder(doc: Document) -> Callable[[int], int | None]:
    """A fast ``offset -> sentence index`` look-up (bisect over sentence starts)."""
    starts = [s.start for s in doc.sentences]

    def find(offset: int) -> int | None:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset < doc.sentences[k].end:
            return doc.sentences[k].index
        return None

    return find


EntitySentences = dict[str, list[tuple[int, int]]]


def _entity_sentences(
    doc: Document, sentence_of: Callable[[int], int | None], entities: set[str]
) -> EntitySentences:
    """For each of ``entities``, the (sentence index, level rank) of each of its mentions."""
    out: EntitySentences = defaultdict(list)
    for m in doc.mentions:
        if m.entity in entities:
            sentence = sentence_of(m.start)
            if sentence is not None:
                out[m.entity].append((sentence, LEVEL_RANK[m.level]))
    return out


def _level_bucket(rel: Any, trigger_sentence: int | None, where: EntitySentences) -> str:
    """The weakest mention level of the two arguments in the trigger's sentence.

    NAM when both arguments are named there, NOM when one is only a nominal, PRO when one is
    only a pronoun; ``absent`` when an argument has no mention in that sentence.
    """
    worst = 0
    for arg in (rel.arg1, rel.arg2):
        levels = [rank for sentence, rank in where.get(arg, ()) if sentence == trigger_sentence]
        if not levels:
            return "absent"
        worst = max(worst, min(levels))
    return ("NAM", "NOM", "PRO")[worst]


def _distance_bucket(rel: Any, trigger_sentence: int | None, where: EntitySentences) -> str:
    """Sentence distance between the arguments' mentions nearest to the trigger: 0, 1, 2+."""
    trig = trigger_sentence or 0
    nearest = []
    for arg in (rel.arg1, rel.arg2):
        known = [sentence for sentence, _ in where.get(arg, ())]
        if not known:
            return "unknown"
        nearest.append(min(known, key=lambda s: (abs(s - trig), s)))
    d = abs(nearest[0] - nearest[1])
    return "2+" if d >= 2 else str(d)


@dataclass
class DocRelationResult:
    untimed: tuple[int, int, int]
    timed: tuple[int, int, int]
    lenient: tuple[int, int, int]
    evidence: tuple[int, int, int] | None
    per_type: dict[str, dict[str, tuple[int, int, int]]]
    false_positives: list[dict[str, Any]]
    false_negatives: list[dict[str, Any]]
    true_positives: list[dict[str, Any]]
    unresolved: list[dict[str, Any]]
    breakdown_hits: list[tuple[str, str, bool]]  # (dimension, bucket, found)


def _sentence_texts(doc: Document) -> Callable[[Iterable[int]], str]:
    """``indices -> the text of those sentences``, the sentence table built once per document."""
    by_index = {s.index: doc.text[s.start : s.end] for s in doc.sentences}

    def text_of(indices: Iterable[int]) -> str:
        return " ".join(by_index[i] for i in sorted(set(indices)) if i in by_index)

    return text_of


def score_relations_document(
    gold: Document, pred: PredictedDocument, details: bool = True
) -> DocRelationResult:
    """Relation counts of one document, its errors, and (with ``details``) its true positives."""
    names = {e.id: e.name for e in gold.entities}
    actual = [r for r in gold.relations if r.realis == "actual"]
    other = [r for r in gold.relations if r.realis != "actual"]
    gold_untimed: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for r in actual:
        gold_untimed[relation_key(r.type, r.arg1, r.arg2)].append(r)
    gold_timed = {(*relation_key(r.type, r.arg1, r.arg2), r.date): r for r in actual}
    non_actual = {relation_key(r.type, r.arg1, r.arg2): r for r in other}
    gold_pairs: dict[frozenset[str], set[str]] = defaultdict(set)
    for r in actual:
        gold_pairs[frozenset((r.arg1, r.arg2))].add(r.type)

    resolver = Resolver(gold, pred)
    sentence_text = _sentence_texts(gold)
    pred_untimed: dict[tuple[str, str, str], set[int]] = {}
    pred_timed: dict[tuple[str, str, str, str | None], None] = {}
    pred_evidence: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    evidence_given = False
    fps: list[dict[str, Any]] = []
    unresolved: list[dict[str, Any]] = []
    for rel in pred.relations or ():
        a1, a2 = resolver.resolve(rel.arg1), resolver.resolve(rel.arg2)
        shown = {"type": rel.type, "arg1": a1.shown, "arg2": a2.shown, "date": rel.date}
        if a1.entity is None or a2.entity is None:
            for arg, res in (("arg1", a1), ("arg2", a2)):
                if res.entity is None:
                    unresolved.append({"argument": res.shown, "problem": res.problem, "slot": arg})
            fps.append({**shown, "category": "unresolved_argument", "evidence_text": ""})
            continue
        key = relation_key(rel.type, a1.entity, a2.entity)
        if key in pred_untimed:
            pred_timed.setdefault((*key, rel.date), None)
            if rel.evidence is not None:
                evidence_given = True
                pred_evidence[key].update(rel.evidence)
            continue  # a duplicate untimed tuple counts once
        pred_untimed[key] = set()
        pred_timed.setdefault((*key, rel.date), None)
        if rel.evidence is not None:
            evidence_given = True
            pred_evidence[key].update(rel.evidence)
        if key not in gold_untimed:
            if key in non_actual:
                g = non_actual[key]
                category = f"non_actual:{g.realis}"
                ev = sentence_text(g.evidence)
            elif rel.type not in SYMMETRIC_TYPES and (rel.type, key[2], key[1]) in gold_untimed:
                category, ev = "wrong_direction", ""
            elif frozenset((a1.entity, a2.entity)) in gold_pairs:
                category, ev = "wrong_type", ""
            else:
                category, ev = "spurious", ""
            fps.append(
                {
                    **shown,
                    "arg1_entity": names.get(a1.entity, a1.entity),
                    "arg2_entity": names.get(a2.entity, a2.entity),
                    "category": category,
                    "evidence_text": ev,
                }
            )

    # untimed
    tp_u = len(set(pred_untimed) & set(gold_untimed))
    fp_u = len(pred_untimed) - tp_u + sum(1 for f in fps if f["category"] == "unresolved_argument")
    fn_u = len(gold_untimed) - tp_u
    # timed (exact dates) and lenient dates: one-to-one within each untimed key
    tp_t = len(set(pred_timed) & set(gold_timed))
    fp_t = len(pred_timed) - tp_t + sum(1 for f in fps if f["category"] == "unresolved_argument")
    fn_t = len(gold_timed) - tp_t
    tp_l = 0
    by_key_pred: dict[tuple[str, str, str], list[str | None]] = defaultdict(list)
    for k in pred_timed:
        by_key_pred[k[:3]].append(k[3])
    by_key_gold: dict[tuple[str, str, str], list[str | None]] = defaultdict(list)
    for k in gold_timed:
        by_key_gold[k[:3]].append(k[3])
    for key, gold_dates in by_key_gold.items():
        pool = list(by_key_pred.get(key, []))
        remaining = []
        for d in gold_dates:  # exact dates first
            if d in pool:
                pool.remove(d)
                tp_l += 1
            else:
                remaining.append(d)
        for d in remaining:
            hit = next((i for i, p in enumerate(pool) if lenient_match(p, d)), None)
            if hit is not None:
                pool.pop(hit)
                tp_l += 1
    fp_l = len(pred_timed) - tp_l + sum(1 for f in fps if f["category"] == "unresolved_argument")
    fn_l = len(gold_timed) - tp_l

    # false negatives and true positives with their evidence text
    fns: list[dict[str, Any]] = []
    tps: list[dict[str, Any]] = []
    sentence_of = _sentence_finder(gold)
    where = _entity_sentences(gold, sentence_of, {a for r in actual for a in (r.arg1, r.arg2)})
    hits: list[tuple[str, str, bool]] = []
    for r in actual:
        key = relation_key(r.type, r.arg1, r.arg2)
        timed_found = (*key, r.date) in pred_timed
        if details or not timed_found:
            item = {
                "type": r.type,
                "arg1": names.get(r.arg1, r.arg1),
                "arg2": names.get(r.arg2, r.arg2),
                "date": r.date,
                "gold_id": r.id,
                "evidence": list(r.evidence),
                "evidence_text": sentence_text(r.evidence),
            }
            if key not in pred_untimed:
                fns.append({**item, "category": "missed"})
            elif not timed_found:
                dates = sorted(str(k[3]) for k in pred_timed if k[:3] == key)
                fns.append({**item, "category": "wrong_date", "predicted_dates": dates})
            else:
                tps.append(item)
        trigger_sentence = sentence_of(r.trigger.start)
        found = key in pred_untimed
        hits.append(("level", _level_bucket(r, trigger_sentence, where), found))
        hits.append(("distance", _distance_bucket(r, trigger_sentence, where), found))
        hits.append(("granularity", granularity(r.date), timed_found))
    for tkey in sorted(set(pred_timed) - set(gold_timed), key=str):
        if tkey[:3] in gold_untimed and tkey[:3] in pred_untimed:
            fps.append(
                {
                    "type": tkey[0],
                    "arg1": names.get(tkey[1], tkey[1]),
                    "arg2": names.get(tkey[2], tkey[2]),
                    "date": tkey[3],
                    "category": "wrong_date",
                    "timed_only": True,
                    "evidence_text": sentence_text(
                        [i for g in gold_untimed[tkey[:3]] for i in g.evidence]
                    ),
                }
            )

    evidence = None
    if evidence_given:
        gold_ev = {(k, i) for k, rels in gold_untimed.items() for r in rels for i in r.evidence}
        pred_ev = {(k, i) for k, idx in pred_evidence.items() for i in idx}
        tp_e = len(gold_ev & pred_ev)
        evidence = (tp_e, len(pred_ev) - tp_e, len(gold_ev) - tp_e)

    per_type: dict[str, dict[str, tuple[int, int, int]]] = {}
    unresolved_by_type = Counter(f["type"] for f in fps if f["category"] == "unresolved_argument")
    layers = {
        "untimed": (gold_untimed.keys(), pred_untimed.keys()),
        "timed": (gold_timed.keys(), pred_timed.keys()),
    }
    by_type = {
        layer: (
            Counter(k[0] for k in g & p),
            Counter(k[0] for k in p),
            Counter(k[0] for k in g),
        )
        for layer, (g, p) in layers.items()
    }
    for t in RELATION_TYPES:
        extra = unresolved_by_type[t]
        per_type[t] = {
            layer: (tp[t], n_pred[t] - tp[t] + extra, n_gold[t] - tp[t])
            for layer, (tp, n_pred, n_gold) in by_type.items()
        }
    return DocRelationResult(
        untimed=(tp_u, fp_u, fn_u),
        timed=(tp_t, fp_t, fn_t),
        lenient=(tp_l, fp_l, fn_l),
        evidence=evidence,
        per_type=per_type,
        false_positives=fps,
        false_negatives=fns,
        true_positives=tps,
        unresolved=unresolved,
        breakdown_hits=hits,
    )


# --------------------------------------------------------------------------- bootstrap


def bootstrap_sums(matrix: Any, n_boot: int = N_BOOT, seed: int = SEED) -> Any:
    """Column sums of ``matrix`` (documents x k) over ``n_boot`` resamples of its documents.

    Documents are drawn with replacement (numpy's PCG64 seeded with ``seed``); each resample
    is turned into per-document weights with one ``bincount``, and the sums are a matrix
    product. Resamples are processed in chunks so memory stays bounded on large corpora.
    """
    import numpy as np

    mat = np.asarray(matrix, dtype=float)
    n_docs = mat.shape[0]
    out = np.zeros((n_boot, mat.shape[1]))
    if n_docs == 0 or n_boot <= 0:
        return out
    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_boot, 4_000_000 // n_docs))
    for first in range(0, n_boot, chunk):
        rows = min(chunk, n_boot - first)
        draws = rng.integers(0, n_docs, size=(rows, n_docs))
        draws += np.arange(rows)[:, None] * n_docs
        weights = np.bincount(draws.ravel(), minlength=rows * n_docs).reshape(rows, n_docs)
        out[first : first + rows] = weights @ mat
    return out


def percentile_ci(f1: Any) -> list[float]:
    import numpy as np

    lo, hi = np.percentile(f1, [2.5, 97.5])
    return [float(lo), float(hi)]


def f1_of_sums(sums: Any) -> Any:
    """Vectorized F1 from rows of summed (tp, fp, fn); 0.0 where the denominator is empty."""
    import numpy as np

    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    denom = 2 * tp + fp + fn
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1), 0.0)


# --------------------------------------------------------------------------- the report


class ScoreReport(TypedDict, total=False):
    schema_version: int
    dataset_version: str
    guidelines_version: str
    documents: int
    relations: dict[str, Any]
    mentions: dict[str, Any] | None
    timexes: dict[str, Any] | None
    errors: dict[str, Any]
    submission: str
    split: str
    warnings: list[str]
    breakdowns: dict[str, Any]
    grounding: dict[str, Any]
    contrast: dict[str, Any] | None
    details: list[dict[str, Any]]


@dataclass
class DocumentCounts:
    """Per-document count triples of every headline metric, for sums and bootstraps."""

    rows: dict[str, list[tuple[float, float, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, metric: str, triple: tuple[float, float, float]) -> None:
        self.rows[metric].append(triple)

    def scores(self, n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, Score]:
        """Every metric's score with its bootstrap interval, all from the same resamples."""
        import numpy as np

        names = sorted(self.rows)
        if not names:
            return {}
        matrix = np.concatenate([np.asarray(self.rows[n], dtype=float) for n in names], axis=1)
        totals = matrix.sum(axis=0)
        boot = bootstrap_sums(matrix, n_boot, seed) if n_boot > 0 else None
        out = {}
        for i, name in enumerate(names):
            tp, fp, fn = totals[3 * i : 3 * i + 3]
            ci = None if boot is None else percentile_ci(f1_of_sums(boot[:, 3 * i : 3 * i + 3]))
            out[name] = make_score(_num(tp), _num(fp), _num(fn), ci)
        return out


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 6)


def _triple(counts: Sequence[float]) -> tuple[float, float, float]:
    return _num(counts[0]), _num(counts[1]), _num(counts[2])


def evaluate(
    gold: Sequence[Document], submission: Submission, details: bool = True
) -> tuple[DocumentCounts, dict[str, Any]]:
    """Match every document; return per-document counts and the error-analysis material
    (with ``details``, the verdict of every mention and timex of every document too)."""
    counts = DocumentCounts()
    mentions_on = submission.layer_submitted("mentions")
    timexes_on = submission.layer_submitted("timexes")
    evidence_on = False
    per_type_mentions: dict[str, list[int]] = {t: [0, 0, 0, 0] for t in ENTITY_TYPES}
    per_type_rel: dict[str, dict[str, list[int]]] = {
        t: {"untimed": [0, 0, 0], "timed": [0, 0, 0]} for t in RELATION_TYPES
    }
    fps: list[dict[str, Any]] = []
    fns: list[dict[str, Any]] = []
    unresolved: list[dict[str, Any]] = []
    breakdown: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    grounding = {"span_text_mismatch": 0, "unresolved_names": 0, "ambiguous_names": 0}
    doc_details: list[dict[str, Any]] = []
    timex_totals = TimexCounts()
    for doc in gold:
        pred = submission.documents.get(doc.id) or PredictedDocument(doc_id=doc.id)
        rel = score_relations_document(doc, pred, details)
        counts.add("relations.untimed", rel.untimed)
        counts.add("relations.timed", rel.timed)
        counts.add("relations.timed_lenient", rel.lenient)
        if rel.evidence is not None:
            evidence_on = True
        counts.add("relations.evidence", rel.evidence or (0, 0, 0))
        for t, layers in rel.per_type.items():
            for layer, triple in layers.items():
                acc = per_type_rel[t][layer]
                for i in range(3):
                    acc[i] += triple[i]
        for item in rel.false_positives:
            fps.append({"doc_id": doc.id, **item})
        for item in rel.false_negatives:
            fns.append({"doc_id": doc.id, **item})
        for item in rel.unresolved:
            unresolved.append({"doc_id": doc.id, **item})
            grounding[f"{item['problem']}_names"] = grounding.get(f"{item['problem']}_names", 0) + 1
        for dim, bucket, found in rel.breakdown_hits:
            breakdown[dim][bucket][0 if found else 1] += 1
        detail: dict[str, Any] = {
            "doc_id": doc.id,
            "relations": {
                "tp": rel.true_positives,
                "fp": rel.false_positives,
                "fn": rel.false_negatives,
            },
        }

        gold_m = [(m.start, m.end, m.type) for m in doc.mentions]
        pred_m = list(dict.fromkeys((m.start, m.end, m.type) for m in pred.mentions or ()))
        if mentions_on:
            alignment = align_spans([(s, e) for s, e, _ in gold_m], [(s, e) for s, e, _ in pred_m])
            mc, verdicts = count_mentions(gold_m, pred_m, details, alignment)
            for s in MENTION_SCHEMES:
                counts.add(f"mentions.{s}", mc[s].tp_fp_fn())
            for t, tally in count_mentions_per_type(gold_m, pred_m, alignment).items():
                total = per_type_mentions.setdefault(t, [0, 0, 0, 0])
                for i, n in enumerate(tally):
                    total[i] += n
            detail["mentions"] = verdicts

        if timexes_on:
            gold_t = [(t.start, t.end, t.type, t.value) for t in doc.timexes]
            pred_t = list(
                dict.fromkeys((t.start, t.end, t.type, t.value) for t in pred.timexes or ())
            )
            tc2, tverdicts = count_timexes(gold_t, pred_t, details)
            counts.add("timexes.strict", (tc2.strict, tc2.pred - tc2.strict, tc2.gold - tc2.strict))
            counts.add(
                "timexes.relaxed", (tc2.relaxed, tc2.pred - tc2.relaxed, tc2.gold - tc2.relaxed)
            )
            counts.add(
                "timexes.value",
                (tc2.value_correct, tc2.pred - tc2.value_correct, tc2.gold - tc2.value_correct),
            )
            for attr in ("gold", "pred", "strict", "relaxed", "value_correct", "type_correct"):
                setattr(timex_totals, attr, getattr(timex_totals, attr) + getattr(tc2, attr))
            detail["timexes"] = tverdicts
        claimed: list[PredMention | PredTimex | SpanArg] = [
            a for r in pred.relations or () for a in (r.arg1, r.arg2) if isinstance(a, SpanArg)
        ]
        for spans in (pred.mentions or (), pred.timexes or (), claimed):
            for span in spans:
                if span.text is not None and doc.text[span.start : span.end] != span.text:
                    grounding["span_text_mismatch"] += 1
        if details:
            doc_details.append(detail)

    material = {
        "mentions_on": mentions_on,
        "timexes_on": timexes_on,
        "evidence_on": evidence_on,
        "per_type_mentions": per_type_mentions,
        "per_type_relations": per_type_rel,
        "false_positives": fps,
        "false_negatives": fns,
        "unresolved": unresolved,
        "breakdown": breakdown,
        "grounding": grounding,
        "timex_totals": timex_totals,
        "details": doc_details,
    }
    return counts, material


def contrast_scores(gold: Sequence[Document], counts: DocumentCounts) -> dict[str, Any] | None:
    """Relation scores per contrast category, and contrast consistency (Gardner et al., 2020).

    A document is *fully right* when its timed relations have no false positive and no false
    negative (a prediction of a negated or planned event is a false positive). Consistency is the
    share of edit groups whose every document, the unedited original included, is fully right.
    None when the gold carries no contrast categories.
    """
    if not any(d.category for d in gold):
        return None
    timed, untimed = counts.rows["relations.timed"], counts.rows["relations.untimed"]
    sums: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[bool]] = defaultdict(list)
    for doc, t, u in zip(gold, timed, untimed, strict=True):
        right = t[1] == 0 and t[2] == 0
        cat = sums.setdefault(
            doc.category or "none",
            {"documents": 0, "fully_right": 0, "timed": [0, 0, 0], "untimed": [0, 0, 0]},
        )
        cat["documents"] += 1
        cat["fully_right"] += right
        for i in range(3):
            cat["timed"][i] += t[i]
            cat["untimed"][i] += u[i]
        groups[doc.group or doc.id].append(right)
    categories = {
        name: {
            "documents": c["documents"],
            "fully_right": c["fully_right"],
            "accuracy": round(c["fully_right"] / c["documents"], 6),
            "timed": make_score(*_triple(c["timed"])),
            "untimed": make_score(*_triple(c["untimed"])),
        }
        for name, c in sorted(sums.items())
    }
    consistent = sum(all(v) for v in groups.values())
    return {
        "categories": categories,
        "consistency": {
            "groups": len(groups),
            "consistent": consistent,
            "share": round(consistent / len(groups), 6),
            "inconsistent_groups": sorted(g for g, v in groups.items() if not all(v)),
        },
    }


def score(
    gold: Sequence[Document],
    submission: Submission,
    *,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    root: Any = None,
    split: str = "test",
    details: bool = True,
) -> ScoreReport:
    """Score a submission against gold documents; the report follows the JSON contract.

    ``details=False`` leaves the per-document mention and timex verdicts out (``details`` is
    an empty list): the table and Markdown outputs do not show them, and on large corpora
    building them costs more than a tenth of the run.
    """
    counts, m = evaluate(gold, submission, details)
    scores = counts.scores(n_boot, seed)
    manifest = read_manifest(root)

    per_type = {}
    for t, layers in m["per_type_relations"].items():
        per_type[t] = {layer: make_score(*triple) for layer, triple in layers.items()}
    type_f1 = [per_type[t]["timed"]["f1"] for t in RELATION_TYPES]
    relations: dict[str, Any] = {
        "untimed": scores["relations.untimed"],
        "timed": scores["relations.timed"],
        "timed_lenient": scores["relations.timed_lenient"],
        "evidence": scores["relations.evidence"] if m["evidence_on"] else None,
        "macro_f1": round(sum(type_f1) / len(type_f1), 6),
        "macro_f1_untimed": round(
            sum(per_type[t]["untimed"]["f1"] for t in RELATION_TYPES) / len(RELATION_TYPES), 6
        ),
        "per_type": per_type,
        "submitted": submission.layer_submitted("relations"),
    }

    mentions: dict[str, Any] | None = None
    if m["mentions_on"]:
        mentions = {s: scores[f"mentions.{s}"] for s in MENTION_SCHEMES}
        mentions["per_type"] = {
            t: {s: make_score(*c.tp_fp_fn()) for s, c in TypeTally(*tally).schemes().items()}
            for t, tally in m["per_type_mentions"].items()
        }
    timexes: dict[str, Any] | None = None
    if m["timexes_on"]:
        tt: TimexCounts = m["timex_totals"]
        timexes = {
            "strict": scores["timexes.strict"],
            "relaxed": scores["timexes.relaxed"],
            "value": scores["timexes.value"],
            "value_accuracy": round(tt.value_correct / tt.relaxed, 6) if tt.relaxed else 0.0,
            "type_accuracy": round(tt.type_correct / tt.relaxed, 6) if tt.relaxed else 0.0,
        }

    fp_categories = Counter(f["category"].split(":")[0] for f in m["false_positives"])
    fn_categories = Counter(f["category"] for f in m["false_negatives"])
    breakdowns = {
        dim: {
            bucket: {
                "found": found,
                "missed": missed,
                "recall": round(found / (found + missed), 6) if found + missed else 0.0,
            }
            for bucket, (found, missed) in sorted(buckets.items())
        }
        for dim, buckets in sorted(m["breakdown"].items())
    }
    warnings = [
        f"document {d} is not in the submission: scored as predicting nothing"
        for d in submission.missing
    ]
    for layer in ("mentions", "timexes", "relations"):
        if not submission.layer_submitted(layer):
            warnings.append(f"layer {layer!r} not submitted")
    return ScoreReport(
        schema_version=SCHEMA_VERSION,
        dataset_version=manifest.get("dataset_version", "unknown"),
        guidelines_version=manifest.get("guidelines_version", "unknown"),
        documents=len(gold),
        submission=submission.path,
        split=split,
        relations=relations,
        mentions=mentions,
        timexes=timexes,
        errors={
            "false_positives": m["false_positives"],
            "false_negatives": m["false_negatives"],
            "unresolved_arguments": m["unresolved"],
            "fp_categories": dict(sorted(fp_categories.items())),
            "fn_categories": dict(sorted(fn_categories.items())),
            "missing_documents": list(submission.missing),
        },
        breakdowns=breakdowns,
        grounding=m["grounding"],
        contrast=contrast_scores(gold, counts),
        warnings=warnings,
        details=m["details"],
    )


# --------------------------------------------------------------------------- compare

HEADLINES = (
    ("relations.timed", "relations timed F1"),
    ("relations.untimed", "relations untimed F1"),
    ("mentions.strict", "mentions strict F1"),
    ("timexes.relaxed", "timexes relaxed F1"),
)


def compare(
    gold: Sequence[Document],
    sub_a: Submission,
    sub_b: Submission,
    *,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> dict[str, Any]:
    """Paired bootstrap test of A against B on each headline metric.

    Both systems are scored on the same resampled document sets. ``p_value`` is two-sided:
    twice the smaller share of resamples in which the difference A - B is <= 0 or >= 0,
    capped at 1.
    """
    import numpy as np

    counts_a, ma = evaluate(gold, sub_a)
    counts_b, mb = evaluate(gold, sub_b)
    rows: dict[str, dict[str, Any] | None] = {}
    for metric, label in HEADLINES:
        layer = metric.split(".")[0]
        if layer != "relations" and not (ma[f"{layer}_on"] and mb[f"{layer}_on"]):
            rows[metric] = None
            continue
        a = np.asarray(counts_a.rows[metric], dtype=float)
        b = np.asarray(counts_b.rows[metric], dtype=float)
        f_a = float(f1_of_sums(a.sum(axis=0)))
        f_b = float(f1_of_sums(b.sum(axis=0)))
        if len(gold) and n_boot > 0:
            # one matrix for A and B: both are summed over the very same resamples
            boot = bootstrap_sums(np.concatenate([a, b], axis=1), n_boot, seed)
            delta = f1_of_sums(boot[:, :3]) - f1_of_sums(boot[:, 3:])
            p = min(1.0, 2 * min(float(np.mean(delta <= 0)), float(np.mean(delta >= 0))))
            lo, hi = np.percentile(delta, [2.5, 97.5])
        else:
            p, lo, hi = 1.0, f_a - f_b, f_a - f_b
        rows[metric] = {
            "label": label,
            "a": round(f_a, 6),
            "b": round(f_b, 6),
            "delta": round(f_a - f_b, 6),
            "delta_ci95": [round(float(lo), 6), round(float(hi), 6)],
            "p_value": round(p, 6),
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": len(gold),
        "a": sub_a.path,
        "b": sub_b.path,
        "n_boot": n_boot,
        "seed": seed,
        "metrics": rows,
    }


# --------------------------------------------------------------------------- gold


def load_gold(path: str | Path | None = None, split: str = "test") -> list[Document]:
    """Gold documents of ``split``: shipped by default, or from a data root, an annotations
    folder (whose parent holds ``seeds/``) or a built Hugging Face dataset folder."""
    if path is None:
        docs = load_documents(split=split)
    else:
        p = Path(path)
        if not p.exists():
            raise UsageError(f"{p}: no such gold folder")
        if (p / "annotations").is_dir() and (p / "seeds").is_dir():
            docs = load_documents(p, split=split)
        elif p.name == "annotations" and (p.parent / "seeds").is_dir():
            docs = load_documents(p.parent, split=split)
        elif (p / "documents").is_dir():
            from benchmark.dataset import documents_from_built

            docs = [d for d in documents_from_built(p) if d.split == split]
        else:
            raise UsageError(
                f"{p}: not a gold folder (expected a data root with annotations/ and seeds/, "
                "an annotations/ folder, or a built dataset folder)"
            )
    if not docs:
        raise UsageError(f"no gold documents in split {split!r}")
    return docs
