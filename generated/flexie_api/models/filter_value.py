from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.filter_value_operator import FilterValueOperator
from ..types import UNSET, Unset

T = TypeVar("T", bound="FilterValue")


@_attrs_define
class FilterValue:
    """What a filter compares against. `operator` is always present. Comparison operators read `input`; `between` reads
    `from` and `to`; `in` and `notIn` read a list in `input`; `isNull` and `isNotNull` read nothing; lookup filters may
    name the related record by `id` and `label`. Values are strings, numbers or booleans as the field's type suggests;
    dates and date-times are UTC strings.

        Attributes:
            operator (FilterValueOperator): How the field is compared. `like` is a substring match, like `contains`.
            input_ (Any | Unset): The value to compare with: a string, number, boolean, or a list for `in` and `notIn`.
            from_ (Any | Unset): Lower bound (inclusive) for `between`: a number, or a UTC date or date-time string.
            to (Any | Unset): Upper bound (inclusive) for `between`: a number, or a UTC date or date-time string.
            id (int | Unset): For lookup filters: the id of the related record.
            label (Any | Unset): For lookup filters: the display label of the related record. Not used for matching;
                integrations also send a boolean here.
    """

    operator: FilterValueOperator
    input_: Any | Unset = UNSET
    from_: Any | Unset = UNSET
    to: Any | Unset = UNSET
    id: int | Unset = UNSET
    label: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operator = self.operator.value

        input_ = self.input_

        from_ = self.from_

        to = self.to

        id = self.id

        label = self.label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "operator": operator,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if id is not UNSET:
            field_dict["id"] = id
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        operator = FilterValueOperator(d.pop("operator"))

        input_ = d.pop("input", UNSET)

        from_ = d.pop("from", UNSET)

        to = d.pop("to", UNSET)

        id = d.pop("id", UNSET)

        label = d.pop("label", UNSET)

        filter_value = cls(
            operator=operator,
            input_=input_,
            from_=from_,
            to=to,
            id=id,
            label=label,
        )

        filter_value.additional_properties = d
        return filter_value

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
