"""Benchmark ``scorecard`` on a synthetic project (see ``bench/README.md``).

    python bench/run.py --countries 190 --years 20 --repeat 3
    python bench/run.py --scale 10x5 --scale 50x10 --scale 100x20 --scale 190x20

For each scale: generates the project with ``bench/generate.py`` (or reuses
it when it was generated with the same parameters and inputs), then measures,
as medians of ``--repeat`` runs (fewer for a measure whose runs already took
``--budget`` seconds, so that 190 x 20 stays within 15 minutes on 2 cores):

- ``validate``: ``scorecard validate --no-cache`` as a subprocess with the
  project as its working folder (every check on every file), with its peak RSS;
- ``cache``: ``scorecard validate`` with an empty ``.scorecard-cache/``
  (filling it), then again after one evidence file is edited (only that file
  is read again); the file is restored and the cache removed afterwards;
- ``load`` and ``evaluate``: in a fresh Python process, ``api.open_project``
  (load and check everything), then ``api.evaluate`` of every rule set for
  every year with evidence (one Scorecard each, not rendered);
- ``help``: ``scorecard --help``, a cold start of the command line;
- ``embedded``: ``scorecard evaluate`` outside any project (the embedded Peru dataset),
  what an analyst's first command costs;
- ``peer``: ``check-jsonschema --schemafile schemas/evidence.schema.json`` on
  every evidence file (schema only, no citations);
- ``floor``: a fresh Python process that reads every YAML file with
  ``yaml.load(..., Loader=yaml.CSafeLoader)``, reads every source text, and
  does one ``str.find`` per quote in its source text.

Every child's CPU time (user + system, from its own rusage) is recorded beside its
wall-clock time: on a shared machine the wall clock of the same run varies by tens of
per cent, its CPU time much less, so ratios are given for both (``*_cpu_s``).

Children run as a user would: with bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped
and a pinned copy is compiled), and with the cache's per-user key in
``bench/out/user-cache/`` rather than the real home folder.

Prints, per scale, the targets; then the scaling table (every scale of the run, each
with the floor measured in the same run); last, one JSON line per scale with
validate_s, evaluate_s, help_s, peer_s, floor_s, peak_rss_mb, files, citations (and a
few more keys).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

BIN = Path(sys.executable).parent
EVIDENCE_SCHEMA = REPO / "schemas" / "evidence.schema.json"

# Targets (issue 15): at every scale unless said.
TARGET_VALIDATE_OVER_FLOOR = 1.2
TARGET_CACHED_OVER_VALIDATE = 0.1  # at 100 x 10 and 190 x 20
TARGET_EVALUATE_OVER_LOAD = 1.2
TARGET_EMBEDDED_S = 0.25
TARGET_HELP_S = 0.15
TARGET_RSS_MB = 1024


# ----------------------------------------------------------------------------
# Children, timed from outside, with their own peak RSS
# ----------------------------------------------------------------------------


def child_env(pythonpath: str | None = None) -> dict[str, str]:
    """The environment of every child: as a user's (bytecode written and read), with the
    cache key in bench/out/user-cache/, and the pinned package first on the path if any."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["XDG_CACHE_HOME"] = str(HERE / "out" / "user-cache")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


CHILD_ENV: dict[str, str] = child_env()
PINNED: str | None = None
"""The environment of every child; --revision makes it import a pinned copy of the package."""

class Run(NamedTuple):
    """One child run: wall-clock seconds, its own peak RSS (MB), its stdout, its CPU seconds."""

    wall: float
    rss: float
    out: bytes
    cpu: float


