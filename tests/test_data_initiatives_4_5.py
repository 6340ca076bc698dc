"""The data for Bilag 4 and 5 of the initiative descriptions (seed `initiativer`)
checked against the seed text itself: every budget amount, the ticked
development phase, every quarter of the timetables, the period, the success
criteria, and the conflicts in the text.

Bilag 4 -> data/projects/psykisk-misbrug.yaml
Bilag 5 -> data/projects/rr2-adhd.yaml
"""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from bot.model import Project, Source
from bot.seeds import squash
from bot.when import When

PROJECTS = {4: "psykisk-misbrug", 5: "rr2-adhd"}
PHASES = {
    "Screeningsfasen": "screening",
    "Modningsfasen": "modning",
    "Afprøvningsfasen": "afproevning",
    "Udbredelsesfasen": "udbredelse",
}


def _num(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.fixture(scope="module")
def part(seed_text):
    """The seed text of Bilag 4 or 5 (Bilag 5 runs to the end of the file)."""
    text = seed_text("initiativer")
    start4 = text.index("Bilag 4 Bedre indsats til mennesker")
    start5 = text.index("Bilag 5 Udbredelse af mestringsindsats")
    parts = {4: text[start4:start5], 5: text[start5:]}
    return parts.__getitem__


def project(kb, bilag: int) -> Project:
    return kb.projects[PROJECTS[bilag]]


def budget_table(text: str) -> tuple[list[int], list[float]]:
    """Years in the header and the amounts in the 'Forslag i alt' row."""
    m = re.search(r"Mio\. kr\. i 2020-PL((?:\s+\d{4})+)\s+I alt\s+Forslag i alt\s+([\d,\s]+)", text)
    assert m, "no budget table found"
    years = [int(y) for y in m[1].split()]
    amounts = [_num(a) for a in re.findall(r"\d+,\d", m[2])]
    return years, amounts


def quarters(text: str) -> set[str]:
    """Every quarter or span of quarters in the timetable, as When strings."""
    table = text[text.index("Tid Aktivitet"):text.index("9 Varighed")]
    found = set()
    pattern = re.compile(
        r"(\d)(?:\s*-\s*(\d))?\.+\s*(?:kvartal|kvt\.)\s*(\d{4})"
        r"(?:\s*[–-]\s*(\d)\.\s*(?:kvartal|kvt\.)\s*(\d{4}))?"
    )
    for q1, q2, y1, q3, y2 in pattern.findall(table):
        if q2:
            found.add(f"{y1}-Q{q1}/{y1}-Q{q2}")
        elif q3:
            found.add(f"{y1}-Q{q1}/{y2}-Q{q3}")
        else:
            found.add(f"{y1}-Q{q1}")
    return found


# -- budget ------------------------------------------------------------------------------


@pytest.mark.parametrize("bilag", [4, 5])
def test_every_amount_of_the_budget_table_is_a_budget_line(kb, part, bilag):
    years, amounts = budget_table(part(bilag))
    p = project(kb, bilag)
    *per_year, total = amounts
    # the table's yearly amounts add up to its total (Bilag 5 leaves its 2023 column empty)
    assert sum(per_year) == pytest.approx(total)
    assert len(per_year) <= len(years)
    by_year = {b.year: b for b in p.budget if b.year is not None}
    for year, amount in zip(years, per_year, strict=False):
        assert year in by_year, f"{p.id}: no budget line for {year}"
        assert by_year[year].amount == pytest.approx(amount)
        assert by_year[year].unit == "mio. kr."
        assert "2020-PL" in (by_year[year].note or "")
    assert set(by_year) == set(years[: len(per_year)])
    totals = [b for b in p.budget if b.year is None and "I alt" in b.label]
    assert [b.amount for b in totals] == [pytest.approx(total)]


@pytest.mark.parametrize("bilag", [4, 5])
def test_every_amount_in_the_economy_text_is_a_budget_line(kb, part, bilag):
    text = part(bilag)
    economy = text[text.index("Økonomi"):text.index("5 Forslagets")]
    amounts = [_num(a) for a in re.findall(r"(\d+(?:,\d)?)\s+mio\.\s*kr\.", economy)]
    assert len(amounts) == 4
    lines = [b.amount for b in project(kb, bilag).budget if b.year is None]
    for amount in amounts:
        assert any(x == pytest.approx(amount) for x in lines), amount
    # the first amount is the total, the rest are its parts
    assert sum(amounts[1:]) == pytest.approx(amounts[0])
    parts = [b.amount for b in project(kb, bilag).budget if b.year is None and "I alt" not in b.label]
    assert sorted(parts) == pytest.approx(sorted(amounts[1:]))


@pytest.mark.parametrize("bilag", [4, 5])
def test_budget_lines_quote_the_seed(kb, bilag):
    for line in project(kb, bilag).budget:
        assert line.source.quote, line.label
        if line.year is not None:
            assert str(line.amount).replace(".", ",") in line.source.quote


def test_rr2_adhd_has_no_2023_amount_but_the_conflict_is_recorded(kb, part):
    years, amounts = budget_table(part(5))
    # five columns (2020-2023, I alt) but four amounts: the seed's own inconsistency
    assert 2023 in years and len(amounts) == len(years)
    p = project(kb, 5)
    assert all(b.year != 2023 for b in p.budget)
    conflict = next(c for c in p.conflicts if "2023" in c.about)
    texts = " ".join(v.text for v in conflict.variants)
    assert "2023" in texts and "2020-2022" in texts


# -- phase, period, duration ---------------------------------------------------------------


@pytest.mark.parametrize("bilag", [4, 5])
def test_development_phase_is_the_ticked_box(kb, part, bilag):
    ticked = re.findall(r"☒\s*(\w+)", part(bilag))
    assert len(ticked) == 1
    assert project(kb, bilag).development_phase.phase == PHASES[ticked[0]]


@pytest.mark.parametrize("bilag", [4, 5])
def test_period_and_duration_follow_the_text(kb, part, bilag):
    m = re.search(r"Initiativet er (\d)-årigt[^.]*?(\d{4})-(\d{4})", part(bilag))
    years, first, last = int(m[1]), int(m[2]), int(m[3])
    assert last - first + 1 == years  # else a conflict should have been recorded
    p = project(kb, bilag)
    assert p.period == When.parse(f"{first}/{last}")
    assert f"{years}-årigt" in p.duration.text


# -- timetable ----------------------------------------------------------------------------


@pytest.mark.parametrize("bilag", [4, 5])
def test_every_timetable_quarter_is_in_the_data(kb, part, bilag):
    expected = quarters(part(bilag))
    assert expected, "no quarters found in the seed"
    p = project(kb, bilag)
    in_timetable = {str(t.when) for t in p.timetable}
    assert in_timetable == expected
    occurrences = {str(o.when) for a in p.activities for o in a.occurrences}
    assert expected <= occurrences
    for item in p.timetable:
        assert item.when.precision == "quarter"
        assert item.stated and item.source.quote


def test_every_timetable_row_of_bilag_4_is_an_item(kb, part):
    table = part(4)[part(4).index("Tid Aktivitet"):part(4).index("9 Varighed")]
    rows = re.findall(r"kvartal 20\d\d\s+([A-ZÆØÅ][^\n]+)", table)
    assert len(rows) == 7
    texts = [squash(t.text) for t in project(kb, 4).timetable]
    for row in rows:
        assert any(t.startswith(squash(row)) for t in texts), row


def test_what_happens_in_q4_2021_for_rr2_adhd(kb):
    q = When.parse("2021-Q4")
    names = {a.name for a in project(kb, 5).activities
             if any(o.when.overlaps(q.start, q.end) for o in a.occurrences)}
    assert "Uddannelse af R&R2 ADHD trænere" in names
    assert "Løbende implementeringsstøtte" in names
    assert "Afslutning og erfaringsopsamling" not in names


def test_the_application_pool_of_bilag_4_is_in_q3_q4_2020(kb):
    p = project(kb, 4)
    pool = next(t for t in p.timetable if "Ansøgningspulje" in t.text)
    assert str(pool.when) == "2020-Q3/2020-Q4"
    assert pool.stated == "3-4..kvartal 2020"


# -- the numbered fields ---------------------------------------------------------------------


@pytest.mark.parametrize("bilag", [4, 5])
def test_title_and_grant_recipients(kb, part, bilag):
    text = squash(part(bilag))
    p = project(kb, bilag)
    assert squash("1 Titel " + p.name) in text
    m = re.search(r"2 Tilskudsmod-?\s*ta-?\s*ger\s+([^\n]+)", part(bilag))
    assert p.grant_recipients.text == m[1].strip()


@pytest.mark.parametrize("bilag", [4, 5])
def test_each_success_criterion_is_a_fact(kb, part, bilag):
    text = part(bilag)
    field = text[text.index("5 Forslagets"):text.index("6 Evaluering")]
    bullets = [squash(b) for b in re.split(r"\uf0b7", field)[1:]]
    criteria = [squash(c.text) for c in project(kb, bilag).success_criteria]
    numbered = len(re.findall(r"primære succeskriterium|Øvrige succeskriterier", field))
    assert len(criteria) == len(bullets) + numbered
    for bullet in bullets:
        first_words = bullet[:30]
        assert any(first_words in c for c in criteria), bullet


def test_application_criteria_of_bilag_4(kb, part):
    criteria = " ".join(c.text for c in project(kb, 4).application_criteria)
    for phrase in ("Ansøgerkredsen", "pakkeløsninger", "organisering", "Serviceloven",
                   "centerchefniveau", "udgangspunkt i botilbuddet", "ekstern evaluering",
                   "fastsat af ministeriet"):
        assert phrase in criteria, phrase
    assert len(project(kb, 4).application_criteria) >= 8


def test_bilag_5_has_no_application_criteria_field(kb, part):
    assert "Ansøgnings-" not in part(5) and "kriterier\n" not in part(5)
    assert project(kb, 5).application_criteria == []


def test_core_elements_of_bilag_4(kb, part):
    field = squash(part(4))
    described = [squash(d.text) for d in project(kb, 4).description]
    elements = re.findall(r"\b([iv]+)\) ([^,]+?)(?:,| og [iv]+\)|\.)", part(4).replace("\n", " "))
    assert len(elements) >= 6
    for numeral, name in elements:
        assert squash(f"{numeral}) {name}") in field
        assert any(squash(name) in d for d in described), name


def test_target_groups(kb):
    assert "over 18 år" in project(kb, 4).target_group.text
    assert "(16 år+)" in project(kb, 5).target_group.text


# -- conflicts and sources -----------------------------------------------------------------


def test_conflict_about_private_care_homes_in_bilag_4(kb):
    conflict = next(c for c in project(kb, 4).conflicts if c.id == "tilskudsmodtagere-og-deltagere")
    sections = {v.source.section.split(",")[1].strip() for v in conflict.variants}
    assert "2 Tilskudsmodtager" in sections
    assert any("private botilbud" in v.text for v in conflict.variants)


def _sources(node):
    if isinstance(node, Source):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _sources(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _sources(item)


@pytest.mark.parametrize("bilag", [4, 5])
def test_every_source_is_the_right_bilag_and_quotes_it(kb, part, bilag):
    text = squash(part(bilag))
    sources = list(_sources(project(kb, bilag)))
    assert len(sources) > 50
    for src in sources:
        assert src.doc == "initiativer"
        assert src.section.startswith(f"Bilag {bilag}, "), src.section
        if src.quote:
            assert squash(src.quote) in text, src.quote


@pytest.mark.parametrize("bilag", [4, 5])
def test_long_prose_is_searchable(kb, part, bilag):
    sections = {s.id: s for s in project(kb, bilag).sections}
    for sid in ("formaal", "baggrund", "beskrivelse", "maalgruppe", "oekonomi",
                "succeskriterier", "evaluering", "som", "tidsplan", "varighed-og-implementering"):
        assert sid in sections
    # the economy section is the seed's text, word for word
    text = part(bilag)
    economy = text[text.index("Økonomi") + len("Økonomi"):text.index("5 Forslagets")]
    assert squash(sections["oekonomi"].text) == squash(economy)
