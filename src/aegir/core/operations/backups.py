"""Plans for backups: back up a site or a codebase, restore a site in place, clone a site, prune
backups by a keep policy; and the scheduled runs (``aegir backup run-due``).

A backend that keeps backups in a store of its own (Kubernetes: its backup Jobs write to a bucket
or volume in the cluster) records the backups its plans make itself, and reports those its own
schedule made (:func:`sync_backups`); such a record says where it is kept under
``manifest["backend_store"]``, and restore and clone hand its id back to that backend.

Restore works Aegir3's way, as one journaled plan: maintenance on, a safety backup, the backup's
database loaded into a NEW database and its files extracted into a NEW directory, settings and
vhost switched to the new copy, maintenance off, a health check, the site's record updated; only
then, as clean-up steps, the old database and directory are dropped. Until the clean-up, any
failure (or a crash, on the next start) undoes every step: the site is back as it was. A backend
that plans its own restore (Kubernetes: the other track, then a switch of its Service) ends it with
its clean-up, which it also plans alone (:func:`own_cleanup`): that part is run as clean-up too.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import secrets as _random
from collections.abc import Container, Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs
from attrs import frozen

from aegir.core import names
from aegir.core.backup_steps import (
    BackupCodebase,
    BackupSite,
    DeleteBackup,
    LoadDatabase,
    RestoreFiles,
    RestoreSite,
    VerifyBackup,
)
from aegir.core.errors import AegirError, BackendError, ConflictError, NotFoundError, ValidationError
from aegir.core.model import Backup, BackupState, Site, SiteStatus
from aegir.core.operations._env import OperationEnv, admin_secret, db_secret, site_context
from aegir.core.operations.https import CERT_OPTION, TlsHost, published_vhost
from aegir.core.operations.sites import (
    _secret_steps,
    check_domain_free,
    database_name,
    settings_steps,
    vhost_for,
)
from aegir.core.plan import Plan
from aegir.core.retention import KeepPolicy, Schedule, due, newest_at, next_due, select_to_keep
from aegir.core.steps import (
    CopyTree,
    CreateDatabase,
    DeleteSecret,
    DropDatabase,
    GenerateSecret,
    HealthCheck,
    MakeDir,
    PublishSite,
    RemovePath,
    RunCommand,
    SaveSite,
    SetMaintenance,
    Step,
    WriteFile,
)

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.model import Codebase, Task
    from aegir.core.storage import BackupStore

__all__ = [
    "BackendStore",
    "BackupEnv",
    "DueRun",
    "OwnBackupStore",
    "OwnBackups",
    "OwnScheduleInfo",
    "OwnSchedules",
    "ScheduleInfo",
    "SyncResult",
    "backend_store",
    "backup_plan",
    "backup_step",
    "clone_plan",
    "codebase_backup_plan",
    "default_store",
    "deleted_backup_ids",
    "find_backup",
    "has_own_backups",
    "own_cleanup",
    "own_delete_plan",
    "own_schedule_plan",
    "own_schedules",
    "own_store_access",
    "parse_at",
    "planned_backup_ids",
    "prune_candidates",
    "prune_plan",
    "remove_schedule",
    "restore_plan",
    "run_due",
    "schedules",
    "set_schedule",
    "sync_backups",
    "verify_own_backup",
]

DB_PART = "db.sql.zst"
_KEEP_RULES = ("last", "hourly", "daily", "weekly", "monthly", "yearly")
_PREFIX = re.compile(r"[A-Za-z0-9_]{1,32}")


class BackupEnv(OperationEnv, Protocol):
    """What backup plans need of the hosting layer: :class:`OperationEnv` and the backup stores."""

    def backup_store(self, name: str | None = None) -> BackupStore: ...


class RunEnv(BackupEnv, Protocol):
    def run(self, plan: Plan) -> Task: ...


@runtime_checkable
class OwnBackups(Protocol):
    """A backend whose backups live in a store of its own (Kubernetes). Its plans record the backups
    they make; ``scheduled_backups`` reports those its own schedule made that the inventory does not
    know (``known``: the ids it has), each with ``job``, ``state`` (``complete``, ``failed``,
    ``running``...), ``backup`` (the Backup to record, for a complete one) and ``detail``."""

    def scheduled_backups(self, ctx: SiteContext, driver: AppDriver, known: Container[str]) -> list[Any]: ...


def has_own_backups(env: OperationEnv, site: Site) -> bool:
    """Whether ``site``'s backups are made and kept by its backend (see :class:`OwnBackups`)."""
    return isinstance(env.backend(site.server), OwnBackups)


@frozen
class BackendStore:
    """Where a backend keeps a backup it made: its server, its own id for it, and where it is."""

    server: str
    id: str
    location: str


def backend_store(backup: Backup) -> BackendStore | None:
    """Where the backend keeps ``backup``, if a backend with backups of its own made it."""
    data = backup.manifest.get("backend_store") if isinstance(backup.manifest, dict) else None
    if not isinstance(data, dict):
        return None
    server, own_id, location = data.get("server"), data.get("id"), data.get("location")
    if not (isinstance(server, str) and server and isinstance(own_id, str) and own_id):
        return None
    return BackendStore(server, own_id, location if isinstance(location, str) else "")


@runtime_checkable
class OwnBackupStore(Protocol):
    """A backend that can reach into its own backup store (Kubernetes: with a Job in the site's
    namespace): ``verify_backup`` checks a backup it made against its record and returns one
    result per part (``name``, ``ok``, ``size``, ``sha256``, ``problem``), changing nothing;
    ``backup_delete_steps`` deletes it from the store, then from the inventory."""

    def verify_backup(self, ctx: SiteContext, driver: AppDriver, backup: Backup) -> list[Any]: ...

    def backup_delete_steps(self, ctx: SiteContext, driver: AppDriver, backup: Backup) -> list[Step]: ...


