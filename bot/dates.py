"""Danish dates: showing a `When` with its real precision, and reading the time
expressions people use in questions ("i næste uge", "marts 2024", "til efteråret").

Shown through babel: "20. januar 2022", "torsdag den 20. januar 2022 kl. 10.00",
"november 2024", "4. kvartal 2023", "april–juni 2022", "9.–10. februar 2022".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from bot.i18n import _
from bot.text import fold
from bot.when import When

LOCALE = "da_DK"
TZ = ZoneInfo("Europe/Copenhagen")


def today() -> dt.date:
    """Today in Copenhagen (bot.clock: PROJEKTBOT_NOW pretends another day)."""
    from bot.clock import today as clock_today

    return clock_today()


def format_day(day: dt.date) -> str:
    return format_date(day, "d. MMMM y", locale=LOCALE)


def format_month(year: int, month: int) -> str:
    return format_date(dt.date(year, month, 1), "LLLL y", locale=LOCALE)


def format_datetime_long(moment: dt.datetime) -> str:
    return format_datetime(moment, "EEEE 'den' d. MMMM y 'kl.' HH.mm", locale=LOCALE)


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def format_when(when: When) -> str:
    """A `When` in Danish, never more precise than it is."""
    s, e = when.start, when.end
    if when.precision == "day":
        if not when.is_span:
            if when.time is not None:
                return format_datetime_long(dt.datetime.combine(s, when.time))
            return format_day(s)
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}.–{format_day(e)}"
        if s.year == e.year:
            return f"{format_date(s, 'd. MMMM', locale=LOCALE)}–{format_day(e)}"
        return f"{format_day(s)}–{format_day(e)}"
    if when.precision == "month":
        if not when.is_span:
            return format_month(s.year, s.month)
        if s.year == e.year:
            return f"{format_date(s, 'LLLL', locale=LOCALE)}–{format_month(e.year, e.month)}"
        return f"{format_month(s.year, s.month)}–{format_month(e.year, e.month)}"
    if when.precision == "quarter":
        if not when.is_span:
            return _("{q}. quarter {year}").format(q=_quarter(s), year=s.year)
        if s.year == e.year:
            return _("{q1}.–{q2}. quarter {year}").format(
                q1=_quarter(s), q2=_quarter(e), year=s.year
            )
        return _("{q1}. quarter {y1} – {q2}. quarter {y2}").format(
            q1=_quarter(s), y1=s.year, q2=_quarter(e), y2=e.year
        )
    if not when.is_span:
        return str(s.year)
    return f"{s.year}–{e.year}"


# -- time expressions in questions ---------------------------------------------------------

MONTHS = {
    "januar": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "marts": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
ORDINALS = {
    "foerste": 1,
    "1": 1,
    "anden": 2,
    "andet": 2,
    "2": 2,
    "tredje": 3,
    "3": 3,
    "fjerde": 4,
    "4": 4,
    "sidste": -1,
}
SEASONS = {  # season or holiday word -> months; the longer words first
    "nytaar": (1, 1),
    "sommerferie": (7, 7),
    "efteraarsferie": (10, 10),
    "vinterferie": (2, 2),
    "juleferie": (12, 12),
    "paaskeferie": (4, 4),
    "foraar": (3, 5),
    "sommer": (6, 8),
    "efteraar": (9, 11),
    "vinter": (12, 2),
}


@dataclass(frozen=True)
class Window:
    """A stretch of days a question asks about, and how to say it."""

    start: dt.date
    end: dt.date
    label: str


_COUNTS = {"en": 1, "et": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "otte": 8}
_COUNT_RE = r"\d{1,3}|" + "|".join(_COUNTS)


def _month_window(year: int, month: int) -> Window:
    w = When.parse(f"{year:04d}-{month:02d}")
    return Window(w.start, w.end, format_month(year, month))


# Quarters in words: "tredje kvartal", "første og andet kvartal", "sidste kvartal af 2022".
_QUARTER_WORDS = {"foerste": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "sidste": 4}
_QUARTER_WORD = re.compile(
    r"\b(foerste|anden|andet|tredje|fjerde)\b(?=\s+(?:og \w+ )?(?:kvartal|kvt))|"
    r"\b(sidste)\b(?=\s+kvartal (?:af |i )?\d{4})"  # "i sidste kvartal" alone is the last one
)


def _quarter_window(year: int, quarter: int) -> Window:
    w = When.parse(f"{year}-Q{quarter}")
    return Window(w.start, w.end, format_when(w))


Period = tuple[dt.date, dt.date]


def _in_period(guess: Period, inside: list[Period], since: dt.date) -> Period:
    """What a month or season named without a year means when today is outside the project
    period: `guess` if it is one of those `inside` the period (or none is), else the first
    of them from `since` on, else the last."""
    if not inside or guess in inside:
        return guess
    ahead = [p for p in inside if p[0] >= since]
    return ahead[0] if ahead else inside[-1]


def _nearest_year(month: int, today: dt.date, bounds: tuple[dt.date, dt.date] | None) -> int:
    """The year of the `month` people mean without a year: this or the coming one; when
    today is outside `bounds` (the project period), the one inside it when there is one
    (asked in 2026 about a project of 2023, "i marts" is march 2023)."""
    year = today.year if month >= today.month else today.year + 1
    if bounds is not None and not bounds[0] <= today <= bounds[1]:
        start, end = bounds
        months = [
            (first, first)
            for y in range(start.year, end.year + 1)
            if start <= (first := dt.date(y, month, 1)) <= end
        ]
        guess = dt.date(year, month, 1)
        year = _in_period((guess, guess), months, today.replace(day=1))[0].year
    return year


def _christmas(t: str, today: dt.date) -> Window | None:
    """"inden jul", "i julen", "efter jul": Christmas, not July ("jul 2024", "3. jul")."""
    m = re.search(
        r"(?<!\d\.\s)(?<!\d\.)\b(inden|foer|til|op til|omkring|i|efter)?\s*jul(en)?\b(?!\s*\d)", t
    )
    if m is None or not (m[1] or m[2]):
        return None
    eve = dt.date(today.year, 12, 24)
    if today > eve and m[1] != "efter":  # "inden jul" on 28 December: next Christmas
        eve = eve.replace(year=today.year + 1)
    if m[1] in {"inden", "foer", "op til"}:
        return Window(today, eve - dt.timedelta(days=1), _("before Christmas"))
    if m[1] == "efter":
        return _month_window(eve.year + 1, 1)
    return Window(eve - dt.timedelta(days=4), eve + dt.timedelta(days=7), _("around Christmas"))


def _season(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a season that starts in month `first` of `year`; winter
    ends in the next year, on 28 or 29 February."""
    end_year = year + 1 if first > last else year
    return dt.date(year, first, 1), When.parse(f"{end_year}-{last:02d}").end


