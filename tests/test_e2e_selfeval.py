"""The self-evaluation end to end, through the local Telegram stand-in (user ids 500–599).

The bot runs with PROJEKTBOT_NOW set, so that the `voksenliv` round "juni 2023"
(1–30 June 2023) is open. Assertions are on data, values, dates, button data and
file contents — not on translated wording.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from docx import Document
from openpyxl import load_workbook  # type: ignore[import-untyped]

from bot.loader import load_knowledge
from bot.settings import DEFAULT_DATA
from tests.localbot import LocalBot, Message

FORM = load_knowledge(DEFAULT_DATA).forms["selvevaluering"]
QUESTIONS = FORM.questions()
Q = {q.id: i for i, q in enumerate(QUESTIONS)}


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBot]:
    local = LocalBot(tmp_path_factory.mktemp("selfeval"), env={"PROJEKTBOT_NOW": "2023-06-15"})
    local.start()
    yield local
    local.stop()


# -- helpers -------------------------------------------------------------------------------


def datas(message: Message) -> list[str]:
    return [b["data"] for row in message["buttons"] for b in row]


def press(bot: LocalBot, uid: int, message: Message, prefix: str) -> None:
    """Press the button whose callback data starts with `prefix` ("se:a:0:3")."""
    wanted = [d for d in datas(message) if d.startswith(prefix + ":")]
    assert wanted, f"no button {prefix!r} in {datas(message)}"
    bot.press(uid, message, data=wanted[0])


def is_question(i: int) -> Callable[[Message], bool]:
    text = QUESTIONS[i].text
    return lambda m: text in (m["text"] or "") and any(
        d.startswith("se:p:") for d in datas(m)) and not is_summary(m) and not m["edited"]


def is_summary(m: Message) -> bool:
    return any(d.startswith("se:r:0:") for d in datas(m)) and not m["edited"]


def wait_question(bot: LocalBot, uid: int, i: int, timeout: float = 10) -> Message:
    return bot.wait_for(uid, is_question(i), timeout)


def db_row(bot: LocalBot, kommune: str = "Odense", round_id: str = "2023-06") -> dict[str, Any]:
    con = sqlite3.connect(bot.db)
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("select * from selfeval_evaluations where project = 'voksenliv' and "
                          "kommune = ? and round_id = ?", [kommune, round_id]).fetchone()
        return dict(row) if row else {}
    finally:
        con.close()


def answers(bot: LocalBot, kommune: str = "Odense") -> dict[str, Any]:
    row = db_row(bot, kommune)
    return json.loads(row["answers"]) if row else {}


def history(bot: LocalBot, kommune: str = "Odense") -> list[tuple[int, dict[str, Any]]]:
    con = sqlite3.connect(bot.db)
    try:
        rows = con.execute("select number, answers from selfeval_versions where kommune = ? "
                           "order by number", [kommune]).fetchall()
        return [(n, json.loads(a)) for n, a in rows]
    finally:
        con.close()


def download(bot: LocalBot, message: Message) -> bytes:
    assert message["document"] is not None, message
    return httpx.get(message["document"]["url"], timeout=10).content


def wait_document(bot: LocalBot, uid: int) -> Message:
    return bot.wait_for(uid, lambda m: m["document"] is not None)


# -- a full form ------------------------------------------------------------------------------


def test_a_full_form_with_buttons_typed_answers_and_mistakes(bot: LocalBot) -> None:
    bot.register(502, "koordinator", "voksenliv", None, first_name="Karin")
    bot.register(501, "projektleder", "voksenliv", "Odense", first_name="Mette")
    bot.send(501, "/selvevaluering")
    intro = bot.wait_reply(501)
    assert "juni 2023" in intro["text"] and "30. juni 2023" in intro["text"]
    assert "Odense" in intro["text"]

    q = wait_question(bot, 501, 0)
    assert len([d for d in datas(q) if d.startswith("se:a:0:")]) == 5  # scale 1–5
    assert not any(d.startswith("se:b:") for d in datas(q))  # no "Tilbage" on the first
    assert not any(d.startswith("se:s:") for d in datas(q))  # required: no "Spring over"
    press(bot, 501, q, "se:a:0:3")
    assert bot.wait_for(501, lambda m: m["edited"] and m["message_id"] == q["message_id"])
    wait_question(bot, 501, 1)
    assert answers(bot) == {"status-vurdering": 3}

    bot.send(501, "x" * 2500)  # too long: the limit is stated, nothing saved
    error = bot.wait_reply(501)
    assert "2000" in error["text"] and "2500" in error["text"]
    assert answers(bot) == {"status-vurdering": 3}
    bot.send(501, "Vi er godt i gang – æøå ÆØÅ 🎉")
    q2 = wait_question(bot, 501, 2)
    assert any(d.startswith("se:s:2:") for d in datas(q2))  # optional: "Spring over"

    bot.send(501, "tolv")  # not a number
    assert "tolv" in bot.wait_reply(501)["text"]
    bot.send(501, "20000")  # out of range (0–10.000)
    assert "10.000" in bot.wait_reply(501)["text"]
    assert "borgere-antal" not in answers(bot)
    press(bot, 501, q2, "se:s:2")  # Spring over
    q3 = wait_question(bot, 501, 3)
    assert answers(bot)["borgere-antal"] is None

    press(bot, 501, q3, "se:b:3")  # Tilbage: the skipped question again
    back = wait_question(bot, 501, 2)
    assert any(d.startswith("se:k:2:") for d in datas(back))  # keep the current answer
    bot.send(501, "12")
    q3 = wait_question(bot, 501, 3)
    assert answers(bot)["borgere-antal"] == 12

    bot.send(501, "Engagerede medarbejdere")
    q4 = wait_question(bot, 501, 4)
    press(bot, 501, q4, "se:p")  # Pause
    paused = bot.wait_for(501, lambda m: "/selvevaluering" in (m["text"] or ""))
    assert not paused["buttons"]

    # while paused, typed text goes to the question engine, not into the form
    bot.send(501, "hvornår er næste modningsworkshop?")
    bot.wait_reply(501)
    assert "barrierer" not in answers(bot)
    assert set(answers(bot)) == {"status-vurdering", "status-beskrivelse", "borgere-antal",
                                 "drivere"}

    # days later, after a restart: continue where she left off
    bot.stop()
    bot.env["PROJEKTBOT_NOW"] = "2023-06-20"
    bot.client = httpx.Client(base_url=f"http://127.0.0.1:{bot.port}", timeout=10)
    bot.start()
    bot.send(501, "/selvevaluering")
    intro = bot.wait_for(501, lambda m: "30. juni 2023" in (m["text"] or ""))
    assert "Mette" in intro["text"]  # the draft, and who changed it last
    wait_question(bot, 501, 4)
    bot.send(501, "Tid og travlhed")
    q5 = wait_question(bot, 501, 5)
    press(bot, 501, q5, "se:a:5:ja")
    wait_question(bot, 501, 6)
    bot.send(501, "Nye arbejdsgange i teamet")
    q7 = wait_question(bot, 501, 7)
    press(bot, 501, q7, "se:t:7:0")
    toggled = bot.wait_for(501, lambda m: m["edited"] and m["message_id"] == q7["message_id"])
    press(bot, 501, toggled, "se:t:7:2")
    toggled = bot.wait_for(501, lambda m: m["edited"] and m["message_id"] == q7["message_id"])
    press(bot, 501, toggled, "se:d:7")
    q8 = wait_question(bot, 501, 8)
    assert answers(bot)["udfyldt-af"] == ["Projektleder", "Praktikere/fagpersoner"]
    press(bot, 501, q8, "se:s:8")
    q9 = wait_question(bot, 501, 9)
    press(bot, 501, q9, "se:a:9:nej")
    q10 = wait_question(bot, 501, 10)
    press(bot, 501, q10, "se:s:10")
    q11 = wait_question(bot, 501, 11)
    press(bot, 501, q11, "se:s:11")

    summary = bot.wait_for(501, is_summary)
    for shown in ["3 – Godt i gang", "Vi er godt i gang – æøå ÆØÅ 🎉", "12", "Tid og travlhed",
                  "Projektleder, Praktikere/fagpersoner"]:
        assert shown in summary["text"]
    assert len([d for d in datas(summary) if d.startswith("se:r:")]) == len(QUESTIONS)

    press(bot, 501, summary, "se:r:1")  # Ret: change one answer, back to the summary
    wait_question(bot, 501, 1)
    bot.send(501, "Rettet status: vi er næsten i mål")
    summary = bot.wait_for(501, is_summary)
    assert "Rettet status" in summary["text"]
    assert answers(bot)["status-beskrivelse"] == "Rettet status: vi er næsten i mål"

    press(bot, 501, summary, "se:i")  # Indsend
    done = bot.wait_for(501, lambda m: "/mine_evalueringer" in (m["text"] or ""))
    assert "juni 2023" in done["text"]
    row = db_row(bot)
    assert row["state"] == "submitted" and row["submitted_version"] == 1 and row["late"] == 0
    assert row["submitted_by"] == "Mette"
    assert history(bot) == [(1, answers(bot))]
    assert answers(bot) == {
        "status-vurdering": 3, "status-beskrivelse": "Rettet status: vi er næsten i mål",
        "borgere-antal": 12, "drivere": "Engagerede medarbejdere", "barrierer": "Tid og travlhed",
        "tilpasninger-ja-nej": True, "tilpasninger": "Nye arbejdsgange i teamet",
        "udfyldt-af": ["Projektleder", "Praktikere/fagpersoner"], "faelles-moede": None,
        "stoettebehov-ja-nej": False, "stoettebehov": None, "kommentar": None,
    }

    # the coordinator is told
    note = bot.wait_for(502, lambda m: "Odense" in (m["text"] or "") and "juni 2023" in m["text"])
    assert "Mette" in note["text"]

    listing = bot.ask(501, "/mine_evalueringer")
    assert "juni 2023" in listing["text"] and "Mette" in listing["text"]
    assert "1" in listing["text"] and "20. juni 2023" in listing["text"]


def test_a_correction_after_submitting_is_a_new_version(bot: LocalBot) -> None:
    # continues from the submitted form above
    bot.send(501, "/selvevaluering")
    summary = bot.wait_for(501, is_summary)
    assert not any(d.startswith("se:i:") for d in datas(summary))  # nothing new to submit
    press(bot, 501, summary, "se:r:0")
    q0 = wait_question(bot, 501, 0)
    press(bot, 501, q0, "se:a:0:4")
    summary = bot.wait_for(501, is_summary)
    assert db_row(bot)["submitted_version"] == 1  # not yet submitted
    press(bot, 501, summary, "se:i")
    bot.wait_for(501, lambda m: "/mine_evalueringer" in (m["text"] or ""))
    assert [(n, a["status-vurdering"]) for n, a in history(bot)] == [(1, 3), (2, 4)]
    assert db_row(bot)["submitted_version"] == 2
    bot.wait_for(502, lambda m: "Odense" in (m["text"] or ""))


def test_annuller_keeps_the_draft_and_stale_or_forged_buttons_are_refused(bot: LocalBot) -> None:
    bot.register(505, "projektleder", "voksenliv", "Aarhus", first_name="Jonas")
    bot.send(505, "/selvevaluering")
    q0 = wait_question(bot, 505, 0)
    press(bot, 505, q0, "se:a:0:2")
    q1 = wait_question(bot, 505, 1)
    bot.send(505, "/annuller")
    bot.wait_for(505, lambda m: "/selvevaluering" in (m["text"] or ""))
    assert answers(bot, "Aarhus") == {"status-vurdering": 2}
    bot.send(505, "Noget tekst efter annuller")  # not taken as an answer
    bot.wait_reply(505)
    assert answers(bot, "Aarhus") == {"status-vurdering": 2}

    press(bot, 505, q0, "se:a:0:5")  # a stale button (the question was answered)
    refused = bot.wait_reply(505)
    assert not refused["buttons"]
    bot.press(505, q1, data=datas(q1)[0][:-3] + "zzz")  # forged signature
    bot.wait_reply(505)
    own = bot.register(506, "projektleder", "voksenliv", "Aarhus", first_name="Ida")
    bot.press(506, own, data=datas(q1)[0])  # someone else's button, replayed
    bot.wait_reply(506)
    assert answers(bot, "Aarhus") == {"status-vurdering": 2}


def test_coordinator_status_reminder_and_exports(bot: LocalBot, tmp_path: Path) -> None:
    bot.register(503, "projektleder", "voksenliv", "Vejle", first_name="Vibeke")
    status = bot.ask(502, "/status")
    text = status["text"]
    assert "juni 2023" in text and "30. juni 2023" in text
    assert text.index("Odense") < text.index("Aarhus") < text.index("Vejle")  # submitted, draft, none
    remind = [d for d in datas(status) if d.startswith("ec:rm:2023-06:")]
    assert remind
    bot.press(502, status, data=remind[0])
    bot.wait_reply(502)
    reminder = bot.wait_for(503, lambda m: any(d.startswith("se:go:") for d in datas(m)))
    assert "30. juni 2023" in reminder["text"]
    bot.wait_for(505, lambda m: any(d.startswith("se:go:") for d in datas(m)))  # Aarhus draft
    press(bot, 503, reminder, "se:go")
    wait_question(bot, 503, 0)  # the reminder's button starts the form

    # a project leader may not use the coordinator's tools
    refused = bot.ask(501, "/status")
    assert not refused["buttons"]

    menu = bot.ask(502, "/eksport")
    assert {d.split(":")[2] for d in datas(menu)} == {"docx", "xlsx", "csv"}
    press(bot, 502, menu, "ec:x:docx")
    doc = Document(io.BytesIO(download(bot, wait_document(bot, 502))))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Odense" in body and "Vi er godt i gang" not in body  # the corrected text
    assert "Rettet status: vi er næsten i mål" in body and QUESTIONS[0].text in body
    assert "Aarhus" not in body  # drafts are not exported

    press(bot, 502, menu, "ec:x:xlsx")
    wb = load_workbook(io.BytesIO(download(bot, wait_document(bot, 502))))
    rows = list(wb.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "Odense" and rows[1][5] == 2  # version 2
    assert "Rettet status: vi er næsten i mål" in rows[1]

    press(bot, 502, menu, "ec:x:csv")
    raw = download(bot, wait_document(bot, 502))
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert parsed[1][0] == "Odense" and "Nye arbejdsgange i teamet" in parsed[1]


def test_command_line_export_in_three_formats(bot: LocalBot, tmp_path: Path) -> None:
    for fmt in ["docx", "xlsx", "csv"]:
        out = tmp_path / f"eksport.{fmt}"
        done = bot.cli("export", "--project", "voksenliv", "--round", "2023-06", "--format", fmt,
                       "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0
    body = "\n".join(p.text for p in Document(str(tmp_path / "eksport.docx")).paragraphs)
    assert "Odense" in body and "æøå ÆØÅ" not in body and "Tid og travlhed" in body
    rows = list(load_workbook(tmp_path / "eksport.xlsx").active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Odense"]
    raw = (tmp_path / "eksport.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    assert bot.cli("export", "--project", "nope", "--format", "csv", "--out",
                   str(tmp_path / "x.csv")).returncode == 2


# -- reliability -------------------------------------------------------------------------------


Step = tuple[str, str, Any]  # (kind, argument, value stored or None)

# (what the user does, and what is stored afterwards)
FULL_FORM: list[tuple[str, str, str | None, Any]] = [
    # kind, arg, question id, stored value
    ("press", "se:a:0:4", "status-vurdering", 4),
    ("type", "Status med æøå", "status-beskrivelse", "Status med æøå"),
    ("type", "7", "borgere-antal", 7),
    ("type", "Ledelsen", "drivere", "Ledelsen"),
    ("type", "Tid", "barrierer", "Tid"),
    ("press", "se:a:5:nej", "tilpasninger-ja-nej", False),
    ("press", "se:s:6", "tilpasninger", None),
    ("type", "1, 2", "udfyldt-af", ["Projektleder", "Leder"]),
    ("press", "se:a:8:ja", "faelles-moede", True),
    ("press", "se:a:9:ja", "stoettebehov-ja-nej", True),
    ("type", "Hjælp til data", "stoettebehov", "Hjælp til data"),
    ("press", "se:s:11", "kommentar", None),
    ("press", "se:i", None, None),  # Indsend
]


def _do(bot: LocalBot, uid: int, shown: Message, kind: str, arg: str) -> None:
    if kind == "press":
        press(bot, uid, shown, arg)
    else:
        bot.send(uid, arg)


def _after(bot: LocalBot, uid: int, step: int) -> Message:
    """What /selvevaluering shows after `step` steps: the next question or the summary."""
    if step < len(QUESTIONS):
        return wait_question(bot, uid, step, timeout=15)
    return bot.wait_for(uid, is_summary, timeout=15)


def test_sigkill_after_every_step_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    bot = LocalBot(tmp_path, env={"PROJEKTBOT_NOW": "2023-06-15"}).start()
    started = time.monotonic()
    uid = 520
    try:
        bot.register(uid, "projektleder", "voksenliv", "Kolding", first_name="Kim")
        bot.send(uid, "/selvevaluering")
        shown = _after(bot, uid, 0)
        bot.kill()  # also right after the start
        bot.start()
        expected: dict[str, Any] = {}
        for n, (kind, arg, qid, value) in enumerate(FULL_FORM):
            bot.send(uid, "/selvevaluering")
            shown = _after(bot, uid, n)
            assert answers(bot, "Kolding") == expected, f"before step {n}"
            _do(bot, uid, shown, kind, arg)
            if qid is not None:
                expected[qid] = value
                _after(bot, uid, n + 1)  # the bot has answered: kill it now
            else:
                bot.wait_for(uid, lambda m: "/mine_evalueringer" in (m["text"] or ""))
            bot.kill()
            bot.start()
            assert answers(bot, "Kolding") == expected, f"after step {n} and a SIGKILL"
        bot.send(uid, "/selvevaluering")
        bot.wait_for(uid, is_summary)
        row = db_row(bot, "Kolding")
        assert row["state"] == "submitted" and row["submitted_version"] == 1
        assert history(bot, "Kolding") == [(1, expected)]
        assert len(expected) == len(QUESTIONS)
    finally:
        bot.stop()
    assert time.monotonic() - started < 90  # about 40–55 s: 14 restarts of the bot


def test_two_leaders_answer_the_same_question_in_the_same_second(bot: LocalBot) -> None:
    bot.register(530, "projektleder", "voksenliv", "Esbjerg", first_name="Anna")
    bot.register(531, "projektleder", "voksenliv", "Esbjerg", first_name="Bo")
    bot.send(530, "/selvevaluering")
    anna = wait_question(bot, 530, 0)
    press(bot, 530, anna, "se:a:0:2")
    wait_question(bot, 530, 1)
    bot.send(531, "/selvevaluering")
    intro = bot.wait_reply(531)
    assert "Anna" in intro["text"]  # the draft and who changed it
    wait_question(bot, 531, 1)  # Bo continues after Anna's answer

    # both at question 2 ("status-beskrivelse"), answering within the same second
    t0 = time.monotonic()
    bot.send(530, "Annas beskrivelse")
    bot.send(531, "Bos beskrivelse")
    assert time.monotonic() - t0 < 1
    wait_question(bot, 530, 2)
    conflict = bot.wait_for(531, lambda m: any(d.startswith("se:c:1:") for d in datas(m)))
    assert "Annas beskrivelse" in conflict["text"] and "Bos beskrivelse" in conflict["text"]
    assert "Anna" in conflict["text"]
    assert answers(bot, "Esbjerg")["status-beskrivelse"] == "Annas beskrivelse"  # not overwritten

    bot.send(531, "/selvevaluering")  # Bo leaves and comes back: his answer is not lost
    conflict = bot.wait_for(531, lambda m: any(d.startswith("se:c:1:") for d in datas(m)))
    assert "Bos beskrivelse" in conflict["text"]
    press(bot, 531, conflict, "se:c:1:m")  # Bo chooses his own, knowingly
    wait_question(bot, 531, 2)
    assert answers(bot, "Esbjerg") == {"status-vurdering": 2,
                                       "status-beskrivelse": "Bos beskrivelse"}

    # both are now at "borgere-antal"; Anna saw the draft before Bo's choice: her answer is
    # merged without undoing Bo's, and Bo's answer in the same second is a conflict again
    bot.send(530, "5")
    bot.send(531, "8")
    conflict = bot.wait_for(531, lambda m: any(d.startswith("se:c:2:") for d in datas(m)))
    press(bot, 531, conflict, "se:c:2:t")  # keep Anna's
    wait_question(bot, 531, 3)
    stored = answers(bot, "Esbjerg")
    assert stored["borgere-antal"] == 5 and stored["status-beskrivelse"] == "Bos beskrivelse"
