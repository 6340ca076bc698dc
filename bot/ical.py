"""A project's activities as an iCalendar file (RFC 5545), for /kalender.

One VEVENT per occurrence of every activity, with exactly the precision the
sources give:

* an exact day is an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next
  day), or a timed event in Europe/Copenhagen when the time is known (lasting
  the activity's longest duration, else one hour);
* a span of days ("9.–10. februar 2022") is a multi-day all-day event;
* an occurrence known only to the month, quarter or year is an all-day event
  over the whole month/quarter/year, marked "[Ikke fastlagt]" in its summary
  and explained on the first line of its description — never a made-up day.

Each event says where (place and address), what and why, how long, who takes
part, what the project leader must do, where the sources disagree, and where it
all comes from ("Kilde: …"). UIDs are stable (``<project>-<activity>-<n>@projektbot``),
so importing the file again updates the events instead of duplicating them.
Activities that only recur, without dated occurrences, give no events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from bot.dates import format_when
from bot.i18n import _
from bot.loader import Knowledge
from bot.model import Activity, Occurrence, Project, Source
from bot.text import fold

TZID = "Europe/Copenhagen"
TZ = ZoneInfo(TZID)
PRODID = "-//Projektbot//Projektkalender//DA"
DEFAULT_MINUTES = 60


def not_dated_marker() -> str:
    """The mark in front of the summary of an occurrence without an exact date."""
    return _("[Not yet dated]")


@dataclass(frozen=True)
class Counts:
    """How many events a project's calendar holds."""

    dated: int  # the day is known (a day, a time or a span of days)
    undated: int  # only the month, quarter or year is known

    @property
    def total(self) -> int:
        return self.dated + self.undated


def counts(project: Project) -> Counts:
    occurrences = [o for a in project.activities for o in a.occurrences]
    dated = sum(1 for o in occurrences if o.when.precision == "day")
    return Counts(dated, len(occurrences) - dated)


def uid(project_id: str, activity_id: str, index: int) -> str:
    return f"{project_id}-{activity_id}-{index}@projektbot"


def project_calendar(kb: Knowledge, project_id: str, *, now: dt.datetime) -> bytes:
    """The .ics file of one project's activities. `now` becomes every DTSTAMP."""
    project = kb.projects[project_id]
    stamp = (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    stamp = stamp.replace(microsecond=0)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = f"Projektbot – {project.short_name}"
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", project.name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(
        Timezone.from_tzid(
            TZID,
            first_date=dt.date(project.period.start.year - 1, 1, 1),
            last_date=dt.date(project.period.end.year + 3, 1, 1),
        )
    )
    for activity in project.activities:
        for index, occ in enumerate(activity.occurrences):
            cal.add_component(_event(kb, project, activity, index, occ, stamp))
    data: bytes = cal.to_ical()
    return data


# -- one occurrence ------------------------------------------------------------------------


def _event(
    kb: Knowledge,
    project: Project,
    activity: Activity,
    index: int,
    occ: Occurrence,
    stamp: dt.datetime,
) -> Event:
    when = occ.when
    event = Event()
    event.add("uid", uid(project.id, activity.id, index))
    event.add("dtstamp", stamp)
    summary = _summary(activity, occ)
    moment = when.start_datetime
    if moment is not None:
        minutes = DEFAULT_MINUTES
        if activity.duration is not None and activity.duration.max_minutes:
            minutes = activity.duration.max_minutes
        start = moment.replace(tzinfo=TZ)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=minutes))
    else:
        event.add("dtstart", when.start)
        event.add("dtend", when.end + dt.timedelta(days=1))
    if when.precision != "day":
        summary = f"{not_dated_marker()} {summary}"
        event.add("transp", "TRANSPARENT")  # a whole month is not busy
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    event.add("summary", summary)
    location = _location(activity)
    if location:
        event.add("location", location)
    event.add("description", _description(kb, activity, occ))
    if activity.link:
        event.add("url", activity.link)
    event.add("categories", [project.short_name])
    return event


def _summary(activity: Activity, occ: Occurrence) -> str:
    if occ.label and not fold(activity.name).endswith(fold(occ.label)):
        return f"{activity.name} – {occ.label}"
    return activity.name


def _location(activity: Activity) -> str:
    parts = [p.strip() for p in (activity.place, activity.address) if p and p.strip()]
    if len(parts) == 2 and fold(parts[1]) in fold(parts[0]):
        parts = parts[:1]
    return ", ".join(parts)


def _description(kb: Knowledge, activity: Activity, occ: Occurrence) -> str:
    when = occ.when
    paragraphs: list[str] = []
    if when.precision != "day":
        first = _("The exact date is not fixed yet – the source only says {when}.").format(
            when=format_when(when)
        )
        if occ.stated and fold(occ.stated) != fold(format_when(when)):
            first += " " + _("(The source says: {stated})").format(stated=occ.stated)
        paragraphs.append(first)
    if occ.note:
        paragraphs.append(occ.note)
    for text in (activity.purpose, activity.description):
        if text and text.strip() and text.strip() not in paragraphs:
            paragraphs.append(text.strip())
    details: list[str] = []
    if activity.duration is not None:
        details.append(_("Duration: {text}.").format(text=_strip_dot(activity.duration.text)))
    if activity.participants:
        details.append(_("Participants: {list}.").format(list=", ".join(activity.participants)))
    if activity.facilitator:
        details.append(_("Facilitator: {who}.").format(who=_strip_dot(activity.facilitator)))
    if activity.link:
        details.append(_("Link: {link}").format(link=activity.link))
    if details:
        paragraphs.append("\n".join(details))
    if activity.duties:
        paragraphs.append(
            _("What you must do:") + "\n" + "\n".join(f"• {d}" for d in activity.duties)
        )
    sources: list[Source] = [occ.source]
    if occ.variants:
        said = [
            _("{when} ({source})").format(
                when=occ.stated or format_when(when), source=kb.cite(occ.source)
            )
        ]
        for v in occ.variants:
            said.append(
                _("{when} ({source})").format(
                    when=v.stated or format_when(v.when), source=kb.cite(v.source)
                )
            )
            sources.append(v.source)
        paragraphs.append(_("Note: the sources disagree: {said}.").format(said="; ".join(said)))
    sources += activity.sources
    cites = list(dict.fromkeys(kb.cite(s) for s in sources))
    paragraphs.append(_("Source: {list}").format(list="; ".join(cites)))
    return "\n\n".join(paragraphs)


def _strip_dot(text: str) -> str:
    return text.strip().rstrip(".")
