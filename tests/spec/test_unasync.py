"""The sync flavour is generated from the async source: `make check-generated` catches a hand edit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "unasync.py"


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--root", str(root)], capture_output=True, text=True, check=False
    )


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The parts of this checkout that the generation reads: the async source, the sync output, ruff's settings."""
    for folder in ("_async", "_sync"):
        shutil.copytree(
            ROOT / "flexie" / folder, tmp_path / "flexie" / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_checked_in_sync_flavour_is_what_the_script_makes(checkout: Path) -> None:
    result = check(checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_a_hand_edit_of_the_sync_flavour_fails_the_check(checkout: Path) -> None:
    generated = checkout / "flexie" / "_sync" / "resources.py"
    generated.write_text(generated.read_text().replace("def get(self, id: int)", "def get(self, id: int, x: int = 0)"))
    result = check(checkout)
    assert result.returncode == 1
    assert "flexie/_sync/resources.py" in result.stdout
    assert "never edit flexie/_sync by hand" in result.stdout


def test_an_edit_of_the_async_source_alone_fails_the_check_until_regenerated(checkout: Path) -> None:
    source = checkout / "flexie" / "_async" / "resources.py"
    source.write_text(source.read_text().replace('"""One record by id', '"""One record, by its id'))
    assert check(checkout).returncode == 1
    subprocess.run([sys.executable, str(SCRIPT), "--root", str(checkout)], check=True, capture_output=True)
    assert check(checkout).returncode == 0
    assert "One record, by its id" in (checkout / "flexie" / "_sync" / "resources.py").read_text()


def test_async_names_become_their_sync_twins() -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import unasync
    finally:
        sys.path.remove(str(SCRIPT.parent))
    text = "async def f(self) -> AsyncPager[Record]:\n    return await self._core.run(x)  # AsyncFlexie aclose\n"
    assert unasync.unasync_text(text) == "def f(self) -> Pager[Record]:\n    return self._core.run(x)  # Flexie close\n"
