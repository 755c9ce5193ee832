"""Which two dated things a span question names (`bot.core.spans.pick_two`)."""

from dataclasses import replace

from bot.core.dates import PartialDate
from bot.core.language import language
from bot.core.spans import DatedThing, Evidence, is_span_question, pick_two


def thing(
    key: str,
    year: int,
    stems: set[str],
    entities: set[str] = frozenset(),
    setters: frozenset[str] = frozenset(),
    **flags: bool,
) -> DatedThing:
    day = 31 if flags.get("scheduled") else 1  # a planned end on the last day, events on the first
    return DatedThing(
        key,
        PartialDate(year, 12, day),
        {"en": key},
        frozenset(stems),
        frozenset(entities),
        (),
        setters=setters,
        **flags,
    )


SIGNED = thing("signed", 1920, {"sign"}, {"@topic"}, topic_date=True)
OTHER_SIGNING = thing("bases-pact", 1939, {"sign"}, {"occupation"})
OCCUPATION = thing("occupation", 1940, set(), {"occupation", "@topic"}, topic_date=True)
DUE = thing("due", 1944, {"expire"}, scheduled=True)


def test_each_thing_is_named_by_words_of_its_own() -> None:
    # "how many years between the signing of the treaty and the occupation?": another signing that
    # the occupation's name also reaches explains as much, but the topic's own dates are the pair.
    evidence = [
        Evidence(frozenset(), "occupation", 4.0),
        Evidence(frozenset(), "@topic", 0.3, context=True),
        Evidence(frozenset({"sign"}), None, 2.7),
    ]
    found = pick_two([SIGNED, OTHER_SIGNING, OCCUPATION], evidence, set(), 0.45, topic_alone=True)
    assert found is not None
    assert (found[0].key, found[1].key) == ("signed", "occupation")


def test_a_scheduled_date_is_not_named_by_a_year_that_something_else_happened_in() -> None:
    extended = thing("extended", 1944, {"extend"})
    evidence = [Evidence(frozenset({"extend"}), None, 3.0)]
    assert pick_two([extended, OCCUPATION, DUE], evidence, {1944}, 0.45) is None
    named = [Evidence(frozenset({"expire"}), None, 3.0), Evidence(frozenset({"extend"}), None, 3.0)]
    found = pick_two([extended, DUE], named, set(), 0.45)
    assert found is not None and {found[0].key, found[1].key} == {"extended", "due"}


def test_beside_a_scheduled_date_the_event_named_by_more_words_is_taken() -> None:
    # "how long before its planned end was the treaty broken?": "broken" reads as "end" too, so the
    # planned end covers every word; of the two topic dates, the end is the one the question names.
    ended = thing("ended", 1940, {"broken", "end"}, {"@topic"}, topic_date=True)
    due = thing("due", 1944, {"planned", "end"}, scheduled=True)
    evidence = [
        Evidence(frozenset(), "@topic", 0.3, context=True),
        Evidence(frozenset({"planned"}), None, 3.5),
        Evidence(frozenset({"broken", "end"}), None, 2.7),
    ]
    found = pick_two([SIGNED, ended, due], evidence, set(), 0.45, topic_alone=True)
    assert found is not None
    assert (found[0].key, found[1].key) == ("ended", "due")


def test_a_word_for_a_stretch_of_time_beside_a_span_word_asks_for_a_span() -> None:
    tables = [language("en"), language("lt"), language("ru")]

    def asks(text: str) -> tuple[bool, bool]:
        return is_span_question(text.split(" "), None, tables)

    assert asks("time between the vote and the coup") == (True, False)
    assert asks("laikas tarp balsavimo ir perversmo")[0]
    assert asks("время между голосованием и переворотом")[0]
    # Without one, "between" names a relationship, not a span.
    assert asks("the treaty between the two states") == (False, False)

    # "What border did it draw between Alpha and Beta?": a what question with "between" alone names
    # a relationship; with a word for a stretch of time it asks for one.
    def asks_what(text: str) -> tuple[bool, bool]:
        return is_span_question(text.split(" "), "what", tables)

    assert asks_what("what border did it draw between alpha and beta") == (False, False)
    assert asks_what("what was the gap between the vote and the coup")[0]
    # With a range, too: "time from A to B", but not "the treaty from A to B".
    assert asks("time from the vote to the coup") == (True, False)
    assert asks("the delegation from Alpha to Beta") == (False, False)


