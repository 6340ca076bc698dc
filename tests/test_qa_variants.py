"""Mechanisms for questions phrased freely: everyday spellings, participles, compounds
written apart, quarters spelled out, what something consists of, target groups and
amounts asked in other words, moving between the strategy's phases, a timetable that says
when, a family of activities named by their kind, and the part of a text under a heading."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.loader import Knowledge
from bot.qa import Engine, intents, spell_quarters
from bot.search import _blocks
from bot.text import respell, verb_forms


@pytest.fixture(scope="module")
def engine(kb: Knowledge) -> Engine:
    return Engine(kb)


def ask(engine: Engine, q: str, project: str | None = None):  # type: ignore[no-untyped-def]
    return engine.ask(q, project=project, today=dt.date(2023, 1, 1))


def test_everyday_spellings_of_question_words() -> None:
    assert respell("Hva er det") == "hvad er det"
    assert respell("hvor dan gør man") == "hvordan gør man"
    assert respell("stoffri 9 mdr efter") == "stoffri 9 måneder efter"
    assert respell("hvad er hvalen") == "hvad er hvalen"  # whole words only


def test_hva_is_hvad(engine: Engine) -> None:
    a = ask(engine, "hva er forskellen på spor 1 og 2")
    assert a.answered and "ensartet" in a.text


def test_participles_meet_their_verb(engine: Engine) -> None:
    assert "brug" in verb_forms("brugt") and "byg" in verb_forms("bygget")
    a = ask(engine, "hvad bliver cpr numrene brugt til", "rr2-adhd")
    assert a.answered and "Danmarks Statistik" in a.text


def test_compound_written_apart(engine: Engine) -> None:
    a = ask(engine, "hvilke kerne elementer er der i modellen", "skolefravaer")
    assert a.answered and "opsporing" in a.text
    # two words that stand on their own are left alone
    assert ask(engine, "hvad er en susi vurdering", "mestring-born").answered


def test_quarters_are_spelled_out(engine: Engine) -> None:
    assert spell_quarters("1. kvt. 2020 – 3. kvt. 2022") == "1. kvartal 2020 – 3. kvartal 2022"
    assert spell_quarters("1.kvartal 2020") == "1. kvartal 2020"
    a = ask(engine, "i hvilken periode uddannes trænerne", "rr2-adhd")
    assert "1. kvartal 2020" in a.text and "kvt." not in a.text


def test_what_an_activity_consists_of(engine: Engine) -> None:
    assert intents("hvordan er gruppeforløbet bygget op") == ["structure"]
    a = ask(engine, "hvordan er gruppeforløbet bygget op", "mestring-born")
    assert a.answered and "Forsamtale" in a.text and "10 sessioner" in a.text


def test_target_group_in_other_words(engine: Engine) -> None:
    assert "target" in intents("hvem er indsatsen målrettet")
    a = ask(engine, "hvem er indsatsen målrettet", "mestring-born")
    assert a.answered and "opmærksomhedsforstyrrelser" in a.text


def test_amount_asked_as_what_someone_gets(engine: Engine) -> None:
    assert "budget" in intents("hvad får den eksterne leverandør til evaluering")
    a = ask(engine, "hvad får socialstyrelsen til sin opgave", "psykisk-misbrug")
    assert a.answered and "4 mio" in a.text.replace("4,0 mio", "4 mio")
    assert not ask(engine, "hvad får deltagerne til frokost", "voksenliv").answered


def test_moving_from_one_phase_to_the_next_asks_for_criteria(engine: Engine) -> None:
    assert "criteria" in intents("hvad skal der til for at gå fra screening til modning")
    assert "criteria" in intents("hvornår er en indsats klar til udbredelse")
    a = ask(engine, "hvornår er en indsats klar til udbredelse")
    assert a.answered and "driftsperspektiv" in a.text


def test_a_timetable_says_when(engine: Engine) -> None:
    a = ask(engine, "hvornår ligger den endelige indsatsbeskrivelse klar", "udsatte-unge")
    assert a.answered and "4. kvartal 2023" in a.text


def test_activities_named_by_their_kind(engine: Engine) -> None:
    a = ask(engine, "hvor foregår workshopperne", "voksenliv")
    assert a.answered and "Odense" in a.text and "Drejebog" not in a.text


def test_one_meeting_says_when_and_how_long(engine: Engine) -> None:
    a = ask(engine, "evalueringsinterview med projektleder i starten hvornår", "voksenliv")
    assert a.answered and "februar 2023" in a.text and "halv time" in a.text


def test_the_part_under_a_heading(engine: Engine) -> None:
    text = "MOVE til unge\n\nMOVE er en behandling.\n\nCTI til hjemløse\n\nIndsatsen varer 9 mdr."
    assert [h for h, _b in _blocks(text)] == ["MOVE til unge", "CTI til hjemløse"]
    a = ask(engine, "hvad er CTI for en indsats")
    assert a.answered and "hjemløse" in a.text
