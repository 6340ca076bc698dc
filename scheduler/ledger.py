"""What the reminder side keeps in SQLite, and what it reads to plan.

Tables (created on first use, in the bot's one SQLite file):

``reminder_prefs``
    one row per user who changed `/paamindelser`: kinds, days before, muted.
    Users without a row get the planner's defaults.
``reminder_log``
    one row per reminder id that was claimed: ``claimed`` while it is being
    sent, then ``sent`` (never sent again) or ``dropped`` (given up for good,
    e.g. the user blocked the bot). A claim that is older than the claim
    timeout and never became ``sent`` belongs to a run that died mid-send; it
    may be claimed again, after looking for the message in the chat above the
    mark the claim noted (``probe_from``, see `bot.outbox`). The claim is taken
    in one ``BEGIN IMMEDIATE`` transaction, so two runs (or two tasks of one
    run) never both get it.
``reminder_pending``
    "Ændret: …" reminders made when the data changed, waiting to be sent
    (they are computed once, from the old and new data, so they are kept).
``reminder_data``
    the data files the last reload or start saw, to find what changed across
    a restart.

The three first tables have a ``user_id`` column, so `/mine_data` shows them
and `/slet_mig` deletes them.

Reading for the planner: `recipients` (one per membership of an active user),
`preferences`, `done_ids`, `rounds` (from `bot.forms.rounds_for`) and
`submitted_rounds` (`bot.evaluations`' table, read defensively).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.evaluations import EVALUATIONS
from bot.forms import rounds_for
from bot.loader import Knowledge
from bot.outbox import TOP_SQL
from bot.store import Store
from scheduler.planner import (
    DEFAULT_PREFERENCES,
    KINDS,
    Preferences,
    Recipient,
    Reminder,
    RoundInfo,
)

SELFEVAL_FORM = "selvevaluering"
CLAIMED, SENT, DROPPED = "claimed", "sent", "dropped"


@dataclass(frozen=True)
class Claim:
    """The right to send one reminder. `in_doubt`: a run that died held it, and its
    message may have arrived; look above `probe_from` (None: no mark was noted)."""

    in_doubt: bool = False
    probe_from: int | None = None


def iso(moment: dt.datetime) -> str:
    """UTC, to the microsecond, so that ISO strings sort like the times."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class LogEntry:
    id: str
    status: str
    claimed_at: dt.datetime | None
    run: str | None
    attempts: int
    error: str | None


