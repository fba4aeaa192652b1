"""The steps a blue-green migration needs besides the built-in ones.

A consistent database copy streamed from one database server into another (no temporary file), a
maintenance window that measures itself, a private preview of the new copy with its health check,
and a copy of a secret under a new name (a renamed site). Every inverse is idempotent.
"""

from __future__ import annotations

import io
import os
import threading
import time
from typing import IO, ClassVar, cast

from attrs import frozen

from aegir.core.backend import Vhost
from aegir.core.errors import AegirError, BackendError
from aegir.core.steps import DeleteSecret, Step, StepContext, await_healthy

__all__ = [
    "MIGRATE_STEPS",
    "BeginMaintenance",
    "CopyDatabase",
    "CopySecret",
    "EndMaintenance",
    "PreviewHealthCheck",
    "PublishPreview",
    "UnpublishPreview",
]


class _Counter(io.RawIOBase):
    """A writable stream that counts what passes through it on the way to ``target``."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.target.write(data)
        self.count += len(data)
        return len(data)


def _table_count(ctx: StepContext, server: str, database: str) -> int:
    return len(ctx.backend(server).db_query(database, "SHOW TABLES;"))


@frozen
class CopyDatabase(Step):
    """A consistent copy (one transaction) of a database into an existing, empty one.

    The dump is streamed into the load through a pipe as it is made: nothing is written to disk on
    the way. Works between two database servers (each through its own backend). No inverse: the
    target database belongs to the step that created it, whose inverse drops it.
    """

    kind: ClassVar[str] = "copy-database"
    source_server: str
    source_database: str
    target_server: str
    target_database: str

    def describe(self) -> str:
        return (
            f"copy database {self.source_database} on {self.source_server} into {self.target_database} "
            f"on {self.target_server} (a consistent dump streamed into the load)"
        )

    def run(self, ctx: StepContext) -> None:
        from aegir.core import names

        names.check_db_identifier("database name", self.source_database)
        names.check_db_identifier("database name", self.target_database)
        source = ctx.backend(self.source_server)
        target = ctx.backend(self.target_server)
        started = time.monotonic()
        read_fd, write_fd = os.pipe()
        dump_errors: list[BaseException] = []
        counter: list[_Counter] = []

        def dump() -> None:
            try:
                with os.fdopen(write_fd, "wb") as pipe:
                    out = _Counter(cast("IO[bytes]", pipe))
                    counter.append(out)
                    source.dump_database(self.source_database, cast("IO[bytes]", out))
            except BaseException as e:  # reported by the thread that waits for this one
                dump_errors.append(e)

        thread = threading.Thread(target=dump, name=f"dump {self.source_database}", daemon=True)
        thread.start()
        try:
            with os.fdopen(read_fd, "rb") as pipe:
                target.load_database(self.target_database, pipe)
        finally:
            # closing the read end above unblocks a dump whose load gave up early
            thread.join()
        if dump_errors:
            error = dump_errors[0]
            if isinstance(error, AegirError):
                raise error
            raise BackendError(
                f"dumping database {self.source_database} on {self.source_server} failed: {error}"
            ) from error
        copied = counter[0].count if counter else 0
        before = _table_count(ctx, self.source_server, self.source_database)
        after = _table_count(ctx, self.target_server, self.target_database)
        if before != after:
            raise BackendError(
                f"the copy of database {self.source_database} has {after} tables, the original {before}"
            )
        seconds = time.monotonic() - started
        ctx.log(
            f"copied database {self.source_database} ({copied / 1e6:.1f} MB of SQL, {after} tables) into "
            f"{self.target_database} on {self.target_server} in {seconds:.2f} s"
        )


def _window_start(ctx: StepContext, server: str, marker: str) -> float | None:
    backend = ctx.backend(server)
    if not backend.exists(marker):
        return None
    try:
        return float(backend.read_file(marker).decode("ascii", errors="replace").strip())
    except ValueError:
        return None


@frozen
class BeginMaintenance(Step):
    """Put the live site in maintenance (HTTP 503) and note when, in ``marker``, so the step that
    ends the window can report how long it lasted."""

    kind: ClassVar[str] = "begin-maintenance"
    resumable: ClassVar[bool] = True
    server: str
    domain: str
    marker: str

    def describe(self) -> str:
        return f"enter maintenance for {self.domain} on {self.server} (writes stop while data is copied)"

    def inverse(self) -> Step | None:
        return EndMaintenance(self.server, self.domain, self.marker)

    def run(self, ctx: StepContext) -> None:
        backend = ctx.backend(self.server)
        if _window_start(ctx, self.server, self.marker) is None:
            # wall-clock time: the window may end in another process (crash recovery)
            backend.write_file(self.marker, f"{time.time():.6f}\n".encode(), 0o600)
        backend.set_maintenance(self.domain, True)
        ctx.log(f"{self.domain} is in maintenance (HTTP 503) from now")


@frozen
class EndMaintenance(Step):
    """End the maintenance window begun by :class:`BeginMaintenance` and write its length to the
    task log. ``lift=False`` only closes the measured window and leaves the flag on (a renamed
    site's old domain stays in maintenance until the migration is finished or rolled back)."""

    kind: ClassVar[str] = "end-maintenance"
    resumable: ClassVar[bool] = True
    server: str
    domain: str
    marker: str
    lift: bool = True

    def describe(self) -> str:
        if self.lift:
            return f"leave maintenance for {self.domain} on {self.server}"
        return f"end the maintenance window of {self.domain} (its old address stays in maintenance)"

    def inverse(self) -> Step | None:
        return BeginMaintenance(self.server, self.domain, self.marker) if self.lift else None

    def run(self, ctx: StepContext) -> None:
        backend = ctx.backend(self.server)
        started = _window_start(ctx, self.server, self.marker)
        if self.lift:
            backend.set_maintenance(self.domain, False)
        if started is not None:
            ctx.log(f"maintenance window of {self.domain}: {max(0.0, time.time() - started):.2f} s")
        backend.remove_path(self.marker)


@frozen
class PublishPreview(Step):
    """Serve a site's new copy on the web server's private preview listener (never to visitors)."""

    kind: ClassVar[str] = "publish-preview"
    resumable: ClassVar[bool] = True
    server: str
    vhost: Vhost

    def describe(self) -> str:
        return f"serve a private preview of {self.vhost.domain} on {self.server} (root {self.vhost.root})"

    def inverse(self) -> Step | None:
        return UnpublishPreview(self.server, self.vhost.domain)

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).publish_preview(self.vhost)


