"""``python -m benchmarks``: run the benchmarks, print the table, write ``benchmarks/results.md``.

    python -m benchmarks                     # everything, full size (a few minutes)
    python -m benchmarks --quick             # smaller samples: a smoke run, numbers indicative only
    python -m benchmarks --only streaming    # one benchmark (repeatable)

Exits 1 when any target is missed (or a benchmark fails to run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
import traceback
from importlib import metadata
from pathlib import Path
from types import ModuleType

from . import (
    bench_concurrency,
    bench_import,
    bench_import_rows,
    bench_paging,
    bench_rate_limit,
    bench_requests,
    bench_streaming,
    bench_sync,
)
from ._common import ROOT, WORK, Row, fmt, load_average

BENCHMARKS: dict[str, ModuleType] = {
    module.NAME: module
    for module in (
        bench_import,
        bench_requests,
        bench_streaming,
        bench_concurrency,
        bench_paging,
        bench_rate_limit,
        bench_import_rows,
        bench_sync,
    )
}
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results.md"
HEADER = ("Benchmark", "Ours", "Reference", "Ratio", "Target", "Result")


def _value(value: float | None, unit: str) -> str:
    return "-" if value is None else f"{fmt(value)} {unit}"


def table(rows: list[Row]) -> str:
    """A Markdown table, readable as plain text too."""
    cells = [
        (
            row.benchmark,
            _value(row.ours, row.unit),
            _value(row.reference, row.unit),
            "-" if row.ratio is None else f"{row.ratio:.2f}",
            row.target,
            row.verdict,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [HEADER, *cells]) for i in range(len(HEADER))]
    right = {1, 2, 3}

    def line(values: tuple[str, ...]) -> str:
        padded = [v.rjust(w) if i in right else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(HEADER), rule, *(line(c) for c in cells)])


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def environment(started: str, load_start: str, seconds: float) -> list[tuple[str, str]]:
    commit = _git("rev-parse", "HEAD") or "unknown"
    changed = [line for line in _git("status", "--porcelain", "--untracked-files=no").splitlines() if line]
    if changed:
        commit += f" (+ uncommitted changes to {len(changed)} tracked files)"
    versions = ", ".join(f"{name} {_version(name)}" for name in ("flexie", "httpx", "httpcore", "attrs"))
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    runtime = WORK / "runtime-venv" / "bench-stamp.txt"
    return [
        ("date", started),
        ("commit", commit),
        ("python", f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"),
        ("packages", versions),
        ("import venv", ", ".join(runtime.read_text().splitlines()[1:]) if runtime.exists() else "not created"),
        ("CPUs", f"{os.cpu_count()} (usable by this process: {affinity})"),
        ("platform", platform.platform()),
        ("load average", f"{load_start} at start, {load_average()} at end (1, 5, 15 min)"),
        ("duration", f"{seconds:.0f} s"),
    ]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def report(rows: list[Row], env: list[tuple[str, str]], mode: str) -> str:
    lines = [
        "# flexie benchmarks",
        "",
        f"Written by `python -m benchmarks` (`make bench`); mode: {mode}. Figures are medians; ours and",
        "the reference are measured in the same run, interleaved. Ratio is ours / reference, except for",
        "the concurrency rows, where it is the speedup (sequential / concurrent). Timings taken while",
        "other work runs on the machine are noisy: take final figures on an idle machine (see the load",
        "average below).",
        "",
        table(rows),
        "",
        "## Details",
        "",
    ]
    for row in rows:
        lines.append(f"- **{row.benchmark}**: {row.verdict}")
        lines.extend(f"  - {note}" for note in row.notes)
    lines += ["", "## Environment", ""]
    lines.extend(f"- {name}: {value}" for name, value in env)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small samples: a fast smoke run")
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")  # fmt: skip
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the Markdown report")
    parser.add_argument("--config", default=None, help=argparse.SUPPRESS)  # "tiny": the smoke tests
    args = parser.parse_args(argv)
    config = args.config or ("quick" if args.quick else "full")
    names = args.only or list(BENCHMARKS)

    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    load_start = load_average()
    clock = time.perf_counter()
    rows: list[Row] = []
    for name in names:
        print(f"[{name}] ({config})", file=sys.stderr, flush=True)
        try:
            rows.extend(BENCHMARKS[name].run(config))
        except Exception as exc:  # one broken benchmark must not hide the others' numbers
            traceback.print_exc()
            rows.append(Row(f"{name}: did not run", None, None, "", None, "runs", False, [repr(exc)]))
    env = environment(started, load_start, time.perf_counter() - clock)

    mode = config + ("" if args.only is None else f", only {', '.join(names)}")
    print()
    print(table(rows))
    print()
    print(f"load average {load_start} at start, {load_average()} at end; take final figures on an idle machine")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report(rows, env, mode), encoding="utf-8")
    print(f"written to {args.output}")
    failed = [row.benchmark for row in rows if row.passed is False]
    if failed:
        print(f"FAILED: {len(failed)} of {sum(r.passed is not None for r in rows)} targets", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
