"""The ``learned`` baseline: a scikit-learn relation classifier over candidate actor pairs.

Pipeline:

1. **Candidates.** The ``rules`` pipeline (:func:`benchmark.baselines.rules.analyse`, no gold)
   finds the actors (mention clusters), the timexes and the sentences. Every pair of distinct
   actors (PER, ORG, GPE) with a mention in the same sentence is a candidate, represented by its
   closest pair of mentions there.
2. **Classifier.** A logistic regression (scikit-learn, ``lbfgs``, L2, class weights)
   labels each candidate ``none``, ``phoned``, ``met``, or a directed type with its direction
   (``sanctioned>``: the first actor in the text is arg1; ``sanctioned<``: the second is), from
   sparse features (:func:`features`): the words between and around the two mentions, trigger
   word classes between / near / in the sentence, entity types and mention levels, distance,
   negation and modality cues, whether the sentence is a headline, its position, the number of
   actors in it; and a word-order stand-in for the path between the mentions (where the
   trigger words stand with respect to the pair and with which entity types, whether each
   mention is the actor nearest the trigger, the word before each mention, clause breaks,
   actors and commas between them, a list after the trigger); cues of a remote meeting
   (``video``, ``telephone``), general verbs of appointment and ``as ... envoy`` after the
   second mention; the ``rules`` verdict on the pair in its sentence and, as another feature,
   in another sentence of the document (the event told again). The ``none`` class weighs
   twice its balanced weight (fewer, surer relations). **The classifier adds to the rules,
   it does not overrule them** (``keep_rules``): a candidate the rules relate in its sentence
   keeps the rules' relation when the classifier says ``none`` (its own label wins when it
   gives one); relations the rules find beyond the candidates pass through as they are.
3. **Dates.** A second, learned classifier (:mod:`benchmark.baselines.learned_dates`) attaches
   the date: it scores "no date" and each datable timex the rules found in the relation's
   sentence, the five before and the one after (headlines are dated by the body, and a
   story retold several sentences later), and keeps the best; trained on the dev gold relations'
   dates. An undated relation is dropped when the same pair is also found dated, and a date
   that contains another found for the same pair (``2024-11`` and ``2024-11-12``) gives way to
   it (guidelines §6.4: the most specific date anchors the event).

The model ships as JSON (:data:`MODEL_PATH`): vocabulary, weights, classes, the date
attacher's weights (``dates``), ``keep_rules``, the feature version, the scikit-learn version
it was trained with and a hash of the training data.
Prediction needs no scikit-learn (a dot product per class), so the file cannot silently go
stale with a library upgrade; :func:`load_model` refuses a file whose format or feature version
differs from this code's, with a message that says how to rebuild it
(``python scripts/train_learned.py``).

**Honesty.** Trained on the dev split only; the test article is scored once, for reporting.
Its dev predictions on the leaderboard are *out-of-fold*: each dev document is predicted by a
model trained on the other folds (5 folds by document, seed 13), never by a model that saw it.

**How well it does with so little data.** Dev has 126 documents and some 6,800 candidate
pairs, of which under a tenth are relations; the classifier learns the trigger words and the
shape of the clause well, but rare patterns (sanctions, envoys, negation) have a handful of
examples each, and its arguments and dates inherit every error of the rules' mentions and
timexes. On text of a batch it was not trained on (``python scripts/train_learned.py
--batch-cv``: each batch of 14 dev documents predicted by a model trained on the other
batches) it reaches timed F1 75 pooled, 61 and 70 on the two latest batches; the other
batches' figures are optimistic, since the rules' verdict, its strongest feature, was
developed on them. On the sixth held-out batch, trained without it, it scored 66.4 against
73.6 for ``rules`` alone (README, Baselines): it finds as many dated relations as the rules
(timed recall 68 for both) and more undated ones (untimed recall 75 against 72), at lower
precision. Overruling the rules cost more than it gained (measured in round 4: 68 pooled, 55
on the batch then latest, without ``keep_rules``). Over
the batches, the choices below move timed F1 by a point or two either way, which that
yardstick cannot tell from noise (a few hundred relations); what was measured and left out
is in the README. What would make it better: more annotated documents (hundreds), features
from a syntactic parse (the path between the two mentions; the features here only approximate
it from word order), and gold mentions at training time with the predicted ones at test
time replaced by a stronger NER.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from benchmark.baselines import learned_dates
from benchmark.errors import BenchError
from benchmark.model import Document

#: Bumped whenever :func:`features` changes; a model trained with another version is refused.
FEATURE_VERSION = 7
FORMAT_VERSION = 3
MODEL_PATH = Path(__file__).resolve().parent / "models" / "learned.json"
LABELS = ("none", "phoned", "met", "sanctioned>", "sanctioned<", "named_envoy>", "named_envoy<")
ACTOR_TYPES = ("PER", "ORG", "GPE")
#: Hyper-parameters, chosen by 5-fold cross-validation on dev (by document, seed 13): the
#: relation classifier's C over {1, 3, 10}, balanced class weights or none, the ``none`` class's
#: extra weight over {1, 1.5, 2, 3, 4}; the date attacher's C over {0.3, 1, 3}. Timed F1 is
#: flat within about a point over none weights 1.5 to 3 and C 1 to 3 (best: 3, balanced,
#: none x2, date C 1). Leave-one-batch-out CV (``--batch-cv``) agrees: pooled timed F1 64.7 to
#: 68.4 over C 0.3 / 1 / 3 / 10 and none weight 1 / 1.5 / 2 / 3, best at the shipped values;
#: with ``keep_rules`` 70.6 / 71.9 / 71.7 / 72.3 over none weight 1.5 / 2 / 3 / 4 (kept at 2:
#: no choice tuned to a spread within noise). ``keep_rules``: see the module docstring. The
#: date attacher's C went from 1 to 0.3 in round 6 (stronger regularisation of the date
#: weights): leave-one-batch-out timed F1 72.6 -> 72.8 pooled, 55.2 -> 56.9 on ``dev-085`` ..
#: ``dev-098`` (one more date right there), 5-fold 72.4 -> 72.6; 0.1 gives 72.6 / 57.4.
PARAMS: dict[str, Any] = {
    "C": 3.0,
    "balanced": True,
    "none_weight": 2.0,
    "date_C": 0.3,
    "keep_rules": True,
}


#: Weights smaller than this are left out of the model file (it halves the file; over three
#: fold seeds the CV timed F1 moves by 0.1 point).
WEIGHT_FLOOR = 0.05


class ModelError(BenchError):
    """The shipped model file is missing, damaged or made for another version of the code."""

    exit_code = 1


def _trigger_classes() -> dict[str, str]:
    from benchmark.baselines.rules import TRIGGERS

    words: dict[str, str] = {}
    for rtype, patterns in TRIGGERS.items():
        for pattern in patterns:
            for token in pattern:
                lower = token.get("LOWER")
                if isinstance(lower, dict) and "IN" in lower:
                    for w in lower["IN"]:
                        if w not in ("a", "the", "his", "her", "their", "first", "second"):
                            words.setdefault(w, rtype)
    words.update({"call": "phoned", "calls": "phoned", "summit": "met", "talks": "met"})
    words.update({"envoy": "envoy", "ambassador": "envoy", "representative": "envoy"})
    return words


_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (3, "1-3"), (8, "4-8"), (15, "9-15")):
        if n <= limit:
            return name
    return "16+"


def candidates(doc: Document, analysis: Any) -> list[dict[str, Any]]:
    """Candidate pairs of one analysed document: sentence, the two mentions (in text order)."""
    out = []
    for index, (s_start, s_end) in enumerate(analysis.sentences):
        inside = [
            m for m in analysis.mentions if s_start <= m.start < s_end and m.type in ACTOR_TYPES
        ]
        actors = sorted({m.actor for m in inside})
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                pairs = [
                    (x, y)
                    for x in inside
                    if x.actor == a
                    for y in inside
                    if y.actor == b and not (x.start < y.end and y.start < x.end)
                ]
                if not pairs:
                    continue
                x, y = min(pairs, key=lambda p: abs(p[0].start - p[1].start))
                first, second = (x, y) if x.start <= y.start else (y, x)
                out.append(
                    {
                        "sentence": index,
                        "span": (s_start, s_end),
                        "first": first,
                        "second": second,
                        "n_actors": len(actors),
                    }
                )
    return out


def features(doc: Document, analysis: Any, cand: dict[str, Any]) -> dict[str, float]:
    """Sparse features of one candidate (see the module docstring)."""
    from benchmark.baselines.rules import MODALS, NEGATION

    text = doc.text
    triggers = _trigger_classes()
    s_start, s_end = cand["span"]
    first, second = cand["first"], cand["second"]
    between = _words(text[first.end : second.start])
    before = _words(text[s_start : first.start])[-4:]
    after = _words(text[second.end : s_end])[:4]
    sentence = _words(text[s_start:s_end])
    f: dict[str, float] = {"bias": 1.0}
    for w in between:
        f[f"bw={w}"] = 1.0
    for w in before:
        f[f"pre={w}"] = 1.0
    for w in after:
        f[f"post={w}"] = 1.0
    for where, words in (("bw", between), ("pre", before), ("post", after), ("sent", sentence)):
        for w in words:
            if w in triggers:
                f[f"trig_{where}={triggers[w]}"] = 1.0
            if w in NEGATION or w == "not":
                f[f"neg_{where}"] = 1.0
            if w in MODALS:
                f[f"modal_{where}"] = 1.0
    f[f"types={first.type}-{second.type}"] = 1.0
    f[f"levels={first.level}-{second.level}"] = 1.0
    f[f"dist={_bucket(len(between))}"] = 1.0
    f[f"n_actors={min(cand['n_actors'], 5)}"] = 1.0
    f[f"position={min(cand['sentence'], 4)}"] = 1.0
    if _headline(text[s_start:s_end]):
        f["headline"] = 1.0
    if re.search(r"\b(?:on|against)\b", text[first.end : second.start]):
        f["on_between"] = 1.0
    if re.search(r"\band\b", text[first.end : second.start]) and len(between) <= 6:
        f["and_between"] = 1.0
    f.update(_path_features(text, analysis, cand, triggers))
    return f


_CLAUSE = re.compile(r";|:|\b(?:who|which|whom|whose|while|whereas|but|after|before|said)\b")


def _path_features(
    text: str, analysis: Any, cand: dict[str, Any], triggers: dict[str, str]
) -> dict[str, float]:
    """A dependency-free stand-in for the path between the two mentions: where the trigger
    words stand with respect to them, whether each mention is the actor nearest the trigger,
    the word just before each mention, clause breaks and other actors between them."""
    s_start, s_end = cand["span"]
    first, second = cand["first"], cand["second"]
    f: dict[str, float] = {}
    found = [
        (m.start(), triggers[m.group().lower()])
        for m in _WORD.finditer(text, s_start, s_end)
        if m.group().lower() in triggers
    ]
    for offset, cls in found:
        where = (
            "before" if offset < first.start else "between" if offset < second.start else "after"
        )
        f[f"trig_{where}={cls}"] = 1.0
    between = [(o, c) for o, c in found if first.end <= o < second.start]
    if between:
        nearest = min(between, key=lambda oc: oc[0] - first.end)[0]
        others = [
            m
            for m in analysis.mentions
            if s_start <= m.start < s_end
            and m.type in ACTOR_TYPES
            and m.actor not in (first.actor, second.actor)
        ]
        if not any(first.end <= m.start < nearest for m in others):
            f["first_nearest_before_trigger"] = 1.0
        if not any(nearest < m.start < second.start for m in others):
            f["second_nearest_after_trigger"] = 1.0
    for name, m in (("first", first), ("second", second)):
        before = _WORD.findall(text[max(s_start, m.start - 25) : m.start])
        f[f"w_before_{name}={before[-1].lower() if before else '^'}"] = 1.0
        f[f"level_{name}={m.level}"] = 1.0
    gap = text[first.end : second.start]
    if _CLAUSE.search(gap):
        f["clause_break_between"] = 1.0
    f[f"commas_between={min(gap.count(','), 3)}"] = 1.0
    inside = sum(
        1
        for m in analysis.mentions
        if first.end <= m.start < second.start
        and m.type in ACTOR_TYPES
        and m.actor not in (first.actor, second.actor)
    )
    f[f"actors_between={min(inside, 3)}"] = 1.0
    if re.search(r"\bby\b", gap):
        f["by_between"] = 1.0
    types = f"{first.type}-{second.type}"
    for cls in {c for o, c in between}:
        f[f"trig_between={cls}&types={types}"] = 1.0
        # a list of targets or appointees after the trigger: "on A, B and C"
        last = max(o for o, c in between if c == cls)
        if gap[last - first.end :].count(",") >= 1 and not _CLAUSE.search(gap[last - first.end :]):
            f[f"list_after_trigger={cls}"] = 1.0
    sentence = text[s_start:s_end]
    if _REMOTE.search(sentence):
        f["remote_in_sentence"] = 1.0
        if any(c == "met" for _, c in found):
            f["remote_with_met_word"] = 1.0
    if _APPOINT.search(gap):
        f["appoint_between"] = 1.0
    elif _APPOINT.search(sentence):
        f["appoint_in_sentence"] = 1.0
    if _AS_ROLE.match(text[second.end : s_end]):
        f["as_role_after_second"] = 1.0
    return f


#: Words that make a meeting word a call ("video summit", "virtual talks").
_REMOTE = re.compile(r"(?i)\b(?:video|phone|telephone|virtual|videoconference|online)\b")
#: General verbs of appointment ("picks X as envoy").
_APPOINT = re.compile(
    r"(?i)\b(?:nam(?:ed|es|ing)|appoint(?:s|ed|ing)?|nominat(?:ed|es|ing)|pick(?:s|ed)|"
    r"tap(?:s|ped)|cho(?:se|oses|sen)|select(?:s|ed)|designat(?:ed|es)|entrust(?:s|ed))\b"
)
#: "..., a former banker, as special envoy": the role given to the second mention.
_AS_ROLE = re.compile(
    r"(?i)^[^.;]{0,120}?\bas\b[^.;,]{0,50}?\b(?:envoy|ambassador|representative|emissary)\b"
)


def _headline(sentence: str) -> bool:
    """A sentence without final punctuation is a headline (or a caption)."""
    return not sentence.rstrip().endswith((".", '"', "\u201d"))


def _datable(doc: Document, analysis: Any) -> tuple[list[Any], list[int]]:
    """The rules' timexes outside the dateline, and the offsets of the trigger words."""
    from benchmark.baselines.rules import DATELINE

    datelines = [m.span() for m in DATELINE.finditer(doc.text)]
    datable = [t for t in analysis.timexes if not any(s <= t.start < e for s, e in datelines)]
    triggers = _trigger_classes()
    offsets = [m.start() for m in _WORD.finditer(doc.text) if m.group().lower() in triggers]
    return datable, offsets


