"""`aegir task`: the journal of operations: list, show, log, recover."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("task", help="tasks: journaled runs of operations")
    cmds = parser.add_subparsers(dest="task_command", metavar="ACTION", required=True)

    p = cmds.add_parser("list", help="list recent tasks")
    p.add_argument("--target", help="only tasks on this site or codebase")
    p.add_argument("--status", action="append", help="only tasks with this status (repeatable)")
    p.add_argument("--limit", type=int, default=50)
    add_json_flag(p)
    p.set_defaults(handler=list_)

    p = cmds.add_parser("show", help="show a task and its steps")
    p.add_argument("id", help="task id (a unique prefix is enough)")
    add_json_flag(p)
    p.set_defaults(handler=show)

    p = cmds.add_parser("log", help="print a task's log")
    p.add_argument("id")
    add_json_flag(p)
    p.set_defaults(handler=log)

    p = cmds.add_parser("recover", help="finish or roll back tasks whose runner died")
    add_json_flag(p)
    p.set_defaults(handler=recover)


def list_(args: argparse.Namespace, app: CliApp) -> int:
    tasks = app.hosting.store.list_tasks(target=args.target, status=args.status, limit=args.limit)
    if args.json:
        app.print_json(tasks)
        return 0
    app.print_table(
        ["id", "operation", "target", "status", "created", "error"],
        [
            (
                t.id,
                t.operation,
                t.target,
                t.status.value,
                t.created.strftime("%Y-%m-%d %H:%M:%S") if t.created else "",
                (t.error or "")[:60],
            )
            for t in tasks
        ],
    )
    return 0


def show(args: argparse.Namespace, app: CliApp) -> int:
    task = app.hosting.store.get_task(args.id)
    steps = app.hosting.store.task_steps(task.id)
    if args.json:
        from aegir.core import serialize

        data = serialize.unstructure(task)
        data["steps"] = [
            {
                "index": s.index,
                "kind": s.kind,
                "description": s.description,
                "state": s.state,
                "started": s.started,
                "finished": s.finished,
                "error": s.error,
            }
            for s in steps
        ]
        app.print_json(data)
        return 0
    app.print_fields(
        [
            ("id", task.id),
            ("operation", task.operation),
            ("target", task.target),
            ("status", task.status.value),
            ("created", task.created),
            ("finished", task.finished),
            ("error", task.error),
        ]
    )
    app.print_table(["#", "state", "step"], [(s.index + 1, s.state, s.description) for s in steps])
    return 0


def log(args: argparse.Namespace, app: CliApp) -> int:
    task = app.hosting.store.get_task(args.id)
    lines = app.hosting.store.task_log(task.id)
    if args.json:
        app.print_json(lines)
        return 0
    import sys

    for line in lines:
        if line.level == "debug":
            continue
        sys.stdout.write(f"{line.time[:19]} {line.level:<7} {line.message}\n")
    return 0


def recover(args: argparse.Namespace, app: CliApp) -> int:
    tasks = app.hosting.recover(progress=app.progress)
    if args.json:
        app.print_json(tasks)
    else:
        for t in tasks:
            app.info(f"task {t.id} ({t.operation} {t.target}): {t.status.value}")
        if not tasks:
            app.info("no interrupted task")
    return 0
