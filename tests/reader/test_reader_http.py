"""End to end over loopback: answers a real server of Flexie's lineage may give, through the public client.

A tiny HTTP server on 127.0.0.1 serves exactly the bodies a test chooses. Each test states what the
client must deliver: the data, read exactly, or a typed error carrying the server's words.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import flexie

FIELDS = [
    {"id": 1, "alias": "email", "label": "Email", "type": "email"},
    {"id": 2, "alias": "first_name", "label": "First name", "type": "text"},
    {"id": 3, "alias": "score", "label": "Score", "type": "number"},
]
LENIENT_FIELDS = [
    {"id": "1", "alias": "email", "label": "Email", "type": "email"},
    {"id": "2", "alias": "first_name", "label": "First name"},  # no type: a text field
    {"id": "3", "alias": "score", "label": "Score", "type": "number", "isRequired": "0", "order": "3"},
]
Answer = tuple[int, Any, dict[str, str]]  # status, body (JSON-able, or str sent as text), headers


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers: dict[tuple[str, str], Answer] = {}
        self.seen: list[tuple[str, str]] = []

    def answer(self, method: str, path: str, body: Any, status: int = 200, **headers: str) -> None:
        self.answers[(method, path)] = (status, body, headers)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        path = self.path.split("?", 1)[0].removeprefix("/api")
        self.server.seen.append((self.command, path))
        status, body, headers = self.server.answers.get((self.command, path), (404, {"error": "no route"}, {}))
        raw = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        kind = "text/html" if isinstance(body, str) and body.lstrip().startswith("<") else "application/json"
        self.send_header("Content-Type", headers.pop("Content-Type", kind) if headers else kind)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def server_module() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(server_module: Server) -> Server:
    server_module.answers.clear()
    server_module.seen.clear()
    server_module.answer("GET", "/contacts/list/fields", FIELDS)
    return server_module


@pytest.fixture
def client(server: Server) -> Iterator[flexie.Flexie]:
    with flexie.Flexie(base_url=server.base_url, api_key="test-key", max_retries=0) as c:
        yield c


# -- data delivered exactly ---------------------------------------------------------------------------


def test_a_record_with_its_id_as_a_string(server: Server, client: flexie.Flexie) -> None:
    server.answer("GET", "/contacts/7", {"contact": {"id": "7", "email": "a@b.co", "score": "12.5"}})
    contact = client.contacts.get("7")
    assert contact.id == 7
    assert contact["email"] == "a@b.co"
    assert contact["score"] == 12.5
    assert ("GET", "/contacts/7") in server.seen


def test_a_page_with_total_as_a_string_and_records_keyed_by_id(server: Server, client: flexie.Flexie) -> None:
    server.answer(
        "GET",
        "/contacts",
        {"total": "2", "contacts": {"9": {"id": "9", "email": "c@d.co"}, "7": {"id": 7, "email": "a@b.co"}}},
    )
    contacts = client.contacts.list(page_size=10).to_list()
    assert [c.id for c in contacts] == [9, 7]
    assert [c["email"] for c in contacts] == ["c@d.co", "a@b.co"]


def test_a_field_without_a_type_reads_as_text(server: Server, client: flexie.Flexie) -> None:
    server.answer("GET", "/contacts/list/fields", LENIENT_FIELDS)
    fields = {f.alias: f for f in client.contacts.fields()}
    assert fields["first_name"].type == "text"
    assert fields["score"].order == 3
    assert fields["score"].required is False
    server.answer("GET", "/contacts/7", {"contact": {"id": 7, "first_name": "Ada"}})
    assert client.contacts.get(7)["first_name"] == "Ada"


def test_extra_keys_are_kept_in_raw(server: Server, client: flexie.Flexie) -> None:
    server.answer("GET", "/contacts/7", {"contact": {"id": 7, "unheard_of": {"x": [1, "2"]}}, "meta": {"v": 2}})
    assert client.contacts.get(7).raw == {"id": 7, "unheard_of": {"x": [1, "2"]}}


def test_flags_as_php_spells_them(server: Server, client: flexie.Flexie) -> None:
    server.answer("POST", "/contact/lists/3/add/7", {"success": "1"})
    server.answer("POST", "/contact/lists/3/remove/7", {"success": "0"})
    assert client.contacts.add_to_list(3, 7) is True
    assert client.contacts.remove_from_list(3, 7) is False
    server.answer(
        "POST", "/users/2/permission", {"permissions": {"lead:leads:viewown": "1", "lead:leads:editown": "0"}}
    )
    granted = client.users.check_permissions(2, ["lead:leads:viewown", "lead:leads:editown"])
    assert granted == {"lead:leads:viewown": True, "lead:leads:editown": False}


def test_numbers_as_strings_in_a_typed_answer(server: Server, client: flexie.Flexie) -> None:
    server.answer("POST", "/emails/5/send", {"success": "0", "sentCount": "0", "failedRecipients": "3"})
    result = client.emails.send(5)
    assert (result.success, result.sent_count, result.failed_recipients) == (False, 0, 3)


def test_async_reads_the_same_answers(server: Server) -> None:
    server.answer("GET", "/contacts/list/fields", LENIENT_FIELDS)
    server.answer("GET", "/contacts/7", {"contact": {"id": "7", "email": "a@b.co"}})
    server.answer("GET", "/contacts", {"total": "1", "contacts": {"7": {"id": "7", "email": "a@b.co"}}})

    async def scenario() -> tuple[int, list[int], list[str]]:
        async with flexie.AsyncFlexie(base_url=server.base_url, api_key="test-key", max_retries=0) as c:
            contact = await c.contacts.get("7")
            page = await c.contacts.list(page_size=10).to_list()
            fields = [f.type for f in await c.contacts.fields()]
            return contact.id, [p.id for p in page], fields

    assert asyncio.run(scenario()) == (7, [7], ["email", "text", "number"])


# -- refused, with the place and the raw body -----------------------------------------------------------


def test_an_id_that_would_be_a_guess_is_refused(server: Server, client: flexie.Flexie) -> None:
    server.answer("GET", "/contacts/7", {"contact": {"id": "7.5", "email": "a@b.co"}})
    with pytest.raises(flexie.ResponseValidationError, match=r"\$\.contact\.id: '7\.5' is not a whole number") as info:
        client.contacts.get(7)
    assert json.loads(info.value.body) == {"contact": {"id": "7.5", "email": "a@b.co"}}


def test_a_record_under_another_records_key_is_refused(server: Server, client: flexie.Flexie) -> None:
    server.answer("GET", "/contacts", {"total": 2, "contacts": {"7": {"id": 7}, "9": {"id": 8}}})
    with pytest.raises(flexie.ResponseValidationError, match="under key '9' has id 8"):
        client.contacts.list(page_size=10).to_list()


def test_a_total_that_is_not_a_number_is_refused(server: Server, client: flexie.Flexie) -> None:
    server.answer("GET", "/contacts", {"total": "many", "contacts": []})
    with pytest.raises(flexie.ResponseValidationError, match=r"\$\.total: 'many' is not a whole number"):
        client.contacts.list(page_size=10).to_list()


@pytest.mark.parametrize("bad", ["7a", 7.0, True, 0, -1])
def test_an_id_a_caller_gives_is_checked_before_sending(server: Server, client: flexie.Flexie, bad: Any) -> None:
    with pytest.raises(flexie.InvalidArgumentError, match="whole number"):
        client.contacts.get(bad)
    assert ("GET", f"/contacts/{bad}") not in server.seen


# -- errors carry the server's words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "error", "words"),
    [
        (400, {"errors": [{"message": "email: This value is not valid.", "code": 400}]}, flexie.BadRequestError,
         "email: This value is not valid."),
        (401, {"error": "invalid_token", "error_description": "The access token provided has expired."},
         flexie.AuthenticationError, "invalid_token: The access token provided has expired."),
        (404, {"error": {"message": "Item was not found.", "code": 404}}, flexie.NotFoundError, "Item was not found."),
        (403, {"message": "You do not have access"}, flexie.PermissionDeniedError, "You do not have access"),
        (502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
         flexie.ServerError, "502 Bad Gateway"),
        (503, "Service temporarily unavailable\n", flexie.ServerError, "Service temporarily unavailable"),
    ],
)  # fmt: skip
def test_an_error_carries_the_servers_words(
    server: Server, client: flexie.Flexie, status: int, body: Any, error: type[flexie.APIStatusError], words: str
) -> None:
    server.answer("GET", "/contacts/7", body, status=status)
    with pytest.raises(error) as info:
        client.contacts.get(7)
    assert info.value.message == words
    assert f"GET /api/contacts/7 answered {status}: {words}" in str(info.value)
    assert "test-key" not in str(info.value)
