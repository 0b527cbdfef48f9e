"""``scorecard list`` (also ``scorecard rulesets``): what a project holds, to know what to ask for."""

from __future__ import annotations

from .common import EmbeddedOption, FormatOption, NoCacheOption, ProjectOption, TableFormat, fail, open_project, write


def list_rulesets(
    format: FormatOption = TableFormat.plain,
    project: ProjectOption = None,
    embedded: EmbeddedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The rule sets: id, title, country (or "any"), number of items, and the years with evidence.

    Examples:

      scorecard list

      scorecard rulesets --format json

      scorecard list --embedded
    """
    from .. import api
    from ..errors import ScorecardError
    from ..render.listing import render_rulesets

    try:
        entries = api.rulesets(open_project(project, no_cache, embedded))
    except ScorecardError as error:
        fail(error)
    write(render_rulesets(entries, format.value))
