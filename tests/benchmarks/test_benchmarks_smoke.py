"""Each benchmark module runs end to end in a tiny configuration. Correctness only: no timing is asserted."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks import __main__ as cli
from benchmarks import (
    bench_concurrency,
    bench_fake_server,
    bench_import,
    bench_paging,
    bench_requests,
    bench_streaming,
)
from benchmarks._common import PeakRSS, Row, interleave, ratio_row

pytestmark = pytest.mark.slow  # every benchmark starts a process-mode fake or subprocesses


@pytest.mark.parametrize("module", [bench_import, bench_requests, bench_streaming, bench_concurrency, bench_paging])
def test_benchmark_runs_in_tiny_configuration(module: ModuleType) -> None:
    rows = module.run("tiny")
    assert rows
    for row in rows:
        assert isinstance(row, Row)
        assert row.benchmark
        assert row.unit
        assert row.target
        assert row.ours is not None
        assert math.isfinite(row.ours)
        assert row.ours >= 0
        assert row.verdict in {"PASS", "FAIL", "info"}
        assert row.notes


def test_main_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "results.md"
    status = cli.main(["--config", "tiny", "--only", "requests", "--output", str(output)])
    assert status in (0, 1)  # pass or fail depends on timing, which is not under test
    text = output.read_text()
    assert "| Benchmark" in text
    assert "requests: CPU per" in text
    for item in ("## Environment", "- python:", "- packages:", "- CPUs:", "- date:", "- commit:"):
        assert item in text
    assert "| Benchmark" in capsys.readouterr().out


def test_fake_server_benchmark_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["bench_fake_server", "--seconds", "0.2", "--concurrency", "2", "--records", "300"]
    monkeypatch.setattr(sys, "argv", argv)
    bench_fake_server.main()  # its exit status is a throughput floor: timing, not under test
    out = capsys.readouterr().out
    for scenario in ("GET /contacts/{id}", "loadgen", "httpx"):
        assert scenario in out


def test_table_and_ratio_rows() -> None:
    rows = [
        ratio_row("slower", [2.0, 2.0, 2.2], [1.0, 1.0, 1.1], "ms", 1.25),
        ratio_row("faster", [1.0], [8.0], "s", 5, speedup=True),
        Row("absolute", 12.0, None, "ms", None, "<= 30 ms", True),
    ]
    assert [r.verdict for r in rows] == ["FAIL", "PASS", "PASS"]
    assert rows[0].ratio == pytest.approx(2.0)
    assert rows[1].ratio == pytest.approx(8.0)
    lines = cli.table(rows).splitlines()
    assert len(lines) == 5
    assert len({len(line) for line in lines}) == 1


def test_interleave_alternates_the_order() -> None:
    seen: list[str] = []
    samples = interleave({"a": lambda: seen.append("a") or 1.0, "b": lambda: seen.append("b") or 2.0}, 3)
    assert seen == ["a", "b", "b", "a", "a", "b"]
    assert samples == {"a": [1.0, 1.0, 1.0], "b": [2.0, 2.0, 2.0]}


def test_importtime_lines_are_split_at_the_markers() -> None:
    stderr = "\n".join(
        [
            "import time: self [us] | cumulative | imported package",
            "import time:       100 |        100 | os",
            "@@bench first_get",
            "import time:        40 |         40 |   flexie.records",
            "import time:        60 |        100 | flexie.resources",
            "@@bench second_get",
        ]
    )
    segments = bench_import.importtime_segments(stderr)
    assert bench_import.import_ms(segments["startup"]) == pytest.approx(0.1)
    assert bench_import.import_ms(segments["first_get"]) == pytest.approx(0.1)
    assert segments["second_get"] == []
    assert bench_import.top_level(segments["first_get"]) == "flexie.resources 0.1"


def test_peak_rss_sees_an_allocation() -> None:
    probe = PeakRSS()
    with probe:
        block = bytearray(32 * 2**20)
        block[::4096] = b"x" * len(block[::4096])  # touch every page
        del block
    assert probe.growth >= 24 * 2**20
