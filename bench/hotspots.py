"""Where ``scorecard validate`` (or evaluation) spends its time on a generated project.

    python bench/hotspots.py bench/out/190x20-s0              # phases, GC share, cProfile top
    python bench/hotspots.py bench/out/190x20-s0 --evaluate 400

Phases are timed by wrapping the package's functions, in CPU time (the machine
these figures come from is shared: its wall clock varies far more), with no
profiler overhead, and given per evidence file and per citation as well; the cost
of importing the package comes first.  The cProfile listing follows (its absolute
times are inflated by the profiler, its shares less so).  Memory: the peak RSS of this
process and what the loaded documents, models and source texts hold.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import resource
import sys
import time
from pathlib import Path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self.depth = 0

    def wrap(self, module, name: str) -> None:
        func = getattr(module, name)
        label = f"{module.__name__.removeprefix('scorecard.')}.{name}"
        totals = self.totals

        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                totals[label] = totals.get(label, 0.0) + time.process_time() - start

        setattr(module, name, timed)


def phases(root: Path) -> None:
    """CPU time of each phase of api.validate, per file and per citation, and the share
    of the garbage collector (wall clock, while it runs).

    Functions are wrapped by name where they are looked up (``api.load_project``,
    ``loader.load_yaml``, ...); a name the package no longer has is skipped.
    """
    started = time.process_time()
    from scorecard import anchor, api, checks, loader, yamlio  # noqa: F401  (imports timed)

    imports = time.process_time() - started

    gc_time = [0.0]
    gc_start = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            gc_start[0] = time.perf_counter()
        else:
            gc_time[0] += time.perf_counter() - gc_start[0]

    timer = Timer()
    wrapped = [
        (api, "load_project"), (api, "check_project"),
        (loader, "load_yaml"), (loader, "load_evidence"), (loader, "_read"), (loader, "_to_model"), (yamlio, "_build"), (yamlio, "_check_text"),
        (checks, "_check_sources"), (checks, "_check_ruleset"), (checks, "_check_evidence"),
        (checks, "_check_evidence_file"), (checks, "_check_citation"), (checks, "stray_files"),
    ]
    for module, name in wrapped:
        if hasattr(module, name):
            timer.wrap(module, name)
    gc.callbacks.append(on_gc)
    start, wall = time.process_time(), time.perf_counter()
    report = api.validate(root)
    total, wall = time.process_time() - start, time.perf_counter() - wall
    gc.callbacks.remove(on_gc)
    files = sum(1 for _ in (root / "evidence").rglob("*.yaml")) or 1
    citations = report.citations or 1
    print(f"api.validate on {root} ({report.files} files, {files} of them evidence, {report.citations} citations),")
    print(f"CPU time, no profiler ({wall:.2f} s wall clock); nested phases overlap (_build runs inside load_evidence):")
    print(f"  {'phase':34s} {'CPU s':>7s}  {'share':>6s}  {'per evidence file':>17s}  {'per citation':>12s}")
    print(f"  {'importing the package (before)':34s} {imports:7.2f}")
    for label, seconds in sorted(timer.totals.items(), key=lambda kv: -kv[1]):
        print(f"  {label:34s} {seconds:7.2f}  {100 * seconds / total:5.1f} %  {1000 * seconds / files:14.2f} ms  {1e6 * seconds / citations:9.1f} µs")
    print(f"  {'garbage collector (wall, inside)':34s} {gc_time[0]:7.2f}  {100 * gc_time[0] / total:5.1f} %")
    print(f"  {'total':34s} {total:7.2f}  100.0 %  {1000 * total / files:14.2f} ms  {1e6 * total / citations:9.1f} µs;"
          f"  peak RSS of this process {_rss_mb():.0f} MB")


def profile(root: Path, top: int) -> None:
    from scorecard import api

    profiler = cProfile.Profile()
    profiler.enable()
    api.validate(root)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


def profile_evaluate(root: Path, count: int, top: int) -> None:
    from scorecard import api

    project = api.open_project(root)
    jobs = [(rid, year) for rid in sorted(project.rulesets) for year in project.years(project.rulesets[rid].country or project.countries()[0])]
    jobs = jobs[:count]
    # The first pass is the one users pay for (per-country indexes, positions are built
    # on first use): profile it; then time a second pass without the profiler.
    profiler = cProfile.Profile()
    profiler.enable()
    for rid, year in jobs:
        api.evaluate(project, rid, year)
    profiler.disable()
    start = time.perf_counter()
    for rid, year in jobs:
        api.evaluate(project, rid, year)
    print(f"{len(jobs)} evaluations, second pass (warm caches), no profiler: {time.perf_counter() - start:.2f} s")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--evaluate", type=int, default=0, metavar="N", help="profile N evaluations instead of validate")
    parser.add_argument("--no-cprofile", action="store_true")
    args = parser.parse_args(argv)
    root = args.project.resolve()
    if args.evaluate:
        profile_evaluate(root, args.evaluate, args.top)
        return 0
    phases(root)
    if not args.no_cprofile:
        profile(root, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
