"""The annotation model: files round-trip, writes are atomic, the data root is found."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark import model
from benchmark.model import (
    SeedInfo,
    annotation_path,
    atomic_write_bytes,
    document_to_records,
    load_documents,
    read_annotation_records,
    read_seed_metadata,
    records_to_document,
    records_to_text,
    write_annotation_file,
)

SEED_ID = "000_8dbbdfc2a546922b"


def test_annotation_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    """Reading the gold and writing it back gives the same bytes (stable, diff-friendly), for
    every document of every split."""
    for doc in load_documents(split=None):
        out = tmp_path / f"{doc.id}.jsonl"
        write_annotation_file(doc, out)
        assert annotation_path(doc.id).read_bytes() == out.read_bytes(), doc.id


def test_one_record_per_line() -> None:
    """Each mention is one line, so changing a mention is a one-line diff (every document)."""
    for doc in load_documents(split=None):
        lines = records_to_text(document_to_records(doc)).splitlines()
        count = 1 + len(doc.sentences) + len(doc.entities) + len(doc.mentions)
        count += len(doc.timexes) + len(doc.relations)
        assert count == len(lines), doc.id


def test_offsets_index_code_points() -> None:
    """Every stored mention text equals the text sliced by its offsets (every document); the
    seed's non-ASCII quotes make the check bite."""
    docs = load_documents(split=None)
    assert any(not d.text.isascii() for d in docs)
    for doc in docs:
        assert [m.text for m in doc.mentions] == [doc.text[m.start : m.end] for m in doc.mentions]


def test_records_rebuild_the_document() -> None:
    """A document survives records -> document -> records unchanged (every document)."""
    seeds = read_seed_metadata()
    for doc in load_documents(split=None):
        records = read_annotation_records(annotation_path(doc.id))
        rebuilt = records_to_document(records, doc.text, seeds[doc.id])
        assert document_to_records(doc) == document_to_records(rebuilt), doc.id


def _seed() -> SeedInfo:
    return read_seed_metadata()[SEED_ID]


def test_atomic_write_gives_ordinary_permissions(tmp_path: Path) -> None:
    """Files written atomically are readable by others (0644 under the usual umask 022)."""
    import os

    old = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "f", b"x")
    finally:
        os.umask(old)
    assert 0o644 == (tmp_path / "f").stat().st_mode & 0o777


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    """A write that fails half-way leaves the previous content and no temporary file."""
    target = tmp_path / "file.txt"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        atomic_write_bytes(target, 42)  # type: ignore[arg-type]
    assert "old" == target.read_text(encoding="utf-8")
    assert [target] == list(tmp_path.iterdir())


def test_select_ids_takes_ids_and_inclusive_ranges_in_order() -> None:
    """select_ids keeps the given order and takes single ids and FIRST..LAST ranges."""
    from benchmark.model import select_ids

    ids = ["dev-001", "dev-002", "dev-010", "dev-043", "dev-056", "dev-057"]
    assert ["dev-002", "dev-043", "dev-056"] == select_ids(ids, ["dev-043..dev-056", "dev-002"])
    assert [] == select_ids(ids, ["dev-100"])


_FIELD_VALUES = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.none(),
    st.sampled_from(["dev-001", "dev", "test", "2024-01-02", "a b", "\u00e9", "\\ud800"]),
)
_LINES = st.one_of(
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["dev-001", "dev-002", "x y", "dev-003"]),
            "published": st.just("2024-01-02"),
            "split": st.sampled_from(["dev", "dev", "test"]),
            "sha256": st.just("0" * 64),
            "source": st.text(max_size=8),
        },
        optional={"title": _FIELD_VALUES, "license": _FIELD_VALUES, "extra": _FIELD_VALUES},
    ).map(lambda record: json.dumps(record, ensure_ascii=False)),
    st.sampled_from(["", "   ", "{", "[1]", '{"id": "dev-009"}{"id": "dev-010"}', "null"]),
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_LINES, max_size=6))
def test_metadata_read_the_quick_way_equals_the_checking_path(lines: list[str]) -> None:
    """Whenever the msgspec reader accepts a metadata file, the checking reader finds the same
    records and no problem; a file it refuses still gets the checking reader's problems."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "metadata.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        quick = model._quick_split_metadata(path, "dev")
        with patch.object(model, "_quick_split_metadata", lambda *_: None):
            checked, problems = model.read_split_metadata(path, "dev")
        if quick is not None:
            assert ([], checked) == (problems, quick)
        assert (checked, problems) == model.read_split_metadata(path, "dev")


def test_a_json_error_message_names_the_column_once(tmp_path: Path) -> None:
    """json's "Invalid control character at" message is followed by its column (the 9th
    character, counted from 1), not by a second "at" (before: "... at at column 9")."""
    from benchmark.model import iter_json_lines

    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": "b\x01c"}\n')
    [(line, value, error)] = list(iter_json_lines(path))
    assert (1, None, "invalid JSON (Invalid control character at column 9)") == (
        line,
        value,
        error,
    )
