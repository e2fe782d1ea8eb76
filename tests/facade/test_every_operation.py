"""Every operation of the spec has a facade method, and every facade method works, sync and async."""

from __future__ import annotations

import asyncio
from typing import Any

import flexie
from flexie._async import resources as _async
from flexie._sync import resources as _sync
from flexie.resources._specs import facade_methods
from flexie.testing import FakeFlexie
from tests.facade.conftest import FAST_RETRIES, existing_ids
from tests.facade.operations import adrive, calls, drive

HTTP_METHODS = ("get", "post", "put", "delete", "patch")


def spec_operation_ids(spec: dict[str, Any]) -> set[str]:
    return {op["operationId"] for item in spec["paths"].values() for m, op in item.items() if m in HTTP_METHODS}


def test_every_spec_operation_has_a_facade_method(spec: dict[str, Any]) -> None:
    registry = facade_methods()
    assert set(registry) == spec_operation_ids(spec)
    assert len(registry) == 142
    assert registry["getContacts"] == "client.contacts.get"
    assert registry["lisDeals"] == "client.deals.list"
    assert registry["getCaseRepliesByIdentifier"] == "client.cases.replies_by_identifier"
    assert registry["getSelf"] == "client.users.me"
    # and each named method exists on both clients
    for cls in (flexie.Flexie, flexie.AsyncFlexie):
        client = cls(base_url="http://127.0.0.1:9/api", api_key="k")
        for op_id, path in registry.items():
            _, resource, method = path.split(".")
            holder = (
                client.custom_entity("your_table")
                if resource.startswith("custom_entity")
                else getattr(client, resource)
            )
            assert callable(getattr(holder, method)), (cls.__name__, op_id, path)


def test_the_call_table_covers_every_operation(spec: dict[str, Any]) -> None:
    assert set(calls()) == spec_operation_ids(spec)


def test_sync_and_async_resources_have_the_same_surface() -> None:
    import inspect

    sync_classes = {n: c for n, c in vars(_sync).items() if inspect.isclass(c) and c.__module__ == _sync.__name__}
    async_classes = {n: c for n, c in vars(_async).items() if inspect.isclass(c) and c.__module__ == _async.__name__}
    assert set(sync_classes) == set(async_classes)
    for name, sync_cls in sync_classes.items():
        async_cls = async_classes[name]
        sync_methods = {m for m in vars(sync_cls) if not m.startswith("_")}
        assert sync_methods == {m for m in vars(async_cls) if not m.startswith("_")}, name
        for method in sync_methods:
            if isinstance(vars(sync_cls)[method], property):  # with_raw_response: no call signature
                continue
            s, a = inspect.signature(getattr(sync_cls, method)), inspect.signature(getattr(async_cls, method))
            assert list(s.parameters) == list(a.parameters), (name, method)


def _exercise(fake: FakeFlexie, run: Any) -> dict[str, Any]:
    ids = existing_ids(fake)
    results: dict[str, Any] = {}
    # order matters only for the ids a call deletes; the table never deletes what others use
    for op_id, call in sorted(calls().items()):
        before = fake.request_count(operation_id=op_id)
        results[op_id] = run(call, ids)
        assert fake.request_count(operation_id=op_id) > before, f"{op_id} did not reach the server"
    return results


def check_results(results: dict[str, Any]) -> None:
    assert isinstance(results["getContacts"], flexie.Record)
    assert results["getContacts"].id == 1
    assert results["listContacts"].total >= 20
    assert all(isinstance(r, flexie.Record) for r in results["listContacts"].items)
    assert results["createContact"]["email"] == "david.okafor@example.com"
    assert results["updateContact"]["city"] == "Manchester"
    assert results["updateContactByUniqueField"]["description"] == "Medium"
    assert results["deleteContact"] is None
    assert results["contactListAdd"] in (True, False)
    assert results["completeTask"]["is_completed"] is True
    assert results["incompleteTask"]["is_completed"] is False
    assert results["getSelf"].id == 1
    assert results["checkPermission"] == {"lead:leads:viewown": True}
    assert isinstance(results["sendEmail"], flexie.EmailSendResult)
    assert all(isinstance(f, flexie.Field) for f in results["listContactFields"])
    assert results["addCaseReply"]["text"] == "Thanks, fixed."
    assert results["getCaseRepliesByIdentifier"].total >= 1
    assert results["createCustomEntity"]["name"] == "Acme Renewal 2026"
    assert results["updateCustomEntityByUniqueField"]["status"] == "won"


def test_every_facade_method_against_the_fake_sync(fake: FakeFlexie) -> None:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, **FAST_RETRIES) as client:
        results = _exercise(fake, lambda call, ids: drive(call(client, ids)))
    check_results(results)


def test_every_facade_method_against_the_fake_async(fake: FakeFlexie) -> None:
    async def scenario() -> dict[str, Any]:
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key, **FAST_RETRIES) as client:
            loop = asyncio.get_running_loop()
            # the fake's admin calls are sync; run them off the loop
            return await loop.run_in_executor(
                None,
                lambda: _exercise(fake, lambda call, ids: asyncio.run_coroutine_threadsafe(
                    adrive(call(client, ids)), loop).result()),
            )  # fmt: skip

    check_results(asyncio.run(scenario()))
