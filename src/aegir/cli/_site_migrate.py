"""`aegir site` sub-commands for migrate (filled in by the migrate work)."""

from __future__ import annotations

import argparse


def register_site_migrate(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the migrate sub-commands to `aegir site`."""
