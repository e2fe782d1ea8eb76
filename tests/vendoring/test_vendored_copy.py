"""docs/vendoring.md, done for real: flexie/ and flexie_api/ copied into another package, used without pip.

A fresh virtualenv gets only httpx, attrs and python-dateutil. The copy lives at
``myapp/_vendor/{flexie,flexie_api}`` in a temporary directory, and a script run by that venv's
Python, from outside the repository with only that directory on PYTHONPATH, makes real calls
against a FakeFlexie served by this test process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flexie.testing import FakeFlexie
from tests.conftest import ROOT

RUNTIME_DEPENDENCIES = ["httpx>=0.27,<1", "attrs>=23.1", "python-dateutil>=2.8.2"]
CUSTOM_FIELDS = {
    "contacts": [
        {"alias": "customer_tier_2", "label": "Customer tier", "type": "select", "choices": ["Gold", "Silver"]}
    ]
}

SCRIPT = r"""
import asyncio
import importlib.util
import json
import sys

result = {
    "top_level": {name: importlib.util.find_spec(name) is not None for name in ("flexie", "flexie_api", "starlette")},
}

from myapp._vendor import flexie
from myapp._vendor.flexie import F, _generated

result["generated_package"] = _generated.generated_package()

with flexie.Flexie(field_aliases={"contacts": {"tier": "customer_tier_2"}}, backoff=(0.01, 0.05)) as client:
    result["get"] = client.contacts.get(1).id
    result["pages"] = [len(page) for page in client.contacts.list(page_size=7).pages()]
    created = client.contacts.create({"first_name": "Vendored", "email": "vendored@example.org", "tier": "Gold"})
    result["created"] = {"id": created.id, "tier": created["tier"], "raw": created.raw["customer_tier_2"]}
    result["date_added_type"] = type(created["date_added"]).__name__
    found = client.contacts.filter(F("email") == "vendored@example.org", F("tier") == "Gold").to_list()
    result["found"] = [record.id for record in found]
    try:
        client.contacts.get(999999)
    except flexie.NotFoundError as error:
        result["not_found"] = [type(error).__module__, error.status_code]
    try:
        client.contacts.create({"first_name": "Typo", "teir": "Gold"})
    except flexie.UnknownFieldError as error:
        result["suggestions"] = error.suggestions


async def read_async():
    async with flexie.AsyncFlexie() as client:
        return [record.id async for record in client.contacts.list(limit=3)]


result["async_ids"] = asyncio.run(read_async())
roots = {name.split(".")[0] for name in sys.modules}
result["loaded"] = sorted(roots & {"flexie", "flexie_api"})
vendored = {".".join(name.split(".")[:3]) for name in sys.modules if name.startswith("myapp._vendor.")}
result["vendored_modules"] = sorted(vendored)
print(json.dumps(result))
"""


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")


def pip_supports_python_option() -> bool:
    out = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, text=True).stdout
    match = re.match(r"pip (\d+)\.(\d+)", out)
    return bool(match) and (int(match[1]), int(match[2])) >= (22, 3)


def make_venv(venv: Path) -> Path:
    """A fresh venv holding only the three run-time dependencies (and what they need)."""
    if pip_supports_python_option():  # fast: no pip inside the venv, this pip installs into it
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        install = [sys.executable, "-m", "pip", "--python", str(venv_python(venv)), "install"]
    else:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        install = [str(venv_python(venv)), "-m", "pip", "install"]
    proc = subprocess.run(
        [*install, "--quiet", "--disable-pip-version-check", *RUNTIME_DEPENDENCIES],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"pip install failed:\n{proc.stdout}\n{proc.stderr}"
    return venv_python(venv)


def vendor(into: Path) -> Path:
    """The copy docs/vendoring.md describes: myapp/_vendor/flexie (no testing/, cli/) beside flexie_api."""
    vendor_dir = into / "myapp" / "_vendor"
    vendor_dir.mkdir(parents=True)
    (into / "myapp" / "__init__.py").write_text("")
    (vendor_dir / "__init__.py").write_text("")
    shutil.copytree(
        ROOT / "flexie", vendor_dir / "flexie", ignore=shutil.ignore_patterns("testing", "cli", "__pycache__")
    )
    shutil.copytree(
        ROOT / "generated" / "flexie_api", vendor_dir / "flexie_api", ignore=shutil.ignore_patterns("__pycache__")
    )
    return vendor_dir


def isolated_env(python_path: Path, **extra: str) -> dict[str, str]:
    """Nothing from this process's environment that could make the repository importable."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(python_path), "PYTHONDONTWRITEBYTECODE": "1"}
    if "SYSTEMROOT" in os.environ:  # Windows needs it to start Python
        env["SYSTEMROOT"] = os.environ["SYSTEMROOT"]
    return {**env, **extra}


@pytest.mark.slow
def test_vendored_copy_runs_with_only_httpx_attrs_and_dateutil(tmp_path: Path) -> None:
    python = make_venv(tmp_path / "venv")
    app = tmp_path / "app"
    vendor_dir = vendor(app)
    assert not (vendor_dir / "flexie" / "testing").exists()
    assert not (vendor_dir / "flexie" / "cli").exists()
    workdir = tmp_path / "elsewhere"  # outside the repository, so nothing is importable from the cwd
    workdir.mkdir()
    (workdir / "check_vendored.py").write_text(SCRIPT, encoding="utf-8")

    # The venv has no copy of the generated client at the top level, nor of flexie itself.
    for name in ("flexie_api", "flexie"):
        proc = subprocess.run(
            [str(python), "-c", f"import {name}"], cwd=workdir, env=isolated_env(app), capture_output=True, text=True
        )
        assert proc.returncode != 0, f"{name} is importable in the fresh venv"
        assert "ModuleNotFoundError" in proc.stderr

    with FakeFlexie(custom_fields=CUSTOM_FIELDS, seed=1, records=20) as fake:
        env = isolated_env(app, FLEXIE_BASE_URL=fake.base_url, FLEXIE_API_KEY=fake.api_key)
        proc = subprocess.run(
            [str(python), "check_vendored.py"], cwd=workdir, env=env, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, f"the vendored copy failed:\n{proc.stdout}\n{proc.stderr}"
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        created_id = result["created"]["id"]
        stored = fake.get_record("contacts", created_id)
        create_requests = fake.request_count(operation_id="createContact")

    assert result["top_level"] == {"flexie": False, "flexie_api": False, "starlette": False}
    assert result["generated_package"] == "myapp._vendor.flexie_api"
    assert result["loaded"] == []  # no top-level flexie or flexie_api was ever imported
    assert result["vendored_modules"] == ["myapp._vendor.flexie", "myapp._vendor.flexie_api"]
    assert result["get"] == 1
    assert result["pages"] == [7, 7, 6]
    assert result["created"]["tier"] == "Gold"
    assert result["created"]["raw"] == "Gold"
    assert result["date_added_type"] == "datetime"
    assert result["found"] == [created_id]
    assert result["not_found"] == ["myapp._vendor.flexie.errors", 404]
    assert result["suggestions"] == ["tier"]
    assert result["async_ids"] == [1, 2, 3]
    assert stored is not None
    assert stored["customer_tier_2"] == "Gold"
    assert create_requests == 1  # the typo never reached the server
