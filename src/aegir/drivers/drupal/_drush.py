"""The drush command lines of a Drupal site's life: install, update, login reset, cache rebuild.

No secret is ever put in an argv list (argv is journaled). The admin password reaches drush through
the environment (``secret_env``: ``AEGIR_ADMIN_PASS``), read back in two ways that need no shell:

- ``site:install`` gets ``--account-pass`` from a drush config file that holds no secret, only a
  reference to the environment: ``command.site.install.options.account-pass: ${env.AEGIR_ADMIN_PASS}``
  (drush 9+, ``drush.yml``) or ``$command_specific['site-install']['account-pass'] =
  getenv('AEGIR_ADMIN_PASS')`` (drush 8, ``drushrc.php``), loaded with ``--config``;
- then, and for every login reset, ``php:eval`` runs a fixed snippet that reads ``getenv()`` and sets
  the password through Drupal's own user API. This also makes the password right if a drush version
  ignored the config file.

Every plan starts by linking ``<docroot>/sites/<domain>`` to the site directory when it lives outside
the codebase (:mod:`._layout`). Drupal 8+ uses the codebase's own drush (``vendor/bin/drush``, run with the server's PHP); Drupal 7
uses that too when the codebase has one, else ``drush`` (8.x) from the PATH.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from aegir.core.errors import ValidationError
from aegir.core.steps import RunCommand, WriteFile
from aegir.drivers.drupal._layout import link_step, site_layout

if TYPE_CHECKING:
    from aegir.core.app import SiteContext
    from aegir.core.steps import Step

__all__ = [
    "ADMIN_PASS_ENV",
    "ADMIN_USER_ENV",
    "SET_PASSWORD_D7",
    "SET_PASSWORD_D8",
    "cache_rebuild_steps",
    "install_steps",
    "login_reset_steps",
    "update_steps",
]

ADMIN_PASS_ENV = "AEGIR_ADMIN_PASS"  # noqa: S105 - the name of a variable, not a password
ADMIN_USER_ENV = "AEGIR_ADMIN_USER"
INSTALL_TIMEOUT = 1800.0

DRUSH_YML = f"""\
# Written by Aegir for "drush site:install"; holds no secret, only a reference to the environment.
command:
  site:
    install:
      options:
        account-pass: '${{env.{ADMIN_PASS_ENV}}}'
