"""The question-answering development set (tests/qa_devset.jsonl) and how an
answer is judged against it. Shared by the benchmark and the regression test."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
DEVSET = TESTS / "qa_devset.jsonl"  # the engine is tuned against this one
HELDOUT = TESTS / "qa_heldout.jsonl"  # written separately; looked at once (-> bot/synonyms.py)
# Written later by others from the seeds alone, each measured once before anyone read it
# (answerable right / out of scope declined, blind), most then read and tuned on:
# qa_fresh 79 %; qa_fresh2 86.7 % / 66.7 %; qa_fresh3 84.9 %; qa_fresh4 81.7 %;
# qa_fresh5 85.6 % / 92 % (87.2 % after the fresh4 round); qa_fresh6 91.2 % / 68 %.
# From qa_fresh7 on, written to paraphrase harder (everyday words, scene-setting clauses,
# three kinds of askers), each measured after the previous set's round: qa_fresh7
# 74.4 % / 88 %; qa_fresh8 74.4 % / 92 %; qa_fresh9 88.8 % / 96 %; qa_fresh10 80.8 % /
# 88 %; qa_fresh11 82.4 % / 84 %; qa_fresh12 83.2 % / 96 %; qa_fresh13 87.2 % / 84 %;
# qa_fresh14 80.0 % / 100 %; qa_fresh15 84.0 % / 88 %; qa_fresh16 83.2 % / 88 %. Two more
# written for chatty (qa_fresh17) and terse (qa_fresh18) askers: 80.0 % / 84 % and
# 83.2 % / 84 %. Then a new practitioner who describes things rather than naming them
# (qa_fresh19) 65.6 % / 100 %, and a manager or coordinator (qa_fresh20) 85.6 % / 84 %.
# After that round, a realistic mix of askers (qa_fresh21) 92.8 % / 88 % and a mix weighted
# to what is easy to get wrong (qa_fresh22) 91.2 % / 72 %. After the next round: a realistic
# mix (qa_fresh23) 96.0 % / 76 %, and people who describe things rather than name them
# (qa_fresh24) 76.0 % / 92 %; and the last round: a realistic mix (qa_fresh25) 90.4 % / 92 %,
# describing askers (qa_fresh26) 80.0 % / 76 %. Next session, in rounds: a realistic mix
# (qa_fresh27) 92.8 % / 92 %, describing askers (qa_fresh28) 62.4 % / 100 %, busy project
# leaders (qa_fresh29) 80.8 % / 96 %; then a realistic mix (qa_fresh30) 92.0 % / 88 % and
# practitioners who describe (qa_fresh31) 72.0 % / 88 %; then a realistic mix (qa_fresh32)
# 92.8 % / 88 % and staff who took a project over (qa_fresh33) 88.8 % / 96 %; then a
# realistic mix (qa_fresh34) 85.6 % / 88 % and near-miss pairs, 100 answerable and 50 not
# (qa_fresh35) 97.0 % / 74 %; after that round, near-miss pairs again (qa_fresh37) 95.0 % /
# 92 % and a realistic mix (qa_fresh36) 91.2 % / 100 %; last, a realistic mix (qa_fresh38)
# 89.6 % / 92 % and describing askers (qa_fresh39) 70.4 % / 92 %. Next session, in rounds:
# a realistic mix (qa_fresh40) 91.2 % / 96 %, describing askers (qa_fresh41) 66.4 % / 92 %,
# managers and money (qa_fresh42) 87.2 % / 92 %; then a realistic mix (qa_fresh43) 95.2 % /
# 96 % and near-miss pairs (qa_fresh44) 92.0 % / 82 %; then a realistic mix (qa_fresh45)
# 96.0 % / 88 % and describing askers (qa_fresh46) 70.4 % / 88 %; then a realistic mix
# (qa_fresh47) 92.8 % / 88 %, describing askers (qa_fresh48) 78.4 % / 88 % and near-miss
# pairs (qa_fresh49) 97.0 % / 80 %; last, a realistic mix (qa_fresh50) 96.0 % / 100 % and
# describing askers (qa_fresh51) 75.2 % / 88 %; after one more round, a realistic mix
# (qa_fresh52) 88.0 % / 92 % and describing askers (qa_fresh53) 77.6 % / 96 %.
# Next session, eleven rounds of four sets, each set measured once after the previous round
# (from qa_fresh62 on with the genitive-length and range readings of `normalise`, which
# accept 14 answers over all sets that the older reading did not): a realistic mix
# (qa_fresh54, 57, 59, 62, 65, 67, 70, 73, 74, 77, 78, 81, 82, 85, 86, 89, 90, 93, 96)
# 92.0–97.6 %, together 95.2 % / 96.2 %, and at least 95 % / 100 % on qa_fresh59, 67, 77,
# 82, 89, 93; describing askers (qa_fresh55, 58, 61, 63, 68, 71, 75, 79, 83, 87, 91, 94,
# 97) 74.4–85.6 %, together 81.0 % / 95.1 %; near-miss pairs (qa_fresh56, 60, 64, 66, 69,
# 72, 76, 80, 84, 88, 92, 95) 95.0–99.0 % / 80–94 %, together 98.0 % / 88.5 %.
# Next session, eight rounds of four (the last, qa_fresh126–129, measured and not read): a
# realistic mix (qa_fresh98, 101, 104, 106, 109, 112, 114, 117, 120, 122, 125, 126, 129)
# 92.8–99.2 %, together 96.9 % / 97.2 %, and at least 95 % / 100 % on qa_fresh98, 101,
# 109, 112, 117, 120, 122; describing askers (qa_fresh99, 102, 105, 107, 110, 113, 115,
# 118, 123, 127) 79.2–91.2 %, together 85.7 % / 95.2 %; near-miss pairs (qa_fresh100, 103,
# 108, 111, 116, 119, 121, 124, 128) 96.0–100 % / 82–98 %, together 97.7 % / 92.4 %.
# Next session, four rounds of four, each measured once before it was read: a realistic mix
# (qa_fresh130, 133, 134, 137, 138, 141, 142, 145) 94.4–99.2 %, together 97.1 % / 98.5 %,
# and at least 95 % / 100 % on qa_fresh130, 133, 134, 141, 142; describing askers
# (qa_fresh131, 135, 139, 143) 83.2–92.0 %, together 87.0 % / 93 %; near-miss pairs
# (qa_fresh132, 136, 140, 144) 98.0–99.0 % / 92–98 %, together 98.3 % / 95.0 %.
# Next session, five rounds of four, each set measured once before it was read: a realistic
# mix (qa_fresh146, 149, 150, 153, 154, 157, 158, 161, 162, 165) 91.2–97.6 %, together
# 94.2 % / 99.6 %, and at least 95 % / 100 % on qa_fresh146, 149, 157, 161, 162; describing
# askers (qa_fresh147, 151, 155, 159, 163) 77.6–88.8 %, together 82.4 % / 94.4 %; near-miss
# pairs (qa_fresh148, 152, 156, 160, 164) 93.0–99.0 % / 88–94 %, together 95.8 % / 90.4 %.
# From that session on, `normalise` reads number words as figures ("fire" is "4").
# Next session, four rounds of four, each set measured once before it was read: a realistic
# mix (qa_fresh166, 169, 170, 173, 174, 177, 178, 181) 91.2–96.8 %, together 94.5 % / 99.5 %,
# and at least 95 % / 100 % on qa_fresh170, 174, 177, 181; describing askers (qa_fresh167,
# 171, 175, 179) 79.2–85.6 %, together 82.6 % / 100 %; near-miss pairs (qa_fresh168, 172,
# 176, 180) 96.0–98.0 % / 88–92 %, together 96.8 % / 90.0 %.
# Next session, four realistic rounds of four sets, each round measured once before it was
# read, at the commit named: qa_fresh182–185 (4169c61) 96.2 % / 100 %, 188–191 (8423c89)
# 97.4 % / 99.0 %, 192–195 (bd4e9b1) 94.2 % / 100 %, 196–199 (609c1fb) 96.4 % / 99.0 %,
# 200–203 (a278b25) 95.0 % / 99.0 %; together 95.8 % / 99.4 % (2,396/2,500, 497/500).
# Describing askers (qa_fresh186) 85.6 % / 100 %; near-miss pairs (qa_fresh187) 95.0 % / 88 %.
BENCH = Path(__file__).resolve().parent


def _number(path: Path) -> int:
    digits = re.sub(r"\D", "", path.stem)
    return int(digits) if digits else 1


FRESH_SETS = tuple(sorted(BENCH.glob("qa_fresh*.jsonl"), key=_number))


@dataclass(frozen=True)
class Item:
    q: str
    project: str | None
    today: dt.date | None
    expect: tuple[str, ...]
    answered: bool
    note: str = ""


def load(path: Path = DEVSET) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        items.append(
            Item(
                q=raw["q"],
                project=raw.get("project"),
                today=dt.date.fromisoformat(raw["today"]) if raw.get("today") else None,
                expect=tuple(raw.get("expect", ())),
                answered=raw.get("answered", True),
                note=raw.get("note", ""),
            )
        )
    return items


_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate("to tre fire fem seks syv otte ni ti elleve tolv".split(), start=2)
}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b")


def normalise(text: str) -> str:
    text = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u00ad", "")
    text = re.sub(r"(\d),0\b", r"\1", text)  # "23,0 mio." is "23 mio."
    text = re.sub(r"(\d)\.-(\d)", r"\1-\2", text)  # "9.–10. februar" is "9-10. februar"
    text = re.sub(r"(\d)\. ?kvartal,? (\d{4})", r"\1. kvartal \2", text)  # "4. kvartal, 2020"
    text = re.sub(r"(\d) timers\b", r"\1 timer", text)  # "et 2-3 timers møde" lasts 2-3 timer
    # "et ½-1 times møde", "en halv times", "en hel dags varighed": genitives of a length
    text = re.sub(r"\b(time|dag)s\b", r"\1", text)
    text = re.sub(r"([½1]|halv) timer?\b", r"\1 time", text)
    text = re.sub(r"\b(\d+)-årig\w*", r"\1 år", text)  # "initiativet er 4-årigt" runs 4 år
    text = _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group()], text)  # "fire" is "4"
    text = re.sub(r"\b(\d+) ?(?:-|og|til) ?(\d+)\b", r"\1-\2", text)  # "15 – 25", "15 og 25"
    return re.sub(r"\s+", " ", text)


def holds(text: str, expect: tuple[str, ...]) -> bool:
    """Whether every expected fact stands in `text`."""
    norm = normalise(text)
    return all(normalise(e) in norm for e in expect)


def judge(item: Item, answered: bool, text: str) -> bool:
    if not item.answered:
        return not answered
    return answered and holds(text, item.expect)
