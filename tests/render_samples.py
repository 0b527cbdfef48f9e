"""Hand-written results for the renderer tests, with hostile text in every field that can hold it.

The hostile strings, each aimed at one output format:

- ``HOSTILE_TITLE``: a Markdown cell separator and a line break (breaks pipe tables).
- ``SCRIPT``: raw HTML with a script (HTML and Markdown memos).
- ``LATEX``: every LaTeX special that matters in a tabular.
- ``FORMULA`` and ``ARITHMETIC``: spreadsheet formula injection through CSV.
- ``ANSI``: a terminal escape that clears the screen.
"""

from __future__ import annotations

import datetime as dt

from scorecard.models import (
    CitationRef,
    Coverage,
    CoverageGap,
    CriterionResult,
    FactUsed,
    Pillar,
    Progress,
    ProgressRow,
    Provenance,
    RecommendationResult,
    Scorecard,
    Source,
    Status,
    Totals,
    Trend,
    Truth,
)

HOSTILE_TITLE = "Prosecute | convict\ncomplicit officials"
SCRIPT = "<script>alert(1)</script>"
LATEX = "50% & $x_1$ {#}"
FORMULA = '=HYPERLINK("http://x")'
ARITHMETIC = "-2+3"
ANSI = "\x1b[2J"

PROSECUTION = "tip-2018-peru-prosecution"
PROTECTION = "tip-2018-peru-protection"
PUCP = "pucp-2011-report"

Q_CONVICTIONS = CitationRef(
    source=PROSECUTION,
    quote=f"The government convicted 12 traffickers in 2017 {SCRIPT} compared with 9 in 2016.",
    line=4,
    col=12,
    title="Trafficking in Persons Report 2018: Peru | Prosecution",
    heading="Prosecution",
)
Q_OFFICIALS = CitationRef(
    source=PROSECUTION,
    quote="The government did not report any investigations, prosecutions, or convictions of "
    "government employees complicit in trafficking offenses, despite continued reports of "
    "officials facilitating the crime in mining areas.",
    line=31,
    title="Trafficking in Persons Report 2018: Peru | Prosecution",
)
Q_BUDGET = CitationRef(
    source=PROTECTION,
    quote=f"The government allocated {LATEX} more to shelters;{ANSI} funding remained inadequate.",
    line=7,
    title="Trafficking in Persons Report 2018: Peru — Protection",
    heading="Protection",
)
Q_SHELTERS = CitationRef(
    source=PROTECTION,
    quote="There were 4 dedicated shelters for female victims.",
    line=12,
    title="Trafficking in Persons Report 2018: Peru — Protection",
)
Q_PUCP = CitationRef(
    source=PUCP,
    quote=f"{FORMULA} [^1] *emphasis* # not a heading",
    line=88,
    title=None,
)
Q_UNCATALOGUED = CitationRef(source="ngo-letter-2017", quote=ARITHMETIC, line=2)

PROVENANCE = Provenance(
    tool_version="0.1.0",
    ruleset_version="2015.1",
    ruleset_sha256="a" * 64,
    sources={PROSECUTION: "1" * 64, PROTECTION: "2" * 64, PUCP: "3" * 64, "ngo-letter-2017": "4" * 64},
)

OFFICIALS = RecommendationResult(
    id="prosecute-officials",
    title=HOSTILE_TITLE,
    text="Vigorously investigate, prosecute, and convict traffickers, including complicit "
    "officials, and sentence convicted traffickers to adequate penalties.",
    pillar=Pillar.PROSECUTION,
    status=Status.PARTIAL,
    score=0.5,
    held=1,
    assessed=2,
    total=2,
    criteria=[
        CriterionResult(
            id="convictions-increased",
            description="Convictions increased on the previous year",
            truth=Truth.TRUE,
            explanation="12 convictions in 2017, up from 9 in 2016.",
            facts=[
                FactUsed(
                    indicator="prosecution.convictions",
                    year=2017,
                    value=12,
                    unit="convictions",
                    path="evidence/PER/2017.yaml",
                    citations=[Q_CONVICTIONS],
                ),
            ],
        ),
        CriterionResult(
            id="officials-convicted",
            description="At least one complicit official convicted",
            truth=Truth.FALSE,
            cap="partial",
            explanation="The government did not report convictions of complicit officials.",
            facts=[
                FactUsed(
                    indicator="complicity.officials_convicted",
                    year=2017,
                    value="not_reported",
                    note=f"Reported as absent, not as zero.{ANSI} Line\rover",
                    path="evidence/PER/2017.yaml",
                    citations=[Q_OFFICIALS],
                ),
            ],
        ),
    ],
    citations=[Q_CONVICTIONS, Q_OFFICIALS],
    explanation="1 of 2 criteria hold: convictions-increased.",
    coverage=1.0,
)

