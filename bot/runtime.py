"""Running platform adapters as one service: start them, keep the facts fresh, stop them cleanly.

A *runner* is what an adapter builds: an object with `platform`, `async start()` (connects and
serves until closed; raises `StartupError` for a missing or rejected token) and `async close()`
(stops taking new questions, finishes those in flight, closes the gateway or socket). A runner
that serves the ops routes on its own HTTP server says on which port in `ops_port` (else None).

`serve()` owns the process around them: the ops HTTP server (/healthz, /readyz, /metrics) on
`PACTBOT_HTTP_PORT`, the fact-file watcher (a poll every `PACTBOT_RELOAD_SECONDS`, and SIGHUP),
the recorder's writer, and shutdown on SIGTERM/SIGINT within `SHUTDOWN_SECONDS`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from aiohttp import web

from bot.context import AppContext
from bot.core.errors import FactFileError
from bot.scale import Backend
from bot.settings import env_float, env_int
from bot.signals import reload_requested_early
from bot.startup import StartupError

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# Kubernetes and systemd wait 30 s / 90 s before SIGKILL; we promise 10 s. Runners get most of it to
# finish answers in flight; the rest is for the ops server and the watcher.
SHUTDOWN_SECONDS = 10.0
RUNNER_CLOSE_SECONDS = 6.0
# After the runners: what the recorder still holds (their last answers) gets this long to be written.
RECORDER_CLOSE_SECONDS = 1.5


class Runner(Protocol):
    platform: str
    ops_port: int | None

    async def start(self) -> None: ...

    async def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class RuntimeSettings:
    """What the runtime reads from the environment."""

    http_host: str = "127.0.0.1"
    http_port: int | None = None  # None: no ops server of our own
    reload_seconds: float = 5.0  # 0 turns the poll off (SIGHUP still reloads)
    close_seconds: float = RUNNER_CLOSE_SECONDS  # how long runners get to finish answers in flight

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> RuntimeSettings:
        port: int | None = None
        if env.get("PACTBOT_HTTP_PORT", "").strip():
            port = env_int(env, "PACTBOT_HTTP_PORT", 0)
            if port > 65535:
                raise StartupError(f"PACTBOT_HTTP_PORT must be a port number (0-65535), not {port}")
        return cls(
            http_host=env.get("PACTBOT_HTTP_HOST", "").strip() or "127.0.0.1",
            http_port=port,
            reload_seconds=env_float(env, "PACTBOT_RELOAD_SECONDS", 5.0),
        )


async def _in_daemon_thread(work: Callable[[], _T], name: str) -> _T:
    """`work()` run on a daemon thread of its own, its result awaited here.

    Not `asyncio.to_thread`: `asyncio.run` joins the default executor's threads on the way out, so
    a stop signal in the middle of a long reload would wait for the reload to finish. A daemon
    thread is simply left behind at exit; what it was building is thrown away unused.
    """
    future: concurrent.futures.Future[_T] = concurrent.futures.Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(work())
        except BaseException as exc:  # handed to the awaiting task, which decides what to log
            future.set_exception(exc)

    threading.Thread(target=run, name=name, daemon=True).start()
    return await asyncio.wrap_future(future)


async def reload_facts(ctx: AppContext, *, force: bool = False) -> bool:
    """Reload the fact file (always with `force`, else only if it changed); True if new facts are live.

    A broken file is logged problem by problem as `FILE:LINE: message`, counted in
    `pactbot_fact_reload_failures`, and the last good facts keep serving.
    """
    service = ctx.service
    try:
        # Parsing and indexing take a while: off the event loop, so answers and heartbeats go on.
        if force:
            await _in_daemon_thread(service.reload, "fact-reload")
            reloaded = True
        else:
            reloaded = await _in_daemon_thread(service.reload_if_changed, "fact-reload")
    except FactFileError as exc:
        ctx.metrics.reload_failures.inc()
        for problem in exc.problems:
            log.error("%s", problem)
        log.error(
            "fact file %s has %d problem(s); still answering from the last good facts",
            service.path,
            len(exc.problems),
        )
        return False
    except OSError as exc:
        ctx.metrics.reload_failures.inc()
        log.error(
            "fact file %s cannot be read (%s); still answering from the last good facts",
            service.path,
            exc.strerror or exc,
        )
        return False
    if reloaded:
        ctx.metrics.reloads.inc()
    return reloaded


async def _watch_facts(ctx: AppContext, interval: float, wake: asyncio.Event) -> None:
    """Poll the fact file every `interval` seconds (0: never) and reload at once when `wake` is set."""
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), timeout=interval if interval > 0 else None)
        forced = wake.is_set()
        wake.clear()
        if forced:
            log.info("SIGHUP: reloading facts from %s", ctx.service.path)
        try:
            await reload_facts(ctx, force=forced)
        except Exception:
            # One odd failure (say, a permissions glitch mid-read) must not end the watching for good.
            log.exception("fact reload failed unexpectedly")


async def _start_ops(ctx: AppContext, settings: RuntimeSettings) -> web.AppRunner | None:
    if settings.http_port is None:
        return None
    from bot.ops import bound_port, start_ops_server

    try:
        runner = await start_ops_server(ctx, settings.http_host, settings.http_port)
    except OSError as exc:
        raise StartupError(
            f"cannot serve /healthz and /metrics on {settings.http_host}:{settings.http_port} "
            f"(PACTBOT_HTTP_HOST/PACTBOT_HTTP_PORT): {exc.strerror or exc}"
        ) from exc
    log.info(
        "health and metrics on http://%s:%d/ (/healthz /readyz /metrics)",
        settings.http_host,
        bound_port(runner),
    )
    return runner


def _carries_ops(runner: Runner, port: int | None) -> bool:
    # The Slack adapter in HTTP mode mounts /healthz, /readyz and /metrics on its own server
    # (bot.ops.add_ops_routes). When its port is PACTBOT_HTTP_PORT itself, a second server there
    # would only fail to bind.
    return port is not None and runner.ops_port == port


async def _backend_ready(backend: Backend, stopper: asyncio.Task[bool]) -> bool:
    """Wait for the shared store (it may take a while at boot); False if a stop signal came first."""
    checking = asyncio.create_task(backend.check(), name="backend-check")
    await asyncio.wait([checking, stopper], return_when=asyncio.FIRST_COMPLETED)
    if not checking.done():
        checking.cancel()
        await asyncio.gather(checking, return_exceptions=True)
        log.info("stopping before the shared store was reachable")
        return False
    checking.result()  # raises the StartupError of an unreachable store
    return True


async def serve(ctx: AppContext, runners: Sequence[Runner], settings: RuntimeSettings | None = None) -> int:
    """Run every runner until one fails or a stop signal arrives; 0 on a clean stop.

    A runner whose `start()` raises ends the service with that error (after closing the others);
    one that returns on its own, without being asked to stop, ends it with status 1 so that a
    supervisor restarts the process.
    """
    settings = settings or RuntimeSettings.from_env(ctx.env)
    # A bot runs for days: read the word tables now rather than during someone's first question.
    await _in_daemon_thread(ctx.service.warm_up, "warm-up")
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    wake = asyncio.Event()
    handled: list[signal.Signals] = []
    for sig, callback in ((signal.SIGTERM, stop.set), (signal.SIGINT, stop.set), (signal.SIGHUP, wake.set)):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
            loop.add_signal_handler(sig, callback)
            handled.append(sig)
    if reload_requested_early():  # a SIGHUP while we were starting up
        wake.set()

    ops = None
    tasks: list[asyncio.Task[None]] = []
    watcher: asyncio.Task[None] | None = None
    stopper = asyncio.create_task(stop.wait(), name="stop-signal")
    try:
        # The ops server first: /healthz answers (and /readyz says not yet) while Redis is awaited.
        if not any(_carries_ops(r, settings.http_port) for r in runners):
            ops = await _start_ops(ctx, settings)
        if ctx.backend is not None and not await _backend_ready(ctx.backend, stopper):
            return 0  # asked to stop while still waiting for the shared store
        ctx.recorder.start()  # in the background: an unreachable database never holds the bot back
        watcher = asyncio.create_task(_watch_facts(ctx, settings.reload_seconds, wake), name="fact-watcher")
        tasks = [asyncio.create_task(r.start(), name=f"runner-{r.platform}") for r in runners]
        done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            if task in done and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        if stopper in done:
            log.info("stopping: finishing answers in flight and closing connections")
            return 0
        ended = ", ".join(t.get_name().removeprefix("runner-") for t in tasks if t in done)
        log.error("the %s connection ended without being asked to stop", ended)
        return 1
    finally:
        ctx.health.stopping = True
        await _shut_down(ctx, runners, tasks, watcher, stopper, ops, settings.close_seconds)
        for sig in handled:
            loop.remove_signal_handler(sig)


async def _shut_down(
    ctx: AppContext,
    runners: Sequence[Runner],
    tasks: list[asyncio.Task[None]],
    watcher: asyncio.Task[None] | None,
    stopper: asyncio.Task[bool],
    ops: web.AppRunner | None,
    close_seconds: float,
) -> None:
    """Close runners (bounded), then cancel what is left, then the ops server and shared clients."""
    closing = asyncio.gather(*(r.close() for r in runners), return_exceptions=True)
    try:
        results = await asyncio.wait_for(closing, timeout=close_seconds)
    except TimeoutError:
        log.warning("a connection did not close within %.1f s; cutting it off", close_seconds)
        results = []
    for runner, result in zip(runners, results, strict=False):
        if isinstance(result, BaseException):
            log.error("closing %s failed", runner.platform, exc_info=result)
    for task in [*tasks, stopper, *([watcher] if watcher else [])]:
        task.cancel()
    leftovers = [*tasks, stopper, *([watcher] if watcher else [])]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*leftovers, return_exceptions=True), timeout=1.0)
    await ctx.recorder.aclose(RECORDER_CLOSE_SECONDS)
    if ops is not None:
        await ops.cleanup()
    if ctx.backend is not None:
        try:
            await asyncio.wait_for(ctx.backend.aclose(), timeout=1.0)
        except Exception:
            log.warning("closing the shared-state connection failed", exc_info=True)
