"""Find a project's files and load each into its model.

Each file goes through :mod:`scorecard.yamlio` (guarded reading, positions)
and then its pydantic model; a model's validation errors become diagnostics
placed at the offending key or value.  Cross-file checks are in
:mod:`scorecard.checks`.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic
from .errors import ProjectNotFound
from .models.conditions import OPERATORS
from .models import CountryCatalogue, EvidenceFile, IndicatorCatalogue, ProjectConfig, ReviewFile, RuleSet, SourceCatalogue
from .project import EvidenceDoc, Project, inside
from .yamlio import MAX_NODES, Document, load_yaml_bytes, read_yaml

PROJECT_FILE = "scorecard.yaml"
SOURCES_FILE = "seeds/sources.yaml"
INDICATORS_FILE = "rules/indicators.yaml"
COUNTRIES_FILE = "rules/countries.yaml"
REVIEWS_FILE = "reviews.yaml"

M = TypeVar("M", bound=BaseModel)

CATALOGUE_MAX_NODES = 150_000
"""The source catalogue grows with the number of documents (57,000 values for the whole TIP
Report, 190 countries x 20 years); every other file has yamlio's MAX_NODES."""


@dataclass
class LoadedProject:
    """A project with the YAML documents it came from, for placing later diagnostics."""

    project: Project
    documents: dict[str, Document] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    positions: dict[str, list[int]] = field(default_factory=dict)
    """For a file loaded only in part: the original index of each item kept (see _salvage)."""
    failed: set[str] = field(default_factory=set)
    """Files that exist but could not be loaded at all (their problems are reported)."""
    dropped: dict[str, set[str | None]] = field(default_factory=dict)
    """For a file loaded in part: the ids of the malformed items set aside (None: an item
    whose id cannot be read, which might be any id)."""

    def reported(self, path: str, ident: str) -> bool:
        """Whether ``ident`` of the file at ``path`` is already reported as broken there,
        so that a use of it elsewhere is not reported again as unknown."""
        dropped = self.dropped.get(path, ())
        return path in self.failed or ident in dropped or None in dropped

    digests: dict[str, str] = field(default_factory=dict)
    """SHA-256 of the bytes of each file read, as read (for provenance and the cache)."""
    files_read: int = 0
    """YAML files read as documents (kept in ``documents`` or since released)."""
    evidence_loaded: bool = True
    """False when evidence files are left to be loaded one at a time (see load_project)."""
    notes: list[str] = field(default_factory=list)
    """What the run should tell the user that is not a problem of the files (about the cache)."""
    for_evaluation: bool = True
    resolved_folders: dict[Path | None, Path | None] = field(default_factory=dict)
    """Folders of the project with their links resolved, for this run (None: the root)."""
    """False for a run that only validates: files taken from the cache need not be decoded."""
    """What the run should tell the user that is not a problem of the files (about the cache)."""

    def release(self, path: str) -> None:
        """Forget a file's YAML document once every diagnostic about it is placed."""
        self.documents.pop(path, None)

    def items(self, path: str, items: list[Any]) -> list[tuple[int, Any]]:
        """Items of a file's main list, each with its index in the file as written."""
        return list(zip(self.positions.get(path, range(len(items))), items))


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``scorecard.yaml``.

    A ``scorecard.yaml`` that is there but is not a regular file (a folder, a FIFO,
    a dangling link) stops the search with an error rather than being stepped over:
    walking on to a project further up, or to none, would check something other
    than what the curator meant, and CI would pass on it.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        problem = marker_problem(folder)
        if problem is None:
            return folder
        if problem != "missing":
            raise ProjectNotFound(f'"{folder / PROJECT_FILE}" {problem}; a project is marked by a regular scorecard.yaml file')
    return None


def marker_problem(folder: Path) -> str | None:
    """Why ``folder`` is not marked as a project: "missing", another reason, or None."""
    marker = folder / PROJECT_FILE
    try:
        if marker.is_file():
            return None
        return "is not a regular file" if os.path.lexists(marker) else "missing"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"


def ruleset_files(root: Path) -> list[str]:
    """Rule files under rules/, sorted, except the indicator vocabulary and the countries."""
    return [path for path in _yaml_files(root, "rules")[0] if path not in (INDICATORS_FILE, COUNTRIES_FILE)]


