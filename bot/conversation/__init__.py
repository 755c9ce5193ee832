"""The conversation stage, between the platforms and the core: what happens to a question, decided once.

An adapter turns a platform event into an `Ask` and hands it to `Stage.handle` with a `send`
function; the stage decides the `Reply` (de-duplication, cooldown, help, the core's answer,
visibility, buttons, the apology on failure), counts it, records it (`bot.record`), and calls
`send`. See `bot.conversation.stage` for the steps, `bot.conversation.policy` for who sees what and
`bot.conversation.buttons` for button ids (👍 and 👎 among them).

The stage itself is imported from `bot.conversation.stage` by what runs one: it brings the metrics
(and prometheus_client) with it, which `pactbot ask` has no use for.
"""

from bot.conversation.model import Ask, Button, ButtonKind, Origin, Reply, ReplyKind, Visibility
from bot.conversation.policy import compose_reply

__all__ = ["Ask", "Button", "ButtonKind", "Origin", "Reply", "ReplyKind", "Visibility", "compose_reply"]
