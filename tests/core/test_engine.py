"""The engine end to end: the shipped question set on the shipped facts, and computed answers on a
made-up treaty (which also shows that nothing in the engine is about the shipped topic)."""

import dataclasses
from pathlib import Path

import pytest

from bot.core.answer import Outcome
from bot.core.claims import gives_a_day
from bot.core.engine import FactEngine
from bot.core.factfile import load_fact_file
from bot.core.language import language
from bot.core.ranking import _explains_asking
from bot.core.spans import is_span_question
from bot.evaluation import Case, load_question_set, passes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# The set `pactbot eval` runs in `make test`, here case by case, graded by the same rule.
CASES = load_question_set(ROOT / "facts" / "questions" / "pact.yaml")


@pytest.fixture(scope="module")
def pact() -> FactEngine:
    return FactEngine(load_fact_file(ROOT / "facts" / "pact.yaml"))


@pytest.fixture(scope="module")
def northwind() -> FactEngine:
    return FactEngine(load_fact_file(HERE / "data" / "northwind.yaml"))


def _assert_answers(engine: FactEngine, question: str, answered: bool) -> None:
    """`question` is answered, or declined, as `answered` says."""
    answer = engine.ask(question)
    assert (answer.outcome is Outcome.ANSWERED) is answered, (question, answer.text)


def _assert_answered_with(engine: FactEngine, question: str, expected: str) -> None:
    """`question` is answered, and the answer says `expected`."""
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWERED and expected in answer.text, (question, answer.text)


def _assert_opens(engine: FactEngine, question: str, opening: str) -> None:
    """The answer to `question` opens with `opening` (a verdict, or the fact's first words)."""
    answer = engine.ask(question)
    assert answer.text.startswith(opening), (question, answer.text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.category}:{c.question}")
def test_own_question_set(pact: FactEngine, case: Case) -> None:
    answer = pact.ask(case.question)
    assert passes(case, answer), (answer.outcome, answer.text, answer.suggestions)
    if case.abstain:  # declined (or small talk greeted back), not merely "not answered": help would pass
        assert answer.outcome in (Outcome.DECLINED, Outcome.EMPTY), answer.text


def test_a_claimed_end_is_checked_against_the_computed_duration(pact: FactEngine) -> None:
    # The duration is computed from the topic's dates, so it gives years a claim can be checked on.
    answer = pact.ask("Did the pact remain in force until December 31, 1944?")
    assert answer.text.startswith("No — ") and "15 June 1940" in answer.text, answer.text


def test_answer_carries_sources_related_and_confidence(pact: FactEngine) -> None:
    answer = pact.ask("when was the pact signed")
    assert answer.outcome is Outcome.ANSWERED
    assert answer.fact_ids and answer.sources and answer.sources[0].url.startswith("https://")
    assert 0.5 <= answer.confidence <= 1.0
    assert all(r.fact_id in pact.facts.facts for r in answer.related)


def test_declined_question_offers_suggestions(pact: FactEngine) -> None:
    answer = pact.ask("what did the signatories eat for dinner")
    assert answer.outcome is Outcome.DECLINED
    assert 0 < len(answer.suggestions) <= 3
    for suggestion in answer.suggestions:  # every suggestion is itself answerable
        assert pact.ask(suggestion).outcome is Outcome.ANSWERED, suggestion


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "\x00\x01", "?!?"])
def test_empty_questions_get_a_prompt(pact: FactEngine, text: str) -> None:
    answer = pact.ask(text)
    assert answer.outcome is Outcome.EMPTY
    assert "help" in answer.text or "?" in answer.text or "for example" in answer.text


def test_long_question_is_read_only_so_far(pact: FactEngine) -> None:
    answer = pact.ask("who signed " + "blah " * 2000)
    assert answer.outcome is Outcome.DECLINED
    assert len(answer.question) <= 400


def test_everyone_ping_is_just_text(pact: FactEngine) -> None:
    answer = pact.ask("@everyone who signed the pact?")
    assert answer.outcome is Outcome.ANSWERED
    assert "@everyone" not in answer.text


@pytest.mark.parametrize("text", ["help", "HELP", "what do you know?", "what can you do"])
def test_help(pact: FactEngine, text: str) -> None:
    answer = pact.ask(text)
    assert answer.outcome is Outcome.HELP
    assert answer.answered and "for example" in answer.text


def test_answer_fact_by_id(pact: FactEngine) -> None:
    fact_id = next(iter(pact.facts.facts))
    answer = pact.answer_fact(fact_id)
    assert answer.outcome is Outcome.ANSWERED and answer.fact_ids == (fact_id,)
    assert pact.answer_fact("no-such-fact").outcome is Outcome.DECLINED


def test_suggest_prefix_and_fuzzy(pact: FactEngine) -> None:
    assert len(pact.suggest("", limit=25)) == 25
    started = pact.suggest("who sig", limit=5)
    assert started and all("sig" in s.casefold() for s in started[:2])
    assert pact.suggest("wen was it sined", limit=3)
    assert pact.suggest("x" * 5000, limit=25) == [] or len(pact.suggest("x" * 5000)) <= 25
    assert pact.suggest("who", limit=0) == []


# -- computed answers on the made-up treaty -----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who signed", ["Ann Morrow for Aldoria", "Piet Vos for Brevia"]),
        ("who signed for brevia", ["Piet Vos signed the treaty for Brevia."]),
        ("how many signed", ["Two people signed the treaty"]),
        ("how many signed for brevia", ["One person signed the treaty: Piet Vos for Brevia."]),
        ("how long did it last", ["10 years, 8 months and 27 days", "1 June 1850", "28 February 1861"]),
        ("how long after signing did it take effect", ["2 months and 18 days (79 days)"]),
        ("was it in force in 1855", ["Yes."]),
        ("was it in force in 1850", ["Partly.", "1 June 1850"]),
        ("was it in force in 1849", ["No.", "not yet"]),
        ("was it valid on 1 January 1870", ["No.", "no longer"]),
        ("what happened in 1855", ["harbour clause"]),
        ("what happened on 14 March 1850", ["signed at Saltmarsh"]),
        ("what happened in 1999", ["nothing recorded for 1999"]),
        ("timeline", ["14 March 1850", "1855", "28 February 1861"]),
        ("who was vos", ["Brevia's envoy"]),
        # A reporting verb in a later sentence ("says") sets aside its own sentence, not the question.
        ("Who was Ann Morrow? Just what the chronicle says about her please.", ["Aldoria's chancellor"]),
        ("What position did Ann Morrow hold?", ["Aldoria's chancellor"]),  # a card says what one was
    ],
)
def test_computed_answers(northwind: FactEngine, question: str, expected: list[str]) -> None:
    answer = northwind.ask(question)
    assert answer.outcome is Outcome.ANSWERED, (question, answer.text)
    for part in expected:
        assert part in answer.text, (part, answer.text)


def test_unknown_names_are_declined_not_guessed(northwind: FactEngine) -> None:
    for question in [
        "who signed the treaty of versailles",
        "when did Brevia join NATO",
        "how tall is mount everest",
        "how many castles were there at Saltmarsh?",  # only a fact that gives a count answers how many
        "Ann Morrow became Aldoria's chancellor in 1848, right?",  # her card gives no date to check
        "where was the treaty signed in 1855?",  # the fact on the place never names 1855
        "who chose the castle?",  # the fact on the place names no one
        "whats 17 times 23 lol",  # a sum to work out, though "times" is a word of the file
        "what's 12 squared",
        "whats 17*23 lol my calculator died",  # the sign folds away; the sum is read from the text
        "Could you suggest a few good films for a movie night at the castle?",  # a request, no claim
    ]:
        assert northwind.ask(question).outcome is Outcome.DECLINED, question


def test_computed_answers_agree_with_a_plural_short_name() -> None:
    engine = FactEngine(load_fact_file(HERE / "data" / "plural.yaml"))
    signed = engine.ask("who signed the treaties")
    assert signed.text.startswith("The Locarno Treaties were signed by Gustav Stresemann"), signed.text
    lasted = engine.ask("how long were they in force")
    assert lasted.text.startswith("The Locarno Treaties were in force for 9 years"), lasted.text
    assert " was " not in signed.text + lasted.text


def test_an_entity_card_opens_with_the_entity_name() -> None:
    engine = FactEngine(load_fact_file(HERE / "data" / "plural.yaml"))
    card = engine.ask("who was Stresemann")
    assert card.text == "Gustav Stresemann: German foreign minister.", card.text


def test_a_question_that_folds_into_thousands_of_words_is_read_only_so_far(pact: FactEngine) -> None:
    understood = pact.understand("\ufdfa" * 400)  # one character, four words once folded
    assert len(understood.folded.split()) <= 60
    assert pact.ask("\ufdfa" * 400).outcome is Outcome.DECLINED


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("the treaty was signed at Saltmarsh, right?", "Yes"),
        ("it was signed at Saltmarsh Castle?", "Yes"),  # a statement asked with a question mark
        ("true or false: it was signed at Saltmarsh", "Yes"),  # "or" inside the marker is no choice
        ("Ann Morrow signed for Brevia, right?", "No"),
        ("Piet Vos was one of the signers, correct?", "Yes"),  # "one of" picks, it does not count
        ("the treaty ended in '61, right?", "Yes"),  # two digits that end the answer's year
        ("the treaty did not end in 1861, right?", "No"),  # the answer says it did
        ("didn't the treaty end in 1861?", "Yes"),  # the negation only frames the question
        ("did the treaty end?", "Yes"),  # every word of the claim is in the answer: it restates it
        ("the treaty was signed on 14 May 1850, right?", "No"),  # the month is checked too
        ("the treaty was signed in March 1850, right?", "Yes"),  # of level facts, the one with the date
        ("it was signed in 1852, wasn't it", "No"),  # for a claim, a fact with any year settles it
        ("Piet Vos was one of the signers, wasn't he?", "Yes"),  # a tag question denies nothing
        ("was Piet Vos one of the signers or am i mixing up two other treaties", "Yes"),  # a hedge
        ("Brevia withdrew from it, didn't they?", "Yes"),
        ("the treaty never ended, did it?", "No"),  # restated, but the answer says it did end
        ("it was signed at Saltmarsh Castle, not in Brevia, right?", "Yes"),  # "not in" sets a name against
    ],
)
def test_claims_open_with_a_verdict(northwind: FactEngine, question: str, opening: str) -> None:
    answer = northwind.ask(question)
    assert answer.outcome is Outcome.ANSWERED, (question, answer.text)
    assert answer.text.startswith(opening), (question, answer.text)


def _northwind_with(tmp_path: Path, entities: str = "", facts: str = "", events: str = "") -> FactEngine:
    """The made-up treaty with more entities, facts or events (YAML list items) added to its lists."""
    text = (HERE / "data" / "northwind.yaml").read_text(encoding="utf-8")
    text = text.replace("entities:\n", "entities:\n" + entities, 1).replace(
        "events:\n", "events:\n" + events, 1
    )
    path = tmp_path / "northwind.yaml"
    path.write_text(text + facts, encoding="utf-8")
    return FactEngine(load_fact_file(path))


def _fact_item(
    fact_id: str,
    title: str,
    answer: str,
    asks: str,
    phrasings: list[str],
    keywords: str,
    entities: str = "",
) -> str:
    """A fact (a YAML list item) for `_northwind_with`; `asks`, `keywords`, `entities` as YAML flow lists."""
    quoted = ", ".join(f'"{p}"' for p in phrasings)
    item = (
        f"  - id: {fact_id}\n"
        f"    title: {{en: {title}}}\n"
        f'    answer: {{en: "{answer}"}}\n'
        f"    asks: [{asks}]\n"
        f"    phrasings: {{en: [{quoted}]}}\n"
        f"    keywords: {{en: [{keywords}]}}\n"
    )
    return item + (f"    entities: [{entities}]\n" if entities else "")


def _languages_fact(more_keywords: str = "") -> str:
    """A fact that the made-up treaty was drawn up in French and Latin."""
    return _fact_item(
        "languages",
        "Languages of the treaty",
        "The treaty was drawn up in two languages, French and Latin.",
        "what",
        ["in which languages was the treaty written", "languages of the text"],
        "language, languages, written, drawn, text" + more_keywords,
    )


def _valley_facts(tmp_path: Path, more_facts: str = "") -> FactEngine:
    """Northwind with a fact whose claim is about who a place belongs to, one about an older accord, a
    stance, ports, and `more_facts`."""
    more_entities = (
        "  - id: gamma\n"
        "    kind: state\n"
        "    name: {en: Gamma}\n"
        "    aliases: {en: [Gamma, Gammans, Gamman]}\n"
        '    description: {en: "Gamma, a third state."}\n'
        "  - id: valley\n"
        "    kind: place\n"
        "    name: {en: Green Valley}\n"
        "    aliases: {en: [Green Valley, the valley]}\n"
        '    description: {en: "The Green Valley, a border region."}\n'
        "  - id: salt-accord\n"
        "    kind: treaty\n"
        "    name: {en: Salt Accord}\n"
        "    aliases: {en: [Salt Accord]}\n"
        '    description: {en: "The Salt Accord of 1840."}\n'
    )
    facts = (
        "  - id: valley-recognition\n"
        "    title: {en: The valley}\n"
        '    answer: {en: "Brevia kept recognising the Green Valley as part of Aldoria, even though Gamma had'
        ' held it since 1840."}\n'
        "    asks: [what]\n"
        '    phrasings: {en: ["what did the treaty say about the Green Valley"]}\n'
        "    keywords: {en: [recognised, recognising, recognition, belonged]}\n"
        "    entities: [valley, gamma, brevia, aldoria]\n"
        "  - id: old-accord\n"
        "    title: {en: The old accord}\n"
        '    answer: {en: "The treaty confirmed the Salt Accord of 1840 between the two states."}\n'
        "    asks: [what]\n"
        '    phrasings: {en: ["which earlier accord did the treaty confirm"]}\n'
        "    keywords: {en: [confirmed, confirm, reaffirmed, accord]}\n"
        "    entities: [salt-accord]\n"
        "  - id: gamma-objection\n"
        "    title: {en: Gamma's objection}\n"
        '    answer: {en: "Gamma objected to the treaty, fearing for its salt trade."}\n'
        "    asks: [who, why]\n"
        '    phrasings: {en: ["who objected to the treaty", "why did Gamma object"]}\n'
        "    keywords: {en: [objected, objection, reaction]}\n"
        "    entities: [gamma]\n"
        "  - id: ports\n"
        "    title: {en: Ports}\n"
        '    answer: {en: "Both states promised to keep their ports open to each other\'s merchant ships."}\n'
        "    asks: [what]\n"
        '    phrasings: {en: ["what did the treaty say about ports"]}\n'
        "    keywords: {en: [ports, harbours, ships, merchant]}\n"
    )
    return _northwind_with(tmp_path, entities=more_entities, facts=facts + more_facts)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The answer names Gamma, but outside the clause that says whose the valley was.
        ("Brevia recognised the Green Valley as part of Gamma, right?", "No"),
        ("did Brevia accept that the Green Valley belonged to Gamma?", "No"),
        # Gamma beside Aldoria is the claim's setting, and Brevia is who acts: both borne out.
        ("Brevia recognised the Green Valley as Aldorian though Gamma held it, right?", "Yes"),
        # The topic's own year before a noun names the treaty; the older accord's year is checked.
        ("did the 1850 treaty confirm the Salt Accord of 1840?", "Yes"),
        ("the 1850 treaty confirmed the Salt Accord of 1845, right?", "No"),
        # Approval against disapproval, a negation turning one into the other.
        ("Gamma backed the treaty, right?", "No"),
        ("did Gamma welcome the treaty?", "No"),
        ("Gamma wasn't happy about the treaty, was it?", "Yes"),
        ("Gamma was all for the treaty, right?", "No"),  # an idiom of approval
        ("the Gammans were big supporters of the treaty, true?", "No"),
        # Nearly every word in the answer: a paraphrase ("harbours") is borne out ...
        ("is it correct that both states promised to keep their harbours open to merchant ships?", "Yes"),
    ],
)
def test_claims_check_the_value_not_the_setting(tmp_path: Path, question: str, opening: str) -> None:
    answer = _valley_facts(tmp_path).ask(question)
    assert answer.outcome is Outcome.ANSWERED, (question, answer.text)
    assert answer.text.startswith(opening), (question, answer.text)


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("how did Gamma feel about the treaty?", "Gamma objected"),  # asks a stance, takes none
        (
            "how is the Salt Accord connected to the treaty?",
            "confirmed the Salt Accord",
        ),  # any fact naming both
    ],
)
def test_words_that_ask_for_a_stance_or_a_link_are_no_other_subject(
    tmp_path: Path, question: str, part: str
) -> None:
    answer = _valley_facts(tmp_path).ask(question)
    assert answer.outcome is Outcome.ANSWERED and part in answer.text, answer.text


def test_a_claim_with_the_opposite_word_is_contradicted(tmp_path: Path) -> None:
    # All but one of its words are in the answer, and that one is the opposite of the answer's.
    answer = _valley_facts(tmp_path).ask("both states promised to keep their ports shut to merchant ships?")
    assert answer.text.startswith("No"), answer.text


def test_names_alone_bear_out_no_claim_whose_deed_the_fact_does_not_speak_of(northwind: FactEngine) -> None:
    from bot.core.claims import Claim, verdict
    from bot.core.language import language

    tables = [language("en")]
    claim = Claim("ann morrow ratified it", ("ann-morrow",), frozenset())
    text = "Ann Morrow, Aldoria's chancellor, opened the talks."
    facts = northwind.facts
    assert verdict(claim, ("ann-morrow",), text, facts, tables) is True  # Ann Morrow is in the answer
    # ... but the fact matched the claim on no word beyond the name: it cannot tell.
    assert verdict(claim, ("ann-morrow",), text, facts, tables, predicate_matched=False) is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("wasn't the treaty in force when Brevia withdrew?", None),  # "when" opens a clause
        ("was it signed where the border ran?", None),
        ("did it take effect the same day it was signed?", "when"),  # "day" asks, though inside
        ("when was it signed, right?", "when"),  # it opens with the question word: it asks when
    ],
)
def test_a_question_word_inside_a_yes_no_question_asks_nothing(
    northwind: FactEngine, question: str, kind: str | None
) -> None:
    understood = northwind.understand(question)
    assert understood.yes_no and understood.kind == kind


