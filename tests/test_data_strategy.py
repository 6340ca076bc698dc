"""data/strategy.yaml checked against the Drejebog seed (document id `drejebog`), independently.

The expectations are parsed from the seed text itself where that is feasible (the criteria
tables, the numbered/lettered lists, the instrument lists), so that the data and the seed are
compared rather than the data with a copy of itself.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.model import Source, Strategy

DOC = "drejebog"
PHASE_IDS = ["screening", "modning", "afproevning", "udbredelse"]
PHASE_NAMES = ["Screeningsfasen", "Modningsfasen", "Afprøvningsfasen", "Udbredelsesfasen"]


# -- helpers -------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Letters and digits only, lower case: layout, hyphenation and punctuation do not matter."""
    return re.sub(r"[^0-9a-zæøåéü]+", "", text.lower())


def strip_pages(seed: str) -> str:
    """The seed without its page-number lines ("14 af 55")."""
    return re.sub(r"(?m)^\s*\d+ af \d+\s*$", "", seed)


def found(piece: str, hay: str) -> bool:
    """`piece` is in the normalised seed `hay`, or (a PDF page/footnote break inside a sentence)
    can be stitched from two pieces of it."""
    p = norm(piece)
    if not p or p in hay:
        return True
    words = piece.split()
    for k in range(2, len(words) - 1):
        if norm(" ".join(words[:k])) in hay and norm(" ".join(words[k:])) in hay:
            return True
    return False


def text_found(text: str, hay: str) -> list[str]:
    """The lines (then sentences) of `text` that are not in the seed."""
    missing = []
    for line in (x.strip() for x in text.split("\n")):
        if not line or norm(line) in hay:
            continue
        for sentence in re.split(r"(?<=[.?!:;])\s+", line):
            if not found(sentence, hay):
                missing.append(sentence)
    return missing


def _loose(s: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(w) for w in s.split()) + (r"\s" if s[-1:].isspace() else ""))


def region(seed: str, start: str, end: str) -> str:
    """The seed from `start` up to `end` (whitespace in both matched loosely)."""
    m = _loose(start).search(seed)
    assert m, f"{start!r} not in the seed"
    n = _loose(end).search(seed, m.end())
    assert n, f"{end!r} not after {start!r} in the seed"
    return seed[m.start():n.start()]


def seed_items(block: str, marker: str) -> list[str]:
    """The items of a list marked "1." / "a." (`marker` is a regex for the number or letter)."""
    flat = " ".join(block.split())
    marks = list(re.finditer(rf"(?<![\w.,])({marker})\.\s", flat))
    return [flat[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(flat))].strip()
            for i, m in enumerate(marks)]


@pytest.fixture(scope="module")
def strategy(kb) -> Strategy:
    return kb.strategy


@pytest.fixture(scope="module")
def seed(seed_text) -> str:
    return seed_text(DOC)


@pytest.fixture(scope="module")
def hay(seed) -> str:
    return norm(strip_pages(seed))


def phase(strategy: Strategy, pid: str):
    return next(p for p in strategy.phases if p.id == pid)


# -- phases and tracks -------------------------------------------------------------------------


def test_four_phases_in_order(strategy, seed):
    assert [p.id for p in strategy.phases] == PHASE_IDS
    assert [p.name for p in strategy.phases] == PHASE_NAMES
    # the seed names the same four phases, in this order
    m = re.search(r"fire faser i modellen, som er en (\w+), en (\w+), en (\w+) og\s+en (\w+)", seed)
    assert m, "the seed's sentence listing the four phases was not found"
    assert [p.name.lower() for p in strategy.phases] == [x + "n" for x in m.groups()]


@pytest.mark.parametrize("pid,needed", [
    ("screening", {"screening", "screeningsfase"}),
    ("modning", {"modning", "modningsfase"}),
    ("afproevning", {"afprøvning", "afproevning", "afprøvningsfase"}),
    ("udbredelse", {"udbredelse", "udbredelsesfase"}),
])
def test_phase_aliases(strategy, pid, needed):
    aliases = {a.lower() for a in phase(strategy, pid).aliases}
    assert needed <= aliases


