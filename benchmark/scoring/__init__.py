"""Matching and metrics: the scorer behind ``bench score`` and ``bench compare``.

One job per module: :mod:`.names` (argument resolution), :mod:`.align` (span alignment),
:mod:`.mentions` (SemEval schemes), :mod:`.timexes`, :mod:`.relations` (tuple matching),
:mod:`.resample` (bootstrap, approximate randomization), :mod:`.evaluate` (the per-document
loop), :mod:`.report` (the versioned report), :mod:`.compare`, :mod:`.gold` (gold loading).

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
  the entity with more overlapping characters, then the smaller id, its digits compared as
  numbers: e2 before e10).

An unresolved or ambiguous argument makes its relation a false positive (category
``unresolved_argument``) and is listed in the report.

Mentions follow the SemEval-2013 task 9.1 schemes (strict, exact, partial, type) with a
one-to-one alignment: exact-span pairs first, then the remaining mentions by largest overlap,
found with a sweep over offsets. Timexes follow TempEval-3: strict and relaxed span F1, value and
type accuracy over relaxed matches, value F1.

Every figure carries a 95% percentile bootstrap interval (1,000 resamples, seed 0), over
documents (at least 10 of them, else no interval) or over scored items; see :mod:`.resample`.
"""

from __future__ import annotations

from benchmark.scoring.align import Alignment, SpanIndex, align_spans, overlap
from benchmark.scoring.compare import HEADLINES, compare
from benchmark.scoring.evaluate import Evaluation, ListSink, contrast_scores, evaluate
from benchmark.scoring.gold import load_gold
from benchmark.scoring.mentions import (
    MENTION_SCHEMES,
    SCHEMES,
    SchemeCounts,
    TypeTally,
    count_mentions,
    count_mentions_per_type,
)
from benchmark.scoring.names import NameIndex, Resolver, normalize_name, relation_key
from benchmark.scoring.relations import DocRelationResult, score_relations_document
from benchmark.scoring.report import SCHEMA_VERSION, ScoreReport, build_report, score
from benchmark.scoring.resample import (
    MIN_UNITS,
    approximate_randomization,
    bootstrap_sums,
    f1_of_sums,
    item_bootstrap_sums,
    percentile_ci,
)
from benchmark.scoring.scores import N_BOOT, SEED, Score, make_score, prf
from benchmark.scoring.timexes import TimexCounts, count_timexes

__all__ = [
    "HEADLINES",
    "MENTION_SCHEMES",
    "MIN_UNITS",
    "N_BOOT",
    "SCHEMA_VERSION",
    "SCHEMES",
    "SEED",
    "Alignment",
    "DocRelationResult",
    "Evaluation",
    "ListSink",
    "NameIndex",
    "Resolver",
    "SchemeCounts",
    "Score",
    "ScoreReport",
    "SpanIndex",
    "TimexCounts",
    "TypeTally",
    "align_spans",
    "approximate_randomization",
    "bootstrap_sums",
    "build_report",
    "compare",
    "contrast_scores",
    "count_mentions",
    "count_mentions_per_type",
    "count_timexes",
    "evaluate",
    "f1_of_sums",
    "item_bootstrap_sums",
    "load_gold",
    "make_score",
    "normalize_name",
    "overlap",
    "percentile_ci",
    "prf",
    "relation_key",
    "score",
    "score_relations_document",
]
