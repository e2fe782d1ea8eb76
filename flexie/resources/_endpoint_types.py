"""The shapes of the generated endpoints the facade calls, for the type checker.

Each protocol says what a generated endpoint module's ``request_kwargs`` takes (``ById``: an ``id``;
``Paged``: ``start``, ``limit``, ``order_by``, ...). A module satisfies a protocol the way a class
does, so mypy checks every row of the table of operations (``_specs.py``) against the module it
names, and every call ``ops.get.request_kwargs(id=...)`` against the protocol.

``Path`` is what every operation of a table takes first: nothing for contacts, leads, ...; the
table name (``str``) for custom entities (``/ce/{tableName}/...``). ``Operations[str]`` becomes an
``Operations[()]`` once the table name is bound (:func:`flexie.resources._specs.on_table`).

Nothing here exists at run time (annotations are never evaluated there, and this module is only
imported by type checkers), so the generic protocols cost no import and need no
``typing_extensions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypedDict

if TYPE_CHECKING:
    import httpx
    from flexie_api.client import AuthenticatedClient, Client
    from flexie_api.models import AssociativeArray, EmailSend, FilterInput, OrderByDir, PermissionCheck
    from flexie_api.types import Unset
    from typing_extensions import TypeVarTuple, Unpack

    Path = TypeVarTuple("Path")
    Kwargs = dict[str, Any]  # what request_kwargs returns: method, url, params, json, headers

    class Endpoint(Protocol):
        """Any generated endpoint module: its name and its response parser."""

        __name__: str

        def parse_response(self, *, client: AuthenticatedClient | Client, response: httpx.Response) -> object: ...

    class NoArgs(Endpoint, Protocol[Unpack[Path]]):
        def request_kwargs(self, *path: Unpack[Path]) -> Kwargs: ...

    class ById(Endpoint, Protocol[Unpack[Path]]):
        def request_kwargs(self, *path: Unpack[Path], id: int) -> Kwargs: ...

    class WithBody(Endpoint, Protocol[Unpack[Path]]):
        def request_kwargs(self, *path: Unpack[Path], body: AssociativeArray) -> Kwargs: ...

    class ByIdWithBody(Endpoint, Protocol[Unpack[Path]]):
        def request_kwargs(self, *path: Unpack[Path], id: int, body: AssociativeArray) -> Kwargs: ...

    class Filter(Endpoint, Protocol[Unpack[Path]]):
        def request_kwargs(self, *path: Unpack[Path], body: FilterInput | Unset = ...) -> Kwargs: ...

    class Membership(Endpoint, Protocol[Unpack[Path]]):
        def request_kwargs(self, *path: Unpack[Path], id: int, entity_id: int) -> Kwargs: ...

    class Paging(TypedDict):
        """The offset-paging arguments of the generated list endpoints (``**paging`` in the shapes below)."""

        start: int
        limit: int
        order_by: str | Unset
        order_by_dir: OrderByDir | Unset
        search: str | Unset

    class EntityPaging(Paging, total=False):
        entity_list: int | Unset  # only the records on this list of the entity

    class Paged(Endpoint, Protocol[Unpack[Path]]):
        """A page of records by offset."""

        def request_kwargs(self, *path: Unpack[Path], **paging: Unpack[Paging]) -> Kwargs: ...

    class EntityPaged(Endpoint, Protocol[Unpack[Path]]):
        """An entity's own records by offset, which may be narrowed to one of its lists."""

        def request_kwargs(self, *path: Unpack[Path], **paging: Unpack[EntityPaging]) -> Kwargs: ...

    class ByIdPaged(Endpoint, Protocol[Unpack[Path]]):
        """A page of what is attached to one record (its lists, notes, workflows, replies)."""

        def request_kwargs(self, *path: Unpack[Path], id: int, **paging: Unpack[Paging]) -> Kwargs: ...

    class ByIdentifierPaged(Endpoint, Protocol):
        def request_kwargs(self, identifier: str, **paging: Unpack[Paging]) -> Kwargs: ...

    class ByIdentifierWithBody(Endpoint, Protocol):
        def request_kwargs(self, identifier: str, *, body: AssociativeArray) -> Kwargs: ...

    class NoteCreate(Endpoint, Protocol):
        def request_kwargs(self, entity_type: str, entity_id: int, *, body: AssociativeArray) -> Kwargs: ...

    class EmailSendOp(Endpoint, Protocol):
        def request_kwargs(self, id: int, *, body: EmailSend | Unset = ...) -> Kwargs: ...

    class PermissionCheckOp(Endpoint, Protocol):
        def request_kwargs(self, id: int, *, body: PermissionCheck) -> Kwargs: ...
