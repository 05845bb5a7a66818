"""Train the ``learned`` baseline on the dev split, cross-validate it, score it once on test.

Reproducible: fixed seed, folds by document from a seeded shuffle, the ``lbfgs`` solver
(deterministic), weights rounded in the file. It writes the model that ships with the package,
``benchmark/baselines/models/learned.json`` (with the scikit-learn version, the seed, the
hyper-parameters and a sha256 of the training data), and prints:

* the 5-fold cross-validation on dev (by document): relation P/R/F1 of the out-of-fold
  predictions, micro over all dev documents (what the leaderboard's dev row shows);
* with ``--batch-cv``, leave-one-batch-out cross-validation: the sorted dev ids cut into
  contiguous batches of ``--batch-size`` (14: the batches the dev split was written in, each by
  other writers at another time), each batch predicted by a model trained on all the others;
  timed F1, untimed F1, untimed and timed recall per held-out batch and pooled (micro over
  every dev document; timed against untimed is the date attacher's share). This is the
  yardstick for text nobody trained on: a random fold keeps documents of the held-out
  documents' own batch (same writers, same time) in training;
* one score on the test split with the model trained on all of dev (for reporting only).

With ``--check`` it writes nothing and exits 1 when the shipped file differs from what training
produces now (CI: a change to the features, the rules or the dev gold needs a retrain).

    python scripts/train_learned.py [--check] [--no-cv] [--no-test] [--folds 5] [--seed 13]
                                    [--batch-cv [--batch-size 14]]
                                    [--exclude FIRST..LAST] [--param NAME=VALUE] [--out M]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.baselines import learned
from benchmark.model import atomic_write_text, load_documents, select_ids
from benchmark.scoring import score
from benchmark.submission import read_submission

PARAMS: dict[str, Any] = learned.PARAMS


def _score(docs: list[Any], lines: list[dict[str, Any]]) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
        return score(docs, read_submission(path, docs), n_boot=0)


def _row(name: str, s: Any) -> str:
    return (
        f"{name:<28} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
        f"({s['tp']}/{s['fp']}/{s['fn']})"
    )


def batch_cv(
    dev: list[Any], prepared: dict[str, Any], seed: int, size: int, params: dict[str, Any]
) -> None:
    """Print leave-one-batch-out figures: per held-out batch and pooled."""
    batch_of = learned.batch_assignment([d.id for d in dev], size)
    oof = learned.cross_validate(dev, seed=seed, prepared=prepared, fold_of=batch_of, **params)
    print(f"leave-one-batch-out cross-validation on dev (contiguous batches of {size} ids):")
    print(f"  {'held out':<18} {'timed F1':>8} {'untimed F1':>10} {'untimed R':>9} {'timed R':>7}")
    groups = [[d for d in dev if batch_of[d.id] == k] for k in sorted(set(batch_of.values()))]
    for name, docs in [(f"{g[0].id}..{g[-1].id}", g) for g in groups] + [("pooled", dev)]:
        rel = _score(docs, [oof[d.id] for d in docs])["relations"]
        print(
            f"  {name:<18} {rel['timed']['f1'] * 100:>8.1f} {rel['untimed']['f1'] * 100:>10.1f} "
            f"{rel['untimed']['recall'] * 100:>9.1f} {rel['timed']['recall'] * 100:>7.1f}"
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument(
        "--batch-cv",
        action="store_true",
        help="also leave-one-batch-out cross-validation (contiguous batches of --batch-size ids)",
    )
    parser.add_argument("--batch-size", type=int, default=14)
    parser.add_argument(
        "--no-test",
        action="store_true",
        help="skip the test score (while developing: the test article is for reporting only)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        help="leave these dev documents out of training (ID or FIRST..LAST; needs --out)",
    )
    parser.add_argument("--out", type=Path, help="write the model here, not the shipped file")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"override a hyper-parameter ({', '.join(PARAMS)}; needs --out)",
    )
    args = parser.parse_args(argv)
    if (args.exclude or args.param) and (args.out is None or args.check):
        parser.error(
            "--exclude and --param train a model that is not the shipped one: give --out, "
            "no --check"
        )
    params = dict(PARAMS)
    for item in args.param:
        name, _, value = item.partition("=")
        if name not in PARAMS or not value:
            parser.error(f"--param {item}: expected NAME=VALUE with NAME among {', '.join(PARAMS)}")
        params[name] = json.loads(value) if value in ("true", "false") else float(value)

    dev = load_documents(split="dev")
    left_out = set(select_ids([d.id for d in dev], args.exclude))
    dev = [d for d in dev if d.id not in left_out]
    prepared = {d.id: learned.prepare(d) for d in dev}
    model = learned.fit(dev, args.seed, prepared, **params)
    text = learned.dumps(model)
    if args.check:
        shipped = (
            learned.MODEL_PATH.read_text(encoding="utf-8") if learned.MODEL_PATH.is_file() else ""
        )
        if shipped != text:
            print(f"{learned.MODEL_PATH} is stale; rebuild with `python scripts/train_learned.py`")
            return 1
        print(f"{learned.MODEL_PATH} matches a fresh training run")
        return 0
    out = args.out or learned.MODEL_PATH
    atomic_write_text(out, text)
    print(
        f"trained on {len(dev)} dev documents, {model['candidates']} candidate pairs "
        f"{model['label_counts']}; wrote {out} "
        f"({len(text) // 1024} KiB, sklearn {model['sklearn_version']})"
    )
    if not args.no_cv:
        oof = learned.cross_validate(dev, args.folds, args.seed, prepared, **params)
        report = _score(dev, [oof[d.id] for d in dev])
        print(f"{args.folds}-fold cross-validation on dev (by document, seed {args.seed}):")
        print(_row("  relations timed", report["relations"]["timed"]))
        print(_row("  relations untimed", report["relations"]["untimed"]))
    if args.batch_cv:
        batch_cv(dev, prepared, args.seed, args.batch_size, params)
    if args.no_test:
        return 0
    test = load_documents(split="test")
    fresh = learned.check_model(json.loads(text), "fresh model")
    report = _score(test, [learned.predict(d, fresh) for d in test])
    print(
        f"test ({len(test)} document(s)), model trained on the {len(dev)} dev documents above, "
        "reported once:"
    )
    print(_row("  relations timed", report["relations"]["timed"]))
    print(_row("  relations untimed", report["relations"]["untimed"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
