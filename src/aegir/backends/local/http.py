"""Requesting a site through its web server by address, with the site's name in the Host header.

Site names need not resolve (``demo.localhost``, a domain not yet in DNS), so the request goes to
the web server's address and port. Redirects to the same site are followed the same way; any
other redirect is returned as it is.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from aegir.core.backend import HttpResult
from aegir.core.errors import BackendError, ValidationError

__all__ = ["http_get"]

_MAX_REDIRECTS = 5
_MAX_BODY = 16 << 20


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def http_get(address: str, port: int, domain: str, path: str = "/", *, timeout: float = 10.0) -> HttpResult:
    """GET ``path`` of ``domain`` from the web server at ``address:port``."""
    if not path.startswith("/") or any(c in path for c in "\r\n\x00 "):
        raise ValidationError(f"invalid request path {path!r}: must start with '/' and hold no spaces")
    host_header = domain if port == 80 else f"{domain}:{port}"
    current = path
    for _ in range(_MAX_REDIRECTS + 1):
        request = urllib.request.Request(
            f"http://{_host(address)}:{port}{current}",
            headers={"Host": host_header, "User-Agent": "aegir-health-check"},
        )
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return _result(response.status, response.read(_MAX_BODY), dict(response.headers.items()))
        except urllib.error.HTTPError as e:
            with e:
                headers = dict(e.headers.items()) if e.headers else {}
                location = headers.get("Location", "")
                if 300 <= e.code < 400 and location:
                    target = urlsplit(urljoin(f"http://{host_header}{current}", location))
                    if target.hostname == domain and (target.port or 80) == port and target.scheme == "http":
                        current = (target.path or "/") + (f"?{target.query}" if target.query else "")
                        continue
                return _result(e.code, e.read(_MAX_BODY), headers)
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise BackendError(f"http://{domain}{path} via {address}:{port}: no answer ({reason})") from e
    raise BackendError(f"http://{domain}{path}: more than {_MAX_REDIRECTS} redirects")


def _result(status: int, body: bytes, headers: dict[str, str]) -> HttpResult:
    return HttpResult(status=status, body=body.decode("utf-8", errors="replace"), headers=headers)
