"""Ingest: input files -> `Record`s, with every unusable file or line reported.

Layouts are found by content. Each layout is one module of this package defining
`LAYOUT`; adding a module adds a layout, nothing else needs editing.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kgraph.ingest.base import Layout, SourceFile, decode
from kgraph.model import Problem, Record

MIN_CONFIDENCE = 0.5
SNIFF_LINES = 400


@lru_cache(maxsize=1)
def layouts() -> tuple[Layout, ...]:
    """Every layout module in this package, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if isinstance(getattr(module, "LAYOUT", None), Layout):
            found.append(module.LAYOUT)
    return tuple(found)


def detect(src: SourceFile) -> Layout | None:
    """The layout whose sniffer is most confident, if any is confident enough.

    Sniffers see the first SNIFF_LINES lines only: detection stays cheap on big files."""
    head = SourceFile(src.path, src.lines[:SNIFF_LINES])
    scored = [(layout.sniff(head), layout.name, layout) for layout in layouts()]
    score, _, layout = max(scored, key=lambda s: (s[0], s[1]))
    return layout if score >= MIN_CONFIDENCE else None


@dataclass
class FileReport:
    path: str
    layout: str | None = None
    records: int = 0


@dataclass
class Ingested:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)

    @property
    def files_read(self) -> list[FileReport]:
        return [f for f in self.files if f.records]


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def expand(inputs: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named directly, plus the visible files inside named directories."""
    files, problems = [], []
    for path in inputs:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
            if not inside:
                problems.append(Problem(display_path(path), "directory has no files"))
            files.extend(inside)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(display_path(path), "no such file or directory"))
    return files, problems


def read_file(path: Path, encoding: str = "utf-8") -> tuple[list[Record], list[Problem], FileReport]:
    """Decode, detect and read one file."""
    shown = display_path(path)
    report = FileReport(shown)
    src = decode(path, shown, encoding)
    if isinstance(src, Problem):
        return [], [src], report
    layout = detect(src)
    if layout is None:
        names = ", ".join(f"{lay.name} ({lay.description})" for lay in layouts())
        return [], [Problem(shown, f"unknown layout; expected one of: {names}; skipped")], report
    report.layout = layout.name
    records, problems = [], list(src.problems)
    for item in layout.read(src):
        (problems if isinstance(item, Problem) else records).append(item)
    report.records = len(records)
    if not records and not any(p.fatal_for_file for p in problems):
        problems.append(Problem(shown, f"no records found in this {layout.name} file; skipped"))
    return records, problems, report


def read_inputs(inputs: list[Path], encoding: str = "utf-8") -> Ingested:
    """Read every input; bad files are reported and the others still read."""
    result = Ingested()
    files, result.problems = expand(inputs)
    for path in files:
        records, problems, report = read_file(path, encoding)
        result.records.extend(records)
        result.problems.extend(problems)
        result.files.append(report)
    return result
