"""The Docker backend: :class:`~aegir.backends.local.LocalBackend`'s logic inside one container.

The server is one long-running container (``aegir-<server>``, labelled as Aegir's) whose server
directory is a named volume; nginx, php-fpm and MariaDB run in it as they would on a machine,
started and checked through :class:`DockerExecutor`. The web server listens on every address of the
container, so the ports Docker publishes reach it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs

from aegir.backends.docker._container import ContainerHandle, ContainerSpec
from aegir.backends.docker._executor import DockerExecutor
from aegir.backends.local.backend import LocalBackend
from aegir.core.backend import ServiceState
from aegir.core.errors import BackendError, ValidationError
from aegir.core.model import ServiceKind

if TYPE_CHECKING:
    from aegir.backends.local.executor import Executor
    from aegir.core.backend import BackendEnv
    from aegir.core.model import Server, Service

__all__ = ["DEFAULT_MOUNT", "DockerBackend", "container_spec"]

#: where the server directory (the volume) is in the container
DEFAULT_MOUNT = "/srv/aegir"
_ANY = "0.0.0.0"  # noqa: S104 (inside the container: only the published ports reach it)
_TRUE = {"1", "yes", "true", "on"}


def _port_option(server: Server, service: Service, key: str) -> int | None:
    value = service.options.get(key)
    if value is None:
        return None
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ValidationError(f"server {server.name!r}: invalid {key} {value!r}")
    return int(value)


def container_spec(server: Server) -> ContainerSpec:
    """The container of ``server`` from its options: ``image``, ``root``, ``publish_address``,
    ``read_only`` (host paths mounted read-only, comma-separated), ``volume``."""
    options = server.options
    image = options.get("image", "")
    if not image or any(c.isspace() for c in image):
        raise ValidationError(
            f"server {server.name!r}: the docker backend needs the option 'image', got {image!r}"
        )
    address = options.get("publish_address", "127.0.0.1")
    ports: dict[int, tuple[str, int]] = {}
    web = server.service(ServiceKind.HTTP)
    if web is not None and web.managed:
        for port in (web.port or 80, _port_option(server, web, "https_port")):
            if port is not None:
                ports[port] = (address, port)
    read_only = tuple(p.strip() for p in options.get("read_only", "").split(",") if p.strip())
    for path in read_only:
        if not path.startswith("/") or path == "/":
            raise ValidationError(f"server {server.name!r}: read_only paths must be absolute, got {path!r}")
    return ContainerSpec(
        server=server.name,
        name=f"aegir-{server.name}",
        image=image,
        volume=options.get("volume", f"aegir-{server.name}"),
        mount=options.get("root", DEFAULT_MOUNT),
        ports=ports,
        read_only=read_only,
    )


class DockerBackend(LocalBackend):
    """A server in one Docker container, with the same services and layout as a local one."""

    name: ClassVar[str] = "docker"

    def __init__(self, server: Server, env: BackendEnv, *, executor: Executor | None = None) -> None:
        spec = container_spec(server)
        # inside the container the web server listens on every address: published ports reach it
        services = [
            attrs.evolve(s, address=_ANY) if s.kind is ServiceKind.HTTP and s.managed else s
            for s in server.services
        ]
        server = attrs.evolve(server, services=services, options={**server.options, "root": spec.mount})
        self.container = ContainerHandle(spec, server.options.get("docker_host"))
        self._tearing_down = False
        super().__init__(server, env, executor=executor or DockerExecutor(self.container))

    def close(self) -> None:
        self.container.close()

    # -- the container's life follows the server's ------------------------------------------------
    def setup(self) -> None:
        self.container.ensure_running()
        super().setup()

    def start(self) -> list[ServiceState]:
        self.container.ensure_running()
        return super().start()

    def stop(self) -> list[ServiceState]:
        if self.container.running():
            super().stop()
        if not self._tearing_down:  # teardown still needs the container to remove files
            self.container.stop()
        return self.status()

    def status(self) -> list[ServiceState]:
        if self.container.running():
            return super().status()
        detail = f"container {self.container.name} not running"
        return [
            ServiceState(s.type.value, s.type.value, False, None, s.port, detail)
            for s in self.server.services
        ]

    def teardown(self) -> None:
        """Stop and remove the server's files (as locally), then its container; its volume only
        when the server option ``remove_volume`` says so."""
        started = self.container.find() is not None
        if started:
            try:
                self.container.ensure_running()
            except BackendError:
                # a container that cannot even start (a broken image) runs nothing and is removed
                # all the same; its files stay in the volume unless that goes too
                started = False
        if started:
            self._tearing_down = True
            try:
                super().teardown()
            finally:
                self._tearing_down = False
        else:
            self.env.secrets.delete_tree(f"server/{self.server.name}")
        remove_volume = self.server.options.get("remove_volume", "no").lower() in _TRUE
        self.container.remove(volume=remove_volume)

    # -- files are in the container -------------------------------------------------------------
    def local_files(self) -> bool:
        return False
