"""Coordinator broadcasts as data: the audience, the drafts and plans, and who got what.

Two tables in the bot's SQLite file, created on first use:

* ``broadcasts`` — one row per message: who wrote it, for which projects, the
  text (and an optional document), the audience spec, its state
  (``draft`` → ``planned`` → ``sending`` → ``done``, or ``cancelled``) and times
  (UTC, ISO 8601).
* ``broadcast_recipients`` — the audience, computed when sending starts and
  frozen as one row per recipient: ``pending`` → ``sending`` (claimed) →
  ``delivered`` / ``blocked`` / ``failed`` (with a reason), and when the
  recipient pressed "Læst".

Claim before send: a recipient is marked ``sending`` (committed) before the
message goes out, together with the chat's highest recorded message id
(``probe_from``, see `bot.outbox`), and ``delivered`` after. After a crash, a
row still in ``sending`` is in doubt: the sender looks for the message in the
chat above that mark and settles the row as delivered (it arrived) or pending
(it did not: send it). Only when the chat cannot be looked at is the row
reported as failed with the reason ``interrupted`` — never sent twice.

Nothing here knows Telegram; `handlers/broadcast.py` does the sending.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from bot.outbox import TOP_SQL
from bot.store import Store, User, utcnow

State = Literal["draft", "planned", "sending", "done", "cancelled"]
Outcome = Literal["delivered", "blocked", "failed"]
AudienceKind = Literal["all", "project", "kommuner", "role", "missing"]
INTERRUPTED = "interrupted"


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds") if moment else None


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


# -- the audience ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Audience:
    """Who a broadcast goes to, within the sender's projects."""

    kind: AudienceKind = "all"
    project: str | None = None
    kommuner: tuple[str, ...] = ()
    role: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {"kind": self.kind, "project": self.project, "kommuner": list(self.kommuner),
             "role": self.role}, ensure_ascii=False)  # fmt: skip

    @classmethod
    def from_json(cls, raw: str | None) -> Audience:
        data: dict[str, Any] = json.loads(raw) if raw else {}
        return cls(
            kind=cast(AudienceKind, data.get("kind") or "all"),
            project=data.get("project"),
            kommuner=tuple(data.get("kommuner") or ()),
            role=data.get("role"),
        )


def select_recipients(
    users: Iterable[User],
    audience: Audience,
    projects: Sequence[str],
    *,
    submitted: Mapping[str, set[str]] | None = None,
    exclude: Iterable[int] = (),
) -> list[int]:
    """The ids of the active users `audience` means, within `projects` (sorted).

    `submitted` maps a project to the municipalities that have submitted its current
    self-evaluation (for the ``missing`` audience: project leaders of the others).
    """
    scope = [audience.project] if audience.kind == "project" and audience.project else projects
    scope = [p for p in scope if p in projects]
    excluded = set(exclude)
    chosen: set[int] = set()
    for user in users:
        if not user.active or user.id in excluded:
            continue
        for m in user.memberships:
            if m.project in scope and _matches(audience, m.project, m.role, m.kommune, submitted):
                chosen.add(user.id)
                break
    return sorted(chosen)


def _matches(
    audience: Audience,
    project: str,
    role: str,
    kommune: str | None,
    submitted: Mapping[str, set[str]] | None,
) -> bool:
    if audience.kind in ("all", "project"):
        return True
    if audience.kind == "kommuner":
        return kommune is not None and kommune in audience.kommuner
    if audience.kind == "role":
        return role == audience.role
    if audience.kind == "missing":
        done = (submitted or {}).get(project, set())
        return role == "projektleder" and (kommune or "") not in done
    return False


def submitted_kommuner(store: Store, project: str, round_id: str | None) -> set[str]:
    """The municipalities that have submitted `round_id` of `project`'s self-evaluation
    (none when there is no current round)."""
    from bot.evaluations import Evaluations  # the self-evaluation feature's tables

    if round_id is None:
        return set()
    return {e.key.kommune for e in Evaluations(store).for_project(project, round_id)
            if e.state == "submitted"}  # fmt: skip


# -- planning: Danish date and time ------------------------------------------------------------

_WEEKDAYS = {"mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4,
             "lørdag": 5, "loerdag": 5, "søndag": 6, "soendag": 6}  # fmt: skip
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "okt": 10, "nov": 11, "dec": 12}  # fmt: skip
_RELATIVE = {"i dag": 0, "idag": 0, "i morgen": 1, "imorgen": 1, "i overmorgen": 2}
_CLOCK = re.compile(r"\bkl\.?\s*(\d{1,2})(?:[:.](\d{2}))?$")
_TRAILING_TIME = re.compile(r"(?<=\S)\s+(\d{1,2})[:.](\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?\.?$")
_NAMED = re.compile(r"^(\d{1,2})\.?\s*([a-zæøå]+)\.?(?:\s+(\d{4}))?$")


