"""The project calendar (.ics), parsed back with icalendar and checked against data/."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from icalendar import Calendar

from bot.i18n import _
from bot.ical import counts, not_dated_marker, project_calendar, uid
from bot.loader import PROJECT_IDS, Knowledge
from bot.model import Occurrence

NOW = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)


def events(kb: Knowledge, project: str) -> dict[str, Any]:
    cal = Calendar.from_ical(project_calendar(kb, project, now=NOW))
    found = list(cal.walk("VEVENT"))
    by_uid = {str(e["UID"]): e for e in found}
    assert len(by_uid) == len(found), "UIDs must be unique"
    return by_uid


def start_end(event: Any) -> tuple[Any, Any]:
    return event.decoded("DTSTART"), event.decoded("DTEND")


@pytest.mark.parametrize("project", PROJECT_IDS)
def test_one_event_per_occurrence(kb: Knowledge, project: str) -> None:
    found = events(kb, project)
    expected = [
        uid(project, a.id, i)
        for a in kb.projects[project].activities
        for i, _occ in enumerate(a.occurrences)
    ]
    assert sorted(found) == sorted(expected)
    n = counts(kb.projects[project])
    assert n.total == len(expected)


@pytest.mark.parametrize("project", ["voksenliv", "mestring-born"])
def test_dates_follow_the_data(kb: Knowledge, project: str) -> None:
    found = events(kb, project)
    for a in kb.projects[project].activities:
        for i, occ in enumerate(a.occurrences):
            e = found[uid(project, a.id, i)]
            start, end = start_end(e)
            if occ.when.start_datetime is None:
                assert type(start) is dt.date and type(end) is dt.date
                assert start == occ.when.start
                assert end == occ.when.end + dt.timedelta(days=1)
            summary = str(e["SUMMARY"])
            assert a.name in summary
            assert summary.startswith(not_dated_marker()) == (occ.when.precision != "day")


def test_calendar_properties(kb: Knowledge) -> None:
    cal = Calendar.from_ical(project_calendar(kb, "voksenliv", now=NOW))
    assert str(cal["X-WR-CALNAME"]) == f"Projektbot – {kb.projects['voksenliv'].short_name}"
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Copenhagen"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal


def test_mestring_opstartsmoede_is_an_all_day_event_in_odense(kb: Knowledge) -> None:
    e = events(kb, "mestring-born")[uid("mestring-born", "opstartsmoede", 0)]
    raw = e.to_ical().decode()
    assert "DTSTART;VALUE=DATE:20220120" in raw
    assert start_end(e) == (dt.date(2022, 1, 20), dt.date(2022, 1, 21))
    assert "Edisonsvej 1" in str(e["LOCATION"])
    assert not str(e["SUMMARY"]).startswith(not_dated_marker())


def test_modul_1_spans_two_days(kb: Knowledge) -> None:
    e = events(kb, "mestring-born")[uid("mestring-born", "modul-1", 0)]
    assert start_end(e) == (dt.date(2022, 2, 9), dt.date(2022, 2, 11))  # DTEND is exclusive


def test_afslutningsworkshop_is_not_dated_and_spans_november_2024(kb: Knowledge) -> None:
    e = events(kb, "voksenliv")[uid("voksenliv", "afslutningsworkshop", 0)]
    assert start_end(e) == (dt.date(2024, 11, 1), dt.date(2024, 12, 1))
    assert str(e["SUMMARY"]).startswith(not_dated_marker() + " ")
    description = str(e["DESCRIPTION"])
    assert description.splitlines()[0] == _(
        "The exact date is not fixed yet – the source only says {when}."
    ).format(when="november 2024")
    assert "Odense" in str(e["LOCATION"])
    assert str(e["TRANSP"]) == "TRANSPARENT"


def test_conflicting_sources_are_named(kb: Knowledge) -> None:
    e = events(kb, "voksenliv")[uid("voksenliv", "modningsworkshops", 1)]
    description = str(e["DESCRIPTION"])
    note = _("Note: the sources disagree: {said}.").split("{said}")[0]
    assert note in description
    assert "september 2023" in description and "august 2024" in description


def test_description_has_details_and_source(kb: Knowledge) -> None:
    for project in ("voksenliv", "mestring-born"):
        found = events(kb, project)
        for a in kb.projects[project].activities:
            for i, _occ in enumerate(a.occurrences):
                description = str(found[uid(project, a.id, i)]["DESCRIPTION"])
                assert "Kilde:" in description
                for source in a.sources:
                    assert kb.cite(source) in description
                if a.duration is not None:
                    assert a.duration.text.rstrip(".") in description
                for duty in a.duties:
                    assert duty in description
                for who in a.participants:
                    assert who in description


def test_uids_are_stable_and_stamp_is_now(kb: Knowledge) -> None:
    first = project_calendar(kb, "voksenliv", now=NOW)
    again = project_calendar(kb, "voksenliv", now=NOW)
    later = project_calendar(kb, "voksenliv", now=NOW + dt.timedelta(days=3))
    assert first == again
    uids = [str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(later).walk("VEVENT")]
    assert Counter(uids).most_common(1)[0][1] == 1
    assert all(u.endswith("@projektbot") for u in uids)
    stamps = {e.decoded("DTSTAMP") for e in Calendar.from_ical(first).walk("VEVENT")}
    assert stamps == {NOW}


@pytest.mark.parametrize("project", PROJECT_IDS)
def test_valid_intervals(kb: Knowledge, project: str) -> None:
    cal = Calendar.from_ical(project_calendar(kb, project, now=NOW))
    for e in cal.walk("VEVENT"):
        start, end = start_end(e)
        assert start < end
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
            assert prop in e


def test_timed_occurrence_uses_copenhagen_and_duration(kb: Knowledge) -> None:
    project = kb.projects["mestring-born"]
    activity = next(a for a in project.activities if a.id == "opstartsmoede")
    occ = Occurrence.model_validate(
        {**activity.occurrences[0].model_dump(), "when": "2022-01-20T10:00"})
    timed = activity.model_copy(update={"occurrences": [occ]})
    others = [a if a.id != activity.id else timed for a in project.activities]
    changed = project.model_copy(update={"activities": others})
    kb2 = Knowledge(kb.documents, kb.strategy, {**kb.projects, project.id: changed},
                    kb.forms, kb.data_dir, kb.files)
    e = events(kb2, "mestring-born")[uid("mestring-born", "opstartsmoede", 0)]
    start, end = start_end(e)
    assert isinstance(start, dt.datetime) and start.tzinfo is not None
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert (start.hour, start.minute) == (10, 0)
    assert end - start == dt.timedelta(hours=1)  # no duration in the data: one hour
    assert "TZID=Europe/Copenhagen" in e.to_ical().decode()


def test_no_events_for_recurrences_without_occurrences(kb: Knowledge) -> None:
    found = events(kb, "mestring-born")
    recurring = [a.id for a in kb.projects["mestring-born"].activities
                 if a.recurrence is not None and not a.occurrences]
    assert recurring
    for activity_id in recurring:
        assert not any(u.startswith(f"mestring-born-{activity_id}-") for u in found)
