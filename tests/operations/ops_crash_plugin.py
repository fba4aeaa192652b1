"""A test plugin for the crash tests: a local-directory store that stops (waiting to be killed) at a
chosen point of writing a backup, and a step that does the same once in a plan."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, ClassVar

from attrs import frozen

from aegir.core.hookspecs import hookimpl
from aegir.core.registry import StoreRegistry
from aegir.core.steps import Step, StepContext, StepRegistry
from aegir.core.storage import MANIFEST, LocalDirStore

#: where a backup may be stopped: before its database part, after its first bytes, before the
#: files part, before the manifest, and after the manifest (published, not yet in the inventory)
POINTS = ("db-start", "db-midway", "files", "manifest", "after-manifest")


def hang(marker: str) -> None:
    Path(marker).write_text(str(os.getpid()))
    time.sleep(600)


class _HangOnWrite:
    def __init__(self, out: IO[bytes], marker: str) -> None:
        self.out = out
        self.marker = marker

    def write(self, data: Any) -> int:
        written = self.out.write(data)
        hang(self.marker)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.out, name)


class HangDirStore(LocalDirStore):
    """Config as the local-dir store's, plus ``hang_on`` (one of :data:`POINTS`) and ``marker``."""

    name = "test-hang-dir"

    @contextlib.contextmanager
    def _open_write(self, backup_id: str, part: str) -> Iterator[IO[bytes]]:
        point, marker = self.config.get("hang_on", ""), self.config.get("marker", "")
        with super()._open_write(backup_id, part) as out:
            if (point, part) in (
                ("db-start", "db.sql.zst"),
                ("files", "files.tar.zst"),
                ("manifest", MANIFEST),
            ):
                hang(marker)
            if (point, part) == ("db-midway", "db.sql.zst"):
                yield _HangOnWrite(out, marker)  # type: ignore[misc]
            else:
                yield out
        if (point, part) == ("after-manifest", MANIFEST):
            hang(marker)


@frozen
class PauseOnce(Step):
    """Stops the first time (writing its marker); a run after a crash goes on."""

    kind: ClassVar[str] = "test-pause-once"
    resumable: ClassVar[bool] = True
    marker: str

    def describe(self) -> str:
        return "pause until killed (once)"

    def run(self, ctx: StepContext) -> None:
        if Path(self.marker).exists():
            ctx.log("resumed after a crash")
            return
        hang(self.marker)


@hookimpl
def aegir_register_stores(registry: StoreRegistry) -> None:
    registry.add(HangDirStore)


@hookimpl
def aegir_register_steps(registry: StepRegistry) -> None:
    registry.add(PauseOnce)
