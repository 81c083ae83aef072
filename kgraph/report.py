"""Reading a finished build back for the CLI: concepts by paper count, a paper's concepts."""

from __future__ import annotations

import json
from pathlib import Path

from kgraph.export import CONCEPTS_FILE
from kgraph.names import fold


class ReportError(Exception):
    """A one-line problem: no build, no such paper."""


def load_concepts(out: Path) -> dict:
    path = out / CONCEPTS_FILE
    if not path.is_file():
        raise ReportError(f"{path}: no concepts here; run `kgraph build` (without --no-keywords) first")
    return json.loads(path.read_text(encoding="utf-8"))


def top_concepts(doc: dict, top: int, kind: str | None = None) -> list[dict]:
    """The concepts with the most papers, optionally of one type."""
    rows = [c for c in doc["concepts"] if kind is None or c["type"] == kind]
    return rows[:top] if top > 0 else rows


def find_paper(doc: dict, title: str) -> dict:
    """The paper whose title or label matches: exactly (case/accents aside), else as a substring."""
    wanted = fold(title).strip()
    papers = doc["papers"]
    exact = [p for p in papers if fold(p["label"]) == wanted or fold(p["title"] or "") == wanted]
    found = exact or [p for p in papers if wanted in fold(p["label"])]
    if not found:
        raise ReportError(f"no paper matches {title!r}")
    if len(found) > 1:
        options = "; ".join(p["label"][:70] for p in found[:5])
        raise ReportError(f"{len(found)} papers match {title!r}: {options}")
    paper = dict(found[0])
    by_id = {c["id"]: c for c in doc["concepts"]}
    paper["concepts"] = [{**link, "label": by_id[link["concept"]]["label"], "type": by_id[link["concept"]]["type"]}
                         for link in paper["concepts"]]
    return paper
