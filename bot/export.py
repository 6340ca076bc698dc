"""The submitted self-evaluations as files: Word (.docx), Excel (.xlsx) and CSV.

* Word: a readable report like the original form — a title, then one section
  per submission (municipality and round) with who submitted it and when, a
  late mark, and every question in bold followed by its answer.
* Excel: one row per submission; a bold, frozen header row with the
  municipality, project, round, submitter, time, version, late flag and the
  question texts; column widths set, long answers wrapped.
* CSV: the same columns, UTF-8 with BOM and ";" as separator, as Danish Excel
  expects.

Times are stored in UTC and shown in Europe/Copenhagen. Text that a spreadsheet
would take for a formula ("=…", "+…", "@…") is kept as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeAlias

from babel.dates import format_datetime
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from bot.dates import LOCALE, TZ, format_day
from bot.forms import Answer, Round, Submission, format_answer, rounds_for
from bot.i18n import _
from bot.loader import Knowledge
from bot.model import Form, Question

__all__ = ["Submission", "export_csv", "export_docx", "export_xlsx", "table"]

Cell: TypeAlias = str | int | float | dt.datetime
META_COLUMNS = 7  # municipality, project, round, submitted by, submitted, version, late

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = re.compile(r"^(?:[=+@\t\r]|-[^\s\d])")


def _xml_safe(text: str) -> str:
    """Text without the characters that Word and Excel files cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def _local(moment: dt.datetime) -> dt.datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(TZ)


def _when_text(moment: dt.datetime) -> str:
    """'28. juni 2023 kl. 14.05' in Copenhagen time."""
    return format_datetime(_local(moment), "d. MMMM y 'kl.' HH.mm", locale=LOCALE)


def _sorted(submissions: Iterable[Submission]) -> list[Submission]:
    return sorted(
        submissions, key=lambda s: (s.project_id, s.round_id, s.kommune.casefold(), s.version))


class _Rounds:
    """Round labels and deadlines of the projects in an export."""

    def __init__(self, kb: Knowledge, form: Form) -> None:
        self._kb, self._form = kb, form
        self._cache: dict[str, dict[str, Round]] = {}

    def get(self, project_id: str, round_id: str) -> Round | None:
        if project_id not in self._cache:
            found = rounds_for(self._kb, project_id, self._form) if (
                project_id in self._kb.projects) else []
            self._cache[project_id] = {r.id: r for r in found}
        return self._cache[project_id].get(round_id)

    def label(self, project_id: str, round_id: str) -> str:
        r = self.get(project_id, round_id)
        return r.label if r else round_id


def _project_name(kb: Knowledge, project_id: str) -> str:
    project = kb.projects.get(project_id)
    return project.short_name if project else project_id


def _header(form: Form) -> list[str]:
    meta = [_("Municipality"), _("Project"), _("Round"), _("Submitted by"), _("Submitted"),
            _("Version"), _("Late")]
    return meta + [q.text for q in form.questions()]


def _sheet_value(question: Question, value: Answer) -> Cell:
    """Numbers stay numbers in a spreadsheet; everything else as it reads."""
    if value is None or value == "" or value == []:
        return ""
    if question.kind in {"number", "scale"} and isinstance(value, int | float) and not isinstance(
        value, bool
    ):
        return value
    return _xml_safe(format_answer(question, value))


def table(kb: Knowledge, form: Form, submissions: Iterable[Submission]) -> tuple[
    list[str], list[list[Cell]]
]:
    """The header and one row per submission, shared by the Excel and CSV exports.

    The submitted time is a naive datetime in Copenhagen time.
    """
    rounds = _Rounds(kb, form)
    rows: list[list[Cell]] = []
    for s in _sorted(submissions):
        meta: list[Cell] = [
            _xml_safe(s.kommune), _project_name(kb, s.project_id),
            rounds.label(s.project_id, s.round_id), _xml_safe(s.submitted_by),
            _local(s.submitted_at).replace(tzinfo=None), s.version,
            _("Yes") if s.late else _("No"),
        ]
        rows.append(meta + [_sheet_value(q, s.answers.get(q.id)) for q in form.questions()])
    return _header(form), rows


