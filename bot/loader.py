"""Load `data/` into a `Knowledge`, and check it.

Layout of the data folder:

    sources.yaml            the source documents (seed file, title, how to cite)
    strategy.yaml           the national strategy (SUSI): phases, tracks, criteria, …
    projects/<id>.yaml      one file per project; the file name is the project id
    forms/<id>.yaml         one file per form (the self-evaluation)

`load_knowledge` raises `DataErrors` listing every problem as file + path +
problem. `check` goes further (references, periods, quotes against the seeds)
and returns errors and warnings; `check-data` prints them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from bot.i18n import _
from bot.model import Conflict, Document, Form, Occurrence, Project, Source, Strategy
from bot.seeds import contains

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 20x faster

PROJECT_IDS = (
    "voksenliv",
    "mestring-born",
    "udsatte-unge",
    "skolefravaer",
    "rusmiddel-screening",
    "psykisk-misbrug",
    "rr2-adhd",
)


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class DataErrors(Exception):
    """The data could not be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def cite(documents: dict[str, Document], source: Source) -> str:
    """'Bilag 1 (…), afsnit 1.4 …' for a "Kilde:" line."""
    doc = documents.get(source.doc)
    name = doc.cite if doc else source.doc
    if not source.section:
        return name
    return _("{document}, {section}").format(document=name, section=source.section)


@dataclass
class Loaded:
    """What could be read from the data folder, and the problems found on the way."""

    data_dir: Path
    documents: dict[str, Document] = field(default_factory=dict)
    strategy: Strategy | None = None
    projects: dict[str, Project] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # project id / "form:<id>" -> file
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Knowledge:
    """Everything in data/, valid and complete."""

    documents: dict[str, Document]
    strategy: Strategy
    projects: dict[str, Project]
    forms: dict[str, Form]
    data_dir: Path
    files: dict[str, str] = field(default_factory=dict)

    def cite(self, source: Source) -> str:
        return cite(self.documents, source)


# -- reading ---------------------------------------------------------------------------


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    rel = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, "", _("cannot be read: {error}").format(error=exc)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _("line {line}").format(line=mark.line + 1) if mark else ""
        problems.append(
            Problem(
                rel,
                where,
                _("is not valid YAML: {error}").format(error=getattr(exc, "problem", None) or exc),
            )
        )
    return None


def _describe_path(raw: Any, loc: tuple[int | str, ...]) -> str:
    """'activities[3] (modningsworkshop).occurrences[0].when' from a pydantic loc."""
    parts: list[str] = []
    node = raw
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            if isinstance(node, list) and key < len(node):
                node = node[key]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" ({node['id']})"
            else:
                node = None
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


_PYDANTIC_MESSAGES = {
    "missing": "mangler",
    "extra_forbidden": "er ikke et kendt felt",
    "string_type": "skal være tekst",
    "int_type": "skal være et heltal",
    "int_parsing": "skal være et heltal",
    "float_type": "skal være et tal",
    "float_parsing": "skal være et tal",
    "list_type": "skal være en liste",
    "bool_type": "skal være ja/nej (true/false)",
    "literal_error": "har en ukendt værdi",
    "string_pattern_mismatch": "må kun indeholde små bogstaver a-z, tal og bindestreg",
    "too_short": "er for kort eller tom",
    "string_too_short": "må ikke være tom",
    "model_type": "skal være en afbildning (felt: værdi)",
    "dict_type": "skal være en afbildning (felt: værdi)",
}


