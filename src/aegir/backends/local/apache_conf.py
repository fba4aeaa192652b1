"""Apache configuration as text: a managed server's ``apache2.conf`` and one ``<VirtualHost>`` per
site, with the behaviour of :mod:`aegir.backends.local.nginx_conf` (front controller, deny rules,
static aliases, maintenance 503 by a flag file, HTTPS with a redirect that spares ACME challenges).

Values are checked by :mod:`aegir.backends.local.conf_values`, as for nginx. Apache expands
``${VAR}`` anywhere on a line while it reads its files, so ``${`` is refused everywhere; mod_rewrite
reads its arguments without un-escaping and expands ``%{...}``, so what goes there has neither
``\\`` nor ``%``.
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
from aegir.backends.local.nginx_conf import MAINTENANCE_URI, VhostTarget
from aegir.core import names
from aegir.core.app import WebRules
from aegir.core.backend import Vhost
from aegir.core.errors import ValidationError

__all__ = [
    "MODULES",
    "ApacheMainConfig",
    "apache_vhost_digest",
    "fastcgi_handler",
    "quote",
    "render_apache_main",
    "render_apache_vhost",
]

#: the modules a managed Apache loads (from ``modules_dir``); nothing else
MODULES = (
    "mpm_event",
    "authz_core",
    "dir",
    "mime",
    "rewrite",
    "headers",
    "expires",
    "env",
    "setenvif",
    "alias",
    "proxy",
    "proxy_fcgi",
    "socache_shmcb",
    "ssl",
)
_DIGEST = re.compile(r"^# aegir-vhost-digest: ([0-9a-f]{16})$", re.MULTILINE)
# Mozilla's "intermediate" profile, as for nginx (nginx_acme)
_CIPHERS = (
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
)


def quote(kind: str, value: str, *, variables: bool = False) -> str:
    """``value`` as one double-quoted Apache token (``ap_getword_conf`` un-escapes ``\\\\``, so
    every backslash is doubled)."""
    check_value(kind, value, software="Apache", variables=variables)
    if "${" in value:
        raise ValidationError(f"invalid {kind} {value!r}: '${{' cannot go into Apache config")
    return '"' + value.replace("\\", "\\\\") + '"'


def conf_path(kind: str, value: str) -> str:
    """An absolute path, double-quoted for Apache."""
    return quote(kind, check_path(kind, value))


def rewrite_path(kind: str, value: str) -> str:
    """An absolute path as a mod_rewrite argument (quoted; it is never un-escaped there)."""
    check_path(kind, value)
    quoted = quote(kind, value)
    if "\\" in value or "%" in value:
        raise ValidationError(f"invalid {kind} {value!r}: '\\' and '%' cannot go into a mod_rewrite rule")
    return quoted


@frozen
class ApacheMainConfig:
    """What a managed server's ``apache2.conf`` needs."""

    server: str
    address: str
    port: int
    server_root: str
    pid_file: str
    error_log: str
    access_log: str
    run_dir: str
    vhosts_dir: str
    #: the default vhost's ACME challenge directory (``.../.well-known/acme-challenge``)
    acme_dir: str
    empty_dir: str
    modules_dir: str = "/usr/lib/apache2/modules"
    user: str | None = None
    https_port: int | None = None
    mime_types: str = "/etc/mime.types"
    #: a self-signed certificate and its key for the HTTPS port's default vhost (names no site
    #: has a certificate for); Apache cannot refuse a handshake as nginx does without one
    default_certificate: str | None = None
    default_key: str | None = None


