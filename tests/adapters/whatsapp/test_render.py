"""Replies as Cloud API payloads, within Meta's limits."""

from __future__ import annotations

import pytest

from posada.adapters.whatsapp import (
    Recipient,
    numbered_text,
    read_payload,
    reply_payload,
    template_payload,
)
from posada.adapters.whatsapp.render import cut
from posada.conversation.model import Choice, Option, Text

from .test_payloads import only

PHONE = Recipient("5492944123456")
LONG = "Cabaña Pehuén con vista al lago y hogar a leña para seis personas"


def options(n: int, title: str = "Cabaña", description: str = "") -> tuple[Option, ...]:
    return tuple(Option(f"offer:{i}", f"{title} {i}", description) for i in range(1, n + 1))


def test_text_reply() -> None:
    payload = reply_payload(Text("¡Hola! ¿Para cuántas personas?"), PHONE)
    assert payload == {"messaging_product": "whatsapp", "recipient_type": "individual",
                       "to": "5492944123456", "type": "text",
                       "text": {"preview_url": False, "body": "¡Hola! ¿Para cuántas personas?"}}


def test_long_text_is_cut_to_4096() -> None:
    body = reply_payload(Text("palabra " * 1000), PHONE)["text"]["body"]
    assert len(body) <= 4096 and body.endswith("…") and "palabra palabra" in body
    exact = "x" * 4096
    assert reply_payload(Text(exact), PHONE)["text"]["body"] == exact


def test_bsuid_only_recipient_gets_recipient_not_to() -> None:
    payload = reply_payload(Text("hola"), Recipient(None, "AR.9027715536482019934"))
    assert payload["recipient"] == "AR.9027715536482019934" and "to" not in payload
    both = reply_payload(Text("hola"), Recipient("+54 9 294 412-3456", "AR.1"))
    assert both["to"] == "5492944123456" and "recipient" not in both
    with pytest.raises(ValueError, match="neither"):
        reply_payload(Text("hola"), Recipient())


def test_recipient_of_an_inbound_message() -> None:
    assert Recipient.of(only("bsuid_only_no_from.json")) == Recipient(
        None, "AR.9027715536482019934")
    assert Recipient.of(only("text.json")) == Recipient("5492944123456", None)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_up_to_three_options_are_buttons(n: int) -> None:
    payload = reply_payload(Choice("¿Cuál preferís?", options(n)), PHONE)
    interactive = payload["interactive"]
    assert payload["type"] == "interactive" and interactive["type"] == "button"
    assert interactive["body"] == {"text": "¿Cuál preferís?"}
    assert [b["reply"] for b in interactive["action"]["buttons"]] == [
        {"id": f"offer:{i}", "title": f"Cabaña {i}"} for i in range(1, n + 1)]
    assert all(b["type"] == "reply" for b in interactive["action"]["buttons"])


@pytest.mark.parametrize("n", [4, 7, 10])
def test_four_to_ten_options_are_a_list(n: int) -> None:
    choice = Choice("Tenemos estas cabañas libres:", options(n, description="$ 540.000"),
                    button="Ver cabañas")
    interactive = reply_payload(choice, PHONE)["interactive"]
    assert interactive["type"] == "list"
    action = interactive["action"]
    assert action["button"] == "Ver cabañas"
    [section] = action["sections"]
    assert [r["id"] for r in section["rows"]] == [f"offer:{i}" for i in range(1, n + 1)]
    assert section["rows"][0] == {"id": "offer:1", "title": "Cabaña 1",
                                  "description": "$ 540.000"}


def test_list_rows_without_description_have_none() -> None:
    rows = reply_payload(Choice("x", options(5)), PHONE)["interactive"]["action"]["sections"][0]
    assert all("description" not in r for r in rows["rows"])


