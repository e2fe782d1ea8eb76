from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.email import Email


T = TypeVar("T", bound="EmailList")


@_attrs_define
class EmailList:
    """A page of emails. `total` counts every match, not just this page.

    Attributes:
        total (int):
        emails (list[Email]):
    """

    total: int
    emails: list[Email]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        emails = []
        for emails_item_data in self.emails:
            emails_item = emails_item_data.to_dict()
            emails.append(emails_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "emails": emails,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.email import Email

        d = dict(src_dict)
        total = d.pop("total")

        emails = []
        _emails = d.pop("emails")
        for emails_item_data in _emails:
            emails_item = Email.from_dict(emails_item_data)

            emails.append(emails_item)

        email_list = cls(
            total=total,
            emails=emails,
        )

        email_list.additional_properties = d
        return email_list

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
