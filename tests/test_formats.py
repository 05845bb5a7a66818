"""brat, Label Studio and spaCy: round trips are lossless for what each format holds."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from benchmark.errors import UsageError
from benchmark.formats import (
    brat_configs,
    export_brat,
    export_label_studio,
    export_spacy,
    import_annotations,
    label_studio_config,
)
from benchmark.gold_diff import diff_gold, render_diff
from benchmark.model import (
    Document,
    document_to_records,
    load_documents,
    write_annotation_file,
)
from tests.conftest import SEED_ID

ROOT = Path(__file__).resolve().parent.parent


def _seed() -> Document:
    return next(d for d in load_documents() if d.id == SEED_ID)


def _without_document_record(doc: object) -> list[dict[str, object]]:
    return document_to_records(doc)[1:]  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["brat", "label-studio"])
def test_round_trip_keeps_every_layer_the_format_holds(fmt: str, tmp_path: Path) -> None:
    """gold -> format -> gold gives back every sentence, entity, mention, timex and relation;
    only the document record (status, annotators) is not held, and the import says so."""
    golds = load_documents()
    if fmt == "brat":
        export_brat(golds, tmp_path)
        source = tmp_path
    else:
        export_label_studio(golds, tmp_path)
        tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
        for task in tasks:  # what Label Studio's export holds once annotators accept the draft
            task["annotations"] = task.pop("predictions")
        source = tmp_path / "export.json"
        source.write_text(json.dumps(tasks), encoding="utf-8")
    backs, warnings = import_annotations(fmt, source, ROOT)
    assert [g.id for g in golds] == sorted(b.id for b in backs)
    for gold, back in zip(golds, sorted(backs, key=lambda b: b.id), strict=True):
        assert _without_document_record(gold) == _without_document_record(back), gold.id
        assert ("unreviewed", (f"import:{fmt}",)) == (back.status, back.annotators)
    assert any("not held by" in w for w in warnings)


def test_brat_files_use_t_r_a_and_note_lines(tmp_path: Path) -> None:
    """The .ann file has T, A, R, * and # lines, and the confs declare every label."""
    gold = _seed()
    export_brat([gold], tmp_path)
    ann = (tmp_path / f"{gold.id}.ann").read_text(encoding="utf-8")
    kinds = {line[0] for line in ann.splitlines()}
    assert {"T", "A", "R", "*", "#"} == kinds
    assert len(gold.relations) == len(re.findall(r"^R\d+\t", ann, re.M))
    conf = brat_configs()["annotation.conf"]
    for label in ("PER", "ORG", "GPE", "LOC", "Timex", "Trigger", "phoned", "named_envoy"):
        assert re.search(rf"^{label}\b", conf, re.M)


def test_label_studio_config_declares_labels_and_relations() -> None:
    """The labeling config offers every actor type, Timex, Trigger and the four relations."""
    config = label_studio_config()
    for value in (
        "PER",
        "ORG",
        "GPE",
        "LOC",
        "Timex",
        "Trigger",
        "phoned",
        "met",
        "sanctioned",
        "named_envoy",
    ):
        assert f'value="{value}"' in config


def test_spacy_docbin_holds_nested_mentions_in_spans(tmp_path: Path) -> None:
    """All mentions are in doc.spans["mentions"]; doc.ents holds non-overlapping names only."""
    import spacy
    from spacy.tokens import DocBin

    golds = load_documents()
    [path] = export_spacy(golds, tmp_path)
    docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(spacy.blank("en").vocab))
    for gold, doc in zip(golds, docs, strict=True):
        assert len(gold.mentions) == len(doc.spans["mentions"])
        assert len(gold.timexes) == len(doc.spans["timexes"])
        ends = [(e.start, e.end) for e in doc.ents]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))
        assert len(doc.ents) <= len(gold.mentions)
    seed = next(d for g, d in zip(golds, docs, strict=True) if g.id == _seed().id)
    assert 0 < len(seed.ents) < len(_seed().mentions)  # the seed nests names: some left out


def test_import_refuses_an_unknown_document(tmp_path: Path) -> None:
    """A brat file whose document is not in the seeds cannot be imported."""
    (tmp_path / "nope.txt").write_text("x", encoding="utf-8")
    (tmp_path / "nope.ann").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="nope: not in"):
        import_annotations("brat", tmp_path, ROOT)


def test_diff_lists_added_removed_and_changed_records(tmp_path: Path) -> None:
    """Changing a relation's date and removing a mention are both reported."""
    gold = _seed()
    old = tmp_path / "old" / f"{gold.id}.jsonl"
    new = tmp_path / "new" / f"{gold.id}.jsonl"
    write_annotation_file(gold, old)
    from dataclasses import replace

    changed = replace(
        gold,
        mentions=gold.mentions[1:],
        relations=[replace(gold.relations[0], date="2025-12-10"), *gold.relations[1:]],
    )
    write_annotation_file(changed, new)
    report = diff_gold(old.parent, new.parent)["documents"][gold.id]
    assert ["m1"] == [r["id"] for r in report["removed"]]
    assert [("relation", "r1", {"date": ["2025-12-11", "2025-12-10"]})] == [
        (c["record"], c["id"], c["fields"]) for c in report["changed"]
    ]
    text = render_diff(diff_gold(old, new))
    assert '      date: "2025-12-11" -> "2025-12-10"' in text
    assert "  - mention m1 [34, 36) 'ST'" in text


def test_versions_agree_across_manifest_changelog_guidelines_and_card() -> None:
    """The dataset version's MAJOR.MINOR is the guidelines version, everywhere it is written."""
    manifest = json.loads((ROOT / "annotations" / "manifest.json").read_text(encoding="utf-8"))
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    guidelines = (ROOT / "annotations" / "GUIDELINES.md").read_text(encoding="utf-8")
    top = re.search(r"^## (\d+\.\d+\.\d+)", changelog, re.M)
    line = re.search(r"^Version: (\d+\.\d+)$", guidelines, re.M)
    assert top is not None and line is not None
    assert manifest["dataset_version"] == top.group(1)
    assert manifest["guidelines_version"] == line.group(1)
    assert manifest["dataset_version"].startswith(manifest["guidelines_version"] + ".")


def test_importing_tasks_without_annotations_warns_that_the_draft_was_imported(
    tmp_path: Path,
) -> None:
    """`bench import --format label-studio` on tasks that hold only predictions still imports
    them, and says on stderr how many tasks had no annotations; a task with an annotation does
    not count."""
    from tests.conftest import run_bench

    golds = load_documents(split=None)[:3]
    export_label_studio(golds, tmp_path / "ls")
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    tasks[0]["annotations"] = tasks[0].pop("predictions")  # one annotated task
    (tmp_path / "ls" / "tasks.json").write_text(json.dumps(tasks), encoding="utf-8")
    run = run_bench(
        "import", "--format", "label-studio", str(tmp_path / "ls" / "tasks.json"),
        "--out", str(tmp_path / "out"), "--root", str(ROOT),
    )  # fmt: skip
    assert 0 == run.returncode, run.stderr
    assert 3 == len(list((tmp_path / "out").glob("*.jsonl")))
    drafts = ", ".join(g.id for g in golds[1:])
    assert (
        f"warning: 2 task(s) had no annotations ({drafts}): their predictions (the unedited "
        "draft) were imported"
    ) in run.stderr.splitlines()
