"""Passages of the knowledge, and BM25 search over them.

Every piece of prose in data/ (a project's purpose, a description, a section,
an activity, a strategy topic, …) becomes a `Passage` with its source. When a
question is not one the engine answers from structure ("hvornår", "hvor", …),
it is answered with the best sentences of the best passage — if the passage
holds most of what the question asks about.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.dates import format_when
from bot.loader import Knowledge
from bot.model import Activity, Fact, Project, Section, Source
from bot.text import fold, stem, terms


@dataclass(frozen=True)
class Passage:
    title: str
    text: str
    source: Source
    project: str | None  # None for the strategy
    kind: str = "text"  # "instrument" for the strategy's measurement instruments


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    coverage: float  # share of the question's weight found in the passage
    sentences: str


def _fact_passages(project: Project, title: str, facts: Iterable[Fact | None]) -> Iterator[Passage]:
    for f in facts:
        if f is not None:
            yield Passage(title, f.text, f.source, project.id)


def activity_text(a: Activity) -> str:
    """An activity's facts as one searchable text."""
    parts = [a.description or "", a.purpose or ""]  # its name is the passage's title
    if a.place:
        parts.append(f"Sted: {a.place}{', ' + a.address if a.address else ''}.")
    if a.duration:
        parts.append(f"Varighed: {a.duration.text}.")
    if a.occurrences:  # "hvornår er den endelige indsatsbeskrivelse klar": its time
        dates = [format_when(o.when) for o in a.occurrences[:6]]
        parts.append("Hvornår: " + ", ".join(dates) + ("…" if len(a.occurrences) > 6 else "") + ".")
    if a.participants:
        parts.append("Deltagere: " + ", ".join(a.participants) + ".")
    if a.facilitator:
        parts.append(f"Facilitator: {a.facilitator}.")
    parts += [p if p.endswith(".") else p + "." for p in a.programme + a.duties]
    return " ".join(p for p in parts if p)


def passages(kb: Knowledge) -> list[Passage]:
    out: list[Passage] = []
    for p in kb.projects.values():
        out += _fact_passages(
            p,
            p.short_name,
            [
                p.purpose,
                p.background,
                p.target_group,
                p.grant_recipients,
                p.evaluation,
                p.som,
                p.duration,
            ],
        )
        out += _fact_passages(p, p.short_name, p.description)
        out += _fact_passages(p, p.short_name, p.organisation)
        out += _fact_passages(p, p.short_name, p.success_criteria)
        out += _fact_passages(p, p.short_name, p.application_criteria)
        out += _fact_passages(p, p.short_name, p.evaluation_duties)
        for t in p.timetable:  # the time belongs to the text: "hvornår foreligger …"
            out.append(Passage(p.short_name, f"{format_when(t.when)}: {t.text}", t.source, p.id))
        for ph in p.phases:
            text = " ".join(x for x in (ph.name + ".", ph.purpose, ph.description) if x)
            out.append(Passage(ph.name, text, ph.source, p.id))
        for a in p.activities:
            out.append(Passage(a.name, activity_text(a), a.sources[0], p.id))
        out += [_section_passage(s, p.id) for s in p.sections]
    st = kb.strategy
    out.append(Passage(st.name, st.summary.text, st.summary.source, None))
    for sph in st.phases:
        for f in [
            sph.purpose,
            sph.typical_duration,
            *sph.knowledge_development,
            *sph.deliverables,
            *sph.track_notes,
        ]:
            if f is not None:
                out.append(Passage(sph.name, f.text, f.source, None))
        for c in sph.criteria_to_enter:
            out.append(Passage(sph.name, f"{c.group}: {c.text}", c.source, None))
    for tr in st.tracks:
        for f in [tr.description, *tr.characteristics]:
            out.append(Passage(tr.name, f.text, f.source, None))
    out += [_section_passage(s, None) for s in st.topics]
    for ins in st.instruments:
        text = f"{ins.name}: {ins.target or ''}"
        out.append(Passage(ins.name, text, ins.source, None, "instrument"))
    return out


