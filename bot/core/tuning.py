"""Every number that tunes how the engine reads, ranks and answers questions, in one place.

Each line says what the number trades off. The values were set against `tests/core/questions.yaml`
and the development set; change one and run `make test` and `make bench` to see what it costs.
Plain module constants (not a settings object): the ranking loops read them as fast globals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# -- reading a question ----------------------------------------------------------------------------

# Longer questions are read only this far: nobody asks a fact bot an essay, and each word costs time.
MAX_QUESTION_CHARS: Final = 400
# Words the file does not know that get typo correction and fuzzy name matching, per question (the
# first ones): the bound on the costliest work a question of strange words can cause.
FUZZY_WORDS: Final = 8
# How many words before "anniversary" its number may stand ("the pact's 100th anniversary"): further
# back, a number is more likely another thing's.
ANNIVERSARY_NUMBER_REACH: Final = 3
# How many words between "my" and a word for the asker's situation are the asker's too ("my Baltic
# history class"): more lets longer descriptions drop out, and with them, rarely, a word that asks.
ASKER_MODIFIER_WORDS: Final = 2
# ... and only this many words once folded (a character may fold into several words): the bound on
# what one question costs. Raising it reads longer messages whole; each word costs time.
MAX_QUESTION_WORDS: Final = 60
# Language evidence per word. Raising one makes that sign outvote the others: letters only one
# language uses (e.g. "ė", "ы"), the language's stop or question words, words the file uses in it alone.
LANGUAGE_LETTER_EVIDENCE: Final = 1.5
LANGUAGE_WORD_EVIDENCE: Final = 1.0
LANGUAGE_FILE_WORD_EVIDENCE: Final = 0.5
# Words remembered with how they were read (the evidence they give of a language, their unit): a
# bound on memory, as askers' words are not.
WORD_READING_CACHE_SIZE: Final = 100_000
# A message this short or shorter is compared fuzzily with the small-talk phrases; longer ones only
# exactly. Raising it catches chattier greetings but risks reading a real question as small talk.
SMALLTALK_MAX_CHARS: Final = 40
# How alike (rapidfuzz ratio) a message must be to a small-talk phrase. Lowering it greets more
# misspelt hellos but may greet a short question.
SMALLTALK_CUTOFF: Final = 90.0
# Month names shorter than this are not matched as word prefixes ("mai" would swallow "maybe").
MONTH_PREFIX_MIN: Final = 3
# Bare numbers this long or shorter ("2", "12") are not weighed: they are counts, not years or ids.
SHORT_NUMBER_DIGITS: Final = 2
# Letters this few right after a year ("1855-м", "1855-го") are an ending the year takes, not a word.
# Raising it would drop real short words after a year ("1855 war").
YEAR_SUFFIX_LETTERS: Final = 2
# A last piece of this many words or fewer after a question ("where was it signed, Alpha City?") is a
# guess to check. Raising it reads longer afterthoughts as claims.
OFFERED_VALUE_WORDS: Final = 2
# A word the file does not know, ending as the language's manner adverbs do ("-ly") after at least
# this many letters, weighs as a common word: "enthusiastically" says how, "Italy" or "fly" are not it.
ADVERB_STEM_MIN: Final = 4

# -- typo correction -------------------------------------------------------------------------------

# Words shorter than this are never corrected: too many real words lie one letter apart.
CORRECT_MIN_LETTERS: Final = 3
# Words shorter than this are corrected only to question words ("wen" -> "when"), not to file words.
CORRECT_POOL_MIN_LETTERS: Final = 4
# Cut for correcting to a question word. Lowering it fixes wilder misspellings ("kagda") but turns
# unrelated words into question words.
QUESTION_WORD_CUTOFF: Final = 80.0
# Cut for correcting to a word of the file. Lowering it fixes more typos but makes real unknown
# words look known, so off-topic questions get answered.
CORRECTION_CUTOFF: Final = 80.0
# Near matches looked at per word; more finds a same-first-letter match more often, at more cost.
CORRECTION_CANDIDATES: Final = 5
# Words up to this long need the stricter cut below (or swapped letters) to count as a typo.
SHORT_WORD_LETTERS: Final = 5
# Stricter cut for short words: one letter off a short word is often another real word ("bread").
SHORT_WORD_CUTOFF: Final = 86.0
# A real word one letter off a file word is a typo of it only when the language uses it this seldom:
# "signet" may be a slip for "signed", "regain" is no slip for "remain". Raising it corrects more.
REAL_WORD_TYPO_ZIPF: Final = 3.5
# A real word this common is what it was typed as, however close to a file word ("movie" is no
# slip for "move"). Raising it corrects more.
TYPED_AS_MEANT_ZIPF: Final = 5.1
# Known words this many letters longer or shorter are correction candidates; wider finds dropped or
# doubled letters further apart, at the cost of a bigger pool to search.
CORRECTION_LENGTH_SPREAD: Final = 2
# Stop words shorter than this are never a correction ("nato" must stay an unknown name, not "not").
STOPWORD_TARGET_MIN_LETTERS: Final = 4
# Corrections remembered per engine; more saves work on repeated typos, costs memory.
CORRECTION_CACHE_SIZE: Final = 100_000

# -- names (entity spans) --------------------------------------------------------------------------

# Phrases shorter than this must name an entity exactly: short names are too easily misread.
NAME_FUZZY_MIN_CHARS: Final = 5
# Phrases shorter than this use the strict cut, longer ones the looser one.
NAME_SHORT_CHARS: Final = 8
# How alike a misspelt name must be to an alias (short / long phrases). Lowering them finds more
# misspelt names but mistakes unknown names for known ones, which then get answered.
NAME_SHORT_CUTOFF: Final = 88.0
NAME_LONG_CUTOFF: Final = 84.0
# How alike two spelling-neutral sound keys must be (a name written in another script or case).
NAME_SOUND_CUTOFF: Final = 85.0
# Each word of a fuzzily matched name must be this alike to the alias's word, and only words longer
# than NAME_WORD_MIN_LETTERS may differ at all ("population" is no misspelt "occupation").
NAME_WORD_CUTOFF: Final = 75.0
NAME_WORD_MIN_LETTERS: Final = 3

# -- the index -------------------------------------------------------------------------------------

# How strongly a word ties a candidate to a question: in its title, keywords or many phrasings
# (what it is about), in one phrasing (evidence), or only in its answer text (mentioned in passing).
# Raising WEAK lets answer texts decide more; lowering MEDIUM makes single phrasings count less.
STRONG: Final = 1.0
MEDIUM: Final = 0.8
WEAK: Final = 0.3
# A word in at least max(STRONG_PHRASINGS_MIN, phrasings // STRONG_PHRASINGS_DIVISOR) phrasings of a
# fact is what the fact is about (STRONG). Lowering either promotes more words to STRONG.
STRONG_PHRASINGS_MIN: Final = 2
STRONG_PHRASINGS_DIVISOR: Final = 4

# -- weighing the question -------------------------------------------------------------------------

# Weight of naming the topic or a party: true of every fact, so it must weigh little. Raising it
# makes "the pact" in a question count towards every answer's coverage.
CONTEXT_WEIGHT: Final = 0.3
# Weight of a question word the file does not use ("tell", "exactly"). Raising it lets such words
# dilute coverage and cause declines; lowering it ignores them more.
QUESTION_WORD_WEIGHT: Final = 0.25
# An unknown word weighs this many times the rarest known word. Raising it declines sooner when a
# question names something the file does not know; lowering it answers more off-topic questions.
UNKNOWN_WEIGHT_FACTOR: Final = 1.2

# -- ranking ---------------------------------------------------------------------------------------

# Share of an entity covered by a candidate that only has the entity's name in its words, not among
# its entities. Raising it lets facts that merely mention a person compete with that person's facts.
PARTIAL_NAME_COVERAGE: Final = 0.8
# Extra coverage, as a share of the question, for date-computing facts when a question with other
# words names a date. Raising it pulls such questions towards "what happened on ..." answers.
DATED_QUESTION_BOOST: Final = 0.25
# Extra score for date-computing facts when the question names a date: decides ties between them and
# others. Raising it lets a named date override the question's words.
DATE_PREFERENCE: Final = 0.05
# Score changes for the question's kind: a candidate for that kind (naming people, for "who"); a
# broad "what"/"how" question to a candidate for another kind; any other kind mismatch. Larger gaps
# make the kind decide more often against the words.
KIND_WHO_PERSON_BONUS: Final = 0.1
KIND_MATCH_BONUS: Final = 0.08
# Added to a named person's card when the question asks what the person was ("what office did ...
# hold when the talks began?"): a fact about the talks that names them must not tie with the card.
# Raising it lets a role word outweigh the rest of the question.
ROLE_CARD_BONUS: Final = 0.2
# Taken from the card of a person who acted for the other side, when the question names one party and
# no person ("who were the plenipotentiaries for Beta?"): that card shares the role's words, not the
# side. Raising it would bury a card the question asks of by its role alone ("who was Beta's envoy?").
OTHER_SIDE_CARD_PENALTY: Final = 0.1
# A fact whose title names a place the asker set aside ("besides Alpha City, which region ...?"): it
# is what the asker already knows. Larger lets the words matter less; smaller lets the set-aside win.
SET_ASIDE_PENALTY: Final = 0.15
# Of a claim's two years, the one that sets the scene, stated by a fact (not computed from dates), is
# evidence for that fact: "did the 1855 extension run to 1870?" is about the fact that gives 1855.
# Raising it lets a year outweigh the words.
CLAIMED_YEAR_BONUS: Final = 0.1
# A year that only a few facts or cards state (not the topic's own year, which nearly all do) is
# evidence for them: "a separate document of 1850, what was it about?". More candidates sharing it make
# it no evidence; a larger bonus lets the year outweigh the words.
RARE_YEAR_CANDIDATES: Final = 3
RARE_YEAR_BONUS: Final = 0.05
# How many words before a treaty noun a determiner of another treaty may stand ("its own new pact"),
# and after it the state it is "with". Raising it finds more such treaties, and more false ones.
OTHER_TREATY_REACH: Final = 3
# A "when"/"where"/"who" question's event word ("join", "regain") must be in the fact that answers it.
# Event words weigh at least EVENT_WORD_SHARE of the rarest word of the file and are rarer in the
# language than EVENT_WORD_COMMON_ZIPF (so not "put", "get", "take"). Lowering the share or raising
# the Zipf cut declines more near-topic questions, and more questions phrased with an unexpected verb.
EVENT_KINDS: Final = frozenset({"when", "where", "who"})
EVENT_WORD_SHARE: Final = 0.6
EVENT_WORD_COMMON_ZIPF: Final = 5.5
KIND_BROAD_MISMATCH: Final = -0.04
KIND_MISMATCH: Final = -0.15
# Candidates reranked by phrasing similarity (and returned by ranking). More costs time per question.
SIMILARITY_POOL: Final = 12
# Fact phrasings looked at per candidate wanted when a question has no telling words ("what is it?")
# and candidates are found by phrasing alone; more finds more facts at more cost.
PHRASING_NEIGHBOURS_FACTOR: Final = 3
# Final score = coverage * COVERAGE_SHARE + phrasing similarity * SIMILARITY_SHARE. A larger
# similarity share favours wording over content words (good for paraphrases, bad for word salads).
COVERAGE_SHARE: Final = 0.75
SIMILARITY_SHARE: Final = 0.25
# Candidates that get the full score after the heavy words ranked them. Fewer is faster but may drop
# the answer when light words would have lifted it.
PRELIMINARY_POOL: Final = 200
# Beyond this many reached candidates, score only those sharing every heavy word (and skip postings
# from answer texts). Lowering it speeds up large fact files at some risk of missing the answer.
LARGE_POOL: Final = 1500
# Candidates matching only words lighter than this share of the question are not scored (MaxScore
# pruning). Raising it is faster but may skip an answer found through light words.
PRUNE_SHARE: Final = 0.3

# -- deciding: answer or decline -------------------------------------------------------------------

# The best candidate's score needed to answer. Raising it declines more (fewer wrong answers, more
# refused right ones); lowering it answers more.
ANSWER_THRESHOLD: Final = 0.58
# Decline when unknown words weigh at least this share of the question. Lowering it declines
# off-topic questions sooner but also questions padded with words the file does not use.
UNKNOWN_SHARE_LIMIT: Final = 0.35
# Two best candidates closer than TIE_MARGIN are a tie (declined), unless the best scores at least
# TIE_CEILING. A wider margin or higher ceiling declines more ambiguous questions.
# A lead-in clause before the question ("sorry to bother, who ...") is context, unless it has this many
# words the file uses: then it names what the question asks about ("from the 1855 extension to the
# end date, how long is that?").
LEAD_FILE_WORDS: Final = 4
# "if they hated it so much why ...": an "if" clause with no comma is cut before a question word at
# this many words in or later; nearer the start the question word is the condition's own ("if when
# it was signed ..." is no granted fact).
MIN_GRANTED_WORDS: Final = 3
# "Ann Smith was the Alpha prime minister?": a claim's office word counts within this many words after
# the copula that follows a person's name; further on it describes someone or something else.
OFFICE_CLAIM_WINDOW: Final = 4
# "Who were the original contracting parties?": the parties called what they are are asked for when a
# copula stands this many words before them or nearer; elsewhere ("between the parties") they set the
# scene.
PARTIES_COPULA_REACH: Final = 3
# A piece of a message asks a question of its own when a question word opens it within this many
# words ("and in which city ..."): "when was it signed, and where?" is then answered in two parts.
CLAUSE_OPENING_WORDS: Final = 3
# ... and at most this many such pieces are answered one by one.
MAX_PIECES: Final = 3
# A statement with a question mark is a yes/no question from this many content words on; shorter
# ones are queries ("alpha city status?"), not claims.
INTONED_MIN_WORDS: Final = 3
# Question kinds only a candidate that answers one of the kinds listed may answer: "how many
# articles?" is not answered by a fact that gives no count ("how many days ..." by a span is).
STRICT_KINDS: Final[Mapping[str, frozenset[str]]] = {"how_many": frozenset({"how_many", "how_long"})}
# An unknown word this short ("n", "w", "rn") is chat shorthand, never what a question asks about.
ABBREVIATION_LETTERS: Final = 2
TIE_MARGIN: Final = 0.03
# "Which countries objected?": a candidate this close to the best that names more states answers
# instead. Narrower, the fact about two of the objectors beats the one that lists them all; wider (0.2
# was tried), "which countries were the signatories?" gets the objectors, who name more states.
STATES_MARGIN: Final = 0.12
# A fact that names everything the question names wins over a better-scoring one that leaves a named
# thing out, when it is this close. Raising it lets names outweigh what the question asks; lowering it
# answers "what about the valley?" with the fact whose other words fit best.
NAMING_ALL_MARGIN: Final = 0.1
# A fact that tells of the role a "who were the ... of ...?" asks for wins over a better-scoring one that
# fits only the words after "of", when it is this close. Raising it lets the role outweigh the rest.
ROLE_MARGIN: Final = 0.15
TIE_CEILING: Final = 0.75

# -- replies ---------------------------------------------------------------------------------------

# A declined question suggests candidates scoring at least this, up to DECLINE_SUGGESTIONS of them.
# Lowering the cut offers more (and less related) suggestions.
SUGGESTION_CUT: Final = 0.3
DECLINE_SUGGESTIONS: Final = 3
# Related facts shown under an answer (and facts listed on an entity's card); more makes replies long.
RELATED_SHOWN: Final = 3
# Example questions in the help text, and sources listed under it.
HELP_EXAMPLES: Final = 6
HELP_SOURCES: Final = 3

# -- autocomplete ----------------------------------------------------------------------------------

# Most suggestions returned at once (Discord shows at most 25).
SUGGEST_MAX: Final = 25
# Phrasings per fact and language offered as suggestions; more gives variety but crowds out others.
SUGGEST_PHRASINGS_PER_FACT: Final = 3
# Up to this many keys the better, slower WRatio scorer is used; beyond it the plain ratio keeps
# autocomplete inside Discord's time limit (WRatio costs ~2 µs a key).
SUGGEST_WRATIO_MAX_KEYS: Final = 3000
# Matches fetched per suggestion wanted, so enough remain after duplicates and the language sort.
SUGGEST_OVERFETCH: Final = 2
# How alike a fuzzy suggestion must be to the typed text; lowering it offers wilder guesses.
SUGGEST_CUTOFF: Final = 50

# -- evidence beyond the fact file's own words ------------------------------------------------------

# A known word in the context around a question ("I'm writing an essay on X.") counts this much of
# its weight. Raising it lets context steer the answer; lowering it lets context words be ignored.
ASIDE_WEIGHT: Final = 0.15
# An unknown word rarer than this (Zipf frequency in its language) weighs fully as evidence of another
# subject; one as common as VERY_COMMON_ZIPF weighs COMMON_WORD_FLOOR of that; linearly in between.
# Raising RARE_ZIPF or lowering the floor answers chattier questions but declines fewer off-topic ones.
RARE_ZIPF: Final = 3.0
VERY_COMMON_ZIPF: Final = 5.3
COMMON_WORD_FLOOR: Final = 0.25
# A word rarer than this in the tables weighs by its family instead (every listed form with its stem,
# their frequencies added), when that is more common: Lithuanian and Russian spread a common verb over
# dozens of forms. Raising it makes more words look common, answering more near-topic questions.
FAMILY_BELOW_ZIPF: Final = 4.0
# A word the file knows weighs by how seldom the file uses it, times COMMON_FILE_WORD_FACTOR when the
# language uses it at least as often as COMMON_FILE_WORD_ZIPF ("point", "way", "place", "end"): such a
# word rarely tells one fact from another. Lowering the cut or the factor answers chattier questions,
# and lets more near-topic ones through on a shared name.
COMMON_FILE_WORD_ZIPF: Final = 5.5
COMMON_FILE_WORD_FACTOR: Final = 0.6
# In "Alpha-X" (Alpha a party), an X the file does not know and rarer than this names another state
# ("Alpha-Gammish"); an everyday word ("Alpha-led") is not.
RARE_PAIR_ZIPF: Final = 4.5
# A year no date or text of the file touches weighs like a rare unknown word (times the unknown factor).
UNKNOWN_YEAR_WEIGHT: Final = 1.2
# An unknown name or year stated in a claim is the value to check, weighed this lightly (times max idf).
# Raising it lets such claims decline; lowering it lets a claim about a stranger match on its verb alone.
CLAIMED_NAME_WEIGHT: Final = 0.1
# A claim that shares this many words with a clause of the answer is about that clause: if one of the
# two is negated and the other not, the answer is No ("it required Beta to join an alliance?"
# against "Beta promised not to join any alliance").
SETTLING_WORDS: Final = 3
# "get the city back": words that may stand between a verb and the particle that makes it a return.
RETURN_PHRASE_GAP: Final = 2
# A whole date in a claim or an answer: its year may stand this many words from the month's name
# ("14 march 1850", "1850 m kovo 14 d"). Wider pairs a day with a year of another date in a list.
DATE_YEAR_REACH: Final = 3
# A claim restates its answer when all its own words are in it, or at least RESTATED_MIN of them and
# RESTATED_SHARE of all. Lowering either says "Yes" to claims that add a word the answer does not bear
# out ("ratified unanimously?"); raising them leaves more paraphrased claims without a verdict.
RESTATED_MIN: Final = 3
RESTATED_SHARE: Final = 0.75
# How many entities' folded names the claim checker keeps (a bound, so that reloading many fact files
# cannot grow it without end).
FOLDED_NAMES_CACHE_SIZE: Final = 10_000

# -- computed answers and several parts ------------------------------------------------------------

# Two dated things must explain this share of a span question's weight to answer with the span
# between them. Lowering it answers vaguer span questions, sometimes between the wrong two things.
# A fact that computes a span itself ("how long after signing did it take effect?") keeps the question
# unless two other dated things explain it by this much more.
SPAN_FACT_MARGIN: Final = 0.05
# ... and so does a fact that states a duration in words, asked "how long" and matched this well.
STRONG_MATCH: Final = 0.9
SPAN_MIN_SHARE: Final = 0.45
# The kinds a part of a two-part question can ask; "what" and "how" are too vague to split on.
PART_KINDS: Final = ("who", "when", "where", "why", "how_many", "how_long")

# -- a clear lead ------------------------------------------------------------------------------------

# Below ANSWER_THRESHOLD, a candidate at least this good and CLEAR_LEAD ahead of the next answers when
# every word of the question is known to the file. Lowering either answers more, and more wrongly.
CLEAR_LEAD_THRESHOLD: Final = 0.45
CLEAR_LEAD: Final = 0.15
# ... and a question with at least LONG_QUESTION_WORDS words weighing LONG_QUESTION_WORD_WEIGHT or more
# answers from LONG_QUESTION_THRESHOLD with a LONG_QUESTION_LEAD: the right fact covers less of a long
# question. Lowering them answers more long questions, and more long off-topic ones.
LONG_QUESTION_WORDS: Final = 6
LONG_QUESTION_WORD_WEIGHT: Final = 1.0
LONG_QUESTION_THRESHOLD: Final = 0.40
LONG_QUESTION_LEAD: Final = 0.08
# ... where, in a question that long, an unknown word counts as unexplained only when it weighs at
# least this share of what the rarest unknown word weighs: a common one ("security", "phase") says
# little of another subject there (in a short question it may be the subject: "a good pizza place").
TELLING_UNKNOWN_SHARE: Final = 0.5
# ... and one this close to the threshold answers with a smaller lead, unknown words or not.
NEAR_THRESHOLD: Final = 0.53
NEAR_LEAD: Final = 0.1

# An entity's card opens with its name unless its description names it within this many characters.
CARD_NAME_WITHIN: Final = 60

# Words remembered as able (or not) to start a multi-word name, and runs of words as naming (or not)
# an entity: a bound on each cache's memory.
NAME_START_CACHE_SIZE: Final = 100_000

# Question words (and entities) remembered with the candidates that cover them: a bound on memory, as
# askers' words are not; a file's own words, which have the long coverage lists, are far fewer.
COVERAGE_CACHE_SIZE: Final = 4096

# "Talks began in 1850 when Jones passed through Alpha, right?": a "when" or "where" inside a claim
# opens a clause of its own when at least this many words that are not stop words follow it. Fewer
# ("extended until when exactly?") and the word asks. Raising it reads more claims as questions.
SETTING_CLAUSE_WORDS: Final = 2

# "обещали не нападать": a word after a negation that ends like an infinitive (-ть, -ti) and has more
# than this many letters is taken for one, and the negation for what was promised. A shorter word is
# little more than the ending and is not. Lowering it reads more negations as promises.
INFINITIVE_STEM_MIN: Final = 3
