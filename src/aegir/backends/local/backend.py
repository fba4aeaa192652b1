"""The local backend: a server on the machine Aegir runs on (or, through another executor, a
machine like it), with nginx, php-fpm and MariaDB that Aegir runs itself (managed) or that exist
already (attached).

Service options read here: nginx ``https_port``, ``mime_types``, ``binary``; php-fpm ``user``
(the pool user when running as root, default ``www-data``), ``php_binary``, ``max_children``,
``binary``; attached MariaDB/MySQL ``host``, ``port``, ``user``, ``client_hosts`` (the hosts its
sites connect from, comma-separated); attached nginx ``include_dir``, ``reload_cmd``,
``test_cmd``; attached php-fpm ``fastcgi`` (``unix:/path`` or ``host:port``). The server option
``root`` moves the server directory away from ``<home>/servers/<name>``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from aegir.backends.local import nginx_acme
from aegir.backends.local.apache_conf import apache_vhost_digest, render_apache_vhost
from aegir.backends.local.apache_service import ManagedApache
from aegir.backends.local.daemons import DaemonContext, ManagedDaemon
from aegir.backends.local.dbclient import DbClient, DbLogin
from aegir.backends.local.executor import Executor
from aegir.backends.local.http import http_get
from aegir.backends.local.layout import ServerLayout
from aegir.backends.local.local_executor import LocalExecutor
from aegir.backends.local.nginx_conf import VERSION_URI, VhostTarget
from aegir.backends.local.preview import SitePreviews
from aegir.backends.local.services import ManagedMariaDB, ManagedNginx, ManagedPhpFpm
from aegir.backends.local.sql import create_database_sql, database_exists_sql, drop_database_sql, ident
from aegir.backends.local.web import AttachedNginx, SitePublisher, WebControl
from aegir.core.backend import (
    Backend,
    BackendEnv,
    CommandResult,
    DbEndpoint,
    HttpResult,
    ServiceState,
    Vhost,
)
from aegir.core.errors import BackendError, ValidationError
from aegir.core.model import Server, Service, ServiceKind, ServiceType

if TYPE_CHECKING:
    from aegir.core.archive import ExtractReport, FilesPart, FilesReport
    from aegir.core.scanrecord import ScanFiles

__all__ = ["LocalBackend", "db_admin_secret"]

_SUPPORTED = {
    ServiceType.NGINX,
    ServiceType.APACHE,
    ServiceType.PHP_FPM,
    ServiceType.MARIADB,
    ServiceType.MYSQL,
}
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_WEB_USER = "www-data"


def db_admin_secret(server: str) -> str:
    """The secret holding the admin password of an attached database server."""
    return f"server/{server}/db-admin"


class LocalBackend(Backend):
    """Drives one server through an :class:`Executor` (this machine's by default)."""

    name: ClassVar[str] = "local"

    def __init__(self, server: Server, env: BackendEnv, *, executor: Executor | None = None) -> None:
        super().__init__(server, env)
        self.executor = executor or LocalExecutor()
        root = server.options.get("root") or str(env.home / "servers" / server.name)
        self.layout = ServerLayout(root)
        self._attached_client: DbClient | None = None
        for service in server.services:
            if service.type not in _SUPPORTED:
                raise ValidationError(
                    f"server {server.name!r}: the local backend cannot run a {service.type.value} service"
                )

    # -- who we are -------------------------------------------------------------------------
    @cached_property
    def as_root(self) -> bool:
        return self.executor.is_root()

    @cached_property
    def web_user(self) -> str | None:
        """The user nginx workers and PHP run as when Aegir runs as root (None otherwise)."""
        if not self.as_root:
            return None
        php = self.server.service(ServiceKind.PHP)
        return (php.options.get("user") if php else None) or DEFAULT_WEB_USER

    def _context(self) -> DaemonContext:
        return DaemonContext(self.executor, self.layout, self.server.name, self.as_root, self.web_user)

    # -- managed daemons --------------------------------------------------------------------
    def _managed(self, kind: ServiceKind) -> Service | None:
        service = self.server.service(kind)
        return service if service is not None and service.managed else None

    @cached_property
    def nginx(self) -> ManagedNginx | None:
        service = self._managed(ServiceKind.HTTP)
        return (
            ManagedNginx(self._context(), service) if service and service.type is ServiceType.NGINX else None
        )

    @cached_property
    def apache(self) -> ManagedApache | None:
        """The managed Apache of a server whose web service is Apache (nginx is then None)."""
        service = self._managed(ServiceKind.HTTP)
        return (
            ManagedApache(self._context(), service)
            if service and service.type is ServiceType.APACHE
            else None
        )

    @cached_property
    def php(self) -> ManagedPhpFpm | None:
        service = self._managed(ServiceKind.PHP)
        return ManagedPhpFpm(self._context(), service) if service else None

    @cached_property
    def mariadb(self) -> ManagedMariaDB | None:
        service = self._managed(ServiceKind.DB)
        return ManagedMariaDB(self._context(), service, secrets=self.env.secrets) if service else None

    def daemons(self) -> list[ManagedDaemon]:
        """The managed daemons in start order (the database first, the web server last)."""
        return [d for d in (self.mariadb, self.php, self.nginx, self.apache) if d is not None]

    # -- services ---------------------------------------------------------------------------
    def setup(self) -> None:
        ex = self.executor
        ex.make_dir(self.layout.root, 0o755)
        ex.make_dir(self.layout.sites, 0o755)
        ex.make_dir(self.layout.codebases, 0o755)
        ex.make_dir(self.layout.private_dir, 0o700)
        if self.server.service(ServiceKind.HTTP) is not None:
            self._check_web_user_reaches(self.layout.root)
            if self.nginx is None and self.apache is None:
                self.nginx_prepare_shared()
        for daemon in self.daemons():
            daemon.prepare()
        db = self.server.service(ServiceKind.DB)
        if db is not None and not db.managed:
            endpoint = self.db_endpoint()
            try:
                self.db_client().check_login()
            except BackendError as e:
                raise BackendError(
                    f"server {self.server.name!r}: cannot reach the database server at {endpoint.host}:"
                    f"{endpoint.port} as {db.options.get('user', 'root')!r}: {e}"
                ) from e

    def nginx_prepare_shared(self) -> None:
        """For an attached nginx: the maintenance page and flag directory its vhosts refer to."""
        from aegir.backends.local.nginx_conf import MAINTENANCE_PAGE

        self.executor.make_dir(self.layout.maintenance_dir, 0o755)
        self.executor.make_dir(self.layout.html_dir, 0o755)
        self.executor.write_file(f"{self.layout.html_dir}/maintenance.html", MAINTENANCE_PAGE.encode(), 0o644)

    def _check_web_user_reaches(self, path: str) -> None:
        if not self.as_root or self.web_user is None:
            return
        runuser = self.executor.which("runuser")
        if runuser is None:
            return
        if self.executor.run([runuser, "-u", self.web_user, "--", "test", "-x", path]).returncode != 0:
            raise BackendError(
                f"the web user {self.web_user!r} cannot reach {path!r}: nginx and PHP would not see the "
                "sites; make every parent directory traversable (chmod o+x) or use an Aegir home such as "
                "/var/lib/aegir (--home)"
            )

    def teardown(self) -> None:
        """Stop, then remove what Aegir made in the server directory, and the server's secrets."""
        self.stop()
        for part in ("nginx", "apache", "php", "mariadb", "private", "sites", "codebases"):
            self.executor.remove_path(self.layout.path(part))
        # the directory itself only if nothing else is in it (``root`` may point somewhere shared)
        self.executor.run(["rmdir", "--", self.layout.root])
        self.env.secrets.delete_tree(f"server/{self.server.name}")

    def start(self) -> list[ServiceState]:
        for daemon in self.daemons():
            daemon.start()
        return self.status()

    def stop(self) -> list[ServiceState]:
        errors = []
        for daemon in reversed(self.daemons()):
            try:
                daemon.stop()
            except BackendError as e:
                errors.append(str(e))
        if errors:
            raise BackendError("; ".join(errors))
        return self.status()

    def status(self) -> list[ServiceState]:
        states: list[ServiceState] = []
        managed = {id(d.service): d for d in self.daemons()}
        for service in self.server.services:
            daemon = managed.get(id(service))
            states.append(daemon.state() if daemon is not None else self._attached_state(service))
        return states

    def _attached_state(self, service: Service) -> ServiceState:
        if service.kind is ServiceKind.DB:
            endpoint = self.db_endpoint()
            running = self.db_client().ping()
            return ServiceState(
                service.type.value, service.type.value, running, None, endpoint.port,
                f"attached at {endpoint.host}:{endpoint.port}",
            )  # fmt: skip
        if service.kind is ServiceKind.HTTP:
            port = service.port or 80
            running = self.executor.can_connect(_connect_address(service.address), port)
            return ServiceState("nginx", service.type.value, running, None, port, "attached")
        target = self._fastcgi_address()
        return ServiceState(
            service.type.value, service.type.value, True, None, service.port, f"attached at {target}"
        )

    def reload(self) -> None:
        """Reload nginx and php-fpm gracefully (running requests finish on the old workers)."""
        if self.php is not None:
            self.php.reload()
        self._web_control().reload()

    # -- paths ------------------------------------------------------------------------------
    def sites_root(self) -> str:
        return self.layout.sites

    def codebases_root(self) -> str:
        return self.layout.codebases

    # -- commands and files -----------------------------------------------------------------
    def run(
        self,
        argv: list[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        return self.executor.run(argv, cwd=cwd, env=env, stdin=stdin, timeout=timeout)

    def run_streaming(
        self,
        argv: list[str],
        on_line: Callable[[str], None],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        if isinstance(self.executor, LocalExecutor):
            return self.executor.run_lines(argv, on_line, cwd=cwd, env=env, stdin=stdin, timeout=timeout)
        return super().run_streaming(argv, on_line, cwd=cwd, env=env, stdin=stdin, timeout=timeout)

    def _group_for(self, mode: int) -> str | None:
        # As root, a site file's group is the web user's: 0640 means PHP may read it, not write it.
        return self.web_user if self.as_root and mode & 0o070 else None

    def write_file(self, path: str, content: bytes, mode: int = 0o640) -> None:
        self.executor.write_file(path, content, mode, group=self._group_for(mode))

    def read_file(self, path: str) -> bytes:
        return self.executor.read_file(path)

    def exists(self, path: str) -> bool:
        return self.executor.exists(path)

    def make_dir(self, path: str, mode: int = 0o755) -> None:
        self.executor.make_dir(path, mode, group=self._group_for(mode))

    def remove_path(self, path: str) -> None:
        self.executor.remove_path(path)

    def copy_tree(self, source: str, dest: str, *, follow_links: bool = True) -> None:
        self.executor.copy_tree(source, dest, follow_links=follow_links)

    def open_read(self, path: str) -> AbstractContextManager[IO[bytes]]:
        return self.executor.open_read(path)

    def open_write(self, path: str) -> AbstractContextManager[IO[bytes]]:
        return self.executor.open_write(path, 0o640)

    def iter_files(self, root: str) -> Iterator[str]:
        return self.executor.iter_files(root)

    def local_files(self) -> bool:
        return isinstance(self.executor, LocalExecutor)

    def scan_view(self, root: str, files: ScanFiles | None) -> AbstractContextManager[Path]:
        """``root`` itself on this machine; else the scanned files of ``root`` copied here in one
        stream through the executor (:mod:`aegir.backends.local.mirror`), removed afterwards."""
        if self.local_files():
            return super().scan_view(root, files)
        return self._mirrored(root, files)

    @contextmanager
    def _mirrored(self, root: str, files: ScanFiles | None) -> Iterator[Path]:
        import tempfile

        from aegir.backends.local.mirror import mirror_tree

        with tempfile.TemporaryDirectory(prefix="aegir-scan-") as tmp:
            view = Path(tmp) / "tree"
            view.mkdir(mode=0o700)
            mirror_tree(self.executor, root, files, view, server=self.server.name)
            yield view

    def archive_files(self, base_dir: str, paths: Sequence[str] | None, out: IO[bytes]) -> FilesReport:
        return self.executor.archive_tree(base_dir, paths, out)

    def restore_files(self, target: str, files: FilesPart) -> ExtractReport:
        return self.executor.extract_tree(target, files)

    # -- databases --------------------------------------------------------------------------
    def _db_service(self) -> Service:
        service = self.server.service(ServiceKind.DB)
        if service is None:
            raise BackendError(f"server {self.server.name!r} has no database service")
        return service

    def db_client(self) -> DbClient:
        """The administrator's client for this server's database service."""
        service = self._db_service()
        if self.mariadb is not None:
            return self.mariadb.client()
        if self._attached_client is not None:
            return self._attached_client
        endpoint = self.db_endpoint()
        login = DbLogin(
            user=service.options.get("user", "root"),
            host=endpoint.host,
            port=endpoint.port,
            password_secret=db_admin_secret(self.server.name),
        )
        self._attached_client = DbClient(
            self.executor,
            login,
            secrets=self.env.secrets,
            private_dir=self.layout.private_dir,
            label=f"database server of {self.server.name!r} ({endpoint.host}:{endpoint.port})",
        )
        return self._attached_client

    def db_endpoint(self) -> DbEndpoint:
        service = self._db_service()
        if service.managed:
            if service.port is None:
                raise BackendError(f"the MariaDB service of server {self.server.name!r} has no port")
            return DbEndpoint(service.address, service.port, socket=self.layout.db_socket)
        host = service.options.get("host") or service.address
        port = service.options.get("port") or str(service.port or 3306)
        if not port.isdigit():
            raise ValidationError(f"server {self.server.name!r}: invalid database port {port!r}")
        return DbEndpoint(host, int(port))

    def _client_hosts(self) -> tuple[str, ...]:
        service = self._db_service()
        configured = service.options.get("client_hosts")
        if configured:
            return tuple(h.strip() for h in configured.split(",") if h.strip())
        if service.managed or self.db_endpoint().host in _LOOPBACK:
            return ("localhost", "127.0.0.1")
        return ("%",)

    def create_database(self, database: str, user: str, password: str) -> None:
        self.env.secrets.remember(password)
        sql = create_database_sql(database, user, password, self._client_hosts())
        self.db_client().execute(sql)

    def drop_database(self, database: str, user: str | None) -> None:
        self.db_client().execute(drop_database_sql(database, user, self._client_hosts()))

    def database_exists(self, database: str) -> bool:
        return bool(self.db_client().query(database_exists_sql(database)))

    def dump_database(self, database: str, out: IO[bytes]) -> None:
        ident("database name", database)
        self.db_client().dump(database, out)

    def load_database(self, database: str, source: IO[bytes]) -> None:
        ident("database name", database)
        self.db_client().load(database, source)

    def db_query(self, database: str | None, sql: str) -> list[tuple[str, ...]]:
        if database is not None:
            ident("database name", database)
        return self.db_client().query(sql, database)

    # -- web --------------------------------------------------------------------------------
    def _web_service(self) -> Service:
        service = self.server.service(ServiceKind.HTTP)
        if service is None:
            raise BackendError(f"server {self.server.name!r} has no web service")
        if service.type is ServiceType.APACHE and not service.managed:
            raise BackendError(
                f"server {self.server.name!r}: an attached Apache is not supported; "
                "let Aegir run it (server add --web apache) or attach an nginx"
            )
        if service.type not in (ServiceType.NGINX, ServiceType.APACHE):
            raise BackendError(
                f"server {self.server.name!r}: the local backend publishes sites on nginx or Apache only"
            )
        return service

    def _web_control(self) -> WebControl:
        service = self._web_service()
        if self.nginx is not None:
            return self.nginx
        if self.apache is not None:
            return self.apache
        return AttachedNginx(self.executor, service, self.server.name)

    def _fastcgi_address(self) -> str | None:
        service = self.server.service(ServiceKind.PHP)
        if service is None:
            return None
        if self.php is not None:
            return self.php.fastcgi_address()
        configured = service.options.get("fastcgi")
        if configured:
            return configured
        if service.port is None:
            raise BackendError(f"server {self.server.name!r}: the attached php-fpm needs a port or 'fastcgi'")
        return f"{service.address}:{service.port}"

    @cached_property
    def publisher(self) -> SitePublisher:
        service = self._web_service()
        control = self._web_control()
        if self.apache is not None:
            return self._apache_publisher(self.apache, service)
        vhosts_dir = control.include_dir if isinstance(control, AttachedNginx) else self.layout.vhosts_dir
        https_port = service.options.get("https_port")
        target = VhostTarget(
            address=service.address,
            port=service.port or 80,
            maintenance_dir=self.layout.maintenance_dir,
            maintenance_page=f"{self.layout.html_dir}/maintenance.html",
            fastcgi=self._fastcgi_address(),
            https_port=int(https_port) if https_port and https_port.isdigit() else None,
            fastcgi_params_file=service.options.get("fastcgi_params", "/etc/nginx/fastcgi_params"),
            acme_dir=self.acme_challenge_dir(),
            hsts_max_age=_hsts_max_age(service, self.server),
        )
        return SitePublisher(
            self.executor,
            self.layout,
            control,
            target,
            vhosts_dir=vhosts_dir,
            server=self.server.name,
            confirm=self._confirm_live if isinstance(control, AttachedNginx) else None,
        )

    def _apache_publisher(self, apache: ManagedApache, service: Service) -> SitePublisher:
        https_port = apache.https_port
        target = VhostTarget(
            address=service.address,
            port=service.port or 80,
            maintenance_dir=apache.maintenance_dir,
            maintenance_page=apache.maintenance_page,
            fastcgi=self._fastcgi_address(),
            https_port=https_port,
            acme_dir=self.acme_challenge_dir(),
            hsts_max_age=_hsts_max_age(service, self.server),
        )
        return SitePublisher(
            self.executor,
            self.layout,
            apache,
            target,
            vhosts_dir=apache.vhosts_dir,
            server=self.server.name,
            render=render_apache_vhost,
            digest=apache_vhost_digest,
            software="Apache",
        )

    def _confirm_live(self, domain: str, digest: str | None, timeout: float = 15.0) -> None:
        """Wait until an nginx we do not run serves ``digest`` for ``domain`` (or no vhost for it).

        Its reload command returns before new workers take over. Without its ``pid_file`` we cannot
        watch the workers, so the new text must answer several times in a row (an old worker may
        still take a connection or two; this makes that unlikely, not impossible).
        """
        deadline = time.monotonic() + timeout
        seen, streak = "", 0
        while time.monotonic() < deadline:
            try:
                result = self.http_get(domain, VERSION_URI, timeout=2)
                seen = f"HTTP {result.status} {result.body[:40]!r}"
                live = result.body == digest if digest else result.status != 200
                streak = streak + 1 if result.status in (200, 404) and live else 0
            except BackendError as e:
                seen, streak = str(e), 0
            if streak >= 3:
                return
            time.sleep(0.02 if streak else 0.05)
        raise BackendError(
            f"nginx of server {self.server.name!r} did not take up the vhost of {domain}: {seen}"
        )

    def acme_challenge_dir(self) -> str:
        """Where http-01 challenge answers go; every vhost serves them (``nginx_acme``)."""
        if self.apache is not None:
            return self.apache.acme_dir
        return nginx_acme.challenge_dir_beside(self.layout.vhosts_dir)

    def certificates_dir(self) -> str:
        """Where the sites' certificates and keys are (``<domain>/<version>/``)."""
        return self.layout.path("certs")

    def vhost_path(self, domain: str) -> str:
        """Where the vhost file of ``domain`` is (it may not exist)."""
        return self.publisher.vhost_path(domain)

    def publish_site(self, vhost: Vhost) -> None:
        self.publisher.publish(vhost)

    def unpublish_site(self, domain: str) -> None:
        self.publisher.unpublish(domain)

    def set_maintenance(self, domain: str, on: bool) -> None:
        self.publisher.set_maintenance(domain, on=on)

    def site_url(self, domain: str, *, https: bool = False) -> str:
        service = self._web_service()
        if https:
            value = service.options.get("https_port", "443")
            port = int(value) if value.isdigit() else 443
            return f"https://{domain}/" if port == 443 else f"https://{domain}:{port}/"
        port = service.port or 80
        return f"http://{domain}/" if port == 80 else f"http://{domain}:{port}/"

    def http_get(self, domain: str, path: str = "/", *, timeout: float = 10.0) -> HttpResult:
        service = self._web_service()
        address, port = _connect_address(service.address), service.port or 80

        def connect(seconds: float) -> Any:
            return self.executor.open_connection(address, port, seconds)

        result = http_get(connect, port, domain, path, timeout=timeout)
        # a site with a certificate sends plain HTTP to HTTPS: follow that to its TLS block
        https_port = self.publisher.target.https_port
        to = nginx_acme.https_redirect_path(result, domain, https_port)
        if to is None or https_port is None:
            return result

        def connect_tls(seconds: float) -> Any:
            return self.executor.open_connection(address, https_port, seconds)

        return nginx_acme.https_get(connect_tls, https_port, domain, to, timeout=timeout)

    # -- private previews (a blue-green migration checks green here before traffic moves) ----
    @cached_property
    def previews(self) -> SitePreviews:
        publisher = self.publisher
        return SitePreviews(
            self.executor,
            self.layout,
            publisher.control,
            publisher.target,
            vhosts_dir=publisher.vhosts_dir,
            server=self.server.name,
            attached=isinstance(publisher.control, AttachedNginx),
            render=render_apache_vhost if self.apache is not None else None,
            digest=apache_vhost_digest if self.apache is not None else None,
            software=publisher.software,
        )

    def publish_preview(self, vhost: Vhost) -> None:
        self.previews.publish(vhost)

    def unpublish_preview(self, domain: str) -> None:
        self.previews.unpublish(domain)

    def http_get_preview(self, domain: str, path: str = "/", *, timeout: float = 10.0) -> HttpResult:
        return self.previews.request(domain, path, timeout=timeout)

    def php_binary(self) -> str:
        service = self.server.service(ServiceKind.PHP)
        configured = service.options.get("php_binary") if service else None
        if configured:
            return configured
        return self.executor.which("php8.2") or self.executor.which("php") or "php"

    def php_user(self) -> str | None:
        if self.server.service(ServiceKind.PHP) is None:
            return None
        return self.web_user or self.executor.user_name()


def _hsts_max_age(service: Service, server: Server) -> int:
    """The nginx option ``hsts_max_age`` (else the server's): seconds; HSTS is off without it."""
    value = service.options.get("hsts_max_age") or server.options.get("hsts_max_age") or "0"
    if not value.isdigit():
        raise ValidationError(f"server {server.name!r}: invalid hsts_max_age {value!r}: give seconds")
    return int(value)


def _connect_address(address: str) -> str:
    """Where to connect to a service listening on ``address`` (any-address means loopback)."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(address, address)  # noqa: S104
