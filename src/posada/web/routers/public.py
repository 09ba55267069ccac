"""Public API: accommodations, availability, quotes, holds, reservation status, admin verbs."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from posada.config import Settings
from posada.db.calendar import PricedAccommodation
from posada.db.engine import Database
from posada.db.models import Accommodation, Reservation
from posada.domain.errors import DomainError
from posada.domain.reservation import Status, effective_status
from posada.services import cancellations, catalog, checkout, feed_sync, holds
from posada.services.common import utcnow
from posada.services.payments import Payments
from posada.web.deps import AdminDep, DbDep, PolicyDep, admin_from_header
from posada.web.schemas import (
    AccommodationOut,
    AvailabilityItem,
    AvailabilityOut,
    CancelIn,
    CodePath,
    ErrorResponse,
    HoldIn,
    HoldOut,
    IsoDate,
    PaymentOut,
    QuoteIn,
    QuoteOut,
    RefundOut,
    ReservationPublicOut,
)

router = APIRouter(prefix="/api/v1", tags=["public"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (404, 409, 422, 429, 503)
}
#: Channels a guest may book through without an admin token. Others (airbnb, booking, …)
#: need one: ``/ical/…?exclude=<channel>`` leaves those rows out of that channel's feed.
GUEST_CHANNELS = frozenset({"web", "whatsapp", "email"})


class Forbidden(DomainError):
    code = "forbidden"


def client_key(request: Request, settings: Settings) -> str | None:
    """A keyed hash of the client's address (never stored in clear), for the per-client cap."""
    if request.client is None:
        return None
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, request.client.host.encode(), hashlib.sha256).hexdigest()[:32]


def accommodation_out(a: Accommodation | PricedAccommodation) -> AccommodationOut:
    return AccommodationOut(
        id=a.id, slug=a.slug, name=a.name, capacity=a.capacity, base_price=a.base_price,
        currency=a.currency,
    )


def shown_status(r: Reservation) -> str:
    """The status at this instant (an expired, unswept hold shows as ``expired``)."""
    return effective_status(Status(r.status), r.expires_at, utcnow()).value


def public_view(r: Reservation) -> ReservationPublicOut:
    return ReservationPublicOut(
        code=r.code, status=shown_status(r), accommodation_id=r.accommodation_id,
        check_in=r.check_in, check_out=r.check_out, nights=(r.check_out - r.check_in).days,
        guests=r.guests, expires_at=r.expires_at, total=r.total, deposit=r.deposit,
        currency=r.currency,
    )


@router.get("/accommodations", response_model=list[AccommodationOut],
            responses={429: {"model": ErrorResponse}})
async def list_accommodations(db: DbDep) -> list[AccommodationOut]:
    return [accommodation_out(a) for a in await catalog.list_accommodations(db)]


@router.get("/availability", response_model=AvailabilityOut, responses=ERRORS)
async def availability(
    db: DbDep,
    policy: PolicyDep,
    check_in: IsoDate,
    check_out: IsoDate,
    guests: Annotated[int, Query(ge=1, le=100)] = 1,
) -> AvailabilityOut:
    offers = await catalog.availability(db, policy, check_in, check_out, guests)
    return AvailabilityOut(
        check_in=check_in, check_out=check_out, guests=guests,
        results=[
            AvailabilityItem(
                accommodation=accommodation_out(o.accommodation), available=o.available,
                reason=o.reason,
                quote=QuoteOut.build(o.accommodation.id, o.quote) if o.quote else None,
            )
            for o in offers
        ],
    )


@router.post("/quotes", response_model=QuoteOut, responses=ERRORS)
async def create_quote(body: QuoteIn, db: DbDep, policy: PolicyDep) -> QuoteOut:
    priced, free = await catalog.quote(
        db, policy, body.accommodation_id, body.check_in, body.check_out, body.guests
    )
    return QuoteOut.build(body.accommodation_id, priced, available=free)


