"""Every string a user reads has a Danish translation in locales/."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES, _

ROOT = Path(__file__).resolve().parent.parent


def test_every_message_in_the_code_is_translated_to_danish() -> None:
    with (LOCALES / "da/LC_MESSAGES/messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="da")
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    missing = []
    for folder in ("bot", "handlers", "scheduler"):
        for filename, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "ngettext": (1, 2)},
        ):
            key = message if isinstance(message, str) else message[0]
            if key not in translated:
                missing.append(f"{folder}/{filename}: {key}")
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing)


def test_translation_is_applied() -> None:
    assert _("Sorry, I don't know that.") == "Det ved jeg desværre ikke."
