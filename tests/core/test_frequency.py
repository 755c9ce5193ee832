"""Word frequencies (`bot.core.frequency`): read from the shipped tables, each only when first needed."""

import shutil
from pathlib import Path

from bot.core.frequency import WordFrequency
from bot.core.service import FactService


def test_common_words_are_frequent_and_made_up_ones_are_not() -> None:
    frequency = WordFrequency.load(["en", "lt", "ru"])
    assert frequency.zipf("homework", ["en"]) > 3.5
    assert frequency.zipf("namų", ["lt"]) == 0  # tables hold folded words
    assert frequency.zipf("namu", ["lt"]) > 3.5
    assert frequency.zipf("xqzvw", ["en", "lt", "ru"]) == 0
    assert frequency.zipf("homework", ["xx"]) == 0  # a language without a table knows no word


def test_a_rare_form_of_a_common_word_takes_its_familys_frequency() -> None:
    from bot.core.language import language

    frequency = WordFrequency.load(["ru", "lt"])
    # Too rare a form to be listed, of a verb whose other forms are ("ссылаться", "ссылается"...).
    assert frequency.zipf("ссылалась", ["ru"]) == 0
    assert frequency.family_zipf("ссылалась", "ru", language("ru").stem) > 3.5
    # A family is at least as common as its most common form.
    assert frequency.family_zipf("kaltino", "lt", language("lt").stem) >= frequency.zipf("kaltino", ["lt"])
    assert frequency.family_zipf("xqzvw", "lt", language("lt").stem) == 0


def test_a_table_is_read_when_a_word_of_its_language_is_first_looked_up() -> None:
    frequency = WordFrequency.load(["en", "ru"])
    assert frequency._tables == {}
    frequency.zipf("homework", ["en"])
    assert set(frequency._tables) == {"en"}


def test_the_most_common_words_are_read_from_the_head_of_a_table_alone(tmp_path: Path) -> None:
    frequency = WordFrequency.load(["en"])
    common = frequency.common_words("en", 5.5)
    assert {"the", "way", "point"} <= common and "homework" not in common
    assert frequency._tables == {}  # the head only: the whole table is still unread
    assert frequency.common_words("en", 5.5) is common  # read once
    # A question made of the file's own words reads no whole table.
    path = tmp_path / "facts.yaml"
    shutil.copy(Path(__file__).resolve().parent / "data" / "northwind.yaml", path)
    service = FactService(path)
    assert "Ann Morrow" in service.engine.ask("who signed the treaty?").text
    assert service.engine.index.frequency._tables == {}


def test_a_warmed_service_reads_the_tables_now_and_after_every_reload(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    shutil.copy(Path(__file__).resolve().parent / "data" / "northwind.yaml", path)
    service = FactService(path)
    assert service.engine.index.frequency._tables == {}  # `pactbot ask` reads nothing it needs not
    assert "known_days" not in vars(service.engine.reader)
    service.warm_up()
    assert set(service.engine.index.frequency._tables) == {"en", "lt", "ru"}
    assert set(service.engine.index.frequency._families) == {"en", "lt", "ru"}
    # the whole dates the file gives, read on the first date a question names (milliseconds)
    assert (1850, 3, 14) in vars(service.engine.reader)["known_days"]
    service.reload()
    assert set(service.engine.index.frequency._tables) == {"en", "lt", "ru"}


def test_after_warming_a_first_typo_or_claim_reads_nothing_more(tmp_path: Path) -> None:
    # What a question reads on first need (the words a typo may be of, the language's common words,
    # the words claims are read with) costs milliseconds: a warmed bot's first asker does not pay it.
    from bot.core import claims

    path = tmp_path / "facts.yaml"
    shutil.copy(Path(__file__).resolve().parent / "data" / "northwind.yaml", path)
    service = FactService(path)
    service.warm_up()
    engine = service.engine
    pools, heads = dict(engine.reader._pools), dict(engine.index.frequency._heads)
    word_sets, names = set(claims._WORD_SETS), set(claims._FOLDED_NAMES)
    engine.ask("who sigend the tretay?")
    engine.ask("Ann Morrow signed it in 1850, right?")
    engine.ask("Ar tiesa, kad sutartis pasirašyta 1850 metais?")
    assert engine.reader._pools == pools
    assert engine.index.frequency._heads == heads
    assert set(claims._WORD_SETS) == word_sets
    assert set(claims._FOLDED_NAMES) == names  # every entity's names, folded at warm-up
