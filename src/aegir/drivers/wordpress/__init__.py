"""WordPress application drivers: :class:`WordPressDriver`.

The ``wordpress`` plugin of the ``aegir`` entry-point group is :mod:`aegir.drivers.wordpress.plugin`. This
package module imports nothing at all (the drivers load on first use): ``aegir codebase scan``
imports the scanners below it without attrs, pluggy or the model (see :mod:`aegir.core.scanrecord`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aegir.drivers.wordpress._driver import WordPressDriver

__all__ = ["WordPressDriver"]


def __getattr__(name: str) -> Any:
    if name == "WordPressDriver":
        from aegir.drivers.wordpress._driver import WordPressDriver

        return WordPressDriver
    raise AttributeError(name)
