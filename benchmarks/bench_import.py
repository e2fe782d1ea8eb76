"""Import cost: cold ``import flexie`` vs cold ``import httpx``, and the imports the first call triggers.

Every measurement runs in a fresh interpreter of a clean virtualenv holding only the runtime
dependencies (httpx, attrs, python-dateutil, at the dev venv's versions), made once under
``benchmarks/.work/``: the dev venv has click and rich installed, which httpx imports at import
time when present, inflating both sides. The repository's ``flexie`` and ``generated/`` are put on
PYTHONPATH. Writing .pyc files is allowed (PYTHONDONTWRITEBYTECODE and every other PYTHON*
variable are dropped) and the cache is warmed before measuring, so "cold" means a new process
with compiled bytecode on disk, as after ``pip install``.

- Cold import: ``perf_counter`` around the ``import`` statement inside ``python -c``, the same
  snippet for both modules, runs interleaved (httpx, flexie, flexie, httpx, ...), median.
- First ``client.contacts.get()``: a fresh interpreter imports flexie, builds ``Flexie`` against a
  process-mode FakeFlexie started here, then calls ``get`` twice, under ``-X importtime``. Markers
  written to stderr between the phases split the importtime lines; the import cost of a phase
  is the sum of the "self" times of the modules first imported during it. Construction's share is
  reported too (informational), and first-call minus second-call wall time (which also includes
  the field-schema fetch the first call makes).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ._common import ROOT, WORK, Row, describe, interleave, log, process_fake, ratio_row

NAME = "import"
RUNTIME_DEPENDENCIES = ("httpx", "attrs", "python-dateutil")
IMPORT_RATIO_LIMIT = 1.5
FIRST_GET_IMPORT_LIMIT_MS = 30.0


@dataclass(frozen=True)
class Config:
    runs: int = 31  # cold imports of each module
    first_get_runs: int = 15
    warmup: int = 2
    clean_venv: bool = True  # False: use this interpreter (the smoke test; numbers then meaningless)


CONFIGS = {
    "full": Config(),
    "quick": Config(runs=5, first_get_runs=3, warmup=1),
    "tiny": Config(runs=1, first_get_runs=1, warmup=1, clean_venv=False),
}

IMPORT_SNIPPET = "import time\nt = time.perf_counter()\nimport {module}\nprint(time.perf_counter() - t)\n"

FIRST_GET_SNIPPET = r"""
import json, os, sys, time

def mark(label):
    sys.stderr.write("@@bench " + label + "\n")
    sys.stderr.flush()

url, key = os.environ["FLEXIE_BENCH_URL"], os.environ["FLEXIE_BENCH_KEY"]
mark("import")
t0 = time.perf_counter()
import flexie
t1 = time.perf_counter()
mark("construct")
m1 = set(sys.modules)
client = flexie.Flexie(base_url=url, api_key=key)
t2 = time.perf_counter()
m2 = set(sys.modules)
mark("first_get")
client.contacts.get(1)
t3 = time.perf_counter()
m3 = set(sys.modules)
mark("second_get")
client.contacts.get(2)
t4 = time.perf_counter()
mark("end")
client.close()
print(json.dumps({
    "import": t1 - t0, "construct": t2 - t1, "first_get": t3 - t2, "second_get": t4 - t3,
    "construct_modules": sorted(m2 - m1), "first_get_modules": sorted(m3 - m2),
}))
"""

_IMPORTTIME = re.compile(r"^import time:\s*(\d+) \|\s*(\d+) \| ( *)(\S.*)$")


def runtime_python() -> Path:
    """The clean venv's interpreter, made (or remade, when the pins changed) on first use."""
    venv = WORK / "runtime-venv"
    python = venv / "bin" / "python"
    pins = [f"{name}=={metadata.version(name)}" for name in RUNTIME_DEPENDENCIES]
    stamp = venv / "bench-stamp.txt"
    wanted = "\n".join([sys.version, *pins])
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    log(f"creating the runtime-only venv {venv.relative_to(ROOT)} ({', '.join(pins)})")
    shutil.rmtree(venv, ignore_errors=True)
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    stamp.write_text(wanted)
    return python


