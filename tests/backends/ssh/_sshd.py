"""Starting a real OpenSSH server on 127.0.0.1 for tests: own config, keys and port; stopped by PID.

The one harness of every test that needs an sshd (the SFTP store, the SSH executor and backend).
With ``private`` directories, and when this process may (root, ``unshare -m``), the sshd runs in a
mount namespace of its own with an empty tmpfs over each of them: what a login writes there is on
"another machine", invisible at that path to the test process, as on a real remote server.
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from attrs import frozen

from ports import free_port

SSHD = "/usr/sbin/sshd"  # sshd re-executes itself, so it must be started by absolute path


@frozen
class Sshd:
    port: int
    user: str
    host_key: Path
    client_key: Path
    workdir: Path
    pid: int
    #: the ``private`` directories are the sshd's own (a mount namespace), not shared with us
    private_view: bool = False


def keygen(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return path


def can_unshare() -> bool:
    """Whether an sshd can get a mount namespace of its own here (root, and unshare allowed)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def _config(work: Path, port: int, host_key: Path, authorized: Path) -> Path:
    config = work / f"sshd_config_{port}"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {host_key}",
                f"PidFile {work / f'sshd-{port}.pid'}",
                f"AuthorizedKeysFile {authorized}",
                f"AllowUsers {getpass.getuser()}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                # The test's files live under /tmp, which StrictModes would reject as world-writable.
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                "",
            ]
        )
    )
    return config


@contextmanager
def running_sshd(
    work: Path,
    *,
    client_key: Path | None = None,
    host_key: Path | None = None,
    private: Sequence[Path] = (),
) -> Iterator[Sshd]:
    """An sshd serving commands and SFTP with key login for the current user, its files in ``work``.

    ``client_key`` (made in ``work`` when not given) is the key it accepts; ``host_key`` (made
    when not given) the key it shows. ``private``: directories that exist here and that the sshd
    gets empty and its own (see the module); without root or ``unshare`` they stay shared, and
    :attr:`Sshd.private_view` says so.
    """
    port = free_port()
    host_key = host_key or keygen(work / f"host_ed25519_{port}")
    if client_key is None:
        client_key = work / "client_ed25519"
        if not client_key.exists():
            keygen(client_key)
    authorized = work / f"authorized_keys_{port}"
    authorized.write_text(client_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)
    config = _config(work, port, host_key, authorized)
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation directory
    argv = [SSHD, "-D", "-e", "-f", str(config)]
    private_view = bool(private) and can_unshare()
    if private_view:
        # unshare and sh exec into sshd: the PID we get is the sshd's, and it is what we stop
        mounts = " && ".join(f"mount -t tmpfs -o mode=0755 aegir-test {shlex.quote(str(p))}" for p in private)
        argv = [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            f"{mounts} && exec {shlex.join(argv)}",
        ]
    log_path = work / f"sshd-{port}.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"sshd exited with {proc.returncode}: {log_path.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"sshd did not listen on {port}: {log_path.read_text()}") from None
                time.sleep(0.05)
        yield Sshd(port, getpass.getuser(), host_key, client_key, work, proc.pid, private_view)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
