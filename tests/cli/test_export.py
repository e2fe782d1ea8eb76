"""`flexie export`: 1,000 records to JSONL and CSV, filtered, resumed, and failing midway without a half file."""

from __future__ import annotations

import csv
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flexie.cli._export import last_exported
from flexie.testing import FakeFlexie
from tests.cli.conftest import CONTACT_FIELDS, Cli

COUNT = 1000
FILTER_OP = "listContactsFiltered"


@pytest.fixture(scope="module")
def big() -> Iterator[FakeFlexie]:
    """A workspace of exactly 1,000 contacts (and 30 tasks), left unchanged by these tests."""
    with FakeFlexie(seed=5, custom_fields={"contacts": CONTACT_FIELDS}) as server:
        server.seed(contacts=COUNT, tasks=30)
        yield server


@pytest.fixture
def cli(big: FakeFlexie) -> Cli:
    big.clear_faults()
    return Cli(big)


@pytest.fixture(scope="module")
def full_jsonl(big: FakeFlexie, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The lines of a complete JSONL export (made once; other tests compare against it)."""
    target = tmp_path_factory.mktemp("full") / "contacts.jsonl"
    run = Cli(big)("export", "contacts", "--output", str(target))
    assert run.code == 0, run.err
    return target.read_text(encoding="utf-8").splitlines(keepends=True)


def ids_of(lines: list[str]) -> list[int]:
    return [json.loads(line)["id"] for line in lines]


def test_jsonl_export_of_1000(big: FakeFlexie, full_jsonl: list[str], tmp_path: Path) -> None:
    assert big.count("contacts") == COUNT
    assert len(full_jsonl) == COUNT
    ids = ids_of(full_jsonl)
    assert ids == sorted(ids)
    assert len(set(ids)) == COUNT
    assert set(ids) == set(range(1, COUNT + 1))
    assert json.loads(full_jsonl[41]) == big.get_record("contacts", 42)  # raw, alias-keyed, complete


def test_jsonl_export_reports_and_leaves_nothing_else(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "contacts.jsonl"
    run = cli("export", "contacts", "-o", str(target), "--page-size", "37").ok()
    assert run.out == ""
    assert run.err.startswith(f"{COUNT} records to {target}")
    assert len(target.read_text(encoding="utf-8").splitlines()) == COUNT
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.jsonl"]  # the temporary file was renamed


@pytest.mark.parametrize("extra", [[], ["--where", "id>100"]])
def test_concurrent_export_writes_the_same_file(
    cli: Cli, full_jsonl: list[str], tmp_path: Path, extra: list[str]
) -> None:
    target = tmp_path / "contacts.jsonl"
    cli("export", "contacts", "-o", str(target), "--concurrency", "8", "--page-size", "50", *extra).ok()
    expected = full_jsonl if not extra else [line for line in full_jsonl if json.loads(line)["id"] > 100]
    assert target.read_text(encoding="utf-8").splitlines(keepends=True) == expected


def test_csv_export_of_1000(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "contacts.csv"
    run = cli("export", "contacts", "--format", "csv", "--output", str(target)).ok()
    assert f"{COUNT} records to {target}" in run.err
    with target.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    assert len(rows) == COUNT
    ids = [int(r["id"]) for r in rows]
    assert len(set(ids)) == COUNT
    assert set(ids) == set(range(1, COUNT + 1))
    aliases = [f["alias"] for f in cli("fields", "contacts").json()]
    assert header[0] == "id"
    assert header[1 : 1 + len(aliases)] == aliases  # field-list order, custom fields included
    assert header[1 + len(aliases) :] == ["date_added", "date_modified"]  # then the other keys
    multi = next(r for r in rows if "|" in r["tags"])
    assert all(tag for tag in multi["tags"].split("|"))
    for row in rows[:50]:
        assert dt.datetime.fromisoformat(row["date_added"]).tzinfo is not None
        assert row["do_not_contact"] in ("true", "false")
        if row["birthday"]:
            dt.date.fromisoformat(row["birthday"])


def test_csv_format_from_the_extension_and_chosen_fields(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "few.csv"
    cli("export", "contacts", "-o", str(target), "--fields", "email,Points", "-w", "id <= 10").ok()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,email,points"
    assert len(lines) == 11


def test_schemaless_resource_csv(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "tasks.csv"
    cli("export", "tasks", "-o", str(target)).ok()
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 30
    assert next(iter(rows[0])) == "id"
    assert "task" in rows[0]


def test_filtered_export(cli: Cli, full_jsonl: list[str], tmp_path: Path) -> None:
    target = tmp_path / "rich.jsonl"
    run = cli("export", "contacts", "-o", str(target), "--where", "points >= 400", "--where", "email like a")
    run.ok()
    expected = [
        r["id"]
        for r in map(json.loads, full_jsonl)
        if r["points"] is not None and r["points"] >= 400 and "a" in (r["email"] or "")
    ]
    got = ids_of(target.read_text(encoding="utf-8").splitlines())
    assert got == expected
    assert 0 < len(got) < COUNT


def test_resume_after_a_partial_file(cli: Cli, full_jsonl: list[str], tmp_path: Path) -> None:
    target = tmp_path / "contacts.jsonl"
    # 400 complete lines and the beginning of the 401st, as a crash while appending would leave
    target.write_text("".join(full_jsonl[:400]) + full_jsonl[400][:30], encoding="utf-8")
    assert last_exported(target) == (400, len("".join(full_jsonl[:400]).encode()))
    run = cli("export", "contacts", "-o", str(target), "--resume").ok()
    assert f"{COUNT - 400} records to {target} (appended after id 400)" in run.err
    assert target.read_text(encoding="utf-8").splitlines(keepends=True) == full_jsonl  # none twice, none missing
    again = cli("export", "contacts", "-o", str(target), "--resume").ok()  # nothing new: nothing appended
    assert again.err.startswith("0 records")
    assert target.read_text(encoding="utf-8").splitlines(keepends=True) == full_jsonl


def test_resume_without_a_file_exports_everything(cli: Cli, full_jsonl: list[str], tmp_path: Path) -> None:
    target = tmp_path / "new.jsonl"
    run = cli("export", "contacts", "-o", str(target), "--resume").ok()
    assert "does not exist yet" in run.err
    assert target.read_text(encoding="utf-8").splitlines(keepends=True) == full_jsonl


def test_resume_refusals(cli: Cli, tmp_path: Path) -> None:
    assert cli("export", "contacts", "-o", str(tmp_path / "x.csv"), "--resume").code == 2
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    run = cli("export", "contacts", "-o", str(garbage), "--resume")
    assert run.code == 2
    assert "not a JSON record" in run.error_line()
    assert garbage.read_text(encoding="utf-8") == '{"id": 1}\nnot json\n'
    assert cli("export", "forms", "-o", str(tmp_path / "f.jsonl"), "-w", "id > 1").code == 2
    assert cli("export", "notes", "-o", str(tmp_path / "n.jsonl")).code == 2
    assert cli("export", "nothing", "-o", str(tmp_path / "n.jsonl")).code == 2


def _fail_midway(big: FakeFlexie, cli: Cli, *args: str) -> tuple[Any, list[int]]:
    """Run an export whose filter requests start failing (503, for good) after three pages were served."""
    big.clear_requests()
    big.inject("latency", operation_id=FILTER_OP, latency=0.05)

    def strike() -> None:
        deadline = time.monotonic() + 20
        while big.request_count(operation_id=FILTER_OP) < 3 and time.monotonic() < deadline:
            time.sleep(0.005)
        big.inject(503, operation_id=FILTER_OP)

    striker = threading.Thread(target=strike)
    striker.start()
    try:
        run = cli("--max-retries", "0", "export", "contacts", "--page-size", "50", *args)
    finally:
        striker.join()
        statuses = [r.status for r in big.requests if r.operation_id == FILTER_OP]
        big.clear_faults()
    return run, statuses


def test_failure_midway_leaves_no_file(big: FakeFlexie, cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "contacts.jsonl"
    run, statuses = _fail_midway(big, cli, "-o", str(target))
    assert statuses.count(200) >= 3
    assert statuses[-1] == 503
    assert run.code == 1
    assert "503" in run.error_line()
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either
    cli("export", "contacts", "-o", str(target)).ok()  # and running again works
    assert len(target.read_text(encoding="utf-8").splitlines()) == COUNT


def test_failed_resume_keeps_the_old_file(big: FakeFlexie, cli: Cli, full_jsonl: list[str], tmp_path: Path) -> None:
    target = tmp_path / "contacts.csv.jsonl"
    before = "".join(full_jsonl[:100])
    target.write_text(before, encoding="utf-8")
    run, _ = _fail_midway(big, cli, "-o", str(target), "--resume")
    assert run.code == 1
    assert target.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_export_to_stdout(cli: Cli) -> None:
    run = cli("export", "tasks", "-o", "-", "--format", "csv").ok()
    assert len(run.out.splitlines()) == 31
    assert "30 records to standard output" in run.err
