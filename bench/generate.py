"""Generate a deterministic synthetic scorecard project at the scale of the whole TIP Report.

    python bench/generate.py --countries 190 --years 20 --out bench/out/190x20

The project has the layout and file formats of the real one (see
``scorecard/models``), built from the real material of this repository:

- ``seeds/<country>/tip-<year>.txt``: one source text per country-year, about
  40 KB, of sentences recombined from the real seeds (``seeds/*.txt``) with
  their numbers varied and the country renamed; laid out like the real ones
  (a neighbour's chapter tail before the span, headings, hard-wrapped PDF-like
  paragraphs, a recommendations paragraph, blog furniture after the span);
- ``seeds/sources.yaml``: the catalogue, with the SHA-256 and span of every text;
- ``rules/indicators.yaml``: the real vocabulary, copied byte for byte;
- ``rules/synthetic/<country>.yaml``: per country, ~10 recommendations (cited in
  the country's first report) with ~3 criteria each over real indicators;
- ``evidence/<country>/<year>.yaml``: per country-year, ~50 facts whose quotes
  are unique in their source text; a few per cent only match after
  normalisation (a line break quoted as a space, a curly apostrophe
  straightened), some cite the next year's report, some cite two passages.

Pure stdlib + PyYAML (used only to read the indicator vocabulary); it does not
import ``scorecard``.  Deterministic: the same arguments and the same input
files (the seeds, ``rules/indicators.yaml`` and this script) give the same
bytes; the work is split over processes by country, each with its own
``random.Random`` seeded from ``(--seed, country)``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
INDICATORS = REPO / "rules" / "indicators.yaml"
MARKER = ".bench.json"
"""A generated project's parameters; ``--out`` is only ever cleared when it holds one."""

FIRST_YEAR = 2001
TEXT_BYTES = 40_000
FACTS = (47, 53)  # facts per evidence file, inclusive range
RECOMMENDATIONS = 10
CRITERIA = (2, 4)
NORMALISED_SHARE = 0.03  # quotes that only match after normalisation
NEXT_YEAR_SHARE = 0.05  # facts that cite the next year's report ("865 in 2017 (764 in 2016)")
SECOND_CITATION_SHARE = 0.10
NOT_REPORTED_SHARE = 0.05
PERIOD_SHARE = 0.05
WRAPPED_SHARE = 0.3  # paragraphs hard-wrapped as in text extracted from a PDF

# ----------------------------------------------------------------------------
# The material: sentences of the real seeds, recommendations, indicators
# ----------------------------------------------------------------------------

# The nine recommendations of the 2015 TIP Report for Peru (seed tip-2015-peru,
# lines 45-55), and more in the same style from the other seeds' findings.
RECOMMENDATION_POOL: list[tuple[str, str, str]] = [
    ("Fund and widen specialised victim services, with NGOs", "protection",
     "increase funding for and access to specialized, comprehensive services for all victims, including adults and victims outside the capital, in partnership with NGOs"),
    ("Prosecute and convict complicit officials", "prosecution",
     "follow through on investigations of trafficking-related complicity by prosecuting and convicting officials guilty of such crimes"),
    ("Investigate, prosecute and convict more traffickers", "prosecution",
     "significantly increase efforts to investigate and prosecute trafficking offenses and convict and punish trafficking offenders, especially for forced labor"),
    ("Proactive labour trafficking investigations", "prosecution",
     "initiate proactive labor trafficking investigations through enhanced partnerships between law enforcement officials, labor officials, and civil society organizations"),
    ("Victim-centred identification and referral", "protection",
     "create and implement victim-centered identification and referral mechanisms that focus on avoiding re-victimization and coordinating interagency efforts, including during law enforcement operations"),
    ("Systematic training in victim identification", "protection",
     "establish systematic training efforts to improve victim identification by government officials"),
    ("Oversee raids and victim screening", "protection",
     "verify through ongoing oversight that police and prosecutors conduct intelligence-based raids and employ effective victim screening and referrals"),
    ("Dedicated anti-trafficking budgets", "prevention",
     "dedicate funding in ministry and regional government budgets to carry out anti-trafficking responsibilities"),
    ("Improve data collection", "prevention",
     "improve data collection on trafficking cases, victims assisted and sentences imposed"),
    ("Keep a complete register of trafficking cases", "prosecution",
     "keep a complete and reliable register of trafficking complaints, investigations, prosecutions and sentences shared by police, prosecutors and courts"),
    ("Shelters for adult women and girls", "protection",
     "open and fund shelters for adult women and girls who are victims of trafficking, in every region where victims are identified"),
    ("Resources and handbooks for labour inspectors", "prosecution",
     "give labor inspectors the resources, handbooks and training to identify forced labor in mining, logging and agriculture"),
    ("Implement the national action plan", "prevention",
     "implement the national action plan against trafficking in persons with a dedicated budget and a public assessment of its results"),
    ("Protocol for victim assistance", "protection",
     "adopt and apply a single protocol for the assistance and reintegration of victims across ministries"),
    ("Sentences commensurate with the crime", "prosecution",
     "ensure that convicted traffickers receive sentences commensurate with the gravity of the crime instead of lesser charges"),
    ("Monitor migration at the borders", "prevention",
     "strengthen the monitoring of migration flows at border crossings to prevent trafficking of migrants"),
]

