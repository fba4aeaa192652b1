"""Talking to one MariaDB/MySQL server as its administrator: SQL, dumps and loads, through the
``mariadb`` client tools run by an executor.

Credentials go in a client option file handed over with ``--defaults-file`` (the first option).
A managed server needs no password (Unix-socket authentication as the OS user); an attached one's
password is written to a 0600 file in a 0700 directory for the length of one command, then
removed. SQL goes on standard input. Output that reaches an error message is redacted.
"""

from __future__ import annotations

import io
import secrets as random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, cast

from attrs import frozen

from aegir.backends.local.executor import Executor
from aegir.backends.local.sql import unescape_batch_field
from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError, CommandFailed
from aegir.core.secrets import SecretStore

__all__ = ["DbClient", "DbLogin", "option_file"]

SANDBOX_LINE = b"/*M!999999\\- enable the sandbox mode */"


@frozen
class DbLogin:
    """How to log in as the administrator: a socket (managed), or host, port and password."""

    user: str
    socket: str | None = None
    host: str | None = None
    port: int | None = None
    password_secret: str | None = None


def _option(value: str) -> str:
    if any(c in value for c in "\n\r\x00"):
        raise BackendError("a database client option cannot hold a line break")
    return value


def option_file(login: DbLogin, password: str | None) -> str:
    """The ``[client]`` section for ``login`` (with ``password`` only when one is needed)."""
    lines = ["[client]", f"user={_option(login.user)}"]
    if login.socket:
        lines.append(f"socket={_option(login.socket)}")
    if login.host:
        lines += [f"host={_option(login.host)}", "protocol=tcp"]
    if login.port:
        lines.append(f"port={int(login.port)}")
    if password is not None:
        # option files unquote "..." and honour backslash escapes inside them
        escaped = _option(password).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'password="{escaped}"')
    return "\n".join(lines) + "\n"


