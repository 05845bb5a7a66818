"""Measure how `bench validate` and `bench report` grow with the size of one document.

Real-shaped data: a copy of the shipped data root plus one long test document made of K copies
of the seed article (`000_8dbbdfc2a546922b`) back to back, its gold repeated K times with
shifted offsets (sentences, mentions, timexes, relations; the entities shared). The report is
made for a submission holding every gold mention plus, for each, a copy shifted by one character
(partial overlaps), i.e. about 2 x 104 x K submitted mentions. Each command runs as a process
(`python -m benchmark ...`); wall time and that process's peak RSS are printed.

    python scripts/bench_limits.py                  # K = 25, 50, 100, 200
    python scripts/bench_limits.py --copies 400 800 --only report
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmark.contrib import add_document  # noqa: E402
from benchmark.model import (  # noqa: E402
    Document,
    Relation,
    Span,
    annotation_path,
    load_documents,
    write_annotation_file,
)

SEED_ID = "000_8dbbdfc2a546922b"


def long_document(seed: Document, copies: int, doc_id: str) -> Document:
    """``copies`` copies of ``seed`` separated by a blank line, the gold shifted to match."""
    gap = "\n\n"
    step = len(seed.text) + len(gap)
    doc = Document(doc_id, gap.join([seed.text] * copies), seed.published, "test")
    doc.guidelines_version, doc.annotators = seed.guidelines_version, seed.annotators
    doc.entities = list(seed.entities)
    n_sent = len(seed.sentences)
    for k in range(copies):
        shift = k * step
        doc.sentences += [
            replace(s, index=s.index + k * n_sent, start=s.start + shift, end=s.end + shift)
            for s in seed.sentences
        ]
        doc.mentions += [
            replace(m, id=f"{m.id}_{k}", start=m.start + shift, end=m.end + shift)
            for m in seed.mentions
        ]
        doc.timexes += [
            replace(t, id=f"{t.id}_{k}", start=t.start + shift, end=t.end + shift)
            for t in seed.timexes
        ]
        doc.relations += [
            Relation(
                id=f"{r.id}_{k}",
                type=r.type,
                arg1=r.arg1,
                arg2=r.arg2,
                date=r.date,
                timex=f"{r.timex}_{k}" if r.timex else None,
                trigger=Span(r.trigger.start + shift, r.trigger.end + shift, r.trigger.text),
                evidence=tuple(i + k * n_sent for i in r.evidence),
                realis=r.realis,
                attributes=dict(r.attributes),
            )
            for r in seed.relations
        ]
    return doc


def make_root(base: Path, copies: int) -> tuple[Path, Path, int]:
    """A data root with the long document, and a submission file for it."""
    root = base / "root"
    root.mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "annotations", root / "annotations")
    seed = next(d for d in load_documents(root) if d.id == SEED_ID)
    doc = long_document(seed, copies, f"900_long_{copies}")
    text_file = base / "long.txt"
    text_file.write_bytes(doc.text.encode("utf-8"))
    add_document(
        text_file,
        published=doc.published,
        source="scripts/bench_limits.py",
        doc_id=doc.id,
        root=root,
    )
    write_annotation_file(doc, annotation_path(doc.id, root))
    mentions = []
    for m in doc.mentions:
        mentions.append({"start": m.start, "end": m.end, "type": m.type, "entity": m.entity})
        if m.end - m.start > 1:
            mentions.append({"start": m.start + 1, "end": m.end, "type": m.type})
    submission = base / "sub.jsonl"
    submission.write_text(json.dumps({"doc_id": doc.id, "mentions": mentions}) + "\n")
    return root, submission, len(mentions)


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit code of ``python -m benchmark ARGS``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmark", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--only", choices=("validate", "report"))
    options = parser.parse_args()
    print(f"{'copies':>6} {'gold mentions':>13} {'submitted':>9}  command   seconds  RSS MB  exit")
    for copies in options.copies:
        with tempfile.TemporaryDirectory() as tmp:
            root, submission, submitted = make_root(Path(tmp), copies)
            gold = copies * len(next(d for d in load_documents(root) if d.id == SEED_ID).mentions)
            jobs = {
                "validate": ["validate", "--root", str(root)],
                "report": [
                    "report",
                    str(submission),
                    "--gold",
                    str(root),
                    "--out",
                    f"{tmp}/r.html",
                ],
            }
            for name, args in jobs.items():
                if options.only and name != options.only:
                    continue
                seconds, rss, code = run(args)
                size = ""
                if name == "report" and Path(f"{tmp}/r.html").is_file():
                    size = f"  page {Path(f'{tmp}/r.html').stat().st_size / 1e6:.1f} MB"
                print(
                    f"{copies:>6} {gold:>13} {submitted:>9}  {name:<8} {seconds:>8.2f} "
                    f"{rss:>7.0f} {code:>5}{size}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
