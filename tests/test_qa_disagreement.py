"""Dates the sources disagree about: "next" counts an occurrence as still to come while
any source's date for it is ahead, in the order the dates still ahead come, and says
that the sources disagree; a month asked about finds an occurrence by any source's date,
and says so when there is none that month."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.loader import Knowledge
from bot.qa import Engine


@pytest.fixture(scope="module")
def engine(kb: Knowledge) -> Engine:
    return Engine(kb)


def first_line(engine: Engine, q: str, today: str) -> str:
    a = engine.ask(q, project="voksenliv", today=dt.date.fromisoformat(today))
    assert a.answered, a.text
    return a.text.split("\n")[0]


def test_next_after_the_tables_date_but_before_the_texts(engine: Engine) -> None:
    # Casebesøg 1: the table says september 2023, section 3.3 november 2023
    a = engine.ask("hvornår er næste casebesøg hos os", project="voksenliv",
                   today=dt.date(2023, 10, 2))
    head, rest = a.text.split("\n", 1)
    assert "Casebesøg 1" in head and "november 2023" in head
    assert "uenige" in rest and "september 2023" in rest and "september 2024" in rest
    assert any("3.3" in s for s in a.sources) and any("Tabel" in s for s in a.sources)
    # once both are past, the second visit is next and no conflict is named
    a = engine.ask("hvornår er næste casebesøg", project="voksenliv", today=dt.date(2023, 12, 1))
    assert "Casebesøg 2" in a.text and "september 2024" in a.text and "uenige" not in a.text


def test_next_in_the_order_the_dates_still_ahead_come(engine: Engine) -> None:
    # Modningsworkshop 2 is august 2023 (table), september 2023 (1.4) or august 2024 (2.1):
    # after september 2023 the third workshop (maj 2024) comes before august 2024
    head = first_line(engine, "hvornår er næste modningsworkshop", "2023-10-01")
    assert "Modningsworkshop 3" in head and "maj 2024" in head
    a = engine.ask("hvornår er næste modningsworkshop", project="voksenliv",
                   today=dt.date(2023, 10, 1))
    assert "august 2024" in a.text and "uenige" in a.text
    head = first_line(engine, "hvornår er næste modningsworkshop", "2024-06-01")
    assert "august 2024" in head  # only section 2.1's date is left


def test_what_happens_next_lists_a_visit_by_the_date_still_ahead(engine: Engine) -> None:
    a = engine.ask("hvad er det næste der sker", project="voksenliv", today=dt.date(2023, 10, 2))
    visit = next(line for line in a.text.split("\n") if "Casebesøg 1" in line)
    assert "november 2023" in visit and "også september 2023" in visit
    a = engine.ask("hvad sker der i november 2023", project="voksenliv", today=dt.date(2023, 1, 1))
    visit = next(line for line in a.text.split("\n") if "Casebesøg 1" in line)
    assert "november 2023" in visit and "uenige" in visit


def test_is_there_one_in_a_month(engine: Engine) -> None:
    a = engine.ask("er der modningsworkshop i august 2024??", project="voksenliv",
                   today=dt.date(2023, 1, 1))
    assert a.answered and "august 2024" in a.text and "august 2023" in a.text
    a = engine.ask("er der modningsworkshop i juni 2024", project="voksenliv",
                   today=dt.date(2023, 1, 1))
    head = a.text.split("\n")[0]
    assert "Juni 2024: ingen" in head
    assert "maj 2024" in a.text  # and when there is one


def test_an_overview_names_the_disagreement_in_full(engine: Engine) -> None:
    a = engine.ask("fortæl om modningsworkshopperne", project="voksenliv",
                   today=dt.date(2023, 1, 1))
    assert "uenige" in a.text and "august 2024" in a.text and "september 2023" in a.text
    assert not any(line.rstrip().endswith(";") for line in a.text.split("\n"))  # nothing cut


def test_in_a_window_only_by_a_disagreeing_source_shows_that_date(engine: Engine) -> None:
    # Modningsworkshop 2 falls after the summer of 2024 only by section 2.1's "august 2024"
    head = first_line(engine, "er der modningsworkshop efter sommerferien?", "2024-06-20")
    assert head == "Modningsworkshop 2: august 2024."
