"""Payment statuses, their order, exact amounts, and the cancellation policy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from posada.domain import cancellation as policy
from posada.domain.errors import InvalidRequest
from posada.domain.money import round_money
from posada.domain.payments import (
    PaymentState,
    Seen,
    amount_matches,
    idempotency_key,
    is_newer,
    state_of,
)

T = datetime(2026, 12, 1, 12, tzinfo=UTC)


def test_statuses_map_to_our_states_and_unknown_words_are_kept_apart() -> None:
    assert state_of("approved") is PaymentState.PAID
    assert state_of("in_process") is PaymentState.PENDING
    assert state_of("rejected") is PaymentState.FAILED
    assert state_of("approved", Decimal(100), Decimal(40)) is PaymentState.PARTIALLY_REFUNDED
    assert state_of("approved", Decimal(100), Decimal(100)) is PaymentState.REFUNDED
    assert state_of("something_new") is PaymentState.UNKNOWN


def test_an_older_update_never_moves_a_payment_back() -> None:
    approved = Seen("approved", T)
    assert not is_newer(approved, Seen("pending", T - timedelta(seconds=1)))
    assert is_newer(approved, Seen("refunded", T + timedelta(seconds=1)))
    assert not is_newer(Seen("approved", None), Seen("pending", None))
    assert is_newer(Seen("in_mediation", T), Seen("approved", T + timedelta(days=3)))
    assert is_newer(None, Seen("pending", None))


def test_amounts_must_match_to_the_cent_in_the_same_currency() -> None:
    assert amount_matches(Decimal("54000.00"), "ARS", Decimal("54000"), "ARS")
    assert not amount_matches(Decimal("53999.99"), "ARS", Decimal("54000"), "ARS")
    assert not amount_matches(Decimal("54000"), "USD", Decimal("54000"), "ARS")
    assert not amount_matches(None, "ARS", Decimal("54000"), "ARS")


@pytest.mark.parametrize(("days", "percent"), [(30, 100), (15, 100), (14, 50), (7, 50),
                                                (6, 0), (0, 0), (-2, 0)])
def test_the_default_policy_by_days_before_check_in(days: int, percent: int) -> None:
    check_in = date(2027, 1, 20)
    today = check_in - timedelta(days=days)
    assert policy.refund_percent(policy.DEFAULT_POLICY, check_in, today) == percent
    assert policy.refund_amount(policy.DEFAULT_POLICY, Decimal("33333.33"), check_in, today) \
        == round_money(Decimal("33333.33") * percent / 100)  # 50 %: 16666.665 → 16666.67


def test_a_custom_policy_is_validated_and_described_in_spanish() -> None:
    tiers = policy.parse_policy([{"days_before": 3, "refund_percent": "25"},
                                 {"days_before": 30, "refund_percent": 100}])
    assert [t.days_before for t in tiers] == [30, 3]
    assert "30 días" in policy.policy_text(tiers) and "25 %" in policy.policy_text(tiers)
    assert policy.parse_policy(None) == policy.DEFAULT_POLICY
    assert policy.policy_text(policy.parse_policy([])) == "La seña no se devuelve si cancelás."
    for bad in ("x", [{"days_before": -1, "refund_percent": 10}],
                [{"days_before": 3, "refund_percent": 101}],
                [{"days_before": 3, "refund_percent": 1}, {"days_before": 3,
                                                           "refund_percent": 2}]):
        with pytest.raises(InvalidRequest):
            policy.parse_policy(bad)


def test_idempotency_keys_are_deterministic() -> None:
    key = idempotency_key("K7Q2M9XP", "refund", Decimal("100"))
    assert key == idempotency_key("K7Q2M9XP", "refund", Decimal("100.00"))
    assert len(key) == 36 and key.count("-") == 4
    others = {idempotency_key("K7Q2M9XP", "refund", Decimal("100.01")),
              idempotency_key("K7Q2M9XP", "deposit", Decimal("100")),
              idempotency_key("K7Q2M9XQ", "refund", Decimal("100")),
              idempotency_key("K7Q2M9XP", "refund", None)}
    assert key not in others and len(others) == 4
    assert idempotency_key("K7Q2M9XP", "refund", Decimal("1"), "guest_cancel", 123) != \
        idempotency_key("K7Q2M9XP", "refund", Decimal("1"), "owner_cancel", 123)
