"""Paging, ordering, search and filters, as the list endpoints do them.

GET lists read `start`, `limit` (1..100, default 30), `orderBy`, `orderByDir`, `search` and
`entityList` from the query; POST ("filtered") lists read the same from a JSON body, with `limit`
5..100, plus `filters`. A bad paging parameter or a malformed filter is 400; a filter on an alias
the entity does not have, or an input of the wrong type, is 422. `total` counts every match.

Fast paths keep the common cases off a full scan: the default order (id) without conditions is a
slice of the ascending id list, and the client's keyset page (one `id` gt/gte/lt/lte filter,
ordered by id) is a bisection. Other orders are sorted once per write and cached.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Collection as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from flexie.testing.collection import Collection
from flexie.testing.errors import bad_request
from flexie.testing.filters import Predicate, compile_filter, validate_filter

DEFAULT_LIMIT = 30


@dataclass
class Page:
    start: int = 0
    limit: int = DEFAULT_LIMIT
    order_by: str = "id"
    descending: bool = False
    search: str | None = None
    entity_list: int | None = None
    filters: list[dict[str, Any]] = field(default_factory=list)


def _query_int(name: str, text: str, minimum: int, maximum: int | None) -> int:
    stripped = text.strip()
    digits = stripped[1:] if stripped[:1] in "+-" else stripped
    if not digits.isdigit():
        raise bad_request(f"Query parameter {name} must be an integer.")
    return _in_range(name, int(stripped), minimum, maximum)


def _in_range(name: str, value: int, minimum: int, maximum: int | None) -> int:
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"from {minimum} to {maximum}" if maximum is not None else f"{minimum} or more"
        raise bad_request(f"{name} must be {bound}, got {value}.")
    return value


def _direction(value: Any) -> bool:
    if value not in ("ASC", "DESC"):
        raise bad_request("orderByDir must be ASC or DESC.")
    return bool(value == "DESC")


def parse_query(query: Mapping[str, str], *, entity_list: bool = False) -> Page:
    page = Page()
    if "start" in query:
        page.start = _query_int("start", query["start"], 0, None)
    if "limit" in query:
        page.limit = _query_int("limit", query["limit"], 1, 100)
    if query.get("orderBy"):
        page.order_by = query["orderBy"]
    if "orderByDir" in query:
        page.descending = _direction(query["orderByDir"])
    if query.get("search"):
        page.search = query["search"]
    if entity_list and "entityList" in query:
        page.entity_list = _query_int("entityList", query["entityList"], 1, None)
    return page


def _body_int(body: Mapping[str, Any], name: str, minimum: int, maximum: int | None) -> int | None:
    if name not in body or body[name] is None:
        return None
    value = body[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(f"{name} must be an integer.")
    return _in_range(name, value, minimum, maximum)


def parse_filter_body(body: Any) -> Page:
    """The paging and (structurally checked) filters of a filtered-list body; None means defaults."""
    page = Page()
    if body is None:
        return page
    if not isinstance(body, dict):
        raise bad_request("The body must be a JSON object (filter-input).")
    start = _body_int(body, "start", 0, None)
    limit = _body_int(body, "limit", 5, 100)
    page.start = start if start is not None else 0
    page.limit = limit if limit is not None else DEFAULT_LIMIT
    order_by = body.get("orderBy")
    if order_by is not None and not isinstance(order_by, str):
        raise bad_request("orderBy must be a string.")
    if order_by:
        page.order_by = order_by
    if body.get("orderByDir") is not None:
        page.descending = _direction(body["orderByDir"])
    search = body.get("search")
    if search is not None and not isinstance(search, str):
        raise bad_request("search must be a string.")
    page.search = search or None
    page.entity_list = _body_int(body, "entityList", 1, None)
    filters = body.get("filters")
    if filters is not None:
        if not isinstance(filters, list):
            raise bad_request("filters must be a list of filter objects.")
        for position, item in enumerate(filters):
            validate_filter(item, position)
        page.filters = filters
    return page


def _id_bound(item: dict[str, Any], ids: list[int]) -> tuple[int, int] | None:
    """(lo, hi) positions in ascending ``ids`` that one ``id`` comparison filter allows, else None."""
    value = item["value"]
    operator = value["operator"]
    target = value.get("input")
    if item["alias"] != "id" or operator not in ("gt", "gte", "lt", "lte", "eq"):
        return None
    if isinstance(target, bool) or not isinstance(target, int):
        return None
    if operator == "gt":
        return bisect_right(ids, target), len(ids)
    if operator == "gte":
        return bisect_left(ids, target), len(ids)
    if operator == "lt":
        return 0, bisect_left(ids, target)
    if operator == "lte":
        return 0, bisect_right(ids, target)
    return bisect_left(ids, target), bisect_right(ids, target)


def _id_range(page: Page, ids: list[int]) -> tuple[int, int, list[int]]:
    """The slice of ascending ``ids`` the page's ``id`` comparisons allow, and the positions of its other filters.

    Keyset pages (``id > last``) and the id-range segments a concurrent pager reads
    (``id > low``, ``id <= high``) are then bisections, not scans of the whole collection.
    """
    lo, hi, rest = 0, len(ids), []
    for position, item in enumerate(page.filters):
        bound = _id_bound(item, ids)
        if bound is None:
            rest.append(position)
        else:
            lo, hi = max(lo, bound[0]), min(hi, bound[1])
    return lo, max(lo, hi), rest


def _window(page: Page, total: int) -> tuple[int, int]:
    start = min(page.start, total)
    return start, min(total, start + page.limit)


def run(
    collection: Collection,
    page: Page,
    *,
    subset: Iterable[int] | None = None,
    members: AbstractSet[int] | None = None,
    strict_aliases: bool = True,
) -> tuple[int, list[dict[str, Any]]]:
    """(total, records of the page). `subset` limits the candidates (a record's notes, ...);
    `members` is the entityList membership; `strict_aliases` makes unknown filter aliases 422."""
    order_by = page.order_by
    if collection.field_type(order_by) is None:
        raise bad_request(f"Cannot order by {order_by!r}: not a field of this resource.")
    records = collection.records
    predicates: list[Predicate] = [compile_filter(collection, item, strict_aliases) for item in page.filters]
    if page.search:
        needle = page.search.casefold()
        search_text = collection.search_text
        predicates.append(lambda record: needle in search_text(record))

    if subset is not None:
        candidates = sorted(
            (records[record_id] for record_id in set(subset) if record_id in records), key=lambda r: r["id"]
        )
        matched = [record for record in candidates if _all(predicates, record)]
        matched.sort(key=collection.sort_key(order_by), reverse=page.descending)
        start, stop = _window(page, len(matched))
        return len(matched), matched[start:stop]

    ids = collection.ids
    if order_by == "id" and members is None and not page.search:
        lo, hi, rest = _id_range(page, ids)
        if not rest:  # slices of the ascending id list
            total = hi - lo
            start, stop = _window(page, total)
            chosen = ids[hi - stop : hi - start][::-1] if page.descending else ids[lo + start : lo + stop]
            return total, [records[record_id] for record_id in chosen]
        if len(rest) < len(page.filters):  # narrowed by id first, then the other conditions
            others = [predicates[position] for position in rest]
            narrowed = [i for i in ids[lo:hi] if _all(others, records[i])]
            if page.descending:
                narrowed.reverse()
            start, stop = _window(page, len(narrowed))
            return len(narrowed), [records[record_id] for record_id in narrowed[start:stop]]

    if members is not None and order_by == "id":
        order: list[int] = sorted((m for m in members if m in records), reverse=page.descending)
    else:
        order = collection.sorted_ids(order_by, page.descending)
        if members is not None:
            order = [record_id for record_id in order if record_id in members]
    if predicates:
        order = [record_id for record_id in order if _all(predicates, records[record_id])]
    start, stop = _window(page, len(order))
    return len(order), [records[record_id] for record_id in order[start:stop]]


def _all(predicates: list[Callable[[dict[str, Any]], bool]], record: dict[str, Any]) -> bool:
    return all(predicate(record) for predicate in predicates)
