"""Regenerate every baseline's predictions and fail when they differ from the committed ones.

CI runs it: a change to a baseline or to the gold must come with its regenerated
`submissions/*/predictions.jsonl` and `submissions/*/contrast.jsonl` (and `bench leaderboard`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.baselines import OFFLINE_SYSTEMS, predict_documents
from benchmark.model import default_root, load_documents


def main() -> int:
    root = default_root()
    stale = []
    for split, filename in (("test", "predictions.jsonl"), ("contrast", "contrast.jsonl")):
        gold = {d.id: d for d in load_documents(root, split=split)}
        for system in OFFLINE_SYSTEMS:
            path = root / "submissions" / system / filename
            fresh = "".join(
                json.dumps(line, ensure_ascii=False) + "\n"
                for line in predict_documents(system, list(gold.values()), gold=gold)
            )
            committed = path.read_text(encoding="utf-8") if path.is_file() else ""
            status = "ok" if fresh == committed else "DIFFERS"
            print(f"{system:<18} {split:<9} {status}")
            if fresh != committed:
                stale.append(f"{system} ({split})")
    if stale:
        print(
            "regenerate with: bench predict --system NAME [--split contrast] --out "
            f"submissions/NAME/{{predictions,contrast}}.jsonl (stale: {', '.join(stale)})",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
