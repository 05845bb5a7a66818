"""Throughput of the `rules` baseline, in documents per second, with 1 and 2 processes.

The corpus is N copies of the seed text plus variants with other dates and names substituted
(so that caching of identical texts cannot help).

    python scripts/bench_rules.py --docs 200
"""

from __future__ import annotations

import argparse
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.baselines import predict_documents
from benchmark.model import Document, load_documents


def corpus(n: int) -> list[Document]:
    [seed] = load_documents()
    names = ["Alvarez", "Okafor", "Lindqvist", "Tanaka", "Moreau"]
    docs = []
    for i in range(n):
        text = seed.text.replace("Dec 11", f"Dec {1 + i % 28}").replace(
            "Lukashenko", names[i % len(names)]
        )
        docs.append(Document(f"doc{i:05d}", text, seed.published, "test"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    docs = corpus(args.docs)
    predict_documents("rules", docs[:2])  # load spaCy and the gazetteers once
    reference = min(timeit.repeat("sum(range(10**6))", number=10, repeat=5)) / 10
    print(f"machine reference: sum(range(10**6)) takes {1000 * reference:.1f} ms (best of 5)\n")
    print(f"{'processes':>9} {'documents':>10} {'seconds':>8} {'docs/s':>8}")
    for n_process in (1, 2):
        start = time.perf_counter()
        predict_documents("rules", docs, n_process=n_process)
        wall = time.perf_counter() - start
        print(f"{n_process:>9} {len(docs):>10} {wall:>8.2f} {len(docs) / wall:>8.1f}")


if __name__ == "__main__":
    main()
