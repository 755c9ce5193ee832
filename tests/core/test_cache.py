"""The on-disk engine cache: same answers as a fresh build, rebuilt on any change, harmless when broken."""

import shutil
from pathlib import Path

import pytest

from bot.core.cache import build_engine, cache_dir_from_env
from bot.core.errors import FactFileError
from bot.core.service import FactService

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    path = tmp_path / "northwind.yaml"
    shutil.copy(DATA / "northwind.yaml", path)
    return path


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("engine-*.pickle"))


def test_second_build_comes_from_the_cache_and_answers_alike(facts: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    fresh = build_engine(facts, "en", cache_dir)
    [entry] = entries(cache_dir)
    entry_time = entry.stat().st_mtime_ns
    cached = build_engine(facts, "en", cache_dir)
    assert cached is not fresh
    assert entry.stat().st_mtime_ns == entry_time  # read, not rewritten
    for question in ["who signed", "timeline", "was it in force in 1855", "xyzzy", "wen did it end"]:
        assert cached.ask(question) == fresh.ask(question)


def test_an_edit_to_the_fact_file_builds_afresh(facts: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert "Saltmarsh Castle" in build_engine(facts, "en", cache_dir).ask("where was it signed").text
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("Saltmarsh Castle on", "Fogbank Castle on"),
        encoding="utf-8",
    )
    assert "Fogbank Castle" in build_engine(facts, "en", cache_dir).ask("where was it signed").text
    assert len(entries(cache_dir)) == 2


def test_a_broken_cache_entry_is_rebuilt(facts: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    build_engine(facts, "en", cache_dir)
    [entry] = entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    assert build_engine(facts, "en", cache_dir).ask("who signed").answered
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_is_only_skipped(facts: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    assert build_engine(facts, "en", blocker / "cache").ask("who signed").answered


def test_an_invalid_fact_file_is_never_cached(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("facts: [\n", encoding="utf-8")
    with pytest.raises(FactFileError):
        build_engine(broken, "en", tmp_path / "cache")
    assert not entries(tmp_path / "cache")
    with pytest.raises(FactFileError, match="no such fact file"):
        FactService(tmp_path / "missing.yaml", cache_dir=tmp_path / "cache")


def test_cache_dir_from_env(tmp_path: Path) -> None:
    assert cache_dir_from_env({"PACTBOT_CACHE_DIR": "off"}) is None
    assert cache_dir_from_env({"PACTBOT_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_dir_from_env({"XDG_CACHE_HOME": "/x"}) == Path("/x/pactbot")
    assert cache_dir_from_env({"HOME": "/home/u"}) == Path("/home/u/.cache/pactbot")


def test_service_reload_uses_the_cache(facts: Path, tmp_path: Path) -> None:
    service = FactService(facts, cache_dir=tmp_path / "cache")
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("Piet Vos, Brevia's envoy", "Piet Vos, envoy"),
        encoding="utf-8",
    )
    assert service.reload_if_changed()
    assert service.ask("who was vos").text.startswith("Piet Vos, envoy")
