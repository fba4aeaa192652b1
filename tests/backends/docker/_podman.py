"""A private podman serving the Docker API on a Unix socket, for the docker backend's tests.

Everything lives under one temporary directory: the storage root and run root (vfs driver), the
``containers.conf`` (runc, lowered ulimits: see /work/shared/ENVIRONMENT.md), the socket. The test
image is imported from a tarball of empty directories; containers made from it get this machine's
``/usr``, ``/lib``, ``/lib64``, ``/bin``, ``/sbin`` and ``/etc`` bind-mounted READ-ONLY (server option
``read_only``), so nginx, php-fpm, MariaDB, GNU tar and Debian's WordPress exist inside. That is a
test set-up only; a real image carries its own programs (docs/docker.md). The service is stopped by
its PID, and every container and volume of the private storage is removed at the end.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from attrs import frozen

IMAGE = "localhost/aegir-test-rootfs:1"
READ_ONLY = "/usr,/lib,/lib64,/bin,/sbin,/etc"
#: the empty directories of the test image (mount points, and what programs expect to write to)
ROOTFS_DIRS = ("proc", "sys", "dev", "tmp", "run", "srv", "var/tmp", "var/lib", "var/log", "root")
#: runc and lowered ulimits (what runs here); every exec leaves a conmon process for
#: exit_command_delay seconds (300 by default) so that its exit status can still be asked for:
#: a few seconds are plenty for Aegir, which asks at once, and keep hundreds from piling up
CONF = (
    '[containers]\ndefault_ulimits=["nofile=20000:20000","nproc=32768:32768"]\n'
    '[engine]\nruntime="runc"\nexit_command_delay=5\n'
)


@frozen
class Podman:
    base: Path
    socket: Path
    #: the podman command with this instance's storage options
    argv: tuple[str, ...]

    @property
    def docker_host(self) -> str:
        return f"unix://{self.socket}"

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "CONTAINERS_CONF": str(self.base / "containers.conf")}
        return subprocess.run(
            [*self.argv, *args], capture_output=True, text=True, check=False, env=env, timeout=120
        )


def _rootfs_tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in ROOTFS_DIRS:
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            info.mode = 0o1777 if name in ("tmp", "var/tmp") else 0o755
            tar.addfile(info)
    return buffer.getvalue()


@contextmanager
def running_podman() -> Iterator[Podman]:
    base = Path(tempfile.mkdtemp(prefix="aegir-podman-"))
    (base / "containers.conf").write_text(CONF)
    argv = (
        "podman", "--root", str(base / "root"), "--runroot", str(base / "run"),
        "--storage-driver", "vfs", "--tmpdir", str(base / "tmp"),
    )  # fmt: skip
    podman = Podman(base, base / "podman.sock", argv)
    (base / "rootfs.tar").write_bytes(_rootfs_tar())
    imported = podman.cli("import", str(base / "rootfs.tar"), IMAGE)
    assert imported.returncode == 0, imported.stderr
    env = {**os.environ, "CONTAINERS_CONF": str(base / "containers.conf")}
    log = (base / "service.log").open("wb")
    service = subprocess.Popen(
        [*argv, "system", "service", "--time=0", podman.docker_host],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 20
        while not podman.socket.exists():
            assert service.poll() is None, (base / "service.log").read_text()
            assert time.monotonic() < deadline, "podman system service did not listen within 20 s"
            time.sleep(0.05)
        yield podman
    finally:
        with suppress(OSError):
            podman.cli("rm", "--all", "--force", "--time", "0")
            podman.cli("volume", "rm", "--all", "--force")
        service.send_signal(signal.SIGTERM)
        try:
            service.wait(timeout=20)
        except subprocess.TimeoutExpired:
            service.kill()
            service.wait()
        log.close()
        _end_leftovers(base)
        shutil.rmtree(base, ignore_errors=True)


def _end_leftovers(base: Path) -> None:
    """End, by PID, the processes this podman left (conmon monitors of execs still in their exit
    delay): exactly those whose command line names this instance's private directory."""
    mark = str(base).encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if mark in (proc / "cmdline").read_bytes():
                os.kill(int(proc.name), signal.SIGKILL)
        except OSError:
            continue
