"""The record of what people ask: questions, outcomes and votes, kept to learn from.

The conversation stage hands each question to `Recorder.record` as a `QuestionRecord`, and each
👍/👎 click to `Recorder.vote` with the `QuestionRecord.key` the buttons carried. The recorder
writes in the background (`recorder`), to SQLite or PostgreSQL (`store`, `schema`); `report`
reads the record back for `pactbot report`. Settings: `PACTBOT_RECORD`, `PACTBOT_RECORD_DAYS`,
`PACTBOT_DATA_DIR`, `PACTBOT_DATABASE_URL`, `PACTBOT_RECORD_SALT` (`settings`).

The package re-exports only the record's data (`model`): the recorder and its settings are imported
from their modules by what runs them, since they bring the metrics, sqlite3 and the store with them.
"""

from bot.record.model import QuestionRecord, RecordOutcome, VoteRecord, new_answer_key

__all__ = ["QuestionRecord", "RecordOutcome", "VoteRecord", "new_answer_key"]
