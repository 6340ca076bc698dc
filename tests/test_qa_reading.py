"""How the engine reads what is asked and picks what answers it: a word whose meaning is
asked for finds the sentence that defines it, a compound meets its parts, synonyms rank
passages without naming projects, two projects or two phases compared are both answered,
a misspelling that looks like a compound is still mended, and what a law says or how a
plan turned out is declined."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.devset import holds
from bot.dates import find_window
from bot.loader import Knowledge
from bot.qa import Engine, _defined
from bot.search import counts, defines, has_figure
from bot.text import stem

DAY = dt.date(2023, 1, 1)


@pytest.fixture(scope="module")
def engine(kb: Knowledge) -> Engine:
    return Engine(kb)


def test_a_definition_is_told_from_a_mention() -> None:
    assert defines("metoden MOVE, som er et struktureret ambulant behandlingsforløb", "mov")
    assert defines("Kerneelementer er de byggeklodser i en social indsats", "kerneelement")
    assert not defines("Udbredelse af MOVE-rusmiddelbehandling til unge (2019-2021)", "mov")
    assert _defined("hvad er MOVE for noget") == stem("move")
    assert _defined("hvad betyder kerneelementer helt præcist?") == stem("kerneelementer")
    assert _defined("hvad er MOVE, og hvornår blev det afprøvet") == ""


def test_what_a_name_means_behind_a_scene_setting_clause(engine: Engine) -> None:
    q = "sidder med rusmiddelscreeningen - hvad er MOVE for noget"
    a = engine.ask(q, project="rusmiddel-screening", today=DAY)
    assert a.answered and "ambulant" in a.text, a.text


def test_a_law_paragraph_is_not_a_figure() -> None:
    assert not has_figure("botilbud efter servicelovens §§ 107 og 108.")
    assert has_figure("målgruppen udgør 35 pct. af beboerne")


def test_a_compound_in_the_question_meets_its_parts_in_a_sentence(engine: Engine) -> None:
    a = engine.ask("laver i en evalueringsrapport for hver kommune?", project="voksenliv")
    assert a.answered and "samlet rapport" in a.text, a.text


def test_a_measure_asked_for_by_name_wants_its_figure(engine: Engine) -> None:
    a = engine.ask("hvad er skolefraværet for børn med autisme", project="skolefravaer")
    assert a.answered and "9,7 pct" in a.text, a.text


@pytest.mark.parametrize(
    "q, facts",
    [
        ("hvad varer længst, rusmiddelscreeningen eller R&R2?", ["1-årigt", "3-årigt"]),
        (
            "hvad har størst budget, udsatte unge eller psykisk misbrug på botilbud?",
            ["26,4 mio", "31,4 mio"],
        ),
    ],
)
def test_two_projects_compared_are_both_answered(engine: Engine, q: str, facts: list[str]) -> None:
    a = engine.ask(q, today=DAY)
    assert a.answered and all(f in a.text for f in facts), a.text


def test_two_phases_compared_inside_a_project(engine: Engine) -> None:
    a = engine.ask("er modningsfasen længere end udbredelsesfasen?", project="rr2-adhd")
    assert a.answered and "2 til 4 år" in a.text and "typisk 2 år" in a.text, a.text


def test_a_synonym_does_not_name_a_project(engine: Engine) -> None:
    # "forældre" stands for "voksne", a word of R&R2's full name; the question is still
    # about the user's own project
    a = engine.ask("skal vi finde unge og foraeldre til interview", project="voksenliv")
    assert a.answered and "R&R2" not in a.text and "forældre" in a.text, a.text


def test_a_misspelling_read_as_a_compound_is_mended(engine: Engine) -> None:
    assert "evalueringen" in engine._mend_spelling("hvad skal vi gøre ifm evaluringen")


def test_a_contact_person_in_a_question_about_a_meeting_is_not_a_phone_number(
    engine: Engine,
) -> None:
    q = "hvornår er det første korte møde med min kontaktperson i Socialstyrelsen?"
    a = engine.ask(q, project="voksenliv", today=DAY)
    assert a.answered and "januar 2023" in a.text, a.text


def test_the_judge_reads_a_whole_amount_either_way() -> None:
    assert holds("I alt: 23,0 mio. kr.", ("23 mio",))
    assert not holds("I alt: 23,5 mio. kr.", ("23 mio",))
    assert holds("Modul 1: 9.\u201310. februar 2022.", ("9-10. februar 2022",))
    # a length in the genitive ("et ½-1 times møde", "en hel dags varighed") is the length
    assert holds("Mødet varer ½-1 time.", ("½-1 timers",))
    assert holds("Det varer ca. en halv time.", ("en halv times",))
    assert holds("Besøget varer en hel dag.", ("hel dags",))
    assert not holds("Besøget varer en halv dag.", ("hel dags",))
    assert holds("unge mellem 15 – 25 år", ("15 og 25 år",))
    # a number in words is the number; a project "4-årigt" runs 4 years
    assert holds("De 4 praktikere", ("fire praktikere",))
    assert holds("Initiativet er 4-årigt.", ("4 år",))
    assert not holds("Initiativet er 3-årigt.", ("4 år",))


def test_winter_after_a_leap_year_february() -> None:
    # this winter ended on 29 February 2024: the coming one ends on 28 February 2025
    w = find_window("hvad sker der til vinter", dt.date(2024, 3, 5), None)
    assert w is not None and (w.start, w.end) == (dt.date(2024, 12, 1), dt.date(2025, 2, 28))


def test_a_holiday_in_the_scene_is_not_the_window_of_next(engine: Engine) -> None:
    q = "Vi har lige haft vinterferie og nu skal jeg have styr på foråret. Hvornår er næste workshop i Odense?"
    a = engine.ask(q, project="voksenliv", today=dt.date(2024, 3, 1))
    assert a.answered and "maj 2024" in a.text, a.text


def test_an_abbreviation_question_in_every_word_order(engine: Engine) -> None:
    for q in ["hvad betyder forkortelsen SUSI", "hvad står SUSI for", "SUSI, hvad står det for"]:
        a = engine.ask(q, today=DAY)
        assert a.answered and "Strategi for Udvikling af den Sociale Indsats" in a.text, q


def test_a_half_year() -> None:
    w = find_window("hvad sker der i 2. halvår 2023", DAY, None)
    assert w is not None and (w.start, w.end) == (dt.date(2023, 7, 1), dt.date(2023, 12, 31))
    assert w.label == "2. halvår 2023"
    w = find_window("hvad sker der i første halvår", DAY, None)
    assert w is not None and (w.start, w.end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))


@pytest.mark.parametrize(
    "q, facts, absent",
    [
        ("Hvilket af de fem initiativer har det største budget?", ["31,4 mio", "0,9 mio"], []),
        ("Hvilket projekt er i screeningsfasen?", ["Screening af rusmiddelbehandling"], ["R&R2"]),
        ("Hvilke af initiativerne bliver ikke evalueret?", ["evalueres ikke", "R&R2"], []),
    ],
)
def test_a_question_about_all_projects_answers_for_each(
    engine: Engine, q: str, facts: list[str], absent: list[str]
) -> None:
    a = engine.ask(q, today=DAY)
    assert a.answered and all(f in a.text for f in facts), a.text
    assert not any(x in a.text for x in absent), a.text


def test_an_activity_only_another_project_has_is_not_offered_as_the_named_ones(
    engine: Engine,
) -> None:
    q = "Hvornår er modul 3 for vores praktikere i skolefraværsprojektet?"
    a = engine.ask(q, project="skolefravaer", today=DAY)
    assert not a.answered and "Bekymrende skolefravær" in a.text, a.text


@pytest.mark.parametrize(
    "q, project",
    [
        ("hvad står der i servicelovens § 85", "psykisk-misbrug"),
        ("hvad var deltagernes tilfredshed med modul 2a", "mestring-born"),
        ("hvad blev konklusionen i vidensnotatet", "rusmiddel-screening"),
        ("jeg kan ikke logge på teams, hvem kan hjælpe med min pc?", "voksenliv"),
        ("hvor mange borgere med ADHD har vi i vores kommune?", "rr2-adhd"),
        ("hvor stort et tilskud fik vores kommune fra puljen?", "udsatte-unge"),
        ("hvor mange kommuner er med i voksenliv", "voksenliv"),  # the sources give no count
        (
            "Jeg kan ikke åbne Word-skemaet på min kommune-pc, den siger fejl. Kan I hjælpe?",
            "voksenliv",
        ),
        ("hvem er min rådgiver i socialstyrelsen? navn", "voksenliv"),
        ("blev skolefraværsmodellen en succes", "skolefravaer"),
        ("Hvem er minister på området lige nu, og hvad mener hun om strategien?", None),
        ("Hvor mange kom der egentlig til opstartsmødet den 20. januar?", "mestring-born"),
        ("Hvad var svarprocenten på selvevalueringerne i 2023?", "voksenliv"),
        ("Hvem er underviser på modul 3?", "mestring-born"),
        ("Hvad hedder Socialstyrelsens projektleder på voksenliv?", "voksenliv"),
        ("Hvad var skolefraværet i vores kommune sidste skoleår?", "skolefravaer"),
        (
            "Hvilken evaluator blev valgt i projektet om psykiske vanskeligheder og misbrug?",
            "psykisk-misbrug",
        ),
        ("Hvornår udkommer den næste opdatering af drejebogen?", None),
        ("Hvad var skolefraværet for anbragte børn i skoleåret 2019/2020?", "skolefravaer"),
        ("Hvor mange unge var stoffri 12 måneder efter indskrivning i MOVE?", "rusmiddel-screening"),
        ("Hvor mange timer varer uddannelsesprogrammet for medarbejderne?", "psykisk-misbrug"),
        ("Hvad koster det at få en R&R2 træner certificeret?", "rr2-adhd"),
        ("hvad hedder VIVE-evaluatoren på mestringsprojektet", "mestring-born"),
        ("Hvor gamle skal børnene være for at komme med i gruppeforløbet?", "mestring-born"),
        ("Hvor mange kommuner skal deltage i en afprøvningsfase?", None),
        ("Kan projektet forlænges ind i 2025 hvis vi ikke er færdige?", "voksenliv"),
        ("Hvilke indsatser anbefaler vidensnotatet om rusmiddelbehandling?", "rusmiddel-screening"),
        ("Hvor mange deltagere var med da R&R2 blev afprøvet i Lolland?", "rr2-adhd"),
        ("hvem underviser på modul 1 på internatet?", "mestring-born"),
        ("hvor mange kommuner er med i voksenlivsprojektet", "voksenliv"),  # a year counts nothing
        ("Hvem er den eksterne evaluator på misbrugsprojektet, og hvordan kontakter jeg dem?", "psykisk-misbrug"),
        ("Hvornaar starter afprøvningsfasen for voksenlivsindsatsen?", "voksenliv"),
        ("Hvad hedder den eksterne leverandør der evaluerer ungeprojektet?", "udsatte-unge"),
        ("hvor mange af pengene har vi brugt indtil videre i botilbudsprojektet?", "psykisk-misbrug"),
        ("hvad koster det os at sende en medarbejder på R&R2 træneruddannelsen?", "rr2-adhd"),
        ("hvordan melder jeg mig syg til i morgen?", "psykisk-misbrug"),
        ("hvornår på dagen slutter kursusdagen d. 15. marts?", "mestring-born"),
        # a month the schema is sent out is no deadline
        ("hvad er fristen for at aflevere selvevalueringen for 3. kvartal 2023?", "voksenliv"),
        ("hvornår er der efterårsferie i år?", "skolefravaer"),
        ("hvad koster det at få uddannet én R&R2-træner?", "rr2-adhd"),
        ("hvad aftalte min forgænger med socialstyrelsen på det lokale opstartsmøde?", "voksenliv"),
        # near misses: a year the budget table does not cover, a price, a day the sources
        # don't give, how it went, names, a platform, catering the sources don't mention,
        # and a year after the project
        ("hvad var budgettet i 2019 for R&R2?", "rr2-adhd"),
        ("hvad er budgettet for udsatte unge initiativet i 2024?", "udsatte-unge"),
        ("hvad koster en screeningsfase typisk i kroner?", None),
        ("hvilken dato præcis er modningsforum 2?", "mestring-born"),
        ("gik modningsforum 1 godt, var det en succes?", "mestring-born"),
        ("hvad hedder de to evalueringsmedarbejdere der kommer på casebesøg?", "voksenliv"),
        ("hvilken ekstern leverandør fik opgaven med screeningen?", "rusmiddel-screening"),
        ("skal vi bruge teams eller zoom til det virtuelle opstartsmøde?", "voksenliv"),
        ("hvem sørger for kaffe og forplejning til det lokale opstartsmøde hos os?", "voksenliv"),
        ("er der også en afslutningsworkshop i 2025?", "voksenliv"),
        ("har du en god opskrift på boller til næste teammøde?", "voksenliv"),
        ("hvor mange samtaler er der i et MOVE forløb?", "rusmiddel-screening"),
        ("hvem er den eksterne leverandør der laver screeningen?", None),
        ("hvem sidder i skolefraværsteamet i vejle kommune?", "skolefravaer"),
        ("hvor mange af de unge i målgruppen er under 18?", "udsatte-unge"),
        ("har du et link til teams-mødet?", "voksenliv"),
        ("skal vi selv betale for overnatningen på internatet til modul 1?", "mestring-born"),
        ("hvilke kommuner endte med at få penge fra puljen i ungeprojektet?", "udsatte-unge"),
        ("hvad står der præcist i ansøgningsvejledningen til skolefraværspuljen?", "skolefravaer"),
        ("hvilket mødelokale på Edisonsvej er opstartsmødet i", "mestring-born"),
        # results, which a plan does not know
        ("hvor meget er fraværet faldet i kommunerne indtil videre?", "skolefravaer"),
        ("hvilke resultater viste evalueringen af version 1?", "mestring-born"),
        ("hvad var de præcise effekttal fra kommunerne?", "rr2-adhd"),
        ("hvor mange undervisningstimer har uddannelsen?", "psykisk-misbrug"),
        ("hvad får en R&R2 træner i løn?", "rr2-adhd"),
        ("hvad koster det for os at få uddannet en R&R2 træner?", "rr2-adhd"),
        ("hvad skal en kommune betale for at komme med i udbredelsesfasen?", None),
        ("hvor stort er gavekortet i MOVE?", None),
        ("hvilke fire kommuner er med i partnerskabet om recoveryorienteret rehabilitering?", None),
        ("i hvilken by holdes YBP-workshoppen?", "rr2-adhd"),
        ("holder forløbene pause i sommerferien?", "mestring-born"),
        ("hvornår holder I juleferie?", "voksenliv"),
        ("hvor mange sessioner eller uger varer et R&R2 forløb?", "rr2-adhd"),
        # the next of a kind of activity the project does not have
        ("hvornår er næste netværksmøde i skolefraværsprojektet?", "skolefravaer"),
        ("hvornår er næste workshop for kommunerne?", "udsatte-unge"),
        ("hvem er evaluator på projektet?", "psykisk-misbrug"),
        ("kommer der snart en ny udgave af drejebogen?", None),
        ("hvordan gik det med det første forløb med familierne?", "mestring-born"),
        ("hvor mange timer om måneden skal vi afsætte til sparringen?", "mestring-born"),
        # counts of people the sources don't give, a length not given, a room
        ("hvor mange elever er med i indsatsen hos os?", "skolefravaer"),
        ("hvor mange unge præcis skal vi rekruttere til interview ved casebesøget?", "voksenliv"),
        ("hvem udfører servicetjekket og hvor lang tid tager det?", "udsatte-unge"),
        ("hvor mange sessioner er der i et R&R2 forløb?", "rr2-adhd"),
        ("hvor mange af de unge var stadig stoffri efter 2 år?", "rusmiddel-screening"),
        ("hvilke private aktører er kommet med i udbredelsen?", "rr2-adhd"),
        ("hvordan gik den første modningsworkshop?", "voksenliv"),
        ("hvilket lokale er kursusdagen i marts i?", "mestring-born"),
        ("holder vi pause med modningsarbejdet i skolernes sommerferie?", "skolefravaer"),
        ("hvilke skoler i vores kommune skal være med i skolefraværsteamet?", "skolefravaer"),
        ("hvor mange unge var i alt med i MOVE-afprøvningen?", "rusmiddel-screening"),
        ("hvordan gik den første kursusdag?", "mestring-born"),
        # a list of something else is no answer to who got what
        ("hvilke kommuner fik implementeringsstøtte i den første udmelding?", "rr2-adhd"),
        ("hvad hedder personen der faciliterer netværket?", "voksenliv"),
        ("hvordan gik casebesøget hos os?", "voksenliv"),
        ("hvor kan jeg downloade vidensnotatet?", "rusmiddel-screening"),
        # a count must count what is asked; "ca. 10 sessioner" counts no families
        ("hvor mange familier skal vi rekruttere til hvert forløb?", "mestring-born"),
        ("hvor mange screeninger sætter socialstyrelsen i gang om året?", None),
        # how often something the sources only suggest meets
        ("hvor ofte skal skolefraværsteamet holde møde?", "skolefravaer"),
        ("hvad koster det en kommune at bidrage til screeningen?", "rusmiddel-screening"),
        ("hvor meget har vores botilbud fået bevilget?", "psykisk-misbrug"),
        ("jeg kan ikke komme på teams til netværksmødet", "voksenliv"),
        ("hvilket nummer ringer de fra til interviewet?", "voksenliv"),
        ("hvilke resultater fik Lolland med R&R2?", "rr2-adhd"),
        ("hvordan gik modningsforum 1?", "mestring-born"),
        ("hvornår har eleverne efterårsferie?", "skolefravaer"),
        ("teams virker ikke til netværksmødet, hvem kan hjælpe?", "voksenliv"),
        ("hvem fra VIVE er vores evaluator?", "mestring-born"),
        ("hvem hos Danmarks Statistik kan jeg kontakte om cpr data?", "rr2-adhd"),
        ("blev indsatsen sendt videre til afprøvning efter modningen?", "psykisk-misbrug"),
        ("hvornår slutter modul 3 om eftermiddagen?", "mestring-born"),
        ("hvilke datoer ligger sparringsmøderne?", "mestring-born"),
        ("hvor mange penge kan et enkelt botilbud højst søge?", "psykisk-misbrug"),
        # a limit asked where the sources give none
        ("hvor mange børn må der højst være i hver gruppe?", "mestring-born"),
        ("hvad er den præcise dato for modningsforum 1?", "mestring-born"),
        ("hvordan gik servicetjekket i vores kommune?", "udsatte-unge"),
        ("hvilke kommuner er med i udbredelsen af R&R2 nu?", "rr2-adhd"),
        # another project's workshop is no answer for one's own, unless the question names it
        ("hvem skal sørge for lokale og mad?", "udsatte-unge"),
        ("hvor mange indsatser er der i SUSI porteføljen i dag?", None),
        ("hvad hedder den fra socialstyrelsen der ringer mig op til telefonmødet?", "voksenliv"),
        ("hvor mange modningsprojekter er der i gang under strategien lige nu?", None),
        # none of the workshops has an address: nothing is answered, however much is said
        ("hvad er adressen på afslutningsworkshoppen, hvilken bygning?", "voksenliv"),
        ("hvem ringer mig op til interviewet? navn og tlf nr tak", "voksenliv"),
        ("hvad skal kommunen selv betale for at være med?", "skolefravaer"),
        ("hvor mange projekter er i modningsfasen lige nu?", None),
        ("hvornår kommer næste opdaterede udgave af drejebogen?", None),
        # a name asked with "tak" after it; a unit price for buying more
        ("hvem fra socialstyrelsen står for netværket? navn tak", "voksenliv"),
        ("hvad koster en ekstra manual, hvis vi vil købe flere?", "rr2-adhd"),
        # a national estimate is no count for one's own place; no next edition is planned
        ("hvor mange på vores eget botilbud har et misbrug?", "psykisk-misbrug"),
        ("hvornår bliver drejebogen opdateret igen?", None),
        ("hvad kl begynder opstartsmødet?", "mestring-born"),
        ("hvem ringer mig op til telefonmødet, hvad hedder vedkommende?", "voksenliv"),
        ("hvor stort et tilskud får vores kommune?", "udsatte-unge"),
        # a passage that names no one does not say who
        ("hvem står for servicetjekket?", "udsatte-unge"),
        # … also when the answer comes from another project, under its "(Projekt: …)" note
        ("hvem står for servicetjekket?", "mestring-born"),
        # where asked beside when, of an activity with no place; a course's length, not its span
        ("hvornår og hvor er workshoppen i YBP?", "rr2-adhd"),
        ("hvor mange dage varer uddannelsen af trænere?", "rr2-adhd"),
        # "ca. 10 sessioner med børnene" counts sessions, not children
        ("hvor mange børn er der i en gruppe?", "mestring-born"),
        # a team the sources give no meetings
        ("hvornår mødes implementeringsteamet næste gang?", "psykisk-misbrug"),
        # a figure of today where the sources give one year's; the portfolio's record
        ("hvad er fraværet for anbragte børn i dag?", "skolefravaer"),
        ("hvor mange procent af modningsprojekterne kommer videre?", None),
        ("hvornår ligger efterårsferien?", "skolefravaer"),
        ("hvor meget får vi til at ansætte en koordinator?", "skolefravaer"),
        ("hvordan gik evalueringen, var resultaterne gode?", "skolefravaer"),
        ("hvem blev valgt som leverandør?", "rusmiddel-screening"),
        # a figure for a group the sources give none for, or not at the time asked
        ("hvad var fraværet for børn med ADHD?", "skolefravaer"),
        ("hvor mange af de unge med komplekse problemer var stoffri efter 21 mdr?", "rusmiddel-screening"),
        # a receiver the budget has no post for; money spent so far; a list's next edition
        ("hvor mange penge går til civilsamfundet?", "skolefravaer"),
        ("hvor meget af budgettet er brugt indtil videre?", "udsatte-unge"),
        ("hvornår kommer der en ny udgave af listerne over måleredskaber?", None),
        ("hvem skal jeg ringe til hvis jeg ikke kan komme ind på mødet?", "voksenliv"),
        ("hvor mange unge i målgruppen er der i hele landet?", "udsatte-unge"),
        ("hvem har oprindeligt udviklet MOVE?", "rusmiddel-screening"),
        ("hvad skal vi spise på kursusdagen?", "mestring-born"),
        ("hvem er den eksterne evaluator?", "udsatte-unge"),
        ("hvem er de eksterne undervisere på kompetenceforløbet?", "udsatte-unge"),
        ("hvordan gik det første fælles modningsforum?", "mestring-born"),
        ("hvad konkluderer vidensnotatet om MOVE?", "rusmiddel-screening"),
        # money per place, however it is said
        ("hvor mange penge kan det enkelte botilbud få?", "psykisk-misbrug"),
        ("hvor mange penge fik hver af de deltagende kommuner?", "skolefravaer"),
        # an example's own phase, results, holidays, people and editions to come
        ("hvor lang tid varede modningsfasen for MOVE?", None),
        ("hvad kom vidensnotatet frem til?", "rusmiddel-screening"),
        ("mødes teamet også i sommerferien?", "skolefravaer"),
        ("hvem i socialstyrelsen skriver SUSI-vurderingen?", None),
        ("hvad hedder ministeren?", None),
        ("hvornår kommer der en ny opdateret udgave af drejebogen?", None),
        ("hvilket it-system skal vi bruge?", None),
        ("hvad koster det at sende en borger på et forløb?", "rr2-adhd"),
        ("besluttede styregruppen at gå videre?", "rusmiddel-screening"),
        ("hvor meget kan det enkelte botilbud søge fra puljen?", "psykisk-misbrug"),
        ("hvor mange penge får hvert enkelt botilbud?", "psykisk-misbrug"),
        ("hvor mange initiativer er der i SUSI-porteføljen?", None),
        ("hvad hedder hotellet hvor vi skal bo til modul 1?", "mestring-born"),
        ("hvad hedder evalueringsfolkene der kommer på besøg?", "voksenliv"),
        ("hvor mange kommuner har allerede meldt sig?", "skolefravaer"),
        ("hvor meget af puljen til STUK og STAR får STUK alene?", "udsatte-unge"),
        ("hvilke konkrete botilbud er med?", "psykisk-misbrug"),
        ("hvilke skoler deltager?", "skolefravaer"),
        ("hvem er chef for kontoret i Socialstyrelsen?", None),
        ("hvad er den præcise adresse på modningsworkshoppen?", "voksenliv"),
        ("hvad koster det at få uddannet og certificeret en træner?", "rr2-adhd"),
        ("hvad hedder de to fra Socialstyrelsen, der kommer på casebesøg?", "voksenliv"),
        ("hvor meget må frokosten til planlægningsworkshoppen koste?", "mestring-born"),
        ("hvad konkluderede UIP's styregruppe om screeningen?", "rusmiddel-screening"),
        ("hvor mange beboere skal hvert botilbud have med?", "psykisk-misbrug"),
        ("jeg er ved at bestille pizza, hvad koster det?", "rr2-adhd"),
        ("jeg har glemt mit password til portalen, hvem skal jeg kontakte?", None),
        ("hvem sidder der i UIP's faglige styregruppe?", "udsatte-unge"),
        ("hvad er skolefraværet for anbragte børn i dag?", "skolefravaer"),
        ("hvor stor var effekten i de tre kommuner?", "rr2-adhd"),
        ("hvilket screeningsredskab skal vi bruge til at opspore fravær?", "skolefravaer"),
        ("jeg ligger med feber, må jeg melde fra til workshoppen?", "voksenliv"),
        ("hvor mange må vi højst tage med til modningsforum?", "mestring-born"),
        ("kender I datoerne for de virtuelle sparringsmøder?", "mestring-born"),
        ("hvor lang tid tager en pilotafprøvning?", None),
        ("hvor store var effekterne i de tre kommuner i tal?", "rr2-adhd"),
        ("hvilket spor hører vores projekt til?", "skolefravaer"),
        ("er projektet i spor 1?", "mestring-born"),
        ("hvad koster det per elev at være med?", "skolefravaer"),
        ("hvornår er modul 1 slut den 10. februar?", "mestring-born"),
        ("hvor længe varer hvert af sparringsmøderne?", "mestring-born"),
        ("hvordan får jeg zoom til at virke på min mobil?", "voksenliv"),
        ("hvor mange kommuner har søgt om at være med i skolefraværsprojektet?", "skolefravaer"),
        ("hvor meget får kommunerne for at hjælpe med screeningen?", "rusmiddel-screening"),
        ("hvor meget af pengene til evaluator går til selve slutrapporten?", "udsatte-unge"),
        ("hvad er prisen pr. familie?", "mestring-born"),
    ],
)
def test_what_the_descriptions_do_not_say_is_declined(
    engine: Engine, q: str, project: str | None
) -> None:
    assert not engine.ask(q, project=project, today=DAY).answered


@pytest.mark.parametrize(
    "q, project, today, facts",
    [
        ("hvad består monitoreringen i udbredelsesfasen af", None, DAY, ["aktivitetsanalyse"]),
        # a phase described; the phase it leads to is not the one described
        (
            "hvor længe varer fasen hvor kommunerne gør indsatsen færdig og klar til afprøvning?",
            None,
            DAY,
            ["2 til 4 år"],
        ),
        (
            "den fase hvor man tester om det virker, fx med kontrolgruppe – hvor længe varer den?",
            None,
            DAY,
            ["3 og 5 år"],
        ),
        # "om hvad der driver …" describes the form; "hvem …" asks
        (
            "det skema vi udfylder hvert kvartal om hvad der driver og bremser arbejdet – "
            "hvem udfylder det med projektlederen?",
            "voksenliv",
            DAY,
            ["nøglepersoner"],
        ),
        # "godkendes" meets "godkendt"
        (
            "skal projektsamarbejdet godkendes af en chef, og på hvilket niveau?",
            "psykisk-misbrug",
            DAY,
            ["centerchefniveau"],
        ),
        # "virtuelle" after "hvor mange" says what is counted, not asks the format
        ("hvor mange virtuelle sparringsmøder skal vi sætte tid af til?", "mestring-born", DAY, ["6-8"]),
        ("hvilke fagområder skal arbejde sammen i modellen?", "skolefravaer", DAY, ["PPR"]),
        ("hvad er den samlede pengesum til projektet?", "skolefravaer", DAY, ["23,0 mio"]),
        (
            "hvad hedder det digitale værktøj der skal udvikles til henvisning?",
            "rr2-adhd",
            DAY,
            ["henvisningsredskab"],
        ),
        ("i hvilke kommuner blev metoden afprøvet før?", "rr2-adhd", DAY, ["Odense"]),
        # a budget post named in other forms of its words ("eksterne … evaluere")
        ("hvor meget får den eksterne der skal evaluere og følge op?", "udsatte-unge", DAY, ["4,4 mio"]),
        ("hvor lang tid varer den indledende fase med vidensafdækning?", None, DAY, ["1 år"]),
        ("forventer man færre indberetninger om fravær?", "skolefravaer", DAY, ["reduceres"]),
        # "sorge" is "sørge" typed without ø
        ("hvem skal sorge for lokale og mad til planlægningsworkshoppen?", "mestring-born", DAY,
         ["forplejning"]),
        # "STUK og STAR" is the post of "de to andre styrelser"
        ("hvor stor er posten til de to andre styrelser?", "udsatte-unge", DAY, ["0,8 mio"]),
        ("hvor lang tid løber screeningsprojektet?", "rusmiddel-screening", DAY, ["1-årigt"]),
        ("hvornår bliver kontrakten med leverandøren skrevet under?", "rusmiddel-screening", DAY,
         ["1. kvartal 2020"]),
        ("hvad hedder banen for indsatser der kan udføres ens?", None, DAY, ["spor 1"]),
        ("hvor ofte er der netværksmøde?", "voksenliv", DAY, ["måned"]),
        ("hvad er vi i gang med i projektet lige nu?", "rr2-adhd", dt.date(2022, 11, 15),
         ["erfaringsopsamling"]),
        # the closing workshop is in Odense too: "workshoppen i Odense" is whichever comes next
        ("hvornår er næste workshop i odense?", "voksenliv", dt.date(2024, 9, 20), ["november 2024"]),
        ("hvor mange penge får den eksterne evaluator?", "udsatte-unge", DAY, ["4,4 mio"]),
        ("hvad er det der sker i projektet nu?", "rr2-adhd", dt.date(2022, 11, 14),
         ["erfaringsopsamling"]),
        # the years of something the project builds on, not the project's own period
        ("hvilke år kørte metodeprogrammet for stofmisbrugsbehandling?", "rusmiddel-screening",
         DAY, ["2014-2018"]),
        # "fraværs-" ends the project's name "skolefravær"
        ("hvor stor er puljen i fraværsprojektet?", "skolefravaer", DAY, ["13,1 mio"]),
        # a year before the project that its background speaks of
        ("fravær for anbragte børn i 2015/2016?", "skolefravaer", DAY, ["6,6 pct"]),
        # a thing named by its description: the passage that holds all of it
        ("hvad kalder man socialstyrelsens vurdering af om kriterierne for næste fase er opfyldt?",
         None, DAY, ["SUSI-vurdering"]),
        ("kan du nævne nogle af kerneelementerne i indsatsen?", "psykisk-misbrug", DAY,
         ["peerstøtte"]),
        ("hvilke hovedkriterier skal være opfyldt for at gå fra screening til modning?", None, DAY,
         ["velbegrundet"]),
        ("hvem er målgruppen helt præcist?", "psykisk-misbrug", DAY, ["18 år"]),
        ("hvornår bliver puljen til kommunerne delt ud?", "skolefravaer", DAY, ["4. kvartal 2020"]),
        ("hvad kaldes fasen hvor indsatsen spredes ud til alle kommuner?", None, DAY,
         ["Udbredelsesfasen"]),
        ("den seance med spørgsmål og svar om dataindsamlingen, hvor lang tid tager den?",
         "voksenliv", DAY, ["1½ time"]),
        # "modul 3. hvornår …" ends a sentence; it asks no third opsamling
        ("vi har lige haft modul 3. hvornår er næste lokale opsamling af erfaringer?",
         "mestring-born", dt.date(2022, 12, 1), ["maj 2023"]),
        ("på hvilket ledelsesniveau skal samarbejdet være godkendt?", "psykisk-misbrug", DAY,
         ["centerchefniveau"]),
        ("får vi hjælp til jura omkring deling af personoplysninger?", "udsatte-unge", DAY,
         ["juridisk bistand"]),
        # "drejebogen" says where it is said, not what is asked
        ("hvad kalder drejebogen de byggeklodser der får en indsats til at virke?", None, DAY,
         ["Kerneelementer"]),
        ("er målgruppen afgrænset til bestemte diagnoser?", "psykisk-misbrug", DAY, ["diagnostiske"]),
        ("hvad hedder værktøjet til at regne de budgetøkonomiske konsekvenser ud?", None, DAY,
         ["SØM"]),
        # a strategy phase described by what happens in it
        ("den fase hvor man tester om det virker, hvor mange år tager den?", None, DAY, ["3 og 5 år"]),
        ("hvad skal være i orden før en indsats må rulles ud?", None, DAY, ["positiv effekt"]),
        ("hvor lang tid tager den fase hvor indsatsen bliver modnet?", "voksenliv", DAY, ["2 til 4 år"]),
        # the project's name in a compound is the project, not a word to find
        ("hvornår starter kommunerne op i skolefraværsprojektet?", "skolefravaer", DAY, ["1. kvartal"]),
        ("hvilke børn er der særlig fokus på i skolefraværsprojektet?", "skolefravaer", DAY, ["ADHD"]),
        # a strategy topic's own phases, though the project has an activity of that name
        (
            "hvilke faser er der i socialstyrelsens implementeringsstøtte i udbredelsen",
            "rr2-adhd",
            DAY,
            ["forankringsfasen"],
        ),
        ("hvad er det vigtigste der skal komme ud af screeningen", "rusmiddel-screening", DAY, ["vidensnotat"]),
        ("bliver adhd-udbredelsen evalueret af nogen udefra?", "rr2-adhd", DAY, ["evalueres ikke"]),
        ("Hvad er pointen med modningsforum 1?", "mestring-born", DAY, ["version 2"]),
        ("hvad mener de egentlig med kerneelementer?", None, DAY, ["byggeklodser"]),
        # a description of a meeting by who comes and where
        ("hej, hvor er det de der fællesdage med alle de andre kommuner bliver holdt henne?", "voksenliv", DAY, ["Odense"]),
        ("dem der kommer ud og interviewer os, hvor mange er de?", "voksenliv", DAY, ["to evalueringsmedarbejdere"]),
        ("hvad er det samlede budget for botilbudsprojektet?", None, DAY, ["31,4 mio"]),
        ("hvilken behandlingsmetode bygger screeningen videre på?", "rusmiddel-screening", DAY, ["MOVE"]),
        # "hver af os" is per head, not how often
        ("hvor mange trænere skal hver af os have uddannet?", "rr2-adhd", DAY, ["3-4"]),
        ("hvem sørger for forplejning til planlægningsworkshoppen", "mestring-born", DAY, ["Kommunen står for"]),
        ("hvilken dato er modul 2a", "mestring-born", DAY, ["15. marts 2022"]),
        ("Hvor gammel skal man være for at være med i R&R2 ADHD?", "rr2-adhd", DAY, ["16 år"]),
        ("hvad bygger vidensnotatet på af kilder?", "rusmiddel-screening", DAY, ["litteraturen"]),
        ("hvad er programmet for opstartsmødet?", "mestring-born", DAY, ["Præsentation"]),
        ("har du et link til selve strategien?", None, DAY, ["https://sm.dk/"]),
        ("hvilken fase i strategien er ungeprojektet i?", None, DAY, ["modningsfasen"]),
        ("hvor mange gange mødes børnene i gruppen ca?", "mestring-born", DAY, ["10 sessioner"]),
        ("hvilke andre styrelser end socialstyrelsen er med i udsatte unge?", "udsatte-unge", DAY, ["STUK"]),
        ("Får vi en fast person fra Socialstyrelsen vi kan sparre med hele vejen igennem?", "voksenliv", DAY, ["fast rådgiver"]),
        # "næste fase" is the phase after, not the next date
        (
            "hvem vurderer om et projekt kan gå videre til næste fase, og hvad hedder den vurdering?",
            "skolefravaer",
            DAY,
            ["SUSI-vurdering"],
        ),
        # the meaning asked, not the project's list of them
        ("hvad er kerneelementer egentlig", "skolefravaer", DAY, ["byggeklodser"]),
        (
            "naar en indsats skal spredes ud, hvad er de tre trin i socialstyrelsens implementeringsstøtte?",
            None,
            DAY,
            ["forankringsfasen"],
        ),
        ("hvor lang tid skal jeg saette af til det lille intro-opkald i starten", "voksenliv", DAY, ["½-1 time"]),
        ("Hvor bliver modningsworkshopsene holdt henne? skal vi til kbh?", "voksenliv", DAY, ["Odense"]),
        ("hvilken af strategiens faser er R&R2-projektet i?", None, DAY, ["udbredelsesfasen"]),
        (
            "den allerførste fase i strategien, hvor man undersøger hvad der findes af viden, hvor lang tid tager den?",
            None,
            DAY,
            ["op til 1 år"],
        ),
        ("hvornår skal vi samle op paa erfaringerne efter første runde", "mestring-born", DAY, ["august 2022"]),
        (
            "hvad hedder de tre perioder som voksenlivs-projektet er delt op i, noget med for-..?",
            None,
            DAY,
            ["Forandring", "Forankring"],
        ),
        (
            "Hvad skal vi have klar efter sommerferien? Tænker på de fysiske aktiviteter resten af året",
            "voksenliv",
            dt.date(2024, 6, 20),
            ["Casebesøg 2", "november 2024"],
        ),
        ("min forgænger nævnte en midtvejsrapport, hvad er det?", "voksenliv", DAY, ["midtvejsrapport"]),
        ("implementeringsstøtten i udbredelsen er delt i tre faser, hvad hedder de?", None, DAY, ["forankringsfasen"]),
        ("hvilke unge er det egentlig vi skal arbejde med – aldersmæssigt?", "udsatte-unge", DAY, ["25 år"]),
        # a quarter asked about is what happens then, not that year's budget
        ("hvad sker der til sidst i projektet, i 4. kvartal 2022?", "rr2-adhd", DAY, ["erfaringsopsamling"]),
        ("var der ikke noget med peer-noget i kerneelementerne?", "psykisk-misbrug", DAY, ["peerstøtte"]),
        # a month without a year, asked after the project: the month of the project that has it
        (
            "det kursus vi skal på i odense i februar, hvilke datoer er det præcis?",
            "mestring-born",
            dt.date(2026, 12, 2),
            ["10. februar 2022"],
        ),
        (
            "Vi er i tvivl om deling af personfølsomme oplysninger mellem forvaltningerne. Er der hjælp at hente?",
            "udsatte-unge",
            DAY,
            ["juridisk bistand"],
        ),
        ("Hvilke andre styrelser end Socialstyrelsen er med i ungeprojektet?", "udsatte-unge", DAY, ["STAR", "STUK"]),
        ("hvad er næste milepæl i tidsplanen?", "udsatte-unge", dt.date(2022, 1, 15), ["Servicetjek"]),
        # the timetable is over: what came last
        ("hvad er det næste i tidsplanen", "udsatte-unge", dt.date(2024, 3, 1), ["4. kvartal 2023"]),
        # "med evalueringen" names the interview; when and how long are asked
        ("opstartsinterview med evalueringen, hvornår og hvor længe?", "voksenliv", DAY, ["halv time", "februar 2023"]),
        ("Hvad skal evalueringsrapporten i slutningen af modningsfasen indeholde?", "mestring-born", DAY, ["omkostningsvurdering"]),
        (
            "Ift casebesøget: hvad skal jeg sørge for, og hvor lang tid varer dagen?",
            "voksenliv",
            DAY,
            ["egnede lokaler", "hel dag"],
        ),
        ("hvad kræves der før en indsats kan gå videre til udbredelse?", None, DAY, ["Kriterier"]),
        ("hvad skal der typisk komme ud af en screeningsfase?", None, DAY, ["prototype"]),
        ("hvor længe varer udbredelsesfasen som regel?", "rr2-adhd", DAY, ["2 år"]),
        (
            "hvor meget har socialstyrelsen selv til skolefravær-initiativet",
            "skolefravaer",
            DAY,
            ["5,7 mio"],
        ),
        ("ansøgningspulje skolefravær hvor meget", "skolefravaer", DAY, ["13,1 mio"]),
        ("hvor mange år løber skolefraværsinitiativet?", "skolefravaer", DAY, ["4-årigt"]),
        ("skal vi oprette et særligt team på vores bosted?", "psykisk-misbrug", DAY, ["team"]),
        (
            "hvilke klassetrin handler projektet om? er det kun udskolingen",
            "skolefravaer",
            DAY,
            ["10. klasse"],
        ),
        ("første modnings ws hvornaar", "voksenliv", DAY, ["marts 2023"]),
        ("hvem kommer på casebesøg fra sst", "voksenliv", DAY, ["evalueringsmedarbejdere"]),
        ("SUSI hvad star det for", None, DAY, ["Strategi for Udvikling af den Sociale Indsats"]),
        ("kerneelementer skolefravaer model", "skolefravaer", DAY, ["opsporing", "udredning"]),
        (
            "Hvad er de fire byggesten i modellen for skolefravær?",
            "skolefravaer",
            DAY,
            ["opsporing"],
        ),
        (
            "hvornår er opstartsfasen og modningsfasen i mestringsprojektet",
            "mestring-born",
            DAY,
            ["januar–marts 2022", "april 2022–november 2023"],
        ),
        ("modningsfase periode mestring", "mestring-born", DAY, ["april 2022–november 2023"]),
        ("faser i SUSI", None, DAY, ["Modningsfase", "Udbredelsesfase"]),
        ("fase og varighed", "psykisk-misbrug", DAY, ["modningsfase", "3-årigt"]),
        ("pulje skolefravær vs udsatte unge", None, DAY, ["13,1 mio", "13,5 mio"]),
        ("hvor mange aktører skal have rr2", "rr2-adhd", DAY, ["10-18"]),
        (
            "Min kollega siger at den anden modningsworkshop ligger i september 2023, men jeg har skrevet august i vores kalender. Hvem har ret?",
            "voksenliv",
            DAY,
            ["august 2023", "september 2023"],
        ),
        (
            "Når I kommer på casebesøg, hvor lang tid skal vi afsætte, og hvor mange af jer kommer?",
            "voksenliv",
            DAY,
            ["hel dag", "To evalueringsmedarbejdere"],
        ),
        (
            "Hvornår er det planen at selve indsatsen sættes i gang ude hos os i kommunerne?",
            "udsatte-unge",
            DAY,
            ["4. kvartal 2021"],
        ),
        (
            "hvornår er den allerførste af de der heldags-workshops hvor alle kommunerne er samlet?",
            "voksenliv",
            DAY,
            ["marts 2023"],
        ),
        (
            "Hvad forventes der af os fagfolk i forhold til evalueringen? Er det spørgeskemaer vi skal udfylde?",
            "voksenliv",
            DAY,
            ["spørgeskemaer"],
        ),
        (
            "Får vi en bestemt person hos Socialstyrelsen vi kan ringe til hele vejen igennem?",
            "voksenliv",
            DAY,
            ["fast rådgiver"],
        ),
        (
            "Er der nogle bestemte grupper af børn man især kigger på i skolefraværsprojektet?",
            "skolefravaer",
            DAY,
            ["autisme"],
        ),
        (
            "I hvilken fase bliver det afgjort om en indsats skal i spor 1 eller spor 2?",
            None,
            DAY,
            ["screeningsfasen"],
        ),
        (
            "naeste tvaerkommunale workshop efter nytaar?",
            "voksenliv",
            dt.date(2024, 1, 15),
            ["maj 2024"],
        ),
        (
            "hvor mange modningsworkshops er der i alt og hvor holdes de",
            "voksenliv",
            DAY,
            ["tre", "Odense"],
        ),
        (
            "Hvor højt var fraværet for anbragte børn og for børn med autisme i 2015/2016?",
            "skolefravaer",
            DAY,
            ["6,6", "9,7"],
        ),
        (
            "skal vi lave refleksionsskema i næste kvartal, og hvilken måned i så fald?",
            "voksenliv",
            dt.date(2023, 12, 1),
            ["februar 2024"],
        ),
        (
            "Hvad mener de med kerneelementer? det ord bliver brugt hele tiden",
            "mestring-born",
            DAY,
            ["byggeklodser"],
        ),
        (
            "hvor lang tid tager en screeningsfase normalt i strategien – altså generelt, ikke kun vores projekt?",
            "rusmiddel-screening",
            DAY,
            ["1 år"],
        ),
        (
            "hvordan afleverer vi selvevalueringsskemaet? upload et sted?",
            "voksenliv",
            DAY,
            ["mail"],
        ),
        # money asked for with "bevilling", "hvad får X", "hvor meget til X"
        ("hvad får den eksterne leverandør i skolefraværsprojektet?", "skolefravaer", DAY, ["3,9 mio"]),
        ("hvor stor er bevillingen i 2021?", "skolefravaer", DAY, ["3,3"]),
        ("hvor meget til socialstyrelsens implementeringsstøtte", "rr2-adhd", DAY, ["4,9 mio"]),
        # time set aside is no budget
        ("hvor lang tid er der sat af til Q&A'en om dataindsamlingen?", "voksenliv", DAY, ["1½ time"]),
        # the project's own phases, not another project's overview
        ("i hvilke faser er aktiviteterne delt op?", "voksenliv", DAY, ["Forberedelse"]),
        # words that only set the scene: "i forvejen", "haft", "bag"
        ("hvilke kommuner har brugt R&R2 i forvejen", "rr2-adhd", DAY, ["Lolland"]),
        (
            "siden hvornår har kommunerne haft ansvaret for at gøre de unge parate til job",
            "udsatte-unge",
            DAY,
            ["1. august 2019"],
        ),
        ("er der et digitalt henvisningsværktøj?", "rr2-adhd", DAY, ["elektronisk henvisningsredskab"]),
        ("hvad hedder eftersynet af kommunernes ungeindsatser", "udsatte-unge", DAY, ["Servicetjek"]),
        # how an activity is held tells two of the same name apart
        ("hvor lang tid varer det online opstartsmøde?", "voksenliv", DAY, ["3 timer"]),
        # a compound of a known word and a synonym ("fælles|arrangement") is understood
        (
            "hvornår er det næste fællesarrangement for alle kommunerne?",
            "voksenliv",
            dt.date(2024, 10, 1),
            ["afslutningsworkshop"],
        ),
        # "hvor mange" answered by an activity without a figure: a passage that counts
        ("hvor mange kommuner skal være med til at modne modellen?", "skolefravaer", DAY, ["2-4"]),
        ("hvor mange mennesker svarer målgruppen til på landsplan?", "psykisk-misbrug", DAY, ["4000"]),
        # "løber" asks the project's period; "selve", "både", "i stedet for" say nothing
        ("hvor lang tid løber screeningsinitiativet?", "rusmiddel-screening", DAY, ["1-årigt"]),
        (
            "hvornår går selve uddannelsen af personalet på bostederne i gang?",
            "psykisk-misbrug",
            DAY,
            ["1. kvartal 2021"],
        ),
        # "erfaringsworkshops" are workshops; "tværkommunale" alone names none of them
        (
            "hvor mange gange skal vi afsted til de fælles erfaringsworkshops?",
            "voksenliv",
            DAY,
            ["tre gange"],
        ),
        (
            "hvad er det næste tværkommunale arrangement i Odense?",
            "voksenliv",
            dt.date(2024, 9, 20),
            ["afslutningsworkshop"],
        ),
        ("hvornår kan vi forvente at se vidensnotatet?", "rusmiddel-screening", DAY, ["4. kvartal"]),
        # "skolefraværsmodellen" is the project's model, not a word to find
        ("hvilke områder skal samarbejde i skolefraværsmodellen?", "skolefravaer", DAY, ["PPR"]),
        # the file format of a form to fill in
        ("hvilket format kommer refleksionsskemaet i?", "voksenliv", DAY, ["word"]),
        # "selvevalueringsskemaet" is the activity, not the project's evaluation
        (
            "hvor tit skal vi sende selvevalueringsskemaet ind og hvordan?",
            "voksenliv",
            DAY,
            ["kvartal", "mail"],
        ),
        ("hvem skal sørge for lokaler når I kommer på casebesøg?", "voksenliv", DAY, ["egnede lokaler"]),
        # an activity's duration, also when the project is named too
        (
            "jeg er ny i voksenliv – hvor lang tid tager det indledende telefonmøde?",
            "voksenliv",
            DAY,
            ["½-1 time"],
        ),
        # "skal ... i vores kommune" asks what is required, not how it went
        ("hvor mange trænere skal vi have certificeret i vores kommune?", "rr2-adhd", DAY, ["3-4"]),
        # an activity described, not named, when nothing else answers
        (
            "hvor lang tid skal jeg sætte af til det korte hils-på-hinanden-møde med Socialstyrelsen?",
            "voksenliv",
            DAY,
            ["½-1 time"],
        ),
        ("hvornår er kursusdag 2a?", "mestring-born", DAY, ["15. marts 2022"]),
        # "tallene fra KL" asks no time of day
        ("hvor stort var fraværet for anbragte børn ifølge tallene fra KL?", "skolefravaer", DAY, ["6,6"]),
        ("hvor mange var stoffri 9 mdr efter de blev skrevet ind i MOVE?", "rusmiddel-screening", DAY, ["50 procent"]),
        # "hvert sted" is each site, not where; "programmet hvor man …" sets a scene
        ("hvor mange trænere forventes hvert sted at få uddannet?", "rr2-adhd", DAY, ["3-4"]),
        (
            "det ekstra individuelle program hvor man får en to-dages workshop - hvad hedder det?",
            "rr2-adhd",
            DAY,
            ["Young-Bramham"],
        ),
        # a practitioner's role is a word for them; "kursusdagen" is a course day
        ("jeg er pædagog og skal på modul 2a, hvilken dato er det?", "mestring-born", DAY, ["15. marts 2022"]),
        (
            "kursusdagen i marts for dem der skal køre grupperne, hvilken dato er den?",
            "mestring-born",
            DAY,
            ["15. marts 2022"],
        ),
        ("er udsatte unge i modnings- eller afprøvningsfasen?", "udsatte-unge", DAY, ["modningsfase"]),
        # "budget initiativet" written together is no misspelt "ungeinitiativet": the own budget
        ("samlet budget for initiativet?", "psykisk-misbrug", DAY, ["31,4 mio"]),
        # an activity described, when the first try finds no time, length or figure
        (
            "den faste online snak hvor projektlederne fra alle kommunerne udveksler erfaringer, "
            "hvor tit er den og hvor lang er den?",
            "voksenliv",
            DAY,
            ["en time", "måned"],
        ),
        ("hvad er tanken med indsatsen efter projektet?", "rr2-adhd", DAY, ["forankring"]),
        # "næste kursus" is whichever module comes next, not the first module alone
        (
            "hvornår skal praktikerne på kursus næste gang?",
            "mestring-born",
            dt.date(2022, 4, 1),
            ["12. maj 2022"],
        ),
        ("hvornår er næste kursus med internat?", "mestring-born", dt.date(2022, 4, 1), ["sidste"]),
        # what comes last in the timetable
        ("hvad er det sidste der sker i projektet?", "rr2-adhd", DAY, ["erfaringsopsamling"]),
        ("hvor meget af det får leverandøren?", "rusmiddel-screening", DAY, ["800.000"]),
        ("hvor meget beholder socialstyrelsen selv?", "rusmiddel-screening", DAY, ["100.000"]),
        ("hvad er budgettet ialt?", "skolefravaer", DAY, ["i alt"]),
        ("hvad består overvågningen i udbredelsen primært af?", None, DAY, ["aktivitetsanalyse"]),
        # an abbreviation spelt out: the one named, or the one in the project's name
        ("hvad står forkortelsen i metodens navn for?", "rr2-adhd", DAY, ["Rehabilitation"]),
        ("hvad står STAR for?", "udsatte-unge", DAY, ["Arbejdsmarked"]),
        # a program before the project is asked about, not the project's own period
        (
            "i hvilke år løb det tidligere program med behandlingsmetoden?",
            "rusmiddel-screening",
            DAY,
            ["2014-2018"],
        ),
        # a phase by its place is the project's own phase; "der hvor" asks no place
        (
            "hvad kaldes den sidste fase, der hvor det skal ind i driften?",
            "voksenliv",
            DAY,
            ["Forankring"],
        ),
        ("hvad hedder den første fase?", "mestring-born", DAY, ["Opstartsfase"]),
        # what is over sets the scene; what comes after is asked
        (
            "vi har lige haft modul 2a. hvornår er det næste modul?",
            "mestring-born",
            dt.date(2022, 4, 1),
            ["12. maj 2022"],
        ),
        (
            "vi er færdige med workshopperne nu, hvad er det næste fysiske på tværs af kommunerne?",
            "voksenliv",
            dt.date(2024, 9, 20),
            ["afslutningsworkshop"],
        ),
        ("hvormange praktikere skal deltage i kompetenceudviklingen?", "mestring-born", DAY, ["fire"]),
        ("hvad står R&R egentlig for?", "rr2-adhd", DAY, ["Reasoning & Rehabilitation, version 2"]),
        ("hvornår ligger vidensdokumentet klar?", "rusmiddel-screening", DAY, ["4. kvartal"]),
        ("hvornår er tjekket af ungeindsatserne?", "udsatte-unge", DAY, ["3. kvartal"]),
        ("hvad er minimumsalderen for borgerne?", "psykisk-misbrug", DAY, ["18 år"]),
        ("hvem skal med til de to fælles fora?", "mestring-born", DAY, ["ansvarlig leder"]),
        ("hvor mange gange bliver støtten slået op?", "rr2-adhd", DAY, ["tre udmeldinger"]),
        ("hvor stort var fraværet for børn med autisme?", "skolefravaer", DAY, ["9,7 pct"]),
        # what is left out, asked in the negative or as "også"
        ("hvad dækker screeningen ikke?", "rusmiddel-screening", DAY, ["samtalemetoder"]),
        ("ser screeningen også på samtalemetoder?", "rusmiddel-screening", DAY, ["MOVE"]),
        # the strategy's phase by its place, asked without a project
        ("hvor længe varer den første fase typisk?", None, DAY, ["1 år"]),
        ("hvor stor er ansøgnings puljen?", "psykisk-misbrug", DAY, ["20,0 mio"]),
        # an activity counted from the one it follows
        (
            "hvornår er den første kursusdag efter internatet?",
            "mestring-born",
            DAY,
            ["15. marts 2022"],
        ),
        ("hvornår er den anden kursusdag efter internatet?", "mestring-born", DAY, ["12. maj 2022"]),
        # the tracks compared: the figure's one line for each first
        ("hvad er forskellen på spor 1 og 2?", None, DAY, ["ensartet", "lokal variation"]),
        # quarters in words, and two quarters at once
        ("hvad sker der i tredje kvartal 2022?", "udsatte-unge", DAY, ["Servicetjek"]),
        (
            "hvad skal der ske i første og andet kvartal 2020?",
            "skolefravaer",
            DAY,
            ["vidensafdækning"],
        ),
        ("hvad sker der i sidste kvartal af 2022?", "rr2-adhd", DAY, ["erfaringsopsamling"]),
        ("hvor stor er størrelsen på puljen?", "skolefravaer", DAY, ["13,1 mio"]),
        ("hvem arbejder socialstyrelsen sammen med?", "udsatte-unge", DAY, ["STAR", "STUK"]),
        # a clause with its own question mark asks, though it starts with a noun
        (
            "afslutningsworkshoppen, er det en hel dag? og hvor er den?",
            "voksenliv",
            DAY,
            ["hel dag", "Odense"],
        ),
        # the start-up meeting described, though "kommer ud til os" sounds like a visit
        (
            "mødet hvor socialstyrelsen kommer ud til os og vi laver aftaler om de kommende "
            "aktiviteter – hvor lang tid tager det?",
            "voksenliv",
            DAY,
            ["2-3 timer"],
        ),
        (
            "den allerførste fase hvor man laver en første skitse af indsatsen – hvor lang tid tager den?",
            None,
            DAY,
            ["1 år"],
        ),
        # the project's own end, not its closing workshop
        ("hvornår er projektet helt slut?", "voksenliv", DAY, ["udgangen af 2024"]),
        ("hvor stor er puljen kommunerne kan søge?", "udsatte-unge", DAY, ["13,5 mio. kr."]),
        ("hvor mange penge går til evalueringen?", "skolefravaer", DAY, ["3,9 mio"]),
        ("hvornår blev listerne med måleredskaber udarbejdet?", None, DAY, ["2017"]),
        ("hvor mange spor har strategien?", None, DAY, ["to spor"]),
        (
            "hvad hedder de fire trin i strategien?",
            None,
            DAY,
            ["screeningsfase", "modningsfase", "afprøvningsfase", "udbredelsesfase"],
        ),
        ("hvad skal der ske i dette kvartal?", "udsatte-unge", dt.date(2022, 8, 15), ["Servicetjek"]),
        ("hvilket måleredskab bruger man til kriminalitet hos unge?", None, DAY, ["YLS-CMI"]),
        ("hvad bruger man til at måle forældrestress?", None, DAY, ["Parental Stress Scale"]),
        # said in the sentence after the term: "Der er tale om …"
        ("hvad er en SUSI-vurdering?", None, DAY, ["faglige vurdering"]),
        (
            "hvad er næste kursusmodul og hvornår?",
            "mestring-born",
            dt.date(2022, 3, 1),
            ["15. marts 2022"],
        ),
        # a season without a year: the year the modules have one then
        ("kursusmodulet i efteråret, hvilken dato?", "mestring-born", DAY, ["8. november 2022"]),
        ("hvad bliver gennemgået på opstartsmødet?", "mestring-born", DAY, ["version 1"]),
        ("er afslutningsworkshoppen kun en halv dag?", "voksenliv", DAY, ["hel dag"]),
        ("hvad afsluttes modningsfasen med?", None, DAY, ["SUSI-vurdering"]),
        ("hvad bygger vidensnotatet på?", "rusmiddel-screening", DAY, ["litteraturen", "praksisfeltet"]),
        (
            "hvornår er næste fælles modul for praktikerne?",
            "mestring-born",
            dt.date(2022, 6, 15),
            ["8. november 2022"],
        ),
        ("hvilken periode laber projektet over?", "skolefravaer", DAY, ["2020-2023"]),
        # a scene set first, with a word the spelling mender would have changed
        (
            "kontrakten er lige underskrevet, hvad sker der så nu?",
            "rusmiddel-screening",
            dt.date(2020, 5, 15),
            ["vidensnotat"],
        ),
        ("hvad var fraværet for anbragte børn i 15/16?", "skolefravaer", DAY, ["6,6 pct."]),
        # the passage that says when most precisely
        ("hvornår blev screeningen på området lavet?", "psykisk-misbrug", DAY, ["foråret 2019"]),
        ("hvor mange penge fik STUK?", "skolefravaer", DAY, ["Kvalitet: 0,3 mio. kr."]),
        ("de 2,5 mio., hvad går de til?", "rr2-adhd", DAY, ["Kompetenceudvikling"]),
        # what the note holds, not the milestone that names it
        ("hvad skal vidensnotatet indeholde?", "rusmiddel-screening", DAY, ["målgruppevurdering"]),
        (
            "hvad kommer der til sidst i projektet?",
            "skolefravaer",
            dt.date(2023, 10, 10),
            ["evalueringsrapport"],
        ),
        # "målet" is a goal, not "måle"
        ("hvad er målet for børnene på borgerniveau?", "skolefravaer", DAY, ["trivsel og mestring"]),
        ("hvordan får de unge indflydelse?", "udsatte-unge", DAY, ["brugerdrevet"]),
        (
            "værktøjet til at regne på de budgetøkonomiske konsekvenser, hvad forkortes det?",
            None,
            DAY,
            ["SØM"],
        ),
        ("hvor mange kommuner er det tanken at der skal være med?", "udsatte-unge", DAY, ["2-4"]),
        # a phase called a stage ("etape"), an instrument a tool, a Q&A an hour of questions
        ("den etape hvor indsatsen færdigudvikles – hvor lang tid varer den?", None, DAY, ["2 til 4 år"]),
        ("hvilken etape er projektet i?", "rr2-adhd", DAY, ["udbredelsesfasen"]),
        ("hvilket måleværktøj bruges til trivsel hos voksne?", None, DAY, ["WHO5"]),
        ("hvor lang er spørgetimen om dataindsamlingen?", "voksenliv", DAY, ["1½ time"]),
        ("hvordan afsluttes screeningsfasen?", None, DAY, ["SUSI-vurdering"]),
        ("hvor mange penge er der afat?", "rr2-adhd", DAY, ["8,3 mio"]),
        # an idiom for "now", a stage, a genitive of an abbreviation, "hvad betyder R&R2"
        ("hvad står på programmet lige nu?", "rr2-adhd", dt.date(2022, 11, 15), ["afslutning"]),
        ("hvilket af strategiens stadier er vi i?", "skolefravaer", DAY, ["modningsfasen"]),
        ("er det her et afprøvningsprojekt?", "udsatte-unge", DAY, ["modningsfasen"]),
        ("hvad siger KLs nøgletal om fraværet for anbragte børn?", "skolefravaer", DAY, ["6,6"]),
        ("hvad betyder SØM?", None, DAY, ["Socialøkonomiske Investeringsmodel"]),
        # the track is decided in screening; a report halfway; the phase after the one left
        ("hvornår bestemmes det hvilket spor indsatsen kører i?", None, DAY, ["screeningsfasen"]),
        ("hvornår i fasen kommer midtvejsrapporten?", None, DAY, ["halvvejs"]),
        (
            "hvilke krav skal opfyldes for at komme videre fra modningsfasen?",
            None,
            DAY,
            ["afprøvningsfasen", "færdigudviklet"],
        ),
        ("hvad skal man aflevere efter den indledende fase?", None, DAY, ["videnssammenfatning"]),
        # a length in days that is a whole day; workshops counted as "tre gange"
        ("hvor mange dage tager casebesøget?", "voksenliv", DAY, ["hel dag"]),
        ("hvor mange modningsworkshops holdes der i projektet?", "voksenliv", DAY, ["tre gange"]),
        # project leaders meeting each other are the network; who does the project itself
        ("hvor ofte ses vi projektledere på teams?", "voksenliv", DAY, ["hver måned"]),
        ("hvem skal stå for selve screeningen?", "rusmiddel-screening", DAY, ["ekstern"]),
        ("hvem er med i projektet?", "udsatte-unge", DAY, ["STAR", "STUK"]),
        ("hvilket spørgeskema måler trivsel hos børn?", "voksenliv", DAY, ["SDQ"]),
        # the phase the intervention is developed in; which municipalities' partners are with
        ("hvornår er udviklingsperioden slut?", "mestring-born", DAY, ["november 2023"]),
        ("hvilke styrelser er med i projektet?", "udsatte-unge", DAY, ["STAR", "STUK"]),
        ("hvad sker der sidst på året?", "skolefravaer", dt.date(2023, 10, 2), ["evalueringsrapport"]),
        ("hvad er projektets samlede økonomi?", "psykisk-misbrug", DAY, ["31,4 mio. kr."]),
        ("hvem kan få tilskud?", "skolefravaer", DAY, ["ekstern leverandør"]),
        ("hvad forventer man at børnene opnår?", "skolefravaer", DAY, ["trivsel og mestring"]),
        ("hvilke faser er projektet inddelt i?", "voksenliv", DAY, ["Forankring"]),
        ("hvordan gør vi op, hvad indsatsen koster os?", "voksenliv", DAY, ["tidsforbrug"]),
        ("hvilke klassetrin er med i målgruppen?", "skolefravaer", DAY, ["10. klasse"]),
        ("hvilket skema kan bruges til at måle recovery?", "psykisk-misbrug", DAY, ["Recovery"]),
        ("hvilket værktøj vurderer risikoen for kriminalitet?", None, DAY, ["YLS-CMI"]),
        ("hvilket trin er rus-screeningen på?", "rusmiddel-screening", DAY, ["screeningsfasen"]),
        ("hvor mange procent fravær havde anbragte børn?", "skolefravaer", DAY, ["6,6 pct"]),
        ("hvad er hovedkravene før udbredelse?", None, DAY, ["driftsperspektiv"]),
        ("hvornår er der erfa-workshop næste gang?", "voksenliv", dt.date(2024, 2, 10), ["maj 2024"]),
        # a course called by another project's word; what it is about, asked with "hvem"
        ("hvor mange praktikere skal på kompetenceforløbet?", "mestring-born", DAY, ["fire"]),
        ("hvem handler projektet om?", "rusmiddel-screening", DAY, ["mest belastede"]),
        ("hvad er en susi vurdering?", None, DAY, ["Socialstyrelsens faglige vurdering"]),
        ("hvilket spørgeskema skal vi bruge til at måle børns trivsel?", "mestring-born", DAY, ["SDQ"]),
        ("hvornår kom den første udgave af strategien?", None, DAY, ["2017"]),
        # "igen" asks the next one; a kickoff is an opstartsmøde; the long list is the gross one
        ("hvornår skal vi på kursus igen?", "mestring-born", dt.date(2022, 9, 20), ["8. november"]),
        (
            "vi skal sætte tid af til kickoffet, hvor mange timer varer det?",
            "voksenliv",
            DAY,
            ["3 timer"],
        ),
        ("hvilket redskab til unge med misbrug står på den lange liste?", None, DAY, ["UngMap"]),
        ("hvad skal man bruge til at måle voksnes misbrug?", None, DAY, ["Europ-ASI"]),
        ("hvem får resultaterne af screeningen fremlagt?", "rusmiddel-screening", DAY, ["UIP"]),
        ("er vi stadig under udvikling eller ved at blive spredt ud?", "rr2-adhd", DAY, ["udbredelse"]),
        (
            "hvad er næste skridt nu hvor puljen er delt ud?",
            "skolefravaer",
            dt.date(2020, 11, 15),
            ["1. kvartal 2021"],
        ),
        # a guess after the question; a day-long visit; a scene before the comma
        ("hvor holdes modningsworkshoppen? skal vi til kbh eller?", "voksenliv", DAY, ["Odense"]),
        ("tager casebesøget hele dagen?", "voksenliv", DAY, ["hel dag"]),
        (
            "vi skal have lederne med til opstartsmødet online, hvor mange timer tager det?",
            "voksenliv",
            DAY,
            ["3 timer"],
        ),
        ("hvad skal vi gøre for at regne ud hvad indsatsen koster?", "voksenliv", DAY, ["tidsforbrug"]),
        # done with something, then "next"; a month said once though two rows date it
        (
            "vi er netop blevet færdige med modul 2b, hvad er næste aktivitet?",
            "mestring-born",
            dt.date(2022, 5, 13),
            ["juni 2022"],
        ),
        # a particle verb: "starte op" is the opstart
        ("hvornår starter vi kommuner op i projektet?", "skolefravaer", DAY, ["1. kvartal 2021"]),
        # two compounds sharing their last part
        ("er rusmiddelprojektet et screenings- eller modningsprojekt?", "rusmiddel-screening",
         DAY, ["screeningsfase"]),
        # which phase something belongs to, asked from inside a project
        ("i hvilken fase laver man den første prototype?", "voksenliv", DAY, ["screeningsfase"]),
        # "vise resultaterne" describes the day; it does not ask for results
        ("dagen til sidst i projektet hvor de viser resultaterne af evalueringen – hvornår?",
         "voksenliv", DAY, ["november 2024"]),
        # a relative clause sets the scene; the question after the dash asks
        ("den dag hvor evalueringens resultater fremlægges – hvornår og hvor holdes den?",
         "voksenliv", DAY, ["november 2024", "Odense"]),
        ("hvor lang tid varer et interview max, når I er ude hos os?", "voksenliv", DAY,
         ["halvanden time"]),
        ("hvornår mødes vi allerførste gang med de andre kommuner?", "mestring-born",
         dt.date(2021, 12, 1), ["20. januar 2022"]),
        ("hvilke år strækker skolefraværs-projektet sig over?", "skolefravaer", DAY,
         ["2020"]),
        ("skal frivillige inddrages i modellen?", "skolefravaer", DAY, ["civilsamfund"]),
        ("hvad står der på programmet nu?", "rr2-adhd", dt.date(2022, 11, 2),
         ["erfaringsopsamling"]),
        ("hvad består overvågningen i udbredelsesfasen af?", None, DAY, ["aktivitetsanalyse"]),
        # a kind said with how it is held: the next of that kind, and where when asked
        ("hvornår er næste workshop på tværs af kommunerne, og hvor?", "voksenliv",
         dt.date(2024, 9, 1), ["november 2024", "Odense"]),
        ("hvem får resultaterne af screeningen forelagt?", "rusmiddel-screening", DAY, ["UIP"]),
        ("vi er midt i udmøntningen af puljen, hvad er det næste?", "psykisk-misbrug",
         dt.date(2020, 8, 1), ["Forløb startes"]),
        ("susi er en forkortelse for hvad?", None, DAY, ["Udvikling af den Sociale Indsats"]),
        ("hvad betyder søm egentlig?", None, DAY, ["Socialøkonomiske"]),
        ("hvad hedder redskabet der regner på de offentlige budgetter?", None, DAY, ["SØM"]),
        ("hvor mange år varer testfasen typisk?", None, DAY, ["3 og 5 år"]),
        ("hvornår er den allerførste fællesdag?", "mestring-born", DAY, ["20. januar 2022"]),
        ("hvornår skal vi en hel dag til Odense næste gang?", "voksenliv", dt.date(2024, 10, 1),
         ["november 2024"]),
        # "efter sommerferien" asked just after it: this year's; "efter det her kvartal"
        ("hvad er den næste fælles aktivitet efter sommerferien?", "mestring-born",
         dt.date(2022, 8, 20), ["september 2022"]),
        ("hvad står der tilbage efter dette kvartal?", "rr2-adhd", dt.date(2022, 9, 1),
         ["erfaringsopsamling"]),
        # a scene with words the sources lack, before a question that names its activity
        ("vi laver mødekalender for foråret, hvornår er næste modningsworkshop?", "voksenliv",
         dt.date(2024, 2, 1), ["maj 2024"]),
        # a slip in an everyday word the engine reads, not one of the sources'
        ("hvor stort er budjettet i alt?", "rr2-adhd", DAY, ["8,3 mio. kr."]),
        ("hvor lang tid varer modningsfasen normlt?", None, DAY, ["2 til 4 år"]),
        # "den fase vi er i": the strategy phase the project is in
        ("hvad kommer der typisk ud af den fase vi er i?", "rusmiddel-screening", DAY,
         ["prototype"]),
        ("hvornår blev den første strategi lanceret?", None, DAY, ["2017"]),
        # "i hvilken fase …": the phase is asked, the track what it is asked about
        ("i hvilken fase bliver man klar over hvilket spor indsatsen skal følge?", None, DAY,
         ["screeningsfasen"]),
        ("i hvilken fase vælges sporet?", None, DAY, ["screeningsfasen"]),
        ("hvad for en strategi-fase er rr2 i?", "rr2-adhd", DAY, ["udbredelsesfasen"]),
        # where knowledge comes from is no place
        ("hvor skal vidensnotatets viden hentes fra?", "rusmiddel-screening", DAY,
         ["litteraturen", "praksisfeltet"]),
        # what a report holds: the Drejebog, not the date of the project's own report
        ("hvad skal der stå i evalueringsrapporten efter modningen?", "skolefravaer", DAY,
         ["resultatevaluering"]),
        ("kan et spor 2 projekt lave en SØM-beregning, og hvad så i stedet?", "udsatte-unge",
         DAY, ["udgiftsanalyse"]),
        # "er lige delt ud, hvad kommer efter nytår": from January on, after the scene
        ("ansøgningspuljen er lige uddelt, hvad kommer der efter nytår?", "psykisk-misbrug",
         dt.date(2020, 11, 1), ["Uddannelsesforløb starter"]),
        ("hvad for en workshop får vi tilbudt oveni?", "rr2-adhd", DAY, ["Young-Bramham"]),
        ("hvad skal der oprettes på de enkelte botilbud?", "psykisk-misbrug", DAY,
         ["specialiseret team"]),
        # the project's place in the strategy, asked in other words
        ("er screeningsprojektet en screening eller en afprøvning?", "rusmiddel-screening", DAY,
         ["screeningsfasen"]),
        ("hvor langt er udsatte unge i fasemodellen?", "udsatte-unge", DAY, ["modningsfasen"]),
        # "en gang om måneden" is how often, not this month
        ("hvad kalder man det onlinemøde hvor projektlederne snakker sammen en gang om måneden?",
         "voksenliv", dt.date(2026, 12, 3), ["projektledernetværk"]),
        # the first of something, and where it is held
        ("hvornår og hvor er det første fælles møde med de andre kommuner?", "mestring-born",
         DAY, ["20. januar 2022", "Edisonsvej"]),
        ("hvad hedder de tre faser som projektet er delt i?", "voksenliv", DAY,
         ["Forberedelse", "Forandring", "Forankring"]),
        ("hvad hedder de fire faser i den model socialstyrelsen bruger for at udvikle indsatser?",
         None, DAY, ["screeningsfasen", "udbredelsesfasen"]),
        # a guess at the place after the question is no word to look up
        ("hvor holdes modningsworkshopperne? er det i aarhus?", "voksenliv", DAY, ["Odense"]),
        ("på hvilket ledelsesniveau skal samarbejdet være godkendt?", "psykisk-misbrug", DAY,
         ["centerchefniveau"]),
        # what is measured, even when the question's verb reads it: "måle trivsel"
        ("hvilket valideret redskab måler trivsel hos voksne med handicap?", None, DAY, ["WHO5"]),
        ("findes der et valideret skema til at måle voksnes misbrug?", None, DAY, ["Europ-ASI"]),
        # "i hvilken fase …" from a project: the strategy's answer, the phase kept
        ("i hvilken fase beslutter man om en indsats hører til spor 1 eller 2?", "skolefravaer",
         DAY, ["screeningsfasen"]),
        ("er rr2 i modning eller længere fremme?", "rr2-adhd", DAY, ["udbredelsesfasen"]),
        # whether there is an evaluation at all, where the description says there is none
        ("laves der en evalueringsrapport af r&r2 til sidst?", "rr2-adhd", DAY,
         ["evalueres ikke"]),
        ("bliver screeningen evalueret når den er færdig?", "rusmiddel-screening", DAY,
         ["evalueres ikke"]),
        ("får R&R2 en evalueringsrapport til sidst?", "mestring-born", DAY, ["evalueres ikke"]),
        # how often, asked of a one-off activity named by the way: what the question is about
        ("hvor mange gange i perioden skal vi hjælpe med at finde unge og forældre til "
         "interview?", "voksenliv", DAY, ["2 gange"]),
        ("hvor mange sparringsmøder bliver der i alt?", "mestring-born", DAY, ["6-8"]),
        ("hvornår afgøres det om en indsats skal i spor 1 eller 2?", "udsatte-unge", DAY,
         ["screeningsfasen"]),
        ("på hvilket niveau i organisationen skal vi have projektet godkendt?",
         "psykisk-misbrug", DAY, ["centerchefniveau"]),
        ("i hvilken fase bliver det besluttet om indsatsen hører til spor 2?", None, DAY,
         ["screeningsfasen"]),
        # what holds in a track is the strategy's, asked from a project too
        ("hvad er det typiske evalueringsdesign når man afprøver i spor 1?", "voksenliv", DAY,
         ["kontrolgruppedesign"]),
        # a project the sources place in no strategy phase: its own phases, and that said
        ("hvor langt er vi nået i fasemodellen?", "voksenliv", DAY,
         ["placerer ikke", "Forankring"]),
    ],
)
def test_how_people_ask(
    engine: Engine, q: str, project: str | None, today: dt.date, facts: list[str]
) -> None:
    a = engine.ask(q, project=project, today=today)
    assert a.answered and all(f.lower() in a.text.lower() for f in facts), a.text


def test_questions_about_all_projects_and_meanings_also_from_inside_a_project(
    engine: Engine,
) -> None:
    # what a project leader of voksenliv sees, not only an anonymous asker
    a = engine.ask("Hvilket af de fem initiativer har det største budget?", project="voksenliv")
    assert a.answered and "31,4 mio" in a.text and "26,4 mio" in a.text, a.text
    a = engine.ask("Hvad mener de med kerneelementer? det ord bruges hele tiden", project="voksenliv")
    assert a.answered and "byggeklodser" in a.text, a.text
    a = engine.ask("Hvilken udviklingsfase er psykisk misbrug projektet i?", project="psykisk-misbrug")
    assert a.answered and "modningsfasen" in a.text, a.text
    a = engine.ask("Hvor bliver CPR-numrene på deltagerne opbevaret?", project="rr2-adhd")
    assert a.answered and "Danmarks Statistik" in a.text, a.text
    for q, fact in [
        ("Hvad er SUSI en forkortelse for?", "Strategi for Udvikling af den Sociale Indsats"),
        ("Hvad er SØM for en forkortelse?", "Socialøkonomiske Investeringsmodel"),
        ("Hvor bliver modningsworkshopperne holdt henne? Skal vi rejse?", "Odense"),
        ("Hvad er de fire hoveddele som modellen for skolefravær skal bestå af?", "opsporing"),
        ("Hvor længe plejer en modningsfase at vare?", "2 til 4 år"),
        ("Hvornår er den allersidste fællesdag hvor projektet rundes af?", "november 2024"),
    ]:
        a = engine.ask(q, project="skolefravaer" if "skolefravær" in q else "voksenliv")
        assert a.answered and fact in a.text, (q, a.text)
    # "alle projektdeltagere" is not all the projects
    a = engine.ask("hvor lang tid varer opstartsmødet for alle projektdeltagere", project="voksenliv")
    assert a.answered and "mio" not in a.text, a.text


def test_a_phase_asked_where_is_its_meeting_place(engine: Engine) -> None:
    # "fælles opstart" is the start-up phase; its address is the start-up meeting's
    q = "Om et par uger er der fælles opstart, ikk? Hvilken adresse skal jeg sætte i GPS'en?"
    a = engine.ask(q, project="mestring-born", today=dt.date(2022, 1, 5))
    assert a.answered and "Edisonsvej 1" in a.text, a.text


def test_nothing_left_reads_well_for_a_singular_name(engine: Engine) -> None:
    a = engine.ask("hvornår er næste modningsworkshop", project="voksenliv", today=dt.date(2025, 6, 1))
    assert a.answered and "Der er ikke flere datoer for" in a.text and "maj 2024" in a.text, a.text


def test_two_parts_of_an_answer_do_not_say_the_same_twice(engine: Engine) -> None:
    a = engine.ask("opstartsinterview med evalueringen, hvornår og hvor længe?", project="voksenliv")
    assert a.answered and a.text.count("halv time") == 1, a.text


def test_a_number_word_counts_after_stemming() -> None:
    assert counts("De fire betingelser betyder også", ("beting",))
    assert not counts("Betingelserne gælder også", ("beting",))


def test_verbs_ending_in_end_keep_their_root() -> None:
    # Snowball cuts "-endes" whole ("godkendes" -> "godk") but keeps "godkendt" -> "godkend"
    assert stem("godkendes") == stem("godkendt") == stem("godkende")
    assert stem("anvendes") == stem("anvendt")
    # the present participle is no such verb
    assert stem("retningsgivende") == "retningsgiv" and stem("passende") == "pas"


def test_a_holiday_is_declined_as_a_holiday(engine: Engine) -> None:
    # not with the contact-details-and-parking reply
    a = engine.ask("hvornår har eleverne efterårsferie?", project="skolefravaer", today=DAY)
    assert not a.answered and "ferie" in a.text and "parkering" not in a.text, a.text


def test_what_is_on_now_is_said_as_now(engine: Engine) -> None:
    # a quarter that began before this month is on now; this month's items may still be ahead
    a = engine.ask("hvad er vi i gang med lige nu?", project="udsatte-unge", today=dt.date(2021, 11, 15))
    assert a.answered and a.text.startswith("Nu i Udsatte unge"), a.text
    a = engine.ask("hvad er det næste der sker?", project="voksenliv", today=dt.date(2023, 1, 5))
    assert a.answered and a.text.startswith("Det næste i"), a.text
