"""Checks across files: ids, references, value types, sources and citations.

Each check appends diagnostics and carries on; positions come from the YAML
documents the loader kept (a location such as ``("facts", 3, "indicator")``
is resolved to line and column by the document).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import anchor
from .cache import EvidenceCache, Probe, citations_of, settled, snapshot_key
from .country_checks import check_countries_file, country_problem, fact_currency_problem
from .diagnostics import Diagnostic
from .layout import EvidenceLayout, folder_problem, stray_files
from .rule_lint import lint_ruleset
from .lineage import continues_problem
from .loader import COUNTRIES_FILE, INDICATORS_FILE, PROJECT_FILE, REVIEWS_FILE, SOURCES_FILE, LoadedProject, evidence_files, load_evidence, read_evidence
from .models import NOT_REPORTED, Citation, Condition, Indicator, IndicatorType, RuleSet, Span, month_span, period_years
from .models.conditions import CHANGES, COMPARISONS, AllOf, AnyOf, In, Not, Reported
from .regions import phrase_range
from .reviews import check_reviews
from .project import MAX_SOURCE_BYTES, EvidenceDoc, citation_key, source_path_problem
from .timeliness import too_early

TVPA_RULESET = "tvpa-minimum-standards"

Loc = tuple[str | int, ...]

HINT_WORK = 30_000_000
"""Budget of a run for closest-passage hints, in characters of source times 64-character
blocks of quote (what rapidfuzz's alignment costs; about half a second's work). Hints of
quotes not found in a typical 40 KB source cost 100,000 each; a stranger's thousand
long quotes into a 16 MB seed would otherwise cost hours. Spent in file order, so the
output stays deterministic."""


@dataclass
class _Context:
    loaded: LoadedProject
    readable: set[str]
    """Ids of sources whose text passed the file checks and may be searched."""
    citations: int = 0
    hint_work: int = 0
    """What is left of the run's budget for closest-passage hints (see HINT_WORK)."""
    cache: EvidenceCache | None = None
    verified: dict[str, str] = field(default_factory=dict)
    """Id -> SHA-256 of the readable sources whose text matched the catalogue in this run:
    the only ones a cached evidence file may cite."""

    def add(self, path: str, loc: Loc, code: str, message: str, hint: str | None = None, *, key: bool = False) -> None:
        document = self.loaded.documents.get(path)
        mark = document.mark(loc, key=key) if document else None
        line, col = (mark.line, mark.col) if mark else (0, 0)
        self.loaded.diagnostics.append(Diagnostic(path, line, col, code, message, hint))


def check_project(loaded: LoadedProject, cache: EvidenceCache | None = None) -> int:
    """Run every cross-file check; returns the number of citations checked.

    With a ``cache``, an evidence file that checked clean before and has not changed
    (nor anything its checks depend on) is taken from it instead of being parsed and
    checked again; files that check clean now are stored in it."""
    context = _Context(loaded, readable=set(), hint_work=HINT_WORK, cache=cache)
    started = time.time_ns()
    snapshot = snapshot_key(loaded) if cache is not None and not loaded.diagnostics else None
    if not (snapshot is not None and _restore(context, snapshot)):
        _check_all_but_evidence(context)
        if snapshot is not None and not loaded.diagnostics and settled(loaded, started):
            assert cache is not None
            cache.put_snapshot(snapshot, {"verified": context.verified, "readable": sorted(context.readable), "citations": context.citations})
    _check_evidence(context)
    loaded.diagnostics.extend(stray_files(loaded.project.root))
    _check_reviews(context)
    return context.citations


def _check_all_but_evidence(context: _Context) -> None:
    """The checks that read no evidence file: what they find depends only on the files
    outside evidence/ and the source texts, so a run whose files are all as in a run
    where these found nothing may skip them (see _restore).  A check that reads the
    evidence belongs after _check_evidence."""
    loaded = context.loaded
    _check_sources(context)
    _check_indicators(context)
    _check_countries(context)
    for ruleset_id, path in loaded.project.ruleset_paths.items():
        _check_ruleset(context, loaded.project.rulesets[ruleset_id], path)
    _check_duplicate_rulesets(context)
    _check_default_ruleset(context)


def _check_default_ruleset(context: _Context) -> None:
    """The rule set a bare `scorecard evaluate` uses must exist: found only when evaluating,
    a typo there passed validate."""
    project = context.loaded.project
    wanted = project.config.default_ruleset
    if wanted is None or wanted in project.rulesets or any(path.startswith("rules/") for path in context.loaded.failed):
        return
    context.add(PROJECT_FILE, ("default_ruleset",), "R005", f'default rule set "{wanted}" is not a rule set of this project', hint=_suggest(wanted, project.rulesets) or f"one of: {', '.join(sorted(project.rulesets))}")


