"""The feed sync's ``FeedReader`` over the iCal adapters: fetch with ``httpx``, read with
``icalendar``; adapter errors become the services' ``FeedFailure``.

Reading a feed is CPU work (about 0.2 ms per event, most of it ``icalendar``'s parser): with
``parse_workers`` it runs in that many worker processes, so it uses another core while this
process fetches and applies other feeds, and never holds the event loop.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from functools import partial

import httpx

from posada.adapters.ical.fetch import FetchError, feed_client, fetch_feed
from posada.adapters.ical.parse import NotACalendar, ParsedFeed, parse_feed
from posada.services.ports import FeedFailure, FeedRead, ImportedEvent


def _exit_with_parent(parent: int) -> None:
    """In a reading worker: end when the server that started it is gone (even by kill -9,
    which leaves no chance to shut the pool down)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class ChannelFeeds:
    """Reads channel feeds through one shared HTTP client (``aclose`` when done)."""

    def __init__(self, client: httpx.AsyncClient | None = None, parse_workers: int = 0) -> None:
        self.client = client or feed_client()
        self._workers = parse_workers
        self._pool: ProcessPoolExecutor | None = None

    async def _parse(self, body: bytes, today: date, timezone: str, channel: str
                     ) -> ParsedFeed:
        if not self._workers:
            return parse_feed(body, today=today, tz=timezone, channel=channel)
        if self._pool is None:  # started on first use ("spawn": no copy of this process)
            self._pool = ProcessPoolExecutor(
                self._workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent, initargs=(os.getpid(),))
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, partial(parse_feed, body, today=today, tz=timezone, channel=channel))

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
            parsed = await self._parse(fetched.body, today, timezone, channel)
        except NotACalendar as error:
            raise FeedFailure(error.code, error.message) from error
        return FeedRead(
            "fetched", tuple(ImportedEvent(e.uid, e.recurrence_id, e.kind, e.summary,
                                           e.description, e.url, e.check_in, e.check_out)
                             for e in parsed.events),
            seen=parsed.seen, etag=fetched.etag, last_modified=fetched.last_modified,
            problems=tuple(f"{p.uid or '?'}: {p.message}" for p in parsed.problems),
            unreadable=tuple(p.uid for p in parsed.problems))

    async def aclose(self) -> None:
        await self.client.aclose()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
