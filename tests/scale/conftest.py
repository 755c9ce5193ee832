"""Fixtures for the scale tests: the real Redis server from tests/redis_server.py."""

from tests.redis_server import redis_url  # noqa: F401  (fixture, re-exported for pytest)
