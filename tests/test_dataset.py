"""The Hugging Face dataset: built folder, offline loading, typed features, the card, push."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from benchmark.dataset import build_dataset, documents_from_built, load_dataset_dict, push_dataset
from benchmark.errors import UsageError
from benchmark.model import load_documents
from tests.conftest import raw_gold_files, raw_metadata

ROOT = Path(__file__).resolve().parent.parent

# The allowed values checked below are the small subsets of the Hub's lists (huggingface.co
# "dataset card" metadata specification) that this card uses; DatasetCard.validate() needs the
# network, so the card is checked offline against them.
ALLOWED_LICENSES = {"cc-by-4.0", "cc-by-sa-4.0", "cc0-1.0", "mit", "apache-2.0", "other"}
ALLOWED_TASK_CATEGORIES = {
    "token-classification",
    "text-classification",
    "text-generation",
    "question-answering",
    "summarization",
    "translation",
}
ALLOWED_SIZE_CATEGORIES = {"n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hf") / "envoy-bench"
    build_dataset(out)
    return out


def _annotation_counts() -> dict[str, Any]:
    """Figures read straight from the JSONL files and the seed metadata, not through the library."""
    splits: Counter[str] = Counter()
    seeds = {i: meta["split"] for i, meta in raw_metadata().items()}
    layers: dict[str, Counter[str]] = {k: Counter() for k in ("mention", "relation", "entity")}
    for path in raw_gold_files():
        splits[seeds[path.stem]] += 1
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["record"] in layers:
                layers[record["record"]][seeds[path.stem]] += 1
    return {"documents": dict(splits), **{k: dict(v) for k, v in layers.items()}}


def test_load_dataset_offline_matches_the_annotation_files(built: Path, tmp_path: Path) -> None:
    """`datasets.load_dataset(DIR, CONFIG)` with HF_DATASETS_OFFLINE=1 gives typed nested
    features and the row counts of the annotation files."""
    code = f"""
import json, datasets
docs = datasets.load_dataset({str(built)!r})
rels = datasets.load_dataset({str(built)!r}, "relations")
f = docs["test"].features
print(json.dumps({{
    "documents": {{s: d.num_rows for s, d in docs.items()}},
    "relation": {{s: d.num_rows for s, d in rels.items()}},
    "mention": {{s: sum(len(r["mentions"]) for r in d) for s, d in docs.items()}},
    "entity": {{s: sum(len(r["entities"]) for r in d) for s, d in docs.items()}},
    "published": repr(f["published"]),
    "mentions": type(f["mentions"]).__name__,
    "mention_start": repr(f["mentions"].feature["start"]),
    "evidence": repr(f["relations"].feature["evidence"]),
    "first_published": docs["test"][0]["published"],
}}))
"""
    env = {
        **os.environ,
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_CACHE": str(tmp_path / "cache"),
        "HF_HOME": str(tmp_path / "home"),
    }
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert 0 == run.returncode, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    expected = _annotation_counts()
    assert expected["documents"] == got["documents"]
    assert expected["relation"] == got["relation"]
    assert expected["mention"] == got["mention"]
    assert expected["entity"] == got["entity"]
    assert "Value('string')" == got["published"]
    assert "List" == got["mentions"]
    assert "Value('int32')" == got["mention_start"]
    assert "List(Value('int32'))" == got["evidence"]
    assert "2025-12-12" == got["first_published"]


def test_benchmark_load_equals_the_built_folder(built: Path) -> None:
    """`benchmark.load()` returns the same rows and features as the built Parquet files."""
    import datasets

    from_disk = datasets.load_dataset(
        "parquet", data_files={"test": str(built / "documents" / "test-00000-of-00001.parquet")}
    )["test"]
    in_memory = load_dataset_dict("documents")["test"]
    assert from_disk.features == in_memory.features
    assert from_disk.to_list() == in_memory.to_list()


def test_built_folder_reads_back_as_the_gold(built: Path) -> None:
    """Reading the built Parquet back gives the gold documents, field for field."""
    from benchmark.model import document_to_records

    back = {d.id: d for d in documents_from_built(built)}
    for doc in load_documents(split=None):
        assert document_to_records(doc) == document_to_records(back[doc.id])


def test_card_metadata_is_valid_and_complete(built: Path) -> None:
    """The card parses; its license, task categories and size are allowed values; its prose
    has every section a user needs."""
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(built / "README.md")
    data = card.data.to_dict()
    assert data["license"] in ALLOWED_LICENSES
    assert set(data["task_categories"]) <= ALLOWED_TASK_CATEGORIES
    assert set(data["size_categories"]) <= ALLOWED_SIZE_CATEGORIES
    assert ["en"] == data["language"]
    assert "envoy-bench" == data["pretty_name"]
    assert {"documents", "relations"} == {c["config_name"] for c in data["configs"]}
    assert [True] == [c.get("default") for c in data["configs"] if c["config_name"] == "documents"]
    assert {"documents", "relations"} == {i["config_name"] for i in data["dataset_info"]}
    for heading in (
        "## What it is",
        "## How it was annotated",
        "Inter-annotator agreement",
        "## Provenance and licence of every text",
        "## Limitations",
        "## Citation",
    ):
        assert heading in card.text
    manifest = json.loads((ROOT / "annotations" / "manifest.json").read_text(encoding="utf-8"))
    version = re.escape(manifest["guidelines_version"])
    assert re.search(rf"guidelines version\s+\*\*{version}\*\*", card.text)


def test_card_licence_field_is_true_for_every_text(built: Path) -> None:
    """`cc-by-4.0` only when every text is openly licensed, else `other`; each document's row
    in the provenance table carries that document's own licence."""
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(built / "README.md")
    meta = raw_metadata()
    is_open = [m.get("license", "").startswith(("CC BY 4.0", "CC0")) for m in meta.values()]
    assert ("cc-by-4.0" if all(is_open) else "other") == card.data.to_dict()["license"]
    for doc_id, m in meta.items():
        row = next(line for line in card.text.splitlines() if line.startswith(f"| `{doc_id}` |"))
        assert f"| {m['split']} | {m['source']} | {m['published']} | {m['license']} |" in row


