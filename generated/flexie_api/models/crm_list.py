from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CRMList")


@_attrs_define
class CRMList:
    """A named list (segment) of records.

    Attributes:
        id (int):
        name (str):
        alias (str | Unset):
        description (None | str | Unset):
        is_global (bool | Unset):
        is_published (bool | Unset):
    """

    id: int
    name: str
    alias: str | Unset = UNSET
    description: None | str | Unset = UNSET
    is_global: bool | Unset = UNSET
    is_published: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        alias = self.alias

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        is_global = self.is_global

        is_published = self.is_published

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if alias is not UNSET:
            field_dict["alias"] = alias
        if description is not UNSET:
            field_dict["description"] = description
        if is_global is not UNSET:
            field_dict["isGlobal"] = is_global
        if is_published is not UNSET:
            field_dict["isPublished"] = is_published

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        alias = d.pop("alias", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        is_global = d.pop("isGlobal", UNSET)

        is_published = d.pop("isPublished", UNSET)

        crm_list = cls(
            id=id,
            name=name,
            alias=alias,
            description=description,
            is_global=is_global,
            is_published=is_published,
        )

        crm_list.additional_properties = d
        return crm_list

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
