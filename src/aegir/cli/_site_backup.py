"""`aegir site backup | restore | clone`: a site's backups, restore in place, copies under a new domain."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from aegir.cli._app import add_dry_run_flag, add_json_flag, run_plan

if TYPE_CHECKING:
    from aegir.cli._app import CliApp

AT_HELP = "the newest complete backup at or before this time (ISO 8601; UTC unless an offset such as +02:00 is given)"


def register_site_backup(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the backup sub-commands to `aegir site`."""
    p = cmds.add_parser(
        "backup", help="back a site up: database dump, its files and a manifest, into a store"
    )
    p.add_argument("domain")
    p.add_argument("--store", help="backup store (default: the site's, else the default store)")
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=backup)

    p = cmds.add_parser(
        "restore",
        help="restore a site in place from a backup (safety backup first, new database and directory, "
        "rolled back on any failure)",
    )
    p.add_argument("domain")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--backup", metavar="ID", help="the backup to restore (default: the newest)")
    which.add_argument("--at", metavar="TIMESTAMP", help=AT_HELP)
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=restore)

    p = cmds.add_parser(
        "clone", help="a new site with its own database, user and files: a copy of a site or of its backup"
    )
    p.add_argument("domain", help="the site to copy (a deleted one too, with --from-backup or --at)")
    p.add_argument("new_domain")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--from-backup", metavar="ID", help="copy this backup instead of the live site")
    which.add_argument("--at", metavar="TIMESTAMP", help=AT_HELP)
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=clone)


def _done(app: CliApp, args: argparse.Namespace, info: dict[str, Any], message: str) -> int:
    if args.json:
        app.print_json(info)
    else:
        app.info(message)
    return 0


def backup(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import backups

    plan = backups.backup_plan(app.hosting, args.domain, store=args.store)
    task = run_plan(app, plan)
    if task is None:
        return 0
    ids = backups.planned_backup_ids(plan)
    info: dict[str, Any] = {"domain": args.domain, "task": task.id, "status": task.status.value}
    if not ids:
        return _done(app, args, info, f"site {args.domain} backed up (task {task.id})")
    record = app.hosting.store.get_backup(ids[0])
    info.update(backup=record.id, store=record.store, size=record.size, created=record.created.isoformat())
    size = human_size(record.size) if record.size else "size not reported"
    return _done(
        app, args, info, f"site {args.domain} backed up as {record.id} ({size}, store {record.store})"
    )


def restore(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.cli.cmd_backup import sync_before
    from aegir.core.operations import backups

    at = backups.parse_at(args.at) if args.at else None
    if not args.backup:  # the newest, or the newest at a time: scheduled backups count too
        sync_before(app, args.domain)
    plan = backups.restore_plan(app.hosting, args.domain, backup_id=args.backup, at=at)
    task = run_plan(app, plan)
    if task is None:
        return 0
    info = {"domain": args.domain, "task": task.id, "status": task.status.value, "summary": plan.summary}
    return _done(app, args, info, f"{plan.summary}: done (task {task.id})")


def clone(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import backups

    at = backups.parse_at(args.at) if args.at else None
    plan = backups.clone_plan(app.hosting, args.domain, args.new_domain, backup_id=args.from_backup, at=at)
    task = run_plan(app, plan)
    if task is None:
        return 0
    site = app.hosting.store.get_site(plan.target)
    url = app.hosting.site_url(site)
    info = {
        "domain": site.domain,
        "source": args.domain,
        "url": url,
        "task": task.id,
        "status": task.status.value,
    }
    return _done(app, args, info, f"site {site.domain} cloned from {args.domain}: {url} (task {task.id})")


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if value < 1000 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"
