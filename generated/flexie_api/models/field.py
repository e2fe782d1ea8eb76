from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_choice import FieldChoice


T = TypeVar("T", bound="Field")


@_attrs_define
class Field:
    """A field configured on an entity. Record values are keyed by the field's `alias`.

    Attributes:
        alias (str): The key this field's value has in records and request bodies.
        label (str): The name shown in the Flexie interface.
        type_ (str): The kind of value the field holds: text, textarea, email, phone, url, number, boolean, select,
            multiselect, lookup, country, region, timezone, locale, date, datetime or time. New kinds may appear.
        id (int | Unset):
        category (None | str | Unset): Alias of the field category this field belongs to.
        required (bool | Unset): Whether a record must have a value for this field.
        published (bool | Unset): Whether the field is in use.
        unique (bool | Unset): Whether the field identifies a record for `edit` (update by unique field).
        custom (bool | Unset): Whether the account added this field (as opposed to a built-in one).
        default_value (Any | Unset): The value a new record gets when none is given.
        choices (list[FieldChoice] | Unset): For select and multiselect fields: the allowed values.
        order (int | Unset): Position of the field within its category.
    """

    alias: str
    label: str
    type_: str
    id: int | Unset = UNSET
    category: None | str | Unset = UNSET
    required: bool | Unset = UNSET
    published: bool | Unset = UNSET
    unique: bool | Unset = UNSET
    custom: bool | Unset = UNSET
    default_value: Any | Unset = UNSET
    choices: list[FieldChoice] | Unset = UNSET
    order: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alias = self.alias

        label = self.label

        type_ = self.type_

        id = self.id

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        required = self.required

        published = self.published

        unique = self.unique

        custom = self.custom

        default_value = self.default_value

        choices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = []
            for choices_item_data in self.choices:
                choices_item = choices_item_data.to_dict()
                choices.append(choices_item)

        order = self.order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alias": alias,
                "label": label,
                "type": type_,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if category is not UNSET:
            field_dict["category"] = category
        if required is not UNSET:
            field_dict["required"] = required
        if published is not UNSET:
            field_dict["published"] = published
        if unique is not UNSET:
            field_dict["unique"] = unique
        if custom is not UNSET:
            field_dict["custom"] = custom
        if default_value is not UNSET:
            field_dict["default_value"] = default_value
        if choices is not UNSET:
            field_dict["choices"] = choices
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_choice import FieldChoice

        d = dict(src_dict)
        alias = d.pop("alias")

        label = d.pop("label")

        type_ = d.pop("type")

        id = d.pop("id", UNSET)

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        required = d.pop("required", UNSET)

        published = d.pop("published", UNSET)

        unique = d.pop("unique", UNSET)

        custom = d.pop("custom", UNSET)

        default_value = d.pop("default_value", UNSET)

        _choices = d.pop("choices", UNSET)
        choices: list[FieldChoice] | Unset = UNSET
        if _choices is not UNSET:
            choices = []
            for choices_item_data in _choices:
                choices_item = FieldChoice.from_dict(choices_item_data)

                choices.append(choices_item)

        order = d.pop("order", UNSET)

        field = cls(
            alias=alias,
            label=label,
            type_=type_,
            id=id,
            category=category,
            required=required,
            published=published,
            unique=unique,
            custom=custom,
            default_value=default_value,
            choices=choices,
            order=order,
        )

        field.additional_properties = d
        return field

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
