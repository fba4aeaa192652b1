"""Drupal application drivers: :class:`DrupalDriver`, :class:`Drupal7Driver`.

The ``drupal`` plugin of the ``aegir`` entry-point group is :mod:`aegir.drivers.drupal.plugin`. This
package module imports nothing at all (the drivers load on first use): ``aegir codebase scan``
imports the scanners below it without attrs, pluggy or the model (see :mod:`aegir.core.scanrecord`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aegir.drivers.drupal._drupal import DrupalDriver
    from aegir.drivers.drupal._drupal7 import Drupal7Driver

__all__ = ["Drupal7Driver", "DrupalDriver"]


def __getattr__(name: str) -> Any:
    if name == "DrupalDriver":
        from aegir.drivers.drupal._drupal import DrupalDriver

        return DrupalDriver
    if name == "Drupal7Driver":
        from aegir.drivers.drupal._drupal7 import Drupal7Driver

        return Drupal7Driver
    raise AttributeError(name)
