"""The scheduling side of the reminders: JobQueue jobs that send what the planner
says, exactly once.

Planning passes
    At start (`on_startup`), every `PLAN_INTERVAL` (10 minutes), after
    `/paamindelser` and after `/genindlaes`, `replan` reads the users, their
    preferences, the ids already sent and the self-evaluation rounds from
    SQLite, calls `scheduler.planner.plan` for ``[now - MISFIRE_GRACE, now +
    HORIZON]`` and makes one ``run_once`` job per reminder, named by the
    reminder id. Jobs are never pickled: a restart simply plans again from the
    database. Jobs that the new plan no longer holds (muted, data changed) are
    removed. A reminder whose due time passed during a short outage is still in
    the window (misfire grace, 1 hour) and goes out at once.

Sending (`Deliverer.deliver`)
    Reminders go out one at a time (the rate limiter paces them anyway). Right
    before a send, the reminder id is claimed in ``reminder_log`` (see
    `scheduler.ledger`); after the send it is marked ``sent``. A claim is
    given to one caller only, so overlapping passes, a retry or a restart never
    send twice. Nothing is sent once its event has started, nor later than the
    misfire grace, nor to an inactive or muted user. Outcomes:

    * Forbidden (the user blocked the bot): the user is marked inactive
      (``blocked``) and the reminder dropped — never retried.
    * RetryAfter (after the rate limiter's own retries) and network errors: the
      claim is released and the reminder tried again after a short delay and
      by every later pass, while it is still in its window. A network error may
      come after Telegram took the message (a time-out, a 502), so the chat is
      looked at first (`bot.outbox`): found, it is marked sent.
    * BadRequest: dropped (it would fail the same way again).
    * A run that dies between claim and "sent" leaves a claim; after
      `CLAIM_TIMEOUT` a later run takes it again. Its message may have arrived
      (Telegram has no idempotency key), so the new run first looks for it in
      the chat (`bot.outbox.look_for`): found, it is marked sent; absent, it
      is sent. Only when the chat cannot be looked at is it sent regardless
      (at least once: a lost reminder is worse than a doubled one). A normal
      stop (SIGTERM) waits for the send in progress.

Changed data
    `/genindlaes` (and a start whose data differ from the last one seen, kept
    in ``reminder_data``) compares the old and new knowledge with
    `planner.changes` and stores the "Ændret: …" reminders in
    ``reminder_pending``; they go out through the same claim/sent machinery.

Controllable clock
    ``PROJEKTBOT_NOW`` (an ISO datetime, e.g. ``2022-01-19T08:59:58+01:00``; a
    time without offset is Copenhagen time) makes the scheduler's "now" that
    moment plus the real time elapsed since the process started (since this
    module was imported), so a test can start the bot just before a reminder is
    due. Only the scheduling side reads it; everything else uses the real clock.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import secrets
import tempfile
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, CallbackContext, Job, JobQueue
from telegram.warnings import PTBDeprecationWarning

from bot import outbox
from bot.clock import now as clock_now
from bot.dates import TZ
from bot.loader import DataErrors, Knowledge, load_knowledge
from bot.store import Store
from handlers.delivery import look_for
from scheduler.ledger import CLAIMED, Ledger, data_files, recipients, rounds, submitted_rounds
from scheduler.planner import (
    DEFAULT_GRACE,
    PROJECT_LEADER,
    Change,
    Recipient,
    Reminder,
    changes,
    plan,
    plan_changes,
)

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
Send = Callable[[Reminder], Awaitable[None]]
# Whether a reminder whose run died arrived, looking above a chat mark: True, False, or
# None (unknown).
Look = Callable[[Reminder, int], Awaitable[bool | None]]

PLAN_INTERVAL = dt.timedelta(minutes=10)
HORIZON = dt.timedelta(hours=1)  # > PLAN_INTERVAL: each pass overlaps the next
MISFIRE_GRACE = DEFAULT_GRACE  # 1 hour
CLAIM_TIMEOUT = dt.timedelta(minutes=5)
RETRY_DELAY = dt.timedelta(seconds=60)
MAX_TEXT = 4000
STATE_KEY = "reminders"
REPLAN_JOB = "reminders:replan"



# -- delivery: claim → send → sent, exactly once ------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    status: str  # sent, found (had arrived before a crash), taken, late, unwanted, blocked,
    # dropped, retry
    retry_in: dt.timedelta | None = None


def _retry_after(exc: RetryAfter) -> dt.timedelta:
    with warnings.catch_warnings():  # PTB 22 warns that the type becomes timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value if isinstance(value, dt.timedelta) else dt.timedelta(seconds=float(value))


@dataclass
class Deliverer:
    """Sends reminders through `send`, recording each under its id (see the module)."""

    ledger: Ledger
    clock: Callable[[], dt.datetime] = clock_now
    run: str = field(default_factory=lambda: secrets.token_hex(6))
    grace: dt.timedelta = MISFIRE_GRACE
    claim_timeout: dt.timedelta = CLAIM_TIMEOUT
    in_flight: set[str] = field(default_factory=set)
    _one_at_a_time: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    def on_time(self, reminder: Reminder, now: dt.datetime) -> bool:
        """Not after its event has started, not later than the misfire grace."""
        if reminder.event_at is not None and now >= reminder.event_at:
            return False
        return reminder.due_at >= now - self.grace

    def wanted(self, reminder: Reminder) -> bool:
        """The user is still active and still wants this kind of reminder."""
        user = self.ledger.store.user(reminder.user_id)
        if user is None or not user.active:
            return False
        prefs = self.ledger.preferences(reminder.user_id)
        return not prefs.muted and reminder.kind in prefs.kinds

    async def deliver(self, reminder: Reminder, send: Send, look: Look | None = None
                      ) -> Outcome:  # fmt: skip
        """Send one at a time: the time between Telegram accepting a message and its
        "sent" mark (the only moment a crash can double one) stays a few ms."""
        if reminder.id in self.in_flight:
            return Outcome("taken")
        self.in_flight.add(reminder.id)
        try:
            async with self._one_at_a_time:
                return await self._claim_and_send(reminder, send, look)
        finally:
            self.in_flight.discard(reminder.id)

    async def _claim_and_send(self, reminder: Reminder, send: Send, look: Look | None
                              ) -> Outcome:  # fmt: skip
        now = self.clock()
        if not self.on_time(reminder, now):
            return Outcome("late")
        if not self.wanted(reminder):
            return Outcome("unwanted")
        claim = self.ledger.claim(reminder, now, self.run, self.claim_timeout)
        if claim is None:
            return Outcome("taken", self._stale_in(reminder, now))
        if claim.in_doubt and claim.probe_from is not None and look is not None:
            arrived = await look(reminder, claim.probe_from)
            log.info("reminder %s was in doubt: %s", reminder.id,
                     {True: "found", False: "absent", None: "unknown"}[arrived])  # fmt: skip
            if arrived:
                self.ledger.mark_sent(reminder.id, self.clock())
                return Outcome("found")
        return await self._send(reminder, send, look)

    def _stale_in(self, reminder: Reminder, now: dt.datetime) -> dt.timedelta | None:
        """When another run's unfinished claim may be taken over (None: it was sent,
        dropped, or is ours)."""
        entry = self.ledger.entry(reminder.id)
        if entry is None or entry.status != CLAIMED or entry.run == self.run \
                or entry.claimed_at is None:
            return None
        return entry.claimed_at + self.claim_timeout - now + dt.timedelta(seconds=1)

    async def _send(self, reminder: Reminder, send: Send, look: Look | None) -> Outcome:
        try:
            await send(reminder)
        except Forbidden:
            self.ledger.drop(reminder.id, "blocked", self.clock())
            self.ledger.store.set_active(reminder.user_id, False, "blocked")
            log.info("user %s blocked the bot; marked inactive", reminder.user_id)
            return Outcome("blocked")
        except RetryAfter as exc:
            wait = _retry_after(exc)
            return self._retry(reminder, f"retry after {wait}", wait + dt.timedelta(seconds=1))
        except BadRequest as exc:
            self.ledger.drop(reminder.id, f"bad request: {exc.message}", self.clock())
            log.warning("reminder %s dropped: %s", reminder.id, exc.message)
            return Outcome("dropped")
        except NetworkError as exc:  # also a time-out: it may have arrived
            if await self._arrived(reminder, look):
                self.ledger.mark_sent(reminder.id, self.clock())
                return Outcome("found")
            return self._retry(reminder, f"network: {exc.message}", RETRY_DELAY)
        except Exception as exc:  # a bug or an unknown Telegram error: try again later
            log.exception("reminder %s failed", reminder.id)
            return self._retry(reminder, repr(exc), RETRY_DELAY)
        self.ledger.mark_sent(reminder.id, self.clock())
        return Outcome("sent")

    async def _arrived(self, reminder: Reminder, look: Look | None) -> bool:
        """Whether a send whose answer was lost arrived after all (False: unknown)."""
        mark = self.ledger.mark(reminder.id)
        if look is None or mark is None:
            return False
        return bool(await look(reminder, mark))

    def _retry(self, reminder: Reminder, reason: str, delay: dt.timedelta) -> Outcome:
        self.ledger.release(reminder.id, self.run)
        log.info("reminder %s not sent (%s); trying again later", reminder.id, reason)
        return Outcome("retry", delay)


def _markup(reminder: Reminder) -> InlineKeyboardMarkup | None:
    if reminder.button is None:
        return None
    label, data = reminder.button
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def _text(reminder: Reminder) -> str:
    return html.escape(reminder.text[:MAX_TEXT], quote=False)


def telegram_send(bot: Bot) -> Send:
    """Send a reminder as an HTML-escaped message with its button, if any."""

    async def send(reminder: Reminder) -> None:
        await bot.send_message(reminder.user_id, _text(reminder), reply_markup=_markup(reminder))

    return send


def telegram_look(bot: Bot, store: Store) -> Look:
    """Look for a reminder's message in its chat (`bot.outbox.look_for`)."""

    async def look(reminder: Reminder, after: int) -> bool | None:
        found = await look_for(bot, store, reminder.user_id, after, _text(reminder),
                                      _markup(reminder))  # fmt: skip
        return None if found.state == outbox.UNKNOWN else found.state == outbox.FOUND

    return look


