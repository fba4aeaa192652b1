"""One private podman (the Docker API) and one Docker server (``dock1``, added through the CLI) for
all the docker backend's tests of a run: a server's container and MariaDB are made once."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.backends.docker import DockerBackend
from aegir.cli import main
from aegir.hosting import Hosting
from ports import free_port

from ._podman import IMAGE, READ_ONLY, Podman, running_podman

SERVER = "dock1"


@pytest.fixture(scope="session")
def podman() -> Iterator[Podman]:
    with running_podman() as server:
        yield server


@pytest.fixture(scope="session")
def home() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="aegir-docker-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def aegir(home: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def options(podman: Podman, *extra: str) -> list[str]:
    """``--option`` arguments of a server in the test image (this machine's programs, read-only)."""
    given = [f"docker_host={podman.docker_host}", f"image={IMAGE}", f"read_only={READ_ONLY}", *extra]
    return [word for option in given for word in ("--option", option)]


@pytest.fixture(scope="session")
def server(home: Path, podman: Podman) -> Iterator[int]:
    """Server ``dock1`` added and started through the CLI; its HTTP port. Removed at the end."""
    port = free_port()
    code = main(
        ["--home", str(home), "server", "add", SERVER, "--backend", "docker", "--http-port", str(port),
         *options(podman, "remove_volume=yes"), "--start"]
    )  # fmt: skip
    assert code == 0
    try:
        yield port
    finally:
        assert main(["--home", str(home), "server", "remove", SERVER]) == 0
        names = podman.cli("ps", "-a", "--format", "{{.Names}}").stdout.split()
        volumes = podman.cli("volume", "ls", "--format", "{{.Name}}").stdout.split()
        assert f"aegir-{SERVER}" not in names and f"aegir-{SERVER}" not in volumes


@pytest.fixture
def backend(home: Path, server: int) -> Iterator[DockerBackend]:
    hosting = Hosting(home)
    try:
        found = hosting.backend(SERVER)
        assert isinstance(found, DockerBackend)
        yield found
    finally:
        hosting.close()
