"""The local Telegram stand-in, driven by python-telegram-bot's real Bot and Application."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.standin import StandIn, parse_html, start_standin

TOKEN = "123:TEST"
USER = {"user_id": 1, "first_name": "Mette"}
# PTB 22 warns about RetryAfter.retry_after becoming a timedelta whenever it builds one.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

Scenario = Callable[[StandIn, Bot, aiohttp.ClientSession], Awaitable[None]]


@contextlib.asynccontextmanager
async def running(**kw: Any) -> AsyncIterator[tuple[StandIn, Bot, aiohttp.ClientSession]]:
    standin, runner = await start_standin(port=0, **kw)
    bot = Bot(token=TOKEN, base_url=standin.base_url, base_file_url=standin.base_file_url)
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{standin.port}") as client, bot:
            yield standin, bot, client
    finally:
        await runner.cleanup()


def run(scenario: Scenario, **kw: Any) -> None:
    async def main() -> None:
        async with running(**kw) as (standin, bot, client):
            await scenario(standin, bot, client)

    asyncio.run(main())


async def post(client: aiohttp.ClientSession, path: str, body: dict[str, Any]) -> Any:
    async with client.post(path, json=body) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.json()


async def messages(client: aiohttp.ClientSession, query: str = "chat_id=1&after=0") -> Any:
    async with client.get(f"/client/messages?{query}") as resp:
        assert resp.status == 200
        return (await resp.json())["messages"]


def test_get_me_and_unknown_method() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        me = await bot.get_me()
        assert (me.id, me.first_name, me.username) == (123, "Projektbot", "projektbot_local_bot")
        async with client.post(f"/bot{TOKEN}/noSuchMethod", data={}) as resp:
            assert resp.status == 404
            assert await resp.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method not found",
            }
        async with client.get(f"/bot{TOKEN}/GETME") as resp:  # case-insensitive, like Telegram
            assert (await resp.json())["result"]["username"] == "projektbot_local_bot"

    run(scenario)


def test_client_send_becomes_update_with_command_entity() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        sent = await post(client, "/client/send", {**USER, "text": "/start ABC123"})
        updates = await bot.get_updates(timeout=0)
        assert [u.update_id for u in updates] == [sent["update_id"]]
        message = updates[0].message
        assert message is not None and message.text == "/start ABC123"
        assert message.message_id == sent["message_id"]
        assert message.chat.id == 1 and message.chat.type == "private"
        assert message.from_user is not None and message.from_user.first_name == "Mette"
        assert message.parse_entities(["bot_command"]) == {message.entities[0]: "/start"}
        # confirming with offset removes it
        assert await bot.get_updates(offset=sent["update_id"] + 1, timeout=0) == ()
        await post(client, "/client/send", {**USER, "sticker": True})
        (sticker,) = await bot.get_updates(timeout=0)
        assert sticker.message is not None and sticker.message.sticker is not None
        assert sticker.message.text is None

    run(scenario)


def test_buttons_press_and_edit() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "hej"})
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton("Ja", callback_data="svar:ja")], [
                InlineKeyboardButton("Nej", callback_data="svar:nej")]]
        )  # fmt: skip
        sent = await bot.send_message(1, "<b>Vil du?</b>", parse_mode="HTML", reply_markup=markup)
        assert sent.text == "Vil du?" and sent.entities[0].type == "bold"
        assert sent.reply_markup == markup
        listed = await messages(client)
        assert [m["from"] for m in listed] == ["user", "bot"]
        bot_msg = listed[-1]
        assert bot_msg["text"] == "<b>Vil du?</b>" and bot_msg["parse_mode"] == "HTML"
        assert bot_msg["buttons"] == [
            [{"text": "Ja", "data": "svar:ja"}],
            [{"text": "Nej", "data": "svar:nej"}],
        ]
        assert bot_msg["message_id"] == sent.message_id and bot_msg["edited"] is False

        (first,) = await bot.get_updates(timeout=0)
        await bot.get_updates(offset=first.update_id + 1, timeout=0)  # confirm the user's "hej"
        pressed = await post(
            client, "/client/press", {**USER, "message_id": sent.message_id, "data": "svar:ja"}
        )
        (update,) = await bot.get_updates(timeout=0)
        query = update.callback_query
        assert update.update_id == pressed["update_id"] and query is not None
        assert query.data == "svar:ja" and isinstance(query.message, Message)
        assert query.message.message_id == sent.message_id and query.message.text == "Vil du?"
        assert await query.answer("Tak!") is True

        await bot.edit_message_text("Tak for svaret", chat_id=1, message_id=sent.message_id)
        newer = await messages(client, f"chat_id=1&after={bot_msg['id']}")
        assert len(newer) == 1 and newer[0]["id"] > bot_msg["id"]
        assert newer[0]["edited"] is True and newer[0]["text"] == "Tak for svaret"
        assert newer[0]["buttons"] == []  # editing text without markup drops the keyboard
        with pytest.raises(BadRequest, match=r"(?i)not modified"):
            await bot.edit_message_text("Tak for svaret", chat_id=1, message_id=sent.message_id)
        async with client.post("/client/press", json={**USER, "message_id": 999}) as resp:
            assert resp.status == 404

    run(scenario)


def test_reply_keyboard_and_html_validation() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "hej"})
        await bot.send_message(1, "Rolle?", reply_markup=ReplyKeyboardMarkup([["Projektleder"]]))
        assert (await messages(client))[-1]["keyboard"] == [["Projektleder"]]
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(1, "a <br> b", parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(1, "")
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            long_data = InlineKeyboardButton("x", callback_data="x" * 65)
            await bot.send_message(1, "x", reply_markup=InlineKeyboardMarkup([[long_data]]))

    run(scenario)
    assert parse_html("<i>æ</i> &lt;3")[0] == "æ <3"


def test_document_upload_and_download() -> None:
    payload = "Navn;Svar\nMette;Ja æøå\n".encode()

    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "/export"})
        sent = await bot.send_document(
            1, InputFile(payload, filename="svar æ.csv"), caption="Eksport"
        )
        assert sent.document is not None and sent.document.file_name == "svar æ.csv"
        assert sent.document.file_size == len(payload)
        doc = (await messages(client))[-1]["document"]
        assert doc["file_name"] == "svar æ.csv"
        async with client.get(doc["url"]) as resp:
            assert await resp.read() == payload
            assert "svar%20%C3%A6.csv" in resp.headers["Content-Disposition"]
        tg_file = await bot.get_file(sent.document.file_id)
        assert bytes(await tg_file.download_as_bytearray()) == payload

    run(scenario)


def test_flood_control_gives_retry_after() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "hej"})
        limited = 0
        start = time.monotonic()
        for i in range(40):
            try:
                await bot.send_message(1, f"besked {i}")
            except RetryAfter as err:
                limited += 1
                assert "Retry in 1 seconds" in str(err)
        assert time.monotonic() - start < 1.0
        assert limited >= 1
        async with client.get("/client/stats") as resp:
            stats = await resp.json()
        assert stats["messages_sent"] == 30 and stats["retry_after_given"] == limited

    run(scenario)


def test_faults_blocked_and_unknown_chat() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "hej"})
        await post(client, "/client/faults", {"method": "sendMessage", "status": 500, "times": 2})
        for _ in range(2):
            with pytest.raises(NetworkError):
                await bot.send_message(1, "hej")
        assert (await bot.send_message(1, "hej")).text == "hej"
        fault = {"method": "sendMessage", "status": 429, "retry_after": 3, "times": 1}
        await post(client, "/client/faults", fault)
        with pytest.raises(RetryAfter):
            await bot.send_message(1, "hej")

        await post(client, "/client/block", {"user_id": 1, "blocked": True})
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(1, "hej")
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(424242, "hej")

    run(scenario)


def test_a_fault_after_the_call_loses_only_the_answer() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "hej"})
        await post(client, "/client/faults",
                   {"method": "sendMessage", "status": 502, "after": True})  # fmt: skip
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(1, "kom den frem?")
        assert [m["text"] for m in await messages(client)] == ["hej", "kom den frem?"]

    run(scenario)


def test_random_faults_are_a_fraction() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "hej"})
        rule = {"method": "getMe", "status": 500, "rate": 0.3, "times": 100}
        await post(client, "/client/faults", rule)
        failed = 0
        for _ in range(100):
            try:
                await bot.get_me()
            except NetworkError:
                failed += 1
        assert 10 < failed < 50

    run(scenario)


def test_long_poll_returns_promptly() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        assert not poll.done()
        sent_at = time.monotonic()
        await post(client, "/client/send", {**USER, "text": "hej"})
        updates = await asyncio.wait_for(poll, 2)
        assert time.monotonic() - sent_at < 0.5
        assert updates[0].message is not None and updates[0].message.text == "hej"

        waiting = asyncio.create_task(messages(client, "chat_id=1&after=1&wait=5"))
        await asyncio.sleep(0.1)
        await bot.send_message(1, "svar")
        listed = await asyncio.wait_for(waiting, 1)
        assert [m["text"] for m in listed] == ["svar"]

    run(scenario)


def test_state_file_survives_restart(tmp_path: Path) -> None:
    state = tmp_path / "standin.json"

    async def first(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        await post(client, "/client/send", {**USER, "text": "hej"})
        await bot.send_message(1, "Velkommen")

    async def second(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        assert [m["text"] for m in await messages(client)] == ["hej", "Velkommen"]
        assert (await bot.send_message(1, "igen")).message_id == 3

    run(first, state_file=state)
    assert state.exists()
    run(second, state_file=state)


def test_application_echo_end_to_end() -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Du skrev: {update.effective_message.text}")

    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        app = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(standin.base_url)
            .base_file_url(standin.base_file_url)
            .build()
        )
        app.add_handler(MessageHandler(filters.TEXT, echo))
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            await post(client, "/client/send", {**USER, "text": "hej"})
            reply: list[Any] = []
            deadline = time.monotonic() + 3
            while not reply and time.monotonic() < deadline:
                listed = await messages(client, "chat_id=1&after=1&wait=2")
                reply = [m for m in listed if m["from"] == "bot"]
            await app.updater.stop()
            await app.stop()
        assert reply and reply[0]["text"] == "Du skrev: hej"

    run(scenario)


def test_page_edit_and_group_chat() -> None:
    async def scenario(standin: StandIn, bot: Bot, client: aiohttp.ClientSession) -> None:
        async with client.get("/") as resp:
            page = await resp.text()
        assert "Projektbot – lokal chat" in page and "Skriv en besked…" in page
        for asset in ("/static/chat.js", "/static/chat.css"):
            async with client.get(asset) as resp:
                assert resp.status == 200
        sent = await post(client, "/client/send", {**USER, "text": "hje"})
        await post(
            client, "/client/edit", {**USER, "message_id": sent["message_id"], "text": "hej"}
        )
        _, edited = await bot.get_updates(timeout=0)
        assert edited.edited_message is not None and edited.edited_message.text == "hej"
        assert [(m["text"], m["edited"]) for m in await messages(client)] == [
            ("hje", False),
            ("hej", True),
        ]
        group = {
            **USER,
            "chat_type": "group",
            "chat_id": -42,
            "text": "/hjaelp@projektbot_local_bot",
        }
        await post(client, "/client/send", group)
        reply = await bot.send_message(-42, "Til gruppen")
        assert reply.chat.type == "group" and reply.chat.title == "Testgruppe"

    run(scenario)
