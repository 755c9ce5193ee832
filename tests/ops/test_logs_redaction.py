"""bot.logs: readable or JSON lines, and no secret value ever written, whatever logs it and however."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import REDACTED, configure_logging, secret_values

DISCORD = "MTIzNDU2Nzg5.discord-token-value.abcdefghijkl"
SIGNING = "8f14e45fceea167a5a36dedd4bea2543"
APP = "xapp-1-A0000-0000-deadbeefcafe"
REDIS_PASSWORD = "r3dis-passw0rd"


@pytest.fixture
def root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _env(tmp_path: Path, fmt: str) -> dict[str, str]:
    secret_file = tmp_path / "signing"
    secret_file.write_text(SIGNING + "\n", encoding="utf-8")
    return {
        "PACTBOT_LOG_FORMAT": fmt,
        "DISCORD_TOKEN": DISCORD,
        "SLACK_SIGNING_SECRET_FILE": str(secret_file),
        "SLACK_APP_TOKEN": APP,
        "PACTBOT_REDIS_URL": f"redis://:{REDIS_PASSWORD}@127.0.0.1:6379/0",
    }


def _log_everything() -> None:
    log = logging.getLogger("some.library")
    log.info("connecting with token %s", DISCORD)
    log.warning(f"signature check with {SIGNING} and app token {APP}")
    log.info("redis at %r", {"url": f"redis://:{REDIS_PASSWORD}@127.0.0.1"})
    try:
        raise RuntimeError(f"401 Unauthorized for token {DISCORD}")
    except RuntimeError:
        log.exception("login failed")
    log.info("an ordinary line with no secret")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_secret_reaches_the_log(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], root_logging: None
) -> None:
    configure_logging(_env(tmp_path, fmt))
    _log_everything()
    err = capsys.readouterr().err
    for secret in (DISCORD, SIGNING, APP, REDIS_PASSWORD):
        assert secret not in err
    assert err.count(REDACTED) == 5  # one per secret occurrence, the traceback included
    assert "an ordinary line with no secret" in err
    assert "RuntimeError: 401 Unauthorized for token [redacted]" in err
    lines = err.strip().splitlines()
    if fmt == "json":
        entries = [json.loads(line) for line in lines]
        assert [e["level"] for e in entries] == ["info", "warning", "info", "error", "info"]
        assert "Traceback" in entries[3]["traceback"]
    else:
        assert " INFO    some.library: connecting with token [redacted]" in lines[0]


def test_secret_values_reads_files_and_ignores_short_values(tmp_path: Path) -> None:
    env = _env(tmp_path, "text") | {"SLACK_BOT_TOKEN": "x", "MY_API_PASSWORD": "hunter2hunter2"}
    values = secret_values(env)
    assert set(values) == {DISCORD, SIGNING, APP, REDIS_PASSWORD, "hunter2hunter2"}
    assert values == sorted(values, key=len, reverse=True)
