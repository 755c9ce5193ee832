"""SIGHUP that arrives before the service runs: remembered, never fatal.

SIGHUP ends a process that has not said otherwise, and a serving command spends its first second or
so importing platform libraries and indexing the fact file before the runtime installs its own
handlers: `systemctl reload` right after `systemctl start` would kill it. The serving commands call
`hold_reload_requests()` first thing; a SIGHUP then only sets a flag, and the runtime, once its own
handlers are in place, reloads the facts at once if one came (`reload_requested_early`).

Standard library only, so that importing it costs nothing.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

_requested = threading.Event()


def _remember(signum: int, frame: FrameType | None) -> None:
    _requested.set()


def hold_reload_requests() -> None:
    """From now on SIGHUP asks for a reload instead of ending the process."""
    signal.signal(signal.SIGHUP, _remember)


def reload_requested_early() -> bool:
    """True once if a SIGHUP arrived since `hold_reload_requests()`; the runtime's handler takes over."""
    requested = _requested.is_set()
    _requested.clear()
    return requested