SHELTERS = RecommendationResult(
    id="fund-shelters",
    title=f"Fund {LATEX} shelters",
    text=f"Increase funding for victim services {SCRIPT}, including shelters.",
    pillar=Pillar.PROTECTION,
    status=Status.MET,
    score=1.0,
    held=2,
    assessed=2,
    total=2,
    criteria=[
        CriterionResult(
            id="budget-increased",
            description="The national budget for victim services increased",
            truth=Truth.TRUE,
            weight=2.0,
            explanation="Funding increased.",
            facts=[
                FactUsed(
                    indicator="funding.national_budget",
                    year=2017,
                    value=1500000.5,
                    unit="PEN",
                    period="2017-01/2017-12",
                    path="evidence/PER/2017.yaml",
                    citations=[Q_BUDGET],
                ),
            ],
        ),
        CriterionResult(
            id="shelters",
            description="At least 3 dedicated shelters",
            truth=Truth.TRUE,
            explanation="4 dedicated shelters.",
            facts=[
                FactUsed(
                    indicator="protection.dedicated_shelters",
                    year=2017,
                    value=4,
                    path="evidence/PER/2017.yaml",
                    # The same quote twice: one footnote, referenced twice.
                    citations=[Q_SHELTERS, Q_BUDGET],
                ),
            ],
        ),
    ],
    citations=[Q_BUDGET, Q_SHELTERS],
    explanation="2 of 2 criteria hold.",
    coverage=1.0,
)

FORMULAS = RecommendationResult(
    id="training",
    title=FORMULA,
    text=f"{ARITHMETIC} Train police, prosecutors and judges.",
    pillar=Pillar.PREVENTION,
    status=Status.UNMET,
    score=0.0,
    held=0,
    assessed=1,
    total=3,
    criteria=[
        CriterionResult(
            id="training-held",
            description="Training was held",
            truth=Truth.FALSE,
            explanation=ARITHMETIC,
            facts=[
                FactUsed(
                    indicator="prevention.training_held",
                    year=2017,
                    value=False,
                    path="evidence/PER/2017.yaml",
                    citations=[Q_PUCP],
                ),
            ],
        ),
        CriterionResult(id="judges", description="Judges trained", truth=Truth.UNKNOWN, explanation="No evidence."),
        CriterionResult(id="police", description="Police trained", truth=Truth.UNKNOWN, explanation="No evidence."),
    ],
    # More citations than the table shows, one repeated at the same line, one uncatalogued.
    citations=[Q_PUCP, Q_CONVICTIONS, Q_CONVICTIONS, Q_SHELTERS, Q_UNCATALOGUED],
    explanation="0 of 1 assessed criteria hold.",
    coverage=1 / 3,
)

DATA = RecommendationResult(
    id="unified-data",
    title="Establish a unified case-tracking system",
    text="Establish a unified system for collecting and reporting data on trafficking cases.",
    pillar=Pillar.PARTNERSHIP,
    status=Status.NOT_ASSESSED,
    score=None,
    held=0,
    assessed=0,
    total=1,
    criteria=[
        CriterionResult(
            id="system-operational",
            description="A unified case system is operational",
            truth=Truth.UNKNOWN,
            explanation="No evidence for 2017.",
        ),
    ],
    citations=[],
    explanation="No criterion could be assessed: no evidence.",
)