def _restore(context: _Context, snapshot: str) -> bool:
    """Take what _check_all_but_evidence found from the cache's snapshot, when every file
    it reads is as it was then (it found no problem, or nothing would have been kept).
    Source texts are then read only when a changed evidence file cites them."""
    assert context.cache is not None
    body = context.cache.snapshot(snapshot)
    if body is None:
        return False
    verified, readable, citations = body.get("verified"), body.get("readable"), body.get("citations")
    if not (isinstance(verified, dict) and isinstance(readable, list) and type(citations) is int):
        return False
    context.verified.update({str(k): str(v) for k, v in verified.items()})
    context.readable.update(map(str, readable))
    context.citations += citations
    return True


# -- sources -------------------------------------------------------------------


def _check_sources(context: _Context) -> None:
    project = context.loaded.project
    document = context.loaded.documents.get(SOURCES_FILE)
    entries = document.data.get("sources") if document and isinstance(document.data, dict) else None
    if not isinstance(entries, list):  # `sources:` left empty or mistyped: a schema problem, reported
        return
    seen: dict[str, int] = {}
    seeds = project.root / "seeds"
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        source_id = entry["id"]
        loc: Loc = ("sources", index)
        if source_id in seen:
            context.add(SOURCES_FILE, (*loc, "id"), "R004", f'source id "{source_id}" is used twice', hint=f"first used in entry {seen[source_id] + 1}")
            continue
        seen[source_id] = index
        source = project.sources.get(source_id)
        if source is None:
            continue
        problem = source_path_problem(project.root, source.file)
        if problem:
            context.add(SOURCES_FILE, (*loc, "file"), "F003", f'source file "{source.file}" {problem}; it was not read', hint="give a path relative to seeds/ that stays inside it")
            continue
        full = seeds / source.file
        try:
            full.stat()
        except FileNotFoundError:
            pass  # reported just below, with the closest name
        except (OSError, ValueError) as error:  # a name too long for the system, say: never a traceback
            why = getattr(error, "strerror", None) or str(error)
            context.add(SOURCES_FILE, (*loc, "file"), "F006", f'source file "seeds/{_shorten(source.file, 60)}" cannot be looked up: {why.lower()}', hint="give the file a shorter name (at most 255 bytes per folder or file name)")
            continue
        if not full.is_file():
            missing = "is not a regular file" if full.exists() else "does not exist"
            context.add(SOURCES_FILE, (*loc, "file"), "F001", f'source file "seeds/{source.file}" {missing}', hint=_closest_file(source.file, seeds))
            continue
        if full.stat().st_size > MAX_SOURCE_BYTES:
            context.add(SOURCES_FILE, (*loc, "file"), "F005", f'source file "seeds/{source.file}" is larger than {MAX_SOURCE_BYTES // 2**20} MiB')
            continue
        seed = project.seed(source_id)  # read, hashed and decoded once, however many entries name the file
        if seed is None:  # unreadable (permissions), or it grew or vanished since the checks above
            context.add(SOURCES_FILE, (*loc, "file"), "F005", f'source file "seeds/{source.file}" cannot be read')
            continue
        digest = seed.digest
        if digest != source.sha256:
            context.add(SOURCES_FILE, (*loc, "sha256"), "F002", f'source file "seeds/{source.file}" has SHA-256 {digest}, the catalogue says {source.sha256}', hint="a seed must stay byte for byte as received; restore it, or record a new document as a new source")
        text = seed.text
        if text is None:
            context.add(SOURCES_FILE, (*loc, "file"), "F005", f'source file "seeds/{source.file}" is not UTF-8 text (byte {seed.bad_byte})', hint="save the text as UTF-8 (e.g. `iconv -f latin1 -t utf-8`) and catalogue it anew with `scorecard source add`")
            continue
        context.readable.add(source_id)
        if digest == source.sha256:
            context.verified[source_id] = digest
        _check_span(context, source_id, text, loc)


def _closest_file(file: str, seeds: Path) -> str | None:
    names = sorted(p.name for p in seeds.glob("*.txt"))
    close = difflib.get_close_matches(Path(file).name, names, n=1)
    return f'did you mean "{close[0]}"?' if close else None


def _check_span(context: _Context, source_id: str, text: anchor.SourceText, loc: Loc) -> None:
    """Every span and excluded range of a source must be found in its text."""
    source = context.loaded.project.sources[source_id]
    ranges: list[tuple[Loc, Span]] = [((*loc, "span"), source.span)] if source.span is not None else []
    ranges += [((*loc, "spans", i), span) for i, span in enumerate(source.spans or ())]
    ranges += [((*loc, "exclude", i), span) for i, span in enumerate(source.exclude or ())]
    for span_loc, span in ranges:
        found, missing = phrase_range(text, span)
        if missing == "start":
            context.add(SOURCES_FILE, (*span_loc, "start"), "F004", f'span start "{span.start}" is not in the source', hint=_span_hint(source_id, span.start))
        elif missing == "end":
            context.add(SOURCES_FILE, (*span_loc, "end"), "F004", f'span end "{span.end}" is not in the source after its start', hint=_span_hint(source_id, span.end))