def _validate(model: type[BaseModel], raw: Any, rel: str, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(
                x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-"))
            )
            msg = _PYDANTIC_MESSAGES.get(err["type"], err["msg"])
            if err["type"] == "literal_error" and "expected" in err.get("ctx", {}):
                msg += f" ({_('allowed')}: {err['ctx']['expected']})"
            if err["type"] == "value_error":
                msg = str(err.get("ctx", {}).get("error", err["msg"]))
            problems.append(Problem(rel, _describe_path(raw, loc), msg))
        return None


def read_data(data_dir: Path) -> Loaded:
    """Read and validate every file in `data_dir`, keeping what is valid."""
    data_dir = Path(data_dir)
    loaded = Loaded(data_dir)
    problems = loaded.problems
    if not data_dir.is_dir():
        problems.append(Problem(str(data_dir), "", _("the data folder does not exist")))
        return loaded

    documents = loaded.documents
    raw = _read_yaml(data_dir / "sources.yaml", data_dir, problems)
    if raw is not None:
        items = raw.get("documents") if isinstance(raw, dict) else None
        if not isinstance(items, list):
            problems.append(Problem("data/sources.yaml", "documents", _("must be a list")))
        else:
            for i, item in enumerate(items):
                doc = _validate(Document, item, "data/sources.yaml", problems)
                if doc is not None:
                    if doc.id in documents:
                        problems.append(
                            Problem(
                                "data/sources.yaml",
                                f"documents[{i}]",
                                _("duplicate id '{id}'").format(id=doc.id),
                            )
                        )
                    documents[doc.id] = doc

    if not (data_dir / "strategy.yaml").exists():
        problems.append(Problem("data/strategy.yaml", "", _("is missing")))
    else:
        raw = _read_yaml(data_dir / "strategy.yaml", data_dir, problems)
        if raw is not None:
            loaded.strategy = _validate(Strategy, raw, "data/strategy.yaml", problems)

    projects, files, forms = loaded.projects, loaded.files, loaded.forms
    for path in sorted((data_dir / "projects").glob("*.yaml")):
        rel = f"data/projects/{path.name}"
        raw = _read_yaml(path, data_dir, problems)
        if raw is None:
            continue
        project = _validate(Project, raw, rel, problems)
        if project is None:
            continue
        if project.id != path.stem:
            problems.append(
                Problem(
                    rel, "id", _("the id '{id}' must match the file name").format(id=project.id)
                )
            )
        projects[project.id] = project
        files[project.id] = rel

    for path in sorted((data_dir / "forms").glob("*.yaml")):
        rel = f"data/forms/{path.name}"
        raw = _read_yaml(path, data_dir, problems)
        if raw is None:
            continue
        form = _validate(Form, raw, rel, problems)
        if form is not None:
            forms[form.id] = form
            files[f"form:{form.id}"] = rel

    for pid in PROJECT_IDS:
        if pid not in projects and not any(p.file.endswith(f"/{pid}.yaml") for p in problems):
            problems.append(
                Problem(
                    f"data/projects/{pid}.yaml",
                    "",
                    _("is missing (every project in DESIGN.md has a file)"),
                )
            )
    return loaded


def load_knowledge(data_dir: Path) -> Knowledge:
    """Read and validate every file in `data_dir`; raise DataErrors on any problem."""
    loaded = read_data(data_dir)
    if loaded.problems or loaded.strategy is None:
        raise DataErrors(loaded.problems)
    return Knowledge(
        loaded.documents,
        loaded.strategy,
        loaded.projects,
        loaded.forms,
        loaded.data_dir,
        loaded.files,
    )


# -- checking -----------------------------------------------------------------------------


def _sources(node: Any, path: str = "") -> Iterator[tuple[str, Source]]:
    """Every Source inside a model, with its path."""
    if isinstance(node, Source):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _sources(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            label = f"[{i}]"
            if isinstance(getattr(item, "id", None), str):
                label += f" ({item.id})"
            yield from _sources(item, path + label)


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check(kb: Loaded | Knowledge, seeds_dir: Path | None) -> Report:
    """Cross-file checks on what was loaded: errors and warnings."""
    report = Report()
    err, warn = report.errors.append, report.warnings.append

    def check_sources(rel: str, model: BaseModel) -> None:
        for path, src in _sources(model):
            doc = kb.documents.get(src.doc)
            if doc is None:
                err(Problem(rel, path, _("unknown document '{doc}'").format(doc=src.doc)))
                continue
            if src.quote and seeds_dir is not None:
                seed = seeds_dir / doc.seed
                if seed.exists() and not contains(seed, src.quote):
                    err(
                        Problem(
                            rel,
                            path + ".quote",
                            _("the quote is not in {seed}: \u201c{quote}\u201d").format(
                                seed=doc.seed, quote=src.quote[:80]
                            ),
                        )
                    )

    if kb.strategy is not None:
        check_sources("data/strategy.yaml", kb.strategy)
        for dup in _duplicates(p.id for p in kb.strategy.phases):
            err(Problem("data/strategy.yaml", "phases", _("duplicate id '{id}'").format(id=dup)))
        for dup in _duplicates(t.id for t in kb.strategy.topics):
            err(Problem("data/strategy.yaml", "topics", _("duplicate id '{id}'").format(id=dup)))
        for conflict in kb.strategy.conflicts:
            warn(Problem("data/strategy.yaml", f"conflicts ({conflict.id})",
                         _conflicts_said(kb, conflict)))
    for form in kb.forms.values():
        rel = kb.files[f"form:{form.id}"]
        check_sources(rel, form)
        for dup in _duplicates(q.id for q in form.questions()):
            err(Problem(rel, "sections", _("duplicate question id '{id}'").format(id=dup)))
        for pid, aid in form.rounds.from_activity.items():
            project = kb.projects.get(pid)
            if project is None or aid not in {a.id for a in project.activities}:
                err(
                    Problem(
                        rel,
                        f"rounds.from_activity.{pid}",
                        _("unknown project or activity '{pid}/{aid}'").format(pid=pid, aid=aid),
                    )
                )

    for project in kb.projects.values():
        rel = kb.files[project.id]
        check_sources(rel, project)
        for name, ids in (
            ("phases", [p.id for p in project.phases]),
            ("activities", [a.id for a in project.activities]),
            ("conflicts", [c.id for c in project.conflicts]),
            ("sections", [s.id for s in project.sections]),
        ):
            for dup in _duplicates(ids):
                err(Problem(rel, name, _("duplicate id '{id}'").format(id=dup)))
        phase_ids = {p.id for p in project.phases}
        activity_ids = {a.id for a in project.activities}
        period = project.period
        month_only = 0
        for i, activity in enumerate(project.activities):
            base = f"activities[{i}] ({activity.id})"
            for ph in activity.phase:
                if ph not in phase_ids:
                    err(
                        Problem(rel, base + ".phase", _("unknown phase '{phase}'").format(phase=ph))
                    )
            for j, occ in enumerate(activity.occurrences):
                opath = f"{base}.occurrences[{j}]"
                if not occ.when.overlaps(period.start, period.end):
                    err(
                        Problem(
                            rel,
                            opath + ".when",
                            _("{when} is outside the project period {period}").format(
                                when=occ.when, period=period
                            ),
                        )
                    )
                if occ.when.precision != "day":
                    month_only += 1
                for variant in occ.variants:
                    warn(Problem(rel, opath, _conflict_text(kb, activity.name, occ, variant)))
        for conflict in project.conflicts:
            if conflict.activity and conflict.activity not in activity_ids:
                err(
                    Problem(
                        rel,
                        f"conflicts ({conflict.id}).activity",
                        _("unknown activity '{id}'").format(id=conflict.activity),
                    )
                )
            warn(Problem(rel, f"conflicts ({conflict.id})", _conflicts_said(kb, conflict)))
        if month_only:
            warn(
                Problem(
                    rel,
                    "activities",
                    _("{n} occurrences are known only to the month, quarter or year").format(
                        n=month_only
                    ),
                )
            )
        for phase in project.phases:
            if phase.period and not phase.period.overlaps(period.start, period.end):
                err(
                    Problem(
                        rel,
                        f"phases ({phase.id}).period",
                        _("{when} is outside the project period {period}").format(
                            when=phase.period, period=period
                        ),
                    )
                )
    return report


def _conflicts_said(kb: Loaded | Knowledge, conflict: Conflict) -> str:
    said = "; ".join(f"{v.text} ({cite(kb.documents, v.source)})" for v in conflict.variants)
    return _("the sources disagree about {about}: {said}").format(about=conflict.about, said=said)


def _conflict_text(kb: Loaded | Knowledge, name: str, occ: Occurrence, variant: Any) -> str:
    first = occ.stated or str(occ.when)
    other = variant.stated or str(variant.when)
    label = f"{name} ({occ.label})" if occ.label else name
    return _("the sources disagree about when {name} is: {a} ({src_a}) or {b} ({src_b})").format(
        name=label,
        a=first,
        src_a=cite(kb.documents, occ.source),
        b=other,
        src_b=cite(kb.documents, variant.source),
    )
