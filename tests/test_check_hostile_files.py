"""`pactbot check` on fact files built to hurt, as a real process: each is one `FILE:LINE: message`
per problem and exit 1, within 5 s, never a hang, a MemoryError or a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile_facts import amplifier
from tests.processes import clean_env

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = (ROOT / "facts" / "pact.yaml").read_text(encoding="utf-8")


def check(path: Path | str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    try:
        result = subprocess.run([sys.executable, "-m", "bot.cli", "check", str(path)], capture_output=True,
                                text=True, timeout=30, cwd=ROOT, env=clean_env(), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"pactbot check {path} still running after 30 s") from exc
    return result, time.monotonic() - started


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def written(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


SIGNED = "  signed: 1926-09-28\n"
HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (fifo, r":0: not a regular file \(a FIFO\)"),
    "dev-zero": (lambda _: Path("/dev/zero"), r":0: not a regular file \(a character device\)"),
    "directory": (lambda tmp_path: tmp_path, r":0: not a regular file \(a directory\)"),
    "too-big": (written("big.yaml", SHIPPED + "#" * (17 << 20)), r":0: larger than 16,777,216 bytes"),
    "amplifier": (written("amplifier.yaml", amplifier(SHIPPED)),
                  r":\d+: more than 1,000 uses of YAML aliases"),
    "language-de": (written("de.yaml", SHIPPED.replace("languages: [en, lt, ru]", "languages: [en, de]", 1)),
                    r":4: languages: 'de' is not a language the bot speaks \(it speaks en, lt, ru\)"),
    "month-00": (written("month.yaml", SHIPPED.replace(SIGNED, "  signed: 1926-00-28\n", 1)),
                 r":\d+: topic.signed: '1926-00-28' is not a valid date"),
    "latin-1": (written("latin1.yaml", SHIPPED.encode("latin-1", "replace")),
                r":\d+: not UTF-8"),
    "control": (written("control.yaml", SHIPPED.replace("the pact", "the\x00pact", 1)),
                r":\d+: control character U\+0000"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_check_refuses_a_hostile_file_quickly_with_its_line(tmp_path: Path, case: str) -> None:
    make, expected = HOSTILE[case]
    path = make(tmp_path)
    result, took = check(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith(f"{path}:") for line in lines), lines
    assert re.search(re.escape(str(path)) + expected, lines[0]), lines
    line_number = int(lines[0].split(":")[1])
    assert line_number > 0 or ":0: " in expected  # a line wherever there is one to point at
    assert took < 5, f"{took:.1f} s"
