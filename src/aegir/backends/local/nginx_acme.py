"""HTTPS on nginx for certificates from an ACME CA: the http-01 challenge location every vhost (and
the server's default) serves, the TLS settings of a site with a certificate, the plain-HTTP block
that sends visitors to HTTPS, and the health check's way of following that redirect.

The renderers here take tokens already quoted by :mod:`aegir.backends.local.nginx_conf`.
"""

from __future__ import annotations

import http.client
import io
import ssl
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from aegir.core.backend import HttpResult
from aegir.core.errors import BackendError, ValidationError

__all__ = [
    "CHALLENGE_PREFIX",
    "challenge_dir_beside",
    "challenge_lines",
    "challenge_root",
    "https_get",
    "https_redirect_path",
    "redirect_lines",
    "tls_lines",
]

CHALLENGE_PREFIX = "/.well-known/acme-challenge/"
_SUFFIX = CHALLENGE_PREFIX.rstrip("/")
# Mozilla's "intermediate" profile: TLS 1.2 with forward-secret AEAD ciphers, and TLS 1.3.
_CIPHERS = (
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
)
_MAX_BODY = 16 << 20


def challenge_dir_beside(vhosts_dir: str) -> str:
    """The challenge directory of a managed nginx, next to its vhosts directory (the local
    backend's ``acme_challenge_dir``): ``<nginx>/acme/.well-known/acme-challenge``."""
    return vhosts_dir.rstrip("/").rsplit("/", 1)[0] + "/acme" + _SUFFIX


def challenge_root(challenge_dir: str) -> str:
    """The directory nginx serves challenges from: ``challenge_dir`` without its
    ``/.well-known/acme-challenge`` (the request's path then names the token file)."""
    directory = challenge_dir.rstrip("/")
    if not directory.endswith(_SUFFIX) or directory == _SUFFIX:
        raise ValidationError(f"invalid ACME challenge directory {challenge_dir!r}: must end in {_SUFFIX}")
    return directory[: -len(_SUFFIX)]


def challenge_lines(quoted_root: str | None, indent: str = "    ") -> list[str]:
    """Serve ``/.well-known/acme-challenge/<token>`` from Aegir's challenge directory (under
    ``quoted_root``), else as a static file of the site (a webroot client such as certbot's);
    ``^~`` keeps the PHP and deny regexes away, so no script ever runs there."""
    if not quoted_root:
        return []
    return [
        f'{indent}location ^~ "{CHALLENGE_PREFIX}" {{',
        f"{indent}    root {quoted_root};",
        f"{indent}    default_type text/plain;",
        f"{indent}    access_log off;",
        f"{indent}    try_files $uri @aegir_acme_webroot;",
        f"{indent}}}",
        f"{indent}location @aegir_acme_webroot {{",
        f"{indent}    default_type text/plain;",
        f"{indent}}}",
    ]


def tls_lines(listen: str, quoted_cert: str, quoted_key: str, hsts_max_age: int = 0) -> list[str]:
    """The TLS part of a site's server block."""
    lines = [
        f"    listen {listen} ssl;",
        f"    ssl_certificate {quoted_cert};",
        f"    ssl_certificate_key {quoted_key};",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        f'    ssl_ciphers "{_CIPHERS}";',
        "    ssl_prefer_server_ciphers off;",
        "    ssl_session_timeout 1d;",
        "    ssl_session_cache shared:aegir_tls:10m;",
        "    ssl_session_tickets off;",
    ]
    if hsts_max_age > 0:
        # off unless the operator asks: once sent, browsers refuse plain HTTP for max-age seconds
        lines.append(f'    add_header Strict-Transport-Security "max-age={int(hsts_max_age)}" always;')
    return lines


def redirect_lines(listen: str, server_names: str, https_port: int, quoted_dir: str | None) -> list[str]:
    """A plain-HTTP server block sending every request to HTTPS, except ACME challenges (a CA
    validating a renewal must reach them over HTTP). Ends with the closing ``}``."""
    port = "" if https_port == 443 else f":{int(https_port)}"
    return [
        "server {",
        f"    listen {listen};",
        f"    server_name {server_names};",
        *challenge_lines(quoted_dir),
        "    location / {",
        f"        return 301 https://$host{port}$request_uri;",
        "    }",
        "}",
    ]


def https_redirect_path(result: HttpResult, domain: str, https_port: int | None) -> str | None:
    """The path a redirect sends to, when it sends to ``domain`` over HTTPS on this server."""
    location = result.headers.get("Location", "")
    if not (https_port and 300 <= result.status < 400 and location):
        return None
    target = urlsplit(location)
    if target.scheme != "https" or target.hostname != domain or (target.port or 443) != https_port:
        return None
    return (target.path or "/") + (f"?{target.query}" if target.query else "")


def https_get(
    connect: Callable[[float], Any], port: int, domain: str, path: str, *, timeout: float = 10.0
) -> HttpResult:
    """GET ``path`` of ``domain`` over TLS on a connection from ``connect(timeout)`` (a socket, or
    an SSH channel: TLS runs in memory over anything with ``sendall`` and ``recv``).

    A health check of our own server: the certificate is not verified here (its CA may not be in
    this machine's trust store); what it proves is that nginx serves the site over TLS.
    """
    host = domain if port == 443 else f"{domain}:{port}"
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: aegir-health-check\r\n"
        "Connection: close\r\nAccept-Encoding: identity\r\n\r\n"
    ).encode()
    try:
        raw = _exchange(connect(timeout), domain, request)
        response = http.client.HTTPResponse(_Canned(raw))  # type: ignore[arg-type]
        response.begin()
        body = response.read(_MAX_BODY)
    except (OSError, ssl.SSLError, http.client.HTTPException) as e:
        raise BackendError(f"https://{host}{path}: no answer over TLS from the web server ({e})") from e
    return HttpResult(
        status=response.status,
        body=body.decode("utf-8", errors="replace"),
        headers=dict(response.getheaders()),
    )


class _Canned:
    """A received response, as ``http.client`` reads it from a socket."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def makefile(self, _mode: str) -> io.BytesIO:
        return io.BytesIO(self.data)


def _exchange(sock: Any, domain: str, request: bytes) -> bytes:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname=domain)

    def flush() -> None:
        data = outgoing.read()
        if data:
            sock.sendall(data)

    def fill() -> bool:
        data = sock.recv(65536)
        if not data:
            incoming.write_eof()
            return False
        incoming.write(data)
        return True

    try:
        while True:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                flush()
                if not fill():
                    raise ConnectionError(
                        "the server closed the connection during the TLS handshake"
                    ) from None
        tls.write(request)
        flush()
        chunks: list[bytes] = []
        while True:
            try:
                data = tls.read(65536)
            except ssl.SSLWantReadError:
                flush()
                if not fill():
                    break
                continue
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)
    finally:
        sock.close()
