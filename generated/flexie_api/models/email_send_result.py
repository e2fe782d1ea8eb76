from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EmailSendResult")


@_attrs_define
class EmailSendResult:
    """Outcome of a send: whether it ran, how many messages went out and how many recipients failed.

    Attributes:
        success (int):
        sent_count (int):
        failed_recipients (int):
    """

    success: int
    sent_count: int
    failed_recipients: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        sent_count = self.sent_count

        failed_recipients = self.failed_recipients

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "sentCount": sent_count,
                "failedRecipients": failed_recipients,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        success = d.pop("success")

        sent_count = d.pop("sentCount")

        failed_recipients = d.pop("failedRecipients")

        email_send_result = cls(
            success=success,
            sent_count=sent_count,
            failed_recipients=failed_recipients,
        )

        email_send_result.additional_properties = d
        return email_send_result

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
