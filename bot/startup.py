"""What can stop the bot from starting, and what is only worth trying again.

- `StartupError`: a setting that cannot work (a missing or rejected token, a malformed value). The
  command line prints its one line and exits with status 2; restarting cannot fix it, so the
  systemd units do not restart on 2.
- `Unreachable`: a service the bot needs did not answer this time (a refused connection, a DNS
  failure, a timeout, a 5xx). `until_reachable` tries again with a growing pause, one log line per
  failed attempt, until it works or the bot is stopped.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class StartupError(Exception):
    """The bot cannot start as configured (missing or rejected token, bad setting); exit status 2."""


class Unreachable(Exception):
    """A service the bot needs did not answer this time; its message says which and why, in one line."""


@dataclass(frozen=True, slots=True)
class Backoff:
    """Pauses between attempts: `first` seconds, growing by `factor` up to `most`, each shortened by up
    to `jitter` of itself so that replicas restarted together do not try in lockstep."""

    first: float = 1.0
    factor: float = 2.0
    most: float = 60.0
    jitter: float = 0.1

    def pauses(self) -> Iterator[float]:
        pause = self.first
        while True:
            yield pause * (1 - random.uniform(0, self.jitter))
            pause = min(self.most, pause * self.factor)


async def until_reachable(attempt: Callable[[], Awaitable[_T]], backoff: Backoff | None = None) -> _T:
    """`attempt()`'s result, trying again after each `Unreachable` (a `StartupError` ends it at once).

    Cancelling the awaiting task (the runtime does so on SIGTERM) ends the pause at once.
    """
    import asyncio  # here, not at the top: settings and logging import this module, and `ask` needs no loop

    pauses = (backoff or Backoff()).pauses()
    attempts = 0
    while True:
        attempts += 1
        try:
            return await attempt()
        except Unreachable as exc:
            pause = next(pauses)
            log.warning("%s; trying again in %.0f s (attempt %d)", exc, pause, attempts)
        await asyncio.sleep(pause)
