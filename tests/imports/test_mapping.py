"""Columns to fields: by header, by mapping onto aliases, labels or logical names, and the mistakes caught
before anything is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

import flexie
from flexie.imports import ImportMappingError, import_records, load_mapping, parse_mapping
from flexie.testing import FakeFlexie
from tests.imports.conftest import EXISTING


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_labels_logical_names_and_left_out_columns(fake: FakeFlexie, tmp_path: Path) -> None:
    source = write(
        tmp_path / "crm.csv",
        "E-mail address,Level,Renewal date,Internal notes\nlg@map.example,Gold,2027-03-01,call back\n",
    )
    mapping = {"E-mail address": "Email", "Level": "tier", "Internal notes": None}  # a label, a logical name
    with flexie.Flexie(
        base_url=fake.base_url, api_key=fake.api_key, field_aliases={"contacts": {"tier": "customer_tier_2"}}
    ) as client:
        report = import_records(client.contacts, source, mapping=mapping, upsert_by="email")
        assert report.created == 1
        (record,) = client.contacts.filter(flexie.F("email") == "lg@map.example").to_list()
        assert record["tier"] == "Gold"
        assert str(record["renewal_date"]) == "2027-03-01"  # the header is the field's label


def test_an_export_imports_back_unchanged(fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path) -> None:
    """`flexie export`'s CSV (id, dates, lists as a|b, ISO dates) is an import file: every row matches."""
    from flexie.cli import main

    target = tmp_path / "export.csv"
    assert main(["--base-url", fake.base_url, "--api-key", fake.api_key, "export", "contacts", "-o", str(target)]) == 0
    report = import_records(client.contacts, target, upsert_by="email")
    assert (report.rows, report.unchanged, report.created, report.updated, report.rejected) == (
        EXISTING,
        EXISTING,
        0,
        0,
        0,
    )
    assert fake.request_count(operation_id="updateContact") == 0


@pytest.mark.parametrize(
    ("header", "mapping", "upsert_by", "message"),
    [
        ("Emial,city", None, None, "column 'Emial' is not a field of contacts (did you mean 'Email'?)"),
        ("email,city", {"Town": "city"}, None, "the mapping names column 'Town', which the file does not have"),
        ("email,Town", {"Town": "citty"}, None, "mapping 'Town'='citty': contacts has no field 'citty'"),
        ("email,Mail", {"Mail": "email"}, None, "columns 'email' and 'Mail' both go to email"),
        ("email,city", {"city": "date_added"}, None, "date_added is set by Flexie"),
        ("email,city", None, "city", "contacts has no unique field 'city'; its unique fields are email"),
        ("first_name,city", None, "email", "upsert by email: no column holds it"),
    ],
)
def test_mapping_mistakes_stop_before_anything(
    fake: FakeFlexie,
    client: flexie.Flexie,
    tmp_path: Path,
    header: str,
    mapping: dict[str, str] | None,
    upsert_by: str | None,
    message: str,
) -> None:
    source = write(tmp_path / "m.csv", f"{header}\nx@map.example,Oslo\n")
    with pytest.raises(ImportMappingError) as raised:
        import_records(client.contacts, source, mapping=mapping, upsert_by=upsert_by)
    assert message in str(raised.value)
    assert isinstance(raised.value, flexie.InvalidArgumentError)
    assert fake.request_count(operation_id="createContact") == 0


def test_system_columns_of_an_export_are_left_out(client: flexie.Flexie, tmp_path: Path) -> None:
    source = write(tmp_path / "s.csv", "id,email,date_added\n999,sys@map.example,2020-01-01T00:00:00+00:00\n")
    assert import_records(client.contacts, source).created == 1
    (record,) = client.contacts.filter(flexie.F("email") == "sys@map.example").to_list()
    assert record.id != 999


def test_mapping_arguments_and_files(tmp_path: Path) -> None:
    assert parse_mapping(["E-mail = email", "Notes="]) == {"E-mail": "email", "Notes": None}
    with pytest.raises(ImportMappingError, match="COLUMN=FIELD"):
        parse_mapping(["email"])
    as_json = write(tmp_path / "m.json", '{"E-mail": "email", "Notes": null}')
    assert load_mapping(as_json) == {"E-mail": "email", "Notes": None}
    as_lines = write(tmp_path / "m.txt", "# columns of the old CRM\nE-mail=email\n\nNotes=\n")
    assert load_mapping(as_lines) == {"E-mail": "email", "Notes": None}
    with pytest.raises(ImportMappingError, match="not valid JSON"):
        load_mapping(write(tmp_path / "bad.json", '{"E-mail": '))
    with pytest.raises(ImportMappingError, match="field name or null"):
        load_mapping(write(tmp_path / "bad2.json", '{"E-mail": 3}'))


def test_custom_entity_table_upsert_by_its_unique_field(
    fake: FakeFlexie, client: flexie.Flexie, tmp_path: Path
) -> None:
    fields = [
        {"alias": "title", "label": "Title", "type": "text", "required": True, "unique": True},
        {"alias": "budget_eur", "label": "Budget", "type": "number"},
    ]
    fake.add_table("projects", fields)
    projects = client.custom_entity("projects")
    projects.create({"title": "Apollo", "budget_eur": 10})
    source = write(tmp_path / "projects.csv", "Title,Budget\nApollo,25\nGemini,5\n")
    report = import_records(projects, source, upsert_by="Title")
    assert (report.created, report.updated) == (1, 1)
    assert sorted((p["title"], p["budget_eur"]) for p in projects.list()) == [("Apollo", 25), ("Gemini", 5)]
