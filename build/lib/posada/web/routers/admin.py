"""Owner's API under ``/api/v1/admin/``: properties, accommodations, seasons, blocks, bookings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from posada.config import Settings
from posada.db.models import Accommodation, Reservation
from posada.domain.errors import InvalidRequest
from posada.domain.reservation import Status
from posada.services import admin as owner
from posada.services import blocks, holds
from posada.web.admin_schemas import (
    AccommodationAdminOut,
    AccommodationIn,
    AccommodationPatch,
    BlockIn,
    BlockOut,
    PropertyIn,
    PropertyOut,
    PropertyPatch,
    SeasonIn,
    SeasonOut,
)
from posada.web.deps import AdminDep, DbDep, SettingsDep
from posada.web.routers.public import ERRORS, shown_status
from posada.web.schemas import (
    MAX_ID,
    CodePath,
    ErrorResponse,
    IdPath,
    IdQuery,
    IsoDate,
    ReservationAdminOut,
)

router = APIRouter(
    prefix="/api/v1/admin", tags=["admin"],
    responses={**ERRORS, 401: {"model": ErrorResponse}},
)


def accommodation_admin_out(a: Accommodation, settings: Settings) -> AccommodationAdminOut:
    return AccommodationAdminOut(
        id=a.id, property_id=a.property_id, slug=a.slug, name=a.name,
        description=a.description, capacity=a.capacity, base_price=a.base_price,
        cleaning_fee=a.cleaning_fee, min_nights=a.min_nights, currency=a.currency,
        active=a.active,
        ical_export_url=f"{settings.external_url}/ical/{a.slug}.ics?token={a.ical_token}",
    )


def admin_view(r: Reservation) -> ReservationAdminOut:
    return ReservationAdminOut(
        code=r.code, status=shown_status(r), accommodation_id=r.accommodation_id,
        check_in=r.check_in, check_out=r.check_out, nights=(r.check_out - r.check_in).days,
        guests=r.guests, expires_at=r.expires_at, total=r.total, deposit=r.deposit,
        currency=r.currency, guest_name=r.guest_name, guest_phone=r.guest_phone,
        guest_email=r.guest_email, channel=r.channel, created_at=r.created_at, quote=r.quote,
    )


@router.get("/properties", response_model=list[PropertyOut])
async def list_properties(db: DbDep, _: AdminDep) -> list[PropertyOut]:
    return [PropertyOut.model_validate(p, from_attributes=True)
            for p in await owner.list_properties(db)]


@router.post("/properties", response_model=PropertyOut, status_code=201)
async def create_property(body: PropertyIn, db: DbDep, _: AdminDep) -> PropertyOut:
    """Add a property (the business whose accommodations are sold); 409 if the slug exists."""
    prop = await owner.create_property(db, body.model_dump())
    return PropertyOut.model_validate(prop, from_attributes=True)


@router.patch("/properties/{property_id}", response_model=PropertyOut)
async def patch_property(
    property_id: IdPath, body: PropertyPatch, db: DbDep, _: AdminDep
) -> PropertyOut:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    prop = await owner.update_property(db, property_id, changes)
    return PropertyOut.model_validate(prop, from_attributes=True)


@router.get("/accommodations", response_model=list[AccommodationAdminOut])
async def list_accommodations(
    db: DbDep, settings: SettingsDep, _: AdminDep
) -> list[AccommodationAdminOut]:
    return [accommodation_admin_out(a, settings)
            for a in await owner.list_all_accommodations(db)]


@router.post("/accommodations", response_model=AccommodationAdminOut, status_code=201)
async def create_accommodation(
    body: AccommodationIn, db: DbDep, settings: SettingsDep, _: AdminDep
) -> AccommodationAdminOut:
    fields = body.model_dump(exclude={"property_id"}, exclude_none=True)
    created = await owner.create_accommodation(db, property_id=body.property_id, fields=fields)
    return accommodation_admin_out(created, settings)


@router.get("/accommodations/{accommodation_id}", response_model=AccommodationAdminOut)
async def get_accommodation(
    accommodation_id: IdPath, db: DbDep, settings: SettingsDep, _: AdminDep
) -> AccommodationAdminOut:
    return accommodation_admin_out(await owner.get_accommodation(db, accommodation_id), settings)


@router.patch("/accommodations/{accommodation_id}", response_model=AccommodationAdminOut)
async def patch_accommodation(
    accommodation_id: IdPath, body: AccommodationPatch, db: DbDep, settings: SettingsDep,
    _: AdminDep,
) -> AccommodationAdminOut:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    updated = await owner.update_accommodation(db, accommodation_id, changes)
    return accommodation_admin_out(updated, settings)


@router.delete("/accommodations/{accommodation_id}", response_model=AccommodationAdminOut)
async def deactivate_accommodation(
    accommodation_id: IdPath, db: DbDep, settings: SettingsDep, _: AdminDep
) -> AccommodationAdminOut:
    """Stop offering it (kept, with its reservations, as ``active: false``)."""
    updated = await owner.update_accommodation(db, accommodation_id, {"active": False})
    return accommodation_admin_out(updated, settings)


@router.get("/seasons", response_model=list[SeasonOut])
async def list_seasons(db: DbDep, _: AdminDep) -> list[SeasonOut]:
    return [SeasonOut.model_validate(s, from_attributes=True)
            for s in await owner.list_seasons(db)]


def _season_fields(body: SeasonIn) -> owner.SeasonFields:
    return owner.SeasonFields(**body.model_dump())


@router.post("/seasons", response_model=SeasonOut, status_code=201)
async def create_season(body: SeasonIn, db: DbDep, _: AdminDep) -> SeasonOut:
    season = await owner.create_season(db, _season_fields(body))
    return SeasonOut.model_validate(season, from_attributes=True)


@router.put("/seasons/{season_id}", response_model=SeasonOut)
async def replace_season(season_id: IdPath, body: SeasonIn, db: DbDep, _: AdminDep) -> SeasonOut:
    season = await owner.update_season(db, season_id, _season_fields(body))
    return SeasonOut.model_validate(season, from_attributes=True)


@router.delete("/seasons/{season_id}", status_code=204, response_class=Response)
async def delete_season(season_id: IdPath, db: DbDep, _: AdminDep) -> Response:
    await owner.delete_season(db, season_id)
    return Response(status_code=204)


def block_out(b: Reservation) -> BlockOut:
    return BlockOut(
        id=b.id, code=b.code, accommodation_id=b.accommodation_id, check_in=b.check_in,
        check_out=b.check_out, status=b.status, channel=b.channel, note=b.note,
    )


@router.get("/blocks", response_model=list[BlockOut])
async def list_blocks(
    db: DbDep, _: AdminDep, accommodation_id: IdQuery = None, include_released: bool = False
) -> list[BlockOut]:
    return [block_out(b) for b in await blocks.list_blocks(db, accommodation_id, include_released)]


@router.post("/blocks", response_model=BlockOut, status_code=201)
async def create_block(body: BlockIn, db: DbDep, admin: AdminDep) -> BlockOut:
    block = await blocks.create_block(
        db, body.accommodation_id, body.check_in, body.check_out, note=body.note, actor=admin
    )
    return block_out(block)


@router.delete("/blocks/{block_id}", response_model=BlockOut)
async def release_block(block_id: IdPath, db: DbDep, admin: AdminDep) -> BlockOut:
    return block_out(await blocks.release_block(db, block_id, actor=admin))


@router.get("/reservations", response_model=list[ReservationAdminOut])
async def list_reservations(
    db: DbDep,
    _: AdminDep,
    status: Status | None = None,
    accommodation_id: IdQuery = None,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> list[ReservationAdminOut]:
    if date_from and date_to and date_to < date_from:
        raise InvalidRequest("'to' must not be before 'from'.")
    rows = await owner.list_reservations(
        db, status=status.value if status else None, accommodation_id=accommodation_id,
        date_from=date_from, date_to=date_to, limit=limit, offset=offset,
    )
    return [admin_view(r) for r in rows]


@router.get("/reservations/{code}", response_model=ReservationAdminOut)
async def get_reservation(code: CodePath, db: DbDep, _: AdminDep) -> ReservationAdminOut:
    return admin_view(await holds.get_reservation(db, code.upper()))
