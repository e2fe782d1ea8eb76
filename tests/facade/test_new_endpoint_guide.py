"""docs/contributing.md's "Adding an endpoint", followed for real on a scratch copy of the repository.

The vendor publishes one more operation (``GET /tasks/{id}/notes``, ``getTaskNotes``). On a copy of
this checkout: add it to the spec, regenerate, and watch the pieces test name each missing piece;
make the three edits the guide lists; then a facade method works, sync and async, against the fake.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

PIECES_TEST = (
    "tests/facade/test_operation_pieces.py::test_every_operation_has_a_table_row_a_facade_method_and_a_fake_route"
)
WHERE = "getTaskNotes (GET /tasks/{id}/notes)"

# The three hand edits of the guide, as (file, the line after which it goes, what is added).
TABLE_ROW = (
    "flexie/resources/_specs.py",
    " get=api.tasks.get_task,",
    " record_notes=api.tasks.get_task_notes,",
)
FACADE_METHOD = (
    "flexie/_async/resources.py",
    "        return await self._core.run(self._plans.complete(id, False))\n",
    '''
    def record_notes(self, id: int, *, page_size: int = 100, limit: int | None = None) -> AsyncPager[Record]:
        """The notes attached to a task."""
        attached = self._plans.attached(self._plans.ops.record_notes, "record_notes", id)
        return self._sub_pager(*attached, "notes", None, page_size, limit)
''',
)
FAKE_ROUTE = (
    "flexie/testing/routes.py",
    '    R("POST", "/tasks/{id}/incomplete", "incompleteTask", "task_incomplete", "tasks"),\n',
    '    R("GET", "/tasks/{id}/notes", "getTaskNotes", "record_notes", "tasks"),\n',
)

NEW_TEST = """
import asyncio

import flexie
from flexie.testing import FakeFlexie


def test_task_notes_sync_and_async() -> None:
    with FakeFlexie(seed=1, records=5) as fake:
        with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            page = client.tasks.record_notes(1).first_page()

        async def scenario() -> flexie.Page[flexie.Record]:
            async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as aclient:
                return await aclient.tasks.record_notes(1).first_page()

        apage = asyncio.run(scenario())
        assert page.total == apage.total
        assert [r.raw for r in page.items] == [r.raw for r in apage.items]
        assert fake.request_count(operation_id="getTaskNotes") == 2
"""


def scratch_copy(tmp_path: Path) -> Path:
    """This checkout's files (as they are in the working tree) in ``tmp_path``, with node_modules linked."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    scratch = tmp_path / "repo"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith(("docs/", "benchmarks/", "examples/")):
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, scratch / name)
    (scratch / "node_modules").symlink_to(ROOT / "node_modules")
    return scratch


def add_operation(spec_path: Path) -> None:
    """The vendor's new operation: a task's notes, shaped like a contact's."""
    spec = json.loads(spec_path.read_text())
    item = json.loads(json.dumps(spec["paths"]["/contacts/{id}/notes"]))
    item["get"].update(
        tags=["Tasks"],
        operationId="getTaskNotes",
        summary="Get Task Notes",
        description="Pages through the notes attached to this task.",
    )
    spec["paths"]["/tasks/{id}/notes"] = item
    spec_path.write_text(json.dumps(spec, indent=2) + "\n")


def edit(scratch: Path, change: tuple[str, str, str]) -> None:
    path, anchor, added = change
    text = (scratch / path).read_text()
    assert text.count(anchor) == 1, f"{path} changed: the guide's anchor line is not there once"
    (scratch / path).write_text(text.replace(anchor, anchor + added))


def run(scratch: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(scratch), str(scratch / "generated")])}
    return subprocess.run(
        [sys.executable, *argv], cwd=scratch, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def pieces_test(scratch: Path) -> subprocess.CompletedProcess[str]:
    return run(scratch, "-m", "pytest", "-q", "-p", "no:cacheprovider", PIECES_TEST)


def make_generate(scratch: Path) -> None:
    """What `make generate` runs: the generated client from the spec, and flexie/_sync from flexie/_async."""
    for argv in (
        ["scripts/generate.py", "--spec", "spec/flexie-api.json", "--out", "generated"],
        ["scripts/unasync.py"],
    ):
        done = run(scratch, *argv)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_contributor_guide_adds_an_endpoint_in_three_edits(tmp_path: Path) -> None:
    scratch = scratch_copy(tmp_path)
    add_operation(scratch / "spec" / "flexie-api.json")
    make_generate(scratch)
    assert (scratch / "generated" / "flexie_api" / "api" / "tasks" / "get_task_notes.py").is_file()
    where = run(scratch, "-c", "import flexie, flexie_api; print(flexie.__file__); print(flexie_api.__file__)")
    assert all(line.startswith(str(scratch)) for line in where.stdout.split()), where.stdout + where.stderr

    # regenerated, nothing else: the test names the table row and the fake route
    before = pieces_test(scratch)
    assert before.returncode != 0
    assert f"{WHERE}: no row in the table of operations" in before.stdout
    assert f"{WHERE}: no route in the fake" in before.stdout

    edit(scratch, TABLE_ROW)  # 1. the table of operations
    after_row = pieces_test(scratch)
    assert after_row.returncode != 0
    assert "no row in the table of operations" not in after_row.stdout
    assert f"{WHERE}: no facade method client.tasks.record_notes on Flexie" in after_row.stdout
    assert f"{WHERE}: no facade method client.tasks.record_notes on AsyncFlexie" in after_row.stdout

    edit(scratch, FACADE_METHOD)  # 2. the method, async source; `make generate` writes the sync twin
    make_generate(scratch)
    assert "def record_notes(" in (scratch / "flexie" / "_sync" / "resources.py").read_text()
    after_method = pieces_test(scratch)
    assert after_method.returncode != 0
    assert "no facade method" not in after_method.stdout
    assert f"{WHERE}: no route in the fake" in after_method.stdout

    edit(scratch, FAKE_ROUTE)  # 3. the fake's route
    done = pieces_test(scratch)
    assert done.returncode == 0, done.stdout + done.stderr

    (scratch / "tests" / "facade" / "test_task_notes.py").write_text(NEW_TEST)
    works = run(scratch, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/facade/test_task_notes.py")
    assert works.returncode == 0, works.stdout + works.stderr
    assert "1 passed" in works.stdout
