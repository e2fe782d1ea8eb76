"""The sync benchmark runs end to end in its tiny configuration. Correctness only: no timing is asserted."""

from __future__ import annotations

import math

import pytest

from benchmarks import __main__ as bench_cli
from benchmarks import bench_sync

pytestmark = pytest.mark.slow  # a process-mode fake and five dlt runs


def test_sync_benchmark_runs_in_tiny_configuration() -> None:
    assert bench_cli.BENCHMARKS["sync"] is bench_sync
    rows = bench_sync.run("tiny")
    assert [row.unit for row in rows] == ["s", "MiB", "s"]
    for row in rows:
        assert row.ours is not None
        assert math.isfinite(row.ours)
        assert row.ours >= 0
        assert row.verdict == "info"
        assert row.notes
    assert rows[0].reference is not None  # the sequential figure beside the parallel one
