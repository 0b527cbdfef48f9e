"""The front door: what the command line does, as plain functions.

``validate(root)`` checks every file of a project and returns a
:class:`Report`; ``open_project(root)`` gives a checked :class:`Project` (or
raises :class:`InvalidProject`); ``evaluate``, ``progress``, ``coverage`` and
``cite`` answer a curator's or analyst's question about it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import anchor
from .cache import evidence_cache
from .checks import check_project
from .diagnostics import Diagnostic
from .errors import InvalidProject, NoEvidence, ProjectNotFound, ScorecardError, UnknownRuleSet, did_you_mean
from .loader import find_root, load_project, marker_problem
from .models import Citation, Coverage, Progress, Scorecard, Status
from .models.regional import RegionalProgress, RegionalScorecard
from .project import Project
from .templates import check_templates


@dataclass
class Report:
    """The outcome of validating a project: every problem, sorted by place."""

    root: Path
    diagnostics: list[Diagnostic]
    files: int
    citations: int
    notes: list[str] = field(default_factory=list)
    """What the user should know that is not a problem of the files (say, a cache ignored)."""

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "files": self.files,
            "citations": self.citations,
            "problems": [d.to_dict() for d in self.diagnostics],
        }


# -- finding a project -------------------------------------------------------------


def embedded_root() -> Path:
    """The example dataset shipped with the package (or the checkout it runs from)."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "_data", package.parent):
        if (candidate / "scorecard.yaml").is_file() and (candidate / "rules").is_dir():
            return candidate
    raise ProjectNotFound("the embedded dataset is missing from this installation; reinstall scorecard")


def locate(
    project: Path | None = None, *, cwd: Path | None = None, embedded: bool = False, first_run: bool = False
) -> tuple[Path, bool]:
    """The project root to use and whether it is the embedded default.

    Fails closed: an explicit folder must itself hold a ``scorecard.yaml`` (a
    regular file); otherwise the nearest project at or above the working folder is
    used.  The embedded dataset is used only when asked for (``embedded``) or on an
    interactive ``first_run`` outside any project, never because a project went
    missing: a pull request that deletes or renames ``scorecard.yaml`` must not turn
    CI green by validating the shipped Peru dataset instead.
    """
    if embedded:
        if project is not None:
            raise ProjectNotFound("--project and --embedded exclude each other: pick the folder or the embedded Peru dataset")
        return embedded_root(), True
    if project is not None:
        problem = marker_problem(project) if project.is_dir() else "missing"
        if problem is not None:
            detail = "" if problem == "missing" else f' (its scorecard.yaml {problem})'
            raise ProjectNotFound(
                f'no scorecard project at "{project}"{detail}: a project is a folder with a scorecard.yaml file; '
                f"`scorecard init {project}` starts one"
            )
        return project.resolve(), False
    here = cwd or Path.cwd()
    found = find_root(here)
    if found is not None:
        return found, False
    if first_run:
        return embedded_root(), True
    raise ProjectNotFound(
        f'no scorecard project at or above "{here}" (a project is a folder with a scorecard.yaml file): '
        "pass --project DIR, or --embedded for the Peru dataset shipped with the tool"
    )


# -- checking -----------------------------------------------------------------------


def validate(root: Path, *, cache: bool = False) -> Report:
    """Every check on every file of the project at ``root``.

    ``cache``: reuse, and keep in ``.scorecard-cache/``, the evidence files that checked
    clean and have not changed (see :mod:`scorecard.cache`); the report is the same."""
    report, _ = _check(root, for_evaluation=False, cache=cache)
    return report


def open_project(root: Path, *, cache: bool = False) -> Project:
    """The project at ``root``, checked; raises InvalidProject when any check fails.
    ``cache`` as for :func:`validate`."""
    report, project = _check(root, for_evaluation=True, cache=cache)
    if not report.ok:
        count = len(report.diagnostics)
        raise InvalidProject(
            f"the project has {count} problem{'s' if count != 1 else ''}; fix {'them' if count != 1 else 'it'} before evaluating (see `scorecard validate`)",
            report.diagnostics,
        )
    return project


