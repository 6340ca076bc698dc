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
_WORD = re.compile(r"[0-9a-zæøåäöüé]+")
MAX_QUESTION = 500  # characters of a question that are looked at; the rest is cut

STOPWORDS = frozenset(
    (
        "a",
        "af",
        "alle",
        "alt",
        "at",
        "bare",
        "da",
        "de",
        "dem",
        "den",
        "denne",
        "der",
        "det",
        "dette",
        "du",
        "eller",
        "en",
        "end",
        "er",
        "et",
        "for",
        "fra",
        "fik",
        "gerne",
        "godt",
        "har",
        "hende",
        "ham",
        "han",
        "hans",
        "har",
        "hvis",
        "i",
        "igen",
        "ikke",
        "ind",
        "jeg",
        "jer",
        "jo",
        "kan",
        "kun",
        "lige",
        "man",
        "mange",
        "med",
        "meget",
        "men",
        "mig",
        "min",
        "mine",
        "mit",
        "mon",
        "nu",
        "når",
        "og",
        "om",
        "op",
        "os",
        "over",
        "paa",
        "på",
        "sig",
        "sin",
        "sine",
        "sit",
        "skal",
        "som",
        "så",
        "til",
        "ud",
        "under",
        "var",
        "vi",
        "vil",
        "vores",
        "være",
        "vaere",
        "blive",
        "bliver",
        "blev",
        "hos",
        "mht",
        "ift",
        "ang",
        "angående",
        "el",
        "ja",
        "nej",
        "hej",
        "tak",
        "please",
        "lidt",
        "noget",
        "nogen",
        "nogle",
        "mon",
        "egentlig",
        "fx",
        "osv",
        "evt",
        "ca",
        "helt",
    )
)


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
    return fold(_STEMMER.stemWord(word))


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Folded stems of the words of `text`."""
    out = []
    for w in words(text):
        if not keep_stopwords and (w in STOPWORDS or fold(w) in STOPWORDS):
            continue
        out.append(stem(w))
    return out


NOUN_ENDINGS = ("ing", "ning", "else", "sel")


def derived(term: str) -> tuple[str, ...]:
    """Nouns made from a verb stem: "modn" (modnes) -> "modning", "monitor" -> "monitorering"."""
    out = [term + e for e in NOUN_ENDINGS]
    if term.endswith("er"):
        out.append(term + "ing")
    else:
        out.append(term + "ering")
    return tuple(out)
