"""Input files as spreadsheets and scripts write them, broken rows, and reject files that are fixed and fed back."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import pytest

import flexie
from flexie.imports import ImportFileError, import_records
from flexie.testing import FakeFlexie
from tests.imports.conftest import EXISTING


def by_email(client: flexie.Flexie, email: str) -> flexie.Record:
    (record,) = client.contacts.filter(flexie.F("email") == email).to_list()
    return record


def test_excel_csv_semicolons_bom_crlf_and_a_cell_over_two_lines(client: flexie.Flexie, tmp_path: Path) -> None:
    source = tmp_path / "excel.csv"
    text = (
        "Email;First name;Description;Points;Do not contact;Tags;Birthday\r\n"
        'ann@files.example;Ann;"line one\r\nline two; with a semicolon";12;TRUE;Partner|VIP;1990-02-03\r\n'
        "bob@files.example;Bob;;;false;;\r\n"
        ";;;;;;\r\n"  # spreadsheets leave empty rows at the end
    )
    source.write_bytes(b"\xef\xbb\xbf" + text.encode())
    report = import_records(client.contacts, source, upsert_by="email")
    assert (report.rows, report.created, report.rejected) == (2, 2, 0)
    ann = by_email(client, "ann@files.example")
    assert ann["description"] == "line one\r\nline two; with a semicolon"
    assert (ann["points"], ann["do_not_contact"], ann["tags"]) == (12, True, ["Partner", "VIP"])
    assert str(ann["birthday"]) == "1990-02-03"
    bob = by_email(client, "bob@files.example")
    assert (bob["points"], bob["description"], bob["do_not_contact"]) == (None, None, False)  # empty cells: not set


def test_tab_separated(client: flexie.Flexie, tmp_path: Path) -> None:
    source = tmp_path / "people.tsv"
    source.write_text("email\tcity\ncy@files.example\tSan Sebastián\n", encoding="utf-8")
    assert import_records(client.contacts, source).created == 1
    assert by_email(client, "cy@files.example")["city"] == "San Sebastián"


def test_jsonl_with_blank_and_broken_lines(client: flexie.Flexie, tmp_path: Path) -> None:
    source = tmp_path / "contacts.jsonl"
    lines = [
        '{"email": "j1@files.example", "tags": ["VIP"], "points": 3, "_row": 9, "_error": "old"}',
        "",
        '{"email": "j2@files.example", "city": null}',
        '{"email": "j3@files.example", "citty": "Oslo"}',
        "[1, 2]",
        '{"email": "j4@files.example", ',
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rejects = tmp_path / "contacts.rejects.jsonl"
    report = import_records(client.contacts, source, upsert_by="email", reject_file=rejects)
    assert (report.created, report.rejected) == (2, 3)
    assert by_email(client, "j1@files.example")["tags"] == ["VIP"]
    rejected = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [r["_row"] for r in rejected] == [4, 5, 6]
    assert "did you mean 'city'" in rejected[0]["_error"]
    assert rejected[0]["citty"] == "Oslo"
    assert rejected[1] == {
        "_row": 5,
        "_error": "the row is JSON list, not an object of field values",
        "_line": "[1, 2]",
    }
    assert rejected[2]["_line"] == '{"email": "j4@files.example", '
    assert "is not JSON" in rejected[2]["_error"]


def test_a_fixed_reject_file_imports_as_it_is(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(
        "Email,Points,Customer tier\nok@files.example,1,Gold\nbad@files.example,many,Gold\n"
        "worse@files.example,2,Platinum\n",
        encoding="utf-8",
    )
    rejects = tmp_path / "contacts.rejects.csv"
    first = import_records(client.contacts, source, upsert_by="email", reject_file=rejects)
    assert (first.created, first.rejected) == (1, 2)
    with rejects.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["_row", "_error", "Email", "Points", "Customer tier"]
    assert [r[0] for r in rows[1:]] == ["3", "4"]

    rows[1][3], rows[2][4] = "5", "Silver"  # fix them; the _row and _error columns may stay
    with rejects.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    second = import_records(client.contacts, rejects, upsert_by="email", reject_file=tmp_path / "again.csv")
    assert (second.created, second.rejected, second.reject_file) == (2, 0, None)
    assert not (tmp_path / "again.csv").exists()
    assert by_email(client, "worse@files.example")["customer_tier_2"] == "Silver"
    assert fake.count("contacts") == EXISTING + 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email,city\nzoë@files.example,Kraków\n".encode("cp1252", errors="replace"), "is not UTF-8"),
        (b"", "has no header row"),
        (b"email,email\na@b.example,c@d.example\n", "more than once"),
    ],
)
def test_unreadable_files_stop_before_anything_is_sent(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    before = fake.request_count()
    with pytest.raises(ImportFileError, match=message):
        import_records(client.contacts, source)
    assert fake.request_count() - before <= 1  # at most the field list
    assert fake.request_count(operation_id="createContact") == 0


def test_not_utf8_found_late_is_still_found_before_writing(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path
) -> None:
    rows = "".join(f"p{i}@files.example,Oslo\n" for i in range(3000))
    (tmp_path / "late.csv").write_bytes(f"email,city\n{rows}".encode() + "zoë@x.example,Oslo\n".encode("cp1252"))
    with pytest.raises(ImportFileError, match=r"not UTF-8 text \(byte 0xeb near row 29\d\d\)"):
        import_records(client.contacts, tmp_path / "late.csv")
    assert fake.request_count(operation_id="createContact") == 0


def test_rows_with_too_many_cells_are_rejected(client: flexie.Flexie, tmp_path: Path) -> None:
    source = tmp_path / "cells.csv"
    source.write_text("email,city\nok@files.example,Oslo\nx@files.example,Oslo,extra\n", encoding="utf-8")
    rejects = tmp_path / "r.csv"
    report = import_records(client.contacts, source, reject_file=rejects)
    assert (report.created, report.rejected) == (1, 1)
    assert "has 3 cells but the header names 2 columns" in report.errors[0].message
    assert rejects.read_text().splitlines()[1].endswith("x@files.example,Oslo,extra")


def test_unknown_format_and_missing_file(client: flexie.Flexie, tmp_path: Path) -> None:
    (tmp_path / "data.xlsx").write_bytes(b"PK")
    with pytest.raises(ImportFileError, match="say csv or jsonl"):
        import_records(client.contacts, tmp_path / "data.xlsx")
    with pytest.raises(ImportFileError, match="does not exist"):
        import_records(client.contacts, tmp_path / "nope.csv")


def test_dry_run_writes_nothing_but_the_reject_file(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> None:
    source = tmp_path / "dry.csv"
    source.write_text("email,points\nd1@files.example,1\nd2@files.example,x\n", encoding="utf-8")
    report = import_records(client.contacts, source, dry_run=True, reject_file=tmp_path / "r.csv")
    assert (report.rows, report.valid, report.rejected, report.created) == (2, 1, 1, 0)
    assert "dry run" in report.summary()
    assert fake.count("contacts") == EXISTING
    assert fake.request_count(operation_id="listContactsFiltered") == 0
    assert not (tmp_path / "dry.csv.import-journal").exists()
    assert (tmp_path / "r.csv").exists()


def test_memory_stays_flat_as_the_file_grows(client: flexie.Flexie, tmp_path: Path) -> None:
    """The check reads the file as it goes: ten times the rows does not take ten times the memory."""
    import tracemalloc

    def peak(rows: int) -> int:
        source = tmp_path / f"rows-{rows}.csv"
        lines = "".join(f"m{i}@files.example,Mem,Row {i},Oslo,{i},true\n" for i in range(rows))
        source.write_text(f"email,first_name,last_name,city,points,do_not_contact\n{lines}", encoding="utf-8")
        tracemalloc.start()
        report = import_records(client.contacts, source, upsert_by="email", dry_run=True)
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert report.valid == rows
        return used

    peak(100)  # the field list and first-use allocations, out of the comparison
    small, large = peak(1_000), peak(10_000)
    print(f"peak traced memory: {small:,} bytes for 1,000 rows, {large:,} for 10,000")
    assert large < small * 2 + 256 * 1024, (small, large)


def test_async_resources_are_refused(fake: FakeFlexie, tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("email\na@files.example\n", encoding="utf-8")
    client = flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key)
    with pytest.raises(flexie.InvalidArgumentError, match="works with the sync client"):
        import_records(client.contacts, source)  # type: ignore[arg-type]
    asyncio.run(client.aclose())
