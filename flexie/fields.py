"""Custom fields: what an entity's fields are, what names reach them, what values they take.

Every Flexie account names its custom fields itself, so the same business field is ``customer_tier``
in one workspace and ``tier_2`` in another. A :class:`FieldSchema` is one entity's live field list
plus the integrator's logical names for it; it resolves any name (alias, logical name or label) to
a :class:`Field`, and converts values to and from the wire by field type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import _values
from .errors import FieldValueError, UnknownFieldError
from .reader import UnreadableAnswer, read_as, shown

__all__ = ["SYSTEM_FIELDS", "Choice", "Field", "FieldSchema", "read_fields"]


@dataclass(frozen=True)
class Choice:
    """One allowed value of a select or multiselect field."""

    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """A field of an entity, as ``list/fields`` describes it."""

    alias: str
    label: str
    type: str
    category: str | None = None
    required: bool = False
    custom: bool = False
    unique: bool = False
    published: bool = True
    read_only: bool = False
    default_value: Any = None
    choices: tuple[Choice, ...] = ()
    order: int | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    id: int | None = None

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> Field:
        """Build from one item of ``list/fields`` (every key is kept in ``raw``).

        Tolerant of what servers of Flexie's lineage send: no ``type`` reads as text, no ``label`` as
        the alias; Mautic's key names (``isRequired``, ``isPublished``, ``isUniqueIdentifier``,
        ``defaultValue``, ``group``, ``properties.list``) are read when the spec's are absent; ids,
        orders and flags may come as strings (``"7"``, ``"1"``). A value that cannot be read without a
        guess (``"required": "maybe"``, no alias) raises :class:`~flexie.reader.UnreadableAnswer`.
        """
        if not isinstance(data, Mapping):
            raise UnreadableAnswer(f"{shown(data)} is not a field (an object with an alias)")
        alias = _key(data, "alias", _name, None)
        if not alias:
            raise UnreadableAnswer(f"a field without an alias: {shown(dict(data))}")
        category = _key(data, ("category", "group"), _name, None)
        return cls(
            alias=alias,
            label=_key(data, "label", _name, None) or alias,
            type=_key(data, "type", _name, None) or "text",
            category=category,
            required=_key(data, ("required", "isRequired"), _flag, False),
            custom=_key(data, "custom", _flag, False),
            unique=_key(data, ("unique", "isUniqueIdentifier", "isUniqueIdentifer"), _flag, False),
            published=_key(data, ("published", "isPublished"), _flag, True),
            default_value=data.get("default_value", data.get("defaultValue")),
            choices=_choices(data),
            order=_key(data, "order", _whole, None),
            raw=dict(data),
            id=_key(data, "id", _whole, None),
        )

    @property
    def choice_values(self) -> list[str]:
        """The values of the field's choices, in order (empty for a field without choices)."""
        return [c.value for c in self.choices]


def read_fields(body: Any) -> list[Field]:
    """The fields of a ``list/fields`` answer: a bare list (the spec's), ``{"fields": [...]}``
    (Mautic's), or either as an object keyed by field id or alias. Raises
    :class:`~flexie.reader.UnreadableAnswer` (a ``ValueError``) where reading would need a guess:
    an item that is not a field, a key that names another field, the same alias twice."""
    if isinstance(body, Mapping) and isinstance(body.get("fields"), list | Mapping):
        body = body["fields"]
    items: list[tuple[str | None, str, Any]]
    if isinstance(body, list):
        items = [(None, f"[{i}]", item) for i, item in enumerate(body)]
    elif isinstance(body, Mapping):
        keyed = list(body) != [str(i) for i in range(len(body))]  # "0", "1", ... is just a list
        items = [(str(key) if keyed else None, f"[{key!r}]", item) for key, item in body.items()]
    else:
        raise UnreadableAnswer(f"{shown(body)} is not a list of fields")
    fields: list[Field] = []
    seen: set[str] = set()
    for key, where, item in items:
        try:
            f = Field.from_api(item)
            if key is not None and key not in (f.alias, str(f.id)):
                raise UnreadableAnswer(f"the field under key {key!r} is {f.alias!r} (id {f.id})")
            if f.alias in seen:
                raise UnreadableAnswer(f"a second field with the alias {f.alias!r}")
        except UnreadableAnswer as exc:
            exc.segments.append(where)
            raise exc.located() from None
        seen.add(f.alias)
        fields.append(f)
    return fields


