"""Record commands against a fake Flexie: list, get, create, update, delete, filter, fields and the extras."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer

import flexie
from flexie.cli._app import app
from flexie.cli._commands import RESOURCES
from flexie.testing import FakeFlexie
from tests.cli.conftest import PROJECTS, Cli

# CLI command -> the resource method it calls
METHOD_OF = {
    "list": "list",
    "filter": "filter",
    "get": "get",
    "create": "create",
    "update": "update",
    "delete": "delete",
    "fields": "describe",
    "categories": "categories",
    "complete": "complete",
    "incomplete": "incomplete",
    "replies": "replies",
    "reply": "add_reply",
    "me": "me",
}


def test_every_resource_has_exactly_the_commands_its_methods_allow(fake: FakeFlexie) -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
        for name, spec in RESOURCES.items():
            resource = getattr(client, name)
            expected = {cmd for cmd, method in METHOD_OF.items() if hasattr(resource, method)}
            if name == "notes":  # notes.create(entity_type, id, values): `notes create --on TYPE:ID`
                assert "create-note" in spec.commands
            group = root.commands[name]
            assert isinstance(group, typer.core.TyperGroup)
            assert set(group.commands) == expected, name


def test_list_is_json_when_piped(cli: Cli, fake: FakeFlexie) -> None:
    records = cli("contacts", "list").json()
    assert [r["id"] for r in records] == list(range(1, 21))
    assert records[0] == fake.get_record("contacts", 1)
    assert len(cli("contacts", "list", "--limit", "5").json()) == 5


def test_list_options(cli: Cli) -> None:
    rows = cli("contacts", "list", "--order-by", "points", "--desc", "--fields", "email,Points").json()
    assert list(rows[0]) == ["id", "email", "points"]
    points = [r["points"] for r in rows]
    assert points == sorted(points, reverse=True)
    found = cli("contacts", "list", "--search", rows[0]["email"]).json()
    assert [r["id"] for r in found] == [rows[0]["id"]]
    assert len(cli("contacts", "list", "--all").json()) == 20


def test_table_output(cli: Cli) -> None:
    run = cli("--table", "contacts", "list", "--limit", "3").ok()
    assert "┃ id ┃" in run.out
    assert "first_name" in run.out
    assert "3 of 20" in run.out
    assert not run.out.lstrip().startswith(("[", "{"))
    # also after the command, and for one record (a field/value table)
    one = cli("contacts", "get", "1", "--table").ok()
    assert "field" in one.out
    assert "email" in one.out
    assert "{" not in one.out
    # wide records show id and the first few fields unless --fields says otherwise
    header = run.out.splitlines()[2]
    assert "date_added" not in header
    assert "description" not in header
    chosen = cli("--table", "contacts", "list", "--fields", "city,points").ok()
    assert "city" in chosen.out
    assert "first_name" not in chosen.out


def test_json_forced_and_conflicting_output_options(cli: Cli) -> None:
    assert cli("contacts", "get", "1", "--json").json()["id"] == 1
    assert cli("--json", "contacts", "get", "1").json()["id"] == 1
    run = cli("--json", "contacts", "get", "1", "--table")
    assert run.code == 2
    assert "contradict" in run.error_line()


def test_get_create_update_delete(cli: Cli, fake: FakeFlexie, tmp_path: Path) -> None:
    assert cli("leads", "get", "3").json() == fake.get_record("leads", 3)

    created = cli("contacts", "create", "--data", '{"first_name": "Jane", "email": "jane@acme.com"}').json()
    assert created["email"] == "jane@acme.com"
    assert fake.get_record("contacts", created["id"])["first_name"] == "Jane"  # type: ignore[index]

    data = tmp_path / "deal.json"
    data.write_text(json.dumps({"name": "Big deal", "amount": 12500}), encoding="utf-8")
    deal = cli("deals", "create", "--data", f"@{data}").json()
    assert fake.get_record("deals", deal["id"])["amount"] == 12500  # type: ignore[index]

    account = cli("accounts", "create", "--data", "-", input='{"name": "Acme Ltd"}').json()
    assert fake.get_record("accounts", account["id"])["name"] == "Acme Ltd"  # type: ignore[index]

    updated = cli("contacts", "update", str(created["id"]), "--data", '{"city": "Paris"}').json()
    assert updated["city"] == "Paris" == fake.get_record("contacts", created["id"])["city"]  # type: ignore[index]

    refused = cli("contacts", "delete", str(created["id"]))
    assert refused.code == 2
    assert "--yes" in refused.error_line()
    assert fake.get_record("contacts", created["id"]) is not None
    assert cli("contacts", "delete", str(created["id"]), "--yes").json() == {"id": created["id"], "deleted": True}
    assert fake.get_record("contacts", created["id"]) is None


def _all(cli: Cli, entity: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = cli(entity, "list", "--all").json()
    return records


def test_filter_matches_a_python_filter_of_everything(cli: Cli) -> None:
    everything = _all(cli, "contacts")
    cases: list[tuple[list[str], Any]] = [
        (["points >= 300"], lambda r: r["points"] is not None and r["points"] >= 300),
        (["email like acme"], lambda r: "acme" in (r["email"] or "")),
        (["status in Qualified,Customer"], lambda r: r["status"] in ("Qualified", "Customer")),
        (["points between 100..400"], lambda r: r["points"] is not None and 100 <= r["points"] <= 400),
        (["birthday is_null"], lambda r: r["birthday"] is None),
        (
            ["points > 200", "country = Germany"],
            lambda r: r["points"] is not None and r["points"] > 200 and r["country"] == "Germany",
        ),
    ]
    for wheres, predicate in cases:
        args = [a for w in wheres for a in ("--where", w)]
        got = [r["id"] for r in cli("contacts", "filter", *args, "--all").json()]
        assert got == [r["id"] for r in everything if predicate(r)], wheres


def test_filter_options_and_other_resources(cli: Cli) -> None:
    done = cli("tasks", "filter", "-w", "is_completed = true", "--fields", "task,is_completed", "--all").json()
    assert done
    assert all(r["is_completed"] is True for r in done)
    assert all(set(r) == {"id", "task", "is_completed"} for r in done)
    first = cli("users", "filter", "-w", "id > 2", "--limit", "2").json()
    assert [u["id"] for u in first] == [3, 4]
    top = cli("deals", "filter", "-w", "amount > 0", "--order-by", "amount", "--desc", "-n", "3").json()
    assert [d["amount"] for d in top] == sorted((d["amount"] for d in top), reverse=True)


def test_custom_entity_table(cli: Cli, fake: FakeFlexie) -> None:
    assert len(cli("ce", "projects", "list").json()) == 20
    assert cli("ce", "projects", "get", "2").json() == fake.get_record("projects", 2)
    created = cli("ce", "projects", "create", "-d", '{"name": "CLI project", "status": "open", "amount": 10}').json()
    assert cli("ce", "projects", "filter", "-w", "name = CLI project").json() == [created]
    cli("ce", "projects", "update", str(created["id"]), "-d", '{"status": "won"}').ok()
    assert fake.get_record("projects", created["id"])["status"] == "won"  # type: ignore[index]
    cli("ce", "projects", "delete", str(created["id"]), "--yes").ok()
    assert fake.get_record("projects", created["id"]) is None
    fields = cli("ce", "projects", "fields").json()
    assert [f["alias"] for f in fields] == [f["alias"] for f in PROJECTS]


def test_fields(cli: Cli) -> None:
    fields = cli("fields", "contacts").json()
    assert set(fields[0]) == {"alias", "label", "type", "category", "required", "custom", "choices"}
    tier = next(f for f in fields if f["alias"] == "customer_tier_2")
    assert tier["custom"] is True
    assert tier["choices"] == ["Gold", "Silver", "Bronze"]
    assert cli("contacts", "fields").json() == fields
    assert [f["alias"] for f in cli("fields", "ce:projects").json()] == ["name", "status", "amount"]
    table = cli("fields", "contacts", "--table").ok().out
    for heading in ("alias", "label", "type", "category", "required", "custom", "choices"):
        assert heading in table
    assert "Gold, Silver, Bronze" in table
    run = cli("fields", "tasks")
    assert run.code == 2
    assert "field list" in run.error_line()


def test_field_alias_option(cli: Cli) -> None:
    alias = ["--field-alias", "contacts.tier=customer_tier_2"]
    created = cli(*alias, "contacts", "create", "-d", '{"email": "gold@acme.com", "tier": "Gold"}').json()
    assert created["customer_tier_2"] == "Gold"
    found = cli(
        *alias, "contacts", "filter", "-w", "tier = Gold", "-w", "email like acme.com", "-f", "email,tier"
    ).json()
    assert found == [{"id": created["id"], "email": "gold@acme.com", "customer_tier_2": "Gold"}]
    golden = cli(*alias, "contacts", "filter", "-w", "tier = Gold", "--all").json()
    assert golden
    assert all(r["customer_tier_2"] == "Gold" for r in golden)
    bad = cli("--field-alias", "tier=customer_tier_2", "contacts", "list")
    assert bad.code == 2
    assert "ENTITY.NAME=ALIAS" in bad.error_line()


def test_notes(cli: Cli, fake: FakeFlexie) -> None:
    note = cli("notes", "create", "--on", "contact:17", "--text", "Called back", "--type", "call").json()
    stored = fake.get_record("notes", note["id"])
    assert stored is not None
    assert (stored["entity_type"], stored["entity_id"], stored["text"]) == ("contact", 17, "Called back")
    assert cli("notes", "get", str(note["id"])).json()["text"] == "Called back"
    cli("notes", "update", str(note["id"]), "-d", '{"text": "Called twice"}').ok()
    assert fake.get_record("notes", note["id"])["text"] == "Called twice"  # type: ignore[index]
    cli("notes", "delete", str(note["id"]), "-y").ok()
    assert fake.get_record("notes", note["id"]) is None
    on_project = cli("notes", "create", "--on", "ce:projects:3", "-t", "Kick-off held").json()
    assert fake.get_record("notes", on_project["id"])["entity_type"] == "projects"  # type: ignore[index]
    bad = cli("notes", "create", "--on", "contact", "-t", "x")
    assert bad.code == 2
    assert "TYPE:ID" in bad.error_line()


def test_task_case_and_user_actions(cli: Cli, fake: FakeFlexie) -> None:
    assert cli("tasks", "complete", "1").json()["is_completed"] is True
    assert fake.get_record("tasks", 1)["is_completed"] is True  # type: ignore[index]
    assert cli("tasks", "incomplete", "1").json()["is_completed"] is False
    task = cli("tasks", "create", "-d", '{"task": "Call Jane"}').json()
    assert task["task"] == "Call Jane"
    assert cli("tasks", "categories").json()

    reply = cli("cases", "reply", "2", "--text", "We are on it").json()
    assert reply["text"] == "We are on it"
    assert reply["case_id"] == 2
    assert reply["id"] in [r["id"] for r in cli("cases", "replies", "2", "--all").json()]
    assert cli("cases", "reply", "2").code == 2

    me = cli("users", "me").json()
    assert me["id"] == 1
    assert me["username"] == "admin"


@pytest.mark.parametrize("entity", ["emails", "workflows", "forms", "pages", "reports", "roles", "users"])
def test_read_only_resources_list_and_get(cli: Cli, fake: FakeFlexie, entity: str) -> None:
    records = cli(entity, "list", "-n", "3").json()
    assert len(records) == 3
    assert cli(entity, "get", str(records[1]["id"])).json() == records[1]


def test_workflow_update_and_delete(cli: Cli, fake: FakeFlexie) -> None:
    cli("workflows", "update", "1", "-d", '{"name": "Renamed"}').ok()
    assert fake.get_record("workflows", 1)["name"] == "Renamed"  # type: ignore[index]
    cli("workflows", "delete", "1", "--yes").ok()
    assert fake.get_record("workflows", 1) is None


def test_help_is_there_for_every_command(cli: Cli) -> None:
    for args in ([], ["contacts"]):  # a group without a command shows its help
        bare = cli(*args)
        assert bare.code == 2
        assert "Usage: flexie" in bare.out
    assert "Missing command" in cli("ce", "projects").error_line()
    top = cli("--help").ok().out
    for word in ("contacts", "export", "fake", "fields", "ce", "--where", "Exit codes"):
        assert word in top
    assert "create" not in cli("forms", "--help").ok().out  # only what the resource can do
    assert "complete" in cli("tasks", "--help").ok().out
    assert "FIELD OP VALUE" in cli("contacts", "filter", "--help").ok().out
