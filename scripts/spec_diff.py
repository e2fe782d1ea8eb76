"""Compare a new vendor release of the Flexie Swagger 2.0 spec with ours, and report what changed.

Reports operations added, removed and changed (operationId, parameters, request body, responses)
and the facade methods (``flexie.resources._specs.facade_methods``) each change reaches. The raw
documents are compared, no normaliser runs first, so the vendor's quirks are survived here:
colon-named ``$ref`` targets, path parameters used but not declared, properties named "".

Usage::

    python scripts/spec_diff.py --old spec/flexie-api.json --new NEW.json [--json]

Exit status: 0 when the comparison ran, whatever it found (it is a report); 2 when an input
cannot be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling module below, however this is loaded
from spec_schema import (
    Json,
    Spec,
    diff_schema,
    facet_changes,
    fmt,
    label,
    listed,
    mapped,
    resolve,
)

try:
    from flexie.resources._specs import facade_methods
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from flexie.resources._specs import facade_methods

OpKey = tuple[str, str]  # (METHOD, path)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
PATH_TEMPLATE = re.compile(r"{([^}]+)}")
PARAM_FACETS = (
    "type", "format", "required", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "collectionFormat", "default", "items",
)  # fmt: skip
UNDECLARED = "x-spec-diff-undeclared"  # marks a path parameter the path uses but the spec does not declare


class SpecError(Exception):
    """An input file that is missing, not JSON, or not a Swagger 2.0 document."""


class Change(NamedTuple):
    """One difference within an operation: its kind (for --json) and a readable sentence."""

    kind: str  # "operationId" | "parameter" | "request body" | "responses" | "response schema"
    detail: str


# ----------------------------------------------------------------------------- reading


def load_spec(path: str) -> Spec:
    """Read a Swagger 2.0 JSON file, or raise SpecError with a one-line reason."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    except json.JSONDecodeError as exc:
        raise SpecError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(doc, dict) or not str(doc.get("swagger", "")).startswith("2"):
        raise SpecError(f"{path} is not a Swagger 2.0 document (no `swagger: 2.0`)")
    if not isinstance(doc.get("paths"), dict):
        raise SpecError(f"{path} has no `paths` object")
    return Spec(path, doc)


def operations(doc: Json) -> dict[OpKey, tuple[dict[str, Json], dict[str, Json]]]:
    """Every operation as (METHOD, path) -> (path item, operation)."""
    out = {}
    for path, item in doc["paths"].items():
        if isinstance(item, dict):
            for method in HTTP_METHODS:
                if isinstance(item.get(method), dict):
                    out[(method.upper(), path)] = (item, item[method])
    return out


def parameters(doc: Json, path: str, item: Json, op: Json) -> dict[tuple[str, str], dict[str, Json]]:
    """Resolved parameters keyed by (in, name): path level, then operation level, then undeclared ones."""
    params: dict[tuple[str, str], dict[str, Json]] = {}
    for raw in [*listed(item.get("parameters")), *listed(op.get("parameters"))]:
        param, _ = resolve(doc, raw)
        if isinstance(param, dict):
            where = str(param.get("in", "?"))
            params[(where, "" if where == "body" else str(param.get("name", "")))] = param
    for name in PATH_TEMPLATE.findall(path):
        params.setdefault(("path", name), {"name": name, "in": "path", "required": True, UNDECLARED: True})
    return params


def responses(doc: Json, op: Json) -> dict[str, dict[str, Json]]:
    """Resolved responses keyed by status code (or ``default``)."""
    out = {}
    for code, raw in mapped(op.get("responses")).items():
        response, _ = resolve(doc, raw)
        out[str(code)] = response if isinstance(response, dict) else {}
    return out


# ----------------------------------------------------------------------------- operations


def param_facets(param: dict[str, Json]) -> dict[str, Json]:
    """The compared facets of a non-body parameter; ``required`` defaults to false, ``items`` is labelled."""
    out = {k: param.get(k) for k in PARAM_FACETS}
    out["required"] = bool(param.get("required", False))
    out["items"] = label(param["items"]) if isinstance(param.get("items"), dict) else None
    return out


def diff_body(old: Spec, new: Spec, a: Json, b: Json) -> list[Change]:
    """Differences in the body parameter: whether it is required, and its schema."""
    texts = [f"request body is now {'required' if b.get('required') else 'optional'}"]
    texts = texts if bool(a.get("required")) != bool(b.get("required")) else []
    texts += diff_schema(old, new, a.get("schema"), b.get("schema"), ["request body"], frozenset())
    return [Change("request body", t) for t in texts]