def _key(data: Mapping[str, Any], keys: str | tuple[str, ...], read: Any, default: Any) -> Any:
    """The first of ``keys`` present and not null, read by ``read``; ``default`` when none is."""
    for key in (keys,) if isinstance(keys, str) else keys:
        value = data.get(key)
        if value is not None:
            try:
                return read(value)
            except UnreadableAnswer as exc:
                exc.segments.append(f".{key}")
                raise
    return default


def _name(value: Any) -> str:
    return read_as(value, str)  # type: ignore[no-any-return]


def _flag(value: Any) -> bool:
    return read_as(value, bool)  # type: ignore[no-any-return]


def _whole(value: Any) -> int:
    return read_as(value, int)  # type: ignore[no-any-return]


def _choices(data: Mapping[str, Any]) -> tuple[Choice, ...]:
    """``choices`` (the spec's) or Mautic's ``properties.list``: a list of ``{value, label}`` or of
    values, an object of value to label, or a ``"a|b|c"`` string."""
    found = data.get("choices")
    key = ".choices"
    if found is None and isinstance(data.get("properties"), Mapping):
        found, key = data["properties"].get("list"), ".properties.list"
    try:
        return _choice_list(found)
    except UnreadableAnswer as exc:
        exc.segments.append(key)
        raise


def _choice_list(found: Any) -> tuple[Choice, ...]:
    if found is None or found == "":
        return ()
    if isinstance(found, str):
        return tuple(Choice(value=v, label=v) for v in found.split("|") if v)
    if isinstance(found, Mapping):
        return tuple(Choice(value=_name(v), label=_name(label)) for v, label in found.items())
    if not isinstance(found, list):
        raise UnreadableAnswer(f"{shown(found)} is not a list of choices")
    out = []
    for index, choice in enumerate(found):
        if isinstance(choice, Mapping) and choice.get("value") is not None:
            value = _name(choice["value"])
            label = choice.get("label")
            out.append(Choice(value=value, label=value if label is None else _name(label)))
        elif isinstance(choice, str) or type(choice) is int:
            out.append(Choice(value=str(choice), label=str(choice)))
        else:
            raise UnreadableAnswer(f"choice [{index}] {shown(choice)} has no value")
    return tuple(out)


# Keys every record carries that ``list/fields`` does not list. Readable, filterable, sortable; never written.
SYSTEM_FIELDS: dict[str, Field] = {
    "id": Field(alias="id", label="ID", type="number", read_only=True, category="system"),
    "date_added": Field(alias="date_added", label="Date added", type="datetime", read_only=True, category="system"),
    "date_modified": Field(
        alias="date_modified", label="Date modified", type="datetime", read_only=True, category="system"
    ),
}


