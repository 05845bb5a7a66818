"""Contributor tools that round-trip: brat coreference and overlap rules, located errors for
malformed brat / Label Studio input, validated all-or-nothing imports, content-matched diffs,
and a locked, recoverable add-doc."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmark.contrib import add_document, orphan_texts
from benchmark.errors import FormatError, UsageError
from benchmark.formats import (
    brat_configs,
    export_brat,
    export_label_studio,
    from_brat,
    import_annotations,
    to_brat,
    write_documents,
)
from benchmark.gold_diff import diff_gold
from benchmark.model import Mention, load_documents, write_annotation_file
from tests.conftest import SEED_ID
from tests.conftest import run_bench as _bench

ROOT = Path(__file__).resolve().parent.parent


def _seed():  # type: ignore[no-untyped-def]
    return next(d for d in load_documents() if d.id == SEED_ID)


def _brat(tmp_path: Path) -> tuple[Path, list[str]]:
    export_brat([_seed()], tmp_path)
    ann = tmp_path / f"{SEED_ID}.ann"
    return ann, ann.read_text(encoding="utf-8").splitlines()


def _ls_export(tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    export_label_studio([_seed()], tmp_path)
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    for task in tasks:
        task["annotations"] = task.pop("predictions")
    return tmp_path / "export.json", tasks


# --------------------------------------------------------------------------- brat


def test_overlap_rule_allows_every_nesting_of_the_exported_seed(tmp_path: Path) -> None:
    """annotation.conf declares <OVERLAP> contain|equal for all entity types, and every pair of
    overlapping spans in the exported seed nests or coincides (brat's checker accepts them)."""
    conf = brat_configs()["annotation.conf"]
    rule = re.search(r"^<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:(\S+)$", conf, re.M)
    assert rule is not None and set(rule.group(1).split("|")) == {"contain", "equal"}
    relations_section = conf.split("[relations]")[1].split("[events]")[0]
    assert "<OVERLAP>" in relations_section
    _, lines = _brat(tmp_path)
    spans = [tuple(map(int, ln.split("\t")[1].split(" ")[1:3])) for ln in lines if ln[0] == "T"]
    overlapping = [
        (a, b) for i, a in enumerate(spans) for b in spans[i + 1 :] if a[0] < b[1] and b[0] < a[1]
    ]
    assert overlapping  # the seed has nested mentions ("Venezuela's ambassador")
    for a, b in overlapping:
        assert (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def test_coref_arc_drawn_in_brat_joins_a_new_mention_to_its_actor(tmp_path: Path) -> None:
    """A mention added in brat without a note but linked by a Coref arc to a mention of e1
    becomes a mention of e1 (not a new actor); without the arc it is a new actor."""
    gold = _seed()
    ann, lines = _brat(tmp_path)
    maduro = next(e.id for e in gold.entities if e.name == "Nicolás Maduro")
    first = next(m for m in gold.mentions if m.entity == maduro)
    tid = next(
        ln.split("\t")[0]
        for ln in lines
        if ln.startswith("T")
        and ln.split("\t")[1].split(" ")[1:3] == [str(first.start), str(first.end)]
    )
    # "leader" in "Venezuela’s embattled leader" is a nominal mention nobody annotated
    start = gold.text.index("embattled leader") + len("embattled ")
    new = [f"T900\tPER {start} {start + 6}\tleader", "A900\tLevel T900 NOM"]
    ann.write_text("\n".join([*lines, *new, f"*\tCoref {tid} T900"]) + "\n", encoding="utf-8")
    [back], _ = import_annotations("brat", tmp_path, ROOT)
    added = next(m for m in back.mentions if m.start == start)
    assert (first.entity, "NOM") == (added.entity, added.level)
    assert len(gold.entities) == len(back.entities)

    ann.write_text("\n".join([*lines, *new]) + "\n", encoding="utf-8")
    [alone], _ = import_annotations("brat", tmp_path, ROOT)
    added = next(m for m in alone.mentions if m.start == start)
    assert added.entity not in {e.id for e in gold.entities}
    assert len(gold.entities) + 1 == len(alone.entities)


def test_coref_relation_line_merges_two_actors(tmp_path: Path) -> None:
    """An R line of type Coref between mentions of two actors (two people never related to
    each other) merges them into the one with the smaller id; the other's id disappears."""
    gold = _seed()
    ann, lines = _brat(tmp_path)
    related = {frozenset((r.arg1, r.arg2)) for r in gold.relations}
    people = [e.id for e in gold.entities if e.type == "PER"]
    e_a, e_b = next(
        (a, b)
        for i, a in enumerate(people)
        for b in people[i + 1 :]
        if frozenset((a, b)) not in related
    )
    notes = {
        ln.split("\t")[1].split(" ")[1]: json.loads(ln.split("\t")[2])
        for ln in lines
        if ln.startswith("#")
    }
    tid = {e: next(t for t, n in notes.items() if n.get("entity") == e) for e in (e_a, e_b)}
    line = f"R900\tCoref Arg1:{tid[e_a]} Arg2:{tid[e_b]}"
    ann.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    [back], _ = import_annotations("brat", tmp_path, ROOT)
    assert e_b not in {e.id for e in back.entities}
    assert len(gold.entities) - 1 == len(back.entities)
    moved = {(m.start, m.end) for m in gold.mentions if m.entity in (e_a, e_b)}
    assert moved == {(m.start, m.end) for m in back.mentions if m.entity == e_a}


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ("R900\tmet Arg1:T999 Arg2:T1", "Arg1", "'T999': no such T annotation"),
        ("A900\tLevel T999 NAM", "Level", "'T999': no such T annotation"),
        ("A901\tLevel T1 BIG", "Level", "'BIG' is not one of NAM, NOM, PRO"),
        ("T900\tPERSON 0 4\tdate", "label", "'PERSON' is not one of"),
        ("T901\tPER 0 x\tdate", "offsets", "offsets must be integers"),
        ("T902\tPER 1 5\twrong", "text", "differs from the text"),
        ("T903\tPER 0 4;6 9\tdate", "T903", "discontinuous"),
        ("R901\tvisited Arg1:T1 Arg2:T2", "type", "'visited' is not one of"),
        ("R902\tmet Arg1:T1 Arg2:T2", "trigger", "R902 has no trigger"),
        ("#900\tAnnotatorNotes T1\t{not json", "note", "the note is not JSON"),
        ("E1\tMeeting:T1", "E1", "not a line of this schema"),
        ("*\tCoref T1 T999", "Coref", "'T999': no such T annotation"),
        ("T904\tTrigger 1 5\tdate", "T904", "belongs to no relation"),
    ],
)
def test_malformed_brat_line_is_a_located_error(
    tmp_path: Path, line: str, field: str, message: str
) -> None:
    """Each malformed .ann line is reported with its file, line number and field, exit 2."""
    ann, lines = _brat(tmp_path)
    ann.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    with pytest.raises(FormatError) as info:
        import_annotations("brat", tmp_path, ROOT)
    problems = info.value.problems
    assert {(str(ann), len(lines) + 1)} == {(p.path, p.line) for p in problems}
    assert any(p.field == field and message in p.message for p in problems), problems
    assert 2 == info.value.exit_code


