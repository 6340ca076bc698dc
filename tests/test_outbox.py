"""Recording what the bot sends, and finding a message a crash left in doubt
(`bot.outbox`, `handlers.delivery`), against the local Telegram stand-in."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import aiohttp
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ExtBot

from bot import outbox
from bot.standin import StandIn
from bot.store import Store, utcnow
from handlers.delivery import RecordingRateLimiter, look_for
from tests.test_standin import TOKEN, USER, messages, post, running

READ = InlineKeyboardMarkup([[InlineKeyboardButton("Læst", callback_data="bx:l:1:sig")]])
TEXT = "Fra Socialstyrelsens projektteam:\n\nMødet er flyttet &amp; forkortet"


def mark(store: Store, chat_id: int) -> int:
    with store.lock:
        row = store.db.execute(f"select {outbox.TOP_SQL}", [chat_id]).fetchone()
    return int(row[0])


def scenario_run(tmp_path: Path, body: object) -> None:
    async def main() -> None:
        store = Store(tmp_path / "bot.db")
        async with running() as (standin, plain, client):
            recording = ExtBot(TOKEN, base_url=standin.base_url,
                               rate_limiter=RecordingRateLimiter(store))  # fmt: skip
            async with recording:
                await body(store, standin, plain, recording, client)  # type: ignore[operator]

    asyncio.run(main())


def test_every_sent_message_is_recorded(tmp_path: Path) -> None:
    async def body(store: Store, _s: StandIn, _p: Bot, bot: ExtBot[None],
                   client: aiohttp.ClientSession) -> None:  # fmt: skip
        await post(client, "/client/send", {**USER, "text": "hej"})  # id 1, the user's
        first = await bot.send_message(1, "svar")
        second = await bot.send_message(1, "svar igen", reply_markup=READ)
        await bot.edit_message_text("rettet", chat_id=1, message_id=first.message_id)
        await bot.get_updates(timeout=0)
        assert outbox.known_ids(store, 1, 0) == {first.message_id: outbox.digest("svar"),
                                                second.message_id: outbox.digest("svar igen")}
        assert first.message_id == 2 and second.message_id == 3
        assert mark(store, 1) == 3 and mark(store, 2) == 0

    scenario_run(tmp_path, body)


def test_finds_the_message_in_doubt_and_touches_nothing_else(tmp_path: Path) -> None:
    async def body(store: Store, _s: StandIn, plain: Bot, bot: ExtBot[None],
                   client: aiohttp.ClientSession) -> None:  # fmt: skip
        await post(client, "/client/send", {**USER, "text": "hej"})  # 1: the user's
        answer = InlineKeyboardMarkup([[InlineKeyboardButton("Mente du …", callback_data="q")]])
        await bot.send_message(1, "svar", reply_markup=answer)  # 2: recorded
        after = mark(store, 1)
        # 3: the send in doubt (went out, but the crash came before it was recorded)
        await plain.send_message(1, TEXT, reply_markup=READ)
        await post(client, "/client/send", {**USER, "text": "og så?"})  # 4: the user's
        await bot.send_message(1, "et svar mere", reply_markup=answer)  # 5: recorded
        found = await look_for(bot, store, 1, after, TEXT, READ)
        assert found == outbox.Lookup(outbox.FOUND, 3)
        listed = await messages(client)
        assert [m["edited"] for m in listed] == [False] * 5  # nothing was changed
        assert [m["buttons"][0][0]["text"] for m in listed if m["from"] == "bot"] == [
            "Mente du …", "Læst", "Mente du …"]  # fmt: skip

    scenario_run(tmp_path, body)


def test_absent_when_the_chat_ends_before_it(tmp_path: Path) -> None:
    async def body(store: Store, _s: StandIn, _p: Bot, bot: ExtBot[None],
                   client: aiohttp.ClientSession) -> None:  # fmt: skip
        await post(client, "/client/send", {**USER, "text": "hej"})
        await bot.send_message(1, "svar")
        after = mark(store, 1)
        await post(client, "/client/send", {**USER, "text": "er du der?"})
        assert await look_for(bot, store, 1, after, TEXT, READ) == outbox.Lookup(
            outbox.ABSENT)  # fmt: skip
        # a message without buttons is found too ("not modified" by no buttons)
        await _p.send_message(1, "Påmindelse")
        assert await look_for(bot, store, 1, after, "Påmindelse", None) == outbox.Lookup(
            outbox.FOUND, after + 2)  # fmt: skip

    scenario_run(tmp_path, body)


def test_unknown_when_the_chat_cannot_be_walked(tmp_path: Path) -> None:
    async def body(store: Store, _s: StandIn, _p: Bot, bot: ExtBot[None],
                   client: aiohttp.ClientSession) -> None:  # fmt: skip
        for text in ("en", "to", "tre"):
            await post(client, "/client/send", {**USER, "text": text})
        found = await look_for(bot, store, 1, 0, TEXT, READ, limit=2)
        assert found == outbox.Lookup(outbox.UNKNOWN)
        assert await look_for(bot, store, 424242, 0, TEXT, READ) == outbox.Lookup(
            outbox.UNKNOWN)  # fmt: skip

    scenario_run(tmp_path, body)


def test_prune_keeps_each_chats_newest_and_slet_mig_deletes(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.db")
    with store.transaction() as db:
        for uid in (1, 2):
            db.table("users").insert({"id": uid, "first_name": "X", "registered_at": "2026",
                                      "active": 1})  # fmt: skip
    outbox.record(store, 1, [1, 2, 3])
    outbox.record(store, 2, [4])
    outbox.record(store, 3, [5])  # not (or no longer) a user
    later = utcnow() + outbox.KEEP + dt.timedelta(days=1)
    assert outbox.prune(store, later) == 3
    assert set(outbox.known_ids(store, 1, 0)) == {3} and set(outbox.known_ids(store, 2, 0)) == {4}
    assert outbox.prune(store) == 0
    assert "sent_messages" in store.user_data_export(2)
    assert store.delete_user(2) and outbox.known_ids(store, 2, 0) == {}


def test_a_recorded_message_with_the_same_text_is_found_without_a_probe(tmp_path: Path) -> None:
    async def body(store: Store, _s: StandIn, _p: Bot, bot: ExtBot[None],
                   client: aiohttp.ClientSession) -> None:  # fmt: skip
        await post(client, "/client/send", {**USER, "text": "hej"})
        after = mark(store, 1)
        # sent and recorded, but the crash came before the feature marked it delivered
        await bot.send_message(1, "svar", reply_markup=READ)
        sent = await bot.send_message(1, TEXT, reply_markup=READ)
        assert await look_for(bot, store, 1, after, TEXT, None) == outbox.Lookup(
            outbox.FOUND, sent.message_id)  # fmt: skip
        assert [m["buttons"] != [] for m in await messages(client)] == [False, True, True]

    scenario_run(tmp_path, body)
