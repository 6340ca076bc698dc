"""Benchmark of the reminder planner: 1,000 users spread over all projects, one year.

The projects' real dates lie in different years (2019–2024), so each project is
moved whole years to put its busiest year on the benchmark year (the weekday of
a date changes, which does not matter for timing the planner). Every project
also gets four quarterly self-evaluation rounds in that year.

Figure to reach: `plan` for 1,000 users × all projects × one year in < 1 s
(best of 3). Baseline, measured in the same run: the same planner called once
per user, i.e. without grouping users by project and preferences.

    .venv/bin/python -c "from bench.planner import bench_planner; print(bench_planner())"
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable

from bot.loader import Knowledge, load_knowledge
from bot.model import Occurrence, Project
from bot.settings import DEFAULT_DATA
from bot.when import When
from scheduler.planner import PROJECT_LEADER, Preferences, Recipient, RoundInfo, plan

YEAR = 2025
USERS = 1000
KOMMUNER = ("Aarhus", "Odense", "Aalborg", "Vejle", "Esbjerg", "Randers", "Kolding",
            "Horsens", "Herning", "Silkeborg", "Næstved", "Roskilde", "Holbæk", "Slagelse")


def _shift_date(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _shift_when(when: When, years: int) -> When:
    start = _shift_date(when.start, years)
    if when.precision == "day":
        return When(start, _shift_date(when.end, years), "day", when.time)
    end_year = when.end.year + years
    end = dt.date(end_year, when.end.month, calendar.monthrange(end_year, when.end.month)[1])
    return When(start, end, when.precision)


def _busiest_year(project: Project) -> int:
    years = Counter(o.when.start.year for a in project.activities for o in a.occurrences)
    return years.most_common(1)[0][0] if years else YEAR


def _shifted(project: Project) -> Project:
    years = YEAR - _busiest_year(project)

    def occ(o: Occurrence) -> Occurrence:
        return o.model_copy(update={"when": _shift_when(o.when, years)})

    activities = [a.model_copy(update={"occurrences": [occ(o) for o in a.occurrences]})
                  for a in project.activities]
    return project.model_copy(update={"activities": activities})


def bench_knowledge(kb: Knowledge) -> Knowledge:
    """`kb` with every project's busiest year moved to the benchmark year."""
    projects = {pid: _shifted(p) for pid, p in kb.projects.items()}
    return Knowledge(kb.documents, kb.strategy, projects, kb.forms, kb.data_dir, kb.files)


def bench_rounds(kb: Knowledge) -> dict[str, list[RoundInfo]]:
    """Four quarterly rounds per project: open the first of the quarter's last month,
    deadline its last day."""
    out: dict[str, list[RoundInfo]] = {}
    for pid in kb.projects:
        out[pid] = [
            RoundInfo(pid, f"{YEAR}-q{q}", dt.date(YEAR, 3 * q, 1),
                      dt.date(YEAR, 3 * q, calendar.monthrange(YEAR, 3 * q)[1]),
                      f"{q}. kvartal {YEAR}")
            for q in range(1, 5)
        ]
    return out


def bench_users(kb: Knowledge, n: int = USERS) -> tuple[list[Recipient], dict[int, Preferences]]:
    """`n` users round-robin over the projects; every fourth a project leader; a mix of
    preferences (most default, some earlier/later, some kinds off, a few muted)."""
    projects = sorted(kb.projects)
    choices = [
        Preferences(), Preferences(), Preferences(), Preferences(days_before=(3,)),
        Preferences(hour=10), Preferences(kinds=frozenset({"meeting", "deadline", "nudge"})),
        Preferences(), Preferences(days_before=(14, 7, 1)), Preferences(muted=True), Preferences(),
    ]
    users, prefs = [], {}
    for i in range(n):
        uid = 1000 + i
        role = PROJECT_LEADER if i % 4 == 0 else "praktiker"
        users.append(Recipient(uid, projects[i % len(projects)], role,
                               KOMMUNER[(i // len(projects)) % len(KOMMUNER)], i % 97 != 0))
        prefs[uid] = choices[i % len(choices)]
    return users, prefs


def _timed(runs: int, fn: Callable[[], int]) -> tuple[float, float, int]:
    """(first run, best run) in seconds, and the count the last run returned."""
    times, count = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        count = fn()
        times.append(time.perf_counter() - start)
    return times[0], min(times), count


def bench_planner() -> dict[str, float | int]:
    """Wall time (best of 3) of planning 1,000 users × all projects × one year, the
    first (cold-cache) run, the reminder count, and the per-user baseline measured in
    the same run."""
    kb = bench_knowledge(load_knowledge(DEFAULT_DATA))
    rounds = bench_rounds(kb)
    users, prefs = bench_users(kb)
    submitted = frozenset((p, f"{YEAR}-q1", k) for p in kb.projects for k in KOMMUNER[:5])
    now = dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC)
    year = dt.timedelta(days=365)

    def grouped() -> int:
        return len(plan(now, kb, users, prefs, set(), horizon=year, rounds=rounds,
                        submitted=submitted))

    def per_user() -> int:
        return sum(len(plan(now, kb, [u], prefs, set(), horizon=year, rounds=rounds,
                            submitted=submitted)) for u in users)

    first, seconds, count = _timed(3, grouped)
    _first, baseline, baseline_count = _timed(1, per_user)
    assert count == baseline_count, (count, baseline_count)
    return {
        "users": len(users),
        "projects": len(kb.projects),
        "reminders": count,
        "seconds": round(seconds, 4),
        "first_run_seconds": round(first, 4),
        "baseline_per_user_seconds": round(baseline, 4),
        "speedup": round(baseline / seconds, 1) if seconds else 0.0,
        "target_seconds": 1.0,
    }


if __name__ == "__main__":
    print(bench_planner())
