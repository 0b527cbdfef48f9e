"""``scorecard source add``: copy a text under seeds/, hash it, propose its span, catalogue it.

Cataloguing by hand means computing a SHA-256, finding the phrases that open and close
the part about the country, and writing a YAML entry without breaking the file.  Here
the entry is *appended* to ``seeds/sources.yaml``: the rest of the file (its comments,
order and layout) is kept byte for byte, and the result is read back and checked before
anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..anchor import SourceText
from ..errors import ScorecardError
from ..loader import SOURCES_FILE, load_project
from ..models import SourceCatalogue
from ..project import MAX_SOURCE_BYTES, Project
from ..safe_write import write_atomic
from ..yamlio import load_yaml_bytes

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MONTH_RANGE = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2]))/(\d{4}-(?:0[1-9]|1[0-2]))$")
END_WORDS = 6
"""Words of the last line of the country's part taken as the span's end phrase (more
when those few words also occur earlier, so that its first occurrence is the end)."""


@dataclass
class ProposedSpan:
    start: str
    end: str
    start_line: int
    end_line: int


@dataclass
class AddedSource:
    id: str
    seed: str
    """project-relative path of the copy, seeds/<id>.txt"""
    sha256: str
    span: ProposedSpan | None
    note: str
    """what the span is based on, or why there is none, for the curator to check"""
    entry: str
    """the YAML text appended to seeds/sources.yaml"""


def add_source(
    root: Path,
    file: Path,
    *,
    source_id: str,
    title: str,
    publisher: str,
    published: str,
    covers: str,
    country: str | None = None,
    url: str | None = None,
    heading: str | None = None,
    dry_run: bool = False,
) -> AddedSource:
    """Catalogue ``file`` as source ``source_id`` of the project at ``root``.

    Raises ScorecardError (a usage error, nothing written) when an argument is wrong, the
    id is taken, the text is not UTF-8 or too large, or the catalogue cannot take an
    appended entry."""
    project = load_project(root, evidence=True).project
    _check_id(project, source_id)
    date = _date(published)
    start, end = _covers(covers)
    raw = _read_text(file)
    text = SourceText(raw.decode("utf-8"))
    code = _country(project, country)
    name = heading or (project.country_catalogue[code].names.en if code in project.country_catalogue else None)
    span, note = propose_span(text, name) if name else (None, f"no name for {code} in rules/countries.yaml (nor --heading): no span proposed; the whole text counts")
    seed = f"seeds/{source_id}.txt"
    target = root / seed
    if target.exists() and target.read_bytes() != raw:
        raise ScorecardError(f"{seed} exists already with other content; choose another --id")
    digest = hashlib.sha256(raw).hexdigest()
    fields = {
        "id": source_id, "file": f"{source_id}.txt", "title": title, "publisher": publisher,
        "published": date.isoformat(), "covers": {"start": start, "end": end}, "country": code,
        "url": url, "original_name": file.name, "sha256": digest,
    }  # fmt: skip
    catalogue_path = root / SOURCES_FILE
    before = catalogue_path.read_text(encoding="utf-8")
    # A new project's empty catalogue (`sources: []`, from `init --country`) opens its list
    # for the first entry; nothing else in the file changes.
    before = re.sub(r"(?m)^sources:[ \t]*\[\][ \t]*$", "sources:", before, count=1)
    entry = _entry_text(before, fields, span)
    after = before + ("" if before.endswith("\n") else "\n") + entry
    _check_catalogue(after, source_id)
    if not dry_run:
        write_atomic(target, raw)
        write_atomic(catalogue_path, after.encode("utf-8"))
    return AddedSource(source_id, seed, digest, span, note, entry)


def propose_span(text: SourceText, country_name: str) -> tuple[ProposedSpan | None, str]:
    """The part about the country: from its heading (a line that starts with its name in
    capitals, as ``PERU: Tier 2``) to the last line before the next heading of that shape
    (or the end of the text).  None, and why, when there is no such heading."""
    lines = text.text.split("\n")
    name = country_name.upper()
    heading = re.compile(rf"^\s*{re.escape(name)}\b\s*(?::|$|[—–-])")
    start_index = next((i for i, line in enumerate(lines) if heading.match(line) and line.strip()[: len(name)].isupper()), None)
    if start_index is None:
        return None, f'no heading for {country_name} (a line starting "{name}") found: no span proposed; add one by hand if the text speaks of other countries'
    shape = _heading_shape(lines[start_index].strip()[len(name):])
    end_index = next((i for i in range(start_index + 1, len(lines)) if shape.match(lines[i]) and not heading.match(lines[i])), len(lines))
    last = next((i for i in range(end_index - 1, start_index, -1) if lines[i].strip()), start_index)
    start = lines[start_index].strip()
    end = _end_phrase(text, lines[last], start)
    first = text.find_phrase(start)
    if first is None or first.start < _offset(lines, start_index):
        return None, f'the heading "{start}" also occurs before line {start_index + 1}: no span proposed; add one by hand'
    if end is None:
        return None, f"the last line of the part about {country_name} (line {last + 1}) also occurs earlier: no span proposed; add one by hand"
    stop = "the last line before the next country's heading" if end_index < len(lines) else "the last line of the text"
    return ProposedSpan(start, end, start_index + 1, last + 1), f"span proposed from the heading at line {start_index + 1} to {stop} (line {last + 1}): check it"


def _heading_shape(rest: str) -> re.Pattern[str]:
    """Headings of other countries look like this one: ``NAME: Tier 2`` gives any capitals
    followed by ``: Tier``; a bare ``NAME`` line gives any line of capitals alone."""
    after = rest.strip()
    if after.startswith(":") and after[1:].strip():
        word = re.escape(after[1:].split()[0])
        return re.compile(rf"^\s*[A-Z][A-Z .,'’()-]+:\s*{word}\b")
    return re.compile(r"^\s*[A-Z][A-Z .,'’()-]{2,}\s*:?\s*$")


def _offset(lines: list[str], index: int) -> int:
    return sum(len(line) + 1 for line in lines[:index])


def _end_phrase(text: SourceText, line: str, start: str) -> str | None:
    """The shortest ending of ``line`` (from END_WORDS words) whose first occurrence in the
    text is this line's, so that the span ends where intended."""
    words = line.split()
    wanted = text.text.rfind(line.strip())
    for count in range(min(END_WORDS, len(words)), len(words) + 1):
        phrase = " ".join(words[-count:])
        hit = text.find_phrase(phrase)
        if hit is not None and hit.start >= wanted:
            return phrase
    return None


