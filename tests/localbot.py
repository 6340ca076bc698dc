"""Drive the real bot through the local Telegram stand-in, as a user would.

    bot = LocalBot(tmp_path).start()
    code = bot.invite("projektleder", "voksenliv", "Odense")
    bot.send(1, f"/start {code}")
    reply = bot.wait_reply(1)          # the bot's next message to user 1
    bot.press(1, reply, "Forandring")  # press a button by its label
    bot.kill(); bot.start()            # SIGKILL and restart, same database

The bot runs as `python -m bot run --local` in a subprocess, exactly as
`make run` starts it, on a free port with its own database.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bot.settings import ROOT

Message = dict[str, Any]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalBot:
    def __init__(
        self,
        workdir: Path,
        *,
        data_dir: Path | None = None,
        env: dict[str, str] | None = None,
        separate_standin: bool = False,
    ):
        self.workdir = Path(workdir)
        self.db = self.workdir / "bot.db"
        self.data_dir = data_dir
        self.env = env or {}
        self.port = free_port()
        self.proc: subprocess.Popen[str] | None = None
        self.log = self.workdir / "bot.log"
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=10)
        self.seen: dict[int, int] = {}  # chat id -> last message id read
        # With separate_standin, "Telegram" runs in a process of its own that outlives the
        # bot's crashes (benchmarks: the bot's CPU is then the bot's alone).
        self.separate_standin = separate_standin
        self.standin: subprocess.Popen[str] | None = None

    # -- process ------------------------------------------------------------------------
    def start(self, timeout: float = 20) -> LocalBot:
        cmd = [
            sys.executable,
            "-m",
            "bot",
            "run",
            "--local",
            "--port",
            str(self.port),
            "--db",
            str(self.db),
        ]
        if self.data_dir is not None:
            cmd += ["--data", str(self.data_dir)]
        if self.separate_standin:
            self._start_standin()
            cmd += ["--api-url", f"http://127.0.0.1:{self.port}"]
        env = {**os.environ, **self.env}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        offset = self.log.stat().st_size if self.log.exists() else 0
        logfile = self.log.open("a", encoding="utf-8")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, text=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the bot exited:\n{self.log.read_text(encoding='utf-8')}")
            with self.log.open(encoding="utf-8") as fh:
                fh.seek(offset)
                if "kører lokalt" in fh.read():
                    return self
            time.sleep(0.05)
        raise TimeoutError(f"the bot did not start:\n{self.log.read_text(encoding='utf-8')}")

    def _start_standin(self, timeout: float = 10) -> None:
        if self.standin is not None and self.standin.poll() is None:
            return
        state = self.db.with_suffix(".standin.json")
        self.standin = subprocess.Popen(
            [sys.executable, "-m", "bot.standin", str(self.port), str(state)], cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.client.get("/client/stats").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise TimeoutError("the stand-in did not start")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, like a crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None
        if self.standin is not None:
            self.standin.terminate()
            self.standin.wait(10)
            self.standin = None
        self.client.close()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    # -- command line --------------------------------------------------------------------
    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "bot", *args, "--db", str(self.db)]
        if self.data_dir is not None:
            cmd += ["--data", str(self.data_dir)]
        return subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True, check=False)

    def invite(self, role: str, project: str, kommune: str | None = None) -> str:
        args = ["invite", "--role", role, "--project", project]
        if kommune:
            args += ["--kommune", kommune]
        done = self.cli(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    # -- the client API --------------------------------------------------------------------
    def send(self, user_id: int, text: str, first_name: str = "Test", **extra: Any) -> int:
        body = {"user_id": user_id, "first_name": first_name, "text": text, **extra}
        r = self.client.post("/client/send", json=body)
        r.raise_for_status()
        return int(r.json()["message_id"])

    def press(
        self, user_id: int, message: Message, label: str | None = None, data: str | None = None
    ) -> None:
        if data is None:
            buttons = [b for row in message["buttons"] for b in row]
            matching = [b for b in buttons if label is not None and label in b["text"]]
            assert matching, f"no button {label!r} in {[b['text'] for b in buttons]}"
            data = matching[0]["data"]
        r = self.client.post(
            "/client/press",
            json={"user_id": user_id, "message_id": message["message_id"], "data": data},
        )
        r.raise_for_status()

    def messages(self, chat_id: int, after: int = 0) -> list[Message]:
        r = self.client.get("/client/messages", params={"chat_id": chat_id, "after": after})
        r.raise_for_status()
        return list(r.json()["messages"])

    def wait_for(
        self, chat_id: int, predicate: Callable[[Message], bool], timeout: float = 10
    ) -> Message:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for m in self.messages(chat_id, self.seen.get(chat_id, 0)):
                if m.get("from") == "bot" and predicate(m):
                    self.seen[chat_id] = max(self.seen.get(chat_id, 0), m["id"])
                    return m
            time.sleep(0.05)
        raise TimeoutError(
            f"no such message for chat {chat_id}; got: "
            + json.dumps(self.messages(chat_id), ensure_ascii=False)[-2000:]
        )

    def wait_reply(self, chat_id: int, timeout: float = 10) -> Message:
        """The bot's next message (or edit) in the chat, after those already read."""
        return self.wait_for(chat_id, lambda m: True, timeout)

    def ask(self, user_id: int, text: str, timeout: float = 10) -> Message:
        self.send(user_id, text)
        return self.wait_reply(user_id, timeout)

    def add_users(self, ids: list[int], project: str, role: str = "praktiker",
                  kommune: str | None = "Kbh") -> None:
        """Many participants at once: written straight into the database (no invitation
        round trip) and made known to the stand-in, as if each had written to the bot."""
        from bot.store import Store

        store = Store(self.db)
        now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        try:
            with store.transaction() as db:
                db.table("users").insert_all(
                    [{"id": u, "first_name": f"Deltager {u}", "registered_at": now,
                      "active": 1, "project": project} for u in ids], ignore=True)
                db.table("memberships").insert_all(
                    [{"user_id": u, "project": project, "role": role, "kommune": kommune,
                      "joined_at": now} for u in ids], ignore=True)
        finally:
            store.close()
        self.client.post("/client/users", json={"users": [{"user_id": u} for u in ids]}
                         ).raise_for_status()

    def register(
        self,
        user_id: int,
        role: str = "projektleder",
        project: str = "voksenliv",
        kommune: str | None = "Odense",
        first_name: str = "Test",
    ) -> Message:
        code = self.invite(role, project, kommune)
        self.send(user_id, f"/start {code}", first_name=first_name)
        return self.wait_reply(user_id)
