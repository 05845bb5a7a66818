"""Baselines: valid submissions, honest behaviour on other names, the missing-model path."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from benchmark.baselines import OFFLINE_SYSTEMS, predict_documents, read_articles
from benchmark.errors import MissingModelError, UsageError
from benchmark.model import Document, load_documents
from benchmark.scoring import score
from benchmark.submission import read_submission
from tests.conftest import SEED_ID

ROOT = Path(__file__).resolve().parent.parent

# Same-length replacements keep every offset valid, so the gold can be carried over exactly.
SWAP = {
    "Nicolas": "Roberto",
    "Maduro": "Garcia",
    "Vladimir": "Anatolij",
    "Putin": "Olsen",
    "Alexander": "Frederick",
    "Lukashenko": "Kowalewski",
    "Donald": "Edward",
    "Trump": "Baker",
    "Jesus": "Mateo",
    "Rafael": "Andres",
    "Salazar": "Herrera",
    "Velazquez": "Fernandez",
    "John": "Mark",
    "Coale": "Perry",
    "Maria": "Elena",
    "Zakharova": "Petrovska",
}


def _swap(text: str) -> str:
    pattern = re.compile(r"\b(" + "|".join(SWAP) + r")\b")
    return pattern.sub(lambda m: SWAP[m.group()], text)


def _swapped(doc: Document) -> Document:
    text = _swap(doc.text)
    assert len(text) == len(doc.text)
    out = replace(doc, text=text)
    out.entities = [
        replace(e, name=_swap(e.name), aliases=tuple(_swap(a) for a in e.aliases))
        for e in doc.entities
    ]
    out.mentions = [replace(m, text=text[m.start : m.end]) for m in doc.mentions]
    return out


def _relation_f1(system: str, doc: Document, tmp_path: Path) -> float:
    lines = predict_documents(system, [doc], gold={doc.id: doc})
    path = tmp_path / f"{system}.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    report = score([doc], read_submission(path, [doc]), n_boot=0)
    return float(report["relations"]["timed"]["f1"])


@pytest.mark.parametrize("system", OFFLINE_SYSTEMS)
def test_every_system_writes_a_valid_submission(system: str, tmp_path: Path) -> None:
    """Each baseline's output passes the submission reader on the test split (every document)."""
    docs = load_documents()
    lines = predict_documents(system, docs, gold={d.id: d for d in docs})
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert [d.id for d in docs] == list(read_submission(path, docs).documents)


def test_rules_is_not_tuned_to_the_names_of_the_article(tmp_path: Path) -> None:
    """With every person of the seed renamed, the rules system's relation F1 moves by at most
    10 points."""
    doc = next(d for d in load_documents() if d.id == SEED_ID)
    swapped = _swapped(doc)
    assert "Maduro" not in swapped.text and "Garcia" in swapped.text
    original = _relation_f1("rules", doc, tmp_path)
    renamed = _relation_f1("rules", swapped, tmp_path)
    assert original > 0.2
    assert abs(original - renamed) <= 0.10


def test_rules_finds_a_call_in_a_new_article(tmp_path: Path) -> None:
    """On a made-up article the rules system finds who phoned whom and the weekday's date."""
    text = (
        "Ms Ana Costa spoke by phone with President Tomas Berg on Tuesday, officials said. "
        "Ms Costa did not meet Mr Berg."
    )
    doc = Document("new", text, "2026-03-06", "test")  # a Friday: Tuesday is 2026-03-03
    [line] = predict_documents("rules", [doc])
    names: dict[str, str] = {}
    for m in line["mentions"]:
        names.setdefault(m["entity"], text[m["start"] : m["end"]])  # first mention of a cluster
    found = {
        (r["type"], names[r["arg1"]["entity"]], names[r["arg2"]["entity"]], r["date"])
        for r in line["relations"]
    }
    assert {("phoned", "Ana Costa", "Tomas Berg", "2026-03-03")} == found


def test_oracle_needs_gold_and_unknown_system_is_refused() -> None:
    """The oracle refuses articles without gold; an unknown system name is a usage error."""
    doc = Document("x", "Mr A met Mr B.", "2025-01-01", "test")
    with pytest.raises(UsageError, match="no gold"):
        predict_documents("oracle-mentions", [doc], gold={})
    with pytest.raises(UsageError, match="unknown system"):
        predict_documents("bert", [doc])


