"""Find the code blocks of docs/*.md, and which of them the tests run.

The convention, for anyone writing docs: a fenced ``python`` block preceded by an HTML comment
marker (only blank lines between) is run by ``tests/docs/test_snippets.py``:

- ``<!-- run -->``: run in a fresh namespace, against a fake workspace reset for it, with
  FLEXIE_BASE_URL and FLEXIE_API_KEY set (and no other FLEXIE_* variable), in an empty
  temporary directory.
- ``<!-- run: continue -->``: run in the namespace the previous run block of the same page left,
  without a reset (for a page that builds one example up step by step).
- ``<!-- run: pytest -->``: written to a test module and run by pytest in a subprocess.
- ``<!-- run: cli -->`` before a ``console`` block: each ``$ flexie ...`` line is run through
  ``flexie.cli.main`` against the same fake workspace (reset once per block) and must exit 0.

Every other ``python`` block must still compile. Markers are HTML comments, so they do not show
in the rendered pages. Blocks may sit in list items (indented); they are dedented first.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
MARKER = re.compile(r"^<!--\s*run(?::\s*(?P<mode>[a-z]+))?\s*-->$")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)\s*(?P<lang>[\w+-]*)")
MODES = ("fresh", "continue", "pytest", "cli")


@dataclass(frozen=True)
class Block:
    page: str  # file name, e.g. "quickstart.md"
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    mode: str | None  # None: not run; else one of MODES

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


@dataclass
class Chain:
    """A fresh run block and the ``continue`` blocks after it: they share one namespace."""

    blocks: list[Block] = field(default_factory=list)

    @property
    def where(self) -> str:
        return self.blocks[0].where


def blocks(page: Path) -> list[Block]:
    """Every fenced block of a Markdown page, with its run marker if it has one."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening["fence"], opening["indent"]
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        body = [line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines[index + 1 : end]]
        found.append(
            Block(
                page=page.name,
                line=index + 1,
                lang=opening["lang"].lower(),
                code=textwrap.dedent("\n".join(body)) + "\n",
                mode=_mode(lines, index, page),
            )
        )
        index = end + 1
    return found


def _mode(lines: list[str], fence_index: int, page: Path) -> str | None:
    previous = fence_index - 1
    while previous >= 0 and not lines[previous].strip():
        previous -= 1
    if previous < 0:
        return None
    marker = MARKER.match(lines[previous].strip())
    if marker is None:
        if lines[previous].strip().startswith("<!-- run"):
            raise ValueError(f"{page.name}:{previous + 1}: malformed run marker {lines[previous].strip()!r}")
        return None
    mode = marker["mode"] or "fresh"
    if mode not in MODES:
        raise ValueError(f"{page.name}:{previous + 1}: unknown run mode {mode!r}; use one of {', '.join(MODES)}")
    return mode


def pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def all_blocks() -> list[Block]:
    return [block for page in pages() for block in blocks(page)]


def python_blocks() -> list[Block]:
    return [block for block in all_blocks() if block.lang in ("python", "py")]


def chains() -> list[Chain]:
    """The run blocks grouped into chains (fresh + continues), in page order."""
    out: list[Chain] = []
    for page in pages():
        current: Chain | None = None
        for block in blocks(page):
            if block.mode is None or block.mode == "cli":
                continue
            if block.lang not in ("python", "py"):
                raise ValueError(f"{block.where}: a run marker on a {block.lang or 'plain'} block")
            if block.mode == "continue":
                if current is None:
                    raise ValueError(f"{block.where}: 'run: continue' without a run block before it")
                current.blocks.append(block)
            elif block.mode == "fresh":
                current = Chain([block])
                out.append(current)
            else:
                out.append(Chain([block]))
                current = None
    return out


def cli_blocks() -> list[Block]:
    """The ``console`` blocks whose ``$ flexie ...`` lines are run."""
    found = [block for block in all_blocks() if block.mode == "cli"]
    for block in found:
        if block.lang != "console":
            raise ValueError(f"{block.where}: 'run: cli' belongs on a console block")
    return found


def cli_commands(block: Block) -> list[list[str]]:
    """The arguments of each ``$ flexie ...`` line of a console block."""
    import shlex

    commands = []
    for line in block.code.splitlines():
        if line.startswith("$ flexie "):
            commands.append(shlex.split(line[len("$ flexie ") :]))
    return commands
