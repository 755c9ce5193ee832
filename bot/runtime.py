"""Running platform adapters as one service: start them, stop them cleanly on SIGTERM/SIGINT.

A *runner* is what an adapter builds: an object with `platform`, `async start()` (connects and
serves until closed; raises `StartupError` for a missing or rejected token) and `async close()`.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from typing import Protocol

from bot.context import AppContext

log = logging.getLogger(__name__)


class Runner(Protocol):
    platform: str

    async def start(self) -> None: ...

    async def close(self) -> None: ...


async def serve(ctx: AppContext, runners: Sequence[Runner]) -> int:
    """Run every runner until one fails or a stop signal arrives; 0 on a clean stop."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    tasks = [asyncio.create_task(r.start(), name=f"runner-{r.platform}") for r in runners]
    stopper = asyncio.create_task(stop.wait(), name="stop-signal")
    try:
        done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not stopper and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        log.info("stopping")
        return 0
    finally:
        await asyncio.gather(*(r.close() for r in runners), return_exceptions=True)
        for task in [*tasks, stopper]:
            task.cancel()
        await asyncio.gather(*tasks, stopper, return_exceptions=True)
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
