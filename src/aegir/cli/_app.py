"""What every command handler gets: the lazily opened Hosting, and output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aegir.hosting import Hosting

__all__ = ["CliApp", "add_dry_run_flag", "add_json_flag", "run_plan"]


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")


class CliApp:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._hosting: Hosting | None = None

    @property
    def hosting(self) -> Hosting:
        if self._hosting is None:
            from aegir.hosting import Hosting

            self._hosting = Hosting(self.args.home)
        return self._hosting

    def close(self) -> None:
        if self._hosting is not None:
            self._hosting.close()

    # -- output -----------------------------------------------------------------------------
    @staticmethod
    def print_json(data: Any) -> None:
        from aegir.core import serialize

        sys.stdout.write(json.dumps(serialize.unstructure(data), indent=2, ensure_ascii=False) + "\n")

    @staticmethod
    def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        cells = [[("" if v is None else str(v)) for v in row] for row in rows]
        widths = [len(h) for h in headers]
        for row in cells:
            for i, v in enumerate(row):
                widths[i] = max(widths[i], len(v))
        line = "  ".join(h.upper().ljust(widths[i]) for i, h in enumerate(headers)).rstrip()
        out = [line]
        out += ["  ".join(v.ljust(widths[i]) for i, v in enumerate(row)).rstrip() for row in cells]
        sys.stdout.write("\n".join(out) + "\n")

    @staticmethod
    def print_fields(pairs: Sequence[tuple[str, Any]]) -> None:
        width = max((len(k) for k, _ in pairs), default=0)
        for key, value in pairs:
            sys.stdout.write(f"{key.ljust(width)}  {'' if value is None else value}\n")

    @staticmethod
    def info(message: str) -> None:
        sys.stderr.write(message + "\n")

    @staticmethod
    def error(message: str) -> None:
        sys.stderr.write(f"error: {message}\n")

    def progress(self, index: int, total: int, description: str, state: str) -> None:
        """Progress of a running task, on stderr (stdout stays clean for --json).

        On a terminal the running step's line is rewritten in place when it ends; in a log only
        the outcome of each step is written."""
        tty = sys.stderr.isatty()
        if getattr(self.args, "json", False) and not tty:
            return
        mark = {
            "done": "ok",
            "failed": "FAILED",
            "undone": "undone",
            "undo-failed": "UNDO FAILED",
            "cleanup-failed": "clean-up FAILED (left for the operator)",
        }
        line = f"[{index + 1}/{total}] {description}"
        if state == "running":
            if tty:
                sys.stderr.write(f"\r\033[K{line} ..")
                sys.stderr.flush()
            return
        sys.stderr.write(("\r\033[K" if tty else "") + f"{line} {mark.get(state, state)}\n")
        sys.stderr.flush()


def add_dry_run_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")


def run_plan(app: CliApp, plan: Any) -> Any:
    """Print the plan (``--dry-run``) or run it as a task with progress; return the task or None."""
    args = app.args
    if getattr(args, "dry_run", False):
        if getattr(args, "json", False):
            app.print_json(plan.to_data(app.hosting.plugins.steps))
        else:
            sys.stdout.write(f"plan: {plan.summary or plan.operation + ' ' + plan.target}\n")
            sys.stdout.write("\n".join(plan.describe()) + "\n")
        return None
    return app.hosting.run(plan, progress=app.progress)
