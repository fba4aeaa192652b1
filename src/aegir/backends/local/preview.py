"""Private previews: a site's new copy served on a loopback port only Aegir requests.

A blue-green migration checks green through its preview before any traffic moves. The preview is
the site's vhost with three differences: it listens on ``127.0.0.1:<preview port>`` (a port chosen
per preview and kept in its file), it ignores the site's maintenance flag (blue is in maintenance
while green is checked), and PHP is told the public port (``SERVER_PORT``), so the application
sees the request as if it came through the site's public address. The files are
``_preview.<domain>.conf`` beside the vhosts: ``_`` never starts a domain, so they cannot clash.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from typing import Any

import attrs

from aegir.backends.local.executor import Executor
from aegir.backends.local.http import http_get
from aegir.backends.local.layout import ServerLayout
from aegir.backends.local.nginx_conf import VERSION_URI, VhostTarget
from aegir.backends.local.web import SitePublisher, WebControl
from aegir.core import names
from aegir.core.backend import HttpResult, Vhost
from aegir.core.errors import BackendError

__all__ = ["PREVIEW_ADDRESS", "PREVIEW_PREFIX", "SitePreviews"]

PREVIEW_PREFIX = "_preview."
PREVIEW_ADDRESS = "127.0.0.1"
#: below Linux's ephemeral range (32768-60999), so outgoing connections rarely hold one
_PORTS = (20000, 32000)
_LISTEN = re.compile(r"^\s*listen 127\.0\.0\.1:(\d+);", re.MULTILINE)
_PUBLIC_PORT = re.compile(r'^\s*fastcgi_param SERVER_PORT "(\d+)";', re.MULTILINE)
# Apache's previews: a Listen line of their own, and the public port as a FastCGI variable
_APACHE_LISTEN = re.compile(r"^Listen 127\.0\.0\.1:(\d+)$", re.MULTILINE)
_APACHE_PUBLIC_PORT = re.compile(r'^\s*SetEnv SERVER_PORT "(\d+)"$', re.MULTILINE)


class _PreviewFiles(SitePublisher):
    """A publisher of preview files; maintenance is the live site's, never the preview's."""

    def vhost_path(self, domain: str) -> str:
        return f"{self.vhosts_dir}/{PREVIEW_PREFIX}{names.normalize_domain(domain)}.conf"

    def set_maintenance(self, domain: str, *, on: bool) -> None:
        return None


class SitePreviews:
    """Publish, remove and request the private previews of one server's sites."""

    def __init__(
        self,
        executor: Executor,
        layout: ServerLayout,
        control: WebControl,
        target: VhostTarget,
        *,
        vhosts_dir: str,
        server: str,
        attached: bool,
        render: Callable[[Vhost, VhostTarget], str] | None = None,
        digest: Callable[[str], str | None] | None = None,
        software: str = "nginx",
    ) -> None:
        self.ex = executor
        self.layout = layout
        self.control = control
        self.target = target
        self.vhosts_dir = vhosts_dir.rstrip("/")
        self.server = server
        self.attached = attached
        #: another web server's renderer (Apache's); None: nginx's
        self.render = render
        self.digest = digest
        self.software = software

    def _files(self, port: int) -> _PreviewFiles:
        target = attrs.evolve(
            self.target,
            address=PREVIEW_ADDRESS,
            port=port,
            https_port=None,
            # a directory that never holds a flag: the preview answers while the site is in maintenance
            maintenance_dir=self.layout.path("nginx", "maintenance-never"),
        )
        confirm: Callable[[str, str | None], None] | None = None
        if self.attached:

            def confirm(domain: str, digest: str | None) -> None:
                self._confirm(port, domain, digest)

        if self.render is None or self.digest is None:
            return _PreviewFiles(
                self.ex,
                self.layout,
                self.control,
                target,
                vhosts_dir=self.vhosts_dir,
                server=self.server,
                confirm=confirm,
            )
        render = self.render

        def render_listening(vhost: Vhost, t: VhostTarget) -> str:
            # Apache listens only on ports its config names: the preview brings its own
            return f"Listen {PREVIEW_ADDRESS}:{int(port)}\n" + render(vhost, t)

        return _PreviewFiles(
            self.ex,
            self.layout,
            self.control,
            target,
            vhosts_dir=self.vhosts_dir,
            server=self.server,
            confirm=confirm,
            render=render_listening,
            digest=self.digest,
            software=self.software,
        )

    def _ports(self, domain: str) -> tuple[int, int] | None:
        """(the port the preview of ``domain`` listens on, the public port PHP is told), or None."""
        path = self._files(0).vhost_path(domain)
        if not self.ex.exists(path):
            return None
        text = self.ex.read_file(path).decode("utf-8", errors="replace")
        listen, public = _LISTEN.search(text), _PUBLIC_PORT.search(text)
        if self.render is not None:
            listen, public = _APACHE_LISTEN.search(text), _APACHE_PUBLIC_PORT.search(text)
        if listen is None:
            return None
        return int(listen.group(1)), int(public.group(1)) if public else self.target.port

    def port_of(self, domain: str) -> int | None:
        """The port the preview of ``domain`` listens on, or None when it has none."""
        ports = self._ports(domain)
        return ports[0] if ports else None

    def _free_port(self) -> int:
        for _ in range(50):
            port = random.randint(*_PORTS)  # noqa: S311  (a port number, not a secret)
            if not self.ex.can_connect(PREVIEW_ADDRESS, port, timeout=0.2):
                return port
        raise BackendError(f"server {self.server!r}: no free port for a private preview")

    def publish(self, vhost: Vhost) -> None:
        """Serve ``vhost`` privately (replacing an earlier preview of the same domain)."""
        port = self.port_of(vhost.domain) or self._free_port()
        params = dict(vhost.rules.fastcgi_params)
        # PHP sees the request as visitors make it: the public port, and HTTPS for an HTTPS site
        # (the preview itself is plain HTTP on loopback), so the application does not redirect
        if vhost.https:
            params.update(HTTPS="on", REQUEST_SCHEME="https", SERVER_PORT=str(self.target.https_port or 443))
        else:
            params["SERVER_PORT"] = str(self.target.port)
        preview = attrs.evolve(
            vhost,
            aliases=(),
            https=False,
            certificate=None,
            certificate_key=None,
            rules=attrs.evolve(vhost.rules, fastcgi_params=params),
        )
        self._files(port).publish(preview)

    def unpublish(self, domain: str) -> None:
        """Remove the preview of ``domain`` (idempotent)."""
        self._files(self.port_of(domain) or 0).unpublish(domain)

    def request(self, domain: str, path: str = "/", *, timeout: float = 10.0) -> HttpResult:
        """GET ``path`` from the preview of ``domain``, with the Host header of the public site."""
        ports = self._ports(domain)
        if ports is None:
            raise BackendError(f"site {domain} has no private preview on server {self.server!r}")
        port, public = ports

        def connect(seconds: float) -> Any:
            return self.ex.open_connection(PREVIEW_ADDRESS, port, seconds)

        return http_get(connect, public, domain, path, timeout=timeout)

    def _confirm(self, port: int, domain: str, digest: str | None, timeout: float = 15.0) -> None:
        """Wait until an nginx we do not run serves the preview's ``digest`` (or no longer serves it)."""
        deadline = time.monotonic() + timeout
        seen, streak = "", 0
        while time.monotonic() < deadline:

            def connect(seconds: float) -> Any:
                return self.ex.open_connection(PREVIEW_ADDRESS, port, seconds)

            try:
                result = http_get(connect, self.target.port, domain, VERSION_URI, timeout=2)
                seen = f"HTTP {result.status} {result.body[:40]!r}"
                live = result.body == digest if digest else result.status != 200
            except BackendError as e:
                seen = str(e)
                live = digest is None  # no listener any more: the preview is gone
            streak = streak + 1 if live else 0
            if streak >= 3:
                return
            time.sleep(0.02 if streak else 0.05)
        raise BackendError(f"nginx of server {self.server!r} did not take up the preview of {domain}: {seen}")
