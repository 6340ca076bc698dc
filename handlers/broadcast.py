"""Coordinator broadcasts: /udsendelse (write → audience → preview → send or plan),
/udsendelser (past and planned, cancel or edit), the recipients' "Læst" button,
the background sender and the delivery report.

The sender runs as an asyncio task per broadcast, never in a handler: `IN_FLIGHT`
workers each claim one recipient at a time in the database, send through the bot
(so PTB's AIORateLimiter paces them and retries RetryAfter), and settle the row.
The limiter serves its waiters in turn, so a reply to someone's question waits
behind at most `IN_FLIGHT` broadcast messages (~0.1 s). Planned broadcasts are
JobQueue jobs, made again from the database at start, which also resumes any
broadcast a crash left half sent: the messages on their way at the crash are
looked for in their chats first (`bot.outbox`), so nobody gets one twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import warnings
from collections.abc import Sequence
from typing import Any, cast
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import outbox
from bot.broadcasts import INTERRUPTED, Audience, Broadcast, Broadcasts, Report, parse_when
from bot.broadcasts import select_recipients as _select
from bot.broadcasts import submitted_kommuner as _submitted
from bot.dates import format_datetime_long
from bot.forms import current_round, rounds_for
from bot.i18n import _
from bot.settings import TIMEZONE
from bot.store import User, utcnow
from handlers.common import (
    Context,
    Services,
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
from handlers.delivery import look_for

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
Rows = list[list[tuple[str, str]]]
TZ = ZoneInfo(TIMEZONE)
WRITE, CHOOSE, WHEN = "write", "choose", "when"
DRAFT = "broadcast_draft"  # user_data: the broadcast being written or edited
EDITING = "broadcast_editing"  # user_data: "text" or "time" when editing a planned one
MAX_TEXT = 3500
MAX_CAPTION = 900
MAX_ATTEMPTS = 6  # per recipient, for 5xx and network errors (RetryAfter not counted)
# Messages of one broadcast on their way at once: hides each send's round trip (and the
# local stand-in's bookkeeping); also the most messages a crash can leave in doubt (each is
# looked for at the next start).
IN_FLIGHT = 3
_TASKS: dict[int, asyncio.Task[None]] = {}


# -- who may broadcast, and to which projects --------------------------------------------------


def allowed_projects(context: Context, user_id: int) -> list[str]:
    """All projects for admins, else the projects the user coordinates."""
    svc = services(context)
    if svc.is_admin(user_id):
        return list(svc.kb.projects)
    user = svc.store.user(user_id)
    return [m.project for m in user.memberships if m.role == "koordinator"] if user else []


def broadcasts(svc: Services) -> Broadcasts:
    return Broadcasts(svc.store)


def _short(svc: Services, project_id: str) -> str:
    project = svc.kb.projects.get(project_id)
    return project.short_name if project else project_id


def _local(moment: dt.datetime) -> str:
    return format_datetime_long(moment.astimezone(TZ))


# -- the audience at sending time ------------------------------------------------------------


def _submitted_map(svc: Services, projects: Sequence[str]) -> dict[str, set[str]]:
    """Per project, the municipalities that have submitted the current self-evaluation."""
    out: dict[str, set[str]] = {}
    today = utcnow().astimezone(TZ).date()
    for project in projects:
        round_id = None
        for form in svc.kb.forms.values():
            found = current_round(rounds_for(svc.kb, project, form), today)
            round_id = found.id if found is not None else round_id
        out[project] = _submitted(svc.store, project, round_id)
    return out


def recipients(svc: Services, b: Broadcast) -> list[int]:
    """The audience of `b` now: active members of its projects that match, not the sender."""
    users: list[User] = svc.store.users()
    submitted = _submitted_map(svc, b.projects) if b.audience.kind == "missing" else None
    return _select(users, b.audience, b.projects, submitted=submitted, exclude=[b.created_by])


def _kommuner(svc: Services, projects: Sequence[str]) -> list[str]:
    return sorted({m.kommune for u in svc.store.users() for m in u.memberships
                   if m.project in projects and m.kommune})  # fmt: skip


# -- /udsendelse: write --------------------------------------------------------------------------


def _draft_id(context: Context) -> int | None:
    value = (context.user_data or {}).get(DRAFT)
    return value if isinstance(value, int) else None


def _end(context: Context) -> int:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
        context.user_data.pop(EDITING, None)
    return ConversationHandler.END


async def start(update: Update, context: Context) -> object:
    if update.effective_user is None:
        return _end(context)
    if not allowed_projects(context, update.effective_user.id):
        await require_role(update, context, ["koordinator"])  # says why not
        return _end(context)
    _end(context)
    await reply(update, _(
        "New message to participants. Write the text now – or send a file (as a document) "
        "with the text as its caption.\n(/annuller cancels.)"))
    return WRITE


def _message_content(message: Message) -> tuple[str, str | None, str | None] | str:
    """(text, file id, file name), or the reason it cannot be sent."""
    if message.document is not None:
        caption = (message.caption or "").strip()
        if len(caption) > MAX_CAPTION:
            return _("The caption is too long (at most {n} characters).").format(n=MAX_CAPTION)
        return caption, message.document.file_id, message.document.file_name
    text = (message.text or "").strip()
    if not text:
        return _("Please write the message as text.")
    if len(text) > MAX_TEXT:
        return _("The message is too long (at most {n} characters).").format(n=MAX_TEXT)
    return text, None, None


async def write(update: Update, context: Context) -> object:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return WRITE
    projects = allowed_projects(context, user.id)
    if not projects:  # no longer a coordinator
        await require_role(update, context, ["koordinator"])
        return _end(context)
    content = _message_content(message)
    if isinstance(content, str):
        await reply(update, esc(content))
        return WRITE
    text, file_id, file_name = content
    store = broadcasts(services(context))
    if (context.user_data or {}).get(EDITING) == "text" and (draft := _draft_id(context)):
        return await _edited_text(update, context, store, draft, text)
    bid = store.create(user.id, projects, text, file_id=file_id, file_name=file_name)
    if context.user_data is not None:
        context.user_data[DRAFT] = bid
    body, rows = _audience_menu(context, user.id, bid, projects)
    await reply(update, body, keyboard(rows))
    return CHOOSE


# -- /udsendelse: the audience ---------------------------------------------------------------


def _audience_menu(context: Context, user_id: int, bid: int, projects: Sequence[str]
                   ) -> tuple[str, Rows]:  # fmt: skip
    b = str(bid)
    rows: Rows = [[(_("Everyone in my projects"), sign(context, user_id, "bc", "a", "all", b))]]
    if len(projects) > 1:
        rows.append([(_("One project"), sign(context, user_id, "bc", "a", "proj", b))])
    rows += [
        [(_("Municipalities"), sign(context, user_id, "bc", "a", "kom", b))],
        [(role_name("projektleder").capitalize(), sign(context, user_id, "bc", "a", "pl", b)),
         (role_name("praktiker").capitalize(), sign(context, user_id, "bc", "a", "pr", b))],
        [(_("Not submitted the self-evaluation"), sign(context, user_id, "bc", "a", "miss", b))],
        [(_("Cancel"), sign(context, user_id, "bc", "x", b))],
    ]  # fmt: skip
    return _("Who should get it?"), rows


def _kommune_menu(context: Context, user_id: int, b: Broadcast) -> tuple[str, Rows]:
    chosen = set(b.audience.kommuner)
    rows: Rows = []
    for i, name in enumerate(_kommuner(services(context), b.projects)):
        mark = "✓ " if name in chosen else ""
        rows.append([(f"{mark}{name}"[:60], sign(context, user_id, "bc", "k", str(i), str(b.id)))])
    rows.append([(_("Done"), sign(context, user_id, "bc", "k", "ok", str(b.id))),
                 (_("« Back"), sign(context, user_id, "bc", "b", str(b.id)))])  # fmt: skip
    return _("Choose one or more municipalities, then press Done."), rows


def _preview(context: Context, user_id: int, b: Broadcast) -> tuple[str, Rows]:
    svc = services(context)
    count = len(recipients(svc, b))
    rid = str(b.id)
    lines = [_("<b>Preview</b>"), _from_team(b.text)]
    if b.file_name:
        lines.append(_("File: {name}").format(name=esc(b.file_name)))
    lines.append(_("Recipients: {who} – <b>{n}</b> people.").format(
        who=esc(_audience_name(svc, b.audience)), n=count))
    rows: Rows = []
    if count:
        rows.append([(_("Send now"), sign(context, user_id, "bc", "s", rid)),
                     (_("Plan"), sign(context, user_id, "bc", "w", rid))])  # fmt: skip
    else:
        lines.append(_("Nobody matches – choose other recipients."))
    rows.append([(_("« Recipients"), sign(context, user_id, "bc", "b", rid)),
                 (_("Cancel"), sign(context, user_id, "bc", "x", rid))])  # fmt: skip
    return "\n\n".join(lines), rows


def _audience_name(svc: Services, audience: Audience) -> str:
    if audience.kind == "project" and audience.project:
        return _short(svc, audience.project)
    if audience.kind == "kommuner":
        return ", ".join(audience.kommuner)
    if audience.kind == "role" and audience.role:
        return role_name(audience.role)
    if audience.kind == "missing":
        return _("project leaders who have not submitted the self-evaluation")
    return _("everyone in the projects")


async def _show(update: Update, text: str, rows: Rows) -> None:
    query = update.callback_query
    if query is not None:
        try:
            await query.edit_message_text(text, reply_markup=keyboard(rows))
            return
        except BadRequest:
            pass
    await reply(update, text, keyboard(rows))


async def _checked(update: Update, context: Context) -> tuple[int, list[str], Broadcast] | None:
    """(user id, parts, the draft) for a valid, own, current button; else refused."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return None
    parts = verify(context, user.id, query.data)
    store = broadcasts(services(context))
    b = store.get(int(parts[-1])) if parts and parts[-1].isdigit() else None
    allowed = set(allowed_projects(context, user.id))
    if parts is None or b is None or b.created_by != user.id or not set(b.projects) <= allowed:
        await refuse_button(update)
        return None
    if b.state != "draft":
        await refuse_button(update, _("That message has already been sent or planned."))
        return None
    await query.answer()
    return user.id, parts, b


