"""A griffe extension for the API reference: our docstrings are written in reStructuredText habits, the
reference renders Markdown. Two habits would show literally, so they are rewritten before rendering:

- a literal-block marker: a paragraph of only ``::`` is dropped, and ``text::`` becomes ``text:`` (the
  indented block that follows is a Markdown code block already);
- a cross-reference role, ``:class:`~flexie.errors.PaginationError``` (also ``:func:``, ``:meth:``,
  ``:attr:``), becomes inline code of the name, shortened to its last part when it starts with ``~``.

Loaded by mkdocs.yml (``extensions:`` of the python handler); the source docstrings are untouched.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

__all__ = ["RstDocstrings", "markdown_from_rst"]

_ROLE = re.compile(r":(?:class|func|meth|attr|exc|mod|obj|data):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    return f"`{target.rsplit('.', 1)[-1] if short else target}`"


def _literal_marker(line: str) -> str | None:
    """The line with its ``::`` marker rewritten; None when the whole line is the marker."""
    stripped = line.rstrip()
    if not stripped.endswith("::"):
        return line
    if stripped.strip() == "::":
        return None
    text = stripped[:-2]
    return text.rstrip() if text.endswith(" ") else text + ":"


def markdown_from_rst(text: str) -> str:
    """``text`` with its literal-block markers and cross-reference roles rewritten for Markdown."""
    lines = []
    for line in _ROLE.sub(_role, text).splitlines():
        rewritten = _literal_marker(line)
        if rewritten is not None:
            lines.append(rewritten)
    return "\n".join(lines)


class RstDocstrings(Extension):
    """Rewrites each docstring with :func:`markdown_from_rst` as griffe loads it."""

    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown_from_rst(obj.docstring.value)
