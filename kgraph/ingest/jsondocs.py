"""Reading JSON and JSON Lines with the line of every object, shared by the JSON layouts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from kgraph.ingest.base import SourceFile
from kgraph.model import Problem, Record

MAX_LINE = 10 * 1024 * 1024  # a JSON Lines line above this is refused, not parsed


def first_object(src: SourceFile) -> dict | list | None:
    """The first JSON value of the file (the whole array, or the first JSON Lines object)."""
    text = "\n".join(src.lines[:1]) if src.lines and src.lines[0].lstrip().startswith("{") else None
    candidates = [text] if text else []
    candidates.append("\n".join(src.lines))
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except (json.JSONDecodeError, RecursionError):
            continue
    return None


def objects(src: SourceFile) -> Iterator[tuple[int, dict] | Problem]:
    """(line, object) for each object of a JSON array, an OpenAlex `results` page, or JSON Lines."""
    stripped = next((line.lstrip() for line in src.lines if line.strip()), "")
    if stripped.startswith("[") or (stripped.startswith("{") and not _is_jsonl(src)):
        yield from _json_document(src)
        return
    for number, line in enumerate(src.lines, 1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            yield Problem(src.path, f"line of {len(line) // 2**20} MiB is over the {MAX_LINE // 2**20} MiB limit; skipped", number, False)
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(src.path, f"broken JSON ({err.msg}; column {err.colno}); record skipped", number, False)
            continue
        if isinstance(value, dict):
            yield number, value
        else:
            yield Problem(src.path, "JSON Lines record is not an object; skipped", number, False)


def _is_jsonl(src: SourceFile) -> bool:
    """JSON Lines when the first line is a whole object (a pretty-printed document's is not)."""
    first = next((line for line in src.lines if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _json_document(src: SourceFile) -> Iterator[tuple[int, dict] | Problem]:
    text = "\n".join(src.lines)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        yield Problem(src.path, f"broken JSON ({err.msg}); file skipped", err.lineno)
        return
    items = value.get("results", [value]) if isinstance(value, dict) else value
    decoder, position = json.JSONDecoder(), text.find("[")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        # the line of this item: find its opening brace after the previous one
        position = text.find("{", position + 1)
        line = text.count("\n", 0, position) + 1 if position >= 0 else 1
        try:
            _, end = decoder.raw_decode(text, position)
            position = end - 1
        except (json.JSONDecodeError, ValueError):
            pass
        yield line, item


def read_objects(src: SourceFile, convert: Callable[[SourceFile, int, dict], Record]) -> Iterator[Record | Problem]:
    """A layout's `read`: each object becomes a record; broken ones pass on as problems."""
    for item in objects(src):
        yield item if isinstance(item, Problem) else convert(src, *item)