def own_store_access(env: OperationEnv, backup: Backup) -> tuple[Any, SiteContext, AppDriver] | None:
    """The backend that keeps ``backup`` in its own store, with the context of the site it is of,
    if Aegir can reach that store through it: the site still exists, on the server that made the
    backup, and its backend can (see :class:`OwnBackupStore`). None otherwise (also for a backup
    in one of Aegir's stores)."""
    kept = backend_store(backup)
    if kept is None or backup.kind != "site":
        return None
    site = env.store.find_site(backup.site)
    if site is None or site.server != kept.server:
        return None
    try:
        backend = env.backend(site.server)
    except AegirError:
        return None
    if not isinstance(backend, OwnBackupStore):
        return None
    codebase = env.store.get_codebase(site.codebase)
    return backend, site_context(env, site, codebase), env.plugins.driver(codebase.app)


def verify_own_backup(env: OperationEnv, backup: Backup) -> list[Any]:
    """Check ``backup`` in its backend's own store against its record (see :class:`OwnBackupStore`).

    :raises ValidationError: Aegir cannot reach that store (see :func:`own_store_access`).
    """
    access = own_store_access(env, backup)
    if access is None:
        raise ValidationError(_unreachable(backup, "verify"))
    backend, ctx, driver = access
    checks: list[Any] = backend.verify_backup(ctx, driver, backup)
    return checks


def own_delete_plan(env: OperationEnv, backup: Backup) -> Plan:
    """Delete ``backup`` from its backend's own store, then from the inventory (the record goes
    only once the store's deletion succeeded); a crash resumes it.

    :raises ValidationError: Aegir cannot reach that store (see :func:`own_store_access`).
    """
    access = own_store_access(env, backup)
    if access is None:
        raise ValidationError(_unreachable(backup, "delete"))
    backend, ctx, driver = access
    steps: list[Step] = backend.backup_delete_steps(ctx, driver, backup)
    summary = f"delete backup {backup.id} of {backup.site} from the store of server {ctx.site.server}"
    return Plan("backup-delete", backup.site, tuple(steps), on_crash="resume", summary=summary)


def _unreachable(backup: Backup, what: str) -> str:
    kept = backend_store(backup)
    where = f"the store of server {kept.server!r} ({kept.location})" if kept else f"store {backup.store!r}"
    return (
        f"backup {backup.id!r} is kept in {where}, which aegir can {what} only through its site "
        f"{backup.site!r} on that server, and the site is not there (deleted, or on another server)"
    )


def _own_backup_id(env: OperationEnv, backup: Backup, site: Site, *, what: str) -> str | None:
    """The id the site's backend knows ``backup`` by, if it keeps it (None: a backup in one of
    Aegir's stores, for a backend that uses them); refused when the two do not match."""
    kept = backend_store(backup)
    own = has_own_backups(env, site)
    if kept is None and not own:
        return None
    if kept is None:
        raise ValidationError(
            f"backup {backup.id!r} is in store {backup.store!r}, which server {site.server!r} cannot "
            f"read: {what} from a backup its cluster made (see 'aegir backup list {site.domain}')"
        )
    if not own or kept.server != site.server:
        raise ValidationError(
            f"backup {backup.id!r} was made by server {kept.server!r} and is kept in its store "
            f"({kept.location or backup.store}); site {site.domain!r} is on server {site.server!r}, "
            f"so only server {kept.server!r} can {what} from it"
        )
    return kept.id


def default_store(env: OperationEnv, site: Site | None = None) -> str:
    """The store a site's backups go to: its own, else the home's default, else ``local``."""
    if site is not None and site.backup_store:
        return site.backup_store
    return str(env.store.get_setting("default_backup_store") or "local")


def _plan(
    env: OperationEnv,
    operation: str,
    target: str,
    steps: list[Step],
    summary: str,
    *,
    cleanup: list[Step] | None = None,
    on_crash: str = "rollback",
    also_locks: tuple[str, ...] = (),
) -> Plan:
    """A plan with the plugins' extra steps before the clean-up (a failure there still rolls back)."""
    extra = env.plugins.plan_extend(operation, target, steps)
    work = steps + list(extra)
    return Plan(
        operation,
        target,
        tuple(work + (cleanup or [])),
        on_crash=on_crash,
        summary=summary,
        cleanup_from=len(work) if cleanup else None,
        also_locks=also_locks,
    )


# -- what a site backup holds -------------------------------------------------------------------


def _relative_paths(ctx: SiteContext, driver: AppDriver) -> tuple[str, ...]:
    """The driver's site paths relative to the site directory (``.`` for all of it)."""
    base = posixpath.normpath(ctx.site_dir)
    found: list[str] = []
    for path in driver.site_paths(ctx):
        norm = posixpath.normpath(path if posixpath.isabs(path) else posixpath.join(base, path))
        if norm == base:
            found.append(".")
        elif norm.startswith(base + "/"):
            found.append(norm[len(base) + 1 :])
        else:
            raise ValidationError(
                f"the {driver.name} driver lists {path!r} for the backup of {ctx.site.domain}, outside its "
                f"site directory {base}: a backup holds the site directory only"
            )
    return tuple(dict.fromkeys(found))


def _schema_sql(site: Site, codebase: Codebase, driver: AppDriver) -> str | None:
    """SQL whose first value is the database's schema version, where Aegir knows it."""
    custom = getattr(driver, "schema_version_sql", None)
    if callable(custom):
        value = custom(site)
        return value if isinstance(value, str) else None
    if codebase.app == "wordpress":
        prefix = site.options.get("wp_table_prefix", "wp_")
        if not _PREFIX.fullmatch(prefix):
            return None
        # the prefix is checked against [A-Za-z0-9_] above
        return f"SELECT option_value FROM `{prefix}options` WHERE option_name = 'db_version';"  # noqa: S608
    if codebase.app == "drupal7":
        return "SELECT schema_version FROM system WHERE name = 'system';"
    if codebase.app == "drupal":
        return "SELECT value FROM key_value WHERE collection = 'system.schema' AND name = 'system';"
    return None


def _facts(ctx: SiteContext, codebase: Codebase) -> dict[str, str]:
    """What the manifest records about the site besides its parts (never a secret)."""
    from aegir.core.backup_steps import site_facts

    facts = {**site_facts(ctx.site, url=ctx.url, db_name=ctx.db_name), "site_dir": ctx.site_dir}
    scan_facts = codebase.scan.facts if codebase.scan is not None else {}
    if scan_facts.get("wp_db_version"):
        facts["code_schema_version"] = scan_facts["wp_db_version"]
    return facts


