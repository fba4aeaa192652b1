"""A site as the Kubernetes renderers see it: one flat, frozen value built from the SiteContext.

:func:`build_spec` is the only place that asks the driver anything (settings, web rules, paths);
the renderers are pure functions of a :class:`SiteSpec` and the server's options, which is what
lets ``aegir site manifests`` print them without a cluster, and the benchmark time them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs
from attrs import frozen

from aegir.backends.kubernetes import _naming
from aegir.backends.kubernetes._settings import (
    SecretKey,
    SettingsFile,
    file_key,
    rewrite_settings,
    secret_keys,
    secret_refs,
)
from aegir.core.errors import ValidationError

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.core.app import AppDriver, SiteContext, WebRules
    from aegir.core.steps import Step

__all__ = [
    "OPTION_PREFIX",
    "PLACEMENT_KEYS",
    "SCHEDULE_KEY",
    "SITES_ROOT",
    "DbSpec",
    "SiteSpec",
    "build_spec",
    "kube_context",
    "site_option",
    "with_step_secrets",
]

#: where site volumes are mounted in pods (the Backend's ``sites_root``)
SITES_ROOT = "/var/aegir/sites"
OPTION_PREFIX = "kubernetes."
#: the site options the backend records at install to find the site's objects again (where it
#: lives on the cluster), each ``OPTION_PREFIX`` + key: another site (a clone) must never inherit them
PLACEMENT_KEYS = ("namespace", "slug", "track", "db_base")
#: the site option holding the cron schedule of the site's backup CronJob, as Aegir applied it
SCHEDULE_KEY = OPTION_PREFIX + "backup_schedule"


def site_option(ctx: SiteContext, key: str) -> str | None:
    """A ``kubernetes.*`` option recorded on the site (namespace, slug, track...)."""
    return ctx.site.options.get(OPTION_PREFIX + key)


@frozen
class DbSpec:
    host: str
    port: int
    base: str
    name: str
    user: str
    password_key: str


@frozen
class SiteSpec:
    """Everything the renderers need about one track of one site."""

    server: str
    domain: str
    aliases: tuple[str, ...]
    https: bool
    app: str
    app_version: str | None
    codebase: str
    image: str
    slug: str
    namespace: str
    prefix: str
    track: str
    replicas: int
    code_root: str
    docroot: str
    site_dir: str
    extra_mounts: tuple[tuple[str, str], ...]
    settings: tuple[SettingsFile, ...]
    secrets: tuple[SecretKey, ...]
    rules: WebRules
    php: bool
    db: DbSpec | None
    health_text: str | None

    def name(self, base: str) -> str:
        """The name of one of this site's objects (prefixed in a shared namespace)."""
        return _naming.fit(self.prefix + base)

    def tracked(self, base: str, track: str | None = None) -> str:
        return self.name(f"{base}-{track or self.track}")

    def secret_key(self, secret: str) -> str:
        for key in self.secrets:
            if key.secret == secret:
                return key.key
        raise ValidationError(f"secret {secret!r} is not one of the secrets of site {self.domain!r}")


def _remapper(ctx: SiteContext, code_root: str) -> Callable[[str], str]:
    """Paths of the SiteContext as they are in the pod: under the codebase root -> the same place
    under ``code_root`` in the image; under the site directory -> under ``/var/aegir/sites/DOMAIN``."""
    root = posixpath.normpath(ctx.codebase_root)
    site = posixpath.normpath(ctx.site_dir)
    own = f"{SITES_ROOT}/{ctx.site.domain}"

    def remap(path: str) -> str:
        p = posixpath.normpath(path)
        if p == root or p.startswith(root + "/"):
            return code_root + p[len(root) :]
        if p == site or p.startswith(site + "/"):
            return own + p[len(site) :]
        return f"{own}/{posixpath.basename(p)}"

    return remap


def kube_context(ctx: SiteContext, opts: ClusterOptions, db_name: str | None) -> SiteContext:
    """``ctx`` with the paths and endpoints a site has inside its pods (see :func:`_remapper`)."""
    code_root = str(opts["code_root"])
    remap = _remapper(ctx, code_root)
    docroot_rel = ctx.codebase.docroot
    docroot = code_root if docroot_rel == "." else f"{code_root}/{docroot_rel}"
    return attrs.evolve(
        ctx,
        codebase_root=code_root,
        docroot=docroot,
        site_dir=remap(ctx.site_dir),
        files_dir=remap(ctx.files_dir),
        private_dir=remap(ctx.private_dir),
        db_host=opts.db_host,
        db_port=int(opts["db_port"]),
        db_socket=None,
        db_name=db_name,
        php_binary="php",
    )