@frozen
class UnpublishPreview(Step):
    kind: ClassVar[str] = "unpublish-preview"
    resumable: ClassVar[bool] = True
    server: str
    domain: str

    def describe(self) -> str:
        return f"remove the private preview of {self.domain} on {self.server}"

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).unpublish_preview(self.domain)


@frozen
class PreviewHealthCheck(Step):
    """Request the private preview; expect a status and, optionally, some text."""

    kind: ClassVar[str] = "preview-health-check"
    resumable: ClassVar[bool] = True
    server: str
    domain: str
    path: str = "/"
    expect_status: int = 200
    expect_text: str | None = None
    attempts: int = 5

    def describe(self) -> str:
        want = f" containing {self.expect_text!r}" if self.expect_text else ""
        return f"check the private preview of {self.domain}{self.path} answers {self.expect_status}{want}"

    def run(self, ctx: StepContext) -> None:
        backend = ctx.backend(self.server)
        await_healthy(
            ctx,
            lambda: backend.http_get_preview(self.domain, self.path),
            what=f"{self.domain} (the new copy, through its private preview)",
            expect_status=self.expect_status,
            expect_text=self.expect_text,
            attempts=self.attempts,
        )


@frozen
class CopySecret(Step):
    """Store a secret's value under a new name (a renamed site's secrets). Plans use it only for a
    target that does not exist yet, so the inverse may delete the target."""

    kind: ClassVar[str] = "copy-secret"
    resumable: ClassVar[bool] = True
    source: str
    target: str

    def describe(self) -> str:
        return f"copy secret {self.source} to {self.target}"

    def inverse(self) -> Step | None:
        return DeleteSecret(self.target)

    def run(self, ctx: StepContext) -> None:
        ctx.secrets.set(self.target, ctx.secrets.get(self.source))


MIGRATE_STEPS: tuple[type[Step], ...] = (
    CopyDatabase,
    BeginMaintenance,
    EndMaintenance,
    PublishPreview,
    UnpublishPreview,
    PreviewHealthCheck,
    CopySecret,
)
