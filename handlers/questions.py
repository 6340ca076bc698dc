"""Free text: the question engine's answer, with "Mente du …?" as buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.qa import Answer
from handlers.common import (
    Context,
    current_user,
    esc,
    keyboard,
    refuse_button,
    reply,
    services,
    sign,
    verify,
)

MAX_CHOICES = 3


async def answer_text(update: Update, context: Context) -> None:
    message = update.message
    if message is None or message.text is None or update.effective_user is None:
        return
    user = current_user(update, context)
    project = user.project if user else None
    answer = services(context).engine.ask(message.text, project=project)
    await send_answer(update, context, answer)


async def send_answer(update: Update, context: Context, answer: Answer) -> None:
    if update.effective_user is None:
        return
    markup = None
    if answer.choices:
        choices = answer.choices[:MAX_CHOICES]
        if context.user_data is not None:
            context.user_data["choices"] = [
                {"question": c.question, "project": c.project} for c in choices
            ]
        markup = keyboard(
            [
                [(c.label[:60], sign(context, update.effective_user.id, "ask", str(i)))]
                for i, c in enumerate(choices)
            ]
        )
    await reply(update, esc(answer.text), markup)


async def choose(update: Update, context: Context) -> None:
    """A "Mente du …?" button: ask the chosen question."""
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    parts = verify(context, update.effective_user.id, query.data)
    stored = (context.user_data or {}).get("choices") or []
    if parts is None or len(parts) != 2 or not parts[1].isdigit() or int(parts[1]) >= len(stored):
        await refuse_button(update)
        return
    await query.answer()
    choice = stored[int(parts[1])]
    user = current_user(update, context)
    project = choice.get("project") or (user.project if user else None)
    answer = services(context).engine.ask(choice["question"], project=project)
    await send_answer(update, context, answer)


HANDLERS = [
    MessageHandler(
        filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE,
        answer_text,
    ),
    CallbackQueryHandler(choose, pattern=r"^ask:"),
]