def test_a_series_of_two_names_both_things_of_the_pair() -> None:
    # "time between the first and second extensions of the treaty?": the topic's own signing is named
    # too, lightly, but the ordinals pick the two extensions.
    first = thing("extended", 1930, {"extend"})
    second = thing("extended-again", 1934, {"extend"})
    evidence = [
        Evidence(frozenset(), "@topic", 0.3, context=True),
        Evidence(frozenset({"extend"}), None, 4.0),
    ]
    found = pick_two(
        [SIGNED, first, second], evidence, set(), 0.45, topic_alone=True, nth=(1, frozenset({1, 2}))
    )
    assert found is not None
    assert (found[0].key, found[1].key) == ("extended", "extended-again")


def test_a_word_for_a_due_date_names_only_dates_that_were_due() -> None:
    # "how long between the second extension and the expiry date?": the extension's linked fact speaks
    # of expiry too, and so does the topic's own end; the date that was due is the one meant, and of
    # those named by nothing else, the latest.
    extended = thing("extended-again", 1934, {"extend", "expire"})
    ended = thing("ended", 1940, {"expire"}, {"@topic"}, topic_date=True)
    first_due = thing("first-due", 1936, {"expire"}, scheduled=True)
    evidence = [Evidence(frozenset({"extend"}), None, 3.5), Evidence(frozenset({"expire"}), None, 3.5)]
    things = [extended, first_due, ended, DUE]
    found = pick_two(things, evidence, {1934}, 0.45, topic_alone=True, due=frozenset({1}))
    assert found is not None
    assert (found[0].key, found[1].key) == ("extended-again", "due")
    found = pick_two(things, evidence, {1934}, 0.45, topic_alone=True)
    assert found is not None and found[1].key == "ended"  # without the due word, what happened wins


def test_a_lithuanian_ar_opens_a_yes_no_question_not_a_choice() -> None:
    tables = [language("lt"), language("en")]

    def asks(text: str) -> tuple[bool, bool]:
        return is_span_question(text.split(" "), None, tables)

    assert asks("ar sutartis pasirasyta pries perversma") == (False, False)
    assert asks("kas pirmiau ratifikavimas ar perversmas")[1]


def test_what_would_have_been_ends_on_the_date_as_last_set() -> None:
    # "had the extended term run out, how long from the signing?": "extended" names the extensions that
    # happened and, through them, each end they set; asked what would have been, the pair ends on a
    # date that was due, and of those named only that way, on the latest.
    extend = frozenset({"extend"})
    extended = thing("extended", 1931, {"extend"})
    first_due = thing("first-due", 1936, {"expire"}, scheduled=True, setters=extend)
    last_due = thing("last-due", 1944, {"expire"}, scheduled=True, setters=extend)
    evidence = [Evidence(frozenset({"sign"}), None, 2.5), Evidence(extend, None, 4.0)]
    as_happened = pick_two([SIGNED, extended, first_due, last_due], evidence, set(), 0.45)
    assert as_happened is not None and as_happened[1].key == "extended"
    with_setters = [SIGNED, extended, *(replace(t, stems=t.stems | t.setters) for t in (first_due, last_due))]
    would = pick_two(with_setters, evidence, set(), 0.45, one_due=True)
    assert would is not None and (would[0].key, would[1].key) == ("signed", "last-due")
    # A date named by a word of its own keeps it: "would the original term have expired" is not the last.
    original = thing("original-due", 1931, {"original", "expire"}, scheduled=True, setters=extend)
    named = [Evidence(frozenset({"sign"}), None, 2.5), Evidence(frozenset({"original"}), None, 3.0)]
    found = pick_two([SIGNED, extended, original, *with_setters[2:]], named, set(), 0.45, one_due=True)
    assert found is not None and found[1].key == "original-due"
