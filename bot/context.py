"""What every adapter is handed: the fact service and the shared process-level helpers.

`build_context` chooses the helpers from the environment: in-process ones by default, Redis-backed
ones (shared by every replica and shard process) when `PACTBOT_REDIS_URL` is set, and the recorder
of questions and votes (`bot.record`) as the PACTBOT_RECORD settings say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.conversation.limits import Cooldown, Deduper, MemoryCooldown, MemoryDeduper
from bot.core.service import FactService
from bot.metrics import Metrics
from bot.record.recorder import Recorder
from bot.scale import Backend, IdentifyGate, LocalIdentifyGate
from bot.settings import env_float, env_int, read_secret


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
    # Discord calls `await identify_gate.wait(shard_id, initial=initial)` in before_identify_hook.
    identify_gate: IdentifyGate = field(default_factory=LocalIdentifyGate)
    # The shared store behind the helpers above, if any: checked at startup, closed at shutdown.
    backend: Backend | None = None
    # Where the conversation stage records questions and votes (PACTBOT_RECORD...); started and closed
    # by the runtime. The default records nothing.
    recorder: Recorder = field(default_factory=Recorder.off)


def build_context(env: Mapping[str, str], service: FactService) -> AppContext:
    """The context for `service` with cooldown, de-duplication and IDENTIFY gate chosen from `env`."""
    limit = env_int(env, "PACTBOT_COOLDOWN_LIMIT", 5, minimum=1)
    window = env_float(env, "PACTBOT_COOLDOWN_SECONDS", 30.0, minimum=0.001)
    max_concurrency = env_int(env, "DISCORD_MAX_CONCURRENCY", 1, minimum=1)
    metrics = Metrics()
    recorder = Recorder.from_env(env, metrics)
    url = read_secret(env, "PACTBOT_REDIS_URL")
    if not url:
        cooldown = MemoryCooldown(limit, window)
        return AppContext(
            service=service, env=env, metrics=metrics, recorder=recorder, cooldown=cooldown,
            identify_gate=LocalIdentifyGate(max_concurrency=max_concurrency),
        )
    from bot.scale.redis import RedisBackend  # only bots that scale out pay for importing redis

    # The one Metrics: the recorder and the backend (its fallbacks to in-process state) count there.
    backend = RedisBackend.from_url(url, prefix=env.get("PACTBOT_REDIS_PREFIX", "").strip() or "pactbot",
                                    metrics=metrics)
    return AppContext(
        service=service, env=env, metrics=metrics, recorder=recorder,
        cooldown=backend.cooldown(limit, window), deduper=backend.deduper(),
        identify_gate=backend.identify_gate(max_concurrency=max_concurrency), backend=backend,
    )
