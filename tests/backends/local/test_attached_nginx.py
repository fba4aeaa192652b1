"""An nginx Aegir does not run (started here as "the operator's"), reached through an include
directory and a reload command; PHP from a managed php-fpm beside it."""

from __future__ import annotations

import shlex
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.backends.local import LocalBackend
from aegir.core.app import WebRules
from aegir.core.backend import BackendEnv, Vhost
from aegir.core.errors import BackendError
from aegir.core.model import Server, Service, ServiceType
from ports import free_port

from ._support import AS_ROOT, alive, running

pytestmark = pytest.mark.services


def _foreign_nginx_conf(base: Path, port: int) -> Path:
    (base / "conf.d").mkdir(parents=True)
    conf = base / "nginx.conf"
    conf.write_text(
        ("user www-data;\n" if AS_ROOT else "")
        + f"pid {base}/nginx.pid;\nerror_log {base}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {base}/tmp;\n  fastcgi_temp_path {base}/tmp;\n"
        f"  server {{ listen 127.0.0.1:{port} default_server; return 404; }}\n"
        f"  include {base}/conf.d/*.conf;\n}}\n"
    )
    return conf


@pytest.fixture(scope="module")
def operators_nginx(web_home: Path) -> Iterator[tuple[Path, int]]:
    base = web_home / "operator-nginx"
    port = free_port()
    conf = _foreign_nginx_conf(base, port)
    subprocess.run(["nginx", "-c", str(conf), "-e", str(base / "error.log")], check=True, capture_output=True)
    pid = int((base / "nginx.pid").read_text())
    try:
        yield conf, port
    finally:
        subprocess.run(["kill", "-TERM", str(pid)], check=False)
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture(scope="module")
def backend(operators_nginx: tuple[Path, int], env: BackendEnv) -> Iterator[LocalBackend]:
    conf, port = operators_nginx
    nginx = Service(
        ServiceType.NGINX,
        port,
        managed=False,
        options={
            "include_dir": str(conf.parent / "conf.d"),
            "reload_cmd": shlex.join(["nginx", "-s", "reload", "-c", str(conf)]),
            "test_cmd": shlex.join(["nginx", "-t", "-q", "-c", str(conf)]),
            "pid_file": str(conf.parent / "nginx.pid"),
        },
    )
    server = Server("shared-web", "local", [nginx, Service(ServiceType.PHP_FPM)])
    with running(server, env) as b:
        yield b


def test_sites_are_published_into_the_include_dir(
    backend: LocalBackend, operators_nginx: tuple[Path, int]
) -> None:
    conf, _port = operators_nginx
    root = Path(backend.sites_root()) / "attached.test"
    root.mkdir(parents=True)
    (root / "index.php").write_text("<?php echo 'served by the operator nginx';")
    backend.publish_site(Vhost("attached.test", str(root), WebRules()))
    assert (conf.parent / "conf.d" / "attached.test.conf").is_file()
    assert backend.http_get("attached.test", "/").body == "served by the operator nginx"
    backend.set_maintenance("attached.test", True)
    assert backend.http_get("attached.test", "/").status == 503
    backend.set_maintenance("attached.test", False)
    backend.unpublish_site("attached.test")
    assert backend.http_get("attached.test", "/").status == 404


def test_a_rejected_vhost_leaves_the_operator_nginx_alone(backend: LocalBackend) -> None:
    root = Path(backend.sites_root()) / "kept.test"
    root.mkdir(parents=True)
    (root / "index.php").write_text("<?php echo 'kept';")
    backend.publish_site(Vhost("kept.test", str(root), WebRules()))
    with pytest.raises(BackendError, match="rejected"):
        backend.publish_site(Vhost("kept.test", str(root), WebRules(deny=("[unclosed",))))
    assert backend.http_get("kept.test", "/").body == "kept"


def test_status_shows_attached_and_managed_services(backend: LocalBackend) -> None:
    states = {s.name: s for s in backend.status()}
    assert states["nginx"].running and states["nginx"].detail == "attached" and states["nginx"].pid is None
    assert states["php-fpm"].running and states["php-fpm"].pid