def test_claimed_ordinals_are_read_in_each_language() -> None:
    from bot.core.claims import ordinals
    from bot.core.language import language

    tables = [language("en"), language("lt"), language("ru")]
    assert ordinals(["the", "second", "seimas"], tables) == {2}
    assert ordinals(["antrasis", "seimas"], tables) == {2}
    assert ordinals(["третии", "сеим"], tables) == {3}
    assert ordinals(["вторжение"], tables) == frozenset()  # "invasion", not "second"


def test_scheduled_dates_reach_spans_but_not_the_timeline(tmp_path: Path) -> None:
    text = (HERE / "data" / "northwind.yaml").read_text(encoding="utf-8")
    planned = (
        '  - {id: due, date: 1870-06-01, scheduled: true, text: {en: "The treaty was due to expire."}}\n'
    )
    text = text.replace("facts:\n", planned + "facts:\n", 1)
    path = tmp_path / "northwind.yaml"
    path.write_text(text, encoding="utf-8")
    engine = FactEngine(load_fact_file(path))
    assert "1870" not in engine.ask("timeline").text
    assert "nothing recorded" in engine.ask("what happened in 1870").text
    span = engine.ask("how long before it was due to expire did Brevia withdraw?")
    assert span.outcome is Outcome.ANSWERED, span.text
    assert "28 February 1861" in span.text and "1 June 1870" in span.text, span.text


def test_a_role_question_is_answered_by_the_persons_card(tmp_path: Path) -> None:
    """A fact about an event that names the person fits the rest of the question as well as the card."""
    talks = (
        "  - id: talks\n"
        "    title: {en: Talks}\n"
        '    answer: {en: "Talks began in May 1849, when Ann Morrow came to Saltmarsh Castle."}\n'
        "    asks: [when]\n"
        '    phrasings: {en: ["when did the talks begin"]}\n'
        "    keywords: {en: [talks, began, negotiations]}\n"
        "    entities: [ann-morrow]\n"
    )
    engine = _northwind_with(tmp_path, facts=talks)
    answer = engine.ask("which office did Ann Morrow hold when the talks began?")
    assert answer.outcome is Outcome.ANSWERED and "chancellor" in answer.text, answer.text
    assert "Talks began" in engine.ask("when did the talks begin?").text


def test_a_fact_that_only_names_the_things_around_an_event_is_not_its_date(tmp_path: Path) -> None:
    """ "When did Brevia join the League?": the file tells when the treaty was registered with the
    League and, elsewhere, that Brevia would join no alliance; neither says when Brevia joined it."""
    league = (
        "  - id: league\n"
        "    kind: organisation\n"
        "    name: {en: League of Towns}\n"
        "    aliases: {en: [League of Towns, the League]}\n"
        '    description: {en: "The League of Towns, which kept a register of treaties."}\n'
    )
    facts = (
        "  - id: registration\n"
        "    title: {en: Registration}\n"
        '    answer: {en: "The treaty was registered with the League of Towns on 1 May 1851."}\n'
        "    asks: [when]\n"
        '    phrasings: {en: ["when was the treaty registered with the League"]}\n'
        "    keywords: {en: [registered, registration, register]}\n"
        "    entities: [league]\n"
        "  - id: neutrality\n"
        "    title: {en: Neutrality}\n"
        '    answer: {en: "Brevia promised not to join any alliance directed against Aldoria."}\n'
        "    asks: [what]\n"
        '    phrasings: {en: ["what did Brevia promise", "what was the neutrality clause"]}\n'
        "    keywords: {en: [join, alliance, neutrality, promised]}\n"
        "    entities: [brevia]\n"
        "  - id: accession\n"
        "    title: {en: Accession}\n"
        '    answer: {en: "Other states could join the treaty by a letter to both parties."}\n'
        "    asks: [how]\n"
        '    phrasings: {en: ["could other states join the treaty", "how could a state join"]}\n'
        "    keywords: {en: [join, accession, states]}\n"
        "  - id: talks\n"
        "    title: {en: Talks}\n"
        '    answer: {en: "Aldoria asked Brevia to join talks on a trade accord in 1849."}\n'
        "    asks: [who]\n"
        '    phrasings: {en: ["who proposed the talks", "who asked Brevia to join talks"]}\n'
        "    keywords: {en: [join, talks, proposed]}\n"
    )
    engine = _northwind_with(tmp_path, entities=league, facts=facts)
    assert engine.ask("when did Aldoria join the League of Towns?").outcome is Outcome.DECLINED
    registered = engine.ask("when was it put in the League's register?")  # "put": a light verb
    assert "1 May 1851" in registered.text, registered.text


def test_a_persons_age_is_worked_out_only_from_a_birth_the_file_tells_of(tmp_path: Path) -> None:
    question = "how old was Ann Morrow when the treaty was signed?"
    assert _northwind_with(tmp_path).ask(question).outcome is Outcome.DECLINED
    born = '  - {id: born, date: 1801-03-14, text: {en: "Ann Morrow is born."}}\n'
    answer = _northwind_with(tmp_path, events=born).ask(question)
    assert answer.outcome is Outcome.ANSWERED and "49 years" in answer.text, answer.text


def test_a_claimed_place_is_checked_against_the_fact_about_the_deed_not_the_places_card(
    tmp_path: Path,
) -> None:
    """ "Was it signed in Port Amber?": the port's card matches the name best, but says nothing of the
    signing; the fact about where it was signed settles the claim."""
    port = (
        "  - id: port-amber\n"
        "    kind: place\n"
        "    name: {en: Port Amber}\n"
        "    aliases: {en: [Port Amber]}\n"
        '    description: {en: "Port Amber, a harbour town of Brevia where the treaty was later extended."}\n'
    )
    venue = _fact_item(
        "venue",
        "Where it was signed",
        "The treaty was signed at Saltmarsh Castle.",
        "where",
        ["where was the treaty signed", "in which place was it signed"],
        "signed, signing, venue",
        "saltmarsh",
    )
    # A fact that something else was signed there names the port too, but does not say where the
    # treaty was signed: it settles the other deed only.
    protocol = _fact_item(
        "harbour-protocol",
        "The harbour protocol",
        "In 1855 the two states signed a harbour protocol at Port Amber.",
        "what, when",
        ["what was the harbour protocol", "when was the harbour protocol signed"],
        "harbour, protocol, signed",
        "port-amber",
    )
    engine = _northwind_with(tmp_path, entities=port, facts=venue + protocol)
    for question in ("was it signed in Port Amber?", "was the treaty signed in Port Amber?"):
        answer = engine.ask(question)
        assert answer.text.startswith("No") and "Saltmarsh Castle" in answer.text, answer.text
    assert engine.ask("was the harbour protocol signed at Port Amber?").text.startswith("Yes — ")


@pytest.mark.parametrize(
    "question",
    [
        "why did Gamma sign its own treaty with Aldoria?",  # another state's own treaty with a party
        "why did Aldoria sign a separate treaty with Gamma?",  # a party's treaty with another state
        "did Gamma object to a similar treaty with Brevia?",  # a claim: still another relationship
    ],
)
def test_a_treaty_between_another_state_and_a_party_is_another_subject(tmp_path: Path, question: str) -> None:
    answer = _valley_facts(tmp_path).ask(question)
    assert answer.outcome is Outcome.DECLINED, answer.text


def test_the_topic_with_a_party_is_no_other_treaty(tmp_path: Path) -> None:
    answer = _valley_facts(tmp_path).ask("why did Gamma object to the treaty with Aldoria?")
    assert answer.outcome is Outcome.ANSWERED and "Gamma objected" in answer.text, answer.text


def _twin_facts(tmp_path: Path, related: bool) -> FactEngine:
    """Two facts that fit the same question equally well, listing each other as related or not."""
    text = (HERE / "data" / "northwind.yaml").read_text(encoding="utf-8")
    links = "    related: [{other}]\n" if related else ""
    twins = "".join(
        f"  - id: {name}\n"
        f"    title: {{en: Harbour {name}}}\n"
        f'    answer: {{en: "The harbour clause, {name} part."}}\n'
        f"    asks: [what]\n"
        f'    phrasings: {{en: ["what is the harbour clause"]}}\n'
        f"    keywords: {{en: [harbour, clause]}}\n" + links.format(other=other)
        for name, other in (("one", "two"), ("two", "one"))
    )
    path = tmp_path / "twins.yaml"
    path.write_text(text + twins, encoding="utf-8")
    return FactEngine(load_fact_file(path))


def test_of_level_facts_a_claim_goes_to_the_one_that_speaks_of_its_deed(northwind: FactEngine) -> None:
    """ "It was signed at Saltmarsh Castle, right?": the castle is the value to check. A fact that only
    names the castle, level with the one about where the treaty was signed, does not tie with it."""
    from bot.core.ranking import Scored

    index = northwind.index
    question = northwind.understand("it was signed at Saltmarsh Castle, right?")
    signing = index.candidates[index.fact_candidate["signing-place"]]
    castle = index.candidates[index.fact_candidate["ending"]]  # a fact not about signing, made to name it
    castle = dataclasses.replace(castle, entity_ids=castle.entity_ids | {"saltmarsh"})
    ranked = [Scored(castle, 0.70), Scored(signing, 0.69)]
    assert northwind.ranker.decide(question, ranked) == ranked[1]


def test_a_tie_between_related_facts_still_answers(tmp_path: Path) -> None:
    assert _twin_facts(tmp_path, related=False).ask("harbour fees").outcome is Outcome.DECLINED
    answer = _twin_facts(tmp_path, related=True).ask("harbour fees")
    assert answer.outcome is Outcome.ANSWERED and "The harbour clause" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("wehn was the treaty signed", "14 March 1850"),  # swapped letters in a question word
        ("were was the treaty signed", "Saltmarsh Castle"),  # "were" typed for "where"
        ("hwo signed the treaty", "Ann Morrow"),
        ("where was teh treaty signed", "Saltmarsh Castle"),  # swapped letters of a stop word
        ("was it in forse in 1855", "Yes."),  # no word of any language: a typo, though short
    ],
)
def test_question_words_typed_wrong(northwind: FactEngine, question: str, part: str) -> None:
    answer = northwind.ask(question)
    assert part in answer.text, answer.text


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("locaton", True),  # no word of the language: a typo of "location"
        ("locatoin", True),  # swapped letters
        ("regard", False),  # a real word of its own, not a misspelt "read"
    ],
)
def test_a_real_word_is_a_typo_only_one_slip_from_a_file_word(
    northwind: FactEngine, word: str, known: bool
) -> None:
    units = {u.label: u for u in northwind.understand(f"what was the {word}").units}
    assert units[word].known is known


def test_a_file_word_the_language_uses_everywhere_weighs_less(northwind: FactEngine) -> None:
    def weight(question: str) -> float:
        return next(u.weight for u in northwind.understand(question).units if u.label == "end")

    full = max(northwind.index.idf[s] for s in ("end",) if s in northwind.index.idf)
    assert weight("when did it end") < full  # "end" is among the language's most common words
    assert weight("what was the Saltmarsh end") == pytest.approx(full)  # beside a name: part of it


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("what day of the week was it signed?", "en", "14 March 1850 was a Thursday."),
        ("what weekday did the treaty end?", "en", "28 February 1861 was a Thursday."),
    ],
)
def test_the_weekday_of_a_dated_thing(northwind: FactEngine, question: str, lang: str, expected: str) -> None:
    answer = northwind.ask(question, lang=lang)
    assert answer.outcome is Outcome.ANSWERED and expected in answer.text, answer.text


def test_a_range_with_a_unit_asks_for_a_span(northwind: FactEngine) -> None:
    answer = northwind.ask("days from the signing to the end of the treaty?")
    assert "14 March 1850" in answer.text and "28 February 1861" in answer.text, answer.text


def test_who_is_answered_by_a_fact_that_names_someone(northwind: FactEngine) -> None:
    answer = northwind.ask("who withdrew from the treaty?")
    assert answer.outcome is Outcome.ANSWERED and "Brevia withdrew" in answer.text, answer.text


@pytest.mark.parametrize(
    "greeting",
    ["hello there!", "thx!", "hi everyone", "labas", "привет", "what day of the week is it today?"],
)
def test_small_talk_is_greeted_back_with_an_example(northwind: FactEngine, greeting: str) -> None:
    answer = northwind.ask(greeting)
    assert answer.outcome is Outcome.EMPTY, answer.text  # nothing asked: no decline to record
    assert "Treaty of Northwind" in answer.text and "when was the treaty signed" in answer.text, answer.text
    assert answer.text.split()[0] in ("Hi!", "Labas!", "Привет!"), answer.text


def test_each_question_of_a_message_is_answered(northwind: FactEngine) -> None:
    answer = northwind.ask("Where was the treaty signed, and how did it end?")
    assert answer.outcome is Outcome.ANSWERED
    assert "Saltmarsh Castle" in answer.text and "28 February 1861" in answer.text, answer.text
    assert answer.fact_ids == ("signing-place", "ending")
    # One question about another subject: the others may lean on it, so none is answered.
    other = northwind.ask("When was the Treaty of Versailles signed, and where was the treaty signed?")
    assert other.outcome is Outcome.DECLINED, other.text


def test_a_name_typed_in_lower_case_is_a_claims_value(pact: FactEngine) -> None:
    """Chat types names in lower case: a word no frequency table knows is the name the claim states,
    so the claim gets its verdict instead of a decline for an unknown word."""
    answer = pact.ask("smetona signed it for lithuania didnt he")
    assert answer.text.startswith("No — ") and "Sleževičius" in answer.text, answer.text
    assert pact.understand("smetona signed it for lithuania didnt he").claimed_names == ("smetona",)
    # With one of the file's people named, the unknown word is something said of that person.
    said_of_person = pact.understand("Jurgis Baltrušaitis was a famous symbolist poet, true?")
    assert said_of_person.claimed_names == (), said_of_person.units
    # Outside a claim it is still an unknown word, evidence of another subject.
    assert pact.understand("when did smetona sign it for lithuania?").claimed_names == ()


def test_a_when_question_needs_an_answer_that_gives_a_time(tmp_path: Path) -> None:
    """ "In what year did Ann Morrow leave office?": her card names her and her office, but gives no
    time, so it does not say when."""
    engine = _northwind_with(tmp_path)
    assert engine.ask("in what year did Ann Morrow leave office?").outcome is Outcome.DECLINED
    # Her signing is answered by the fact that dates it, never by the list of who signed.
    signed = engine.ask("in what year did Ann Morrow sign the treaty?")
    assert "Piet Vos" not in signed.text, signed.text
    assert "1850" in engine.ask("in what year was the treaty signed?").text
    # A card still answers who the person was.
    assert engine.ask("who was Ann Morrow?").outcome is Outcome.ANSWERED


@pytest.mark.parametrize(
    "question",
    ["sanity check: the treaty was signed at Saltmarsh?", "iirc the treaty was signed at Saltmarsh?"],
)
def test_chat_markers_of_a_claim_are_read_as_such(northwind: FactEngine, question: str) -> None:
    answer = northwind.ask(question)
    assert answer.text.startswith("Yes — ") and "Saltmarsh Castle" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    ["does anyone know when the treaty was signed?", "do you know when it was signed? thanks"],
)
def test_asking_whether_someone_knows_asks_what_the_question_word_asks(
    northwind: FactEngine, question: str
) -> None:
    answer = northwind.ask(question)
    assert answer.text.startswith("The Treaty of Northwind was signed on 14 March 1850"), answer.text
    assert not northwind.understand(question).yes_no


def test_a_word_of_knowing_is_read_in_lithuanian_and_russian(pact: FactEngine) -> None:
    lithuanian = pact.understand("ar kas žino, kada buvo pasirašyta sutartis?")  # "kas" is "anyone"
    assert (lithuanian.kind, lithuanian.yes_no) == ("when", False)
    assert "28 сентября 1926" in pact.ask("кто-нибудь знает, когда подписали договор?").text


def test_a_question_naming_another_treaty_needs_more_than_a_near_score(pact: FactEngine) -> None:
    """Just under the threshold a small lead answers "whatever the words", but not when a word names
    another subject: the pact of a party with a third state is not this one."""
    question = "When did the Soviet–Estonian non-aggression pact come into force?"
    assert any(u.other for u in pact.understand(question).units)
    assert pact.ask(question).outcome is Outcome.DECLINED


def test_coming_into_force_is_an_entry_not_the_time_in_force(northwind: FactEngine, pact: FactEngine) -> None:
    """ "How long did it take to come into force?" asks for the delay from signing, "how long was it in
    force?" for the time it lasted: "come into force" is read as "entry into force"."""
    delay = northwind.ask("how long did it take to come into force?")
    assert delay.fact_ids == ("effect-delay",), delay.text
    lasted = northwind.ask("how long was the treaty in force?")
    assert lasted.fact_ids == ("duration",), lasted.text
    assert "13 years" in pact.ask("how long was it in force?").text


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("was the treaty drawn up in French and Latin?", "Yes — "),
        ("was it written in latin?", "Yes — "),
        ("was the treaty drawn up in French and German?", "No — "),
        ("was the treaty drawn up in Spanish and Latin?", "No — "),
        # capitalised language names are the values checked, not names of people who signed
        ("The official texts were in German and Spanish, right?", "No — "),
        ("The official texts were in French and Latin, right?", "Yes — "),
    ],
)
def test_a_claim_about_languages_is_checked_on_the_languages_named(
    tmp_path: Path, claim: str, verdict: str
) -> None:
    answer = _northwind_with(tmp_path, facts=_languages_fact()).ask(claim)
    assert answer.text.startswith(verdict) and "French and Latin" in answer.text, answer.text


def test_language_names_are_read_in_each_language(pact: FactEngine) -> None:
    answer = pact.ask("Был ли пакт составлен на немецком и русском языках?")  # German is not one of them
    assert answer.text.startswith("Нет — "), answer.text
    assert pact.ask("ar sutartis surašyta rusų ir lietuvių kalbomis?").text.startswith("Taip — ")
    answer = pact.ask("Was the treaty drawn up in German and Lithuanian?")  # each table names all three
    assert answer.text.startswith("No — "), answer.text


