"""The reminder planner: pure functions from (now, knowledge, users, preferences,
what was already sent) to the reminders that should be sent, with deterministic ids.

Nothing here reads a clock, a database or the network; the scheduling side
(APScheduler/JobQueue) calls `plan` and sends what it returns, recording each
send under `Reminder.id` so nothing is sent twice.

Rules
-----
Activities (to every active, unmuted user of the project):

* An occurrence known to the day (``2022-01-20``, ``2022-01-20T10:00`` or a span
  of days, which counts from its first day): one reminder per
  ``Preferences.days_before`` (default 7 and 1 days before) at the user's hour
  (default 09:00 Europe/Copenhagen), plus one 1 hour before a virtual meeting
  when the time is known (``hour_before_virtual``). Kind ``meeting``.
* An occurrence known only to the month, quarter or year (or a span of those):
  one reminder at the first allowed morning of the interval, saying plainly
  that the exact date is not fixed. Kind ``month``.
* Activities with no dated occurrences (pure recurrences like "ca. 1 gang i
  kvartalet") get no reminders: there is no date to remind about.
* When `rounds` are given for a project, the activities that a form uses as
  its self-evaluation rounds (`Form.rounds.from_activity`) get no activity
  reminders: the round reminders cover them.

Self-evaluation rounds (`RoundInfo`, computed elsewhere; only to project
leaders, i.e. role ``projektleder``; never to a municipality that has submitted
the round, before or after the deadline):

* when the round opens; and ``days_before`` the deadline (skipped when that day
  is before the round opens). Kind ``deadline``.
* after the deadline at most two nudges, +2 and +7 days. Kind ``nudge``.
* all with the button ("…", ``selveval:start``).

Allowed times: Monday–Friday, not a Danish public holiday
(``holidays.country_holidays("DK")``, the package's default categories), from
08:00 to 20:00 local time. A reminder that falls outside moves to the next
allowed morning at the user's hour. If that is not before the event, the
reminder is dropped (it is never moved earlier). An event known to the day
but not the time counts as starting at 00:00 local time that day, so a
reminder is never delivered on the day of an untimed event. Reminders that
move to the same moment as another reminder for the same occurrence are kept
only once (the earliest offset wins).

Window: a reminder is returned when ``now - misfire_grace <= due_at <= now +
horizon``, its event (if any) has not started, and its id is not in `sent`.

Ids are ``{kind}:{project}:{activity or round}:{occurrence key}:{offset}:{user}``;
the occurrence key is the occurrence's label (slugged) or index plus its date,
so ids do not change when something else in the data changes, and a moved
date gives new ids (the old reminders simply stop being planned).

Times: wall-clock times are computed in Europe/Copenhagen with zoneinfo and
converted to UTC, so 09:00 is 08:00 UTC in winter and 07:00 UTC in summer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import cache, lru_cache

import holidays

from bot.dates import TZ, format_when
from bot.i18n import _
from bot.loader import Knowledge
from bot.model import Activity, Occurrence, Project
from bot.when import When

UTC = dt.UTC
KINDS: frozenset[str] = frozenset({"meeting", "month", "deadline", "nudge", "change"})
PROJECT_LEADER = "projektleder"
DAY_START = 8  # pushes allowed from 08:00 …
NIGHT_START = 20  # … until 20:00 local time
NUDGE_DAYS: tuple[int, ...] = (2, 7)  # after the deadline; at most two
SELFEVAL_CALLBACK = "selveval:start"
DEFAULT_HORIZON = dt.timedelta(days=400)
DEFAULT_GRACE = dt.timedelta(hours=1)


# -- public data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """A user who can get reminders, in one project."""

    user_id: int
    project: str
    role: str  # "projektleder", "praktiker", "koordinator"
    kommune: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Preferences:
    """What a user wants (`/paamindelser`)."""

    kinds: frozenset[str] = KINDS
    days_before: tuple[int, ...] = (7, 1)
    hour: int = 9
    hour_before_virtual: bool = True
    muted: bool = False

    def __post_init__(self) -> None:
        if not DAY_START <= self.hour < NIGHT_START:
            raise ValueError(f"hour must be within {DAY_START}–{NIGHT_START - 1}")
        if any(d < 0 for d in self.days_before):
            raise ValueError("days_before must be zero or more")
        if not self.kinds <= KINDS:
            raise ValueError(f"unknown kinds: {sorted(self.kinds - KINDS)}")


DEFAULT_PREFERENCES = Preferences()


@dataclass(frozen=True)
class RoundInfo:
    """A self-evaluation round of a project."""

    project: str
    round_id: str
    opens: dt.date
    deadline: dt.date
    label: str


@dataclass(frozen=True)
class Reminder:
    """One message to one user at one time."""

    id: str
    user_id: int
    due_at: dt.datetime  # aware, UTC
    event_at: dt.datetime | None  # aware, UTC; None when the event has no known start
    kind: str
    text: str
    button: tuple[str, str] | None = None  # (label, callback data)
    project: str = ""


@dataclass(frozen=True)
class Change:
    """An activity whose dates or place changed between two versions of the data."""

    project: str
    activity: str
    name: str
    dates: tuple[tuple[str, When | None, When | None], ...]  # (occurrence key, old, new)
    place: tuple[str | None, str | None] | None  # (old, new) or None when unchanged
    text: str
    digest: str  # short hash of the change's content; part of the reminder id
    event_at: dt.datetime | None  # next timed/dated start in the new data
    last_day: dt.date | None  # latest day the change concerns; None = no end known


# -- allowed times ------------------------------------------------------------------------


@cache
def _holiday_dates(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("DK", years=year).keys())


@lru_cache(maxsize=8192)
def is_allowed_day(day: dt.date) -> bool:
    """A weekday that is not a Danish public holiday."""
    return day.weekday() < 5 and day not in _holiday_dates(day.year)


@lru_cache(maxsize=8192)
def next_allowed_day(day: dt.date) -> dt.date:
    """`day` itself if pushes are allowed on it, else the next day they are."""
    while not is_allowed_day(day):
        day += dt.timedelta(days=1)
    return day


def local_time(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """Wall-clock time in Copenhagen on `day`, as an aware UTC datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ).astimezone(UTC)


