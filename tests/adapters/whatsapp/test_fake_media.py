"""The media fakes: FakeGraph's inbound voice-note payload, and MemoryMedia in process."""

from __future__ import annotations

import json

import httpx
import pytest

from posada.adapters.whatsapp import InboundMessage, Media, parse_delivery, walk
from posada.adapters.whatsapp.fake import FakeGraph
from posada.adapters.whatsapp.fake_media import VOICE_MIME_TYPE, MemoryMedia
from posada.adapters.whatsapp.media import (
    MediaFailed,
    MediaFetcher,
    fetch_media,
    sha256_matches,
)

VOICE = b"OggS\x00\x02 a short voice note"


def delivered(content: dict[str, object]) -> InboundMessage:
    """``content`` as the one message of a Cloud API delivery, parsed and walked."""
    message = {"from": "5492944123456", "id": "wamid.HBgNaW4tdm9pY2UtMDAwMg==",
               "timestamp": "1767707420", **content}
    body = {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
            "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550001111",
                             "phone_number_id": "419561257915477"},
                "contacts": [{"profile": {"name": "Lucía"}, "wa_id": "5492944123456"}],
                "messages": [message]}}]}]}
    [item] = walk(parse_delivery(json.dumps(body).encode()))
    assert isinstance(item, InboundMessage)
    return item


def test_an_inbound_voice_note_names_the_fakes_media() -> None:
    with FakeGraph("tok") as graph:
        media_id = graph.add_media(VOICE)
        content = graph.media.audio_message(media_id)
        assert content["type"] == "audio"
        item = delivered(content)
        assert item.type == "audio" and item.voice is True and item.text is None
        assert item.media is not None
        assert (item.media.id, item.media.mime_type) == (media_id, "audio/ogg; codecs=opus")
        assert sha256_matches(VOICE, item.media.sha256)
        file = delivered(graph.media.audio_message(graph.add_media(b"ID3", "audio/mpeg"),
                                                   voice=False))
        assert file.voice is False and file.media is not None
        assert file.media.mime_type == "audio/mpeg"
        with pytest.raises(KeyError):
            graph.media.audio_message("1")


def test_the_parsed_audio_item_keeps_its_shape() -> None:
    item = delivered({"type": "audio", "audio": {"mime_type": VOICE_MIME_TYPE,
                                                 "sha256": "abc=", "id": "55", "voice": True,
                                                 "url": "https://lookaside.fbsbx.com/x"}})
    assert item.media == Media("55", VOICE_MIME_TYPE, "abc=", None) and item.voice


def test_fake_urls_follow_the_token_and_the_clock() -> None:
    with FakeGraph("one") as graph:
        media_id = graph.add_media(VOICE)
        info = httpx.get(f"{graph.url}/v21.0/{media_id}",
                         headers={"Authorization": "Bearer one"}).json()
        graph.token = "two"
        assert httpx.get(info["url"], headers={"Authorization": "Bearer one"}
                         ).status_code == 401
        assert httpx.get(info["url"], headers={"Authorization": "Bearer two"}
                         ).content == VOICE
        graph.media.advance(300)
        gone = httpx.get(info["url"], headers={"Authorization": "Bearer two"})
        assert gone.status_code == 404
        forged = info["url"].replace(f"mid={media_id}", "mid=1")
        assert httpx.get(forged, headers={"Authorization": "Bearer two"}).status_code == 404


async def test_memory_media_is_a_fetcher_with_the_same_rules() -> None:
    memory = MemoryMedia()
    fetcher: MediaFetcher = memory
    media_id = memory.add(VOICE)
    info, data = await fetch_media(fetcher, media_id)
    assert data == VOICE and info.mime_type == VOICE_MIME_TYPE and memory.downloads == 1
    checks = [(memory.add(VOICE, sha256="0" * 64), 1024, "media_checksum"),
              (memory.add(VOICE, file_size=10**9), 1024, "media_too_large"),
              (memory.add(VOICE), 4, "media_too_large")]
    for wrong, limit, code in checks:
        with pytest.raises(MediaFailed) as caught:
            await fetch_media(fetcher, wrong, max_bytes=limit)
        assert caught.value.code == code
    for bad, code in (("1", "media_not_found"), ("x", "media_not_found")):
        with pytest.raises(MediaFailed) as caught:
            await fetcher.get_media(bad)
        assert caught.value.code == code
    memory.fail_next(MediaFailed("media_expired", "retry", "scripted"))
    assert (await fetch_media(fetcher, media_id))[1] == VOICE  # a fresh URL, once
    assert memory.downloads == 2
    memory.fail_next(MediaFailed("media_unavailable", "retry", "scripted"), where="info")
    with pytest.raises(MediaFailed) as caught:
        await fetcher.get_media(media_id)
    assert caught.value.message == "scripted"
