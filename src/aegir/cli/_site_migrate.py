"""`aegir site migrate` (blue-green, to another codebase, database server and/or domain; `--finish`
drops the old copy) and `aegir site rollback` (back to the old copy within the rollback window)."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

from aegir.cli._app import add_dry_run_flag, add_json_flag, run_plan

if TYPE_CHECKING:
    from aegir.cli._app import CliApp
    from aegir.core.model import Task
    from aegir.core.operations._migrate_preflight import Preflight

_WINDOW = re.compile(r"maintenance window of \S+: ([0-9.]+) s")


def register_site_migrate(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the migrate sub-commands to `aegir site`."""
    p = cmds.add_parser(
        "migrate",
        help="move a site to another codebase, database server and/or domain (blue-green)",
        description="Blue-green migration: pre-flight checks (package diff, advisories, the target "
        "database server, space), an automatic backup, a new copy checked privately, then one atomic "
        "switch; the site is in maintenance only while its data is copied. The old copy is kept until "
        "'--finish' (or 'aegir site rollback' goes back to it). On Kubernetes the new copy is the "
        "site's other track (a new codebase image only); space and the database are the cluster's.",
    )
    p.add_argument("domain", nargs="?", help="the site (not with --finish-due)")
    p.add_argument("--codebase", metavar="NAME", help="the codebase to move to")
    p.add_argument("--db-server", metavar="NAME", help="the database server to move to")
    p.add_argument("--domain", dest="new_domain", metavar="NEW", help="the site's new domain (a rename)")
    p.add_argument(
        "--allow-downgrade",
        action="store_true",
        help="accept a target codebase with older versions of the application or its extensions",
    )
    p.add_argument(
        "--finish",
        action="store_true",
        help="end the rollback window: drop the old copy's database and files",
    )
    p.add_argument(
        "--finish-due",
        action="store_true",
        help="finish every migration older than the home setting 'migrate_rollback_hours' (for cron)",
    )
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=migrate)

    p = cmds.add_parser(
        "rollback",
        help="switch a migrated site back to its old copy (within the rollback window)",
        description="Traffic goes back to the copy from before the migration and the new copy is "
        "dropped. Changes made since the migration are not carried back; a safety backup of the new "
        "copy is taken first.",
    )
    p.add_argument("domain")
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=rollback)


def _advisories_dir(app: CliApp) -> str | None:
    import os

    from aegir.cli.cmd_audit import ENV_VAR, SETTING

    return os.environ.get(ENV_VAR) or app.hosting.store.get_setting(SETTING) or None


def _window(app: CliApp, task: Task) -> float | None:
    for line in app.hosting.store.task_log(task.id):
        found = _WINDOW.search(line.message)
        if found:
            return float(found.group(1))
    return None


def _check_args(args: argparse.Namespace) -> None:
    from aegir.core.errors import ValidationError

    moves = [f for f in ("codebase", "db_server", "new_domain") if getattr(args, f)]
    if args.finish_due:
        if args.domain or moves or args.finish:
            raise ValidationError("--finish-due takes no DOMAIN and no other option")
        return
    if not args.domain:
        raise ValidationError("aegir site migrate needs the site's DOMAIN")
    if args.finish and (moves or args.allow_downgrade):
        raise ValidationError("--finish takes no --codebase, --db-server, --domain or --allow-downgrade")
    if not args.finish and not moves:
        raise ValidationError("say where to: --codebase NAME, --db-server NAME and/or --domain NEW")


