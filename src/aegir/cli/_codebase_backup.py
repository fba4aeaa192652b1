"""`aegir codebase backup NAME`: a codebase's tree, or for a git checkout its commit and composer files."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aegir.cli._app import add_dry_run_flag, add_json_flag, run_plan

if TYPE_CHECKING:
    from aegir.cli._app import CliApp


def register_codebase_backup(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `backup` to `aegir codebase`."""
    p = cmds.add_parser(
        "backup",
        help="back a codebase up: its tree (tar.zst), or for a git checkout the commit and composer.lock",
    )
    p.add_argument("name")
    p.add_argument("--store", help="backup store (default: the default store)")
    p.add_argument("--tree", action="store_true", help="the whole tree even for a git checkout")
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=backup)


def backup(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.cli._site_backup import human_size
    from aegir.core.backup_steps import BackupCodebase
    from aegir.core.operations import backups

    plan = backups.codebase_backup_plan(app.hosting, args.name, store=args.store, full_tree=args.tree)
    task = run_plan(app, plan)
    if task is None:
        return 0
    step = next(s for s in plan.steps if isinstance(s, BackupCodebase))
    record = app.hosting.store.get_backup(step.backup_id)
    parts = [p.get("name") for p in record.manifest.get("parts", []) if isinstance(p, dict)]
    if args.json:
        app.print_json(
            {
                "codebase": args.name,
                "backup": record.id,
                "store": record.store,
                "size": record.size,
                "parts": parts,
                "task": task.id,
            }
        )
    else:
        what = ", ".join(str(p) for p in parts)
        app.info(f"codebase {args.name} backed up as {record.id} ({what}; {human_size(record.size)})")
    return 0