# -- planning ----------------------------------------------------------------------------------


def due_reminders(
    kb: Knowledge, store: Store, ledger: Ledger, now: dt.datetime,
    horizon: dt.timedelta = HORIZON, grace: dt.timedelta = MISFIRE_GRACE,
    users: Sequence[Recipient] | None = None,
) -> list[Reminder]:
    """What the planner says is due in ``[now - grace, now + horizon]`` and not yet
    sent, plus the stored change reminders in that window."""
    done = ledger.done_ids(now - grace)
    planned = plan(
        now, kb, recipients(store, kb) if users is None else users,
        ledger.all_preferences(), done, horizon=horizon, rounds=rounds(kb),
        submitted=submitted_rounds(store), misfire_grace=grace,
    )
    pending = [r for r in ledger.pending(now - grace, now + horizon)
               if r.id not in done and (r.event_at is None or now < r.event_at)]
    return sorted(planned + pending, key=lambda r: (r.due_at, r.id))


def preview(
    kb: Knowledge, store: Store, start: dt.datetime, end: dt.datetime,
    project: str | None = None,
) -> list[Reminder]:
    """The reminders due from `start` to `end` for the registered users (or, when
    there are none, one hypothetical project leader per project, user id 0),
    leaving out those already sent. Nothing is sent or written but the tables."""
    ledger = Ledger(store)
    users = recipients(store, kb, project)
    if not users:
        users = [Recipient(0, pid, PROJECT_LEADER) for pid in kb.projects
                 if project in (None, pid)]
    done = ledger.done_ids(start)
    out = plan(start, kb, users, ledger.all_preferences(), done, horizon=end - start,
               rounds=rounds(kb), submitted=submitted_rounds(store),
               misfire_grace=dt.timedelta(0))
    pending = [r for r in ledger.pending(start, end) if r.id not in done
               and project in (None, r.project)]
    return sorted(out + pending, key=lambda r: (r.due_at, r.id))


