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


MANIFEST = ".kgraph-manifest"  # the files of the last successful build


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
        """Move every staged file into place, then remove what the previous build wrote
        and this one did not (listed in the manifest), so no stale output lingers."""
        manifest = self.out / MANIFEST
        previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.is_file() else set()
        (self.dir / MANIFEST).write_text("\n".join(self.names) + "\n", encoding="utf-8")
        done = []
        for name in self.names:
            target = self.out / name
            os.replace(self.dir / name, target)
            done.append(target)
        os.replace(self.dir / MANIFEST, manifest)
        for stale in previous - set(self.names):
            if "/" not in stale and not stale.startswith("."):
                (self.out / stale).unlink(missing_ok=True)
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