def evidence_files(root: Path) -> list[str]:
    """Evidence files, ``evidence/<country>/<year>.yaml``, sorted."""
    return _yaml_files(root, "evidence")[0]


def _yaml_files(root: Path, folder: str) -> tuple[list[str], list[str], list[str]]:
    """The ``.yaml`` entries under ``root/folder``, the links there that lead out, and the
    folders that cannot be listed (their files would be skipped unseen: reported, Y015).

    Unlike ``rglob``, no link to a folder outside the project is followed (such
    links are returned, to be reported); a link to a folder inside it is
    followed once.  Entries are returned even when they are not regular files,
    so that the loader can say why it does not read them.
    """
    project = _resolved(root)
    top = root / folder
    if project is None or not top.is_dir():
        return [], [], []
    files: list[str] = []
    links_out: list[str] = []
    unlisted: list[str] = []
    seen: set[Path] = set()
    stack = [top]
    while stack:
        current = stack.pop()
        target = _resolved(current)
        if target is None or not inside(target, project):
            links_out.append(rel(root, current))
            continue
        if target in seen:  # a second link to the same folder, or a loop
            continue
        seen.add(target)
        try:
            entries = list(os.scandir(current))
        except OSError:
            unlisted.append(rel(root, current))
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # follows links; checked above when walked
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(Path(entry.path))
            elif entry.name.endswith(".yaml"):
                files.append(rel(root, Path(entry.path)))
    return sorted(files), sorted(links_out), sorted(unlisted)


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def _confined(loaded: LoadedProject, full: Path) -> bool:
    """Whether ``full`` (a path in the project) stays inside it once links are resolved.

    A file that is not itself a link lies where its folder resolves to; folders are
    resolved once per run (an lstat per path component each time was a tenth of
    validating 3,800 evidence files), links in full."""
    folders = loaded.resolved_folders
    if None not in folders:
        folders[None] = _resolved(loaded.project.root)
    project = folders[None]
    try:
        if os.path.islink(full):
            target = _resolved(full)
        else:
            if full.parent not in folders:
                folders[full.parent] = _resolved(full.parent)
            parent = folders[full.parent]
            target = parent / full.name if parent is not None else None
    except ValueError:  # a name the OS cannot take
        return False
    return target is not None and project is not None and inside(target, project)


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def load_project(root: Path, *, evidence: bool = True) -> LoadedProject:
    """Load every file of the project; problems are returned, never raised.

    With ``evidence=False`` the evidence files are left for the caller to load one
    at a time with :func:`load_evidence` (validation checks each and releases its
    YAML document, so memory does not grow with the number of files)."""
    root = root.resolve()  # a relative root such as "." has no name to default the project's to
    loaded = LoadedProject(project=Project(root=root, config=ProjectConfig(name=root.name)))
    project = loaded.project

    config = _load(loaded, PROJECT_FILE, ProjectConfig, required=False)
    if config is not None:
        project.config = config

    catalogue = _load(loaded, SOURCES_FILE, SourceCatalogue, required=True)
    if catalogue is not None:
        for source in catalogue.sources:
            project.sources.setdefault(source.id, source)

    vocabulary = _load(loaded, INDICATORS_FILE, IndicatorCatalogue, required=True)
    if vocabulary is not None:
        for indicator in vocabulary.indicators:
            project.indicators.setdefault(indicator.id, indicator)
        for reporter in vocabulary.reporters:
            project.reporters.setdefault(reporter.id, reporter.label)

    # Optional: a project without one (made before countries were data) still works,
    # its codes checked only for shape and printed as codes.
    countries = _load(loaded, COUNTRIES_FILE, CountryCatalogue, required=False)
    if countries is not None:
        for country in countries.countries:
            project.country_catalogue.setdefault(country.code, country)

    for folder in ("rules", "evidence"):
        _, links_out, unlisted = _yaml_files(root, folder)
        for path in links_out:
            loaded.diagnostics.append(_outside(path))
        for path in unlisted:
            loaded.diagnostics.append(Diagnostic(path, 0, 0, "Y015", f"folder {path if len(path) <= 80 else path[:60] + '…'} cannot be listed, so its files were not checked",
                                                 hint="give yourself read and search permission on it (chmod u+rx), or move it out of the project"))  # fmt: skip

    for path in ruleset_files(root):
        ruleset = _load(loaded, path, RuleSet, required=True)
        if ruleset is not None and ruleset.id not in project.rulesets:
            project.rulesets[ruleset.id] = ruleset
            project.ruleset_paths[ruleset.id] = path
            project.ruleset_hashes[ruleset.id] = loaded.digests[path]

    reviews = _load(loaded, REVIEWS_FILE, ReviewFile, required=False)
    if reviews is not None:
        project.reviews = list(reviews.reviews)

    loaded.evidence_loaded = evidence
    if evidence:
        for path in evidence_files(root):
            load_evidence(loaded, path)
    return loaded