def reminder_json(reminder: Reminder) -> dict[str, Any]:
    """A reminder as plain JSON data (for `python -m bot reminders --json`)."""
    return {
        "id": reminder.id,
        "user_id": reminder.user_id,
        "project": reminder.project,
        "kind": reminder.kind,
        "due_at": reminder.due_at.isoformat(),
        "due_local": reminder.due_at.astimezone(TZ).isoformat(),
        "event_at": reminder.event_at.isoformat() if reminder.event_at else None,
        "text": reminder.text,
        "button": list(reminder.button) if reminder.button else None,
    }


# -- the JobQueue ------------------------------------------------------------------------------


@dataclass
class Reminders:
    """The scheduling side's state, kept in ``bot_data["reminders"]``."""

    ledger: Ledger
    deliverer: Deliverer
    clock: Callable[[], dt.datetime]


def state(application: App) -> Reminders:
    found = application.bot_data.get(STATE_KEY)
    if not isinstance(found, Reminders):
        raise RuntimeError("the reminders start in on_startup")
    return found


def _knowledge(application: App) -> tuple[Knowledge, Store]:
    svc = application.bot_data["services"]
    return svc.kb, svc.store


def _job_queue(application: App) -> JobQueue[Any]:
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job queue")
    return queue


async def _fire(context: CallbackContext[Any, Any, Any, Any]) -> None:
    job = context.job
    if job is None or not isinstance(job.data, Reminder):
        return
    reminder = job.data
    _kb, store = _knowledge(context.application)
    outcome = await state(context.application).deliverer.deliver(
        reminder, telegram_send(context.bot), telegram_look(context.bot, store))
    if outcome.retry_in is not None:
        _add_job(_job_queue(context.application), reminder, outcome.retry_in)


