"""Nightly pricing: base price, seasons, weekend and holiday rules, cleaning fee and deposit.

A quote has one line per night. The night starting on local date N costs:

1. the base nightly price of the accommodation, or the season's fixed nightly price, or the
   base price times the season's multiplier (the season covering N; when several do, the one
   restricted to this accommodation wins, then the one that starts last);
2. times the weekend multiplier when N is a weekend night (Friday or Saturday by default) or,
   when ``holidays_as_weekend`` is on, the eve of an Argentine national holiday (the night
   before a non-working day sells like a Saturday night);
3. rounded to cents.

Then ``total = sum(lines) + cleaning_fee`` and ``deposit = deposit_percent % of total``.
Holidays come from the ``holidays`` package (``holidays.country_holidays("AR",
language="es")``): names are Spanish whatever the server's ``LANG``, since they are frozen into
the guest's quote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

import holidays

from posada.domain.errors import MinStay, OverCapacity, PriceOutOfRange
from posada.domain.money import MAX_AMOUNT, percent_of, percent_text, round_money
from posada.domain.stay import Stay

FRIDAY, SATURDAY = 4, 5
#: Holiday names are shown to guests: always Spanish, never the server's locale.
HOLIDAY_LANGUAGE = "es"


@dataclass(frozen=True)
class Season:
    """Dates ``[start, end)`` with a nightly price rule and a minimum stay.

    Exactly one of ``multiplier`` (applied to the base price) or ``nightly_price`` (``Decimal``
    in the accommodation's currency) should be set; when both are, the fixed price wins.
    ``min_nights`` applies to stays whose check-in falls in the season.
    """

    name: str
    start: date
    end: date
    multiplier: Decimal | None = None
    nightly_price: Decimal | None = None
    min_nights: int = 1
    accommodation_id: int | None = None

    def covers(self, night: date) -> bool:
        return self.start <= night < self.end


@dataclass(frozen=True)
class PricingRules:
    """Everything needed to price one accommodation; amounts are ``Decimal`` in ``currency``."""

    base_price: Decimal
    currency: str = "ARS"
    capacity: int = 2
    cleaning_fee: Decimal = Decimal("0")
    min_nights: int = 1
    seasons: Sequence[Season] = ()
    weekend_multiplier: Decimal = Decimal("1")
    weekend_days: frozenset[int] = frozenset({FRIDAY, SATURDAY})
    holidays_as_weekend: bool = True
    deposit_percent: Decimal = Decimal("30")
    accommodation_id: int | None = None


@dataclass(frozen=True)
class NightLine:
    """The price of one night (``night`` is the local date the night starts on)."""

    night: date
    price: Decimal
    base_price: Decimal
    season: str | None = None
    weekend: bool = False
    holiday: str | None = None


@dataclass(frozen=True)
class Quote:
    """A priced stay; all amounts in ``currency`` with two decimal places."""

    stay: Stay
    guests: int
    currency: str
    lines: tuple[NightLine, ...]
    nights_total: Decimal
    cleaning_fee: Decimal
    total: Decimal
    deposit: Decimal
    deposit_percent: Decimal
    balance: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "balance", self.total - self.deposit)


HolidayLookup = Callable[[date], str | None]


@lru_cache(maxsize=32)
def _argentine_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("AR", years=year, language=HOLIDAY_LANGUAGE).items())


def argentine_holiday(day: date) -> str | None:
    """Name of the Argentine national holiday on ``day``, or ``None``."""
    return _argentine_holidays(day.year).get(day)


def _season_for(night: date, rules: PricingRules) -> Season | None:
    matching = [
        s
        for s in rules.seasons
        if s.covers(night) and s.accommodation_id in (None, rules.accommodation_id)
    ]
    if not matching:
        return None
    return max(matching, key=lambda s: (s.accommodation_id is not None, s.start))


def price_night(
    night: date, rules: PricingRules, holiday_of: HolidayLookup = argentine_holiday
) -> NightLine:
    """Price the night starting on local date ``night`` under ``rules``."""
    season = _season_for(night, rules)
    if season is not None and season.nightly_price is not None:
        price = season.nightly_price
    elif season is not None and season.multiplier is not None:
        price = rules.base_price * season.multiplier
    else:
        price = rules.base_price
    holiday = holiday_of(night + timedelta(days=1)) if rules.holidays_as_weekend else None
    weekend = night.weekday() in rules.weekend_days or holiday is not None
    if weekend:
        price = price * rules.weekend_multiplier
    return NightLine(
        night=night,
        price=round_money(price),
        base_price=rules.base_price,
        season=season.name if season else None,
        weekend=weekend,
        holiday=holiday,
    )


def min_nights_for(stay: Stay, rules: PricingRules) -> int:
    """The minimum stay that applies: the check-in season's, or the accommodation's."""
    season = _season_for(stay.check_in, rules)
    return max(rules.min_nights, season.min_nights if season else 1)


def quote_stay(
    stay: Stay, guests: int, rules: PricingRules, holiday_of: HolidayLookup = argentine_holiday
) -> Quote:
    """Price ``stay`` for ``guests`` people.

    Raises:
        OverCapacity: ``guests`` below 1 or above the accommodation's capacity.
        MinStay: fewer nights than the minimum stay for the check-in date.
        PriceOutOfRange: the total exceeds ``MAX_AMOUNT`` (code ``invalid_request``).
    """
    if guests < 1 or guests > rules.capacity:
        raise OverCapacity(
            f"La cabaña es para 1 a {rules.capacity} personas.", capacity=rules.capacity
        )
    minimum = min_nights_for(stay, rules)
    if stay.nights < minimum:
        raise MinStay(
            f"Para esas fechas la estadía mínima es de {minimum} noches.", min_nights=minimum
        )
    lines = tuple(price_night(night, rules, holiday_of) for night in stay.each_night())
    nights_total = round_money(sum((line.price for line in lines), Decimal(0)))
    cleaning_fee = round_money(rules.cleaning_fee)
    total = nights_total + cleaning_fee
    if total > MAX_AMOUNT:
        raise PriceOutOfRange("The total is larger than Posada can store.", total=str(total))
    return Quote(
        stay=stay,
        guests=guests,
        currency=rules.currency,
        lines=lines,
        nights_total=nights_total,
        cleaning_fee=cleaning_fee,
        total=total,
        deposit=percent_of(total, rules.deposit_percent),
        deposit_percent=rules.deposit_percent,
    )


def quote_to_dict(quote: Quote) -> dict[str, object]:
    """The JSON shape of a quote (amounts as strings), also frozen into the reservation."""
    return {
        "check_in": quote.stay.check_in.isoformat(),
        "check_out": quote.stay.check_out.isoformat(),
        "nights": quote.stay.nights,
        "guests": quote.guests,
        "currency": quote.currency,
        "lines": [
            {
                "night": line.night.isoformat(),
                "price": str(line.price),
                "season": line.season,
                "weekend": line.weekend,
                "holiday": line.holiday,
            }
            for line in quote.lines
        ],
        "nights_total": str(quote.nights_total),
        "cleaning_fee": str(quote.cleaning_fee),
        "total": str(quote.total),
        "deposit_percent": percent_text(quote.deposit_percent),
        "deposit": str(quote.deposit),
        "balance": str(quote.balance),
    }
