"""The ``drupal`` plugin of the ``aegir`` entry-point group: registers the application drivers of this package.

Loading it imports the driver classes only; their parsers load when a codebase is scanned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir.drivers.drupal._drupal import DrupalDriver
from aegir.drivers.drupal._drupal7 import Drupal7Driver

if TYPE_CHECKING:
    from aegir.core.registry import AppRegistry

__all__ = ["Drupal7Driver", "DrupalDriver", "aegir_register_apps"]


@hookimpl
def aegir_register_apps(registry: AppRegistry) -> None:
    """Register the Drupal 8+ driver, then the Drupal 7 one (detection tries them in this order)."""
    registry.add(DrupalDriver)
    registry.add(Drupal7Driver)
