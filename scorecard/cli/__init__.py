"""The command line: parse options, call one api function, render, exit 0 / 1 / 2.

Commands live in one module per group (:mod:`.report` for readers, :mod:`.curate` for
curators) and are registered here, explicitly, so the list of commands is in one place.
Heavy modules (pydantic models, the evaluator, renderers) are imported inside the
commands so that ``scorecard --help`` starts quickly.
"""

from __future__ import annotations

import typer

from typing import Annotated, Optional

from . import authoring, curate, export, listing, report, terminal
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "app", "main"]

app = typer.Typer(
    name="scorecard",
    help="How far has a government come on what it was asked to do about human trafficking? "
    "Scores recommendations per year as met, partial, unmet or not assessed, with the quotes behind every verdict.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"scorecard {__version__} (trafficking-scorecard)")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[Optional[bool], typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True)] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour, even at a terminal (NO_COLOR=1 does the same).")] = False,
) -> None:
    """How far has a government come on what it was asked to do about human trafficking?
    Scores recommendations per year as met, partial, unmet or not assessed, with the quotes behind every verdict.

    Start with `scorecard list`, then `scorecard evaluate RULESET`; `scorecard COMMAND -h` shows each command's examples.
    """
    terminal.settings["no_color"] = no_color


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
