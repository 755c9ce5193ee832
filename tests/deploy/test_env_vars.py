"""Settings line up: every variable deploy/ or .env.example names is read by bot/, and vice versa.

"Read by bot/" means a literal name passed to a lookup: `env.get("X")` (any mapping), `env["X"]`, or
any call whose first argument is the environment (`read_secret(env, "X")`, `env_int(env, "X", ...)`,
an adapter's `_optional_int(env, "X", ...)`). A name read through `read_secret` may also be given as
`X_FILE`. Only the bot's own names (PACTBOT_*, DISCORD_*, SLACK_*) are compared: PATH, HOME and the
like belong to the platform.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = re.compile(r"\b(?:PACTBOT|DISCORD|SLACK)_[A-Z0-9_]*[A-Z0-9]\b")
ENV_NAMES = ("env", "environ", "environment")


def _is_env(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id in ENV_NAMES) or (
        isinstance(node, ast.Attribute) and node.attr in ENV_NAMES
    )


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and OURS.fullmatch(node.value):
        return node.value
    return None


def names_read_by_code() -> tuple[set[str], set[str]]:
    """(names read, names read through read_secret) over every module in bot/."""
    read: set[str] = set()
    secrets: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Subscript) and _is_env(node.value):
                name = _literal(node.slice)
                if name:
                    read.add(name)
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            candidates: list[ast.expr] = []
            if isinstance(func, ast.Attribute) and func.attr == "get" and node.args:
                candidates = [node.args[0]]
            elif len(node.args) >= 2 and _is_env(node.args[0]):
                candidates = [node.args[1]]
            for candidate in candidates:
                name = _literal(candidate)
                if name:
                    read.add(name)
                    if isinstance(func, ast.Name) and func.id == "read_secret":
                        secrets.add(name)
    return read, secrets


def names_in(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(OURS.findall(text))


def documented_in_env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def test_the_scan_finds_the_settings_we_know_are_read() -> None:
    read, secrets = names_read_by_code()
    # A sample from each way of reading, so a scanner that finds nothing cannot pass the tests below.
    assert {"PACTBOT_FACTS", "PACTBOT_HTTP_PORT", "PACTBOT_COOLDOWN_LIMIT", "PACTBOT_LOG_FORMAT",
            "DISCORD_SHARD_COUNT", "SLACK_HTTP_PORT"} <= read
    assert {"DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "PACTBOT_REDIS_URL"} <= secrets


def test_every_setting_the_code_reads_is_in_env_example() -> None:
    read, _ = names_read_by_code()
    missing = sorted(read - documented_in_env_example())
    assert not missing, f"read by bot/ but not documented in .env.example: {missing}"


def test_every_setting_env_example_documents_is_read() -> None:
    read, _ = names_read_by_code()
    documented = {n for n in documented_in_env_example() if OURS.fullmatch(n)}
    unknown = sorted(documented - read)
    assert not unknown, f".env.example documents settings nothing reads: {unknown}"


def test_every_setting_named_in_deploy_is_read() -> None:
    read, secrets = names_read_by_code()
    readable = read | {f"{name}_FILE" for name in secrets}
    files = [p for p in (ROOT / "deploy").rglob("*") if p.is_file()]
    assert any(p.name == "Dockerfile" for p in files) and any(p.suffix == ".service" for p in files)
    for path in [*files, ROOT / ".env.example"]:
        unknown = sorted(names_in(path) - readable)
        assert not unknown, f"{path.relative_to(ROOT)} names settings nothing reads: {unknown}"
