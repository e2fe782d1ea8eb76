from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reply import Reply


T = TypeVar("T", bound="ReplyList")


@_attrs_define
class ReplyList:
    """A page of case replies. `total` counts every match.

    Attributes:
        total (int):
        replies (list[Reply]):
    """

    total: int
    replies: list[Reply]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        replies = []
        for replies_item_data in self.replies:
            replies_item = replies_item_data.to_dict()
            replies.append(replies_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "replies": replies,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reply import Reply

        d = dict(src_dict)
        total = d.pop("total")

        replies = []
        _replies = d.pop("replies")
        for replies_item_data in _replies:
            replies_item = Reply.from_dict(replies_item_data)

            replies.append(replies_item)

        reply_list = cls(
            total=total,
            replies=replies,
        )

        reply_list.additional_properties = d
        return reply_list

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
