"""The Grav driver plugin: registers :class:`GravDriver` as ``grav``.

Heavy modules are imported by the driver's methods, so loading the plugin costs next to nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir.drivers.grav._driver import GravDriver

if TYPE_CHECKING:
    from aegir.core.registry import AppRegistry

__all__ = ["GravDriver", "aegir_register_apps"]


@hookimpl
def aegir_register_apps(registry: AppRegistry) -> None:
    registry.add(GravDriver)
