"""The feed sync's ``FeedReader`` over the iCal adapters: fetch with ``httpx``, read with
``icalendar``; adapter errors become the services' ``FeedFailure``."""

from __future__ import annotations

from datetime import date

import httpx

from posada.adapters.ical.fetch import FetchError, feed_client, fetch_feed
from posada.adapters.ical.parse import NotACalendar, parse_feed
from posada.services.ports import FeedFailure, FeedRead, ImportedEvent


class ChannelFeeds:
    """Reads channel feeds through one shared HTTP client (``aclose`` when done)."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        self.client = client or feed_client()

    async def read(self, url: str, *, etag: str | None, last_modified: str | None,
                   today: date, timezone: str, channel: str) -> FeedRead:
        try:
            fetched = await fetch_feed(self.client, url, etag=etag, last_modified=last_modified)
        except FetchError as error:
            raise FeedFailure(error.code, error.message, backoff=error.backoff,
                              retry_after=error.retry_after) from error
        if fetched.status == "not_modified" or fetched.body is None:
            return FeedRead("not_modified", etag=fetched.etag,
                            last_modified=fetched.last_modified)
        try:
            parsed = parse_feed(fetched.body, today=today, tz=timezone, channel=channel)
        except NotACalendar as error:
            raise FeedFailure(error.code, error.message) from error
        return FeedRead(
            "fetched", tuple(ImportedEvent(e.uid, e.recurrence_id, e.kind, e.summary,
                                           e.description, e.url, e.check_in, e.check_out)
                             for e in parsed.events),
            seen=parsed.seen, etag=fetched.etag, last_modified=fetched.last_modified,
            problems=tuple(f"{p.uid or '?'}: {p.message}" for p in parsed.problems))

    async def aclose(self) -> None:
        await self.client.aclose()