def test_aliases_unique_within_phases(strategy):
    counts = Counter(a for p in strategy.phases for a in {x.lower() for x in [p.name, *p.aliases]})
    assert [a for a, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("pid,duration", [
    ("screening", "Fasen varer typisk op til 1 år"),
    ("modning", "Modningsfasen varer typisk fra 2 til 4 år"),
    ("afproevning", "Afprøvningsfasen kan typisk variere mellem 3 og 5 år"),
    ("udbredelse", "men varer typisk 2 år"),
])
def test_typical_durations(strategy, seed, pid, duration):
    assert norm(duration) in norm(seed)
    d = phase(strategy, pid).typical_duration
    assert d is not None and norm(duration) in norm(d.text)
    assert d.source.quote, "a duration carries a verbatim quote"


def test_purposes_quote_the_formaal_sentence(strategy, hay):
    for p in strategy.phases:
        assert p.purpose.source.quote
        assert norm(p.purpose.source.quote) in norm(p.purpose.text)
        assert norm(f"Formålet med {p.name.lower()} er") in norm(p.purpose.text)
        assert text_found(p.purpose.text, hay) == []


# numbered knowledge-development lists: (phase, heading in the seed that introduces the list)
KD_LISTS = [
    ("screening", "Vidensudviklingen i screeningsfasen vil typisk bestå af tre dele:", "Afdækning af vidensgrundlag \n\nScreeningsfasen skal indledningsvist"),
    ("modning", "Modningsfasen er kendetegnet ved følgende vidensudvikling:", "Klargøring af indsatsen, så den er implementeringsparat \n\nNår"),
    ("afproevning", "Vidensudviklingen i begge spor er struktureret omkring:", "Forberedelse af afprøvningen \n\nAfprøvningsfasen indledes"),
]


@pytest.mark.parametrize("pid,start,end", KD_LISTS)
def test_knowledge_development_matches_seed_list(strategy, seed, pid, start, end):
    expected = seed_items(region(seed, start, end), r"\d")
    got = [f.text for f in phase(strategy, pid).knowledge_development]
    assert len(expected) >= 3
    assert [norm(x) for x in got] == [norm(x) for x in expected]


def test_udbredelse_knowledge_development_is_verbatim(strategy, hay):
    kd = phase(strategy, "udbredelse").knowledge_development
    assert len(kd) >= 3
    assert any("ikke som sådan national vidensudvikling" in f.text for f in kd)
    for f in kd:
        assert text_found(f.text, hay) == []


# lettered deliverable lists
DELIVERABLES = [
    ("screening", "De typiske leverancer i screeningsfasen", "Videnssammenfatning \n\nVidenssammenfatningen præsenterer"),
    ("modning", "Modningsfasen har følgende typiske leverancer:", "Indsatsbeskrivelse \n\nIndsatsbeskrivelsen er"),
    ("afproevning", "De typiske leverancer i afprøvningsfasen er:", "Evalueringsgrundlag (kontrakt eller kommissorium) \n\nEvalueringen"),
    ("udbredelse", "Typiske leverancer i udbredelsesfasen er:", "Socialstyrelsens implementeringsstøtte \n\nDet er"),
]


@pytest.mark.parametrize("pid,start,end", DELIVERABLES)
def test_deliverables_match_seed_list(strategy, seed, pid, start, end):
    expected = seed_items(region(seed, start, end), r"[a-j]")
    got = phase(strategy, pid).deliverables
    assert len(expected) >= 3
    assert len(got) == len(expected)
    for item, fact in zip(expected, got, strict=True):
        # each deliverable starts with the seed's item and goes on with a short description
        assert norm(fact.text).startswith(norm(item).rstrip()), (item, fact.text[:80])
        assert len(fact.text) > len(item) + 20, f"no description for {item!r}"
        assert fact.source.doc == DOC


def test_tracks(strategy, seed):
    assert [t.id for t in strategy.tracks] == ["spor-1", "spor-2"]
    assert [t.number for t in strategy.tracks] == [1, 2]
    for t in strategy.tracks:
        assert f"spor {t.number}" in [a.lower() for a in t.aliases]
        assert t.name in seed.replace(" \n", "\n")
        n = t.number
        block = region(seed, f"De definerende kendetegn for udvikling af indsatser i spor {n} er:",
                       "Det er vigtigt at understrege" if n == 1 else "’Fast track’ af viden")
        bullets = [" ".join(b.split()) for b in re.split(r"\n\s*•", block)[1:]]
        assert len(t.characteristics) == len(bullets) == 5
        for c, b in zip(t.characteristics, bullets, strict=True):
            assert norm(c.text) == norm(b)


# -- criteria ------------------------------------------------------------------------------------

TRANSITIONS = [
    ("modning", "Kriterier for at fortsætte til modningsfasen", "Modningsfasen kan variere i tid"),
    ("afproevning", "Kriterier for at fortsætte til afprøvningsfasen", "Afprøvningsfasen kan variere i længde"),
    ("udbredelse", "Kriterier for at fortsætte til udbredelsesfasen", "Udbredelsesfasen kan variere i længde"),
]


def seed_criteria_groups(block: str) -> list[tuple[int, int, int]]:
    """Per criteria group in a two-column table (spor 1 | spor 2): how many criteria apply to
    spor 1, to spor 2, and to both ("Samme kriterie som i spor 1").

    The extraction interleaves the columns: spor 1's item n, then spor 2's item n. A new group
    starts where spor 1's numbering starts again at 1."""
    flat = " ".join(block.split())
    marks = list(re.finditer(r"(?<![\w.,])(\d)\.\s", flat))
    items = [(int(m.group(1)), flat[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(flat))])
             for i, m in enumerate(marks)]
    assert len(items) % 2 == 0, items
    groups: list[list[int]] = []
    for k in range(0, len(items), 2):
        (n1, _t1), (_n2, t2) = items[k], items[k + 1]
        if n1 == 1:
            groups.append([0, 0, 0])
        g = groups[-1]
        g[0] += 1
        if not t2.strip().startswith("-"):
            g[1] += 1
        if t2.strip().startswith("Samme kriterie som i spor 1"):
            g[2] += 1
    return [tuple(g) for g in groups]


