"""Records: plain read-only mappings over what the server sent.

A :class:`Record` keeps the server's object untouched (:attr:`Record.raw`) and types values on
access, by the entity's field types: dates and date-times (UTC, timezone-aware), numbers, booleans,
lists. Keys are field aliases; logical names and labels work too. Nothing the server sent is
dropped, whether or not a field describes it.

Inside, a record holds its ``id`` apart from its other values: the generated models parse a record
into exactly that (``id`` plus a dict of the rest), and a page of records can then be wrapped as it
is, without copying a hundred dicts per page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from .fields import FieldSchema

__all__ = ["Record"]

_NO_ID: Any = object()  # a record built from an object without an "id" key


class Record(Mapping[str, Any]):
    """One record (a contact, a lead, a task, ...).

    ``rec["email"]``, ``rec["tier"]`` (a logical name), ``rec.id``, ``rec.to_dict()``, ``rec.raw``.
    """

    __slots__ = ("_id", "_raw", "_rest", "_schema", "entity")

    def __init__(self, raw: Mapping[str, Any], schema: FieldSchema | None = None, entity: str = "") -> None:
        rest = dict(raw)
        self._id = rest.pop("id", _NO_ID)
        self._rest = rest
        self._raw: dict[str, Any] | None = None
        self._schema = schema
        self.entity = entity

    @classmethod
    def from_parts(
        cls, record_id: Any, rest: dict[str, Any], schema: FieldSchema | None = None, entity: str = ""
    ) -> Record:
        """A record from its id and a dict of its other values, which the record takes over (no copy)."""
        return records_from_parts([(record_id, rest)], schema, entity)[0]

    @property
    def raw(self) -> dict[str, Any]:
        """The object as the server sent it (``id`` first)."""
        if self._raw is None:
            self._raw = dict(self._rest) if self._id is _NO_ID else {"id": self._id, **self._rest}
        return self._raw

    @property
    def id(self) -> int:
        """The record's id. Records from the API always have one; a record built without raises."""
        value = self.id_or_none
        if value is None:
            from .errors import InvalidArgumentError

            shown = None if self._id is _NO_ID else self._id
            raise InvalidArgumentError(f"this {self.entity or 'record'} has no id: {shown!r}")
        return value

    @property
    def id_or_none(self) -> int | None:
        """The id when the record has a whole-number one, else None."""
        value = self._id
        return value if type(value) is int else None  # bool is not an id

    @property
    def schema(self) -> FieldSchema | None:
        return self._schema

    def _has(self, alias: str) -> bool:
        return alias in self._rest or (alias == "id" and self._id is not _NO_ID)

    def _alias(self, key: str) -> str:
        if self._schema is None or self._has(key):
            return key
        found = self._schema.find(key)
        return found.alias if found is not None else key

    def __getitem__(self, key: str) -> Any:
        alias = self._alias(key)
        if alias == "id" and self._id is not _NO_ID:
            value = self._id
        else:
            try:
                value = self._rest[alias]
            except KeyError:
                raise KeyError(self._missing(key)) from None
        return self._schema.parse_value(alias, value) if self._schema is not None else value

    def _missing(self, key: str) -> str:
        known = ", ".join(list(self)[:20])
        return f"{self.entity or 'record'} has no field {key!r} (it has: {known})"

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._has(self._alias(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._rest) if self._id is _NO_ID else chain(("id",), self._rest)

    def __len__(self) -> int:
        return len(self._rest) + (self._id is not _NO_ID)

    def to_dict(self) -> dict[str, Any]:
        """Every value, typed, keyed by alias."""
        if self._schema is None:
            return dict(self.raw)
        parse = self._schema.parse_value
        return {alias: parse(alias, value) for alias, value in self.raw.items()}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return self.entity == other.entity and self._id == other._id and self._rest == other._rest
        return NotImplemented

    def __hash__(self) -> int:  # records are compared by content; they are not meant as dict keys
        return hash((self.entity, self.id_or_none))

    def __repr__(self) -> str:
        raw = self.raw
        shown = list(raw.items())[:6]
        body = ", ".join(f"{k!r}: {v!r}" for k, v in shown)
        more = f", ... {len(raw) - len(shown)} more" if len(raw) > len(shown) else ""
        return f"<Record {self.entity or '?'} id={self.id_or_none} {{{body}{more}}}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Record, (self.raw, self._schema, self.entity))


def records_from_parts(
    parts: list[tuple[Any, dict[str, Any]]], schema: FieldSchema | None, entity: str
) -> list[Record]:
    """Many :meth:`Record.from_parts` at once: a page of records, each taking its dict over."""
    new = Record.__new__
    records = []
    for record_id, rest in parts:
        record = new(Record)
        record._id, record._rest, record._raw, record._schema, record.entity = record_id, rest, None, schema, entity
        records.append(record)
    return records


def as_mapping(value: Mapping[str, Any] | Record) -> Mapping[str, Any]:
    """A Record given as write input stands for its alias-keyed raw values."""
    return value.raw if isinstance(value, Record) else value
