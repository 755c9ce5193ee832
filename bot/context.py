"""What every adapter is handed: the fact service and the shared process-level helpers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.core.limits import Cooldown, Deduper, MemoryCooldown, MemoryDeduper
from bot.core.service import FactService
from bot.metrics import Metrics


@dataclass
class Health:
    """Readiness as the runtime reports it on /readyz: facts loaded and each platform connected."""

    connected: dict[str, bool] = field(default_factory=dict)
    # Set by the runtime when shutdown begins, so load balancers stop sending work before we close.
    stopping: bool = False

    def set_connected(self, platform: str, up: bool) -> None:
        self.connected[platform] = up

    @property
    def ready(self) -> bool:
        return not self.stopping and bool(self.connected) and all(self.connected.values())


@dataclass
class AppContext:
    service: FactService
    env: Mapping[str, str]
    metrics: Metrics = field(default_factory=Metrics)
    cooldown: Cooldown = field(default_factory=MemoryCooldown)
    deduper: Deduper = field(default_factory=MemoryDeduper)
    health: Health = field(default_factory=Health)
