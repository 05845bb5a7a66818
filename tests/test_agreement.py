"""`bench agreement`: every figure against a hand computation on a small pair of passes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark.agreement import agreement, b_cubed, ceaf_e, muc
from benchmark.model import Document, Entity, Mention, Relation, Sentence, Span, Timex

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Anna Bob Carl Dora Emil Finn Gus met on Jan 2."
SPANS = [(0, 4), (5, 8), (9, 13), (14, 18), (19, 23), (24, 28), (29, 32)]


def _doc(
    clusters: dict[str, list[int]], relations: list[tuple[str, str, str]], timex_value: str
) -> Document:
    doc = Document("d", TEXT, "2025-01-03", "test")
    doc.sentences = [Sentence(0, 0, len(TEXT))]
    for eid, members in clusters.items():
        doc.entities.append(Entity(eid, eid, "PER"))
        for i in members:
            s, e = SPANS[i]
            doc.mentions.append(Mention(f"m{i}", eid, s, e, TEXT[s:e], "PER", "NAM"))
    doc.timexes = [Timex("t1", 40, 45, "Jan 2", "DATE", timex_value)]
    doc.relations = [
        Relation(f"r{i}", t, a, b, None, None, Span(33, 36, "met"), (0,), "actual")
        for i, (t, a, b) in enumerate(relations)
    ]
    return doc


@pytest.fixture
def passes() -> tuple[Document, Document]:
    # A: e1 = {0, 1, 2}, e2 = {3, 4}, e3 = {5}.   B: f1 = {0, 1}, f2 = {2, 3, 4}, f3 = {5}, f4 = {6}
    a = _doc({"e1": [0, 1, 2], "e2": [3, 4], "e3": [5]}, [("met", "e1", "e2")], "2025-01-02")
    b = _doc(
        {"f1": [0, 1], "f2": [2, 3, 4], "f3": [5], "f4": [6]},
        [("met", "f1", "f2"), ("phoned", "f2", "f3")],
        "2025-01-03",
    )
    return a, b


def test_coreference_metrics_by_hand(passes: tuple[Document, Document]) -> None:
    """On the six shared mentions: MUC 2/3 (R = P = 2/3); B³ 11/15; CEAF-e 0.8.

    MUC recall: e1 splits in 2 parts (3-2=1), e2 in 1 (2-1=1), e3 adds 0 -> 2/3; precision
    likewise 2/3. B³: per-mention P = (1, 1, 1/3, 2/3, 2/3, 1), R = (2/3, 2/3, 1/3, 1, 1, 1),
    both averaging (14/3) / 6 = 7/9. CEAF-e: φ4(e1,f1) = 0.8,
    φ4(e2,f2) = 0.8, φ4(e3,f3) = 1 -> 2.6 / 3 for both P and R.
    """
    a, b = passes
    report = agreement([a], [b])["overall"]["coreference"]
    assert round(2 / 3, 6) == report["muc"]
    assert round(7 / 9, 6) == report["b_cubed"]
    assert round(2.6 / 3, 6) == report["ceaf_e"]


def test_coreference_functions_on_the_textbook_case() -> None:
    """Key {1,2,3},{4,5} vs response {1,2},{3,4,5}: MUC 2/3, B³ 11/15, CEAF-e 0.8."""
    key = [frozenset({(1, 1), (2, 2), (3, 3)}), frozenset({(4, 4), (5, 5)})]
    response = [frozenset({(1, 1), (2, 2)}), frozenset({(3, 3), (4, 4), (5, 5)})]
    assert pytest.approx((2 / 3, 2 / 3, 2 / 3)) == muc(key, response)
    assert pytest.approx((11 / 15, 11 / 15, 11 / 15)) == b_cubed(key, response)
    assert pytest.approx((0.8, 0.8, 0.8)) == ceaf_e(key, response)


def test_span_relation_and_kappa_figures_by_hand(passes: tuple[Document, Document]) -> None:
    """Mentions 6 shared + 1 extra in B: strict F1 12/13. Timex span agreed, value not.
    Relations: A {met(e1,e2)}, B mapped {met(e1,e2), phoned(e2,e3)}: F1 2/3.
    Kappa over pairs (e1,e2), (e1,e3), (e2,e3): A [met, none, none], B [met, none, phoned]:
    po = 2/3, pe = 1/3*1/3 + 2/3*1/3 = 1/3, kappa = (2/3 - 1/3) / (2/3) = 0.5."""
    a, b = passes
    report = agreement([a], [b])
    overall = report["overall"]
    assert round(12 / 13, 6) == overall["mentions"]["strict"]["f1"]
    assert round(12 / 13, 6) == overall["mentions"]["relaxed"]["f1"]
    assert 1.0 == overall["timexes"]["strict"]["f1"]
    assert 0.0 == overall["timexes"]["value_agreement"]
    assert round(2 / 3, 6) == overall["relations"]["actual"]["untimed"]["f1"]
    assert 0.5 == overall["kappa"]["value"]
    assert overall == {k: v for k, v in report["per_document"]["d"].items()}


def test_kappa_is_null_when_only_one_label_is_used() -> None:
    """Two passes without any relation have one label ("none"): kappa is undefined."""
    a = _doc({"e1": [0], "e2": [1]}, [], "2025-01-02")
    report = agreement([a], [a])
    assert (None, "undefined: both passes use a single label") == (
        report["overall"]["kappa"]["value"],
        report["overall"]["kappa"]["reason"],
    )


def test_cli_compares_two_folders(tmp_path: Path) -> None:
    """`bench agreement A B --format json` on the gold against itself gives 1.0 everywhere."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "annotations" / "test", tmp_path / "annotations" / "test")
    other = tmp_path / "other"
    shutil.copytree(tmp_path / "annotations" / "test", other)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmark",
            "agreement",
            str(tmp_path / "annotations" / "test"),
            str(other),
            "--root",
            str(tmp_path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == run.returncode, run.stderr
    summary = json.loads(run.stdout)["summary"]
    assert {1.0} == set(summary.values())


AGREEMENT = ROOT / "annotations" / "agreement"


def _records(path: Path, kind: str) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if r["record"] == kind]


