"""Instructions per document of `bench score`'s per-document work, counted by callgrind.

Wall and CPU times of this shared machine vary by half from hour to hour; instruction counts
do not. This script runs itself under ``valgrind --tool=callgrind`` (Debian package
``valgrind``), once per stage, on copies of the seed document with the real `rules`
predictions (as ``scripts/bench_scorer.py`` builds them), in one process:

* ``gold``: read every gold document (annotation file and seed text);
* ``pred``: the same, and parse every submission line;
* ``table``: the same, and match and count each document as the terminal table does;
* ``json``: the same with every detail of the JSON report (kept in memory).

Each stage's count minus that of a run that only sets up (imports, the submission's index),
divided by the number of documents, is its cost per document; the differences between stages
are the costs of the parts (prints them too).

    python scripts/count_instructions.py                # 300 documents, every stage
    python scripts/count_instructions.py --documents 100 --stages gold pred

A change to the scorer is worth keeping when it lowers these counts and leaves every report
identical.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STAGES = ("gold", "pred", "table", "json")


def run_stage(corpus: Path, stage: str) -> None:
    """The work of one stage (``none``: the set-up alone), in this process."""
    import gc

    sys.path.insert(0, str(REPO))
    from benchmark.scoring.evaluate import Evaluation, ListSink
    from benchmark.scoring.stream import GoldSource, SubmissionIndex, _predictions
    from benchmark.submission import _Collector

    gc.disable()  # as in a scoring worker
    source = GoldSource.open(corpus, "test")
    errors = _Collector("predictions", 50)
    index = SubmissionIndex.build(corpus / "predictions.jsonl", set(source.ids), errors)
    if stage == "gold":
        for _ in source.documents():
            pass
    elif stage == "pred":
        for _ in _predictions(index, source.documents(), errors):
            pass
    elif stage in ("table", "json"):
        details = stage == "json"
        ev = Evaluation(
            details=details, summary=not details, sink=ListSink(limit=None if details else 5)
        )
        for doc, pred in _predictions(index, source.documents(), errors):
            ev.add(doc, pred)


def count(corpus: Path, stage: str) -> int:
    """Instructions of one run of ``stage`` under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/callgrind.out",
                sys.executable,
                __file__,
                "--stage",
                stage,
                "--corpus",
                str(corpus),
            ],
            capture_output=True,
            text=True,
            # idle BLAS threads would spin and be counted; bytecode compiled once, not per run
            env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(REPO)},
            check=False,
        )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise SystemExit(f"the {stage} run failed under callgrind:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    parser.add_argument("--stage", help=argparse.SUPPRESS)  # one stage, run by callgrind
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage is not None:
        run_stage(args.corpus, args.stage)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    if args.documents < 1:
        raise SystemExit("--documents must be at least 1")
    sys.path.insert(0, str(REPO))
    from benchmark.scoring.corpus import make_copies, read_predictions

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "benchmark")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory(prefix="count-instructions-") as tmp:
        corpus = Path(tmp) / "corpus"
        predictions = read_predictions(REPO / "submissions" / "rules" / "predictions.jsonl")
        make_copies(corpus, args.documents, predictions)
        base = count(corpus, "none")
        per_doc = {s: (count(corpus, s) - base) / args.documents for s in args.stages}
    print(f"instructions per document (callgrind, {args.documents} copies of the seed document)")
    parts = {
        "gold": ("read one gold document", None),
        "pred": ("parse one submission line", "gold"),
        "table": ("match and count, as the table does", "pred"),
        "json": ("match and count, every detail of the JSON report", "pred"),
    }
    for stage, value in per_doc.items():
        what, before = parts[stage]
        if before is None:
            part = f"{value / 1000:,.0f}k"
        elif before in per_doc:
            part = f"{(value - per_doc[before]) / 1000:,.0f}k"
        else:
            part = f"(run the {before} stage too)"
        print(f"{stage:>5}: {value / 1000:>8,.0f}k in all; {what}: {part}")


if __name__ == "__main__":
    main()