def _span_hint(source_id: str, phrase: str) -> str:
    shown = phrase if len(phrase) <= 60 else phrase[:59] + "…"
    return f'copy the phrase from the source exactly as printed; `scorecard cite {source_id} "{shown}"` shows the closest passage'


# -- countries -----------------------------------------------------------------------


def _check_countries(context: _Context) -> None:
    """The countries file, and the country codes of sources and rule sets against it
    (those of evidence files are checked with each file)."""
    project = context.loaded.project
    document = context.loaded.documents.get(COUNTRIES_FILE)
    entries = document.data.get("countries") if document and isinstance(document.data, dict) else None
    check_countries_file(project.country_catalogue, entries, project.rulesets, context.add)
    catalogue = context.loaded.documents.get(SOURCES_FILE)
    sources = catalogue.data.get("sources") if catalogue and isinstance(catalogue.data, dict) else None
    for index, entry in enumerate(sources if isinstance(sources, list) else []):
        ident = entry.get("id") if isinstance(entry, dict) else None
        source = project.sources.get(ident) if isinstance(ident, str) else None
        if source is None:
            continue
        if source.country is not None and isinstance(entry.get("country"), str):
            _check_country(context, SOURCES_FILE, ("sources", index, "country"), source.country)
        for s_index, span in enumerate(source.spans or ()):
            _check_country(context, SOURCES_FILE, ("sources", index, "spans", s_index, "country"), span.country)
    for ruleset_id, path in project.ruleset_paths.items():
        country = project.rulesets[ruleset_id].country
        if country is not None:
            _check_country(context, path, ("country",), country)


def _check_country(context: _Context, path: str, loc: Loc, code: str) -> None:
    problem = country_problem(context.loaded.project.country_catalogue, code)
    if problem is not None and not context.loaded.reported(COUNTRIES_FILE, code):
        context.add(path, loc, "R040", problem[0], hint=problem[1])


# -- indicators and rule sets -------------------------------------------------------


def _check_indicators(context: _Context) -> None:
    document = context.loaded.documents.get(INDICATORS_FILE)
    data = document.data if document and isinstance(document.data, dict) else {}
    _check_unique_ids(context, INDICATORS_FILE, data.get("indicators", []), ("indicators",), "indicator")
    _check_unique_ids(context, INDICATORS_FILE, data.get("reporters", []), ("reporters",), "reporter")


def _check_reporter(context: _Context, path: str, loc: Loc, reporter: str) -> None:
    """A reporter named by a fact or a conflict policy must be declared."""
    reporters = context.loaded.project.reporters
    if reporter in reporters or INDICATORS_FILE in context.loaded.failed:  # a broken vocabulary is reported there
        return
    declared = ", ".join(sorted(reporters)) or "none yet"
    hint = _suggest(reporter, reporters) or f"declare it under `reporters:` in {INDICATORS_FILE} (declared: {declared})"
    context.add(path, loc, "R009", f'reporter "{reporter}" is not declared in {INDICATORS_FILE}', hint)


def _check_conclusion(context: _Context, path: str, ruleset: RuleSet) -> None:
    rule = ruleset.conclusion
    if rule is None:
        return
    items = [r.id for r in ruleset.recommendations]
    named = [("minimum_standards", i, ident) for i, ident in enumerate(rule.minimum_standards)]
    named += [("significant_efforts", i, ident) for i, ident in enumerate(rule.significant_efforts)]
    named += [("required_efforts", i, ident) for i, ident in enumerate(rule.required_efforts)]
    for key, i, ident in named:
        if ident not in items:
            context.add(path, ("conclusion", key, i), "R010", f'conclusion item "{ident}" is not a recommendation of this rule set', hint=_suggest(ident, items))
    if rule.increasing_efforts is not None and rule.increasing_efforts not in items:
        context.add(path, ("conclusion", "increasing_efforts"), "R010", f'conclusion item "{rule.increasing_efforts}" is not a recommendation of this rule set', hint=_suggest(rule.increasing_efforts, items))
    for key, ident in [("published_tier", rule.published_tier), ("waiver", rule.waiver), *(((("published_answers", q)), i) for q, i in rule.published_answers.items())]:
        if ident is not None:
            loc = ("conclusion", *key) if isinstance(key, tuple) else ("conclusion", key)
            _known_indicator(context, path, loc, ident)


def _check_conflict_policy(context: _Context, path: str, loc: Loc, policy: str | None) -> None:
    if policy is not None and policy.startswith("reporter:"):
        _check_reporter(context, path, loc, policy.removeprefix("reporter:"))


def _check_unique_ids(context: _Context, path: str, entries: Any, loc: Loc, what: str) -> None:
    if not isinstance(entries, list):
        return
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first:
            line = context.loaded.documents[path].mark((*loc, first[ident], "id")).line
            context.add(path, (*loc, index, "id"), "R004", f'{what} id "{ident}" is used twice', hint=f"first used at line {line}")
        else:
            first[ident] = index