# --------------------------------------------------------------------------- Label Studio


@pytest.mark.parametrize(
    ("edit", "field", "message"),
    [
        (lambda t: t.__setitem__(0, 7), "task[0]", "a task must be a JSON object"),
        (lambda t: t[0]["data"].pop("text"), "task[0].data", "data.doc_id and data.text"),
        (
            lambda t: t[0]["annotations"][0]["result"][0].pop("value"),
            "task[0].annotations[0].result[0].value",
            "a region needs a value object",
        ),
        (
            lambda t: t[0]["annotations"][0]["result"][-1].pop("labels"),
            "RELATION.labels",
            "a relation needs exactly one label",
        ),
        (
            lambda t: t[0]["annotations"][0]["result"][-1].__setitem__("to_id", "zz"),
            "RELATION.to_id",
            "'zz': no such region",
        ),
        (
            lambda t: t[0]["annotations"][0]["result"][0]["value"].__setitem__("end", 10**6),
            "task[0].annotations[0].result[0].value",
            "out of the text",
        ),
    ],
)
def test_malformed_label_studio_task_is_a_located_error(
    tmp_path: Path,
    edit,
    field: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    """A task that is not an object, a region without value, a relation without a label or
    with an unknown end... each is named by task, result index and field; no traceback."""
    path, tasks = _ls_export(tmp_path)
    last = len(tasks[0]["annotations"][0]["result"]) - 1  # type: ignore[index]
    edit(tasks)
    path.write_text(json.dumps(tasks), encoding="utf-8")
    with pytest.raises(FormatError) as info:
        import_annotations("label-studio", path, ROOT)
    fields = [p.field for p in info.value.problems]
    expected = field.replace("RELATION", f"task[0].annotations[0].result[{last}]")
    assert expected in fields, fields
    assert any(message in p.message for p in info.value.problems)


def test_bench_import_of_a_bad_export_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    """`bench import` of a Label Studio export with one broken relation prints the located
    problem, exits 2 and leaves the output folder untouched."""
    path, tasks = _ls_export(tmp_path)
    tasks[0]["annotations"][0]["result"][-1]["labels"] = []  # type: ignore[index]
    path.write_text(json.dumps(tasks), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.jsonl").write_text("old\n", encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmark",
            "import",
            "--format",
            "label-studio",
            str(path),
            "--out",
            str(out),
            "--root",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 2 == run.returncode
    assert "labels: a relation needs exactly one label" in run.stderr
    assert "Traceback" not in run.stderr
    assert ["keep.jsonl"] == sorted(p.name for p in out.iterdir())


def test_import_that_fails_validation_is_refused_before_writing(tmp_path: Path) -> None:
    """A timex whose value is not TIMEX3 passes the parser but not validation: the import
    raises with the problem, so nothing reaches a caller that writes."""
    path, tasks = _ls_export(tmp_path)
    result = tasks[0]["annotations"][0]["result"]  # type: ignore[index]
    timex = next(r for r in result if r.get("value", {}).get("labels") == ["Timex"])
    meta = json.loads(timex["meta"]["text"][0])
    timex["meta"]["text"] = [json.dumps({**meta, "value": "next Tuesday"})]
    path.write_text(json.dumps(tasks), encoding="utf-8")
    with pytest.raises(FormatError, match="nothing was written") as info:
        import_annotations("label-studio", path, ROOT)
    assert any("next Tuesday" in p.message for p in info.value.problems)


def test_write_documents_is_all_or_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """When writing the second of two documents fails, neither file is in the output folder
    and no staging folder is left behind."""
    import benchmark.formats as formats

    gold = _seed()
    other = replace(gold, id="999_other")
    calls = []

    def failing(doc, path):  # type: ignore[no-untyped-def]
        calls.append(doc.id)
        if len(calls) == 2:
            raise OSError("disk full")
        write_annotation_file(doc, path)

    monkeypatch.setattr(formats, "write_annotation_file", failing)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="disk full"):
        write_documents([gold, other], out)
    assert [] == list(out.iterdir())
    monkeypatch.undo()
    written = write_documents([gold, other], out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)


# --------------------------------------------------------------------------- diff


def test_diff_ignores_renumbering_and_shows_the_one_added_mention(tmp_path: Path) -> None:
    """Adding one mention and renumbering every mention, entity and relation id shows exactly
    one added mention and nothing else."""
    gold = _seed()
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    write_annotation_file(gold, old)
    rename = {e.id: f"x{i}" for i, e in enumerate(reversed(gold.entities))}
    start = gold.text.index("embattled leader") + len("embattled ")
    entity = next(e.id for e in gold.entities if e.name == "Nicolás Maduro")
    added = Mention("m999", entity, start, start + 6, "leader", "PER", "NOM")
    mentions = sorted([*gold.mentions, added], key=lambda m: (m.start, -m.end))
    renumbered = replace(
        gold,
        entities=[replace(e, id=rename[e.id]) for e in gold.entities],
        mentions=[replace(m, id=f"k{i}", entity=rename[m.entity]) for i, m in enumerate(mentions)],
        relations=[
            replace(r, id=f"q{i}", arg1=rename[r.arg1], arg2=rename[r.arg2])
            for i, r in enumerate(gold.relations)
        ],
    )
    write_annotation_file(renumbered, new)
    report = diff_gold(old, new)["documents"]["document"]
    assert [] == report["removed"] and [] == report["changed"]
    assert [(start, start + 6, "leader")] == [
        (r["start"], r["end"], r["text"]) for r in report["added"]
    ]


# --------------------------------------------------------------------------- add-doc


def test_concurrent_add_docs_both_land_in_sorted_metadata(data_root: Path, tmp_path: Path) -> None:
    """Four add-docs started at once all land: four new metadata lines, sorted by id."""
    articles = []
    for i in range(4):
        article = tmp_path / f"a{i}.txt"
        article.write_text(f"Headline {i}\n\nMr A met Mr B on Monday. Story {i}.\n")
        articles.append(article)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmark",
                "add-doc",
                str(a),
                "--published",
                "2026-01-05",
                "--source",
                "test",
                "--id",
                f"5{i}0_concurrent",
                "--root",
                str(data_root),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, a in enumerate(articles)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert 0 == run.returncode, err
    lines = (data_root / "seeds" / "test" / "metadata.jsonl").read_text().splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert {f"5{i}0_concurrent" for i in range(4)} <= set(ids)
    assert ids == sorted(ids)


def test_kill_between_text_and_metadata_is_repaired_by_a_retry(
    data_root: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """A crash after the text is written leaves an orphan that is reported with its fix, and
    the retry of the same add-doc adopts it instead of failing forever."""
    import benchmark.contrib as contrib

    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nMs C phoned Mr D on Friday.\n", encoding="utf-8")

    def killed(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(contrib, "write_split_metadata", killed)
    with pytest.raises(KeyboardInterrupt):
        add_document(article, published="2026-01-09", source="t", doc_id="600_x", root=data_root)
    assert (data_root / "seeds" / "test" / "600_x.txt").is_file()
    [orphan] = orphan_texts(data_root)
    assert "600_x.txt has no metadata line" in orphan and "--id 600_x" in orphan
    monkeypatch.undo()
    seed = add_document(article, published="2026-01-09", source="t", doc_id="600_x", root=data_root)
    assert "600_x" == seed.id and [] == orphan_texts(data_root)
    # killed again, with the default id; another document lands before the retry
    third = tmp_path / "c.txt"
    third.write_text("Headline three\n\nMr E met Ms F.\n", encoding="utf-8")
    monkeypatch.setattr(contrib, "write_split_metadata", killed)
    with pytest.raises(KeyboardInterrupt):
        add_document(third, published="2026-01-09", source="t", root=data_root)
    monkeypatch.undo()
    [left] = [
        p.stem
        for p in (data_root / "seeds" / "test").glob("*.txt")
        if p.read_bytes() == third.read_bytes()
    ]
    between = tmp_path / "d.txt"
    between.write_text("Something else entirely.\n", encoding="utf-8")
    add_document(between, published="2026-01-09", source="t", root=data_root)
    assert left == add_document(third, published="2026-01-09", source="t", root=data_root).id
    assert [] == orphan_texts(data_root)
    other = tmp_path / "b.txt"
    other.write_text("Another text.\n", encoding="utf-8")
    (data_root / "seeds" / "test" / "601_y.txt").write_text("left over", encoding="utf-8")
    with pytest.raises(UsageError, match="interrupted add-doc left it"):
        add_document(other, published="2026-01-09", source="t", doc_id="601_y", root=data_root)


# --------------------------------------------------------------------------- parser properties

_BRAT_PIECES = st.sampled_from(
    [
        "T",
        "R",
        "A",
        "#",
        "*",
        "E",
        "\t",
        " ",
        "PER",
        "Coref",
        "met",
        "Level",
        "Arg1:",
        "Arg2:",
        "T1",
        "T999",
        "0",
        "5",
        "-3",
        ";",
        "{",
        "}",
        '"trigger"',
        "NAM",
        "AnnotatorNotes",
        "x",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_BRAT_PIECES, max_size=8).map("".join), min_size=1, max_size=4))
def test_any_brat_line_imports_or_is_a_located_format_error(extra: list[str]) -> None:
    """Whatever lines are appended to a valid .ann file, parsing either succeeds or raises a
    FormatError whose every problem names the file and a line of it; never anything else."""
    from benchmark.formats import from_brat

    gold = _seed()
    base = to_brat(gold).splitlines()
    ann = "\n".join([*base, *extra]) + "\n"
    try:
        from_brat(gold.id, gold.text, ann, "x.ann")
    except FormatError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.path == "x.ann"
            assert p.line is None or 1 <= p.line <= len(base) + len(extra)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**6) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        ["task", "data", "result", "region", "value", "meta", "relation", "relation-meta"]
    ),
    _JSON,
)
@example("meta", {"text": [5]})
@example("meta", {"text": "not a list"})
@example("relation-meta", {"trigger": ["x"]})
def test_any_label_studio_value_imports_or_is_a_located_format_error(
    where: str, value: object
) -> None:
    """Replacing any part of a valid task with any JSON value gives a document or a
    FormatError naming the task; never another exception."""
    from benchmark.formats import from_label_studio, to_label_studio

    task = to_label_studio(_seed())
    task["annotations"] = task.pop("predictions")
    result = task["annotations"][0]["result"]
    if where == "task":
        task = value  # type: ignore[assignment]
    elif where == "data":
        task["data"] = value
    elif where == "result":
        task["annotations"][0]["result"] = value
    elif where == "region":
        result[0] = value
    elif where == "value":
        result[0]["value"] = value
    elif where == "meta":
        result[0]["meta"] = value
    elif where == "relation-meta":
        result[-1]["meta"] = value
    else:
        result[-1] = value
    try:
        from_label_studio(task, "export.json", 0)
    except FormatError as exc:
        assert exc.problems and all(p.path == "export.json" for p in exc.problems)
        assert all((p.field or "").startswith("task[0]") for p in exc.problems)


