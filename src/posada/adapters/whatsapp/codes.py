"""Meta's Cloud API error codes, grouped by what the caller should do about them.

Shared by ``client`` (sending) and ``media`` (fetching a guest's media). What each code
means is Meta's error-code table:
https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
"""

from __future__ import annotations

#: Throttling and Meta-side trouble: try again later (130429 throughput, 131056 pair rate,
#: 131000 unknown, 131016 service unavailable, 4 app call limit, 80007 WABA rate limit).
RETRY_CODES = frozenset({130429, 131056, 131000, 131016, 4, 80007})
#: 131047: more than 24 hours since the guest last wrote — send a template instead.
TEMPLATE_CODES = frozenset({131047})
#: 190: the access token expired or was revoked — only the owner can fix it.
OWNER_CODES = frozenset({190})
#: Not worth retrying: 131026 undeliverable, 131048 spam rate limit, 131049 ecosystem limit,
#: 131062 (business-scoped recipient not allowed), and any other 4xx.
FINAL_CODES = frozenset({131026, 131048, 131049, 131062})
#: 10 and 200: the token lacks a permission (``whatsapp_business_messaging``) — the owner's.
PERMISSION_CODES = frozenset({10, 200})

#: A ``Retry-After`` longer than a day is read as a day.
MAX_RETRY_AFTER = 86_400.0
