"""Work a stranger's files can cause is bounded, and ordinary work never meets the bound
(issue 12, defects 7 and 8, and "every kind of work bounded")."""

from __future__ import annotations

from scorecard import anchor
from scorecard.anchor import Budget, SourceText


def test_the_runs_budget_answers_unchecked_once_spent_never_found():
    text = SourceText("a" * 200_000 + "\n")
    budget = Budget(work=1_000_000)
    answers = [text.find("aaaaaaaa", prefix="a" * 1999 + "b", budget=budget).status for _ in range(50)]
    assert "unchecked" in answers and "found" not in answers
    assert answers[answers.index("unchecked") :] == ["unchecked"] * (50 - answers.index("unchecked"))


def test_ordinary_lookups_never_spend_the_runs_budget():
    # 20,000 lookups of a quote occurring three times, each picked out by a prefix
    sentence = "The police reported 865 anti-trafficking operations in the year."
    text = SourceText("\n".join(f"In region {n}: {sentence}" for n in range(3)) + "\n")
    budget = Budget()
    for _ in range(20_000):
        assert text.find(sentence, prefix="In region 1:", budget=budget).status == "found"
    assert budget.left == anchor.RUN_WORK


# -- each source read, hashed and normalised once per run (defect 7) ------------------

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from scorecard import api, project as project_module

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
SIXTEEN_MB = 16 * 1024 * 1024


def _many_entries_on_one_seed(root: Path, entries: int) -> None:
    """The probe's: ``entries`` catalogue entries pointing at one 16 MB seed, each cited once."""
    shutil.copytree(BASE, root)
    line = b"The police reported 865 anti-trafficking operations in region %d.\n"
    data = b"".join(line % n for n in range(SIXTEEN_MB // len(line)))
    data = data[: data.rindex(b"\n", 0, SIXTEEN_MB) + 1]  # just under the 16 MiB limit
    (root / "seeds/big.txt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    with open(root / "seeds/sources.yaml", "a", encoding="utf-8") as stream:
        for n in range(entries):
            stream.write(f"\n  - id: big-{n}\n    file: big.txt\n    title: Big\n    publisher: x\n    sha256: {digest}\n")
    citations = "".join(f"      - {{source: big-{n}, quote: 'anti-trafficking operations in region {n}.'}}\n" for n in range(entries))
    (root / "evidence/peru/2017.yaml").write_text(
        "country: PER\nyear: 2017\nfacts:\n  - indicator: prosecution.operations\n    value: 865\n    citations:\n" + citations,
        encoding="utf-8",
    )


def test_a_seed_named_by_many_entries_is_read_and_hashed_once(tmp_path, monkeypatch):
    root = tmp_path / "project"
    _many_entries_on_one_seed(root, 20)
    reads: list[str] = []
    real = project_module.read_source
    monkeypatch.setattr(project_module, "read_source", lambda r, file: reads.append(file) or real(r, file))
    report = api.validate(root)
    assert report.diagnostics == []
    assert reads.count("big.txt") == 1


def test_300_entries_on_one_16_mb_seed_stay_within_5_s_and_500_mb(tmp_path):
    # The probe's reproduction took 27 s and 6.1 GB.  Measured in a child process: its own
    # peak memory, and a generous time limit for a loaded machine.
    root = tmp_path / "project"
    _many_entries_on_one_seed(root, 300)
    script = (
        "import json, resource, sys, time\n"
        "from scorecard import api\n"
        "start = time.process_time()\n"
        "from pathlib import Path\n"
        "report = api.validate(Path(sys.argv[1]))\n"
        "print(json.dumps({'problems': len(report.diagnostics), 'cpu': time.process_time() - start,"
        " 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    measured = json.loads(run.stdout)
    assert measured["problems"] == 0
    assert measured["cpu"] < 5, measured  # CPU time: what the run costs, however loaded the machine
    assert measured["peak_mb"] < 500, measured
