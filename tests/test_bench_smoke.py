"""The benchmark's synthetic project, at a tiny scale: it validates clean and is deterministic.

No timings here: CI machines vary.  The full benchmark is ``bench/run.py``.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return generate.generate(tmp_path_factory.mktemp("bench") / "p", countries=2, years=2, seed=0, processes=1)


def test_layout(project):
    files = tree(project)
    assert {"scorecard.yaml", "seeds/sources.yaml", "rules/indicators.yaml"} <= set(files)
    assert len([f for f in files if f.startswith("evidence/")]) == 4
    assert len([f for f in files if f.startswith("rules/synthetic/")]) == 2
    texts = [f for f in files if f.startswith("seeds/") and f.endswith(".txt")]
    assert len(texts) == 4
    assert all(35_000 <= len(files[t]) <= 50_000 for t in texts)
    assert files["rules/indicators.yaml"] == (ROOT / "rules" / "indicators.yaml").read_bytes()


def test_generation_is_deterministic(project, tmp_path):
    again = generate.generate(tmp_path / "again", countries=2, years=2, seed=0, processes=2)
    assert tree(again) == tree(project)
    other = generate.generate(tmp_path / "other", countries=2, years=2, seed=1, processes=1)
    assert tree(other) != tree(project)


def test_country_codes_and_names_are_unique():
    countries = [generate.country(i) for i in range(26**3)]
    assert countries[0].code == "AAA" and countries[1].code == "AAB" and countries[-1].code == "ZZZ"
    assert len({c.slug for c in countries}) == len(countries)


def test_synthetic_project_validates_clean(project):
    if importlib.util.find_spec("scorecard.cli") is None:
        pytest.skip("the scorecard CLI is not written yet")
    result = subprocess.run(
        [sys.executable, "-m", "scorecard", "validate", "--format", "json"],
        cwd=project, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"ok": true' in result.stdout
