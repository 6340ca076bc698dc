"""The bot's clock: real time, or a pretended time for demonstrations and tests.

``PROJEKTBOT_NOW`` (an ISO date or datetime, e.g. ``2022-01-19T08:59:58+01:00`` or
``2023-06-15``) makes the whole bot — answers, rounds, reminders — behave as if it
were that moment when it started, with the clock then running at normal speed. A
time without an offset is Copenhagen time; a date alone is noon that day. Without
it, the real time.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping
from zoneinfo import ZoneInfo

NOW_ENV = "PROJEKTBOT_NOW"
TZ = ZoneInfo("Europe/Copenhagen")


class Clock:
    """The real UTC time, or a fixed start that then runs with the real time."""

    def __init__(self, start: dt.datetime | None = None):
        self._start = start.astimezone(dt.UTC) if start is not None else None
        self._anchor = time.monotonic()

    def now(self) -> dt.datetime:
        if self._start is None:
            return dt.datetime.now(dt.UTC)
        return self._start + dt.timedelta(seconds=time.monotonic() - self._anchor)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Clock:
        raw = environ.get(NOW_ENV, "").strip()
        if not raw:
            return cls()
        if len(raw) == 10:  # a date alone: noon
            raw += "T12:00:00"
        start = dt.datetime.fromisoformat(raw)
        return cls(start if start.tzinfo else start.replace(tzinfo=TZ))


_clocks: dict[str, Clock] = {}


def now() -> dt.datetime:
    """The current moment (UTC), honouring PROJEKTBOT_NOW."""
    raw = os.environ.get(NOW_ENV, "").strip()
    clock = _clocks.get(raw)
    if clock is None:
        clock = _clocks[raw] = Clock.from_env({NOW_ENV: raw})
    return clock.now()


def today() -> dt.date:
    """Today in Copenhagen."""
    return now().astimezone(TZ).date()
