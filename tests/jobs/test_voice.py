"""``SpeechListener``: fetch → decode → transcribe → repair, and what each failure means
(in-process media and a scripted transcriber; the real model runs in tests/e2e)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from posada.adapters.speech.decode import decode_audio
from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.fake import FakeTranscriber, transcript
from posada.adapters.whatsapp.fake_media import MemoryMedia
from posada.adapters.whatsapp.media import MediaFailed
from posada.conversation.model import Heard
from posada.jobs.voice import SHORT_NOTE_SCORES, SpeechListener
from posada.nlu.slots import slots
from posada.nlu.spoken import booking_facts, repair
from posada.services.ports import ListenLater
from tests.adapters.speech.conftest import tone

WORDS = "quiero reservar del 15 al 18 de enero"


def listener(media: MemoryMedia, answer: object = WORDS, **options: object
             ) -> tuple[SpeechListener, FakeTranscriber]:
    fake = FakeTranscriber(lambda _audio: answer)  # type: ignore[arg-type, return-value]
    return SpeechListener(media, fake, **options), fake  # type: ignore[arg-type]


async def test_a_clear_note_is_heard() -> None:
    media = MemoryMedia()
    hear, fake = listener(media, limit_seconds=60)
    heard = await hear.listen(media.add(tone(2.0)))
    assert (heard.heard, heard.text, heard.reason) == (Heard.CLEAR, WORDS, None)
    assert heard.duration_s == pytest.approx(2.0, abs=0.15) and fake.calls == 1
    assert hear.keep_dir is None  # by default the audio is never written


async def test_the_owner_may_keep_the_audio(tmp_path: Path) -> None:
    media = MemoryMedia()
    data = tone(1.0)
    hear, _ = listener(media, keep_dir=tmp_path / "audio")
    media_id = media.add(data)
    await hear.listen(media_id)
    assert (tmp_path / "audio" / f"{media_id}.ogg").read_bytes() == data


async def test_the_repair_step_is_applied() -> None:
    media = MemoryMedia()
    fake = FakeTranscriber(lambda _audio: "del quince al dieciocho")
    hear = SpeechListener(media, fake, repair=lambda text: text.replace("quince", "15"))
    assert (await hear.listen(media.add(tone(1.0)))).text == "del 15 al dieciocho"


@pytest.mark.parametrize(("answer", "heard", "reason"), [
    (transcript(WORDS, confidence=0.2), Heard.UNSURE, "low_confidence"),
    ("   ", Heard.UNSURE, "low_confidence"),
    (SpeechFailed("model_missing", "no model"), Heard.UNAVAILABLE, "model_missing"),
    (SpeechFailed("failed", "boom"), Heard.UNAVAILABLE, "failed"),
])
async def test_what_the_recognizer_gives_back(answer: object, heard: Heard,
                                              reason: str) -> None:
    media = MemoryMedia()
    hear, _ = listener(media, answer)
    result = await hear.listen(media.add(tone(1.0)))
    assert (result.heard, result.reason) == (heard, reason)


async def test_audio_problems_are_told_not_transcribed() -> None:
    media = MemoryMedia()
    hear, fake = listener(media, limit_seconds=5)
    picture = await hear.listen(media.add(b"\x89PNG\r\n\x1a\n" + b"\x00" * 99))
    long = await hear.listen(media.add(tone(8.0)))
    big = await hear.listen(media.add(b"x" * 100, file_size=17 * 1024 * 1024))
    gone = await hear.listen("1234567890")
    assert [(h.heard, h.reason) for h in (picture, long, big, gone)] == [
        (Heard.UNREADABLE, "not_audio"), (Heard.TOO_LONG, "too_long"),
        (Heard.TOO_LONG, "media_too_large"), (Heard.UNREADABLE, "media_not_found")]
    assert fake.calls == 0


async def test_passing_failures_are_listened_to_later() -> None:
    media = MemoryMedia()
    media_id = media.add(tone(1.0))
    hear, _ = listener(media)
    media.fail_next(MediaFailed("media_unavailable", "retry", "503"))
    with pytest.raises(ListenLater) as down:
        await hear.listen(media_id)
    busy, _ = listener(media, SpeechFailed("busy", "8 waiting"))
    with pytest.raises(ListenLater) as waiting:
        await busy.listen(media_id)
    assert (down.value.code, waiting.value.code) == ("media_unavailable", "busy")
    assert (down.value.attempt, waiting.value.attempt) == (True, False)  # busy: not its fault
    assert (await hear.listen(media_id)).heard is Heard.CLEAR  # and later it works


def second_listener(first: object, second: object, **options: object
                    ) -> tuple[MemoryMedia, SpeechListener, FakeTranscriber]:
    media = MemoryMedia()
    fake = FakeTranscriber(lambda _audio: first,  # type: ignore[arg-type, return-value]
                           again_script=lambda _audio: second)  # type: ignore[arg-type, return-value]
    return media, SpeechListener(media, fake, facts=booking_facts, repair=repair,
                                 **options), fake  # type: ignore[arg-type]


async def test_a_note_missing_a_fact_is_heard_again_and_the_fuller_transcript_kept() -> None:
    media, hear, fake = second_listener("del quince al dieciocho de enero somos guapo",
                                        "del quince al dieciocho de enero somos cuatro")
    heard = await hear.listen(media.add(tone(2.0)))
    assert fake.agains == 1 and heard.text == "del quince al dieciocho de enero somos cuatro"


async def test_listens_again_that_give_less_are_dropped() -> None:
    media, hear, fake = second_listener("del quince al dieciocho de enero somos guapo",
                                        "del quince somos guapo")
    heard = await hear.listen(media.add(tone(2.0)))
    assert fake.agains == hear.listens - 1 >= 1  # every other way was tried
    assert heard.text == "del quince al dieciocho de enero somos guapo"


async def test_a_complete_confident_note_and_a_long_one_are_heard_once() -> None:
    media, hear, fake = second_listener("del 15 al 18 de enero, somos dos", "x")
    await hear.listen(media.add(tone(2.0)))
    assert (fake.calls, fake.agains) == (1, 0)
    media, hear, fake = second_listener("hola", "del 15 al 18 de enero, somos dos",
                                        second_listen_seconds=1.0)
    assert (await hear.listen(media.add(tone(2.0)))).text == "hola"
    assert (fake.calls, fake.agains) == (1, 0)


async def test_the_beams_alternative_giving_more_facts_is_taken_before_listening_again() -> None:
    heard = replace(transcript("del 9 al 11 de enero, seguíamos más"), alternatives=(
        "del 9 al 11 de enero, seguíamos más.", "del 9 al 11 de enero, seríamos dos",
        "del 9 al 11 de enero, seríamos tres"))
    media, hear, fake = second_listener(heard, "x")
    note = await hear.listen(media.add(tone(2.0)))
    assert note.text == "del 9 al 11 de enero, seríamos dos"  # the first with all three facts
    assert (fake.calls, fake.agains) == (1, 0)  # complete: not listened to again
    _, words = await hear.hear(decode_audio(tone(2.0)))
    assert words == "del 9 al 11 de enero, seríamos dos"


async def test_alternatives_that_give_no_more_facts_leave_the_likeliest() -> None:
    heard = replace(transcript("del 9 al 11 de enero, somos dos"),
                    alternatives=("del 9 al 12 de enero, somos dos", "del 9 al 11, somos"))
    media, hear, _ = second_listener(heard, "x")
    assert (await hear.listen(media.add(tone(2.0)))).text == "del 9 al 11 de enero, somos dos"


@pytest.mark.parametrize("other", [
    "del 9 al 11, somos dos",  # the month lost
    "del 9 de enero al 19 de febrero, somos dos",  # another check-out
])
async def test_an_alternative_that_changes_what_the_transcript_gives_is_not_taken(
        other: str) -> None:
    heard = replace(transcript("del 9 de enero al 19 de enero"), alternatives=(other,))
    media, hear, fake = second_listener(heard, "del 9 de enero al 19 de enero")
    assert (await hear.listen(media.add(tone(2.0)))).text == "del 9 de enero al 19 de enero"
    assert fake.agains == hear.listens - 1  # still missing the party: heard again


async def test_an_unsure_transcripts_alternatives_do_not_beat_a_confident_listen() -> None:
    heard = replace(transcript("del 9 al 11 de enero", confidence=0.3),
                    alternatives=("del 9 al 11 de enero somos dos",))
    media, hear, _ = second_listener(heard, transcript("del 9 al 11 de enero", confidence=0.8))
    note = await hear.listen(media.add(tone(2.0)))
    assert (note.heard, note.text, note.confidence) == (Heard.CLEAR, "del 9 al 11 de enero", 0.8)


async def test_an_unsure_note_takes_a_confident_second_listen_that_says_as_much() -> None:
    media, hear, _ = second_listener(transcript("del 15 al 18 de enero somos 2", confidence=0.3),
                                     transcript("del 15 al 18 de enero somos 2", confidence=0.8))
    assert (await hear.listen(media.add(tone(2.0)))).heard == Heard.CLEAR


async def test_bytes_that_never_match_their_sha256_are_a_clear_reply_not_a_retry() -> None:
    media = MemoryMedia()
    hear, fake = listener(media)
    heard = await hear.listen(media.add(tone(1.0), sha256="0" * 64))  # an error page, say
    assert (heard.heard, heard.reason) == (Heard.UNREADABLE, "media_checksum")
    assert fake.calls == 0  # never transcribed


def checking_listener(heard: str, said: str, **options: object
                      ) -> tuple[MemoryMedia, SpeechListener, FakeTranscriber]:
    media = MemoryMedia()
    fake = FakeTranscriber(lambda _audio: heard, said=lambda _audio: said)
    return media, SpeechListener(media, fake, facts=booking_facts, repair=repair, slots=slots,
                                 **options), fake  # type: ignore[arg-type]


async def test_a_lost_day_month_and_party_are_filled_with_what_the_audio_says() -> None:
    said = "del catorce al diecinueve de febrero para dos, ¿tienen lugar?"
    media, hear, fake = checking_listener(
        "del catorce al mie fin nueve femeo para la voz, ¿tienen lugar?", said)
    heard = await hear.listen(media.add(tone(2.0)))
    # the days after the 14th or at most 21 nights into March, the months, the party and the
    # party as heard
    assert heard.text == said and fake.scored == 22 + 12 + 10 + 1


async def test_a_long_note_compares_only_the_options_spelt_most_like_the_heard_words() -> None:
    said = "del catorce al diecinueve de febrero para dos, ¿tienen lugar?"
    media, hear, fake = checking_listener(
        "del catorce al mie fin nueve femeo para la voz, ¿tienen lugar?", said,
        check_seconds=1.0)
    heard = await hear.listen(media.add(tone(2.0)))
    assert fake.scored == 4 + 4  # the day's 4, the month's 4; the party's 5 overrun the 12
    assert heard.text == "del catorce al diecinueve de febrero para la voz, ¿tienen lugar?"


async def test_a_month_heard_right_stays_and_a_long_note_checks_only_enero() -> None:
    media, hear, fake = checking_listener("del 10 al 14 de marzo, somos dos",
                                          "del 10 al 14 de marzo, somos dos")
    assert (await hear.listen(media.add(tone(2.0)))).text == "del 10 al 14 de marzo, somos dos"
    assert fake.scored == 0  # heard whole: nothing to fill
    media, hear, fake = checking_listener("del 10 al 14 de enero, somos dos",
                                          "del 10 al 14 de enero, somos dos")
    assert (await hear.listen(media.add(tone(2.0)))).text == "del 10 al 14 de enero, somos dos"
    assert fake.scored == 2  # the hotwords' "enero" is compared with "febrero" only
    media, hear, fake = checking_listener("del 10 al mie fin de enero, somos dos",
                                          "del 10 al 19 de febrero, somos dos",
                                          check_seconds=1.0)
    assert (await hear.listen(media.add(tone(2.0)))).text == (
        "del 10 al mie fin de febrero, somos dos")  # the day's 31 options: too many
    assert fake.scored == 2


async def test_when_scoring_fails_the_note_reads_as_heard() -> None:
    media, hear, fake = checking_listener("del 10 al mie fin de enero, somos dos", "x")

    async def broken(_audio: object, _texts: object) -> list[tuple[float, int]]:
        raise SpeechFailed("failed", "the model failed: RuntimeError")

    fake.score = broken  # type: ignore[method-assign]
    assert (await hear.listen(media.add(tone(2.0)))).text == (
        "del 10 al mie fin de enero, somos dos")


async def test_a_short_note_scores_at_most_its_budget_then_leaves_the_rest_as_heard() -> None:
    media, hear, fake = checking_listener("del de femeo, somos dos",
                                          "del 2 al 19 de febrero, somos dos")
    heard = await hear.listen(media.add(tone(2.0)))
    # the first day (the fake picks "primero"), then the 30 days after it; the month's 12
    # (or its 4 nearest) would overrun the budget
    assert fake.scored == 31 + 30 <= SHORT_NOTE_SCORES
    assert heard.text == "del primero al dos de femeo, somos dos"


async def test_today_is_read_in_the_listeners_zone() -> None:
    seen: list[object] = []

    def facts(_text: str, today: object) -> tuple[object, ...]:
        seen.append(today)
        return today, today, 2

    for zone in ("Etc/GMT-14", "Etc/GMT+12"):  # UTC+14 and UTC-12: always another date
        media = MemoryMedia()
        hear = SpeechListener(media, FakeTranscriber(lambda _audio: "del 3 al 5, somos dos"),
                              facts=facts, timezone=zone)
        await hear.listen(media.add(tone(1.0)))
    assert seen[0] > seen[1]  # type: ignore[operator]


async def test_a_failing_slot_finder_leaves_the_note_as_heard(
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(_text: str, _today: object) -> list[object]:
        raise ValueError("day is out of range for month")

    media = MemoryMedia()
    fake = FakeTranscriber(lambda _audio: "del 31 de noviembre al domingo 6, somos dos")
    hear = SpeechListener(media, fake, facts=booking_facts, repair=repair,
                          slots=broken)  # type: ignore[arg-type]
    heard = await hear.listen(media.add(tone(2.0)))
    assert (heard.heard, heard.text) == (Heard.CLEAR,
                                         "del 31 de noviembre al domingo 6, somos dos")
    assert fake.scored == 0 and "finding slots failed" in caplog.text


async def test_a_stay_heard_with_no_month_gets_the_month_the_audio_says() -> None:
    said = "del 10 al 12 de octubre, somos 6"
    media, hear, fake = checking_listener("del 10 al 12 me opto le, somos 6", said)
    assert (await hear.listen(media.add(tone(2.0)))).text == said
    assert fake.scored == 12  # the twelve months, the heard words not among them
    media, hear, fake = checking_listener("del 10 al 12 de vacaciones, somos 6", said)
    assert (await hear.listen(media.add(tone(2.0)))).text == "del 10 al 12 de vacaciones, somos 6"
    assert fake.scored == 0  # what a guest says there is no slot
