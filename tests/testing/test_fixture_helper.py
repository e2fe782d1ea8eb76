"""flexie.testing.fake_flexie_fixture, used the way a user's conftest.py would, in a pytest subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONFTEST = """
from flexie.testing import fake_flexie_fixture

TIER = {"alias": "tier", "label": "Tier", "type": "select", "choices": ["Gold"]}
fake_flexie = fake_flexie_fixture(custom_fields={"contacts": [TIER]})
"""

TESTS = """
import flexie

PORTS = []


def client(fake):
    return flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key)


def test_first_sees_a_fresh_workspace(fake_flexie):
    PORTS.append(fake_flexie.port)
    with client(fake_flexie) as c:
        c.contacts.create({"first_name": "Ada", "tier": "Gold"})
    assert fake_flexie.count("contacts") == 1


def test_second_starts_from_the_same_state(fake_flexie):
    PORTS.append(fake_flexie.port)
    assert fake_flexie.count("contacts") == 0  # reset between tests
    assert len(set(PORTS)) == 1  # one server for the session
"""


def test_fake_flexie_fixture_helper(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_user_code.py").write_text(TESTS)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout
