"""Grav application drivers: :class:`GravDriver`.

The ``grav`` plugin of the ``aegir`` entry-point group is :mod:`aegir.drivers.grav.plugin`. This
package module imports nothing at all (the drivers load on first use): ``aegir codebase scan``
imports the scanners below it without attrs, pluggy or the model (see :mod:`aegir.core.scanrecord`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aegir.drivers.grav._driver import GravDriver

__all__ = ["GravDriver"]


def __getattr__(name: str) -> Any:
    if name == "GravDriver":
        from aegir.drivers.grav._driver import GravDriver

        return GravDriver
    raise AttributeError(name)
