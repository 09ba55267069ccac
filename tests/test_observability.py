from __future__ import annotations

import logging

import pytest

from posada.observability import RedactingFilter, redact


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("hold for +54 9 294 412-3456", "hold for [phone]"),
        ("wa id 5492944123456 wrote", "wa id [phone] wrote"),
        ("mail ana.perez+x@example.com.ar", "mail [email]"),
        ("stay 2026-12-20 to 2026-12-23", "stay 2026-12-20 to 2026-12-23"),
        ("client 192.168.100.200:5000", "client 192.168.100.200:5000"),
        ("code 7KQ2M9XH3P total 250000.00", "code 7KQ2M9XH3P total 250000.00"),
        ("short 412-3456 and (294) 4123456", "short [phone] and ([phone]"),
        ("failed: status=400 code=131047 to=5492944123456",
         "failed: status=400 code=131047 to=[phone]"),
    ],
)
def test_redact(raw: str, clean: str) -> None:
    assert redact(raw) == clean


def test_log_records_never_carry_contacts(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("posada.test")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="posada.test"):
        logger.info("new hold by %s <%s>", "+5492944123456", "ana@example.com")
    assert caplog.messages == ["new hold by [phone] <[email]>"]


def test_tracebacks_are_redacted_too(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("posada.test.exc")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.ERROR, logger="posada.test.exc"):
        try:
            raise ValueError("insert failed: ('Ana', '+54 9 294 400-1122', 'leaky@example.com')")
        except ValueError:
            logger.exception("unhandled error")
    text = caplog.text
    assert "ValueError" in text
    assert "400-1122" not in text and "leaky@" not in text
    assert "[phone]" in text and "[email]" in text


def test_redaction_is_linear_on_long_input() -> None:
    # A 100 kB login name once froze the server at DEBUG level; bounded patterns finish.
    assert redact("a" * 100_000 + "@") == "a" * 100_000 + "@"
    assert redact("1-" * 50_000).count("[phone]") >= 1
