"""Stopping and resuming: a write whose answer is lost stops the import; the next run looks the row up
before writing it again, so nothing is created twice, and the counts stay exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import flexie
from flexie.imports import ImportJournalError, ImportStoppedError, default_journal, import_records
from flexie.testing import FakeFlexie
from tests.imports.conftest import EXISTING


def write_csv(path: Path, rows: list[str], header: str = "email,first_name,city") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def new_rows(count: int, city: str = "Porto") -> list[str]:
    return [f"r{i}@resume.example,R{i},{city}" for i in range(count)]


def journal_events(source: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in default_journal(source).read_text().splitlines()]


@pytest.mark.parametrize("upsert_by", ["email", None])
def test_a_create_whose_answer_is_lost_is_not_created_again(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path, upsert_by: str | None
) -> None:
    source = write_csv(tmp_path / "new.csv", new_rows(30))
    fake.inject("drop", operation_id="createContact", times=1)  # created, then the connection is closed

    with pytest.raises(ImportStoppedError) as stopped:
        import_records(client.contacts, source, upsert_by=upsert_by, concurrency=1)
    assert isinstance(stopped.value.cause, flexie.APIConnectionError)
    assert "run the same import again to resume" in str(stopped.value)
    assert fake.count("contacts") == EXISTING + 1  # the lost answer's record exists
    events = journal_events(source)
    assert events[1:] == [{"row": 2, "intent": "create"}]

    report = import_records(client.contacts, source, upsert_by=upsert_by, concurrency=1)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (30, 0, 0, 0)
    assert fake.count("contacts") == EXISTING + 30
    assert fake.request_count(operation_id="createContact") == 1 + 29  # row 2 was found, not sent again


def test_an_update_whose_answer_is_lost_counts_as_updated(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path
) -> None:
    emails = [c["email"] for c in client.contacts.list(limit=3)]
    source = write_csv(tmp_path / "moves.csv", [f"{e},,Bergen" for e in emails])
    fake.inject(502, operation_id="updateContact", phase="after", times=1)  # applied, then answered 502

    with pytest.raises(ImportStoppedError) as stopped:
        import_records(client.contacts, source, upsert_by="email", concurrency=1)
    assert isinstance(stopped.value.cause, flexie.ServerError)

    report = import_records(client.contacts, source, upsert_by="email", concurrency=1)
    assert (report.created, report.updated, report.unchanged) == (0, 3, 0)  # not "unchanged": the lost one counts
    assert [client.contacts.filter(flexie.F("email") == e).to_list()[0]["city"] for e in emails] == ["Bergen"] * 3


def test_create_only_without_a_unique_value_is_rejected_as_uncertain(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "names.csv", ["Ann,Oslo", "Bob,Oslo"], header="first_name,city")
    fake.inject("drop", operation_id="createContact", times=1)
    with pytest.raises(ImportStoppedError):
        import_records(client.contacts, source, concurrency=1)

    report = import_records(client.contacts, source, concurrency=1)
    assert (report.created, report.rejected) == (1, 1)
    assert report.errors[0].row == 2
    assert "check whether it exists in Flexie" in report.errors[0].message
    assert fake.count("contacts") == EXISTING + 2  # Ann once (by the lost create), Bob once


def test_a_changed_input_does_not_resume_an_old_journal(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "new.csv", new_rows(5))
    fake.inject("drop", operation_id="createContact", times=1)
    with pytest.raises(ImportStoppedError):
        import_records(client.contacts, source, upsert_by="email", concurrency=1)
    write_csv(source, new_rows(6))

    with pytest.raises(ImportJournalError, match="the input file changed"):
        import_records(client.contacts, source, upsert_by="email")
    write_csv(source, new_rows(5))
    with pytest.raises(ImportJournalError, match="the upsert field differs"):
        import_records(client.contacts, source)
    report = import_records(client.contacts, source, upsert_by="email", restart=True)
    assert (report.created, report.updated, report.unchanged) == (4, 0, 1)  # the first row was found: upsert
    assert report.resumed == 0
    assert fake.count("contacts") == EXISTING + 5


def test_a_torn_last_journal_line_is_dropped(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", new_rows(10))
    fake.inject("drop", operation_id="createContact", times=1)
    with pytest.raises(ImportStoppedError):
        import_records(client.contacts, source, upsert_by="email", concurrency=1)
    journal = default_journal(source)
    with journal.open("a") as f:
        f.write('{"row":2,"outcome":"crea')  # as if killed while writing the outcome line

    report = import_records(client.contacts, source, upsert_by="email", concurrency=1)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (10, 0, 0, 0)
    assert fake.count("contacts") == EXISTING + 10
    lines = journal.read_text().splitlines(keepends=True)
    assert all(line.endswith("\n") for line in lines)
    assert [json.loads(line) for line in lines][1:3] == [
        {"row": 2, "intent": "create"},
        {"row": 2, "outcome": "created", "id": EXISTING + 1},
    ]


def test_not_a_journal(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", new_rows(2))
    default_journal(source).write_text('{"something": "else"}\n')
    with pytest.raises(ImportJournalError, match="is not an import journal"):
        import_records(client.contacts, source, upsert_by="email")
    assert fake.request_count(operation_id="createContact") == 0


def test_rows_of_one_key_run_in_file_order(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> None:
    """Ten rows of one key, back to back, at concurrency 8: one create, then each row updates it in turn."""
    rows = [f"same@order.example,Same,City {i}" for i in range(10)]
    source = write_csv(tmp_path / "same.csv", rows)
    report = import_records(client.contacts, source, upsert_by="email", concurrency=8)
    assert (report.created, report.updated) == (1, 9)
    (record,) = client.contacts.filter(flexie.F("email") == "same@order.example").to_list()
    assert record["city"] == "City 9"


def test_a_key_in_flight_across_lookup_batches(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> None:
    """Row 101 (last of the first lookup batch) is still being created when the second batch is looked up;
    row 103 has the same key: it must wait for that create and update the record, not create another."""
    rows = new_rows(105)
    rows[101] = rows[99].replace("Porto", "Faro")
    source = write_csv(tmp_path / "late.csv", rows)
    fake.inject("latency", operation_id="createContact", latency=0.05)
    report = import_records(client.contacts, source, upsert_by="email", concurrency=8)
    assert (report.created, report.updated) == (104, 1)
    (record,) = client.contacts.filter(flexie.F("email") == "r99@resume.example").to_list()
    assert record["city"] == "Faro"


def test_server_refusals_are_rejects_and_the_import_goes_on(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path
) -> None:
    """A field the server requires but the client's cached field list does not know: every create is
    answered 422, each such row is rejected with the server's reason, and updates still go through."""
    known = client.contacts.list(limit=1).to_list()[0]["email"]
    source = write_csv(tmp_path / "mixed.csv", [*new_rows(3), f"{known},,Tromso"])
    client.contacts.fields()  # cached before the server changes
    fake.add_field("contacts", {"alias": "vat_id", "label": "VAT", "required": True})

    report = import_records(client.contacts, source, upsert_by="email", reject_file=tmp_path / "rejects.csv")
    assert (report.created, report.updated, report.rejected) == (0, 1, 3)
    assert all("vat_id" in e.message for e in report.errors)
    assert len((tmp_path / "rejects.csv").read_text().splitlines()) == 1 + 3


def test_a_wrong_key_stops_before_anything(fake: FakeFlexie, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", new_rows(2))
    with flexie.Flexie(base_url=fake.base_url, api_key="wrong") as client, pytest.raises(flexie.AuthenticationError):
        import_records(client.contacts, source, upsert_by="email")
    assert not default_journal(source).exists()
