"""Operations particular to some resources: lists, notes, case replies, tasks, emails, users,
permissions, workflows, categories; and the seeded data."""

from __future__ import annotations

import re

import httpx
import pytest

from flexie.testing import FakeFlexie, FakeFlexieError
from tests.testing._support import error_of


def test_list_membership(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=20, lists=3)
    before = {row["id"] for row in client.get("/contacts/17/lists").json()["lists"]}
    target = next(list_id for list_id in (1, 2, 3) if list_id not in before)
    assert client.post(f"/contact/lists/{target}/add/17").json() == {"success": 1}
    assert client.post(f"/contact/lists/{target}/add/17").json() == {"success": 0}
    lists = client.get("/contacts/17/lists").json()
    assert target in {row["id"] for row in lists["lists"]}
    assert lists["total"] == len(before) + 1
    assert client.post(f"/contact/lists/{target}/remove/17").json() == {"success": 1}
    assert client.post(f"/contact/lists/{target}/remove/17").json() == {"success": 0}
    error_of(client.post("/contact/lists/99/add/17"), 404)
    error_of(client.post(f"/contact/lists/{target}/add/999"), 404)
    every = client.get("/contacts/list/lists").json()
    assert [row["id"] for row in every] == [1, 2, 3]
    assert {"id", "name", "alias", "description", "isGlobal", "isPublished"} <= set(every[0])
    paged = client.get("/contact/lists", params={"limit": 2, "orderBy": "name", "orderByDir": "DESC"}).json()
    assert paged["total"] == 3
    assert [row["name"] for row in paged["lists"]] == sorted((row["name"] for row in every), reverse=True)[:2]
    assert client.get("/contact/lists", params={"search": every[0]["name"]}).json()["total"] == 1
    assert client.get("/lead/lists").json()["total"] == 3  # each entity has its own lists


def test_notes_attach_to_records(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=20, accounts=3)
    client.post("/ce/projects/new", json={"code": "P-9"})
    body = {"text": "Discussed renewal terms.", "type": "call", "datetime": "2026-06-23T16:00:00+02:00"}
    created = client.post("/notes/contact/17", json=body)
    assert created.status_code == 201
    note = created.json()["note"]
    assert (note["entity_type"], note["entity_id"], note["datetime"]) == ("contact", 17, "2026-06-23T14:00:00+00:00")
    assert note["owner_id"] == 1
    listed = client.get("/contacts/17/notes").json()
    assert listed == {"total": 1, "notes": [note]}
    assert client.get("/contacts/16/notes").json()["total"] == 0
    assert client.post("/notes/projects/1", json={"text": "On a table record"}).status_code == 201
    assert client.get("/ce/projects/1/notes").json()["total"] == 1
    updated = client.put(f"/notes/{note['id']}", json={"text": "Renewal confirmed.", "type": "meeting"}).json()
    assert updated["note"]["text"] == "Renewal confirmed."
    error_of(client.put(f"/notes/{note['id']}", json={"entity_id": 3}), 422)  # read-only
    error_of(client.post("/notes/contact/17", json={"type": "call"}), 422)  # text is required
    error_of(client.post("/notes/spaceship/1", json={"text": "x"}), 404)
    error_of(client.post("/notes/contact/999", json={"text": "x"}), 404)
    client.post("/notes/account/2", json={"text": "goes away with its account"})
    assert client.delete("/accounts/2").status_code == 204
    assert fake.count("notes") == 2
    assert client.delete(f"/notes/{note['id']}").status_code == 204
    error_of(client.get(f"/notes/{note['id']}"), 404)
    assert client.get("/contacts/17/notes").json()["total"] == 0


def test_case_replies_by_id_and_by_identifier(fake: FakeFlexie, client: httpx.Client) -> None:
    case = client.post("/cases/new", json={"title": "Login page returns 500 error"}).json()["case"]
    identifier = case["identifier"]
    first = client.post(f"/cases/{case['id']}/replies", json={"text": "We are on it."})
    assert first.status_code == 200
    assert first.json()["reply"]["case_id"] == case["id"]
    second = client.post(f"/cases/replies/{identifier}", json={"template_id": 3})
    assert second.status_code == 200
    assert second.json()["reply"]["template_id"] == 3
    by_id = client.get(f"/cases/{case['id']}/replies").json()
    by_identifier = client.get(f"/cases/replies/{identifier}").json()
    assert by_id == by_identifier
    assert by_id["total"] == 2
    assert [reply["text"] for reply in by_id["replies"]] == ["We are on it.", None]
    error_of(client.post(f"/cases/{case['id']}/replies", json={}), 422)
    error_of(client.post(f"/cases/{case['id']}/replies", json={"template_id": "three"}), 422)
    error_of(client.get("/cases/replies/REF-404404"), 404)
    error_of(client.post("/cases/replies/REF-404404", json={"text": "x"}), 404)


