"""The one container of a Docker server: found, made, started, stopped and removed through the
Docker Engine API (the ``docker`` client library, imported only here and only when used).

A container is Aegir's when its labels say so (:data:`LABEL_SERVER` names the server); a container
or volume of the same name without that label is never used, changed or removed. Aegir never pulls
an image: the image must be on the Docker host already.
"""

from __future__ import annotations

import os
import socket
import time
import weakref
from contextlib import suppress
from functools import cached_property
from typing import Any

from attrs import frozen

from aegir.core.errors import BackendError, ConflictError

__all__ = ["KEEPER", "LABEL_MANAGED", "LABEL_SERVER", "ContainerHandle", "ContainerSpec"]

LABEL_MANAGED = "org.aegir.managed"
LABEL_SERVER = "org.aegir.server"
DEFAULT_SOCKET = "unix:///var/run/docker.sock"
#: the container's first process: it waits, reaps the orphans it inherits (daemons started by
#: exec are re-parented to it) and ends at once on SIGTERM, so ``docker stop`` does not hang
KEEPER = ["sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait; done"]
_API_TIMEOUT = 60


@frozen
class ContainerSpec:
    """What the container of one server is made of."""

    server: str
    name: str
    image: str
    volume: str
    mount: str
    #: container TCP port -> (host address, host port) it is published on
    ports: dict[int, tuple[str, int]]
    #: host paths mounted read-only at the same path (a test set-up; see docs/docker.md)
    read_only: tuple[str, ...] = ()