async def choose(update: Update, context: Context) -> object:
    found = await _checked(update, context)
    if found is None:
        return CHOOSE
    user_id, parts, b = found
    store = broadcasts(services(context))
    action = parts[1]
    if action == "x":
        store.cancel(b.id)
        await _show(update, _("Cancelled – nothing was sent."), [])
        return _end(context)
    if action == "s":
        await _send_now(update, context, b)
        return _end(context)
    if action == "w":
        await reply(update, _("When should it go out? Write a date and time, e.g. "
                              "<i>24/11 kl. 9</i> or <i>i morgen kl. 10</i>."))  # fmt: skip
        return WHEN
    text, rows = _next_menu(context, user_id, parts, b, store)
    await _show(update, text, rows)
    return CHOOSE


def _next_menu(context: Context, user_id: int, parts: list[str], b: Broadcast,
               store: Broadcasts) -> tuple[str, Rows]:  # fmt: skip
    """The menu after an audience button: a sub-choice or the preview."""
    action, value = parts[1], parts[2] if len(parts) > 3 else ""
    kinds = {"all": Audience("all"), "pl": Audience("role", role="projektleder"),
             "pr": Audience("role", role="praktiker"), "miss": Audience("missing")}  # fmt: skip
    if action == "b":
        return _audience_menu(context, user_id, b.id, b.projects)
    if action == "a" and value in kinds:
        store.set_audience(b.id, kinds[value])
    elif action == "a" and value == "proj":
        rows = [[(_short(services(context), p)[:60], sign(context, user_id, "bc", "p", p,
                                                          str(b.id)))] for p in b.projects]
        return _("Which project?"), rows
    elif action == "p" and value in b.projects:
        store.set_audience(b.id, Audience("project", project=value))
    elif action == "a" and value == "kom":
        store.set_audience(b.id, Audience("kommuner"))
        return _kommune_menu(context, user_id, cast(Broadcast, store.get(b.id)))
    elif action == "k" and value.isdigit():
        return _toggle_kommune(context, user_id, b, int(value), store)
    elif not (action == "k" and value == "ok" and b.audience.kommuner):
        return _kommune_menu(context, user_id, b) if action == "k" else \
            _audience_menu(context, user_id, b.id, b.projects)
    return _preview(context, user_id, cast(Broadcast, store.get(b.id)))