def test_task_completion_and_due_date_format(client: httpx.Client) -> None:
    body = {"task": "Call the customer", "owner_id": 1, "due_date": "2026-06-25T16:00:00+02:00"}
    task = client.post("/tasks/new", json=body).json()["task"]
    assert task["due_date"] == "2026-06-25 14:00"  # the spec's `YYYY-MM-DD HH:MM`, UTC
    assert task["is_completed"] is False
    done = client.post(f"/tasks/{task['id']}/complete")
    assert done.status_code == 201
    assert done.json()["task"]["is_completed"] is True
    assert done.json()["task"]["date_completed"] is not None
    undone = client.post(f"/tasks/{task['id']}/incomplete")
    assert undone.status_code == 201
    assert (undone.json()["task"]["is_completed"], undone.json()["task"]["date_completed"]) == (False, None)
    assert client.put(f"/tasks/{task['id']}", json={"due_date": "2026-06-26 10:00"}).json()["task"]["due_date"] == (
        "2026-06-26 10:00"
    )
    via_update = client.put(f"/tasks/{task['id']}", json={"is_completed": True}).json()["task"]
    assert via_update["date_completed"] is not None
    assert client.put(f"/tasks/{task['id']}", json={"is_completed": 0}).json()["task"]["date_completed"] is None
    error_of(client.put(f"/tasks/{task['id']}", json={"date_completed": "2026-01-01"}), 422)  # read-only
    error_of(client.post("/tasks/new", json={"owner_id": 1}), 422)
    error_of(client.post("/tasks/999/complete"), 404)