def render_apache_main(c: ApacheMainConfig) -> str:
    modules = c.modules_dir.rstrip("/")
    lines = [
        f"# Managed by Aegir for server {c.server}: rewritten by 'aegir server start'; do not edit.",
        f"ServerRoot {conf_path('server root', c.server_root)}",
        f"DefaultRuntimeDir {conf_path('run dir', c.run_dir)}",
        f"PidFile {conf_path('pid file', c.pid_file)}",
        f"ErrorLog {conf_path('error log', c.error_log)}",
        "LogLevel warn",
        *(f"LoadModule {m}_module {conf_path('module', f'{modules}/mod_{m}.so')}" for m in MODULES),
    ]
    if c.user:
        names.check_name("user", c.user)
        lines += [f"User {c.user}", f"Group {c.user}"]
    lines += [
        "ServerName localhost",
        "ServerTokens Prod",
        "ServerSignature Off",
        "TraceEnable Off",
        # PHP may take as long as nginx lets it (fastcgi_read_timeout 300s)
        "Timeout 300",
        "KeepAliveTimeout 65",
        f"TypesConfig {conf_path('mime types file', c.mime_types)}",
        'LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\"" combined',
        f"CustomLog {conf_path('access log', c.access_log)} combined",
        "AccessFileName .aegir-no-htaccess",
        f"DocumentRoot {conf_path('empty dir', c.empty_dir)}",
        "<Directory />",
        "    Options None",
        "    AllowOverride None",
        "    Require all denied",
        "</Directory>",
        f"Listen {_listen(c.address, c.port)}",
    ]
    if c.https_port:
        lines += [
            f"Listen {_listen(c.address, c.https_port)}",
            f"SSLSessionCache {quote('session cache', 'shmcb:' + c.run_dir.rstrip('/') + '/ssl_scache(512000)')}",
            "SSLSessionCacheTimeout 86400",
        ]
    # the first vhost of an address is its default: names no site has get a 404
    lines += [
        f"<VirtualHost {_listen(c.address, c.port)}>",
        "    ServerName _default_",
        "    RewriteEngine On",
        *_challenge_lines(c.acme_dir),
        '    RewriteRule "^" "-" [R=404,L]',
        "</VirtualHost>",
        *_default_tls_lines(c),
        f"IncludeOptional {conf_path('vhosts dir', c.vhosts_dir.rstrip('/') + '/*.conf')}",
    ]
    return "\n".join(lines) + "\n"


def _default_tls_lines(c: ApacheMainConfig) -> list[str]:
    """The HTTPS port's first vhost, so its default: without it, a name no site has a certificate
    for (or a client without SNI) would get the first site's certificate and pages."""
    if not (c.https_port and c.default_certificate and c.default_key):
        return []
    return [
        f"<VirtualHost {_listen(c.address, c.https_port)}>",
        "    ServerName _default_",
        "    SSLEngine on",
        f"    SSLCertificateFile {conf_path('certificate', c.default_certificate)}",
        f"    SSLCertificateKeyFile {conf_path('certificate key', c.default_key)}",
        "    SSLProtocol -all +TLSv1.2 +TLSv1.3",
        "    SSLSessionTickets off",
        "    RewriteEngine On",
        '    RewriteRule "^" "-" [R=404,L]',
        "</VirtualHost>",
    ]


def _listen(address: str, port: int) -> str:
    host = f"[{address}]" if ":" in address else address
    if not re.fullmatch(r"[0-9A-Za-z.:\[\]-]+", host):
        raise ValidationError(f"invalid listen address {address!r}")
    return f"{host}:{int(port)}"


def fastcgi_handler(fastcgi: str) -> str:
    """The ``SetHandler`` argument that sends a script to PHP-FPM at ``fastcgi`` (``unix:/path``
    or ``host:port``, as :meth:`ManagedPhpFpm.fastcgi_address` gives it)."""
    if fastcgi.startswith("unix:"):
        path = check_path("FastCGI socket", fastcgi.removeprefix("unix:"))
        if "|" in path:
            raise ValidationError(f"invalid FastCGI socket {path!r}: '|' cannot go into a handler")
        return f"proxy:unix:{path}|fcgi://localhost"
    if not re.fullmatch(r"[0-9A-Za-z.\[\]:-]+:[0-9]{1,5}", fastcgi):
        raise ValidationError(f"invalid FastCGI address {fastcgi!r}: use unix:/path or host:port")
    return f"proxy:fcgi://{fastcgi}"


