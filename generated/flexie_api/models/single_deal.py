from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deal import Deal


T = TypeVar("T", bound="SingleDeal")


@_attrs_define
class SingleDeal:
    """One deal, wrapped under `deal`.

    Attributes:
        deal (Deal): A deal. Other keys are the values of this deal's fields, keyed by field alias; the set of fields,
            including custom ones, differs between accounts (see `list/fields`).
    """

    deal: Deal
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deal = self.deal.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deal": deal,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deal import Deal

        d = dict(src_dict)
        deal = Deal.from_dict(d.pop("deal"))

        single_deal = cls(
            deal=deal,
        )

        single_deal.additional_properties = d
        return single_deal

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
