"""The import benchmark runs end to end in its tiny configuration (correctness only: no timing is asserted)."""

from __future__ import annotations

import pytest

from benchmarks import __main__ as bench_cli
from benchmarks import bench_import_rows


@pytest.mark.slow  # a process-mode fake
def test_import_rows_benchmark_runs_tiny() -> None:
    assert bench_cli.BENCHMARKS["import_rows"] is bench_import_rows
    (row,) = bench_import_rows.run("tiny")
    assert row.unit == "s"
    assert row.ours is not None
    assert row.reference is not None
    assert row.ours > 0
    assert row.reference > 0
    assert row.target == "ratio <= 1.3"
    assert "40 creates, 1 lookups by 100 keys" in row.notes[0]