def migrate(args: argparse.Namespace, app: CliApp) -> int:
    _check_args(args)
    if args.finish_due:
        return _finish_due(args, app)
    if args.finish:
        return _finish(args, app)
    from aegir.core.operations import migrate as operation

    pre = operation.preflight(
        app.hosting,
        args.domain,
        codebase=args.codebase,
        db_server=args.db_server,
        new_domain=args.new_domain,
        allow_downgrade=args.allow_downgrade,
        advisories_dir=_advisories_dir(app),
    )
    report = _preflight_report(pre)
    plan = operation.migrate_plan(app.hosting, pre)
    if args.dry_run and args.json:  # the plan, with what the pre-flight found and left unchecked
        app.print_json({**plan.to_data(app.hosting.plugins.steps), "preflight": report})
        return 0
    if not args.json:
        _print_preflight(app, report)
    task = run_plan(app, plan)
    if task is None:  # --dry-run: the plan is printed
        return 0
    site = app.hosting.store.get_site(pre.green.domain)
    report.update(
        task=task.id,
        status=task.status.value,
        url=app.hosting.site_url(site),
        maintenance_window_seconds=_window(app, task),
        rollback=f"aegir site rollback {site.domain}",
        finish=f"aegir site migrate --finish {site.domain}",
    )
    if args.json:
        app.print_json(report)
        return 0
    window = report["maintenance_window_seconds"]
    app.info(f"site {pre.blue.domain} migrated (task {task.id})")
    app.print_fields(
        [
            ("url", report["url"]),
            ("codebase", site.codebase),
            ("database server", site.db_server),
            ("maintenance window", f"{window:.2f} s" if window is not None else "not measured"),
            ("roll back with", report["rollback"]),
            ("drop the old copy with", report["finish"]),
        ]
    )
    return 0


def _preflight_report(pre: Preflight) -> dict[str, Any]:
    from aegir.core.operations._migrate_preflight import describe_change

    report: dict[str, Any] = {
        "domain": pre.blue.domain,
        "new_domain": pre.green.domain,
        "codebase": {"from": pre.blue.codebase, "to": pre.green.codebase},
        "db_server": {"from": pre.blue.db_server, "to": pre.green.db_server},
        "planned_by": pre.planned_by,
        "notes": list(pre.notes),
    }
    if pre.diff is not None:
        report["packages"] = {
            kind: [describe_change(c) for c in getattr(pre.diff, kind)]
            for kind in ("upgraded", "downgraded", "unordered", "added", "removed")
        }
    if pre.audit is not None:
        report["advisories"] = [
            {
                "package": f.package,
                "installed_version": f.installed_version,
                "advisory": f.advisory_id,
                "title": f.title,
                "link": f.link,
                "fixed_versions": list(f.fixed_versions),
            }
            for f in pre.audit.findings
        ]
    return report


def _print_preflight(app: CliApp, report: dict[str, Any]) -> None:
    packages: dict[str, list[str]] = report.get("packages", {})
    for kind, changes in packages.items():
        if changes:
            app.info(
                f"{kind} ({len(changes)}): " + "; ".join(changes[:10]) + (" ..." if len(changes) > 10 else "")
            )
    for finding in report.get("advisories", []):
        app.info(
            f"advisory in the target codebase: {finding['package']} {finding['installed_version']}: "
            f"{finding['advisory']} {finding['title']}"
        )
    for note in report["notes"]:
        app.info(f"pre-flight: {note}")


def _finish(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import migrate as operation

    task = run_plan(app, operation.finish_plan(app.hosting, args.domain))
    if task is None:
        return 0
    if args.json:
        app.print_json({"domain": args.domain, "task": task.id, "status": task.status.value})
    else:
        app.info(f"the old copy of {args.domain} is dropped (task {task.id})")
    return 0


def _finish_due(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.errors import AegirError
    from aegir.core.operations import migrate as operation

    results: list[dict[str, str]] = []
    failed = False
    for domain in operation.due_finishes(app.hosting):
        plan = operation.finish_plan(app.hosting, domain)
        if args.dry_run:
            results.append({"domain": domain, "status": "due"})
            continue
        try:
            task = app.hosting.run(plan, progress=None if args.json else app.progress)
        except AegirError as e:
            failed = True
            results.append({"domain": domain, "status": "failed", "error": str(e)})
            continue
        results.append({"domain": domain, "status": task.status.value, "task": task.id})
    if args.json:
        app.print_json(results)
    else:
        for r in results:
            app.info(f"{r['domain']}: {r['status']}" + (f" ({r['error']})" if "error" in r else ""))
        if not results:
            app.info("no migration is due to be finished")
    return 1 if failed else 0


def rollback(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import migrate as operation

    plan = operation.rollback_plan(app.hosting, args.domain)
    blue = operation.blue_of(app.hosting.store.get_site(args.domain))
    task = run_plan(app, plan)
    if task is None:
        return 0
    domain = blue.domain if blue is not None else args.domain
    if args.json:
        app.print_json({"domain": domain, "task": task.id, "status": task.status.value})
    else:
        app.info(f"{domain} is back on its copy from before the migration (task {task.id})")
    return 0
