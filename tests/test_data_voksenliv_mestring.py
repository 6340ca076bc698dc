"""The data of `voksenliv` (Bilag 1) and `mestring-born` (Bilag 2) checked against the seeds.

The tests read the seed texts themselves (the activity table of Bilag 1, the dates of
Bilag 2, the "Hvornår:" lines, the evaluation duties) and compare with the data, so a
month left out, a day invented or a conflict lost makes them fail.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.model import Activity, Project
from bot.when import When

TABLE = "Tabel. Aktivitetsoversigt 2023-2024"
MONTHS = {
    name: i + 1
    for i, name in enumerate(
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
         "september", "oktober", "november", "december"]
    )
}
# table row label (as in the seed) -> activity id
TABLE_ROWS = {
    "Indledende telefonmøde": "indledende-telefonmoede",
    "Lokalt opstartsmøde hos projektkommunerne": "lokalt-opstartsmoede",
    "Virtuelt opstartsmøde for alle deltagere i kommuner (inkl. relevant ledelse)":
        "virtuelt-opstartsmoede",
    "Tværkommunalt projektledernetværk (virtuelt og/eller fysisk)": "projektledernetvaerk",
    "Tværkommunale modningsworkshops": "modningsworkshops",
    "Tværkommunal afslutningsworkshop": "afslutningsworkshop",
    "Evalueringsinterview (telefonisk) med projektleder, opstart": "evalueringsinterview-opstart",
    "Selvevaluering/refleksionsskema i kommunerne": "selvevaluering",
    "Opstart af dataindsamling i projektkommunerne": "opstart-dataindsamling",
    "Casebesøg i kommunen": "casebesoeg",
}


# -- helpers ---------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Lower case, no whitespace, hyphens, dashes or quote marks (as the extractions break them)."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011\u2013\u2014*'\"’”“]+", "", text).lower()


def activity(project: Project, aid: str) -> Activity:
    found = [a for a in project.activities if a.id == aid]
    assert found, f"{project.id} has no activity {aid!r}"
    return found[0]


def month(y: int, m: int) -> When:
    return When.parse(f"{y:04d}-{m:02d}")


def all_whens(act: Activity) -> set[When]:
    """Every time the data gives for an activity, occurrences and their variants."""
    out = set()
    for occ in act.occurrences:
        out.add(occ.when)
        out.update(v.when for v in occ.variants)
    return out


def covered(act: Activity, when: When) -> bool:
    """Whether `when` is one of the activity's stated times (exactly, or inside a stated span)."""
    return any(w == when or (w.start <= when.start and when.end <= w.end) for w in all_whens(act))


