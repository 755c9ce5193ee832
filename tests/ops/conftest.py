"""Fixtures for the ops tests: a private copy of the real fact file, so edits never touch facts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FACTS = Path(__file__).resolve().parents[2] / "facts" / "pact.yaml"


@pytest.fixture
def fact_file(tmp_path: Path) -> Path:
    copy = tmp_path / "pact.yaml"
    shutil.copyfile(FACTS, copy)
    return copy