def data_criteria_groups(criteria) -> list[tuple[str, tuple[int, int, int]]]:
    groups: list[tuple[str, list[int]]] = []
    for c in criteria:
        if not groups or groups[-1][0] != c.group:
            groups.append((c.group, [0, 0, 0]))
        g = groups[-1][1]
        g[0] += 1 in c.tracks
        g[1] += 2 in c.tracks
        g[2] += sorted(c.tracks) == [1, 2]
    return [(name, tuple(g)) for name, g in groups]


def test_no_criteria_to_enter_screening(strategy):
    assert phase(strategy, "screening").criteria_to_enter == []


@pytest.mark.parametrize("pid,start,end", TRANSITIONS)
def test_criteria_counts_per_group_and_track(strategy, seed, pid, start, end):
    block = region(seed, start, end)
    expected = seed_criteria_groups(block)
    got = data_criteria_groups(phase(strategy, pid).criteria_to_enter)
    assert [g for _, g in got] == expected
    # and in total per track
    crit = phase(strategy, pid).criteria_to_enter
    assert sum(1 in c.tracks for c in crit) == sum(g[0] for g in expected)
    assert sum(2 in c.tracks for c in crit) == sum(g[1] for g in expected)


@pytest.mark.parametrize("pid,start,end", TRANSITIONS)
def test_criteria_groups_and_texts_in_seed(strategy, seed, pid, start, end):
    block = norm(region(seed, start, end))
    for c in phase(strategy, pid).criteria_to_enter:
        assert norm(c.group) in block, c.group
        assert c.source.quote, f"criterion without a quote: {c.text}"
        assert norm(c.source.quote) in block, c.source.quote
        assert c.tracks and len(set(c.tracks)) == len(c.tracks)


def test_known_criteria_details(strategy):
    mod = phase(strategy, "modning").criteria_to_enter
    effekt = [c for c in mod if "så en effektevaluering er mulig" in c.text]
    assert len(effekt) == 1 and effekt[0].tracks == [1], "the '-' in spor 2 means spor 1 only"
    udb = phase(strategy, "udbredelse").criteria_to_enter
    fidelitet = next(c for c in udb if "implementeret med fidelitet" in c.text)
    assert fidelitet.tracks == [1]
    drift = next(c for c in udb if "bæredygtig i et driftsperspektiv" in c.text)
    assert sorted(drift.tracks) == [1, 2]


# -- instruments -------------------------------------------------------------------------------------

GROUP_HEADING = re.compile(r"^(Socialt udsatte|Udsatte|Mennesker med handicap$)")


def seed_rows(block: str) -> list[str]:
    """The table rows of an instrument list: wrapped lines joined, group headings left out."""
    rows: list[str] = []
    for line in (x.strip() for x in block.split("\n")):
        if not line:
            continue
        if rows and line[0].islower():
            rows[-1] += " " + line
        else:
            rows.append(line)
    return [" ".join(r.split()) for r in rows if not GROUP_HEADING.match(r) or re.search(r"\((G|S)\)$", r)]


