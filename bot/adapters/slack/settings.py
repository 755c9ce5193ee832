"""The Slack adapter's settings: what `pactbot slack` reads from the environment, and what the app
registers with Slack (its command, scopes and events; the manifests in deploy/slack/ must list
exactly these, and a test compares them). Nothing here runs at import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.settings import command_name, env_int, read_secret
from bot.startup import StartupError

PLATFORM = "slack"
DEFAULT_COMMAND = "pact"
DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000
#: HTTP mode serves slash commands, events and interactivity on this one path.
EVENTS_PATH = "/slack/events"

#: Bot token scopes the app needs, and the bot events it subscribes to: the manifests must match.
BOT_SCOPES: tuple[str, ...] = ("app_mentions:read", "chat:write", "commands", "im:history")
BOT_EVENTS: tuple[str, ...] = ("app_mention", "message.im")


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """Everything `pactbot slack` needs. Secrets are kept out of repr so they never reach a log."""

    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    http: bool = False
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    api_url: str = DEFAULT_API_URL
    command: str = "/" + DEFAULT_COMMAND
    path: str = EVENTS_PATH

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, http: bool = False, host: str | None = None, port: int | None = None
    ) -> SlackSettings:
        """Settings from the environment; `http`, `host`, `port` are the command line's and win over it.

        Raises `StartupError` with one line naming the missing or malformed setting.
        """
        mode = env.get("SLACK_MODE", "").strip().lower() or "socket"
        if mode not in ("socket", "http"):
            raise StartupError(f"SLACK_MODE must be 'socket' or 'http', not {mode!r}")
        use_http = http or mode == "http"
        bot_token = read_secret(env, "SLACK_BOT_TOKEN")
        if not bot_token:
            raise StartupError("SLACK_BOT_TOKEN is not set (the xoxb- bot token; or SLACK_BOT_TOKEN_FILE)")
        app_token = read_secret(env, "SLACK_APP_TOKEN")
        signing_secret = read_secret(env, "SLACK_SIGNING_SECRET")
        if use_http and not signing_secret:
            raise StartupError("HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_SIGNING_SECRET_FILE)")
        if not use_http and not app_token:
            raise StartupError(
                "Socket Mode needs SLACK_APP_TOKEN (an xapp- app-level token with connections:write; "
                "or SLACK_APP_TOKEN_FILE), or run with --http"
            )
        bind_port = port if port is not None else env_int(env, "SLACK_HTTP_PORT", DEFAULT_PORT)
        if not 0 <= bind_port <= 65535:
            raise StartupError(f"the HTTP port must be between 0 and 65535, not {bind_port}")
        return cls(
            bot_token=bot_token,
            app_token=app_token,
            signing_secret=signing_secret,
            http=use_http,
            host=(host or env.get("SLACK_HTTP_HOST", "").strip() or DEFAULT_HOST),
            port=bind_port,
            api_url=normalise_api_url(env.get("SLACK_API_URL", "")),
            command="/" + command_name(env, DEFAULT_COMMAND),
        )


def normalise_api_url(raw: str) -> str:
    """The Web API base with the trailing `/api/` slack-sdk needs; `https://h` and `https://h/api` both do."""
    url = raw.strip() or DEFAULT_API_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StartupError(f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_API_URL}, not {raw!r}")
    if parts.query or parts.fragment:
        raise StartupError(f"SLACK_API_URL must not carry a query or fragment: {raw!r}")
    url = url.rstrip("/")
    if not url.endswith("/api"):
        url += "/api"
    return url + "/"
