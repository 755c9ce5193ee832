"""Fixtures for the ops tests: a private copy of the real fact file, so edits never touch facts/, and
a fake Slack shared by the tests of one module."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.slack import FakeSlack

FACTS = Path(__file__).resolve().parents[2] / "facts" / "pact.yaml"


@pytest.fixture
def fact_file(tmp_path: Path) -> Path:
    copy = tmp_path / "pact.yaml"
    shutil.copyfile(FACTS, copy)
    return copy


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server
