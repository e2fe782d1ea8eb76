"""When a request is sent again, and how long to wait first: the retry rules, as pure decisions.

The request loop (:mod:`flexie._base_client`) asks :class:`Attempts` after every outcome. The rules:

- A read (GET, DELETE) is repeated after 429, 5xx, a dropped connection or an unreadable body.
- A write (POST, PUT) is repeated only when the server provably did not process it: 429, 503
  with ``Retry-After``, or a connection that never opened. ``retry_writes=True`` also repeats it
  after other retryable failures, at the risk of a duplicate.
- Once a 2xx status has arrived for a write, that write is never sent again, whatever follows
  (a body cut short included) and whatever ``retry_writes`` says.
- ``Retry-After`` is honoured up to ``max_retry_after``; otherwise exponential backoff with jitter.
- No wait may end past the call's deadline.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import httpx

from ._config import ClientOptions
from ._rate_headers import parse_retry_after as parse_retry_after_value

__all__ = ["Attempts", "backoff", "parse_retry_after", "redact_url"]

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
# Errors raised before a single byte of the request left: repeating them cannot duplicate anything.
NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Errors after which the request may or may not have been processed.
AMBIGUOUS_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})


def redact_url(url: httpx.URL | str) -> str:
    """The URL without credentials: the ``apikey`` query parameter is removed."""
    url = httpx.URL(url)
    if "apikey" in url.params:
        url = url.copy_remove_param("apikey")
    return str(url)


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from a response's ``Retry-After`` header (see :func:`flexie._rate_headers.parse_retry_after`)."""
    return parse_retry_after_value(headers.get("retry-after"))


def backoff(options: ClientOptions, retry_number: int) -> float:
    """Exponential backoff (initial, doubling, capped) with up to 25% jitter taken off."""
    delay = min(options.backoff_max, options.backoff_initial * (2**retry_number))
    return float(delay * (1 - 0.25 * random.random()))


@dataclass
class Attempts:
    """The retry budget and deadline of one call, and what happened so far."""

    options: ClientOptions
    idempotent: bool
    retries: int = 0
    started: float = field(default_factory=lambda: time.monotonic())
    # set once a 2xx status arrived for this call: a write is never sent again after that
    answered: bool = False

    @property
    def deadline(self) -> float | None:
        """``time.monotonic()`` value by which the call must be over (None: no overall bound)."""
        seconds = self.options.call_deadline()
        return None if seconds is None else self.started + seconds

    def remaining(self) -> float | None:
        deadline = self.deadline
        return None if deadline is None else deadline - time.monotonic()

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    def timeout(self) -> httpx.Timeout:
        """This attempt's httpx timeouts: the client's, none longer than what is left of the deadline."""
        t = self.options.timeout
        left = self.remaining()
        if left is None:
            return t
        left = max(left, 0.001)

        def clamp(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(connect=clamp(t.connect), read=clamp(t.read), write=clamp(t.write), pool=clamp(t.pool))

    def _schedule(self, delay: float | None) -> float | None:
        """``delay`` if one more attempt is allowed and its wait ends before the deadline."""
        if delay is None or self.retries >= self.options.max_retries:
            return None
        left = self.remaining()
        if left is not None and delay >= left:
            return None
        self.retries += 1
        return delay

    def after_response(self, status: int, headers: httpx.Headers) -> float | None:
        """Seconds to wait before sending again after this answer, or None to keep it."""
        if 200 <= status < 300:
            self.answered = True
            return None
        if status not in RETRYABLE_STATUSES:
            return None
        retry_after = parse_retry_after(headers)
        # 429, and 503 with Retry-After, promise the request was not processed: safe even for writes.
        not_processed = status == 429 or (status == 503 and retry_after is not None)
        if not (not_processed or self._may_repeat()):
            return None
        if retry_after is not None:
            return self._schedule(retry_after if retry_after <= self.options.max_retry_after else None)
        return self._schedule(backoff(self.options, self.retries))

    def after_error(self, error: Exception, status: int | None = None) -> float | None:
        """Seconds to wait before sending again after ``error``, or None to give up.

        ``status`` is the status that had arrived when the error happened while reading the body.
        """
        if status is not None and 200 <= status < 300:
            self.answered = True
        if isinstance(error, NOT_SENT_ERRORS) and status is None:
            return self._schedule(backoff(self.options, self.retries))
        if isinstance(error, AMBIGUOUS_ERRORS) and self._may_repeat():
            return self._schedule(backoff(self.options, self.retries))
        return None

    def after_unreadable_body(self) -> float | None:
        """A safe request whose answer could not be read (malformed) is asked again."""
        return self._schedule(backoff(self.options, self.retries)) if self.idempotent else None

    def _may_repeat(self) -> bool:
        if self.idempotent:
            return True
        return self.options.retry_writes and not self.answered