def _new_id(subject: str) -> str:
    from aegir.core.archive import new_backup_id

    return new_backup_id(subject)


def backup_step(
    env: OperationEnv, site: Site, *, store: str | None = None, backup_id: str | None = None
) -> BackupSite:
    """The one step that backs ``site`` up (also the safety backup of restore and migrate, and the
    final backup of delete)."""
    from aegir.core.packages import PackageSet

    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    ctx = site_context(env, site, codebase)
    uses_db = driver.uses_database and bool(site.db_server and ctx.db_name)
    return BackupSite(
        store=store or default_store(env, site),
        backup_id=backup_id or _new_id(site.domain),
        site=site.domain,
        server=site.server,
        site_dir=ctx.site_dir,
        paths=_relative_paths(ctx, driver),
        db_server=site.db_server if uses_db else None,
        db_name=ctx.db_name if uses_db else None,
        codebase=codebase.name,
        app=codebase.app,
        app_version=codebase.scan.app_version if codebase.scan else None,
        package_digest=PackageSet.from_scan(codebase.scan).digest() if codebase.scan else None,
        schema_sql=_schema_sql(site, codebase, driver) if uses_db else None,
        facts=_facts(ctx, codebase),
    )


def _own_plan(
    env: BackupEnv,
    operation: str,
    ctx: SiteContext,
    driver: AppDriver,
    *,
    backup_id: str | None = None,
    target: SiteContext | None = None,
) -> list[Step] | None:
    """The steps of a backend that plans site operations its own way (Kubernetes), else None."""
    backend = env.backend(ctx.site.server)
    return backend.site_plan(operation, ctx, driver, backup_id=backup_id, target=target)


def own_cleanup(
    env: OperationEnv,
    operation: str,
    ctx: SiteContext,
    driver: AppDriver,
    steps: list[Step],
    *,
    target: SiteContext | None = None,
) -> tuple[list[Step], list[Step]]:
    """Split ``steps``, a backend's own plan of ``operation``, into its work and its clean-up.

    Such a plan may end with steps that only clean up once its work is done (Kubernetes, after the
    switch to the restored track: the maintenance page and the old track go). The backend plans
    them alone as the operation ``OPERATION-cleanup`` (none: no such steps), so that they can run
    as clean-up: a failure there leaves the site as the work left it, serving, and is reported
    instead of rolling the work back. Refused if ``steps`` does not end with them."""
    tail = env.backend(ctx.site.server).site_plan(f"{operation}-cleanup", ctx, driver, target=target) or []
    cut = len(steps) - len(tail)
    if cut < 0 or steps[cut:] != tail:
        raise BackendError(
            f"the {operation} plan of server {ctx.site.server!r} for {ctx.site.domain} does not end "
            f"with its {operation}-cleanup steps: its clean-up cannot be told from its work"
        )
    return steps[:cut], steps[cut:]


def _own_restore(
    env: BackupEnv, old: SiteContext, driver: AppDriver, backup_id: str, summary: str
) -> Plan | None:
    """The restore as the site's backend plans it (None: a backend that leaves it to Aegir), with
    what follows its switch run as clean-up (see :func:`own_cleanup`)."""
    custom = _own_plan(env, "restore", old, driver, backup_id=backup_id)
    if custom is None:
        return None
    work, cleanup = own_cleanup(env, "restore", old, driver, custom)
    return _plan(env, "restore", old.site.domain, work, summary, cleanup=cleanup)


def _relinks(after: list[Step], before: list[Step]) -> list[Step]:
    """The driver's verify steps for the copy that becomes the site (Drupal's ``sites/<domain>``
    link), each undone by its counterpart in ``before`` where both are commands."""
    out: list[Step] = []
    for i, step in enumerate(after):
        back = before[i] if i < len(before) else None
        if isinstance(step, RunCommand) and step.undo is None and isinstance(back, RunCommand):
            out.append(attrs.evolve(step, undo=back))
        else:
            out.append(step)
    return out


def backup_plan(env: BackupEnv, domain: str, *, store: str | None = None) -> Plan:
    """Back ``domain`` up into ``store`` (default: the site's store)."""
    site = env.store.get_site(domain)
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    custom = _own_plan(env, "backup", site_context(env, site, codebase), driver)
    if custom is not None:
        if store is not None:
            _check_own_store(env, site, custom, store)
        return _plan(env, "backup", site.domain, custom, f"back up {site.domain}")
    step = backup_step(env, site, store=store)
    env.backup_store(step.store)  # an unknown store is refused now, not halfway through
    summary = f"back up {site.domain} to store {step.store} as {step.backup_id}"
    return _plan(env, "backup", site.domain, [step], summary)


def _check_own_store(env: OperationEnv, site: Site, steps: list[Step], store: str) -> None:
    """Refuse a store given for a backup its backend makes in a store of its own (Kubernetes: the
    cluster's), unless it names that very store: it would otherwise be silently ignored."""
    own = [s for s in steps if isinstance(getattr(s, "recorded_store", None), str)]
    names = {str(getattr(s, "recorded_store", "")) for s in own}
    if names == {store}:
        return
    where = f"its own store ({', '.join(sorted(names))})" if names else "a store of its own"
    raise ValidationError(
        f"--store {store!r} does not apply to site {site.domain!r}: its server {site.server!r} "
        f"({env.backend(site.server).name} backend) backs it up into {where}; leave --store out"
    )


# -- choosing a backup ----------------------------------------------------------------------------