def test_card_split_table_counts_the_corpus(built: Path) -> None:
    """Each split's row gives the number of documents and relations found in the files."""
    counts = _annotation_counts()
    card = (built / "README.md").read_text(encoding="utf-8")
    for split, n in counts["documents"].items():
        row = next(line for line in card.splitlines() if line.startswith(f"| `{split}` |"))
        assert f"| `{split}` | {n} | {counts['relation'].get(split, 0)} |" in row


def test_card_names_no_path_of_a_machine(built: Path) -> None:
    """Provenance speaks of sources and repository files, never of a local or internal path."""
    card = (built / "README.md").read_text(encoding="utf-8")
    for fragment in ("shared/", "/work/", "/tmp/", "/home/", "site-packages"):
        assert fragment not in card


class RecordingApi:
    """Stands in for huggingface_hub.HfApi: records the calls instead of sending them."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def create_repo(self, repo_id: str, **kwargs: Any) -> None:
        self.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))

    def upload_folder(self, **kwargs: Any) -> None:
        self.calls.append(("upload_folder", kwargs))


def test_push_uploads_the_built_folder_as_a_dataset(built: Path) -> None:
    """`bench push` creates the dataset repo and uploads the whole folder."""
    api = RecordingApi()
    url = push_dataset(built, "org/envoy-bench", api=api)
    assert "https://huggingface.co/datasets/org/envoy-bench" == url
    assert [
        (
            "create_repo",
            {
                "repo_id": "org/envoy-bench",
                "repo_type": "dataset",
                "private": False,
                "exist_ok": True,
            },
        ),
        (
            "upload_folder",
            {
                "folder_path": str(built),
                "repo_id": "org/envoy-bench",
                "repo_type": "dataset",
                "commit_message": "Upload envoy-bench dataset",
                "ignore_patterns": [".envoy-bench-build"],
            },
        ),
    ] == api.calls


def test_push_refuses_a_folder_that_is_not_built(tmp_path: Path) -> None:
    """Pushing an empty folder is a usage error that says how to build one."""
    with pytest.raises(UsageError, match="not a built dataset folder"):
        push_dataset(tmp_path, "org/x", api=RecordingApi())


def test_rebuild_replaces_the_folder_atomically(tmp_path: Path) -> None:
    """Building twice into the same place leaves one complete folder and no temporary ones."""
    out = tmp_path / "ds"
    build_dataset(out)
    build_dataset(out)
    assert ["ds"] == sorted(p.name for p in tmp_path.iterdir())
    assert {"README.md", "documents", "relations", ".envoy-bench-build"} == {
        p.name for p in out.iterdir()
    }


def test_gold_option_reads_a_built_folder(built: Path) -> None:
    """`bench score --gold DIR` accepts a built dataset folder."""
    from benchmark.scoring import load_gold

    assert [d.id for d in load_documents()] == [d.id for d in load_gold(built)]


def test_contrast_split_is_labelled_and_keeps_groups_and_categories(built: Path) -> None:
    """The card calls the contrast split team-written edits, not news, and its rows carry the
    edit group and category that seeds/contrast/metadata.jsonl records."""
    import pyarrow.parquet as pq

    card = (built / "README.md").read_text(encoding="utf-8")
    row = next(line for line in card.splitlines() if line.startswith("| `contrast` |"))
    assert "not news" in row
    expected = {
        i: (meta["group"], meta["category"])
        for i, meta in raw_metadata().items()
        if meta["split"] == "contrast"
    }
    rows = pq.read_table(built / "documents" / "contrast-00000-of-00001.parquet").to_pylist()
    assert expected == {r["id"]: (r["group"], r["category"]) for r in rows}
    agreement = json.loads((ROOT / "annotations" / "agreement" / "agreement.json").read_text())
    kappa = agreement["summary"]["Cohen's kappa (relation labels over actor pairs)"]
    assert f"| Cohen's kappa (relation labels over actor pairs) | {kappa:.3f} |" in card


def test_build_holds_one_row_group_of_documents_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building 25 documents in row groups of 4 never has more than 8 of them alive at once
    (a group being written and the next being read; the whole corpus was held before, 14 GB
    at 100,000 documents), and the folder still holds every document, in row groups of 4."""
    import gc
    import weakref

    import pyarrow.parquet as pq

    from benchmark import dataset
    from benchmark.scoring.corpus import make_copies, read_predictions

    root = tmp_path / "root"
    make_copies(root, 25, read_predictions(ROOT / "submissions" / "rules" / "predictions.jsonl"))
    monkeypatch.setattr(dataset, "BUILT_ROW_GROUP_ROWS", 4)
    refs: list[weakref.ref[Any]] = []
    most = 0
    read = dataset._documents

    def counted(seeds: Any, root: Any) -> Any:
        nonlocal most
        for doc in read(seeds, root):
            gc.collect()
            refs.append(weakref.ref(doc))
            most = max(most, sum(ref() is not None for ref in refs))
            yield doc

    monkeypatch.setattr(dataset, "_documents", counted)
    build_dataset(tmp_path / "built", root)
    meta = pq.ParquetFile(tmp_path / "built" / "documents" / "test-00000-of-00001.parquet").metadata
    groups = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert (True, [4, 4, 4, 4, 4, 4, 1]) == (most <= 8, groups), most


