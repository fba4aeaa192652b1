"""The Kubernetes backend's steps: data (manifests and names), carried out through the API wrapper.

Contract (see :mod:`aegir.core.steps`): ``run`` goes through ``ctx.backend(server)``; every inverse is
idempotent (deleting what is gone, or applying what is there, changes nothing). Secret values never
enter a step: Secrets carry ``{{secret:NAME}}`` templates that are filled in when the step runs.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import frozen

from aegir.backends.kubernetes._api import ObjectRef
from aegir.backends.kubernetes._backup_records import BackupRecord
from aegir.backends.kubernetes._errors import ApiServerError, ApiUnreachable, JobFailed
from aegir.backends.kubernetes._render_jobs import STATUS_MARK
from aegir.backends.kubernetes._wait import job_logs, wait_for_job, wait_for_rollout
from aegir.core.errors import BackendError, ConflictError, HealthCheckFailed
from aegir.core.steps import Step, StepContext, fill_secrets

if TYPE_CHECKING:
    from aegir.backends.kubernetes._backend import KubernetesBackend
    from aegir.core.backup_steps import BackupInventory
    from aegir.core.secrets import SecretStore

__all__ = [
    "STEPS",
    "ApplyObjects",
    "ApplySecret",
    "CheckHealth",
    "DeleteObjects",
    "ForgetBackup",
    "OnRollback",
    "RequireAbsent",
    "RetrackBackups",
    "RunBackupJob",
    "RunJob",
    "WaitRollout",
    "step_manifests",
]

Obj = dict[str, Any]
LOG_LIMIT = 20000
_STATUS = re.compile(re.escape(STATUS_MARK) + r"(\d{3})\s*$")


def _kube(ctx: StepContext, server: str) -> KubernetesBackend:
    from aegir.backends.kubernetes._backend import KubernetesBackend

    backend = ctx.backend(server)
    if not isinstance(backend, KubernetesBackend):
        raise BackendError(f"server {server!r} is not a kubernetes server (backend {backend.name!r})")
    return backend


def _refs(objects: tuple[Obj, ...]) -> tuple[ObjectRef, ...]:
    return tuple(ObjectRef.of(o) for o in objects)


def _names(refs: tuple[ObjectRef, ...]) -> str:
    shown = ", ".join(r.describe() for r in refs[:4])
    return shown + (f" and {len(refs) - 4} more" if len(refs) > 4 else "")


@frozen
class ApplyObjects(Step):
    """Server-side apply manifests. Inverse: apply ``previous`` (a switch back), or delete them if new."""

    kind: ClassVar[str] = "kubernetes-apply"
    resumable: ClassVar[bool] = True
    server: str
    objects: tuple[Obj, ...]
    previous: tuple[Obj, ...] | None = None
    new: bool = True
    label: str = ""

    def describe(self) -> str:
        return self.label or f"apply {_names(_refs(self.objects))} on {self.server}"

    def inverse(self) -> Step | None:
        if self.previous is not None:
            return ApplyObjects(self.server, self.previous, new=False, label=f"revert: {self.describe()}")
        if self.new:
            return DeleteObjects(self.server, tuple(reversed(_refs(self.objects))))
        return None

    def run(self, ctx: StepContext) -> None:
        api = _kube(ctx, self.server).api
        for obj in self.objects:
            api.apply(obj)
            ctx.log(f"applied {ObjectRef.of(obj).describe()}")


def filled_secret(secret: Obj, values: dict[str, str], secrets: SecretStore) -> Obj:
    """The Secret with its data: each value template filled in from the secret store."""
    data = {
        key: base64.b64encode(fill_secrets(value, secrets).encode()).decode() for key, value in values.items()
    }
    return {**secret, "data": data}


@frozen
class ApplySecret(Step):
    """Apply a Secret whose values are templates filled in from the secret store as it runs."""

    kind: ClassVar[str] = "kubernetes-apply-secret"
    resumable: ClassVar[bool] = True
    server: str
    secret: Obj
    values: dict[str, str]
    new: bool = True

    def describe(self) -> str:
        return (
            f"apply {ObjectRef.of(self.secret).describe()} ({len(self.values)} values from the secret store)"
        )

    def inverse(self) -> Step | None:
        return DeleteObjects(self.server, (ObjectRef.of(self.secret),)) if self.new else None

    def run(self, ctx: StepContext) -> None:
        _kube(ctx, self.server).api.apply(filled_secret(self.secret, self.values, ctx.secrets))
        ctx.log(f"applied {ObjectRef.of(self.secret).describe()} with keys {', '.join(sorted(self.values))}")


@frozen
class DeleteObjects(Step):
    """Delete objects (absent ones are fine) and, with ``wait``, wait until they are gone."""

    kind: ClassVar[str] = "kubernetes-delete"
    resumable: ClassVar[bool] = True
    server: str
    refs: tuple[ObjectRef, ...]
    wait: bool = True

    def describe(self) -> str:
        return f"delete {_names(self.refs)} on {self.server}"

    def run(self, ctx: StepContext) -> None:
        delete_objects(_kube(ctx, self.server), self.refs, ctx.log, wait=self.wait)


def delete_objects(
    backend: KubernetesBackend, refs: tuple[ObjectRef, ...], log: Callable[[str], object], *, wait: bool
) -> None:
    """Delete ``refs`` (absent ones are fine) and, with ``wait``, wait until they are gone."""
    api = backend.api
    for ref in refs:
        log(f"deleted {ref.describe()}" if api.delete(ref) else f"{ref.describe()} was already gone")
    if not wait:
        return
    timeout, poll = backend.timeouts("rollout")
    deadline = time.monotonic() + timeout
    pending = list(refs)
    while pending:
        try:
            pending = [r for r in pending if api.get(r) is not None]
        except (ApiUnreachable, ApiServerError) as e:
            log(f"still waiting: {e}")
        if pending and time.monotonic() >= deadline:
            raise BackendError(
                f"{_names(tuple(pending))} still exist {timeout:g}s after being deleted "
                "(a finalizer may be holding them; see 'kubectl describe')"
            )
        if pending:
            time.sleep(poll)


@frozen
class WaitRollout(Step):
    kind: ClassVar[str] = "kubernetes-wait-rollout"
    resumable: ClassVar[bool] = True
    server: str
    ref: ObjectRef

    def describe(self) -> str:
        return f"wait until {self.ref.describe()} is ready"

    def run(self, ctx: StepContext) -> None:
        backend = _kube(ctx, self.server)
        timeout, poll = backend.timeouts("rollout")
        ctx.log(
            f"{self.ref.describe()}: {wait_for_rollout(backend.api, self.ref, timeout=timeout, poll=poll)}"
        )


def _run_job(ctx: StepContext, server: str, job: Obj, *, copy_logs: bool) -> list[tuple[str, str]]:
    """Start a fresh Job, wait for it, copy its logs into the task log; raise if it failed."""
    return run_job(_kube(ctx, server), job, ctx.log, copy_logs=copy_logs)


def run_job(
    backend: KubernetesBackend,
    job: Obj,
    log: Callable[[str], object],
    *,
    copy_logs: bool,
    logs_in: str = "the task log",
) -> list[tuple[str, str]]:
    """Start a fresh Job, wait for it, hand its logs to ``log`` (with ``copy_logs``) and return
    them as (container, text); raise :class:`JobFailed` if it failed (the Job is kept then, and
    the error says its logs are in ``logs_in``)."""
    api = backend.api
    ref = ObjectRef.of(job)
    if api.get(ref) is not None:  # a Job from an earlier attempt: Jobs are immutable, start afresh
        delete_objects(backend, (ref,), log, wait=True)
    api.apply(job)
    log(f"started {ref.describe()}")
    timeout, poll = backend.timeouts("job")
    outcome = wait_for_job(api, ref, timeout=timeout, poll=poll)
    logs: list[tuple[str, str]] = []
    for entry in job_logs(api, str(ref.namespace), ref.name):
        text = entry.text
        if text is None:
            continue
        logs.append((entry.container, text))
        if copy_logs and text.strip():
            shown = text if len(text) <= LOG_LIMIT else "[...]\n" + text[-LOG_LIMIT:]
            log(f"{ref.name}/{entry.container}:\n{shown.rstrip()}")
    if not outcome.succeeded:
        tail = " | ".join(line for _, text in logs[-1:] for line in text.strip().splitlines()[-5:])
        raise JobFailed(
            f"{ref.describe()} failed ({outcome.detail})"
            + (f"; last output: {tail}" if tail else "")
            + f"; its logs are in {logs_in}"
        )
    api.delete(ref)
    return logs


@frozen
class RunJob(Step):
    """Run a Job to completion and copy its logs into the task log. Inverse: ``undo`` (another Job)."""

    kind: ClassVar[str] = "kubernetes-run-job"
    server: str
    job: Obj
    label: str = ""
    undo: RunJob | None = None

    def describe(self) -> str:
        return self.label or f"run {ObjectRef.of(self.job).describe()}"

    def inverse(self) -> Step | None:
        return self.undo

    def run(self, ctx: StepContext) -> None:
        _run_job(ctx, self.server, self.job, copy_logs=True)


@frozen
class RunBackupJob(Step):
    """Run a backup Job like :class:`RunJob`, then record the backup in the inventory, with the
    sizes and sha256 of its parts as the Job's report says (without them, and a warning, if the
    report is missing or not understood).

    Inverse, like a local backup's: with ``drop`` (a Job that deletes the backup from the store),
    delete what the Job wrote and then forget the record (a failed deletion is logged and leaves
    both); without, only forget the record."""

    kind: ClassVar[str] = "kubernetes-run-backup-job"
    server: str
    job: Obj
    record: BackupRecord
    label: str = ""
    drop: Obj | None = None

    @property
    def recorded_backup_id(self) -> str:
        """The id the backup gets in the inventory (the CLI reports it)."""
        return self.record.id

    @property
    def recorded_store(self) -> str:
        """The inventory's name of the store the backup goes to (the cluster's)."""
        return self.record.store

    def describe(self) -> str:
        return self.label or f"run {ObjectRef.of(self.job).describe()}"

    def inverse(self) -> Step | None:
        if self.drop is None:
            return ForgetBackup(self.record.id)
        from aegir.backends.kubernetes._store_steps import DropBackup

        return DropBackup(self.server, self.drop, self.record.id, self.record.location, lenient=True)

    def run(self, ctx: StepContext) -> None:
        from datetime import UTC, datetime

        from aegir.backends.kubernetes._backup_records import (
            Report,
            backup_of,
            lookup_facts,
            parse_report,
            report_text,
        )

        logs = _run_job(ctx, self.server, self.job, copy_logs=True)
        report = parse_report(report_text(logs), self.record.parts)
        if report.problem is not None:
            report = Report(problem=ctx.secrets.redact(report.problem))
        facts, digest = lookup_facts(ctx.inventory, self.record)
        backup = backup_of(
            self.record, report, completed=datetime.now(UTC), facts=facts, package_digest=digest
        )
        _backup_inventory(ctx).save_backup(backup)
        if report.problem is None:
            parts = ", ".join(f"{p.name} {p.size} bytes" for p in report.parts)
            ctx.log(f"recorded backup {backup.id} ({self.record.location}): {parts}")
        else:
            ctx.log(f"recorded backup {backup.id} ({self.record.location}) without sizes: {report.problem}")


def _backup_inventory(ctx: StepContext) -> BackupInventory:
    from aegir.core.backup_steps import BackupInventory

    inventory = ctx.inventory
    if not isinstance(inventory, BackupInventory):
        raise BackendError("this task runner's inventory cannot record backups")
    return inventory


@frozen
class ForgetBackup(Step):
    """Remove a backup's record from the inventory (a record that is not there is fine)."""

    kind: ClassVar[str] = "kubernetes-forget-backup"
    resumable: ClassVar[bool] = True
    backup_id: str

    def describe(self) -> str:
        return f"forget backup {self.backup_id} in the inventory"

    def run(self, ctx: StepContext) -> None:
        _backup_inventory(ctx).delete_backup(self.backup_id)
        ctx.log(f"backup {self.backup_id} is no longer in the inventory")


