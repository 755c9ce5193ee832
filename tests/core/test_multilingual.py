"""Lithuanian and Russian beside English: questions asked in each language are understood (question
words, inflections, missing diacritics, typos, names in another script) and answered in the asker's
language, with dates written that language's way; the language tables are complete, consistent with
the English one and say nothing about any one topic, so they serve any fact file."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
import yaml

from bot.core.answer import Answer, Outcome
from bot.core.dates import AskedDate, DateReader, format_asked, format_date, plural
from bot.core.engine import FactEngine
from bot.core.factfile import load_fact_file
from bot.core.language import language
from bot.core.normalize import fold
from bot.core.texts import LANG_DIR, Texts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGS = ("lt", "ru")
# Keys a non-English table may have beyond the English ones: the letters that mark the language in a
# question, and the form of a month named alone ("сентябрь 1939 г.").
EXTRA_KEYS = {"letters", "month_names_standalone"}


def table(code: str) -> dict[str, object]:
    data = yaml.safe_load((LANG_DIR / f"{code}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def lithuanian(text: str) -> bool:
    """Written in Lithuanian: Lithuanian letters and no Cyrillic."""
    return bool(re.search("[ąčęėįšųūž]", text.casefold())) and not re.search("[а-яё]", text.casefold())


def russian(text: str) -> bool:
    """Written in Russian: most letters Cyrillic."""
    letters = [c for c in text.casefold() if c.isalpha()]
    return sum(1 for c in letters if "а" <= c <= "я" or c == "ё") > 0.8 * len(letters)


IN_LANGUAGE = {"lt": lithuanian, "ru": russian}


@pytest.fixture(scope="module")
def pact() -> FactEngine:
    return FactEngine(load_fact_file(ROOT / "facts" / "pact.yaml"))


@pytest.fixture(scope="module")
def northwind(tmp_path_factory: pytest.TempPathFactory) -> FactEngine:
    """The made-up English-only treaty, given Lithuanian and Russian short names of other genders than
    the shipped file's ("konvencija" is feminine, "соглашение" neuter): computed answers must read right
    whatever the noun."""
    text = (HERE / "data" / "northwind.yaml").read_text(encoding="utf-8")
    text = text.replace("languages: [en]", "languages: [en, lt, ru]")
    text = text.replace("short: {en: the treaty}", "short: {en: the treaty, lt: konvencija, ru: соглашение}")
    assert "konvencija" in text
    path = tmp_path_factory.mktemp("facts") / "northwind.yaml"
    path.write_text(text, encoding="utf-8")
    return FactEngine(load_fact_file(path))


def check_answer(answer: Answer, lang: str, fact: str | None, fragments: list[str]) -> None:
    assert answer.outcome is Outcome.ANSWERED, (answer.question, answer.text, answer.suggestions)
    assert answer.lang == lang, (answer.question, answer.lang)
    if fact is not None:
        assert answer.fact_ids == (fact,), (answer.question, answer.fact_ids, answer.text)
    else:  # a person's own card
        assert answer.fact_ids == (), (answer.question, answer.fact_ids)
    assert IN_LANGUAGE[lang](answer.text), answer.text
    for fragment in fragments:
        assert fragment in answer.text, (answer.question, fragment, answer.text)


# --- the main kinds of question, per language -----------------------------------------------------

LT_CASES = [
    ("kas pasirašė sutartį?", "signatories", ["Čičerinas", "Aleksandrovskis", "Sleževičius", "Baltrušaitis"]),
    ("kas pasirašė sutartį Lietuvos vardu?", "signatories", ["Sleževičius", "Baltrušaitis"]),
    ("kada pasirašyta sutartis?", "signing-date", ["1926 m. rugsėjo 28 d."]),
    ("kur buvo pasirašyta sutartis?", "signing-place", ["Maskvoje"]),
    ("kokiame mieste pasirašė paktą?", "signing-place", ["Maskvoje"]),
    ("kaip baigėsi sutartis?", "end", ["1940 m. birželio 15 d."]),
    ("kas sulaužė sutartį?", "end", ["1940 m. birželio 15 d."]),
    ("kada sutartis buvo pratęsta?", "extensions", ["1931 m. gegužės 6 d.", "1934 m. balandžio 4 d."]),
    ("kas įvyko 1934 m.?", "events-on", ["1934 m.:", "1934 m. balandžio 4 d.: "]),
    ("kas vyko 1926 metais?", "events-on", ["1926 m. rugsėjo 28 d.: ", "1926 m. lapkričio 9 d.: "]),
    ("ar sutartis galiojo 1935 m.?", "in-force-on", ["Taip, 1935 m."]),
    ("kiek laiko galiojo sutartis?", "duration", ["13 metų, 7 mėnesiai ir 6 dienos"]),
    ("iki kada galiojo sutartis?", "duration", ["iki 1940 m. birželio 15 d."]),
    ("kur yra Kaunas?", None, ["Kaunas"]),
    ("kiek žmonių pasirašė sutartį?", "signatory-count", ["keturi", "Čičerinas"]),
    ("kas ratifikavo sutartį?", "ratification", ["Seimas"]),
    ("kada prasidėjo derybos?", "negotiations-start", ["1925 m. gruodžio 25 d."]),
    # missing diacritics and typos
    ("kas pasirase sutarti", "signatories", ["Čičerinas", "Baltrušaitis"]),
    ("kada pasirasyta", "signing-date", ["1926 m. rugsėjo 28 d."]),
    ("kas pasirašie sutartį", "signatories", ["Čičerinas"]),
    ("kur buvo pasirašita sutartis", "signing-place", ["Maskvoje"]),
    ("kada sutartis buvo sulauzyta", "end", ["1940 m. birželio 15 d."]),
    ("kada sutartis buvo pratensta", "extensions", ["1931 m. gegužės 6 d."]),
    # a name written in another script
    ("ar Чичерин pasirašė sutartį?", "signatories", ["Čičerinas"]),
    ("ar Chicherin pasirašė sutartį?", "signatories", ["Čičerinas"]),
    ("kas buvo Chicherin?", None, ["Čičerinas"]),
    ("kas yra Čičerinas?", None, ["Čičerinas"]),
]

RU_CASES = [
    ("кто подписал договор?", "signatories", ["Чичерин", "Александровский", "Слежявичюс", "Балтрушайтис"]),
    ("кто подписал договор от Литвы?", "signatories", ["Слежявичюс", "Балтрушайтис"]),
    ("когда был подписан договор?", "signing-date", ["28 сентября 1926"]),
    ("где был подписан договор?", "signing-place", ["Москве"]),
    ("в каком городе подписали пакт?", "signing-place", ["Москве"]),
    ("как закончился договор?", "end", ["15 июня 1940"]),
    ("когда договор был разорван?", "end", ["15 июня 1940"]),
    ("когда продлевали договор?", "extensions", ["6 мая 1931", "4 апреля 1934"]),
    ("что произошло в 1934 году?", "events-on", ["За 1934 г.:", "4 апреля 1934 г.: "]),
    ("что происходило в 1926 году?", "events-on", ["28 сентября 1926 г.: ", "9 ноября 1926 г.: "]),
    ("действовал ли договор в 1935 году?", "in-force-on", ["Да, на 1935 г."]),
    ("сколько лет действовал договор?", "duration", ["13 лет, 7 месяцев и 6 дней"]),
    ("до какого числа действовал договор?", "duration", ["по 15 июня 1940 г."]),
    ("где находится Каунас?", None, ["Каунас"]),
    ("сколько человек подписали договор?", "signatory-count", ["четыре", "Чичерин"]),
    ("кто ратифицировал договор?", "ratification", ["Сейм"]),
    ("когда начались переговоры?", "negotiations-start", ["25 декабря 1925"]),
    # a missing word, typos
    ("когда подписан", "signing-date", ["28 сентября 1926"]),
    ("когда подписан договор", "signing-date", ["28 сентября 1926"]),
    ("кагда подписан договор", "signing-date", ["28 сентября 1926"]),
    ("кто подписал договр", "signatories", ["Чичерин"]),
    ("когда договор был прадлен", "extensions", ["6 мая 1931"]),
    # a name written in another script
    ("подписал ли Čičerinas договор?", "signatories", ["Чичерин"]),
    ("что подписал Chicherin?", "signatories", ["Чичерин"]),
    ("кто такой Chicherin?", None, ["Чичерин"]),
    ("кто такой Чичерин?", None, ["Чичерин"]),
]


@pytest.mark.parametrize(("question", "fact", "fragments"), LT_CASES, ids=[c[0] for c in LT_CASES])
def test_lithuanian_questions(
    pact: FactEngine, question: str, fact: str | None, fragments: list[str]
) -> None:
    check_answer(pact.ask(question), "lt", fact, fragments)


@pytest.mark.parametrize(("question", "fact", "fragments"), RU_CASES, ids=[c[0] for c in RU_CASES])
def test_russian_questions(pact: FactEngine, question: str, fact: str | None, fragments: list[str]) -> None:
    check_answer(pact.ask(question), "ru", fact, fragments)


# --- computed answers, worded and dated the language's way ---------------------------------------

COMPUTED = [
    (
        "ar sutartis galiojo 1935 m.?",
        "Taip, 1935 m. sutartis galiojo – nuo 1926 m. lapkričio 9 d. iki 1940 m. birželio 15 d.",
    ),
    (
        "ar sutartis galiojo 1925 m.?",
        "Ne, 1925 m. sutartis dar negaliojo – įsigaliojo tik 1926 m. lapkričio 9 d.",
    ),
    (
        "ar sutartis galiojo 1950 m.?",
        "Ne, 1950 m. sutartis jau negaliojo – nustojo galioti 1940 m. birželio 15 d.",
    ),
    (
        "ar sutartis galiojo 1926 m.?",
        "Iš dalies: 1926 m. sutartis galiojo tik nuo 1926 m. lapkričio 9 d. iki 1926 m. gruodžio 31 d.",
    ),
    (
        "kiek praėjo laiko nuo pasirašymo iki įsigaliojimo?",
        "Nuo pasirašymo (1926 m. rugsėjo 28 d.) iki "
        "įsigaliojimo (1926 m. lapkričio 9 d.) praėjo 1 mėnuo ir 12 dienų (42 dienos).",
    ),
    (
        "kiek metų galiojo sutartis?",
        "Sutartis galiojo nuo 1926 m. lapkričio 9 d. iki 1940 m. birželio 15 d. – "
        "iš viso apie 14 metų (13 metų, 7 mėnesiai ir 6 dienos).",
    ),
    (
        "действовал ли договор в 1935 году?",
        "Да, на 1935 г. документ был в силе: он действовал с 9 ноября 1926 г. по 15 июня 1940 г.",
    ),
    (
        "действовал ли договор в 1925 году?",
        "Нет, на 1925 г. документ ещё не вступил в силу: это произошло 9 ноября 1926 г.",
    ),
    (
        "был ли договор в силе в 1945 году?",
        "Нет, на 1945 г. документ уже не действовал: его действие прекратилось 15 июня 1940 г.",
    ),
    (
        "был ли договор в силе в 1926 году?",
        "Частично: за 1926 г. документ действовал только с 9 ноября 1926 г. по 31 декабря 1926 г.",
    ),
    (
        "был ли пакт в силе 1 января 1930 года?",
        "Да, на 1 января 1930 г. документ был в силе: он действовал с 9 ноября 1926 г. по 15 июня 1940 г.",
    ),
    (
        "действовал ли договор в сентябре 1939?",
        "Да, на сентябрь 1939 г. документ был в силе: он действовал с 9 ноября 1926 г. по 15 июня 1940 г.",
    ),
    (
        "сколько времени прошло от подписания до вступления в силу?",
        "Между подписанием (28 сентября 1926 г.) и "
        "вступлением в силу (9 ноября 1926 г.) — 1 месяц и 12 дней (42 дня).",
    ),
    (
        "как долго действовал пакт?",
        "Срок действия — 13 лет, 7 месяцев и 6 дней: с 9 ноября 1926 г. по 15 июня 1940 г.",
    ),
]


@pytest.mark.parametrize(("question", "expected"), COMPUTED, ids=[c[0] for c in COMPUTED])
def test_computed_answers_in_the_askers_language(pact: FactEngine, question: str, expected: str) -> None:
    answer = pact.ask(question)
    assert answer.outcome is Outcome.ANSWERED, (answer.text, answer.suggestions)
    assert answer.text == expected


@pytest.mark.parametrize(
    ("question", "lang", "start"),
    [
        ("kas įvyko 1926 m. rugsėjo 28 d.?", "lt", "1926 m. rugsėjo 28 d.: "),
        ("что произошло 28 сентября 1926 года?", "ru", "28 сентября 1926 г.: "),
        ("kas įvyko 1950 m.?", "lt", "Apie 1950 m. įvykius įrašų neturiu. Sutartis galiojo nuo"),
        ("что произошло в 1950 году?", "ru", "За 1950 г. у меня нет записанных событий. Срок действия: с"),
    ],
)
def test_what_happened_on_a_day_or_in_a_year(pact: FactEngine, question: str, lang: str, start: str) -> None:
    answer = pact.ask(question)
    assert answer.outcome is Outcome.ANSWERED and answer.fact_ids == ("events-on",), answer.text
    assert answer.lang == lang
    assert answer.text.startswith(start), answer.text


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_dates_a_month_alone_the_languages_way(pact: FactEngine, lang: str) -> None:
    text = pact.answer_fact("timeline", lang=lang).text
    intro, *lines = text.splitlines()
    assert intro == language(lang).template("timeline_intro")
    # An event known only to the month reads "1926 m. gruodžio mėn.: ..." / "декабрь 1926 г.: ...".
    month_only = {"lt": "• 1926 m. gruodžio mėn.: ", "ru": "• декабрь 1926 г.: "}[lang]
    assert any(line.startswith(month_only) for line in lines), lines
    assert all(IN_LANGUAGE[lang](line) for line in lines), lines


# --- declining, the language of the answer, help and the fixed texts -----------------------------

DECLINED = [
    ("kiek kainuoja duona?", "lt"),
    ("kas pasirašė Molotovo–Ribentropo paktą?", "lt"),
    ("kada Lietuva įstojo į NATO?", "lt"),
    ("сколько стоит хлеб?", "ru"),
    ("кто подписал пакт Молотова–Риббентропа?", "ru"),
    ("кто президент Литвы?", "ru"),
]


SMALL_TALK = [
    ("labas", "lt"),
    ("koks šiandien oras?", "lt"),
    ("привет", "ru"),
    ("какая сегодня погода?", "ru"),
]


@pytest.mark.parametrize(("question", "lang"), SMALL_TALK, ids=[c[0] for c in SMALL_TALK])
def test_small_talk_is_greeted_back_in_the_askers_language(
    pact: FactEngine, question: str, lang: str
) -> None:
    answer = pact.ask(question)
    assert answer.outcome is Outcome.EMPTY, answer.text
    assert answer.lang == lang
    assert IN_LANGUAGE[lang](answer.text.replace("`", ""))


@pytest.mark.parametrize(("question", "lang"), DECLINED, ids=[c[0] for c in DECLINED])
def test_off_topic_is_declined_in_the_askers_language(pact: FactEngine, question: str, lang: str) -> None:
    answer = pact.ask(question)
    assert answer.outcome is Outcome.DECLINED, answer.text
    assert answer.lang == lang
    texts = Texts()
    assert answer.text in (texts.get("declined", lang), texts.get("declined_suggest", lang))
    assert IN_LANGUAGE[lang](answer.text.replace("`", ""))
    for suggestion in answer.suggestions:  # every suggestion is itself answerable
        assert pact.ask(suggestion, lang=lang).outcome is Outcome.ANSWERED, suggestion


@pytest.mark.parametrize(
    ("lang", "fragment"),
    [("lt", "Dokumentą pasirašė Georgijus Čičerinas"), ("ru", "Документ подписали Георгий")],
)
def test_forced_language_wins_over_the_question(pact: FactEngine, lang: str, fragment: str) -> None:
    answer = pact.ask("who signed", lang=lang)
    assert answer.outcome is Outcome.ANSWERED and answer.lang == lang
    assert answer.text.startswith(fragment), answer.text


def test_a_locale_hint_decides_only_when_the_question_does_not(pact: FactEngine) -> None:
    # A bare name says nothing about its language: the asker's locale decides.
    assert pact.ask("Chicherin", hint="lt").lang == "lt"
    assert "Čičerinas" in pact.ask("Chicherin", hint="lt").text
    assert pact.ask("Chicherin", hint="ru").lang == "ru"
    # A question in a language is answered in it, whatever the locale.
    assert pact.ask("who signed the pact?", hint="lt").lang == "en"
    assert pact.ask("кто подписал договор?", hint="lt").lang == "ru"
    assert pact.ask("kas pasirašė sutartį?", hint="ru").lang == "lt"


@pytest.mark.parametrize(
    ("lang", "asked"), [("lt", "pagalba"), ("lt", "ką moki?"), ("ru", "помощь"), ("ru", "что ты умеешь?")]
)
def test_help_in_each_language(pact: FactEngine, lang: str, asked: str) -> None:
    texts = Texts()
    topic = pact.facts.topic.name[lang]
    for answer in (pact.help(lang), pact.ask(asked)):
        assert answer.outcome is Outcome.HELP
        assert answer.lang == lang
        assert answer.title == texts.get("help_title", lang)
        assert texts.get("help_intro", lang, topic=topic) in answer.text
        assert texts.get("help_topics", lang) in answer.text
        assert IN_LANGUAGE[lang](answer.text), answer.text


def test_fixed_texts_in_each_language() -> None:
    texts = Texts()
    assert texts.get("cooldown", "lt", seconds=7) == "Klausiate labai dažnai – pabandykite dar kartą po 7 s."
    assert (
        texts.get("cooldown", "ru", seconds=7) == "Вы спрашиваете слишком часто; попробуйте снова через 7 с."
    )
    for lang in LANGS:
        for key in (
            "error",
            "declined",
            "declined_suggest",
            "help_title",
            "sources",
            "related",
            "suggestions",
            "lang_fallback",
        ):
            text = texts.get(key, lang)
            assert text != texts.get(key, "en"), (lang, key)
            assert IN_LANGUAGE[lang](text.replace("`", "")) or not re.search("[a-z]", text), (lang, key, text)
        assert "{" not in texts.get("empty", lang, example="?")


# --- another fact file: nothing in the tables is about the shipped topic -------------------------


def test_computed_answers_fit_a_short_name_of_any_gender(northwind: FactEngine) -> None:
    lt = northwind.ask("how long did the treaty last", lang="lt")
    assert lt.text == (
        "Konvencija galiojo nuo 1850 m. birželio 1 d. iki 1861 m. vasario 28 d. – iš viso "
        "10 metų, 8 mėnesiai ir 27 dienos."
    )
    ru = northwind.ask("how long did the treaty last", lang="ru")
    assert ru.text == "Срок действия — 10 лет, 8 месяцев и 27 дней: с 1 июня 1850 г. по 28 февраля 1861 г."
    assert northwind.ask("was the treaty in force in 1855", lang="lt").text == (
        "Taip, 1855 m. konvencija galiojo – nuo 1850 m. birželio 1 d. iki 1861 m. vasario 28 d."
    )
    assert northwind.ask("was the treaty in force in 1855", lang="ru").text == (
        "Да, на 1855 г. документ был в силе: он действовал с 1 июня 1850 г. по 28 февраля 1861 г."
    )
    assert northwind.ask("how long after signing did it take effect", lang="lt").text == (
        "Nuo pasirašymo (1850 m. kovo 14 d.) iki įsigaliojimo (1850 m. birželio 1 d.) praėjo 2 mėnesiai "
        "ir 18 dienų (79 dienos)."
    )
    assert northwind.ask("who signed the treaty", lang="ru").text == (
        "Документ подписали Ann Morrow (Aldoria) и Piet Vos (Brevia)."
    )
    assert (
        northwind.ask("what happened in 1855", lang="ru").text
        == "За 1855 г.:\n• 1855 г.: A harbour clause is added."
    )


@pytest.mark.parametrize("lang", LANGS)
def test_untranslated_fact_comes_in_english_with_a_note(northwind: FactEngine, lang: str) -> None:
    answer = northwind.ask("how did the treaty end", lang=lang)
    assert answer.outcome is Outcome.ANSWERED and answer.lang == lang
    assert answer.text.startswith("The treaty ended on 28 February 1861")
    assert answer.text.endswith(Texts().get("lang_fallback", lang))


@pytest.mark.parametrize("lang", LANGS)
def test_tables_name_nothing_of_the_shipped_topic(lang: str) -> None:
    facts = load_fact_file(ROOT / "facts" / "pact.yaml")
    names: set[str] = set()  # the proper names of the shipped file's people, places and states
    for entity in facts.entities.values():
        if entity.kind in ("person", "place", "state"):
            texts = [*entity.name.values(), *entity.aliases.get("lt", ()), *entity.aliases.get("ru", ())]
            for text in texts:
                names |= {fold(w) for w in re.split(r"[\s–-]+", text) if w[:1].isupper() and len(w) >= 4}
    raw = (LANG_DIR / f"{lang}.yaml").read_text(encoding="utf-8")
    assert not set(fold(raw).split()) & names
    assert not re.search(r"chicherin|lithuan|vilnius|1926", raw, re.IGNORECASE)  # the rule for all of bot/
    # No year in the data itself (comments may show a date as an example).
    assert not re.search(r"\b1[0-9]{3}\b|\b20[0-9]{2}\b", yaml.safe_dump(table(lang), allow_unicode=True))


# --- the tables themselves ---------------------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    # {Short}/{short} and {Count}/{count} are the same value in two capitalisations; a language may
    # leave the topic's short name out where naming it would force an agreement it cannot make.
    found = {name.casefold() for _, name, _, _ in string.Formatter().parse(text) if name}
    return found - {"short"}


@pytest.mark.parametrize("lang", LANGS)
def test_table_has_the_english_keys_and_placeholders(lang: str) -> None:
    english, other = table("en"), table(lang)
    assert set(english) <= set(other) and set(other) - set(english) <= EXTRA_KEYS
    for section in ("texts", "templates"):
        mine, theirs = other[section], english[section]
        assert isinstance(mine, dict) and isinstance(theirs, dict)
        assert set(mine) == set(theirs), section
        # Verb forms that agree with the topic's name are each language's own ({was} in English,
        # {acts} in Russian); every other placeholder is the same in every language.
        own, english_own = grammar_words(other), grammar_words(english)
        for key, value in theirs.items():
            if isinstance(value, str):
                mine_words, english_words = placeholders(mine[key]) - own, placeholders(value) - english_own
                assert mine_words == english_words, (section, key, mine[key])
    assert other["plural_rule"] == lang
    for unit in ("years", "months", "days"):
        assert len(other["templates"][unit]) == 3  # type: ignore[index]
    assert len(other["month_names"]) == len(other["month_names_standalone"]) == 12  # type: ignore[arg-type]
    assert len(other["numbers"]) == len(english["numbers"])  # type: ignore[arg-type]


def grammar_words(data: dict[str, object]) -> set[str]:
    forms = data.get("grammar") or {}
    assert isinstance(forms, dict)
    words = [set(forms[number]) for number in ("singular", "plural") if number in forms]
    assert all(w == words[0] for w in words), "singular and plural give the same words"
    return words[0] if words else set()


@pytest.mark.parametrize("lang", LANGS)
def test_word_lists_are_written_folded(lang: str) -> None:
    data = table(lang)
    lists: list[str] = []
    for key in ("stopwords", "suffixes", "smalltalk", "help_phrases"):
        lists += [str(w) for w in data[key]]  # type: ignore[attr-defined]
    lists += [str(w) for words in data["month_words"].values() for w in words]  # type: ignore[attr-defined]
    lists += [str(w) for words in data["kinds"].values() for w in words]  # type: ignore[attr-defined]
    for key, values in data["synonyms"].items():  # type: ignore[attr-defined]
        lists += [str(key), *map(str, values)]
    unfolded = [w for w in lists if fold(w) != w]
    assert not unfolded


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("lt", 1, "1 metai"),
        ("lt", 2, "2 metai"),
        ("lt", 10, "10 metų"),
        ("lt", 13, "13 metų"),
        ("lt", 21, "21 metai"),
        ("lt", 7, "7 mėnesiai"),
        ("lt", 12, "12 dienų"),
        ("lt", 1, "1 mėnuo"),
        ("ru", 1, "1 год"),
        ("ru", 3, "3 года"),
        ("ru", 5, "5 лет"),
        ("ru", 11, "11 лет"),
        ("ru", 22, "22 года"),
        ("ru", 1, "1 месяц"),
        ("ru", 12, "12 дней"),
        ("ru", 21, "21 день"),
    ],
)
def test_plural_forms(lang: str, count: int, expected: str) -> None:
    templates = table(lang)["templates"]
    assert isinstance(templates, dict)
    forms = [f"{count} {plural(count, templates[u], lang)}" for u in ("years", "months", "days")]
    assert expected in forms


@pytest.mark.parametrize(
    ("lang", "day", "month", "year"),
    [
        ("lt", "1926 m. rugsėjo 28 d.", "1939 m. rugsėjo mėn.", "1939 m."),
        ("ru", "28 сентября 1926 г.", "сентябрь 1939 г.", "1939 г."),
    ],
)
def test_dates_are_written_the_languages_way(lang: str, day: str, month: str, year: str) -> None:
    data = table(lang)
    assert format_date(dt.date(1926, 9, 28), data) == day
    assert format_asked(AskedDate(1939, 9), data) == month
    assert format_asked(AskedDate(1939), data) == year


@pytest.mark.parametrize("lang", LANGS)
def test_every_month_form_is_read(lang: str) -> None:
    words = language(lang).month_words
    reader = DateReader(words)
    for word, number in words.items():
        assert reader.find(f"15 {word} 1930") == AskedDate(1930, number, 15), word
        assert reader.find(f"{word} 1930") == AskedDate(1930, number), word


@pytest.mark.parametrize(
    ("lang", "family"),
    [
        ("lt", "pasirašė pasirašyta pasirašymas pasirašę pasirašyti pasirašo pasirašymo pasirašiusieji"),
        ("lt", "ratifikavo ratifikuota ratifikuoti ratifikavimas ratifikacija ratifikacijos"),
        ("lt", "pratęsta pratęsimas pratęsti pratęsimo pratęsiama"),
        ("lt", "sulaužė sulaužyta sulaužymas sulaužyti"),
        ("lt", "galiojo galioja galioti galiojimo galiojimas"),
        ("lt", "įsigaliojo įsigalioti įsigaliojimas įsigaliojimo įsigalioja"),
        ("lt", "baigėsi baigti baigė baigiasi"),
        ("lt", "Maskva Maskvoje Maskvos Maskvą"),
        (
            "ru",
            "подписал подписан подписали подписания подписание подписать подписанты подписи подпись "
            "подписавшие подписывал подписана подписанный",
        ),
        ("ru", "нарушен нарушил нарушение нарушили нарушить нарушения"),
        ("ru", "продлен продлён продлили продление продлевался продлевается продлить продления"),
        ("ru", "действовал действует действие действовать действия"),
        ("ru", "оккупация оккупировал оккупировали оккупации"),
        ("ru", "Москва Москве Москвы Москву"),
    ],
)
def test_inflected_forms_meet(lang: str, family: str) -> None:
    table_ = language(lang)
    stems = {word: table_.stem(fold(word)) for word in family.split()}
    assert len(set(stems.values())) == 1, stems


# --- engine gaps found while writing the tables, now closed -------------------------------------


def test_lithuanian_year_then_month(pact: FactEngine) -> None:
    assert pact.understand("kas įvyko 1939 m. rugsėjo mėn.?").date == AskedDate(1939, 9)


@pytest.mark.parametrize("question", ["kas buvo 1940 m.?", "что было в 1940 году?"])
def test_date_only_question(pact: FactEngine, question: str) -> None:
    assert pact.ask(question).fact_ids == ("events-on",)


def test_in_force_without_the_topic(pact: FactEngine) -> None:
    assert pact.ask("ar galiojo 1926 m.?").fact_ids == ("in-force-on",)


def test_bare_lithuanian_keyword(pact: FactEngine) -> None:
    assert pact.ask("chronologija").lang == "lt"


def test_english_question_about_a_lithuanian_name(pact: FactEngine) -> None:
    assert pact.ask("who was Sleževičius").lang == "en"


@pytest.mark.parametrize("code", ["../../x", "../lang/en", "/etc/passwd", "en/../../ru", "xx", "de"])
def test_a_language_code_is_never_a_path_and_unknown_ones_are_english(pact: FactEngine, code: str) -> None:
    from bot.core import language as language_module
    from bot.core.texts import language_table

    before = dict(language_module._LANGUAGES)
    assert language_table(code) == {}  # "../lang/en" once read bot/core/lang/en.yaml through the path
    assert language(code).code == "en"
    assert pact.ask("who signed it", lang=code).lang in ("en", code)
    assert before == language_module._LANGUAGES  # nothing remembered under a made-up code


@pytest.mark.parametrize(
    ("question", "weekday"),
    [
        ("kokia savaitės diena buvo pasirašyta sutartis?", "antradienis"),
        ("В какой день недели был подписан договор?", "вторник"),
        ("what day of the week was the pact signed?", "Tuesday"),
    ],
)
def test_weekdays_in_the_askers_language(pact: FactEngine, question: str, weekday: str) -> None:
    answer = pact.ask(question)
    assert answer.outcome is Outcome.ANSWERED and weekday in answer.text, answer.text


def test_a_claim_reported_from_a_text_is_checked_in_russian_and_lithuanian(pact: FactEngine) -> None:
    """ "В учебнике написано, что ...", "vadovėlyje parašyta, kad ...": what is written is the claim."""
    russian = pact.ask("в учебнике написано что договор подписали в Каунасе, это так?")
    assert russian.text.startswith("Нет — ") and "Москв" in russian.text, russian.text
    lithuanian = pact.ask("vadovėlyje parašyta, kad sutartis pasirašyta Kaune, ar tiesa?")
    assert lithuanian.text.startswith("Ne — ") and "Maskv" in lithuanian.text, lithuanian.text


@pytest.mark.parametrize(
    ("question", "word"),
    [("who held Vilnius at the time?", "time"), ("kas tuo metu valdė Vilnių?", "metu")],
)
def test_at_the_time_says_when_not_what(pact: FactEngine, question: str, word: str) -> None:
    """ "At the time", "tuo metu", "в то время" say "then": no word of theirs is asked about."""
    assert word not in {u.label for u in pact.understand(question).units}


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what did the students accuse the govt of?", "protests"),
        ("Kuo Lenkija kaltino šią sutartį?", "poland-objection"),
    ],
)
def test_accusing_asks_about_an_objection(pact: FactEngine, question: str, fact: str) -> None:
    """ "Accuse", "kaltino": a stance the file words as an objection or a protest; "govt" is chat."""
    answer = pact.ask(question)
    assert answer.fact_ids[:1] == (fact,), (answer.outcome, answer.text)


def test_a_list_with_brackets_is_one_clause(pact: FactEngine) -> None:
    """ "… Čičerinas ir Aleksandrovskis (Sovietų Sąjunga) ir … Baltrušaitis (Lietuva)": the brackets
    hold an aside; a signer named after them is in the clause that settles the claim, not outside it."""
    answer = pact.ask("Ar tiesa, kad sutartį pasirašė Baltrušaitis?")
    assert answer.text.startswith("Taip — ") and "Baltrušaitis" in answer.text, answer.text
