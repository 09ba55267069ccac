"""Benchmark: how long ``posada.nlu.understand`` takes per message, in one process.

Parses every message of the labelled corpus (``tests/fixtures/nlu/corpus.jsonl``, or the
file given) ``--rounds`` times (default 20) with each line's own ``today``/``tz`` and prints
p50/p95/p99 per message, the mean, the slowest message and messages per second. The first
round pays for the lazily built holiday calendars (about 40 ms a year, once); it is included,
so p99 shows it if it matters. Also prints the import time of ``posada.cli_nlu``, measured in
a fresh interpreter. Asserts nothing; goal p95 < 2 ms on the 2-core machine.

Run: ``.venv/bin/python bench/nlu.py [FILE.jsonl] [--rounds 20]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from posada.nlu import DEFAULT_TZ, understand

CORPUS = Path(__file__).parents[1] / "tests" / "fixtures" / "nlu" / "corpus.jsonl"


def _import_ms() -> float:
    code = "import time; t = time.perf_counter(); import posada.cli_nlu; " \
           "print((time.perf_counter() - t) * 1000)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={})
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    messages = [(str(r["text"]), date.fromisoformat(str(r["today"])),
                 str(r.get("tz") or DEFAULT_TZ)) for r in rows]
    times: list[float] = []
    slowest = (0.0, "")
    started = time.perf_counter()
    for _ in range(args.rounds):
        for text, today, tz in messages:
            t0 = time.perf_counter()
            understand(text, today, tz)
            elapsed = time.perf_counter() - t0
            times.append(elapsed)
            if elapsed > slowest[0]:
                slowest = (elapsed, text)
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(times, n=100)
    print(f"messages: {len(messages)} x {args.rounds} rounds = {len(times)} parses")
    print(f"p50 {cuts[49] * 1e3:.3f} ms   p95 {cuts[94] * 1e3:.3f} ms   "
          f"p99 {cuts[98] * 1e3:.3f} ms   mean {statistics.fmean(times) * 1e3:.3f} ms")
    print(f"max {slowest[0] * 1e3:.1f} ms ({slowest[1][:60]!r})")
    print(f"throughput: {len(times) / wall:,.0f} messages/s (one process)")
    print(f"import posada.cli_nlu: {_import_ms():.0f} ms (fresh interpreter)")


if __name__ == "__main__":
    main()
