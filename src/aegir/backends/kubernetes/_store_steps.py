"""One backup in the cluster's backup store, from Aegir: check it against its record, delete it.

Both run a short Job in the site's namespace (see :mod:`._render_store`). The check compares what
its Job reports (the size and sha256 of each part, parsed like a backup Job's report: untrusted
text, refused with a clear error if it is not understood) with what the inventory recorded when the
backup was made. The deletion forgets the record only once its Job has succeeded, so the inventory
never loses a backup the store still has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import frozen

from aegir.backends.kubernetes._api import ObjectRef
from aegir.backends.kubernetes._backup_records import parse_report, report_text
from aegir.backends.kubernetes._render_backup import DB_PART, FILES_PART
from aegir.backends.kubernetes._steps import _backup_inventory, _kube, delete_objects, run_job
from aegir.core.errors import AegirError, BackendError
from aegir.core.steps import Step, StepContext

if TYPE_CHECKING:
    from aegir.backends.kubernetes._backend import KubernetesBackend
    from aegir.core.model import Backup

__all__ = ["STORE_STEPS", "DropBackup", "PartCheck", "check_backup", "recorded_parts"]

Obj = dict[str, Any]
_KNOWN_PARTS = (DB_PART, FILES_PART)


@frozen
class DropBackup(Step):
    """Delete a backup from the cluster's store with a Job, then forget its record (only if the Job
    succeeded). ``lenient`` (the undo of a backup Job, whose plan is being rolled back): a Job that
    fails is logged, not raised, and the backup stays recorded as it stays in the store."""

    kind: ClassVar[str] = "kubernetes-drop-backup"
    resumable: ClassVar[bool] = True
    server: str
    job: Obj
    backup_id: str
    location: str
    lenient: bool = False
    #: the Job of a backup CronJob's run that made it: deleted too, else ``backup sync`` would
    #: record the backup again while the cluster keeps the finished Job
    cron_run: ObjectRef | None = None

    @property
    def deleted_backup_id(self) -> str:
        """The id of the backup this step deletes from the inventory (``run-due`` reports it)."""
        return self.backup_id

    def describe(self) -> str:
        return f"delete backup {self.backup_id} from the cluster's store ({self.location}) on {self.server}"

    def run(self, ctx: StepContext) -> None:
        backend = _kube(ctx, self.server)
        try:
            run_job(backend, self.job, ctx.log, copy_logs=True)
            if self.cron_run is not None:
                delete_objects(backend, (self.cron_run,), ctx.log, wait=False)
        except AegirError as e:
            if not self.lenient:
                raise
            ctx.log(
                f"warning: backup {self.backup_id} could not be deleted from {self.location}, so it "
                f"stays recorded: {e}"
            )
            return
        _backup_inventory(ctx).delete_backup(self.backup_id)
        ctx.log(f"deleted backup {self.backup_id} from {self.location} and from the inventory")


STORE_STEPS: tuple[type[Step], ...] = (DropBackup,)


@frozen
class PartCheck:
    """One part of a backup as the check Job found it, against its record (``ok``: they match)."""

    name: str
    ok: bool
    size: int | None
    sha256: str | None
    problem: str | None = None


def recorded_parts(backup: Backup) -> list[tuple[str, int | None, str | None]]:
    """The parts the inventory recorded for ``backup``: (name, size, sha256), the last two None
    where the backup Job's report was not understood. Names other than a cluster backup's parts
    are refused (the record is not what a cluster backup records)."""
    raw = backup.manifest.get("parts") if isinstance(backup.manifest, dict) else None
    found: list[tuple[str, int | None, str | None]] = []
    for part in raw if isinstance(raw, list) else []:
        name = part.get("name") if isinstance(part, dict) else None
        if name not in _KNOWN_PARTS or any(name == n for n, _, _ in found):
            raise BackendError(
                f"the record of backup {backup.id!r} names a part {str(name)[:60]!r} that a cluster "
                f"backup does not have (it has {', '.join(_KNOWN_PARTS)})"
            )
        size, digest = part.get("size"), part.get("sha256")
        found.append(
            (
                str(name),
                size if isinstance(size, int) and not isinstance(size, bool) else None,
                digest if isinstance(digest, str) else None,
            )
        )
    if not found:
        raise BackendError(f"the record of backup {backup.id!r} lists no parts to check")
    return found


def check_backup(backend: KubernetesBackend, job: Obj, backup: Backup) -> list[PartCheck]:
    """Run the check Job ``job`` for ``backup`` and compare its report with the record. A Job
    that fails (a part or the manifest missing, the store unreachable) or a report that is not
    understood raises :class:`BackendError`, saying so."""
    redact = backend.env.secrets.redact
    expected = recorded_parts(backup)
    names = tuple(n for n, _, _ in expected)
    try:
        logs = run_job(
            backend, job, lambda _line: None, copy_logs=False, logs_in="the Job's pod (kubectl logs)"
        )
    except AegirError as e:
        raise BackendError(
            redact(
                f"backup {backup.id!r} could not be checked in the cluster's store (a part or its "
                f"manifest may be missing): {e}"
            )
        ) from e
    report = parse_report(report_text(logs), names)
    if report.problem is not None:
        raise BackendError(
            f"backup {backup.id!r} could not be checked: {redact(report.problem).replace('backup Job', 'check Job')}"
        )
    found = {p.name: p for p in report.parts}
    checks: list[PartCheck] = []
    for name, size, digest in expected:
        got = found[name]
        problem = None
        if digest is None:
            problem = "not checked: its record has no sha256 (the backup Job's report was not understood)"
        elif got.sha256 != digest:
            problem = f"sha256 {got.sha256} differs from the recorded {digest}"
        elif size is not None and got.size != size:
            problem = f"size {got.size} differs from the recorded {size}"
        checks.append(PartCheck(name, problem is None, got.size, got.sha256, problem))
    return checks
