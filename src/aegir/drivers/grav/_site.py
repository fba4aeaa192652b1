"""A Grav site on a shared codebase: its own webroot (``user/``, caches) named to Grav by the web server.

Grav 1.7 reads where its pieces are from the environment (``GRAV_ROOT``, ``GRAV_WEBROOT``,
``GRAV_USER_PATH``, ``GRAV_CACHE_PATH``...). Each site's directory is its ``GRAV_WEBROOT``: it holds a
copy of the codebase's ``user/`` skeleton (pages, config, plugins, themes, accounts), its caches and
logs, and a ``system`` link to the codebase's ``system/`` (Grav builds the URLs of system assets from
the webroot). The vhost serves the codebase and maps ``/user/``, ``/assets/`` and ``/images/`` to the
site's directory. Aegir's settings are Grav environment overrides in ``user/env/aegir/config/``.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache
from importlib import resources
from typing import Final

from aegir.core.app import SiteContext, SiteFile, WebRules
from aegir.core.errors import ValidationError
from aegir.core.steps import MakeDir, RemovePath, RunCommand, Step

__all__ = [
    "ENVIRONMENT",
    "install_steps",
    "login_reset_steps",
    "settings_files",
    "site_paths",
    "update_steps",
    "web_rules",
    "yaml_string",
]

#: the Grav environment every Aegir site runs in (its overrides live in user/env/aegir/)
ENVIRONMENT: Final = "aegir"
_RUNTIME_DIRS: Final = ("cache", "logs", "tmp", "backup", "assets", "images")
_ACCOUNT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_PASSWORD_ENV: Final = "AEGIR_ADMIN_PASSWORD"  # noqa: S105  (a variable's name)


def _version_tuple(version: str | None) -> tuple[int, ...]:
    numbers = re.match(r"\d+(?:\.\d+)*", version or "")
    return tuple(int(n) for n in numbers.group(0).split(".")) if numbers else ()


def _check_version(ctx: SiteContext) -> None:
    scan = ctx.codebase.scan
    version = scan.app_version if scan is not None else None
    if version is not None and _version_tuple(version) < (1, 7):
        raise ValidationError(
            f"codebase {ctx.codebase.name!r} is Grav {version}: several sites on one Grav codebase need "
            "Grav 1.7 or newer (GRAV_WEBROOT and the other GRAV_* paths from the environment)"
        )


def _join(*parts: str) -> str:
    return posixpath.normpath(posixpath.join(*parts))


def yaml_string(value: str) -> str:
    """``value`` as a single-quoted YAML scalar."""
    if re.search(r"[\x00-\x1f\x7f]", value):
        raise ValidationError(f"a control character cannot go into a Grav setting: {value!r}")
    return "'" + value.replace("'", "''") + "'"


def _env(ctx: SiteContext) -> dict[str, str]:
    """What Grav reads from the environment, for the web server and for CLI steps alike."""
    site = ctx.site_dir.rstrip("/")
    return {
        "GRAV_ROOT": ctx.codebase_root.rstrip("/"),
        "GRAV_WEBROOT": site,
        "GRAV_USER_PATH": "user",
        "GRAV_SYSTEM_PATH": _join(ctx.codebase_root, "system"),
        "GRAV_CACHE_PATH": f"{site}/cache",
        "GRAV_LOG_PATH": f"{site}/logs",
        "GRAV_TMP_PATH": _join(site, "tmp"),
        "GRAV_BACKUP_PATH": f"{site}/backup",
        "GRAV_ENVIRONMENT": ENVIRONMENT,
    }


def web_rules(ctx: SiteContext) -> WebRules:
    """Grav's own nginx denials, only /index.php runs, the site's folders served from its webroot."""
    _check_version(ctx)
    site = ctx.site_dir.rstrip("/")
    scripts = "txt|xml|md|html|htm|shtml|shtm|json|yaml|yml|php|php2|php3|php4|php5|phar|phtml|pl|py|cgi|twig|sh|bat"
    user_files = "txt|md|json|yaml|yml|php|php2|php3|php4|php5|phar|phtml|pl|py|cgi|twig|sh|bat"
    deny = (
        r"(?i)/(?:\.git|cache|bin|logs|backup|tests|tmp)/",
        rf"(?i)/(?:system|vendor)/.*\.(?:{scripts})$",
        rf"(?i)/user/.*\.(?:{user_files})$",
        r"^/(?:LICENSE\.txt|composer\.(?:lock|json)|nginx\.conf|web\.config|htaccess\.txt|setup\.php)$",
        r"(?:^|/)\.(?!well-known(?:/|$))",  # .htaccess, .git, .dependencies; ACME stays open
        r"(?i)^(?!/index\.php$).*\.(?:php[0-9]?|phtml|phar)$",  # Grav's only entry point is /index.php
    )
    return WebRules(
        front_controller="/index.php",
        php=True,
        deny=deny,
        fastcgi_params=_env(ctx),
        aliases={f"/{name}/": f"{site}/{name}/" for name in ("user", "assets", "images")},
    )


def settings_files(ctx: SiteContext) -> list[SiteFile]:
    """Aegir's overrides of the site's Grav configuration (environment ``aegir``)."""
    _check_version(ctx)
    config = _join(ctx.site_dir, "user", "env", ENVIRONMENT, "config")
    title = ctx.site.title or ctx.site.domain
    https = ctx.url.startswith("https://")
    extra = "\n".join(ctx.extra_settings)
    system = (
        "# Written by Aegir (aegir site verify rewrites it): this site's overrides of user/config/system.yaml.\n"
        "# Extra settings come from plugins' aegir_site_settings hook, at the end.\n"
        "absolute_urls: false\n"
        f"force_ssl: {'true' if https else 'false'}\n"
        "gpm:\n  official_gpm_only: true\n" + (extra + "\n" if extra else "")
    )
    site = (
        f"# Written by Aegir: this site's overrides of user/config/site.yaml.\ntitle: {yaml_string(title)}\n"
    )
    if ctx.site.admin_email:
        site += f"author:\n  email: {yaml_string(ctx.site.admin_email)}\n"
    # Grav writes a salt into security.yaml on its first run unless there is one; the site's
    # config folder is not writable by PHP, so the salt comes from a secret here.
    security = f"# Written by Aegir.\nsalt: '{{{{secret:site/{ctx.site.domain}/grav-salt}}}}'\n"
    return [
        SiteFile(_join(config, "system.yaml"), system, 0o440),
        SiteFile(_join(config, "site.yaml"), site, 0o440),
        SiteFile(_join(config, "security.yaml"), security, 0o440),
    ]


@lru_cache(maxsize=1)
def account_script() -> str:
    return resources.files("aegir.drivers.grav").joinpath("account.php").read_text(encoding="utf-8")


def _account_step(ctx: SiteContext, *, reset: bool) -> RunCommand:
    user = ctx.site.admin_user
    if not _ACCOUNT_NAME.fullmatch(user):
        raise ValidationError(
            f"invalid Grav account name {user!r}: use lower-case letters, digits, '_' or '-'"
        )
    if not ctx.admin_password_secret:
        raise ValidationError(f"site {ctx.site.domain!r}: no admin password secret")
    params = {
        "email": ctx.site.admin_email or f"{user}@{ctx.site.domain}",
        "fullname": "Administrator",
        "reset": reset,
    }
    return RunCommand(
        server=ctx.server,
        argv=(ctx.php_binary, "-d", "display_errors=stderr", "-d", "log_errors=0"),
        cwd=ctx.site_dir,
        env={
            "AEGIR_GRAV_ACCOUNT": _join(ctx.site_dir, "user", "accounts", f"{user}.yaml"),
            "AEGIR_GRAV_PARAMS": json.dumps(params, sort_keys=True),
        },
        secret_env={_PASSWORD_ENV: ctx.admin_password_secret},
        stdin=account_script(),
        timeout=120.0,
        label=f"{'set the password of' if reset else 'create'} the Grav admin account {user} ({ctx.site.domain})",
    )


def _has_accounts(ctx: SiteContext) -> bool:
    """Whether the codebase has the plugins that log users in (login, admin)."""
    scan = ctx.codebase.scan
    return scan is not None and any(
        e.type == "plugin" and e.name in ("login", "admin") for e in scan.extensions
    )


def _system_link(ctx: SiteContext) -> RunCommand:
    link = _join(ctx.site_dir, "system")
    return RunCommand(
        server=ctx.server,
        argv=("ln", "-sfn", _join(ctx.codebase_root, "system"), link),
        label=f"link {link} to the codebase's system folder",
        undo=RunCommand(server=ctx.server, argv=("rm", "-f", link), label=f"remove the link {link}"),
    )


def install_steps(ctx: SiteContext) -> list[Step]:
    """The site's webroot: folders, a copy of the codebase's user/ skeleton, the system link, the admin."""
    _check_version(ctx)
    scan = ctx.codebase.scan
    if scan is not None and "user_dir" not in scan.facts:
        raise ValidationError(
            f"codebase {ctx.codebase.name!r} has no user/ folder to copy: a Grav site needs its pages and a theme"
        )
    user = _join(ctx.site_dir, "user")
    steps: list[Step] = [MakeDir(ctx.server, _join(ctx.site_dir, name), 0o770) for name in _RUNTIME_DIRS]
    steps.append(MakeDir(ctx.server, user, 0o770))
    steps.append(
        RunCommand(
            server=ctx.server,
            # -n: never overwrite what is there already (Aegir's settings in user/env/aegir/)
            argv=("cp", "-R", "-L", "-n", "--", _join(ctx.codebase_root, "user") + "/.", user + "/"),
            label=f"copy the codebase's user/ skeleton into {user}",
            undo=RunCommand(server=ctx.server, argv=("rm", "-rf", "--", user), label=f"remove {user}"),
        )
    )
    steps.append(_system_link(ctx))
    if _has_accounts(ctx):
        steps.append(_account_step(ctx, reset=False))
    return steps


def update_steps(ctx: SiteContext) -> list[Step]:
    """After a code change: point the system link at the (new) codebase and drop compiled caches."""
    _check_version(ctx)
    cache = _join(ctx.site_dir, "cache")
    return [_system_link(ctx), RemovePath(ctx.server, cache), MakeDir(ctx.server, cache, 0o770, new=False)]


def login_reset_steps(ctx: SiteContext) -> list[Step]:
    return [_account_step(ctx, reset=True)]


def site_paths(ctx: SiteContext) -> list[str]:
    """The site's user/ folder: pages, accounts, config, its plugins and themes (the rest is cache)."""
    return [_join(ctx.site_dir, "user")]