def test_users_self_permissions_and_user_management(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(roles=5, users=4)
    for username, role in (("rep", 3), ("manager", 2)):  # roles 2 and 3: Sales manager, representative
        person = {"username": username, "email": f"{username}@example.com", "firstName": "A", "lastName": "B"}
        assert client.post("/users/new", json={**person, "password": "secret1", "role": role}).status_code == 201
    me = client.get("/users/self").json()["user"]
    assert (me["id"], me["username"], me["role"]) == (1, "admin", 1)
    assert "password" not in me
    asked = {"permissions": ["lead:leads:viewown", "case:cases:editother"]}
    assert client.post("/users/1/permission", json=asked).json() == {
        "permissions": {"lead:leads:viewown": True, "case:cases:editother": True}
    }
    users = client.get("/users", params={"limit": 100}).json()["users"]
    rep = next(u for u in users if u["username"] == "rep")
    assert client.post(f"/users/{rep['id']}/permission", json=asked).json() == {
        "permissions": {"lead:leads:viewown": True, "case:cases:editother": False}
    }
    manager = next(u for u in users if u["username"] == "manager")  # holds lead:leads:full
    check = client.post(f"/users/{manager['id']}/permission", json={"permissions": ["lead:leads:deleteother"]})
    assert check.json()["permissions"]["lead:leads:deleteother"] is True
    error_of(client.post("/users/1/permission", json={"permissions": []}), 422)
    error_of(client.post("/users/999/permission", json=asked), 404)

    new = {"username": "jdoe", "firstName": "John", "lastName": "Doe", "email": "jdoe@example.com"}
    error = error_of(client.post("/users/new", json=new), 422)
    assert error["fields"] == {"password": "is required"}
    created = client.post("/users/new", json={**new, "password": "S3cretPass!", "role": 3})
    assert created.status_code == 201
    assert "password" not in created.json()["user"]
    assert "S3cretPass!" not in created.text
    error = error_of(client.post("/users/new", json={**new, "password": "S3cretPass!"}), 422)
    assert set(error["fields"]) == {"username", "email"}
    error_of(client.put(f"/users/{rep['id']}", json={"role": 99}), 422)
    changed = client.put(f"/users/{rep['id']}", json={"password": "N3wPassword", "position": "Lead"})
    assert changed.json()["user"]["position"] == "Lead"
    assert "password" not in changed.json()["user"]
    assert "N3wPassword" not in changed.text
    error_of(client.put(f"/users/{rep['id']}", json={"password": "short"}), 422)
    error_of(client.delete("/users/1"), 403)  # not yourself

    fake.add_api_key("rep-key", user_id=rep["id"])
    with httpx.Client(base_url=fake.base_url, headers={"apikey": "rep-key"}, trust_env=False) as as_rep:
        assert as_rep.get("/users/self").json()["user"]["id"] == rep["id"]
        error_of(
            as_rep.post("/users/new", json={**new, "username": "x", "email": "x@example.com", "password": "abcdef"}),
            403,
        )
        assert as_rep.post("/contacts/new", json={"first_name": "Allowed"}).status_code == 201
    with pytest.raises(FakeFlexieError):
        fake.add_api_key("ghost-key", user_id=999)


def test_sending_a_list_email(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(lists=1)
    for n in range(5):
        contact = fake.create_record("contacts", {"email": f"c{n}@example.com" if n != 2 else None})
        client.post(f"/contact/lists/1/add/{contact['id']}")
    fake.seed(emails=2)  # email 1 is a template, email 2 a list email on list 1
    assert client.get("/emails/1").json()["email"]["emailType"] == "template"
    assert client.get("/emails/2").json()["email"]["lists"] == [1]
    assert client.post("/emails/1/send").json() == {"success": 0, "sentCount": 0, "failedRecipients": 0}
    assert client.post("/emails/2/send", json={"limit": 3}).json() == {
        "success": 1,
        "sentCount": 2,
        "failedRecipients": 1,
    }
    assert client.post("/emails/2/send", json={"limit": 100}).json() == {
        "success": 1,
        "sentCount": 2,
        "failedRecipients": 0,
    }
    assert client.post("/emails/2/send").json()["sentCount"] == 0  # everyone has it
    assert client.get("/emails/2").json()["email"]["sentCount"] == 4
    error_of(client.post("/emails/2/send", json={"limit": 0}), 422)
    error_of(client.post("/emails/2/send", json={"limit": "ten"}), 422)
    error_of(client.post("/emails/99/send"), 404)


def test_workflows_and_categories(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=3, workflows=4, categories=3)
    fake.record_workflow_run("contacts", 2, 3)
    fake.record_workflow_run("contacts", 2, 4)
    runs = client.get("/contacts/2/workflows").json()
    assert {w["id"] for w in runs["workflows"]} >= {3, 4}
    assert runs["total"] == len(runs["workflows"])
    updated = client.put("/workflows/3", json={"name": "VIP onboarding", "runtime": "async", "isPublished": False})
    assert updated.json()["workflow"]["runtime"] == "async"
    error_of(client.put("/workflows/3", json={"runtime": "eventually"}), 422)
    assert client.delete("/workflows/3").status_code == 204
    assert 3 not in {w["id"] for w in client.get("/contacts/2/workflows").json()["workflows"]}
    task_categories = client.get("/tasks/list/categories").json()
    assert [c["id"] for c in task_categories] == [1, 2, 3]
    assert {"id", "title", "alias", "color"} == set(task_categories[0])
    assert len(client.get("/workflows/list/categories").json()) == 3
    with pytest.raises(FakeFlexieError):
        fake.record_workflow_run("contacts", 2, 99)


def test_seeding_is_deterministic_and_realistic(fake: FakeFlexie, client: httpx.Client) -> None:
    created = fake.seed(seed=3, records=5, custom={"projects": 7})
    assert created["contacts"] == created["users"] == 5
    assert created["projects"] == 7
    assert created["your_table"] == 5
    first = client.get("/contacts", params={"limit": 5}).json()
    cases = client.get("/cases").json()["cases"]
    fake.reset()
    fake.seed(seed=3, records=5, custom={"projects": 7})
    assert client.get("/contacts", params={"limit": 5}).json() == first
    fake.reset()
    fake.seed(seed=4, records=5)
    assert client.get("/contacts", params={"limit": 5}).json() != first
    contact = first["contacts"][0]
    assert re.match(r"^[^@\s]+@[^@\s]+\.[a-z]+$", contact["email"])
    assert contact["first_name"]
    assert contact["company"]
    assert re.match(r"^REF-\d+$", cases[0]["identifier"])
    with pytest.raises(FakeFlexieError, match="cannot seed"):
        fake.seed(spaceships=3)


def test_seeding_100000_contacts_then_paging_deep(fake: FakeFlexie, client: httpx.Client) -> None:
    # how fast this goes is measured by benchmarks/bench_fake_server.py, not asserted here
    fake.seed(contacts=100_000)
    assert fake.count("contacts") == 100_000
    body = {"filters": [{"type": "number", "alias": "id", "value": {"operator": "gt", "input": 99_900}}], "limit": 100}
    for _ in range(20):
        page = client.post("/contacts", json=body).json()
        deep = client.get("/contacts", params={"start": 99_000, "limit": 100}).json()
    assert [c["id"] for c in page["contacts"]] == list(range(99_901, 100_001))
    assert deep["contacts"][0]["id"] == 99_001