# -- Word ---------------------------------------------------------------------------------


def _add_meta(doc: DocxDocument, label: str, value: str) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(_xml_safe(value))


def _add_submission(doc: DocxDocument, form: Form, s: Submission, rounds: _Rounds,
                    kb: Knowledge) -> None:
    label = rounds.label(s.project_id, s.round_id)
    doc.add_heading(_xml_safe(f"{s.kommune} – {label}"), level=1)
    _add_meta(doc, _("Project"), _project_name(kb, s.project_id))
    _add_meta(doc, _("Round"), label)
    _add_meta(doc, _("Submitted by"), s.submitted_by)
    _add_meta(doc, _("Submitted"), _when_text(s.submitted_at))
    if s.version > 1:
        _add_meta(doc, _("Version"), str(s.version))
    if s.late:
        r = rounds.get(s.project_id, s.round_id)
        text = _("Submitted late") if r is None else _(
            "Submitted late (the deadline was {date})").format(date=format_day(r.deadline))
        doc.add_paragraph().add_run(text).bold = True
    for section in form.sections:
        doc.add_heading(section.title, level=2)
        for q in section.questions:
            doc.add_paragraph().add_run(q.text).bold = True
            doc.add_paragraph(_xml_safe(format_answer(q, s.answers.get(q.id))))


def export_docx(kb: Knowledge, form: Form, submissions: Sequence[Submission],
                path: Path | str) -> Path:
    """A Word report: one section per submission (municipality and round)."""
    doc = Document()
    doc.core_properties.title = form.title
    doc.core_properties.language = "da-DK"
    doc.add_heading(form.title, level=0)
    ordered = _sorted(submissions)
    projects = dict.fromkeys(_project_name(kb, s.project_id) for s in ordered)
    if projects:
        _add_meta(doc, _("Project"), ", ".join(projects))
    doc.add_paragraph(_("Submissions: {n}").format(n=len(ordered)))
    rounds = _Rounds(kb, form)
    for i, s in enumerate(ordered):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _add_submission(doc, form, s, rounds, kb)
    out = Path(path)
    doc.save(str(out))
    return out


# -- Excel ---------------------------------------------------------------------------------

_META_WIDTHS = [20, 18, 16, 22, 17, 9, 9]
_MAX_WIDTH = 60


def _width(header: str, values: list[Cell]) -> float:
    longest = max([len(header), *(len(str(v)) for v in values)])
    return float(min(max(longest + 2, 12), _MAX_WIDTH))


def export_xlsx(kb: Knowledge, form: Form, submissions: Sequence[Submission],
                path: Path | str) -> Path:
    """An Excel workbook: a bold, frozen header row and one row per submission."""
    header, rows = table(kb, form, submissions)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Self-evaluation")[:31]
    ws.append(header)
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"  # an answer starting with "=" is text, not a formula
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "dd-mm-yyyy hh:mm"
    for i, title in enumerate(header):
        letter = get_column_letter(i + 1)
        width = _META_WIDTHS[i] if i < META_COLUMNS else _width(title, [r[i] for r in rows])
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    out = Path(path)
    wb.save(str(out))
    return out


# -- CSV --------------------------------------------------------------------------------------


def _csv_value(value: Cell) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, float):
        return str(value).replace(".", ",")
    text = str(value)
    return "'" + text if _FORMULA_START.match(text) else text


def export_csv(kb: Knowledge, form: Form, submissions: Sequence[Submission],
               path: Path | str) -> Path:
    """CSV for Danish Excel: UTF-8 with BOM, ';'-separated, same columns as Excel."""
    header, rows = table(kb, form, submissions)
    out = Path(path)
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
    return out
