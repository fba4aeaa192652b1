"""`aegir plugins` commands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("plugins", help="plugins commands (not available yet)")
