"""nginx configuration as text: a managed server's ``nginx.conf`` and one ``server {}`` per site.

Everything that reaches the config is validated or escaped here: domains are normalised, paths
and regular expressions are put in double quotes with nginx's escapes, and characters that could
end a directive (``"``, ``;`` outside quotes, newlines, ``$`` variables) are refused.
"""

from __future__ import annotations

import hashlib
import re

from attrs import frozen

from aegir.backends.local import nginx_acme
from aegir.backends.local.conf_values import (
    DOTFILES,
    NOT_PHP,
    STATIC,
    alias_prefix,
    check_path,
    check_value,
    fastcgi_param_name,
    front_controller,
    static_max_age,
)
from aegir.core import names
from aegir.core.app import WebRules
from aegir.core.backend import Vhost
from aegir.core.errors import ValidationError

__all__ = [
    "MAINTENANCE_PAGE",
    "MAINTENANCE_URI",
    "VERSION_URI",
    "MainConfig",
    "VhostTarget",
    "quote",
    "render_main",
    "render_vhost",
    "vhost_digest",
]

#: an internal URI nobody can request from outside; the 503 page is served from it
MAINTENANCE_URI = "/__aegir_maintenance.html"
#: answers the digest of the vhost text nginx is serving (no secret in it: a hash of the config)
VERSION_URI = "/__aegir_vhost"
MAINTENANCE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Down for maintenance</title></head>
<body><h1>Down for maintenance</h1><p>This site is being updated and will be back shortly.</p></body>
</html>
"""
_STATIC = STATIC
_DOTFILES = DOTFILES
_NOT_PHP = NOT_PHP
_DIGEST = re.compile(r'location = /__aegir_vhost \{[^}]*return 200 "([0-9a-f]{16})";')


def quote(kind: str, value: str, *, variables: bool = False) -> str:
    """``value`` as one double-quoted nginx token, with nginx's escapes.

    nginx un-escapes ``\\\\``, ``\\"`` and ``\\'`` inside tokens, so every backslash is doubled.
    ``$`` starts a variable in most directives: it is refused unless ``variables`` (regexes).
    """
    check_value(kind, value, software="nginx", variables=variables)
    return '"' + value.replace("\\", "\\\\") + '"'


def conf_path(kind: str, value: str) -> str:
    """An absolute path, double-quoted for nginx."""
    return quote(kind, check_path(kind, value))


@frozen
class MainConfig:
    """What a managed server's ``nginx.conf`` needs."""

    server: str
    address: str
    port: int
    pid_file: str
    error_log: str
    access_log: str
    temp_dir: str
    vhosts_dir: str
    user: str | None = None
    https_port: int | None = None
    mime_types: str = "/etc/nginx/mime.types"
    workers: int = 2


def render_main(c: MainConfig) -> str:
    tmp = c.temp_dir.rstrip("/")
    lines = [
        f"# Managed by Aegir for server {c.server}: rewritten by 'aegir server start'; do not edit.",
        f"worker_processes {int(c.workers)};",
        f"pid {conf_path('pid file', c.pid_file)};",
        f"error_log {conf_path('error log', c.error_log)} warn;",
    ]
    if c.user:
        names.check_name("user", c.user)
        lines.append(f"user {c.user};")
    lines += [
        "events { worker_connections 1024; }",
        "http {",
        f"    include {conf_path('mime types file', c.mime_types)};",
        "    default_type application/octet-stream;",
        f"    access_log {conf_path('access log', c.access_log)};",
        f"    client_body_temp_path {conf_path('temp dir', tmp + '/client_body')};",
        f"    fastcgi_temp_path {conf_path('temp dir', tmp + '/fastcgi')};",
        f"    proxy_temp_path {conf_path('temp dir', tmp + '/proxy')};",
        f"    uwsgi_temp_path {conf_path('temp dir', tmp + '/uwsgi')};",
        f"    scgi_temp_path {conf_path('temp dir', tmp + '/scgi')};",
        "    sendfile on;",
        "    tcp_nopush on;",
        "    server_tokens off;",
        "    keepalive_timeout 65;",
        # many long site names: the defaults refuse to start past a few hundred of them
        "    server_names_hash_bucket_size 128;",
        "    server_names_hash_max_size 65536;",
        "    gzip on;",
        "    gzip_types text/css application/javascript application/json image/svg+xml text/plain;",
        "    server {",
        f"        listen {_listen(c.address, c.port)} default_server;",
        "        server_name _;",
        *nginx_acme.challenge_lines(_challenge_dir(nginx_acme.challenge_dir_beside(c.vhosts_dir)), " " * 8),
        "        return 404;",
        "    }",
    ]
    if c.https_port:
        lines += [
            "    server {",
            f"        listen {_listen(c.address, c.https_port)} ssl default_server;",
            "        ssl_reject_handshake on;",
            "    }",
        ]
    lines += [f"    include {conf_path('vhosts dir', c.vhosts_dir.rstrip('/') + '/*.conf')};", "}"]
    return "\n".join(lines) + "\n"


