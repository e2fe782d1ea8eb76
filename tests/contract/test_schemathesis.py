"""An independent conformance check of the fake: schemathesis against our spec.

Schemathesis (pinned in the `dev` extra) reads generated/openapi.json, the OpenAPI 3 form of
spec/flexie-api.json that `make generate` writes, generates requests for all 142 operations
(valid ones and ones that break the schema) and sends them to a seeded FakeFlexie over HTTP.
Every answer must be: not a 5xx, a status the operation documents, with the documented content
type (a 204 documents no body, so it carries no Content-Type), a body matching the response
schema, and the documented headers. The Swagger 2.0 file cannot say that a 204 has no body
(`produces` is per operation, not per status), which is why the OpenAPI 3 form is the one read.

Deterministic: schemathesis' deterministic generation (no random seed, no example database),
one worker, a fake seeded with a fixed seed. Its own run prints as the failure message.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flexie.testing import FakeFlexie
from tests.conftest import OPENAPI_PATH

SCHEMATHESIS = Path(sys.executable).parent / "st"
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
)
# The examples phase sends the spec's example path parameters (id 42, your_table, REF-1042: the
# reference page's, which the seeded fake has), the coverage phase the schema's boundary and
# invalid values (about 7,000 cases), the fuzzing phase up to this many cases per operation.
FUZZ_EXAMPLES = 5
MIN_CASES = 2000


def schemathesis(fake: FakeFlexie, cwd: Path, *options: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """`st run` over our spec against `fake`, with the checks above, deterministic generation and
    one worker. cwd should be an empty directory, so that no stray schemathesis.toml is read."""
    if not SCHEMATHESIS.exists():
        pytest.fail("schemathesis is not installed: run `make install` (the dev extra pins it)")
    command = [str(SCHEMATHESIS), "run", str(OPENAPI_PATH), "--url", fake.base_url]
    command += ["--header", f"apikey: {fake.api_key}", "--checks", ",".join(CHECKS)]
    command += ["--generation-deterministic", "--workers", "1", "--request-timeout", "10", "--no-color", *options]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_schemathesis_finds_no_answer_that_breaks_the_spec(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    with FakeFlexie(seed=1, records=50, seed_examples=True) as fake:
        started = time.monotonic()
        run = schemathesis(
            fake,
            tmp_path,
            *("--phases", "examples,coverage,fuzzing", "--max-examples", str(FUZZ_EXAMPLES)),
            *("--report", "json", "--report-json-path", str(report)),
            timeout=600,
        )
        elapsed = time.monotonic() - started
    output = run.stdout[-6000:] + run.stderr[-2000:]
    assert report.exists(), output
    result = json.loads(report.read_text())
    print(f"schemathesis: {result['test_cases']['generated']} cases in {elapsed:.1f} s")
    assert result["failures"] == [], output
    assert result["errors"] == [], output
    assert result["operations"]["tested"] == 142, output
    assert result["test_cases"]["generated"] >= MIN_CASES, output
    assert result["test_cases"]["with_failures"] == 0, output
    assert run.returncode == 0, output


def test_the_checks_catch_an_answer_that_breaks_the_spec(tmp_path: Path) -> None:
    """Proof the run above can fail: an undocumented 502 and a body that is not the documented
    JSON are both reported."""
    with FakeFlexie(seed=1, records=5) as fake:
        fake.inject(502, operation_id="getContacts")
        fake.inject("malformed", operation_id="getSelf")
        only = ("--include-operation-id", "getContacts", "--include-operation-id", "getSelf")
        run = schemathesis(fake, tmp_path, "--phases", "fuzzing", "--max-examples", "1", *only, timeout=120)
    assert run.returncode == 1, run.stdout[-3000:]
    codes = {line.split()[1] for line in run.stdout.splitlines() if line.strip().startswith("❌ ST")}
    assert codes == {"ST101", "ST103", "ST109"}  # server error, undocumented status, not JSON, run.stdout[-3000:]