def _check_duplicate_rulesets(context: _Context) -> None:
    project = context.loaded.project
    for path in sorted(context.loaded.documents):
        document = context.loaded.documents[path]
        if not path.startswith("rules/") or path == INDICATORS_FILE or not isinstance(document.data, dict):
            continue
        ident = document.data.get("id")
        owner = project.ruleset_paths.get(ident) if isinstance(ident, str) else None
        if owner is not None and owner != path:
            context.add(path, ("id",), "R004", f'rule set id "{ident}" is used twice', hint=f"first used in {owner}")


def _check_ruleset(context: _Context, ruleset: RuleSet, path: str) -> None:
    project = context.loaded.project
    document = context.loaded.documents[path]
    stem = Path(path).stem
    if stem != ruleset.id:
        context.add(path, ("id",), "P002", f'rule set id "{ruleset.id}" differs from its file name "{stem}.yaml"', hint=f"rename the file to {ruleset.id}.yaml")
    if ruleset.source is not None and ruleset.source not in project.sources and not context.loaded.reported(SOURCES_FILE, ruleset.source):
        context.add(path, ("source",), "R001", f'source "{ruleset.source}" is not in {SOURCES_FILE}', hint=_suggest(ruleset.source, project.sources))
    _check_unique_ids(context, path, document.data.get("recommendations"), ("recommendations",), "recommendation")
    _check_conflict_policy(context, path, ("policy", "conflicts"), ruleset.policy.conflicts)
    _check_conclusion(context, path, ruleset)
    lint_ruleset(ruleset, project.indicators, lambda loc, code, message, hint: context.add(path, loc, code, message, hint))
    tvpa = project.rulesets.get(TVPA_RULESET)
    tvpa_ids = {r.id for r in tvpa.recommendations} if tvpa else set()
    for r_index, recommendation in context.loaded.items(path, ruleset.recommendations):
        r_loc: Loc = ("recommendations", r_index)
        criteria_entries = document.data["recommendations"][r_index].get("criteria")
        _check_unique_ids(context, path, criteria_entries, (*r_loc, "criteria"), "criterion")
        if recommendation.citation is not None:
            _check_citation(context, path, (*r_loc, "citation"), recommendation.citation, ruleset.country)
        if recommendation.continues is not None:
            problem = continues_problem(project, ruleset.id, recommendation.id, recommendation.continues)
            if problem is not None:
                context.add(path, (*r_loc, "continues"), "R023", *problem)
        for t_index, link in enumerate(recommendation.tvpa):
            if tvpa and link not in tvpa_ids:
                context.add(path, (*r_loc, "tvpa", t_index), "R005", f'"{link}" is not a criterion of the {TVPA_RULESET} rule set', hint=_suggest(link, tvpa_ids) or f"its ids are {', '.join(sorted(tvpa_ids))}")
        for c_index, criterion in enumerate(recommendation.criteria):
            _check_conflict_policy(context, path, (*r_loc, "criteria", c_index, "conflicts"), criterion.conflicts)
            for loc, condition in _walk(criterion.condition, (*r_loc, "criteria", c_index, "condition")):
                _check_condition(context, path, loc, condition)


def _walk(condition: Condition, loc: Loc) -> Iterator[tuple[Loc, Condition]]:
    yield loc, condition
    if isinstance(condition, (AllOf, AnyOf)):
        for index, part in enumerate(condition.conditions):
            yield from _walk(part, (*loc, "conditions", index))
    elif isinstance(condition, Not):
        yield from _walk(condition.condition, (*loc, "condition"))


def _check_condition(context: _Context, path: str, loc: Loc, condition: Condition) -> None:
    if isinstance(condition, (AllOf, AnyOf, Not)):
        return
    indicator = _known_indicator(context, path, (*loc, "indicator"), condition.indicator)
    if indicator is None:
        return
    if isinstance(condition, COMPARISONS):
        if indicator.type is IndicatorType.BOOLEAN and condition.op not in ("eq", "ne"):
            context.add(path, (*loc, "op"), "R003", f'"{condition.op}" cannot compare the boolean indicator "{indicator.id}"', hint="use eq or ne with true or false")
        _check_value(context, path, (*loc, "value"), indicator, condition.value, allow_not_reported=False)
    elif isinstance(condition, In):
        for index, value in enumerate(condition.values):
            _check_value(context, path, (*loc, "values", index), indicator, value, allow_not_reported=False)
    elif isinstance(condition, CHANGES):
        # "unchanged" means the same on any indicator; a rise or fall needs an order.
        if indicator.type is IndicatorType.BOOLEAN and condition.op != "unchanged":
            context.add(path, (*loc, "op"), "R003", f'"{condition.op}" needs an ordered indicator, "{indicator.id}" is boolean')
    else:
        assert isinstance(condition, Reported)


