"""The curated Peru evidence: which years exist, where quotes land, figures users rely on.

Reads the files with a plain safe loader and the file models, and locates quotes with
``scorecard.anchor``, so it checks the data independently of the project loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorecard.anchor import SourceText
from scorecard.models import EvidenceFile

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "evidence" / "peru"
YEARS = {2004, 2010, 2011, 2013, 2014, 2016, 2017}
PARAGUAY_LINES = 10  # the first lines of tip-2015-peru are the end of the Paraguay chapter


def _load(path: Path) -> object:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


FILES = {int(p.stem): EvidenceFile.model_validate(_load(p)) for p in sorted(EVIDENCE.glob("*.yaml"))}
SOURCES = {s["id"]: s for s in _load(ROOT / "seeds" / "sources.yaml")["sources"]}
CITATIONS = [(year, fact, c) for year, ev in FILES.items() for fact in ev.facts for c in fact.citations]


def value(year: int, indicator: str, period: str | None = None) -> object:
    [fact] = [f for f in FILES[year].facts if f.indicator == indicator and f.period == period]
    return fact.value


def source_text(source_id: str) -> SourceText:
    return SourceText((ROOT / "seeds" / SOURCES[source_id]["file"]).read_text(encoding="utf-8"))


def test_years_present() -> None:
    assert set(FILES) >= YEARS  # and any year curated since
    for year, ev in FILES.items():
        assert (ev.country, ev.year) == ("PER", year)


def test_every_indicator_used_is_declared() -> None:
    declared = {i["id"] for i in _load(ROOT / "rules" / "indicators.yaml")["indicators"]}
    used = {fact.indicator for ev in FILES.values() for fact in ev.facts}
    assert used - declared == set()


def test_one_fact_per_indicator_and_period() -> None:
    for year, ev in FILES.items():
        keys = [(f.indicator, f.period) for f in ev.facts]
        assert len(keys) == len(set(keys)), year


def test_every_quote_is_found_once() -> None:
    texts = {sid: source_text(sid) for sid in {c.source for _, _, c in CITATIONS}}
    for year, fact, c in CITATIONS:
        lookup = texts[c.source].find(c.quote, c.prefix, c.suffix)
        assert lookup.status == "found", (year, fact.indicator, c.quote)


def test_no_tip_2015_citation_lands_in_the_paraguay_lines() -> None:
    text = source_text("tip-2015-peru")
    cited = [(year, c) for year, _, c in CITATIONS if c.source == "tip-2015-peru"]
    assert cited
    for year, c in cited:
        hit = text.find(c.quote, c.prefix, c.suffix).hit
        assert hit is not None and text.line_col(hit.start)[0] > PARAGUAY_LINES, (year, c.quote)


@pytest.mark.parametrize(
    ("year", "indicator", "expected"),
    [
        (2013, "prosecution.convictions", 41),
        (2014, "prosecution.convictions", 19),
        (2014, "prosecution.investigations", 105),
        (2014, "overall.tier", "tier_2"),
        (2016, "prosecution.operations", 764),
        (2016, "prosecution.law_enforcement_budget", 826000),
        (2017, "prosecution.court_decisions", 50),
        (2017, "prosecution.operations", 865),
        (2017, "prosecution.prosecutions", "not_reported"),
        (2017, "funding.national_budget", 11000000),
        (2017, "prosecution.law_enforcement_budget", 7500000),
        (2017, "overall.meets_minimum_standards", False),
        (2010, "prosecution.convictions", 9),
    ],
)
def test_spot_checks(year: int, indicator: str, expected: object) -> None:
    assert value(year, indicator) == expected


def test_pucp_cumulative_figures_carry_their_period() -> None:
    assert value(2011, "prosecution.complaints", "2004-01/2011-07") == 500
    assert value(2011, "prosecution.investigations", "2004-01/2011-11") == 83
    assert value(2010, "protection.victims_identified", "2009-12/2010-12") == 366
