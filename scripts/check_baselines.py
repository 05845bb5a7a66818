"""Regenerate every offline baseline's predictions; fail when they differ from the committed ones.

CI runs it: a change to a baseline or to the gold must come with its regenerated
`submissions/<system>/{predictions,dev,contrast}.jsonl`, the entry's `system.json` carrying the
current dataset and guidelines versions, and `bench leaderboard`. With `--write` it writes the
fresh files instead of comparing (what a contributor runs after adding a document).
The `learned` entry's dev file holds out-of-fold predictions (5 folds by document), never
predictions of the shipped model on the documents it was trained on; a change to the dev gold
also needs `python scripts/train_learned.py` (checked by its `--check`).

    python scripts/check_baselines.py [--write]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.baselines import OFFLINE_SYSTEMS, predict_documents
from benchmark.leaderboard import SPLIT_FILES
from benchmark.model import atomic_write_text, default_root, load_documents, read_manifest


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--write", action="store_true", help="write what is stale instead of failing"
    )
    write = parser.parse_args(argv).write
    root = default_root()
    manifest = read_manifest(root)
    stale = []
    for system in OFFLINE_SYSTEMS:
        folder = root / "submissions" / system
        meta_path = folder / "system.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        versions = {k: manifest[k] for k in ("dataset_version", "guidelines_version")}
        wanted: dict[Path, str] = {
            meta_path: json.dumps({**meta, **versions}, indent=2, ensure_ascii=False) + "\n"
        }
        for split, filename in SPLIT_FILES.items():
            gold = load_documents(root, split=split)
            if gold:
                # the learned model is trained on dev: its dev file is out-of-fold
                lines = predict_documents(
                    system,
                    gold,
                    gold={d.id: d for d in gold},
                    out_of_fold=system == "learned" and split == "dev",
                )
                wanted[folder / filename] = "".join(
                    json.dumps(line, ensure_ascii=False) + "\n" for line in lines
                )
        for path, fresh in wanted.items():
            committed = path.read_text(encoding="utf-8") if path.is_file() else ""
            status = "ok" if fresh == committed else "written" if write else "DIFFERS"
            print(f"{system:<18} {path.name:<18} {status}")
            if fresh != committed:
                if write:
                    atomic_write_text(path, fresh)
                else:
                    stale.append(f"{system}/{path.name}")
    if stale:
        print(
            f"stale: {', '.join(stale)}; regenerate with `python scripts/check_baselines.py "
            "--write`, then `bench leaderboard`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
