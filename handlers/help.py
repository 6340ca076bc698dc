"""/hjaelp: what the bot can do for this person, by role."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import CommandHandler

from bot.i18n import N_, _
from bot.store import User
from handlers.common import Context, Services, current_user, esc, reply, services

# (command, description) shown in the phone's menu (setMyCommands) and in /hjaelp.
COMMANDS: list[tuple[str, str]] = [
    ("hjaelp", N_("What I can do")),
    ("naeste", N_("The next activities in my project")),
    ("aktiviteter", N_("Browse phases and activities")),
    ("faser", N_("The project's phases")),
    ("kalender", N_("The project's calendar as a file")),
    ("profil", N_("My profile and project")),
    ("mine_data", N_("Everything stored about me")),
    ("slet_mig", N_("Delete my data")),
    ("selvevaluering", N_("Fill in this quarter's self-evaluation")),
    ("mine_evalueringer", N_("The self-evaluations we have submitted")),
    ("paamindelser", N_("Choose my reminders")),
    ("annuller", N_("Cancel what I am doing")),
]
COORDINATOR_COMMANDS: list[tuple[str, str]] = [
    ("invitation", N_("Create an invitation")),
    ("deltagere", N_("Who is registered")),
    ("status", N_("Who has submitted the self-evaluation")),
    ("eksport", N_("Export the self-evaluations")),
    ("udsendelse", N_("Send a message to participants")),
    ("udsendelser", N_("Past and planned messages")),
    ("genindlaes", N_("Reload data/ after a change")),
]


def bot_commands() -> list[BotCommand]:
    return [BotCommand(cmd, _(desc)) for cmd, desc in COMMANDS + COORDINATOR_COMMANDS]


def help_text(user: User | None, svc: Services) -> str:
    lines = [
        _(
            "Ask me in your own words, e.g. \u201chvornår er næste workshop?\u201d, "
            "\u201chvor holdes opstartsmødet?\u201d or \u201chvad er SØM?\u201d."
        ),
        "",
    ]
    lines += [f"/{cmd} – {esc(_(desc))}" for cmd, desc in COMMANDS]
    if user is not None and (user.role == "koordinator" or svc.is_admin(user.id)):
        lines.append("")
        lines.append(_("For coordinators:"))
        lines += [f"/{cmd} – {esc(_(desc))}" for cmd, desc in COORDINATOR_COMMANDS]
    return "\n".join(lines)


async def show_help(update: Update, context: Context) -> None:
    await reply(update, help_text(current_user(update, context), services(context)))


HANDLERS = [CommandHandler(["hjaelp", "help"], show_help)]
