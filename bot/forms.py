"""The self-evaluation as pure logic: rounds, answer validation, drafts and merging.

Nothing here does I/O or knows about Telegram; the handlers, the store and the
exports build on it.

Rounds
    `rounds_for` gives a project's rounds of a form: one per occurrence of the
    activity named in `form.rounds.from_activity`, or else one per quarter of the
    project period. `current_round` picks the round a project leader answers now,
    `is_late` says whether a submission came after the deadline (it is accepted
    all the same, and marked late).

Answers
    `validate_answer` reads what a person typed (or a button sent) for one
    question and gives `Valid` (a JSON-able value, or a skip) or `Invalid` (a
    Danish message stating the rule). `format_answer` shows a value again.

Drafts
    A `Draft` holds the answers given so far (a skipped optional question is
    stored as `None`). `next_question`, `previous_question`, `summary_lines`
    and `missing_required` drive the conversation; `merge` combines two
    concurrent edits of one municipality's draft and reports conflicts instead
    of overwriting.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias

from babel.numbers import format_decimal

from bot.dates import TZ, format_when
from bot.i18n import _
from bot.loader import Knowledge
from bot.model import Form, Question
from bot.when import When

Answer: TypeAlias = str | int | float | bool | list[str] | None
"""A stored answer: text, number, scale step, yes/no, choice(s); None = skipped."""

LOCALE = "da_DK"
SCALE = range(1, 6)
MAX_NUMBER_INPUT = 40  # characters; a longer "number" is not one
DEFAULT_LATE_WINDOW = dt.timedelta(days=92)
SKIPPED_MARK = "—"


# -- rounds --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """One round of a form for one project: when it opens and its deadline."""

    project_id: str
    id: str  # "2023-06" (a month) or "2023-Q2" (a quarter)
    opens: dt.date
    deadline: dt.date
    label: str  # Danish: "juni 2023", "2. kvartal 2023"


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _quarter_round(project_id: str, year: int, quarter: int) -> Round:
    when = When.parse(f"{year}-Q{quarter}")
    opens = dt.date(year, 3 * quarter, 1)
    return Round(project_id, f"{year}-Q{quarter}", opens, when.end, format_when(when))


def _occurrence_round(project_id: str, when: When) -> Round:
    """The round for one occurrence of the round activity (see `rounds_for`)."""
    if when.precision == "day":
        opens, deadline = _month_start(when.start), when.end
        label = format_when(When(deadline, deadline, "day"))
        return Round(project_id, f"{deadline:%Y-%m}", opens, deadline, label)
    if when.precision == "month":
        return Round(project_id, f"{when.end:%Y-%m}", when.start, when.end, format_when(when))
    # a quarter or a year: like a quarterly round ending where the occurrence ends
    deadline = when.end
    quarter = (deadline.month - 1) // 3 + 1
    rid = f"{deadline.year}-Q{quarter}" if when.precision == "quarter" else str(deadline.year)
    return Round(project_id, rid, _month_start(deadline), deadline, format_when(when))


def _unique_ids(rounds: list[Round]) -> list[Round]:
    seen: dict[str, int] = {}
    out = []
    for r in rounds:
        n = seen.get(r.id, 0) + 1
        seen[r.id] = n
        out.append(r if n == 1 else replace(r, id=f"{r.id}-{n}"))
    return out


def rounds_for(kb: Knowledge, project_id: str, form: Form) -> list[Round]:
    """The rounds of `form` for a project, in date order.

    Rule:

    * If `form.rounds.from_activity` names an activity for the project, every
      occurrence of that activity is a round. A month ("2023-06") opens on the
      1st and its deadline is the last day of the month (id "2023-06", label
      "juni 2023"). An exact day is the deadline itself (the round opens on the
      1st of that month). A span of months opens on its first day and closes on
      its last. A quarter or a year opens on the first day of its last month
      and closes on its last day.
    * Otherwise the form is quarterly: one round per quarter whose opening day
      lies in the project period. A quarterly round opens on the first day of
      the quarter's last month and its deadline is the last day of the quarter
      (2023-Q2: 1 June to 30 June 2023, label "2. kvartal 2023").

    Round ids are unique within a project (a second round in the same month
    gets "-2"). Raises KeyError for an unknown project.
    """
    project = kb.projects[project_id]
    activity_id = form.rounds.from_activity.get(project_id)
    if activity_id is not None:
        activity = next(a for a in project.activities if a.id == activity_id)
        rounds = [_occurrence_round(project_id, occ.when) for occ in activity.occurrences]
        return _unique_ids(sorted(rounds, key=lambda r: (r.deadline, r.opens)))
    start, end = project.period.start, project.period.end
    out = []
    for year in range(start.year, end.year + 1):
        for quarter in range(1, 5):
            r = _quarter_round(project_id, year, quarter)
            if start <= r.opens <= end:
                out.append(r)
    return out


def current_round(
    rounds: list[Round], today: dt.date, late_window: dt.timedelta = DEFAULT_LATE_WINDOW
) -> Round | None:
    """The round a submission made `today` belongs to.

    * the open round: `opens <= today <= deadline` (the earliest, if rounds overlap);
    * else the most recent round whose deadline has passed, as long as the next
      round has not opened yet (it is not superseded) and its deadline is at
      most `late_window` ago — a submission to it is late;
    * else None: before the first round opens, or long after the last one.
    """
    ordered = sorted(rounds, key=lambda r: (r.opens, r.deadline))
    open_now = [r for r in ordered if r.opens <= today <= r.deadline]
    if open_now:
        return open_now[0]
    past = [r for r in ordered if r.deadline < today]
    if not past:
        return None
    latest = max(past, key=lambda r: r.deadline)
    superseded = any(latest.opens < r.opens <= today for r in ordered)
    if superseded or today - latest.deadline > late_window:
        return None
    return latest


def next_round(rounds: list[Round], today: dt.date) -> Round | None:
    """The first round that opens after `today`, if any."""
    future = [r for r in rounds if r.opens > today]
    return min(future, key=lambda r: r.opens) if future else None


def local_date(moment: dt.date) -> dt.date:
    """A date, or a datetime as its day in Copenhagen (naive datetimes are UTC)."""
    if isinstance(moment, dt.datetime):
        aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return aware.astimezone(TZ).date()
    return moment


def is_late(round_: Round, submitted_at_date: dt.date) -> bool:
    """True when submitted after the deadline day (a datetime counts in Copenhagen)."""
    return local_date(submitted_at_date) > round_.deadline


# -- cleaning input -------------------------------------------------------------------------------

_ZWJ = "\u200d"
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}


def _emoji_like(ch: str) -> bool:
    return unicodedata.category(ch) in {"So", "Sk", "Mn"} or 0x1F000 <= ord(ch) <= 0x1FAFF


def clean_text(raw: str, multiline: bool = True) -> str:
    """What a person typed, without control characters and invisible tricks.

    Unicode NFC (so "å" is one character), line breaks normalised to "\\n"
    (or spaces when `multiline` is false), other spaces made plain; control and
    format characters (zero-width spaces, BOM, right-to-left overrides, …)
    removed, except the zero-width joiner inside emoji sequences. Danish letters
    and emoji are kept. Leading/trailing blanks are stripped.
    """
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == "\n" or unicodedata.category(ch) in {"Zl", "Zp"}:
            out.append("\n" if multiline else " ")
        elif ch == "\t" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif ch == _ZWJ:
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if before and after and _emoji_like(before) and _emoji_like(after):
                out.append(ch)
        elif unicodedata.category(ch) not in _DROP_CATEGORIES:
            out.append(ch)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in "".join(out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# -- validation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Valid:
    """An accepted answer: `value` is JSON-able; `skipped` when left out (value None)."""

    value: Answer
    skipped: bool = False


@dataclass(frozen=True)
class Invalid:
    """A rejected answer and the Danish message that states the rule."""

    message: str


Result: TypeAlias = Valid | Invalid


def format_number(value: float) -> str:
    """A number the Danish way: "1.200", "12,5"."""
    return format_decimal(value, locale=LOCALE)


def _required_message(question: Question) -> str:
    if question.kind in {"scale", "choice", "yesno"}:
        return _("Please choose an answer – this question must be answered.")
    return _("Please write an answer – this question must be answered.")


def _validate_text(question: Question, text: str) -> Result:
    limit = question.max_length
    if limit is not None and len(text) > limit:
        return Invalid(
            _("The answer may be at most {limit} characters – yours is {n} characters.").format(
                limit=limit, n=len(text)
            )
        )
    return Valid(text)


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def parse_danish_number(text: str) -> int | float | None:
    """"12" → 12, "12,5" → 12.5, "1.200" → 1200, "1 200" → 1200, "12.5" → 12.5; else None."""
    s = text.strip().replace(" ", "").replace("\u2212", "-")
    if not s or len(s) > MAX_NUMBER_INPUT:
        return None
    if _THOUSANDS.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _PLAIN.match(s):
        s = s.replace(",", ".")
    else:
        return None
    number = float(s)
    if number.is_integer() and "." not in s:
        return int(s)
    return int(number) if number.is_integer() else number


def _range_message(question: Question) -> str:
    low, high = question.min_value, question.max_value
    if low is not None and high is not None:
        return _("Please write a number from {min} to {max}.").format(
            min=format_number(low), max=format_number(high))
    if low is not None:
        return _("Please write a number of at least {min}.").format(min=format_number(low))
    if high is not None:
        return _("Please write a number of at most {max}.").format(max=format_number(high))
    return _("Please write a number, for example 12 or 12,5.")


def _validate_number(question: Question, text: str) -> Result:
    number = parse_danish_number(text)
    if number is None:
        return Invalid(_("“{text}” is not a number. {rule}").format(
            text=_shorten(text), rule=_range_message(question)))
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        return Invalid(_range_message(question))
    return Valid(number)


def _scale_message(question: Question) -> str:
    labels = ", ".join(f"{k} = {v}" for k, v in sorted(question.scale_labels.items()))
    rule = _("Please choose a number from 1 to 5.")
    return f"{rule} ({labels})" if labels else rule


def _validate_scale(question: Question, text: str) -> Result:
    m = re.match(r"^(\d+)\s*(?:[.)]|[-–—:]\s*.*)?$", text)
    if m:
        step = int(m[1])
        return Valid(step) if step in SCALE else Invalid(_scale_message(question))
    wanted = text.casefold()
    for step, label in question.scale_labels.items():
        if label.casefold() == wanted:
            return Valid(step)
    return Invalid(_scale_message(question))


_YES = {"ja", "j", "yes", "y", "jo", "jep"}
_NO = {"nej", "n", "no", "nope"}


def _validate_yesno(text: str) -> Result:
    word = text.casefold().strip(" .!")
    if word in _YES:
        return Valid(True)
    if word in _NO:
        return Valid(False)
    return Invalid(_("Please answer yes or no."))


def _choices_message(question: Question) -> str:
    options = "; ".join(f"{i}. {c}" for i, c in enumerate(question.choices, 1))
    if question.multiple:
        rule = _("Choose one or more by number or text, separated by commas.")
    else:
        rule = _("Choose one by number or text.")
    return f"{rule} {options}"


def _match_choice(question: Question, item: str) -> str | None:
    item = item.strip().rstrip(".")
    if item.isdigit():
        n = int(item)
        return question.choices[n - 1] if 1 <= n <= len(question.choices) else None
    wanted = item.casefold()
    for choice in question.choices:
        if choice.casefold() == wanted:
            return choice
    return None


def _split_choices(text: str) -> list[str]:
    if re.fullmatch(r"\d+(\s+\d+)+", text):
        return text.split()
    return [part for part in re.split(r"[,;\n]", text) if part.strip()]


def _validate_choice(question: Question, text: str) -> Result:
    items = _split_choices(text) if question.multiple else [text]
    if not question.multiple and _match_choice(question, text) is None and len(
        _split_choices(text)
    ) > 1:
        return Invalid(_("Please choose only one answer.") + " " + _choices_message(question))
    chosen: set[str] = set()
    for item in items:
        match = _match_choice(question, item)
        if match is None:
            return Invalid(_("“{text}” is not one of the options.").format(
                text=_shorten(item.strip())) + " " + _choices_message(question))
        chosen.add(match)
    ordered = [c for c in question.choices if c in chosen]
    return Valid(ordered if question.multiple else ordered[0])


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate_answer(question: Question, raw: str) -> Valid | Invalid:
    """Check what was typed (or sent by a button) for `question`.

    Empty input (after cleaning) is a skip on an optional question and an
    error on a required one. Values: text → str, number → int or float,
    scale → int 1–5, yesno → bool, choice → str (list[str] when `multiple`).
    """
    text = clean_text(raw, multiline=question.kind == "text")
    if not text:
        return Valid(None, skipped=True) if not question.required else Invalid(
            _required_message(question))
    if question.kind == "text":
        return _validate_text(question, text)
    if question.kind == "number":
        return _validate_number(question, text)
    if question.kind == "scale":
        return _validate_scale(question, text)
    if question.kind == "yesno":
        return _validate_yesno(text)
    return _validate_choice(question, text)


def format_answer(question: Question, value: Answer) -> str:
    """An answer as a person reads it; "—" when skipped or not answered."""
    if value is None or value == "" or value == []:
        return SKIPPED_MARK
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if question.kind == "scale" and isinstance(value, int):
        label = question.scale_labels.get(value)
        return f"{value} – {label}" if label else str(value)
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(value)
    return value


# -- drafts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A municipality's answers so far for one round; `None` marks a skipped question."""

    answers: dict[str, Answer] = field(default_factory=dict)
    updated_by: str = ""
    updated_at: dt.datetime | None = None  # UTC
    version: int = 0

    def with_answer(self, question_id: str, value: Answer, by: str, at: dt.datetime) -> Draft:
        """A new draft with one answer set (a new version)."""
        return Draft({**self.answers, question_id: value}, by, at, self.version + 1)

    def without_answer(self, question_id: str, by: str, at: dt.datetime) -> Draft:
        """A new draft where the question is unanswered again."""
        answers = {k: v for k, v in self.answers.items() if k != question_id}
        return Draft(answers, by, at, self.version + 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": dict(self.answers),
            "updated_by": self.updated_by,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "version": self.version,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        at = data.get("updated_at")
        return cls(
            dict(data.get("answers") or {}),
            str(data.get("updated_by") or ""),
            dt.datetime.fromisoformat(at) if at else None,
            int(data.get("version") or 0),
        )


def question_by_id(form: Form, question_id: str) -> Question | None:
    return next((q for q in form.questions() if q.id == question_id), None)


def position(form: Form, question_id: str) -> tuple[int, int]:
    """(1-based number, total) of a question, for "Spørgsmål 3 af 11"."""
    ids = [q.id for q in form.questions()]
    return ids.index(question_id) + 1, len(ids)


def next_question(
    form: Form, answers: Mapping[str, Answer], skipped: Collection[str] = ()
) -> Question | None:
    """The first question in form order neither answered nor skipped; None when done.

    A question whose stored answer is None counts as skipped.
    """
    for q in form.questions():
        if q.id not in answers and q.id not in skipped:
            return q
    return None


def previous_question(form: Form, current_id: str | None) -> Question | None:
    """The question before `current_id` ("Tilbage"); from the summary (None), the last.

    None when `current_id` is the first question or unknown.
    """
    questions = form.questions()
    if current_id is None:
        return questions[-1]
    ids = [q.id for q in questions]
    if current_id not in ids:
        return None
    i = ids.index(current_id)
    return questions[i - 1] if i > 0 else None


def _is_answered(value: Answer) -> bool:
    return value is not None and value != "" and value != []


def missing_required(form: Form, answers: Mapping[str, Answer]) -> list[Question]:
    """Required questions without an answer, in form order."""
    return [q for q in form.questions() if q.required and not _is_answered(answers.get(q.id))]


def summary_lines(
    form: Form, answers: Mapping[str, Answer], max_answer_chars: int | None = None
) -> list[str]:
    """One line per question, numbered: "3. Question? → answer" ("—" when skipped)."""
    lines = []
    for i, q in enumerate(form.questions(), 1):
        shown = format_answer(q, answers.get(q.id))
        if max_answer_chars is not None and len(shown) > max_answer_chars:
            shown = shown[: max_answer_chars - 1] + "…"
        lines.append(f"{i}. {q.text} → {shown}")
    return lines


# -- merging concurrent edits ------------------------------------------------------------


class _Missing:
    def __repr__(self) -> str:
        return "<unanswered>"


MISSING: Any = _Missing()
"""Stands for "no answer at all" in a `Conflict` (unlike None, which is a skip)."""


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one answer, differently. Values may be `MISSING`."""

    question_id: str
    base: Any
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class MergeResult:
    """The merged answers and the conflicts; a conflicting answer keeps `theirs`."""

    answers: dict[str, Answer]
    conflicts: list[Conflict]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge(
    base: Mapping[str, Answer], mine: Mapping[str, Answer], theirs: Mapping[str, Answer]
) -> MergeResult:
    """Three-way merge of answers for two people editing the same draft.

    `base` is the version both started from, `theirs` what is stored now (the
    other person's saved edit), `mine` what this person wants to save. An answer
    changed on one side only is taken from that side (also a removal); the same
    change on both sides is fine. An answer changed on both sides differently is
    a `Conflict`: the merged answers keep `theirs` (never silently overwritten)
    and the caller lets the person choose. Conflicts follow the order of keys.
    """
    merged: dict[str, Answer] = {}
    conflicts: list[Conflict] = []
    keys = list(dict.fromkeys([*base, *theirs, *mine]))
    for key in keys:
        b, m, t = base.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING)
        if m in (b, t):
            value = t
        elif t == b:
            value = m
        else:
            conflicts.append(Conflict(key, b, m, t))
            value = t
        if value is not MISSING:
            merged[key] = value
    return MergeResult(merged, conflicts)


# -- submissions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """One municipality's submitted answers for one round (one version of it)."""

    project_id: str
    kommune: str
    round_id: str
    answers: dict[str, Answer]
    submitted_by: str  # the person's name
    submitted_at: dt.datetime  # UTC; shown in Europe/Copenhagen
    version: int = 1
    late: bool = False

