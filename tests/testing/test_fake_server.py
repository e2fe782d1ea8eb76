"""The server itself: thread and process modes, ports, the request log, reset, routing errors, the
command line, and what `import flexie` does not pull in."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flexie.testing import FakeFlexie, FakeFlexieError, RecordedRequest
from flexie.testing.runner import bind
from tests.testing._support import error_of

ROOT = Path(__file__).resolve().parents[2]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def refuses_connections(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_thread_mode_urls_and_stop_frees_the_port() -> None:
    fake = FakeFlexie(api_key="k-123")
    with pytest.raises(RuntimeError):
        _ = fake.base_url
    fake.start()
    assert fake.start() is fake  # idempotent
    port = fake.port
    assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/api", fake.base_url)
    assert fake.url == f"http://127.0.0.1:{port}"
    assert fake.api_key == "k-123"
    assert "k-123" not in repr(fake)
    with httpx.Client(base_url=fake.base_url, headers=fake.headers) as http:
        assert http.get("/contacts").status_code == 200
    assert not port_is_free(port)
    fake.stop()
    fake.stop()  # twice is fine
    assert not fake.running
    assert refuses_connections(port)
    assert port_is_free(port)
    with FakeFlexie(port=port) as again:  # the same port can be served again at once
        assert again.port == port


@pytest.mark.slow
def test_process_mode_behaves_the_same() -> None:
    with FakeFlexie(process=True, seed=5, tables={"projects": [{"alias": "code", "type": "text"}]}) as fake:
        assert fake.process
        port = fake.port
        created = fake.seed(contacts=30, custom={"projects": 4})
        assert created == {"contacts": 30, "projects": 4}
        with httpx.Client(base_url=fake.base_url, headers=fake.headers) as http:
            assert http.get("/contacts").json()["total"] == 30
            assert http.get("/ce/projects").json()["total"] == 4
            fake.inject("503", operation_id="getContacts", times=1)
            error_of(http.get("/contacts/1"), 503)
            assert http.get("/contacts/1").status_code == 200
        assert fake.fault_counts == {"503": 1}
        assert fake.request_count(operation_id="getContacts") == 2
        assert fake.get_record("contacts", 1) is not None
        fake.reset()
        assert fake.count("contacts") == 0
    assert refuses_connections(port)
    assert port_is_free(port)


def test_the_request_log(fake: FakeFlexie, client: httpx.Client) -> None:
    assert fake.request_count() == 0  # "no HTTP request was sent"
    fake.seed(contacts=2)  # admin calls are not logged
    client.get("/contacts/1", params={"apikey": fake.api_key})
    client.get("/contacts/list/fields")
    client.get("/contacts/list/fields")
    client.post("/contacts/new", json={"points": "many"})
    client.post("/contacts/new", json={"bogus": 1})
    client.get("/nowhere")
    assert fake.requests == [
        RecordedRequest("GET", "/api/contacts/1", "getContacts", 200),
        RecordedRequest("GET", "/api/contacts/list/fields", "listContactFields", 200),
        RecordedRequest("GET", "/api/contacts/list/fields", "listContactFields", 200),
        RecordedRequest("POST", "/api/contacts/new", "createContact", 422),
        RecordedRequest("POST", "/api/contacts/new", "createContact", 201, ignored_fields=("bogus",)),
        RecordedRequest("GET", "/api/nowhere", None, 404),
    ]
    assert fake.request_count(operation_id="listContactFields") == 2  # e.g. "fields fetched once"
    assert fake.request_count(method="POST") == 2
    assert fake.request_count(operation_id="getContacts", method="post") == 0
    fake.clear_requests()
    assert fake.requests == []
    assert fake.request_count() == 0


def test_routing_errors(client: httpx.Client) -> None:
    error_of(client.get("/no/such/endpoint"), 404)
    not_allowed = client.patch("/contacts/1")
    error_of(not_allowed, 405)
    assert set(not_allowed.headers["Allow"].split(", ")) == {"GET", "PUT", "DELETE"}
    error_of(client.get("/contacts/abc"), 400)
    error_of(client.get("/contacts/edit"), 405)
    error_of(client.delete("/contact/lists/x/add/1"), 405)


def test_reset_restores_the_initial_state(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(records=3)
    fake.add_api_key("extra")
    fake.add_table("temporary")
    fake.set_rate_limit(100)
    fake.inject("500", operation_id="getRole")
    client.get("/roles/1")
    fake.reset()
    assert fake.count("contacts") == 0
    assert fake.count("users") == 1  # the key's own user (admin) stays
    assert fake.requests == []
    assert fake.fault_counts == {}
    assert client.get("/roles/1").status_code == 200
    error_of(client.get("/contacts", headers={"apikey": "extra"}), 401)
    error_of(client.get("/ce/temporary"), 404)
    assert client.get("/ce/projects").status_code == 200  # constructor tables stay


def test_admin_errors_raise(fake: FakeFlexie) -> None:
    with pytest.raises(FakeFlexieError):
        fake.add_field("contacts", {"alias": "bad alias!", "type": "text"})
    with pytest.raises(FakeFlexieError):
        fake.count("spaceships")
    with pytest.raises(FakeFlexieError):
        fake.create_record("contacts", {"points": "many"})
    assert fake.get_record("contacts", 12345) is None


@pytest.mark.parametrize("process", [False, True])
def test_bad_configuration_fails_at_start(process: bool) -> None:
    with pytest.raises(ValueError, match="has no fields"):
        FakeFlexie(process=process, custom_fields={"tasks": [{"alias": "x"}]}).start()
    with pytest.raises(ValueError, match="invalid field alias"):
        FakeFlexie(process=process, tables={"projects": [{"alias": "1bad"}]}).start()


def test_constructor_seeding_and_custom_tables() -> None:
    with FakeFlexie(records=4, seed=9, tables={"projects": []}) as fake:
        assert fake.count("contacts") == 4
        assert fake.count("projects") == 4
        first = fake.get_record("contacts", 1)
        fake.reset()
        assert fake.get_record("contacts", 1) == first  # reset re-seeds the same data


def test_a_bound_socket_accepts_connections_before_the_server_runs() -> None:
    # The command line prints its URL before uvicorn starts; a client that connects at
    # once must be queued by the kernel, not refused.
    sock = bind("127.0.0.1", 0)
    try:
        with socket.create_connection(sock.getsockname(), timeout=2):
            pass
    finally:
        sock.close()


@pytest.mark.slow
def test_the_command_line_serves_a_seeded_fake() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "flexie.testing", "--port", "0", "--records", "5", "--seed", "2"]
    command += ["--api-key", "cli-key", "--seed-examples", "--unknown-fields", "reject"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            lines = [proc.stdout.readline() for _ in range(3)]
            base_url = lines[1].split()[-1]
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+/api", base_url)
            assert lines[2].split()[-1] == "cli-key"
            response = httpx.get(f"{base_url}/contacts", headers={"apikey": "cli-key"})
            assert response.json()["total"] == 51  # 5, topped up to 50, and the `edit` example's contact
            refused = httpx.post(f"{base_url}/contacts/new", headers={"apikey": "cli-key"}, json={"bogus": 1})
            assert refused.status_code == 422
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_importing_flexie_does_not_import_the_fake() -> None:
    prefixes = "('flexie.testing', 'starlette', 'uvicorn')"
    code = f"import sys, flexie; print(json.dumps(sorted(m for m in sys.modules if m.startswith({prefixes}))))"
    result = subprocess.run(
        [sys.executable, "-c", f"import json; {code}"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert json.loads(result.stdout) == []
