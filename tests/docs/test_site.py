"""The documentation site builds cleanly: `mkdocs build --strict` with no warning, nothing left unrendered."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_mkdocs_build_is_strict_and_clean(tmp_path: Path) -> None:
    site = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    warnings = [line for line in output.splitlines() if "WARNING" in line]
    assert warnings == [], "\n".join(warnings)

    pages = sorted(site.glob("**/index.html"))
    assert len(pages) >= len(list((ROOT / "docs").glob("*.md")))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # Python-Markdown renders a fence inside a list item as literal text: keep fences at top level.
        assert "```" not in html, f"{page.relative_to(site)} shows a Markdown fence literally"
        # The site must work offline: no scripts or stylesheets from elsewhere.
        external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        assert external == [], f"{page.relative_to(site)} loads {external}"
