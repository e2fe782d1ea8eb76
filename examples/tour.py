"""A guided tour of flexie: ``make demo``, or ``python examples/tour.py``.

By default it starts a fake Flexie workspace on 127.0.0.1 (``flexie.testing.FakeFlexie``, from the
``testing`` extra), fills it with a few hundred records, and walks through the client step by step.

With a real workspace in the environment (``FLEXIE_SUBDOMAIN`` or ``FLEXIE_BASE_URL``, and
``FLEXIE_API_KEY`` or ``FLEXIE_ACCESS_TOKEN``) it runs only a read-only part there: it never writes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import os
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import flexie
from flexie import F

if TYPE_CHECKING:
    from flexie.testing import FakeFlexie

# Every Flexie account names its custom fields itself: "customer tier" is `customer_tier_2` here and
# may be `tier` elsewhere. These are the fake workspace's two custom contact fields ...
CUSTOM_FIELDS: dict[str, list[dict[str, Any]]] = {
    "contacts": [
        {
            "alias": "customer_tier_2",
            "label": "Customer tier",
            "type": "select",
            "choices": ["Gold", "Silver", "Bronze"],
        },
        {"alias": "renewal_on", "label": "Renewal date", "type": "date"},
    ]
}
# ... and this is how code names them: logical names, mapped to this workspace's aliases in one place.
FIELD_ALIASES = {"contacts": {"tier": "customer_tier_2", "renewal": "renewal_on"}}


def step(number: int, title: str) -> None:
    print(f"\n{number}. {title}")


def show(text: str) -> None:
    print(f"   {text}")


def print_client_logs() -> None:
    """The client logs each retry on the ``flexie`` logger at INFO (DEBUG adds every request)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("   [log] %(message)s"))
    logger = logging.getLogger("flexie")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def tour(client: flexie.Flexie, fake: FakeFlexie) -> None:
    """Steps 1 to 9, against the fake workspace ``fake`` (``client`` points at it)."""
    step(1, "Create a contact with custom fields, by logical name")
    schema = client.contacts.describe()  # the live field list (fetched once, then cached)
    for name in ("tier", "renewal"):
        field = schema.resolve(name)
        show(f"{name!r} is this workspace's {field.alias!r} ({field.type})")
    ada = client.contacts.create(
        {"first_name": "Ada", "email": "ada@example.com", "tier": "Gold", "renewal": dt.date(2027, 3, 31)}
    )
    show(f"created contact {ada.id}; on the wire, both ways, fields go by alias and dates as text:")
    show(f"  wire:      customer_tier_2={ada.raw['customer_tier_2']!r}, renewal_on={ada.raw['renewal_on']!r}")
    ada = client.contacts.get(ada.id)  # records are read-only mappings that type values on access
    show(f"  read back: tier={ada['tier']!r}, renewal={ada['renewal']!r}")
    try:  # names are checked against the live fields before anything is sent
        client.contacts.create({"first_name": "Bo", "emial": "bo@example.com"})
    except flexie.UnknownFieldError as err:
        show(f"a typo fails fast, with nothing sent: {type(err).__name__}, suggestions={err.suggestions}")
        show(f"  {textwrap.shorten(str(err), 100)}")

    step(2, "Page through every contact, one page in memory at a time")
    pager = client.contacts.list(page_size=100)  # lazy: nothing is fetched yet
    sizes = [len(page) for page in pager.pages()]  # or simply `for rec in pager:`; pages come as needed
    show(f"total: {pager.total} contacts in {len(sizes)} pages of up to 100 ({' + '.join(map(str, sizes))})")
    show("iterating holds one page at a time: a million contacts cost the memory of 100")
    in_order = [rec.id for rec in pager]
    side_by_side = [rec.id for rec in client.contacts.list(page_size=100, concurrency=4)]  # 4 requests in flight
    same = "the same records, in the same order" if side_by_side == in_order else "DIFFERENT records"
    show(f"concurrency=4 fetches four pages at once, ahead of use: {len(side_by_side)} contacts, {same}")

    step(3, "Filter with F: every condition must hold")
    matches = client.contacts.filter(
        F("tier") == "Gold",  # a custom field, by its logical name
        F("renewal").between(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),  # typed: dates, not strings
        F("country") == "United States",
    )
    show(f"{matches.total} Gold contacts in the United States renew in 2025, e.g.:")
    for rec in itertools.islice(matches, 3):
        show(f"  {rec.id:>4}  {rec['email']:<45} renews {rec['renewal']}")

    step(4, "Update by unique field: no id needed, the email finds the record")
    ada = client.contacts.update_by_unique_field({"email": "ada@example.com", "tier": "Silver", "city": "London"})
    show(f"contact {ada.id} ({ada['email']}) is now tier {ada['tier']!r}, city {ada['city']!r}")

    step(5, "Add the contact to a list, and read its lists back")
    first_list = client.contacts.lists()[0]
    added = client.contacts.add_to_list(first_list.id, ada.id)  # False if it was already there
    show(f"added to {first_list['name']!r} (list {first_list.id}): {added}")
    show(f"contact {ada.id} is on: {', '.join(rec['name'] for rec in client.contacts.record_lists(ada.id))}")

    step(6, "Complete a task")
    task = next(t for t in client.tasks.list() if not t["is_completed"])
    done = client.tasks.complete(task.id)
    show(f"task {task.id} {task['task']!r}: is_completed {task['is_completed']} -> {done['is_completed']}")

    step(7, "Reply to a case, by id and by its reference identifier")
    case = client.cases.get(1)
    client.cases.add_reply(case.id, {"text": "Thanks, we are looking into it."})
    client.cases.add_reply_by_identifier(case["identifier"], {"text": "Fixed in today's release."})
    show(f"case {case.id} is {case['identifier']} ({case['title']!r})")
    for reply in client.cases.replies_by_identifier(case["identifier"]):
        show(f"  reply {reply.id}: {reply['text']!r}")

    step(8, "Rate limits: the server answers 429, the client waits as told and retries")
    fake.set_rate_limit(60)  # the fake now allows a burst of 60 requests, then one a second
    show("the workspace allows 60 requests a minute; reading 64 contacts one by one:")
    started = time.monotonic()
    for contact_id in range(1, 65):
        client.contacts.get(contact_id)  # a 429 is retried after its Retry-After (at most 60 s by default)
    rejected = sum(r.status == 429 for r in fake.requests)  # the fake's request log
    show(f"all 64 read in {time.monotonic() - started:.1f} s; the server said 429 {rejected} times, no error surfaced")
    fake.set_rate_limit(None)
    # Or stay under a budget yourself: rate_limit_per_minute spaces requests (shared by every thread).
    before = fake.request_count()
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, rate_limit_per_minute=300) as paced:
        started = time.monotonic()
        for contact_id in range(1, 6):
            paced.contacts.get(contact_id)
    sent = fake.request_count() - before
    show(f"client-side alternative, rate_limit_per_minute=300: {sent} requests took {time.monotonic() - started:.1f} s")
    show("  (one every 0.2 s at most; the first was the field list, fetched once per client)")

    step(9, "Export every contact to a JSON Lines file, streaming")
    path = Path(tempfile.mkdtemp(prefix="flexie-tour-")) / "contacts.jsonl"
    count = 0
    with path.open("w", encoding="utf-8") as out:
        # filter() without an order pages by id (id > last seen): records created or deleted meanwhile
        # cannot shift the pages, so every record present throughout is written exactly once.
        for rec in client.contacts.filter():
            out.write(json.dumps(rec.raw) + "\n")  # .raw: exactly what the server sent
            count += 1
    show(f"wrote {count} contacts to {path}")