def _listen(address: str, port: int) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"{host}:{int(port)}"


@frozen
class VhostTarget:
    """Where one server's vhosts listen and send PHP, and where its maintenance flags are."""

    address: str
    port: int
    maintenance_dir: str
    maintenance_page: str
    fastcgi: str | None
    https_port: int | None = None
    fastcgi_params_file: str = "/etc/nginx/fastcgi_params"
    #: where http-01 challenge answers are (served at /.well-known/acme-challenge/)
    acme_dir: str | None = None
    #: Strict-Transport-Security max-age of sites with a certificate (0: no header)
    hsts_max_age: int = 0


def render_vhost(vhost: Vhost, t: VhostTarget) -> str:
    """The ``server {}`` block of one site."""
    domain = names.normalize_domain(vhost.domain)
    aliases = [names.normalize_domain(a) for a in vhost.aliases]
    rules = vhost.rules
    if rules.php and not t.fastcgi:
        raise ValidationError(f"site {domain!r} needs PHP, but its server has no PHP-FPM service")
    tls = _https_lines(vhost, t, domain)
    lines = [
        f"# Managed by Aegir: site {domain}. Rewritten by 'aegir site verify'; do not edit.",
        "server {",
    ]
    # with a certificate, plain HTTP is a block of its own that redirects (see below)
    lines += tls or [f"    listen {_listen(t.address, t.port)};"]
    lines += [
        f"    server_name {' '.join(dict.fromkeys([domain, *aliases]))};",
        f"    root {conf_path('site root', vhost.root)};",
        "    index " + ("index.php index.html index.htm;" if rules.php else "index.html index.htm;"),
        "    client_max_body_size 64m;",
        "    absolute_redirect off;",
        *_maintenance_lines(t, domain),
        *nginx_acme.challenge_lines(_challenge_dir(t.acme_dir)),
    ]
    denies = _deny_rules(rules)
    lines += [f"    location ~ {d} {{ deny all; }}" for d in denies]
    lines += _alias_lines(rules, denies)
    front = _front_controller(rules)
    fallback = f"{front}$is_args$args" if front else "=404"
    if rules.php:
        lines += _php_lines(rules, t)
    lines += [
        f"    location ~* {quote('regex', _STATIC, variables=True)} {{",
        f"        try_files $uri {fallback};",
    ]
    lines += _expires(rules, "        ")
    lines += [
        "        access_log off;",
        "    }",
        "    location / {",
        f"        try_files $uri $uri/ {fallback};",
        "    }",
    ]
    redirect = (
        nginx_acme.redirect_lines(
            _listen(t.address, t.port),
            " ".join(dict.fromkeys([domain, *aliases])),
            t.https_port or 443,
            _challenge_dir(t.acme_dir),
        )
        if tls
        else []
    )
    # The digest of everything above, served at VERSION_URI: whoever reloads an nginx it does not
    # run can poll it to know when this text is live.
    digest = hashlib.sha256("\n".join(lines + redirect).encode()).hexdigest()[:16]
    version = [
        f"    location = {VERSION_URI} {{",
        "        access_log off;",
        "        default_type text/plain;",
        f'        return 200 "{digest}";',
        "    }",
    ]
    lines += [*version, "}"]
    if redirect:  # plain HTTP answers the digest too: that is where it is polled
        lines += [*redirect[:-1], *version, "}"]
    return "\n".join(lines) + "\n"


def vhost_digest(text: str) -> str | None:
    """The digest a vhost rendered by :func:`render_vhost` serves at ``VERSION_URI``."""
    found = _DIGEST.search(text)
    return found.group(1) if found else None


def _https_lines(vhost: Vhost, t: VhostTarget, domain: str) -> list[str]:
    if not (vhost.https and vhost.certificate):
        return []
    if not vhost.certificate_key:
        raise ValidationError(f"site {domain!r}: a certificate needs its key (certificate_key)")
    if not t.https_port:
        raise ValidationError(f"site {domain!r} has a certificate, but its server has no HTTPS port")
    return nginx_acme.tls_lines(
        _listen(t.address, t.https_port),
        conf_path("certificate", vhost.certificate),
        conf_path("certificate key", vhost.certificate_key),
        t.hsts_max_age,
    )


def _challenge_dir(directory: str | None) -> str | None:
    """The quoted root the challenge directory is served from (``nginx_acme.challenge_root``)."""
    return conf_path("ACME challenge directory", nginx_acme.challenge_root(directory)) if directory else None