def diff_parameter(key: tuple[str, str], a: Json, b: Json) -> list[Change]:
    """Differences in one non-body parameter: declared or not, then facet by facet on one line."""
    name = f"parameter `{key[1]}` ({key[0]})"
    if a.get(UNDECLARED) != b.get(UNDECLARED):
        text = "no longer declared (used in the path only)" if b.get(UNDECLARED) else "now declared"
        return [Change("parameter", f"{name}: {text}")]
    facets = facet_changes(param_facets(a), param_facets(b), PARAM_FACETS)
    return [Change("parameter", f"{name}: {'; '.join(facets)}")] if facets else []


def diff_parameters(old: Spec, new: Spec, key: OpKey, op_a: Json, op_b: Json) -> list[Change]:
    """Parameters added, removed and changed between two versions of one operation."""
    (item_a, a), (item_b, b) = op_a, op_b
    pa, pb = parameters(old.doc, key[1], item_a, a), parameters(new.doc, key[1], item_b, b)
    out = []
    for pkey in sorted(set(pa) | set(pb)):
        kind, name = ("request body",) * 2 if pkey[0] == "body" else ("parameter", f"parameter `{pkey[1]}` ({pkey[0]})")
        if pkey not in pa:
            out.append(Change(kind, f"{name} added{' (required)' if pb[pkey].get('required') else ''}"))
        elif pkey not in pb:
            out.append(Change(kind, f"{name} removed"))
        elif kind == "request body":
            out += diff_body(old, new, pa[pkey], pb[pkey])
        else:
            out += diff_parameter(pkey, pa[pkey], pb[pkey])
    return out


def diff_responses(old: Spec, new: Spec, a: Json, b: Json) -> list[Change]:
    """Status codes added and removed, a changed success status, and changed response schemas."""
    ra, rb = responses(old.doc, a), responses(new.doc, b)
    added = sorted(set(rb) - set(ra), key=lambda c: (not c.isdigit(), c))  # 3-digit codes first, then "default"
    removed = sorted(set(ra) - set(rb), key=lambda c: (not c.isdigit(), c))
    out = [Change("responses", f"responses added: {', '.join(added)}")] if added else []
    out += [Change("responses", f"responses removed: {', '.join(removed)}")] if removed else []
    ok_a, ok_b = [c for c in ra if c.startswith("2")], [c for c in rb if c.startswith("2")]
    pairs = [(c, c, c) for c in sorted(set(ra) & set(rb), key=lambda c: (not c.isdigit(), c))]
    if sorted(ok_a) != sorted(ok_b):
        out.append(Change("responses", f"success status changed from {fmt(sorted(ok_a))} to {fmt(sorted(ok_b))}"))
        if len(ok_a) == len(ok_b) == 1:
            pairs.insert(0, (ok_a[0], ok_b[0], f"{ok_a[0]}->{ok_b[0]}"))
    for code_a, code_b, where in pairs:
        sa, sb = ra[code_a].get("schema"), rb[code_b].get("schema")
        if sa is None and sb is None:
            continue
        if sa is None or sb is None:
            text = f"schema added ({label(sb)})" if sa is None else f"schema removed (was {label(sa)})"
            out.append(Change("response schema", f"{where}: {text}"))
            continue
        out += [Change("response schema", t) for t in diff_schema(old, new, sa, sb, [where], frozenset())]
    return out


def diff_operation(old: Spec, new: Spec, key: OpKey, op_a: Json, op_b: Json) -> list[Change]:
    """Every difference between two versions of one operation (same method and path)."""
    id_a, id_b = op_a[1].get("operationId"), op_b[1].get("operationId")
    out = [Change("operationId", f"operationId renamed: {fmt(id_a)} -> {fmt(id_b)}")] if id_a != id_b else []
    out += diff_parameters(old, new, key, op_a, op_b)
    return out + diff_responses(old, new, op_a[1], op_b[1])


# ----------------------------------------------------------------------------- report


def facade_for(registry: dict[str, str], *op_ids: str | None) -> list[str]:
    """The facade method(s) calling the first of ``op_ids`` the registry knows (ours first, then theirs)."""
    return next(([registry[i]] for i in op_ids if isinstance(i, str) and i in registry), [])


