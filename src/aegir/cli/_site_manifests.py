"""`aegir site manifests DOMAIN`: a Kubernetes site's objects as YAML, for GitOps (kubectl, Argo CD, Flux).

One document per object. Secrets are printed without data: an annotation names the secret each key
comes from, and Aegir fills the values in only when it applies them itself.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aegir.cli._app import CliApp

__all__ = ["register_site_manifests"]

#: operations whose objects can be printed without naming a second site
PRINTABLE = (
    "install",
    "verify",
    "backup",
    "restore",
    "disable",
    "enable",
    "schedule-backups",
    "migrate-finish",
)
HEADER = (
    "# Manifests of {domain} on kubernetes server {server}, rendered by aegir.\n"
    "# Secrets have no data here: aegir fills them in from its secret store when it applies them\n"
    "# (or create them yourself with the keys the aegir.io/keys annotation lists).\n"
)


def register_site_manifests(site_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``manifests`` to the ``aegir site`` command group."""
    p = site_subparsers.add_parser(
        "manifests",
        help="print a Kubernetes site's manifests as YAML (one document per object)",
        description="Print the Kubernetes objects of a site, or of one operation on it, as YAML.",
    )
    p.add_argument("domain")
    p.add_argument("--server", help="render for this kubernetes server (default: the site's own)")
    p.add_argument(
        "--operation",
        choices=PRINTABLE,
        help="print what this operation applies and runs instead (for example backup: its Job)",
    )
    p.add_argument(
        "--backup", dest="backup_id", metavar="ID", help="the backup id, for --operation backup|restore"
    )
    p.add_argument(
        "--with-server", action="store_true", help="also print the server's own objects (database...)"
    )
    p.set_defaults(handler=manifests)


def manifests(args: argparse.Namespace, app: CliApp) -> int:
    import attrs

    from aegir.backends.kubernetes import KubernetesBackend, dump_all
    from aegir.backends.kubernetes._steps import step_manifests
    from aegir.core.backend import BackendEnv
    from aegir.core.errors import ValidationError
    from aegir.core.operations import site_context

    hosting = app.hosting
    site = hosting.store.get_site(args.domain)
    codebase = hosting.store.get_codebase(site.codebase)
    server = hosting.store.get_server(args.server or site.server)
    if server.backend != KubernetesBackend.name:
        raise ValidationError(
            f"server {server.name!r} is a {server.backend} server: manifests are rendered for kubernetes servers "
            "(choose one with --server)"
        )
    if args.server and args.server != site.server:
        # on Kubernetes the database service belongs to the server the site runs on
        site = attrs.evolve(site, server=server.name, db_server=server.name if site.db_server else None)
    backend = KubernetesBackend(server, BackendEnv(home=hosting.home, secrets=hosting.secrets))
    ctx = site_context(hosting, site, codebase)
    driver = hosting.plugins.driver(codebase.app)
    if args.operation:
        steps = backend.site_plan(args.operation, ctx, driver, backup_id=args.backup_id) or []
        objs = step_manifests(steps)
    else:
        objs = backend.site_manifests(ctx, driver)
    if args.with_server:
        objs = backend.server_manifests() + objs
    sys.stdout.write(HEADER.format(domain=site.domain, server=server.name) + dump_all(objs))
    return 0
