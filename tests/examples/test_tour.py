"""examples/tour.py (what `make demo` runs), end to end in a subprocess: against its embedded fake,
and in read-only mode against a workspace named by FLEXIE_* variables (a FakeFlexie here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flexie.resources._specs import CRM_ENTITIES, CUSTOM_ENTITY, RESOURCES
from flexie.testing import FakeFlexie

ROOT = Path(__file__).resolve().parents[2]
TOUR = ROOT / "examples" / "tour.py"
FAKE_STEPS = [
    "Create a contact with custom fields",
    "Page through every contact",
    "Filter with F",
    "Update by unique field",
    "Add the contact to a list",
    "Complete a task",
    "Reply to a case",
    "Rate limits",
    "Export every contact",
]
READ_ONLY_STEPS = ["Who am I", "The fields of contacts", "The first page of contacts", "A filter", "Counts"]
# The POST operations that read: filter queries. Anything else sent with POST, PUT, PATCH or DELETE writes.
FILTER_OPERATIONS = {
    spec.ops["filter"] for spec in (*CRM_ENTITIES.values(), CUSTOM_ENTITY, *RESOURCES.values()) if "filter" in spec.ops
}

pytestmark = pytest.mark.slow


def run_tour(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FLEXIE_")}
    clean.update(TMPDIR=str(tmp_path), PYTHONUNBUFFERED="1", **env)
    return subprocess.run(
        [sys.executable, str(TOUR)], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def headings(stdout: str) -> list[str]:
    return re.findall(r"^(\d+)\. (.+)$", stdout, flags=re.MULTILINE)


def test_the_tour_runs_every_step_against_its_fake(tmp_path: Path) -> None:
    result = run_tour(tmp_path)
    out = result.stdout
    assert result.returncode == 0, f"stdout:\n{out}\nstderr:\n{result.stderr}"
    assert "fake Flexie workspace at http://127.0.0.1:" in out

    found = headings(out)
    assert [int(n) for n, _ in found] == list(range(1, 10)), found
    for (_, title), expected in zip(found, FAKE_STEPS, strict=True):
        assert title.startswith(expected)

    # 1: custom fields by logical name: the aliases on the wire, typed values read back, a typed error
    assert "'tier' is this workspace's 'customer_tier_2' (select)" in out
    assert "'renewal' is this workspace's 'renewal_on' (date)" in out
    assert "wire:      customer_tier_2='Gold', renewal_on='2027-03-31'" in out
    assert "read back: tier='Gold', renewal=datetime.date(2027, 3, 31)" in out
    assert "UnknownFieldError, suggestions=['email']" in out
    assert "did you mean 'email'?" in out

    # 2: 300 seeded contacts plus the one created: four pages
    assert "total: 301 contacts in 4 pages of up to 100 (100 + 100 + 100 + 1)" in out
    assert "concurrency=4 fetches four pages at once, ahead of use: 301 contacts, the same records" in out

    # 3: the filter's count, and as many example rows as it promises (at most 3)
    match = re.search(r"^   (\d+) Gold contacts in the United States renew in 2025", out, flags=re.MULTILINE)
    assert match, out
    total = int(match.group(1))
    assert total >= 1
    rows = re.findall(r"^ {5,}\d+  \S+@\S+ +renews 2025-\d\d-\d\d$", out, flags=re.MULTILINE)
    assert len(rows) == min(total, 3)

    # 4 to 7
    assert "is now tier 'Silver', city 'London'" in out
    assert re.search(r"added to '.+' \(list \d+\): True", out)
    assert re.search(r"task \d+ '.+': is_completed False -> True", out)
    assert "reply" in out.split("7. ", 1)[1].split("8. ", 1)[0]
    assert "'Thanks, we are looking into it.'" in out
    assert '"Fixed in today\'s release."' in out

    # 8: the server's 429s, the client's logged retries (flexie logger, INFO), the paced alternative
    retries = re.findall(r"^   \[log\] retrying GET http://127\.0\.0\.1:\d+/api/contacts/\d+ -> 429 in ", out, re.M)
    said = re.search(r"all 64 read in [\d.]+ s; the server said 429 (\d+) times", out)
    assert said, out
    assert len(retries) == int(said.group(1)) >= 1
    assert re.search(r"rate_limit_per_minute=300: \d+ requests took [\d.]+ s", out)

    # 9: the export file exists and holds as many lines as the tour says
    exported = re.search(r"wrote (\d+) contacts to (\S+\.jsonl)$", out, flags=re.MULTILINE)
    assert exported, out
    path = Path(exported.group(2))
    assert path.is_relative_to(tmp_path)
    assert int(exported.group(1)) == 301
    assert len(path.read_text(encoding="utf-8").splitlines()) == 301

    assert "What next" in out
    assert result.stderr == ""


def test_with_a_workspace_in_the_environment_the_tour_only_reads(tmp_path: Path) -> None:
    with FakeFlexie(seed=3) as fake:
        fake.seed(contacts=40, leads=5, accounts=5, deals=5, cases=5)
        counts = {name: fake.count(name) for name in ("contacts", "leads", "accounts", "deals", "cases")}
        result = run_tour(tmp_path, FLEXIE_BASE_URL=fake.base_url, FLEXIE_API_KEY=fake.api_key)
        log = fake.requests
        writes = {method: fake.request_count(method=method) for method in ("PUT", "PATCH", "DELETE")}
        after = {name: fake.count(name) for name in counts}

    out = result.stdout
    assert result.returncode == 0, f"stdout:\n{out}\nstderr:\n{result.stderr}"
    assert "read-only tour" in out
    found = headings(out)
    assert [int(n) for n, _ in found] == [1, 2, 3, 4, 5], found
    for (_, title), expected in zip(found, READ_ONLY_STEPS, strict=True):
        assert title.startswith(expected)
    assert "40 contacts; the first 5:" in out
    assert "40 contacts (a filter is a POST that reads" in out
    assert re.search(r"^   contacts  40$", out, flags=re.MULTILINE)
    assert re.search(r"^   cases     5$", out, flags=re.MULTILINE)

    assert writes == {"PUT": 0, "PATCH": 0, "DELETE": 0}
    posts = [r.operation_id for r in log if r.method == "POST"]
    assert posts, "the tour's filter step sends one filter query"
    assert set(posts) <= FILTER_OPERATIONS, posts
    assert {r.method for r in log} <= {"GET", "POST"}
    assert all(r.status == 200 for r in log), [r for r in log if r.status != 200]
    assert {"getSelf", "listContactFields", "listContacts", "listContactsFiltered"} <= {r.operation_id for r in log}
    assert after == counts
    assert not list(tmp_path.iterdir()), "the read-only tour writes no files"
