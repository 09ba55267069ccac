"""FakeGraph speaks the Cloud API over real HTTP, from sync and async code."""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import sys
import threading
import time

import httpx
import pytest

from posada.adapters.whatsapp import Recipient, reply_payload, template_payload
from posada.adapters.whatsapp.fake import FakeGraph
from posada.conversation.model import Choice, Option, Text

AUTH = {"Authorization": "Bearer tok"}
HELLO = reply_payload(Text("hola"), Recipient("5492944123456"))


def post(graph: FakeGraph, payload: object, headers: dict[str, str] = AUTH) -> httpx.Response:
    return httpx.post(f"{graph.url}/v21.0/419561257915477/messages", json=payload,
                      headers=headers)


def test_sync_context_manager_answers_like_meta() -> None:
    with FakeGraph("tok") as graph:
        assert graph.url.startswith("http://127.0.0.1:")
        before = time.monotonic()
        answer = post(graph, HELLO)
        assert answer.status_code == 200
        body = answer.json()
        assert body["messaging_product"] == "whatsapp"
        assert body["contacts"] == [{"input": "5492944123456", "wa_id": "5492944123456"}]
        [recorded] = graph.messages
        assert body["messages"] == [{"id": recorded.wamid}]
        assert before <= recorded.received_at <= time.monotonic()
        url = graph.url
    with pytest.raises(httpx.TransportError):
        httpx.post(f"{url}/v21.0/1/messages", json=HELLO, headers=AUTH, timeout=1)


def test_bsuid_recipient_and_template_answers() -> None:
    with FakeGraph("tok") as graph:
        body = post(graph, reply_payload(Text("hola"), Recipient(None, "AR.1"))).json()
        assert body["contacts"] == [{"input": "AR.1", "user_id": "AR.1"}]
        body = post(graph, template_payload(Recipient("549"), "hola")).json()
        assert body["messages"][0]["message_status"] == "accepted"


def test_bad_token_is_401_with_code_190() -> None:
    with FakeGraph("tok") as graph:
        for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "tok"}):
            answer = post(graph, HELLO, headers)
            assert answer.status_code == 401
            assert answer.json()["error"]["code"] == 190
        assert graph.messages == []


def test_malformed_and_over_limit_payloads_are_refused() -> None:
    with FakeGraph("tok") as graph:
        assert post(graph, {"messaging_product": "whatsapp", "type": "text"}).json()[
            "error"]["code"] == 100
        assert post(graph, [1, 2]).status_code == 400
        too_long = {**HELLO, "text": {"body": "x" * 4097}}
        assert post(graph, too_long).json()["error"]["code"] == 131009
        buttons = reply_payload(Choice("x", (Option("a", "A"),)), Recipient("1"))
        buttons["interactive"]["action"]["buttons"][0]["reply"]["title"] = "t" * 21
        assert post(graph, buttons).json()["error"]["code"] == 131009
        rows = reply_payload(Choice("x", tuple(Option(str(i), "A") for i in range(10))),
                             Recipient("1"))
        assert post(graph, rows).status_code == 200
        rows["interactive"]["action"]["sections"][0]["rows"].append({"id": "z", "title": "z"})
        assert post(graph, rows).json()["error"]["code"] == 131009
        assert len(graph.messages) == 1


def test_fail_next_counts_down_and_carries_headers() -> None:
    with FakeGraph("tok") as graph:
        graph.fail_next(2, 400, 131047, "(#131047) Re-engagement message", retry_after="3")
        first, second, third = (post(graph, HELLO) for _ in range(3))
        assert first.status_code == second.status_code == 400
        assert first.json()["error"]["code"] == 131047
        assert first.json()["error"]["error_data"]["details"] == "(#131047) Re-engagement message"
        assert first.headers["retry-after"] == "3"
        assert third.status_code == 200 and len(graph.messages) == 1
        graph.fail_next(1, 502, body="<html>Bad Gateway</html>")
        html = post(graph, HELLO)
        assert html.status_code == 502 and html.text == "<html>Bad Gateway</html>"
        assert html.headers["content-type"].startswith("text/html")


def test_media_info_and_download_need_the_token() -> None:
    audio = b"OggS\x00fake-voice-note"
    with FakeGraph("tok") as graph:
        media_id = graph.add_media(audio, "audio/ogg")
        assert media_id.isdigit()
        info = httpx.get(f"{graph.url}/v21.0/{media_id}", headers=AUTH)
        assert info.status_code == 200
        body = info.json()
        url = body.pop("url")
        assert body == {
            "messaging_product": "whatsapp", "id": media_id, "mime_type": "audio/ogg",
            "sha256": hashlib.sha256(audio).hexdigest(), "file_size": len(audio)}
        assert url.startswith(f"{graph.url}/whatsapp_business/attachments/?mid={media_id}&ext=")
        data = httpx.get(url, headers=AUTH)
        assert data.content == audio and data.headers["content-type"] == "audio/ogg"
        assert data.headers["content-length"] == str(len(audio))
        assert httpx.get(url).status_code == 401
        assert httpx.get(f"{graph.url}/v21.0/{media_id}").status_code == 401
        missing = httpx.get(f"{graph.url}/v21.0/404404", headers=AUTH)
        assert missing.status_code == 400 and missing.json()["error"]["code"] == 100
        assert [(r.where, r.status) for r in graph.media.requests] == [
            ("info", 200), ("download", 200), ("download", 401), ("info", 401), ("info", 400)]


def test_wait_for_is_thread_safe_and_times_out() -> None:
    with FakeGraph("tok") as graph:
        senders = [threading.Thread(target=post, args=(graph, HELLO)) for _ in range(8)]
        for sender in senders:
            sender.start()
        assert len(graph.wait_for(8, timeout=5)) == 8
        for sender in senders:
            sender.join()
        assert len({m.wamid for m in graph.messages}) == 8
        with pytest.raises(TimeoutError):
            graph.wait_for(9, timeout=0.1)


async def test_async_context_manager_and_delay() -> None:
    async with FakeGraph("tok") as graph:
        graph.delay(0.3)
        async with httpx.AsyncClient() as client:
            started = time.monotonic()
            answer = await client.post(f"{graph.url}/v21.0/1/messages", json=HELLO,
                                       headers=AUTH)
            assert answer.status_code == 200 and time.monotonic() - started >= 0.3
            graph.delay(0)
            waiting = asyncio.create_task(asyncio.to_thread(graph.wait_for, 2, 2))
            await client.post(f"{graph.url}/v21.0/1/messages", json=HELLO, headers=AUTH)
            assert len(await waiting) == 2


def test_module_entry_serves_until_stopped() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "posada.adapters.whatsapp.fake", "--port", "0", "--token", "T"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("FakeGraph listening on http://127.0.0.1:")
        url = line.rsplit(" ", 1)[1].strip()
        answer = httpx.post(f"{url}/v21.0/1/messages", json=HELLO,
                            headers={"Authorization": "Bearer T"})
        assert answer.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