@frozen
class OnRollback(Step):
    """Nothing to do going forward; on rollback, runs ``undo``. Placed right after a Job that creates
    something, so a Job that failed because the thing existed already never undoes someone else's."""

    kind: ClassVar[str] = "kubernetes-on-rollback"
    resumable: ClassVar[bool] = True
    undo: RunJob

    def describe(self) -> str:
        return f"on rollback: {self.undo.describe()}"

    def inverse(self) -> Step | None:
        return self.undo

    def run(self, ctx: StepContext) -> None:
        ctx.log(f"armed for rollback: {self.undo.describe()}")


@frozen
class CheckHealth(Step):
    """Request the site from inside the cluster (a curl Job) and check the status and the page."""

    kind: ClassVar[str] = "kubernetes-check-health"
    resumable: ClassVar[bool] = True
    server: str
    domain: str
    job: Obj
    expect_status: int = 200
    expect_text: str | None = None

    def describe(self) -> str:
        want = f" containing {self.expect_text!r}" if self.expect_text else ""
        return f"check {self.domain} answers {self.expect_status}{want} (from inside the cluster)"

    def run(self, ctx: StepContext) -> None:
        try:
            logs = _run_job(ctx, self.server, self.job, copy_logs=False)
        except JobFailed as e:
            raise HealthCheckFailed(f"site {self.domain} could not be requested: {e}") from e
        output = "".join(text for _, text in logs)
        body, _, tail = output.rpartition(STATUS_MARK)
        match = _STATUS.search(STATUS_MARK + tail)
        if not match:
            raise HealthCheckFailed(
                f"site {self.domain} is not healthy: no HTTP answer ({output.strip()[-300:]})"
            )
        status = int(match.group(1))
        if status != self.expect_status:
            raise HealthCheckFailed(
                f"site {self.domain} is not healthy: HTTP {status}, expected {self.expect_status}"
            )
        if self.expect_text and self.expect_text not in body:
            raise HealthCheckFailed(
                f"site {self.domain} is not healthy: the page does not contain {self.expect_text!r}"
            )
        ctx.log(f"health check of {self.domain}: HTTP {status}")


