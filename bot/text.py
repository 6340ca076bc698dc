"""Danish text for matching: folding, tokens, stems.

People type "hvornaar", "hvornår" and "hvornar" for the same word, and
"afslutningsworkshoppen" for "afslutningsworkshop". Everything that is matched
goes through `terms`: lower case, æ/ø/å folded to ae/oe/aa (both ways meet in
the middle), punctuation gone, Danish Snowball stems.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("danish")

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "u", "é": "e"})
_WORD = re.compile(r"[0-9a-zæøåäöüé]+|§")
MAX_QUESTION = 500  # characters of a question that are looked at; the rest is cut

# Danish function words and filler: the Snowball list, the everyday words people pad a
# question with, and common abbreviations. Matched folded as well ("naar" = "når").
_STOPWORDS = """
ad af alle alt anden at bare blev blive bliver da de dem den denne der deres det dette dig
din dog du efter eller en end er et for fra gerne godt ham han hans har havde have hende
hendes her hos hun hvis i igen ikke ind jeg jer jo kan kun kunne lige man mange med meget
men mig min mine mit mod mon nogen noget nogle nu når og også om op os over på sig sin sine
sit skal skulle selv som så sådan thi til ud under var vi vil ville vor vores være været
hej tak ja nej please lidt egentlig fx osv evt ca helt mht ift ang angående el iflg ifølge
jf jvf vedr vedrørende bl.a dvs mfl d nok vel altså faktisk sgu lissom liksom hmm øh fik
kigge kigger kiggede kigget udover foruden bortset især normalt sædvanligvis
netop midt huske husker frem spørger spørge spurgte andre ligesom plejer bag forvejen haft
fremfor både selve masse f eks medmindre pls plz overalt udenom bevidst præcist præcis cirka circa
nævn nævne par nuværende tanken slet overhovedet knap knapt oveni per
forkortelse forkortelsen forkortet forkortelser forkortelserne forkortes
""".split()
STOPWORDS = frozenset(_STOPWORDS) | frozenset(w.translate(_FOLD) for w in _STOPWORDS)


def fold(text: str) -> str:
    """Lower case, Unicode-normalised, æ/ø/å as ae/oe/aa."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """The lower-case words of `text` (letters and digits), æ/ø/å kept."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Danish stem of one lower-case word, folded."""
    if word.isdigit():
        return word
    if word in _PARTICIPLES:
        return _PARTICIPLES[word]
    root = _END_ROOT.match(word)
    if root:  # Snowball cuts "-endes" whole: "godkendes" -> "godk", but "godkendt" -> "godkend"
        return fold(root[1])
    return fold(_STEMMER.stemWord(word))


# Participles the stemmer reads as another word's noun: "får tilbudt" is "tilbydes", not
# "tilbud" (the one in "botilbud").
_PARTICIPLES = {"tilbudt": "tilbyd", "tilbudte": "tilbyd"}


