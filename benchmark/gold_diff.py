"""``bench diff OLD NEW``: what a change to the gold adds, removes and alters.

Records are compared by kind and id (sentences by index) across two annotation files or two
annotation folders; a changed record lists each field that differs, old value -> new value.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from benchmark.errors import UsageError
from benchmark.model import read_annotation_records

Key = tuple[str, str]


def _keyed(path: Path) -> dict[Key, dict[str, Any]]:
    out = {}
    for r in read_annotation_records(path):
        ident = str(r["index"]) if r["record"] == "sentence" else str(r.get("id", ""))
        out[(r["record"], ident)] = r
    return out


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
        ra, rb = _keyed(a[doc_id]), _keyed(b[doc_id])
        added = [rb[k] for k in rb if k not in ra]
        removed = [ra[k] for k in ra if k not in rb]
        changed = []
        for k in ra.keys() & rb.keys():
            fields = {
                f: [ra[k].get(f), rb[k].get(f)]
                for f in sorted(ra[k].keys() | rb[k].keys())
                if ra[k].get(f) != rb[k].get(f)
            }
            if fields:
                changed.append({"record": k[0], "id": k[1], "fields": fields})
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