class Ledger:
    """The reminder tables of one `Store`."""

    def __init__(self, store: Store):
        self.store = store
        self._ensure_tables()

    # -- tables --------------------------------------------------------------------------
    def _ensure_tables(self) -> None:
        db = self.store.db
        with self.store.lock:
            names = set(db.table_names())
            if "reminder_prefs" not in names:
                db.table("reminder_prefs").create(
                    {"user_id": int, "kinds": str, "days_before": str, "muted": int,
                     "updated_at": str}, pk="user_id", not_null={"kinds", "days_before"})
            if "reminder_log" not in names:
                db.table("reminder_log").create(
                    {"id": str, "user_id": int, "project": str, "kind": str, "due_at": str,
                     "event_at": str, "status": str, "claimed_at": str, "sent_at": str,
                     "run": str, "attempts": int, "error": str},
                    pk="id", not_null={"user_id", "status"})
                db.table("reminder_log").create_index(["due_at"])
                db.table("reminder_log").create_index(["user_id"])
            if "probe_from" not in db.table("reminder_log").columns_dict:
                db.table("reminder_log").add_column("probe_from", int)
            if "reminder_pending" not in names:
                db.table("reminder_pending").create(
                    {"id": str, "user_id": int, "project": str, "kind": str, "due_at": str,
                     "event_at": str, "text": str, "created_at": str},
                    pk="id", not_null={"user_id", "due_at", "text"})
            if "reminder_data" not in names:
                db.table("reminder_data").create({"path": str, "content": str}, pk="path")

    # -- preferences ---------------------------------------------------------------------
    def preferences(self, user_id: int) -> Preferences:
        with self.store.lock:
            rows = list(self.store.db.query(
                "select * from reminder_prefs where user_id = ?", [user_id]))
        return _prefs(rows[0]) if rows else DEFAULT_PREFERENCES

    def all_preferences(self) -> dict[int, Preferences]:
        with self.store.lock:
            rows = list(self.store.db.query("select * from reminder_prefs"))
        return {int(r["user_id"]): _prefs(r) for r in rows}

    def save_preferences(self, user_id: int, prefs: Preferences, now: dt.datetime) -> None:
        with self.store.transaction() as db:
            db.table("reminder_prefs").upsert({
                "user_id": user_id,
                "kinds": json.dumps(sorted(prefs.kinds)),
                "days_before": json.dumps(list(prefs.days_before)),
                "muted": int(prefs.muted),
                "updated_at": iso(now),
            }, pk="user_id")

    # -- the log: claim → sent / dropped -------------------------------------------------------
    def entry(self, reminder_id: str) -> LogEntry | None:
        with self.store.lock:
            rows = list(self.store.db.query(
                "select * from reminder_log where id = ?", [reminder_id]))
        if not rows:
            return None
        r = rows[0]
        return LogEntry(r["id"], r["status"], parse(r["claimed_at"]), r["run"],
                        int(r["attempts"] or 0), r["error"])

    def claim(self, reminder: Reminder, now: dt.datetime, run: str,
              timeout: dt.timedelta) -> Claim | None:
        """Take the right to send `reminder`: for exactly one caller, unless the
        claim is never marked sent and grows older than `timeout` (its run died;
        the new claim says where to look for that run's message)."""
        stale = iso(now - timeout)
        with self.store.transaction() as db:
            cur = db.execute(
                "insert or ignore into reminder_log (id, user_id, project, kind, due_at, "
                "event_at, status, claimed_at, run, attempts, probe_from) values (?, ?, ?, ?, "
                f"?, ?, ?, ?, ?, 1, {TOP_SQL})",
                [reminder.id, reminder.user_id, reminder.project, reminder.kind,
                 iso(reminder.due_at), iso(reminder.event_at) if reminder.event_at else None,
                 CLAIMED, iso(now), run, reminder.user_id])
            if cur.rowcount == 1:
                return Claim()
            rows = db.execute(
                "select probe_from from reminder_log where id = ? and status = ? and "
                "claimed_at < ?", [reminder.id, CLAIMED, stale]).fetchall()
            if not rows:
                return None
            db.execute(
                "update reminder_log set claimed_at = ?, run = ?, attempts = attempts + 1, "
                f"probe_from = {TOP_SQL} where id = ?",
                [iso(now), run, reminder.user_id, reminder.id])
            return Claim(in_doubt=True, probe_from=rows[0][0])

    def mark(self, reminder_id: str) -> int | None:
        """The chat's highest recorded message id when the reminder was claimed."""
        with self.store.lock:
            row = self.store.db.execute(
                "select probe_from from reminder_log where id = ?", [reminder_id]).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def mark_sent(self, reminder_id: str, now: dt.datetime) -> None:
        with self.store.transaction() as db:
            db.execute("update reminder_log set status = ?, sent_at = ?, error = null "
                       "where id = ?", [SENT, iso(now), reminder_id])
            db.execute("delete from reminder_pending where id = ?", [reminder_id])

    def drop(self, reminder_id: str, reason: str, now: dt.datetime) -> None:
        """Give up on a reminder for good (it is never tried again)."""
        with self.store.transaction() as db:
            db.execute("update reminder_log set status = ?, sent_at = ?, error = ? where id = ?",
                       [DROPPED, iso(now), reason[:200], reminder_id])
            db.execute("delete from reminder_pending where id = ?", [reminder_id])

    def release(self, reminder_id: str, run: str) -> None:
        """Undo our claim after a send that failed: a later pass tries again."""
        with self.store.transaction() as db:
            db.execute("delete from reminder_log where id = ? and status = ? and run = ?",
                       [reminder_id, CLAIMED, run])

    def done_ids(self, since: dt.datetime) -> set[str]:
        """Ids sent or dropped whose due time is `since` or later (older ones are out of
        every planning window anyway)."""
        with self.store.lock:
            return {r["id"] for r in self.store.db.query(
                "select id from reminder_log where status in (?, ?) and due_at >= ?",
                [SENT, DROPPED, iso(since)])}

    def statuses(self) -> dict[str, str]:
        with self.store.lock:
            return {r["id"]: r["status"] for r in self.store.db.query(
                "select id, status from reminder_log")}

    # -- pending change reminders and the data snapshot -----------------------------------------
    def pending(self, low: dt.datetime, high: dt.datetime) -> list[Reminder]:
        """Stored change reminders due between `low` and `high`."""
        with self.store.lock:
            rows = list(self.store.db.query(
                "select * from reminder_pending where due_at >= ? and due_at <= ? order by "
                "due_at, id", [iso(low), iso(high)]))
        return [Reminder(r["id"], int(r["user_id"]), _aware(r["due_at"]),
                         parse(r["event_at"]), r["kind"], r["text"], None, r["project"] or "")
                for r in rows]

    def snapshot(self) -> dict[str, str] | None:
        with self.store.lock:
            rows = list(self.store.db.query("select path, content from reminder_data"))
        return {r["path"]: r["content"] for r in rows} if rows else None

    def record_reload(self, reminders: Iterable[Reminder], files: Mapping[str, str],
                      now: dt.datetime) -> None:
        """Keep the change reminders and the new data snapshot, in one transaction."""
        with self.store.transaction() as db:
            for r in reminders:
                db.execute(
                    "insert or ignore into reminder_pending (id, user_id, project, kind, due_at, "
                    "event_at, text, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [r.id, r.user_id, r.project, r.kind, iso(r.due_at),
                     iso(r.event_at) if r.event_at else None, r.text, iso(now)])
            db.execute("delete from reminder_data")
            for path, content in sorted(files.items()):
                db.execute("insert into reminder_data (path, content) values (?, ?)",
                           [path, content])


