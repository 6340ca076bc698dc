"""What every handler module shares: the services, roles, signed buttons, replies.

Handlers stay thin: they read the update, ask the core (`bot.*`) and reply. The
rules that apply everywhere live here:

* `Services` — the knowledge, the question engine and the store, set up in
  `post_init` and reached through `services(context)`.
* Roles — `current_user` and `require_role` answer in Danish and change
  nothing when someone lacks the role.
* Buttons — callback data is signed for the user who was shown it and the
  data version it was made from (`sign` / `verify`), so a forged, replayed or
  stale button is refused instead of acted on.
* HTML — everything users or data supply goes through `esc`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.i18n import _
from bot.loader import Knowledge
from bot.qa import Engine
from bot.settings import Settings
from bot.store import Role, Store, User

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
MAX_MESSAGE = 4000  # Telegram allows 4096; leave room for markup


@dataclass
class Services:
    settings: Settings
    kb: Knowledge
    engine: Engine
    store: Store
    secret: bytes
    data_version: str  # changes when data/ changes: buttons made before are stale

    def is_admin(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids


def services(context: Context) -> Services:
    found = context.application.bot_data.get("services")
    if not isinstance(found, Services):
        raise RuntimeError("services are set up in post_init")
    return found


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


# -- signed callback data --------------------------------------------------------------------


def _signature(secret: bytes, user_id: int, version: str, payload: str) -> str:
    digest = hmac.new(secret, f"{user_id}|{version}|{payload}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()[:5]).decode().rstrip("=").lower()


def sign(context: Context, user_id: int, *parts: str) -> str:
    """Callback data for a button only `user_id` may press, valid for this data version."""
    svc = services(context)
    payload = ":".join(parts)
    data = f"{payload}:{_signature(svc.secret, user_id, svc.data_version, payload)}"
    if len(data.encode()) > 64:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def verify(context: Context, user_id: int, data: str | None) -> list[str] | None:
    """The parts of signed callback data, or None if forged, someone else's or stale."""
    if not data or ":" not in data:
        return None
    payload, _sep, signature = data.rpartition(":")
    svc = services(context)
    expected = _signature(svc.secret, user_id, svc.data_version, payload)
    if not hmac.compare_digest(signature, expected):
        return None
    return payload.split(":")


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


# -- users and roles -------------------------------------------------------------------------


def current_user(update: Update, context: Context) -> User | None:
    if update.effective_user is None:
        return None
    return services(context).store.user(update.effective_user.id)


async def reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None, **kwargs: Any
) -> Message | None:
    """Answer in the chat the update came from (message or button press)."""
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    chat = update.effective_chat
    if chat is None:
        return None
    return await chat.send_message(text, reply_markup=markup, **kwargs)


async def require_user(update: Update, context: Context) -> User | None:
    """The registered user, or None after telling them how to register."""
    user = current_user(update, context)
    if user is None or not user.memberships:
        await reply(
            update,
            _(
                "You are not registered yet. Ask your contact at "
                "Socialstyrelsen for an invitation code and send "
                "<code>/start CODE</code>."
            ),
        )
        return None
    return user


async def require_role(update: Update, context: Context, roles: Sequence[Role]) -> User | None:
    """The user if they have one of `roles` in their current project (admins always do)."""
    user = await require_user(update, context)
    if user is None:
        return None
    if services(context).is_admin(user.id) or user.role in roles:
        return user
    await reply(
        update,
        _("Sorry, that is only for {roles}.").format(
            roles=_(" or ").join(role_name(r) for r in roles)
        ),
    )
    return None


def role_name(role: str, *, plural: bool = True) -> str:
    """ "projektledere" / "projektleder" … in the user's language."""
    if plural:
        names = {
            "projektleder": _("project leaders"),
            "praktiker": _("practitioners"),
            "koordinator": _("coordinators"),
        }
    else:
        names = {
            "projektleder": _("project leader"),
            "praktiker": _("practitioner"),
            "koordinator": _("coordinator"),
        }
    return names.get(role, role)


async def refuse_button(update: Update, text: str | None = None) -> None:
    """Answer a button press that is not valid (forged, someone else's, stale)."""
    query = update.callback_query
    message = text or _("That button is no longer valid. Please start again.")
    if query is not None:
        await query.answer(message, show_alert=True)
    await reply(update, esc(message))
