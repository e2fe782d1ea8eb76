"""The ``flexie`` command line (``pip install 'flexie[cli]'``): ``flexie --help``.

Not imported by ``import flexie``; it needs typer and rich, which only the ``cli`` extra installs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``flexie`` script; returns the exit code."""
    try:
        import rich  # noqa: F401
        import typer  # noqa: F401
    except ImportError as exc:
        missing = exc.name or "typer or rich"
        sys.stderr.write(f"error: the flexie command line needs {missing}: pip install 'flexie[cli]'\n")
        return 1
    from ._app import run

    return run(argv)
