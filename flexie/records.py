"""Records: plain read-only mappings over what the server sent.

A :class:`Record` keeps the server's object untouched (:attr:`Record.raw`) and types values on
access, by the entity's field types: dates and date-times (UTC, timezone-aware), numbers, booleans,
lists. Keys are field aliases; logical names and labels work too. Nothing the server sent is
dropped, whether or not a field describes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .fields import FieldSchema

__all__ = ["Record"]


class Record(Mapping[str, Any]):
    """One record (a contact, a lead, a task, ...).

    ``rec["email"]``, ``rec["tier"]`` (a logical name), ``rec.id``, ``rec.to_dict()``, ``rec.raw``.
    """

    __slots__ = ("_raw", "_schema", "entity")

    def __init__(self, raw: dict[str, Any], schema: FieldSchema | None = None, entity: str = "") -> None:
        self._raw = raw
        self._schema = schema
        self.entity = entity

    @property
    def raw(self) -> dict[str, Any]:
        """The object exactly as the server sent it."""
        return self._raw

    @property
    def id(self) -> int:
        """The record's id. Records from the API always have one; a record built without raises."""
        value = self.id_or_none
        if value is None:
            from .errors import InvalidArgumentError

            raise InvalidArgumentError(f"this {self.entity or 'record'} has no id: {self._raw.get('id')!r}")
        return value

    @property
    def id_or_none(self) -> int | None:
        """The id when the record has a whole-number one, else None."""
        value = self._raw.get("id")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def schema(self) -> FieldSchema | None:
        return self._schema

    def _alias(self, key: str) -> str:
        if key in self._raw or self._schema is None:
            return key
        found = self._schema.find(key)
        return found.alias if found is not None else key

    def __getitem__(self, key: str) -> Any:
        alias = self._alias(key)
        try:
            value = self._raw[alias]
        except KeyError:
            raise KeyError(self._missing(key)) from None
        return self._schema.parse_value(alias, value) if self._schema is not None else value

    def _missing(self, key: str) -> str:
        known = ", ".join(list(self._raw)[:20])
        return f"{self.entity or 'record'} has no field {key!r} (it has: {known})"

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._alias(key) in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def to_dict(self) -> dict[str, Any]:
        """Every value, typed, keyed by alias."""
        if self._schema is None:
            return dict(self._raw)
        parse = self._schema.parse_value
        return {alias: parse(alias, value) for alias, value in self._raw.items()}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return self.entity == other.entity and self._raw == other._raw
        return NotImplemented

    def __hash__(self) -> int:  # records are compared by content; they are not meant as dict keys
        return hash((self.entity, self.id_or_none))

    def __repr__(self) -> str:
        shown = list(self._raw.items())[:6]
        body = ", ".join(f"{k!r}: {v!r}" for k, v in shown)
        more = f", ... {len(self._raw) - len(shown)} more" if len(self._raw) > len(shown) else ""
        return f"<Record {self.entity or '?'} id={self.id_or_none} {{{body}{more}}}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Record, (self._raw, self._schema, self.entity))


def as_mapping(value: Mapping[str, Any] | Record) -> Mapping[str, Any]:
    """A Record given as write input stands for its alias-keyed raw values."""
    return value.raw if isinstance(value, Record) else value
