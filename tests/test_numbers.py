"""Every number that enters the tool is finite and inside a stated range (issue 12, defects 5
and 6, and "every number finite and in a stated range"): ``.inf``, ``.nan``, ``1e309`` and
10^400 are reported where they are written, never evaluated, and never reach JSON output."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from scorecard import api
from scorecard.models import Criterion, Fact
from scorecard.schemas import generate as all_schemas
from scorecard.yamlio import load_yaml_bytes

BASE = Path(__file__).resolve().parent / "fixtures" / "base"


@pytest.mark.parametrize("text", [".inf", "-.inf", ".NaN", "1e309", "-1e309", str(10**400), "1e16", str(-(10**16)), "0x" + "f" * 20])
def test_a_number_out_of_range_is_reported_where_it_is_written(text):
    document, problems = load_yaml_bytes(f"a: 1\nvalue: {text}\n".encode(), "x.yaml")
    assert [(d.line, d.col, d.code) for d in problems] == [(2, 8, "Y014")]
    assert document is not None and document.data["value"] == text  # kept as the text written, never a number


@pytest.mark.parametrize("text", ["0", "1e15", "-1e15", str(10**15), "7500000", "0.5", "1e-300", '".inf"'])
def test_a_number_in_range_is_read_as_written(text):
    document, problems = load_yaml_bytes(f"value: {text}\n".encode(), "x.yaml")
    assert problems == []
    assert not isinstance(document.data["value"], float) or math.isfinite(document.data["value"])


def test_the_library_refuses_non_finite_and_huge_numbers_too():
    citation = {"source": "s", "quote": "a quote of the source"}
    for bad in (math.inf, -math.inf, math.nan, 10**400, 1e300):
        with pytest.raises(ValidationError):
            Fact(indicator="prosecution.convictions", value=bad, citations=[citation])
    condition = {"op": "reported", "indicator": "prosecution.convictions"}
    for bad in (math.inf, math.nan, 1e300):
        with pytest.raises(ValidationError):
            Criterion(id="c", description="d", rationale="r", condition=condition, weight=bad)


def _numbers(schema: object, where: str = "") -> list[tuple[str, dict]]:
    found = []
    if isinstance(schema, dict):
        if schema.get("type") in ("integer", "number"):
            found.append((where, schema))
        for key, value in schema.items():
            found += _numbers(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += _numbers(value, f"{where}/{index}")
    return found


def test_every_number_in_every_schema_has_a_stated_range():
    for name, schema in all_schemas().items():
        if name == "scorecard.schema.json":  # the tool's output, not a file anyone writes
            continue
        for where, number in _numbers(schema):
            assert ("minimum" in number or "exclusiveMinimum" in number) and ("maximum" in number or "exclusiveMaximum" in number), f"{name}{where}: {number}"


def _project(tmp_path: Path, edit) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    edit(root)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scorecard", *args, "--project", str(root)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "file, old, new",
    [
        ("rules/demo/demo.yaml", "weight: 0.5", "weight: .inf"),  # the probe's: met while three criteria fail
        ("evidence/peru/2017.yaml", "value: 33", f"value: {10**400}"),  # the probe's: OverflowError in evaluation
        ("evidence/peru/2017.yaml", "value: 7500000", "value: .nan"),
    ],
    ids=["inf-weight", "huge-count", "nan-amount"],
)
def test_every_command_reports_the_number_and_never_evaluates_it(tmp_path, file, old, new):
    root = _project(tmp_path, lambda r: _replace(r / file, old, new))
    codes = [d.code for d in api.validate(root).diagnostics]
    assert codes == ["Y014"]
    for command in (["validate"], ["evaluate", "demo", "--format", "json"], ["progress", "demo"], ["explain", "demo", "R1"]):
        run = _run(root, *command)
        assert run.returncode in (1, 2), (command, run.stdout, run.stderr)
        # validate's findings are its output (stdout); other commands refuse on stderr
        shown = run.stdout if command == ["validate"] else run.stderr
        assert "Traceback" not in run.stderr and "Y014" in shown, (command, run.stderr)
        assert "Infinity" not in run.stdout and "NaN" not in run.stdout


def test_json_output_is_strict_json(tmp_path):
    run = _run(_project(tmp_path, lambda r: None), "evaluate", "demo", "--format", "json")
    assert run.returncode == 0, run.stderr

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    json.loads(run.stdout, parse_constant=refuse)
