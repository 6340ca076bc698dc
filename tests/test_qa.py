"""The question-answering engine: behaviour a user relies on, and the development set."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from bench.devset import judge, load
from bot.loader import Knowledge
from bot.qa import Engine
from bot.settings import ROOT


@pytest.fixture(scope="module")
def engine(kb: Knowledge) -> Engine:
    return Engine(kb)


def ask(engine: Engine, q: str, project: str | None = "voksenliv", today: str | None = None):  # type: ignore[no-untyped-def]
    return engine.ask(q, project=project, today=dt.date.fromisoformat(today) if today else None)


def test_development_set_accuracy(engine: Engine) -> None:
    """The figures the issue asks for; `make bench` prints them with latency and baseline."""
    items = load()
    answerable = [i for i in items if i.answered]
    out_of_scope = [i for i in items if not i.answered]
    assert len(answerable) >= 250 and len(out_of_scope) >= 30
    right = [
        i
        for i in answerable
        if judge(i, *(lambda a: (a.answered, a.text))(engine.ask(i.q, i.project, i.today)))
    ]
    abstained = [i for i in out_of_scope if not engine.ask(i.q, i.project, i.today).answered]
    assert len(right) / len(answerable) >= 0.95
    assert len(abstained) == len(out_of_scope), [i.q for i in out_of_scope if i not in abstained]


def test_next_depends_on_today_and_names_the_conflict(engine: Engine) -> None:
    a = ask(engine, "hvornår er næste modningsworkshop?", today="2023-06-10")
    assert a.answered
    assert "august 2023" in a.text and "september 2023" in a.text  # table vs section 1.4
    assert "Kilde:" in a.text and any("Tabel" in s for s in a.sources)
    later = ask(engine, "hvornår er næste modningsworkshop?", today="2023-10-01")
    assert "maj 2024" in later.text.split("\n")[0]


def test_honest_when_nothing_is_left(engine: Engine) -> None:
    a = ask(engine, "hvornår er den næste modningsworkshop", today="2025-03-01")
    assert a.answered
    assert "ikke flere" in a.text and "maj 2024" in a.text


def test_month_only_dates_are_never_made_exact(engine: Engine) -> None:
    a = ask(engine, "hvornår er afslutningsworkshoppen")
    assert "november 2024" in a.text
    assert "Kun måneden er kendt" in a.text


def test_exact_dates_and_places(engine: Engine) -> None:
    a = ask(engine, "hvornaar er opstartsmoedet", project="mestring-born")
    assert "20. januar 2022" in a.text
    b = ask(engine, "hvor holdes opstartsmødet", project="mestring-born")
    assert "Edisonsvej 1" in b.text and "Odense" in b.text


def test_typos_and_folded_letters(engine: Engine) -> None:
    a = ask(engine, "hvem facilitere netvaerket")
    assert a.answered and "Socialstyrelsen" in a.text


def test_list_by_month_in_date_order(engine: Engine) -> None:
    a = ask(engine, "hvilke aktiviteter er der i maj 2024")
    assert a.answered and "maj 2024" in a.text.lower()
    assert "Modningsworkshop" in a.text or "modningsworkshop" in a.text


def test_strategy_without_project(engine: Engine) -> None:
    a = ask(engine, "hvad er kriterierne for at gå videre til afprøvningsfasen", project=None)
    assert a.answered and "lovende" in a.text and "Drejebogen" in a.text


def test_project_specific_question_without_project_names_the_project(engine: Engine) -> None:
    a = ask(engine, "hvor holdes modul 2a", project=None)
    assert a.answered and "Mestringsindsats" in a.text


def test_ambiguous_question_asks_back_with_at_most_three_choices(engine: Engine) -> None:
    a = ask(engine, "hvor stort er budgettet", project=None)
    assert not a.answered and 1 <= len(a.choices) <= 3


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "x" * 10_000,
        "'; DROP TABLE users; --",
        "<script>alert(1)</script>",
        "什么时候开会",
        "hvad bliver vejret i morgen",
        "kan du bestille pizza",
        "hvornår er julefrokosten",
        "hvad er telefonnummeret til vores kontaktperson",
        "hvor kan vi parkere ved modningsworkshoppen",
        "hvad er mødelinket til netværket",
        "hvor mange unge har været med indtil nu",
    ],
)
def test_bad_or_out_of_scope_input_is_declined_calmly(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert not a.answered
    assert "Jeg kan svare på spørgsmål" in a.text or "Skriv et spørgsmål" in a.text


def test_a_huge_unknown_word_is_not_quoted_whole(engine: Engine) -> None:
    a = ask(engine, "x" * 10_000)
    assert not a.answered and len(a.text) < 400 and "xxx…" in a.text, a.text


def test_a_question_about_another_project_says_which_project(engine: Engine) -> None:
    a = ask(engine, "hvor mange penge har skolefraværsprojektet fået", project="voksenliv")
    assert a.answered and "23" in a.text and "skolefravær" in a.text.lower()


def test_cli_batch_answers_in_order() -> None:
    lines = [
        {"q": "hvornår er opstartsmødet", "project": "mestring-born"},
        {"q": "kan du bestille pizza"},
        {"q": "hvad er SØM"},
        {"nothing": 1},
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--batch"],
        cwd=ROOT,
        check=True,
        text=True,
        input="\n".join(json.dumps(x) for x in lines),
        capture_output=True,
    )
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [o["answered"] for o in out] == [True, False, True, False]
    assert "20. januar 2022" in out[0]["text"] and out[0]["sources"]
    assert "Linje 4" in out[3]["text"]


def test_cli_single_question_json() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "ask",
            "--json",
            "--project",
            "voksenliv",
            "--today",
            "2023-06-10",
            "hvornår er næste modningsworkshop",
        ],
        cwd=ROOT,
        check=True,
        text=True,
        capture_output=True,
    )
    out = json.loads(proc.stdout)
    assert out["answered"] and "august 2023" in out["text"]


def test_cli_rejects_bad_arguments() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--project", "findes-ikke", "hej"],
        cwd=ROOT,
        text=True,
        capture_output=True,
    )
    assert proc.returncode == 2 and "Ukendt projekt" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--today", "i går", "hej"],
        cwd=ROOT,
        text=True,
        capture_output=True,
    )
    assert proc.returncode == 2 and "er ikke en dato" in proc.stderr
