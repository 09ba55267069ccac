from datetime import date

import pytest

from posada.domain.errors import InvalidStay
from posada.domain.stay import Stay, validate_stay

TODAY = date(2026, 11, 1)


def test_nights_and_each_night() -> None:
    stay = Stay(date(2026, 12, 30), date(2027, 1, 2))
    assert stay.nights == 3
    assert list(stay.each_night()) == [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]


def test_back_to_back_stays_do_not_overlap() -> None:
    first = Stay(date(2026, 12, 1), date(2026, 12, 5))
    assert not first.overlaps(Stay(date(2026, 12, 5), date(2026, 12, 8)))
    assert not Stay(date(2026, 11, 28), date(2026, 12, 1)).overlaps(first)
    assert first.overlaps(Stay(date(2026, 12, 4), date(2026, 12, 6)))
    assert first.overlaps(Stay(date(2026, 12, 2), date(2026, 12, 3)))


@pytest.mark.parametrize(
    ("check_in", "check_out", "fragment"),
    [
        (date(2026, 12, 5), date(2026, 12, 5), "posterior"),
        (date(2026, 12, 5), date(2026, 12, 4), "posterior"),
        (date(2026, 10, 31), date(2026, 11, 3), "pasó"),
        (date(2026, 12, 1), date(2027, 2, 1), "60 noches"),
        (date(2029, 1, 1), date(2029, 1, 3), "Todavía"),
    ],
)
def test_invalid_stays(check_in: date, check_out: date, fragment: str) -> None:
    with pytest.raises(InvalidStay) as caught:
        validate_stay(check_in, check_out, today=TODAY)
    assert caught.value.code == "invalid_stay"
    assert fragment in caught.value.message


def test_today_and_sixty_nights_are_fine() -> None:
    stay = validate_stay(TODAY, date(2026, 12, 31), today=TODAY)
    assert stay.nights == 60