def parse_table(text: str) -> dict[str, list[When]]:
    """The activity table of Bilag 1: row label -> marked months (24 columns, Jan 2023..Dec 2024)."""
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Aktivitet\t"))
    years = [c for c in lines[head].split("\t")[1:]]
    assert years[0] == "2023" and years[12] == "2024" and len(years) == 24
    letters = lines[head + 1].split("\t")[1:]
    assert "".join(letters) == "JFMAMJJASOND" * 2
    columns = [month(2023 + i // 12, i % 12 + 1) for i in range(24)]
    rows: dict[str, list[When]] = {}
    for line in lines[head + 2:]:
        if not line.strip():
            break
        label, *cells = line.split("\t")
        assert len(cells) == 24, f"row {label!r} has {len(cells)} cells"
        rows[label.strip()] = [columns[i] for i, c in enumerate(cells) if c.strip()]
        assert all(c.strip() in ("", "■") for c in cells)
    return rows


def months_in(text: str) -> list[When]:
    """Every 'marts 2023', 'januar/februar 2023' … in a piece of text, as months."""
    out = []
    for m in re.finditer(r"((?:[a-zæø]+/)*)([a-zæø]+) (\d{4})", text.lower()):
        names = [n for n in m.group(1).split("/") if n] + [m.group(2)]
        for name in names:
            if name in MONTHS:
                out.append(month(int(m.group(3)), MONTHS[name]))
    return out


@pytest.fixture(scope="module")
def vl(kb) -> Project:
    return kb.projects["voksenliv"]


@pytest.fixture(scope="module")
def mb(kb) -> Project:
    return kb.projects["mestring-born"]


@pytest.fixture(scope="module")
def table(seed_text) -> dict[str, list[When]]:
    return parse_table(seed_text("bilag1-voksenliv"))


# -- the project frame ------------------------------------------------------------------------


def test_periods_and_phases(vl, mb):
    assert str(vl.period) == "2023-01/2024-12"
    assert str(mb.period) == "2022-01/2023-11"
    assert [p.id for p in vl.phases] == ["forberedelse", "forandring", "forankring"]
    assert all(p.period is None for p in vl.phases), "Bilag 1 gives no months for its phases"
    phases = {p.id: p for p in mb.phases}
    assert str(phases["opstart"].period) == "2022-01/2022-03"
    assert str(phases["modning"].period) == "2022-04/2023-11"
    for project in (vl, mb):
        for act in project.activities:
            for occ in act.occurrences:
                assert occ.when.overlaps(project.period.start, project.period.end), (act.id, occ)


def test_phase_text_from_seed(seed_text, mb):
    text = seed_text("bilag2-mestring")
    assert "Opstartsfase (jan - mar. 22)" in text and "Modningsfase (apr. 22 - nov. 23)" in text
    assert {p.period_stated for p in mb.phases} == {"jan - mar. 22", "apr. 22 - nov. 23"}


# -- Bilag 1: the table -----------------------------------------------------------------------


def test_table_is_read_as_expected(table):
    # a guard on the parser itself: a few cells checked by hand
    assert set(table) == set(TABLE_ROWS)
    assert table["Casebesøg i kommunen"] == [month(2023, 9), month(2024, 9)]
    assert table["Tværkommunal afslutningsworkshop"] == [month(2024, 11)]
    assert len(table["Tværkommunalt projektledernetværk (virtuelt og/eller fysisk)"]) == 21


def test_every_marked_month_is_an_occurrence(vl, table):
    for label, marked in table.items():
        act = activity(vl, TABLE_ROWS[label])
        from_table = [o for o in act.occurrences if o.source.section == TABLE]
        assert sorted(o.when for o in from_table) == sorted(marked), label
        for occ in from_table:
            assert occ.when.precision == "month"
            assert occ.source.doc == "bilag1-voksenliv"
            assert occ.source.quote and norm(occ.source.quote) in norm(label)


def test_no_table_occurrences_elsewhere(vl):
    table_ids = set(TABLE_ROWS.values())
    for act in vl.activities:
        if act.id not in table_ids:
            assert not [o for o in act.occurrences if o.source.section == TABLE], act.id


def test_network_months_missing_in_table(vl, table):
    marked = set(table["Tværkommunalt projektledernetværk (virtuelt og/eller fysisk)"])
    missing = {month(2023, m) for m in range(1, 13)} | {month(2024, m) for m in range(1, 13)}
    missing -= marked
    assert missing == {month(2023, 1), month(2023, 2), month(2023, 7)}
    net = activity(vl, "projektledernetvaerk")
    assert net.recurrence and net.recurrence.every == "month"
    conflict = next(c for c in vl.conflicts if c.activity == "projektledernetvaerk"
                    and "måned" in c.about)
    texts = " ".join(v.text for v in conflict.variants)
    assert "hver måned" in texts and "juli 2023" in texts
    assert {v.source.section for v in conflict.variants} >= {TABLE}


# -- Bilag 1: the text ------------------------------------------------------------------------


# heading of each activity in Bilag 1 -> activity id
SECTIONS_1 = {
    "Indledende telefonmøde": "indledende-telefonmoede",
    "Tværkommunalt, virtuelt opstartsmøde for alle projektdeltagere i kommunen":
        "virtuelt-opstartsmoede",
    "Lokalt opstartsmøde med projektgruppen": "lokalt-opstartsmoede",
    "Tværkommunale modningsworkshops": "modningsworkshops",
    "Tværkommunal afslutningsworkshop": "afslutningsworkshop",
    "Evalueringsinterview (telefonisk) med projektleder, opstart": "evalueringsinterview-opstart",
    "Q&A om evalueringens dataindsamling og projektlederens rolle heri": "qa-dataindsamling",
    "Casebesøg i projektkommunen": "casebesoeg",
}


def activity_blocks(text: str) -> list[tuple[str, str]]:
    """(heading, block) for every activity heading in the text of Bilag 1 (after the table)."""
    body = text[text.index("1 Processtøtteaktiviteter"):]
    positions = sorted(
        (m.start(), h) for h in SECTIONS_1 for m in re.finditer(r"(?m)^" + re.escape(h) + r"\s*$", body)
    )
    out = []
    for i, (pos, heading) in enumerate(positions):
        end = positions[i + 1][0] if i + 1 < len(positions) else len(body)
        out.append((heading, body[pos:end]))
    return out


def test_every_month_in_the_text_is_kept(vl, seed_text):
    blocks = activity_blocks(seed_text("bilag1-voksenliv"))
    assert len(blocks) == 9  # the modningsworkshops are described twice (1.4 and 2.1)
    for heading, block in blocks:
        act = activity(vl, SECTIONS_1[heading])
        when_text = block[block.index("Hvornår:"):block.index("Med hvem:")]
        stated = months_in(when_text)
        assert stated, heading
        for m in stated:
            assert covered(act, m), f"{act.id}: {m} from the text is neither an occurrence nor a variant"


def test_modningsworkshops_conflict(vl):
    act = activity(vl, "modningsworkshops")
    assert [str(o.when) for o in act.occurrences] == ["2023-03", "2023-08", "2024-05"]
    second = act.occurrences[1]
    variants = {str(v.when): v.source.section for v in second.variants}
    assert variants == {
        "2023-09": "1.4 Implementeringsaktiviteter i forandringsfasen",
        "2024-08": "2.1 Modningsaktiviteter i forandringsfasen",
    }
    assert {v.stated for v in second.variants} == {"september 2023", "august 2024"}
    assert act.place and "Odense" in act.place
    assert act.duration and act.duration.days == 2
    # "To hele dag" (1.4) against "To hele dage" (2.1)
    conflict = next(c for c in vl.conflicts if c.id == "modningsworkshops-varighed")
    texts = [v.text for v in conflict.variants]
    assert any("To hele dag " in t for t in texts) and any("To hele dage" in t for t in texts)


def test_casebesoeg_conflict(vl):
    act = activity(vl, "casebesoeg")
    assert [str(o.when) for o in act.occurrences] == ["2023-09", "2024-09"]
    assert [(str(v.when), v.source.section) for v in act.occurrences[0].variants] == [
        ("2023-11", "3.3 Evalueringsaktiviteter i forandrings- og forankringsfasen")]
    assert not act.occurrences[1].variants
    assert act.place == "Fysiske møder i projektkommunen"
    assert act.duration and act.duration.days == 1
    assert any("To evalueringsmedarbejdere" in p for p in act.participants)
    assert any("lokaler" in d for d in act.duties)


def test_opstartsmoeder(vl):
    virtual = activity(vl, "virtuelt-opstartsmoede")
    assert [str(o.when) for o in virtual.occurrences] == ["2023-01"]
    (variant,) = virtual.occurrences[0].variants
    assert str(variant.when) == "2023-01/2023-02" and variant.stated == "januar/februar 2023"
    assert virtual.duration and virtual.duration.min_minutes == 180
    assert virtual.format == ["virtual"]

    local = activity(vl, "lokalt-opstartsmoede")
    assert [str(o.when) for o in local.occurrences] == ["2023-02", "2023-03"]
    assert [str(v.when) for v in local.occurrences[1].variants] == ["2023-02"]
    assert local.duration and (local.duration.min_minutes, local.duration.max_minutes) == (120, 180)
    assert {"lokalt-opstartsmoede-maaneder", "lokalt-opstartsmoede-deltagere"} <= {
        c.id for c in vl.conflicts}


def test_qa_dated_february_but_tied_to_the_opstartsmoede(vl):
    qa = activity(vl, "qa-dataindsamling")
    assert [str(o.when) for o in qa.occurrences] == ["2023-02"]
    assert [str(v.when) for v in qa.occurrences[0].variants] == ["2023-01"]
    assert qa.duration and qa.duration.min_minutes == 90
    conflict = next(c for c in vl.conflicts if c.activity == "qa-dataindsamling")
    assert any("I forbindelse med det tværkommunale virtuelle opstartsmøde" in v.text
               for v in conflict.variants)


def test_selvevaluering_quarterly_against_table(vl, table):
    act = activity(vl, "selvevaluering")
    assert act.recurrence and act.recurrence.every == "quarter"
    marked = table["Selvevaluering/refleksionsskema i kommunerne"]
    quarters = [(w.start.year, (w.start.month - 1) // 3) for w in marked]
    assert len(set(quarters)) < len(quarters) or len(set(quarters)) < 8, "the table is not one per quarter"
    assert any(c.id == "selvevaluering-hyppighed" for c in vl.conflicts)
    assert act.format == ["written"] and "mail" in (act.place or "")


def test_small_facts(vl):
    tel = activity(vl, "indledende-telefonmoede")
    assert tel.duration and (tel.duration.min_minutes, tel.duration.max_minutes) == (30, 60)
    end = activity(vl, "afslutningsworkshop")
    assert [str(o.when) for o in end.occurrences] == ["2024-11"]
    assert end.duration and end.duration.days == 1 and "Odense" in (end.place or "")
    assert end.phase == ["forankring"]
    net = activity(vl, "projektledernetvaerk")
    assert net.facilitator == "Socialstyrelsen"
    assert net.duration and net.duration.min_minutes == 60
    interview = activity(vl, "evalueringsinterview-opstart")
    assert interview.duration and interview.duration.min_minutes == 30
    assert set(interview.format) == {"phone", "virtual"}


def test_evaluation_duties_of_bilag_1(vl, seed_text):
    text = seed_text("bilag1-voksenliv")
    part = text[text.index("Disse er i hovedtræk:"):text.index("Herunder følger")]
    bullets = [b.strip() for b in re.findall(r"(?m)^- (.+)$", part)]
    assert len(bullets) == 5
    duties = [norm(d.text) + " " + norm(d.source.quote or "") for d in vl.evaluation_duties]
    for bullet in bullets:
        head = norm(" ".join(bullet.split()[:6]))
        assert any(head in d for d in duties), bullet


def test_the_two_extractions(vl, seed_text):
    alt, best = seed_text("bilag1-voksenliv-alt"), seed_text("bilag1-voksenliv")
    assert "opfølgningsworkshops" in alt and "opfølgingsworkshops" in best
    conflict = next(c for c in vl.conflicts if c.id == "workshops-betegnelse")
    by_doc = {v.source.doc: v for v in conflict.variants}
    assert set(by_doc) == {"bilag1-voksenliv", "bilag1-voksenliv-alt"}
    assert "opfølgningsworkshops" in by_doc["bilag1-voksenliv-alt"].text
    alt_quotes = [v.source.quote for v in conflict.variants if v.source.doc == "bilag1-voksenliv-alt"]
    for quote in alt_quotes:
        assert quote and norm(quote) in norm(alt) and norm(quote) not in norm(best)


# -- Bilag 2 ------------------------------------------------------------------------------------


def exact_dates(text: str) -> list[When]:
    """'den 20. januar 2022', 'den 9-10. februar 2022' … in Bilag 2."""
    out = []
    for m in re.finditer(r"den (\d{1,2})(?:-(\d{1,2}))?\. ([a-zæø]+) (\d{4})", text):
        y, mo = int(m.group(4)), MONTHS[m.group(3)]
        first = dt.date(y, mo, int(m.group(1)))
        if m.group(2):
            last = dt.date(y, mo, int(m.group(2)))
            out.append(When.parse(f"{first.isoformat()}/{last.isoformat()}"))
        else:
            out.append(When.parse(first.isoformat()))
    return out


def test_every_exact_date_of_bilag_2(mb, seed_text):
    dates = exact_dates(seed_text("bilag2-mestring"))
    assert len(dates) == 5
    exact = {o.when for a in mb.activities for o in a.occurrences}
    for when in dates:
        assert when in exact, f"{when} from Bilag 2 is not an occurrence"
    assert {str(d) for d in dates} == {
        "2022-01-20", "2022-02-09/2022-02-10", "2022-03-15", "2022-05-12", "2022-11-08"}


@pytest.mark.parametrize("aid, when, place", [
    ("opstartsmoede", "2022-01-20", "Odense"),
    ("modul-1", "2022-02-09/2022-02-10", "Odense"),
    ("modul-2a", "2022-03-15", "Socialstyrelsens lokaler i Odense"),
    ("modul-2b", "2022-05-12", "Socialstyrelsens lokaler i Odense"),
    ("modul-3", "2022-11-08", "Socialstyrelsens lokaler i Odense"),
])
def test_bilag_2_dated_activities(mb, aid, when, place):
    act = activity(mb, aid)
    assert [str(o.when) for o in act.occurrences] == [when]
    assert act.occurrences[0].when.precision == "day"
    assert act.place and place in act.place
    assert act.occurrences[0].stated and act.occurrences[0].stated.startswith("den ")


def test_opstartsmoede_bilag_2(mb):
    act = activity(mb, "opstartsmoede")
    assert act.address and "Edisonsvej 1" in act.address and "Odense" in act.address
    assert len(act.programme) == 3
    assert {"Socialstyrelsen", "VIVE"} <= set(act.participants)


def test_overview_months_of_bilag_2(mb, seed_text):
    """Every month in the overview (before the detailed text) has an activity in that month."""
    text = seed_text("bilag2-mestring")
    overview = text[text.index("Tværkommunale aktiviteter"):text.index("Løbende aktiviteter")]
    stated = months_in(overview)
    assert len(stated) == 12
    for m in stated:
        assert any(o.when.overlaps(m.start, m.end) for a in mb.activities for o in a.occurrences), m
    forum = activity(mb, "modningsforum")
    assert [(o.label, str(o.when)) for o in forum.occurrences] == [
        ("Modningsforum 1", "2022-09"), ("Modningsforum 2", "2023-08")]
    assert forum.facilitator == "VIVE"
    runs = activity(mb, "indsatsforloeb")
    assert [str(o.when) for o in runs.occurrences] == ["2022-04/2022-06", "2022-11"]
    assert runs.occurrences[1].stated == "Fra november 2022"
    assert [str(o.when) for o in activity(mb, "opsamling").occurrences] == ["2022-08", "2023-05"]
    assert [str(o.when) for o in activity(mb, "planlaegningsworkshop").occurrences] == ["2022-02"]


def test_bilag_2_conflicts_and_durations(mb):
    ids = {c.id for c in mb.conflicts}
    assert {"modul-3-varighed", "sparring-form"} <= ids
    m3 = next(c for c in mb.conflicts if c.id == "modul-3-varighed")
    assert any("1-2 dage" in v.text for v in m3.variants)
    assert any("enkeltdage" in v.text for v in m3.variants)
    assert activity(mb, "modul-1").duration.days == 2
    assert activity(mb, "modul-2a").duration.days == 1
    ws = activity(mb, "planlaegningsworkshop")
    assert (ws.duration.min_minutes, ws.duration.max_minutes) == (180, 240)
    assert any("forplejning" in d for d in ws.duties)
    sparring = activity(mb, "sparring")
    assert sparring.recurrence and sparring.recurrence.every == "quarter"
    assert sparring.recurrence.count and "6-8" in sparring.recurrence.count


def test_evaluation_duties_of_bilag_2(mb, seed_text):
    text = seed_text("bilag2-mestring")
    part = text[text.index("Dette forventes at omfatte:"):text.index("Fælles opstartsmøde")]
    bullets = [b.strip() for b in re.findall(r"(?m)^- (.+)$", part)]
    assert len(bullets) == 5
    duties = [norm(d.text) for d in mb.evaluation_duties]
    data = [norm(d) for d in activity(mb, "dataindsamling").duties]
    for bullet in bullets:
        assert any(norm(bullet) in d for d in duties), bullet
        assert any(norm(bullet) in d for d in data), bullet


# -- both -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("pid, alias, aid", [
    ("voksenliv", "afslutningsworkshoppen", "afslutningsworkshop"),
    ("voksenliv", "afslutningsworkshop", "afslutningsworkshop"),
    ("voksenliv", "opstartsmødet", "virtuelt-opstartsmoede"),
    ("voksenliv", "netværket", "projektledernetvaerk"),
    ("voksenliv", "netværksmødet", "projektledernetvaerk"),
    ("voksenliv", "projektledernetværket", "projektledernetvaerk"),
    ("voksenliv", "casebesøget", "casebesoeg"),
    ("voksenliv", "selvevalueringen", "selvevaluering"),
    ("voksenliv", "refleksionsskemaet", "selvevaluering"),
    ("voksenliv", "modningsworkshoppen", "modningsworkshops"),
    ("voksenliv", "opfølgningsworkshops", "modningsworkshops"),
    ("mestring-born", "modul 2a", "modul-2a"),
    ("mestring-born", "modul 3", "modul-3"),
    ("mestring-born", "modningsforum 1", "modningsforum"),
    ("mestring-born", "opstartsmødet", "opstartsmoede"),
    ("mestring-born", "planlægningsworkshoppen", "planlaegningsworkshop"),
])
def test_aliases(kb, pid, alias, aid):
    project = kb.projects[pid]
    owners = [a.id for a in project.activities if alias.lower() in {x.lower() for x in a.aliases}]
    assert owners == [aid]


@pytest.mark.parametrize("pid", ["voksenliv", "mestring-born"])
def test_aliases_unique_and_quotes_true(kb, seed_text, pid):
    project = kb.projects[pid]
    seen: dict[str, str] = {}
    # A few aliases name a family on purpose ("modulerne", "kompetenceudviklingen"): the bot
    # answers for the whole family (the next of them, or each of them).
    family = {"kompetenceudvikling", "kompetenceudviklingen", "modulerne", "moduler"}
    for act in project.activities:
        for alias in act.aliases:
            key = alias.lower()
            if key in family:
                continue
            assert seen.setdefault(key, act.id) == act.id, f"{alias!r} names two activities"
    quotes = []
    for act in project.activities:
        for occ in act.occurrences:
            assert occ.source.quote, f"{act.id} {occ.when} has no quote"
            quotes.append(occ.source)
            for v in occ.variants:
                assert v.source.quote, f"{act.id} variant {v.when} has no quote"
                quotes.append(v.source)
    for conflict in project.conflicts:
        assert len({(v.source.doc, v.source.section, v.source.quote) for v in conflict.variants}) >= 2
        quotes.extend(v.source for v in conflict.variants)
    for src in quotes:
        assert src.quote and norm(src.quote) in norm(seed_text(src.doc)), src
