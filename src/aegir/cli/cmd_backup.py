"""`aegir backup`: list, verify and delete backups; schedules, due runs and pruning; backup stores;
``schedule --cron``: a Kubernetes site's backup CronJob; ``unschedule``: stop a site's schedule
(that CronJob, or the one ``run-due`` runs); ``sync``: record the backups that CronJob made."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from aegir.cli._app import add_dry_run_flag, add_json_flag, run_plan

if TYPE_CHECKING:
    from aegir.cli._app import CliApp
    from aegir.core.model import Backup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("backup", help="backups: list, verify, schedules and retention, stores")
    cmds = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    p = cmds.add_parser("list", help="list backups (newest first)")
    p.add_argument("domain", nargs="?", help="only the backups of this site (or codebase)")
    p.add_argument(
        "--no-sync",
        action="store_true",
        help="do not ask a Kubernetes site's cluster for its scheduled backups first (see 'backup sync')",
    )
    add_json_flag(p)
    p.set_defaults(handler=list_)

    p = cmds.add_parser(
        "sync", help="record the backups that Kubernetes sites' backup CronJobs made (run it from cron)"
    )
    p.add_argument("--server", metavar="NAME", help="only the sites of this server")
    p.add_argument("--site", metavar="DOMAIN", help="only this site")
    add_json_flag(p)
    p.set_defaults(handler=sync)

    p = cmds.add_parser("verify", help="recompute the size and sha256 of every part of a backup")
    p.add_argument("id")
    p.add_argument("--store", help="look for the backup in this store (default: where the inventory says)")
    add_json_flag(p)
    p.set_defaults(handler=verify)

    p = cmds.add_parser("delete", help="delete a backup from its store and the inventory")
    p.add_argument("id")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--forget",
        action="store_true",
        help="only remove it from the inventory (a backup in a Kubernetes cluster's store: delete it there)",
    )
    p.set_defaults(handler=delete)

    p = cmds.add_parser(
        "schedule",
        help="back a site up on a schedule: every interval, run by 'run-due' and pruned by a keep policy; "
        "or a cron expression its server runs itself (Kubernetes: a CronJob)",
    )
    p.add_argument("domain")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--every", help="interval: 30m, 6h, 1d, 1w or 1h30m (with --keep)")
    when.add_argument(
        "--cron",
        metavar="EXPR",
        help="a cron expression such as '0 3 * * *' that the site's server runs itself "
        "(Kubernetes: a CronJob in the cluster; 'backup sync' records its runs)",
    )
    p.add_argument(
        "--keep",
        help="retention, with --every: hourly=24,daily=7,weekly=4,monthly=12 (also last=N, yearly=N, within=2d)",
    )
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=schedule)

    p = cmds.add_parser(
        "unschedule",
        help="stop a site's scheduled backups: those its server runs itself (Kubernetes: delete its "
        "CronJob), else those 'run-due' runs",
    )
    p.add_argument("domain")
    p.add_argument(
        "--run-due",
        action="store_true",
        help="stop the schedule 'aegir backup run-due' runs (--every), even if the server runs one too",
    )
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=unschedule)

    p = cmds.add_parser("schedules", help="list backup schedules (run by 'run-due', or by a site's cluster)")
    add_json_flag(p)
    p.set_defaults(handler=schedules)

    p = cmds.add_parser(
        "run-due", help="back up every site whose schedule is due, then prune (for cron or a timer)"
    )
    add_json_flag(p)
    p.set_defaults(handler=run_due)

    p = cmds.add_parser("prune", help="delete the backups that their site's keep policy no longer keeps")
    p.add_argument("domain", nargs="?", help="only this site (default: every scheduled site)")
    add_json_flag(p)
    add_dry_run_flag(p)
    p.set_defaults(handler=prune)

    stores = cmds.add_parser("store", help="backup stores: where backups are kept")
    store_cmds = stores.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    p = store_cmds.add_parser("add", help="add a backup store: a local directory or a directory over SFTP")
    p.add_argument("name")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", metavar="PATH", help="a directory on this machine")
    where.add_argument("--sftp", metavar="URL", help="sftp://[USER@]HOST[:PORT]/ABSOLUTE/PATH (with --key)")
    p.add_argument("--key", metavar="FILE", help="private key to log in with (--sftp)")
    p.add_argument("--known-hosts", metavar="FILE", help="known_hosts to check the host key against (--sftp)")
    p.add_argument("--default", action="store_true", help="make it the store sites use unless they name one")
    p.set_defaults(handler=store_add)
    p = store_cmds.add_parser("list", help="list backup stores")
    add_json_flag(p)
    p.set_defaults(handler=store_list)


def _row(backup: Backup) -> dict[str, Any]:
    return {
        "id": backup.id,
        "site": backup.site,
        "kind": backup.kind,
        "time": backup.created.isoformat(),
        "size": backup.size,
        "store": backup.store,
        "state": backup.state.value,
    }


def list_(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.cli._site_backup import human_size

    domain = args.domain
    if domain:
        import contextlib

        from aegir.core import names
        from aegir.core.errors import ValidationError

        with contextlib.suppress(ValidationError):  # else a codebase's name
            domain = names.normalize_domain(domain)
    if domain and not args.no_sync:
        sync_before(app, domain)
    found = app.hosting.store.list_backups(domain)
    found.sort(key=lambda b: (b.created, b.id), reverse=True)
    if args.json:
        app.print_json([_row(b) for b in found])
        return 0
    app.print_table(
        ["id", "site", "kind", "time", "size", "store", "state"],
        [
            (
                b.id,
                b.site,
                b.kind,
                b.created.strftime("%Y-%m-%d %H:%M:%S UTC"),
                human_size(b.size),
                b.store,
                b.state.value,
            )
            for b in found
        ],
    )
    return 0


def sync_before(app: CliApp, domain: str) -> None:
    """Record the scheduled backups of ``domain`` first, if its cluster makes them (a Kubernetes
    site): one list call, and the logs of runs not recorded yet. A cluster that cannot be asked
    is a warning; the inventory is shown as it is."""
    import contextlib

    from aegir.core import names
    from aegir.core.errors import ValidationError
    from aegir.core.operations import backups

    with contextlib.suppress(ValidationError):
        domain = names.normalize_domain(domain)
    site = app.hosting.store.find_site(domain)
    if site is None or not backups.has_own_backups(app.hosting, site):
        return
    for result in backups.sync_backups(app.hosting, domain=site.domain):
        if result.outcome == "error":
            app.info(f"warning: scheduled backups of {site.domain} not synced: {result.detail}")
        elif result.outcome == "added":
            app.info(f"recorded scheduled backup {result.backup_id} of {site.domain}")


def sync(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.cli._site_backup import human_size
    from aegir.core.operations import backups

    results = backups.sync_backups(app.hosting, server=args.server, domain=args.site)
    if args.json:
        app.print_json(results)
    else:
        for r in results:
            if r.outcome == "added":
                when = r.created.strftime("%Y-%m-%d %H:%M:%S UTC") if r.created else ""
                size = human_size(r.size or 0) if r.size else "size not reported"
                note = f"; {r.detail}" if r.detail else ""
                app.info(f"added {r.backup_id} ({r.site}, {when}, {size}{note})")
            elif r.outcome == "error":
                app.info(f"error: {r.site}: {r.detail}")
            else:
                app.info(
                    f"{r.outcome}: {r.job} of {r.site}, not recorded" + (f" ({r.detail})" if r.detail else "")
                )
        if not any(r.outcome == "added" for r in results):
            app.info("no new backup")
    return 1 if any(r.outcome == "error" for r in results) else 0


def _kept_elsewhere(backup: Backup, what: str, hint: str = "") -> None:
    """Refuse ``what`` on a backup a backend keeps in its own store, which Aegir cannot read."""
    from aegir.core.errors import ValidationError
    from aegir.core.operations.backups import backend_store

    kept = backend_store(backup)
    if kept is None:
        return
    parts = [p for p in backup.manifest.get("parts", []) if isinstance(p, dict) and p.get("sha256")]
    sums = "; ".join(f"{p.get('name')} sha256 {p.get('sha256')}" for p in parts)
    said = f"; the Job that wrote it reported {sums}" if sums else "; its Job reported no checksums"
    raise ValidationError(
        f"backup {backup.id!r} is kept in the store of server {kept.server!r} ({kept.location}), which "
        f"aegir cannot {what} from here{said}{hint}"
    )


def _own_store(app: CliApp, backup_id: str) -> Backup | None:
    """The backup, if a backend keeps it in its own store and Aegir can reach it there."""
    from aegir.core.operations import backups

    backup = app.hosting.store.get_backup(backup_id)
    return backup if backups.own_store_access(app.hosting, backup) is not None else None


def _unchecked(check: Any) -> bool:
    """A part found but not compared: its record has no sha256 (a cluster backup's report was lost)."""
    return str(check.problem or "").startswith("not checked")


def verify(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.archive import BackupReader
    from aegir.core.operations import backups
    from aegir.core.storage import check_backup_id

    backup_id = check_backup_id(args.id)
    checks: list[Any]
    if not args.store and (own := _own_store(app, backup_id)) is not None:
        store_name = own.store
        app.info(f"checking backup {backup_id} in the store of its server (a Job in the cluster)...")
        checks = backups.verify_own_backup(app.hosting, own)
    else:
        if not args.store:
            _kept_elsewhere(app.hosting.store.get_backup(backup_id), "verify it")
        store_name = args.store or app.hosting.store.get_backup(backup_id).store
        checks = list(BackupReader(app.hosting.backup_store(store_name), backup_id).check())
    ok = all(c.ok for c in checks)
    if args.json:
        app.print_json(
            {
                "id": backup_id,
                "store": store_name,
                "ok": ok,
                "parts": [
                    {"name": c.name, "ok": c.ok, "size": c.size, "sha256": c.sha256, "problem": c.problem}
                    for c in checks
                ],
            }
        )
    else:
        app.print_table(
            ["part", "state", "size", "sha256"],
            [
                (
                    c.name,
                    "ok" if c.ok else c.problem if _unchecked(c) else f"DAMAGED: {c.problem}",
                    c.size,
                    c.sha256,
                )
                for c in checks
            ],
        )
    if not ok:
        bad = ", ".join(c.name for c in checks if not c.ok)
        if all(c.ok or _unchecked(c) for c in checks):
            app.error(f"backup {backup_id} could not be checked ({bad}): its record has no sha256 to compare")
            return 1
        app.error(f"backup {backup_id} is damaged ({bad}): do not restore from it")
        return 1
    if not args.json:
        app.info(f"backup {backup_id}: every part matches its sha256")
    return 0


def delete(args: argparse.Namespace, app: CliApp) -> int:
    import sys

    from aegir.core.backup_steps import DeleteBackup
    from aegir.core.errors import ValidationError
    from aegir.core.operations import backups
    from aegir.core.plan import Plan

    backup = app.hosting.store.get_backup(args.id)
    reachable = backups.own_store_access(app.hosting, backup) is not None
    if not args.forget and not reachable:
        hint = f"; delete it there, then remove the record: aegir backup delete {backup.id} --forget"
        _kept_elsewhere(backup, "delete it", hint)
    verb = "Forget" if args.forget else "Delete"
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(f"deleting backup {backup.id!r} needs --yes when not run from a terminal")
        if input(f"{verb} backup {backup.id} of {backup.site}? [y/N] ").strip().lower() not in {"y", "yes"}:
            app.info("not deleted")
            return 1
    if args.forget:
        app.hosting.store.delete_backup(backup.id)
        app.info(f"backup {backup.id} removed from the inventory; its store ({backup.store}) still has it")
        return 0
    if reachable:  # a Job deletes it from the cluster's store; then the record goes
        app.hosting.run(backups.own_delete_plan(app.hosting, backup))
        app.info(f"backup {backup.id} deleted from its store ({backup.store}) and the inventory")
        return 0
    step = DeleteBackup(backup.store, backup.id)
    plan = Plan("backup-delete", backup.site, (step,), on_crash="resume", summary=step.describe())
    app.hosting.run(plan)
    app.info(f"backup {backup.id} deleted")
    return 0


def schedule(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.errors import ValidationError
    from aegir.core.operations import backups
    from aegir.core.retention import Schedule, format_every

    if args.cron is not None:
        if args.keep:
            raise ValidationError(
                "--keep goes with --every: the backups a server's own schedule makes stay in its store "
                "until they are expired there (e.g. an S3 lifecycle rule)"
            )
        return _schedule_own(args, app)
    if not args.keep:
        raise ValidationError("--every needs --keep, the policy 'aegir backup prune' keeps backups by")
    if args.dry_run:
        value = Schedule.parse(args.every, args.keep)
        app.hosting.store.get_site(args.domain)
        app.info(f"would back {args.domain} up every {format_every(value.every)}, keeping {value.keep}")
        return 0
    value = backups.set_schedule(app.hosting, args.domain, args.every, args.keep)
    info = {"site": args.domain, "every": format_every(value.every), "keep": str(value.keep)}
    if args.json:
        app.print_json(info)
        return 0
    app.info(f"site {args.domain}: a backup every {info['every']}, keeping {info['keep']}")
    site = app.hosting.store.get_site(args.domain)
    if isinstance(app.hosting.backend(site.server), backups.OwnSchedules):
        app.info(
            "run by 'aegir backup run-due' (from cron); the site's cluster can run a schedule itself "
            f"instead: aegir backup schedule {site.domain} --cron '0 3 * * *'"
        )
    return 0


def _schedule_own(args: argparse.Namespace, app: CliApp) -> int:
    """``schedule --cron``: the site's server runs the schedule (Kubernetes: a CronJob)."""
    from aegir.core.operations import backups
    from aegir.core.retention import format_every

    plan = backups.own_schedule_plan(app.hosting, args.domain, args.cron)
    task = run_plan(app, plan)
    if task is None:
        return 0
    site = plan.target
    also = next((s for s in backups.schedules(app.hosting) if s.site == site), None)
    info: dict[str, Any] = {
        "site": site,
        "cron": args.cron,
        "run_by": "cluster",
        "task": task.id,
        "status": task.status.value,
    }
    if args.json:
        app.print_json(info)
        return 0
    app.info(
        f"site {site}: backups at {args.cron!r} (the cluster's time zone), run by its cluster (task "
        f"{task.id}); record the runs with 'aegir backup sync' from cron, e.g. hourly"
    )
    if also is not None:
        every = format_every(also.schedule.every)
        app.info(f"note: 'aegir backup run-due' also backs {site} up every {every}: both run")
    return 0


def unschedule(args: argparse.Namespace, app: CliApp) -> int:
    """Stop the schedule the site's server runs itself if it has one (Kubernetes: its CronJob),
    else (or with ``--run-due``) the one ``run-due`` runs. Exit 3 if it has no such schedule."""
    from aegir.core import names
    from aegir.core.errors import NotFoundError
    from aegir.core.operations import backups

    site = app.hosting.store.get_site(names.normalize_domain(args.domain))
    backend = app.hosting.backend(site.server)
    own = backend.backup_schedule(site) if isinstance(backend, backups.OwnSchedules) else None
    local = next((s for s in backups.schedules(app.hosting) if s.site == site.domain), None)
    if own and not args.run_due:
        return _unschedule_own(args, app, site.domain, local)
    if local is None:
        what = "that 'aegir backup run-due' runs" if args.run_due else "(neither its server's nor run-due's)"
        raise NotFoundError(
            f"site {site.domain!r} has no backup schedule {what}: see 'aegir backup schedules'"
        )
    from aegir.core.retention import format_every

    info: dict[str, Any] = {
        "site": site.domain,
        "run_by": "run-due",
        "every": format_every(local.schedule.every),
        "keep": str(local.schedule.keep),
    }
    if args.dry_run:
        info["dry_run"] = True
    else:
        backups.remove_schedule(app.hosting, site.domain)
    if args.json:
        app.print_json(info)
        return 0
    verb = "would no longer be" if args.dry_run else "is no longer"
    app.info(
        f"site {site.domain} {verb} backed up every {info['every']} by 'aegir backup run-due'; its "
        "backups stay (and 'aegir backup prune' no longer deletes any: they have no keep policy now)"
    )
    if own:
        app.info(
            f"its server still backs it up at {own!r} (stop that with: aegir backup unschedule {site.domain})"
        )
    return 0


def _unschedule_own(args: argparse.Namespace, app: CliApp, domain: str, local: Any) -> int:
    """``unschedule`` of the schedule the site's server runs itself (Kubernetes: its CronJob)."""
    from aegir.core.operations import backups
    from aegir.core.retention import format_every

    plan = backups.own_schedule_plan(app.hosting, domain, None)
    task = run_plan(app, plan)
    if task is None:
        return 0
    info = {"site": plan.target, "run_by": "cluster", "task": task.id, "status": task.status.value}
    if args.json:
        app.print_json(info)
        return 0
    app.info(
        f"site {plan.target}: its cluster no longer backs it up (task {task.id}); the backups it made "
        "stay in its store and in the inventory"
    )
    if local is not None:
        app.info(
            f"'aegir backup run-due' still backs it up every {format_every(local.schedule.every)} "
            f"(stop that with: aegir backup unschedule {plan.target} --run-due)"
        )
    return 0


def schedules(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import backups
    from aegir.core.retention import format_every

    rows: list[dict[str, Any]] = [
        {
            "site": s.site,
            "every": format_every(s.schedule.every),
            "keep": str(s.schedule.keep),
            "cron": None,
            "run_by": "run-due",
            "last_run": s.last_run.isoformat() if s.last_run else None,
            "next_due": s.next_due.isoformat() if s.next_due else None,
        }
        for s in backups.schedules(app.hosting)
    ]
    rows += [
        {
            "site": s.site,
            "every": None,
            "keep": None,
            "cron": s.cron,
            "run_by": "cluster",
            "last_run": s.last_run.isoformat() if s.last_run else None,
            "next_due": None,
        }
        for s in backups.own_schedules(app.hosting)
    ]
    rows.sort(key=lambda r: (r["site"], r["run_by"]))
    if args.json:
        app.print_json(rows)
        return 0
    app.print_table(
        ["site", "every", "keep", "run by", "last run", "next due"],
        [
            (
                r["site"],
                r["every"] or f"cron {r['cron']}",
                r["keep"] or "(in its store)",
                r["run_by"],
                r["last_run"] or ("never" if r["cron"] is None else "none synced"),
                (r["next_due"] or "now") if r["cron"] is None else "(by the cluster)",
            )
            for r in rows
        ],
    )
    return 0


def run_due(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import backups

    app.hosting.recover()
    results = backups.run_due(app.hosting)
    if args.json:
        app.print_json(results)
    else:
        for r in results:
            detail = r.backup_id or r.error or ""
            pruned = f", pruned {len(r.pruned)}" if r.pruned else ""
            problem = f" ({r.error})" if r.error and r.backup_id else ""
            app.info(f"{r.site}: {r.outcome} {detail}{pruned}{problem}".rstrip())
        if not results:
            app.info("no backup is due")
    return 1 if any(r.outcome == "failed" or r.error for r in results) else 0


def prune(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.operations import backups

    scheduled = backups.schedules(app.hosting)
    if args.domain:
        scheduled = [s for s in scheduled if s.site == args.domain]
        if not scheduled:
            from aegir.core.errors import NotFoundError

            raise NotFoundError(
                f"site {args.domain!r} has no backup schedule, so no keep policy: its backups are all kept"
            )
    report: list[dict[str, Any]] = []
    for info in scheduled:
        doomed = backups.prune_candidates(app.hosting, info.site, info.schedule.keep)
        if doomed and not args.dry_run:
            plan = backups.prune_plan(app.hosting, info.site)
            if plan is not None:
                app.hosting.run(plan)
        report += [dict(_row(b), keep=str(info.schedule.keep)) for b in doomed]
    if not args.dry_run and not args.domain:
        _clean_incomplete(app)
    if args.json:
        app.print_json({"dry_run": bool(args.dry_run), "deleted": report})
        return 0
    verb = "would delete" if args.dry_run else "deleted"
    for row in report:
        app.info(f"{verb} {row['id']} ({row['site']}, {row['time']}; keep {row['keep']})")
    if not report:
        app.info("every backup is kept by its site's policy")
    return 0


def _clean_incomplete(app: CliApp) -> None:
    """Remove backups cut off by a crash (old enough not to be in progress) from the stores in use."""
    from aegir.core.errors import AegirError

    used = {b.store for b in app.hosting.store.list_backups()}
    used |= {s.backup_store for s in app.hosting.store.list_sites() if s.backup_store}
    used.add(app.hosting.store.get_setting("default_backup_store") or "local")
    for name in sorted(used):
        try:
            removed = app.hosting.backup_store(name).cleanup_incomplete()
        except AegirError as e:  # an unreachable store must not stop the pruning of the others
            app.info(f"warning: incomplete backups in store {name} not checked: {e}")
            continue
        for leftover in removed:
            app.info(f"removed incomplete backup {leftover} from store {name}")


def _sftp_config(url: str, key: str | None, known_hosts: str | None) -> dict[str, str]:
    from pathlib import Path
    from urllib.parse import unquote, urlsplit

    from aegir.core.errors import ValidationError

    parts = urlsplit(url)
    if parts.scheme != "sftp" or not parts.hostname or not parts.path.startswith("/"):
        raise ValidationError(f"invalid --sftp {url!r}: use sftp://[USER@]HOST[:PORT]/ABSOLUTE/PATH")
    if not key:
        raise ValidationError("--sftp needs --key FILE, the private key to log in with")
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(f"invalid port in --sftp {url!r}") from None
    config = {
        "kind": "sftp",
        "host": parts.hostname,
        "port": str(port or 22),
        "user": unquote(parts.username or "root"),
        "path": unquote(parts.path),
        "key": str(Path(key).expanduser().resolve()),
    }
    if known_hosts:
        config["known_hosts"] = str(Path(known_hosts).expanduser().resolve())
    return config


def store_add(args: argparse.Namespace, app: CliApp) -> int:
    if args.dir:
        from pathlib import Path

        config = {"kind": "local-dir", "path": str(Path(args.dir).expanduser().resolve())}
    else:
        config = _sftp_config(args.sftp, args.key, args.known_hosts)
    app.hosting.backup_store(None)  # the current default must still resolve before we add
    app.hosting.add_backup_store(args.name, config)
    app.hosting.backup_store(args.name)  # its settings are checked by the store itself
    if args.default:
        app.hosting.store.set_setting("default_backup_store", args.name)
    app.info(f"backup store {args.name} added ({_where(config)})" + (", the default" if args.default else ""))
    return 0


def _where(config: dict[str, str]) -> str:
    if config.get("kind") == "sftp":
        return f"sftp://{config.get('user', 'root')}@{config.get('host')}:{config.get('port', '22')}{config.get('path')}"
    return config.get("path", "")


def store_list(args: argparse.Namespace, app: CliApp) -> int:
    default = app.hosting.store.get_setting("default_backup_store") or "local"
    configs = app.hosting.backup_store_configs()
    rows = [
        {"name": name, "kind": c.get("kind", ""), "where": _where(c), "default": name == default}
        for name, c in sorted(configs.items())
    ]
    if args.json:
        app.print_json(rows)
        return 0
    app.print_table(
        ["name", "kind", "where", "default"],
        [(r["name"], r["kind"], r["where"], "yes" if r["default"] else "") for r in rows],
    )
    return 0
