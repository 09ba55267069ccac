"""Guest contacts as keys: one phone or e-mail written many ways maps to one key.

Keys count a guest's live holds (the fair-hold caps), so ``+54 9 294 412-3456``,
``5492944123456`` and ``294 412 3456`` must be the same guest. Phones are parsed with
``phonenumbers`` (Google's libphonenumber metadata), Argentina as the default region; for
Argentine mobiles the ``9`` that WhatsApp and international callers put after ``+54`` is
dropped from the key (it is not part of the number in national format).
"""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "AR"
#: E.164 allows at most 15 digits; fewer than 6 is not a phone number anywhere.
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 6, 15


def phone_digits(phone: str) -> str:
    """The digits of ``phone``, in order."""
    return "".join(ch for ch in phone if ch.isdigit())


def _candidates(phone: str, digits: str) -> list[str]:
    """Readings of ``phone`` to try, most likely first."""
    if phone.strip().startswith("+") or digits.startswith("00"):
        digits = digits.lstrip("0")  # "+054 …" and "0054 …" mean +54
        readings = ["+" + digits]
        if digits.startswith("54"):  # "+54 9 0294 …", "+54 9 294 15 …": the rest, read nationally
            rest = digits[2:]
            rest = rest[1:] if rest.startswith("9") else rest
            readings.append("0" + rest.lstrip("0"))
        return readings
    return [phone, "+" + digits]  # a national number, or an international one without "+"


def phone_key(phone: str | None, region: str = DEFAULT_REGION) -> str | None:
    """One key per phone line however it is written: the E.164 form of the first valid reading
    (``+541123456789``), Argentine mobiles without their ``9``; digits alone when no reading
    parses; ``None`` for no phone.

    Readings tried (libphonenumber metadata): the number in ``region``'s national format (it
    drops the trunk ``0`` and the mobile ``15``), the digits as an international number (a
    WhatsApp id such as ``5492944123456`` or ``59899123456``), and for ``+54`` numbers with a
    stray ``0`` or ``15`` the rest read nationally.
    """
    digits = phone_digits(phone or "")
    if not phone or not digits:
        return None
    parsed: list[phonenumbers.PhoneNumber] = []
    for reading in _candidates(phone, digits):
        try:
            parsed.append(phonenumbers.parse(reading, region))
        except phonenumbers.NumberParseException:
            continue
    number = next((n for n in parsed if phonenumbers.is_valid_number(n)),
                  parsed[0] if parsed else None)
    if number is None:
        return "+" + digits.lstrip("0")
    national = str(number.national_number)
    if number.country_code == 54 and national.startswith("9") and len(national) == 11:
        national = national[1:]
    return f"+{number.country_code}{national}"


def email_key(email: str | None) -> str | None:
    """``email`` trimmed and lower-cased (the whole address: providers differ on the rest)."""
    return email.strip().lower() or None if email else None
