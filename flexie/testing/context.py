"""What a handler receives, and helpers every handler uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flexie.testing.auth import Principal
from flexie.testing.collection import Collection
from flexie.testing.errors import bad_request
from flexie.testing.records import unknown_keys, validate_values
from flexie.testing.routes import Params, R
from flexie.testing.store import Store

if TYPE_CHECKING:
    from flexie.testing.state import FakeState

Result = tuple[int, Any]  # (status, JSON payload or None for an empty body)


@dataclass
class Ctx:
    state: FakeState
    route: R
    params: Params
    query: dict[str, str]
    body: Any
    has_body: bool
    principal: Principal
    ignored: list[str] = field(default_factory=list)  # body keys dropped under unknown_fields="ignore"

    @property
    def store(self) -> Store:
        return self.state.store

    def int_param(self, name: str = "id") -> int:
        value = self.params[name]
        assert isinstance(value, int)
        return value

    def str_param(self, name: str) -> str:
        return str(self.params[name])

    def collection(self) -> Collection:
        table = self.params.get("tableName")
        return self.state.store.collection_for(self.route.resource, None if table is None else str(table))

    def required_body(self) -> Any:
        if not self.has_body:
            raise bad_request("This operation needs a JSON body.")
        return self.body

    def values(self, collection: Collection, body: Any, *, creating: bool) -> dict[str, Any]:
        """`body` validated against the collection's fields under the fake's unknown-fields policy."""
        policy = self.state.config.unknown_fields
        return validate_values(collection, body, creating=creating, unknown_fields=policy, ignored=self.ignored)

    def options(self, body: dict[str, Any], known: tuple[str, ...], what: str) -> None:
        """Apply the unknown-fields policy to the keys of an options body (`what` names the call)."""
        unknown_keys(body, known, self.state.config.unknown_fields, self.ignored, what)


class Encoded(bytes):
    """A response body already serialized to JSON (built from the collection's cached records)."""


def single(collection: Collection, record: dict[str, Any]) -> Encoded:
    """`{"contact": {...}}`."""
    return Encoded(b'{"%s":%s}' % (collection.info.singular.encode(), collection.encoded(record)))


def page_of(collection: Collection, total: int, records: list[dict[str, Any]]) -> Encoded:
    """`{"total": n, "contacts": [...]}`."""
    items = b",".join([collection.encoded(record) for record in records])
    return Encoded(b'{"total":%d,"%s":[%s]}' % (total, collection.info.plural.encode(), items))