def test_missing_spacy_model_says_how_to_install_it() -> None:
    """--model with a pipeline that is not installed raises with the download command."""
    doc = Document("x", "Mr A met Mr B.", "2025-01-01", "test")
    with pytest.raises(MissingModelError, match="python -m spacy download en_core_web_sm"):
        predict_documents("rules", [doc], model="en_core_web_sm")


def test_predict_cli_missing_model_exits_2(tmp_path: Path) -> None:
    """`bench predict --model` of a missing pipeline exits 2 with the hint and no traceback."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmark",
            "predict",
            "--system",
            "rules",
            "--model",
            "en_core_web_sm",
            "--out",
            str(tmp_path / "p.jsonl"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 2 == run.returncode
    assert "python -m spacy download en_core_web_sm" in run.stderr
    assert "Traceback" not in run.stderr


def test_predict_over_a_folder_of_texts(tmp_path: Path) -> None:
    """--docs FOLDER --published DATE runs over .txt files and writes one line per file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Mr Ali Khan met Ms Sara Lee on Monday.", encoding="utf-8")
    (folder / "b.txt").write_text("Nothing happened.", encoding="utf-8")
    out = tmp_path / "p.jsonl"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmark",
            "predict",
            "--system",
            "rules",
            "--docs",
            str(folder),
            "--published",
            "2026-01-09",
            "--out",
            str(out),
            "--n-process",
            "2",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == run.returncode, run.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert ["a", "b"] == [x["doc_id"] for x in lines]
    assert [("met", "2026-01-05")] == [(r["type"], r["date"]) for r in lines[0]["relations"]]


def test_articles_jsonl_errors_are_located(tmp_path: Path) -> None:
    """A JSONL of articles with a bad date names the line and the field."""
    path = tmp_path / "a.jsonl"
    path.write_text('{"doc_id": "a", "text": "x", "published": "12/12/2025"}\n', "utf-8")
    with pytest.raises(UsageError, match=r"a.jsonl:1: published: '12/12/2025' is not an ISO date"):
        read_articles(path)