@frozen
class RequireAbsent(Step):
    """Fail (ConflictError) if an object exists: e.g. a track left by an unfinished migration.

    ``also``: more objects that must not exist, such as the track's files volume, which a failed
    deletion can leave behind its Deployment, or leave Terminating (held by a finalizer while a
    pod still uses it): a new track of the same name would bind to it, or fail to. Such an
    object is refused with what holds it, never waited for here."""

    kind: ClassVar[str] = "kubernetes-require-absent"
    resumable: ClassVar[bool] = True
    server: str
    ref: ObjectRef
    reason: str
    also: tuple[ObjectRef, ...] = ()

    def describe(self) -> str:
        if self.also:
            return f"check that {_names((self.ref, *self.also))} do not exist"
        return f"check that {self.ref.describe()} does not exist"

    def run(self, ctx: StepContext) -> None:
        api = _kube(ctx, self.server).api
        for ref in (self.ref, *self.also):
            found = api.get(ref)
            if found is None:
                continue
            md = found.get("metadata") if isinstance(found.get("metadata"), dict) else {}
            since = (md or {}).get("deletionTimestamp")
            if since:
                holders = [str(f)[:100] for f in (md or {}).get("finalizers") or []][:5]
                held = f"held by the finalizer(s) {', '.join(holders)}" if holders else "not gone yet"
                raise ConflictError(
                    f"{ref.describe()} is being deleted (Terminating since {str(since)[:40]}) but is "
                    f"{held}: wait until it is gone (a pod may still use it: see 'kubectl describe "
                    f"{ref.kind.lower()} -n {ref.namespace} {ref.name}'), then try again"
                )
            raise ConflictError(f"{ref.describe()} exists already: {self.reason}")


