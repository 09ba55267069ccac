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
