"""From the bytes a feed URL answered to iCalendar text ``icalendar`` can read.

Decoding: a UTF-16 byte-order mark means UTF-16; else UTF-8 (RFC 5545 §3.1.4 requires it),
with a UTF-8 BOM dropped; bytes that are not UTF-8 are read as Latin-1 (every byte is a
character there, so decoding never fails, and old exporters wrote Latin-1/Windows-1252).

Tolerated, because real feeds do it: LF-only or CR line ends (RFC 5545 §3.1 wants CRLF), blank
lines, trailing spaces after a value (kept when the next line is a fold, as they are then part
of the text), lower-case names (icalendar reads them case-insensitively), text before
``BEGIN:VCALENDAR`` or after the last ``END:VCALENDAR`` (a PHP notice, a proxy banner), which is
cut with a warning. Anything else icalendar cannot read makes the feed ``unparseable``: a
half-understood feed could free nights that are booked.
"""

from __future__ import annotations

import re
from typing import Final

HTML_START: Final = ("<!doctype", "<html", "<head", "<body")
_LINE_END = re.compile(r"\r\n|\r|\n")
_BEGIN = re.compile(r"^[ \t]*begin[ \t]*:[ \t]*vcalendar[ \t]*$", re.IGNORECASE | re.MULTILINE)
_END = re.compile(r"^[ \t]*end[ \t]*:[ \t]*vcalendar[ \t]*$", re.IGNORECASE | re.MULTILINE)


class NotACalendar(Exception):
    """The feed's answer is no calendar at all. ``code`` is stable:

    - ``"empty"``: no bytes, or only whitespace;
    - ``"html"``: an HTML page (a login page, an error page of the channel or a proxy);
    - ``"not_calendar"``: text without a ``BEGIN:VCALENDAR`` line;
    - ``"unparseable"``: a VCALENDAR that ``icalendar`` cannot read (truncated, garbage lines).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)  # both in ``args``: it survives a process pool
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


#: A folded line (RFC 5545 §3.1): a line end and one space or tab, removed on unfolding.
_FOLD = re.compile(rb"\r?\n[ \t]")


def decode(data: bytes) -> str:
    """``data`` as text (see the module docstring), without a leading BOM, lines unfolded
    (before decoding, since a fold may fall inside a UTF-8 character). Never raises."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = _FOLD.sub(b"", data)  # unfold first: a fold may split a UTF-8 character
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.lstrip("\ufeff")


def calendar_text(data: bytes) -> tuple[str, tuple[str, ...]]:
    """The cleaned iCalendar text of a feed body and warnings about what was cut.

    Args:
        data: the raw HTTP body.

    Returns ``(text, warnings)``: text from the first ``BEGIN:VCALENDAR`` to the last
    ``END:VCALENDAR`` line (or to the end when none), CRLF line ends, no blank lines, no
    trailing spaces before an unfolded line.

    Raises:
        NotACalendar: ``empty``, ``html`` (the text starts with an HTML tag, or has no
            ``BEGIN:VCALENDAR`` line and contains ``<html``: an iCal DESCRIPTION may carry
            HTML, so ``<html`` inside a calendar does not count), ``not_calendar``.
    """
    text = "\n".join(_LINE_END.split(decode(data)))
    head = text.lstrip().casefold()
    if not head:
        raise NotACalendar("empty", "The feed answered with an empty body.")
    if head.startswith(HTML_START) or (head.startswith("<?xml") and "<html" in head[:2000]):
        raise NotACalendar("html", "The feed answered with an HTML page, not a calendar.")
    begin = _BEGIN.search(text)
    if begin is None:
        if "<html" in head:
            raise NotACalendar("html", "The feed answered with an HTML page, not a calendar.")
        raise NotACalendar("not_calendar", "The feed's answer has no BEGIN:VCALENDAR.")
    warnings: list[str] = []
    if text[: begin.start()].strip():
        warnings.append("text before BEGIN:VCALENDAR was ignored")
    ends = list(_END.finditer(text, begin.start()))
    stop = ends[-1].end() if ends else len(text)
    if ends and text[stop:].strip():
        warnings.append("text after END:VCALENDAR was ignored")
    return clean_lines(text[begin.start() : stop]), tuple(warnings)


def clean_lines(text: str) -> str:
    """``text`` with CRLF line ends, blank lines dropped and trailing spaces and tabs removed
    from every line that is not followed by a folded continuation (RFC 5545 §3.1)."""
    lines = [line for line in _LINE_END.split(text) if line.strip()]
    cleaned = []
    for index, line in enumerate(lines):
        folded_next = index + 1 < len(lines) and lines[index + 1][:1] in (" ", "\t")
        cleaned.append(line if folded_next else line.rstrip(" \t"))
    return "\r\n".join(cleaned) + "\r\n"
