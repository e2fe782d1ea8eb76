"""The issue's proof: 5,000 CSV rows into the fake (50 invalid, 100 of existing contacts, 20 keys repeated
within the file): the counts are right, the reject file holds exactly the invalid rows, and a real
`flexie import` process killed half way and run again ends in the same state with no duplicate."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import flexie
from flexie.imports import default_journal, import_records
from flexie.testing import FakeFlexie
from tests.imports.conftest import EXISTING, HEADER, Dataset


def contacts_by_email(client: flexie.Flexie) -> dict[str, list[flexie.Record]]:
    found: dict[str, list[flexie.Record]] = {}
    for record in client.contacts.list(page_size=100):
        found.setdefault(str(record["email"]).casefold(), []).append(record)
    return found


def check_final_state(client: flexie.Flexie, fake: FakeFlexie, data: Dataset) -> None:
    """The workspace after the import, read back over the API: every contact once, with the file's values."""
    assert fake.count("contacts") == EXISTING + data.created
    by_email = contacts_by_email(client)
    duplicates = {email: len(records) for email, records in by_email.items() if len(records) > 1}
    assert duplicates == {}
    for email, city in data.existing.items():
        (record,) = by_email[email.casefold()]
        assert record["city"] == city
        assert record["customer_tier_2"] == "Silver"
    for email, city in data.repeated.items():  # the later row won: its city, and its spelling of the email
        (record,) = by_email[email.casefold()]
        assert record["city"] == city
        assert record["email"] == email.upper()
        assert record["customer_tier_2"] == "Bronze"


def check_rejects(path: Path, data: Dataset) -> None:
    """The reject file holds exactly the invalid rows, as they were, with their row number and an error."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["_row", "_error", *HEADER]
    rejected = {int(row[0]): row[2:] for row in rows[1:]}
    assert rejected == data.invalid
    assert all(row[1] for row in rows[1:])


def test_5000_rows_counts_rejects_and_state(fake: FakeFlexie, client: flexie.Flexie, dataset: Dataset) -> None:
    rejects = dataset.path.with_name("rejects.csv")
    report = import_records(client.contacts, dataset.path, upsert_by="email", reject_file=rejects)

    assert report.rows == 5000
    assert (report.created, report.updated, report.unchanged, report.rejected) == (4830, 120, 0, 50)
    assert (dataset.created, dataset.updated, len(dataset.invalid)) == (4830, 120, 50)
    assert report.complete
    assert report.reject_file == rejects
    check_rejects(rejects, dataset)
    check_final_state(client, fake, dataset)
    assert {e.row for e in report.errors} <= set(dataset.invalid)
    messages = " | ".join(e.message for e in report.errors)
    for why in ("not an email address", "must be a number", "is not one of the choices", "ISO date", "no email"):
        assert why in messages

    # Run again: the journal says it is done, so nothing is read from or written to the workspace.
    before = fake.request_count()
    again = import_records(client.contacts, dataset.path, upsert_by="email", reject_file=rejects)
    assert (again.created, again.updated, again.rejected, again.resumed) == (4830, 120, 50, 4950)
    assert fake.request_count() == before
    check_rejects(rejects, dataset)


def _run_import(fake: FakeFlexie, data: Dataset, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "FLEXIE_BASE_URL": fake.base_url, "FLEXIE_API_KEY": fake.api_key}
    command = [sys.executable, "-m", "flexie.cli", "--json", "import", "contacts", str(data.path), "-u", "email"]
    return subprocess.Popen([*command, *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _outcomes(journal: Path) -> int:
    try:
        return journal.read_bytes().count(b'"outcome"')
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_killed_half_way_and_run_again(fake: FakeFlexie, client: flexie.Flexie, dataset: Dataset) -> None:
    journal = default_journal(dataset.path)
    fake.inject("latency", operation_id="createContact", latency=0.004)  # writes in flight when the kill lands
    first = _run_import(fake, dataset)
    deadline = time.monotonic() + 60
    while _outcomes(journal) < 2500 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert first.poll() is None, f"the import ended before it could be killed: {first.communicate()}"
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert first.returncode == -signal.SIGKILL

    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    done = {e["row"] for e in lines if "outcome" in e}
    in_flight = {e["row"] for e in lines if "intent" in e} - done
    assert 2000 <= len(done) < 4950
    assert not any(e.get("complete") for e in lines)
    created_so_far = fake.count("contacts") - EXISTING
    assert 0 < created_so_far < dataset.created

    second = _run_import(fake, dataset)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 5, err  # 5: some rows were rejected
    report = json.loads(out)
    assert (report["created"], report["updated"], report["unchanged"], report["rejected"]) == (4830, 120, 0, 50)
    assert report["resumed"] == len(done)
    check_rejects(Path(report["reject_file"]), dataset)
    check_final_state(client, fake, dataset)
    # The rows in flight at the kill were looked up, not sent blindly again.
    print(f"killed with {len(done)} rows done and {len(in_flight)} in flight")


def test_row_outcome_counts_match_the_journal(fake: FakeFlexie, client: flexie.Flexie, dataset: Dataset) -> None:
    """Every valid row has exactly one outcome in the journal, and the journal's counts are the report's."""
    report = import_records(client.contacts, dataset.path, upsert_by="email")
    events = [json.loads(line) for line in default_journal(dataset.path).read_text().splitlines()]
    outcomes = Counter(e["row"] for e in events if "outcome" in e)
    assert len(outcomes) == 4950
    assert set(outcomes.values()) == {1}
    assert not set(outcomes) & set(dataset.invalid)
    assert events[-1] == {"complete": True, "created": 4830, "updated": 120, "unchanged": 0, "rejected": 50}
    assert report.reject_file is None  # none asked for: the errors are in the report
