"""Danish question answering over the knowledge (what `ask` and the bot use).

    engine = Engine(load_knowledge(data_dir))
    answer = engine.ask("hvornår er næste modningsworkshop?", project="voksenliv",
                        today=date(2023, 6, 10))

Three steps, all pure Python:

1. *Understand*: find what the question is about (an activity, a phase, a
   project, a strategy topic, …) by matching its stems against every name and
   alias in the data, forgiving typos, æ/ø/å written as ae/oe/aa and Danish
   compounds; find what is asked (hvornår / hvor / hvem / hvor længe / …) and any
   time window ("i maj 2024", "næste").
2. *Decide*: one clear subject → answer; several equally good → ask back with up
   to three choices; none → say so, with what the bot can help with.
3. *Answer*: the fact first, then details, then "Kilde: …". Dates keep their
   precision; disagreeing sources are named.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.dates import Window, find_window, format_when
from bot.dates import today as copenhagen_today
from bot.i18n import _
from bot.loader import Knowledge
from bot.model import (
    Activity,
    Fact,
    Occurrence,
    Phase,
    Project,
    Section,
    Source,
    StrategyPhase,
    Track,
)
from bot.text import STOPWORDS, fold, stem, terms, words
from bot.when import When

MAX_SNIPPET = 600  # characters of prose in one answer
MAX_ITEMS = 8  # list items in one answer


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A "Mente du …?" option: a label for the button and the question it asks."""

    label: str
    question: str
    project: str | None = None


@dataclass(frozen=True)
class Answer:
    answered: bool
    text: str
    sources: list[str] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "answered": self.answered,
            "text": self.text,
            "sources": self.sources,
        }
        if self.choices:
            out["choices"] = [
                {"label": c.label, "question": c.question, "project": c.project}
                for c in self.choices
            ]
        return out


# -- subjects ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Something a question can be about."""

    kind: str  # activity / phase / project / strategy-phase / track / topic / section / instruments
    key: str  # unique key
    label: str  # how to name it in a choice
    project: str | None = None
    ref: object = None


@dataclass
class _Entry:
    subject: Subject
    phrases: list[tuple[str, ...]]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(terms(text))


_GENERIC = {
    "fase",
    "faser",
    "fasen",
    "projekt",
    "projektet",
    "indsats",
    "indsatsen",
    "initiativ",
    "initiativet",
    "spor",
}


class Lexicon:
    """Names and aliases of every subject, matched against question stems."""

    def __init__(self, entries: list[_Entry]):
        self.entries = entries
        df: dict[str, int] = defaultdict(int)
        for e in entries:
            for t in {t for p in e.phrases for t in p}:
                df[t] += 1
        n = max(len(entries), 1)
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self.vocabulary = sorted(self.idf)

    def _term_match(self, p: str, qterms: Sequence[str]) -> float:
        best = 0.0
        for q in qterms:
            if q == p:
                return 1.0
            if len(p) >= 4 and len(q) > len(p) and (q.startswith(p) or q.endswith(p)):
                best = max(best, 0.85)  # compound: "netvaerksmoed" holds "netvaerk"
            elif len(p) >= 5 and len(q) >= 4 and fuzz.ratio(p, q) >= 85:
                best = max(best, 0.8)
        return best

    def match(
        self, qterms: Sequence[str], subjects: Iterable[Subject] | None = None
    ) -> list[tuple[float, Subject]]:
        allowed = None if subjects is None else {s.key for s in subjects}
        scored: list[tuple[float, Subject]] = []
        for e in self.entries:
            if allowed is not None and e.subject.key not in allowed:
                continue
            best = 0.0
            for phrase in e.phrases:
                if not phrase:
                    continue
                total = 0.0
                for p in phrase:
                    m = self._term_match(p, qterms)
                    if m == 0.0:
                        total = -1.0
                        break
                    total += m * self.idf.get(p, 1.0)
                if total > best:
                    best = total
            if best > 0:
                scored.append((best, e.subject))
        scored.sort(key=lambda x: -x[0])
        return scored


# -- intents -----------------------------------------------------------------------------------

