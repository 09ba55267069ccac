"""Benchmark: how fast ``posada serve`` answers WhatsApp text messages, end to end.

For each engine in ``--engines`` (SQLite in a temporary file, PostgreSQL database
``posada_bench_msgs`` on 127.0.0.1:5432, created and dropped here) it migrates, seeds the demo
property (``posada db upgrade``, ``posada demo``), starts a ``FakeGraph`` (the local Cloud API)
in this process and ``posada serve`` as a subprocess pointed at it, then posts signed text
webhooks (``X-Hub-Signature-256`` over the exact bytes) open-loop at each rate of ``--rates``
for ``--seconds``: sends are scheduled by the clock, never wait for replies. Messages rotate
over ``--guests`` guests (a fresh set per run, so runs do not share conversations), each with
a unique wamid; most ask for nights ("hola, ¿tienen lugar del 10 al 13 de <next month> para
2?", answered with a list of cabins), some ask "¿tienen wifi?" or say "hola".

Latency of a message = when its reply reached the fake (``Recorded.received_at``) minus when
its POST was sent, both ``time.monotonic()`` in this process. The bot answers every such
text with one message and keeps each guest's replies in order, so the k-th reply to a guest
answers that guest's k-th accepted message; read receipts (``FakeGraph.reads``) do not count.
After each run it waits up to ``--grace`` s for the last replies. Per rate it prints: the
rate achieved, sent, answered, lost (sent but unanswered after the grace period, refused
posts included), non-200 (HTTP status other than 200, or no answer at all), p50/p95/p99 ms
of the answered; then per engine the highest rate tried with p95 < 200 ms and nothing lost,
and the issue's goals (p95 < 100 ms at 20/s; no loss at 100/s). It reports; it does not
judge: the exit code is 0 whether or not the goals are met. On a shared 2-core box other jobs
move the figures, so the load average is printed with each run.

Run: ``.venv/bin/python bench/messages.py`` or e.g. ``.venv/bin/python bench/messages.py
--engines sqlite --rates 20,100 --seconds 8``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from posada.adapters.whatsapp.fake import DEFAULT_TOKEN, FakeGraph
from posada.adapters.whatsapp.signature import sign

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only host this script ever talks to
PG_DB = "posada_bench_msgs"  # never ``test`` or ``posada_bench``: others use those
PG_URL = f"postgresql+asyncpg://postgres@{HOST}:5432/{PG_DB}"
PSQL = ["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt"]
#: Throwaway credentials of this bench's own server and fake (not secrets).
APP_SECRET = "bench-app-secret-0123456789"  # noqa: S105
VERIFY_TOKEN = "bench-verify-token"  # noqa: S105
SECRET_KEY = "bench-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105
PHONE_NUMBER_ID = "106540352242922"
OWNER = "+5492944999999"
GUEST_BASE = 5492944000000  # guest n writes from wa_id GUEST_BASE + n
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")
STEADY_P95_MS = 200.0
GOAL_RATE, GOAL_P95_MS, LOSS_RATE = 20, 100.0, 100
ROW = "{:>11} {:>6} {:>7} {:>6} {:>8} {:>5} {:>6} {:>7} {:>7} {:>7}  {}"


@dataclass(slots=True)
class Sent:
    guest: str
    at: float = 0.0  # time.monotonic() when the POST went out
    status: int = -1  # HTTP status; 0 = no answer (connection error or timeout)


@dataclass(slots=True)
class Figures:
    rate: int
    achieved: float
    sent: int
    answered: int
    lost: int
    non_200: int
    p50: float | None
    p95: float | None
    p99: float | None
    load: str


def texts(today: date) -> list[str]:
    """The mix: seven in ten ask for nights next month, two ask for wifi, one says hello."""
    month = MONTHS[today.month % 12]  # the month after today's
    ask = f"hola, ¿tienen lugar del 10 al 13 de {month} para 2?"
    other = f"buenas! tienen lugar del 10 al 13 de {month} para 2 personas?"
    return [ask, other, ask, "¿tienen wifi?", ask, other, ask, "hola", ask, "¿tienen wifi?"]


def delivery(guest: str, text: str, wamid: str, name: str) -> bytes:
    """A Cloud API webhook body with one text message from ``guest`` (as Meta sends it)."""
    value = {"messaging_product": "whatsapp",
             "metadata": {"display_phone_number": "15550001111",
                          "phone_number_id": PHONE_NUMBER_ID},
             "contacts": [{"profile": {"name": name}, "wa_id": guest}],
             "messages": [{"from": guest, "id": wamid, "type": "text", "text": {"body": text},
                           "timestamp": str(int(datetime.now(UTC).timestamp()))}]}
    return json.dumps({"object": "whatsapp_business_account", "entry": [
        {"id": "102290129340398", "changes": [{"field": "messages", "value": value}]}]}).encode()


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile of ``values`` (sorted), ``None`` when empty."""
    if not values:
        return None
    return values[max(0, min(len(values) - 1, -(-len(values) * q // 100) - 1))]


def posada_env(db_url: str, graph: FakeGraph) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSADA_")}
    return {**env, "POSADA_ENV": "development", "POSADA_DATABASE_URL": db_url,
            "POSADA_SECRET_KEY": SECRET_KEY, "POSADA_WHATSAPP_APP_SECRET": APP_SECRET,
            "POSADA_WHATSAPP_VERIFY_TOKEN": VERIFY_TOKEN,
            "POSADA_WHATSAPP_ACCESS_TOKEN": graph.token,
            "POSADA_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
            "POSADA_WHATSAPP_API_BASE_URL": graph.url, "POSADA_OWNER_PHONE": OWNER,
            "POSADA_RATE_LIMIT_WEBHOOKS": "100000/second", "POSADA_LOG_LEVEL": "WARNING"}


def run(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run ``cmd`` to completion; its stdout, or raise with its output."""
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}... failed ({done.returncode}):\n"
                           f"{done.stderr}{done.stdout}")
    return done.stdout


def posada(*args: str) -> list[str]:
    return [sys.executable, "-m", "posada.cli", *args]


def start_server(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``posada serve`` on a free port, once GET /healthz answers 200 (at most 60 s)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port = int(sock.getsockname()[1])
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen([*posada("serve", "--host", HOST, "--port", str(port))],
                                env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # its own group: see stop_server
    url = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"posada serve did not become healthy (exit {proc.returncode}):\n"
                       f"{log.read_text(errors='replace')[-2000:]}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGINT (graceful), then SIGTERM, then SIGKILL to the process group started here."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc.send_signal(sig)  # no-op once it has exited
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=15)
            break
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of its group
    proc.wait(timeout=10)


async def post(client: httpx.AsyncClient, body: bytes, record: Sent) -> None:
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(APP_SECRET, body)}
    record.at = time.monotonic()
    try:
        response = await client.post("/webhooks/whatsapp", content=body, headers=headers)
        record.status = response.status_code
    except httpx.HTTPError:
        record.status = 0


async def send(client: httpx.AsyncClient, rate: int, seconds: float, guests: int, first: int,
               mix: list[str], tag: str) -> tuple[list[Sent], float]:
    """Open loop: message i goes out at start + i / rate whatever the earlier ones did."""
    records: list[Sent] = []
    tasks: list[asyncio.Task[None]] = []
    start = time.monotonic()
    for i in range(max(1, round(rate * seconds))):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        n = first + i % guests
        record = Sent(str(GUEST_BASE + n))
        body = delivery(record.guest, mix[(i + i // guests) % len(mix)],
                        f"wamid.BENCH{tag}{i:07d}{time.time_ns()}", f"Huésped {n}")
        records.append(record)
        tasks.append(asyncio.create_task(post(client, body, record)))
    elapsed = time.monotonic() - start
    await asyncio.gather(*tasks)
    return records, len(records) / max(elapsed + 1 / rate, 1e-9)


def match(records: list[Sent], graph: FakeGraph) -> tuple[list[float], int]:
    """Latencies (ms) of the answered accepted messages, and replies beyond one per message."""
    replies: dict[str, list[float]] = defaultdict(list)
    for r in list(graph.messages):
        replies[str(r.payload.get("to"))].append(r.received_at)
    sent: dict[str, list[float]] = defaultdict(list)
    for s in records:
        if s.status == 200:
            sent[s.guest].append(s.at)
    latencies, extra = [], 0
    for guest, times in sent.items():
        got = sorted(replies.get(guest, []))
        latencies += [1000 * (b - a) for a, b in zip(sorted(times), got, strict=False)]
        extra += max(0, len(got) - len(times))
    return sorted(latencies), extra


async def measure(client: httpx.AsyncClient, graph: FakeGraph, rate: int, seconds: float,
                  guests: int, first: int, mix: list[str], grace: float, tag: str
                  ) -> tuple[Figures, int]:
    load = " ".join(f"{a:.2f}" for a in os.getloadavg())
    records, achieved = await send(client, rate, seconds, guests, first, mix, tag)
    accepted = sum(s.status == 200 for s in records)
    deadline = time.monotonic() + grace
    latencies, extra = match(records, graph)
    while len(latencies) < accepted and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        latencies, extra = match(records, graph)
    return Figures(rate, achieved, len(records), len(latencies), len(records) - len(latencies),
                   len(records) - accepted, percentile(latencies, 50),
                   percentile(latencies, 95), percentile(latencies, 99), load), extra


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def prepare(engine: str, tmp: Path, graph: FakeGraph) -> dict[str, str]:
    """A migrated database with the demo property; the server's environment."""
    if engine == "postgresql":
        run([*PSQL, "-c", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"])
        run([*PSQL, "-c", f"CREATE DATABASE {PG_DB}"])
        url = PG_URL
    else:
        url = f"sqlite+aiosqlite:///{tmp / 'posada.db'}"
    env = posada_env(url, graph)
    run(posada("db", "upgrade"), env)
    print(f"{engine}: {run(posada('demo'), env).strip()}", flush=True)
    return env


def server_log_summary(log: Path) -> str:
    lines = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    bad = [ln for ln in lines if "Traceback" in ln or "ERROR" in ln or "CRITICAL" in ln]
    shown = "".join(f"\n    {ln[:200]}" for ln in (bad or lines)[:5])
    return f"server log: {len(lines)} lines, {len(bad)} with Traceback/ERROR{shown}"


async def bench_engine(engine: str, args: argparse.Namespace, graph: FakeGraph, url: str
                       ) -> list[Figures]:
    mix = texts(date.today())
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    timeout = httpx.Timeout(30.0)
    results: list[Figures] = []
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as client:
        if args.warmup > 0:
            warm, _ = await measure(client, graph, 10, args.warmup, args.guests, 0, mix,
                                    args.grace, "W")
            print(f"{engine}: warm-up {warm.sent} messages at 10/s, {warm.answered} answered, "
                  f"p50 {ms(warm.p50)} ms", flush=True)
        for k, rate in enumerate(args.rates, start=1):
            figures, extra = await measure(client, graph, rate, args.seconds, args.guests,
                                           k * args.guests, mix, args.grace, f"R{k}")
            results.append(figures)
            print(ROW.format(engine, rate, f"{figures.achieved:.1f}", figures.sent,
                             figures.answered, figures.lost, figures.non_200, ms(figures.p50),
                             ms(figures.p95), ms(figures.p99), figures.load), flush=True)
            if extra:
                print(f"  note: {extra} replies more than one per message", flush=True)
    kinds = Counter(str(r.payload.get("type")) for r in graph.messages)
    print(f"{engine}: replies by type {dict(kinds)}; read receipts {len(graph.reads)}")
    return results


def run_engine(engine: str, args: argparse.Namespace) -> list[Figures]:
    tmp = Path(tempfile.mkdtemp(prefix=f"posada-bench-msgs-{engine}-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        with FakeGraph(DEFAULT_TOKEN) as graph:
            env = prepare(engine, tmp, graph)
            log = tmp / "server.log"
            proc, url = start_server(env, log)
            try:
                return asyncio.run(bench_engine(engine, args, graph, url))
            finally:
                stop_server(proc)
                print(f"{engine}: {server_log_summary(log)}", flush=True)
    finally:
        if engine == "postgresql":
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                run([*PSQL, "-c", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"], timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


def summary(engine: str, results: list[Figures]) -> None:
    steady = [f.rate for f in results if f.lost == 0 and f.p95 is not None
              and f.p95 < STEADY_P95_MS]
    best = f"{max(steady)}/s" if steady else "none of the rates tried"
    print(f"{engine}: highest steady rate with p95 < {STEADY_P95_MS:.0f} ms: {best}")
    goal = next((f for f in results if f.rate == GOAL_RATE), None)
    if goal is None:
        print(f"{engine}: goal p95 < {GOAL_P95_MS:.0f} ms at {GOAL_RATE}/s: not run")
    else:
        met = goal.p95 is not None and goal.p95 < GOAL_P95_MS and goal.lost == 0
        print(f"{engine}: goal p95 < {GOAL_P95_MS:.0f} ms at {GOAL_RATE}/s: "
              f"{'met' if met else 'NOT met'} ({ms(goal.p95)} ms)")
    loss = next((f for f in results if f.rate == LOSS_RATE), None)
    if loss is None:
        print(f"{engine}: goal no loss at {LOSS_RATE}/s: not run")
    else:
        print(f"{engine}: goal no loss at {LOSS_RATE}/s: "
              f"{'met' if loss.lost == 0 else 'NOT met'} (lost {loss.lost})")


def interrupted(signum: int, frame: object) -> Any:
    raise KeyboardInterrupt  # SIGTERM cleans up like Ctrl-C


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql",
                        help="sqlite and/or postgresql (both)")
    parser.add_argument("--rates", default="10,20,50,100", help="messages/s (10,20,50,100)")
    parser.add_argument("--seconds", type=float, default=15, help="per rate (15)")
    parser.add_argument("--warmup", type=float, default=3, help="seconds at 10/s first (3)")
    parser.add_argument("--guests", type=int, default=200, help="guests per run (200)")
    parser.add_argument("--grace", type=float, default=30,
                        help="seconds to wait for replies after a run (30)")
    args = parser.parse_args(argv)
    args.rates = [int(r) for r in args.rates.split(",")]
    engines = [e.strip() for e in args.engines.split(",")]
    if not set(engines) <= {"sqlite", "postgresql"} or min(args.rates) < 1 or args.guests < 1:
        parser.error("engines: sqlite,postgresql; rates and guests: positive")
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with &
    signal.signal(signal.SIGTERM, interrupted)
    print(f"{os.cpu_count()} CPUs; {args.seconds:g} s per rate, {args.guests} guests per run, "
          f"grace {args.grace:g} s")
    print(ROW.format("engine", "rate", "sent/s", "sent", "answered", "lost", "non200",
                     "p50 ms", "p95 ms", "p99 ms", "load 1/5/15 min"), flush=True)
    done: dict[str, list[Figures]] = {}
    code = 0  # unmet goals alone still exit 0
    try:
        for engine in engines:
            done[engine] = run_engine(engine, args)
    except KeyboardInterrupt:
        print("\ninterrupted; cleaned up", file=sys.stderr)
        code = 130
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        code = 1  # the bench could not run
    print()
    for engine, results in done.items():
        summary(engine, results)
    if code:
        sys.exit(code)


if __name__ == "__main__":
    main()
