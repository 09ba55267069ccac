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


def phone_key(phone: str | None, region: str = DEFAULT_REGION) -> str | None:
    """The E.164 form of ``phone`` (``+541123456789``), or its digits when it cannot be
    parsed; ``None`` for no phone."""
    if not phone or not phone_digits(phone):
        return None
    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return "+" + phone_digits(phone)
    national = str(number.national_number)
    if number.country_code == 54 and national.startswith("9") and len(national) == 11:
        national = national[1:]
    return f"+{number.country_code}{national}"


def email_key(email: str | None) -> str | None:
    """``email`` trimmed and lower-cased (the whole address: providers differ on the rest)."""
    return email.strip().lower() or None if email else None
