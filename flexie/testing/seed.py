"""Deterministic, realistic seed data, built server-side straight into the store.

The same seed and counts give the same records (each resource draws from its own generator,
seeded with the seed and the resource's name). Seeding adds to what is there. Records are built
in wire form and inserted without per-record validation, so 100,000 contacts take seconds.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from flexie.testing import seed_data as d
from flexie.testing.collection import Collection
from flexie.testing.fields import FieldDef
from flexie.testing.seed_values import Gen, Personas, below, generic_generator, moment, person_generator
from flexie.testing.store import Store

EPOCH = datetime(2024, 1, 1, 8, 0, tzinfo=timezone.utc)
SPAN_SECONDS = 2 * 365 * 86400
SEEDABLE = (
    "roles", "users", "categories", "lists", "contacts", "leads", "accounts", "deals", "cases",
    "tasks", "notes", "emails", "workflows", "forms", "pages", "reports",
)  # fmt: skip


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S+00:00")


class Seeder:
    def __init__(self, store: Store, seed: int) -> None:
        self.store = store
        self.seed = seed

    def rng(self, name: str) -> random.Random:
        return random.Random(f"flexie-fake:{self.seed}:{name}")

    def run(self, counts: Mapping[str, int], custom: Mapping[str, int]) -> dict[str, int]:
        """Seed with the garbage collector paused: it would rescan the growing heap again and
        again while hundreds of thousands of dicts are made (a third of the time)."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._run(counts, custom)
        finally:
            if enabled:
                gc.enable()

    def _run(self, counts: Mapping[str, int], custom: Mapping[str, int]) -> dict[str, int]:
        created: dict[str, int] = {}
        first_new = {key: collection.next_id for key, collection in self.store.collections.items()}
        for name in SEEDABLE:
            count = counts.get(name, 0)
            if count > 0:
                created[name] = getattr(self, f"_seed_{name}")(count)
        for table, count in custom.items():
            if table not in self.store.tables:
                raise ValueError(f"unknown custom entity table {table!r}")
            if count > 0:
                created[table] = self._fill(self.store.tables[table], count, self.rng(f"ce:{table}"), None)
        self._relations(first_new)
        return created

    # --- helpers ----------------------------------------------------------------------------

    def _time_columns(self, rng: random.Random, count: int) -> tuple[list[str], list[str]]:
        """date_added spread over two years in id order; date_modified a bit later for 60%."""
        r = rng.random
        step = SPAN_SECONDS / max(count, 1)
        seconds = [int(step * index + r() * 3600) for index in range(count)]
        later = [s + int(r() * 90 * 86400) if r() < 0.6 else s for s in seconds]
        return [moment(s) for s in seconds], [moment(s) for s in later]

    def _times(self, rng: random.Random, index: int, count: int) -> tuple[str, str]:
        added = SPAN_SECONDS * index // max(count, 1) + below(rng, 3600)
        modified = added + below(rng, 90 * 86400) if rng.random() < 0.6 else added
        return moment(added), moment(modified)

    def _ids(self, key: str) -> list[int]:
        return self.store.collections[key].ids

    def _fill(
        self,
        collection: Collection,
        count: int,
        rng: random.Random,
        special: Callable[[FieldDef], Gen | None] | None,
    ) -> int:
        """Seed `count` records of a field-defined collection, one column per field."""
        users = self._ids("users") or [1]
        ids = list(range(collection.next_id, collection.next_id + count))
        personas = Personas.draw(rng, ids)
        keys: list[str] = ["id"]
        columns: list[list[Any]] = [ids]
        for fdef in collection.stored_fields:
            generate = (special(fdef) if special else None) or generic_generator(fdef, users)
            keys.append(fdef.alias)
            columns.append(generate(personas, rng))
        added, modified = self._time_columns(rng, count)
        keys += ["date_added", "date_modified"]
        columns += [added, modified]
        template = dict.fromkeys(keys)
        records = []
        for row in zip(*columns, strict=True):
            record = template.copy()  # presized: cheaper than dict(zip(...))
            record.update(zip(keys, row, strict=True))
            records.append(record)
        collection.insert_many(records)
        return count

    # --- field-defined entities -------------------------------------------------------------

    def _seed_contacts(self, count: int) -> int:
        return self._fill(self.store.collections["contacts"], count, self.rng("contacts"), person_generator)

    def _seed_leads(self, count: int) -> int:
        return self._fill(self.store.collections["leads"], count, self.rng("leads"), person_generator)

    def _seed_accounts(self, count: int) -> int:
        def account(fdef: FieldDef) -> Gen | None:
            return (lambda p, rng: p.company) if fdef.alias == "name" else None

        return self._fill(self.store.collections["accounts"], count, self.rng("accounts"), account)

    def _seed_deals(self, count: int) -> int:
        accounts, contacts = self._ids("accounts"), self._ids("contacts")

        def deal(fdef: FieldDef) -> Gen | None:
            def names(p: Personas, rng: random.Random) -> list[Any]:
                products = rng.choices(d.DEAL_PRODUCTS, k=len(p.ids))
                return [f"{c} - {x} (D-{i})" for c, x, i in zip(p.company, products, p.ids, strict=True)]

            generators: dict[str, Gen] = {
                "name": names,
                "account_id": lambda p, rng: rng.choices(accounts, k=len(p.ids)) if accounts else [None] * len(p.ids),
                "contact_id": lambda p, rng: rng.choices(contacts, k=len(p.ids)) if contacts else [None] * len(p.ids),
                "stage_id": lambda p, rng: [1 + below(rng, 6) for _ in p.ids],
                "pipeline_id": lambda p, rng: [1 + below(rng, 3) for _ in p.ids],
            }
            return generators.get(fdef.alias)

        return self._fill(self.store.collections["deals"], count, self.rng("deals"), deal)

    def _seed_cases(self, count: int) -> int:
        contacts, accounts = self._ids("contacts"), self._ids("accounts")
        cases = self.store.collections["cases"]

        def case(fdef: FieldDef) -> Gen | None:
            generators: dict[str, Gen] = {
                "identifier": lambda p, rng: [f"REF-{1000 + i}" for i in p.ids],
                "title": lambda p, rng: rng.choices(d.CASE_TITLES, k=len(p.ids)),
                "contact_id": lambda p, rng: rng.choices(contacts, k=len(p.ids)) if contacts else [None] * len(p.ids),
                "account_id": lambda p, rng: rng.choices(accounts, k=len(p.ids)) if accounts else [None] * len(p.ids),
            }
            return generators.get(fdef.alias)

        first = cases.next_id
        self._fill(cases, count, self.rng("cases"), case)
        rng = self.rng("replies")
        for case_id in range(first, cases.next_id):
            record = cases.records[case_id]
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                reply = {"case_id": case_id, "text": rng.choice(d.REPLY_TEXTS), "owner_id": record["owner_id"]}
                self.store.create("replies", reply, now=record["date_modified"])
        return count

    # --- fixed-shape resources --------------------------------------------------------------

    def _add(self, key: str, count: int, make: Callable[[random.Random, int], dict[str, Any]]) -> int:
        rng = self.rng(key)
        collection = self.store.collections[key]
        for index in range(count):
            values = make(rng, collection.next_id)
            added, modified = self._times(rng, index, count)
            record = self.store.create(key, values, now=added)
            record["date_modified"] = modified
            collection.touched(record["id"])
        return count

    def _seed_roles(self, count: int) -> int:
        def role(rng: random.Random, record_id: int) -> dict[str, Any]:
            name, description, permissions = d.ROLE_DEFS[(record_id - 2) % len(d.ROLE_DEFS)]
            cycle = (record_id - 2) // len(d.ROLE_DEFS)
            return {
                "name": name if cycle == 0 else f"{name} {cycle + 1}",
                "description": description,
                "isAdmin": False,
                "permissions": list(permissions),
            }

        return self._add("roles", count, role)

    def _seed_users(self, count: int) -> int:
        roles = self._ids("roles")
        taken = {user["username"] for user in self.store.collections["users"].records.values()}

        def user(rng: random.Random, record_id: int) -> dict[str, Any]:
            first, last, city = rng.choice(d.FIRST_NAMES), rng.choice(d.LAST_NAMES), rng.choice(d.CITIES)
            username = f"{first}.{last}".lower().replace("'", "")
            if username in taken:
                username = f"{username}{record_id}"
            taken.add(username)
            return {
                "username": username,
                "email": f"{username}@example.com",
                "firstName": first,
                "lastName": last,
                "position": rng.choice(d.POSITIONS),
                "role": rng.choice(roles[1:] or roles) if roles else None,
                "timezone": city[4],
                "locale": city[5],
                "isPublished": rng.random() > 0.1,
                "signature": f"{first} {last}",
            }

        return self._add("users", count, user)

    def _seed_categories(self, count: int) -> int:
        for target, names in (
            (self.store.task_categories, d.TASK_CATEGORIES),
            (self.store.workflow_categories, d.WORKFLOW_CATEGORIES),
        ):
            for _ in range(count):
                position = len(target)
                cycle = position // len(names)
                title = names[position % len(names)] + (f" {cycle + 1}" if cycle else "")
                color = d.CATEGORY_COLORS[position % len(d.CATEGORY_COLORS)]
                alias = title.lower().replace(" ", "-")
                target.append({"id": position + 1, "title": title, "alias": alias, "color": color})
        return count

    def _seed_lists(self, count: int) -> int:
        owners = [key for key in self.store.collections if key.startswith("lists:")]
        for owner_lists in owners:
            owner = owner_lists[len("lists:") :]
            rng = self.rng(owner_lists)
            lists = self.store.collections[owner_lists]
            for _ in range(count):
                position = lists.next_id - 1
                cycle = position // len(d.LIST_NAMES)
                name = d.LIST_NAMES[position % len(d.LIST_NAMES)] + (f" {cycle + 1}" if cycle else "")
                values = {
                    "name": name,
                    "alias": name.lower().replace(" ", "-"),
                    "description": f"Seeded {owner.replace('ce:', '')} list",
                    "isGlobal": rng.random() > 0.2,
                    "isPublished": True,
                }
                self.store.create(owner_lists, values, now=_stamp(EPOCH))
        return count

    def _seed_tasks(self, count: int) -> int:
        users = self._ids("users") or [1]
        targets = [
            (kind, f"{kind}s") for kind in ("contact", "lead", "account", "deal", "case") if self._ids(f"{kind}s")
        ]
        categories = [category["id"] for category in self.store.task_categories]

        def task(rng: random.Random, record_id: int) -> dict[str, Any]:
            due = EPOCH + timedelta(days=rng.randrange(900), hours=rng.randrange(8, 18))
            done = rng.random() < 0.35
            kind, key = rng.choice(targets) if targets else (None, None)
            return {
                "task": rng.choice(d.TASK_TEMPLATES).format(name=rng.choice(d.FIRST_NAMES)),
                "owner_id": rng.choice(users),
                "due_date": due.strftime("%Y-%m-%d %H:%M"),
                "is_completed": done,
                "date_completed": _stamp(due) if done else None,
                "association_type": kind,
                "association_id": rng.choice(self._ids(key)) if key else None,
                "reminder_type": rng.choice(("email", "notification", None)),
                "remind_minutes": rng.choice((15, 30, 60, None)),
                "category_id": rng.choice(categories) if categories else None,
            }

        return self._add("tasks", count, task)

    def _seed_notes(self, count: int) -> int:
        owners = [key for key in ("contacts", "leads", "accounts", "deals", "cases") if self._ids(key)]
        owners += [f"ce:{name}" for name, table in self.store.tables.items() if table.ids]
        if not owners:
            return 0
        users = self._ids("users") or [1]

        def note(rng: random.Random, record_id: int) -> dict[str, Any]:
            owner = rng.choice(owners)
            when = EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS))
            return {
                "text": rng.choice(d.NOTE_TEXTS),
                "type": rng.choice(("general", "call", "meeting", "email")),
                "datetime": _stamp(when),
                "entity_type": self.store.collections[owner].info.note_type,
                "entity_id": rng.choice(self._ids(owner)),
                "owner_id": rng.choice(users),
            }

        return self._add("notes", count, note)

    def _seed_emails(self, count: int) -> int:
        contact_lists = self._ids("lists:contacts")

        def email(rng: random.Random, record_id: int) -> dict[str, Any]:
            name = d.EMAIL_NAMES[(record_id - 1) % len(d.EMAIL_NAMES)]
            is_list = bool(contact_lists) and record_id % 3 != 1
            return {
                "name": f"{name} #{record_id}",
                "subject": f"{name}: news from Northwind",
                "emailType": "list" if is_list else "template",
                "isPublished": True,
                "sentCount": 0,
                "fromName": "Northwind Trading",
                "fromAddress": "news@northwind.example.com",
                "language": "en_US",
                "lists": sorted(rng.sample(contact_lists, min(2, len(contact_lists)))) if is_list else [],
            }

        return self._add("emails", count, email)

    def _seed_workflows(self, count: int) -> int:
        categories = [category["id"] for category in self.store.workflow_categories]

        def workflow(rng: random.Random, record_id: int) -> dict[str, Any]:
            name = d.WORKFLOW_NAMES[(record_id - 1) % len(d.WORKFLOW_NAMES)]
            return {
                "name": name if record_id <= len(d.WORKFLOW_NAMES) else f"{name} {record_id}",
                "description": f"Seeded automation: {name.lower()}",
                "category": rng.choice(categories) if categories else None,
                "isPublished": rng.random() > 0.2,
                "runtime": rng.choice(("sync", "async")),
                "entity": rng.choice(("contacts", "leads", "deals", "cases")),
            }

        return self._add("workflows", count, workflow)

    def _seed_forms(self, count: int) -> int:
        def form(rng: random.Random, record_id: int) -> dict[str, Any]:
            name = d.FORM_NAMES[(record_id - 1) % len(d.FORM_NAMES)]
            alias = f"{name.lower().replace(' ', '-')}-{record_id}"
            return {"name": name, "alias": alias, "description": f"{name} form", "isPublished": True,
                    "entity": rng.choice(("contacts", "leads")), "submissionCount": rng.randrange(2000)}  # fmt: skip

        return self._add("forms", count, form)

    def _seed_pages(self, count: int) -> int:
        def page(rng: random.Random, record_id: int) -> dict[str, Any]:
            title = d.PAGE_TITLES[(record_id - 1) % len(d.PAGE_TITLES)]
            alias = f"{title.lower().replace(' ', '-').replace(':', '')}-{record_id}"
            return {"title": title, "alias": alias, "isPublished": rng.random() > 0.2, "language": "en_US",
                    "hits": rng.randrange(50000), "url": f"https://pages.example.com/{alias}"}  # fmt: skip

        return self._add("pages", count, page)

    def _seed_reports(self, count: int) -> int:
        def report(rng: random.Random, record_id: int) -> dict[str, Any]:
            name, source = d.REPORT_NAMES[(record_id - 1) % len(d.REPORT_NAMES)]
            return {"name": name, "description": f"Seeded report on {source}", "source": source,
                    "isPublished": True}  # fmt: skip

        return self._add("reports", count, report)

    # --- relations --------------------------------------------------------------------------

    def _relations(self, first_new: Mapping[str, int]) -> None:
        """Put about a third of the new records in a list and record a workflow run on a quarter."""
        from bisect import bisect_left

        workflows = self._ids("workflows")
        rng = self.rng("relations")
        for key in ["contacts", "leads", "accounts", "deals", "cases", *(f"ce:{t}" for t in self.store.tables)]:
            lists = self._ids(f"lists:{key}")
            ids = self._ids(key)
            for record_id in ids[bisect_left(ids, first_new.get(key, 1)) :]:
                if lists and rng.random() < 0.35:
                    self.store.set_membership(key, rng.choice(lists), record_id, True)
                if workflows and rng.random() < 0.25:
                    self.store.add_workflow_run(key, record_id, rng.choice(workflows))