def _toggle_kommune(context: Context, user_id: int, b: Broadcast, index: int,
                    store: Broadcasts) -> tuple[str, Rows]:  # fmt: skip
    names = _kommuner(services(context), b.projects)
    if index < len(names):
        chosen = set(b.audience.kommuner) ^ {names[index]}
        store.set_audience(b.id, Audience("kommuner", kommuner=tuple(sorted(chosen))))
    return _kommune_menu(context, user_id, cast(Broadcast, store.get(b.id)))


# -- send now or plan ----------------------------------------------------------------------------


async def _send_now(update: Update, context: Context, b: Broadcast) -> None:
    svc = services(context)
    audience = recipients(svc, b)
    if not broadcasts(svc).start(b.id, audience):
        await refuse_button(update, _("That message has already been sent or planned."))
        return
    spawn(context.application, b.id)
    await _show(update, _("Sending to {n} people now. You get a report when it is done.").format(
        n=len(audience)), [])


async def when(update: Update, context: Context) -> object:
    message, user, draft = update.effective_message, update.effective_user, _draft_id(context)
    if message is None or user is None or draft is None:
        return _end(context)
    now = utcnow().astimezone(TZ)
    moment = parse_when(message.text or "", now)
    if moment is None:
        await reply(update, _("I did not understand that time. Write e.g. <i>24/11 kl. 9</i>, "
                              "<i>i morgen kl. 10</i> or <i>2025-11-24 09:00</i>."))  # fmt: skip
        return WHEN
    if moment <= now:
        await reply(update, _("That time has passed. Please choose a time in the future."))
        return WHEN
    store = broadcasts(services(context))
    if not store.plan(draft, moment):
        await reply(update, _("That message has already been sent or cancelled."))
        return _end(context)
    schedule(context.application, draft, moment)
    await reply(update, _("Planned for {when}. See /udsendelser to cancel or edit it.").format(
        when=esc(_local(moment))))
    return _end(context)


