"""The local backend's private previews, on a real managed nginx and php-fpm: served on loopback
only, deaf to the site's maintenance flag, PHP told the public port (and HTTPS for an HTTPS site),
checked by ``nginx -t`` like any vhost, removed without a trace."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.backends.local import LocalBackend
from aegir.core.app import WebRules
from aegir.core.backend import BackendEnv, Vhost
from aegir.core.errors import BackendError, ValidationError
from aegir.core.model import Server, Service, ServiceType
from aegir.core.secrets import SecretStore
from ports import free_port

from ._migrate_support import kill_family

pytestmark = pytest.mark.services

PAGE = "<?php echo getenv('AEGIR_COPY') ?: 'none', ' ', $_SERVER['SERVER_PORT'], ' ', $_SERVER['HTTPS'] ?? 'off';"


@pytest.fixture(scope="module")
def backend() -> Iterator[LocalBackend]:
    home = Path(tempfile.mkdtemp(prefix="aegir-preview-"))
    home.chmod(0o755)
    server = Server(
        "web",
        "local",
        [
            Service(ServiceType.NGINX, free_port(), options={"https_port": str(free_port())}),
            Service(ServiceType.PHP_FPM),
        ],
    )
    b = LocalBackend(server, BackendEnv(home=home, secrets=SecretStore(home / "secrets")))
    pids: list[int] = []
    try:
        b.setup()
        b.start()
        pids = [p for d in b.daemons() if (p := d.pid()) is not None]
        root = home / "docroot"
        root.mkdir()
        root.chmod(0o755)
        (root / "index.php").write_text(PAGE)
        (root / "index.php").chmod(0o644)
        yield b
    finally:
        with contextlib.suppress(BackendError):
            b.stop()
        kill_family(pids)
        shutil.rmtree(home, ignore_errors=True)


def _vhost(b: LocalBackend, domain: str, copy: str, *, https: bool = False) -> Vhost:
    root = str(Path(b.layout.root).parent.parent / "docroot")
    return Vhost(
        domain, root, WebRules(fastcgi_params={"AEGIR_COPY": copy}), aliases=("www." + domain,), https=https
    )


def test_the_preview_serves_the_new_copy_while_the_site_is_in_maintenance(backend: LocalBackend) -> None:
    b = backend
    public = b.server.services[0].port
    b.publish_site(_vhost(b, "p.test", "blue"))
    assert b.http_get("p.test", "/index.php").body.startswith("blue ")
    b.set_maintenance("p.test", True)
    b.publish_preview(_vhost(b, "p.test", "green"))
    assert b.http_get("p.test", "/index.php").status == 503
    preview = b.http_get_preview("p.test", "/index.php")
    assert preview.status == 200 and preview.body == f"green {public} off"
    port = b.previews.port_of("p.test")
    assert port is not None and port != public
    text = Path(b.layout.vhosts_dir, "_preview.p.test.conf").read_text()
    assert f"listen 127.0.0.1:{port};" in text and "www.p.test" not in text  # loopback only, no aliases
    # publishing again replaces the preview on the same port
    b.publish_preview(_vhost(b, "p.test", "green2"))
    assert b.previews.port_of("p.test") == port
    assert b.http_get_preview("p.test", "/index.php").body.startswith("green2 ")
    b.unpublish_preview("p.test")
    b.unpublish_preview("p.test")  # idempotent
    assert not Path(b.layout.vhosts_dir, "_preview.p.test.conf").exists()
    assert b.http_get("p.test", "/index.php").status == 503  # the site's own maintenance is untouched
    with pytest.raises(BackendError, match="no private preview"):
        b.http_get_preview("p.test")
    b.set_maintenance("p.test", False)
    b.unpublish_site("p.test")


def test_an_https_site_is_previewed_as_https(backend: LocalBackend) -> None:
    b = backend
    https_port = b.server.services[0].options["https_port"]
    b.publish_preview(_vhost(b, "s.test", "green", https=True))
    assert b.http_get_preview("s.test", "/index.php").body == f"green {https_port} on"
    b.unpublish_preview("s.test")


def test_a_preview_nginx_rejects_leaves_nothing(backend: LocalBackend) -> None:
    b = backend
    with pytest.raises(ValidationError):  # refused before it reaches nginx
        b.publish_preview(Vhost("bad.test", "/nonexistent/..", WebRules()))
    with pytest.raises(BackendError, match="nginx rejected"):  # an invalid regular expression
        b.publish_preview(Vhost("bad.test", "/srv", WebRules(deny=("(unclosed",))))
    assert not Path(b.layout.vhosts_dir, "_preview.bad.test.conf").exists()
    b.publish_preview(_vhost(b, "after.test", "fine"))  # nginx still takes previews
    assert b.http_get_preview("after.test", "/index.php").body.startswith("fine ")
    b.unpublish_preview("after.test")