def _known_indicator(context: _Context, path: str, loc: Loc, ident: str) -> Indicator | None:
    indicators = context.loaded.project.indicators
    if ident in indicators:
        return indicators[ident]
    if not context.loaded.reported(INDICATORS_FILE, ident):  # a broken vocabulary or entry is reported once, where it is
        context.add(path, loc, "R002", f'indicator "{ident}" is not declared in {INDICATORS_FILE}', hint=_suggest(ident, indicators))
    return None


def _check_value(context: _Context, path: str, loc: Loc, indicator: Indicator, value: Any, *, allow_not_reported: bool) -> None:
    problem = value_problem(indicator, value, allow_not_reported=allow_not_reported)
    if problem is not None:
        message, hint = problem
        context.add(path, loc, "R003", message, hint)


def value_problem(indicator: Indicator, value: Any, *, allow_not_reported: bool = True) -> tuple[str, str | None] | None:
    """Why ``value`` does not fit ``indicator`` (message, hint), or None when it fits."""
    if allow_not_reported and value == NOT_REPORTED:
        return None
    shown = f'"{value}"' if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    kind = indicator.type
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    hint = value_hint(kind, value, allow_not_reported)
    if kind is IndicatorType.COUNT and not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return f'value {shown} of "{indicator.id}" should be a whole number of {indicator.unit or "items"} (0 or more)', hint
    if kind is IndicatorType.AMOUNT and not (is_number and value >= 0):
        return f'value {shown} of "{indicator.id}" should be an amount in {indicator.unit or "money"} (0 or more)', hint
    if kind is IndicatorType.NUMBER and not is_number:
        return f'value {shown} of "{indicator.id}" should be a number of {indicator.unit or "units"}', hint
    if kind is IndicatorType.BOOLEAN and not isinstance(value, bool):
        return f'value {shown} of "{indicator.id}" should be true or false', hint
    if kind is IndicatorType.ENUM and value not in (indicator.values or []):
        close = difflib.get_close_matches(str(value), indicator.values or [], n=1)
        hint = f'did you mean "{close[0]}"?' if close else f"one of: {', '.join(indicator.values or [])}"
        return f'value {shown} is not one of the values of "{indicator.id}"', hint
    return None


_NUMBER_IN_TEXT = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion))?", re.I)
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_NOT_REPORTED_WORDS = re.compile(r"^\s*(not?[ _-]?reported|unreported|unknown|n/?a|none|no data|not available|-+|\?+)\s*$", re.I)


def value_hint(kind: IndicatorType, value: Any, allow_not_reported: bool) -> str | None:
    """The likely fix of a value that does not fit its indicator's type, by what was
    written: a number inside words ("1600 victims"), a word for "not reported", a
    fraction where a count is wanted, a negative count, a boolean in quotes."""
    numeric = kind in (IndicatorType.COUNT, IndicatorType.AMOUNT, IndicatorType.NUMBER)
    if value is None:
        return "give the value" + (f", or {NOT_REPORTED} when the source says the figure was not reported" if allow_not_reported else "")
    if isinstance(value, str) and _NOT_REPORTED_WORDS.match(value):
        return f"write {NOT_REPORTED} (when the source says the government did not report it)" if allow_not_reported else "a rule compares a value: give one"
    if isinstance(value, str) and kind is IndicatorType.BOOLEAN and value.strip().lower() in ("true", "false", "yes", "no"):
        return "write true or false without quotes"
    if isinstance(value, str) and numeric:
        found = _NUMBER_IN_TEXT.search(value)
        if found is None:
            return "write the figure as a number" + (f", or {NOT_REPORTED} when the source says it was not reported" if allow_not_reported else "")
        whole, fraction, scale = found.group(1).replace(",", ""), found.group(2) or "", (found.group(3) or "").lower()
        number = float(whole + fraction) * _SCALE.get(scale, 1)
        written = f"{number:.0f}" if number.is_integer() else f"{number}"
        if found.group(0) == value.strip():
            return f"write it as a plain number, without quotes or separators: `value: {written}`"
        return f"write the number alone, `value: {written}`, and keep the words in `note`"
    if isinstance(value, bool) and numeric:
        return "write the figure as a number (true and false are for yes-or-no indicators)"
    if isinstance(value, float) and kind is IndicatorType.COUNT:
        return f"write {int(value)} without the decimal point" if value.is_integer() and value >= 0 else "a count is a whole number: write the figure the source gives"
    if isinstance(value, (int, float)) and numeric and value < 0:
        return "a figure cannot be negative; a fall shows when years are compared (op: decreased)"
    if isinstance(value, (int, float)) and kind is IndicatorType.BOOLEAN:
        return "write true or false"
    return None


def _suggest(word: str, choices: Any) -> str | None:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else None


# -- evidence ------------------------------------------------------------------------------


