"""`make bench`: question answering against a BM25 baseline, load time, batch time,
and the reminder planner.

Prints accuracy on answerable questions, abstention on out-of-scope ones and
latency (p50/p99 in process, each question the best of three timed passes after the
judged one), next to plain BM25 search over passages of the
seed documents, measured in the same run; and the wall time of
`python -m bot ask --batch` with 100 questions, start-up included.
"""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.devset import FRESH_SETS, HELDOUT, Item, holds, judge, load
from bot.loader import load_knowledge
from bot.qa import Engine
from bot.settings import DEFAULT_DATA, DEFAULT_SEEDS, ROOT
from bot.text import terms


def passages(seeds: Path) -> list[str]:
    """Paragraph-sized passages of every seed document (blank-line separated, ≥ 200 chars)."""
    out: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        chunk = ""
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            chunk = f"{chunk}\n\n{block}" if chunk else block
            if len(chunk) >= 200:
                out.append(chunk)
                chunk = ""
        if chunk:
            out.append(chunk)
    return out


class BM25:
    def __init__(self, docs: list[str], k1: float = 1.5, b: float = 0.75):
        self.docs = docs
        self.tokens = [terms(d) for d in docs]
        self.k1, self.b = k1, b
        self.avg = sum(len(t) for t in self.tokens) / len(self.tokens)
        df: Counter[str] = Counter()
        for t in self.tokens:
            df.update(set(t))
        n = len(docs)
        self.idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
        self.tf = [Counter(t) for t in self.tokens]

    def top(self, query: str) -> str:
        q = terms(query)
        best, best_score = "", -1.0
        for doc, tf, toks in zip(self.docs, self.tf, self.tokens, strict=True):
            score = 0.0
            for w in q:
                f = tf.get(w, 0)
                if f:
                    score += (
                        self.idf[w]
                        * f
                        * (self.k1 + 1)
                        / (f + self.k1 * (1 - self.b + self.b * len(toks) / self.avg))
                    )
            if score > best_score:
                best, best_score = doc, score
        return best


def _answer(engine: Engine, item: Item) -> tuple[bool, str]:
    answer = engine.ask(item.q, project=item.project, today=item.today)
    return answer.answered, answer.text


def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def main() -> int:
    items = load()
    answerable = [i for i in items if i.answered]
    oos = [i for i in items if not i.answered]

    started = time.perf_counter()
    kb = load_knowledge(DEFAULT_DATA)
    load_ms = (time.perf_counter() - started) * 1000
    engine = Engine(kb)

    latencies: list[float] = []
    right: list[Item] = []
    wrong: list[tuple[Item, str]] = []
    for item in items:
        t0 = time.perf_counter()
        answer = engine.ask(item.q, project=item.project, today=item.today)
        latencies.append((time.perf_counter() - t0) * 1000)
        if judge(item, answer.answered, answer.text):
            right.append(item)
        else:
            wrong.append((item, answer.text))
    ok_ans = sum(1 for i in right if i.answered) / max(len(answerable), 1)
    ok_oos = sum(1 for i in right if not i.answered) / max(len(oos), 1)
    # The pass above is judged and warms the caches; the latency of each question is then
    # the best of three more passes (as the planner's), so a busy neighbour on this shared
    # 2-core machine does not count as the engine's time.
    for _ in range(3):
        for n, item in enumerate(items):
            t0 = time.perf_counter()
            engine.ask(item.q, project=item.project, today=item.today)
            latencies[n] = min(latencies[n], (time.perf_counter() - t0) * 1000)
    lat = sorted(latencies)
    p99 = lat[min(len(lat) - 1, math.ceil(0.99 * len(lat)) - 1)]

    bm25 = BM25(passages(DEFAULT_SEEDS))
    base_right = sum(1 for i in answerable if holds(bm25.top(i.q), i.expect))
    base = base_right / max(len(answerable), 1)

    other_sets = [(path, load(path)) for path in (HELDOUT, *FRESH_SETS)]

    batch = [
        json.dumps(
            {"q": i.q, "project": i.project, "today": i.today.isoformat() if i.today else None}
        )
        for i in items[:100]
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--batch"],
        input="\n".join(batch),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    batch_s = time.perf_counter() - t0
    assert len(proc.stdout.splitlines()) == len(batch)

    print("Question answering (tests/qa_devset.jsonl)")
    print(
        f"  questions:               {len(items)} ({len(answerable)} answerable, "
        f"{len(oos)} out of scope)"
    )
    print(f"  answerable right:        {pct(ok_ans)}")
    print(f"  out of scope abstained:  {pct(ok_oos)}")
    print(
        f"  latency in process:      p50 {statistics.median(lat):.2f} ms, p99 {p99:.2f} ms "
        "(best of 3 after a warm-up pass)"
    )
    print(
        f"  BM25 baseline (top passage holds the facts): {pct(base)}; "
        f"ratio {ok_ans / base if base else float('inf'):.1f}x"
    )
    for path, held in other_sets:
        ans = [i for i in held if i.answered]
        oos = [i for i in held if not i.answered]
        right = [i for i in held if judge(i, *_answer(engine, i))]
        ok = sum(1 for i in right if i.answered) / max(len(ans), 1)
        abst = sum(1 for i in right if not i.answered) / max(len(oos), 1)
        base = sum(1 for i in ans if holds(bm25.top(i.q), i.expect)) / max(len(ans), 1)
        print(f"Other set {path.relative_to(ROOT)}: {len(held)} questions "
              f"({len(ans)} answerable, {len(oos)} out of scope)")
        print(f"  answerable right:        {pct(ok)} (BM25 baseline {pct(base)})")
        print(f"  out of scope abstained:  {pct(abst)}")
    print(f"  ask --batch, {len(batch)} questions incl. start-up: {batch_s:.2f} s")
    print(f"  load_knowledge: {load_ms:.0f} ms")

    from bench.planner import bench_planner

    figures = bench_planner()
    print("Reminder planner (1,000 users × all projects × one year, best of 3)")
    print(f"  {figures['reminders']} reminders in {figures['seconds']:.3f} s (target < 1 s); "
          f"baseline, one call per user: {figures['baseline_per_user_seconds']:.2f} s "
          f"({figures['speedup']}x)")
    print("Longer runs: python -m bench.broadcast (1,000-recipient broadcast, faults, SIGKILL) "
          "and python -m bench.restarts (50 kill/restart cycles around due reminders).")
    if "-v" in sys.argv:
        for item, text in wrong:
            print(
                f"\n--- {item.q!r} project={item.project} today={item.today} "
                f"expect={list(item.expect) or 'answered: false'}\n{text}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
