"""Exceptions for the tool failing to proceed — never for problems in the data.

Problems in the data are :class:`~scorecard.diagnostics.Diagnostic` values.
These exceptions carry a message written for the person at the terminal; the
CLI prints it and exits 2 (usage) or 1 (the project has problems).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ScorecardError(Exception):
    """Base class: the message is for people."""

    exit_code = 2


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f'; did you mean "{close[0]}"?' if close else ""


class ProjectNotFound(ScorecardError):
    """No scorecard project at or above the given folder."""


class InvalidProject(ScorecardError):
    """The project's files have problems, so nothing can be evaluated."""

    exit_code = 1

    def __init__(self, message: str, diagnostics: list | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


class UnknownRuleSet(ScorecardError):
    def __init__(self, ruleset: str, known: Iterable[str]) -> None:
        known = sorted(known)
        super().__init__(f'rule set "{ruleset}" is not in this project{did_you_mean(ruleset, known)} (known: {", ".join(known) or "none"})')


class UnknownRecommendation(ScorecardError):
    def __init__(self, ruleset: str, recommendation: str, known: Iterable[str]) -> None:
        known = list(known)
        super().__init__(f'rule set "{ruleset}" has no recommendation "{recommendation}"{did_you_mean(recommendation, known)} (known: {", ".join(known)})')


class NoEvidence(ScorecardError):
    """No evidence for the country or year asked for."""
