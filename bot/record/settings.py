"""What the record reads from the environment: on or off, how long to keep, where to write."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import describe_url, env_int, read_secret
from bot.startup import StartupError

DEFAULT_DAYS = 90
SQLITE_FILE = "record.sqlite3"
_ON = frozenset({"on", "true", "yes", "1"})
_OFF = frozenset({"off", "false", "no", "0"})


def data_dir_from_env(env: Mapping[str, str]) -> Path:
    """PACTBOT_DATA_DIR, else $XDG_DATA_HOME/pactbot or ~/.local/share/pactbot."""
    chosen = env.get("PACTBOT_DATA_DIR", "").strip()
    if chosen:
        return Path(chosen).expanduser()
    home = Path(env.get("HOME", "~")).expanduser()
    base = env.get("XDG_DATA_HOME", "").strip() or str(home / ".local" / "share")
    return Path(base) / "pactbot"


def describe_database_url(url: str) -> str:
    """`postgresql host:port/dbname` of a PostgreSQL URL, for messages: never the password."""
    return f"postgresql {describe_url(url, default_port=5432)}"


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


@dataclass(frozen=True, slots=True)
class RecordSettings:
    enabled: bool = True
    days: int = DEFAULT_DAYS
    data_dir: Path = Path(".")
    database_url: str | None = None  # PostgreSQL; None: SQLite in data_dir
    salt: str | None = None  # None: generated once and kept in the store

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / SQLITE_FILE

    @property
    def where(self) -> str:
        """Where records go, as a message can say it (no password)."""
        if self.database_url:
            return describe_database_url(self.database_url)
        return str(self.sqlite_path)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> RecordSettings:
        switch = env.get("PACTBOT_RECORD", "").strip().casefold() or "on"
        if switch not in _ON | _OFF:
            raise StartupError(f"PACTBOT_RECORD must be on or off, not {switch!r}")
        url = read_secret(env, "PACTBOT_DATABASE_URL")
        if url is not None and _scheme(url) not in ("postgresql", "postgres"):
            raise StartupError(
                "PACTBOT_DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@host:5432/db)"
            )
        return cls(
            enabled=switch in _ON,
            days=env_int(env, "PACTBOT_RECORD_DAYS", DEFAULT_DAYS, minimum=1),
            data_dir=data_dir_from_env(env),
            database_url=url,
            salt=read_secret(env, "PACTBOT_RECORD_SALT"),
        )
