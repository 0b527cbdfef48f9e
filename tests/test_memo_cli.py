"""`scorecard memo`: forms by extension, languages, the date, templates and the pdf extra."""

from __future__ import annotations

import builtins
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.render import pdf

FIXTURE = Path(__file__).parent / "fixtures" / "memo"


def run(*args: str):
    return CliRunner().invoke(app, ["memo", "demo", "--year", "2017", "--date", "2026-03-31", "--no-cache", *args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.mark.parametrize("name", ["memo.docx", "memo.txt", "memo"])
def test_an_unknown_extension_is_refused_and_nothing_written(project: Path, tmp_path: Path, name: str) -> None:
    result = run("-p", str(project), "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert "use .md, .html or .pdf" in result.output
    assert not (tmp_path / name).exists()


def test_pdf_without_weasyprint_names_the_extra(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    result = run("-p", str(project), "-o", str(tmp_path / "memo.pdf"))
    assert result.exit_code == 2
    assert f"pip install '{pdf.distribution_name()}[pdf]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "memo.pdf").exists()


def test_the_project_language_is_the_default_and_lang_overrides_it(project: Path) -> None:
    config = project / "scorecard.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "lang: es\n", encoding="utf-8")
    assert "## Conclusiones" in run("-p", str(project)).stdout
    assert "## Findings" in run("-p", str(project), "--lang", "en").stdout


def test_the_date_is_the_one_given_and_a_bad_date_is_a_usage_error(project: Path) -> None:
    assert "*March 31, 2026*" in run("-p", str(project)).stdout
    result = CliRunner().invoke(app, ["memo", "demo", "--year", "2017", "--date", "31/03/2026", "-p", str(project), "--no-cache"])
    assert result.exit_code == 2 and "is not a date" in result.output


def test_a_project_template_replaces_the_letterhead_and_data_stays_escaped(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "memo.html"
    assert run("-p", str(project), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<circle cx="20"' in html  # the project's logo, included by its template
    assert "Clínica Jurídica &lt;Demo&gt; &amp; Asociados" in html
    assert "<Demo>" not in html


def test_without_project_templates_the_shipped_letterhead_is_used(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / "templates")
    out = tmp_path / "memo.html"
    assert run("-p", str(project), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<div class="organisation">Clínica Jurídica &lt;Demo&gt; &amp; Asociados</div>' in html
    assert "<circle" not in html


def test_a_template_that_fails_at_render_is_a_diagnostic_not_a_traceback(project: Path) -> None:
    (project / "templates" / "memo.md.j2").write_text('{% extends "scorecard/memo.md.j2" %}\n{% block letterhead %}{{ nope.x }}{% endblock %}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "-p", str(project), "--no-cache"])
    assert result.exit_code == 1
    assert "templates/memo.md.j2:2:1: T004" in result.output


def test_progress_draws_the_grid_as_svg_and_a_page_in_spanish(project: Path) -> None:
    svg = CliRunner().invoke(app, ["progress", "demo", "-p", str(project), "--no-cache", "-f", "svg", "--lang", "es"])
    assert svg.exit_code == 0 and svg.stdout.startswith("<?xml") and "no evaluada" in svg.stdout and "Perú" in svg.stdout
    page = CliRunner().invoke(app, ["progress", "demo", "-p", str(project), "--no-cache", "-f", "html"])
    assert page.exit_code == 0 and page.stdout.startswith("<!DOCTYPE html>") and "analyst: partial" in page.stdout
