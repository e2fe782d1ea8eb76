"""scripts/spec_diff.py: what a new vendor spec release changes, and which facade methods it reaches."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flexie.resources._specs import facade_methods
from tests.conftest import ROOT, SPEC_PATH

SCRIPT = ROOT / "scripts" / "spec_diff.py"
_spec = importlib.util.spec_from_file_location("spec_diff", SCRIPT)
assert _spec is not None
assert _spec.loader is not None
spec_diff = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(spec_diff)

Report = dict[str, Any]

# Read off both files: the 24 operations of our spec the vendor variant lacks, and their facade methods.
REMOVED = {
    ("POST", "/emails"): "client.emails.filter",
    ("POST", "/emails/{id}/send"): "client.emails.send",
    ("GET", "/forms"): "client.forms.list",
    ("GET", "/forms/{id}"): "client.forms.get",
    ("GET", "/pages"): "client.pages.list",
    ("POST", "/pages"): "client.pages.filter",
    ("GET", "/pages/{id}"): "client.pages.get",
    ("POST", "/reports"): "client.reports.filter",
    ("GET", "/roles"): "client.roles.list",
    ("POST", "/roles"): "client.roles.filter",
    ("GET", "/roles/{id}"): "client.roles.get",
    ("POST", "/users"): "client.users.filter",
    ("POST", "/users/new"): "client.users.create",
    ("GET", "/users/self"): "client.users.me",
    ("GET", "/users/{id}"): "client.users.get",
    ("PUT", "/users/{id}"): "client.users.update",
    ("DELETE", "/users/{id}"): "client.users.delete",
    ("POST", "/users/{id}/permission"): "client.users.check_permissions",
    ("GET", "/workflows"): "client.workflows.list",
    ("POST", "/workflows"): "client.workflows.filter",
    ("GET", "/workflows/list/categories"): "client.workflows.categories",
    ("GET", "/workflows/{id}"): "client.workflows.get",
    ("PUT", "/workflows/{id}"): "client.workflows.update",
    ("DELETE", "/workflows/{id}"): "client.workflows.delete",
}


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = spec_diff.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def diff_files(old: Path, new: Path) -> Report:
    report: Report = spec_diff.compare(spec_diff.load_spec(str(old)), spec_diff.load_spec(str(new)), facade_methods())
    return report


def by_key(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(i["method"], i["path"]): i for i in items}


def details(report: Report, method: str, path: str) -> list[str]:
    return [c["detail"] for c in by_key(report["changed"])[(method, path)]["changes"]]


@pytest.fixture(scope="module")
def variant(vendor_variant_path: Path) -> Report:
    return diff_files(SPEC_PATH, vendor_variant_path)


# ----------------------------------------------------------------------------- against the vendor variant


def test_summary_counts(variant: Report) -> None:
    assert variant["summary"] == {
        "added": 52,
        "removed": 24,
        "changed": 118,
        "unchanged": 0,
        "facade_methods_affected": 142,
    }
    assert (variant["old"]["operations"], variant["new"]["operations"]) == (142, 170)


def test_operations_the_variant_adds_have_no_facade_method(variant: Report) -> None:
    added = by_key(variant["added"])
    assert len(added) == 52
    assert added[("PATCH", "/contacts/{id}")]["operationId"] == "patchContact"
    assert added[("GET", "/pipelines")]["operationId"] == "listPipelines"
    assert ("DELETE", "/pipelines/{id}") in added  # its `id` is used in the path but never declared
    assert ("POST", "/deals/{id}/associations") in added
    assert all(item["facade"] == [] for item in added.values())


def test_operations_the_variant_lacks_are_removed_with_their_facade_methods(variant: Report) -> None:
    removed = by_key(variant["removed"])
    assert {key: item["facade"] for key, item in removed.items()} == {k: [v] for k, v in REMOVED.items()}
    assert removed[("POST", "/users/{id}/permission")]["operationId"] == "checkPermission"
    affected = variant["affected_facade_methods"]
    assert affected["client.workflows.list"] == ["removed: GET /workflows"]
    assert affected["client.users.check_permissions"] == ["removed: POST /users/{id}/permission"]


def test_id_path_parameter_string_instead_of_integer(variant: Report) -> None:
    assert "parameter `id` (path): type changed from integer to string; minimum changed from 1 to (none)" in details(
        variant, "GET", "/leads/{id}"
    )
    assert by_key(variant["changed"])[("GET", "/leads/{id}")]["facade"] == ["client.leads.get"]
    assert variant["affected_facade_methods"]["client.leads.get"] == ["changed: GET /leads/{id}"]


def test_create_lead_success_status(variant: Report) -> None:
    found = details(variant, "POST", "/leads/new")
    assert "success status changed from 201 to 200" in found
    assert "responses added: 200" in found
    assert "responses removed: 201, 401, 403, 422, 429" in found
    assert "201->200: property `lead` changed from #/definitions/lead to object" in found
    assert by_key(variant["changed"])[("POST", "/leads/new")]["facade"] == ["client.leads.create"]


def test_list_users_lacks_search(variant: Report) -> None:
    found = details(variant, "GET", "/users")
    assert "parameter `search` (query) removed" in found
    assert "200: property `users` items changed from #/definitions/user to object" in found
    assert by_key(variant["changed"])[("GET", "/users")]["facade"] == ["client.users.list"]


def test_identical_parameters_behind_colon_named_refs_are_not_reported(variant: Report) -> None:
    # Ours: #/parameters/start etc.; the variant: #/parameters/trait:dynamicGirdParams:start etc., same content.
    assert not [d for d in details(variant, "GET", "/contacts") if d.startswith("parameter")]


def test_property_named_by_the_empty_string(variant: Report) -> None:
    assert '200: property `report.""` added (object)' in details(variant, "GET", "/reports/{id}")


def test_filtered_tasks_moved_from_a_body_to_query_parameters(variant: Report) -> None:
    found = details(variant, "POST", "/tasks")
    assert "request body removed" in found
    assert "parameter `limit` (query) added" in found


def test_the_spec_against_itself_reports_nothing() -> None:
    report = diff_files(SPEC_PATH, SPEC_PATH)
    assert report["added"] == report["removed"] == report["changed"] == []
    assert report["affected_facade_methods"] == {}
    assert report["summary"]["unchanged"] == 142


def test_text_output(capsys: pytest.CaptureFixture[str], vendor_variant_path: Path) -> None:
    code, out, err = run_main(capsys, "--old", str(SPEC_PATH), "--new", str(vendor_variant_path))
    assert (code, err) == (0, "")
    assert "  GET /pipelines  [listPipelines]  no facade method yet" in out
    assert "  GET /workflows  [listWorkflows]  facade: client.workflows.list" in out
    assert out.rstrip().endswith("Summary: 52 added, 24 removed, 118 changed, 0 unchanged, 142 facade methods affected")
    sections = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert [s.split(" (")[0] for s in sections[1:-1]] == [
        "Added operations",
        "Removed operations",
        "Changed operations",
        "Affected facade methods",
    ]


# ----------------------------------------------------------------------------- command line


@pytest.mark.slow
def test_json_output_parses(vendor_variant_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--json", "--new", str(vendor_variant_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["summary"]["added"] == 52
    assert {c["kind"] for item in report["changed"] for c in item["changes"]} <= {
        "operationId",
        "parameter",
        "request body",
        "responses",
        "response schema",
    }


@pytest.mark.slow
def test_a_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--new", str(tmp_path / "nope.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("spec-diff: cannot read ")
    assert "nope.json" in proc.stderr


@pytest.mark.parametrize(("content", "reason"), [("{not json", "is not valid JSON"), ("[]", "not a Swagger 2.0")])
def test_unusable_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    code, out, err = run_main(capsys, "--old", str(SPEC_PATH), "--new", str(bad))
    assert (code, out) == (2, "")
    assert reason in err
    assert err.count("\n") == 1


# ----------------------------------------------------------------------------- synthetic specs


def tiny_spec() -> dict[str, Any]:
    return {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things/{id}": {
                "get": {
                    "operationId": "getThing",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "type": "integer", "minimum": 1},
                        {"name": "limit", "in": "query", "type": "integer", "minimum": 1, "maximum": 100},
                    ],
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/thing"}}},
                }
            }
        },
        "definitions": {
            "thing": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}}},
                "required": ["id"],
            }
        },
    }


def diff_dicts(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> Report:
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    return diff_files(tmp_path / "old.json", tmp_path / "new.json")


def test_synthetic_parameter_change(tmp_path: Path) -> None:
    old, new = tiny_spec(), tiny_spec()
    new["paths"]["/things/{id}"]["get"]["parameters"][1].update(maximum=50, enum=[10, 50])
    report = diff_dicts(tmp_path, old, new)
    assert details(report, "GET", "/things/{id}") == [
        "parameter `limit` (query): enum changed from (none) to 10, 50; maximum changed from 100 to 50"
    ]
    assert report["summary"]["changed"] == 1


def test_synthetic_response_schema_change(tmp_path: Path) -> None:
    old, new = tiny_spec(), tiny_spec()
    thing = new["definitions"]["thing"]
    thing["properties"]["tags"]["items"] = {"type": "integer"}
    thing["properties"]["name"] = {"type": "string"}
    thing["required"] = []
    report = diff_dicts(tmp_path, old, new)
    assert details(report, "GET", "/things/{id}") == [
        "200: property `id` is no longer required",
        "200: property `name` added (string)",
        "200: property `tags` items changed from string to integer",
    ]


def test_synthetic_ref_and_inline_identical_parameter_is_not_a_change(tmp_path: Path) -> None:
    old, new = tiny_spec(), tiny_spec()
    op = new["paths"]["/things/{id}"]["get"]
    new["parameters"] = {"trait:paging:limit": copy.deepcopy(op["parameters"][1]) | {"description": "prose"}}
    op["parameters"][1] = {"$ref": "#/parameters/trait:paging:limit"}
    new["paths"]["/things/{id}"]["parameters"] = [op["parameters"].pop(0)]  # moved to the path level
    new["definitions"]["thing"]["title"] = "Thing"  # prose only
    report = diff_dicts(tmp_path, old, new)
    assert report["changed"] == []
    assert report["summary"]["unchanged"] == 1


def test_synthetic_undeclared_path_parameter_and_recursive_schema(tmp_path: Path) -> None:
    old, new = tiny_spec(), tiny_spec()
    for doc in (old, new):  # a recursive definition must not loop forever
        doc["definitions"]["thing"]["properties"]["parent"] = {"$ref": "#/definitions/thing"}
    new["paths"]["/things/{id}"]["get"]["parameters"].pop(0)
    new["paths"]["/things/{id}"]["get"]["operationId"] = "getThings"
    new["definitions"]["thing"]["properties"]["id"] = {"type": "string"}
    assert details(diff_dicts(tmp_path, old, new), "GET", "/things/{id}") == [
        "operationId renamed: getThing -> getThings",
        "parameter `id` (path): no longer declared (used in the path only)",
        "200: property `id` changed from integer to string",
    ]