_HEADING = re.compile(r"^[A-Z][A-Z .:,0-9()-]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")


def seed_sentences() -> list[str]:
    """Every usable sentence of the real seeds, in a fixed order.

    Headings, tier lines and the recommendations paragraph are left out (the
    generator writes its own), and so are fragments too short to be sentences.
    """
    out: list[str] = []
    seen: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        kept: list[str] = []
        skipping = False
        for line in path.read_text(encoding="utf-8").split("\n"):
            stripped = line.strip()
            if stripped.startswith("RECOMMENDATIONS FOR"):
                skipping = True
                continue
            if _HEADING.match(stripped) or ": Tier" in stripped:
                skipping = False
                kept.append("")
                continue
            if not skipping:
                kept.append(stripped)
        flat = " ".join(" ".join(kept).split())
        for sentence in _SENTENCE_END.split(flat):
            sentence = sentence.strip()
            words = sentence.split()
            if not 40 <= len(sentence) <= 400 or len(words) < 7 or sentence in seen:
                continue
            if "|" in sentence or "http" in sentence or not sentence[-1] in ".!?":
                continue
            seen.add(sentence)
            out.append(sentence)
    return out


def _yaml12_loader() -> type:
    """PyYAML's C loader with YAML 1.2 booleans (``no``, ``on`` stay strings)."""

    class Loader(yaml.CSafeLoader):  # type: ignore[misc,valid-type]
        pass

    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in value if tag != "tag:yaml.org,2002:bool"]
        for key, value in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
    return Loader


def load_indicators() -> list[dict]:
    data = yaml.load(INDICATORS.read_bytes(), Loader=_yaml12_loader())
    return [item for item in data["indicators"]]


# ----------------------------------------------------------------------------
# Countries
# ----------------------------------------------------------------------------

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]  # 70
_ENDINGS = ["via", "nia", "ria", "stan", "land", "dor", "lia", "tia"]


@dataclass(frozen=True)
class Country:
    index: int
    code: str
    name: str

    @property
    def slug(self) -> str:
        return self.name.lower()

    @property
    def demonym(self) -> str:
        return self.name + ("n" if self.name.endswith("a") else "i" if self.name.endswith("stan") else "ian")

    @property
    def capital(self) -> str:
        return self.name[:3] + "opolis"