def parse_at(text: str) -> datetime:
    """A point in time for ``--at``: ISO 8601 (``2025-01-31T14:00``, ``...Z``, ``...+02:00``, or a
    date). A time without an offset is UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValidationError(
            f"invalid time {text!r}: use ISO 8601 such as 2025-01-31T14:00:00Z (UTC unless an offset "
            "such as +02:00 is given)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _site_backups(env: OperationEnv, domain: str) -> list[Backup]:
    return [
        b
        for b in env.store.list_backups(domain, state=BackupState.COMPLETE.value)
        if b.kind == "site" and b.site == domain
    ]


def find_backup(
    env: OperationEnv, domain: str, *, backup_id: str | None = None, at: datetime | None = None
) -> Backup:
    """The backup ``backup_id``, else the newest complete backup of ``domain`` at or before ``at``,
    else its newest."""
    if backup_id and at is not None:
        raise ValidationError("choose a backup by id or by time (--backup or --at), not both")
    if backup_id:
        backup: Backup = env.store.get_backup(backup_id)
        return backup
    domain = names.normalize_domain(domain)
    candidates = _site_backups(env, domain)
    if not candidates:
        raise NotFoundError(f"site {domain!r} has no backup yet (make one: aegir site backup {domain})")
    if at is None:
        return max(candidates, key=lambda b: (b.created, b.id))
    chosen = newest_at([(b.id, b.created) for b in candidates], at)
    if chosen is None:
        oldest = min(candidates, key=lambda b: b.created)
        raise NotFoundError(
            f"site {domain!r} has no backup at or before {at.isoformat()}; its oldest is {oldest.id} "
            f"of {oldest.created.isoformat()}"
        )
    return next(b for b in candidates if b.id == chosen)


def _recorded(env: OperationEnv, backup_id: str) -> Backup | None:
    try:
        backup: Backup = env.store.get_backup(backup_id)
    except NotFoundError:
        return None
    return backup


def _check_site_backup(backup: Backup, domain: str, *, what: str) -> None:
    if backup.kind != "site" or backup.site != domain:
        raise ValidationError(
            f"backup {backup.id!r} is of {backup.kind} {backup.site!r}, not of site {domain!r}; {what}"
        )
    if backup.state is not BackupState.COMPLETE:
        raise ValidationError(f"backup {backup.id!r} is {backup.state.value}, not complete")


def _lacks_part(backup: Backup, name: str) -> bool:
    """Whether the inventory's copy of the manifest says the backup has no part ``name`` (a record
    without it is checked when the part is read)."""
    parts = backup.manifest.get("parts") if isinstance(backup.manifest, dict) else None
    if not isinstance(parts, list) or not parts:
        return False
    return name not in {str(p.get("name")) for p in parts if isinstance(p, dict)}


def _token() -> str:
    """A short, time-ordered, unique suffix for a restored copy's directory and database."""
    return datetime.now(UTC).strftime("%y%m%d%H%M%S") + _random.token_hex(2)


def _missing_secrets(env: OperationEnv, ctx: SiteContext, files: list[WriteFile]) -> list[Step]:
    """Generate the secrets the settings refer to that do not exist yet (never replace one)."""
    return [
        s
        for s in _secret_steps(ctx, files)
        if isinstance(s, GenerateSecret) and not env.secrets.exists(s.name)
    ]


# -- restore in place ---------------------------------------------------------------------------


def restore_plan(
    env: BackupEnv, domain: str, *, backup_id: str | None = None, at: datetime | None = None
) -> Plan:
    """Restore ``domain`` in place from a backup (by id, the newest at or before ``at``, or the newest)."""
    site = env.store.get_site(domain)
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    old = site_context(env, site, codebase)
    if backup_id and at is None and _recorded(env, backup_id) is None:
        # a backend with backups of its own (Kubernetes) knows ids the inventory may not
        own = _own_restore(env, old, driver, backup_id, f"restore {site.domain} from {backup_id}")
        if own is not None:
            return own
    backup = find_backup(env, site.domain, backup_id=backup_id, at=at)
    _check_site_backup(
        backup,
        site.domain,
        what=f"make a new site from it with 'aegir site clone {backup.site} NEW_DOMAIN "
        f"--from-backup {backup.id}'",
    )
    own_id = _own_backup_id(env, backup, site, what="restore")
    summary = f"restore {site.domain} from backup {backup.id} ({backup.created.isoformat()})"
    own = _own_restore(env, old, driver, own_id or backup.id, summary)
    if own is not None:
        return own
    env.backup_store(backup.store)
    db_server = site.db_server if driver.uses_database and old.db_name else None
    uses_db = db_server is not None
    if uses_db and _lacks_part(backup, DB_PART):
        raise ValidationError(f"backup {backup.id!r} has no database part; {site.domain} needs its database")

    backend = env.backend(site.server)
    token = _token()
    new_dir = posixpath.join(backend.sites_root(), f"{site.domain}_r{token}")
    options = {**site.options, "site_dir": new_dir}
    new_site = site
    new_db = database_name(site.domain, token)
    new_secret = f"site/{site.domain}/db-r{token}"
    if uses_db:
        options["db_secret"] = new_secret
        new_site = attrs.evolve(site, db_name=new_db, db_user=new_db)
    new_site = attrs.evolve(new_site, options=options)
    new = site_context(env, new_site, codebase)
    if backend.exists(new_dir):
        raise ConflictError(f"directory {new_dir!r} exists already on server {site.server!r}; try again")

    disabled = site.status is SiteStatus.DISABLED
    safety = backup_step(env, site)
    steps: list[Step] = [VerifyBackup(backup.store, backup.id)]
    if not disabled:
        steps.append(SetMaintenance(site.server, site.domain, True))
    steps.append(safety)
    load = None
    if db_server is not None:
        steps += [GenerateSecret(new_secret), CreateDatabase(db_server, new_db, new_db, new_secret)]
        load = LoadDatabase(backup.store, backup.id, db_server, new_db)
    extract = RestoreFiles(
        backup.store, backup.id, site.server, new_dir, web_dirs=(new.files_dir, new.private_dir)
    )
    steps += [
        RestoreSite(extract, load),
        MakeDir(site.server, new_dir, 0o751, new=False),
        MakeDir(site.server, new.files_dir, 0o775, new=False),
        MakeDir(site.server, new.private_dir, 0o770, new=False),
    ]
    files, stale = _switched_settings(old, new, driver)
    steps += _missing_secrets(env, new, files)
    steps += files
    steps += _relinks(driver.verify_steps(new), driver.verify_steps(old))
    # same domain, same server: an HTTPS site keeps serving the certificate it has there
    steps.append(
        PublishSite(
            site.server,
            published_vhost(env, new_site, new, driver),
            previous=published_vhost(env, site, old, driver),
        )
    )
    if disabled:
        steps.append(HealthCheck(site.server, site.domain, expect_status=503))
    else:
        steps.append(SetMaintenance(site.server, site.domain, False))
        steps.append(HealthCheck(site.server, site.domain, expect_text=driver.health_text(new)))
    steps.append(SaveSite(new_site, previous=site))

    cleanup: list[Step] = []
    if db_server is not None and old.db_name:
        cleanup.append(DropDatabase(db_server, old.db_name, site.db_user))
    cleanup.append(RemovePath(site.server, old.site_dir))
    cleanup += [RemovePath(site.server, path) for path in stale]
    if uses_db and old.db_password_secret:
        cleanup.append(DeleteSecret(old.db_password_secret))
    summary = (
        f"restore {site.domain} from backup {backup.id} ({backup.created.isoformat()}) into a new "
        f"database and directory; safety backup {safety.backup_id}"
    )
    return _plan(env, "restore", site.domain, steps, summary, cleanup=cleanup)


