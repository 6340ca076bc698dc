"""Exports of submitted self-evaluations, read back with python-docx, openpyxl and csv."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook  # type: ignore[import-untyped]

from bot.export import export_csv, export_docx, export_xlsx, table
from bot.forms import Submission
from bot.loader import Knowledge
from bot.model import Form

UTC = dt.UTC


@pytest.fixture(scope="module")
def form(kb: Knowledge) -> Form:
    return kb.forms["selvevaluering"]


@pytest.fixture
def submissions() -> list[Submission]:
    return [
        Submission(
            project_id="voksenliv", kommune="Aabenraa Kommune", round_id="2023-06",
            answers={
                "status-vurdering": 3,
                "status-beskrivelse": "Vi er godt i gang.\nNæste skridt: møde på Ærø 🎉",
                "borgere-antal": 12,
                "drivere": "Engagerede medarbejdere – især i Østjylland",
                "barrierer": "=SUM(A1:A9) er ikke en formel",
                "tilpasninger-ja-nej": True,
                "tilpasninger": None,
                "udfyldt-af": ["Projektleder", "Leder"],
                "stoettebehov-ja-nej": False,
            },
            submitted_by="Søren Ærbø", submitted_at=dt.datetime(2023, 6, 28, 12, 5, tzinfo=UTC),
            version=2,
        ),
        Submission(
            project_id="voksenliv", kommune="Brønderslev Kommune", round_id="2023-06",
            answers={
                "status-vurdering": 5,
                "status-beskrivelse": "Fuldt implementeret, blåbærgrød til alle",
                "borgere-antal": 1200.5,
                "drivere": "Ledelsen",
                "barrierer": "Tid",
                "tilpasninger-ja-nej": False,
                "udfyldt-af": ["Andre nøglepersoner"],
                "stoettebehov-ja-nej": True,
                "stoettebehov": "Hjælp til måling",
            },
            submitted_by="Åse Øster", submitted_at=dt.datetime(2023, 7, 3, 9, 0, tzinfo=UTC),
            late=True,
        ),
    ]


def test_table_has_one_row_per_submission(
    kb: Knowledge, form: Form, submissions: list[Submission]
) -> None:
    header, rows = table(kb, form, submissions)
    assert len(rows) == 2
    assert header[-len(form.questions()):] == [q.text for q in form.questions()]
    assert all(len(row) == len(header) for row in rows)
    assert rows[0][0] == "Aabenraa Kommune"
    assert rows[0][2] == "juni 2023"  # the round's label
    assert rows[0][4] == dt.datetime(2023, 6, 28, 14, 5)  # Copenhagen time (CEST)


def test_docx(kb: Knowledge, form: Form, submissions: list[Submission], tmp_path: Path) -> None:
    path = export_docx(kb, form, submissions, tmp_path / "selvevaluering.docx")
    doc = Document(str(path))
    paragraphs = doc.paragraphs
    styles = [p.style.name if p.style is not None else "" for p in paragraphs]
    assert styles[0] == "Title" and paragraphs[0].text == form.title
    sections = [p.text for p, s in zip(paragraphs, styles, strict=True) if s == "Heading 1"]
    assert sections == ["Aabenraa Kommune – juni 2023", "Brønderslev Kommune – juni 2023"]
    text = "\n".join(p.text for p in paragraphs)
    for expected in ("Søren Ærbø", "Åse Øster", "Næste skridt: møde på Ærø 🎉",
                     "blåbærgrød", "28. juni 2023 kl. 14.05", "3 – Godt i gang",
                     "1.200,5", "Projektleder, Leder", "30. juni 2023"):
        assert expected in text, expected
    # every question appears in bold once per submission
    bold = [p.text for p in paragraphs if p.runs and all(r.bold for r in p.runs)]
    for question in form.questions():
        assert bold.count(question.text) == 2
    # each question is followed by its answer
    first = next(i for i, p in enumerate(paragraphs) if p.text == "Hvad har hæmmet implementeringen?")
    assert paragraphs[first + 1].text == "=SUM(A1:A9) er ikke en formel"


def test_docx_without_submissions(kb: Knowledge, form: Form, tmp_path: Path) -> None:
    doc = Document(str(export_docx(kb, form, [], tmp_path / "tom.docx")))
    assert doc.paragraphs[0].text == form.title
    assert not [p for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]


def test_xlsx(kb: Knowledge, form: Form, submissions: list[Submission], tmp_path: Path) -> None:
    path = export_xlsx(kb, form, submissions, tmp_path / "selvevaluering.xlsx")
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 1 + len(submissions)
    header = list(rows[0])
    assert header[-len(form.questions()):] == [q.text for q in form.questions()]
    assert all(cell.font.bold for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert all(ws.column_dimensions[c].width >= 9 for c in ("A", "B", "H"))
    col = {text: i for i, text in enumerate(header)}
    aabenraa, bronderslev = rows[1], rows[2]
    assert aabenraa[0] == "Aabenraa Kommune" and bronderslev[0] == "Brønderslev Kommune"
    assert aabenraa[col["Hvor langt er I med at implementere indsatsen?"]] == 3
    assert bronderslev[col[form.questions()[2].text]] == 1200.5
    assert aabenraa[col["Hvad har drevet implementeringen fremad i perioden?"]] == (
        "Engagerede medarbejdere – især i Østjylland")
    assert aabenraa[col["Hvad har hæmmet implementeringen?"]] == "=SUM(A1:A9) er ikke en formel"
    assert ws.cell(row=2, column=col["Hvad har hæmmet implementeringen?"] + 1).data_type == "s"
    assert aabenraa[3] == "Søren Ærbø"
    assert aabenraa[4] == dt.datetime(2023, 6, 28, 14, 5)
    assert "Ærø 🎉" in aabenraa[col[form.questions()[1].text]]
    assert aabenraa[6] != bronderslev[6]  # the late flag differs


def test_csv(kb: Knowledge, form: Form, submissions: list[Submission], tmp_path: Path) -> None:
    path = export_csv(kb, form, submissions, tmp_path / "selvevaluering.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "æ" in text and "ø" in text and "å" in text and "Æ" in text
    rows = list(csv.reader(text.splitlines(keepends=True), delimiter=";"))
    header, *data = rows
    assert len(data) == 2
    assert header == table(kb, form, submissions)[0]
    assert len(header) > 10 and all(len(row) == len(header) for row in data)
    assert header[0] and ";" in text.splitlines()[0]
    col = {h: i for i, h in enumerate(header)}
    assert data[0][col["Hvad har hæmmet implementeringen?"]].startswith("'=SUM")  # no formula
    assert data[0][4] == "28-06-2023 14:05"
    assert data[1][col[form.questions()[2].text]] == "1200,5"
    assert data[0][col[form.questions()[1].text]] == (
        "Vi er godt i gang.\nNæste skridt: møde på Ærø 🎉")


def test_control_characters_do_not_break_the_files(
    kb: Knowledge, form: Form, submissions: list[Submission], tmp_path: Path
) -> None:
    bad = Submission("voksenliv", "Ærø Kommune", "2023-Q9", {"drivere": "a\x00b\x1bc"},
                     "Ole", dt.datetime(2023, 6, 1, tzinfo=UTC))
    export_xlsx(kb, form, [bad], tmp_path / "x.xlsx")
    export_docx(kb, form, [bad], tmp_path / "x.docx")
    ws = load_workbook(tmp_path / "x.xlsx").active
    assert "abc" in [c.value for c in ws[2]]
    assert ws["C2"].value == "2023-Q9"  # an unknown round is shown by its id