@pytest.mark.parametrize(
    ("question", "dates"),
    [
        ("how many days after the signing was the second extension?", ("14 March 1850", "2 April 1856")),
        (
            "how many days from its last extension to the end of the treaty?",
            ("2 April 1856", "28 February 1861"),
        ),
        ("how many days between the first and the second extension?", ("1 May 1852", "2 April 1856")),
        ("how many days after the signing was an extension agreed?", ("14 March 1850", "1 May 1852")),
    ],
)
def test_an_ordinal_picks_one_of_a_series_of_dated_things(
    tmp_path: Path, question: str, dates: tuple[str, str]
) -> None:
    extensions = (
        '  - {id: extended, date: 1852-05-01, text: {en: "An extension of the treaty is agreed."}}\n'
        '  - {id: extended-again, date: 1856-04-02, text: {en: "A further extension is agreed."}}\n'
    )
    answer = _northwind_with(tmp_path, events=extensions).ask(question)
    shown = [line for line in answer.text.splitlines() if line.startswith("• ")]
    assert [d for d in dates if any(d in line for line in shown)] == list(dates), answer.text
    assert len(shown) == 2, answer.text


def test_a_claims_year_points_to_the_fact_that_gives_it(pact: FactEngine) -> None:
    """ "Did the 1934 extension keep it going through 1945?" is about the fact that gives 1934; its
    words alone leave it level with the facts about the pact's end."""
    answer = pact.ask("Did the 1934 extension keep the pact going through 1945?")
    assert answer.text.startswith("No — ") and "31 December 1944" in answer.text, answer.text


@pytest.mark.parametrize(
    "claim",
    [
        "the treaty ended in 1861 when Brevia withdrew to Rockport, true?",  # a name the file does not know
        "the treaty ended in 1861 when Brevia withdrew to the Castle, true?",  # one it knows, not here
    ],
)
def test_a_name_the_answer_does_not_give_leaves_a_claim_unsettled(northwind: FactEngine, claim: str) -> None:
    assert northwind.ask("Brevia withdrew from the treaty in 1861, right?").text.startswith("Yes — ")
    answer = northwind.ask(claim)
    assert not answer.text.startswith(("Yes", "No")), answer.text


def test_a_common_real_word_is_no_typo_of_a_file_word(pact: FactEngine, northwind: FactEngine) -> None:
    """ "regain" is one letter off "remain", but the language uses it too often to be a slip."""
    units = {u.label: u for u in pact.understand("When did Lithuania regain control of Vilnius?").units}
    assert not units["regain"].known
    # A rare real word one letter off is still a typo ("sighed" for "signed").
    assert "14 March 1850" in northwind.ask("when was the treaty sighed?").text


def test_a_claims_only_year_is_its_value_and_pulls_nowhere(tmp_path: Path) -> None:
    """ "Was the treaty signed in 1849?" is about the signing: a fact that gives 1849 (a truce signed
    that year) must not answer it with a Yes."""
    truce = _fact_item(
        "truce",
        "The truce before the treaty",
        "A truce was signed at Saltmarsh in 1849, a year before the treaty.",
        "what, when",
        ["what was the truce", "when was the truce signed"],
        "truce, armistice, signed",
    )
    answer = _northwind_with(tmp_path, facts=truce).ask("was the treaty signed in 1849?")
    assert answer.text.startswith("No — ") and "14 March 1850" in answer.text, answer.text


@pytest.mark.parametrize(
    ("claim", "verdict", "named"),
    [
        ("did Ann Morrow sign the treaty with Brevia?", "Yes — ", "Ann Morrow"),  # the other side
        ("did Ann Morrow sign the treaty for Brevia?", "No — ", "Piet Vos"),  # she signed for Aldoria
    ],
)
def test_a_party_named_after_with_is_the_other_side(
    northwind: FactEngine, claim: str, verdict: str, named: str
) -> None:
    answer = northwind.ask(claim)
    assert answer.text.startswith(verdict) and named in answer.text, answer.text


def test_compared_to_asks_for_the_span_between_two_dated_things(tmp_path: Path) -> None:
    due = (
        '  - {id: due, date: 1865-03-14, scheduled: true, text: {en: "The treaty\'s term was due to end."}}\n'
    )
    engine = _northwind_with(tmp_path, events=due)
    answer = engine.ask("how many days early did it end compared to the 14 March 1865 end date?")
    assert "28 February 1861" in answer.text and "14 March 1865" in answer.text, answer.text


def test_the_whole_thing_is_chat_for_it(pact: FactEngine) -> None:
    """ "How did the whole thing end": "whole" is no rare word of the file, "the whole thing" is "it"."""
    answer = pact.ask("so how did the whole thing end lol")
    assert answer.fact_ids[:1] == ("end",), answer.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("kiek maždaug metų jis galiojo?", "how_long"),  # "kiek metų" with "about" inside
        ("сколько примерно лет он действовал?", "how_long"),
        ("kiek valstybių jį pasirašė?", "how_many"),  # no stray word makes a phrase of two apart
    ],
)
def test_a_hedge_inside_a_question_phrase_keeps_its_kind(
    northwind: FactEngine, question: str, kind: str
) -> None:
    assert northwind.understand(question).kind == kind


@pytest.mark.parametrize("hedge", ["personally", "totally", "supposedly"])
def test_hedges_and_intensifiers_are_no_evidence(northwind: FactEngine, hedge: str) -> None:
    plain = northwind.understand("was the treaty signed at Saltmarsh Castle?")
    hedged = northwind.understand(f"was the treaty {hedge} signed at Saltmarsh Castle?")
    assert [u.label for u in hedged.units] == [u.label for u in plain.units]


@pytest.mark.parametrize(
    "question",
    [
        "what happened to Ann Morrow later?",
        "when did Ann Morrow die?",
        "what did Ann Morrow do afterwards?",
        "what did Ann Morrow do after she left her post as chancellor?",
    ],
)
def test_a_persons_later_life_is_not_their_card(northwind: FactEngine, question: str) -> None:
    assert northwind.ask("who was Ann Morrow?").outcome is Outcome.ANSWERED
    answer = northwind.ask(question)
    assert answer.outcome is Outcome.DECLINED, answer.text


def test_a_death_an_event_tells_of_is_the_files_to_answer(northwind: FactEngine, tmp_path: Path) -> None:
    def others(engine: FactEngine) -> list[str]:
        return [u.label for u in engine.understand("when did Ann Morrow die?").units if u.other]

    died = '  - {id: morrow-dies, date: 1866-05-02, text: {en: "Ann Morrow dies at Saltmarsh."}}\n'
    assert others(northwind) == ["later"]
    assert others(_northwind_with(tmp_path, events=died)) == []


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("how many days between 14 March 1850 and 1 June 1850?", True),  # signed, in force
        ("how many days between March 3 and June 19?", False),  # a sum about other days
        ("how many days between 3 March 1850 and 1 June 1850?", False),
    ],
)
def test_days_a_span_question_names_must_be_those_of_the_things(
    northwind: FactEngine, question: str, answered: bool
) -> None:
    answer = northwind.ask(question)
    assert (answer.outcome is Outcome.ANSWERED) is answered, answer.text


def test_a_whole_date_the_file_never_gives_names_another_event(northwind: FactEngine, tmp_path: Path) -> None:
    def unknown_dates(question: str) -> list[str]:
        return [u.label for u in northwind.understand(question).units if u.year and not u.known]

    assert unknown_dates("what did the ultimatum of 13 March 1850 demand?") == ["1850-03-13"]
    assert unknown_dates("what was agreed on 14 March 1850?") == []  # the signing
    assert unknown_dates("was it signed on 13 March 1850?") == []  # a claim's date is its value
    # a day the file gives only in a text is known too
    meeting = _fact_item(
        "first-meeting",
        "First meeting",
        "The envoys first met on 2 May 1849.",
        "when",
        ["when did they meet"],
        "met",
    )
    noted = _northwind_with(tmp_path, facts=meeting)
    assert [u.label for u in noted.understand("what was said on 2 May 1849?").units if u.year] == []


def test_a_card_answers_only_the_deeds_it_tells_of(tmp_path: Path) -> None:
    """A card tells who or what its entity is: "what did Ann Morrow write?" is not answered by it,
    though the file speaks of writing elsewhere; what she was, and who she was, are."""
    engine = _northwind_with(tmp_path, facts=_languages_fact(", write"))
    assert engine.ask("what did Ann Morrow write?").outcome is Outcome.DECLINED
    for question in (
        "who was Ann Morrow?",
        "what position did Ann Morrow hold?",
        "what role did Ann Morrow play in the conclusion of the treaty?",  # "role" is a stop word
    ):
        answer = engine.ask(question)
        assert answer.text.startswith("Ann Morrow, Aldoria's chancellor"), (question, answer.text)


def test_an_office_is_answered_only_by_a_card_that_names_one(tmp_path: Path) -> None:
    """A card that tells only of a person's part in the story ("who signed for Aldoria") does not say
    what post she held: "what post did Jo Pell hold?" asks what the file does not tell. Her role is
    still answered by the card, and so is the office of a person whose card names one."""
    pell = (
        "  - id: jo-pell\n"
        "    kind: person\n"
        "    name: {en: Jo Pell}\n"
        "    aliases: {en: [Jo Pell, Pell]}\n"
        '    description: {en: "Jo Pell signed the treaty for Aldoria together with Ann Morrow."}\n'
        "    role: signatory\n"
        "    side: aldoria\n"
    )
    engine = _northwind_with(tmp_path, entities=pell)
    for question in (
        "what post did Jo Pell hold?",
        "What official position did Jo Pell hold when she signed the treaty?",
        "what was jo pell's job in 1850?",
    ):
        assert engine.ask(question).outcome is Outcome.DECLINED, question
    for question in ("who was Jo Pell?", "what role did Jo Pell play?"):
        answer = engine.ask(question)
        assert answer.text.startswith("Jo Pell signed"), (question, answer.text)
    answer = engine.ask("what post did Piet Vos hold?")
    assert answer.text.startswith("Piet Vos, Brevia's envoy"), answer.text
    # A claim of her office is one the file cannot check either; of his, it can.
    claim = engine.ask("Is it true that Jo Pell was a general when she signed the treaty?")
    assert claim.outcome is Outcome.DECLINED, claim.text
    assert engine.ask("Piet Vos was Brevia's envoy, right?").text.startswith("Yes — Piet Vos"), claim.text


@pytest.mark.parametrize(
    "question",
    [
        "Kiek metų buvo Sleževičiui, kai jis pasirašė sutartį?",
        "Сколько лет было Александровскому, когда он подписал договор?",
        "how many years old was Chicherin when he stopped in Kaunas?",
    ],
)
def test_an_age_asked_in_a_phrase_is_declined_without_a_birth(pact: FactEngine, question: str) -> None:
    """ "Kiek metų buvo ...", "сколько лет было ...": an age asked in words other than "old"; the
    file tells of no one's birth."""
    answer = pact.ask(question)
    assert answer.outcome is Outcome.DECLINED, answer.text


def test_a_who_question_about_one_party_is_not_answered_by_the_other_sides_person(tmp_path: Path) -> None:
    """ "Who was Brevia's foreign minister?": Karl Brandt, the only foreign minister the file knows,
    acted for Aldoria; the file does not say who Brevia's was. Asked of his own party, or by name,
    his card answers."""
    brandt = (
        "  - id: karl-brandt\n"
        "    kind: person\n"
        "    name: {en: Karl Brandt}\n"
        "    aliases: {en: [Karl Brandt, Brandt, Aldorian foreign minister, foreign minister of Aldoria]}\n"
        '    description: {en: "Karl Brandt, Aldoria\'s foreign minister, who opened the talks."}\n'
        "    side: aldoria\n"
    )
    engine = _northwind_with(tmp_path, entities=brandt)
    for question in ("who was Brevia's foreign minister?", "who was the foreign minister of Brevia in 1850?"):
        answer = engine.ask(question)
        assert answer.outcome is Outcome.DECLINED, (question, answer.text)
    for question in ("who was Aldoria's foreign minister?", "who was Karl Brandt?"):
        answer = engine.ask(question)
        assert answer.text.startswith("Karl Brandt, Aldoria's foreign minister"), (question, answer.text)


def test_a_years_own_word_dates_the_question_and_asks_no_span(pact: FactEngine) -> None:
    """ "1926 metais", "в декабре 1926 года": the word for year after a year dates what is asked;
    it is no unit of a span to count ("kiek metų praėjo nuo 1926 metų ...?" still is)."""
    assert pact.ask("Kiek ūkininkų turėjo Lietuva 1926 metais?").outcome is Outcome.DECLINED
    linked = pact.ask("Была ли связь между договором и переворотом в декабре 1926 года?")
    assert linked.text.startswith("Да — ") and "переворот" in linked.text, linked.text
    for question in (
        "Kiek metų praėjo nuo 1926 metų iki okupacijos?",
        "Сколько лет прошло с 1926 года до оккупации?",
    ):
        span = pact.ask(question)
        assert "1940" in span.text and "13" in span.text, (question, span.text)


def test_the_city_after_a_place_is_named_points_back_at_it(pact: FactEngine) -> None:
    """ "Did the Soviets treat Vilnius as Lithuanian although Poland held the city?": "the city" is
    Vilnius again, no "where" question and no word for the signing place; "which city ...?" still
    asks where."""
    claim = pact.ask("Did the Soviets treat Vilnius as Lithuanian although Poland held the city?")
    assert claim.text.startswith("Yes — ") and "Vilnius" in claim.text, claim.text
    terms = pact.ask("What did the Soviets agree to regarding the city of Vilnius?")
    assert terms.outcome is Outcome.ANSWERED and "Vilnius" in terms.text, terms.text
    assert "Moscow" in pact.ask("in which city was the pact signed?").text


@pytest.mark.parametrize(
    "question",
    ["Which Lithuanian representatives signed the document?", "which Lithuanian delegates signed it?"],
)
def test_a_partys_name_inside_a_which_phrase_still_asks_who(pact: FactEngine, question: str) -> None:
    """ "Which Lithuanian representatives ...?" asks who, as "which representatives" does."""
    assert pact.understand(question).kind == "who"
    assert pact.ask(question).text.startswith("Mykolas Sleževičius and Jurgis Baltrušaitis signed")


def test_the_parties_called_what_they_are_set_the_scene(pact: FactEngine) -> None:
    """ "Who signed the pact on behalf of the contracting parties?" asks who signed: "the contracting
    parties" are the topic's parties, not the question's subject. Asked for after a copula ("who were
    the contracting parties?") they are what is asked."""
    signers = pact.ask("Who signed the pact on behalf of the contracting parties?")
    assert "Chicherin" in signers.text and "Baltrušaitis" in signers.text, signers.text
    ended = pact.ask("Kas nutraukė sutartį tarp abiejų šalių?")
    assert ended.outcome is Outcome.ANSWERED and "1940" in ended.text, ended.text
    parties = pact.ask("who were the original contracting parties?")
    assert parties.text.startswith("The pact had two parties"), parties.text


@pytest.mark.parametrize(
    "question",
    [
        "What commitment regarding the Memel Territory did Moscow make?",
        "what did the treaty say about the Klaipeda region, briefly?",
    ],
)
def test_of_facts_level_on_the_words_the_one_titled_after_the_place_asked_answers(
    pact: FactEngine, question: str
) -> None:
    """Three facts mention the Klaipėda Region (the terms, Germany's concern and its own); level on the
    words, the one whose title names it is about it."""
    answer = pact.ask(question)
    recognised = "The Soviet Union recognised Lithuania's interests in the Klaipėda"
    assert answer.text.startswith(recognised), answer.text


def test_a_lead_in_opening_with_the_first_word_of_a_question_phrase_is_still_a_lead_in(
    pact: FactEngine,
) -> None:
    """ "For my history poster: when ...?": "for" starts "for how long", but without the rest of that
    phrase it opens no question, so the clause is the asker's lead-in; "проверь утверждение: ..."
    asks to check the claim after it."""
    ended = pact.ask("For my history poster: when and how did the pact come to an end?")
    assert ended.text.startswith("The pact was broken on 15 June 1940"), ended.text
    checked = pact.ask("Проверь утверждение: договор подписали в Каунасе. Верно?")
    assert checked.text.startswith("Нет — Договор подписан в Москве"), checked.text
    term = pact.ask("For how long was it concluded at first?")
    assert term.text.startswith("The pact was originally concluded for five years"), term.text


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("when was the pact logged in the League's treaty series?", "The pact was registered in the League"),
        (
            "the soviets called vilnius lithuanian while the poles were sitting on it, right?",
            "Yes — The Soviet Union",
        ),
        ("so how did the treaty end up dying?", "The pact was broken on 15 June 1940"),
    ],
)
def test_chat_words_for_registering_holding_and_ending(pact: FactEngine, question: str, start: str) -> None:
    """ "logged" in a treaty series is registered there, a place one is "sitting on" is held, and a
    treaty "dying" ends (a person's death stays a question of later life: "die" is not mapped)."""
    assert pact.ask(question).text.startswith(start)


@pytest.mark.parametrize(
    "question", ["Nuo kada Vilnius buvo lenkų kontroliuojamas?", "nuo kada vilniaus kraštas lenkų valdomas?"]
)
def test_since_when_poland_held_vilnius_in_lithuanian_participles(pact: FactEngine, question: str) -> None:
    """The fact's Lithuanian keywords give the participles ("kontroliuojamas", "valdomas") as its
    English ones give "in charge" and "Polish hands"."""
    answer = pact.ask(question)
    assert answer.text.startswith("Želigovskio maištas") and "1920" in answer.text, answer.text


@pytest.mark.parametrize(
    "question", ["Kokių priekaištų sutarčiai turėjo Lenkija?", "ką lenkai prikišo sovietams ir lietuviams?"]
)
def test_a_lithuanian_reproach_is_an_objection(pact: FactEngine, question: str) -> None:
    """ "Priekaištas", "prikišo": what Poland reproached is what it objected to."""
    assert pact.ask(question).text.startswith("Lenkija tvirtino, kad sutartis pažeidžia Rygos taiką")