"""
DRUSHRC_PHP = f"""\
<?php
// Written by Aegir for "drush site-install"; holds no secret, only a reference to the environment.
$command_specific['site-install']['account-pass'] = getenv('{ADMIN_PASS_ENV}');
"""
SET_PASSWORD_D8 = (
    f"$name = getenv('{ADMIN_USER_ENV}'); $pass = getenv('{ADMIN_PASS_ENV}');"
    " if ($pass === FALSE || $pass === '') { throw new \\RuntimeException('the new password is empty'); }"
    " $found = \\Drupal::entityTypeManager()->getStorage('user')->loadByProperties(['name' => $name]);"
    " $account = reset($found);"
    " if (!$account) { throw new \\RuntimeException('there is no user named ' . $name); }"
    " $account->setPassword($pass); $account->activate(); $account->save();"
    " print 'password of ' . $name . ' set' . PHP_EOL;"
)
SET_PASSWORD_D7 = (
    f"$name = getenv('{ADMIN_USER_ENV}'); $pass = getenv('{ADMIN_PASS_ENV}');"
    " if ($pass === FALSE || $pass === '') { throw new Exception('the new password is empty'); }"
    " $account = user_load_by_name($name);"
    " if (!$account) { throw new Exception('there is no user named ' . $name); }"
    " user_save($account, array('pass' => $pass, 'status' => 1));"
    " print 'password of ' . $name . ' set' . PHP_EOL;"
)


def _drush(ctx: SiteContext, *, drupal7: bool) -> list[str]:
    facts = ctx.codebase.scan.facts if ctx.codebase.scan is not None else {}
    relative = facts.get("drush") or (None if drupal7 else "vendor/bin/drush")
    if relative is None:
        return ["drush"]
    return [ctx.php_binary, posixpath.join(ctx.codebase_root, relative)]


def _command(
    ctx: SiteContext,
    args: list[str],
    label: str,
    *,
    drupal7: bool,
    env: dict[str, str] | None = None,
    secret_env: dict[str, str] | None = None,
    timeout: float = 600.0,
) -> RunCommand:
    argv = [*_drush(ctx, drupal7=drupal7), f"--root={ctx.docroot}", f"--uri={ctx.url}", *args]
    return RunCommand(
        server=ctx.server,
        argv=argv,
        cwd=ctx.codebase_root,
        env=env or {},
        secret_env=secret_env or {},
        timeout=timeout,
        label=label,
    )


def _admin_secret(ctx: SiteContext) -> str:
    if not ctx.admin_password_secret:
        raise ValidationError(f"site {ctx.site.domain}: no admin password secret to install or reset with")
    return ctx.admin_password_secret


def _set_password(ctx: SiteContext, *, drupal7: bool) -> RunCommand:
    args = ["php-eval", SET_PASSWORD_D7] if drupal7 else ["php:eval", SET_PASSWORD_D8]
    return _command(
        ctx,
        args,
        f"set the password of {ctx.site.admin_user} on {ctx.site.domain}",
        drupal7=drupal7,
        env={ADMIN_USER_ENV: ctx.site.admin_user},
        secret_env={ADMIN_PASS_ENV: _admin_secret(ctx)},
    )


def default_profile(ctx: SiteContext) -> str:
    """The profile asked for, else ``standard`` when the codebase has it, else its first one."""
    if ctx.site.profile:
        return ctx.site.profile
    profiles = [
        p for p in (ctx.codebase.scan.profiles if ctx.codebase.scan else ()) if not p.startswith("recipe:")
    ]
    return "standard" if "standard" in profiles or not profiles else profiles[0]


def install_steps(ctx: SiteContext, *, drupal7: bool) -> list[Step]:
    """Install into the (empty) database that settings.php points at; settings are written already."""
    secret = _admin_secret(ctx)
    profile = default_profile(ctx)
    recipe = profile.removeprefix("recipe:") if profile.startswith("recipe:") else None
    if recipe is not None:
        profile = "minimal"
    config_dir = posixpath.join(ctx.private_dir, "drush")
    config = posixpath.join(config_dir, "drushrc.php" if drupal7 else "drush.yml")
    mail = ctx.site.admin_email or f"admin@{ctx.site.domain}"
    options = [
        "--yes",
        f"--sites-subdir={site_layout(ctx).name}",
        f"--site-name={ctx.site.title or ctx.site.domain}",
        f"--account-name={ctx.site.admin_user}",
        f"--account-mail={mail}",
        f"--site-mail={mail}",
    ]
    command = "site-install" if drupal7 else "site:install"
    steps: list[Step] = [
        *link_step(ctx, undo=True),
        WriteFile(ctx.server, config, DRUSHRC_PHP if drupal7 else DRUSH_YML, mode=0o600),
        _command(
            ctx,
            [f"--config={config}", command, profile, *options],
            f"install Drupal ({profile}) on {ctx.site.domain}",
            drupal7=drupal7,
            secret_env={ADMIN_PASS_ENV: secret},
            timeout=INSTALL_TIMEOUT,
        ),
        _set_password(ctx, drupal7=drupal7),
    ]
    if recipe is not None:
        path = posixpath.join(ctx.codebase_root, recipe)
        label = f"apply recipe {recipe} to {ctx.site.domain}"
        steps.append(_command(ctx, ["recipe", path], label, drupal7=False, timeout=INSTALL_TIMEOUT))
        steps.extend(_cache_rebuild(ctx, drupal7=False))
    return steps


def update_steps(ctx: SiteContext, *, drupal7: bool) -> list[Step]:
    """Database updates after a code change, then a cache rebuild."""
    updb = ["updb", "-y"] if drupal7 else ["updatedb", "--yes"]
    return [
        *link_step(ctx, undo=False),  # a migration to a new codebase needs the site linked into it
        _command(
            ctx, updb, f"run database updates of {ctx.site.domain}", drupal7=drupal7, timeout=INSTALL_TIMEOUT
        ),
        *_cache_rebuild(ctx, drupal7=drupal7),
    ]


def _cache_rebuild(ctx: SiteContext, *, drupal7: bool) -> list[Step]:
    args = ["cc", "all"] if drupal7 else ["cache:rebuild"]
    return [_command(ctx, args, f"rebuild the caches of {ctx.site.domain}", drupal7=drupal7)]


def cache_rebuild_steps(ctx: SiteContext, *, drupal7: bool) -> list[Step]:
    """Link the site into its codebase (a copy may sit in a new one), then rebuild the caches."""
    return [*link_step(ctx, undo=False), *_cache_rebuild(ctx, drupal7=drupal7)]


def login_reset_steps(ctx: SiteContext, *, drupal7: bool) -> list[Step]:
    """Set the admin user's password to the secret ``ctx.admin_password_secret`` (and unblock it)."""
    return [*link_step(ctx, undo=False), _set_password(ctx, drupal7=drupal7)]
