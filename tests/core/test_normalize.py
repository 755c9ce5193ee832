"""Normalisation: both the index and the questions go through `fold`."""

import pytest

from bot.core.normalize import fold, visible


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sleževičius", "slezevicius"),
        ("Żeligowski's Mutiny", "zeligowski s mutiny"),
        ("Baltrušaitis", "baltrusaitis"),
        ("Klaipėda", "klaipeda"),
        ("Łódź", "lodz"),
        ("  Who   SIGNED?!  ", "who signed"),
        ("Soviet–Lithuanian", "soviet lithuanian"),
        ("who\u200bsigned", "who signed"),
        ("who\x00signed\x1b", "who signed"),
        ("Чичерин", "чичерин"),
        ("", ""),
        ("???", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_digits_and_splits_dates() -> None:
    assert fold("1926-09-28") == "1926 09 28"


def test_visible_drops_zero_width_and_controls_but_keeps_letters() -> None:
    assert visible("a\u200b\u200cb\tc\nd\u202e") == "a b c d"
    assert visible("Sleževičius") == "Sleževičius"


def test_sound_key_meets_across_scripts_and_cases() -> None:
    from bot.core.normalize import sound_key

    spellings = ["Shostakovich", "Šostakovičius", "Шостакович", "Шостаковича"]
    assert len({sound_key(fold(s)) for s in spellings}) == 1
    assert sound_key(fold("Moscow")) != sound_key(fold("Kaunas"))


def test_long_texts_are_folded_without_filling_the_cache() -> None:
    from bot.core import normalize

    before = normalize._fold_short.cache_info().currsize
    for n in range(500):
        assert fold(f"question number {n} " + "x" * 100) == f"question number {n} " + "x" * 100
    assert normalize._fold_short.cache_info().currsize - before < 10  # questions are not words
    # A few hundred are kept for the time one is read, never all of them.
    assert normalize._fold_long.cache_info().currsize <= normalize._fold_long.cache_info().maxsize < 500
    assert fold("x" * 5_000) == "x" * 5_000  # past any cache