class ContainerHandle:
    """The Docker host (``docker_host``, else ``DOCKER_HOST``, else the default socket) and one container."""

    def __init__(self, spec: ContainerSpec, docker_host: str | None) -> None:
        self.spec = spec
        self.name = spec.name
        self.docker_host = docker_host or os.environ.get("DOCKER_HOST") or DEFAULT_SOCKET
        self._explicit = docker_host is not None
        self._ports: dict[int, tuple[str, int]] | None = None

    # -- the client -----------------------------------------------------------------------------
    @cached_property
    def client(self) -> Any:
        import docker

        self._check_socket()
        client = None
        try:
            if self._explicit:
                client = docker.DockerClient(base_url=self.docker_host, timeout=_API_TIMEOUT)
            else:  # DOCKER_HOST and its TLS settings, as the docker command reads them
                client = docker.from_env(timeout=_API_TIMEOUT)
            client.ping()
        except Exception as e:  # the library raises its own errors and requests' ones
            if client is not None:
                client.close()
            raise BackendError(
                f"cannot reach the Docker daemon at {self.docker_host} (option docker_host): {_reason(e)}"
            ) from e
        # the pooled API connections are closed with this handle, even when no one calls close()
        self._finalizer = weakref.finalize(self, client.close)
        return client

    def _check_socket(self) -> None:
        """For a Unix socket, connect once first: the library leaks the socket of a failed connect."""
        if not self.docker_host.startswith(("unix://", "http+unix://")):
            return
        path = self.docker_host.split("://", 1)[1]
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.settimeout(10)
                probe.connect(path)
        except OSError as e:
            raise BackendError(
                f"cannot reach the Docker daemon at {self.docker_host} (option docker_host): {e.strerror or e}"
            ) from e

    def close(self) -> None:
        if "client" in self.__dict__:
            self.__dict__.pop("client")
            self._finalizer()

    def _api_error(self, what: str, e: Exception) -> BackendError:
        return BackendError(f"{what} (Docker daemon at {self.docker_host}): {_reason(e)}")

    # -- the container --------------------------------------------------------------------------
    def find(self) -> Any | None:
        """Aegir's container of this server, None if there is none; refuses anyone else's."""
        import docker

        try:
            container = self.client.containers.get(self.name)
        except docker.errors.NotFound:
            return None
        except docker.errors.DockerException as e:
            raise self._api_error(f"cannot look up container {self.name!r}", e) from e
        labels = container.labels or {}
        if labels.get(LABEL_SERVER) != self.spec.server:
            raise ConflictError(
                f"a container named {self.name!r} exists on {self.docker_host} but Aegir did not make it "
                f"for server {self.spec.server!r} (no label {LABEL_SERVER}={self.spec.server}); refusing "
                "to use or remove it: rename or remove it, or give the server another name"
            )
        return container

    def running(self) -> bool:
        container = self.find()
        return container is not None and container.status == "running"

    def ensure_running(self) -> None:
        """Make the container if there is none (image, volume, ports), and start it if stopped."""
        import docker

        container = self.find() or self._create()
        if container.status != "running":
            try:
                container.start()
            except docker.errors.DockerException as e:
                raise self._api_error(f"cannot start container {self.name!r}", e) from e
        self._ports = None

    def _create(self) -> Any:
        import docker

        spec = self.spec
        try:
            self.client.images.get(spec.image)
        except docker.errors.ImageNotFound as e:
            raise BackendError(
                f"image {spec.image!r} is not on the Docker host {self.docker_host}: Aegir never pulls "
                "images; pull or build it there first (option image)"
            ) from e
        except docker.errors.DockerException as e:
            raise self._api_error(f"cannot look up image {spec.image!r}", e) from e
        labels = {LABEL_MANAGED: "true", LABEL_SERVER: spec.server}
        volumes = {spec.volume: {"bind": spec.mount, "mode": "rw"}}
        volumes.update({path: {"bind": path, "mode": "ro"} for path in spec.read_only})
        try:
            self._volume(create=True)
            return self.client.containers.create(
                spec.image,
                command=KEEPER,
                name=spec.name,
                labels=labels,
                volumes=volumes,
                ports={f"{port}/tcp": host for port, host in spec.ports.items()},
                detach=True,
            )
        except docker.errors.DockerException as e:
            raise self._api_error(f"cannot create container {spec.name!r} from {spec.image!r}", e) from e

    def _volume(self, *, create: bool) -> Any | None:
        """The server's named volume (made when ``create``); refuses one Aegir did not make."""
        import docker

        try:
            volume = self.client.volumes.get(self.spec.volume)
        except docker.errors.NotFound:
            if not create:
                return None
            return self.client.volumes.create(self.spec.volume, labels={LABEL_SERVER: self.spec.server})
        if (volume.attrs.get("Labels") or {}).get(LABEL_SERVER) != self.spec.server:
            raise ConflictError(
                f"a volume named {self.spec.volume!r} exists on {self.docker_host} but Aegir did not make "
                f"it for server {self.spec.server!r}; refusing to use or remove it"
            )
        return volume

    def stop(self) -> None:
        import docker

        container = self.find()
        if container is None or container.status != "running":
            return
        try:
            container.stop(timeout=20)
        except docker.errors.DockerException as e:
            raise self._api_error(f"cannot stop container {self.name!r}", e) from e

    def remove(self, *, volume: bool) -> None:
        """Remove the container (and its volume when ``volume``), if they are Aegir's."""
        import docker

        try:
            container = self.find()
            if container is not None:
                container.remove(force=True)
            if volume:
                found = self._volume(create=False)
                if found is not None:
                    found.remove(force=True)
        except docker.errors.DockerException as e:
            raise self._api_error(f"cannot remove container {self.name!r} or its volume", e) from e

    # -- exec and ports -------------------------------------------------------------------------
    def exec_socket(self, argv: list[str], *, stdin: bool, cwd: str | None) -> tuple[str, Any]:
        """Start an exec of ``argv``; its id and the raw socket of its attached streams."""
        import docker

        api = self.client.api
        try:
            exec_id = api.exec_create(self.name, argv, stdin=stdin, stdout=True, stderr=True, workdir=cwd)[
                "Id"
            ]
            attached = api.exec_start(exec_id, socket=True)
        except docker.errors.APIError as e:
            if e.status_code in (404, 409) or "not running" in str(e) or "improper" in str(e):
                raise BackendError(
                    f"container {self.name!r} is not running: start the server "
                    f"(aegir server start {self.spec.server})"
                ) from e
            raise self._api_error(f"cannot run {argv[0]!r} in container {self.name!r}", e) from e
        except docker.errors.DockerException as e:
            raise self._api_error(f"cannot run {argv[0]!r} in container {self.name!r}", e) from e
        return exec_id, _RawStream(attached)

    def exec_exit_code(self, exec_id: str, wait: float) -> int:
        """The exit status of an exec whose streams have ended (it may take a moment to be set)."""
        deadline = time.monotonic() + wait
        while True:
            info = self.client.api.exec_inspect(exec_id)
            if not info.get("Running") and info.get("ExitCode") is not None:
                return int(info["ExitCode"])
            if time.monotonic() > deadline:
                raise BackendError(f"an exec in container {self.name!r} did not report its exit status")
            time.sleep(0.01)

    def _connect_to(self, address: str) -> str:
        """Where to connect for a port published on ``address`` of the Docker host: any-address
        means that host itself (this machine for a Unix socket, else the host named by
        ``docker_host``)."""
        if address not in ("", "0.0.0.0", "::"):  # noqa: S104 (a name, not a bind)
            return address
        from urllib.parse import urlsplit

        remote = urlsplit(self.docker_host)
        if remote.scheme in ("tcp", "http", "https", "ssh") and remote.hostname:
            return remote.hostname
        return "::1" if address == "::" else "127.0.0.1"

    def published_port(self, port: int) -> tuple[str, int] | None:
        """Where container port ``port``/tcp is published on the Docker host (None: it is not)."""
        if self._ports is None:
            container = self.find()
            ports: dict[int, tuple[str, int]] = {}
            settings = (container.attrs.get("NetworkSettings") or {}).get("Ports") or {} if container else {}
            for key, bindings in settings.items():
                number, _, proto = key.partition("/")
                if proto == "tcp" and number.isdigit() and bindings:
                    address = bindings[0].get("HostIp") or "127.0.0.1"
                    ports[int(number)] = (self._connect_to(address), int(bindings[0]["HostPort"]))
            self._ports = ports
        return self._ports.get(port)


class _RawStream:
    """The socket of an exec's attached streams; closing it closes the library's wrapper too
    (a socket with a file object still open keeps its descriptor)."""

    def __init__(self, attached: Any) -> None:
        self._attached = attached
        self._sock = getattr(attached, "_sock", attached)

    def recv(self, size: int) -> bytes:
        return bytes(self._sock.recv(size))

    def sendall(self, data: bytes) -> None:
        self._sock.sendall(data)

    def shutdown(self, how: int) -> None:
        self._sock.shutdown(how)

    def settimeout(self, seconds: float | None) -> None:
        self._sock.settimeout(seconds)

    def close(self) -> None:
        with suppress(OSError):
            self._attached.close()
        self._sock.close()


def _reason(e: Exception) -> str:
    text = str(e).strip() or type(e).__name__
    return text[-500:]
