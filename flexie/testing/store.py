"""The whole in-memory workspace: every collection plus the relations between records."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flexie.testing.collection import Collection
from flexie.testing.errors import not_found
from flexie.testing.fields import field_from_dict, now_utc
from flexie.testing.schema import (
    CORE_ENTITIES,
    DEFAULT_CATEGORIES,
    FIXED_FIELDS,
    RESOURCES,
    SINGULAR_TO_KEY,
    default_fields,
    lists_info,
    table_info,
)

RESERVED_TABLE_NAMES = frozenset(RESOURCES) | frozenset(SINGULAR_TO_KEY) | {"lists", "list", "edit", "new"}


class Store:
    def __init__(self) -> None:
        self.collections: dict[str, Collection] = {}
        for key in CORE_ENTITIES:
            self._add_collection(key)
        for key in FIXED_FIELDS:
            self.collections[key] = Collection(RESOURCES[key], default_fields(key))
        self.tables: dict[str, Collection] = {}
        self.categories: dict[str, list[tuple[str, str]]] = {k: list(v) for k, v in DEFAULT_CATEGORIES.items()}
        # Relations, keyed by collection key ("contacts", "ce:projects", ...).
        self.members: dict[str, dict[int, set[int]]] = {}  # owner -> list id -> record ids
        self.record_lists: dict[str, dict[int, set[int]]] = {}  # owner -> record id -> list ids
        self.notes_index: dict[tuple[str, int], list[int]] = {}  # (owner, record id) -> note ids
        self.replies_index: dict[int, list[int]] = {}  # case id -> reply ids
        self.workflow_runs: dict[tuple[str, int], list[int]] = {}  # (owner, record id) -> workflows
        self.task_categories: list[dict[str, Any]] = []
        self.workflow_categories: list[dict[str, Any]] = []
        self.email_sent: dict[int, set[int]] = {}  # email id -> contact ids already sent to
        # Told (collection key, "created" / "updated" / "deleted", record) while set (webhooks).
        self.on_change: Callable[[str, str, dict[str, Any]], None] | None = None

    def _add_collection(self, key: str, fields: Sequence[Any] | None = None) -> Collection:
        info = RESOURCES[key] if key in RESOURCES else table_info(key[3:])
        collection = Collection(info, default_fields(key) if fields is None else fields)
        self.collections[key] = collection
        self.collections[f"lists:{key}"] = Collection(lists_info(key), default_fields(f"lists:{key}"))
        return collection

    # --- configuration ----------------------------------------------------------------------

    def add_table(self, name: str, fields: Sequence[Mapping[str, Any]]) -> Collection:
        if not name or not name.replace("_", "").isalnum() or name in RESERVED_TABLE_NAMES:
            raise ValueError(f"invalid custom entity table name {name!r}")
        if name in self.tables:
            raise ValueError(f"table {name!r} already exists")
        field_dicts = list(fields) or [{"alias": "name", "label": "Name", "type": "text", "unique": True}]
        defs = [
            field_from_dict(data, custom=bool(data.get("custom", False)), field_id=position, order=position)
            for position, data in enumerate(field_dicts, start=1)
        ]
        collection = self._add_collection(f"ce:{name}", defs)
        self.tables[name] = collection
        self.categories[f"ce:{name}"] = [("core", "Core")]
        return collection

    def add_field(self, entity: str, data: Mapping[str, Any]) -> dict[str, Any]:
        key = self.field_owner(entity)
        collection = self.collections[key]
        fdef = field_from_dict(data, custom=True, field_id=0, order=0)
        collection.add_field(fdef)
        return fdef.to_wire()

    def field_owner(self, entity: str) -> str:
        if entity in CORE_ENTITIES:
            return entity
        name = entity[3:] if entity.startswith("ce:") else entity
        if name in self.tables:
            return f"ce:{name}"
        raise ValueError(f"{entity!r} has no fields: use contacts, leads, accounts, deals, cases or a table name")

    def field_categories(self, key: str) -> list[dict[str, Any]]:
        known = list(self.categories.get(key, [("core", "Core")]))
        aliases = {alias for alias, _ in known}
        for fdef in self.collections[key].fields:
            if fdef.category and fdef.category not in aliases:
                aliases.add(fdef.category)
                known.append((fdef.category, fdef.category.replace("_", " ").capitalize()))
        return [{"alias": alias, "label": label, "order": n} for n, (alias, label) in enumerate(known, start=1)]

    # --- lookups ----------------------------------------------------------------------------

    def collection_for(self, resource: str, table: str | None = None) -> Collection:
        if resource == "ce":
            collection = self.tables.get(table or "")
            if collection is None:
                raise not_found(f"No custom entity table named {table!r}.")
            return collection
        return self.collections[resource]

    def record(self, collection: Collection, record_id: int) -> dict[str, Any]:
        found = collection.get(record_id)
        if found is None:
            raise not_found(f"No {collection.info.singular} with id {record_id}.")
        return found

    def owner_for_note_type(self, entity_type: str) -> str | None:
        if entity_type in SINGULAR_TO_KEY:
            return SINGULAR_TO_KEY[entity_type]
        if entity_type in CORE_ENTITIES:
            return entity_type
        name = entity_type[3:] if entity_type.startswith("ce:") else entity_type
        return f"ce:{name}" if name in self.tables else None

    # --- writes with their side effects -----------------------------------------------------

    def create(self, key: str, values: dict[str, Any], now: str | None = None) -> dict[str, Any]:
        collection = self.collections[key]
        record = collection.build(values, now or now_utc())
        if key == "cases" and not record.get("identifier"):
            record["identifier"] = f"REF-{1000 + record['id']}"
        collection.insert(record)
        if key == "notes":
            owner = self.owner_for_note_type(record["entity_type"]) or record["entity_type"]
            self.notes_index.setdefault((owner, record["entity_id"]), []).append(record["id"])
        elif key == "replies":
            self.replies_index.setdefault(record["case_id"], []).append(record["id"])
        if self.on_change is not None:
            self.on_change(key, "created", record)
        return record

    def update(self, key: str, record_id: int, values: dict[str, Any]) -> dict[str, Any]:
        record = self.collections[key].update(record_id, values, now_utc())
        if self.on_change is not None:
            self.on_change(key, "updated", record)
        return record

    def delete(self, key: str, record_id: int) -> bool:
        record = self.collections[key].delete(record_id)
        if record is None:
            return False
        if self.on_change is not None:
            self.on_change(key, "deleted", record)
        if key.startswith("lists:"):
            owner = key[len("lists:") :]
            for member in self.members.get(owner, {}).pop(record_id, set()):
                self.record_lists.get(owner, {}).get(member, set()).discard(record_id)
            return True
        for list_id in self.record_lists.get(key, {}).pop(record_id, set()):
            self.members[key].get(list_id, set()).discard(record_id)
        for note_id in self.notes_index.pop((key, record_id), []):
            self.collections["notes"].delete(note_id)
        self.workflow_runs.pop((key, record_id), None)
        if key == "cases":
            for reply_id in self.replies_index.pop(record_id, []):
                self.collections["replies"].delete(reply_id)
        elif key == "notes":
            owner = self.owner_for_note_type(record["entity_type"]) or record["entity_type"]
            siblings = self.notes_index.get((owner, record["entity_id"]), [])
            if record_id in siblings:
                siblings.remove(record_id)
        return True

    # --- lists ------------------------------------------------------------------------------

    def set_membership(self, owner: str, list_id: int, record_id: int, member: bool) -> bool:
        """Add or remove; True when membership changed."""
        members = self.members.setdefault(owner, {}).setdefault(list_id, set())
        lists = self.record_lists.setdefault(owner, {}).setdefault(record_id, set())
        if member == (record_id in members):
            return False
        if member:
            members.add(record_id)
            lists.add(list_id)
        else:
            members.discard(record_id)
            lists.discard(list_id)
        return True

    def list_members(self, owner: str, list_id: int) -> set[int]:
        return self.members.get(owner, {}).get(list_id, set())

    def lists_of(self, owner: str, record_id: int) -> set[int]:
        return self.record_lists.get(owner, {}).get(record_id, set())

    def add_workflow_run(self, owner: str, record_id: int, workflow_id: int) -> None:
        runs = self.workflow_runs.setdefault((owner, record_id), [])
        if workflow_id not in runs:
            runs.append(workflow_id)
