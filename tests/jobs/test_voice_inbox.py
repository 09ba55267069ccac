"""Voice notes through the inbound queue on both engines, the media fetched over HTTP from a
local Cloud API (``FakeGraph``) and a scripted transcriber: a recognizer busy with other
notes only delays a note, however long the burst, and uses none of its attempts; a media
server that stays down uses them, and the last attempt answers the note as unreadable."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.fake import FakeTranscriber
from posada.adapters.whatsapp.client import CloudApi
from posada.adapters.whatsapp.fake import DEFAULT_TOKEN, FakeGraph
from posada.conversation import texts
from posada.db.engine import Database
from posada.db.models_messaging import InboundEvent, InboundMessage, OutboxMessage
from posada.jobs.voice import SpeechListener
from posada.jobs.whatsapp_inbound import whatsapp_handler, whatsapp_senders
from posada.services import inbox
from posada.services.conversations import Messaging
from tests.adapters.speech.conftest import tone
from tests.conftest import NOW, UNCAPPED, Seeded
from tests.e2e.whatsapp_kit import GUEST_WA, PHONE_NUMBER_ID, delivery, message, text_message
from tests.jobs.test_whatsapp_inbound import POLICY, fail_on

WORDS = "quiero reservar del 15 al 18 de enero, somos dos"


@pytest.fixture
async def media(graph: FakeGraph) -> AsyncIterator[CloudApi]:
    api = CloudApi(graph.url, "v21.0", PHONE_NUMBER_ID, DEFAULT_TOKEN)
    yield api
    await api.aclose()


def busy_first(n: int) -> FakeTranscriber:
    """A recognizer whose queue is full for its first ``n`` notes."""
    count = itertools.count()
    return FakeTranscriber(lambda _audio: SpeechFailed("busy", "8 voice notes are waiting")
                           if next(count) < n else WORDS)


@dataclass
class Inbox:
    db: Database
    graph: FakeGraph
    transcriber: FakeTranscriber
    media: CloudApi
    max_attempts: int = 3

    def messaging(self) -> Messaging:
        return Messaging(db=self.db, policy=UNCAPPED, outbox=POLICY, code_key=b"k" * 32,
                         clock=lambda: NOW,
                         voice=SpeechListener(self.media, self.transcriber))

    async def note(self, *also: dict[str, Any]) -> tuple[int, str]:
        """A voice note stored at ``NOW`` (with other ``also`` values in the delivery)."""
        media_id = self.graph.add_media(tone(1.0), "audio/ogg; codecs=opus")
        wamid = f"wamid.NOTE{media_id}"
        body = delivery(message(self.graph.media.audio_message(media_id), message_id=wamid),
                        *also)
        return await inbox.store(self.db, "whatsapp", body.decode(), now=NOW), wamid

    async def run(self, at: datetime) -> InboundEvent:
        """Process what is due at ``at``; the (one) event as it is then."""
        await inbox.process_due(self.db, {"whatsapp": whatsapp_handler(self.messaging())},
                                self.max_attempts, now=at, retry_base_seconds=0.01,
                                keys={"whatsapp": whatsapp_senders})
        async with self.db.session() as session:
            return (await session.scalars(select(InboundEvent))).one()

    async def replies(self, wa_id: str = GUEST_WA) -> list[str]:
        async with self.db.session() as session:
            rows = (await session.scalars(select(OutboxMessage).where(
                OutboxMessage.kind == "reply").order_by(OutboxMessage.id))).all()
        return [r.payload["message"]["body"] for r in rows
                if r.payload["to"]["phone"] == wa_id]

    async def heard(self, wamid: str) -> dict[str, Any]:
        async with self.db.session() as session:
            note = await session.scalar(select(InboundMessage).where(
                InboundMessage.wamid == wamid))
        assert note is not None
        return dict(note.raw["posada_voice"])


async def test_a_busy_recognizer_only_delays_a_note_and_uses_no_attempt(
        db: Database, seeded: Seeded, graph: FakeGraph, media: CloudApi) -> None:
    queue = Inbox(db, graph, busy_first(12), media)  # 4 × the attempts an event has
    _, wamid = await queue.note()
    at = NOW
    for _ in range(12):
        waiting = await queue.run(at)
        assert (waiting.status, waiting.attempts) == ("pending", 0)
        assert waiting.next_attempt_at > at  # a short wait, not a spin
        assert await queue.replies() == []  # the guest is not told anything yet
        at += timedelta(seconds=30)
    done = await queue.run(at)
    assert (done.status, done.attempts) == ("done", 1)
    assert queue.transcriber.calls == 13
    [echo, *_] = await queue.replies()
    assert echo.startswith("🎙️ Entendí: del 15 al 18 de enero")
    assert (await queue.heard(wamid))["heard"] == "clear"


async def uses_its_attempts_then_answers(queue: Inbox, wamid: str, start: datetime,
                                        status: str = "done") -> InboundEvent:
    """Run the queue for each of the event's 3 attempts, 15 minutes apart from ``start``
    (past every backoff): each counts, and the last ends in ``status`` with the note
    answered as unreadable (``gave_up``)."""
    for attempt in range(1, 4):
        event = await queue.run(start + timedelta(minutes=15 * attempt))
        assert event.attempts == attempt
        assert event.status == ("pending" if attempt < 3 else status)
        assert await queue.replies() == ([] if attempt < 3 else [texts.AUDIO_UNREADABLE])
    assert (await queue.heard(wamid))["reason"] == "gave_up"
    return event


async def test_a_media_server_down_uses_the_attempts_then_the_note_is_answered(
        db: Database, seeded: Seeded, graph: FakeGraph, media: CloudApi) -> None:
    queue = Inbox(db, graph, busy_first(0), media)
    graph.media.fail_next(100, status=500, where="info")  # down all along
    _, wamid = await queue.note()
    await uses_its_attempts_then_answers(queue, wamid, NOW)
    assert queue.transcriber.calls == 0


async def test_a_recognizer_busy_for_over_an_hour_ends_as_any_passing_failure(
        db: Database, seeded: Seeded, graph: FakeGraph, media: CloudApi) -> None:
    queue = Inbox(db, graph, busy_first(1000), media)
    _, wamid = await queue.note()
    assert (await queue.run(NOW)).attempts == 0  # put off at first
    await uses_its_attempts_then_answers(queue, wamid, NOW + inbox.DEFER_LIMIT)


async def test_a_note_put_off_beside_a_failing_item_is_not_left_in_a_dead_event(
        db: Database, seeded: Seeded, graph: FakeGraph, media: CloudApi,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on(monkeypatch, "wamid.BAD")
    queue = Inbox(db, graph, busy_first(1000), media)
    _, wamid = await queue.note(text_message("hola", wa_id="5492944222222",
                                             message_id="wamid.BAD"))
    # the other item's failure counts; the last attempt, at 45 minutes, could still wait
    dead = await uses_its_attempts_then_answers(queue, wamid, NOW, status="dead")
    assert "1 of 2 items failed" in (dead.last_error or "")