async def cancel(update: Update, context: Context) -> object:
    draft = _draft_id(context)
    if draft is not None and (context.user_data or {}).get(EDITING) is None:
        broadcasts(services(context)).cancel(draft)
    await reply(update, _("Cancelled – nothing was sent."))
    return _end(context)


async def stray_button(update: Update, context: Context) -> None:
    await refuse_button(update)


# -- /udsendelser: the list, cancel and edit -----------------------------------------------------


def _summary(svc: Services, b: Broadcast) -> str:
    head = f"<b>#{b.id}</b> "
    if b.state == "planned" and b.planned_at:
        head += _("planned for {when}").format(when=esc(_local(b.planned_at)))
    elif b.state == "cancelled":
        head += _("cancelled")
    else:
        r = broadcasts(svc).report(b.id)
        head += _("{state}: {delivered} of {total} delivered, {read} read").format(
            state=_("sending") if b.state == "sending" else _("sent"),
            delivered=r.delivered, total=r.total, read=r.acknowledged)
    snippet = b.text if len(b.text) <= 60 else b.text[:59] + "…"
    return f"{head}\n{esc(_audience_name(svc, b.audience))}: <i>{esc(snippet)}</i>"


async def list_broadcasts(update: Update, context: Context) -> None:
    user = update.effective_user
    projects = allowed_projects(context, user.id) if user else []
    if user is None or not projects:
        await require_role(update, context, ["koordinator"])
        return
    svc = services(context)
    found = broadcasts(svc).recent(projects)
    if not found:
        await reply(update, _("No messages have been sent or planned yet. Send one with "
                              "/udsendelse."))  # fmt: skip
        return
    rows: Rows = []
    for b in found:
        i = str(b.id)
        if b.state == "planned":
            rows.append([(_("Cancel #{id}").format(id=i), sign(context, user.id, "bx", "c", i)),
                         (_("Edit text"), sign(context, user.id, "bd", "t", i)),
                         (_("Edit time"), sign(context, user.id, "bd", "w", i))])  # fmt: skip
        elif b.state in ("sending", "done"):
            rows.append([(_("Report #{id}").format(id=i), sign(context, user.id, "bx", "r", i))])
    text = _("<b>Messages</b>") + "\n\n" + "\n\n".join(_summary(svc, b) for b in found)
    await reply(update, text, keyboard(rows))


