"""The three daemons of a managed server: nginx, php-fpm and mariadbd, each with its own files.

Commands follow ../shared/ENVIRONMENT.md: ``mariadbd --no-defaults`` (``--user=root`` as root),
``php-fpm8.2 -y CONF -D`` with pools as the web user, ``nginx -c CONF -e LOG`` with absolute
includes; ``kill -USR2`` gives php-fpm a new master PID, so the PID file is always re-read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property
from typing import ClassVar

from aegir.backends.local.daemons import DaemonContext, ManagedDaemon
from aegir.backends.local.dbclient import DbClient, DbLogin
from aegir.backends.local.executor import Executor
from aegir.backends.local.nginx_conf import MAINTENANCE_PAGE, MainConfig, render_main
from aegir.backends.local.phpfpm_conf import PhpFpmConfig, render_phpfpm
from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError, CommandFailed
from aegir.core.model import Service
from aegir.core.secrets import SecretStore

__all__ = ["ManagedMariaDB", "ManagedNginx", "ManagedPhpFpm", "wait_for_new_workers"]


def _program(daemon: ManagedDaemon, *candidates: str) -> str:
    configured = daemon.service.options.get("binary")
    for name in (configured,) if configured else candidates:
        found = daemon.ex.which(name)
        if found:
            return found
    wanted = configured or " or ".join(candidates)
    raise BackendError(f"{daemon.label} of server {daemon.ctx.server!r}: program {wanted!r} is not installed")


class ManagedNginx(ManagedDaemon):
    label: ClassVar[str] = "nginx"
    stop_signal: ClassVar[str] = "TERM"
    reload_timeout: ClassVar[float] = 15.0

    @property
    def pid_file(self) -> str:
        return self.layout.nginx_pid

    @property
    def error_log(self) -> str:
        return self.layout.nginx_error_log

    @property
    def marker(self) -> str:
        return self.layout.nginx_conf

    @property
    def https_port(self) -> int | None:
        value = self.service.options.get("https_port")
        return int(value) if value and value.isdigit() else None

    def is_worker_title(self, title: str) -> bool:
        return title.startswith(("nginx: worker process", "nginx: cache "))

    def _port(self) -> int:
        if self.service.port is None:
            raise BackendError(f"the nginx service of server {self.ctx.server!r} has no port")
        return self.service.port

    def prepare(self) -> None:
        lay = self.layout
        for d in ("run", "logs", "tmp", "sites", "maintenance", "html"):
            self.ex.make_dir(lay.path("nginx", d), 0o755)
        self.ex.write_file(f"{lay.html_dir}/maintenance.html", MAINTENANCE_PAGE.encode(), 0o644)
        config = MainConfig(
            server=self.ctx.server,
            address=self.service.address,
            port=self._port(),
            pid_file=lay.nginx_pid,
            error_log=lay.nginx_error_log,
            access_log=lay.nginx_access_log,
            temp_dir=lay.nginx_tmp,
            vhosts_dir=lay.vhosts_dir,
            user=self.ctx.web_user if self.ctx.as_root else None,
            https_port=self.https_port,
            mime_types=self.service.options.get("mime_types", "/etc/nginx/mime.types"),
        )
        self.ex.write_file(lay.nginx_conf, render_main(config).encode(), 0o644)

    def _argv(self, *extra: str) -> list[str]:
        return [
            _program(self, "nginx"),
            *extra,
            "-c",
            self.layout.nginx_conf,
            "-e",
            self.layout.nginx_error_log,
        ]

    @property
    def loaded_marker(self) -> str:
        """Touched just before nginx reads its files: older files are what it serves."""
        return self.layout.path("nginx", "run", "loaded")

    def serves(self, path: str) -> bool:
        """Whether the running nginx has read ``path`` as it is now (changed before the last load)."""
        if self.pid() is None:
            return False
        written, loaded = self.ex.modified_time(path), self.ex.modified_time(self.loaded_marker)
        return written is not None and loaded is not None and written < loaded

    def _mark_loading(self) -> None:
        self.ex.write_file(self.loaded_marker, b"", 0o644)

    def launch(self) -> None:
        self._mark_loading()
        # nginx checks its config and binds its ports before it forks: a failure is reported here
        result = self.ex.run(self._argv(), timeout=30)
        if result.returncode != 0:
            self.ex.remove_path(self.loaded_marker)
            raise BackendError(
                f"nginx of server {self.ctx.server!r} did not start: {_tail(result)} (log: {self.error_log})"
            )

    def ready(self) -> bool:
        return self.pid() is not None and self.ex.can_connect(self.service.address, self._port())

    def test(self) -> CommandResult:
        """``nginx -t`` on the whole configuration, vhosts included."""
        return self.ex.run(self._argv("-t", "-q"), timeout=60)

    def reload(self) -> None:
        """Graceful reload; returns once no old worker takes new connections.

        After SIGHUP the master starts new workers and tells the old ones to finish; until then an
        old worker may still answer with the old configuration, so wait for that hand-over.
        """
        pid = self.pid()
        if pid is None:
            return
        old = {p for p, _ in self.ex.child_processes(pid)}
        offset = self.ex.file_size(self.error_log)
        self._mark_loading()
        self.ex.signal(pid, "HUP")

        def failed() -> bool:
            return "[emerg]" in self.ex.read_tail(self.error_log, offset=offset)

        # nginx itself waits 100 ms before it tells the old workers to finish: a reload costs that
        if not wait_for_new_workers(self.ex, pid, old, self.reload_timeout, failed):
            self.ex.remove_path(self.loaded_marker)  # what nginx serves is unknown now
            raise BackendError(f"nginx of server {self.ctx.server!r} did not reload: {self.log_tail(offset)}")


class ManagedPhpFpm(ManagedDaemon):
    label: ClassVar[str] = "php-fpm"
    stop_signal: ClassVar[str] = "QUIT"

    @property
    def pid_file(self) -> str:
        return self.layout.php_pid

    @property
    def error_log(self) -> str:
        return self.layout.php_error_log

    @property
    def marker(self) -> str:
        return self.layout.php_conf

    @property
    def port(self) -> int | None:
        return self.service.port

    def is_worker_title(self, title: str) -> bool:
        return title.strip() == f"php-fpm: pool {self.ctx.server}"

    def fastcgi_address(self) -> str:
        """What nginx's ``fastcgi_pass`` takes for this pool."""
        if self.service.port is not None:
            return f"{self.service.address}:{self.service.port}"
        return "unix:" + self.layout.check_socket_path(self.layout.php_socket)

    def binary(self) -> str:
        return _program(self, "php-fpm8.2", "php-fpm")

    def prepare(self) -> None:
        lay = self.layout
        self.ex.make_dir(lay.path("php", "run"), 0o755)
        self.ex.make_dir(lay.path("php", "logs"), 0o755)
        user = self.ctx.web_user if self.ctx.as_root else None
        listen = self.fastcgi_address().removeprefix("unix:")
        max_children = self.service.options.get("max_children", "8")
        config = PhpFpmConfig(
            server=self.ctx.server,
            pid_file=lay.php_pid,
            error_log=lay.php_error_log,
            listen=listen,
            user=user,
            group=user,
            listen_owner=user if self.service.port is None else None,
            max_children=int(max_children) if max_children.isdigit() else 8,
        )
        self.ex.write_file(lay.php_conf, render_phpfpm(config).encode(), 0o644)

    def launch(self) -> None:
        argv = [self.binary(), "--fpm-config", self.layout.php_conf, "-D"]
        if self.ctx.as_root and not self.ctx.web_user:
            argv.append("--allow-to-run-as-root")
        result = self.ex.run(argv, timeout=30)
        if result.returncode != 0:
            raise BackendError(
                f"php-fpm of server {self.ctx.server!r} did not start: {_tail(result)} (log: {self.error_log})"
            )

    def ready(self) -> bool:
        if self.pid() is None:
            return False
        if self.service.port is not None:
            return self.ex.can_connect(self.service.address, self.service.port)
        return self.ex.can_connect_unix(self.layout.php_socket)

    def reload(self) -> None:
        """Graceful reload (USR2): the master re-executes itself, under a new PID."""
        pid = self.pid()
        if pid is None:
            return
        self.ex.signal(pid, "USR2")
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            new = self.pid()
            if new is not None and new != pid and self.ready():
                return
            time.sleep(0.05)
        raise BackendError(f"php-fpm of server {self.ctx.server!r} did not reload: {self.log_tail()}")


