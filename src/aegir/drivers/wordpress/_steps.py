"""The steps that run WordPress's own PHP on a site: install, database upgrade, password, URL change.

Each is a :class:`~aegir.core.steps.RunCommand` of the server's PHP CLI reading a script from stdin
(``prelude.php`` then the task's script, both shipped with this package). Parameters travel in the
environment; the admin password only as ``secret_env``, so it is in neither the plan nor argv.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from aegir.core.app import SiteContext
from aegir.core.errors import ValidationError
from aegir.core.steps import RunCommand, Step
from aegir.drivers.wordpress._site import check_url, site_layout

__all__ = [
    "PERMALINKS",
    "domain_fixup_steps",
    "install_steps",
    "login_reset_steps",
    "php_script",
    "update_steps",
    "url_pairs",
]

#: the permalink structure a new site gets (the vhost sends unknown paths to index.php)
PERMALINKS: Final = "/%year%/%monthnum%/%day%/%postname%/"
PASSWORD_ENV: Final = "AEGIR_ADMIN_PASSWORD"  # noqa: S105  (the name of a variable, not a password)


@lru_cache(maxsize=8)
def php_script(name: str) -> str:
    """``prelude.php`` followed by the script ``name`` (one PHP program for ``php`` on stdin)."""
    here = resources.files("aegir.drivers.wordpress")
    prelude = here.joinpath("prelude.php").read_text(encoding="utf-8")
    body = here.joinpath(name).read_text(encoding="utf-8").removeprefix("<?php")
    return prelude.rstrip() + "\n\n/* ---- " + name + " ---- */\n" + body


def _php(
    ctx: SiteContext, script: str, params: dict[str, Any], label: str, *, password: bool = False
) -> RunCommand:
    layout = site_layout(ctx)
    secret_env: dict[str, str] = {}
    if password:
        if not ctx.admin_password_secret:
            raise ValidationError(f"site {ctx.site.domain!r}: no admin password secret to {label}")
        secret_env[PASSWORD_ENV] = ctx.admin_password_secret
    return RunCommand(
        server=ctx.server,
        argv=(ctx.php_binary, "-d", "display_errors=stderr", "-d", "log_errors=0", "-d", "memory_limit=512M"),
        cwd=layout.core,
        env={
            "AEGIR_WP_CORE": layout.core,
            "AEGIR_WP_CONFIG": layout.site_config,
            "AEGIR_WP_URL": ctx.url,
            "AEGIR_WP_PARAMS": json.dumps(params, ensure_ascii=False, sort_keys=True),
        },
        secret_env=secret_env,
        stdin=php_script(script),
        timeout=1800.0 if script == "replace_urls.php" else 600.0,
        label=f"{label} ({ctx.site.domain})",
    )


def install_steps(ctx: SiteContext) -> list[Step]:
    site = ctx.site
    params = {
        "title": site.title or site.domain,
        "admin_user": site.admin_user,
        "admin_email": site.admin_email or f"{site.admin_user}@{site.domain}",
        "language": site.options.get("wp_language", ""),
        "permalink_structure": site.options.get("wp_permalinks", PERMALINKS),
    }
    return [_php(ctx, "install.php", params, "install WordPress with wp_install()", password=True)]


def update_steps(ctx: SiteContext) -> list[Step]:
    return [_php(ctx, "upgrade.php", {}, "upgrade the WordPress database with wp_upgrade()")]


def login_reset_steps(ctx: SiteContext) -> list[Step]:
    params = {"admin_user": ctx.site.admin_user}
    return [
        _php(ctx, "set_password.php", params, "set the admin password with wp_set_password()", password=True)
    ]


def url_pairs(old_url: str, new_url: str) -> tuple[list[tuple[str, str]], str]:
    """The (old, new) texts to replace, in order, and a text every old form contains.

    The whole URL first (it carries a scheme change), then ``//host[:port]`` for the other schemes
    and protocol-relative links, each also in the JSON-escaped form (``http:\\/\\/host``) that
    block and page-builder data use.
    """
    old, old_host = check_url(old_url, "old URL")
    new, new_host = check_url(new_url, "new URL")
    pairs: list[tuple[str, str]] = []
    if old != new:
        pairs.append((old, new))
    if old_host != new_host:
        pairs.append(("//" + old_host, "//" + new_host))
    pairs += [(a.replace("/", "\\/"), b.replace("/", "\\/")) for a, b in list(pairs)]
    return pairs, old_host


def domain_fixup_steps(ctx: SiteContext, old_url: str) -> list[Step]:
    """Replace ``old_url`` with the site's URL in every table, serialized values included; the
    posts' ``guid`` stays (WordPress: a guid never changes); ``home``/``siteurl`` are set."""
    pairs, needle = url_pairs(old_url, ctx.url)
    if not pairs:
        return []
    layout = site_layout(ctx)
    params = {
        "pairs": pairs,
        "needle": needle,
        "skip": [f"{layout.table_prefix}posts.guid"],
        "home": layout.home,
        "siteurl": layout.home + layout.core_url,
        "options_table": f"{layout.table_prefix}options",
    }
    return [_php(ctx, "replace_urls.php", params, f"replace {old_url} with {ctx.url} in the database")]
