"""Aegir: a hosting system for PHP sites, as a Python library and CLI.

The public entry point is :class:`aegir.hosting.Hosting`; it is imported lazily so that
``import aegir`` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Hosting", "__version__"]

if TYPE_CHECKING:
    from aegir.core.version import __version__
    from aegir.hosting import Hosting


def __getattr__(name: str) -> Any:
    if name == "Hosting":
        from aegir.hosting import Hosting

        return Hosting
    if name == "__version__":
        from aegir.core.version import __version__

        return __version__
    raise AttributeError(name)
