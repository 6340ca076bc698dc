"""When something happens, with exactly the precision the sources give.

A `When` is a closed interval of days plus a precision: an exact day (maybe with
a time), a month, a quarter or a year, or a span of those ("april–juni 2022").
It is written in the data files as a short string:

    2022-01-20            a day
    2022-01-20T10:00      a day and a time
    2022-02-09/2022-02-10 a span of days
    2023-03               a month
    2022-04/2022-06       a span of months
    2023-Q4               a quarter
    2020-Q1/2020-Q2       a span of quarters
    2024                  a year

The precision is never invented: a month stays a month when it is shown
("november 2024"), and only a day is shown as a day ("20. januar 2022").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

Precision = Literal["day", "month", "quarter", "year"]

_DAY = r"(\d{4})-(\d{2})-(\d{2})"
_PART = re.compile(
    r"^(?:(?P<day>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{1,2}:\d{2}))?"
    r"|(?P<quarter>\d{4}-Q[1-4])"
    r"|(?P<month>\d{4}-\d{2})"
    r"|(?P<year>\d{4}))$"
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class When:
    """An interval of days [start, end] known to `precision`; `time` only for days."""

    start: dt.date
    end: dt.date
    precision: Precision
    time: dt.time | None = None

    # -- parsing -----------------------------------------------------------
    @classmethod
    def parse(cls, value: Any) -> When:
        if isinstance(value, When):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.date(), value.date(), "day", value.time().replace(second=0))
        if isinstance(value, dt.date):
            return cls(value, value, "day")
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"ukendt tidsangivelse: {value!r}")
        text = value.strip()
        if "/" in text:
            first, _, last = text.partition("/")
            a, b = cls._parse_part(first.strip()), cls._parse_part(last.strip())
            if a.precision != b.precision:
                raise ValueError(f"begge ender af '{text}' skal have samme præcision")
            if a.time or b.time:
                raise ValueError(f"et spænd kan ikke have klokkeslæt: '{text}'")
            if b.end < a.start:
                raise ValueError(f"'{text}' slutter før det begynder")
            return cls(a.start, b.end, a.precision)
        return cls._parse_part(text)

    @classmethod
    def _parse_part(cls, text: str) -> When:
        m = _PART.match(text)
        if not m:
            raise ValueError(
                f"'{text}' er ikke en tidsangivelse; brug fx 2022-01-20, 2022-01-20T10:00, "
                "2023-03, 2023-Q4, 2024 eller et spænd som 2022-04/2022-06"
            )
        try:
            if m["day"]:
                day = dt.date.fromisoformat(m["day"])
                time = None
                if m["time"]:
                    hh, mm = m["time"].split(":")
                    time = dt.time(int(hh), int(mm))
                return cls(day, day, "day", time)
            if m["quarter"]:
                year, q = int(m["quarter"][:4]), int(m["quarter"][-1])
                return cls(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter")
            if m["month"]:
                year, month = int(m["month"][:4]), int(m["month"][5:])
                return cls(dt.date(year, month, 1), _month_end(year, month), "month")
            year = int(m["year"])
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        except ValueError as exc:
            raise ValueError(f"'{text}' er ikke en gyldig dato: {exc}") from None

    # -- properties ----------------------------------------------------------
    @property
    def is_exact(self) -> bool:
        """True when the day is known (a single day, possibly with a time)."""
        return self.precision == "day" and self.start == self.end

    @property
    def is_span(self) -> bool:
        return self._unit_end(self.start) != self.end

    @property
    def start_datetime(self) -> dt.datetime | None:
        """The local start time when both day and time are known."""
        if self.is_exact and self.time is not None:
            return dt.datetime.combine(self.start, self.time)
        return None

    def _unit_end(self, day: dt.date) -> dt.date:
        if self.precision == "day":
            return day
        if self.precision == "month":
            return _month_end(day.year, day.month)
        if self.precision == "quarter":
            return _month_end(day.year, ((day.month - 1) // 3) * 3 + 3)
        return dt.date(day.year, 12, 31)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and start <= self.end

    def months(self) -> list[tuple[int, int]]:
        """Every (year, month) the interval touches."""
        out = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    # -- writing back ------------------------------------------------------
    def _part(self, day: dt.date, with_time: bool) -> str:
        if self.precision == "day":
            text = day.isoformat()
            if with_time and self.time is not None:
                text += f"T{self.time.hour:02d}:{self.time.minute:02d}"
            return text
        if self.precision == "month":
            return f"{day.year:04d}-{day.month:02d}"
        if self.precision == "quarter":
            return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
        return f"{day.year:04d}"

    def __str__(self) -> str:
        first = self._part(self.start, True)
        if not self.is_span:
            return first
        return f"{first}/{self._part(self.end, False)}"

    # -- pydantic ------------------------------------------------------------
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )
