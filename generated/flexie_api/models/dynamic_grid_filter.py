from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dynamic_grid_filter_type import DynamicGridFilterType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filter_value import FilterValue


T = TypeVar("T", bound="DynamicGridFilter")


@_attrs_define
class DynamicGridFilter:
    """One condition on one field. A record matches a filter list when it satisfies every condition.

    Attributes:
        type_ (DynamicGridFilterType): The kind of value the field holds, which decides how `value` is read. It need not
            match the field: public integrations send `boolean` for an email field, and servers accept it.
        alias (str): Alias of the field to test, as listed by the entity's `list/fields`.
        value (FilterValue): What a filter compares against. `operator` is always present. Comparison operators read
            `input`; `between` reads `from` and `to`; `in` and `notIn` read a list in `input`; `isNull` and `isNotNull` read
            nothing; lookup filters may name the related record by `id` and `label`. Values are strings, numbers or booleans
            as the field's type suggests; dates and date-times are UTC strings.
        strict (bool | Unset): For text: compare case-sensitively and exactly.
        starts (bool | Unset): For text: the field must start with the input.
        ends (bool | Unset): For text: the field must end with the input.
    """

    type_: DynamicGridFilterType
    alias: str
    value: FilterValue
    strict: bool | Unset = UNSET
    starts: bool | Unset = UNSET
    ends: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        alias = self.alias

        value = self.value.to_dict()

        strict = self.strict

        starts = self.starts

        ends = self.ends

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "alias": alias,
                "value": value,
            }
        )
        if strict is not UNSET:
            field_dict["strict"] = strict
        if starts is not UNSET:
            field_dict["starts"] = starts
        if ends is not UNSET:
            field_dict["ends"] = ends

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.filter_value import FilterValue

        d = dict(src_dict)
        type_ = DynamicGridFilterType(d.pop("type"))

        alias = d.pop("alias")

        value = FilterValue.from_dict(d.pop("value"))

        strict = d.pop("strict", UNSET)

        starts = d.pop("starts", UNSET)

        ends = d.pop("ends", UNSET)

        dynamic_grid_filter = cls(
            type_=type_,
            alias=alias,
            value=value,
            strict=strict,
            starts=starts,
            ends=ends,
        )

        dynamic_grid_filter.additional_properties = d
        return dynamic_grid_filter

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
