"""Everything else: unknown commands, stickers and photos, edited messages, groups.

Each gets a short Danish reply and changes nothing.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.i18n import _
from handlers.common import Context, reply


async def group_chat(update: Update, context: Context) -> None:
    """Answer commands in groups with a pointer to a private chat; ignore the rest."""
    if update.message is not None and (update.message.text or "").startswith("/"):
        await reply(update, _("I only work in private chats. Write to me directly."))
    raise ApplicationHandlerStop


async def unknown_command(update: Update, context: Context) -> None:
    await reply(update, _("I don't know that command. Send /hjaelp to see what I can do."))


async def not_text(update: Update, context: Context) -> None:
    await reply(update, _("I can only read text. Write your question in words."))


async def edited(update: Update, context: Context) -> None:
    await reply(
        update,
        _(
            "I saw that you edited a message. I only answer new messages – "
            "send it again if you want an answer."
        ),
    )
    raise ApplicationHandlerStop


# Checked before everything else (group -1): they stop the update there.
FIRST = [
    MessageHandler(~filters.ChatType.PRIVATE, group_chat),
    MessageHandler(filters.UpdateType.EDITED, edited),
]
# Checked after every feature's handlers, in the same group: what nobody else took.
LAST = [
    MessageHandler(filters.COMMAND, unknown_command),
    MessageHandler(~filters.TEXT, not_text),
]
