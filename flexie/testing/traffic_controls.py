"""FakeFlexie's controls of traffic and access: rate limits, injected faults, the request log, OAuth.

Like every control of the fake, these go through the admin API (``/_fake/...``), so they work the
same with the server in a thread or in a subprocess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flexie.testing.state import RecordedRequest


class TrafficControls:
    """Rate limit, faults, request log and OAuth controls, mixed into :class:`FakeFlexie`."""

    def _admin(self, method: str, path: str, body: Any = None, params: Mapping[str, str] | None = None) -> Any:
        raise NotImplementedError  # FakeFlexie's

    def set_rate_limit(self, per_minute: int | None, *, burst: int | None = None, headers: bool | None = None) -> None:
        """A token bucket of `burst` requests (default: `per_minute`) refilled at `per_minute` a
        minute; None turns it off. The bucket starts full. `headers=True` adds X-RateLimit-Limit,
        -Remaining and -Reset to every answer, False stops them, None keeps the current choice."""
        self._admin("PUT", "rate-limit", {"per_minute": per_minute, "burst": burst, "headers": headers})

    @property
    def rate_limited_count(self) -> int:
        """How many 429s the rate limit answered since the start or the last reset() (injected 429
        faults are counted in `fault_counts` instead)."""
        count: int = self._admin("GET", "rate-limit")["limited"]
        return count

    def inject(
        self,
        kind: str | int,
        *,
        operation_id: str | None = None,
        method: str | None = None,
        probability: float = 1.0,
        times: int | None = None,
        retry_after: float | None = None,
        retry_after_http_date: bool = False,
        latency: float | None = None,
        phase: str | None = None,
        seed: int | None = None,
    ) -> int:
        """Add a fault rule; returns its id. See flexie.testing.faults for the kinds and when
        each strikes: 429/503 before processing, 500/502 before or after (`phase`), latency
        before, drop/truncate/malformed after."""
        spec = {
            "kind": str(kind),
            "operation_id": operation_id,
            "method": method,
            "probability": probability,
            "times": times,
            "retry_after": retry_after,
            "retry_after_http_date": retry_after_http_date,
            "latency": latency,
            "phase": phase,
            "seed": seed,
        }
        rule_id: int = self._admin("POST", "faults", spec)["id"]
        return rule_id

    def clear_faults(self) -> None:
        """Remove every fault rule and zero the counts."""
        self._admin("DELETE", "faults")

    @property
    def fault_counts(self) -> dict[str, int]:
        """Faults injected so far, by kind ("429", "500", "latency", "drop", ...)."""
        counts: dict[str, int] = self._admin("GET", "faults")["counts"]
        return counts

    @property
    def faults(self) -> list[dict[str, Any]]:
        """The fault rules in force, one dict each (``id``, ``kind``, ``operation_id``, ``method``, ...)."""
        rules: list[dict[str, Any]] = self._admin("GET", "faults")["rules"]
        return rules

    @property
    def requests(self) -> list[RecordedRequest]:
        """The /api and /oauth2/token requests answered, oldest first (admin calls excluded; the
        latest 200,000 are kept, counts stay exact)."""
        entries = self._admin("GET", "requests")["requests"]
        return [RecordedRequest(**{**entry, "ignored_fields": tuple(entry["ignored_fields"])}) for entry in entries]

    def request_count(self, operation_id: str | None = None, method: str | None = None) -> int:
        """How many requests matched (None matches all); the token endpoint is "oauth2Token"."""
        params = {k: v for k, v in (("operation_id", operation_id), ("method", method)) if v is not None}
        count: int = self._admin("GET", "requests/count", params=params)["count"]
        return count

    def clear_requests(self) -> None:
        """Empty the request log and its counts."""
        self._admin("DELETE", "requests")

    def issue_authorization_code(
        self,
        user_id: int = 1,
        redirect_uri: str | None = None,
        *,
        code_challenge: str | None = None,
        scope: str | None = None,
    ) -> str:
        """A single-use OAuth authorization code for `user_id` (valid 60 seconds), as if the user had
        approved. With `code_challenge` (PKCE S256) the exchange must carry the matching verifier,
        as for every code of the authorization page; without, it is a shortcut for tests."""
        body = {"user_id": user_id, "redirect_uri": redirect_uri, "code_challenge": code_challenge, "scope": scope}
        code: str = self._admin("POST", "oauth/codes", body)["code"]
        return code

    def expire_access_tokens(self) -> int:
        """Make every access token issued so far answer 401; refresh tokens keep working."""
        expired: int = self._admin("POST", "oauth/expire")["expired"]
        return expired

    @property
    def token_request_count(self) -> int:
        """How many requests the token endpoint answered."""
        count: int = self._admin("GET", "oauth")["token_requests"]
        return count

    @property
    def revoked_token_families(self) -> int:
        """How many authorizations had every token revoked (a used refresh token presented again)."""
        count: int = self._admin("GET", "oauth")["revoked"]
        return count