class FieldSchema:
    """One entity's fields, and the logical names an integrator gave some of them.

    ``logical`` maps names chosen in code to this workspace's aliases; :meth:`check_logical_names`
    verifies them against the live fields.
    """

    def __init__(self, entity: str, fields: Iterable[Field], logical: Mapping[str, str] | None = None) -> None:
        self.entity = entity
        self.fields: list[Field] = list(fields)
        self.logical: dict[str, str] = dict(logical or {})
        self._by_alias: dict[str, Field] = {**SYSTEM_FIELDS, **{f.alias: f for f in self.fields}}
        self._by_folded: dict[str, Field] = {}
        for f in self._by_alias.values():  # labels and case-insensitive aliases, first one wins
            self._by_folded.setdefault(f.label.casefold(), f)
            self._by_folded.setdefault(f.alias.casefold(), f)

    def __repr__(self) -> str:
        return f"FieldSchema({self.entity!r}, {len(self.fields)} fields, {len(self.logical)} logical names)"

    @property
    def aliases(self) -> list[str]:
        """The aliases of the entity's fields, in the order the server listed them."""
        return [f.alias for f in self.fields]

    def by_alias(self, alias: str) -> Field | None:
        """The field with exactly this alias (system fields such as ``id`` included), or None."""
        return self._by_alias.get(alias)

    def check_logical_names(self) -> None:
        """Raise :class:`UnknownFieldError` for a logical name whose alias this workspace lacks."""
        for name, alias in self.logical.items():
            if alias not in self._by_alias:
                import difflib  # only ever needed to explain a mistake

                close = difflib.get_close_matches(alias, self.aliases, n=3, cutoff=0.6)
                raise UnknownFieldError(
                    f"field_aliases[{self.entity!r}] maps {name!r} to {alias!r}, but {self.entity} has no field "
                    f"with that alias"
                    + (f" (did you mean {', '.join(map(repr, close))}?)" if close else "")
                    + f". Its aliases are: {', '.join(self.aliases)}",
                    entity=self.entity,
                    name=name,
                    suggestions=close,
                    known=self.aliases,
                )

    def find(self, name: str) -> Field | None:
        """The field a name means: an alias, then a logical name, then a label or alias in any case."""
        found = self._by_alias.get(name)
        if found is not None:
            return found
        alias = self.logical.get(name)
        if alias is not None:
            return self._by_alias.get(alias)
        return self._by_folded.get(name.casefold()) if isinstance(name, str) else None

    def resolve(self, name: str) -> Field:
        """Like :meth:`find`, but an unknown name raises :class:`UnknownFieldError` with suggestions."""
        if not isinstance(name, str):
            raise UnknownFieldError(
                f"field names are strings; {self.entity} got {name!r} ({type(name).__name__})",
                entity=self.entity,
                name=repr(name),
                known=self.aliases,
            )
        found = self.find(name)
        if found is not None:
            return found
        import difflib

        candidates = [*self.aliases, *self.logical, *(f.label for f in self.fields)]
        close = _unique_folded(difflib.get_close_matches(name, candidates, n=6, cutoff=0.6))[:3]
        raise UnknownFieldError(
            f"{self.entity} has no field {name!r}"
            + (f"; did you mean {', '.join(map(repr, close))}?" if close else ".")
            + f" Known aliases: {', '.join(self.aliases)}"
            + (f"; logical names: {', '.join(self.logical)}" if self.logical else ""),
            entity=self.entity,
            name=name,
            suggestions=close,
            known=self.aliases,
        )

    # -- writes -------------------------------------------------------------------------------------

    def serialize_record(self, values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
        """Alias-keyed, wire-ready values; raises before anything is sent when a name or value is wrong."""
        if not isinstance(values, Mapping):
            raise FieldValueError(
                f"{self.entity} values must be a mapping of field name to value, got {type(values).__name__}",
                entity=self.entity,
                name="",
                field_type="record",
                value=values,
            )
        out: dict[str, Any] = {}
        for name, value in values.items():
            f = self.resolve(name)
            if f.read_only:
                raise FieldValueError(
                    f"{self.entity}.{f.alias} is set by Flexie and cannot be written",
                    entity=self.entity,
                    name=str(name),
                    field_type=f.type,
                    value=value,
                )
            if f.alias in out:
                raise FieldValueError(
                    f"{self.entity}.{f.alias} is given twice (as {name!r} and under another name)",
                    entity=self.entity,
                    name=str(name),
                    field_type=f.type,
                    value=value,
                )
            out[f.alias] = self.serialize_value(f, value, name=str(name))
        if creating:
            missing = [f.alias for f in self.fields if f.required and f.default_value is None and f.alias not in out]
            if missing:
                raise FieldValueError(
                    f"{self.entity} requires {', '.join(missing)} to create a record",
                    entity=self.entity,
                    name=missing[0],
                    field_type=self._by_alias[missing[0]].type,
                    value=None,
                )
        return out

    def serialize_value(self, f: Field, value: Any, *, name: str | None = None) -> Any:
        """The wire form of one value, or :class:`FieldValueError` saying why it cannot be right."""
        if value is None:
            if f.required:
                raise self._value_error(f, value, name, "is required and cannot be cleared")
            return None
        try:
            return _values.serialize(f.type, value, [c.value for c in f.choices], [c.label for c in f.choices])
        except _values.BadValue as exc:
            raise self._value_error(f, value, name, str(exc)) from None

    def _value_error(self, f: Field, value: Any, name: str | None, why: str) -> FieldValueError:
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        via = f" (given as {name!r})" if name and name != f.alias else ""
        return FieldValueError(
            f"{self.entity}.{f.alias}{via} is a {f.type} field; {shown} ({type(value).__name__}) {why}",
            entity=self.entity,
            name=name or f.alias,
            field_type=f.type,
            value=value,
        )

    # -- reads --------------------------------------------------------------------------------------

    def parse_value(self, alias: str, value: Any) -> Any:
        """The typed value of a raw server value; left as received when it does not fit the type."""
        f = self._by_alias.get(alias)
        if f is None or value is None:
            return value
        return _values.parse(f.type, value)


def _unique_folded(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out
