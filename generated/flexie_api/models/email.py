from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Email")


@_attrs_define
class Email:
    """An email template or list email.

    Attributes:
        id (int): The record's id.
        name (str | Unset):
        subject (None | str | Unset):
        email_type (None | str | Unset): `template` or `list`.
        is_published (bool | Unset):
        sent_count (int | Unset):
    """

    id: int
    name: str | Unset = UNSET
    subject: None | str | Unset = UNSET
    email_type: None | str | Unset = UNSET
    is_published: bool | Unset = UNSET
    sent_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        email_type: None | str | Unset
        if isinstance(self.email_type, Unset):
            email_type = UNSET
        else:
            email_type = self.email_type

        is_published = self.is_published

        sent_count = self.sent_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if subject is not UNSET:
            field_dict["subject"] = subject
        if email_type is not UNSET:
            field_dict["emailType"] = email_type
        if is_published is not UNSET:
            field_dict["isPublished"] = is_published
        if sent_count is not UNSET:
            field_dict["sentCount"] = sent_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_email_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email_type = _parse_email_type(d.pop("emailType", UNSET))

        is_published = d.pop("isPublished", UNSET)

        sent_count = d.pop("sentCount", UNSET)

        email = cls(
            id=id,
            name=name,
            subject=subject,
            email_type=email_type,
            is_published=is_published,
            sent_count=sent_count,
        )

        email.additional_properties = d
        return email

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
