from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.custom_entity import CustomEntity


T = TypeVar("T", bound="CustomEntityList")


@_attrs_define
class CustomEntityList:
    """A page of custom entity records. `total` counts every match, not just this page.

    Attributes:
        total (int):
        entities (list[CustomEntity]):
    """

    total: int
    entities: list[CustomEntity]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        entities = []
        for entities_item_data in self.entities:
            entities_item = entities_item_data.to_dict()
            entities.append(entities_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "entities": entities,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_entity import CustomEntity

        d = dict(src_dict)
        total = d.pop("total")

        entities = []
        _entities = d.pop("entities")
        for entities_item_data in _entities:
            entities_item = CustomEntity.from_dict(entities_item_data)

            entities.append(entities_item)

        custom_entity_list = cls(
            total=total,
            entities=entities,
        )

        custom_entity_list.additional_properties = d
        return custom_entity_list

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
