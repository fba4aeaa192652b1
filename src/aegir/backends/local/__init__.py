"""The local backend plugin: servers on this machine, with nginx, php-fpm and MariaDB that Aegir
runs under its home (managed) or that exist already (attached).

:class:`LocalBackend` works through an :class:`Executor`; :class:`LocalExecutor` runs things here,
and an SSH executor can run the same backend logic on another machine. The names below are imported
on first use, so loading the plugin stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir.core.lazy import lazy_exports

if TYPE_CHECKING:
    from aegir.backends.local.backend import LocalBackend, db_admin_secret
    from aegir.backends.local.executor import Executor
    from aegir.backends.local.local_executor import LocalExecutor
    from aegir.core.registry import BackendRegistry

__all__ = ["Executor", "LocalBackend", "LocalExecutor", "aegir_register_backends", "db_admin_secret"]

__getattr__ = lazy_exports(
    __name__,
    {
        "LocalBackend": "aegir.backends.local.backend",
        "db_admin_secret": "aegir.backends.local.backend",
        "Executor": "aegir.backends.local.executor",
        "LocalExecutor": "aegir.backends.local.local_executor",
    },
)


@hookimpl
def aegir_register_backends(registry: BackendRegistry) -> None:
    from aegir.backends.local.backend import LocalBackend

    registry.add(LocalBackend)
