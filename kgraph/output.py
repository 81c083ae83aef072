"""Atomic output: a build writes into a staging folder and swaps files in at the end.

If anything fails before the swap, the previous output folder is left as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Staging:
    """A hidden folder inside the output folder (same file system, so renames are atomic)."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.dir = Path(tempfile.mkdtemp(prefix=".kgraph-staging-", dir=out))
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write the output file `name` before it is committed."""
        self.names.append(name)
        return self.dir / name

    def commit(self) -> list[Path]:
        done = []
        for name in self.names:
            target = self.out / name
            os.replace(self.dir / name, target)
            done.append(target)
        shutil.rmtree(self.dir, ignore_errors=True)
        return done

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def staged(out: Path) -> Iterator[Staging]:
    """Write outputs into the staging folder; they replace the old ones only on success."""
    stage = Staging(out)
    try:
        yield stage
    except BaseException:
        stage.abort()
        raise
