"""Counting answers in flight, so a shutdown lets them finish before it closes connections."""

from __future__ import annotations

import asyncio


class InFlight:
    """Counts answers being worked on; `wait_idle` waits (bounded) until there are none."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def __enter__(self) -> None:
        self._count += 1
        self._idle.clear()

    def __exit__(self, *exc: object) -> None:
        self._count -= 1
        if self._count == 0:
            self._idle.set()

    @property
    def count(self) -> int:
        return self._count

    async def wait_idle(self, within: float) -> bool:
        """Wait up to `within` seconds for every answer to finish; False if some were still going."""
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True
