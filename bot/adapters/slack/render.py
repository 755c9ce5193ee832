"""A `Reply` as a Slack message: fallback text and Block Kit, escaped so nothing can ping, link or format.

Everything here is translation: the stage has already chosen the language, the labels, who sees the
reply and which buttons it carries (with their ids). Text from the fact file is escaped mrkdwn; text
the asker wrote (the question shown under a public answer) is plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.conversation import Button, ButtonKind, Reply, ReplyKind

# Block Kit limits (characters): section text, context element text, button label.
_SECTION_LIMIT = 3000
_CONTEXT_LIMIT = 2000
_BUTTON_LIMIT = 75


def escape(text: str) -> str:
    """Escape Slack's control characters so user or fact-file text can never form `<!channel>`, `<@U…>`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit(plain: str, limit: int) -> str:
    """`plain` escaped, cut (on a character, never inside an entity) to at most `limit` characters."""
    escaped = escape(plain)
    if len(escaped) <= limit:
        return escaped
    out: list[str] = []
    used = 0
    for char in plain:
        piece = escape(char)
        if used + len(piece) > limit - 1:
            break
        out.append(piece)
        used += len(piece)
    return "".join(out) + "…"


def _link(url: str, title: str) -> str:
    """A mrkdwn link, or just the escaped title when the URL is not plain http(s)."""
    label = title or url
    if urlsplit(url).scheme not in ("http", "https"):
        return escape(label)
    safe_url = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"<{safe_url}|{escape(label)}>"


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """One message to send: fallback text, Block Kit blocks, and whether only the asker should see it."""

    text: str
    blocks: tuple[dict[str, Any], ...] = ()
    ephemeral: bool = True


def _button(button: Button) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": fit(button.label, _BUTTON_LIMIT), "emoji": False},
        "action_id": button.id,
    }
    if button.kind is ButtonKind.ASK:
        element["style"] = "primary"
    return element


def _sources(reply: Reply) -> str:
    links = " · ".join(_link(s.url, s.title) for s in reply.sources)
    line = f"{escape(reply.sources_label)}: {links}"
    if len(line) > _CONTEXT_LIMIT:
        line = fit(f"{reply.sources_label}: " + ", ".join(s.title for s in reply.sources), _CONTEXT_LIMIT)
    return line


def render(reply: Reply) -> SlackMessage:
    """The text, a context block (the question under a public answer, the sources), and the buttons:
    related facts or suggestions, then 👍/👎."""
    text = fit(reply.text, _SECTION_LIMIT)
    body = f"*{escape(reply.title)}*\n{escape(reply.text)}" if reply.title else escape(reply.text)
    if len(body) > _SECTION_LIMIT:
        body = fit(f"{reply.title}\n{reply.text}", _SECTION_LIMIT)
    context: list[dict[str, Any]] = []
    if reply.question and reply.kind is ReplyKind.ANSWER and not reply.private:
        # The asker's words, for the channel to see what was asked: plain text, so nothing they typed
        # (`*bold*`, `@here`, a link, an emoji code) is formatted or notifies anyone.
        context.append({"type": "plain_text", "text": fit(reply.question, _CONTEXT_LIMIT), "emoji": False})
    if reply.sources:
        context.append({"type": "mrkdwn", "text": _sources(reply)})
    if not (reply.title or context or reply.buttons or reply.votes):
        return SlackMessage(text=text, ephemeral=reply.private)  # a short note needs no blocks
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": body}}]
    if context:
        blocks.append({"type": "context", "elements": context})
    for buttons in (reply.buttons, reply.votes):  # the 👍/👎 in a row of their own, under the others
        if buttons:
            blocks.append({"type": "actions", "elements": [_button(b) for b in buttons]})
    return SlackMessage(text=text, blocks=tuple(blocks), ephemeral=reply.private)
