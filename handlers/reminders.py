"""/paamindelser (each user's reminder choices) and /genindlaes (reload data/).

`/paamindelser` shows the user's choices with buttons: which kinds (meetings,
this month's activities, deadlines, nudges, changes), how early (7 and 1 days,
3 days or 1 day before), and mute all / unmute. Every press is saved at once
(``reminder_prefs``) and the reminders are planned again, so a mute takes effect
immediately.

`/genindlaes` (coordinators and admins) reads data/ again. Invalid data is
refused with the problems listed, and the old data stays in use. Otherwise
the new data replaces the old, the users concerned by a changed date or place
get "Ændret: …" (through the reminders' exactly-once sending), and the
reminders are planned again.

The self-evaluation button on round reminders carries the unsigned callback
data ``selveval:start`` (the planner makes it; unsigned because one reminder
text is shared by many users). `selfeval_button` answers it by starting
/selvevaluering through `handlers.selfeval.start`, or, if that is missing,
by asking the user to send /selvevaluering. Nothing is trusted from the
data: /selvevaluering checks the user's role and project itself.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.clock import now as clock_now
from bot.i18n import N_, _
from bot.loader import DataErrors, Knowledge, load_knowledge
from bot.qa import Engine
from bot.store import User
from handlers.common import (
    Context,
    esc,
    keyboard,
    refuse_button,
    reply,
    require_role,
    require_user,
    services,
    sign,
    verify,
)
from scheduler import jobs
from scheduler.ledger import Ledger
from scheduler.planner import SELFEVAL_CALLBACK, Preferences

PREFIX = "pm"
KIND_LABELS: list[tuple[str, str]] = [
    ("meeting", N_("Meetings")),
    ("month", N_("This month's activities")),
    ("deadline", N_("Deadlines")),
    ("nudge", N_("Nudges")),
    ("change", N_("Changes")),
]
TIMINGS: dict[str, tuple[tuple[int, ...], str]] = {
    "71": ((7, 1), N_("7 + 1 days")),
    "3": ((3,), N_("3 days")),
    "1": ((1,), N_("1 day")),
}
MAX_PROBLEMS = 15


# -- /paamindelser -----------------------------------------------------------------------------


def _ledger(context: Context) -> Ledger:
    return Ledger(services(context).store)


def _mark(on: bool) -> str:
    return "✅" if on else "▫️"


def _timing_key(prefs: Preferences) -> str | None:
    return next((k for k, (days, _label) in TIMINGS.items() if days == prefs.days_before), None)


def prefs_text(prefs: Preferences) -> str:
    if prefs.muted:
        head = _("Your reminders are muted: I send you none until you turn them on again.")
    else:
        head = _("Choose which reminders you get and how early. Tap to turn on or off.")
    kinds = ", ".join(_(label) for kind, label in KIND_LABELS if kind in prefs.kinds)
    key = _timing_key(prefs)
    days = _(TIMINGS[key][1]) if key else ", ".join(str(d) for d in prefs.days_before)
    lines = [head, "", _("On: {kinds}").format(kinds=kinds or _("none")),
             _("Before meetings and deadlines: {days} before, at 9.00").format(days=days),
             _("Never at night, at weekends or on public holidays.")]
    return "\n".join(esc(line) for line in lines)


def prefs_keyboard(context: Context, user_id: int, prefs: Preferences) -> list[
        list[tuple[str, str]]]:
    kinds = [(f"{_mark(k in prefs.kinds)} {_(label)}", sign(context, user_id, PREFIX, "k", k))
             for k, label in KIND_LABELS]
    current = _timing_key(prefs)
    timing = [(f"{'● ' if key == current else ''}{_(label)}",
               sign(context, user_id, PREFIX, "d", key)) for key, (_d, label) in TIMINGS.items()]
    mute = ((_("Unmute"), sign(context, user_id, PREFIX, "m", "0")) if prefs.muted
            else (_("Mute all"), sign(context, user_id, PREFIX, "m", "1")))
    return [kinds[0:2], kinds[2:4], kinds[4:], timing, [mute]]


async def show_prefs(update: Update, context: Context) -> None:
    user = await require_user(update, context)
    if user is None:
        return
    prefs = _ledger(context).preferences(user.id)
    await reply(update, prefs_text(prefs), keyboard(prefs_keyboard(context, user.id, prefs)))


def changed_prefs(prefs: Preferences, action: str, value: str) -> Preferences | None:
    """The preferences after a button press, or None if the press makes no sense."""
    if action == "k" and value in {k for k, _label in KIND_LABELS}:
        return replace(prefs, kinds=prefs.kinds ^ {value})
    if action == "d" and value in TIMINGS:
        return replace(prefs, days_before=TIMINGS[value][0])
    if action == "m" and value in {"0", "1"}:
        return replace(prefs, muted=value == "1")
    return None


async def prefs_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    parts = verify(context, update.effective_user.id, query.data)
    user = services(context).store.user(update.effective_user.id)
    ledger = _ledger(context)
    new = None
    if parts is not None and len(parts) == 3 and user is not None and user.memberships:
        new = changed_prefs(ledger.preferences(user.id), parts[1], parts[2])
    if new is None or user is None:
        await refuse_button(update)
        return
    ledger.save_preferences(user.id, new, clock_now())
    jobs.replan(context.application)
    await query.answer(_("Saved."))
    await _show_again(update, context, user, new)


async def _show_again(update: Update, context: Context, user: User, prefs: Preferences) -> None:
    query = update.callback_query
    assert query is not None
    markup = keyboard(prefs_keyboard(context, user.id, prefs))
    try:
        await query.edit_message_text(prefs_text(prefs), reply_markup=markup)
    except BadRequest:  # e.g. an old message: show it anew
        await reply(update, prefs_text(prefs), markup)


# -- the self-evaluation button on round reminders --------------------------------------------


async def selfeval_button(update: Update, context: Context) -> None:
    """Start /selvevaluering as `handlers.selfeval.start` does (it takes a button press
    too); if that is not there, tell the user to send the command."""
    from handlers import selfeval

    query = update.callback_query
    if query is not None:
        await query.answer()
    begin = getattr(selfeval, "start", None)
    if callable(begin):
        await begin(update, context)
        return
    await reply(update, _("Send /selvevaluering to start or continue the self-evaluation."))


# -- /genindlaes --------------------------------------------------------------------------------


def _problems_text(exc: DataErrors) -> str:
    lines = [_("The data in data/ could not be loaded, so I keep using the old data. "
               "The problems:")]
    lines += [f"• {p}" for p in exc.problems[:MAX_PROBLEMS]]
    if len(exc.problems) > MAX_PROBLEMS:
        lines.append(_("… and {n} more.").format(n=len(exc.problems) - MAX_PROBLEMS))
    return "\n".join(esc(line) for line in lines)


async def _load(context: Context) -> tuple[Knowledge, Engine]:
    data_dir = services(context).settings.data_dir
    kb = await asyncio.to_thread(load_knowledge, data_dir)
    return kb, await asyncio.to_thread(Engine, kb)


async def reload_data(update: Update, context: Context) -> None:
    if await require_role(update, context, ["koordinator"]) is None:
        return
    from handlers.app import data_version  # handlers.app imports this module

    svc = services(context)
    try:
        kb, engine = await _load(context)
    except DataErrors as exc:
        await reply(update, _problems_text(exc))
        return
    old = svc.kb
    svc.kb, svc.engine, svc.data_version = kb, engine, data_version(svc.settings.data_dir)
    rem = jobs.state(context.application)
    found, made = jobs.record_changes(svc.store, rem.ledger, old, kb, rem.clock())
    jobs.replan(context.application)
    activities = sum(len(p.activities) for p in kb.projects.values())
    await reply(update, esc(_(
        "Data reloaded: {projects} projects, {activities} activities. {changes} changed "
        "activities; {messages} messages about them are on their way."
    ).format(projects=len(kb.projects), activities=activities, changes=len(found),
             messages=len(made))))


async def on_startup(application: jobs.App) -> None:
    await jobs.on_startup(application)


HANDLERS = [
    CommandHandler("paamindelser", show_prefs),
    CommandHandler("genindlaes", reload_data),
    CallbackQueryHandler(prefs_button, pattern=rf"^{PREFIX}:"),
    CallbackQueryHandler(selfeval_button, pattern=rf"^{SELFEVAL_CALLBACK}$"),
]
