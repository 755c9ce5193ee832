"""A `Reply` as a Discord message: an embed or a short note, its buttons, and whether only the asker sees it.

Everything here is translation: the stage has already chosen the language, the labels, who sees the
reply and which buttons it carries (with their ids). Text is shown as written, Markdown escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord

from bot.conversation import ButtonKind, Reply, ReplyKind

EMBED_COLOUR = discord.Colour(0x8B1E3F)
# Discord's own limits (characters); longer values make the whole message fail.
_TITLE_LIMIT = 256
_DESCRIPTION_LIMIT = 4096
_FIELD_LIMIT = 1024
_CONTENT_LIMIT = 2000
_LABEL_LIMIT = 80
#: The event a click on one of our buttons becomes: the client's `on_pactbot_click(interaction, id)`.
CLICK_EVENT = "pactbot_click"


@dataclass(frozen=True, slots=True)
class DiscordMessage:
    """What to send: text or an embed, optional buttons, and whether only the asker sees it."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    ephemeral: bool = False


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain(text: str) -> str:
    """Text shown as typed: Markdown characters escaped, so a name with `*` or `_` stays intact."""
    return discord.utils.escape_markdown(text)


def _source_lines(reply: Reply) -> str:
    lines: list[str] = []
    for source in reply.sources:
        title = _plain(source.title.replace("[", "(").replace("]", ")")) or source.url
        if source.url.startswith(("https://", "http://")):
            lines.append(f"[{title}]({source.url.replace(')', '%29')})")
        else:
            lines.append(title)
    # Drop whole lines rather than cut a link in half.
    text = ""
    for line in lines:
        candidate = f"{text}\n{line}" if text else line
        if len(candidate) > _FIELD_LIMIT:
            break
        text = candidate
    return text


class ReplyButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"pactbot:.+",
):
    """One of our buttons. Everything a click needs is in its custom_id, so buttons keep working across
    restarts and replicas; the click is dispatched as CLICK_EVENT for the client to answer."""

    def __init__(self, button_id: str, label: str = "", *, primary: bool = False,
                 row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, _LABEL_LIMIT) or None,
                style=discord.ButtonStyle.primary if primary else discord.ButtonStyle.secondary,
                custom_id=button_id,
            ),
            row=row,
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ReplyButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        interaction.client.dispatch(CLICK_EVENT, interaction, self.item.custom_id)


def _view(reply: Reply) -> discord.ui.View | None:
    """The reply's buttons in a row (at most 3), and its 👍/👎 in a row of their own below."""
    if not (reply.buttons or reply.votes):
        return None
    # No timeout and only dynamic items: discord.py keeps no per-message state for this view.
    view = discord.ui.View(timeout=None)
    for row, buttons in enumerate((reply.buttons, reply.votes)):
        for button in buttons:
            primary = button.kind is ButtonKind.ASK
            view.add_item(ReplyButton(button.id, button.label, primary=primary, row=row))
    return view


def render(reply: Reply) -> DiscordMessage:
    """Answers and help as an embed with their sources; anything else as a short note."""
    if reply.kind in (ReplyKind.ANSWER, ReplyKind.HELP):
        embed = discord.Embed(
            title=clip(_plain(reply.title), _TITLE_LIMIT) or None,
            description=clip(_plain(reply.text), _DESCRIPTION_LIMIT),
            colour=EMBED_COLOUR,
        )
        sources = _source_lines(reply)
        if sources:
            embed.add_field(name=clip(reply.sources_label, _TITLE_LIMIT), value=sources, inline=False)
        return DiscordMessage(embed=embed, view=_view(reply), ephemeral=reply.private)
    return DiscordMessage(content=clip(_plain(reply.text), _CONTENT_LIMIT), view=_view(reply),
                          ephemeral=reply.private)