@contextmanager
def _collector_paused(*, settle: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while loading (or building results).

    Loading builds millions of small objects, none of them in reference cycles,
    and the collector would scan them again and again: a seventh of `validate`
    at the scale of the whole TIP Report.  Memory is freed by reference counting
    as usual.

    With ``settle`` (after loading a project) one full collection runs as the
    collector resumes.  Otherwise the first allocations after loading pay for
    the pause: the collector walks the whole loaded project once per generation
    as it ages it, about 2.5 s of evaluating everything at 190 countries x 20
    years.  One collection (0.7 s there) moves it to the oldest generation at
    once, which is scanned again only when the heap has grown by a quarter.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            if settle:
                gc.collect()


def _check(root: Path, *, for_evaluation: bool, cache: bool) -> tuple[Report, Project]:
    # Settling only pays when the project is used after loading; validate stops there.
    with _collector_paused(settle=for_evaluation):
        loaded = load_project(root, evidence=False)  # the checks stream the evidence files
        loaded.for_evaluation = for_evaluation
        loaded.project.places_wanted = for_evaluation or cache
        with evidence_cache(loaded, enabled=cache) as store:
            citations = check_project(loaded, store)
    diagnostics = _without_echoes(sorted(set(loaded.diagnostics) | set(check_templates(root))))
    files = loaded.files_read + len(loaded.project.sources)
    loaded.project.notes = loaded.notes
    return Report(root=root, diagnostics=diagnostics, files=files, citations=citations, notes=loaded.notes), loaded.project


def _without_echoes(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop what other checks say at the place of a number refused as out of range (Y014):
    the value is kept as its text, which a schema or type check would report again."""
    refused = {(d.path, d.line, d.col) for d in diagnostics if d.code == "Y014"}
    if not refused:
        return diagnostics
    return [d for d in diagnostics if d.code == "Y014" or (d.path, d.line, d.col) not in refused]


# -- evaluating ---------------------------------------------------------------------


def default_ruleset(project: Project, countries: list[str] | None = None) -> str:
    """The rule set of a command that names none: the one country's ``default_ruleset``
    from rules/countries.yaml, else the project's from scorecard.yaml, else its only one."""
    from .countries import default_ruleset_for

    configured = default_ruleset_for(project, countries or []) or project.config.default_ruleset
    if configured:
        if configured not in project.rulesets:
            raise UnknownRuleSet(configured, project.rulesets)
        return configured
    if len(project.rulesets) == 1:
        return next(iter(project.rulesets))
    raise ScorecardError(
        "name a rule set (or set default_ruleset in scorecard.yaml); this project has: "
        + ", ".join(sorted(project.rulesets))
    )


def ruleset_id(project: Project, ruleset: str | None) -> str:
    """The rule set asked for, in the project's spelling (ids are matched in any case),
    else the default one."""
    from .listing import canonical_id

    return canonical_id(ruleset, project.rulesets) if ruleset else default_ruleset(project)


def rulesets(project: Project):
    """Every rule set with its title, country, items and years with evidence (``scorecard list``)."""
    from .listing import list_rulesets

    return list_rulesets(project)


def evaluate(project: Project, ruleset: str | None = None, year: int | None = None, country: str | None = None) -> Scorecard:
    """The scorecard of a rule set for one year (default: the latest year with evidence)."""
    from .scorecards import build_scorecard, country_of, latest_year, ruleset_of

    chosen = ruleset_id(project, ruleset)
    country_code = country_of(project, ruleset_of(project, chosen), country)
    if year is None:
        year = latest_year(project, country_code)
        if year is None:
            raise NoEvidence(f"there is no evidence for {country_code} yet")
    from .reviews import attach_reviews

    with _collector_paused():  # results are trees of small acyclic objects, as in loading
        return attach_reviews(project, build_scorecard(project, chosen, year, country_code))


def country_names(project: Project, lang: str = "en") -> dict[str, str]:
    """Code -> name in ``lang`` of every country rules/countries.yaml describes (for outputs)."""
    from .countries import names_of

    return names_of(project, project.country_catalogue, lang)


def evaluate_countries(
    project: Project, ruleset: str | None, year: int | None, codes: list[str], all_countries: bool = False
) -> Scorecard | RegionalScorecard:
    """``evaluate`` for ``--country`` given any number of times (codes in any case, commas
    allowed) or ``--all-countries``: one country's scorecard, or, for several (or for
    --all-countries), the regional scorecard that puts them side by side."""
    from .countries import choose_countries, parse_codes
    from .regional import build_regional
    from .scorecards import ruleset_of

    from .listing import canonical_id

    codes = parse_codes(codes)
    chosen = canonical_id(ruleset, project.rulesets) if ruleset else default_ruleset(project, codes)
    countries = choose_countries(project, ruleset_of(project, chosen), codes, all_countries)
    if len(countries) == 1 and not all_countries:
        return evaluate(project, chosen, year, countries[0])
    with _collector_paused():
        return build_regional(project, chosen, year, countries)


def progress_countries(
    project: Project, ruleset: str, codes: list[str], all_countries: bool = False, years: list[int] | None = None, *, follow: str | None = None
) -> Progress | RegionalProgress:
    """``progress`` for one country, or several side by side (as :func:`evaluate_countries`);
    ``follow`` (see :func:`progress`) takes one country."""
    from .countries import choose_countries, parse_codes
    from .regional import build_regional_progress
    from .scorecards import ruleset_of

    ruleset = ruleset_id(project, ruleset)
    countries = choose_countries(project, ruleset_of(project, ruleset), parse_codes(codes), all_countries)
    if len(countries) == 1 and not all_countries:
        return progress(project, ruleset, countries[0], years, follow=follow)
    if follow is not None:
        raise ScorecardError("--follow follows a recommendation in one country; give one --country")
    with _collector_paused():
        return build_regional_progress(project, ruleset, countries, years)


def progress(project: Project, ruleset: str, country: str | None = None, years: list[int] | None = None, *, follow: str | None = None) -> Progress:
    """Each recommendation's verdict in every year with evidence (or the years given), and its trend.
    With ``follow`` (an item id), that item through the reports that continue it, one row each."""
    from .lineage import build_lineage
    from .reviews import attach_to_progress
    from .scorecards import build_progress

    ruleset = ruleset_id(project, ruleset)
    with _collector_paused():
        if follow is not None:
            return attach_to_progress(project, build_lineage(project, ruleset, follow, country, years))
        return attach_to_progress(project, build_progress(project, ruleset, country, years))


def coverage(project: Project, ruleset: str | None = None, country: str | None = None) -> Coverage:
    """For each recommendation and year, the criteria with no evidence."""
    from .scorecards import build_coverage

    return build_coverage(project, ruleset_id(project, ruleset), country)


def fails_gate(scorecard: Scorecard, level: Status) -> bool:
    """Whether any assessed verdict is at or below ``level`` (for --fail-on)."""
    from .scorecards import fails_gate as _fails

    return _fails(scorecard, level)


# -- curation helper ------------------------------------------------------------------


@dataclass
class Place:
    line: int
    col: int
    heading: str | None
    context: str
    exact: bool


@dataclass
class CiteResult:
    source: str
    file: str
    quote: str
    status: str
    """found | ambiguous | not_found | context_not_found | too_short | too_long"""
    places: list[Place] = field(default_factory=list)
    closest: Place | None = None
    similarity: float | None = None
    outside_span: bool = False


def cite(root: Path, source_id: str, quote: str, prefix: str | None = None, suffix: str | None = None) -> CiteResult:
    """Where a quote is in a source, or the closest passage: a curation helper."""
    project = load_project(root, evidence=False).project  # a lookup needs the catalogue only
    if source_id not in project.sources:
        raise ScorecardError(f'source "{source_id}" is not in seeds/sources.yaml{did_you_mean(source_id, project.sources)}')
    text = project.source_text(source_id)
    file = f"seeds/{project.sources[source_id].file}"
    if text is None:
        raise ScorecardError(f"{file} cannot be read: it must be a UTF-8 text file inside seeds/ (see `scorecard validate`)")
    result = CiteResult(source=source_id, file=file, quote=quote, status="")
    if anchor.visible_length(quote) < anchor.MIN_QUOTE_CHARS:
        result.status = "too_short"
        return result
    if len(quote) > anchor.MAX_QUOTE_CHARS:
        result.status = "too_long"
        return result
    # The same lookup as validation, so both answer alike (occurrences outside the span don't count).
    located = project.locate(Citation(source=source_id, quote=quote, prefix=prefix, suffix=suffix))
    assert located is not None  # the text was read above
    result.outside_span = located.status == "outside_span"
    result.status = "found" if result.outside_span else located.status
    for hit in located.hits:
        result.places.append(_place(text, hit.start, hit.end, hit.exact))
    closest = located.lookup.closest if located.status == "not_found" else None
    if closest is not None:
        result.closest = _place(text, closest.start, closest.end, False)
        result.similarity = closest.similarity
    return result


def _place(text: anchor.SourceText, start: int, end: int, exact: bool) -> Place:
    line, col = text.line_col(start)
    return Place(line=line, col=col, heading=text.heading_before(start), context=text.text[start:end], exact=exact)