def prepare(doc: Document) -> dict[str, Any]:
    """What prediction sees of one document: its analysis, candidates and their features.

    Only the text and the publication date are used (never gold layers).
    """
    from benchmark.baselines.rules import _nearest_date, analyse, find_relations

    bare = _bare(doc)
    analysis = analyse(bare)
    cands = candidates(bare, analysis)
    # what the rules system says about each pair in each sentence: a feature, not the answer
    said: dict[tuple[int, str, str], str] = {}
    triggers: dict[tuple[int, str, str], int] = {}
    rules_relations = find_relations(bare, analysis, None)
    for r in rules_relations:
        trig = r.get("trigger")
        if trig is None:
            continue
        index = next((i for i, (s, e) in enumerate(analysis.sentences) if s <= trig[0] < e), None)
        if index is not None:
            said[(index, r["arg1"], r["arg2"])] = r["type"]
            triggers[(index, r["arg1"], r["arg2"])] = trig[0]
            r["sentence"] = index
    feats = []
    for c in cands:
        f = features(bare, analysis, c)
        a, b = c["first"].actor, c["second"].actor
        forward, backward = said.get((c["sentence"], a, b)), said.get((c["sentence"], b, a))
        if forward:
            f[f"rules={forward}" + (">" if forward not in ("phoned", "met") else "")] = 1.0
        if backward:
            f[f"rules={backward}" + ("<" if backward not in ("phoned", "met") else "")] = 1.0
        # the rules relate the pair elsewhere in the document (the event told again)
        for r in rules_relations:
            if {r["arg1"], r["arg2"]} == {a, b} and r.get("sentence") != c["sentence"]:
                f[f"rules_elsewhere={r['type']}"] = 1.0
        feats.append(f)
    pairs = {(c["sentence"], c["first"].actor, c["second"].actor) for c in cands}
    datable, trigger_offsets = _datable(bare, analysis)
    classes = _trigger_classes()
    trigger_classes: dict[int, set[str]] = {}
    for m in _WORD.finditer(bare.text):
        where = learned_dates.sentence_of(analysis.sentences, m.start())
        if where is not None and m.group().lower() in classes:
            trigger_classes.setdefault(where, set()).add(classes[m.group().lower()])
    actors_in: dict[int, set[str]] = {}
    for mention in analysis.mentions:
        where = learned_dates.sentence_of(analysis.sentences, mention.start)
        if where is not None:
            actors_in.setdefault(where, set()).add(mention.actor)
    contexts = []
    for c in cands:
        key = (c["sentence"], c["first"].actor, c["second"].actor)
        back = (c["sentence"], c["second"].actor, c["first"].actor)
        near = triggers.get(key) or triggers.get(back)
        if near is None:
            middle = (c["first"].end + c["second"].start) // 2
            inside = [p for p in trigger_offsets if c["span"][0] <= p < c["span"][1]]
            near = min(inside, key=lambda p: abs(p - middle)) if inside else c["first"].end
        s_start, s_end = c["span"]
        contexts.append(
            {
                "sentence": c["sentence"],
                "span": c["span"],
                "near": near,
                "triggers": trigger_offsets,
                "rules": _nearest_date(datable, s_start, s_end, near, bare.text),
                "headline": _headline(bare.text[s_start:s_end]),
                "pair": (c["first"].actor, c["second"].actor),
                "actors_in": actors_in,
                "trigger_classes": trigger_classes,
                "options": learned_dates.options(datable, analysis.sentences, c["sentence"]),
            }
        )
    return {
        "doc": bare,
        "analysis": analysis,
        "candidates": cands,
        "features": feats,
        "triggers": triggers,
        "date_contexts": contexts,
        # relations the rules find beyond the candidates (``the two leaders met``, a subject in
        # the sentence before): passed through as they are
        "beyond": [
            r
            for r in rules_relations
            if (r.get("sentence"), r["arg1"], r["arg2"]) not in pairs
            and (r.get("sentence"), r["arg2"], r["arg1"]) not in pairs
        ],
    }


