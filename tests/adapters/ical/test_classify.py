"""Reservation or block, and the reservation URL."""

from __future__ import annotations

import pytest

from posada.adapters.ical.classify import DEFAULT_KIND, classify, reservation_url


@pytest.mark.parametrize(
    ("summary", "channel", "kind"),
    [
        ("Reserved", "airbnb", "reservation"),
        ("Airbnb (Not available)", "airbnb", "block"),
        ("CLOSED - Not available", "booking", "block"),
        ("Reserved - Ana Gómez", "vrbo", "reservation"),
        ("Reserved", "vrbo", "reservation"),
        ("Blocked", "vrbo", "block"),
        ("Not available", None, "block"),
        ("Unavailable", "other", "block"),
        ("Closed", "google", "block"),
        ("No disponible", None, "block"),
        ("BLOQUEADO", None, "block"),
        ("Owner block", None, "block"),
        ("Maintenance", None, "block"),
        ("Mantenimiento", None, "block"),
        ("  reservado  ", "google", "reservation"),
        ("Reserva Juan", None, "reservation"),
        ("Booked", None, "reservation"),
        # Channel wording wins over a generic marker inside a guest's name.
        ("Reserved - Closed Family", "vrbo", "reservation"),
        ("Reserved - Closed Family", "google", "block"),
    ],
)
def test_summaries(summary: str, channel: str | None, kind: str) -> None:
    assert classify(summary, None, None, channel) == kind


def test_unknown_summary_gets_the_default() -> None:
    assert DEFAULT_KIND == "block"
    assert classify("Familia Pérez", None, None, "google") == "block"
    assert classify(None, None, None) == "block"


def test_reservation_evidence_in_url_or_description() -> None:
    assert classify("Familia Pérez", None, "https://example.org/r/1", "google") == "reservation"
    assert classify(None, "Código de reserva: 4411", None) == "reservation"
    assert classify(None, "Phone Number (Last 4 Digits): 1234", None) == "reservation"
    assert classify("Not available", "Reservation URL: https://x", "https://x") == "block"


def test_reservation_url() -> None:
    airbnb = "Reservation URL: https://www.airbnb.com/hosting/reservations/details/HM1\nPhone"
    assert reservation_url(None, airbnb) == "https://www.airbnb.com/hosting/reservations/details/HM1"
    assert reservation_url(" https://a.example/r ", airbnb) == "https://a.example/r"
    assert reservation_url(None, "See https://admin.booking.com/hotel/res?id=9.") == (
        "https://admin.booking.com/hotel/res?id=9"
    )
    assert reservation_url(None, "Call https://meet.google.com/abc-defg") is None
    assert reservation_url(None, "Reservation URL: http://insecure.example") is None
    assert reservation_url(None, None) is None
