"""`aegir codebase`: scan a tree, add codebases to the inventory, verify them, list and show."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from aegir.cli._app import add_dry_run_flag, add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("codebase", help="codebases: application trees that sites share")
    cmds = parser.add_subparsers(dest="codebase_command", metavar="ACTION", required=True)

    p = cmds.add_parser("scan", help="scan a tree (no inventory needed): application, packages, extensions")
    p.add_argument("path")
    p.add_argument("--app", help="skip detection: scan as this application")
    add_json_flag(p)
    p.set_defaults(handler=scan)

    p = cmds.add_parser(
        "add", help="add a codebase: in place (--path), copied (--copy-from) or cloned (--git)"
    )
    p.add_argument("name")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--path", help="register this tree where it is")
    src.add_argument("--copy-from", metavar="PATH", help="copy this tree onto the server (following links)")
    src.add_argument("--git", metavar="URL", help="clone this repository onto the server")
    p.add_argument("--ref", help="branch or tag to clone (with --git)")
    p.add_argument("--server", help="server to put the codebase on (default: the only one)")
    p.add_argument("--app", help="skip detection: treat as this application")
    p.add_argument("--image", help="container image that runs this codebase (Kubernetes)")
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=add)

    p = cmds.add_parser("verify", help="scan a codebase again and show what changed")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=verify)

    p = cmds.add_parser("list", help="list codebases")
    add_json_flag(p)
    p.set_defaults(handler=list_)

    p = cmds.add_parser("show", help="show a codebase and its packages")
    p.add_argument("name")
    add_json_flag(p)
    p.set_defaults(handler=show)

    p = cmds.add_parser("remove", help="remove a codebase from the inventory (no site may use it)")
    p.add_argument("name")
    p.set_defaults(handler=remove)

    from aegir.cli._codebase_backup import register_codebase_backup  # `codebase backup`, in its own module

    register_codebase_backup(cmds)


def _scan_json(scan: Any) -> dict[str, Any]:
    from aegir.core import serialize

    data: dict[str, Any] = serialize.plain(scan)
    data.pop("facts", None)
    for ext in data["extensions"]:
        ext.pop("hidden", None)
    return data


def scan(args: argparse.Namespace, app: CliApp) -> int:
    from pathlib import Path

    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase

    result = scan_codebase(Path(args.path), Plugins(), args.app)
    if args.json:
        import json
        import sys

        # one line: json's C encoder only runs without indent, and scripts do not need the layout
        sys.stdout.write(json.dumps(_scan_json(result), ensure_ascii=False) + "\n")
        return 0
    _print_scan(app, result)
    return 0


def _print_scan(app: CliApp, result: Any) -> None:
    app.print_fields(
        [
            ("application", result.app),
            ("version", result.app_version),
            ("docroot", result.docroot),
            ("packages", len(result.packages)),
            ("extensions", len(result.extensions)),
            ("profiles", ", ".join(result.profiles)),
        ]
    )
    for warning in result.warnings:
        app.info(f"warning: {warning}")


def add(args: argparse.Namespace, app: CliApp) -> int:
    result = app.hosting.add_codebase(
        args.name,
        path=args.path,
        copy_from=args.copy_from,
        git=args.git,
        ref=args.ref,
        server=args.server,
        app=args.app,
        image=args.image,
        progress=app.progress,
        dry_run=args.dry_run,
    )
    from aegir.core.plan import Plan

    if isinstance(result, Plan):
        import sys

        sys.stdout.write("\n".join([f"plan: {result.summary}", *result.describe()]) + "\n")
        return 0
    if args.json:
        app.print_json(result)
    else:
        app.info(
            f"codebase {result.name} added: {result.app} {result.scan.app_version if result.scan else ''}"
        )
        app.print_fields([("name", result.name), ("root", result.root), ("app", result.app)])
    return 0


def verify(args: argparse.Namespace, app: CliApp) -> int:
    codebase, diff = app.hosting.verify_codebase(args.name)
    if args.json:
        from aegir.core import serialize

        app.print_json({"codebase": serialize.unstructure(codebase), "changes": serialize.unstructure(diff)})
        return 0
    app.info(f"codebase {codebase.name} verified at {codebase.verified_at}")
    if diff is None or not diff.changed:
        app.info("no change since the last verify")
        return 0
    groups = (
        ("added", diff.added),
        ("removed", diff.removed),
        ("upgraded", diff.upgraded),
        ("downgraded", diff.downgraded),
        ("changed (unordered)", diff.unordered),
    )
    rows = [(label, c.unit, c.name, c.old, c.new) for label, changes in groups for c in changes]
    app.print_table(["change", "unit", "name", "was", "now"], rows)
    return 0


def list_(args: argparse.Namespace, app: CliApp) -> int:
    codebases = app.hosting.store.list_codebases()
    if args.json:
        app.print_json(codebases)
        return 0
    app.print_table(
        ["name", "app", "version", "packages", "extensions", "verified", "root"],
        [
            (
                c.name,
                c.app,
                c.scan.app_version if c.scan else None,
                len(c.scan.packages) if c.scan else 0,
                len(c.scan.extensions) if c.scan else 0,
                c.verified_at.strftime("%Y-%m-%d %H:%M") if c.verified_at else None,
                c.root,
            )
            for c in codebases
        ],
    )
    return 0


def show(args: argparse.Namespace, app: CliApp) -> int:
    codebase = app.hosting.store.get_codebase(args.name)
    if args.json:
        app.print_json(codebase)
        return 0
    app.print_fields(
        [
            ("name", codebase.name),
            ("app", codebase.app),
            ("version", codebase.scan.app_version if codebase.scan else None),
            ("root", codebase.root),
            ("docroot", codebase.docroot),
            ("source", codebase.source),
            ("servers", ", ".join(codebase.servers)),
            ("verified", codebase.verified_at),
        ]
    )
    if codebase.scan:
        app.print_table(
            ["package", "version", "type", "dev"],
            [(p.name, p.version, p.type, "dev" if p.dev else "") for p in codebase.scan.packages],
        )
    return 0


def remove(args: argparse.Namespace, app: CliApp) -> int:
    app.hosting.store.remove_codebase(args.name)
    app.info(f"codebase {args.name} removed from the inventory (its files were left in place)")
    return 0