def _add_job(queue: JobQueue[Any], reminder: Reminder, delay: dt.timedelta) -> None:
    for old in _our_jobs(queue, reminder.id):
        old.schedule_removal()
    queue.run_once(_fire, when=max(0.0, delay.total_seconds()), data=reminder,
                   name=reminder.id, job_kwargs={"misfire_grace_time": None})


def _our_jobs(queue: JobQueue[Any], name: str | None = None) -> list[Job[Any]]:
    jobs = queue.jobs() if name is None else queue.get_jobs_by_name(name)
    return [j for j in jobs if j.callback is _fire and not j.removed]


def schedule(queue: JobQueue[Any], reminders: Sequence[Reminder], now: dt.datetime) -> int:
    """Make the queue hold one job per reminder (by id) and no others of ours.
    Returns how many jobs were added or changed."""
    wanted = {r.id: r for r in reminders}
    for job in _our_jobs(queue):
        if job.name not in wanted:
            job.schedule_removal()
    added = 0
    for reminder in reminders:
        if any(j.data == reminder for j in _our_jobs(queue, reminder.id)):
            continue
        _add_job(queue, reminder, reminder.due_at - now)
        added += 1
    return added


def replan(application: App) -> int:
    """One planning pass: plan from the database and (re)schedule. Returns the number
    of reminders in the window."""
    kb, store = _knowledge(application)
    rem = state(application)
    now = rem.clock()
    due = due_reminders(kb, store, rem.ledger, now)
    schedule(_job_queue(application), due, now)
    return len(due)


async def _replan_job(context: CallbackContext[Any, Any, Any, Any]) -> None:
    replan(context.application)


# -- changed data ------------------------------------------------------------------------------


def record_changes(
    store: Store, ledger: Ledger, old: Knowledge, new: Knowledge, now: dt.datetime,
) -> tuple[list[Change], list[Reminder]]:
    """Compare two versions of the data; store the "Ændret" reminders and the new
    data snapshot (one transaction). Returns the changes and the reminders made."""
    found = changes(old, new)
    done = ledger.done_ids(dt.datetime.min.replace(tzinfo=dt.UTC))
    made = plan_changes(now, found, recipients(store, new), ledger.all_preferences(), done)
    ledger.record_reload(made, data_files(new.data_dir), now)
    return found, made


def _snapshot_knowledge(files: Mapping[str, str]) -> Knowledge | None:
    """The knowledge of a stored data snapshot, or None if it no longer loads."""
    with tempfile.TemporaryDirectory(prefix="projektbot-data-") as tmp:
        for rel, content in files.items():
            path = Path(tmp) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        try:
            return load_knowledge(Path(tmp))
        except DataErrors as exc:
            log.warning("the data seen last time no longer loads: %s", exc)
            return None


def changes_since_last_start(store: Store, ledger: Ledger, kb: Knowledge,
                             now: dt.datetime) -> list[Reminder]:
    """At start: the "Ændret" reminders for what changed in data/ while the bot was
    stopped (nothing the first time: then the snapshot is only saved)."""
    files = data_files(kb.data_dir)
    saved = ledger.snapshot()
    if saved == files:
        return []
    old = _snapshot_knowledge(saved) if saved is not None else None
    if old is None:
        ledger.record_reload([], files, now)
        return []
    return record_changes(store, ledger, old, kb, now)[1]


# -- start and stop --------------------------------------------------------------------------------


async def on_startup(application: App) -> None:
    """Plan from the database (after noting changed data) and start the periodic pass."""
    if STATE_KEY in application.bot_data:  # already started
        return
    kb, store = _knowledge(application)
    ledger = Ledger(store)
    rem = Reminders(ledger, Deliverer(ledger, clock_now), clock_now)
    application.bot_data[STATE_KEY] = rem
    made = await asyncio.to_thread(changes_since_last_start, store, ledger, kb, rem.clock())
    if made:
        log.info("data changed since the last start: %d change reminders", len(made))
    count = replan(application)
    log.info("reminders planned: %d in the next %s (clock %s)", count, HORIZON,
             rem.clock().isoformat(timespec="seconds"))
    queue = _job_queue(application)
    interval = PLAN_INTERVAL.total_seconds()
    queue.run_repeating(_replan_job, interval=interval, first=interval, name=REPLAN_JOB,
                        job_kwargs={"misfire_grace_time": None, "coalesce": True})
