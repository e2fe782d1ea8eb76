"""A stateful fake Flexie server for tests, demos and benchmarks.

    from flexie.testing import FakeFlexie

    with FakeFlexie(custom_fields={"contacts": [{"alias": "tier", "type": "select", "choices": ["Gold"]}]}) as fake:
        fake.seed(contacts=50)
        ...  # point a client at fake.base_url with fake.api_key

It serves the 142 operations of spec/flexie-api.json over real HTTP on 127.0.0.1 (uvicorn, in a
background thread or, with process=True, a subprocess), backed by an in-memory workspace, with
OAuth 2.0, rate limiting, fault injection and a request log. `python -m flexie.testing` serves
one by hand. Needs the `testing` extra (starlette, uvicorn).
"""

try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised by the installed-wheel test
    raise ImportError("flexie.testing needs its extra: pip install 'flexie[testing]'") from exc

from flexie.testing.fixtures import fake_flexie_fixture
from flexie.testing.routes import ROUTES
from flexie.testing.server import FakeFlexie, FakeFlexieError
from flexie.testing.state import RecordedRequest
from flexie.testing.webhook_controls import WebhookDelivery

__all__ = ["ROUTES", "FakeFlexie", "FakeFlexieError", "RecordedRequest", "WebhookDelivery", "fake_flexie_fixture"]
