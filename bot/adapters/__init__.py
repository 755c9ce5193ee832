"""Adapters only translate: a platform event becomes an `Ask` for the conversation stage, and the
stage's `Reply` becomes a platform message (bot.conversation decides everything in between).
One package per platform (`discord`, `slack`) and the terminal's `console`."""
