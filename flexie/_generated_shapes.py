"""What the generated package promises, read from its own code: each endpoint's success model, each
model's JSON keys and annotations.

openapi-python-client writes a model's JSON keys only into its ``from_dict`` (``type_`` reads
``"type"``, ``sent_count`` reads ``"sentCount"``) and imports the models its annotations name only
for type checkers; this module recovers both, so the reader needs no table of its own.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .resources._endpoint_types import Endpoint

__all__ = ["hints", "is_model", "is_unset", "json_keys", "members", "success_model"]

NONE = type(None)


def success_model(module: Endpoint) -> Any:
    """The model a generated endpoint module promises for its success answer, read from the return
    annotation of its ``parse_response`` (``Error | SingleContact | None`` -> ``SingleContact``).
    ``Any`` for endpoints that answer without a body (deletes)."""
    cached = _SUCCESS.get(module.__name__)
    if cached is None:
        returned = hints(module.parse_response, module.__name__)["return"]
        found = [m for m in members(returned) if m is not NONE and getattr(m, "__name__", "") != "Error"]
        cached = _SUCCESS[module.__name__] = (found[0] if len(found) == 1 else Any,)
    return cached[0]


_SUCCESS: dict[str, tuple[Any]] = {}


def is_model(tp: Any) -> bool:
    """Whether ``tp`` is a generated model class (attrs, with ``from_dict``)."""
    return isinstance(tp, type) and hasattr(tp, "__attrs_attrs__") and hasattr(tp, "from_dict")


def is_unset(tp: Any) -> bool:
    """Whether ``tp`` is the generated ``Unset`` (the annotation of a key that may be absent)."""
    return isinstance(tp, type) and tp.__name__ == "Unset"


def members(tp: Any) -> tuple[Any, ...]:
    """The members of a union annotation, or the annotation itself."""
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin is typing.Union or origin is types.UnionType else (tp,)


def json_keys(cls: type) -> list[str] | None:
    """The JSON keys a generated model reads, in the order of its attributes: the string constants of
    the ``d.pop("key", ...)`` calls of its ``from_dict`` (the attribute ``type_`` reads ``"type"``,
    ``sent_count`` reads ``"sentCount"``). None when its source cannot be read."""
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls.from_dict)))  # type: ignore[attr-defined]
    except (OSError, TypeError, SyntaxError):
        return None
    pops = [
        (node.lineno, node.col_offset, node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "pop"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "d"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]
    return [key for _, _, key in sorted(pops)]


def hints(obj: Any, module_name: str | None = None) -> dict[str, Any]:
    """Evaluated annotations of a generated class or function; the models they name import lazily."""
    name = module_name or obj.__module__
    root = name.split(".api.")[0] if ".api." in name else name.rsplit(".models.", 1)[0]
    return typing.get_type_hints(obj, localns=_LazyModels(f"{root}.models"))


class _LazyModels(dict):  # type: ignore[type-arg]
    """Names for evaluating a generated annotation: models import lazily, and only when named."""

    def __init__(self, package: str) -> None:
        super().__init__()
        self._package = package

    def __missing__(self, name: str) -> Any:
        import importlib

        try:
            return getattr(importlib.import_module(self._package), name)
        except (ImportError, AttributeError):
            raise KeyError(name) from None