_NOTE_VALUES = st.one_of(
    st.none(),
    st.integers(-2, 40),
    st.sampled_from(["e1", "e999", "t1", "r1", "2025-12-11", "maybe", "actual", "PER", "XX"]),
    st.lists(st.integers(-2, 40), max_size=3),
    st.lists(st.sampled_from(["US", "x"]), max_size=2),
    st.dictionaries(st.sampled_from(["status", "x"]), st.text(max_size=3), max_size=2),
)
_NOTES = st.dictionaries(
    st.sampled_from(
        [
            "entity",
            "name",
            "aliases",
            "wikidata",
            "level",
            "id",
            "type",
            "value",
            "date",
            "timex",
            "evidence",
            "realis",
            "attributes",
            "trigger",
            "other",
        ]
    ),
    _NOTE_VALUES,
    max_size=5,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["mention", "timex", "trigger"]), _NOTES)
def test_any_note_content_imports_or_is_a_located_format_error(
    kind: str, note: dict[str, object]
) -> None:
    """Any keys and values in a region's note (Label Studio meta) give a valid import or a
    FormatError naming the task: the note is checked, then the document is validated."""
    import tempfile

    from benchmark.formats import to_label_studio

    task = to_label_studio(_seed())
    task["annotations"] = task.pop("predictions")
    label = {"mention": "PER", "timex": "Timex", "trigger": "Trigger"}[kind]
    region = next(
        r for r in task["annotations"][0]["result"] if r.get("value", {}).get("labels") == [label]
    )
    region["meta"] = {"text": [json.dumps(note)]}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.json"
        path.write_text(json.dumps([task]), encoding="utf-8")
        try:
            [doc], _ = import_annotations("label-studio", path, ROOT)
        except FormatError as exc:
            assert exc.problems and all(str(path) in p.path for p in exc.problems)
        else:
            assert doc.id == SEED_ID


