from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posada.domain.errors import MinStay, OverCapacity
from posada.domain.money import percent_of, round_money
from posada.domain.pricing import (
    PricingRules,
    Season,
    argentine_holiday,
    price_night,
    quote_stay,
    quote_to_dict,
)
from posada.domain.stay import Stay

SUMMER = Season("Alta", date(2026, 12, 15), date(2027, 3, 1), multiplier=Decimal("1.5"),
                min_nights=3)
RULES = PricingRules(
    base_price=Decimal("60000"), capacity=4, cleaning_fee=Decimal("15000"),
    seasons=(SUMMER,), weekend_multiplier=Decimal("1.2"), holidays_as_weekend=False,
)


def test_plain_weekday_nights_cost_the_base_price() -> None:
    quote = quote_stay(Stay(date(2026, 12, 7), date(2026, 12, 10)), 2, RULES)  # Mon-Wed nights
    assert [line.price for line in quote.lines] == [Decimal("60000.00")] * 3
    assert quote.nights_total == Decimal("180000.00")
    assert quote.total == Decimal("195000.00")
    assert quote.deposit == Decimal("58500.00")
    assert quote.balance == Decimal("136500.00")


def test_friday_and_saturday_nights_take_the_weekend_multiplier() -> None:
    quote = quote_stay(Stay(date(2026, 12, 10), date(2026, 12, 14)), 2, RULES)  # Thu..Sun
    assert [(line.night.weekday(), line.price) for line in quote.lines] == [
        (3, Decimal("60000.00")), (4, Decimal("72000.00")), (5, Decimal("72000.00")),
        (6, Decimal("60000.00")),
    ]


def test_season_multiplier_and_weekend_compose() -> None:
    quote = quote_stay(Stay(date(2026, 12, 17), date(2026, 12, 20)), 2, RULES)  # Thu, Fri, Sat
    assert [line.price for line in quote.lines] == [
        Decimal("90000.00"), Decimal("108000.00"), Decimal("108000.00"),
    ]
    assert all(line.season == "Alta" for line in quote.lines)


def test_fixed_nightly_price_beats_multiplier_and_specific_beats_general() -> None:
    special = Season("Fiestas", date(2026, 12, 24), date(2027, 1, 2),
                     nightly_price=Decimal("150000"), accommodation_id=7)
    rules = PricingRules(base_price=Decimal("60000"), capacity=4, seasons=(SUMMER, special),
                         accommodation_id=7, holidays_as_weekend=False)
    line = price_night(date(2026, 12, 28), rules)
    assert (line.price, line.season) == (Decimal("150000.00"), "Fiestas")
    other = PricingRules(base_price=Decimal("60000"), capacity=4, seasons=(SUMMER, special),
                         accommodation_id=8, holidays_as_weekend=False)
    assert price_night(date(2026, 12, 28), other).price == Decimal("90000.00")


def test_min_stay_applies_by_check_in_season() -> None:
    with pytest.raises(MinStay) as caught:
        quote_stay(Stay(date(2026, 12, 20), date(2026, 12, 22)), 2, RULES)
    assert caught.value.details["min_nights"] == 3
    # A stay checking in before the season starts is not held to its minimum.
    assert quote_stay(Stay(date(2026, 12, 14), date(2026, 12, 16)), 2, RULES).stay.nights == 2


@pytest.mark.parametrize("guests", [0, 5, -1])
def test_guests_outside_capacity(guests: int) -> None:
    with pytest.raises(OverCapacity):
        quote_stay(Stay(date(2026, 12, 7), date(2026, 12, 9)), guests, RULES)


def test_argentine_holidays_come_from_the_holidays_package() -> None:
    assert argentine_holiday(date(2026, 12, 25)) is not None
    assert argentine_holiday(date(2026, 7, 9)) is not None
    assert argentine_holiday(date(2026, 12, 23)) is None


def test_eve_of_a_holiday_is_priced_like_a_weekend_night() -> None:
    rules = PricingRules(base_price=Decimal("100000"), capacity=2,
                         weekend_multiplier=Decimal("1.25"), holidays_as_weekend=True)
    # 8 Dec 2026 (Tuesday) is a national holiday: the night of Monday 7 Dec is its eve.
    assert argentine_holiday(date(2026, 12, 8)) is not None
    eve = price_night(date(2026, 12, 7), rules)
    assert (eve.price, eve.weekend, eve.holiday is not None) == (Decimal("125000.00"), True, True)
    assert price_night(date(2026, 12, 8), rules).price == Decimal("100000.00")
    off = PricingRules(base_price=Decimal("100000"), capacity=2,
                       weekend_multiplier=Decimal("1.25"), holidays_as_weekend=False)
    assert price_night(date(2026, 12, 7), off).price == Decimal("100000.00")


def test_rounding_is_half_up_to_cents_and_refuses_floats() -> None:
    assert round_money(Decimal("10.005")) == Decimal("10.01")
    assert round_money(Decimal("10.004")) == Decimal("10.00")
    assert percent_of(Decimal("100.01"), Decimal("30")) == Decimal("30.00")
    with pytest.raises(TypeError):
        round_money(10.5)  # type: ignore[arg-type]


def test_quote_dict_has_string_amounts() -> None:
    data = quote_to_dict(quote_stay(Stay(date(2026, 12, 7), date(2026, 12, 8)), 1, RULES))
    assert data["total"] == "75000.00"
    assert data["lines"] == [{"night": "2026-12-07", "price": "60000.00", "season": None,
                              "weekend": False, "holiday": None}]


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 1)),
    nights=st.integers(min_value=3, max_value=60),
    base=st.decimals(min_value=1, max_value=1_000_000, places=2),
    percent=st.decimals(min_value=0, max_value=100, places=2),
)
def test_quote_lines_sum_to_the_total(
    start: date, nights: int, base: Decimal, percent: Decimal
) -> None:
    rules = PricingRules(base_price=base, capacity=4, cleaning_fee=Decimal("999.99"),
                         seasons=(SUMMER,), weekend_multiplier=Decimal("1.15"),
                         deposit_percent=percent)
    stay = Stay(start, date.fromordinal(start.toordinal() + nights))
    quote = quote_stay(stay, 2, rules)
    assert len(quote.lines) == nights
    assert quote.nights_total == sum(line.price for line in quote.lines)
    assert quote.total == quote.nights_total + Decimal("999.99")
    assert Decimal(0) <= quote.deposit <= quote.total
    assert quote.deposit + quote.balance == quote.total
    assert all(line.price.as_tuple().exponent == -2 for line in quote.lines)