def _maintenance_lines(t: VhostTarget, domain: str) -> list[str]:
    # The flag file is checked on every request (one stat), so maintenance needs no reload. The
    # URI test stops the 503 page's own internal redirect from being answered with a 503 again.
    flag = f"{t.maintenance_dir.rstrip('/')}/{domain}"
    return [
        '    set $aegir_maintenance "";',
        f"    if (-f {conf_path('maintenance flag', flag)}) {{ set $aegir_maintenance 1; }}",
        f'    if ($uri = "{MAINTENANCE_URI}") {{ set $aegir_maintenance ""; }}',
        f'    if ($uri = "{VERSION_URI}") {{ set $aegir_maintenance ""; }}',
        "    if ($aegir_maintenance) { return 503; }",
        f"    error_page 503 {MAINTENANCE_URI};",
        f"    location = {MAINTENANCE_URI} {{",
        "        internal;",
        f"        alias {conf_path('maintenance page', t.maintenance_page)};",
        "        default_type text/html;",
        "        add_header Retry-After 300 always;",
        '        add_header Cache-Control "no-store" always;',
        "    }",
    ]


def _deny_rules(rules: WebRules) -> list[str]:
    patterns = [_DOTFILES, *rules.deny]
    if not rules.php:
        patterns.append(_NOT_PHP)  # no PHP handler: never hand out PHP source as a download
    return [quote("deny rule", p, variables=True) for p in dict.fromkeys(patterns)]


def _alias_lines(rules: WebRules, denies: list[str]) -> list[str]:
    lines: list[str] = []
    for prefix, directory in rules.aliases.items():
        alias_prefix(prefix)
        target = directory if directory.endswith("/") else directory + "/"
        # ^~ keeps the PHP and static regex locations away; the deny rules are repeated inside
        lines += [
            f"    location ^~ {quote('alias prefix', prefix)} {{",
            f"        alias {conf_path('alias directory', target)};",
            *(f"        location ~ {d} {{ deny all; }}" for d in denies),
            *_expires(rules, "        "),
            "    }",
        ]
    return lines


def _front_controller(rules: WebRules) -> str | None:
    return front_controller(rules)


def _php_lines(rules: WebRules, t: VhostTarget) -> list[str]:
    lines = [
        r'    location ~ "[^/]\\.php(/|$)" {',
        r'        fastcgi_split_path_info "^(.+?\\.php)(/.*)$";',
        # try_files empties $fastcgi_path_info (nginx ticket 321): keep it first
        "        set $aegir_path_info $fastcgi_path_info;",
        "        try_files $fastcgi_script_name =404;",
        f"        include {conf_path('fastcgi params file', t.fastcgi_params_file)};",
        "        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;",
        "        fastcgi_param PATH_INFO $aegir_path_info;",
        '        fastcgi_param HTTP_PROXY "";',
    ]
    for name, value in rules.fastcgi_params.items():
        fastcgi_param_name(name)
        lines.append(f"        fastcgi_param {name} {quote(f'FastCGI parameter {name}', value)};")
    lines += [
        "        fastcgi_read_timeout 300s;",
        # Buffered, so PHP hands its page to nginx (memory, then a temp file) and its worker is
        # free at once. Unbuffered, php-fpm waits until nginx has put all but the last buffer
        # into the client's socket: two slow readers of a 512 kB page took a 2-worker pool
        # (benchmarks/nginx_reload.py, docs/local-backend.md).
        # The buffers are 1 MB because of a bug of nginx 1.22 with epoll: once a read of the
        # upstream takes exactly the bytes FIONREAD reported, the next read says "again" but
        # leaves the event ready, so no read timer is set, and a worker that a graceful reload
        # (every publish) retired exits mid-response ("open socket ... left in connection").
        # That needs a read to fill its buffer exactly: 1 MB is more than the Unix socket from
        # php-fpm holds, so a page that fits the first buffer is never cut. Over 100 reloads:
        # 0 of 11,703 pages cut, against 29 of 11,102 with the default 4 kB buffers. A page
        # larger than about 700 kB can still be cut if a reload comes while PHP writes it.
        "        fastcgi_buffering on;",
        "        fastcgi_buffer_size 1m;",
        "        fastcgi_buffers 3 1m;",
        "        fastcgi_busy_buffers_size 1m;",
        f"        fastcgi_pass {quote('FastCGI address', t.fastcgi or '')};",
        "    }",
    ]
    return lines


def _expires(rules: WebRules, indent: str) -> list[str]:
    age = static_max_age(rules)
    return [f"{indent}expires {age}s;"] if age else []
