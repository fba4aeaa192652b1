"""Plans for a site's life on servers that work through backend primitives: install, verify,
disable, enable, delete, login reset."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import attrs

from aegir.core import names
from aegir.core.backend import Vhost
from aegir.core.errors import ConflictError, ValidationError
from aegir.core.model import ServiceKind, Site, SiteStatus
from aegir.core.operations._env import admin_secret, db_secret, site_context
from aegir.core.plan import Plan
from aegir.core.steps import (
    CreateDatabase,
    DeleteSecret,
    DeleteSecretTree,
    DropDatabase,
    ForgetSite,
    GenerateSecret,
    HealthCheck,
    MakeDir,
    PromoteSecret,
    PublishSite,
    RemovePath,
    SaveSite,
    SetMaintenance,
    Step,
    UnpublishSite,
    WriteFile,
)

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.operations._env import OperationEnv

__all__ = [
    "check_domain_free",
    "database_name",
    "delete_plan",
    "disable_plan",
    "enable_plan",
    "install_plan",
    "login_reset_plan",
    "new_site",
    "settings_steps",
    "verify_plan",
    "vhost_for",
]

_SECRET_REF = re.compile(r"\{\{secret:([a-z0-9][a-z0-9_./-]*)\}\}")


def database_name(domain: str, suffix: str = "") -> str:
    """A database (and user) name for a site: readable, unique, at most 32 characters (MySQL's user limit)."""
    digest = hashlib.sha256((domain + suffix).encode()).hexdigest()[:8]
    slug = re.sub(r"[^a-z0-9]+", "_", domain.lower()).strip("_")[:20]
    return f"s_{slug}_{digest}"


def _pick_server(env: OperationEnv, name: str | None, kind: ServiceKind, what: str) -> str:
    if name:
        server = env.store.get_server(name)
        if server.service(kind) is None and server.backend == "local":
            raise ValidationError(f"server {name!r} has no {kind.value} service for {what}")
        return name
    candidates = [
        s.name for s in env.store.list_servers() if s.service(kind) is not None or s.backend != "local"
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValidationError(
            f"no server with a {kind.value} service for {what}; add one with 'aegir server add'"
        )
    raise ValidationError(
        f"several servers could take {what} ({', '.join(candidates)}); choose one with --server/--db-server"
    )


def new_site(
    env: OperationEnv,
    domain: str,
    codebase: str,
    *,
    server: str | None = None,
    db_server: str | None = None,
    profile: str | None = None,
    title: str | None = None,
    admin_user: str = "admin",
    admin_email: str | None = None,
    aliases: tuple[str, ...] = (),
    https: bool = False,
) -> Site:
    """The Site value for an install, with servers chosen and names derived; validates everything."""
    domain = names.normalize_domain(domain)
    cb = env.store.get_codebase(codebase)
    driver = env.plugins.driver(cb.app)
    web = _pick_server(
        env, server or (cb.servers[0] if cb.servers else None), ServiceKind.HTTP, f"site {domain!r}"
    )
    db: str | None = None
    name: str | None = None
    if driver.uses_database:
        default_db = web if env.store.get_server(web).service(ServiceKind.DB) is not None else None
        db = _pick_server(env, db_server or default_db, ServiceKind.DB, f"the database of {domain!r}")
    site = Site(
        domain=domain,
        codebase=codebase,
        server=web,
        db_server=db,
        status=SiteStatus.QUEUED,
        aliases=aliases,
        https=https,
        profile=profile or (cb.scan.profiles[0] if cb.scan and cb.scan.profiles else None),
        title=title or domain,
        admin_user=admin_user,
        admin_email=admin_email or f"{admin_user}@{domain}",
        created=datetime.now(UTC),
    )
    if driver.uses_database:
        name = database_name(site.domain)
        site = attrs.evolve(site, db_name=name, db_user=name)
    return site


def check_domain_free(env: OperationEnv, domain: str, hint: str = "") -> None:
    """ConflictError naming the site that already has ``domain`` as its domain or an alias."""
    other = env.store.site_using_domain(domain)
    if other is None:
        return
    if other.domain == domain:
        raise ConflictError(f"site {domain!r} exists already{hint}")
    raise ConflictError(f"domain {domain!r} is already an alias of site {other.domain!r}{hint}")


def vhost_for(ctx: SiteContext, driver: AppDriver) -> Vhost:
    return Vhost(
        domain=ctx.site.domain,
        root=ctx.docroot,
        rules=driver.web_rules(ctx),
        aliases=ctx.site.aliases,
        https=ctx.site.https,
    )


def _secret_steps(ctx: SiteContext, files: list[WriteFile]) -> list[Step]:
    """Generate every secret the settings refer to (salts, keys), besides the db and admin ones."""
    names: list[str] = []
    for f in files:
        for name in _SECRET_REF.findall(f.content):
            if name not in names and name not in (ctx.db_password_secret, ctx.admin_password_secret):
                names.append(name)
    return [GenerateSecret(n, 64) for n in names]


def settings_steps(ctx: SiteContext, driver: AppDriver, *, new: bool = True) -> list[WriteFile]:
    return [
        WriteFile(ctx.server, f.path, f.content, f.mode, new=new and not f.shared)
        for f in driver.settings_files(ctx)
    ]


def install_plan(env: OperationEnv, site: Site) -> Plan:
    """Everything to install ``site``; each step has an inverse, so a failure anywhere leaves nothing.

    A site with ``https`` gets a certificate once it answers over HTTP (:mod:`.https`)."""
    check_domain_free(env, site.domain)
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    ctx = site_context(env, site, codebase)
    backend = env.backend(site.server)
    custom = backend.site_plan("install", ctx, driver)
    want_https = site.https and custom is None
    if want_https:
        from aegir.core.operations import https

        https.preflight(env, site)  # every HTTPS problem before anything is done
        # installed at its http:// URL, switched to https:// once the certificate is in
        site = attrs.evolve(site, https=False)
        ctx = site_context(env, site, codebase)
    if custom is not None:
        return _plan(
            env, "install", site.domain, custom, f"install {site.domain} from codebase {codebase.name}"
        )
    files = settings_steps(ctx, driver)
    steps: list[Step] = [SaveSite(site)]
    create_db: list[Step] = []
    if driver.uses_database:
        db_server, db_name, db_user = site.db_server, site.db_name, site.db_user
        if not (db_server and db_name and db_user):
            raise ValidationError(f"site {site.domain!r} has no database server or names (use new_site)")
        steps.append(GenerateSecret(db_secret(site.domain)))
        create_db.append(CreateDatabase(db_server, db_name, db_user, db_secret(site.domain)))
    steps.append(GenerateSecret(admin_secret(site.domain), 20))
    steps += _secret_steps(ctx, files)
    steps += [
        MakeDir(site.server, ctx.site_dir, 0o751),
        MakeDir(site.server, ctx.files_dir, 0o775),
        MakeDir(site.server, ctx.private_dir, 0o770),
    ]
    steps += create_db
    steps += files
    vhost = vhost_for(ctx, driver)
    steps.append(PublishSite(site.server, vhost))
    steps += driver.install_steps(ctx)
    steps.append(HealthCheck(site.server, site.domain, expect_text=driver.health_text(ctx)))
    final = attrs.evolve(site, status=SiteStatus.ENABLED)
    if want_https:
        from aegir.core.operations import https

        tls_steps, final = https.https_install_steps(env, final, ctx, driver, vhost)
        steps += tls_steps
    steps.append(SaveSite(final, previous=site))
    return _plan(env, "install", site.domain, steps, f"install {site.domain} from codebase {codebase.name}")


def verify_plan(env: OperationEnv, domain: str) -> Plan:
    """Re-render settings and vhost, check the site answers."""
    site = env.store.get_site(domain)
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    ctx = site_context(env, site, codebase)
    custom = env.backend(site.server).site_plan("verify", ctx, driver)
    if custom is not None:
        return _plan(env, "verify", domain, custom)
    from aegir.core.operations.https import published_vhost

    vhost = published_vhost(env, site, ctx, driver)  # with its certificate, when it has one
    steps: list[Step] = [
        MakeDir(site.server, ctx.files_dir, 0o775, new=False),
        MakeDir(site.server, ctx.private_dir, 0o770, new=False),
        *settings_steps(ctx, driver, new=False),
        *driver.verify_steps(ctx),
        PublishSite(site.server, vhost, previous=vhost),
    ]
    if site.status is SiteStatus.DISABLED:
        steps.append(SetMaintenance(site.server, domain, True))
        steps.append(HealthCheck(site.server, domain, expect_status=503))
    else:
        steps.append(HealthCheck(site.server, domain, expect_text=driver.health_text(ctx)))
    return _plan(env, "verify", domain, steps)


def disable_plan(env: OperationEnv, domain: str) -> Plan:
    site = env.store.get_site(domain)
    if site.status is SiteStatus.DISABLED:
        raise ConflictError(f"site {domain!r} is disabled already")
    custom = _backend_plan(env, "disable", site)
    if custom is not None:
        return custom
    steps: list[Step] = [
        SetMaintenance(site.server, domain, True),
        HealthCheck(site.server, domain, expect_status=503),
        SaveSite(attrs.evolve(site, status=SiteStatus.DISABLED), previous=site),
    ]
    return _plan(env, "disable", domain, steps)


def enable_plan(env: OperationEnv, domain: str) -> Plan:
    site = env.store.get_site(domain)
    if site.status is not SiteStatus.DISABLED:
        raise ConflictError(f"site {domain!r} is not disabled (status {site.status.value})")
    custom = _backend_plan(env, "enable", site)
    if custom is not None:
        return custom
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    ctx = site_context(env, site, codebase)
    steps: list[Step] = [
        SetMaintenance(site.server, domain, False),
        HealthCheck(site.server, domain, expect_text=driver.health_text(ctx)),
        SaveSite(attrs.evolve(site, status=SiteStatus.ENABLED), previous=site),
    ]
    return _plan(env, "enable", domain, steps)


def delete_plan(
    env: OperationEnv, domain: str, *, pre_steps: list[Step] | None = None, final_backup: bool = True
) -> Plan:
    """A final backup (kept after the site is gone), then unpublish, drop the database and user,
    remove files and secrets, forget the site."""
    site = env.store.get_site(domain)
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    ctx = site_context(env, site, codebase)
    custom = env.backend(site.server).site_plan("delete", ctx, driver)
    if custom is not None:
        return _plan(env, "delete", domain, custom)
    steps: list[Step] = []
    if final_backup:
        from aegir.core.operations.backups import backup_step

        steps.append(backup_step(env, site))
    steps += pre_steps or []
    # what can be undone first (the site stops being served and listed), then the clean-up that
    # cannot: a failure there is reported and left for the operator, never half rolled back
    from aegir.core.operations.https import certificates_removal, published_vhost

    # undone, the site is served again as it was: over HTTPS with its certificate, when it has one
    steps.append(UnpublishSite(site.server, domain, previous=published_vhost(env, site, ctx, driver)))
    steps.append(ForgetSite(domain, previous=site))
    cleanup_from = len(steps)
    from aegir.core.operations.migrate import blue_drop_steps

    steps += blue_drop_steps(env, domain)  # a migrated site's old copy, kept for rollback
    if driver.uses_database and site.db_server and site.db_name:
        steps.append(DropDatabase(site.db_server, site.db_name, site.db_user))
    steps += driver.remove_steps(ctx)
    steps.append(RemovePath(site.server, ctx.site_dir))
    for f in driver.settings_files(ctx):
        if not f.shared and not f.path.startswith(ctx.site_dir + "/"):
            steps.append(RemovePath(site.server, f.path))
    steps += certificates_removal(env, site)
    steps.append(DeleteSecretTree(f"site/{domain}"))
    plan = _plan(env, "delete", domain, steps)
    return attrs.evolve(plan, cleanup_from=cleanup_from)


def login_reset_plan(env: OperationEnv, domain: str) -> Plan:
    """A new admin password: generated as a new secret, set by the driver, then made current."""
    site = env.store.get_site(domain)
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    pending = f"site/{domain}/admin-next"
    ctx = site_context(env, site, codebase, admin_password_secret=pending)
    custom = env.backend(site.server).site_plan("login-reset", ctx, driver)
    reset = custom if custom is not None else driver.login_reset_steps(ctx)
    if not reset:
        raise ValidationError(f"the {codebase.app} driver cannot reset a login")
    steps: list[Step] = [
        DeleteSecret(pending),
        GenerateSecret(pending, 20),
        *reset,
        PromoteSecret(pending, admin_secret(domain)),
    ]
    return _plan(env, "login-reset", domain, steps)


def _backend_plan(env: OperationEnv, operation: str, site: Site) -> Plan | None:
    """The whole plan from a backend that carries ``operation`` out its own way (Kubernetes)."""
    codebase = env.store.get_codebase(site.codebase)
    driver = env.plugins.driver(codebase.app)
    custom = env.backend(site.server).site_plan(operation, site_context(env, site, codebase), driver)
    return None if custom is None else _plan(env, operation, site.domain, custom)


def _plan(env: OperationEnv, operation: str, target: str, steps: list[Step], summary: str = "") -> Plan:
    extra = env.plugins.plan_extend(operation, target, steps)
    return Plan(operation, target, tuple(steps + extra), summary=summary or f"{operation} {target}")
