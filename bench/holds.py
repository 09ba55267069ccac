"""Benchmark: how many holds per second POST /api/v1/reservations places on PostgreSQL.

On a fresh database ``posada_bench`` (127.0.0.1:5432, user postgres, trust auth) with 100
accommodations: (1) for each size in ``--workers`` (default 1 and 2 processes) it starts
``posada serve`` on a free 127.0.0.1 port, warms up for 3 s, empties ``reservations`` and
runs ``wrk --latency -s bench/holds.lua`` (random accommodation, check-in within 700 days,
1-3 nights): holds/s (201s per second), requests/s, share of 409 (nights taken), other
statuses and socket errors (should be 0), p50/p95/p99 latency, server CPU time per hold and
the resident memory (VmRSS) of the uvicorn process or of each worker; (2) with the server
stopped, the database's own ceiling: ``pgbench`` runs the same check-then-insert in SQL
(``bench/holds_pgbench.sql``); ratio = API holds/s / rows pgbench inserted per second.

Prints a table and writes ``bench/out/holds.json``; asserts nothing. Load average and how
busy the machine was are noted per run: on a shared 2-core box other jobs move the figures.

Run: ``make bench-holds`` (= ``.venv/bin/python bench/holds.py``), or e.g. ``.venv/bin/python
bench/holds.py --duration 30 --connections 100 --workers 1,2,4 --skip-install``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
OUT = ROOT / "bench" / "out"
HOST = "127.0.0.1"  # the only host this script ever talks to
DB_NAME = "posada_bench"
SOCKET_DIR = "/var/run/postgresql"
#: How the server reaches PostgreSQL: loopback TCP, or the Unix socket (cheaper per round trip
#: on one machine). pgbench uses the same transport, so the ratio compares like with like.
DB_URLS = {"tcp": f"postgresql+asyncpg://postgres@{HOST}:5432/{DB_NAME}",
           "socket": f"postgresql+asyncpg://postgres@/{DB_NAME}?host={SOCKET_DIR}"}
DB_URL = DB_URLS["tcp"]
#: The contention mix: this share of holds goes to the first HOT_CABINS cabins' next 30 days.
MIXES = {"uniform": 0.0, "hot": 0.3}
HOT_CABINS = 3
PSQL = ["psql", "-h", HOST, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt"]
ACCOMMODATIONS = 100
HORIZON_DAYS = 700
TRUNCATE = "TRUNCATE reservations, reservation_events RESTART IDENTITY CASCADE"
ROW = "{:>11} {:>8} {:>7} {:>6} {:>7} {:>7} {:>7} {:>7} {:>11} {:>6} {:>7} {:>6}  {}"


def run(cmd: list[str], timeout: float, env: dict[str, str] | None = None) -> str:
    """Run ``cmd`` to completion within ``timeout`` s; its stdout, or exit with its stderr."""
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=ROOT, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])}... failed ({done.returncode}):\n{done.stderr}{done.stdout}")
    return done.stdout


def psql(sql: str, database: str = DB_NAME) -> str:
    return run([*PSQL, "-d", database, "-c", sql], timeout=60).strip()


def load() -> str:
    return " ".join(f"{avg:.2f}" for avg in os.getloadavg())


def cpu_now(pids: list[int]) -> tuple[float, float, float]:
    """CPU seconds so far: used by ``pids``, and the machine's busy and total time."""
    own = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            own += int(stat[11]) + int(stat[12])  # utime + stime
    box = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    tick = os.sysconf("SC_CLK_TCK")
    return own / tick, (sum(box) - box[3] - box[4]) / tick, sum(box) / tick


def usage(before: tuple[float, float, float], pids: list[int], holds: int) -> dict[str, float]:
    own, busy, total = (b - a for a, b in zip(before, cpu_now(pids), strict=True))
    return {"cpu_ms_per_hold": round(1000 * own / max(holds, 1), 2),
            "server_cpu_s": round(own, 2), "box_busy": round(busy / total, 3) if total else 0}