def test_the_acts_the_1933_convention_listed_are_not_in_the_file(pact: FactEngine) -> None:
    """The file says a convention defined aggression, not which acts it listed: its keywords do not
    claim "acts of aggression", so "what acts ... did it name?" is declined and its date still
    answered."""
    assert pact.ask("what acts of aggression did the 1933 convention name?").outcome is Outcome.DECLINED
    dated = pact.ask("when was the convention defining aggression signed?")
    assert dated.text.startswith("On 5 July 1933 a separate convention was signed"), dated.text


def test_a_clause_opening_with_a_preposition_and_a_question_phrase_asks(pact: FactEngine) -> None:
    """ "In what year was the Baltic Entente set up, and who belonged to it?": the first clause asks
    (about something the file does not date), so it is no lead-in to set aside, and "who belonged to
    it?" is not answered alone with the pact's parties."""
    assert pact.ask("In what year was the Baltic Entente set up, and who belonged to it?").outcome is (
        Outcome.DECLINED
    )
    both = pact.ask("In which city, and on what date, was the pact signed?")
    assert "Moscow" in both.text and "28 September 1926" in both.text, both.text


def test_the_occupation_is_not_the_annexation_or_an_ultimatum(pact: FactEngine) -> None:
    """The source tells of the Soviet occupation that broke the pact, not of an ultimatum before it or
    an annexation after it: the file no longer names the occupation so."""
    assert pact.ask("when was the Soviet annexation of Lithuania?").outcome is Outcome.DECLINED
    assert pact.ask("What did the Soviet ultimatum to Lithuania demand?").outcome is Outcome.DECLINED
    assert pact.ask("what broke the pact?").text.startswith("The pact was broken on 15 June 1940")


def test_a_claim_may_restate_a_fact_in_the_words_its_writer_gave(tmp_path: Path) -> None:
    harbours = _fact_item(
        "harbours",
        "Open harbours",
        "Brevia promised to keep its harbours open to Aldorian ships.",
        "what",
        ["what did Brevia promise about its ports", "were Brevia's ports open to Aldorian vessels"],
        "ports, vessels, harbours, ships",
    )
    engine = _northwind_with(tmp_path, facts=harbours)
    answer = engine.ask("Brevia promised to keep its ports open to Aldorian vessels, right?")
    assert answer.text.startswith("Yes — Brevia promised"), answer.text
    answer = engine.ask("Brevia promised to keep its ports shut to Aldorian vessels, right?")
    assert answer.text.startswith("No — Brevia promised"), answer.text


def test_a_claim_naming_another_treaty_than_the_facts_is_contradicted(tmp_path: Path) -> None:
    treaties = (
        "  - {id: harbour-accord, kind: treaty, name: {en: Harbour Accord},\n"
        "     aliases: {en: [Harbour Accord]},\n"
        '     description: {en: "The Harbour Accord of 1840 between Aldoria and Brevia."}}\n'
        "  - {id: salt-treaty, kind: treaty, name: {en: Salt Treaty}, aliases: {en: [Salt Treaty]},\n"
        '     description: {en: "The Salt Treaty of 1845 between Brevia and Gamma."}}\n'
    )
    confirmed = _fact_item(
        "confirmed",
        "The accord it confirmed",
        "The treaty confirmed the Harbour Accord of 1840.",
        "what",
        ["which earlier treaty did it confirm", "what did the treaty confirm"],
        "confirmed, confirm, earlier",
        entities="harbour-accord",
    )
    engine = _northwind_with(tmp_path, entities=treaties, facts=confirmed)
    assert engine.ask("the treaty confirmed the Harbour Accord, right?").text.startswith("Yes — ")
    answer = engine.ask("the treaty confirmed the Salt Treaty, right?")
    assert answer.text.startswith("No — The treaty confirmed the Harbour Accord"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "was it in force all the way to 1861?",
        "ar ji galiojo iki pat 1861?",
        "действовал ли он вплоть до 1861?",
    ],
)
def test_all_the_way_to_is_until(northwind: FactEngine, question: str) -> None:
    labels = {u.label for u in northwind.understand(question).units}
    assert not labels & {"way", "pat", "вплоть"}, labels


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("when was it signed and by whom?", ("when", "who")),
        ("how long between the signing and the new end date?", ()),  # "date" opens no second question
    ],
)
def test_a_second_part_opens_with_its_question_word(
    northwind: FactEngine, question: str, parts: tuple[str, ...]
) -> None:
    assert northwind.understand(question).parts == parts


def test_a_unit_of_time_is_no_series(northwind: FactEngine) -> None:
    from bot.core.spans import in_series

    assert in_series(["how", "long", "did", "it", "last", "in", "years"], northwind.index) is None
    assert in_series(["did", "it", "last", "from", "signing"], northwind.index) is None
    both = in_series(["the", "first", "and", "the", "second", "extension"], northwind.index)
    assert both is not None and both.numbers == {1, 2}
    found = in_series(["its", "last", "extension"], northwind.index)
    assert found is not None and found.noun == "extension"


@pytest.mark.parametrize(
    "question",
    [
        "how many full years passed between the signing and the end of the treaty?",
        "from the signing to the end, how long did it last in years?",
    ],
)
def test_words_that_count_a_span_name_nothing_dated(northwind: FactEngine, question: str) -> None:
    answer = northwind.ask(question)
    assert "14 March 1850" in answer.text and "28 February 1861" in answer.text, answer.text


def test_an_ending_a_year_takes_is_no_word(northwind: FactEngine) -> None:
    labels = {u.label for u in northwind.understand("что случилось с договором в 1855-м?").units}
    assert "м" not in labels, labels


@pytest.mark.parametrize(
    ("question", "gone"),
    [
        ("what put an end to the treaty?", {"put", "end"}),
        ("что положило конец договору?", {"положило", "конец"}),
    ],
)
def test_put_an_end_to_is_ended(northwind: FactEngine, question: str, gone: set[str]) -> None:
    labels = {u.label for u in northwind.understand(question).units}
    assert not labels & gone, labels


def test_a_card_does_not_answer_what_it_does_not_tell(northwind: FactEngine) -> None:
    assert northwind.ask("what's the weather like in Saltmarsh?").outcome is Outcome.DECLINED
    assert northwind.ask("what is Saltmarsh?").text.startswith("Saltmarsh, the border castle")


def test_a_manner_adverb_weighs_as_a_common_word(northwind: FactEngine) -> None:
    from bot.core.tuning import COMMON_WORD_FLOOR, UNKNOWN_WEIGHT_FACTOR

    def weight(question: str, word: str) -> float:
        return next(u.weight for u in northwind.understand(question).units if u.label == word)

    common = northwind.index.max_idf * UNKNOWN_WEIGHT_FACTOR * COMMON_WORD_FLOOR
    assert weight("Brevia welcomed it enthusiastically?", "enthusiastically") == pytest.approx(common)
    assert weight("Brevia welcomed its enthusiasm?", "enthusiasm") > common  # a rare noun is evidence


def test_a_stance_claimed_is_explained_by_a_fact_taking_another(tmp_path: Path) -> None:
    # "backed" is a word of the file here, in a fact that takes no stance; the claim is explained by
    # the fact that takes one
    loan = _fact_item(
        "loan",
        "The harbour loan",
        "A harbour loan was backed by Aldorian gold.",
        "what",
        ["what backed the harbour loan"],
        "loan, backed, gold",
    )
    engine = _valley_facts(tmp_path, more_facts=loan)
    question = engine.understand("Gamma backed the treaty enthusiastically, right?")
    objection = next(c for c in engine.index.candidates if c.key == "fact:gamma-objection")
    assert _explains_asking(objection, question, engine.ranker._stance_stems)
    assert not _explains_asking(objection, question)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("where was it signed, Saltmarsh?", "Yes — "),
        ("where was it signed, London?", "No — "),
        ("where was it signed?", "It was signed at Saltmarsh"),
    ],
)
def test_a_bare_guess_after_a_question_is_checked(northwind: FactEngine, question: str, opening: str) -> None:
    _assert_opens(northwind, question, opening)


def test_a_bare_year_after_a_question_is_no_guess(northwind: FactEngine) -> None:
    assert not northwind.understand("when did Brevia join the league, 1890?").yes_no


def test_a_computed_span_needs_a_full_match(pact: FactEngine) -> None:
    """Just under the threshold, a clear lead answers; not for a fact that computes a span, which
    answers exactly what it computes."""
    assert (
        pact.ask("how many years after the Memel uprising was the pact signed?").outcome is Outcome.DECLINED
    )
    assert "13 years" in pact.ask("how many years was the pact in force?").text


@pytest.mark.parametrize(
    ("claim", "opening"),
    [
        ("did the talks begin in Brevport?", "No — "),  # Brevport is where he was going, not where
        ("did the talks begin in Saltmarsh?", "Yes — "),
    ],
)
def test_a_place_the_answer_names_another_way_does_not_bear_a_claim_out(
    tmp_path: Path, claim: str, opening: str
) -> None:
    port = (
        "  - {id: brevport, kind: place, name: {en: Brevport}, aliases: {en: [Brevport]},\n"
        '     description: {en: "Brevport, the capital of Brevia."}}\n'
    )
    talks = _fact_item(
        "talks",
        "How the talks began",
        "Talks began when the envoy stopped in Saltmarsh on his way to Brevport.",
        "when, where",
        ["how did the talks begin", "where did the talks begin"],
        "talks, began, begin, negotiations",
        entities="saltmarsh, brevport",
    )
    answer = _northwind_with(tmp_path, entities=port, facts=talks).ask(claim)
    assert answer.text.startswith(opening), answer.text


def test_a_claim_restates_a_fact_in_synonyms_the_language_gives(tmp_path: Path) -> None:
    ratified = _fact_item(
        "ratified",
        "Ratification",
        "The treaty came into force on the day both parliaments ratified it.",
        "when",
        ["when was the treaty ratified"],
        "ratified, ratification, parliaments",
    )
    answer = _northwind_with(tmp_path, facts=ratified).ask(
        "the treaty became valid on the day it was ratified, right?"
    )
    assert answer.text.startswith("Yes — "), answer.text  # "valid": in force


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # Two things, one on each side of "before" or "after": the order stated is checked.
        ("was the harbour clause added before the treaty came into force?", "No —"),
        ("was the harbour clause added after the treaty came into force?", "Yes —"),
        ("did Brevia withdraw after the harbour clause was added?", "Yes —"),
        # One thing and a year after the relative word.
        ("was the harbour clause added before 1860?", "Yes —"),
        ("was the harbour clause added after 1856?", "No —"),
    ],
)
def test_an_order_a_yes_no_question_states_is_checked(
    northwind: FactEngine, question: str, opening: str
) -> None:
    _assert_opens(northwind, question, opening)
    assert "1855" in northwind.ask(question).text


def test_an_order_is_judged_only_between_two_things_each_named_on_its_side(northwind: FactEngine) -> None:
    # The year on the left is the claim's own date, not the harbour clause's: the order is not what
    # it asks to check, so no verdict on the order is given.
    answer = northwind.ask("was the harbour clause added in 1857, after the treaty came into force?")
    assert not answer.text.startswith("Yes"), answer.text
    # A thing dated in the year itself is neither before nor after it.
    assert northwind.ask("was the harbour clause added before 1855?").text.startswith("No —")
    assert northwind.ask("was the harbour clause added after 1855?").text.startswith("No —")


@pytest.mark.parametrize(
    ("claim", "opening"),
    [
        ("did Aldoria withdraw from the treaty?", "No —"),  # the fact tells of the other party's deed
        ("was it Brevia that withdrew?", "Yes —"),
    ],
)
def test_a_party_claimed_to_do_the_other_partys_deed_is_contradicted(
    northwind: FactEngine, claim: str, opening: str
) -> None:
    answer = northwind.ask(claim)
    assert answer.text.startswith(opening) and "Brevia withdrew" in answer.text, answer.text


@pytest.mark.parametrize("question", ["In which castle did Australia sign?", "Which castle is in France?"])
def test_a_capitalised_word_the_file_does_not_know_is_a_name_of_another_subject(
    northwind: FactEngine, question: str
) -> None:
    # However common the word is in the language, a capital inside the sentence makes it a name.
    assert northwind.ask(question).outcome is Outcome.DECLINED


@pytest.mark.parametrize(
    "question", ["Thanks. Which castle was it signed in?", "Which castle was it signed in? LOL"]
)
def test_a_sentences_first_word_and_a_word_in_capitals_are_no_names(
    northwind: FactEngine, question: str
) -> None:
    assert "Saltmarsh" in northwind.ask(question).text


@pytest.mark.parametrize(
    "question", ["was Piet Vos purged?", "what was Piet Vos's fate?", "Какова судьба Piet Vos?"]
)
def test_a_persons_fate_is_their_later_life(northwind: FactEngine, question: str) -> None:
    # The card tells only of the person's part in the story; their fate lies beyond it.
    assert any(u.label == "later" and u.other for u in northwind.understand(question).units)


def test_an_amount_of_an_order_asks_for_a_span(northwind: FactEngine) -> None:
    answer = northwind.ask("how much earlier than the end of the treaty was the harbour clause added?")
    assert "1855" in answer.text and "28 February 1861" in answer.text and "6 years" in answer.text, (
        answer.text
    )
    tables = [language("ru"), language("en")]
    assert is_span_question(["насколько", "раньше"], "how_many", tables)[0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("was it already in force on New Year's Day 1851?", "Yes. The treaty was in force on 1 January 1851"),
        ("was it in force on new years eve 1849?", "No. The treaty was not yet in force on 31 December 1849"),
    ],
)
def test_a_feast_day_is_read_as_its_date(northwind: FactEngine, question: str, expected: str) -> None:
    assert expected in northwind.ask(question).text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # A "when" that opens a clause of its own inside a claim sets the time; it asks nothing.
        ("the treaty was signed at Saltmarsh when Ann Morrow was chancellor of Aldoria, right?", None),
        # One with nothing said after it asks.
        ("the treaty was extended until when exactly?", "when"),
        ("the treaty was signed at Saltmarsh, right? when was that", "when"),
    ],
)
def test_a_when_inside_a_claim_opens_a_clause_that_sets_the_time(
    northwind: FactEngine, question: str, kind: str | None
) -> None:
    assert northwind.understand(question).kind == kind


def test_an_asker_word_after_a_possessive_is_the_askers_own(pact: FactEngine) -> None:
    # "friend" is a word of the fact file ("friendly"); after "my" it is who says the claim.
    labels = {
        u.label
        for u in pact.understand("claim from my friend: it was signed in kaunas. true or false?").units
    }
    assert "friend" not in labels and "kaunas" in labels


def test_a_claimed_month_is_a_value_not_an_unknown_word(northwind: FactEngine) -> None:
    question = northwind.understand("it was signed on 14 mar, right?")
    assert question.yes_no and "mar" not in {u.label for u in question.units}


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("sveiki, kas pasirašė sutartį iš lietuvių pusės?", "puses"),
        ("кто подписал договор с советской стороны?", "стороны"),
    ],
)
def test_a_side_beside_a_partys_name_is_part_of_naming_it(pact: FactEngine, question: str, word: str) -> None:
    assert word not in {u.label for u in pact.understand(question).units}


def test_colloquial_and_idiomatic_words_in_russian_and_lithuanian(pact: FactEngine) -> None:
    assert pact.understand("кто расписался за Литву?").kind == "who"
    assert "расписался" in {u.label for u in pact.understand("кто расписался за Литву?").units if u.known}
    assert "деле" not in {u.label for u in pact.understand("кто на самом деле подписал?").units}
    assert pact.understand("kiek laikui ji buvo pratęsta?").kind == "how_long"


def test_only_the_questions_own_language_says_how_a_yes_no_question_opens(pact: FactEngine) -> None:
    # Lithuanian "iš" folds to English "is", which opens a yes/no question in English only.
    question = pact.understand("iš sovietų pusės kas pasirašė?")
    assert question.kind == "who" and not question.yes_no
    assert pact.understand("is it true that it was signed in Moscow?").yes_no


def test_ordinals_in_digits_read_as_words(pact: FactEngine) -> None:
    assert "second" in pact.understand("and after the 2nd extension, till when did it run").focus
    assert "antrasis" in pact.understand("kada buvo 2-asis pratęsimas?").focus


def test_no_order_is_judged_of_a_deed_by_someone_the_file_does_not_know(northwind: FactEngine) -> None:
    # "Jones signed it after ...": the order of the signing and the clause says nothing of Jones.
    answer = northwind.ask("Jones signed it right after the harbour clause was added, yes?")
    assert "1855" not in answer.text, answer.text


def test_a_party_named_only_around_the_question_asks_for_no_side(northwind: FactEngine) -> None:
    answer = northwind.ask("I'm writing an essay on Brevia. Who signed the treaty?")
    assert "Ann Morrow" in answer.text and "Piet Vos" in answer.text, answer.text


def test_a_party_with_a_word_for_a_side_after_with_is_the_side_asked(pact: FactEngine) -> None:
    # Russian "с советской стороны" is "from the Soviet side", not "with the Soviet Union".
    answer = pact.ask("Кто подписал этот договор с советской стороны?")
    assert answer.text.startswith("Советский Союз: документ подписали"), answer.text


def test_a_pact_between_a_party_and_another_state_is_another_subject(pact: FactEngine) -> None:
    answer = pact.ask("Fact check: this was a non-aggression pact between the USSR and Latvia.")
    assert not answer.text.startswith("Yes"), answer.text


@pytest.mark.parametrize(
    ("claim", "opening"),
    [
        # "promised not to attack" denies nothing of a claim that does not speak of attacking ...
        ("was this a pact between the soviet union and lithuania?", "The Soviet–Lithuanian"),
        # ... and denies attacking to one that does.
        ("did they promise to attack each other?", "No —"),
        ("did lithuania promise to join alliances against the soviets?", "No —"),
        ("did the soviets promise not to attack lithuania?", "Yes —"),
    ],
)
def test_a_negation_before_an_infinitive_denies_only_that_deed(
    pact: FactEngine, claim: str, opening: str
) -> None:
    _assert_opens(pact, claim, opening)


