"""Measure the scorer: wall time and peak memory on synthetic corpora, and nervaluate's speed.

Each corpus has ~20 mentions, ~5 timexes and ~5 relations per document; gold and predictions
are generated from a seed (predictions keep ~80% of the gold and add noise). Every size runs in
a fresh subprocess so that its peak RSS is its own.

    python scripts/bench_scorer.py                 # 1k, 10k, 100k documents + nervaluate
    python scripts/bench_scorer.py --sizes 10000   # one size
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.model import Document, Entity, Mention, Relation, Sentence, Span, Timex
from benchmark.submission import (
    EntityArg,
    PredictedDocument,
    PredMention,
    PredRelation,
    PredTimex,
    Submission,
)

TYPES = ("PER", "ORG", "GPE", "LOC")


def synthetic(n_docs: int, seed: int = 0) -> tuple[list[Document], Submission]:
    rng = random.Random(seed)
    docs: list[Document] = []
    sub = Submission("synthetic")
    for d in range(n_docs):
        text = "x" * 2000
        doc = Document(f"d{d}", text, "2025-01-01", "test")
        doc.sentences = [Sentence(i, 100 * i, 100 * i + 99) for i in range(20)]
        for e in range(8):
            doc.entities.append(Entity(f"e{e}", f"Name {e}", TYPES[e % 4]))
        for m in range(20):
            start = 100 * m + 10
            e = m % 8
            doc.mentions.append(
                Mention(f"m{m}", f"e{e}", start, start + 8, "x" * 8, TYPES[e % 4], "NAM")
            )
        for t in range(5):
            start = 100 * (t * 4) + 40
            doc.timexes.append(
                Timex(f"t{t}", start, start + 6, "x" * 6, "DATE", f"2025-01-0{t + 1}")
            )
        for r in range(5):
            a, b = rng.sample(range(8), 2)
            doc.relations.append(
                Relation(
                    f"r{r}",
                    rng.choice(("phoned", "met")),
                    f"e{a}",
                    f"e{b}",
                    f"2025-01-0{rng.randint(1, 5)}",
                    None,
                    Span(0, 1, "x"),
                    (r,),
                    "actual",
                )
            )
        docs.append(doc)
        pred = PredictedDocument(doc.id, mentions=[], timexes=[], relations=[])
        assert pred.mentions is not None and pred.timexes is not None
        assert pred.relations is not None
        for m in doc.mentions:
            if rng.random() < 0.8:
                shift = rng.choice((0, 0, 0, 1))
                pred.mentions.append(PredMention(m.start + shift, m.end, m.type, m.entity))
        pred.mentions.append(PredMention(95, 99, "PER", "spurious"))
        for t in doc.timexes:
            if rng.random() < 0.8:
                pred.timexes.append(PredTimex(t.start, t.end, t.type, t.value))
        for r in doc.relations:
            if rng.random() < 0.7:
                pred.relations.append(
                    PredRelation(r.type, EntityArg(r.arg1), EntityArg(r.arg2), r.date)
                )
        sub.documents[doc.id] = pred
    return docs, sub


def worker(n_docs: int, details: bool) -> dict[str, float]:
    from benchmark.scoring import score

    docs, sub = synthetic(n_docs)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    report = score(docs, sub, n_boot=1000, seed=0, details=details)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "documents": n_docs,
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_before_scoring_mb": round(rss_before / 1024, 1),
        "relations_timed_f1": report["relations"]["timed"]["f1"],
    }


def nervaluate_race(n_docs: int) -> dict[str, float | bool]:
    """The mention layer of the same corpus, scored by this scorer and by nervaluate."""
    from nervaluate import Evaluator

    from benchmark.scoring import count_mentions

    docs, sub = synthetic(n_docs)
    gold = [[(m.start, m.end, m.type) for m in d.mentions] for d in docs]
    pred = [[(m.start, m.end, m.type) for m in sub.documents[d.id].mentions or ()] for d in docs]
    start = time.perf_counter()
    ours = {"correct": 0, "partial": 0, "missed": 0, "spurious": 0, "incorrect": 0}
    for g, p in zip(gold, pred, strict=True):
        counts, _ = count_mentions(g, p, with_verdicts=False)
        for k in ours:
            ours[k] += getattr(counts["partial"], k)
    ours_s = time.perf_counter() - start
    as_nv = lambda spans: [  # noqa: E731 - nervaluate's ends are inclusive
        [{"label": t, "start": s, "end": e - 1} for s, e, t in doc] for doc in spans
    ]
    true_nv, pred_nv = as_nv(gold), as_nv(pred)
    start = time.perf_counter()
    result = Evaluator(true_nv, pred_nv, tags=list(TYPES)).evaluate()
    theirs_s = time.perf_counter() - start
    overall = result["overall"] if isinstance(result, dict) else result[0]
    nv = overall["partial"]
    same = (nv.correct, nv.partial, nv.missed, nv.spurious, nv.incorrect) == (
        ours["correct"],
        ours["partial"],
        ours["missed"],
        ours["spurious"],
        ours["incorrect"],
    )
    return {
        "documents": n_docs,
        "ours_s": round(ours_s, 3),
        "nervaluate_s": round(theirs_s, 3),
        "speedup": round(theirs_s / ours_s, 1),
        "same_counts": same,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--details", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--json-docs",
        type=int,
        default=10000,
        help="also time this corpus with per-document details, as `--format json` does (0: skip)",
    )
    parser.add_argument("--nervaluate-docs", type=int, default=10000)
    parser.add_argument(
        "--no-cli",
        dest="cli",
        action="store_false",
        help="skip timing `bench score` on the shipped test set",
    )
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.details)))
        return
    # Wall times depend on the machine: print how fast plain Python runs here, so figures
    # from two machines can be compared.
    import timeit

    reference = min(timeit.repeat("sum(range(10**6))", number=10, repeat=5)) / 10
    print(f"machine reference: sum(range(10**6)) takes {1000 * reference:.1f} ms (best of 5)\n")
    print("`bench score` (table output: no per-document details), bootstrap included")
    print(f"{'documents':>10} {'wall s':>8} {'peak RSS MB':>12} {'us/doc':>8}")
    runs = [(n, False) for n in args.sizes]
    if args.json_docs:
        runs.append((args.json_docs, True))
    for n, details in runs:
        if details:
            print("\n`bench score --format json` (every mention and timex verdict kept)")
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(n), *(["--details"] if details else [])],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(out.stdout)
        print(
            f"{row['documents']:>10} {row['wall_s']:>8.2f} {row['peak_rss_mb']:>12.1f} "
            f"{1e6 * row['wall_s'] / n:>8.1f}"
        )
    if args.cli:
        root = Path(__file__).resolve().parent.parent
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmark",
                    "score",
                    str(root / "submissions" / "rules" / "predictions.jsonl"),
                ],
                capture_output=True,
                check=True,
                cwd=root,
            )
            runs.append(time.perf_counter() - start)
        print(
            f"\n`bench score` on the shipped test set, start-up included: best {min(runs):.2f} s, "
            f"median {sorted(runs)[2]:.2f} s (5 runs)"
        )
    if args.nervaluate_docs:
        race = nervaluate_race(args.nervaluate_docs)
        print(
            f"\nmention layer, {race['documents']} documents: envoy-bench {race['ours_s']:.2f} s, "
            f"nervaluate {race['nervaluate_s']:.2f} s, speed-up x{race['speedup']}, "
            f"same counts: {race['same_counts']}"
        )


if __name__ == "__main__":
    main()
