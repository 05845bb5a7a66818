"""The Hugging Face dataset: typed features, Parquet files, the dataset card, publishing.

``bench build --out DIR`` writes::

    DIR/README.md                                  dataset card (YAML metadata + prose)
    DIR/documents/<split>-00000-of-00001.parquet   one row per document (default config)
    DIR/relations/<split>-00000-of-00001.parquet   one flat row per relation

``datasets.load_dataset(DIR)`` (or ``DIR, "relations"``) loads it offline: the configs and their
data files are declared in the card's YAML, no loading script. Labels (entity, mention, timex
and relation types, levels, realis) are plain strings, so that a new value in a later guidelines
version does not renumber a ``ClassLabel``; the allowed values are listed in the card. Relation
``attributes`` become a struct of the known keys (``status``, ``authority``, ``role``,
``counterpart``, ``kind``, ``note``) plus ``extra``, a JSON string of any other key.

:func:`load_dataset_dict` builds the same ``DatasetDict`` in memory (``benchmark.load``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from benchmark.errors import RemoteError, UsageError
from benchmark.model import (
    ENTITY_TYPES,
    MENTION_LEVELS,
    REALIS_VALUES,
    RELATION_TYPES,
    TIMEX_TYPES,
    Document,
    Entity,
    Mention,
    Relation,
    SeedInfo,
    Sentence,
    Span,
    Timex,
    annotation_path,
    read_annotation_records,
    read_manifest,
    read_seed_metadata,
    read_seed_text,
    records_to_document,
    relation_fields,
    resolve_root,
)

CONFIGS = ("documents", "relations")

#: Rows per Parquet row group of a built folder: ``bench score`` cuts a split's documents into
#: runs for its worker processes at row-group ends, and a worker reads only its run's groups.
BUILT_ROW_GROUP_ROWS = 100
ATTRIBUTE_KEYS = ("status", "authority", "role", "counterpart", "kind", "note")
#: What the texts of each split are; the figures (counts, outlets, dates) come from the corpus.
SPLIT_KIND = {
    "test": "news articles, copied byte for byte; the split systems are evaluated on",
    "dev": "team-written wire-style reports about documented diplomatic events (facts from public "
    "records, sentences of the team's own); for developing systems, choosing few-shot "
    "demonstrations and training; not news, and not to be cited as news",
    "contrast": "team-written minimal edits of excerpts of the test articles, made to isolate one "
    "phenomenon each; not news, and not to be cited as news",
}

#: Licences under which a text counts as openly licensed (the card's ``license`` field).
OPEN_LICENCE_PREFIXES = ("CC BY 4.0", "CC0")


def features(config: str) -> Any:
    """The typed ``datasets.Features`` of a config."""
    from datasets import Features, List, Value

    string, int32 = Value("string"), Value("int32")
    attributes = {k: string for k in (*ATTRIBUTE_KEYS, "extra")}
    if config == "documents":
        return Features(
            {
                "id": string,
                "text": string,
                "published": string,
                "split": string,
                "group": string,
                "category": string,
                "source": string,
                "title": string,
                "url": string,
                "license": string,
                "guidelines_version": string,
                "status": string,
                "annotators": List(string),
                "sentences": List({"index": int32, "start": int32, "end": int32}),
                "entities": List(
                    {
                        "id": string,
                        "name": string,
                        "type": string,
                        "aliases": List(string),
                        "wikidata": string,
                    }
                ),
                "mentions": List(
                    {
                        "id": string,
                        "entity": string,
                        "start": int32,
                        "end": int32,
                        "text": string,
                        "type": string,
                        "level": string,
                    }
                ),
                "timexes": List(
                    {
                        "id": string,
                        "start": int32,
                        "end": int32,
                        "text": string,
                        "type": string,
                        "value": string,
                    }
                ),
                "relations": List(
                    {
                        "id": string,
                        "type": string,
                        "arg1": string,
                        "arg2": string,
                        "date": string,
                        "timex": string,
                        "trigger": {"start": int32, "end": int32, "text": string},
                        "evidence": List(int32),
                        "realis": string,
                        "attributes": attributes,
                    }
                ),
            }
        )
    if config == "relations":
        return Features(
            {
                "doc_id": string,
                "id": string,
                "type": string,
                "arg1": string,
                "arg1_name": string,
                "arg1_type": string,
                "arg2": string,
                "arg2_name": string,
                "arg2_type": string,
                "date": string,
                "realis": string,
                "trigger": string,
                "evidence": List(int32),
                "evidence_text": string,
                "attributes": attributes,
            }
        )
    raise UsageError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")


def _attributes(attrs: dict[str, Any]) -> dict[str, str | None]:
    out: dict[str, str | None] = {k: attrs.get(k) for k in ATTRIBUTE_KEYS}
    rest = {k: v for k, v in attrs.items() if k not in ATTRIBUTE_KEYS}
    out["extra"] = json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None
    return out


def _attributes_back(row: dict[str, Any]) -> dict[str, Any]:
    attrs = {k: row[k] for k in ATTRIBUTE_KEYS if row.get(k) is not None}
    if row.get("extra"):
        attrs.update(json.loads(row["extra"]))
    return attrs


def document_row(d: Document, seed: SeedInfo) -> dict[str, Any]:
    """A document's row of the ``documents`` config."""
    return {
        "id": d.id,
        "text": d.text,
        "published": d.published,
        "split": d.split,
        "group": d.group,
        "category": d.category,
        "source": seed.source,
        "title": seed.title,
        "url": seed.url,
        "license": seed.license,
        "guidelines_version": d.guidelines_version,
        "status": d.status,
        "annotators": list(d.annotators),
        "sentences": [vars(s) for s in d.sentences],
        "entities": [{**vars(e), "aliases": list(e.aliases)} for e in d.entities],
        "mentions": [vars(m) for m in d.mentions],
        "timexes": [vars(t) for t in d.timexes],
        "relations": [
            {**relation_fields(r), "attributes": _attributes(r.attributes)} for r in d.relations
        ],
    }


