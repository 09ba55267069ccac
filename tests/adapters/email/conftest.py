"""Contexts of one stay for the e-mail tests, and a throwaway TLS certificate."""

from __future__ import annotations

import ssl
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from posada.adapters.email import (
    CancellationContext,
    ConfirmationContext,
    HoldContext,
    OwnerAlertContext,
    PaymentRetryContext,
    StayDetails,
)

TZ = "America/Argentina/Buenos_Aires"
#: 21:40 UTC is 18:40 in Buenos Aires (UTC-3, no DST).
EXPIRES = datetime(2026, 12, 1, 21, 40, tzinfo=UTC)
PAY_URL = "https://www.mercadopago.com.ar/checkout/v1/redirect?pref_id=123-abc"
POLICY = "Devolución total hasta 15 días antes del check-in.\nMitad hasta 7 días antes."


def stay(**changes: object) -> StayDetails:
    fields: dict[str, object] = dict(
        code="K7Q2M9XP", accommodation="Cabaña del Lago", property_name="Los Coihues",
        check_in=date(2026, 12, 15), check_out=date(2026, 12, 18), guests=4,
        address="Av. Bustillo km 12, Bariloche")
    fields.update(changes)
    return StayDetails(**fields)


def hold(**changes: object) -> HoldContext:
    fields: dict[str, object] = dict(
        guest_name="Ana", stay=stay(), total=Decimal("540000.00"),
        deposit=Decimal("162000.00"), currency="ARS", expires_at=EXPIRES, timezone=TZ,
        cancellation_policy=POLICY, payment_url=PAY_URL)
    fields.update(changes)
    return HoldContext(**fields)


def confirmation(**changes: object) -> ConfirmationContext:
    fields: dict[str, object] = dict(
        guest_name="Ana", stay=stay(), total=Decimal("540000.00"),
        deposit_paid=Decimal("162000.00"), balance_due=Decimal("378000.00"), currency="ARS",
        check_in_info="Check-in desde las 14 h. La llave está en la caja junto a la puerta.")
    fields.update(changes)
    return ConfirmationContext(**fields)


def cancellation(**changes: object) -> CancellationContext:
    fields: dict[str, object] = dict(
        guest_name="Ana", stay=stay(), currency="ARS", refund_amount=Decimal("81000.00"),
        refund_status="pending", reason="guest", cancellation_policy=POLICY)
    fields.update(changes)
    return CancellationContext(**fields)


def payment_retry(**changes: object) -> PaymentRetryContext:
    fields: dict[str, object] = dict(
        guest_name="Ana", stay=stay(), deposit=Decimal("162000.00"), currency="ARS",
        payment_url=PAY_URL, expires_at=EXPIRES, timezone=TZ, reason="fondos insuficientes")
    fields.update(changes)
    return PaymentRetryContext(**fields)


def owner_alert(**changes: object) -> OwnerAlertContext:
    fields: dict[str, object] = dict(
        alert="refund_due", guest_name="Ana", stay=stay(), currency="ARS",
        payment_id="1234567890", refund_amount=Decimal("162000.00"),
        guest_contact="+5492944123456", admin_url="https://reservas.example.com/admin/K7Q2M9XP")
    fields.update(changes)
    return OwnerAlertContext(**fields)


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate for ``localhost``/127.0.0.1: ``cert`` (also the CA file a
    client trusts) and ``key``, PEM."""

    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """Made with the ``openssl`` command (the test fails, not skips, without it)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return Certificate(cert, key)
