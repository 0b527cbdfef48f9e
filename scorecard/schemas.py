"""JSON Schemas of every file kind, generated from the models (draft-07).

Draft-07 because that is what editors' YAML language servers understand; the
committed copies under ``schemas/`` are checked against these by a test, so
they cannot drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .models import CountryCatalogue, EvidenceFile, IndicatorCatalogue, ProjectConfig, ReviewFile, RuleSet, Scorecard, SourceCatalogue
from .safe_write import write_atomic

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

FILE_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "project.schema.json": (ProjectConfig, "scorecard project file (scorecard.yaml)"),
    "sources.schema.json": (SourceCatalogue, "source catalogue (seeds/sources.yaml)"),
    "indicators.schema.json": (IndicatorCatalogue, "indicator vocabulary (rules/indicators.yaml)"),
    "countries.schema.json": (CountryCatalogue, "countries file (rules/countries.yaml)"),
    "evidence.schema.json": (EvidenceFile, "evidence file (evidence/<country>/<year>.yaml)"),
    "ruleset.schema.json": (RuleSet, "rule set (rules/<body>/<id>.yaml)"),
    "reviews.schema.json": (ReviewFile, "analyst reviews (reviews.yaml)"),
    "scorecard.schema.json": (Scorecard, "output of `scorecard evaluate --format json`"),
}


def generate() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every file kind."""
    return {name: _draft07(model, title) for name, (model, title) in FILE_KINDS.items()}


def _draft07(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", None)
    result: dict[str, Any] = {"$schema": DRAFT_07, **schema}
    result["title"] = title
    if definitions:
        result["definitions"] = definitions
    return result


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, schemas: dict[str, dict[str, Any]]) -> list[str]:
    """Write the schemas that changed; returns their names.

    Nothing is written through a link out of the project (a ``schemas`` link, or a
    link in it, from someone else's pull request): such a file is replaced, not followed.
    """
    from .errors import ScorecardError

    if folder.is_symlink():
        raise ScorecardError(f'"{folder}" is a link; not writing through it (remove it, then run again)')
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(schemas):
        path = folder / name
        text = dumps(schemas[name])
        if path.is_symlink() or not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text.encode("utf-8"), replace_link=True)  # replaces a link itself, never its target
            written.append(name)
    return written


def schema_differences(folder: Path, schemas: dict[str, dict[str, Any]]) -> list[str]:
    """Names of the schemas whose committed copy is missing or differs."""
    stale = []
    for name in sorted(schemas):
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != dumps(schemas[name]):
            stale.append(name)
    return stale
