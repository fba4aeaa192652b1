"""End to end: Debian's WordPress installed for real through Aegir's own layers.

A managed local server (nginx, php-fpm, MariaDB on free ports), the codebase copied from
/usr/share/wordpress, two sites installed by the install plan (the driver's settings, shim, web
rules and wp_install), a login reset and a verify, then one site deleted while the other one,
on the same codebase, keeps serving.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.core.model import Server, Service, ServiceType, TaskStatus
from aegir.core.operations import sites
from aegir.hosting import Hosting
from ports import free_port

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def hosting() -> Iterator[Hosting]:
    # a home www-data can enter (pytest's own tmp dirs are 0700)
    home = Path(tempfile.mkdtemp(prefix="aegir-wp-e2e-"))
    home.chmod(0o755)
    h = Hosting(home)
    server = Server(
        "web1",
        "local",
        [
            Service(ServiceType.NGINX, free_port()),
            Service(ServiceType.PHP_FPM),
            Service(ServiceType.MARIADB, free_port()),
        ],
    )
    h.store.add_server(server)
    backend = h.backend("web1")
    pids: list[int] = []
    try:
        backend.setup()
        backend.start()
        for daemon in backend.daemons():  # type: ignore[attr-defined]
            pid = daemon.pid()
            if pid is not None:
                pids.append(pid)
        yield h
    finally:
        backend.stop()
        for pid in pids:
            try:
                os.kill(pid, 0)
            except OSError:
                continue
            os.kill(pid, 9)  # stop() failed us: never leave a daemon behind
        h.close()
        shutil.rmtree(home, ignore_errors=True)


def test_install_reset_verify_delete(hosting: Hosting) -> None:
    codebase = hosting.add_codebase("wp", copy_from="/usr/share/wordpress", server="web1")
    assert not isinstance(codebase, type(None))
    recorded = hosting.store.get_codebase("wp")
    assert recorded.scan is not None and recorded.scan.app == "wordpress"
    assert recorded.scan.facts["wp_config"] == "debian"  # the copy still has Debian's master config

    first = sites.new_site(hosting, "one.test", "wp", title="First Site")
    second = sites.new_site(hosting, "two.test", "wp", title="Second Site")
    for site in (first, second):
        task = hosting.install_site(site)
        assert task.status is TaskStatus.SUCCEEDED, task.error
    backend = hosting.backend("web1")
    for domain, title in (("one.test", "First Site"), ("two.test", "Second Site")):
        page = backend.http_get(domain, "/")
        assert page.status == 200 and title in page.body
    shim = Path(recorded.root) / "wp-config.php"
    assert "AEGIR-WP-CONFIG-SHIM" in shim.read_text()

    old_password = hosting.secrets.get("site/one.test/admin")
    task = hosting.run(sites.login_reset_plan(hosting, "one.test"))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert hosting.secrets.get("site/one.test/admin") != old_password

    task = hosting.run(sites.verify_plan(hosting, "one.test"))
    assert task.status is TaskStatus.SUCCEEDED, task.error

    task = hosting.run(sites.delete_plan(hosting, "one.test"))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert backend.http_get("one.test", "/").status == 404
    assert shim.is_file()  # shared by the codebase's other sites: never removed with one of them
    page = backend.http_get("two.test", "/")
    assert page.status == 200 and "Second Site" in page.body
