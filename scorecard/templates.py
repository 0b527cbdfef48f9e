"""A project's own memo templates: ``templates/`` beside ``scorecard.yaml``.

An organisation puts its letterhead, logo or wording in ``templates/memo.html.j2`` or
``templates/memo.md.j2`` (usually extending the shipped template, see the README) and
may add files those templates include (an SVG logo, a style sheet).  They are read here,
once, confined like every project file, and checked by ``validate``; rendering is given
their text, so the renderer reads no file.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic

TEMPLATES_DIR = "templates"
MAX_TEMPLATE_BYTES = 1 << 20
MEMO_TEMPLATE_NAMES = ("memo.html.j2", "memo.md.j2")
INCLUDE_SUFFIXES = (".j2", ".svg", ".css", ".html", ".md", ".txt")
"""What a project template may include besides the memo templates themselves."""


def read_templates(root: Path) -> tuple[dict[str, str], list[Diagnostic]]:
    """(template name -> text, problems) for the files directly in ``templates/``.

    A file that is not a regular file inside the project, is over 1 MiB, or is not UTF-8
    is a T002 and left out; a file whose suffix no template can use is a T003."""
    folder = root / TEMPLATES_DIR
    found: dict[str, str] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir() or not _inside(folder, root):
        return found, problems
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        rel = f"{TEMPLATES_DIR}/{path.name}"
        if path.name.startswith("."):
            continue
        if not path.name.endswith(INCLUDE_SUFFIXES):
            problems.append(Diagnostic(
                rel, 0, 0, "T003", f'"{path.name}" is not a memo template or a file one can include',
                hint=f"memo templates are {' and '.join(MEMO_TEMPLATE_NAMES)}; included files end in {', '.join(INCLUDE_SUFFIXES)}",
            ))
            continue
        if not path.is_file() or not _inside(path, root):
            problems.append(Diagnostic(rel, 0, 0, "T002", "the template is not a regular file inside the project"))
            continue
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            problems.append(Diagnostic(rel, 0, 0, "T002", f"the template is larger than {MAX_TEMPLATE_BYTES // 1024} KiB"))
            continue
        try:
            found[path.name] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Diagnostic(rel, 0, 0, "T002", f"the template is not UTF-8 text (byte {error.start})"))
    return found, problems


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return False
    return True


def check_templates(root: Path) -> list[Diagnostic]:
    """Every problem of the project's templates: unreadable files and Jinja2 syntax errors."""
    templates, problems = read_templates(root)
    if not templates:
        return sorted(problems)
    from jinja2 import TemplateSyntaxError  # only projects with templates pay for importing Jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    for name, text in templates.items():
        if not name.endswith(".j2"):
            continue
        try:
            env.parse(text, name=name)
        except TemplateSyntaxError as error:
            problems.append(Diagnostic(f"{TEMPLATES_DIR}/{name}", error.lineno or 1, 1, "T001", error.message or "template syntax error"))
    if not any(p.code == "T001" for p in problems):
        problems += _try_render(templates)
    return sorted(problems)


def _sample_input():
    """A one-recommendation memo to try a project's templates on (every field filled)."""
    from .models import (
        CitationRef, CriterionResult, Pillar, Progress, ProgressRow, Provenance, RecommendationResult,
        Scorecard, Status, Totals, Trend, Truth,
    )
    from .render.memo_view import Letterhead, MemoInput

    quote = CitationRef(source="sample", quote="a sample quote", line=1, title="A sample source")
    criterion = CriterionResult(id="c", description="A criterion.", truth=Truth.TRUE, explanation="", facts=[])
    result = RecommendationResult(
        id="R1", title="A recommendation", text="Do something.", pillar=Pillar.PROSECUTION, status=Status.MET,
        score=1.0, held=1, assessed=1, total=1, criteria=[criterion], citations=[quote], explanation="",
    )
    sc = Scorecard(
        ruleset="sample", title="Sample", country="PER", year=2017, results=[result], totals=Totals(met=1, score=1.0),
        provenance=Provenance(tool_version="0", ruleset_version="1", ruleset_sha256="0" * 64, sources={}),
    )
    progress = Progress(ruleset="sample", title="Sample", country="PER", years=[2017],
                        rows=[ProgressRow(id="R1", title="A recommendation", statuses={2017: Status.MET}, trend=Trend.NEW_EVIDENCE)])
    import datetime as dt

    return MemoInput(scorecard=sc, sources=[], progress=progress, date=dt.date(2017, 1, 1),
                     letterhead=Letterhead("An organisation", "An author", "a contact"))


def _try_render(templates: dict[str, str]) -> list[Diagnostic]:
    """T004 for each memo template that fails on a sample memo (an unknown variable or filter)."""
    from jinja2 import TemplateError

    from .render.memo import MEMO_TEMPLATES, render_memo

    problems = []
    sample = _sample_input()
    for fmt, name in MEMO_TEMPLATES.items():
        if name not in templates:
            continue
        try:
            render_memo(sample, fmt, templates)
        except TemplateError as error:
            problems.append(render_problem(error, name))
    return problems


def render_problem(error: Exception, name: str) -> Diagnostic:
    """A Jinja2 error met while rendering the template ``name`` as a T004 diagnostic."""
    import traceback

    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename in (name, "<template>")]
    line = getattr(error, "lineno", None) or (lines[-1] if lines else 1)
    return Diagnostic(
        f"{TEMPLATES_DIR}/{getattr(error, 'name', None) or name}", line or 1, 1, "T004",
        f"the template fails: {getattr(error, 'message', None) or error}",
        hint="the names a template can use are listed in the README, under Memo templates",
    )
