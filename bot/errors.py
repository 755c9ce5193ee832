"""Errors the command line turns into one clear line and an exit status, never a traceback."""

from __future__ import annotations


class StartupError(Exception):
    """The bot cannot start as configured (missing or rejected token, bad setting); exit status 2."""
