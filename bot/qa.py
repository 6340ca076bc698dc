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

import bisect
import datetime as dt
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from babel.numbers import format_decimal
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.dates import MONTH_RE, Window, find_window, format_month, format_when
from bot.dates import today as copenhagen_today
from bot.i18n import _
from bot.loader import Knowledge
from bot.model import (
    Activity,
    BudgetLine,
    Fact,
    Instrument,
    Occurrence,
    Phase,
    Project,
    Section,
    Source,
    StrategyPhase,
    Track,
)
from bot.search import (
    RELATIVE_TIME,
    Hit,
    Index,
    Passage,
    _sentences,
    counts,
    defines,
    has_figure,
    has_time,
    passages,
)
from bot.search import activity_text as search_activity_text
from bot.synonyms import everyday_words, expand, phrase_terms
from bot.text import (
    MAX_QUESTION,
    STOPWORDS,
    derived,
    fold,
    respell,
    stem,
    terms,
    verb_forms,
    words,
)
from bot.when import When

MAX_SNIPPET = 600  # characters of prose in one answer
MAX_ITEMS = 8  # list items in one answer
_SEASON_WORDS = """forår foråret sommer sommeren efterår efteråret vinter vinteren
sommerferie sommerferien nytår nytåret efterårsferie efterårsferien vinterferie vinterferien
juleferie juleferien påskeferie påskeferien jul julen""".split()
_PARTICLES = ("af", "ud", "op", "ind", "gennem", "fore")  # "sætte af" = "afsætte"
_MAX_MENDED = 3  # misspelt words mended in one question
DESCRIBED_COVERAGE = 0.4  # an activity described, not named (Engine._described)
DESCRIBED_MARGIN = 0.8
RARE_IDF = 4.0  # a word this rare names a thing of its own ("metodeprogram"; "arbejde" is 2.0)
MIN_COVERAGE = 0.6  # share of a question's weight a passage must hold to be an answer

# Words people ask with that the knowledge itself need not contain.
QUESTION_WORDS = """
henne hen igang gang par bare egentlig hørt høre hører forskellige forskellig ting nok vel
konkret konkrete overvejer overveje overvejet blokere blokerer booke travlt gik
derovre derhen herovre afsted retur bagefter usikre usikker usikkert tvivl hente
forgænger forgængeren nævnte nævnt kigge kigger kigges kigget
vist jo da lige altså faktisk mon hvad så okay også stadig allerede endnu snart senere
tidligere først sidst efter før inden omkring ca cirka ude inde oppe nede her der hvor
ligger ligge gælder gælde sker går gå kan kunne skal skulle vil ville må måtte burde
tror synes ved vidste sagde sagt står står stod fået få får giver gav gøres gøre
består består bestå bestod indeholder indeholde
måle måler måles måling måleredskab redskab
tit ofte nå naa jan feb mar apr maj jun jul aug sep sept okt nov dec januar februar marts
april juni juli august september oktober november december mandag tirsdag onsdag torsdag
fredag lørdag søndag weekend morgen i dag idag gang gange slags type typer hvornår
hvornaar hvornar hvor hvem hvad hvordan hvorfor hvilke hvilken hvilket næste naeste sidste
første foerste kommende sker ske skete foregår foregaar holdes holder afholdes varer vare
lang længe laenge tid tidspunkt dato datoer dage uge uger måned måneder år kvartal starter
halvår halvåret mener menes mente
start begynder slutter slut afsluttes ender mødes samles møde møder online fysisk virtuelt fremmøde
deltage deltager deltagere kommer komme må bør gøre lave sende aflevere afleveres indsende
udfylde hjælpe finde vide ved fortælle forklare beskrive betyder står stå være blive får få
giver give bruge bruges bruger handler omkring mere flere stort stor store lille hele andet
andre rigtigt rigtig korrekt forskel forskellen mellem typisk normalt præcis cirka projekt
projektet projekter initiativ initiativet indsats indsatsen penge budget afsat kroner mio
million tak hej venligst gerne please kort nogle nogen vores jeres min mit have har havde
haft gør gjort laver lavet tager tage tog taget hedder hedde findes fandtes sige siger
kalder kaldes kaldet kalde
opbygget opbygning
""".split()


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


class Lexicon:
    """Names and aliases of every subject, matched against question stems.

    A question term meets a name term exactly, as a compound ("netvaerksmoed"
    holds "netvaerk") or as a near miss (a typo). Each question term belongs to
    the subjects that match it best, so "screeningsfasen" goes to the strategy's
    screening phase and not to a project called "screeningen".
    """

    def __init__(self, entries: list[_Entry], ignore: frozenset[str] = frozenset()):
        self.entries = entries
        self.ignore = ignore  # question words: they name nothing
        df: dict[str, int] = defaultdict(int)
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(entries):
            for t in {t for p in e.phrases for t in p}:
                df[t] += 1
                self.index[t].append(i)
        n = max(len(entries), 1)
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self.vocabulary = sorted(self.idf)
        self._cache: dict[str, dict[str, float]] = {}

    def term_matches(self, q: str) -> dict[str, float]:
        """Name terms that the question term `q` meets, with the quality of the meeting."""
        found = self._cache.get(q)
        if found is not None:
            return found
        found = {}
        if q in self.idf:
            found[q] = 1.0
        for noun in derived(q):  # "modnes" meets "modning"
            if noun in self.idf:
                found.setdefault(noun, 0.9)
        for k in range(4, len(q) - 2):  # compounds: a known word at the start or the end
            for part in (q[:k], q[k:]):
                if len(part) >= 4 and part in self.idf and part not in found:
                    found[part] = 0.5 + 0.4 * len(part) / len(q)
        if len(q) >= 5:
            for name, score, _i in process.extract(
                q, self.vocabulary, scorer=fuzz.ratio, score_cutoff=85, limit=4
            ):
                if len(name) >= 5 and name != q:
                    found[name] = max(found.get(name, 0.0), 0.9 * score / 100)
        if len(self._cache) < 50_000:
            self._cache[q] = found
        return found

    def match(
        self,
        qterms: Sequence[str],
        weak: Sequence[str] = (),
        project: str | None = None,
        joined: frozenset[str] = frozenset(),
    ) -> list[tuple[float, Subject]]:
        """Subjects named by the question; `weak` terms (synonyms) count for less. A
        project's own names ("screeningen") count only for its own people (`project`);
        `joined` terms (neighbours written together) name a project only exactly."""
        meets: dict[str, dict[str, float]] = {}  # name term -> question term -> quality
        strength = {q: 1.0 for q in qterms}
        strong = set(strength)
        for w in weak:
            strength.setdefault(w, 0.75)
        for q, factor in strength.items():
            if q in self.ignore:
                continue
            for name, raw in self.term_matches(q).items():
                quality = raw * factor
                meets.setdefault(name, {})
                meets[name][q] = max(quality, meets[name].get(q, 0.0))
        candidates = {i for name in meets for i in self.index[name]}
        scored: list[tuple[float, dict[str, float], Subject]] = []
        for i in candidates:
            e = self.entries[i]
            if e.subject.key.startswith("own:") and e.subject.project != project:
                continue
            best = 0.0
            best_used: dict[str, float] = {}
            for phrase in e.phrases:
                if not phrase:
                    continue
                total, covered = 0.0, 0.0
                used: dict[str, float] = {}
                for p in phrase:
                    m = {
                        q: v
                        for q, v in meets.get(p, {}).items()
                        if q not in used
                        and (
                            e.subject.kind != "project"
                            or (q in strong and (q not in joined or v >= 1.0))
                        )
                    }  # a synonym names no project: "forældre" (voksne) is not R&R2's name,
                    # nor "budget initiativet" joined and misread as "ungeinitiativet"
                    if not m:
                        continue  # each question term names one part of a name
                    q, quality = max(m.items(), key=lambda kv: kv[1])
                    weight = self.idf.get(p, 1.0)
                    total += quality * weight
                    covered += weight
                    used[q] = max(used.get(q, 0.0), quality)
                whole = sum(self.idf.get(p, 1.0) for p in phrase)
                coverage = covered / whole if whole else 0.0
                if coverage < 0.999 and (len(used) < 2 or coverage < 0.6):
                    continue  # a partial name must still name most of it
                total *= coverage * coverage
                best = max(best, total)
                for q, quality in used.items():
                    best_used[q] = max(best_used.get(q, 0.0), quality)
            if best > 0:
                scored.append((best, best_used, e.subject))
        # Each question term goes to the subjects that meet it best.
        owner: dict[str, float] = {}
        for _score, used, _subject in scored:
            for q, quality in used.items():
                owner[q] = max(owner.get(q, 0.0), quality)
        # A question term that names a project exactly ("screeningen") is the project's.
        project_terms = {
            q
            for _sc, used, subject in scored
            if subject.kind == "project"
            for q, quality in used.items()
            if quality >= 1.0
        }
        kept = [
            (score, subject)
            for score, used, subject in scored
            if any(quality >= owner[q] for q, quality in used.items())
            and (subject.kind == "project" or not set(used) <= project_terms)
        ]
        kept.sort(key=lambda x: (-x[0], x[1].key))
        return kept


# -- intents -----------------------------------------------------------------------------------

_INTENTS: list[tuple[str, str]] = [
    ("difference", r"\bforskel|\bvs\b|versus|sammenlign"),
    (
        "instruments",
        r"maaleredskab|maaleinstrument|maalevaerktoej|\binstrument|validerede|nettolist|bruttolist|"
        r"\bredskab(?!\w* (?:\w+ ){0,2}(?:regner|beregner|udregner))|hvad maaler man\b|"
        r"\bmaal(?:e|er|es|ing\w*) (?:\w+ ){0,4}(?:med|paa)\b|"
        r"\bhvad (?:bruger|anvender) (?:man|vi|i) (?:\w+ )?til at maale\b|"
        r"\bhvad (?:skal|kan) (?:man|vi|i) (?:bruge|anvende) (?:\w+ )?til at maale\b|"
        r"hvilke[nt]? (?:\w+ )?(?:spoergeskema|skema)\w* (?:\w+ ){0,5}maale|"
        r"\b(?:spoerge)?skema\w* (?:\w+ ){0,2}til at maale\b|"
        r"\bvaerktoej\w* (?:\w+ ){0,2}(?:vurderer|maaler|maale)\b|"
        r"\bstaar paa (?:netto|brutto)?listen\b|\b(?:lange|korte) liste\b|"
        r"\bskema(?:et)? med spoergsmaal om\b",
    ),
    (
        "criteria",
        r"kriteri|(?:\b|hoved)krav(?:ene|et)?\b|kraeve|gaa (?:\w+ )?videre|komme (?:\w+ )?videre|"
        r"overgang til|betingelse|"
        r"forudsaetning|skal der til (?:foer|for|inden)\b|"
        r"opfyldt|\bgaa (?:fra \w+ )?(?:over )?til (?:\w+ )?(?:screening|modning|afproevning|"
        r"udbredelse)|klar til (?:\w+ )?(?:modning|afproevning|udbredelse)|"
        r"skal der til for at|(?:vaere|er|have) (?:\w+ )?paa plads\b|\bvaere i orden\b",
    ),
    (
        "frequency",
        r"hvor ofte|hvor tit|hvor mange gange|hvor mange moeder|"
        r"\bhvert? (?:anden |tredje )?(?:uge|maaned|kvartal|aar|halvaar|gang|dag|termin)",
    ),
    (
        "duration",
        r"hvor (?:laenge|lang tid|lange?)\b|varighed|\bvarer\b|hvor mange (?:timer|dage)|"
        r"(?<!om )\b(?:to|tre|flere) dage\b|\ben (?:enkelt|hel|halv) dag\b|\b(?:halve|hele) dage\b|"
        r"\b(?:tager|varer) (?:\w+ )?hele dagen\b|"
        r"\bhvor langt? er (?:det|den|moedet|moede|dagen)\W*$|"
        r"\b(?:laengere|kortere) end\b|\blaengst\b|\bkortest\b|hvor meget tid\b|"
        r"hvor mange (?:uger|maaneder|aar)\b(?! (?:\w+ )?(?:efter|foer|siden)\b)",
    ),
    (
        "budget",
        r"penge|budget(?!oekonomi)|"
        r"(?<!tid skal vi )(?<!tid skal man )(?<!tid )(?<!timer skal vi )(?<!timer )"
        r"afsa(?:t|ette)(?! (?:\w+ )?(?:dag|dagen|tid|tiden|timer?)\b)|bevilg|bevilling|"
        r"(?<!tid er der )(?<!timer er der )(?<!tid er )(?<!timer er )\bsat (?:\w+ )?af til\b|"
        r"koster|\bkr\b|kroner|\bmio|million|midler|"
        r"hvor (?:meget|stor|stort) (?:er |i |til )?(?:\w+s )?"  # "ansøgnings puljen"
        r"(?:puljen|ansoegningspuljen|beloebet|budgettet|"
        r"tilskuddet|posten)|\bpuljen?\b(?:(?!\?).)*\bhvor (?:stor|meget)\b|"
        r"beloeb|finansier|\bhvor stort? (?:et |en )?(?:tilskud|budget)\b|"
        r"\bstoerrelsen (?:paa|af) (?:\w+ )?(?:\w*puljen|budgettet|tilskuddet|posten)\b|"
        r"hvor meget (?:af (?:det|dem|pengene|midlerne) )?(?:gaar|faar|fik|er der|har|beholder)\b|"
        r"samlede ramme|pulje\w* (?:\w+ )?hvor meget\b|\bhvad gaar der til\b|"
        r"\b(?:samlede|hele) oekonomi\b|\boekonomien i alt\b|"
        r"^\W*(?:ansoegnings)?puljen?\b(?!.*(?:frist|soeg|krav|hvem|hvornaar|udmoent))|"
        r"hvad (?:faar|modtager) (?:\w+ ){1,4}til\b|"
        r"hvad (?:faar|fik|modtager) (?!.*\b(?:ud af|loen)\b)(?:[\w&]+ ){0,3}[\w&]+(?: i \w+)?\W*$|"
        r"\bhvor meget til\b|"
        r"hvad (?:gaar|bruges) (?:der )?(?:af )?(?:pengene|midlerne) til",
    ),
    (
        "target",
        r"maalgruppe|for hvem|hvem er (?:indsatsen|projektet|initiativet) (?:for|rettet)|"
        r"\bmaalrettet\b|\brettet mod\b|hvem henvender|\bhvem (?:\w+ ){0,5}handler (?:\w+ )?om\b|"
        r"hvem (?:er|skal) (?:\w+ )?(?:det|den) (?:til|for)\b|"
        r"aldersgruppe|hvor gam(?:le|mel)\b|aldersmaessig|hvilken alder|\balder\b|aldersgraens|"
        r"\bklassetrin|hvilke[nt]? klasser?\b|"
        r"diagnose|"
        r"\ber omfattet\b|\bomfatter (?:indsatsen|projektet|initiativet)\b|"
        r"\b(?:bestemte|saerlige) (?:\w+ )?grupper\b|"
        r"\b(?:er|skal) (?:indsatsen|projektet|initiativet) til\b|"
        r"hvilke (?:boern|unge|borgere|familier|voksne) (?:er|skal) (?:\w+ ){0,3}"
        r"(?:til|for|handler om|gaelder)\b|"
        r"hvem er det (?:\w+ )?(?:til|for)\b|"
        r"hvem (?:skal|kan) (?:indsatsen|projektet) hjaelpe",
    ),
    (
        "applicants",
        r"ansoeg|hvem kan soege|soege om|krav\w* (?:for|til) at (?:vaere|komme|deltage)|"
        r"for at (?:vaere|komme) med\b|"
        r"kraeve[sr]? (?:der )?(?:af|for) (?:os|kommunen|kommunerne|botilbud\w*|tilbudd?\w*)\b|"
        r"krav\w* (?:\w+ ){0,3}(?:til|for) (?:os|kommunen|kommunerne|botilbud\w*|tilbudd?\w*)\b",
    ),
    (
        "recipients",
        r"tilskudsmodtager|hvem (?:\w+ )?(?:faar|faa|modtager|modtage) (?:penge|tilskud|midler)",
    ),
    (
        "devphase",
        # not "i hvilken fase vælger man spor", "… afgøres sporet" or "… bliver det afgjort":
        # which phase something belongs to
        r"(?:hvilken|hvad for en) (?:udviklings|strategi-?)?fase"
        r"(?! (?:kommer|er den naeste)| (?!er\b)\w+ man\b| \w{3,}es\b"
        r"| bliver (?:\w+ ){1,2}\w+(?:et|t)\b)|"
        r"udviklingstrin|hvilket trin|"
        r"hvor (?:i|langt) (?:er (?:[\w-]+ ){1,3}(?:i |inde i )?)?(?:strategien|"
        r"fasemodellen)|hvilken fase befinder|"
        # "er rusmiddelprojektet en screening eller en modning"
        r"\ber (?:[\w-]+ ){1,3}(?:en |et )?(?:screening|modning|afproevning|udbredelse)\w* "
        r"eller (?:en |et )?(?:screening|modning|afproevning|udbredelse)|"
        r"\ber (?:[\w&-]+ ){1,3}i (?:screening|modning|afproevning)\w* eller (?:laengere|videre)\b|"
        r"er (?:vi|projektet|initiativet|indsatsen|\w+projektet) i "
        r"(?:modning|afproevning|screening|udbredelse)|"
        # "er udsatte unge i modningsfasen eller afprøvningsfasen"
        r"\bi (?:modning|afproevning|screening|udbredelse)s?(?:fasen)? eller (?:i )?"
        r"(?:modning|afproevning|screening|udbredelse)|^\W*fasen?\b(?= og\b|\W*$)|"
        r"\bhvilke[nt]? (?:\w+ ){0,3}(?:projekt|initiativ)\w* (?:er|befinder sig) i \w*fase|"
        r"\bhvilke[nt]? af (?:strategiens |de fire )?faser\b|"
        r"\b(?:screenings|modnings|afproevnings|udbredelses)- eller \w+fasen\b|"
        r"\b(?:stadig )?under udvikling eller\b|"
        r"\ber (?:\w+ ){1,3}(?:et|en) (?:screenings|modnings|afproevnings|udbredelses)"
        r"(?:projekt|initiativ|indsats)\b",
    ),
    (
        "success",
        r"succes|\bmaalene\b|\bhaaber (?:\w+ ){0,2}at opnaa\b|\bopnaa (?:\w+ ){0,2}paa \w+ niveau|"
        r"\b(?:vil|skal) (?:\w+ ){0,12}opnaa\b|\bhaaber (?:man|vi|i|de)\b|"
        r"\bforvent\w* (?:\w+ ){0,3}(?:opnaa|aendre[rs]?|forbedre[rs]?)\b|"
        r"\bmaal(?:et|ene)? (?:for|med) (?:\w+ )?(?:boern|unge|borger|deltager)|"
        r"\bpaa borgerniveau\b|"
        r"hvad skal (?:det|den|indsatsen|modellen|projektet) (?:\w+ )?(?:goere|aendre|forbedre|"
        r"betyde) (?:\w+ )?(?:for|hos|ved|paa)\b",
    ),
    ("som", r"\bsoem\b|socialoekonomisk"),
    ("timetable", r"tidsplan"),
    (
        "period",
        r"\bslut(?:ter)?\b|\bafsluttes\b|\bophoer|hvor laenge (?:loeber|koerer)|"
        r"projektperiode|hvilke aar|\bperiode\b|\bstraek\w* (?:[\w-]+ ){0,4}sig (?:over|fra)\b",
    ),
    (
        "phases",
        r"hvilke faser|hvor mange faser|faser (?:har|er der|bestaar)|hvad er faserne|"
        r"hvad hedder (?:de )?(?:\w+ )?faser|"
        r"(?:faser|perioder)(?:ne)? (?:[\w-]+ ){0,3}(?:delt|opdelt|inddelt)\b|"
        r"\bhvordan er (?:\w+ ){1,5}(?:delt op|opdelt)\b|"
        r"\bdelt (?:op )?i (?:\w+ )?(?:faser|perioder|trin)\b|"
        r"\bde (?:4|fire) (?:faser|trin)\b|faser(?:ne)? i (?:strategien|susi|fasemodellen)\b",
    ),
    (
        "duties",
        r"hvad skal (?:vi|jeg|kommunen|projektleder\w*)\b|bidrag|forbered|\bopgave|forpligt|"
        r"ansvar|skal vi (?:goere|lave|sende)|hvad kraeves|\bhvem (?:skal )?soerge[rs]? for\b",
    ),
    ("evaluation", r"(?<!selv)evaluer(?!ings?(?:interview|moede|workshop|rapport))"),
    ("facilitator", r"facilit|hvem (?:staar for|styrer|leder|afholder|holder)|arrangoer"),
    (
        "purpose",
        r"formaal|hvorfor|meningen med|\bmaalet\b|\bpointen\b|\bideen med\b|\btanken (?:med|bag)\b",
    ),
    (
        "format",
        r"(?<!hvor mange )(?:online|fysisk|virtuel)|fremmoede|\bteams\b|\bzoom\b|over telefon|"
        r"hvilke[nt]? (?:format|form)\b|\bformatet\b",
    ),
    (
        "structure",
        # (the thing named between is not a question word: "hvad består monitoreringen af")
        r"bygget op|opbygget|opbygning|\bstruktur|sammensat|skruet sammen|hvad bestaar(?= \w+ af)|"
        r"hvad skal der (?:ske|foregaa) (?:paa|til|ved)\b|hvordan ser (?:\w+ ){1,3}ud\b",
    ),
    ("how", r"\bhvordan\b"),
    (
        "who",
        # ("den workshop vi skal med til": which one, not who)
        r"\bhvem\b(?! har ret)|deltager|deltage|med hvem|(?<!\bvi skal )\bmed til\b|"
        r"skal \w+ med\b|"
        r"\bhvilke (?:\w+ ){1,2}er med\b|"
        r"hvor mange (?:\w+ ){0,2}(?:kommer|er vi)\b",
    ),
    (
        "when",
        r"hvorn(?:aa|a)?r|hvilken dato|\bdato|tidspunkt|hvilken maaned|frist|deadline|"
        r"aflever|indsend|udmoentes|^ ?naar (?:er|skal|starter|begynder|holdes|kommer)\b|"
        r"hvilke (?:maaneder|datoer|dage|aar)\b|hvilket aar\b|\bhvem har ret\b|"
        r"\bhvad er (?:det )?rigtig",
    ),
    (
        "where",
        r"(?<!\bder )(?<!\bden )(?<!\bdem )(?<!\bnu )"  # "… der hvor", "nu hvor": no place
        r"\bhvor\b(?!\s+(?:laenge|lang|mange|meget|ofte|tit|stor|gamle?\b|gammel))"
        r"(?!(?:\s+\w+){0,6}\s+fra\b)|"
        r"(?<!hvert )(?<!ethvert )\bsted\b|(?<!bo)stedet|"
        r"adresse|lokation|\bhvilken by\b",
    ),
    (
        "next",
        r"naeste(?! fase)|kommende|snart|foerstkommende|flere\b|"
        r"\b(?:skal|kommer) (?:\w+ ){0,4}igen\b",  # "hvornår skal vi på kursus igen"
    ),
    (
        "deliverables",
        r"lever(?:ance|e\b|es\b|er\b)|produkt|kommer? (?:der )?(?:\w+ )?ud af\b|"
        r"\bskal (?:\w+ )?ende (?:ud )?(?:med|i)\b|"
        r"\bhvad (?:afsluttes|slutter|ender) (?:\w+ ){1,3}med\b|"
        r"\bhvordan (?:afsluttes|slutter|ender)\b",
    ),
    ("knowledge", r"vidensudvikling|hvilken viden|udvikling af viden"),
    (
        "list",
        r"aktiviteter|hvad sker\b(?! (?:der )?med\b)|hvad foregaar|hvad er der|kalender|"
        r"hvad (?:er|skal) (?:det )?(?:vi|i|de|man|kommunerne) (?:\w+ )?i gang med|"
        r"hvad er det (?:der )?sker\b(?! med\b)|hvad skal der ske\b(?! med\b)|"
        r"hvad arbejder (?:vi|i|de|man|kommunerne) med\b",
    ),
    ("what", r"\bhvad\b|fortael|beskriv|forklar|\bom\b|indhold|program"),
]
_INTENT_RE = [(name, re.compile(rx)) for name, rx in _INTENTS]
# "hvor" after a noun starts a relative clause ("de dage hvor vi mødes"), not a question;
# after a verb or a pronoun it asks ("ved du hvor", "fortæl mig hvor").
_RELATIVE_BEFORE = re.compile(
    r"\b(?!(?:mig|os|dig|jer|ved|vide|veed|spoerge|spoerger|fortaelle|fortael|ikke|ogsaa|og|"
    r"eller|men|saa|nu|praecis|egentlig|helt|lige|mon|om|hvem|hvad|er|var|skal|bliver)\b)"
    r"[a-z]{2,},? $"
)
_RELATIVE_AFTER = re.compile(  # "projektet, hvor evalueringens resultater fremlægges"
    r"hvor (?:man|vi|i|de|alle|jeg|der|kommunerne|socialstyrelsen|[a-z]+(?:ens|ets|nes))\b"
)


_QUESTION_WORD = re.compile(r"\bhv(?:or|ornaar|em|ad|ilke\w*|ordan)\b")
_CLAUSE_END = re.compile(r"[,?.!–—]|\s-\s|" + _QUESTION_WORD.pattern)


def intents(question: str) -> list[str]:
    """What the question asks, most specific first: the intents whose words come first
    in the question lead ("hvem bestemmer datoen" asks who, not when)."""
    text = " " + fold(question) + " "
    generic = {"what", "list", "next"}

    def relative(pos: int) -> bool:  # "det program hvor man får en workshop": a scene
        before = _RELATIVE_BEFORE.search(text, max(pos - 25, 0), pos)
        return bool(before and _RELATIVE_AFTER.match(text, pos))

    # "dagen hvor evalueringens resultater fremlægges – hvornår og hvor er den": a relative
    # clause before the question, up to the next dash, comma or question word, sets a scene
    scenes = [
        (m.start(), end.start() if (end := _CLAUSE_END.search(text, m.end())) else len(text))
        for m in re.finditer(r"\bhvor\b", text)
        if relative(m.start()) and not _QUESTION_WORD.search(text, 0, m.start())
    ]
    found = []
    for order, (name, rx) in enumerate(_INTENT_RE):
        places = [m.start() for m in rx.finditer(text)]
        asked = [p for p in places if not any(a <= p < b for a, b in scenes)]
        if places:
            found.append(((asked or places)[0], order, name, not asked))

    def rank(pos: int, name: str, scene: bool) -> int:
        if scene or (name == "where" and relative(pos)):
            return 2  # a scene: asked after everything else
        return int(name in generic)

    found.sort(key=lambda x: (rank(x[0], x[2], x[3]), x[0], x[1]))
    names = [name for _pos, _order, name, _scene in found]
    if "structure" in names:  # "hvordan er forløbet bygget op" asks what it consists of
        names = [n for n in names if n != "how"]
    if (
        "when" in names
        and "duration" in names
        and not re.search(r"hvor (?:laenge|lange?|lang tid)\b|varighed|\bvarer\b|hvor mange", text)
    ):  # "hvornår skal vi en hel dag til Odense": the day describes, only when is asked
        names.remove("duration")
    if _NAMING.search(text):
        # "hvad kalder man vurderingen af, om kriterierne er opfyldt": a name, described;
        # "hvad hedder værktøjet der regner på budgetterne": a name, not an amount
        names = [n for n in names if n not in {"criteria", "budget"}]
    return names


def intent_stems(question: str, *, generic: bool = False) -> frozenset[str]:
    """The stems of the words that say what is asked ("styrer" in "hvem styrer det"): they
    ask, they are not a subject of their own. `generic`: also "kalenderen", "beskriv", …."""
    text = " " + fold(question) + " "
    out: set[str] = set()
    for name, rx in _INTENT_RE:
        if name in {"what", "list", "next"} and not generic:
            continue
        for m in rx.finditer(text):
            out.update(stem(w) for w in words(m[0]))
    return frozenset(out)


_ORDINAL = re.compile(  # "modul 3. hvornår er …": a sentence's end, not "3. opsamling"
    r"\b(foerste|anden|andet|tredje|fjerde|sidste|1\.|2\.|3\.|4\.)\s+"
    r"(?!hv\w+\b|er\b|kan\b|skal\b|vil\b|og\b|men\b)(\w+)"
)
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


_NUMBERED = re.compile(r"\b(?:nr|nummer)\.?\s*([1-4])\b")