@lru_cache(maxsize=8192)
def morning(day: dt.date, hour: int) -> dt.datetime:
    """`hour` o'clock on the first allowed day from `day` on (UTC)."""
    return local_time(next_allowed_day(day), hour)


def allowed_time(moment: dt.datetime, hour: int = 9) -> dt.datetime:
    """`moment` if a push is allowed then, else the next allowed morning at `hour`."""
    local = moment.astimezone(TZ)
    day = local.date()
    if is_allowed_day(day):
        if DAY_START <= local.hour < NIGHT_START:
            return moment.astimezone(UTC)
        if local.hour < DAY_START:
            return local_time(day, hour)
    return morning(day + dt.timedelta(days=1), hour)


# -- templates: a project's reminders before the fan-out to users ------------------------------


@dataclass(frozen=True)
class _Template:
    key: str  # the id without the user
    kind: str
    due_at: dt.datetime
    event_at: dt.datetime | None
    text: str
    project: str
    round_key: tuple[str, str] | None = None  # (project, round id) for self-evaluation
    leaders_only: bool = False
    button: tuple[str, str] | None = None


@dataclass(frozen=True)
class _Timing:
    days_before: tuple[int, ...]
    hour: int
    hour_before_virtual: bool


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _occurrence_keys(activity: Activity) -> list[str]:
    """A stable key per occurrence: its label (slugged) or its index, unique in the activity."""
    keys: list[str] = []
    for i, occ in enumerate(activity.occurrences):
        key = _slug(occ.label)[:40].strip("-") if occ.label else ""
        if not key or key in keys:
            key = str(i)
        keys.append(key)
    return keys