def test_moving_a_mention_to_another_coref_chain_moves_it_and_merges_nothing() -> None:
    """In brat an annotator takes a pronoun out of one actor's Coref chain and adds it to
    another's; its note still names the old actor. The import moves that one mention: every
    other mention keeps its actor and no actor disappears."""
    doc = next(d for d in load_documents() if d.id == SEED_ID)
    text, ann = doc.text, to_brat(doc)
    lines = ann.splitlines()
    chains = [ln.split("\t")[1].split()[1:] for ln in lines if ln.startswith("*\tCoref")]
    kinds = {ln.split("\t")[0]: ln.split()[-1] for ln in lines if ln.startswith("A")}
    level = {f"T{k[1:]}": v for k, v in kinds.items()}
    source = next(c for c in chains if len(c) >= 3 and any(level.get(t) == "PRO" for t in c))
    target = next(c for c in chains if c is not source and len(c) >= 2)
    moved = next(t for t in source if level.get(t) == "PRO")
    edited = []
    for ln in lines:
        if ln.startswith("*\tCoref"):
            members = ln.split("\t")[1].split()[1:]
            if members == source:
                members = [t for t in members if t != moved]
            elif members == target:
                members = [*members, moved]
            ln = "*\tCoref " + " ".join(members)
        edited.append(ln)
    before = from_brat(SEED_ID, text, ann)
    after = from_brat(SEED_ID, text, "\n".join(edited) + "\n")
    spans = {(m.start, m.end): m.entity for m in before.mentions}
    moved_span = next(
        (int(ln.split()[2]), int(ln.split()[3])) for ln in lines if ln.startswith(f"{moved}\t")
    )
    changed = {
        (m.start, m.end): m.entity for m in after.mentions if spans[(m.start, m.end)] != m.entity
    }
    target_entity = spans[
        next(
            (int(ln.split()[2]), int(ln.split()[3]))
            for ln in lines
            if ln.startswith(f"{target[0]}\t")
        )
    ]
    assert {moved_span: target_entity} == changed
    assert {e.id for e in before.entities} == {e.id for e in after.entities}


