"""One slot narrowed to the options spelt most like its heard words (``nlu.slot``)."""

from __future__ import annotations

from posada.nlu.slot import Slot, sounds
from posada.nlu.slots import DAYS, PARTIES


def slot_of(text: str, heard: str, options: tuple[str, ...], kind: str = "day") -> Slot:
    at = text.index(heard)
    return Slot(kind, at, at + len(heard), options, heard_is_option=False)


def test_sounds_folds_the_spellings_of_one_sound() -> None:
    assert sounds("Veintidós") == sounds("beintidoz") == "beintidos"
    assert sounds("dieciséis") == sounds("diesiseis")
    assert sounds("llegamos hoy") == "yegamosoy"


def test_nearest_keeps_the_options_spelt_most_like_the_heard_words_in_their_order() -> None:
    text = "saliendo el niecese y se de junio"
    narrowed = slot_of(text, "niecese y se", DAYS).nearest(text, 4)
    assert "dieciséis" in narrowed.options and len(narrowed.options) == 4
    assert list(narrowed.options) == [day for day in DAYS if day in narrowed.options]
    salir = "y salir el mostre marzo"
    assert "dos" in slot_of(salir, "mostre", DAYS).nearest(salir, 4).options
    grupo = "un grupo de miedes amigas"
    assert "diez" in slot_of(grupo, "miedes", PARTIES, "party").nearest(grupo, 4).options


def test_nearest_leaves_a_small_slot_and_empties_one_where_nothing_was_heard() -> None:
    text = "del 10 al 14 de enero"
    enero = slot_of(text, "enero", ("enero", "febrero"), "month")
    assert enero.nearest(text, 4) is enero
    lost = Slot("day", 4, 4, DAYS, heard_is_option=False)
    assert lost.nearest(text, 4).options == ()
