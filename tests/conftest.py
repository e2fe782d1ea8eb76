"""Shared paths and fixtures for the whole suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "flexie-api.json"
OPENAPI_PATH = ROOT / "generated" / "openapi.json"
REFERENCE = ROOT.parent / "shared" / "reference"


def load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_json(SPEC_PATH)


@pytest.fixture(scope="session")
def openapi_doc() -> dict[str, Any]:
    return load_json(OPENAPI_PATH)


@pytest.fixture(scope="session")
def reference() -> dict[str, Any]:
    path = REFERENCE / "flexie-endpoints.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: the suite expects ../shared/reference beside the checkout")
    return load_json(path)


@pytest.fixture(scope="session")
def vendor_variant_path() -> Path:
    path = REFERENCE / "flexie-api.vendor-variant.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: the suite expects ../shared/reference beside the checkout")
    return path
