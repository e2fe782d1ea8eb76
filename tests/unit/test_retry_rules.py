"""The retry rules: what is repeated, how long it waits, what is never repeated."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from flexie._config import ClientOptions
from flexie._retries import Attempts as CallContext
from flexie._retries import backoff, parse_retry_after, redact_url

FAST = ClientOptions(max_retries=3, backoff_initial=0.5, backoff_max=4.0, max_retry_after=30.0)


def response(status: int, retry_after: str | None = None) -> httpx.Response:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return httpx.Response(status, headers=headers)


def delay_for_response(attempts: CallContext, answer: httpx.Response) -> float | None:
    return attempts.after_response(answer.status_code, answer.headers)


def delay_for_error(attempts: CallContext, error: Exception) -> float | None:
    return attempts.after_error(error)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3.0), ("0.5", 0.5), ("-2", 0.0), ("soon", None), ("nan", None), ("inf", None), (None, None)],
)
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    headers = httpx.Headers({"Retry-After": value} if value is not None else {})
    assert parse_retry_after(headers) == expected


def test_retry_after_http_date() -> None:
    when = email.utils.formatdate(time.time() + 10, usegmt=True)
    seconds = parse_retry_after(httpx.Headers({"Retry-After": when}))
    assert seconds is not None
    assert 8.0 <= seconds <= 10.5
    past = email.utils.formatdate(time.time() - 100, usegmt=True)
    assert parse_retry_after(httpx.Headers({"Retry-After": past})) == 0.0


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_reads_retry_server_errors_and_429(status: int) -> None:
    assert delay_for_response(CallContext(FAST, idempotent=True), response(status)) is not None


@pytest.mark.parametrize("status", [200, 201, 204, 400, 401, 403, 404, 422])
def test_no_retry_on_answers_that_will_not_change(status: int) -> None:
    assert delay_for_response(CallContext(FAST, idempotent=True), response(status)) is None


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_writes_never_repeat_after_a_server_error(status: int) -> None:
    # the server may have created the record before failing: repeating could duplicate it
    assert delay_for_response(CallContext(FAST, idempotent=False), response(status)) is None


def test_writes_repeat_when_the_server_says_it_did_nothing() -> None:
    write = CallContext(FAST, idempotent=False)
    assert delay_for_response(write, response(429)) is not None
    assert delay_for_response(write, response(429, "2")) == 2.0
    assert delay_for_response(write, response(503, "1")) == 1.0


def test_writes_repeat_everything_when_the_caller_opts_in() -> None:
    opted = CallContext(ClientOptions(max_retries=2, retry_writes=True), idempotent=False)
    assert delay_for_response(opted, response(500)) is not None
    assert delay_for_error(opted, httpx.ReadTimeout("slow")) is not None


def test_retry_after_beyond_the_cap_gives_up() -> None:
    assert delay_for_response(CallContext(FAST, idempotent=True), response(429, "31")) is None
    assert delay_for_response(CallContext(FAST, idempotent=True), response(429, "30")) == 30.0


def test_budget_runs_out() -> None:
    ctx = CallContext(FAST, idempotent=True)
    ctx.retries = FAST.max_retries
    assert delay_for_response(ctx, response(503)) is None
    assert delay_for_error(ctx, httpx.ConnectError("refused")) is None


@pytest.mark.parametrize(
    "error", [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("busy")]
)
def test_errors_before_sending_are_safe_for_everything(error: Exception) -> None:
    assert delay_for_error(CallContext(FAST, idempotent=False), error) is not None


@pytest.mark.parametrize(
    "error",
    [httpx.ReadTimeout("slow"), httpx.WriteTimeout("slow"), httpx.ReadError("reset"), httpx.RemoteProtocolError("eof")],
)
def test_ambiguous_errors_repeat_only_safe_requests(error: Exception) -> None:
    assert delay_for_error(CallContext(FAST, idempotent=True), error) is not None
    assert delay_for_error(CallContext(FAST, idempotent=False), error) is None


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    for attempt, nominal in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (6, 4.0)]:
        delays = [backoff(FAST, attempt) for _ in range(50)]
        assert all(0.75 * nominal <= d <= nominal for d in delays)
        assert len(set(delays)) > 1  # jittered


def test_redact_url_drops_the_key() -> None:
    url = httpx.URL("https://acme.flexie.io/api/contacts?apikey=SECRET&limit=5")
    assert redact_url(url) == "https://acme.flexie.io/api/contacts?limit=5"


def test_a_write_answered_2xx_is_never_repeated_even_with_retry_writes() -> None:
    opted = CallContext(ClientOptions(max_retries=2, retry_writes=True), idempotent=False)
    # the status line of a 201 arrived, then the body was cut short
    assert opted.after_error(httpx.RemoteProtocolError("peer closed"), status=201) is None
    assert opted.after_error(httpx.ReadTimeout("slow"), status=200) is None


def test_a_read_answered_2xx_with_a_cut_body_is_asked_again() -> None:
    read = CallContext(FAST, idempotent=True)
    assert read.after_error(httpx.RemoteProtocolError("peer closed"), status=200) is not None


def test_no_wait_ends_past_the_deadline() -> None:
    attempts = CallContext(ClientOptions(max_retries=5, deadline=1.0), idempotent=True)
    assert attempts.after_response(429, httpx.Headers({"Retry-After": "0.2"})) == 0.2
    assert attempts.after_response(429, httpx.Headers({"Retry-After": "2"})) is None  # would end past it
    assert attempts.timeout().read is not None
    assert attempts.timeout().read <= 1.0


def test_attempt_timeouts_shrink_to_what_is_left_of_the_deadline() -> None:
    attempts = CallContext(ClientOptions(deadline=3.0), idempotent=True)
    timeout = attempts.timeout()
    assert timeout.connect is not None
    assert timeout.connect <= 3.0  # 5 s connect timeout, clamped
    assert CallContext(ClientOptions(deadline=None), idempotent=True).timeout() == ClientOptions().timeout
    assert ClientOptions(max_retries=2).call_deadline() == (5 + 30 + 30) * 3 + 8 * 2  # 'auto'