@frozen
class RetrackBackups(Step):
    """Point the site's backup CronJob at the track that serves now, if the site has one.

    The CronJob backs up one track (it mounts that track's files volume and dumps its database),
    so a switch of tracks (restore, migrate, rollback) must move it, or its runs fail once the old
    track is dropped. ``objects`` are its manifest ConfigMap and the CronJob rendered for the new
    track; they are applied only if the CronJob exists, with the schedule it has in the cluster (a
    switch never changes when backups run). Inverse: the same for ``previous``, the track before."""

    kind: ClassVar[str] = "kubernetes-retrack-backups"
    resumable: ClassVar[bool] = True
    server: str
    objects: tuple[Obj, ...]
    previous: tuple[Obj, ...] = ()
    label: str = ""
    undo_label: str = ""

    def describe(self) -> str:
        return self.label or f"re-apply {_names(_refs(self.objects))} if it exists"

    def inverse(self) -> Step | None:
        if not self.previous:
            return None
        return RetrackBackups(self.server, self.previous, label=self.undo_label)

    def run(self, ctx: StepContext) -> None:
        api = _kube(ctx, self.server).api
        cron = next(o for o in self.objects if o["kind"] == "CronJob")
        live = api.get(ObjectRef.of(cron))
        if live is None:
            ctx.log(f"{ObjectRef.of(cron).describe()} does not exist: no scheduled backups to move")
            return
        schedule = str(((live.get("spec") or {}).get("schedule")) or cron["spec"]["schedule"])
        timed = {**cron, "spec": {**cron["spec"], "schedule": schedule}}
        for obj in self.objects:
            api.apply(timed if obj is cron else obj)
            ctx.log(
                f"applied {ObjectRef.of(obj).describe()} ({schedule!r})"
                if obj is cron
                else f"applied {ObjectRef.of(obj).describe()}"
            )


