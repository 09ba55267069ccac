"""Build the long-lived objects of a process from its settings (used by web, jobs and cli).

Each builder imports the adapters, services and jobs it assembles, so that a process (a
``posada`` command) pays only for the parts it builds.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from posada.db.engine import Database, PoolOptions

if TYPE_CHECKING:
    from posada.config import Settings
    from posada.jobs.email import SmtpMailer
    from posada.jobs.mercadopago import MercadoPagoPort
    from posada.jobs.registry import Jobs
    from posada.jobs.voice import SpeechListener
    from posada.jobs.whatsapp_outbound import WhatsAppChannel
    from posada.services.conversations import Messaging
    from posada.services.feed_sync import FeedSettings
    from posada.services.outbox import OutboxPolicy
    from posada.services.payment_ports import PaymentGateway
    from posada.services.payments import Payments
    from posada.services.ports import EmailSender, FeedReader, MessageSender, VoiceListener


def open_database(settings: Settings) -> Database:
    """The ``Database`` for ``POSADA_DATABASE_URL`` with the configured pools and timeouts."""
    return Database(
        settings.database_url,
        pool=PoolOptions(
            size=settings.db_pool_size, overflow=settings.db_max_overflow,
            timeout=settings.db_pool_timeout_seconds, hot_size=settings.db_hot_pool_size,
            statement_timeout_ms=settings.db_statement_timeout_ms,
            lock_timeout_ms=settings.db_lock_timeout_ms,
        ),
        busy_timeout_ms=settings.sqlite_busy_timeout_ms,
    )


def outbox_policy(settings: Settings) -> OutboxPolicy:
    """Retries, template and owner address of the outbox from settings."""
    from posada.domain.contacts import phone_key
    from posada.services.outbox import OutboxPolicy
    from posada.services.ports import Address

    owner = phone_key(settings.owner_phone) if settings.owner_phone else None
    return OutboxPolicy(
        max_attempts=settings.outbox_max_attempts,
        retry_base_seconds=settings.retry_base_seconds, template=settings.whatsapp_template,
        template_language=settings.whatsapp_template_language,
        owner=Address(phone=owner_wa_id(owner)) if owner else None)


def owner_wa_id(key: str) -> str:
    """The owner's number as the Cloud API takes it: digits, Argentine mobiles with the 9
    after 54 (the form WhatsApp gives as ``wa_id``)."""
    digits = key.lstrip("+")
    if digits.startswith("54") and not digits.startswith("549") and len(digits) == 12:
        return "549" + digits[2:]
    return digits


def payment_gateway(settings: Settings) -> MercadoPagoPort | None:
    """Mercado Pago, or ``None`` without ``POSADA_MERCADOPAGO_ACCESS_TOKEN`` (holds then
    carry the bank-transfer instructions and the owner confirms by hand)."""
    if settings.mercadopago_access_token is None:
        return None
    from posada.adapters.mercadopago.client import MercadoPagoGateway
    from posada.jobs.mercadopago import MercadoPagoPort

    return MercadoPagoPort(MercadoPagoGateway(settings.mercadopago_access_token,
                                              base_url=settings.mercadopago_api_base_url),
                           settings.timezone)


def payments(db: Database, settings: Settings, gateway: PaymentGateway | None,
             email: bool = False) -> Payments:
    """The payment services' context for this process."""
    from posada.services.payments import Payments

    return Payments(db=db, outbox=outbox_policy(settings), gateway=gateway,
                    public_url=settings.public_url,
                    auto_refund=settings.mercadopago_auto_refund, email=email,
                    owner_email=settings.owner_email)


def messaging(db: Database, settings: Settings, pay: Payments | None = None) -> Messaging:
    """The conversation service's context for this process."""
    from posada.services.conversations import Messaging
    from posada.services.policy import BookingPolicy

    return Messaging(
        db=db, policy=BookingPolicy.from_settings(settings), outbox=outbox_policy(settings),
        payments=pay,
        code_key=hashlib.sha256(
            b"posada-hold-code:" + settings.secret_key.get_secret_value().encode()).digest(),
        property_slug=settings.whatsapp_property)


