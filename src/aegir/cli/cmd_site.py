"""`aegir site`: install, show, list, verify, disable, enable, delete, login-reset, https."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from aegir.cli._app import add_dry_run_flag, add_json_flag, run_plan

if TYPE_CHECKING:
    from aegir.cli._app import CliApp
    from aegir.core.model import Site


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("site", help="sites: installs of a codebase at a domain")
    cmds = parser.add_subparsers(dest="site_command", metavar="ACTION", required=True)

    p = cmds.add_parser("install", help="install a new site")
    p.add_argument("domain")
    p.add_argument("--codebase", required=True)
    p.add_argument("--server", help="web server (default: the codebase's, or the only one)")
    p.add_argument("--db-server", help="database server (default: the web server if it has one)")
    p.add_argument("--profile", help="install profile (Drupal)")
    p.add_argument("--title", help="site title (default: the domain)")
    p.add_argument("--admin-user", default="admin")
    p.add_argument("--admin-email")
    p.add_argument("--alias", action="append", default=[], help="another domain for the site (repeatable)")
    p.add_argument("--admin-password-file", metavar="FILE", help="write the admin password here (mode 0600)")
    p.add_argument(
        "--https",
        action="store_true",
        help="get a certificate from the configured ACME CA and serve the site over HTTPS (docs/https.md)",
    )
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=install)

    p = cmds.add_parser("https", help="turn HTTPS on (certificate from the ACME CA) or off for a site")
    p.add_argument("domain")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--enable", action="store_true", help="obtain a certificate and serve over HTTPS")
    which.add_argument("--disable", action="store_true", help="serve over plain HTTP again")
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=https)

    for name, helptext, handler in (
        ("verify", "re-render settings and vhost, check permissions and health", verify),
        ("disable", "put a site in maintenance (HTTP 503)", disable),
        ("enable", "serve a disabled site again", enable),
        ("delete", "delete a site: database, user, vhost, files", delete),
        ("login-reset", "set a new admin password (stored as a secret)", login_reset),
    ):
        p = cmds.add_parser(name, help=helptext)
        p.add_argument("domain")
        add_json_flag(p)
        add_dry_run_flag(p)
        if name == "login-reset":
            p.add_argument(
                "--admin-password-file", metavar="FILE", help="write the new password here (mode 0600)"
            )
        if name == "delete":
            p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
            p.add_argument(
                "--no-backup",
                action="store_true",
                help="skip the final backup (kept after the site is gone) that delete takes first",
            )
        p.set_defaults(handler=handler)

    p = cmds.add_parser("show", help="show a site")
    p.add_argument("domain")
    add_json_flag(p)
    p.set_defaults(handler=show)

    p = cmds.add_parser("list", help="list sites")
    p.add_argument("--codebase")
    p.add_argument("--server")
    add_json_flag(p)
    p.set_defaults(handler=list_)

    # site commands that live in their own modules: backup/restore/clone, migrate/rollback,
    # and the Kubernetes manifests
    from aegir.cli._site_backup import register_site_backup
    from aegir.cli._site_manifests import register_site_manifests
    from aegir.cli._site_migrate import register_site_migrate

    register_site_backup(cmds)
    register_site_migrate(cmds)
    register_site_manifests(cmds)


def _site_json(app: CliApp, site: Site) -> dict[str, Any]:
    from aegir.core import serialize

    data: dict[str, Any] = serialize.unstructure(site)
    data["url"] = app.hosting.site_url(site)
    return data


def _password_out(app: CliApp, domain: str, path: str | None, *, json_mode: bool) -> dict[str, str]:
    """Hand the admin password over once: to a file the operator chose, else on the terminal only."""
    from aegir.core.operations._env import admin_secret

    name = admin_secret(domain)
    where = str(app.hosting.secrets.path_of(name))
    if path:
        import os

        value = app.hosting.secrets.get(name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(value + "\n")
        return {"admin_password_file": path, "admin_password_secret": where}
    if not json_mode and sys.stdout.isatty():
        sys.stdout.write(f"admin password (shown once): {app.hosting.secrets.get(name)}\n")
    return {"admin_password_secret": where}


def install(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import sites

    site = sites.new_site(
        app.hosting,
        args.domain,
        args.codebase,
        server=args.server,
        db_server=args.db_server,
        profile=args.profile,
        title=args.title,
        admin_user=args.admin_user,
        admin_email=args.admin_email,
        aliases=tuple(args.alias),
        https=args.https,
    )
    task = run_plan(app, sites.install_plan(app.hosting, site))
    if task is None:
        return 0
    site = app.hosting.store.get_site(site.domain)
    info = _site_json(app, site)
    info.update(_password_out(app, site.domain, args.admin_password_file, json_mode=args.json))
    info["task"] = task.id
    if args.json:
        app.print_json(info)
    else:
        app.info(f"site {site.domain} installed")
        app.print_fields(
            [("url", info["url"]), ("admin user", site.admin_user)]
            + [(k.replace("_", " "), v) for k, v in info.items() if k.startswith("admin_password")]
        )
    return 0


def _simple(args: argparse.Namespace, app: CliApp, builder: Any, done: str) -> int:
    task = run_plan(app, builder(app.hosting, args.domain))
    if task is None:
        return 0
    if args.json:
        app.print_json({"domain": args.domain, "task": task.id, "status": task.status.value})
    else:
        app.info(f"site {args.domain} {done} (task {task.id})")
    return 0


def https(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import https as ops

    plan = (ops.enable_plan if args.enable else ops.disable_plan)(app.hosting, args.domain)
    task = run_plan(app, plan)
    if task is None:
        return 0
    site = app.hosting.store.get_site(plan.target)
    info = {"domain": site.domain, "https": site.https, "url": app.hosting.site_url(site), "task": task.id}
    if args.json:
        app.print_json(info)
    else:
        app.info(f"site {site.domain} is served over {'HTTPS' if site.https else 'HTTP'} (task {task.id})")
        app.print_fields([("url", info["url"])])
    return 0


def verify(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import sites

    return _simple(args, app, sites.verify_plan, "verified")


def disable(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import sites

    return _simple(args, app, sites.disable_plan, "disabled")


def enable(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import sites

    return _simple(args, app, sites.enable_plan, "enabled")


def delete(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.errors import ValidationError
    from aegir.core.operations import sites

    if not args.yes and not args.dry_run:
        if not sys.stdin.isatty():
            raise ValidationError(f"deleting {args.domain!r} needs --yes when not run from a terminal")
        answer = input(f"Delete site {args.domain}, its database and files? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            app.info("not deleted")
            return 1

    def plan(env: Any, domain: str) -> Any:
        return sites.delete_plan(env, domain, final_backup=not args.no_backup)

    return _simple(args, app, plan, "deleted")


def login_reset(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import sites

    task = run_plan(app, sites.login_reset_plan(app.hosting, args.domain))
    if task is None:
        return 0
    info = _password_out(app, args.domain, args.admin_password_file, json_mode=args.json)
    info["task"] = task.id
    if args.json:
        app.print_json(info)
    else:
        app.info(f"new admin password for {args.domain} stored")
        app.print_fields([(k.replace("_", " "), v) for k, v in info.items()])
    return 0


def show(args: argparse.Namespace, app: CliApp) -> int:
    site = app.hosting.store.get_site(args.domain)
    info = _site_json(app, site)
    if args.json:
        app.print_json(info)
        return 0
    app.print_fields([(k, v) for k, v in info.items() if v not in (None, [], {}, "")])
    return 0


def list_(args: argparse.Namespace, app: CliApp) -> int:
    sites = app.hosting.store.list_sites(codebase=args.codebase, server=args.server)
    if args.json:
        app.print_json([_site_json(app, s) for s in sites])
        return 0
    app.print_table(
        ["domain", "status", "codebase", "server", "db server", "url"],
        [
            (s.domain, s.status.value, s.codebase, s.server, s.db_server, app.hosting.site_url(s))
            for s in sites
        ],
    )
    return 0
