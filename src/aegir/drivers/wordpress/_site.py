"""A WordPress site on a shared codebase: where its pieces are, how it is served, its settings files.

The codebase's layout comes from its last scan (``facts``: ``core_dir``, ``content_dir``,
``wp_config``); URLs and paths come from the :class:`~aegir.core.app.SiteContext`.
"""

from __future__ import annotations

import posixpath
import re
from typing import Final
from urllib.parse import urlsplit

from attrs import frozen

from aegir.core.app import SiteContext, SiteFile, WebRules
from aegir.core.errors import ConflictError, ValidationError
from aegir.drivers.wordpress._scan import config_location
from aegir.drivers.wordpress._siteconfig import (
    CONFIG_PARAM,
    SiteConfig,
    render_shim,
    render_site_config,
)

__all__ = ["SiteLayout", "db_host", "settings_files", "site_layout", "web_rules"]

_REPLACEABLE_CONFIGS: Final = frozenset({"absent", "aegir", "debian", "bedrock"})
_TRUE: Final = frozenset({"1", "on", "true", "yes"})


@frozen
class SiteLayout:
    """Absolute paths of one site's WordPress, and the URL paths of core and content."""

    core: str  # ABSPATH, without the trailing slash
    content: str  # WP_CONTENT_DIR
    site_config: str  # the site's own wp-config.php
    shim: str  # the codebase's selector wp-config.php
    home: str  # the site's URL without a trailing slash
    core_url: str  # "" or "/wp": where core is below the docroot
    content_url: str  # "/wp-content" or "/app"
    composer: bool
    table_prefix: str


def _join(*parts: str) -> str:
    return posixpath.normpath(posixpath.join(*parts))


def _url_path(target: str, docroot: str, what: str) -> str:
    rel = posixpath.relpath(target, docroot) if docroot != "." else posixpath.normpath(target)
    if rel == ".":
        return ""
    if rel.startswith("../") or rel == "..":
        raise ValidationError(
            f"the WordPress {what} folder {target!r} is outside the docroot {docroot!r}: it cannot be served"
        )
    return "/" + rel


def site_layout(ctx: SiteContext) -> SiteLayout:
    """Where the site's WordPress pieces are.

    :raises ValidationError: the codebase has no WordPress core, or its content is not servable.
    :raises ConflictError: the codebase has a wp-config.php of its own that Aegir must not replace.
    """
    scan = ctx.codebase.scan
    facts = scan.facts if scan is not None else {}
    docroot = ctx.codebase.docroot
    if facts.get("layout") == "wp-content" or (scan is not None and "core_dir" not in facts):
        raise ValidationError(
            f"codebase {ctx.codebase.name!r} has no WordPress core (a wp-content folder only): "
            "a site cannot be installed from it"
        )
    core = facts.get("core_dir", docroot)
    content = facts.get("content_dir", _join(core, "wp-content"))
    kind = facts.get("wp_config", "absent")
    shim_rel = facts.get("wp_config_path", config_location(core, docroot))
    if kind not in _REPLACEABLE_CONFIGS:
        raise ConflictError(
            f"codebase {ctx.codebase.name!r} has a wp-config.php of its own ({shim_rel}); Aegir puts its "
            "shared selector wp-config.php there and will not overwrite another one. Move it away (keep "
            "what it sets as site settings), then run 'aegir codebase verify'. See docs/wordpress.md."
        )
    if (ctx.codebase_root.rstrip("/") + "/").startswith("/usr/"):
        raise ConflictError(
            f"codebase {ctx.codebase.name!r} is under /usr ({ctx.codebase_root}), which the system's packages "
            "own: Aegir would have to replace its wp-config.php, and a package upgrade would put it back. "
            "Register a copy instead: aegir codebase add NAME --copy-from " + ctx.codebase_root
        )
    prefix = ctx.site.options.get("wp_table_prefix", "wp_")
    return SiteLayout(
        core=_join(ctx.codebase_root, core),
        content=_join(ctx.codebase_root, content),
        site_config=_join(ctx.site_dir, "wp-config.php"),
        shim=_join(ctx.codebase_root, shim_rel),
        home=ctx.url.rstrip("/"),
        core_url=_url_path(core, docroot, "core"),
        content_url=_url_path(content, docroot, "content"),
        composer=facts.get("layout") == "composer",
        table_prefix=prefix,
    )


