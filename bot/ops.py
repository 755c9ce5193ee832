"""The operations endpoints: /healthz, /readyz and /metrics, and the small HTTP server that carries them.

In Slack HTTP mode the Slack adapter adds these routes to its own aiohttp app (`add_ops_routes`), so one
port serves both; otherwise `start_ops_server` serves them on `PACTBOT_HTTP_PORT`.
"""

from __future__ import annotations

import json

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.context import AppContext

_CTX_KEY = web.AppKey("pactbot_ops_ctx", AppContext)
# A client gets this long from connecting (or from its last answer, on a kept-alive connection) to
# send a whole request; one that trickles its headers is cut off then. Probes and scrapers send at once.
READ_TIMEOUT_SECONDS = 5.0


def add_ops_routes(app: web.Application, ctx: AppContext) -> None:
    """Add GET /healthz, /readyz and /metrics for `ctx` to `app` (call before the app starts)."""
    app[_CTX_KEY] = ctx
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/readyz", _readyz)
    app.router.add_get("/metrics", _metrics)


async def _healthz(request: web.Request) -> web.Response:
    # Alive means the event loop answers; nothing else, so a slow gateway never gets the process killed.
    return web.Response(text="ok\n")


def readiness(ctx: AppContext) -> tuple[bool, dict[str, object]]:
    """Whether the process should get traffic, with the reasons, as /readyz reports them."""
    fact_count = len(ctx.service.engine.facts.facts)
    facts_loaded = fact_count > 0
    status: dict[str, object] = {
        "facts": fact_count,
        "connected": dict(sorted(ctx.health.connected.items())),
        "stopping": ctx.health.stopping,
    }
    ready = facts_loaded and ctx.health.ready
    status["ready"] = ready
    return ready, status


async def _readyz(request: web.Request) -> web.Response:
    ready, status = readiness(request.app[_CTX_KEY])
    return web.Response(
        text=json.dumps(status, sort_keys=True) + "\n",
        status=200 if ready else 503,
        content_type="application/json",
    )


async def _metrics(request: web.Request) -> web.Response:
    body = request.app[_CTX_KEY].metrics.render()
    # Set the header whole: aiohttp's content_type= argument refuses a charset parameter.
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def start_ops_server(ctx: AppContext, host: str, port: int) -> web.AppRunner:
    """Serve the ops routes on host:port until `await runner.cleanup()`; port 0 picks a free one."""
    app = web.Application()
    add_ops_routes(app, ctx)
    # aiohttp has no timeout for reading a request's head; its keep-alive timer runs from the moment a
    # connection opens and closes it if no whole request has arrived by then (aiohttp >= 3.10).
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0,
                           keepalive_timeout=READ_TIMEOUT_SECONDS)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner


def bound_port(runner: web.AppRunner) -> int:
    """The TCP port a started runner listens on (useful when it was started on port 0)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    raise RuntimeError("the ops server is not listening")
