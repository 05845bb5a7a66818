"""The contrast split: declared edits built into gold, spec errors, per-phenomenon scores."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmark.contrast import CATEGORIES, _parse_markup, build_contrast, build_document
from benchmark.errors import AnnotationError
from benchmark.model import (
    Document,
    Entity,
    Mention,
    Relation,
    Sentence,
    Span,
    Timex,
    load_documents,
    read_seed_metadata,
)
from benchmark.scoring import score
from benchmark.submission import read_submission
from benchmark.validate import validate_paths

REPO = Path(__file__).resolve().parent.parent

#  0         1         2         3         4         5         6
#  0123456789012345678901234567890123456789012345678901234567890123
TEXT = "Header line. Ann phoned Bob on Dec 11. Carl met Dan. Tail here.\n"


def _base() -> Document:
    """A four-sentence document with hand-placed offsets."""
    doc = Document("base", TEXT, "2025-12-12", "test")
    doc.sentences = [
        Sentence(0, 0, 12),
        Sentence(1, 13, 38),
        Sentence(2, 39, 52),
        Sentence(3, 53, 63),
    ]
    names = ["Ann", "Bob", "Carl", "Dan"]
    doc.entities = [Entity(f"e{i}", n, "PER") for i, n in enumerate(names, 1)]
    doc.mentions = [
        Mention("m1", "e1", 13, 16, "Ann", "PER", "NAM"),
        Mention("m2", "e2", 24, 27, "Bob", "PER", "NAM"),
        Mention("m3", "e3", 39, 43, "Carl", "PER", "NAM"),
        Mention("m4", "e4", 48, 51, "Dan", "PER", "NAM"),
    ]
    doc.timexes = [Timex("t1", 31, 37, "Dec 11", "DATE", "2025-12-11")]
    doc.relations = [
        Relation(
            "r1", "phoned", "e1", "e2", "2025-12-11", "t1", Span(17, 23, "phoned"), (1,), "actual"
        ),
        Relation("r2", "met", "e3", "e4", None, None, Span(44, 47, "met"), (2,), "actual"),
    ]
    return doc


def _build(edits: list[dict[str, Any]], **spec: Any) -> Document:
    group = {"group": "g", "sentences": [1, 2]}
    return build_document(_base(), group, {"id": "x", "edits": edits, **spec})


def _spans(doc: Document) -> list[tuple[str, int, int, str]]:
    return [(m.entity, m.start, m.end, m.text) for m in doc.mentions]


def test_excerpt_shifts_offsets_and_renumbers_sentences() -> None:
    """Sentences 1-2 are cut out: offsets move back by 13 and evidence indices by 1."""
    doc = _build([])
    assert "Ann phoned Bob on Dec 11. Carl met Dan.\n" == doc.text
    assert [Sentence(0, 0, 25), Sentence(1, 26, 39)] == doc.sentences
    assert [
        ("e1", 0, 3, "Ann"),
        ("e2", 11, 14, "Bob"),
        ("e3", 26, 30, "Carl"),
        ("e4", 35, 38, "Dan"),
    ] == _spans(doc)
    assert [(18, 24)] == [(t.start, t.end) for t in doc.timexes]
    assert [((4, 10), (0,)), ((31, 34), (1,))] == [
        ((r.trigger.start, r.trigger.end), r.evidence) for r in doc.relations
    ]


def test_an_edit_shifts_what_follows_and_keeps_what_precedes() -> None:
    """Replacing `phoned` (6 chars) by `did not call` (12) moves later spans by 6."""
    doc = _build(
        [{"find": "phoned", "replace": "did not [[call|trigger r1]]"}],
        relations=[{"op": "set", "id": "r1", "realis": "negated"}],
    )
    assert "Ann did not call Bob on Dec 11. Carl met Dan.\n" == doc.text
    assert [
        ("e1", 0, 3, "Ann"),
        ("e2", 17, 20, "Bob"),
        ("e3", 32, 36, "Carl"),
        ("e4", 41, 44, "Dan"),
    ] == _spans(doc)
    assert [Sentence(0, 0, 31), Sentence(1, 32, 45)] == doc.sentences
    r1 = doc.relations[0]
    assert (Span(12, 16, "call"), "negated", "2025-12-11") == (r1.trigger, r1.realis, r1.date)


def test_edits_touching_spans_and_sentence_ends_keep_the_spans() -> None:
    """An edit that starts where a mention ends leaves it; one at a sentence's end moves the end.

    ` on` (14..17) follows `Bob` (11..14): Bob stays, `Dec 11` moves by 6; the final `.` of the
    second sentence becomes `!?`: `Dan` (35..38) stays, the sentence ends at 40 + 6 = 46."""
    doc = _build(
        [
            {"find": " on", "replace": " early on"},
            {"find": ".", "occurrence": 2, "replace": "!?"},
        ]
    )
    assert "Ann phoned Bob early on Dec 11. Carl met Dan!?\n" == doc.text
    assert [("e2", 11, 14, "Bob"), ("e4", 41, 44, "Dan")] == [_spans(doc)[i] for i in (1, 3)]
    assert [(24, 30, "Dec 11")] == [(t.start, t.end, t.text) for t in doc.timexes]
    assert [Sentence(0, 0, 31), Sentence(1, 32, 46)] == doc.sentences


def test_a_find_that_overlaps_itself_counts_every_occurrence() -> None:
    """`ana` occurs twice in `banana` (overlapping): ambiguous without `occurrence`."""
    from benchmark.contrast import _parse_edit, _SpecError

    with pytest.raises(_SpecError, match="occurs 2 times"):
        _parse_edit("banana", {"find": "ana", "replace": "x"}, "edits[0]")
    assert 3 == _parse_edit("banana", {"find": "ana", "replace": "x", "occurrence": 2}, "e").start


def test_a_redeclared_timex_redates_its_relations() -> None:
    """A new value under the old timex id becomes the date of the relation anchored on it."""
    doc = _build([{"find": "Dec 11", "replace": "[[Dec 9|timex t1 DATE 2025-12-09]]"}])
    assert [("t1", 18, 23, "Dec 9", "2025-12-09")] == [
        (t.id, t.start, t.end, t.text, t.value) for t in doc.timexes
    ]
    assert "2025-12-09" == doc.relations[0].date


def test_nested_markup_declares_nested_mentions() -> None:
    """`[[the [[US|...]] envoy|...]]` yields both mentions with their own offsets."""
    doc = _build(
        [{"find": "Bob", "replace": "[[the [[Ann|mention e1 NAM]] envoy|mention e2 NOM]]"}]
    )
    assert "Ann phoned the Ann envoy on Dec 11." == doc.text.split("\n")[0][:35]
    assert [("e1", 0, 3, "Ann"), ("e2", 11, 24, "the Ann envoy"), ("e1", 15, 18, "Ann")] == _spans(
        doc
    )[:3]


def test_an_entity_without_mentions_is_dropped_and_a_substitution_renames() -> None:
    """Removing r2 and Carl's only mention drops Carl; an entity update renames Bob."""
    doc = _build(
        [{"find": "Carl met", "replace": "He met"}],
        relations=[{"op": "remove", "id": "r2"}],
        entities=[{"id": "e2", "name": "Boris Invented", "aliases": ["Invented"]}],
    )
    assert ["e1", "e2", "e4"] == [e.id for e in doc.entities]
    assert ("Boris Invented", ("Invented",)) == (doc.entities[1].name, doc.entities[1].aliases)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"edits": [{"find": "Zed", "replace": "x"}]}, "'Zed' does not occur"),
        ({"edits": [{"find": "e", "replace": "x"}]}, "occurs 3 times; give `occurrence`"),
        ({"edits": [{"find": "n", "replace": "x", "occurrence": 9}]}, "must be 1..5"),
        (
            {
                "edits": [
                    {"find": "Ann phoned", "replace": "x"},
                    {"find": "phoned Bob", "replace": "y"},
                ]
            },
            "overlap",
        ),
        ({"edits": [{"find": "11. Carl", "replace": "11; Carl"}]}, "crosses a sentence boundary"),
        ({"edits": [{"find": "phoned", "replace": "called"}]}, "r1: its trigger was edited away"),
        ({"edits": [{"find": "Dec 11", "replace": "today"}]}, "r1: its timex t1 is gone"),
        ({"edits": [{"find": "Dan", "replace": "[[Dan|mention e9 NAM]]"}]}, "unknown entity 'e9'"),
        ({"edits": [{"find": "Dan", "replace": "[[Dan|person e4]]"}]}, "unknown directive"),
        ({"edits": [{"find": "Dan", "replace": "[[Dan"}]}, "never closed"),
        ({"edits": [{"find": "Dan", "replace": "Dan]]"}]}, "stray"),
        ({"edits": [{"find": "Dan", "replace": "someone"}]}, "r2: argument e4 has no mention"),
        (
            {"edits": [{"find": "Ann", "replace": "[[Ann|timex t1 DATE 2025]]"}]},
            "timex id 't1' is still in use",
        ),
        ({"relations": [{"op": "rename", "id": "r1"}]}, "expected set, remove or add"),
        ({"edits": [{"find": "Dan", "replace": "[[Dan|]]"}]}, "needs a surface and a directive"),
        ({"edits": [{"find": "Dan", "replace": "[[|mention e4 NAM]]"}]}, "needs a surface"),
        (
            {"relations": [{"op": "set", "id": "r1", "evidence": [9]}]},
            "r1: evidence [9] names a sentence not in the text",
        ),
        ({"entities": [{"id": "e1", "type": "ORG"}]}, "an entity keeps its type"),
        (
            {"edits": [{"find": "Dec 11", "replace": "[[two days|timex t1 DURATION P2D]]"}]},
            "r1 is dated by t1, now a DURATION: set its date",
        ),
        (
            {
                "edits": [
                    {"find": "phoned", "replace": "[[phoned|trigger r1]]"},
                    {"find": "Bob", "replace": "[[Bob|trigger r1]]"},
                ]
            },
            "r1 has a trigger already",
        ),
        ({"relations": [{"op": "remove", "id": "r7"}]}, "no relation 'r7' to remove"),
        (
            {"relations": [{"op": "add", "id": "r3", "type": "met", "arg1": "e1", "arg2": "e3"}]},
            "cannot add the relation",
        ),
    ],
)
def test_a_spec_that_does_not_apply_is_refused_with_the_reason(
    spec: dict[str, Any], message: str
) -> None:
    """Every way a spec can fail to apply raises an error that says why."""
    from benchmark.contrast import _SpecError

    with pytest.raises(_SpecError, match=re.escape(message)):
        build_document(_base(), {"group": "g", "sentences": [1, 2]}, {"id": "x", **spec})


