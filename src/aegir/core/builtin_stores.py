"""The built-in plugin that registers the local-directory backup store (loaded by entry point)."""

from __future__ import annotations

from aegir.core.hookspecs import hookimpl
from aegir.core.registry import StoreRegistry


@hookimpl
def aegir_register_stores(registry: StoreRegistry) -> None:
    from aegir.core.storage import LocalDirStore

    registry.add(LocalDirStore)