def _section_passage(s: Section, project: str | None) -> Passage:
    return Passage(s.title, s.text, s.source, project)


_NUMBER_WORDS = frozenset(  # as words and as stems ("fire" stems to "fir")
    w for n in "to tre fire fem seks syv otte ni ti elleve tolv".split() for w in (n, stem(n))
)


@lru_cache(maxsize=8192)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(terms(text))


def counts(text: str | Sequence[str], counted: tuple[str, ...]) -> bool:
    """Whether `text` (or its stems) gives a number of the counted thing: "5-7 kommuner"
    counts "kommun", "fire faser" counts "fase"; a number elsewhere ("4. kvartal") does not."""
    if not counted:
        return False
    toks = _stems(text) if isinstance(text, str) else text
    return counted_in(numbered(tuple(toks)), counted)


@lru_cache(maxsize=16384)
def numbered(toks: tuple[str, ...]) -> frozenset[str]:
    """The stems right after a number: "5-7 kommuner" -> {"kommun"}; past adjectives:
    "10-18 interesserede kommunale, regionale og private aktører" -> {…, "aktoer"}."""
    out: set[str] = set()
    for i, t in enumerate(toks):
        if t.isdigit() and re.fullmatch(r"(?:19|20)\d\d", t):
            continue  # a year counts nothing: "marts 2023. Deltagere: kommunens …"
        if t.isdigit() or (t in _NUMBER_WORDS and i + 1 < len(toks)):
            j = i + 1
            while j < min(len(toks), i + 7) and (toks[j].isdigit() or _adjective(toks[j])):
                j += 1  # "10-18 interesserede kommunale, regionale og private" …
            wide = t.isdigit() and not set(toks[i + 1 : i + 2]) & _UNITS
            out.update(toks[i + 1 : max(j + 1, i + 3 if wide else i + 2)])  # "35 pct. af …"
    return frozenset(out)


# Things counted that are not what follows them: "10 sessioner med børnene" counts sessions.
_UNITS = frozenset("session gang moed dag tim uge maaned aar modul workshop".split())


# Stem endings of Danish adjectives that stand between a number and what it counts.
_ADJECTIVE_ENDINGS = ("al", "at", "ig", "isk", "iv", "ell", "ny", "interes", "ekstern", "intern")


def _adjective(stem_: str) -> bool:
    return stem_.endswith(_ADJECTIVE_ENDINGS)


def counted_in(after_numbers: frozenset[str], counted: tuple[str, ...]) -> bool:
    return any(n.startswith(c) for n in after_numbers for c in counted)


# Endings that are also stems of their own: "mestring" is not "mest" + "ring".
_SUFFIXES = frozenset("ring ning ling ering else hed lig lige isk ende ere erne skab".split())


@lru_cache(maxsize=65536)
def _split(term: str, known: frozenset[str]) -> tuple[str, ...]:
    for k in range(len(term) - 4, 3, -1):  # the longest head first: "kontrolgruppe|design"
        head, tail = term[:k], term[k:]
        if len(tail) < 4 or tail not in known or tail in _SUFFIXES:
            continue
        for h in (head, head[:-1] if head[-1] in "se" else head):
            if len(h) >= 4 and stem(h) in known and stem(h) != term:
                return (stem(h), tail)
    for k in range(6, len(term) - 5):  # an unknown head: "centerchef|niveau" holds "niveau"
        tail = term[k:]
        if tail in known and tail not in _SUFFIXES and not tail.endswith("ing"):
            return (tail,)
    return ()


def _parts(term: str, known: frozenset[str]) -> tuple[str, ...]:
    """The two known words a compound stem is made of, if it is one; or the verb of a
    particle verb ("tilkøbes" holds "køb")."""
    if len(term) < 7 or not term.isalpha():
        return ()
    for particle in _VERB_PARTICLES:
        rest = term[len(particle) :]
        if term.startswith(particle) and len(rest) >= 4 and rest in known:
            return (rest,)
    return _split(term, known) if len(term) >= 8 else ()


