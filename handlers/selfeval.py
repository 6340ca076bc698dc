"""The quarterly self-evaluation as a conversation, for project leaders.

`/selvevaluering` shows the current round of the user's project and
municipality (deadline, state, who changed it last), then one question at a
time: typed answers for text and numbers, buttons for scales, choices and
yes/no, "Spring over" for optional questions, "Tilbage" and "Pause". When all
are answered: a summary card with a "Ret" button per answer and "Indsend".
After submitting, corrections are possible until the round closes (each
"Indsend" is a new version). `/mine_evalueringer` lists the municipality's
evaluations; `/annuller` leaves the form and keeps the draft.

The state machine lives in SQLite (`bot.evaluations`), not in memory: every
answer and the user's position are committed in one transaction before the
bot replies, so a restart or crash continues where the user was. A redelivered
update (after a crash) is recognised and not applied twice. Typed text is only
taken while the user is at a question of an active session; otherwise it goes
on to the question engine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from babel.dates import format_datetime
from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.dates import LOCALE, TZ, format_day
from bot.evaluations import Evaluation, Evaluations, Key, Session, now, today
from bot.forms import (
    Answer,
    Invalid,
    Round,
    current_round,
    format_answer,
    missing_required,
    next_question,
    next_round,
    position,
    previous_question,
    question_by_id,
    rounds_for,
    summary_lines,
    validate_answer,
)
from bot.i18n import _
from bot.model import Form, Question
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

FORM_ID = "selvevaluering"
SUMMARY_ANSWER_CHARS = 180
Rows = list[list[tuple[str, str]]]
_RUNTIME: dict[str, Evaluations] = {}


# -- shared helpers (also used by handlers.evalcoord) ---------------------------------------------


def evaluations(context: Context) -> Evaluations:
    """The evaluation store, made once per application."""
    found = context.application.bot_data.get("evaluations")
    if isinstance(found, Evaluations):
        return found
    made = Evaluations(services(context).store)
    context.application.bot_data["evaluations"] = made
    return made


def the_form(context: Context) -> Form:
    return services(context).kb.forms[FORM_ID]


def project_rounds(context: Context, project_id: str) -> list[Round]:
    return rounds_for(services(context).kb, project_id, the_form(context))


def find_round(context: Context, project_id: str, round_id: str) -> Round | None:
    return next((r for r in project_rounds(context, project_id) if r.id == round_id), None)


def moment_text(moment: dt.datetime | None) -> str:
    """'20. juni 2023 kl. 14.05' in Copenhagen time."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return format_datetime(aware.astimezone(TZ), "d. MMMM y 'kl.' HH.mm", locale=LOCALE)


def state_text(form: Form, ev: Evaluation) -> str:
    """The evaluation's state in one line (HTML, names escaped): not started, draft, submitted."""
    if not ev.started:
        return _("Not started yet.")
    if ev.state == "draft":
        answered = sum(1 for q in form.questions() if q.id in ev.answers)
        text = _("Draft – last changed by {name} {when}. {n} of {total} questions answered.")
        return text.format(
            name=esc(ev.updated_by), when=moment_text(ev.updated_at), n=answered,
            total=len(form.questions()))
    text = _("Submitted (version {version}) by {name} {when}.").format(
        version=ev.submitted_version, name=esc(ev.submitted_by), when=moment_text(ev.submitted_at))
    if ev.late:
        text += " " + _("Marked as late.")
    if ev.changed_since_submitted:
        text += " " + _("Corrected by {name} {when} – the correction is not submitted yet.").format(
            name=esc(ev.updated_by), when=moment_text(ev.updated_at))
    return text


def user_name(user: User) -> str:
    return user.first_name or str(user.id)


def start_button(context: Context, user_id: int) -> tuple[str, str]:
    """A button that starts /selvevaluering for `user_id` (used in reminders)."""
    return _("Fill in the self-evaluation"), sign(context, user_id, "se", "go")


# -- where the user is ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    user: User
    key: Key
    round_: Round


