"""What a server says about its rate limit: ``X-RateLimit-*`` and ``Retry-After``, parsed.

Flexie publishes no header names for its limits; servers of this kind send ``X-RateLimit-Limit``,
``X-RateLimit-Remaining`` and ``X-RateLimit-Reset`` (the IETF draft's ``RateLimit-*`` names are
read too), and ``Retry-After`` on 429 and 503.
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

__all__ = ["RateBudget", "parse_rate_headers", "parse_retry_after"]

# A reset this large is a point in time (Unix seconds, or milliseconds), not a number of seconds.
_EPOCH_SECONDS = 1e9
_EPOCH_MILLISECONDS = 1e12


@dataclass(frozen=True)
class RateBudget:
    """The workspace's rate-limit budget as the server last stated it.

    Every field is None when the server did not send it.

    Attributes:
        limit: requests allowed per window (``X-RateLimit-Limit``).
        remaining: requests left before the server answers 429 (``X-RateLimit-Remaining``).
        reset_at: when the budget is back to ``limit``, as Unix time in seconds
            (``X-RateLimit-Reset``, sent as seconds from now or as a Unix timestamp).
        retry_after: seconds the server asked to wait (``Retry-After``, seconds or an HTTP date).
    """

    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None
    retry_after: float | None = None

    @property
    def reset_in(self) -> float | None:
        """Seconds from now until ``reset_at`` (0 once it has passed), or None if unknown."""
        return None if self.reset_at is None else max(0.0, self.reset_at - time.time())


def _header_getter(headers: Mapping[str, str]) -> Callable[[str], str | None]:
    """A case-insensitive ``get``: httpx.Headers already is; a plain mapping is lowered once."""
    if isinstance(headers, httpx.Headers):
        return headers.get
    lowered = {str(name).lower(): value for name, value in headers.items()}
    return lowered.get


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.strip().split(",")[0])  # a repeated header arrives joined by ", "
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: a number of seconds or an HTTP date.

    None when there is no value or it is neither (or NaN, infinite); never negative: a negative
    number, like a date in the past, means "now".
    """
    if value is None:
        return None
    try:
        number = float(value.strip().split(",")[0])  # a repeated header arrives joined by ", "
    except ValueError:
        number = None
    if number is not None:
        return max(0.0, number) if math.isfinite(number) else None
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _reset_at(value: str | None, now: float) -> float | None:
    number = _number(value)
    if number is None:
        return None
    if number >= _EPOCH_MILLISECONDS:
        return number / 1000.0
    if number >= _EPOCH_SECONDS:
        return number
    return now + number


def parse_rate_headers(headers: Mapping[str, str]) -> RateBudget | None:
    """The budget stated by a response's headers, or None when it states nothing about it.

    Reads ``X-RateLimit-Limit``, ``X-RateLimit-Remaining``, ``X-RateLimit-Reset`` (or the same
    without ``X-``) and ``Retry-After``, case-insensitively. Values that are not numbers (or
    dates, for ``Retry-After``) are ignored, as if absent.
    """
    get = _header_getter(headers)
    now = time.time()

    def rate_header(name: str) -> str | None:
        value = get(f"x-ratelimit-{name}")
        return value if value is not None else get(f"ratelimit-{name}")

    limit, remaining = _number(rate_header("limit")), _number(rate_header("remaining"))
    budget = RateBudget(
        limit=None if limit is None else int(limit),
        remaining=None if remaining is None else int(remaining),
        reset_at=_reset_at(rate_header("reset"), now),
        retry_after=parse_retry_after(get("retry-after"), now),
    )
    return None if budget == _NOTHING else budget


_NOTHING = RateBudget()