def _when_key(when: When) -> str:
    return str(when).replace(":", "")


def _title(activity: Activity, occ: Occurrence) -> str:
    if occ.label and occ.label.lower() not in activity.name.lower():
        return f"{activity.name} ({occ.label})"
    return activity.name


def _format_text(activity: Activity) -> str:
    names = {
        "virtual": _("virtual"), "physical": _("physical attendance"),
        "phone": _("by phone"), "written": _("in writing"),
    }
    return ", ".join(names[f] for f in activity.format if f in names)


def _place(activity: Activity) -> str | None:
    place, address = activity.place, activity.address
    if place and address and address.lower() not in place.lower():
        return f"{place}, {address}"
    return place or address


def _details(kb: Knowledge, activity: Activity, occ: Occurrence) -> list[str]:
    """Where, how, how long, link, what to prepare, disagreements and the source."""
    lines: list[str] = []
    place = _place(activity)
    if place:
        lines.append(_("Where: {place}.").format(place=place))
    form = _format_text(activity)
    if form and not (place and form.lower() in place.lower()):
        lines.append(_("Format: {format}.").format(format=form))
    if activity.duration is not None:
        lines.append(_("Duration: {text}.").format(text=activity.duration.text))
    if activity.link:
        lines.append(_("Link: {link}").format(link=activity.link))
    if activity.duties:
        lines.append(_("To prepare:"))
        lines.extend(f"• {duty}" for duty in activity.duties)
    for variant in occ.variants:
        lines.append(_("Note: another source says {when}.").format(
            when=variant.stated or format_when(variant.when)))
    lines.append(_("Source: {source}").format(source=kb.cite(occ.source)))
    return lines


def _event_start(when: When) -> dt.datetime:
    """When an event known to the day starts: its time, or 00:00 local that day."""
    if when.time is not None:
        return local_time(when.start, when.time.hour, when.time.minute)
    return local_time(when.start, 0)


def _exact_templates(
    kb: Knowledge, project: Project, activity: Activity, occ: Occurrence, key: str, timing: _Timing
) -> Iterator[_Template]:
    when = occ.when
    event_at = _event_start(when)
    head = _("Reminder: {name}, {when}.").format(
        name=_title(activity, occ), when=format_when(when))
    text = "\n".join([head, *_details(kb, activity, occ)])
    base = f"meeting:{project.id}:{activity.id}:{key}@{_when_key(when)}"
    seen: set[dt.datetime] = set()
    for days in sorted(set(timing.days_before), reverse=True):
        due = morning(when.start - dt.timedelta(days=days), timing.hour)
        if due < event_at and due not in seen:
            seen.add(due)
            yield _Template(f"{base}:{days}d", "meeting", due, event_at, text, project.id)
    if timing.hour_before_virtual and when.time is not None and "virtual" in activity.format:
        due = allowed_time(event_at - dt.timedelta(hours=1), timing.hour)
        if due < event_at and due not in seen:
            yield _Template(f"{base}:1h", "meeting", due, event_at, text, project.id)


def _vague_head(activity: Activity, occ: Occurrence) -> tuple[str, str]:
    """The first line and the honesty line of a month/quarter/year reminder."""
    when, name = occ.when, _title(activity, occ)
    shown = format_when(when)
    if when.is_span:
        head = _("In the period {when}: {name}.")
    elif when.precision == "month":
        head = _("This month: {name} ({when}).")
    elif when.precision == "quarter":
        head = _("This quarter: {name} ({when}).")
    else:
        head = _("This year: {name} ({when}).")
    if when.is_span:
        honesty = _("Only the period is known, not the exact date.")
    else:
        honesty = {
            "month": _("Only the month is known, not the exact date."),
            "quarter": _("Only the quarter is known, not the exact date."),
            "year": _("Only the year is known, not the exact date."),
        }[when.precision]
    return head.format(name=name, when=shown), honesty


