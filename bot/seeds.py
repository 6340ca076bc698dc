"""The seed documents as text, for checking that data quotes them faithfully.

The seeds come from PDF extractions: words are hyphenated across line breaks
("vok-\\nsenlivet"), tables are split over lines. `squash` folds all that away
(no whitespace, no hyphens, lower case) so a quote can be found however the
extraction broke it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_NOISE = re.compile(r"[\s\-\u00ad\u2010\u2011\u2013\u2014*’'\"”“]+")


def squash(text: str) -> str:
    """Lower-case text without whitespace, hyphens, dashes or quote marks."""
    return _NOISE.sub("", text).lower()


@lru_cache(maxsize=16)
def _squashed(path: Path) -> str:
    return squash(path.read_text(encoding="utf-8"))


def contains(seed_path: Path, quote: str) -> bool:
    """Whether `quote` stands in the seed file, up to line breaks and hyphenation."""
    return squash(quote) in _squashed(seed_path)
