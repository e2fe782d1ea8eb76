from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.crm_list import CRMList


T = TypeVar("T", bound="ListsList")


@_attrs_define
class ListsList:
    """A page of lists. `total` counts every match.

    Attributes:
        total (int):
        lists (list[CRMList]):
    """

    total: int
    lists: list[CRMList]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        lists = []
        for lists_item_data in self.lists:
            lists_item = lists_item_data.to_dict()
            lists.append(lists_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "lists": lists,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.crm_list import CRMList

        d = dict(src_dict)
        total = d.pop("total")

        lists = []
        _lists = d.pop("lists")
        for lists_item_data in _lists:
            lists_item = CRMList.from_dict(lists_item_data)

            lists.append(lists_item)

        lists_list = cls(
            total=total,
            lists=lists,
        )

        lists_list.additional_properties = d
        return lists_list

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
