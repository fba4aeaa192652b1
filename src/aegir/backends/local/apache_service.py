"""A managed Apache: ``apache2 -d DIR -f CONF`` with its own configuration under the server
directory (event MPM, only the modules it needs), started and stopped by its PID file like the
managed nginx, and reloaded gracefully (SIGUSR1) after ``apache2 -t`` accepted the files.
"""

from __future__ import annotations

import re
import time
from typing import ClassVar

from aegir.backends.local import nginx_acme
from aegir.backends.local.apache_conf import ApacheMainConfig, render_apache_main
from aegir.backends.local.daemons import ManagedDaemon
from aegir.backends.local.nginx_conf import MAINTENANCE_PAGE
from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError

__all__ = ["ManagedApache"]

_FAILED = ("AH00015", "AH00072", "AH00076", "no listening sockets available", "Configuration Failed")
_HOLDER = re.compile(r"pid=(\d+)")


class ManagedApache(ManagedDaemon):
    label: ClassVar[str] = "apache"
    stop_signal: ClassVar[str] = "TERM"
    reload_timeout: ClassVar[float] = 15.0

    @property
    def pid_file(self) -> str:
        return self.layout.apache_pid

    @property
    def error_log(self) -> str:
        return self.layout.apache_error_log

    @property
    def marker(self) -> str:
        return self.layout.apache_conf

    @property
    def https_port(self) -> int | None:
        value = self.service.options.get("https_port")
        return int(value) if value and value.isdigit() else None

    @property
    def vhosts_dir(self) -> str:
        return self.layout.apache_vhosts_dir

    @property
    def maintenance_dir(self) -> str:
        return self.layout.path("apache", "maintenance")

    @property
    def maintenance_page(self) -> str:
        return self.layout.path("apache", "html", "maintenance.html")

    @property
    def acme_dir(self) -> str:
        return nginx_acme.challenge_dir_beside(self.vhosts_dir)

    def is_worker_title(self, title: str) -> bool:
        # Apache's children keep the master's command line, which names this server's config
        return self.marker in title

    def _port(self) -> int:
        if self.service.port is None:
            raise BackendError(f"the Apache service of server {self.ctx.server!r} has no port")
        return self.service.port

    def binary(self) -> str:
        configured = self.service.options.get("binary")
        for name in (configured,) if configured else ("apache2", "/usr/sbin/apache2", "httpd"):
            found = self.ex.which(name)
            if found:
                return found
        raise BackendError(
            f"apache of server {self.ctx.server!r}: program {configured or 'apache2'!r} is not installed "
            "(Debian package apache2-bin)"
        )

    @property
    def default_certificate(self) -> tuple[str, str]:
        """The self-signed certificate and key of the HTTPS port's default vhost."""
        return self.layout.path("apache", "tls", "default.pem"), self.layout.path(
            "apache", "tls", "default.key"
        )

    def _make_default_certificate(self) -> None:
        """A throw-away self-signed certificate (for the name ``invalid``), made once: it only
        lets the default vhost finish a handshake and answer 404 to names no site has."""
        cert, key = self.default_certificate
        if self.ex.exists(cert) and self.ex.exists(key):
            return
        from datetime import UTC, datetime, timedelta

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        private = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "invalid")])
        now = datetime.now(UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(private.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=3650))
            .sign(private, hashes.SHA256())
        )
        self.ex.make_dir(self.layout.path("apache", "tls"), 0o700)
        key_pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self.ex.write_file(key, key_pem, 0o600)
        self.ex.write_file(cert, certificate.public_bytes(serialization.Encoding.PEM), 0o644)

    def prepare(self) -> None:
        lay = self.layout
        for d in ("run", "logs", "sites", "maintenance", "html", "empty"):
            self.ex.make_dir(lay.path("apache", d), 0o755)
        self.ex.write_file(self.maintenance_page, MAINTENANCE_PAGE.encode(), 0o644)
        if self.https_port:
            self._make_default_certificate()
        config = ApacheMainConfig(
            server=self.ctx.server,
            address=self.service.address,
            port=self._port(),
            server_root=lay.apache_dir,
            pid_file=lay.apache_pid,
            error_log=lay.apache_error_log,
            access_log=lay.apache_access_log,
            run_dir=lay.path("apache", "run"),
            vhosts_dir=self.vhosts_dir,
            acme_dir=self.acme_dir,
            empty_dir=lay.path("apache", "empty"),
            modules_dir=self.service.options.get("modules_dir", "/usr/lib/apache2/modules"),
            user=self.ctx.web_user if self.ctx.as_root else None,
            https_port=self.https_port,
            mime_types=self.service.options.get("mime_types", "/etc/mime.types"),
            default_certificate=self.default_certificate[0] if self.https_port else None,
            default_key=self.default_certificate[1] if self.https_port else None,
        )
        self.ex.write_file(lay.apache_conf, render_apache_main(config).encode(), 0o644)

    def _argv(self, *extra: str) -> list[str]:
        return [self.binary(), "-d", self.layout.apache_dir, "-f", self.layout.apache_conf, *extra]

    @property
    def loaded_marker(self) -> str:
        """Touched just before Apache reads its files: older files are what it serves."""
        return self.layout.path("apache", "run", "loaded")

    def serves(self, path: str) -> bool:
        """Whether the running Apache has read ``path`` as it is now."""
        if self.pid() is None:
            return False
        written, loaded = self.ex.modified_time(path), self.ex.modified_time(self.loaded_marker)
        return written is not None and loaded is not None and written < loaded

    def launch(self) -> None:
        self.ex.write_file(self.loaded_marker, b"", 0o644)
        # the config is parsed before Apache detaches (a syntax error fails here); the ports are
        # bound after, so a taken port shows in the error log (failed_early)
        result = self.ex.run(self._argv(), timeout=30)
        if result.returncode != 0:
            self.ex.remove_path(self.loaded_marker)
            raise BackendError(
                f"apache of server {self.ctx.server!r} did not start: {_tail(result)} (log: {self.error_log})"
            )

    def failed_early(self, log_offset: int) -> bool:
        text = self.ex.read_tail(self.error_log, offset=log_offset)
        return any(mark in text for mark in _FAILED)

    def ready(self) -> bool:
        return self.pid() is not None and self.ex.can_connect(self.service.address, self._port())

    def test(self) -> CommandResult:
        """``apache2 -t`` on the whole configuration, vhosts included."""
        return self.ex.run(self._argv("-t"), timeout=60)

    def reload(self) -> None:
        """Graceful restart (SIGUSR1); returns once no old child takes new connections.

        Apache keeps its listening sockets across a graceful restart. It tells the old children
        to finish (they close their copy of the listeners at once and end their requests), reads
        its files again and starts new children; until an old child has closed the listeners it
        may accept a connection and answer with the old configuration. So wait until there are
        new children and no old one holds the listening socket.
        """
        pid = self.pid()
        if pid is None:
            return
        old = {p for p, _ in self.ex.child_processes(pid)}
        offset = self.ex.file_size(self.error_log)
        self.ex.write_file(self.loaded_marker, b"", 0o644)
        self.ex.signal(pid, "USR1")
        deadline = time.monotonic() + self.reload_timeout
        while time.monotonic() < deadline:
            if not self.ex.pid_alive(pid):
                break
            children = {p for p, _ in self.ex.child_processes(pid)}
            if children - old and not (self._listeners() & old):
                return
            time.sleep(0.01)
        self.ex.remove_path(self.loaded_marker)  # what Apache serves is unknown now
        raise BackendError(f"apache of server {self.ctx.server!r} did not reload: {self.log_tail(offset)}")

    def _listeners(self) -> set[int]:
        """The processes holding this Apache's listening socket (``ss``; without it, as if
        every live process did, so a reload waits for the old children to exit)."""
        ss = self.ex.which("ss")
        if ss is None:
            return {p for p, _ in self.ex.child_processes(self.pid() or 0)}
        result = self.ex.run([ss, "-Hltnp", "sport", "=", f":{self._port()}"], timeout=10)
        return {int(p) for p in _HOLDER.findall(result.stdout)}


def _tail(result: CommandResult) -> str:
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    return " | ".join(lines[-5:]) or f"exit status {result.returncode}"
