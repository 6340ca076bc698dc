"""The Telegram application: wiring, start-up and the three ways to run.

`build_application` wires every feature module's HANDLERS into one
python-telegram-bot `Application` (Danish defaults, Europe/Copenhagen, HTML,
rate limiter, SQLite persistence, one error handler). `run` starts it:

* with ``TELEGRAM_BOT_TOKEN`` and ``WEBHOOK_URL``: a webhook server;
* with a token only: long polling;
* without a token (local mode): the local Telegram stand-in and its web chat
  page on http://127.0.0.1:PORT/, with the bot polling the stand-in.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    Defaults,
    TypeHandler,
)

from bot import outbox
from bot.loader import Knowledge, load_knowledge
from bot.qa import Engine
from bot.settings import TIMEZONE, Settings
from bot.store import Role, Store
from handlers import (
    broadcast,
    browse,
    calendar,
    coordinator,
    errors,
    evalcoord,
    fallback,
    help,
    profile,
    questions,
    reminders,
    selfeval,
    start,
)
from handlers.common import Services
from handlers.delivery import RecordingRateLimiter
from handlers.persistence import SQLitePersistence

log = logging.getLogger(__name__)

LOCAL_TOKEN = "1234567:LOCAL-projektbot"
# One module per feature; free-text questions and the fallbacks go last.
# A module may also define `async def on_startup(application)` (run in post_init, e.g. to
# schedule jobs) and `async def on_shutdown(application)` (run in post_shutdown).
FEATURES = [start, help, browse, calendar, profile, coordinator, selfeval, evalcoord, reminders,
            broadcast, questions]


def data_version(data_dir: Path) -> str:
    """A short fingerprint of data/: buttons made from other data are stale."""
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).rglob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def _secret(store: Store) -> bytes:
    """The key that signs button data; made once and kept in the database."""
    saved = store.state_get("secret").get("buttons")
    if isinstance(saved, str):
        return bytes.fromhex(saved)
    fresh = secrets.token_bytes(32)
    store.state_put("secret", "buttons", fresh.hex())
    return fresh


def make_services(settings: Settings, kb: Knowledge, store: Store) -> Services:
    return Services(
        settings=settings,
        kb=kb,
        engine=Engine(kb),
        store=store,
        secret=_secret(store),
        data_version=data_version(settings.data_dir),
    )


async def _save_after_update(update: object, context: Any) -> None:
    """Write conversation state and user data as soon as a user acted."""
    await context.application.update_persistence()


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    from handlers.help import bot_commands

    with contextlib.suppress(Exception):
        await application.bot.set_my_commands(bot_commands())
    outbox.prune(application.bot_data["services"].store)
    for module in FEATURES:
        hook = getattr(module, "on_startup", None)
        if hook is not None:
            await hook(application)


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    for module in FEATURES:
        hook = getattr(module, "on_shutdown", None)
        if hook is not None:
            await hook(application)


def build_application(
    services: Services, *, token: str, base_url: str | None = None, base_file_url: str | None = None
) -> Application[Any, Any, Any, Any, Any, Any]:
    builder = (
        ApplicationBuilder()
        .token(token)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=ZoneInfo(TIMEZONE)))
        .rate_limiter(RecordingRateLimiter(services.store))
        .persistence(SQLitePersistence(services.store))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(False)
    )
    if base_url:
        builder = builder.base_url(base_url)
    if base_file_url:
        builder = builder.base_file_url(base_file_url)
    application = builder.build()
    application.bot_data["services"] = services
    handlers: list[BaseHandler[Any, Any, Any]] = []
    for module in FEATURES:
        handlers += module.HANDLERS
    application.add_handlers(fallback.FIRST, group=-1)  # group chats and edits stop here
    handlers += fallback.LAST
    application.add_handlers(handlers)
    application.add_handler(TypeHandler(Update, _save_after_update), group=99)
    application.add_error_handler(errors.on_error)
    return application


# -- running ------------------------------------------------------------------------------


def run(
    settings: Settings,
    *,
    local: bool | None = None,
    port: int | None = None,
    invitations: Sequence[tuple[Role, str, str | None]] = (),
    api_url: str | None = None,
) -> int:
    """Run until stopped (Ctrl-C / SIGTERM). `api_url` points the bot at a Bot API server
    of its own (a stand-in in another process, ``python -m bot.standin``) instead of
    starting one."""
    kb = load_knowledge(settings.data_dir)
    store = Store(settings.db_path)
    services = make_services(settings, kb, store)
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None
    if local is None:
        local = token is None
    try:
        if local or api_url:
            asyncio.run(_run_local(services, port or settings.port, invitations, api_url))
        else:
            assert token is not None
            application = build_application(services, token=token)
            if settings.webhook_url:
                application.run_webhook(
                    listen="0.0.0.0",
                    port=port or settings.port,
                    url_path="telegram",
                    webhook_url=settings.webhook_url,
                    allowed_updates=Update.ALL_TYPES,
                )
            else:
                application.run_polling(allowed_updates=Update.ALL_TYPES)
    finally:
        store.close()
    return 0


async def _run_local(
    services: Services,
    port: int,
    invitations: Sequence[tuple[Role, str, str | None]],
    api_url: str | None = None,
) -> None:
    from bot.standin import start_standin

    runner = None
    if api_url is None:
        state_file = services.settings.db_path.with_suffix(".standin.json")
        standin, runner = await start_standin(port=port, state_file=state_file)
        base_url, file_url, page_url = standin.base_url, standin.base_file_url, standin.page_url
    else:
        api_url = api_url.rstrip("/")
        base_url, file_url, page_url = f"{api_url}/bot", f"{api_url}/file/bot", f"{api_url}/"
    application = build_application(
        services, token=LOCAL_TOKEN, base_url=base_url, base_file_url=file_url
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with application:
        if application.post_init is not None:  # run_polling would call it; start() does not
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0.0, timeout=10, allowed_updates=Update.ALL_TYPES
        )
        print(f"Projektbot kører lokalt: åbn {page_url} i en browser.", flush=True)
        for role, project, kommune in invitations:
            invitation = services.store.create_invitation(
                role,
                project,
                kommune,
                created_by="make run",
            )
            print(
                f"Invitation ({role}, {project}{', ' + kommune if kommune else ''}): "
                f"/start {invitation.code}",
                flush=True,
            )
        await stop.wait()
        await application.updater.stop()
        await application.stop()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
    if runner is not None:
        await runner.cleanup()