def _switched_settings(
    old: SiteContext, new: SiteContext, driver: AppDriver
) -> tuple[list[WriteFile], list[str]]:
    """The settings of the new copy, each write undoable; and old settings files nobody needs after."""
    before = {f.path: f for f in driver.settings_files(old)}
    writes: list[WriteFile] = []
    for f in driver.settings_files(new):
        if f.path.startswith(new.site_dir.rstrip("/") + "/"):
            writes.append(WriteFile(new.server, f.path, f.content, f.mode, new=True))
        elif f.path in before:
            # a file outside the site directory (shared or not): the switch rewrites it, undo puts it back
            writes.append(
                WriteFile(new.server, f.path, f.content, f.mode, new=False, previous=before[f.path].content)
            )
        else:
            writes.append(WriteFile(new.server, f.path, f.content, f.mode, new=not f.shared))
    written = {w.path for w in writes}
    stale = [
        path
        for path, f in before.items()
        if not f.shared and path not in written and not path.startswith(old.site_dir.rstrip("/") + "/")
    ]
    return writes, stale


# -- clone ---------------------------------------------------------------------------------------


def _site_from_backup(backup: Backup) -> Site:
    """The site a backup was made of, as its manifest recorded it (for a site deleted since)."""
    subject = backup.manifest.get("subject") if isinstance(backup.manifest, dict) else None
    extra = subject.get("extra") if isinstance(subject, dict) else None
    if not isinstance(subject, dict) or not isinstance(extra, dict) or not subject.get("codebase"):
        raise ValidationError(
            f"backup {backup.id!r} does not record the codebase and servers of {backup.site!r}; "
            "it can be cloned only while that site exists"
        )
    try:
        return Site(
            domain=backup.site,
            codebase=str(subject["codebase"]),
            server=str(extra["server"]),
            db_server=str(extra.get("db_server") or "") or None,
            status=SiteStatus.DELETED,
            profile=str(extra.get("profile") or "") or None,
            title=str(extra.get("title") or "") or None,
            admin_user=str(extra.get("admin_user") or "admin"),
            admin_email=str(extra.get("admin_email") or "") or None,
            https=extra.get("https") == "yes",
        )
    except KeyError as e:
        raise ValidationError(f"backup {backup.id!r} does not record the {e.args[0]} of its site") from None


