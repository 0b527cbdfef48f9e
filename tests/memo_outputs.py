"""The memo of the shipped dataset (tip-2015-peru, 2017) in each language and form, made once.

Made through the command line as a user makes them, with a fixed date so the output does
not depend on the day the tests run.  Shared by the property tests and the browser tests.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from typer.testing import CliRunner

from scorecard.cli import app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
"""Screenshots and PDFs the tests leave for people to look at (git-ignored)."""
RULESET, YEAR, DATE = "tip-2015-peru", 2017, "2026-03-31"
LANGS = ("en", "es")


def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@cache
def memo_file(lang: str, suffix: str, folder: str) -> Path:
    """The memo written with ``--output memo-<lang><suffix>`` into ``folder``."""
    out = Path(folder) / f"memo-{lang}{suffix}"
    result = CliRunner().invoke(
        app,
        ["memo", RULESET, "--year", str(YEAR), "--lang", lang, "--date", DATE, "--output", str(out), "--project", str(ROOT), "--no-cache"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out


def pdf_text(data: bytes) -> str:
    """The text of a PDF, every run of whitespace one space (pypdf)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return squeeze(" ".join(page.extract_text() or "" for page in reader.pages))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
