"""CloudApi against FakeGraph (a real HTTP server): ids, error kinds, timeouts."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx
import pytest

from posada.adapters.whatsapp import CloudApi, CloudApiConfig, Recipient, SendFailed, reply_payload
from posada.adapters.whatsapp.client import classify, retry_after
from posada.adapters.whatsapp.fake import FakeGraph
from posada.conversation.model import Text
from tests.adapters.whatsapp.conftest import TOKEN

HELLO = reply_payload(Text("hola"), Recipient("5492944123456"))


async def failed(api: CloudApi) -> SendFailed:
    with pytest.raises(SendFailed) as caught:
        await api.send(HELLO)
    return caught.value


async def test_send_returns_metas_message_id(graph: FakeGraph, api: CloudApi) -> None:
    wamid = await api.send(HELLO)
    assert wamid.startswith("wamid.")
    [recorded] = graph.messages
    assert recorded.payload == HELLO and recorded.wamid == wamid
    assert await api.send(HELLO) != wamid


async def test_mark_read_posts_a_read_receipt(graph: FakeGraph, api: CloudApi) -> None:
    await api.mark_read("wamid.HBgNaW4tdGV4dC0wMDAx")
    assert [r.payload for r in graph.reads] == [{"messaging_product": "whatsapp",
                                                 "status": "read",
                                                 "message_id": "wamid.HBgNaW4tdGV4dC0wMDAx"}]
    assert graph.messages == []


async def test_500_then_success(graph: FakeGraph, api: CloudApi) -> None:
    graph.fail_next(1, 500)
    error = await failed(api)
    assert (error.kind, error.http_status) == ("retry", 500)
    assert (await api.send(HELLO)).startswith("wamid.")
    assert len(graph.messages) == 1 and graph.requests == 2


@pytest.mark.parametrize(("status", "code", "kind"), [
    (400, 130429, "retry"), (400, 131056, "retry"), (500, 131000, "retry"),
    (503, 131016, "retry"), (400, 4, "retry"), (400, 80007, "retry"),
    (400, 131047, "template"), (401, 190, "owner"), (400, 190, "owner"),
    (400, 131026, "final"), (400, 131048, "final"), (400, 131049, "final"),
    (400, 131062, "final"), (400, 100, "final"), (403, 10, "final"), (404, None, "final"),
    (429, None, "retry"), (502, None, "retry"), (400, 131009, "final"),
])
async def test_error_codes_map_to_kinds(graph: FakeGraph, api: CloudApi, status: int,
                                        code: int | None, kind: str) -> None:
    graph.fail_next(1, status, code, f"(#{code}) scripted")
    error = await failed(api)
    assert (error.kind, error.http_status, error.code) == (kind, status, code)
    assert error.message == f"(#{code}) scripted" and error.details == error.message
    assert error.title == "OAuthException" and error.fbtrace_id == "AFakeTraceId0000"


async def test_bad_token_is_the_owners_problem(graph: FakeGraph) -> None:
    client = CloudApi(graph.url, "v21.0", "419561257915477", "expired")
    try:
        error = await failed(client)
    finally:
        await client.aclose()
    assert (error.kind, error.http_status, error.code) == ("owner", 401, 190)
    assert graph.messages == []


async def test_token_is_never_logged_nor_in_the_error(graph: FakeGraph, api: CloudApi,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    graph.fail_next(1, 400, 131047)
    error = await failed(api)
    assert TOKEN not in str(error) and TOKEN not in repr(vars(error)) and TOKEN not in repr(api)
    assert TOKEN not in caplog.text and "131047" in caplog.text


async def test_a_read_timeout_is_uncertain_not_retry(graph: FakeGraph) -> None:
    graph.delay(1.0)  # the fake takes the message, then answers too late
    # only the read times out: a connect slowed by a busy CI box is another error ("retry")
    client = CloudApi(graph.url, "v21.0", "1", TOKEN, timeout=httpx.Timeout(5.0, read=0.2))
    try:
        error = await failed(client)
    finally:
        await client.aclose()
    assert (error.kind, error.http_status, error.title) == ("uncertain", None, "no answer")


async def test_connection_refused_is_retry() -> None:
    with FakeGraph(TOKEN) as fake:
        url = fake.url
    client = CloudApi(url, "v21.0", "1", TOKEN, timeout=1)
    try:
        error = await failed(client)
    finally:
        await client.aclose()
    assert (error.kind, error.http_status, error.title) == ("retry", None, "not sent")


async def test_html_502_is_retry(graph: FakeGraph, api: CloudApi) -> None:
    graph.fail_next(1, 502, body="<html><body><h1>502 Bad Gateway</h1></body></html>")
    error = await failed(api)
    assert (error.kind, error.http_status, error.code, error.message) == (
        "retry", 502, None, "Bad Gateway")


async def test_empty_error_body(graph: FakeGraph, api: CloudApi) -> None:
    graph.fail_next(1, 400, body="")
    error = await failed(api)
    assert (error.kind, error.code) == ("final", None)


async def test_retry_after_is_honoured(graph: FakeGraph, api: CloudApi) -> None:
    graph.fail_next(1, 429, 130429, "(#130429) Rate limit hit", retry_after="7")
    error = await failed(api)
    assert (error.kind, error.retry_after) == ("retry", 7.0)
    graph.fail_next(1, 503)
    assert (await failed(api)).retry_after is None


def test_retry_after_forms() -> None:
    now = datetime(2026, 1, 6, 13, 50, tzinfo=UTC)
    assert retry_after("120", now) == 120.0
    assert retry_after("Tue, 06 Jan 2026 13:50:30 GMT", now) == 30.0
    assert retry_after("Tue, 06 Jan 2026 13:49:00 GMT", now) == 0.0
    assert retry_after("-5", now) == 0.0
    assert retry_after(None) is None and retry_after("soon") is None
    assert retry_after("1e12", now) == retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == 86400
    assert retry_after("inf", now) is None and retry_after("nan", now) is None


async def test_success_without_message_id_is_final() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"messaging_product": "whatsapp", "messages": []})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as shared:
        client = CloudApi("https://graph.example", "v21.0", "1", TOKEN, client=shared)
        error = await failed(client)
        await client.aclose()
        assert not shared.is_closed  # a shared client stays open
    assert (error.kind, error.http_status) == ("final", 200)


async def test_url_and_authorization_header() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"messages": [{"id": "wamid.OK"}]})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as shared:
        config = CloudApiConfig(base_url="https://graph.example/", phone_number_id="42",
                                access_token=TOKEN)  # type: ignore[arg-type]
        assert TOKEN not in repr(config)
        client = CloudApi(config.base_url, config.version, config.phone_number_id,
                          config.access_token.get_secret_value(), client=shared)
        assert await client.send(HELLO) == "wamid.OK"
    assert str(seen[0].url) == "https://graph.example/v21.0/42/messages"
    assert seen[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_from_config() -> None:
    config = CloudApiConfig(phone_number_id="42", access_token=TOKEN)  # type: ignore[arg-type]
    assert repr(CloudApi.from_config(config)) == (
        "CloudApi('https://graph.facebook.com/v21.0/42/messages')")


@pytest.mark.parametrize(("status", "code", "kind"), [
    (None, None, "retry"), (500, None, "retry"), (401, None, "owner"), (400, None, "final"),
    (500, 131047, "template"), (500, 131026, "final"), (200, 190, "owner"),
])
def test_classify(status: int | None, code: int | None, kind: str) -> None:
    assert classify(status, code) == kind
