"""HTTP mode's front door: nothing of a request is read before its signature is verified.

A request that is not signed with the app's signing secret (or is more than 5 minutes old) gets a
401 and one log line without its body: it is never parsed, never logged, and never reaches a
listener or an error handler that might trust it. A signed body that is not a Slack payload gets
a 400, one too large for any Slack request a 413.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import time

from aiohttp import web
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.ops import READ_TIMEOUT_SECONDS

log = logging.getLogger(__name__)

# Slack signs with a Unix time in seconds and `v0=` + 64 hex digits; anything else is not Slack's.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
SIGNATURE_MAX_AGE = 5 * 60  # seconds, as Slack recommends: older requests may be replays
# What Bolt's parsing raises on a body that is signed but not a Slack payload (a list, a string,
# nesting too deep for the JSON decoder, a field of the wrong type).
_MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)


def signature_is_valid(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<body bytes>`, no more than 5 minutes old.

    Written here rather than taken from slack-sdk, whose check raises on a malformed timestamp and on
    a body that is not UTF-8; an exception there must never reach an error handler that trusts the
    body. Here malformed headers and bodies are simply not valid.
    """
    if not (_TIMESTAMP.fullmatch(timestamp) and _SIGNATURE.fullmatch(signature)):
        return False
    if abs(now - int(timestamp)) > SIGNATURE_MAX_AGE:
        return False
    signed = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


async def verified_request(request: web.Request, signing_secret: str) -> AsyncBoltRequest | web.Response:
    """The request as Bolt's, once its signature is verified; otherwise the 4xx to answer with.

    Each refusal is one log line without the body: an unsigned body is never parsed, logged or
    handed on. Slack always sends UTF-8, whatever charset a request claims.
    """
    try:
        # A body trickled in byte by byte would hold the connection for ever: Slack sends it at once.
        raw = await asyncio.wait_for(request.read(), READ_TIMEOUT_SECONDS)
    except TimeoutError:
        log.info("a client did not send its request body within %.0f s", READ_TIMEOUT_SECONDS)
        return web.Response(status=408)
    except ConnectionResetError:
        log.info("a client closed its connection before sending the whole request")
        return web.Response(status=400)
    except web.HTTPRequestEntityTooLarge:
        log.warning("refused a %d-byte request: larger than any Slack request", request.content_length or 0)
        return web.json_response({"error": "request too large"}, status=413)
    timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
    signature = request.headers.get("X-Slack-Signature", "")
    if not signature_is_valid(signing_secret, raw, timestamp, signature, time.time()):
        log.warning("refused a request without a valid Slack signature (401)%s", _clock_hint(timestamp))
        return web.json_response({"error": "invalid request"}, status=401)
    try:
        return AsyncBoltRequest(body=raw.decode("utf-8"), query=request.query_string,
                                headers=request.headers)  # type: ignore[arg-type]
    except UnicodeDecodeError:
        log.warning("refused a signed Slack request whose body is not UTF-8 (400)")
    except _MALFORMED as exc:
        log.warning("refused a signed Slack request whose body is not a Slack payload (400, %s)",
                    type(exc).__name__)
    return web.json_response({"error": "invalid request"}, status=400)


def _clock_hint(timestamp: str) -> str:
    """A hint when the signature may be right but the time is not: the usual cause is a wrong clock."""
    if _TIMESTAMP.fullmatch(timestamp) and abs(time.time() - int(timestamp)) > SIGNATURE_MAX_AGE:
        return "; its timestamp is more than 5 minutes off this machine's clock"
    return ""
