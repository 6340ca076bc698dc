"""The knowledge model: projects, phases, activities, occurrences, the strategy
and the self-evaluation form, as pydantic v2 models.

The files in `data/` are validated against these models when they are loaded
(`bot.loader`). Every fact carries a `Source`: which document (an id from
`data/sources.yaml`) and which section of it, and where useful a short verbatim
`quote` that `check-data` finds again in the seed text.

Unknown fields are errors (`extra="forbid"`), so a typo in a field name is
caught instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.when import When

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- sources ---------------------------------------------------------------------


class Document(Strict):
    """One source document: a seed file and how an answer cites it."""

    id: Id
    seed: str  # file name in the seeds folder
    title: str
    cite: str  # short name in a "Kilde:" line, e.g. "Bilag 1 (voksenliv)"
    note: str | None = None


_SOURCE_STR = re.compile(r"^\s*(?P<doc>[a-z0-9-]+)\s*(?:[:§]\s*(?P<section>.*?))?\s*$")


class Source(Strict):
    """Where a fact comes from: a document id and a section/heading in it.

    In the files it may be written short as "doc-id: section".
    """

    doc: Id
    section: str = ""
    quote: str | None = None  # short verbatim excerpt; check-data finds it in the seed

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            m = _SOURCE_STR.match(value)
            if not m:
                raise ValueError(f"kilde skal skrives 'dokument-id: afsnit', ikke {value!r}")
            return {"doc": m["doc"], "section": m["section"] or ""}
        return value


class Fact(Strict):
    """A piece of text with its source."""

    text: str = Field(min_length=1)
    source: Source


# -- time ------------------------------------------------------------------------------


class Variant(Strict):
    """Another source's statement of the same occurrence (a conflict)."""

    when: When
    stated: str | None = None  # the source's own words, e.g. "august 2024"
    source: Source


class Occurrence(Strict):
    """One time an activity happens, as precisely as the source says."""

    when: When
    stated: str | None = None  # the source's own words, e.g. "januar/februar 2023"
    label: str | None = None  # e.g. "Modningsforum 1", "Modul 2a"
    note: str | None = None
    source: Source
    variants: list[Variant] = []  # other sources that say otherwise

    @property
    def dates(self) -> list[When]:
        """The dates the sources give for it: its own first, then any that disagree."""
        return [self.when, *(v.when for v in self.variants)]

    def next_date(self, today: dt.date) -> When | None:
        """The first date, its own or a disagreeing source's, not over by `today`."""
        ahead = [w for w in self.dates if w.end >= today]
        return min(ahead, key=lambda w: (w.start, w.end), default=None)


class Recurrence(Strict):
    """Something that repeats ("hver måned, 1 time, virtuelt")."""

    every: Literal["week", "month", "quarter", "ongoing"]
    text: str  # how the source says it
    start: When | None = None
    end: When | None = None
    count: str | None = None  # e.g. "6-8 møder"
    source: Source


class Duration(Strict):
    text: str  # "3 timer", "½-1 time", "2 dage"
    min_minutes: int | None = Field(default=None, ge=0)
    max_minutes: int | None = Field(default=None, ge=0)
    days: float | None = Field(default=None, gt=0)
    source: Source


# -- projects --------------------------------------------------------------------------

ActivityKind = Literal[
    "meeting",
    "workshop",
    "course",
    "visit",
    "interview",
    "deadline",
    "ongoing",
    "network",
    "evaluation",
    "data-collection",
    "local-work",
    "milestone",
]
Format = Literal["virtual", "physical", "phone", "written"]


class Phase(Strict):
    id: Id
    name: str
    aliases: list[str] = []
    period: When | None = None
    period_stated: str | None = None
    purpose: str | None = None
    description: str | None = None
    source: Source