async def _own(update: Update, context: Context) -> tuple[int, list[str], Broadcast] | None:
    """(user id, parts, broadcast) for a valid button on a broadcast of the user's projects."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return None
    parts = verify(context, user.id, query.data)
    b = (broadcasts(services(context)).get(int(parts[-1]))
         if parts and parts[-1].isdigit() else None)  # fmt: skip
    if parts is None or b is None or not set(b.projects) <= set(allowed_projects(context,
                                                                                 user.id)):
        await refuse_button(update)
        return None
    return user.id, parts, b


async def edit_start(update: Update, context: Context) -> object:
    found = await _own(update, context)
    if found is None:
        return _end(context)
    _user_id, parts, b = found
    if b.state != "planned":
        await refuse_button(update, _("That message has already been sent or cancelled."))
        return _end(context)
    await cast(Any, update.callback_query).answer()
    if context.user_data is not None:
        context.user_data[DRAFT] = b.id
        context.user_data[EDITING] = "text" if parts[1] == "t" else "time"
    if parts[1] == "t":
        await reply(update, _("Write the new text for #{id}.\n(/annuller keeps it as it is.)")
                    .format(id=b.id))  # fmt: skip
        return WRITE
    await reply(update, _("When should #{id} go out instead? E.g. <i>24/11 kl. 9</i>.")
                .format(id=b.id))  # fmt: skip
    return WHEN


async def _edited_text(update: Update, context: Context, store: Broadcasts, bid: int,
                       text: str) -> object:  # fmt: skip
    if store.set_text(bid, text) and (b := store.get(bid)) and b.state == "planned":
        await reply(update, _("Saved. #{id} goes out {when}:").format(
            id=bid, when=esc(_local(cast(dt.datetime, b.planned_at)))) + "\n\n" + _from_team(text))
    else:
        await reply(update, _("That message has already been sent or cancelled."))
    return _end(context)


async def list_button(update: Update, context: Context) -> None:
    found = await _own(update, context)
    if found is None:
        return
    user_id, parts, b = found
    query = cast(Any, update.callback_query)
    if parts[1] == "c":
        ok = broadcasts(services(context)).cancel(b.id)
        _unschedule(context.application, b.id)
        await query.answer()
        await reply(update, _("#{id} is cancelled.").format(id=b.id) if ok else
                    _("That message has already been sent or cancelled."))  # fmt: skip
    elif parts[1] in ("r", "m"):
        await query.answer()
        text, rows = report_message(context, user_id, b, missed=parts[1] == "m")
        await reply(update, text, keyboard(rows))
    else:
        await refuse_button(update)


# -- the report -------------------------------------------------------------------------------


def _reason(why: str) -> str:
    known = {"blocked": _("blocked the bot"), INTERRUPTED: _("interrupted by a restart "
             "(may have arrived)"), "timeout": _("no answer from Telegram")}  # fmt: skip
    return known.get(why, why)


def report_message(context: Context, user_id: int, b: Broadcast, *, missed: bool = False
                   ) -> tuple[str, Rows]:  # fmt: skip
    r: Report = broadcasts(services(context)).report(b.id)
    lines = [_("<b>Report for #{id}</b>").format(id=b.id),
             _("Delivered: {n} of {total}").format(n=r.delivered, total=r.total),
             _("Blocked the bot: {n}").format(n=r.blocked),
             _("Failed: {n}").format(n=r.failed),
             _("Read (pressed “Læst”): {n}").format(n=r.acknowledged)]  # fmt: skip
    if r.pending:
        lines.append(_("Still being sent: {n}").format(n=r.pending))
    reasons = {k: v for k, v in r.reasons.items() if k != "blocked"}
    if reasons:
        lines.append(_("Why: {reasons}").format(reasons=esc(", ".join(
            f"{_reason(k)} ({v})" for k, v in sorted(reasons.items())))))
    if missed:
        lines.append(_("<b>Did not get it:</b>"))
        lines += [f"• {esc(name)} – {esc(_reason(why))}" for _uid, name, why in r.missed[:80]]
        if not r.missed:
            lines.append(_("Everyone got it."))
    rows: Rows = [[(_("Update"), sign(context, user_id, "bx", "r", str(b.id)))]]
    if r.missed and not missed:
        rows[0].append((_("Who did not get it?"), sign(context, user_id, "bx", "m", str(b.id))))
    return "\n".join(lines), rows


# -- recipients: the message and "Læst" ------------------------------------------------------


def _from_team(text: str) -> str:
    return _("From Socialstyrelsen's project team:") + (f"\n\n{esc(text)}" if text else "")


async def acknowledge(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    parts = verify(context, user.id, query.data)
    if parts is None or len(parts) != 3 or not parts[2].isdigit():
        await refuse_button(update)
        return
    broadcasts(services(context)).acknowledge(int(parts[2]), user.id)
    await query.answer(_("Thank you!"))
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=None)


# -- the sender ---------------------------------------------------------------------------------


def _context(application: App) -> Context:
    return cast(Context, CallbackContext(application))


def _message(application: App, b: Broadcast, user_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """The text and the "Læst" button `user_id` gets (the same every time it is made)."""
    ack = sign(_context(application), user_id, "bx", "l", str(b.id))
    return _from_team(b.text), keyboard([[(_("Read"), ack)]])


async def _look(application: App, store: Broadcasts, b: Broadcast, user_id: int
                ) -> outbox.Lookup:  # fmt: skip
    """Whether the message to `user_id`, on its way when its answer was lost, arrived."""
    after = store.mark(b.id, user_id)
    if after is None:
        return outbox.Lookup(outbox.UNKNOWN)
    text, markup = _message(application, b, user_id)
    svc = cast(Services, application.bot_data["services"])
    return await look_for(application.bot, svc.store, user_id, after, text, markup)


async def _resolve_in_doubt(application: App, store: Broadcasts, b: Broadcast) -> None:
    """After a crash: look for each message that was on its way (see `bot.outbox`)."""
    for user_id in store.in_doubt(b.id):
        lookup = await _look(application, store, b, user_id)
        arrived = None if lookup.state == outbox.UNKNOWN else lookup.state == outbox.FOUND
        store.resolve(b.id, user_id, lookup.message_id, arrived)
        log.info("broadcast %s: message to %s was in doubt: %s", b.id, user_id, lookup.state)


async def _deliver(application: App, store: Broadcasts, b: Broadcast, user_id: int
                   ) -> tuple[str, str | None, int | None]:  # fmt: skip
    """Send one copy: (outcome, reason, message id). Retries only what surely did not arrive:
    when the answer to a send is lost (time-out, 5xx), the chat is looked at first."""
    text, markup = _message(application, b, user_id)
    for attempt in range(MAX_ATTEMPTS):
        try:
            if b.file_id:
                sent = await application.bot.send_document(user_id, b.file_id, caption=text,
                                                           reply_markup=markup)  # fmt: skip
            else:
                sent = await application.bot.send_message(user_id, text, reply_markup=markup)
            return "delivered", None, sent.message_id
        except Forbidden:
            return "blocked", "blocked", None
        except RetryAfter as err:
            await asyncio.sleep(err.retry_after if isinstance(err.retry_after, int)
                                else err.retry_after.total_seconds())  # fmt: skip
        except BadRequest as err:
            return "failed", err.message, None
        except NetworkError as err:  # also TimedOut: it may have arrived
            lookup = await _look(application, store, b, user_id)
            if lookup.state == outbox.FOUND:
                return "delivered", None, lookup.message_id
            if lookup.state == outbox.UNKNOWN or attempt == MAX_ATTEMPTS - 1:
                return "failed", "timeout" if isinstance(err, TimedOut) else err.message, None
            await asyncio.sleep(min(0.25 * 2**attempt, 4.0))
    return "failed", "rate limited", None


async def run_broadcast(application: App, broadcast_id: int) -> None:
    """Send a broadcast to everyone in its frozen audience, then report to its sender."""
    svc = cast(Services, application.bot_data["services"])
    store = broadcasts(svc)
    b = store.get(broadcast_id)
    if b is None or b.state in ("done", "cancelled", "draft"):
        return
    if b.state == "planned":
        store.start(b.id, recipients(svc, b))
    else:
        await _resolve_in_doubt(application, store, b)
    await asyncio.gather(*(_worker(application, svc, store, b) for _ in range(IN_FLIGHT)))
    if store.finish(b.id):
        await _send_report(application, b)


async def _worker(application: App, svc: Services, store: Broadcasts, b: Broadcast) -> None:
    """Claim, send, settle – one recipient at a time (settling with the next claim)."""
    settled: tuple[int, Any, str | None, int | None] | None = None
    while True:
        user_id = store.claim_next(b.id, settled)
        if user_id is None:
            return
        # cancelled or killed from here on: the row stays claimed and is looked for
        # at the next start (`_resolve_in_doubt`)
        outcome, reason, message_id = await _deliver(application, store, b, user_id)
        if outcome == "blocked":
            svc.store.set_active(user_id, False, "blocked")
        settled = (user_id, outcome, reason, message_id)


async def _send_report(application: App, b: Broadcast) -> None:
    text, rows = report_message(_context(application), b.created_by, b)
    try:
        await application.bot.send_message(b.created_by, text, reply_markup=keyboard(rows))
    except (Forbidden, BadRequest, NetworkError) as err:
        log.warning("broadcast %s: report not sent: %s", b.id, err)


def spawn(application: App, broadcast_id: int) -> None:
    """Run the sender for a broadcast in the background (once per broadcast)."""
    running = _TASKS.get(broadcast_id)
    if running is not None and not running.done():
        return
    task = asyncio.get_running_loop().create_task(run_broadcast(application, broadcast_id),
                                                  name=f"broadcast-{broadcast_id}")  # fmt: skip
    _TASKS[broadcast_id] = task
    task.add_done_callback(lambda t: _done(broadcast_id, t))


def _done(broadcast_id: int, task: asyncio.Task[None]) -> None:
    if _TASKS.get(broadcast_id) is task:
        del _TASKS[broadcast_id]
    if not task.cancelled() and task.exception() is not None:
        log.error("broadcast %s failed", broadcast_id, exc_info=task.exception())


async def _job(context: Context) -> None:
    job = context.job
    if job is not None and isinstance(job.data, int):
        spawn(context.application, job.data)


def schedule(application: App, broadcast_id: int, moment: dt.datetime) -> None:
    _unschedule(application, broadcast_id)
    if application.job_queue is None:
        log.error("no job queue: broadcast %s cannot be planned", broadcast_id)
        return
    application.job_queue.run_once(_job, when=moment, data=broadcast_id,
                                   name=f"broadcast-{broadcast_id}")  # fmt: skip


def _unschedule(application: App, broadcast_id: int) -> None:
    if application.job_queue is not None:
        for job in application.job_queue.get_jobs_by_name(f"broadcast-{broadcast_id}"):
            job.schedule_removal()


async def on_startup(application: App) -> None:
    """Plan the planned broadcasts again and resume any a crash left half sent."""
    store = broadcasts(cast(Services, application.bot_data["services"]))
    now = utcnow()
    for b in store.in_state("sending"):
        log.info("broadcast %s: resuming", b.id)
        spawn(application, b.id)
    for b in store.in_state("planned"):
        if b.planned_at is None or b.planned_at <= now:
            spawn(application, b.id)
        else:
            schedule(application, b.id, b.planned_at)


async def on_shutdown(application: App) -> None:
    for task in list(_TASKS.values()):
        task.cancel()


# -- wiring ----------------------------------------------------------------------------------------

_TEXT = filters.TEXT & ~filters.COMMAND
with warnings.catch_warnings():
    # per_message=False is right here: one message is written at a time per person.
    warnings.simplefilter("ignore", PTBUserWarning)
    CONVERSATION = ConversationHandler(
        entry_points=[CommandHandler("udsendelse", start),
                      CallbackQueryHandler(edit_start, pattern=r"^bd:")],
        states={
            WRITE: [MessageHandler(_TEXT | filters.Document.ALL, write)],
            CHOOSE: [CallbackQueryHandler(choose, pattern=r"^bc:")],
            WHEN: [MessageHandler(_TEXT, when)],
        },
        fallbacks=[CommandHandler("annuller", cancel),
                   CommandHandler("udsendelse", start)],
        allow_reentry=True,
        persistent=True,
        name="udsendelse",
    )  # fmt: skip

HANDLERS = [
    CONVERSATION,
    CommandHandler("udsendelser", list_broadcasts),
    CallbackQueryHandler(acknowledge, pattern=r"^bx:l:"),
    CallbackQueryHandler(list_button, pattern=r"^bx:"),
    CallbackQueryHandler(stray_button, pattern=r"^b[cd]:"),
]
