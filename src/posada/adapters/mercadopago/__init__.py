"""The Mercado Pago adapter (Checkout Pro deposits, payments, refunds, notifications).

``client.MercadoPagoGateway`` calls the REST API (``PaymentGateway`` is its port,
``GatewayError`` its one error); ``models`` are our readers of Mercado Pago's objects and the
preference we send; ``signature`` checks ``x-signature``; ``notifications`` reads webhook and
IPN deliveries; ``fake.FakeMercadoPago`` is a local Mercado Pago for tests and the bench.
Nothing here imports ``posada.services``, ``posada.db``, ``posada.web`` or ``posada.jobs``.
"""

from posada.adapters.mercadopago.client import (
    GatewayConfig,
    GatewayError,
    MercadoPagoGateway,
    PaymentGateway,
)
from posada.adapters.mercadopago.models import (
    PAYMENT_STATUSES,
    BackUrls,
    MerchantOrder,
    OrderPayment,
    Payment,
    Preference,
    PreferenceRequest,
    Refund,
    deposit_title,
)
from posada.adapters.mercadopago.notifications import (
    Notification,
    NotificationError,
    parse_notification,
)
from posada.adapters.mercadopago.signature import (
    SignatureError,
    sign_notification,
    verify_notification,
)

__all__ = [
    "PAYMENT_STATUSES", "BackUrls", "GatewayConfig", "GatewayError", "MercadoPagoGateway",
    "MerchantOrder", "Notification", "NotificationError", "OrderPayment", "Payment",
    "PaymentGateway", "Preference", "PreferenceRequest", "Refund", "SignatureError",
    "deposit_title", "parse_notification", "sign_notification",
    "verify_notification",
]
