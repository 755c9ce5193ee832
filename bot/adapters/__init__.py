"""Thin adapters: each turns a platform event into a question and an `Answer` into a platform message."""
