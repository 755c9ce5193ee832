"""The console adapter: plain-text answers in a terminal, on the same core as Discord and Slack.

Used by `pactbot ask`, `pactbot chat` and `make run` when no platform token is set.
"""

from __future__ import annotations

from typing import TextIO

from bot.core.answer import Answer, Outcome
from bot.core.service import FactService

PROMPT = "pact> "
QUIT_WORDS = frozenset({"quit", "exit", ":q", "bye"})


def format_answer(answer: Answer) -> str:
    """An `Answer` as terminal text: the answer, its sources, related facts or suggestions."""
    lines = [answer.text]
    if answer.suggestions:
        lines += [f"  - {s}" for s in answer.suggestions]
    if answer.outcome is Outcome.ANSWERED:
        if answer.sources:
            lines.append("Sources: " + "; ".join(f"{s.title} <{s.url}>" for s in answer.sources))
        if answer.related:
            lines.append("Related: " + "; ".join(r.title for r in answer.related))
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
        stdout.write(format_answer(service.ask(question)) + "\n\n")
        stdout.flush()
