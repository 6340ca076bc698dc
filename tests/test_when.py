"""`When`: precision is kept from the data file to the Danish text."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dates import find_window, format_when
from bot.when import When


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("2022-01-20", "20. januar 2022"),
        ("2022-01-20T10:00", "torsdag den 20. januar 2022 kl. 10.00"),
        ("2022-02-09/2022-02-10", "9.–10. februar 2022"),
        ("2023-03", "marts 2023"),
        ("2024-11", "november 2024"),
        ("2022-04/2022-06", "april–juni 2022"),
        ("2023-11/2024-02", "november 2023–februar 2024"),
        ("2023-Q4", "4. kvartal 2023"),
        ("2020-Q1/2020-Q2", "1.–2. kvartal 2020"),
        ("2024", "2024"),
        ("2020/2023", "2020–2023"),
    ],
)
def test_shown_with_its_own_precision(raw: str, shown: str) -> None:
    when = When.parse(raw)
    assert format_when(when) == shown
    assert str(when) == raw  # round trip to the file format


def test_yaml_dates_and_years_are_accepted() -> None:
    assert When.parse(dt.date(2022, 1, 20)).is_exact
    assert When.parse(2024).precision == "year"


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "januar 2022",
        "2022-13",
        "2022-02-30",
        "2023-Q5",
        "2023-05/2023-03",
        "2023-03/2023-Q2",
        "2022-01-20T10:00/2022-01-21",
        None,
        3.5,
    ],
)
def test_bad_values_are_refused_with_a_danish_message(bad: object) -> None:
    with pytest.raises(ValueError) as err:
        When.parse(bad)
    assert any(
        w in str(err.value) for w in ("tidsangivelse", "dato", "præcision", "klokkeslæt", "slutter")
    )


def test_month_is_an_interval_of_days() -> None:
    w = When.parse("2024-02")
    assert (w.start, w.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert not w.is_exact and not w.is_span
    assert w.months() == [(2024, 2)]


TODAY = dt.date(2023, 6, 10)
PERIOD = (dt.date(2023, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("hvad sker der i januar", "2024-01-01", "2024-01-31"),
        ("hvilke aktiviteter er der i maj 2024", "2024-05-01", "2024-05-31"),
        ("hvad sker der i marts", "2024-03-01", "2024-03-31"),
        ("hvad sker der i juni", "2023-06-01", "2023-06-30"),
        ("i næste uge", "2023-06-12", "2023-06-18"),
        ("naeste maaned", "2023-07-01", "2023-07-31"),
        ("til efteråret", "2023-09-01", "2023-11-30"),
        ("den 20. januar 2022", "2022-01-20", "2022-01-20"),
        ("4. kvartal 2023", "2023-10-01", "2023-12-31"),
        ("Q2 2021", "2021-04-01", "2021-06-30"),
        ("i morgen", "2023-06-11", "2023-06-11"),
        ("hvad sker der i 2024", "2024-01-01", "2024-12-31"),
        ("de fysiske aktiviteter resten af året", "2023-06-10", "2023-12-31"),
    ],
)
def test_time_expressions(question: str, start: str, end: str) -> None:
    window = find_window(question, TODAY, PERIOD)
    assert window is not None
    assert (window.start.isoformat(), window.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    "question", ["hvornår er julefrokosten", "hvad er SØM", "decideret", "separat møde", "markedet"]
)
def test_words_that_look_like_months_are_not_months(question: str) -> None:
    assert find_window(question, TODAY, PERIOD) is None


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("hvad sker der i marts", "2024-03-01", "2024-03-31"),
        ("den workshop om foråret", "2024-03-01", "2024-05-31"),
        ("hvad skete der til efteråret", "2024-09-01", "2024-11-30"),
    ],
)
def test_asked_after_the_project_a_month_or_season_is_one_in_it(
    question: str, start: str, end: str
) -> None:
    window = find_window(question, dt.date(2026, 12, 2), PERIOD)
    assert window is not None
    assert (window.start.isoformat(), window.end.isoformat()) == (start, end)
