"""``scorecard suggest``: sentences of a source that probably state a fact not yet recorded.

A guess to speed reading, never evidence: each sentence of the source's span is scored
against every indicator the rule sets read that has no fact yet for the year the source
reports on, by the indicator's own words (its id, label and description) found in the
sentence; counts and amounts also need a number in it.  Each suggestion carries the
sentence verbatim as its quote and a guessed value, for the curator to check and correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ScorecardError, did_you_mean
from ..loader import load_project
from ..models import Citation, Indicator, IndicatorType
from ..anchor import MAX_QUOTE_CHARS, MIN_QUOTE_CHARS

MIN_SCORE = 3
"""Weight of indicator words a sentence must hold: an id or label word counts 2, a
description word 1, so one strong word and one more, or three weak ones."""
PER_INDICATOR = 3
"""Suggestions kept per indicator, the best scored (in text order)."""

_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their this to was were which with "
    "whether number total any all other per not whose who how what when where than more less each "
    # words of nearly every sentence of a trafficking report: they tell no indicator apart
    "trafficking anti-trafficking human persons government reported report efforts".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(A-Z0-9])|\n\s*\n")
_HEADING = re.compile(r"^\s*[A-Z][A-Z0-9 ,.:;'’()&/-]*\s*$|^\s*[A-Z][A-Z .,'’()-]+:\s*Tier\b.*$")
"""A line in capitals (PROSECUTION), or a country heading of the TIP shape (PERU: Tier 2)."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion))?", re.I)
_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_NUMBER_WORD = re.compile(r"\b(" + "|".join([*_TENS, *_UNITS]) + r")(?:-(" + "|".join(_UNITS) + r"))?\b", re.I)
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


@dataclass
class Suggestion:
    indicator: str
    value: int | float | None
    """a guess from the sentence's first number (None for yes-or-no and enum indicators)"""
    quote: str
    line: int
    words: list[str]
    """the indicator's words found in the sentence, to judge the guess by"""
    score: int
    values: list[str] | None = None
    """an enum indicator's values, worst first, to choose from"""
    status: str = "found"
    """what validation would say of the quote: found, or ambiguous (add prefix/suffix)"""


@dataclass
class SuggestResult:
    source: str
    file: str
    year: int
    country: str
    evidence_path: str | None
    covered: list[str]
    suggestions: list[Suggestion] = field(default_factory=list)


def suggest(root: Path, source_id: str, year: int | None = None) -> SuggestResult:
    loaded = load_project(root, evidence=True)
    project = loaded.project
    if source_id not in project.sources:
        raise ScorecardError(f'source "{source_id}" is not in seeds/sources.yaml{did_you_mean(source_id, project.sources)}')
    source = project.sources[source_id]
    text = project.source_text(source_id)
    if text is None:
        raise ScorecardError(f"seeds/{source.file} cannot be read: it must be a UTF-8 text file inside seeds/ (see `scorecard validate`)")
    if year is None:
        year = int(source.covers.start[:4]) if source.covers else source.published.year if source.published else None
        if year is None:
            raise ScorecardError(f'source "{source_id}" has neither `covers` nor `published`: give --year')
    countries = sorted({doc.data.country for doc in project.evidence} | set(project.country_catalogue))
    country = source.country or (countries[0] if len(countries) == 1 else None)
    if country is None:
        raise ScorecardError(f'source "{source_id}" names no `country`; add it to its catalogue entry')
    docs = [doc for doc in project.evidence if doc.data.country == country and doc.data.year == year]
    covered = sorted({fact.indicator for doc in docs for fact in doc.data.facts})
    open_indicators = [i for i in project.indicators.values() if i.id not in covered]
    region = project.region(source_id, country)  # the parts of the source about the country
    spans = region.spans if region is not None and region.spans else ((0, len(text.text)),)
    result = SuggestResult(source_id, f"seeds/{source.file}", year, country, docs[0].path if docs else None, covered)
    best: dict[str, list[Suggestion]] = {}
    for start, sentence in (found for span in spans for found in _sentences(text.text, *span)):
        quote = " ".join(sentence.split())
        if not MIN_QUOTE_CHARS <= len(quote) <= MAX_QUOTE_CHARS:
            continue
        scored = [(fit, score, words, indicator) for indicator in open_indicators for fit, score, words in [_score(indicator, quote)] if score >= MIN_SCORE]
        if not scored:
            continue
        # the indicator whose own words the sentence holds most completely, then most of;
        # ties go to the first in the vocabulary
        _, score, words, indicator = max(scored, key=lambda s: (s[0], s[1]))
        located = project.locate(Citation(source=source_id, quote=quote), country)
        status = located.status if located is not None else "not_found"
        if status not in ("found", "ambiguous"):
            continue  # a sentence cut where the matcher cannot follow: not worth proposing
        suggestion = Suggestion(indicator.id, _value(indicator, quote), quote, text.line_col(start)[0], words, score,
                                list(indicator.values) if indicator.values else None, status)  # fmt: skip
        best.setdefault(indicator.id, []).append(suggestion)
    for items in best.values():
        items.sort(key=lambda s: -s.score)
        result.suggestions += items[:PER_INDICATOR]
    result.suggestions.sort(key=lambda s: (s.line, s.indicator))
    return result


