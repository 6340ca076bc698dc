"""Gettext for everything a user reads.

Message ids are English; `locales/da/LC_MESSAGES/messages.po` holds the Danish
text. The catalogue is read with babel at import (no compile step), so editing
the .po file and restarting is enough. A missing translation falls back to the
English id; a test makes sure none is missing.
"""

from __future__ import annotations

from gettext import GNUTranslations, NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "locales"
LOCALE = "da"


def load_translations(locale: str = LOCALE) -> NullTranslations:
    path = LOCALES / locale / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return GNUTranslations(buffer)


_translations = load_translations()


def _(message: str) -> str:
    """Translate `message` into Danish."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it with _() where used."""
    return message
