"""HTTPS on a managed Apache against a real ACME CA (pebble), with real http-01 validation through
Apache's challenge directory: install --https, pebble's chain served by Apache's TLS vhost, HTTP
sent to HTTPS except the challenge path, the key 0600, renew-due (a new serial served after
Apache's graceful reload), HTTPS turned off again, and a failing challenge rolled back."""

from __future__ import annotations

import json
import socket
import ssl
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
    # the request target goes over as the client sent it (nginx's $request_uri), an encoded '?'
    # included (mod_rewrite's own REQUEST_URI is decoded, and Apache refuses a redirect from it)
    for target in ("/caf%C3%A9%20x?q=%20y", "/a%3Fb", "/a%3Fb?x=1&y=%3F"):
        assert http_get(h, DOMAIN, target) == (301, f"https://{DOMAIN}:{https_port}{target}")
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


def test_two_https_sites_on_one_apache_each_get_their_certificate(
    apache_world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    from cryptography import x509

    h, peb = apache_world
    shop, www = "shop.aegir-https.net", "www.shop.aegir-https.net"
    code, _, err = aegir(h, capsys, "site", "install", shop, "--codebase", "wp", "--https", "--alias", www)
    assert code == 0, err
    # name-based TLS vhosts: each name gets its own site's chain (tls_get checks the name)
    _, _, first = tls_get(h, peb, DOMAIN)
    assert first == int(_served_serial(h, DOMAIN), 16)
    status, body, serial = tls_get(h, peb, shop)
    assert status == 200 and shop in body and serial == int(_served_serial(h, shop), 16)
    # the alias is on the same certificate (WordPress itself sends it to its home: 301)
    status, _, serial = tls_get(h, peb, www)
    assert status == 301 and serial == int(_served_serial(h, shop), 16)
    fullchain = cert_dir(h, shop) / h.store.get_site(shop).options["certificate"] / "fullchain.pem"
    leaf = x509.load_pem_x509_certificate(fullchain.read_bytes())
    sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sorted(sans.get_values_for_type(x509.DNSName)) == [shop, www]
    _, https_port = ports(h)
    assert http_get(h, www, "/x") == (301, f"https://{www}:{https_port}/x")


def test_names_without_a_certificate_get_apaches_default_tls_vhost(
    apache_world: tuple[Hosting, Pebble], capsys: pytest.CaptureFixture[str]
) -> None:
    """As nginx refuses the handshake: a name no site has a certificate for, or no SNI at all,
    never gets a site's certificate or pages, only a self-signed one and a 404."""
    from cryptography import x509

    h, peb = apache_world
    plain = "plain.aegir-https.net"
    code, _, err = aegir(h, capsys, "site", "install", plain, "--codebase", "wp")
    assert code == 0, err
    assert http_get(h, plain)[0] == 200
    _, https_port = ports(h)
    sites = {int(_served_serial(h, d), 16) for d in (DOMAIN, "shop.aegir-https.net")}
    for name in (plain, "nobody.aegir-https.net", None):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the default vhost's certificate is self-signed
        with (
            socket.create_connection(("127.0.0.1", https_port), timeout=10) as raw,
            context.wrap_socket(raw, server_hostname=name) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
            assert der is not None
            served = x509.load_der_x509_certificate(der)
            assert served.serial_number not in sites and served.subject == served.issuer
            tls.sendall(
                f"GET / HTTP/1.1\r\nHost: {name or 'unknown.example'}\r\nConnection: close\r\n\r\n".encode()
            )
            head = tls.recv(4096).decode(errors="replace")
        assert head.startswith("HTTP/1.1 404"), (name, head)
        assert "WordPress" not in head
    # and a site with a certificate still gets its own
    assert tls_get(h, peb, DOMAIN)[0] == 200


def _served_serial(h: Hosting, domain: str) -> str:
    from cryptography import x509

    version = h.store.get_site(domain).options["certificate"]
    pem = (cert_dir(h, domain) / version / "fullchain.pem").read_bytes()
    return format(x509.load_pem_x509_certificate(pem).serial_number, "x")
