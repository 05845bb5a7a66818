"""Argument resolution: names, spans and submission clusters to gold entities."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from benchmark.model import (
    SYMMETRIC_TYPES,
    Document,
)
from benchmark.scoring.align import SpanIndex
from benchmark.submission import (
    Arg,
    NameArg,
    PredictedDocument,
    PredMention,
    SpanArg,
)

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


_DIGITS = re.compile(r"(\d+)")


def natural_key(identifier: str) -> tuple[Any, ...]:
    """Sort key of an id that orders its digit runs as numbers (``e2`` before ``e10``).

    ``re.split`` with a group alternates text and digits, so equal positions compare equal
    kinds."""
    parts = _DIGITS.split(identifier)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


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

    def __init__(
        self, gold: Document, pred: PredictedDocument, spans: SpanIndex | None = None
    ) -> None:
        self.gold = gold
        self.pred = pred
        self._names: NameIndex | None = None
        self._spans = spans  # of the gold mentions
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
            clusters: dict[str, list[PredMention]] = defaultdict(list)
            for m in self.pred.mentions or ():
                if m.entity is not None:
                    clusters[m.entity].append(m)
            self._clusters = clusters
        votes: dict[str, list[int]] = {}  # gold entity -> [mentions, characters] it covers
        members = self._clusters.get(cluster, [])
        gold_mentions = self.gold.mentions
        if self._spans is None:
            self._spans = SpanIndex([(m.start, m.end) for m in gold_mentions])
        best_overlap = self._spans.best
        spans = [(m.start, m.end) for m in members]
        # the gold mention of the same span, for all members in one pass of C calls
        for (start, end), best in zip(spans, map(self._spans.exact.get, spans), strict=True):
            if best is not None:
                gm = gold_mentions[best]
                chars = end - start
            else:
                best = best_overlap(start, end)
                if best is None:
                    continue
                gm = gold_mentions[best]
                chars = min(end, gm.end) - max(start, gm.start)
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
        top = max(votes.values())
        tied = [e for e, v in votes.items() if v == top]
        entity = tied[0] if len(tied) == 1 else min(tied, key=natural_key)
        return ResolvedArg(entity, "", shown)