class ManagedMariaDB(ManagedDaemon):
    label: ClassVar[str] = "mariadb"
    start_timeout: ClassVar[float] = 60.0
    stop_timeout: ClassVar[float] = 60.0

    def __init__(self, ctx: DaemonContext, service: Service, *, secrets: SecretStore) -> None:
        super().__init__(ctx, service)
        self.secrets = secrets
        self._client: DbClient | None = None

    @property
    def pid_file(self) -> str:
        return self.layout.db_pid

    @property
    def error_log(self) -> str:
        return self.layout.db_error_log

    @property
    def marker(self) -> str:
        return f"--datadir={self.layout.db_data}"

    @cached_property
    def os_user(self) -> str:
        return self.ex.user_name()

    def _port(self) -> int:
        if self.service.port is None:
            raise BackendError(f"the MariaDB service of server {self.ctx.server!r} has no port")
        return self.service.port

    def login(self) -> DbLogin:
        """Unix-socket authentication as the OS user that runs Aegir: no password anywhere."""
        return DbLogin(user=self.os_user, socket=self.layout.check_socket_path(self.layout.db_socket))

    def client(self) -> DbClient:
        if self._client is None:
            self._client = DbClient(
                self.ex,
                self.login(),
                secrets=self.secrets,
                private_dir=self.layout.private_dir,
                label=f"MariaDB of server {self.ctx.server!r}",
            )
        return self._client

    def prepare(self) -> None:
        lay = self.layout
        self.ex.make_dir(lay.path("mariadb"), 0o755)
        self.ex.make_dir(lay.path("mariadb", "run"), 0o755)
        self.ex.make_dir(lay.path("mariadb", "logs"), 0o750)
        self.ex.make_dir(lay.db_tmp, 0o700)
        self.login()  # the socket path must fit before anything is created
        if not self.ex.exists(f"{lay.db_data}/mysql"):
            self._install()

    def _install(self) -> None:
        data = self.layout.db_data
        self.ex.remove_path(data)  # a half-made data directory from an interrupted set-up
        self.ex.make_dir(data, 0o700)
        program = self.ex.which("mariadb-install-db") or self.ex.which("mysql_install_db")
        if program is None:
            raise BackendError("mariadb-install-db is not installed (Debian package mariadb-server)")
        argv = [
            program,
            "--no-defaults",
            f"--datadir={data}",
            "--auth-root-authentication-method=socket",
            f"--auth-root-socket-user={self.os_user}",
            "--skip-test-db",
        ]
        if self.ctx.as_root:
            argv.append("--user=root")
        result = self.ex.run(argv, timeout=300)
        if result.returncode != 0:
            self.ex.remove_path(data)
            raise CommandFailed(argv, result.returncode, result.stdout + result.stderr)

    def launch(self) -> None:
        lay = self.layout
        argv = [_program(self, "mariadbd", "mysqld"), "--no-defaults"]
        if self.ctx.as_root:
            argv.append("--user=root")  # mariadbd refuses to run as root without being told
        argv += [
            f"--datadir={lay.db_data}",
            f"--port={self._port()}",
            f"--bind-address={self.service.address}",
            f"--socket={lay.db_socket}",
            f"--pid-file={lay.db_pid}",
            f"--log-error={lay.db_error_log}",
            f"--tmpdir={lay.db_tmp}",
            "--skip-name-resolve",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
        ]
        self.ex.spawn(argv, log_path=lay.path("mariadb", "logs", "console.log"))

    def ready(self) -> bool:
        return self.ex.exists(self.layout.db_socket) and self.client().ping()

    def failed_early(self, log_offset: int) -> bool:
        if "[ERROR] Aborting" in self.ex.read_tail(self.error_log, offset=log_offset):
            return True
        text = self.ex.read_tail(self.pid_file)
        return text.strip().isdigit() and not self.ex.pid_alive(int(text.strip()))


def wait_for_new_workers(
    executor: Executor, master: int, old: set[int], timeout: float, failed: Callable[[], bool]
) -> bool:
    """Wait until nginx's master ``master`` has new workers and none of ``old`` takes connections.

    After a reload the master starts new workers, then tells the old ones to finish (their title
    becomes "... is shutting down"); until then an old worker may answer with the old config.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = executor.child_processes(master)
        fresh = [p for p, _ in children if p not in old]
        serving_old = [p for p, title in children if p in old and "shutting down" not in title]
        if fresh and not serving_old:
            return True
        if failed() or not executor.pid_alive(master):
            return False
        time.sleep(0.01)
    return False


def _tail(result: CommandResult) -> str:
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    return " | ".join(lines[-5:]) or f"exit status {result.returncode}"