def _check_evidence(context: _Context) -> None:
    """Check every evidence file; when the loader left them to us, load each, check it
    and release its YAML document before the next (memory stays flat at any scale)."""
    loaded = context.loaded
    countries = EvidenceLayout()
    if loaded.evidence_loaded:
        for doc in loaded.project.evidence:
            _check_evidence_file(context, doc, countries)
        return
    for path in evidence_files(loaded.project.root):
        _load_and_check_evidence(context, path, countries)
        loaded.release(path)


def _load_and_check_evidence(context: _Context, path: str, countries: EvidenceLayout) -> None:
    loaded = context.loaded
    cache = context.cache
    probe = cache.probe(path) if cache is not None else None  # before reading: see cache.Probe
    if probe is not None and _reuse_cached(context, probe, countries):
        return
    raw = read_evidence(loaded, path)
    if raw is None:
        return
    problems = len(loaded.diagnostics)
    doc = load_evidence(loaded, path, raw)
    if doc is None:
        return
    _check_evidence_file(context, doc, countries)
    if probe is not None and len(loaded.diagnostics) == problems:
        _store_clean(context, probe, doc)


def _reuse_cached(context: _Context, probe: Probe, countries: EvidenceLayout) -> bool:
    """Take an unchanged file that checked clean from the cache: what a full check of it
    would leave in the project (the model, its quotes' places, the citations counted).
    False when it is not there, or when a check across files would report it now.

    ``validate`` never reads the models of unchanged files, so they are decoded on first
    use; a project opened for evaluation decodes them now, with their quotes' places."""
    assert context.cache is not None
    hit = context.cache.get(probe, context.verified)
    if hit is None:
        return False
    if countries.see(hit.path, hit.country, hit.year):
        return False  # loaded as usual, so the diagnostic has its line and column
    if country_problem(context.loaded.project.country_catalogue, hit.country) is not None:
        return False  # the countries file changed since: loaded as usual, and reported
    described = context.loaded.project.country_catalogue.get(hit.country)
    if folder_problem(hit.path, hit.country, described.names.en if described else None) is not None:
        return False  # the country's name changed since: loaded as usual, and reported
    loaded = context.loaded
    if loaded.for_evaluation:
        body = context.cache.body(hit)
        if body is None:
            return False
        evidence, found = body
        places = loaded.project.quote_places()
        for citation, place in zip(citations_of(evidence), found):
            places[citation_key(citation, evidence.country)] = place
        loaded.project.evidence.append(EvidenceDoc(hit.path, evidence))
    else:
        loaded.project.evidence.append(EvidenceDoc(hit.path, load=lambda: hit.body()[0]))
    loaded.digests[hit.path] = hit.sha256
    loaded.files_read += 1
    context.citations += hit.citations
    return True


def _store_clean(context: _Context, probe: Probe, doc: EvidenceDoc) -> None:
    """Store a file that checked clean, unless one of its quotes was not looked up
    (a cited source that is unreadable or differs from the catalogue)."""
    assert context.cache is not None
    citations = citations_of(doc.data)
    sources = {citation.source: context.verified.get(citation.source, "") for citation in citations}
    places = context.loaded.project.quote_places()
    keys = [citation_key(citation, doc.data.country) for citation in citations]
    if "" in sources.values() or any(key not in places for key in keys):
        return
    context.cache.put(probe, context.loaded.digests[doc.path], doc.data, [places[key] for key in keys], sources)


def _check_evidence_file(context: _Context, doc: EvidenceDoc, countries: EvidenceLayout) -> None:
    path, data = doc.path, doc.data
    parts = Path(path).parts
    if len(parts) != 3:
        context.add(path, ("country",), "P002", f'evidence file "{path}" should be evidence/<country>/<year>.yaml', hint=f"move it into the folder of its country, e.g. evidence/<country>/{data.year}.yaml")
    else:
        if parts[2] != f"{data.year}.yaml":
            context.add(path, ("year",), "R007", f'year {data.year} differs from the file name "{parts[2]}"', hint=f"rename the file to {data.year}.yaml or correct the year")
        for problem in countries.see(path, data.country, data.year):
            context.add(path, (problem.key,), problem.code, problem.message, problem.hint)
        described = context.loaded.project.country_catalogue.get(data.country)
        misplaced = folder_problem(path, data.country, described.names.en if described else None)
        if misplaced is not None:
            context.add(path, (misplaced.key,), misplaced.code, misplaced.message, misplaced.hint)
    _check_country(context, path, ("country",), data.country)
    seen: dict[tuple[str, str | None], list[tuple[int, tuple[int, int]]]] = {}
    for index, fact in context.loaded.items(path, data.facts):
        loc: Loc = ("facts", index)
        indicator = _known_indicator(context, path, (*loc, "indicator"), fact.indicator)
        if indicator is not None:
            problem = fact_currency_problem(fact.currency, indicator)
            if problem is not None:
                context.add(path, (*loc, "currency"), *problem)
            if fact.value is not None:
                _check_value(context, path, (*loc, "value"), indicator, fact.value, allow_not_reported=True)
            if fact.direction is not None and indicator.type is IndicatorType.BOOLEAN and fact.direction.value != "unchanged":
                context.add(path, (*loc, "direction"), "R003", f'direction "{fact.direction.value}" needs an ordered indicator, "{indicator.id}" is boolean', hint="record the value (true or false) instead")
        if fact.reporter is not None:
            _check_reporter(context, path, (*loc, "reporter"), fact.reporter)
        if fact.period is not None:
            first_year, last_year = period_years(fact.period)
            if not first_year <= data.year <= last_year:
                context.add(path, (*loc, "period"), "R007", f'period "{fact.period}" does not include the file\'s year {data.year}', hint="move the fact to the file of the year it describes")
        _check_duplicate_fact(context, path, loc, fact, data.year, seen, index)
        first_year = period_years(fact.period)[0] if fact.period is not None else data.year
        for c_index, citation in enumerate(fact.citations):
            _check_citation(context, path, (*loc, "citations", c_index), citation, data.country)
            _check_source_year(context, path, (*loc, "citations", c_index, "source"), citation.source, first_year)


