"""The data for Bilag 1, 2 and 3 of the initiative descriptions (seed `initiativer`)
checked against the seed text itself: every budget amount (table and text), the
budget arithmetic, the ticked development phase, every timetable row and quarter,
period and duration, the numbered fields, the conflicts, and that every quote
stands in the right Bilag.

Bilag 1 -> data/projects/udsatte-unge.yaml
Bilag 2 -> data/projects/skolefravaer.yaml
Bilag 3 -> data/projects/rusmiddel-screening.yaml
"""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from bot.model import Project, Source
from bot.seeds import squash
from bot.when import When

PROJECTS = {1: "udsatte-unge", 2: "skolefravaer", 3: "rusmiddel-screening"}
STARTS = {
    1: "Bilag 1 Styrket og helhedsorienteret",
    2: "Bilag 2 Model for samarbejde",
    3: "Bilag 3 Screening for viden",
    4: "Bilag 4 Bedre indsats",
}
PHASES = {
    "Screeningsfasen": "screening",
    "Modningsfasen": "modning",
    "Afprøvningsfasen": "afproevning",
    "Udbredelsesfasen": "udbredelse",
}
ALL = [1, 2, 3]
POOLS = [1, 2]  # the two with an application pool (field 11) and a multi-year budget table


def _num(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _dehyphen(text: str) -> str:
    """Join words the PDF extraction split over lines ('kvar-\\ntal' -> 'kvartal')."""
    return re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)


@pytest.fixture(scope="module")
def part(seed_text):
    """The seed text of Bilag 1, 2 or 3."""
    text = seed_text("initiativer")
    idx = {n: text.index(s) for n, s in STARTS.items()}
    parts = {n: text[idx[n]:idx[n + 1]] for n in ALL}
    return parts.__getitem__


def project(kb, bilag: int) -> Project:
    return kb.projects[PROJECTS[bilag]]