def labels(doc: Document, prepared: dict[str, Any]) -> list[str]:
    """Gold labels of the prepared candidates of ``doc`` (training only).

    A predicted actor is mapped to the gold entity whose mentions its mentions overlap most; a
    candidate is labelled with a gold ``actual`` relation between the two entities whose
    evidence sentences overlap the candidate's sentence.
    """
    return [label for label, _ in gold_targets(doc, prepared)]


def gold_targets(doc: Document, prepared: dict[str, Any]) -> list[tuple[str, set[str | None]]]:
    """Per candidate: its gold label (see :func:`labels`) and the dates of the gold relations
    that give it that label (several when the pair met twice in the sentence; ``None`` for a
    relation the text does not date; empty for ``none``)."""
    to_gold = _align(doc, prepared["analysis"])
    spans = {s.index: (s.start, s.end) for s in doc.sentences}
    out: list[tuple[str, set[str | None]]] = []
    for cand in prepared["candidates"]:
        ga = to_gold.get(cand["first"].actor)
        gb = to_gold.get(cand["second"].actor)
        label = "none"
        dates: set[str | None] = set()
        s_start, s_end = cand["span"]
        for r in doc.relations:
            if r.realis != "actual" or ga is None or gb is None or {r.arg1, r.arg2} != {ga, gb}:
                continue
            if not any(
                spans[i][0] < s_end and s_start < spans[i][1] for i in r.evidence if i in spans
            ):
                continue
            this = (
                r.type if r.type in ("phoned", "met") else r.type + (">" if r.arg1 == ga else "<")
            )
            if label not in ("none", this):
                continue
            label = this
            dates.add(r.date)
        out.append((label, dates))
    return out