def row_matches(row: str, name: str) -> bool:
    row = re.sub(r"\s*\([^()]*\)$", "", row)  # "(G)", "(S)", "(i forskellige versioner)"
    return re.search(re.escape(" ".join(name.split())) + r"\d?$", row) is not None


def check_list(rows: list[str], names: list[str]) -> None:
    assert rows, "no rows parsed from the seed"
    for row in rows:
        hits = [n for n in names if row_matches(row, n)]
        assert len(hits) == 1, f"seed row {row!r} matches {hits}"
    for n in names:
        assert any(row_matches(r, n) for r in rows), f"{n!r} is not in the seed's list"


def test_net_list(strategy, seed):
    end = re.search(r"\n\s*Bruttolisten\s*\n", seed).start()  # the heading, not the prose
    block = seed[seed.rindex("Nettolisten", 0, end):end]
    rows = [r for r in seed_rows(block)[1:] if re.search(r"\((G|S)\)$", r)]
    assert len(rows) == 7
    names = [i.name for i in strategy.instruments if i.list == "net"]
    check_list(rows, names)


@pytest.mark.parametrize("heading", [
    "Bruttolistens generelle instrumenter (G)",
    "Bruttolistens specifikke instrumenter (S)",
])
def test_gross_lists(strategy, seed, heading):
    start = seed.index(heading) + len(heading)
    end = min(i for i in (seed.find("       ", start), seed.find("Bilag C", start)) if i > 0)
    rows = seed_rows(seed[start:end])
    names = [i.name for i in strategy.instruments if i.list == "gross"]
    ours = [n for n in names if any(row_matches(r, n) for r in rows)]
    check_list(rows, ours)
    assert len(rows) >= 7


def test_every_gross_instrument_in_one_of_the_gross_lists(strategy, seed):
    rows = []
    for heading in ("Bruttolistens generelle instrumenter (G)", "Bruttolistens specifikke instrumenter (S)"):
        start = seed.index(heading) + len(heading)
        rows += seed_rows(seed[start:seed.find("       ", start)])
    gross = [i for i in strategy.instruments if i.list == "gross"]
    assert len(gross) == len(rows) == 18
    for i in gross:
        assert any(row_matches(r, i.name) for r in rows), i.name


def test_instruments_have_quotes_and_targets(strategy, seed):
    squashed = norm(seed)
    for i in strategy.instruments:
        assert i.source.doc == DOC and i.source.quote
        assert norm(i.source.quote) in squashed
        assert norm(i.name) in norm(i.source.quote)
        assert i.target


# -- topics --------------------------------------------------------------------------------------------

REQUIRED_TOPIC_ALIASES = [
    "brugerinddragelse", "søm", "soem", "kerneelementer", "følg eller forklar", "fast-track",
    "fast track", "susi-vurdering", "fasemodellen", "valg af spor", "etiske principper",
    "pilotafprøvning", "processtøtte", "formativ evaluering", "effektmåling", "spor 1", "spor 2",
    "validerede måleredskaber", "nettolisten", "bruttolisten", "hvad hvorfor hvordan",
]


def is_conflict(topic) -> bool:
    return topic.id.startswith("uoverensstemmelse-")


def test_topic_ids_unique(strategy):
    ids = [t.id for t in strategy.topics]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("alias", REQUIRED_TOPIC_ALIASES)
def test_topic_aliases(strategy, alias):
    assert any(alias in [a.lower() for a in t.aliases] for t in strategy.topics), alias


def test_topic_texts_are_from_the_seed(strategy, hay):
    bad = {}
    for t in strategy.topics:
        if is_conflict(t):
            continue
        missing = text_found(t.text, hay)
        if missing:
            bad[t.id] = missing[:3]
    assert bad == {}


def test_conflict_topics_quote_the_seed(strategy, hay):
    conflicts = [t for t in strategy.topics if is_conflict(t)]
    assert len(conflicts) >= 3
    for t in conflicts:
        quotes = re.findall(r"»(.+?)«", t.text, flags=re.S)
        assert len(quotes) >= 2, t.id
        for q in quotes:
            assert norm(q) in hay, (t.id, q)


