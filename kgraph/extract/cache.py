"""Extraction cache: what the spaCy pipeline found in a text, keyed by the text's hash.

A rebuild runs the pipeline only over texts it has not seen with the same model and
settings, so changing or adding one input file re-extracts only its records. The key
is a SHA-256 of the text plus a fingerprint of everything that changes the result (kgraph
version, model name and version, the extractor settings, the components' data files);
change any of them and every text is a miss. The store is one SQLite file, written in
a transaction per batch, so a killed build leaves a valid cache behind.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

CACHE_DIR = ".cache"  # inside the output folder
CACHE_FILE = "extract.sqlite"

Data = tuple[str, list, list, list]  # see concepts.doc_data


def text_key(fingerprint: str, text: str) -> bytes:
    return hashlib.sha256(fingerprint.encode() + b"\0" + text.encode("utf-8", "surrogatepass")).digest()


class ExtractionCache:
    """get_many / put_many over a SQLite table (key BLOB, value JSON)."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.fingerprint = fingerprint
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS extraction (key BLOB PRIMARY KEY, value TEXT NOT NULL)")

    def get_many(self, texts: list[str]) -> list[Data | None]:
        """The cached data of each text, or None where it is not cached."""
        keys = [text_key(self.fingerprint, t) for t in texts]
        found: dict[bytes, str] = {}
        for start in range(0, len(keys), 900):  # SQLite's limit on bound parameters
            chunk = keys[start:start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, value FROM extraction WHERE key IN ({marks})", chunk))
        out: list[Data | None] = []
        for text, key in zip(texts, keys):
            value = found.get(key)
            out.append(None if value is None else (text, *json.loads(value)))
        return out

    def put_many(self, items: Iterable[Data]) -> None:
        rows = ((text_key(self.fingerprint, d[0]), json.dumps(d[1:], separators=(",", ":"))) for d in items)
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?)", rows)

    def close(self) -> None:
        self.db.close()


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
