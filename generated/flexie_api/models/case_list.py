from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.case import Case


T = TypeVar("T", bound="CaseList")


@_attrs_define
class CaseList:
    """A page of cases. `total` counts every match, not just this page.

    Attributes:
        total (int):
        cases (list[Case]):
    """

    total: int
    cases: list[Case]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        cases = []
        for cases_item_data in self.cases:
            cases_item = cases_item_data.to_dict()
            cases.append(cases_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "cases": cases,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case import Case

        d = dict(src_dict)
        total = d.pop("total")

        cases = []
        _cases = d.pop("cases")
        for cases_item_data in _cases:
            cases_item = Case.from_dict(cases_item_data)

            cases.append(cases_item)

        case_list = cls(
            total=total,
            cases=cases,
        )

        case_list.additional_properties = d
        return case_list

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