def db_host(ctx: SiteContext) -> str:
    """``DB_HOST`` as wpdb reads it: ``localhost:/path/to.sock``, ``host:port`` or ``[v6]:port``."""
    if ctx.db_socket:
        return f"localhost:{ctx.db_socket}"
    host = f"[{ctx.db_host}]" if ":" in ctx.db_host else ctx.db_host
    return f"{host}:{ctx.db_port}"


def settings_files(ctx: SiteContext) -> list[SiteFile]:
    """The site's wp-config.php (secrets as placeholders) and the codebase's shared selector."""
    if not (ctx.db_name and ctx.db_user and ctx.db_password_secret):
        raise ValidationError(f"site {ctx.site.domain!r} has no database name, user or password secret")
    layout = site_layout(ctx)
    config = SiteConfig(
        domain=ctx.site.domain,
        db_name=ctx.db_name,
        db_user=ctx.db_user,
        db_password_secret=ctx.db_password_secret,
        db_host=db_host(ctx),
        home=layout.home,
        siteurl=layout.home + layout.core_url,
        abspath=layout.core,
        content_dir=layout.content,
        content_url=layout.home + layout.content_url,
        files_dir=ctx.files_dir.rstrip("/"),
        uploads_url=layout.home + layout.content_url + "/uploads",
        site_dir=ctx.site_dir,
        table_prefix=layout.table_prefix,
        extra=ctx.extra_settings,
        autoload=_join(ctx.codebase_root, "vendor/autoload.php") if layout.composer else None,
    )
    return [
        SiteFile(layout.site_config, render_site_config(config), 0o440),
        SiteFile(layout.shim, render_shim(), 0o644, shared=True),
    ]


def web_rules(ctx: SiteContext) -> WebRules:
    """Front controller, the site's own config named to PHP, its uploads served from its own
    folder without PHP, and WordPress's hardening denials."""
    layout = site_layout(ctx)
    core = re.escape(layout.core_url)
    content = re.escape(layout.content_url)
    deny = [
        r"(?:^|/)wp-config(?:-sample)?\.php$",
        r"(?:^|/)\.(?!well-known(?:/|$))",  # .htaccess, .git, .env; ACME's /.well-known/ stays open
        rf"^{core}/(?:readme\.html|license\.txt)$",
        rf"^{core}/wp-admin/(?:install|setup-config)\.php$",  # installs run from the CLI only
        rf"^{core}/wp-admin/includes/",
        rf"^{core}/wp-includes/[^/]+\.php$",
        rf"^{core}/wp-includes/js/tinymce/langs/.+\.php$",
        rf"^{core}/wp-includes/theme-compat/",
        rf"(?i)^{content}/uploads/.*\.(?:php[0-9]?|phtml|phar|pht)$",
        rf"^{content}/(?:debug\.log|upgrade/|backup-db/)",
        r"^/(?:composer\.(?:json|lock)|auth\.json|package(?:-lock)?\.json)$",
        r"^/vendor/",
    ]
    if ctx.site.options.get("wp_xmlrpc", "").lower() not in _TRUE:
        deny.append(rf"^{core}/xmlrpc\.php$")  # off unless the site option wp_xmlrpc=on: a brute-force target
    uploads = layout.content_url + "/uploads/"
    return WebRules(
        front_controller="/index.php",
        php=True,
        deny=tuple(deny),
        fastcgi_params={CONFIG_PARAM: layout.site_config},
        aliases={uploads: ctx.files_dir.rstrip("/") + "/"},
    )


def check_url(url: str, what: str) -> tuple[str, str]:
    """``url`` without its trailing slash, and its host[:port].

    :raises ValidationError: not an http(s) URL with a host.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or "\x00" in url or " " in url:
        raise ValidationError(f"invalid {what} {url!r}: expected an http:// or https:// URL")
    return url.rstrip("/"), parts.netloc