def test_an_institution_is_a_body_and_a_brake_is_a_break(pact: FactEngine) -> None:
    assert pact.ask("Which institution in Lithuania ratified the pact?").outcome is Outcome.ANSWERED
    assert (
        "break"
        in next(
            u for u in pact.understand("when did the soviets brake the pact").units if u.label == "brake"
        ).stems
    )


def test_a_historians_vocabulary(pact: FactEngine) -> None:
    # "coincide" is "the same day"; "fundamental provisions" are the basic terms
    answer = pact.ask("Did the entry into force coincide with the exchange of instruments of ratification?")
    assert answer.text.startswith("Yes —"), answer.text
    assert "fundamental" in {u.label for u in pact.understand("its fundamental provisions").units if u.known}


def test_lithuanian_control_is_rule(pact: FactEngine) -> None:
    # "kontroliavo" (controlled) reads as "valdė" (ruled), the word a Lithuanian fact uses
    unit = next(
        u for u in pact.understand("kas kontroliavo Vilniaus kraštą?").units if u.label == "kontroliavo"
    )
    assert unit.known and "valde" in unit.stems


def test_russian_chat_words_for_registering_and_promising(pact: FactEngine) -> None:
    assert "League" in pact.ask("когда его зарегали в Лиге Наций?", lang="en").text
    unit = next(u for u in pact.understand("что Литва пообещала?").units if u.label == "пообещала")
    assert "обязалась" in unit.stems


@pytest.mark.parametrize(
    "request_",
    ["tl;dr of the treaty pls, like 2 sentences max", "whats this treaty about in like 2 sentences"],
)
def test_the_shape_asked_of_an_answer_is_no_word_of_the_question(
    northwind: FactEngine, request_: str
) -> None:
    assert northwind.ask(request_).outcome is Outcome.ANSWERED


def test_mention_reports_what_the_asker_read(pact: FactEngine) -> None:
    answer = pact.ask("My notes mention a separate convention from 1933. What was it about?")
    assert "aggression" in answer.text, answer.text


def test_holding_a_place_is_controlling_it(pact: FactEngine) -> None:
    assert "Poland" in pact.ask("who was actually holding vilnius at the time?").text
    assert "Moscow" in pact.ask("where was it held?").text


def test_starting_the_whole_thing_is_taking_the_initiative(pact: FactEngine) -> None:
    assert "initiat" in pact.understand("who started the whole thing?").folded


def test_back_in_a_year_is_back_in_time(northwind: FactEngine) -> None:
    _assert_opens(
        northwind,
        "Is it true the treaty was signed back in 1850?",
        "Yes — The Treaty of Northwind was signed",
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("the treaty was signed on 15 March 1850, right?", "No"),  # the day is what the claim checks
        ("the treaty was signed on March 15, 1850, right?", "No"),
        ("the treaty was signed on 14 March 1850, right?", "Yes"),
        ("so it was signed on March 14, 1850?", "Yes"),
        ("the treaty ended on 28 February 1861, right?", "Yes"),
        ("the treaty ended on 27 February 1861, right?", "No"),
    ],
)
def test_a_claimed_whole_date_is_checked_on_its_day(
    northwind: FactEngine, question: str, opening: str
) -> None:
    _assert_opens(northwind, question, opening)


def test_the_day_of_a_claimed_date_is_no_count(pact: FactEngine) -> None:
    # The answer also says "more than four years": 15 is the day of the date, not a number of years.
    _assert_opens(pact, "so it was broken on 15 June 1940, true?", "Yes")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "Учитель говорит" is the asker's context; its "что" opens the claim (it asks no "what"), and
        # the tag "Так?" in a sentence of its own asks whether the claim holds.
        ("Учитель говорит, что договор подписали в Каунасе. Так?", "Нет"),
        ("Учитель говорит, что договор подписали в Москве. Так?", "Да"),
        ("Mokytojas sako, kad sutartis pasirašyta Kaune. Tiesa?", "Ne"),
        ("poland was cool with the pact, right?", "No"),  # "cool with" approves, as "fine with" does
    ],
)
def test_claims_in_reported_speech_and_chat(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("did the treaty come into force the same day it was signed?", "No — • 14 March 1850"),
        ("was the horse fair held on the same day the treaty was signed?", "Yes — • 14 March 1850"),
        ("did the horse fair and the signing coincide?", "Yes"),
    ],
)
def test_whether_two_things_happened_the_same_day_is_read_from_their_dates(
    tmp_path: Path, question: str, opening: str
) -> None:
    # No fact says whether the fair and the signing fell on one day: their events' dates do.
    event = (
        '  - {id: fair, date: 1850-03-14, text: {en: "A horse fair is held at Saltmarsh."}, facts: [fair]}\n'
    )
    fact = _fact_item(
        "fair",
        "The horse fair",
        "A horse fair was held at Saltmarsh.",
        "what",
        ["what was the horse fair", "the horse fair"],
        "horse, fair",
    )
    _assert_opens(_northwind_with(tmp_path, facts=fact, events=event), question, opening)


def test_a_claims_year_goes_to_the_fact_about_its_deed(pact: FactEngine) -> None:
    # 1927 is the year of another fact (a registration): the claim is about the signing, and
    # "says" is a reporting verb, not a misspelt word of another language.
    _assert_opens(pact, "my history teacher says the pact was signed in 1927 — is that correct?", "No")


def test_a_word_of_the_topics_name_beside_another_noun_names_no_deed(northwind: FactEngine) -> None:
    # "northwind" is a word of the alias "northwind treaty": in "the northwind deal" it still names
    # the treaty, so the fact about the signing need not speak of it.
    _assert_opens(
        northwind, "where was the northwind deal signed, saltmarsh or brevia?", "It was signed at Saltmarsh"
    )


def _seizure(tmp_path: Path, answer: str) -> FactEngine:
    seized = _fact_item(
        "seizure",
        "The seizure of Saltmarsh",
        answer,
        "when, what",
        ["when was saltmarsh seized", "who seized saltmarsh", "the seizure of the castle"],
        "seized, seizure, saltmarsh, castle",
        entities="saltmarsh",
    )
    return _northwind_with(tmp_path, facts=seized)


@pytest.mark.parametrize(
    "question",
    [
        "when did Aldoria regain Saltmarsh?",
        "when did Aldoria get Saltmarsh back in the end?",  # "back in" is no "back in 1850" here
        "Aldoria got Saltmarsh back in 1858, right?",
    ],
)
def test_a_return_is_answered_only_by_a_fact_that_tells_of_one(tmp_path: Path, question: str) -> None:
    taken = _seizure(tmp_path, "Brevian troops seized Saltmarsh castle from Aldoria in 1852.")
    assert taken.ask(question).outcome is Outcome.DECLINED, question
    returned = _seizure(
        tmp_path, "Brevian troops seized Saltmarsh castle in 1852; Aldoria regained it in 1858."
    )
    assert returned.ask(question).outcome is Outcome.ANSWERED, question


def test_restoring_is_a_return(tmp_path: Path) -> None:
    """ "Restore", however lightly it weighs, asks of a return: the taking does not answer it."""
    question = "when did Aldoria restore Saltmarsh?"
    taken = _seizure(tmp_path, "Brevian troops seized Saltmarsh castle from Aldoria in 1852.")
    assert taken.ask(question).outcome is Outcome.DECLINED
    restored = _seizure(
        tmp_path, "Brevian troops seized Saltmarsh castle in 1852; Aldoria restored it in 1858."
    )
    assert restored.ask(question).outcome is Outcome.ANSWERED


@pytest.mark.parametrize(
    "question",
    [
        "who succeeded Piet Vos as Brevia's envoy?",  # who came after him: a succession word
        "who replaced Piet Vos as envoy, and when?",
        # His post and name are all any fact about him shares: what became of him is what is asked.
        "what did Piet Vos do after he left his post as Brevia's envoy, and when did he die?",
    ],
)
def test_a_persons_successor_or_later_life_is_declined_whatever_else_is_named(
    northwind: FactEngine, question: str
) -> None:
    assert northwind.ask(question).outcome is Outcome.DECLINED, question
    assert northwind.ask("who was Piet Vos?").outcome is Outcome.ANSWERED


@pytest.mark.parametrize(
    "question",
    [
        "правда, что СССР признавал Вильнюс литовским, хотя город контролировали поляки?",
        "верно ли, что Москва признавала Вильнюс литовским, хотя его держали поляки?",
    ],
)
def test_a_claims_concession_names_its_setting_not_a_wrong_value(pact: FactEngine, question: str) -> None:
    # "..., хотя ... поляки": Poland is named in the answer's other clause ("хотя ... Польша"), which
    # the claim speaks of too; it is no value put in the place of the one the settling clause names.
    _assert_opens(pact, question, "Да")


def test_what_happened_to_a_thing_in_a_year_needs_an_event_of_that_year_that_names_it(
    northwind: FactEngine,
) -> None:
    # The one event of 1855 (a harbour clause) does not name Saltmarsh: no answer about the castle.
    assert northwind.ask("what happened to Saltmarsh in 1855?").outcome is Outcome.DECLINED
    assert northwind.ask("what happened in 1855?").text.startswith("In 1855:")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The opposite ("difficult") is in the answer's first clause; the clause sharing most words with
        # the claim is another one.
        ("were the pact negotiations simple?", "No"),
        (
            "Mokytoja sako, kad sutartis pasirašyta Kaune. Ar ji teisi?",
            "Ne — Sutartis pasirašyta",
        ),  # "is she right?"
        ("Мне сказали, что договор подписали в Каунасе. Так ли это?", "Нет"),  # "сказали" reports
        ("Какие претензии были у Польши?", "Польша заявляла"),  # "претензии": objections
    ],
)
def test_vocabulary_of_claims_and_objections(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "end date" is a date that was due (an expiry), not the day something ended.
        ("how long from the 1934 extension to the pact's new end date?", "10 years, 8 months and 27 days"),
        (
            "how many years were there between the occupation and the end date?",
            "4 years, 6 months and 16 days",
        ),
    ],
)
def test_an_end_date_is_the_date_that_was_due(pact: FactEngine, question: str, span: str) -> None:
    answer = pact.ask(question)
    assert span in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Ką Lietuva pažadėjo sovietams mainais už Vilniaus pripažinimą?",
        "что Литва обещала в обмен на признание Вильнюса?",
        "what did Lithuania promise in exchange for the recognition of Vilnius?",
    ],
)
def test_what_was_given_in_exchange_is_the_deals_other_side(pact: FactEngine, question: str) -> None:
    # "in exchange for the recognition of Vilnius": the recognition is what Lithuania got, not what is
    # asked; the answer is what it promised.
    assert pact.ask(question).fact_ids == ("lithuania-obligations",), question


def test_a_claim_is_checked_as_corrected_and_without_the_askers_context(northwind: FactEngine) -> None:
    # Typed "withdrw ... traety": the claim checker reads the words as corrected, so every word of the
    # claim is in the answer and it bears the claim out.
    _assert_opens(northwind, "did Brevia withdrw from the traety?", "Yes")


@pytest.mark.parametrize(
    "question",
    [
        # A state the claim names only reaches facts about that state (its objections); the claim is
        # about who signed or broke the pact, which the fact about the parties or the end settles.
        "was Estonia one of the parties to the pact?",
        "Germany broke the pact in 1941, right?",
        "was Poland a party to the pact?",
    ],
)
def test_a_claimed_state_is_checked_on_the_fact_about_the_deed(pact: FactEngine, question: str) -> None:
    _assert_opens(pact, question, "No")


def test_a_question_for_the_day_is_declined_by_a_fact_that_knows_only_the_year(tmp_path: Path) -> None:
    clause = _fact_item(
        "harbour-clause",
        "The harbour clause",
        "A harbour clause was added to the treaty in 1855.",
        "when, what",
        ["when was the harbour clause added", "the harbour clause"],
        "harbour, clause, added",
    )
    engine = _northwind_with(tmp_path, facts=clause)
    assert engine.ask("when was the harbour clause added?").outcome is Outcome.ANSWERED
    assert engine.ask("on what exact date was the harbour clause added?").outcome is Outcome.DECLINED
    assert engine.ask("what date was the treaty signed?").text.endswith("14 March 1850.")


def test_each_part_of_a_two_part_question_is_read_in_its_own_words(pact: FactEngine) -> None:
    # "for the Soviet Union" belongs to the second part: the first asks how many signed at all.
    answer = pact.ask("how many signatories were there, and who signed for the Soviet Union?")
    first, second = answer.text.split("\n\n")
    assert first.startswith("Four people signed the pact"), first
    assert second.startswith("Georgy Chicherin and Sergey Alexandrovsky signed the pact for the Soviet"), (
        second
    )


def test_in_the_first_place_asks_nothing_about_an_original_term(pact: FactEngine) -> None:
    answer = pact.ask("who proposed the pact in the first place?")
    assert answer.text.startswith("The Lithuanians proposed the pact"), answer.text


def test_where_needs_an_answer_that_names_a_place(tmp_path: Path) -> None:
    engine = _valley_facts(tmp_path)
    # The fact about the old accord says what the treaty confirmed, not where the accord was made.
    assert engine.ask("where was the old accord concluded?").outcome is Outcome.DECLINED
    assert engine.ask("where was the treaty signed?").text.startswith("It was signed at Saltmarsh")


@pytest.mark.parametrize(
    "question",
    [
        "which states were parties to the Locarno Treaties?",  # the parties fact is about the pact
        "where was the 1933 convention signed?",  # the convention's fact names no place
    ],
)
def test_a_question_about_another_treaty_needs_a_fact_about_it(pact: FactEngine, question: str) -> None:
    assert pact.ask(question).outcome is Outcome.DECLINED, question


def test_a_what_question_about_a_place_goes_to_the_fact_that_names_it(pact: FactEngine) -> None:
    # The Vilnius fact fits "recognise" better; the Klaipėda fact is close behind and names the place.
    answer = pact.ask("What did the Soviet Union recognise with regard to Memel?")
    assert answer.fact_ids == ("klaipeda",), answer.text


def test_moving_in_on_a_country_is_occupying_it(pact: FactEngine) -> None:
    answer = pact.ask("how long did the pact hold before the soviets moved in on lithuania?")
    assert "15 June 1940" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # Main answered "Yes" with the stranger's own fact (Estonia's objection, Poland's hold on Vilnius).
        "the pact was between the USSR and Estonia, right?",
        "was the pact between lithuania and poland?",
    ],
)
def test_a_claim_of_whom_the_pact_was_between_is_settled_by_its_parties(
    pact: FactEngine, question: str
) -> None:
    _assert_opens(pact, question, "No — The pact had two parties")


def test_a_successor_the_file_tells_of_is_answered(tmp_path: Path) -> None:
    successor = _fact_item(
        "successor",
        "Who followed Piet Vos",
        "Jan Berg replaced Piet Vos as Brevia's envoy in 1852.",
        "who",
        ["who replaced Piet Vos", "Piet Vos's successor"],
        "replaced, successor, succeeded",
        entities="piet-vos",
    )
    engine = _northwind_with(tmp_path, facts=successor)
    assert engine.ask("who replaced Piet Vos as envoy?").text.startswith("Jan Berg replaced Piet Vos")


def test_russian_stance_words_in_each_gender(pact: FactEngine) -> None:
    # "насторожилась" (feminine, a country) as well as "насторожились" (plural) is a stance taken.
    answer = pact.ask("Почему Германия насторожилась?")
    assert answer.fact_ids == ("germany-objection",), answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "in 1926, right after ...": a year after a preposition is the value to check, not the pact's
        # name, and "right after" is no "right?"; the claim is one question, not two.
        (
            "it was registered with the League in 1926, right after it was signed?",
            "No — The pact was registered",
        ),
        ("did the 1926 instrument confirm the 1920 peace treaty?", "Yes"),  # "the 1926 instrument" names it
    ],
)
def test_a_claims_year_names_the_topic_only_beside_a_treaty_word(
    pact: FactEngine, question: str, opening: str
) -> None:
    _assert_opens(pact, question, opening)


def test_a_claimed_state_named_by_its_adjective_in_any_case(pact: FactEngine) -> None:
    # "польским" (instrumental) names Poland as "польский" does: a value the answer does not bear out.
    _assert_opens(pact, "правда, что по пакту СССР признал Вильнюс польским?", "Нет")


@pytest.mark.parametrize(
    "question",
    [
        "Besides Vilnius, in which region did the Soviets recognise Lithuania's interests?",
        "apart from Vilnius, which other region did the USSR recognise as a Lithuanian interest?",
        "кроме Вильнюса, в каком регионе СССР признал интересы Литвы?",
    ],
)
def test_a_place_set_aside_by_besides_is_not_what_is_asked(pact: FactEngine, question: str) -> None:
    assert pact.ask(question).fact_ids == ("klaipeda",), question


def test_forcible_is_by_force(pact: FactEngine) -> None:
    # Round 20's question (tests/core/sets): "forcible" was an unknown, rare word that sank it.
    # (Both the protests' fact and the coup's link say what the dispersal is cited for.)
    answer = pact.ask("The forcible dispersal of a protest is cited as one of the reasons for which event?")
    assert answer.fact_ids[0] in ("coup-link", "protests") and "military coup" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "the treaty was registered with the United Nations, right?",
        "it was lodged with the Hague Tribunal, yes?",
    ],
)
def test_a_body_the_file_does_not_know_is_a_wrong_value_for_a_fact_naming_a_body(
    pact: FactEngine, question: str
) -> None:
    _assert_opens(pact, question, "No — The pact was registered in the League of Nations")


def test_refusing_to_do_something_is_not_doing_it(pact: FactEngine) -> None:
    _assert_opens(pact, "the soviets refused to recognise vilnius as lithuanian, right?", "No")
    _assert_opens(pact, "the soviets recognised vilnius as lithuanian, right?", "Yes")


def test_list_is_a_request_not_a_word_of_the_question(pact: FactEngine) -> None:
    answer = pact.ask("Can you list all four people who signed the treaty?")
    assert answer.text.startswith("Four people signed the pact"), answer.text