def read_evidence(loaded: LoadedProject, path: str) -> bytes | None:
    """The bytes of one evidence file, read as :func:`load_evidence` would read them
    (None: it could not be, and why is reported)."""
    return _read(loaded, path, required=True)


def load_evidence(loaded: LoadedProject, path: str, raw: bytes | None = None) -> EvidenceDoc | None:
    """Load one evidence file into the project (None when it could not be loaded);
    ``raw``: its bytes, when :func:`read_evidence` has read them already."""
    evidence = _load(loaded, path, EvidenceFile, required=True, raw=raw)
    if evidence is None:
        return None
    doc = EvidenceDoc(path=path, data=evidence)
    loaded.project.evidence.append(doc)
    return doc


def _outside(path: str) -> Diagnostic:
    return Diagnostic(path, 0, 0, "P002", f"{path} is a link leading outside the project; it was not read",
                      hint="copy the file into the project instead of linking to it")  # fmt: skip


def _load(loaded: LoadedProject, path: str, model: type[M], *, required: bool, raw: bytes | None = None) -> M | None:
    if raw is None:
        raw = _read(loaded, path, required=required)
        if raw is None:
            return None
    document, problems = load_yaml_bytes(raw, path, max_nodes=CATALOGUE_MAX_NODES if model is SourceCatalogue else MAX_NODES)
    loaded.diagnostics.extend(problems)
    if document is None:
        loaded.failed.add(path)
        return None
    loaded.documents[path] = document
    loaded.files_read += 1
    return _to_model(loaded, document, model)


def _to_model(loaded: LoadedProject, document: Document, model: type[M]) -> M | None:
    """The document as its model, or what of it is sound (its problems reported)."""
    path = document.path
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        if error.error_count() > MAX_SCHEMA_PROBLEMS:  # not a half-edited file: list the first few
            loaded.diagnostics.extend(_first_problems(document, error, model))
            loaded.failed.add(path)
            return None
        loaded.diagnostics.extend(schema_diagnostics(document, error, model))
        salvaged = _salvage(model, document.data, error)
        if salvaged is None:
            loaded.failed.add(path)
            return None
        loaded.positions[path] = salvaged[1]
        loaded.dropped[path] = _dropped_ids(document.data, model, salvaged[1])
        return salvaged[0]


def _read(loaded: LoadedProject, path: str, *, required: bool) -> bytes | None:
    """The bytes of a project file: confined to the project, a regular file, bounded.
    None when it is not read; why is reported (a missing optional file is not a problem)."""
    root = loaded.project.root
    full = root / path
    if not _confined(loaded, full):
        loaded.diagnostics.append(_outside(path))
        loaded.failed.add(path)
        return None
    try:
        kind = os.stat(full).st_mode
    except FileNotFoundError:
        kind = None
    except OSError:
        kind = 0  # unreadable: reported below, when reading it fails
    if kind is not None and kind != 0 and not stat.S_ISREG(kind):  # a folder, a FIFO, a device: never opened
        loaded.diagnostics.append(Diagnostic(path, 0, 0, "Y013", f"{path} is not a regular file",
                                            hint="a data file must be a plain file; replace it with one, or rename it so it does not end in .yaml"))
        loaded.failed.add(path)
        return None
    if kind is None:
        if required:
            loaded.diagnostics.append(
                Diagnostic(path, 0, 0, "P001", f"{path} is missing", hint=_missing_hint(path))
            )
            loaded.failed.add(path)
        return None
    try:
        raw, problems = read_yaml(full, path)
    except OSError as error:
        loaded.diagnostics.append(Diagnostic(path, 0, 0, "Y013", f"{path} cannot be read: {error.strerror or error}"))
        loaded.failed.add(path)
        return None
    if raw is None:  # too large
        loaded.diagnostics.extend(problems)
        loaded.failed.add(path)
        return None
    loaded.digests[path] = hashlib.sha256(raw).hexdigest()
    return raw