async def _where(update: Update, context: Context) -> Where | None:
    """The project leader's current round, or None after saying why there is none."""
    user = await require_role(update, context, ["projektleder"])
    if user is None:
        return None
    if not user.project or not user.kommune:
        await reply(update, _("The self-evaluation is filled in per municipality, and your "
                              "registration has no municipality. Ask your coordinator."))
        return None
    rounds = project_rounds(context, user.project)
    day = today()
    found = current_round(rounds, day)
    if found is None:
        upcoming = next_round(rounds, day)
        if upcoming is not None:
            await reply(update, _("There is no open self-evaluation round right now. The next "
                                  "one ({label}) opens {date}.").format(
                label=esc(upcoming.label), date=format_day(upcoming.opens)))
        else:
            await reply(update, _("There are no more self-evaluation rounds in this project. "
                                  "See what you submitted with /mine_evalueringer."))
        return None
    return Where(user, Key(user.project, user.kommune, found.id), found)


def _user_id(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


def _name(update: Update, context: Context) -> str:
    uid = _user_id(update)
    user = services(context).store.user(uid)
    if user is not None:
        return user_name(user)
    return update.effective_user.full_name if update.effective_user else str(uid)


# -- showing a question ------------------------------------------------------------------


def _index(form: Form, question: Question) -> int:
    return position(form, question.id)[0] - 1


def _rule(question: Question) -> str:
    if question.kind == "text" and question.max_length:
        limit = question.max_length
        return _("Write your answer (at most {limit} characters).").format(limit=limit)
    if question.kind == "number":
        return _("Write a number.")
    if question.kind == "choice" and question.multiple:
        return _("Choose one or more, then press “Done” – or type the numbers.")
    return _("Press a button – or type your answer.")


def question_text(form: Form, question: Question, ev: Evaluation) -> str:
    n, total = position(form, question.id)
    section = next(s for s in form.sections if question in s.questions)
    head = _("Question {n} of {total}").format(n=n, total=total)
    lines = [
        f"<b>{head}</b> · {esc(section.title)}",
        "",
        f"<b>{esc(question.text)}</b>",
    ]
    if question.help:
        lines.append(f"<i>{esc(question.help)}</i>")
    rule = _rule(question)
    if not question.required:
        rule += " " + _("Optional – you may skip it.")
    lines.append(esc(rule))
    if question.id in ev.answers:
        lines += ["", _("Current answer: {answer}").format(
            answer=esc(format_answer(question, ev.answers[question.id])))]
    return "\n".join(lines)


def _answer_rows(context: Context, uid: int, qi: str, question: Question,
                 session: Session) -> Rows:
    if question.kind == "scale":
        return [[(f"{k} – {question.scale_labels[k]}" if k in question.scale_labels else str(k),
                  sign(context, uid, "se", "a", qi, str(k)))] for k in range(1, 6)]
    if question.kind == "yesno":
        return [[(_("Yes"), sign(context, uid, "se", "a", qi, "ja")),
                 (_("No"), sign(context, uid, "se", "a", qi, "nej"))]]
    if question.kind == "choice" and question.multiple:
        chosen = set(session.pending.get("sel") or [])
        rows = [[(("☑ " if i in chosen else "☐ ") + c[:50],
                  sign(context, uid, "se", "t", qi, str(i)))]
                for i, c in enumerate(question.choices)]
        return [*rows, [(_("Done"), sign(context, uid, "se", "d", qi))]]
    if question.kind == "choice":
        return [[(c[:60], sign(context, uid, "se", "a", qi, str(i)))]
                for i, c in enumerate(question.choices, 1)]
    return []


def question_keyboard(context: Context, uid: int, form: Form, question: Question,
                      ev: Evaluation, session: Session) -> Rows:
    qi = str(_index(form, question))
    rows = _answer_rows(context, uid, qi, question, session)
    if question.id in ev.answers:
        rows.append([(_("Keep the answer"), sign(context, uid, "se", "k", qi))])
    nav = []
    if previous_question(form, question.id) is not None:
        nav.append((_("« Back"), sign(context, uid, "se", "b", qi)))
    if not question.required:
        nav.append((_("Skip"), sign(context, uid, "se", "s", qi)))
    nav.append((_("Pause"), sign(context, uid, "se", "p")))
    rows.append(nav)
    return rows


async def _send_question(update: Update, context: Context, session: Session, ev: Evaluation,
                         note: str | None = None) -> None:
    """Show the session's question and remember the message (its buttons go stale later)."""
    form = the_form(context)
    question = question_by_id(form, session.question_id or "")
    if question is None:
        await _send_summary(update, context, session, ev)
        return
    session = replace(session.seen(ev), active=True, updated_at=now())
    if question.kind == "choice" and question.multiple and "sel" not in session.pending:
        current = ev.answers.get(question.id)
        chosen = [i for i, c in enumerate(question.choices)
                  if isinstance(current, list) and c in current]
        session = replace(session, pending={"sel": chosen})
    text = question_text(form, question, ev)
    if note:
        text = f"{note}\n\n{text}"
    rows = question_keyboard(context, session.user_id, form, question, ev, session)
    evals = evaluations(context)
    evals.put_session(session)
    sent = await reply(update, text, keyboard(rows))
    if sent is not None:
        evals.put_session(replace(session, message_id=sent.message_id))


# -- the summary -----------------------------------------------------------------------------


def summary_text(form: Form, round_: Round | None, ev: Evaluation) -> str:
    title = _("Your answers – {form}, {round} ({kommune})").format(
        form=esc(form.title), round=esc(round_.label if round_ else ev.key.round_id),
        kommune=esc(ev.key.kommune))
    lines = [f"<b>{title}</b>", state_text(form, ev), ""]
    lines += [esc(line) for line in summary_lines(form, ev.answers, SUMMARY_ANSWER_CHARS)]
    missing = missing_required(form, ev.answers)
    if missing:
        numbers = ", ".join(str(position(form, q.id)[0]) for q in missing)
        lines += ["", _("Still missing (required): {numbers}").format(numbers=numbers)]
    elif ev.state == "submitted" and not ev.changed_since_submitted:
        lines += ["", _("Submitted. To correct an answer, press “Edit” – until the round closes.")]
    else:
        lines += ["", _("Check the answers. Press “Edit” to change one, “Submit” when done.")]
    return "\n".join(lines)


def summary_keyboard(context: Context, uid: int, form: Form, ev: Evaluation) -> Rows:
    edit = [(_("Edit {n}").format(n=i), sign(context, uid, "se", "r", str(i - 1)))
            for i in range(1, len(form.questions()) + 1)]
    rows = [edit[i:i + 4] for i in range(0, len(edit), 4)]
    if ev.state == "draft" or ev.changed_since_submitted:
        label = _("Submit correction") if ev.state == "submitted" else _("Submit")
        rows.append([(label, sign(context, uid, "se", "i", str(ev.version)))])
    rows.append([(_("Pause"), sign(context, uid, "se", "p"))])
    return rows


async def _send_summary(update: Update, context: Context, session: Session, ev: Evaluation,
                        note: str | None = None) -> None:
    form = the_form(context)
    session = replace(session.seen(ev), question_id=None, to_summary=False, pending={},
                      active=True, updated_at=now())
    evals = evaluations(context)
    evals.put_session(session)
    text = summary_text(form, find_round(context, ev.key.project_id, ev.key.round_id), ev)
    if note:
        text = f"{note}\n\n{text}"
    sent = await reply(update, text, keyboard(summary_keyboard(context, session.user_id, form, ev)))
    if sent is not None:
        evals.put_session(replace(session, message_id=sent.message_id))


async def _show(update: Update, context: Context, session: Session, ev: Evaluation,
                note: str | None = None) -> None:
    """The session's place: its question, or the summary."""
    if session.question_id is None:
        await _send_summary(update, context, session, ev, note)
    else:
        await _send_question(update, context, session, ev, note)


# -- /selvevaluering ---------------------------------------------------------------------------


def intro_text(form: Form, round_: Round, ev: Evaluation) -> str:
    head = _("<b>{form}</b> – {round}, {kommune}").format(
        form=esc(form.title), round=esc(round_.label), kommune=esc(ev.key.kommune))
    deadline = _("Deadline: {date}.").format(date=format_day(round_.deadline))
    if today() > round_.deadline:
        deadline += " " + _("The deadline has passed – you can still submit; it is marked late.")
    return "\n".join([head, deadline, state_text(form, ev), "", esc(form.intro)])


async def start(update: Update, context: Context) -> None:
    """/selvevaluering (or a reminder's button): continue where the municipality is."""
    where = await _where(update, context)
    if where is None:
        return
    evals, form = evaluations(context), the_form(context)
    ev = evals.get_or_empty(where.key)
    old = evals.session(where.user.id)
    last = old.last_message_id if old else 0
    if update.message is not None:
        last = max(last, update.message.message_id)
    session = Session(where.user.id, where.key, last_message_id=last, updated_at=now())
    await reply(update, intro_text(form, where.round_, ev))
    conflict = old.pending.get("conflict") if old is not None and old.key == where.key else None
    question = question_by_id(form, conflict.get("q", "")) if isinstance(conflict, dict) else None
    if old is not None and conflict and question is not None:  # an open conflict: ask again
        session = replace(old.seen(ev), question_id=question.id, active=True,
                          last_message_id=last, updated_at=now())
        evals.put_session(session)
        await _send_conflict(update, context, session, question, conflict.get("mine"), ev)
        return
    question = None if ev.state == "submitted" else next_question(form, ev.answers)
    await _show(update, context, replace(session, question_id=question.id if question else None),
                ev)


# -- answering ---------------------------------------------------------------------------------


def _advance(form: Form, answers: dict[str, Answer], current_id: str,
             to_summary: bool) -> Question | None:
    """After answering `current_id`: the next unanswered question after it (then from the
    start), or None for the summary."""
    if to_summary:
        return None
    questions = form.questions()
    ids = [q.id for q in questions]
    later = questions[ids.index(current_id) + 1:] if current_id in ids else []
    return next((q for q in later if q.id not in answers), None) or next_question(form, answers)


async def _close_question(update: Update, context: Context, session: Session,
                          question: Question, shown: str | None) -> None:
    """Take the buttons off the question message (and show the answer given)."""
    query = update.callback_query
    with contextlib.suppress(TelegramError):
        if query is not None and shown is not None:
            form = the_form(context)
            n, total = position(form, question.id)
            await query.edit_message_text(
                "<b>" + _("Question {n} of {total}").format(n=n, total=total) + "</b>\n"
                f"{esc(question.text)}\n✓ {esc(shown)}")
        elif session.message_id is not None and update.effective_chat is not None:
            await context.bot.edit_message_reply_markup(
                update.effective_chat.id, session.message_id, reply_markup=None)


async def _answer(update: Update, context: Context, session: Session, question: Question,
                  value: Answer, message_id: int = 0) -> None:
    """Save an answer (merging with a concurrent edit) and move on."""
    evals, form = evaluations(context), the_form(context)
    at = now()
    last = max(session.last_message_id, message_id)

    def then(ev: Evaluation, conflicts: Sequence[object]) -> Session:
        moved = replace(session.seen(ev), last_message_id=last, updated_at=at, active=True)
        if conflicts:
            return replace(moved, pending={"conflict": {"q": question.id, "mine": value}})
        nxt = _advance(form, ev.answers, question.id, session.to_summary)
        return replace(moved, question_id=nxt.id if nxt else None,
                       to_summary=session.to_summary and nxt is not None, pending={})

    result = evals.save_answer(session.key, question.id, value, base_version=session.base_version,
                               base_answers=session.base_answers, by=_name(update, context),
                               at=at, then=then)
    shown = None if result.conflicts else format_answer(question, value)
    await _close_question(update, context, session, question, shown)
    after = evals.session(session.user_id)
    if after is None:
        return
    if result.conflicts:
        await _send_conflict(update, context, after, question, value, result.evaluation)
    else:
        await _show(update, context, after, result.evaluation)


async def _send_conflict(update: Update, context: Context, session: Session,
                         question: Question, mine: Answer, ev: Evaluation) -> None:
    uid, qi = session.user_id, str(_index(the_form(context), question))
    text = _("⚠️ {name} answered this question at the same time ({when}).\n"
             "Saved now: <b>{theirs}</b>\nYour answer: <b>{mine}</b>\n"
             "Which answer should be kept?").format(
        name=esc(ev.updated_by), when=moment_text(ev.updated_at),
        theirs=esc(format_answer(question, ev.answers.get(question.id))),
        mine=esc(format_answer(question, mine)))
    rows = [[(_("Keep {name}'s answer").format(name=ev.updated_by[:30]),
              sign(context, uid, "se", "c", qi, "t"))],
            [(_("Use my answer"), sign(context, uid, "se", "c", qi, "m"))]]
    sent = await reply(update, text, keyboard(rows))
    if sent is not None:
        evaluations(context).put_session(replace(session, message_id=sent.message_id))


def _at_question(message: Message) -> Session | None:
    evals = _RUNTIME.get("evaluations")
    if evals is None or message.from_user is None:
        return None
    session = evals.active_session(message.from_user.id)
    return session if session is not None and session.question_id is not None else None


async def on_text(update: Update, context: Context) -> None:
    """A typed answer to the question the user is at."""
    message = update.message
    if message is None or message.text is None:
        return
    session = _at_question(message)
    if session is None or message.message_id <= session.last_message_id:
        return  # a redelivered update that was handled before a restart
    question = question_by_id(the_form(context), session.question_id or "")
    if question is None:
        return
    result = validate_answer(question, message.text)
    if isinstance(result, Invalid):
        evaluations(context).put_session(
            replace(session, last_message_id=message.message_id, updated_at=now()))
        await reply(update, esc(result.message))
        return
    await _answer(update, context, session, question, result.value, message.message_id)


# -- buttons -----------------------------------------------------------------------------------


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    parts = verify(context, update.effective_user.id, query.data)
    if parts is None or len(parts) < 2:
        await refuse_button(update)
        return
    action, args = parts[1], parts[2:]
    if action == "go":
        await query.answer()
        await start(update, context)
    elif action in {"r", "i"}:
        await _summary_button(update, context, action, args)
    elif action == "p":
        await _pause_button(update, context)
    else:
        await _question_button(update, context, action, args)


def _question_at(form: Form, index: str) -> Question | None:
    questions = form.questions()
    return questions[int(index)] if index.isdigit() and int(index) < len(questions) else None


async def _question_button(update: Update, context: Context, action: str,
                           args: list[str]) -> None:
    """Answer, skip, keep, back, multiple-choice toggles and conflicts, at the current question."""
    query = update.callback_query
    assert query is not None
    form, evals = the_form(context), evaluations(context)
    session = evals.session(_user_id(update))
    question = _question_at(form, args[0]) if args else None
    if session is None or question is None or session.question_id != question.id:
        if not await _replayed(update, context, session, question, action, args):
            await refuse_button(update)
        return
    ev = evals.get_or_empty(session.key)
    if action == "a" and len(args) == 2:
        result = validate_answer(question, args[1])
        if isinstance(result, Invalid):
            await refuse_button(update)
            return
        await query.answer()
        await _answer(update, context, session, question, result.value)
    elif action == "s" and not question.required:
        await query.answer()
        await _answer(update, context, session, question, None)
    elif action == "k":
        await query.answer()
        await _close_question(update, context, session, question,
                              format_answer(question, ev.answers.get(question.id)))
        nxt = _advance(form, ev.answers, question.id, session.to_summary)
        await _show(update, context, replace(session, question_id=nxt.id if nxt else None,
                                             to_summary=session.to_summary and nxt is not None,
                                             pending={}), ev)
    elif action == "b":
        await _back(update, context, session, question, ev)
    elif action in {"t", "d"} and question.kind == "choice" and question.multiple:
        await _multiple(update, context, session, question, action, args)
    elif action == "c" and len(args) == 2 and session.pending.get("conflict"):
        await query.answer()
        await _resolve(update, context, session, question, args[1], ev)
    else:
        await refuse_button(update)


async def _replayed(update: Update, context: Context, session: Session | None,
                    question: Question | None, action: str, args: list[str]) -> bool:
    """A press handled before a restart, redelivered: the answer is already stored. Say nothing."""
    if session is None or question is None or action != "a" or len(args) != 2:
        return False
    result = validate_answer(question, args[1])
    stored = evaluations(context).get_or_empty(session.key).answers
    if isinstance(result, Invalid) or stored.get(question.id, object()) != result.value:
        return False
    assert update.callback_query is not None
    await update.callback_query.answer()
    return True


async def _back(update: Update, context: Context, session: Session, question: Question,
                ev: Evaluation) -> None:
    assert update.callback_query is not None
    before = previous_question(the_form(context), question.id)
    if before is None:
        await refuse_button(update)
        return
    await update.callback_query.answer()
    await _close_question(update, context, session, question, None)
    await _send_question(update, context, replace(session, question_id=before.id,
                                                  to_summary=False, pending={}), ev)


async def _multiple(update: Update, context: Context, session: Session, question: Question,
                    action: str, args: list[str]) -> None:
    """Toggle a choice (the selection is kept in the session), or save it with "Done"."""
    query = update.callback_query
    assert query is not None
    chosen = [int(i) for i in session.pending.get("sel") or []]
    if action == "t":
        if len(args) != 2 or not args[1].isdigit() or int(args[1]) >= len(question.choices):
            await refuse_button(update)
            return
        i = int(args[1])
        chosen = sorted(set(chosen) ^ {i})
        session = replace(session, pending={"sel": chosen}, updated_at=now())
        evaluations(context).put_session(session)
        await query.answer()
        ev = evaluations(context).get_or_empty(session.key)
        rows = question_keyboard(context, session.user_id, the_form(context), question, ev, session)
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(keyboard(rows))
        return
    value: Answer = [question.choices[i] for i in sorted(chosen)]
    if not value:
        if question.required:
            await query.answer(_("Choose at least one."), show_alert=True)
            return
        value = None
    await query.answer()
    await _answer(update, context, session, question, value)


async def _resolve(update: Update, context: Context, session: Session, question: Question,
                   choice: str, ev: Evaluation) -> None:
    """The user chose between the stored answer ("t") and their own ("m")."""
    mine = session.pending["conflict"].get("mine")
    session = replace(session.seen(ev), pending={})
    if choice == "m":
        await _answer(update, context, session, question, mine)
        return
    await _close_question(update, context, session, question, None)
    nxt = _advance(the_form(context), ev.answers, question.id, session.to_summary)
    await _show(update, context, replace(session, question_id=nxt.id if nxt else None,
                                         to_summary=session.to_summary and nxt is not None), ev)


async def _pause_button(update: Update, context: Context) -> None:
    assert update.callback_query is not None
    session = evaluations(context).session(_user_id(update))
    if session is None:
        await refuse_button(update)
        return
    await update.callback_query.answer()
    await _pause(update, context, session)
    with contextlib.suppress(TelegramError):
        await update.callback_query.edit_message_reply_markup(None)


async def _pause(update: Update, context: Context, session: Session) -> None:
    evaluations(context).put_session(replace(session, active=False, updated_at=now()))
    await reply(update, _("Paused. Everything you have answered is saved. Continue whenever you "
                          "like – also in a few days – with /selvevaluering."))


async def _summary_button(update: Update, context: Context, action: str,
                          args: list[str]) -> None:
    """"Ret" (edit one answer) and "Indsend" (submit) on the summary card."""
    query = update.callback_query
    assert query is not None
    where = await _where(update, context)
    if where is None:
        await query.answer()
        return
    evals = evaluations(context)
    session = evals.session(where.user.id)
    if session is None or session.key != where.key or not args or not args[0].isdigit():
        await refuse_button(update, _("That round is closed or the button is outdated. "
                                      "Send /selvevaluering to see where you are."))
        return
    await query.answer()
    ev = evals.get_or_empty(where.key)
    if action == "r":
        question = _question_at(the_form(context), args[0])
        if question is None:
            await refuse_button(update)
            return
        await _send_question(update, context, replace(session, question_id=question.id,
                                                      to_summary=True, pending={}), ev)
        return
    await _submit(update, context, where, session, ev, int(args[0]))


# -- submitting --------------------------------------------------------------------------------


async def _submit(update: Update, context: Context, where: Where, session: Session,
                  ev: Evaluation, version: int) -> None:
    form, evals = the_form(context), evaluations(context)
    missing = missing_required(form, ev.answers)
    if missing:
        note = _("Some required questions are not answered yet.")
        await _send_question(update, context, replace(session, question_id=missing[0].id,
                                                      to_summary=False), ev, esc(note))
        return
    at = now()
    result = evals.submit(
        where.key, expected_version=version, round_=where.round_, by=user_name(where.user), at=at,
        then=lambda saved: replace(session.seen(saved), question_id=None, active=False,
                                   updated_at=at))
    current = result.evaluation or ev
    if result.outcome == "changed":
        note = _("{name} changed the answers in the meantime. Check them and press "
                 "“Submit” again.").format(name=esc(current.updated_by))
        await _send_summary(update, context, session, current, note)
        return
    if result.outcome != "submitted":
        await reply(update, state_text(form, current))
        return
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.edit_message_reply_markup(None)
    await reply(update, _confirmation(where.round_, current))
    await _notify_coordinators(context, where.round_, current)


def _confirmation(round_: Round, ev: Evaluation) -> str:
    lines = [_("Thank you – the self-evaluation for {round} is submitted (version {version}).")
             .format(round=esc(round_.label), version=ev.submitted_version)]
    if ev.late:
        lines.append(_("It is marked late: the deadline was {date}.").format(
            date=format_day(round_.deadline)))
    lines += [
        _("What happens next: the project team at Socialstyrelsen has been notified and "
          "uses your answers in the follow-up on the implementation."),
        _("You can correct the answers until the round closes: send /selvevaluering. "
          "See what you have submitted with /mine_evalueringer."),
    ]
    return "\n\n".join(lines)


async def _notify_coordinators(context: Context, round_: Round, ev: Evaluation) -> None:
    evals = evaluations(context)
    text = _("📬 {kommune} has submitted the self-evaluation for {round} (version {version}, "
             "by {name}).").format(kommune=esc(ev.key.kommune), round=esc(round_.label),
                                   version=ev.submitted_version, name=esc(ev.submitted_by))
    if ev.late:
        text += " " + _("Marked as late.")
    text += "\n" + _("Overview: /status · Files: /eksport")
    for coordinator in evals.coordinators(ev.key.project_id):
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(coordinator.id, text)


# -- /mine_evalueringer and /annuller ---------------------------------------------------------


def _listing_line(form: Form, round_: Round | None, ev: Evaluation) -> str:
    label = round_.label if round_ else ev.key.round_id
    if ev.submitted_version:
        line = _("<b>{round}</b>: submitted, version {version}, by {name} {when}").format(
            round=esc(label), version=ev.submitted_version, name=esc(ev.submitted_by),
            when=moment_text(ev.submitted_at))
        if ev.late:
            line += " ⏰ " + _("late")
        if ev.changed_since_submitted:
            line += " · " + _("correction not submitted yet")
        return line
    answered = sum(1 for q in form.questions() if q.id in ev.answers)
    return _("<b>{round}</b>: draft, last changed by {name} {when} ({n} of {total} "
             "answered)").format(round=esc(label), name=esc(ev.updated_by),
                                 when=moment_text(ev.updated_at), n=answered,
                                 total=len(form.questions()))


async def my_evaluations(update: Update, context: Context) -> None:
    """/mine_evalueringer: the municipality's evaluations, round by round."""
    user = await require_role(update, context, ["projektleder"])
    if user is None:
        return
    if not user.project or not user.kommune:
        await reply(update, _("Your registration has no municipality. Ask your coordinator."))
        return
    form = the_form(context)
    rounds = {r.id: r for r in project_rounds(context, user.project)}
    found = [e for e in evaluations(context).for_kommune(user.project, user.kommune)
             if e.started]
    if not found:
        await reply(update, _("{kommune} has no self-evaluations yet. Start with "
                              "/selvevaluering.").format(kommune=esc(user.kommune)))
        return
    order = list(rounds)
    found.sort(key=lambda e: order.index(e.key.round_id) if e.key.round_id in order else 0)
    lines = [_("<b>Self-evaluations for {kommune}</b>").format(kommune=esc(user.kommune))]
    lines += [_listing_line(form, rounds.get(e.key.round_id), e) for e in found]
    await reply(update, "\n".join(lines))


async def cancel(update: Update, context: Context) -> None:
    """/annuller while filling in: leave the form, keep the draft."""
    session = evaluations(context).session(_user_id(update))
    if session is None:
        return
    if session.message_id is not None and update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_reply_markup(
                update.effective_chat.id, session.message_id, reply_markup=None)
    evaluations(context).put_session(replace(session, active=False, updated_at=now()))
    await reply(update, _("Cancelled. Your answers are kept as a draft – continue with "
                          "/selvevaluering."))


# -- wiring ------------------------------------------------------------------------------------


class _InSession(filters.MessageFilter):
    """Messages from a user in an active self-evaluation (at a question, if `at_question`)."""

    def __init__(self, at_question: bool) -> None:
        super().__init__(name=f"InSelfEvaluation(at_question={at_question})")
        self.at_question = at_question

    def filter(self, message: Message) -> bool:
        if self.at_question:
            return _at_question(message) is not None
        evals = _RUNTIME.get("evaluations")
        if evals is None or message.from_user is None:
            return False
        session = evals.session(message.from_user.id)
        return session is not None and session.active


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Create the tables and let the message filters see the sessions."""
    svc = application.bot_data["services"]
    made = Evaluations(svc.store)
    application.bot_data["evaluations"] = made
    _RUNTIME["evaluations"] = made


HANDLERS = [
    CommandHandler("selvevaluering", start),
    CommandHandler("mine_evalueringer", my_evaluations),
    CommandHandler("annuller", cancel, filters=_InSession(at_question=False)),
    MessageHandler(
        filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
        & _InSession(at_question=True),
        on_text,
    ),
    CallbackQueryHandler(on_button, pattern=r"^se:"),
]
