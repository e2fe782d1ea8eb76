"""The requests behind every resource method, built without doing any I/O.

``RecordPlans`` turns a method call (``get(42)``, ``create({...})``, a page of ``filter(...)``) into a
:class:`~flexie._calls.Plan`: which generated operation, with which arguments, checked against
which field schema, and how to read the answer. The sync and async resources run the same plans.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .._calls import Call, Plan, SchemaKey, immediate
from .._generated import given, models
from .._scalars import as_id
from .._values import jsonable
from ..errors import InvalidArgumentError
from ..fields import FieldSchema
from ..records import Record, adopt_records, as_mapping
from ._specs import Operations, ResourceSpec, on_table

if TYPE_CHECKING:
    from typing import TypeGuard

    from flexie_api.models import AssociativeArray

    from ..filters import Condition
    from ..pagination import Page, PageQuery
    from ._endpoint_types import ByIdPaged, Endpoint, EntityPaged, NoArgs, Paged, Paging

__all__ = ["ListArgs", "RecordPlans", "check_id"]

E = TypeVar("E")
Kwargs = Callable[[], dict[str, Any]]  # a generated request_kwargs with its arguments bound


def check_id(value: Any, what: str = "id") -> int:
    """A record id: a positive int, a string of digits, or a Record (its id)."""
    return as_id(value, what)


_FLAT: dict[type, bool] = {}


def _is_flat(cls: type) -> bool:
    """Whether a generated model is just ``id`` plus free-form fields, as every CRM entity's is."""
    flat = _FLAT.get(cls)
    if flat is None:
        names = [a.name for a in getattr(cls, "__attrs_attrs__", ())]
        flat = _FLAT[cls] = names == ["id", "additional_properties"]
    return flat


def to_record(model: Any, schema: FieldSchema | None, entity: str) -> Record:
    """The record behind a generated model."""
    return to_records([model], schema, entity)[0]


def to_records(models: list[Any], schema: FieldSchema | None, entity: str) -> list[Record]:
    """The records behind a list of generated models (of one class: the generated code parses a list so)."""
    if models and _is_flat(type(models[0])):
        return adopt_records([{"id": m.id, **m.additional_properties} for m in models], schema, entity)[0]
    return [Record(m.to_dict(), schema, entity) for m in models]


def read_page(
    content: bytes,
    query: PageQuery,
    schema: FieldSchema | None,
    list_key: str,
    entity: str,
    module: Endpoint | None = None,
) -> Page[Record]:
    """A page of an entity's records, straight from the body: ``{"total": N, list_key: [{...}, ...]}``.

    The generated model of such a page is only ``id`` plus the account's fields for each record, so
    reading the JSON directly gives the same records without building a hundred models per page
    first (see :func:`flexie._calls.Call.read`). What the model would refuse, this refuses too.
    """
    from ..pagination import Page
    from ..reader import answer_body

    data = json.loads(content) if module is None else answer_body(module, content)
    if type(data) is not dict:
        raise TypeError(f"the page is {type(data).__name__}, not an object")
    total, objects = data["total"], data[list_key]
    if type(total) is not int:
        raise TypeError(f"total is {type(total).__name__}, not an integer")
    if type(objects) is not list:
        raise TypeError(f"{list_key} is {type(objects).__name__}, not a list")
    records, ids = adopt_records(objects, schema, entity)
    return Page(items=records, total=total, start=query.start, ids=ids)


class ListArgs:
    """The caller's list/filter parameters, checked once and repeated on every page."""

    def __init__(
        self,
        *,
        search: str | None = None,
        order_by: str | None = None,
        descending: bool = False,
        entity_list: int | None = None,
        conditions: Sequence[Condition] = (),
    ) -> None:
        if search is not None and not isinstance(search, str):
            raise InvalidArgumentError(f"search must be a string, got {search!r}")
        if order_by is not None and (not isinstance(order_by, str) or not order_by):
            raise InvalidArgumentError(f"order_by must be a field name, got {order_by!r}")
        if conditions:
            from ..filters import Condition
        for condition in conditions:
            if not isinstance(condition, Condition):
                raise InvalidArgumentError(
                    f"filter() takes conditions built with flexie.F, e.g. F('email').like('acme'); got {condition!r}"
                )
        self.search = search
        self.order_by = order_by
        self.descending = bool(descending)
        self.entity_list = None if entity_list is None else check_id(entity_list, "entity_list")
        self.conditions = list(conditions)

    def order_alias(self, schema: FieldSchema | None) -> str | None:
        if self.order_by is None:
            return None
        return schema.resolve(self.order_by).alias if schema is not None else self.order_by


_KEYSET_FILTER = {"type": "number", "alias": "id", "strict": False, "starts": False, "ends": False}


