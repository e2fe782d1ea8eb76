"""Find and import the generated low-level client (``flexie_api``), lazily.

Installed with pip, ``flexie_api`` is a top-level package. Vendored into another project, it sits
beside ``flexie`` inside that project's package (``myapp._vendor.flexie`` next to
``myapp._vendor.flexie_api``); the sibling is tried first so a vendored copy never picks up some
other installed version. That is why the facade never writes ``import flexie_api`` to run: this
module imports the generated api packages and models for type checkers only (``_generated.contact``
is ``flexie_api.api.contact`` to mypy), and at run time gives stand-ins (:class:`ApiTag`,
:class:`LazyEndpoint`) that import an endpoint module on first use. This keeps ``import flexie``
cheap.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from flexie_api.types import Unset

    from .resources._endpoint_types import Endpoint

V = TypeVar("V")

__all__ = [
    "TAGS", "ApiTag", "LazyEndpoint", "accounts", "cases", "contact", "custom_entities", "deals", "emails",
    "endpoint", "forms", "generated_package", "given", "lead", "model", "models", "notes", "operation_id", "pages",
    "reports", "roles", "tasks", "users", "workflows",
]  # fmt: skip

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


def operation_id(endpoint: Endpoint) -> str:
    """The spec's operationId of a generated endpoint module (``...contact.get_contacts`` -> ``getContacts``)."""
    name = endpoint.__name__.rpartition(".")[2]
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


class LazyEndpoint:
    """Stands for one generated endpoint module (``flexie_api.api.contact.get_contacts``) and imports
    it the first time one of its functions is asked for. The type checker sees the module itself."""

    def __init__(self, tag: str, name: str) -> None:
        self.tag = tag
        self.name = name

    @property
    def module(self) -> ModuleType:
        """The generated module, imported now if it was not yet."""
        return importlib.import_module(f"{generated_package()}.api.{self.tag}.{self.name}")

    def __getattr__(self, attr: str) -> Any:
        # only reached for what the instance does not hold yet: request_kwargs, parse_response, __name__
        if attr.startswith("__") and attr != "__name__":
            raise AttributeError(attr)
        value = getattr(self.module, attr)
        setattr(self, attr, value)  # later lookups are plain attribute reads
        return value

    def __repr__(self) -> str:
        return f"<endpoint {self.tag}.{self.name}>"


class ApiTag:
    """Stands for one generated api package (``flexie_api.api.contact``): ``tag.get_contacts`` is a
    :class:`LazyEndpoint`. Nothing is imported until an endpoint's function is used."""

    def __init__(self, tag: str) -> None:
        self._tag = tag

    def __getattr__(self, name: str) -> LazyEndpoint:
        if name.startswith("__"):
            raise AttributeError(name)
        found = LazyEndpoint(self._tag, name)
        setattr(self, name, found)
        return found


class _Models:
    """Stands for ``flexie_api.models``: ``models.FilterInput`` imports the models on first use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return model(name)


# The generated api packages, one per tag of the spec. Type checkers see the real packages (each names
# its endpoint modules for them), so every use of an endpoint is checked against its signature.
TAGS = (
    "accounts", "cases", "contact", "custom_entities", "deals", "emails", "forms", "lead", "notes", "pages",
    "reports", "roles", "tasks", "users", "workflows",
)  # fmt: skip
if TYPE_CHECKING:
    from flexie_api import models
    from flexie_api.api import (
        accounts,
        cases,
        contact,
        custom_entities,
        deals,
        emails,
        forms,
        lead,
        notes,
        pages,
        reports,
        roles,
        tasks,
        users,
        workflows,
    )  # fmt: skip
else:
    models = _Models()

    def __getattr__(name: str) -> ApiTag:  # the api packages, at run time (PEP 562)
        if name in TAGS:
            found = globals()[name] = ApiTag(name)
            return found
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def endpoint(tag_module: str, operation_id: str) -> ModuleType:
    """The generated module for one operation, e.g. ``endpoint("contact", "getContacts")``."""
    return importlib.import_module(f"{generated_package()}.api.{tag_module}.{snake_case(operation_id)}")


@cache
def model(name: str) -> Any:
    """A generated model class by name, e.g. ``model("FilterInput")``."""
    return getattr(importlib.import_module(f"{generated_package()}.models"), name)


def given(value: V | None) -> V | Unset:
    """``value``, or the generated ``UNSET`` (the argument is left out of the request) for None."""
    return module("types").UNSET if value is None else value


@cache
def module(name: str) -> ModuleType:
    """A top-level module of the generated package: ``client``, ``types``, ``errors``."""
    return importlib.import_module(f"{generated_package()}.{name}")