def test_committed_baseline_predictions_are_current() -> None:
    """scripts/check_baselines.py finds every committed prediction file up to date."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_baselines.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == run.returncode, run.stdout + run.stderr


def test_dependency_matcher_takes_subject_and_object_from_a_parse() -> None:
    """With a parse (here written by hand, as a parser would), the arguments are the trigger's
    subject and object, even when the nearest-actor rule would pick other people."""
    import spacy
    from spacy.tokens import Doc as SpacyDoc

    from benchmark.baselines.rules import analyse, dependency_arguments, find_relations

    words = ["Mr", "Li", "said", "Ms", "Ana", "Costa", "met", "Mr", "Tomas", "Berg", "."]
    spaces = [True] * 9 + [False, False]
    heads = [1, 2, 2, 5, 5, 6, 2, 9, 9, 6, 2]
    deps = [
        "compound",
        "nsubj",
        "ROOT",
        "compound",
        "compound",
        "nsubj",
        "ccomp",
        "compound",
        "compound",
        "dobj",
        "punct",
    ]
    parsed = SpacyDoc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    assert {6: (5, 9)} == dependency_arguments(parsed)

    doc = Document("p", parsed.text, "2026-01-09", "test")
    analysis = analyse(doc)
    analysis.spacy_doc = parsed
    names = {m.actor: doc.text[m.start : m.end] for m in reversed(analysis.mentions)}
    found = {
        (r["type"], names[r["arg1"]], names[r["arg2"]]) for r in find_relations(doc, analysis, None)
    }
    assert {("met", "Ana Costa", "Tomas Berg")} == found


def _relations_of(text: str, published: str, system: str = "rules") -> set[tuple[Any, ...]]:
    """(type, arg1 text, arg2 text, date) of a made-up article, args named by their longest
    mention."""
    doc = Document("new", text, published, "test")
    [line] = predict_documents(system, [doc])
    names: dict[str, str] = {}
    for m in line["mentions"]:
        surface = text[m["start"] : m["end"]]
        if len(surface) > len(names.get(m["entity"], "")):
            names[m["entity"]] = surface
    return {
        (r["type"], names[r["arg1"]["entity"]], names[r["arg2"]["entity"]], r["date"])
        for r in line["relations"]
    }


def test_rules_date_a_call_of_last_week_on_thursday_by_hand() -> None:
    """ "Last week ... on Thursday" in a report of Saturday 2025-10-25 (ISO week 43) is the
    Thursday of week 42, 2025-10-16, counted by hand; "on Friday" is the day before the DCT."""
    text = (
        "Last week, Prime Minister Ana Ruiz spoke by phone on Thursday with President Paul Marek. "
        "President Paul Marek met Mr Olaf Brandt on Friday in Vienna."
    )
    found = _relations_of(text, "2025-10-25")
    assert {
        ("phoned", "Ana Ruiz", "Paul Marek", "2025-10-16"),
        ("met", "Olaf Brandt", "Paul Marek", "2025-10-24"),
    } == {
        (t, *sorted((a, b)), d) if t in ("phoned", "met") else (t, a, b, d) for t, a, b, d in found
    }


def test_rules_date_an_event_the_following_day_by_hand() -> None:
    """ "The following day" takes the day after the date told before it (June 12 -> June 13)."""
    text = (
        "Mr Ivo Dal met Mr Remo Ott on June 12 in Oslo. "
        "The following day, Mr Ivo Dal spoke by phone with Ms Lea Finn."
    )
    found = _relations_of(text, "2025-06-20")
    assert ("phoned", "Ivo Dal", "Lea Finn", "2025-06-13") in found
    assert ("met", "Ivo Dal", "Remo Ott", "2025-06-12") in found


def test_rules_do_not_emit_negated_planned_or_cancelled_events() -> None:
    """A meeting that did not happen, one that will happen, one that was cancelled and one that
    is hypothetical are not emitted; the actual call is."""
    text = (
        "Mr Ivo Dal did not meet Mr Remo Ott on Monday. "
        "Mr Ivo Dal will meet Ms Lea Finn next week. "
        "A planned meeting between Ms Lea Finn and Mr Remo Ott was cancelled. "
        "Ms Lea Finn said she would meet Mr Remo Ott if he apologised. "
        "Mr Remo Ott spoke by phone with Ms Lea Finn on Tuesday."
    )
    found = _relations_of(text, "2025-06-20")
    assert {("phoned", "Remo Ott", "Lea Finn", "2025-06-17")} == found


def test_rules_find_an_organisation_sanctioning_a_list_of_targets() -> None:
    """ "The European Union on Friday imposed sanctions on A and B" gives one directed relation
    per target, dated to the Friday before the DCT (2025-10-24)."""
    text = "The European Union on Friday imposed sanctions on Mr Karl Vost and Ms Dina Rell."
    found = _relations_of(text, "2025-10-25")
    assert {
        ("sanctioned", "European Union", "Karl Vost", "2025-10-24"),
        ("sanctioned", "European Union", "Dina Rell", "2025-10-24"),
    } == found


def test_preannotation_spans_are_clean() -> None:
    """No surname duplicated inside a full name, no leading "The" in an organisation, no city
    inside an organisation's name tagged as a state, no expletive "it"."""
    text = (
        "President Paul Marek met Mr Olaf Brandt. Marek said it was time to talk. "
        "The Treasury Department fined a broker on the Moscow Stock Exchange."
    )
    doc = Document("new", text, "2025-10-25", "test")
    [line] = predict_documents("rules", [doc])
    spans = {(text[m["start"] : m["end"]], m["start"]) for m in line["mentions"]}
    surfaces = [s for s, _ in spans]
    assert ("Paul Marek", text.index("Paul Marek")) in spans
    assert ("Marek", text.index("Paul Marek") + 5) not in spans  # not inside the full name
    assert ("Marek", text.index("Marek said")) in spans  # the later bare surname is a mention
    assert "Treasury Department" in surfaces and "The Treasury Department" not in surfaces
    assert "Moscow" not in surfaces
    assert "it" not in surfaces


def test_learned_model_loads_and_predicts_deterministically() -> None:
    """The shipped model loads, and two runs over a made-up article give the same line."""
    from benchmark.baselines import learned

    model = learned.load_model()
    assert model["feature_version"] == learned.FEATURE_VERSION
    assert set(model["classes"]) <= set(learned.LABELS)
    doc = Document(
        "new",
        "President Paul Marek spoke by phone with Prime Minister Ana Ruiz on Tuesday.",
        "2025-10-25",
        "test",
    )
    first = predict_documents("learned", [doc])
    assert first == predict_documents("learned", [doc])
    assert first[0]["doc_id"] == "new"