def _vague_template(
    kb: Knowledge, project: Project, activity: Activity, occ: Occurrence, key: str, timing: _Timing
) -> Iterator[_Template]:
    when = occ.when
    due = morning(when.start, timing.hour)
    if due >= local_time(when.end + dt.timedelta(days=1), 0):
        return
    head, honesty = _vague_head(activity, occ)
    text = "\n".join([head, honesty, *_details(kb, activity, occ)])
    ident = f"month:{project.id}:{activity.id}:{key}@{_when_key(when)}:start"
    yield _Template(ident, "month", due, None, text, project.id)


def _round_activities(kb: Knowledge, project_id: str) -> set[str]:
    return {
        aid for form in kb.forms.values()
        for pid, aid in form.rounds.from_activity.items() if pid == project_id
    }


def _activity_templates(
    kb: Knowledge, project: Project, timing: _Timing, skip: Set[str]
) -> Iterator[_Template]:
    for activity in project.activities:
        if activity.id in skip:
            continue
        for occ, key in zip(activity.occurrences, _occurrence_keys(activity), strict=True):
            if occ.when.precision == "day":
                yield from _exact_templates(kb, project, activity, occ, key, timing)
            else:
                yield from _vague_template(kb, project, activity, occ, key, timing)


def _round_templates(
    kb: Knowledge, rnd: RoundInfo, timing: _Timing
) -> Iterator[_Template]:
    project = kb.projects.get(rnd.project)
    fmt = {
        "label": rnd.label,
        "project": project.short_name if project else rnd.project,
        "deadline": format_when(When.parse(rnd.deadline)),
        "opens": format_when(When.parse(rnd.opens)),
    }
    button = (_("Start the self-evaluation"), SELFEVAL_CALLBACK)
    deadline_end = local_time(rnd.deadline + dt.timedelta(days=1), 0)
    base = f"{rnd.project}:{_slug(rnd.round_id) or 'round'}"

    def make(kind: str, suffix: str, due: dt.datetime, event: dt.datetime | None,
             text: str) -> _Template:
        return _Template(f"{kind}:{base}:{suffix}", kind, due, event, text, rnd.project,
                         (rnd.project, rnd.round_id), True, button)

    opened = morning(rnd.opens, timing.hour)
    seen = {opened}
    if opened < deadline_end:
        yield make("deadline", f"{rnd.opens.isoformat()}:open", opened, deadline_end, _(
            "The self-evaluation {label} for {project} is open now. Deadline: {deadline}."
        ).format(**fmt))
    for days in sorted(set(timing.days_before), reverse=True):
        day = rnd.deadline - dt.timedelta(days=days)
        due = morning(day, timing.hour)
        if day < rnd.opens or due >= deadline_end or due in seen:
            continue
        seen.add(due)
        yield make("deadline", f"{rnd.deadline.isoformat()}:{days}d", due, deadline_end, _(
            "Reminder: the deadline for the self-evaluation {label} for {project} is {deadline}."
        ).format(**fmt))
    for days in NUDGE_DAYS:
        due = morning(rnd.deadline + dt.timedelta(days=days), timing.hour)
        yield make("nudge", f"{rnd.deadline.isoformat()}:+{days}d", due, None, _(
            "The deadline for the self-evaluation {label} for {project} was {deadline}, and "
            "yours has not arrived yet. You can still fill it in here."
        ).format(**fmt))


def _project_templates(
    kb: Knowledge, project_id: str, timing: _Timing, rounds: Sequence[RoundInfo] | None
) -> list[_Template]:
    """Every reminder of one project for one timing preference, before the fan-out."""
    project = kb.projects.get(project_id)
    out: list[_Template] = []
    if project is not None:
        skip = _round_activities(kb, project_id) if rounds else set()
        out.extend(_activity_templates(kb, project, timing, skip))
    for rnd in rounds or ():
        out.extend(_round_templates(kb, rnd, timing))
    return out


# -- fan-out ------------------------------------------------------------------------------


