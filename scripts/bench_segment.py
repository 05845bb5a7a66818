"""Measure sentence segmentation: `bench segment` as a process, and the library on big texts.

    python scripts/bench_segment.py            # 5 runs of `bench segment <seed>`, 3 text sizes

The process figure is what a contributor waits for (start-up, reading the gold, segmenting,
remapping); the library figures show that the rules are linear in the text, one long
paragraph (many full stops on one line) included.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.model import load_documents
from benchmark.segment import segment

ROOT = Path(__file__).resolve().parent.parent

SEED_ID = "000_8dbbdfc2a546922b"


def main() -> int:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "benchmark", "segment", SEED_ID, "--root", str(ROOT)],
            check=True,
            capture_output=True,
        )
        runs.append(time.perf_counter() - start)
    print(f"bench segment {SEED_ID}: median {statistics.median(runs):.3f} s over 5 runs")
    seed = next(d for d in load_documents(ROOT) if d.id == SEED_ID)
    for label, text in (
        ("seed article", seed.text),
        ("200 articles, paragraphs kept", (seed.text + "\n\n") * 200),
        ("400 articles on one line", seed.text.replace("\n", " ") * 400),
    ):
        start = time.perf_counter()
        n = len(segment(text))
        took = time.perf_counter() - start
        print(f"{label:<32} {len(text):>9} chars {n:>6} sentences {took * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