def parse_when(text: str, now: dt.datetime) -> dt.datetime | None:
    """A moment typed in Danish ("24/11 kl. 9", "i morgen kl 10", "fredag 14.30",
    "2025-11-24 09:00"), in `now`'s time zone; None if not understood.

    A date without a time means 9.00; a date without a year is the next such date.
    """
    raw = " ".join(text.lower().replace(",", " ").split())
    iso = _parse_iso(raw, now)
    if iso is not None:
        return iso
    rest, hour, minute = _split_time(raw)
    if hour > 23 or minute > 59:
        return None
    day = _parse_day(rest, now.date())
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=now.tzinfo)


def _split_time(raw: str) -> tuple[str, int, int]:
    """(the day part, hour, minute): "kl. 9", a trailing "14.30", or "i morgen 10"."""
    found = _CLOCK.search(raw) or _TRAILING_TIME.search(raw)
    if found is None:
        head, _sep, last = raw.rpartition(" ")
        if last.isdigit() and (head in _RELATIVE or head in _WEEKDAYS):
            return head, int(last), 0
        return raw, 9, 0
    return raw[: found.start()].strip(), int(found.group(1)), int(found.group(2) or 0)


def _parse_iso(raw: str, now: dt.datetime) -> dt.datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        return None
    try:
        moment = dt.datetime.fromisoformat(raw.replace(" kl ", " ").replace(" kl. ", " "))
    except ValueError:
        return None
    return moment.replace(tzinfo=now.tzinfo) if moment.tzinfo is None else moment


def _parse_day(rest: str, today: dt.date) -> dt.date | None:
    if rest in _RELATIVE or rest == "":
        return today + dt.timedelta(days=_RELATIVE.get(rest, 0))
    if rest in _WEEKDAYS:
        ahead = (_WEEKDAYS[rest] - today.weekday()) % 7 or 7
        return today + dt.timedelta(days=ahead)
    found = _NUMERIC.match(rest)
    if found:
        day, month, year = int(found.group(1)), int(found.group(2)), found.group(3)
    elif (named := _NAMED.match(rest)) and named.group(2)[:3] in _MONTHS:
        day, month, year = int(named.group(1)), _MONTHS[named.group(2)[:3]], named.group(3)
    else:
        return None
    try:
        if year is not None:
            return dt.date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        candidate = dt.date(today.year, month, day)
        return candidate if candidate >= today else dt.date(today.year + 1, month, day)
    except ValueError:
        return None


# -- storage -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Broadcast:
    id: int
    created_by: int
    projects: tuple[str, ...]
    text: str
    file_id: str | None
    file_name: str | None
    audience: Audience
    state: State
    planned_at: dt.datetime | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


@dataclass
class Report:
    """The counts of one broadcast (frozen audience) and who did not get it."""

    total: int = 0
    pending: int = 0
    delivered: int = 0
    blocked: int = 0
    failed: int = 0
    acknowledged: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    missed: list[tuple[int, str, str]] = field(default_factory=list)  # id, name, why


