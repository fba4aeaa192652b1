"""An HTTPS WordPress site (certificate from pebble) through the other operations: restore in
place keeps the certificate; disable and enable keep it; a clone (live or from a backup) starts
on plain HTTP while the source keeps its certificate; a migration to another codebase serves the
same certificate after the switch, and a rollback returns to blue over HTTPS."""

from __future__ import annotations

import json

import pytest
from https_support import DEBIAN_WORDPRESS, Pebble
from https_web import aegir, cert_dir, http_get, ports, tls_get

from aegir.cli import main
from aegir.hosting import Hosting

pytestmark = pytest.mark.services

DOMAIN = "shop.aegir-https.net"


def set_title(h: Hosting, domain: str, title: str) -> None:
    """Rename WordPress's first post (listed on the front page): content a restore takes back."""
    site = h.store.get_site(domain)
    assert site.db_server and site.db_name
    query = f"UPDATE wp_posts SET post_title = '{title}' WHERE ID = 1;"  # noqa: S608  (a test's own words)
    h.backend(site.db_server).db_query(site.db_name, query)


@pytest.fixture(scope="module")
def https_site(world: tuple[Hosting, Pebble]) -> int:
    """``DOMAIN`` installed with --https; the serial of the certificate it serves."""
    h, peb = world
    code = main(["--home", str(h.home), "site", "install", DOMAIN, "--codebase", "wp", "--https"])
    assert code == 0
    status, _, serial = tls_get(h, peb, DOMAIN)
    assert status == 200
    return serial


def assert_https(h: Hosting, peb: Pebble, serial: int, text: str) -> None:
    """The site serves ``text`` over HTTPS with the certificate ``serial``; HTTP redirects."""
    status, body, served = tls_get(h, peb, DOMAIN)
    assert status == 200 and text in body
    assert served == serial
    _, https_port = ports(h)
    assert http_get(h, DOMAIN, "/?p=1") == (301, f"https://{DOMAIN}:{https_port}/?p=1")


def test_restore_in_place_keeps_the_certificate(
    world: tuple[Hosting, Pebble], https_site: int, capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    set_title(h, DOMAIN, "Marker Alpha")
    code, _, err = aegir(h, capsys, "site", "backup", DOMAIN, "--json")
    assert code == 0, err
    set_title(h, DOMAIN, "Marker Beta")
    assert_https(h, peb, https_site, "Marker Beta")
    code, _, err = aegir(h, capsys, "site", "restore", DOMAIN)
    assert code == 0, err
    assert_https(h, peb, https_site, "Marker Alpha")
    _, body, _ = tls_get(h, peb, DOMAIN)
    assert "Marker Beta" not in body
    site = h.store.get_site(DOMAIN)
    assert site.https and (cert_dir(h, DOMAIN) / site.options["certificate"] / "fullchain.pem").is_file()


def test_disable_and_enable_keep_the_certificate(
    world: tuple[Hosting, Pebble], https_site: int, capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    code, _, err = aegir(h, capsys, "site", "disable", DOMAIN)
    assert code == 0, err
    status, _, served = tls_get(h, peb, DOMAIN)
    assert status == 503 and served == https_site
    code, _, err = aegir(h, capsys, "site", "enable", DOMAIN)
    assert code == 0, err
    assert_https(h, peb, https_site, "Marker Alpha")


@pytest.mark.parametrize("from_backup", [False, True], ids=["live", "from-backup"])
def test_a_clone_starts_on_http_and_the_source_keeps_its_certificate(
    world: tuple[Hosting, Pebble], https_site: int, capsys: pytest.CaptureFixture[str], from_backup: bool
) -> None:
    h, peb = world
    new = f"{'old' if from_backup else 'copy'}.aegir-https.net"
    argv = ["site", "clone", DOMAIN, new, "--json"]
    if from_backup:
        # the backup the restore test made (the newest is its safety backup, of "Marker Beta")
        argv += ["--from-backup", h.store.list_backups(DOMAIN)[-1].id]
    code, out, err = aegir(h, capsys, *argv)
    assert code == 0, err
    http_port, _ = ports(h)
    assert json.loads(out)["url"] == f"http://{new}:{http_port}/"
    clone = h.store.get_site(new)
    assert clone.https is False and "certificate" not in clone.options
    result = h.backend("web1").http_get(new)
    assert result.status == 200 and "Marker Alpha" in result.body
    assert f"https://{DOMAIN}" not in result.body  # its links were rewritten to its own URL
    assert not cert_dir(h, new).exists()
    assert_https(h, peb, https_site, "Marker Alpha")


def test_migrate_serves_the_certificate_after_the_switch_and_rollback_returns_to_blue(
    world: tuple[Hosting, Pebble], https_site: int, capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    h.add_codebase("wp2", copy_from=DEBIAN_WORDPRESS, server="web1")
    code, out, err = aegir(h, capsys, "site", "migrate", DOMAIN, "--codebase", "wp2")
    assert code == 0, err
    assert "plain HTTP" not in out + err  # same domain: the certificate stays
    site = h.store.get_site(DOMAIN)
    assert site.codebase == "wp2" and site.https and site.options["certificate"]
    assert_https(h, peb, https_site, "Marker Alpha")
    code, _, err = aegir(h, capsys, "site", "rollback", DOMAIN)
    assert code == 0, err
    assert h.store.get_site(DOMAIN).codebase == "wp"
    assert_https(h, peb, https_site, "Marker Alpha")


def test_a_renamed_site_starts_on_http_and_finish_removes_the_old_certificate(
    world: tuple[Hosting, Pebble], https_site: int, capsys: pytest.CaptureFixture[str]
) -> None:
    h, _ = world
    new = "renamed.aegir-https.net"
    code, out, err = aegir(h, capsys, "site", "migrate", DOMAIN, "--domain", new)
    assert code == 0, err
    assert f"{new} starts on plain HTTP" in out + err
    site = h.store.get_site(new)
    assert site.https is False and "certificate" not in site.options
    result = h.backend("web1").http_get(new)
    assert result.status == 200 and "Marker Alpha" in result.body
    assert cert_dir(h, DOMAIN).is_dir()  # blue keeps its certificate for a rollback
    code, _, err = aegir(h, capsys, "site", "migrate", new, "--finish")
    assert code == 0, err
    assert not cert_dir(h, DOMAIN).exists()


def test_delete_removes_the_certificate(
    world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = world
    gone = "gone.aegir-https.net"
    code, _, err = aegir(h, capsys, "site", "install", gone, "--codebase", "wp", "--https")
    assert code == 0, err
    assert tls_get(h, peb, gone)[0] == 200
    assert cert_dir(h, gone).is_dir()
    code, out, err = aegir(h, capsys, "site", "delete", gone, "--dry-run")
    assert code == 0 and str(cert_dir(h, gone)) in out + err  # the plan names what it removes
    code, _, err = aegir(h, capsys, "site", "delete", gone, "--yes")
    assert code == 0, err
    assert not cert_dir(h, gone).exists()
