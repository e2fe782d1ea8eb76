"""Find and import the generated low-level client (``flexie_api``), lazily.

Installed with pip, ``flexie_api`` is a top-level package. Vendored into another project, it sits
beside ``flexie`` inside that project's package (``myapp._vendor.flexie`` next to
``myapp._vendor.flexie_api``); the sibling is tried first so a vendored copy never picks up some
other installed version. Endpoint modules are imported on first use, which keeps ``import flexie``
cheap.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from types import ModuleType
from typing import Any

__all__ = ["endpoint", "generated_package", "model"]

_PARENT = __name__.rpartition(".")[0].rpartition(".")[0]  # "" when flexie is top-level


@cache
def generated_package() -> str:
    """The import name of the generated package."""
    if _PARENT:
        sibling = f"{_PARENT}.flexie_api"
        try:
            importlib.import_module(sibling)
        except ModuleNotFoundError as exc:
            if exc.name not in (sibling, _PARENT):
                raise
        else:
            return sibling
    return "flexie_api"


def snake_case(operation_id: str) -> str:
    """openapi-python-client's module name for an operationId (``lisDealsFiltered`` -> ``lis_deals_filtered``)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


@cache
def endpoint(tag_module: str, operation_id: str) -> ModuleType:
    """The generated module for one operation, e.g. ``endpoint("contact", "getContacts")``."""
    return importlib.import_module(f"{generated_package()}.api.{tag_module}.{snake_case(operation_id)}")


@cache
def model(name: str) -> Any:
    """A generated model class by name, e.g. ``model("FilterInput")``."""
    return getattr(importlib.import_module(f"{generated_package()}.models"), name)


@cache
def module(name: str) -> ModuleType:
    """A top-level module of the generated package: ``client``, ``types``, ``errors``."""
    return importlib.import_module(f"{generated_package()}.{name}")
