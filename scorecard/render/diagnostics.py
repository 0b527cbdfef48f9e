"""Diagnostics for people (text), for machines (json) and for GitHub Actions (github).

Pure functions of the diagnostics given; the caller sorts them (by place).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol


class _Diagnostic(Protocol):  # render imports only models; diagnostics are duck-typed
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None
    name: str

    def to_dict(self) -> dict[str, object]: ...


FORMATS = ("text", "json", "github")


def render_diagnostics(
    diagnostics: Sequence[_Diagnostic], fmt: str, *, files: int, citations: int, with_summary: bool = True, prefix: str = ""
) -> str:
    """Every diagnostic in the order given, then (text, unless told not to) a summary line.

    ``prefix`` (the project's folder in its repository, such as ``"data/peru/"``) goes
    before each path in GitHub annotations, which GitHub resolves from the checkout.
    """
    if fmt == "json":
        payload = {
            "ok": not diagnostics,
            "files": files,
            "citations": citations,
            "problems": [d.to_dict() for d in diagnostics],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(_github(d, prefix) + "\n" for d in diagnostics)
    lines = []
    for d in diagnostics:
        lines.append(_clean(f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}"))
        if d.hint:
            lines.append(_clean(f"  hint: {d.hint}"))
    if with_summary:
        lines.append(summary(len(diagnostics), len({d.path for d in diagnostics}), files, citations))
    return "\n".join(lines) + "\n"


def summary(problems: int, files_with_problems: int, files: int, citations: int) -> str:
    if problems == 0:
        return f"ok: {files} files, {citations} citations checked, no problems"
    plural = "s" if problems != 1 else ""
    return f"{problems} problem{plural} in {files_with_problems} of {files} files ({citations} citations checked)"


def _github(d: _Diagnostic, prefix: str) -> str:
    # Workflow commands: properties escape , and : too; the message escapes %, CR, LF.
    # Names and words from the data are cleaned first: the runner's log is a terminal too.
    title = _prop(f"{d.code} {d.name}")
    message = _data(_clean(d.message) + (f"\nhint: {_clean(d.hint)}" if d.hint else ""))
    return f"::error file={_prop(_clean(prefix + d.path))},line={d.line},col={d.col},title={title}::{message}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _clean(text: str) -> str:
    """No control characters from data reach the terminal."""
    return "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in text)
