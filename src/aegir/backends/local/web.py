"""Publishing sites on nginx (or Apache): one vhost file per site, checked with ``nginx -t``
(``apache2 -t``) before any reload.

A vhost that nginx rejects never reaches the running server: the previous file is put back (or the
new one removed) and the error says what nginx said. Maintenance is a flag file the vhost tests
on every request, so turning it on or off needs no reload.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import Protocol

from aegir.backends.local.executor import Executor
from aegir.backends.local.layout import ServerLayout
from aegir.backends.local.nginx_conf import VhostTarget, render_vhost, vhost_digest
from aegir.backends.local.services import wait_for_new_workers
from aegir.core import names
from aegir.core.backend import CommandResult, Vhost
from aegir.core.errors import BackendError, ValidationError
from aegir.core.model import Service

__all__ = ["AttachedNginx", "SitePublisher", "WebControl"]


class WebControl(Protocol):
    """What publishing needs from a web server: a config test and a graceful reload."""

    def test(self) -> CommandResult: ...
    def reload(self) -> None: ...
    def pid(self) -> int | None: ...
    def serves(self, path: str) -> bool: ...


class AttachedNginx:
    """An nginx Aegir does not run: vhosts go to its include directory, reloads run its command.

    Service options: ``include_dir`` (required), ``reload_cmd`` (required, an argv in shell-word
    syntax, split with :func:`shlex.split`, never run through a shell), ``test_cmd`` (default
    ``nginx -t``), ``pid_file`` (optional: with it, a reload waits until the old workers stop
    serving, as for a managed nginx; without it, until the new vhost answers).
    """

    def __init__(self, executor: Executor, service: Service, server: str) -> None:
        self.ex = executor
        self.service = service
        self.server = server
        self.include_dir = self._option("include_dir")
        if not self.include_dir.startswith("/"):
            raise ValidationError(
                f"server {server!r}: nginx include_dir {self.include_dir!r} must be absolute"
            )

    def _option(self, key: str, default: str | None = None) -> str:
        value = self.service.options.get(key, default)
        if not value:
            raise ValidationError(f"server {self.server!r}: the attached nginx needs the option {key!r}")
        return value

    def _command(self, key: str, default: str | None = None) -> list[str]:
        text = self._option(key, default)
        try:
            argv = shlex.split(text)
        except ValueError as e:
            raise ValidationError(
                f"server {self.server!r}: nginx {key} {text!r} cannot be parsed: {e}"
            ) from e
        if not argv:
            raise ValidationError(f"server {self.server!r}: nginx {key} is empty")
        return argv

    def test(self) -> CommandResult:
        return self.ex.run(self._command("test_cmd", "nginx -t"), timeout=60)

    def reload(self) -> None:
        """Run the reload command; with a ``pid_file``, wait until the old workers stop serving."""
        argv = self._command("reload_cmd")
        master = self._master()
        old = {p for p, _ in self.ex.child_processes(master)} if master else set()
        result = self.ex.run(argv, timeout=60)
        if result.returncode != 0:
            detail = " | ".join((result.stderr + result.stdout).strip().splitlines()[-5:])
            raise BackendError(f"reloading the nginx of server {self.server!r} failed: {detail}")
        if master and not wait_for_new_workers(self.ex, master, old, 15.0, lambda: False):
            raise BackendError(
                f"the nginx of server {self.server!r} (pid {master}) did not start new workers"
            )

    def _master(self) -> int | None:
        pid_file = self.service.options.get("pid_file")
        if not pid_file:
            return None
        try:
            text = self.ex.read_file(pid_file).decode("ascii", errors="replace").strip()
        except BackendError:
            return None
        return int(text) if text.isdigit() and self.ex.pid_alive(int(text)) else None

    def pid(self) -> int | None:
        # without a pid_file only its reload command knows whether it runs: assume it does
        return self._master() or 0

    def serves(self, path: str) -> bool:
        # when it last read its files is unknown: always reload
        return False


class SitePublisher:
    """Writes, checks, reloads and, on failure, restores the vhost files of one server."""

    def __init__(
        self,
        executor: Executor,
        layout: ServerLayout,
        control: WebControl,
        target: VhostTarget,
        *,
        vhosts_dir: str,
        server: str,
        confirm: Callable[[str, str | None], None] | None = None,
        render: Callable[[Vhost, VhostTarget], str] = render_vhost,
        digest: Callable[[str], str | None] = vhost_digest,
        software: str = "nginx",
    ) -> None:
        self.ex = executor
        self.layout = layout
        self.control = control
        self.target = target
        self.vhosts_dir = vhosts_dir.rstrip("/")
        self.server = server
        #: called after a reload with (domain, the digest now expected or None once unpublished)
        self.confirm = confirm
        #: the renderer and digest reader of the web server's vhosts (nginx's, or Apache's)
        self.render = render
        self.digest = digest
        #: the web server's name in errors
        self.software = software
        self._reloading = False

    def vhost_path(self, domain: str) -> str:
        return f"{self.vhosts_dir}/{names.normalize_domain(domain)}.conf"

    def _lock(self) -> str:
        return self.layout.path("private", "nginx.lock")

    def publish(self, vhost: Vhost) -> None:
        rendered = self.render(vhost, self.target)
        text = rendered.encode()
        path = self.vhost_path(vhost.domain)
        with self.ex.lock(self._lock()):
            previous = self.ex.read_file(path) if self.ex.exists(path) else None
            if previous == text and self.control.serves(path):
                return  # the same vhost, already live (a verify): no reload
            self.ex.make_dir(self.vhosts_dir, 0o755)
            self.ex.write_file(path, text, 0o644)
            try:
                self._apply(vhost.domain, self.digest(rendered))
            except BackendError as e:
                self._restore(path, previous)
                raise BackendError(
                    f"site {vhost.domain} was not published on server {self.server!r}: {e}; "
                    + (
                        "its previous vhost is back in place"
                        if previous is not None
                        else "nothing was changed"
                    )
                ) from e

    def unpublish(self, domain: str) -> None:
        path = self.vhost_path(domain)
        self.set_maintenance(domain, on=False)
        with self.ex.lock(self._lock()):
            if not self.ex.exists(path):
                return
            previous = self.ex.read_file(path)
            self.ex.remove_path(path)
            try:
                self._apply(domain, None)
            except BackendError as e:
                self._restore(path, previous)
                raise BackendError(f"site {domain} was not unpublished on server {self.server!r}: {e}") from e

    def set_maintenance(self, domain: str, *, on: bool) -> None:
        directory = self.target.maintenance_dir.rstrip("/")
        flag = f"{directory}/{names.normalize_domain(domain)}"
        if on:
            self.ex.make_dir(directory, 0o755)
            self.ex.write_file(flag, b"maintenance\n", 0o644)
        else:
            self.ex.remove_path(flag)

    def _apply(self, domain: str, digest: str | None) -> None:
        self._reloading = False
        result = self.control.test()
        if result.returncode != 0:
            lines = [ln for ln in (result.stderr + result.stdout).splitlines() if ln.strip()]
            raise BackendError(f"{self.software} rejected the configuration: " + " | ".join(lines[-4:]))
        if self.control.pid() is not None:
            self._reloading = True
            self.control.reload()
            if self.confirm is not None:
                self.confirm(names.normalize_domain(domain), digest)

    def _restore(self, path: str, previous: bytes | None) -> None:
        if previous is None:
            self.ex.remove_path(path)
        else:
            self.ex.write_file(path, previous, 0o644)
        # a rejected file never reached nginx; only a failed reload needs the old files reloaded
        if self._reloading and self.control.test().returncode == 0:
            self.control.reload()
