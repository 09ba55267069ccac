"""Demo data: "Cabañas del Bosque" with three cabins, a high season and a weekend rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from posada.db.engine import Database
from posada.db.models import Accommodation, Property
from posada.services import admin

CABINS = [
    ("pehuen", "Cabaña Pehuén", 2, "60000.00", "Monoambiente para dos con vista al lago."),
    ("coihue", "Cabaña Coihue", 4, "90000.00", "Dos dormitorios, parrilla y deck."),
    ("arrayan", "Cabaña Arrayán", 6, "120000.00", "Tres dormitorios, hogar a leña."),
]


#: What the demo bot tells guests (the owner edits these through PATCH /api/v1/admin/properties).
DEMO_INFO = {
    "checkin_time": "El check-in es desde las 14 h.",
    "checkout_time": "El check-out es hasta las 10 h.",
    "address": "Estamos en Av. Bustillo km 8, Bariloche.",
    "pets": "Aceptamos mascotas chicas, avisanos antes.",
    "parking": "Cada cabaña tiene su cochera cubierta.",
    "wifi": "Hay wifi en todas las cabañas.",
    "linens": "Sábanas y toallas están incluidas.",
    "heating": "Todas tienen calefacción a gas y salamandra.",
}


async def is_empty(db: Database) -> bool:
    """True when no property exists yet."""
    async with db.session() as session:
        return not await session.scalar(select(func.count()).select_from(Property))


async def seed_demo(db: Database, timezone: str, today: date) -> Property:
    """Create the demo property (idempotent: an existing demo property is left as it is).

    The high season runs from 15 December to 1 March (exclusive), seeded for the summer
    that contains or follows ``today`` and the next one.
    """
    prop = await admin.get_or_create_property(
        db, name="Cabañas del Bosque", slug="cabanas-del-bosque", timezone=timezone,
        weekend_multiplier=Decimal("1.20"), holidays_as_weekend=True,
    )
    async with db.session() as session:
        existing = await session.scalar(
            select(func.count()).select_from(Accommodation)
            .where(Accommodation.property_id == prop.id)
        )
    if existing:
        return prop
    for slug, name, capacity, price, description in CABINS:
        await admin.create_accommodation(
            db, property_id=prop.id,
            fields={
                "slug": slug, "name": name, "capacity": capacity, "base_price": Decimal(price),
                "cleaning_fee": Decimal("15000.00"), "description": description, "min_nights": 1,
            },
        )
    await admin.update_property(db, prop.id, {
        "info": DEMO_INFO, "map_url": "https://www.openstreetmap.org/?mlat=-41.1335&mlon=-71.3103",
        "payment_instructions": "Transferencia a alias CABANAS.BOSQUE.DEMO (CBU "
                                "0000003100000000000001, titular Cabañas del Bosque)."})
    start_year = today.year - 1 if today < date(today.year, 3, 1) else today.year
    for year in (start_year, start_year + 1):
        await admin.create_season(
            db,
            admin.SeasonFields(
                name=f"Temporada alta {year}-{year + 1}", start_date=date(year, 12, 15),
                end_date=date(year + 1, 3, 1), multiplier=Decimal("1.5"), min_nights=3,
                property_id=prop.id,
            ),
        )
    return prop
