"""The docker backend plugin: a server in one Docker container, driven by the local backend's logic.

Everything :class:`~aegir.backends.local.LocalBackend` does (managed nginx, php-fpm and MariaDB,
vhosts, databases, files, the files part of backups) happens inside one long-running container
(``aegir-<server>``, labelled as Aegir's, the server directory on a named volume) through a
:class:`DockerExecutor`: commands are Docker ``exec`` calls, HTTP health checks go to the ports the
container publishes. Server options: ``image`` (required, never pulled), ``docker_host`` (else
``DOCKER_HOST``, else the default socket), ``publish_address`` (127.0.0.1), ``root`` (where the
volume is mounted in the container, ``/srv/aegir``), ``volume`` (``aegir-<server>``),
``read_only`` (host paths mounted read-only at the same path; a test set-up), ``remove_volume``
(``server remove`` deletes the volume too). See docs/docker.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir.core.lazy import lazy_exports

if TYPE_CHECKING:
    from aegir.backends.docker._backend import DEFAULT_MOUNT, DockerBackend, container_spec
    from aegir.backends.docker._container import ContainerHandle, ContainerSpec
    from aegir.backends.docker._executor import DockerExecutor, ProcessInfo, parse_processes
    from aegir.core.registry import BackendRegistry

__all__ = [
    "DEFAULT_MOUNT",
    "ContainerHandle",
    "ContainerSpec",
    "DockerBackend",
    "DockerExecutor",
    "ProcessInfo",
    "container_spec",
    "parse_processes",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_MOUNT": "aegir.backends.docker._backend",
        "DockerBackend": "aegir.backends.docker._backend",
        "container_spec": "aegir.backends.docker._backend",
        "ContainerHandle": "aegir.backends.docker._container",
        "ContainerSpec": "aegir.backends.docker._container",
        "DockerExecutor": "aegir.backends.docker._executor",
        "ProcessInfo": "aegir.backends.docker._executor",
        "parse_processes": "aegir.backends.docker._executor",
    },
)


@hookimpl
def aegir_register_backends(registry: BackendRegistry) -> None:
    from aegir.backends.docker._backend import DockerBackend

    registry.add(DockerBackend)