def country(index: int) -> Country:
    """``AAA``, ``AAB``, ... with a made-up name unique for the index."""
    if not 0 <= index < 26**3:
        raise ValueError("at most 17576 countries")
    code = "".join(chr(65 + (index // 26**k) % 26) for k in (2, 1, 0))
    n = len(_SYLLABLES)
    # (index % n, (31 * (index // n) + 17 * index + 11) % n) is one-to-one below n * n
    first = _SYLLABLES[index % n]
    second = _SYLLABLES[(31 * (index // n) + 17 * index + 11) % n]
    # a third syllable keeps names unique past 70 * 70 countries
    third = _SYLLABLES[index // len(_SYLLABLES) ** 2] if index >= len(_SYLLABLES) ** 2 else ""
    name = (first + second + third + _ENDINGS[index % len(_ENDINGS)]).capitalize()
    return Country(index, code, name)


def source_id(c: Country, year: int) -> str:
    """The report published in ``year + 1`` about ``year``."""
    return f"tip-{year + 1}-{c.slug}"


def source_file(c: Country, year: int) -> str:
    return f"{c.slug}/tip-{year + 1}.txt"


# ----------------------------------------------------------------------------
# Texts
# ----------------------------------------------------------------------------

_COARSE_SPACE = re.compile(r"\s+")
_COARSE_FOLD = re.compile(r"[^\x00-\x7f]|['\"-]")


def coarse(text: str) -> str:
    """A normalisation at least as coarse as ``scorecard.anchor``'s.

    Whitespace is removed and every non-ASCII character, quote and hyphen is
    folded to one character.  Passages equal under the tool's normalisation
    are equal under this one, so a quote that occurs once here occurs at most
    once for the tool (and at least once, since it is taken from the text).
    """
    return _COARSE_FOLD.sub("\x01", _COARSE_SPACE.sub("", text))


@dataclass
class Sentence:
    start: int  # offset in the text
    end: int
    placed: str  # as it appears in the text, line breaks included
    paragraph: int


@dataclass
class Text:
    source: str
    body: str = ""
    sentences: list[Sentence] = field(default_factory=list)  # inside the span, quotable
    recommendations: list[str] = field(default_factory=list)  # as placed, in order
    recommendation_offsets: list[int] = field(default_factory=list)
    span_start: str = ""
    span_end: str = ""
    _coarse: str | None = None
    used: set[int] = field(default_factory=set)

    @property
    def coarse(self) -> str:
        if self._coarse is None:
            self._coarse = coarse(self.body)
        return self._coarse

    def unique(self, quote: str) -> bool:
        return self.coarse.count(coarse(quote)) == 1


class Rewriter:
    """Recasts a seed sentence for a country and a year: names and numbers."""

    def __init__(self, rng: random.Random, c: Country, neighbour: Country, year: int):
        self.rng = rng
        self.year = year
        names = {
            "Peruvians": c.demonym + "s", "Peruvian": c.demonym, "Peru": c.name, "PERU": c.name.upper(),
            "Perd": c.name, "Perú": c.name, "Lima": c.capital,
            "Paraguayans": neighbour.demonym + "s", "Paraguayan": neighbour.demonym, "Paraguay": neighbour.name,
        }
        self.names = names
        self.name_re = re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")

    def _number(self, m: re.Match[str]) -> str:
        token = m.group()
        rng = self.rng
        if _YEAR.fullmatch(token):
            return str(rng.randint(self.year - 4, self.year + 1))
        out = []
        for i, ch in enumerate(token):
            if ch.isdigit():
                lead = i == 0 or not token[i - 1].isdigit()
                out.append(str(rng.randint(1 if lead and len(token) > 1 else 0, 9)))
            else:
                out.append(ch)
        return "".join(out)

    def __call__(self, sentence: str) -> str:
        sentence = self.name_re.sub(lambda m: self.names[m.group()], sentence)
        return _NUMBER.sub(self._number, sentence)


def _wrap(paragraph: str, rng: random.Random) -> str:
    """Hard-wrap at ~110 columns by turning spaces into line breaks (offsets do not move)."""
    chars = list(paragraph)
    width = rng.randint(95, 120)
    line_start = 0
    last_space = -1
    for i, ch in enumerate(chars):
        if ch == " ":
            last_space = i
        if i - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start = last_space + 1
    return "".join(chars)


def build_text(rng: random.Random, pool: list[str], c: Country, neighbour: Country, year: int,
               recommendations: list[str]) -> Text:
    """One country-year report: a neighbour's tail, the chapter (the span), furniture."""
    text = Text(source=source_id(c, year))
    rewrite = Rewriter(rng, c, neighbour, year)
    order = list(range(len(pool)))
    rng.shuffle(order)
    cursor = 0

    def draw() -> str:
        nonlocal cursor
        if cursor == len(order):
            rng.shuffle(order)
            cursor = 0
        cursor += 1
        return rewrite(pool[order[cursor - 1]])

    parts: list[str] = []
    offset = 0

    def emit(chunk: str) -> int:
        nonlocal offset
        at = offset
        parts.append(chunk)
        offset += len(chunk)
        return at

    paragraph_no = 0

    def paragraph(n: int, quotable: bool, wrapped: bool | None = None) -> None:
        nonlocal paragraph_no
        sentences = [draw() for _ in range(n)]
        flat = " ".join(sentences)
        if wrapped is None:
            wrapped = rng.random() < WRAPPED_SHARE
        body = _wrap(flat, rng) if wrapped else flat
        at = emit(body + "\n")
        paragraph_no += 1
        if quotable:
            pos = 0
            for s in sentences:
                text.sentences.append(Sentence(at + pos, at + pos + len(s), body[pos:pos + len(s)], paragraph_no))
                pos += len(s) + 1

    emit(f"{c.name.upper()} \u2014 SYNTHETIC TRAFFICKING IN PERSONS REPORT {year + 1}\n")
    emit("PREVENTION\n")
    paragraph(rng.randint(4, 7), quotable=False)  # the end of the neighbour's chapter
    tier = rng.choice(["1", "2", "2 Watch List", "3"])
    text.span_start = f"{c.name.upper()}: Tier {tier}"
    emit(text.span_start + "\n")
    for _ in range(rng.randint(2, 3)):
        paragraph(rng.randint(4, 8), quotable=True)
    emit(f"RECOMMENDATIONS FOR {c.name.upper()}:\n")
    placed = [recommendations[0][:1].upper() + recommendations[0][1:]] + recommendations[1:-1]
    placed.append("and " + recommendations[-1])
    flat = "; ".join(placed) + "."
    body = _wrap(flat, rng)
    at = emit(body + "\n")
    pos = 0
    for i, rec in enumerate(placed):
        start = pos + (4 if i == len(placed) - 1 else 0)
        quote_len = len(rec) - (4 if i == len(placed) - 1 else 0)
        text.recommendations.append(body[start:start + quote_len])
        text.recommendation_offsets.append(at + start)
        pos += len(rec) + 2
    sections = ["PROSECUTION", "PROTECTION", "PREVENTION"]
    budget = TEXT_BYTES - 200
    share = (budget - offset) // len(sections)
    for i, heading in enumerate(sections):
        emit(heading + "\n")
        limit = offset + share if i < len(sections) - 1 else budget
        while offset < limit:
            paragraph(rng.randint(3, 8), quotable=True)
    # The closing sentence ends the span; its last words, found once in the text, are the span's end.
    before = coarse("".join(parts))  # coarse() commutes with concatenation
    while True:
        closing = draw()
        words = closing.split(" ")
        if closing.count(".") == 1 and len(words) >= 8:
            phrase = " ".join(words[-5:])
            if (before + coarse(closing)).count(coarse(phrase)) == 1:
                break
    emit(closing + "\n")
    text.span_end = phrase
    emit(rng.choice(["No comments:\nPost a Comment\n", "Download the full report\nComments\n", ""]))
    text.body = "".join(parts)
    return text


# ----------------------------------------------------------------------------
# Quotes
# ----------------------------------------------------------------------------

_CURLY = "\u2019"


def pick_quote(rng: random.Random, text: Text, normalised: bool) -> str | None:
    """A quote of an unused sentence of ``text`` that occurs once in it.

    Verbatim: a whole sentence on one line, or a run of its words.  Normalised:
    a sentence across a line break quoted with a space, or a curly apostrophe
    straightened.  None when the text has no such sentence left.
    """
    candidates = text.sentences
    for _ in range(200):
        i = rng.randrange(len(candidates))
        if i in text.used:
            continue
        s = candidates[i]
        if normalised:
            if "\n" in s.placed:
                quote = " ".join(s.placed.split())
            elif _CURLY in s.placed:
                quote = s.placed.replace(_CURLY, "'")
            else:
                continue
        else:
            if "\n" in s.placed:
                continue
            quote = s.placed
            words = quote.split(" ")
            if len(words) > 14 and rng.random() < 0.3:  # part of a sentence
                a = rng.randint(0, len(words) - 10)
                b = rng.randint(a + 8, len(words))
                quote = " ".join(words[a:b])
        if len(quote) > 400 or not text.unique(quote):
            continue
        text.used.add(i)
        return quote
    return None


# ----------------------------------------------------------------------------
# YAML writing (block style, as a curator writes it)
# ----------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-/]*$")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"}


def scalar(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        assert "e" not in text and "n" not in text, text
        return text
    assert isinstance(value, str)
    if _PLAIN.match(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def flow(mapping: dict) -> str:
    items = []
    for key, value in mapping.items():
        if isinstance(value, list):
            items.append(f"{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            items.append(f"{key}: {scalar(value)}")
    return "{" + ", ".join(items) + "}"


# ----------------------------------------------------------------------------
# Facts, rule sets
# ----------------------------------------------------------------------------

_NUMBERS = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?")


def fact_value(rng: random.Random, indicator: dict, quote: str) -> object:
    kind = indicator["type"]
    if rng.random() < NOT_REPORTED_SHARE:
        return "not_reported"
    numbers = [n for n in _NUMBERS.findall(quote) if not _YEAR.fullmatch(n)]
    if kind == "count":
        for n in numbers:
            if "." not in n:
                return int(n.replace(",", ""))
        return rng.randint(0, 400)
    if kind == "amount":
        return rng.randint(10, 5000) * 1000 if rng.random() < 0.7 else round(rng.uniform(1e4, 5e6), 2)
    if kind == "number":
        for n in numbers:
            return float(n.replace(",", "")) if "." in n else int(n.replace(",", ""))
        return round(rng.uniform(0, 100), 1)
    if kind == "enum":
        return rng.choice(indicator["values"])
    if kind == "boolean":
        return rng.random() < 0.5
    raise ValueError(f"unknown indicator type {kind}")


def evidence_yaml(rng: random.Random, c: Country, year: int, texts: dict[int, Text], indicators: list[dict]) -> str:
    own = texts[year]
    later = texts.get(year + 1)
    n_facts = rng.randint(*FACTS)
    chosen = rng.sample(indicators, min(n_facts, len(indicators)))
    lines = [
        f"# Synthetic evidence for {c.name} ({c.code}), {year}: generated by bench/generate.py.",
        f"country: {c.code}",
        f"year: {year}",
        "facts:",
    ]
    for indicator in chosen:
        citations = []
        n_cite = 2 if rng.random() < SECOND_CITATION_SHARE else 1
        for k in range(n_cite):
            text = later if later is not None and (k == 1 or rng.random() < NEXT_YEAR_SHARE) else own
            quote = pick_quote(rng, text, normalised=rng.random() < NORMALISED_SHARE)
            if quote is None:
                quote = pick_quote(rng, text, normalised=False)
            if quote is None:
                continue
            citations.append((text.source, quote))
        if not citations:
            continue
        value = fact_value(rng, indicator, citations[0][1])
        lines.append(f"  - indicator: {indicator['id']}")
        lines.append(f"    value: {scalar(value)}")
        if rng.random() < PERIOD_SHARE:
            lines.append(f"    period: \"{year - 1}-04/{year}-03\"")
        if rng.random() < 0.15:
            lines.append(f"    note: {scalar('Figure as given in the ' + str(year + 1) + ' report; the source counts cases, not people.')}")
        lines.append("    citations:")
        for source, quote in citations:
            lines.append(f"      - source: {source}")
            lines.append(f"        quote: {scalar(quote)}")
    return "\n".join(lines) + "\n"


def condition(rng: random.Random, indicator: dict) -> dict:
    kind = indicator["type"]
    ident = indicator["id"]
    if kind == "boolean":
        return rng.choice([{"op": "eq", "indicator": ident, "value": True},
                           {"op": "ne", "indicator": ident, "value": False},
                           {"op": "reported", "indicator": ident}])
    if kind == "enum":
        values = indicator["values"]
        return rng.choice([{"op": "gte", "indicator": ident, "value": values[len(values) // 2]},
                           {"op": "eq", "indicator": ident, "value": values[-1]},
                           {"op": "in", "indicator": ident, "values": values[-2:]},
                           {"op": "increased", "indicator": ident}])
    threshold = rng.randint(1, 50) if kind == "count" else rng.randint(1, 100) * 1000 if kind == "amount" else 5
    return rng.choice([{"op": "gte", "indicator": ident, "value": threshold},
                       {"op": "gt", "indicator": ident, "value": 0},
                       {"op": "increased", "indicator": ident},
                       {"op": "increased", "indicator": ident, "min_change": 0.1},
                       {"op": "reported", "indicator": ident},
                       {"op": "lte", "indicator": ident, "value": threshold * 10}])


def ruleset_yaml(rng: random.Random, c: Country, first_year: int, recs: list[tuple[str, str, str]],
                 text: Text, indicators: list[dict]) -> str:
    by_pillar: dict[str, list[dict]] = {}
    for ind in indicators:
        by_pillar.setdefault(ind["pillar"], []).append(ind)
    lines = [
        "# Synthetic rule set: generated by bench/generate.py.",
        f"id: {c.slug}",
        f"title: {scalar('Synthetic Trafficking in Persons Report ' + str(first_year + 1) + ' — recommendations for ' + c.name)}",
        f"issuer: {scalar('Synthetic issuer (benchmark)')}",
        f"issued: {first_year + 1}-06-27",
        f"version: \"{rng.randint(1, 3)}\"",
        f"source: {text.source}",
        f"country: {c.code}",
        f"description: {scalar('What ' + c.name + ' was asked to do, scored per year against the synthetic evidence.')}",
    ]
    if rng.random() < 0.3:
        lines += ["policy:", "  partial_threshold: 0.34"]
    lines.append("recommendations:")
    for number, ((title, pillar, _words), placed) in enumerate(zip(recs, text.recommendations), 1):
        wording = placed[:1].upper() + placed[1:]
        lines += [
            "",
            f"  - id: R{number}",
            f"    title: {scalar(title)}",
            f"    text: {scalar(' '.join(wording.split()))}",
        ]
        if text.unique(placed):
            lines += ["    citation:", f"      source: {text.source}", f"      quote: {scalar(' '.join(placed.split()))}"]
        lines.append(f"    pillar: {pillar}")
        if rng.random() < 0.2:
            lines.append("    weight: 2")
        lines.append("    criteria:")
        candidates = by_pillar.get(pillar) or indicators
        n = min(rng.randint(*CRITERIA), len(candidates))
        for k, ind in enumerate(rng.sample(candidates, n), 1):
            cond = condition(rng, ind)
            last = ind["id"].split(".")[-1].replace("_", "-")
            lines += [
                f"      - id: {scalar((f'c{k}-' + last)[:40])}",
                f"        description: {scalar('The figure for ' + ind['id'] + ' meets the recommendation.')}",
                f"        rationale: {scalar('Synthetic criterion over ' + ind['id'] + ' (' + ind['type'] + ').')}",
            ]
            if rng.random() < 0.15 and cond["op"] not in ("in",):
                other = rng.choice(candidates)
                lines += ["        condition:", f"          op: {rng.choice(['any', 'all'])}", "          conditions:",
                          f"            - {flow(cond)}", f"            - {flow(condition(rng, other))}"]
            else:
                lines.append(f"        condition: {flow(cond)}")
            if rng.random() < 0.1:
                lines.append("        weight: 0.5")
            if rng.random() < 0.05:
                lines.append("        cap: partial")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------
# One country (runs in a worker process)
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    out: str
    seed: int
    index: int
    countries: int
    years: int


_POOL: list[str] | None = None
_INDICATORS: list[dict] | None = None


def _material() -> tuple[list[str], list[dict]]:
    global _POOL, _INDICATORS
    if _POOL is None or _INDICATORS is None:
        _POOL = seed_sentences()
        _INDICATORS = load_indicators()
    return _POOL, _INDICATORS


def generate_country(job: Job) -> list[str]:
    """Write one country's texts, rule set and evidence; return its catalogue entries."""
    pool, indicators = _material()
    out = Path(job.out)
    c = country(job.index)
    neighbour = country((job.index - 1) % job.countries if job.countries > 1 else job.index + 1)
    rng = random.Random(f"scorecard-bench:{job.seed}:{c.code}")
    recs = rng.sample(RECOMMENDATION_POOL, RECOMMENDATIONS)
    years = [FIRST_YEAR + k for k in range(job.years)]
    texts: dict[int, Text] = {}
    entries: list[str] = []
    folder = out / "seeds" / c.slug
    folder.mkdir(parents=True, exist_ok=True)
    for year in years:
        text = build_text(rng, pool, c, neighbour, year, [r[2] for r in recs])
        texts[year] = text
        raw = text.body.encode("utf-8")
        (out / "seeds" / source_file(c, year)).write_bytes(raw)
        entries.append("\n".join([
            f"  - id: {text.source}",
            f"    file: {source_file(c, year)}",
            f"    title: {scalar(f'Synthetic Trafficking in Persons Report {year + 1} — {c.name}')}",
            "    publisher: Synthetic publisher (benchmark)",
            f"    published: {year + 1}-06-27",
            f"    covers: {{start: \"{year}-04\", end: \"{year + 1}-03\"}}",
            f"    country: {c.code}",
            f"    original_name: {rng.randrange(1000):03d}_{hashlib.sha256(raw).hexdigest()[:16]}.txt",
            f"    sha256: {hashlib.sha256(raw).hexdigest()}",
            "    span:",
            f"      start: {scalar(text.span_start)}",
            f"      end: {scalar(text.span_end)}",
        ]))
    rules = out / "rules" / "synthetic"
    rules.mkdir(parents=True, exist_ok=True)
    (rules / f"{c.slug}.yaml").write_text(ruleset_yaml(rng, c, years[0], recs, texts[years[0]], indicators), encoding="utf-8")
    evidence = out / "evidence" / c.slug
    evidence.mkdir(parents=True, exist_ok=True)
    for year in years:
        (evidence / f"{year}.yaml").write_text(evidence_yaml(rng, c, year, texts, indicators), encoding="utf-8")
    return entries


# ----------------------------------------------------------------------------
# The project
# ----------------------------------------------------------------------------


def fingerprint() -> str:
    """SHA-256 over this script and its inputs: a generated project is reused only when equal."""
    digest = hashlib.sha256()
    for path in [Path(__file__).resolve(), INDICATORS, *sorted(SEEDS.glob("*.txt"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def parameters(countries: int, years: int, seed: int) -> dict:
    return {"countries": countries, "years": years, "seed": seed, "generator": fingerprint()}


def is_current(out: Path, countries: int, years: int, seed: int) -> bool:
    """Whether ``out`` holds a complete project generated with these parameters."""
    try:
        return json.loads((out / MARKER).read_text()) == parameters(countries, years, seed)
    except (OSError, ValueError):
        return False


def generate(out: Path, countries: int, years: int, seed: int = 0, processes: int | None = None) -> Path:
    if countries < 1 or years < 1:
        raise ValueError("need at least one country and one year")
    out = Path(out)
    if out.exists():
        if (out / MARKER).is_file() or (out / "scorecard.yaml").is_file() and (out / "rules" / "synthetic").is_dir():
            shutil.rmtree(out)
        elif any(out.iterdir()):
            raise SystemExit(f"{out} is not empty and is not a generated project; not touching it")
    out.mkdir(parents=True, exist_ok=True)
    first = country(0)
    (out / "scorecard.yaml").write_text(
        "# Synthetic benchmark project: generated by bench/generate.py.\n"
        f"name: Synthetic scorecard benchmark ({countries} countries x {years} years, seed {seed})\n"
        f"default_ruleset: {first.slug}\n",
        encoding="utf-8",
    )
    (out / "rules").mkdir(exist_ok=True)
    shutil.copyfile(INDICATORS, out / "rules" / "indicators.yaml")
    (out / "seeds").mkdir(exist_ok=True)
    jobs = [Job(str(out), seed, i, countries, years) for i in range(countries)]
    processes = processes or min(os.cpu_count() or 1, max(1, countries // 4))
    if processes > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = list(pool.imap(generate_country, jobs, chunksize=1))
    else:
        results = [generate_country(job) for job in jobs]
    with (out / "seeds" / "sources.yaml").open("w", encoding="utf-8") as f:
        f.write("# Synthetic source catalogue: generated by bench/generate.py.\nsources:\n")
        for entries in results:
            for entry in entries:
                f.write(entry + "\n\n")
    (out / MARKER).write_text(json.dumps(parameters(countries, years, seed), indent=2) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--countries", type=int, default=10)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--out", type=Path, required=True, help="project folder (cleared if it holds a generated project)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--processes", type=int, default=None, help="worker processes (default: one per core)")
    args = parser.parse_args(argv)
    generate(args.out, args.countries, args.years, args.seed, args.processes)
    print(f"generated {args.countries} countries x {args.years} years in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