def test_learned_model_of_another_feature_version_is_refused(tmp_path: Path) -> None:
    """A model file made for other features, or damaged, fails with a message that says how to
    rebuild it, never with a KeyError."""
    from benchmark.baselines import learned

    shipped = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({**shipped, "feature_version": -1}), encoding="utf-8")
    with pytest.raises(learned.ModelError, match=r"feature version -1.*train_learned\.py"):
        learned.load_model(str(stale))
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(learned.ModelError, match="damaged model file"):
        learned.load_model(str(broken))


def test_learned_scores_are_a_softmax_of_the_weights() -> None:
    """classify() computes the softmax of intercept + weights·features, checked against
    numbers worked out by hand for a two-class model."""
    import math

    from benchmark.baselines import learned

    model = {
        "classes": ["none", "met"],
        "intercept": {"none": 0.5, "met": -0.5},
        "weights": {"none": {"a": -1.0}, "met": {"a": 1.0, "b": 2.0}},
    }
    label, p = learned.classify(model, {"a": 1.0, "b": 0.5})
    # none: 0.5 - 1 = -0.5; met: -0.5 + 1 + 1 = 1.5; p(met) = 1 / (1 + e^-2)
    assert "met" == label
    assert abs(p - 1 / (1 + math.exp(-2.0))) < 1e-12


def _empty_model() -> dict[str, Any]:
    """A model file that predicts nothing (a stand-in for a trained one)."""
    from benchmark.baselines import learned

    return {
        "format_version": learned.FORMAT_VERSION,
        "feature_version": learned.FEATURE_VERSION,
        "classes": ["none"],
        "intercept": {"none": 0.0},
        "weights": {"none": {}},
        "keep_rules": False,
        "dates": {"intercept": 0.0, "weights": {}},
    }


def test_learned_out_of_fold_never_predicts_a_training_document(monkeypatch: Any) -> None:
    """In cross-validation each document is predicted by a model whose training set lacks it,
    and every document is predicted exactly once."""
    from benchmark.baselines import learned

    docs = load_documents(split="dev")[:6]
    trained_on: list[set[str]] = []
    predicted: list[tuple[str, int]] = []

    def fake_fit(train: list[Document], *args: Any, **kwargs: Any) -> dict[str, Any]:
        trained_on.append({d.id for d in train})
        return _empty_model()

    def fake_predict(doc: Document, model: Any, prepared: Any = None) -> dict[str, Any]:
        predicted.append((doc.id, len(trained_on) - 1))
        return {"doc_id": doc.id}

    monkeypatch.setattr(learned, "fit", fake_fit)
    monkeypatch.setattr(learned, "predict", fake_predict)
    monkeypatch.setattr(learned, "prepare", lambda d: {})
    out = learned.cross_validate(docs, folds=3)
    assert sorted(d.id for d in docs) == sorted(out)
    assert sorted(d.id for d in docs) == sorted(doc_id for doc_id, _ in predicted)
    for doc_id, fold in predicted:
        assert doc_id not in trained_on[fold]


def test_learned_batches_are_contiguous_runs_of_the_sorted_ids() -> None:
    """batch_assignment cuts the sorted ids into runs of ``size``; a remainder of at least half
    a batch is a batch of its own, a smaller one joins the last full batch."""
    from benchmark.baselines import learned

    ids = [f"dev-{i:03d}" for i in range(7, 0, -1)]  # unsorted on purpose
    assert learned.batch_assignment(ids, 3) == {
        **{"dev-001": 0, "dev-002": 0, "dev-003": 0},
        **{"dev-004": 1, "dev-005": 1, "dev-006": 1, "dev-007": 1},  # 1 left over: joins
    }
    eight = learned.batch_assignment([f"d{i}" for i in range(8)], 3)
    assert [eight[f"d{i}"] for i in range(8)] == [0, 0, 0, 1, 1, 1, 2, 2]  # 2 of 3: own batch
    assert {"a": 0, "b": 0} == learned.batch_assignment(["b", "a"], 3)  # fewer than one batch
    with pytest.raises(ValueError):
        learned.batch_assignment(["a"], 0)


