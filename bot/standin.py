"""The local Telegram stand-in: a small imitation of Telegram's servers.

In local mode (no ``TELEGRAM_BOT_TOKEN``) the bot talks to this server instead
of api.telegram.org. One aiohttp application on one port serves

* a subset of the Telegram Bot API at ``/bot<token>/<method>`` (and file
  downloads at ``/file/bot<token>/<path>``), answering exactly like Telegram,
  so that python-telegram-bot works unchanged with
  ``base_url="http://127.0.0.1:PORT/bot"`` and
  ``base_file_url="http://127.0.0.1:PORT/file/bot"``;
* Telegram's flood control (HTTP 429 with ``retry_after`` when the bot sends
  more than ``rate_limit`` messages a second across all chats);
* a client API under ``/client/…`` with which the web chat page and the
  end-to-end tests play the users: send messages, press inline buttons, read
  the conversation, inject faults, read statistics;
* the web chat page itself at ``/`` (``bot/static/chat.html``).

State lives in memory, optionally mirrored to a JSON file (``state_file``) so
that the visible chat survives a restart, as Telegram's history would.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import html
import json
import logging
import math
import os
import random
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field, fields
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web

log = logging.getLogger(__name__)

JSON = dict[str, Any]
Params = dict[str, Any]
ApiHandler = Callable[[Params, str], Awaitable[Any]]

STATIC_DIR = Path(__file__).with_name("static")
BOT_FIRST_NAME = "Projektbot"
BOT_USERNAME = "projektbot_local_bot"
DEFAULT_BOT_ID = 7000000001
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_UPLOAD = 50 * 1024 * 1024
# Methods that count as "a message sent" for flood control.
FLOOD_METHODS = frozenset({"sendmessage", "senddocument", "editmessagetext"})

# Telegram's HTML subset: tag -> entity type.
HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline", "s": "strikethrough",
    "strike": "strikethrough", "del": "strikethrough", "code": "code",
    "pre": "pre", "a": "text_link", "tg-spoiler": "spoiler", "span": "spoiler",
    "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}  # fmt: skip
_HTML_TOKEN = re.compile(r"<[^<>]*>|&[#A-Za-z0-9]+;|[^<&]+|[<&]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\s*([^<>]*?)\s*/?>$")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")


class ApiError(Exception):
    """An error answered the way Telegram answers it."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(what: str) -> ApiError:
    return ApiError(400, f"Bad Request: {what}")


