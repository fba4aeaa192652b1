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

from typing import TYPE_CHECKING, ClassVar

import attrs

from aegir.backends.local import LocalBackend
from aegir.backends.ssh._executor import SshExecutor, SshTarget, command_line
from aegir.core.hookspecs import hookimpl

if TYPE_CHECKING:
    from aegir.backends.local.executor import Executor
    from aegir.core.backend import BackendEnv
    from aegir.core.model import Server
    from aegir.core.registry import BackendRegistry, StoreRegistry

__all__ = ["SshBackend", "SshExecutor", "SshTarget", "command_line"]

DEFAULT_REMOTE_ROOT = "/var/lib/aegir/servers"


class SshBackend(LocalBackend):
    """A server on another machine, with the same services and layout as a local one."""

    name: ClassVar[str] = "ssh"

    def __init__(self, server: Server, env: BackendEnv, *, executor: Executor | None = None) -> None:
        if "root" not in server.options:
            root = f"{DEFAULT_REMOTE_ROOT}/{server.name}"
            server = attrs.evolve(server, options={**server.options, "root": root})
        if executor is None:
            executor = SshExecutor(SshTarget.from_options(server.name, server.options, env.home))
        super().__init__(server, env, executor=executor)

    def close(self) -> None:
        """Close the SSH connection (it opens again on the next use)."""
        if isinstance(self.executor, SshExecutor):
            self.executor.close()


@hookimpl
def aegir_register_backends(registry: BackendRegistry) -> None:
    registry.add(SshBackend)


@hookimpl
def aegir_register_stores(registry: StoreRegistry) -> None:
    from aegir.backends.ssh.store import SftpStore

    registry.add(SftpStore)
