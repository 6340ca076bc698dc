"""The Telegram side of `bot.outbox`: recording every message the bot sends, and
looking in a chat for a message that a crash left in doubt (see `bot.outbox` for why
and how)."""

from __future__ import annotations

import contextlib
import html
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, TelegramError
from telegram.ext import AIORateLimiter

from bot.outbox import ABSENT, FOUND, UNKNOWN, Lookup, digest, known_ids, record
from bot.store import Store

log = logging.getLogger(__name__)

# Telegram allows about 30 messages a second across chats, counted (by the stand-in, too)
# over any one-second window. PTB's default limiter is a leaky bucket of 30 that lets a
# burst of 30 through and then 30/s, i.e. up to ~60 in one window: 429s and a pause of
# everything. A bucket of one at 29.7/s spaces messages evenly, always below the limit.
MESSAGES_PER_SECOND = 29.7
PROBE_LIMIT = 40  # ids looked at per chat before giving up (UNKNOWN)
_CREATES = ("send", "forwardMessage", "copyMessage")  # endpoints that make messages


def _created(endpoint: str, data: dict[str, Any], result: object
             ) -> tuple[int, list[int], str | None] | None:  # fmt: skip
    """(chat, message ids, text) of what an API call made, if it made messages."""
    if not endpoint.startswith(_CREATES) or not isinstance(data.get("chat_id"), int):
        return None
    items = result if isinstance(result, list) else [result]
    ids = [int(m["message_id"]) for m in items if isinstance(m, dict) and "message_id" in m]
    text = data.get("text", data.get("caption"))
    return (int(data["chat_id"]), ids, text if isinstance(text, str) else None) if ids else None


class RecordingRateLimiter(AIORateLimiter):
    """PTB's rate limiter (one bucket for all chats, see `MESSAGES_PER_SECOND`) that
    records every message it lets through in ``sent_messages``."""

    def __init__(self, store: Store) -> None:
        super().__init__(overall_max_rate=1, overall_time_period=1 / MESSAGES_PER_SECOND,
                         max_retries=3)  # fmt: skip
        self.store = store

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        result = await super().process_request(callback, args, kwargs, endpoint, data,
                                               rate_limit_args)  # fmt: skip
        made = _created(endpoint, data, result)
        if made is not None:
            record(self.store, *made)
        return result



# -- looking for a message in doubt ----------------------------------------------------------


def _plain(text: str) -> str:
    """The text as Telegram gives it back: no HTML (the bot only escapes, never tags)."""
    return html.unescape(text).strip()


async def look_for(
    bot: Bot, store: Store, chat_id: int, after: int, text: str,
    markup: InlineKeyboardMarkup | None, limit: int = PROBE_LIMIT,
) -> Lookup:  # fmt: skip
    """Whether the message (`text`, `markup`) claimed after the chat's mark `after`
    arrived (see the module)."""
    known = known_ids(store, chat_id, after)
    ours = digest(text)
    message_id = after
    for _step in range(limit):
        message_id += 1
        if message_id in known:
            if known[message_id] == ours:
                return Lookup(FOUND, message_id)
            continue
        try:
            edited = await bot.edit_message_reply_markup(chat_id, message_id,
                                                         reply_markup=markup)  # fmt: skip
        except BadRequest as err:
            why = err.message.lower()
            if "not modified" in why:
                return Lookup(FOUND, message_id)
            if "message to edit not found" in why:
                return Lookup(ABSENT)
            if "can't be edited" in why:
                continue  # the user's own message
            log.warning("chat %s: looking for a message in doubt: %s", chat_id, err.message)
            return Lookup(UNKNOWN)
        except TelegramError as err:
            log.warning("chat %s: looking for a message in doubt: %s", chat_id, err.message)
            return Lookup(UNKNOWN)
        if isinstance(edited, Message) and _plain(edited.text or edited.caption or "") == _plain(
            text
        ):
            return Lookup(FOUND, message_id)  # it had lost its buttons meanwhile
        # A bot message nobody recorded (another send of the same crash): its buttons
        # were changed; there is nothing better to put back than none.
        log.warning("chat %s: message %s was not recorded; its buttons were reset",
                    chat_id, message_id)  # fmt: skip
        if markup is not None:
            with contextlib.suppress(TelegramError):
                await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    return Lookup(UNKNOWN)