def date_examples(
    doc: Document, prepared: dict[str, Any]
) -> tuple[list[dict[str, float]], list[int]]:
    """Training pairs of the date attacher from the gold relations of ``doc``: one row per
    option ("no date" and each nearby timex) of each candidate that is a gold relation whose
    date is among its options, labelled 1 for the option that gives the gold date."""
    X: list[dict[str, float]] = []
    y: list[int] = []
    bare = prepared["doc"]
    for (label, dates), context in zip(
        gold_targets(doc, prepared), prepared["date_contexts"], strict=True
    ):
        if label == "none":
            continue
        opts = context["options"]
        values: list[str | None] = [None, *(v for _, v, _ in opts)]
        if not dates & set(values):
            continue  # the gold date is not among the options: nothing to learn from
        ctx = {**context, "type": label.rstrip("<>")}
        for option, value in zip([None, *opts], values, strict=True):
            X.append(learned_dates.option_features(bare.text, bare.published, ctx, option, opts))
            y.append(int(value in dates))
    return X, y


def _bare(doc: Document) -> Document:
    """The document without its gold layers: what the system may see at prediction time."""
    return Document(doc.id, doc.text, doc.published, doc.split)


def _align(doc: Document, analysis: Any) -> dict[str, str]:
    """Predicted actor -> gold entity, by the largest total overlap of their mentions."""
    overlap: dict[str, dict[str, int]] = {}
    for m in analysis.mentions:
        for g in doc.mentions:
            o = min(m.end, g.end) - max(m.start, g.start)
            if o > 0:
                row = overlap.setdefault(m.actor, {})
                row[g.entity] = row.get(g.entity, 0) + o
    return {a: max(row, key=lambda e: row[e]) for a, row in overlap.items()}


