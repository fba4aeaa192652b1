"""`aegir codebase` commands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("codebase", help="codebase commands (not available yet)")
