"""A real WordPress site (Debian's /usr/share/wordpress) on a server whose web server is Apache,
driven through the CLI: server add --web apache, install, served pages, disable/enable, delete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.cli import main
from aegir.hosting import Hosting
from ports import free_port

from ._support import alive

pytestmark = pytest.mark.services

DEBIAN_WORDPRESS = "/usr/share/wordpress"
DOMAIN = "wp-apache.test"


def aegir(home: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    if not Path(DEBIAN_WORDPRESS, "wp-includes", "version.php").is_file():
        raise AssertionError("Debian's wordpress package is not installed: apt-get install wordpress")
    path = Path(tempfile.mkdtemp(prefix="aegir-apache-wp-"))
    path.chmod(0o755)  # the web user must reach the sites
    yield path
    h = Hosting(path)
    try:
        backend = h.backend("ap1") if any(s.name == "ap1" for s in h.store.list_servers()) else None
        pids = [pid for d in backend.daemons() if (pid := d.pid()) is not None] if backend else []  # type: ignore[attr-defined]
        if backend is not None:
            backend.stop()
        for pid in pids:
            if alive(pid):  # stop() failed us: never leave a daemon behind
                os.kill(pid, 9)
    finally:
        h.close()
        shutil.rmtree(path, ignore_errors=True)


def test_wordpress_lives_and_dies_on_apache(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    http, db = free_port(), free_port()
    code, _, err = aegir(
        home, capsys, "server", "add", "ap1", "--web", "apache",
        "--http-port", str(http), "--db-port", str(db), "--start",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = aegir(home, capsys, "server", "status", "ap1")
    assert code == 0 and "apache" in out and "nginx" not in out, err
    code, _, err = aegir(
        home, capsys, "codebase", "add", "wp", "--copy-from", DEBIAN_WORDPRESS, "--server", "ap1"
    )
    assert code == 0, err
    code, _, err = aegir(
        home, capsys, "site", "install", DOMAIN, "--codebase", "wp", "--title", "Apache Blog"
    )
    assert code == 0, err

    h = Hosting(home)
    try:
        backend = h.backend("ap1")
        assert backend.vhost_path(DOMAIN).endswith(f"/apache/sites/{DOMAIN}.conf")  # type: ignore[attr-defined]
        front = backend.http_get(DOMAIN, "/")
        assert front.status == 200 and "Apache Blog" in front.body
        assert f"http://{DOMAIN}:{http}/" in front.body
        # pretty permalinks go through the front controller; the feed is WordPress's own
        feed = backend.http_get(DOMAIN, "/?feed=rss2")
        assert feed.status == 200 and "<rss" in feed.body
        assert backend.http_get(DOMAIN, "/wp-config.php").status in (403, 404)
        login = backend.http_get(DOMAIN, "/wp-login.php")
        assert login.status == 200 and "user_login" in login.body

        code, _, err = aegir(home, capsys, "site", "disable", DOMAIN)
        assert code == 0, err
        down = backend.http_get(DOMAIN, "/")
        assert down.status == 503 and down.headers["Retry-After"] == "300"
        code, _, err = aegir(home, capsys, "site", "enable", DOMAIN)
        assert code == 0, err
        assert backend.http_get(DOMAIN, "/").status == 200

        code, _, err = aegir(home, capsys, "site", "verify", DOMAIN)
        assert code == 0, err

        code, _, err = aegir(home, capsys, "site", "delete", DOMAIN, "--yes", "--no-backup")
        assert code == 0, err
        assert backend.http_get(DOMAIN, "/").status == 404
        assert not Path(backend.vhost_path(DOMAIN)).exists()  # type: ignore[attr-defined]
    finally:
        h.close()
