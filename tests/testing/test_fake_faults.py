"""Fault injection (every kind, before/after processing, counts, determinism) and rate limiting."""

from __future__ import annotations

import json
import time
from email.utils import parsedate_to_datetime

import httpx
import pytest

from flexie.testing import FakeFlexie, FakeFlexieError
from tests.testing._support import error_of

NEW = {"first_name": "Faulty"}


def test_429_with_and_without_retry_after(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.inject(429, times=1)
    bare = client.get("/contacts")
    error_of(bare, 429)
    assert "Retry-After" not in bare.headers
    fake.inject("429", retry_after=2, times=1)
    error_of(seconds := client.get("/contacts"), 429)
    assert seconds.headers["Retry-After"] == "2"
    fake.inject("429", retry_after=30, retry_after_http_date=True, times=1)
    dated = client.get("/contacts")
    error_of(dated, 429)
    wait = parsedate_to_datetime(dated.headers["Retry-After"]).timestamp() - time.time()
    assert 25 < wait <= 31
    assert client.get("/contacts").status_code == 200  # every rule used up
    assert fake.fault_counts == {"429": 3}


@pytest.mark.parametrize("kind", ["429", "503"])
def test_429_and_503_strike_before_processing(fake: FakeFlexie, client: httpx.Client, kind: str) -> None:
    fake.inject(kind, operation_id="createContact", retry_after=1 if kind == "503" else None)
    response = client.post("/contacts/new", json=NEW)
    error_of(response, int(kind))
    assert fake.count("contacts") == 0
    if kind == "503":
        assert response.headers["Retry-After"] == "1"


@pytest.mark.parametrize(("kind", "phase", "created"), [("500", "before", 0), ("500", "after", 1), ("502", "after", 1)])
def test_500_and_502_before_or_after_processing(
    fake: FakeFlexie, client: httpx.Client, kind: str, phase: str, created: int
) -> None:
    fake.inject(kind, operation_id="createContact", phase=phase, times=1)
    error_of(client.post("/contacts/new", json=NEW), int(kind))
    assert fake.count("contacts") == created
    assert client.post("/contacts/new", json=NEW).status_code == 201
    assert fake.requests[-2].fault == kind


def test_latency_is_added_before_processing(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.inject("latency", latency=0.3, method="GET")
    started = time.perf_counter()
    assert client.get("/contacts").status_code == 200
    assert time.perf_counter() - started >= 0.3
    assert client.post("/contacts/new", json=NEW).status_code == 201  # POST not matched
    assert fake.fault_counts == {"latency": 1}


def test_dropped_connection_after_the_write(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.inject("drop", operation_id="createContact", times=1)
    with pytest.raises(httpx.TransportError):
        client.post("/contacts/new", json=NEW)
    assert fake.count("contacts") == 1  # the write happened
    assert client.post("/contacts/new", json=NEW).status_code == 201  # the client reconnects fine
    entry = next(e for e in fake.requests if e.fault == "drop")
    assert (entry.operation_id, entry.status) == ("createContact", 0)
    assert fake.fault_counts == {"drop": 1}


@pytest.mark.parametrize("kind", ["truncate", "malformed"])
def test_broken_bodies_after_the_write(fake: FakeFlexie, client: httpx.Client, kind: str) -> None:
    complete = client.post("/contacts/new", json=NEW).text
    fake.inject(kind, operation_id="createContact", times=1)
    response = client.post("/contacts/new", json=NEW)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)  # valid framing
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    if kind == "truncate":
        assert 0 < len(response.text) < len(complete)
        assert complete.replace('"id":1', '"id":2').startswith(response.text)
    assert fake.count("contacts") == 2
    assert fake.fault_counts == {kind: 1}


def test_bodyless_responses_can_be_broken_too(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=2)
    fake.inject("truncate", method="DELETE")
    response = client.delete("/contacts/1")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert fake.count("contacts") == 1


def test_rules_match_by_operation_and_method_and_count_times(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=3)
    rule = fake.inject("503", operation_id="getContacts", method="GET", times=2)
    assert isinstance(rule, int)
    statuses = [client.get("/contacts/1").status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert client.get("/leads").status_code == 200
    assert fake.faults[0]["fired"] == 2
    assert fake.fault_counts == {"503": 2}
    fake.clear_faults()
    assert fake.fault_counts == {}
    assert fake.faults == []


def pattern(seed: int) -> tuple[list[int], dict[str, int]]:
    with FakeFlexie(seed=seed) as fake, httpx.Client(base_url=fake.base_url, headers=fake.headers) as http:
        fake.inject("500", probability=0.5)
        fake.inject("latency", latency=0.001, probability=0.3)
        statuses = [http.get("/contacts").status_code for _ in range(40)]
        counts = fake.fault_counts
        assert counts["500"] == statuses.count(500)
        assert 0 < counts["latency"] < 40
        return statuses, counts


def test_probabilistic_faults_are_deterministic_from_the_seed() -> None:
    first, again, other = pattern(11), pattern(11), pattern(12)
    assert first == again
    assert first[0] != other[0]
    assert 8 <= first[0].count(500) <= 32


def test_bad_rules_are_refused(fake: FakeFlexie) -> None:
    for kwargs in (
        {"kind": "418"},
        {"kind": "latency"},
        {"kind": "drop", "phase": "before"},
        {"kind": "429", "phase": "after"},
    ):
        with pytest.raises(FakeFlexieError):
            fake.inject(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(FakeFlexieError):
        fake.inject("500", probability=2)


def test_rate_limit_answers_429_with_retry_after(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.set_rate_limit(3)
    assert [client.get("/contacts").status_code for _ in range(3)] == [200, 200, 200]
    limited = client.get("/contacts")
    error_of(limited, 429)
    assert limited.headers["Retry-After"].isdigit()
    assert 1 <= int(limited.headers["Retry-After"]) <= 20
    fake.set_rate_limit(None)
    assert client.get("/contacts").status_code == 200
    assert [entry.status for entry in fake.requests][-2:] == [429, 200]


def test_rate_limit_from_the_constructor_refills() -> None:
    with (
        FakeFlexie(rate_limit_per_minute=120) as fake,
        httpx.Client(base_url=fake.base_url, headers=fake.headers) as http,
    ):
        statuses = [http.get("/contacts").status_code for _ in range(125)]
        assert statuses[:120] == [200] * 120  # the burst
        assert 429 in statuses[120:]
        time.sleep(0.6)  # two requests per second come back
        assert http.get("/contacts").status_code == 200


def test_the_token_endpoint_takes_faults_too(fake: FakeFlexie) -> None:
    fake.inject("503", operation_id="oauth2Token", retry_after=5, times=1)
    form = {
        "grant_type": "authorization_code",
        "code": fake.issue_authorization_code(),  # still unused after the 503: the second request gets tokens
        "client_id": fake.oauth_client_id,
        "client_secret": fake.oauth_client_secret,
    }
    with httpx.Client(base_url=fake.url) as http:
        failed = http.post("/oauth2/token", data=form)
        error_of(failed, 503)
        assert failed.headers["Retry-After"] == "5"
        assert http.post("/oauth2/token", data=form).status_code == 200
    assert fake.token_request_count == 1  # the 503 struck before the grant was processed
