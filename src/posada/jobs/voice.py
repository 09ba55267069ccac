"""Voice notes heard on this server: WhatsApp media → PyAV → faster-whisper → repair.

``SpeechListener`` is the ``VoiceListener`` the conversation service uses. The audio is
downloaded into memory, checked (SHA-256, 16 MiB), decoded to 16 kHz mono and transcribed
off the event loop, one note at a time per process; it never touches the disk unless the
owner keeps voice notes (``POSADA_STT_KEEP_AUDIO``: then under ``<data dir>/audio/``).
Passing failures (the media server down, the recognizer busy) raise ``ListenLater`` so the
inbound event is retried (a busy recognizer without using up an attempt); the rest become a
``Hearing`` the conversation answers politely.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from posada.adapters.speech.decode import Audio, decode_audio
from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.options import AGAIN_CHANGES
from posada.adapters.speech.transcript import Transcriber, Transcript
from posada.adapters.whatsapp.media import (
    MAX_MEDIA_BYTES,
    MediaFailed,
    MediaFetcher,
    MediaInfo,
    fetch_media,
)
from posada.config import DEFAULT_TIMEZONE
from posada.conversation.model import Heard
from posada.observability import STT_FAILURES
from posada.services.common import local_today
from posada.services.ports import Hearing, ListenLater

if TYPE_CHECKING:
    from posada.nlu.slots import Slot

log = logging.getLogger("posada.speech")

#: At most this many slots are filled in one note (a request has two days, two months and
#: the party).
MAX_SLOTS = 8

#: A note longer than ``check_seconds`` fills each slot with at most this many options (the
#: ones spelt most like the heard words: ``Slot.nearest``), and at most ``LONG_NOTE_SCORES``
#: candidates in all: each is a decoder pass over the whole text (~0.09 s for a 26 s note
#: here, against 0.03 s for a 5 s one).
LONG_NOTE_CANDIDATES = 4
LONG_NOTE_SCORES = 12
#: A shorter note scores at most this many candidates (each ~0.1–0.25 s on 2 cores): past
#: them, a slot is filled among its ``LONG_NOTE_CANDIDATES`` nearest options, or left as
#: heard. Without it a 5 s note with a lost day, a lost month and the party took 16 s.
SHORT_NOTE_SCORES = 64

#: Recognizer failures after which the guest is asked to write (the model is missing or
#: broken here: ``posada doctor`` and the log say so); ``busy`` is retried instead.
_UNAVAILABLE = frozenset({"model_missing", "model_corrupt", "failed"})

#: Seconds a note refused as ``busy`` waits before it is listened to again (and downloaded
#: again): a note takes the base model 3–6 s on 2 cores, a full queue of 8 some 25–50 s.
BUSY_RETRY_SECONDS = 15.0


class SpeechListener:
    """Hear WhatsApp voice notes with ``media`` (the Cloud API's media calls) and
    ``transcriber``; notes over ``limit_seconds`` or ``max_bytes`` are not transcribed;
    ``keep_dir``: where to keep the audio, or ``None`` to keep nothing; ``repair``: the
    transcript's repair for reading (``posada.nlu.spoken.repair``); ``facts(text, today)``:
    the check-in, check-out and party a text gives, ``None`` each where it gives none
    (``posada.nlu.spoken.booking_facts``): a note of at most ``second_listen_seconds``
    whose transcript lacks one, or is unsure, is listened to again (up to ``listens`` in
    all, each another way) and the transcript that gives the most is kept. ``slots(text, today)``
    (``posada.nlu.slots.slots``): where a transcript must hold a day, a month or the party,
    and what can be there; each is filled with the option the model finds likeliest in the
    audio (each option costs a pass of the decoder over the whole 30 s window: checking the
    29 s fixture took it from 3.3 to 6.3 s), in a longer note than ``check_seconds`` only
    among the ``LONG_NOTE_CANDIDATES`` options spelt most like what was heard, and in any
    note so once ``SHORT_NOTE_SCORES`` candidates are scored. ``today`` for ``facts`` and
    ``slots`` is the local date in the IANA zone ``timezone`` (the property's)."""

    def __init__(self, media: MediaFetcher, transcriber: Transcriber, *,
                 limit_seconds: int = 180, max_bytes: int = MAX_MEDIA_BYTES,
                 keep_dir: Path | None = None,
                 repair: Callable[[str], str] = lambda text: text,
                 facts: Callable[[str, date], Sequence[object]] | None = None,
                 slots: Callable[[str, date], list[Slot]] | None = None,
                 second_listen_seconds: float = 15.0, listens: int = 1 + len(AGAIN_CHANGES),
                 check_seconds: float = 15.0, timezone: str = DEFAULT_TIMEZONE) -> None:
        self.media, self.transcriber, self.repair = media, transcriber, repair
        self.timezone = timezone
        self.limit_seconds, self.max_bytes, self.keep_dir = limit_seconds, max_bytes, keep_dir
        self.facts, self.second_listen_seconds, self.listens = (
            facts, second_listen_seconds, listens)
        self.slots, self.check_seconds = slots, check_seconds

    async def listen(self, media_id: str) -> Hearing:
        """See ``posada.services.ports.VoiceListener.listen``."""
        started = time.perf_counter()
        try:
            info, data = await self._fetch(media_id)
        except MediaFailed as error:
            return _media_failure(error)
        if self.keep_dir is not None:
            await asyncio.to_thread(_keep, self.keep_dir, info.id, info.mime_type, data)
        try:
            audio = await asyncio.to_thread(decode_audio, data,
                                            max_seconds=float(self.limit_seconds))
            heard, text = await self.hear(audio)
        except SpeechFailed as error:
            return _speech_failure(error)
        clear = bool(text) and not heard.low_confidence
        return Hearing(Heard.CLEAR if clear else Heard.UNSURE, text or None,
                       confidence=heard.confidence, duration_s=heard.duration_s,
                       seconds=round(time.perf_counter() - started, 3),
                       reason=None if clear else "low_confidence")

    async def _fetch(self, media_id: str) -> tuple[MediaInfo, bytes]:
        """The note's bytes; a SHA-256 mismatch is downloaded once more (a cut transfer),
        and a second mismatch is final: the same bytes would come every time (an error
        page, a broken file), and the guest is asked to send the note again."""
        try:
            return await fetch_media(self.media, media_id, max_bytes=self.max_bytes)
        except MediaFailed as error:
            if error.code != "media_checksum":
                raise
        try:
            return await fetch_media(self.media, media_id, max_bytes=self.max_bytes)
        except MediaFailed as error:
            if error.code == "media_checksum":
                raise MediaFailed("media_checksum", "final", error.message) from None
            raise

    async def hear(self, audio: Audio) -> tuple[Transcript, str]:
        """Transcribe ``audio``: the first transcript, or a second listen's when it gives
        more booking facts (or as many, heard with confidence where the first was not);
        with its text repaired and its slots filled. Raises ``SpeechFailed`` as
        ``Transcriber.transcribe``."""
        heard = await self.transcriber.transcribe(audio)
        if self.facts is None:
            return heard, self.repair(heard.text).strip()
        today = local_today(self.timezone, datetime.now(UTC))
        heard, text, given = self._fullest(heard, today)
        for way in range(1, self.listens):
            if (given == 3 and not heard.low_confidence) or \
                    audio.duration_s > self.second_listen_seconds:
                break
            again, again_text, more = self._fullest(
                await self.transcriber.transcribe(audio, again=way), today)
            if more > given or (more == given and heard.low_confidence
                                and not again.low_confidence):
                heard, text, given = again, again_text, more
        return heard, await self._checked(audio, text, today)

    def _fullest(self, heard: Transcript, today: date) -> tuple[Transcript, str, int]:
        """``heard``, or the first of its ``alternatives`` (the beam's other hypotheses)
        that gives more booking facts and keeps every one ``heard`` gives: that transcript
        (its ``text`` the alternative's words; the confidence stays ``heard``'s), its text
        repaired, and how many facts it gives. An unsure transcript's alternatives are not
        looked at: the guest is asked to write, or it is heard again."""
        assert self.facts is not None
        text = self.repair(heard.text).strip()
        facts = self.facts(text, today)
        best = (heard, text, _given(facts))
        if heard.low_confidence:
            return best
        for other in heard.alternatives:
            other_text = self.repair(other).strip()
            more = self.facts(other_text, today)
            if (count := _given(more)) > best[2] and all(
                    mine is None or mine == theirs for mine, theirs in zip(facts, more,
                                                                         strict=True)):
                best = (replace(heard, text=other), other_text, count)
        return best

    async def _checked(self, audio: Audio, text: str, today: date) -> str:
        """``text`` with each of its slots filled by the option the model scores highest
        against ``audio``; as it was if scoring fails (the reading is only less sure)."""
        if self.slots is None:
            return text
        long = audio.duration_s > self.check_seconds
        budget = LONG_NOTE_SCORES if long else SHORT_NOTE_SCORES
        done = 0  # where the slots still to fill begin: a filled one can make the next
        for _ in range(MAX_SLOTS):  # ("del de enero" → "del nueve al de enero" → …)
            try:
                found = self.slots(text, today)
            except Exception:  # a bug in the heuristics must not lose the guest's note
                log.exception("voice note: finding slots failed; left as heard")
                return text
            slot = next((slot for slot in found if slot.start >= done), None)
            if slot is None:
                break
            candidates = slot.candidates(text)
            if long or len(candidates) > budget:
                slot = slot.nearest(text, LONG_NOTE_CANDIDATES)
                candidates = slot.candidates(text)
            if not slot.options:  # nothing heard to narrow by ("al de enero", long note)
                done = max(slot.end, slot.start + 1)
                continue
            if len(candidates) > budget:
                break
            budget -= len(candidates)
            try:
                scores = await self.transcriber.score(audio, candidates)
            except SpeechFailed as error:
                log.warning("voice note: slots left as heard (%s)", error.code)
                return text
            chosen = candidates[slot.best(scores)]
            done = slot.end + len(chosen) - len(text)
            text = chosen
        return text

    async def aclose(self) -> None:
        """Stop the transcriber's worker thread (after the note in progress)."""
        closing = getattr(self.transcriber, "aclose", None)
        if closing is not None:
            await closing()


def _given(facts: Sequence[object]) -> int:
    """How many of ``facts`` (what ``SpeechListener.facts`` reads) are given."""
    return sum(fact is not None for fact in facts)


def booking_listener(media: MediaFetcher | None, transcriber: Transcriber, *,
                     limit_seconds: int = 180, keep_dir: Path | None = None,
                     timezone: str = DEFAULT_TIMEZONE) -> SpeechListener:
    """A ``SpeechListener`` that hears a note as a booking request: the transcript repaired
    (``posada.nlu.spoken.repair``), a short note lacking a fact listened to again
    (``booking_facts``) and its slots filled (``posada.nlu.slots``). ``media`` may be
    ``None`` where only ``hear`` is used (``posada transcribe``)."""
    from posada.nlu.slots import slots
    from posada.nlu.spoken import booking_facts, repair

    return SpeechListener(media, transcriber, limit_seconds=limit_seconds,  # type: ignore[arg-type]
                          keep_dir=keep_dir, repair=repair, facts=booking_facts, slots=slots,
                          timezone=timezone)


def _media_failure(error: MediaFailed) -> Hearing:
    STT_FAILURES.labels(reason=error.code).inc()
    if error.code == "media_too_large":
        return Hearing(Heard.TOO_LONG, reason=error.code)
    if error.kind == "final":  # unknown or deleted media: it will not come back
        return Hearing(Heard.UNREADABLE, reason=error.code)
    raise ListenLater(error.code, error.message, error.retry_after)


def _speech_failure(error: SpeechFailed) -> Hearing:
    """(The transcriber counts its own failures in ``stt_failures_total``.)"""
    if error.code == "busy":  # other notes hold the queue: nothing is wrong with this one
        raise ListenLater("busy", error.message, BUSY_RETRY_SECONDS, attempt=False)
    if error.code in ("not_audio", "empty", "too_long"):
        STT_FAILURES.labels(reason=error.code).inc()
    if error.code == "too_long":
        return Hearing(Heard.TOO_LONG, reason=error.code)
    if error.code in _UNAVAILABLE:
        log.error("speech recognition unavailable: %s", error)
        return Hearing(Heard.UNAVAILABLE, reason=error.code)
    return Hearing(Heard.UNREADABLE, reason=error.code)  # not_audio, empty


_EXTENSIONS = {"audio/ogg": "ogg", "audio/mp4": "m4a", "audio/mpeg": "mp3", "audio/amr": "amr",
               "audio/aac": "aac"}


def _keep(folder: Path, media_id: str, mime_type: str | None, data: bytes) -> None:
    base = (mime_type or "").split(";")[0].strip().lower()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{media_id}.{_EXTENSIONS.get(base, 'bin')}").write_bytes(data)
