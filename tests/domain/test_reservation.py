from datetime import UTC, date, datetime, timedelta

import pytest

from posada.domain import reservation as machine
from posada.domain.availability import Occupancy, conflicts, is_available
from posada.domain.errors import HoldExpired, InvalidTransition
from posada.domain.reservation import TRANSITIONS, Status, Verb
from posada.domain.stay import Stay

NOW = datetime(2026, 11, 1, 15, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=30)


def test_transition_table_is_the_documented_one() -> None:
    assert TRANSITIONS == {
        (Status.PRE_RESERVED, Verb.CONFIRM): Status.CONFIRMED,
        (Status.PRE_RESERVED, Verb.CANCEL): Status.CANCELLED,
        (Status.PRE_RESERVED, Verb.EXPIRE): Status.EXPIRED,
        (Status.CONFIRMED, Verb.CANCEL): Status.CANCELLED,
        (Status.CONFIRMED, Verb.COMPLETE): Status.COMPLETED,
        (Status.BLOCKED, Verb.RELEASE): Status.RELEASED,
        (Status.PRE_RESERVED, Verb.CONFIRM_LATE): Status.CONFIRMED,
        (Status.EXPIRED, Verb.CONFIRM_LATE): Status.CONFIRMED,
    }


def test_a_paid_hold_is_confirmed_live_or_late_but_never_revived_from_cancelled() -> None:
    assert machine.confirm_paid(Status.PRE_RESERVED, LATER, NOW).verb is Verb.CONFIRM
    assert machine.confirm_paid(Status.PRE_RESERVED, NOW, NOW).verb is Verb.CONFIRM_LATE
    assert machine.confirm_paid(Status.EXPIRED, NOW, NOW).to_status is Status.CONFIRMED
    for status in (Status.CANCELLED, Status.CONFIRMED, Status.COMPLETED, Status.BLOCKED):
        with pytest.raises(InvalidTransition):
            machine.confirm_paid(status, LATER, NOW)


def test_confirm_a_live_hold() -> None:
    change = machine.confirm(Status.PRE_RESERVED, LATER, NOW)
    assert (change.from_status, change.to_status) == (Status.PRE_RESERVED, Status.CONFIRMED)


@pytest.mark.parametrize("status", [Status.EXPIRED, Status.PRE_RESERVED])
def test_confirm_an_expired_hold_fails(status: Status) -> None:
    with pytest.raises(HoldExpired):
        machine.confirm(status, NOW - timedelta(seconds=1), NOW)


@pytest.mark.parametrize("status", [Status.CONFIRMED, Status.CANCELLED, Status.COMPLETED])
def test_confirm_other_states_is_an_invalid_transition(status: Status) -> None:
    with pytest.raises(InvalidTransition) as caught:
        machine.confirm(status, None, NOW)
    assert caught.value.code == "invalid_transition"


def test_cancel_and_expire_rules() -> None:
    assert machine.cancel(Status.CONFIRMED).to_status is Status.CANCELLED
    with pytest.raises(InvalidTransition):
        machine.cancel(Status.EXPIRED)
    with pytest.raises(InvalidTransition):
        machine.expire(Status.PRE_RESERVED, LATER, NOW)
    assert machine.expire(Status.PRE_RESERVED, NOW, NOW).to_status is Status.EXPIRED
    with pytest.raises(InvalidTransition):
        machine.release(Status.RELEASED)


def test_codes_have_at_least_40_random_bits() -> None:
    codes = {machine.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == machine.CODE_LENGTH and set(c) <= set(machine.CODE_ALPHABET)
               for c in codes)
    assert machine.CODE_LENGTH * 5 >= 40


def test_availability_ignores_expired_holds_and_inactive_rows() -> None:
    stay = Stay(date(2026, 12, 10), date(2026, 12, 12))
    rows = [
        Occupancy(Stay(date(2026, 12, 9), date(2026, 12, 11)), Status.PRE_RESERVED,
                  NOW - timedelta(minutes=1)),
        Occupancy(Stay(date(2026, 12, 10), date(2026, 12, 11)), Status.CANCELLED),
        Occupancy(Stay(date(2026, 12, 12), date(2026, 12, 14)), Status.CONFIRMED),
        Occupancy(Stay(date(2026, 12, 8), date(2026, 12, 10)), Status.BLOCKED),
    ]
    assert is_available(stay, rows, NOW)
    live = Occupancy(Stay(date(2026, 12, 11), date(2026, 12, 13)), Status.PRE_RESERVED, LATER)
    assert conflicts(stay, [*rows, live], NOW) == [live]
