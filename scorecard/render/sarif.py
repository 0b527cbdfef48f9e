"""Diagnostics as SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) read.

A pure function of the diagnostics and the catalogue of codes: one rule per code,
whether or not it fired, so that a result's ``ruleIndex`` stays stable across runs,
and one result per diagnostic, located relative to the repository's root
(``%SRCROOT%``) so that a project in a subfolder is annotated on the right files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from .diagnostics import _Diagnostic

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
REFERENCE = "docs/REFERENCE.md"


class _Code(Protocol):  # scorecard.diagnostics.Code, duck-typed: render imports only models
    code: str
    name: str
    title: str

    @property
    def severity(self) -> object: ...


def render_sarif(diagnostics: Sequence[_Diagnostic], codes: Sequence[_Code], *, prefix: str = "", version: str) -> str:
    """A SARIF log with one run. ``prefix`` is the project's folder in its repository
    (``"data/peru/"``), put before each project-relative path."""
    index = {code.code: i for i, code in enumerate(codes)}
    rules = [_rule(code) for code in codes]
    results = [_result(d, index, prefix) for d in diagnostics]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "scorecard",
                        "fullName": "scorecard (trafficking-scorecard)",
                        "version": version,
                        "semanticVersion": version,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _level(item: object) -> str:
    """SARIF's level for a code or a diagnostic (each has a ``severity``; default error)."""
    severity = getattr(item, "severity", "error")
    return "warning" if getattr(severity, "value", severity) == "warning" else "error"


def _rule(code: _Code) -> dict[str, object]:
    title = code.title[:1].upper() + code.title[1:]
    return {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": f"{title}."},
        "fullDescription": {"text": f"{code.code} {code.name}: {code.title}."},
        "help": {
            "text": f"{title}. Each diagnostic's message says what was found and, where there is a likely fix, a hint; "
            f"every code is listed in {REFERENCE}.",
            "markdown": f"**{code.code} {code.name}**: {code.title}. Every code is listed in `{REFERENCE}`.",
        },
        "defaultConfiguration": {"level": _level(code)},
    }


def _result(d: _Diagnostic, index: dict[str, int], prefix: str) -> dict[str, object]:
    physical: dict[str, object] = {"artifactLocation": {"uri": prefix + d.path, "uriBaseId": "%SRCROOT%"}}
    if d.line > 0:  # line 0: the problem concerns the whole file, which SARIF says by omitting the region
        region: dict[str, int] = {"startLine": d.line}
        if d.col > 0:
            region["startColumn"] = d.col
        physical["region"] = region
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    return {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _level(d),
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
    }
