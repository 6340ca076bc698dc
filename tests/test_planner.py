"""The reminder planner: times (weekends, holidays, night, DST), precision, rounds and
nudges, idempotence, deterministic ids, changed data and preferences."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.dates import TZ
from bot.loader import Knowledge
from bot.model import Activity, Project
from scheduler.planner import (
    PROJECT_LEADER,
    Preferences,
    Recipient,
    Reminder,
    RoundInfo,
    allowed_time,
    changes,
    local_time,
    plan,
    plan_changes,
)

UTC = dt.UTC
SRC = {"doc": "bilag2-mestring", "section": "test"}


# -- helpers ----------------------------------------------------------------------------------


def activity(aid: str, *whens: str, **extra: Any) -> Activity:
    data: dict[str, Any] = {
        "id": aid, "name": f"Aktivitet {aid}", "kind": "meeting", "sources": [SRC],
        "occurrences": [{"when": w, "source": SRC} for w in whens],
    }
    data.update(extra)
    return Activity.model_validate(data)


def project(*activities: Activity, pid: str = "testprojekt") -> Project:
    return Project.model_validate({
        "id": pid, "name": "Testprojekt", "short_name": "Testprojekt", "period": "2020/2030",
        "sources": [SRC], "activities": [a.model_dump(mode="json") for a in activities],
    })


def knowledge(kb: Knowledge, *projects: Project) -> Knowledge:
    return Knowledge(kb.documents, kb.strategy, {p.id: p for p in projects}, kb.forms,
                     kb.data_dir)


def user(uid: int = 1, pid: str = "testprojekt", role: str = "praktiker",
         kommune: str | None = "Odense", active: bool = True) -> Recipient:
    return Recipient(uid, pid, role, kommune, active)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def local(r: Reminder) -> tuple[str, int, int]:
    moment = r.due_at.astimezone(TZ)
    return moment.date().isoformat(), moment.hour, moment.minute


def for_activity(reminders: list[Reminder], aid: str) -> list[Reminder]:
    return [r for r in reminders if f":{aid}:" in r.id]


# -- exact dates ------------------------------------------------------------------------------


def test_opstartsmoede_in_mestring_born_7_and_1_days_before_at_nine(kb: Knowledge) -> None:
    out = plan(utc(2022, 1, 1), kb, [user(pid="mestring-born")], {}, set())
    mine = for_activity(out, "opstartsmoede")
    assert [local(r) for r in mine] == [("2022-01-13", 9, 0), ("2022-01-19", 9, 0)]
    assert all(r.kind == "meeting" and r.user_id == 1 for r in mine)
    assert mine[0].due_at == utc(2022, 1, 13, 8)  # winter: UTC+1
    assert mine[0].event_at == local_time(dt.date(2022, 1, 20), 0)
    assert "Odense" in mine[0].text and "2022" in mine[0].text
    assert mine[0].id == "meeting:mestring-born:opstartsmoede:0@2022-01-20:7d:1"


def test_text_has_duration_and_duties_from_the_data(kb: Knowledge) -> None:
    a = activity("ws", "2025-09-10", place="Vejle Rådhus", duration={"text": "3 timer", "source": SRC},
                 duties=["Medbring jeres handleplan"])
    [first, _second] = plan(utc(2025, 9, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert "Vejle Rådhus" in first.text
    assert "3 timer" in first.text
    assert "Medbring jeres handleplan" in first.text


def test_weekend_moves_to_the_next_allowed_morning(kb: Knowledge) -> None:
    a = activity("a", "2024-06-15")  # a Saturday; 7 days before is a Saturday too
    out = plan(utc(2024, 6, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert [local(r) for r in out] == [("2024-06-10", 9, 0), ("2024-06-14", 9, 0)]
    assert [r.id.split(":")[-2] for r in out] == ["7d", "1d"]


def test_a_move_past_the_event_drops_the_reminder(kb: Knowledge) -> None:
    a = activity("a", "2024-06-17")  # a Monday, time unknown: the Sunday reminder cannot move
    out = plan(utc(2024, 6, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert [local(r) for r in out] == [("2024-06-10", 9, 0)]


def test_kristi_himmelfartsdag_moves_to_the_next_morning(kb: Knowledge) -> None:
    a = activity("a", "2024-05-10T13:00")  # the day before is Kristi himmelfartsdag
    out = plan(utc(2024, 4, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert [local(r) for r in out] == [("2024-05-03", 9, 0), ("2024-05-10", 9, 0)]
    assert all(r.due_at < r.event_at for r in out if r.event_at)


def test_second_christmas_day_and_new_year_move(kb: Knowledge) -> None:
    a = activity("a", "2025-01-02T10:00")  # 7 days before: 2. juledag; 1 day before: nytårsdag
    out = plan(utc(2024, 12, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert [local(r) for r in out] == [("2024-12-27", 9, 0), ("2025-01-02", 9, 0)]


def test_night_moves_to_the_morning() -> None:
    evening = dt.datetime(2025, 3, 4, 21, 30, tzinfo=TZ)  # a Tuesday
    early = dt.datetime(2025, 3, 4, 6, 0, tzinfo=TZ)
    day = dt.datetime(2025, 3, 4, 14, 0, tzinfo=TZ)
    friday_night = dt.datetime(2025, 3, 7, 20, 0, tzinfo=TZ)
    assert allowed_time(evening).astimezone(TZ) == dt.datetime(2025, 3, 5, 9, 0, tzinfo=TZ)
    assert allowed_time(early).astimezone(TZ) == dt.datetime(2025, 3, 4, 9, 0, tzinfo=TZ)
    assert allowed_time(day) == day.astimezone(UTC)
    assert allowed_time(friday_night).astimezone(TZ) == dt.datetime(2025, 3, 10, 9, 0, tzinfo=TZ)


def test_hour_before_a_virtual_meeting(kb: Knowledge) -> None:
    a = activity("v", "2025-03-12T14:00", format=["virtual"], link="https://møde.example/abc")
    out = plan(utc(2025, 3, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert [local(r) for r in out] == [("2025-03-05", 9, 0), ("2025-03-11", 9, 0),
                                       ("2025-03-12", 13, 0)]
    assert out[-1].id.endswith(":1h:1")
    assert "https://møde.example/abc" in out[-1].text


def test_hour_before_an_early_virtual_meeting_would_be_at_night_and_is_dropped(
        kb: Knowledge) -> None:
    a = activity("v", "2025-03-12T08:30", format=["virtual"])
    out = plan(utc(2025, 3, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert not any(r.id.endswith(":1h:1") for r in out)


def test_no_hour_before_a_physical_meeting_or_without_time(kb: Knowledge) -> None:
    a = activity("p", "2025-03-12T14:00", format=["physical"])
    b = activity("v", "2025-03-12", format=["virtual"])
    out = plan(utc(2025, 3, 1), knowledge(kb, project(a, b)), [user()], {}, set())
    assert not any(":1h:" in r.id for r in out)


# -- daylight saving time ---------------------------------------------------------------------


def test_dst_last_sunday_of_march(kb: Knowledge) -> None:
    a = activity("a", "2025-04-01")  # 30 March 2025 is the last Sunday of March
    out = plan(utc(2025, 3, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert [r.due_at for r in out] == [utc(2025, 3, 25, 8), utc(2025, 3, 31, 7)]


def test_dst_last_sunday_of_october(kb: Knowledge) -> None:
    a = activity("a", "2025-10-28")  # 26 October 2025 is the last Sunday of October
    out = plan(utc(2025, 10, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert [r.due_at for r in out] == [utc(2025, 10, 21, 7), utc(2025, 10, 27, 8)]


def test_dst_hour_before_a_virtual_meeting_the_day_after_the_change(kb: Knowledge) -> None:
    a = activity("v", "2025-03-31T10:00", format=["virtual"])
    out = plan(utc(2025, 3, 29), knowledge(kb, project(a)), [user()], {}, set())
    assert [r.due_at for r in out] == [utc(2025, 3, 31, 7)]  # 09:00 summer time
    assert out[0].event_at == utc(2025, 3, 31, 8)


# -- month, quarter, year ---------------------------------------------------------------------


def test_month_only_one_reminder_at_the_first_allowed_morning(kb: Knowledge) -> None:
    a = activity("m", "2025-11")  # 1 November 2025 is a Saturday
    out = plan(utc(2025, 10, 1), knowledge(kb, project(a)), [user()], {}, set())
    [r] = out
    assert (r.kind, local(r), r.event_at) == ("month", ("2025-11-03", 9, 0), None)
    assert r.id == "month:testprojekt:m:0@2025-11:start:1"
    assert "2025" in r.text


def test_month_only_from_the_data(kb: Knowledge) -> None:
    out = plan(utc(2023, 2, 15), kb, [user(pid="voksenliv")], {}, set(),
               horizon=dt.timedelta(days=20))
    mine = for_activity(out, "modningsworkshops")
    assert [(r.kind, local(r)) for r in mine] == [("month", ("2023-03-01", 9, 0))]


def test_quarter_only_and_year_only(kb: Knowledge) -> None:
    a = activity("q", "2025-Q3")
    b = activity("y", "2026")
    out = plan(utc(2025, 6, 1), knowledge(kb, project(a, b)), [user()], {}, set())
    assert [(r.id, local(r)) for r in out] == [
        ("month:testprojekt:q:0@2025-Q3:start:1", ("2025-07-01", 9, 0)),
        ("month:testprojekt:y:0@2026:start:1", ("2026-01-02", 9, 0)),  # 1 Jan is a holiday
    ]
    assert out[0].due_at == utc(2025, 7, 1, 7)


def test_span_of_months_reminds_at_its_start(kb: Knowledge) -> None:
    a = activity("s", "2025-04/2025-06")
    [r] = plan(utc(2025, 3, 1), knowledge(kb, project(a)), [user()], {}, set())
    assert local(r) == ("2025-04-01", 9, 0)


def test_recurrence_without_dates_gives_nothing(kb: Knowledge) -> None:
    a = activity("r", recurrence={"every": "month", "text": "hver måned", "source": SRC})
    assert plan(utc(2025, 1, 1), knowledge(kb, project(a)), [user()], {}, set()) == []


# -- self-evaluation rounds -------------------------------------------------------------------


ROUND = RoundInfo("testprojekt", "2025-q1", dt.date(2025, 3, 3), dt.date(2025, 3, 31),
                  "1. kvartal 2025")


def test_rounds_only_to_leaders_of_municipalities_that_have_not_submitted(kb: Knowledge) -> None:
    users = [
        user(1, role=PROJECT_LEADER, kommune="Aarhus"),
        user(2, role=PROJECT_LEADER, kommune="Odense"),
        user(3, role="praktiker", kommune="Odense"),
    ]
    out = plan(utc(2025, 3, 1), knowledge(kb, project()), users, {}, set(),
               rounds={"testprojekt": [ROUND]},
               submitted=frozenset({("testprojekt", "2025-q1", "Aarhus")}))
    assert {r.user_id for r in out} == {2}
    assert [(r.kind, local(r)) for r in out] == [
        ("deadline", ("2025-03-03", 9, 0)),  # opens
        ("deadline", ("2025-03-24", 9, 0)),  # 7 days before
        ("deadline", ("2025-03-31", 9, 0)),  # 1 day before is a Sunday: the deadline morning
        ("nudge", ("2025-04-02", 9, 0)),
        ("nudge", ("2025-04-07", 9, 0)),
    ]
    assert all(r.button is not None and r.button[1] == "selveval:start" for r in out)


def test_at_most_two_nudges_and_none_after_submitting(kb: Knowledge) -> None:
    leader = user(2, role=PROJECT_LEADER, kommune="Odense")
    k = knowledge(kb, project())
    out = plan(utc(2025, 4, 1), k, [leader], {}, set(), rounds={"testprojekt": [ROUND]})
    assert [r.kind for r in out] == ["nudge", "nudge"]
    done = frozenset({("testprojekt", "2025-q1", "Odense")})
    assert plan(utc(2025, 4, 1), k, [leader], {}, set(), rounds={"testprojekt": [ROUND]},
                submitted=done) == []


def test_round_activity_is_not_reminded_twice(kb: Knowledge) -> None:
    rnd = RoundInfo("voksenliv", "2023-03", dt.date(2023, 3, 1), dt.date(2023, 3, 31), "marts 2023")
    leader = user(1, pid="voksenliv", role=PROJECT_LEADER)
    without = plan(utc(2023, 2, 15), kb, [leader], {}, set(), horizon=dt.timedelta(days=60))
    with_rounds = plan(utc(2023, 2, 15), kb, [leader], {}, set(),
                       horizon=dt.timedelta(days=60), rounds={"voksenliv": [rnd]})
    assert for_activity(without, "selvevaluering")
    assert not for_activity(with_rounds, "selvevaluering")
    assert any(r.kind == "deadline" for r in with_rounds)


# -- idempotence and ids ----------------------------------------------------------------------


def test_planning_again_with_the_sent_ids_gives_nothing_new(kb: Knowledge) -> None:
    users = [user(i, pid=p) for i, p in enumerate(sorted(kb.projects), start=1)]
    first = plan(utc(2022, 1, 1), kb, users, {}, set(), horizon=dt.timedelta(days=3000))
    assert first
    assert len({r.id for r in first}) == len(first)
    again = plan(utc(2022, 1, 1), kb, users, {}, {r.id for r in first},
                 horizon=dt.timedelta(days=3000))
    assert again == []


def test_ids_are_the_same_across_runs_and_an_unrelated_change(kb: Knowledge) -> None:
    users = [user(1, pid="mestring-born"), user(2, pid="mestring-born", role=PROJECT_LEADER)]
    first = plan(utc(2022, 1, 1), kb, users, {}, set())
    assert first == plan(utc(2022, 1, 1), kb, users, {}, set())
    mb = kb.projects["mestring-born"]
    moved = [a.model_copy(update={"occurrences": [o.model_copy(update={
        "when": o.when.parse("2022-11-15")}) for o in a.occurrences]})
        if a.id == "modul-3" else a for a in mb.activities]
    reloaded = Knowledge(kb.documents, kb.strategy,
                         {**kb.projects, "mestring-born": mb.model_copy(update={"activities": moved})},
                         kb.forms, kb.data_dir)
    second = plan(utc(2022, 1, 1), reloaded, users, {}, set())
    unrelated = {r.id for r in first if ":modul-3:" not in r.id}
    assert unrelated == {r.id for r in second if ":modul-3:" not in r.id}
    assert {r.id for r in first if ":modul-3:" in r.id}.isdisjoint(
        {r.id for r in second if ":modul-3:" in r.id})


def test_misfire_grace_and_started_events(kb: Knowledge) -> None:
    a = activity("v", "2025-03-12T14:00", format=["virtual"])
    k = knowledge(kb, project(a))
    due = utc(2025, 3, 12, 12)  # 13:00 local, the hour-before reminder
    late = plan(due + dt.timedelta(minutes=30), k, [user()], {}, set())
    assert [r.id.split(":")[-2] for r in late] == ["1h"]
    assert plan(due + dt.timedelta(hours=2), k, [user()], {}, set()) == []
    started = plan(utc(2025, 3, 12, 13, 30), k, [user()], {}, set(),
                   misfire_grace=dt.timedelta(hours=3))
    assert started == []


def test_horizon(kb: Knowledge) -> None:
    a = activity("a", "2025-09-10")
    k = knowledge(kb, project(a))
    assert plan(utc(2025, 1, 1), k, [user()], {}, set(), horizon=dt.timedelta(days=30)) == []
    assert len(plan(utc(2025, 1, 1), k, [user()], {}, set())) == 2


def test_naive_now_is_refused(kb: Knowledge) -> None:
    with pytest.raises(ValueError):
        plan(dt.datetime(2025, 1, 1), kb, [], {}, set())


# -- users and preferences --------------------------------------------------------------------


def test_muted_and_inactive_users_get_nothing(kb: Knowledge) -> None:
    a = activity("a", "2025-09-10")
    k = knowledge(kb, project(a))
    users = [user(1), user(2, active=False), user(3)]
    out = plan(utc(2025, 9, 1), k, users, {3: Preferences(muted=True)}, set())
    assert {r.user_id for r in out} == {1}


def test_users_of_other_projects_get_nothing(kb: Knowledge) -> None:
    a = activity("a", "2025-09-10")
    out = plan(utc(2025, 9, 1), knowledge(kb, project(a)), [user(pid="voksenliv")], {}, set())
    assert out == []


def test_preferences_days_before_hour_and_kinds(kb: Knowledge) -> None:
    a = activity("a", "2025-09-10T14:00", format=["virtual"])
    m = activity("m", "2025-10")
    k = knowledge(kb, project(a, m))
    prefs = {
        1: Preferences(days_before=(3,), hour=10, hour_before_virtual=False),
        2: Preferences(kinds=frozenset({"month"})),
    }
    out = plan(utc(2025, 9, 1), k, [user(1), user(2)], prefs, set())
    assert [(r.user_id, r.kind, local(r)) for r in out] == [
        (1, "meeting", ("2025-09-08", 10, 0)),  # 3 days before is a Sunday
        (2, "month", ("2025-10-01", 9, 0)),
        (1, "month", ("2025-10-01", 10, 0)),
    ]


def test_bad_preferences_are_refused() -> None:
    with pytest.raises(ValueError):
        Preferences(hour=22)
    with pytest.raises(ValueError):
        Preferences(kinds=frozenset({"spam"}))


# -- changed data -----------------------------------------------------------------------------


def _moved(kb: Knowledge) -> Knowledge:
    mb = kb.projects["mestring-born"]
    acts = []
    for a in mb.activities:
        if a.id == "opstartsmoede":
            occ = a.occurrences[0].model_copy(update={"when": a.occurrences[0].when.parse("2022-01-27")})
            a = a.model_copy(update={"occurrences": [occ], "place": "Vejle Rådhus", "address": None})
        acts.append(a)
    projects = {**kb.projects, "mestring-born": mb.model_copy(update={"activities": acts})}
    return Knowledge(kb.documents, kb.strategy, projects, kb.forms, kb.data_dir)


def test_changes_find_date_and_place_with_old_and_new(kb: Knowledge) -> None:
    assert changes(kb, kb) == []
    [c] = changes(kb, _moved(kb))
    assert (c.project, c.activity) == ("mestring-born", "opstartsmoede")
    assert [(k, str(a), str(b)) for k, a, b in c.dates] == [("0", "2022-01-20", "2022-01-27")]
    assert c.place is not None and c.place[1] == "Vejle Rådhus" and "Odense" in (c.place[0] or "")
    assert "Vejle Rådhus" in c.text and "Odense" in c.text
    assert "20" in c.text and "27" in c.text


def test_change_reminders_for_the_users_of_the_project(kb: Knowledge) -> None:
    found = changes(kb, _moved(kb))
    users = [user(1, pid="mestring-born"), user(2, pid="voksenliv"), user(3, pid="mestring-born")]
    now = utc(2022, 1, 5, 10)  # a Wednesday, 11:00 local
    out = plan_changes(now, found, users, {3: Preferences(kinds=frozenset({"meeting"}))}, set())
    assert [(r.user_id, r.kind, r.due_at) for r in out] == [(1, "change", now)]
    assert out[0].id.startswith("change:mestring-born:opstartsmoede:")
    assert out[0].event_at == local_time(dt.date(2022, 1, 27), 0)
    assert plan_changes(now, changes(kb, _moved(kb)), users, {}, set())[0].id == out[0].id
    assert plan_changes(now, found, users, {}, {r.id for r in out} | {
        f"{out[0].id[:-2]}:3"}) == []


def test_change_at_night_waits_for_the_morning_and_past_changes_are_skipped(
        kb: Knowledge) -> None:
    found = changes(kb, _moved(kb))
    users = [user(1, pid="mestring-born")]
    [r] = plan_changes(utc(2022, 1, 7, 22), found, users, {}, set())  # Friday 23:00 local
    assert local(r) == ("2022-01-10", 9, 0)
    assert plan_changes(utc(2023, 6, 1, 10), found, users, {}, set()) == []


def test_the_moved_activity_gets_new_reminders(kb: Knowledge) -> None:
    out = plan(utc(2022, 1, 1), _moved(kb), [user(pid="mestring-born")], {}, set())
    assert [local(r) for r in for_activity(out, "opstartsmoede")] == [
        ("2022-01-20", 9, 0), ("2022-01-26", 9, 0)]
