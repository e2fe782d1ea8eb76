"""The README's Python samples are real: each ```python block must be marked to run, and runs.

``<!-- run -->`` blocks run in order, in one namespace (as a reader following along would), in a
subprocess whose FLEXIE_BASE_URL and FLEXIE_API_KEY name a FakeFlexie with the README's custom
fields. ``<!-- run: pytest -->`` blocks are test files: they are written out and run with pytest.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flexie.testing import FakeFlexie

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BLOCK = re.compile(r"^(?:<!-- run(?P<kind>: pytest)? -->\n)?```python\n(?P<code>.*?)^```$", re.M | re.S)
CUSTOM_FIELDS = {
    "contacts": [
        {"alias": "customer_tier_2", "label": "Customer tier", "type": "select", "choices": ["Gold", "Silver"]},
        {"alias": "renewal_on", "label": "Renewal date", "type": "date"},
    ]
}
# Runs the blocks with tracebacks that point at README.md's own line numbers.
RUNNER = """
import json, sys
namespace = {"__name__": "__main__"}
for line, code in json.load(open(sys.argv[1], encoding="utf-8")):
    print(f"--- README.md:{line}", flush=True)
    exec(compile("\\n" * line + code, "README.md", "exec"), namespace)
"""

pytestmark = pytest.mark.slow


def blocks() -> list[tuple[int, str | None, str]]:
    """(line of the first line of code - 1, kind or None when unmarked, code) for every python block."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        marked = match.group(0).startswith("<!--")
        kind = ("pytest" if match.group("kind") else "run") if marked else None
        found.append((text.count("\n", 0, match.start("code")), kind, match.group("code")))
    return found


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEXIE_")}
    env.update(PYTHONUNBUFFERED="1", **extra)
    return env


def test_every_python_sample_is_marked_to_run() -> None:
    found = blocks()
    assert README.read_text(encoding="utf-8").count("```python") == len(found)
    unmarked = [line + 1 for line, kind, _ in found if kind is None]
    assert not unmarked, f"README.md python blocks without <!-- run --> at lines {unmarked}"
    assert sum(kind == "run" for _, kind, _ in found) >= 8
    assert sum(kind == "pytest" for _, kind, _ in found) >= 1


def test_the_run_blocks_run_against_a_fake_workspace(tmp_path: Path) -> None:
    runnable = [(line, code) for line, kind, code in blocks() if kind == "run"]
    (tmp_path / "blocks.json").write_text(json.dumps(runnable), encoding="utf-8")
    with FakeFlexie(custom_fields=CUSTOM_FIELDS, records=50, seed=1) as fake:
        result = subprocess.run(
            [sys.executable, "-c", RUNNER, str(tmp_path / "blocks.json")],
            cwd=tmp_path,
            env=environment(FLEXIE_BASE_URL=fake.base_url, FLEXIE_API_KEY=fake.api_key),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        ada = [r for r in fake.requests if r.operation_id == "createContact"]
    out = result.stdout
    assert result.returncode == 0, f"stdout:\n{out}\nstderr:\n{result.stderr}"
    assert out.count("--- README.md:") == len(runnable)
    assert "connected as user 1 (admin@example.com)" in out
    assert "datetime.date(2027, 3, 31)" in out
    assert "\n2027-03-31\n" in out
    assert "['customer_tier_2', 'renewal_on']" in out
    assert "404 No contact with id 999999." in out
    assert "['email']" in out
    assert len(ada) == 2  # jane and ada; the misspelt one never left the client


def test_the_pytest_sample_passes(tmp_path: Path) -> None:
    samples = [code for _, kind, code in blocks() if kind == "pytest"]
    for number, code in enumerate(samples):
        (tmp_path / f"test_readme_sample_{number}.py").write_text(code, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", "pytest.ini", "--rootdir", "."],
        cwd=tmp_path,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert re.search(r"\b2 passed\b", result.stdout), result.stdout


def test_links_lead_somewhere() -> None:
    """Relative links name files of the checkout; docs pages may be still unwritten, but must be in the nav
    of mkdocs.yml (whose strict build fails on a nav entry without its page)."""
    text = README.read_text(encoding="utf-8")
    nav = set(
        re.findall(r"^\s+- (?:[^:\n]+: )?([\w./-]+\.md)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    )
    targets = {t.split("#")[0] for t in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in t}
    assert targets, "no relative links found"
    for target in sorted(targets):
        if target.startswith("docs/") and target.endswith(".md"):
            assert (ROOT / target).exists() or target.removeprefix("docs/") in nav, target
        else:
            assert (ROOT / target).exists(), target
