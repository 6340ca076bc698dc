"""Everyday Danish words and the words the sources use for the same thing.

People ask "hvor gamle er de unge?" where the source says "15-25 år", "skal vi
overnatte?" where it says "internat", "hvem står for maden?" where it says
"forplejning". Each entry maps an everyday word (as typed, any inflection) to
words of the sources; the question is then matched and searched with both.

Keep it general — words any user of any project might use — not answers to
particular questions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.text import stem, words

_SYNONYMS: dict[str, tuple[str, ...]] = {
    # age and people
    "gammel": ("år", "alder"),
    "gamle": ("år", "alder"),
    "alder": ("år",),
    "aldersmæssigt": ("år", "alder"),
    "kilder": ("litteratur", "vidensindsamling", "vidensgrundlag"),
    "aldersgruppe": ("år", "målgruppe"),
    "aldersgrænse": ("år",),
    "aldersspænd": ("år", "alder"),
    "minimumsalder": ("år", "alder"),
    "mindstealder": ("år", "alder"),
    "fora": ("forum", "modningsforum"),
    "tilbagevendende": ("løbende",),
    "frivillige": ("civilsamfundet", "civilsamfundsorganisationer"),
    "frivillig": ("civilsamfundet", "civilsamfundsorganisationer"),
    "foreninger": ("civilsamfundet", "civilsamfundsorganisationer"),
    "testfase": ("afprøvningsfase", "afprøvningsfasen"),
    "testfasen": ("afprøvningsfasen",),
    "lanceret": ("offentliggjort",),
    "lanceres": ("offentliggøres", "offentliggjort"),
    "udgivet": ("offentliggjort",),
    "max": ("højst",),
    "maks": ("højst",),
    "maksimalt": ("højst",),
    "maksimum": ("højst",),
    "slået": ("udmeldt", "udmelding", "udmeldinger"),
    "overvågning": ("monitorering",),
    "overvåger": ("monitorering", "følger"),
    "ligestillede": ("peer", "peerstøtte", "ligemandsstøtte"),
    "afgangsprøven": ("afgangseksamen",),
    "afgangsprøve": ("afgangseksamen",),
    "overnatningskurset": ("internat",),
    "årig": ("år",),
    "børnene": ("børn",),
    "ungerne": ("unge",),
    "forældrene": ("forældre", "voksne"),
    "borgerne": ("borgere", "målgruppe"),
    "brugerne": ("brugere",),
    "klienter": ("borgere",),
    "medarbejdere": ("fagpersoner", "fagprofessionelle", "praktikere"),
    "personale": ("medarbejdere", "fagpersoner", "fagprofessionelle"),
    "ansatte": ("medarbejdere", "fagpersoner", "fagprofessionelle"),
    "ledere": ("ledelse",),
    "chef": ("leder",),
    "kollegaer": ("medarbejdere",),
    "pædagog": ("praktiker", "fagperson"),
    "pædagoger": ("praktikere", "fagpersoner"),
    "lærer": ("fagperson",),
    "lærere": ("fagpersoner",),
    "socialrådgiver": ("fagperson", "medarbejder"),
    "socialrådgivere": ("fagpersoner", "medarbejdere"),
    "kolleger": ("medarbejdere", "fagpersoner"),
    "kollegerne": ("medarbejdere", "fagpersoner"),
    "deltagerne": ("deltagere",),
    "klassetrin": ("klasse",),
    "klasser": ("klasse",),
    "skolebørn": ("grundskolen",),
    # meetings and events
    "arrangement": ("aktivitet", "møde", "workshop"),
    "arrangementer": ("aktiviteter",),
    "event": ("aktivitet", "workshop"),
    "samling": ("møde", "workshop"),
    "træf": ("møde",),
    "seminar": ("workshop",),
    "kursus": ("kompetenceudvikling", "modul"),
    "sparre": ("sparring", "rådgivning"),
    "kurset": ("kompetenceudvikling", "modul"),
    "uddannelsen": ("kompetenceudvikling",),
    "undervisning": ("kompetenceudvikling", "undervisning"),
    "træning": ("kompetenceudvikling",),
    "overnatte": ("internat",),
    "sove": ("internat",),
    "overnatning": ("internat",),
    "maden": ("forplejning",),
    "mad": ("forplejning",),
    "kaffe": ("forplejning",),
    "udgave": ("version",),
    "slutrapport": ("afsluttende evalueringsrapport", "evalueringsrapport"),
    "slutrapporten": ("afsluttende evalueringsrapport", "evalueringsrapport"),
    "tlf": ("telefonmøde", "telefonisk"),
    "syge": ("vanskeligheder", "psykiske"),
    "sygdom": ("vanskeligheder", "lidelse"),
    "sygdomme": ("vanskeligheder", "lidelser"),
    "verden": ("international", "europæisk"),
    "evaluatorer": ("evalueringsmedarbejdere", "evaluator"),
    "evaluatorerne": ("evalueringsmedarbejdere", "evaluator"),
    "ordne": ("forberede", "sørge", "opgave"),
    "gemmes": ("opbevares", "opbevaring", "registre"),
    "inddrages": ("brugerdrevet", "input", "inddragelse"),
    "lovgivning": ("regel", "lov", "afhængigheder"),
    "forplejningen": ("forplejning",),
    "lokaler": ("lokaler", "mødefaciliteter"),
    "lokale": ("mødefaciliteter",),
    "mødested": ("sted",),
    "online": ("virtuelt",),
    "teams": ("virtuelt",),
    "zoom": ("virtuelt",),
    "videomøde": ("virtuelt",),
    "sparringsmøde": ("sparring", "møde"),  # "løbende sparring … 6-8 virtuelle møder"
    "sparringsmøder": ("sparring", "møder"),
    "sparringsmøderne": ("sparring", "møder"),
    "onlinemøde": ("virtuelt", "møde"),
    "onlinemødet": ("virtuelt", "møde"),
    "onlinemøder": ("virtuelt", "møder"),
    "fysisk": ("fysisk", "fremmøde"),
    "telefonmøde": ("telefonisk",),
    "ringe": ("telefonisk", "rådgivning"),
    "besøg": ("casebesøg",),
    "besøget": ("casebesøg",),
    "interviews": ("interview",),
    "snak": ("samtale",),
    "snakke": ("samtale",),
    "bosted": ("botilbud",),
    "rejse": ("sted",),
    "sårbare": ("vanskeligheder", "udsatte"),
    "følsomme": ("personfølsomme",),
    "fællesdag": ("fælles", "workshop"),
    "kickoff": ("opstartsmøde", "opstart"),
    "hoveddele": ("kerneelementer",),
    "trin": ("fase", "faser"),
    "opkald": ("telefonmøde", "telefoninterview", "telefonisk"),
    "intro": ("indledende", "introduktion"),
    "omgang": ("runde", "version"),
    "kvartalsskema": ("selvevaluering", "skema"),
    "kvartalsskemaet": ("selvevaluering", "skema"),
    "elever": ("børn", "unge", "klasse"),
    "opbevaret": ("lagres", "opbevares"),
    "opbevares": ("lagres", "opbevares"),
    "evaluator": ("evaluering", "evaluator"),
    "evaluatoren": ("evaluering", "evaluator"),
    "upload": ("sende", "aflevere"),
    "uploade": ("sende", "aflevere"),
    "fællesmøde": ("fælles", "møde"),
    "fællesmødet": ("fælles", "møde"),
    "spredes": ("udbredes", "udbredelse"),
    "sprede": ("udbrede", "udbredelse"),
    "spredt": ("udbredt", "udbredelse"),
    "heldags": ("hel dag",),
    "udefra": ("ekstern", "eksterne"),
    "slutningen": ("afslutningen", "afsluttes"),
    "milepæl": ("tidsplan", "aktivitet"),
    "endags": ("dag",),
    "skaffe": ("finde",),
    "rum": ("lokaler",),
    "fagfolk": ("fagpersoner", "fagprofessionelle"),
    "diskutere": ("drøftelse", "erfaringsudveksling"),
    "diskuterer": ("drøftelse", "erfaringsudveksling"),
    "afgjort": ("afklares", "besluttes"),
    "afgøres": ("afklares", "besluttes"),
    "afgør": ("afklares", "besluttes"),
    "rus": ("rusmiddel",),  # "rus-screeningen"
    "erfa": ("erfaringsudveksling", "udveksle"),  # "erfa-workshops"
    "kompetenceforløb": ("kompetenceudvikling",),
    "kickoffet": ("opstartsmøde",),
    "telefonsamtale": ("telefonisk", "telefoninterview"),
    "telefonsamtalen": ("telefonisk", "telefoninterview"),
    "telefonsnak": ("telefonisk", "telefoninterview"),
    "godkende": ("godkendt",),
    "godkender": ("godkendt",),
    "kompetenceforløbet": ("kompetenceudvikling",),
    "hovedkrav": ("kriterier",),
    "inddelt": ("opdelt", "delt"),
    "hovedkravene": ("kriterierne",),
    "afgøre": ("afklares", "besluttes"),
    "hovedtyper": ("overordnede typer",),
    "besluttet": ("afklares", "besluttes"),
    "bestemmer": ("afklares", "besluttes"),
    "bestemmes": ("afklares", "besluttes"),
    "hårdest": ("mest belastede",),
    "hårdt": ("belastede",),
    "samtaleteknikker": ("samtalemetoder",),
    "teknikker": ("metoder",),
    "grundelementer": ("kerneelementer",),
    "grundelementerne": ("kerneelementer",),
    "byggesten": ("kerneelementer", "byggeklodser"),
    "byggestenene": ("kerneelementer", "byggeklodser"),
    "hovedbyggesten": ("kerneelementer",),
    "posten": ("budget", "mio. kr."),
    "post": ("budget", "mio. kr."),
    "væk": ("fravær",),
    "udrulning": ("udbredelse",),
    "udrulningen": ("udbredelse",),
    "udrulningsfasen": ("udbredelsesfasen",),
    "ens": ("ensartet",),
    "diagnoser": ("diagnostiske",),
    "jura": ("juridisk",),
    "hovedkriterier": ("kriterier",),
    "ledelsesniveau": ("niveau", "centerchefniveau"),  # "godkendt på hvilket ledelsesniveau"
    "parter": ("aktører", "samarbejdsparter"),
    "seance": ("session", "q&a"),
    "etaper": ("faser",),
    "etape": ("fase",),
    "parterne": ("aktører", "samarbejdsparter"),
    "ledelsesniveauet": ("niveau", "centerchefniveau"),
    "hovedkriterierne": ("kriterier",),
    "juraen": ("juridisk",),
    "tilsendt": ("udsender", "udsendes"),
    "diagnose": ("diagnostisk",),
    "bane": ("spor",),
    "banen": ("spor",),
    "baner": ("spor",),
    "banerne": ("spor",),
    "byggeklodser": ("kerneelementer", "byggeklodser"),
    "gps": ("adresse",),
    "gemt": ("lagres", "opbevares"),
    "gemme": ("lagres", "opbevares"),
    "bostedet": ("botilbud",),
    "udskolingen": ("klasse", "grundskolen"),
    "indskolingen": ("klasse", "grundskolen"),
    "mellemtrinnet": ("klasse", "grundskolen"),
    # time
    "rækkefølge": ("trinvis", "faser"),
    "tidsplan": ("tidsplan", "kvartal"),
    "deadline": ("frist",),
    "afleveringsfrist": ("frist",),
    "hvornår": (),
    "varighed": ("varer",),
    "længden": ("varighed",),
    "timer": ("time",),
    "formiddag": ("dag", "varighed"),
    "eftermiddag": ("dag", "varighed"),
    "kører": ("afvikling", "forløb"),
    "køre": ("afvikling",),
    "kørt": ("afviklet", "leverer"),
    "peer": ("peerstøtte",),
    "peers": ("peerstøtte",),
    "indberette": ("registrering", "lagres"),
    "ekstra": ("supplerende", "yderligere"),
    "papir": ("skrivelse", "oplysningsskrivelse"),
    "info": ("oplysning", "information"),
    "fraværsteam": ("skolefraværsteam",),
    "løber": ("periode",),
    "startede": ("start", "igangsættes"),
    "starter": ("start", "igangsættes"),
    "begynder": ("start", "igangsættes"),
    "slutter": ("afslutning",),
    "halvvejs": ("midtvejs", "midtvejsrapport"),
    "fællesforum": ("modningsforum", "forum"),
    "heldagssamling": ("workshop", "workshops"),
    "heldagssamlinger": ("workshop", "workshops"),
    "spørgetime": ("q&a", "spørgsmål"),
    "måleværktøj": ("måleredskab", "instrument"),
    "måleværktøjer": ("måleredskaber", "instrumenter"),
    "fremlagt": ("præsenteres", "præsentation"),
    "skolepsykolog": ("ppr",),
    "skolepsykologer": ("ppr",),
    "skolepsykologerne": ("ppr",),
    "indflydelse": ("brugerdrevet", "inddragelse"),
    "institut": ("evaluering", "vive"),
    "forskningsinstitut": ("evaluering", "vive"),
    "stopper": ("afslutning",),
    "klar": ("foreligger", "parat"),
    "job": ("beskæftigelse",),
    "eftersyn": ("servicetjek",),
    "problemer": ("vanskeligheder",),
    "mennesker": ("personer", "borgere"),
    "skitse": ("prototype",),
    "udkast": ("prototype",),
    "forskning": ("litteratur", "studier"),
    "beboere": ("borgere", "botilbud"),
    "beboerne": ("borgerne", "botilbud"),
    "mindske": ("reduktion", "reducere"),
    "færre": ("reduceres", "reduktion"),
    "indberetninger": ("underretninger",),
    "indberetning": ("underretning",),
    "indviklede": ("komplekse",),
    "indviklet": ("kompleks",),
    "kompliceret": ("kompleks",),
    "komplicerede": ("komplekse",),
    "tælle": ("opgøre", "registrere"),
    "fremlægge": ("præsentere", "præsentation"),
    "fremlægger": ("præsentere", "præsentation"),
    "fremlægges": ("præsenteres", "præsentation"),
    "folkeskole": ("grundskole",),
    "folkeskolens": ("grundskolens",),
    "eksamen": ("afgangseksamen",),
    "skader": ("skadesreduktion",),
    "skaderne": ("skadesreduktion",),
    "digital": ("elektronisk",),
    "digitalt": ("elektronisk",),
    "værktøj": ("redskab",),
    "værktøjet": ("redskab",),
    "værktøjer": ("redskaber",),
    "bremser": ("hæmmer",),
    "bremse": ("hæmme",),
    "trappen": ("udviklingstrin", "fase"),
    # the phase where the intervention is developed with the municipalities: modning
    "udviklingsfasen": ("modningsfasen", "modning"),
    "udviklingsperioden": ("modningsfasen", "modning"),
    "tilpasningsperioden": ("modningsfasen", "modning"),
    "færdig": ("foreligger", "afsluttende", "endelig"),
    "færdige": ("foreligger", "endelig"),
    # money
    "penge": ("mio. kr.", "budget"),
    "pengene": ("mio. kr.", "budget"),
    "bevilling": ("budget", "tilskud"),
    "pengesum": ("budget", "mio. kr."),
    "pengesummen": ("budget", "mio. kr."),
    "beløb": ("budget", "mio. kr."),
    "beløbet": ("budget", "mio. kr."),
    "støttebeløb": ("tilskud",),
    "midlerne": ("midler",),
    "puljen": ("ansøgningspulje",),
    "pulje": ("ansøgningspulje",),
    "koster": ("omkostninger",),
    "udgifter": ("omkostninger",),
    "økonomien": ("økonomi", "budget"),
    "andel": ("del", "pct.", "procent"),
    "andelen": ("del", "pct.", "procent"),
    "total": ("samlet", "i alt", "budget"),
    "totalt": ("samlet", "i alt"),
    "samlede": ("samlet", "i alt"),
    # law and documents
    "paragraffer": ("§", "lov"),
    "paragraf": ("§", "lov"),
    "paragrafferne": ("§", "lov"),
    "lov": ("loven", "lov"),
    "nyt": ("ændringer",),
    "nyheder": ("ændringer",),
    "ændret": ("ændringer",),
    "rapport": ("rapport", "evalueringsrapport"),
    "rapporten": ("evalueringsrapport",),
    "skema": ("skema", "selvevaluering"),
    "skemaet": ("selvevaluering",),
    "spørgeskema": ("spørgeskemaer",),
    "notat": ("vidensnotat",),
    "produkt": ("leverance",),
    "produktet": ("leverance",),
    "hovedprodukt": ("hovedleverance",),
    "hovedproduktet": ("hovedleverance",),
    "hovedresultat": ("hovedleverance",),
    "hovedresultatet": ("hovedleverance",),
    "vidensdokument": ("vidensnotat",),
    "vidensdokumentet": ("vidensnotat",),
    "tjek": ("servicetjek",),
    "partnere": ("partnerskab", "partnerskabskommuner"),
    "bid": ("andel",),
    "kagen": ("budget",),  # "socialstyrelsens bid af kagen"
    "tjekket": ("servicetjek",),
    "kursusforløb": ("kompetenceforløb", "kompetenceudvikling"),
    "kursusforløbet": ("kompetenceforløb", "kompetenceudvikling"),
    "nedsætte": ("etablere",),
    "nedsættes": ("etableres",),
    "chefniveau": ("centerchefniveau",),
    "etablere": ("oprette",),  # "hvad skal der etableres på botilbuddet": a team is "oprettet"
    "etableres": ("oprettes",),
    "planlægningsdag": ("planlægningsworkshop",),
    "planlægningsdagen": ("planlægningsworkshop",),
    # doing
    "regne": ("forventes", "opgørelse", "estimere"),
    "regner": ("forventes", "opgørelse", "estimere"),
    "forvente": ("forventes",),
    "bidrage": ("bidrage",),
    "hjælpe": ("bidrage", "understøtte", "bistand"),
    "forvaltning": ("fagområde", "afdeling"),
    "fagområder": ("områder",),
    "fagområderne": ("områder",),
    "afdeling": ("fagområde", "forvaltning"),
    "opgaver": ("opgave",),
    "metoden": ("metode", "indsats"),
    "metode": ("metode", "indsats"),
    "behandlingsmetode": ("behandling", "metode"),
    "programmet": ("program",),
    "igennem": ("gennemføre", "gennemløbe"),
    "evaluere": ("evaluering",),
    "evalueret": ("evaluering", "evalueres"),
    "kontaktperson": ("kontakt", "rådgiver"),
    "folk": ("medarbejdere", "praktikere", "deltagere"),
    "steder": ("aktører", "kommuner", "tilbud"),
    "særlig": ("specialiseret",),
    "særligt": ("specialiseret",),
    "spurgt": ("inddraget", "brugerdrevet", "input"),
    "person": ("rådgiver", "kontaktperson"),
    "runde": ("forløb", "version"),
    "tungeste": ("mest belastede", "komplekse"),
    "tunge": ("belastede", "komplekse"),
    "booke": ("planlægge",),
    "vigtigste": ("væsentligste", "centrale", "hovedleverance", "hovedformål"),
    "rådgiver": ("rådgiver",),
}


# Everyday phrases and the source words for what they ask about.
_PHRASES: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(
            r"\bkommer? (?:der )?(?:\w+ )?ud af\b|\bende\w* (?:\w+ )?(?:ud )?(?:med|i)\b|"
            r"\bmunde\w* ud i\b"
        ),
        ("hovedleverance", "leverance"),
    ),
    (re.compile(r"\b(?:drive|koere|fortsaette) (?:\w+ )?videre\b|\befter projekt(?:et|perioden)\b"),
     ("forankring", "drift")),
    (re.compile(r"\bkommer (?:\w+ ){0,3}ud (?:til|hos) os\b|\bkommer (?:\w+ )?ud og\b|"
                r"\bbesoeg\w* (?:hos )?os\b|\bnaar de er her\b"),
     ("casebesøg", "besøg", "lokalt")),  # a visit, or a meeting held locally
    (re.compile(r"\barbejde[rt]? (?:\w+ ){0,3}sammen\b"), ("samarbejde",)),
    (re.compile(r"\bsnakke[rt]? (?:\w+ )?sammen\b"), ("netværk", "udveksle")),
    # the level that must approve taking part: "på hvilket niveau skal vi være godkendt"
    (re.compile(r"\bhvilket (?:ledelses)?niveau\b(?: \w+){0,6} godkend|"
                r"\bgodkend\w* (?:\w+ ){0,3}paa hvilket (?:ledelses)?niveau\b"),
     ("centerchefniveau",)),
    # where knowledge comes from: "hvor skal viden i vidensnotatet komme fra"
    (re.compile(r"\bhvor (?:\w+ ){0,5}(?:komme|kommer|hentes|indhentes|stammer) fra\b"),
     ("bygger på", "vidensindsamling")),
    (re.compile(r"\b(?:alle|de andre|andre) (?:de andre )?kommuner(?:ne)?\b|\bpaa tvaers\b"),
     ("tværkommunal", "tværkommunale", "tværkommunalt")),
    (re.compile(r"\b(?:afproevet|proevet|brugt|testet) (?:[\w-]+ )?(?:foer|tidligere)\b"),
     ("afprøvet", "baggrund")),
    # the strategy's phases described by what happens in them
    (
        re.compile(
            r"\btest\w* (?:\w+ ){0,3}(?:om|hvordan|hvor godt) (?:\w+ )?"
            r"(?:det|den|indsatsen|metoden|modellen) (?:\w+ )?virker\b|\bmaal\w* (?:\w+ )?effekt"
        ),
        ("afprøvningsfasen", "afprøvning"),
    ),
    (
        re.compile(
            r"\b(?:rulle[st]?|spred(?:es|e|t)?) (?:\w+ )?ud\b|"
            r"\bud til (?:hele landet|alle (?:landets )?kommuner)"
        ),
        ("udbredelsesfasen", "udbredelse"),
    ),
    (re.compile(r"\b(?:bliver|blive|skal) (?:\w+ )?modne[st]?\b"), ("modningsfasen", "modning")),
    (
        re.compile(
            r"\bundersoeg\w* (?:\w+ )?hvad der (?:findes|er) af viden\b|"
            r"\b(?:aller)?foerste fase i strategien\b|\bindledende (?:undersoegelses)?fase"
        ),
        ("screeningsfasen", "screening"),
    ),
    (re.compile(r"\bhaenge\w* (?:\w+ ){0,2}sammen med\b"), ("afhængigheder", "sammenhæng")),
    # project leaders meeting each other: their network
    (re.compile(r"\bprojektleder\w* (?:\w+ ){0,4}(?:moedes|ses|samles)\b|"
                r"\b(?:moedes|ses|samles) (?:\w+ ){0,3}projektleder"),
     ("projektledernetværk",)),
    (re.compile(r"\bbygge\w* (?:\w+ ){0,2}videre\b"), ("baggrund",)),
    (re.compile(r"\bbygge[rs]? (?:\w+ ){0,2}paa\b"), ("afsæt", "udgangspunkt")),
    (re.compile(r"\bmeldt? (?:\w+ )?ud\b|\bmelde[rs]? (?:\w+ )?ud\b"), ("udmelding",)),
    (re.compile(r"\begne erfaring"), ("peerstøtte", "peer")),
    (
        re.compile(r"\bskrevet (?:\w+ )?ind\b|\bskrives (?:\w+ )?ind\b|\bindskrevet\b"),
        ("indskrivning",),
    ),
    (re.compile(r"\bhele vejen(?: igennem)?\b"), ("løbende", "projektperioden")),
    (re.compile(r"\bsamle\w* (?:\w+ )?op\b"), ("opsamling",)),
    (re.compile(r"\b(?:aller)?foerste (?:udgave|version) af strategien\b"), ("oprindelige",)),
    (re.compile(r"\bgoere?s? (?:\w+ )?op\b"), ("opgørelse", "estimere")),  # "gøre op hvad …"
    (re.compile(r"\bdele\w* (?:\w+ )?erfaring"), ("udveksle", "erfaringsudveksling")),
    (re.compile(r"\bpro ?forma\b|\bfor syns skyld\b"), ("symbolsk",)),
    (re.compile(r"\b(?:delt|deles|dele)(?: \w+)? ud\b|\buddel(?:t|es|ing)\b"),
     ("udmøntes", "udmøntning")),
    (re.compile(r"\bskreve?t? (?:\w+ )?under\b|\bunderskre?v"), ("indgå", "kontrakt")),
    (re.compile(r"\bholde\w* (?:\w+ )?oeje med\b"), ("monitorering", "følge")),
    (
        re.compile(
            r"\bs(?:ae|æ)tte?s? (?:\w+ )?i gang\b|"
            r"\b(?:gaar|gaaet|gik|kommer|kom) (?:\w+ ){0,2}i gang\b"  # "går forløbene i gang"
        ),
        ("igangsættes", "igangsætte", "start"),
    ),
    # "hvornår starter vi op", "hvornår startede kommunerne op" (not the scene "vi er lige
    # startet op, …")
    (re.compile(r"\bhvornaar start(?:e|er|ede|et)? (?:\w+ ){0,2}op\b"), ("opstart", "start")),
    (re.compile(r"\bvigtigste (?:\w+ ){0,3}(?:lever|produkt)"), ("hovedleverance",)),
    (re.compile(r"\bbaerende (?:elementer|dele)\b"), ("kerneelementer",)),
    (re.compile(r"\brunde\w* af\b"), ("afslutning", "afslutningsworkshop")),
    # "når de laver interviews ude hos os": the visit to the municipality
    (re.compile(r"\bude hos (?:os|jer|dem|kommunen)\b"), ("besøg", "besøger", "casebesøg")),
    # "den dag til sidst i projektet", "sidst i forløbet": its end
    (re.compile(r"\b(?:til )?sidst i (?:projekt|forloeb)\w*"), ("slutningen", "afslutning")),
    (re.compile(r"\b(?:bestemt|fast|samme) (?:person|kontakt)\b"), ("fast", "rådgiver")),
    (
        re.compile(
            r"\bhvor (?!mange|meget)(?:\w+ ){0,3}(?:kommer|komme|stammer|stamme|hentes|hente|"
            r"henter|ved|kender|faar|har) (?:\w+ ){0,3}fra\b"
        ),
        ("vidensindsamling", "baggrund", "bygger"),
    ),
    (
        re.compile(
            r"\bnaar (?:\w+ )?(?:stoette|hjaelp)\w* (?:stopper|slutter|ophoerer)\b|"
            r"\bnaar (?:projektet|initiativet|perioden|projektperioden) (?:er slut|slutter|stopper|"
            r"er (?:faerdigt?|ovre|afsluttet))\b"
        ),
        ("forankring", "drift"),
    ),
]


def phrase_terms(text: str) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    """Everyday phrases in `text` (folded), each as the stems of its words and the stems
    of the source words for it: "hvad kommer der ud af det" asks for the deliverable."""
    out = []
    for rx, targets in _PHRASES:
        m = rx.search(text)
        if m:
            said = frozenset(stem(w) for w in words(m[0]))
            out.append((said, tuple(stem(w) for t in targets for w in words(t))))
    return out


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, ...]]:
    """Stem of the everyday word -> stems of the source words."""
    out: dict[str, tuple[str, ...]] = {}
    for word, targets in _SYNONYMS.items():
        stems = tuple(dict.fromkeys(stem(w) for t in targets for w in words(t)))
        key = stem(word)  # "regne" and "regner" share a stem: both their words count
        out[key] = tuple(dict.fromkeys((*out.get(key, ()), *stems)))
    return out


def everyday_words() -> list[str]:
    """The everyday words this table reads ("penge", "overnatte")."""
    return list(_SYNONYMS)


def expand(term: str) -> tuple[str, ...]:
    """The source words an everyday stem stands for (empty when none)."""
    return table().get(term, ())