def training_hash(docs: list[Document]) -> str:
    """sha256 over the training documents' texts and gold relations (the model's provenance)."""
    h = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d.id):
        h.update(doc.id.encode())
        h.update(doc.text.encode())
        for r in sorted(doc.relations, key=lambda r: r.id):
            h.update(f"{r.type}|{r.arg1}|{r.arg2}|{r.date}|{r.realis}|{r.evidence}".encode())
    return h.hexdigest()


def fit(
    docs: list[Document],
    seed: int = 13,
    prepared: dict[str, dict[str, Any]] | None = None,
    **params: Any,
) -> dict[str, Any]:
    """Train on ``docs`` (``prepared``: their :func:`prepare` output, by id, to reuse).

    ``params`` override :data:`PARAMS` (``C``, ``balanced``, ``none_weight``, ``date_C``); the
    defaults are the shipped model's, so every caller (the training script, cross-validation,
    ``bench predict --split dev``) trains the same model."""
    import sklearn
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    unknown = set(params) - set(PARAMS)
    if unknown:
        raise TypeError(f"unknown hyper-parameters {sorted(unknown)}")
    hyper = {**PARAMS, **params}
    C, balanced = float(hyper["C"]), bool(hyper["balanced"])
    none_weight, date_C = float(hyper["none_weight"]), float(hyper["date_C"])
    keep_rules = bool(hyper["keep_rules"])

    prepared = prepared or {}
    X: list[dict[str, float]] = []
    y: list[str] = []
    date_X: list[dict[str, float]] = []
    date_y: list[int] = []
    for doc in docs:
        prep = prepared.get(doc.id) or prepare(doc)
        X.extend(prep["features"])
        y.extend(labels(doc, prep))
        dx, dy = date_examples(doc, prep)
        date_X.extend(dx)
        date_y.extend(dy)
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(X)
    clf = LogisticRegression(
        C=C,
        class_weight=_class_weights(y, balanced, none_weight),
        max_iter=2000,
        random_state=seed,
        solver="lbfgs",
    )
    clf.fit(matrix, y)
    classes = [str(c) for c in clf.classes_]
    coef = clf.coef_
    if len(classes) == 2:  # binary: one row of weights for classes[1]
        coef = [[-w for w in coef[0]], list(coef[0])]
        intercept = [-float(clf.intercept_[0]), float(clf.intercept_[0])]
    else:
        intercept = [float(b) for b in clf.intercept_]
    names = vectorizer.get_feature_names_out()
    weights = {
        c: {
            str(n): round(float(w), 3)
            for n, w in zip(names, row, strict=False)
            if abs(w) >= WEIGHT_FLOOR
        }
        for c, row in zip(classes, coef, strict=False)
    }
    return {
        "dates": _fit_dates(date_X, date_y, seed, date_C),
        "format_version": FORMAT_VERSION,
        "feature_version": FEATURE_VERSION,
        "sklearn_version": sklearn.__version__,
        "seed": seed,
        "C": C,
        "class_weight": "balanced" if balanced else None,
        "none_weight": none_weight,
        "keep_rules": keep_rules,
        "training_documents": sorted(d.id for d in docs),
        "training_data_sha256": training_hash(docs),
        "candidates": len(y),
        "label_counts": {c: y.count(c) for c in sorted(set(y))},
        "classes": classes,
        "intercept": {c: round(b, 3) for c, b in zip(classes, intercept, strict=False)},
        "weights": weights,
    }


