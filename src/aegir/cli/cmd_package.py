"""`aegir package where NAME`: which codebases and sites carry a package or extension."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("package", help="packages and extensions across codebases")
    cmds = parser.add_subparsers(dest="package_command", metavar="ACTION", required=True)
    p = cmds.add_parser("where", help="which codebases (and their sites) carry a package or extension")
    p.add_argument("name", help="a package (drupal/token) or extension (token) name")
    add_json_flag(p)
    p.set_defaults(handler=where)


def where(args: argparse.Namespace, app: CliApp) -> int:
    uses = app.hosting.store.where_package(args.name)
    if args.json:
        app.print_json(uses)
        return 0 if uses else 3
    if not uses:
        app.error(f"no codebase carries {args.name!r}")
        return 3
    app.print_table(
        ["codebase", "unit", "name", "version", "type", "sites"],
        [(u.codebase, u.unit, u.name, u.version, u.type, ", ".join(u.sites)) for u in uses],
    )
    return 0
