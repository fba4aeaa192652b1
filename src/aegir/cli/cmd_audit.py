"""`aegir audit`: known security advisories affecting a codebase's installed versions.

Exit status, like ``composer audit``: 0 when nothing is affected, 1 when anything is, 2 on bad input.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp
    from aegir.core.advisories import AdvisoryDatabase, AuditReport
    from aegir.core.model import Codebase, CodebaseScan

ENV_VAR = "AEGIR_ADVISORIES"
SETTING = "advisories_dir"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "audit",
        help="known security advisories affecting a codebase (exit 1 when any)",
        description="Match a codebase's packages against a local advisory database (OSV JSON, e.g. a clone "
        "of Drupal's advisory database, and/or FriendsOfPHP YAML).",
        epilog=f"The advisory directory is --advisories, else ${ENV_VAR}, else the home's setting "
        f"'{SETTING}'. Exit status: 0 nothing affected, 1 something affected, 2 bad input.",
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("path", nargs="?", help="a codebase tree to scan and audit (no inventory needed)")
    target.add_argument(
        "--codebase", metavar="NAME", help="audit a codebase of the inventory (its stored scan)"
    )
    target.add_argument("--all", action="store_true", help="audit every codebase of the inventory")
    parser.add_argument(
        "--advisories", metavar="DIR", help="advisory directory (OSV JSON and/or FriendsOfPHP YAML)"
    )
    add_json_flag(parser)
    parser.set_defaults(handler=audit)


def _advisory_dir(args: argparse.Namespace, app: CliApp) -> str:
    import os

    from aegir.core.errors import ValidationError

    if args.advisories:
        return str(args.advisories)
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    configured = app.hosting.store.get_setting(SETTING)
    if configured:
        return configured
    raise ValidationError(
        f"no advisory directory: pass --advisories DIR, set {ENV_VAR}, or store it in the home's "
        f"'{SETTING}' setting; a clone of Drupal's advisory database (OSV) or of FriendsOfPHP/"
        "security-advisories will do (see docs/audit.md)"
    )


def _audit_codebase(codebase: Codebase, database: AdvisoryDatabase) -> AuditReport:
    from aegir.core.advisories import AuditReport, audit_scan

    if codebase.scan is None:
        return AuditReport(
            codebase.name,
            codebase.app,
            None,
            0,
            notes=[
                f"codebase {codebase.name} has no stored scan: run 'aegir codebase verify {codebase.name}'"
            ],
        )
    return audit_scan(codebase.scan, database, target=codebase.name)


def _report_json(report: AuditReport) -> dict[str, Any]:
    return {
        "target": report.target,
        "app": report.app,
        "app_version": report.app_version,
        "checked": report.checked,
        "affected": report.affected,
        "findings": [
            {
                "package": f.package,
                "installed_version": f.installed_version,
                "advisory_id": f.advisory_id,
                "aliases": list(f.aliases),
                "title": f.title,
                "link": f.link,
                "affected_ranges": list(f.affected_ranges),
                "fixed_versions": list(f.fixed_versions),
                "source": f.source,
                "file": f.path,
                "via": f.via,
                "dev": f.dev,
            }
            for f in report.findings
        ],
        "notes": list(report.notes),
    }


def _cves(aliases: tuple[str, ...]) -> str:
    cves = [a for a in aliases if a.upper().startswith("CVE-")]
    # one advisory may carry many CVEs; the table shows two, --json all of them
    return ", ".join(cves[:2]) + (f" +{len(cves) - 2}" if len(cves) > 2 else "")


def _print_report(app: CliApp, report: AuditReport, count: int) -> None:
    import sys

    header = f"{report.target}: {report.app} {report.app_version or ''}".rstrip()
    if report.findings:
        packages = len({f.package for f in report.findings})
        sys.stdout.write(f"{header}: {len(report.findings)} advisories affect {packages} package(s)\n")
        app.print_table(
            ["package", "installed", "advisory", "cve", "fixed in", "title"],
            [
                (
                    f.package + (" (dev)" if f.dev else ""),
                    f.installed_version,
                    f.advisory_id,
                    _cves(f.aliases),
                    ", ".join(f.fixed_versions) or "no fix",
                    f.title if len(f.title) <= 70 else f.title[:67] + "...",
                )
                for f in report.findings
            ],
        )
    else:
        sys.stdout.write(
            f"{header}: no known advisory affects its {report.checked} package(s) "
            f"(checked against {count} advisories)\n"
        )
    for note in report.notes:
        app.info(f"note: {note}")


def _scan(path: str) -> CodebaseScan:
    """Scan a tree; a tree that cannot be scanned is bad input (2): exit status 1 means "affected"."""
    from pathlib import Path

    from aegir.core.errors import AegirError, ValidationError
    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase

    try:
        return scan_codebase(Path(path), Plugins())
    except AegirError as e:
        if e.exit_code == 1:
            raise ValidationError(str(e)) from e
        raise


def audit(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.advisories import audit_scan, load_advisories

    database = load_advisories(_advisory_dir(args, app))
    for warning in database.warnings:
        app.info(f"warning: {warning}")
    if args.path:
        reports = [audit_scan(_scan(args.path), database, target=args.path)]
    elif args.codebase:
        reports = [_audit_codebase(app.hosting.store.get_codebase(args.codebase), database)]
    else:
        reports = [_audit_codebase(c, database) for c in app.hosting.store.list_codebases()]
        if not reports:
            app.info("no codebases in the inventory (see 'aegir codebase add')")
    affected = any(r.affected for r in reports)
    if args.json:
        app.print_json(
            {
                "advisories": {
                    "directory": database.directory,
                    "count": len(database.advisories),
                    "sources": database.count_by_source(),
                    "warnings": list(database.warnings),
                },
                "affected": affected,
                "reports": [_report_json(r) for r in reports],
            }
        )
    else:
        for report in reports:
            _print_report(app, report, len(database.advisories))
    return 1 if affected else 0
