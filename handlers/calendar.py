"""/kalender: the user's project as an .ics file to import into a calendar.

The file is made by `bot.ical.project_calendar` from the knowledge: exact dates
as events with place and description, occurrences known only to the month,
quarter or year as whole-month (quarter, year) all-day events marked
"[Ikke fastlagt]". The caption says how many of each there are.
Registered users only (`require_user`); the project is the user's current one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.i18n import _
from bot.ical import counts, not_dated_marker, project_calendar
from handlers.common import Context, esc, reply, require_user, services


def filename(project_id: str) -> str:
    return f"projektbot-{project_id}.ics"


def caption(project_name: str, dated: int, undated: int) -> str:
    """The short Danish text sent with the file (HTML)."""
    return _(
        "Calendar for {name}: {dated} activities with a fixed date and {undated} "
        "where the sources give only the month, quarter or year. Those are marked "
        "\u201c{marker}\u201d and cover the whole period. Open the file to add them "
        "to your calendar."
    ).format(name=esc(project_name), dated=dated, undated=undated,
             marker=esc(not_dated_marker()))


async def send_calendar(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None:
        return
    kb = services(context).kb
    project = kb.projects.get(user.project or "")
    if project is None:
        await reply(update, _("I cannot find your project, so I cannot make a calendar."))
        return
    n = counts(project)
    if n.total == 0:
        await reply(update, _("The sources give no dates for {name} yet.").format(
            name=esc(project.short_name)))
        return
    chat = update.effective_chat
    if chat is None:
        return
    data = project_calendar(kb, project.id, now=dt.datetime.now(dt.UTC))
    await chat.send_document(
        document=data,
        filename=filename(project.id),
        caption=caption(project.short_name, n.dated, n.undated),
    )


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("kalender", send_calendar),
]
