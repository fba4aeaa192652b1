"""HTTPS on a server of the ssh backend against a real ACME CA (pebble), with nginx and with Apache:
a WordPress site gets its certificate through ``site https --enable``, the http-01 answers and the
key written on the server over SFTP, validation through the server's web server; the chain pebble
issued served on its HTTPS port, renewal, HTTPS turned off again, and a failed challenge leaving
nothing on the server."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from https_support import Pebble
from https_web import aegir, cert_dir, http_get, ports, tls_get

from aegir.backends.ssh import SshBackend, SshExecutor
from aegir.core.model import ServiceKind
from aegir.hosting import Hosting

pytestmark = pytest.mark.services

DOMAIN = "far.aegir-https.net"


@contextmanager
def _server(h: Hosting) -> Iterator[SshBackend]:
    """The server's backend, its SSH connection closed after use."""
    backend = h.backend("web1")
    assert isinstance(backend, SshBackend) and isinstance(backend.executor, SshExecutor)
    try:
        yield backend
    finally:
        backend.close()


def _remote(h: Hosting, *argv: str) -> str:
    """A command on the server, over SSH."""
    with _server(h) as backend:
        result = backend.executor.run(list(argv))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_site_https_enable_over_ssh_serves_pebbles_chain(
    ssh_world: tuple[Hosting, Pebble, bool], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb, private = ssh_world
    code, out, err = aegir(h, capsys, "site", "install", DOMAIN, "--codebase", "wp", "--title", "Far Blog")
    assert code == 0, err
    assert http_get(h, DOMAIN)[0] == 200
    code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--enable", "--json")
    assert code == 0, err
    assert json.loads(out)["https"] is True
    _, https_port = ports(h)
    # the chain pebble issued, for the name, straight from nginx's HTTPS port
    status, body, serial = tls_get(h, peb, DOMAIN)
    assert status == 200 and "Far Blog" in body and f"https://{DOMAIN}:{https_port}/" in body
    assert http_get(h, DOMAIN, "/?p=1") == (301, f"https://{DOMAIN}:{https_port}/?p=1")
    assert http_get(h, DOMAIN, "/.well-known/acme-challenge/nothing-here")[0] == 404
    # the key and chain are on the server, written over SFTP: 0600, and (with a mount namespace
    # of the sshd's own) not on this machine at all
    version = h.store.get_site(DOMAIN).options["certificate"]
    key = cert_dir(h, DOMAIN) / version / "privkey.pem"
    assert _remote(h, "stat", "-c", "%a", str(key)).strip() == "600"
    chain = _remote(h, "cat", str(key.with_name("fullchain.pem")))
    assert chain.count("BEGIN CERTIFICATE") >= 2
    if private:
        assert not os.path.lexists(cert_dir(h, DOMAIN))
    # the http-01 answers are gone from the server's challenge directory
    web = h.store.get_server("web1").service(ServiceKind.HTTP)
    assert web is not None
    with _server(h) as backend:
        vhost = backend.vhost_path(DOMAIN)
        challenges = backend.acme_challenge_dir()
        # the backend's own check goes through the SSH connection and follows the redirect to TLS
        result = backend.http_get(DOMAIN, "/")
    assert _remote(h, "ls", "-A", challenges) == ""
    # the vhost is the web server's own (nginx's or Apache's, the fixture's parameter)
    assert vhost.endswith(f"/{web.type.value}/sites/{DOMAIN}.conf")
    assert str(key) in _remote(h, "cat", vhost)
    assert result.status == 200 and "Far Blog" in result.body
    code, out, err = aegir(h, capsys, "cert", "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)["certificates"]
    assert row["domain"] == DOMAIN and row["serial"] == format(serial, "x")


def test_renew_due_over_ssh_and_disable(
    ssh_world: tuple[Hosting, Pebble, bool], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb, _ = ssh_world
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
    assert _remote(h, "ls", str(cert_dir(h, DOMAIN))).split() == [new_version]
    code, out, err = aegir(h, capsys, "site", "https", DOMAIN, "--disable", "--json")
    assert code == 0, err
    assert json.loads(out)["https"] is False
    assert http_get(h, DOMAIN)[0] == 200
    assert DOMAIN not in _remote(h, "ls", "-A", str(cert_dir(h, DOMAIN).parent)).split()


def test_failing_challenge_over_ssh_rolls_back_on_the_server(
    ssh_world: tuple[Hosting, Pebble, bool], capsys: pytest.CaptureFixture[str]
) -> None:
    h, peb, _ = ssh_world
    peb.set_address(DOMAIN, "127.0.0.2")
    try:
        code, _, err = aegir(h, capsys, "site", "https", DOMAIN, "--enable")
    finally:
        peb.set_address(DOMAIN, None)
    assert code == 1
    assert DOMAIN in err and "did not issue a certificate" in err and "127.0.0.2" in err, err
    site = h.store.get_site(DOMAIN)
    assert site.https is False and "certificate" not in site.options
    assert http_get(h, DOMAIN)[0] == 200
    # nothing of the attempt is left on the server: no answer, no key
    with _server(h) as backend:
        challenges, certs = backend.acme_challenge_dir(), backend.certificates_dir()
    assert _remote(h, "ls", "-A", challenges) == ""
    assert _remote(h, "find", certs, "-name", "privkey.pem") == ""