def child_env(**extra: str) -> dict[str, str]:
    """No PYTHON* variables (PYTHONDONTWRITEBYTECODE among them); the repo's packages on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "generated")])
    env.update(extra)
    return env


def _run(python: Path, code: str, *, importtime: bool = False, **extra: str) -> subprocess.CompletedProcess[str]:
    WORK.mkdir(parents=True, exist_ok=True)
    command = [str(python), *(["-X", "importtime"] if importtime else []), "-c", code]
    result = subprocess.run(command, env=child_env(**extra), cwd=WORK, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:-1])} -c ... failed:\n{result.stderr[-3000:]}")
    return result


def cold_import(python: Path, module: str) -> float:
    """Seconds the ``import`` statement took in a fresh interpreter."""
    return float(_run(python, IMPORT_SNIPPET.format(module=module)).stdout.split()[-1])


def importtime_segments(stderr: str) -> dict[str, list[tuple[int, int, int, str]]]:
    """The ``-X importtime`` lines between ``@@bench`` markers: label -> [(self us, cumulative us, depth, name)]."""
    segments: dict[str, list[tuple[int, int, int, str]]] = {}
    current = "startup"
    for line in stderr.splitlines():
        if line.startswith("@@bench "):
            current = line.split(" ", 1)[1].strip()
            segments.setdefault(current, [])
            continue
        match = _IMPORTTIME.match(line)
        if match:
            own, cumulative, indent, name = match.groups()
            segments.setdefault(current, []).append((int(own), int(cumulative), len(indent) // 2, name.strip()))
    return segments


def import_ms(lines: list[tuple[int, int, int, str]]) -> float:
    return sum(own for own, _, _, _ in lines) / 1000


def top_level(lines: list[tuple[int, int, int, str]], count: int = 6) -> str:
    tops = sorted((cum, name) for _, cum, depth, name in lines if depth == 0)[::-1][:count]
    return ", ".join(f"{name} {cum / 1000:.1f}" for cum, name in tops) or "none"


def extra_modules(python: Path) -> str:
    """What ``import flexie`` imports beyond ``import httpx`` (one -X importtime run), by own time."""
    httpx_lines = importtime_segments(_run(python, "import httpx", importtime=True).stderr)["startup"]
    flexie_lines = importtime_segments(_run(python, "import flexie", importtime=True).stderr)["startup"]
    httpx_names = {name for _, _, _, name in httpx_lines}
    extra = [(own, name) for own, _, _, name in flexie_lines if name not in httpx_names]
    total = sum(own for own, _ in extra) / 1000
    top = ", ".join(f"{name} {own / 1000:.1f}" for own, name in sorted(extra, reverse=True)[:10])
    return (
        f"modules `import flexie` adds to httpx's (one -X importtime run): {len(extra)}, "
        f"{total:.1f} ms own time; top (ms): {top}"
    )


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    python = runtime_python() if cfg.clean_venv else Path(sys.executable)
    probe = "import importlib.util as u; print([m for m in ('click', 'rich') if u.find_spec(m)])"
    present = _run(python, probe).stdout.strip()
    where = f"interpreter {python}" + ("" if cfg.clean_venv else " (the current one: smoke configuration)")

    # -- cold import -------------------------------------------------------------------------------
    log(f"cold imports: {cfg.warmup} warm-up + {cfg.runs} interleaved runs each")
    for _ in range(cfg.warmup):  # writes and then reuses the .pyc files
        cold_import(python, "httpx")
        cold_import(python, "flexie")
    samples = interleave(
        {"flexie": lambda: cold_import(python, "flexie"), "httpx": lambda: cold_import(python, "httpx")}, cfg.runs
    )
    rows = [
        ratio_row(
            "import: cold `import flexie` vs `import httpx`",
            samples["flexie"],
            samples["httpx"],
            "ms",
            IMPORT_RATIO_LIMIT,
            scale=1000,
            notes=[
                where,
                f"click/rich importable there: {present}",
                "perf_counter around the import statement inside `python -c`, fresh interpreter per run, .pyc warm",
                extra_modules(python),
            ],
        )
    ]

    # -- the first get -------------------------------------------------------------------------------
    log(f"first contacts.get(): {cfg.warmup} warm-up + {cfg.first_get_runs} runs under -X importtime")
    results = []
    with process_fake(contacts=10) as fake:
        extra = {"FLEXIE_BENCH_URL": fake.base_url, "FLEXIE_BENCH_KEY": fake.api_key}
        for i in range(cfg.warmup + cfg.first_get_runs):
            done = _run(python, FIRST_GET_SNIPPET, importtime=True, **extra)
            if i >= cfg.warmup:
                results.append((json.loads(done.stdout.strip().splitlines()[-1]), importtime_segments(done.stderr)))
    first_ms = [import_ms(seg.get("first_get", [])) for _, seg in results]
    construct_ms = [import_ms(seg.get("construct", [])) for _, seg in results]
    share = [first / import_ms(seg.get("import", [])) for first, (_, seg) in zip(first_ms, results, strict=True)]
    wall_diff = [(out["first_get"] - out["second_get"]) * 1000 for out, _ in results]
    mid = sorted(range(len(results)), key=lambda i: first_ms[i])[len(results) // 2]  # the median run
    out, seg = results[mid]
    first = statistics.median(first_ms)
    rows.append(
        Row(
            "import: modules first imported by the first `contacts.get()`",
            first,
            None,
            "ms",
            None,
            f"<= {FIRST_GET_IMPORT_LIMIT_MS:g} ms",
            first <= FIRST_GET_IMPORT_LIMIT_MS,
            [
                f"sum of -X importtime self times between markers: {describe(first_ms, 1, 'ms')}",
                f"median run: {len(out['first_get_modules'])} new modules; largest top-level (cumulative ms): "
                f"{top_level(seg.get('first_get', []))}",
                f"first call minus second call, wall (includes the schema fetch): {describe(wall_diff, 1, 'ms')}",
                f"the same as a share of that process's own `import flexie` (machine-speed independent): "
                f"median {statistics.median(share):.0%}",
            ],
        )
    )
    construct = statistics.median(construct_ms)
    rows.append(
        Row(
            "import: modules first imported by `Flexie(...)`",
            construct,
            None,
            "ms",
            None,
            "info",
            None,
            [
                f"{describe(construct_ms, 1, 'ms')}; median run: {len(out['construct_modules'])} new modules; "
                f"largest top-level (cumulative ms): {top_level(seg.get('construct', []))}",
                f"construction wall time: {describe([o['construct'] for o, _ in results], 1000, 'ms')}",
            ],
        )
    )
    return rows
