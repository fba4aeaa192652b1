"""The WordPress driver plugin: registers :class:`WordPressDriver` as ``wordpress``.

Heavy modules are imported by the driver's methods, so loading the plugin costs next to nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir.drivers.wordpress._driver import WordPressDriver

if TYPE_CHECKING:
    from aegir.core.registry import AppRegistry

__all__ = ["WordPressDriver", "aegir_register_apps"]


@hookimpl
def aegir_register_apps(registry: AppRegistry) -> None:
    registry.add(WordPressDriver)