def _namespace(ctx: SiteContext, opts: ClusterOptions, slug: str) -> tuple[str, str]:
    recorded = site_option(ctx, "namespace")
    if opts.shared_namespace:
        return recorded or str(opts["namespace"]), f"site-{slug}-"
    return recorded or _naming.fit(str(opts["namespace_prefix"]) + slug), ""


def _mounts(site_dir: str, paths: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Paths a driver keeps outside the site directory get a sub-directory of the same volume."""
    out: list[tuple[str, str]] = []
    for path in paths:
        clean = path.rstrip("/")
        if clean == site_dir or clean.startswith(site_dir + "/"):
            continue
        out.append((clean, "_extra/" + file_key(clean)))
    return tuple(out)


def build_spec(
    ctx: SiteContext,
    driver: AppDriver,
    opts: ClusterOptions,
    *,
    track: str | None = None,
) -> tuple[SiteSpec, SiteContext]:
    """The spec of one track of ``ctx``'s site, and the SiteContext the driver saw for it."""
    site, codebase = ctx.site, ctx.codebase
    if not codebase.image:
        raise ValidationError(
            f"codebase {codebase.name!r} has no container image: on Kubernetes a codebase runs as an image; "
            "register it with 'aegir codebase add NAME --path PATH --image REF'"
        )
    track = track or site_option(ctx, "track") or _naming.TRACKS[0]
    if track not in _naming.TRACKS:
        raise ValidationError(f"site {site.domain!r}: invalid kubernetes.track {track!r} (blue or green)")
    slug = site_option(ctx, "slug") or _naming.slug_for(site.domain)
    namespace, prefix = _namespace(ctx, opts, slug)
    base_db = site_option(ctx, "db_base") or ctx.db_name
    db_name = _naming.track_db_name(base_db, track) if base_db and driver.uses_database else None
    kctx = kube_context(ctx, opts, db_name)
    files = driver.settings_files(kctx)
    php_names = [kctx.db_password_secret] if kctx.db_password_secret else []
    for f in files:
        php_names += secret_refs(f.content)
    names = [*php_names, *([kctx.admin_password_secret] if kctx.admin_password_secret else [])]
    keys = secret_keys(names, site.domain, php_names)
    settings = tuple(rewrite_settings(f.path, f.content, keys, f.mode) for f in files)
    replicas_opt = site_option(ctx, "replicas")
    replicas = int(opts["replicas"]) if replicas_opt is None else _replicas(site.domain, replicas_opt)
    rules = driver.web_rules(kctx)
    db = None
    if db_name and kctx.db_user and kctx.db_password_secret:
        db = DbSpec(
            opts.db_host,
            int(opts["db_port"]),
            str(base_db),
            db_name,
            kctx.db_user,
            keys[kctx.db_password_secret].key,
        )
    spec = SiteSpec(
        server=opts.server,
        domain=site.domain,
        aliases=site.aliases,
        https=site.https,
        app=codebase.app,
        app_version=codebase.scan.app_version if codebase.scan else None,
        codebase=codebase.name,
        image=codebase.image,
        slug=slug,
        namespace=namespace,
        prefix=prefix,
        track=track,
        replicas=replicas,
        code_root=kctx.codebase_root,
        docroot=kctx.docroot,
        site_dir=kctx.site_dir,
        extra_mounts=_mounts(kctx.site_dir, driver.site_paths(kctx)),
        settings=settings,
        secrets=tuple(keys.values()),
        rules=rules,
        php=rules.php,
        db=db,
        health_text=driver.health_text(kctx),
    )
    return spec, kctx


def _replicas(domain: str, value: str) -> int:
    if not value.isdigit() or int(value) > 100:
        raise ValidationError(f"site {domain!r}: invalid kubernetes.replicas {value!r} (0 to 100)")
    return int(value)


def with_step_secrets(spec: SiteSpec, steps: Iterable[Step]) -> SiteSpec:
    """``spec`` with a Secret key for every secret that driver steps (run in Jobs) refer to."""
    names = [k.secret for k in spec.secrets]
    for step in steps:
        names += _step_secrets(step)
    keys = secret_keys(names, spec.domain, [k.secret for k in spec.secrets if k.env])
    if len(keys) == len(spec.secrets):
        return spec
    return attrs.evolve(spec, secrets=tuple(keys.values()))


def _step_secrets(step: Step) -> list[str]:
    names: list[str] = []
    secret_env = getattr(step, "secret_env", None)
    if isinstance(secret_env, dict):
        names += [str(v) for v in secret_env.values()]
    for attr in ("stdin", "content"):
        text = getattr(step, attr, None)
        if isinstance(text, str):
            names += secret_refs(text)
    return names
