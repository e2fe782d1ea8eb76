from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_by_dir import OrderByDir
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dynamic_grid_filter import DynamicGridFilter


T = TypeVar("T", bound="FilterInput")


@_attrs_define
class FilterInput:
    """Body of a filtered list request: the same paging and ordering as the query-string variant, plus structured
    `filters`. Here `limit` runs from 5 to 100.

        Attributes:
            filters (list[DynamicGridFilter] | Unset): Conditions every returned record satisfies.
            start (int | Unset): Offset of the first record to return.
            limit (int | Unset): Largest number of records to return.
            order_by (str | Unset): Alias of the field to sort by: `id`, `date_added`, `date_modified` or a field of the
                resource. Any other name is answered 400.
            order_by_dir (OrderByDir | Unset): Sort direction: `ASC` for ascending, `DESC` for descending.
            search (str | Unset): Free-text search across the entity's searchable fields.
            entity_list (int | Unset): Only records that belong to the list with this id.
    """

    filters: list[DynamicGridFilter] | Unset = UNSET
    start: int | Unset = UNSET
    limit: int | Unset = UNSET
    order_by: str | Unset = UNSET
    order_by_dir: OrderByDir | Unset = UNSET
    search: str | Unset = UNSET
    entity_list: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = []
            for filters_item_data in self.filters:
                filters_item = filters_item_data.to_dict()
                filters.append(filters_item)

        start = self.start

        limit = self.limit

        order_by = self.order_by

        order_by_dir: str | Unset = UNSET
        if not isinstance(self.order_by_dir, Unset):
            order_by_dir = self.order_by_dir.value

        search = self.search

        entity_list = self.entity_list

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filters is not UNSET:
            field_dict["filters"] = filters
        if start is not UNSET:
            field_dict["start"] = start
        if limit is not UNSET:
            field_dict["limit"] = limit
        if order_by is not UNSET:
            field_dict["orderBy"] = order_by
        if order_by_dir is not UNSET:
            field_dict["orderByDir"] = order_by_dir
        if search is not UNSET:
            field_dict["search"] = search
        if entity_list is not UNSET:
            field_dict["entityList"] = entity_list

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dynamic_grid_filter import DynamicGridFilter

        d = dict(src_dict)
        _filters = d.pop("filters", UNSET)
        filters: list[DynamicGridFilter] | Unset = UNSET
        if _filters is not UNSET:
            filters = []
            for filters_item_data in _filters:
                filters_item = DynamicGridFilter.from_dict(filters_item_data)

                filters.append(filters_item)

        start = d.pop("start", UNSET)

        limit = d.pop("limit", UNSET)

        order_by = d.pop("orderBy", UNSET)

        _order_by_dir = d.pop("orderByDir", UNSET)
        order_by_dir: OrderByDir | Unset
        if isinstance(_order_by_dir, Unset):
            order_by_dir = UNSET
        else:
            order_by_dir = OrderByDir(_order_by_dir)

        search = d.pop("search", UNSET)

        entity_list = d.pop("entityList", UNSET)

        filter_input = cls(
            filters=filters,
            start=start,
            limit=limit,
            order_by=order_by,
            order_by_dir=order_by_dir,
            search=search,
            entity_list=entity_list,
        )

        filter_input.additional_properties = d
        return filter_input

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
