"""``flexie fake``: a seeded fake Flexie workspace on this machine, until Ctrl-C."""

from __future__ import annotations

import signal
import sys
import threading
import time
from typing import Any

from ._state import EXIT_API, CliError

__all__ = ["serve_fake"]


def serve_fake(*, host: str, port: int, records: int, seed: int, api_key: str | None) -> None:
    try:
        from flexie.testing import FakeFlexie
    except ImportError as exc:
        raise CliError(
            f"flexie fake needs the testing extra ({exc.name} is missing): pip install 'flexie[testing]'", EXIT_API
        ) from None
    server = FakeFlexie(seed=seed, records=records or None, host=host, port=port, api_key=api_key)
    try:
        server.start()
    except OSError as exc:
        raise CliError(f"cannot serve on {host}:{port}: {exc.strerror or exc}", EXIT_API) from None
    try:
        seeded = f"{records} records per resource, seed {seed}" if records else "nothing (an empty workspace)"
        lines = [
            f"Fake Flexie serving on {server.url}",
            f"  base URL  {server.base_url}",
            f"  API key   {server.api_key}",
            f"  seeded    {seeded}",
            "Try:",
            f"  FLEXIE_BASE_URL={server.base_url} FLEXIE_API_KEY={server.api_key} flexie contacts list",
            "Press Ctrl+C to stop.",
        ]
        previous = _stop_on_sigterm()
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    except KeyboardInterrupt:
        sys.stderr.write("stopped\n")
    finally:
        server.stop()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """SIGTERM stops the server cleanly, like Ctrl-C (only possible from the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)
