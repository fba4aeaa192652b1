"""Lazy package exports (PEP 562), so plugin packages load without importing their heavy parts.

A plugin package's ``__init__`` is imported whenever plugins load, even by commands that never use
it (``aegir codebase scan`` needs no backend); its public names are imported on first access.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``exports[name]`` (a module path) on first access."""

    def __getattr__(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    return __getattr__