def email_sender(settings: Settings) -> SmtpMailer | None:
    """SMTP e-mail, or ``None`` without ``POSADA_SMTP_HOST`` and ``POSADA_SMTP_FROM`` (no
    e-mail is then written)."""
    if not settings.smtp_host or not settings.smtp_from:
        return None
    from posada.adapters.email import SmtpConfig, SmtpSender
    from posada.jobs.email import SmtpMailer

    config = SmtpConfig(host=settings.smtp_host, port=settings.smtp_port,
                        user=settings.smtp_user, password=settings.smtp_password,
                        sender=settings.smtp_from, security=settings.smtp_security)
    return SmtpMailer(SmtpSender(config), settings.smtp_from, settings.public_url)


def whatsapp_channel(settings: Settings) -> WhatsAppChannel | None:
    """The Cloud API channel, or ``None`` without an access token and phone number id."""
    if settings.whatsapp_access_token is None or not settings.whatsapp_phone_number_id:
        return None
    from posada.adapters.whatsapp.client import CloudApi
    from posada.jobs.whatsapp_outbound import WhatsAppChannel

    return WhatsAppChannel(CloudApi(
        settings.whatsapp_api_base_url, settings.whatsapp_api_version,
        settings.whatsapp_phone_number_id, settings.whatsapp_access_token.get_secret_value()))


def voice_listener(settings: Settings, channel: WhatsAppChannel | None
                   ) -> SpeechListener | None:
    """Voice notes heard on this server through ``channel``'s media calls, or ``None``
    without a channel or with ``POSADA_STT_MODEL=none`` (notes are then asked for in
    writing). The model is located and loaded by the first note, in the job runner."""
    if channel is None or settings.stt_model.strip().lower() == "none":
        return None
    from posada.adapters.speech.model import resolve_model
    from posada.adapters.speech.whisper import WhisperTranscriber
    from posada.jobs.voice import booking_listener

    transcriber = WhisperTranscriber(
        lambda: resolve_model(settings.stt_model, settings.data_dir),
        compute_type=settings.stt_compute_type, threads=settings.stt_threads,
        queue_size=settings.stt_queue_size)
    return booking_listener(channel.api, transcriber, limit_seconds=settings.stt_max_seconds,
                            keep_dir=settings.data_dir / "audio" if settings.stt_keep_audio
                            else None, timezone=settings.timezone)


def feed_settings(settings: Settings) -> FeedSettings:
    """How often and how many channel feeds are synced."""
    from posada.services.feed_sync import FeedSettings

    return FeedSettings(interval=timedelta(minutes=settings.ical_sync_minutes),
                        concurrency=settings.ical_concurrency)


def build_jobs(db: Database, settings: Settings, sender: MessageSender | None = None,
               feed_reader: FeedReader | None = None, gateway: PaymentGateway | None = None,
               mailer: EmailSender | None = None, voice: VoiceListener | None = None) -> Jobs:
    """Every job of this process, bound to its database and channels."""
    from posada.jobs.mercadopago import mercadopago_handler
    from posada.jobs.registry import Jobs
    from posada.jobs.whatsapp_inbound import whatsapp_handler, whatsapp_senders

    pay = payments(db, settings, gateway, email=mailer is not None)
    context = messaging(db, settings, pay)
    context.voice = voice
    return Jobs(
        db=db, messaging=context, payments=pay, mailer=mailer,
        handlers={"whatsapp": whatsapp_handler(context),
                  "mercadopago": mercadopago_handler(pay)},
        order_keys={"whatsapp": whatsapp_senders},
        sender=sender, inbound_max_attempts=settings.inbound_max_attempts,
        feed_reader=feed_reader, feed_settings=feed_settings(settings),
        reminder_before=timedelta(minutes=settings.reminder_minutes_before))