def too_many(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


@dataclass
class Fault:
    """Makes the next ``times`` calls of a method fail (each with probability ``rate``):
    before doing it, or with ``after`` once it is done (the answer lost on its way)."""

    status: int
    times: int = 1
    rate: float = 1.0
    retry_after: int = 1
    description: str | None = None
    after: bool = False  # fail after doing the call (the answer is lost, e.g. a 502)

    def error(self) -> ApiError:
        if self.status == 429:
            return too_many(self.retry_after)
        default = {
            400: "Bad Request: fault injected",
            403: "Forbidden: bot was blocked by the user",
            409: "Conflict: terminated by other getUpdates request",
            500: "Internal Server Error",
            502: "Bad Gateway",
        }.get(self.status)
        if default is None:
            try:
                default = HTTPStatus(self.status).phrase
            except ValueError:
                default = "Error"
        return ApiError(self.status, self.description or default)


@dataclass
class StoredMessage:
    """A message as Telegram holds it, plus what the web page needs to show it."""

    message: JSON
    sender: str  # "bot" or "user"
    source_text: str | None = None  # text or caption as sent (with HTML tags)
    parse_mode: str | None = None
    keyboard: list[list[str]] | None = None  # reply keyboard shown with this message
    remove_keyboard: bool = False
    edited: bool = False
    deleted: bool = False


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    data: bytes


@dataclass
class State:
    """Everything Telegram would remember; JSON-serialisable except file bytes."""

    next_update_id: int = 1
    next_feed_id: int = 1
    next_file: int = 1
    last_message_id: dict[int, int] = field(default_factory=dict)
    users: dict[int, JSON] = field(default_factory=dict)
    chats: dict[int, JSON] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    messages: dict[tuple[int, int], StoredMessage] = field(default_factory=dict)
    feed: list[JSON] = field(default_factory=list)
    updates: list[JSON] = field(default_factory=list)
    files: dict[str, StoredFile] = field(default_factory=dict)
    commands: dict[str, list[JSON]] = field(default_factory=dict)
    webhook_url: str = ""

    def to_json(self, *, history: bool = True) -> JSON:
        """Everything (`history=False`: without the messages and the feed)."""
        if not history:
            return self._to_json(False)
        return self._to_json(True)

    def _to_json(self, history: bool) -> JSON:
        data: JSON = {
            "next_update_id": self.next_update_id,
            "next_feed_id": self.next_feed_id,
            "next_file": self.next_file,
            "last_message_id": {str(k): v for k, v in self.last_message_id.items()},
            "users": {str(k): v for k, v in self.users.items()},
            "chats": {str(k): v for k, v in self.chats.items()},
            "blocked": sorted(self.blocked),
            # shallow: asdict() deep-copies every message, which made each save O(history)
            # in copying alone (65 ms at 1,000 messages, on the bot's event loop)
            "updates": self.updates,
            "files": [_file_to_json(f) for f in self.files.values()],
            "commands": self.commands,
            "webhook_url": self.webhook_url,
        }
        if history:
            data["messages"] = [_message_to_json(m) for m in self.messages.values()]
            data["feed"] = self.feed
        return data

    @classmethod
    def from_json(cls, data: JSON) -> State:
        messages = [StoredMessage(**m) for m in data.get("messages", [])]
        files = [_file_from_json(f) for f in data.get("files", [])]
        return cls(
            next_update_id=int(data.get("next_update_id", 1)),
            next_feed_id=int(data.get("next_feed_id", 1)),
            next_file=int(data.get("next_file", 1)),
            last_message_id={int(k): int(v) for k, v in data.get("last_message_id", {}).items()},
            users={int(k): v for k, v in data.get("users", {}).items()},
            chats={int(k): v for k, v in data.get("chats", {}).items()},
            blocked={int(u) for u in data.get("blocked", [])},
            messages={(m.message["chat"]["id"], m.message["message_id"]): m for m in messages},
            feed=list(data.get("feed", [])),
            updates=list(data.get("updates", [])),
            files={f.file_id: f for f in files},
            commands=dict(data.get("commands", {})),
            webhook_url=str(data.get("webhook_url", "")),
        )


def _message_to_json(m: StoredMessage) -> JSON:
    return {f.name: getattr(m, f.name) for f in fields(m)}  # shallow: asdict() deep-copies


def _file_to_json(f: StoredFile) -> JSON:
    d = asdict(f)
    d["data"] = base64.b64encode(f.data).decode("ascii")
    return d


def _file_from_json(d: JSON) -> StoredFile:
    return StoredFile(**{**d, "data": base64.b64decode(d["data"])})


# --------------------------------------------------------------------------- helpers


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[JSON]]:
    """Telegram's HTML parse mode: plain text and entities, or ApiError like Telegram."""
    plain: list[str] = []
    length = 0
    stack: list[tuple[str, int, JSON]] = []
    entities: list[JSON] = []
    pos = 0
    for token in _HTML_TOKEN.findall(source):
        offset = len(source[:pos].encode())
        pos += len(token)
        if token == "<":
            raise bad_request(
                f"can't parse entities: Unsupported start tag at byte offset {offset}"
            )
        if token.startswith("<"):
            _html_tag(token, offset, length, stack, entities)
            continue
        text = html.unescape(token) if token.startswith("&") else token
        plain.append(text)
        length += utf16_len(text)
    if stack:
        name = stack[-1][0]
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{name}\""
        )
    entities = [e for e in entities if e["length"] > 0 and e["type"] != "custom_emoji"]
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(plain), entities


def _html_tag(
    token: str, offset: int, length: int, stack: list[tuple[str, int, JSON]], out: list[JSON]
) -> None:
    """Handle one tag token: open an entity, or close the innermost one."""
    match = _TAG.match(token)
    name = match.group(2).lower() if match else ""
    if match is None or name not in HTML_TAGS:
        raise bad_request(
            f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {offset}'
        )
    if match.group(1):
        if not stack or stack[-1][0] != name:
            expected = f'"</{stack[-1][0]}>"' if stack else "no end tag"
            raise bad_request(
                f"can't parse entities: Unmatched end tag at byte offset {offset}, "
                f'expected {expected}, found "</{name}>"'
            )
        _, start, opened = stack.pop()
        opened.update(offset=start, length=length - start)
        out.append(opened)
        return
    entity: JSON = {"type": HTML_TAGS[name]}
    if name == "a":
        href = _HREF.search(match.group(3))
        url = next((g for g in href.groups() if g is not None), "") if href else ""
        entity["url"] = html.unescape(url)
    if name == "blockquote" and "expandable" in match.group(3):
        entity["type"] = "expandable_blockquote"
    stack.append((name, length, entity))


def command_entities(text: str) -> list[JSON]:
    match = _COMMAND.match(text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]


def bot_user(token: str) -> JSON:
    prefix = token.split(":", 1)[0]
    return {
        "id": int(prefix) if prefix.isdigit() else DEFAULT_BOT_ID,
        "is_bot": True,
        "first_name": BOT_FIRST_NAME,
        "username": BOT_USERNAME,
    }