def test_what_the_asker_saw_is_a_report_of_the_claim(pact: FactEngine) -> None:
    _assert_opens(pact, "a post I saw: the pact was registered at the League in 1926, correct?", "No —")


def test_who_said_a_thing_is_part_of_the_claim(pact: FactEngine) -> None:
    # "Poland said ...": not the asker's context but who the claim is about; and the fact that names
    # both Poland and the Peace of Riga settles it, not the fact about the pact being broken.
    _assert_opens(
        pact, "Poland said the agreement broke the Peace of Riga — correct?", "Yes — Poland objected"
    )


def _capital_facts(tmp_path: Path) -> FactEngine:
    """Northwind with a third state, Gamma, whose capital is Gamma City, and Gamma's objection."""
    return _northwind_with(
        tmp_path,
        entities=(
            "  - id: gamma\n    kind: state\n    name: {en: Gamma}\n    aliases: {en: [Gamma]}\n"
            '    description: {en: "Gamma, a neighbour of both parties."}\n'
            "  - id: gamma-city\n    kind: place\n    seat_of: gamma\n    name: {en: Gamma City}\n"
            "    aliases: {en: [Gamma City]}\n"
            '    description: {en: "Gamma City, the capital of Gamma."}\n'
        ),
        facts=_fact_item(
            "gamma-objection",
            "Gamma's objection",
            "Gamma objected to the treaty because it blocked a customs union of the north.",
            "why, what",
            ["why did Gamma object to the treaty", "what was Gamma's objection"],
            "objected, objection, customs, union, opposed",
            entities="gamma",
        ),
    )


@pytest.mark.parametrize(
    "question",
    [
        "Why did Gamma City object to the accord?",
        "What was Gamma City's objection?",
        "which union did Gamma City fear the treaty would block?",
    ],
)
def test_a_capital_named_as_an_actor_stands_for_its_state(tmp_path: Path, question: str) -> None:
    answer = _capital_facts(tmp_path).ask(question)
    assert answer.outcome is Outcome.ANSWERED, (question, answer.text)
    assert "customs union" in answer.text, (question, answer.text)


@pytest.mark.parametrize(
    "question",
    ["was the treaty signed in Gamma City?", "was it signed at Saltmarsh or Gamma City?"],
)
def test_a_capital_named_as_a_place_stays_a_place(tmp_path: Path, question: str) -> None:
    answer = _capital_facts(tmp_path).ask(question)
    assert answer.outcome is Outcome.ANSWERED, (question, answer.text)
    assert "Saltmarsh" in answer.text and "customs" not in answer.text, (question, answer.text)


def test_everyday_words_the_file_lacks_do_not_bar_a_clear_lead(tmp_path: Path) -> None:
    """ "security", "architecture", "terms": in a long question, common words the file never uses say
    nothing of another subject, so the objection, far ahead of anything else, still answers."""
    question = (
        "Why did Gamma object to the treaty signed at Saltmarsh castle, in terms of the regional security"
        " architecture of the north and its trade?"
    )
    answer = _capital_facts(tmp_path).ask(question)
    assert answer.outcome is Outcome.ANSWERED, answer.text
    assert "customs union" in answer.text


@pytest.mark.parametrize("ordinal", ["second", "2nd"])
def test_the_nth_time_a_deed_was_done_picks_that_one_of_its_series(tmp_path: Path, ordinal: str) -> None:
    """ "extended the second time": the occasion word names no series; the deed before it does."""
    extensions = (
        '  - {id: ext1, date: 1852-01-10, text: {en: "The treaty is extended for five years."}}\n'
        '  - {id: ext2, date: 1856-05-05, text: {en: "The treaty is extended again, to 1861."}}\n'
    )
    engine = _northwind_with(tmp_path, events=extensions)
    answer = engine.ask(
        f"how many years after the harbour clause was the treaty extended the {ordinal} time?"
    )
    assert "5 May 1856" in answer.text and "1852" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "the treaty came into force on 1 June 1850; how many years from that day until it ended?",
        "how many years from the day of signing to the day it ended?",
    ],
)
def test_a_unit_after_a_demonstrative_points_at_a_day_and_asks_no_unit(
    northwind: FactEngine, question: str
) -> None:
    answer = northwind.ask(question)
    assert "about 11 years" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Counting from the signing, how long would it have lasted until its planned expiry?",
        "Counting from the signing, how many years until Brevia withdrew?",
    ],
)
def test_a_lead_that_says_where_a_span_starts_is_part_of_the_question(
    northwind: FactEngine, question: str
) -> None:
    signing = next(u for u in northwind.understand(question).units if u.label == "signing")
    assert not signing.aside, question


@pytest.mark.parametrize("question", ["Who acted as envoy for Brevia?", "who served as Brevia's envoy?"])
def test_acting_as_someone_is_being_them(northwind: FactEngine, question: str) -> None:
    """ "acted as" says who someone was; its "act" is no deed to match ("an act of ratification")."""
    labels = {u.label for u in northwind.understand(question).units}
    assert not labels & {"acted", "served"}, labels


@pytest.mark.parametrize(
    "question",
    [
        "In the view of Gamma's chancellery, which had opposed the signing at the border castle,"
        " which union of the north did the accord foreclose?",
        "In the view of Gamma's chancellery, which had opposed the signing at the border castle,"
        " which customs union of the north did the accord foreclose?",
    ],
)
def test_a_long_question_answers_with_a_lower_score_and_a_clear_lead(tmp_path: Path, question: str) -> None:
    """An expert's long question spreads its weight over many words: the objection covers less of it
    than of a short one, yet fits it far better than anything else."""
    answer = _capital_facts(tmp_path).ask(question)
    assert answer.outcome is Outcome.ANSWERED, answer.text
    assert "customs union" in answer.text


def _convention_facts(tmp_path: Path) -> FactEngine:
    """Northwind with a fact about a later convention that names none of its signatories."""
    return _northwind_with(
        tmp_path,
        facts=_fact_item(
            "fishing-convention",
            "The fishing convention",
            "In 1853 a separate convention on fishing rights was signed; it set the seasons for herring.",
            "what, when",
            ["what was the fishing convention", "when was the fishing convention signed"],
            "fishing, convention, herring, seasons, separate",
        ),
    )


@pytest.mark.parametrize(
    "question",
    [
        "Which other countries signed the 1853 fishing convention?",
        "which states signed the fishing convention?",
    ],
)
def test_which_states_is_answered_only_by_a_fact_that_names_some(tmp_path: Path, question: str) -> None:
    assert _convention_facts(tmp_path).ask(question).outcome is Outcome.DECLINED


def test_which_states_is_answered_by_a_fact_that_names_one(tmp_path: Path) -> None:
    answer = _capital_facts(tmp_path).ask("Which countries objected to the treaty?")
    assert answer.outcome is Outcome.ANSWERED, answer.text
    assert "Gamma" in answer.text


def test_a_span_from_a_thing_the_file_gives_no_date_is_declined(tmp_path: Path) -> None:
    """The Gamma Accord is named by a fact but dated by none: the time since it is not the time between
    two other dates the question's other words happen to touch."""
    accord = (
        "  - id: gamma-accord\n    kind: treaty\n    name: {en: the Gamma Accord}\n"
        "    aliases: {en: [Gamma Accord]}\n"
        '    description: {en: "The Gamma Accord, an older agreement between the two."}\n'
    )
    initiative = _fact_item(
        "initiative",
        "Who proposed the treaty",
        "Aldoria proposed the treaty: after the Gamma Accord it sought a new friend.",
        "who, why",
        ["who proposed the treaty", "why did Aldoria seek the treaty"],
        "proposed, initiative, sought",
        entities="gamma-accord",
    )
    engine = _northwind_with(tmp_path, entities=accord, facts=initiative)
    question = "how many days passed between the Gamma Accord being signed and the harbour clause?"
    assert engine.ask(question).outcome is Outcome.DECLINED
    assert (
        engine.ask("how many years after the signing was the harbour clause added?").outcome
        is Outcome.ANSWERED
    )


@pytest.mark.parametrize(
    "question", ["was the treaty still legally valid in 1855?", "was it formally in force in 1858?"]
)
def test_legally_valid_is_valid(northwind: FactEngine, question: str) -> None:
    """ "legally", "formally" add nothing to validity: no word of their own to match ("legally binding")."""
    labels = {u.label for u in northwind.understand(question).units}
    assert not labels & {"legally", "formally"}, labels


@pytest.mark.parametrize(
    "question", ["how long was it meant to stay in force?", "it was set to last how long?"]
)
def test_meant_to_last_asks_the_planned_term(northwind: FactEngine, question: str) -> None:
    """ "meant to", "set to", "supposed to": what was planned, the words a term's fact uses."""
    assert "planned" in northwind.understand(question).focus


@pytest.mark.parametrize("phrase", ["with respect to", "with regard to", "vis-a-vis"])
def test_with_respect_to_is_about(northwind: FactEngine, phrase: str) -> None:
    labels = {u.label for u in northwind.understand(f"what did Aldoria promise {phrase} Saltmarsh?").units}
    assert not labels & {"respect", "regard", "vis"}, labels


def test_how_many_years_separate_two_things_is_a_span(northwind: FactEngine) -> None:
    """ "years separate" reads as "years separated", a span word, so the topic alone names one side."""
    question = northwind.understand("how many years separate the harbour clause and this treaty?")
    assert "separated" in question.focus
    answer = northwind.ask("how many years separate the harbour clause and this treaty?")
    assert "Between the two: about 5 years" in answer.text, answer.text


def test_a_separate_thing_asks_no_span(tmp_path: Path) -> None:
    answer = _convention_facts(tmp_path).ask("when was the separate fishing convention signed?")
    assert "Between the two" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("word", "reads_as"),
    [
        ("plenipotentiaries", "signatory"),
        ("prolongation", "extension"),
        ("putsch", "coup"),
        ("reaffirm", "confirm"),
    ],
)
def test_a_diplomats_word_reads_as_the_plain_one(northwind: FactEngine, word: str, reads_as: str) -> None:
    unit = next(u for u in northwind.understand(f"what about the {word}?").units if u.label == word)
    assert any(stem.startswith(reads_as[:5]) for stem in unit.stems), unit.stems


@pytest.mark.parametrize(
    "question", ["Слежявичюс подписал договор 1926 года?", "ar Sleževičius pasirašė 1926 metais?"]
)
def test_the_word_of_a_year_asks_no_when(pact: FactEngine, question: str) -> None:
    """ "1926 года", "1926 metais" are how the year is said; "года" alone would ask "which year"."""
    understood = pact.understand(question)
    assert understood.kind is None and understood.yes_no, (understood.kind, understood.yes_no)


def test_an_asker_word_only_a_phrasing_uses_is_no_evidence(pact: FactEngine) -> None:
    """ "для доклада" opens one of the file's phrasings, as people ask; it says nothing the file tells."""
    labels = {u.label for u in pact.understand("а кто подписывал от Литвы? для доклада надо").units}
    assert "доклада" not in labels, labels


def test_two_things_of_one_year_known_only_to_the_year_are_not_ordered(tmp_path: Path) -> None:
    fishing = '  - {id: fishing, date: 1855-05-03, text: {en: "A fishing clause is added."}}\n'
    engine = _northwind_with(tmp_path, events=fishing)
    answer = engine.ask("which came first, the harbour clause or the fishing clause?")
    assert "Both fall in 1855" in answer.text and "0 years" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question", ["can you recommend a good pizza place near me", "recommend a good pizza place"]
)
def test_a_short_question_about_an_everyday_thing_is_not_answered_on_a_clear_lead(question: str) -> None:
    """ "pizza" is an everyday word, but in a short question it is what is asked about: only in a
    long one do such words stop counting against a candidate far ahead of the rest."""
    engine = FactEngine(load_fact_file(HERE / "data" / "locarno.yaml"))
    assert engine.ask(question).outcome is Outcome.DECLINED


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Ar tiesa, kad Latvija ir Estija nepritarė šiai sutarčiai?", "Taip"),
        ("Ar tiesa, kad Latvija ir Estija buvo nepatenkintos šia sutartimi?", "Taip"),
        ("Ar tiesa, kad Latvija ir Estija pritarė šiai sutarčiai?", "Ne"),
    ],
)
def test_a_lithuanian_word_of_disapproval_is_a_stance_not_a_denial(
    pact: FactEngine, question: str, opening: str
) -> None:
    """ "nepritarė" (disapproved) says what the states thought; read as a negation, the fact that
    they disapproved contradicted the claim that they did."""
    _assert_opens(pact, question, opening)


def test_still_after_asks_whether_a_state_lasted_not_which_came_first(northwind: FactEngine) -> None:
    answer = northwind.ask("was the treaty still in force after the harbour clause was added?")
    assert "came first" not in answer.text and not answer.text.startswith("No"), answer.text


def test_a_name_in_the_context_around_a_claim_is_no_value_it_claims(pact: FactEngine) -> None:
    """ "Baltic" of "an essay on Baltic diplomacy" is the asker's subject, not a value the claim says the
    answer must name: the claim about Vilnius is borne out without it."""
    question = (
        "I'm writing an essay on Baltic diplomacy. Did the Soviets agree that Vilnius belonged to Lithuania?"
    )
    assert "baltic" not in pact.understand(question).claimed_names
    _assert_opens(pact, question, "Yes")


def test_capitals_offered_as_where_a_thing_happened_are_places(pact: FactEngine) -> None:
    """Two seats of government, neither after a place word, in a "where" question: the places asked
    between, not the states they stand for elsewhere."""
    answer = pact.ask("where did they actually sign the lit-soviet pact, kaunas or moscow?")
    assert answer.outcome is Outcome.ANSWERED and "Moscow" in answer.text, answer.text


def test_a_persons_later_life_after_an_event_is_still_their_later_life(tmp_path: Path) -> None:
    """ "What became of Ann Morrow after the storm?": the storm sets the time; the fact that the storm
    cost her office tells nothing of what she did later."""
    storm = (
        "  - id: storm\n    kind: event\n    name: {en: the Great Storm}\n"
        "    aliases: {en: [Great Storm, storm]}\n"
        '    description: {en: "The Great Storm of 1856, which cost Ann Morrow her office."}\n'
    )
    fall = _fact_item(
        "storm-fall",
        "The storm and the chancellor",
        "The Great Storm of 1856 brought down Ann Morrow's government.",
        "what, when",
        ["what did the storm do", "how did the chancellor fall"],
        "storm, fall, government, brought",
        entities="storm, ann-morrow",
    )
    engine = _northwind_with(tmp_path, entities=storm, facts=fall)
    assert engine.ask("what did the Great Storm do?").outcome is Outcome.ANSWERED
    question = "What became of Ann Morrow later, after the Great Storm?"
    assert any(u.other for u in engine.understand(question).units)  # asks what the file does not tell
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINED, answer.text


def test_days_are_not_counted_from_a_date_known_only_to_the_year(northwind: FactEngine) -> None:
    """The harbour clause is dated 1855 and no day: "how many days" has nothing to count from."""
    answer = northwind.ask("how many days passed between the signing and the harbour clause?")
    assert "Between the two" not in answer.text, answer.text
    assert (
        "Between the two: about 5 years"
        in northwind.ask("how long between the signing and the harbour clause?").text
    )


@pytest.mark.parametrize(
    "question",
    [
        "if nobody had broken it, for how many years would it have been valid in total?",
        "if the extended term had run out in full, how many years would that be from the signing?",
        "jei sutartis būtų galiojusi iki numatytos pabaigos, kiek metų būtų praėję nuo pasirašymo?",
        "если бы договор продлился до назначенной даты окончания, сколько лет прошло бы с подписания?",
        # What was planned is read the same way ("meant to" reads as "planned to"), and "in total"
        # ("в общей сложности") only says how the span is counted.
        "once extended the second time, how many years in total was it meant to last from the signing?",
        "kiek metų iš viso sutartis turėjo galioti nuo pasirašymo po visų pratęsimų?",
        "сколько лет в общей сложности договор должен был действовать с подписания после всех продлений?",
    ],
)
def test_what_would_have_been_runs_to_the_date_that_was_due(pact: FactEngine, question: str) -> None:
    # The conditional asks of the planned end as last set, not of the day the pact was broken (the
    # time in force) nor of an extension that set an earlier end.
    answer = pact.ask(question)
    assert answer.outcome is Outcome.ANSWERED, answer.text
    assert "1944" in answer.text and "18" in answer.text, answer.text
    assert "1940" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Lithuania joined the League in 1921; how many years before the pact was that?",
        "a trade deal was signed in March 1932, right? how many months after the first extension was that?",
        "Prekybos sutartis pasirašyta 1932 m. kovo mėn. Kiek mėnesių po pirmojo pratęsimo tai buvo?",
    ],
)
def test_a_span_from_a_time_the_file_has_nothing_in_is_declined(pact: FactEngine, question: str) -> None:
    # A year the file never touches, or a month in which it dates nothing, is the time of the thing
    # the span counts from; even said in a claim before the question, it is no date of the file.
    assert pact.ask(question).outcome is Outcome.DECLINED, pact.ask(question).text


def test_a_span_from_a_month_the_file_dates_something_in_is_answered(pact: FactEngine) -> None:
    answer = pact.ask("the coup was in December 1926, right? how many days after the ratification was that?")
    assert answer.outcome is Outcome.ANSWERED and "1926" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The name after "not" / "rather than" / "o ne" / "а не" is the alternative ruled out: the
        # claim is the name before it, checked alone.
        ("ratifications were exchanged in Moscow, not in Kaunas, right?", "No —"),
        ("the pact was proposed by Lithuania rather than by the Soviet Union, true?", "Yes —"),
        ("Sutartį pasirašė Kaune, o ne Maskvoje, tiesa?", "Ne —"),
        ("договор подписали в Москве, а не в Каунасе, верно?", "Да —"),
    ],
)
def test_a_name_ruled_out_is_no_part_of_the_claim(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


def test_a_year_cut_to_two_digits_is_the_files_year_that_ends_so(pact: FactEngine) -> None:
    # "May '31": the one year of the file ending in 31, not the 31st of May; a cut year that no year
    # of the file ends in stays as typed, no date at all.
    answer = pact.ask("how many days between the extensions of May '31 and April '34?")
    assert "1064 days" in answer.text, answer.text
    assert pact.understand("what happened in ’34?").date == pact.understand("what happened in 1934?").date
    assert pact.understand("what happened in '99?").date is None


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # "Had ..." opens a condition here, not a yes/no question: the question word after it asks.
        ("Had it never been broken, how many years after the signing would it have expired?", "18 years"),
        # "how much longer" asks an amount of time, like "how much earlier".
        (
            "Had the 1934 extension run its course, how much longer would it have lasted beyond 1940?",
            "4 years, 6 months",
        ),
    ],
)
def test_a_condition_opened_by_had_leads_into_the_question(
    pact: FactEngine, question: str, span: str
) -> None:
    answer = pact.ask(question)
    assert span in answer.text and "1944" in answer.text, answer.text
    assert not answer.text.startswith(("Yes", "No")), answer.text