SEED_HEADINGS = [
    "Afgrænsning af den sociale indsats i strategien", "Fasemodel for udvikling og udbredelse",
    "To spor i fasemodellen", "Fast track", "Brugerinddragelse", "Etiske principper og afvejninger",
    "Den Socialøkonomiske Investeringsmodel (SØM)", "Systematik for beskrivelse af kerneelementer",
    "Validerede måleredskaber", "Udvikling af en prototype", "Kvalificering af prototypen",
    "Klargøring af indsatsen", "Eventuel pilotafprøvning", "formativ evaluering",
    "Koncept til opfølgning i udbredelse", "Monitorering", "Fællestræk for indsatser i SUSI",
    "Mellemformer og skift mellem de to spor", "Uden for strategiens anvendelsesområde",
    "Listernes anvendelse", "Ændringer ved opdateringen i 2021", "Indsatsbeskrivelse",
    "implementeringsstøtte", "Afklaring af evalueringsdesign", "Dataindsamling og evaluering",
]


@pytest.mark.parametrize("heading", SEED_HEADINGS)
def test_major_headings_have_a_topic(strategy, seed, heading):
    assert norm(heading) in norm(seed)
    assert any(norm(heading) in norm(t.title) or norm(heading) in norm(t.source.section)
               for t in strategy.topics), heading


def test_topic_text_is_substantial(strategy):
    total = sum(len(t.text) for t in strategy.topics if not is_conflict(t))
    assert total > 100_000  # the Drejebog's prose is kept, not summarised away
    assert all(len(t.text) > 150 for t in strategy.topics)


# -- sources -----------------------------------------------------------------------------------------


def all_sources(node):
    from pydantic import BaseModel

    if isinstance(node, Source):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from all_sources(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from all_sources(item)


def test_every_source_is_the_drejebog_and_every_quote_is_in_it(strategy, hay):
    sources = list(all_sources(strategy))
    assert len(sources) > 150
    for s in sources:
        assert s.doc == DOC
        assert s.section
        if s.quote:
            assert norm(s.quote) in hay, s.quote


def test_facts_are_verbatim(strategy, hay):
    """Phase purposes, durations, deliverables and the tracks' texts come from the seed."""
    facts = [strategy.tracks[0].description, strategy.tracks[1].description]
    for p in strategy.phases:
        facts += [p.purpose, *p.deliverables]
        facts += [p.typical_duration] if p.typical_duration else []
    bad = [(f.text[:60], text_found(f.text, hay)) for f in facts if text_found(f.text, hay)]
    assert bad == []


def test_check_data_reports_nothing_for_strategy(kb, seeds_dir):
    from bot.loader import check

    report = check(kb, seeds_dir)
    assert [str(p) for p in report.errors if p.file == "data/strategy.yaml"] == []


CONFLICT_FOR_TOPIC = {
    "uoverensstemmelse-som-spor-2": "som-i-spor-2",
    "uoverensstemmelse-pilotafproevning": "pilotafproevning-spor-2",
    "uoverensstemmelse-hovedspoergsmaal": "hovedspoergsmaal-formativ-evaluering",
    "uoverensstemmelse-nettolisten": "nettolisten-undtagelser",
    "uoverensstemmelse-kriterienummer": "kriterienummer-afproevning",
    "uoverensstemmelse-spor-i-udbredelse": "spor-i-udbredelsesfasen",
    "uoverensstemmelse-hvornaar-vaelges-spor": "hvornaar-vaelges-spor",
}


def test_every_conflict_topic_is_also_a_conflict(strategy, hay):
    """Each "uoverensstemmelse-" topic has a structured twin in strategy.conflicts: at least two
    variants, each quoting the Drejebog verbatim under a named section."""
    topics = sorted(t.id for t in strategy.topics if t.id.startswith("uoverensstemmelse-"))
    conflicts = {c.id: c for c in strategy.conflicts}
    assert len(topics) >= 7
    assert len(conflicts) == len(strategy.conflicts) == len(topics)
    assert sorted(CONFLICT_FOR_TOPIC) == topics
    assert set(CONFLICT_FOR_TOPIC.values()) == set(conflicts)
    for c in strategy.conflicts:
        assert c.about and c.activity is None
        assert len(c.variants) >= 2, c.id
        for v in c.variants:
            assert v.text.strip(), c.id
            assert v.source.doc == DOC and v.source.section, (c.id, v.text)
            assert v.source.quote and norm(v.source.quote) in hay, (c.id, v.source.quote)