def paging(query: PageQuery, order_by: str | None, descending: bool, search: str | None) -> Paging:
    """The paging arguments for one page of ``query``."""
    direction = models.OrderByDir("DESC" if descending else "ASC") if order_by is not None else None
    return {
        "start": query.start,
        "limit": query.size,
        "order_by": given(order_by),
        "order_by_dir": given(direction),
        "search": given(search),
    }


class RecordPlans:
    """Plans for one resource (an entity, a custom entity table, tasks, users, ...).

    ``ops`` is the resource's table of generated endpoints, a custom entity's with its table name
    bound, so every plan calls ``ops.<method>.request_kwargs(...)`` with arguments mypy checks.
    """

    @overload
    def __init__(self, spec: ResourceSpec[()], table: None = None) -> None: ...
    @overload
    def __init__(self, spec: ResourceSpec[str], table: str) -> None: ...
    def __init__(self, spec: ResourceSpec[()] | ResourceSpec[str], table: str | None = None) -> None:
        self.spec = spec
        self.entity = table if spec.table and table else spec.name
        if table is None:
            self.ops: Operations[()] = spec.endpoints  # type: ignore[assignment]  # overload: a spec without path
        else:
            self.ops = on_table(spec.endpoints, table)  # type: ignore[arg-type]  # overload: a spec on a table
        fields = self.ops.fields
        self.schema_key = SchemaKey(self.entity, fields) if spec.has_fields and fields is not None else None

    # -- building blocks -------------------------------------------------------------------------

    def need(self, op: E | None, method: str) -> E:
        """The endpoint of ``method``; a resource class only offers methods its table has."""
        if op is None:
            raise InvalidArgumentError(f"{self.entity} has no {method} operation")
        return op

    def record(self, schema: FieldSchema | None, entity: str | None = None) -> Callable[[Any], Record]:
        key = self.spec.single_key
        return lambda model: to_record(getattr(model, key), schema, entity or self.entity)

    def page(
        self,
        op: Endpoint,
        kwargs: Kwargs,
        query: PageQuery,
        schema: FieldSchema | None,
        key: str | None = None,
        entity: str | None = None,
    ) -> Call[Page[Record]]:
        """The call for one page of records: the entity's own (``key`` None) or attached ones."""
        from ..pagination import Page

        list_key, name = key or self.spec.list_key, entity or self.entity

        def parse(model: Any) -> Page[Record]:
            total = model.total
            if not isinstance(total, int):
                raise TypeError(f"total is {type(total).__name__}, not an integer")
            items = to_records(getattr(model, list_key), schema, name)
            return Page(items=items, total=total, start=query.start, ids=[r.id_or_none for r in items])

        def read(content: bytes) -> Page[Record]:
            return read_page(content, query, schema, list_key, name, op)

        # an entity's own records are read from the body: their models are only id + fields
        direct = key is None and self.spec.has_fields
        return Call(op, kwargs, parse, idempotent=True, read=read if direct else None)

    def body(
        self, values: Mapping[str, Any] | Record, schema: FieldSchema | None, *, creating: bool
    ) -> AssociativeArray:
        values = as_mapping(values)
        if schema is not None:
            data = schema.serialize_record(values, creating=creating)
        elif isinstance(values, Mapping):
            data = {str(k): jsonable(v, f"{self.entity}.{k}") for k, v in values.items()}
        else:
            raise InvalidArgumentError(f"{self.entity} values must be a mapping, got {type(values).__name__}")
        return models.AssociativeArray.from_dict(data)

    def plan(self, build: Callable[[FieldSchema | None], Call[Any]], validate: bool | None = None) -> Plan[Any]:
        return Plan(build=build, schema=self.schema_key, validate=validate)

    # -- single records ----------------------------------------------------------------------------

    def get(self, record_id: Any) -> Plan[Record]:
        op, record_id = self.need(self.ops.get, "get"), check_id(record_id)
        return self.plan(lambda s: Call(op, lambda: op.request_kwargs(id=record_id), self.record(s), idempotent=True))

    def create(self, values: Mapping[str, Any] | Record, validate: bool | None = None) -> Plan[Record]:
        op = self.need(self.ops.create, "create")

        def build(schema: FieldSchema | None) -> Call[Record]:
            body = self.body(values, schema, creating=True)
            return Call(op, lambda: op.request_kwargs(body=body), self.record(schema), idempotent=False)

        return self.plan(build, validate)

    def update(self, record_id: Any, values: Mapping[str, Any] | Record, validate: bool | None = None) -> Plan[Record]:
        op, record_id = self.need(self.ops.update, "update"), check_id(record_id)

        def build(schema: FieldSchema | None) -> Call[Record]:
            body = self.body(values, schema, creating=False)
            return Call(op, lambda: op.request_kwargs(id=record_id, body=body), self.record(schema), idempotent=False)

        return self.plan(build, validate)

    def update_by_unique_field(self, values: Mapping[str, Any] | Record, validate: bool | None = None) -> Plan[Record]:
        op = self.need(self.ops.update_by_unique_field, "update_by_unique_field")

        def build(schema: FieldSchema | None) -> Call[Record]:
            body = self.body(values, schema, creating=False)
            return Call(op, lambda: op.request_kwargs(body=body), self.record(schema), idempotent=False)

        return self.plan(build, validate)

    def delete(self, record_id: Any) -> Plan[None]:
        op, record_id = self.need(self.ops.delete, "delete"), check_id(record_id)
        return immediate(Call(op, lambda: op.request_kwargs(id=record_id), lambda _m: None, idempotent=True))

    def complete(self, record_id: Any, done: bool) -> Plan[Record]:
        """Mark a task done (or not done): a POST that changes the record and returns it."""
        op = self.need(self.ops.complete if done else self.ops.incomplete, "complete" if done else "incomplete")
        record_id = check_id(record_id)
        return immediate(Call(op, lambda: op.request_kwargs(id=record_id), self.record(None), idempotent=False))

    # -- pages -------------------------------------------------------------------------------------

    def _takes_entity_list(self, op: Paged[()] | EntityPaged[()]) -> TypeGuard[EntityPaged[()]]:
        return self.spec.entity_list

    def list_page(self, args: ListArgs, query: PageQuery) -> Plan[Page[Record]]:
        op = self.need(self.ops.list, "list")

        def build(schema: FieldSchema | None) -> Call[Page[Record]]:
            params = paging(query, args.order_alias(schema), args.descending, args.search)
            entity_list = args.entity_list
            if entity_list is not None and self._takes_entity_list(op):
                narrowed = op
                return self.page(op, lambda: narrowed.request_kwargs(**params, entity_list=entity_list), query, schema)
            return self.page(op, lambda: op.request_kwargs(**params), query, schema)

        return self.plan(build)

    def filter_page(self, args: ListArgs, query: PageQuery, validate: bool | None = None) -> Plan[Page[Record]]:
        op = self.need(self.ops.filter, "filter")

        def build(schema: FieldSchema | None) -> Call[Page[Record]]:
            filters = [c.to_wire(schema, self.entity) for c in args.conditions]
            body: dict[str, Any] = {"start": query.start, "limit": query.size}
            if query.after_id is not None:  # keyset paging: ids above the last one seen, ascending
                filters.append({**_KEYSET_FILTER, "value": {"operator": "gt", "input": query.after_id}})
                if query.upto_id is not None:  # one segment of the id range (concurrent paging)
                    filters.append({**_KEYSET_FILTER, "value": {"operator": "lte", "input": query.upto_id}})
                body.update(orderBy="id", orderByDir="DESC" if query.newest_first else "ASC")
            else:
                order = args.order_alias(schema)
                if order is not None:
                    body.update(orderBy=order, orderByDir="DESC" if args.descending else "ASC")
            if filters:
                body["filters"] = filters
            if args.search is not None:
                body["search"] = args.search
            if args.entity_list is not None:
                body["entityList"] = args.entity_list
            filter_input = models.FilterInput.from_dict(body)
            return self.page(op, lambda: op.request_kwargs(body=filter_input), query, schema)

        return self.plan(build, validate)

    def sub_page(
        self, op: Endpoint, kwargs: Callable[[Paging], dict[str, Any]], args: ListArgs, query: PageQuery, key: str
    ) -> Plan[Page[Record]]:
        """A page of something attached to a record or the entity: notes, lists, workflows, replies.

        ``kwargs`` is the endpoint's ``request_kwargs`` with its other arguments bound, e.g.
        ``lambda paging: op.request_kwargs(id=42, **paging)``.
        """
        params = paging(query, args.order_by, args.descending, args.search)
        return immediate(self.page(op, lambda: kwargs(params), query, None, key, key))

    def attached(
        self, op: ByIdPaged[()] | None, method: str, record_id: Any
    ) -> tuple[Endpoint, Callable[[Paging], dict[str, Any]]]:
        """What :meth:`sub_page` needs for one record's lists, notes, workflows or replies."""
        found, checked = self.need(op, method), check_id(record_id)
        return found, lambda params: found.request_kwargs(id=checked, **params)

    # -- bare arrays -------------------------------------------------------------------------------

    def array(self, op: NoArgs[()] | None, method: str, entity: str) -> Plan[list[Record]]:
        found = self.need(op, method)
        return immediate(
            Call(found, found.request_kwargs, lambda items: to_records(items, None, entity), idempotent=True)
        )