SCORECARD = Scorecard(
    ruleset="tip-2015-peru",
    title="TIP Report 2015: recommendations to Peru",
    country="PER",
    year=2017,
    results=[OFFICIALS, SHELTERS, FORMULAS, DATA],
    totals=Totals(met=1, partial=1, unmet=1, not_assessed=1, score=0.5),
    provenance=PROVENANCE,
)

EMPTY_SCORECARD = Scorecard(
    ruleset="tip-2015-peru",
    title="TIP Report 2015: recommendations to Peru",
    country="PER",
    year=2030,
    results=[DATA.model_copy(update={"id": "only"})],
    totals=Totals(not_assessed=1),
    provenance=PROVENANCE.model_copy(update={"sources": {}}),
)

SOURCES = [
    Source(
        id=PUCP,
        file="pucp-2011.txt",
        title=f"Informe sobre trata de personas {LATEX}",
        publisher="Pontificia Universidad Católica del Perú",
        published=dt.date(2011, 9, 1),
        sha256="3" * 64,
    ),
    Source(
        id=PROSECUTION,
        file="tip-2018-peru-prosecution.txt",
        title="Trafficking in Persons Report 2018: Peru | Prosecution",
        publisher="U.S. Department of State",
        published=dt.date(2018, 6, 28),
        url="https://www.state.gov/reports/2018-trafficking-in-persons-report/peru/?a=<b>&c=\"d\"",
        sha256="1" * 64,
    ),
    Source(
        id=PROTECTION,
        file="tip-2018-peru-protection.txt",
        title=f"Trafficking in Persons Report 2018: Peru — Protection {SCRIPT}",
        publisher="U.S. Department of State",
        sha256="2" * 64,
    ),
    Source(
        id="not-cited",
        file="other.txt",
        title="A source the scorecard does not cite",
        publisher="Nobody",
        sha256="5" * 64,
    ),
]

PROGRESS = Progress(
    ruleset="tip-2015-peru",
    title="TIP Report 2015: recommendations to Peru",
    country="PER",
    years=[2017, 2015, 2016],
    issued="2015-07-27",
    rows=[
        ProgressRow(
            id="prosecute-officials",
            title=HOSTILE_TITLE,
            statuses={2015: Status.UNMET, 2016: Status.PARTIAL, 2017: Status.PARTIAL},
            trend=Trend.IMPROVED,
            baseline=2015,
            moved=Trend.IMPROVED,
            year_over_year={2016: Trend.IMPROVED, 2017: Trend.UNCHANGED},
            coverage={2015: 1.0, 2016: 1.0, 2017: 1.0},
        ),
        ProgressRow(
            id="training",
            title=FORMULA,
            statuses={2017: Status.UNMET, 2015: Status.MET},
            trend=Trend.COVERAGE_CHANGED,
            baseline=2015,
            moved=Trend.REGRESSED,
            year_over_year={2017: Trend.COVERAGE_CHANGED},
            coverage={2015: 0.5, 2017: 1.0},
        ),
        ProgressRow(
            id="unified-data",
            title=f"Unified data {LATEX}{ANSI}",
            statuses={2015: Status.NOT_ASSESSED, 2016: Status.NOT_ASSESSED, 2017: Status.NOT_ASSESSED},
            trend=Trend.NO_EVIDENCE,
        ),
    ],
)

COVERAGE = Coverage(
    ruleset="tip-2015-peru",
    country="PER",
    years=[2015, 2016, 2017],
    gaps=[
        CoverageGap(recommendation="unified-data", year=2017, criteria=["system-operational"], indicators=["data.unified_case_system"]),
        CoverageGap(recommendation="training", year=2017, criteria=["judges", "police"], indicators=[FORMULA, ARITHMETIC]),
        CoverageGap(recommendation="unified-data", year=2015, criteria=[f"x|y{ANSI}"], indicators=[SCRIPT, LATEX]),
    ],
)

EMPTY_COVERAGE = Coverage(ruleset="tip-2015-peru", country="PER", years=[2017], gaps=[])
