"""Coordinator tools: /invitation (create an invitation with buttons) and /deltagere.

Only coordinators (in any of their projects) and admins reach them. A
coordinator invites to, and sees, the projects they coordinate; an admin all.

`/invitation` is a conversation that survives restarts (persistent, name
"invitation"): role (buttons) → project (buttons, skipped when there is only
one) → municipality (typed; "-" or "ingen" for none) → the code, the
``t.me`` link and the expiry date. `/annuller` cancels at any step. Every
button is signed for the person who was shown it, and every step checks the
role again, so a practitioner replaying a coordinator's button gets nowhere.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import defaultdict
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.dates import TZ, format_day
from bot.i18n import _
from bot.store import ROLES, Role, User, utcnow
from handlers.common import (
    MAX_MESSAGE,
    Context,
    current_user,
    esc,
    keyboard,
    refuse_button,
    reply,
    require_role,
    role_name,
    services,
    sign,
    verify,
)

ROLE, PROJECT, KOMMUNE = "role", "project", "kommune"
DRAFT = "invitation_draft"  # the choices so far, in the user's (persisted) data
NO_KOMMUNE = {"-", "ingen", "none"}
KOMMUNE_RE = re.compile(r"^[^\W\d_]+(?:[ -][^\W\d_]+)*$")


def _day(moment: dt.datetime) -> str:
    return format_day(moment.astimezone(TZ).date())


def _short(context: Context, project_id: str) -> str:
    project = services(context).kb.projects.get(project_id)
    return project.short_name if project else project_id


def allowed_projects(user_id: int, user: User | None, context: Context) -> list[str]:
    """The projects this person may invite to and see: all for admins, else those they
    coordinate."""
    svc = services(context)
    if svc.is_admin(user_id):
        return list(svc.kb.projects)
    if user is None:
        return []
    return [m.project for m in user.memberships if m.role == "koordinator"]


async def coordinator(update: Update, context: Context) -> tuple[int, list[str]] | None:
    """(user id, projects) for a coordinator or admin; otherwise None after a refusal."""
    if update.effective_user is None:
        return None
    user_id = update.effective_user.id
    projects = allowed_projects(user_id, current_user(update, context), context)
    if projects:
        return user_id, projects
    await require_role(update, context, ["koordinator"])  # says why not
    return None


async def _refused(update: Update, context: Context) -> None:
    """A button pressed by someone who may not (any more): refuse it."""
    if update.callback_query is not None:
        await refuse_button(update)


def _draft(context: Context) -> dict[str, Any]:
    data = context.user_data
    if data is None:
        return {}
    draft = data.get(DRAFT)
    if not isinstance(draft, dict):
        draft = data[DRAFT] = {}
    return draft


def _end(context: Context) -> int:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    return ConversationHandler.END


async def _edit_or_reply(update: Update, text: str) -> None:
    query = update.callback_query
    if query is not None:
        try:
            await query.edit_message_text(text)
            return
        except BadRequest:
            pass
    await reply(update, text)


# -- /invitation -----------------------------------------------------------------------------


def _role_question(context: Context, user_id: int) -> tuple[str, list[list[tuple[str, str]]]]:
    rows = [[(role_name(r, plural=False).capitalize(), sign(context, user_id, "iv", "r", r))]
            for r in ROLES]
    return _("New invitation. Which role should the new participant have?\n"
             "(/annuller cancels.)"), rows


def _project_question(context: Context, user_id: int, projects: list[str]
                      ) -> tuple[str, list[list[tuple[str, str]]]]:
    rows = [[(_short(context, p)[:60], sign(context, user_id, "iv", "p", p))] for p in projects]
    return _("Which project?"), rows


def _kommune_question(context: Context, draft: dict[str, Any]) -> str:
    return _("{role} in {project}. Which municipality? Write its name, e.g. "
             "<i>Aarhus</i>, or <i>ingen</i> if none.").format(
        role=esc(role_name(str(draft.get("role")), plural=False).capitalize()),
        project=esc(_short(context, str(draft.get("project")))))


async def invitation_start(update: Update, context: Context) -> object:
    found = await coordinator(update, context)
    if found is None:
        return _end(context)
    user_id, _projects = found
    if context.user_data is not None:
        context.user_data[DRAFT] = {}
    text, rows = _role_question(context, user_id)
    await reply(update, text, keyboard(rows))
    return ROLE


async def _checked_button(update: Update, context: Context, kind: str
                          ) -> tuple[int, list[str], str] | None:
    """(user id, allowed projects, chosen value) for a valid button of `kind`, else None
    after refusing it."""
    query = update.callback_query
    if query is None or update.effective_user is None:
        return None
    user_id = update.effective_user.id
    parts = verify(context, user_id, query.data)
    projects = allowed_projects(user_id, current_user(update, context), context)
    if parts is None or len(parts) != 3 or parts[1] != kind or not projects:
        await refuse_button(update)
        return None
    return user_id, projects, parts[2]


async def choose_role(update: Update, context: Context) -> object:
    checked = await _checked_button(update, context, "r")
    if checked is None:
        return _end(context) if not _still_coordinator(update, context) else None
    user_id, projects, role = checked
    if role not in ROLES:
        await refuse_button(update)
        return None
    assert update.callback_query is not None
    await update.callback_query.answer()
    draft = _draft(context)
    draft["role"] = role
    await _edit_or_reply(update, _("Role: {role}").format(
        role=esc(role_name(role, plural=False))))
    if len(projects) == 1:
        draft["project"] = projects[0]
        await reply(update, _kommune_question(context, draft))
        return KOMMUNE
    text, rows = _project_question(context, user_id, projects)
    await reply(update, text, keyboard(rows))
    return PROJECT


async def choose_project(update: Update, context: Context) -> object:
    checked = await _checked_button(update, context, "p")
    if checked is None:
        return _end(context) if not _still_coordinator(update, context) else None
    _user_id, projects, project = checked
    if project not in projects:
        await refuse_button(update)
        return None
    assert update.callback_query is not None
    await update.callback_query.answer()
    draft = _draft(context)
    draft["project"] = project
    await _edit_or_reply(update, _("Project: {short}").format(short=esc(_short(context, project))))
    await reply(update, _kommune_question(context, draft))
    return KOMMUNE


def _still_coordinator(update: Update, context: Context) -> bool:
    if update.effective_user is None:
        return False
    uid = update.effective_user.id
    return bool(allowed_projects(uid, current_user(update, context), context))


def parse_kommune(text: str) -> tuple[bool, str | None]:
    """(valid, municipality or None for none)."""
    value = " ".join(text.split())
    if value.lower() in NO_KOMMUNE:
        return True, None
    if not 2 <= len(value) <= 60 or not KOMMUNE_RE.match(value):
        return False, None
    return True, value


async def type_kommune(update: Update, context: Context) -> object:
    if update.message is None or update.effective_user is None:
        return None
    found = await coordinator(update, context)
    if found is None:
        return _end(context)
    user_id, projects = found
    draft = _draft(context)
    role, project = draft.get("role"), draft.get("project")
    if role not in ROLES or project not in projects:
        # The draft is gone or no longer allowed: start over rather than guess.
        text, rows = _role_question(context, user_id)
        draft.clear()
        await reply(update, _("Something was missing – let's start again.") + "\n\n" + text,
                    keyboard(rows))
        return ROLE
    valid, kommune = parse_kommune(update.message.text or "")
    if not valid:
        await reply(update, _("That does not look like a municipality name: use 2–60 letters, "
                              "spaces or hyphens, or write <i>ingen</i> for none.")
                    + "\n\n" + _kommune_question(context, draft))
        return None
    chosen: Role = role
    invitation = services(context).store.create_invitation(
        chosen, str(project), kommune, created_by=str(user_id))
    link = f"https://t.me/{context.bot.username}?start={invitation.code}"
    where = esc(_short(context, invitation.project))
    if invitation.kommune:
        where += f", {esc(invitation.kommune)}"
    await reply(update, _(
        "Invitation created for a {role} in {where}.\n\n"
        "Code: <code>{code}</code>\nLink: {link}\n\n"
        "It works once and is valid until {date}. Send the link or the code to the "
        "person; they open the link or send <code>/start {code}</code> to me.").format(
        role=esc(role_name(invitation.role, plural=False)), where=where,
        code=esc(invitation.code), link=esc(link), date=esc(_day(invitation.expires_at))),
        disable_web_page_preview=True)
    return _end(context)


async def cancel(update: Update, context: Context) -> object:
    await reply(update, _("Cancelled – no invitation was created."))
    return _end(context)


async def stray_button(update: Update, context: Context) -> object:
    """A role or project button pressed at the wrong step (e.g. twice)."""
    await refuse_button(update)
    return None


async def outside_button(update: Update, context: Context) -> None:
    """An invitation button with no invitation under way: stale, replayed or forged."""
    await refuse_button(update)


with warnings.catch_warnings():
    # per_message=False is right here: one invitation at a time per person.
    warnings.simplefilter("ignore", PTBUserWarning)
    INVITATION = ConversationHandler(
        entry_points=[CommandHandler("invitation", invitation_start)],
        states={
            ROLE: [CallbackQueryHandler(choose_role, pattern=r"^iv:r:")],
            PROJECT: [CallbackQueryHandler(choose_project, pattern=r"^iv:p:")],
            KOMMUNE: [MessageHandler(filters.TEXT & ~filters.COMMAND, type_kommune)],
        },
        fallbacks=[CommandHandler("annuller", cancel),
                   CallbackQueryHandler(stray_button, pattern=r"^iv:")],
        allow_reentry=True,
        persistent=True,
        name="invitation",
    )


# -- /deltagere ------------------------------------------------------------------------------


def participants_text(context: Context, projects: list[str]) -> str:
    svc = services(context)
    now = utcnow()
    blocks: list[str] = []
    for project in projects:
        users = svc.store.users(project)
        by_kommune: dict[str, list[str]] = defaultdict(list)
        for user in users:
            membership = next((m for m in user.memberships if m.project == project), None)
            if membership is None:
                continue
            by_kommune[membership.kommune or ""].append(
                f"• {esc(user.first_name)} – {esc(role_name(membership.role, plural=False))}, "
                + _("registered {date}").format(date=esc(_day(user.registered_at))))
        open_count = sum(1 for i in svc.store.invitations(project) if i.state(now) == "open")
        lines = [_("<b>{short}</b> – registered: {n}, open invitations: {open}").format(
            short=esc(_short(context, project)), n=len(users), open=open_count)]
        if not users:
            lines.append(_("Nobody is registered yet."))
        for kommune in sorted(by_kommune, key=lambda k: (k == "", k.lower())):
            lines.append("")
            lines.append(f"<i>{esc(kommune)}</i>" if kommune
                         else "<i>" + _("No municipality") + "</i>")
            lines += sorted(by_kommune[kommune], key=str.lower)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split at line breaks into pieces of at most `limit` characters (never inside a tag:
    every line is whole)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        line = line if len(line) <= limit else line[: limit - 1] + "…"
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return pieces


async def participants(update: Update, context: Context) -> None:
    found = await coordinator(update, context)
    if found is None:
        return
    _user_id, projects = found
    for piece in split_message(participants_text(context, projects)):
        await reply(update, piece)


HANDLERS = [
    INVITATION,
    CallbackQueryHandler(outside_button, pattern=r"^iv:"),
    CommandHandler("deltagere", participants),
]
