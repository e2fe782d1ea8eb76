"""Repair known vendor quirks in a Flexie spec so that the code generator accepts it.

Two passes, each printing one line per repair it makes:

* ``swagger``: on the Swagger 2.0 file as the vendor ships it, before conversion.
* ``openapi``: on the OpenAPI 3 document swagger2openapi produces, after conversion.

Nothing here renames an operationId or a wire name (a parameter's ``name``, a property):
generated module names must stay what the vendor's file says, typos included.

Usage::

    python scripts/normalize_spec.py swagger IN.json OUT.json
    python scripts/normalize_spec.py openapi IN.json OUT.json
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

Json = Any
Report = Callable[[str], None]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
# OpenAPI 3 only allows these characters in component names.
COMPONENT_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
PATH_TEMPLATE = re.compile(r"{([^}]+)}")


# ----------------------------------------------------------------------------- helpers


def walk(node: Json, where: str = "#") -> Iterator[tuple[Json, str]]:
    """Yield every dict in the document with a JSON-pointer-ish location."""
    if isinstance(node, dict):
        yield node, where
        for key, value in node.items():
            yield from walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{where}/{index}")


def operations(paths: dict[str, Json]) -> Iterator[tuple[str, str, dict[str, Json]]]:
    for path, item in paths.items():
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                yield path, method, item[method]


def rename_refs(doc: Json, prefix: str, renames: dict[str, str]) -> None:
    """Point every ``$ref`` to ``prefix + old`` at ``prefix + new``."""
    for node, _ in walk(doc):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix):
            target = ref[len(prefix) :]
            if target in renames:
                node["$ref"] = prefix + renames[target]


def safe_component_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "unnamed"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def pascal_case(name: str) -> str:
    words = re.split(r"[^A-Za-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name))
    return "".join(w[:1].upper() + w[1:] for w in words if w)


# ----------------------------------------------------------------------------- Swagger 2.0 pass


def fix_component_names(doc: Json, report: Report) -> None:
    """``trait:dynamicGirdParams:limit`` and friends are not valid OpenAPI 3 component names."""
    for section in ("definitions", "parameters", "responses"):
        table = doc.get(section) or {}
        renames: dict[str, str] = {}
        taken = {k for k in table if COMPONENT_NAME.match(k)}
        for key in list(table):
            if not COMPONENT_NAME.match(key):
                new = safe_component_name(key, taken)
                taken.add(new)
                renames[key] = new
                report(f"renamed {section}/{key} -> {section}/{new} (invalid component name)")
        if renames:
            doc[section] = {renames.get(k, k): v for k, v in table.items()}
            rename_refs(doc, f"#/{section}/", renames)


def drop_empty_property_names(doc: Json, report: Report) -> None:
    """A property named by the empty string cannot become an attribute."""
    for node, where in walk(doc):
        props = node.get("properties")
        if isinstance(props, dict) and "" in props:
            del props[""]
            report(f'dropped the property named "" at {where}/properties')
            if not props:
                del node["properties"]


def resolve_parameter(doc: Json, param: Json) -> Json:
    ref = param.get("$ref") if isinstance(param, dict) else None
    if isinstance(ref, str) and ref.startswith("#/parameters/"):
        return doc.get("parameters", {}).get(ref[len("#/parameters/") :], {})
    return param


def declare_path_parameters(doc: Json, report: Report) -> None:
    """Every ``{name}`` in a path must be declared as a required path parameter."""
    for path, item in doc.get("paths", {}).items():
        names = PATH_TEMPLATE.findall(path)
        shared = [resolve_parameter(doc, p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            own = [resolve_parameter(doc, p) for p in op.get("parameters", [])]
            declared = {p.get("name") for p in shared + own if p.get("in") == "path"}
            for name in names:
                if name not in declared:
                    op.setdefault("parameters", []).append(
                        {"name": name, "in": "path", "required": True, "type": "string"}
                    )
                    report(f"declared the path parameter {name!r} of {method.upper()} {path}")
        for param in shared + [
            resolve_parameter(doc, p)
            for m in HTTP_METHODS
            if isinstance(item.get(m), dict)
            for p in item[m].get("parameters", [])
        ]:
            if param.get("in") == "path" and param.get("required") is not True:
                param["required"] = True
                report(f"marked the path parameter {param.get('name')!r} of {path} as required")


def unify_path_parameter_types(doc: Json, report: Report) -> None:
    """An id that is a string in one path and an integer in another gets one type everywhere.

    The type used most often wins; a tie goes to ``string``, which accepts every id.
    """
    uses: dict[str, list[Json]] = {}
    for _path, item in doc.get("paths", {}).items():
        candidates = list(item.get("parameters", []))
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                candidates += item[method].get("parameters", [])
        for raw in candidates:
            param = resolve_parameter(doc, raw)
            if param.get("in") == "path" and "type" in param:
                uses.setdefault(param["name"], []).append(param)
    for name in sorted(uses):
        params = uses[name]
        counts = Counter(p["type"] for p in params)
        if len(counts) < 2:
            continue
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] != "string", kv[0]))
        winner = ranked[0][0]
        changed = 0
        for param in params:
            if param["type"] != winner:
                param["type"] = winner
                for key in ("format", "minimum", "maximum", "pattern"):
                    param.pop(key, None)
                changed += 1
        typed = dict(sorted(counts.items()))
        report(f"path parameter {name!r} was typed {typed}; made it {winner!r} everywhere ({changed} changed)")


def ensure_operation_ids(doc: Json, report: Report) -> None:
    """Missing operationIds are derived from method and path; duplicates get a numeric suffix."""
    seen: Counter[str] = Counter()
    for path, method, op in operations(doc.get("paths", {})):
        if not op.get("operationId"):
            words = [w for w in re.split(r"[^A-Za-z0-9]+", path) if w]
            op["operationId"] = method + "".join(w[:1].upper() + w[1:] for w in words)
            report(f"named the operation {method.upper()} {path} {op['operationId']!r}")
        seen[op["operationId"]] += 1
        if seen[op["operationId"]] > 1:
            new = f"{op['operationId']}{seen[op['operationId']]}"
            report(f"renamed the duplicate operationId {op['operationId']!r} of {method.upper()} {path} to {new!r}")
            op["operationId"] = new


def ensure_response_descriptions(doc: Json, report: Report) -> None:
    for path, method, op in operations(doc.get("paths", {})):
        for status, response in (op.get("responses") or {}).items():
            if isinstance(response, dict) and "$ref" not in response and "description" not in response:
                response["description"] = ""
                report(f"added the missing description of response {status} of {method.upper()} {path}")


SWAGGER_REPAIRS = (
    fix_component_names,
    drop_empty_property_names,
    declare_path_parameters,
    unify_path_parameter_types,
    ensure_operation_ids,
    ensure_response_descriptions,
)


def normalize_swagger(doc: Json, report: Report) -> Json:
    if doc.get("swagger") != "2.0":
        raise SystemExit(f"expected a Swagger 2.0 document, got swagger={doc.get('swagger')!r}")
    for repair in SWAGGER_REPAIRS:
        repair(doc, report)
    return doc


# ----------------------------------------------------------------------------- OpenAPI 3 pass


def enum_key(schema: Json) -> tuple[str, tuple[Any, ...]] | None:
    """Identity of a plain enum schema: its type and its values, in order."""
    if not isinstance(schema, dict) or "enum" not in schema or "$ref" in schema:
        return None
    if set(schema) - {"type", "enum", "description", "default", "example", "title"}:
        return None
    return str(schema.get("type", "")), tuple(schema["enum"])


def parameter_schemas(doc: Json) -> Iterator[tuple[Json, str]]:
    """(parameter, location) for every parameter defined inline or as a component."""
    for name, param in (doc.get("components", {}).get("parameters") or {}).items():
        yield param, f"components/parameters/{name}"
    for path, method, op in operations(doc.get("paths", {})):
        for param in op.get("parameters", []):
            if "$ref" not in param:
                yield param, f"{method.upper()} {path} {param.get('name')}"
    for path, item in doc.get("paths", {}).items():
        for param in item.get("parameters", []):
            if "$ref" not in param:
                yield param, f"{path} {param.get('name')}"


def share_enums(doc: Json, report: Report) -> None:
    """Give each enum one generated class instead of one per operation.

    An inline enum identical to a named schema becomes a reference to it; a parameter enum that
    several operations repeat becomes a new named schema they all reference.
    """
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    named = {enum_key(s): name for name, s in schemas.items() if enum_key(s)}

    repeated: dict[tuple[str, tuple[Any, ...]], list[Json]] = {}
    for param, _ in parameter_schemas(doc):
        key = enum_key(param.get("schema"))
        if key:
            repeated.setdefault(key, []).append(param)
    for key, params in repeated.items():
        names = {p.get("name") for p in params}
        if key in named or len(params) < 2 or len(names) != 1:
            continue
        new = pascal_case(str(names.pop()))
        if not new or new in schemas:
            continue
        schemas[new] = {"type": key[0], "enum": list(key[1])} if key[0] else {"enum": list(key[1])}
        named[key] = new
        report(f"added the schema {new} for the enum {list(key[1])} that {len(params)} parameters repeat")

    replaced: Counter[str] = Counter()
    for node, where in walk(doc):
        if where == "#/components/schemas":
            continue  # its keys are schema names, not "schema"/"items"/"properties" keywords
        for key in ("schema", "items"):
            target = named.get(enum_key(node.get(key)))
            if target:
                node[key] = {"$ref": f"#/components/schemas/{target}"}
                replaced[target] += 1
        props = node.get("properties")
        if isinstance(props, dict):
            for prop, schema in props.items():
                target = named.get(enum_key(schema))
                if target:
                    props[prop] = {"$ref": f"#/components/schemas/{target}"}
                    replaced[target] += 1
    for target, count in sorted(replaced.items()):
        report(f"pointed {count} inline copies of the enum {target} at the shared schema")


def normalize_openapi(doc: Json, report: Report) -> Json:
    if not str(doc.get("openapi", "")).startswith("3."):
        raise SystemExit(f"expected an OpenAPI 3 document, got openapi={doc.get('openapi')!r}")
    share_enums(doc, report)
    return doc


# ----------------------------------------------------------------------------- command line


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[1] not in ("swagger", "openapi"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, source, target = argv[1:]
    with open(source, encoding="utf-8") as f:
        doc = json.load(f)
    repairs: list[str] = []
    normalize = normalize_swagger if mode == "swagger" else normalize_openapi
    normalize(doc, repairs.append)
    for line in repairs:
        print(f"  repair ({mode}): {line}")
    if not repairs:
        print(f"  repair ({mode}): none needed")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False, sort_keys=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
