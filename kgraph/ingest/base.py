"""What every layout reader shares: the decoded source file and the reader contract.

A layout is one module in `kgraph.ingest` that defines `LAYOUT = Layout(...)`; the
registry finds it by itself. `sniff` looks at the content (never the file name) and
returns a confidence in [0, 1]; `read` yields `Record`s and `Problem`s.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.ingest.clean import clean_name, clean_text, code_urls
from kgraph.model import Location, Mention, Problem, Record
from kgraph.resources import read_lines

MAX_FILE_BYTES = 200 * 1024 * 1024
_FURNITURE = frozenset(read_lines("furniture.txt"))
_TERMINAL = re.compile(r"[.!?)\]\"']\s*$")
_ENDS_WITH_URL = re.compile(r"https?://\S+$")


@dataclass
class SourceFile:
    """A decoded input file: its display path and its lines, without line ends."""

    path: str
    lines: list[str]
    problems: list[Problem] = field(default_factory=list)  # lines that could not be decoded
    _nonblank: list[tuple[int, str]] | None = field(default=None, repr=False)

    def at(self, index: int) -> Location:
        """Location of the line at 0-based index."""
        return Location(self.path, index + 1)

    def content_lines(self) -> list[tuple[int, str]]:
        """(0-based index, text) of the non-blank lines that are not page furniture."""
        if self._nonblank is None:
            self._nonblank = [
                (i, line) for i, line in enumerate(self.lines)
                if line.strip() and not is_furniture(line)
            ]
        return self._nonblank


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    sniff: Callable[[SourceFile], float]
    read: Callable[[SourceFile], Iterator[Record | Problem]]


def is_furniture(line: str) -> bool:
    return line.strip().rstrip(":").casefold() in _FURNITURE


def decode(path: Path, display: str, encoding: str = "utf-8") -> SourceFile | Problem:
    """Read a file as text, or say in one line why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(display, f"file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit for a listing; skipped")
        data = path.read_bytes()
    except OSError as err:
        return Problem(display, f"cannot read: {err.strerror or err}")
    if data[:2] == b"\x1f\x8b":  # gzip: read transparently, with the same size limit
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as err:
            return Problem(display, f"broken gzip file ({err}); skipped")
        except ValueError as err:
            return Problem(display, f"{err}; skipped")
    if not data.strip():
        return Problem(display, "file is empty; skipped")
    if b"\x00" in data[:65536]:
        return Problem(display, "binary file (contains NUL bytes), not a text listing; skipped")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        salvaged = _decode_lines(data, display, encoding)
        if salvaged is not None:
            return salvaged
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return Problem(
            display,
            f"not valid {encoding} (byte 0x{data[err.start]:02X} at column {column}); "
            "re-save the file as UTF-8 or pass --encoding latin-1; skipped",
            line=line,
        )
    except LookupError:
        return Problem(display, f"unknown encoding {encoding!r}; skipped")
    return SourceFile(display, text.removeprefix("\ufeff").splitlines())


MAX_BAD_LINE_SHARE = 0.01  # more undecodable lines than this: the file is in another encoding


def _decode_lines(data: bytes, display: str, encoding: str) -> SourceFile | None:
    """A large file with a few lines in a wrong encoding loses only those lines (each one
    reported); None when too many lines fail, i.e. the whole file has another encoding."""
    raw = data.split(b"\n")
    lines, problems = [], []
    for number, line in enumerate(raw, 1):
        try:
            lines.append(line.decode(encoding).rstrip("\r"))
        except UnicodeDecodeError as err:
            lines.append("")  # keeps the line numbers of everything after it
            problems.append(Problem(display, f"line is not valid {encoding} (byte 0x{line[err.start]:02X} at column "
                                             f"{err.start + 1}); line skipped", line=number, fatal_for_file=False))
        if len(problems) > MAX_BAD_LINE_SHARE * len(raw):  # small files: one bad line is too many
            return None
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    return SourceFile(display, lines, problems)


def _gunzip(data: bytes) -> bytes:
    out, stream = [], gzip.GzipFile(fileobj=io.BytesIO(data))
    total = 0
    while chunk := stream.read(1 << 20):
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise ValueError(f"gzip file unpacks to over {MAX_FILE_BYTES // 2**20} MiB")
        out.append(chunk)
    return b"".join(out)


def bibliographic_record(src: SourceFile, line: int, layout: str, *, title: str | None,
                         authors: list[tuple[str, str]], abstract: str | None = None,
                         venue: str | None = None, year: object = None,
                         identifiers: dict[str, str] | None = None) -> Record:
    """A record from a structured format, where every field comes from one entry at `line`.

    authors: (name as written, identifier or "") in order.
    """
    at = Location(src.path, line)
    record = Record(at=at, layout=layout)
    if title and clean_text(title):
        record.title, record.title_at = clean_text(title), at
    record.authors = [Mention(clean_name(name), at, identifier=ident) for name, ident in authors if name and name.strip()]
    if abstract:
        build_abstract(record, abstract, at)
    if venue and clean_text(venue):
        record.venue, record.venue_at = clean_text(venue), at
    match = re.search(r"(1[89]\d\d|20\d\d)", str(year or ""))
    record.year = int(match.group(1)) if match else None
    record.identifiers = identifiers or {}
    return record


def build_abstract(record: Record, raw: str, at: Location) -> None:
    """Set a record's abstract from a raw line: cleaned text, code URLs, truncation."""
    text = clean_text(raw)
    if not text:
        return
    record.abstract = text
    record.abstract_at = at
    record.abstract_truncated = not (_TERMINAL.search(text) or _ENDS_WITH_URL.search(text))
    record.code_urls = code_urls(raw) or code_urls(text)

