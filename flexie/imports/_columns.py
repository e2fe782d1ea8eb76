"""From a row of cells to field values: the column mapping, and each row's check against the field schema.

A column goes to the field its mapping names (an alias, a label or a logical name); a column without a
mapping goes to the field its header names. ``id``, ``date_added`` and ``date_modified`` (set by Flexie)
are left out. Cells are read as ``flexie export`` writes them: numbers, ``true``/``false``, ISO 8601 dates
and date-times (UTC when no offset is given), lists as ``a|b``. An empty CSV cell leaves the field alone; in
JSONL, ``null`` clears it.

The checks are the client's own (:meth:`flexie.FieldSchema.serialize_record`), so a row that passes here
is one the client would send.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import FieldError, UnknownFieldError
from ..fields import SYSTEM_FIELDS, Field, FieldSchema
from ..records import Record
from ._report import ImportMappingError

__all__ = ["ColumnPlan", "RowProblem", "load_mapping", "parse_mapping", "unique_key"]


class RowProblem(Exception):
    """Why one row is rejected (it goes to the reject file; the import goes on)."""


def parse_mapping(items: Iterable[str]) -> dict[str, str | None]:
    """``["Column=field", "Notes="]`` as ``{"Column": "field", "Notes": None}`` (None: leave the column out)."""
    mapping: dict[str, str | None] = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip():
            raise ImportMappingError(f"a mapping is COLUMN=FIELD (or COLUMN= to leave a column out), got {item!r}")
        mapping[column.strip()] = target.strip() or None
    return mapping


def load_mapping(path: str | Path) -> dict[str, str | None]:
    """A mapping file: a JSON object ``{"Column": "field", ...}`` (null leaves a column out), or one
    ``Column=field`` a line (blank lines and lines starting with ``#`` are skipped)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ImportMappingError(f"{path} is not valid JSON: {exc}") from None
        bad = [k for k, v in data.items() if not (v is None or isinstance(v, str))]
        if bad:
            raise ImportMappingError(f"{path}: map each column to a field name or null; {bad[0]!r} is not")
        return {str(k): (v or None) for k, v in data.items()}
    lines = [line.strip() for line in text.splitlines()]
    return parse_mapping(line for line in lines if line and not line.startswith("#"))


def unique_key(value: Any) -> Hashable:
    """The form in which two values of a unique field are the same record (text: trimmed, any case)."""
    if isinstance(value, str):
        return value.strip().casefold()
    if isinstance(value, list):
        return tuple(value)
    return value  # type: ignore[no-any-return]


class ColumnPlan:
    """Which field each column fills, and the checks and conversions of a row's values."""

    def __init__(
        self,
        schema: FieldSchema,
        mapping: Mapping[str, str | None] | None,
        columns: list[str] | None,
        upsert_by: str | None,
    ) -> None:
        self.schema = schema
        self.mapping = dict(mapping or {})
        self.key: Field | None = self._key_field(upsert_by)
        self._targets: dict[str, Field | None] = {}
        if columns is not None:  # CSV: every column is settled before a row is read
            missing = [c for c in self.mapping if c not in columns]
            if missing:
                raise ImportMappingError(
                    f"the mapping names column {missing[0]!r}, which the file does not have; "
                    f"its columns are {', '.join(map(repr, columns))}"
                )
            for column in columns:
                self._targets[column] = self._resolve(column)
            self._check_key_column()

    @property
    def columns(self) -> dict[str, str | None]:
        """Each column seen so far and the alias it fills (None: left out)."""
        return {c: (f.alias if f is not None else None) for c, f in self._targets.items()}

    def _key_field(self, upsert_by: str | None) -> Field | None:
        if upsert_by is None:
            return None
        found = self.schema.find(upsert_by)
        unique = [f.alias for f in self.schema.fields if f.unique]
        if found is None or not found.unique:
            what = "has no field" if found is None else "has no unique field"
            raise ImportMappingError(
                f"upsert_by: {self.schema.entity} {what} {upsert_by!r}; its unique fields are "
                f"{', '.join(unique) or '(none)'}"
            )
        return found

    def _check_key_column(self) -> None:
        if self.key is not None and self.key not in self._targets.values():
            raise ImportMappingError(
                f"upsert by {self.key.alias}: no column holds it; the columns are "
                f"{', '.join(map(repr, self._targets))} (map one with 'Column={self.key.alias}')"
            )

    def _resolve(self, column: str) -> Field | None:
        found: Field | None
        if column in self.mapping:
            target = self.mapping[column]
            if target is None:
                return None
            try:
                found = self.schema.resolve(target)
            except UnknownFieldError as exc:
                raise ImportMappingError(f"mapping {column!r}={target!r}: {exc}") from None
            if found.read_only:
                raise ImportMappingError(f"mapping {column!r}={target!r}: {found.alias} is set by Flexie")
        else:
            found = self.schema.find(column)
            if found is None:
                raise ImportMappingError(self._unknown(column))
            if found.alias in SYSTEM_FIELDS:
                return None  # an export's id and dates: Flexie sets them
        taken = [c for c, f in self._targets.items() if f is found and c != column]
        if taken:
            raise ImportMappingError(f"columns {taken[0]!r} and {column!r} both go to {found.alias}; leave one out")
        return found

    def _unknown(self, column: str) -> str:
        try:
            self.schema.resolve(column)
        except UnknownFieldError as exc:
            hint = f" (did you mean {', '.join(map(repr, exc.suggestions))}?)" if exc.suggestions else ""
        else:  # pragma: no cover - resolve finds what find finds
            hint = ""
        return (
            f"column {column!r} is not a field of {self.schema.entity}{hint}; map it with "
            f"'{column}=FIELD' or leave it out with '{column}='"
        )

    def target(self, column: str) -> Field | None:
        """The field a column fills. A JSONL key is settled on first sight: an unknown one rejects the row."""
        if column not in self._targets:
            try:
                self._targets[column] = self._resolve(column)
            except ImportMappingError as exc:
                raise RowProblem(str(exc).replace("column", "key", 1)) from None
        return self._targets[column]

    def convert(self, values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
        """The row's wire values by alias; raises :class:`RowProblem` saying what is wrong with them."""
        named: dict[str, Any] = {}
        columns: dict[str, str] = {}
        for column, cell in values.items():
            field = self.target(column)
            if field is None:
                continue
            if isinstance(cell, str):
                if not cell.strip():
                    continue  # an empty cell leaves the field as it is
                cell = self.schema.parse_value(field.alias, cell)
            named[field.alias] = cell
            columns[field.alias] = column
        try:
            return self.schema.serialize_record(named, creating=creating)
        except FieldError as exc:
            given = columns.get(exc.name)
            raise RowProblem(str(exc) if given in (None, exc.name) else f"column {given!r}: {exc}") from None

    def key_of(self, wire: Mapping[str, Any]) -> Hashable | None:
        """The row's upsert key (None without upsert, or when the row has no value for it)."""
        if self.key is None:
            return None
        value = wire.get(self.key.alias)
        return None if value is None or value == "" else unique_key(value)

    def changes(self, record: Record, wire: Mapping[str, Any]) -> dict[str, Any]:
        """The values of ``wire`` that differ from the record's (compared as typed values)."""
        parse = self.schema.parse_value
        return {a: v for a, v in wire.items() if parse(a, record.raw.get(a)) != parse(a, v)}
