"""Every template in text and HTML: what the guest or the owner reads, escaped where HTML."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import jinja2
import pytest

from posada.adapters.email import Rendered, RenderError, render
from posada.adapters.email.render import CONTEXTS, environment, local_time, long_date
from tests.adapters.email.conftest import (
    PAY_URL,
    TZ,
    cancellation,
    confirmation,
    hold,
    owner_alert,
    payment_retry,
    stay,
)


def both(rendered: Rendered) -> list[str]:
    return [rendered.text, rendered.html]


def test_long_date_and_local_time_in_spanish() -> None:
    assert long_date(date(2026, 12, 15)) == "martes 15 de diciembre de 2026"
    assert long_date(date(2027, 1, 2)) == "sábado 2 de enero de 2027"
    assert local_time(datetime.fromisoformat("2026-12-01T21:40:00+00:00"), TZ) == (
        "martes 1 de diciembre de 2026 a las 18:40 (hora de Buenos Aires)")
    with pytest.raises(ValueError, match="aware"):
        local_time(datetime(2026, 12, 1, 21, 40), TZ)


def test_hold_text_and_html() -> None:
    rendered = render("hold", hold())
    assert rendered.subject == ("Tu pre-reserva K7Q2M9XP: Cabaña del Lago, "
                                "del 15 al 18 de diciembre")
    for body in both(rendered):
        assert "Hola, Ana" in body
        assert "K7Q2M9XP" in body and "Cabaña del Lago" in body
        assert "martes 15 de diciembre de 2026" in body
        assert "viernes 18 de diciembre de 2026" in body
        assert "3 noches, 4 personas" in body
        assert "$ 540.000" in body and "$ 162.000" in body and "$ 378.000" in body
        assert "martes 1 de diciembre de 2026 a las 18:40 (hora de Buenos Aires)" in body
        assert PAY_URL in body
        assert "Devolución total hasta 15 días antes" in body
        assert "Av. Bustillo km 12, Bariloche" in body
        assert "transferencia" not in body
        assert "None" not in body
    assert f'href="{PAY_URL}"' in rendered.html
    assert "<br>" in rendered.html  # the policy's line break


def test_hold_without_link_gives_bank_transfer_instructions() -> None:
    rendered = render("hold", hold(payment_url=None,
                                   bank_transfer="Alias: coihues.lago\nCBU 0000003100012345678901"))
    for body in both(rendered):
        assert "transferencia" in body
        assert "coihues.lago" in body and "CBU 0000003100012345678901" in body
        assert "Mercado Pago" not in body


def test_hold_needs_a_way_to_pay_and_an_aware_expiry() -> None:
    with pytest.raises(ValueError, match="payment_url or bank_transfer"):
        hold(payment_url=None)
    with pytest.raises(ValueError, match="aware"):
        hold(expires_at=datetime(2026, 12, 1, 18, 40))
    with pytest.raises(ValueError, match="http"):
        hold(payment_url="javascript:alert(1)")


def test_money_keeps_cents_when_there_are_some() -> None:
    rendered = render("hold", hold(total=Decimal("180000.50"), deposit=Decimal("54000.15")))
    assert "$ 180.000,50" in rendered.text and "$ 54.000,15" in rendered.text
    assert "$ 126.000,35" in rendered.text


def test_guest_name_is_escaped_in_html_and_kept_in_text() -> None:
    for context, kind in ((hold(guest_name="<b>Ana</b>"), "hold"),
                          (confirmation(guest_name="<b>Ana</b>"), "confirmation"),
                          (cancellation(guest_name="<b>Ana</b>"), "cancellation"),
                          (payment_retry(guest_name="<b>Ana</b>"), "payment_retry"),
                          (owner_alert(guest_name="<b>Ana</b>"), "owner_alert")):
        rendered = render(kind, context)  # type: ignore[arg-type]
        assert "<b>Ana</b>" not in rendered.html
        assert "&lt;b&gt;Ana&lt;/b&gt;" in rendered.html
        assert "<b>Ana</b>" in rendered.text


def test_free_text_is_escaped_in_html() -> None:
    rendered = render("hold", hold(cancellation_policy="<script>x()</script>\n\nOtra línea"))
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;x()&lt;/script&gt;" in rendered.html
    assert "<p>Otra línea</p>" in rendered.html


def test_confirmation() -> None:
    rendered = render("confirmation", confirmation())
    assert rendered.subject.startswith("Reserva confirmada K7Q2M9XP")
    for body in both(rendered):
        assert "confirmada" in body
        assert "$ 162.000" in body and "$ 378.000" in body
        assert "Check-in desde las 14 h" in body
        assert "Av. Bustillo km 12" in body
    paid = render("confirmation", confirmation(balance_due=Decimal(0), check_in_info=None,
                                               stay=stay(address=None)))
    for body in both(paid):
        assert "No te queda saldo por pagar" in body
        assert "Para tu llegada" not in body and "Dirección" not in body


@pytest.mark.parametrize(("status", "amount", "wanted"), [
    ("none", Decimal(0), "no tiene reembolso"),
    ("pending", Decimal("81000.00"), "Te vamos a devolver $ 81.000"),
    ("refunded", Decimal("81000.00"), "Te devolvimos $ 81.000"),
])
def test_cancellation_refund(status: str, amount: Decimal, wanted: str) -> None:
    rendered = render("cancellation", cancellation(refund_status=status, refund_amount=amount))
    assert rendered.subject.startswith("Reserva cancelada K7Q2M9XP")
    for body in both(rendered):
        assert wanted in body
        assert "como nos pediste" in body


@pytest.mark.parametrize(("reason", "wanted"), [
    ("owner", "tuvo que cancelar"),
    ("late_payment", "ya había vencido"),
    ("payment_refunded", "tu pago fue devuelto"),
])
def test_cancellation_reasons(reason: str, wanted: str) -> None:
    for body in both(render("cancellation", cancellation(reason=reason))):
        assert wanted in body


def test_cancellation_refund_status_must_match_amount() -> None:
    with pytest.raises(ValueError, match="refund_status"):
        cancellation(refund_status="none", refund_amount=Decimal(10))
    with pytest.raises(ValueError, match="refund_status"):
        cancellation(refund_status="refunded", refund_amount=Decimal(0))


def test_payment_retry() -> None:
    rendered = render("payment_retry", payment_retry())
    assert rendered.subject == "No se pudo acreditar tu pago: pre-reserva K7Q2M9XP"
    for body in both(rendered):
        assert "rechazó" in body and "(fondos insuficientes)" in body
        assert PAY_URL in body
        assert "a las 18:40" in body
        assert "$ 162.000" in body


@pytest.mark.parametrize(("changes", "subject", "wanted"), [
    (dict(alert="amount_mismatch", expected=Decimal("162000"), received=Decimal("1620")),
     "Pago con monto distinto", "Se esperaba $ 162.000 y llegó $ 1.620"),
    (dict(alert="amount_mismatch", expected=Decimal("162000"), received=Decimal("162000"),
          received_currency="USD"), "Pago con monto distinto", "llegó USD 162.000"),
    (dict(alert="refund_due"), "Reembolso pendiente", "Hay que devolverle $ 162.000"),
    (dict(alert="refund_due", refunded=True), "Reembolso hecho",
     "Se devolvieron $ 162.000 automáticamente"),
    (dict(alert="chargeback"), "Contracargo", "contracargo"),
    (dict(alert="in_mediation"), "Pago en mediación", "mediación"),
    (dict(alert="refund_failed", detail="insufficient_amount"), "Falló un reembolso",
     "No se pudo hacer el reembolso de $ 162.000 por Mercado Pago (insufficient_amount)"),
])
def test_owner_alerts(changes: dict[str, object], subject: str, wanted: str) -> None:
    rendered = render("owner_alert", owner_alert(**changes))
    assert rendered.subject.startswith(subject)
    assert rendered.subject.endswith("· reserva K7Q2M9XP (Ana)")
    assert "\n" not in rendered.subject
    for body in both(rendered):
        assert wanted in body
        assert "+5492944123456" in body and "1234567890" in body
        assert "https://reservas.example.com/admin/K7Q2M9XP" in body


def test_owner_alert_needs_its_fields() -> None:
    with pytest.raises(ValueError, match="expected and received"):
        owner_alert(alert="amount_mismatch")
    with pytest.raises(ValueError, match="refund_amount"):
        owner_alert(alert="refund_failed", refund_amount=None)


def test_wrong_context_for_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="HoldContext"):
        render("hold", confirmation())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unknown"):
        render("invoice", hold())  # type: ignore[arg-type]


def test_a_missing_field_is_an_error_not_a_blank() -> None:
    with pytest.raises(TypeError, match="guest_name"):
        CONTEXTS["hold"](stay=stay())  # type: ignore[call-arg]
    template = environment(False).get_template("hold.txt")
    with pytest.raises(jinja2.UndefinedError):
        template.render(c={"guest_name": "Ana"})


def test_none_in_a_required_field_is_an_error() -> None:
    broken = replace(confirmation(), guest_name=None)  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="None"):
        render("confirmation", broken)


def test_subject_is_one_line_even_with_newlines_in_names() -> None:
    rendered = render("hold", hold(stay=stay(accommodation="Cabaña\r\nBcc: x@example.com")))
    assert "\r" not in rendered.subject and "\n" not in rendered.subject
    assert "Cabaña Bcc: x@example.com" in rendered.subject
