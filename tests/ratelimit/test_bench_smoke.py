"""The rate-limit benchmark runs end to end in its tiny configuration. Correctness only: no timing is asserted."""

from __future__ import annotations

import pytest

from benchmarks import bench_rate_limit
from benchmarks.__main__ import BENCHMARKS


@pytest.mark.slow
def test_the_rate_limit_benchmark_runs_and_is_registered() -> None:
    assert BENCHMARKS["rate_limit"] is bench_rate_limit
    rows = bench_rate_limit.run("tiny")
    reads, shared = rows[:2], rows[2]
    for row in reads:
        assert row.ours is not None
        assert row.ours > 0
        assert any("exactly once and in order: True" in note for note in row.notes)
    assert shared.ours == 0  # the shared budget: no 429
    assert shared.verdict == "PASS"
