"""The reference documentation, built from the code so it cannot go stale.

``python -m scorecard.reference > docs/REFERENCE.md`` regenerates it; a test
fails when the committed file differs, or when an operator or a diagnostic
code lacks its documentation.
"""

from __future__ import annotations

import inspect

from .diagnostics import CATALOGUE
from .models import IndicatorType, ScoringPolicy
from .models.conditions import OPERATORS


def operator_docs() -> list[tuple[str, str]]:
    """(op, docstring) for every condition operator, in registry order."""
    result = []
    for model in OPERATORS:
        op = model.model_fields["op"].annotation.__args__[0]
        result.append((op, inspect.cleandoc(model.__doc__ or "")))
    return result


def render_reference() -> str:
    lines = [
        "# scorecard reference",
        "",
        "Generated from the code by `python -m scorecard.reference`; do not edit by hand.",
        "",
        "## Condition operators",
        "",
        "A criterion's `condition` is one of these, chosen by `op`. Each gives *true*, *false* or *unknown*.",
        "",
    ]
    for op, doc in operator_docs():
        lines += [f"### `{op}`", "", doc, ""]
    lines += ["## Indicator types", "", inspect.cleandoc(IndicatorType.__doc__ or ""), ""]
    lines += ["## Scoring policy", "", inspect.cleandoc(ScoringPolicy.__doc__ or ""), ""]
    lines += [
        "## Diagnostic codes",
        "",
        "Every problem `scorecard validate` reports is `path:line:col: CODE message`. Codes are stable.",
        "",
        "| code | name | meaning |",
        "|---|---|---|",
    ]
    for code in CATALOGUE.values():
        lines.append(f"| {code.code} | {code.name} | {code.title} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_reference(), end="")
