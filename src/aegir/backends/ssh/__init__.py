"""The ssh backend plugin: a server reached over SSH, driven by the local backend's logic.

Everything :class:`~aegir.backends.local.LocalBackend` does (managed nginx, php-fpm and MariaDB,
vhosts, databases, files) happens on the remote machine through an :class:`SshExecutor`: commands
over SSH, files over SFTP, HTTP health checks through forwarded channels. Server options:
``host`` (required), ``port`` (22), ``user`` (root), ``key`` (private key file), ``known_hosts``
(strict host-key file; without it, keys are recorded on first use in ``<home>/known_hosts``),
``root`` (the server directory on the remote machine, default ``/var/lib/aegir/servers/<name>``).

This plugin also registers the SFTP backup store (:mod:`aegir.backends.ssh.store`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir.core.lazy import lazy_exports

if TYPE_CHECKING:
    from aegir.backends.ssh._backend import DEFAULT_REMOTE_ROOT, SshBackend
    from aegir.backends.ssh._executor import SshExecutor, SshTarget, command_line
    from aegir.core.registry import BackendRegistry, StoreRegistry

__all__ = ["DEFAULT_REMOTE_ROOT", "SshBackend", "SshExecutor", "SshTarget", "command_line"]

__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_REMOTE_ROOT": "aegir.backends.ssh._backend",
        "SshBackend": "aegir.backends.ssh._backend",
        "SshExecutor": "aegir.backends.ssh._executor",
        "SshTarget": "aegir.backends.ssh._executor",
        "command_line": "aegir.backends.ssh._executor",
    },
)


@hookimpl
def aegir_register_backends(registry: BackendRegistry) -> None:
    from aegir.backends.ssh._backend import SshBackend

    registry.add(SshBackend)


@hookimpl
def aegir_register_stores(registry: StoreRegistry) -> None:
    from aegir.backends.ssh.store import SftpStore

    registry.add(SftpStore)
