"""The ``kubernetes`` backend: a cluster is the server; sites are Deployments, operations are Jobs.

It does not run commands on a host: every site operation is planned by :meth:`site_plan` as steps
that apply manifests and run Jobs through the API. The API client is made on first use, so
rendering manifests (``aegir site manifests``) needs neither a cluster nor the ``kubernetes`` package.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes._api import KubeApi, ObjectRef
from aegir.backends.kubernetes._options import ClusterOptions
from aegir.backends.kubernetes._render_server import admin_secret, server_manifests
from aegir.backends.kubernetes._spec import SCHEDULE_KEY, SITES_ROOT, build_spec
from aegir.core.backend import Backend, BackendEnv, CommandResult, DbEndpoint, ServiceState
from aegir.core.errors import AegirError, BackendError, ValidationError

if TYPE_CHECKING:
    from aegir.backends.kubernetes._backup_records import ScheduledRun
    from aegir.backends.kubernetes._spec import SiteSpec
    from aegir.backends.kubernetes._store_steps import PartCheck
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.model import Backup, Server, Site
    from aegir.core.steps import Step

__all__ = ["KubernetesBackend"]


def _no_host(what: str) -> BackendError:
    return BackendError(
        f"the kubernetes backend cannot {what}: it has no host to run on; "
        "its site operations run as Jobs planned by site_plan"
    )


class KubernetesBackend(Backend):
    """One Kubernetes cluster (a kubeconfig context), with the options of its Aegir server entry."""

    name = "kubernetes"

    def __init__(self, server: Server, env: BackendEnv) -> None:
        super().__init__(server, env)
        self.options = ClusterOptions.parse(server.name, server.options)

    @cached_property
    def api(self) -> KubeApi:
        o = self.options
        return KubeApi.connect(
            kubeconfig=o["kubeconfig"],
            context=o["context"],
            request_timeout=o["request_timeout"],
            force=o["force_conflicts"],
        )

    def timeouts(self, what: str) -> tuple[float, float]:
        """(deadline, poll interval) in seconds for waiting on a ``rollout`` or a ``job``."""
        return float(self.options[f"{what}_timeout"]), float(self.options["poll_interval"])

    # -- the server ------------------------------------------------------------------------------
    def setup(self) -> None:
        """Apply the server's own objects: system namespace, managed MariaDB (with its admin Secret)."""
        from aegir.backends.kubernetes._steps import filled_secret

        objs = server_manifests(self.options)
        self.api.apply(objs[0])
        if self.options.managed_db:
            self.env.secrets.ensure(f"server/{self.server.name}/db-admin", 32)
            secret, values = admin_secret(self.options)
            self.api.apply(filled_secret(secret, values, self.env.secrets))
        for obj in objs[1:]:
            self.api.apply(obj)

    def teardown(self) -> None:
        """Remove the managed MariaDB's StatefulSet, Service and policy; its data volume is kept."""
        for obj in reversed(server_manifests(self.options)[1:]):
            if obj["kind"] in {"StatefulSet", "Service", "NetworkPolicy"}:
                self.api.delete(ObjectRef.of(obj))

    def status(self) -> list[ServiceState]:
        states: list[ServiceState] = []
        try:
            version = self.api.version()
            states.append(ServiceState("api", "kubernetes", True, detail=str(version.get("gitVersion", ""))))
        except AegirError as e:
            return [ServiceState("api", "kubernetes", False, detail=str(e))]
        if self.options.managed_db:
            ref = ObjectRef("apps/v1", "StatefulSet", "mariadb", self.options["system_namespace"])
            obj = self.api.get(ref)
            ready = int(((obj or {}).get("status") or {}).get("readyReplicas", 0))
            detail = "not set up (run server setup)" if obj is None else f"{ready}/1 ready"
            states.append(ServiceState("mariadb", "mariadb", ready >= 1, port=3306, detail=detail))
        return states

    def db_endpoint(self) -> DbEndpoint:
        return DbEndpoint(self.options.db_host, int(self.options["db_port"]))

    # -- operations ------------------------------------------------------------------------------
    def site_plan(
        self,
        operation: str,
        ctx: SiteContext,
        driver: AppDriver,
        *,
        backup_id: str | None = None,
        target: SiteContext | None = None,
    ) -> list[Step] | None:
        """The steps of ``operation`` (see :data:`OPERATIONS`); ``restore`` needs ``backup_id``, and
        ``clone``, ``migrate`` and ``rollback`` need the ``target`` site's context."""
        from aegir.backends.kubernetes._plan import SitePlanner

        return SitePlanner(self.options, ctx, driver).plan(operation, backup_id=backup_id, target=target)

    def scheduled_backups(
        self, ctx: SiteContext, driver: AppDriver, known: Container[str]
    ) -> list[ScheduledRun]:
        """The runs of the site's backup CronJob the inventory does not know (``known``: the ids
        it has): complete ones with the Backup to record (see :mod:`._backup_records`), failed and
        running ones with what their Job says."""
        from aegir.backends.kubernetes._backup_records import scheduled_runs, site_facts

        spec, _ = build_spec(ctx, driver, self.options)

        def facts(codebase: str) -> tuple[dict[str, str], str | None]:
            same = codebase == ctx.codebase.name
            return site_facts(ctx.site, ctx.codebase if same else None)

        return scheduled_runs(
            self.api, self.options, spec, known, facts=facts, redact=self.env.secrets.redact
        )

    def verify_backup(self, ctx: SiteContext, driver: AppDriver, backup: Backup) -> list[PartCheck]:
        """Check ``backup`` (made by this server, of the site of ``ctx``) in the cluster's store
        with a Job in the site's namespace: its manifest is there, and each part's size and sha256
        are those recorded. Nothing is recorded or changed."""
        from aegir.backends.kubernetes._render_store import check_job
        from aegir.backends.kubernetes._store_steps import check_backup, recorded_parts

        spec, cluster_id = self._cluster_backup(ctx, driver, backup)
        parts = tuple(name for name, _, _ in recorded_parts(backup))
        return check_backup(self, check_job(spec, self.options, cluster_id, parts), backup)

    def backup_delete_steps(self, ctx: SiteContext, driver: AppDriver, backup: Backup) -> list[Step]:
        """The step that deletes ``backup`` from the cluster's store (a Job in the site's
        namespace) and then, only if it succeeded, from the inventory."""
        from aegir.backends.kubernetes._render_jobs import is_backup_id
        from aegir.backends.kubernetes._render_store import drop_job
        from aegir.backends.kubernetes._store_steps import DropBackup

        spec, cluster_id = self._cluster_backup(ctx, driver, backup)
        kept = backup.manifest["backend_store"]
        job = kept.get("job")
        cron_run = None
        if kept.get("scheduled") is True and isinstance(job, str) and is_backup_id(job):
            cron_run = ObjectRef("batch/v1", "Job", job, spec.namespace)
        drop = drop_job(spec, self.options, cluster_id)
        return [DropBackup(self.server.name, drop, backup.id, str(kept["location"]), cron_run=cron_run)]

    def _cluster_backup(self, ctx: SiteContext, driver: AppDriver, backup: Backup) -> tuple[SiteSpec, str]:
        """The site's spec and the cluster's id of ``backup``, checked: made by this server, of
        this site, at the place in the store the server's options name now."""
        from aegir.backends.kubernetes._backup_records import record_for
        from aegir.backends.kubernetes._render_jobs import is_backup_id

        kept = backup.manifest.get("backend_store") if isinstance(backup.manifest, dict) else None
        kept = kept if isinstance(kept, dict) else {}
        cluster_id, location = kept.get("id"), kept.get("location")
        if kept.get("server") != self.server.name or backup.site != ctx.site.domain:
            raise ValidationError(
                f"backup {backup.id!r} is not one that server {self.server.name!r} made of site "
                f"{ctx.site.domain!r}"
            )
        if not isinstance(cluster_id, str) or not is_backup_id(cluster_id):
            raise ValidationError(
                f"backup {backup.id!r}: its record names no valid cluster id ({str(cluster_id)[:70]!r})"
            )
        spec, _ = build_spec(ctx, driver, self.options)
        now = record_for(spec, self.options, cluster_id, backup.created).location
        if location != now:
            raise ValidationError(
                f"backup {backup.id!r} was recorded at {str(location)[:200]!r}, but the store of server "
                f"{self.server.name!r} now puts it at {now!r} (its backup options changed): check or "
                f"delete it there, then 'aegir backup delete {backup.id} --forget'"
            )
        return spec, cluster_id

    def backup_schedule(self, site: Site) -> str | None:
        """The cron schedule of the site's backup CronJob as Aegir applied it (None: not scheduled
        through Aegir); the cluster runs it, ``aegir backup sync`` records its runs."""
        return site.options.get(SCHEDULE_KEY) or None

    def backup_schedule_steps(self, ctx: SiteContext, driver: AppDriver, schedule: str | None) -> list[Step]:
        """Apply the site's backup CronJob with ``schedule`` (a cron expression) and record it on the
        site; with None, delete the CronJob and the record."""
        from aegir.backends.kubernetes._plan import SitePlanner

        return SitePlanner(self.options, ctx, driver).scheduled(schedule)

    def site_manifests(self, ctx: SiteContext, driver: AppDriver) -> list[dict[str, Any]]:
        """Every object of the site as it runs now (Secrets without data), for GitOps."""
        from aegir.backends.kubernetes._render import MAINTENANCE, site_manifests

        spec, _ = build_spec(ctx, driver, self.options)
        disabled = ctx.site.status.value == "disabled"
        return site_manifests(spec, self.options, target=MAINTENANCE if disabled else None)

    def server_manifests(self) -> list[dict[str, Any]]:
        return server_manifests(self.options)

    # -- paths and the executor: none on a cluster -----------------------------------------------
    def sites_root(self) -> str:
        return SITES_ROOT

    def run(
        self,
        argv: list[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        raise _no_host(f"run {argv[:1]!r}")

    def write_file(self, path: str, content: bytes, mode: int = 0o640) -> None:
        raise _no_host(f"write {path}")

    def read_file(self, path: str) -> bytes:
        raise _no_host(f"read {path}")

    def exists(self, path: str) -> bool:
        raise _no_host(f"look for {path}")

    def make_dir(self, path: str, mode: int = 0o755) -> None:
        raise _no_host(f"create {path}")

    def remove_path(self, path: str) -> None:
        raise _no_host(f"remove {path}")

    def copy_tree(self, source: str, dest: str, *, follow_links: bool = True) -> None:
        raise _no_host(f"copy {source}")
