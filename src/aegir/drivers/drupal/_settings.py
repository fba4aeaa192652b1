"""``settings.php`` of a Drupal site (8+ and 7), rendered from a SiteContext.

Secrets never appear: the database password and the hash salt are ``{{secret:NAME}}`` placeholders
inside single-quoted PHP strings, filled in by the runner when the file is written. Secret names:
the database password is ``ctx.db_password_secret``; the hash salt is ``site/<domain>/hash-salt``
(:func:`hash_salt_secret`), which must exist before the file is written (64 characters are plenty).

The file is written to ``<site_dir>/settings.php``; :mod:`._layout` says how Drupal reaches it
(``<docroot>/sites/<name>``, directly or through a link). ``file_public_path`` is the files directory
as Drupal serves it, relative to the docroot; the private files and the config sync directory
(``<private_dir>/config/sync``) are never served (the web rules deny ``/sites/*/private/``).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from aegir.core.app import SiteFile
from aegir.core.errors import ValidationError
from aegir.drivers.drupal._layout import site_layout
from aegir.drivers.drupal._php import php_string, secret_literal

if TYPE_CHECKING:
    from aegir.core.app import SiteContext

__all__ = ["HASH_SALT_LENGTH", "hash_salt_secret", "render_settings", "render_settings7"]

HASH_SALT_LENGTH = 64
_HEADER = """<?php

/**
 * @file
 * Drupal settings of {domain}, written by Aegir.
 *
 * Do not edit: "aegir site verify" writes this file again. Add settings through an Aegir plugin
 * (the aegir_site_settings hook) instead.
 */
"""


def hash_salt_secret(domain: str) -> str:
    """The name of the secret holding a site's hash salt."""
    return f"site/{domain}/hash-salt"


def _database_lines(ctx: SiteContext, array: tuple[str, str]) -> list[str]:
    if not (ctx.db_name and ctx.db_user and ctx.db_password_secret):
        raise ValidationError(
            f"site {ctx.site.domain}: a Drupal settings file needs db_name, db_user and a password secret"
        )
    open_, close = array
    entries = [
        ("driver", php_string("mysql")),
        ("database", php_string(ctx.db_name)),
        ("username", php_string(ctx.db_user)),
        ("password", secret_literal(ctx.db_password_secret)),
        ("host", php_string("localhost" if ctx.db_socket else ctx.db_host)),
        ("port", str(int(ctx.db_port))),
        ("prefix", php_string("")),
    ]
    if ctx.db_socket:
        entries.append(("unix_socket", php_string(ctx.db_socket)))
    body = [f"  {php_string(key)} => {value}," for key, value in entries]
    return [f"$databases['default']['default'] = {open_}", *body, f"{close};"]


def _trusted_hosts(ctx: SiteContext) -> list[str]:
    # domains are validated host names ([a-z0-9.-]): the dot is the only regex metacharacter in them
    patterns = [f"^{d.replace('.', chr(92) + '.')}$" for d in (ctx.site.domain, *ctx.site.aliases)]
    return ["$settings['trusted_host_patterns'] = [", *(f"  {php_string(p)}," for p in patterns), "];"]


def _extra(ctx: SiteContext) -> list[str]:
    if not ctx.extra_settings:
        return []
    return ["", "// Added by Aegir plugins (aegir_site_settings).", *ctx.extra_settings]


def render_settings(ctx: SiteContext, *, legacy_config_directories: bool = False) -> SiteFile:
    """settings.php of a Drupal 8+ site. ``legacy_config_directories`` also writes the
    ``$config_directories`` form that Drupal before 8.8 reads."""
    sync = posixpath.join(ctx.private_dir, "config", "sync")
    lines = [
        _HEADER.format(domain=ctx.site.domain),
        *_database_lines(ctx, ("[", "]")),
        "",
        f"$settings['hash_salt'] = {secret_literal(hash_salt_secret(ctx.site.domain))};",
        *_trusted_hosts(ctx),
        f"$settings['config_sync_directory'] = {php_string(sync)};",
        f"$settings['file_public_path'] = {php_string(site_layout(ctx).public_path)};",
        f"$settings['file_private_path'] = {php_string(ctx.private_dir)};",
        "$settings['update_free_access'] = FALSE;",
        "$settings['file_scan_ignore_directories'] = ['node_modules', 'bower_components'];",
        "$settings['entity_update_batch_size'] = 50;",
        "$settings['entity_update_backup'] = TRUE;",
    ]
    if legacy_config_directories:
        lines.append(f"$config_directories['sync'] = {php_string(sync)};")
    lines += _extra(ctx)
    return SiteFile(
        path=posixpath.join(ctx.site_dir, "settings.php"), content="\n".join(lines) + "\n", mode=0o440
    )


def render_settings7(ctx: SiteContext) -> SiteFile:
    """settings.php of a Drupal 7 site (``array()`` syntax: Drupal 7 still runs on old PHP)."""
    lines = [
        _HEADER.format(domain=ctx.site.domain),
        *_database_lines(ctx, ("array(", ")")),
        "",
        f"$drupal_hash_salt = {secret_literal(hash_salt_secret(ctx.site.domain))};",
        f"$conf['file_public_path'] = {php_string(site_layout(ctx).public_path)};",
        f"$conf['file_private_path'] = {php_string(ctx.private_dir)};",
        "$update_free_access = FALSE;",
        *_extra(ctx),
    ]
    return SiteFile(
        path=posixpath.join(ctx.site_dir, "settings.php"), content="\n".join(lines) + "\n", mode=0o440
    )
