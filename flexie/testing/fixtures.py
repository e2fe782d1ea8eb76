"""A pytest fixture for FakeFlexie, in one line of a conftest.py.

::

    # conftest.py
    from flexie.testing import fake_flexie_fixture

    TIER = {"alias": "tier", "type": "select", "choices": ["Gold"]}
    fake_flexie = fake_flexie_fixture(custom_fields={"contacts": [TIER]})

    # test_something.py
    def test_something(fake_flexie):
        client = flexie.Flexie(base_url=fake_flexie.base_url, api_key=fake_flexie.api_key)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flexie.testing.server import FakeFlexie

__all__ = ["fake_flexie_fixture"]


def fake_flexie_fixture(*, reset: bool = True, **options: Any) -> Callable[..., FakeFlexie]:
    """A pytest fixture giving a running :class:`FakeFlexie` built with ``options``.

    One server lives for the whole test session (started on first use, stopped at the end); with
    ``reset=True`` its workspace goes back to the state right after start before each test that uses
    it, so tests never see each other's records, faults or rate limits.
    """
    import pytest  # only a test run needs it

    started: list[FakeFlexie] = []

    def fake_flexie(request: Any) -> FakeFlexie:
        if not started:
            fake = FakeFlexie(**options).start()
            request.config.add_cleanup(fake.stop)
            started.append(fake)
        elif reset:
            started[0].reset()
        return started[0]

    fixture: Callable[..., FakeFlexie] = pytest.fixture(fake_flexie)
    return fixture
