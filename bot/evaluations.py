"""The self-evaluations in SQLite: one evaluation per (project, municipality, round).

Three tables in the bot's database, created on first use:

``selfeval_evaluations``
    One row per (project, kommune, round): the working answers (JSON), the
    state (``draft`` until first submitted, then ``submitted``), a write
    counter ``version`` for optimistic concurrency, who changed it last and
    when (UTC), and the latest submitted version (``submitted_version``,
    ``submitted_answers``, ``submitted_at``/``_by``, ``late``). A submitted
    evaluation may be corrected until its round closes: the working answers
    change, and "Indsend" makes a new submitted version.
``selfeval_versions``
    The history: one row per submission and per correction, never updated.
``selfeval_sessions``
    Per user (a ``user_id`` column, so /mine_data and /slet_mig include it):
    which evaluation and question the user is at, the answers the user last
    saw (the base of a three-way merge), a pending multiple-choice selection
    or conflict, and the last message handled (a redelivered update is
    ignored).

Every write is one ``store.transaction()``; an answer is committed before
the bot replies, so a crash loses nothing. Two project leaders of one
municipality never silently overwrite each other: an answer is saved against
the version its author saw; when someone else saved in between, the edits are
merged with `bot.forms.merge` and a conflict on the same question is reported
(the stored answer stays the other person's until the author chooses).

The evaluations carry names, not user ids: they are the municipality's
record and stay when a user deletes their data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import sqlite_utils

from bot import clock
from bot.forms import Answer, Conflict, Round, Submission, is_late, local_date, merge
from bot.store import Store, User

EVALUATIONS = "selfeval_evaluations"
VERSIONS = "selfeval_versions"
SESSIONS = "selfeval_sessions"
SESSION_IDLE = dt.timedelta(hours=12)

State = Literal["draft", "submitted"]


# -- the clock -----------------------------------------------------------------------------


def now() -> dt.datetime:
    """The current moment in UTC (bot.clock: PROJEKTBOT_NOW pretends another time)."""
    return clock.now()


def today() -> dt.date:
    """Today in Copenhagen (see `now`)."""
    return local_date(now())


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds") if moment else None


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _load(value: str | None) -> Any:
    return json.loads(value) if value else None


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# -- records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """Which evaluation: a municipality's answers to one round of a project."""

    project_id: str
    kommune: str
    round_id: str


@dataclass(frozen=True)
class Evaluation:
    """One municipality's evaluation of one round (an empty draft has version 0)."""

    key: Key
    state: State = "draft"
    answers: dict[str, Answer] = field(default_factory=dict)
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None
    submitted_version: int = 0
    submitted_answers: dict[str, Answer] = field(default_factory=dict)
    submitted_at: dt.datetime | None = None
    submitted_by: str = ""
    first_submitted_at: dt.datetime | None = None
    late: bool = False

    @property
    def started(self) -> bool:
        return self.version > 0

    @property
    def changed_since_submitted(self) -> bool:
        """Submitted, and corrected since (the corrections are not sent yet)."""
        return self.state == "submitted" and self.answers != self.submitted_answers


@dataclass(frozen=True)
class Version:
    """One submitted version in the history."""

    key: Key
    number: int
    answers: dict[str, Answer]
    submitted_by: str
    submitted_at: dt.datetime
    late: bool


@dataclass(frozen=True)
class Session:
    """Where a user is in an evaluation. `question_id` None: at the summary."""

    user_id: int
    key: Key
    question_id: str | None = None
    to_summary: bool = False  # after this answer, back to the summary (a "Ret")
    base_version: int = 0
    base_answers: dict[str, Answer] = field(default_factory=dict)
    pending: dict[str, Any] = field(default_factory=dict)
    message_id: int | None = None  # the message showing the question
    last_message_id: int = 0  # the user's last text handled
    active: bool = True
    updated_at: dt.datetime | None = None

    def seen(self, evaluation: Evaluation) -> Session:
        """The session after the user was shown `evaluation` (the new merge base)."""
        return replace(self, base_version=evaluation.version, base_answers=dict(evaluation.answers))

    def idle(self, at: dt.datetime) -> bool:
        return self.updated_at is None or at - self.updated_at > SESSION_IDLE


