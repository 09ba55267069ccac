"""E-mail for the outbox: the services' ``EmailSender`` over the e-mail adapter.

An outbox e-mail row carries a template name and the JSON context of
``payment_notices.email_context``; here it becomes the adapter's typed context, is rendered
(Spanish, text + HTML), gets the stay as an ``.ics`` attachment (``METHOD:PUBLISH``) and is
sent over SMTP. Adapter errors become the services' ``SendFailure``; a context that cannot
be rendered is ``final`` (no retry can fix it).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from posada.adapters.email import (
    CancellationContext,
    ConfirmationContext,
    Context,
    EmailFailed,
    EmailSender,
    HoldContext,
    OwnerAlertContext,
    PaymentRetryContext,
    RenderError,
    StayDetails,
    build_ics,
    build_message,
    render,
)
from posada.services.ports import SendFailure

#: Our owner-alert reasons → the adapter's alert kinds.
ALERTS = {"amount_mismatch": "amount_mismatch", "refund_due": "refund_due",
          "charged_back": "chargeback", "in_mediation": "in_mediation",
          "refund_failed": "refund_failed"}
_ICS = {"hold": "tentative", "confirmation": "confirmed", "cancellation": "cancelled"}


def _money(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _stay(c: dict[str, Any]) -> StayDetails:
    return StayDetails(code=c["code"], accommodation=c["accommodation_name"],
                       property_name=c["property_name"],
                       check_in=date.fromisoformat(c["check_in"]),
                       check_out=date.fromisoformat(c["check_out"]),
                       guests=max(1, int(c["guests"])), address=c.get("address"))


def context_of(template: str, c: dict[str, Any]) -> tuple[str, Context]:
    """The adapter's (kind, typed context) for an outbox row's ``template`` and JSON ``c``.

    Raises:
        ValueError, KeyError: the context lacks what the template needs.
    """
    stay, name, currency = _stay(c), c.get("guest_name") or "", c["currency"]
    policy = c.get("cancellation_policy")
    expires = datetime.fromisoformat(c["expires_at"]) if c.get("expires_at") else None
    if template == "hold":
        assert expires is not None, "a hold has an expiry"
        return "hold", HoldContext(
            guest_name=name, stay=stay, total=_money(c["total"]), deposit=_money(c["deposit"]),
            currency=currency, expires_at=expires, timezone=c["timezone"],
            cancellation_policy=policy or "", payment_url=c.get("payment_url"),
            bank_transfer=c.get("payment_instructions"))
    if template == "confirmation":
        return "confirmation", ConfirmationContext(
            guest_name=name, stay=stay, total=_money(c["total"]),
            deposit_paid=_money(c.get("paid")), balance_due=_money(c.get("balance")),
            currency=currency, check_in_info=c.get("check_in_info"),
            cancellation_policy=policy)
    if template == "payment_retry":
        assert expires is not None, "a hold has an expiry"
        return "payment_retry", PaymentRetryContext(
            guest_name=name, stay=stay, deposit=_money(c["deposit"]), currency=currency,
            payment_url=c["payment_url"], expires_at=expires, timezone=c["timezone"])
    if template in ("cancellation", "refund_due", "refund_done"):
        amount = _money(c.get("refund_amount"))
        status = ("none" if amount == 0 else "refunded" if template == "refund_done"
                  else "pending")
        reason = {"refund_due": "late_payment"}.get(template, c.get("cancel_reason") or "guest")
        return "cancellation", CancellationContext(
            guest_name=name, stay=stay, currency=currency, refund_amount=amount,
            refund_status=status, reason=reason, cancellation_policy=policy)  # type: ignore[arg-type]
    if template == "owner_alert":
        return "owner_alert", OwnerAlertContext(
            alert=ALERTS[c["reason"]], guest_name=name, stay=stay,  # type: ignore[arg-type]
            currency=currency, payment_id=c.get("payment_id"),
            expected=_money(c["deposit"]) if c["reason"] == "amount_mismatch" else None,
            received=_money(c.get("received")) if c["reason"] == "amount_mismatch" else None,
            refund_amount=_money(c.get("refund_amount") or c.get("received")),
            refunded=bool(c.get("refunded")), detail=c.get("alert"))
    raise ValueError(f"unknown e-mail template {template!r}")


class SmtpMailer:
    """``posada.services.ports.EmailSender`` over the adapter's ``EmailSender`` (SMTP);
    ``sender``: ``"Name <addr>"``; ``public_url``: its host names UIDs and Message-IDs."""

    def __init__(self, sender: EmailSender, from_: str, public_url: str | None) -> None:
        self.sender = sender
        self.from_ = from_
        self.domain = urlsplit(public_url or "").hostname or "posada.local"

    async def send_email(self, to: str, template: str, context: dict[str, Any]) -> str:
        try:
            kind, typed = context_of(template, context)
            rendered = render(kind, typed)  # type: ignore[arg-type]
            status = _ICS.get(kind)
            ics = None if status is None else build_ics(
                _stay(context), status, dtstamp=datetime.now(UTC),  # type: ignore[arg-type]
                domain=self.domain)
            digest = hashlib.sha256(f"{to}|{template}|{context.get('code')}|"
                                    f"{context.get('status')}".encode()).hexdigest()[:32]
            message = build_message(rendered, to, self.from_, ics, self.domain,
                                    code=context.get("code"), to_name=context.get("guest_name"),
                                    message_id=f"<{digest}@{self.domain}>")
        except (ValueError, KeyError, TypeError, AssertionError, RenderError) as exc:
            raise SendFailure("final", f"cannot render {template}: {exc!r}"[:500]) from exc
        try:
            return await self.sender.send(message)
        except EmailFailed as failure:
            raise SendFailure("retry" if failure.kind == "retry" else "final",
                              f"{failure.code}: {failure.message}"[:500]) from failure