_INTENTS: list[tuple[str, str]] = [
    ("difference", r"\bforskel"),
    ("instruments", r"maaleredskab|maaleinstrument|\binstrument|validerede|nettolist|bruttolist"),
    ("criteria", r"kriteri|\bkrav\b|gaa videre|overgang til|betingelse|forudsaetning"),
    ("frequency", r"hvor ofte|hvor tit|hvor mange gange|hvor mange moeder"),
    ("duration", r"hvor (?:laenge|lang tid|lange?)|varighed|\bvarer\b|hvor mange (?:timer|dage)"),
    (
        "budget",
        r"penge|budget|afsat|bevilg|koster|\bkr\b|kroner|\bmio|million|oekonomi|"
        r"hvor meget (?:faar|far|modtager)|finansier",
    ),
    (
        "target",
        r"maalgruppe|for hvem|hvem er (?:indsatsen|projektet|initiativet) (?:for|rettet)|"
        r"hvem (?:skal|kan) (?:indsatsen|projektet) hjaelpe",
    ),
    ("applicants", r"ansoeg|hvem kan soege|soege om|puljen"),
    ("recipients", r"tilskudsmodtager|hvem (?:faar|modtager) (?:penge|tilskud|midler)"),
    (
        "devphase",
        r"hvilken fase er|udviklingstrin|hvilket trin|hvor (?:i|langt) (?:strategien|"
        r"fasemodellen)|hvilken fase befinder|er (?:projektet|initiativet|indsatsen) i "
        r"(?:modning|afproevning|screening|udbredelse)",
    ),
    ("success", r"succes|hvornaar er (?:det|projektet) en succes|resultater skal"),
    ("som", r"\bsoem\b|socialoekonomisk"),
    ("timetable", r"tidsplan"),
    ("phases", r"hvilke faser|faserne\b|faser (?:har|er der|bestaar)|hvor mange faser"),
    (
        "duties",
        r"hvad skal (?:vi|jeg|kommunen|projektleder\w*)|bidrag|forbered|\bopgave|forpligt|"
        r"ansvar|skal vi (?:goere|lave|sende)|hvad kraeves",
    ),
    ("evaluation", r"evaluer"),
    ("facilitator", r"facilit|hvem (?:staar for|styrer|leder|afholder|holder)|arrangoer"),
    ("purpose", r"formaal|hvorfor|meningen med|\bmaalet\b|hvad skal .* bruges til"),
    ("who", r"\bhvem\b|deltager|deltage|med hvem|hvem kommer"),
    (
        "when",
        r"hvorn(?:aa|a)?r|hvilken dato|\bdato|tidspunkt|hvilken maaned|frist|deadline|"
        r"aflever|indsend|\bwhen\b",
    ),
    (
        "where",
        r"\bhvor\b(?!\s+(?:laenge|lang|mange|meget|ofte|tit|stor))|\bsted\b|stedet|"
        r"adresse|lokation|lokale|by\b",
    ),
    ("next", r"naeste|kommende|snart|foerstkommende"),
    (
        "list",
        r"aktivitet|hvad sker der|hvad skal der ske|hvad foregaar|hvad er der|program|"
        r"kalender|hvad skal vi|hvad staar",
    ),
    ("what", r"\bhvad\b|\bhvordan\b|fortael|beskriv|forklar|\bom\b|indhold"),
]
_INTENT_RE = [(name, re.compile(rx)) for name, rx in _INTENTS]


def intents(question: str) -> list[str]:
    text = " " + fold(question) + " "
    return [name for name, rx in _INTENT_RE if rx.search(text)]


_ORDINAL = re.compile(r"\b(foerste|anden|andet|tredje|fjerde|sidste|1\.|2\.|3\.|4\.)\s+(\w+)")
_ORDINALS = {
    "foerste": 1,
    "1.": 1,
    "anden": 2,
    "andet": 2,
    "2.": 2,
    "tredje": 3,
    "3.": 3,
    "fjerde": 4,
    "4.": 4,
    "sidste": -1,
}


def ordinal(question: str) -> int | None:
    m = _ORDINAL.search(fold(question))
    if not m or re.match(r"\d*\.?\s*kvartal", m[2]) or m[2] in {"kvartal", "kvt"}:
        return None
    return _ORDINALS[m[1]]


# -- the engine ----------------------------------------------------------------------------------


