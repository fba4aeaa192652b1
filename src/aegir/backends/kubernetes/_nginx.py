"""The nginx server block of a site's web container, from the driver's WebRules.

nginx listens on 8080 as a non-root user and passes PHP to PHP-FPM on 127.0.0.1:9000 in the same
pod. ``/aegir-healthz`` goes through to PHP-FPM's ping page, so the readiness probe checks both.
Deny rules answer 403 everywhere, aliased paths included; aliased paths never run PHP.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.errors import ValidationError

if TYPE_CHECKING:
    from aegir.core.app import WebRules

__all__ = ["HEALTH_PATH", "MAINTENANCE_CONF", "PING_PATH", "WEB_PORT", "server_block"]

WEB_PORT = 8080
PHP_PORT = 9000
HEALTH_PATH = "/aegir-healthz"
PING_PATH = "/aegir-ping"
_STATIC = r"\.(?:css|js|mjs|map|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|eot)$"
_FORBIDDEN = ('"', "\n", "\r", "\x00")

MAINTENANCE_CONF = f"""server {{
    listen {WEB_PORT};
    server_name _;
    location = {HEALTH_PATH} {{ access_log off; return 200 "ok\\n"; }}
    location / {{
        default_type text/html;
        add_header Retry-After 300 always;
        return 503 "<!doctype html><title>Maintenance</title><h1>This site is under maintenance</h1>\\n";
    }}
}}
"""


def _quoted(value: str, what: str, domain: str, *, literal: bool = False) -> str:
    """``value`` as a double-quoted nginx string; refused if it could break out of it (or, for a
    ``literal``, be read as a variable)."""
    bad = (*_FORBIDDEN, "$", "\\", ";", "{", "}") if literal else _FORBIDDEN
    if not value or any(c in value for c in bad):
        raise ValidationError(f"site {domain!r}: {what} {value!r} cannot go into the nginx configuration")
    return f'"{value}"'


def _path(value: str, what: str, domain: str) -> str:
    if not value.startswith("/") or any(c in value for c in (*_FORBIDDEN, " ", ";", "{", "}", "$", "\\")):
        raise ValidationError(f"site {domain!r}: {what} {value!r} is not a plain absolute path")
    return value


def _php_location(rules: WebRules, domain: str) -> list[str]:
    lines = [
        r"    location ~ [^/]\.php(/|$) {",
        r"        fastcgi_split_path_info ^(.+?\.php)(/.*)$;",
        "        try_files $fastcgi_script_name =404;",
        "        include /etc/nginx/fastcgi_params;",
        "        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;",
        "        fastcgi_param PATH_INFO $fastcgi_path_info;",
        "        fastcgi_param HTTPS $aegir_https if_not_empty;",
    ]
    for key, value in sorted(rules.fastcgi_params.items()):
        if not key.replace("_", "").isalnum():
            raise ValidationError(f"site {domain!r}: FastCGI parameter name {key!r} is not a plain name")
        lines.append(
            f"        fastcgi_param {key} {_quoted(value, 'FastCGI parameter value', domain, literal=True)};"
        )
    lines += [f"        fastcgi_pass 127.0.0.1:{PHP_PORT};", "    }"]
    return lines


def server_block(docroot: str, rules: WebRules, domain: str) -> str:
    """The ``server {}`` block that serves one site from ``docroot``."""
    front = rules.front_controller if rules.php else None
    fallback = f"{front}$is_args$args" if front else "=404"
    deny = [f"location ~ {_quoted(p, 'deny pattern', domain)} {{ deny all; }}" for p in rules.deny]
    lines = [
        'map $http_x_forwarded_proto $aegir_https { default ""; https on; }',
        "server {",
        f"    listen {WEB_PORT};",
        "    server_name _;",
        f"    root {_path(docroot, 'docroot', domain)};",
        "    index " + ("index.php index.html;" if rules.php else "index.html index.htm;"),
        "    client_max_body_size 64m;",
        "    absolute_redirect off;",
    ]
    if rules.php:
        lines += [
            f"    location = {HEALTH_PATH} {{",
            "        access_log off;",
            "        include /etc/nginx/fastcgi_params;",
            f"        fastcgi_param SCRIPT_NAME {PING_PATH};",
            f"        fastcgi_param SCRIPT_FILENAME {PING_PATH};",
            f"        fastcgi_pass 127.0.0.1:{PHP_PORT};",
            "    }",
        ]
    else:
        lines.append(f'    location = {HEALTH_PATH} {{ access_log off; return 200 "ok\\n"; }}')
    lines.append(r"    location ~ /\. { deny all; }")
    lines += [f"    {d}" for d in deny]
    for prefix, directory in sorted(rules.aliases.items()):
        # ^~ keeps the PHP location away from aliased paths; deny rules are repeated inside
        lines.append(f"    location ^~ {_path(prefix, 'alias prefix', domain)} {{")
        lines += [f"        {d}" for d in deny]
        lines += [f"        alias {_path(directory.rstrip('/') + '/', 'alias directory', domain)};", "    }"]
    lines += [
        f"    location ~* {_STATIC} {{",
        f"        expires {int(rules.static_max_age)}s;",
        f"        try_files $uri {fallback};",
        "    }",
        "    location / {",
        f"        try_files $uri $uri/ {fallback};",
        "    }",
    ]
    if rules.php:
        lines += _php_location(rules, domain)
    lines.append("}")
    return "\n".join(lines) + "\n"
