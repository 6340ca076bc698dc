"""The self-evaluation storage: drafts, versions, optimistic concurrency, late marks."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from bot.evaluations import Evaluation, Evaluations, Key, Session, now, today
from bot.forms import Round
from bot.store import Store

UTC = dt.UTC
KEY = Key("voksenliv", "Odense", "2023-06")
ROUND = Round("voksenliv", "2023-06", dt.date(2023, 6, 1), dt.date(2023, 6, 30), "juni 2023")
JUNE = dt.datetime(2023, 6, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "bot.db")


@pytest.fixture
def evals(store: Store) -> Evaluations:
    return Evaluations(store)


def answer(evals: Evaluations, qid: str, value: object, seen: Evaluation, by: str = "Mette",
           at: dt.datetime = JUNE) -> object:
    return evals.save_answer(KEY, qid, value, base_version=seen.version,  # type: ignore[arg-type]
                             base_answers=seen.answers, by=by, at=at)


def test_tables_are_created_once_and_an_unknown_evaluation_is_empty(store: Store) -> None:
    Evaluations(store)
    evals = Evaluations(store)  # second time: no error
    assert evals.get(KEY) is None
    empty = evals.get_or_empty(KEY)
    assert not empty.started and empty.state == "draft" and empty.answers == {}


def test_every_answer_is_stored_at_once_with_version_and_author(
    evals: Evaluations, tmp_path: Path
) -> None:
    seen = evals.get_or_empty(KEY)
    result = evals.save_answer(KEY, "status-vurdering", 3, base_version=0, base_answers={},
                               by="Mette", at=JUNE)
    assert result.changed and not result.conflicts
    # read back through a separate connection: committed, not just in memory
    row = sqlite3.connect(tmp_path / "bot.db").execute(
        "select answers, version, updated_by, updated_at, state from selfeval_evaluations"
    ).fetchone()
    assert row == ('{"status-vurdering": 3}', 1, "Mette", "2023-06-15T10:00:00.000000+00:00",
                   "draft")
    seen = evals.get_or_empty(KEY)
    answer(evals, "borgere-antal", None, seen)  # a skip is stored as None
    assert evals.get_or_empty(KEY).answers == {"status-vurdering": 3, "borgere-antal": None}
    assert evals.get_or_empty(KEY).version == 2


def test_saving_the_same_answer_again_changes_nothing(evals: Evaluations) -> None:
    answer(evals, "status-vurdering", 3, evals.get_or_empty(KEY))
    again = answer(evals, "status-vurdering", 3, evals.get_or_empty(KEY))
    assert not again.changed  # type: ignore[attr-defined]
    assert evals.get_or_empty(KEY).version == 1


def test_concurrent_answers_to_different_questions_are_merged(evals: Evaluations) -> None:
    seen = evals.get_or_empty(KEY)  # both leaders saw version 0
    answer(evals, "status-vurdering", 3, seen, by="Mette")
    second = answer(evals, "drivere", "Ledelsen", seen, by="Anders")
    assert not second.conflicts  # type: ignore[attr-defined]
    stored = evals.get_or_empty(KEY)
    assert stored.answers == {"status-vurdering": 3, "drivere": "Ledelsen"}
    assert stored.version == 2 and stored.updated_by == "Anders"


def test_a_concurrent_answer_to_the_same_question_is_a_conflict_not_an_overwrite(
    evals: Evaluations,
) -> None:
    seen = evals.get_or_empty(KEY)
    answer(evals, "status-vurdering", 3, seen, by="Mette")
    second = evals.save_answer(KEY, "status-vurdering", 4, base_version=seen.version,
                               base_answers=seen.answers, by="Anders", at=JUNE)
    assert [c.question_id for c in second.conflicts] == ["status-vurdering"]
    assert second.conflicts[0].mine == 4 and second.conflicts[0].theirs == 3
    assert evals.get_or_empty(KEY).answers == {"status-vurdering": 3}  # Mette's kept
    # Anders chooses his answer explicitly, against the version he has now seen
    now_seen = evals.get_or_empty(KEY)
    chosen = answer(evals, "status-vurdering", 4, now_seen, by="Anders")
    assert not chosen.conflicts  # type: ignore[attr-defined]
    assert evals.get_or_empty(KEY).answers == {"status-vurdering": 4}


def test_the_same_answer_from_both_is_no_conflict(evals: Evaluations) -> None:
    seen = evals.get_or_empty(KEY)
    answer(evals, "tilpasninger-ja-nej", True, seen, by="Mette")
    second = answer(evals, "tilpasninger-ja-nej", True, seen, by="Anders")
    assert not second.conflicts  # type: ignore[attr-defined]


def test_the_session_is_written_in_the_same_transaction(evals: Evaluations) -> None:
    session = Session(7, KEY, question_id="status-vurdering", updated_at=JUNE)

    def then(ev: Evaluation, conflicts: object) -> Session:
        return Session(7, KEY, question_id="status-beskrivelse", base_version=ev.version,
                       base_answers=ev.answers, last_message_id=42, updated_at=JUNE)

    evals.put_session(session)
    evals.save_answer(KEY, "status-vurdering", 2, base_version=0, base_answers={}, by="Mette",
                      at=JUNE, then=then)
    stored = evals.session(7)
    assert stored is not None and stored.question_id == "status-beskrivelse"
    assert stored.base_version == 1 and stored.last_message_id == 42


def test_a_failing_session_update_rolls_back_the_answer(evals: Evaluations) -> None:
    def then(ev: Evaluation, conflicts: object) -> Session:
        raise RuntimeError("crash in the middle")

    with pytest.raises(RuntimeError):
        evals.save_answer(KEY, "status-vurdering", 2, base_version=0, base_answers={},
                          by="Mette", at=JUNE, then=then)
    assert evals.get(KEY) is None


def _fill(evals: Evaluations) -> Evaluation:
    for qid, value in [("status-vurdering", 3), ("status-beskrivelse", "Godt i gang – æøå")]:
        answer(evals, qid, value, evals.get_or_empty(KEY))
    return evals.get_or_empty(KEY)


def test_submit_makes_version_1_in_the_history(evals: Evaluations) -> None:
    ev = _fill(evals)
    result = evals.submit(KEY, expected_version=ev.version, round_=ROUND, by="Mette",
                          at=dt.datetime(2023, 6, 30, 21, 59, tzinfo=UTC))  # 23.59 in Denmark
    assert result.outcome == "submitted" and not result.late
    stored = evals.get_or_empty(KEY)
    assert stored.state == "submitted" and stored.submitted_version == 1
    assert stored.submitted_answers == ev.answers and not stored.changed_since_submitted
    [version] = evals.history(KEY)
    assert version.number == 1 and version.answers == ev.answers and version.submitted_by == "Mette"
    [sub] = evals.submissions("voksenliv")
    assert sub.kommune == "Odense" and sub.version == 1 and sub.answers == ev.answers


def test_submitting_twice_or_a_stale_card_does_not_duplicate(evals: Evaluations) -> None:
    ev = _fill(evals)
    evals.submit(KEY, expected_version=ev.version, round_=ROUND, by="Mette", at=JUNE)
    again = evals.submit(KEY, expected_version=ev.version, round_=ROUND, by="Mette", at=JUNE)
    assert again.outcome == "unchanged"
    assert len(evals.history(KEY)) == 1


def test_submit_refuses_when_someone_changed_it_since_it_was_shown(evals: Evaluations) -> None:
    shown = _fill(evals)
    answer(evals, "drivere", "Ledelsen", evals.get_or_empty(KEY), by="Anders")
    result = evals.submit(KEY, expected_version=shown.version, round_=ROUND, by="Mette", at=JUNE)
    assert result.outcome == "changed" and evals.history(KEY) == []


def test_a_correction_is_a_new_version_and_the_history_is_kept(evals: Evaluations) -> None:
    ev = _fill(evals)
    evals.submit(KEY, expected_version=ev.version, round_=ROUND, by="Mette", at=JUNE)
    answer(evals, "status-vurdering", 4, evals.get_or_empty(KEY), by="Anders")
    corrected = evals.get_or_empty(KEY)
    assert corrected.changed_since_submitted and corrected.state == "submitted"
    # the export still has version 1 until the correction is submitted
    assert evals.submissions("voksenliv")[0].answers["status-vurdering"] == 3
    later = JUNE + dt.timedelta(days=30)  # after the deadline: the mark stays "on time"
    result = evals.submit(KEY, expected_version=corrected.version, round_=ROUND, by="Anders",
                          at=later)
    assert result.outcome == "submitted" and not result.late
    history = evals.history(KEY)
    assert [(v.number, v.answers["status-vurdering"], v.late) for v in history] == [
        (1, 3, False), (2, 4, True)]
    [sub] = evals.submissions("voksenliv")
    assert sub.version == 2 and sub.answers["status-vurdering"] == 4 and not sub.late


def test_a_late_first_submission_is_accepted_and_marked(evals: Evaluations) -> None:
    ev = _fill(evals)
    july = dt.datetime(2023, 6, 30, 22, 30, tzinfo=UTC)  # 1 July 00.30 in Copenhagen
    result = evals.submit(KEY, expected_version=ev.version, round_=ROUND, by="Mette", at=july)
    assert result.outcome == "submitted" and result.late
    assert evals.get_or_empty(KEY).late and evals.submissions("voksenliv")[0].late


def test_nothing_to_submit(evals: Evaluations) -> None:
    result = evals.submit(KEY, expected_version=0, round_=ROUND, by="Mette", at=JUNE)
    assert result.outcome == "missing"


def test_sessions_have_a_user_id_column_for_mine_data_and_slet_mig(
    store: Store, evals: Evaluations
) -> None:
    store.redeem(store.create_invitation("projektleder", "voksenliv", "Odense", "t").code,
                 7, "Mette", None)
    evals.put_session(Session(7, KEY, question_id="drivere", updated_at=now()))
    assert ("selfeval_sessions", "user_id") in store._user_tables()
    assert ("selfeval_evaluations", "user_id") not in store._user_tables()
    assert store.user_data_export(7)["selfeval_sessions"][0]["question_id"] == "drivere"
    answer(evals, "drivere", "Ledelsen", evals.get_or_empty(KEY))
    store.delete_user(7)
    assert evals.session(7) is None
    assert evals.get_or_empty(KEY).answers == {"drivere": "Ledelsen"}  # the municipality's


def test_an_idle_session_does_not_take_typed_text(evals: Evaluations) -> None:
    evals.put_session(Session(8, KEY, question_id="drivere", updated_at=JUNE))
    assert evals.active_session(8, JUNE + dt.timedelta(hours=1)) is not None
    assert evals.active_session(8, JUNE + dt.timedelta(days=2)) is None


def test_people_of_a_project(store: Store, evals: Evaluations) -> None:
    for uid, role, kommune in [(1, "projektleder", "Odense"), (2, "projektleder", "Vejle"),
                               (3, "projektleder", "Odense"), (4, "koordinator", None),
                               (5, "praktiker", "Aarhus")]:
        code = store.create_invitation(role, "voksenliv", kommune, "t").code  # type: ignore[arg-type]
        store.redeem(code, uid, f"U{uid}", None)
    assert evals.municipalities("voksenliv") == ["Odense", "Vejle"]
    assert sorted(u.id for u in evals.leaders("voksenliv", "Odense")) == [1, 3]
    assert [u.id for u in evals.coordinators("voksenliv")] == [4]


def test_the_clock_can_pretend_another_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROJEKTBOT_NOW", "2023-06-15")
    assert today() == dt.date(2023, 6, 15)
    assert now().tzinfo is not None
    monkeypatch.delenv("PROJEKTBOT_NOW")
    assert today() >= dt.date(2025, 1, 1)
