"""Site operations on Kubernetes as plans of steps, planned like the local backend's.

A site has two tracks, blue and green: each is a Deployment with its own database and files volume.
The Service ``web`` selects one track (or the maintenance page) at a time, so restore and migrate
build the other track, check it through its own Service, then switch the selector in one step;
any failure up to the switch (and its record, and the backup CronJob's move) undoes it and
traffic is back where it was.

What a plan does after that only cleans up (the maintenance page goes; a restore drops the old
track): a restore and a migration end with it, and plan it alone as ``restore-cleanup`` and
``migrate-cleanup``, so that core runs it as clean-up, which is never rolled back. Rolling it back
would send traffic back to a track that is half deleted and delete the one that serves.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs

from aegir.backends.kubernetes import _render as render
from aegir.backends.kubernetes import _render_backup as backups
from aegir.backends.kubernetes import _render_jobs as jobs
from aegir.backends.kubernetes._api import ObjectRef
from aegir.backends.kubernetes._options import check_cron
from aegir.backends.kubernetes._plan_parts import Parts
from aegir.backends.kubernetes._spec import (
    OPTION_PREFIX,
    PLACEMENT_KEYS,
    SCHEDULE_KEY,
    SiteSpec,
    build_spec,
    with_step_secrets,
)
from aegir.backends.kubernetes._steps import ApplyObjects, DeleteObjects, RequireAbsent, RunJob, WaitRollout
from aegir.core.errors import ValidationError
from aegir.core.model import SiteStatus
from aegir.core.steps import (
    DeleteSecret,
    DeleteSecretTree,
    ForgetSite,
    GenerateSecret,
    PromoteSecret,
    SaveSite,
    Step,
)

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.model import Site

__all__ = ["OPERATIONS", "SitePlanner"]

OPERATIONS = (
    "install",
    "verify",
    "backup",
    "restore",
    "restore-cleanup",
    "clone",
    "migrate",
    "migrate-cleanup",
    "migrate-finish",
    "rollback",
    "disable",
    "enable",
    "delete",
    "login-reset",
    "schedule-backups",
    "unschedule-backups",
)


def _given(value: SiteContext | None, operation: str) -> SiteContext:
    if value is None:
        raise ValidationError(f"{operation} on kubernetes needs the target site (target=SiteContext)")
    return value


def _carry_options(target: SiteContext, current: SiteContext) -> SiteContext:
    """``target`` with the cluster placement recorded on the current site (namespace, slug...)."""
    recorded = {k: v for k, v in current.site.options.items() if k.startswith(OPTION_PREFIX)}
    site = attrs.evolve(target.site, options={**target.site.options, **recorded})
    return attrs.evolve(target, site=site)


def _placed_afresh(target: SiteContext) -> SiteContext:
    """``target`` (a new site made from another, e.g. a clone) without the records of where that
    other site lives on the cluster (its slug, namespace, track and database base name) and of its
    backup CronJob, which the new site does not have: it gets its own names, like a new install.
    Options an operator sets (``kubernetes.replicas``) are kept."""
    recorded = {OPTION_PREFIX + key for key in PLACEMENT_KEYS} | {SCHEDULE_KEY}
    options = {k: v for k, v in target.site.options.items() if k not in recorded}
    if len(options) == len(target.site.options):
        return target
    return attrs.evolve(target, site=attrs.evolve(target.site, options=options))


class SitePlanner:
    """Plans for one site on one Kubernetes server."""

    def __init__(
        self, opts: ClusterOptions, ctx: SiteContext, driver: AppDriver, now: datetime | None = None
    ) -> None:
        self.opts = opts
        self.ctx = ctx
        self.driver = driver
        self.parts = Parts(opts, now or datetime.now(UTC))
        self.server = opts.server
        self.spec, self.kctx = build_spec(ctx, driver, opts)

    def plan(
        self, operation: str, *, backup_id: str | None = None, target: SiteContext | None = None
    ) -> list[Step]:
        if operation not in OPERATIONS:
            raise ValidationError(
                f"operation {operation!r} is not one the kubernetes backend plans; "
                f"it plans: {', '.join(OPERATIONS)}"
            )
        method = getattr(self, "_" + operation.replace("-", "_"))
        steps: list[Step] = method(backup_id=backup_id, target=target)
        return steps

    def track_spec(self, track: str, ctx: SiteContext | None = None) -> tuple[SiteSpec, SiteContext]:
        return build_spec(ctx or self.ctx, self.driver, self.opts, track=track)

    # -- install, verify, delete -----------------------------------------------------------------
    def _install(self, **_: object) -> list[Step]:
        p, ctx = self.parts, self.ctx
        install = self.driver.install_steps(self.kctx)
        spec = with_step_secrets(self.spec, install)
        site = ctx.site
        steps: list[Step] = [SaveSite(site)]
        steps += p.generate_secrets(spec, ctx.db_password_secret, ctx.admin_password_secret)
        if spec.db:
            steps += p.wait_database()
        steps += p.base_objects(spec, new=True)
        steps += p.site_secret(spec, new=True)
        steps += p.create_database(spec, drop_user_on_rollback=True)
        steps += p.track(spec, new=True)
        steps += p.deploy(spec, new=True)
        steps += p.driver_steps(
            spec, f"install-{spec.track}", install, f"install {spec.app} into {site.domain}"
        )
        scheduled, site_after = self._scheduled_from_start(spec, site)
        steps += scheduled  # before the checks: a failure from here on deletes it again
        steps += p.publish(spec, new=True)
        steps += p.health(spec)
        steps.append(SaveSite(p.recorded(site_after, spec, status=SiteStatus.ENABLED), previous=site))
        return steps

    def _scheduled_from_start(self, spec: SiteSpec, site: Site) -> tuple[list[Step], Site]:
        """For a new site (install, clone): its backup CronJob, if the server (or the site) sets a
        schedule, and the site as it will record it. The CronJob is new: the plan's rollback
        deletes it with the rest."""
        schedule = site.options.get(SCHEDULE_KEY) or str(self.opts["backup_schedule"])
        if not schedule:
            return [], site
        check_cron(schedule, f"backup schedule of {site.domain} (server {self.server})")
        recorded = attrs.evolve(site, options={**site.options, SCHEDULE_KEY: schedule})
        return self.parts.backup_schedule(spec, schedule), recorded

    def _verify(self, **_: object) -> list[Step]:
        p, spec = self.parts, self.spec
        disabled = self.ctx.site.status is SiteStatus.DISABLED
        target = render.MAINTENANCE if disabled else spec.track
        steps: list[Step] = [*p.base_objects(spec, new=False, target=target), *p.site_secret(spec, new=False)]
        if disabled:  # the maintenance page must be there for the Service to send traffic to
            objs = tuple(render.maintenance_objects(spec, self.opts))
            steps += [
                ApplyObjects(self.server, objs, new=False),
                WaitRollout(self.server, ObjectRef.of(objs[1])),
            ]
        steps += p.track(spec, new=False)
        steps += p.deploy(spec, new=False, replicas=0 if disabled else None)
        steps += p.publish(spec, new=False)
        steps += p.retrack_backups(spec, None, self.schedule())
        steps += p.health(spec, status=503 if disabled else 200)
        return steps

    def _delete(self, **_: object) -> list[Step]:
        p, spec, site = self.parts, self.spec, self.ctx.site
        steps = p.backup(spec, p.stamp("final-"), f"final backup of {site.domain}")
        other, _other_ctx = self.track_spec(p.other(spec.track))
        refs: list[ObjectRef] = []
        for obj in reversed(render.site_manifests(spec, self.opts)):
            refs.append(ObjectRef.of(obj))
        refs += p.track_refs(other)
        refs += [ObjectRef.of(o) for o in render.maintenance_objects(spec, self.opts)]
        refs.append(ObjectRef("batch/v1", "CronJob", spec.name("backup"), spec.namespace))
        refs.append(ObjectRef("v1", "ConfigMap", spec.name("backup-manifest"), spec.namespace))
        if not self.opts.shared_namespace:  # the namespace goes last, with anything left in it
            ns = refs.pop(next(i for i, r in enumerate(refs) if r.kind == "Namespace"))
            refs.append(ns)
        steps.append(DeleteObjects(self.server, tuple(dict.fromkeys(refs))))
        if spec.db and other.db:
            steps += [p.drop_database(other, drop_user=False), p.drop_database(spec, drop_user=True)]
        steps += [ForgetSite(site.domain, previous=site), DeleteSecretTree(f"site/{site.domain}")]
        return steps

    # -- maintenance -----------------------------------------------------------------------------
    def _disable(self, **_: object) -> list[Step]:
        p, spec, site = self.parts, self.spec, self.ctx.site
        steps = p.maintenance_on(spec, spec.track)
        steps += p.deploy(spec, new=False, replicas=0, previous=spec.replicas)
        steps += p.health(spec, status=503)
        steps.append(SaveSite(p.recorded(site, spec, status=SiteStatus.DISABLED), previous=site))
        return steps

    def _enable(self, **_: object) -> list[Step]:
        p, spec, site = self.parts, self.spec, self.ctx.site
        steps = p.deploy(spec, new=False, replicas=spec.replicas, previous=0)
        steps += p.health(spec, service=spec.tracked("web"))
        steps += p.switch(spec, spec.track, render.MAINTENANCE)
        steps += p.maintenance_off(spec)
        steps += p.health(spec)
        steps.append(SaveSite(p.recorded(site, spec, status=SiteStatus.ENABLED), previous=site))
        return steps

    # -- backups ---------------------------------------------------------------------------------
    def _backup(self, *, backup_id: str | None = None, **_: object) -> list[Step]:
        return self.parts.backup(self.spec, jobs.check_backup_id(backup_id or self.parts.stamp("")))

    def schedule(self) -> str:
        """The cron schedule of the site's backup CronJob: the site's own, else the server's ('')."""
        return self.ctx.site.options.get(SCHEDULE_KEY) or str(self.opts["backup_schedule"])

    def _schedule_backups(self, **_: object) -> list[Step]:
        schedule = self.schedule()
        if not schedule:
            raise ValidationError(
                f"no backup schedule for {self.spec.domain}: give one (aegir backup schedule "
                f"{self.spec.domain} --cron '0 3 * * *'), or set the server option backup_schedule"
            )
        check_cron(schedule, f"backup schedule of {self.spec.domain}")
        return self.parts.backup_schedule(self.spec, schedule)

    def _unschedule_backups(self, **_: object) -> list[Step]:
        manifest, cron = backups.backup_cronjob(self.spec, self.opts, "0 0 * * *", "")
        return [DeleteObjects(self.server, (ObjectRef.of(cron), ObjectRef.of(manifest)))]

    def scheduled(self, schedule: str | None) -> list[Step]:
        """Apply the site's backup CronJob with ``schedule`` (a cron expression) and record it on the
        site (``kubernetes.backup_schedule``); with None, delete the CronJob and the record."""
        site = self.ctx.site
        before = site.options.get(SCHEDULE_KEY)
        options = {k: v for k, v in site.options.items() if k != SCHEDULE_KEY}
        if schedule is None:
            # forgotten first: the deletion cannot be undone, so a failure leaves the record as it was
            return [SaveSite(attrs.evolve(site, options=options), previous=site), *self._unschedule_backups()]
        check_cron(schedule, f"backup schedule of {site.domain}")
        options[SCHEDULE_KEY] = schedule
        steps = self.parts.backup_schedule(self.spec, schedule, before)
        steps.append(SaveSite(attrs.evolve(site, options=options), previous=site))
        return steps

    # -- blue-green ------------------------------------------------------------------------------
    def _unfinished(self, spec: SiteSpec) -> Step:
        ref = ObjectRef.of(render.deployment(spec, self.opts, spec.track))
        # the files volume too: a failed deletion of the track can leave it (Terminating, or not)
        files = ObjectRef.of(render.files_pvc(spec, self.opts, spec.track))
        return RequireAbsent(
            self.server,
            ref,
            f"the {spec.track} track of {spec.domain} is left from an earlier migration or restore; "
            f"finish it first: 'aegir site migrate --finish {spec.domain}' drops it (operation migrate-finish)",
            also=(files,),
        )

    def _switch_to(self, new: SiteSpec, site_after: SiteContext) -> list[Step]:
        """Check ``new`` through its own Service, send the traffic to it, record it, move the
        backup CronJob to it: the last steps a failure rolls back (the old track is still there)."""
        p, old = self.parts, self.spec
        steps = p.health(new, service=new.tracked("web"))
        steps += p.switch(new, new.track, render.MAINTENANCE)
        steps.append(
            SaveSite(p.recorded(site_after.site, new, status=SiteStatus.ENABLED), previous=self.ctx.site)
        )
        steps += p.retrack_backups(new, old, self.schedule())
        return steps

    def _drop_track(self, spec: SiteSpec) -> list[Step]:
        """Delete ``spec``'s track (its Deployment, volume, ConfigMap, Service) and drop its database."""
        p = self.parts
        steps: list[Step] = [DeleteObjects(self.server, p.track_refs(spec))]
        if spec.db:
            steps.append(p.drop_database(spec, drop_user=False))
        return steps

    def _restore(self, *, backup_id: str | None = None, **_: object) -> list[Step]:
        if not backup_id:
            raise ValidationError("restore on kubernetes needs the id of the backup to restore (backup_id)")
        p, old = self.parts, self.spec
        new, _new_ctx = self.track_spec(p.other(old.track))
        steps: list[Step] = [self._unfinished(new)]
        steps += p.maintenance_on(old, old.track)
        steps += p.backup(old, p.stamp("safety-"), f"safety backup of {old.domain}")
        steps += p.create_database(new, drop_user_on_rollback=False)
        steps += p.track(new, new=True)
        steps.append(
            self._job(
                backups.restore_job(new, self.opts, old.domain, jobs.check_backup_id(backup_id)),
                f"restore backup {backup_id} into the {new.track} track",
            )
        )
        steps += p.deploy(new, new=True)
        steps += self._switch_to(new, self.ctx)
        return steps + self._restore_cleanup()

    def _restore_cleanup(self, **_: object) -> list[Step]:
        """The end of a restore, after the switch: the maintenance page and the old track (this
        one) go. Only clean-up: run as such, a failure leaves the restored track serving, and
        ``migrate-finish`` (planned from the restored site) drops what is left."""
        return [*self.parts.maintenance_off(self.spec), *self._drop_track(self.spec)]

    def _migrate(self, *, target: SiteContext | None = None, **_: object) -> list[Step]:
        target = _given(target, "migrate")
        p, old, ctx = self.parts, self.spec, self.ctx
        if target.site.domain != ctx.site.domain:
            raise ValidationError(
                f"renaming {ctx.site.domain} to {target.site.domain} is not supported on kubernetes: "
                "clone the site to the new domain, then delete the old one"
            )
        if target.site.db_server != ctx.site.db_server:
            raise ValidationError(
                "on kubernetes a site's database is the server's database service; "
                "moving it to another database server is not supported"
            )
        target = _carry_options(target, ctx)
        new, new_ctx = self.track_spec(p.other(old.track), target)
        update = self.driver.update_steps(new_ctx)
        new = with_step_secrets(new, update)
        steps: list[Step] = [self._unfinished(new)]
        steps += p.backup(old, p.stamp("pre-migrate-"), f"backup of {old.domain} before the migration")
        steps += p.site_secret(new, new=False)
        steps += p.maintenance_on(old, old.track)
        steps += p.create_database(new, drop_user_on_rollback=False)
        steps += p.track(new, new=True)
        steps.append(
            self._job(backups.copy_job(old, new, self.opts), f"copy the data of {old.track} to {new.track}")
        )
        steps += p.deploy(new, new=True)
        steps += p.driver_steps(new, f"update-{new.track}", update, f"update the database of {new.domain}")
        steps += self._switch_to(new, target)
        return steps + self._migrate_cleanup()

    def _migrate_cleanup(self, **_: object) -> list[Step]:
        """The end of a migration, after the switch: the maintenance page goes (blue is kept for
        the rollback window). Only clean-up, like the end of a restore."""
        return self.parts.maintenance_off(self.spec)

    def _migrate_finish(self, **_: object) -> list[Step]:
        old, _old_ctx = self.track_spec(self.parts.other(self.spec.track))
        return self._drop_track(old)

    def _rollback(self, *, target: SiteContext | None = None, **_: object) -> list[Step]:
        target = _given(target, "rollback")
        p, current = self.parts, self.spec
        target = _carry_options(target, self.ctx)
        back, _back_ctx = self.track_spec(p.other(current.track), target)
        # what was written to the current track since the switch is not carried back: keep it
        steps = p.backup(
            current, p.stamp("pre-rollback-"), f"safety backup of {current.domain} before the rollback"
        )
        steps += p.deploy(back, new=False)
        steps += p.health(back, service=back.tracked("web"))
        steps += p.switch(back, back.track, current.track)
        steps.append(
            SaveSite(p.recorded(target.site, back, status=SiteStatus.ENABLED), previous=self.ctx.site)
        )
        steps += p.retrack_backups(back, current, self.schedule())
        return steps

    def _clone(
        self, *, target: SiteContext | None = None, backup_id: str | None = None, **_: object
    ) -> list[Step]:
        target = _placed_afresh(_given(target, "clone"))
        p, src = self.parts, self.spec
        if self.opts["backup_store"] == "pvc" and not self.opts.shared_namespace:
            raise ValidationError(
                "clone on kubernetes goes through the backup store, and a PVC store lives in each site's own "
                "namespace: use backup_store=s3, or namespace_strategy=shared"
            )
        clone = SitePlanner(self.opts, target, self.driver, self.parts.now)
        fixups = self.driver.domain_fixup_steps(clone.kctx, self.ctx.url)
        new = with_step_secrets(clone.spec, fixups)
        steps: list[Step] = []
        if not backup_id:
            backup_id = p.stamp("clone-")
            steps += p.backup(src, backup_id, f"backup of {src.domain} to clone from")
        steps.append(SaveSite(target.site))
        steps += p.generate_secrets(new, target.db_password_secret, target.admin_password_secret)
        steps += p.base_objects(new, new=True)
        steps += p.site_secret(new, new=True)
        steps += p.create_database(new, drop_user_on_rollback=True)
        steps += p.track(new, new=True)
        steps.append(
            self._job(
                backups.restore_job(new, self.opts, src.domain, jobs.check_backup_id(backup_id)),
                f"load backup {backup_id} of {src.domain} into {new.domain}",
            )
        )
        steps += p.deploy(new, new=True)
        steps += p.driver_steps(new, "domain-fixup", fixups, f"fix up {new.domain} (was {src.domain})")
        scheduled, site_after = clone._scheduled_from_start(new, target.site)
        steps += scheduled
        steps += p.publish(new, new=True)
        steps += p.health(new)
        steps.append(SaveSite(p.recorded(site_after, new, status=SiteStatus.ENABLED), previous=target.site))
        return steps

    # -- login reset -----------------------------------------------------------------------------
    def _login_reset(self, **_: object) -> list[Step]:
        p, ctx = self.parts, self.ctx
        admin = f"site/{ctx.site.domain}/admin"
        given = ctx.admin_password_secret
        pending = given if given is not None and given != admin else admin + "-next"
        kctx = attrs.evolve(self.kctx, admin_password_secret=pending)
        reset = self.driver.login_reset_steps(kctx)
        if not reset:
            raise ValidationError(f"the {self.spec.app} driver cannot reset a login")
        spec = with_step_secrets(self.spec, reset)
        steps: list[Step] = [DeleteSecret(pending), GenerateSecret(pending, 20)]
        steps += p.site_secret(spec, new=False)
        steps += p.driver_steps(spec, "login-reset", reset, f"reset the admin login of {spec.domain}")
        steps.append(PromoteSecret(pending, admin))
        steps += p.site_secret(self.spec, new=False)
        return steps

    def _job(self, job: dict[str, Any], label: str) -> Step:
        return RunJob(self.server, job, label=label)