def test_an_excerpt_that_leaves_a_relations_date_behind_must_re_date_it() -> None:
    """Cutting out the sentence of a relation's timex is an error until the spec sets the date."""
    from benchmark.contrast import _SpecError

    base = _base()
    base.relations[1] = replace(base.relations[1], date="2025-12-11", timex="t1")
    group = {"group": "g", "sentences": [2, 2]}
    with pytest.raises(_SpecError, match="r2: its timex t1 is gone"):
        build_document(base, group, {"id": "x"})
    fixed = {"id": "x", "relations": [{"op": "set", "id": "r2", "date": None, "timex": None}]}
    assert [(None, None)] == [
        (r.date, r.timex) for r in build_document(base, group, fixed).relations
    ]


def test_broken_spec_file_is_reported_with_file_document_and_field(data_root: Path) -> None:
    """`bench contrast` on a broken spec exits 1 and names the file, the document and the field."""
    path = data_root / "annotations" / "contrast-specs" / "c01.json"
    spec = json.loads(path.read_text(encoding="utf-8"))
    spec["documents"][1]["edits"][0]["find"] = "telephoned"
    spec["documents"][2]["category"] = "sarcasm"
    path.write_text(json.dumps(spec), encoding="utf-8")
    before = (data_root / "seeds" / "contrast" / "metadata.jsonl").read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "benchmark", "contrast", "--root", str(data_root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 1 == run.returncode
    assert "Traceback" not in run.stderr
    assert "c01.json: documents[2].category: 'sarcasm' is not one of" in run.stderr
    assert before == (data_root / "seeds" / "contrast" / "metadata.jsonl").read_bytes()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda g: g.update(documents={"a": 1}), "documents", "expected a list of JSON objects"),
        (lambda g: g["documents"].append(3), "documents", "expected a list of JSON objects"),
        (lambda g: g.update(base=["x"]), "base", "must be a string"),
        (lambda g: g["documents"][1].update(id="../../escaped"), "documents[1].id", "letters"),
        (lambda g: g["documents"][1].update(edits="Dan"), "documents[1].edits", "expected a list"),
    ],
)
def test_malformed_group_files_are_located_errors(
    data_root: Path, change: Any, field: str, message: str
) -> None:
    """A value of the wrong shape anywhere in a group file is reported with its field."""
    path = data_root / "annotations" / "contrast-specs" / "c05.json"
    group = json.loads(path.read_text(encoding="utf-8"))
    change(group)
    path.write_text(json.dumps(group), encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        build_contrast(data_root)
    [problem] = info.value.problems
    assert (str(path), field) == (problem.path, problem.field)
    assert message in problem.message
    assert not (data_root.parent / "escaped.txt").exists()


def test_two_files_may_not_declare_the_same_group(data_root: Path) -> None:
    """Groups are the unit of consistency: a second file with the same name is refused."""
    folder = data_root / "annotations" / "contrast-specs"
    (folder / "c99.json").write_text((folder / "c05.json").read_text(encoding="utf-8"))
    with pytest.raises(AnnotationError) as info:
        build_contrast(data_root, check=True)
    assert ["'c05' is also " + str(folder / "c05.json")] == [
        p.message for p in info.value.problems if p.field == "group"
    ]


def test_committed_contrast_split_is_what_the_specs_build() -> None:
    """The texts, metadata and gold in the repository are exactly what the specs produce."""
    result = build_contrast(REPO, check=True)
    assert [] == result.stale
    assert 46 == len(result.documents)


def test_build_writes_files_that_validate_and_removes_stale_ones(data_root: Path) -> None:
    """Deleting a spec and rebuilding removes its documents; the rest validates cleanly."""
    spec = data_root / "annotations" / "contrast-specs" / "c05.json"
    declared = [d["id"] for d in json.loads(spec.read_text(encoding="utf-8"))["documents"]]
    before = {s.id for s in read_seed_metadata(data_root).values() if s.split == "contrast"}
    spec.unlink()
    result = build_contrast(data_root)
    gone = {Path(p).name for p in result.removed}
    assert {f"{i}.txt" for i in declared} | {f"{i}.jsonl" for i in declared} == gone
    after = {s.id for s in read_seed_metadata(data_root).values() if s.split == "contrast"}
    assert before - set(declared) == after
    assert validate_paths(root=data_root).ok


def test_the_split_covers_every_phenomenon_in_edit_groups() -> None:
    """At least 40 documents, every category, one original per group, ids unique."""
    seeds = [s for s in read_seed_metadata(REPO).values() if s.split == "contrast"]
    assert len(seeds) >= 40
    assert set(CATEGORIES) == {s.category for s in seeds}
    originals = Counter(s.group for s in seeds if s.category == "original")
    assert {g: 1 for g in {s.group for s in seeds}} == dict(originals)


def test_modal_and_negated_edits_never_hold_an_actual_version_of_the_edited_event() -> None:
    """In every negation and modality document, the relation the edit targets is not actual."""
    docs = {d.id: d for d in load_documents(REPO, split="contrast")}
    for path in sorted((REPO / "annotations" / "contrast-specs").glob("*.json")):
        group = json.loads(path.read_text(encoding="utf-8"))
        for spec in group["documents"]:
            if spec["category"] not in ("negation", "modality"):
                continue
            targets = {op["id"] for op in spec.get("relations", [])}
            realis = {r.id: r.realis for r in docs[spec["id"]].relations}
            assert targets and all(realis[t] != "actual" for t in targets), spec["id"]


def _gold_as_submission(docs: list[Document], tmp_path: Path, drop: set[str] = frozenset()) -> Path:
    lines = []
    for d in docs:
        names = d.entity_by_id()
        rels = [
            {"type": r.type, "arg1": names[r.arg1].name, "arg2": names[r.arg2].name, "date": r.date}
            for r in d.relations
            if r.realis == "actual" and d.id not in drop
        ]
        lines.append(json.dumps({"doc_id": d.id, "relations": rels}))
    path = tmp_path / "sub.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gold_relations_are_fully_right_everywhere(tmp_path: Path) -> None:
    """The gold's actual relations score 1.0 in every category and every group is consistent."""
    docs = load_documents(REPO, split="contrast")
    report = score(docs, read_submission(_gold_as_submission(docs, tmp_path), docs), n_boot=0)
    contrast = report["contrast"]
    assert (5, 5, 1.0) == tuple(
        contrast["consistency"][k] for k in ("groups", "consistent", "share")
    )
    for name, c in contrast["categories"].items():
        assert (c["documents"], 1.0) == (c["fully_right"], c["accuracy"]), name


def test_one_missed_document_breaks_its_group_and_its_category(tmp_path: Path) -> None:
    """Predicting nothing for c04-direction-envoy (2 gold relations) costs group c04 and
    2 false negatives in `direction`: 4 tp of 6 gives recall 2/3, F1 0.8."""
    docs = load_documents(REPO, split="contrast")
    sub = _gold_as_submission(docs, tmp_path, drop={"c04-direction-envoy"})
    contrast = score(docs, read_submission(sub, docs), n_boot=0)["contrast"]
    assert (4, ["c04"]) == (
        contrast["consistency"]["consistent"],
        contrast["consistency"]["inconsistent_groups"],
    )
    direction = contrast["categories"]["direction"]
    assert (2, 4, 0, 2, 0.8) == (
        direction["fully_right"],
        direction["timed"]["tp"],
        direction["timed"]["fp"],
        direction["timed"]["fn"],
        direction["timed"]["f1"],
    )


def test_predicting_a_negated_call_is_a_non_actual_false_positive(tmp_path: Path) -> None:
    """c01-negation has no actual relation: predicting the call makes it wrong, and c01 too."""
    docs = load_documents(REPO, split="contrast")
    path = _gold_as_submission(docs, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    extra = {"type": "phoned", "arg1": "Maduro", "arg2": "Trump", "date": "2025-11-21"}
    lines = [
        json.dumps({"doc_id": "c01-negation", "relations": [extra]})
        if json.loads(x)["doc_id"] == "c01-negation"
        else x
        for x in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = score(docs, read_submission(path, docs), n_boot=0)
    negation = report["contrast"]["categories"]["negation"]
    assert (3, 1) == (negation["fully_right"], negation["timed"]["fp"])
    assert ["c01"] == report["contrast"]["consistency"]["inconsistent_groups"]
    assert {"non_actual": 1} == report["errors"]["fp_categories"]


def test_score_cli_prints_the_contrast_table() -> None:
    """`bench score --split contrast` shows every category and the consistency line."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmark",
            "score",
            "--split",
            "contrast",
            str(REPO / "submissions" / "rules" / "contrast.jsonl"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == run.returncode, run.stderr
    assert "contrast consistency" in run.stdout
    for name in CATEGORIES:
        assert name in run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) <= 80


def test_test_split_reports_carry_no_contrast_section() -> None:
    """The contrast key is null on the test split (no categories there)."""
    gold = load_documents(REPO, split="test")
    sub = read_submission(REPO / "submissions" / "rules" / "predictions.jsonl", gold)
    assert None is score(gold, sub, n_boot=0)["contrast"]


_SURFACE = st.text(alphabet="abc xyz", min_size=1, max_size=6)


@st.composite
def _marked(draw: st.DrawFn, offset: int = 0, depth: int = 0) -> tuple[str, str, list[Any]]:
    """(marked-up text, plain text, expected spans in closing order), every surface non-empty."""
    marked, plain, spans = "", "", []
    for kind in draw(st.lists(st.sampled_from(["text", "nest"]), min_size=1, max_size=4)):
        if kind == "nest" and depth < 2:
            inner_marked, inner_plain, inner_spans = draw(_marked(offset + len(plain), depth + 1))
            if inner_plain.strip():
                start = offset + len(plain)
                marked += f"[[{inner_marked}|mention e1 NAM]]"
                spans += [*inner_spans, (start, start + len(inner_plain), inner_plain)]
                plain += inner_plain
                continue
        part = draw(_SURFACE)
        marked += part
        plain += part
    return marked, plain, spans


@given(_marked())
def test_markup_parser_locates_every_surface_in_the_plain_text(case: tuple[str, str, Any]) -> None:
    """Stripping markup gives the plain text, and each span has the offsets the text was built
    with."""
    marked, plain, expected = case
    got_plain, spans = _parse_markup(marked, "replace")
    assert plain == got_plain
    assert expected == [(start, end, surface) for start, end, surface, _ in spans]


def test_spec_error_classes_raise_annotation_errors_from_the_loader(data_root: Path) -> None:
    """Invalid JSON in a spec file is an AnnotationError naming the file and line."""
    (data_root / "annotations" / "contrast-specs" / "c09.json").write_text(
        "{\n  nope\n", encoding="utf-8"
    )
    with pytest.raises(AnnotationError) as info:
        build_contrast(data_root, check=True)
    assert any(p.path.endswith("c09.json") and p.line == 2 for p in info.value.problems)
