"""Fixtures for the stage's tests: the shipped facts, and a small fact file whose buttons could collide."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.service import FactService

ROOT = Path(__file__).resolve().parents[2]
BUTTON_FACTS = Path(__file__).resolve().parent / "data" / "buttons.yaml"


@pytest.fixture(scope="session")
def service() -> FactService:
    return FactService(ROOT / "facts" / "pact.yaml")


@pytest.fixture(scope="session")
def button_service() -> FactService:
    return FactService(BUTTON_FACTS)