class Broadcasts:
    """The broadcast tables in `store`'s database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._migrate()

    def _migrate(self) -> None:
        with self.store.transaction() as db:
            if "broadcasts" not in db.table_names():
                db.table("broadcasts").create(
                    {"id": int, "created_by": int, "projects": str, "text": str, "file_id": str,
                     "file_name": str, "audience": str, "state": str, "planned_at": str,
                     "created_at": str, "started_at": str, "finished_at": str},
                    pk="id", not_null={"created_by", "projects", "state", "created_at"},
                )  # fmt: skip
            if "broadcast_recipients" not in db.table_names():
                db.table("broadcast_recipients").create(
                    {"broadcast_id": int, "user_id": int, "state": str, "reason": str,
                     "message_id": int, "updated_at": str, "acknowledged_at": str},
                    pk=("broadcast_id", "user_id"), not_null={"state"},
                )  # fmt: skip
                db.execute("create index if not exists broadcast_recipients_state "
                           "on broadcast_recipients (broadcast_id, state)")  # fmt: skip
            if "probe_from" not in db.table("broadcast_recipients").columns_dict:
                db.table("broadcast_recipients").add_column("probe_from", int)

    # -- broadcasts ------------------------------------------------------------------------
    def create(
        self,
        created_by: int,
        projects: Sequence[str],
        text: str,
        *,
        file_id: str | None = None,
        file_name: str | None = None,
        audience: Audience | None = None,
        now: dt.datetime | None = None,
    ) -> int:
        with self.store.transaction() as db:
            table = db.table("broadcasts")
            table.insert({
                "created_by": created_by, "projects": json.dumps(list(projects)), "text": text,
                "file_id": file_id, "file_name": file_name,
                "audience": (audience or Audience()).to_json(), "state": "draft",
                "created_at": _iso(now or utcnow()),
            })  # fmt: skip
            return int(cast(int, table.last_pk))

    def get(self, broadcast_id: int) -> Broadcast | None:
        with self.store.lock:
            rows = list(self.store.db.query("select * from broadcasts where id = ?",
                                            [broadcast_id]))  # fmt: skip
        return _broadcast(rows[0]) if rows else None

    def in_state(self, *states: State) -> list[Broadcast]:
        marks = ",".join("?" * len(states))
        with self.store.lock:
            rows = list(
                self.store.db.query(
                    f"select * from broadcasts where state in ({marks}) order by id", list(states)
                )
            )
        return [_broadcast(r) for r in rows]

    def recent(self, projects: Iterable[str], limit: int = 10) -> list[Broadcast]:
        """The latest broadcasts (not drafts) that concern only `projects`."""
        allowed = set(projects)
        with self.store.lock:
            rows = list(
                self.store.db.query(
                    "select * from broadcasts where state != 'draft' order by id desc"
                )
            )
        found = [b for r in rows if set((b := _broadcast(r)).projects) <= allowed]
        return found[:limit]

    def _update(self, broadcast_id: int, states: Sequence[State], **values: Any) -> bool:
        """Change a broadcast only while it is in one of `states`; True if it was."""
        sets = ", ".join(f"[{k}] = ?" for k in values)
        marks = ",".join("?" * len(states))
        with self.store.transaction() as db:
            cur = db.execute(
                f"update broadcasts set {sets} where id = ? and state in ({marks})",
                [*values.values(), broadcast_id, *states],
            )
            return cur.rowcount > 0

    def set_audience(self, broadcast_id: int, audience: Audience) -> bool:
        return self._update(broadcast_id, ["draft"], audience=audience.to_json())

    def set_text(self, broadcast_id: int, text: str) -> bool:
        return self._update(broadcast_id, ["draft", "planned"], text=text)

    def plan(self, broadcast_id: int, when: dt.datetime) -> bool:
        return self._update(broadcast_id, ["draft", "planned"], state="planned",
                            planned_at=_iso(when))  # fmt: skip

    def cancel(self, broadcast_id: int) -> bool:
        return self._update(broadcast_id, ["draft", "planned"], state="cancelled")

    def start(
        self, broadcast_id: int, recipients: Iterable[int], now: dt.datetime | None = None
    ) -> bool:
        """Freeze the audience and mark the broadcast as sending (once: False if it was
        not a draft or planned any more)."""
        with self.store.transaction() as db:
            cur = db.execute(
                "update broadcasts set state = 'sending', started_at = ? "
                "where id = ? and state in ('draft', 'planned')",
                [_iso(now or utcnow()), broadcast_id],
            )
            if cur.rowcount == 0:
                return False
            db.table("broadcast_recipients").insert_all(
                ({"broadcast_id": broadcast_id, "user_id": uid, "state": "pending"}
                 for uid in recipients), pk=("broadcast_id", "user_id"), ignore=True,
            )  # fmt: skip
            return True

    def finish(self, broadcast_id: int, now: dt.datetime | None = None) -> bool:
        return self._update(broadcast_id, ["sending"], state="done",
                            finished_at=_iso(now or utcnow()))  # fmt: skip

    # -- recipients ------------------------------------------------------------------------
    def in_doubt(self, broadcast_id: int) -> list[int]:
        """After a crash: the recipients claimed but not settled."""
        with self.store.lock:
            rows = self.store.db.execute(
                "select user_id from broadcast_recipients "
                "where broadcast_id = ? and state = 'sending' order by user_id", [broadcast_id]
            ).fetchall()
        return [int(r[0]) for r in rows]

    def mark(self, broadcast_id: int, user_id: int) -> int | None:
        """The chat's highest recorded message id when the recipient was claimed."""
        with self.store.lock:
            row = self.store.db.execute(
                "select probe_from from broadcast_recipients where broadcast_id = ? and "
                "user_id = ?", [broadcast_id, user_id]).fetchone()  # fmt: skip
        return None if row is None or row[0] is None else int(row[0])

    def resolve(self, broadcast_id: int, user_id: int, message_id: int | None,
                arrived: bool | None) -> None:  # fmt: skip
        """Settle a row in doubt: it arrived (delivered), it did not (pending again: it
        is sent), or nobody knows (failed, ``interrupted``: never sent twice)."""
        if arrived is None:
            self.settle(broadcast_id, user_id, "failed", INTERRUPTED)
            return
        with self.store.transaction() as db:
            db.execute(
                "update broadcast_recipients set state = ?, message_id = ?, updated_at = ? "
                "where broadcast_id = ? and user_id = ? and state = 'sending'",
                ["delivered" if arrived else "pending", message_id, _iso(utcnow()),
                 broadcast_id, user_id])  # fmt: skip

    def claim_next(
        self, broadcast_id: int, settled: tuple[int, Outcome, str | None, int | None] | None = None
    ) -> int | None:
        """Mark the next pending recipient as being sent to (committed); their id.

        `settled` (user id, outcome, reason, message id) records the previous send in the
        same transaction (one commit per message instead of two)."""
        with self.store.transaction() as db:
            if settled is not None:
                self._settle(db, broadcast_id, *settled)
            rows = list(
                db.query(
                    "select user_id from broadcast_recipients where broadcast_id = ? and "
                    "state = 'pending' order by user_id limit 1",
                    [broadcast_id],
                )
            )
            if not rows:
                return None
            user_id = int(rows[0]["user_id"])
            db.execute(
                "update broadcast_recipients set state = 'sending', updated_at = ?, "
                f"probe_from = {TOP_SQL} where broadcast_id = ? and user_id = ?",
                [_iso(utcnow()), user_id, broadcast_id, user_id],
            )
            return user_id

    def settle(
        self,
        broadcast_id: int,
        user_id: int,
        outcome: Outcome,
        reason: str | None = None,
        message_id: int | None = None,
    ) -> None:
        with self.store.transaction() as db:
            self._settle(db, broadcast_id, user_id, outcome, reason, message_id)

    @staticmethod
    def _settle(db: Any, broadcast_id: int, user_id: int, outcome: Outcome, reason: str | None,
                message_id: int | None) -> None:  # fmt: skip
        db.execute(
            "update broadcast_recipients set state = ?, reason = ?, message_id = ?, "
            "updated_at = ? where broadcast_id = ? and user_id = ? and state = 'sending'",
            [outcome, reason, message_id, _iso(utcnow()), broadcast_id, user_id],
        )

    def acknowledge(self, broadcast_id: int, user_id: int, now: dt.datetime | None = None
                    ) -> bool:  # fmt: skip
        """The recipient pressed "Læst" (the first press counts)."""
        with self.store.transaction() as db:
            cur = db.execute(
                "update broadcast_recipients set acknowledged_at = ? where broadcast_id = ? "
                "and user_id = ? and acknowledged_at is null and state = 'delivered'",
                [_iso(now or utcnow()), broadcast_id, user_id],
            )
            return cur.rowcount > 0

    def report(self, broadcast_id: int) -> Report:
        with self.store.lock:
            rows = list(
                self.store.db.query(
                    "select r.user_id, r.state, r.reason, r.acknowledged_at, u.first_name "
                    "from broadcast_recipients r left join users u on u.id = r.user_id "
                    "where r.broadcast_id = ? order by r.user_id",
                    [broadcast_id],
                )
            )
        out = Report(total=len(rows))
        for r in rows:
            state = str(r["state"])
            if state in ("pending", "sending"):
                out.pending += 1
                continue
            setattr(out, state, getattr(out, state) + 1)
            if r["acknowledged_at"]:
                out.acknowledged += 1
            if state != "delivered":
                why = str(r["reason"] or state)
                out.reasons[why] = out.reasons.get(why, 0) + 1
                out.missed.append((int(r["user_id"]), str(r["first_name"] or r["user_id"]), why))
        return out


def _broadcast(r: dict[str, Any]) -> Broadcast:
    return Broadcast(
        id=int(r["id"]),
        created_by=int(r["created_by"]),
        projects=tuple(json.loads(r["projects"])),
        text=str(r["text"] or ""),
        file_id=r["file_id"],
        file_name=r["file_name"],
        audience=Audience.from_json(r["audience"]),
        state=cast(State, r["state"]),
        planned_at=_parse(r["planned_at"]),
        created_at=cast(dt.datetime, _parse(r["created_at"])),
        started_at=_parse(r["started_at"]),
        finished_at=_parse(r["finished_at"]),
    )
