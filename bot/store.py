"""The SQLite store: users, their projects and roles, invitations, and the
state python-telegram-bot persists — one file in WAL mode, via sqlite-utils.

All times are stored as ISO 8601 in UTC. Calls are synchronous and short (a
local SQLite file); every write is its own transaction, committed before the
call returns, so a crash never loses what a user has already been told is saved.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import sqlite_utils

Role = Literal["projektleder", "praktiker", "koordinator"]
ROLES: tuple[Role, ...] = ("projektleder", "praktiker", "koordinator")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
INVITATION_DAYS = 14


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds") if moment else None


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Membership:
    project: str
    role: Role
    kommune: str | None


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    username: str | None
    project: str | None  # the project questions are answered for
    registered_at: dt.datetime
    active: bool
    memberships: tuple[Membership, ...]

    @property
    def membership(self) -> Membership | None:
        return next((m for m in self.memberships if m.project == self.project), None)

    @property
    def role(self) -> Role | None:
        m = self.membership
        return m.role if m else None

    @property
    def kommune(self) -> str | None:
        m = self.membership
        return m.kommune if m else None

    def role_in(self, project: str) -> Role | None:
        return next((m.role for m in self.memberships if m.project == project), None)


@dataclass(frozen=True)
class Invitation:
    code: str
    role: Role
    project: str
    kommune: str | None
    created_by: str
    created_at: dt.datetime
    expires_at: dt.datetime
    used_by: int | None
    used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    def state(self, now: dt.datetime) -> Literal["open", "used", "expired", "revoked"]:
        if self.revoked_at:
            return "revoked"
        if self.used_by is not None:
            return "used"
        if now >= self.expires_at:
            return "expired"
        return "open"


class InvitationError(Exception):
    """An invitation code that cannot be used; `reason` is unknown/used/expired/revoked."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Store:
    """One SQLite file. Safe to share between the bot's tasks (one lock)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db = sqlite_utils.Database(conn)
        self.lock = threading.RLock()
        if str(path) != ":memory:":
            self.db.enable_wal()
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def close(self) -> None:
        self.db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        with self.lock:
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.conn.execute("ROLLBACK")
                raise
            self.db.conn.execute("COMMIT")

    def _migrate(self) -> None:
        db = self.db
        with self.lock:
            if "users" not in db.table_names():
                db.table("users").create(
                    {
                        "id": int,
                        "first_name": str,
                        "username": str,
                        "project": str,
                        "registered_at": str,
                        "active": int,
                        "inactive_reason": str,
                    },
                    pk="id",
                    not_null={"first_name", "registered_at", "active"},
                )
            if "memberships" not in db.table_names():
                db.table("memberships").create(
                    {
                        "user_id": int,
                        "project": str,
                        "role": str,
                        "kommune": str,
                        "joined_at": str,
                        "invitation": str,
                    },
                    pk=("user_id", "project"),
                    foreign_keys=[("user_id", "users", "id")],
                    not_null={"role", "joined_at"},
                )
            if "invitations" not in db.table_names():
                db.table("invitations").create(
                    {
                        "code": str,
                        "role": str,
                        "project": str,
                        "kommune": str,
                        "created_by": str,
                        "created_at": str,
                        "expires_at": str,
                        "used_by": int,
                        "used_at": str,
                        "revoked_at": str,
                    },
                    pk="code",
                    not_null={"role", "project", "created_by", "created_at", "expires_at"},
                )
            if "ptb_state" not in db.table_names():
                db.table("ptb_state").create(
                    {"kind": str, "key": str, "value": str}, pk=("kind", "key")
                )
            if "sent_messages" not in db.table_names():  # see bot/outbox.py
                db.table("sent_messages").create(
                    {"user_id": int, "message_id": int, "digest": str, "sent_at": str},
                    pk=("user_id", "message_id"),
                    not_null={"sent_at"},
                )

    # -- users -----------------------------------------------------------------------------
    def user(self, user_id: int) -> User | None:
        with self.lock:
            rows = list(self.db.query("select * from users where id = ?", [user_id]))
            if not rows:
                return None
            members = list(
                self.db.query(
                    "select project, role, kommune from memberships where user_id = ? "
                    "order by joined_at",
                    [user_id],
                )
            )
        return self._user(rows[0], members)

    @staticmethod
    def _user(row: dict[str, Any], members: list[dict[str, Any]]) -> User:
        return User(
            id=row["id"],
            first_name=row["first_name"],
            username=row["username"],
            project=row["project"],
            registered_at=cast(dt.datetime, _parse(row["registered_at"])),
            active=bool(row["active"]),
            memberships=tuple(Membership(m["project"], m["role"], m["kommune"]) for m in members),
        )

    def users(self, project: str | None = None, *, active_only: bool = True) -> list[User]:
        where, params = [], []
        if project is not None:
            where.append("id in (select user_id from memberships where project = ?)")
            params.append(project)
        if active_only:
            where.append("active = 1")
        sql = "select * from users" + (" where " + " and ".join(where) if where else "")
        with self.lock:
            rows = list(self.db.query(sql + " order by id", params))
            members: dict[int, list[dict[str, Any]]] = {}
            for m in self.db.query(
                "select user_id, project, role, kommune from memberships order by joined_at"
            ):
                members.setdefault(m["user_id"], []).append(m)
        return [self._user(r, members.get(r["id"], [])) for r in rows]

    def set_project(self, user_id: int, project: str) -> None:
        with self.transaction() as db:
            db.table("users").update(user_id, {"project": project})

    def set_active(self, user_id: int, active: bool, reason: str | None = None) -> None:
        with self.transaction() as db:
            if db.table("users").count_where("id = ?", [user_id]):
                db.table("users").update(
                    user_id, {"active": int(active), "inactive_reason": reason}
                )

    def touch_name(self, user_id: int, first_name: str, username: str | None) -> None:
        with self.transaction() as db:
            if db.table("users").count_where("id = ?", [user_id]):
                db.table("users").update(
                    user_id,
                    {
                        "first_name": first_name,
                        "username": username,
                        "active": 1,
                        "inactive_reason": None,
                    },
                )

    def user_data_export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about a user, as plain data (for /mine_data)."""
        with self.lock:
            out: dict[str, Any] = {}
            out["user"] = next(
                iter(self.db.query("select * from users where id = ?", [user_id])), None
            )
            out["memberships"] = list(
                self.db.query("select * from memberships where user_id = ?", [user_id])
            )
            out["invitations_used"] = list(
                self.db.query(
                    "select code, role, project, kommune, used_at from invitations "
                    "where used_by = ?",
                    [user_id],
                )
            )
            for table, column in self._user_tables():
                out[table] = list(
                    self.db.query(f"select * from [{table}] where [{column}] = ?", [user_id])
                )
            out["conversation_state"] = [
                {"kind": r["kind"], "key": r["key"], "value": json.loads(r["value"])}
                for r in self.db.query(
                    "select * from ptb_state where key = ? or key like ?",
                    [str(user_id), f"%{user_id}%"],
                )
                if r["kind"] != "bot_data"
            ]
        return out

    def _user_tables(self) -> list[tuple[str, str]]:
        """Other tables (added by later features) that hold a user_id column."""
        found = []
        for table in self.db.table_names():
            if table in {"users", "memberships", "invitations", "ptb_state"}:
                continue
            columns = {c.name for c in self.db.table(table).columns}
            if "user_id" in columns:
                found.append((table, "user_id"))
        return found

    def delete_user(self, user_id: int) -> bool:
        """Remove everything stored about a user. True if there was anything."""
        with self.transaction() as db:
            existed = bool(db.table("users").count_where("id = ?", [user_id]))
            for table, column in self._user_tables():
                db.execute(f"delete from [{table}] where [{column}] = ?", [user_id])
            db.execute("delete from memberships where user_id = ?", [user_id])
            db.execute("update invitations set used_by = null where used_by = ?", [user_id])
            db.execute(
                "delete from ptb_state where key = ? and kind in ('user_data', 'chat_data')",
                [str(user_id)],
            )
            for row in list(
                db.query("select key, value from ptb_state where kind = 'conversations'")
            ):
                states = json.loads(row["value"])
                kept = {k: v for k, v in states.items() if user_id not in json.loads(k)}
                db.execute(
                    "update ptb_state set value = ? where kind = 'conversations' and key = ?",
                    [json.dumps(kept), row["key"]],
                )
            db.execute("delete from users where id = ?", [user_id])
        return existed

    # -- invitations -------------------------------------------------------------------------
    def create_invitation(
        self,
        role: Role,
        project: str,
        kommune: str | None,
        created_by: str,
        *,
        days: int = INVITATION_DAYS,
        now: dt.datetime | None = None,
    ) -> Invitation:
        if role not in ROLES:
            raise ValueError(role)
        now = now or utcnow()
        with self.transaction() as db:
            while True:
                raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
                code = f"{raw[:4]}-{raw[4:]}"
                if not db.table("invitations").count_where("code = ?", [code]):
                    break
            db.table("invitations").insert(
                {
                    "code": code,
                    "role": role,
                    "project": project,
                    "kommune": kommune,
                    "created_by": created_by,
                    "created_at": _iso(now),
                    "expires_at": _iso(now + dt.timedelta(days=days)),
                }
            )
        found = self.invitation(code)
        assert found is not None
        return found

    @staticmethod
    def normalise_code(code: str) -> str:
        raw = "".join(ch for ch in code.upper() if ch.isalnum())
        return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw

    def invitation(self, code: str) -> Invitation | None:
        with self.lock:
            rows = list(
                self.db.query(
                    "select * from invitations where code = ?", [self.normalise_code(code)]
                )
            )
        if not rows:
            return None
        r = rows[0]
        return Invitation(
            code=r["code"],
            role=r["role"],
            project=r["project"],
            kommune=r["kommune"],
            created_by=r["created_by"],
            created_at=cast(dt.datetime, _parse(r["created_at"])),
            expires_at=cast(dt.datetime, _parse(r["expires_at"])),
            used_by=r["used_by"],
            used_at=_parse(r["used_at"]),
            revoked_at=_parse(r["revoked_at"]),
        )

    def invitations(self, project: str | None = None) -> list[Invitation]:
        with self.lock:
            codes = [
                r["code"]
                for r in self.db.query(
                    "select code from invitations"
                    + (" where project = ?" if project else "")
                    + " order by created_at",
                    [project] if project else [],
                )
            ]
        return [i for c in codes if (i := self.invitation(c)) is not None]

    def revoke_invitation(self, code: str, now: dt.datetime | None = None) -> bool:
        with self.transaction() as db:
            cur = db.execute(
                "update invitations set revoked_at = ? where code = ? and "
                "used_by is null and revoked_at is null",
                [_iso(now or utcnow()), self.normalise_code(code)],
            )
            return cur.rowcount > 0

    def redeem(
        self,
        code: str,
        user_id: int,
        first_name: str,
        username: str | None,
        now: dt.datetime | None = None,
    ) -> tuple[User, Invitation]:
        """Use an invitation: register the user (or add the project). Single use."""
        now = now or utcnow()
        with self.transaction() as db:
            rows = list(
                db.query("select * from invitations where code = ?", [self.normalise_code(code)])
            )
            if not rows:
                raise InvitationError("unknown")
            r = rows[0]
            if r["revoked_at"]:
                raise InvitationError("revoked")
            if r["used_by"] is not None:
                raise InvitationError("used")
            if now >= cast(dt.datetime, _parse(r["expires_at"])):
                raise InvitationError("expired")
            db.execute(
                "update invitations set used_by = ?, used_at = ? where code = ?",
                [user_id, _iso(now), r["code"]],
            )
            if db.table("users").count_where("id = ?", [user_id]):
                db.table("users").update(
                    user_id,
                    {
                        "first_name": first_name,
                        "username": username,
                        "project": r["project"],
                        "active": 1,
                        "inactive_reason": None,
                    },
                )
            else:
                db.table("users").insert(
                    {
                        "id": user_id,
                        "first_name": first_name,
                        "username": username,
                        "project": r["project"],
                        "registered_at": _iso(now),
                        "active": 1,
                    }
                )
            db.table("memberships").upsert(
                {
                    "user_id": user_id,
                    "project": r["project"],
                    "role": r["role"],
                    "kommune": r["kommune"],
                    "joined_at": _iso(now),
                    "invitation": r["code"],
                },
                pk=("user_id", "project"),
            )
        user = self.user(user_id)
        invitation = self.invitation(r["code"])
        assert user is not None and invitation is not None
        return user, invitation

    # -- python-telegram-bot persistence --------------------------------------------------
    def state_get(self, kind: str) -> dict[str, Any]:
        with self.lock:
            return {
                r["key"]: json.loads(r["value"])
                for r in self.db.query("select key, value from ptb_state where kind = ?", [kind])
            }

    def state_put(self, kind: str, key: str, value: Any) -> None:
        with self.transaction() as db:
            if value is None:
                db.execute("delete from ptb_state where kind = ? and key = ?", [kind, key])
            else:
                db.table("ptb_state").upsert(
                    {"kind": kind, "key": key, "value": json.dumps(value, ensure_ascii=False)},
                    pk=("kind", "key"),
                )
