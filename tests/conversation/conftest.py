"""Fixtures for the stage's tests: the shipped facts, a small fact file whose buttons could collide, and a
real recorder writing to SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.service import FactService
from bot.metrics import Metrics
from bot.record.recorder import Recorder
from bot.record.settings import RecordSettings
from bot.record.store import open_store

ROOT = Path(__file__).resolve().parents[2]
BUTTON_FACTS = Path(__file__).resolve().parent / "data" / "buttons.yaml"


@pytest.fixture(scope="session")
def service() -> FactService:
    return FactService(ROOT / "facts" / "pact.yaml")


@pytest.fixture(scope="session")
def button_service() -> FactService:
    return FactService(BUTTON_FACTS)


@pytest.fixture
def metrics() -> Metrics:
    return Metrics()


@pytest.fixture
def recorder(tmp_path: Path, metrics: Metrics) -> Iterator[Recorder]:
    """A recorder writing to a SQLite file under tmp_path (counting in `metrics`), running; `stored()`
    reads what it wrote."""
    recording = Recorder(RecordSettings(data_dir=tmp_path / "record"), metrics)
    recording.start()
    yield recording
    recording.close()


def stored(recorder: Recorder, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows of `sql` over what `recorder` has written, once everything queued so far is written."""
    assert recorder.flush()
    store = open_store(recorder.settings)
    try:
        return store.query(sql, params)
    finally:
        store.close()
