"""The tests of the shipped dataset check invariants, not today's counts.

A copy of the repository gets what a curator adds each year — a new report as a source,
a year of evidence from it and its recommendations as a rule set, made with the curation
commands — and the tests that read the dataset must still pass on it.  A test that
counted today's years, files or seeds would fail here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard import api
from scorecard.cli import app

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("scorecard", "tests", "seeds", "rules", "evidence", "schemas", "docs", "scorecard.yaml", "pyproject.toml", "README.md")
DATASET_TESTS = (
    "test_anchor.py", "test_cache.py", "test_cli.py", "test_countries.py", "test_curation_completeness.py",
    "test_dataset_invariants.py", "test_evidence_curation.py", "test_locate.py", "test_reference.py",
    "test_rulesets.py", "test_schemas.py", "test_scorecards.py",
)  # fmt: skip
"""Every test module that reads the shipped dataset (this one aside: it would recurse)."""

# A synthetic report in the shape of a TIP chapter; its figures are invented for the test.
REPORT = """SYNTHETIC TEST TEXT: not a real report.

PARAGUAY: Tier 2
The Government of Paraguay does not fully meet the minimum standards for the elimination of trafficking.

PERU: Tier 2
RECOMMENDATIONS FOR PERU
Increase efforts to prosecute trafficking offenses and convict and punish traffickers.
PROSECUTION
Police reported conducting 1,020 anti-trafficking operations in {year}.
Authorities convicted 41 traffickers in {year}.

PHILIPPINES: Tier 1
The Government of the Philippines fully meets the minimum standards for the elimination of trafficking.
"""

RULESET = """# yaml-language-server: $schema=../../schemas/ruleset.schema.json
# A synthetic rule set added by tests/test_dataset_extension.py.
# min_coverage 0.5 and max_gap_years 2: the defaults of the shipped rule sets.
id: synthetic-later-peru
title: Synthetic later recommendations for Peru
issuer: test
issued: {issued}
version: "1"
source: synthetic-later-peru
country: PER
policy: {{min_coverage: 0.5, max_gap_years: 2}}
recommendations:
  - id: R1
    title: Convict traffickers
    text: Increase efforts to prosecute trafficking offenses and convict and punish traffickers.
    citation:
      source: synthetic-later-peru
      quote: Increase efforts to prosecute trafficking offenses and convict and punish traffickers.
    pillar: prosecution
    continues: tip-2015-peru/R3
    criteria:
      - id: more-convictions
        description: More traffickers convicted than the year before.
        rationale: The recommendation asks to convict and punish traffickers.
        condition: {{op: increased, indicator: prosecution.convictions}}
"""


def extended_copy(tmp_path: Path) -> Path:
    """The repository with one more year, source and rule set, added as a curator would."""
    root = tmp_path / "repository"
    root.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", ".scorecard-cache"))
        elif source.exists():
            shutil.copyfile(source, root / name)
    year = max(api.open_project(root).years("PER")) + 1
    text = tmp_path / "later report.txt"
    text.write_text(REPORT.format(year=year), encoding="utf-8")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--project", str(root)])
        assert result.exit_code == 0, result.output
        return result.stdout

    run("source", "add", str(text), "--id", "synthetic-later-peru", "--title", "Synthetic later report", "--publisher", "test",
        "--date", f"{year + 1}-06-20", "--covers", f"{year}-04/{year + 1}-03", "--country", "PER", "--heading", "Peru")  # fmt: skip
    run("new-year", "PER", str(year))
    facts = [block for block in run("suggest", "synthetic-later-peru").split("\n\n") if "- indicator:" in block and "CHOOSE" not in block]
    evidence = root / f"evidence/peru/{year}.yaml"
    body = "\n".join(line for block in facts for line in block.splitlines() if not line.startswith("#"))
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("facts: []\n", f"facts:\n{body}\n"), encoding="utf-8")
    (root / "rules/tip/synthetic-later-peru.yaml").write_text(RULESET.format(issued=f"{year + 1}-06-20"), encoding="utf-8")
    return root


@pytest.mark.skipif(os.environ.get("SCORECARD_NESTED_DATASET_RUN") == "1", reason="already inside the extended copy")
def test_the_dataset_tests_pass_on_a_project_with_a_new_year_source_and_rule_set(tmp_path: Path):
    root = extended_copy(tmp_path)
    report = api.validate(root)
    assert report.diagnostics == [], [str(d) for d in report.diagnostics]
    assert {"operations", "convictions"} <= {f.indicator.split(".")[-1] for doc in api.open_project(root).evidence for f in doc.data.facts if doc.data.year == max(api.open_project(root).years("PER"))}
    environment = {**os.environ, "PYTHONPATH": str(root), "SCORECARD_NESTED_DATASET_RUN": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *(f"tests/{name}" for name in DATASET_TESTS if (root / "tests" / name).exists())],
        cwd=root, env=environment, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
