"""conform(): a decoded answer fitted to the generated model the spec promises, or refused with the place.

Every test uses the real generated models (flexie_api.models), so a regenerated spec is covered too.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
import typing
from typing import Any

import attrs
import pytest
from flexie_api import api, models

from flexie.reader import UnreadableAnswer, answer_body, build, conform, parse_success, read_as, success_model

PAGE = {"total": 2, "contacts": [{"id": 7, "email": "a@b.co"}, {"id": 9, "email": "c@d.co"}]}


def refused(body: Any, model: Any, match: str) -> UnreadableAnswer:
    before = copy.deepcopy(body)
    with pytest.raises(UnreadableAnswer, match=match) as info:
        conform(body, model)
    assert body == before  # a refusal changes nothing either
    assert isinstance(info.value, ValueError)  # what the choke point turns into ResponseValidationError
    return info.value


# -- nothing to change: the very same object -------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "model"),
    [
        (PAGE, models.ContactList),
        ({"contact": {"id": 1}}, models.SingleContact),
        ({"success": 1}, models.Success),
        ({"success": 1, "sentCount": 2, "failedRecipients": 0}, models.EmailSendResult),
        ([{"id": 1, "title": "Calls"}], list[models.Category]),
        ({"permissions": {"lead:leads:viewown": True}}, models.PermissionCheckResult),
        ({"task": {"id": 3, "task": "Call", "owner_id": None, "is_completed": False}}, models.SingleTask),
        (None, Any),
    ],
)
def test_a_body_that_fits_comes_back_as_is(body: Any, model: Any) -> None:
    assert conform(body, model) is body


# -- numbers as strings -----------------------------------------------------------------------------


def test_total_and_ids_as_strings_are_whole_numbers() -> None:
    body = {"total": "2", "contacts": [{"id": "7", "email": "a@b.co"}, {"id": 9, "email": "c@d.co"}]}
    before = copy.deepcopy(body)
    assert conform(body, models.ContactList) == PAGE
    assert body == before  # the caller's body is never modified


def test_whole_floats_and_numbers_in_other_spellings() -> None:
    got = conform({"success": 1.0, "sentCount": "3.0", "failedRecipients": "0"}, models.EmailSendResult)
    assert got == {"success": 1, "sentCount": 3, "failedRecipients": 0}
    assert all(type(v) is int for v in got.values())


@pytest.mark.parametrize("total", ["3.5", 3.5, "abc", "", None, True, " 3", "1_000", [], {}])
def test_what_is_not_a_whole_number_is_refused_with_its_place(total: Any) -> None:
    error = refused({"total": total, "contacts": []}, models.ContactList, r"^\$\.total: .* is not a whole number")
    assert error.path == "$.total"


def test_a_bad_id_deep_in_a_page_names_its_place() -> None:
    body = {"total": 2, "contacts": [{"id": 1}, {"id": "2a"}]}
    assert refused(body, models.ContactList, "whole number").path == "$.contacts[1].id"


def test_booleans_in_the_spellings_of_php() -> None:
    body = {"task": {"id": "3", "is_completed": "1"}}
    assert conform(body, models.SingleTask) == {"task": {"id": 3, "is_completed": True}}
    body = {"permissions": {"a": "0", "b": 1, "c": "true"}}
    assert conform(body, models.PermissionCheckResult) == {"permissions": {"a": False, "b": True, "c": True}}
    refused({"task": {"id": 3, "is_completed": "yes"}}, models.SingleTask, r"\$\.task\.is_completed: 'yes'")


def test_text_where_text_is_expected() -> None:
    assert conform([{"id": 1, "title": 2024}], list[models.Category]) == [{"id": 1, "title": "2024"}]
    refused([{"id": 1, "title": {"en": "x"}}], list[models.Category], r"\$\[0\]\.title: .* is not text")
    refused([{"id": 1, "title": True}], list[models.Category], "is not text")


def test_null_only_where_the_spec_allows_it() -> None:
    body = {"task": {"id": 3, "owner_id": None, "due_date": None}}
    assert conform(body, models.SingleTask) is body
    refused({"task": {"id": None}}, models.SingleTask, r"\$\.task\.id: None is not a whole number")
    refused({"task": None}, models.SingleTask, r"\$\.task: None is not an object")


# -- lists given as objects --------------------------------------------------------------------------


def test_a_list_of_records_keyed_by_id_keeps_the_order_sent() -> None:
    body = {"total": "2", "contacts": {"9": {"id": "9", "email": "c@d.co"}, "7": {"id": 7, "email": "a@b.co"}}}
    got = conform(body, models.ContactList)
    assert got == {"total": 2, "contacts": [{"id": 9, "email": "c@d.co"}, {"id": 7, "email": "a@b.co"}]}


def test_a_list_sent_as_an_object_keyed_0_1_2() -> None:
    body = {"total": 2, "contacts": {"0": {"id": 7}, "1": {"id": 9}}}
    assert conform(body, models.ContactList) == {"total": 2, "contacts": [{"id": 7}, {"id": 9}]}
    assert conform({"0": {"id": 1, "title": "a"}}, list[models.Category]) == [{"id": 1, "title": "a"}]
    assert conform({"total": 0, "contacts": {}}, models.ContactList) == {"total": 0, "contacts": []}


def test_a_record_whose_id_disagrees_with_its_key_is_a_doubt() -> None:
    body = {"total": 2, "contacts": {"7": {"id": 7}, "9": {"id": 8}}}
    error = refused(body, models.ContactList, r"the record under key '9' has id 8")
    assert error.path == "$.contacts"


@pytest.mark.parametrize("key", ["abc", "07", "-7", "7.0", ""])
def test_an_object_whose_keys_are_not_ids_is_not_a_list(key: str) -> None:
    refused({"total": 1, "contacts": {key: {"id": 7}}}, models.ContactList, "is not an id")


def test_a_record_under_a_key_without_an_id_of_its_own_is_refused_as_the_model_would() -> None:
    error = refused({"total": 1, "contacts": {"7": {"email": "a@b.co"}}}, models.ContactList, "'id' is missing")
    assert error.path == "$.contacts['7']"


def test_scalars_keyed_other_than_0_1_2_are_not_a_list() -> None:
    body = {"permissions": {"a": True}}
    assert conform(body, models.PermissionCheckResult) is body
    refused({"total": 1, "contacts": "7"}, models.ContactList, r"\$\.contacts: '7' is not a list")


# -- objects, keys -----------------------------------------------------------------------------------


def test_missing_optional_keys_and_extra_keys_everywhere_are_kept() -> None:
    body = {"task": {"id": 1, "extra": {"nested": [1, "2"]}}, "meta": {"took": "3ms"}}
    assert conform(body, models.SingleTask) is body
    built = build(body, models.SingleTask)
    assert built.task.additional_properties == {"extra": {"nested": [1, "2"]}}
    assert built.additional_properties == {"meta": {"took": "3ms"}}


def test_a_required_key_missing_is_refused() -> None:
    assert refused({"contacts": []}, models.ContactList, "'total' is missing").path == "$"
    refused({"contact": {}}, models.SingleContact, r"\$\.contact: the required key 'id' is missing")


def test_phps_empty_array_where_an_object_is_expected() -> None:
    assert conform({"permissions": []}, models.PermissionCheckResult) == {"permissions": {}}
    refused({"contact": []}, models.SingleContact, "'id' is missing")  # empty, so no id either
    refused({"contact": [{"id": 1}]}, models.SingleContact, "is not an object")


def test_json_keys_differ_from_attribute_names() -> None:
    """``type_`` reads ``"type"``, ``sent_count`` reads ``"sentCount"``: keys come from the model itself."""
    got = conform({"note": {"id": "1", "type": "call", "entity_id": "4"}}, models.SingleNote)
    assert got == {"note": {"id": 1, "type": "call", "entity_id": 4}}
    refused({"success": 1, "sent_count": 1, "failedRecipients": 0}, models.EmailSendResult, "'sentCount' is missing")


def test_an_enum_value_is_one_of_its_members() -> None:
    assert read_as("ASC", models.OrderByDir) == "ASC"
    with pytest.raises(UnreadableAnswer, match="not one of"):
        read_as("UP", models.OrderByDir)


def test_a_union_keeps_a_value_that_is_already_a_member() -> None:
    assert read_as("7", int | str) == "7"
    assert read_as(7, int | str) == 7
    assert read_as("7", int | None) == 7
    assert read_as(None, int | None) is None
    with pytest.raises(UnreadableAnswer, match=r"not a whole number and .* not a boolean"):
        read_as("x", int | bool)


# -- where the model comes from ----------------------------------------------------------------------


def endpoint_modules() -> list[Any]:
    found = []
    for tag in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"{api.__name__}.{tag.name}")
        names = [m.name for m in pkgutil.iter_modules(package.__path__)]
        found += [importlib.import_module(f"{package.__name__}.{name}") for name in names]
    return found


def test_every_endpoint_names_its_success_model() -> None:
    modules = endpoint_modules()
    assert len(modules) > 100
    for module in modules:
        model = success_model(module)
        item = typing.get_args(model)[0] if typing.get_origin(model) is list else model
        assert model is Any or hasattr(item, "from_dict"), module.__name__
        assert getattr(item, "__name__", "") != "Error"
    by_name = {m.__name__.rsplit(".", 1)[1]: success_model(m) for m in modules}
    assert by_name["get_contacts"] is models.SingleContact
    assert by_name["list_contacts"] is models.ContactList
    assert by_name["delete_contact"] is Any


def test_build_makes_the_models() -> None:
    page = build({"total": "1", "contacts": {"7": {"id": "7", "email": "a@b.co"}}}, models.ContactList)
    assert page.total == 1
    assert page.contacts[0].id == 7
    assert page.contacts[0]["email"] == "a@b.co"
    categories = build([{"id": "1", "title": "Calls"}], list[models.Category])
    assert [c.id for c in categories] == [1]
    assert build(None, Any) is None


def test_a_success_answer_of_an_endpoint_read_in_one_call() -> None:
    get_contact = importlib.import_module(f"{api.__name__}.contact.get_contacts")
    contact = parse_success(get_contact, b'{"contact": {"id": "7", "email": "a@b.co"}}')
    assert (contact.contact.id, contact.contact["email"]) == (7, "a@b.co")
    list_contacts = importlib.import_module(f"{api.__name__}.contact.list_contacts")
    assert answer_body(list_contacts, b'{"total": "1", "contacts": {"7": {"id": 7}}}') == {
        "total": 1,
        "contacts": [{"id": 7}],
    }
    delete_contact = importlib.import_module(f"{api.__name__}.contact.delete_contact")
    assert parse_success(delete_contact, b"") is None
    with pytest.raises(UnreadableAnswer, match=r"^\$: None is not an object"):
        parse_success(get_contact, b"  ")
    with pytest.raises(ValueError, match="Expecting value"):
        parse_success(get_contact, b"<html>")


def test_a_model_whose_keys_cannot_be_read_is_left_to_the_model() -> None:
    @attrs.define
    class Handmade:  # not generated: its from_dict reads no key with d.pop, so its JSON keys are unknown
        id: int
        additional_properties: dict[str, Any] = attrs.field(init=False, factory=dict)

        @classmethod
        def from_dict(cls, data: dict[str, Any]) -> Handmade:
            return cls(id=data["id"])

    body = {"id": "not even a number"}
    assert conform(body, Handmade) is body
