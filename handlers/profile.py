"""The user's own data: /profil (and switching project), /mine_data and /slet_mig.

* `/profil` shows name, role, project, municipality and registration date, and
  one button per other project the person takes part in, to make it the
  project questions are answered for.
* `/mine_data` sends everything stored about the person as a JSON file.
* `/slet_mig` deletes it all, after a confirmation with two signed buttons.
  The confirmation also carries a one-time nonce kept in the user's data, so
  a button from an earlier confirmation cannot be replayed.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

from telegram import InputFile, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.dates import TZ, format_day
from bot.i18n import _
from bot.store import User
from handlers.common import (
    Context,
    esc,
    keyboard,
    refuse_button,
    reply,
    require_user,
    role_name,
    services,
    sign,
    verify,
)

DELETE_NONCE = "delete_nonce"


def _day(moment: dt.datetime) -> str:
    """A stored UTC time as a long Danish date in Copenhagen."""
    return format_day(moment.astimezone(TZ).date())


def _project_names(context: Context, project_id: str) -> tuple[str, str]:
    """(short name, full name) of a project; its id if it is not in the data."""
    project = services(context).kb.projects.get(project_id)
    if project is None:
        return project_id, project_id
    return project.short_name, project.name


def profile_view(user: User, context: Context) -> tuple[str, list[list[tuple[str, str]]]]:
    """The profile text and the buttons to switch to another project."""
    short, full = _project_names(context, user.project or "")
    lines = [
        _("<b>Your profile</b>"),
        _("Name: {name}").format(name=esc(user.first_name)),
        _("Role: {role}").format(role=esc(role_name(user.role or "", plural=False))),
        _("Project: {short} – {full}").format(short=esc(short), full=esc(full))
        if short != full else _("Project: {short}").format(short=esc(short)),
        _("Municipality: {kommune}").format(
            kommune=esc(user.kommune) if user.kommune else _("none")),
        _("Registered: {date}").format(date=esc(_day(user.registered_at))),
    ]
    others = [m for m in user.memberships if m.project != user.project]
    rows: list[list[tuple[str, str]]] = []
    if others:
        lines += ["", _("You also take part in:")]
        for m in others:
            other_short, _other_full = _project_names(context, m.project)
            where = f", {esc(m.kommune)}" if m.kommune else ""
            lines.append(f"• {esc(other_short)} ({esc(role_name(m.role, plural=False))}{where})")
            rows.append([(_("Switch to {name}").format(name=other_short)[:60],
                          sign(context, user.id, "pf", "sw", m.project))])
        lines += ["", _("Your questions are answered for {short}. Press a button to switch "
                        "project.").format(short=esc(short))]
    return "\n".join(lines), rows


async def show_profile(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None:
        return
    text, rows = profile_view(user, context)
    await reply(update, text, keyboard(rows) if rows else None)


async def switch_project(update: Update, context: Context, user: User, project: str) -> None:
    query = update.callback_query
    assert query is not None
    if project not in {m.project for m in user.memberships}:
        await refuse_button(update)
        return
    services(context).store.set_project(user.id, project)
    fresh = services(context).store.user(user.id)
    assert fresh is not None
    await query.answer()
    short, _full = _project_names(context, project)
    text, rows = profile_view(fresh, context)
    text = _("Done – your questions are now answered for {short}.").format(
        short=esc(short)) + "\n\n" + text
    try:
        await query.edit_message_text(text, reply_markup=keyboard(rows) if rows else None)
    except BadRequest:  # too old to edit
        await reply(update, text, keyboard(rows) if rows else None)


# -- /mine_data ------------------------------------------------------------------------------


async def my_data(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None or update.effective_chat is None:
        return
    data = services(context).store.user_data_export(user.id)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    await update.effective_chat.send_document(
        document=InputFile(body.encode("utf-8"), filename="mine-data.json"),
        caption=_("Everything I have stored about you (JSON). Send /slet_mig to delete it."),
    )


# -- /slet_mig -------------------------------------------------------------------------------


async def delete_me(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None:
        return
    nonce = secrets.token_hex(4)
    if context.user_data is not None:
        context.user_data[DELETE_NONCE] = nonce
    rows = [[(_("Yes, delete my data"), sign(context, user.id, "pf", "del", "yes", nonce)),
             (_("No, keep them"), sign(context, user.id, "pf", "del", "no", nonce))]]
    await reply(update, _(
        "Do you want me to delete everything I have stored about you – your registration, "
        "role, project, municipality and anything you have filled in? It cannot be undone, "
        "and you will need a new invitation code to use me for your project again."),
        keyboard(rows))


async def confirm_delete(update: Update, context: Context, user: User, answer: str,
                         nonce: str) -> None:
    query = update.callback_query
    assert query is not None
    user_data = context.user_data
    if answer not in {"yes", "no"} or user_data is None or user_data.get(DELETE_NONCE) != nonce:
        await refuse_button(update)
        return
    user_data.pop(DELETE_NONCE, None)
    await query.answer()
    if answer == "no":
        text = _("Fine – nothing has been deleted.")
    else:
        services(context).store.delete_user(user.id)
        user_data.clear()
        text = _("Everything I had stored about you has been deleted. If you want to use me "
                 "again, ask your contact at Socialstyrelsen for a new invitation code and "
                 "send <code>/start CODE</code>.")
    try:
        await query.edit_message_text(text)
    except BadRequest:
        await reply(update, text)


# -- buttons ---------------------------------------------------------------------------------


async def profile_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    parts = verify(context, update.effective_user.id, query.data)
    user = services(context).store.user(update.effective_user.id)
    if parts is None or user is None or not user.memberships:
        await refuse_button(update)
        return
    if parts[1:2] == ["sw"] and len(parts) == 3:
        await switch_project(update, context, user, parts[2])
    elif parts[1:2] == ["del"] and len(parts) == 4:
        await confirm_delete(update, context, user, parts[2], parts[3])
    else:
        await refuse_button(update)


HANDLERS = [
    CommandHandler("profil", show_profile),
    CommandHandler("mine_data", my_data),
    CommandHandler("slet_mig", delete_me),
    CallbackQueryHandler(profile_button, pattern=r"^pf:"),
]