_VERB_PARTICLES = ("til", "ind")  # "tilkøbes", "indkøbes": other particles change the sense


# A figure: "9,7 pct.", "23 mio.", "3-4 trænere" — not an ordinal ("10. klasse",
# "1. kvartal") and not a year; nor a paragraph of a law ("§§ 107 og 108").
_FIGURE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)*(?![\d,]|\.\s*[a-zæøå–-])")


# Something an answer to "hvornår" must hold: a year, a quarter, a month, a week, a day.
_TIME = re.compile(
    r"\b(?:19|20)\d\d\b|kvartal|\bkvt|\bjan|\bfeb|\bmarts|\bapril|\bmaj\b|\bjuni|\bjuli|"
    r"\baug|\bsep|\bokt|\bnov|\bdec|\buge|\bmaaned|\baar\b|\bdag"
)


# Or a point in a process, which answers "hvornår" in the strategy: "i screeningsfasen",
# "halvvejs", "ved afslutningen".
RELATIVE_TIME = re.compile(
    r"\b(?:i|under|efter|foer|inden|ved|gennem) (?:\w+ )?\w*fase(?:n|rne)?\b|"
    r"\bi begyndelsen|halvvej|\bved (?:\w+ )?(?:udgangen|begyndelsen|opstart|start|afslutning)|"
    r"\b(?:efter|foer|inden) (?:\w+ )?(?:afslutning|start|opstart)|senest|loebende|"
    r"\bhver (?:uge|maaned|kvartal|gang)\b|\bnaar (?:\w+ ){1,3}(?:er|har|foreligger)\b|"
    r"\bperiode"
)

def has_time(text: str) -> bool:
    """Whether `text` says when: a year, a quarter, a month, a week or a day."""
    return bool(_TIME.search(fold(text)))


def defines(text: str, term: str) -> bool:
    """Whether `text` says what the word with stem `term` is: "MOVE, som er et struktureret
    ambulant behandlingsforløb", "kerneelementer er de byggeklodser", "CTI (…) er en",
    "Monitoreringen består primært af"."""
    t = _folded(text)
    return bool(_definition(term).search(t) or _defined_after(term).search(t))


@lru_cache(maxsize=256)
def _definition(term: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b{re.escape(term)}\w*(?: \([^)]{{1,80}}\))?,? (?:som |der )?"
        r"(?:er (?:en|et|de|den|det)|betyder|daekker over|forstaas|bestaar (?:\w+ )?af)\b"
    )


@lru_cache(maxsize=256)
def _defined_after(term: str) -> re.Pattern[str]:
    """ "… en ’SUSI-vurdering’ af, om …. Der er tale om Socialstyrelsens faglige vurdering"."""
    return re.compile(rf"\b{re.escape(term)}[^.]*\.\s+{_REFERS_BACK.pattern}")


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    return fold(text)


def has_figure(text: str) -> bool:
    """Whether `text` gives a figure (an amount, a share, a count)."""
    return bool(_FIGURE.search(_LAW.sub("", text)))


_LAW = re.compile(r"§+\s*\d+(?:\s*(?:,|og|-|–)\s*\d+)*")
_ITEM = re.compile(r"(?:\d{1,2}\.|•|-)\s")


def _sentences(text: str) -> list[str]:
    """The sentences of `text`; a list number ("1.") stays with its item."""
    return list(_split_sentences(text))


@lru_cache(maxsize=4096)
def _split_sentences(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for s in _SENTENCE.split(text):
        s = s.strip()
        if not s:
            continue
        if out and re.fullmatch(r"\d{1,2}\.", out[-1]):
            out[-1] += " " + s
        else:
            out.append(s)
    return tuple(out)


# A sentence that says what the one before it named (folded): "Der er tale om …".
_REFERS_BACK = re.compile(r"(?:der er tale om|det(?:te)? er (?:en|et))\b")
_CONNECTIVE = re.compile(r"(?:Men|Og|Derfor|Dette|Det|De|Her|Heraf|Samtidig)\b")
# A sentence ends at ".", "!" or "?" before a capital, a number or a bullet — not after
# "ca." or "fx." ("ca. 10 sessioner").
_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\bca\.)(?<!\bfx\.)(?<!\bnr\.)(?<!\bkl\.)(?<!\bjf\.)(?<!\bbl\.a\.)(?<!\bevt\.)"
    r"\s+(?=[A-ZÆØÅ0-9•\-])|\n+"
)


