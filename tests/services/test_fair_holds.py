"""Fair holds: caps per guest contact and per client address, the contact rule for long
holds, the owner's exemption, and which holds the channels see (both engines)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from posada.db.engine import Database
from posada.domain.errors import ContactRequired, TooManyHolds
from posada.services import holds
from posada.services.ical_export import export_feed
from posada.services.policy import BookingPolicy
from tests.conftest import NOW, Seeded

POLICY = BookingPolicy(max_holds_per_contact=2, max_holds_per_client=5, max_anonymous_nights=14)


def request(seeded: Seeded, offset: int, nights: int = 2, **guest: object) -> holds.HoldRequest:
    check_in = NOW.date() + timedelta(days=offset)
    return holds.HoldRequest(seeded.cabin(4).id, check_in, check_in + timedelta(days=nights),
                             guests=2, guest_name="Ana", **guest)  # type: ignore[arg-type]


async def test_two_live_holds_per_phone_however_it_is_written(
    db: Database, seeded: Seeded
) -> None:
    await holds.place_hold(db, POLICY, request(seeded, 30, guest_phone="+54 9 294 412-3456"),
                           now=NOW)
    await holds.place_hold(db, POLICY, request(seeded, 40, guest_phone="5492944123456"), now=NOW)
    with pytest.raises(TooManyHolds) as refused:
        await holds.place_hold(db, POLICY, request(seeded, 50, guest_phone="294 412 3456"),
                               now=NOW)
    assert refused.value.details["scope"] == "contact"
    assert refused.value.details["retry_after"] == 30 * 60
    # The same phone with an e-mail too is the same guest; another phone is not.
    with pytest.raises(TooManyHolds):
        await holds.place_hold(db, POLICY, request(
            seeded, 50, guest_phone="2944123456", guest_email="ana@example.com"), now=NOW)
    await holds.place_hold(db, POLICY, request(seeded, 50, guest_phone="+54 11 5555 0000"),
                           now=NOW)
    # Once the first holds expire, the guest may hold again.
    later = NOW + timedelta(minutes=31)
    again = await holds.place_hold(db, POLICY, request(seeded, 60, guest_phone="2944123456"),
                                   now=later)
    assert again.status == "pre_reserved"


async def test_email_caps_are_case_insensitive(db: Database, seeded: Seeded) -> None:
    for offset, email in ((30, "Ana@Example.com"), (40, "ana@example.com")):
        await holds.place_hold(db, POLICY, request(seeded, offset, guest_email=email), now=NOW)
    with pytest.raises(TooManyHolds):
        await holds.place_hold(db, POLICY, request(seeded, 50, guest_email=" ANA@example.COM"),
                               now=NOW)


async def test_five_live_holds_per_client_address(db: Database, seeded: Seeded) -> None:
    for i in range(5):
        await holds.place_hold(db, POLICY, request(seeded, 30 + 3 * i, client_key="k1"), now=NOW)
    with pytest.raises(TooManyHolds) as refused:
        await holds.place_hold(db, POLICY, request(seeded, 60, client_key="k1"), now=NOW)
    assert refused.value.details["scope"] == "client"
    await holds.place_hold(db, POLICY, request(seeded, 60, client_key="k2"), now=NOW)
    # The owner (admin token) is not capped.
    owner = await holds.place_hold(db, POLICY, request(seeded, 70, client_key="k1", trusted=True),
                                   now=NOW)
    assert owner.status == "pre_reserved"


async def test_long_anonymous_holds_need_a_contact(db: Database, seeded: Seeded) -> None:
    with pytest.raises(ContactRequired) as refused:
        await holds.place_hold(db, POLICY, request(seeded, 30, nights=15), now=NOW)
    assert "15" not in refused.value.message and "14" in refused.value.message
    fourteen = await holds.place_hold(db, POLICY, request(seeded, 30, nights=14), now=NOW)
    assert fourteen.check_out - fourteen.check_in == timedelta(days=14)
    with_phone = await holds.place_hold(
        db, POLICY, request(seeded, 60, nights=20, guest_phone="+54 11 4444 1111"), now=NOW)
    assert with_phone.status == "pre_reserved"
    owner = await holds.place_hold(db, POLICY, request(seeded, 100, nights=30, trusted=True),
                                   now=NOW)
    assert owner.status == "pre_reserved"


async def test_channels_see_holds_only_with_a_contact(db: Database, seeded: Seeded) -> None:
    anonymous = await holds.place_hold(db, POLICY, request(seeded, 30), now=NOW)
    known = await holds.place_hold(db, POLICY, request(seeded, 40, guest_email="a@example.com"),
                                   now=NOW)
    cabin = seeded.cabin(4)
    feed = (await export_feed(db, cabin.slug, cabin.ical_token, now=NOW)).decode()
    assert f"{known.code}@posada" in feed
    assert f"{anonymous.code}@posada" not in feed
    confirmed = await holds.confirm_reservation(db, anonymous.code, now=NOW)
    feed = (await export_feed(db, cabin.slug, cabin.ical_token, now=NOW)).decode()
    assert confirmed.status == "confirmed" and f"{anonymous.code}@posada" in feed
