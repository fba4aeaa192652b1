"""Helpers of the HTTPS tests: a real ACME CA, Debian's pebble and pebble-challtestsrv on 127.0.0.1 free
ports, pebble's own TLS from a CA made here, its DNS answered by challtestsrv (every name is
127.0.0.1), and its http-01 validation sent to the managed nginx's HTTP port, so challenges are
validated for real through Aegir's vhosts. A managed server (nginx with an HTTPS port, php-fpm,
MariaDB) with Debian's WordPress as codebase ``wp``. Everything is stopped by PID."""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from attrs import frozen

from ports import free_port

DEBIAN_WORDPRESS = "/usr/share/wordpress"


@frozen
class Pebble:
    directory: str
    ca_bundle: str  # the CA of pebble's own TLS (directory and management API)
    management: str
    challtestsrv: str

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_bundle)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.management + path, context=self._context(), timeout=10) as r:  # noqa: S310  (pebble here)
            return str(r.read().decode())

    def roots(self) -> str:
        """The roots and intermediates certificates are issued under (they change at each start)."""
        return self.get("/roots/0") + self.get("/intermediates/0")

    def set_address(self, host: str, address: str | None) -> None:
        """Make challtestsrv answer ``address`` for ``host`` (None: the default again)."""
        path, body = (
            ("/add-a", {"host": host, "addresses": [address]}) if address else ("/clear-a", {"host": host})
        )
        request = urllib.request.Request(  # noqa: S310  (challtestsrv here)
            self.challtestsrv + path, data=json.dumps(body).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=10) as r:  # noqa: S310  (challtestsrv here)
            assert r.status == 200


def _pebble_tls(d: Path) -> tuple[Path, Path, Path]:
    """A CA, and a certificate it signs for 127.0.0.1 and localhost (pebble's listeners)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("aegir test pebble TLS CA"))
        .issuer_name(name("aegir test pebble TLS CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("localhost"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = (d / "ca.pem", d / "cert.pem", d / "key.pem")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _wait_ready(url: str, context: ssl.SSLContext | None, log: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{proc.args!r} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, context=context, timeout=2):  # noqa: S310  (started here)
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer: {log.read_text(errors='replace')[-2000:]}")


def _wait_listening(port: int, log: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{proc.args!r} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}: {log.read_text(errors='replace')[-2000:]}")


def start_pebble(work: Path, http_port: int) -> tuple[Pebble, list[subprocess.Popen[bytes]]]:
    """challtestsrv, then pebble validating http-01 on ``http_port``; both already answering."""
    ca, cert, key = _pebble_tls(work)
    dns, chall_mgmt, listen, mgmt = free_port(), free_port(), free_port(), free_port()
    procs: list[subprocess.Popen[bytes]] = []
    chall_log = work / "challtestsrv.log"
    # fmt: off
    chall_argv = [
        "/usr/bin/pebble-challtestsrv", "-dns01", f"127.0.0.1:{dns}", "-http01", "", "-https01", "",
        "-tlsalpn01", "", "-management", f"127.0.0.1:{chall_mgmt}",
        "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
    ]
    # fmt: on
    with chall_log.open("wb") as out:
        procs.append(subprocess.Popen(chall_argv, stdout=out, stderr=subprocess.STDOUT))
    config = {
        "pebble": {
            "listenAddress": f"127.0.0.1:{listen}",
            "managementListenAddress": f"127.0.0.1:{mgmt}",
            "certificate": str(cert),
            "privateKey": str(key),
            "httpPort": http_port,
            "tlsPort": free_port(),
            "ocspResponderURL": "",
            "externalAccountBindingRequired": False,
        }
    }
    (work / "pebble.json").write_text(json.dumps(config))
    # PEBBLE_AUTHZREUSE: pebble reuses a name's valid authorization half of the time by default,
    # which would skip the challenge a test expects to fail; every order is validated here
    env = dict(os.environ, PEBBLE_VA_NOSLEEP="1", PEBBLE_AUTHZREUSE="0")
    env.pop("PEBBLE_VA_ALWAYS_VALID", None)  # real validation, through nginx
    pebble_log = work / "pebble.log"
    with pebble_log.open("wb") as out:
        argv = ["/usr/bin/pebble", "-config", str(work / "pebble.json"), "-dnsserver", f"127.0.0.1:{dns}"]
        procs.append(subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env))
    peb = Pebble(
        directory=f"https://127.0.0.1:{listen}/dir",
        ca_bundle=str(ca),
        management=f"https://127.0.0.1:{mgmt}",
        challtestsrv=f"http://127.0.0.1:{chall_mgmt}",
    )
    try:
        _wait_listening(dns, chall_log, procs[0])
        _wait_listening(chall_mgmt, chall_log, procs[0])
        _wait_ready(peb.directory, ssl.create_default_context(cafile=str(ca)), pebble_log, procs[1])
    except BaseException:
        for proc in procs:
            _stop(proc)
        raise
    return peb, procs