def ordinal(question: str) -> int | None:
    """Which one of several: "anden workshop", "workshop nr 2"."""
    numbered = _NUMBERED.search(fold(question))
    if numbered:
        return int(numbered[1])
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
            if project.own_aliases:  # counted only for the project's own people
                own = Subject(
                    "project", f"own:{project.id}", project.short_name, project.id, project
                )
                entries.append(_Entry(own, [_phrase(n) for n in project.own_aliases]))
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
        self.lexicon = Lexicon(
            entries, frozenset({stem(w) for w in QUESTION_WORDS} | set(STOPWORDS))
        )
        self.index = Index(passages(kb))
        self.known = (
            set(self.index.vocabulary)
            | set(self.lexicon.vocabulary)
            | {stem(w) for w in QUESTION_WORDS}
            | {fold(w) for w in QUESTION_WORDS}
        )
        self.known |= {stem(w) for w in _SEASON_WORDS}  # time words: bot.dates reads them
        self.known_list = sorted(self.known)
        self.lowered = [item.text.lower() for item in self.index.items]
        # The knowledge's own words, to mend a misspelt one ("udannet" -> "uddannet").
        spelled: Counter[str] = Counter()
        for item in self.index.items:
            spelled.update(fold(w) for w in words(item.title + " " + item.text) if w.isalpha())
        # and the everyday words the engine reads, once each ("budjet" -> "budget",
        # "normlt" -> "normalt")
        everyday = {*QUESTION_WORDS, *STOPWORDS, *everyday_words()}
        spelled.update({fold(w): 1 for w in everyday if w.isalpha() and fold(w) not in spelled})
        self.spelled = spelled
        self.spelled_by_length: dict[int, list[str]] = defaultdict(list)
        self.word_of_stem: dict[str, str] = {}  # each stem's most used word
        for w, _n in spelled.most_common():
            self.word_of_stem.setdefault(stem(w), w)
            if len(w) >= 4:
                self.spelled_by_length[len(w)].append(w)
        self.stems_by_length: dict[int, list[str]] = defaultdict(list)
        for t in self.word_of_stem:
            self.stems_by_length[len(t)].append(t)
        self.project_terms = frozenset(
            t for e in entries if e.subject.kind == "project" for p in e.phrases for t in p
        )
        # the words that name activities, phases and tracks ("modningsworkshop", "modul")
        self.thing_terms = frozenset(
            t for e in entries if e.subject.kind in _STRUCTURED for p in e.phrases for t in p
        )
        # what the strategy's instruments measure ("trivsel", "misbrug")
        self.measured_terms = frozenset(
            t for i in kb.strategy.instruments for t in terms(i.target or "")
        )
        self.known_sorted = sorted(self.known)
        self.project_names = frozenset(
            t
            for p in kb.projects.values()
            for n in (p.name, p.short_name, p.id.replace("-", " "))
            for t in terms(n)
        )
        self.question_stems = frozenset(
            {stem(w) for w in QUESTION_WORDS} | {fold(w) for w in QUESTION_WORDS}
        )
        # Numbered things ("modul 1", "modul 2a", "spor 2"): a number the data does not
        # have ("modul 4") names nothing, however well the word matches.
        numbered: dict[str, set[str]] = defaultdict(set)
        for e in entries:
            if e.subject.kind not in _STRUCTURED:
                continue
            for ph in e.phrases:
                for head, num in itertools.pairwise(ph):
                    if head.isalpha() and _NUMBER.fullmatch(num):
                        numbered[head].add(num)
        self.numbered = {h: frozenset(n) for h, n in numbered.items() if len(n) >= 2}
        # Sentences that count and name things, by project and the stem of what they count:
        # ("skolefravaer", "kerneelement") -> "… fire kerneelementer: samarbejdsstruktur, …"
        self.enumerations: dict[tuple[str, str], tuple[Passage, str]] = {}
        for p in self.index.items:
            if p.project is None:
                continue
            for sentence in _sentences(p.text):
                m = _ENUMERATION.search(sentence)
                if m:
                    self.enumerations.setdefault((p.project, stem(m[1])), (p, sentence))
        # What the sources' abbreviations stand for: "STUK" -> "Styrelsen for Undervisning og
        # Kvalitet", so that a question in words finds a budget post named by letters.
        # Each with the passage that spells it out.
        self.acronyms: dict[str, tuple[str, Passage]] = {}
        for p in self.index.items:
            for m in _ACRONYM.finditer(p.text):
                self.acronyms.setdefault(m[2], (m[1], p))
            for m in _QUOTED_ACRONYM.finditer(p.text):  # "(’R&R2-ADHD’ - Reasoning & …"
                self.acronyms.setdefault(m[1], (m[2], p))

    # -- public ----
    def ask(
        self, question: str, project: str | None = None, today: dt.date | None = None
    ) -> Answer:
        today = today or copenhagen_today()
        text = respell((question or "").strip()[:MAX_QUESTION])
        typed = text  # as the user wrote it, before misspellings are mended
        if not text or not words(text):
            return self._declined(
                _("Write a question, for example: \u201cwhen is the next workshop?\u201d"),
                project,
            )
        if project is not None and project not in self.kb.projects:
            project = None
        said = {fold(w) for w in words(text)}
        if said <= _GREETINGS | _THANKS:
            opening = _("You're welcome!") if said & _THANKS else _("Hi!")
            return Answer(False, opening + " " + self._help(project))
        text = self._join_split(self._mend_spelling(text))
        text = self._our_phase_named(text, project)
        if _DONE_WITH.match(fold(typed)):  # as typed: "underskrevet" is no misspelling
            # "vi har lige haft modul 2b. hvornår er det næste modul": what comes after, as
            # if only the question were asked
            asking = _asking_part(text)
            if asking == text and "," in text:  # "vi har haft alle workshops nu, hvad er …"
                asking = text.split(",", 1)[1].strip()
            if asking != text and (
                {"next", "list"} & set(intents(asking)) or find_window(asking, today, None)
            ):  # "… hvad er det næste", "… hvad sker der så nu", "… hvad kommer efter nytår"
                text = asking
        plain = self._plain_terms(text)
        qterms = self._with_compounds(plain, text)  # = self._search_terms(text)
        expansion = self._expansion(text, project)
        if expansion is not None:
            return expansion
        unknown = self._unknown_terms(text)
        if unknown:
            return self._unknown(project, unknown)
        missing = self._missing_number(text)
        if missing is not None:
            return missing
        if _ABBREVIATION_ASKED.search(fold(text)) or _ACRONYM_MEANING.search(text):
            # "hvad står forkortelsen SØM for", "hvad betyder R&R2 egentlig"
            spelt = self._spelt_out(text, project)
            if spelt is not None:
                return spelt
        if _CLOCK.search(fold(text)):  # the sources give days, never a time of day
            return self._no_clock(qterms, project, today)
        found = intents(_asking_part(text)) or intents(text)  # not what sets the scene
        if "budget" not in found and _MONEY.search(fold(text)):
            found = [*found, "budget"]  # "de 0,9 mio. – hvad skal de bruges til"
        synonyms = [w for alts in self._asked(text) for w in alts[1:]]
        joined = frozenset(qterms) - frozenset(plain)  # neighbours written together
        candidates = self._candidates(qterms, project, synonyms, joined)
        if _NAMING.search(fold(text)) and len(candidates) > 1:
            candidates = self._named_as_found(text, qterms, candidates, project)
        if _PHASE_OF_THING.search(fold(text)) and "devphase" not in found:
            # "i hvilken fase finder man sporet": the phase is what is asked, the track
            # what it is asked about, not the topic named "hvilke faser"
            about = [t for t in qterms if "fas" not in t]
            candidates = self._candidates(about, project, synonyms, joined) or candidates
        if _SOURCE_NAMED.search(fold(text)) and len(candidates) > 1:
            # "hvad kalder drejebogen byggeklodserne": where it is said, not what is asked
            candidates = [c for c in candidates if c[1].key not in _ABOUT_SOURCES] or candidates
        answer = self._answer(text, found, candidates, project, today, said_as=typed)
        if answer is None:
            answer = self._search_text(text, candidates, project)
        answer = self._fitting(answer, text, found, project)
        if not answer.answered and answer.text in self._gave_up(project):
            answer = self._described_instead(answer, text, found, project, today)
        return replace(answer, text=spell_quarters(answer.text))

    def _described_instead(
        self,
        answer: Answer,
        text: str,
        found: list[str],
        project: str | None,
        today: dt.date,
    ) -> Answer:
        """When nothing answered: the project's activity the question describes ("det
        korte hils-på-møde i starten"), if one stands out; else `answer`."""
        if (
            not project
            or not set(found) & _DESCRIBED_INTENTS
            or re.search(r"\bkan (?:du|i)\b|\blink", fold(text))  # requests stay declined
        ):
            return answer
        described = self._described(text, project)
        if described is None:
            return answer
        window = find_window(text, today, None)
        told = self._activity(described, found, text, today, window, project)
        return answer if told is None else self._fitting(told, text, found, project)

    def _fitting(self, answer: Answer, text: str, found: list[str], project: str | None) -> Answer:
        """An answer must be of the kind asked for: a "when" question answered with no
        time at all ("hvad er ansøgningsfristen" -> who may apply) is not answered."""
        if not answer.answered:
            return answer
        body = fold(_body(answer.text))
        deadline = _DEADLINE.search(fold(text))  # a deadline or a date: only a date will do
        asks_when = bool(found) and (found[0] == "when" or {"when", "duration"} <= set(found)) and (
            "criteria" not in found
        )
        if (deadline or asks_when) and not has_time(body):
            # "i screeningsfasen", "ved afslutningen" may answer when; a date for the same
            # thing in the project asked about answers it better
            relative = asks_when and not deadline and bool(RELATIVE_TIME.search(body))
            if relative and project is None:  # the strategy says when as a point in a phase
                return answer
            dated = self._dated_search(text, project, in_scope=relative)
            if dated is not None:  # a timetable or a dated passage says when
                return dated
            if relative:
                return answer
            return self._declined(_("The sources don't say when."), project)
        exact = re.search(
            r"frist\b|fristen|deadline|\b(?:hvilke[n]?|praecise?) (dato(?:er)?|dag)\b|"
            r"\b(datoerne)\b",
            fold(text),
        )
        if exact and not re.search(rf"\b\d{{1,2}}\.\s*(?:{MONTH_RE})\b", body):
            # "sidste frist for selvevalueringen", "hvilken dato præcis er modningsforum 2":
            # the month something happens is neither a deadline nor a day
            first = _body(answer.text).splitlines()[0]
            said = (
                _("The sources give no exact day for that, only: {said}")
                if exact[1] or exact[2]
                else _("The sources give no deadline for that, only: {said}")
            )
            return self._declined(said.format(said=first), project)
        asked = fold(text)
        asked_numbers = set(re.findall(r"\d+", text))  # "spor 1" is not the figure asked for
        counted_body = _NAMED_NUMBER.sub(" ", body)  # nor is "spor 2" or "modul 3" in the answer
        figures = [n for n in re.findall(r"\d+", counted_body) if n not in asked_numbers]
        unit = re.search(r"hvor mange \w*?(tim|dag|uge|maaned|aar)(?:e|er|ers|es|s|ne)?\b", asked)
        unit_said = bool(unit and re.search(_COUNT_BEFORE + unit[1], body))  # "en hel dag"
        no_figure = (
            # "hvor gamle skal børnene være": no age
            (_AGE.search(asked) and not re.search(r"\d+\s*(?:-|–|til|og)?\s*\d*\s*aar", body))
            # "hvor mange timer varer uddannelsen": no hours
            or (unit and not unit_said)
            # "hvor mange var stoffri 12 måneder efter": the sources say 9 and 21; "hvad var
            # budgettet i 2019": the table starts in 2020
            or (
                (_wants_number(text) or _AMOUNT.search(asked))
                and any(  # "efter 2 år": a 2 of its own, not the 2 of "25 pct."
                    not re.search(rf"(?<![\d,.]){n}(?![\d,])", body)
                    for n in _ASKED_FIGURE.findall(asked)
                )
            )
            # "hvor store var effekterne i tal": figures asked, none given
            or (re.search(r"\bi (?:tal|procent)\W*$", asked) is not None and not figures)
            # "hvor mange penge til spor 1": a passage without a figure is no answer
            or (
                _AMOUNT.search(asked)
                and not figures
                and not _NUMBER_WORD.search(body)
                and not unit_said
            )
            # "hvad koster en screeningsfase i kroner": a length of time is no price
            or (_MONEY_ASKED.search(asked) and not _MONEY.search(body))
        )
        if "duration" in found and not _DURATION.search(body):
            # "hvem udfører servicetjekket, og hvor lang tid tager det": no length given
            return self._declined(_("The sources don't say how long."), project)
        if (
            re.match(r"\W*hvem\b", asked)
            and not _MONEY.search(body)
            and not _WHO.search(_WITHOUT_HEADINGS.sub("", body))
        ):
            # "hvem laver servicetjekket": a passage that names no one does not say who
            return self._declined(_("The sources don't say who."), project)
        if _ORIGIN_ASKED.search(asked) and not re.search(
            r"\b(?:udviklet|opfundet|lavet) (?:\w+ ){0,3}af\b", fold(body)
        ):  # "hvem har oprindeligt udviklet MOVE": an origin the sources don't give
            return self._declined(_("The sources don't say who."), project)
        if re.search(r"\bhvor (?:ofte|tit)\b", asked) and not _HOW_OFTEN.search(body):
            # "hvor ofte skal skolefraværsteamet holde møde": a team the sources only suggest
            return self._declined(_("The sources don't say how often."), project)
        if (
            "hvor mange" in asked
            and (limit := _LIMIT_ASKED.search(asked))
            and not re.search(
                r"\b(?:hoejst|maks\w*|max|op til)\b" if limit[1] else r"\b(?:mindst|minimum)\b",
                body,
            )
            and not re.search(r"\d ?[-–] ?\d", body)
        ):  # "hvor mange børn må der højst være i hver gruppe": no limit is given; "mindst en
            # af praktikerne" is no most
            no_figure = True
        counted = _counted(text)
        local = _LOCAL_COUNT.search(fold(_asking_part(text))) and "penge" not in asked
        as_such = any(counted[0].endswith(c) for c in _COUNTED_AS_SUCH) if counted else False
        # "tre gange i løbet af projektperioden" counts the workshops the answer is about
        held = bool(counted) and counted[0] in fold(answer.text.split(":")[0]) and counts(
            body, ("gang",)
        )
        if counted and (local or as_such) and not counts(body, counted[:1]) and not held:
            # "hvor mange elever er med i indsatsen hos os", "hvor mange familier skal vi
            # rekruttere": people counted where the sources count none of them
            no_figure = True
        if (
            "hvor mange" in asked
            and (_OWN_PLACE.search(asked) or _PER_HEAD.search(asked))
            and "landsplan" in fold(body)
        ):
            no_figure = True  # "hvor mange beboere på vores eget botilbud": a national estimate
        group = _GROUP_WITH.search(asked)
        if group and _FIGURE_ASKED.search(asked):
            # "fraværet for børn med ADHD", "unge med komplekse problemer … efter 21 måneder":
            # a figure in the same sentence as the group (and the figure asked, if any)
            asked_figures = _ASKED_FIGURE.findall(asked)
            holding = [
                x
                for x in _sentences(_body(answer.text))
                if group[1][:5] in fold(x)
                and has_figure(x)
                and all(re.search(rf"(?<![\d,.]){n}(?![\d,])", x) for n in asked_figures)
            ]
            no_figure = no_figure or not holding
        if no_figure:
            return self._declined(_("The sources give no figure for that."), project)
        if (
            "hvor mange" in asked
            and not has_figure(counted_body)
            and not _NUMBER_WORD.search(body)
            and not unit_said
        ):
            # "hvor mange kommuner skal være med til at modne modellen": the activity says
            # what is done, a passage with a figure may say how many
            searched = self._own_search(text, project)
            if searched.answered and has_figure(_body(searched.text)):
                return searched
            return self._declined(_("The sources give no figure for that."), project)
        if _PER_HEAD.search(asked) and _AMOUNT.search(asked) and _MONEY.search(body):
            # "hvor meget kan det enkelte botilbud søge fra puljen": the pool, not a share
            return self._declined(_per_head(), project)
        if _SPLIT_ASKED.search(asked) and _AMOUNT.search(asked) and _MONEY.search(body):
            # "hvor meget af pengene til STUK og STAR går til STUK alene": one post
            return self._declined(
                _("The sources give that amount together, not split between them."), project
            )
        if _ADDRESS.search(asked) and not _STREET.search(body):
            # "den præcise adresse i Odense": a town is no address
            return self._declined(_("The sources give no street address."), project)
        catering = _CATERING.search(asked)
        if catering and not _CATERING.search(body):  # "hvem sørger for kaffen": where it
            # is said, or not at all
            searched = self._own_search(text, project)
            if searched.answered and _CATERING.search(fold(_body(searched.text))):
                return searched
            return self._unknown(project, [catering[0]])
        return answer

    def _own_search(self, text: str, project: str | None) -> Answer:
        """The search's answer from the asker's own project (or the one named), for a
        second look when the first answer lacks what is asked."""
        qterms = self._search_terms(text)
        candidates = self._candidates(qterms, project)
        return self._search(text, qterms, candidates, project, own_only=True)

    # -- for the bot's browsing commands ----
    def upcoming(self, project_id: str, today: dt.date | None = None) -> Answer:
        """What happens next in a project (/naeste)."""
        return self._next(project_id, today or copenhagen_today(), project_id)

    def project_phases(self, project_id: str) -> Answer:
        """A project's phases (/faser)."""
        return self._phases(self.kb.projects[project_id])

    def describe_activity(
        self, project_id: str, activity_id: str, today: dt.date | None = None
    ) -> Answer:
        """Everything about one activity (/aktiviteter)."""
        project = self.kb.projects[project_id]
        activity = next(a for a in project.activities if a.id == activity_id)
        text, sources = self._activity_overview(activity, today or copenhagen_today())
        for occ in activity.occurrences:
            text += "\n" + "\n".join(self._conflict_lines(occ, []))
        if activity.duties:
            text += (
                "\n" + _("What you must do:") + "\n" + "\n".join(f"• {d}" for d in activity.duties)
            )
        return Answer(True, text.strip().replace("\n\n", "\n"), sources)

    # -- understanding ----
    def _terms(self, text: str) -> list[str]:
        """The question's stems with their synonyms from the sources' words."""
        out: list[str] = []
        for alts in self._asked(text):
            out += alts
        return list(dict.fromkeys(out))

    def _asked(self, text: str) -> list[tuple[str, ...]]:
        """Each stem of the question with its alternatives: "aktoerer" is read as "aktører"
        when that is a known word, "gamle" also as "år" (bot.synonyms)."""
        out = []
        phrases = phrase_terms(fold(text))  # "når støtten stopper": "forankring", "drift"
        for t in self._plain_terms(text):
            nouns = [n for n in derived(t) if n in self.index.idf]  # "vælges" -> "valg"
            said = [w for stems, targets in phrases if t in stems for w in targets]
            out.append(tuple(dict.fromkeys((t, *expand(t), *nouns, *said))))
        return out

    def _our_phase_named(self, text: str, project: str | None) -> str:
        """"den fase vi er i" named as the strategy phase the project is in ("hvad er de
        typiske leverancer i den fase vi er i" -> "… i screeningsfasen")."""
        own = self.kb.projects[project] if project else None
        name = self._development_phase_name(own) if own else None
        if own is None or name is None or own.phases:  # a project with phases of its own:
            return text  # "vores fase" may be one of them
        return _OUR_PHASE.sub(_lower_first(name), text)

    def _development_phase_name(self, project: Project) -> str | None:
        """The name of the strategy phase the project is in ("Modningsfasen"), if given."""
        dev = project.development_phase
        if dev is None:
            return None
        return next(p.name for p in self.kb.strategy.phases if p.id == dev.phase)

    def _defined_term(self, text: str) -> str:
        """The stem of the word whose meaning is asked for, as the sources say it:
        "hvad består overvågningen af" -> "monitorering" (bot.synonyms)."""
        term = _defined(text)
        if not term or term in self.index.idf:
            return term
        return next((t for t in expand(term) if t in self.index.idf), term)

    def _nouns(self, text: str) -> list[str]:
        """The nouns the knowledge uses for the question's verbs ("afholdes" -> "afholdelse")
        and phrases ("hvad kommer der ud af" -> "hovedleverance")."""
        nouns = [n for t in self._plain_terms(text) for n in derived(t)]
        nouns += [w for _said, targets in phrase_terms(fold(text)) for w in targets]
        return [n for n in nouns if n in self.index.idf]

    def _plain_terms(self, text: str) -> list[str]:
        out = []
        for w in words(text):
            if w in STOPWORDS or fold(w) in STOPWORDS:
                continue
            plain = stem(w)
            if re.search(r"ae|oe|aa", w):  # "skolefravaeret": "skolefraværet", if more usual
                danish = stem(w.replace("ae", "æ").replace("oe", "ø").replace("aa", "å"))
                rare = self.index.idf.get(plain, math.inf)
                if danish in self.known and (
                    plain not in self.known or self.index.idf.get(danish, math.inf) < rare
                ):
                    plain = danish
            if plain not in self.known and self._genitive_of_known(w):
                plain = stem(w[:-1])  # "KLs nøgletal", "VIVEs evaluering"
            if plain not in self.known:  # "brugt" -> "brug", "anvendt" -> "anvend"
                plain = next((v for v in verb_forms(plain) if v in self.known), plain)
            if plain not in self.known and not expand(plain):  # "sat af" -> "afsat"
                plain = next((p + plain for p in _PARTICLES if p + plain in self.known), plain)
            out.append(plain)
        return out

    def _genitive_of_known(self, word: str) -> bool:
        """Whether `word` is a known word with a genitive s: "KLs", "VIVEs"."""
        return word.endswith("s") and stem(word[:-1]) in self.known

    def _with_compounds(self, qterms: list[str], text: str) -> list[str]:
        """Add joined neighbours, so "modnings workshop" meets "modningsworkshop", and
        known compounds of any two words, so "workshop i modningen" meets it too."""
        ws = [w for w in words(text) if w not in STOPWORDS]
        joined = [stem(a + b) for a, b in itertools.pairwise(ws)]
        content = [t for t in dict.fromkeys(qterms) if len(t) >= 4 and not t.isdigit()]
        for a, b in itertools.permutations(content, 2):
            for whole in (a + b, a + "s" + b, a + "e" + b):
                if whole in self.lexicon.idf and whole not in qterms:
                    joined.append(whole)
        return qterms + joined

    def _mend_spelling(self, text: str) -> str:
        """The question with each misspelt word replaced by the knowledge's word one slip
        away ("udannet" -> "uddannet", "uddanelsen" -> "uddannelsen"). A word the knowledge
        knows in any form, or as a compound, is left alone; so is one whose nearest word
        starts differently ("parkering" is not "markering")."""
        tries = 0
        for w in dict.fromkeys(words(text)):
            if len(w) < 5 or not w.isalpha() or w in STOPWORDS or fold(w) in STOPWORDS:
                continue
            plain = self._plain_terms(w)
            if not plain or plain[0] in self.known or expand(plain[0]):
                continue
            if plain[0] in self.question_stems:  # "min forgænger nævnte …": no slip
                continue
            # a word read as a compound may still be a slip: "evaluringen" is "evalu|ring"
            composed = self._known(plain[0], near=False)
            if composed and len(w) < 9:
                continue
            tries += 1
            if tries > _MAX_MENDED:  # not a question with a typo but a text of its own
                break
            # "sorge" is "sørge" typed without ø
            better = next(
                (v for v in _without_letters(w) if stem(v) in self.known or expand(stem(v))), None
            )
            better = better or self._nearest(fold(w), self.spelled_by_length)
            if better is None and len(plain[0]) >= 6 and not composed:  # "modningsworksoppen"
                near_stem = self._nearest(plain[0], self.stems_by_length)  # by its stem
                better = self.word_of_stem[near_stem] if near_stem else None
            if better is not None and (not composed or len(better) >= 9):
                text = re.sub(rf"(?<![\wæøå]){re.escape(w)}(?![\wæøå])", better, text, flags=re.I)
        return text

    def _nearest(self, w: str, by_length: dict[int, list[str]]) -> str | None:
        """The knowledge's word (or stem) one edit (two for long words) from `w`, with the
        same first letter; the most used one of equally near ones."""
        most = 2 if len(w) >= 10 else 1
        found = [
            (DamerauLevenshtein.distance(w, c, score_cutoff=most), -self.spelled[c], c)
            for n in range(len(w) - most, len(w) + most + 1)
            for c in by_length.get(n, ())
            if c[0] == w[0]
        ]
        near = [x for x in found if x[0] <= most]
        return min(near)[2] if near else None

    def _known(self, term: str, near: bool = True) -> bool:
        """Whether the knowledge uses this stem, a compound of its words, or (`near`) a
        near miss."""
        if term in self.known or term.isdigit() or len(term) <= 2:
            return True
        for k in range(5, len(term) - 2):  # a compound: two known words, maybe joined by s/e
            head, tail = term[:k], term[k:]
            if head not in self.known and stem(head) not in self.known:  # "fælles|arrangement"
                continue
            if (
                tail in self.known
                or tail in _ENDINGS
                or (tail[0] in "se" and len(tail) > 5 and tail[1:] in self.known)
                or (len(tail) >= 4 and expand(tail))  # "økonomi|chef": chef is a leader
                or (tail[0] in "se" and len(tail) > 5 and expand(tail[1:]))  # "fælles|arrangement"
            ):
                return True
            if len(tail) >= 5 and any(tail[:m] in self.known for m in range(5, len(tail) + 1)):
                return True
            glued = tail[1:] if tail[0] in "se" else ""  # "boerne|gruppen": a stem, inflected
            if len(glued) >= 5 and any(glued[:m] in self.known for m in range(4, len(glued))):
                return True
            if len(glued) >= 5 and len(stem(glued)) >= 3 and stem(glued) in self.known:
                return True  # "fravaer|s|tallene": "tal" inflected
        for k in range(3, len(term) - 4):  # Danish compounds end in their head: "totalbudget"
            if (
                term[k:] in self.known
                and len(term) - k >= 5
                and term[k:] not in _WEAK_TAILS
                and self._known_modifier(term[:k])
            ):
                return True
        if self._heads_compound(term):  # "kriminalitet" of "kriminalitetsrisiko"
            return True
        if any(noun in self.known for noun in derived(term)):
            return True
        if any(v in self.known for v in verb_forms(term)):  # "brugt", "anvendt"
            return True
        if any(p + term in self.known for p in _PARTICLES):  # "prøvet": "afprøvet"
            return True
        if len(term) < 6 or not near:
            return False
        if len(term) >= 6 and self._begins_known(term):  # "diagnose": "diagnostiske"
            return True
        return (
            process.extractOne(term, self.known_list, scorer=fuzz.ratio, score_cutoff=85)
            is not None
        )

    def _expansion(self, text: str, project: str | None) -> Answer | None:
        """ "hvad står R&R2 for": the sentence that spells the abbreviation out, "(SØM)" after
        the full name or "(’R&R2-ADHD’ - Reasoning & Rehabilitation …)" after the short one."""
        m = _ABBREVIATION_QUESTION.search(text)
        if not m:
            return None
        short = next(g for g in m.groups() if g).lower()
        letters = re.sub(r"[^a-z0-9]", "", fold(short))
        if not letters:
            return None
        spelled_out = [
            (item.project not in (project, None), len(said), said, item)
            for item, lowered in zip(self.index.items, self.lowered, strict=True)
            if short in lowered
            for said in _sentences(item.text)
            if _spelled_out(said, short, letters)
        ]
        if not spelled_out:
            return None
        _other, _size, said, item = min(spelled_out, key=lambda x: (x[0], x[1]))
        return Answer(
            True,
            f"{item.title}: {_snippet(said, 400)}" + self._source_line([item.source]),
            self._cites([item.source]),
        )

    def _no_clock(self, qterms: list[str], project: str | None, today: dt.date) -> Answer:
        """ "hvad tid starter …": no source gives a time of day; say so, with the date."""
        text = _("The sources give no time of day, only dates.")
        sources: list[str] = []
        for _score, s in self._candidates(qterms, project):
            if s.kind == "activity" and (project is None or s.project == project):
                a: Activity = s.ref  # type: ignore[assignment]
                occs = sorted(a.occurrences, key=lambda o: o.when.start)
                if occs:
                    text += "\n" + _("{name}: {list}.").format(
                        name=a.name, list=_join([_when_text(o) for o in occs[:4]])
                    )
                    text += self._source_line(o.source for o in occs[:4])
                    sources = self._cites(o.source for o in occs[:4])
                break
        return Answer(False, text, sources)

    def _missing_number(self, text: str) -> Answer | None:
        """ "modul 4" when the sources know modul 1, 2a, 2b and 3: say so, don't guess."""
        ws = [w for w in words(text) if w not in {"nr", "nummer"}]
        for a, b in itertools.pairwise(ws):
            head = stem(a)
            have = self.numbered.get(head)
            if have is None or not _NUMBER.fullmatch(b):
                continue
            if any(n == b or (n[:-1] == b and n[-1].isalpha()) for n in have):
                continue
            known = sorted(have, key=lambda n: (int(re.sub(r"\D", "", n)), n))
            return self._declined(
                _("The sources mention no {name} {number}; they know {list}.").format(
                    name=a, number=b, list=_join([f"{a} {n}" for n in known])
                ),
                None,
            )
        return None

    def _heads_compound(self, term: str) -> bool:
        """Whether `term` is the first part of a known compound whose rest is a known word
        too: "kriminalitet" in "kriminalitetsrisiko"."""
        if len(term) < 5:
            return False
        i = bisect.bisect_left(self.known_sorted, term)
        for k in itertools.islice(self.known_sorted, i, i + 50):
            if not k.startswith(term):
                return False
            rest = k[len(term) :]
            if rest[:1] in {"s", "e"} and len(rest) > 5:
                rest = rest[1:]
            if len(rest) >= 4 and rest in self.known:
                return True
        return False

    def _begins_known(self, term: str) -> bool:
        """Whether `term` is the start of a known word a few letters longer: the stem of
        "diagnose" begins "diagnostisk"; "sommerfest" begins no known word."""
        i = bisect.bisect_left(self.known_sorted, term)
        return any(
            k.startswith(term) and len(k) - len(term) <= 4
            for k in itertools.islice(self.known_sorted, i, i + 20)
        )

    def _known_modifier(self, head: str) -> bool:
        """Whether the first part of a compound is a word the knowledge knows: "total" in
        "totalbudget" (a synonym) is, "tilmeldings" in "tilmeldingsfrist" is not — a
        deadline for something the sources never mention is not a deadline they know."""
        for part in (head, head[:-1] if head[-1] in "se" else head):
            if len(part) < 3:
                continue
            if part in self.known or expand(part) or stem(part) in self.known:
                return True
            if any(noun in self.known for noun in derived(part)):
                return True
            if len(part) >= 6 and process.extractOne(
                part, self.known_list, scorer=fuzz.ratio, score_cutoff=85
            ):
                return True
        return False

    def _unknown_terms(self, text: str) -> list[str]:
        """Words of the question that the knowledge never uses (\u201cpizza\u201d)."""
        unknown = []
        asking_part = _asking_part(text)
        # "jeg er ved at bestille pizza, hvad koster det": the scene too; but "vi lægger
        # vagtplan for foråret, hvornår er næste modningsworkshop" names what it asks about
        if not _SCENE_COMMA.match(text) or any(
            t in self.thing_terms  # an activity, phase or track
            and t not in self.question_stems
            and t not in intent_stems(asking_part, generic=True)
            for t in self._plain_terms(asking_part)
        ):
            text = asking_part
        ws = words(text)
        asking = intent_stems(text, generic=True)  # "hvem styrer", "kalenderen": they ask
        asking |= {t for said, _targets in phrase_terms(fold(text)) for t in said}  # "rulles ud"
        for i, w in enumerate(ws):
            if w in STOPWORDS or fold(w) in STOPWORDS or w.isdigit() or stem(w) in asking:
                continue
            if _NUMBER_WORD.fullmatch(fold(w)):  # "de fem initiativer"
                continue
            if self._joins_known(ws, i):  # "kerne elementer" = "kerneelementer"
                continue
            if self._genitive_of_known(w):
                continue
            if not self._known(stem(w)) and not self._known(fold(w)) and not expand(stem(w)):
                unknown.append(w)
                if len(unknown) == 3:  # enough to decline and say why
                    break
        return unknown

    def _join_split(self, text: str) -> str:
        """The question with compounds written apart joined: "hvilke kerne elementer" ->
        "hvilke kerneelementer", when the knowledge uses the compound."""
        ws = words(text)
        for a, b in itertools.pairwise(ws):
            if a in STOPWORDS or b in STOPWORDS or not (a.isalpha() and b.isalpha()):
                continue
            if stem(a) in self.known and stem(b) in self.known:
                continue  # both words stand on their own: "susi vurdering"
            for glue in ("", "s", "e"):
                whole = stem(a + glue + b)
                if len(whole) >= 7 and (whole in self.lexicon.idf or whole in self.index.idf):
                    pattern = re.compile(rf"\b{re.escape(a)}\s+{re.escape(b)}\b", re.IGNORECASE)
                    text = pattern.sub(a + glue + b, text, count=1)
                    break
        return text

    def _joins_known(self, ws: Sequence[str], i: int) -> bool:
        """Whether word `i` with a neighbour makes a compound the knowledge uses: people
        write "kerne elementer" and "projekt leder" apart."""
        for a, b in ((i - 1, i), (i, i + 1)):
            if a < 0 or b >= len(ws) or not (ws[a].isalpha() and ws[b].isalpha()):
                continue
            for glue in ("", "s", "e"):
                whole = stem(ws[a] + glue + ws[b])
                if len(whole) >= 7 and (whole in self.lexicon.idf or whole in self.index.idf):
                    return True
        return False

    def _candidates(
        self,
        qterms: list[str],
        project: str | None,
        weak: Sequence[str] = (),
        joined: frozenset[str] = frozenset(),
    ) -> list[tuple[float, Subject]]:
        scored = self.lexicon.match(qterms, weak, project, joined)
        named_projects = {s.project for _, s in scored if s.kind == "project"}
        out = []
        for score, s in scored:
            if s.project is not None and s.kind != "project":
                if s.project in named_projects or (not named_projects and s.project == project):
                    score *= 1.3
                else:  # another project's things, or a project's things without a project
                    score *= 0.5
            out.append((score, s))
        out.sort(key=lambda x: (-x[0], x[1].key))
        return out

    # -- deciding ----
    def _answer(
        self,
        text: str,
        found: list[str],
        candidates: list[tuple[float, Subject]],
        project: str | None,
        today: dt.date,
        said_as: str = "",
    ) -> Answer | None:
        if _ACTION_REQUEST.search(fold(text)):
            return self._unknown(project)
        if re.search(r"\blink", fold(text)):  # "har du et link til strategien": the one given
            linked = next(
                (
                    s
                    for _sc, s in candidates
                    if s.kind == "topic" and "http" in s.ref.text  # type: ignore[attr-defined]
                ),
                None,
            )
            if linked is not None:
                return self._topic(linked, text, project)
        asking = fold(_asking_part(said_as or text))
        if _HOLIDAY.search(asking):
            return self._declined(
                _(
                    "The project descriptions say nothing about holidays; they only plan "
                    "the project's own activities."
                ),
                project,
            )
        if _ILLNESS.search(asking):  # "jeg har feber, skal jeg melde fra?"
            return self._declined(
                _(
                    "The project descriptions say nothing about illness or cancelling. "
                    "Ask your contact at Socialstyrelsen."
                ),
                project,
            )
        if _APPLICANTS_COUNTED.search(asking):  # "hvor mange kommuner søgte om at komme med"
            return self._declined(_("The sources do not say how many applied."), project)
        if _PRACTICAL.search(asking) or _IT_TROUBLE.search(fold(said_as or text)):
            return self._declined(
                _(
                    "The project descriptions hold no contact details, links or "
                    "practical details such as parking. Ask your contact at "
                    "Socialstyrelsen."
                ),
                project,
            )
        named = [s for _, s in candidates if s.kind == "project"]
        named_project = named[0].project if named else None
        context = named_project or project
        unevaluated = self._not_evaluated(asking, context, project)
        if unevaluated is not None:  # "får vi en evalueringsrapport på r&r2 til sidst"
            return unevaluated
        meaning = _defined(text) and re.search(r"egentlig|betyde|menes|mener", fold(text))
        enumerated = None if meaning else self._listed(text, context, project)
        if enumerated is not None and _LIVE_STATUS.search(fold(text)):
            # "hvilke kommuner fik støtte i første udmelding": a list of something else
            # ("i hvilke kommuner blev R&R2 afprøvet" is said as asked)
            body = _body(enumerated.text)
            asked = set(self._plain_terms(text)) - self.question_stems - self.project_terms
            asked -= intent_stems(text, generic=True)
            now = re.search(r"\b(?:nu|i dag|for tiden)\W*$", fold(text))  # "… med i R&R2 nu?"
            if now or sum(_holds(body, [a]) for a in asked) < 0.4 * len(asked):
                enumerated = None
        if enumerated is not None:  # "hvad er kerneelementerne": the facts that each give one
            return enumerated
        bounds = None
        if context:
            p = self.kb.projects[context]
            bounds = (p.period.start, p.period.end)
        window = None if _wants_number(text) else find_window(text, today, bounds)
        if window is not None and context and "next" not in found:
            window = self._month_dated(context, window, text)
            period = self.kb.projects[context].period
            outside = window.end < period.start or window.start > period.end
            if outside and self._in_background(text, context):
                window = None  # "fravær for anbragte børn i 2015/2016": the background's year
            elif outside:
                # "er der også en afslutningsworkshop i 2025": the sources end with the project
                return self._declined(
                    _("The sources cover {period}; they say nothing about {when}.").format(
                        period=format_when(period), when=window.label
                    ),
                    project,
                )
        if window is not None and "next" in found and _AFTER_HOLIDAY.search(fold(text)):
            # "næste workshop efter nytår": the next one from then on, not only in January
            today, window = max(today, window.start), None
        if window is not None and "next" in found:
            asking = _asking_part(text)  # "vi har lige haft vinterferie. Hvornår er den næste"
            if asking != text and find_window(asking, today, bounds) is None:
                window = None
        things = _prefer_structured(
            [(sc, s) for sc, s in candidates if s.kind != "project"], set(terms(text))
        )
        if context:  # another project's things only when that project is named
            things = [(sc, s) for sc, s in things if s.project in (None, context)]
        things = _by_form(text, things)
        first = things[0][1] if things else None
        other_kind = False  # "kursusdagen … for dem der skal køre grupperne": a course, not groups
        if first is not None and first.kind == "activity":
            nouns = self._kinds(text, names=False) - {"interview", "visit"}  # verbs: "besøger"
            other_kind = bool(nouns) and first.ref.kind not in nouns  # type: ignore[attr-defined]
        live = _LIVE_STATUS.search(fold(f"{text} {said_as}"))  # "besluttede", not "besluttes"
        if context and not live and (
            other_kind or not any(s.kind in {"activity", "phase"} for _sc, s in things)
        ):
            family = self._family(text, context)
            if family:  # "workshopperne": the project's workshops, not a strategy passage
                if len(family) == 1:
                    things = [(max((sc for sc, _s in things), default=1.0) + 1.0, family[0])]
                elif "when" in found or "next" in found:
                    return self._next_of(family, today, project, listing="next" not in found)
                else:
                    return self._activities_across(family[:3], found, text, today, window)
        position = _PHASE_AT.search(fold(text))
        if context and position and not _SOURCE_NAMED.search(fold(text)):
            # "den sidste af de tre faser" in a project: the project's own phase, not the
            # strategy's
            phases = [s for s in self.by_project[context] if s.kind == "phase"]
            n = _ORDINALS[position[1]]
            if phases and n <= len(phases):
                things = [(things[0][0] + 1.0 if things else 1.0, _nth(phases, n))]
        if window is not None and things and things[0][1].kind == "activity":
            # "hvad er planlagt i 3. kvartal 2022 for partnerskabskommunernes ungeindsatser":
            # of the activities the words fit, the one dated then
            dated = [
                x
                for x in things[:3]
                if x[1].kind == "activity"
                and x[0] >= 0.5 * things[0][0]
                and _dated_in(x[1], window)
            ]
            if dated and not _dated_in(things[0][1], window):
                things = [dated[0], *(x for x in things if x is not dated[0])]
        after = _AFTER_ACTIVITY.search(fold(text))
        following = self._following(text, after[1], context) if context and after else None
        if following is not None:
            # "den første af kursusdagene efter internatet": the first that follows it
            things = [(things[0][0] + 1.0 if things else 1.0, following)]
        if _EXCLUDED_ASKED.search(fold(text)):
            # "hvad er IKKE med i screeningen": the sentence that says what is left out
            left_out = self._left_out(text, context)
            if left_out is not None:
                return left_out
        if position and not context:
            # "den første fase hvor man afdækker viden – hvor længe varer den": the
            # strategy's first phase
            n = _ORDINALS[position[1]]
            sp = self.kb.strategy.phases
            if n <= len(sp):
                return self._strategy_phase(_nth(sp, n), found, text)
        by_description = False  # the top activity is the one described, not named
        if (
            context
            and following is None
            and things
            and things[0][1].kind == "activity"
            and not set(self._plain_terms(text)) & self._own_terms(things[0][1])
        ):
            # reached by a synonym alone ("kommer ud til os": a visit); the activity the
            # question describes goes first when one stands out and no word of the question
            # made it a candidate ("… og laver aftaler om de kommende aktiviteter": the local
            # start-up meeting)
            meant = self._described(text, context)
            if meant is not None and meant not in [s for _sc, s in things]:
                reached = (things[0][0] * 0.9, things[0][1])  # no rival to what is described
                things = [(things[0][0], meant), reached, *things[1:]]
                by_description = True
        top = things[0][1] if things else None
        top_score = things[0][0] if things else 0.0
        if (
            window is not None
            and context
            and top is not None
            and top.kind == "activity"
            and "next" not in found  # "vi er midt i efterårsferien – hvornår er næste modul"
        ):
            family = self._family(text, context)
            if len(family) > 1 and top in family and not self._named_by_number(text, top):
                # "er der mere kursus inden jul": any of the courses, not the first one
                only = {s.ref.id for s in family}  # type: ignore[attr-defined]
                window = self._year_dated(context, window, text, only)
                return self._in_window(context, window, today, only)
        if "next" in found and context and top is not None and top.kind == "activity":
            family = self._family(text, context)
            if (
                len(family) > 1
                and top in family
                and set(found) <= {"next", "when", "what", "list"}  # not "og hvor er den"
                and self._named_by_kind(text, top, family)
            ):
                # "det næste kursus for praktikerne": whichever module comes next
                return self._next_of(family, today, project)
        if (
            window is None
            and context
            and top is not None
            and top.kind == "activity"
            and re.search(r"\b(?:den|det) (?:aller)?sidste\b(?! af\b)", fold(text))
            and set(found) <= {"when", "what"}
        ):
            family = self._family(text, context)
            if len(family) > 1 and top in family and self._named_by_kind(text, top, family):
                # "den sidste kursusdag for praktikerne": the last of the modules
                only = {s.ref.id for s in family}  # type: ignore[attr-defined]
                return self._last(context, project, only)
        sphases = self._named(things, "strategy-phase")
        phase_said = _DESCRIBED_PHASE.search(fold(text))
        if phase_said and not any(s.kind == "phase" for _sc, s in things):
            # "den fase hvor man tester om det virker": afprøvning; what is asked of it is
            # said outside the description ("… klar til afprøvning" asks no criteria)
            asked_of = intents(_DESCRIBED_PHASE.sub(" fasen", fold(text)))
            described = self._described_phase(phase_said[1])
            if (
                described is not None
                and (
                    _PHASE_PARTS & set(asked_of)
                    # "hvad hedder fasen hvor indsatsen spredes ud": its name, when the
                    # description says more than one word ("fasen hvor man tester" does not)
                    or (_NAMING.search(fold(text)) and len(self._plain_terms(phase_said[1])) > 1)
                )
                and "criteria" not in asked_of  # "videre til den fase hvor …": entered, below
            ):
                return self._strategy_phase(described, asked_of, text)

        if sphases and "deliverables" in found and re.search(r"\w+fasen?\b", fold(text)):
            # "vi er i modning nu – hvad er typiske leverancer i modningsfasen": the strategy's
            return self._strategy_phase(sphases[0].ref, found, text)  # type: ignore[arg-type]
        if sphases and len(_PHASE_PARTS & set(found)) > 1:  # "hvor lang, og hvad kommer ud"
            return self._strategy_phase(sphases[0].ref, found, text)  # type: ignore[arg-type]
        if "criteria" in found and sphases and found[0] != "when" and not live:
            # "fra afprøvning til udbredelse": the criteria of the phase entered
            entered = sphases[0] if len(sphases) == 1 else max(sphases, key=self._phase_order)
            if len(sphases) == 1 and _LEAVING.search(fold(text)):
                # "videre fra den indledende fase": the criteria of the phase after it
                order = self.kb.strategy.phases
                at = order.index(entered.ref)  # type: ignore[arg-type]
                if at + 1 < len(order):
                    return self._strategy_phase(order[at + 1], found, text)
            return self._strategy_phase(entered.ref, found, text)  # type: ignore[arg-type]
        if "instruments" in found and found[0] in {"who", "why", "when"}:
            # "hvem har ansvaret for valg af måleinstrument": what the strategy says about it
            said = None if live else self._strategy_search(text, dated=found[0] == "when")
            if said is not None:
                return said
            if found[0] == "when":  # "hvornår kommer den næste udgave af listerne"
                return self._declined(_("The sources don't say when."), context)
        if "instruments" in found and (
            top is None
            or top.kind not in {"activity", "phase"}
            or top.project != context  # "hvilket skema måler børns trivsel", asked by anyone
        ):
            listed = re.search(r"netto|brutto", fold(text))
            if "difference" in found or _track_in(text) or (
                re.search(r"\bhvad er\b", fold(text)) and not listed
            ):
                topic = self._instrument_topic()
                if topic is not None:
                    return self._topic(topic, text)
            if listed or re.search(r"hvilke|liste|alle|navne", fold(text)):
                return self._instruments(text)
            if self._instruments_for(text):  # "… trivsel og forældrestress", "… hos voksne"
                return self._instruments(text)
            hit = self._strategy_search(text, kind="instrument")
            return hit if hit is not None else self._instruments(text)
        if re.search(r"\bhvor mange spor\b(?! \d)", fold(text)):  # "… er der i modningsfasen"
            both = self._general("tp:to-spor")
            if both is not None:
                return self._topic(both, text)
        if "difference" in found and any(s.kind == "track" for _, s in candidates):
            return self._tracks()
        if "phases" in found:
            strategy_named = re.search(  # "socialstyrelsens model for at udvikle indsatser"
                r"susi|strategi|fasemodel|drejebog|\bmodel(?:len)? (?:\w+ ){0,3}for (?:at )?udvikl",
                fold(text),
            )
            ours = context is not None and re.search(r"\bprojekt(?:et)?\b", fold(text))
            owner = None if strategy_named or ours else self._phases_of(text, project)
            if owner is not None:  # "hvilke faser har implementeringsstøtten": its own phases
                return self._topic(owner, text, project)
            if context and self.kb.projects[context].phases and not strategy_named:
                return self._phases(self.kb.projects[context])
            if not context or strategy_named:
                return self._strategy_phases()
        if _LAW_TEXT.search(fold(text)):
            return self._declined(
                _(
                    "The project descriptions refer to laws by paragraph but don't quote "
                    "them. The laws themselves are at retsinformation.dk."
                ),
                project,
            )
        if live:  # also "hvordan gik kursusdagen", not only before the family answer above
            return self._declined(
                _(
                    "I only know the project descriptions, not how things are "
                    "going in practice (who takes part, results so far)."
                ),
                project,
            )
        if context and _OWN_TRACK.search(fold(text)):  # "er vores projekt i spor 1 eller 2"
            return self._declined(
                _("The sources don't place {name} in track 1 or track 2.").format(
                    name=self.kb.projects[context].short_name
                ),
                project,
            )

        # Questions about the project itself ("hvor mange penge", "hvad er målgruppen").
        project_intent = next((i for i in _PROJECT_INTENTS if i in found), None)
        if project_intent and not named_project and _ACROSS.search(fold(text)):
            # "hvilket af de fem initiativer har det største budget": each project's, also
            # when the one asking belongs to one of them
            return self._across_projects(project_intent, text, sphases)
        if (
            context
            and not project_intent
            and re.search(r"\b20\d\d\b", text)
            and not re.search(r"\bske[rt]?e?\b|\bforegaa|\bkvartal|\bkvt\b", fold(text))
            and all(t.isdigit() or t in self.question_stems for t in self._terms(text))
            and self.kb.projects[context].budget
        ):
            project_intent = "budget"  # "hvad er der til 2021?"
        if (
            project_intent == "period"
            and not ({"when", "duration"} & set(found))
            and "periode" not in fold(text)
        ):
            project_intent = None
        if project_intent == "period" and re.search(
            r"\b(?:denne|den her|nuvaerende) periode\b", fold(text)
        ):
            project_intent = None  # "hvad arbejder kommunerne med i den her periode": now
        if (
            project_intent is None
            and context
            and found[:1] in (["who"], ["facilitator"])
            and (top is None or top.kind == "project" or top.project != context)
            and {t for alts in self._beside_project(text) for t in alts} <= _DOING
        ):
            project_intent = "partners"  # "hvem skal udføre selve screeningen"
        project_ends = project_intent == "period" and bool(_PROJECT_ENDS.search(fold(text)))
        if (
            project_intent == "period"
            and top is not None
            and top.kind in {"phase", "activity"}
            and not project_ends
        ):
            project_intent = None  # "modningsfase periode mestring": the phase's own months
        if project_intent in {"period", "duration"} and _EARLIER.search(fold(text)):
            project_intent = None  # "det tidligere program … hvilke år kørte det": background
        beside = self._beside_project(text) if project_intent in {"duration", "period"} else []
        if beside and (
            top is None
            or (  # a section found by a rare word: "hvilke år kørte metodeprogrammet"
                top.kind == "section"
                and any(self.index.idf.get(a, 0.0) > RARE_IDF for alts in beside for a in alts)
            )
        ):  # "hvor lang tid varer hver gruppesession": not the project's own time either
            project_intent = None
        activity_time = top is not None and not project_ends and (
            (top.kind == "activity" and bool({"when", "next", "duration"} & set(found)))
            or (top.kind == "phase" and bool({"when", "duration"} & set(found)))
        )  # "hvor lang er modningsfasen i mestringsprojektet": the phase, not the project
        if project_intent == "timetable" and "next" in found and context and not activity_time:
            return self._next(context, today, project)  # "næste milepæl i tidsplanen"
        if (
            project_intent
            and context
            and not activity_time
            and (
                top is None
                or (top.kind == "topic" and project_intent != "evaluation")
                or project_intent in _ALWAYS_PROJECT
                or named_project is not None
                or (project_intent == "evaluation" and "duties" in found)
                or (project_intent == "evaluation" and top.kind == "strategy-phase")
                or (project_intent == "period" and top.kind not in {"phase", "activity"})
                or project_ends
            )
        ):
            several = _unique(s.project for s in self._named(candidates, "project") if s.project)
            if len(several) > 1 and project_intent != "phases":
                # "hvad har størst budget, udsatte unge eller psykisk misbrug": each of them
                each = [
                    self._project_field(self.kb.projects[p], project_intent, text, name_it=True)
                    for p in several[:3]
                ]
                given = [(a.text, a.sources) for a in each if a is not None and a.answered]
                if len(given) > 1:
                    return _combined("", given)
            answer = self._project_field(
                self.kb.projects[context], project_intent, text, name_it=context != project
            )
            if answer is not None and answer.answered and _track_in(text) is not None:
                # "SØM i spor 2?" in a project: what the project says, and the strategy's rule
                rule = self._strategy_search(text)
                if rule is not None and rule.sources != answer.sources:
                    return _combined("", [(answer.text, answer.sources), (rule.text, rule.sources)])
            if answer is not None and project_intent in _FREE_FIELDS:
                # "hvorfor ser screeningen ikke på samtalemetoder": the purpose does not say
                # it, a passage that names the samtalemetoder may
                better = self._search_for_rest(text, answer, candidates, project)
                if better is not None:
                    return better
            second = next(
                (i for i in found if i in _PROJECT_INTENTS and i != project_intent), None
            )
            if answer is not None and second is not None and re.search(r"\bog\b", text):
                # "hvilken fase er projektet i, og hvor lang tid varer det": both
                more = self._project_field(self.kb.projects[context], second, text, name_it=False)
                if more is not None and more.text not in answer.text:
                    return _combined("", [(answer.text, answer.sources), (more.text, more.sources)])
            if answer is not None:
                return answer
        if (
            project_intent in _ALWAYS_PROJECT
            and not context
            and (top is None or top.kind not in {"strategy-phase", "track", "topic"})
        ):
            return self._ask_which_project(text, project_intent)

        if (
            window is not None
            and context
            and (top is None or top.kind not in {"activity", "phase"})
        ):
            form = _FORM_ASKED.search(fold(text))  # "de fysiske aktiviteter resten af året"
            of_form = (
                {
                    a.id
                    for a in self.kb.projects[context].activities
                    if _FORMS[form[1]] in a.format
                }
                if form
                else None
            )
            return self._in_window(context, window, today, of_form)
        if (
            context
            and _LAST_ASKED.search(fold(text))
            and (top is None or top.kind not in {"activity", "phase"})
        ):
            return self._last(context, project)
        if (
            context
            and _FIRST_ASKED.search(fold(text))
            and not _TEAM_MEETING.search(fold(text))  # "det første møde i teamet": no dates
            and (top is None or top.kind not in {"activity", "phase"})
        ):
            # "hvornår mødes vi første gang med de andre kommuner": the first cross-municipal
            _forms, scopes = _cues(text)
            activities = self.kb.projects[context].activities
            first_of = {a.id for a in activities if a.scope in scopes} if scopes else None
            return self._last(
                context, project, first_of or None, first=True, where="where" in found
            )
        if context and "next" in found and (top is None or top.kind not in {"activity", "phase"}):
            kinds = self._kinds(text)
            held = {a.kind for a in self.kb.projects[context].activities}
            team = _TEAM_MEETING.search(fold(text))
            named_team = team is not None and any(
                stem(team[team.lastindex or 1]) in self._own_terms(s)
                for s in self.by_project[context]
                if s.kind == "activity"
            )
            if (kinds and not kinds & held) or (team and not named_team):
                # "næste netværksmøde" where there is no network; "næste møde i
                # implementeringsteamet": a team the sources give no meetings
                return self._declined(
                    _("The sources name no such activity in {name}.").format(
                        name=self.kb.projects[context].short_name
                    ),
                    project,
                )
            only = self._held_as_said(context, text)  # "det næste fysiske arrangement på
            if only:  # tværs af kommunerne"
                return self._next(context, today, project, only)
            return self._next(context, today, project)
        if (
            context
            and "next" in found
            and top is not None
            and top.kind == "activity"
            and not by_description
            and self._named_by_form(text, top)
        ):
            # "det næste tværkommunale arrangement": whichever cross-municipal one comes next;
            # "den næste fysiske workshop på tværs": of the workshops
            only = self._held_as_said(context, text, by_kind=True)
            answer = self._next(context, today, project, only or None)
            ahead = [
                a
                for _w, a, _o in self._dated(self.kb.projects[context], lambda w: w.end >= today)
                if not only or a.id in only
            ]
            if "where" in found and ahead:  # "… og hvor?": where the next one is held
                venue, cites = self._activity_field(ahead[0], "where")
                if venue is not None:
                    return _combined("", [(answer.text, answer.sources), (venue, cites)])
            return answer
        if top is None:
            if context and "list" in found:
                return self._next(context, today, project)
            if context and "phases" in found:
                return self._phases(self.kb.projects[context])
            return None

        rivals = [
            s
            for sc, s in things[1:]
            if sc >= top_score * 0.92 and s.kind == top.kind and s.key != top.key
        ]
        if not rivals and top.kind == "activity" and re.search(r"\bog\b|,", text):
            rivals = [  # "modul 1 og modul 3": each named by what sets it apart
                s
                for sc, s in things[1:4]
                if sc >= top_score * 0.5 and s.kind == top.kind and self._named_apart(text, top, s)
            ]
        if rivals and top.kind == "activity":
            if (
                ("next" in found or "when" in found)
                and len({s.project for s in rivals}) == 1
                and rivals[0].project == top.project
            ):
                return self._next_of(
                    [top, *rivals], today, project, listing="next" not in found
                )
            same_project = all(s.project == top.project for s in rivals)
            if same_project and window is not None and top.project is not None:
                # "er der mere kompetenceudvikling inden jul": those of them in the window
                only = {s.ref.id for s in (top, *rivals)}  # type: ignore[attr-defined]
                return self._in_window(top.project, window, today, only)
            if same_project or all(s.label == top.label for s in rivals):
                return self._activities_across(
                    [top, *rivals], found, text, today, window, project
                )
            return self._clarify(text, [top, *rivals])
        if rivals and top.kind == "strategy-phase" and {"duration", "purpose"} & set(found):
            rivals = []  # "hvor lang tid er screenings- og udbredelsesfasen": both, below
        if rivals and top.kind in {"phase", "strategy-phase", "track"}:
            return self._clarify(text, [top, *rivals])

        if top.kind == "activity":
            return self._activity(top, found, text, today, window, project)
        if top.kind == "phase":
            if "where" in found:  # "hvilken adresse skal jeg sætte i GPS'en til fælles opstart"
                place = next(
                    (
                        s
                        for _sc, s in things[1:4]
                        if s.kind == "activity" and s.project == top.project
                    ),
                    None,
                ) or self._placed_in(top, today)
                if place is not None:
                    return self._activity(place, found, text, today, window, project)
            if "criteria" in found or ("duration" in found and not context):
                return self._strategy_phase_for(top, found, text)
            if context and "phases" in found:
                return self._phases(self.kb.projects[context])
            others = [  # "hvornår er opstartsfasen og modningsfasen": both
                s
                for _sc, s in (things[1:4] if re.search(r"\bog\b", text) else [])
                if s.kind == "phase"
                and s.project == top.project
                and self._named_apart(text, top, s)
            ]
            if others:
                parts = [self._phase(p, found, today) for p in (top, *others)]
                return _combined("", [(a.text, a.sources) for a in parts if a.answered])
            return self._phase(top, found, today)
        if top.kind == "strategy-phase":
            if found and set(found) <= {"where", "who", "when", "next"}:
                return None  # the strategy's phases have no place or date: search instead
            if len(sphases) > 1 and {"duration", "purpose"} & set(found):
                # "hvor længe varer afprøvning og udbredelse": each of them
                parts = [
                    self._strategy_phase(p.ref, found, text)  # type: ignore[arg-type]
                    for p in sorted(sphases, key=self._phase_order)[:3]
                ]
                return _combined("", [(a.text, a.sources) for a in parts if a.answered])
            if context and "criteria" not in found and self._residual(text, top):
                return None  # "til hvor mange aktører skal indsatsen udbredes": the project
            return self._strategy_phase(top.ref, found, text)  # type: ignore[arg-type]
        if top.kind == "track":
            if self._residual(text, top):
                hit = self._strategy_search(text)
                if hit is not None:
                    return hit
            return self._track(top.ref)  # type: ignore[arg-type]
        if context and "phases" in found:
            return self._phases(self.kb.projects[context])
        if top.kind == "section" or (
            top.kind == "topic"
            and (not context or _asks_the_strategy(fold(text), named=named_project is not None))
        ):  # a strategy topic, unless a project is asked about
            answer = self._topic(top, text, project)
            # "hvordan skal vi opgøre omkostninger til evalueringen": the section named by
            # "evaluering" does not say it, another passage does
            searched = self._search_text(text, candidates, project)
            better = self._search_for_rest(text, answer, candidates, project, searched)
            return better or self._with_more(text, answer, searched)
        if top.kind == "strategy":
            return (
                self._strategy_search(text)
                if self._residual(text, top)
                else self._strategy_summary()
            )
        return None

    @staticmethod
    def _named(candidates: list[tuple[float, Subject]], kind: str) -> list[Subject]:
        """The subjects of one kind the question names, best first: those that score at
        least half of the best one."""
        scored = [(sc, s) for sc, s in candidates if s.kind == kind]
        return [s for sc, s in scored if sc >= 0.5 * scored[0][0]] if scored else []

    def _phase_order(self, s: Subject) -> int:
        return [p.id for p in self.kb.strategy.phases].index(s.ref.id)  # type: ignore[attr-defined]

    @staticmethod
    def _one_word_names(a: Activity) -> set[str]:
        """The stems of the names an activity has that are one word ("modningsworkshop")."""
        return {stem(n) for n in (a.name, *a.aliases) if len(words(n)) == 1}

    def _own_terms(self, s: Subject) -> set[str]:
        return {
            t for e in self.lexicon.entries if e.subject.key == s.key for p in e.phrases for t in p
        }

    def _gave_up(self, project: str | None) -> set[str]:
        """The replies that say only that the answer was not found: "Det ved jeg desværre
        ikke", and that no time, length or figure was found."""
        said = [
            _("The sources don't say when."),
            _("The sources don't say how long."),
            _("The sources give no figure for that."),
        ]
        return {self._unknown(project).text} | {self._declined(x, project).text for x in said}

    def _described(self, text: str, project: str) -> Subject | None:
        """The project's activity a question describes without naming it: the activity
        whose passage holds most of the question, told apart by how it is held, when no
        other activity comes near."""
        hits = self.index.search(
            self._search_terms(text) + self._nouns(text),
            project=project,
            named={project},
            ignore=self.question_stems,
            limit=12,
            asked=self._asked(text),
        )
        by_name = {s.label: s for s in self.by_project[project] if s.kind == "activity"}
        scored = sorted(
            (
                # coverage counts twice: a passage found by a synonym's many words ("kommer
                # ud til os": a visit) is not one that holds what the question describes
                (h.score * h.coverage**2, by_name[h.passage.title])
                for h in hits
                if h.passage.project == project
                and h.passage.title in by_name
                and h.coverage >= DESCRIBED_COVERAGE
            ),
            key=lambda x: -x[0],
        )
        return _standing_out(_by_form(text, scored))

    def _named_as_found(
        self,
        text: str,
        qterms: list[str],
        candidates: list[tuple[float, Subject]],
        project: str | None,
    ) -> list[tuple[float, Subject]]:
        """For "hvad kalder man …" the candidate whose passage holds the whole description
        goes first ("vurderingen af, om kriterierne for næste fase er opfyldt": the
        SUSI-vurdering, not the phases in general)."""
        hits = self.index.search(
            qterms + self._nouns(text),
            project=project,
            named=set(),
            ignore=self.question_stems,
            limit=1,
            asked=self._asked(text),
        )
        if not hits or hits[0].coverage < 0.9:
            return candidates
        title = fold(hits[0].passage.title)
        found = [c for c in candidates if c[1].kind == "topic" and fold(c[1].label) == title]
        return found + [c for c in candidates if c not in found] if found else candidates

    def _in_background(self, text: str, project: str) -> bool:
        """Whether every year the question names stands in the project's own passages, as
        the background's figures do ("i skoleåret 2015/2016")."""
        years = re.findall(r"\b(?:19|20)\d\d(?:/(?:19|20)?\d\d)?\b", text)
        return bool(years) and all(
            any(y in p.text for p in self.index.items if p.project == project) for y in years
        )

    def _described_phase(self, description: str) -> StrategyPhase | None:
        """The strategy's phase a question describes without naming it (the `description`
        after "den fase hvor": "kommunerne færdigudvikler indsatsen"): the phase whose
        passages hold the description best, when no other phase comes near."""
        # "klar til afprøvning", "før udbredelsen": the phase after, not the one described
        described = re.sub(
            r"\b(?:til|foer|inden|efter)\s+(?:screening|modning|afproevning|udbredelse)\w*",
            " ",
            description,
        )
        phases = {fold(p.name): p for p in self.kb.strategy.phases}
        said_by = {  # "tester" is a word for afprøvning
            name
            for alts in self._asked(described)
            for name, p in phases.items()
            if set(alts[1:]) & {t for n in (p.name, *p.aliases) for t in terms(n)}
        }
        if len(said_by) == 1:
            return phases[said_by.pop()]
        hits = self.index.search(
            self._search_terms(described),
            project=None,
            named=set(),
            ignore=self.question_stems,
            limit=12,
            strategy_only=True,
            asked=self._asked(described),
        )
        best: dict[str, float] = {}
        for h in hits:
            section = h.passage.source.section
            name = fold(section.split(" – ")[0])  # where it stands
            if name in phases and "Kriterier" not in section:  # those are the next phase's
                best[name] = max(best.get(name, 0.0), h.score * h.coverage)
        found = _standing_out(sorted(((sc, name) for name, sc in best.items()), reverse=True))
        return None if found is None else phases[found]

    def _beside_project(self, text: str) -> list[tuple[str, ...]]:
        """What the question names besides the project and the asking ("hvor lang tid varer
        hver gruppesession" names a session; "hvor længe løber skolefraværsprojektet" nothing)."""
        asking = intent_stems(text, generic=True) | self.question_stems | self.project_terms
        return [
            alts
            for alts in self._asked(text)
            if alts[0] not in asking
            and alts[0] not in _GENERAL_TERMS | _RUNNING
            and not alts[0].isdigit()
            and not self._names_project(alts[0])
        ]

    def _held_as_said(self, project_id: str, text: str, by_kind: bool = False) -> set[str]:
        """The ids of the project's activities held as the question says: in its forms
        ("fysisk") and scopes ("på tværs af kommunerne"), with `by_kind` of the kind it names
        ("workshop"); empty when it says none of these."""
        forms, scopes = _cues(text)
        kinds = self._kinds(text, names=False) if by_kind else set()
        if not (forms or scopes or kinds):
            return set()
        return {
            a.id
            for a in self.kb.projects[project_id].activities
            if (not scopes or a.scope in scopes)
            and (not forms or forms & set(a.format))
            and (not kinds or a.kind in kinds)
        }

    def _named_by_form(self, text: str, s: Subject) -> bool:
        """Whether the question names activity `s` only by how it is held ("det næste
        tværkommunale arrangement i Odense" shares no more than how and where with the
        workshops), maybe with its kind ("workshop … på tværs af kommunerne")."""
        a: Activity = s.ref  # type: ignore[assignment]
        said = set(self._plain_terms(text)) & self._own_terms(s) - self.question_stems
        place = re.sub(r"\(.*?\)", "", a.place or "")  # "Odense (kursus med internat)"
        held = _FORM_WORDS | set(terms(place))  # "i Odense"
        # "den næste workshop på tværs af kommunerne": a kind, said with how it is held
        how = bool(said & held or _cues(text)[1])
        return bool(said) and said <= held | set(_KIND_WORDS) and how

    def _following(self, text: str, word: str, project: str) -> Subject | None:
        """The activity of the kind asked that comes `ordinal`-th after the one `word`
        names ("internatet" -> modul 1; "den første kursusdag efter internatet" -> modul 2a)."""
        named = [
            s
            for s in self.by_project[project]
            if s.kind == "activity" and stem(word) in self._own_terms(s)
        ]
        family = self._family(text, project)
        if len(named) != 1 or named[0] not in family:
            return None
        before: Activity = named[0].ref  # type: ignore[assignment]
        if not before.occurrences:
            return None
        over = max(o.when.end for o in before.occurrences)
        starts = [
            (min(o.when.start for o in f.ref.occurrences), f)  # type: ignore[attr-defined]
            for f in family
            if f.ref.occurrences  # type: ignore[attr-defined]
        ]
        later = sorted((x for x in starts if x[0] > over), key=lambda x: x[0])
        n = ordinal(text) or 1
        return later[n - 1][1] if 0 < n <= len(later) else None

    def _left_out(self, text: str, project: str | None) -> Answer | None:
        """The sentence of the asker's project (or the strategy) that says what is not
        covered, when it shares a word with the question ("screeningen omfatter ikke …")."""
        asked = set(self._plain_terms(text)) - self.question_stems
        for p in self.index.items:
            if p.project != project:
                continue
            for sentence in _sentences(p.text):
                if _EXCLUSION.search(fold(sentence)) and asked & set(terms(sentence)):
                    return Answer(
                        True,
                        sentence + self._source_line([p.source]),
                        self._cites([p.source]),
                    )
        return None

    def _named_by_kind(self, text: str, s: Subject, family: list[Subject]) -> bool:
        """Whether the question names activity `s` only by words all its `family` share
        ("kursus for praktikerne" fits every module; "kurset med internat" only modul 1)."""
        said = set(self._plain_terms(text)) & self._own_terms(s) - self.question_stems
        shared = set.intersection(*(self._own_terms(f) for f in family))
        return said <= shared | set(_KIND_WORDS) and not self._named_by_number(text, s)

    def _named_by_number(self, text: str, s: Subject) -> bool:
        """Whether the question names `s` by its number ("modul 3", "workshop 2")."""
        numbers = set(re.findall(r"\b\d+[a-z]?\b", fold(s.label)))
        return bool(numbers & set(re.findall(r"\b\d+[a-z]?\b", fold(text))))

    def _named_apart(self, text: str, top: Subject, other: Subject) -> bool:
        """Whether the question names `other` by a word `top`'s name lacks ("3" in "modul 1
        og modul 3")."""
        own = self._own_terms(other) - self._own_terms(top)
        return bool(own & set(self._plain_terms(text)))

    def _family(self, text: str, project: str) -> list[Subject]:
        """The project's activities of the kind a question word names: "workshopperne" ->
        the modningsworkshops and the afslutningsworkshop."""
        kinds = self._kinds(text, names=False)
        if len(kinds) != 1:
            return []
        return [
            s
            for s in self.by_project[project]
            if s.kind == "activity" and s.ref.kind in kinds  # type: ignore[attr-defined]
        ]

    def _kinds(self, text: str, names: bool = True) -> set[str]:
        """The kinds of activity the question's words name: "workshopperne", and compounds
        ending in one ("erfaringsworkshops"; with `names` also names like "modningsworkshop")."""
        return {
            kind
            for t in self._plain_terms(text)
            for word, kind in _KIND_WORDS.items()
            if t == word or (t.endswith(word) and (names or t not in self.lexicon.idf))
        }

    def _placed_in(self, phase: Subject, today: dt.date) -> Subject | None:
        """The phase's activity that has a place, the next one from today first: "fælles
        opstart" asked where is its start-up meeting."""
        placed = [
            s
            for s in self.by_project[phase.project or ""]
            if s.kind == "activity"
            and phase.ref.id in s.ref.phase  # type: ignore[attr-defined]
            and (s.ref.place or s.ref.address)  # type: ignore[attr-defined]
        ]

        def first(s: Subject) -> dt.date:
            starts = [o.when.start for o in s.ref.occurrences]  # type: ignore[attr-defined]
            ahead = [d for d in starts if d >= today]
            return min(ahead) if ahead else dt.date.max

        return min(placed, key=first, default=None)

    def _phases_of(self, text: str, project: str | None) -> Subject | None:
        """The topic whose phases the question asks about, when it names one besides the
        phases themselves ("faserne i implementeringsstøtten")."""
        rest = re.sub(r"\bfase\w*", " ", fold(text))
        qterms = self._with_compounds(self._plain_terms(rest), rest)
        found = [  # an activity without phases sets no bar: "faserne i implementeringsstøtten"
            (sc, s)
            for sc, s in self._candidates(qterms, project)[:3]
            if s.kind != "activity"
            or re.search(r"\bfase", fold(search_activity_text(s.ref)))  # type: ignore[arg-type]
        ]
        for score, s in found:
            if (
                s.kind in {"topic", "section"}
                and s.project in (None, project)  # not another project's overview
                and score >= 0.6 * found[0][0]
                and "fase" in fold(s.ref.text)  # type: ignore[attr-defined]
            ):
                return s
        return None

    def _search_for_rest(
        self,
        text: str,
        answer: Answer,
        candidates: list[tuple[float, Subject]],
        project: str | None,
        found: Answer | None = None,
    ) -> Answer | None:
        """A passage that holds what the question asks about when `answer` does not;
        `found`: the search's answer, when it is already at hand."""
        # a project's own name is not what is asked about; a word of a by-name is
        # ("MOVE" of "MOVE-screeningen": "hvorfor screene, når MOVE virker")
        asking = intent_stems(text, generic=True) | self.question_stems | self.project_names
        rest = [alts for alts in self._asked(text) if alts[0] not in asking and len(alts[0]) > 2]
        if not rest:
            return None
        idf = self.index.idf  # a word the sources lack ("købt") tells nothing here, and one
        # whose other form is common ("screenes" beside "screening") tells little
        telling: tuple[str, ...] = max(
            rest,
            key=lambda alts: (
                any(a in idf for a in alts),  # "udlevere": "udlevering" is known
                min((idf[a] for a in alts if a in idf), default=0.0),
            ),
        )
        if _holds(answer.text, telling):  # the question's most telling word or a synonym
            return None
        found = found or self._search_text(text, candidates, project)
        if not found.answered or not _holds(found.text, telling):
            return None
        held = [sum(_holds(a, alts) for alts in rest) for a in (answer.text, found.text)]
        # what the asking words stand for ("hvor gamle": "år") must not be lost on the way
        kind = [alts[1:] for alts in self._asked(text) if alts[0] in asking and len(alts) > 1]
        lost = any(_holds(answer.text, k) and not _holds(found.text, k) for k in kind)
        if _PHASE_OF_THING.search(fold(text)):  # "i hvilken fase …": the phase named
            lost = lost or bool(_PHASE_NAMED.search(fold(answer.text))) > bool(
                _PHASE_NAMED.search(fold(found.text))
            )
        return found if held[1] > held[0] and not lost else None  # it holds more of what is asked

    def _with_more(self, text: str, answer: Answer, found: Answer) -> Answer:
        """`answer` and, when the search's answer `found` is another passage that names all
        the question asks about, its best sentences after it ("hvad monitorerer
        Socialstyrelsen i udbredelsesfasen": two parts of the Drejebog)."""
        if not found.answered or found.sources == answer.sources:
            return answer
        asked = [alts for alts in self._asked(text) if alts[0] not in self.question_stems]
        head = _body(found.text)
        if not asked or not all(_holds(head, alts) for alts in asked):
            return answer
        body = head.split("\n", 1)[-1] if head.startswith("(") else head  # "(Projekt: …)"
        extra = body.split(": ", 1)[-1]
        if extra in answer.text:
            return answer
        return _combined("", [(answer.text, answer.sources), (_snippet(extra, 300), found.sources)])

    def _search_text(
        self, text: str, candidates: list[tuple[float, Subject]], project: str | None
    ) -> Answer:
        """The search's answer to `text` (`_search` with the question's own terms); when the
        whole question finds nothing, its asking part alone ("sidder med
        rusmiddelscreeningen - hvad er MOVE": MOVE). A word whose meaning is asked is looked
        up first ("hvad mener de med kerneelementer? det ord bruges hele tiden")."""
        asking = _asking_part(text)
        if asking != text and _defined(asking):
            meaning = self._search(asking, self._search_terms(asking), candidates, project)
            if meaning.answered:
                return meaning
        answer = self._search(text, self._search_terms(text), candidates, project)
        defined = self._defined_term(text)
        if not answer.answered and defined:  # "min forgænger nævnte en midtvejsrapport, hvad
            # er det?": the word alone
            meaning = self._search(f"hvad er {defined}", [defined], candidates, project)
            if meaning.answered:
                return meaning
        if answer.answered or asking == text:
            return answer
        # ranked by all the question says, judged by what its asking part asks, and about
        # our own project when the scene is ours ("vi er usikre på … – er der hjælp at hente?")
        ours = bool(re.search(r"\b(?:vi|vores|jeg|min|mine|os)\b", fold(text)))
        return self._search(asking, self._search_terms(text), candidates, project, own_only=ours)

    def _search_terms(self, text: str) -> list[str]:
        return self._with_compounds(self._plain_terms(text), text)

    def _dated_search(
        self, text: str, project: str | None, in_scope: bool = False
    ) -> Answer | None:
        """The best passage that holds the question's words and a time ("hvornår ligger
        den endelige indsatsbeskrivelse klar" -> the timetable's "4. kvartal 2023")."""
        qterms = self._search_terms(text)
        named = {s.project for _, s in self._candidates(qterms, project) if s.kind == "project"}
        hits = self.index.search(
            qterms + self._nouns(text),
            project=project,
            named={p for p in named if p},
            ignore=self.question_stems,
            limit=8,
            asked=self._asked(text),
            want_time=True,
        )
        wanted = named or ({project} if project else set())
        for hit in hits:
            if hit.coverage < MIN_COVERAGE or (wanted and hit.passage.project not in wanted):
                continue
            if in_scope and not wanted and hit.passage.project is not None:
                continue  # a question about the strategy: not some project's date
            if not has_time(hit.sentences):
                continue
            body = f"{hit.passage.title}: {hit.sentences}"
            return Answer(
                True,
                body + self._source_line([hit.passage.source]),
                self._cites([hit.passage.source]),
            )
        return None

    def _search(
        self,
        text: str,
        qterms: list[str],
        candidates: list[tuple[float, Subject]],
        project: str | None,
        own_only: bool = False,
    ) -> Answer:
        """The best passage for the question; `own_only`: only one of the project asked
        about or named, when there is one."""
        named = {s.project for _, s in candidates if s.kind == "project" and s.project}
        defined, counted = self._defined_term(text), _counted(text)
        wants_number = _wants_number(text)
        nouns = self._nouns(text)

        def covering(asked: list[tuple[str, ...]]) -> list[Hit]:
            """The passages that hold enough of what is asked, best first."""
            hits = self.index.search(
                qterms + nouns,
                project=project,
                named=named,
                ignore=self.question_stems,
                limit=8,
                asked=asked,
                want_number=wants_number,
                counted=counted,
                defined=defined,
            )
            return [h for h in hits if h.coverage >= MIN_COVERAGE]

        asked = self._asked(text)
        wanted = named or ({project} if project else set())
        if wanted:  # "hvor mange aktører skal have rr2": a name the passages spell
            # otherwise ("R&R2") is the project, not something asked about
            asked = [
                alts
                for alts in asked
                if alts[0] not in self.project_names or any(a in self.index.idf for a in alts)
            ] or asked
        good = covering(asked)
        as_name = [  # "skolefraværsprojektet" is the project too, if its passages answer
            alts
            for alts in asked
            if any(a in self.index.idf for a in alts) or not self._names_project(alts[0])
        ]
        if wanted and as_name and as_name != asked:
            own = covering(as_name)
            if any(h.passage.project in wanted for h in own):
                good = own
        if own_only and wanted:
            good = [h for h in good if h.passage.project in wanted]
        if not good:
            return self._unknown(project)
        # what holds more of the question first, when the scores are near: "styrelser" is
        # no "styring"
        good.sort(key=lambda h: -h.score * (0.8 + 0.2 * h.coverage))
        content = bool(_CONTENT_ASKED.search(fold(text)))
        if content and len(good) > 1:
            # "hvad skal vidensnotatet indeholde": the passage that says what it holds goes
            # before one that only names it ("Vidensnotatet foreligger")
            good = _near_first(good, 0.5, lambda h: not _CONTENT_SAID.search(fold(h.sentences)))
        if re.match(r"\W*hvornaar\b", fold(text)) and len(good) > 1:
            # "hvornår blev screeningen lavet": of passages near the best, the one that says
            # when most precisely ("i foråret 2019" before "programmet for 2019")
            good = _near_first(good, 0.9, lambda h: -_time_precision(h.sentences))
        if defined:  # "hvad mener de med kerneelementer": the passage that says what they are
            good.sort(key=lambda h: not defines(h.sentences, defined))
        if wants_number:  # "hvor mange kommuner": a passage that gives a number
            good = sorted(
                good,
                key=lambda h: (
                    not counts(h.sentences, counted),
                    not has_figure(h.sentences),
                ),
            )
        hit = next((h for h in good if h.passage.project in wanted), good[0])
        if (
            content
            and _CONTENT_SAID.search(fold(good[0].sentences))
            and not _CONTENT_SAID.search(fold(hit.sentences))
            and _time_precision(hit.sentences) == 2
        ):  # "hvad skal evalueringsrapporten indeholde": what the Drejebog says it holds,
            # not the date of the project's own report
            hit = good[0]
        if defined and defines(good[0].sentences, defined):
            hit = good[0]  # what a word means, wherever it is said
        if named and hit.passage.project is not None and hit.passage.project not in named:
            # "hvornår er modul 3 i skolefraværsprojektet": only another project has one
            return self._declined(
                _("The sources say nothing about that for {name}.").format(
                    name=" / ".join(self.kb.projects[p].short_name for p in sorted(named))
                ),
                project,
            )
        if counted and wants_number and not counts(hit.passage.text, counted):
            # "hvor mange kommuner er med": a passage that counts none is no answer
            return self._declined(_("The sources give no figure for that."), project)
        other = hit.passage.project
        if project and not named and other not in (None, project) and not self._own_words_of(
            other, qterms, project
        ):  # "hvem skal sørge for lokale og mad?" from udsatte unge: mestring-born's workshop
            return self._declined(
                _("The sources say nothing about that for {name}.").format(
                    name=self.kb.projects[project].short_name
                ),
                project,
            )
        head = ""
        if hit.passage.project and hit.passage.project != project:
            head = self._project_note(hit.passage.project, project)
        body = f"{hit.passage.title}: {hit.sentences}"
        return Answer(
            True,
            head + body + self._source_line([hit.passage.source]),
            self._cites([hit.passage.source]),
        )

    def _not_evaluated(
        self, asking: str, project_id: str | None, asker: str | None
    ) -> Answer | None:
        """A yes/no question whether the project is evaluated ("bliver der lavet en
        evalueringsrapport af screeningen"), when its description says it is not: its
        evaluation, as a question about it answers (named when not the `asker`'s own)."""
        project = self.kb.projects[project_id] if project_id else None
        if (
            project is None
            or project.evaluation is None
            or not re.search(r"\bevalueres ikke\b", fold(project.evaluation.text))
            or not _YES_NO_EVALUATED.search(asking)
        ):
            return None
        return self._project_field(project, "evaluation", "", name_it=project.id != asker)

    def _own_words_of(self, other: str, qterms: list[str], project: str) -> bool:
        """Whether the question says a word only project `other` uses, not the asker's own
        ("MOVE", "modul 2a"): then the other project is what is asked about."""

        def used(p: str, t: str) -> bool:
            return any(
                t in toks
                for toks, item in zip(self.index.tokens, self.index.items, strict=True)
                if item.project == p
            )

        return any(used(other, t) and not used(project, t) for t in qterms)

    def _names_project(self, term: str) -> bool:
        """Whether a compound is a project's name and a word for a project
        ("skolefravaersprojek", "ungeinitiativ")."""
        m = re.fullmatch(r"(\w{3,}?)e?s?(?:projek|initiativ|indsats|model)\w*", term)
        return m is not None and any(
            n.startswith(m[1])
            or m[1].startswith(n)
            or (len(m[1]) >= 6 and n.endswith(m[1]))  # "fraværsprojektet": skolefravær
            for n in self.project_names
            if len(n) >= 3
        )

    def _listed(self, text: str, project: str | None, asked_for: str | None) -> Answer | None:
        """The project's facts that each name one of a plural thing the question asks for
        ("hvad er kerneelementerne" -> "Kerneelement i): …", "Kerneelement ii): …")."""
        if project is None or not re.search(r"\b\w+(?:erne|ene|er)\b", fold(text)):
            return None
        asked = {stem(w) for w in words(text) if re.fullmatch(r"\w{4,}(?:erne|ene|er)", fold(w))}
        items = [
            p
            for p in self.index.items
            if p.project == project
            and _NUMBERED_FACT.match(p.text)
            and stem(words(p.text)[0]) in asked
        ]
        if len(items) < 3:
            which = re.search(
                r"\b(?:hvilke|hvad (?:er|hedder|bestaar)|naevn)(?: de| alle)?"
                r"(?: (?:to|tre|fire|fem|seks|syv|otte|\d+))? (\w+(?:er|erne|ene))\b",
                fold(text),
            )  # "hvilke faser", "hvad er de fire byggesten": the thing listed
            if which:
                return self._enumerated(project, {stem(which[1])}, asked_for)
            terse = len(words(text)) <= 4  # "kerneelementer skolefravaer model"
            return self._enumerated(project, asked, asked_for) if terse else None
        lines = [f"• {_strip_dot(p.text)}" for p in items[: MAX_ITEMS + 2]]
        sources = [p.source for p in items]
        return Answer(
            True,
            self._project_note(project, asked_for)
            + "\n".join(lines)
            + self._source_line(sources),
            self._cites(sources),
        )

    def _enumerated(
        self, project: str, asked: set[str], asked_for: str | None
    ) -> Answer | None:
        """The project's sentence that counts the asked thing and lists it ("Modellen
        forventes at bestå af fire kerneelementer: samarbejdsstruktur, opsporing, …")."""
        for counted in sorted(asked):
            found = self.enumerations.get((project, counted))
            if found is not None:
                p, sentence = found
                return Answer(
                    True,
                    self._project_note(project, asked_for)
                    + f"{p.title}: {' '.join(sentence.split())}"
                    + self._source_line([p.source]),
                    self._cites([p.source]),
                )
        return None

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
    ) -> Answer | None:
        a: Activity = s.ref  # type: ignore[assignment]
        head = self._project_note(s.project, asked_project)
        asking = _asking_part(text)  # "opstartsinterviewet med evalueringen - hvornår?"
        found = (
            (self._intents_beside(asking, s) if asking != text else [])
            or self._intents_beside(text, s)
            or found
        )
        if found[:1] == ["evaluation"] and len(found) > 1:
            found = found[1:]  # "opstartsinterview med evalueringen, hvornår": when, not duties
        counted = _counted(text)
        if counted and "frequency" not in found and set(counted) & self._one_word_names(a):
            found = ["frequency", *found]  # "hvor mange modningsworkshops er der": how many
        intent = next((i for i in found if i in _ACTIVITY_INTENTS), "what")
        if intent in {"what", "list", "duties"} and window is not None:
            intent = "when"  # "er der X i august 2024", "skal vi lave X i næste kvartal"
        body: str | None
        if intent == "where" and _ADDRESS.search(fold(text)) and not a.address:
            place = ", ".join(x for x in (a.place, _format_text(a)) if x)
            said = _("The sources give no address for {name}.").format(name=_called(a.name))
            if place:
                said += " " + _("They only say: {place}.").format(place=place)
            return Answer(False, head + said + self._source_line(a.sources), self._cites(a.sources))
        if _PROGRAMME.search(fold(text)):  # "hvad står der på programmet til workshoppen"
            if not a.programme:
                said = _("The sources give no programme for {name}.").format(
                    name=_called(a.name)
                )
                return Answer(
                    False, head + said + self._source_line(a.sources), self._cites(a.sources)
                )
            intent = "structure"
        if (
            intent == "what"
            and _CONTENT_ASKED.search(fold(text))
            and not (a.description or a.programme or a.purpose)
        ):  # "hvad skal der stå i evalueringsrapporten": not said of the project's own report
            return None
        n = ordinal(text)
        if n is not None and n > len(a.occurrences) > 1:  # "modningsworkshop nr 4": only three
            said = _("The sources name {count} of {name}, not a number {n}.").format(
                count=len(a.occurrences), name=_called(a.name), n=n
            )
            return Answer(False, head + said + self._source_line(a.sources), self._cites(a.sources))
        combinable = _FIELD_INTENTS | {"when", "frequency", "how", "purpose", "structure", "duties"}
        where_asked = intent == "where" or (
            "where" in found and _WHERE_ASKED.search(fold(text)) is not None
        )
        if where_asked and not (a.place or a.address or a.format):
            # "hvor og hvornår er YBP-workshoppen": say that where is not known, and the rest
            said = _("The sources don't say where {name} takes place.").format(
                name=_called(a.name)
            )
            others = [
                self._activity_part(a, i, found, text, today, window)
                for i in found
                if i in combinable and i != "where"
            ][:2]
            given = [(body, cites) for body, cites in others if body is not None]
            if given:
                rest = _combined("", given)
                return Answer(False, head + said + "\n" + rest.text, rest.sources)
            return Answer(False, head + said + self._source_line(a.sources), self._cites(a.sources))
        residual = self._residual(text, s)
        if residual:  # the question asks about something beyond the activity's name
            detail = self._activity_detail(a, s.project, residual)
            if detail is not None and intent in {"what", "how", "list", "structure"}:
                # "hvordan foregår netværket, og hvem styrer det": the detail and the rest
                others = [
                    self._activity_part(a, i, found, text, today, window)
                    for i in found
                    if i in combinable and i not in {intent, "how"}
                ][:2]
                answered = [(b, c) for b, c in others if b is not None]
                if answered:
                    return _combined(head, [(detail[0], detail[1]), *answered])
                return Answer(True, head + detail[0], detail[1])
            second = re.search(r"\bog\b|,", text) is not None  # "…, og skal vi sørge for mad"
            if detail is not None and (detail[2] >= 0.99 or second):  # "hvornår er modul 1 og
                part, cites = self._activity_part(
                    a, intent, found, text, today, window
                )  # skal vi overnatte?"
                if part is None:
                    return Answer(True, head + detail[0], detail[1])
                if detail[2] < 0.99:  # only the sentence that holds it
                    detail = self._activity_detail(a, s.project, residual, limit=200) or detail
                also = [  # "… – hvornår og hvor er den": the second thing asked too
                    self._activity_part(a, i, found, text, today, window)
                    for i in found
                    if i in _FIELD_INTENTS and i != intent
                ][:1]
                answered = [(b, c) for b, c in also if b is not None]
                return _combined(head, [(part, cites), *answered, (detail[0], detail[1])])
            if detail is None and intent in {"what", "how", "list"}:
                return None  # not about this activity after all: search, or say so
            if (
                detail is None
                and intent == "frequency"
                and a.recurrence is None
                and len(a.occurrences) <= 1
            ):  # "hvor mange gange skal vi skaffe unge til interview": not this one-off
                return None
        what_is = re.match(r"\s*hvad er (?:det |den |et |en )?(\w+)", fold(text))
        if what_is and stem(what_is[1]) in self._own_terms(s) and re.search(r"\bog\b", text):
            # "hvad er det indledende telefonmøde, og hvornår ligger det": all about it
            body, sources = self._activity_overview(a, today)
            return Answer(True, head + body, sources)
        extra = [i for i in found if i in combinable | {"next"} and i not in {intent, "when"}]
        if "when" in found and intent != "when" and "next" not in extra:
            extra.insert(0, "when")
        if intent in combinable and extra:  # "hvornår og hvor længe?": answer both
            parts = [
                self._activity_part(a, i, found, text, today, window) for i in [intent, *extra[:2]]
            ]
            answered = [(body, cites) for body, cites in parts if body is not None]
            if len(answered) > 1:
                return _combined(head, answered)
        body, sources = self._activity_part(a, intent, found, text, today, window)
        if body is None and intent == "duration" and (
            a.kind in _EVENTS_HELD or a.recurrence is not None
        ):  # "hvor mange dage varer træneruddannelsen": not the two days of another course;
            # "hvor lang tid varer sparringsmøderne": each meeting's length is not given
            return self._declined(_("The sources don't say how long."), asked_project)
        if body is None:
            detail = self._activity_detail(a, s.project, residual or self._asked(text))
            if detail is not None:
                body, sources = detail[0], detail[1]
            elif intent in {"duties", "purpose", "how", "structure"}:
                body, sources = self._activity_overview(a, today)
            else:
                return None
        return Answer(True, head + body, sources)

    def _intents_beside(self, text: str, s: Subject) -> list[str]:
        """What the question asks besides the subject's own name: "selvevaluering, hvor tit"
        asks how often, not about evaluation."""
        own = self._own_terms(s)
        rest = " ".join(
            w for w in words(text) if stem(w) not in own or stem(w) in self.question_stems
        )
        found = intents(rest)
        return found if any(i in _ACTIVITY_INTENTS and i != "what" for i in found) else []

    def _activity_part(
        self,
        a: Activity,
        intent: str,
        found: list[str],
        text: str,
        today: dt.date,
        window: Window | None = None,
    ) -> tuple[str | None, list[str]]:
        """The answer about one activity for one intent (None when the data lacks it)."""
        if intent in {"when", "next"}:
            return self._activity_when(a, found, text, today, window)
        spans = any(o.when.is_span for o in a.occurrences)
        if intent == "duration" and a.duration is None and spans and a.kind not in _EVENTS_HELD:
            # (a course or a workshop held some time in a span lasts no span: not said)
            # "hvor længe modnes modellen": from when to when is how long it runs
            return self._activity_when(a, found, text, today, window)
        if intent in {"where", "who", "duration", "facilitator", "purpose", "format"}:
            return self._activity_field(a, intent)
        if intent == "how":  # how is it done: its form and how often, else its description
            parts = [self._activity_field(a, "format")]
            if a.recurrence is not None:
                parts.append(self._activity_frequency(a, today))
            given = [(body, cites) for body, cites in parts if body is not None]
            if len(given) > 1:
                joined = _combined("", given)
                return joined.text, joined.sources
            return given[0] if given else (None, [])
        if intent in {"duties", "evaluation"}:
            return self._activity_field(a, "duties")
        if intent == "frequency":
            return self._activity_frequency(a, today)
        if intent == "structure" and a.programme:  # what it consists of: its programme
            text = a.name + ":\n" + "\n".join(f"• {x}" for x in a.programme[:MAX_ITEMS])
            return text + self._source_line(a.sources), self._cites(a.sources)
        return self._activity_overview(a, today)

    def _residual(self, text: str, s: Subject) -> list[tuple[str, ...]]:
        """What the question asks beyond the subject's own name, each stem with its
        synonyms ("hvem står for maden til workshoppen" -> [("mad", "forplejning")])."""
        entry_terms = self._own_terms(s)
        out = []
        text = _asking_part(text)  # "vi booker kalenderen – er X om en måned": not booking
        asking = intent_stems(text)
        for alts in self._asked(text):
            q = alts[0]
            if q in self.question_stems or q in entry_terms or q.isdigit() or q in asking:
                continue
            if any(a in entry_terms for a in alts[1:]):
                continue  # a word for the subject: "bliver modnet" is the modningsfase
            if q in self.project_terms:
                continue  # names the project, not something about the subject
            if q in _GENERAL_TERMS:
                continue  # "… i strategien, generelt set": where, not what
            if len(q) >= 4 and any(q in t or t in q for t in entry_terms if len(t) >= 4):
                continue  # part of a compound name: "planlægnings workshop"
            if len(q) == 3 and any(t.endswith(q) for t in entry_terms):
                continue  # "den fase hvor …" of the modningsfase
            if any(
                q in self.lexicon.term_matches(t) or t in self.lexicon.term_matches(q)
                for t in entry_terms
            ):
                continue
            out.append(alts)
        return out

    def _activity_detail(
        self,
        a: Activity,
        project_id: str | None,
        asked: list[tuple[str, ...]],
        limit: int = 600,
    ) -> tuple[str, list[str], float] | None:
        """The sentences about the activity that hold what the question asks, and the share
        of the question they hold."""
        sections = {src.section for src in a.sources}
        texts = [(search_activity_text(a), a.sources[0])]
        if project_id:
            texts += [
                (sec.text, sec.source)
                for sec in self.kb.projects[project_id].sections
                if sec.source.section in sections
            ]
        if not asked:
            return None
        rare = max(self.index.idf.values())
        weight = {
            alts: max((self.index.idf.get(w, rare) for w in alts), default=rare) for alts in asked
        }
        total = sum(weight.values())
        best: tuple[float, str, Source] | None = None
        for body, src in texts:
            have = set(terms(body))
            share = sum(w for alts, w in weight.items() if have & set(alts)) / total
            if share >= 0.5 and (best is None or share > best[0]):
                flat = [w for alts in asked for w in alts]
                best = (share, self.index.best_sentences(body, flat, limit), src)
        if best is None:
            return None
        return (
            f"{a.name}: {best[1]}" + self._source_line([best[2]]),
            self._cites([best[2]]),
            best[0],
        )

    def _activity_when(
        self,
        a: Activity,
        found: list[str],
        text: str,
        today: dt.date,
        window: Window | None = None,
    ) -> tuple[str, list[str]]:
        occs = sorted(a.occurrences, key=lambda o: o.when.start)
        if window is not None:  # "hvilke måneder i 2024": only those in the window
            inside = [
                o
                for o in occs
                if any(w.overlaps(window.start, window.end) for w in o.dates)
            ]
            if "next" in found and not _upcoming(inside, today):
                inside = []  # "vi planlægger foråret, hvornår er den næste": just the next
            occs = inside or occs
        sources: list[Source] = []
        lines: list[str] = []
        if window is not None and occs and not inside and "next" not in found:
            lines.append(  # "er der modningsworkshop i juni 2024": no, and when there is
                _("{when}: no {name} according to the sources.").format(
                    when=_upper_first(window.label), name=_called(a.name)
                )
            )
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
            occ = _nth(occs, n)
            lines.append(
                _("{label} is {when}.").format(label=occ.label or a.name, when=_when_text(occ))
            )
            lines += self._conflict_lines(occ, sources)
            sources.append(occ.source)
            return "\n".join(lines) + self._source_line(sources), self._cites(sources)
        upcoming = _upcoming(occs, today)
        if "next" in found or (len(occs) > 3 and upcoming):
            if upcoming:
                occ = upcoming[0]
                lines.append(
                    _("Next: {name}, {when}.").format(
                        name=occ.label or a.name, when=_ahead_text(occ, today)
                    )
                )
                lines += self._conflict_lines(occ, sources)
                sources.append(occ.source)
                later = upcoming[1:4]
                if later:
                    lines.append(
                        _("After that: {list}.").format(
                            list=_join([_ahead_text(o, today) for o in later])
                        )
                    )
                    for o in later:
                        lines += self._conflict_lines(o, sources)
            else:
                last = occs[-1]
                lines.append(
                    _("There are no more dates for {name}; the last one was {when}.").format(
                        name=_called(a.name), when=_when_text(last, prefix=True)
                    )
                )
                lines += self._conflict_lines(last, sources)
                sources.append(last.source)
            lines += self._recurrence_line(a, sources)
            return "\n".join(lines) + self._source_line(sources), self._cites(sources)
        if len(occs) == 1:
            occ = occs[0]
            said = _when_text(occ)
            if window is not None and not occ.when.overlaps(window.start, window.end):
                # in the window only by a disagreeing source's date: that date first
                dates = [w for w in occ.dates if w.overlaps(window.start, window.end)]
                said = format_when(dates[0]) if dates else said
            lines.append(_("{name}: {when}.").format(name=occ.label or a.name, when=said))
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
        if a.duration is not None:  # how long it takes belongs with when
            lines.append(_("Duration: {text}.").format(text=a.duration.text))
            sources.append(a.duration.source)
        coarse = {o.when.precision for o in occs} - {"day"}
        if coarse:  # the coarsest the sources give
            lines.append(
                _("Only the year is known, not the exact date.")
                if "year" in coarse
                else _("Only the quarter is known, not the exact date.")
                if "quarter" in coarse
                else _("Only the month is known, not the exact date.")
            )
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
        if what == "format":
            fmt = _format_text(a)
            if not fmt:
                return None, []
            text = _("{name}: {format}.").format(name=a.name, format=fmt)
            if a.place:
                text += "\n" + _("Where: {place}.").format(
                    place=", ".join(x for x in (a.place, a.address) if x)
                )
            filed = next(  # a form to fill in: in which file format ("et skema (Word)")
                (
                    s
                    for s in _sentences(a.description or "")
                    if _FILE_FORMAT.search(s)
                ),
                None,
            )
            if filed:
                text += "\n" + filed
        elif what == "where":
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
                name=_called(a.name), list=_join(a.participants)
            )
        elif what == "duration":
            if a.duration is None:
                return None, []
            text = _("{name} lasts {duration}.").format(
                name=a.name, duration=_lower_first(a.duration.text)
            )  # "… varer en hel dag", not "varer En hel dag"
            src = [a.duration.source]
            if len(a.occurrences) == 1:  # one meeting: when it is belongs with how long
                occ = a.occurrences[0]
                text += " " + _("When: {list}.").format(list=_when_text(occ))
                src.append(occ.source)
        elif what == "facilitator":
            if not a.facilitator:
                return None, []
            text = _("{name} is facilitated by {who}.").format(name=a.name, who=a.facilitator)
        elif what == "purpose":
            if not (a.purpose or a.description):
                return None, []
            text = a.purpose or a.description or ""
            text = _("Purpose of {name}: {text}").format(
                name=_called(a.name), text=_snippet(text)
            )
        else:
            if not a.duties:
                return None, []
            text = (
                _("What you must do for {name}:").format(name=_called(a.name))
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
        body = search_activity_text(a)
        if counts(body, _EVENTS):  # "hvor mange gange mødes de": "10 sessioner"
            said = self.index.best_sentences(
                body, list(_EVENTS), 300, want_number=True, counted=_EVENTS
            )
            src = a.sources[:1]
            return f"{a.name}: {said}" + self._source_line(src), self._cites(src)
        if a.occurrences:
            return self._activity_when(a, ["list"], "", today)
        return None, []

    def _activity_overview(self, a: Activity, today: dt.date) -> tuple[str, list[str]]:
        lines = [f"{a.name}"]
        about = " ".join(x for x in (a.purpose, a.description) if x)
        if about:
            lines.append(_snippet(about, 500))
        occs = sorted(a.occurrences, key=lambda o: o.when.start)
        sources = list(a.sources)
        if occs:
            lines.append(_("When: {list}.").format(list=_join([_when_text(o) for o in occs[:6]])))
            for o in occs[:6]:
                lines += self._conflict_lines(o, sources)
                sources.append(o.source)
        elif a.recurrence:
            lines.append(_("When: {text}.").format(text=_strip_dot(a.recurrence.text)))
        where = ", ".join(x for x in (a.place, a.address) if x)
        fmt = _format_text(a)
        if fmt and fmt.lower() in where.lower():  # "Virtuelt", not "Virtuelt, virtuelt"
            fmt = ""
        if where or fmt:
            lines.append(_("Where: {place}.").format(place=", ".join(x for x in (where, fmt) if x)))
        if a.duration:
            lines.append(_("Duration: {text}.").format(text=a.duration.text))
        if a.participants:
            lines.append(_("Who: {list}.").format(list=_join(a.participants)))
        if a.programme:
            lines.append(_("Programme:"))
            lines += [f"• {x}" for x in a.programme[:MAX_ITEMS]]
        return "\n".join(lines) + self._source_line(sources), self._cites(sources)

    def _activities_across(
        self,
        subjects: list[Subject],
        found: list[str],
        text: str,
        today: dt.date,
        window: Window | None,
        asked_project: str | None = None,
    ) -> Answer | None:
        parts, sources, answered = [], [], False
        for s in subjects[:3]:
            ans = self._activity(s, found, text, today, window, asked_project)
            if ans is not None:
                parts.append(ans.text)
                sources += ans.sources
                answered = answered or ans.answered
        if not parts:
            return None
        # "adressen på workshopperne": none of them says it, so nothing is answered
        return Answer(answered, "\n\n".join(parts), _unique(sources))

    # -- answers: time ----
    def _dated(
        self, project: Project, keep: Callable[[When], bool]
    ) -> list[tuple[When, Activity, Occurrence]]:
        """The project's dated occurrences that `keep` accepts, in date order. Where the
        sources disagree, an occurrence counts at the first date a source gives that
        `keep` accepts ("næste" after the table's date has passed but not the text's)."""
        out = []
        for a in project.activities:
            for o in a.occurrences:
                when = next((w for w in o.dates if keep(w)), None)
                if when is not None:
                    out.append((when, a, o))
        out.sort(key=lambda x: (x[0].start, x[0].end))
        return out

    def _next_of(
        self, subjects: list[Subject], today: dt.date, asked: str | None, listing: bool = False
    ) -> Answer:
        """The next of a family of activities ("modulerne", "kompetenceudviklingen"), or
        (`listing`: "datoer for modul 2a, 2b og 3") all their dates in order."""
        activities: list[Activity] = [s.ref for s in subjects]  # type: ignore[misc]
        dated = sorted(
            ((o, a) for a in activities for o in a.occurrences), key=lambda x: x[0].when.start
        )
        head = self._project_note(subjects[0].project, asked)
        sources: list[Source] = []
        acts = {id(o): a for o, a in dated}
        ahead = [(o, acts[id(o)]) for o in _upcoming([o for o, _a in dated], today)]
        if listing and 1 < len(dated) <= MAX_ITEMS:
            lines = [f"• {_occ_name(o, a)}: {_when_text(o)}" for o, a in dated]
            for o, _a in dated:
                lines += self._conflict_lines(o, sources)
                sources.append(o.source)
            if ahead:
                lines.append(
                    _("The next one is {when}.").format(when=_ahead_text(ahead[0][0], today))
                )
            else:
                lines.append(_("All of them are in the past."))
        elif ahead:
            occ, act = ahead[0]
            lines = [
                _("Next: {name}, {when}.").format(
                    name=_occ_name(occ, act), when=_ahead_text(occ, today)
                )
            ]
            lines += self._conflict_lines(occ, sources)
            sources.append(occ.source)
            later = ahead[1:4]
            if later:
                lines.append(
                    _("After that: {list}.").format(
                        list=_join(
                            [f"{_occ_name(o, a)} ({_ahead_text(o, today)})" for o, a in later]
                        )
                    )
                )
                for o, _a in later:
                    lines += self._conflict_lines(o, sources)
        elif dated:
            occ, act = dated[-1]
            lines = [
                _("There are no more; the last was {name}, {when}.").format(
                    name=_occ_name(occ, act), when=_when_text(occ)
                )
            ]
            sources.append(occ.source)
        else:
            return self._clarify("", subjects)
        return Answer(
            True, head + "\n".join(lines) + self._source_line(sources), self._cites(sources)
        )

    def _year_dated(
        self, project_id: str, window: Window, text: str, only: set[str]
    ) -> Window:
        """A season named without a year ("kursusmodulet i efteråret") in the nearest year
        that has one of the activities `only` dated then, when the year guessed has none."""
        if _YEAR.search(text) or window.end - window.start > dt.timedelta(days=200):
            return window
        project = self.kb.projects[project_id]

        def has(start: dt.date, end: dt.date) -> bool:
            dated = self._dated(project, lambda w: w.overlaps(start, end))
            return any(a.id in only for _w, a, _o in dated)

        if has(window.start, window.end):
            return window
        for shift in (-1, 1, -2, 2, -3, 3):
            try:
                start = window.start.replace(year=window.start.year + shift)
                end = window.end.replace(year=window.end.year + shift)
            except ValueError:  # 29 February
                continue
            if has(start, end):
                years = re.split(f"({_YEAR.pattern})", window.label)
                label = "".join(str(int(p) + shift) if p.isdigit() else p for p in years)
                return Window(start, end, label)
        return window

    def _month_dated(self, project_id: str, window: Window, text: str) -> Window:
        """A month named without a year ("kurset i februar") in the project's year that has
        something dated then, when the year guessed has nothing."""
        one_month = (window.start.year, window.start.month) == (window.end.year, window.end.month)
        named = re.search(rf"\b(?:{MONTH_RE})\b", fold(text))  # not "i næste måned"
        if not one_month or not named or _YEAR.search(text):
            return window
        project = self.kb.projects[project_id]
        if self._dated(project, lambda w: w.overlaps(window.start, window.end)):
            return window
        years = sorted(
            {
                w.start.year
                for w, _a, _o in self._dated(project, lambda w: w.start.month == window.start.month)
            }
        )
        if not years:
            return window
        start = window.start.replace(year=years[-1])
        end = When.parse(f"{start:%Y-%m}").end
        return Window(start, end, format_month(start.year, start.month))

    def _next(
        self, project_id: str, today: dt.date, asked: str | None, only: set[str] | None = None
    ) -> Answer:
        """What comes next in the project; `only`: of these activities."""
        project = self.kb.projects[project_id]
        ahead = self._dated(project, lambda w: w.end >= today)
        ahead = [x for x in ahead if only is None or x[1].id in only]
        head = self._project_note(project_id, asked)
        sources: list[Source] = []
        if not ahead:
            text = _("Nothing more is planned in {name}; the project period ended {when}.").format(
                name=project.short_name, when=format_when(project.period)
            )
            sources = list(project.sources)
            past = self._dated(project, lambda w: True)
            if past:  # and what came last: "4. kvartal 2023: Evaluering … foreligger"
                when, a, occ = past[-1]
                text += "\n" + _("The last was:") + "\n" + _dated_line(when, occ, a)
                sources = [occ.source]
            return Answer(True, head + text + self._source_line(sources), self._cites(sources))
        first = ahead[0][0]
        group = [x for x in ahead if x[0].start <= first.end][:5]
        # "4. kvartal 2021" asked in November 2021 is on now; "januar 2023" asked on 5 January
        # may still be ahead
        started = first.start < today.replace(day=1)
        heading = _("Now in {name}:") if started else _("Next in {name}:")
        lines, sources = _dated_lines(group)
        lines.insert(0, heading.format(name=project.short_name))
        # what comes after, each thing once: not the monthly network three times over
        said = {_occ_name(occ, a) for _w, a, occ in group}
        later: list[tuple[When, Activity, Occurrence]] = []
        for x in ahead:
            name = _occ_name(x[2], x[1])
            if x not in group and name not in said and len(later) < 3:
                later.append(x)
                said.add(name)
        if later:
            more, also = _dated_lines(later)
            lines += [_("After that:"), *more]
            sources += also
        return Answer(
            True, head + "\n".join(lines) + self._source_line(sources), self._cites(sources)
        )

    def _last(
        self,
        project_id: str,
        asked: str | None,
        only: set[str] | None = None,
        first: bool = False,
        where: bool = False,
    ) -> Answer:
        """What comes last in the project's timetable ("hvad er det sidste der sker"), or with
        `first` what comes first ("hvornår mødes vi første gang med de andre kommuner");
        `only`: of these activities ("den sidste kursusdag": the last module); `where`: and
        where it is held ("hvor og hvornår er det første fælles møde")."""
        project = self.kb.projects[project_id]
        dated = self._dated(project, lambda w: True)
        dated = [x for x in dated if only is None or x[1].id in only]
        if not dated:
            return self._next(project_id, dt.date.min, asked)
        if first:
            start = min(when.start for when, _a, _o in dated)
            picked = [x for x in dated if x[0].start == start][:3]
            lines, sources = _dated_lines(picked)
            lines.insert(0, _("First in {name}:").format(name=project.short_name))
        else:
            end = max(when.end for when, _a, _o in dated)
            picked = [x for x in dated if x[0].end == end][-3:]
            lines, sources = _dated_lines(picked)
            lines.insert(0, _("Last in {name}:").format(name=project.short_name))
        head = self._project_note(project_id, asked)
        answer = Answer(
            True, head + "\n".join(lines) + self._source_line(sources), self._cites(sources)
        )
        venue, cites = self._activity_field(picked[0][1], "where") if where else (None, [])
        if venue is None:
            return answer
        return _combined("", [(answer.text, answer.sources), (venue, cites)])

    def _in_window(
        self, project_id: str, window: Window, today: dt.date, only: set[str] | None = None
    ) -> Answer:
        """What a project has dated in `window`; `only`: of these activities (ids)."""
        project = self.kb.projects[project_id]
        hits = self._dated(project, lambda w: w.overlaps(window.start, window.end))
        if only is not None:
            hits = [x for x in hits if x[1].id in only]
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
        # each thing once, with its months (the monthly network); a month dated by two rows
        # (the table's February and the text's February for the table's March) once, with
        # the disagreement
        months: dict[str, dict[str, tuple[When, Activity, Occurrence]]] = {}
        for when, a, occ in hits:
            said_for = months.setdefault(_occ_name(occ, a), {})
            month = format_when(when)
            if month not in said_for or _disagreement(when, occ):
                said_for[month] = (when, a, occ)
        named = {name: list(dated.values()) for name, dated in months.items()}
        for name, group in list(named.items())[:12]:
            said = [
                "; ".join(filter(None, (format_when(w), _disagreement(w, o)))) for w, _a, o in group
            ]
            dated = (
                _join(said)
                if len(said) <= 3
                else _("{n} times from {first} to {last}").format(
                    n=len(said), first=format_when(group[0][0]), last=format_when(group[-1][0])
                )
            )
            _when, a, occ = group[0]
            line = f"• {name} ({dated})"
            if len(named) <= 3 and a.description and not occ.label:  # few: say what they are
                line += ": " + _snippet(a.description, 160)
            lines.append(line)
            sources += [s for _w, _a, o in group for s in _occ_sources(o)]
        if len(named) > 12:
            lines.append(_("… and {n} more.").format(n=len(named) - 12))
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    # -- answers: phases ----
    def _phases(self, project: Project) -> Answer:
        if not project.phases:
            answer = self._project_field(project, "devphase", "", False)
            if answer is not None:
                return answer
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
        if phase.period is not None and ("when" in found or "duration" in found):
            text = _("{name}: {when}.").format(name=phase.name, when=format_when(phase.period))
            if phase.period_stated:
                text += " " + _("(The source says: {stated})").format(stated=phase.period_stated)
            return Answer(
                True, text + self._source_line([phase.source]), self._cites([phase.source])
            )
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
    def _strategy_phase_for(self, s: Subject, found: list[str], text: str) -> Answer:
        """A project's phase named like a strategy phase ("modningsfasen"): the strategy's."""
        phase: Phase = s.ref  # type: ignore[assignment]
        name = fold(phase.name)
        for sphase in self.kb.strategy.phases:
            if sphase.id[:5] in name:
                return self._strategy_phase(sphase, found, text)
        return self._phase(s, found, dt.date.today())

    def _project_field(
        self, project: Project, intent: str, question: str, name_it: bool
    ) -> Answer | None:
        head = _("{name}:").format(name=project.short_name) + "\n" if name_it else ""
        facts: list[Fact] = []
        text = ""
        sources: list[Source] = []
        if intent == "budget":
            if re.search(r"\bhvordan\b|\bregne ud\b|\bgoere op\b", fold(question)) and (
                not project.budget or not _AMOUNT.search(fold(question))
            ):
                return None  # "hvordan opgør vi, hvad indsatsen koster": not a budget
            if _PER_HEAD.search(fold(question)):  # the sources give totals, not prices
                return self._declined(head + _per_head(), project.id)
            if not project.budget:
                return Answer(
                    False,
                    head
                    + _("The sources give no budget for {name}.").format(name=project.short_name),
                )
            receiver = self._unbudgeted(project, question)
            if receiver:
                text, sources = self._budget(project, "")
                return Answer(
                    False,
                    head
                    + _("The budget has no post for {receiver}. The whole budget:").format(
                        receiver=receiver
                    )
                    + "\n"
                    + text
                    + self._source_line(sources),
                    self._cites(sources),
                )
            text, sources = self._budget(project, question)
        elif intent == "target":
            facts = [project.target_group] if project.target_group else []
        elif intent == "success":
            facts = project.success_criteria
        elif intent == "evaluation":
            if re.search(r"bidrag|skal vi|opgave|forpligt", fold(question)):
                facts = project.evaluation_duties
            else:
                facts = (
                    [project.evaluation] if project.evaluation else []
                ) + project.evaluation_duties
        elif intent == "som":
            facts = [project.som] if project.som else []
        elif intent == "recipients":
            facts = [project.grant_recipients] if project.grant_recipients else []
        elif intent == "partners":  # who does what in the project
            facts = project.organisation
        elif intent == "applicants":
            facts = project.application_criteria
        elif intent == "timetable":
            if project.timetable:
                text = "\n".join(f"• {format_when(t.when)}: {t.text}" for t in project.timetable)
                sources = [t.source for t in project.timetable]
        elif intent == "devphase":
            dev = project.development_phase
            name = self._development_phase_name(project)
            if dev and name:
                text = _("{project} is in {phase} in the strategy.").format(
                    project=project.short_name, phase=_lower_first(name)
                )
                sources = [dev.source]
            elif project.phases:  # "hvor langt er vi i fasemodellen": its own phases, since
                # the sources place it in no phase of the strategy
                own = self._phases(project)
                said = _(
                    "The sources do not place {project} in one of the strategy's phases; "
                    "it has phases of its own."
                ).format(project=project.short_name)
                return replace(own, text=said + "\n" + own.text)
        elif intent == "purpose":
            facts = [project.purpose] if project.purpose else []
        elif intent == "duration":
            facts = [project.duration] if project.duration else []
            if not facts:
                text = _("The project period is {when}.").format(when=format_when(project.period))
                sources = project.sources[:1]
        elif intent == "phases":
            return self._phases(project)
        elif intent == "period":
            text = _("The project period is {when}.").format(when=format_when(project.period))
            if project.period_stated:
                text += " " + _("(The source says: {stated})").format(stated=project.period_stated)
            sources = project.sources[:1]
            if project.timetable:
                last = max(project.timetable, key=lambda t: t.when.end)
                text += "\n" + _("Last in the timetable: {text} ({when}).").format(
                    text=_strip_dot(last.text), when=format_when(last.when)
                )
                sources.append(last.source)
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
            return None
        return Answer(True, head + text + self._source_line(sources), self._cites(sources))

    def _budget(self, project: Project, question: str) -> tuple[str, list[Source]]:
        """The budget, with what the question names (a year, a purpose) first."""
        years_asked = {int(y) for y in re.findall(r"\b(20\d\d)\b", question)}
        lines: list[str] = []
        sources: list[Source] = []

        def line(b: BudgetLine) -> str:
            year = f" ({b.year})" if b.year and b.kind != "year" else ""
            label = f"{b.year}" if b.kind == "year" else b.label
            return f"{label}{year}: {_amount(b.amount, b.unit)} {b.unit}"

        # a post named in the question's words, however inflected ("eksterne … evaluere"
        # names "Ekstern leverandør (monitorering, evaluering …)"), the best named first
        said = self._budget_words(question)

        def named(b: BudgetLine) -> int:
            return self._post_named(b, said)

        asked = [b for b in project.budget if b.kind == "year" and b.year in years_asked]
        amounts = {float(a.replace(",", ".")) for a in _AMOUNT_SAID_MIO.findall(question)}
        asked += [b for b in project.budget if b.kind == "part" and b.amount in amounts]
        posts = [
            (named(b), b)
            for b in project.budget
            if b.kind == "part" and not (b.year and years_asked and b.year not in years_asked)
        ]
        best = max((n for n, _b in posts), default=0)  # "STUK" names three words of one post
        asked += [b for n, b in sorted(posts, key=lambda nb: -nb[0]) if n >= 1 and 2 * n >= best]
        asked = [b for i, b in enumerate(asked) if all(b is not a for a in asked[:i])]
        for b in asked[:3]:
            lines.append(line(b))
            sources.append(b.source)
        totals = [b for b in project.budget if b.kind == "total"]
        years = [b for b in project.budget if b.kind == "year"]
        parts = [b for b in project.budget if b.kind == "part"]
        if asked:
            lines.append("")
        for i, b in enumerate(totals):
            if any(t.amount == b.amount and t.unit == b.unit for t in totals[:i]):
                continue  # the text and the table say the same total
            lines.append(
                _("In all: {amount}").format(amount=f"{_amount(b.amount, b.unit)} {b.unit}")
                + (f" ({b.note})" if b.note and len(b.note) < 80 else "")
            )
            sources.append(b.source)
        if years:
            lines.append(
                _("Per year: {list}.").format(
                    list=", ".join(f"{b.year}: {_amount(b.amount, b.unit)}" for b in years)
                )
            )
            sources += [b.source for b in years]
        if parts and not asked:
            lines.append(_("Of which:"))
            lines += [f"• {line(b)}" for b in parts]
            sources += [b.source for b in parts]
        return "\n".join(lines), sources

    def _budget_words(self, text: str) -> list[str]:
        """The roots of the words of `text` that may name a budget post, an abbreviation
        with the words it stands for ("STUK": Styrelsen for Undervisning og Kvalitet)."""
        spelt = [self.acronyms[w.upper()][0] for w in words(text) if w.upper() in self.acronyms]
        return [
            _root(w)
            for w in words(" ".join([text, *spelt]))
            if len(w) >= 4 and w not in STOPWORDS and stem(w) not in self.question_stems
        ]

    def _post_named(self, b: BudgetLine, said: list[str]) -> int:
        """How many of the words `said` name the budget post `b`."""
        caps = re.findall(r"\b[A-ZÆØÅ]{3,}\b", b.label)  # "STUK og STAR": their names too
        spelt = " ".join(self.acronyms[w][0] for w in caps if w in self.acronyms)
        label = [_root(w) for w in words(f"{b.label} {spelt}") if len(w) >= 4]
        return sum(
            any(
                _inflected(a, b) or _inflected(b, a) or _compound_tail(a, b)  # "puljen"
                for b in label
            )
            for a in said
        )

    def _unbudgeted(self, project: Project, question: str) -> str | None:
        """The receiver a budget question names ("hvor mange penge går til
        civilsamfundsorganisationerne") when no post of the budget is for it."""
        m = _BUDGET_FOR.search(fold(question))
        if not m or not any(b.kind == "part" for b in project.budget):
            return None
        receiver = m.group(1) or m.group(2)
        own = [_root(w) for w in words(f"{project.name} {project.short_name}") if len(w) >= 4]
        said = [
            w
            for w in self._budget_words(receiver)
            if not _OWN_BUDGET.search(w)
            and not any(w.startswith(o) or o.startswith(w) for o in own)
        ]
        if not said:
            return None
        # loosely: a post whose label or note has a word like it ("pulje" in
        # "ansøgningspulje", "evaluator" in "evaluering") may be for it
        posts = " ".join(f"{b.label} {b.note or ''}" for b in project.budget if b.kind == "part")
        posted = [fold(w) for w in words(posts) if len(w) >= 4]
        if any(stem(r) in w or r[:5] == w[:5] for r in said for w in posted):
            return None
        return receiver.strip()

    def _across_projects(self, intent: str, text: str, sphases: list[Subject]) -> Answer:
        """One line per project for a question about all of them ("hvilket projekt er i
        screeningsfasen", "hvilke af initiativerne bliver ikke evalueret"); for the
        development phase only the projects in the phase named, when one is."""
        named = {s.ref.id for s in sphases}  # type: ignore[attr-defined]
        lines: list[str] = []
        sources: list[str] = []
        for p in self.kb.projects.values():
            dev = p.development_phase
            if intent == "devphase" and named and (dev is None or dev.phase not in named):
                continue
            a = self._project_field(p, intent, text, name_it=False)
            if a is None or not a.answered:
                continue
            first = _snippet(_body(a.text).splitlines()[0].removeprefix("• "), 200)
            lines.append(f"• {first}" if intent == "devphase" else f"• {p.short_name}: {first}")
            sources += a.sources
        if not lines:
            return self._unknown(None)
        cites = _unique(sources)
        return Answer(True, "\n".join(lines) + _source_cut() + "; ".join(cites[:4]), cites)

    def _ask_which_project(self, text: str, intent: str) -> Answer:
        """Ask back, offering only projects that can answer (those with a budget, …)."""
        able = [
            p
            for p in self.kb.projects.values()
            if (a := self._project_field(p, intent, text, False)) is not None and a.answered
        ]
        names = _join([p.short_name for p in able])
        choices = [Choice(p.short_name, text, p.id) for p in able[:3]]
        return Answer(
            False,
            _("Which project do you mean? I know it for: {names}.").format(names=names),
            choices=choices,
        )

    # -- answers: strategy ----
    def _example_named(self, text: str) -> str | None:
        """An example the strategy tells about, named by its letters ("MOVE", "CTI"), not a
        project or the strategy itself."""
        for m in re.finditer(r"\b[A-ZÆØÅ]{3,}\b", text):
            name = m[0]
            if fold(name) in {"susi", "soem", "som"} or stem(name.lower()) in self.project_names:
                continue
            if any(name in p.name for p in self.kb.projects.values()):
                continue
            return name
        return None

    def _strategy_phase(self, phase: StrategyPhase, found: list[str], text: str) -> Answer:
        parts = [i for i in found if i in _PHASE_PARTS]
        if len(parts) > 1:  # "hvor lang er screeningsfasen, og hvad kommer der ud af den"
            said = [self._strategy_phase(phase, [i], text) for i in parts[:2]]
            return _combined("", [(a.text, a.sources) for a in said if a.answered])
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
        if intent == "duties" and "criteria" in found:  # "hvad kræves der før … videre til"
            intent = "criteria"
        example = self._example_named(text)
        if intent == "duration" and example:
            # "hvor lang tid tog modningsfasen for MOVE": the strategy gives the typical
            # length, not that of an example it tells about
            return self._declined(
                _("The strategy gives the typical length of {phase}, not that of {example}.")
                .format(phase=_lower_first(phase.name), example=example),
                None,
            )
        if "deliverables" in found:
            intent = "deliverables"
        if "knowledge" in found:
            intent = "knowledge"
        if intent in {"what", "list", "duties"}:
            residual = self._residual(text, self._subject_of(phase.id))
            if residual:
                hit = self._strategy_search(text)
                if hit is not None:
                    return hit
        if intent == "knowledge":
            lines.append(
                _("Knowledge development in {name}:").format(name=_lower_first(phase.name))
            )
            for f in phase.knowledge_development:
                lines.append(f"• {_snippet(f.text, 200)}")
                sources.append(f.source)
        elif intent == "criteria":
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
            told = _sentences(" ".join(phase.typical_duration.text.split()))
            timed = [x for x in told if has_time(x) and has_figure(x)]  # "typisk op til 1 år"
            lines.append(
                _("{name}: {text}").format(
                    name=phase.name,
                    text=_snippet(" ".join(timed + [x for x in told if x not in timed]), 400),
                )
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

    def _subject_of(self, strategy_phase_id: str) -> Subject:
        return next(s for s in self.general if s.key == f"sp:{strategy_phase_id}")

    def _strategy_search(
        self, text: str, kind: str | None = None, dated: bool = False
    ) -> Answer | None:
        """Search the strategy's passages only (for details of a phase, a track, …); with
        `dated`, the best passage that gives a year ("hvornår blev listerne lavet")."""
        qterms = self._with_compounds(self._terms(text), text)
        hits = self.index.search(
            qterms,
            project=None,
            named={"-"},
            ignore=self.question_stems,
            limit=8,
            strategy_only=True,
            asked=self._asked(text),
            kind=kind,
            want_number=_wants_number(text),
            defined=self._defined_term(text),
        )
        good = [h for h in hits if h.coverage >= MIN_COVERAGE]
        if dated:
            good = [h for h in good if _YEAR.search(h.passage.text)]
        if not good:
            return None
        hit = good[0]
        said = hit.sentences
        if dated and not _YEAR.search(said):  # the sentences that give the year
            said = " ".join([t for t in _sentences(hit.passage.text) if _YEAR.search(t)][:2])
        title = hit.passage.title
        body = said if said.startswith(title) else f"{title}: {said}"  # "Europ-ASI: …" once
        return Answer(
            True, body + self._source_line([hit.passage.source]), self._cites([hit.passage.source])
        )

    def _track(self, track: Track) -> Answer:
        lines = [f"{track.name}: {_snippet(track.description.text)}"]
        sources = [track.description.source]
        for f in track.characteristics[:6]:
            lines.append(f"• {_snippet(f.text, 200)}")
            sources.append(f.source)
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    def _tracks(self) -> Answer:
        """The two tracks side by side: what each is for, and the defining
        characteristics that set them apart."""
        parts, sources = [], []
        for track in self.kb.strategy.tracks:
            lines = [f"{track.name}: {_sentences(track.description.text)[0]}"]
            sources.append(track.description.source)
            if track.in_short is not None:  # what sets it apart, in the figure's words
                lines[0] += " " + track.in_short.text
                sources.append(track.in_short.source)
            for c in track.characteristics[:MAX_ITEMS]:
                lines.append(f"• {_strip_dot(_sentences(c.text)[0])}")
                sources.append(c.source)
            parts.append("\n".join(lines))
        return Answer(True, "\n\n".join(parts) + self._source_line(sources), self._cites(sources))

    def _instruments(self, text: str) -> Answer:
        """The measurement instruments of the net or gross list, or those for what the
        question names ("små børns trivsel", "forældrestress")."""
        t = fold(text)
        which = (
            "gross"
            if re.search(r"brutto|lange liste", t)
            else "net" if re.search(r"netto|korte liste", t) else None
        )
        items = [i for i in self.kb.strategy.instruments if which is None or i.list == which]
        if not items:
            return Answer(False, _("The strategy lists no measurement instruments."))
        items = [i for i in self._instruments_for(text) if i in items] or items
        lines = []
        topic = self._instrument_topic()
        if which and topic is not None:  # "hvad er nettolisten": what it is, then what is on it
            name = "Bruttolisten" if which == "gross" else "Nettolisten"
            lead = re.search(rf"{name} er [^.]*\.", topic.ref.text)  # type: ignore[attr-defined]
            if lead:
                lines.append(lead[0])
        for lst, title in (("net", _("The net list")), ("gross", _("The gross list"))):
            group = [i for i in items if i.list == lst]
            if group:
                lines.append(title + ":")
                lines += [f"• {i.name}" + (f" ({i.target})" if i.target else "") for i in group]
        sources = [i.source for i in items]
        return Answer(
            True, "\n".join(lines) + self._source_line(sources[:1]), self._cites(sources[:1])
        )

    def _instruments_for(self, text: str) -> list[Instrument]:
        """The instruments that measure what the question names ("små børns trivsel",
        "forældrestress"): each scored by the rarity of the words it shares with it."""
        # what is measured stays, even when an intent reads it ("måle trivsel"); "valideret"
        # says what all of them are
        asking = intent_stems(text, generic=True) - self.measured_terms
        asked = set(self._plain_terms(text)) - asking - {"valid", "valider"}

        def fit_of(i: Instrument) -> float:
            said = set(terms(" ".join((i.name, i.target or "", *i.aliases))))
            # a word, or a compound it begins: "kriminalitet" of "kriminalitetsrisiko"
            return sum(
                max(
                    (
                        self.index.idf.get(t, 0.0)
                        for t in said
                        if t == w or (len(w) >= 6 and t.startswith(w))
                    ),
                    default=0.0,
                )
                for w in asked
            )

        fit = [(fit_of(i), i) for i in self.kb.strategy.instruments]
        best = max((f for f, _i in fit), default=0.0)
        return [i for f, i in fit if f >= 0.6 * best] if best > 0 else []

    def _instrument_topic(self) -> Subject | None:
        """The strategy's topic on the validated measurement instruments."""
        return self._general("tp:validerede-maaleredskaber")

    def _general(self, key: str) -> Subject | None:
        """The strategy's subject with this key ("tp:to-spor"), if the data has it."""
        return next((s for s in self.general if s.key == key), None)

    def _section(self, s: Subject) -> Answer:
        sec: Section = s.ref  # type: ignore[assignment]
        head = ""
        if s.project:
            head = _("(Project: {name})").format(name=self.kb.projects[s.project].short_name) + "\n"
        text = f"{sec.title}: {_snippet(sec.text)}"
        return Answer(
            True, head + text + self._source_line([sec.source]), self._cites([sec.source])
        )

    def _strategy_phases(self) -> Answer:
        st = self.kb.strategy
        lines = [_("The strategy has {n} phases:").format(n=len(st.phases))]
        sources = []
        for ph in st.phases:
            lines.append(f"• {ph.name}: {_snippet(ph.purpose.text, 160)}")
            sources.append(ph.purpose.source)
        lines.append(
            _("In maturing and testing there are two tracks: {tracks}.").format(
                tracks=_join([t.name for t in st.tracks])
            )
        )
        return Answer(True, "\n".join(lines) + self._source_line(sources), self._cites(sources))

    def _topic(self, s: Subject, text: str, asked_for: str | None = None) -> Answer:
        sec: Section = s.ref  # type: ignore[assignment]
        head = self._project_note(s.project, asked_for) if s.project else ""
        counted = _counted(text)
        body = self.index.best_sentences(
            sec.text,
            self._terms(text),
            limit=750,
            want_number=_wants_number(text),
            # "ca. halvvejs i fasen", "i screeningsfasen afklares det": when, or in which phase
            want_time=intents(_asking_part(text))[:1] == ["when"]
            or bool(re.search(r"\bi hvilken fase\b", fold(text))),
            counted=counted,
            defined=self._defined_term(text),
        )
        listed = re.search(r"(?m)^\s*(?:•|-|\d+\.|[a-h]\))\s", sec.text)  # one can count a list
        if (
            counted
            and re.search(r"\bhvor mange\b", fold(text))
            and not counts(sec.text, counted)
            and not listed
        ):
            # "hvor mange samtaler er der i et MOVE-forløb": a section that counts none
            return self._declined(_("The sources give no figure for that."), asked_for)
        return Answer(
            True,
            head + f"{sec.title}: {body}" + self._source_line([sec.source]),
            self._cites([sec.source]),
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

    def _unknown(self, project: str | None, words_: Sequence[str] = ()) -> Answer:
        text = _("Sorry, I don't know that.")
        if words_:
            text += " " + _("The sources say nothing about {words}.").format(
                words=_join([f"\u201c{_clipped(w)}\u201d" for w in _unique(words_)[:3]])
            )
        return self._declined(text, project)

    def _declined(self, said: str, project: str | None) -> Answer:
        """Not answered: why, and what the bot can help with."""
        return Answer(False, said + "\n\n" + self._help(project))

    # -- sources ----
    def _spelt_out(self, text: str, project: str | None) -> Answer | None:
        """What an abbreviation stands for, as the sources spell it out. The abbreviation is
        the one the question names, else the one in the user's project's name ("hvad står
        forkortelsen i metodens navn for")."""
        typed = re.findall(r"(?<!\w)[A-ZÆØÅ][A-ZÆØÅ&\d-]+", text)  # "R&R" for "R&R2-ADHD"
        lower = [w.upper() for w in re.findall(r"(?<!\w)[\w&-]{2,}", text) if w.islower()]
        named = [
            a
            for a in self.acronyms
            if any(a.startswith(w) for w in typed)
            # typed in lower case: "susi", "r&r2" (not "er" for "ERFA")
            or any(a == w or (re.search(r"[&\d]", w) and a.startswith(w)) for w in lower)
        ]
        if not named and project:
            own = self.kb.projects[project].short_name
            named = [a for a in self.acronyms if a.split("-")[0] in own]
        if len(named) != 1:
            return None
        abbreviation = named[0]
        spelt, passage = self.acronyms[abbreviation]
        said = _("{abbreviation} stands for {words}.").format(
            abbreviation=abbreviation, words=spelt
        )
        return Answer(
            True, said + self._source_line([passage.source]), self._cites([passage.source])
        )

    def _cites(self, sources: Iterable[Source]) -> list[str]:
        return _unique(self.kb.cite(s) for s in sources)

    def _source_line(self, sources: Iterable[Source]) -> str:
        cites = self._cites(sources)
        if not cites:
            return ""
        return "\n" + _("Source: {list}").format(list="; ".join(cites[:4]))


_PROJECT_INTENTS = [
    "budget",
    "target",
    "success",
    "som",
    "timetable",
    "devphase",
    "period",
    "recipients",
    "applicants",
    "evaluation",
    "purpose",
    "duration",
    "phases",
]
_GREETINGS = {
    "hej",
    "hejsa",
    "hejhej",
    "hallo",
    "halloej",
    "davs",
    "goddag",
    "godmorgen",
    "godaften",
    "hi",
    "hello",
    "dav",
    "yo",
    "morn",
}
_THANKS = {"tak", "tusind", "mange", "takker", "ok", "okay", "fint", "super", "godt", "perfekt"}
_WEAK_TAILS = {"indsats", "projekt", "mester", "nummer"}  # heads too vague to vouch for a word
_ENDINGS = {"s", "e", "er", "en", "et", "ene", "erne", "ens", "ets", "ning", "else", "hed"}
# Contact details, links, log-ins and parking: never in the sources.
_PRACTICAL = re.compile(
    r"telefon ?(?:nummer|nr)|\btlf\.? ?(?:nummer|nr)|mobil ?(?:nummer|nr)|\be-?mail|mailadresse|"
    r"\blink(?:et)?\b|"
    r"moedelink|hjemmeside|kontaktoplysning|hvordan kontakter\b|\bdownload|"
    r"\bhvem (?:\w+ ){0,4}kan (?:jeg|vi) (?:kontakte|ringe til|skrive til)\b|"
    r"\bhvem (?:ringer|skriver) (?:jeg|vi|man) til\b|\bhvem (?:skal|kan) (?:jeg|vi|man) ringe\b|"
    r"\bkomme? ind (?:i|paa) (?:det |den )?(?:\w+ )?(?:moederum|rum|moede)\b|"
    r"\bhvilket (?:telefon)?nummer\b|"
    r"\bkontakter (?:jeg|vi|man) (?:dem|ham|hende)\b|"
    r"\bparker|p-plads|wifi|\bit-?system|"
    r"(?<!fast )(?<!med min )(?<!med vores )(?<!med jeres )kontaktperson|"
    r"adgangskode|kodeord|password|\blogin\b|log (?:ind|paa)\b|"
    r"\blogge[rt]? (?:\w+ )?(?:ind|paa)\b|"
    r"\bportal|"
    r"\b(?:teams|zoom|skype) eller (?:teams|zoom|skype)\b|\bhvilken platform\b|"
    r"\bbetale\w* (?:\w+ ){0,2}(?:overnatning|hotel|transport|rejse|koersel|tog|parkering)|"
    r"hvilket \w*lokale|lokalenummer|hvilken sal\b|"
    r"\btage (?:\w+ ){0,3}senere\b|"
    r"hvilken etage"
)
# Being ill: the descriptions say nothing about sickness or cancelling.
_ILLNESS = re.compile(
    r"\b(?:er|bliver) syg\b|\bmelde\w* (?:\w+ )?(?:mig|sig|os) syg\b|\bsygemeld|\bsygefravaer|"
    r"(?<!psykisk )(?<!psykiske )\bsygdom|"
    r"\bfeber\b|\bforkoel|\binfluenza\b|\bcorona\b|\bcovid|\bhovedpine\b|\bondt i\b|"
    r"\bblive hjemme fra (?:arbejde|job)"
)
# Holidays: the descriptions plan activities, not the calendar around them.
_HOLIDAY = re.compile(
    r"\bhvornaar (?:er|starter|begynder|holder|har|ligger) (?:\w+ ){0,2}\w*ferie(?:n|rne)?\b|"
    r"\b(?:pause|lukket|fri) (?:\w+ ){0,4}\w*ferie|"
    r"(?<!\bmidt )(?<!\bvi er )\bi (?:sommer|jule|vinter|efteraars|paaske)ferie(?:n|rne)\b"
)
# Trouble with a computer, told anywhere in the message ("jeg kan ikke åbne skemaet på min
# pc – kan I hjælpe?").
_IT_TROUBLE = re.compile(
    r"\bkan ikke (?:\w+ )?(?:aabne|logge|komme ind|komme paa (?:teams|zoom|moedet))\b|"
    r"\b(?:teams|zoom|linket|mikrofon\w*|kamera\w*|lyden) (?:virker|fungerer) ikke\b|"
    r"\bsiger fejl\b|"
    r"\bfejl ?(?:meddelelse|besked|kode)|"
    r"\b(?:min|vores) (?:\w+-)?(?:pc|computer|telefon|mobil|tablet|ipad)\b|\bit-?support|"
    r"\bgaar ned\b|"
    # "hvordan får jeg teams til at virke på min telefon"
    r"\b(?:teams|zoom|outlook|linket|mikrofon\w*|kamera\w*|lyden) til at (?:virke|fungere)\b"
)
# Questions about how things actually went, which plans and descriptions cannot answer.
_LIVE_STATUS = re.compile(
    r"\bindtil nu\b|\bhar (?:vi|de|i|kommunen) (?:\w+ )?brugt\b|\bforbrugt\b|"
    r"\b(?:er|blevet) brugt (?:indtil videre|til nu|hidtil|allerede)\b|"
    r"(?<!\bmed )(?<!\bfaar )(?<!\bviser )(?<!\bpraesenterer )(?<!\bfremlaegger )"
    r"(?<!\bgennemgaar )(?<!\bhoerer om )"  # "den dag hvor de viser resultaterne af …"
    r"\bresultaterne? af\b(?! (?:\w+ ){1,2}fremlagt)|"
    r"\bblev resultat|\b(?:hvad|hvilke \w+) viste\b|"
    r"\bhvad (?:konkluderer|konkluderede|fandt) (?:[\w'’]+ ){0,3}(?:om|omkring)\b|"
    r"\bhvad (?:kom|er) (?:\w+ ){1,2}(?:kommet )?frem til\b|"
    r"\bhvilke resultater (?:fik|opnaaede|har \w+ (?:faaet|opnaaet))\b|"
    r"\bhvad var (?:de|der) (?:\w+ )?\w+tal(?:lene)?\b|"  # "de præcise effekttal"
    r"\bhvordan gaar det\b|\bhvordan (?:er|var) det gaaet\b|"
    r"\bhar (?:\w+ ){0,3}(?:faldet|steget|forbedret sig)\b|"
    r"\bgik (?:\w+ ){0,3}godt\b|\b(?:var|blev) (?:det|\w+) en succes\b|"
    r"\bhvem (?:er|var) (?:\w+ ){0,6}(?:projektleder|kontakt)|"
    r"\b(?:bruge|have|faa) (?:et|hans|hendes|deres) navn\b|(?<!\bi )\bnavnet paa\b|"
    r"\bhvem er (?:\w+ ){0,2}minister|"
    r"\bhvad mener (?:hun|han|de|ministeren|regeringen)\b(?!(?: \w+)? med\b)|"
    r"\bnavn(?:et)?\W*(?:tak\W*)?$|\bhvad hedder (?:vedkommende|personen|han|hun)\b|"
    r"\bhvem er (?:min|vores|jeres) (?:faste )?(?:\w*raadgiver|kontaktperson|"
    r"konsulent|koordinator)\w*|"
    r"\bblev (?:\w+ ){0,3}(?:en )?succes\b|\bhvor stor var effekten\b|"
    r"\b(?:lykkedes|virkede) (?:det|\w+et|\w+en)\b|"
    r"\bhvor mange (?:\w+ )?(?:kom|deltog|moedte)\b|\bsvarprocent|"
    r"\bhvor mange (?:\w+ ){0,2}var (?:\w+ ){0,2}med\b|\bkan (?:\w+ ){0,2}forlaenges\b|"
    r"\bhvilke \w+ (?:i|hos|fra) (?:vores|jeres|min) kommune\b|"
    r"\banbefaler (?:vidensnotatet|rapporten|evalueringen)\b|"
    r"\bhvilke[nt]? \w+ blev (?:valgt|udvalgt|ansat)\b|\budkommer\b|"
    r"\bhvem blev (?:valgt|udvalgt|ansat)\b|\bvar resultaterne (?:gode|positive)\b|"
    r"\b(?:naeste|ny)(?: \w+)? (?:opdatering|udgave|version) af\b|"
    r"\bhvad hedder (?:\w+ ){0,2}minister|\b(?:de sidste|de seneste|tidligere) projekter\b|"
    r"\bhvor mange\b.*\bportefoelje|"
    r"\bhvem (?:i|hos|paa) (?:socialstyrelsen|styrelsen|vive)\b|"
    r"\bopdatere[st]? (?:igen|naeste gang)\b|"
    # a figure of today, where the sources give one year's: "fraværet for anbragte børn i dag"
    r"\b(?:\w*fravaer|andel|tal)\w* (?:\w+ ){0,4}(?:i dag|aktuelt|for tiden|i det seneste \w+)\W*$|"
    # the portfolio's record: "hvor mange procent af modningsprojekterne går videre"
    r"\bhvor mange (?:procent |pct\.? )?af (?:de |alle )?\w*projekter\w*\b|"
    r"\bhvem (?:fra \w+ )?er (?:\w+ ){0,2}evaluator(?:en)?\b|"
    r"\bhvordan gik (?:det med )?(?:(?:det|den|de) )?(?:\w+ ){0,2}"
    r"\w*(?:forloeb|workshop|moede|modul|kursus|besoeg|forum|tjek|evaluering)\w*|"
    r"\bhvad (?:var|er) (?:\w+ ){1,3}(?:i|hos) (?:vores|jeres|min) kommune\b|"
    r"\bhvem (?:er )?(?:\w+ ){0,2}(?:underviser|oplaegsholder|foredragsholder)\w*\b|"
    # who was chosen: the sources never name the municipalities or the offers
    r"\bhvilke(?:n|t)? (?:andre |to |tre |fire |fem |seks |syv |private |offentlige )?"
    r"(?:konkrete )?(?:kommuner?|botilbud|bosteder?|tilbud|regioner?|aktoerer?)\b"
    r"(?:(?! kan\b| skal\b| maa\b).)*\b(?:er med|var med|er kommet med|kom med|deltager|deltog|"
    r"fik|har faaet|"
    r"blev|er blevet|er udvalgt|er valgt|vandt|er i projektet|er i initiativet)\b|"
    r"\bhvem er de (?:andre )?(?:kommuner|tilbud|botilbud)\b|"
    # what came out of it: a plan does not know its outcome
    r"\bhvad kom (?:der )?(?:ud af|frem til)|"
    r"\bhvilke \w+ kom der\b(?!.*(?:strategi|susi|drejebog))|"
    r"\bblev (?:besluttet|aftalt|vedtaget)\b|\bhvad (?:aftalte|besluttede|lovede) \w+|"
    r"\b(?:hvad|hvilke[nt]? \w+) (?:anbefalede|konkluderede|fandt|valgte) "
    r"(?:de|man|vi|\w+(?:et|en|ne))\b|"
    r"\bhvor mange (?:\w+ ){1,8}(?:lige nu|i oejeblikket|for tiden|i dag)\b|"  # "… lige nu"
    r"\bhvad hedder (?:den|de|hende|ham) (?:to |tre )?(?:fra|hos)\b|"  # "… den fra SST"
    r"\bhvilken (?:eksterne? )?leverandoer\b|\bhvilke[nt]? (?:eksterne? )?firma|"
    r"\bhvad hedder (?:det|den) (?:eksterne? )?firma|"
    r"\bhvem er (?:den |de )?(?:eksterne? )?(?:leverandoer|udbyder)(?:en|ne)?\b|"
    r"\b(?:i|hos) (?!vores\b|jeres\b|min\b|den\b|hver\b|en\b|de\b|alle\b)[a-z]{3,} kommune\b|"
    r"\bhvad hedder (?:vores |min |jeres |den |de |\w+s )?(?:to |tre |fire )?"
    r"(?:faste |eksterne |ansvarlige )?"
    r"(?:\w+-)?(?:\w*leder\w*|kontaktperson\w*|\w*leverandoer\w*|"
    r"\w*konsulent\w*|koordinator\w*|\w*raadgiver\w*|evaluator\w*|underviser\w*|firma\w*|"
    r"\w*medarbejder\w*|traener\w*|facilitator\w*|person(?:en|erne)?\b|\w*folk(?:ene)?\b|"
    r"kursussted\w*|hotel\w*|\w*cent(?:er|ret)\b|lokale(?:t|r|rne)?\b)|"
    r"\b(?:gik|kom) (?:\w+ ){0,4}videre til\b|"
    r"\bbesluttede\b|"
    r"\bblev (?:\S+ ){0,4}(?:godkendt|vedtaget|forlaenget|stoppet|lukket|viderefoert|fortsat|"
    r"sendt videre)\b|"
    r"\bhar (?:\w+ ){1,2}besluttet\b|\ber det (?:blevet )?besluttet\b|"
    r"\b(?:bliver|bli'r|er|blev) (?:\w+ ){0,2}forlaenget\b|"
    r"\bhvor mange (?!penge\b)\w+ "
    r"(?:gennemfoerte|deltog|fik|blev|har faaet|har gennemfoert|har deltaget)\b|"
    r"\bhvor mange (?!(?:\w+ ){0,3}skal\b)(?:\w+ ){1,5}(?:fra|i|hos) (?:vores|jeres|min) kommune\b|"
    r"\b(?:fik|har faaet) (?:vores|jeres|min) kommune\b|"
    r"\bhar (?:\w+ ){0,2}(?:meldt sig|tilmeldt sig)\b|"  # "… allerede meldt sig til"
    r"\bhvilke (?:\w+ )?skoler\b|\bhvem er (?:\w+ )?(?:chef|direktoer)\b|"  # never named
    r"\b(?:i|hos) de andre kommuner\b|"
    r"\bhvem sidder (?:der )?i (?:\S+ ){0,3}(?:styregruppe|udvalg|bestyrels)|"
    r"\bendte (?:\w+ ){0,3}med at\b|\bhvilke kommuner (?:fik|har faaet|blev udvalgt|blev valgt)\b|"
    r"\bhvad staar der (?:\w+ )?i (?:ansoegningsvejledning|kontrakt|kommissori|udbudsmateriale)|"
    r"\b(?:blev|var) (?:\w+ ){0,2}konklusion|\bhvor tilfredse\b|"
    r"\b(?:var|blev) (?:\w+ ){0,3}tilfredse?\b|"
    r"\btilfredshed\w*\b(?!.*\b(?:maal\w*|undersoeg\w*|spoerg\w*) )"
)
# What a law says: the sources name paragraphs of laws but never quote them.
_LAW_TEXT = re.compile(
    r"\bhvad (?:staar|siger|indeholder|handler) (?:der )?(?:i |om )?(?:\w+ )?"
    r"(?:\w*lovens?\b|§|paragraf|bekendtgoerelse)|\b(?:lyder|siger) §"
)
# A time of day ("hvad tid", "klokken", "kl. 10"): the sources give days at most.
_CLOCK = re.compile(
    r"\bhvad tid\b|\bklokken\b|\bklokkesl|\bkl\.? ?(?:\d|hvad\b)|\b(?:hvilken|hvad) kl\b|"
    r"hvilken tid paa dagen|hvornaar paa dagen|"  # not "tallene fra KL"
    r"\bhvornaar (?:\w+ ){0,4}om (?:formiddagen|eftermiddagen|morgenen|aftenen)\b|"
    # the day is said, so its hour is asked: "hvornår slutter opstartsmødet den 20. januar"
    rf"\bhvornaar (?:slutter|starter|begynder|stopper|er (?:[\w-]+ ){{1,4}}(?:slut|faerdig)\w*)\b"
    rf".*\bden \d{{1,2}}\.? ?(?:{MONTH_RE})\b"
)
# Something an answer to "hvornår" must hold: a date, a month, a year, a quarter, a period.
_ABBREVIATION_QUESTION = re.compile(
    r"hvad (?:st[åa]+r|betyder) (?:forkortelsen )?([^\s?]{2,12}) (?:egentlig |helt )?for\b|"
    r"^\W*([^\s?,]{2,12}),? hvad (?:st[åa]+r|betyder) (?:det|den) (?:egentlig |helt )?for\b|"
    r"hvad er ([^\s?]{2,12}) (?:en )?forkortelse for\b|hvad er ([^\s?]{2,12}) for en forkortelse\b|"
    r"hvad (?:betyder|er) forkortelsen ([^\s?]{2,12})",
    re.IGNORECASE,
)
# Who first made something: "hvem har oprindeligt udviklet MOVE".
_ORIGIN_ASKED = re.compile(r"\bhvem (?:har )?oprindelig\w* (?:\w+ )?(?:udviklet|opfundet|lavet)")
# A year: "2019", "i 2022".
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# What something holds, asked and said: "hvad skal notatet indeholde", "som vil indeholde".
_CONTENT_ASKED = re.compile(
    r"\b(?:indeholde|indeholder|indholdet|bestaa af|bestaar af)\b|"
    r"\bhvad (?:skal |vil )?(?:der )?staa(?:r)? (?:der )?i\b"  # "hvad skal der stå i rapporten"
)
_CONTENT_SAID = re.compile(r"\b(?:indeholde|indeholder|bestaar af|omfatter|rummer)\b")
# An amount in millions said in the question: "de 0,9 mio.".
_AMOUNT_SAID_MIO = re.compile(r"(\d+(?:,\d+)?) ?mio\b")
# Whom a budget question asks about: "hvor mange penge går til civilsamfundet".
_BUDGET_FOR = re.compile(
    r"\b(?:gaar|gik|afsat|afsaettes|bruges|brugt|reserveret|oeremaerket|givet|gives|faar) "
    r"(?:der )?til (?:selve )?((?:de |den |det )?(?!at\b)[a-z]\w+(?: og \w+)?)|"
    # "hvor meget får kommunerne for at bidrage": the receiver is the subject
    r"\bhvor (?:meget|mange penge) (?:faar|fik|modtager) "
    r"(?!(?:de|den|det|vi|i|man|der|hver|hvert|hvor|du|jeg|hun|han|dem)\b)([a-z]\w+)"
)
# Whether there is an evaluation at all: "får vi en evalueringsrapport", "bliver det evalueret".
_YES_NO_EVALUATED = re.compile(
    r"^\W*(?:faar|bliver|laves|kommer|skal|er|udarbejdes)\b(?:\s+[\w&-]+){0,4}\s+"
    r"(?:evaluer\w*|evalueringsrapport\w*|evaluering(?:en)?)\b"
)
# How many applied: the sources say how many are chosen, never how many applied.
_APPLICANTS_COUNTED = re.compile(
    r"\bhvor mange (?:\w+ ){0,2}(?:soegte|har soegt|ansoegte|har ansoegt|sendte (?:en )?ansoegning)"
    r"|\bhvor mange ansoegninger\b"
)
# ... unless it is the project itself: "hvor mange penge går til projektet i alt".
_OWN_BUDGET = re.compile(r"projekt|initiativ|indsats|budget|^(?:hele|alt|aar|20\d\d|samlet)$")
# A share of a post that names several: "… til STUK alene", "hver for sig".
_SPLIT_ASKED = re.compile(r"\b(?:alene|hver for sig|hver isaer)\b")
# Questions only a figure answers, and what a figure looks like.
_PER_HEAD = re.compile(
    r"\b(?:pr|per|for hver|for en|hver(?: af)?(?: de)?(?: \w+nde)?|hvert|den enkelte|"
    r"det enkelte|hver enkelt|hvert enkelt)\.? (?:\w*kommune|person|deltager|barn|ung|borger|"
    r"medarbejder|kursist|plads|stk|styk|hoved|traener|region|tilbud|botilbud|aktoer|elev|"
    r"familie|beboer|foraelder|bruger)\w*|"
    r"\b(?:vores|jeres|min)(?: eg(?:en|et|ne))? (?:kommune|botilbud|tilbud|region)\b|"
    r"\b(?!hver\b|den\b|en\b|pr\b|per\b|hvilken\b|ny\b|anden\b)[a-z]{3,} kommunes?\b|"
    r"\bkoster det (?:for )?(?:os |kommunen |jer )?(?:at (?:\w+ ){1,4})?(?:en|et) (?:[\w&-]+ ){0,2}"
    r"(?:[\w&]+-)?(?:traener|person|deltager|plads|forloeb|kommune|"
    r"kursist|medarbejder|barn|ung|borger|elev|familie|beboer)\w*|"
    r"\b(?:egen|med)finansiering|\bselv (?:skal )?betale\b|"  # "hvad skal kommunen selv betale"
    r"\b(?:en|et) enkelt (?:kommune|botilbud|tilbud|region|aktoer)\b|"
    # "hvad koster en manual, hvis vi vil købe flere": a price, not a budget
    r"\bhvis (?:vi|man|i|jeg) (?:\w+ ){0,2}koebe\b|\bkoebe (?:flere|ekstra)\b|"
    r"\bhvor meget faar (?:vi|jeg) til at\b"  # "… til at ansætte folk": one's own money
)
# A figure asked for at a time or a size the sources don't give: "i skoleåret 2019/2020",
# "12 måneder efter" — the answer must name the same year or number.
_ASKED_FIGURE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d+(?=\s*(?:maaneder|mdr|uger|dage|timer|aar)\b)|"
    r"(?<=\bunder )\d+\b|(?<=\bover )\d+\b"  # "hvor mange er under 18": a share not given
)
# Numbers that name something rather than count it: "spor 2", "modul 3", "version 1".
_NAMED_NUMBER = re.compile(
    r"\b(?:spor|modul|bilag|version|hovedleverance|fase|nr\.?|kerneelement|workshop)\s*\d+\w?\b|"
    r"(?<=[a-z&])\d+\b"  # "R&R2", "WHO5": names
)
_AGE = re.compile(r"\bhvor gam(?:le|mel)\b|\bhvilken alder\b|\baldersgraense")
# A form of meeting asked for, as the data names it.
_FORM_ASKED = re.compile(r"\b(fysiske|virtuelle|online) (?:aktiviteter|moeder)\b")
_FORMS = {"fysiske": "physical", "virtuelle": "virtual", "online": "virtual"}
_PROGRAMME = re.compile(
    r"\bpaa programmet\b|\bprogrammet (?:for|til|paa|ved)\b|\bhvad er programmet\b|"
    r"\bdagsorden(?:en)?\b|\bhvad (?:bliver|skal|vil) (?:der )?(?:blive )?"
    r"(?:praesenteret|praesenteres|gennemgaaet|gennemgaas)\b"
)
_CATERING = re.compile(
    r"\bkaffe\w*|\bforplejning\w*|\bfrokost\w*|\bmad(?:en)?\b|\bsandwich\w*|\bspise\b|\bspiser\b"
)
_MONEY_ASKED = re.compile(
    r"^(?!.*\bhvordan\b).*(?:\bhvad koste[rt]\b|\bprisen\b|\bi kroner\b|\bhvor mange penge|"
    r"\b(?:hvad|hvor meget) (?:\w+ ){0,4}(?:betale|koste)\b|\bgavekort)"
)
_MONEY = re.compile(r"\d\s*(?:mio|mia|kr\b|kroner)|\d\.000\b|\bmillion")
_AMOUNT = re.compile(r"hvor mange\b(?! gange)|hvor meget|\bpenge|\bbeloeb|\bkroner\b|\bbudget")
_NUMBER_WORD = re.compile(r"\b(?:to|tre|fire|fem|seks|syv|otte|ni|ti|tyve|hundrede|tusind|halv)\b")
_DEADLINE = re.compile(r"frist\b|fristen|deadline|\bdato(?:en)?\b")
_ADDRESS = re.compile(r"adresse|vejnavn|\bpostnummer")
_STREET = re.compile(r"\w(?:vej|gade|allé|alle|plads|boulevard|stræde|torv)\s+\d+", re.IGNORECASE)
_ACTION_REQUEST = re.compile(
    r"^(?:kan|vil|gider) (?:du|i)\b(?! (?:fortaelle|sige|forklare|beskrive|svare|naevne|liste))"
    r"|^(?:book|bestil|send|skriv|oversaet|lav)\b"
    r"|^(?:har|kender) (?:du|i) (?:\w+ ){0,2}(?:opskrift|forslag|ideer|ide|tips?|anbefaling)"
)
# A question about all the projects at once: "hvilket af de fem initiativer", "hvilke af
# projekterne", "hvilket projekt er i screeningsfasen".
_ACROSS = re.compile(
    r"\bhvilke[nt]? (?:af )?(?:de )?(?:\w+ )?(?:projekt|initiativ)\w*\b|"
    r"\balle (?:de )?(?:\w+ )?(?:projekter|initiativer)(?:ne)?\b"
)
# Words that say a question is about the strategy in general, not about one thing in it.
_RUNNING = frozenset(stem(w) for w in "løber løbe løbet kører køre kørte kørt".split())  # runs
_GENERAL_TERMS = frozenset(
    {"strategi", "drejebog", "susi", "generelt", "generel", "almindelig", "typisk", "set"}
)
_AFTER_HOLIDAY = re.compile(r"\befter (?:nytaar|jul|\w*ferie|paaske|sommer)")
# Words that name no subject of a "hvem" question about the project itself: doing words
# ("hvem udfører screeningen") and kinds of partners ("hvilke styrelser er med").
_DOING = frozenset(
    stem(w)
    for w in "udføre gennemføre lave drive køre styre styrelser parter samarbejdspartnere "
    "organisationer myndigheder andre".split()
)
_ALWAYS_PROJECT = {
    "partners",
    "budget",
    "target",
    "success",
    "som",
    "devphase",
    "recipients",
    "applicants",
    "timetable",
}
_STRUCTURED = {"activity", "phase", "strategy-phase", "track"}
_NUMBER = re.compile(r"\d{1,2}[a-z]?")


# How an activity is held, as people say it: "det online opstartsmøde" is the virtual one.
_FORM_CUES = {
    "virtual": re.compile(r"\bonline\b|\bvirtuel|\bteams\b|\bzoom\b|\bskaerm"),
    "physical": re.compile(r"\bfysisk|\bfremmoede\b"),
    "phone": re.compile(r"\btelefon"),
}
# A count just before a unit: "3 timer", "½-1 time", "to hele dage", "en hel dag".
_COUNT_BEFORE = (
    r"(?:\d|\b(?:en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|halv|halvanden|hel|hele)\b)[^.]{0,12}"
)
# A length of time in an answer: "3 timer", "en hel dag", "1-årigt", "2020-2023", "januar 2022–
# november 2023", "2. kvartal 2021 – 4. kvartal 2023"; the unit a word of its own (not the
# "år" of "en … dårlig").
_DURATION = re.compile(
    _COUNT_BEFORE + r"\b(?:tim|dag|uge|maaned|mdr|aar|kvartal)|aarig|\d{4} ?[-–] ?\d{4}|"
    r"(?:\d{4}|kvartal) ?[-–] ?\w|\bloebende\b|\bhele (?:projekt)?perioden\b"
)
# What answers "hvor ofte": "hver måned", "kvartalsvis", "to gange", "løbende", "6-8 møder".
_HOW_OFTEN = re.compile(
    r"\bhver|\w+vis\b|\bgange?\b|\bloebende|\bmaanedlig|\bugentlig|\baarlig|\bdaglig|"
    r"\bom (?:ugen|maaneden|aaret)|\bi (?:kvartalet|kvartalen|maaneden|aaret)|"
    + _COUNT_BEFORE
    + r"\w*(?:moed|session|workshop|besoeg|interview)"
)
# An activity named as what another follows: "den første kursusdag efter internatet".
_AFTER_ACTIVITY = re.compile(r"\befter (?:det |den |de )?(\w{5,})")
# What names a passage rather than answers: a heading before its colon, and a note of
# the project the answer comes from ("(Projekt: Udsatte unge på kanten)").
_WITHOUT_HEADINGS = re.compile(r"(?m)^\(.*\)$|^[^:\n]{0,120}:\s")
# Someone an answer to "hvem" names: a role, an organisation, a group of people.
_WHO = re.compile(
    r"socialstyrelsen|\bsst\b|vive|kommun|leder|leverand|praktiker|deltag|medarbejder|evaluat|"
    r"konsulent|team|styrelse|foraeldre|boern|\bung|borger|aktoer|region|tilbud|ministe|facilit|"
    r"undervis|partner|netvaerk|fagperson|professionel|personale|trae?ner|eksper|forsk|"
    r"institut|organisation|myndighed|skole|ppr|\bstar\b|\bstuk\b|beboer|familie|instruktoer|"
    r"gruppe|udvalg|forvaltning|chef|\bkl\b|\buip\b|\bkora\b|\bsfi\b"
)
# Where asked beside something else: "hvornår og hvor", "hvor bliver den holdt" (not the
# "hvor" of a description: "sessionen hvor vi kan stille spørgsmål").
_WHERE_ASKED = re.compile(
    r"\bog hvor\W*$|\bog hvor (?:er|bliver|holdes|afholdes|foregaar)\b|"
    r"\bhvor (?:er|bliver|holdes|afholdes|foregaar|ligger) (?:den|det|de)\b"
)
# Activities held on a day or a few: a span of quarters says when, not how long.
_EVENTS_HELD = frozenset({"course", "workshop", "meeting", "visit", "interview"})
# A meeting of a team or group: "næste møde i implementeringsteamet".
_TEAM_MEETING = re.compile(
    r"\b(?:moede|samling)\w* (?:i|for|med) (?:det |den |de )?(?:\w+ )?(\w*(?:team|gruppe)\w*)|"
    r"\b(?:moedes|samles) (?:det |den |de )?(\w*(?:team|gruppe)\w*)|"
    r"\b(\w*(?:team|gruppe)\w*) (?:moedes|samles|holder moede)\b"
)
# A group a figure is asked for: "børn med ADHD", "de unge med komplekse problemer".
_GROUP_WITH = re.compile(
    r"\b(?:boern|unge|beboere|borgere|elever|personer)\w* med "
    r"(?:(?:rigtig|meget|saerligt|saerlig|baade|virkelig|svaere) )?(\w{3,})"
)
_FIGURE_ASKED = re.compile(  # a share or a rate, not money or a head count
    r"\bhvor mange (?:procent |pct\.? )?af (?:de|dem)\b|\bandel|\bprocent|"
    r"\b(?:hvor (?:stor|stort|hoej|hoejt)|hvad (?:var|er|havde)) (?:\w+ ){0,3}\w*fravaer"
)
# What is left out, asked ("hvad er IKKE med i screeningen", "hvad dækker den ikke") and
# said ("screeningen omfatter ikke samtalemetoder").
_EXCLUDED_ASKED = re.compile(
    r"(?<!jeg er )(?<!vi er )\bikke (?:med\b|daekke|omfatte|kigge|se paa|undersoege)|"
    r"\b(?:daekker|omfatter|kigger|ser|undersoeger|medtager|inddrager) (?:\w+ ){0,3}"
    r"(?:ikke|ogsaa paa)\b|"
    r"(?<!jeg )(?<!vi )\b(?:er|bliver) (?:\w+ ){0,2}ikke (?:med|omfattet|daekket)\b"
)
_EXCLUSION = re.compile(r"\bomfatter ikke\b|\bindgaar ikke\b|\bikke en del af\b")
# A scene of what is over: "vi har lige haft modul 2b.", "vi er færdige med casebesøget nu".
_DONE_WITH = re.compile(
    r"\W*(?:vi|jeg) (?:har (?:lige |netop |nu )?(?:haft|holdt|afsluttet|vaeret (?:paa|til))|"
    r"er (?:lige |nu |netop )?(?:blevet )?faerdige? med|er (?:lige |nu )?midt i)\b|"
    # "kontrakten er lige underskrevet", "puljen er lige delt ud"
    r"\W*(?:\w+ ){1,4}er (?:lige |netop |nu )?(?:blevet )?(?:underskrevet|afsluttet|overstaaet|"
    r"afholdt|holdt|faerdig|gennemfoert|sendt|afleveret|delt ud|uddelt|udmoentet)\b|"
    r".*\bnu (?:hvor|da) (?:\w+ ){1,4}(?:er|har)\b"  # "hvad er næste skridt nu hvor puljen er …"
)
# "… nu hvor puljen er delt ud": what has happened, said after the question.
_NOW_THAT = re.compile(r",?\s+nu (?:hvor|da) [^?]*")
# One's own place: "på vores eget botilbud", "i min kommune".
_OWN_PLACE = re.compile(
    r"\b(?:vores|jeres|min|mit)(?: eg(?:en|et|ne))? (?:botilbud|tilbud|kommune)\b"
)
# A count asked of the projects themselves, or exactly: "hvor mange elever … hos os".
_LOCAL_COUNT = re.compile(
    r"\b(?:i|hos|fra) (?:projektkommunerne|projektet|indsatsen|os|vores kommune)\b|\bpraecis\b|"
    r"\bi (?:hele )?(?:danmark|landet)\b"
)
_FILE_FORMAT = re.compile(r"\((?:word|excel|pdf)\)", re.IGNORECASE)
_FORM_WORDS = frozenset(  # words that say how an activity is held, not which it is
    stem(w)
    for w in "tværkommunal tværkommunale tværkommunalt fælles lokal lokale lokalt virtuel "
    "virtuelle virtuelt fysisk fysiske online".split()
)
_SCOPE_CUES = {
    "cross-municipal": re.compile(
        r"\btvaerkommunal|\bpaa tvaers\b|\b(?:alle|andre) (?:\w+ )?kommuner(?:ne)?\b"
    ),
    "local": re.compile(r"\blokal(?:e|t)?\b|\bhos os\b|\bhjemme\b"),
}


def _by_form(text: str, things: list[tuple[float, Subject]]) -> list[tuple[float, Subject]]:
    """Activities reordered by how the question says they are held: of two opstartsmøder,
    "det online" is the virtual one, "med de andre kommuner" the cross-municipal one.
    Only forms and scopes that are said count."""
    forms, scopes = _cues(text)
    if not (forms or scopes) or sum(s.kind == "activity" for _sc, s in things) < 2:
        return things
    out = []
    for score, s in things:
        a = s.ref
        if isinstance(a, Activity):
            if forms:  # a form not given is less likely the one said than one given
                score *= 1.5 if forms & set(a.format) else 0.6 if a.format else 0.8
            if len(scopes) == 1 and a.scope in _SCOPE_CUES:
                score *= 1.5 if a.scope in scopes else 0.7
        out.append((score, s))
    out.sort(key=lambda x: -x[0])
    return out


def _cues(text: str) -> tuple[set[str], set[str]]:
    """The forms ("online", "fysisk") and scopes ("på tværs af kommunerne") a question says
    an activity is held in."""
    asked = fold(text)
    forms = {f for f, rx in _FORM_CUES.items() if rx.search(asked)}
    scopes = {sc for sc, rx in _SCOPE_CUES.items() if rx.search(asked)}
    return forms, scopes


def _prefer_structured(
    things: list[tuple[float, Subject]], asked: set[str]
) -> list[tuple[float, Subject]]:
    """Activities, phases and tracks before free-text topics that merely mention them:
    a topic wins with half again the score, or by being about the named thing."""
    if not things:
        return things
    topics = [(sc, s) for sc, s in things if s.kind not in _STRUCTURED]
    best_topic = max((sc for sc, _s in topics), default=0.0)
    structured = [
        (sc, s) for sc, s in things if s.kind in _STRUCTURED and sc * 1.5 >= best_topic
    ]
    # A topic about the best named thing that the question names by the topic's own words
    # too ("Screeningsfasen: udvikling af en prototype" for "prototype i screeningsfasen")
    # comes first when it scores better.
    lead_score, lead = max(
        ((sc, s) for sc, s in things if s.kind in _STRUCTURED),
        key=lambda x: x[0],
        default=(0.0, None),
    )
    within = [
        (sc, t)
        for sc, t in topics
        if lead is not None
        and t.kind == "topic"
        and sc > lead_score
        and fold(lead.label) in fold(t.label)
        and set(terms(t.label)) - set(terms(lead.label)) & asked
    ]
    first = within + structured
    rest = [(sc, s) for sc, s in things if (sc, s) not in first]
    return first + rest


# Words for a kind of activity (folded stems): "workshopperne", "netværksmøderne", "kurserne".
_KIND_WORDS = {
    "workshop": "workshop",
    "netvaerk": "network",
    "netvaerksmoed": "network",
    "kursus": "course",
    "kursu": "course",
    "kurs": "course",
    "kursusdag": "course",
    "kursusgang": "course",
    "kursusmodul": "course",
    "modul": "course",
    "undervisningsdag": "course",
    "besoeg": "visit",
    "interview": "interview",
}
_EVENTS = ("gang", "session", "moed", "workshop", "modul", "samtal", "gruppemoed")  # counted
_FREE_FIELDS = {"purpose", "target", "success", "evaluation", "recipients"}  # prose fields
# What a count must count itself (stems): "hvor mange familier" is not answered by "ca. 10
# sessioner", though "hvor mange penge" is by "23 mio. kr." and "hvor mange steder" by
# "10-18 aktører".
_COUNTED_AS_SUCH = frozenset(
    "famili boern barn bebo borg deltag person elev projek screening session ung".split()
)
# What comes last in a project: "hvad er det sidste der sker i projektet".
_LAST_ASKED = re.compile(
    r"\bhvad (?:kommer|sker) (?:der )?(?:saa |nu )?til (?:aller)?sidst\b|"
    r"\bhvad er (?:det )?(?:aller)?sidste (?:der |som )?(?:sker|kommer|skal ske|foregaar|"
    r"skal laves|er planlagt)\b|\bhvad (?:slutter|afslutter) (?:projektet|initiativet)\b"
)
# A limit asked for: the most (group 1) or the least.
_LIMIT_ASKED = re.compile(r"\b(hoejst|maks\w*|max)\b|\b(?:mindst|minimum)\b")
_FIRST_ASKED = re.compile(
    r"\bhvornaar (?:\w+ ){0,2}(?:moedes|ses|samles) (?:\w+ ){0,2}(?:aller)?foerste gang\b|"
    r"\bhvornaar er (?:det )?foerste gang (?:vi|man|de) (?:moedes|ses|samles)\b|"
    r"\bhvornaar (?:og hvor )?er (?:den |det )?(?:aller)?foerste (?:faelles )?"
    r"(?:\w*dag|\w*moede|samling)\b|"
    r"\bhvad (?:kommer|sker) (?:der )?(?:aller)?foerst\b|"
    r"\bhvad er (?:det )?(?:aller)?foerste (?:der |som )?(?:sker|kommer|skal ske|foregaar)\b"
)
# A question for the name of something it describes: "hvad kalder man …", "hvad hedder …".
_NAMING = re.compile(r"\bhvad (?:kalder|kaldes|hedder)\b")
# Which phase something happens in: "i hvilken fase afgøres sporet".
_PHASE_OF_THING = re.compile(r"\bi hvilken fase\b")
_PHASE_NAMED = re.compile(r"\b(?:screenings|modnings|afproevnings|udbredelses)fase")
# The strategy named as where something is said: "i drejebogen", "drejebogen kalder".
_SOURCE_NAMED = re.compile(
    r"\b(?:i|ifoelge|iflg|efter|fra) (?:drejebogen|strategien)\b|"
    r"\b(?:kalder|siger|skriver) drejebogen\b|\bdrejebogen (?:kalder|siger|skriver|bruger)\b"
)
_ABOUT_SOURCES = {"tp:om-drejebogen", "strategy"}  # what the strategy and its Drejebog are
# "Styrelsen for Undervisning og Kvalitet (STUK)": a name and its abbreviation
_ACRONYM = re.compile(
    r"\b([A-ZÆØÅ][a-zæøå]+(?:(?: (?:for|og|af|i|til)(?: den| det)?)? [A-ZÆØÅ][a-zæøå]+){1,6})"
    r" \(([A-ZÆØÅ]{3,6})\)"
)
# A phase named by its place: "den sidste fase", "den første af de tre faser".
_PHASE_AT = re.compile(
    r"\b(?:den|i|paa) (foerste|anden|tredje|fjerde|sidste) (?:af (?:de )?(?:\w+ )?)?fase"
)
# The project itself ending: "hvornår slutter projektet", not its closing workshop.
_PROJECT_ENDS = re.compile(
    r"\b(?:slutter|ender|afsluttes|ophoerer|stopper) (?:\w+ )?(?:projektet|initiativet)\b|"
    r"\b(?:projektet|initiativet) (?:\w+ ){0,2}(?:slut|afsluttet|faerdigt|ovre|stopper)\b"
)
# Something that came before the project: "det tidligere program", "den forrige indsats".
_EARLIER = re.compile(
    r"\b(?:tidligere|forrige|gamle|foregaaende) (?:\w+ )?(?:program|projekt|indsats|initiativ|"
    r"forsoeg|afproevning|metodeprogram)\w*"
)
# An abbreviation spelt out in quotes: "(’R&R2-ADHD’ - Reasoning & Rehabilitation, version 2)".
_QUOTED_ACRONYM = re.compile(
    r"[’']([A-ZÆØÅ][\w&]*\d?(?:-[A-ZÆØÅ]+)?)[’']\s*-\s*([A-Z][\w&, ]+?)\s*\)"
)
# The phase the asker's own project is in, said so: "den fase vi er i", "vores fase".
_OUR_PHASE = re.compile(
    r"\b(?:den )?fase(?:n)? (?:som |hvor )?(?:vi|projektet) (?:er|befinder os|befinder sig) i\b|"
    r"\bvores (?:nuv(?:æ|ae)rende )?fase\b",
    re.IGNORECASE,
)
# The track of the asker's own project: no description places its project in one.
_OWN_TRACK = re.compile(
    r"\bhvilket spor (?:er|foelger|hoerer|befinder|ligger) (?:vi|projektet|initiativet|vores "
    r"\w+|\w+projektet)\b|\ber (?:vi|projektet|initiativet|vores \w+|\w+projektet) (?:i|et) spor\b|"
    r"\bfoelger (?:vi|projektet|initiativet|vores \w+) spor (?:1|2|et|\w+ )"
)
# Leaving a phase rather than entering one: "gå videre fra screeningsfasen".
_LEAVING = re.compile(
    r"(?:\bvidere fra\b|\bfra (?:\w+ ){1,4}videre\b)"
    r"(?!.*\btil (?!at\b))"  # "… til den store test": the phase entered is named
)
# What an abbreviation stands for: "hvad står SØM for", "hvad betyder forkortelsen".
_ACRONYM_MEANING = re.compile(r"\bhvad betyder [A-ZÆØÅ][A-ZÆØÅ&\d-]+(?!\w)")
_ABBREVIATION_ASKED = re.compile(
    r"\bhvad forkortes (?:det|den|de)\b|"
    r"\bhvad (?:staar|betyder) (?:\w+ ){0,6}?forkortelse|\bforkortelsen (?:\w+ ){0,6}?"
    r"(?:staar for|betyder)\b|\bhvad staar (?:[\w&-]+ ){1,5}for\W*$|"
    r"\bforkortelse for hvad\b|\bhvad er [\w&-]+ (?:en )?forkortelse for\b|"
    r"\bhvad betyder [a-z]*[&\d][\w&-]*"  # "hvad betyder r&r2 egentlig"
)
# "den fase hvor man tester om det virker – hvor længe varer den": the description
_DESCRIBED_PHASE = re.compile(
    r"\bfasen?\s+(?:hvor|der|som|hvori|naar|med)\b((?:(?![–—?]|\s-\s|,\s*hv).)+)"
)
_PHASE_PARTS = {"criteria", "duration", "deliverables", "knowledge"}  # what a phase has
_DESCRIBED_INTENTS = {"when", "next", "where", "duration", "who", "format", "frequency"}
_FIELD_INTENTS = {"where", "who", "duration", "facilitator", "format"}
_ACTIVITY_INTENTS = [
    "structure",
    "duration",
    "frequency",
    "facilitator",
    "how",
    "when",
    "next",
    "who",
    "format",
    "where",
    "purpose",
    "duties",
    "evaluation",
    "list",
    "what",
]


# -- small helpers -------------------------------------------------------------------------------


def _source_cut() -> str:
    """What begins an answer's "Kilde:" line."""
    return "\n" + _("Source: {list}").format(list="")


def _body(answer_text: str) -> str:
    """An answer's text without its "Kilde:" line."""
    return answer_text.split(_source_cut(), 1)[0]


def _combined(head: str, parts: Sequence[tuple[str, list[str]]]) -> Answer:
    """Several answers about one thing as one, with a single "Kilde:" line at the end."""
    lines: list[str] = []
    said: set[str] = set()
    for text, _cites in parts:
        for line in _body(text).splitlines():
            new = set(words(fold(line))) - said
            if lines and new <= _FRAME_WORDS:  # two parts may say the same ("Kvartalsvis.")
                continue
            lines.append(line)
            said |= new
    cites = _unique(c for _text, cs in parts for c in cs)
    return Answer(True, head + "\n".join(lines) + _source_cut() + "; ".join(cites[:4]), cites)


# The words that frame a fact ("… varer ca. en halv time. Hvornår: februar 2023."): a line
# that adds nothing else to what an answer has said is left out.
_FRAME_WORDS = frozenset("varer varighed hvornaar sted deltagere holdes form".split())

_QUOTES = "\u2019\u2018'\"\u201c\u201d "


def _spelled_out(sentence: str, short: str, letters: str) -> bool:
    """Whether `sentence` spells the abbreviation `short` (lower case) out: the full name
    before "(short)", or after "short (" or "short -"."""
    lower = sentence.lower()
    at = lower.find(short)
    while at >= 0:
        before = sentence[:at].rstrip(_QUOTES)
        rest = re.sub(r"^[\w-]*", "", sentence[at + len(short) :]).lstrip(_QUOTES)
        if before.endswith("(") and _spells(letters, before[:-1].split()[-8:], trailing=True):
            return True
        if (at == 0 or not sentence[at - 1].isalnum()) and rest[:1] in {"(", "-", "\u2013"}:
            words_after = rest[1:].split(")", 1)[0].split()[:8]
            if _spells(letters, words_after, trailing=False):
                return True
        at = lower.find(short, at + 1)
    return False


def _spells(letters: str, phrase: list[str], *, trailing: bool) -> bool:
    """Whether the words at the end (`trailing`) or start of `phrase` can be what the
    abbreviation `letters` stands for: a word starting with its first letter, its letters
    in order, hardly more words than letters ("Strategi for udvikling af den Sociale
    Indsats" for SUSI, "Socialøkonomiske Investeringsmodel" for SØM)."""
    ws = [fold(w) for w in phrase]
    most = min(len(ws), len(letters) + 3)
    windows = [ws[len(ws) - k :] for k in range(1, most + 1)] if trailing else [
        ws[:k] for k in range(1, most + 1)
    ]
    for window in windows:
        if not window[0].lstrip("(\u2019'\"").startswith(letters[:1]):
            continue
        text, i = " ".join(window), 0
        for ch in letters:
            i = text.find(ch, i) + 1
            if i == 0:
                break
        else:
            return True
    return False


_CLAUSE = re.compile(r"\s[–—-]+\s|[:;]\s|[.!?]\s+")
# A scene set before a comma: "vi sidder og planlægger foråret, …", "jeg er ved at …, …".
_SCENE_COMMA = re.compile(
    r"^(\W*(?:jeg|vi) (?:er (?:ved|i gang med) at|sidder og|skal til at) [^,?]{3,80}),|"
    # "vi skal have …, hvor …", "vi laver mødekalender for foråret, hvornår …"
    r"^(\W*(?:jeg|vi) (?:skal|har|er|vil|laver|planl(?:æ|ae)gger|arbejder) [^,?]{3,100}),(?=\s*hv)",
    re.IGNORECASE,
)
_ASKS = re.compile(  # a question mark, a question word, a verb before its subject, a request
    r"\?|(?<!\bom )\bhv(?:ad|or\w*|em|ilke[nt]?)\b|"  # not "(skemaet) om hvad der driver"
    r"^\s*(?:kan|kunne|skal|er|var|har|maa|vil|findes|bliver|faar)\s+(?:vi|man|jeg|du|i|der|det|"
    r"den|de|hun|han|vores|min|mine|alle|(?!gerne\b|ikke\b|rigtig\w*\b)\w+(?:en|et|erne|ene))\b|"
    r"^\s*(?:fortael|forklar|beskriv|giv|sig|naevn|list)\b|"
    r"\btak\W*$"  # "…? navn og tlf nr tak": a request
)


# A fact that is one numbered item of a list: "Kerneelement iv): Brug af peerstøtte."
# A sentence that counts things and names them: "… fire kerneelementer: a, b, c og d."
_ENUMERATION = re.compile(r"\b(?:to|tre|fire|fem|seks|syv|otte|ni|ti|\d{1,2}) (\w+):\s[^:]+\bog\b")
_NUMBERED_FACT = re.compile(r"\w+ (?:[ivxlc]+|\d+|[a-h])\)?:", re.IGNORECASE)
_GUESS = re.compile(  # "…, er det en portal eller hvad?", "…, er det en online formular?"
    r"(?:,|\s[–-])\s*(?:eller )?(?:er det|bliver det) (?:ikke )?(?:et |en |noget )?(?:\w+ ){0,4}\w+"
    r"(?: eller (?:hvad|noget|hvordan))?\W*$|"
    r"\s+(?:eller )?(?:er det|bliver det) (?:ikke )?(?:et |en |noget )?(?:\w+ ){0,2}"
    r"eller (?:hvad|noget|hvordan)\W*$|"
    r"(?<=[?.])\s*skal vi (?:til|over til|rejse til) \w+(?: eller(?: hvad)?)?\W*$|"  # "kbh?"
    # "hvor skal vi hen? er det i kbh?": a guess at the place
    r"(?<=[?.])\s*(?:er det|bliver det|foregaar det|holdes det) (?:i|paa|hos|ovre i) \w+"
    r"(?: eller(?: hvad)?)?\W*$",
    re.IGNORECASE,
)


_ASKED_BY = re.compile(  # "chefen spørger: …", "min kollega spørger om …"
    r"^\s*(?:min |vores |en )?\w+ (?:spørger|spoerger|vil vide)(?: om)?\s*[:,]?\s+", re.IGNORECASE
)


def _dated_in(s: Subject, window: Window) -> bool:
    """Whether activity `s` has a date in `window`."""
    a: Activity = s.ref  # type: ignore[assignment]
    return any(w.overlaps(window.start, window.end) for o in a.occurrences for w in o.dates)


def _asking_part(text: str) -> str:
    """The clauses of a question that ask, without the ones that only set the scene: "vi er
    i gang med at booke kalenderen – er afslutningsworkshoppen om en måned?", and without a
    guess at the answer ("…, er det en portal eller hvad?")."""
    text = _ASKED_BY.sub("", _GUESS.sub("", text) or text) or text
    text = _SCENE_COMMA.sub(lambda m: f"{m[1] or m[2]} –", text)  # "jeg er ved at …, skal …"
    before = _NOW_THAT.sub("", text)
    if before.strip() and before != text and _ASKS.search(fold(before)):
        return before
    parts = _CLAUSE.split(text)
    ends = [m[0] for m in _CLAUSE.finditer(text)] + [""]
    # a clause asks with its own question mark: "afslutningsworkshop er det en hel dag?"
    clauses = [(c, c + e) for c, e in zip(parts, ends, strict=True) if c.strip()]
    if len(clauses) < 2:
        return text
    asking = [c for c, said in clauses if _ASKS.search(fold(said))]
    clauses_ = [c for c, _said in clauses]
    scene = [c for c in clauses_ if c not in asking]
    return " ".join(asking) if asking and scene else text


def _holds(text: str, stems: Iterable[str]) -> bool:
    """Whether `text` has one of `stems`, alone, as the end of a compound ("købt" in
    "tilkøbt") or as the start of a derived or inflected word ("opgøre" in "opgørelse",
    "eksempel" in "eksempler")."""
    toks = set(terms(text))
    return any(
        k in toks or (len(k) >= 4 and any(t.endswith(k) or t[:5] == k[:5] for t in toks))
        for k in stems
    )


_T = TypeVar("_T")


def _standing_out(scored: Sequence[tuple[float, _T]]) -> _T | None:
    """The best of `scored` (best first), when no other comes within DESCRIBED_MARGIN of it."""
    if not scored or (len(scored) > 1 and scored[1][0] > scored[0][0] * DESCRIBED_MARGIN):
        return None
    return scored[0][1]


def _without_letters(word: str) -> Iterator[str]:
    """The words `word` may be when ø or å was typed as o or a ("sorge": "sørge",
    "maneder": "måneder"); not æ as a ("tanken" is no "tænken")."""
    for i, ch in enumerate(word):
        danish = {"o": "ø", "a": "å"}.get(ch)
        if danish:
            yield word[:i] + danish + word[i + 1 :]


def _root(word: str) -> str:
    """A word without its inflection ending: "eksterne" -> "ekstern", "evaluere" -> "evaluer",
    "socialstyrelsens" -> "socialstyrels"."""
    w = fold(word)
    if len(w) > 6:
        w = w.removesuffix("s")  # "socialstyrelsens" is a form of "socialstyrelsen"
    for ending in ("erne", "ene", "er", "en", "et", "e"):  # "eksterne" is no "ekst|erne"
        if w.endswith(ending) and len(w) - len(ending) >= 5:
            return w[: -len(ending)]
    return w


def _inflected(short: str, long: str) -> bool:
    """Whether `long` is `short` or a form of it ("evaluer" -> "evaluering"), not a compound
    that starts with it ("pulje" is not "puljeudmøntning")."""
    return long.startswith(short) and long[len(short) :] in {"", "s", "t", "ing", "ning"}


def _near_first(hits: list[Hit], share: float, key: Callable[[Hit], Any]) -> list[Hit]:
    """The hits scoring at least `share` of the best, ordered by `key` (stable), then the
    rest as they were."""
    near = sorted((h for h in hits if h.score >= share * hits[0].score), key=key)
    return near + [h for h in hits if h not in near]


def _per_head() -> str:
    """Why an amount per person, place or municipality is not answered."""
    return _(
        "The sources give amounts for the whole initiative, not per person, "
        "per place or per municipality."
    )


def _asks_the_strategy(t: str, named: bool) -> bool:
    """Whether a question asked from a project (folded `t`) asks the strategy, as no project
    has a track of its own: which phase something happens in ("i hvilken fase vælges
    sporet"), when the track is settled, or what holds in a track ("hvilket
    evalueringsdesign bruger man i spor 1"), unless a project is named or it is one's own."""
    if _PHASE_OF_THING.search(t) or re.search(r"^\W*hvornaar\b.*\bspor(?:et|ene)?\b", t):
        return True
    return (
        not named
        and re.search(r"\bspor ?[12]\b", t) is not None
        and not re.search(r"\b(?:vi|vores|os|jeg|projekt\w*|initiativ\w*)\b", t)
    )


def _time_precision(text: str) -> int:
    """How precisely `text` says when: 2 for a day, month, season or quarter with a year,
    1 for a year alone, 0 for no year."""
    t = fold(text)
    if not _YEAR.search(t):
        return 0
    part = rf"\b(?:{MONTH_RE}|foraar\w*|efteraar\w*|sommer\w*|vinter\w*|kvartal|halvaar\w*)"
    return 2 if re.search(part + r"\W+(?:\w+\W+)?(?:19|20)\d\d\b", t) else 1


def _compound_tail(word: str, compound: str) -> bool:
    """Whether `compound` ends in `word` ("ansøgningspulje" in "puljen"), the stems of both
    four letters or more."""
    tail = stem(word)
    return len(tail) >= 4 and len(compound) > len(tail) + 3 and stem(compound).endswith(tail)


def _clipped(word: str, limit: int = 30) -> str:
    """A word as a reply may quote it: "xxxx…" rather than 500 letters of it."""
    return word if len(word) <= limit else word[: limit - 1] + "\u2026"


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


# An activity named as a sentence: "Vidensnotatet foreligger", "Uddannelsesmaterialet er
# godkendt", "Udbud til evaluator igangsættes" (a passive in -es; not a genitive in -nes,
# "kommunernes").
_SENTENCE_NAME = re.compile(
    r"\b(?:er|blev|bliver) \w+$|\b\w{4,}[^\Wn]es\b|\b(?:foreligger|starter|begynder|slutter)$",
    re.IGNORECASE,
)


def _called(name: str) -> str:
    """An activity's name as it reads inside a sentence: "afslutningsworkshoppen" for
    "Afslutningsworkshoppen", a name that is a sentence in quotes ("hvor »Vidensnotatet
    foreligger« foregår", not "hvor vidensnotatet foreligger foregår")."""
    if _SENTENCE_NAME.search(name):
        return f"»{name}«"
    return _lower_first(name)


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
    end = cut.rfind(". ")
    if end <= limit // 2:  # no sentence ends late enough: a clause, else a word
        end = cut.rfind("; ")
    return (cut[: end + 1] if end > limit // 2 else cut.rsplit(" ", 1)[0] + " …").strip()


def _amount(value: float, unit: str = "") -> str:
    """Danish amounts as the sources write them: "16,2" and "4,0" mio. kr., "800.000" kr."""
    pattern = "#,##0.0##" if "mio" in unit else "#,##0.##"
    return format_decimal(value, format=pattern, locale="da_DK")


def _when_text(occ: Occurrence, *, labelled: bool = False, prefix: bool = False) -> str:
    text = format_when(occ.when)
    if prefix and occ.when.precision != "day":
        text = _("in {when}").format(when=text)
    if labelled and occ.label:
        text = f"{text} ({occ.label})"
    return text


def _occ_name(occ: Occurrence, a: Activity) -> str:
    """An occurrence as a list of several activities names it: its label when that names
    the activity ("Modningsworkshop 3", "Modul 2a"), else the activity and the label
    ("Kompetenceforløb – Start")."""
    if not occ.label:
        return a.name
    own, label = terms(a.name), terms(occ.label)
    if any(x == y or (min(len(x), len(y)) >= 5 and (x in y or y in x)) for x in label for y in own):
        return occ.label
    return f"{a.name} – {occ.label}"


def _nth(items: Sequence[_T], n: int) -> _T:
    """The `n`-th of `items` as an ordinal counts ("anden" = 2), -1 for "sidste"."""
    return items[n - 1] if n > 0 else items[-1]


def _dated_lines(
    items: Sequence[tuple[When, Activity, Occurrence]],
) -> tuple[list[str], list[Source]]:
    """One line per dated occurrence, and the sources that date them."""
    lines = [_dated_line(when, occ, a) for when, a, occ in items]
    return lines, [src for _w, _a, occ in items for src in _occ_sources(occ)]


def _occ_sources(occ: Occurrence) -> list[Source]:
    """Where an occurrence is dated: its source and those of its variants."""
    return [occ.source, *(v.source for v in occ.variants)]


def _dated_line(when: When, occ: Occurrence, a: Activity) -> str:
    """"• november 2023: Casebesøg 1 (the sources disagree: also september 2023)"."""
    line = f"• {format_when(when)}: {_occ_name(occ, a)}"
    note = _disagreement(when, occ)
    return f"{line} ({note})" if note else line


def _disagreement(when: When, occ: Occurrence) -> str:
    """The other dates the sources give for `occ` than `when`, or ""."""
    others = [w for w in occ.dates if w != when]
    if not others:
        return ""
    return _("the sources disagree: also {others}").format(
        others=_join([format_when(w) for w in others])
    )


def _upcoming(occs: Iterable[Occurrence], today: dt.date) -> list[Occurrence]:
    """The occurrences not over by `today`, in the order they come: where the sources
    disagree, by the first date still ahead."""
    ahead = [(w, o) for o in occs if (w := o.next_date(today)) is not None]
    return [o for _w, o in sorted(ahead, key=lambda x: (x[0].start, x[0].end))]


def _ahead_text(occ: Occurrence, today: dt.date) -> str:
    """When `occ` still comes: its own date or, when that has passed, the later date a
    disagreeing source gives (a conflict note beside it names both)."""
    when = occ.next_date(today) or occ.when
    return _when_text(occ) if when == occ.when else format_when(when)


def _format_text(a: Activity) -> str:
    names = {
        "virtual": _("virtual"),
        "physical": _("physical attendance"),
        "phone": _("by phone"),
        "written": _("in writing"),
    }
    return _join([names[f] for f in a.format])


_QUARTER = re.compile(
    r"\b([1-4])\.\s*(?:kvt|kv|kvart)\.?(?=\s+(?:19|20)\d\d\b)|\b([1-4])\.(?=kvartal\b)"
)


def spell_quarters(text: str) -> str:
    """Quarters as a person reads them: "1. kvt. 2020" and "1.kvartal 2020" -> "1. kvartal
    2020", as babel-formatted dates say it."""
    return _QUARTER.sub(lambda m: f"{m[1]}. kvartal" if m[1] else f"{m[2]}. ", text)


def _wants_number(text: str) -> bool:
    """Questions whose answer is a number: how many, how much, how long, and a measure
    asked for by name ("hvad er skolefraværet for børn med autisme", "andelen af …")."""
    return bool(
        re.search(
            r"hvor (?:mange|meget|stor|lang|laenge|hoej)|"
            r"(?:fravaer|andel|antall|procentdel|beloeb)(?:et|en)\b",
            fold(text),
        )
    )


def _defined(text: str) -> str:
    """The stem of the one word whose meaning is asked for: "hvad er MOVE for noget",
    "hvad betyder kerneelementer", "hvad består monitoreringen af" -> "mov", "kerneelement",
    "monitorering"; "" for other questions."""
    t = fold(text)
    m = re.fullmatch(
        r"\W*(?:hvad (?:er|betyder|menes der med|menes med|daekker"
        r"|mener (?:de|man|i) (?:egentlig |egentligt |helt praecist )?med) "
        r"(?:en |et )?|hvad staar )"
        r"(susi[ -]\w+|\w+(?:-\w+)?)(?: for (?:noget|en|et))?"
        r"(?: (?:helt )?(?:praecist|egentlig|egentligt))?"
        r"(?: i (?:strategien|susi|drejebogen|projektet))?\W*",
        t,
    ) or re.fullmatch(r"\W*(\w+),? (?:definition|def|betydning)\W*", t) or re.fullmatch(
        # "hvad består monitoreringen af (når en indsats udbredes)"
        r"\W*hvad bestaar (?:den |det |de )?(\w+) (?:\w+ )?af\b(?:\W.*)?", t
    ) or re.fullmatch(
        r"\W*(?:\w+ ){0,6}(?:en|et|om|ordet) (\w+),? (?:hvad er|hvad betyder) (?:det|den)\W*", t
    )  # "min forgænger nævnte en midtvejsrapport, hvad er det?"
    return stem(m.group(1).replace(" ", "-")) if m else ""  # "susi vurdering": SUSI-vurdering


def _counted(text: str) -> tuple[str, ...]:
    """What "hvor mange …" counts, as stems: "hvor mange kommuner eller regioner" ->
    ("kommun", "region")."""
    m = re.search(r"hvor mange (\w+)(?: (?:eller|og) (\w+))?", fold(text))
    if not m:
        return ()
    named = [stem(w) for w in m.groups() if w and w not in STOPWORDS and len(w) > 2]
    if "procent" in named:  # "hvor mange procent": the sources write "pct."
        named.append("pct")
    if "gang" in named:  # "hvor mange gange mødes gruppen": sessions, meetings
        named += ["session", "moed"]
    return tuple(dict.fromkeys(t for n in named for t in (n, *expand(n))))  # "steder": aktører


def _track_in(text: str) -> int | None:
    """The one track a question is about, if it names exactly one."""
    named = {int(n) for n in re.findall(r"spor\s*([12])", fold(text))}
    return named.pop() if len(named) == 1 else None
