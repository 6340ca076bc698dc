"""Broadcast figures against the local Telegram stand-in (30 messages/s, 429s past that).

    .venv/bin/python -m bench.broadcast [--n 1000] [--skip-faults] [--skip-kill] [--kills 5]

Runs the real bot (`python -m bot run --local`, via tests.localbot) and measures:

1. baseline: the stand-in's limit, and naive sequential sending without a rate limiter
   (how many 429s that earns);
2. a broadcast to N recipients while three other users ask questions, one every ~1 s in
   turn (a busy day) and one every ~200 ms (a flood; 5 of the 30 messages/s are replies):
   throughput (messages/s and % of 30/s), exactly-once, the questions' reply latency
   (p50/p95, from sending the question to the reply appearing in /client/messages);
3. the same with the stand-in failing 10 % of sendMessage calls (429 and 500 before the
   message is sent, 502 after it was, in turn);
4. SIGKILL at random moments of one broadcast (5 times), restarting each time.

Recipients are written straight into the SQLite file and made known to the stand-in
with one POST /client/users; the coordinator registers with an invitation as usual.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from telegram import Bot
from telegram.error import RetryAfter

from bot.broadcasts import Broadcasts
from bot.standin import start_standin
from bot.store import Store
from tests.localbot import LocalBot, Message

LIMIT = 30
PROJECT = "skolefravaer"
QUESTION = "hvornår er næste modningsworkshop?"
COORDINATOR, ASKERS = 799, (790, 791, 792)


# -- helpers ----------------------------------------------------------------------------------


def _button(message: Message, prefix: str) -> str:
    return next(str(b["data"]) for row in message["buttons"] for b in row
                if str(b.get("data") or "").startswith(prefix))  # fmt: skip


def _has(prefix: str) -> Any:
    return lambda m: any(str(b.get("data") or "").startswith(prefix)
                         for row in m["buttons"] for b in row)  # fmt: skip



def setup(workdir: Path, n: int) -> tuple[LocalBot, list[int]]:
    bot = LocalBot(workdir, separate_standin=True).start()
    bot.register(COORDINATOR, "koordinator", PROJECT, None)
    for uid in ASKERS:
        bot.register(uid, "projektleder", "voksenliv", "Odense")
    ids = list(range(200_000, 200_000 + n))
    bot.add_users(ids, PROJECT)
    return bot, ids


def start_broadcast(bot: LocalBot, text: str) -> tuple[int, float]:
    """Write, choose everyone, press "Send nu": the broadcast id and when it was pressed."""
    bot.ask(COORDINATOR, "/udsendelse")
    bot.send(COORDINATOR, text)
    menu = bot.wait_for(COORDINATOR, _has("bc:a:"))
    bot.press(COORDINATOR, menu, data=_button(menu, "bc:a:all:"))
    preview = bot.wait_for(COORDINATOR, _has("bc:s:"))
    pressed = time.monotonic()
    bot.press(COORDINATOR, preview, data=_button(preview, "bc:s:"))
    return int(_button(preview, "bc:s:").split(":")[2]), pressed


def state(bot: LocalBot, bid: int) -> str:
    found = Broadcasts(Store(bot.db)).get(bid)
    return found.state if found else "?"


def wait_done(bot: LocalBot, bid: int, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if state(bot, bid) == "done":
            return time.monotonic()
        time.sleep(0.05)
    raise TimeoutError(f"broadcast {bid} not done in {timeout} s")


def copies(bot: LocalBot, ids: list[int], text: str) -> Counter[int]:
    r = bot.client.get("/client/messages", params={"after": 0}, timeout=60)
    r.raise_for_status()
    wanted = set(ids)
    got: Counter[int] = Counter({u: 0 for u in ids})
    for m in r.json()["messages"]:
        if m["from"] == "bot" and m["chat_id"] in wanted and text in (m["text"] or ""):
            got[m["chat_id"]] += 1
    return got


def once_summary(bot: LocalBot, bid: int, ids: list[int], text: str) -> str:
    got = copies(bot, ids, text)
    report = Broadcasts(Store(bot.db)).report(bid)
    twice = sum(1 for c in got.values() if c > 1)
    lost = sum(1 for c in got.values() if c == 0)
    return (f"exactly once: {sum(1 for c in got.values() if c == 1)}/{len(ids)}, "
            f"duplicates {twice}, missing {lost}; report: delivered {report.delivered}, "
            f"blocked {report.blocked}, failed {report.failed} {dict(report.reasons)}")


# -- the question load ---------------------------------------------------------------------------


class Askers(threading.Thread):
    """Questions from a few users, one every `interval` seconds in turn; reply latencies."""

    def __init__(self, port: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.unanswered = 0
        self.interval = interval

    def run(self) -> None:
        turn = 0
        while not self.stop.is_set():
            uid = ASKERS[turn % len(ASKERS)]
            turn += 1
            began = time.monotonic()
            self._ask(uid)
            time.sleep(max(0.0, self.interval - (time.monotonic() - began)))

    def _ask(self, uid: int) -> None:
        last = self.client.get("/client/messages", params={"chat_id": uid}).json()["messages"]
        after = max((m["id"] for m in last), default=0)
        sent = time.monotonic()
        self.client.post("/client/send", json={"user_id": uid, "text": QUESTION})
        while time.monotonic() - sent < 10:
            found = self.client.get("/client/messages", params={
                "chat_id": uid, "after": after, "wait": 5}).json()["messages"]
            if any(m["from"] == "bot" for m in found):
                self.latencies.append(time.monotonic() - sent)
                return
            after = max((m["id"] for m in found), default=after)
        self.unanswered += 1


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- scenarios ---------------------------------------------------------------------------------


async def _naive(n: int) -> tuple[int, float]:
    """Send n messages one after another with no rate limiter; retry after each 429."""
    standin, runner = await start_standin(port=0, rate_limit=LIMIT)
    try:
        for uid in range(1, 51):
            standin._client_chat({}, standin._client_user({"user_id": uid}))
        limited = 0
        async with Bot("1:naive", base_url=standin.base_url) as bot:
            began = time.monotonic()
            for i in range(n):
                while True:
                    try:
                        await bot.send_message(1 + i % 50, f"naiv {i}")
                        break
                    except RetryAfter as err:
                        limited += 1
                        delay = err.retry_after
                        await asyncio.sleep(delay if isinstance(delay, int)
                                            else delay.total_seconds())  # fmt: skip
            return limited, n / (time.monotonic() - began)
    finally:
        await runner.cleanup()


def baseline() -> None:
    limited, rate = asyncio.run(_naive(300))
    print(f"baseline: stand-in limit {LIMIT} msg/s (sliding 1 s window, 429 past it)")
    print(f"baseline: naive sequential sending, no rate limiter, 300 messages: "
          f"{limited} × 429, {rate:.1f} msg/s effective")  # fmt: skip


def throughput(n: int, interval: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bot, ids = setup(Path(tmp), n)
        try:
            askers = Askers(bot.port, interval)
            text = "Udsendelse til alle (ydelse)"
            askers.start()
            bid, began = start_broadcast(bot, text)
            ended = wait_done(bot, bid, timeout=n / 10 + 60)
            askers.stop.set()
            askers.join(15)
            rate = n / (ended - began)
            stats = bot.client.get("/client/stats").json()
            print(f"\n[{n} recipients, a question every ~{interval * 1000:.0f} ms from "
                  f"{len(ASKERS)} users in turn]")  # fmt: skip
            print(f"broadcast ('Send nu' pressed → done): {ended - began:.1f} s, "
                  f"{rate:.1f} msg/s = "
                  f"{100 * rate / LIMIT:.0f} % of {LIMIT}/s")  # fmt: skip
            total = n + len(askers.latencies)
            print(f"all bot messages in that time (broadcast + replies): "
                  f"{total / (ended - began):.1f} msg/s = "
                  f"{100 * total / (ended - began) / LIMIT:.0f} % of {LIMIT}/s")  # fmt: skip
            print(once_summary(bot, bid, ids, text))
            lat = askers.latencies
            print(f"questions during the broadcast: {len(lat)} answered, "
                  f"{askers.unanswered} unanswered; latency p50 {pct(lat, 0.5) * 1000:.0f} ms, "
                  f"p95 {pct(lat, 0.95) * 1000:.0f} ms, max {max(lat, default=0) * 1000:.0f} ms")
            print(f"stand-in: 429 flood answers {stats['flood_429']}")
        finally:
            bot.stop()


def alone(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bot, ids = setup(Path(tmp), n)
        try:
            text = "Udsendelse alene"
            bid, began = start_broadcast(bot, text)
            ended = wait_done(bot, bid, timeout=n / 10 + 60)
            rate = n / (ended - began)
            print(f"\n[{n} recipients, no other traffic]")
            print(f"broadcast ('Send nu' pressed → done): {ended - began:.1f} s, "
                  f"{rate:.1f} msg/s = "
                  f"{100 * rate / LIMIT:.0f} % of {LIMIT}/s; "
                  f"429 flood answers {bot.client.get('/client/stats').json()['flood_429']}")
            print(once_summary(bot, bid, ids, text))
        finally:
            bot.stop()


def faults(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bot, ids = setup(Path(tmp), n)
        try:
            # 10 % of calls fail, in turn: 429 and 500 before the message is sent, and 502
            # after it was (the answer lost: the sender must look before sending again)
            for i in range(2 * n // 100 + 10):
                status, after = [(429, False), (500, False), (502, True)][i % 3]
                bot.client.post("/client/faults", json={
                    "method": "sendMessage", "status": status, "after": after,
                    "retry_after": 1, "rate": 0.1, "times": 100, "seed": 7}).raise_for_status()
            text = "Udsendelse med fejl"
            bid, began = start_broadcast(bot, text)
            ended = wait_done(bot, bid, timeout=n + 60)
            stats = bot.client.get("/client/stats").json()
            print(f"\n[{n} recipients, stand-in fails 10 % of sendMessage: 429/500 before, "
                  "502 after sending]")
            print(f"broadcast: {ended - began:.1f} s; faults injected {stats['faults_given']}")
            print(once_summary(bot, bid, ids, text))
        finally:
            bot.stop()


def sigkill(n: int, kills: int) -> None:
    """Kill the bot `kills` times at random moments of one broadcast, restarting each time."""
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        bot, ids = setup(Path(tmp), n)
        try:
            text = "Udsendelse med nedbrud"
            bid, _pressed = start_broadcast(bot, text)
            print(f"\n[{n} recipients, SIGKILL {kills} times mid-broadcast, restart each time]")
            for k in range(kills):
                time.sleep(rng.uniform(1.0, n / 30 / (kills + 1)))
                bot.kill()
                report = Broadcasts(Store(bot.db)).report(bid)
                print(f"kill {k + 1}: after {report.delivered} delivered; restarting")
                bot.start()
            wait_done(bot, bid, timeout=n / 10 + 60)
            log = bot.log.read_text(encoding="utf-8") if bot.log.exists() else ""
            doubt = Counter(line.rsplit(": ", 1)[-1] for line in log.splitlines()
                            if "was in doubt" in line)  # fmt: skip
            print(f"messages in doubt at the kills, looked for at the restart: {dict(doubt)}")
            print(once_summary(bot, bid, ids, text))
        finally:
            bot.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--skip-faults", action="store_true")
    parser.add_argument("--skip-kill", action="store_true")
    parser.add_argument("--kills", type=int, default=5)
    args = parser.parse_args()
    baseline()
    for interval in (1.0, 0.2):
        throughput(args.n, interval)
    alone(args.n)
    if not args.skip_faults:
        faults(args.n)
    if not args.skip_kill:
        sigkill(args.n, args.kills)


if __name__ == "__main__":
    main()
