"""The bad-input corpus: build one broken project per case of tests/fixtures/invalid/.

A case is a folder ``tests/fixtures/invalid/<case>/`` holding

- files that overlay ``tests/fixtures/base/`` (same relative paths);
- optionally ``delete.txt``: project paths to remove, one a line;
- ``expected.txt``: the diagnostics ``validate`` must give, one
  ``path:line:col: CODE`` a line (``#`` starts a comment saying what the case is).

Bytes that are awkward to commit (100 MB, a 2 MB line, UTF-16, NUL bytes,
symbolic links, a FIFO) are made by the generator registered under the case's
name in :data:`GENERATORS`; such a case still has its folder and expected.txt.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"
INVALID = FIXTURES / "invalid"

EVIDENCE = "evidence/peru/2017.yaml"
SOURCES = "seeds/sources.yaml"
SEED_2018 = "seeds/tip-2018-peru-prosecution.txt"

Expected = set[tuple[str, int, int, str]]
GENERATORS: dict[str, Callable[[Path], None]] = {}

_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3})$")


def cases() -> list[str]:
    return sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def expected(case: str) -> Expected:
    """The (path, line, col, code) set a case's expected.txt lists."""
    found: Expected = set()
    for raw in (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = _LINE.match(line)
        if m is None:
            raise ValueError(f"{case}/expected.txt: cannot read {raw!r}")
        found.add((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    return found


def build(case: str, dest: Path) -> Path:
    """The base project at ``dest`` with the case applied; returns ``dest``."""
    shutil.copytree(BASE, dest, symlinks=True)
    folder = INVALID / case
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_dir() or relative in ("expected.txt", "delete.txt"):
            continue
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    deletions = folder / "delete.txt"
    if deletions.is_file():
        for line in deletions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                target = dest / line.strip()
                shutil.rmtree(target) if target.is_dir() else target.unlink()
    if case in GENERATORS:
        GENERATORS[case](dest)
    return dest


def generator(name: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    def register(function: Callable[[Path], None]) -> Callable[[Path], None]:
        GENERATORS[name] = function
        return function

    return register


# -- helpers -------------------------------------------------------------------

_ONE_FACT = """country: PER
year: 2017
facts:
  - indicator: prosecution.operations
    value: 865
    note: {note}
    citations:
      - source: tip-2018-peru-prosecution
        quote: Police reported conducting 865 anti-trafficking operations in 2017
"""


def _evidence(root: Path, note: str = "fine") -> str:
    return _ONE_FACT.format(note=note)


def _add_source(root: Path, source_id: str, file: str, data: bytes) -> None:
    """Write seeds/<file> and catalogue it with its true SHA-256."""
    (root / "seeds" / file).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    with open(root / SOURCES, "a", encoding="utf-8") as stream:
        stream.write(
            f"\n  - id: {source_id}\n    file: {file}\n    title: Generated\n"
            f"    publisher: the test corpus\n    sha256: {digest}\n"
        )


def _one_fact_citing(root: Path, citations: str) -> None:
    """Replace the 2017 evidence with one fact and these citations (YAML list items)."""
    (root / EVIDENCE).write_text(
        "country: PER\nyear: 2017\nfacts:\n  - indicator: prosecution.operations\n    value: 865\n    citations:\n" + citations,
        encoding="utf-8",
    )


def _cite(root: Path, source_id: str, quote_yaml: str) -> None:
    """Replace the 2017 evidence with one fact citing ``source_id`` (quote given as YAML)."""
    (root / EVIDENCE).write_text(
        "country: PER\nyear: 2017\nfacts:\n  - indicator: prosecution.operations\n    value: 865\n"
        f"    citations:\n      - source: {source_id}\n        quote: {quote_yaml}\n",
        encoding="utf-8",
    )


# -- encodings and bytes ----------------------------------------------------------


@generator("yaml-latin1")
def _latin1(root: Path) -> None:
    (root / EVIDENCE).write_bytes(_evidence(root, "Perú").encode("latin-1"))


@generator("yaml-utf16-bom")
def _utf16_bom(root: Path) -> None:
    (root / EVIDENCE).write_bytes(_evidence(root).encode("utf-16"))  # with BOM


@generator("yaml-utf16-no-bom")
def _utf16(root: Path) -> None:
    (root / EVIDENCE).write_bytes(_evidence(root).encode("utf-16-le"))


@generator("yaml-utf8-bom")
def _utf8_bom(root: Path) -> None:
    (root / EVIDENCE).write_bytes(b"\xef\xbb\xbf" + _evidence(root).encode())


@generator("yaml-nul-byte")
def _nul(root: Path) -> None:
    (root / EVIDENCE).write_bytes(_evidence(root, "a\x00b").encode())


@generator("yaml-binary-png")
def _png(root: Path) -> None:
    (root / EVIDENCE).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


@generator("yaml-control-char")
def _control(root: Path) -> None:
    (root / EVIDENCE).write_bytes(_evidence(root, "bell \x07 here").encode())


@generator("yaml-escape-sequence")
def _escape(root: Path) -> None:
    # An ANSI escape written raw into the file: never echoed to the terminal.
    (root / EVIDENCE).write_bytes(_evidence(root, "\x1b[2J\x1b[31mred").encode())


# -- limits --------------------------------------------------------------------------


@generator("yaml-too-large-100mb")
def _huge(root: Path) -> None:
    # A sparse file: 100 MB long, almost no disk and no time to make.
    with open(root / "evidence/peru/2015.yaml", "wb") as stream:
        stream.write(b"country: PER\nyear: 2015\nfacts:\n")
        stream.truncate(100 * 1024 * 1024)


@generator("yaml-line-2mb")
def _long_line(root: Path) -> None:
    text = _evidence(root, "x" * (2 * 1024 * 1024))
    (root / EVIDENCE).write_text(text, encoding="utf-8")


@generator("yaml-too-deep")
def _deep(root: Path) -> None:
    (root / EVIDENCE).write_text(_evidence(root, "[" * 100 + "]" * 100), encoding="utf-8")


@generator("yaml-too-many-values")
def _many_values(root: Path) -> None:
    # 40,000 tiny values in 200 KB: refused at the 30,001st, before any is checked.
    (root / EVIDENCE).write_text("country: PER\nyear: 2017\nfacts:\n" + "- {}\n" * 40_000, encoding="utf-8")


@generator("many-broken-items")
def _many_broken(root: Path) -> None:
    # 5,000 facts that are numbers: the first 100 problems are listed, then how many more.
    (root / EVIDENCE).write_text("country: PER\nyear: 2017\nfacts:\n" + "- 1\n" * 5_000, encoding="utf-8")


# -- sources ---------------------------------------------------------------------------


@generator("source-tampered")
def _tampered(root: Path) -> None:
    path = root / SEED_2018
    path.write_bytes(path.read_bytes().replace(b"865 anti-trafficking", b"965 anti-trafficking"))


@generator("source-symlink-out")
def _symlink_out(root: Path) -> None:
    link = root / "seeds/passwd.txt"
    link.symlink_to("/etc/passwd")
    text = (root / SOURCES).read_text(encoding="utf-8")
    (root / SOURCES).write_text(text.replace("file: tip-2018-peru-prosecution.txt", "file: passwd.txt"), encoding="utf-8")


@generator("source-seeds-folder-link-out")
def _seeds_out(root: Path) -> None:
    # seeds/ itself is a link to a copy outside the project: nothing in it is read.
    outside = root.parent / (root.name + "-elsewhere")
    shutil.copytree(root / "seeds", outside)
    shutil.rmtree(root / "seeds")
    (root / "seeds").symlink_to(outside, target_is_directory=True)


@generator("source-not-utf8")
def _latin1_seed(root: Path) -> None:
    _add_source(root, "latin", "latin.txt", "El Perú informó 865 operaciones.".encode("latin-1"))


@generator("source-too-large")
def _huge_seed(root: Path) -> None:
    with open(root / "seeds/huge.txt", "wb") as stream:
        stream.truncate(17 * 1024 * 1024)
    with open(root / SOURCES, "a", encoding="utf-8") as stream:
        stream.write(f"\n  - id: huge\n    file: huge.txt\n    title: Huge\n    publisher: x\n    sha256: '{'0' * 64}'\n")


@generator("quote-hundreds-of-times")
def _repeated(root: Path) -> None:
    line = "The government reported 865 anti-trafficking operations.\n"
    _add_source(root, "repeated", "repeated.txt", (line * 500).encode())
    _cite(root, "repeated", "reported 865 anti-trafficking operations")


@generator("quote-in-a-seed-of-one-letter")
def _one_letter(root: Path) -> None:
    # 8 million overlapping occurrences: at most MAX_HITS are collected.
    _add_source(root, "letters", "letters.txt", b"a" * 8_000_000 + b"\n")
    _cite(root, "letters", "aaaaaaaa")
    with open(root / EVIDENCE, "a", encoding="utf-8") as stream:
        stream.write("      - source: letters\n        quote: aaaaaaaaaaaaaaaa\n")


@generator("prefix-enormous")
def _long_prefix(root: Path) -> None:
    # A 100,000-character prefix would be compared at each of 10,000 occurrences.
    _add_source(root, "letters", "letters.txt", b"a" * 1_000_000 + b"\n")
    block = "".join(f"          {'b' * 1000}\n" for _ in range(100))
    _cite(root, "letters", "aaaaaaaa\n        prefix: >-\n" + block.rstrip("\n"))


@generator("quote-enormous")
def _enormous(root: Path) -> None:
    # A 1 MB quote over many lines of a folded block: refused before any search.
    words = "Police reported conducting 865 anti-trafficking operations in 2017 " * 15
    block = "".join(f"          {words.strip()}\n" for _ in range(1000))
    _cite(root, "tip-2018-peru-prosecution", ">-\n" + block.rstrip("\n"))


@generator("quotes-not-found-in-a-large-seed")
def _many_misquotes(root: Path) -> None:
    # 200 long quotes not in a 2 MB seed: the closest-passage hints have a budget per run.
    words = (root / SEED_2018).read_text(encoding="utf-8").split()
    text = "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words) - 12, 7)) + "\n"
    text = (text * (2_000_000 // len(text) + 1))[:2_000_000]
    _add_source(root, "large", "large.txt", text.encode("utf-8"))
    quote = "zzz " + " ".join(words[:60])  # never in the seed
    citations = "".join(f"      - {{source: large, quote: '{quote} {n}'}}\n" for n in range(200))
    _one_fact_citing(root, citations)


# -- the project's own files -------------------------------------------------------------


@generator("yaml-link-out")
def _yaml_link(root: Path) -> None:
    (root / "evidence/peru/2018.yaml").symlink_to("/etc/passwd")


@generator("folder-link-out")
def _folder_link(root: Path) -> None:
    outside = root.parent / (root.name + "-other-evidence")
    outside.mkdir()
    (outside / "2019.yaml").write_text("country: PER\nyear: 2019\nfacts: []\n", encoding="utf-8")
    (root / "evidence/other").symlink_to(outside, target_is_directory=True)


@generator("yaml-not-regular-file")
def _fifo(root: Path) -> None:
    # Opening a FIFO would block for ever: it must never be opened.
    os.mkfifo(root / "evidence/peru/2018.yaml")


# -- tokens the source keeps apart (issue 12, defect 3) ------------------------------

_TABLE = "Region Cases Share\nMadre de Dios 32 27.4%\nLima 31 26.5%\nthe police reported 31, 265 victims and 1,265 suspects\n"


def _cite_table(root: Path, *quotes: str) -> None:
    _add_source(root, "table", "table.txt", _TABLE.encode())
    _one_fact_citing(root, "".join(f"      - source: table\n        quote: {quote}\n" for quote in quotes))


@generator("quote-merges-two-numbers")
def _merged_numbers(root: Path) -> None:
    # "Lima 312 6.5%" against the line "Lima 31 26.5%": a fact of 312 must not pass.
    _cite_table(root, "Lima 312 6.5%", "reported 31,265 victims")


@generator("quote-cuts-a-word-or-number")
def _cut_words(root: Path) -> None:
    # "ima 31" is not in "Lima 31"; "265 suspects" is not in "1,265 suspects".
    _cite_table(root, "ima 31 26.5%", "265 suspects", "adre de Dios 32")


# -- work a stranger's files can cause (issue 12, defects 7 and 8) --------------------

_SIXTEEN_MB = 16 * 1024 * 1024 - 1


def _letters_seed(root: Path) -> None:
    _add_source(root, "letters", "letters.txt", b"a" * _SIXTEEN_MB + b"\n")


@generator("prefixes-many-long-in-a-seed-of-one-letter")
def _many_long_prefixes(root: Path) -> None:
    # The probe's: 1,000 citations with a 2,000-character prefix against a 16 MB seed of one
    # letter took 129 s.  The run's work for lookups is bounded: the first citations are
    # checked (ambiguous), the rest reported unchecked (C007), in well under 5 s.
    _letters_seed(root)
    prefix = "a" * 1999
    citations = "".join(f"      - {{source: letters, quote: aaaaaaaa, prefix: {prefix}{n % 10}}}\n" for n in range(1000))
    _one_fact_citing(root, citations)


@generator("quotes-many-frequent-in-a-seed-of-one-letter")
def _many_frequent_quotes(root: Path) -> None:
    # 1,000 distinct quotes each occurring 10,000 times or more, with a suffix to compare at each.
    _letters_seed(root)
    citations = "".join(f"      - {{source: letters, quote: {'a' * (8 + n)}, suffix: ab}}\n" for n in range(1000))
    _one_fact_citing(root, citations)


# -- numbers (issue 12, defects 5 and 6) ---------------------------------------------


def _replace_in(root: Path, path: str, *pairs: tuple[str, str]) -> None:
    text = (root / path).read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, (path, old)
        text = text.replace(old, new, 1)
    (root / path).write_text(text, encoding="utf-8")


@generator("number-not-finite")
def _not_finite(root: Path) -> None:
    # The probe's .inf weight (met while three criteria failed), a .nan amount, and 1e309,
    # which is infinite as a float: each reported where written, none evaluated.
    _replace_in(root, "rules/demo/demo.yaml", ("weight: 0.5", "weight: .inf"), ("value: 100}", "value: 1e309}"))
    _replace_in(root, EVIDENCE, ("value: 7500000", "value: .nan"))


@generator("number-too-large")
def _too_large(root: Path) -> None:
    # The probe's count of 10^400 (OverflowError in every evaluation), a 17-digit amount and
    # a hexadecimal count: outside the +/-10^15 every number of every file keeps to.
    _replace_in(root, EVIDENCE, ("value: 33", f"value: {10**400}"), ("value: 7500000", "value: -12345678901234567"))
    _replace_in(root, "evidence/peru/2016.yaml", ("value: ", "value: 0xffffffffffffffffff  #"))


# -- names a stranger chooses (issue 12, defect 10 and items of 11) -------------------


def _rename_seed(root: Path, name_yaml: str) -> None:
    _replace_in(root, SOURCES, ("file: tip-2018-peru-prosecution.txt", f"file: {name_yaml}"))


@generator("source-name-with-terminal-escapes")
def _escaped_seed_name(root: Path) -> None:
    # A seed's name that would clear the screen and retitle the window if printed raw
    # (validate --format github and cite printed it).
    _rename_seed(root, '"tip\\e[2J\\e]0;pwned\\a.txt"')


@generator("source-name-with-bidirectional-override")
def _bidi_seed_name(root: Path) -> None:
    _rename_seed(root, '"tip-2018-\\u202etxt.prosecution"')


@generator("source-name-too-long")
def _long_seed_name(root: Path) -> None:
    # 300 bytes in one name, and 256 in a folder's: past what the system looks up (crashed)
    _rename_seed(root, "a" * 300 + ".txt")
    _replace_in(root, SOURCES, ("file: tip-2015-peru.txt", f"file: {'b' * 256}/tip-2015-peru.txt"))


@generator("file-name-not-utf8")
def _not_utf8_name(root: Path) -> None:
    # A name that is not UTF-8 gave invalid JSON or a crash; it shows as U+FFFD.
    os.rename(root / "evidence/peru/2016.yaml", os.fsencode(root / "evidence/peru") + b"/\xff2016.yaml")
    os.rename(root / "seeds/tip-2015-peru.txt", os.fsencode(root / "seeds") + b"/tip-2015-peru-\xe9.txt")
