"""What a reply looks like, whatever the platform: who sees it, its labels and its buttons.

Pure functions of the core's `Answer` and where the question came from; the stage applies them to
every platform, and the console to its own replies.

Who sees a reply (README.md, "Who sees a reply", says the same to users):
- an answer to a slash command or a mention goes to the whole conversation, unless the asker asked
  for privacy (Discord's `private` option);
- everything else only the asker sees: help, "I don't have that", cooldown notes, apologies, and
  the answer behind a button, since a click under someone's answer must not post in the channel;
- a direct conversation (a DM, the console) has no one else in it, so everything there is public.
The thanks for a 👍 or 👎 is a reply to a button, so only the one who voted sees it.

Buttons: an answer carries its related facts and, when answers are recorded, 👍 and 👎; a declined
question carries "did you mean" suggestions. Every button answers in the reply's language.
"""

from __future__ import annotations

from bot.conversation.buttons import distinct, make_button, vote_buttons
from bot.conversation.model import Button, ButtonKind, Origin, Reply, ReplyKind, Visibility
from bot.core.answer import Answer, Outcome
from bot.core.service import FactService

_KINDS = {
    Outcome.ANSWERED: ReplyKind.ANSWER,
    Outcome.HELP: ReplyKind.HELP,
    Outcome.DECLINED: ReplyKind.DECLINED,
    Outcome.EMPTY: ReplyKind.DECLINED,
}


def asks_nothing(text: str) -> bool:
    """The one help rule: a question without a letter or a digit (a bare `/pact`, a bare mention, `?`)
    asks what the bot knows. Help asked in words ("help", "pagalba", "что ты умеешь") the core
    recognises itself, in every language it speaks."""
    return not any(char.isalnum() for char in text)


def ask_core(service: FactService, text: str, *, lang: str | None = None, hint: str | None = None) -> Answer:
    """The core's answer to a typed question, after the one help rule. `lang` forces the answer's
    language (the console's --lang); `hint` is the asker's locale, used when the text shows none."""
    if asks_nothing(text):
        return service.help(lang=lang or hint)
    return service.ask(text, lang=lang, hint=hint)


def visibility(kind: ReplyKind, origin: Origin, private: bool) -> Visibility:
    """Who sees a reply of `kind` to a question from `origin` (see the module docstring)."""
    if origin is Origin.DM:
        return Visibility.PUBLIC
    if kind is ReplyKind.ANSWER and origin is not Origin.BUTTON and not private:
        return Visibility.PUBLIC
    return Visibility.PRIVATE


def compose_reply(answer: Answer, origin: Origin, service: FactService, *, private: bool = False,
                  answer_key: str | None = None) -> Reply:
    """The reply for the core's `answer`: visibility, labels in the answer's language, and buttons
    (related facts under an answer, suggestions under a declined question) that answer in it too.
    With `answer_key` (the key the answer is recorded under) an answer carries 👍 and 👎 for it."""
    kind = _KINDS[answer.outcome]
    lang = answer.lang
    texts = service.texts
    buttons_label = ""
    votes: tuple[Button, ...] = ()
    if kind is ReplyKind.ANSWER:
        buttons = distinct(make_button(ButtonKind.FACT, lang, r.fact_id, r.title) for r in answer.related)
        buttons_label = texts.get("related", lang)
        if answer_key is not None:
            votes = vote_buttons(lang, answer_key)
    elif kind is ReplyKind.DECLINED:
        asked = (q for q in answer.suggestions if q.strip())
        buttons = distinct(make_button(ButtonKind.ASK, lang, service.suggestion_key(q), q) for q in asked)
        buttons_label = texts.get("suggestions", lang)
    else:
        buttons = ()
    return Reply(
        kind=kind,
        lang=lang,
        visibility=visibility(kind, origin, private),
        text=answer.text,
        title=answer.title,
        question=answer.question if kind is ReplyKind.ANSWER else "",
        sources=answer.sources if kind in (ReplyKind.ANSWER, ReplyKind.HELP) else (),
        buttons=buttons,
        votes=votes,
        sources_label=texts.get("sources", lang),
        buttons_label=buttons_label if buttons else "",
        votes_label=texts.get("votes", lang) if votes else "",
    )
