"""Fixtures for the import tests: a fake workspace with custom contact fields, a client, and the 5,000-row file
of the issue's proof (50 invalid rows, 100 rows of existing contacts, 20 keys repeated within the file)."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import flexie
from flexie.testing import FakeFlexie

CONTACT_FIELDS = [
    {"alias": "customer_tier_2", "label": "Customer tier", "type": "select", "choices": ["Gold", "Silver", "Bronze"]},
    {"alias": "renewal_date", "label": "Renewal date", "type": "date"},
]
HEADER = ["Email", "First name", "Last name", "City", "Points", "Customer tier", "Renewal date"]
EXISTING = 100


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeFlexie]:
    with FakeFlexie(seed=11, custom_fields={"contacts": CONTACT_FIELDS}) as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeFlexie) -> FakeFlexie:
    """An empty workspace but for 100 contacts, reset for each test."""
    fake_server.reset()
    fake_server.seed(contacts=EXISTING)
    return fake_server


@pytest.fixture
def client(fake: FakeFlexie) -> Iterator[flexie.Flexie]:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, backoff=(0.01, 0.05)) as c:
        yield c


@dataclass
class Dataset:
    """A CSV file and what importing it must do."""

    path: Path
    rows: int
    invalid: dict[int, list[str]] = field(default_factory=dict)  # spreadsheet row number -> cells
    existing: dict[str, str] = field(default_factory=dict)  # email of a seeded contact -> the city the file gives
    repeated: dict[str, str] = field(default_factory=dict)  # email given twice -> the later row's city

    @property
    def created(self) -> int:
        return self.rows - len(self.invalid) - len(self.existing) - len(self.repeated)

    @property
    def updated(self) -> int:
        return len(self.existing) + len(self.repeated)


def _invalid(n: int) -> list[str]:
    """A row that breaks the schema, five kinds in turn."""
    email = f"bad.{n}@import.example"
    kind = n % 5
    if kind == 0:
        return [f"bad.{n}-at-import.example", "Not", "Email", "Oslo", "1", "Gold", ""]
    if kind == 1:
        return [email, "Bad", "Points", "Oslo", "lots", "Gold", ""]
    if kind == 2:
        return [email, "Bad", "Tier", "Oslo", "1", "Platinum", ""]
    if kind == 3:
        return [email, "Bad", "Date", "Oslo", "1", "Gold", "31/12/2026"]
    return ["", "No", "Email", "Oslo", "1", "Gold", ""]


def write_dataset(
    path: Path, existing_emails: list[str], rows: int = 5000, *, invalid: int = 50, repeats: int = 20
) -> Dataset:
    """``rows`` rows: ``invalid`` broken ones, one for each existing email, ``repeats`` keys given a second time
    (later in the file, in upper case, with another city) and new contacts for the rest, shuffled."""
    rng = random.Random(7)
    kinds = ["invalid"] * invalid + ["existing"] * len(existing_emails) + ["repeat"] * repeats
    kinds += ["new"] * (rows - len(kinds))
    rng.shuffle(kinds)
    data = Dataset(path, rows)
    new_emails: list[str] = []
    existing = iter(existing_emails)
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # as a spreadsheet saves "CSV UTF-8"
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i, kind in enumerate(kinds):
            number = i + 2  # the header is row 1
            if kind == "invalid":
                cells = _invalid(len(data.invalid))
                data.invalid[number] = cells
            elif kind == "existing":
                email = next(existing)
                data.existing[email] = f"Moved {i}"
                cells = [email, "Known", f"Contact {i}", f"Moved {i}", str(i), "Silver", "2027-01-31"]
            elif kind == "repeat" and len(data.repeated) < len(new_emails):
                email = new_emails[len(data.repeated)]
                data.repeated[email] = f"Again {i}"
                cells = [email.upper(), "Twice", f"Contact {i}", f"Again {i}", str(i), "Bronze", ""]
            else:
                email = f"new.{i}@import.example"
                new_emails.append(email)
                cells = [email, "New", f"Contact {i}", "Lisbon", str(i), "Gold", "2026-06-30"]
            writer.writerow(cells)
    assert len(data.repeated) == repeats, "the shuffle put a repeat before any new row: change the seed"
    return data


@pytest.fixture
def dataset(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> Dataset:
    emails = [c["email"] for c in client.contacts.list()]
    assert len(emails) == EXISTING
    return write_dataset(tmp_path / "contacts.csv", emails)
