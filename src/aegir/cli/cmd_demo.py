"""`aegir demo`: a WordPress site on an Aegir-managed local server, in one command.

Idempotent: each part (server, codebase, site) is created only when missing, so running it again
just starts what is stopped and checks the site. ``--stop`` stops the demo server's services.
"""

from __future__ import annotations

import argparse
import shutil
from typing import TYPE_CHECKING

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp

WORDPRESS = "/usr/share/wordpress"
SERVER = "demo"
CODEBASE = "wordpress"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="install a demo WordPress site on a managed local server")
    p.add_argument("--domain", default="demo.localhost", help="the demo site's domain (default: %(default)s)")
    p.add_argument(
        "--port", type=int, default=8080, help="HTTP port of the demo server (default: %(default)s)"
    )
    p.add_argument(
        "--db-port", type=int, default=3307, help="MariaDB port of the demo server (default: %(default)s)"
    )
    p.add_argument(
        "--wordpress", default=WORDPRESS, help="WordPress tree to copy (default: Debian's, %(default)s)"
    )
    p.add_argument("--stop", action="store_true", help="stop the demo server's services")
    add_json_flag(p)
    p.set_defaults(handler=demo)


def _missing_tools() -> list[str]:
    tools = {"nginx": "nginx", "php-fpm8.2": "php-fpm", "mariadbd": "mariadb-server", "php": "php-cli"}
    return [
        pkg for tool, pkg in tools.items() if shutil.which(tool, path="/usr/sbin:/usr/bin:/sbin:/bin") is None
    ]


def demo(args: argparse.Namespace, app: CliApp) -> int:
    from pathlib import Path

    from aegir.core.errors import NotFoundError, ValidationError
    from aegir.core.model import Server, Service, ServiceType
    from aegir.core.operations import sites

    hosting = app.hosting
    if args.stop:
        try:
            hosting.store.get_server(SERVER)
        except NotFoundError:
            app.info("no demo server: nothing to stop")
            return 0
        for state in hosting.backend(SERVER).stop():
            app.info(f"{state.name}: {'running' if state.running else 'stopped'}")
        return 0

    missing = _missing_tools()
    if missing:
        raise ValidationError(
            f"missing system packages: {', '.join(missing)}; run 'make demo' to install them"
        )
    if not Path(args.wordpress, "wp-includes", "version.php").is_file():
        raise ValidationError(
            f"no WordPress at {args.wordpress!r}: install Debian's 'wordpress' package or pass --wordpress"
        )

    try:
        server = hosting.store.get_server(SERVER)
        app.info(f"server {SERVER}: exists")
    except NotFoundError:
        server = Server(
            SERVER,
            "local",
            [
                Service(ServiceType.NGINX, args.port),
                Service(ServiceType.PHP_FPM),
                Service(ServiceType.MARIADB, args.db_port),
            ],
        )
        hosting.store.add_server(server)
        try:
            hosting.backend(SERVER).setup()
        except Exception:
            hosting.store.remove_server(SERVER)
            raise
        app.info(f"server {SERVER}: created (http port {args.port}, MariaDB port {args.db_port})")
    for state in hosting.backend(SERVER).start():
        app.info(
            f"  {state.name}: {'running' if state.running else 'NOT running'} (pid {state.pid}, port {state.port})"
        )

    try:
        hosting.store.get_codebase(CODEBASE)
        app.info(f"codebase {CODEBASE}: exists")
        hosting.verify_codebase(CODEBASE)
    except NotFoundError:
        hosting.add_codebase(CODEBASE, copy_from=args.wordpress, server=SERVER, progress=app.progress)
        app.info(f"codebase {CODEBASE}: copied from {args.wordpress} and verified")
    codebase = hosting.store.get_codebase(CODEBASE)
    app.info(f"  {codebase.app} {codebase.scan.app_version if codebase.scan else '?'} at {codebase.root}")

    site = hosting.store.find_site(args.domain)
    if site is None:
        site = sites.new_site(hosting, args.domain, CODEBASE, server=SERVER, title="Aegir demo")
        hosting.run(sites.install_plan(hosting, site), progress=app.progress)
        app.info(f"site {args.domain}: installed")
    else:
        hosting.run(sites.verify_plan(hosting, args.domain), progress=app.progress)
        app.info(f"site {args.domain}: exists, verified")
    site = hosting.store.get_site(args.domain)
    from aegir.core.operations._env import admin_secret

    info = {
        "url": hosting.site_url(site),
        "admin_url": hosting.site_url(site) + "wp-admin/",
        "admin_user": site.admin_user,
        "admin_password_file": str(hosting.secrets.path_of(admin_secret(site.domain))),
        "home": str(hosting.home),
    }
    if args.json:
        app.print_json(info)
    else:
        app.print_fields([(k.replace("_", " "), v) for k, v in info.items()])
        app.info("stop it with: aegir demo --stop (or make demo-stop)")
    return 0
