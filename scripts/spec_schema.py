"""Reading Swagger 2.0 documents as the vendor writes them, and comparing two schemas.

Shared by ``spec_diff.py``: ``$ref`` resolution that survives colon-named and escaped targets, and
a schema comparison that speaks in sentences ("200: property `contacts` items changed from object
to #/definitions/contact") rather than JSON dumps.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple
from urllib.parse import unquote

Json = Any

SCHEMA_FACETS = (
    "type", "format", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
    "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "default", "x-nullable",
)  # fmt: skip


class Spec(NamedTuple):
    """A loaded document and where it came from."""

    path: str
    doc: dict[str, Json]


def listed(value: Json) -> list[Json]:
    """``value`` if it is a list, else an empty list (vendor files are not always well formed)."""
    return value if isinstance(value, list) else []


def mapped(value: Json) -> dict[str, Json]:
    """``value`` if it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def lookup(doc: Json, ref: str) -> Json | None:
    """The node a local ``#/a/b`` reference points at, or None. Names may hold colons or escapes."""
    if not ref.startswith("#/"):
        return None
    node = doc
    for token in ref[2:].split("/"):
        token = unquote(token).replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or token not in node:
            return None
        node = node[token]
    return node


def resolve(doc: Json, node: Json) -> tuple[Json, str | None]:
    """Follow a chain of ``$ref``s; return the target and the first ref (an unresolvable ref stays as is)."""
    refs: list[str] = []
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in refs:
        refs.append(node["$ref"])
        if (target := lookup(doc, refs[-1])) is None:
            break
        node = target
    return node, (refs[0] if refs else None)


def canonical(doc: Json, schema: Json, stack: tuple[str, ...] = ()) -> Json:
    """A schema with refs expanded and prose dropped, for equality; a ref cycle becomes a marker."""
    if not isinstance(schema, dict):
        return schema
    target, ref = resolve(doc, schema)
    if ref is not None:
        if ref in stack:
            return {"$cycle": ref}
        stack = (*stack, ref)
    if not isinstance(target, dict):
        return target
    out: dict[str, Json] = {k: target[k] for k in SCHEMA_FACETS if k in target}
    if "$ref" in target:  # unresolvable: compare by name
        out["$ref"] = target["$ref"]
    out["required"] = sorted(required_names(target))
    if "properties" in target:
        out["properties"] = {k: canonical(doc, v, stack) for k, v in mapped(target["properties"]).items()}
    for key in ("items", "additionalProperties"):
        if key in target:
            out[key] = canonical(doc, target[key], stack)
    if isinstance(target.get("allOf"), list):
        out["allOf"] = [canonical(doc, s, stack) for s in target["allOf"]]
    return out


def required_names(schema: Json) -> set[str]:
    """The property names a schema requires (a vendor's boolean ``required`` counts as none)."""
    names = schema.get("required") if isinstance(schema, dict) else None
    return {str(n) for n in names} if isinstance(names, list) else set()


def label(schema: Json) -> str:
    """A short name for a schema: its ``$ref``, or its type (``array of object``)."""
    if not isinstance(schema, dict):
        return "(none)" if schema is None else json.dumps(schema)
    if isinstance(schema.get("$ref"), str):
        return str(schema["$ref"])
    kind = str(schema.get("type", "any"))
    if kind == "array" and "items" in schema:
        return f"array of {label(schema['items'])}"
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def is_opaque(schema: Json) -> bool:
    """True for a schema that says nothing about its content beyond its type (``{"type": "object"}``)."""
    return isinstance(schema, dict) and not any(
        k in schema for k in ("properties", "items", "additionalProperties", "allOf", "enum")
    )


def fmt(value: Json) -> str:
    """A facet value for a sentence: ``(none)``, ``true``, ``ASC, DESC``, ``12``."""
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(fmt(v) for v in value) or "[]"
    return value if isinstance(value, str) else json.dumps(value)


def facet_changes(a: dict[str, Json], b: dict[str, Json], keys: tuple[str, ...]) -> list[str]:
    """``minimum changed from 1 to (none)`` for each of ``keys`` whose value differs."""
    return [f"{k} changed from {fmt(a.get(k))} to {fmt(b.get(k))}" for k in keys if a.get(k) != b.get(k)]


