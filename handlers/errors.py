"""The one error handler: log it, tell the user in Danish, notify the admins."""

from __future__ import annotations

import html
import logging
import traceback

from telegram import Update
from telegram.error import Forbidden, NetworkError

from bot.i18n import _
from handlers.common import Context, reply, services

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, NetworkError) and not isinstance(error, Forbidden):
        log.warning("network problem talking to Telegram: %s", error)
        return
    log.error("error while handling an update", exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await reply(
                update,
                _(
                    "Sorry, something went wrong on my side. Please try again "
                    "in a moment – the team has been told."
                ),
            )
        except Exception:
            log.exception("could not tell the user about the error")
    svc = services(context)
    if not svc.settings.admin_ids or error is None:
        return
    where = ""
    if isinstance(update, Update) and update.effective_user is not None:
        where = f" (bruger {update.effective_user.id})"
    tail = "".join(traceback.format_exception(error))[-1500:]
    text = (
        f"⚠️ Fejl i Projektbot{where}: <b>{html.escape(type(error).__name__)}</b>\n"
        f"<pre>{html.escape(tail)}</pre>"
    )
    for admin in svc.settings.admin_ids:
        try:
            await context.bot.send_message(admin, text)
        except Exception:
            log.exception("could not notify admin %s", admin)
