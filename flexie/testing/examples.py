"""What a workspace needs so that every example request of the vendor's reference page succeeds.

The examples name ids 17, 42 and 47 on every resource (list 42, record 17, task category and
workflow category ids up to 12, role 3, user 3), the case `REF-1042` (seeded case 42), the custom
entity table `your_table`, and, for the update-by-unique-field (`edit`) examples, one record per
entity with the unique value the example sends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flexie.testing.records import validate_values
from flexie.testing.seed import SEEDABLE
from flexie.testing.store import Store

if TYPE_CHECKING:
    from flexie.testing.state import FakeState

EXAMPLE_RECORDS = 50  # every resource is topped up to this many
EXAMPLE_TABLE = "your_table"
EXAMPLE_TABLE_FIELDS: list[dict[str, Any]] = [
    {"alias": "name", "label": "Name", "type": "text", "required": True, "unique": True},
    {"alias": "status", "label": "Status", "type": "select", "choices": ["open", "won", "lost"]},
    {"alias": "amount", "label": "Amount", "type": "number"},
    {"alias": "email", "label": "Email", "type": "email"},
]
# The records the `edit` examples find, by the first (unique) key given here.
EDIT_TARGETS: dict[str, dict[str, Any]] = {
    "contacts": {"email": "david.okafor@example.com", "first_name": "David", "last_name": "Okafor"},
    "leads": {"email": "maria.hernandez@example.com", "first_name": "Maria", "last_name": "Hernandez"},
    "accounts": {"name": "Northwind Trading LLC", "status": "Qualify"},
    "deals": {"name": "Enterprise license renewal", "amount": 12500},
    "cases": {"title": "Login page returns 500 error", "priority": "High"},
    f"ce:{EXAMPLE_TABLE}": {"name": "Acme Renewal 2026 (revised)", "status": "open", "amount": 4500},
}


def _have(store: Store, name: str) -> int:
    """How many of a seedable kind the workspace holds (the fewest, for per-owner kinds)."""
    if name == "lists":
        return min(len(c) for key, c in store.collections.items() if key.startswith("lists:"))
    if name == "categories":
        return min(len(store.task_categories), len(store.workflow_categories))
    return len(store.collections[name])


def seed_examples(state: FakeState) -> dict[str, int]:
    """Seed what the reference page's examples name; returns how many of each were added.
    Adds to what is there, so on a fresh workspace ids 1 to 50 exist everywhere."""
    store = state.store
    if EXAMPLE_TABLE not in store.tables:
        store.add_table(EXAMPLE_TABLE, EXAMPLE_TABLE_FIELDS)
    counts = {name: max(0, EXAMPLE_RECORDS - _have(store, name)) for name in SEEDABLE}
    tables = {name: max(0, EXAMPLE_RECORDS - len(table)) for name, table in store.tables.items()}
    created = state.seed(counts=counts, custom=tables)
    for key, values in EDIT_TARGETS.items():
        collection = store.collections[key]
        alias = next(iter(values))
        if not collection.find(alias, values[alias]):
            store.create(key, validate_values(collection, values, creating=True))
            name = key.removeprefix("ce:")
            created[name] = created.get(name, 0) + 1
    return created
