"""The backend contract: primitive operations on one kind of infrastructure.

A backend knows nothing about Drupal or WordPress. Steps (:mod:`aegir.core.steps`) call these
primitives; each primitive that changes something has an undo primitive, so steps can be inverted.
Paths are absolute paths on the server the backend drives.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, TYPE_CHECKING, ClassVar

from attrs import field, frozen

from aegir.core import _convert
from aegir.core.app import WebRules
from aegir.core.errors import BackendError

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, SiteContext
    from aegir.core.archive import ExtractReport, FilesPart, FilesReport
    from aegir.core.model import Server
    from aegir.core.scanrecord import ScanFiles
    from aegir.core.secrets import SecretStore
    from aegir.core.steps import Step

__all__ = [
    "Backend",
    "BackendEnv",
    "CommandResult",
    "DbEndpoint",
    "HttpResult",
    "ServiceState",
    "Vhost",
]


@frozen
class BackendEnv:
    """What the hosting layer hands a backend: the Aegir home, and the secret store."""

    home: Path
    secrets: SecretStore


@frozen
class CommandResult:
    returncode: int
    stdout: str = ""
    stderr: str = ""


@frozen
class ServiceState:
    """One service of a server, as ``server status`` shows it."""

    name: str
    type: str
    running: bool
    pid: int | None = None
    port: int | None = None
    detail: str = ""


@frozen
class DbEndpoint:
    """How sites (and Aegir) reach a database server."""

    host: str
    port: int
    socket: str | None = None


@frozen
class HttpResult:
    status: int
    body: str = ""
    headers: dict[str, str] = field(factory=dict)


@frozen
class Vhost:
    """A site as the web server sees it."""

    domain: str
    root: str
    rules: WebRules
    aliases: tuple[str, ...] = field(default=(), converter=_convert.strs)
    https: bool = False
    certificate: str | None = None
    certificate_key: str | None = None


class Backend(ABC):
    """Base class of every backend. One instance drives one server."""

    name: ClassVar[str]

    def __init__(self, server: Server, env: BackendEnv) -> None:
        self.server = server
        self.env = env

    # -- services ---------------------------------------------------------------------------
    def start(self) -> list[ServiceState]:
        """Start the server's managed services (idempotent); return their state."""
        return self.status()

    def stop(self) -> list[ServiceState]:
        """Stop the server's managed services (idempotent); return their state."""
        return self.status()

    def status(self) -> list[ServiceState]:
        """The state of each service."""
        return []

    def setup(self) -> None:  # noqa: B027  (optional hook: most backends need no set-up)
        """Prepare a newly added server (directories, configuration). Called by ``server add``."""

    def teardown(self) -> None:  # noqa: B027  (optional hook)
        """Remove what ``setup`` made. Called by ``server remove``."""

    # -- whole operations -------------------------------------------------------------------
    def site_plan(
        self,
        operation: str,
        ctx: SiteContext,
        driver: AppDriver,
        *,
        backup_id: str | None = None,
        target: SiteContext | None = None,
    ) -> list[Step] | None:
        """The steps of a site operation, for a backend that carries operations out its own way.

        ``backup_id`` names the backup a restore or clone reads; ``target`` is the other side of a
        clone or migration (the new site's context).

        Kubernetes returns manifests-apply and Job steps here; backends that work through the
        primitives below return None, and the generic plan of :mod:`aegir.core.operations` is used.
        """
        return None

    # -- paths ------------------------------------------------------------------------------
    @abstractmethod
    def sites_root(self) -> str:
        """The directory under which each site gets a directory of its own."""

    def codebases_root(self) -> str:
        """The directory under which copied or cloned codebases are put."""
        return str(Path(self.sites_root()).parent / "codebases")

    # -- commands and files (the executor) --------------------------------------------------
    @abstractmethod
    def run(
        self,
        argv: list[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        """Run a command (an argv list, never a shell string); never raises on non-zero exit."""

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
        """Like :meth:`run`, handing each line of output (stdout and stderr) to ``on_line`` as the
        command writes it. This default hands the lines over when the command ends; backends that
        can stream override it."""
        result = self.run(argv, cwd=cwd, env=env, stdin=stdin, timeout=timeout)
        for line in (result.stdout + result.stderr).splitlines():
            on_line(line)
        return result

    @abstractmethod
    def write_file(self, path: str, content: bytes, mode: int = 0o640) -> None:
        """Write a file atomically (write then rename), creating parent directories."""

    @abstractmethod
    def read_file(self, path: str) -> bytes:
        """Read a whole file."""

    @abstractmethod
    def exists(self, path: str) -> bool:
        """Whether a path exists."""

    @abstractmethod
    def make_dir(self, path: str, mode: int = 0o755) -> None:
        """Create a directory and its parents (idempotent)."""

    @abstractmethod
    def remove_path(self, path: str) -> None:
        """Remove a file or a whole directory tree (idempotent)."""

    @abstractmethod
    def copy_tree(self, source: str, dest: str, *, follow_links: bool = True) -> None:
        """Copy a tree, following links like ``cp -rL`` unless told not to."""

    def local_files(self) -> bool:
        """Whether a path on this server names the same file on the machine Aegir runs on (the
        server is this machine). True here; a backend on another machine says False, and what
        only works on local paths (``codebase add --copy-from``) is refused for its servers."""
        return True

    def scan_view(self, root: str, files: ScanFiles | None) -> AbstractContextManager[Path]:
        """A local directory a codebase scan can read for the tree at ``root`` on this server.

        ``files`` are the files the scanners read (None: a scanner does not say, so all of them).
        This default is ``root`` itself, right when a path on the server is a path here; a backend
        on another machine gives a temporary copy of just those files (and every directory), made
        in one stream and removed when the block ends (``docs/plugins.md``).
        """
        from contextlib import nullcontext

        return nullcontext(Path(root))

    def archive_files(self, base_dir: str, paths: Sequence[str] | None, out: IO[bytes]) -> FilesReport:
        """Write ``paths`` (relative to ``base_dir``; all of it when None) to ``out`` as the tar
        stream of a backup's files part, and report what was archived and what was not.

        The stream holds regular files and directories only, named relative to ``base_dir``, with
        the directories leading to each path; links are never followed, and every entry left out
        (links, sockets, devices, missing paths) is a warning of the report (``docs/backups.md``).
        This default reads this machine's file system, right for a backend whose paths are local
        ones; a backend whose files are elsewhere streams them from there.
        """
        from aegir.core.archive import write_tar

        return write_tar(out, base_dir, paths)

    def restore_files(self, target: str, files: FilesPart) -> ExtractReport:
        """Extract a backup's files part into ``target``, a new directory whose parent exists.

        Every unsafe member is refused (``UnsafeArchiveMember``), a damaged part too, and on any
        failure ``target`` is removed again. This default extracts on this machine
        (``files.extract_into``); a backend whose files are elsewhere relays
        ``files.write_clean_tar(stream)`` (members already checked) to an extractor there.
        """
        return files.extract_into(target)

    def open_read(self, path: str) -> AbstractContextManager[IO[bytes]]:
        """A binary stream reading a file on the server."""
        raise BackendError(f"{self.name} backend cannot stream files")

    def open_write(self, path: str) -> AbstractContextManager[IO[bytes]]:
        """A binary stream writing a file on the server."""
        raise BackendError(f"{self.name} backend cannot stream files")

    # -- databases --------------------------------------------------------------------------
    def db_endpoint(self) -> DbEndpoint:
        """Where this server's database service listens."""
        raise BackendError(f"server {self.server.name!r} has no database service")

    def create_database(self, database: str, user: str, password: str) -> None:
        """Create a database and a user with all privileges on that database only."""
        raise BackendError(f"server {self.server.name!r} has no database service")

    def drop_database(self, database: str, user: str | None) -> None:
        """Drop a database and its user (idempotent)."""
        raise BackendError(f"server {self.server.name!r} has no database service")

    def database_exists(self, database: str) -> bool:
        raise BackendError(f"server {self.server.name!r} has no database service")

    def dump_database(self, database: str, out: IO[bytes]) -> None:
        """Write a consistent SQL dump (single transaction) of a database to ``out``."""
        raise BackendError(f"server {self.server.name!r} has no database service")

    def load_database(self, database: str, source: IO[bytes]) -> None:
        """Load an SQL dump into an existing database."""
        raise BackendError(f"server {self.server.name!r} has no database service")

    def db_query(self, database: str | None, sql: str) -> list[tuple[str, ...]]:
        """Run SQL as the server's admin and return rows of text (for checks and fix-ups)."""
        raise BackendError(f"server {self.server.name!r} has no database service")

    # -- web --------------------------------------------------------------------------------
    def php_binary(self) -> str:
        """The PHP CLI binary that matches the server's PHP-FPM."""
        return "php"

    def php_user(self) -> str | None:
        """The user PHP-FPM runs as (settings must not be writable by it), if known."""
        return None

    def publish_site(self, vhost: Vhost) -> None:
        """Write the site's vhost and reload the web server gracefully."""
        raise BackendError(f"server {self.server.name!r} has no web service")

    def unpublish_site(self, domain: str) -> None:
        """Remove the site's vhost and reload (idempotent)."""
        raise BackendError(f"server {self.server.name!r} has no web service")

    def set_maintenance(self, domain: str, on: bool) -> None:
        """Make the site answer HTTP 503 (on) or serve normally again (off)."""
        raise BackendError(f"server {self.server.name!r} has no web service")

    def site_url(self, domain: str, *, https: bool = False) -> str:
        """The URL a site is reached at on this server."""
        return f"{'https' if https else 'http'}://{domain}/"

    def http_get(self, domain: str, path: str = "/", *, timeout: float = 10.0) -> HttpResult:
        """Request a site through its web server (Host header set), for health checks."""
        raise BackendError(f"server {self.server.name!r} has no web service")

    # -- private preview (blue-green migrations: check a new copy before any traffic moves) --
    def publish_preview(self, vhost: Vhost) -> None:
        """Serve ``vhost`` on a private listener only Aegir reaches, never to visitors.

        PHP sees the request as if it came through the site's public address (its port), and the
        preview ignores the site's maintenance flag, so a copy can be checked while the live site is
        in maintenance. Publishing again replaces the preview.
        """
        raise BackendError(f"{self.name} backend cannot serve a private preview of a site")

    def unpublish_preview(self, domain: str) -> None:
        """Remove the private preview of ``domain`` (idempotent)."""
        raise BackendError(f"{self.name} backend cannot serve a private preview of a site")

    def http_get_preview(self, domain: str, path: str = "/", *, timeout: float = 10.0) -> HttpResult:
        """Request the private preview of ``domain`` (as :meth:`http_get` requests the live site)."""
        raise BackendError(f"{self.name} backend cannot serve a private preview of a site")

    def iter_files(self, root: str) -> Iterator[str]:
        """Every file below ``root``, relative to it (for checks)."""
        raise BackendError(f"{self.name} backend cannot list files")
