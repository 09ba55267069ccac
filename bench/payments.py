"""Benchmark: 200 paid holds, every notification delivered twice and out of order.

A ``FakeMercadoPago`` (the local stand-in for Mercado Pago's API) runs on 127.0.0.1. This
process migrates a fresh SQLite database (or ``--database-url``), seeds ``--holds``
accommodations, places one hold on each (``holds.place_hold``) and creates its checkout
(``checkout.checkout``: a preference at the fake), pays every hold at the fake, then
processes the notifications the way ``process_inbound`` does
(``jobs.mercadopago.mercadopago_handler``: fetch the payment over HTTP, apply it under the
calendar's lock) — each notification twice, shuffled, ``--concurrency`` (8) at once. It
prints the time from a notification's processing start to its reservation being confirmed
(p50/p95), and checks that every reservation was confirmed exactly once. The webhook's own
answer (verify + store, before processing) is not in these figures.

Run: ``.venv/bin/python bench/payments.py`` (``make bench-payments``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from posada.adapters.mercadopago.client import MercadoPagoGateway
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.db import migrate
from posada.db.engine import Database
from posada.db.models import Reservation, ReservationEvent
from posada.jobs.mercadopago import MercadoPagoPort, mercadopago_handler
from posada.services import admin, checkout, holds
from posada.services.common import utcnow
from posada.services.outbox import OutboxPolicy
from posada.services.payments import Payments
from posada.services.policy import BookingPolicy

GOAL_P95_MS = 200.0


async def run(count: int, concurrency: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder, FakeMercadoPago() as mp:
        url = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        if database_url:
            await asyncio.to_thread(migrate.downgrade, url, "base")
        await asyncio.to_thread(migrate.upgrade, url)
        db = Database(url)
        port = MercadoPagoPort(MercadoPagoGateway(mp.token, base_url=mp.url),
                               "America/Argentina/Buenos_Aires")
        ctx = Payments(db=db, outbox=OutboxPolicy(), gateway=port,
                       public_url="https://reservas.example.com")
        policy = BookingPolicy(max_holds_per_contact=0, max_holds_per_client=0)
        prop = await admin.get_or_create_property(
            db, name="Bench", slug="bench", timezone="America/Argentina/Buenos_Aires")
        start = date.today() + timedelta(days=30)
        codes = []
        for n in range(count):
            cabin = await admin.create_accommodation(db, property_id=prop.id, fields={
                "slug": f"c{n}", "name": f"Cabaña {n}", "capacity": 4,
                "base_price": Decimal("80000")})
            made = await holds.place_hold(db, policy, holds.HoldRequest(
                cabin.id, start, start + timedelta(days=3), guests=2, guest_name="Bench"))
            assert await checkout.checkout(ctx, made.code)
            codes.append(made.code)
        payments = {mp.pay(code): code for code in codes}
        work = [pid for pid in payments for _ in range(2)]
        random.Random(7).shuffle(work)
        handle = mercadopago_handler(ctx)
        gate = asyncio.Semaphore(concurrency)
        confirmed_after: dict[str, float] = {}

        async def one(pid: int) -> None:
            async with gate:
                began = time.perf_counter()
                await handle(json.dumps({"kind": "payment", "id": str(pid)}))
                code = payments[pid]
                confirmed_after.setdefault(code, (time.perf_counter() - began) * 1000)

        wall = time.perf_counter()
        await asyncio.gather(*(one(pid) for pid in work))
        wall = time.perf_counter() - wall
        async with db.session() as session:
            confirmed = await session.scalar(select(func.count()).select_from(Reservation)
                                             .where(Reservation.status == "confirmed"))
            events = dict((await session.execute(
                select(Reservation.code, func.count()).join(
                    ReservationEvent, ReservationEvent.reservation_id == Reservation.id)
                .where(ReservationEvent.to_status == "confirmed")
                .group_by(Reservation.code))).all())
        await port.aclose()
        await db.dispose()
    times = sorted(confirmed_after.values())
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    once = all(events.get(code) == 1 for code in codes)
    print(f"holds paid: {count}, notifications processed: {len(work)} (each twice, shuffled)")
    print(f"confirmed: {confirmed}/{count}, each exactly once: {once}")
    print(f"notification → confirmed: p50 {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms (goal < {GOAL_P95_MS:.0f} ms: "
          f"{'met' if p95 < GOAL_P95_MS else 'NOT met'}); all in {wall:.1f} s")
    engine = "PostgreSQL" if database_url and "postgresql" in database_url else "SQLite"
    print(f"{concurrency} at once, at {utcnow():%Y-%m-%d %H:%M} UTC on {engine}")


def main() -> None:
    logging.getLogger("posada").setLevel(logging.ERROR)  # owner alerts without a phone
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--holds", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8,
                        help="notifications processed at once (the job runner's batch)")
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL URL to run on (its tables are dropped first); "
                             "default: a fresh SQLite file")
    args = parser.parse_args()
    asyncio.run(run(args.holds, args.concurrency, args.database_url))


if __name__ == "__main__":
    main()
