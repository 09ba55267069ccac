"""Spanish understanding for guest messages: intents and entities, as pure functions.

``understand(text, today, tz)`` reads one WhatsApp message in rioplatense Spanish and
returns an ``Understanding``. Nothing here does I/O, reads the clock or the settings.
"""

from posada.nlu.model import Intent, Missing, Party, Stay, Topic, Understanding
from posada.nlu.understand import DEFAULT_TZ, understand

__all__ = ["DEFAULT_TZ", "Intent", "Missing", "Party", "Stay", "Topic", "Understanding",
           "understand"]
