"""Every error class, raised from real answers of the fake server, with useful messages and no secrets."""

from __future__ import annotations

import pytest

import flexie
from flexie.testing import FakeFlexie

NO_RETRY = {"max_retries": 0}


def make(fake: FakeFlexie, **kwargs: object) -> flexie.Flexie:
    options = {"base_url": fake.base_url, "api_key": fake.api_key, **NO_RETRY, **kwargs}
    return flexie.Flexie(**options)  # type: ignore[arg-type]


def test_400_bad_request(client: flexie.Flexie) -> None:
    with pytest.raises(flexie.BadRequestError) as info:
        client.request("GET", "/contacts", params={"limit": 500})
    err = info.value
    assert err.status_code == 400
    assert err.method == "GET"
    assert err.url == "/api/contacts"
    assert "GET /api/contacts answered 400" in str(err)
    assert err.message  # the server's own explanation
    assert err.message in str(err)


def test_401_wrong_key(fake: FakeFlexie) -> None:
    with make(fake, api_key="not-the-key") as client, pytest.raises(flexie.AuthenticationError) as info:
        client.contacts.get(1)
    assert info.value.status_code == 401
    assert "not-the-key" not in str(info.value)
    assert "not-the-key" not in repr(info.value.body)


def test_403_read_only_key(fake: FakeFlexie) -> None:
    fake.add_api_key("read-only-key", read_only=True)
    with make(fake, api_key="read-only-key", validate_fields=False) as client:
        assert client.contacts.get(1).id == 1
        with pytest.raises(flexie.PermissionDeniedError) as info:
            client.contacts.update(1, {"city": "Leeds"})
    assert info.value.status_code == 403
    assert "PUT /api/contacts/1" in str(info.value)


def test_404_not_found(client: flexie.Flexie) -> None:
    with pytest.raises(flexie.NotFoundError) as info:
        client.contacts.get(987654)
    assert info.value.status_code == 404
    assert "987654" in str(info.value)
    with pytest.raises(flexie.NotFoundError):
        client.custom_entity("no_such_table").get(1)


def test_422_validation_error_carries_field_errors() -> None:
    with (
        FakeFlexie(unknown_fields="reject") as strict,
        make(strict, validate_fields=False) as client,
        pytest.raises(flexie.ValidationError) as info,
    ):
        client.contacts.create({"first_name": "Jo", "shoe_size": 44})
    assert info.value.status_code == 422
    assert "shoe_size" in info.value.field_errors


def test_429_rate_limited(fake: FakeFlexie) -> None:
    fake.set_rate_limit(2)
    with make(fake) as client:
        client.users.me()
        client.users.me()
        with pytest.raises(flexie.RateLimitError) as info:
            client.users.me()
    assert info.value.status_code == 429
    assert info.value.retry_after is not None
    assert info.value.retry_after > 0
    assert "retry after" in str(info.value)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_server_error(fake: FakeFlexie, status: int) -> None:
    fake.inject(status, operation_id="getContacts")
    with make(fake) as client, pytest.raises(flexie.ServerError) as info:
        client.contacts.get(1)
    assert info.value.status_code == status


@pytest.mark.parametrize("kind", ["malformed", "truncate"])
def test_unreadable_body_is_a_response_validation_error(fake: FakeFlexie, kind: str) -> None:
    fake.inject(kind, operation_id="getContacts")
    with make(fake) as client, pytest.raises(flexie.ResponseValidationError) as info:
        client.contacts.get(1)
    assert info.value.status_code == 200
    assert info.value.body  # raw body kept as received
    assert "does not match the spec" in str(info.value)


def test_dropped_connection_is_a_connection_error(fake: FakeFlexie) -> None:
    fake.inject("drop", operation_id="getContacts")
    with make(fake) as client, pytest.raises(flexie.APIConnectionError) as info:
        client.contacts.get(1)
    assert not isinstance(info.value, flexie.APITimeoutError)
    assert "GET /api/contacts/1" in str(info.value)


def test_slow_server_is_a_timeout(fake: FakeFlexie) -> None:
    fake.inject("latency", operation_id="getContacts", latency=2.0)
    with make(fake, timeout=0.3) as client, pytest.raises(flexie.APITimeoutError) as info:
        client.contacts.get(1)
    assert "timed out" in str(info.value)


def test_nothing_listening_is_a_connection_error() -> None:
    client = flexie.Flexie(base_url="http://127.0.0.1:9/api", api_key="k", **NO_RETRY)
    with client, pytest.raises(flexie.APIConnectionError):
        client.contacts.get(1)


def test_undocumented_statuses_are_errors_too(fake: FakeFlexie) -> None:
    # The spec lists no 405, 409 or 418; they still raise, never come back as None.
    with make(fake) as client, pytest.raises(flexie.APIStatusError) as info:
        client.request("PATCH", "/contacts/1", json={"city": "x"})
    assert info.value.status_code >= 400


def test_every_error_is_a_flexie_error() -> None:
    for cls in (
        flexie.BadRequestError, flexie.AuthenticationError, flexie.PermissionDeniedError, flexie.NotFoundError,
        flexie.ValidationError, flexie.RateLimitError, flexie.ServerError, flexie.APITimeoutError,
        flexie.ResponseValidationError, flexie.UnknownFieldError, flexie.FieldValueError, flexie.ConfigurationError,
        flexie.InvalidArgumentError, flexie.PaginationError,
    ):  # fmt: skip
        assert issubclass(cls, flexie.FlexieError)
    assert issubclass(flexie.APITimeoutError, flexie.APIConnectionError)
    assert issubclass(flexie.RateLimitError, flexie.APIStatusError)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.contacts.get("abc"), "positive whole number"),
        (lambda c: c.contacts.get(0), "positive whole number"),
        (lambda c: c.contacts.get(True), "positive whole number"),
        (lambda c: c.contacts.list(page_size=500), "page_size"),
        (lambda c: c.contacts.filter(page_size=3), "page_size"),
        (lambda c: c.contacts.list(limit=-1), "limit"),
        (lambda c: c.contacts.filter("email like acme"), "conditions built with flexie.F"),
        (lambda c: c.tasks.list(entity_list=3), "entity_list"),
        (lambda c: c.users.check_permissions(1, "lead:leads:viewown"), "list"),
        (lambda c: c.notes.create("contact/..", 1, {"text": "x"}), "entity_type"),
        (lambda c: c.cases.replies_by_identifier("a/b"), "identifier"),
        (lambda c: c.request("GET", "https://evil.example/x"), "relative"),
        (lambda c: c.custom_entity("../etc"), "table name"),
        (lambda c: c.tasks.create({"due": object()}), "cannot be sent as JSON"),
    ],
)
def test_bad_input_fails_fast_without_a_request(fake: FakeFlexie, call: object, message: str) -> None:
    with make(fake) as client:
        before = fake.request_count()
        with pytest.raises(flexie.InvalidArgumentError, match=message):
            call(client)  # type: ignore[operator]
        assert fake.request_count() == before
