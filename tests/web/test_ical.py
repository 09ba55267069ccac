"""The export feed parses back with ``icalendar`` and shows exactly the blocked nights."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from posada.db.engine import Database
from posada.services import blocks
from tests.conftest import LiveServer, Seeded, hold_placed_ago, stay_dates


def nights_in(feed: bytes) -> tuple[set[date], list[str]]:
    calendar = Calendar.from_ical(feed)
    nights: set[date] = set()
    uids = []
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is date and type(end) is date  # all-day VALUE=DATE
        uids.append(str(event["uid"]))
        day = start
        while day < end:
            nights.add(day)
            day += timedelta(days=1)
    return nights, uids


async def test_export_shows_exactly_the_blocked_nights(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    cabin = seeded.cabin(4)
    headers = live_server.admin_headers()
    async with live_server.client() as client:
        a_in, a_out = stay_dates(20, 3)
        b_in, b_out = stay_dates(23, 2)  # back to back with the first
        c_in, c_out = stay_dates(40, 4)
        for check_in, check_out, channel in ((a_in, a_out, "web"), (b_in, b_out, "airbnb")):
            response = await client.post("/api/v1/reservations", json={
                "accommodation_id": cabin.id, "check_in": check_in.isoformat(),
                "check_out": check_out.isoformat(), "guests": 2, "guest_name": "Ana Pérez",
                "guest_phone": "+5492944123456", "channel": channel},
                headers=headers if channel == "airbnb" else {})
            assert response.status_code == 201
        code = response.json()["code"]
        await client.post(f"/api/v1/reservations/{code}/confirm", headers=headers)
        await blocks.create_block(db, cabin.id, c_in, c_out, note="Pintura")
        cancelled = await client.post("/api/v1/reservations", json={
            "accommodation_id": cabin.id, "check_in": stay_dates(60, 2)[0].isoformat(),
            "check_out": stay_dates(60, 2)[1].isoformat(), "guests": 2, "guest_name": "Bo"})
        await client.post(f"/api/v1/reservations/{cancelled.json()['code']}/cancel",
                          headers=headers)
        # A hold placed 31 minutes ago has expired (unswept): it is not exported.
        await hold_placed_ago(db, cabin.id, 70, 2, minutes_ago=31, name="Old")
        admin = await client.get(f"/api/v1/admin/accommodations/{cabin.id}", headers=headers)
        url = admin.json()["ical_export_url"].replace("http://testserver", "")
        feed = await client.get(url)
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("text/calendar")
        nights, uids = nights_in(feed.content)
        expected = {a_in + timedelta(days=i) for i in range(5)} | {
            c_in + timedelta(days=i) for i in range(4)}
        assert nights == expected
        assert len(uids) == len(set(uids)) == 3
        for private in (b"Ana", b"+549", b"Pintura", b"Old"):
            assert private not in feed.content
        again = await client.get(url)
        assert nights_in(again.content)[1] == uids  # stable UIDs
        no_airbnb = await client.get(url + "&exclude=airbnb")
        assert b_in not in nights_in(no_airbnb.content)[0]
        assert a_in in nights_in(no_airbnb.content)[0]
        wrong = await client.get(f"/ical/{cabin.slug}.ics", params={"token": "nope"})
        assert (wrong.status_code, wrong.json()["error"]["code"]) == (404, "not_found")
        missing = await client.get(f"/ical/{cabin.slug}.ics")
        assert missing.status_code == 422
