"""Channel feeds end to end: a real ``posada`` app imports feeds served by a local
``FeedServer`` through the admin API; bad answers keep the calendar; exports exclude the
channel's own nights; ``/readyz`` reports the sync."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update

from posada.adapters.ical.fake import FeedServer
from posada.db.engine import Database
from posada.db.models_feeds import Feed
from tests.conftest import LiveServer, Seeded
from tests.web.test_ical import nights_in

TODAY = datetime.now(UTC).date() - timedelta(days=1)  # earlier than any zone's today


def ics(*events: tuple[str, date, date, str]) -> str:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Airbnb Inc//Hosting Calendar//EN"]
    for uid, start, end, summary in events:
        body += ["BEGIN:VEVENT", f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                 f"DTEND;VALUE=DATE:{end:%Y%m%d}", f"UID:{uid}", f"SUMMARY:{summary}",
                 "END:VEVENT"]
    return "\r\n".join([*body, "END:VCALENDAR", ""])


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def feeds_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


async def add(client: httpx.AsyncClient, server: LiveServer, cabin: str, url: str,
              channel: str = "airbnb") -> int:
    response = await client.post("/api/v1/admin/feeds", headers=server.admin_headers(),
                                 json={"accommodation": cabin, "url": url, "channel": channel})
    assert response.status_code == 201, response.text
    feed_id: int = response.json()["id"]
    return feed_id


async def sync(client: httpx.AsyncClient, server: LiveServer, feed_id: int) -> dict[str, object]:
    response = await client.post(f"/api/v1/admin/feeds/{feed_id}/sync",
                                 headers=server.admin_headers())
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


async def export(client: httpx.AsyncClient, server: LiveServer, cabin_id: int,
                 exclude: str) -> set[date]:
    admin = await client.get(f"/api/v1/admin/accommodations/{cabin_id}",
                             headers=server.admin_headers())
    url = admin.json()["ical_export_url"].replace("http://testserver", "")
    feed = await client.get(f"{url}&exclude={exclude}")
    assert feed.status_code == 200, feed.text
    return nights_in(feed.content)[0]


async def test_a_feed_is_imported_kept_through_bad_answers_and_exported_to_the_others(
    live_server: LiveServer, seeded: Seeded, feeds_server: FeedServer
) -> None:
    cabin = seeded.cabin(2)
    feeds_server.set("/airbnb.ics", ics(("a@airbnb.com", day(10), day(13), "Reserved")))
    async with live_server.client() as client:
        feed_id = await add(client, live_server, cabin.slug,
                            feeds_server.url("/airbnb.ics") + "?s=secret-token")
        listed = (await client.get("/api/v1/admin/feeds",
                                   headers=live_server.admin_headers())).json()
        assert "secret-token" not in str(listed)
        first = await sync(client, live_server, feed_id)
        assert (first["result"], first["events"], first["nights_blocked"]) == ("fetched", 1, 3)
        assert (await sync(client, live_server, feed_id))["result"] == "not_modified"
        stay = {day(10), day(11), day(12)}
        assert stay <= await export(client, live_server, cabin.id, "booking")
        assert not stay & await export(client, live_server, cabin.id, "airbnb")
        for status, body, code in ((500, "oops", "http_status"),
                                   (200, "<html><body>Login</body></html>", "not_calendar"),
                                   (200, "Sorry, try again later", None)):
            feeds_server.set("/airbnb.ics", body, status=status,
                             content_type="text/html" if body.startswith("<") else "text/plain")
            failed = await sync(client, live_server, feed_id)
            assert failed["result"] == "error", failed
            assert code is None or str(failed["error"]).startswith(code) or "html" in str(
                failed["error"])
            assert stay <= await export(client, live_server, cabin.id, "booking")
        feed = (await client.get("/api/v1/admin/feeds",
                                 headers=live_server.admin_headers())).json()[0]
        assert feed["last_result"] == "error" and feed["last_success_at"] is not None
        ready = (await client.get("/readyz")).json()
        assert ready["ical_sync"] == "ok"


async def test_our_own_export_cannot_be_imported(
    live_server: LiveServer, seeded: Seeded
) -> None:
    cabin = seeded.cabin(4)
    async with live_server.client() as client:
        admin = await client.get(f"/api/v1/admin/accommodations/{cabin.id}",
                                 headers=live_server.admin_headers())
        own = admin.json()["ical_export_url"].replace("http://testserver", live_server.url)
        for url in (own, "ftp://example.com/a.ics", "file:///etc/passwd"):
            response = await client.post("/api/v1/admin/feeds",
                                         headers=live_server.admin_headers(),
                                         json={"accommodation": cabin.id, "url": url,
                                               "channel": "other"})
            assert (response.status_code, response.json()["error"]["code"]) == (
                422, "invalid_feed_url"), url
        assert (await client.get("/readyz")).json()["ical_sync"] == "disabled"


async def test_an_ignored_event_frees_its_nights_and_stays_listed(
    live_server: LiveServer, seeded: Seeded, feeds_server: FeedServer
) -> None:
    cabin = seeded.cabin(6)
    feeds_server.set("/vrbo.ics", ics(("v1", day(5), day(7), "Blocked"),
                                      ("v2", day(20), day(22), "Reserved")))
    async with live_server.client() as client:
        feed_id = await add(client, live_server, cabin.id, feeds_server.url("/vrbo.ics"), "vrbo")
        await sync(client, live_server, feed_id)
        events = (await client.get(f"/api/v1/admin/feeds/{feed_id}/events",
                                   headers=live_server.admin_headers())).json()
        assert [(e["kind"], e["summary"]) for e in events] == [
            ("block", "Blocked"), ("reservation", "Reserved")]
        patched = await client.patch(f"/api/v1/admin/feeds/{feed_id}/events/{events[0]['id']}",
                                     headers=live_server.admin_headers(), json={"ignored": True})
        assert patched.status_code == 200 and patched.json()["ignored"] is True
        result = await sync(client, live_server, feed_id)
        assert result["nights_released"] == 2
        assert not {day(5), day(6)} & await export(client, live_server, cabin.id, "booking")
        assert len((await client.get(f"/api/v1/admin/feeds/{feed_id}/events",
                                     headers=live_server.admin_headers())).json()) == 2


async def test_new_uids_every_fetch_and_an_oversized_feed_change_nothing(
    live_server: LiveServer, seeded: Seeded, feeds_server: FeedServer
) -> None:
    cabin = seeded.cabin(4)
    start = day(30)
    feeds_server.changing_uids("/cm.ics", 4, start=start)
    async with live_server.client() as client:
        feed_id = await add(client, live_server, cabin.id, feeds_server.url("/cm.ics"), "other")
        first = await sync(client, live_server, feed_id)
        blocked = await export(client, live_server, cabin.id, "airbnb")
        for _ in range(2):
            again = await sync(client, live_server, feed_id)
            assert (again["result"], again["nights_blocked"], again["nights_released"]) == (
                "fetched", 0, 0)
        assert first["nights_blocked"] and await export(
            client, live_server, cabin.id, "airbnb") == blocked
        events = (await client.get(f"/api/v1/admin/feeds/{feed_id}/events",
                                   headers=live_server.admin_headers())).json()
        assert len(events) == 4 and all(e["uid"].startswith("r3-") for e in events)
        feeds_server.huge("/cm.ics", 6 * 1024 * 1024, content_length=False)
        too_big = await sync(client, live_server, feed_id)
        assert too_big["result"] == "error" and str(too_big["error"]).startswith("too_large")
        assert await export(client, live_server, cabin.id, "airbnb") == blocked


async def test_a_channel_booking_made_before_the_confirmation_wins(
    live_server: LiveServer, seeded: Seeded, feeds_server: FeedServer, db: Database
) -> None:
    cabin = seeded.cabin(2)
    feeds_server.set("/b.ics", ics())
    async with live_server.client() as client:
        feed_id = await add(client, live_server, cabin.id, feeds_server.url("/b.ics"), "booking")
        await sync(client, live_server, feed_id)
        hold = await client.post("/api/v1/reservations", json={
            "accommodation_id": cabin.id, "check_in": day(40).isoformat(),
            "check_out": day(42).isoformat(), "guests": 2, "guest_name": "Ana",
            "guest_phone": "+5492944123456"})
        assert hold.status_code == 201, hold.text
        code = hold.json()["code"]
        feeds_server.set("/b.ics", ics(("bk1", day(41), day(44), "CLOSED - Not available")))
        async with db.connection() as conn:  # its last success is over a minute old
            await conn.execute(update(Feed).values(
                last_success_at=datetime.now(UTC) - timedelta(minutes=2)))
        confirm = await client.post(f"/api/v1/reservations/{code}/confirm",
                                    headers=live_server.admin_headers())
        assert confirm.status_code == 409, confirm.text
        status = (await client.get(f"/api/v1/reservations/{code}")).json()["status"]
        assert status == "cancelled"
        conflicts = (await client.get("/api/v1/admin/conflicts",
                                      headers=live_server.admin_headers())).json()
        assert conflicts == []  # the hold lost: nothing to settle by hand
