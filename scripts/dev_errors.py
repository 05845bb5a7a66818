"""Per-document errors of an offline baseline on the dev split (a development aid).

Runs the system on dev (never on test: the test article is for reporting only), scores it and
prints, per document, the relation false positives / negatives and, with ``--mentions`` /
``--timexes``, the mention and timex spans that differ from the gold.

    python scripts/dev_errors.py [--system rules] [--mentions] [--timexes] [--doc dev-003]
    python scripts/dev_errors.py --summary --doc dev-043..dev-056   # figures only
    python scripts/train_learned.py --exclude dev-043..dev-056 --out /tmp/m.json --no-test
    python scripts/dev_errors.py --system learned --learned-model /tmp/m.json --summary \
        --doc dev-043..dev-056      # learned on documents it was not trained on

``--doc`` takes an id or an inclusive range ``FIRST..LAST`` (ids in sorted order) and may be
repeated. ``--summary`` prints the figures and no document's errors: the way to score
held-out documents without looking at them. ``--ci`` adds the 95% intervals of the document
bootstrap (as `bench score` computes them, 1,000 resamples, seed 0), and ``--against SYSTEM``
(with ``--against-model`` for a learned model) the paired approximate randomization p-value of
the difference, as `bench compare` computes it:

    python scripts/dev_errors.py --summary --ci --doc dev-057..dev-070 \
        --against learned --against-model /tmp/m.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.baselines import predict_documents
from benchmark.model import Document, load_documents, select_ids
from benchmark.scoring import score
from benchmark.scoring.compare import compare
from benchmark.submission import Submission, read_submission


def _predict(system: str, model_path: str | None, docs: list[Document]) -> list[dict]:
    """The system's submission lines for ``docs`` (a learned model from ``model_path``)."""
    if system == "learned" and model_path:
        from benchmark.baselines import learned

        model = learned.load_model(model_path)
        return [learned.predict(d, model) for d in docs]
    if system == "learned":
        from benchmark.baselines import learned

        trained = set(learned.load_model().get("training_documents", ()))
        seen = sorted(d.id for d in docs if d.id in trained)
        if seen:
            print(
                f"warning: the shipped learned model was trained on {len(seen)} of these "
                f"{len(docs)} document(s), so these are figures on its training data; give "
                "--learned-model (a model from `train_learned.py --exclude ... --out ...`)",
                file=sys.stderr,
            )
    return predict_documents(system, docs, gold={d.id: d for d in docs})


def _read(lines: list[dict], docs: list[Document], folder: str, name: str) -> Submission:
    path = Path(folder) / f"{name}.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return read_submission(path, docs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", default="rules")
    parser.add_argument("--mentions", action="store_true")
    parser.add_argument("--timexes", action="store_true")
    parser.add_argument("--doc", action="append", help="only these documents (ID or FIRST..LAST)")
    parser.add_argument("--summary", action="store_true", help="figures only, no errors shown")
    parser.add_argument(
        "--learned-model",
        help="model file for --system learned (default: the shipped one; a warning says how "
        "many of the documents scored it was trained on)",
    )
    parser.add_argument("--ci", action="store_true", help="95%% intervals (document bootstrap)")
    parser.add_argument("--against", help="paired randomization test against this system")
    parser.add_argument("--against-model", help="model file when --against is learned")
    args = parser.parse_args(argv)
    docs = load_documents(split="dev")
    if args.doc:
        wanted = set(select_ids([d.id for d in docs], args.doc))
        docs = [d for d in docs if d.id in wanted]
        if not docs:
            parser.error(f"no dev document matches {args.doc}")
    lines = _predict(args.system, args.learned_model, docs)
    with tempfile.TemporaryDirectory() as tmp:
        submission = _read(lines, docs, tmp, "a")
        report = score(docs, submission, n_boot=1000 if args.ci else 0)
        versus = None
        if args.against:
            other = _read(_predict(args.against, args.against_model, docs), docs, tmp, "b")
            versus = compare(docs, submission, other)
    errors: dict[str, list[str]] = defaultdict(list)
    for kind, key in (("FP", "false_positives"), ("FN", "false_negatives")):
        for e in report["errors"][key]:
            errors[e["doc_id"]].append(
                f"  {kind} {e['type']}({e['arg1']}, {e['arg2']}) {e['date']} [{e['category']}]"
                f"\n       {e.get('evidence_text', '')[:220]}"
            )
    by_id = {line["doc_id"]: line for line in lines}
    for doc in [] if args.summary else docs:
        print(f"== {doc.id}")
        print("\n".join(errors.get(doc.id, [])))
        text = doc.text
        if args.mentions:
            gold = {(m.start, m.end): m.type for m in doc.mentions}
            pred = {(m["start"], m["end"]): m["type"] for m in by_id[doc.id].get("mentions", [])}
            for span in sorted(set(gold) | set(pred)):
                if gold.get(span) != pred.get(span):
                    s, e = span
                    print(f"  M gold={gold.get(span)} pred={pred.get(span)} {text[s:e]!r} @{s}")
        if args.timexes:
            gold_t = {(t.start, t.end): t.value for t in doc.timexes}
            pred_t = {(t["start"], t["end"]): t["value"] for t in by_id[doc.id].get("timexes", [])}
            for span in sorted(set(gold_t) | set(pred_t)):
                if gold_t.get(span) != pred_t.get(span):
                    s, e = span
                    print(f"  T gold={gold_t.get(span)} pred={pred_t.get(span)} {text[s:e]!r}")
    rel = report["relations"]
    print(f"{len(docs)} document(s), system {args.system}")
    for layer in ("timed", "untimed"):
        r = rel[layer]
        ci = f", 95% CI {r['ci95'][0]:.3f}-{r['ci95'][1]:.3f}" if r.get("ci95") else ""
        print(
            f"relations {layer} F1 {r['f1']:.3f} (P {r['precision']:.3f}, R {r['recall']:.3f}"
            f"{ci}; tp {r['tp']:g}, fp {r['fp']:g}, fn {r['fn']:g})"
        )
    mentions, timexes = report.get("mentions"), report.get("timexes")
    if mentions:
        print(f"mentions strict F1 {mentions['strict']['f1']:.3f}")
    if timexes:
        print(f"timexes value F1 {timexes['value']['f1']:.3f}")
    if args.ci and report["warnings"]:
        print("\n".join(w for w in report["warnings"] if "interval" in w))
    if versus is not None:
        for row in versus["metrics"].values():
            if row is not None:
                p = "n/a" if row["p_value"] is None else f"{row['p_value']:.3f}"
                print(
                    f"{row['label']}: {args.system} {row['a']:.3f}, {args.against} "
                    f"{row['b']:.3f}, paired randomization p = {p}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
