"""HTTPS on a managed Apache against a real ACME CA (pebble), with real http-01 validation through
Apache's challenge directory: install --https, pebble's chain served by Apache's TLS vhost, HTTP
sent to HTTPS except the challenge path, the key 0600, renew-due (a new serial served after
Apache's graceful reload), HTTPS turned off again, and a failing challenge rolled back."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from https_support import Pebble
from https_web import aegir, cert_dir, http_get, ports, tls_get

from aegir.hosting import Hosting

pytestmark = pytest.mark.services

DOMAIN = "apache.aegir-https.net"


def test_install_with_https_on_apache_serves_pebbles_chain(
    apache_world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = apache_world
    code, out, err = aegir(h, capsys, "site", "install", DOMAIN, "--codebase", "wp", "--https", "--json")
    assert code == 0, err
    info = json.loads(out)
    _, https_port = ports(h)
    assert info["https"] is True and info["url"] == f"https://{DOMAIN}:{https_port}/"
    backend = h.backend("web1")
    vhost = Path(backend.vhost_path(DOMAIN)).read_text()  # type: ignore[attr-defined]
    assert "SSLEngine on" in vhost and "/apache/sites/" in backend.vhost_path(DOMAIN)  # type: ignore[attr-defined]
    status, body, _serial = tls_get(h, peb, DOMAIN)
    assert status == 200 and DOMAIN in body
    # plain HTTP goes to HTTPS; the challenge path stays on HTTP (404 for an unknown token)
    assert http_get(h, DOMAIN, "/wp-login.php?x=1") == (
        301,
        f"https://{DOMAIN}:{https_port}/wp-login.php?x=1",
    )
    assert http_get(h, DOMAIN, "/.well-known/acme-challenge/nothing-here")[0] == 404
    # the backend's own check follows the redirect to Apache's TLS vhost
    assert backend.http_get(DOMAIN, "/").status == 200
    version = h.store.get_site(DOMAIN).options["certificate"]
    key = cert_dir(h, DOMAIN) / version / "privkey.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key_body = key.read_text().split("-----")[2].strip().splitlines()[1]
    assert key_body not in out + err
    challenges = Path(backend.acme_challenge_dir())  # type: ignore[attr-defined]
    assert list(challenges.iterdir()) == []


def test_renew_due_on_apache_serves_the_new_serial(
    apache_world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = apache_world
    _, _, before = tls_get(h, peb, DOMAIN)
    old_version = h.store.get_site(DOMAIN).options["certificate"]
    code, out, err = aegir(h, capsys, "cert", "renew-due", "--days", "9999", "--json")
    assert code == 0, err
    [result] = json.loads(out)
    assert result["domain"] == DOMAIN and result["result"] == "renewed"
    status, _, after = tls_get(h, peb, DOMAIN)
    assert status == 200 and after != before
    new_version = h.store.get_site(DOMAIN).options["certificate"]
    assert new_version != old_version
    assert [p.name for p in cert_dir(h, DOMAIN).iterdir()] == [new_version]
    code, out, err = aegir(h, capsys, "cert", "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)["certificates"]
    assert row["serial"] == format(after, "x")


def test_disable_on_apache_and_a_failing_challenge_rolls_back(
    apache_world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb = apache_world
    code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--disable", "--json")
    assert code == 0, err
    assert json.loads(out)["https"] is False
    assert http_get(h, DOMAIN)[0] == 200
    assert not cert_dir(h, DOMAIN).exists()
    assert "SSLEngine" not in Path(h.backend("web1").vhost_path(DOMAIN)).read_text()  # type: ignore[attr-defined]
    peb.set_address(DOMAIN, "127.0.0.2")
    try:
        code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--enable")
    finally:
        peb.set_address(DOMAIN, None)
    assert code == 1
    assert DOMAIN in err and "did not issue a certificate" in err and "127.0.0.2" in err, err
    assert "Traceback" not in err
    site = h.store.get_site(DOMAIN)
    assert site.https is False and "certificate" not in site.options
    assert http_get(h, DOMAIN)[0] == 200
    assert not any(cert_dir(h, DOMAIN).glob("*/fullchain.pem"))
    code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--enable", "--json")
    assert code == 0, err
    assert tls_get(h, peb, DOMAIN)[0] == 200
