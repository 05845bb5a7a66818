"""Baselines: valid submissions, honest behaviour on other names, the missing-model path."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

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
