"""A real PostgreSQL server for tests, on 127.0.0.1 at a free port, in a temporary directory.

It runs the server of Debian's `postgresql` package (`initdb` and `postgres` from
/usr/lib/postgresql/<version>/bin, or from PATH). PostgreSQL refuses to run as root, so as root (as
in CI) it runs as the `postgres` user that package creates. `.ci/run` installs the package where it
is missing; elsewhere, without it, the tests that need a server are skipped with the reason, except
under CI (CI=true), where a missing server fails them.

Clients log in with a password (scram-sha-256), as they would in production. `postgres_server` is
the session's server; `postgres_url` a fresh, empty database on it for one test; `running_postgres`
the same for code outside pytest (the benchmarks).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.redis_server import free_port

USER = "pactbot"
PASSWORD = "pg-test-password-4f1c"
SERVER_USER = "postgres"  # as root: the account Debian's package creates for the server


class PostgresUnavailable(Exception):
    """No PostgreSQL server can be started on this machine; the message says what to install."""


def find_postgres_bin() -> Path | None:
    """The directory holding `initdb` and `postgres`: PATH first, then Debian's newest version."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("postgres"):
        return Path(on_path).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)] or [0])
    for bindir in reversed(versions):
        if (bindir / "initdb").is_file() and (bindir / "postgres").is_file():
            return bindir
    return None


def _as_server_user() -> dict[str, Any]:
    """Popen arguments that drop root to the server's account (none when not root)."""
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError as exc:
        raise PostgresUnavailable(
            f"running as root and there is no {SERVER_USER!r} user to run PostgreSQL as "
            "(Debian's postgresql package creates it)"
        ) from exc
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _accepts(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


@contextlib.contextmanager
def running_postgres() -> Iterator[str]:
    """Start a PostgreSQL server; yield a postgresql:// URL of its `postgres` database; stop it after."""
    bindir = find_postgres_bin()
    if bindir is None:
        raise PostgresUnavailable(
            "no PostgreSQL server on this machine: install Debian's postgresql package "
            "(apt-get install postgresql), as .ci/run does"
        )
    drop = _as_server_user()
    workdir = Path(tempfile.mkdtemp(prefix="pactbot-pg-"))  # under /tmp: reachable by the server's user
    proc: subprocess.Popen[bytes] | None = None
    try:
        password_file = workdir / "password"
        password_file.write_text(PASSWORD, encoding="utf-8")
        if drop:
            for path in (workdir, password_file):
                os.chown(path, drop["user"], drop["group"])
        initdb = subprocess.run(
            [str(bindir / "initdb"), "-D", str(workdir / "data"), "-U", USER, f"--pwfile={password_file}",
             "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
            capture_output=True, text=True, timeout=120, check=False, **drop,
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed: {initdb.stderr[-2000:]}")
        port = free_port()
        log_path = workdir / "server.log"
        with open(log_path, "wb") as log_file:
            # Durability off: a test database that loses its last second in a crash loses nothing.
            proc = subprocess.Popen(
                [str(bindir / "postgres"), "-D", str(workdir / "data"), "-p", str(port),
                 "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={workdir}",
                 "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"],
                stdout=log_file, stderr=subprocess.STDOUT, **drop,
            )
        url = f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while not _accepts(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"postgres did not start: {log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.05)
        yield url
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGINT)  # "fast" shutdown: disconnect clients, stop at once
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        shutil.rmtree(workdir, ignore_errors=True)


def with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server at `server_url`; its URL; dropped afterwards."""
    name = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server_url, name)
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """postgresql://... of a server started for this test session and stopped after it."""
    try:
        with running_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        if os.environ.get("CI", "").strip().lower() in ("", "0", "false"):
            pytest.skip(str(exc))
        pytest.fail(f"CI must test against PostgreSQL: {exc}")


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, for one test."""
    with fresh_database(postgres_server) as url:
        yield url