@dataclass
class _Window:
    now: dt.datetime
    low: dt.datetime
    high: dt.datetime

    def holds(self, due: dt.datetime, event_at: dt.datetime | None) -> bool:
        if not self.low <= due <= self.high:
            return False
        return event_at is None or self.now < event_at


def _utc(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(UTC)


def _groups(
    users: Iterable[Recipient], prefs: Mapping[int, Preferences]
) -> dict[tuple[str, Preferences], list[Recipient]]:
    """Active, unmuted users grouped by project and preferences."""
    groups: dict[tuple[str, Preferences], list[Recipient]] = defaultdict(list)
    for user in users:
        pref = prefs.get(user.user_id, DEFAULT_PREFERENCES)
        if user.active and not pref.muted:
            groups[(user.project, pref)].append(user)
    return groups


def _fan_out(
    templates: Sequence[_Template], members: Sequence[Recipient], sent: Set[str],
    submitted: Set[tuple[str, str, str]],
) -> Iterator[Reminder]:
    leaders = [u for u in members if u.role == PROJECT_LEADER]
    for t in templates:
        for user in leaders if t.leaders_only else members:
            if t.round_key is not None and user.kommune is not None and (
                    t.round_key[0], t.round_key[1], user.kommune) in submitted:
                continue
            ident = f"{t.key}:{user.user_id}"
            if ident not in sent:
                yield Reminder(ident, user.user_id, t.due_at, t.event_at, t.kind, t.text,
                               t.button, t.project)


def plan(
    now: dt.datetime,
    kb: Knowledge,
    users: Sequence[Recipient],
    prefs: Mapping[int, Preferences],
    sent: Set[str],
    *,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    rounds: Mapping[str, Sequence[RoundInfo]] | None = None,
    submitted: Set[tuple[str, str, str]] = frozenset(),
    misfire_grace: dt.timedelta = DEFAULT_GRACE,
) -> list[Reminder]:
    """The reminders due from `now - misfire_grace` to `now + horizon` not yet sent,
    ordered by due time and id. `rounds` maps a project id to its self-evaluation
    rounds; `submitted` holds (project, round id, kommune) that have submitted."""
    now = _utc(now)
    window = _Window(now, now - misfire_grace, now + horizon)
    cache: dict[tuple[str, _Timing], list[_Template]] = {}
    out: list[Reminder] = []
    for (project_id, pref), members in _groups(users, prefs).items():
        timing = _Timing(pref.days_before, pref.hour, pref.hour_before_virtual)
        if (project_id, timing) not in cache:
            cache[(project_id, timing)] = [
                t for t in _project_templates(
                    kb, project_id, timing, (rounds or {}).get(project_id))
                if window.holds(t.due_at, t.event_at)
            ]
        templates = [t for t in cache[(project_id, timing)] if t.kind in pref.kinds]
        out.extend(_fan_out(templates, members, sent, submitted))
    out.sort(key=lambda r: (r.due_at, r.id))
    return out


# -- changes between two versions of the data -------------------------------------------------


def _keyed(activity: Activity) -> dict[str, Occurrence]:
    return dict(zip(_occurrence_keys(activity), activity.occurrences, strict=True))


def _date_changes(old: Activity, new: Activity) -> list[tuple[str, When | None, When | None]]:
    before, after = _keyed(old), _keyed(new)
    out: list[tuple[str, When | None, When | None]] = []
    for key in [*before, *(k for k in after if k not in before)]:
        a = before[key].when if key in before else None
        b = after[key].when if key in after else None
        if a != b:
            out.append((key, a, b))
    return out


def _shown(when: When | None) -> str:
    return format_when(when) if when is not None else _("none")


def _change_text(
    name: str, new: Activity, dates: Sequence[tuple[str, When | None, When | None]],
    place: tuple[str | None, str | None] | None,
) -> str:
    lines = [_("Changed: {name}").format(name=name)]
    labels = {k: o.label for k, o in _keyed(new).items()}
    single = len(new.occurrences) <= 1 and len(dates) == 1
    for key, a, b in dates:
        label = labels.get(key) or (None if single or not key.isdigit() else f"#{int(key) + 1}")
        if label:
            lines.append(_("Date of {label}: {old} → {new}").format(
                label=label, old=_shown(a), new=_shown(b)))
        else:
            lines.append(_("Date: {old} → {new}").format(old=_shown(a), new=_shown(b)))
    if place is not None:
        lines.append(_("Place: {old} → {new}").format(
            old=place[0] or _("none"), new=place[1] or _("none")))
    return "\n".join(lines)


def _digest(parts: Iterable[object]) -> str:
    return hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:12]


