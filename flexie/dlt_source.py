"""A `dlt <https://dlthub.com>`_ source for Flexie (``pip install 'flexie[dlt]'``).

::

    import dlt
    from flexie.dlt_source import flexie_source

    pipeline = dlt.pipeline("flexie", destination="duckdb", dataset_name="flexie")
    pipeline.run(flexie_source(client, tables=["projects"]))

- one dlt resource per entity (contacts, leads, accounts, deals, cases) and per custom entity table
  (``ce_<table>``), ``primary_key="id"``, ``write_disposition="merge"``;
- incremental: each resource keeps a :mod:`flexie.changes` cursor in its dlt state, which dlt
  commits with the data, so a run loads what changed since the last successful one;
- columns typed from the entity's field list: date, timestamp, double (number), bool, time, bigint
  (lookup), json (multiselect), text for the rest;
- columns named by the client's logical names (``field_aliases=``) where it has them, else aliases;
- ``with_deletions=True`` (with the ``pipeline``): the ids each table holds are read from the
  destination (over its SQL client) before the run; each resource scans the server's ids (a full
  pass of pages) and deletes the rows that are gone, through dlt's ``hard_delete`` column
  ``_flexie_deleted``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from .changes import changes, deleted_ids
from .errors import ConfigurationError, FlexieError, InvalidArgumentError
from .fields import SYSTEM_FIELDS, FieldSchema
from .records import Record

if TYPE_CHECKING:
    from ._sync.client import Flexie

__all__ = [
    "CRM_ENTITIES",
    "DELETED_COLUMN",
    "column_hints",
    "flexie_source",
    "held_ids",
    "require_dlt",
    "table_name",
    "unwrap",
]

CRM_ENTITIES = ("contacts", "leads", "accounts", "deals", "cases")
DELETED_COLUMN = "_flexie_deleted"  # dlt's hard_delete column: rows given with it true are deleted
CURSOR_KEY = "flexie_cursor"
# dlt data type of each field type; every other type is text
DATA_TYPES = {
    "number": "double", "boolean": "bool", "date": "date", "datetime": "timestamp", "time": "time",
    "multiselect": "json", "lookup": "bigint",
}  # fmt: skip


def require_dlt() -> Any:
    """The dlt module, or a :class:`~flexie.ConfigurationError` saying how to install it."""
    try:
        import dlt
    except ImportError as exc:
        raise ConfigurationError(
            f"this needs the dlt extra ({exc.name} is missing): pip install 'flexie[dlt]'"
        ) from None
    return dlt


def table_name(entity: str) -> str:
    """The dlt resource (and table) name of an entity or of a custom table ``ce:NAME``: ``ce_NAME``."""
    return f"ce_{entity[3:]}" if entity.startswith("ce:") else entity


def column_hints(schema: FieldSchema) -> dict[str, dict[str, Any]]:
    """dlt column hints for an entity's fields, keyed by column name (logical name, else alias)."""
    names = _column_names(schema)
    hints: dict[str, dict[str, Any]] = {"id": {"data_type": "bigint", "nullable": False, "primary_key": True}}
    for f in [*schema.fields, SYSTEM_FIELDS["date_added"], SYSTEM_FIELDS["date_modified"]]:
        if f.alias == "id" or f.type == "password":
            continue
        hints[names.get(f.alias, f.alias)] = {"data_type": DATA_TYPES.get(f.type, "text"), "nullable": True}
    hints[DELETED_COLUMN] = {"data_type": "bool", "nullable": True, "hard_delete": True}
    return hints


def _column_names(schema: FieldSchema) -> dict[str, str]:
    """alias -> logical name, for the aliases the client has a logical name for (the first one wins)."""
    names: dict[str, str] = {}
    for logical, alias in schema.logical.items():
        names.setdefault(alias, logical)
    return names


def _row(record: Record, names: Mapping[str, str]) -> dict[str, Any]:
    """The record as the server sent it: dlt converts each value to its column's type (cheaper than typing
    every value in Python first), and keeps one it cannot convert in a variant column, never dropping it."""
    values = record.raw
    if not names:
        return values
    return {names.get(key, key): value for key, value in values.items()}


def _resource_of(client: Flexie, entity: str) -> Any:
    if entity.startswith("ce:"):
        if not entity[3:]:
            raise InvalidArgumentError("a custom table is written ce:NAME, e.g. ce:projects")
        return client.custom_entity(entity[3:])
    if entity not in CRM_ENTITIES:
        raise InvalidArgumentError(
            f"cannot sync {entity!r}: use one of {', '.join(CRM_ENTITIES)}, or ce:TABLE for a custom table"
        )
    return getattr(client, entity)