class DbClient:
    """Administration of one database server through the client tools on the executor's machine."""

    def __init__(
        self,
        executor: Executor,
        login: DbLogin,
        *,
        secrets: SecretStore,
        private_dir: str,
        label: str,
    ) -> None:
        self.ex = executor
        self.login = login
        self.secrets = secrets
        self.private_dir = private_dir
        self.label = label
        self._tools: dict[str, str] = {}

    # -- plumbing ---------------------------------------------------------------------------
    def tool(self, name: str) -> str:
        """``mariadb``, ``mariadb-dump`` or ``mariadb-admin``, or their ``mysql*`` names."""
        if name not in self._tools:
            legacy = {"mariadb": "mysql", "mariadb-dump": "mysqldump", "mariadb-admin": "mysqladmin"}[name]
            found = self.ex.which(name) or self.ex.which(legacy)
            if found is None:
                raise BackendError(
                    f"the MariaDB client {name!r} is not installed (Debian package mariadb-client)"
                )
            self._tools[name] = found
        return self._tools[name]

    @contextmanager
    def defaults_file(self) -> Iterator[str]:
        """A client option file for one command; a password-bearing one is removed afterwards."""
        if self.login.password_secret is None:
            # no secret in it: kept between commands, rewritten only when the login changes
            path = f"{self.private_dir}/admin-{self.login.user}.cnf"
            content = option_file(self.login, None).encode()
            if not self.ex.exists(path) or self.ex.read_file(path) != content:
                self.ex.make_dir(self.private_dir, 0o700)
                self.ex.write_file(path, content, 0o600)
            yield path
            return
        password = self.secrets.get(self.login.password_secret)
        self.ex.make_dir(self.private_dir, 0o700)
        path = f"{self.private_dir}/client-{random.token_hex(8)}.cnf"
        self.ex.write_file(path, option_file(self.login, password).encode(), 0o600)
        try:
            yield path
        finally:
            self.ex.remove_path(path)

    def _fail(self, argv: list[str], result: CommandResult) -> CommandFailed:
        output = self.secrets.redact((result.stderr or result.stdout).strip())
        error = CommandFailed(argv, result.returncode, output)
        error.message = f"{self.label}: {error.message}"
        error.args = (error.message,)
        return error

    # -- SQL --------------------------------------------------------------------------------
    def execute(self, sql: str, database: str | None = None, *, timeout: float | None = 120) -> str:
        """Run SQL statements; the raw ``--batch`` output (tab-separated, escaped)."""
        with self.defaults_file() as cnf:
            argv = [
                self.tool("mariadb"),
                f"--defaults-file={cnf}",
                "--batch",
                "--skip-column-names",
                "--default-character-set=utf8mb4",
                "--connect-timeout=10",
            ]
            if database is not None:
                argv.append(database)
            result = self.ex.run(argv, stdin=sql.encode("utf-8"), timeout=timeout)
        if result.returncode != 0:
            raise self._fail(argv, result)
        return result.stdout

    def query(self, sql: str, database: str | None = None) -> list[tuple[str, ...]]:
        """Rows as tuples of text; NULL comes back as the text ``NULL``."""
        out = self.execute(sql, database)
        return [tuple(unescape_batch_field(f) for f in line.split("\t")) for line in out.splitlines()]

    def check_login(self) -> None:
        """Log in and run ``SELECT 1``. :raises CommandFailed: with the server's reason."""
        self.execute("SELECT 1;", timeout=30)

    def ping(self) -> bool:
        """Whether the server answers (``mariadb-admin ping`` succeeds even when a login would not)."""
        with self.defaults_file() as cnf:
            argv = [self.tool("mariadb-admin"), f"--defaults-file={cnf}", "--connect-timeout=2", "ping"]
            return self.ex.run(argv, timeout=10).returncode == 0

    # -- dumps ------------------------------------------------------------------------------
    def dump(self, database: str, out: IO[bytes]) -> None:
        """A consistent dump (one transaction, no table locks) written to ``out`` as it is made."""
        with self.defaults_file() as cnf:
            argv = [
                self.tool("mariadb-dump"),
                f"--defaults-file={cnf}",
                "--single-transaction",
                "--routines",
                "--triggers",
                "--hex-blob",
                "--default-character-set=utf8mb4",
                "--max-allowed-packet=1G",
                database,
            ]
            result = self.ex.run_to_stream(argv, out)
        if result.returncode != 0:
            raise self._fail(argv, result)

    def load(self, database: str, source: IO[bytes]) -> None:
        """Load an SQL dump into ``database``; client commands in the dump are refused (sandbox)."""
        with self.defaults_file() as cnf:
            argv = [
                self.tool("mariadb"),
                f"--defaults-file={cnf}",
                "--binary-mode",
                "--max-allowed-packet=1G",
                "--default-character-set=utf8mb4",
            ]
            # MySQL's own client does not know the sandbox command: drop that line for it
            legacy = argv[0].rsplit("/", 1)[-1] == "mysql"
            if not legacy:
                argv.append("--sandbox")
            argv.append(database)
            stream = cast("IO[bytes]", _WithoutSandboxLine(source)) if legacy else source
            result = self.ex.run_from_stream(argv, stream)
        if result.returncode != 0:
            raise self._fail(argv, result)


class _WithoutSandboxLine(io.RawIOBase):
    """``source`` without MariaDB's sandbox-mode first line, which MySQL rejects."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.pending = b""
        self.checked = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self.checked:
            self.checked = True
            head = self.source.read(len(SANDBOX_LINE) + 2)
            if head.startswith(SANDBOX_LINE):
                head = head[len(SANDBOX_LINE) :].lstrip(b" \r\n")
            self.pending = head
        data = self.pending or self.source.read(len(buffer))
        self.pending = data[len(buffer) :]
        data = data[: len(buffer)]
        buffer[: len(data)] = data
        return len(data)
