"""Property tests over every answer the spec promises: data is delivered exactly, or refused with its place;
an error body of any known shape gives an exception message carrying the server's own words.

Canonical answers are built from the generated models themselves (instances drawn from their type
annotations, then ``to_dict()``), so the JSON keys are the model's, not the reader's idea of them.
They are then *disguised* the ways a server of Flexie's lineage spells the same data: numbers as
strings or whole floats, booleans as 0/1/"1"/"true", lists as objects keyed by id or by position,
empty objects as PHP's empty array.
"""

from __future__ import annotations

import html
import importlib
import json
import pkgutil
import types
import typing
from typing import Any

import attrs
import pytest
from flexie_api import api
from flexie_api.types import UNSET, Unset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flexie.errors import decode_body, server_message
from flexie.reader import UnreadableAnswer, build, conform, success_model

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _success_models() -> list[Any]:
    found: dict[str, Any] = {}
    for tag in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"{api.__name__}.{tag.name}")
        for info in pkgutil.iter_modules(package.__path__):
            model = success_model(importlib.import_module(f"{package.__name__}.{info.name}"))
            if model is not Any:
                found[str(model)] = model
    return [found[key] for key in sorted(found)]


MODELS = _success_models()
free_value = st.one_of(st.none(), st.text(max_size=8))  # free-form values hold no numbers: nothing to read there


def _hints(cls: type) -> dict[str, Any]:
    package = importlib.import_module(cls.__module__.rsplit(".", 1)[0])
    return typing.get_type_hints(cls, localns={name: getattr(package, name) for name in package.__all__})


def instances(tp: Any) -> st.SearchStrategy[Any]:
    """Python values of a generated annotation (model instances for model classes)."""
    if tp is Any:
        return free_value
    if tp is int:
        return st.integers(-(2**40), 2**40)
    if tp is str:
        return st.text(max_size=8)
    if tp is bool:
        return st.booleans()
    if tp is type(None):
        return st.none()
    if tp is Unset:
        return st.just(UNSET)
    origin = typing.get_origin(tp)
    if origin is list:
        return st.lists(instances(typing.get_args(tp)[0]), max_size=4)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of([instances(member) for member in typing.get_args(tp)])
    if isinstance(tp, type) and attrs.has(tp):
        hints = _hints(tp)
        fields = [a for a in attrs.fields(tp) if a.name != "additional_properties"]
        extra = typing.get_args(hints["additional_properties"])[1]

        def make(kwargs: dict[str, Any], extras: dict[str, Any]) -> Any:
            obj = tp(**kwargs)
            obj.additional_properties = extras
            return obj

        return st.builds(
            make,
            st.fixed_dictionaries({a.name: instances(hints[a.name]) for a in fields}),
            st.dictionaries(st.text(min_size=1, max_size=6), instances(extra), max_size=3),
        )
    if isinstance(tp, type) and hasattr(tp, "__members__"):
        return st.sampled_from([m.value for m in tp])
    raise AssertionError(f"no strategy for {tp!r}")


def canonical(model: Any) -> st.SearchStrategy[Any]:
    if typing.get_origin(model) is list:
        return st.lists(instances(typing.get_args(model)[0]), max_size=4).map(lambda xs: [x.to_dict() for x in xs])
    return instances(model).map(lambda x: x.to_dict())


@st.composite
def disguised(draw: st.DrawFn, value: Any) -> Any:
    """The same data as a lenient server may spell it (every number and boolean here is a model's)."""
    if value is True or value is False:
        return draw(st.sampled_from([value, int(value), str(int(value)), str(value).lower()]))
    if type(value) is int:
        return draw(st.sampled_from([value, str(value), float(value)]))
    if isinstance(value, dict):
        inner = {key: draw(disguised(item)) for key, item in value.items()}
        return [] if not inner and draw(st.booleans()) else inner
    if isinstance(value, list):
        items = [draw(disguised(item)) for item in value]
        ids = [item.get("id") if isinstance(item, dict) else None for item in value]
        how = draw(st.sampled_from(["list", "positions", "ids"]))
        if how == "positions":
            return {str(i): item for i, item in enumerate(items)}
        if how == "ids" and all(type(i) is int and i >= 1 for i in ids) and len(set(ids)) == len(ids):
            return {str(i): item for i, item in zip(ids, items, strict=True)}
        return items
    return value