def clone_plan(
    env: BackupEnv,
    domain: str,
    new_domain: str,
    *,
    backup_id: str | None = None,
    at: datetime | None = None,
) -> Plan:
    """A new site ``new_domain`` with its own database, user and files: a copy of the live site
    ``domain``, or of one of its backups (``backup_id`` or ``at``; the site may be deleted since)."""
    domain = names.normalize_domain(domain)
    new_domain = names.normalize_domain(new_domain)
    if new_domain == domain:
        raise ValidationError(f"a clone needs a new domain, not {domain!r} again")
    check_domain_free(env, new_domain)
    backup: Backup | None = None
    if backup_id or at is not None:
        backup = find_backup(env, domain, backup_id=backup_id, at=at)
        _check_site_backup(backup, domain, what=f"clone site {backup.site!r} instead")
        if backend_store(backup) is None:
            env.backup_store(backup.store)
    source = env.store.find_site(domain)
    if source is None:
        if backup is None:
            raise NotFoundError(
                f"no site {domain!r}; to clone a deleted site from its last backup add --at or --from-backup"
            )
        source = _site_from_backup(backup)
    from aegir.core.operations.migrate import BLUE_KEY, MIGRATED_KEY

    codebase = env.store.get_codebase(source.codebase)
    driver = env.plugins.driver(codebase.app)
    src = site_context(env, source, codebase)
    # not the source's own: where its files and password are, and a migration in its rollback
    # window (the clone is not mid-migration, and blue's record names the source's domain)
    # and not its certificate: it names the source's domain, so on a server whose certificates
    # come from Aegir the clone starts on plain HTTP (settings at its http:// URL) until
    # 'site https --enable' gets it one of its own (cert-manager, on Kubernetes, issues its own)
    not_copied = ("site_dir", "db_secret", BLUE_KEY, MIGRATED_KEY, CERT_OPTION)
    https = source.https and not isinstance(env.backend(source.server), TlsHost)
    site = Site(
        domain=new_domain,
        codebase=source.codebase,
        server=source.server,
        db_server=source.db_server,
        status=SiteStatus.QUEUED,
        profile=source.profile,
        title=source.title,
        admin_user=source.admin_user,
        admin_email=source.admin_email,
        https=https,
        backup_store=source.backup_store,
        created=datetime.now(UTC),
        options={k: v for k, v in source.options.items() if k not in not_copied},
    )
    db_server = source.db_server if driver.uses_database else None
    uses_db = db_server is not None
    if uses_db and backup is None and not src.db_name:
        raise ValidationError(f"site {domain!r} has no database name to copy")
    own_id = _own_backup_id(env, backup, source, what="clone") if backup is not None else None
    if uses_db and backup is not None and own_id is None and _lacks_part(backup, DB_PART):
        raise ValidationError(f"backup {backup.id!r} has no database part; {codebase.app} needs one")
    name = database_name(new_domain)
    if uses_db:
        site = attrs.evolve(site, db_name=name, db_user=name)
    new = site_context(env, site, codebase)
    own_id = own_id or (backup.id if backup is not None else None)
    # a copy of the live site reads it for the whole task: no other task may change it meanwhile
    reads = (domain,) if backup is None else ()
    custom = _own_plan(env, "clone", src, driver, backup_id=own_id, target=new)
    if custom is not None:
        return _plan(env, "clone", new_domain, custom, f"clone {domain} as {new_domain}", also_locks=reads)
    backend = env.backend(site.server)
    if backend.exists(new.site_dir):
        raise ConflictError(f"directory {new.site_dir!r} exists already on server {site.server!r}")
    if db_server is not None and env.backend(db_server).database_exists(name):
        raise ConflictError(f"database {name!r} exists already on server {db_server!r}")

    settings = settings_steps(new, driver)
    # a damaged backup is refused before anything is made
    steps: list[Step] = [VerifyBackup(backup.store, backup.id)] if backup is not None else []
    steps.append(SaveSite(site))
    if uses_db:
        steps.append(GenerateSecret(db_secret(new_domain)))
    if env.secrets.exists(admin_secret(domain)):
        # the copied database has the source's admin password: keep it with the clone
        from aegir.core.migrate_steps import CopySecret

        steps.append(CopySecret(admin_secret(domain), admin_secret(new_domain)))
    else:
        steps.append(GenerateSecret(admin_secret(new_domain), 20))
    steps += _secret_steps(new, settings)
    if db_server is not None:
        steps.append(CreateDatabase(db_server, name, name, db_secret(new_domain)))
    if backup is not None:
        # database and files from the backup, side by side
        load = LoadDatabase(backup.store, backup.id, db_server, name) if db_server is not None else None
        extract = RestoreFiles(
            backup.store, backup.id, site.server, new.site_dir, web_dirs=(new.files_dir, new.private_dir)
        )
        steps.append(RestoreSite(extract, load))
    else:
        if db_server is not None and src.db_name:
            from aegir.core.migrate_steps import CopyDatabase

            steps.append(CopyDatabase(db_server, src.db_name, db_server, name))
        steps += _copied_files(env, src, new, driver)
    steps += [
        MakeDir(site.server, new.site_dir, 0o751, new=False),
        MakeDir(site.server, new.files_dir, 0o775, new=False),
        MakeDir(site.server, new.private_dir, 0o770, new=False),
    ]
    steps += settings
    steps += _relinks(driver.verify_steps(new), driver.remove_steps(new))
    steps.append(PublishSite(site.server, vhost_for(new, driver)))
    old_url = src.url
    if backup is not None:
        extra = (
            backup.manifest.get("subject", {}).get("extra", {}) if isinstance(backup.manifest, dict) else {}
        )
        old_url = str(extra.get("url") or src.url)
    steps += driver.domain_fixup_steps(new, old_url)
    steps.append(HealthCheck(site.server, new_domain, expect_text=driver.health_text(new)))
    steps.append(SaveSite(attrs.evolve(site, status=SiteStatus.ENABLED), previous=site))
    origin = f"backup {backup.id} of {domain}" if backup is not None else f"the live site {domain}"
    return _plan(env, "clone", new_domain, steps, f"clone {new_domain} from {origin}", also_locks=reads)


def _copied_files(env: BackupEnv, src: SiteContext, new: SiteContext, driver: AppDriver) -> list[Step]:
    """Copies of the live site's paths (those the driver backs up) into the new site directory."""
    server = new.server
    rels = _relative_paths(src, driver)
    if "." in rels:
        return [CopyTree(server, src.site_dir, new.site_dir, follow_links=False)]
    steps: list[Step] = [MakeDir(server, new.site_dir, 0o751)]
    backend = env.backend(src.server)
    for rel in rels:
        origin = posixpath.join(src.site_dir, rel)
        if backend.exists(origin):
            steps.append(CopyTree(server, origin, posixpath.join(new.site_dir, rel), follow_links=False))
    return steps


# -- codebases -----------------------------------------------------------------------------------


def codebase_backup_plan(
    env: BackupEnv, name: str, *, store: str | None = None, full_tree: bool = False
) -> Plan:
    """Back a codebase up: its tree, or for a git checkout its commit and composer files."""
    from aegir.core.packages import PackageSet

    codebase = env.store.get_codebase(name)
    store_name = store or default_store(env)
    env.backup_store(store_name)
    step = BackupCodebase(
        store=store_name,
        backup_id=_new_id(f"codebase_{codebase.name}"),
        codebase=codebase.name,
        server=codebase.servers[0] if codebase.servers else "",
        root=codebase.root,
        app=codebase.app,
        app_version=codebase.scan.app_version if codebase.scan else None,
        package_digest=PackageSet.from_scan(codebase.scan).digest() if codebase.scan else None,
        full_tree=full_tree,
    )
    summary = f"back up codebase {codebase.name} to store {store_name} as {step.backup_id}"
    return _plan(env, "codebase-backup", f"codebase:{codebase.name}", [step], summary)


# -- schedules and retention ----------------------------------------------------------------------


@frozen
class ScheduleInfo:
    site: str
    schedule: Schedule
    last_run: datetime | None
    next_due: datetime | None


def _keep_data(policy: KeepPolicy) -> dict[str, int]:
    data = {rule: getattr(policy, rule) for rule in _KEEP_RULES if getattr(policy, rule)}
    if policy.within is not None:
        data["within"] = int(policy.within.total_seconds())
    return data


def _keep_policy(data: dict[str, int]) -> KeepPolicy:
    counts = {rule: int(data[rule]) for rule in _KEEP_RULES if rule in data}
    within = timedelta(seconds=int(data["within"])) if data.get("within") else None
    return KeepPolicy(**counts, within=within)


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def set_schedule(env: OperationEnv, domain: str, every: str, keep: str) -> Schedule:
    """Back ``domain`` up every ``every`` (``6h``) and keep what ``keep`` says (``daily=7,weekly=4``)."""
    site = env.store.get_site(domain)
    schedule = Schedule.parse(every, keep)
    env.store.set_schedule(site.domain, int(schedule.every.total_seconds()), _keep_data(schedule.keep))
    return schedule


