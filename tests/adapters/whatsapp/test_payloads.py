"""Every recorded delivery walks to the right items, with the real field values."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from posada.adapters.whatsapp import (
    ApiError,
    InboundError,
    InboundMessage,
    InboundStatus,
    InvalidPayload,
    Item,
    Location,
    Media,
    UnreadableItem,
    parse_delivery,
    walk,
)
from posada.adapters.whatsapp.payloads import clean

from .conftest import DELIVERIES, items, raw

PNID = "419561257915477"
LUCIA, LUCIA_ID = "5492944123456", "AR.1349120865530274191"
MARTIN, MARTIN_ID = "5491123456789", "AR.2840511093318820057"
SOFI_ID = "AR.9027715536482019934"
OURS = "wamid.HBgNb3V0LW9mZmVyLTAwMDE="
T0 = datetime(2026, 1, 6, 13, 50, tzinfo=UTC)


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(T0.timestamp() + seconds, UTC)


def only(name: str) -> InboundMessage:
    [item] = items(name)
    assert isinstance(item, InboundMessage)
    return item


def messages(walked: list[Item]) -> list[InboundMessage]:
    return [i for i in walked if isinstance(i, InboundMessage)]


def statuses(walked: list[Item]) -> list[InboundStatus]:
    return [i for i in walked if isinstance(i, InboundStatus)]


@pytest.mark.parametrize("name", DELIVERIES)
def test_every_fixture_parses_and_walks(name: str) -> None:
    walked = items(name)
    assert walked
    assert all(isinstance(i, InboundMessage | InboundStatus | InboundError | UnreadableItem)
               for i in walked)
    unreadable = [i for i in walked if isinstance(i, UnreadableItem)]
    assert bool(unreadable) == (name == "partly_unreadable.json")


def test_text_from_a_phone_only_sender() -> None:
    m = only("text.json")
    assert (m.wamid, m.phone_number_id, m.type) == ("wamid.HBgNaW4tdGV4dC0wMDAx", PNID, "text")
    assert (m.wa_id, m.phone, m.user_id) == (LUCIA, "+5492944123456", None)
    assert m.profile_name == "Lucía Fernández"
    assert m.text == "Hola! Tienen lugar para 4 personas del 12 al 15 de enero?"
    assert m.timestamp == T0 and m.timestamp.tzinfo is UTC
    assert (m.reply_id, m.media, m.location, m.context_id, m.target_id) == (None,) * 5
    assert m.raw["text"] == {"body": m.text}


def test_escaped_unicode_and_surrogate_pairs_decode() -> None:
    m = only("text_escaped_unicode.json")
    assert m.text == "¿Tienen lugar para el finde largo? 🏡🌲 Somos 3 🙏"
    assert m.profile_name == "Lucía Fernández"


def test_sender_with_phone_and_bsuid() -> None:
    m = only("sender_phone_and_bsuid.json")
    assert (m.wa_id, m.phone, m.user_id, m.profile_name) == (
        MARTIN, "+5491123456789", MARTIN_ID, "Martín Gómez")


@pytest.mark.parametrize("name", ["bsuid_only_no_from.json", "bsuid_only_empty_from.json"])
def test_bsuid_only_senders_have_no_phone(name: str) -> None:
    m = only(name)
    assert (m.wa_id, m.phone, m.user_id, m.profile_name) == (None, None, SOFI_ID, "Sofi 🌲")
    assert m.text in ("hola, hay disponibilidad este finde?", "somos 2 y un perro")


def test_contacts_fill_in_a_missing_bsuid_and_phone() -> None:
    body = json.loads(raw("sender_phone_and_bsuid.json"))
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    del message["from_user_id"]
    assert only_of(body).user_id == MARTIN_ID  # matched on wa_id
    message["from_user_id"] = MARTIN_ID
    del message["from"]
    m = only_of(body)
    assert (m.wa_id, m.phone, m.user_id) == (MARTIN, "+5491123456789", MARTIN_ID)


def test_a_single_contact_that_contradicts_the_sender_is_not_used() -> None:
    body = json.loads(raw("text.json"))
    body["entry"][0]["changes"][0]["value"]["messages"][0]["from"] = "59899123456"
    m = only_of(body)
    assert (m.wa_id, m.phone, m.profile_name) == ("59899123456", "+59899123456", None)


def only_of(body: object) -> InboundMessage:
    [item] = walk(parse_delivery(json.dumps(body).encode()))
    assert isinstance(item, InboundMessage)
    return item


def test_voice_note_and_audio_file() -> None:
    voice, audio = only("audio_voice.json"), only("audio_file.json")
    assert voice.type == audio.type == "audio"
    assert voice.voice is True and audio.voice is False
    assert voice.media == Media("1093847562019384", "audio/ogg; codecs=opus",
                                "q0WsUxqk7X1Yc8gQp1vO3QhV0u8rBv6n6pQm2aF1Gm4=", None)
    assert audio.media is not None and audio.media.mime_type == "audio/mpeg"
    assert voice.text is None and audio.text is None


def test_button_and_list_replies() -> None:
    button, row = only("interactive_button_reply.json"), only("interactive_list_reply.json")
    assert (button.type, button.text, button.reply_id) == ("interactive", "Cabaña Pehuén",
                                                          "offer:2")
    assert (row.type, row.text, row.reply_id) == ("interactive", "Cabaña Arrayán", "offer:7")
    assert button.context_id == row.context_id == OURS


def test_flow_reply_is_decoded_without_words() -> None:
    m = only("interactive_nfm_reply.json")
    assert m.type == "interactive" and m.text is None and m.reply_id is None
    assert m.form == {"flow_token": "hold-AB12CD", "guests": "4", "arrival": "2026-01-12"}


def test_template_quick_reply_button() -> None:
    m = only("button_template_reply.json")
    assert (m.type, m.text, m.reply_id) == ("button", "Sí, confirmar", "confirm:AB12CD")
    assert m.context_id == "wamid.HBgNb3V0LXRwbC0wMDAx"


def test_media_with_and_without_caption() -> None:
    with_caption = messages(items("media_with_caption.json"))
    without = messages(items("media_without_caption.json"))
    assert [m.type for m in with_caption] == [m.type for m in without] == [
        "image", "video", "document"]
    assert [m.text for m in with_caption] == [
        "así está el camino?", "el video del arroyo", "comprobante de la seña"]
    assert [m.text for m in without] == [None, None, None]
    assert with_caption[2].media == Media("3301928374650194", "application/pdf",
                                          "Dc1xZ3cV5bN7mQ9wE1rT3yU5iO7pA9sD1fG3hJ5kL7z=",
                                          "transferencia.pdf")
    assert without[2].media is not None and without[2].media.filename == "dni_frente.jpg"
    assert [m.timestamp for m in without] == [at(43), at(44), at(45)]


def test_location_contacts_reaction_sticker() -> None:
    place = only("location.json")
    assert place.location == Location(-41.1335, -71.3103, "Cerro Otto",
                                      "Av. de los Pioneros km 5, San Carlos de Bariloche", None)
    assert place.text == "Cerro Otto, Av. de los Pioneros km 5, San Carlos de Bariloche"
    card = only("contacts.json")
    assert card.type == "contacts" and card.text is None
    assert card.raw["contacts"][0]["phones"][0]["wa_id"] == "5492944129876"
    reaction = only("reaction.json")
    assert (reaction.type, reaction.target_id, reaction.emoji, reaction.text) == (
        "reaction", OURS, "👍", None)
    sticker = only("sticker.json")
    assert sticker.media is not None and sticker.media.mime_type == "image/webp"
    assert sticker.text is None and not sticker.voice


def test_edit_and_revoke_point_at_the_original() -> None:
    edit, revoke = only("edit.json"), only("revoke.json")
    original = only("text.json").wamid
    assert (edit.type, edit.target_id) == ("edit", original)
    assert edit.text == "Hola! Tienen lugar para 5 personas del 12 al 15 de enero?"
    assert (revoke.type, revoke.target_id, revoke.text) == ("revoke", original, None)


def test_unsupported_and_unknown_types_are_kept() -> None:
    unsupported = only("unsupported.json")
    assert unsupported.type == "unsupported" and unsupported.text is None
    assert unsupported.errors == (ApiError(131051, "Message type unknown",
                                           "Message type unknown",
                                           "Message type is currently not supported."),)
    unknown = only("unknown_type.json")
    assert unknown.type == "hologram" and unknown.text is None
    assert unknown.raw["novelty"] == {"added": "2027"}
    assert unknown.raw["hologram"] == {"id": "9901", "depth": 3}


def test_system_user_changed_user_id() -> None:
    m = only("system_user_changed_user_id.json")
    assert (m.type, m.wa_id, m.phone, m.profile_name, m.text) == ("system", None, None, None,
                                                                 None)
    assert (m.user_id, m.previous_user_id, m.new_user_id) == (
        LUCIA_ID, LUCIA_ID, "AR.5561093847561029384")
    assert m.raw["system"]["type"] == "user_changed_user_id"


def test_system_notice_without_sender_is_about_the_previous_user_id() -> None:
    body = json.loads(raw("system_user_changed_user_id.json"))
    del body["entry"][0]["changes"][0]["value"]["messages"][0]["from_user_id"]
    m = only_of(body)
    assert (m.user_id, m.new_user_id) == (LUCIA_ID, "AR.5561093847561029384")


def test_system_user_changed_number() -> None:
    m = only("system_user_changed_number.json")
    assert (m.wa_id, m.new_wa_id) == (MARTIN, "5491187654321")
    assert (m.previous_user_id, m.new_user_id) == (MARTIN_ID, "AR.6672019384756102938")


@pytest.mark.parametrize(("name", "status", "seconds"), [
    ("status_sent.json", "sent", 100), ("status_delivered.json", "delivered", 101),
    ("status_read.json", "read", 102), ("status_played.json", "played", 103),
    ("status_unknown.json", "teleported", 105),
])
def test_statuses(name: str, status: str, seconds: int) -> None:
    [s] = items(name)
    assert isinstance(s, InboundStatus)
    assert (s.status, s.timestamp, s.errors) == (status, at(seconds), ())
    assert (s.recipient_id, s.recipient_phone, s.recipient_user_id) == (
        LUCIA, "+5492944123456", LUCIA_ID)
    assert s.message_id and s.message_id.startswith("wamid.") and s.phone_number_id == PNID


def test_failed_status_with_errors_and_no_contacts() -> None:
    [s] = items("status_failed.json")
    assert isinstance(s, InboundStatus)
    assert (s.status, s.recipient_phone, s.recipient_user_id) == ("failed", "+5491123456789",
                                                                 MARTIN_ID)
    [error] = s.errors
    assert (error.code, error.title) == (131047, "Re-engagement message")
    assert error.details is not None and "24 hours" in error.details


def test_statuses_only_and_errors_only() -> None:
    walked = items("statuses_only.json")
    assert [(s.status, s.recipient_phone) for s in statuses(walked)] == [
        ("delivered", "+5492944123456"), ("read", "+5491123456789"), ("sent", "+59899123456")]
    assert len(walked) == 3
    errors = items("errors_only.json")
    assert all(isinstance(e, InboundError) and e.phone_number_id == PNID for e in errors)
    assert [e.error.code for e in errors if isinstance(e, InboundError)] == [131000, 130472]


def test_batch_of_two_entries_by_two_changes() -> None:
    walked = items("batch.json")
    kinds = ["M" if isinstance(i, InboundMessage) else "S" for i in walked]
    assert kinds == list("MMMSSMMSMS")
    msgs, sts = messages(walked), statuses(walked)
    assert [m.wamid for m in msgs] == [
        "wamid.HBgNYi1sdWNpYS0x", "wamid.HBgNYi1tYXJ0aW4tMQ==", "wamid.HBgNYi1zb2ZpLTE=",
        "wamid.HBgNYi1hbmEtMQ==", "wamid.HBgNYi1hbmEtMg==", "wamid.HBgNYi1sdWNpYS0y"]
    assert [m.profile_name for m in msgs] == ["Lucía Fernández", "Martín Gómez", "Sofi 🌲",
                                              "Ana Pereira", "Ana Pereira", "Lucía Fernández"]
    assert [m.phone for m in msgs] == ["+5492944123456", "+5491123456789", None,
                                       "+59899123456", "+59899123456", "+5492944123456"]
    assert msgs[2].user_id == SOFI_ID and msgs[3].user_id == "UY.7710023345567789012"
    assert msgs[1].reply_id == "offer:1" and msgs[3].voice and msgs[5].location is not None
    assert [m.phone_number_id for m in msgs] == [PNID] * 3 + ["427709113498102"] * 3
    assert [s.status for s in sts] == ["delivered", "read", "sent", "failed"]
    assert sts[-1].errors[0].code == 131026 and sts[-1].recipient_user_id is None
    assert [i.timestamp for i in walked if isinstance(i, InboundMessage | InboundStatus)] == [
        at(200 + n) for n in range(10)]


def test_the_same_message_twice_walks_twice() -> None:
    first, second = messages(items("duplicate.json"))
    assert first == second and first.wamid == "wamid.HBgNaW4tZHVwLTAwMDE="


def test_unreadable_items_do_not_lose_the_others() -> None:
    walked = items("partly_unreadable.json")
    kinds = [type(i).__name__ for i in walked]
    assert kinds == ["UnreadableItem", "UnreadableItem", "UnreadableItem", "UnreadableItem",
                     "InboundMessage", "UnreadableItem", "UnreadableItem", "InboundStatus",
                     "UnreadableItem"]
    [good] = messages(walked)
    assert (good.text, good.profile_name, good.user_id) == ("este sí se lee", "Lucía Fernández",
                                                           LUCIA_ID)
    [status] = statuses(walked)
    assert status.status == "read"
    bad = [i for i in walked if isinstance(i, UnreadableItem)]
    assert bad[0].raw == "not an entry"
    assert bad[1].reason.startswith("value:")
    assert bad[3].raw["text"] == "should be an object" and bad[3].reason.startswith("text:")
    assert bad[4].raw == 42 and bad[5].reason.startswith("id:")
    assert bad[6].reason.startswith("status:")


@pytest.mark.parametrize(("body", "code"), [
    (b"", "invalid_json"), (b"{", "invalid_json"), (b"\xff\xfe", "invalid_json"),
    (b"not json", "invalid_json"), (b"[]", "invalid_payload"), (b"42", "invalid_payload"),
    (b'"text"', "invalid_payload"), (b"null", "invalid_payload"),
    (b'{"entry": {}}', "invalid_payload"), (b'{"object": 1, "entry": []}', "invalid_payload"),
    (b"[" * 100_000 + b"]" * 100_000, "invalid_json"),
])
def test_top_level_garbage_is_invalid(body: bytes, code: str) -> None:
    with pytest.raises(InvalidPayload) as caught:
        parse_delivery(body)
    assert caught.value.code == code


def test_empty_and_foreign_deliveries_walk_to_nothing() -> None:
    assert walk(parse_delivery(b"{}")) == []
    assert walk(parse_delivery(b'{"object":"page","entry":[{"id":"1","changes":[{"field":'
                               b'"account_update","value":{"event":"VERIFIED"}}]}]}')) == []


def test_bad_timestamps_and_empty_strings_count_as_absent() -> None:
    body = json.loads(raw("text.json"))
    value = body["entry"][0]["changes"][0]["value"]
    value["messages"][0]["timestamp"] = "yesterday"
    value["contacts"][0]["profile"]["name"] = "  "
    value["metadata"] = "broken"
    m = only_of(body)
    assert (m.timestamp, m.profile_name, m.phone_number_id) == (None, None, None)
    assert m.text and m.wa_id == LUCIA


def test_a_generated_3_mb_batch_of_1000_messages() -> None:
    template = json.loads(raw("text.json"))
    value = template["entry"][0]["changes"][0]["value"]
    base = value["messages"][0]
    filler = "Hola, quería consultar por la cabaña. " * 70
    value["messages"] = [{**base, "id": f"wamid.BULK{n:06d}", "from": f"549294412{n:04d}",
                          "text": {"body": f"{n} {filler}"}} for n in range(1000)]
    value["contacts"] = [{"profile": {"name": f"Huésped {n}"}, "wa_id": f"549294412{n:04d}"}
                         for n in range(1000)]
    body = json.dumps(template, ensure_ascii=False).encode()
    assert 2_900_000 < len(body) < 3_300_000
    walked = walk(parse_delivery(body))
    assert len(walked) == 1000
    msgs = messages(walked)
    assert [m.wamid for m in msgs] == [f"wamid.BULK{n:06d}" for n in range(1000)]
    assert msgs[777].profile_name == "Huésped 777" and msgs[777].phone == "+5492944120777"


def test_clean_makes_every_string_storable_without_recursion() -> None:
    deep: list[object] = ["ok\x00"]
    for _ in range(50_000):  # deeper than Python's recursion limit
        deep = [deep]
    data = {"a\x00": ["x\ud800y", {"b": "\udfff"}], "deep": deep, "n": 1}
    cleaned = clean(data)
    assert cleaned["a"] == ["x\ufffdy", {"b": "\ufffd"}] and cleaned["n"] == 1
    node = cleaned["deep"]
    while isinstance(node, list) and isinstance(node[0], list):
        node = node[0]
    assert node == ["ok"]
    assert clean("fine") == "fine"
