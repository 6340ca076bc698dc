"""python-telegram-bot persistence in the bot's SQLite file (table ptb_state).

Conversation states, user data and chat data are stored as JSON through
`bot.store.Store`. The application writes them after every update (see
`handlers.app`), not on a timer, so a restart never loses what a user did.
"""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.store import Store


def _key(key: ConversationKey) -> str:
    return json.dumps(list(key))


class SQLitePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    def __init__(self, store: Store, update_interval: float = 60):
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self.store = store

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        return {int(k): v for k, v in self.store.state_get("user_data").items()}

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {int(k): v for k, v in self.store.state_get("chat_data").items()}

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        raw = self.store.state_get("conversations").get(name, {})
        return {tuple(json.loads(k)): v for k, v in raw.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        all_states = self.store.state_get("conversations")
        states = all_states.get(name, {})
        if new_state is None:
            states.pop(_key(key), None)
        else:
            states[_key(key)] = new_state
        self.store.state_put("conversations", name, states)

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        self.store.state_put("user_data", str(user_id), deepcopy(data) or None)

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        self.store.state_put("chat_data", str(chat_id), deepcopy(data) or None)

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        self.store.state_put("chat_data", str(chat_id), None)

    async def drop_user_data(self, user_id: int) -> None:
        self.store.state_put("user_data", str(user_id), None)

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        return None

    async def flush(self) -> None:
        return None
