"""Fixtures for the record tests: settings for a store of either kind, on real SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.record.settings import RecordSettings
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401  (fixtures, for pytest)

KINDS = ["sqlite", "postgres"]


@pytest.fixture(params=KINDS)
def record_settings(request: pytest.FixtureRequest, tmp_path: Path) -> RecordSettings:
    """Record settings for an empty store: a SQLite file under tmp_path, or a fresh PostgreSQL database."""
    if request.param == "postgres":
        return RecordSettings(data_dir=tmp_path, database_url=request.getfixturevalue("postgres_url"))
    return RecordSettings(data_dir=tmp_path / "data")
