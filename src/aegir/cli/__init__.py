"""The ``aegir`` command line: parses, prints (tables for people, ``--json`` for scripts).

Start-up is kept lean: command modules import only ``argparse`` at the top and load the library
inside their handlers, so ``aegir codebase scan`` does not pay for the inventory store.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from aegir.cli._app import CliApp, add_json_flag

__all__ = ["COMMAND_MODULES", "CliApp", "add_json_flag", "build_parser", "main"]

#: each module has ``register(subparsers)``; a command's handler is ``handler(args, app) -> int``
COMMAND_MODULES = (
    "aegir.cli.cmd_server",
    "aegir.cli.cmd_codebase",
    "aegir.cli.cmd_package",
    "aegir.cli.cmd_audit",
    "aegir.cli.cmd_site",
    "aegir.cli.cmd_backup",
    "aegir.cli.cmd_cert",
    "aegir.cli.cmd_task",
    "aegir.cli.cmd_plugins",
    "aegir.cli.cmd_config",
    "aegir.cli.cmd_demo",
)


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The command named on the line (``site`` in ``aegir --home H site list``), if any."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--home":
            skip = True
        elif word == "--":
            return None
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the command line, only the command it names is set up (start-up time)."""
    import argparse

    from aegir.core.version import __version__

    parser = argparse.ArgumentParser(
        prog="aegir",
        description="Host PHP sites (Drupal, WordPress, Grav): servers, codebases, sites, their whole life.",
        epilog="Exit status: 0 success, 1 failure (or findings for 'audit'), 2 bad input, 3 not found, "
        "4 conflict, 5 locked by another task, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"aegir {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="Aegir home (default: $AEGIR_HOME, else /var/lib/aegir as root, else the user data dir)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = _chosen_command(argv) if argv is not None else None
    wanted = [m for m in COMMAND_MODULES if m.rsplit(".cmd_", 1)[1] == chosen] or COMMAND_MODULES
    for name in wanted:
        module = importlib.import_module(name)
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = os.environ.get("AEGIR_DEBUG") == "1"
    if argv[:2] == ["codebase", "scan"]:
        from aegir.cli._fast_scan import fast_handler

        fast = fast_handler(argv[2:])
        if fast is not None:
            return _handled(fast, debug=debug)
    from aegir.cli._app import CliApp

    args = build_parser(argv).parse_args(argv)
    app = CliApp(args)
    try:
        return _handled(lambda: args.handler(args, app), debug=debug or args.debug)
    finally:
        app.close()


def _print_error(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")


def _handled(handler: Callable[[], int | None], *, debug: bool) -> int:
    """Run a command's handler; errors become one line and the documented exit status."""
    try:
        return int(handler() or 0)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        from aegir.core.errors import AegirError

        if debug:
            raise
        if isinstance(e, AegirError):
            _print_error(str(e))
            return e.exit_code
        _print_error(f"unexpected {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 1


def __getattr__(name: str) -> Any:
    # the command-line helpers, without importing argparse for the fast path of `codebase scan`
    if name in {"CliApp", "add_json_flag"}:
        from aegir.cli import _app

        return getattr(_app, name)
    raise AttributeError(name)