# Verbs whose root ends in "end" ("godkende", "anvendes", "udsendes") — named, for
# "-ende" is also the present participle ("dækkende", "passende", "retningsgivende").
_END_ROOT = re.compile(
    r"((?:god|aner|er)?kend|(?:an|hen)?vend|(?:ud|ind|af|frem|til)?send)(?:e|es|er|t|te)$"
)


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Folded stems of the words of `text`."""
    out = []
    for w in words(text):
        if not keep_stopwords and (w in STOPWORDS or fold(w) in STOPWORDS):
            continue
        out.append(stem(w))
    return out


NOUN_ENDINGS = ("ing", "ning", "else", "sel")


# Verbs whose noun changes its vowel or drops the ending (folded stems): "vælges" -> "valg".
_IRREGULAR_NOUNS = {
    "vaelg": ("valg",),
    "udvaelg": ("udvalg", "udvaelgels"),
    "saelg": ("salg",),
    "gaa": ("gang",),
    "find": ("fund",),
    "skriv": ("skrift",),
    "bryd": ("brud",),
    "tag": ("deltagels",),
    "beslut": ("beslutning",),
    "bevilg": ("bevilling",),
    "bevil": ("bevilling",),
    "opdat": ("opdatering",),
    "ansoeg": ("ansoegning",),
    "soeg": ("ansoegning", "soegning"),
}


def derived(term: str) -> tuple[str, ...]:
    """Nouns made from a verb stem: "modn" (modnes) -> "modning", "monitor" -> "monitorering",
    "vaelg" (vælges) -> "valg"."""
    out = [*_IRREGULAR_NOUNS.get(term, ()), *(term + e for e in NOUN_ENDINGS)]
    if term.endswith("er"):
        out.append(term + "ing")
    else:
        out.append(term + "ering")
    return tuple(out)


# Everyday spellings of question words and common abbreviations, as people type them on a
# phone: "hva" for "hvad", "hvor dan" for "hvordan", "mdr" for "måneder".
_SPELLINGS = {
    "hva": "hvad",
    "hvaa": "hvad",
    "hvd": "hvad",
    "hvordn": "hvordan",
    "hvorden": "hvordan",
    "hordan": "hvordan",
    "hvordann": "hvordan",
    "hvor dan": "hvordan",
    "hvornå": "hvornår",
    "hvonår": "hvornår",
    "hvonaar": "hvornår",
    "hvor når": "hvornår",
    "hvor naar": "hvornår",
    "hvorår": "hvornår",
    "hvm": "hvem",
    "hvike": "hvilke",
    "hvlke": "hvilke",
    "hvilkn": "hvilken",
    "hvilkt": "hvilket",
    "hvorfr": "hvorfor",
    "hvr": "hvor",
    "ik": "ikke",
    "ikk": "ikke",
    "ka": "kan",
    "sku": "skulle",
    "mdr": "måneder",
    "mdrs": "måneders",
    "pga": "på grund af",
    "ifht": "i forhold til",
    "ifbm": "i forbindelse med",
    "i stedet for": "fremfor",  # not "sted", a place
    "istedet for": "fremfor",
    "skal på plads": "skal være klar",  # not "være på plads": a condition
    "skal paa plads": "skal være klar",
    "forvente at se": "se",  # "hvornår kan vi forvente at se X": when is X
    "forvente at få": "få",
    "som regel": "normalt",
    "rent praktisk": "konkret",
    "ws": "workshop",
    "sst": "Socialstyrelsen",
    "def": "definition",
    "ifm": "i forbindelse med",
    "iht": "i henhold til",
    "ialt": "i alt",
    "hvormange": "hvor mange",
    "laber": "løber",
    "afat": "afsat",
    # the strategy's phases called stages
    "etape": "fase",
    "etapen": "fasen",
    "etaper": "faser",
    "etaperne": "faserne",
    "stadie": "fase",
    "stadiet": "fasen",
    "stadier": "faser",
    "stadierne": "faserne",
    # the end of the year is no "afslutning": "i slutningen af året" is "sidst på året"
    "i slutningen af året": "sidst på året",
    "i slutningen af aaret": "sidst på året",
    "ved udgangen af året": "sidst på året",
    "ved udgangen af aaret": "sidst på året",
    "i starten af året": "først på året",
    "i starten af aaret": "først på året",
    "i begyndelsen af året": "først på året",
    "i begyndelsen af aaret": "først på året",
    # "hvad står på programmet nu": what happens, not the YBP program
    # "forelagt" reads like "foreligger" (is there): it is "fremlagt" (presented)
    "forelagt": "fremlagt",
    "forelægges": "fremlægges",
    "forelaegges": "fremlaegges",
    "står på programmet": "sker",
    "staar paa programmet": "sker",
    "står der på programmet nu": "sker nu",  # not "… til modul 2b": its programme
    "staar der paa programmet nu": "sker nu",
    "står der på planen": "sker",
    "staar der paa planen": "sker",
    "står på planen": "sker",
    "staar paa planen": "sker",
    "hvormeget": "hvor meget",
    "hvorlænge": "hvor længe",
    "hvorlaenge": "hvor længe",
}
_SPELLING = re.compile(
    r"(?<![\wæøå])(?:"
    + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_SPELLINGS, key=len)[::-1])
    + r")(?![\wæøå])",
    re.IGNORECASE,
)


def respell(text: str) -> str:
    """The question with everyday spellings of question words made standard, a school
    year written short in full ("15/16" -> "2015/2016") and two compounds sharing a last
    part written out ("modnings- og afprøvningsfasen")."""
    text = _SCHOOL_YEAR.sub(_school_year, text)
    text = _SHARED_TAIL.sub(r"\1\4 \2 \3\4", text)
    return _SPELLING.sub(lambda m: _SPELLINGS[" ".join(m[0].lower().split())], text)


_SCHOOL_YEAR = re.compile(r"\b(\d\d)/(\d\d)\b")
# Two compounds that share their last part: "modnings- eller afprøvningsprojekt" ->
# "modningsprojekt eller afprøvningsprojekt" (the part after the second one's joining s).
_SHARED_TAIL = re.compile(r"\b(\w+s)- ?(og|eller|el\.) (\w+?s)(\w{4,})\b")


def _school_year(m: re.Match[str]) -> str:
    first, second = int(m[1]), int(m[2])
    # "11/12" may be a day and a month; "15/16" can only be a school year
    return f"20{m[1]}/20{m[2]}" if second == first + 1 and second > 12 else m[0]


_PARTICIPLE_ENDINGS = ("te", "t", "ede", "et", "ende")


def verb_forms(term: str) -> tuple[str, ...]:
    """Stems a participle or past tense may come from: "brugt" -> "brug", "anvendt" ->
    "anvend", "bygget" -> "byg" (Snowball leaves "brugt" whole)."""
    out = []
    for end in _PARTICIPLE_ENDINGS:
        if term.endswith(end) and len(term) - len(end) >= 3:
            base = term[: -len(end)]
            out.append(base)
            if len(base) >= 4 and base[-1] == base[-2]:  # "bygget" -> "bygg" -> "byg"
                out.append(base[:-1])
    return tuple(dict.fromkeys(out))
