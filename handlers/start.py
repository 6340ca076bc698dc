"""/start: registration with an invitation code, and the greeting.

`/start CODE` (or opening `t.me/<bot>?start=CODE`) uses a one-time invitation
and registers the person with its role, project and municipality. Without a
code it explains how to get one; strategy questions work without registering.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.i18n import N_, _
from bot.store import InvitationError
from handlers.common import Context, current_user, esc, reply, role_name, services
from handlers.help import help_text

INVITATION_ERRORS = {
    "unknown": N_("That code does not exist. Check it, or ask your contact for a new one."),
    "used": N_("That code has already been used. Each code works once – ask for a new one."),
    "expired": N_("That code has expired. Ask your contact at Socialstyrelsen for a new one."),
    "revoked": N_(
        "That code has been withdrawn. Ask your contact at Socialstyrelsen for a new one."
    ),
}


async def start(update: Update, context: Context) -> None:
    if update.effective_user is None or update.message is None:
        return
    svc = services(context)
    code = (context.args or [""])[0].strip() if context.args else ""
    tg_user = update.effective_user
    if code:
        if len(code) > 40 or not code.replace("-", "").isalnum():
            await reply(
                update,
                _(
                    "That does not look like an invitation code. A code looks "
                    "like <code>ABCD-EFGH</code>."
                ),
            )
            return
        try:
            user, invitation = svc.store.redeem(
                code, tg_user.id, tg_user.first_name, tg_user.username
            )
        except InvitationError as exc:
            await reply(update, esc(_(INVITATION_ERRORS[exc.reason])))
            return
        project = svc.kb.projects.get(invitation.project)
        where = esc(project.short_name if project else invitation.project)
        if invitation.kommune:
            where += f", {esc(invitation.kommune)}"
        await reply(
            update,
            _("Welcome, {name}! You are registered as {role} in {where}.").format(
                name=esc(tg_user.first_name),
                role=esc(role_name(invitation.role, plural=False)),
                where=where,
            )
            + "\n\n"
            + help_text(user, svc),
        )
        return
    known = current_user(update, context)
    if known is not None and known.memberships:
        await reply(
            update,
            _("Welcome back, {name}!").format(name=esc(tg_user.first_name))
            + "\n\n"
            + help_text(known, svc),
        )
        return
    await reply(
        update,
        _(
            "Hi {name}! I am Projektbot, the assistant for Socialstyrelsen's development "
            "projects.\n\nTo use me for your project you need an invitation code from your "
            "contact at Socialstyrelsen; send it as <code>/start CODE</code>.\n\n"
            "Until then you can ask me about the strategy (SUSI), e.g. "
            "\u201chvad er kriterierne for at gå videre til afprøvningsfasen?\u201d"
        ).format(name=esc(tg_user.first_name)),
    )


HANDLERS = [CommandHandler("start", start)]
