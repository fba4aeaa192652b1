"""Requests of the HTTPS tests: the CLI, TLS requests verified against pebble's root (the serial
of the certificate served), plain-HTTP requests (status and Location), the certificates directory."""

from __future__ import annotations

import http.client
import socket
import ssl
import tempfile
from pathlib import Path

import pytest
from https_support import Pebble

from aegir.cli import main
from aegir.core.model import ServiceKind
from aegir.hosting import Hosting


def aegir(h: Hosting, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(h.home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def ports(h: Hosting) -> tuple[int, int]:
    web = h.store.get_server("web1").service(ServiceKind.HTTP)
    assert web is not None and web.port is not None
    return web.port, int(web.options["https_port"])


def tls_get(h: Hosting, peb: Pebble, domain: str, path: str = "/") -> tuple[int, str, int]:
    """GET over TLS, verifying the chain against pebble's root and the name: (status, body, serial)."""
    from cryptography import x509

    _, https_port = ports(h)
    with tempfile.NamedTemporaryFile("w", suffix=".pem") as roots:
        roots.write(peb.roots())
        roots.flush()
        context = ssl.create_default_context(cafile=roots.name)
    raw = socket.create_connection(("127.0.0.1", https_port), timeout=10)
    with context.wrap_socket(raw, server_hostname=domain) as tls:
        der = tls.getpeercert(binary_form=True)
        assert der is not None
        serial = x509.load_der_x509_certificate(der).serial_number
        conn = http.client.HTTPConnection(domain, https_port, timeout=20)
        conn.sock = tls
        conn.request("GET", path, headers={"Host": f"{domain}:{https_port}"})
        response = conn.getresponse()
        body = response.read().decode(errors="replace")
        conn.close()
        return response.status, body, serial


def http_get(h: Hosting, domain: str, path: str = "/") -> tuple[int, str | None]:
    """(status, Location) of a plain-HTTP request to the server's HTTP port."""
    http_port, _ = ports(h)
    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=20)
    try:
        conn.request("GET", path, headers={"Host": f"{domain}:{http_port}"})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        conn.close()


def cert_dir(h: Hosting, domain: str) -> Path:
    backend = h.backend("web1")
    return Path(backend.certificates_dir()) / domain  # type: ignore[attr-defined]