def _class_weights(y: list[str], balanced: bool, none_weight: float) -> dict[str, float]:
    """Per-class sample weights: ``n / (k * count)`` when ``balanced`` (scikit-learn's rule),
    else 1; the ``none`` class's weight times ``none_weight``."""
    counts = {c: y.count(c) for c in sorted(set(y))}
    weights = {c: len(y) / (len(counts) * n) if balanced else 1.0 for c, n in counts.items()}
    if "none" in weights:
        weights["none"] *= none_weight
    return weights


def _fit_dates(X: list[dict[str, float]], y: list[int], seed: int, C: float) -> dict[str, Any]:
    """The date attacher's weights: a binary logistic regression over (relation, option)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:  # too little data to learn from: every option scores 0, "no date" wins
        return {"C": C, "examples": len(y), "positives": sum(y), "intercept": 0.0, "weights": {}}
    vectorizer = DictVectorizer(sort=True)
    clf = LogisticRegression(C=C, max_iter=2000, random_state=seed, solver="lbfgs")
    clf.fit(vectorizer.fit_transform(X), y)
    names = vectorizer.get_feature_names_out()
    return {
        "C": C,
        "examples": len(y),
        "positives": sum(y),
        "intercept": round(float(clf.intercept_[0]), 3),
        "weights": {
            str(n): round(float(w), 3)
            for n, w in zip(names, clf.coef_[0], strict=True)
            if abs(w) >= WEIGHT_FLOOR
        },
    }


def dumps(model: dict[str, Any]) -> str:
    """The model file's text (stable: sorted keys, one line per class of weights)."""
    return json.dumps(model, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def check_model(model: Any, where: str) -> dict[str, Any]:
    """The model if its format and feature versions are this code's; else :class:`ModelError`."""
    rebuild = "rebuild it with `python scripts/train_learned.py`"
    if not isinstance(model, dict) or not isinstance(model.get("weights"), dict):
        raise ModelError(f"{where}: not a learned-baseline model file; {rebuild}")
    if model.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{where}: model format {model.get('format_version')!r}, this code reads "
            f"{FORMAT_VERSION}; {rebuild}"
        )
    if model.get("feature_version") != FEATURE_VERSION:
        raise ModelError(
            f"{where}: model trained with feature version {model.get('feature_version')!r}, "
            f"this code extracts version {FEATURE_VERSION}; {rebuild}"
        )
    if not isinstance(model.get("keep_rules"), bool):
        raise ModelError(f"{where}: the model does not say whether it keeps the rules; {rebuild}")
    dates = model.get("dates")
    if not isinstance(dates, dict) or not isinstance(dates.get("weights"), dict):
        raise ModelError(f"{where}: the model has no date attacher; {rebuild}")
    unknown = set(model.get("classes", [])) - set(LABELS)
    if unknown:
        raise ModelError(f"{where}: unknown classes {sorted(unknown)}; {rebuild}")
    return model


