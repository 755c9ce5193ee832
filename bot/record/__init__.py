"""The record of what people ask: questions, outcomes and votes, kept to learn from.

The conversation stage hands each question to `Recorder.record` as a `QuestionRecord`, and each
👍/👎 click to `Recorder.vote` with the `QuestionRecord.key` the buttons carried. The recorder
writes in the background (`recorder`), to SQLite or PostgreSQL (`store`, `schema`); `report`
reads the record back for `pactbot report`. Settings: `PACTBOT_RECORD`, `PACTBOT_RECORD_DAYS`,
`PACTBOT_DATA_DIR`, `PACTBOT_DATABASE_URL`, `PACTBOT_RECORD_SALT` (`settings`).
"""

from bot.record.model import QuestionRecord, RecordOutcome, VoteRecord, new_answer_key
from bot.record.recorder import Recorder
from bot.record.settings import RecordSettings

__all__ = ["QuestionRecord", "RecordOutcome", "RecordSettings", "Recorder", "VoteRecord", "new_answer_key"]