@router.post(
    "/reservations", response_model=HoldOut, status_code=201,
    responses={**ERRORS, 403: {"model": ErrorResponse}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": HoldIn.model_json_schema()}}}},
)
async def place_hold(request: Request) -> Response:
    """Take a 30-minute hold. ``channel`` other than web/whatsapp/email needs an admin token.

    Guests (no admin token) have at most ``POSADA_MAX_HOLDS_PER_CONTACT`` live holds per
    phone or e-mail and ``POSADA_MAX_HOLDS_PER_CLIENT`` per client address (409
    ``too_many_holds`` with ``Retry-After``), and need a phone or e-mail for holds longer
    than ``POSADA_MAX_ANONYMOUS_NIGHTS`` (422 ``contact_required``).

    The hot path: the body is validated by ``HoldIn`` straight from the raw bytes and the
    answer serialised by ``HoldOut`` (pydantic-core), with no per-request dependency graph.
    """
    try:
        body = HoldIn.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    state = request.app.state
    settings: Settings = state.settings
    admin = await admin_from_header(request, state.db, settings)
    if body.channel not in GUEST_CHANNELS and admin is None:
        raise Forbidden(f"Solo el dueño puede registrar una reserva de {body.channel}.")
    hold = await holds.place_hold(
        state.db, state.policy,
        holds.HoldRequest(
            accommodation_id=body.accommodation_id, check_in=body.check_in,
            check_out=body.check_out, guests=body.guests, guest_name=body.guest_name,
            guest_phone=body.guest_phone, guest_email=str(body.guest_email or "") or None,
            channel=body.channel, client_key=client_key(request, settings),
            trusted=admin is not None,
        ),
    )
    payments: Payments | None = getattr(state, "payments", None)
    url = None if payments is None else await checkout.hold_made(payments, hold.code)
    out = HoldOut(
        code=hold.code, status=hold.status, accommodation_id=hold.accommodation_id,
        check_in=hold.check_in, check_out=hold.check_out, guests=hold.guests,
        expires_at=hold.expires_at, total=hold.total, deposit=hold.deposit,
        currency=hold.currency, payment_url=url,
        cancellation_policy=await checkout.policy_text_of(state.db, hold.property_id),
    )
    return Response(out.__pydantic_serializer__.to_json(out), status_code=201,
                    media_type="application/json")


async def with_payment(db: Database, r: Reservation) -> ReservationPublicOut:
    """``public_view`` with the deposit's payment and the cancellation policy."""
    view, policy = await checkout.payment_view(db, r, utcnow())
    return public_view(r).model_copy(update={
        "payment": PaymentOut(status=view.status, state=view.state, url=view.url,
                              amount=view.amount, refunded=view.refunded,
                              currency=view.currency),
        "cancellation_policy": policy})


@router.get("/reservations/{code}", response_model=ReservationPublicOut, responses=ERRORS)
async def get_reservation(code: CodePath, db: DbDep) -> ReservationPublicOut:
    """Status and stay; the deposit's payment (with its link while the hold lives) and the
    cancellation policy."""
    return await with_payment(db, await holds.get_reservation(db, code.upper()))


@router.post("/reservations/{code}/confirm", response_model=ReservationPublicOut,
             responses={**ERRORS, 401: {"model": ErrorResponse}}, tags=["admin"])
async def confirm(code: CodePath, request: Request, db: DbDep,
                  admin: AdminDep) -> ReservationPublicOut:
    """Confirm a hold; the accommodation's channel feeds are fetched first when their last
    success is over a minute old, so a booking just made on a channel wins (409)."""
    jobs = getattr(request.app.state, "jobs", None)
    held = await holds.get_reservation(db, code.upper())
    if jobs is not None and jobs.feed_reader is not None:
        await feed_sync.refresh_before_confirm(db, jobs.feed_reader, held.accommodation_id,
                                               jobs.messaging.outbox, jobs.feed_settings)
    return public_view(await holds.confirm_reservation(db, code.upper(), actor=admin))


@router.post("/reservations/{code}/cancel", response_model=ReservationPublicOut,
             responses={**ERRORS, 401: {"model": ErrorResponse}}, tags=["admin"])
async def cancel(code: CodePath, request: Request, db: DbDep, admin: AdminDep,
                 body: CancelIn | None = None) -> ReservationPublicOut:
    """Cancel; a deposit paid through Mercado Pago is refunded as ``refund`` says (default
    all of it: the owner cancels) and the refund executed by the ``execute_refunds`` job."""
    payments: Payments | None = getattr(request.app.state, "payments", None)
    if payments is None:
        return public_view(await holds.cancel_reservation(db, code.upper(), actor=admin))
    done = await cancellations.cancel(payments, code.upper(), admin,
                                      body.refund if body else None, by_owner=True)
    out = await with_payment(db, done.reservation)
    return out.model_copy(update={"refund": RefundOut(
        amount=done.refund_amount, percent=done.refund_percent, status=done.refund_status)})