@cache
def load_model(path: str | None = None) -> dict[str, Any]:
    """The shipped model (or the one at ``path``), checked by :func:`check_model`."""
    p = Path(path) if path else MODEL_PATH
    try:
        model = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(
            f"{p}: the learned model is missing; rebuild it with `python scripts/train_learned.py`"
        ) from exc
    except json.JSONDecodeError as exc:
        raise ModelError(f"{p}: damaged model file ({exc.msg} at line {exc.lineno})") from exc
    return check_model(model, str(p))


def classify(model: dict[str, Any], f: dict[str, float]) -> tuple[str, float]:
    """The most probable label of one candidate and its probability (softmax of the scores)."""
    scores = {
        c: model["intercept"][c] + sum(model["weights"][c].get(k, 0.0) * v for k, v in f.items())
        for c in model["classes"]
    }
    top = max(scores.values())
    total = sum(math.exp(s - top) for s in scores.values())
    label = max(model["classes"], key=lambda c: (scores[c], c))
    return label, math.exp(scores[label] - top) / total


def predict(
    doc: Document, model: dict[str, Any] | None = None, prepared: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One submission line for ``doc`` (mentions and timexes as ``rules`` finds them)."""
    from benchmark.baselines.rules import _merge

    model = model if model is not None else load_model()
    prepared = prepared or prepare(doc)
    bare, analysis = prepared["doc"], prepared["analysis"]
    dates = model["dates"]
    found: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
    for cand, f, context in zip(
        prepared["candidates"], prepared["features"], prepared["date_contexts"], strict=True
    ):
        label, _ = classify(model, f)
        if label == "none" and model["keep_rules"]:
            label = _rules_label(f) or label
        if label == "none":
            continue
        a, b = cand["first"].actor, cand["second"].actor
        rtype = label.rstrip("<>")
        if label.endswith("<"):
            a, b = b, a
        elif not label.endswith(">"):
            a, b = sorted((a, b))
        value = learned_dates.choose(
            dates["weights"],
            dates["intercept"],
            bare.text,
            bare.published,
            {**context, "type": rtype},
            context["options"],
        )
        found.setdefault((rtype, a, b, value), {"type": rtype, "arg1": a, "arg2": b, "date": value})
    for r in prepared["beyond"]:
        found.setdefault(
            (r["type"], r["arg1"], r["arg2"], r["date"]),
            {"type": r["type"], "arg1": r["arg1"], "arg2": r["arg2"], "date": r["date"]},
        )
    relations = _merge(learned_dates.most_specific(list(found.values())))
    return {
        "doc_id": doc.id,
        "mentions": [
            {"start": m.start, "end": m.end, "type": m.type, "entity": m.actor}
            for m in analysis.mentions
        ],
        "timexes": [
            {"start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in analysis.timexes
        ],
        "relations": [
            {
                "type": r["type"],
                "arg1": {"entity": r["arg1"]},
                "arg2": {"entity": r["arg2"]},
                "date": r["date"],
            }
            for r in relations
        ],
    }


def _rules_label(f: dict[str, float]) -> str | None:
    """The label the ``rules`` verdict features of a candidate give it (``rules=met``,
    ``rules=sanctioned<``), when they give one; None when they give none or two."""
    said = {k[len("rules=") :] for k in f if k.startswith("rules=")}
    return said.pop() if len(said) == 1 else None


def cross_validate(
    docs: list[Document],
    folds: int = 5,
    seed: int = 13,
    prepared: dict[str, dict[str, Any]] | None = None,
    fold_of: dict[str, int] | None = None,
    **params: Any,
) -> dict[str, dict[str, Any]]:
    """Out-of-fold predictions: each document predicted by a model trained on the other folds.

    Folds are by document: ``fold_of`` (document id -> fold, e.g. :func:`batch_assignment`),
    else a seeded shuffle of the sorted ids (:func:`fold_assignment`).
    """
    fold_of = fold_of or fold_assignment([d.id for d in docs], folds, seed)
    prepared = prepared or {d.id: prepare(d) for d in docs}
    out: dict[str, dict[str, Any]] = {}
    for k in sorted(set(fold_of.values())):
        train = [d for d in docs if fold_of[d.id] != k]
        held = [d for d in docs if fold_of[d.id] == k]
        if not held or not train:
            continue
        model = check_model(json.loads(dumps(fit(train, seed, prepared, **params))), f"fold {k}")
        for doc in held:
            out[doc.id] = predict(doc, model, prepared[doc.id])
    return out


def fold_assignment(ids: list[str], folds: int = 5, seed: int = 13) -> dict[str, int]:
    """Document id -> fold: a seeded shuffle of the sorted ids, dealt round-robin."""
    import random

    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return {doc_id: i % folds for i, doc_id in enumerate(order)}


def batch_assignment(ids: list[str], size: int = 14) -> dict[str, int]:
    """Document id -> batch: the sorted ids cut into contiguous runs of ``size`` (the last run
    takes the remainder when it is shorter than half a batch).

    The dev split was written in batches of 14 reports (``dev-001``..``dev-014``, ...), each by
    other writers at another time; holding out a whole batch mimics text nobody trained on
    better than a random fold, whose documents have siblings from the same batch in training.
    """
    if size < 1:
        raise ValueError("batch size must be at least 1")
    order = sorted(ids)
    full = len(order) // size
    rest = len(order) % size
    last = full if rest * 2 >= size or full == 0 else full - 1
    return {doc_id: min(i // size, last) for i, doc_id in enumerate(order)}
