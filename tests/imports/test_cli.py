"""`flexie import ENTITY FILE`: the report, exit codes, mapping options, and a stop that says how to resume."""

from __future__ import annotations

import json
from pathlib import Path

import flexie
from flexie.testing import FakeFlexie
from tests.cli.conftest import Cli
from tests.imports.conftest import EXISTING

CSV = "E-mail,Level,Points\nc1@cli.example,Gold,1\nc2@cli.example,Silver,x\nc3@cli.example,Bronze,3\n"


def write(tmp_path: Path, text: str = CSV, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def upsert_args(tmp_path: Path) -> tuple[str, ...]:
    """`flexie import` of a valid people.csv, mapped, upserting by email."""
    source = write(tmp_path, CSV.replace(",x\n", ",2\n"))
    return ("import", "contacts", str(source), "-m", "E-mail=email", "-m", "Level=Customer tier", "-u", "email")


def test_dry_run_reports_and_writes_nothing(fake: FakeFlexie, tmp_path: Path) -> None:
    source = write(tmp_path)
    run = Cli(fake)(
        "import", "contacts", str(source), "-m", "E-mail=email", "-m", "Level=Customer tier", "--dry-run", "--table"
    )
    assert run.code == 5  # some rows were rejected
    assert "people.csv: 3 rows: 2 valid, 1 rejected (dry run: nothing written)" in run.out
    assert "column 'Points': contacts.points is a number field; 'x' (str) must be a number" in run.out
    assert f"rejected rows: {tmp_path / 'people.rejects.csv'}" in run.out
    assert fake.count("contacts") == EXISTING


def test_import_with_a_mapping_file_as_json(fake: FakeFlexie, tmp_path: Path) -> None:
    source = write(tmp_path, CSV.replace(",x\n", ",2\n"))
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"E-mail": "email", "Level": "customer_tier_2"}', encoding="utf-8")
    run = Cli(fake)("--json", "import", "contacts", str(source), "--mapping", str(mapping), "--upsert-by", "email")
    report = run.json()
    assert (report["created"], report["updated"], report["rejected"], report["reject_file"]) == (3, 0, 0, None)
    assert report["journal"] == str(tmp_path / "people.csv.import-journal")
    assert fake.count("contacts") == EXISTING + 3

    again = Cli(fake)("import", "contacts", str(source), "--mapping", str(mapping), "-u", "email", "--table").ok()
    assert "3 created, 0 updated, 0 unchanged, 0 rejected; 3 done by an earlier run" in again.out


def test_mapping_mistakes_are_usage_errors(fake: FakeFlexie, tmp_path: Path) -> None:
    run = Cli(fake)("import", "contacts", str(write(tmp_path)))
    assert run.code == 2
    assert "column 'E-mail' is not a field of contacts" in run.error_line()
    bad = Cli(fake)("import", "contacts", str(write(tmp_path)), "-m", "E-mail")
    assert bad.code == 2
    assert "a mapping is COLUMN=FIELD" in bad.error_line()
    tasks = Cli(fake)("import", "tasks", str(write(tmp_path)))
    assert tasks.code == 2
    assert "has no field list" in tasks.error_line()


def test_a_stop_says_how_to_resume_and_the_rerun_finishes(fake: FakeFlexie, tmp_path: Path) -> None:
    args = (*upsert_args(tmp_path), "-c", "1")
    fake.inject("drop", operation_id="createContact", times=1)
    run = Cli(fake)(*args)
    assert run.code == 7  # the connection was lost
    line = run.error_line()
    assert "stopped at row 2" in line
    assert "run the same import again to resume" in line
    assert fake.api_key not in run.result.output

    Cli(fake)(*args).ok()
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
        assert len(client.contacts.filter(flexie.F("email") == "c1@cli.example").to_list()) == 1
    assert fake.count("contacts") == EXISTING + 3


def test_jsonl_reject_file_default_name(fake: FakeFlexie, tmp_path: Path) -> None:
    source = write(tmp_path, '{"email": "j@cli.example"}\n{"email": "nope"}\n', name="feed.jsonl")
    run = Cli(fake)("--json", "import", "contacts", str(source))
    assert run.code == 5
    report = json.loads(run.out)
    assert report["reject_file"] == str(tmp_path / "feed.rejects.jsonl")
    (line,) = (tmp_path / "feed.rejects.jsonl").read_text().splitlines()
    assert json.loads(line)["email"] == "nope"


def test_progress_bar_on_a_terminal(fake: FakeFlexie, tmp_path: Path) -> None:
    args = (*upsert_args(tmp_path), "--table")
    run = Cli(fake)(*args, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})  # rich: stderr is a terminal
    assert run.code == 0, run.err
    assert "importing" in run.err
    assert "3/3" in run.err
    quiet = Cli(fake)(*args, "--no-progress", "--restart", env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert "importing" not in quiet.err
