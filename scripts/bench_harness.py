"""Overhead of the lm-evaluation-harness task: the documented command, run as a process on a
split against a local stand-in model that answers every document with its gold at once (so
the time is the harness's and the scorer's, not a model's), then the path from the saved
generations to `bench score`.

    python scripts/bench_harness.py --task envoy_bench_contrast
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import timeit
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.baselines.llm import build_messages
from benchmark.harness import TASKS, demonstration_answer, include_path
from benchmark.model import load_documents


def stand_in(split: str) -> ThreadingHTTPServer:
    answers = {
        build_messages(d)[-1]["content"]: demonstration_answer(d)
        for d in load_documents(split=split)
    }

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            content = answers.get(body["messages"][-1]["content"], "")
            data = json.dumps(
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--task", choices=sorted(TASKS), default="envoy_bench_contrast")
    args = parser.parse_args()
    split = TASKS[args.task]
    n = len(load_documents(split=split))
    reference = min(timeit.repeat("sum(range(10**6))", number=10, repeat=5)) / 10
    print(f"machine reference: sum(range(10**6)) takes {1000 * reference:.1f} ms (best of 5)\n")
    server = stand_in(split)
    url = f"http://127.0.0.1:{server.server_address[1]}/v1/chat/completions"
    with tempfile.TemporaryDirectory() as tmp:
        run = timed(
            [
                sys.executable, "-m", "lm_eval", "--model", "local-chat-completions",
                "--model_args", f"model=stand-in,base_url={url},num_concurrent=1",
                "--apply_chat_template", "--tasks", args.task,
                "--include_path", str(include_path()),
                "--output_path", f"{tmp}/out", "--log_samples",
            ]
        )  # fmt: skip
        [samples] = Path(tmp, "out").rglob(f"samples_{args.task}_*.jsonl")
        out = f"{tmp}/predictions.jsonl"
        bench = [sys.executable, "-m", "benchmark"]
        convert = timed([*bench, "harness-submission", str(samples), "--out", out])
        score = timed([*bench, "score", out, "--split", split])
    server.shutdown()
    print(f"{'step':<50} {'seconds':>8}")
    print(f"{f'lm_eval --tasks {args.task} ({n} docs)':<50} {run:>8.2f}")
    print(f"{'bench harness-submission':<50} {convert:>8.2f}")
    print(f"{'bench score':<50} {score:>8.2f}")


if __name__ == "__main__":
    main()
