"""Where a managed server's files live: one directory per server under the Aegir home.

::

    <home>/servers/<name>/
        nginx/   nginx.conf, sites/<domain>.conf, maintenance/<domain>, html/, run/, logs/, tmp/
        apache/  the same for a server whose web server is Apache (apache2.conf)
        php/     php-fpm.conf, run/php-fpm.{pid,sock}, logs/
        mariadb/ data/, run/mariadbd.{pid,sock}, logs/, tmp/, admin.cnf
        private/ short-lived credential files (0700), locks
        sites/   one directory per site
        codebases/
"""

from __future__ import annotations

from attrs import frozen

from aegir.core.errors import BackendError

__all__ = ["UNIX_SOCKET_MAX", "ServerLayout"]

#: sun_path holds 108 bytes including the terminating NUL
UNIX_SOCKET_MAX = 107


def _join(*parts: str) -> str:
    return "/".join([parts[0].rstrip("/"), *(p.strip("/") for p in parts[1:])])


@frozen
class ServerLayout:
    """Absolute paths of one server's directories and files (on the machine that runs it)."""

    root: str

    def path(self, *parts: str) -> str:
        return _join(self.root, *parts)

    # -- nginx ------------------------------------------------------------------------------
    @property
    def nginx_conf(self) -> str:
        return self.path("nginx", "nginx.conf")

    @property
    def vhosts_dir(self) -> str:
        return self.path("nginx", "sites")

    @property
    def maintenance_dir(self) -> str:
        return self.path("nginx", "maintenance")

    @property
    def html_dir(self) -> str:
        return self.path("nginx", "html")

    @property
    def nginx_pid(self) -> str:
        return self.path("nginx", "run", "nginx.pid")

    @property
    def nginx_error_log(self) -> str:
        return self.path("nginx", "logs", "error.log")

    @property
    def nginx_access_log(self) -> str:
        return self.path("nginx", "logs", "access.log")

    @property
    def nginx_tmp(self) -> str:
        return self.path("nginx", "tmp")

    # -- apache (a server whose web service is Apache) ----------------------------------------
    @property
    def apache_dir(self) -> str:
        return self.path("apache")

    @property
    def apache_conf(self) -> str:
        return self.path("apache", "apache2.conf")

    @property
    def apache_vhosts_dir(self) -> str:
        return self.path("apache", "sites")

    @property
    def apache_pid(self) -> str:
        return self.path("apache", "run", "apache2.pid")

    @property
    def apache_error_log(self) -> str:
        return self.path("apache", "logs", "error.log")

    @property
    def apache_access_log(self) -> str:
        return self.path("apache", "logs", "access.log")

    # -- php-fpm ----------------------------------------------------------------------------
    @property
    def php_conf(self) -> str:
        return self.path("php", "php-fpm.conf")

    @property
    def php_pid(self) -> str:
        return self.path("php", "run", "php-fpm.pid")

    @property
    def php_socket(self) -> str:
        return self.path("php", "run", "php-fpm.sock")

    @property
    def php_error_log(self) -> str:
        return self.path("php", "logs", "error.log")

    # -- mariadb ----------------------------------------------------------------------------
    @property
    def db_data(self) -> str:
        return self.path("mariadb", "data")

    @property
    def db_socket(self) -> str:
        return self.path("mariadb", "run", "mariadbd.sock")

    @property
    def db_pid(self) -> str:
        return self.path("mariadb", "run", "mariadbd.pid")

    @property
    def db_error_log(self) -> str:
        return self.path("mariadb", "logs", "error.log")

    @property
    def db_tmp(self) -> str:
        return self.path("mariadb", "tmp")

    @property
    def db_admin_cnf(self) -> str:
        return self.path("mariadb", "admin.cnf")

    # -- the rest ---------------------------------------------------------------------------
    @property
    def private_dir(self) -> str:
        return self.path("private")

    @property
    def sites(self) -> str:
        return self.path("sites")

    @property
    def codebases(self) -> str:
        return self.path("codebases")

    def vhost(self, domain: str) -> str:
        return _join(self.vhosts_dir, f"{domain}.conf")

    def maintenance_flag(self, domain: str) -> str:
        return _join(self.maintenance_dir, domain)

    def check_socket_path(self, path: str) -> str:
        """``path`` if it fits in a Unix socket address, else a BackendError saying what to do."""
        if len(path.encode()) > UNIX_SOCKET_MAX:
            raise BackendError(
                f"socket path {path!r} is longer than {UNIX_SOCKET_MAX} bytes, the limit of Unix sockets: "
                "use a shorter Aegir home (--home) or server name"
            )
        return path
