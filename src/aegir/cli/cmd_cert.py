"""`aegir cert`: the sites' certificates (list), and renewing those that expire soon (renew-due,
for cron)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("cert", help="HTTPS certificates of the sites (from the ACME CA)")
    cmds = parser.add_subparsers(dest="cert_command", metavar="ACTION", required=True)
    p = cmds.add_parser("list", help="every site certificate: names, issuer, expiry, days left")
    add_json_flag(p)
    p.set_defaults(handler=list_)
    p = cmds.add_parser(
        "renew-due",
        help="renew the certificates that expire within --days (for cron: exit 0 when all went well, "
        "1 when one failed)",
    )
    p.add_argument("--days", type=int, default=30, help="renew what expires within this many days (30)")
    add_json_flag(p)
    p.set_defaults(handler=renew_due)


def _row(info: Any) -> dict[str, Any]:
    return {
        "domain": info.domain,
        "names": list(info.names),
        "issuer": info.issuer,
        "serial": info.serial,
        "not_after": info.not_after.isoformat(),
        "days_left": info.days_left,
    }


def list_(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.errors import AegirError
    from aegir.core.operations.https import list_certificates

    found = list_certificates(app.hosting)
    rows = [_row(i) for i in found if not isinstance(i, AegirError)]
    errors = [str(e) for e in found if isinstance(e, AegirError)]
    if args.json:
        app.print_json({"certificates": rows, "errors": errors})
    else:
        app.print_table(
            ["domain", "names", "issuer", "not after", "days left"],
            [(r["domain"], ",".join(r["names"]), r["issuer"], r["not_after"], r["days_left"]) for r in rows],
        )
    for error in errors:
        app.error(error)
    return 1 if errors else 0


def renew_due(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.errors import AegirError, ValidationError
    from aegir.core.model import TaskStatus
    from aegir.core.operations.https import list_certificates, renew_plan

    if args.days < 0:
        raise ValidationError(f"--days {args.days}: give 0 or more days")
    results: list[dict[str, Any]] = []
    for info in list_certificates(app.hosting):
        if isinstance(info, AegirError):
            results.append({"domain": None, "result": "failed", "error": str(info)})
            continue
        if info.days_left > args.days:
            results.append({"domain": info.domain, "result": "not due", "days_left": info.days_left})
            continue
        if not args.json:
            app.info(f"renewing the certificate of {info.domain} ({info.days_left} days left)")
        try:
            task = app.hosting.run(renew_plan(app.hosting, info.domain), progress=app.progress)
        except AegirError as e:
            results.append({"domain": info.domain, "result": "failed", "error": str(e)})
            continue
        if task.status is TaskStatus.SUCCEEDED:
            results.append({"domain": info.domain, "result": "renewed", "task": task.id})
        else:
            results.append({"domain": info.domain, "result": "failed", "task": task.id, "error": task.error})
    failed = [r for r in results if r["result"] == "failed"]
    if args.json:
        app.print_json(results)
    else:
        for r in results:
            detail = r.get("error") or (
                f"task {r['task']}" if "task" in r else f"{r.get('days_left')} days left"
            )
            app.info(f"{r['domain'] or '?'}: {r['result']} ({detail})")
    return 1 if failed else 0