class Engine:
    """Answers Danish questions from a `Knowledge`."""

    def __init__(self, kb: Knowledge):
        self.kb = kb
        entries: list[_Entry] = []
        self.by_project: dict[str, list[Subject]] = defaultdict(list)
        self.general: list[Subject] = []
        for project in kb.projects.values():
            ps = Subject("project", f"p:{project.id}", project.short_name, project.id, project)
            names = [
                project.name,
                project.short_name,
                project.id.replace("-", " "),
                *project.aliases,
            ]
            entries.append(_Entry(ps, [_phrase(n) for n in names]))
            self.general.append(ps)
            for phase in project.phases:
                s = Subject("phase", f"ph:{project.id}:{phase.id}", phase.name, project.id, phase)
                entries.append(_Entry(s, [_phrase(n) for n in (phase.name, *phase.aliases)]))
                self.by_project[project.id].append(s)
            for activity in project.activities:
                s = Subject(
                    "activity", f"a:{project.id}:{activity.id}", activity.name, project.id, activity
                )
                entries.append(_Entry(s, [_phrase(n) for n in (activity.name, *activity.aliases)]))
                self.by_project[project.id].append(s)
            for section in project.sections:
                s = Subject(
                    "section", f"s:{project.id}:{section.id}", section.title, project.id, section
                )
                entries.append(_Entry(s, [_phrase(n) for n in (section.title, *section.aliases)]))
                self.by_project[project.id].append(s)
        strategy = kb.strategy
        for sphase in strategy.phases:
            s = Subject("strategy-phase", f"sp:{sphase.id}", sphase.name, None, sphase)
            entries.append(
                _Entry(s, [_phrase(n) for n in (sphase.name, sphase.id, *sphase.aliases)])
            )
            self.general.append(s)
        for track in strategy.tracks:
            s = Subject("track", f"t:{track.id}", track.name, None, track)
            entries.append(_Entry(s, [_phrase(n) for n in (track.name, *track.aliases)]))
            self.general.append(s)
        for topic in strategy.topics:
            s = Subject("topic", f"tp:{topic.id}", topic.title, None, topic)
            entries.append(_Entry(s, [_phrase(n) for n in (topic.title, *topic.aliases)]))
            self.general.append(s)
        s = Subject("strategy", "strategy", strategy.name, None, strategy)
        entries.append(_Entry(s, [_phrase(n) for n in (strategy.name, *strategy.aliases)]))
        self.general.append(s)
        self.lexicon = Lexicon(entries)
        self.known_terms = set(self.lexicon.vocabulary)

    # -- public ----
    def ask(
        self, question: str, project: str | None = None, today: dt.date | None = None
    ) -> Answer:
        today = today or copenhagen_today()
        text = (question or "").strip()
        if not text or not words(text):
            return Answer(
                False,
                _("Write a question, for example: \u201cwhen is the next workshop?\u201d")
                + "\n\n"
                + self._help(project),
            )
        if project is not None and project not in self.kb.projects:
            project = None
        qterms = terms(text)
        found = intents(text)
        qterms_all = self._with_compounds(qterms, text)
        candidates = self._candidates(qterms_all, project)
        return self._answer(text, found, candidates, project, today)

    # -- understanding ----
    @staticmethod
    def _with_compounds(qterms: list[str], text: str) -> list[str]:
        """Add joined neighbours, so "modnings workshop" meets "modningsworkshop"."""
        ws = [w for w in words(text) if w not in STOPWORDS]
        joined = [stem(a + b) for a, b in itertools.pairwise(ws)]
        return qterms + joined

    def _candidates(self, qterms: list[str], project: str | None) -> list[tuple[float, Subject]]:
        scored = self.lexicon.match(qterms)
        named_projects = {s.project for _, s in scored if s.kind == "project"}
        out = []
        for score, s in scored:
            if s.project is not None and s.kind != "project":
                if s.project == project or s.project in named_projects:
                    score *= 1.3
                elif project is not None:
                    score *= 0.6
            out.append((score, s))
        out.sort(key=lambda x: -x[0])
        return out

    # -- deciding ----
    def _answer(
        self,
        text: str,
        found: list[str],
        candidates: list[tuple[float, Subject]],
        project: str | None,
        today: dt.date,
    ) -> Answer:
        named = [s for _, s in candidates if s.kind == "project"]
        named_project = named[0].project if named else None
        context = named_project or project
        bounds = None
        if context:
            p = self.kb.projects[context]
            bounds = (p.period.start, p.period.end)
        window = find_window(text, today, bounds)
        things = [(sc, s) for sc, s in candidates if s.kind != "project"]

        # Project-level questions ("hvor mange penge", "hvad er målgruppen").
        project_intent = next((i for i in found if i in _PROJECT_INTENTS), None)
        if project_intent and (
            not things
            or things[0][1].kind not in {"activity"}
            or project_intent in {"budget", "target"}
        ):
            if project_intent == "evaluation" and things and things[0][1].kind == "activity":
                pass
            elif context or named_project:
                return self._project_field(
                    self.kb.projects[context or ""],
                    project_intent,
                    context != project and context is not None,
                )
            elif project_intent in {
                "budget",
                "target",
                "success",
                "devphase",
                "recipients",
                "applicants",
                "timetable",
            }:
                return self._ask_which_project(text)

        if ("instruments" in found and not things[:1]) or (
            "instruments" in found and things and things[0][1].kind not in {"activity"}
        ):
            return self._instruments(text)
        if "difference" in found and any(s.kind == "track" for _, s in candidates):
            return self._tracks()

        if not things:
            if context and ("next" in found or ("list" in found and window is None)):
                return self._next(context, today, project)
            if context and window is not None:
                return self._in_window(context, window, today)
            if context and "phases" in found:
                return self._phases(self.kb.projects[context])
            if window is not None and not context and "list" in found:
                return self._ask_which_project(text)
            return self._unknown(project)

        top_score, top = things[0]
        if (
            window is not None
            and context
            and ("list" in found or "next" in found)
            and top.kind not in {"activity", "phase"}
        ):
            return self._in_window(context, window, today)
        rivals = [
            s
            for sc, s in things[1:]
            if sc >= top_score * 0.92 and s.kind == top.kind and s.key != top.key
        ]
        if rivals and top.kind == "activity":
            same_name = [s for s in rivals if s.label == top.label]
            if len(same_name) == len(rivals):
                return self._activities_across([top, *rivals], found, text, today, window)
            return self._clarify(text, [top, *rivals])
        if rivals and top.kind not in {"topic", "section"}:
            return self._clarify(text, [top, *rivals])

        if top.kind == "activity":
            return self._activity(top, found, text, today, window, project)
        if top.kind == "phase":
            return self._phase(top, found, today)
        if top.kind == "strategy-phase":
            return self._strategy_phase(top.ref, found, text)  # type: ignore[arg-type]
        if top.kind == "track":
            return self._track(top.ref)  # type: ignore[arg-type]
        if top.kind in {"topic", "section"}:
            return self._section(top)
        return self._strategy_summary()

    # -- answers: activities ----
    def _project_note(self, project_id: str | None, asked_for: str | None) -> str:
        if project_id is None or project_id == asked_for:
            return ""
        return _("(Project: {name})").format(name=self.kb.projects[project_id].short_name) + "\n"

    def _activity(
        self,
        s: Subject,
        found: list[str],
        text: str,
        today: dt.date,
        window: Window | None,
        asked_project: str | None,
    ) -> Answer:
        a: Activity = s.ref  # type: ignore[assignment]
        head = self._project_note(s.project, asked_project)
        intent = next((i for i in _ACTIVITY_INTENTS if i in found), "what")
        body: str | None
        if intent in {"when", "next", "list"}:
            body, sources = self._activity_when(a, found, text, today)
        elif intent == "where":
            body, sources = self._activity_field(a, "where")
        elif intent == "who":
            body, sources = self._activity_field(a, "who")
        elif intent == "duration":
            body, sources = self._activity_field(a, "duration")
        elif intent == "facilitator":
            body, sources = self._activity_field(a, "facilitator")
        elif intent == "purpose":
            body, sources = self._activity_field(a, "purpose")
        elif intent in {"duties", "evaluation"}:
            body, sources = self._activity_field(a, "duties")
        elif intent == "frequency":
            body, sources = self._activity_frequency(a, today)
        else:
            body, sources = self._activity_overview(a, today)
        if body is None:
            return Answer(
                False,
                head
                + _("I don't know that: the sources don't say it about {name}.").format(name=a.name)
                + "\n\n"
                + self._activity_overview(a, today)[0],
                self._cites(a.sources[:1]),
            )
        return Answer(True, head + body, sources)

    def _activity_when(
        self, a: Activity, found: list[str], text: str, today: dt.date
    ) -> tuple[str, list[str]]:
        occs = sorted(a.occurrences, key=lambda o: o.when.start)
        sources: list[Source] = []
        lines: list[str] = []
        n = ordinal(text)
        if not occs:
            if a.recurrence is not None:
                r = a.recurrence
                lines.append(_("{name}: {text}.").format(name=a.name, text=_strip_dot(r.text)))
                sources.append(r.source)
                return "\n".join(lines) + self._source_line(sources), self._cites(sources)
            return (
                _("The sources give no date for {name}.").format(name=a.name)
                + self._source_line(a.sources),
                self._cites(a.sources),
            )
        if n is not None and len(occs) > 1 and abs(n) <= len(occs):
            occ = occs[n - 1] if n > 0 else occs[-1]
            lines.append(
                _("{label} is {when}.").format(label=occ.label or a.name, when=_when_text(occ))
            )
            lines += self._conflict_lines(occ, sources)
            sources.append(occ.source)
            return "\n".join(lines) + self._source_line(sources), self._cites(sources)
        upcoming = [o for o in occs if o.when.end >= today]
        if "next" in found or (len(occs) > 3 and upcoming):
            if upcoming:
                occ = upcoming[0]
                lines.append(
                    _("Next: {name}, {when}.").format(
                        name=occ.label or a.name, when=_when_text(occ)
                    )
                )
                lines += self._conflict_lines(occ, sources)
                sources.append(occ.source)
                later = upcoming[1:4]
                if later:
                    lines.append(
                        _("After that: {list}.").format(list=_join([_when_text(o) for o in later]))
                    )
            else:
                last = occs[-1]
                lines.append(
                    _("There are no more {name}; the last one was {when}.").format(
                        name=_lower_first(a.name), when=_when_text(last, prefix=True)
                    )
                )
                lines += self._conflict_lines(last, sources)
                sources.append(last.source)
            lines += self._recurrence_line(a, sources)
            return "\n".join(lines) + self._source_line(sources), self._cites(sources)
        if len(occs) == 1:
            occ = occs[0]
            lines.append(
                _("{name}: {when}.").format(name=occ.label or a.name, when=_when_text(occ))
            )
            lines += self._conflict_lines(occ, sources)
            sources.append(occ.source)
        else:
            lines.append(
                _("{name}: {list}.").format(
                    name=a.name, list=_join([_when_text(o, labelled=True) for o in occs])
                )
            )
            for occ in occs:
                lines += self._conflict_lines(occ, sources)
                sources.append(occ.source)
            if upcoming and len(upcoming) < len(occs):
                lines.append(_("The next one is {when}.").format(when=_when_text(upcoming[0])))
            elif not upcoming:
                lines.append(_("All of them are in the past."))
        if any(o.when.precision != "day" for o in occs):
            lines.append(_("Only the month is known, not the exact date."))
        lines += self._recurrence_line(a, sources)
        return "\n".join(lines) + self._source_line(sources), self._cites(sources)

    def _recurrence_line(self, a: Activity, sources: list[Source]) -> list[str]:
        if a.recurrence is None:
            return []
        sources.append(a.recurrence.source)
        return [_("It recurs: {text}.").format(text=_strip_dot(a.recurrence.text))]

    def _conflict_lines(self, occ: Occurrence, sources: list[Source]) -> list[str]:
        if not occ.variants:
            return []
        said = [
            _("{when} ({source})").format(
                when=occ.stated or format_when(occ.when), source=self.kb.cite(occ.source)
            )
        ]
        for v in occ.variants:
            said.append(
                _("{when} ({source})").format(
                    when=v.stated or format_when(v.when), source=self.kb.cite(v.source)
                )
            )
            sources.append(v.source)
        return [_("Note: the sources disagree: {said}.").format(said="; ".join(said))]

    def _activity_field(self, a: Activity, what: str) -> tuple[str | None, list[str]]:
        src = list(a.sources)
        if what == "where":
            parts = [x for x in (a.place, a.address) if x]
            if not parts:
                fmt = _format_text(a)
                if not fmt:
                    return None, []
                return (
                    _("{name}: {format}.").format(name=a.name, format=fmt) + self._source_line(src),
                    self._cites(src),
                )
            text = _("{name} is held: {place}.").format(name=a.name, place=", ".join(parts))
            fmt = _format_text(a)
            if fmt:
                text += "\n" + _("Form: {format}.").format(format=fmt)
        elif what == "who":
            if not a.participants:
                return None, []
            text = _("Participants in {name}: {list}.").format(
                name=_lower_first(a.name), list=_join(a.participants)
            )
        elif what == "duration":
            if a.duration is None:
                return None, []
            text = _("{name} lasts {duration}.").format(name=a.name, duration=a.duration.text)
            src = [a.duration.source]
        elif what == "facilitator":
            if not a.facilitator:
                return None, []
            text = _("{name} is facilitated by {who}.").format(name=a.name, who=a.facilitator)
        elif what == "purpose":
            if not (a.purpose or a.description):
                return None, []
            text = a.purpose or a.description or ""
            text = _("Purpose of {name}: {text}").format(
                name=_lower_first(a.name), text=_snippet(text)
            )
        else:
            if not a.duties:
                return None, []
            text = (
                _("What you must do for {name}:").format(name=_lower_first(a.name))
                + "\n"
                + "\n".join(f"• {d}" for d in a.duties)
            )
        return text + self._source_line(src), self._cites(src)

    def _activity_frequency(self, a: Activity, today: dt.date) -> tuple[str | None, list[str]]:
        if a.recurrence is not None:
            src = [a.recurrence.source]
            text = _("{name}: {text}.").format(name=a.name, text=_strip_dot(a.recurrence.text))
            if a.recurrence.count:
                text += " " + _("In all: {count}.").format(count=a.recurrence.count)
            return text + self._source_line(src), self._cites(src)
        if a.occurrences:
            return self._activity_when(a, ["list"], "", today)
        return None, []

    def _activity_overview(self, a: Activity, today: dt.date) -> tuple[str, list[str]]:
        lines = [f"{a.name}"]
        if a.purpose or a.description:
            lines.append(_snippet(a.purpose or a.description or "", 300))
        occs = sorted(a.occurrences, key=lambda o: o.when.start)
        if occs:
            lines.append(_("When: {list}.").format(list=_join([_when_text(o) for o in occs[:6]])))
        elif a.recurrence:
            lines.append(_("When: {text}.").format(text=_strip_dot(a.recurrence.text)))
        if a.place:
            lines.append(
                _("Where: {place}.").format(place=", ".join(x for x in (a.place, a.address) if x))
            )
        if a.duration:
            lines.append(_("Duration: {text}.").format(text=a.duration.text))
        if a.participants:
            lines.append(_("Who: {list}.").format(list=_join(a.participants)))
        return "\n".join(lines) + self._source_line(a.sources), self._cites(a.sources)

    def _activities_across(
        self,
        subjects: list[Subject],
        found: list[str],
        text: str,
        today: dt.date,
        window: Window | None,
    ) -> Answer:
        parts, sources = [], []
        for s in subjects[:3]:
            ans = self._activity(s, found, text, today, window, None)
            parts.append(ans.text)
            sources += ans.sources
        return Answer(True, "\n\n".join(parts), _unique(sources))

    # -- answers: time ----
    def _dated(self, project: Project) -> list[tuple[When, Activity, Occurrence]]:
        out = [(o.when, a, o) for a in project.activities for o in a.occurrences]
        out.sort(key=lambda x: (x[0].start, x[0].end))
        return out

    def _next(self, project_id: str, today: dt.date, asked: str | None) -> Answer:
        project = self.kb.projects[project_id]
        ahead = [x for x in self._dated(project) if x[0].end >= today]
        head = self._project_note(project_id, asked)
        if not ahead:
            return Answer(
                True,
                head
                + _("Nothing more is planned in {name}; the project period ended {when}.").format(
                    name=project.short_name, when=format_when(project.period)
                ),
                self._cites(project.sources),
            )
        first = ahead[0][0]
        group = [x for x in ahead if x[0].start <= first.end][:5]
        lines = [_("Next in {name}:").format(name=project.short_name)]
        sources: list[Source] = []
        for _when, a, occ in group:
            lines.append(f"• {_when_text(occ)}: {occ.label or a.name}")
            sources.append(occ.source)
        later = [x for x in ahead if x not in group][:3]
        if later:
            lines.append(_("After that:"))
            for _when, a, occ in later:
                lines.append(f"• {_when_text(occ)}: {occ.label or a.name}")
                sources.append(occ.source)
        return Answer(
            True, head + "\n".join(lines) + self._source_line(sources), self._cites(sources)
        )

    def _in_window(self, project_id: str, window: Window, today: dt.date) -> Answer:
        project = self.kb.projects[project_id]
        hits = [x for x in self._dated(project) if x[0].overlaps(window.start, window.end)]
        ongoing = [a for a in project.activities if a.recurrence and not a.occurrences]
        if not hits:
            text = _("Nothing in {name} is dated {when}.").format(
                name=project.short_name, when=window.label
            )
            if ongoing:
                text += "\n" + _("Ongoing: {list}.").format(list=_join([a.name for a in ongoing]))
            return Answer(
                True, text + self._source_line(project.sources), self._cites(project.sources)
            )
        lines = [
            _("{when} in {name}:").format(when=_upper_first(window.label), name=project.short_name)
        ]
        sources: list[Source] = []
        for _when, a, occ in hits[:12]:
            lines.append(f"• {occ.label or a.name} ({_when_text(occ)})")
            sources.append(occ.source)
        if len(hits) > 12:
            lines.append(_("… and {n} more.").format(n=len(hits) - 12))
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    # -- answers: phases ----
    def _phases(self, project: Project) -> Answer:
        if not project.phases:
            dev = project.development_phase
            if dev:
                return self._project_field(project, "devphase", False)
            return Answer(
                False, _("The sources give no phases for {name}.").format(name=project.short_name)
            )
        lines = [_("{name} has {n} phases:").format(name=project.short_name, n=len(project.phases))]
        for ph in project.phases:
            line = f"• {ph.name}"
            if ph.period:
                line += f" ({format_when(ph.period)})"
            if ph.purpose or ph.description:
                line += ": " + _snippet(ph.purpose or ph.description or "", 160)
            lines.append(line)
        sources = [ph.source for ph in project.phases]
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    def _phase(self, s: Subject, found: list[str], today: dt.date) -> Answer:
        phase: Phase = s.ref  # type: ignore[assignment]
        project = self.kb.projects[s.project or ""]
        lines = [phase.name + (f" ({format_when(phase.period)})" if phase.period else "")]
        if phase.purpose:
            lines.append(phase.purpose)
        if phase.description:
            lines.append(_snippet(phase.description))
        acts = [a for a in project.activities if phase.id in a.phase]
        if acts:
            lines.append(_("Activities in this phase:"))
            for a in acts[:10]:
                occs = sorted(a.occurrences, key=lambda o: o.when.start)
                if phase.period is not None:
                    occs = [
                        o for o in occs if o.when.overlaps(phase.period.start, phase.period.end)
                    ]
                when = ""
                if occs and (len(a.phase) == 1 or phase.period is not None):
                    when = f" ({_join([_when_text(o) for o in occs[:3]])})"
                lines.append(f"• {a.name}{when}")
        sources = [phase.source]
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    # -- answers: projects ----
    def _project_field(self, project: Project, intent: str, name_it: bool) -> Answer:
        head = _("{name}:").format(name=project.short_name) + "\n" if name_it else ""
        facts: list[Fact] = []
        text = ""
        sources: list[Source] = []
        if intent == "budget":
            if not project.budget:
                return Answer(
                    False,
                    head
                    + _("The sources give no budget for {name}.").format(name=project.short_name),
                )
            lines = [
                f"{b.label}: {_amount(b.amount)} {b.unit}"
                for b in project.budget
                if b.kind == "total"
            ]
            years = [b for b in project.budget if b.kind == "year"]
            if years:
                lines.append(_("Per year:"))
                lines += [f"• {b.year}: {_amount(b.amount)} {b.unit}" for b in years]
            parts = [b for b in project.budget if b.kind == "part"]
            if parts:
                lines.append(_("Of which:"))
                lines += [
                    f"• {b.label}: {_amount(b.amount)} {b.unit}"
                    + (f" ({b.year})" if b.year else "")
                    for b in parts
                ]
            notes = sorted({b.note for b in project.budget if b.note})
            lines += notes
            text = "\n".join(lines)
            sources = [b.source for b in project.budget]
        elif intent == "target":
            facts = [project.target_group] if project.target_group else []
        elif intent == "success":
            facts = project.success_criteria
        elif intent == "evaluation":
            facts = ([project.evaluation] if project.evaluation else []) + project.evaluation_duties
        elif intent == "som":
            facts = [project.som] if project.som else []
        elif intent == "recipients":
            facts = [project.grant_recipients] if project.grant_recipients else []
        elif intent == "applicants":
            facts = project.application_criteria
        elif intent == "timetable":
            if project.timetable:
                text = "\n".join(f"• {format_when(t.when)}: {t.text}" for t in project.timetable)
                sources = [t.source for t in project.timetable]
        elif intent == "devphase":
            dev = project.development_phase
            if dev:
                name = next(p.name for p in self.kb.strategy.phases if p.id == dev.phase)
                text = _("{project} is in {phase} in the strategy.").format(
                    project=project.short_name, phase=_lower_first(name)
                )
                sources = [dev.source]
        elif intent == "purpose":
            facts = [project.purpose] if project.purpose else []
        elif intent == "duration":
            facts = [project.duration] if project.duration else []
            if not facts:
                text = _("The project period is {when}.").format(when=format_when(project.period))
                sources = project.sources[:1]
        elif intent == "phases":
            return self._phases(project)
        if facts:
            shown = facts[:MAX_ITEMS]
            if len(shown) == 1:
                text = _snippet(shown[0].text)
            else:
                text = "\n".join("• " + _snippet(f.text, 300) for f in shown)
            if len(facts) > MAX_ITEMS:
                text += "\n" + _("… and {n} more.").format(n=len(facts) - MAX_ITEMS)
            sources = [f.source for f in shown]
        if not text:
            return Answer(
                False,
                head
                + _("I don't know that: the sources don't say it about {name}.").format(
                    name=project.short_name
                ),
            )
        return Answer(True, head + text + self._source_line(sources), self._cites(sources))

    def _ask_which_project(self, text: str) -> Answer:
        choices = [Choice(p.short_name, text, p.id) for p in list(self.kb.projects.values())[:3]]
        return Answer(
            False,
            _(
                "Which project do you mean? Name it in the question, e.g. \u201c{example}\u201d."
            ).format(example=_("budget for {name}").format(name=choices[0].label.lower())),
            choices=choices,
        )

    # -- answers: strategy ----
    def _strategy_phase(self, phase: StrategyPhase, found: list[str], text: str) -> Answer:
        lines: list[str] = []
        sources: list[Source] = []
        intent = next(
            (
                i
                for i in found
                if i in {"criteria", "duration", "purpose", "what", "duties", "list"}
            ),
            "what",
        )
        if "deliverabl" in fold(text) or "leverance" in fold(text):
            intent = "deliverables"
        if intent == "criteria":
            if not phase.criteria_to_enter:
                return Answer(
                    False,
                    _("The strategy sets no criteria for moving on to {name}.").format(
                        name=_lower_first(phase.name)
                    ),
                )
            lines.append(
                _("Criteria for moving on to {name}:").format(name=_lower_first(phase.name))
            )
            track = _track_in(text)
            group = None
            for c in phase.criteria_to_enter:
                if track and track not in c.tracks:
                    continue
                if c.group != group:
                    lines.append(c.group + ":")
                    group = c.group
                mark = (
                    "" if len(c.tracks) == 2 else " " + _("(track {n} only)").format(n=c.tracks[0])
                )
                lines.append(f"• {c.text}{mark}")
                sources.append(c.source)
        elif intent == "duration":
            if phase.typical_duration is None:
                return Answer(
                    False,
                    _("The strategy does not say how long {name} lasts.").format(
                        name=_lower_first(phase.name)
                    ),
                )
            lines.append(
                _("{name}: {text}").format(name=phase.name, text=phase.typical_duration.text)
            )
            sources.append(phase.typical_duration.source)
        elif intent == "deliverables":
            lines.append(_("Typical deliverables in {name}:").format(name=_lower_first(phase.name)))
            for f in phase.deliverables:
                lines.append(f"• {_snippet(f.text, 200)}")
                sources.append(f.source)
        else:
            lines.append(
                _("{name}: {text}").format(name=phase.name, text=_snippet(phase.purpose.text))
            )
            sources.append(phase.purpose.source)
            if phase.typical_duration:
                lines.append(_("Typical duration: {text}").format(text=phase.typical_duration.text))
                sources.append(phase.typical_duration.source)
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    def _track(self, track: Track) -> Answer:
        lines = [f"{track.name}: {_snippet(track.description.text)}"]
        sources = [track.description.source]
        for f in track.characteristics[:6]:
            lines.append(f"• {_snippet(f.text, 200)}")
            sources.append(f.source)
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    def _tracks(self) -> Answer:
        lines, sources = [], []
        for track in self.kb.strategy.tracks:
            lines.append(f"{track.name}: {_snippet(track.description.text, 350)}")
            sources.append(track.description.source)
        return Answer(True, "\n\n".join(lines) + self._source_line(sources), self._cites(sources))

    def _instruments(self, text: str) -> Answer:
        t = fold(text)
        which = "gross" if "brutto" in t else "net" if "netto" in t else None
        items = [i for i in self.kb.strategy.instruments if which is None or i.list == which]
        if not items:
            return Answer(False, _("The strategy lists no measurement instruments."))
        lines = []
        for lst, title in (("net", _("The net list")), ("gross", _("The gross list"))):
            group = [i for i in items if i.list == lst]
            if group:
                lines.append(title + ":")
                lines += [f"• {i.name}" + (f" ({i.target})" if i.target else "") for i in group]
        sources = [i.source for i in items]
        return Answer(
            True, "\n".join(lines) + self._source_line(sources[:1]), self._cites(sources[:1])
        )

    def _section(self, s: Subject) -> Answer:
        sec: Section = s.ref  # type: ignore[assignment]
        head = ""
        if s.project:
            head = _("(Project: {name})").format(name=self.kb.projects[s.project].short_name) + "\n"
        text = f"{sec.title}: {_snippet(sec.text)}"
        return Answer(
            True, head + text + self._source_line([sec.source]), self._cites([sec.source])
        )

    def _strategy_summary(self) -> Answer:
        st = self.kb.strategy
        return Answer(
            True,
            f"{st.name}: {_snippet(st.summary.text)}" + self._source_line([st.summary.source]),
            self._cites([st.summary.source]),
        )

    # -- not knowing ----
    def _clarify(self, text: str, subjects: list[Subject]) -> Answer:
        choices = []
        for s in subjects[:3]:
            label = s.label
            if s.project and len({x.project for x in subjects}) > 1:
                label += f" ({self.kb.projects[s.project].short_name})"
            choices.append(Choice(label, f"{text} ({s.label})", s.project))
        return Answer(
            False,
            _("Did you mean …?") + "\n" + "\n".join(f"• {c.label}" for c in choices),
            choices=choices,
        )

    def _help(self, project: str | None) -> str:
        if project:
            return _(
                "I can answer questions about {name}: activities, dates, places, "
                "participants, phases and evaluation, and about the strategy's phases, "
                "tracks and criteria."
            ).format(name=self.kb.projects[project].short_name)
        return _(
            "I can answer questions about the projects' activities, dates, places and "
            "phases, and about the strategy (SUSI): phases, tracks and criteria."
        )

    def _unknown(self, project: str | None) -> Answer:
        return Answer(False, _("Sorry, I don't know that.") + " " + self._help(project))

    # -- sources ----
    def _cites(self, sources: Iterable[Source]) -> list[str]:
        return _unique(self.kb.cite(s) for s in sources)

    def _source_line(self, sources: Iterable[Source]) -> str:
        cites = self._cites(sources)
        if not cites:
            return ""
        return "\n" + _("Source: {list}").format(list="; ".join(cites[:4]))