def entry(key: OpKey, op: Json, facade: list[str], **extra: Json) -> dict[str, Json]:
    """One operation of the report."""
    return {"method": key[0], "path": key[1], "operationId": op.get("operationId"), "facade": facade, **extra}


def classify(old: Spec, new: Spec, registry: dict[str, str]) -> tuple[list[Json], list[Json], list[Json], int]:
    """Operations added, removed and changed (matched by method and path, sorted by path), and the unchanged count."""
    ops_a, ops_b = operations(old.doc), operations(new.doc)
    added, removed, changed, unchanged = [], [], [], 0
    for key in sorted(set(ops_a) | set(ops_b), key=lambda k: (k[1], HTTP_METHODS.index(k[0].lower()))):
        if key not in ops_a:
            added.append(entry(key, ops_b[key][1], []))
        elif key not in ops_b:
            removed.append(entry(key, ops_a[key][1], facade_for(registry, ops_a[key][1].get("operationId"))))
        elif changes := diff_operation(old, new, key, ops_a[key], ops_b[key]):
            ids = (ops_a[key][1].get("operationId"), ops_b[key][1].get("operationId"))
            extra = {"newOperationId": ids[1], "changes": [c._asdict() for c in changes]}
            changed.append(entry(key, ops_a[key][1], facade_for(registry, *ids), **extra))
        else:
            unchanged += 1
    return added, removed, changed, unchanged


def compare(old: Spec, new: Spec, registry: dict[str, str]) -> dict[str, Json]:
    """The whole report: added, removed, changed operations, affected facade methods and counts."""
    added, removed, changed, unchanged = classify(old, new, registry)
    affected: dict[str, list[str]] = {}
    for status, items in (("removed", removed), ("changed", changed)):
        for item in items:
            for method in item["facade"]:
                affected.setdefault(method, []).append(f"{status}: {item['method']} {item['path']}")
    counts = (len(added), len(removed), len(changed), unchanged, len(affected))
    summary = dict(zip(("added", "removed", "changed", "unchanged", "facade_methods_affected"), counts, strict=True))
    about = [{"path": s.path, "version": mapped(s.doc.get("info")).get("version"), "operations": len(operations(s.doc))}
             for s in (old, new)]  # fmt: skip
    return {"old": about[0], "new": about[1], "added": added, "removed": removed, "changed": changed,
            "affected_facade_methods": dict(sorted(affected.items())), "summary": summary}  # fmt: skip


def render_text(report: dict[str, Json]) -> str:
    """The report as plain text, one section per kind of change."""
    old, new = report["old"], report["new"]
    lines = [f"Spec diff: {old['path']} (version {old['version']}, {old['operations']} operations) -> "
             f"{new['path']} (version {new['version']}, {new['operations']} operations)"]  # fmt: skip

    def head(item: dict[str, Json]) -> str:
        facade = ", ".join(item["facade"]) or "no facade method"
        return f"  {item['method']} {item['path']}  [{item['operationId']}]  facade: {facade}"

    lines += ["", f"Added operations ({len(report['added'])}):"]
    lines += [f"  {i['method']} {i['path']}  [{i['operationId']}]  no facade method yet" for i in report["added"]]
    lines += ["", f"Removed operations ({len(report['removed'])}):"] + [head(i) for i in report["removed"]]
    lines += ["", f"Changed operations ({len(report['changed'])}):"]
    for item in report["changed"]:
        lines += [head(item), *(f"      - {c['detail']}" for c in item["changes"])]
    lines += ["", f"Affected facade methods ({len(report['affected_facade_methods'])}):"]
    lines += [f"  {m}  ({'; '.join(why)})" for m, why in report["affected_facade_methods"].items()]
    counts = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in report["summary"].items())
    lines += ["", f"Summary: {counts}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description="Compare a new vendor Swagger 2.0 spec with ours.")
    parser.add_argument("--old", default="spec/flexie-api.json", help="the spec we have (default: %(default)s)")
    parser.add_argument("--new", required=True, help="the new vendor release")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        old, new = load_spec(args.old), load_spec(args.new)
    except SpecError as exc:
        print(f"spec-diff: {exc}", file=sys.stderr)
        return 2
    report = compare(old, new, facade_methods())
    sys.stdout.write(json.dumps(report, indent=2) + "\n" if args.json else render_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
