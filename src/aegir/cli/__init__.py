"""The ``aegir`` command line: parses, prints (tables for people, ``--json`` for scripts).

Start-up is kept lean: command modules import only ``argparse`` at the top and load the library
inside their handlers, so ``aegir codebase scan`` does not pay for the inventory store.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from aegir.cli._app import CliApp, add_json_flag

__all__ = ["COMMAND_MODULES", "main"]

#: each module has ``register(subparsers)``; a command's handler is ``handler(args, app) -> int``
COMMAND_MODULES = (
    "aegir.cli.cmd_server",
    "aegir.cli.cmd_codebase",
    "aegir.cli.cmd_package",
    "aegir.cli.cmd_audit",
    "aegir.cli.cmd_site",
    "aegir.cli.cmd_backup",
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
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    app = CliApp(args)
    debug = args.debug or os.environ.get("AEGIR_DEBUG") == "1"
    try:
        return int(args.handler(args, app) or 0)
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
            app.error(str(e))
            return e.exit_code
        app.error(f"unexpected {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 1
    finally:
        app.close()


__all__ += ["CliApp", "add_json_flag", "build_parser"]