def relation_rows(d: Document) -> list[dict[str, Any]]:
    """A document's rows of the ``relations`` config, one per relation."""
    entities = d.entity_by_id()
    sentences = {s.index: d.text[s.start : s.end] for s in d.sentences}
    rows = []
    for r in d.relations:
        a1, a2 = entities[r.arg1], entities[r.arg2]
        rows.append(
            {
                "doc_id": d.id,
                "id": r.id,
                "type": r.type,
                "arg1": r.arg1,
                "arg1_name": a1.name,
                "arg1_type": a1.type,
                "arg2": r.arg2,
                "arg2_name": a2.name,
                "arg2_type": a2.type,
                "date": r.date,
                "realis": r.realis,
                "trigger": r.trigger.text,
                "evidence": list(r.evidence),
                "evidence_text": " ".join(sentences[i] for i in r.evidence if i in sentences),
                "attributes": _attributes(r.attributes),
            }
        )
    return rows


def _config_rows(config: str, docs: Iterable[Document], seeds: dict[str, SeedInfo]) -> list[Any]:
    if config == "documents":
        return [document_row(d, seeds[d.id]) for d in docs]
    return [row for d in docs for row in relation_rows(d)]


def _splits(seeds: dict[str, SeedInfo], root: Any) -> dict[str, list[SeedInfo]]:
    """The annotated documents of every split (test first) among ``seeds`` (the root's
    metadata), each split's sorted by id, as :func:`~benchmark.model.load_documents` reads
    them."""
    base = resolve_root(root)
    by_split: dict[str, list[SeedInfo]] = {}
    for seed in sorted(seeds.values(), key=lambda s: s.id):
        if annotation_path(seed, base).is_file():
            by_split.setdefault(seed.split, []).append(seed)
    return dict(sorted(by_split.items(), key=lambda kv: (kv[0] != "test", kv[0])))


def _documents(seeds: Iterable[SeedInfo], root: Any) -> Iterator[Document]:
    """The documents of ``seeds``, read one at a time."""
    base = resolve_root(root)
    for seed in seeds:
        records = read_annotation_records(annotation_path(seed, base))
        yield records_to_document(records, read_seed_text(seed, base), seed)


@dataclass
class SplitSummary:
    """What the dataset card states of one split, gathered while the split is written: its
    documents' ids and how many records of each layer they hold."""

    ids: list[str] = field(default_factory=list)
    entities: int = 0
    mentions: int = 0
    timexes: int = 0
    relations: int = 0

    def add(self, doc: Document) -> None:
        self.ids.append(doc.id)
        self.entities += len(doc.entities)
        self.mentions += len(doc.mentions)
        self.timexes += len(doc.timexes)
        self.relations += len(doc.relations)