def find_window(
    text: str, today: dt.date, bounds: tuple[dt.date, dt.date] | None = None
) -> Window | None:
    """The time window a question names, if any ("i maj 2024", "i næste uge", …)."""
    t = _QUARTER_WORD.sub(lambda m: f"{_QUARTER_WORDS[m[1] or m[2]]}.", fold(text))
    m = re.search(r"\b([1-4])\.?\s*(?:og|til|[-–])\s*([1-4])\.?\s*(?:kvartal|kvt)\.?\s*(\d{4})", t)
    if m and int(m[1]) < int(m[2]):  # "første og andet kvartal 2020"
        begins, ends = _quarter_window(int(m[3]), int(m[1])), _quarter_window(int(m[3]), int(m[2]))
        return Window(begins.start, ends.end, f"{m[1]}.–{ends.label}")
    m = re.search(r"\b(\d{1,2})\.?\s*(?:kvartal|kvt)\.?\s*(?:[ia]f?\s*)?(\d{4})\b", t) or re.search(
        r"\bq([1-4])\s*(\d{4})\b", t
    )
    if m and 1 <= int(m[1]) <= 4:
        return _quarter_window(int(m[2]), int(m[1]))
    m = re.search(r"\b(?:([12])\.?|(foerste|andet))\s*halvaar\s*(?:i\s*)?(\d{4})?\b", t)
    if m:  # "i 2. halvår 2023": july to december
        half = int(m[1]) if m[1] else (1 if m[2] == "foerste" else 2)
        year = int(m[3]) if m[3] else today.year
        start = dt.date(year, 1 if half == 1 else 7, 1)
        end = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
        return Window(start, end, _("{n}. half of {year}").format(n=half, year=year))
    if re.search(r"\bnaeste\s*kvartal|\befter\s*(?:dette|det her|nuvaerende)\s*kvartal", t):
        # "hvad sker der efter det her kvartal": the next one
        q = _quarter(today)
        return _quarter_window(today.year + 1, 1) if q == 4 else _quarter_window(today.year, q + 1)
    if re.search(r"\b(?:dette|det her|nuvaerende|indevaerende)\s*kvartal|\bkvartalet\b", t):
        return _quarter_window(today.year, _quarter(today))
    m = re.search(r"\b([1-4])\.?\s*(?:kvartal|kvt)\b", t)
    if m:  # "i 3. kvartal": this year's, or the coming one once it is over
        year = today.year if int(m[1]) >= _quarter(today) else today.year + 1
        if bounds is not None and not bounds[0].year <= year <= bounds[1].year:
            year = min(max(year, bounds[0].year), bounds[1].year)
        return _quarter_window(year, int(m[1]))
    m = re.search(rf"\b(\d{{1,2}})\.?\s*({MONTH_RE})\b\.?\s*(\d{{4}})?\b", t)
    if m:
        month = MONTHS[m[2]]
        year = int(m[3]) if m[3] else _nearest_year(month, today, bounds)
        try:
            day = dt.date(year, month, int(m[1]))
        except ValueError:
            day = None
        if day is not None:
            return Window(day, day, format_day(day))
    m = re.search(r"\b(foerste|sidste) maaned i (20\d\d)\b", t)
    if m:  # "den sidste måned i 2024"
        return _month_window(int(m[2]), 1 if m[1] == "foerste" else 12)
    christmas = _christmas(t, today)
    if christmas is not None:
        return christmas
    m = re.search(rf"\b({MONTH_RE})\b\.?\s*(\d{{4}})?\b", t)
    if m:
        month = MONTHS[m[1]]
        year = int(m[2]) if m[2] else _nearest_year(month, today, bounds)
        return _month_window(year, month)
    if re.search(r"\bi\s*dag\b", t):
        return Window(today, today, _("today"))
    if re.search(r"\bi\s*morgen\b", t):
        day = today + dt.timedelta(days=1)
        return Window(day, day, _("tomorrow"))
    if re.search(r"\b(denne|i)\s*uge\b|\bugen\b", t) and "naeste" not in t:
        start = today - dt.timedelta(days=today.weekday())
        return Window(today, start + dt.timedelta(days=6), _("this week"))
    if re.search(r"\bnaeste\s*uge\b|\bi\s*naeste\s*uge\b", t):
        start = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
        return Window(start, start + dt.timedelta(days=6), _("next week"))
    if re.search(r"\bnaeste\s*maaned\b", t):
        y, mo = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return _month_window(y, mo)
    m = re.search(
        rf"\bom\s*({_COUNT_RE}|et par)\s*(dage?|uger?|maaned(?:er)?)s?(?:\s*tid)?\b", t
    )
    if m:  # "om en måned", "om en måneds tid", "om 14 dage", "om et par uger"
        n = int(m[1]) if m[1].isdigit() else _COUNTS.get(m[1], 2)
        if m[2].startswith("maaned"):
            months = today.year * 12 + today.month - 1 + n
            return _month_window(months // 12, months % 12 + 1)
        day = today + dt.timedelta(days=n * (7 if m[2].startswith("uge") else 1))
        if m[2].startswith("uge") or n >= 7:  # "om 14 dage": that week
            start = day - dt.timedelta(days=day.weekday())
            label = _("the week of {day}").format(day=format_day(start))
            return Window(start, start + dt.timedelta(days=6), label)
        return Window(day, day, format_day(day))
    m = re.search(r"\b(sidst|foerst) paa (?:aaret|aar)(?:\s*(20\d\d))?\b", t)
    if m:  # "sidst på året": its last quarter; "først på året": its first, the coming one
        quarter = 4 if m[1] == "sidst" else 1
        year = int(m[2]) if m[2] else today.year
        if not m[2] and _quarter_window(year, quarter).end < today:
            year += 1
        return _quarter_window(year, quarter)
    if re.search(r"\bresten af (?:aaret|aar)\b", t):  # "de fysiske aktiviteter resten af året"
        return Window(today, dt.date(today.year, 12, 31), _("the rest of the year"))
    # not "en gang om måneden", "to gange i måneden": how often
    if re.search(
        r"\b(denne|i)\s*maaned\b|(?<!\bom )(?<!gange i )(?<!gang i )(?<!\bpr )\bmaaneden\b", t
    ):
        return _month_window(today.year, today.month)
    for word, (first, last) in SEASONS.items():
        season = re.search(rf"\b{word}(?!\w*ferie)\w*\b(?:\s*(?:i\s*)?(20\d\d)\b)?", t)
        if season:
            year = int(season[1]) if season[1] else today.year
            start, end = _season(year, first, last)
            said_after = re.search(rf"\befter\s*(?:\w+\s*)?{word}", t)
            if end < today and not season[1] and not (said_after and (today - end).days < 60):
                # this year's is over: the coming one (but "efter sommerferien" asked in
                # August is after the one just ended)
                start, end = _season(year + 1, first, last)
            if not season[1] and bounds is not None and not bounds[0] <= today <= bounds[1]:
                # asked in 2026 about a project of 2023-2024: "om foråret" is a spring in it
                seasons = [
                    _season(y, first, last) for y in range(bounds[0].year - 1, bounds[1].year + 1)
                ]
                inside = [w for w in seasons if w[0] <= bounds[1] and w[1] >= bounds[0]]
                start, end = _in_period((start, end), inside, today)
            label = (
                format_month(end.year, end.month)
                if (start.year, start.month) == (end.year, end.month)
                else format_date(start, "LLLL", locale=LOCALE)
                + "–"
                + format_month(end.year, end.month)
            )
            if re.search(rf"\b(?:inden|foer)\s*(?:\w+\s*)?{word}", t) and start > today:
                # "kan vi nå det inden sommerferien": from now until it starts
                before = start - dt.timedelta(days=1)
                return Window(today, before, _("before {when}").format(when=label))
            if re.search(rf"\befter\s*(?:\w+\s*)?{word}", t):
                # "hvad skal vi efter sommerferien": the two months after it
                after = end + dt.timedelta(days=1)
                until = When.parse(f"{(after + dt.timedelta(days=45)):%Y-%m}").end
                if word == "nytaar":  # New Year is a day: "efter nytår" is January on
                    until = When.parse(f"{start.year}-{start.month + 1:02d}").end
                    label = format_date(start, "LLLL", locale=LOCALE) + "–" + format_month(
                        until.year, until.month
                    )
                    return Window(start, until, label)
                return Window(after, until, _("after {when}").format(when=label))
            return Window(start, end, label)
    m = re.search(r"\bnaeste\s*aar\b", t)
    if m:
        y = today.year + 1
        return Window(dt.date(y, 1, 1), dt.date(y, 12, 31), str(y))
    if re.search(r"\bi\s*aar\b", t):
        return Window(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), str(today.year))
    m = re.search(r"\b(?:i|aar(?:et)?)\s*(20\d\d)\b", t)
    if m:
        y = int(m[1])
        return Window(dt.date(y, 1, 1), dt.date(y, 12, 31), str(y))
    return None
