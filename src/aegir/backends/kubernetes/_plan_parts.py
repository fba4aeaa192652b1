"""The pieces operations are planned from: each returns the steps for one thing done to a site
(its base objects, a track, its database, a Job, a health check, a switch of the Service)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from aegir.backends.kubernetes import _naming
from aegir.backends.kubernetes import _render as render
from aegir.backends.kubernetes import _render_backup as backups
from aegir.backends.kubernetes import _render_jobs as jobs
from aegir.backends.kubernetes import _render_store as store
from aegir.backends.kubernetes._api import ObjectRef
from aegir.backends.kubernetes._backup_records import record_for
from aegir.backends.kubernetes._driver_jobs import driver_job
from aegir.backends.kubernetes._render_pod import meta
from aegir.backends.kubernetes._spec import OPTION_PREFIX, PLACEMENT_KEYS
from aegir.backends.kubernetes._steps import (
    ApplyObjects,
    ApplySecret,
    CheckHealth,
    DeleteObjects,
    OnRollback,
    RetrackBackups,
    RunBackupJob,
    RunJob,
    WaitRollout,
)
from aegir.core.model import Site, SiteStatus
from aegir.core.steps import GenerateSecret, Step

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = ["Parts"]

Obj = dict[str, Any]


def _ref(obj: Obj) -> ObjectRef:
    return ObjectRef.of(obj)


class Parts:
    """Step builders for one server's options; every method is a pure function of its arguments."""

    def __init__(self, opts: ClusterOptions, now: datetime) -> None:
        self.opts = opts
        self.server = opts.server
        self.now = now

    # -- names and records -----------------------------------------------------------------------
    def stamp(self, prefix: str) -> str:
        """A backup id made now; to the microsecond, so two backups of a site in one second (two
        ``site backup`` runs of a script) do not take the same id and overwrite each other."""
        return f"{prefix}{self.now:%Y%m%d-%H%M%S-%f}"

    def recorded(self, site: Site, spec: SiteSpec, *, status: SiteStatus | None = None) -> Site:
        """``site`` with where it lives on the cluster, so later operations find the same objects."""
        options = dict(site.options)
        placement = {"namespace": spec.namespace, "slug": spec.slug, "track": spec.track}
        changes: dict[str, Any] = {"options": options}
        if spec.db:
            placement["db_base"] = spec.db.base
            changes["db_name"] = spec.db.name
        # these are the PLACEMENT_KEYS (a clone must not inherit them; see _plan._clone)
        options.update({OPTION_PREFIX + k: placement[k] for k in PLACEMENT_KEYS if k in placement})
        if status is not None:
            changes["status"] = status
        return attrs.evolve(site, **changes)

    # -- secrets and base objects ----------------------------------------------------------------
    def generate_secrets(self, spec: SiteSpec, db_secret: str | None, admin_secret: str | None) -> list[Step]:
        lengths = {db_secret: 24, admin_secret: 20}
        return [GenerateSecret(k.secret, lengths.get(k.secret, 64)) for k in spec.secrets]

    def base_objects(self, spec: SiteSpec, *, new: bool, target: str | None = None) -> list[Step]:
        objs: list[Obj | None] = [
            render.namespace(spec, self.opts),
            render.service_account(spec),
            *render.network_policies(spec, self.opts),
            render.backup_pvc(spec, self.opts),
            render.main_service(spec, target or spec.track),
        ]
        present = tuple(o for o in objs if o is not None)
        return [ApplyObjects(self.server, present, new=new, label=f"apply the base objects of {spec.domain}")]

    def site_secret(self, spec: SiteSpec, *, new: bool) -> list[Step]:
        skeleton, values = render.site_secret(spec)
        steps: list[Step] = [ApplySecret(self.server, skeleton, values, new=new)]
        if self.opts["backup_store"] == "s3":
            creds = self.opts.s3_credentials
            md = meta(spec, spec.name("backup-credentials"), "backup")
            md["annotations"]["aegir.io/values"] = render.VALUES_NOTE
            secret = {"apiVersion": "v1", "kind": "Secret", "metadata": md, "type": "Opaque"}
            keys = {k: "{{secret:" + f"{creds}/{k}" + "}}" for k in ("access-key-id", "secret-access-key")}
            steps.append(ApplySecret(self.server, secret, keys, new=new))
        return steps

    def wait_database(self) -> list[Step]:
        if not self.opts.managed_db:
            return []
        ref = ObjectRef("apps/v1", "StatefulSet", "mariadb", self.opts["system_namespace"])
        return [WaitRollout(self.server, ref)]

    # -- databases -------------------------------------------------------------------------------
    def drop_database(self, spec: SiteSpec, *, drop_user: bool) -> RunJob:
        what = f"drop database {spec.db.name if spec.db else ''}" + (" and its user" if drop_user else "")
        return RunJob(self.server, jobs.db_drop_job(spec, self.opts, drop_user=drop_user), label=what)

    def create_database(self, spec: SiteSpec, *, drop_user_on_rollback: bool) -> list[Step]:
        if spec.db is None:
            return []
        secret, values, job = jobs.db_create_job(spec, self.opts)
        return [
            ApplySecret(self.server, secret, values),
            RunJob(self.server, job, label=f"create database {spec.db.name} for user {spec.db.user}"),
            OnRollback(self.drop_database(spec, drop_user=drop_user_on_rollback)),
            DeleteObjects(self.server, (_ref(secret),), wait=False),
        ]

    # -- tracks ----------------------------------------------------------------------------------
    def track(self, spec: SiteSpec, *, new: bool) -> list[Step]:
        objs = tuple(render.track_objects(spec, self.opts, spec.track))
        steps: list[Step] = [
            ApplyObjects(self.server, objs, new=new, label=f"apply the {spec.track} track of {spec.domain}")
        ]
        settings = render.settings_secret(spec, spec.track)
        if settings:
            steps.append(ApplySecret(self.server, settings[0], settings[1], new=new))
        return steps

    def deploy(
        self, spec: SiteSpec, *, new: bool, replicas: int | None = None, previous: int | None = None
    ) -> list[Step]:
        dep = render.deployment(spec, self.opts, spec.track, replicas)
        before = None if previous is None else (render.deployment(spec, self.opts, spec.track, previous),)
        label = "" if replicas is None else f"scale {ObjectRef.of(dep).describe()} to {replicas} replicas"
        steps: list[Step] = [ApplyObjects(self.server, (dep,), previous=before, new=new, label=label)]
        if (replicas if replicas is not None else spec.replicas) > 0:
            steps.append(WaitRollout(self.server, _ref(dep)))
        return steps

    def track_refs(self, spec: SiteSpec) -> tuple[ObjectRef, ...]:
        """Everything of one track, for deleting it (Deployment first: its pods hold the volume)."""
        objs = [
            render.deployment(spec, self.opts, spec.track),
            *render.track_objects(spec, self.opts, spec.track),
        ]
        settings = render.settings_secret(spec, spec.track)
        if settings:
            objs.append(settings[0])
        return tuple(_ref(o) for o in objs)

    # -- traffic ---------------------------------------------------------------------------------
    def switch(self, spec: SiteSpec, target: str, previous: str) -> list[Step]:
        svc, before = render.main_service(spec, target), render.main_service(spec, previous)
        return [
            ApplyObjects(
                self.server,
                (svc,),
                previous=(before,),
                new=False,
                label=f"send the traffic of {spec.domain} to {target} (was {previous})",
            )
        ]

    def publish(self, spec: SiteSpec, *, new: bool) -> list[Step]:
        objs = [render.ingress(spec, self.opts)]
        pdb = render.pod_disruption_budget(spec)
        if pdb:
            objs.append(pdb)
        return [ApplyObjects(self.server, tuple(objs), new=new)]

    def maintenance_on(self, spec: SiteSpec, previous: str) -> list[Step]:
        objs = render.maintenance_objects(spec, self.opts)
        return [
            ApplyObjects(self.server, tuple(objs), label=f"start the maintenance page of {spec.domain}"),
            WaitRollout(self.server, _ref(objs[1])),
            *self.switch(spec, render.MAINTENANCE, previous),
        ]

    def maintenance_off(self, spec: SiteSpec) -> list[Step]:
        refs = tuple(_ref(o) for o in reversed(render.maintenance_objects(spec, self.opts)))
        return [DeleteObjects(self.server, refs)]

    def health(self, spec: SiteSpec, *, service: str | None = None, status: int = 200) -> list[Step]:
        name = service or spec.name("web")
        job = jobs.health_job(spec, self.opts, name, "/", retry=status == 200)
        text = spec.health_text if status == 200 else None
        return [CheckHealth(self.server, spec.domain, job, expect_status=status, expect_text=text)]

    # -- Jobs ------------------------------------------------------------------------------------
    def driver_steps(self, spec: SiteSpec, name: str, steps: Sequence[Step], label: str) -> list[Step]:
        if not steps:
            return []
        secret, values, job = driver_job(spec, self.opts, name, steps)
        out: list[Step] = []
        if secret is not None:
            out.append(ApplySecret(self.server, secret, values))
        out.append(RunJob(self.server, job, label=label))
        if secret is not None:
            out.append(DeleteObjects(self.server, (_ref(secret),), wait=False))
        return out

    def backup(self, spec: SiteSpec, backup: str, label: str = "") -> list[Step]:
        """The backup Job, which records the backup in the inventory when it succeeds."""
        manifest, job = backups.backup_job(spec, self.opts, backup, self.now.isoformat())
        record = record_for(spec, self.opts, backup, self.now, job=_ref(job).name)
        label = label or f"back up {spec.domain} as {backup}"
        # undone like a local backup: a plan rolled back leaves no backup of its own behind
        drop = store.drop_job(spec, self.opts, backup)
        return [
            ApplyObjects(self.server, (manifest,)),
            RunBackupJob(self.server, job, record, label=label, drop=drop),
            DeleteObjects(self.server, (_ref(manifest),), wait=False),
        ]

    def backup_schedule(self, spec: SiteSpec, schedule: str, previous: str | None = None) -> list[Step]:
        """Apply the site's backup CronJob (and its manifest ConfigMap) for the current track.
        Inverse: with the ``previous`` schedule, apply the CronJob as it was; without, delete it."""
        objs = backups.backup_cronjob(spec, self.opts, schedule, self.now.isoformat())
        before = None
        if previous:
            before = backups.backup_cronjob(spec, self.opts, previous, self.now.isoformat())
        label = f"schedule the backups of {spec.domain}: {schedule!r}, run by the cluster"
        return [ApplyObjects(self.server, objs, previous=before, new=before is None, label=label)]

    def retrack_backups(self, spec: SiteSpec, before: SiteSpec | None, schedule: str) -> list[Step]:
        """Move the site's backup CronJob, if it has one, to ``spec``'s track (from ``before``'s,
        on rollback); the schedule applied is the one the CronJob has in the cluster (``schedule``
        only fills the rendered object)."""
        objs = backups.backup_cronjob(spec, self.opts, schedule, self.now.isoformat())
        prev = backups.backup_cronjob(before, self.opts, schedule, self.now.isoformat()) if before else ()

        def label(track: str) -> str:
            return f"move the scheduled backups of {spec.domain} to the {track} track (if it has them)"

        undo = label(before.track) if before else ""
        return [RetrackBackups(self.server, objs, prev, label=label(spec.track), undo_label=undo)]

    def other(self, track: str) -> str:
        return _naming.other_track(track)