def test_a_thing_named_only_by_who_or_where_is_no_end_of_a_span(pact: FactEngine) -> None:
    # The mutiny is named here only by Poland and Vilnius (it is where and by whom), while the deed
    # asked of ("keep") is nothing it tells: no span from it. A body's name still names its deed.
    assert pact.ask("how many years after the pact did Poland keep Vilnius?").outcome is Outcome.DECLINED
    answer = pact.ask("how many days after the signing did the Seimas vote on it?")
    assert answer.outcome is Outcome.ANSWERED and "5 November 1926" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # A word for a number after "what" asks for one, as "how many" does: a fact that gives no count
        # does not answer it, whatever else it shares with the question.
        ("what was the vote tally when the Seimas approved the treaty?", False),
        ("koks buvo sutarties registracijos numeris Tautų Sąjungoje?", False),
        ("what was the total number of signers?", True),
    ],
)
def test_a_word_for_a_number_asks_for_a_count(pact: FactEngine, question: str, answered: bool) -> None:
    _assert_answers(pact, question, answered)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # "who was the ...?" asks for the word after "was the": one the file never uses ("president")
        # is something it cannot name, whatever the rest of the question shares with a fact.
        ("Кто был президентом СССР, когда подписали пакт?", False),
        ("who was the Lithuanian envoy in Moscow?", True),
        # A name after "who was" is what is asked about; the words after it are no role asked for.
        ("who was Chicherin in this story?", True),
    ],
)
def test_who_was_the_asks_for_the_word_after_it(pact: FactEngine, question: str, answered: bool) -> None:
    _assert_answers(pact, question, answered)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # "what happened to <person> after <event>" asks what became of them: no fact tells of it.
        ("what happened to Alexandrovsky after the occupation?", False),
        ("what happened to the pact in 1940?", True),
        ("what happened after Chicherin stopped in Kaunas?", True),
    ],
)
def test_what_happened_to_a_person_asks_of_their_later_life(
    pact: FactEngine, question: str, answered: bool
) -> None:
    _assert_answers(pact, question, answered)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # "chanceries" are governments, "foreclosed" is prevented, "pourparlers" are negotiations, a
        # "standalone" convention is a separate one, a "catalyst" a cause: general synonyms of the
        # language table.
        ("which chanceries objected because the pact foreclosed a Baltic alliance?", "baltic-objection"),
        ("when did the pourparlers begin, and where?", "negotiations-start"),
        ("was there a standalone convention defining aggression?", "aggression-definition"),
        ("what was the catalyst for the Lithuanian initiative?", "initiative"),
        # A "convocation" of a parliament is the parliament of one term.
        ("which convocation of the Seimas voted on the pact?", "ratification"),
        # A treaty that "addresses" a question says something about it.
        ("was the Memel question addressed in the treaty?", "klaipeda"),
        # "While" only joins two clauses: it says nothing of what is asked.
        ("what bothered Berlin while negotiations were underway?", "germany-objection"),
    ],
)
def test_a_diplomats_words_read_as_the_plain_ones(pact: FactEngine, question: str, fact: str) -> None:
    answer = pact.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # The role after "who were the" is what is asked; the words after "of" only say whose.
        ("who were the plenipotentiaries of the two contracting parties?", "signatories"),
        ("who were the parties?", "parties"),
        # "iš" (from) is no copula: nothing is read as the role here.
        ("kas iš mūsų pusės pasirašė?", "signatory-count"),
    ],
)
def test_who_were_the_asks_for_the_role_named_after_it(pact: FactEngine, question: str, fact: str) -> None:
    answer = pact.ask(question)
    assert answer.fact_ids[:1] == (fact,), answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "stretched it out", "pushed the expiry out": extended, in a claim to check.
        ("in 1934 they stretched it out to 1950, right?", "No —"),
        ("they pushed the expiry out to the end of 1944 in 1934, true?", "Yes —"),
    ],
)
def test_stretched_out_is_extended(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


def test_a_clause_after_the_year_of_a_claim_only_sets_the_scene(pact: FactEngine) -> None:
    # "in 1930" already says when; "when the Great Depression began" says what happened then, which
    # is no part of the claim (and no other subject to decline for).
    _assert_opens(pact, "was it in force in 1930 when the Great Depression began?", "Yes.")
    _assert_opens(pact, "was it still in force in 1941 when the war came east?", "No.")


def test_a_role_the_file_never_names_is_declined_before_any_span(pact: FactEngine) -> None:
    # "became" links the role as "was" does; the span asked after it leans on that unknown person.
    question = "who became president after the coup, and how long after the ratification was that?"
    assert pact.ask(question).outcome is Outcome.DECLINED, pact.ask(question).text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # After an article an order word describes a thing ("the earlier peace treaty"): a claim
        # about it, not a question of which came first.
        ("did the 1926 pact confirm the earlier peace treaty?", "Yes —"),
        ("which came first, the convention or the first extension?", "• 6 May 1931"),
    ],
)
def test_an_order_word_after_an_article_describes(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    "question",
    [
        "how much time was left on the pact's term when the Soviets occupied Lithuania?",
        "roughly how many years of its extended term remained unexpired when it was broken?",
        "kiek laiko liko iki termino pabaigos, kai sovietai okupavo Lietuvą?",
        "сколько времени оставалось до конца срока в момент советской оккупации?",
    ],
)
def test_what_was_left_runs_from_the_moment_named_to_the_date_then_due(
    pact: FactEngine, question: str
) -> None:
    # "Left", "unexpired", "liko", "оставалось": the span from the thing that happened (the break) to
    # the end of the term then running, which no word of the question has to name.
    answer = pact.ask(question)
    assert answer.outcome is Outcome.ANSWERED, answer.text
    assert "1940" in answer.text and "1944" in answer.text, answer.text
    assert "1660" in answer.text or "4 years, 6 months" in answer.text, answer.text


def test_what_was_left_is_counted_from_the_latest_thing_named(pact: FactEngine) -> None:
    # The extension sets the term; the moment asked of is the later thing, the occupation. Asked of
    # the extension alone, the moment is the extension.
    answer = pact.ask("given the 1934 extension, how much time was left when the Soviets occupied Lithuania?")
    assert "1660" in answer.text and "4 April 1934" not in answer.text, answer.text
    answer = pact.ask("how much time was left on the pact after the 1934 extension?")
    assert "4 April 1934" in answer.text and "3924 days" in answer.text, answer.text


def test_to_remain_in_force_says_how_long_it_lasted(pact: FactEngine) -> None:
    # "Remain" before "in force" is no word for what was left: the time in force, broken in 1940.
    answer = pact.ask("for how many years did the pact remain in force?")
    assert "13 years" in answer.text and "1944" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "opening", "day"),
    [
        ("did the pact make it to its 10th anniversary?", "Yes", "28 September 1936"),
        ("was it still valid on the tenth anniversary of its signing?", "Yes", "28 September 1936"),
        ("did it live to see its 15th birthday?", "No", "28 September 1941"),
        ("ar sutartis sulaukė 10-ųjų metinių?", "Taip", "1936 m. rugsėjo 28"),
        ("дожил ли договор до 15-й годовщины?", "Нет", "28 сентября 1941"),
    ],
)
def test_an_anniversary_is_the_day_that_many_years_after_the_signing(
    pact: FactEngine, question: str, opening: str, day: str
) -> None:
    # A yes/no question of the topic's anniversary asks whether it was still in force that day.
    answer = pact.ask(question)
    assert answer.text.startswith(opening) and day in answer.text, answer.text


def test_an_anniversary_is_dated_and_ordered_like_any_dated_thing(pact: FactEngine) -> None:
    answer = pact.ask("in what year is the pact's 100th anniversary?")
    assert answer.text.startswith("28 September 2026") and "100 years" in answer.text, answer.text
    answer = pact.ask("was it registered at the League before or after its first anniversary?")
    assert "4 March 1927" in answer.text and "28 September 1927" in answer.text, answer.text
    answer = pact.ask("how many months before the 5th anniversary of the signing was it first extended?")
    assert "6 May 1931" in answer.text and "28 September 1931" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # Something else done on the day, or another thing's anniversary: no question of the topic.
        "did Lithuania celebrate the pact's 10th anniversary?",
        "when is Lithuania's 100th anniversary?",
    ],
)
def test_an_anniversary_of_something_else_is_not_the_topics(pact: FactEngine, question: str) -> None:
    assert pact.ask(question).outcome is Outcome.DECLINED, pact.ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The words between "my"/"our" and the asker's homework or class say which one; "history"
        # there asks for no history of the topic.
        ("for our European history class: who signed the pact for Lithuania?", "Sleževičius"),
        ("for my Baltic history essay, when did the pact come into force?", "9 November 1926"),
        # What a teacher or a worksheet "asked" is the asker's situation too.
        ("my history teacher asked us where the pact was signed", "Moscow"),
    ],
)
def test_what_kind_of_homework_is_the_askers_own(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


@pytest.mark.parametrize(
    "question",
    [
        "what year did they move the end date out to 1944?",
        "after the 1931 extension but before the 1934 one, when was it due to end?",
    ],
)
def test_a_year_few_facts_give_is_evidence_for_them(pact: FactEngine, question: str) -> None:
    # 1944 (or 1934) is given by three facts' texts, not by the topic's own dates: a fact that gives it
    # leads the fact computed from dates, which would answer for any year.
    answer = pact.ask(question)
    assert answer.outcome is Outcome.ANSWERED and "1944" in answer.text, answer.text
    assert "nothing recorded" not in answer.text, answer.text


def test_a_channel_named_in_the_message_is_where_the_asker_is(pact: FactEngine) -> None:
    # "#general" names a channel, as "@bob" names a person: neither is part of the question.
    answer = pact.ask("claim from someone in #general: the pact was signed in Riga. true?")
    assert answer.text.startswith("No —") and "Moscow" in answer.text, answer.text
    plain = pact.understand("who signed it?").units
    assert pact.understand("who signed it? asking for #history").units == plain


def test_a_name_is_found_without_its_articles(pact: FactEngine) -> None:
    # "head of Narkomindel" is the alias "head of the Narkomindel" said without its article.
    assert pact.understand("what did head of Narkomindel do in Kaunas?").entities[:1] == ("chicherin",)
    answer = pact.ask("was the head of Narkomindel among the signatories?")
    assert answer.text.startswith("Yes —") and "Chicherin" in answer.text, answer.text


@pytest.mark.parametrize("question", ["heyy what was the pact?", "hii, who signed it?"])
def test_a_greeting_with_its_last_letter_doubled_is_still_a_greeting(pact: FactEngine, question: str) -> None:
    # "heyy" is no word of any language and "hey" is a stop word: it names nothing the file lacks.
    assert pact.ask(question).outcome is Outcome.ANSWERED, pact.ask(question).text


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # A lead-in that says where a span starts and ends is part of the question after it.
        ("from the 1934 extension to the occupation — how many years is that?", "6 years, 2 months"),
        ("from the first talks to the occupation, how many years is that?", "14 years, 5 months"),
        # "The day" after an article points at a day; the unit asked is the one after "how many".
        ("from the day it was signed to the day it was broken, how many years?", "about 14 years"),
    ],
)
def test_a_lead_in_from_one_thing_to_another_is_the_span_asked(
    pact: FactEngine, question: str, span: str
) -> None:
    answer = pact.ask(question)
    assert f"Between the two: {span}" in answer.text, answer.text


def test_a_span_asked_of_the_sentence_before_reads_the_whole_message(pact: FactEngine) -> None:
    # "How many days apart were the two?" names nothing of its own: the two are in the sentence before.
    answer = pact.ask(
        "The Seimas voted for it and then ratifications were exchanged. How many days apart were the two?"
    )
    assert "9 November 1926" in answer.text and "Between the two: 4 days" in answer.text, answer.text


def test_a_word_as_common_as_movie_is_no_typo(pact: FactEngine) -> None:
    # "movie" is one letter off "move" (a word of the file), but the language uses it far too often
    # for it to be a slip: it stays a word the file does not know.
    assert pact.ask("can you recommend a good movie for our class movie night?").outcome is Outcome.DECLINED


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A year with "m." or "г." typed onto it is still the year.
        ("iki kada sutartis pratęsta 1934m.?", "1944"),
        ("что случилось в 1933г.?", "1933"),
        # "Šito" is a word for "this"; "nervinosi" is "nerimavo", as the file says.
        ("kodėl Vokietija nervinosi dėl šito pakto?", "Klaipėd"),
    ],
)
def test_lithuanian_and_russian_chat_spellings(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


@pytest.mark.parametrize(
    ("question", "opening", "expected"),
    [
        # "Involved" asks what part someone had, as "role" does: the person's card says it.
        ("was Baltrušaitis involved in the pact?", "Yes —", "Baltrušaitis"),
        ("was Poland involved?", "No —", "two parties"),
    ],
)
def test_whether_someone_was_involved_asks_their_part(
    pact: FactEngine, question: str, opening: str, expected: str
) -> None:
    answer = pact.ask(question)
    assert answer.text.startswith(opening) and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "Stopped by" a city is a visit to it, not a deed done by its government.
        ("Chicherin stopped by Kaunas when the talks began, right?", "Yes —"),
        # A place put where the fact has another, which the claim leaves out, is a wrong value even
        # beside a place the fact bears out ("on his way to Moscow").
        ("the talks began when Chicherin passed through Riga on his way to Moscow, true?", "No —"),
        ("the talks began when Chicherin passed through Warsaw on his way to Moscow, true?", "No —"),
    ],
)
def test_where_a_claim_puts_a_visit(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("did he stop in Warsaw on the way?", "warsaw"),
        ("was Vilnius settled in Warsaw's favour?", "poland"),  # an owner is the state
        ("why was Warsaw unhappy?", "poland"),
    ],
)
def test_a_capital_is_a_place_or_its_state(pact: FactEngine, question: str, entity: str) -> None:
    assert entity in pact.understand(question).entities


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "Something to do with" claims a connection: the fact that names both things settles it,
        # not the one about the first thing alone, whose month ("November") is no verdict on the coup's.
        ("so the protests against the treaty had something to do with the December 1926 coup?", "Yes —"),
        ("the pact had nothing to do with the coup of December 1926, right?", "No —"),
    ],
)
def test_something_to_do_with_claims_a_connection(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "That's what my friend claims" reports where the claim came from; its "what" asks nothing.
        ("Smetona signed the treaty for Lithuania himself? that's what my friend claims", "No —"),
        ("the pact is from 1939, right? that's what my teacher said", "No —"),
        # "Am I remembering that right?" says nothing beyond the claim before it.
        ("the pact was signed in 1929, am I remembering that right?", "No —"),
        # A claim word in a remark after the question makes it a claim, as "right?" would.
        ("it came into force on the day the ratifications were exchanged? just checking", "Yes —"),
    ],
)
def test_what_a_claim_is_wrapped_in(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


def test_put_off_is_delayed(pact: FactEngine) -> None:
    # "Deferred", "postponed" and "concurrent" are words of the delay before a treaty took effect
    # (or of its absence), which a fact file says as "delay" and "same day".
    question = pact.understand("was commencement deferred or postponed, or concurrent with it?")
    assert all(u.known for u in question.units), question.units


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "Which" and a word for people acting for a state asks who, not when or where they acted.
        ("Which plenipotentiaries affixed their signatures to the instrument?", "Baltrušaitis"),
        ("which officials put their names to the 1926 treaty?", "Chicherin"),
    ],
)
def test_which_envoys_asks_who(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


def test_what_type_is_what_kind(pact: FactEngine) -> None:
    _assert_answered_with(pact, "what type of treaty was it?", "Non-Aggression Pact was a treaty")


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # A party and another state named together, with "their own" or "a" pact: another treaty.
        ("when did Poland and the USSR sign their own non-aggression pact?", False),
        ("when did Poland and Russia sign a non-aggression pact?", False),
        # ... while the pact itself, or objections to it, stay the file's.
        ("why did Poland and Latvia object to the pact?", True),
        ("when did Lithuania and the Soviet Union sign their pact?", True),
    ],
)
def test_a_pact_of_a_party_and_another_state(pact: FactEngine, question: str, answered: bool) -> None:
    _assert_answers(pact, question, answered)


def test_a_card_of_the_other_side_does_not_tie(pact: FactEngine) -> None:
    # The Soviet envoy's card says "plenipotentiary" too; the question names Lithuania's side.
    _assert_answered_with(
        pact, "who were the plenipotentiaries acting for the Lithuanian party?", "Sleževičius"
    )


def test_two_facts_that_give_the_same_year_are_no_rivals(pact: FactEngine) -> None:
    # The mutiny's fact and the Vilnius fact both give 1920: either says when.
    _assert_answered_with(
        pact, "since when was vilnius under polish control according to the book? 1920 or 1923?", "1920"
    )


