"""The console adapter: plain-text replies in a terminal, on the same core and the same reply policy as
Discord and Slack.

Used by `pactbot ask`, `pactbot chat` and `make run` when no platform token is set. The console is
the operator's own direct conversation: no limit on how often it asks, and everything is public.
"""

from __future__ import annotations

from typing import TextIO

from bot.conversation import Origin, Reply, ReplyKind, compose_reply
from bot.conversation.policy import ask_core
from bot.core.service import FactService

PROMPT = "pact> "
QUIT_WORDS = frozenset({"quit", "exit", ":q", "bye"})


def format_reply(reply: Reply) -> str:
    """A `Reply` as terminal text: the text, then its sources and related facts, or its suggestions."""
    lines = [reply.text]
    if reply.kind is ReplyKind.DECLINED:
        lines += [f"  - {button.label}" for button in reply.buttons]
    elif reply.kind is ReplyKind.ANSWER:
        if reply.sources:
            sources = "; ".join(f"{s.title} <{s.url}>" for s in reply.sources)
            lines.append(f"{reply.sources_label}: {sources}")
        if reply.buttons:
            lines.append(f"{reply.buttons_label}: " + "; ".join(button.label for button in reply.buttons))
    return "\n".join(lines)


def chat(service: FactService, stdin: TextIO, stdout: TextIO) -> int:
    """Read questions until end of input or a quit word; answer each one."""
    interactive = stdin.isatty()
    if interactive:
        stdout.write(
            f"Ask about the {service.engine.facts.topic.name.get('en', 'topic')}. "
            "Type 'help' for ideas, 'quit' to leave.\n"
        )
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
        reply = compose_reply(ask_core(service, question), Origin.DM, service)
        stdout.write(format_reply(reply) + "\n\n")
        stdout.flush()