def _dataset(rows: list[dict[str, Any]], config: str) -> Any:
    from datasets import Dataset, disable_progress_bars

    disable_progress_bars()
    return Dataset.from_list(rows, features=features(config))


def load_dataset_dict(config: str = "documents", root: Any = None) -> Any:
    """The benchmark as a ``DatasetDict`` built in memory: same features and rows as ``bench
    build``."""
    from datasets import DatasetDict

    features(config)  # reject an unknown config early
    seeds = read_seed_metadata(root)
    out = {}
    for split, split_seeds in _splits(seeds, root).items():
        rows = _config_rows(config, _documents(split_seeds, root), seeds)
        if rows:  # as the built folder: no relation in a split, no split in that config
            out[split] = _dataset(rows, config)
    return DatasetDict(out)


@dataclass
class BuildResult:
    out: Path
    files: list[str]
    rows: dict[str, dict[str, int]]


#: Where the card states the dataset and guidelines versions (:func:`dataset_card`), which
#: a report scored from the folder names (:func:`built_versions`).
_CARD_VERSIONS = re.compile(
    r"Dataset version \*\*(?P<dataset_version>[^*\n]+)\*\*, annotation guidelines version"
    r"\s+\*\*(?P<guidelines_version>[^*\n]+)\*\*"
)


