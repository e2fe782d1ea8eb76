"""One resource's records, in memory, with the indexes listing needs.

Records are dicts in wire form (`id`, every field alias, `date_added`, `date_modified`). `ids` is
kept ascending, so the default order and keyset pages are slices and bisections. Other orders are
sorted once and cached until the next write. Event-loop confined: no locking.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from typing import Any

from flexie.testing.fields import SEARCHABLE, TEXTISH, FieldDef
from flexie.testing.schema import ResourceInfo

SortKey = Callable[[dict[str, Any]], Any]


def _sort_transform(ftype: str) -> Callable[[Any], Any]:
    if ftype in TEXTISH:
        return lambda value: value.casefold() if isinstance(value, str) else str(value)
    if ftype == "multiselect":
        return lambda value: ",".join(value).casefold() if isinstance(value, list) else str(value)
    if ftype in ("number", "boolean", "lookup", "integer"):
        return lambda value: value if isinstance(value, (int, float)) else 0
    return lambda value: value if isinstance(value, str) else str(value)


def normalize_key(ftype: str, value: Any) -> Any:
    """The form in which two values of a unique field count as the same."""
    if isinstance(value, str) and ftype in TEXTISH:
        return value.strip().casefold()
    if isinstance(value, list):
        return tuple(value)
    return value


class Collection:
    def __init__(self, info: ResourceInfo, fields: Iterable[FieldDef]) -> None:
        self.info = info
        self.fields: list[FieldDef] = []
        self.by_alias: dict[str, FieldDef] = {}
        self.records: dict[int, dict[str, Any]] = {}
        self.ids: list[int] = []
        self.next_id = 1
        self._sorted: dict[tuple[str, bool], list[int]] = {}
        self._search: dict[int, str] = {}
        self._indexes: dict[str, dict[Any, list[int]]] = {}
        self._searchable: list[str] = []
        self._json: dict[int, bytes] = {}  # serialized records, dropped on every write
        for fdef in fields:
            self.add_field(fdef)

    # --- fields -----------------------------------------------------------------------------

    @property
    def stored_fields(self) -> list[FieldDef]:
        return [fdef for fdef in self.fields if fdef.type != "password"]

    def add_field(self, fdef: FieldDef) -> None:
        if fdef.alias in self.by_alias:
            raise ValueError(f"{self.info.key} already has a field {fdef.alias!r}")
        if not fdef.id:
            fdef.id = max((existing.id for existing in self.fields), default=0) + 1
        if not fdef.order:
            fdef.order = len(self.fields) + 1
        self.fields.append(fdef)
        self.by_alias[fdef.alias] = fdef
        if fdef.type in SEARCHABLE:
            self._searchable.append(fdef.alias)
        if fdef.type != "password":
            for record in self.records.values():
                # Keep the system keys last, as on records created from now on.
                added, modified = record.pop("date_added"), record.pop("date_modified")
                record[fdef.alias] = None
                record["date_added"], record["date_modified"] = added, modified
        self._search.clear()
        self._json.clear()

    def field_type(self, alias: str) -> str | None:
        if alias == "id":
            return "integer"
        if alias in ("date_added", "date_modified"):
            return "datetime"
        fdef = self.by_alias.get(alias)
        return fdef.type if fdef is not None and fdef.type != "password" else None

    # --- records ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.records)

    def get(self, record_id: int) -> dict[str, Any] | None:
        return self.records.get(record_id)

    def build(self, values: dict[str, Any], now: str) -> dict[str, Any]:
        """A complete new record (not yet inserted) from validated values plus defaults."""
        record: dict[str, Any] = {"id": self.next_id}
        for fdef in self.fields:
            if fdef.type == "password":
                continue
            if fdef.alias in values:
                record[fdef.alias] = values[fdef.alias]
            else:
                record[fdef.alias] = copy.copy(fdef.default_value)
        record["date_added"] = now
        record["date_modified"] = now
        return record

    def insert(self, record: dict[str, Any]) -> dict[str, Any]:
        """Add a complete record whose id is >= next_id (seeding builds these directly)."""
        record_id = record["id"]
        self.records[record_id] = record
        if self.ids and record_id < self.ids[-1]:
            raise ValueError("ids must be inserted in ascending order")
        self.ids.append(record_id)
        self.next_id = record_id + 1
        self._written(record_id)
        for alias, index in self._indexes.items():
            self._index_add(index, alias, record)
        return record

    def insert_many(self, records: list[dict[str, Any]]) -> None:
        """Add complete records with consecutive ascending ids from next_id (seeding)."""
        if not records:
            return
        if records[0]["id"] < self.next_id:
            raise ValueError("ids must be inserted in ascending order")
        self.records.update((record["id"], record) for record in records)
        self.ids.extend(record["id"] for record in records)
        self.next_id = records[-1]["id"] + 1
        self._sorted.clear()
        for alias, index in self._indexes.items():
            for record in records:
                self._index_add(index, alias, record)

    def update(self, record_id: int, values: dict[str, Any], now: str) -> dict[str, Any]:
        record = self.records[record_id]
        for alias, index in self._indexes.items():
            if alias in values:
                self._index_remove(index, alias, record)
        record.update(values)
        record["date_modified"] = now
        for alias, index in self._indexes.items():
            if alias in values:
                self._index_add(index, alias, record)
        self._written(record_id)
        return record

    def delete(self, record_id: int) -> dict[str, Any] | None:
        record = self.records.pop(record_id, None)
        if record is None:
            return None
        from bisect import bisect_left

        position = bisect_left(self.ids, record_id)
        del self.ids[position]
        for alias, index in self._indexes.items():
            self._index_remove(index, alias, record)
        self._written(record_id)
        return record

    def clear(self) -> None:
        self.records.clear()
        self.ids.clear()
        self.next_id = 1
        self._indexes.clear()
        self._sorted.clear()
        self._search.clear()
        self._json.clear()

    def _written(self, record_id: int) -> None:
        if self._sorted:
            self._sorted.clear()
        self._search.pop(record_id, None)
        self._json.pop(record_id, None)

    def touched(self, record_id: int) -> None:
        """Call after changing a stored record in place, outside update()."""
        self._written(record_id)

    def encoded(self, record: dict[str, Any]) -> bytes:
        """The record as compact JSON, cached until it changes (pages are joins of these)."""
        record_id = record["id"]
        data = self._json.get(record_id)
        if data is None:
            data = json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode()
            self._json[record_id] = data
        return data

    # --- lookups by value (update by unique field) ------------------------------------------

    def find(self, alias: str, value: Any) -> list[int]:
        index = self._indexes.get(alias)
        if index is None:
            index = {}
            for record in self.records.values():
                self._index_add(index, alias, record)
            for ids in index.values():
                ids.sort()
            self._indexes[alias] = index
        ftype = self.field_type(alias) or "raw"
        return list(index.get(normalize_key(ftype, value), ()))

    def _index_add(self, index: dict[Any, list[int]], alias: str, record: dict[str, Any]) -> None:
        value = record.get(alias)
        if value is None:
            return
        ids = index.setdefault(normalize_key(self.field_type(alias) or "raw", value), [])
        ids.append(record["id"])
        if len(ids) > 1 and ids[-2] > ids[-1]:
            ids.sort()

    def _index_remove(self, index: dict[Any, list[int]], alias: str, record: dict[str, Any]) -> None:
        value = record.get(alias)
        if value is None:
            return
        key = normalize_key(self.field_type(alias) or "raw", value)
        ids = index.get(key)
        if ids and record["id"] in ids:
            ids.remove(record["id"])
            if not ids:
                del index[key]

    # --- ordering and search ----------------------------------------------------------------

    def sort_key(self, alias: str) -> SortKey:
        transform = _sort_transform(self.field_type(alias) or "raw")

        def key(record: dict[str, Any]) -> Any:
            value = record.get(alias)
            if value is None or value == "" or value == []:
                return (0, 0)
            return (1, transform(value))

        return key

    def sorted_ids(self, alias: str, descending: bool) -> list[int]:
        """Every id in the given order (ties by ascending id). Cached until the next write."""
        if alias == "id":
            return self.ids if not descending else self._cached(("id", True), lambda: self.ids[::-1])
        return self._cached((alias, descending), lambda: self._sort(alias, descending))

    def _cached(self, cache_key: tuple[str, bool], compute: Callable[[], list[int]]) -> list[int]:
        order = self._sorted.get(cache_key)
        if order is None:
            order = compute()
            self._sorted[cache_key] = order
        return order

    def _sort(self, alias: str, descending: bool) -> list[int]:
        key = self.sort_key(alias)
        records = self.records
        # Python's sort is stable also with reverse=True, so ties keep ascending ids.
        return sorted(self.ids, key=lambda record_id: key(records[record_id]), reverse=descending)

    def search_text(self, record: dict[str, Any]) -> str:
        record_id = record["id"]
        text = self._search.get(record_id)
        if text is None:
            parts: list[str] = []
            for alias in self._searchable:
                value = record.get(alias)
                if isinstance(value, str):
                    parts.append(value)
                elif isinstance(value, list):
                    parts.extend(str(item) for item in value)
            text = "\x1f".join(parts).casefold()
            self._search[record_id] = text
        return text