def render_apache_vhost(vhost: Vhost, t: VhostTarget) -> str:
    """The ``<VirtualHost>`` blocks of one site (two with a certificate: TLS, and the redirect)."""
    domain = names.normalize_domain(vhost.domain)
    aliases = [names.normalize_domain(a) for a in vhost.aliases]
    server_names = list(dict.fromkeys([domain, *aliases]))
    rules = vhost.rules
    if rules.php and not t.fastcgi:
        raise ValidationError(f"site {domain!r} needs PHP, but its server has no PHP-FPM service")
    tls = _tls_lines(vhost, t, domain)
    root = conf_path("site root", vhost.root)
    listen = _listen(t.address, t.https_port or 0) if tls else _listen(t.address, t.port)
    lines = [
        f"# Managed by Aegir: site {domain}. Rewritten by 'aegir site verify'; do not edit.",
        f"<VirtualHost {listen}>",
        f"    ServerName {domain}",
    ]
    if server_names[1:]:
        lines.append(f"    ServerAlias {' '.join(server_names[1:])}")
    lines += tls
    lines += [
        f"    DocumentRoot {root}",
        "    DirectoryIndex " + ("index.php index.html index.htm" if rules.php else "index.html index.htm"),
        "    LimitRequestBody 67108864",
        "    RewriteEngine On",
        *_maintenance_lines(t, domain),
        *_challenge_lines(t.acme_dir),
        f"    <Directory {root}>",
        "        Options FollowSymLinks",
        "        AllowOverride None",
        "        Require all granted",
        *_php_handler(rules.php, t),
        "    </Directory>",
    ]
    front = front_controller(rules)
    if front:
        # a path that is no file or directory goes to the front controller (REQUEST_URI stays)
        lines.append(f"    FallbackResource {front}")
    if rules.php:
        lines += [
            # a PHP script that does not exist is a 404, as with nginx: never the front controller
            '    <LocationMatch "[^/]\\\\.php(/|$)">',
            "        FallbackResource disabled",
            "    </LocationMatch>",
            "    RequestHeader unset Proxy early",
            "    ProxyTimeout 300",
        ]
        for name, value in rules.fastcgi_params.items():
            fastcgi_param_name(name)
            # mod_proxy_fcgi passes the request's environment to PHP as FastCGI parameters
            lines.append(f"    SetEnv {name} {quote(f'FastCGI parameter {name}', value)}")
    age = static_max_age(rules)
    lines += _alias_lines(rules, age)
    if age:
        lines += [
            f"    <LocationMatch {quote('regex', '(?i)' + STATIC, variables=True)}>",
            *_expires(age, "        "),
            "    </LocationMatch>",
        ]
    # last, so nothing above can grant what they deny (later sections win when merged)
    for pattern in _deny_patterns(rules):
        lines += [f"    <LocationMatch {pattern}>", "        Require all denied", "    </LocationMatch>"]
    lines.append("</VirtualHost>")
    if tls:
        lines += _redirect_lines(t, server_names, root)
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    return "\n".join([*lines, f"# aegir-vhost-digest: {digest}"]) + "\n"


def apache_vhost_digest(text: str) -> str | None:
    """The digest :func:`render_apache_vhost` wrote into a vhost."""
    found = _DIGEST.search(text)
    return found.group(1) if found else None


def _php_handler(php: bool, t: VhostTarget) -> list[str]:
    if not php:
        return []
    handler = quote("FastCGI address", fastcgi_handler(t.fastcgi or ""))
    # only files of the docroot that exist: an alias directory never runs PHP, and a missing
    # script is never handed to PHP-FPM
    return [
        '        <FilesMatch ".\\\\.php$">',
        '            <If "-f %{REQUEST_FILENAME}">',
        f"                SetHandler {handler}",
        "            </If>",
        "        </FilesMatch>",
    ]


def _maintenance_lines(t: VhostTarget, domain: str) -> list[str]:
    # The flag file is tested on every request (one stat), so maintenance needs no reload; the
    # 503 page is an ErrorDocument that only the error's internal redirect may reach.
    flag = rewrite_path("maintenance flag", f"{t.maintenance_dir.rstrip('/')}/{domain}")
    return [
        f'    RewriteCond "%{{REQUEST_URI}}" "!={MAINTENANCE_URI}"',
        f"    RewriteCond {flag} -f",
        '    RewriteRule "^" "-" [R=503,L]',
        f"    ErrorDocument 503 {MAINTENANCE_URI}",
        f'    Alias "{MAINTENANCE_URI}" {conf_path("maintenance page", t.maintenance_page)}',
        f'    <Location "{MAINTENANCE_URI}">',
        '        Require expr "-n %{ENV:REDIRECT_STATUS}"',
        "        ForceType text/html",
        '        Header always set Retry-After "300"',
        '        Header always set Cache-Control "no-store"',
        "    </Location>",
    ]


def _challenge_lines(directory: str | None) -> list[str]:
    """Serve ``/.well-known/acme-challenge/<token>`` from Aegir's challenge directory when the
    token is there (else the request goes on: a file of the site, for a webroot client)."""
    if not directory:
        return []
    root = nginx_acme.challenge_root(directory)
    quoted_root = rewrite_path("ACME challenge directory", root)
    target = quoted_root[:-1] + '%{REQUEST_URI}"'
    prefix = nginx_acme.CHALLENGE_PREFIX.replace(".", "\\.")
    return [
        f"    RewriteCond {target} -f",
        f'    RewriteRule "^{prefix}[^/]+$" {target} [L]',
        f"    <Directory {conf_path('ACME challenge directory', directory)}>",
        "        Options None",
        "        AllowOverride None",
        "        ForceType text/plain",
        "        Require all granted",
        "    </Directory>",
    ]


