"""Problems found in a project's files, and the catalogue of their codes.

A problem in the *data* is a value (a :class:`Diagnostic`), never an
exception: checks append diagnostics and carry on, so a curator sees every
problem of a run at once.  Exceptions are kept for the tool itself failing
(see :mod:`scorecard.errors`).

Codes are stable and never reused.  The letter says which layer found the
problem:

- ``Y`` reading YAML (syntax, encoding, limits, forbidden features)
- ``S`` the schema of one file (missing, unknown or wrongly typed keys)
- ``R`` references between files (unknown ids, duplicates, value types)
- ``C`` citations (quotes checked against their source text)
- ``F`` source files (missing, tampered, outside the project)
- ``P`` the project as a whole (missing catalogue, bad layout, stray files)
- ``V`` analyst reviews (reviews.yaml: unknown items, expired or outdated reviews)
- ``T`` memo templates a project supplies (``templates/``)

This module imports nothing from the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One entry of the catalogue: a stable code, a readable name, a title."""

    code: str
    name: str
    title: str
    severity: Severity = Severity.ERROR


_CODES = [
    # -- reading YAML -----------------------------------------------------
    Code("Y001", "yaml-syntax", "the file is not valid YAML"),
    Code("Y002", "yaml-encoding", "the file is not UTF-8 text (or starts with a byte-order mark)"),
    Code("Y003", "yaml-binary", "the file holds NUL bytes or other binary data"),
    Code("Y004", "yaml-too-large", "the file is larger than the size limit"),
    Code("Y005", "yaml-too-deep", "the file nests deeper than the depth limit"),
    Code("Y006", "yaml-duplicate-key", "a mapping repeats a key"),
    Code("Y007", "yaml-alias", "anchors, aliases and merge keys are not allowed"),
    Code("Y008", "yaml-tag", "explicit tags (such as !!python/object) are not allowed"),
    Code("Y009", "yaml-multiple-documents", "the file holds more than one YAML document"),
    Code("Y010", "yaml-empty", "the file holds no data"),
    Code("Y011", "yaml-line-too-long", "a line is longer than the line limit"),
    Code("Y012", "yaml-key-type", "a mapping key is not a plain string"),
    Code("Y013", "yaml-unreadable", "the file cannot be read (permissions, or not a regular file)"),
    Code("Y014", "yaml-number-out-of-range", "a number is not finite or lies outside ±10^15"),
    Code("Y015", "folder-unlistable", "a folder of the project cannot be listed, so its files were not checked"),
    # -- schema of one file -----------------------------------------------
    Code("S001", "schema-missing-key", "a required key is missing"),
    Code("S002", "schema-unknown-key", "a key is not part of the file format"),
    Code("S003", "schema-wrong-type", "a value has the wrong type"),
    Code("S004", "schema-invalid-value", "a value is of the right type but not allowed"),
    # -- references between files -----------------------------------------
    Code("R001", "unknown-source", "a citation names a source that is not in seeds/sources.yaml"),
    Code("R002", "unknown-indicator", "an indicator is not declared in rules/indicators.yaml"),
    Code("R003", "value-type", "a value does not fit its indicator's type"),
    Code("R004", "duplicate-id", "an id is used twice"),
    Code("R005", "unknown-reference", "a reference to a rule set, recommendation or criterion that does not exist"),
    Code("R006", "duplicate-fact", "two facts give the same indicator for the same period"),
    Code("R007", "year-mismatch", "an evidence file's year differs from its file name, or a period lies outside it"),
    Code("R008", "country-mismatch", "an evidence file's country differs from its folder's other files"),
    Code("R009", "unknown-reporter", "a reporter is not declared under `reporters:` in rules/indicators.yaml"),
    Code("R010", "unknown-conclusion-item", "a rule set's conclusion names an item the rule set does not have"),
    Code("R020", "duplicate-country-year", "two evidence files give the same country and year"),
    Code("R021", "country-folder-mismatch", "an evidence file's folder does not match its country: the country's files are in two folders, or the folder names another country"),
    Code("R022", "source-before-year", "a fact cites a report that covers only years before the fact's"),
    Code("R023", "bad-continues", "a recommendation continues an item that does not exist, of its own rule set, or in a loop"),
    Code("R040", "unknown-country", "a country code is not in rules/countries.yaml"),
    Code("R041", "unknown-currency", "a currency code is not an ISO 4217 code"),
    Code("R042", "currency-not-amount", "a fact that is not an amount gives a currency"),
    # -- citations ---------------------------------------------------------
    Code("C001", "quote-not-found", "the quote does not occur in its source"),
    Code("C002", "quote-ambiguous", "the quote occurs more than once; add prefix or suffix"),
    Code("C003", "quote-outside-span", "the quote lies outside the part of the source about the country"),
    Code("C004", "quote-too-short", "the quote is too short to identify a passage"),
    Code("C005", "quote-too-long", "the quote is longer than the quote limit"),
    Code("C006", "context-not-found", "the prefix or suffix does not surround the quote"),
    Code("C007", "quote-unchecked", "the quote was not checked: the run's work for quote lookups was spent"),
    Code("C008", "quote-cuts-word", "the quote begins or ends inside a word or number of the source"),
    # -- source files ------------------------------------------------------
    Code("F001", "source-missing", "a source file does not exist"),
    Code("F002", "source-hash-mismatch", "a source file's SHA-256 differs from the catalogue"),
    Code("F003", "source-outside-project", "a source path is absolute, climbs out of seeds/, or links outside it"),
    Code("F004", "span-not-found", "a span's start or end phrase is not in the source"),
    Code("F005", "source-unreadable", "a source file is not UTF-8 text or is too large"),
    Code("F006", "source-name-unusable", "a source file name the system cannot look up (too long, or not a valid name)"),
    Code("F016", "no-span-for-country", "a fact cites a shared source that has no part about the fact's country"),
    Code("F017", "quote-in-excluded-range", "the quote lies in a range of the source excluded from citation (a collector's header)"),
    # -- rule lint: rules that cannot mean what they say --------------------
    Code("L002", "never-assessed", "a recommendation whose criteria can never give it a verdict"),
    Code("L004", "reads-own-conclusion", "a criterion reads the report's own conclusion in a rule set that concludes the same"),
    # -- the project -------------------------------------------------------
    Code("P001", "project-file-missing", "a file the project needs is missing"),
    Code("P002", "project-layout", "a file is not where the project layout expects it"),
    Code("P003", "stray-file", "a file under rules/ or evidence/ that the loader does not read (.yml, wrong case, other names)"),
    # -- analyst reviews (reviews.yaml) -----------------------------------
    Code("V001", "review-unknown-item", "a review names a rule set, item, country or year that has no verdict"),
    Code("V002", "review-expired", "a review's expiry date has passed: revisit it"),
    Code("V003", "review-outdated", "the rules' verdict has changed since the review was written: revisit it"),
    Code("V004", "review-duplicate", "a second review of the same rule set, item, country and year"),
    # -- memo templates (templates/ beside scorecard.yaml) -----------------
    Code("T001", "template-syntax", "a memo template is not valid Jinja2"),
    Code("T002", "template-unreadable", "a memo template is not UTF-8 text, is too large or is not a regular file"),
    Code("T003", "template-unknown", "a file in templates/ is not a template the memo uses or can include"),
    Code("T004", "template-render", "a memo template fails when rendered (an unknown variable, filter or include)"),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}
BY_NAME: dict[str, Code] = {c.name: c for c in _CODES}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place.

    ``path`` is relative to the project root with ``/`` separators; ``line``
    and ``col`` are 1-based (0 when the problem concerns the whole file).
    Ordering is by position, then code, so sorted output is stable.
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:  # a typo here is a bug in the tool
            raise ValueError(f"unknown diagnostic code {self.code!r}")
        # A file name that is not UTF-8 comes from the OS with surrogates standing for its
        # bytes; no output can carry them (JSON must be UTF-8), so each shows as U+FFFD.
        for name in ("path", "message", "hint"):
            text = getattr(self, name)
            if text is not None and not text.isascii():
                object.__setattr__(self, name, text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))

    @property
    def name(self) -> str:
        return CATALOGUE[self.code].name

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
