"""The generation pipeline: in sync, deterministic, warning-free, robust to vendor releases."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, load_json

sys.path.insert(0, str(ROOT / "scripts"))
import normalize_spec

GENERATED = ROOT / "generated" / "flexie_api"
GENERATE = [sys.executable, str(ROOT / "scripts" / "generate.py")]


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)


def endpoint_functions(package: Path) -> list[Path]:
    return sorted(p for p in (package / "api").rglob("*.py") if p.name != "__init__.py")


@pytest.mark.slow
def test_generated_is_in_sync_with_the_spec() -> None:
    proc = run([*GENERATE, "--check"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "is up to date" in proc.stdout
    assert "repair (swagger): none needed" in proc.stdout  # our own spec needs no repairs


def test_check_generated_notices_a_stale_file(tmp_path: Path) -> None:
    # --check must fail on any difference; prove it on a copy with one edited file.
    import shutil

    copy = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", copy)
    target = copy / "flexie_api" / "types.py"
    target.write_text(target.read_text() + "\n# edited by hand\n")
    proc = run([*GENERATE, "--check", "--out", str(copy)])
    assert proc.returncode == 1
    assert "differs: flexie_api/types.py" in proc.stderr


def test_one_generated_function_per_operation(spec: dict[str, Any]) -> None:
    op_ids = {op["operationId"] for item in spec["paths"].values() for m, op in item.items() if m != "parameters"}
    modules = {p.stem for p in endpoint_functions(GENERATED)}
    assert modules == {snake(op_id) for op_id in op_ids}
    for path in endpoint_functions(GENERATED):
        names = {
            n.name for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        assert {"sync_detailed", "asyncio_detailed"} <= names, path


def test_no_per_operation_copies_of_enums_or_models(spec: dict[str, Any]) -> None:
    op_prefixes = tuple(
        snake(op["operationId"]) + "_" for item in spec["paths"].values() for m, op in item.items() if m != "parameters"
    )
    models = sorted((GENERATED / "models").glob("*.py"))
    assert [p.name for p in models if p.name.startswith(op_prefixes)] == []
    enums: dict[tuple[str, ...], str] = {}
    for path in models:
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") in ("str", "Enum") for b in node.bases):
                values = tuple(
                    sorted(
                        stmt.value.value
                        for stmt in node.body
                        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant)
                    )
                )
                assert values not in enums, f"{node.name} repeats {enums.get(values)}"
                enums[values] = node.name
    assert enums[("ASC", "DESC")] == "OrderByDir"


def test_models_are_imported_lazily() -> None:
    code = (
        "import sys; import flexie_api.api.contact.get_contacts as m; "
        "loaded = sorted(n for n in sys.modules if n.startswith('flexie_api.models.')); print(loaded)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "generated")
    loaded = ast.literal_eval(proc.stdout.strip())
    assert "flexie_api.models.single_contact" in loaded
    assert "flexie_api.models.lead" not in loaded
    assert len(loaded) <= 6


@pytest.mark.slow
def test_the_vendor_variant_generates_every_operation_without_warnings(
    tmp_path: Path, vendor_variant_path: Path
) -> None:
    out = tmp_path / "vendor"
    proc = run([*GENERATE, "--spec", str(vendor_variant_path), "--out", str(out)])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # every repair is printed
    assert "renamed parameters/trait:dynamicGirdParams:limit -> parameters/trait_dynamicGirdParams_limit" in proc.stdout
    assert 'dropped the property named "" at #/definitions/single-email' in proc.stdout
    assert "declared the path parameter 'id' of PUT /pipelines/{id}" in proc.stdout
    assert "path parameter 'entityId' was typed" in proc.stdout
    assert "warn" not in (proc.stdout + proc.stderr).lower()

    vendor = load_json(vendor_variant_path)
    op_ids = [op["operationId"] for item in vendor["paths"].values() for m, op in item.items() if m != "parameters"]
    assert len(op_ids) == 170
    functions = endpoint_functions(out / "flexie_api")
    assert len(functions) == 170
    assert {p.stem for p in functions} == {snake(op_id) for op_id in op_ids}
    # typos survive into module names
    assert (out / "flexie_api" / "api" / "deals" / "lis_deals.py").exists()
    assert (out / "flexie_api" / "api" / "lead" / "update_lead_by_unqiue_field.py").exists()
    # and the result is importable Python
    code = (
        "import importlib, pathlib\n"
        "for p in pathlib.Path('flexie_api/api').rglob('*.py'):\n"
        "    if p.stem != '__init__':\n"
        "        importlib.import_module(f'flexie_api.api.{p.parent.name}.{p.stem}')\n"
        "print('ok')"
    )
    check = subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True)
    assert check.stdout.strip() == "ok", check.stderr


def test_normaliser_repairs_each_vendor_quirk(vendor_variant_path: Path) -> None:
    doc = load_json(vendor_variant_path)
    repairs: list[str] = []
    normalize_spec.normalize_swagger(doc, repairs.append)
    assert not any(":" in name for section in ("parameters", "responses") for name in doc[section])
    assert "" not in doc["definitions"]["single-email"]["properties"]["email"].get("properties", {})
    assert "" not in doc["definitions"]["single-report"]["properties"]["report"].get("properties", {})
    put = doc["paths"]["/pipelines/{id}"]["put"]
    assert {"name": "id", "in": "path", "required": True, "type": "string"} in put["parameters"]
    assert all("#/parameters/trait:" not in ref for ref in re.findall(r'"\$ref": "([^"]+)"', json.dumps(doc)))
    assert doc["paths"]["/notes/{entityType}/{entityId}"]["parameters"][1]["type"] == "string"
    assert len(repairs) == len(set(repairs)) >= 20
    # operationIds are never "fixed"
    assert doc["paths"]["/deals"]["get"]["operationId"] == "lisDeals"
    # a second pass finds nothing left to repair
    again: list[str] = []
    normalize_spec.normalize_swagger(doc, again.append)
    assert again == []


def test_normaliser_reports_nothing_for_our_spec(spec: dict[str, Any]) -> None:
    repairs: list[str] = []
    normalize_spec.normalize_swagger(json.loads(json.dumps(spec)), repairs.append)
    assert repairs == []
