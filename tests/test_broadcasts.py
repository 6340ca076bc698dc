"""Broadcast logic without Telegram: audience computation, planning dates, claim and resume,
and the stand-in's bulk user registration and user documents."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp

from bot import outbox
from bot.broadcasts import Audience, Broadcasts, parse_when, select_recipients
from bot.standin import start_standin
from bot.store import Membership, Store, User

NOW = dt.datetime(2025, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def user(uid: int, *members: tuple[str, str, str | None], active: bool = True) -> User:
    return User(uid, f"U{uid}", None, members[0][0] if members else None, NOW, active,
                tuple(Membership(p, r, k) for p, r, k in members))  # type: ignore[arg-type]


USERS = [
    user(1, ("voksenliv", "koordinator", None)),
    user(2, ("voksenliv", "projektleder", "Odense")),
    user(3, ("voksenliv", "praktiker", "Aarhus")),
    user(4, ("mestring-born", "projektleder", "Vejle")),
    user(5, ("voksenliv", "projektleder", "Aarhus"), ("mestring-born", "praktiker", "Vejle")),
    user(6, ("voksenliv", "praktiker", "Odense"), active=False),
]


def test_audiences() -> None:
    mine = ["voksenliv"]
    assert select_recipients(USERS, Audience("all"), mine, exclude=[1]) == [2, 3, 5]
    both = ["voksenliv", "mestring-born"]
    assert select_recipients(USERS, Audience("all"), both, exclude=[1]) == [2, 3, 4, 5]
    assert select_recipients(USERS, Audience("project", project="mestring-born"), both) == [4, 5]
    # a project outside the sender's projects gives nobody
    assert select_recipients(USERS, Audience("project", project="mestring-born"), mine) == []
    assert select_recipients(USERS, Audience("kommuner", kommuner=("Odense",)), mine) == [2]
    assert select_recipients(USERS, Audience("kommuner", kommuner=("Aarhus", "Vejle")),
                             both) == [3, 4, 5]  # fmt: skip
    assert select_recipients(USERS, Audience("role", role="praktiker"), mine) == [3]
    assert select_recipients(USERS, Audience("role", role="praktiker"), both) == [3, 5]


def test_missing_self_evaluation() -> None:
    missing = Audience("missing")
    assert select_recipients(USERS, missing, ["voksenliv"], submitted={}) == [2, 5]
    done = {"voksenliv": {"Odense"}}
    assert select_recipients(USERS, missing, ["voksenliv"], submitted=done) == [5]


def test_audience_round_trips_as_json() -> None:
    a = Audience("kommuner", kommuner=("Ærø", "Odense"))
    assert Audience.from_json(a.to_json()) == a
    assert Audience.from_json(None) == Audience("all")


def test_parse_when() -> None:
    tz = NOW.tzinfo
    assert parse_when("24/11 kl. 9", NOW) == dt.datetime(2025, 11, 24, 9, 0, tzinfo=tz)
    assert parse_when("i morgen kl 10", NOW) == dt.datetime(2025, 11, 21, 10, 0, tzinfo=tz)
    assert parse_when("I morgen kl. 10.30", NOW) == dt.datetime(2025, 11, 21, 10, 30, tzinfo=tz)
    assert parse_when("2025-11-24 09:00", NOW) == dt.datetime(2025, 11, 24, 9, 0, tzinfo=tz)
    assert parse_when("fredag 14.30", NOW) == dt.datetime(2025, 11, 21, 14, 30, tzinfo=tz)
    assert parse_when("24. november kl 8", NOW) == dt.datetime(2025, 11, 24, 8, 0, tzinfo=tz)
    assert parse_when("1/2", NOW) == dt.datetime(2026, 2, 1, 9, 0, tzinfo=tz)  # next year
    for bad in ("hej", "32/1", "mandag kl 25", "2025-13-01"):
        assert parse_when(bad, NOW) is None, bad


def test_claim_settle_and_resume_never_twice(tmp_path: Path) -> None:
    store = Store(tmp_path / "b.db")
    b = Broadcasts(store)
    bid = b.create(1, ["voksenliv"], "Hej")
    assert b.start(bid, [10, 11, 12, 13, 14])
    assert not b.start(bid, [99])  # frozen: once
    outbox.record(store, 11, [3, 7])  # earlier messages to 11 (the mark is the newest)
    assert b.claim_next(bid) == 10
    assert b.claim_next(bid, (10, "delivered", None, 5)) == 11
    assert b.claim_next(bid) == 12  # three on their way at once
    assert b.claim_next(bid) == 13
    # crash here: 11, 12 and 13 are claimed, maybe sent. A new process looks for them:
    b2 = Broadcasts(Store(tmp_path / "b.db"))
    assert b2.in_doubt(bid) == [11, 12, 13]
    assert [b2.mark(bid, u) for u in (10, 11, 12, 14)] == [0, 7, 0, None]
    b2.resolve(bid, 11, 8, arrived=True)  # found in the chat
    b2.resolve(bid, 12, None, arrived=False)  # not there: sent now
    b2.resolve(bid, 13, None, arrived=None)  # unknown: never twice
    assert b2.in_doubt(bid) == []
    rest = []
    settled = None
    while (uid := b2.claim_next(bid, settled)) is not None:
        rest.append(uid)
        settled = (uid, "blocked" if uid == 14 else "delivered", None, 1)
    assert rest == [12, 14]
    assert b2.finish(bid) and not b2.finish(bid)
    report = b2.report(bid)
    assert (report.total, report.delivered, report.blocked, report.failed) == (5, 3, 1, 1)
    assert report.reasons == {"interrupted": 1, "blocked": 1}
    assert b2.acknowledge(bid, 10) and not b2.acknowledge(bid, 10)
    assert b2.acknowledge(bid, 11)  # found after the crash: delivered
    assert not b2.acknowledge(bid, 13)  # not delivered
    assert b2.report(bid).acknowledged == 2


def test_plan_edit_cancel_only_before_sending(tmp_path: Path) -> None:
    b = Broadcasts(Store(tmp_path / "b.db"))
    bid = b.create(1, ["voksenliv"], "Hej")
    assert b.set_audience(bid, Audience("role", role="praktiker"))
    assert b.plan(bid, NOW)
    assert b.set_text(bid, "Hej igen") and not b.set_audience(bid, Audience("all"))
    assert b.in_state("planned")[0].text == "Hej igen"
    assert b.start(bid, [2])
    assert not b.cancel(bid) and not b.set_text(bid, "for sent") and not b.plan(bid, NOW)
    other = b.create(1, ["voksenliv"], "Nej")
    assert b.cancel(other) and not b.start(other, [2])
    assert [x.id for x in b.recent(["voksenliv"])] == [other, bid]
    assert b.recent(["mestring-born"]) == []


def test_recipient_rows_are_part_of_a_users_data(tmp_path: Path) -> None:
    store = Store(tmp_path / "b.db")
    b = Broadcasts(store)
    bid = b.create(1, ["voksenliv"], "Hej")
    b.start(bid, [42])
    assert store.user_data_export(42)["broadcast_recipients"][0]["broadcast_id"] == bid


def test_standin_bulk_users_and_user_documents() -> None:
    async def scenario() -> None:
        standin, runner = await start_standin(port=0)
        try:
            base = f"http://127.0.0.1:{standin.port}"
            async with aiohttp.ClientSession(base) as client:
                r = await client.post("/client/users", json={"users": [{"user_id": 5},
                                                                       {"user_id": 6}]})
                assert (await r.json())["users"] == 2
                assert {5, 6} <= set(standin.state.chats) and not standin.state.updates
                bad = await client.post("/client/users", json={"users": [{"x": 1}]})
                assert bad.status == 400
                doc = {"file_name": "a.txt", "content": base64.b64encode(b"abc").decode()}
                r = await client.post("/client/send", json={"user_id": 5, "text": "",
                                                            "document": doc, "caption": "Se"})
                assert r.status == 200
                update = standin.state.updates[-1]["message"]
                assert update["document"]["file_name"] == "a.txt" and update["caption"] == "Se"
                assert standin.state.files[update["document"]["file_id"]].data == b"abc"
        finally:
            await runner.cleanup()

    asyncio.run(scenario())


def test_submitted_kommuner_reads_the_self_evaluations(tmp_path: Path) -> None:
    from bot.broadcasts import submitted_kommuner
    from bot.evaluations import EVALUATIONS, Evaluations

    store = Store(tmp_path / "b.db")
    Evaluations(store)
    assert submitted_kommuner(store, "voksenliv", "2025-Q4") == set()
    columns = {c.name for c in store.db.table(EVALUATIONS).columns}
    row = {"project": "voksenliv", "kommune": "Odense", "round_id": "2025-Q4",
           "state": "submitted", "answers": "{}", "version": 1}
    with store.transaction() as db:
        db.table(EVALUATIONS).insert({k: v for k, v in row.items() if k in columns},
                                     alter=False)
    assert submitted_kommuner(store, "voksenliv", "2025-Q4") == {"Odense"}
    assert submitted_kommuner(store, "voksenliv", None) == set()
