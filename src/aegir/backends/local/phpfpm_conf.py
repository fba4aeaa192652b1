"""A managed server's ``php-fpm.conf``: one pool, listening on a Unix socket or a local port.

As root the pool runs as the web user (``www-data``), so site settings owned by root and only
group-readable stay unwritable by PHP; as an ordinary user, php-fpm runs as that user.
"""

from __future__ import annotations

from attrs import frozen

from aegir.core import names
from aegir.core.errors import ValidationError

__all__ = ["PhpFpmConfig", "render_phpfpm"]


@frozen
class PhpFpmConfig:
    server: str
    pid_file: str
    error_log: str
    listen: str
    user: str | None = None
    group: str | None = None
    listen_owner: str | None = None
    max_children: int = 8


def _value(kind: str, value: str) -> str:
    # php-fpm's INI parser: a quoted value must not hold quotes, newlines or ${} expansions
    if not value or any(c in value for c in '"\n\r\x00$;') or value.strip() != value:
        raise ValidationError(f"invalid {kind} {value!r} for php-fpm.conf")
    return f'"{value}"'


def render_phpfpm(c: PhpFpmConfig) -> str:
    if not isinstance(c.max_children, int) or not 1 <= c.max_children <= 10000:
        raise ValidationError(f"invalid max_children {c.max_children!r}: from 1 to 10000")
    start = min(2, c.max_children)
    lines = [
        f"; Managed by Aegir for server {c.server}: rewritten by 'aegir server start'; do not edit.",
        "[global]",
        f"pid = {_value('pid file', c.pid_file)}",
        f"error_log = {_value('error log', c.error_log)}",
        "daemonize = yes",
        "",
        # the pool is named after the server, so its workers show as "php-fpm: pool <server>"
        f"[{names.check_name('server', c.server)}]",
    ]
    if c.user:
        lines.append(f"user = {names.check_name('user', c.user)}")
        lines.append(f"group = {names.check_name('group', c.group or c.user)}")
    lines.append(f"listen = {_value('listen address', c.listen)}")
    if c.listen_owner:
        lines += [
            f"listen.owner = {names.check_name('user', c.listen_owner)}",
            f"listen.group = {names.check_name('group', c.listen_owner)}",
            "listen.mode = 0660",
        ]
    lines += [
        "pm = dynamic",
        f"pm.max_children = {c.max_children}",
        f"pm.start_servers = {start}",
        "pm.min_spare_servers = 1",
        f"pm.max_spare_servers = {max(start, min(4, c.max_children))}",
        "request_terminate_timeout = 300",
        "catch_workers_output = yes",
        "decorate_workers_output = no",
        # workers see only what the vhost passes them, not the environment of whoever started php-fpm
        "clear_env = yes",
        "",
    ]
    return "\n".join(lines)
