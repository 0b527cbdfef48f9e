"""The committed JSON Schemas are the generated ones, and they accept the repository's data."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from scorecard.schemas import DRAFT_07, dumps, generate

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = generate()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_equals_generated(name):
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == dumps(SCHEMAS[name]), f"schemas/{name} is stale: run `scorecard schema --write`"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_07(name):
    assert SCHEMAS[name]["$schema"] == DRAFT_07
    jsonschema.Draft7Validator.check_schema(SCHEMAS[name])


def _data_files():
    yield "project.schema.json", ROOT / "scorecard.yaml"
    yield "sources.schema.json", ROOT / "seeds" / "sources.yaml"
    yield "indicators.schema.json", ROOT / "rules" / "indicators.yaml"
    yield "countries.schema.json", ROOT / "rules" / "countries.yaml"
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        if path.name not in ("indicators.yaml", "countries.yaml"):
            yield "ruleset.schema.json", path
    for path in sorted((ROOT / "evidence").rglob("*.yaml")):
        yield "evidence.schema.json", path


class _Yaml12Loader(yaml.SafeLoader):
    """Dates stay strings, as in YAML 1.2 and in editors' language servers."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.parametrize(("schema", "path"), list(_data_files()), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_repository_files_satisfy_their_schema(schema, path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    jsonschema.Draft7Validator(SCHEMAS[schema]).validate(data)


@pytest.mark.parametrize(("schema", "path"), list(_data_files()), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_curated_files_point_editors_at_their_schema(schema, path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(schema)