_PROJECT_INTENTS = {
    "budget",
    "target",
    "success",
    "som",
    "timetable",
    "devphase",
    "recipients",
    "applicants",
    "evaluation",
    "purpose",
    "duration",
    "phases",
}
_ACTIVITY_INTENTS = [
    "when",
    "next",
    "where",
    "who",
    "duration",
    "facilitator",
    "purpose",
    "duties",
    "evaluation",
    "frequency",
    "list",
    "what",
]


# -- small helpers -------------------------------------------------------------------------------


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + _("and") + " " + items[-1]


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _strip_dot(text: str) -> str:
    return text.rstrip(". ")


def _snippet(text: str, limit: int = MAX_SNIPPET) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("; "))
    return (cut[: end + 1] if end > limit // 2 else cut.rsplit(" ", 1)[0] + " …").strip()


def _amount(value: float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale="da_DK")


def _when_text(occ: Occurrence, *, labelled: bool = False, prefix: bool = False) -> str:
    text = format_when(occ.when)
    if prefix and occ.when.precision != "day":
        text = _("in {when}").format(when=text)
    if labelled and occ.label:
        text = f"{text} ({occ.label})"
    return text


def _format_text(a: Activity) -> str:
    names = {
        "virtual": _("virtual"),
        "physical": _("physical attendance"),
        "phone": _("by phone"),
        "written": _("in writing"),
    }
    return _join([names[f] for f in a.format])


def _track_in(text: str) -> int | None:
    m = re.search(r"spor\s*([12])", fold(text))
    return int(m[1]) if m else None
