"""Voice notes end to end: a signed audio webhook into the real server, the note downloaded
from the local Cloud API (``FakeGraph``), transcribed by the real bundled Whisper model,
answered in the same conversation as text — and clear replies for what cannot be heard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from posada.adapters.whatsapp.fake import FakeGraph
from posada.conversation import texts
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_messaging import InboundEvent, InboundMessage
from tests.conftest import LiveServer, Seeded
from tests.e2e import whatsapp_kit as kit

AUDIO = Path(__file__).parent.parent / "fixtures" / "audio"
#: "Hola, quiero reservar del diez al catorce de enero, somos dos personas." (espeak-ng
#: es-419, OGG/Opus 24 kb/s, 5 s)
REQUEST = AUDIO / "_e2e_request.ogg"
VOICE_MIME = "audio/ogg; codecs=opus"


@pytest.fixture
def server(database_url: str, seeded: Seeded, graph: FakeGraph,
           speech_data_dir: Path) -> Iterator[LiveServer]:
    yield from kit.serve_whatsapp(database_url, graph, stt_model="base",
                                  data_dir=speech_data_dir)


@pytest.fixture
def short_server(database_url: str, seeded: Seeded, graph: FakeGraph,
                 speech_data_dir: Path) -> Iterator[LiveServer]:
    """Voice notes up to 5 seconds only (the request note is 5.3 s)."""
    yield from kit.serve_whatsapp(database_url, graph, stt_model="base",
                                  data_dir=speech_data_dir, stt_max_seconds=5)


def voice_note(graph: FakeGraph, data: bytes, mime: str = VOICE_MIME,
               message_id: str | None = None) -> bytes:
    media_id = graph.add_media(data, mime)
    return kit.delivery(kit.message(graph.media.audio_message(media_id),
                                    message_id=message_id))


async def stored(db: Database, wamid: str) -> InboundMessage | None:
    async with db.session() as session:
        return await session.scalar(select(InboundMessage).where(InboundMessage.wamid == wamid))


async def test_a_voice_note_books_like_text_with_the_dates_read_back(
        server: LiveServer, graph: FakeGraph, db: Database, seeded: Seeded) -> None:
    wamid = kit.wamid()
    answer = await kit.post(server, voice_note(graph, REQUEST.read_bytes(), message_id=wamid))
    assert answer.status_code == 200
    [echo, *_] = await kit.replies_to(graph, 1, kit.to_guest(), wait=90)
    # "somos dos personas": the base model heard "dos" as "vos"/"los" until the repair
    assert kit.words(echo).startswith("🎙️ Entendí: del 10 al 14 de enero, 2 personas")
    note = await stored(db, wamid)
    assert note is not None and note.type == "audio" and "14" in (note.text or "")
    assert note.raw["posada_voice"]["heard"] == "clear"
    assert 0 < note.raw["posada_voice"]["confidence"] <= 1
    offers = (await kit.replies_to(graph, 1, lambda r: kit.to_guest()(r)
                                   and bool(kit.option_ids(r.payload))))[-1]
    choice = next(i for i in kit.option_ids(offers) if i.startswith("acc:"))
    kind = "button_reply" if len(kit.option_ids(offers)) <= 3 else "list_reply"
    sent = len(await kit.replies_to(graph, 0, kit.to_guest()))
    await kit.post(server, kit.delivery(kit.message({"type": "interactive", "interactive": {
        "type": kind, kind: {"id": choice, "title": "x"}}})))
    await kit.replies_to(graph, sent + 1, kit.to_guest())
    await kit.post(server, kit.delivery(kit.text_message("sí")))
    replies = await kit.replies_to(graph, sent + 2, kit.to_guest())
    async with db.session() as session:
        hold = await session.scalar(select(Reservation).where(Reservation.channel == "whatsapp"))
    assert hold is not None and hold.status == "pre_reserved"
    assert (hold.check_in.month, hold.check_in.day, hold.check_out.day) == (1, 10, 14)
    assert hold.guests == 2
    assert any(hold.code in kit.words(r) for r in replies)
    assert graph.media.bytes_sent >= REQUEST.stat().st_size  # downloaded, not guessed


async def reply_to_note(server: LiveServer, graph: FakeGraph, db: Database, data: bytes,
                        mime: str = VOICE_MIME) -> tuple[str, InboundMessage | None]:
    wamid = kit.wamid()
    before = len(await kit.replies_to(graph, 0, kit.to_guest()))
    assert (await kit.post(server, voice_note(graph, data, mime, wamid))).status_code == 200
    found = await kit.replies_to(graph, before + 1, kit.to_guest(), wait=90)
    assert len(found) > before
    # the first reply to the note: a note heard in full may be followed by the offers
    return kit.words(found[before]), await stored(db, wamid)


#: The replies to notes that cannot be heard do not depend on the engine: SQLite only.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
async def test_what_cannot_be_heard_gets_a_clear_reply_and_is_kept(
        short_server: LiveServer, graph: FakeGraph, db: Database) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    words, note = await reply_to_note(short_server, graph, db, png)
    assert words == texts.AUDIO_UNREADABLE
    assert note is not None and note.raw["posada_voice"]["reason"] == "not_audio"
    words, note = await reply_to_note(short_server, graph, db, REQUEST.read_bytes()[:200])
    assert words == texts.AUDIO_UNREADABLE
    words, note = await reply_to_note(short_server, graph, db, REQUEST.read_bytes())
    assert words == texts.audio_too_long(5)
    assert note is not None and note.raw["posada_voice"]["reason"] == "too_long"
    async with db.session() as session:
        events = (await session.scalars(select(InboundEvent.status))).all()
    assert events and set(events) == {"done"}


@SQLITE_ONLY
async def test_a_media_server_failure_is_retried_and_the_note_answered(
        server: LiveServer, graph: FakeGraph, db: Database) -> None:
    graph.media.fail_next(2, status=500)
    words, note = await reply_to_note(server, graph, db, REQUEST.read_bytes())
    assert words.startswith("🎙️ Entendí:")
    downloads = [r for r in graph.media.requests if r.where == "download"]
    assert len(downloads) >= 3  # two failures, then the bytes
    assert note is not None and note.raw["posada_voice"]["heard"] == "clear"


def test_the_fixture_is_what_the_docstring_says() -> None:
    data: Any = REQUEST.read_bytes()
    assert data[:4] == b"OggS" and b"OpusHead" in data[:200]


@pytest.fixture
def impatient_server(database_url: str, seeded: Seeded, graph: FakeGraph,
                     speech_data_dir: Path) -> Iterator[LiveServer]:
    """Two attempts per inbound event, retried at once."""
    yield from kit.serve_whatsapp(database_url, graph, stt_model="base",
                                  data_dir=speech_data_dir, inbound_max_attempts=2,
                                  retry_base_seconds=0.01)


@SQLITE_ONLY
async def test_a_note_whose_media_never_comes_is_answered_on_the_last_attempt(
        impatient_server: LiveServer, graph: FakeGraph, db: Database) -> None:
    graph.media.fail_next(100, status=500, where="info")  # Meta's media server down all along
    words, note = await reply_to_note(impatient_server, graph, db, REQUEST.read_bytes())
    assert words == texts.AUDIO_UNREADABLE
    assert note is not None and note.raw["posada_voice"]["reason"] == "gave_up"


@SQLITE_ONLY
async def test_bytes_that_never_match_their_sha256_get_a_clear_reply(
        impatient_server: LiveServer, graph: FakeGraph, db: Database) -> None:
    wamid = kit.wamid()
    media_id = graph.add_media(REQUEST.read_bytes(), VOICE_MIME, sha256="0" * 64)
    body = kit.delivery(kit.message(graph.media.audio_message(media_id), message_id=wamid))
    assert (await kit.post(impatient_server, body)).status_code == 200
    [reply] = await kit.replies_to(graph, 1, kit.to_guest(), wait=30)
    assert kit.words(reply) == texts.AUDIO_UNREADABLE
    note = await stored(db, wamid)
    assert note is not None and note.raw["posada_voice"]["reason"] == "media_checksum"
