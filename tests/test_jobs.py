"""The reminders' scheduling side without Telegram: the exactly-once claim/sent
ledger, blocked users and send errors, the misfire rule, idempotent re-planning,
preferences, changed data and the controllable clock."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder

from bot import outbox
from bot.clock import Clock
from bot.dates import TZ
from bot.evaluations import EVALUATIONS, Evaluations
from bot.loader import Knowledge, load_knowledge
from bot.settings import DEFAULT_DATA
from bot.store import Store
from scheduler import jobs
from scheduler.jobs import Deliverer, due_reminders, preview, record_changes, schedule
from scheduler.ledger import Ledger, rounds, submitted_rounds
from scheduler.planner import Preferences, Reminder

UTC = dt.UTC
T0 = dt.datetime(2022, 1, 19, 8, 0, tzinfo=UTC)  # 09:00 in Copenhagen


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "bot.db")
    yield s
    s.close()


def register(store: Store, user_id: int, project: str = "mestring-born",
             role: str = "projektleder", kommune: str | None = "Vejle") -> None:
    code = store.create_invitation(role, project, kommune, "test")  # type: ignore[arg-type]
    store.redeem(code.code, user_id, f"Bruger {user_id}", None)


def reminder(rid: str = "meeting:p:a:0@2022-01-20:1d:600", user_id: int = 600,
             due: dt.datetime = T0, event: dt.datetime | None = T0 + dt.timedelta(hours=15),
             kind: str = "meeting") -> Reminder:
    return Reminder(rid, user_id, due, event, kind, "Påmindelse", None, "mestring-born")


class Clocked:
    """A clock the test moves."""

    def __init__(self, now: dt.datetime = T0):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


class Recorder:
    """A fake `send` that records, optionally waits, and raises what it is told."""

    def __init__(self, delay: float = 0.0):
        self.sent: list[str] = []
        self.delay = delay
        self.errors: list[Exception] = []

    async def __call__(self, r: Reminder) -> None:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(r.id)


def deliverer(store: Store, clock: Clocked, run: str = "run-a") -> Deliverer:
    return Deliverer(Ledger(store), clock, run=run)


# -- the ledger: claim → sent, exactly once --------------------------------------------------


def test_a_claim_is_given_once_and_a_sent_reminder_never_again(store: Store) -> None:
    ledger, r = Ledger(store), reminder()
    assert ledger.claim(r, T0, "a", jobs.CLAIM_TIMEOUT)
    assert not ledger.claim(r, T0, "b", jobs.CLAIM_TIMEOUT)
    ledger.mark_sent(r.id, T0)
    assert not ledger.claim(r, T0 + dt.timedelta(days=1), "b", jobs.CLAIM_TIMEOUT)
    assert ledger.entry(r.id) is not None and ledger.entry(r.id).status == "sent"  # type: ignore[union-attr]


def test_a_stale_claim_of_a_dead_run_is_taken_again_after_the_timeout(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "x.db"), Store(tmp_path / "x.db")  # two processes
    try:
        r = reminder()
        assert Ledger(first).claim(r, T0, "dead", jobs.CLAIM_TIMEOUT)
        later = T0 + jobs.CLAIM_TIMEOUT - dt.timedelta(seconds=1)
        assert not Ledger(second).claim(r, later, "new", jobs.CLAIM_TIMEOUT)
        assert Ledger(second).claim(r, later + dt.timedelta(seconds=2), "new", jobs.CLAIM_TIMEOUT)
        entry = Ledger(second).entry(r.id)
        assert entry is not None and entry.run == "new" and entry.attempts == 2
    finally:
        first.close()
        second.close()


def test_deliver_sends_once_also_when_called_again(store: Store) -> None:
    register(store, 600)
    send, d = Recorder(), deliverer(store, Clocked())
    assert asyncio.run(d.deliver(reminder(), send)).status == "sent"
    assert asyncio.run(d.deliver(reminder(), send)).status == "taken"
    assert asyncio.run(deliverer(store, Clocked(), "run-b").deliver(reminder(), send)).status \
        == "taken"
    assert send.sent == [reminder().id]


def test_overlapping_deliveries_send_once(tmp_path: Path) -> None:
    """Two tasks of one run and a second run on the same database, all at once."""
    stores = [Store(tmp_path / "y.db") for _ in range(2)]
    try:
        register(stores[0], 600)
        send = Recorder(delay=0.05)
        a, b = deliverer(stores[0], Clocked(), "a"), deliverer(stores[1], Clocked(), "b")

        async def main() -> list[str]:
            out = await asyncio.gather(*(d.deliver(reminder(), send) for d in (a, a, b, b, a)))
            return [o.status for o in out]

        statuses = asyncio.run(main())
        assert statuses.count("sent") == 1 and statuses.count("taken") == 4
        assert send.sent == [reminder().id]
    finally:
        for s in stores:
            s.close()


# -- errors ------------------------------------------------------------------------------------


def test_a_user_who_blocked_the_bot_is_marked_inactive_and_not_retried(store: Store) -> None:
    register(store, 600)
    send, d = Recorder(), deliverer(store, Clocked())
    send.errors.append(Forbidden("Forbidden: bot was blocked by the user"))
    assert asyncio.run(d.deliver(reminder(), send)).status == "blocked"
    user = store.user(600)
    assert user is not None and not user.active
    assert Ledger(store).entry(reminder().id).status == "dropped"  # type: ignore[union-attr]
    store.set_active(600, True)  # even if they come back, that reminder is not repeated
    assert asyncio.run(d.deliver(reminder(), send)).status == "taken"
    assert send.sent == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("kind", ["retry_after", "network"])
def test_retry_after_and_network_errors_release_the_claim(store: Store, kind: str) -> None:
    error = RetryAfter(3) if kind == "retry_after" else NetworkError("connection reset")
    register(store, 600)
    send, d = Recorder(), deliverer(store, Clocked())
    send.errors.append(error)
    outcome = asyncio.run(d.deliver(reminder(), send))
    assert outcome.status == "retry" and outcome.retry_in is not None
    assert Ledger(store).entry(reminder().id) is None
    assert asyncio.run(d.deliver(reminder(), send)).status == "sent"
    assert send.sent == [reminder().id]


def test_a_bad_request_is_dropped_not_repeated(store: Store) -> None:
    register(store, 600)
    send, d = Recorder(), deliverer(store, Clocked())
    send.errors.append(BadRequest("Chat not found"))
    assert asyncio.run(d.deliver(reminder(), send)).status == "dropped"
    assert asyncio.run(d.deliver(reminder(), send)).status == "taken"
    assert send.sent == []


def test_muted_and_unknown_users_get_nothing(store: Store) -> None:
    register(store, 600)
    Ledger(store).save_preferences(600, Preferences(muted=True), T0)
    send = Recorder()
    d = deliverer(store, Clocked())
    assert asyncio.run(d.deliver(reminder(), send)).status == "unwanted"
    assert asyncio.run(d.deliver(reminder(user_id=999), send)).status == "unwanted"
    assert send.sent == []


# -- the misfire rule --------------------------------------------------------------------------


@pytest.mark.parametrize(("late_by", "event_in", "expected"), [
    (dt.timedelta(minutes=0), dt.timedelta(hours=1), "sent"),
    (dt.timedelta(minutes=50), dt.timedelta(minutes=5), "sent"),  # short outage: still sent
    (dt.timedelta(minutes=61), dt.timedelta(hours=5), "late"),  # beyond the grace
    (dt.timedelta(minutes=10), dt.timedelta(0), "late"),  # the event has started
    (dt.timedelta(minutes=10), -dt.timedelta(minutes=1), "late"),
])
def test_misfire_grace_but_never_after_the_event(
    store: Store, late_by: dt.timedelta, event_in: dt.timedelta, expected: str
) -> None:
    register(store, 600)
    now = T0 + late_by
    send = Recorder()
    r = reminder(due=T0, event=now + event_in)
    assert asyncio.run(deliverer(store, Clocked(now)).deliver(r, send)).status == expected
    assert len(send.sent) == (expected == "sent")


def test_a_month_reminder_without_event_time_uses_only_the_grace(store: Store) -> None:
    register(store, 600)
    r = reminder(event=None, kind="month")
    d = deliverer(store, Clocked(T0 + dt.timedelta(minutes=59)))
    assert asyncio.run(d.deliver(r, Recorder())).status == "sent"


# -- planning and scheduling -------------------------------------------------------------------


def test_planning_reads_users_prefs_and_sent_ids_and_is_idempotent(
    store: Store, kb: Knowledge
) -> None:
    register(store, 600)
    register(store, 601, role="praktiker")
    register(store, 602)
    ledger = Ledger(store)
    ledger.save_preferences(602, Preferences(muted=True), T0)
    now = T0 - dt.timedelta(seconds=2)
    first = due_reminders(kb, store, ledger, now)
    assert first == due_reminders(kb, store, ledger, now)
    assert {r.user_id for r in first} == {600, 601}
    assert all(r.due_at == T0 and "opstartsmoede" in r.id for r in first)
    ledger.claim(first[0], T0, "a", jobs.CLAIM_TIMEOUT)
    ledger.mark_sent(first[0].id, T0)
    assert [r.id for r in due_reminders(kb, store, ledger, now)] == [first[1].id]


def test_schedule_keeps_one_job_per_reminder_and_removes_the_rest(
    store: Store, kb: Knowledge
) -> None:
    register(store, 600)
    register(store, 601)
    app = ApplicationBuilder().token("123:TEST").build()
    queue = app.job_queue
    assert queue is not None
    now = T0 - dt.timedelta(minutes=5)
    due = due_reminders(kb, store, Ledger(store), now)
    assert len(due) == 2
    assert schedule(queue, due, now) == 2
    assert schedule(queue, due, now) == 0  # a second pass changes nothing
    names = sorted(j.name or "" for j in queue.jobs())
    assert names == sorted(r.id for r in due)
    schedule(queue, due[:1], now)  # e.g. the other user muted
    assert [j.name for j in queue.jobs() if not j.removed] == [due[0].id]


def test_preferences_round_trip(store: Store) -> None:
    ledger = Ledger(store)
    prefs = Preferences(kinds=frozenset({"meeting", "change"}), days_before=(3,), muted=True)
    ledger.save_preferences(600, prefs, T0)
    assert ledger.preferences(600) == prefs
    assert ledger.preferences(601) == Preferences()
    assert store.user_data_export(600).get("reminder_prefs")  # /mine_data shows it


def test_submitted_rounds_get_no_deadline_reminders(store: Store, kb: Knowledge) -> None:
    register(store, 600, project="voksenliv", kommune="Odense")
    register(store, 601, project="voksenliv", kommune="Aarhus")
    first = rounds(kb)["voksenliv"][0]
    opens = dt.datetime.combine(first.opens, dt.time(6), tzinfo=TZ)
    Evaluations(store)
    with store.transaction() as db:
        db.table(EVALUATIONS).insert({"project": "voksenliv", "kommune": "Odense",
                                      "round_id": first.round_id, "state": "submitted",
                                      "answers": "{}", "version": 1})
    assert submitted_rounds(store) == {("voksenliv", first.round_id, "Odense")}
    out = preview(kb, store, opens, opens + dt.timedelta(days=1), "voksenliv")
    deadline = [r for r in out if r.kind == "deadline"]
    assert [r.user_id for r in deadline] == [601]
    assert deadline[0].button is not None and deadline[0].button[1] == "selveval:start"


def test_preview_without_users_uses_one_project_leader_per_project(
    store: Store, kb: Knowledge
) -> None:
    start = dt.datetime(2022, 1, 19, tzinfo=TZ)
    out = preview(kb, store, start, start + dt.timedelta(days=1))
    assert [(r.user_id, r.project) for r in out] == [(0, "mestring-born")]


# -- changed data ------------------------------------------------------------------------------


def _moved(tmp_path: Path) -> tuple[Knowledge, Knowledge]:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    old = load_knowledge(data)
    path = data / "projects" / "mestring-born.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count('"2022-01-20"') + text.count("2022-01-20") >= 1
    path.write_text(text.replace("2022-01-20", "2022-01-27", 1), encoding="utf-8")
    return old, load_knowledge(data)


def test_changed_date_makes_change_reminders_kept_until_sent(
    store: Store, tmp_path: Path
) -> None:
    register(store, 600)
    register(store, 700, project="voksenliv")
    old, new = _moved(tmp_path)
    ledger = Ledger(store)
    now = dt.datetime(2022, 1, 10, 9, 30, tzinfo=UTC)
    found, made = record_changes(store, ledger, old, new, now)
    assert [c.activity for c in found] == ["opstartsmoede"]
    assert [r.user_id for r in made] == [600] and made[0].kind == "change"
    assert "2022" in made[0].text and "→" in made[0].text
    assert ledger.snapshot() is not None
    due = due_reminders(new, store, ledger, now)
    assert made[0].id in {r.id for r in due}
    send = Recorder()
    d = Deliverer(ledger, Clocked(now))
    assert asyncio.run(d.deliver(made[0], send)).status == "sent"
    assert made[0].id not in {r.id for r in due_reminders(new, store, ledger, now)}


def test_changes_while_stopped_are_found_at_start(store: Store, tmp_path: Path) -> None:
    register(store, 600)
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    ledger = Ledger(store)
    now = dt.datetime(2022, 1, 10, 9, 30, tzinfo=UTC)
    assert jobs.changes_since_last_start(store, ledger, load_knowledge(data), now) == []
    path = data / "projects" / "mestring-born.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2022-01-20", "2022-01-27", 1),
                    encoding="utf-8")
    made = jobs.changes_since_last_start(store, ledger, load_knowledge(data), now)
    assert [r.user_id for r in made] == [600]
    assert jobs.changes_since_last_start(store, ledger, load_knowledge(data), now) == []


# -- the clock ---------------------------------------------------------------------------------


def test_clock_from_environment_runs_on_from_the_given_time() -> None:
    clock = Clock.from_env({"PROJEKTBOT_NOW": "2022-01-19T08:59:58"})
    now = clock.now()
    start = dt.datetime(2022, 1, 19, 7, 59, 58, tzinfo=UTC)  # Copenhagen time, winter
    assert start <= now < start + dt.timedelta(seconds=5)
    assert Clock.from_env({}).now().year >= 2025
    explicit = Clock.from_env({"PROJEKTBOT_NOW": "2022-07-01T12:00:00+00:00"}).now()
    assert explicit.hour == 12 and explicit.tzinfo is not None


def test_reminder_json_is_plain_data() -> None:
    data: dict[str, Any] = jobs.reminder_json(reminder())
    assert data["due_local"] == "2022-01-19T09:00:00+01:00" and data["kind"] == "meeting"


def test_a_dead_runs_claim_is_retried_when_it_goes_stale(store: Store) -> None:
    register(store, 600)
    Ledger(store).claim(reminder(), T0, "killed-run", jobs.CLAIM_TIMEOUT)
    clock, send = Clocked(T0 + dt.timedelta(seconds=20)), Recorder()
    d = deliverer(store, clock, "new-run")
    outcome = asyncio.run(d.deliver(reminder(), send))
    assert outcome.status == "taken" and outcome.retry_in is not None
    assert jobs.CLAIM_TIMEOUT - dt.timedelta(seconds=20) < outcome.retry_in \
        <= jobs.CLAIM_TIMEOUT
    clock.now += outcome.retry_in
    assert asyncio.run(d.deliver(reminder(), send)).status == "sent"
    assert send.sent == [reminder().id]


@pytest.mark.parametrize(("arrived", "status", "sent"), [
    (True, "found", 0),  # the dead run's message is in the chat: not again
    (False, "sent", 1),  # it is not: sent now
    (None, "sent", 1),  # nobody knows: at least once
])
def test_a_dead_runs_claim_is_looked_for_before_sending_again(
    store: Store, arrived: bool | None, status: str, sent: int
) -> None:
    register(store, 600)
    outbox.record(store, 600, [40, 41])
    Ledger(store).claim(reminder(), T0, "killed-run", jobs.CLAIM_TIMEOUT)
    looked: list[int] = []

    async def look(r: Reminder, after: int) -> bool | None:
        looked.append(after)
        return arrived

    outbox.record(store, 600, [43])  # sent after the claim: not the mark
    clock, send = Clocked(T0 + jobs.CLAIM_TIMEOUT + dt.timedelta(seconds=1)), Recorder()
    d = deliverer(store, clock, "new-run")
    assert asyncio.run(d.deliver(reminder(), send, look)).status == status
    assert looked == [41] and len(send.sent) == sent
    assert Ledger(store).entry(reminder().id).status == "sent"  # type: ignore[union-attr]
    # a first claim is never looked for
    assert asyncio.run(deliverer(store, clock).deliver(reminder("meeting:p:a:0@2022-01-20:1h:600"), send, look)
                       ).status == "sent" and looked == [41]  # fmt: skip


@pytest.mark.parametrize(("arrived", "status", "sent"), [
    (True, "found", 0),  # the answer was lost, but the message is in the chat
    (False, "retry", 0),  # it is not: tried again later
])
def test_a_lost_answer_is_looked_for_before_trying_again(
    store: Store, arrived: bool, status: str, sent: int
) -> None:
    register(store, 600)
    outbox.record(store, 600, [41])
    looked: list[int] = []

    async def look(r: Reminder, after: int) -> bool | None:
        looked.append(after)
        return arrived

    send = Recorder()
    send.errors.append(NetworkError("Bad Gateway"))
    d = deliverer(store, Clocked())
    assert asyncio.run(d.deliver(reminder(), send, look)).status == status
    assert looked == [41] and len(send.sent) == sent
    entry = Ledger(store).entry(reminder().id)
    assert (entry.status if entry else None) == ("sent" if arrived else None)