SYNONYM_WEIGHT = 0.3  # a source word the question says in other words, against one it says


class Index:
    """BM25 over the passages' stems."""

    def __init__(self, items: list[Passage], k1: float = 1.4, b: float = 0.6):
        self.items = items
        self.k1, self.b = k1, b
        self.tokens = [terms(p.title + " " + p.text) for p in items]
        self.numbered = [numbered(tuple(toks)) for toks in self.tokens]
        plain = frozenset(t for toks in self.tokens for t in toks)
        # A compound also holds its parts: "uddannelsesforløb" answers for "uddannelsen".
        self.tokens = [toks + [w for t in toks for w in _parts(t, plain)] for toks in self.tokens]
        self.title_terms = [terms(p.title) for p in items]
        self.tf = [Counter(t) for t in self.tokens]
        self.avg = sum(len(t) for t in self.tokens) / max(len(self.tokens), 1)
        df: Counter[str] = Counter()
        for t in self.tokens:
            df.update(set(t))
        n = len(items)
        self.idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
        self.postings: dict[str, list[int]] = {}
        for i, tf in enumerate(self.tf):
            for w in tf:
                self.postings.setdefault(w, []).append(i)
        self.vocabulary = frozenset(df)
        self._sentence_parts: dict[tuple[str, ...], dict[str, None]] = {}
        for p in items:  # split and stem every sentence now, not during the first questions
            for sentence in _sentences(p.text):
                numbered(_stems(sentence))
                self._with_parts(_stems(sentence))

    def search(
        self,
        qterms: list[str],
        *,
        project: str | None,
        named: set[str],
        ignore: frozenset[str] = frozenset(),
        limit: int = 3,
        strategy_only: bool = False,
        asked: list[tuple[str, ...]] | None = None,
        kind: str | None = None,
        want_number: bool = False,
        want_time: bool = False,
        counted: tuple[str, ...] = (),
        defined: str = "",
    ) -> list[Hit]:
        """The best passages for the question's stems; `ignore` are question words that
        don't count towards coverage (“hvornår”, “hvem” …); `defined` is the stem of a term
        the question asks the meaning of ("hvad er MOVE for noget")."""
        q = [w for w in dict.fromkeys(qterms) if w in self.idf]
        if not q:
            return []
        content = [w for w in q if w not in ignore]
        if not content or all(w.isdigit() for w in content):  # "hvad er 17 gange 23"
            return []  # nothing but question words or numbers
        rare = max(self.idf.values())
        # What was asked, each with its alternatives (synonyms); words the knowledge never
        # uses still count as asked for: they lower the coverage.
        wanted = [
            alts
            for alts in dict.fromkeys(asked if asked is not None else [(w,) for w in qterms])
            if alts[0] not in ignore and (len(alts[0]) > 2 or any(c.isdigit() for c in alts[0]))
        ]
        weight = {
            alts: self.idf[alts[0]]
            if alts[0] in self.idf
            else max((self.idf[w] for w in alts if w in self.idf), default=rare)
            for alts in wanted
        }
        total_weight = sum(weight.values())
        # the words a synonym stands for count too, at SYNONYM_WEIGHT ("regne ud": opgørelse)
        said = set(content)
        scored = (
            [(w, 1.0) for w in content]
            + [
                (w, SYNONYM_WEIGHT)
                for w in dict.fromkeys(a for alts in wanted for a in alts[1:])
                if w in self.idf and w not in said
            ]
            # a question word the passage uses tips the scale: "består … af"
            + [(w, SYNONYM_WEIGHT) for w in q if w in ignore and not w.startswith("hv")]
        )
        scores: dict[int, float] = {}
        for w, share in scored:
            for i in self.postings[w]:
                f = self.tf[i][w]
                length = len(self.tokens[i])
                scores[i] = scores.get(i, 0.0) + share * self.idf[w] * f * (self.k1 + 1) / (
                    f + self.k1 * (1 - self.b + self.b * length / self.avg)
                )
        ranked = []
        for i, score in scores.items():
            item = self.items[i]
            if (strategy_only and item.project is not None) or (kind and item.kind != kind):
                continue
            title = set(self.title_terms[i])
            if title:  # a passage whose title the question names
                score *= 1 + len(title & set(content)) / len(title)
            if counted and counted_in(self.numbered[i], counted):  # "5-7 kommuner"
                score *= 1.5
            if defined and defines(item.text, defined):  # "MOVE, som er et …"
                score *= 1.5
            if item.project is not None:
                if item.project in named or (not named and item.project == project):
                    score *= 1.6
                elif named or project is not None:
                    score *= 0.4
            ranked.append((score, i))
        ranked.sort(reverse=True)
        hits = []
        for score, i in ranked[:limit]:
            found = sum(weight[alts] for alts in wanted if any(self.tf[i][w] for w in alts))
            hits.append(
                Hit(
                    self.items[i],
                    score,
                    found / total_weight if total_weight else 0.0,
                    self.best_sentences(
                        self.items[i].text,
                        content,
                        want_number=want_number,
                        want_time=want_time,
                        counted=counted,
                        defined=defined,
                    ),
                )
            )
        return hits

    def best_sentences(
        self,
        text: str,
        q: list[str],
        limit: int = 600,
        want_number: bool = False,
        want_time: bool = False,
        counted: tuple[str, ...] = (),
        defined: str = "",
    ) -> str:
        """The sentences of `text` that hold most of `q`, about `limit` characters."""
        if len(text) > limit:
            block = self._headed_block(text, q)
            if block is not None:  # "hvad er CTI": the part headed "CTI (…) til hjemløse"
                return self._from_start(_sentences(block), limit)
        sentences = _sentences(text)
        if len(text) <= limit or len(sentences) <= 1:
            return " ".join(text.split())
        asked = tuple(w for w in q if len(w) > 2 and not w.isdigit())
        # "… afsluttes med en ’SUSI-vurdering’ … Der er tale om Socialstyrelsens faglige
        # vurdering": the sentence after the term's says what it is
        said_of = [
            bool(defined)
            and i > 0
            and _REFERS_BACK.match(_folded(s)) is not None
            and defined in _folded(sentences[i - 1])
            for i, s in enumerate(sentences)
        ]
        # a compound meets its parts: "evalueringsrapport" finds "en samlet rapport",
        # "kommune" finds "projektkommunerne"
        wanted = set(q) | {p for w in q for p in _parts(w, self.vocabulary)}
        weights = [
            sum(self.idf.get(w, 0.0) for w in self._with_parts(_stems(s)) if w in wanted)
            + (2.0 if want_number and has_figure(s) else 0.0)
            + (5.0 if want_time and has_time(s) else 0.0)  # "ved udgangen af 2024"
            + (3.0 if want_time and RELATIVE_TIME.search(_folded(s)) else 0.0)  # "halvvejs"
            + (3.0 if counts(s, counted) else 0.0)
            + (1.0 if counts(s, asked) else 0.0)  # "delt op i tre faser" for "hvilke faser"
            + (6.0 if defined and (defines(s, defined) or said_of[i]) else 0.0)
            for i, s in enumerate(sentences)
        ]
        for i, sentence in enumerate(sentences):  # "Følgende betingelser gælder …:" + list
            if weights[i] > 0 and sentence.rstrip().endswith(":"):
                weights[i] *= 1.5
        best = max(range(len(sentences)), key=lambda i: (weights[i], -i))
        heads = _list_heads(text, sentences[best])
        if heads is not None:  # "Følgende betingelser gælder …:" and four long bullets
            return heads
        chosen = [best]
        if best > 0 and (_CONNECTIVE.match(sentences[best]) or said_of[best]):
            chosen.insert(0, best - 1)  # "Men kun 25 pct. …" needs the sentence before it
        size = sum(len(sentences[i]) for i in chosen)
        nxt = chosen[-1] + 1
        in_list = False
        while nxt < len(sentences):
            # a list or an explanation goes on in the next sentences; a numbered or bulleted
            # list that starts in what is taken is kept whole, within reason
            in_list = in_list or bool(_ITEM.match(sentences[nxt]))
            more = any(_ITEM.match(x) for x in sentences[nxt : nxt + 2])
            cap = limit * 1.6 if in_list and more else limit
            if size + len(sentences[nxt]) >= cap:
                break
            chosen.append(nxt)
            size += len(sentences[nxt])
            nxt += 1
        return " ".join(" ".join(sentences[i].split()) for i in chosen)

    def _with_parts(self, stems: tuple[str, ...]) -> dict[str, None]:
        """A sentence's stems and the parts of its compounds, once each (kept per sentence:
        this runs for every sentence of every passage a question finds)."""
        known = self._sentence_parts.get(stems)
        if known is None:
            parts = tuple(p for w in stems for p in _parts(w, self.vocabulary))
            known = self._sentence_parts[stems] = dict.fromkeys(stems + parts)
        return known

    def _headed_block(self, text: str, q: list[str]) -> str | None:
        """The one part of a text under a heading (a short line of its own) that names a
        word of the question no other heading names; None when there is no such part."""
        blocks = _blocks(text)
        if len(blocks) < 2:
            return None
        asked = {w for w in q if len(w) > 2 and not w.isdigit()}
        named = [
            (sum(self.idf.get(w, 0.0) for w in dict.fromkeys(_stems(head)) if w in asked), i)
            for i, (head, _body) in enumerate(blocks)
            if head
        ]
        named = [x for x in named if x[0] > 0]
        if len(named) != 1:
            return None
        head, body = blocks[named[0][1]]
        return head + "\n" + body

    @staticmethod
    def _from_start(sentences: list[str], limit: int) -> str:
        chosen: list[str] = []
        size = 0
        for x in sentences:
            if chosen and size + len(x) >= limit:
                break
            chosen.append(" ".join(x.split()))
            size += len(x)
        return " ".join(chosen)


