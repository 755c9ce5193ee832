"""Per-user cooldowns and once-only event handling: delivery policy the conversation stage applies.

The in-process classes here are the defaults; `bot.scale.redis` provides the same
protocols backed by Redis for bots spread over several processes.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Protocol


class Cooldown(Protocol):
    async def hit(self, user_key: str) -> float | None:
        """Count one question for `user_key`; None if allowed, else seconds until the next is allowed."""


class Deduper(Protocol):
    async def first_seen(self, event_key: str) -> bool:
        """True the first time `event_key` is seen (within a retention window), False afterwards."""


class MemoryCooldown:
    """At most `limit` questions per `window` seconds per user, kept in this process."""

    def __init__(self, limit: int = 5, window: float = 30.0, clock: Callable[[], float] = time.monotonic):
        if limit < 1 or window <= 0:
            raise ValueError("cooldown needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    async def hit(self, user_key: str) -> float | None:
        now = self._clock()
        hits = self._hits.setdefault(user_key, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return self.window - (now - hits[0])
        hits.append(now)
        if len(self._hits) > 50_000:  # forget idle users so memory stays bounded
            for key in [k for k, v in self._hits.items() if not v or now - v[-1] >= self.window]:
                del self._hits[key]
        return None


class MemoryDeduper:
    """Remembers the last `capacity` event keys seen in this process."""

    def __init__(self, capacity: int = 10_000):
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._capacity = capacity

    async def first_seen(self, event_key: str) -> bool:
        if event_key in self._seen:
            self._seen.move_to_end(event_key)
            return False
        self._seen[event_key] = None
        if len(self._seen) > self._capacity:
            self._seen.popitem(last=False)
        return True