def _aware(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _prefs(row: Mapping[str, Any]) -> Preferences:
    kinds = frozenset(k for k in json.loads(row["kinds"]) if k in KINDS)
    days = tuple(int(d) for d in json.loads(row["days_before"]) if int(d) >= 0)
    return Preferences(kinds=kinds, days_before=days or DEFAULT_PREFERENCES.days_before,
                       muted=bool(row["muted"]))


# -- what the planner reads -------------------------------------------------------------------


def recipients(store: Store, kb: Knowledge, project: str | None = None) -> list[Recipient]:
    """One recipient per membership of every active user, in projects that exist."""
    out: list[Recipient] = []
    for user in store.users(active_only=True):
        for m in user.memberships:
            if m.project in kb.projects and project in (None, m.project):
                out.append(Recipient(user.id, m.project, m.role, m.kommune, user.active))
    return out


def rounds(kb: Knowledge) -> dict[str, list[RoundInfo]]:
    """Every project's self-evaluation rounds (`bot.forms.rounds_for`)."""
    form = kb.forms.get(SELFEVAL_FORM)
    if form is None:
        return {}
    return {
        pid: [RoundInfo(pid, r.id, r.opens, r.deadline, r.label)
              for r in rounds_for(kb, pid, form)]
        for pid in kb.projects
    }


def submitted_rounds(store: Store) -> set[tuple[str, str, str]]:
    """(project, round id, kommune) that have submitted the self-evaluation.

    Reads `bot.evaluations`' table (one row per project, municipality and round,
    state ``draft`` until first submitted, then ``submitted``). Read-only and
    defensive: no table or other columns yet means nothing is submitted.
    """
    db = store.db
    with store.lock:
        if EVALUATIONS not in db.table_names():
            return set()
        columns = {c.name for c in db.table(EVALUATIONS).columns}
        if not {"project", "kommune", "round_id", "state"} <= columns:
            return set()
        rows = db.query(
            f"select distinct project, round_id, kommune from [{EVALUATIONS}] "
            "where state = 'submitted' and kommune is not null")
        return {(str(r["project"]), str(r["round_id"]), str(r["kommune"])) for r in rows}


def data_files(data_dir: Path) -> dict[str, str]:
    """The data folder's YAML files by path relative to it (what a reload compares)."""
    root = Path(data_dir)
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.yaml"))}
