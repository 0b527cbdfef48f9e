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
    return sorted(problems)