def test_a_split_without_relations_is_left_out_of_the_relations_config(
    data_root: Path, tmp_path: Path
) -> None:
    """With every relation of the contrast split removed, the built folder loads offline: the
    relations config holds test and dev, the documents config all three splits (the card
    declared an empty contrast file, which datasets refuses to load)."""
    import datasets

    for path in (data_root / "annotations" / "contrast").glob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if '"record": "relation"' not in x))
    built = tmp_path / "built"
    build_dataset(built, data_root)
    relations = datasets.load_dataset(str(built), "relations")
    documents = datasets.load_dataset(str(built), "documents")
    counts = _annotation_counts()
    expected = (
        {"test": counts["relation"]["test"], "dev": counts["relation"]["dev"]},
        counts["documents"],
        [],
    )
    actual = (
        {split: len(rows) for split, rows in relations.items()},
        {split: len(rows) for split, rows in documents.items()},
        sorted(p.name for p in (built / "relations").glob("contrast-*")),
    )
    assert expected == actual


def test_the_built_files_are_those_datasets_writes(tmp_path: Path) -> None:
    """Every Parquet file of a build is byte for byte what ``Dataset.to_parquet`` writes from
    the same rows in row groups of 100 (the build used it before it streamed), relations
    included, whose rows of several documents fill a group across documents."""
    from datasets import Dataset

    from benchmark import dataset
    from benchmark.model import read_seed_metadata

    built = tmp_path / "built"
    build_dataset(built)
    seeds = read_seed_metadata()
    for split, split_seeds in dataset._splits(seeds, None).items():
        for config in dataset.CONFIGS:
            rows = dataset._config_rows(config, dataset._documents(split_seeds, None), seeds)
            expected = tmp_path / f"{config}-{split}.parquet"
            Dataset.from_list(rows, features=dataset.features(config)).to_parquet(
                str(expected), batch_size=100, write_page_checksum=True
            )
            name = f"{config}/{split}-00000-of-00001.parquet"
            assert expected.read_bytes() == (built / name).read_bytes(), name


def test_a_seed_text_that_cannot_be_read_is_named_not_blamed_on_the_output(
    data_root: Path, tmp_path: Path
) -> None:
    """A seed text replaced by a folder stops `bench build` with that file named, exit 2, as
    before the build streamed (it then said "the build could not be written")."""
    from tests.conftest import run_bench

    text = next((data_root / "seeds" / "dev").glob("*.txt"))
    text.unlink()
    text.mkdir()
    run = run_bench("build", "--root", str(data_root), "--out", str(tmp_path / "built"))
    expected = f"error: {text}: Is a directory"
    assert (2, expected) == (run.returncode, run.stderr.strip()), run.stderr
