from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lead import Lead


T = TypeVar("T", bound="LeadList")


@_attrs_define
class LeadList:
    """A page of leads. `total` counts every match, not just this page.

    Attributes:
        total (int):
        leads (list[Lead]):
    """

    total: int
    leads: list[Lead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        leads = []
        for leads_item_data in self.leads:
            leads_item = leads_item_data.to_dict()
            leads.append(leads_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "leads": leads,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lead import Lead

        d = dict(src_dict)
        total = d.pop("total")

        leads = []
        _leads = d.pop("leads")
        for leads_item_data in _leads:
            leads_item = Lead.from_dict(leads_item_data)

            leads.append(leads_item)

        lead_list = cls(
            total=total,
            leads=leads,
        )

        lead_list.additional_properties = d
        return lead_list

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