def _check_source_year(context: _Context, path: str, loc: Loc, source_id: str, first_year: int) -> None:
    source = context.loaded.project.sources.get(source_id)
    problem = too_early(source, first_year, context.loaded.project.sources) if source is not None else None
    if problem is not None:
        context.add(path, loc, "R022", *problem)


def _check_duplicate_fact(context: _Context, path: str, loc: Loc, fact: Any, year: int, seen: dict[tuple[str, str | None], list[tuple[int, tuple[int, int]]]], index: int) -> None:
    """Two facts of one indicator and reporter whose periods overlap say the same thing
    twice (R006), however the period is spelt (absent, ``2018``, ``2018-01/2018-12``).
    A total and a part of it (2004-2011 and 2011) are different figures; facts of
    different reporters are a conflict, which is data."""
    span = month_span(fact.period, year)
    earlier = seen.setdefault((fact.indicator, fact.reporter), [])
    for other_index, other in earlier:
        if _overlap(span, other) and not _contains(span, other) and not _contains(other, span) or span == other:
            line = context.loaded.documents[path].mark(("facts", other_index)).line
            context.add(path, (*loc, "indicator"), "R006", f'"{fact.indicator}" already has a fact for {fact.period or year}{_by(fact.reporter)} in this file', hint=f"see line {line}; keep one fact and cite every source in it, or, when two reporters disagree, name each fact's `reporter`")
            return
    earlier.append((index, span))


def _by(reporter: str | None) -> str:
    return f' by "{reporter}"' if reporter else ""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer != inner and outer[0] <= inner[0] and inner[1] <= outer[1]


# -- analyst reviews -------------------------------------------------------------------------


def _check_reviews(context: _Context) -> None:
    """The reviews of reviews.yaml; whether the rules' verdict changed under one (V003) is
    asked only of a project with no other problem, which can be scored."""
    loaded = context.loaded
    project = loaded.project
    if not project.reviews:
        return
    sound = not loaded.diagnostics

    def report(index: int, key: str, code: str, message: str, hint: str | None = None) -> None:
        context.add(REVIEWS_FILE, ("reviews", index, key), code, message, hint)

    check_reviews(project, loaded.items(REVIEWS_FILE, project.reviews), report, today=dt.date.today(), evaluate=sound)


# -- citations -------------------------------------------------------------------------------


