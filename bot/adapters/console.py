"""The console adapter: plain-text replies in a terminal, from the same conversation stage as Discord and
Slack.

Used by `pactbot chat` and `make run` when no platform token is set (and `format_reply` by `pactbot
ask`). The console is the operator's own direct conversation: no limit on how often it asks, and
everything is public. Its questions are recorded like any platform's, as platform `console`; `+` or
`-` on a line of its own is the console's 👍 or 👎 on the last answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from bot.conversation import Ask, ButtonKind, Origin, Reply, ReplyKind

if TYPE_CHECKING:  # `pactbot ask` uses format_reply alone: no stage, metrics or event loop to load
    from bot.conversation.stage import Stage

PLATFORM = "console"
USER = "console"  # the one person at the terminal
PROMPT = "pact> "
QUIT_WORDS = frozenset({"quit", "exit", ":q", "bye"})
VOTE_WORDS = {"+": ButtonKind.UP, "-": ButtonKind.DOWN}


def format_reply(reply: Reply) -> str:
    """A `Reply` as terminal text: the text, then its sources, related facts and votes, or its suggestions."""
    lines = [reply.text]
    if reply.kind is ReplyKind.DECLINED:
        lines += [f"  - {button.label}" for button in reply.buttons]
    elif reply.kind is ReplyKind.ANSWER:
        if reply.sources:
            sources = "; ".join(f"{s.title} <{s.url}>" for s in reply.sources)
            lines.append(f"{reply.sources_label}: {sources}")
        if reply.buttons:
            lines.append(f"{reply.buttons_label}: " + "; ".join(button.label for button in reply.buttons))
        if reply.votes:
            typed = {kind: word for word, kind in VOTE_WORDS.items()}
            votes = "  ".join(f"{typed[button.kind]} {button.label}" for button in reply.votes)
            lines.append(f"{reply.votes_label} {votes}")
    return "\n".join(lines)


def ask_for(line: str, last: Reply | None) -> Ask:
    """What a line typed at the prompt asks: a vote on the last answer (`+`, `-`), else a question."""
    kind = VOTE_WORDS.get(line)
    vote = next((b for b in last.votes if b.kind is kind), None) if last is not None else None
    if vote is not None:
        return Ask(platform=PLATFORM, origin=Origin.BUTTON, user_key=USER, button=vote.id)
    return Ask(platform=PLATFORM, origin=Origin.DM, user_key=USER, text=line)


def chat(stage: Stage, stdin: TextIO, stdout: TextIO) -> int:
    """Read questions until end of input or a quit word; answer each one."""
    import asyncio  # only the chat runs the stage's coroutines

    interactive = stdin.isatty()
    if interactive:
        topic = stage.service.engine.facts.topic.name.get("en", "topic")
        votes = ", '+' or '-' to rate an answer" if stage.recorder.enabled else ""
        stdout.write(f"Ask about the {topic}. Type 'help' for ideas{votes}, 'quit' to leave.\n")
    last: Reply | None = None  # the last answer, which + and - rate
    with asyncio.Runner() as loop:
        while True:
            if interactive:
                stdout.write(PROMPT)
                stdout.flush()
            try:
                line = stdin.readline()
            except KeyboardInterrupt:
                stdout.write("\n")
                return 0
            if not line:
                return 0
            question = line.strip()
            if question.casefold() in QUIT_WORDS:
                return 0
            if not question:
                continue
            ask = ask_for(question, last)
            for reply in loop.run(stage.replies(ask)):
                stdout.write(format_reply(reply) + "\n\n")
                if ask.origin is not Origin.BUTTON:
                    last = reply
            stdout.flush()
