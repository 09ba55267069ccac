"""faster-whisper's decoding options for Spanish booking requests.

Measured on the voice-note fixtures (``bench/speech.py``): an initial prompt truncated long
notes, so there is none; VAD drops the silences WhatsApp notes start and end with. The
booking vocabulary as ``hotwords`` (it goes where a prompt would, without its truncation)
took the raw word error rate from 39 % to 34 % and the notes read as typed from 13 % to 19 %
(42 % with ``posada.nlu.spoken.repair``). There is no temperature fallback: with it (up to
0.4, five samples each) every reading and the word error rate of the 66 fixtures came out
the same, while a note that fell back took 6.7 s instead of 2.8 s and its five samples
raised the peak memory by ~110 MB; and a sampled reading moved from run to run. The listens
again (``AGAIN_CHANGES``) are the other way to hear a note.
"""

from __future__ import annotations

#: The words a booking request hangs on, in the order a guest says them.
_BOOKING_WORDS = "reservar del al de {months}, somos dos tres cuatro cinco seis personas adultos"
HOTWORDS = _BOOKING_WORDS.format(months="enero febrero marzo abril diciembre")
#: The same with every month: as the first listen's it moved a dozen notes either way (the
#: months the first leaves out were heard as others, "enero" was lost), but as a last listen
#: it gave two more notes read as typed and lost none (an AMD EPYC's bench, 72 → 74 of 106:
#: "de los salvos en diciembre" was heard "del 8 al 12 de diciembre").
ALL_MONTHS_HOTWORDS = _BOOKING_WORDS.format(
    months="enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
           "diciembre")

#: The listens after the first, in order, for a note whose transcript lacks a date or the
#: party: no VAD (it cut the start of words in some notes), then the audio slowed to
#: ``stretch`` × its length (lower and slower: synthetic voices were heard better), then
#: with every month in the hotwords. On the tune fixtures the first of them took the notes
#: read as typed from 14 to 17 of 31.
AGAIN_CHANGES: tuple[dict[str, object], ...] = (
    {"vad_filter": False}, {"stretch": 1.15}, {"hotwords": ALL_MONTHS_HOTWORDS})

#: Keyword arguments of ``faster_whisper.WhisperModel.transcribe``.
DECODE_OPTIONS: dict[str, object] = {
    "language": "es",
    "task": "transcribe",
    "beam_size": 5,
    "vad_filter": True,
    "condition_on_previous_text": False,
    "initial_prompt": None,
    "hotwords": HOTWORDS,
    "temperature": 0.0,
}
