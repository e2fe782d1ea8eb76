from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """A to-do assigned to a user, optionally linked to a record.

    Attributes:
        id (int): The record's id.
        task (str | Unset): What needs doing.
        owner_id (int | None | Unset): Id of the user the task is assigned to.
        due_date (None | str | Unset): When the task is due, UTC (`YYYY-MM-DD HH:MM`).
        is_completed (bool | Unset):
        association_type (None | str | Unset): Kind of record the task is linked to (contact, lead, account, deal,
            case).
        association_id (int | None | Unset): Id of the linked record.
        reminder_type (None | str | Unset): How the owner is reminded, e.g. `email`.
        remind_minutes (int | None | Unset): How long before the due date the reminder fires.
        category_id (int | None | Unset): Id of the task's category.
    """

    id: int
    task: str | Unset = UNSET
    owner_id: int | None | Unset = UNSET
    due_date: None | str | Unset = UNSET
    is_completed: bool | Unset = UNSET
    association_type: None | str | Unset = UNSET
    association_id: int | None | Unset = UNSET
    reminder_type: None | str | Unset = UNSET
    remind_minutes: int | None | Unset = UNSET
    category_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        task = self.task

        owner_id: int | None | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        else:
            owner_id = self.owner_id

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        else:
            due_date = self.due_date

        is_completed = self.is_completed

        association_type: None | str | Unset
        if isinstance(self.association_type, Unset):
            association_type = UNSET
        else:
            association_type = self.association_type

        association_id: int | None | Unset
        if isinstance(self.association_id, Unset):
            association_id = UNSET
        else:
            association_id = self.association_id

        reminder_type: None | str | Unset
        if isinstance(self.reminder_type, Unset):
            reminder_type = UNSET
        else:
            reminder_type = self.reminder_type

        remind_minutes: int | None | Unset
        if isinstance(self.remind_minutes, Unset):
            remind_minutes = UNSET
        else:
            remind_minutes = self.remind_minutes

        category_id: int | None | Unset
        if isinstance(self.category_id, Unset):
            category_id = UNSET
        else:
            category_id = self.category_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if task is not UNSET:
            field_dict["task"] = task
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if due_date is not UNSET:
            field_dict["due_date"] = due_date
        if is_completed is not UNSET:
            field_dict["is_completed"] = is_completed
        if association_type is not UNSET:
            field_dict["association_type"] = association_type
        if association_id is not UNSET:
            field_dict["association_id"] = association_id
        if reminder_type is not UNSET:
            field_dict["reminder_type"] = reminder_type
        if remind_minutes is not UNSET:
            field_dict["remind_minutes"] = remind_minutes
        if category_id is not UNSET:
            field_dict["category_id"] = category_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        task = d.pop("task", UNSET)

        def _parse_owner_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        owner_id = _parse_owner_id(d.pop("owner_id", UNSET))

        def _parse_due_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        is_completed = d.pop("is_completed", UNSET)

        def _parse_association_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        association_type = _parse_association_type(d.pop("association_type", UNSET))

        def _parse_association_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        association_id = _parse_association_id(d.pop("association_id", UNSET))

        def _parse_reminder_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reminder_type = _parse_reminder_type(d.pop("reminder_type", UNSET))

        def _parse_remind_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        remind_minutes = _parse_remind_minutes(d.pop("remind_minutes", UNSET))

        def _parse_category_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        category_id = _parse_category_id(d.pop("category_id", UNSET))

        task = cls(
            id=id,
            task=task,
            owner_id=owner_id,
            due_date=due_date,
            is_completed=is_completed,
            association_type=association_type,
            association_id=association_id,
            reminder_type=reminder_type,
            remind_minutes=remind_minutes,
            category_id=category_id,
        )

        task.additional_properties = d
        return task

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