def remove_schedule(env: OperationEnv, domain: str) -> ScheduleInfo:
    """Stop backing ``domain`` up on its schedule (the one ``run-due`` runs); return it as it was.
    Its backups are kept.

    :raises NotFoundError: no such site, or it has no such schedule.
    """
    site = env.store.get_site(names.normalize_domain(domain))
    info = next((s for s in schedules(env) if s.site == site.domain), None)
    if info is None or not env.store.delete_schedule(site.domain):
        raise NotFoundError(
            f"site {site.domain!r} has no backup schedule that 'aegir backup run-due' runs "
            "(see 'aegir backup schedules')"
        )
    return info


def schedules(env: OperationEnv) -> list[ScheduleInfo]:
    found = []
    for site, every, keep, last in env.store.list_schedules():
        schedule = Schedule(timedelta(seconds=every), _keep_policy(keep))
        last_run = _moment(last)
        found.append(
            ScheduleInfo(site, schedule, last_run, next_due(schedule, last_run) if last_run else None)
        )
    return found


@runtime_checkable
class OwnSchedules(Protocol):
    """A backend whose own scheduler runs a site's backups (Kubernetes: a CronJob the cluster runs;
    ``backup sync`` records its runs). ``backup_schedule`` is the schedule Aegir applied for the
    site (None: none); ``backup_schedule_steps`` applies one (a cron expression) and records it on
    the site, or with None removes both."""

    def backup_schedule(self, site: Site) -> str | None: ...

    def backup_schedule_steps(
        self, ctx: SiteContext, driver: AppDriver, schedule: str | None
    ) -> list[Step]: ...


@frozen
class OwnScheduleInfo:
    """A site's backups scheduled on its backend's own scheduler: when (a cron expression, in the
    cluster's time zone) and the newest run recorded by ``backup sync``."""

    site: str
    server: str
    cron: str
    last_run: datetime | None


def own_schedule_plan(env: OperationEnv, domain: str, cron: str | None) -> Plan:
    """Have the site's backend run its backups on ``cron`` (a cron expression; a Kubernetes
    CronJob), or with None stop them. Refused for a backend without a scheduler of its own."""
    site = env.store.get_site(names.normalize_domain(domain))
    backend = env.backend(site.server)
    if not isinstance(backend, OwnSchedules):
        raise ValidationError(
            f"site {site.domain!r} is on server {site.server!r} (backend {backend.name}), which has no "
            "scheduler of its own to give a cron expression to: schedule its backups with --every and "
            "--keep ('aegir backup run-due' runs them)"
        )
    codebase = env.store.get_codebase(site.codebase)
    ctx = site_context(env, site, codebase)
    steps = backend.backup_schedule_steps(ctx, env.plugins.driver(codebase.app), cron)
    if cron is None:
        summary = f"stop the scheduled backups of {site.domain} on server {site.server}"
        return _plan(env, "unschedule-backups", site.domain, steps, summary)
    summary = f"back {site.domain} up at {cron!r}, run by server {site.server} itself"
    return _plan(env, "schedule-backups", site.domain, steps, summary)


def _newest_scheduled_run(env: OperationEnv, domain: str) -> datetime | None:
    runs = [
        b.created
        for b in _site_backups(env, domain)
        if isinstance(kept := b.manifest.get("backend_store"), dict) and kept.get("scheduled") is True
    ]
    return max(runs, default=None)


def own_schedules(env: OperationEnv) -> list[OwnScheduleInfo]:
    """The sites whose backups their backend's own scheduler runs, as Aegir scheduled them (the
    inventory's record: the cluster is not asked). A server whose backend cannot be made is
    skipped (``aegir server status`` says why)."""
    found: list[OwnScheduleInfo] = []
    for site in env.store.list_sites():
        try:
            backend = env.backend(site.server)
        except AegirError:
            continue
        cron = backend.backup_schedule(site) if isinstance(backend, OwnSchedules) else None
        if cron:
            found.append(
                OwnScheduleInfo(site.domain, site.server, cron, _newest_scheduled_run(env, site.domain))
            )
    return found


def _prunable(env: OperationEnv, backup: Backup) -> bool:
    """Whether Aegir can delete ``backup``: it is in one of Aegir's stores, or in the store of
    the site's backend, which reaches it (see :func:`own_store_access`)."""
    return backend_store(backup) is None or own_store_access(env, backup) is not None


def prune_candidates(
    env: OperationEnv, domain: str, policy: KeepPolicy, now: datetime | None = None
) -> list[Backup]:
    """The complete backups of ``domain`` that ``policy`` does not keep, newest first. Backups a
    backend keeps in a store of its own count when Aegir can delete them through it (Kubernetes:
    those the site's server made, the scheduled runs synced into the inventory too); others,
    such as those another server made, are left out of the policy."""
    backups = [b for b in _site_backups(env, domain) if _prunable(env, b)]
    keep = select_to_keep([(b.id, b.created) for b in backups], policy, now or datetime.now(UTC))
    return sorted((b for b in backups if b.id not in keep), key=lambda b: b.created, reverse=True)


def _delete_steps(env: OperationEnv, backup: Backup) -> list[Step]:
    access = own_store_access(env, backup) if backend_store(backup) is not None else None
    if access is None:
        return [DeleteBackup(backup.store, backup.id)]
    backend, ctx, driver = access
    steps: list[Step] = backend.backup_delete_steps(ctx, driver, backup)
    return steps


def deleted_backup_ids(plan: Plan) -> list[str]:
    """The ids of the backups ``plan`` deletes: its ``delete-backup`` steps', and those of a
    backend's own (which say so with a ``deleted_backup_id``)."""
    ids: list[str] = []
    for step in plan.steps:
        if isinstance(step, DeleteBackup):
            ids.append(step.backup_id)
        elif isinstance(own := getattr(step, "deleted_backup_id", None), str):
            ids.append(own)
    return ids