def run_child(argv: list[str], cwd: Path, *, check: bool = True) -> Run:
    """Run a process to its end: its wall and CPU time (user + system), peak RSS and stdout.

    The output goes to temporary files and the child is reaped with ``os.wait4``,
    which gives the rusage of that child alone (RUSAGE_CHILDREN would be the
    maximum over every child so far, the peer's included).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=CHILD_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        data = out.read()
        if check and proc.returncode != 0:
            raise SystemExit(
                f"{' '.join(argv[:3])} ... failed with exit {proc.returncode}:\n"
                + data[:2000].decode(errors="replace") + err.read()[-4000:].decode(errors="replace")
            )
    return Run(elapsed, usage.ru_maxrss / 1024, data, usage.ru_utime + usage.ru_stime)


def scorecard_cmd() -> list[str]:
    script = BIN / "scorecard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "scorecard"]


def peer_cmd() -> list[str]:
    script = BIN / "check-jsonschema"
    if script.exists():
        return [str(script)]
    found = shutil.which("check-jsonschema")
    if found is None:
        raise SystemExit("check-jsonschema is not installed (pip install check-jsonschema)")
    return [found]


def median(values: list[float]) -> float:
    return statistics.median(values)


# ----------------------------------------------------------------------------
# The floor and the evaluation run in fresh processes (this file, with a flag)
# ----------------------------------------------------------------------------


def floor(root: Path) -> dict:
    """Read every YAML file (C loader) and every source; one str.find per quote."""
    import yaml

    loader = yaml.CSafeLoader
    yamls = [root / "scorecard.yaml", root / "seeds" / "sources.yaml", root / "rules" / "indicators.yaml"]
    rules = sorted(p for p in (root / "rules").rglob("*.yaml") if p.name != "indicators.yaml")
    evidence = sorted((root / "evidence").rglob("*.yaml"))
    data = {p: yaml.load(p.read_bytes(), Loader=loader) for p in yamls + rules + evidence}
    catalogue = data[root / "seeds" / "sources.yaml"]["sources"]
    texts = {s["id"]: (root / "seeds" / s["file"]).read_bytes().decode("utf-8") for s in catalogue}
    found = quotes = 0
    for path in rules + evidence:
        doc = data[path]
        citations = [r["citation"] for r in doc.get("recommendations", []) if "citation" in r]
        citations += [c for fact in doc.get("facts", []) for c in fact["citations"]]
        for c in citations:
            quotes += 1
            found += texts[c["source"]].find(c["quote"]) >= 0
    return {"files": len(data) + len(texts), "quotes": quotes, "verbatim": found}


EVALUATE_CHILD = """
import json, sys, time
from pathlib import Path
from scorecard import api
root = Path(sys.argv[1]).resolve()
t0 = time.perf_counter()
project = api.open_project(root)
t1 = time.perf_counter()
count = 0
for ruleset_id in sorted(project.rulesets):
    ruleset = project.rulesets[ruleset_id]
    countries = [ruleset.country] if ruleset.country else project.countries()
    for country in countries:
        for year in project.years(country):
            api.evaluate(project, ruleset_id, year, country)
            count += 1
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "evaluate_s": t2 - t1, "scorecards": count}))
"""


# ----------------------------------------------------------------------------
# One scale
# ----------------------------------------------------------------------------


def ensure_project(countries: int, years: int, seed: int, out: Path | None) -> tuple[Path, float | None]:
    out = out or HERE / "out" / f"{countries}x{years}-s{seed}"
    if generate.is_current(out, countries, years, seed):
        return out, None
    start = time.perf_counter()
    generate.generate(out, countries, years, seed)
    return out, time.perf_counter() - start


def measure(countries: int, years: int, repeat: int, seed: int = 0, out: Path | None = None, log=print, budget: float = 240.0) -> dict:
    root, generated_s = ensure_project(countries, years, seed, out)
    log(f"== {countries} x {years}: {root} ({'generated in %.1f s' % generated_s if generated_s else 'reused'})")
    sc = scorecard_cmd()
    evidence = sorted(p.relative_to(root).as_posix() for p in (root / "evidence").rglob("*.yaml"))

    runs: dict[str, int] = {}

    def repeated(name: str, once) -> list:
        """``once()`` up to ``repeat`` times, fewer when the runs so far took ``budget`` seconds."""
        results, spent = [], 0.0
        while len(results) < repeat and (not results or spent < budget):
            start = time.perf_counter()
            results.append(once())
            spent += time.perf_counter() - start
        runs[name] = len(results)
        return results

    # --no-cache: every run reads and checks everything (the cache is measured below)
    validate_runs = repeated("validate", lambda: run_child([*sc, "validate", "--no-cache", "--format", "json"], root))
    report = json.loads(validate_runs[-1].out)
    if not report["ok"]:
        raise SystemExit(f"the synthetic project does not validate: {report['problems'][:3]}")
    log(f"   validate {median([r.wall for r in validate_runs]):.2f} s (CPU {median([r.cpu for r in validate_runs]):.2f} s), peak RSS {max(r.rss for r in validate_runs):.0f} MB")

    floor_runs = repeated("floor", lambda: run_child([sys.executable, str(Path(__file__).resolve()), "--floor", str(root)], root))
    floor_info = json.loads(floor_runs[-1].out)
    log(f"   floor {median([r.wall for r in floor_runs]):.2f} s (CPU {median([r.cpu for r in floor_runs]):.2f} s)")

    evaluate_runs = repeated("evaluate", lambda: run_child([sys.executable, "-c", EVALUATE_CHILD, str(root)], root))
    evaluations = [json.loads(r.out) for r in evaluate_runs]
    load = [e["load_s"] for e in evaluations]
    evaluate = [e["evaluate_s"] for e in evaluations]
    scorecards = evaluations[-1]["scorecards"]
    log(f"   load {median(load):.2f} s + evaluate {median(evaluate):.2f} s ({scorecards} scorecards)")

    cache_runs = repeated("cache", lambda: cached_validate(root, sc, evidence[len(evidence) // 2]))
    log(f"   validate filling the cache {median([f.wall for f, _ in cache_runs]):.2f} s, "
        f"then after a one-file edit {median([c.wall for _, c in cache_runs]):.2f} s (CPU {median([c.cpu for _, c in cache_runs]):.2f} s)")

    outside = Path(tempfile.mkdtemp(prefix="scorecard-bench-"))  # no project above it: --embedded asks for the shipped dataset
    try:
        help_runs = [run_child([*sc, "--help"], outside) for _ in range(max(repeat, 5))]
        embedded_runs = [run_child([*sc, "evaluate", "--embedded"], outside) for _ in range(max(repeat, 5))]
    finally:
        shutil.rmtree(outside, ignore_errors=True)
    log(f"   --help {median([r.wall for r in help_runs]):.3f} s, evaluate (embedded) {median([r.wall for r in embedded_runs]):.3f} s")

    peer_runs = repeated("peer", lambda: run_child([*peer_cmd(), "--schemafile", str(EVIDENCE_SCHEMA), *evidence], root))
    log(f"   peer {median([r.wall for r in peer_runs]):.2f} s")

    def wall(runs: list[Run]) -> float:
        return round(median([r.wall for r in runs]), 3)

    def cpu(runs: list[Run]) -> float:
        return round(median([r.cpu for r in runs]), 3)

    cached = [c for _, c in cache_runs]
    result = {
        "countries": countries,
        "years": years,
        "validate_s": wall(validate_runs),
        "evaluate_s": round(median(evaluate), 3),
        "load_s": round(median(load), 3),
        "help_s": wall(help_runs),
        "embedded_evaluate_s": wall(embedded_runs),
        "peer_s": wall(peer_runs),
        "validate_cache_fill_s": wall([f for f, _ in cache_runs]),
        "validate_cached_s": wall(cached),
        "floor_s": wall(floor_runs),
        "validate_cpu_s": cpu(validate_runs),
        "floor_cpu_s": cpu(floor_runs),
        "validate_cached_cpu_s": cpu(cached),
        "help_cpu_s": cpu(help_runs),
        "embedded_evaluate_cpu_s": cpu(embedded_runs),
        "peer_cpu_s": cpu(peer_runs),
        "peak_rss_mb": round(max(r.rss for r in validate_runs), 1),
        "files": report["files"],
        "citations": report["citations"],
        "evidence_files": len(evidence),
        "scorecards": scorecards,
        "floor_quotes_verbatim": floor_info["verbatim"],
        "repeat": repeat,
        "runs": runs,
        "generated_s": round(generated_s, 1) if generated_s else None,
    }
    result["validate_over_floor"] = round(result["validate_s"] / result["floor_s"], 2)
    result["validate_over_floor_cpu"] = round(result["validate_cpu_s"] / result["floor_cpu_s"], 2)
    result["cached_over_validate"] = round(result["validate_cached_s"] / result["validate_s"], 3)
    result["cached_over_validate_cpu"] = round(result["validate_cached_cpu_s"] / result["validate_cpu_s"], 3)
    result["evaluate_over_load"] = round((result["load_s"] + result["evaluate_s"]) / result["load_s"], 3)
    return result


def cached_validate(root: Path, sc: list[str], edited: str) -> tuple[Run, Run]:
    """``scorecard validate`` with an empty cache (which it fills), then again after
    one evidence file is edited.  The file and the cache are restored and removed
    afterwards, so the project stays as generated."""
    cache = root / ".scorecard-cache"
    shutil.rmtree(cache, ignore_errors=True)
    path = root / edited
    original = path.read_bytes()
    try:
        fill = run_child([*sc, "validate", "--format", "json"], root)
        path.write_bytes(original + b"# edited by bench/run.py\n")  # a comment: still valid, new bytes
        after_edit = run_child([*sc, "validate", "--format", "json"], root)
        if not json.loads(after_edit.out)["ok"]:
            raise SystemExit(f"validate with the cache reports problems on a valid project: {after_edit.out[:500]!r}")
    finally:
        path.write_bytes(original)
        shutil.rmtree(cache, ignore_errors=True)
    return fill, after_edit


def targets(r: dict) -> list[tuple[str, str, str, bool]]:
    """(figure, measured, target, met) for one scale; ratios in wall-clock and CPU time."""
    cached_applies = (r["countries"], r["years"]) in ((100, 10), (190, 20))
    return [
        ("validate vs floor", f"{r['validate_s']:.2f} s = {r['validate_over_floor']:.2f} x floor {r['floor_s']:.2f} s "
         f"(CPU {r['validate_cpu_s']:.2f} s = {r['validate_over_floor_cpu']:.2f} x {r['floor_cpu_s']:.2f} s)",
         f"<= {TARGET_VALIDATE_OVER_FLOOR} x floor", max(r["validate_over_floor"], r["validate_over_floor_cpu"]) <= TARGET_VALIDATE_OVER_FLOOR),
        ("validate vs peer", f"{r['validate_s']:.2f} s vs peer {r['peer_s']:.2f} s", "faster than peer", r["validate_s"] < r["peer_s"]),
        ("re-check after a one-file edit", f"{r['validate_cached_s']:.2f} s = {r['cached_over_validate']:.3f} x validate "
         f"(CPU {r['cached_over_validate_cpu']:.3f} x)", f"<= {TARGET_CACHED_OVER_VALIDATE} x validate" + ("" if cached_applies else " (target at 100x10, 190x20)"),
         max(r["cached_over_validate"], r["cached_over_validate_cpu"]) <= TARGET_CACHED_OVER_VALIDATE),
        ("evaluate everything", f"load {r['load_s']:.2f} s + eval {r['evaluate_s']:.2f} s = {r['evaluate_over_load']:.3f} x load", f"<= {TARGET_EVALUATE_OVER_LOAD} x load", r["evaluate_over_load"] <= TARGET_EVALUATE_OVER_LOAD),
        ("scorecard evaluate (embedded)", f"{r['embedded_evaluate_s']:.3f} s (CPU {r['embedded_evaluate_cpu_s']:.3f} s)", f"<= {TARGET_EMBEDDED_S} s", r["embedded_evaluate_s"] <= TARGET_EMBEDDED_S),
        ("scorecard --help", f"{r['help_s']:.3f} s (CPU {r['help_cpu_s']:.3f} s)", f"<= {TARGET_HELP_S} s", r["help_s"] <= TARGET_HELP_S),
        ("validate peak RSS", f"{r['peak_rss_mb']:.0f} MB", f"< {TARGET_RSS_MB} MB", r["peak_rss_mb"] < TARGET_RSS_MB),
    ]


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def scaling_table(results: list[dict]) -> str:
    """One row per scale, each against the floor measured in the same run (wall clock, and CPU in brackets)."""
    header = ["scale", "files", "citations", "validate s", "floor s", "x floor", "x floor CPU", "peer s", "cached s", "cached/validate",
              "load s", "evaluate s", "eval/load", "RSS MB"]
    rows = [[f"{r['countries']}x{r['years']}", f"{r['files']:,}", f"{r['citations']:,}", f"{r['validate_s']:.2f}", f"{r['floor_s']:.2f}",
             f"{r['validate_over_floor']:.2f}", f"{r['validate_over_floor_cpu']:.2f}", f"{r['peer_s']:.2f}", f"{r['validate_cached_s']:.2f}",
             f"{r['cached_over_validate']:.3f}", f"{r['load_s']:.2f}", f"{r['evaluate_s']:.2f}", f"{r['evaluate_over_load']:.3f}",
             f"{r['peak_rss_mb']:.0f}"] for r in results]
    return table(rows, header)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def pin(rev: str) -> tuple[str, dict[str, str]]:
    """Export ``scorecard/`` at a commit under bench/out/ and an environment importing it.

    Others keep editing the working tree; a run pinned to a commit measures one
    version of the package from its first child to its last.
    """
    sha = subprocess.run(["git", "rev-parse", "--short", rev], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    dest = HERE / "out" / f"src-{sha}"
    if not (dest / "scorecard" / "__init__.py").is_file():
        dest.mkdir(parents=True, exist_ok=True)
        # the package and, beside it, the dataset it embeds when run from a checkout
        parts = [p for p in ("scorecard", "scorecard.yaml", "rules", "evidence", "seeds", "schemas")
                 if subprocess.run(["git", "cat-file", "-e", f"{sha}:{p}"], cwd=REPO, capture_output=True).returncode == 0]
        archive = subprocess.run(["git", "archive", sha, *parts], cwd=REPO, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "scorecard")], check=True, env=child_env())
    env = child_env(str(dest))
    return sha, env


def revision() -> str:
    """The commit measured, with ``+dirty`` when scorecard/ has uncommitted changes."""
    if PINNED:
        return PINNED
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "scorecard"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark scorecard on a synthetic project.")
    parser.add_argument("--countries", type=int, default=10)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--scale", action="append", default=[], metavar="NxM", help="a scale to run (repeatable); overrides --countries/--years")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=240.0, metavar="S",
                        help="stop repeating a measure once its runs took S seconds (default 240; at least one run)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="project folder (default bench/out/<N>x<M>-s<seed>); single scale only")
    parser.add_argument("--save", type=Path, default=None, help="also write the results (a JSON list) to this file")
    parser.add_argument("--revision", default=None, metavar="REV",
                        help="measure scorecard/ as committed at REV (e.g. HEAD), not the working tree")
    parser.add_argument("--floor", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.floor is not None:  # a child: the floor, timed by the parent
        print(json.dumps(floor(args.floor)))
        return 0

    if args.revision is not None:
        global CHILD_ENV, PINNED
        PINNED, CHILD_ENV = pin(args.revision)
    scales = [tuple(int(x) for x in s.lower().split("x")) for s in args.scale] or [(args.countries, args.years)]
    if args.out is not None and len(scales) > 1:
        parser.error("--out takes a single scale")
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    log(f"machine: {machine()}; scorecard at {revision()}")
    results = [measure(n, m, args.repeat, args.seed, args.out, log=log, budget=args.budget) for n, m in scales]

    for r in results:
        print(f"\n{r['countries']} countries x {r['years']} years: {r['files']} files, {r['citations']} citations, "
              f"{r['scorecards']} scorecards; medians of runs {r['runs']}")
        print(table([[name, got, want, "met" if ok else "NOT MET"] for name, got, want, ok in targets(r)],
                    ["figure", "measured", "target", ""]))
    print("\nscaling (each scale against the floor measured in the same run)\n" + scaling_table(results))
    if args.save is not None:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps({"machine": machine(), "revision": revision(), "results": results}, indent=2) + "\n")
    print()
    for r in results:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
