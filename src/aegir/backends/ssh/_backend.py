"""The SSH backend: :class:`~aegir.backends.local.LocalBackend`'s logic driven over SSH."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs

from aegir.backends.local.backend import LocalBackend
from aegir.backends.ssh._executor import SshExecutor, SshTarget

if TYPE_CHECKING:
    from aegir.backends.local.executor import Executor
    from aegir.core.backend import BackendEnv
    from aegir.core.model import Server

__all__ = ["DEFAULT_REMOTE_ROOT", "SshBackend"]

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