def _deny_patterns(rules: WebRules) -> list[str]:
    patterns = [DOTFILES, *rules.deny]
    if not rules.php:
        patterns.append(NOT_PHP)  # no PHP handler: never hand out PHP source as a download
    return [quote("deny rule", p, variables=True) for p in dict.fromkeys(patterns)]


def _alias_lines(rules: WebRules, age: int) -> list[str]:
    lines: list[str] = []
    for prefix, directory in rules.aliases.items():
        alias_prefix(prefix)
        target = conf_path("alias directory", directory if directory.endswith("/") else directory + "/")
        lines += [
            f"    Alias {quote('alias prefix', prefix)} {target}",
            f"    <Directory {target}>",
            "        Options None",
            "        AllowOverride None",
            "        Require all granted",
            *_expires(age, "        "),
            "    </Directory>",
            # static files only: a missing one is a 404, not the front controller
            f"    <Location {quote('alias prefix', prefix)}>",
            "        FallbackResource disabled",
            "    </Location>",
        ]
    return lines


def _expires(age: int, indent: str) -> list[str]:
    if not age:
        return []
    return [f"{indent}ExpiresActive On", f'{indent}ExpiresDefault "access plus {int(age)} seconds"']


def _tls_lines(vhost: Vhost, t: VhostTarget, domain: str) -> list[str]:
    if not (vhost.https and vhost.certificate):
        return []
    if not vhost.certificate_key:
        raise ValidationError(f"site {domain!r}: a certificate needs its key (certificate_key)")
    if not t.https_port:
        raise ValidationError(f"site {domain!r} has a certificate, but its server has no HTTPS port")
    lines = [
        "    SSLEngine on",
        f"    SSLCertificateFile {conf_path('certificate', vhost.certificate)}",
        f"    SSLCertificateKeyFile {conf_path('certificate key', vhost.certificate_key)}",
        "    SSLProtocol -all +TLSv1.2 +TLSv1.3",
        f'    SSLCipherSuite "{_CIPHERS}"',
        "    SSLHonorCipherOrder off",
        "    SSLSessionTickets off",
    ]
    if t.hsts_max_age > 0:
        # off unless the operator asks: once sent, browsers refuse plain HTTP for max-age seconds
        lines.append(f'    Header always set Strict-Transport-Security "max-age={int(t.hsts_max_age)}"')
    return lines


def _redirect_lines(t: VhostTarget, server_names: list[str], root: str) -> list[str]:
    """Plain HTTP: ACME challenges answered, everything else sent to HTTPS with a 301."""
    https_port = t.https_port or 443
    port = "" if https_port == 443 else f":{int(https_port)}"
    lines = [f"<VirtualHost {_listen(t.address, t.port)}>", f"    ServerName {server_names[0]}"]
    if server_names[1:]:
        lines.append(f"    ServerAlias {' '.join(server_names[1:])}")
    prefix = nginx_acme.CHALLENGE_PREFIX.replace(".", "\\.")
    lines += [
        f"    DocumentRoot {root}",
        "    RewriteEngine On",
        *_challenge_lines(t.acme_dir),
        # the request target as the client sent it (nginx's $request_uri): mod_rewrite's
        # REQUEST_URI is decoded, and Apache answers 403 to a redirect built from a decoded %3F
        f'    RewriteCond "%{{REQUEST_URI}}" "!^{prefix}"',
        '    RewriteCond "%{THE_REQUEST}" "^[A-Z]+ (?:[A-Za-z][A-Za-z0-9+.-]*://[^/ ]*)?(/[^ ]*) HTTP/"',
        f'    RewriteRule "^" "https://%{{SERVER_NAME}}{port}%1" [R=301,L,NE,QSD,UnsafeAllow3F]',
        # any other request line (HTTP/0.9): the decoded path, re-encoded
        f'    RewriteCond "%{{REQUEST_URI}}" "!^{prefix}"',
        f'    RewriteRule "^" "https://%{{SERVER_NAME}}{port}%{{REQUEST_URI}}" [R=301,L]',
        f"    <Directory {root}>",
        "        Options None",
        "        AllowOverride None",
        "        Require all granted",
        "    </Directory>",
        "</VirtualHost>",
    ]
    return lines
