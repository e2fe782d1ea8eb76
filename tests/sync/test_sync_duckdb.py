"""`flexie sync` into a real DuckDB file from the fake over HTTP: a first run loads everything, a second
only what changed (the fake's request log shows it), and --with-deletions leaves the file equal to the
workspace: the same rows, values and column types."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import flexie
from flexie.dlt_source import DATA_TYPES
from flexie.testing import FakeFlexie
from tests.cli.conftest import Cli

duckdb = pytest.importorskip("duckdb", reason="the dlt extra is not installed")

pytestmark = pytest.mark.slow  # dlt pipelines: about a second a run

ENTITIES = ("contacts", "leads", "accounts", "deals", "cases")
FILTERED_OPS = {
    "contacts": "listContactsFiltered",
    "leads": "listLeadsFiltered",
    "accounts": "listAccountsFiltered",
    "deals": "lisDealsFiltered",
    "cases": "lisCasesFiltered",
    "ce_projects": "listCustomEntitiesFiltered",
}
DUCKDB_TYPES = {
    "double": "DOUBLE", "bool": "BOOLEAN", "date": "DATE", "timestamp": "TIMESTAMP WITH TIME ZONE", "time": "TIME",
    "json": "JSON", "bigint": "BIGINT", "text": "VARCHAR",
}  # fmt: skip
PER_ENTITY = 150  # two pages of 100
TIER = ["--field-alias", "contacts.tier=customer_tier_2"]


def synced(cli: Cli, database: Path, *extra: str) -> dict[str, Any]:
    run = cli(*TIER, "--json", "sync", "contacts", "leads", "accounts", "deals", "cases", "ce:projects",
              "--file", str(database), *extra)  # fmt: skip
    result: dict[str, Any] = run.json()
    return result["tables"]


def filtered_requests(fake: FakeFlexie) -> dict[str, int]:
    counts = {table: 0 for table in FILTERED_OPS}
    by_op = {op: table for table, op in FILTERED_OPS.items()}
    for request in fake.requests:
        if request.operation_id in by_op:
            counts[by_op[request.operation_id]] += 1
    return counts


def column(name: str) -> str:
    """A field's column: dlt's default naming convention writes names in snake_case (internalStatus:
    internal_status)."""
    from dlt.common.normalizers.naming.snake_case import NamingConvention

    return str(NamingConvention().normalize_identifier(name))


def expected_rows(resource: Any, rename: dict[str, str]) -> dict[int, dict[str, Any]]:
    return {r.id: {column(rename.get(k, k)): v for k, v in r.to_dict().items()} for r in resource.filter()}


def database_rows(con: Any, table: str) -> tuple[dict[int, dict[str, Any]], dict[str, str]]:
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'crm' "
            "AND table_name = ?",
            [table],
        ).fetchall()
    )
    cursor = con.execute(f"SELECT * FROM crm.{table}")
    names = [d[0] for d in cursor.description]
    rows = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        rows[row["id"]] = {k: (json.loads(v) if types[k] == "JSON" and v is not None else v) for k, v in row.items()}
    return rows, types


def assert_same(client: flexie.Flexie, database: Path) -> None:
    with duckdb.connect(str(database), read_only=True) as con:
        for table in [*ENTITIES, "ce_projects"]:
            resource = client.custom_entity("projects") if table == "ce_projects" else getattr(client, table)
            schema = resource.describe()
            rename = {alias: logical for logical, alias in schema.logical.items()}
            want = expected_rows(resource, rename)
            rows, types = database_rows(con, table)
            assert sorted(rows) == sorted(want), f"{table}: the ids differ"
            for record_id, values in want.items():
                row = rows[record_id]
                for key, value in values.items():
                    assert row[key] == value, f"{table} {record_id} {key}: {row[key]!r} in DuckDB, {value!r} in Flexie"
            for field in [*schema.fields]:
                name = column(rename.get(field.alias, field.alias))
                assert types[name] == DUCKDB_TYPES[DATA_TYPES.get(field.type, "text")], f"{table}.{name}"
            assert types["id"] == "BIGINT"
            assert types["date_modified"] == "TIMESTAMP WITH TIME ZONE"


@pytest.fixture
def client(fake: FakeFlexie) -> Iterator[flexie.Flexie]:
    """A client with the logical name the sync runs are given (--field-alias contacts.tier=...)."""
    aliases = {"contacts": {"tier": "customer_tier_2"}}
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, field_aliases=aliases) as c:
        yield c


def test_sync_loads_everything_then_only_changes_then_deletions(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path
) -> None:
    fake.seed(**dict.fromkeys(ENTITIES, PER_ENTITY), custom={"projects": 40})
    cli = Cli(fake)
    database = tmp_path / "workspace.duckdb"

    fake.clear_requests()
    first = synced(cli, database)
    assert {t: v["changed"] for t, v in first.items()} == {**dict.fromkeys(ENTITIES, PER_ENTITY), "ce_projects": 40}
    loaded = filtered_requests(fake)
    assert loaded == {**dict.fromkeys(ENTITIES, 3), "ce_projects": 2}  # the undated walk, then the pages
    with duckdb.connect(str(database), read_only=True) as con:
        columns = {c[0] for c in con.execute("DESCRIBE crm.contacts").fetchall()}
    assert "tier" in columns  # the logical name given with --field-alias names the column
    assert "customer_tier_2" not in columns

    # change 30 records and add 10: the next run reads one short page per entity, nothing else
    for record_id in range(1, 21):
        client.contacts.update(record_id, {"city": f"Moved {record_id}", "customer_tier_2": "Gold"})
    for record_id in range(100, 110):
        client.deals.update(record_id, {"amount": 1234.5, "close_date": dt.date(2026, 7, 1)})
    for n in range(10):
        client.leads.create({"first_name": "New", "last_name": f"Lead {n}", "email": f"lead{n}@example.org"})
    fake.clear_requests()
    second = synced(cli, database)
    assert filtered_requests(fake) == dict.fromkeys(FILTERED_OPS, 1)
    assert 20 <= second["contacts"]["changed"] <= 21  # 20, and maybe the record at the cursor's second
    assert 10 <= second["deals"]["changed"] <= 11
    assert 10 <= second["leads"]["changed"] <= 11
    assert_same(client, database)

    # delete 5: a run with --with-deletions scans the ids and leaves the file equal to the workspace
    for entity, record_id in [("contacts", 3), ("contacts", 140), ("deals", 7), ("cases", 1)]:
        getattr(client, entity).delete(record_id)
    client.custom_entity("projects").delete(12)
    fake.clear_requests()
    third = synced(cli, database, "--with-deletions")
    assert {t: v["deleted"] for t, v in third.items()} == {
        "contacts": 2, "leads": 0, "accounts": 0, "deals": 1, "cases": 1, "ce_projects": 1,
    }  # fmt: skip
    scans = filtered_requests(fake)
    assert scans["contacts"] == 1 + 2  # the changes page, then the id scan: a full pass of pages
    assert_same(client, database)


def test_sync_errors_are_one_clear_line(fake: FakeFlexie, tmp_path: Path) -> None:
    cli = Cli(fake)
    unknown = cli("sync", "widgets", "--file", str(tmp_path / "x.duckdb"))
    assert unknown.code != 0
    assert "cannot sync 'widgets'" in unknown.error_line()
    destination = cli("sync", "contacts", "--destination", "nosuchdest")
    assert destination.code != 0
    assert "nosuchdest" in destination.error_line()
    both = cli("sync", "contacts", "--destination", "postgres", "--file", "x.duckdb")
    assert "--file is for the duckdb destination" in both.error_line()
    directory = cli("sync", "contacts", "--file", str(tmp_path))
    assert "is a directory" in directory.error_line()
    same_name = cli("sync", "contacts", "--file", str(tmp_path / "crm.duckdb"))
    assert "have one name" in same_name.error_line()


def test_a_missing_dlt_extra_says_how_to_install_it(client: flexie.Flexie, monkeypatch: pytest.MonkeyPatch) -> None:
    from flexie.dlt_source import flexie_source

    monkeypatch.setitem(sys.modules, "dlt", None)  # what `import dlt` meets without the extra
    with pytest.raises(flexie.ConfigurationError, match=r"pip install 'flexie\[dlt\]'"):
        flexie_source(client)