def test_add_doc_refuses_a_hard_wrapped_text_unless_told(tmp_path: Path) -> None:
    """A paragraph wrapped before a capitalised word is refused with the line numbers and the
    way out; --keep-line-breaks adds it as it is; a missing --license is warned about."""
    root = tmp_path / "root"
    (root / "seeds" / "test").mkdir(parents=True)
    (root / "annotations" / "test").mkdir(parents=True)
    text = tmp_path / "wrapped.txt"
    text.write_text(
        "Leaders meet in Oslo\n\nOSLO, May 2 - The president held talks with\n"
        "Norway's prime minister on Friday and\nFinland's president on Saturday.\n",
        encoding="utf-8",
    )
    args = ["add-doc", str(text), "--published", "2025-05-03", "--source", "me"]
    refused = _bench(*args, "--root", str(root))
    assert 2 == refused.returncode
    assert "line(s) 4, 5" in refused.stderr and "--keep-line-breaks" in refused.stderr
    assert not list((root / "seeds" / "test").iterdir())
    kept = _bench(*args, "--root", str(root), "--keep-line-breaks")
    assert 0 == kept.returncode, kept.stderr
    assert "no --license" in kept.stderr


@pytest.mark.parametrize("system", ["rules", "cooccurrence"])
def test_preannotate_drafts_targets_named_in_a_later_sentence(
    data_root: Path, tmp_path: Path, system: str
) -> None:
    """A sanction whose targets are named in the next sentence ('Those targeted include ...')
    is drafted by both systems without a crash; with `rules` each target's relation carries the
    sanction's trigger and both sentences as evidence."""
    import json as _json

    article = tmp_path / "later.txt"
    article.write_text(
        "Treasury targets three over arms sales\n\n"
        "WASHINGTON, March 4 - The U.S. Treasury Department on Tuesday imposed sanctions on "
        "three people it accused of brokering arms sales. Those targeted include Anna Berg, "
        "Tom Lind and Carl Moss, the department said.\n",
        encoding="utf-8",
    )
    added = _bench(
        "add-doc",
        str(article),
        "--published",
        "2025-03-05",
        "--source",
        "t",
        "--id",
        "700_later",
        "--license",
        "CC0",
        "--root",
        str(data_root),
    )
    assert 0 == added.returncode, added.stderr
    run = _bench("preannotate", "700_later", "--system", system, "--root", str(data_root))
    assert 0 == run.returncode, run.stderr
    records = [
        _json.loads(line)
        for line in (data_root / "annotations" / "test" / "700_later.jsonl")
        .read_text()
        .splitlines()
    ]
    if system == "cooccurrence":
        return
    names = {r["id"]: r["name"] for r in records if r["record"] == "entity"}
    sanctions = {
        names[r["arg2"]]: (r["trigger"]["text"], r["evidence"])
        for r in records
        if r["record"] == "relation" and r["type"] == "sanctioned"
    }
    # the rules' trigger of the sanction in sentence 1 ("imposed sanctions on")
    for target in ("Anna Berg", "Tom Lind", "Carl Moss"):
        assert ("sanctions", [1, 2]) == sanctions.get(target)


def test_add_doc_refuses_the_contrast_split_and_points_to_bench_contrast(
    data_root: Path, tmp_path: Path
) -> None:
    """`bench add-doc --split contrast` exits 2 naming contrast-specs and `bench contrast`, and
    adds nothing, so `bench contrast --check` still passes."""
    from tests.conftest import run_bench

    article = tmp_path / "c9.txt"
    article.write_text("Headline\n\nMr A met Mr B on Monday.\n", encoding="utf-8")
    before = sorted(p.relative_to(data_root) for p in data_root.rglob("*"))
    run = run_bench(
        "add-doc", str(article), "--published", "2026-01-05", "--source", "t",
        "--id", "c99-test", "--split", "contrast", "--root", str(data_root),
    )  # fmt: skip
    assert 2 == run.returncode, run.stderr
    assert "annotations/contrast-specs/" in run.stderr
    assert "bench contrast" in run.stderr
    assert before == sorted(p.relative_to(data_root) for p in data_root.rglob("*"))
    assert 0 == run_bench("contrast", "--check", "--root", str(data_root)).returncode
