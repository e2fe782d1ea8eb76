"""Webhooks: what Flexie posts to your endpoint when records change, as typed events.

::

    import flexie

    schema = client.contacts.describe()            # once, at start-up: the fields type the values
    for event in flexie.webhooks.parse(request.body, fields={"contacts": schema}):
        print(event.name, event.action, event.entity, event.id, event.record["email"])

A payload maps event names to lists of events, each holding the record under its singular name:
``{"flexie.lead_post_save_update": [{"lead": {"id": 123, ...}, "timestamp": "..."}]}``. The naming
follows the one public sample of a Flexie webhook and the Mautic lineage it comes from
(``<entity>_post_save_new``, ``<entity>_post_save_update``, ``<entity>_post_delete``). Flexie
publishes no signature scheme: authenticate the sender another way (a secret path, an allow list).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import _values
from .errors import FlexieError, InvalidArgumentError
from .fields import Field, FieldSchema
from .records import Record

__all__ = ["ACTIONS", "WebhookEvent", "WebhookPayloadError", "parse"]

# The suffix of an event name after the entity, and the action it means.
ACTIONS = {"post_save_new": "created", "post_save_update": "updated", "post_delete": "deleted", "post_save": "saved"}

# Singular names whose resource is not simply the name plus "s".
_PLURALS = {"entity": "entities", "reply": "replies"}


class WebhookPayloadError(FlexieError, ValueError):
    """A webhook body that cannot be read as Flexie events. ``where`` points at the part at fault
    (``flexie.lead_post_save_update[0]``); nothing of the payload is returned when this is raised."""

    def __init__(self, message: str, *, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where


@dataclass(frozen=True)
class WebhookEvent:
    """One event of a payload.

    ``name`` as sent (``flexie.contact_post_save_new``); ``entity`` the record's singular name
    (``contact``); ``action`` ``created``, ``updated``, ``deleted`` (``saved`` for a save that does
    not say which), or the name's own suffix for other events; ``record`` a :class:`flexie.Record`
    typed by the entity's fields when they were given; ``timestamp`` when the event says when
    (UTC); ``raw`` the event object as received.
    """

    name: str
    entity: str
    action: str
    record: Record
    timestamp: dt.datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> int:
        """The record's id (a string id such as ``"7"`` is read as 7)."""
        return self.record.id


FieldsGiven = FieldSchema | Iterable[Field]


def parse(
    body: bytes | str | Mapping[str, Any],
    *,
    fields: Mapping[str, FieldsGiven] | None = None,
    field_aliases: Mapping[str, Mapping[str, str]] | None = None,
) -> list[WebhookEvent]:
    """The events of a webhook body, in the order they were sent.

    ``body`` is the request body (bytes or text of JSON) or its decoded object. ``fields`` maps an
    entity (``"contacts"`` as on the client, or ``"contact"`` as in the payload) to its fields:
    ``client.contacts.describe()`` or ``client.contacts.fields()``. With them, values come typed
    as the client types them (dates, numbers, booleans, lists) and logical names work; without,
    only ``id``, ``date_added`` and ``date_modified`` are typed. ``field_aliases`` adds logical
    names, as the client's option of that name does.

    Raises :class:`WebhookPayloadError` for a body that is not such a payload, and
    :class:`flexie.InvalidArgumentError` for ``fields`` that are not fields.
    """
    payload = _decode(body)
    schemas = _Schemas(fields or {}, field_aliases or {})
    events: list[WebhookEvent] = []
    for name, items in payload.items():
        if isinstance(items, Mapping):
            items = [items]  # one event not wrapped in a list: nothing to doubt
        if not isinstance(items, list):
            raise WebhookPayloadError(f"expected a list of events, got {type(items).__name__}", where=name)
        for position, item in enumerate(items):
            events.append(_event(name, item, schemas, f"{name}[{position}]"))
    return events


