"""The record's tables, declared once for SQLite and PostgreSQL alike, as numbered migrations.

Every statement here runs unchanged on both: the type names are PostgreSQL's, which SQLite accepts
(`DOUBLE PRECISION` has REAL affinity there). Times are Unix seconds, so one query works on both.
A migration, once released, is never edited: a change to the schema is a new migration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


# Applied migrations, one row each; created before any migration runs.
VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS record_schema ("
    " version INTEGER PRIMARY KEY,"
    " description TEXT NOT NULL,"
    " applied_at DOUBLE PRECISION NOT NULL)"
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "questions, the facts that answered them, votes, and the salt for hashing ids",
        (
            # One row per question. user_hash and channel_hash are HMACs of the platform's ids
            # under the salt in record_meta: enough to count a vote once per user, never the id.
            "CREATE TABLE questions ("
            " id TEXT PRIMARY KEY,"
            " asked_at DOUBLE PRECISION NOT NULL,"
            " platform TEXT NOT NULL,"
            " lang TEXT NOT NULL,"
            " question TEXT NOT NULL,"
            " outcome TEXT NOT NULL,"
            " confidence DOUBLE PRECISION NOT NULL,"
            " user_hash TEXT NOT NULL,"
            " channel_hash TEXT)",
            "CREATE INDEX questions_asked_at ON questions (asked_at)",
            "CREATE TABLE question_facts ("
            " question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,"
            " fact_id TEXT NOT NULL,"
            " PRIMARY KEY (question_id, fact_id))",
            "CREATE INDEX question_facts_fact_id ON question_facts (fact_id)",
            # One vote per user per answer: the primary key makes a second click replace the first.
            "CREATE TABLE votes ("
            " question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,"
            " user_hash TEXT NOT NULL,"
            " value SMALLINT NOT NULL CHECK (value IN (-1, 1)),"
            " voted_at DOUBLE PRECISION NOT NULL,"
            " PRIMARY KEY (question_id, user_hash))",
            "CREATE TABLE record_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
