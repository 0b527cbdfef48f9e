"""The command line: parse options, call one api function, render, exit 0 / 1 / 2.

Commands live in one module per group (:mod:`.report` for readers, :mod:`.curate` for
curators) and are registered here, explicitly, so the list of commands is in one place.
Heavy modules (pydantic models, the evaluator, renderers) are imported inside the
commands so that ``scorecard --help`` starts quickly.
"""

from __future__ import annotations

import typer

from . import authoring, curate, export, listing, report
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "app", "main"]

app = typer.Typer(
    name="scorecard",
    help="How far has a government come on what it was asked to do about human trafficking? "
    "Scores recommendations per year as met, partial, unmet or not assessed, with the quotes behind every verdict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


for command in (
    report.evaluate,
    report.progress,
    report.explain,
    report.memo,
    report.coverage,
    export.export,
    curate.validate,
    curate.cite,
    curate.fix,
    curate.schema,
    curate.init,
    authoring.indicators,
    authoring.new_year,
    authoring.suggest,
):
    app.command()(command)
app.command("list")(listing.list_rulesets)
app.command("rulesets", help="The same as `scorecard list`: the rule sets, their items and years with evidence.")(listing.list_rulesets)
app.add_typer(authoring.source_app)


def main() -> None:
    """Console entry point."""
    app()
