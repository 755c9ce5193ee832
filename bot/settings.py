"""Reading settings from the environment, a `.env` file and `*_FILE` secrets.

Nothing here runs at import: `bot.cli.main()` calls `load_environment()` once and hands the
resulting mapping to whoever needs settings.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.startup import StartupError

_N = TypeVar("_N", int, float)
_COMMAND_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


def load_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment over the values of a `.env` file (`PACTBOT_ENV_FILE`, default `./.env`).

    Real environment variables win, so a container's settings override a stray `.env`.
    """
    base = dict(os.environ if environ is None else environ)
    env_file = Path(base.get("PACTBOT_ENV_FILE", ".env"))
    merged: dict[str, str] = {}
    if env_file.is_file():
        merged.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    merged.update(base)
    return merged


def read_secret(env: Mapping[str, str], name: str) -> str | None:
    """`name` from the environment, or the stripped contents of the file `name_FILE` points to."""
    value = env.get(name, "").strip()
    if value:
        return value
    file_name = env.get(f"{name}_FILE", "").strip()
    if not file_name:
        return None
    try:
        return Path(file_name).read_text(encoding="utf-8").strip() or None
    except OSError as exc:
        raise StartupError(f"{name}_FILE={file_name} cannot be read: {exc.strerror}") from exc


def env_int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    """`name` as a whole number of at least `minimum`, or `default` when it is not set."""
    return _env_number(env, name, default, minimum, int, "a whole number")


def env_float(env: Mapping[str, str], name: str, default: float, minimum: float = 0.0) -> float:
    """`name` as a number of at least `minimum`, or `default` when it is not set."""
    return _env_number(env, name, default, minimum, float, "a number")


def _env_number(env: Mapping[str, str], name: str, default: _N, minimum: _N, parse: Callable[[str], _N],
                what: str) -> _N:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = parse(raw)
    except ValueError as exc:
        raise StartupError(f"{name} must be {what}, not {raw!r}") from exc
    if value < minimum:
        raise StartupError(f"{name} must be at least {minimum}, not {value}")
    return value


def command_name(env: Mapping[str, str], default: str = "pact") -> str:
    """The slash command's name without its `/` (PACTBOT_COMMAND, default `pact`), as both Discord and
    Slack accept it: 1-32 lowercase letters, digits, '-' or '_', starting with a letter or digit."""
    name = env.get("PACTBOT_COMMAND", "").strip().removeprefix("/") or default
    if not _COMMAND_NAME.fullmatch(name):
        raise StartupError(
            f"PACTBOT_COMMAND must be 1-32 lowercase letters, digits, '-' or '_', not {name!r}"
        )
    return name


def describe_url(url: str, default_port: int) -> str:
    """`host:port/path` of a server URL (a socket's path for `unix://`), for messages and logs:
    never the user or the password."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = parts.port or default_port
    except ValueError:
        return "(unparseable URL)"
    if parts.scheme == "unix":
        return parts.path
    return f"{host}:{port}{parts.path or ''}"
