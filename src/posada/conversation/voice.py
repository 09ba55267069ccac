"""Voice notes in the chat: the echo of what was heard, and the replies when it was not.

Speech recognition mishears numbers, so a voice note that was heard clearly is answered as
text would be, with the first reply starting by what was understood ("Entendí: del 15 al 18
de diciembre, 4 personas"), for the guest to correct. A note heard without confidence, too
long, unreadable, or with speech recognition off gets a line asking for text instead of a
guess; none of these counts towards the not-understood handoff.
"""

from __future__ import annotations

from dataclasses import replace

from posada.conversation import texts
from posada.conversation.model import Heard, Incoming, Reply, Text, Turn, Voice
from posada.conversation.state import State
from posada.nlu.model import Understanding

#: The longest transcript quoted back in an echo, in characters.
QUOTE_MAX = 160


def unheard(state: State, voice: Voice | None) -> Turn:
    """The reply to a voice note that is not read as text (``voice`` is ``None`` when
    speech recognition is off)."""
    heard = voice.heard if voice is not None else Heard.UNAVAILABLE
    if heard is Heard.UNSURE:
        return Turn(state, (Text(texts.AUDIO_UNSURE),))
    if heard is Heard.TOO_LONG and voice is not None:
        return Turn(state, (Text(texts.audio_too_long(voice.limit_seconds)),))
    if heard is Heard.UNREADABLE:
        return Turn(state, (Text(texts.AUDIO_UNREADABLE),))
    return Turn(state, (Text(texts.AUDIO),))


def is_clear(event: Incoming) -> bool:
    """A voice note heard clearly, with words: read as text, with an echo."""
    return (event.kind == "audio" and event.voice is not None
            and event.voice.heard is Heard.CLEAR and bool(event.text.strip()))


def with_echo(turn: Turn, event: Incoming) -> Turn:
    """``turn`` with "Entendí: …" leading its first reply (or as the only one)."""
    echo = texts.heard(echo_of(event.understanding, event.text))
    if not turn.replies:
        return replace(turn, replies=(Text(echo),))
    first, *rest = turn.replies
    return replace(turn, replies=(_lead(first, echo), *rest))


def echo_of(understanding: Understanding, transcript: str) -> str:
    """What was understood, in words: the dates, the length and the party when the note had
    any (``del 15 al 18 de diciembre, 4 personas``), else the transcript in quotes."""
    stay, parts = understanding.stay, []
    if stay.check_in is not None and stay.check_out is not None:
        length = f" ({texts.nights(stay.nights)})" if stay.nights else ""
        parts.append(texts.span(stay.check_in, stay.check_out) + length)
    elif stay.check_in is not None:
        parts.append(f"desde el {texts.day_month(stay.check_in)}")
        if stay.nights:
            parts.append(texts.nights(stay.nights))
    elif stay.nights:
        parts.append(texts.nights(stay.nights))
    if understanding.party.guests:
        parts.append(texts.people(understanding.party.guests))
    if parts:
        return ", ".join(parts)
    quoted = " ".join(transcript.split())
    if len(quoted) > QUOTE_MAX:
        quoted = quoted[:QUOTE_MAX].rsplit(" ", 1)[0] + "…"
    return f"“{quoted}”"


def _lead(reply: Reply, echo: str) -> Reply:
    return replace(reply, body=f"{echo}\n\n{reply.body}")