# The list of each file kind whose items are checked on their own merits.
_ITEM_LISTS: dict[type[BaseModel], str] = {
    EvidenceFile: "facts",
    RuleSet: "recommendations",
    SourceCatalogue: "sources",
    IndicatorCatalogue: "indicators",
    CountryCatalogue: "countries",
    ReviewFile: "reviews",
}


def _dropped_ids(data: Any, model: type[BaseModel], kept: list[int]) -> set[str | None]:
    """The ``id`` of each item _salvage set aside; None for one whose id cannot be read."""
    items = data[_ITEM_LISTS[model]]
    keep = set(kept)
    return {
        item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        for index, item in enumerate(items)
        if index not in keep
    }


def _salvage(model: type[M], data: Any, error: ValidationError) -> tuple[M, list[int]] | None:
    """The file without its broken items, so the rest is still cross-checked.

    Every problem is reported in one run: a fact with an unknown key must not
    hide a misquoted citation in the next fact.  Only errors inside items of
    the main list can be set aside; any other error leaves the file unloaded.
    """
    key = _ITEM_LISTS.get(model)
    if key is None or not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    broken = set()
    for item in error.errors(include_url=False):
        loc = item["loc"]
        if len(loc) < 2 or loc[0] != key or not isinstance(loc[1], int):
            return None
        broken.add(loc[1])
    kept = [index for index in range(len(data[key])) if index not in broken]
    try:
        partial = model.model_validate({**data, key: [data[key][index] for index in kept]})
    except ValidationError:
        return None
    return partial, kept


def _missing_hint(path: str) -> str | None:
    if path in (SOURCES_FILE, INDICATORS_FILE):
        return "run `scorecard init DIR` to start a project with every file in place"
    return None


# -- pydantic errors -> diagnostics ------------------------------------------

_MISSING = {"missing"}
_UNKNOWN = {"extra_forbidden"}
_WRONG_TYPE_SUFFIXES = ("_type", "_parsing")


MAX_SCHEMA_PROBLEMS = 100
"""Past this many schema problems in one file only the first are listed, with a count of
the rest: listing 600,000 problems of a file of ``- {}`` lines took a minute and 4 GB."""


def _first_problems(document: Document, error: ValidationError, model: type[BaseModel]) -> list[Diagnostic]:
    """The first MAX_SCHEMA_PROBLEMS problems of a file with many, and how many more there are.

    ``error.errors()`` would build every one of them; for a file made of an item
    list the items are validated one by one instead, until enough are found.
    """
    errors = _first_errors(model, document.data, MAX_SCHEMA_PROBLEMS)
    if errors is None:
        errors = error.errors(include_url=False)[:MAX_SCHEMA_PROBLEMS]
    shown = schema_diagnostics(document, errors, model)
    hidden = max(error.error_count() - len(errors), 0)
    if hidden and shown:
        shown.append(Diagnostic(document.path, 0, 0, shown[-1].code, f"{hidden:,} more schema problems in this file are not listed",
                                hint="is this the file you meant? fix the first ones and run again"))  # fmt: skip
    return shown


def _first_errors(model: type[BaseModel], data: Any, limit: int) -> list[dict[str, Any]] | None:
    """Up to ``limit`` validation errors of a file of items, found item by item (None: not such a file)."""
    key = _ITEM_LISTS.get(model)
    if key is None or not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    item_model = get_args(model.model_fields[key].annotation)[0]
    errors: list[dict[str, Any]] = []
    try:  # the file's other keys, with an empty item list (whose "too short" is not a problem here)
        model.model_validate({**data, key: []})
    except ValidationError as top:
        errors += [e for e in top.errors(include_url=False) if tuple(e["loc"]) != (key,)]
    for index, item in enumerate(data[key]):
        if len(errors) >= limit:
            break
        try:
            item_model.model_validate(item)
        except ValidationError as problem:
            errors += [{**e, "loc": (key, index, *e["loc"])} for e in problem.errors(include_url=False)]
    return errors[:limit]


