"""Browsing the project: /naeste, /faser and /aktiviteter (phase → activity → details)."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.i18n import _
from bot.model import Project
from bot.store import User
from handlers.common import (
    Context,
    esc,
    keyboard,
    refuse_button,
    reply,
    require_user,
    services,
    sign,
    verify,
)


def _project(user: User, context: Context) -> Project | None:
    return services(context).kb.projects.get(user.project or "")


async def next_activities(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None or user.project is None:
        return
    await reply(update, esc(services(context).engine.upcoming(user.project).text))


async def phases(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None or user.project is None:
        return
    await reply(update, esc(services(context).engine.project_phases(user.project).text))


def _phase_menu(user: User, context: Context, project: Project) -> tuple[str, list]:  # type: ignore[type-arg]
    rows = [
        [(ph.name, sign(context, user.id, "br", "p", str(i)))]
        for i, ph in enumerate(project.phases)
    ]
    rows.append([(_("All activities"), sign(context, user.id, "br", "p", "all"))])
    return _("Which phase of {name}?").format(name=esc(project.short_name)), rows


def _activity_menu(user: User, context: Context, project: Project, phase: str) -> tuple[str, list]:  # type: ignore[type-arg]
    if phase == "all":
        chosen = list(enumerate(project.activities))
        title = _("Activities in {name}:").format(name=esc(project.short_name))
    else:
        ph = project.phases[int(phase)]
        chosen = [(i, a) for i, a in enumerate(project.activities) if ph.id in a.phase]
        title = _("Activities in {phase}:").format(phase=esc(ph.name))
    rows = [[(a.name[:60], sign(context, user.id, "br", "a", str(i), phase))] for i, a in chosen]
    if project.phases:
        rows.append([(_("« Phases"), sign(context, user.id, "br", "top"))])
    return title, rows


async def activities(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None:
        return
    project = _project(user, context)
    if project is None:
        return
    if project.phases:
        text, rows = _phase_menu(user, context, project)
    else:
        text, rows = _activity_menu(user, context, project, "all")
    await reply(update, text, keyboard(rows))


async def browse_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    parts = verify(context, update.effective_user.id, query.data)
    user = services(context).store.user(update.effective_user.id)
    project = _project(user, context) if user else None
    if parts is None or user is None or project is None:
        await refuse_button(update)
        return
    try:
        if parts[1:] == ["top"]:
            text, rows = _phase_menu(user, context, project)
        elif (
            parts[1] == "p"
            and len(parts) == 3
            and (parts[2] == "all" or int(parts[2]) < len(project.phases))
        ):
            text, rows = _activity_menu(user, context, project, parts[2])
        elif parts[1] == "a" and len(parts) == 4 and int(parts[2]) < len(project.activities):
            activity = project.activities[int(parts[2])]
            text = esc(services(context).engine.describe_activity(project.id, activity.id).text)
            rows = [[(_("« Back"), sign(context, user.id, "br", "p", parts[3]))]]
        else:
            raise ValueError(parts)
    except (ValueError, IndexError):
        await refuse_button(update)
        return
    await query.answer()
    try:
        await query.edit_message_text(text, reply_markup=keyboard(rows))
    except BadRequest:  # the message is too old to edit, or nothing changed
        await reply(update, text, keyboard(rows))


HANDLERS = [
    CommandHandler("naeste", next_activities),
    CommandHandler("faser", phases),
    CommandHandler("aktiviteter", activities),
    CallbackQueryHandler(browse_button, pattern=r"^br:"),
]