def _sentences(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, sentence) of the span's sentences, leaving out headings (lines in capitals)
    and what a RECOMMENDATIONS section asks, which is no fact."""
    found: list[tuple[int, str]] = []
    in_recommendations = False
    offset = start
    for line in text[start:end].split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if _HEADING.match(line):
            in_recommendations = "RECOMMENDATION" in line.upper()
            found.append((line_start, ""))  # a heading ends the sentence before it
        elif not in_recommendations:
            found.append((line_start, line))
    sentences: list[tuple[int, str]] = []
    for block_start, block in _blocks(found):
        position = 0
        for boundary in _SENTENCE_END.finditer(block):
            sentences.append((block_start + position, block[position : boundary.start() + 1]))
            position = boundary.end()
        sentences.append((block_start + position, block[position:]))
    return [(at + len(s) - len(s.lstrip()), s.strip()) for at, s in sentences if s.strip()]


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Runs of consecutive kept lines, joined as the source has them (offsets stay exact)."""
    blocks: list[tuple[int, str]] = []
    current: tuple[int, str] | None = None
    for at, line in lines:
        if not line:
            if current is not None:
                blocks.append(current)
            current = None
        elif current is None:
            current = (at, line)
        else:
            current = (current[0], current[1] + "\n" + line)
    if current is not None:
        blocks.append(current)
    return blocks


def _stem(word: str) -> str:
    return word.lower().strip("'’-")[:6]


def _keywords(indicator: Indicator) -> dict[str, int]:
    """Stem -> weight: 2 for the words of the id and label, 1 for the description's."""
    weights: dict[str, int] = {}
    strong = " ".join([*re.split(r"[._]", indicator.id.split(".", 1)[-1]), indicator.label or "", indicator.unit or ""])
    for weight, words in ((1, indicator.description), (2, strong)):
        for word in _WORD.findall(words):
            if len(word) >= 4 and word.lower() not in _STOPWORDS:
                weights[_stem(word)] = max(weights.get(_stem(word), 0), weight)
    return weights


def _score(indicator: Indicator, sentence: str) -> tuple[float, int, list[str]]:
    """(share of the indicator's strong words found, weight of its words found, the words)."""
    keywords = _keywords(indicator)
    seen: dict[str, str] = {}
    for word in _WORD.findall(sentence):
        stem = _stem(word)
        if stem in keywords and stem not in seen and len(word) >= 4:
            seen[stem] = word
    score = sum(keywords[stem] for stem in seen)
    strong = [stem for stem, weight in keywords.items() if weight == 2]
    found = sum(1 for stem in strong if stem in seen)
    if not found:
        return 0.0, 0, []
    numeric = indicator.type in (IndicatorType.COUNT, IndicatorType.AMOUNT, IndicatorType.NUMBER)
    if numeric and _value(indicator, sentence) is None:
        return 0.0, 0, []
    return found / len(strong), score, list(seen.values())


def _value(indicator: Indicator, sentence: str) -> int | float | None:
    """The sentence's first number (digits, with "million" and the like, or words up to
    ninety-nine), as the indicator's type wants it; None for other types."""
    if indicator.type not in (IndicatorType.COUNT, IndicatorType.AMOUNT, IndicatorType.NUMBER):
        return None
    candidates = []
    for found in _DIGITS.finditer(sentence):
        number = float(found.group(1).replace(",", "") + (found.group(2) or "")) * _SCALE.get((found.group(3) or "").lower(), 1)
        if not (indicator.type is IndicatorType.COUNT and 1900 <= number <= 2100 and not found.group(2)):  # a year, not a count
            candidates.append((found.start(), number))
    for found in _NUMBER_WORD.finditer(sentence):
        number = _TENS.get(found.group(1).lower(), _UNITS.get(found.group(1).lower(), 0)) + (_UNITS.get(found.group(2).lower(), 0) if found.group(2) else 0)
        candidates.append((found.start(), float(number)))
    if not candidates:
        return None
    number = min(candidates)[1]
    return int(number) if number.is_integer() and indicator.type is not IndicatorType.NUMBER else number