def test_learned_batch_cv_holds_out_whole_batches(monkeypatch: Any) -> None:
    """Cross-validation over a batch assignment trains each model on every batch but one and
    predicts exactly the documents of that batch with it."""
    from benchmark.baselines import learned

    docs = load_documents(split="dev")[:5]
    batch_of = learned.batch_assignment([d.id for d in docs], 3)  # 3, then 2 documents
    trained_on: list[set[str]] = []
    predicted: dict[str, int] = {}

    def fake_fit(train: list[Document], *args: Any, **kwargs: Any) -> dict[str, Any]:
        trained_on.append({d.id for d in train})
        return _empty_model()

    def fake_predict(doc: Document, model: Any, prepared: Any = None) -> dict[str, Any]:
        predicted[doc.id] = len(trained_on) - 1
        return {"doc_id": doc.id}

    monkeypatch.setattr(learned, "fit", fake_fit)
    monkeypatch.setattr(learned, "predict", fake_predict)
    out = learned.cross_validate(docs, prepared={d.id: {} for d in docs}, fold_of=batch_of)
    ids = sorted(d.id for d in docs)
    assert ids == sorted(out)
    assert [set(ids[3:]), set(ids[:3])] == trained_on
    assert {ids[0]: 0, ids[1]: 0, ids[2]: 0, ids[3]: 1, ids[4]: 1} == predicted


def test_learned_keeps_the_rules_verdict_the_classifier_overrules() -> None:
    """With ``keep_rules`` a candidate pair the rules relate in its sentence keeps the rules'
    relation when the classifier says ``none``; without it the classifier's ``none`` wins."""
    from benchmark.baselines import learned

    doc = Document(
        "new",
        "President Paul Marek met Prime Minister Ana Ruiz in Rome on Tuesday.",
        "2025-10-25",
        "test",
    )
    prepared = learned.prepare(doc)
    assert [] == prepared["beyond"]  # the rules' meeting is a candidate's, not passed through
    said = [f for f in prepared["features"] if "rules=met" in f]
    assert 1 == len(said)
    model = {
        "classes": ["none", "met"],
        "intercept": {"none": 5.0, "met": 0.0},  # the classifier always says none
        "weights": {"none": {}, "met": {}},
        "dates": {"intercept": 0.0, "weights": {}},
    }
    kept = learned.predict(doc, {**model, "keep_rules": True}, prepared)["relations"]
    assert [("met", None)] == [(r["type"], r["date"]) for r in kept]
    names = {a: doc.text[m.start : m.end] for m in prepared["analysis"].mentions for a in [m.actor]}
    assert {"Paul Marek", "Ana Ruiz"} == {
        names[kept[0]["arg1"]["entity"]],
        names[kept[0]["arg2"]["entity"]],
    }
    assert [] == learned.predict(doc, {**model, "keep_rules": False}, prepared)["relations"]
    assert learned._rules_label({"rules=met": 1.0, "bias": 1.0}) == "met"
    assert learned._rules_label({"rules=sanctioned>": 1.0, "rules=met": 1.0}) is None