def test_which_years_of_is_a_question_word_in_lithuanian(pact: FactEngine) -> None:
    # "kurių" ("of which") is a question word, not a word of the file's texts that happen to use it;
    # "vėl" ("again") says nothing.
    _assert_answered_with(pact, "Sutartis vėl pratęsta 1934 m. – iki kurių metų?", "1944")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A stance word of a claim matches a fact that takes a stance, for a state it names, even
        # where the word also names another deed ("approved" by the parliament).
        ("did latvia approve of the pact?", "No — Latvia and Estonia disapproved"),
        ("estonia was totally fine with the treaty, true?", "No — Latvia and Estonia disapproved"),
        ("Верно, что Германия поддерживала договор?", "Нет — Германия"),
        ("а немцев что напрягало в договоре?", "Германия настороженно"),
    ],
)
def test_a_stance_claimed_of_a_state_meets_the_stance_it_took(
    pact: FactEngine, question: str, expected: str
) -> None:
    _assert_answered_with(pact, question, expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "Or somewhere else" offers no second value: the guess before it is the one to check.
        ("who signed for lithuania? was it smetona or someone else?", "No — Mykolas Sleževičius"),
        # A guess asked without its question mark is still a guess, not a question about Riga.
        ("where did they sign it? was it riga or somewhere else", "signed in Moscow"),
    ],
)
def test_a_guess_or_somewhere_else(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


@pytest.mark.parametrize(
    "question",
    [
        # Of facts level on the words, the one that names the most states answers "which countries".
        "which countries objected to the pact?",
        # "Had issues with" is "objected to".
        "which countries had issues with the pact?",
    ],
)
def test_which_countries_objected_names_them_all(pact: FactEngine, question: str) -> None:
    answer = pact.ask(question)
    assert all(name in answer.text for name in ("Latvia", "Poland", "Germany")), answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A claim that picks one of a series by its place is checked on that one's year.
        ("the first extension was in 1934, right?", "No — • 6 May 1931"),
        ("the second extension was in 1934, right?", "Yes — • 4 April 1934"),
        ("was it extended the second time in 1931?", "No — • 4 April 1934"),
        ("Ar tiesa, kad sutartis pirmą kartą pratęsta 1934 m.?", "Ne — • 1931 m. gegužės 6 d."),
    ],
)
def test_the_nth_of_a_series_in_a_claim(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


def test_the_year_a_deed_set_is_not_its_own(pact: FactEngine) -> None:
    # 1944 is the end the second extension set, not the year it was made: no "No" for that.
    _assert_opens(pact, "after the second extension it was to remain in force until 1944, right?", "Yes")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A lead-in stating the condition of what would have been is part of the question.
        ("without any extension, when would the treaty have expired?", "would have expired in 1931"),
        ("absent any extension, when would it have lapsed?", "would have expired in 1931"),
        ("Be pratęsimų, kada sutartis būtų pasibaigusi?", "būtų baigusis 1931"),
        # "og" is "original"; "5yr" is "5 yr".
        ("the og 5yr term would have ended when?", "would have expired in 1931"),
    ],
)
def test_a_condition_before_the_question(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


def test_if_so_unpopular_why_is_no_condition(pact: FactEngine) -> None:
    # "If it was so unpopular, why ...?" grants a fact; it states no condition of what would have been.
    question = pact.understand("if the pact was so unpopular at home, why did the diplomats go ahead?")
    granted = [u for u in question.units if u.label == "unpopular"]
    assert granted and all(u.aside for u in granted), question.units


@pytest.mark.parametrize(
    "question", ["how did the whole treaty end?", "tell me the entire story of how the pact ended"]
)
def test_whole_and_entire_say_nothing(pact: FactEngine, question: str) -> None:
    _assert_answered_with(pact, question, "broken on 15 June 1940")


def test_quick_one_is_no_count(pact: FactEngine) -> None:
    _assert_opens(pact, "quick one: in 1934 it was extended to the end of 1944, yes?", "Yes —")


def test_agree_asks_for_a_verdict(pact: FactEngine) -> None:
    # "- agree?" is a claim's tag, not the signing's "agreed": the convention's fact settles it.
    _assert_answered_with(pact, "the convention on aggression dates from 1935, agree?", "No — On 5 July 1933")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "Lasted until", "held all the way to": whether it was still in force then.
        ("did the pact last until 1939?", "Yes. The pact was in force in 1939"),
        ("the treaty held all the way to 1944, right?", "No. The pact was no longer in force in 1944"),
        # ... but what it was supposed to last until is what was planned.
        ("after the 1934 extension it was supposed to last until 1944, right?", "Yes —"),
    ],
)
def test_lasted_until_asks_whether_it_was_in_force(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "penkeriems metams" is five years: a claim of ten is contradicted, one of five borne out.
        ("Ar tiesa, kad iš pradžių sutartis turėjo galioti dešimt metų?", "Ne —"),
        ("Ar tiesa, kad iš pradžių sutartis turėjo galioti penkerius metus?", "Taip —"),
    ],
)
def test_lithuanian_number_forms_in_a_claim(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # An expert's "commencement" is the coming into force, or the start of what it is of.
        ("Was entry into force at the exchange of ratifications, or was commencement deferred?", "Yes —"),
        ("from the commencement of talks to the signature, how many days?", "277 days"),
    ],
)
def test_commencement_is_a_start(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


def test_an_older_treaty_is_an_earlier_one(pact: FactEngine) -> None:
    question = "what older agreement between the two countries did the pact confirm?"
    _assert_answered_with(pact, question, "Peace Treaty of 1920")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # A treaty the file does not know, claimed where the fact names one it knows: No, with that one.
        ("Warsaw's objection was that the pact broke the Treaty of Trianon, correct?", "No — Poland"),
        ("The pact confirmed the Treaty of Tartu, right?", "No — The pact confirmed"),
        # "Brest-Litovsk" names that treaty, not a pairing of Lithuania with another state.
        ("the pact reaffirmed the Treaty of Brest-Litovsk, didn't it?", "No — The pact confirmed"),
    ],
)
def test_a_claimed_treaty_is_checked_against_the_one_the_fact_names(
    pact: FactEngine, question: str, opening: str
) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    "question",
    [
        # ... but a claim about another treaty that no fact about a treaty fits stays declined.
        "Is it true the Treaty of Rapallo first put Lithuania in the German sphere?",
        "Did Lithuania sign the Treaty of Versailles?",
    ],
)
def test_a_claim_about_another_treaty_alone_is_declined(pact: FactEngine, question: str) -> None:
    _assert_answers(pact, question, answered=False)


def test_the_controversy_at_home_tells_its_end(pact: FactEngine) -> None:
    # The domestic quarrel over ratification runs, in the source, from the protests to the coup.
    _assert_answered_with(pact, "what upheaval at home followed ratification?", "military coup")


def test_looking_for_is_seeking(pact: FactEngine) -> None:
    question = "which agreements in the west made the Lithuanians look for another course abroad?"
    _assert_answered_with(pact, question, "Locarno")


@pytest.mark.parametrize(
    "question",
    [
        # One dated thing tells of both deeds "that same day": the claim that they fell on one day holds.
        "so it came into effect the same day the instruments of ratification were swapped?",
        "the exchange of ratifications and the entry into force fell on the same day, right?",
    ],
)
def test_two_deeds_of_one_day_on_the_same_day(pact: FactEngine, question: str) -> None:
    _assert_opens(pact, question, "Yes —")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # Two dated things a yes/no question names, and their weekdays compared.
        ("was it registered at the League on the same weekday it was signed?", "No — 28 September 1926 was"),
        ("did the signing and the coming into force fall on the same weekday?", "Yes — 28 September 1926"),
    ],
)
def test_the_same_weekday_of_two_things(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "The end of 1944" is a date; its "end" is no sign of the fact about how the pact ended.
        ("so in the end it got extended right up to the end of 1944?", "Yes —"),
        ("the 1934 renewal kept it going till the end of 1950, yes?", "No —"),
        ("Ar tiesa, kad 1934 m. sutartį pratęsė iki 1944 m. pabaigos?", "Taip —"),
    ],
)
def test_the_end_of_a_year_is_a_date(pact: FactEngine, question: str, opening: str) -> None:
    _assert_opens(pact, question, opening)


@pytest.mark.parametrize(
    "question",
    [
        # "Tied to this treaty" after a thing says which thing; it is no question about the tie ...
        "There was a convention in 1933 tied to this treaty. What was it about?",
        "Our notes list a 1933 convention connected to the treaty. What was that one about?",
    ],
)
def test_a_thing_tied_to_the_topic_is_named_by_it(pact: FactEngine, question: str) -> None:
    _assert_answered_with(pact, question, "aggression")


def test_whether_a_thing_is_tied_to_the_topic_is_asked(pact: FactEngine) -> None:
    # ... while "is it connected to the pact?" asks just that.
    _assert_opens(pact, "is the coup connected to the pact?", "Yes — The forceful break-up")


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # "When exactly" asks for a day: the file gives Locarno's year only, the signing's day.
        ("when exactly did the Locarno Treaties get signed?", False),
        ("когда именно были подписаны Локарнские договоры?", False),
        ("when exactly was the pact signed?", True),
    ],
)
def test_when_exactly_asks_for_a_day(pact: FactEngine, question: str, answered: bool) -> None:
    _assert_answers(pact, question, answered)


@pytest.mark.parametrize(
    "question",
    [
        # An "if" clause that grants a fact is a lead-in, comma or no comma.
        "if lithuanians disliked it so much why did their diplomats still go ahead with it",
        "if everyone hated the pact why did the diplomats want it",
    ],
)
def test_a_granted_fact_without_a_comma_is_a_lead_in(pact: FactEngine, question: str) -> None:
    _assert_answered_with(pact, question, "Lithuania's diplomats accepted the costs")


def test_a_condition_of_what_would_have_been_is_not_cut(pact: FactEngine) -> None:
    # "when" inside a condition of what would have been belongs to the question, which stays whole.
    question = pact.understand("if it had not been extended in 1931 when would it have ended")
    assert question.would and question.kind == "when", question


def test_which_countries_gets_the_fact_that_names_them_all(pact: FactEngine) -> None:
    # Close to a fact about one objector, the fact that lists every objector answers "which countries".
    question = "which countries were worried about the pact or against it? list them"
    _assert_opens(pact, question, "The talks were difficult because neighbours objected")


def test_the_dispersed_protest_is_tied_to_the_coup(pact: FactEngine) -> None:
    # The source says why the dispersal matters in the same sentence: its fact says so too.
    question = "the protest that police broke up is blamed for what later event?"
    _assert_answered_with(pact, question, "military coup")


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("on what exact date in November 1926 did the Seimas ratify it?", True),
        # A whole date the question states is a value of it, not the month to look in.
        ("On what date was the pact extended to 31 December 1944?", True),
    ],
)
def test_a_day_asked_in_a_month_is_of_that_month(pact: FactEngine, question: str, answered: bool) -> None:
    _assert_answers(pact, question, answered)


def test_a_day_of_another_month_is_no_day_of_the_month_asked() -> None:
    # "Which day in December 1926 ...?" is not answered by a fact that gives 5 November 1926.
    tables = (language("en"),)
    assert gives_a_day("ratified on 5 November 1926", tables)
    assert gives_a_day("ratified on 5 November 1926", tables, 1926, 11)
    assert not gives_a_day("ratified on 5 November 1926", tables, 1926, 12)


def test_a_big_deal_asks_what_it_meant(pact: FactEngine) -> None:
    # "Why was it a big deal?" asks why it mattered: its consequences, not the deal itself.
    question = "the no-alliance promise, why was it a big deal?"
    _assert_answered_with(pact, question, "not a member of the League")


def test_breaking_down_is_breaking(pact: FactEngine) -> None:
    # "Broke down" is the treaty's breaking, not anything "brought down" (the coup's fact).
    _assert_opens(pact, "so it broke down in 1939, yes?", "No — The pact was broken on 15 June 1940")


def test_if_nothing_else_changed_asks_nothing(pact: FactEngine) -> None:
    # "If nothing else had changed" is all else being equal: the question is the rest of it.
    question = "once renewed in 1931, what year would it have lapsed if nothing else had happened?"
    _assert_answered_with(pact, question, "(to 1936)")


def test_a_name_before_a_noun_is_no_rival_set_aside(pact: FactEngine) -> None:
    # "not yet a League of Nations member": the negation is the claim, and the League says what kind
    # of member; it is no "not Beta City" contrast. (A contrast still ends its clause, "right?" after.)
    _assert_opens(pact, "was the USSR not yet a league of nations member when this pact was made?", "Yes — ")
    _assert_opens(
        pact, "The idea for the pact came from the Lithuanian side, not from Moscow, right?", "Yes — "
    )


def test_the_very_day_is_the_same_day(pact: FactEngine) -> None:
    question = "fact check: the treaty took effect on the very day the ratifications were exchanged"
    _assert_opens(pact, question, "Yes — The ratification documents were exchanged")


def test_by_the_time_of_is_before(pact: FactEngine) -> None:
    question = (
        "Had the pact already been registered with the League of Nations by the time of the military coup?"
    )
    _assert_opens(pact, question, "No — ")


def test_a_signer_claimed_for_the_wrong_side_is_told_his_own(pact: FactEngine) -> None:
    # The reply names the side he did sign for, not only the side the claim gave him.
    answer = pact.ask("slezevicius signed on the soviet side, didn't he?")
    own_side = "Sleževičius and Jurgis Baltrušaitis signed the pact for Lithuania"
    assert answer.text.startswith("No — ") and own_side in answer.text, answer.text
    assert pact.ask("who signed for lithuania?").text.count("signed the pact for") == 1


def test_concluding_is_signing(pact: FactEngine) -> None:
    question = "Who acted as plenipotentiaries for Lithuania in concluding the 1926 non-aggression treaty?"
    _assert_answered_with(pact, question, "Sleževičius")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "when it got ...": the end of the span asked, no second question
        (
            "how old was the pact, counting from the signing, when it got its first extension?",
            "4 years, 7 months",
        ),
        # a "when" that asks is still a second question
        ("how long was it in force, and when was it signed?", "signed in Moscow on 28 September 1926"),
    ],
)
def test_a_span_to_when_something_happened_is_one_question(
    pact: FactEngine, question: str, expected: str
) -> None:
    _assert_answered_with(pact, question, expected)


def test_when_something_named_happened_is_not_answered_by_a_fact_that_never_names_it(
    pact: FactEngine,
) -> None:
    # The Baltic Entente's founding: the extensions' fact matches "finally" and "set up", not it.
    _assert_answers(pact, "In which year was the Baltic Entente finally set up?", False)
    _assert_answers(pact, "In what year did Lithuania become a member of the League of Nations?", False)
    _assert_answers(pact, "When was the pact registered with the League of Nations?", True)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # a place the file knows, but no treaty of it that the file knows
        ("Is it true that Moscow signed the Treaty of Berlin with Germany in 1926 as well?", False),
        # a treaty noun in a name the file knows; "accord" as a verb
        ("When was the pact registered in the League of Nations Treaty Series?", True),
        ("What status did Moscow accord to Lithuanian claims in the Memel Territory under the pact?", True),
    ],
)
def test_a_treaty_named_after_a_known_place_is_another_treaty(
    pact: FactEngine, question: str, answered: bool
) -> None:
    _assert_answers(pact, question, answered)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("the pact text was only in russian, yes?", "No — "),
        ("ar sutartis parašyta tik rusų kalba?", "Ne — "),
        ("договор был составлен только на русском языке?", "Нет — "),
        # without "only", one of its languages bears the claim out; with it, all of them do
        ("was it written in Russian?", "Yes — "),
        ("was it written only in russian and lithuanian?", "Yes — "),
    ],
)
def test_only_makes_a_claimed_list_the_whole_of_it(pact: FactEngine, question: str, verdict: str) -> None:
    _assert_opens(pact, question, verdict)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # "kas buvo" reads as "what was": the president is still an office the file never names
        ("Kas buvo Lietuvos prezidentas, kai buvo pasirašyta ši sutartis?", False),
        ("kas buvo lietuvos prezidentas kai 1926 pasirase nepuolimo sutarti su sovietais?", False),
        # an office the file names; an office offered only as a guess
        ("Who was the Soviet foreign affairs commissar who passed through Kaunas in December 1925?", True),
        ("who ratified it on the lithuanian side, parliament or the president?", True),
    ],
)
def test_an_office_the_file_never_names_is_what_is_asked(
    pact: FactEngine, question: str, answered: bool
) -> None:
    _assert_answers(pact, question, answered)


@pytest.mark.parametrize(
    "question",
    [
        "Apart from the Vilnius question, in which region did the Soviets acknowledge Lithuanian interests?",
        "Besides Vilnius there was another region where the Soviets backed Lithuania's interests. "
        "Which region was that?",
    ],
)
def test_a_place_set_aside_is_not_what_is_asked(pact: FactEngine, question: str) -> None:
    # The asker knows of Vilnius already: the fact titled after it is not the answer.
    _assert_answered_with(pact, question, "Klaipėda")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("On what date did the bilateral negotiations formally commence?", "25 December 1925"),
        # "состоял в Лиге Наций": was a member of it
        ("Правда ли, что в 1926 году СССР уже состоял в Лиге Наций?", "Нет — "),
    ],
)
def test_commence_is_begin_and_sostoyal_is_membership(pact: FactEngine, question: str, expected: str) -> None:
    _assert_answered_with(pact, question, expected)


def test_of_claims_level_on_the_words_the_one_naming_the_body_settles_it(pact: FactEngine) -> None:
    # The League is what the claim is about; the parties' fact only shares "state" and "concluded".
    question = "Was the USSR a member state of the League of Nations when the pact was concluded?"
    _assert_opens(pact, question, "No — Because Lithuania promised")
    # a place claimed is the value to check, not a body the fact must name
    _assert_opens(pact, "was it signed in kaunas?", "No — ")


def test_heading_somewhere_is_on_the_way(pact: FactEngine) -> None:
    question = "chicherin was heading where when he made that stop in kaunas?"
    _assert_answered_with(pact, question, "on his way to Moscow")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "m." (metai) after a year ends no sentence: the claim's "iki 1945 m." is part of it
        ("Ar 1934 m. sutartis buvo pratęsta iki 1945 m. pabaigos?", "Ne — "),
        ("mokytoja sake kad Vilnius buvo lenku rankose nuo Zeligovskio maisto 1920 m. ar taip?", "Taip — "),
    ],
)
def test_the_period_of_a_date_abbreviation_ends_no_sentence(
    pact: FactEngine, question: str, opening: str
) -> None:
    _assert_opens(pact, question, opening)