def _decode(body: bytes | str | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(body, bytes | bytearray | memoryview):
        try:
            body = bytes(body).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise WebhookPayloadError(
                f"the webhook body is not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
    if isinstance(body, str):
        text = body
        try:
            body = json.loads(text)
        except ValueError as exc:
            shown = text[:60] + ("..." if len(text) > 60 else "")
            raise WebhookPayloadError(f"the webhook body is not JSON ({exc}): {shown!r}") from None
    if not isinstance(body, Mapping):
        raise WebhookPayloadError(
            f"a webhook body is an object of event names to lists of events, got {type(body).__name__}"
        )
    return body


def _event(name: Any, item: Any, schemas: _Schemas, where: str) -> WebhookEvent:
    if not isinstance(name, str):
        raise WebhookPayloadError(f"event names are strings, got {name!r}")
    if not isinstance(item, Mapping):
        raise WebhookPayloadError(f"an event is an object, got {type(item).__name__}", where=where)
    stem = name.partition(".")[2] or name
    entity = _entity_key(stem, item, where)
    suffix = stem[len(entity) + 1 :] if stem.startswith(f"{entity}_") else stem
    data = _flatten(item[entity], where)
    record_id = data.get("id")
    if record_id is None:
        record_id = item.get("id")  # a deleted record may have lost its id; the event keeps it
    if isinstance(record_id, str) and record_id.strip().isdigit():
        record_id = int(record_id)
    if type(record_id) is not int:
        raise WebhookPayloadError(f"the {entity} has no whole-number id: {record_id!r}", where=where)
    data["id"] = record_id
    stamp = item.get("timestamp")
    timestamp = _values.parse("datetime", stamp) if isinstance(stamp, str) else None
    return WebhookEvent(
        name=name,
        entity=entity,
        action=ACTIONS.get(suffix, suffix),
        record=Record(data, schemas.get(entity), entity),
        timestamp=timestamp if isinstance(timestamp, dt.datetime) else None,
        raw=item,
    )


def _entity_key(stem: str, item: Mapping[str, Any], where: str) -> str:
    """The key holding the record: the one the event name starts with, or the only object."""
    objects = [key for key, value in item.items() if isinstance(value, Mapping)]
    named = [key for key in objects if stem.startswith(f"{key}_")]
    if named:
        return max(named, key=len)
    if len(objects) == 1:
        return str(objects[0])
    raise WebhookPayloadError(
        f"cannot tell which object is the record: the event name names none of {objects or 'no objects'}",
        where=where,
    )


def _flatten(record: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The record keyed by field alias. Mautic-style records group values under
    ``fields: {group: {alias: {"value": ...}}}`` (or ``fields.all: {alias: value}``): those are
    lifted to the top; a value that disagrees with a top-level one of the same alias is an error."""
    data = dict(record)
    grouped = data.get("fields")
    if not isinstance(grouped, Mapping) or not all(isinstance(group, Mapping) for group in grouped.values()):
        return data
    flat: dict[str, Any] = {}
    if isinstance(grouped.get("all"), Mapping):
        flat.update(grouped["all"])
    else:
        for group in grouped.values():
            flat.update({alias: spec.get("value") for alias, spec in group.items() if isinstance(spec, Mapping)})
    del data["fields"]
    for alias, value in flat.items():
        if alias in data and data[alias] != value and alias != "id":
            raise WebhookPayloadError(f"{alias} is both {data[alias]!r} and, in fields, {value!r}", where=where)
        data.setdefault(alias, value)
    return data


class _Schemas:
    """The field schema of each entity, looked up by singular or resource name, built once."""

    def __init__(self, fields: Mapping[str, FieldsGiven], aliases: Mapping[str, Mapping[str, str]]) -> None:
        self._fields: dict[str, FieldSchema | list[Field]] = {}
        for name, given in fields.items():
            items = given if isinstance(given, FieldSchema) else list(given)
            if not isinstance(items, FieldSchema) and not all(isinstance(item, Field) for item in items):
                raise InvalidArgumentError(
                    f"fields[{name!r}] must be a FieldSchema or a list of flexie.Field "
                    f"(client.{name}.describe() or client.{name}.fields())"
                )
            self._fields[name] = items
        self._aliases = aliases
        self._built: dict[str, FieldSchema] = {}

    def get(self, entity: str) -> FieldSchema:
        schema = self._built.get(entity)
        if schema is None:
            names = (entity, _PLURALS.get(entity, f"{entity}s"))
            given = next((self._fields[name] for name in names if name in self._fields), [])
            logical = next((dict(self._aliases[name]) for name in names if name in self._aliases), {})
            if isinstance(given, FieldSchema):
                schema = FieldSchema(entity, given.fields, {**given.logical, **logical})
            else:
                schema = FieldSchema(entity, given, logical)
            schema.check_logical_names()
            self._built[entity] = schema
        return schema