def prune_plan(env: OperationEnv, domain: str, now: datetime | None = None) -> Plan | None:
    """Delete the backups of ``domain`` its schedule's keep policy no longer keeps (None: nothing to
    do, or no schedule: a site without a keep policy keeps every backup)."""
    info = next((s for s in schedules(env) if s.site == domain), None)
    if info is None:
        return None
    doomed = prune_candidates(env, domain, info.schedule.keep, now)
    if not doomed:
        return None
    steps: list[Step] = [step for b in doomed for step in _delete_steps(env, b)]
    summary = f"delete {len(doomed)} backups of {domain} that its keep policy ({info.schedule.keep}) drops"
    # deleting is clean-up from the start: a failure is reported, a crash resumes
    return Plan("backup-prune", domain, tuple(steps), on_crash="resume", summary=summary, cleanup_from=0)


@frozen
class DueRun:
    """What ``run-due`` did for one scheduled site."""

    site: str
    outcome: str  # backed-up, failed, claimed-elsewhere
    backup_id: str | None = None
    pruned: tuple[str, ...] = ()
    error: str | None = None


def _release(env: RunEnv, site: str, every: timedelta, claimed: datetime) -> None:
    """Make a failed run due again at the next ``run-due`` (only if the claim is still ours)."""
    stored = next((last for s, _, _, last in env.store.list_schedules() if s == site), None)
    if stored is not None and _moment(stored) == claimed:
        env.store.mark_schedule_run(site, claimed - every, expected_last=stored)


def run_due(env: RunEnv, now: datetime | None = None, *, sites: Iterable[str] | None = None) -> list[DueRun]:
    """Back up every site whose schedule is due, then prune its backups by its keep policy.

    Each due run is claimed first (compare-and-set on the schedule's last run), so two ``run-due``
    at once never back one site up twice. This is the one function here that carries plans out,
    through ``env.run``.
    """
    moment = now or datetime.now(UTC)
    wanted = set(sites) if sites is not None else None
    done: list[DueRun] = []
    stores: set[str] = set()
    for site, every_s, _keep, last in env.store.list_schedules():
        if wanted is not None and site not in wanted:
            continue
        every = timedelta(seconds=every_s)
        if not due(every, _moment(last), moment):
            continue
        if not env.store.mark_schedule_run(site, moment, expected_last=last):
            done.append(DueRun(site, "claimed-elsewhere"))
            continue
        try:
            plan = backup_plan(env, site)
            env.run(plan)
        except AegirError as e:
            _release(env, site, every, moment)
            done.append(DueRun(site, "failed", error=str(e)))
            continue
        backup_id = next(iter(planned_backup_ids(plan)), None)
        stores.update(s.store for s in plan.steps if isinstance(s, BackupSite))
        pruned: tuple[str, ...] = ()
        error = None
        try:
            prune = prune_plan(env, site, moment)
            if prune is not None:
                env.run(prune)
                pruned = tuple(deleted_backup_ids(prune))
        except AegirError as e:
            error = f"backed up, but pruning failed: {e}"
        done.append(DueRun(site, "backed-up", backup_id, pruned, error))
    for name in sorted(stores):
        # backups cut off by a crash in other runs, once they are old enough not to be in progress
        # (a store that fails here has just taken a backup: the next run tries again)
        with contextlib.suppress(AegirError):
            env.backup_store(name).cleanup_incomplete()
    return done


def planned_backup_ids(plan: Plan) -> list[str]:
    """The ids of the backups ``plan`` records: its ``backup-site`` steps', and those of a backend's
    own backup steps (which say so with a ``recorded_backup_id``)."""
    ids: list[str] = []
    for step in plan.steps:
        if isinstance(step, BackupSite):
            ids.append(step.backup_id)
        elif isinstance(own := getattr(step, "recorded_backup_id", None), str):
            ids.append(own)
    return ids


# -- backups a backend's own schedule made ---------------------------------------------------------


@frozen
class SyncResult:
    """What ``backup sync`` found for a site: a backup ``added`` to the inventory; a run that
    ``failed``, is still ``running`` (or cannot be read) and is not recorded; or an ``error``."""

    site: str
    outcome: str
    job: str | None = None
    backup_id: str | None = None
    created: datetime | None = None
    size: int | None = None
    detail: str = ""


def sync_backups(
    env: OperationEnv, *, server: str | None = None, domain: str | None = None
) -> list[SyncResult]:
    """Record in the inventory the backups that the backends' own schedules made (a Kubernetes
    site's backup CronJob) and it does not know yet; report the runs that failed. Sites whose
    backups Aegir makes itself are skipped. A site whose backend cannot be asked gives an ``error``
    result, and the others are still synced; recording the same backup twice adds it once."""
    if server is not None:
        env.store.get_server(server)  # a typo is an error, not an empty sync
    if domain is not None:
        site = env.store.get_site(names.normalize_domain(domain))
        sites = [site] if server is None or site.server == server else []
    else:
        sites = env.store.list_sites(server=server)
    results: list[SyncResult] = []
    for site in sites:
        if has_own_backups(env, site):
            results += _sync_site(env, site)
    return results


def _sync_site(env: OperationEnv, site: Site) -> list[SyncResult]:
    backend = env.backend(site.server)
    try:
        if not isinstance(backend, OwnBackups):
            return []
        codebase = env.store.get_codebase(site.codebase)
        known = {b.id for b in env.store.list_backups(site.domain)}
        runs = backend.scheduled_backups(
            site_context(env, site, codebase), env.plugins.driver(codebase.app), known
        )
    except AegirError as e:
        return [SyncResult(site.domain, "error", detail=str(e))]
    out: list[SyncResult] = []
    for run in runs:
        job, state, detail = str(run.job), str(run.state), str(run.detail)
        backup = run.backup
        if state != "complete" or not isinstance(backup, Backup):
            out.append(SyncResult(site.domain, state, job, detail=detail))
            continue
        other = _recorded(env, backup.id)
        if other is not None and other.site != site.domain:
            detail = f"backup id {backup.id!r} is taken by a backup of {other.site}: not recorded"
            out.append(SyncResult(site.domain, "error", job, detail=detail))
            continue
        env.store.save_backup(backup)
        out.append(SyncResult(site.domain, "added", job, backup.id, backup.created, backup.size, detail))
    return out