def _get_str(params: Params, name: str) -> str | None:
    value = params.get(name)
    if value is None or isinstance(value, web.FileField):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _get_int(params: Params, name: str) -> int | None:
    value = _get_str(params, name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return int(float(value))
    except ValueError:
        raise bad_request(f"invalid {name} specified") from None


def _get_bool(params: Params, name: str) -> bool:
    return _get_str(params, name) in ("true", "True", "1")


def _get_json(params: Params, name: str) -> Any:
    value = params.get(name)
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        raise bad_request(f"can't parse {name} JSON object") from None


def _inline_keyboard(markup: JSON) -> list[list[JSON]]:
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request("can't parse inline keyboard")
    for button in (b for row in rows for b in row):
        if not isinstance(button, dict) or not button.get("text"):
            raise bad_request("can't parse inline keyboard button: Text must be non-empty")
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
        if len(button) == 1:
            raise bad_request(
                "can't parse inline keyboard button: Text buttons are unallowed in the "
                "inline keyboard"
            )
    return rows


def _reply_keyboard(markup: JSON) -> list[list[str]]:
    rows = markup.get("keyboard")
    if not isinstance(rows, list):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return [[b["text"] if isinstance(b, dict) else str(b) for b in row] for row in rows]


def _buttons(message: JSON) -> list[list[JSON]]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    out: list[list[JSON]] = []
    for row in rows:
        cells: list[JSON] = []
        for b in row:
            cell: JSON = {"text": b["text"], "data": b.get("callback_data")}
            if b.get("url"):
                cell["url"] = b["url"]
            cells.append(cell)
        out.append(cells)
    return out


def _kind(message: JSON) -> str:
    for kind in ("document", "sticker", "photo"):
        if kind in message:
            return kind
    return "text"


def _error(status: int, text: str) -> web.Response:
    return web.json_response({"ok": False, "error": text}, status=status)


async def _read_json(request: web.Request) -> JSON:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text='{"ok": false, "error": "body must be JSON"}') from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='{"ok": false, "error": "body must be a JSON object"}')
    return body


# --------------------------------------------------------------------------- the server


