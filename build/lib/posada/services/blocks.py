"""Owner blocks: nights closed without a guest booking."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select

from posada import observability
from posada.db import calendar
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.domain import reservation as machine
from posada.domain.errors import InvalidStay, NotFound, Unavailable
from posada.domain.reservation import Status
from posada.domain.stay import Stay
from posada.services.common import clashes, load_priced, record, translated_db_errors, utcnow


async def create_block(
    db: Database,
    accommodation_id: int,
    check_in: date,
    check_out: date,
    *,
    note: str | None = None,
    channel: str = "admin",
    actor: str = "admin",
    now: datetime | None = None,
) -> Reservation:
    """Close ``[check_in, check_out)`` (local dates) of one accommodation.

    Past dates are allowed (an owner may record history); stale holds are expired first.

    Raises:
        NotFound: unknown accommodation.
        InvalidStay: check-out on or before check-in.
        Unavailable: a reservation, hold or block already holds one of those nights.
    """
    now = now or utcnow()
    if check_out <= check_in:
        raise InvalidStay("check_out must be after check_in")
    stay = Stay(check_in, check_out)
    async with translated_db_errors(), db.turns.of(accommodation_id), db.connection() as conn:
        accommodation = await load_priced(
            conn, accommodation_id, check_in, check_out, missing="No such accommodation."
        )
        clash = await clashes(conn, accommodation_id, stay, now)
        if clash:
            raise Unavailable(
                "Those nights are taken.", conflicts=[c.code for c in clash if c.code]
            )
        block = Reservation(
            property_id=accommodation.property_id, accommodation_id=accommodation_id, kind="block",
            code=machine.new_code(), status=Status.BLOCKED.value, check_in=check_in,
            check_out=check_out, channel=channel, note=note,
        )
        await calendar.insert_row(conn, block, "block", actor, now)
    observability.count_reservation(Status.BLOCKED.value)
    return block


async def release_block(
    db: Database, block_id: int, *, actor: str = "admin", now: datetime | None = None
) -> Reservation:
    """Reopen the nights of a block (kept as ``released`` for history).

    Raises:
        NotFound: no block with that id.
        InvalidTransition: it was already released.
    """
    now = now or utcnow()
    async with translated_db_errors(), db.transaction() as session:
        block = await session.scalar(
            select(Reservation)
            .where(Reservation.id == block_id, Reservation.kind == "block")
            .with_for_update()
        )
        if block is None:
            raise NotFound("No such block.", block_id=block_id)
        await record(session, block, machine.release(Status(block.status)), now, actor)
    return block


async def list_blocks(
    db: Database, accommodation_id: int | None = None, include_released: bool = False
) -> Sequence[Reservation]:
    """Blocks, newest stay first, optionally of one accommodation."""
    query = select(Reservation).where(Reservation.kind == "block")
    if accommodation_id is not None:
        query = query.where(Reservation.accommodation_id == accommodation_id)
    if not include_released:
        query = query.where(Reservation.status == Status.BLOCKED.value)
    async with db.session() as session:
        return (await session.scalars(query.order_by(Reservation.check_in.desc()))).all()