STEPS: tuple[type[Step], ...] = (
    ApplyObjects,
    ApplySecret,
    DeleteObjects,
    WaitRollout,
    RunJob,
    RunBackupJob,
    ForgetBackup,
    OnRollback,
    CheckHealth,
    RequireAbsent,
    RetrackBackups,
)


def step_manifests(steps: list[Step], *, include_undo: bool = False) -> list[Obj]:
    """The objects a plan applies, in order (Secrets as rendered: without data); the last version
    of an object applied twice wins. With ``include_undo``, also what rollback would apply or run."""
    found: dict[tuple[str, str | None, str], Obj] = {}

    def add(obj: Obj) -> None:
        ref = ObjectRef.of(obj)
        found.pop((ref.kind, ref.namespace, ref.name), None)
        found[(ref.kind, ref.namespace, ref.name)] = obj

    for step in steps:
        if isinstance(step, ApplyObjects):
            for obj in step.objects:
                add(obj)
            if include_undo:
                for obj in step.previous or ():
                    add(obj)
        elif isinstance(step, ApplySecret):
            add(step.secret)
        elif isinstance(step, RunJob | RunBackupJob | CheckHealth):
            add(step.job)
        if include_undo and isinstance(step, RunBackupJob) and step.drop is not None:
            add(step.drop)
        if include_undo and isinstance(step, RunJob | OnRollback) and step.undo is not None:
            add(step.undo.job)
    return list(found.values())
