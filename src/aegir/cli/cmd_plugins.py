"""`aegir plugins`: every loaded plugin, what it registers, its distribution and version."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plugins", help="list loaded plugins (drivers, backends, stores)")
    add_json_flag(p)
    p.set_defaults(handler=plugins)


def plugins(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.plugins import Plugins

    infos = Plugins().info()
    if args.json:
        app.print_json(infos)
        return 0
    app.print_table(
        ["name", "registers", "distribution", "version", "module"],
        [
            (
                p.name,
                _summary(p.registers),
                p.distribution + (" (built-in)" if p.builtin else ""),
                p.version,
                p.module,
            )
            for p in infos
        ],
    )
    return 0


def _summary(registers: tuple[str, ...]) -> str:
    """Drivers, backends and stores by name; step kinds only counted (the table stays readable)."""
    named = [r for r in registers if not r.startswith("step:")]
    steps = len(registers) - len(named)
    return ", ".join(named + ([f"{steps} step kinds"] if steps else []))
