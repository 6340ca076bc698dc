"""The figure: stop and restart the bot at random moments around due reminders —
0 duplicates, 0 lost reminders whose event is still ahead.

Set-up: a copy of data/ where `mestring-born` has ten virtual meetings on
Wednesday 2 March 2022 at 10:00, 10:01, …, 10:09, so that their 1-hour
reminders fall due at 09:00, 09:01, …, 09:09 (Copenhagen); six registered users
of the project (four project leaders, two practitioners) get each of them.

Each cycle starts the real bot (`python -m bot run --local`, through
`tests.localbot.LocalBot`) with ``PROJEKTBOT_NOW`` a little before the next due
minute (never before where the last run stopped: the bot's clock only moves
forward, as real time would) and SIGKILLs it at a random moment from 0.4 s
before to 0.8 s after the due time (or 0–1 s after it is up when the due time
passed while it was starting) — before, during or after the sends. Finally the bot starts once
more, ``CLAIM_TIMEOUT`` + 1 minute after the last due minute (a short outage:
claims left by killed runs are taken again, and the misfire grace still holds
every reminder), and runs until everything has arrived.

Then the stand-in's chat history (kept across restarts) is compared with what
`python -m bot reminders --json` says is due that morning: every expected
reminder must have arrived exactly once. After each stop the bench also counts
the claims the stopped run left without a "sent" mark, and whether their
message had arrived: a SIGKILL in the few milliseconds between the stand-in
accepting a message and the "sent" mark is the one case that can double a
reminder (Telegram offers no way to find out what was delivered), and the
figure says how often the random kills hit it. With ``term`` the bot is
stopped with SIGTERM instead, which waits for the send in progress.

    .venv/bin/python -m bench.restarts [CYCLES [SEED [kill|term ...]]]
    # default: 50 cycles, seed 7, first with SIGKILL (a crash), then with SIGTERM
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.dates import TZ
from bot.settings import DEFAULT_DATA
from scheduler.jobs import CLAIM_TIMEOUT
from tests.localbot import LocalBot

DAY = dt.date(2022, 3, 2)  # a Wednesday in mestring-born's period, not a holiday
PROJECT = "mestring-born"
MEETINGS = 10
FIRST_DUE = dt.datetime.combine(DAY, dt.time(9, 0), tzinfo=TZ)
USERS: list[tuple[int, str, str | None]] = [
    (650, "projektleder", "Vejle"), (651, "projektleder", "Aarhus"),
    (652, "projektleder", "Odense"), (653, "projektleder", "Horsens"),
    (654, "praktiker", "Vejle"), (655, "praktiker", None),
]
IMPORT_LAG = 0.6  # s from launch until the bot's clock starts (scheduler.jobs imported)
SRC = {"doc": "bilag2-mestring", "section": "test"}


@dataclass
class Result:
    stop: str  # "kill" (SIGKILL, like a crash) or "term" (SIGTERM, a normal stop)
    cycles: int
    seconds: float
    expected: int
    delivered_once: int
    duplicates: int
    lost: int
    unexpected: int
    kills_mid_burst: int  # cycles stopped after some but before all of their sends
    # claims a stopped run left without "sent" whose message had / had not arrived: the
    # first are the in-doubt window (Telegram accepted, the "sent" mark not yet written)
    in_doubt_delivered: int = 0
    in_doubt_undelivered: int = 0
    duplicated_ids: list[str] = field(default_factory=list)
    in_doubt_delivered_ids: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        hidden = {"details", "duplicated_ids", "in_doubt_delivered_ids"}
        return {k: v for k, v in self.__dict__.items() if k not in hidden}


def meeting_name(k: int) -> str:
    return f"Testmøde R{k:02d}"


def make_data(dst: Path) -> Path:
    """A copy of data/ with the ten virtual test meetings added to mestring-born."""
    shutil.copytree(DEFAULT_DATA, dst)
    path = dst / "projects" / f"{PROJECT}.yaml"
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    for k in range(MEETINGS):
        project["activities"].append({
            "id": f"testmoede-r{k:02d}", "name": meeting_name(k), "kind": "meeting",
            "format": ["virtual"], "sources": [SRC],
            "occurrences": [{"when": f"{DAY.isoformat()}T10:{k:02d}", "source": SRC}],
        })
    path.write_text(yaml.safe_dump(project, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return dst


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(TZ).isoformat(timespec="milliseconds")


def _start(bot: LocalBot, virtual: dt.datetime) -> float:
    """Start the bot with its clock at `virtual`; returns the real launch time."""
    bot.env["PROJEKTBOT_NOW"] = _iso(virtual)
    launched = time.monotonic()
    bot.start(timeout=30)
    return launched


def register_users(bot: LocalBot) -> None:
    _start(bot, FIRST_DUE - dt.timedelta(hours=1, minutes=10))  # nothing due in its window
    for uid, role, kommune in USERS:
        bot.register(uid, role, PROJECT, kommune)
    bot.kill()


def expected_reminders(bot: LocalBot) -> list[dict[str, Any]]:
    done = bot.cli("reminders", "--from", DAY.isoformat(), "--to", DAY.isoformat(),
                   "--project", PROJECT, "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    last = FIRST_DUE + dt.timedelta(minutes=MEETINGS)
    return [r for r in rows
            if FIRST_DUE <= dt.datetime.fromisoformat(r["due_at"]) < last]


def _received(bot: LocalBot, uid: int) -> list[str]:
    return [html.unescape(m["text"] or "") for m in bot.messages(uid) if m.get("from") == "bot"]


def _sent_count(bot: LocalBot) -> int:
    return sum(1 for uid, _r, _k in USERS for t in _received(bot, uid) if "Testmøde" in t)


def _claimed(db: Path) -> set[str]:
    """Reminder ids a stopped run claimed but did not mark sent."""
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute(
            "select id from reminder_log where status = 'claimed'")}
    finally:
        conn.close()


def _arrived(bot: LocalBot) -> set[tuple[int, str]]:
    """(chat, text) of the bot's messages in the stand-in's saved state (the bot is down)."""
    state = json.loads(bot.db.with_suffix(".standin.json").read_text(encoding="utf-8"))
    return {(int(e["chat_id"]), html.unescape(e["text"] or ""))
            for e in state.get("feed", []) if e.get("from") == "bot"}


def _stop(bot: LocalBot, how: str) -> None:
    if how == "kill" or bot.proc is None:
        bot.kill()
        return
    bot.proc.send_signal(signal.SIGTERM)
    bot.proc.wait(30)
    bot.proc = None


def _sleep_until_kill(rng: random.Random, launched: float, due_in: float) -> None:
    """Sleep until a random moment around the due time (-0.4 … +0.8 s), or, when it
    passed while the bot was starting, 0–1 s after it is up."""
    due_at = launched + due_in + IMPORT_LAG
    now = time.monotonic()
    kill_at = due_at + rng.uniform(-0.4, 0.8)
    if kill_at <= now:
        kill_at = now + rng.uniform(0.0, 1.0)
    time.sleep(kill_at - now)


def run_cycles(workdir: Path, cycles: int = 50, seed: int = 7, stop: str = "kill") -> Result:
    rng = random.Random(seed)
    started = time.monotonic()
    data = make_data(workdir / "data")
    bot = LocalBot(workdir / "bot", data_dir=data)
    bot.workdir.mkdir(parents=True, exist_ok=True)
    try:
        register_users(bot)
        expected = expected_reminders(bot)
        by_id = {r["id"]: (int(r["user_id"]), r["text"]) for r in expected}
        virtual = FIRST_DUE - dt.timedelta(seconds=5)
        mid_burst = before = 0
        delivered: set[str] = set()
        undelivered: set[str] = set()
        for i in range(cycles):
            target = FIRST_DUE + dt.timedelta(minutes=i * MEETINGS // cycles)
            virtual = max(virtual, target - dt.timedelta(seconds=rng.uniform(1.0, 4.0)))
            launched = _start(bot, virtual)
            _sleep_until_kill(rng, launched, (target - virtual).total_seconds())
            after = _sent_count(bot)
            _stop(bot, stop)
            virtual += dt.timedelta(seconds=time.monotonic() - launched)
            due_so_far = len(USERS) * (1 + i * MEETINGS // cycles)
            mid_burst += before < after < due_so_far
            before = after
            arrived = _arrived(bot)
            for rid in _claimed(bot.db) & by_id.keys():
                (delivered if by_id[rid] in arrived else undelivered).add(rid)
        final = FIRST_DUE + dt.timedelta(minutes=MEETINGS - 1) + CLAIM_TIMEOUT \
            + dt.timedelta(minutes=1)
        _start(bot, max(virtual, final))
        _wait_for(bot, expected, timeout=30)
        time.sleep(2.0)  # anything doubled would arrive now
        result = _compare(bot, expected, stop, cycles, time.monotonic() - started)
        result.kills_mid_burst = mid_burst
        result.in_doubt_delivered = len(delivered)
        result.in_doubt_undelivered = len(undelivered - delivered)
        result.in_doubt_delivered_ids = sorted(delivered)
        return result
    finally:
        bot.stop()


def _wait_for(bot: LocalBot, expected: list[dict[str, Any]], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(r["text"] in _received(bot, r["user_id"]) for r in expected):
            return
        time.sleep(0.2)


def _compare(bot: LocalBot, expected: list[dict[str, Any]], stop: str, cycles: int,
             seconds: float) -> Result:
    by_user: dict[int, Counter[str]] = {uid: Counter(_received(bot, uid)) for uid, *_ in USERS}
    wanted = {(r["user_id"], r["text"]): r["id"] for r in expected}
    dup = lost = once = unexpected = 0
    details: list[str] = []
    duplicated: list[str] = []
    for (uid, text), rid in sorted(wanted.items()):
        n = by_user[uid][text]
        once += n == 1
        dup += max(0, n - 1)
        lost += n == 0
        if n > 1:
            duplicated.append(rid)
        if n != 1:
            details.append(f"user {uid}: {n}× {text.splitlines()[0]}")
    for uid, counts in by_user.items():
        for text, n in counts.items():
            if (uid, text) not in wanted and "Testmøde" in text:
                unexpected += n
                details.append(f"user {uid}: unexpected {n}× {text.splitlines()[0]}")
    return Result(stop, cycles, round(seconds, 1), len(wanted), once, dup, lost, unexpected, 0,
                  duplicated_ids=duplicated, details=details)


def main() -> int:
    cycles = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    stops = sys.argv[3:] or ["kill", "term"]
    ok = True
    for stop in stops:
        with tempfile.TemporaryDirectory(prefix="projektbot-restarts-") as tmp:
            result = run_cycles(Path(tmp), cycles, seed, stop)
        print(json.dumps(result.as_json(), ensure_ascii=False), flush=True)
        for line in result.details:
            print(" ", line)
        ok &= result.duplicates == result.lost == result.unexpected == 0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