@dataclass(frozen=True)
class SaveResult:
    """What saving an answer did: the stored evaluation and any conflicts."""

    evaluation: Evaluation
    conflicts: list[Conflict]
    changed: bool


@dataclass(frozen=True)
class SubmitResult:
    """`outcome`: "submitted", "changed" (someone saved since it was shown),
    "unchanged" (nothing new since the last submission) or "missing" (nothing to submit)."""

    outcome: Literal["submitted", "changed", "unchanged", "missing"]
    evaluation: Evaluation | None
    late: bool = False


# -- the store ---------------------------------------------------------------------------------


class Evaluations:
    """The self-evaluation tables in the bot's SQLite file."""

    def __init__(self, store: Store):
        self.store = store
        self._create()

    def _create(self) -> None:
        with self.store.lock:
            names = set(self.store.db.table_names())
            if not {EVALUATIONS, VERSIONS, SESSIONS} - names:
                return
            with self.store.transaction() as db:
                self._create_tables(db, names)

    @staticmethod
    def _create_tables(db: sqlite_utils.Database, names: set[str]) -> None:
        key = {"project": str, "kommune": str, "round_id": str}
        if EVALUATIONS not in names:
            db.table(EVALUATIONS).create(
                {**key, "state": str, "answers": str, "version": int, "updated_by": str,
                 "updated_at": str, "submitted_version": int, "submitted_answers": str,
                 "submitted_at": str, "submitted_by": str, "first_submitted_at": str,
                 "late": int},
                pk=("project", "kommune", "round_id"),
                not_null={"state", "answers", "version"},
            )
        if VERSIONS not in names:
            db.table(VERSIONS).create(
                {**key, "number": int, "answers": str, "submitted_by": str,
                 "submitted_at": str, "late": int},
                pk=("project", "kommune", "round_id", "number"),
                not_null={"answers", "submitted_at"},
            )
        if SESSIONS not in names:
            db.table(SESSIONS).create(
                {"user_id": int, **key, "question_id": str, "to_summary": int,
                 "base_version": int, "base_answers": str, "pending": str, "message_id": int,
                 "last_message_id": int, "active": int, "updated_at": str},
                pk="user_id",
            )

    # -- reading -----------------------------------------------------------------------------
    @staticmethod
    def _evaluation(row: Mapping[str, Any]) -> Evaluation:
        return Evaluation(
            key=Key(row["project"], row["kommune"], row["round_id"]),
            state="submitted" if row["state"] == "submitted" else "draft",
            answers=_load(row["answers"]) or {},
            version=int(row["version"]),
            updated_by=row["updated_by"] or "",
            updated_at=_when(row["updated_at"]),
            submitted_version=int(row["submitted_version"] or 0),
            submitted_answers=_load(row["submitted_answers"]) or {},
            submitted_at=_when(row["submitted_at"]),
            submitted_by=row["submitted_by"] or "",
            first_submitted_at=_when(row["first_submitted_at"]),
            late=bool(row["late"]),
        )

    def _get(self, db: sqlite_utils.Database, key: Key) -> Evaluation | None:
        rows = list(db.query(
            f"select * from {EVALUATIONS} where project = ? and kommune = ? and round_id = ?",
            [key.project_id, key.kommune, key.round_id]))
        return self._evaluation(rows[0]) if rows else None

    def get(self, key: Key) -> Evaluation | None:
        with self.store.lock:
            return self._get(self.store.db, key)

    def get_or_empty(self, key: Key) -> Evaluation:
        return self.get(key) or Evaluation(key)

    def for_project(self, project_id: str, round_id: str | None = None) -> list[Evaluation]:
        sql = f"select * from {EVALUATIONS} where project = ?"
        params = [project_id]
        if round_id is not None:
            sql += " and round_id = ?"
            params.append(round_id)
        with self.store.lock:
            rows = list(self.store.db.query(sql + " order by round_id, kommune", params))
        return [self._evaluation(r) for r in rows]

    def for_kommune(self, project_id: str, kommune: str) -> list[Evaluation]:
        return [e for e in self.for_project(project_id) if e.key.kommune == kommune]

    def history(self, key: Key) -> list[Version]:
        with self.store.lock:
            rows = list(self.store.db.query(
                f"select * from {VERSIONS} where project = ? and kommune = ? and round_id = ? "
                "order by number", [key.project_id, key.kommune, key.round_id]))
        return [
            Version(key, int(r["number"]), _load(r["answers"]) or {}, r["submitted_by"] or "",
                    _when(r["submitted_at"]) or dt.datetime.min.replace(tzinfo=dt.UTC),
                    bool(r["late"]))
            for r in rows
        ]

    def submissions(self, project_id: str, round_id: str | None = None) -> list[Submission]:
        """The latest submitted version of each municipality's evaluation (for exports)."""
        return [
            Submission(
                project_id=e.key.project_id, kommune=e.key.kommune, round_id=e.key.round_id,
                answers=dict(e.submitted_answers), submitted_by=e.submitted_by,
                submitted_at=e.submitted_at or dt.datetime.min.replace(tzinfo=dt.UTC),
                version=e.submitted_version, late=e.late,
            )
            for e in self.for_project(project_id, round_id)
            if e.submitted_version > 0
        ]

    # -- writing -----------------------------------------------------------------------------
    @staticmethod
    def _write(db: sqlite_utils.Database, e: Evaluation) -> None:
        db.table(EVALUATIONS).upsert(
            {
                "project": e.key.project_id, "kommune": e.key.kommune,
                "round_id": e.key.round_id, "state": e.state, "answers": _dump(e.answers),
                "version": e.version, "updated_by": e.updated_by,
                "updated_at": _iso(e.updated_at), "submitted_version": e.submitted_version,
                "submitted_answers": _dump(e.submitted_answers),
                "submitted_at": _iso(e.submitted_at), "submitted_by": e.submitted_by,
                "first_submitted_at": _iso(e.first_submitted_at), "late": int(e.late),
            },
            pk=("project", "kommune", "round_id"),
        )

    def save_answer(
        self,
        key: Key,
        question_id: str,
        value: Answer,
        *,
        base_version: int,
        base_answers: Mapping[str, Answer],
        by: str,
        at: dt.datetime,
        then: Callable[[Evaluation, list[Conflict]], Session | None] | None = None,
    ) -> SaveResult:
        """Save one answer, given the version (and answers) its author saw.

        If nobody saved since `base_version`, the answer is simply set. Otherwise
        the author's change is merged into what is stored now; if the other
        person changed the same question differently, the stored answer stays
        theirs and the conflict is returned. `then(evaluation, conflicts)` may
        give the user's new session, written in the same transaction.
        """
        with self.store.transaction() as db:
            current = self._get(db, key) or Evaluation(key)
            if current.version == base_version:
                answers, conflicts = {**current.answers, question_id: value}, []
            else:
                mine = {**base_answers, question_id: value}
                result = merge(base_answers, mine, current.answers)
                answers, conflicts = result.answers, result.conflicts
            changed = answers != current.answers
            saved = current
            if changed:
                saved = replace(current, answers=answers, version=current.version + 1,
                                updated_by=by, updated_at=at)
                self._write(db, saved)
            if then is not None:
                session = then(saved, conflicts)
                if session is not None:
                    self._put_session(db, session)
        return SaveResult(saved, conflicts, changed)

    def submit(
        self,
        key: Key,
        *,
        expected_version: int,
        round_: Round,
        by: str,
        at: dt.datetime,
        then: Callable[[Evaluation], Session | None] | None = None,
    ) -> SubmitResult:
        """Submit the answers as shown at `expected_version`: a new version in the history.

        The first submission decides the late mark (after the round's deadline,
        in Copenhagen); a correction keeps it.
        """
        with self.store.transaction() as db:
            current = self._get(db, key)
            if current is None or not current.answers:
                return SubmitResult("missing", current)
            if current.state == "submitted" and not current.changed_since_submitted:
                return SubmitResult("unchanged", current)
            if current.version != expected_version:
                return SubmitResult("changed", current)
            number = current.submitted_version + 1
            late_now = is_late(round_, at)
            saved = replace(
                current, state="submitted", version=current.version + 1, updated_by=by,
                updated_at=at, submitted_version=number, submitted_answers=dict(current.answers),
                submitted_at=at, submitted_by=by,
                first_submitted_at=current.first_submitted_at or at,
                late=current.late if current.submitted_version else late_now,
            )
            self._write(db, saved)
            db.table(VERSIONS).insert({
                "project": key.project_id, "kommune": key.kommune, "round_id": key.round_id,
                "number": number, "answers": _dump(saved.answers), "submitted_by": by,
                "submitted_at": _iso(at), "late": int(late_now),
            })
            if then is not None:
                session = then(saved)
                if session is not None:
                    self._put_session(db, session)
        return SubmitResult("submitted", saved, saved.late)

    # -- sessions ----------------------------------------------------------------------------
    def session(self, user_id: int) -> Session | None:
        with self.store.lock:
            rows = list(self.store.db.query(
                f"select * from {SESSIONS} where user_id = ?", [user_id]))
        if not rows:
            return None
        r = rows[0]
        return Session(
            user_id=int(r["user_id"]),
            key=Key(r["project"], r["kommune"], r["round_id"]),
            question_id=r["question_id"],
            to_summary=bool(r["to_summary"]),
            base_version=int(r["base_version"] or 0),
            base_answers=_load(r["base_answers"]) or {},
            pending=_load(r["pending"]) or {},
            message_id=r["message_id"],
            last_message_id=int(r["last_message_id"] or 0),
            active=bool(r["active"]),
            updated_at=_when(r["updated_at"]),
        )

    @staticmethod
    def _put_session(db: sqlite_utils.Database, s: Session) -> None:
        db.table(SESSIONS).upsert(
            {
                "user_id": s.user_id, "project": s.key.project_id, "kommune": s.key.kommune,
                "round_id": s.key.round_id, "question_id": s.question_id,
                "to_summary": int(s.to_summary), "base_version": s.base_version,
                "base_answers": _dump(s.base_answers), "pending": _dump(s.pending),
                "message_id": s.message_id, "last_message_id": s.last_message_id,
                "active": int(s.active), "updated_at": _iso(s.updated_at),
            },
            pk="user_id",
        )

    def put_session(self, session: Session) -> None:
        with self.store.transaction() as db:
            self._put_session(db, session)

    def active_session(self, user_id: int, at: dt.datetime | None = None) -> Session | None:
        """The user's session if active and used within `SESSION_IDLE`."""
        found = self.session(user_id)
        if found is None or not found.active or found.idle(at or now()):
            return None
        return found

    # -- people ------------------------------------------------------------------------------
    def leaders(self, project_id: str, kommune: str | None = None) -> list[User]:
        """Active project leaders of the project (of one municipality if given)."""
        out = []
        for user in self.store.users(project_id):
            m = next((m for m in user.memberships if m.project == project_id), None)
            if m is None or m.role != "projektleder" or not m.kommune:
                continue
            if kommune is None or m.kommune == kommune:
                out.append(user)
        return out

    def municipalities(self, project_id: str) -> list[str]:
        """The municipalities of the project's registered project leaders."""
        found = {
            m.kommune
            for u in self.leaders(project_id)
            for m in u.memberships
            if m.project == project_id and m.kommune
        }
        return sorted(found, key=str.casefold)

    def coordinators(self, project_id: str) -> list[User]:
        return [u for u in self.store.users(project_id) if u.role_in(project_id) == "koordinator"]