def field(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def budget_table(text: str) -> tuple[list[int], list[str]]:
    """Years in the header and the raw cells of the 'Forslag i alt' row."""
    m = re.search(r"Mio\. kr\. i 2020-PL((?:\s+\d{4})+)\s+I alt\s+Forslag i alt([^\n]+)", text)
    assert m, "no budget table found"
    years = [int(y) for y in m[1].split()]
    cells = re.findall(r"\d+,\d", m[2])
    return years, cells


def economy_text(text: str) -> str:
    return field(text, "Økonomi", "5 Forslagets")


def timetable_rows(text: str) -> list[tuple[str, str]]:
    """(When string, activity text) for every row of the timetable."""
    table = _dehyphen(field(text, "Tid Aktivitet", "9 Varighed"))[len("Tid Aktivitet"):]
    pattern = re.compile(
        r"(\d)\.?(?:\s*(?:-|og)\s*(\d)\.)?\s*kvartal,?\s*(\d{4})"
        r"(?:\s*–\s*(\d)\.\s*kvartal,?\s*(\d{4}))?"
    )
    matches = list(pattern.finditer(table))
    rows = []
    for i, m in enumerate(matches):
        q1, q2, y1, q3, y2 = m.groups()
        if q2:
            when = f"{y1}-Q{q1}/{y1}-Q{q2}"
        elif q3:
            when = f"{y1}-Q{q1}/{y2}-Q{q3}"
        else:
            when = f"{y1}-Q{q1}"
        end = matches[i + 1].start() if i + 1 < len(matches) else len(table)
        rows.append((when, " ".join(table[m.end():end].split())))
    return rows


def _sources(node):
    if isinstance(node, Source):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _sources(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _sources(item)


# -- budget ------------------------------------------------------------------------------


@pytest.mark.parametrize("bilag", POOLS)
def test_every_amount_of_the_budget_table_is_a_budget_line(kb, part, bilag):
    years, cells = budget_table(part(bilag))
    amounts = [_num(c) for c in cells]
    assert len(amounts) == len(years) + 1  # every year filled, plus I alt
    *per_year, total = amounts
    assert sum(per_year) == pytest.approx(total)  # the seed's arithmetic holds
    p = project(kb, bilag)
    by_year = {b.year: b for b in p.budget if b.year is not None}
    assert set(by_year) == set(years)
    for year, amount in zip(years, per_year, strict=False):
        line = by_year[year]
        assert line.amount == pytest.approx(amount), year
        assert line.unit == "mio. kr."
        assert "2020-PL" in (line.note or "")
        assert line.source.quote and squash(f"Forslag i alt {' '.join(cells)}") == squash(
            line.source.quote)
    totals = [b for b in p.budget if b.year is None and "I alt" in b.label]
    assert [b.amount for b in totals] == [pytest.approx(total)]
    # and the data's own lines add up
    assert sum(b.amount for b in by_year.values()) == pytest.approx(totals[0].amount)


@pytest.mark.parametrize("bilag", POOLS)
def test_every_amount_in_the_economy_text_is_a_budget_line(kb, part, bilag):
    economy = economy_text(part(bilag))
    amounts = [_num(a) for a in re.findall(r"(\d+(?:,\d)?)\s+mio\.", economy)]
    assert len(amounts) == {1: 6, 2: 5}[bilag]
    total, *parts = amounts
    assert sum(parts) == pytest.approx(total)  # the parts add up to the total
    _years, cells = budget_table(part(bilag))
    assert total == pytest.approx(_num(cells[-1]))  # text total == table total
    p = project(kb, bilag)
    undated = [b for b in p.budget if b.year is None]
    for amount in amounts:
        assert any(b.amount == pytest.approx(amount) for b in undated), amount
    data_parts = [b.amount for b in undated if "I alt" not in b.label]
    assert sorted(data_parts) == pytest.approx(sorted(parts))
    for b in undated:
        assert b.unit == "mio. kr." and b.source.quote


def test_bilag_3_budget_text_and_table(kb, part):
    text = part(3)
    economy = economy_text(text)
    m = re.search(r"(\d+,\d) mio\. kr\. i (\d{4})", economy)
    total, year = _num(m[1]), int(m[2])
    kr = [_num(a) for a in re.findall(r"(\d{1,3}(?:\.\d{3})+)\s+kr\.", economy)]
    assert (total, year) == (0.9, 2019) and kr == [800000, 100000]
    assert sum(kr) == pytest.approx(total * 1_000_000)
    p = project(kb, 3)
    lines = {(b.year, b.amount, b.unit) for b in p.budget}
    assert (2019, total, "mio. kr.") in lines
    for amount in kr:
        assert (2019, amount, "kr.") in lines
    # the table: columns 2020-2023 + I alt, amounts "0,9 mio. kr." first and last
    years, cells = budget_table(text)
    assert years == [2020, 2021, 2022, 2023] and [_num(c) for c in cells] == [0.9, 0.9]
    assert year not in years  # hence the conflict below
    assert (years[0], 0.9, "mio. kr.") in lines
    assert [b.amount for b in p.budget if b.year is None and "I alt" in b.label] == [0.9]


def test_bilag_3_conflict_about_the_budget_year(kb, part):
    conflict = next(c for c in project(kb, 3).conflicts if "0,9" in c.about)
    texts = [v.text for v in conflict.variants]
    assert any("2019" in t for t in texts) and any("2020" in t for t in texts)
    sections = {v.source.section for v in conflict.variants}
    assert any("Økonomi" in s for s in sections) and any("budgettabel" in s for s in sections)


# -- phase, period, duration ---------------------------------------------------------------


@pytest.mark.parametrize("bilag", ALL)
def test_development_phase_is_the_ticked_box(kb, part, bilag):
    ticked = re.findall(r"☒\s*(\w+)", part(bilag))
    assert len(ticked) == 1
    assert project(kb, bilag).development_phase.phase == PHASES[ticked[0]]


@pytest.mark.parametrize("bilag", POOLS)
def test_period_and_duration_follow_the_text(kb, part, bilag):
    m = re.search(r"Initiativet er (\d)[- ]årigt og løber i perioden (\d{4})-(\d{4})", part(bilag))
    years, first, last = int(m[1]), int(m[2]), int(m[3])
    assert last - first + 1 == years  # consistent, so no duration conflict
    p = project(kb, bilag)
    assert p.period == When.parse(f"{first}/{last}")
    assert f"{years}-årigt" in p.duration.text or f"{years} årigt" in p.duration.text
    assert not any("varighed" in c.id for c in p.conflicts)
    for item in p.timetable:
        assert p.period.start <= item.when.start and item.when.end <= p.period.end


def test_bilag_3_duration_without_years_and_its_conflict(kb, part):
    text = part(3)
    m = re.search(r"Initiativet er (\d)-årigt\.", text)
    assert m and m[1] == "1"
    assert not re.search(r"løber i perioden", text)
    p = project(kb, 3)
    assert "1-årigt" in p.duration.text
    rows = timetable_rows(text)
    whens = [When.parse(w) for w, _ in rows]
    first, last = min(w.start for w in whens), max(w.end for w in whens)
    assert (p.period.start, p.period.end) == (first, last)
    assert p.period.precision == "quarter"
    # four calendar quarters make a year; the timetable spans more
    assert (last.year - first.year) * 4 + (last.month - first.month) // 3 + 1 > 4
    conflict = next(c for c in p.conflicts if "varer" in c.about or "varighed" in c.id)
    assert any("1-årigt" in v.text for v in conflict.variants)
    assert any("2019" in v.text and "2020" in v.text for v in conflict.variants)


# -- timetable ----------------------------------------------------------------------------


@pytest.mark.parametrize("bilag", ALL)
def test_every_timetable_row_is_an_item(kb, part, bilag):
    rows = timetable_rows(part(bilag))
    assert len(rows) == {1: 7, 2: 6, 3: 3}[bilag]
    p = project(kb, bilag)
    items = sorted((str(t.when), squash(t.text)) for t in p.timetable)
    assert items == sorted((w, squash(text)) for w, text in rows)
    for item in p.timetable:
        assert item.when.precision == "quarter"
        assert item.stated and "kvar" in item.stated
        assert item.source.quote and squash(item.source.quote) in squash(part(bilag))


@pytest.mark.parametrize("bilag", ALL)
def test_every_timetable_quarter_is_an_activity_occurrence(kb, part, bilag):
    expected = {w for w, _ in timetable_rows(part(bilag))}
    p = project(kb, bilag)
    occurrences = {str(o.when) for a in p.activities for o in a.occurrences}
    assert expected <= occurrences
    for a in p.activities:
        for o in a.occurrences:
            assert o.when.precision == "quarter"  # never more precise than the source


def _happening(p: Project, quarter: str) -> set[str]:
    q = When.parse(quarter)
    return {a.id for a in p.activities if any(o.when.overlaps(q.start, q.end) for o in a.occurrences)}


def test_what_happens_in_given_quarters(kb):
    assert _happening(project(kb, 1), "2021-Q4") == {"indsats-igangsaettes", "kompetenceforloeb"}
    assert _happening(project(kb, 2), "2022-Q3") == {"modning-i-kommunerne"}
    assert "afsluttende-evalueringsrapport" in _happening(project(kb, 2), "2023-Q4")
    assert _happening(project(kb, 3), "2020-Q2") == set()
    assert _happening(project(kb, 3), "2019-Q4") == {"design-screeningsopgave"}


# -- the numbered fields ---------------------------------------------------------------------


@pytest.mark.parametrize("bilag", ALL)
def test_title_and_grant_recipients(kb, part, bilag):
    text = part(bilag)
    p = project(kb, bilag)
    assert squash("1 Titel " + p.name) in squash(text)
    recipients = field(text, "Tilskudsmod", "3 Forslagets")
    recipients = recipients[recipients.index("tager") + len("tager"):]
    names = [n for n in re.split(r",|\bog\b", " ".join(recipients.split())) if n.strip()]
    assert len(names) == {1: 7, 2: 3, 3: 2}[bilag]  # 'Styrelsen for X og Y' splits too
    for name in names:
        assert squash(name) in squash(p.grant_recipients.text), name


@pytest.mark.parametrize("bilag", ALL)
def test_each_success_criterion_is_a_fact(kb, part, bilag):
    text = _dehyphen(field(part(bilag), "5 Forslagets", "6 Evaluering"))
    text = text[text.index("rier") + len("rier"):]
    if bilag == 3:
        items = re.split(r"\n\s*\d\. ", "\n" + text)[1:]
    else:
        items = re.split(r"\n\s*- ", "\n" + text)[1:]
        if bilag == 1:  # the overall criterion comes before the bullets
            items.append(text.split("\n \n")[0])
    criteria = [squash(c.text) for c in project(kb, bilag).success_criteria]
    assert len(criteria) == len(items) == {1: 5, 2: 5, 3: 2}[bilag]
    for crit in project(kb, bilag).success_criteria:
        assert squash(crit.source.quote) in squash(text)
    for item in items:
        words = " ".join(item.split()[:4]).rstrip(".,:")
        assert any(squash(words) in c for c in criteria) or any(
            squash(c.source.quote) in squash(item) for c in project(kb, bilag).success_criteria
        ), item


@pytest.mark.parametrize("bilag", POOLS)
def test_application_criteria(kb, part, bilag):
    text = field(part(bilag), "Kriterier", "Mio. kr. i 2020-PL")
    starts = re.findall(
        r"Ansøgerkredsen|Kommunen skal \w+|Socialstyrelsen kan|Yderligere kriterier", text)
    criteria = project(kb, bilag).application_criteria
    assert len(criteria) == len(starts) == 6
    for crit in criteria:
        assert squash(crit.source.quote) in squash(text)
    assert "11 Kriterier" in criteria[0].source.section


def test_bilag_3_has_no_application_pool(kb, part):
    assert "Kriterier" not in part(3) and "ansøgningspulje" not in part(3)
    assert project(kb, 3).application_criteria == []


@pytest.mark.parametrize("bilag", ALL)
def test_target_group_purpose_evaluation_and_som(kb, part, bilag):
    p = project(kb, bilag)
    age = {1: "15-25 år", 2: "0. – 10. klasse", 3: "15 – 25 år"}[bilag]
    assert squash(age) in squash(part(bilag)) and age in p.target_group.text
    assert p.purpose.text.startswith("Formålet med")
    assert squash(p.purpose.source.quote) in squash(field(part(bilag), "Forslagets", "4 Beskrivelse"))
    assert "SØM" in p.som.text and p.som.source.section.startswith(f"Bilag {bilag}, 7 ")
    assert p.evaluation.source.section.startswith(f"Bilag {bilag}, 6 ")
    if bilag == 3:
        assert "evalueres ikke" in part(3) and "evalueres ikke" in p.evaluation.text
        assert p.evaluation_duties == []
    else:
        assert "forpligtes til løbende at deltage i evalueringen" in " ".join(
            d.text for d in p.evaluation_duties)


def test_core_elements_and_deliverables(kb, part):
    described = " ".join(squash(d.text) for d in project(kb, 2).description)
    m = re.search(r"fire kerneelementer: ([^.]+)\.", " ".join(part(2).split()))
    elements = re.split(r", | og ", m[1])
    assert len(elements) == 4
    for element in elements:
        assert squash(element) in described
    for n in range(1, 5):
        assert f"hovedleverance{n}" in described
    described3 = " ".join(squash(d.text) for d in project(kb, 3).description)
    for phrase in ("vidensnotat", "målgruppevurdering og behovsanalyse", "MOVE",
                   "Vidensindsamling fra litteraturen", "Vidensindsamling fra praksisfeltet"):
        assert squash(phrase) in described3, phrase


# -- conflicts and sources -----------------------------------------------------------------


@pytest.mark.parametrize("bilag", POOLS)
def test_no_budget_conflict_where_the_sums_add_up(kb, part, bilag):
    # the table and the text agree (checked above); a budget conflict would be invented
    assert not any("budget" in c.id for c in project(kb, bilag).conflicts)


@pytest.mark.parametrize("bilag", ALL)
def test_every_source_is_the_right_bilag_and_quotes_it(kb, part, bilag):
    text = squash(part(bilag))
    p = project(kb, bilag)
    sources = list(_sources(p))
    assert len(sources) > 40
    quoted = 0
    for src in sources:
        assert src.doc == "initiativer"
        assert re.match(rf"Bilag {bilag}\b", src.section), src.section
        if src.quote:
            quoted += 1
            assert squash(src.quote) in text, src.quote
    assert quoted >= len(p.budget) + len(p.timetable)
    for line in p.budget:
        assert line.source.quote, line.label
    for conflict in p.conflicts:
        assert all(v.source.quote for v in conflict.variants)


@pytest.mark.parametrize("bilag", ALL)
def test_long_prose_is_searchable(kb, part, bilag):
    sections = {s.id: s for s in project(kb, bilag).sections}
    for sid in ("formaal", "baggrund", "beskrivelse", "maalgruppe", "oekonomi",
                "succeskriterier", "evaluering", "som", "tidsplan", "varighed-og-implementering"):
        assert sid in sections, sid
    # the economy section begins with the seed's economy text, word for word
    economy = economy_text(part(bilag))[len("Økonomi"):]
    assert squash(sections["oekonomi"].text).startswith(squash(economy))
