from __future__ import annotations

import pytest
from pydantic import ValidationError

from posada.config import Settings


def test_default_secret_is_refused_outside_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POSADA_SECRET_KEY", raising=False)
    monkeypatch.setenv("POSADA_ENV", "production")
    with pytest.raises(ValidationError, match="POSADA_SECRET_KEY"):
        Settings()
    monkeypatch.setenv("POSADA_SECRET_KEY", "short")
    with pytest.raises(ValidationError):
        Settings()
    monkeypatch.setenv("POSADA_SECRET_KEY", "x" * 40)
    assert Settings().env == "production"


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSADA_ENV", "development")
    monkeypatch.setenv("POSADA_PORT", "8123")
    monkeypatch.setenv("POSADA_HOLD_TTL_MINUTES", "45")
    monkeypatch.setenv("POSADA_DEPOSIT_PERCENT", "25.5")
    monkeypatch.setenv("POSADA_CORS_ORIGINS", "https://a.example, https://b.example")
    settings = Settings()
    assert (settings.port, settings.hold_ttl_minutes) == (8123, 45)
    assert str(settings.deposit_percent) == "25.5"
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("POSADA_TIMEZONE", "Mars/Olympus"), ("POSADA_DATABASE_URL", "mysql://x"),
     ("POSADA_PORT", "99999"), ("POSADA_DEPOSIT_PERCENT", "120"),
     ("POSADA_RATE_LIMIT_API", "garbage"), ("POSADA_LOG_LEVEL", "LOUD"),
     ("POSADA_RATE_LIMIT_API", "0/second"), ("POSADA_BOOKING_HORIZON_DAYS", "3000000"),
     ("POSADA_JWT_TTL_MINUTES", "9000000000"), ("POSADA_TIMEZONE", "localtime")],
)
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv("POSADA_ENV", "development")
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


def test_public_url_follows_host_and_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSADA_ENV", "development")
    monkeypatch.setenv("POSADA_PORT", "8061")
    assert Settings().external_url == "http://127.0.0.1:8061"
    monkeypatch.setenv("POSADA_PUBLIC_URL", "https://reservas.example/")
    assert Settings().external_url == "https://reservas.example"