class Activity(Strict):
    id: Id
    name: str
    aliases: list[str] = []  # what people call it: "afslutningsworkshoppen", "modul 2a"
    kind: ActivityKind
    phase: list[Id] = []  # ids of the project's phases; several for cross-phase activities
    scope: Literal["local", "cross-municipal", "national"] | None = None
    description: str | None = None
    purpose: str | None = None
    place: str | None = None
    address: str | None = None
    format: list[Format] = []
    duration: Duration | None = None
    participants: list[str] = []
    facilitator: str | None = None
    programme: list[str] = []
    duties: list[str] = []  # what the project leader / municipality must do
    link: str | None = None  # meeting link, if the data has one
    occurrences: list[Occurrence] = []
    recurrence: Recurrence | None = None
    sources: list[Source] = Field(min_length=1)

    @field_validator("phase", mode="before")
    @classmethod
    def _one_phase(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class BudgetLine(Strict):
    """One amount: a year's line of the budget table, the total, or a part of the
    total named in the text (what the money is for)."""

    kind: Literal["year", "total", "part"]
    label: str
    year: int | None = None
    amount: float  # in `unit`
    unit: str = "mio. kr."
    note: str | None = None
    source: Source

    @model_validator(mode="after")
    def _year_lines_have_a_year(self) -> BudgetLine:
        if self.kind == "year" and self.year is None:
            raise ValueError("en linje af typen 'year' skal have et 'year'")
        return self


class TimetableItem(Strict):
    when: When
    stated: str | None = None
    text: str
    source: Source


class Conflict(Strict):
    """Sources that disagree about something that is not a single occurrence."""

    id: Id
    about: str  # what it is about, e.g. "projektledernetværkets måneder"
    activity: Id | None = None
    variants: list[Fact] = Field(min_length=2)


class Section(Strict):
    """Long prose kept as searchable text."""

    id: Id
    title: str
    aliases: list[str] = []
    text: str
    source: Source


StrategyPhaseId = Literal["screening", "modning", "afproevning", "udbredelse"]


class DevelopmentPhase(Strict):
    phase: StrategyPhaseId
    source: Source


class Project(Strict):
    id: Id
    name: str
    short_name: str
    aliases: list[str] = []
    # what the project's own people call it, which names it only for them: to others
    # "screeningen" is the strategy's screening phase
    own_aliases: list[str] = []
    period: When
    period_stated: str | None = None
    grant_recipients: Fact | None = None
    organisation: list[Fact] = []  # partners, evaluator, ...
    target_group: Fact | None = None
    purpose: Fact | None = None
    background: Fact | None = None
    description: list[Fact] = []  # description and core elements
    budget: list[BudgetLine] = []
    success_criteria: list[Fact] = []
    evaluation: Fact | None = None
    som: Fact | None = None  # use of the socio-economic investment model
    timetable: list[TimetableItem] = []
    duration: Fact | None = None
    development_phase: DevelopmentPhase | None = None
    application_criteria: list[Fact] = []
    evaluation_duties: list[Fact] = []
    phases: list[Phase] = []
    activities: list[Activity] = []
    conflicts: list[Conflict] = []
    sections: list[Section] = []
    sources: list[Source] = Field(min_length=1)


# -- the strategy ----------------------------------------------------------------------------


class Criterion(Strict):
    group: str  # e.g. "Indsatsen er fagligt velbegrundet"
    text: str
    tracks: list[Literal[1, 2]]
    source: Source


class StrategyPhase(Strict):
    id: StrategyPhaseId
    name: str  # "Modningsfasen"
    aliases: list[str] = []
    purpose: Fact
    typical_duration: Fact | None = None
    knowledge_development: list[Fact] = []
    deliverables: list[Fact] = []
    criteria_to_enter: list[Criterion] = []  # criteria to move on to this phase
    track_notes: list[Fact] = []


class Track(Strict):
    id: Literal["spor-1", "spor-2"]
    number: Literal[1, 2]
    name: str
    aliases: list[str] = []
    description: Fact
    in_short: Fact | None = None  # the figure's one line: "udføres med lokal variation …"
    characteristics: list[Fact] = []


class Instrument(Strict):
    name: str
    aliases: list[str] = []
    target: str | None = None  # what/whom it measures
    list: Literal["net", "gross"]
    source: Source


class Strategy(Strict):
    name: str
    aliases: list[str] = []
    summary: Fact
    phases: list[StrategyPhase]
    tracks: list[Track]
    instruments: list[Instrument] = []
    topics: list[Section] = []  # brugerinddragelse, SØM, kerneelementer, følg-eller-forklar, ...
    conflicts: list[Conflict] = []  # where the Drejebog contradicts itself
    sources: list[Source] = Field(min_length=1)


# -- forms ------------------------------------------------------------------------------------

QuestionKind = Literal["text", "scale", "number", "choice", "yesno"]


class Question(Strict):
    id: Id
    kind: QuestionKind
    text: str
    help: str | None = None
    required: bool = True
    max_length: int | None = Field(default=None, gt=0)
    min_value: float | None = None
    max_value: float | None = None
    scale_labels: dict[int, str] = {}
    choices: list[str] = []
    multiple: bool = False
    source: Source | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> Question:
        if self.kind == "choice" and len(self.choices) < 2:
            raise ValueError("et valgspørgsmål skal have mindst to 'choices'")
        if self.kind != "choice" and self.choices:
            raise ValueError("'choices' hører kun til spørgsmål af typen choice")
        if self.kind == "text" and self.max_length is None:
            raise ValueError("et tekstspørgsmål skal have 'max_length'")
        if self.kind == "scale" and set(self.scale_labels) - set(range(1, 6)):
            raise ValueError("skalaen går fra 1 til 5")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValueError("min_value er større end max_value")
        return self


class FormSection(Strict):
    id: Id
    title: str
    questions: list[Question] = Field(min_length=1)


class Rounds(Strict):
    """When the form is due: from a project's activity, or quarterly in its period."""

    default: Literal["quarterly"] = "quarterly"
    from_activity: dict[Id, Id] = {}  # project id -> activity id whose occurrences are rounds
    source: Source | None = None


class Form(Strict):
    id: Id
    title: str
    intro: str
    sections: list[FormSection] = Field(min_length=1)
    rounds: Rounds = Rounds()
    sources: list[Source] = Field(min_length=1)

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]
