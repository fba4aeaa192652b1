"""`aegir site` sub-commands for backup (filled in by the backup work)."""

from __future__ import annotations

import argparse


def register_site_backup(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the backup sub-commands to `aegir site`."""