def exact(value: Any) -> str:
    return json.dumps(value)  # 1, 1.0 and true differ; so does key order


@st.composite
def model_and_answer(draw: st.DrawFn) -> tuple[Any, Any, Any]:
    model = draw(st.sampled_from(MODELS))
    body = draw(canonical(model))
    return model, body, draw(disguised(body))


@SETTINGS
@given(model_and_answer())
def test_every_disguise_of_an_answer_is_delivered_exactly(case: tuple[Any, Any, Any]) -> None:
    model, body, answer = case
    before = exact(answer)
    assert exact(conform(answer, model)) == exact(body)
    assert exact(answer) == before  # the body received is never modified
    assert conform(body, model) is body  # nothing to change: the same object, no copy
    built = build(answer, model)
    assert exact([b.to_dict() for b in built] if isinstance(built, list) else built.to_dict()) == exact(body)


def _int_positions(value: Any, path: str = "$") -> list[str]:
    if type(value) is int:
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _int_positions(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _int_positions(item, f"{path}[{i}]")]
    return []


def _replace(value: Any, path: str, new: Any, here: str = "$") -> Any:
    if here == path:
        return new
    if isinstance(value, dict):
        return {key: _replace(item, path, new, f"{here}.{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item, path, new, f"{here}[{i}]") for i, item in enumerate(value)]
    return value


@SETTINGS
@given(st.data())
def test_a_number_that_would_be_a_guess_is_refused_at_its_place(data: st.DataObject) -> None:
    model = data.draw(st.sampled_from(MODELS))
    body = data.draw(canonical(model))
    positions = _int_positions(body)
    if not positions:
        return
    path = data.draw(st.sampled_from(positions))
    poison = data.draw(st.sampled_from(["3.5", "abc", "", 3.5, True, "1_000", " 7", {"n": 1}]))
    with pytest.raises(UnreadableAnswer) as info:
        conform(_replace(body, path, poison), model)
    assert info.value.path == path
    assert str(info.value).startswith(f"{path}: ")


@SETTINGS
@given(st.lists(st.integers(1, 10**6), min_size=2, max_size=6, unique=True), st.data())
def test_a_record_under_another_records_key_is_refused(ids: list[int], data: st.DataObject) -> None:
    contacts = [{"id": i, "email": f"{i}@example.com"} for i in ids]
    wrong = data.draw(st.integers(0, len(ids) - 1))
    keys = [str(i) for i in ids]
    keys[wrong] = str(data.draw(st.integers(1, 10**6).filter(lambda k: k not in ids)))
    answer = {"total": len(ids), "contacts": dict(zip(keys, contacts, strict=True))}
    model = next(m for m in MODELS if getattr(m, "__name__", "") == "ContactList")
    with pytest.raises(UnreadableAnswer, match=f"under key '{keys[wrong]}' has id {ids[wrong]}") as info:
        conform(answer, model)
    assert info.value.path == "$.contacts"


# -- error bodies -------------------------------------------------------------------------------------

words = st.text(st.characters(codec="ascii", categories=["L", "N", "Zs"], include_characters=".,!?-:'"), max_size=60)
words = words.filter(lambda w: w.strip() != "" and not _is_json(w))  # "false" or "12" alone are JSON bodies


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


ERROR_SHAPES = [
    lambda w: {"error": {"code": 400, "message": w}},
    lambda w: {"error": {"message": w, "code": 404}},
    lambda w: {"error": w},
    lambda w: {"errors": [{"message": w, "code": 400, "details": {}}]},
    lambda w: {"errors": [{"message": w}], "error": {"message": w, "code": 400}},
    lambda w: {"error": "invalid_token", "error_description": w},
    lambda w: {"message": w},
    lambda w: {"title": "Bad Request", "detail": w},
    lambda w: [{"message": w}],
    lambda w: w,  # plain text
    lambda w: f"<html><head><title>{html.escape(w)}</title></head><body><h1>Error</h1></body></html>",
    lambda w: f"<!DOCTYPE html><html><body><p>{html.escape(w)}</p><script>var x = 1;</script></body></html>",
]


@SETTINGS
@given(st.sampled_from(range(len(ERROR_SHAPES))), words)
def test_an_error_body_of_any_shape_gives_the_servers_words(shape: int, text: str) -> None:
    body = ERROR_SHAPES[shape](text)
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    message = server_message(decode_body(content))
    assert message is not None
    assert " ".join(text.split()) in message