class StandIn:
    """The stand-in for Telegram's servers (see the module docstring)."""

    def __init__(
        self, *, rate_limit: int = 30, state_file: Path | None = None, seed: int = 0
    ) -> None:
        self.rate_limit = rate_limit
        self.state_file = state_file
        self.host = "127.0.0.1"
        self.port = 0
        self.state = self._load_state()
        self._rng = random.Random(seed)
        self._faults: dict[str, list[Fault]] = {}
        self._sent_times: deque[float] = deque()
        self._stats: JSON = self._empty_stats()
        self._allowed_updates: list[str] = []
        self._poll_generation = 0
        self._changed: asyncio.Event | None = None
        self._closing = False
        self._save_handle: asyncio.Handle | None = None
        self._methods: dict[str, tuple[str, ApiHandler]] = {}
        self._encoded_messages: dict[tuple[int, int], tuple[StoredMessage, str]] = {}
        self._encoded_feed: list[str] = []
        self._encoded_for: list[JSON] | None = None
        self._register_methods()
        self._app: web.Application | None = None

    # ---------------------------------------------------------------- wiring

    @property
    def app(self) -> web.Application:
        if self._app is None:
            self._app = self.make_app()
        return self._app

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def page_url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file_download)
        app.router.add_post("/client/send", self._client_send)
        app.router.add_post("/client/users", self._client_users)
        app.router.add_post("/client/edit", self._client_edit)
        app.router.add_post("/client/press", self._client_press)
        app.router.add_get("/client/messages", self._client_messages)
        app.router.add_post("/client/faults", self._client_faults)
        app.router.add_delete("/client/faults", self._client_clear_faults)
        app.router.add_post("/client/block", self._client_block)
        app.router.add_post("/client/reset", self._client_reset)
        app.router.add_get("/client/files/{file_id}", self._client_file)
        app.router.add_get("/client/stats", self._client_stats)
        app.router.add_get("/", self._page)
        if STATIC_DIR.is_dir():
            app.router.add_static("/static/", STATIC_DIR)
        app.on_startup.append(self._on_startup)
        app.on_shutdown.append(self._on_shutdown)
        return app

    async def _on_startup(self, _app: web.Application) -> None:
        self._changed = asyncio.Event()
        self._closing = False

    async def _on_shutdown(self, _app: web.Application) -> None:
        self._closing = True
        self._notify()
        self.save()

    def _register_methods(self) -> None:
        handlers: list[tuple[str, ApiHandler]] = [
            ("getMe", self._get_me),
            ("logOut", self._true),
            ("close", self._true),
            ("deleteWebhook", self._delete_webhook),
            ("setWebhook", self._set_webhook),
            ("getWebhookInfo", self._get_webhook_info),
            ("getUpdates", self._get_updates),
            ("sendMessage", self._send_message),
            ("sendDocument", self._send_document),
            ("editMessageText", self._edit_message_text),
            ("editMessageReplyMarkup", self._edit_message_reply_markup),
            ("deleteMessage", self._delete_message),
            ("answerCallbackQuery", self._answer_callback_query),
            ("getFile", self._get_file),
            ("getChat", self._get_chat),
            ("setMyCommands", self._set_my_commands),
            ("getMyCommands", self._get_my_commands),
            ("deleteMyCommands", self._delete_my_commands),
            ("sendChatAction", self._send_chat_action),
            ("setChatMenuButton", self._true),
            ("getChatMenuButton", self._get_menu_button),
        ]
        self._methods = {name.lower(): (name, handler) for name, handler in handlers}

    # ---------------------------------------------------------------- state & persistence

    def _load_state(self) -> State:
        if self.state_file is None or not self.state_file.exists():
            return State()
        try:
            return State.from_json(json.loads(self.state_file.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as err:
            broken = self.state_file.with_name(self.state_file.name + ".broken")
            log.warning(
                "stand-in state %s unreadable (%s); kept as %s", self.state_file, err, broken
            )
            os.replace(self.state_file, broken)
            return State()

    def save(self) -> None:
        """Write the state file now (atomically), if there is one."""
        if self._save_handle is not None:
            self._save_handle.cancel()
            self._save_handle = None
        if self.state_file is None:
            return
        tmp = self.state_file.with_name(self.state_file.name + ".tmp")
        tmp.write_text(self._state_text(), encoding="utf-8")
        os.replace(tmp, self.state_file)

    def _state_text(self) -> str:
        """The state file's text. Messages and feed entries are encoded once and reused
        until they change (every change goes through `_record`), so a save costs little
        more than writing the file, however long the history."""
        head = json.dumps(self.state.to_json(history=False), ensure_ascii=False)
        messages = ",".join(self._message_text(k, m) for k, m in self.state.messages.items())
        return f'{head[:-1]}, "messages": [{messages}], "feed": [{self._feed_text()}]}}'

    def _message_text(self, key: tuple[int, int], message: StoredMessage) -> str:
        cached = self._encoded_messages.get(key)
        if cached is None or cached[0] is not message:
            cached = (message, json.dumps(_message_to_json(message), ensure_ascii=False))
            self._encoded_messages[key] = cached
        return cached[1]

    def _feed_text(self) -> str:
        feed, done = self.state.feed, self._encoded_feed
        if self._encoded_for is not feed or len(done) > len(feed):
            self._encoded_for, done[:] = feed, []
        done += [json.dumps(e, ensure_ascii=False) for e in feed[len(done):]]
        return ",".join(done)

    def _changed_state(self) -> None:
        """Wake waiters and save at the end of this turn of the event loop (changes made
        in the same turn are written together), so a crash loses no history. (A busy
        stand-in spends time on this: benchmarks run it in a process of its own.)"""
        self._notify()
        if self.state_file is not None and self._save_handle is None:
            self._save_handle = asyncio.get_running_loop().call_soon(self.save)

    def _notify(self) -> None:
        if self._changed is not None:
            self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_until(self, ready: Callable[[], bool], timeout: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not ready() and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            if self._changed is None:
                self._changed = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    def _empty_stats(self) -> JSON:
        return {
            "methods": {},
            "retry_after_given": 0,
            "flood_429": 0,
            "faults_given": 0,
            "messages_sent": 0,
            "updates_created": 0,
        }

    def _next_message_id(self, chat_id: int) -> int:
        mid = self.state.last_message_id.get(chat_id, 0) + 1
        self.state.last_message_id[chat_id] = mid
        return mid

    def _add_update(self, kind: str, payload: JSON) -> int:
        update_id = self.state.next_update_id
        self.state.next_update_id += 1
        self.state.updates.append({"update_id": update_id, kind: copy.deepcopy(payload)})
        self._stats["updates_created"] += 1
        return update_id

    def _record(self, stored: StoredMessage) -> None:
        """Store a message and list it (again) in the feed the web page reads."""
        msg = stored.message
        self.state.messages[(msg["chat"]["id"], msg["message_id"])] = stored
        self._encoded_messages.pop((msg["chat"]["id"], msg["message_id"]), None)
        doc = msg.get("document")
        entry: JSON = {
            "id": self.state.next_feed_id,
            "chat_id": msg["chat"]["id"],
            "message_id": msg["message_id"],
            "from": stored.sender,
            "text": stored.source_text,
            "parse_mode": stored.parse_mode,
            "buttons": _buttons(msg),
            "keyboard": stored.keyboard,
            "remove_keyboard": stored.remove_keyboard,
            "document": None,
            "kind": _kind(msg),
            "edited": stored.edited,
            "deleted": stored.deleted,
            "date": msg["date"],
        }
        if doc:
            keys = ("file_id", "file_name", "mime_type", "file_size")
            entry["document"] = {k: doc.get(k) for k in keys}
        self.state.next_feed_id += 1
        self.state.feed.append(entry)
        self._changed_state()

    # ---------------------------------------------------------------- Bot API plumbing

    async def _handle_api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        name = request.match_info["method"]
        entry = self._methods.get(name.lower())
        counts = self._stats["methods"]
        counts[entry[0] if entry else name] = counts.get(entry[0] if entry else name, 0) + 1
        try:
            if entry is None:
                raise ApiError(404, "Not Found: method not found")
            params = await self._read_params(request)
            fault = self._take_fault(entry[0])
            if fault is not None and not fault.after:
                raise fault.error()
            if entry[0].lower() in FLOOD_METHODS:
                self._check_flood()
            result = await entry[1](params, token)
            if fault is not None:  # it was done, but the answer is lost on the way back
                raise fault.error()
        except ApiError as err:
            if err.status == 429:
                self._stats["retry_after_given"] += 1
            return web.json_response(err.payload(), status=err.status)
        return web.json_response({"ok": True, "result": result})

    async def _read_params(self, request: web.Request) -> Params:
        params: Params = dict(request.query)
        if not request.body_exists:
            return params
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON") from None
            if isinstance(body, dict):
                params.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            params.update(await request.post())
        return params

    def _take_fault(self, method: str) -> Fault | None:
        """The fault this call gets, if any (counted as given)."""
        for key in (method.lower(), "*"):
            queue = self._faults.get(key)
            if not queue:
                continue
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            if fault.rate >= 1.0 or self._rng.random() < fault.rate:
                self._stats["faults_given"] += 1
                return fault
            return None
        return None

    def _check_flood(self) -> None:
        now = time.monotonic()
        window = self._sent_times
        while window and now - window[0] >= 1.0:
            window.popleft()
        if len(window) >= self.rate_limit:
            self._stats["flood_429"] += 1
            raise too_many(max(1, math.ceil(window[0] + 1.0 - now)))
        window.append(now)

    def _chat_for_send(self, params: Params) -> JSON:
        """The target chat of a bot call, checked like Telegram checks it."""
        raw = _get_str(params, "chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        chat_id: int | None
        if raw.startswith("@"):
            chat_id = next(
                (cid for cid, c in self.state.chats.items() if c.get("username") == raw[1:]), None
            )
        else:
            chat_id = _get_int(params, "chat_id")
        chat = self.state.chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        if chat["type"] == "private" and chat["id"] in self.state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _stored(self, params: Params, action: str) -> StoredMessage:
        if params.get("inline_message_id"):
            raise bad_request("inline messages are not supported by the local stand-in")
        chat = self._chat_for_send(params)
        message_id = _get_int(params, "message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        stored = self.state.messages.get((chat["id"], message_id))
        if stored is None or stored.deleted:
            raise bad_request(f"message to {action} not found")
        return stored

    def _formatted(self, params: Params, key: str, limit: int) -> tuple[str, list[JSON] | None]:
        """Text (or caption) and entities as Telegram would store them."""
        source = _get_str(params, key) or ""
        parse_mode = (_get_str(params, "parse_mode") or "").lower()
        entities = _get_json(params, "entities" if key == "text" else "caption_entities")
        text = source
        if parse_mode == "html":
            text, entities = parse_html(source)
        if utf16_len(text) > limit:
            raise bad_request("message is too long" if key == "text" else "caption is too long")
        return text, (entities or None)

    def _apply_markup(self, params: Params, msg: JSON, stored: StoredMessage) -> None:
        markup = _get_json(params, "reply_markup")
        msg.pop("reply_markup", None)
        if not markup:
            return
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            msg["reply_markup"] = {"inline_keyboard": _inline_keyboard(markup)}
        elif "keyboard" in markup:
            stored.keyboard = _reply_keyboard(markup)
        elif markup.get("remove_keyboard"):
            stored.remove_keyboard = True

    def _new_bot_message(
        self, params: Params, token: str, chat: JSON
    ) -> tuple[JSON, StoredMessage]:
        msg: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "from": bot_user(token),
            "chat": chat,
            "date": int(time.time()),
        }
        parse_mode = _get_str(params, "parse_mode")
        stored = StoredMessage(message=msg, sender="bot", parse_mode=parse_mode)
        return msg, stored

    # ---------------------------------------------------------------- Bot API methods

    async def _true(self, params: Params, token: str) -> bool:
        return True

    async def _get_me(self, params: Params, token: str) -> JSON:
        return {
            **bot_user(token),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _delete_webhook(self, params: Params, token: str) -> bool:
        self.state.webhook_url = ""
        if _get_bool(params, "drop_pending_updates"):
            self.state.updates.clear()
            self._changed_state()
        return True

    async def _set_webhook(self, params: Params, token: str) -> bool:
        self.state.webhook_url = _get_str(params, "url") or ""
        return True

    async def _get_webhook_info(self, params: Params, token: str) -> JSON:
        return {
            "url": self.state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }

    async def _get_updates(self, params: Params, token: str) -> list[JSON]:
        if self.state.webhook_url:
            raise ApiError(
                409, "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            )  # fmt: skip
        offset = _get_int(params, "offset") or 0
        limit = min(max(_get_int(params, "limit") or 100, 1), 100)
        timeout = min(max(_get_int(params, "timeout") or 0, 0), 50)
        allowed = _get_json(params, "allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = [str(a) for a in allowed]
        self._confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # terminates an older long poll, as Telegram does

        await self._wait_until(
            lambda: bool(self._deliverable()) or self._poll_generation != generation, timeout
        )
        if self._poll_generation != generation:
            raise ApiError(
                409, "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running"
            )  # fmt: skip
        return self._deliverable()[:limit]

    def _confirm(self, offset: int) -> None:
        updates = self.state.updates
        keep = updates[offset:] if offset < 0 else [u for u in updates if u["update_id"] >= offset]
        if len(keep) != len(updates):
            self.state.updates = keep
            self._changed_state()

    def _deliverable(self) -> list[JSON]:
        allowed = self._allowed_updates
        if not allowed:
            return self.state.updates
        return [u for u in self.state.updates if any(k in u for k in allowed)]

    async def _send_message(self, params: Params, token: str) -> JSON:
        chat = self._chat_for_send(params)
        text, entities = self._formatted(params, "text", MAX_TEXT)
        if not text.strip():
            raise bad_request("message text is empty")
        msg, stored = self._new_bot_message(params, token, chat)
        msg["text"] = text
        if entities:
            msg["entities"] = entities
        stored.source_text = _get_str(params, "text")
        self._apply_markup(params, msg, stored)
        self._record(stored)
        self._stats["messages_sent"] += 1
        return msg

    async def _send_document(self, params: Params, token: str) -> JSON:
        chat = self._chat_for_send(params)
        caption, entities = self._formatted(params, "caption", MAX_CAPTION)
        document = self._document_param(params)
        msg, stored = self._new_bot_message(params, token, chat)
        msg["document"] = {
            "file_id": document.file_id,
            "file_unique_id": document.file_unique_id,
            "file_name": document.file_name,
            "mime_type": document.mime_type,
            "file_size": len(document.data),
        }
        if caption:
            msg["caption"] = caption
            stored.source_text = _get_str(params, "caption")
        if entities:
            msg["caption_entities"] = entities
        self._apply_markup(params, msg, stored)
        self._record(stored)
        self._stats["messages_sent"] += 1
        return msg

    def _document_param(self, params: Params) -> StoredFile:
        value = params.get("document")
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value.removeprefix("attach://"))
        if isinstance(value, str):
            known = self.state.files.get(value)
            if known is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            return known
        if not isinstance(value, web.FileField):
            raise bad_request("there is no document in the request")
        data = value.file.read()
        if not data:
            raise bad_request("file must be non-empty")
        n = self.state.next_file
        self.state.next_file += 1
        stored = StoredFile(
            file_id=f"BQACAgQAAxkDAAI{n:06d}",
            file_unique_id=f"AgAD{n:06d}",
            file_name=value.filename or f"file_{n}",
            mime_type=value.content_type or "application/octet-stream",
            data=data,
        )
        self.state.files[stored.file_id] = stored
        return stored

    async def _edit_message_text(self, params: Params, token: str) -> JSON:
        stored = self._stored(params, "edit")
        msg = stored.message
        if stored.sender != "bot" or "text" not in msg:
            raise bad_request("message can't be edited")
        text, entities = self._formatted(params, "text", MAX_TEXT)
        if not text.strip():
            raise bad_request("message text is empty")
        old = (msg.get("text"), msg.get("entities"), msg.get("reply_markup"))
        msg["text"] = text
        msg.pop("entities", None)
        if entities:
            msg["entities"] = entities
        self._apply_markup(params, msg, stored)
        if (msg.get("text"), msg.get("entities"), msg.get("reply_markup")) == old:
            raise bad_request(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        return self._edited(stored, _get_str(params, "text"), _get_str(params, "parse_mode"))

    async def _edit_message_reply_markup(self, params: Params, token: str) -> JSON:
        stored = self._stored(params, "edit")
        if stored.sender != "bot":
            raise bad_request("message can't be edited")
        old = stored.message.get("reply_markup")
        self._apply_markup(params, stored.message, stored)
        if stored.message.get("reply_markup") == old:
            raise bad_request(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        return self._edited(stored, stored.source_text, stored.parse_mode)

    def _edited(self, stored: StoredMessage, source: str | None, parse_mode: str | None) -> JSON:
        stored.message["edit_date"] = int(time.time())
        stored.source_text = source
        stored.parse_mode = parse_mode
        stored.edited = True
        stored.keyboard = None
        stored.remove_keyboard = False
        self._record(stored)
        return stored.message

    async def _delete_message(self, params: Params, token: str) -> bool:
        stored = self._stored(params, "delete")
        stored.deleted = True
        self._record(stored)
        return True

    async def _answer_callback_query(self, params: Params, token: str) -> bool:
        if not _get_str(params, "callback_query_id"):
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        return True

    async def _get_file(self, params: Params, token: str) -> JSON:
        stored = self.state.files.get(_get_str(params, "file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": f"documents/{stored.file_id}",
        }

    async def _get_chat(self, params: Params, token: str) -> JSON:
        chat = self._chat_for_send(params)
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": {
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
            "premium_subscription": False}}  # fmt: skip

    @staticmethod
    def _commands_key(params: Params) -> str:
        scope = _get_json(params, "scope") or {"type": "default"}
        return json.dumps([scope, _get_str(params, "language_code") or ""], sort_keys=True)

    async def _set_my_commands(self, params: Params, token: str) -> bool:
        commands = _get_json(params, "commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        self.state.commands[self._commands_key(params)] = commands
        self._changed_state()
        return True

    async def _get_my_commands(self, params: Params, token: str) -> list[JSON]:
        return self.state.commands.get(self._commands_key(params), [])

    async def _delete_my_commands(self, params: Params, token: str) -> bool:
        self.state.commands.pop(self._commands_key(params), None)
        return True

    async def _send_chat_action(self, params: Params, token: str) -> bool:
        self._chat_for_send(params)
        return True

    async def _get_menu_button(self, params: Params, token: str) -> JSON:
        return {"type": "commands"}

    async def _handle_file_download(self, request: web.Request) -> web.StreamResponse:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        stored = self.state.files.get(file_id)
        if stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"},
                                     status=404)  # fmt: skip
        return web.Response(body=stored.data, content_type=stored.mime_type)

    # ---------------------------------------------------------------- client API

    def _client_user(self, body: JSON) -> JSON:
        user_id = int(body["user_id"])
        user: JSON = dict(self.state.users.get(user_id, {"id": user_id, "is_bot": False}))
        for key in ("first_name", "last_name", "username"):
            if body.get(key):
                user[key] = str(body[key])
        user.setdefault("first_name", f"Bruger {user_id}")
        user.setdefault("language_code", "da")
        self.state.users[user_id] = user
        return user

    def _client_chat(self, body: JSON, user: JSON) -> JSON:
        chat_type = str(body.get("chat_type") or "private")
        if chat_type == "private":
            chat: JSON = {"id": user["id"], "type": "private"}
            chat.update({k: user[k] for k in ("first_name", "last_name", "username") if k in user})
        else:
            chat_id = int(body.get("chat_id") or -1000000000001)
            title = str(body.get("chat_title") or "Testgruppe")
            chat = {"id": chat_id, "type": chat_type, "title": title}
        self.state.chats[chat["id"]] = chat
        return chat

    async def _client_send(self, request: web.Request) -> web.Response:
        body = await _read_json(request)
        if "user_id" not in body:
            return _error(400, "user_id is required")
        user = self._client_user(body)
        chat = self._client_chat(body, user)
        self.state.blocked.discard(user["id"])  # writing to the bot unblocks it
        msg: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
        }
        stored = StoredMessage(message=msg, sender="user")
        n = msg["message_id"]
        if body.get("sticker"):
            msg["sticker"] = {
                "file_id": f"CAACAgIAAxkBAAI{n:06d}", "file_unique_id": f"AgADst{n:06d}",
                "type": "regular", "width": 512, "height": 512, "is_animated": False,
                "is_video": False, "emoji": "👍",
            }  # fmt: skip
        elif isinstance(body.get("document"), dict):
            msg["document"] = self._client_document(body["document"])
            if body.get("caption"):
                msg["caption"] = stored.source_text = str(body["caption"])
        elif body.get("photo"):
            msg["photo"] = [
                {"file_id": f"AgACAgIAAxkBAAI{n:06d}", "file_unique_id": f"AQADph{n:06d}",
                 "width": 90, "height": 90, "file_size": 1024},
            ]  # fmt: skip
        else:
            text = str(body.get("text") or "")
            if not text.strip():
                return _error(400, "text is empty")
            msg["text"] = stored.source_text = text
            if entities := command_entities(text):
                msg["entities"] = entities
        self._record(stored)
        update_id = self._add_update("message", msg)
        self._changed_state()
        return web.json_response({"update_id": update_id, "message_id": msg["message_id"]})

    def _client_document(self, spec: JSON) -> JSON:
        """A document a user uploads: ``{"file_name", "content" (base64), "mime_type"}``."""
        n = self.state.next_file
        self.state.next_file += 1
        stored = StoredFile(
            file_id=f"BQACAgQAAxkBAAI{n:06d}",
            file_unique_id=f"AgAD{n:06d}",
            file_name=str(spec.get("file_name") or f"file_{n}"),
            mime_type=str(spec.get("mime_type") or "application/octet-stream"),
            data=base64.b64decode(str(spec.get("content") or "")),
        )
        self.state.files[stored.file_id] = stored
        return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                "file_name": stored.file_name, "mime_type": stored.mime_type,
                "file_size": len(stored.data)}  # fmt: skip

    async def _client_users(self, request: web.Request) -> web.Response:
        """Make users and their private chats known at once, without sending anything
        (``{"users": [{"user_id": 1, "first_name": "Mette"}, …]}``), as if each had
        started the bot earlier. For load tests with many recipients."""
        body = await _read_json(request)
        users = body.get("users")
        if not isinstance(users, list) or not all(
            isinstance(u, dict) and "user_id" in u for u in users
        ):
            return _error(400, "users must be a list of objects with user_id")
        for entry in users:
            self._client_chat({}, self._client_user(entry))
        self._changed_state()
        return web.json_response({"ok": True, "users": len(users)})

    async def _client_edit(self, request: web.Request) -> web.Response:
        body = await _read_json(request)
        try:
            chat_id = int(body.get("chat_id") or body["user_id"])
            key = (chat_id, int(body["message_id"]))
        except (KeyError, ValueError, TypeError):
            return _error(400, "user_id and message_id are required")
        stored = self.state.messages.get(key)
        if stored is None or stored.sender != "user" or "text" not in stored.message:
            return _error(404, "no such message from this user")
        text = str(body.get("text") or "")
        if not text.strip():
            return _error(400, "text is empty")
        msg = stored.message
        msg["text"] = stored.source_text = text
        msg["edit_date"] = int(time.time())
        msg.pop("entities", None)
        if entities := command_entities(text):
            msg["entities"] = entities
        stored.edited = True
        self._record(stored)
        update_id = self._add_update("edited_message", msg)
        return web.json_response({"update_id": update_id, "message_id": msg["message_id"]})

    async def _client_press(self, request: web.Request) -> web.Response:
        body = await _read_json(request)
        try:
            user_id = int(body["user_id"])
            key = (int(body.get("chat_id") or user_id), int(body["message_id"]))
        except (KeyError, ValueError, TypeError):
            return _error(400, "user_id and message_id are required")
        stored = self.state.messages.get(key)
        if stored is None or stored.sender != "bot" or stored.deleted:
            return _error(404, "no such bot message in this chat")
        user = self._client_user(body)
        query: JSON = {
            "id": str(self.state.next_update_id * 1000 + user_id % 1000),
            "from": user,
            "message": stored.message,
            "chat_instance": str(key[0]),
            "data": str(body.get("data") or ""),
        }
        update_id = self._add_update("callback_query", query)
        self._changed_state()
        return web.json_response({"update_id": update_id})

    async def _client_messages(self, request: web.Request) -> web.Response:
        try:
            chat_id = int(request.query["chat_id"]) if request.query.get("chat_id") else None
            after = int(request.query.get("after") or 0)
            wait = min(max(float(request.query.get("wait") or 0), 0.0), 30.0)
        except ValueError:
            return _error(400, "chat_id, after and wait must be numbers")

        def newer() -> list[JSON]:
            return [
                e for e in self.state.feed
                if e["id"] > after and (chat_id is None or e["chat_id"] == chat_id)
            ]  # fmt: skip

        await self._wait_until(lambda: bool(newer()), wait)
        origin = f"{request.scheme}://{request.host}"
        return web.json_response({"messages": [self._listed(e, origin) for e in newer()]})

    @staticmethod
    def _listed(entry: JSON, origin: str) -> JSON:
        out = dict(entry)
        doc = entry.get("document")
        if doc:
            out["document"] = {**doc, "url": f"{origin}/client/files/{doc['file_id']}"}
        return out

    async def _client_faults(self, request: web.Request) -> web.Response:
        body = await _read_json(request)
        method = str(body.get("method") or "")
        if not method:
            return _error(400, "method is required")
        key = method.lower()
        times = int(body.get("times", 1))
        if times <= 0 or body.get("clear"):
            self._faults.pop(key, None)
        else:
            if "seed" in body:
                self._rng.seed(body["seed"])
            fault = Fault(
                status=int(body.get("status", 500)),
                times=times,
                rate=float(body.get("rate", 1.0)),
                retry_after=max(1, int(body.get("retry_after", 1))),
                description=body.get("description"),
                after=bool(body.get("after", False)),
            )
            self._faults.setdefault(key, []).append(fault)
        faults = {m: [asdict(f) for f in q] for m, q in self._faults.items()}
        return web.json_response({"ok": True, "faults": faults})

    async def _client_clear_faults(self, request: web.Request) -> web.Response:
        self._faults.clear()
        return web.json_response({"ok": True, "faults": {}})

    async def _client_block(self, request: web.Request) -> web.Response:
        body = await _read_json(request)
        try:
            user_id = int(body["user_id"])
        except (KeyError, ValueError, TypeError):
            return _error(400, "user_id is required")
        if body.get("blocked", True):
            self.state.blocked.add(user_id)
        else:
            self.state.blocked.discard(user_id)
        self._changed_state()
        return web.json_response({"ok": True, "blocked": sorted(self.state.blocked)})

    async def _client_reset(self, request: web.Request) -> web.Response:
        self.state = State()
        self._faults.clear()
        self._sent_times.clear()
        self._stats = self._empty_stats()
        self._changed_state()
        return web.json_response({"ok": True})

    async def _client_file(self, request: web.Request) -> web.Response:
        stored = self.state.files.get(request.match_info["file_id"])
        if stored is None:
            return _error(404, "no such file")
        fallback = stored.file_name.encode("ascii", "replace").decode().replace('"', "")
        disposition = (
            f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(stored.file_name)}"
        )
        return web.Response(
            body=stored.data,
            content_type=stored.mime_type,
            headers={"Content-Disposition": disposition},
        )

    async def _client_stats(self, request: web.Request) -> web.Response:
        stats = {**self._stats, "pending_updates": len(self.state.updates)}
        return web.json_response(stats)

    async def _page(self, request: web.Request) -> web.StreamResponse:
        page = STATIC_DIR / "chat.html"
        if not page.exists():
            return web.Response(text="Projektbot – lokal chat (chat.html mangler)")
        return web.FileResponse(page, headers={"Cache-Control": "no-cache"})


async def start_standin(
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    rate_limit: int = 30,
    state_file: Path | None = None,
    seed: int = 0,
) -> tuple[StandIn, web.AppRunner]:
    """Start the stand-in on host:port (0 picks a free port; see ``standin.port``).

    Stop it with ``await runner.cleanup()``.
    """
    standin = StandIn(rate_limit=rate_limit, state_file=state_file, seed=seed)
    runner = web.AppRunner(standin.app, access_log=None, shutdown_timeout=2.0)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    standin.host = host
    standin.port = int(runner.addresses[0][1])
    return standin, runner


def main() -> None:
    """``python -m bot.standin [PORT [STATE_FILE]]``: run the stand-in in a process of its
    own, like Telegram's servers (``python -m bot run --api-url http://127.0.0.1:PORT``)."""
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    state = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    web.run_app(StandIn(state_file=state).app, host="127.0.0.1", port=port, print=None)


if __name__ == "__main__":
    main()
