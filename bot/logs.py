"""Logging setup: readable lines by default, JSON lines with PACTBOT_LOG_FORMAT=json, secrets never shown.

`configure_logging` puts a `SecretRedactor` on the one handler, so every record from every library
(discord.py, slack-bolt, aiohttp, ours) has each known secret value replaced before it is written:
in the message, its arguments and any traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from bot.settings import read_secret
from bot.startup import StartupError

# Settings whose values must never reach a log; any other name ending in _TOKEN/_SECRET/_PASSWORD too.
SECRET_SETTINGS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
                   "PACTBOT_RECORD_SALT")
# Settings holding a URL whose password must never reach a log.
URL_SETTINGS = ("PACTBOT_REDIS_URL", "PACTBOT_DATABASE_URL")
_SECRET_SUFFIXES = ("_TOKEN", "_SECRET", "_PASSWORD")
# Shorter values are not real credentials, and replacing them would mangle ordinary words.
MIN_SECRET_LENGTH = 6
REDACTED = "[redacted]"


def secret_values(env: Mapping[str, str]) -> list[str]:
    """Every secret the environment holds (directly or through NAME_FILE), longest first."""
    names = set(SECRET_SETTINGS)
    for key in env:
        base = key.removesuffix("_FILE")
        if base.endswith(_SECRET_SUFFIXES):
            names.add(base)
    values: set[str] = set()
    for name in names:
        try:
            value = read_secret(env, name)
        except StartupError:
            continue  # an unreadable *_FILE is reported where the setting is used
        if value:
            values.add(value)
    for url_setting in URL_SETTINGS:
        try:
            url = read_secret(env, url_setting)
            password = urlsplit(url).password if url else None
        except (StartupError, ValueError):
            password = None
        if password:
            values.add(password)
    # Longest first, so a secret containing another is replaced whole.
    return sorted((v for v in values if len(v) >= MIN_SECRET_LENGTH), key=len, reverse=True)


class SecretRedactor(logging.Filter):
    """Replaces each secret value in a record's message and traceback with `[redacted]`."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True)
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format in some library's call: leave it to logging's own report
            return True
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        # Format the traceback now, redacted; formatters reuse exc_text instead of formatting again.
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["traceback"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(env: Mapping[str, str]) -> None:
    level = env.get("PACTBOT_LOG_LEVEL", "INFO").upper()
    handler = logging.StreamHandler(sys.stderr)
    if env.get("PACTBOT_LOG_FORMAT", "text").lower() == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(SecretRedactor(secret_values(env)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level if level in logging.getLevelNamesMapping() else "INFO")