def ensure_wrk(skip_install: bool) -> None:
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if not (shutil.which("wrk") or skip_install) and subprocess.run(
            install, capture_output=True, timeout=600, check=False).returncode:
        run(["apt-get", "update", "-q"], timeout=600)  # stale package lists: refresh, retry
        run(install, timeout=600)
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")


def posada_env(db_url: str = DB_URL, **extra: str) -> dict[str, str]:
    """The environment without inherited POSADA_* settings, plus the bench database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSADA_")}
    return {**env, "POSADA_ENV": "development", "POSADA_DATABASE_URL": db_url, **extra}


async def _seed() -> None:
    from posada.db.engine import Database
    from posada.services.admin import create_accommodation, get_or_create_property

    db = Database(DB_URL)
    try:
        prop = await get_or_create_property(
            db, name="Bench", slug="bench", timezone="America/Argentina/Buenos_Aires")
        for i in range(1, ACCOMMODATIONS + 1):
            await create_accommodation(db, property_id=prop.id, fields={
                "slug": f"bench-{i}", "name": f"Bench {i}", "description": "", "capacity": 4,
                "base_price": Decimal("100.00"), "cleaning_fee": Decimal("0"), "min_nights": 1,
            })
    finally:
        await db.dispose()


def prepare_database() -> None:
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)", "postgres")
    psql(f"CREATE DATABASE {DB_NAME}", "postgres")
    run([str(BIN / "posada"), "db", "upgrade"], timeout=120, env=posada_env())
    asyncio.run(asyncio.wait_for(_seed(), timeout=120))
    count = psql("SELECT count(*) FROM accommodations")
    print(f"database {DB_NAME}: migrated, {count} accommodations")


def start_server(workers: int, log: Path, db_url: str) -> tuple[subprocess.Popen[bytes], int]:
    """``posada serve`` on a free port, once GET /healthz answers 200 (at most 60 s)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port = int(sock.getsockname()[1])
    cmd = [str(BIN / "posada"), "serve", "--host", HOST, "--port", str(port),
           "--workers", str(workers)]
    env = posada_env(db_url, POSADA_RATE_LIMIT_API="1000000/second", POSADA_LOG_LEVEL="WARNING",
                     POSADA_MAX_HOLDS_PER_CLIENT="0")  # every wrk request is one client
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # its own group: see stop_server
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        conn = http.client.HTTPConnection(HOST, port, timeout=1)
        with contextlib.suppress(OSError), contextlib.closing(conn):
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc, port
        time.sleep(0.2)
    stop_server(proc)
    sys.exit(f"server did not become healthy (exit code {proc.returncode}); see {log}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGINT (graceful), then SIGTERM, then SIGKILL to the process group started here."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc.send_signal(sig)  # no-op once it has exited
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
            break
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # whatever is left: a stuck server or worker
    proc.wait(timeout=10)


def rss_mb(pid: int) -> float:
    found = re.search(r"^VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
    return round(int(found[1]) / 1024, 1) if found else 0.0


def worker_pids(parent: int) -> list[int]:
    """uvicorn workers: children of ``parent`` (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == parent and b"resource_tracker" not in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return sorted(found)


def wrk(port: int, seconds: int, connections: int, hot: float = 0.0) -> str:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s",
           "bench/holds.lua", f"http://{HOST}:{port}", "--", f"{ACCOMMODATIONS}", f"{HORIZON_DAYS}",
           f"{hot}", f"{HOT_CABINS}"]
    return run(cmd, timeout=seconds + 60)


def parse_wrk(text: str) -> dict[str, Any]:
    """Figures from holds.lua's ``BENCH`` lines (p95 is not in wrk's own table) and wrk's."""
    status = re.search(r"BENCH status 201=(\d+) 409=(\d+) 503=(\d+) other=(\d+)", text)
    summary = re.search(r"BENCH summary duration_us=(\d+) requests=(\d+) connect=(\d+) "
                        r"read=(\d+) write=(\d+) timeout=(\d+)", text)
    latency = re.search(r"BENCH latency_us p50=(\d+) p95=(\d+) p99=(\d+)", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not (status and summary and latency and rps):
        sys.exit(f"could not parse wrk output:\n{text}")
    created, conflicts, busy, other = (int(g) for g in status.groups())
    seconds, requests = int(summary[1]) / 1e6, int(summary[2])
    return {
        "duration_s": round(seconds, 2), "requests": requests, "created_201": created,
        "conflict_409": conflicts, "busy_503": busy, "other_status": other,
        "socket_errors": sum(int(g) for g in summary.groups()[2:]),
        "holds_per_s": round(created / seconds, 1), "requests_per_s": float(rps[1]),
        "share_409": round(conflicts / requests, 4) if requests else 0.0,
        "p50_ms": int(latency[1]) / 1e3, "p95_ms": int(latency[2]) / 1e3,
        "p99_ms": int(latency[3]) / 1e3,
    }


def bench_server(workers: int, seconds: int, connections: int, mix: str, transport: str
                 ) -> dict[str, Any]:
    log = OUT / f"server-{workers}-{mix}.log"
    proc, port = start_server(workers, log, DB_URLS[transport])
    try:
        wrk(port, 3, connections)  # warm-up: connections, caches, statement caches
        psql(TRUNCATE)
        pids = [proc.pid] if workers == 1 else worker_pids(proc.pid)
        before, cpu = load(), cpu_now(pids)
        output = wrk(port, seconds, connections, MIXES[mix])
        figures = parse_wrk(output)
        figures.update(usage(cpu, pids, figures["created_201"]))
        rows = int(psql("SELECT count(*) FROM reservations"))
        rss = [rss_mb(pid) for pid in pids]
        supervisor = rss_mb(proc.pid) if workers > 1 else None
    finally:
        stop_server(proc)
    errors = len(re.findall(r"Traceback|ERROR", log.read_text(errors="replace")))
    print(f"\n--- {workers} process(es), {mix} mix, {transport}, load before run {before} ---"
          f"\n{output.rstrip()}")
    print(f"rows in reservations: {rows}; RSS MB {rss}, supervisor {supervisor or '-'}")
    return {"processes": workers, "mix": mix, "transport": transport, **figures,
            "rows_inserted": rows, "rss_mb": rss,
            "rss_mb_sum": round(sum(rss), 1), "supervisor_rss_mb": supervisor,
            "server_log_errors": errors, "load_before": before, "load_after": load()}


def bench_pgbench(seconds: int, connections: int, transport: str) -> dict[str, Any]:
    psql(TRUNCATE)
    before, cpu = load(), cpu_now([])
    host = SOCKET_DIR if transport == "socket" else HOST
    logs = OUT / "pgbench-log"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    cmd = ["/usr/bin/pgbench", "-n", "-c", str(connections), "-j", "2", "-T", str(seconds),
           "-f", "bench/holds_pgbench.sql", "-h", host, "-U", "postgres", "-l",
           f"--log-prefix={logs}/tx", DB_NAME]
    output = run(cmd, timeout=seconds + 60)
    latencies = latency_percentiles(logs)
    box_busy = usage(cpu, [], 0)["box_busy"]
    found = re.search(r"processed: (\d+)\n(?:number of failed transactions: (\d+))?.*"
                      r"tps = ([\d.]+) \(without initial connection time\)", output, re.S)
    if not found:
        sys.exit(f"could not parse pgbench output:\n{output}")
    transactions, failed, tps = int(found[1]), int(found[2] or 0), float(found[3])
    rows = int(psql("SELECT count(*) FROM reservations"))
    print(f"\n--- pgbench, load before {before} ---\n{output.rstrip()}\nrows inserted: {rows}")
    return {"tps": tps, "transactions": transactions, "failed": failed, "rows_inserted": rows,
            "aborted": "aborted" in output, "inserted_per_s": round(rows / seconds, 1),
            "share_skipped": round(1 - rows / transactions, 4) if transactions else 0.0,
            "box_busy": box_busy, "load_before": before, "load_after": load(), **latencies}


def latency_percentiles(logs: Path) -> dict[str, float]:
    """p50/p95/p99 in ms of pgbench's per-transaction log (third field: latency in µs)."""
    values = sorted(int(line.split()[2]) for path in logs.glob("tx*")
                    for line in path.read_text().splitlines() if line.strip())
    if not values:
        return {}
    pick = {q: values[min(len(values) - 1, int(len(values) * q / 100))] for q in (50, 95, 99)}
    return {f"p{q}_ms": round(v / 1000, 1) for q, v in pick.items()}


def print_table(runs: list[dict[str, Any]], pg: dict[str, Any]) -> None:
    head = ROW.format("processes", "holds/s", "req/s", "409 %", "503", "p50 ms", "p95 ms",
                      "p99 ms", "RSS MB", "ratio", "CPU ms", "busy %", "load 1/5/15 min")
    print(f"\n{head}\n{'-' * len(head)}")
    for r in runs:
        parts = [f"{mb:.0f}" for mb in r["rss_mb"]]
        rss = "+".join(parts) + (f"={r['rss_mb_sum']:.0f}" if len(parts) > 1 else "")
        print(ROW.format(
            f"{r['processes']} {r['mix']}", f"{r['holds_per_s']:.1f}",
            f"{r['requests_per_s']:.1f}", f"{100 * r['share_409']:.1f}",
            f"{r['busy_503']}+{r['other_status'] + r['socket_errors']}",
            f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}", f"{r['p99_ms']:.1f}", rss,
            f"{r['ratio']:.3f}", f"{r['cpu_ms_per_hold']:.1f}", f"{100 * r['box_busy']:.0f}",
            r["load_before"]))
    print(ROW.format("pgbench", f"{pg['inserted_per_s']:.1f}", f"{pg['tps']:.1f}",
                     f"{100 * pg['share_skipped']:.1f}", pg["failed"], pg.get("p50_ms", ""),
                     pg.get("p95_ms", ""), pg.get("p99_ms", ""), "", "1.000",
                     "", f"{100 * pg['box_busy']:.0f}", pg["load_before"]))
    print("holds/s: 201s (pgbench: rows inserted) per s; req/s: pgbench tps; 409 %: pgbench "
          "transactions that inserted nothing; 503: 503s + other non-201/409 and socket errors "
          "(pgbench: failed);\nCPU ms: server CPU per 201; busy %: whole machine, all cores; "
          "ratio: holds/s / pgbench holds/s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per run (15)")
    parser.add_argument("--connections", type=int, default=50, help="wrk/pgbench clients (50)")
    parser.add_argument("--workers", default="1,2", help="server processes to try (1,2)")
    parser.add_argument("--mixes", default="uniform,hot",
                        help="uniform (random cabin and date) and/or hot (30 %% on 3 cabins)")
    parser.add_argument("--transport", choices=sorted(DB_URLS), default="tcp",
                        help="how the server and pgbench reach PostgreSQL (tcp)")
    parser.add_argument("--skip-install", action="store_true", help="do not apt-get wrk")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_wrk(args.skip_install)
    prepare_database()
    print(f"uptime: {run(['uptime'], timeout=10).strip()}")
    runs = [bench_server(int(n), args.duration, args.connections, mix, args.transport)
            for mix in args.mixes.split(",") for n in args.workers.split(",")]
    pg = bench_pgbench(args.duration, args.connections, args.transport)
    for r in runs:
        r["ratio"] = round(r["holds_per_s"] / pg["inserted_per_s"], 3) if pg["rows_inserted"] else 0
    print_table(runs, pg)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpus": os.cpu_count(),
              "uptime": run(["uptime"], timeout=10).strip(), "args": vars(args),
              "runs": runs, "pgbench": pg}
    (OUT / "holds.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten {OUT / 'holds.json'}")


if __name__ == "__main__":
    main()
