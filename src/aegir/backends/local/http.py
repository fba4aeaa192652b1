"""Requesting a site through its web server by address, with the site's name in the Host header.

Site names need not resolve (``demo.localhost``, a domain not yet in DNS), so the request goes to
the web server's address and port, over a connection the executor opens (a socket here, a
forwarded channel through SSH). Redirects to the same site are followed the same way; any other
redirect is returned as it is. Only the standard library's ``http.client`` is used.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from aegir.core.backend import HttpResult
from aegir.core.errors import BackendError, ValidationError

__all__ = ["http_get"]

_MAX_REDIRECTS = 5
_MAX_BODY = 16 << 20


def http_get(
    connect: Callable[[float], Any], port: int, domain: str, path: str = "/", *, timeout: float = 10.0
) -> HttpResult:
    """GET ``path`` of ``domain`` over connections from ``connect(timeout)`` to the web server.

    ``port`` is the web server's port, as the Host header carries it.
    """
    if not path.startswith("/") or any(c in path for c in "\r\n\x00 "):
        raise ValidationError(f"invalid request path {path!r}: must start with '/' and hold no spaces")
    host_header = domain if port == 80 else f"{domain}:{port}"
    current = path
    for _ in range(_MAX_REDIRECTS + 1):
        status, body, headers = _get_once(connect, host_header, current, timeout, domain)
        location = headers.get("Location", "")
        if 300 <= status < 400 and location:
            target = urlsplit(urljoin(f"http://{host_header}{current}", location))
            if target.scheme == "http" and target.hostname == domain and (target.port or 80) == port:
                current = (target.path or "/") + (f"?{target.query}" if target.query else "")
                continue
        return HttpResult(status=status, body=body.decode("utf-8", errors="replace"), headers=headers)
    raise BackendError(f"http://{domain}{path}: more than {_MAX_REDIRECTS} redirects")


def _get_once(
    connect: Callable[[float], Any], host_header: str, path: str, timeout: float, domain: str
) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection("web-server.invalid", timeout=timeout)
    try:
        conn.sock = connect(timeout)
        conn.request("GET", path, headers={"Host": host_header, "User-Agent": "aegir-health-check"})
        response = conn.getresponse()
        body = response.read(_MAX_BODY)
        return response.status, body, dict(response.getheaders())
    except (OSError, http.client.HTTPException) as e:
        raise BackendError(
            f"http://{host_header}{path}: no answer from the web server of {domain} ({e})"
        ) from e
    finally:
        conn.close()