def _list_heads(text: str, intro: str, limit: int = 600) -> str | None:
    """`intro` ("Følgende betingelser gælder …:") and the heads of the bulleted items after
    it ("• Rettet mod et konkret socialt problem"), when the items in full would not fit
    in `limit`; None when `intro` does not open such a list."""
    if not intro.rstrip().endswith(":"):
        return None
    at = text.find(intro)
    if at < 0:
        return None
    items: list[str] = []
    for para in (p.strip() for p in re.split(r"\n\s*\n|\n(?=\s*•)", text[at + len(intro) :])):
        if not para:
            continue
        if not para.startswith("•"):
            break
        items.append(" ".join(para.split()))
    if len(items) < 2 or sum(len(i) for i in items) <= limit:
        return None
    heads = []
    for item in items:
        head, colon, _rest = item.partition(": ")
        heads.append(head if colon and len(head) <= 90 else _sentences(item)[0])
    return " ".join(intro.split()) + "\n" + "\n".join(heads)


def _is_heading(paragraph: str) -> bool:
    return "\n" not in paragraph and len(paragraph) <= 90 and paragraph[-1] not in ".:;!?,"


def _blocks(text: str) -> list[tuple[str, str]]:
    """A text's parts as (heading, body); the part before the first heading has none."""
    out: list[tuple[str, str]] = []
    head, body = "", list[str]()
    for para in (p.strip() for p in re.split(r"\n\s*\n", text)):
        if not para:
            continue
        if _is_heading(para):
            if head or body:
                out.append((head, "\n".join(body)))
            head, body = para, []
        else:
            body.append(para)
    if head or body:
        out.append((head, "\n".join(body)))
    return out