def _change(project: Project, old: Activity, new: Activity) -> Change | None:
    dates = _date_changes(old, new)
    place = (_place(old), _place(new))
    place_change = place if place[0] != place[1] else None
    if not dates and place_change is None:
        return None
    exact = [o.when for o in new.occurrences if o.when.precision == "day"]
    starts = sorted(_event_start(w) for w in exact)
    if place_change is not None:
        ends = [o.when.end for o in new.occurrences] or [project.period.end]
    else:
        ends = [w.end for _k, a, b in dates for w in (a, b) if w is not None]
    return Change(
        project.id, new.id, new.name, tuple(dates), place_change,
        _change_text(new.name, new, dates, place_change),
        _digest((project.id, new.id, tuple((k, str(a), str(b)) for k, a, b in dates),
                 place_change)),
        starts[0] if starts else None,
        max(ends) if ends else None,
    )


def changes(old_kb: Knowledge, new_kb: Knowledge) -> list[Change]:
    """Activities present in both versions whose occurrences' dates or place changed.
    Occurrences are matched by label, or by index when they have none."""
    out: list[Change] = []
    for pid, new_project in new_kb.projects.items():
        old_project = old_kb.projects.get(pid)
        if old_project is None:
            continue
        old_acts = {a.id: a for a in old_project.activities}
        for activity in new_project.activities:
            if activity.id in old_acts:
                change = _change(new_project, old_acts[activity.id], activity)
                if change is not None:
                    out.append(change)
    return out


def _next_start(change: Change, now: dt.datetime) -> dt.datetime | None:
    """The first new dated start after `now`, if any: a change is not sent after it."""
    for _key, _old, new in change.dates:
        if new is not None and new.precision == "day" and _event_start(new) > now:
            return _event_start(new)
    return change.event_at if change.event_at and change.event_at > now else None


def plan_changes(
    now: dt.datetime,
    found: Sequence[Change],
    users: Sequence[Recipient],
    prefs: Mapping[int, Preferences],
    sent: Set[str],
) -> list[Reminder]:
    """"Ændret: …" reminders for the users of the projects concerned, due now (or the
    next allowed morning). Changes that only concern days before today are skipped."""
    now = _utc(now)
    today = now.astimezone(TZ).date()
    out: list[Reminder] = []
    relevant = [c for c in found if c.last_day is None or c.last_day >= today]
    for (project_id, pref), members in _groups(users, prefs).items():
        if "change" not in pref.kinds:
            continue
        due = allowed_time(now, pref.hour)
        for change in (c for c in relevant if c.project == project_id):
            event_at = _next_start(change, now)
            if event_at is not None and due >= event_at:
                continue
            key = f"change:{change.project}:{change.activity}:{change.digest}"
            out.extend(
                Reminder(f"{key}:{u.user_id}", u.user_id, due, event_at, "change",
                         change.text, None, change.project)
                for u in members if f"{key}:{u.user_id}" not in sent
            )
    out.sort(key=lambda r: (r.due_at, r.id))
    return out


__all__ = [
    "KINDS", "PROJECT_LEADER", "Change", "Preferences", "Recipient", "Reminder", "RoundInfo",
    "allowed_time", "changes", "is_allowed_day", "local_time", "morning", "next_allowed_day",
    "plan", "plan_changes",
]