def held_ids(pipeline: Any, tables: Iterable[str]) -> dict[str, list[int]]:
    """The ids each of ``tables`` holds in ``pipeline``'s destination (none before a table's first load).

    Read over the destination's SQL client, before the run: deletions need a SQL destination.
    """
    from dlt.common.destination.exceptions import DestinationUndefinedEntity

    try:
        pipeline.sync_destination()  # the schema (and its naming) as the destination has it
        client = pipeline.sql_client()
    except Exception as exc:  # dlt raises several kinds when a destination has no SQL client
        raise ConfigurationError(
            f"deletions need a SQL destination to read the ids it holds; {pipeline.destination.destination_name} "
            f"has none ({exc})"
        ) from None
    naming = pipeline.default_schema.naming if pipeline.default_schema_name else None
    held: dict[str, list[int]] = {}
    with client:
        for table in tables:
            name = naming.normalize_table_identifier(table) if naming is not None else table
            try:
                rows = client.execute_sql(f"SELECT id FROM {client.make_qualified_table_name(name)}")
            except DestinationUndefinedEntity:
                rows = []
            held[table] = [row[0] for row in rows or ()]
    return held


def _rows(
    resource: Any,
    table: str,
    names: Mapping[str, str],
    *,
    held: list[int] | None,
    page_size: int,
    stats: MutableMapping[str, int],
) -> Callable[[], Iterator[list[dict[str, Any]]]]:
    """The generator function of one dlt resource: the changes since its cursor, then deletions."""

    def rows() -> Iterator[list[dict[str, Any]]]:
        import dlt

        state = dlt.current.resource_state()
        feed = changes(resource, since=state.get(CURSOR_KEY), page_size=page_size)
        stats[f"{table}.changed"] = 0
        for batch in feed.pages():
            yield [_row(record, names) for record in batch]
            state[CURSOR_KEY] = feed.cursor
            stats[f"{table}.changed"] += len(batch)
        state[CURSOR_KEY] = feed.cursor  # a first scan's cursor is known only once it is complete
        if held is not None:
            gone = deleted_ids(resource, held, page_size=page_size)
            stats[f"{table}.deleted"] = len(gone)
            for start in range(0, len(gone), 1000):
                yield [{"id": record_id, DELETED_COLUMN: True} for record_id in gone[start : start + 1000]]

    return rows


def flexie_source(
    client: Flexie,
    entities: Sequence[str] | None = None,
    *,
    tables: Iterable[str] = (),
    with_deletions: bool = False,
    pipeline: Any = None,
    page_size: int = 100,
    parallel: bool = True,
    stats: MutableMapping[str, int] | None = None,
) -> Any:
    """A dlt source over ``client``: one merge resource per entity and per custom table.

    ``entities``: contacts, leads, accounts, deals, cases (default: all five), or ``ce:TABLE``.
    ``tables``: custom entity tables to add (``["projects"]`` is the same as ``"ce:projects"``).
    ``with_deletions``: also delete the rows of records deleted on the server; give the ``pipeline``
    you will run the source with, whose destination is asked for the ids it holds (a SQL destination),
    and each resource then scans the server's ids (a full pass of pages). ``parallel``: let dlt run
    the resources side by side in threads. ``stats``, when given, is filled with ``"<table>.changed"``
    and ``"<table>.deleted"`` counts as the run goes.
    """
    dlt = require_dlt()
    wanted = list(dict.fromkeys([*(entities if entities is not None else CRM_ENTITIES), *(f"ce:{t}" for t in tables)]))
    if not wanted:
        raise InvalidArgumentError("nothing to sync: name at least one entity or table")
    if with_deletions and pipeline is None:
        raise InvalidArgumentError(
            "with_deletions=True needs the pipeline the source will run in, to read the ids its destination "
            "holds: flexie_source(client, with_deletions=True, pipeline=pipeline)"
        )
    resources_of = {entity: _resource_of(client, entity) for entity in wanted}  # unknown names fail first
    held = held_ids(pipeline, [table_name(e) for e in wanted]) if with_deletions else {}
    counts: MutableMapping[str, int] = stats if stats is not None else {}
    resources = []
    for entity, resource in resources_of.items():
        schema: FieldSchema = resource.describe()
        table = table_name(entity)
        rows = _rows(resource, table, _column_names(schema), held=held.get(table), page_size=page_size, stats=counts)
        resources.append(
            dlt.resource(
                rows,
                name=table,
                primary_key="id",
                write_disposition="merge",
                columns=column_hints(schema),
                parallelized=parallel,
            )
        )
    return dlt.source(name="flexie", max_table_nesting=0)(lambda: resources)()


def unwrap(exc: BaseException) -> BaseException:
    """The FlexieError that made a dlt step fail, when there is one; else ``exc`` itself."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, FlexieError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return exc
