"""The self-evaluation logic: rounds, validation, drafts and merging (bot.forms)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.forms import (
    MISSING,
    Answer,
    Draft,
    Invalid,
    Round,
    Valid,
    clean_text,
    current_round,
    format_answer,
    is_late,
    merge,
    missing_required,
    next_question,
    next_round,
    parse_danish_number,
    position,
    previous_question,
    rounds_for,
    summary_lines,
    validate_answer,
)
from bot.loader import Knowledge
from bot.model import Form, Question

UTC = dt.UTC


@pytest.fixture(scope="module")
def form(kb: Knowledge) -> Form:
    return kb.forms["selvevaluering"]


@pytest.fixture(scope="module")
def q(form: Form) -> dict[str, Question]:
    return {question.id: question for question in form.questions()}


def _valid(result: Valid | Invalid) -> Valid:
    assert isinstance(result, Valid), result
    return result


def _invalid(result: Valid | Invalid) -> Invalid:
    assert isinstance(result, Invalid), result
    assert result.message.strip()
    return result


# -- rounds ------------------------------------------------------------------------------


def test_voksenliv_rounds_are_the_months_of_the_selvevaluering_occurrences(
    kb: Knowledge, form: Form
) -> None:
    activity = next(a for a in kb.projects["voksenliv"].activities if a.id == "selvevaluering")
    months = sorted(f"{o.when.start:%Y-%m}" for o in activity.occurrences)
    rounds = rounds_for(kb, "voksenliv", form)
    assert [r.id for r in rounds] == months
    assert "2023-06" in months and "2024-09" in months
    assert all(r.project_id == "voksenliv" for r in rounds)


def test_a_month_round_opens_the_first_and_closes_the_last_day(kb: Knowledge, form: Form) -> None:
    rounds = {r.id: r for r in rounds_for(kb, "voksenliv", form)}
    june = rounds["2023-06"]
    assert (june.opens, june.deadline) == (dt.date(2023, 6, 1), dt.date(2023, 6, 30))
    assert june.label == "juni 2023"
    feb = rounds["2024-02"]
    assert feb.deadline == dt.date(2024, 2, 29)  # leap year


def test_quarterly_rounds_lie_within_the_project_period(kb: Knowledge, form: Form) -> None:
    project = kb.projects["mestring-born"]  # 2022-01 to 2023-11
    assert "mestring-born" not in form.rounds.from_activity
    rounds = rounds_for(kb, "mestring-born", form)
    assert [r.id for r in rounds] == [
        "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3"]
    for r in rounds:
        assert project.period.start <= r.opens <= project.period.end
        assert r.opens.day == 1 and r.opens.month % 3 == 0
        assert (r.deadline + dt.timedelta(days=1)).month in (1, 4, 7, 10)
    q2 = rounds[1]
    assert (q2.opens, q2.deadline) == (dt.date(2022, 6, 1), dt.date(2022, 6, 30))
    assert "2022" in q2.label and "2" in q2.label


def test_every_project_has_rounds(kb: Knowledge, form: Form) -> None:
    for pid in kb.projects:
        rounds = rounds_for(kb, pid, form)
        assert rounds, pid
        assert len({r.id for r in rounds}) == len(rounds)
        assert all(r.opens <= r.deadline for r in rounds)


def _r(rid: str, opens: dt.date, deadline: dt.date) -> Round:
    return Round("p", rid, opens, deadline, rid)


ROUNDS = [
    _r("2023-03", dt.date(2023, 3, 1), dt.date(2023, 3, 31)),
    _r("2023-06", dt.date(2023, 6, 1), dt.date(2023, 6, 30)),
]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2023, 2, 28), None),  # before the first round
        (dt.date(2023, 3, 1), "2023-03"),  # opening day
        (dt.date(2023, 3, 31), "2023-03"),  # deadline day
        (dt.date(2023, 4, 15), "2023-03"),  # past, not superseded: late submissions
        (dt.date(2023, 6, 10), "2023-06"),
        (dt.date(2023, 7, 20), "2023-06"),  # after the last round, within the late window
        (dt.date(2024, 1, 1), None),  # long after the last round
    ],
)
def test_current_round(today: dt.date, expected: str | None) -> None:
    found = current_round(ROUNDS, today)
    assert (found.id if found else None) == expected


def test_current_round_of_real_data(kb: Knowledge, form: Form) -> None:
    rounds = rounds_for(kb, "voksenliv", form)
    found = current_round(rounds, dt.date(2023, 7, 10))
    assert found is not None and found.id == "2023-06"
    upcoming = next_round(rounds, dt.date(2023, 7, 10))
    assert upcoming is not None and upcoming.id == "2023-08"
    assert current_round([], dt.date(2023, 7, 10)) is None


def test_late() -> None:
    june = ROUNDS[1]
    assert not is_late(june, dt.date(2023, 6, 30))
    assert is_late(june, dt.date(2023, 7, 1))
    # 30 June 22:30 UTC is already 1 July in Copenhagen
    assert is_late(june, dt.datetime(2023, 6, 30, 22, 30, tzinfo=UTC))
    assert not is_late(june, dt.datetime(2023, 6, 30, 21, 30, tzinfo=UTC))


# -- validation ------------------------------------------------------------------------------


def test_text_answer_is_kept(q: dict[str, Question]) -> None:
    result = _valid(validate_answer(q["drivere"], "  Gode møder med æøå ÆØÅ 👍\nOg mere.  "))
    assert result.value == "Gode møder med æøå ÆØÅ 👍\nOg mere."
    assert not result.skipped


def test_text_too_long_states_the_limit_and_the_length(q: dict[str, Question]) -> None:
    assert q["drivere"].max_length == 2000
    msg = _invalid(validate_answer(q["drivere"], "x" * 2345)).message
    assert "2000" in msg and "2345" in msg
    msg = _invalid(validate_answer(q["drivere"], "æ" * 10_000)).message
    assert "2000" in msg and "10000" in msg
    _valid(validate_answer(q["drivere"], "ø" * 2000))


def test_empty_required_is_invalid_and_empty_optional_is_a_skip(q: dict[str, Question]) -> None:
    for qid in ("drivere", "status-vurdering", "tilpasninger-ja-nej", "udfyldt-af"):
        for raw in ("", "   ", "\u200b\u200b", "\n\t"):
            _invalid(validate_answer(q[qid], raw))
    for qid in ("kommentar", "borgere-antal", "faelles-moede"):
        result = _valid(validate_answer(q[qid], " \u200b "))
        assert result.skipped and result.value is None


def test_zero_width_and_direction_tricks_are_removed(q: dict[str, Question]) -> None:
    raw = "\ufeffHej\u200b \u202eder\u202c\u2066 – blåbær\u0007"
    assert _valid(validate_answer(q["drivere"], raw)).value == "Hej der – blåbær"
    # decomposed å (a + ring) becomes one character
    assert clean_text("a\u030a") == "å"


def test_emoji_are_kept(q: dict[str, Question]) -> None:
    family = "👨\u200d👩\u200d👧"
    value = _valid(validate_answer(q["kommentar"], f"Tak {family} 🎉❤️")).value
    assert value == f"Tak {family} 🎉❤️"
    # an only-emoji answer is an answer
    assert _valid(validate_answer(q["drivere"], "👍")).value == "👍"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("12", 12), ("12,5", 12.5), ("1.200", 1200), ("1.200,5", 1200.5), ("1 200", 1200),
     ("0", 0), (" 7 ", 7), ("12.5", 12.5), ("10.000", 10000)],
)
def test_danish_numbers(q: dict[str, Question], raw: str, value: float) -> None:
    result = _valid(validate_answer(q["borgere-antal"], raw))
    assert result.value == value
    assert type(result.value) is type(value)


@pytest.mark.parametrize("raw", ["tolv", "12 borgere", "1,2,3", "1e5", "nan", "--3", "12,", "9" * 50])
def test_not_a_number(q: dict[str, Question], raw: str) -> None:
    msg = _invalid(validate_answer(q["borgere-antal"], raw)).message
    assert "10.000" in msg  # the range is stated


@pytest.mark.parametrize("raw", ["-1", "10001", "20.000"])
def test_number_out_of_range(q: dict[str, Question], raw: str) -> None:
    msg = _invalid(validate_answer(q["borgere-antal"], raw)).message
    assert "0" in msg and "10.000" in msg


def test_parse_danish_number() -> None:
    assert parse_danish_number("−4") == -4
    assert parse_danish_number("1.234.567") == 1234567
    assert parse_danish_number("") is None
    assert parse_danish_number("12.34.5") is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1", 1), ("5", 5), (" 3 ", 3), ("3.", 3), ("3 - Godt i gang", 3), ("godt i gang", 3),
     ("FULDT IMPLEMENTERET", 5), ("Ikke startet", 1)],
)
def test_scale(q: dict[str, Question], raw: str, value: int) -> None:
    assert _valid(validate_answer(q["status-vurdering"], raw)).value == value


@pytest.mark.parametrize("raw", ["6", "0", "-1", "3,5", "tre", "🙂", "35"])
def test_scale_bad_input(q: dict[str, Question], raw: str) -> None:
    msg = _invalid(validate_answer(q["status-vurdering"], raw)).message
    assert "1" in msg and "5" in msg
    assert "Godt i gang" in msg  # the labels are listed


@pytest.mark.parametrize(
    ("raw", "value"),
    [("ja", True), ("Ja", True), ("JA!", True), ("j", True), ("yes", True), ("Y", True),
     ("nej", False), ("NEJ", False), ("n", False), ("No", False), ("no.", False)],
)
def test_yesno(q: dict[str, Question], raw: str, value: bool) -> None:
    assert _valid(validate_answer(q["tilpasninger-ja-nej"], raw)).value is value


@pytest.mark.parametrize("raw", ["måske", "jaja", "1", "👍"])
def test_yesno_bad_input(q: dict[str, Question], raw: str) -> None:
    _invalid(validate_answer(q["tilpasninger-ja-nej"], raw))


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1", ["Projektleder"]), ("1, 3", ["Projektleder", "Praktikere/fagpersoner"]),
     ("3,1", ["Projektleder", "Praktikere/fagpersoner"]), ("1 2", ["Projektleder", "Leder"]),
     ("leder; projektleder", ["Projektleder", "Leder"]), ("Andre nøglepersoner", ["Andre nøglepersoner"]),
     ("2, 2, leder", ["Leder"])],
)
def test_multiple_choice(q: dict[str, Question], raw: str, value: list[str]) -> None:
    assert _valid(validate_answer(q["udfyldt-af"], raw)).value == value


@pytest.mark.parametrize("raw", ["5", "0", "Borgmester", "1, 9", "1,, kaffe"])
def test_multiple_choice_bad_input(q: dict[str, Question], raw: str) -> None:
    msg = _invalid(validate_answer(q["udfyldt-af"], raw)).message
    assert "Projektleder" in msg  # the options are listed


def test_single_choice() -> None:
    question = Question(id="x", kind="choice", text="Hvilken?", choices=["Rød", "Grøn, mørk"])
    assert _valid(validate_answer(question, "2")).value == "Grøn, mørk"
    assert _valid(validate_answer(question, "grøn, mørk")).value == "Grøn, mørk"
    assert _valid(validate_answer(question, "rød")).value == "Rød"
    _invalid(validate_answer(question, "1, 2"))
    _invalid(validate_answer(question, "blå"))


def test_values_are_json_able(q: dict[str, Question]) -> None:
    samples = {"drivere": "tekst æøå", "borgere-antal": "12,5", "status-vurdering": "4",
               "tilpasninger-ja-nej": "ja", "udfyldt-af": "1,2", "kommentar": ""}
    values = {k: _valid(validate_answer(q[k], v)).value for k, v in samples.items()}
    assert json.loads(json.dumps(values)) == values


# -- drafts ------------------------------------------------------------------------------------


def test_next_and_previous_question(form: Form) -> None:
    ids = [question.id for question in form.questions()]
    first = next_question(form, {})
    assert first is not None and first.id == ids[0]
    second = next_question(form, {ids[0]: 3})
    assert second is not None and second.id == ids[1]
    # a skip (None) or an explicitly skipped id counts as done
    third = next_question(form, {ids[0]: 3, ids[1]: None})
    assert third is not None and third.id == ids[2]
    later = next_question(form, {ids[0]: 3}, skipped={ids[1]})
    assert later is not None and later.id == ids[2]
    assert next_question(form, dict.fromkeys(ids, "x")) is None

    back = previous_question(form, ids[2])
    assert back is not None and back.id == ids[1]
    assert previous_question(form, ids[0]) is None
    last = previous_question(form, None)
    assert last is not None and last.id == ids[-1]
    assert previous_question(form, "findes-ikke") is None
    assert position(form, ids[2]) == (3, len(ids))


def test_summary_lines(form: Form) -> None:
    answers: dict[str, Answer] = {"status-vurdering": 3, "borgere-antal": 1200, "drivere": "Ledelsen 💪",
               "udfyldt-af": ["Projektleder", "Leder"], "tilpasninger-ja-nej": True,
               "kommentar": None}
    lines = summary_lines(form, answers)
    assert len(lines) == len(form.questions())
    by_id = dict(zip([question.id for question in form.questions()], lines, strict=True))
    assert by_id["status-vurdering"].startswith("1. Hvor langt")
    assert "3 – Godt i gang" in by_id["status-vurdering"]
    assert "1.200" in by_id["borgere-antal"]
    assert "Ledelsen 💪" in by_id["drivere"]
    assert "Projektleder, Leder" in by_id["udfyldt-af"]
    assert by_id["kommentar"].endswith("—")
    assert by_id["barrierer"].endswith("—")
    short = summary_lines(form, {"drivere": "x" * 500}, max_answer_chars=50)
    assert all(len(line) < 200 for line in short)


def test_format_answer(q: dict[str, Question]) -> None:
    assert format_answer(q["borgere-antal"], 12.5) == "12,5"
    assert format_answer(q["kommentar"], None) == "—"
    assert format_answer(q["tilpasninger-ja-nej"], True) != format_answer(
        q["tilpasninger-ja-nej"], False)


def test_missing_required(form: Form) -> None:
    required = [question.id for question in form.questions() if question.required]
    assert [m.id for m in missing_required(form, {})] == required
    answers: dict[str, Answer] = dict.fromkeys(required, "x")
    assert missing_required(form, answers) == []
    answers["drivere"] = None
    assert [m.id for m in missing_required(form, answers)] == ["drivere"]


def test_draft_versions_and_json() -> None:
    at = dt.datetime(2023, 6, 12, 8, 0, tzinfo=UTC)
    draft = Draft().with_answer("drivere", "Godt samarbejde", "Mette", at)
    draft = draft.with_answer("kommentar", None, "Mette", at)
    assert draft.version == 2 and draft.updated_by == "Mette"
    again = Draft.from_json(json.loads(json.dumps(draft.to_json())))
    assert again == draft
    assert draft.without_answer("kommentar", "Ole", at).answers == {"drivere": "Godt samarbejde"}


# -- merging ----------------------------------------------------------------------------------


def test_merge_takes_one_sided_changes() -> None:
    base: dict[str, Answer] = {"a": 1, "b": "x", "c": True}
    mine: dict[str, Answer] = {"a": 2, "b": "x", "c": True, "d": "ny"}
    theirs: dict[str, Answer] = {"a": 1, "b": "y", "c": True, "e": None}
    result = merge(base, mine, theirs)
    assert result.clean
    assert result.answers == {"a": 2, "b": "y", "c": True, "d": "ny", "e": None}


def test_merge_same_change_on_both_sides_is_no_conflict() -> None:
    result = merge({"a": 1}, {"a": 5, "b": ["1"]}, {"a": 5, "b": ["1"]})
    assert result.clean and result.answers == {"a": 5, "b": ["1"]}


def test_merge_conflicts_are_reported_and_never_overwritten() -> None:
    base: dict[str, Answer] = {"drivere": "gammel", "x": 1}
    mine: dict[str, Answer] = {"drivere": "Mettes tekst", "x": 1, "ny": "mine"}
    theirs: dict[str, Answer] = {"drivere": "Oles tekst", "x": 1, "ny": "theirs"}
    result = merge(base, mine, theirs)
    assert not result.clean
    assert [(c.question_id, c.base, c.mine, c.theirs) for c in result.conflicts] == [
        ("drivere", "gammel", "Mettes tekst", "Oles tekst"),
        ("ny", MISSING, "mine", "theirs"),
    ]
    # the stored (theirs) answer stays until someone chooses
    assert result.answers["drivere"] == "Oles tekst"
    assert result.answers["ny"] == "theirs"


def test_merge_removal_against_change_is_a_conflict() -> None:
    result = merge({"a": "x"}, {}, {"a": "y"})
    assert [(c.mine, c.theirs) for c in result.conflicts] == [(MISSING, "y")]
    assert result.answers == {"a": "y"}
    # a removal on one side only is taken
    assert merge({"a": "x", "b": 1}, {"b": 1}, {"a": "x", "b": 1}).answers == {"b": 1}
