"""Records: plain read-only mappings over what the server sent.

A :class:`Record` keeps the server's object untouched (:attr:`Record.raw`) and types values on
access, by the entity's field types: dates and date-times (UTC, timezone-aware), numbers, booleans,
lists. Keys are field aliases; logical names and labels work too. Nothing the server sent is
dropped, whether or not a field describes it.

A page of records wraps the objects its JSON decoded into as they are (:func:`adopt_records`):
streaming a hundred thousand records copies none of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ._scalars import read_int
from .fields import FieldSchema

__all__ = ["Record"]


class Record(Mapping[str, Any]):
    """One record (a contact, a lead, a task, ...).

    ``rec["email"]``, ``rec["tier"]`` (a logical name), ``rec.id``, ``rec.to_dict()``, ``rec.raw``.
    """

    __slots__ = ("_data", "_schema", "entity")

    def __init__(self, raw: Mapping[str, Any], schema: FieldSchema | None = None, entity: str = "") -> None:
        self._data = dict(raw)
        self._schema = schema
        self.entity = entity

    @property
    def raw(self) -> dict[str, Any]:
        """The object as the server sent it."""
        return self._data

    @property
    def id(self) -> int:
        """The record's id. Records from the API always have one; a record built without raises."""
        value = self.id_or_none
        if value is None:
            from .errors import InvalidArgumentError

            raise InvalidArgumentError(f"this {self.entity or 'record'} has no id: {self._data.get('id')!r}")
        return value

    @property
    def id_or_none(self) -> int | None:
        """The id when the record has a whole-number one (``7`` or, as some servers send it, ``"7"``), else None."""
        return _record_id(self._data.get("id"))

    @property
    def schema(self) -> FieldSchema | None:
        """The field schema this record's values are typed by; None when read without one (values as sent)."""
        return self._schema

    def _has(self, alias: str) -> bool:
        return alias in self._data

    def _alias(self, key: str) -> str:
        if self._schema is None or self._has(key):
            return key
        found = self._schema.find(key)
        return found.alias if found is not None else key

    def __getitem__(self, key: str) -> Any:
        alias = self._alias(key)
        try:
            value = self._data[alias]
        except KeyError:
            raise KeyError(self._missing(key)) from None
        return self._schema.parse_value(alias, value) if self._schema is not None else value

    def _missing(self, key: str) -> str:
        known = ", ".join(list(self)[:20])
        return f"{self.entity or 'record'} has no field {key!r} (it has: {known})"

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._has(self._alias(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def to_dict(self) -> dict[str, Any]:
        """Every value, typed, keyed by alias."""
        if self._schema is None:
            return dict(self._data)
        parse = self._schema.parse_value
        return {alias: parse(alias, value) for alias, value in self._data.items()}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return self.entity == other.entity and self._data == other._data
        return NotImplemented

    def __hash__(self) -> int:  # records are compared by content; they are not meant as dict keys
        return hash((self.entity, self.id_or_none))

    def __repr__(self) -> str:
        raw = self._data
        shown = list(raw.items())[:6]
        body = ", ".join(f"{k!r}: {v!r}" for k, v in shown)
        more = f", ... {len(raw) - len(shown)} more" if len(raw) > len(shown) else ""
        return f"<Record {self.entity or '?'} id={self.id_or_none} {{{body}{more}}}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Record, (self._data, self._schema, self.entity))


def adopt_records(objects: list[Any], schema: FieldSchema | None, entity: str) -> tuple[list[Record], list[int | None]]:
    """Records over a page's decoded JSON objects, each taken over as it is (no copy), and their ids.

    Raises TypeError for an item that is not an object and KeyError for one without an ``id``: a
    page of records that are not records is a broken answer, not something to pass on.
    """
    new = Record.__new__
    records: list[Record] = []
    ids: list[int | None] = []
    for data in objects:
        if type(data) is not dict:
            raise TypeError(f"a {entity} in the page is {type(data).__name__}, not an object")
        record_id = data["id"]
        record = new(Record)
        record._data, record._schema, record.entity = data, schema, entity
        records.append(record)
        ids.append(record_id if type(record_id) is int else _record_id(record_id))
    return records, ids


def _record_id(value: Any) -> int | None:
    """A record id as the server sent it: a whole number, or its digits as a string; never a bool."""
    if type(value) is int:
        return value
    return read_int(value) if type(value) is str else None


def as_mapping(value: Mapping[str, Any] | Record) -> Mapping[str, Any]:
    """A Record given as write input stands for its alias-keyed raw values."""
    return value.raw if isinstance(value, Record) else value