def place(where: list[str]) -> str:
    """Render a location: ``["200", ".a", ".b", "items", "."]`` -> ``200: property `a.b` items property `""```.

    Segments starting with a dot are property names; a run of them is joined with dots, and the
    vendor's property named by the empty string shows as ``""``.
    """
    words, names = [f"{where[0]}:"], []
    for seg in [*where[1:], None]:
        if seg is not None and seg.startswith("."):
            names.append(seg[1:] or '""')
            continue
        words += [f"property `{'.'.join(names)}`"] if names else []
        words += [seg] if seg else []
        names = []
    return " ".join(words)


def diff_schema(old: Spec, new: Spec, a: Json, b: Json, where: list[str], stack: frozenset[Any]) -> list[str]:
    """Readable differences between two schemas, each sentence prefixed by its location ``where``.

    Identical content is no difference, whether inline or behind a ``$ref``. A pair of refs already
    being compared further up is skipped (recursive definitions). When the two sides are named
    differently and one says nothing beyond its type, one sentence names both ("changed from
    #/definitions/contact to object") instead of listing everything inside.
    """
    if canonical(old.doc, a) == canonical(new.doc, b):
        return []
    (ra, ref_a), (rb, ref_b) = resolve(old.doc, a), resolve(new.doc, b)
    if ref_a or ref_b:
        if (ref_a, ref_b) in stack:
            return []
        stack = stack | {(ref_a, ref_b)}
    whole = f"{place(where)} changed from {label(a)} to {label(b)}"
    if not isinstance(ra, dict) or not isinstance(rb, dict) or "$ref" in ra or "$ref" in rb:
        return [whole]
    if label(a) != label(b) and (ra.get("type") != rb.get("type") or is_opaque(ra) or is_opaque(rb)):
        return [whole]
    out = [f"{place(where)} {text}" for text in facet_changes(ra, rb, SCHEMA_FACETS)]
    out += diff_properties(old, new, ra, rb, where, stack)
    for key in ("items", "additionalProperties"):
        sub_a, sub_b = ra.get(key), rb.get(key)
        if isinstance(sub_a, dict) and isinstance(sub_b, dict):
            out += diff_schema(old, new, sub_a, sub_b, [*where, key], stack)
        elif canonical(old.doc, sub_a) != canonical(new.doc, sub_b):
            out.append(f"{place([*where, key])} changed from {label(sub_a)} to {label(sub_b)}")
    all_a, all_b = listed(ra.get("allOf")), listed(rb.get("allOf"))
    if len(all_a) != len(all_b):
        return [*out, f"{place(where)} allOf changed from {len(all_a)} to {len(all_b)} schemas"]
    for i, (sub_a, sub_b) in enumerate(zip(all_a, all_b, strict=True)):
        out += diff_schema(old, new, sub_a, sub_b, [*where, f"allOf[{i}]"], stack)
    return out


def diff_properties(old: Spec, new: Spec, a: Json, b: Json, where: list[str], stack: frozenset[Any]) -> list[str]:
    """Properties added, removed, changed, newly required or no longer required in two object schemas."""
    props_a, props_b = mapped(a.get("properties")), mapped(b.get("properties"))
    one_sided = set(props_a) ^ set(props_b)  # said to be added or removed, not (no longer) required
    req_a, req_b = required_names(a) - one_sided, required_names(b) - one_sided
    out = [f"{place([*where, '.' + n])} is now required" for n in sorted(req_b - req_a)]
    out += [f"{place([*where, '.' + n])} is no longer required" for n in sorted(req_a - req_b)]
    for name in sorted(set(props_a) | set(props_b)):
        if name not in props_a:
            out.append(f"{place([*where, '.' + name])} added ({label(props_b[name])})")
        elif name not in props_b:
            out.append(f"{place([*where, '.' + name])} removed (was {label(props_a[name])})")
        else:
            out += diff_schema(old, new, props_a[name], props_b[name], [*where, "." + name], stack)
    return out
