"""FakeFlexie: a stateful fake Flexie server on 127.0.0.1, in a thread or in a subprocess."""

from __future__ import annotations

import dataclasses
import secrets
import subprocess
import threading
import time
import weakref
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

import httpx

from flexie.testing.records import UNKNOWN_FIELDS
from flexie.testing.runner import bind, make_server, spawn, terminate, wait_healthy
from flexie.testing.state import FakeConfig, FakeState
from flexie.testing.traffic_controls import TrafficControls
from flexie.testing.webhook_controls import WebhookControls


class FakeFlexieError(ValueError):
    """The fake refused an admin call (bad field definition, unknown entity, ...)."""


class FakeFlexie(WebhookControls, TrafficControls):
    """A fake Flexie workspace over real HTTP. `with FakeFlexie() as fake:` or start()/stop().

    base_url (ends in /api) and api_key are what a client needs. Every control method goes
    through the admin API under /_fake, so both modes (thread, process=True) behave the same.
    With `webhook_url`, records created, updated or deleted through the API are posted there.

    unknown_fields says what a create or update does with a key that is no field of the
    resource: "ignore" (the default, as a Mautic-lineage server does: the key is dropped and
    noted in `requests[...].ignored_fields`) or "reject" (422 naming it). seed_examples=True
    seeds the workspace so that every example request of the vendor's reference page succeeds
    (see `seed_examples()`); it is applied again on `reset()`.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        custom_fields: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        tables: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        seed: int = 0,
        records: int | None = None,
        rate_limit_per_minute: int | None = None,
        rate_limit_burst: int | None = None,
        rate_limit_headers: bool = False,
        process: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
        oauth_client_id: str | None = None,
        oauth_client_secret: str | None = None,
        access_token_ttl: int = 3600,
        oauth_client_credentials: bool = False,
        webhook_url: str | None = None,
        startup_timeout: float = 30.0,
        unknown_fields: str = "ignore",
        seed_examples: bool = False,
    ) -> None:
        if unknown_fields not in UNKNOWN_FIELDS:
            raise FakeFlexieError(f"unknown_fields must be one of {', '.join(UNKNOWN_FIELDS)}, not {unknown_fields!r}")
        self._config = FakeConfig(
            api_key=api_key or f"fake_{secrets.token_hex(16)}",
            oauth_client_id=oauth_client_id or f"fake-client-{secrets.token_hex(4)}",
            oauth_client_secret=oauth_client_secret or secrets.token_hex(16),
            custom_fields={entity: [dict(f) for f in fields] for entity, fields in (custom_fields or {}).items()},
            tables={name: [dict(f) for f in fields] for name, fields in (tables or {}).items()},
            seed=seed,
            records=records,
            rate_limit_per_minute=rate_limit_per_minute,
            rate_limit_burst=rate_limit_burst,
            rate_limit_headers=rate_limit_headers,
            access_token_ttl=access_token_ttl,
            oauth_client_credentials=oauth_client_credentials,
            webhooks=[{"url": webhook_url, "events": None}] if webhook_url is not None else [],
            unknown_fields=unknown_fields,
            seed_examples=seed_examples,
        )
        self._process_mode = process
        self._host = host
        self._requested_port = port
        self._startup_timeout = startup_timeout
        self._port: int | None = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._http: httpx.Client | None = None
        self._finalizer: weakref.finalize[Any, Any] | None = None

    def __repr__(self) -> str:
        where = self.url if self.running else "stopped"
        return f"<FakeFlexie {where} process={self._process_mode}>"

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeFlexie:
        """Start serving (a no-op when already running); returns the fake. ``with FakeFlexie()`` calls it."""
        if self.running:
            return self
        if self._process_mode:
            self._start_process()
        else:
            self._start_thread()
        self._http = httpx.Client(base_url=self.url, timeout=60.0, trust_env=False)
        return self

    def stop(self) -> None:
        """Stop the server and free its port. Safe to call twice."""
        if self._http is not None:
            self._http.close()
            self._http = None
        if self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(timeout=5)
            self._thread = None
            self._server = None
        if self._proc is not None:
            if self._finalizer is not None:
                self._finalizer.detach()
            terminate(self._proc)
            self._proc = None
        self._port = None

    def __enter__(self) -> FakeFlexie:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _start_thread(self) -> None:
        state = FakeState(self._config)
        sock = bind(self._host, self._requested_port)
        self._port = sock.getsockname()[1]
        self._server = make_server(state)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name=f"fake-flexie-{self._port}", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + self._startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self._thread = None
                sock.close()
                raise RuntimeError("the fake Flexie server did not start")
            time.sleep(0.005)

    def _start_process(self) -> None:
        FakeState(dataclasses.replace(self._config, records=None, seed_examples=False))  # bad fields raise here
        proc, self._port = spawn(self._config, self._host, self._requested_port, self._startup_timeout)
        self._proc = proc
        self._finalizer = weakref.finalize(self, terminate, proc)  # if never stopped
        wait_healthy(self.url, self._startup_timeout)

    # --- where it is ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True between ``start()`` and ``stop()``."""
        return self._port is not None

    @property
    def process(self) -> bool:
        """True when the server runs in a subprocess (``process=True``), False in a thread."""
        return self._process_mode

    @property
    def port(self) -> int:
        """The port the server listens on (RuntimeError when not running)."""
        if self._port is None:
            raise RuntimeError("the fake Flexie server is not running: call start() or use `with`")
        return self._port

    @property
    def host(self) -> str:
        """The address the server listens on, ``127.0.0.1`` unless given."""
        return self._host

    @property
    def url(self) -> str:
        """The server's root URL, ``http://127.0.0.1:PORT``."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The API's base URL (``.../api``): what a client's ``base_url`` is set to."""
        return f"{self.url}/api"

    @property
    def token_url(self) -> str:
        """The OAuth 2.0 token endpoint."""
        return f"{self.url}/oauth2/token"

    @property
    def authorize_url(self) -> str:
        """The OAuth 2.0 authorization endpoint."""
        return f"{self.url}/oauth2/authorize"

    @property
    def api_key(self) -> str:
        """The default API key (given, or a random ``fake_...`` one)."""
        return self._config.api_key

    @property
    def headers(self) -> dict[str, str]:
        """Headers that authenticate with the default key."""
        return {"apikey": self._config.api_key}

    @property
    def oauth_client_id(self) -> str:
        """The OAuth client id the token endpoint accepts."""
        return self._config.oauth_client_id

    @property
    def oauth_client_secret(self) -> str:
        """The OAuth client secret the token endpoint accepts."""
        return self._config.oauth_client_secret

    # --- admin API --------------------------------------------------------------------------

    def _admin(self, method: str, path: str, body: Any = None, params: Mapping[str, str] | None = None) -> Any:
        if self._http is None:
            raise RuntimeError("the fake Flexie server is not running: call start() or use `with`")
        response = self._http.request(method, f"/_fake/{path}", json=body, params=params)
        if response.status_code >= 400:
            try:
                message = response.json()["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = response.text
            raise FakeFlexieError(message)
        return response.json()

    def reset(self) -> None:
        """Back to the state right after start (constructor fields, tables, key and seed); clears
        runtime fields, tables, extra keys, faults, the rate limit set at run time, tokens, the log."""
        self._admin("POST", "reset")

    def seed(
        self,
        seed: int | None = None,
        *,
        records: int | None = None,
        contacts: int | None = None,
        leads: int | None = None,
        accounts: int | None = None,
        deals: int | None = None,
        cases: int | None = None,
        tasks: int | None = None,
        notes: int | None = None,
        users: int | None = None,
        roles: int | None = None,
        lists: int | None = None,
        categories: int | None = None,
        emails: int | None = None,
        workflows: int | None = None,
        forms: int | None = None,
        pages: int | None = None,
        reports: int | None = None,
        custom: Mapping[str, int] | None = None,
        **others: int,
    ) -> dict[str, int]:
        """Add deterministic, realistic records server-side; returns how many were made of each.

        `lists` is per entity (and table), `categories` per kind (task and workflow); cases come
        with replies; `custom={"table": n}` seeds custom entity tables. `records=N` gives every
        resource and table N unless named; with no count at all, N is 20; otherwise only what
        is named is seeded. `seed` defaults to the constructor's seed.
        """
        named = {
            "contacts": contacts, "leads": leads, "accounts": accounts, "deals": deals, "cases": cases,
            "tasks": tasks, "notes": notes, "users": users, "roles": roles, "lists": lists,
            "categories": categories, "emails": emails, "workflows": workflows, "forms": forms,
            "pages": pages, "reports": reports,
        }  # fmt: skip
        counts = {name: count for name, count in {**named, **others}.items() if count is not None}
        body = {"seed": seed, "records": records, "counts": counts, "custom": dict(custom or {})}
        created: dict[str, int] = self._admin("POST", "seed", body)["created"]
        return created

    def seed_examples(self) -> dict[str, int]:
        """Make every example request of the vendor's reference page succeed; returns what was added.

        Tops every resource up to 50 records (so ids 17, 42 and 47 exist, case 42 is REF-1042,
        every entity has lists 17 and 42, and tasks and workflows have categories up to 12),
        declares the custom entity table `your_table` (name, status, amount, email) unless it
        exists, and adds the records the `edit` examples look up by unique field.
        """
        created: dict[str, int] = self._admin("POST", "seed-examples")["created"]
        return created

    def add_field(self, entity: str, field: Mapping[str, Any]) -> dict[str, Any]:
        """Add a custom field to contacts, leads, accounts, deals, cases or a table; returns it."""
        result: dict[str, Any] = self._admin("POST", f"fields/{entity}", dict(field))
        return result

    def add_table(self, name: str, fields: Sequence[Mapping[str, Any]] = ()) -> None:
        """Declare a custom entity table (/ce/{name}); no fields gives one unique text `name`."""
        self._admin("POST", "tables", {"name": name, "fields": [dict(f) for f in fields]})

    def add_api_key(self, key: str, *, read_only: bool = False, user_id: int = 1) -> None:
        """Accept another API key, belonging to `user_id`; read-only keys get 403 on writes."""
        self._admin("POST", "api-keys", {"key": key, "read_only": read_only, "user_id": user_id})

    def remove_api_key(self, key: str) -> bool:
        """Stop accepting ``key``; True when it was accepted until now."""
        removed: bool = self._admin("POST", "api-keys/remove", {"key": key})["removed"]
        return removed

    def get_record(self, entity: str, record_id: int) -> dict[str, Any] | None:
        """A record as stored (contacts, ..., users, or a table name), or None; no API request."""
        record: dict[str, Any] | None = self._admin("GET", f"records/{entity}/{record_id}")["record"]
        return record

    def count(self, entity: str) -> int:
        """How many records of ``entity`` (contacts, ..., or a table name) are stored; no API request."""
        total: int = self._admin("GET", f"records/{entity}")["count"]
        return total

    def create_record(self, entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Create a record directly (validated like the API, but not logged or rate limited)."""
        record: dict[str, Any] = self._admin("POST", f"records/{entity}", dict(values))["record"]
        return record

    def record_workflow_run(self, entity: str, record_id: int, workflow_id: int) -> None:
        """Note that a workflow ran on a record (it then shows in /{entity}/{id}/workflows)."""
        self._admin("POST", "workflow-runs", {"entity": entity, "record_id": record_id, "workflow_id": workflow_id})
