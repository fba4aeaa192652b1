"""The plugin module named by the ``aegir`` entry point: it hands Aegir the static-site driver."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir_static.driver import StaticSiteDriver

if TYPE_CHECKING:
    from aegir.core.registry import AppRegistry


@hookimpl
def aegir_register_apps(registry: AppRegistry) -> None:
    registry.add(StaticSiteDriver)