def built_versions(folder: str | os.PathLike[str]) -> dict[str, str]:
    """The dataset and guidelines versions of the data root a folder was built from, as its
    card states them (the card travels with the folder to the Hub and back; the build's
    marker file does not); "unknown" when the card states none."""
    try:
        card = _CARD_VERSIONS.search((Path(folder) / "README.md").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        card = None
    stated = card.groupdict() if card else {}
    return {k: stated.get(k, "unknown") for k in ("dataset_version", "guidelines_version")}


def build_dataset(out: str | os.PathLike[str], root: Any = None) -> BuildResult:
    """Write the dataset folder: built beside ``out``, then swapped into place.

    ``out`` must be new, empty or an earlier build (it carries :data:`benchmark.outdir.MARKER`);
    anything else is refused before any work. See :mod:`benchmark.outdir` for the swap.

    Each split is read and written a row group at a time (:data:`BUILT_ROW_GROUP_ROWS`
    documents, into both configs' files), so memory stays bounded whatever the corpus size:
    building 100,000 documents at once took 14 GB.
    """
    from benchmark import __version__
    from benchmark.outdir import check_target, replace_folder

    target = Path(os.path.abspath(out))
    check_target(target, out)  # refuse before the (slow) build, not after it
    seeds = read_seed_metadata(root)
    splits = _splits(seeds, root)
    files: list[str] = []
    rows: dict[str, dict[str, int]] = {c: {} for c in CONFIGS}
    summaries: dict[str, SplitSummary] = {}
    marker = {"tool": "envoy-bench", "version": __version__}
    with replace_folder(target, marker) as tmp:
        for config in CONFIGS:
            (tmp / config).mkdir()
        for split, split_seeds in splits.items():
            names = {c: f"{c}/{split}-00000-of-00001.parquet" for c in CONFIGS}
            summaries[split] = summary = SplitSummary()
            with _ParquetWriters({c: tmp / name for c, name in names.items()}) as writers:
                documents = _documents(split_seeds, root)
                while chunk := list(islice(documents, BUILT_ROW_GROUP_ROWS)):
                    for doc in chunk:
                        summary.add(doc)
                    for config in CONFIGS:
                        writers.add(config, _config_rows(config, chunk, seeds))
            for config in CONFIGS:
                rows[config][split] = writers.rows[config]
                if writers.rows[config]:
                    files.append(names[config])
                else:  # no relation in the split: no file (see dataset_card)
                    (tmp / names[config]).unlink()
        (tmp / "README.md").write_text(dataset_card(summaries, rows, root), encoding="utf-8")
        files.append("README.md")
    return BuildResult(target, sorted(files), rows)


class _ParquetWriters:
    """One Parquet file per config, written a row group of :data:`BUILT_ROW_GROUP_ROWS` rows at
    a time (a config's rows wait until they fill a group; the last group may be short), with
    the typed features' schema (which ``datasets`` reads back), snappy pages with CRC
    checksums (the scorer verifies them) and a page index, as ``Dataset.to_parquet`` writes
    them."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths
        self.rows = dict.fromkeys(paths, 0)
        self._pending: dict[str, list[Any]] = {c: [] for c in paths}
        self._writers: dict[str, Any] = {}
        self._files: dict[str, BinaryIO] = {}
        self._schemas = {config: features(config).arrow_schema for config in paths}
        self.chunking: Any = None  # the content-defined chunking options, when pyarrow has it

    def __enter__(self) -> _ParquetWriters:
        import inspect

        import pyarrow.parquet as pq

        options: dict[str, Any] = {}
        if "use_content_defined_chunking" in inspect.signature(pq.ParquetWriter).parameters:
            # pages cut where the content says (pyarrow 21 on), as datasets writes them: a
            # rebuild that changes a few documents changes few pages, and the Hub's storage
            # uploads only those
            options["use_content_defined_chunking"] = self.chunking = _chunking_options()
        try:
            for config, path in self.paths.items():
                # through a Python file: a failed write is then an OSError with its errno and
                # message ("File too large"), not pyarrow's wording of it
                handle = self._files[config] = open(path, "wb")
                self._writers[config] = pq.ParquetWriter(
                    handle,
                    self._schemas[config],
                    compression="snappy",
                    write_page_index=True,
                    write_page_checksum=True,
                    **options,
                )
        except BaseException:
            self._close()
            raise
        return self

    def add(self, config: str, rows: list[Any]) -> None:
        pending = self._pending[config]
        pending += rows
        full = len(pending) - len(pending) % BUILT_ROW_GROUP_ROWS
        if full:
            self._write(config, pending[:full])
            del pending[:full]

    def _write(self, config: str, rows: list[Any]) -> None:
        import pyarrow as pa

        table = pa.Table.from_pylist(rows, schema=self._schemas[config])
        self._writers[config].write_table(table, row_group_size=BUILT_ROW_GROUP_ROWS)
        self.rows[config] += len(rows)

    def __exit__(self, kind: object, *_: object) -> None:
        try:
            if kind is None:
                for config, pending in self._pending.items():
                    if pending:
                        self._write(config, pending)
                if self.chunking is not None:  # the key datasets adds beside such pages
                    for writer in self._writers.values():
                        meta = {"content_defined_chunking": json.dumps(self.chunking)}
                        writer.add_key_value_metadata(meta)
        finally:
            self._close()

    def _close(self) -> None:
        """Close every writer, then every file, whatever fails (the first error is raised)."""
        with contextlib.ExitStack() as stack:
            for handle in self._files.values():
                stack.callback(handle.close)
            for writer in self._writers.values():
                stack.callback(writer.close)


def _chunking_options() -> Any:
    """The content-defined chunking options ``Dataset.to_parquet`` uses (True: pyarrow's own,
    for a ``datasets`` without such a default)."""
    from datasets import config

    return getattr(config, "DEFAULT_CDC_OPTIONS", True)


def documents_from_built(folder: str | os.PathLike[str]) -> list[Document]:
    """Gold documents read back from a built folder's ``documents`` Parquet files (pyarrow only,
    so that the scorer need not import ``datasets``)."""
    import pyarrow.parquet as pq

    docs = []
    for path in sorted((Path(folder) / "documents").glob("*.parquet")):
        for row in pq.read_table(path, page_checksum_verification=True).to_pylist():
            doc = Document(
                id=row["id"],
                text=row["text"],
                published=row["published"],
                split=row["split"],
                status=row["status"],
                group=row["group"],
                category=row["category"],
                guidelines_version=row["guidelines_version"],
                annotators=tuple(row["annotators"] or ()),
            )
            doc.sentences = [Sentence(**s) for s in row["sentences"]]
            doc.entities = [
                Entity(e["id"], e["name"], e["type"], tuple(e["aliases"] or ()), e["wikidata"])
                for e in row["entities"]
            ]
            doc.mentions = [Mention(**m) for m in row["mentions"]]
            doc.timexes = [Timex(**t) for t in row["timexes"]]
            doc.relations = [
                Relation(
                    id=r["id"],
                    type=r["type"],
                    arg1=r["arg1"],
                    arg2=r["arg2"],
                    date=r["date"],
                    timex=r["timex"],
                    trigger=Span(**r["trigger"]),
                    evidence=tuple(r["evidence"] or ()),
                    realis=r["realis"],
                    attributes=_attributes_back(r["attributes"]),
                )
                for r in row["relations"]
            ]
            docs.append(doc)
    return docs


# --------------------------------------------------------------------------- the card


def agreement_sets(root: Any = None) -> list[tuple[str, dict[str, Any]]]:
    """Every agreement study of the data root: ``(folder name, agreement.json)``, the dev
    study first (the headline: text neither annotator had seen before)."""
    base = resolve_root(root) / "annotations" / "agreement"
    found = sorted(base.glob("**/agreement.json"))
    studies = [(p.parent.relative_to(base).as_posix() or "seed", p) for p in found]
    studies.sort(key=lambda item: (item[0] != "dev", item[0]))
    return [(name, json.loads(p.read_text(encoding="utf-8"))) for name, p in studies]


def _agreement_section(root: Any) -> str:
    studies = agreement_sets(root)
    if not studies:
        return "No agreement study ships with this release."
    parts = []
    for name, data in studies:
        docs = sorted(data.get("per_document", {}))
        head = (
            f"**{'Dev split' if name == 'dev' else 'Seed article' if name == '.' else name}**: "
            f"{len(docs)} document(s) annotated twice, independently."
        )
        rows = ["| measure | value |", "|---|---:|"]
        for key, value in data.get("summary", {}).items():
            shown = f"{value:.3f}" if isinstance(value, float) else value
            shown = "n/a" if value is None else shown
            rows.append(f"| {key} | {shown} |")
        parts.append(head + "\n\n" + "\n".join(rows))
    return "\n\n".join(parts)


def _licence(seeds: list[SeedInfo]) -> tuple[str, str]:
    """The card's licence field and a sentence on it: ``cc-by-4.0`` only when every text is
    openly licensed, else ``other`` (each text's terms are in the provenance table)."""
    closed = [s for s in seeds if not s.license.startswith(OPEN_LICENCE_PREFIXES)]
    if not closed:
        return "cc-by-4.0", "Every text and all annotations are released under CC BY 4.0."
    return "other", (
        f"The annotations are released under CC BY 4.0. The texts are not under one licence: "
        f"{len(closed)} of {len(seeds)} are not openly licensed. Each text's terms are in the "
        "table below; use every text accordingly."
    )


def _split_line(split: str, ids: list[str], seeds: dict[str, SeedInfo], rels: int) -> str:
    sources = sorted({seeds[i].source for i in ids})
    dates = sorted(seeds[i].published for i in ids)
    span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    origin = f"{len(sources)} source(s)" if len(sources) > 1 else sources[0]
    return (
        f"| `{split}` | {len(ids)} | {rels} | {SPLIT_KIND.get(split, split)} "
        f"({origin}; published {span}) |"
    )


def _size_category(n: int) -> str:
    return "n<1K" if n < 1000 else "1K<n<10K" if n < 10_000 else "10K<n<100K"


def dataset_card(
    splits: dict[str, SplitSummary], rows: dict[str, dict[str, int]], root: Any = None
) -> str:
    """The dataset card: YAML metadata (with ``dataset_info`` from the typed features) + prose."""
    from datasets import DatasetInfo, SplitDict, SplitInfo
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCard, DatasetCardData

    manifest = read_manifest(root)
    seeds = read_seed_metadata(root)
    in_corpus = [seeds[i] for summary in splits.values() for i in summary.ids]
    licence, licence_text = _licence(in_corpus)
    n_docs = len(in_corpus)
    # a split with no row in a config (no relation at all) has no file there: datasets
    # refuses a declared split that holds no data
    held = {c: [split for split in splits if rows[c][split]] for c in CONFIGS}
    configs = [
        {
            "config_name": config,
            "data_files": [
                {"split": split, "path": f"{config}/{split}-*.parquet"} for split in held[config]
            ],
            **({"default": True} if config == "documents" else {}),
        }
        for config in CONFIGS
        if held[config]
    ]
    licence_fields: dict[str, Any] = (
        {"license_name": "mixed-per-document", "license_details": licence_text}
        if licence == "other"
        else {}
    )
    card_data = DatasetCardData(
        language=["en"],
        license=licence,
        **licence_fields,
        annotations_creators=["machine-generated"],
        language_creators=sorted(
            {"found" if split == "test" else "machine-generated" for split in splits}
        ),
        multilinguality=["monolingual"],
        size_categories=[_size_category(n_docs)],
        source_datasets=["original"],
        task_categories=["token-classification", "text-classification"],
        task_ids=["named-entity-recognition"],
        pretty_name="envoy-bench",
        tags=[
            "relation-extraction",
            "event-extraction",
            "coreference-resolution",
            "entity-linking",
            "temporal-expressions",
            "timex3",
            "news",
            "diplomacy",
        ],
        configs=configs,
    )
    infos = DatasetInfosDict()
    for config in [c for c in CONFIGS if held[c]]:
        split_dict = SplitDict()
        for split in held[config]:
            split_dict.add(SplitInfo(name=split, num_examples=rows[config][split]))
        infos[config] = DatasetInfo(features=features(config), splits=split_dict)
    infos.to_dataset_card_data(card_data)
    split_lines = "\n".join(
        _split_line(split, summary.ids, seeds, rows["relations"][split])
        for split, summary in splits.items()
    )
    provenance = "\n".join(
        f"| `{s.id}` | {s.split} | {s.source} | {s.published} | {s.license} | {s.provenance} |"
        for s in sorted(in_corpus, key=lambda s: (s.split, s.id))
    )
    twice = sorted({d for _, a in agreement_sets(root) for d in a.get("per_document", {})})
    test_docs = splits["test"].ids if "test" in splits else []
    outlets = sorted({seeds[i].source for i in test_docs})
    counts = {
        layer: sum(getattr(summary, layer) for summary in splits.values())
        for layer in ("mentions", "entities", "timexes", "relations")
    }
    body = f"""
# envoy-bench

A benchmark for extracting *who phoned, met, sanctioned or appointed whom, and when* from news
text. Dataset version **{manifest.get("dataset_version")}**, annotation guidelines version
**{manifest.get("guidelines_version")}**.

## What it is

Gold annotations over English news: every mention of every actor (people, organisations, states
and named places; names, nominals and pronouns) with character offsets, grouped into coreference
clusters with canonical names, aliases and Wikidata QIDs where certain; every temporal
expression as TimeML TIMEX3, normalized against the publication date; and every `phoned`, `met`,
`sanctioned` and `named_envoy` event with its two arguments, date, anchoring timex, trigger,
evidence sentences, realis (`actual`, `future`, `hypothetical`, `negated`) and attributes.
In total: {n_docs} document(s), {counts["entities"]} actors, {counts["mentions"]} mentions,
{counts["timexes"]} timexes and {counts["relations"]} relations.

| split | documents | relations | what the texts are |
|---|---:|---:|---|
{split_lines}

## Configs and fields

- `documents` (default): one row per document: `id`, `text`, `published` (the document
  creation time, ISO date string), `split`, `group` and `category` (contrast split only: the
  edit group and the phenomenon edited; empty elsewhere), `source`, `title`, `url`, `license`,
  `guidelines_version`, `status`, `annotators`, and nested lists:
  - `sentences`: `index`, `start`, `end`;
  - `entities`: `id`, `name`, `type` ({"/".join(ENTITY_TYPES)}), `aliases`, `wikidata`;
  - `mentions`: `id`, `entity`, `start`, `end`, `text`, `type`,
    `level` ({"/".join(MENTION_LEVELS)});
  - `timexes`: `id`, `start`, `end`, `text`, `type` ({"/".join(TIMEX_TYPES)}), `value`;
  - `relations`: `id`, `type` ({"/".join(RELATION_TYPES)}), `arg1`, `arg2` (entity ids),
    `date`, `timex`, `trigger` (`start`, `end`, `text`), `evidence` (sentence indices),
    `realis` ({"/".join(REALIS_VALUES)}), `attributes` (`status`, `authority`, `role`,
    `counterpart`, `kind`, `note`, and `extra` as JSON).
- `relations`: one flat row per relation: `doc_id`, `id`, `type`, `arg1`/`arg2` with their
  names and types, `date`, `realis`, `trigger` text, `evidence` and `evidence_text`,
  `attributes`.

Offsets are Python string indices (Unicode code points) into `text`, end exclusive. Labels are
plain strings (not `ClassLabel`) so that later guideline versions can add values without
renumbering.

```python
from datasets import load_dataset
docs = load_dataset("path/to/this/folder")                 # the documents config
rels = load_dataset("path/to/this/folder", "relations")
```

## How it was annotated

The annotators, reviewers and adjudicators of this release are AI language-model agents of the
envoy-bench team, each working alone from the written guidelines and the text; the team-written
texts (dev and contrast splits) were written the same way from public records. Hence the
`machine-generated` labels above. Agreement between such annotators measures how completely the
guidelines determine the annotation; it is not a human agreement figure, and human annotators
would likely agree less. Annotators followed the envoy-bench annotation guidelines version
{manifest.get("guidelines_version")} (`annotations/GUIDELINES.md` in the source repository),
which state every decision with examples, including metonymy, nested mentions, pronouns in
quotations, events told twice, counted days, relative dates, reported and planned events,
eased sanctions and standing roles. {len(twice)} of the {n_docs} documents were annotated
twice, independently (the second annotator saw only the guidelines and the text), agreement was
measured per layer, and every disagreement was adjudicated; the adjudicated pass is the gold.
The other documents were annotated once and checked by a reviewer. Every file is checked by
`bench validate` (offsets, references, types, TIMEX3 syntax, seed hashes).

### Inter-annotator agreement (before adjudication)

{_agreement_section(root)}

Both passes of each study are kept in the source repository (`annotations/agreement/`), with
an adjudication log that lists every disagreement and its decision; the rules it settled were
added to the guidelines. The contrast split was written and annotated by the team from the
adjudicated gold, one edit at a time, and is checked by the same validator.

## Provenance and licence of every text

{licence_text}

| document | split | source | published | licence | provenance |
|---|---|---|---|---|---|
{provenance}

## Limitations

- Small: the test split has {len(test_docs)} news article(s) from {len(outlets)} outlet(s); with
  few documents, intervals are wide or not computed at all (the scorer says why), and figures
  must not be read as general performance.
- English only; one domain (diplomacy and sanctions).
- No split-antecedent coreference (a plural for several annotated actors is not a mention);
  relations are binary.
- The contrast split, where present, is team-written edits of the news text, not news.

## Citation

```bibtex
@misc{{envoy_bench_{manifest.get("dataset_version", "").replace(".", "_")},
  title  = {{envoy-bench: who phoned, met, sanctioned or appointed whom, and when}},
  author = {{{{envoy-bench contributors}}}},
  year   = {{2026}},
  note   = {{Dataset version {manifest.get("dataset_version")},
            guidelines version {manifest.get("guidelines_version")}}}
}}
```
"""
    card = DatasetCard(f"---\n{card_data.to_yaml()}\n---\n{body}")
    return str(card)


def push_dataset(
    folder: str | os.PathLike[str],
    repo_id: str,
    *,
    token: str | None = None,
    private: bool = False,
    api: Any = None,
) -> str:
    """Publish a built folder to the Hugging Face Hub as a dataset repository.

    ``api`` defaults to ``huggingface_hub.HfApi()``; tests pass a recording stand-in.
    """
    path = Path(folder)
    if not (path / "README.md").is_file() or not (path / "documents").is_dir():
        raise UsageError(f"{path}: not a built dataset folder (run `bench build --out {path}`)")
    if "/" not in repo_id:
        raise UsageError(f"--repo-id must look like ORG/NAME, not {repo_id!r}")
    from benchmark.outdir import MARKER

    if api is None:
        from huggingface_hub import HfApi

        api = HfApi(token=token)
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        api.upload_folder(
            folder_path=str(path),
            repo_id=repo_id,
            repo_type="dataset",
            commit_message="Upload envoy-bench dataset",
            ignore_patterns=[MARKER],  # the local build marker is not part of the dataset
        )
    except Exception as exc:  # network, authentication: the hub's own message says which
        raise RemoteError(f"publishing to {repo_id} failed: {exc}") from exc
    return f"https://huggingface.co/datasets/{repo_id}"
