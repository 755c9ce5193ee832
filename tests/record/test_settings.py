"""The record's settings: defaults, switches, clear errors, and its secrets kept out of the logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.logs import secret_values
from bot.record.settings import DEFAULT_DAYS, RecordSettings
from bot.startup import StartupError


def test_defaults_record_for_ninety_days_in_sqlite_under_the_users_data_directory() -> None:
    settings = RecordSettings.from_env({"HOME": "/home/ann"})
    assert settings.enabled and settings.days == DEFAULT_DAYS == 90
    assert settings.sqlite_path == Path("/home/ann/.local/share/pactbot/record.sqlite3")
    assert settings.database_url is None and settings.salt is None
    assert settings.where == "/home/ann/.local/share/pactbot/record.sqlite3"


def test_data_directory_from_xdg_or_the_setting() -> None:
    assert RecordSettings.from_env({"XDG_DATA_HOME": "/x"}).data_dir == Path("/x/pactbot")
    chosen = RecordSettings.from_env({"XDG_DATA_HOME": "/x", "PACTBOT_DATA_DIR": "/data"})
    assert chosen.data_dir == Path("/data")


@pytest.mark.parametrize(("value", "enabled"), [
    ("off", False), ("OFF", False), ("0", False), ("false", False), ("on", True), ("yes", True), ("", True),
])
def test_record_switch(value: str, enabled: bool) -> None:
    assert RecordSettings.from_env({"PACTBOT_RECORD": value}).enabled is enabled


@pytest.mark.parametrize(("env", "message"), [
    ({"PACTBOT_RECORD": "sometimes"}, "PACTBOT_RECORD must be on or off"),
    ({"PACTBOT_RECORD_DAYS": "0"}, "PACTBOT_RECORD_DAYS must be at least 1"),
    ({"PACTBOT_RECORD_DAYS": "a week"}, "PACTBOT_RECORD_DAYS must be a whole number"),
    ({"PACTBOT_DATABASE_URL": "mysql://db/pactbot"}, "PACTBOT_DATABASE_URL must be a PostgreSQL URL"),
    ({"PACTBOT_DATABASE_URL": "http://[::1"}, "PACTBOT_DATABASE_URL must be a PostgreSQL URL"),
])
def test_a_bad_setting_is_one_clear_startup_error(env: dict[str, str], message: str) -> None:
    with pytest.raises(StartupError, match=message):
        RecordSettings.from_env(env)


def test_the_database_url_and_salt_may_come_from_files(tmp_path: Path) -> None:
    (tmp_path / "url").write_text("postgresql://bot:s3cret-pw@db:5433/records\n", encoding="utf-8")
    (tmp_path / "salt").write_text("pepper-from-a-file\n", encoding="utf-8")
    settings = RecordSettings.from_env({"PACTBOT_DATABASE_URL_FILE": str(tmp_path / "url"),
                                        "PACTBOT_RECORD_SALT_FILE": str(tmp_path / "salt")})
    assert settings.database_url == "postgresql://bot:s3cret-pw@db:5433/records"
    assert settings.salt == "pepper-from-a-file"
    assert settings.where == "postgresql db:5433/records"  # what messages say: never the password


def test_the_database_password_and_the_salt_are_redacted_from_logs() -> None:
    env = {"PACTBOT_DATABASE_URL": "postgresql://bot:s3cret-pw@db:5432/records",
           "PACTBOT_RECORD_SALT": "pepper-in-the-env"}
    assert set(secret_values(env)) == {"s3cret-pw", "pepper-in-the-env"}