def _check_citation(context: _Context, path: str, loc: Loc, citation: Citation, country: str | None) -> None:
    """One citation of a fact (or a recommendation) of ``country`` (None: any country's)."""
    project = context.loaded.project
    context.citations += 1
    if citation.source not in project.sources:
        if context.loaded.reported(SOURCES_FILE, citation.source):
            return  # the catalogue or its entry is broken: reported once, there
        context.add(path, (*loc, "source"), "R001", f'source "{citation.source}" is not in {SOURCES_FILE}', hint=_suggest(citation.source, project.sources))
        return
    if citation.source not in context.readable:
        return  # the source's own problem is reported once, at the catalogue
    quote = citation.quote
    if anchor.visible_length(quote) < anchor.MIN_QUOTE_CHARS:
        context.add(path, (*loc, "quote"), "C004", f"quote \"{quote}\" is too short to identify a passage (at least {anchor.MIN_QUOTE_CHARS} characters)", hint="quote the words around the figure too")
        return
    if len(quote) > anchor.MAX_QUOTE_CHARS:
        context.add(path, (*loc, "quote"), "C005", f"quote is {len(quote)} characters long, more than {anchor.MAX_QUOTE_CHARS}", hint="quote only the sentence that supports the fact")
        return
    for key, words in (("prefix", citation.prefix), ("suffix", citation.suffix)):
        if words is not None and len(words) > anchor.MAX_QUOTE_CHARS:  # compared at every occurrence: bounded too
            context.add(path, (*loc, key), "C005", f"{key} is {len(words)} characters long, more than {anchor.MAX_QUOTE_CHARS}", hint="a few words are enough to single the quote out")
            return
    located = project.locate(citation, country)
    if located is None or located.status == "found":
        return  # None: the text became unreadable after its own checks passed (it is re-read when evicted)
    text = project.source_text(citation.source)
    if text is None:
        return
    file = f"seeds/{project.sources[citation.source].file}"
    lookup = located.lookup
    if located.status == "not_found":
        hint = None
        work = len(text.text) * (1 + anchor.visible_length(quote) // 64)
        if work > context.hint_work:
            hint = "the closest passage was not searched for: too many quotes of this run are not found"
        elif lookup.closest is not None:
            context.hint_work -= work
            line, col = text.line_col(lookup.closest.start)
            hint = f'closest passage {file}:{line}:{col} (similarity {lookup.closest.similarity:.0f}%): "{_shorten(lookup.closest.text)}"'
        context.add(path, (*loc, "quote"), "C001", f'quote "{_shorten(quote)}" is not in source "{citation.source}"', hint)
        return
    if located.status == "ambiguous":
        lines = ", ".join(str(n) for n in sorted({text.line_col(hit.start)[0] for hit in located.hits})[:8])
        context.add(path, (*loc, "quote"), "C002", f'quote "{_shorten(quote)}" occurs {_times(len(located.hits))} in source "{citation.source}" (lines {lines})', hint="add `prefix` or `suffix` with the words just before or after the intended passage")
    elif located.status == "context_not_found":
        context.add(path, (*loc, "prefix" if citation.prefix else "suffix"), "C006", f'the prefix or suffix given does not surround quote "{_shorten(quote)}" in source "{citation.source}"', hint=f'copy the words just before or after the quote from the source; `scorecard cite {citation.source} "{_shorten(quote, 60)}"` shows where the quote is')
    elif located.status == "outside_span":
        _outside_span(context, path, loc, citation, country, located.hits[0].start)
    elif located.status == "cuts_word":
        hit = located.hits[0]
        line, col = text.line_col(hit.start)
        words = _whole_words_around(text.text, hit.start, hit.end)
        context.add(path, (*loc, "quote"), "C008", f'quote "{_shorten(quote)}" begins or ends inside a word or number of source "{citation.source}" ({file}:{line}:{col})', hint=f'quote whole words: the source says "{_shorten(words)}"')
    elif located.status == "unchecked":
        context.add(path, (*loc, "quote"), "C007", f'quote "{_shorten(quote)}" was not checked: this run spent its work for quote lookups (about {anchor.RUN_WORK // 1_000_000} million characters compared)', hint="give fewer, shorter prefixes and suffixes, or quotes that occur fewer times")
    else:  # a new status must be reported, never passed as found
        raise AssertionError(f"unhandled lookup status {located.status!r}")


def _whole_words_around(text: str, start: int, end: int) -> str:
    """The passage widened to the whole words and numbers it cuts (for the hint)."""
    while start > 0 and anchor.cuts(text, start, len(text)):
        start -= 1
    while end < len(text) and anchor.cuts(text, 0, end):
        end += 1
    return text[start:end]


def _outside_span(context: _Context, path: str, loc: Loc, citation: Citation, country: str | None, start: int) -> None:
    project = context.loaded.project
    source = project.sources[citation.source]
    region = project.region(citation.source, country)
    text = project.source_text(citation.source)
    assert region is not None and text is not None  # the quote was found outside it
    file = f"seeds/{source.file}"
    line, _ = text.line_col(start)
    quote = _shorten(citation.quote)
    if country is not None and country_problem(project.country_catalogue, country) is not None:
        return  # an unknown country: reported once, where it is written (R040)
    if region.empty and country is not None:
        about = ", ".join(region.countries) or "another country"
        context.add(path, (*loc, "source"), "F016", f'source "{citation.source}" has no part about {country} (it is about {about})',
                    hint=f"add a span for {country} under `spans:` in {SOURCES_FILE}, or cite a source about {country}")
    elif not region.contains(start, start + 1) and any(a <= start < b for a, b in region.excluded):
        context.add(path, (*loc, "quote"), "F017", f'quote "{quote}" is at {file}:{line}, in a range of source "{citation.source}" excluded from citation',
                    hint="an excluded range (a collector's header) is not the report's words; quote the report itself")
    else:
        starts = [s.start for s in (source.spans or ()) if country is None or s.country == country] or ([source.span.start] if source.span else [])
        hint = "the part about " + (country or "its country") + " starts at " + ", ".join(f'"{s}"' for s in starts) if starts else None
        context.add(path, (*loc, "quote"), "C003", f'quote "{quote}" is at {file}:{line}, outside the part of source "{citation.source}" about {country or "its country"}', hint=hint)


def _times(count: int) -> str:
    return f"at least {count:,} times" if count >= anchor.MAX_HITS else f"{count:,} times"


def _shorten(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
