"""The ``grav`` plugin of the ``aegir`` entry-point group: registers the application drivers of this package.

Loading it imports the driver classes only; their parsers load when a codebase is scanned.
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
