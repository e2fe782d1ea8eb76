"""What the benchmarks share: result rows, statistics, interleaving, the fake server, memory probes."""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"  # gitignored: the runtime-only venv and scratch files


@dataclass
class Row:
    """One line of the results table.

    ``ratio`` is ours / reference, except for speedups (``higher_is_better``), where it is
    reference / ours. ``passed`` is None for informational rows (no target).
    """

    benchmark: str
    ours: float | None
    reference: float | None
    unit: str
    ratio: float | None
    target: str
    passed: bool | None
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return "info" if self.passed is None else ("PASS" if self.passed else "FAIL")


def ratio_row(
    benchmark: str,
    ours: Sequence[float],
    reference: Sequence[float],
    unit: str,
    limit: float | None,
    *,
    scale: float = 1.0,
    speedup: bool = False,
    notes: Sequence[str] = (),
) -> Row:
    """A row comparing two samples (``scale`` converts seconds to ``unit``); ours and reference show medians.

    When the samples are paired (same length: sample i of each was taken back to back), the ratio is
    the median of the per-pair ratios, which cancels slow drifts of the machine's speed (other load,
    a host that alternates between fast and slow periods); otherwise it is the ratio of the medians.
    Without ``speedup`` the target is ours/reference <= ``limit``; with it, reference/ours >= ``limit``.
    """

    def quotient(mine: float, theirs: float) -> float:
        numerator, denominator = (theirs, mine) if speedup else (mine, theirs)
        return numerator / denominator if denominator > 0 else float("inf")

    ours_m, ref_m = statistics.median(ours) * scale, statistics.median(reference) * scale
    paired = len(ours) == len(reference)
    ratio = statistics.median(map(quotient, ours, reference)) if paired else quotient(ours_m, ref_m)
    if speedup:
        target = f"speedup >= {limit:g}x" if limit is not None else "-"
        passed = None if limit is None else ratio >= limit
    else:
        target = f"ratio <= {limit:g}" if limit is not None else "-"
        passed = None if limit is None else ratio <= limit
    spread = [
        f"ours {describe(ours, scale, unit)}",
        f"reference {describe(reference, scale, unit)}",
        ("ratio: median of the paired ratios" if paired else "ratio: of the medians")
        + f"; ratio of the medians {quotient(ours_m, ref_m):.2f}"
        + f", of the minimums {quotient(min(ours), min(reference)):.2f}",
    ]
    return Row(benchmark, ours_m, ref_m, unit, ratio, target, passed, [*spread, *notes])


def describe(samples: Sequence[float], scale: float = 1.0, unit: str = "") -> str:
    """``n=15 median 12.3 [IQR 11.9-12.8, min 11.2, max 14.0] ms``."""
    values = sorted(v * scale for v in samples)
    if len(values) >= 4:
        q1, _, q3 = statistics.quantiles(values, n=4)
        iqr = f"IQR {fmt(q1)}-{fmt(q3)}, "
    else:
        iqr = ""
    return (
        f"n={len(values)} median {fmt(statistics.median(values))} "
        f"[{iqr}min {fmt(values[0])}, max {fmt(values[-1])}] {unit}".rstrip()
    )


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def interleave(measures: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run each measurement ``rounds`` times, alternating their order (ABBA...) to cancel drift."""
    names = list(measures)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for i in range(rounds):
        for name in names if i % 2 == 0 else reversed(names):
            samples[name].append(measures[name]())
    return samples


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def process_fake(*, contacts: int = 0, seed: int = 1) -> Iterator[Any]:
    """A FakeFlexie in its own process (so this process's CPU is the client's), seeded with contacts."""
    from flexie.testing import FakeFlexie

    with FakeFlexie(process=True, seed=seed) as fake:
        if contacts:
            fake.seed(contacts=contacts)
        yield fake


def flexie_headers() -> dict[str, str]:
    """The headers a Flexie client sends, without the key (for the raw-httpx reference)."""
    import flexie

    return {"User-Agent": f"flexie-python/{flexie.__version__}", "Accept": "application/json"}


# -- memory ------------------------------------------------------------------------------------------


def _status_kib(name: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        match = re.search(rf"^{name}:\s+(\d+) kB", f.read(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"/proc/self/status has no {name}")
    return int(match.group(1))


def rss_bytes() -> int:
    return _status_kib("VmRSS") * 1024


def _can_reset_hwm() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        _status_kib("VmHWM")
    except (OSError, RuntimeError):
        return False
    return True


class PeakRSS:
    """Peak resident memory of this process over a block of code, relative to its RSS at the start.

    Linux: the kernel's high-water mark (VmHWM) is reset by writing "5" to /proc/self/clear_refs,
    so VmHWM at the end is the exact peak since the start, with no sampling and no extra thread.
    Elsewhere (or when clear_refs is not writable) a thread samples VmRSS every 5 ms instead.
    """

    def __init__(self) -> None:
        self.method = "VmHWM after /proc/self/clear_refs=5" if _can_reset_hwm() else "VmRSS sampled every 5 ms"
        self._sampling = not self.method.startswith("VmHWM")
        self._peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.baseline = 0
        self.growth = 0

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self._peak = max(self._peak, rss_bytes())

    def __enter__(self) -> PeakRSS:
        if self._sampling:
            self.baseline = self._peak = rss_bytes()
            self._stop.clear()
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        else:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
                f.write("5")
            self.baseline = rss_bytes()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None
            peak = max(self._peak, rss_bytes())
        else:
            peak = _status_kib("VmHWM") * 1024
        self.growth = max(0, peak - self.baseline)


# -- the environment -----------------------------------------------------------------------------------


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def cpu_seconds() -> float:
    """CPU time (user + system) of this process, all threads."""
    return time.process_time()
