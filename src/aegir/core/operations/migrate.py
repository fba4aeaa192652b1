"""Blue-green migration of a site to another codebase, database server and/or domain.

``preflight`` checks (nothing changes); ``migrate_plan`` builds the plan: an automatic backup, then
green (a new database with a consistent copy of blue's, a copy of the site's files, settings for the
target, the driver's update steps), a health check of green through a private preview, and the
switch (one vhost publish, a graceful reload). Blue is in maintenance only while its data is copied.
Every step has an inverse, so a failure anywhere returns traffic to blue and removes green.

Blue stays for the rollback window, recorded in the site's options: ``rollback_plan`` switches back
to it and drops green; ``finish_plan`` drops blue. A renamed site's old domain answers HTTP 503 until
then.

A backend that plans site operations itself (Kubernetes: ``Backend.site_plan`` returns steps) gets
the pre-flight checks that need no host, then its own ``migrate``, ``rollback`` and
``migrate-finish`` plans, wrapped in the same Plan and recorded in the same site options, so
``rollback``, ``--finish`` and ``due_finishes`` treat its sites like any other. What its plans do
after the switch only cleans up, and runs as clean-up: the end of its ``migrate`` (see
``backups.own_cleanup``), and its ``migrate-finish`` after a rollback. Its ``migrate-finish``
also drops what a restore or rollback whose clean-up failed left (``--finish`` on such a site).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import attrs

from aegir.core import names, serialize
from aegir.core.errors import ConflictError, ValidationError
from aegir.core.migrate_steps import (
    BeginMaintenance,
    CopyDatabase,
    CopySecret,
    EndMaintenance,
    PreviewHealthCheck,
    PublishPreview,
    UnpublishPreview,
)
from aegir.core.model import ServiceKind, Site, SiteStatus
from aegir.core.operations._env import admin_secret, site_context
from aegir.core.operations._migrate_preflight import (
    Preflight,
    check_database_server,
    check_space,
    own_plan_notes,
    package_gate,
    target_audit,
)
from aegir.core.operations.https import CERT_OPTION, certificates_removal, published_vhost
from aegir.core.operations.sites import check_domain_free, database_name
from aegir.core.plan import Plan
from aegir.core.steps import (
    CopyTree,
    CreateDatabase,
    DeleteSecret,
    DeleteSecretTree,
    DropDatabase,
    ForgetSite,
    GenerateSecret,
    HealthCheck,
    PublishSite,
    RemovePath,
    RunCommand,
    SaveSite,
    SetMaintenance,
    Step,
    UnpublishSite,
    WriteFile,
)

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.backend import Vhost
    from aegir.core.model import Codebase
    from aegir.core.operations._env import OperationEnv

__all__ = [
    "BLUE_KEY",
    "MIGRATED_KEY",
    "WINDOW_SETTING",
    "Preflight",
    "blue_drop_steps",
    "blue_of",
    "due_finishes",
    "finish_plan",
    "migrate_plan",
    "preflight",
    "rollback_plan",
]

#: site option holding the blue site's record (JSON) during the rollback window
BLUE_KEY = "migrate_blue"
#: site option holding when the migration was planned (ISO 8601, UTC)
MIGRATED_KEY = "migrate_time"
#: home setting: hours after which ``due_finishes`` drops blue (``aegir site migrate --finish-due``)
WINDOW_SETTING = "migrate_rollback_hours"
_PLACEHOLDER = re.compile(r"\{\{secret:([a-z0-9][a-z0-9_./-]*)\}\}")


def blue_of(site: Site) -> Site | None:
    """The blue copy a migrated site keeps for its rollback window, or None."""
    text = site.options.get(BLUE_KEY)
    return serialize.loads(text, Site) if text else None


def _without_migration(site: Site) -> Site:
    options = {k: v for k, v in site.options.items() if k not in (BLUE_KEY, MIGRATED_KEY)}
    return attrs.evolve(site, options=options)


# -- pre-flight ----------------------------------------------------------------------------------
def preflight(
    env: OperationEnv,
    domain: str,
    *,
    codebase: str | None = None,
    db_server: str | None = None,
    new_domain: str | None = None,
    allow_downgrade: bool = False,
    advisories_dir: str | None = None,
    now: datetime | None = None,
) -> Preflight:
    """Check a migration before anything changes; return both sites and what was found.

    :raises ValidationError: nothing to do, an unknown or unfit target, a downgrade, no room.
    :raises ConflictError: the site is mid-migration, or the new domain is taken.
    :raises BackendError: the target database server does not answer.
    """
    blue = env.store.get_site(domain)
    if BLUE_KEY in blue.options:
        raise ConflictError(
            f"site {blue.domain!r} is in the rollback window of an earlier migration: run "
            f"'aegir site migrate --finish {blue.domain}' or 'aegir site rollback {blue.domain}' first"
        )
    if blue.status is not SiteStatus.ENABLED:
        raise ValidationError(
            f"site {blue.domain!r} is {blue.status.value}: only an enabled site can be migrated "
            f"('aegir site enable {blue.domain}' first)"
        )
    blue_cb = env.store.get_codebase(blue.codebase)
    green_cb = env.store.get_codebase(codebase) if codebase else blue_cb
    green_domain = names.normalize_domain(new_domain) if new_domain else blue.domain
    target_db = db_server or blue.db_server
    if green_cb.name == blue_cb.name and target_db == blue.db_server and green_domain == blue.domain:
        raise ValidationError(
            f"nothing to migrate for {blue.domain!r}: give another --codebase, --db-server or --domain"
        )
    driver = _check_codebase(env, blue, blue_cb, green_cb)
    if driver.uses_database:
        if not target_db:
            raise ValidationError(f"site {blue.domain!r} has no database server")
        server = env.store.get_server(target_db)
        if server.backend == "local" and server.service(ServiceKind.DB) is None:
            raise ValidationError(f"server {target_db!r} has no database service")
    elif db_server:
        raise ValidationError(f"a {green_cb.app} site has no database: --db-server does not apply")
    green_db = target_db if driver.uses_database else None
    when = now or datetime.now(UTC)
    own = _own_preflight(
        env,
        blue,
        _planned_green(blue, green_cb, domain=green_domain, db_server=green_db),
        allow_downgrade=allow_downgrade,
        advisories_dir=advisories_dir,
        stamp=when.strftime("%Y%m%d%H%M%S"),
    )
    if own is not None:
        return own
    _check_backend(env, blue.server)
    if green_domain != blue.domain:
        _check_new_domain(env, green_domain)
    if green_db:
        check_database_server(env, green_db)
    diff = package_gate(blue_cb, green_cb, allow_downgrade=allow_downgrade)
    audit = target_audit(green_cb, advisories_dir)
    stamp = _free_stamp(env, blue, green_domain, green_db, when.strftime("%Y%m%d%H%M%S"))
    green = _green_site(env, blue, green_cb, domain=green_domain, db_server=green_db, stamp=stamp)
    blue_ctx = site_context(env, blue, blue_cb)
    notes = check_space(env, blue, blue_ctx.site_dir, green.db_server, _option(green, "site_dir"))
    if blue.https and not green.https:
        notes.append(
            f"{green.domain} starts on plain HTTP: the certificate of {blue.domain} does not cover it "
            f"(turn HTTPS on after the switch with 'aegir site https {green.domain} --enable')"
        )
    return Preflight(blue=blue, green=green, stamp=stamp, diff=diff, audit=audit, notes=notes)


def _planned_green(blue: Site, green_cb: Codebase, *, domain: str, db_server: str | None) -> Site:
    """Green as asked for, for a backend that names its new copy itself (Kubernetes: the other
    track, whose database and objects it derives from the site's recorded options)."""
    return attrs.evolve(
        _without_migration(blue),
        domain=domain,
        codebase=green_cb.name,
        db_server=db_server,
        aliases=tuple(a for a in blue.aliases if a != domain),
    )


def _own_steps(
    env: OperationEnv, operation: str, site: Site, target: Site | None = None
) -> list[Step] | None:
    """``operation`` as planned by the backend of ``site``'s server, or None when that backend
    leaves migrations to Aegir's own plan. ``target`` is the site as the operation leaves it."""
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    ctx = site_context(env, site, codebase)
    target_ctx = site_context(env, target) if target is not None else None
    return env.backend(site.server).site_plan(operation, ctx, driver, target=target_ctx)


def _own_preflight(
    env: OperationEnv,
    blue: Site,
    green: Site,
    *,
    allow_downgrade: bool,
    advisories_dir: str | None,
    stamp: str,
) -> Preflight | None:
    """The pre-flight of a backend that plans migrations itself, or None for any other backend.

    Planning it now (nothing runs) lets the backend refuse what it cannot do (a rename, another
    database server, a codebase without an image) before anything changes. What needs a host
    (space, a query to the database server) is left to the backend's own steps and said so in
    the notes."""
    steps = _own_steps(env, "migrate", blue, green)
    if steps is None:
        return None
    if green.domain != blue.domain:
        _check_new_domain(env, green.domain)
    blue_cb = env.store.get_codebase(blue.codebase)
    green_cb = env.store.get_codebase(green.codebase)
    diff = package_gate(blue_cb, green_cb, allow_downgrade=allow_downgrade)
    audit = target_audit(green_cb, advisories_dir)
    backend = env.backend(blue.server)
    notes = own_plan_notes(blue.server, backend.name, uses_database=green.db_server is not None)
    return Preflight(
        blue=blue, green=green, stamp=stamp, diff=diff, audit=audit, notes=notes, planned_by=backend.name
    )


def _check_codebase(env: OperationEnv, blue: Site, blue_cb: Codebase, green_cb: Codebase) -> AppDriver:
    if green_cb.app != blue_cb.app:
        raise ValidationError(
            f"codebase {green_cb.name!r} is {green_cb.app}, site {blue.domain!r} is {blue_cb.app}: "
            "a site moves only between codebases of its own application"
        )
    if green_cb.servers and blue.server not in green_cb.servers:
        raise ValidationError(
            f"codebase {green_cb.name!r} is not on server {blue.server!r}, where {blue.domain!r} is served "
            f"(it is on {', '.join(green_cb.servers)})"
        )
    return env.plugins.driver(green_cb.app)


def _check_backend(env: OperationEnv, server: str) -> None:
    from aegir.core.backend import Backend

    backend = env.backend(server)
    if type(backend).publish_preview is Backend.publish_preview:
        raise ValidationError(
            f"server {server!r} ({backend.name} backend) cannot serve a private preview, which a "
            "blue-green migration needs to check the new copy before traffic moves"
        )


def _check_new_domain(env: OperationEnv, domain: str) -> None:
    check_domain_free(env, domain, ": choose another --domain")


def _option(site: Site, key: str) -> str:
    value = site.options.get(key)
    if not value:
        raise ValidationError(f"site {site.domain!r} has no {key!r} option")
    return value


def _green_names(sites_root: str, domain: str, stamp: str) -> tuple[str, str, str]:
    """Green's directory, database (and user) name and password secret for ``stamp``."""
    return (
        str(PurePosixPath(sites_root) / f"{domain}.{stamp}"),
        database_name(domain, "-" + stamp),
        f"site/{domain}/db-{stamp}",
    )


def _free_stamp(env: OperationEnv, blue: Site, domain: str, db_server: str | None, stamp: str) -> str:
    """``stamp``, or ``stamp-N``: names that nothing uses yet. Green's undo removes what its names
    point at (a failed create-database is undone by dropping that database), so they must be new."""
    web = env.backend(blue.server)
    db = env.backend(db_server) if db_server else None
    for n in range(100):
        candidate = stamp if n == 0 else f"{stamp}-{n}"
        site_dir, db_name, secret = _green_names(web.sites_root(), domain, candidate)
        taken = web.exists(site_dir) or env.secrets.exists(secret)
        if not taken and db is not None:
            taken = db.database_exists(db_name)
        if not taken:
            return candidate
    raise ConflictError(f"no free name for a new copy of {blue.domain!r} ({stamp}-0 to -99 are taken)")


def _green_site(
    env: OperationEnv, blue: Site, green_cb: Codebase, *, domain: str, db_server: str | None, stamp: str
) -> Site:
    """Blue as it will be: its new directory, database and password secret named after ``stamp``."""
    sites_root = env.backend(blue.server).sites_root()
    options = dict(_without_migration(blue).options)
    site_dir, name, secret = _green_names(sites_root, domain, stamp)
    options["site_dir"] = site_dir
    db_name: str | None = None
    if db_server is not None:
        db_name = name
        options["db_secret"] = secret
    else:
        options.pop("db_secret", None)
    aliases = tuple(a for a in blue.aliases if a != domain)
    https = blue.https
    if domain != blue.domain and CERT_OPTION in options:
        # blue's certificate names blue's domain: a renamed site starts on plain HTTP (its
        # settings at the http:// URL) until 'site https --enable' gets it one of its own
        del options[CERT_OPTION]
        https = False
    return attrs.evolve(
        blue,
        https=https,
        domain=domain,
        codebase=green_cb.name,
        db_server=db_server,
        db_name=db_name,
        db_user=db_name,
        aliases=aliases,
        options=options,
    )


# -- the migration -------------------------------------------------------------------------------
class _Sides:
    """Both sites with their codebases, drivers, contexts and vhosts."""

    def __init__(self, env: OperationEnv, blue: Site, green: Site) -> None:
        self.blue, self.green = blue, green
        self.blue_cb = env.store.get_codebase(blue.codebase)
        self.green_cb = env.store.get_codebase(green.codebase)
        self.blue_driver = env.plugins.driver(self.blue_cb.app)
        self.driver = env.plugins.driver(self.green_cb.app)
        self.blue_ctx = site_context(env, blue, self.blue_cb)
        self.green_ctx = site_context(env, green, self.green_cb)
        # with the certificate, when the site has one for its domain on the server: green keeps
        # blue's (same domain), a renamed green has none (see _green_site)
        self.blue_vhost = published_vhost(env, blue, self.blue_ctx, self.blue_driver)
        self.green_vhost = published_vhost(env, green, self.green_ctx, self.driver)
        self.server = blue.server
        self.rename = green.domain != blue.domain
        self.marker = str(
            PurePosixPath(env.backend(blue.server).sites_root()) / f".{blue.domain}.maintenance"
        )

    @property
    def blue_vhost_alone(self) -> Vhost:
        """Blue's vhost without its aliases (they move with a renamed site)."""
        return attrs.evolve(self.blue_vhost, aliases=())


def _blue_record(sides: _Sides) -> Site:
    """Blue's record as kept for the rollback window, its directory and secret made explicit."""
    options = dict(sides.blue.options)
    options["site_dir"] = sides.blue_ctx.site_dir
    if sides.blue_ctx.db_password_secret:
        options["db_secret"] = sides.blue_ctx.db_password_secret
    return attrs.evolve(sides.blue, options=options)


def _secret_steps(env: OperationEnv, sides: _Sides, files: list[WriteFile]) -> list[Step]:
    """Green's database password, and for a renamed site the secrets its settings name under the
    new domain: copied from the old domain's where they exist (salts, keys), generated otherwise."""
    steps: list[Step] = []
    green_secret = sides.green_ctx.db_password_secret
    if green_secret:
        steps.append(GenerateSecret(green_secret))
    if not sides.rename:
        return steps
    wanted = [admin_secret(sides.green.domain)]
    for f in files:
        wanted += [n for n in _PLACEHOLDER.findall(f.content) if n not in wanted]
    old_prefix, new_prefix = f"site/{sides.blue.domain}/", f"site/{sides.green.domain}/"
    for name in wanted:
        if name == green_secret or env.secrets.exists(name):
            continue
        source = old_prefix + name.removeprefix(new_prefix) if name.startswith(new_prefix) else None
        if source is not None and env.secrets.exists(source):
            steps.append(CopySecret(source, name))
        else:
            steps.append(GenerateSecret(name, 64))
    return steps


def _settings_steps(sides: _Sides) -> list[WriteFile]:
    """Green's settings; a file blue also has (same path) is restored to blue's by the undo."""
    blue_files = {f.path: f for f in sides.blue_driver.settings_files(sides.blue_ctx)}
    steps: list[WriteFile] = []
    for f in sides.driver.settings_files(sides.green_ctx):
        before = blue_files.get(f.path)
        if f.shared:
            steps.append(WriteFile(sides.server, f.path, f.content, f.mode, new=False))
        elif before is not None:
            steps.append(
                WriteFile(sides.server, f.path, f.content, f.mode, new=False, previous=before.content)
            )
        else:
            steps.append(WriteFile(sides.server, f.path, f.content, f.mode, new=True))
    return steps


def _backup(env: OperationEnv, site: Site) -> list[Step]:
    from aegir.core.operations.backups import backup_step

    return [backup_step(env, site)]


def migrate_plan(env: OperationEnv, pre: Preflight, *, backup: bool = True) -> Plan:
    """The blue-green plan for ``pre`` (from :func:`preflight`), the automatic backup of the site
    first (its inverse deletes it: a migration rolled back leaves none; ``backup=False`` skips it).
    A backend that plans migrations itself takes its own backup (``backup`` does not apply).
    """
    own = _own_migrate_plan(env, pre)
    if own is not None:
        return own
    sides = _Sides(env, pre.blue, pre.green)
    blue, green, server = sides.blue, sides.green, sides.server
    health = sides.driver.health_text(sides.green_ctx)
    files = _settings_steps(sides)
    steps: list[Step] = _backup(env, blue) if backup else []
    steps += _secret_steps(env, sides, files)
    db_server, db_name, db_user = green.db_server, green.db_name, green.db_user
    secret = green.options.get("db_secret")
    uses_db = bool(db_server and db_name and db_user and secret)
    if db_server and db_name and db_user and secret:
        steps.append(CreateDatabase(db_server, db_name, db_user, secret))
    # Everything up to here happens while blue serves normally; writes stop only for the copy.
    steps.append(PublishPreview(server, sides.green_vhost))
    steps.append(BeginMaintenance(server, blue.domain, sides.marker))
    if uses_db and blue.db_server and blue.db_name and db_server and db_name:
        steps.append(CopyDatabase(blue.db_server, blue.db_name, db_server, db_name))
    steps.append(CopyTree(server, sides.blue_ctx.site_dir, sides.green_ctx.site_dir, follow_links=False))
    steps += _relink_guards(sides.blue_driver, sides.blue_ctx, sides.driver, sides.green_ctx)
    steps += files
    if sides.rename:
        steps += sides.driver.domain_fixup_steps(sides.green_ctx, sides.blue_ctx.url)
    steps += sides.driver.update_steps(sides.green_ctx)
    steps.append(PreviewHealthCheck(server, green.domain, expect_text=health))
    # the switch: one vhost publish (nginx -t, then a graceful reload)
    if sides.rename:
        if blue.aliases:
            steps.append(PublishSite(server, sides.blue_vhost_alone, previous=sides.blue_vhost))
        steps.append(PublishSite(server, sides.green_vhost))
        steps.append(EndMaintenance(server, blue.domain, sides.marker, lift=False))
    else:
        steps.append(PublishSite(server, sides.green_vhost, previous=sides.blue_vhost))
        steps.append(EndMaintenance(server, blue.domain, sides.marker))
    steps.append(HealthCheck(server, green.domain, expect_text=health))
    recorded = _with_blue(green, _blue_record(sides), pre.stamp)
    if sides.rename:
        steps.append(SaveSite(recorded))
        steps.append(ForgetSite(blue.domain, previous=blue))
    else:
        steps.append(SaveSite(recorded, previous=blue))
    summary = _summary(pre)
    cleanup: list[Step] = [UnpublishPreview(server, green.domain)]
    # a rename also holds the new domain's lock: no install or clone may take it meanwhile
    renamed = (green.domain,) if sides.rename else ()
    return _plan(env, "migrate", blue.domain, steps, cleanup=cleanup, summary=summary, also_locks=renamed)


def _with_blue(green: Site, blue: Site, stamp: str) -> Site:
    """Green as recorded after the switch: with blue's record and the time of the move, which
    rollback, ``--finish`` and ``due_finishes`` read."""
    options = dict(green.options)
    options[BLUE_KEY] = serialize.dumps(blue)
    moved = datetime.strptime(stamp[:14], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    options[MIGRATED_KEY] = moved.isoformat()
    return attrs.evolve(green, options=options)


def _own_migrate_plan(env: OperationEnv, pre: Preflight) -> Plan | None:
    """The migration as the site's backend plans it (Kubernetes: a backup, the other track built
    and checked, the Service switched), green recorded with blue's record like Aegir's own plan."""
    from aegir.core.operations.backups import own_cleanup

    green = _with_blue(pre.green, pre.blue, pre.stamp)
    steps = _own_steps(env, "migrate", pre.blue, green)
    if steps is None:
        return None
    codebase = env.store.get_codebase(pre.blue.codebase)
    ctx = site_context(env, pre.blue, codebase)
    # what follows the switch (the maintenance page removed) runs as clean-up: a failure there
    # must not send traffic back to blue after green took it
    work, cleanup = own_cleanup(
        env, "migrate", ctx, env.plugins.driver(codebase.app), steps, target=site_context(env, green)
    )
    return _plan(env, "migrate", pre.blue.domain, work, cleanup=cleanup, summary=_summary(pre))


def _summary(pre: Preflight) -> str:
    moves = []
    if pre.green.codebase != pre.blue.codebase:
        moves.append(f"codebase {pre.blue.codebase} -> {pre.green.codebase}")
    if pre.green.db_server != pre.blue.db_server:
        moves.append(f"database server {pre.blue.db_server} -> {pre.green.db_server}")
    if pre.rename:
        moves.append(f"domain {pre.blue.domain} -> {pre.green.domain}")
    return f"migrate {pre.blue.domain}: " + ", ".join(moves)


def _plan(
    env: OperationEnv,
    operation: str,
    target: str,
    steps: list[Step],
    *,
    cleanup: list[Step],
    summary: str,
    also_locks: tuple[str, ...] = (),
) -> Plan:
    extra = env.plugins.plan_extend(operation, target, steps)
    main = steps + extra
    return Plan(
        operation,
        target,
        tuple(main + cleanup),
        summary=summary,
        cleanup_from=len(main) if cleanup else None,
        also_locks=also_locks,
    )


# -- after the switch: roll back, or finish ------------------------------------------------------
def _migrated(env: OperationEnv, domain: str) -> tuple[Site, Site]:
    green = env.store.get_site(domain)
    blue = blue_of(green)
    if blue is None:
        raise ValidationError(
            f"site {green.domain!r} has no migration in its rollback window (never migrated, already "
            "finished, or rolled back)"
        )
    return blue, green


def _commands(steps: list[Step]) -> list[RunCommand]:
    return [s for s in steps if isinstance(s, RunCommand)]


def _on_undo(step: RunCommand) -> RunCommand:
    """A step that does nothing now and runs ``step`` if the task is rolled back."""
    return RunCommand(step.server, ("true",), label=f"nothing yet; on undo: {step.describe()}", undo=step)


def _relink_guards(
    driver: AppDriver, ctx: SiteContext, other: AppDriver, other_ctx: SiteContext
) -> list[Step]:
    """Undo-only steps that give back to ``ctx`` what its driver keeps outside the site directory
    (Drupal's ``<docroot>/sites/<domain>`` link, which update steps point at the new copy): on
    undo, ``other_ctx``'s removed first, then ``ctx``'s made again (they may be the same path)."""
    relink = [_on_undo(s) for s in _commands(driver.verify_steps(ctx))]
    unlink = [_on_undo(s) for s in _commands(other.remove_steps(other_ctx))]
    return [*relink, *unlink]


def _drop_steps(env: OperationEnv, ctx: SiteContext, driver: AppDriver, keep: SiteContext) -> list[Step]:
    """Drop one side of a migration (its database and user, directory, settings, secrets), never
    touching what the other side (``keep``) uses."""
    site = ctx.site
    steps: list[Step] = []
    if site.db_server and site.db_name and site.db_name != keep.db_name:
        steps.append(DropDatabase(site.db_server, site.db_name, site.db_user))
    if ctx.site_dir != keep.site_dir:
        steps.append(RemovePath(site.server, ctx.site_dir))
    keep_driver = env.plugins.driver(keep.codebase.app)
    kept = {s.argv for s in _commands(keep_driver.remove_steps(keep))}
    steps += [s for s in driver.remove_steps(ctx) if not (isinstance(s, RunCommand) and s.argv in kept)]
    keep_files = {f.path for f in keep_driver.settings_files(keep)}
    for f in driver.settings_files(ctx):
        inside = f.path.startswith(ctx.site_dir.rstrip("/") + "/")
        if not f.shared and not inside and f.path not in keep_files:
            steps.append(RemovePath(site.server, f.path))
    if site.domain != keep.site.domain:
        steps.append(DeleteSecretTree(f"site/{site.domain}"))
    elif ctx.db_password_secret and ctx.db_password_secret != keep.db_password_secret:
        steps.append(DeleteSecret(ctx.db_password_secret))
    return steps


def rollback_plan(env: OperationEnv, domain: str, *, backup: bool = True) -> Plan:
    """Traffic back to blue, green dropped. Writes made to green since the switch are not carried
    back: a safety backup of green, taken first, keeps them (``backup=False`` skips it; a backend
    that plans its own rollback always takes its own)."""
    blue, green = _migrated(env, domain)
    summary = f"roll {green.domain} back to its copy before the migration (codebase {blue.codebase})"
    own = _own_steps(env, "rollback", green, blue)
    if own is not None:
        # a backend that plans its own rollback takes its own safety backup; green is dropped as
        # clean-up by the backend's own finish, planned from the site as the rollback leaves it
        drop = _own_steps(env, "migrate-finish", blue) or []
        return _plan(env, "rollback", green.domain, own, cleanup=drop, summary=summary)
    sides = _Sides(env, blue, green)
    server = sides.server
    health = sides.blue_driver.health_text(sides.blue_ctx)
    steps: list[Step] = _backup(env, green) if backup else []
    # links outside the site directory (Drupal) go back to blue first; to green again on undo
    steps += _relink_guards(sides.driver, sides.green_ctx, sides.blue_driver, sides.blue_ctx)
    steps += sides.blue_driver.verify_steps(sides.blue_ctx)
    if sides.rename:
        steps.append(UnpublishSite(server, green.domain, previous=sides.green_vhost))
        if blue.aliases:
            steps.append(PublishSite(server, sides.blue_vhost, previous=sides.blue_vhost_alone))
        steps.append(SetMaintenance(server, blue.domain, False))
        steps.append(HealthCheck(server, blue.domain, expect_text=health))
        steps.append(SaveSite(blue))
        steps.append(ForgetSite(green.domain, previous=green))
    else:
        steps.append(PublishSite(server, sides.blue_vhost, previous=sides.green_vhost))
        steps.append(HealthCheck(server, blue.domain, expect_text=health))
        steps.append(SaveSite(blue, previous=green))
    cleanup = _drop_steps(env, sides.green_ctx, sides.driver, sides.blue_ctx)
    return _plan(env, "rollback", green.domain, steps, cleanup=cleanup, summary=summary)


def finish_plan(env: OperationEnv, domain: str) -> Plan:
    """End the rollback window: forget blue, then drop its database and user, directory, secrets
    (and a renamed site's old vhost, in maintenance until now).

    On a backend that plans its own ``migrate-finish`` (Kubernetes), a site with no migration gets
    that as clean-up: it drops what a restore or rollback whose clean-up failed left of the copy
    that does not serve (nothing, if nothing is left)."""
    site = env.store.get_site(domain)
    if blue_of(site) is None:
        leftover = _own_steps(env, "migrate-finish", site)
        if leftover is not None:
            summary = f"drop what is left of the copy of {site.domain} that does not serve"
            return _plan(env, "migrate-finish", site.domain, [], cleanup=leftover, summary=summary)
    _blue, green = _migrated(env, domain)  # refuses a site with no migration to finish
    steps: list[Step] = [SaveSite(_without_migration(green), previous=green)]
    cleanup = blue_drop_steps(env, domain)
    summary = f"drop the old copy of {green.domain}"
    return _plan(env, "migrate-finish", green.domain, steps, cleanup=cleanup, summary=summary)


def blue_drop_steps(env: OperationEnv, domain: str) -> list[Step]:
    """The steps that drop the blue copy a site keeps in its rollback window (none when it keeps
    none): its database and user, directory, secrets, and a renamed site's old vhost. For
    ``finish_plan``, and for ``site delete`` so that deleting a migrated site leaves nothing."""
    green = env.store.get_site(domain)
    blue = blue_of(green)
    if blue is None:
        return []
    own = _own_steps(env, "migrate-finish", green)
    if own is not None:
        return own
    sides = _Sides(env, blue, green)
    steps: list[Step] = []
    if sides.rename:
        steps.append(UnpublishSite(sides.server, blue.domain))
        steps += certificates_removal(env, blue)
    steps += _drop_steps(env, sides.blue_ctx, sides.blue_driver, sides.green_ctx)
    return steps


def due_finishes(env: OperationEnv, now: datetime | None = None) -> list[str]:
    """Migrated sites whose rollback window (the home setting ``migrate_rollback_hours``) is over."""
    raw = env.store.get_setting(WINDOW_SETTING)
    if not raw:
        return []
    try:
        hours = float(raw)
    except ValueError:
        raise ValidationError(
            f"invalid setting {WINDOW_SETTING} {raw!r}: expected a number of hours"
        ) from None
    now = now or datetime.now(UTC)
    due = []
    for site in env.store.list_sites():
        when = site.options.get(MIGRATED_KEY)
        if BLUE_KEY not in site.options or not when:
            continue
        try:
            started = datetime.fromisoformat(when)
        except ValueError:
            continue
        if started + timedelta(hours=hours) <= now:
            due.append(site.domain)
    return due