def _check_id(project: Project, source_id: str) -> None:
    if not ID_PATTERN.match(source_id) or len(source_id) > 80:
        raise ScorecardError(f'--id "{source_id}" must be lower-case letters, digits, - and _ (e.g. tip-2019-peru)')
    if source_id in project.sources:
        raise ScorecardError(f'source "{source_id}" is already in {SOURCES_FILE}; choose another --id')


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ScorecardError(f'--date "{value}" is not a date such as 2019-06-20') from None


def _covers(value: str) -> tuple[str, str]:
    found = MONTH_RANGE.match(value.strip())
    if found is None or found[1] > found[2]:
        raise ScorecardError(f'--covers "{value}" is not a period of months such as 2018-04/2019-03')
    return found[1], found[2]


def _read_text(file: Path) -> bytes:
    try:
        if not file.is_file():
            raise ScorecardError(f'"{file}" is not a file')
        if file.stat().st_size > MAX_SOURCE_BYTES:
            raise ScorecardError(f'"{file}" is larger than {MAX_SOURCE_BYTES // 2**20} MiB')
        raw = file.read_bytes()
    except OSError as error:
        raise ScorecardError(f'cannot read "{file}": {error.strerror or error}') from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScorecardError(f'"{file}" is not UTF-8 text (byte {error.start}); save it as UTF-8 first (e.g. `iconv -f latin1 -t utf-8`)') from None
    return raw


def _country(project: Project, given: str | None) -> str:
    known = set(project.country_catalogue) | {doc.data.country for doc in project.evidence}
    if given is not None:
        code = given.upper()
        if project.country_catalogue and code not in project.country_catalogue:
            raise ScorecardError(f'--country "{given}" is not in rules/countries.yaml (it has: {", ".join(sorted(project.country_catalogue))})')
        return code
    if len(known) == 1:
        return next(iter(known))
    raise ScorecardError("name the country the source speaks of with --country (ISO 3166 alpha-3, e.g. PER)")


def _entry_text(catalogue: str, fields: dict[str, object], span: ProposedSpan | None) -> str:
    """The entry as YAML, indented like the catalogue's first entry; strings are written
    as JSON strings, which YAML reads back exactly (quotes, colons, accents and all)."""
    found = re.search(r"^( *)- +id:", catalogue, re.M)
    dash = found[1] if found else "  "
    key = dash + "  "
    lines = [""]
    for index, (name, value) in enumerate(fields.items()):
        if value is None:
            continue
        lead = f"{dash}- " if index == 0 else key
        if isinstance(value, dict):
            inner = ", ".join(f"{k}: {v}" for k, v in value.items())
            lines.append(f"{lead}{name}: {{{inner}}}")
        elif name in ("published",):
            lines.append(f"{lead}{name}: {value}")
        else:
            lines.append(f"{lead}{name}: {json.dumps(value, ensure_ascii=False)}")
    if span is not None:
        lines += [f"{key}span:", f"{key}  start: {json.dumps(span.start, ensure_ascii=False)}", f"{key}  end: {json.dumps(span.end, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n"


def _check_catalogue(text: str, source_id: str) -> None:
    """The catalogue with the entry appended must read back, with the entry last."""
    document, problems = load_yaml_bytes(text.encode("utf-8"), SOURCES_FILE, max_nodes=150_000)
    reason = problems[0].message if problems else None
    if document is not None and not problems:
        try:
            catalogue = SourceCatalogue.model_validate(document.data)
        except ValidationError as error:
            reason = str(error.errors()[0]["msg"])
        else:
            if catalogue.sources and catalogue.sources[-1].id == source_id:
                return
            reason = "the new entry would not be the catalogue's last"
    raise ScorecardError(f"{SOURCES_FILE} cannot take an appended entry ({reason}); nothing was written: fix the file (see `scorecard validate`) and run again")
