"""What the bot has sent: the record that lets a message a crash left in doubt be
found instead of guessed.

Telegram has no idempotency key and no way to ask whether a message arrived. When
the process dies after a ``sendMessage`` left but before the feature marked it
sent, the message may or may not be in the chat: resending risks a second copy,
not resending risks none. So:

* Every message the bot sends is recorded in ``sent_messages``: chat, message
  id and a digest of the text (never the text). The bot only writes to private
  chats, whose id is the user's, so the column is ``user_id``: `/mine_data`
  shows the rows and `/slet_mig` deletes them. The recording is done by
  `handlers.delivery.RecordingRateLimiter`, which every Bot API call passes.
* A feature that must deliver exactly once (broadcasts, reminders) notes, in
  the same transaction as its claim, the chat's highest recorded message id
  (`TOP_SQL`): the mark.
* After a crash, `handlers.delivery.look_for` walks the chat's message ids
  above the mark. In a private chat they are consecutive and shared by both
  sides, so each id is one of: recorded with the same text (the message arrived
  and only the feature's own mark was lost), recorded with another text
  (skipped: probing could change it), the user's own ("message can't be
  edited"), a bot message nobody recorded (the one in doubt), or not there at
  all (the end of the chat: it never arrived). The probe is
  ``editMessageReplyMarkup`` with the buttons the message was sent with:
  Telegram answers "message is not modified" when they are already there.

The answer is a `Lookup`: `FOUND` (with the message id), `ABSENT` (safe to send)
or `UNKNOWN` (the chat could not be walked; the caller keeps its old policy).
Nothing here knows Telegram.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Literal

from bot.store import Store, utcnow

# The highest recorded message id of the chat given as the one parameter (0: none yet).
TOP_SQL = "coalesce((select max(message_id) from sent_messages where user_id = ?), 0)"
KEEP = dt.timedelta(days=30)  # older records are pruned, except each chat's newest


def digest(text: str | None) -> str:
    """A short fingerprint of a message's text (the text itself is not kept)."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def record(store: Store, chat_id: int, message_ids: list[int], text: str | None = None) -> None:
    with store.transaction() as db:
        db.conn.executemany(
            "insert or ignore into sent_messages (user_id, message_id, digest, sent_at) "
            "values (?, ?, ?, ?)",
            [(chat_id, mid, digest(text), utcnow().isoformat()) for mid in message_ids],
        )


def known_ids(store: Store, chat_id: int, after: int) -> dict[int, str]:
    """The recorded messages above `after`: message id → digest."""
    with store.lock:
        rows = store.db.execute(
            "select message_id, digest from sent_messages where user_id = ? and message_id > ?",
            [chat_id, after],
        ).fetchall()
    return {int(r[0]): str(r[1]) for r in rows}


def prune(store: Store, now: dt.datetime | None = None) -> int:
    """Forget records older than `KEEP`, except each chat's newest (the next mark), and
    those of people who are no longer users (after /slet_mig)."""
    cutoff = ((now or utcnow()) - KEEP).isoformat()
    with store.transaction() as db:
        old = db.execute(
            "delete from sent_messages where sent_at < ? and message_id < "
            "(select max(s.message_id) from sent_messages s "
            "where s.user_id = sent_messages.user_id)",
            [cutoff],
        ).rowcount
        gone = db.execute(
            "delete from sent_messages where user_id not in (select id from users)"
        ).rowcount
        return int(old) + int(gone)


State = Literal["found", "absent", "unknown"]
FOUND: State = "found"
ABSENT: State = "absent"
UNKNOWN: State = "unknown"


@dataclass(frozen=True)
class Lookup:
    state: State
    message_id: int | None = None


