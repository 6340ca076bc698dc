"""/kalender end to end: the .ics file sent through the local Telegram stand-in,
downloaded like a phone would and checked against data/."""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar

from bot.ical import counts, not_dated_marker, uid
from bot.loader import Knowledge
from tests.localbot import LocalBot


def fetch_calendar(local_bot: LocalBot, user_id: int) -> tuple[dict[str, Any], Calendar]:
    local_bot.send(user_id, "/kalender")
    message = local_bot.wait_for(user_id, lambda m: m.get("document") is not None)
    response = local_bot.client.get(message["document"]["url"])
    response.raise_for_status()
    return message, Calendar.from_ical(response.content)


def test_kalender_sends_the_projects_ics(local_bot: LocalBot, kb: Knowledge) -> None:
    local_bot.register(300, "projektleder", "voksenliv", "Odense")
    message, cal = fetch_calendar(local_bot, 300)
    project = kb.projects["voksenliv"]
    assert message["document"]["file_name"] == "projektbot-voksenliv.ics"

    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    occurrences = [(a, i, occ) for a in project.activities for i, occ in enumerate(a.occurrences)]
    assert len(list(cal.walk("VEVENT"))) == len(occurrences) == len(found)
    assert str(cal["X-WR-CALNAME"]).endswith(project.short_name)
    for a, i, occ in occurrences:
        e = found[uid("voksenliv", a.id, i)]
        assert e.decoded("DTSTART") == occ.when.start
        assert e.decoded("DTEND") == occ.when.end + dt.timedelta(days=1)

    workshop = found[uid("voksenliv", "afslutningsworkshop", 0)]
    assert str(workshop["SUMMARY"]).startswith(not_dated_marker())
    assert (workshop.decoded("DTSTART"), workshop.decoded("DTEND")) == (
        dt.date(2024, 11, 1), dt.date(2024, 12, 1))
    assert "november 2024" in str(workshop["DESCRIPTION"])

    n = counts(project)
    caption = message["text"] or message.get("caption") or ""
    assert str(n.dated) in caption and str(n.undated) in caption
    assert not_dated_marker() in caption


def test_kalender_for_mestring_born_has_the_exact_dates(local_bot: LocalBot,
                                                        kb: Knowledge) -> None:
    local_bot.register(301, "praktiker", "mestring-born", "Vejle")
    message, cal = fetch_calendar(local_bot, 301)
    assert message["document"]["file_name"] == "projektbot-mestring-born.ics"
    project = kb.projects["mestring-born"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == counts(project).total
    start = events[uid("mestring-born", "opstartsmoede", 0)]
    assert start.decoded("DTSTART") == dt.date(2022, 1, 20)
    assert "Edisonsvej 1" in str(start["LOCATION"])
    modul = events[uid("mestring-born", "modul-1", 0)]
    assert (modul.decoded("DTSTART"), modul.decoded("DTEND")) == (
        dt.date(2022, 2, 9), dt.date(2022, 2, 11))
    assert all("Kilde:" in str(e["DESCRIPTION"]) for e in events.values())


def test_kalender_needs_registration(local_bot: LocalBot) -> None:
    reply = local_bot.ask(399, "/kalender")
    assert "ikke registreret" in reply["text"]
    assert reply.get("document") is None