def schema_diagnostics(document: Document, error: ValidationError | list[dict[str, Any]], model: type[BaseModel]) -> list[Diagnostic]:
    """One diagnostic per validation error, at the key or value it concerns."""
    found: dict[tuple[Any, ...], Diagnostic] = {}
    for item in error.errors(include_url=False) if isinstance(error, ValidationError) else error:
        loc = tuple(item["loc"])
        kind = item["type"]
        where = _dotted(loc)
        if kind in _MISSING:
            mark = document.mark(loc[:-1])
            diag = Diagnostic(document.path, mark.line, mark.col, "S001", f"{_owner(loc)} is missing key \"{loc[-1]}\"")
        elif kind in _UNKNOWN:
            mark = document.mark(loc, key=True)
            allowed = _allowed_keys(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f'did you mean "{close[0]}"?' if close else (f"allowed keys: {', '.join(allowed)}" if allowed else None)
            diag = Diagnostic(document.path, mark.line, mark.col, "S002", f"unknown key \"{loc[-1]}\" in {_owner(loc)}", hint=hint)
        elif kind.endswith(_WRONG_TYPE_SUFFIXES) and kind not in ("enum", "literal_error"):
            mark = document.mark(loc)
            got = _describe(item.get("input"))
            diag = Diagnostic(document.path, mark.line, mark.col, "S003", f"{where}: {_lower(item['msg'])}, got {got}", hint=_type_hint(kind, item.get("input")))
        else:
            mark = document.mark(loc)
            diag = Diagnostic(document.path, mark.line, mark.col, "S004", f"{where}: {_lower(item['msg'])}")
        # A union member reports the same place several times; keep one per code and place
        # (but every missing key: they are all reported at the mapping that lacks them).
        found.setdefault((diag.path, diag.line, diag.col, diag.code, loc[-1] if kind in _MISSING else None), diag)
    return list(found.values())


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _is_tag(part):
            continue
        else:
            text += ("." if text else "") + str(part)
    return text or "the file"


def _owner(loc: tuple[Any, ...]) -> str:
    parent = _dotted(loc[:-1])
    return "the file's top level" if parent == "the file" else parent


def _is_tag(part: Any) -> bool:
    # pydantic inserts union members and validator names (e.g. "gte", "function-after[...]")
    # into locations; they are not keys of the data.
    return isinstance(part, str) and ("[" in part or part in _UNION_TAGS)


# Tags of the condition union (from its registry, so a new operator is known here too)
# and of the scalar union of fact values.
_UNION_TAGS = {model.model_fields["op"].annotation.__args__[0] for model in OPERATORS} | {"int", "float", "bool", "str"}


def _lower(message: str) -> str:
    return message[:1].lower() + message[1:]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'the string "{shown}"'
    return f"the {type(value).__name__} {value!r}"


def _type_hint(kind: str, value: Any) -> str | None:
    if kind in ("int_type", "float_type") and isinstance(value, str):
        return "write the number without quotes"
    if kind == "string_type" and value is not None and not isinstance(value, (dict, list)):
        return "put the text in quotes"
    return None


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model accepts at ``loc`` (best effort, for "did you mean" hints)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or _is_tag(part):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _inner_model(current.model_fields[part].annotation, loc)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(current.model_fields)
    return []


def _inner_model(annotation: Any, loc: tuple[Any, ...]) -> Any:
    """The model inside ``list[X]``, ``X | None`` or a tagged union (picked by the tag in loc)."""
    from typing import get_args

    stack = [annotation]
    models: list[type[BaseModel]] = []
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            models.append(item)
        else:
            stack.extend(get_args(item))
    if len(models) == 1:
        return models[0]
    tags = {part for part in loc if isinstance(part, str)}
    for candidate in models:
        op = candidate.model_fields.get("op")
        if op is not None and any(tag in tags for tag in get_args(op.annotation)):
            return candidate
    return None
