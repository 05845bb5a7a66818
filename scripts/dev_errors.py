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
held-out documents without looking at them.
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
from benchmark.model import load_documents, select_ids
from benchmark.scoring import score
from benchmark.submission import read_submission


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", default="rules")
    parser.add_argument("--mentions", action="store_true")
    parser.add_argument("--timexes", action="store_true")
    parser.add_argument("--doc", action="append", help="only these documents (ID or FIRST..LAST)")
    parser.add_argument("--summary", action="store_true", help="figures only, no errors shown")
    parser.add_argument(
        "--learned-model",
        help="model file for --system learned (default: the shipped one, trained on all of dev)",
    )
    args = parser.parse_args(argv)
    docs = load_documents(split="dev")
    if args.doc:
        wanted = set(select_ids([d.id for d in docs], args.doc))
        docs = [d for d in docs if d.id in wanted]
        if not docs:
            parser.error(f"no dev document matches {args.doc}")
    if args.system == "learned" and args.learned_model:
        from benchmark.baselines import learned

        model = learned.load_model(args.learned_model)
        lines = [learned.predict(d, model) for d in docs]
    else:
        if args.system == "learned":
            print(
                "warning: the shipped learned model was trained on every dev document, so "
                "these are figures on its training data; give --learned-model (a model from "
                "`train_learned.py --exclude ... --out ...`)",
                file=sys.stderr,
            )
        lines = predict_documents(args.system, docs, gold={d.id: d for d in docs})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
        report = score(docs, read_submission(path, docs), n_boot=0)
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
        print(f"relations {layer} F1 {r['f1']:.3f} (P {r['precision']:.3f}, R {r['recall']:.3f})")
    mentions, timexes = report.get("mentions"), report.get("timexes")
    if mentions:
        print(f"mentions strict F1 {mentions['strict']['f1']:.3f}")
    if timexes:
        print(f"timexes value F1 {timexes['value']['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