STUDIES = sorted(p.parent for p in AGREEMENT.glob("**/agreement.json"))


@pytest.mark.parametrize(
    "study", STUDIES, ids=lambda p: p.relative_to(AGREEMENT).as_posix() or "seed"
)
def test_stored_agreement_figures_are_those_of_the_two_passes(study: Path) -> None:
    """Every study's agreement.json (quoted in the guidelines and the card) is recomputed from
    its pass1 and pass2 folders."""
    from benchmark.agreement import load_annotation_folder

    stored = json.loads((study / "agreement.json").read_text(encoding="utf-8"))
    recomputed = agreement(
        load_annotation_folder(study / "pass1", ROOT),
        load_annotation_folder(study / "pass2", ROOT),
    )
    assert stored["summary"] == recomputed["summary"]


def test_the_dev_study_covers_at_least_ten_documents_of_the_dev_split() -> None:
    """Issue 14's agreement study: both passes of at least ten dev documents."""
    names = [{p.stem for p in (AGREEMENT / "dev" / k).glob("*.jsonl")} for k in ("pass1", "pass2")]
    dev = {p.stem for p in (ROOT / "annotations" / "dev").glob("*.jsonl")}
    assert names[0] == names[1] and len(names[0]) >= 10 and names[0] <= dev


def test_seed_timex_and_mention_agreement_by_plain_set_counts() -> None:
    """The seed's timex and mention span F1 counted independently from the raw pass files."""
    name = "000_8dbbdfc2a546922b.jsonl"
    a, b = AGREEMENT / "pass1" / name, AGREEMENT / "pass2" / name
    spans = {
        k: [{(r["start"], r["end"]) for r in _records(p, k)} for p in (a, b)]
        for k in ("timex", "mention")
    }
    stored = json.loads((AGREEMENT / "agreement.json").read_text(encoding="utf-8"))["summary"]
    for kind, label in (("timex", "timex span F1 (strict)"), ("mention", "mention F1 (strict)")):
        one, two = spans[kind]
        expected = round(2 * len(one & two) / (len(one) + len(two)), 6)
        assert expected == stored[label]


def test_adjudicated_gold_keeps_the_agreed_actual_relations() -> None:
    """Adjudication kept the six actual relations on which both passes agree, dates included."""

    def actual(path: Path) -> set[tuple[object, ...]]:
        names = {e["id"]: e["name"] for e in _records(path, "entity")}
        return {
            (r["type"], frozenset({names[r["arg1"]], names[r["arg2"]]}), r["date"])
            for r in _records(path, "relation")
            if r["realis"] == "actual"
        }

    name = "000_8dbbdfc2a546922b.jsonl"
    gold = actual(ROOT / "annotations" / "test" / name)
    assert 6 == len(gold)
    assert gold == actual(AGREEMENT / "pass1" / name) == actual(AGREEMENT / "pass2" / name)


def test_muc_is_null_for_a_document_without_links_and_left_out_of_the_average() -> None:
    """Two passes of all-singleton clusters: MUC is undefined (null), B3 and CEAF-e are 1.0."""
    singletons = _doc({"a": [0], "b": [1]}, [], "2025-01-02")
    linked = _doc({"a": [0, 1], "b": [2]}, [], "2025-01-02")
    linked.id = "e"
    report = agreement([singletons, linked], [singletons, linked])
    assert (None, 1.0, 1.0) == tuple(
        report["per_document"]["d"]["coreference"][k] for k in ("muc", "b_cubed", "ceaf_e")
    )
    assert 1.0 == report["summary"]["coreference MUC F1"]