def read_only_tour(client: flexie.Flexie) -> None:
    """The part that is safe on a real workspace: GETs, and filter queries (POST, but they change nothing)."""
    print(f"flexie read-only tour of a real workspace: {client!r}")
    step(1, "Who am I")
    me = client.users.me()
    show(f"user {me.id}: {me.get('username')} <{me.get('email')}>")

    step(2, "The fields of contacts")
    fields = client.contacts.fields()
    show(f"{len(fields)} fields; custom: {', '.join(f.alias for f in fields if f.custom) or 'none'}")
    show("name them in code with Flexie(field_aliases={'contacts': {'tier': '<alias>'}})")

    step(3, "The first page of contacts")
    page = client.contacts.list(page_size=5).first_page()
    show(f"{page.total} contacts; the first {len(page)}:")
    for rec in page:
        show(f"  {rec.id:>6}  {rec.get('email') or '-'}")

    step(4, "A filter: contacts with an email address, added in the last five years")
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=5 * 365)  # datetimes must be timezone-aware
    matches = client.contacts.filter(F("email").is_not_null(), F("date_added") >= since, limit=5)
    show(f"{matches.total} contacts (a filter is a POST that reads; the tour sends nothing else by POST)")

    step(5, "Counts")
    for name in ("contacts", "leads", "accounts", "deals", "cases"):
        try:
            show(f"{name:<9} {getattr(client, name).list(page_size=1).total}")
        except flexie.PermissionDeniedError:
            show(f"{name:<9} (this key may not list them)")


def main() -> int:
    print_client_logs()
    env = os.environ
    if (env.get("FLEXIE_SUBDOMAIN") or env.get("FLEXIE_BASE_URL")) and (
        env.get("FLEXIE_API_KEY") or env.get("FLEXIE_ACCESS_TOKEN")
    ):
        try:
            with flexie.Flexie() as client:  # reads the FLEXIE_* variables
                read_only_tour(client)
        except (flexie.ConfigurationError, flexie.AuthenticationError, flexie.APIConnectionError) as err:
            print(f"\ncannot use that workspace: {err}", file=sys.stderr)
            return 1
        return 0
    try:
        from flexie.testing import FakeFlexie
    except ImportError:
        print("the tour's fake workspace needs the testing extra: pip install 'flexie[testing]'", file=sys.stderr)
        return 1
    with FakeFlexie(custom_fields=CUSTOM_FIELDS, seed=7) as fake:
        seeded = fake.seed(contacts=300, lists=3, tasks=10, cases=5)
        print(f"flexie guided tour, against a fake Flexie workspace at {fake.base_url}")
        print(f"seeded {', '.join(f'{n} {kind}' for kind, n in seeded.items())}")
        with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, field_aliases=FIELD_ALIASES) as client:
            tour(client, fake)
    print("\nWhat next")
    show("your workspace, read-only: FLEXIE_SUBDOMAIN=acme FLEXIE_API_KEY=... python examples/tour.py")
    show("the CLI: pip install 'flexie[cli]', then flexie --help, flexie contacts list --search acme,")
    show("  flexie export contacts --format csv --output contacts.csv")
    show("the docs: docs/index.md (make docs builds them into site/); README.md for the quickstart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
