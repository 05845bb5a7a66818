"""``bench diff OLD NEW``: what a change to the gold adds, removes and alters.

Records are matched by **content**, never by id, so that an import or an edit that renumbers
mentions, entities or relations shows no spurious change:

* sentence: its span; timex: its span;
* entity: its canonical name and type;
* mention: its span, type and the *name* of its entity;
* relation: its type, the names of its arguments (unordered for symmetric types) and its
  trigger span;
* the document record: one per file.

Records left unmatched on both sides that share a kind and an id are then paired as a change
(so renaming an entity or moving a mention shows as one change, not a removal and an
addition). A changed record lists each field that differs, old value -> new value, with
entity references shown as entity names; ids and sentence indices themselves are never
compared.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from benchmark.errors import UsageError
from benchmark.model import SYMMETRIC_TYPES, read_annotation_records

Key = tuple[Any, ...]


def _views(path: Path) -> dict[Key, tuple[dict[str, Any], dict[str, Any]]]:
    """Content key -> (comparable view, raw record) of every record of one file."""
    return _record_views(read_annotation_records(path))


def same_annotations(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    """Whether two files' records (their document records aside) have the same content, as
    ``bench diff`` matches them: ids renumbered by an import make no difference."""
    views_a, views_b = _record_views(a), _record_views(b)
    return {k: v[0] for k, v in views_a.items() if k[0] != "document"} == {
        k: v[0] for k, v in views_b.items() if k[0] != "document"
    }


def _record_views(
    records: list[dict[str, Any]],
) -> dict[Key, tuple[dict[str, Any], dict[str, Any]]]:
    names = {r.get("id"): r.get("name") for r in records if r.get("record") == "entity"}
    out: dict[Key, tuple[dict[str, Any], dict[str, Any]]] = {}
    for r in records:
        kind = r.get("record")
        view = {k: v for k, v in r.items() if k not in ("id", "index")}
        if kind == "mention":
            view["entity"] = names.get(r.get("entity"), r.get("entity"))
            key: Key = (kind, r.get("start"), r.get("end"), r.get("type"), view["entity"])
        elif kind == "relation":
            view["arg1"] = names.get(r.get("arg1"), r.get("arg1"))
            view["arg2"] = names.get(r.get("arg2"), r.get("arg2"))
            args = (str(view["arg1"]), str(view["arg2"]))
            if r.get("type") in SYMMETRIC_TYPES:
                args = tuple(sorted(args))  # type: ignore[assignment]
            trigger = r.get("trigger") or {}
            key = (kind, r.get("type"), *args, trigger.get("start"), trigger.get("end"))
        elif kind == "entity":
            key = (kind, r.get("name"), r.get("type"))
        elif kind in ("sentence", "timex"):
            key = (kind, r.get("start"), r.get("end"))
        else:
            key = (kind,)
        while key in out:  # a duplicate (invalid gold, still shown): keep both
            key = (*key, "again")
        out[key] = (view, r)
    return out


def _ident(record: dict[str, Any]) -> str:
    return str(record["index"] if record.get("record") == "sentence" else record.get("id", ""))


def _fields(a: dict[str, Any], b: dict[str, Any]) -> dict[str, list[Any]]:
    return {f: [a.get(f), b.get(f)] for f in sorted(a.keys() | b.keys()) if a.get(f) != b.get(f)}


def _files(path: Path) -> dict[str, Path]:
    if path.is_file():
        return {path.stem: path}
    if path.is_dir():
        return {p.stem: p for p in sorted(path.glob("*.jsonl"))}
    raise UsageError(f"{path}: no such annotation file or folder")


def diff_gold(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> dict[str, Any]:
    """Per document: added, removed and changed records (changes field by field)."""
    a, b = _files(Path(old)), _files(Path(new))
    if Path(old).is_file() and Path(new).is_file():
        a, b = {"document": a[Path(old).stem]}, {"document": b[Path(new).stem]}
    documents: dict[str, Any] = {}
    for doc_id in sorted(set(a) | set(b)):
        if doc_id not in b:
            documents[doc_id] = {"status": "removed"}
            continue
        if doc_id not in a:
            documents[doc_id] = {"status": "added"}
            continue
        ra, rb = _views(a[doc_id]), _views(b[doc_id])
        changed = []
        for k in ra.keys() & rb.keys():
            fields = _fields(ra[k][0], rb[k][0])
            if fields:
                changed.append({"record": k[0], "id": _ident(rb[k][1]), "fields": fields})
        only_a = {(v[1].get("record"), _ident(v[1])): k for k, v in ra.items() if k not in rb}
        only_b = {(v[1].get("record"), _ident(v[1])): k for k, v in rb.items() if k not in ra}
        paired = only_a.keys() & only_b.keys()
        for kind, ident in sorted(paired):
            fields = _fields(ra[only_a[(kind, ident)]][0], rb[only_b[(kind, ident)]][0])
            changed.append({"record": kind, "id": ident, "fields": fields})
        added = [rb[k][1] for ident, k in only_b.items() if ident not in paired]
        removed = [ra[k][1] for ident, k in only_a.items() if ident not in paired]
        changed.sort(key=lambda c: (c["record"], c["id"]))
        if added or removed or changed:
            documents[doc_id] = {
                "status": "changed",
                "added": added,
                "removed": removed,
                "changed": changed,
            }
    return {"documents": documents, "summary": {"changed_documents": len(documents)}}


def render_diff(report: dict[str, Any]) -> str:
    """A reviewer-readable text: + added, - removed, ~ changed with old -> new."""
    if not report["documents"]:
        return "no differences\n"
    lines = []
    for doc_id, d in report["documents"].items():
        lines.append(f"{doc_id}: {d['status']}")
        for r in d.get("added", []):
            lines.append(f"  + {r['record']} {_label(r)}")
        for r in d.get("removed", []):
            lines.append(f"  - {r['record']} {_label(r)}")
        for c in d.get("changed", []):
            lines.append(f"  ~ {c['record']} {c['id']}")
            for field, (before, after) in c["fields"].items():
                lines.append(
                    f"      {field}: {json.dumps(before, ensure_ascii=False)} -> "
                    f"{json.dumps(after, ensure_ascii=False)}"
                )
    return "\n".join(lines) + "\n"


def _label(r: dict[str, Any]) -> str:
    ident = r.get("id", r.get("index"))
    if r["record"] == "mention" or r["record"] == "timex":
        return f"{ident} [{r['start']}, {r['end']}) {r['text']!r}"
    if r["record"] == "relation":
        return f"{ident} {r['type']}({r['arg1']}, {r['arg2']}) date={r['date']} {r['realis']}"
    if r["record"] == "entity":
        return f"{ident} {r['name']!r} {r['type']}"
    return str(ident)
