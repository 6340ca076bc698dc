"""The self-evaluation for coordinators: /status, reminders and /eksport.

`/status` shows, for one round of the coordinator's project (the current one
first, with buttons to the rounds before and after), which municipalities
have submitted (late ones marked), have a draft, or have not started. The
municipalities are those of the project's registered project leaders (plus any
that already have an evaluation). A button reminds the project leaders of every
municipality that has not submitted; each gets a button that starts
/selvevaluering.

`/eksport` (optionally `/eksport ROUND`) offers Word, Excel and CSV and sends
the submitted evaluations (the latest version of each) as a file made by
`bot.export`.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.dates import format_day
from bot.evaluations import Evaluation, today
from bot.forms import Round, current_round
from bot.i18n import _
from bot.store import User
from handlers.common import (
    Context,
    esc,
    keyboard,
    refuse_button,
    reply,
    require_role,
    services,
    sign,
    verify,
)
from handlers.selfeval import (
    evaluations,
    find_round,
    moment_text,
    project_rounds,
    start_button,
    state_text,
    the_form,
)

FORMAT_LABELS = {"docx": "Word", "xlsx": "Excel", "csv": "CSV"}
Rows = list[list[tuple[str, str]]]


async def _coordinator(update: Update, context: Context) -> User | None:
    user = await require_role(update, context, ["koordinator"])
    if user is not None and user.project is None:
        await reply(update, _("You are not attached to a project yet."))
        return None
    return user


def default_round(rounds: list[Round]) -> Round | None:
    """The round to show first: the current one, else the latest that has opened."""
    day = today()
    found = current_round(rounds, day)
    if found is not None:
        return found
    opened = [r for r in rounds if r.opens <= day]
    return opened[-1] if opened else (rounds[0] if rounds else None)


# -- /status ---------------------------------------------------------------------------------


def _groups(context: Context, project_id: str, round_: Round) -> tuple[
    list[Evaluation], list[Evaluation], list[str]
]:
    """(submitted, drafts, not started) for one round."""
    evals = evaluations(context)
    found = {e.key.kommune: e for e in evals.for_project(project_id, round_.id) if e.started}
    names = sorted(set(evals.municipalities(project_id)) | set(found), key=str.casefold)
    submitted = [found[n] for n in names if n in found and found[n].submitted_version]
    drafts = [found[n] for n in names if n in found and not found[n].submitted_version]
    return submitted, drafts, [n for n in names if n not in found]


def _round_open(round_: Round, rounds: list[Round]) -> bool:
    return current_round(rounds, today()) == round_


def status_text(context: Context, project_id: str, round_: Round, rounds: list[Round]) -> str:
    submitted, drafts, missing = _groups(context, project_id, round_)
    project = services(context).kb.projects[project_id]
    state = _("open") if _round_open(round_, rounds) else _("closed")
    if _round_open(round_, rounds) and today() > round_.deadline:
        state = _("open for late submissions")
    if today() < round_.opens:
        state = _("not open yet")
    lines = [
        _("<b>Self-evaluation – {project}, {round}</b>").format(
            project=esc(project.short_name), round=esc(round_.label)),
        _("Deadline: {date} (round {state}).").format(date=format_day(round_.deadline),
                                                      state=state),
        "",
        _("✅ Submitted ({n}):").format(n=len(submitted)),
    ]
    for e in submitted:
        late = " ⏰ " + _("late") if e.late else ""
        lines.append(f"  • {esc(e.key.kommune)} – " + _("version {version}, {when}").format(
            version=e.submitted_version, when=moment_text(e.submitted_at)) + late)
    lines.append(_("✏️ Draft ({n}):").format(n=len(drafts)))
    form = the_form(context)
    lines += [f"  • {esc(e.key.kommune)} – {state_text(form, e)}" for e in drafts]
    lines.append(_("⬜ Not started ({n}):").format(n=len(missing)))
    lines += [f"  • {esc(name)}" for name in missing]
    if not (submitted or drafts or missing):
        lines += ["", _("No project leaders with a municipality are registered yet.")]
    return "\n".join(lines)


def status_keyboard(context: Context, uid: int, project_id: str, round_: Round,
                    rounds: list[Round]) -> Rows:
    rows: Rows = []
    _submitted, drafts, missing = _groups(context, project_id, round_)
    if (drafts or missing) and _round_open(round_, rounds):
        rows.append([(_("Remind those missing ({n})").format(n=len(drafts) + len(missing)),
                      sign(context, uid, "ec", "rm", round_.id))])
    ids = [r.id for r in rounds]
    i = ids.index(round_.id)
    nav = []
    if i > 0:
        nav.append((_("« {label}").format(label=rounds[i - 1].label),
                    sign(context, uid, "ec", "st", rounds[i - 1].id)))
    if i + 1 < len(rounds) and rounds[i + 1].opens <= today():
        nav.append((_("{label} »").format(label=rounds[i + 1].label),
                    sign(context, uid, "ec", "st", rounds[i + 1].id)))
    if nav:
        rows.append(nav)
    return rows


async def status(update: Update, context: Context) -> None:
    """/status: who has submitted the current round."""
    user = await _coordinator(update, context)
    if user is None or user.project is None:
        return
    rounds = project_rounds(context, user.project)
    round_ = default_round(rounds)
    if round_ is None:
        await reply(update, _("This project has no self-evaluation rounds."))
        return
    await reply(update, status_text(context, user.project, round_, rounds),
                keyboard(status_keyboard(context, user.id, user.project, round_, rounds)))


async def _remind(context: Context, project_id: str, round_: Round) -> tuple[int, int]:
    """Message the project leaders of every municipality that has not submitted.

    Returns (people reached, municipalities)."""
    _submitted, drafts, missing = _groups(context, project_id, round_)
    evals, form = evaluations(context), the_form(context)
    targets: dict[str, Evaluation | None] = {e.key.kommune: e for e in drafts}
    targets.update({name: None for name in missing})
    people = 0
    for kommune, ev in targets.items():
        state = state_text(form, ev) if ev is not None else _("Not started yet.")
        text = _("⏰ Reminder: the self-evaluation for {round} ({kommune}) is due {date}.").format(
            round=esc(round_.label), kommune=esc(kommune), date=format_day(round_.deadline))
        for leader in evals.leaders(project_id, kommune):
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(leader.id, f"{text}\n{state}",
                                               reply_markup=keyboard([[start_button(context,
                                                                                    leader.id)]]))
                people += 1
    return people, len(targets)


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    parts = verify(context, update.effective_user.id, query.data)
    if parts is None or len(parts) < 3:
        await refuse_button(update)
        return
    user = await _coordinator(update, context)
    if user is None or user.project is None:
        await query.answer()
        return
    action, arg = parts[1], parts[2]
    if action == "x" and arg in FORMAT_LABELS:
        await query.answer()
        await _send_export(update, context, user.project, arg, parts[3] if len(parts) > 3 else None)
        return
    rounds = project_rounds(context, user.project)
    round_ = find_round(context, user.project, arg)
    if round_ is None or action not in {"st", "rm"}:
        await refuse_button(update)
        return
    await query.answer()
    if action == "rm":
        people, places = await _remind(context, user.project, round_)
        await reply(update, _("Reminder sent to {people} project leaders in {places} "
                              "municipalities.").format(people=people, places=places))
        return
    text = status_text(context, user.project, round_, rounds)
    rows = keyboard(status_keyboard(context, user.id, user.project, round_, rounds))
    try:
        await query.edit_message_text(text, reply_markup=rows)
    except BadRequest:
        await reply(update, text, rows)


# -- /eksport ----------------------------------------------------------------------------------


async def export(update: Update, context: Context) -> None:
    """/eksport [ROUND]: choose Word, Excel or CSV."""
    user = await _coordinator(update, context)
    if user is None or user.project is None:
        return
    round_id = context.args[0] if context.args else None
    if round_id is not None and find_round(context, user.project, round_id) is None:
        known = ", ".join(r.id for r in project_rounds(context, user.project))
        await reply(update, _("Unknown round “{id}”. Rounds: {known}").format(
            id=esc(round_id[:20]), known=esc(known)))
        return
    extra = [round_id] if round_id else []
    rows = [[(label, sign(context, user.id, "ec", "x", fmt, *extra))
             for fmt, label in FORMAT_LABELS.items()]]
    count = len(evaluations(context).submissions(user.project, round_id))
    await reply(update, _("Export {n} submitted self-evaluations as:").format(n=count),
                keyboard(rows))


async def _send_export(update: Update, context: Context, project_id: str, fmt: str,
                       round_id: str | None) -> None:
    submissions = evaluations(context).submissions(project_id, round_id)
    if not submissions:
        await reply(update, _("No self-evaluations have been submitted yet."))
        return
    name = f"selvevaluering-{project_id}{'-' + round_id if round_id else ''}.{fmt}"
    chat = update.effective_chat
    if chat is None:
        return
    from bot import export as exports  # imported when needed: python-docx/openpyxl are slow

    writer = {"docx": exports.export_docx, "xlsx": exports.export_xlsx,
              "csv": exports.export_csv}[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        path = writer(services(context).kb, the_form(context), submissions,
                              Path(tmp) / name)
        with path.open("rb") as fh:
            await chat.send_document(fh, filename=name, caption=_(
                "{n} submitted self-evaluations ({format}).").format(
                n=len(submissions), format=FORMAT_LABELS[fmt]))


HANDLERS = [
    CommandHandler("status", status),
    CommandHandler("eksport", export),
    CallbackQueryHandler(on_button, pattern=r"^ec:"),
]