def test_eleven_options_are_numbered_text() -> None:
    choice = Choice("Elegí una:", options(11, description="2 noches"))
    payload = reply_payload(choice, PHONE)
    assert payload["type"] == "text"
    body = payload["text"]["body"]
    assert body == numbered_text(choice)
    assert body.startswith("Elegí una:\n\n1. Cabaña 1 — 2 noches\n2. Cabaña 2 — 2 noches")
    assert body.endswith("11. Cabaña 11 — 2 noches")


def test_no_options_is_just_the_body() -> None:
    assert reply_payload(Choice("¿Algo más?", ()), PHONE)["text"]["body"] == "¿Algo más?"


def test_numbered_text_style() -> None:
    choice = Choice("Estas son las opciones:", (
        Option("a", "Cabaña Pehuén", "$ 540.000 por 3 noches"), Option("b", "Cabaña Coihue")))
    assert numbered_text(choice) == ("Estas son las opciones:\n\n"
                                     "1. Cabaña Pehuén — $ 540.000 por 3 noches\n"
                                     "2. Cabaña Coihue")


def test_long_titles_are_cut_within_limits() -> None:
    buttons = reply_payload(Choice("b" * 2000, (Option("x", LONG), Option("y", "Sí"))),
                            PHONE)["interactive"]
    first = buttons["action"]["buttons"][0]["reply"]["title"]
    assert len(first) <= 20 and first.endswith("…") and first.startswith("Cabaña Pehuén")
    assert len(buttons["body"]["text"]) <= 1024
    rows = reply_payload(Choice("x", tuple(Option(f"r{i}", LONG, LONG * 3) for i in range(5)),
                                button="Elegí una de las cabañas disponibles"),
                         PHONE)["interactive"]["action"]
    assert len(rows["button"]) <= 20 and rows["button"].endswith("…")
    for row in rows["sections"][0]["rows"]:
        assert len(row["title"]) <= 24 and row["title"].endswith("…")
        assert len(row["description"]) <= 72 and row["description"].endswith("…")


@pytest.mark.parametrize("limit", [1, 2, 5, 20, 24, 72])
def test_cut_never_exceeds_the_limit(limit: int) -> None:
    for text in (LONG, "x" * 100, "a " * 60, "Cabaña\n\nPehuén   " * 5):
        assert len(cut(text, limit)) <= limit
    assert cut("  Cabaña \n Pehuén ", 24) == "Cabaña Pehuén"


def test_ids_are_never_cut() -> None:
    with pytest.raises(ValueError, match="1–256"):
        reply_payload(Choice("x", (Option("i" * 257, "a"),)), PHONE)
    with pytest.raises(ValueError, match="1–200"):
        reply_payload(Choice("x", tuple(Option("r" * 201, "a") for _ in range(4))), PHONE)
    with pytest.raises(ValueError):
        reply_payload(Choice("x", (Option("", "a"),)), PHONE)
    button = reply_payload(Choice("x", (Option("i" * 256, "a"),)), PHONE)
    assert button["interactive"]["action"]["buttons"][0]["reply"]["id"] == "i" * 256


def test_empty_title_becomes_its_number() -> None:
    payload = reply_payload(Choice("x", (Option("a", "  "), Option("b", "B"))), PHONE)
    assert payload["interactive"]["action"]["buttons"][0]["reply"]["title"] == "1"


def test_template_and_read_payloads() -> None:
    assert template_payload(PHONE, "reserva_pendiente", body_params=("Lucía", "AB12CD")) == {
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": "5492944123456",
        "type": "template", "template": {
            "name": "reserva_pendiente", "language": {"code": "es_AR"},
            "components": [{"type": "body", "parameters": [
                {"type": "text", "text": "Lucía"}, {"type": "text", "text": "AB12CD"}]}]}}
    bare = template_payload(Recipient(None, "AR.1"), "hola", language="es")
    assert bare["template"] == {"name": "hola", "language": {"code": "es"}}
    assert bare["recipient"] == "AR.1"
    assert read_payload("wamid.X") == {"messaging_product": "whatsapp", "status": "read",
                                       "message_id": "wamid.X"}
