"""The built wheel, installed into a fresh virtualenv, imports and works outside the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from flexie.testing import FakeFlexie
from tests.conftest import ROOT

SCRIPT = """
import json, sys
import flexie, flexie_api
out = {"flexie": flexie.__file__, "flexie_api": flexie_api.__file__, "version": flexie.__version__}
client = flexie.Flexie(base_url=sys.argv[1], api_key=sys.argv[2])
rec = client.contacts.create({"first_name": "Wheel", "email": "wheel@example.com"})
out["created"] = rec["email"]
out["listed"] = len(client.contacts.list(limit=7).to_list())
out["filtered"] = [r["email"] for r in client.contacts.filter(flexie.F("email") == "wheel@example.com")]
try:
    client.contacts.get(987654)
except flexie.NotFoundError as exc:
    out["error"] = type(exc).__name__
try:
    import flexie.testing
except ImportError as exc:
    out["testing"] = str(exc)
print(json.dumps(out))
"""


@pytest.mark.slow
def test_the_wheel_works_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = dist.glob("flexie-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "flexie/py.typed" in names
    assert "flexie_api/py.typed" in names
    assert "flexie_api/api/contact/get_contacts.py" in names
    assert not any(n.startswith(("tests/", "generated/", "scripts/")) for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True, timeout=300
    )
    assert install.returncode == 0, install.stdout + install.stderr
    freeze = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
    installed = {line.replace(" @ ", "==").split("==")[0].lower() for line in freeze.splitlines()}
    assert {"httpx", "attrs", "python-dateutil", "flexie"} <= installed
    assert "starlette" not in installed  # the core needs no server stack

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FLEXIE_API_KEY", "FLEXIE_BASE_URL")}
    with FakeFlexie(seed=1, records=10) as fake:
        run = subprocess.run(
            [str(python), "-c", SCRIPT, fake.base_url, fake.api_key],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert str(venv) in out["flexie"]
    assert str(venv) in out["flexie_api"]
    assert out["created"] == "wheel@example.com"
    assert out["listed"] == 7
    assert out["filtered"] == ["wheel@example.com"]
    assert out["error"] == "NotFoundError"
    assert "pip install 'flexie[testing]'" in out["testing"]
