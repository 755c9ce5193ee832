"""pactbot: answers questions about a treaty from a structured fact file, on Discord, Slack or a console."""

__version__ = "0.1.0"