@pytest.mark.slow
def test_shipped_learned_model_matches_the_training_script() -> None:
    """scripts/train_learned.py --check retrains on dev and finds the shipped file identical."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_learned.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == run.returncode, run.stdout + run.stderr


def test_rules_find_envoys_in_both_voices() -> None:
    """ "A named B as envoy" and "B was named ambassador by A" both give named_envoy(A, B),
    dated to the weekday before the DCT (Saturday 2025-10-25: Monday is 2025-10-20, Friday
    2025-10-24), and "envoy to Syria on Monday" is not read as a coming Monday."""
    first = _relations_of(
        "The United Nations appointed Karl Vost as special envoy to Syria on Monday.",
        "2025-10-25",
    )
    assert {("named_envoy", "United Nations", "Karl Vost", "2025-10-20")} == first
    second = _relations_of(
        "Ms Dina Rell was named ambassador to France by President Paul Marek on Friday.",
        "2025-10-25",
    )
    assert {("named_envoy", "Paul Marek", "Dina Rell", "2025-10-24")} == second


def test_rules_find_a_company_as_sanction_target() -> None:
    """A company named by a corporate word ("Borex Group") is an organisation and a target."""
    found = _relations_of("Germany imposed sanctions on Borex Group on Monday.", "2025-10-25")
    assert {("sanctioned", "Germany", "Borex Group", "2025-10-20")} == found


def test_rules_relate_everyone_at_a_summit_hosted_by_others() -> None:
    """ "A and B met at a summit hosted by C": the three met pairwise (three symmetric pairs,
    counted by hand), all dated Monday 2025-10-20 for a report of Saturday 2025-10-25."""
    found = _relations_of(
        "President Paul Marek and Prime Minister Ana Ruiz met on Monday at a summit in Vienna "
        "hosted by Chancellor Olaf Brandt.",
        "2025-10-25",
    )
    pairs = {(t, frozenset((a, b)), d) for t, a, b, d in found}
    monday = "2025-10-20"
    assert {
        ("met", frozenset(("Paul Marek", "Ana Ruiz")), monday),
        ("met", frozenset(("Paul Marek", "Olaf Brandt")), monday),
        ("met", frozenset(("Ana Ruiz", "Olaf Brandt")), monday),
    } == pairs


def test_rules_find_an_envoy_for_a_region_named_by_a_bare_surname() -> None:
    """A bare surname before "has appointed" is a person, a title run ("Secretary-General")
    is not part of a name, and an envoy for a region is named by its appointer."""
    found = _relations_of(
        "Mr Paul Marek met aides on Monday. Marek has appointed veteran diplomat Rob Tallis as "
        "special envoy for the Sahel. Secretary-General Anna Berg appointed Martin Gruff as her "
        "special envoy for Yemen on Tuesday.",
        "2025-10-25",
    )
    assert ("named_envoy", "Paul Marek", "Rob Tallis", None) in found
    assert ("named_envoy", "Anna Berg", "Martin Gruff", "2025-10-21") in found


def test_rules_read_other_wire_phrasings() -> None:
    """ "spoke to X by phone" is a call ("spoke to reporters" is not), "sat down with" a
    meeting, "was sanctioned by" and "added A and B to its sanctions list" are sanctions with
    the agent as arg1; Monday of the week of Saturday 2025-10-25 is 2025-10-20."""
    monday = "2025-10-20"
    assert {("phoned", "Paul Marek", "Ana Ruiz", monday)} == _relations_of(
        "President Paul Marek spoke to Prime Minister Ana Ruiz by phone on Monday.", "2025-10-25"
    )
    assert set() == _relations_of(
        "President Paul Marek spoke to reporters with Prime Minister Ana Ruiz on Monday.",
        "2025-10-25",
    )
    assert {("met", "Paul Marek", "Ana Ruiz", monday)} == _relations_of(
        "President Paul Marek sat down with Prime Minister Ana Ruiz on Monday.", "2025-10-25"
    )
    assert {("sanctioned", "European Union", "Borex Group", monday)} == _relations_of(
        "Borex Group was sanctioned by the European Union on Monday.", "2025-10-25"
    )
    assert {
        ("sanctioned", "Treasury", "Borex Group", monday),
        ("sanctioned", "Treasury", "Karl Vost", monday),
    } == _relations_of(
        "The Treasury on Monday added Borex Group and Mr Karl Vost to its sanctions list.",
        "2025-10-25",
    )


def test_predict_shows_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """`bench predict` over 25 documents with stderr captured (not a terminal) writes no
    progress bar there, as `bench score` does: only the line that says what it wrote."""
    from tests.conftest import run_bench

    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(25):
        (folder / f"a{i:02d}.txt").write_text(f"Mr Ali Khan met Ms Sara Lee {i}.", "utf-8")
    out = tmp_path / "p.jsonl"
    run = run_bench(
        "predict", "--system", "cooccurrence", "--docs", str(folder),
        "--published", "2026-01-09", "--out", str(out),
    )  # fmt: skip
    assert 0 == run.returncode, run.stderr
    assert 25 == len(out.read_text(encoding="utf-8").splitlines())
    assert [f"wrote 25 document(s) to {out}"] == run.stderr.splitlines()


def test_predict_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """With stderr on a terminal (a pseudo-terminal here), `bench predict` over 25 documents
    draws a progress bar there (it is cleared at the end)."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(25):
        (folder / f"a{i:02d}.txt").write_text(f"Mr Ali Khan met Ms Sara Lee {i}.", "utf-8")
    primary, secondary = pty.openpty()
    # 24 rows, 80 columns: a terminal of width 0 gets no bar drawn at all
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    run = subprocess.Popen(
        [sys.executable, "-m", "benchmark", "predict", "--system", "cooccurrence",
         "--docs", str(folder), "--published", "2026-01-09", "--out", str(tmp_path / "p.jsonl")],
        stdout=subprocess.DEVNULL, stderr=secondary,
    )  # fmt: skip
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closed: the process has exited
            break
        if not chunk:
            break
        seen += chunk
    assert 0 == run.wait(timeout=120)
    os.close(primary)
    assert b"/25 [" in seen  # the bar's count, e.g. "0/25 [00:00<?, ?doc/s]"
