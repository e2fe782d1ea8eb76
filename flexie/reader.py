"""The tolerant reader: a decoded answer made to fit the generated model the spec promises, or refused.

Real servers of Flexie's lineage (Mautic, PHP) spell the same data in more ways than the spec does.
:func:`conform` takes a decoded JSON body and the model type of that answer (a generated attrs class
such as ``ContactList``, or ``list[Field]``) and returns a body the model's ``from_dict`` accepts:

- numbers given as strings where the spec says integer or number (``"total": "3"`` -> 3,
  ``"id": "7"`` -> 7), whole floats (``3.0``) for integers, and booleans as ``0``/``1``/``"0"``/``"1"``/
  ``"true"``/``"false"``; a whole number where the spec says text becomes its digits;
- a list given as an object: keyed by record id (``{"7": {"id": 7, ...}, "9": {...}}``, in the order
  sent), or keyed ``"0"``, ``"1"``, ... in order; an empty list (PHP's empty array) where an object
  is expected;
- optional keys missing, and extra keys anywhere, kept as they are (they end up in ``raw``).

Where reading would guess or could lose or misplace data, it refuses with :class:`UnreadableAnswer`
(a ``ValueError`` naming the place, e.g. ``$.contacts[3].id``): ``"3.5"``, ``"abc"`` or ``""`` for an
integer, a record under key ``"7"`` whose id is 9, a required key missing, an object where text is
expected. The choke point turns it into :class:`~flexie.errors.ResponseValidationError` with the raw
body. The model classes drive everything; nothing here names an endpoint.

When nothing needs changing the very same object comes back, and changed containers are copied on
write: the caller's body is never modified.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._generated_shapes import hints, is_model, is_unset, json_keys, members, success_model
from ._scalars import read_bool, read_int, read_number
from .errors import FlexieError

if TYPE_CHECKING:
    from .resources._endpoint_types import Endpoint

__all__ = ["UnreadableAnswer", "answer_body", "build", "conform", "parse_success", "read_as", "shown", "success_model"]

_NONE = type(None)
_MISSING = object()
Reader = Callable[[Any], Any]


class UnreadableAnswer(FlexieError, ValueError):
    """An answer that cannot be read as the spec's model without a guess. ``path`` says where
    (``$.contacts[3].id``), ``why`` says what is wrong there.

    A ``ValueError``, so the client's choke point turns it into
    :class:`~flexie.errors.ResponseValidationError` with the raw body; a :class:`~flexie.FlexieError`
    too, for callers of :func:`conform` or :func:`flexie.fields.read_fields` themselves."""

    def __init__(self, why: str, path: str = "$") -> None:
        super().__init__(f"{path}: {why}")
        self.why = why
        self.path = path
        self.segments: list[str] = []  # filled in, innermost first, while the refusal travels up

    def located(self) -> UnreadableAnswer:
        """The refusal with its full path (``$`` then the segments gathered on the way up)."""
        return UnreadableAnswer(self.why, "$" + "".join(reversed(self.segments)))


def conform(body: Any, model: Any) -> Any:
    """``body`` made to fit ``model`` (an attrs model class, ``list[Model]``, a union, ``Any``), or
    :class:`UnreadableAnswer`. Returns ``body`` itself when nothing needed changing."""
    try:
        return _reader(model)(body)
    except UnreadableAnswer as exc:
        raise exc.located() from None


def read_as(value: Any, tp: Any) -> Any:
    """One value read as ``tp`` by the same rules as :func:`conform`; a refusal keeps its path open
    (``segments``) for the caller to complete and :meth:`~UnreadableAnswer.located`."""
    return _reader(tp)(value)


def answer_body(module: Endpoint, content: bytes) -> Any:
    """The body of a success answer of a generated endpoint module, decoded and conformed to the
    model it promises (no model built). Raises a ``ValueError`` (bad JSON, :class:`UnreadableAnswer`)."""
    return conform(_decoded(content), success_model(module))


def parse_success(module: Endpoint, content: bytes) -> Any:
    """What the generated ``parse_response`` gives for a success answer, read tolerantly: the
    promised model instance(s), or None for an endpoint without a body. Raises like :func:`answer_body`."""
    return build(_decoded(content), success_model(module))


def _decoded(content: bytes) -> Any:
    return json.loads(content) if content.strip() else None


def build(body: Any, model: Any) -> Any:
    """The model instance(s) for a conformed body: ``from_dict`` of a model class, a list of them for
    ``list[Model]``, the body itself for ``Any``. Raises :class:`UnreadableAnswer` like :func:`conform`."""
    body = conform(body, model)
    if is_model(model):
        return model.from_dict(body)
    if typing.get_origin(model) is list and is_model(typing.get_args(model)[0]):
        item_model = typing.get_args(model)[0]
        return [item_model.from_dict(item) for item in body]
    return body


# -- scalars ----------------------------------------------------------------------------------------


def _same(value: Any) -> Any:
    return value


def _int(value: Any) -> int:
    if type(value) is int:
        return value
    number = read_int(value)
    if number is None:
        raise UnreadableAnswer(f"{shown(value)} is not a whole number")
    return number


def _number(value: Any) -> int | float:
    number = read_number(value)
    if number is None:
        raise UnreadableAnswer(f"{shown(value)} is not a number")
    return number


def _bool(value: Any) -> bool:
    flag = read_bool(value)
    if flag is None:
        raise UnreadableAnswer(f"{shown(value)} is not a boolean")
    return flag


def _str(value: Any) -> str:
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)  # a whole number where text is expected reads as its digits, exactly
    raise UnreadableAnswer(f"{shown(value)} is not text")


def _null(value: Any) -> None:
    if value is not None:
        raise UnreadableAnswer(f"{shown(value)} is not null")


_READERS: dict[Any, Reader] = {Any: _same, int: _int, float: _number, bool: _bool, str: _str, _NONE: _null}


def _reader(tp: Any) -> Reader:
    """The reader of one type, built once and cached."""
    reader = _READERS.get(tp)
    if reader is None:
        reader = _READERS[tp] = _compile(tp)
    return reader


def _compile(tp: Any) -> Reader:
    if is_model(tp):
        return _model_reader(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        return _list_reader(typing.get_args(tp)[0])
    if origin is dict:
        return _mapping_reader(typing.get_args(tp)[1])
    if origin is typing.Union or origin is types.UnionType:
        return _union_reader(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_reader(tp)
    return _same  # a type this reader does not know: the model decides


def _enum_reader(tp: type[enum.Enum]) -> Reader:
    values = [member.value for member in tp]

    def read(value: Any) -> Any:
        if value in values:
            return value
        raise UnreadableAnswer(f"{shown(value)} is not one of {values}")

    return read


def _union_reader(tp: Any) -> Reader:
    options = [m for m in members(tp) if not is_unset(m)]
    nullable = _NONE in options
    options = [m for m in options if m is not _NONE]
    if Any in options:
        return _same
    if len(options) == 1:
        inner = _reader(options[0])
        return inner if not nullable else (lambda value: None if value is None else inner(value))
    exact = tuple(m for m in options if isinstance(m, type) and not is_model(m))
    readers = [_reader(m) for m in options]

    def read(value: Any) -> Any:
        if (value is None and nullable) or type(value) in exact:
            return value  # already one of the members: stays as it is
        failures = []
        for member_reader in readers:
            try:
                return member_reader(value)
            except UnreadableAnswer as exc:
                failures.append(exc.why)
        raise UnreadableAnswer(" and ".join(failures))

    return read


# -- containers -------------------------------------------------------------------------------------


def _list_reader(item_tp: Any) -> Reader:
    item = _reader(item_tp)
    records = is_model(item_tp)

    def read(value: Any) -> list[Any]:
        keys: list[str] | None = None
        if type(value) is not list:
            keys = list(_object_as_list(value, records))
            value = list(value.values())
        if item is _same:
            return value  # type: ignore[no-any-return]
        changed: list[Any] | None = None
        for index, element in enumerate(value):
            try:
                new = item(element)
            except UnreadableAnswer as exc:
                exc.segments.append(f"[{index}]" if keys is None else f"[{keys[index]!r}]")
                raise
            if new is not element:
                if changed is None:
                    changed = list(value)
                changed[index] = new
        return value if changed is None else changed

    return read


def _object_as_list(value: Any, records: bool) -> list[str]:
    """The keys of a list sent as an object: ``"0"``, ``"1"``, ... in order, or (records) their ids."""
    if not isinstance(value, dict):
        raise UnreadableAnswer(f"{shown(value)} is not a list")
    keys = list(value)
    if keys == [str(i) for i in range(len(keys))]:
        return keys
    if not records:
        raise UnreadableAnswer("an object where a list is expected, and its keys are not 0, 1, 2, ...")
    for key, record in value.items():
        key_id = read_int(key)
        if key_id is None or key_id < 1 or str(key_id) != key:
            raise UnreadableAnswer(f"an object where a list is expected, and its key {key!r} is not an id")
        inner = record.get("id", _MISSING) if isinstance(record, dict) else _MISSING
        if inner is not _MISSING and read_int(inner) != key_id:
            raise UnreadableAnswer(f"the record under key {key!r} has id {shown(inner)}")
    return keys


def _mapping_reader(item_tp: Any) -> Reader:
    item = _reader(item_tp)

    def read(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            if type(value) is list and not value:
                return {}  # PHP's empty array is an empty object too
            raise UnreadableAnswer(f"{shown(value)} is not an object")
        return value if item is _same else _read_values(value, value.keys(), item)

    return read


def _read_key(
    value: dict[str, Any], changed: dict[str, Any] | None, key: str, element: Any, reader: Reader
) -> dict[str, Any] | None:
    """Read ``element`` (``value[key]``); the copy of ``value`` holding what changed, made on first change."""
    try:
        new = reader(element)
    except UnreadableAnswer as exc:
        exc.segments.append(f".{key}")
        raise
    if new is element:
        return changed
    if changed is None:
        changed = dict(value)
    changed[key] = new
    return changed


def _read_values(value: dict[str, Any], keys: Any, item: Reader) -> dict[str, Any]:
    """``value`` with the values under ``keys`` read by ``item`` (copied only when one changes)."""
    changed: dict[str, Any] | None = None
    for key in keys:
        changed = _read_key(value, changed, key, value[key], item)
    return value if changed is None else changed


def _model_reader(cls: type) -> Reader:
    plan: _Plan | None = None

    def read(value: Any) -> Any:
        nonlocal plan
        if plan is None:
            plan = _plan(cls)
        if not plan.known:
            return value  # keys unknown (no source): the model decides
        if not isinstance(value, dict):
            if type(value) is not list or value:
                raise UnreadableAnswer(f"{shown(value)} is not an object")
            value = {}  # PHP's empty array is an empty object too
        changed: dict[str, Any] | None = None
        for key, reader, required in plan.keys:
            element = value.get(key, _MISSING)
            if element is _MISSING:
                if required:
                    raise UnreadableAnswer(f"the required key {key!r} is missing")
                continue
            changed = _read_key(value, changed, key, element, reader)
        if plan.extra is not _same:
            extra = [key for key in value if key not in plan.names]
            changed = _read_values(changed if changed is not None else value, extra, plan.extra)
        return value if changed is None else changed

    return read


# -- what a generated model expects -----------------------------------------------------------------


class _Plan:
    """A model's JSON keys with their readers and whether they are required, and the extra keys' reader."""

    __slots__ = ("extra", "keys", "known", "names")

    def __init__(self, keys: list[tuple[str, Reader, bool]] | None, extra: Reader = _same) -> None:
        self.known = keys is not None
        self.keys = keys or []
        self.names = frozenset(key for key, _, _ in self.keys)
        self.extra = extra


def _plan(cls: type) -> _Plan:
    import attrs

    attributes = [a for a in attrs.fields(cls) if a.name != "additional_properties"]
    keys = json_keys(cls)
    if keys is None or len(keys) != len(attributes):
        return _Plan(None)
    annotations = hints(cls)
    extra: Any = Any
    if "additional_properties" in annotations:
        extra = typing.get_args(annotations["additional_properties"])[1]
    planned = [
        (key, _reader(annotations[a.name]), not any(is_unset(m) for m in members(annotations[a.name])))
        for key, a in zip(keys, attributes, strict=True)
    ]
    return _Plan(planned, _reader(extra))


def shown(value: Any) -> str:
    """A value as messages show it: its repr, at most 60 characters."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
