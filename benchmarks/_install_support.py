"""The raw floor of a site install for ``benchmarks/install.py``: the same work Aegir does, by hand.

:func:`prepare_raw` reads, untimed, everything a site's install consists of from the plan Aegir
would run for it (never run): the SQL, the directories, the settings files (``{{secret:NAME}}``
filled with values generated here), the vhost text as the server's publisher renders it, and the
``wp_install`` PHP command. :func:`install_raw` then does that work with subprocess and plain
Python only, timing each phase: the ``mariadb`` client on the server's socket, ``os.mkdir``,
``os.write``, ``nginx -t`` and SIGHUP to the master (then poll until the vhost answers), the PHP
CLI with the same script, environment and binary, and one GET of the home page.
"""

from __future__ import annotations

import grp
import http.client
import os
import re
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from aegir.backends.local.backend import LocalBackend
from aegir.backends.local.nginx_conf import VERSION_URI, render_vhost, vhost_digest
from aegir.backends.local.sql import create_database_sql
from aegir.core.steps import CreateDatabase, HealthCheck, MakeDir, PublishSite, RunCommand, WriteFile
from aegir.hosting import Hosting

_SECRET_REF = re.compile(r"\{\{secret:([a-z0-9][a-z0-9_./-]*)\}\}")

#: the phases of a raw install, in order (the table's breakdown)
PHASES = ("sql", "dirs", "files", "vhost + nginx -t", "reload until it answers", "wp_install", "get")


@dataclass
class RawSite:
    """Everything one raw install does, resolved before the clock starts."""

    domain: str
    port: int
    sql: str
    mariadb_argv: list[str]
    dirs: list[tuple[str, int, int]]  # path, mode, gid (-1: unchanged)
    files: list[tuple[str, bytes, int, int]]  # path, content, mode, gid
    vhost_path: str
    vhost_text: bytes
    vhost_digest: str
    nginx_test_argv: list[str]
    nginx_pid_file: str
    php_argv: list[str]
    php_cwd: str | None
    php_env: dict[str, str]
    php_stdin: bytes
    expect_text: str
    phases: dict[str, float] = field(default_factory=dict)


class _Secrets:
    """Generated values for ``{{secret:NAME}}``; one value per name, as a secret store keeps it."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str:
        if name not in self.values:
            self.values[name] = secrets.token_urlsafe(48)
        return self.values[name]

    def fill(self, text: str) -> str:
        return _SECRET_REF.sub(lambda m: self.get(m.group(1)), text)


def prepare_raw(h: Hosting, domain: str, title: str) -> RawSite:
    """The raw install of ``domain``, taken from Aegir's own install plan for it (not run)."""
    from aegir.core.operations import sites

    site = sites.new_site(h, domain, "wp", title=title)
    plan = sites.install_plan(h, site)
    backend = h.backend(site.server)
    if not isinstance(backend, LocalBackend) or backend.nginx is None:
        raise SystemExit(f"server {site.server!r} is not a managed local server")
    web_gid = grp.getgrnam(backend.web_user).gr_gid if backend.web_user else -1
    box = _Secrets()
    sql = ""
    dirs: list[tuple[str, int, int]] = []
    files: list[tuple[str, bytes, int, int]] = []
    vhost_text = ""
    php: RunCommand | None = None
    expect = ""
    db_backend: LocalBackend | None = None
    for step in plan.steps:
        if isinstance(step, CreateDatabase):
            # the backend's own text: the same statements, for the same client hosts
            found = h.backend(step.server)
            assert isinstance(found, LocalBackend)
            db_backend = found
            hosts = db_backend._client_hosts()
            sql = create_database_sql(step.database, step.user, box.get(step.password_secret), hosts)
        elif isinstance(step, MakeDir):
            dirs.append((step.path, step.mode, web_gid if step.mode & 0o070 else -1))
        elif isinstance(step, WriteFile):
            files.append(
                (step.path, box.fill(step.content).encode(), step.mode, web_gid if step.mode & 0o070 else -1)
            )
        elif isinstance(step, PublishSite):
            vhost_text = render_vhost(step.vhost, backend.publisher.target)
        elif isinstance(step, RunCommand):
            php = step
        elif isinstance(step, HealthCheck):
            expect = step.expect_text or ""
    if not (sql and dirs and files and vhost_text and php is not None and db_backend is not None):
        raise SystemExit(f"the install plan of {domain} lacks a step the raw floor repeats")
    digest = vhost_digest(vhost_text)
    assert digest is not None
    client = db_backend.db_client()
    with client.defaults_file() as cnf:  # the socket login's option file, kept between commands
        mariadb_argv = [
            client.tool("mariadb"),
            f"--defaults-file={cnf}",
            "--batch",
            "--skip-column-names",
            "--default-character-set=utf8mb4",
        ]
    nginx = backend.nginx
    port = backend.publisher.target.port
    env = dict(os.environ)
    env.update(php.env)
    env.update({k: box.get(v) for k, v in php.secret_env.items()})
    return RawSite(
        domain=site.domain,
        port=port,
        sql=sql,
        mariadb_argv=mariadb_argv,
        dirs=dirs,
        files=files,
        vhost_path=backend.publisher.vhost_path(site.domain),
        vhost_text=vhost_text.encode(),
        vhost_digest=digest,
        nginx_test_argv=nginx._argv("-t", "-q"),
        nginx_pid_file=nginx.pid_file,
        php_argv=list(php.argv),
        php_cwd=php.cwd,
        php_env=env,
        php_stdin=box.fill(php.stdin or "").encode(),
        expect_text=expect,
    )


def _get(port: int, domain: str, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": f"{domain}:{port}"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _write(path: str, data: bytes, mode: int, gid: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.write(fd, data)
        if gid != -1:
            os.fchown(fd, -1, gid)
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _check(argv: list[str], **kwargs: object) -> None:
    done = subprocess.run(argv, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise SystemExit(
            f"{argv[0]} failed ({done.returncode}): {(done.stderr + done.stdout).decode()[-800:]}"
        )


def install_raw(raw: RawSite) -> float:
    """Do the install by hand; the seconds it took (each phase's in ``raw.phases``)."""
    clock = time.perf_counter
    started = mark = clock()

    def lap(name: str) -> None:
        nonlocal mark
        now = clock()
        raw.phases[name] = now - mark
        mark = now

    _check(raw.mariadb_argv, input=raw.sql.encode())
    lap("sql")
    for path, mode, gid in raw.dirs:
        Path(path).mkdir(mode)
        if gid != -1:
            os.chown(path, -1, gid)
        Path(path).chmod(mode)  # mkdir's mode is masked by the umask
    lap("dirs")
    for path, data, mode, gid in raw.files:
        _write(path, data, mode, gid)
    lap("files")
    _write(raw.vhost_path, raw.vhost_text, 0o644, -1)
    _check(raw.nginx_test_argv)
    lap("vhost + nginx -t")
    os.kill(int(Path(raw.nginx_pid_file).read_text().strip()), signal.SIGHUP)
    deadline = clock() + 15
    while True:  # until the new vhost answers
        status, body = _get(raw.port, raw.domain, VERSION_URI)
        if status == 200 and body.decode(errors="replace") == raw.vhost_digest:
            break
        if clock() > deadline:
            raise SystemExit(f"nginx did not take up the vhost of {raw.domain}")
        time.sleep(0.005)
    lap("reload until it answers")
    _check(raw.php_argv, cwd=raw.php_cwd, env=raw.php_env, input=raw.php_stdin, timeout=600)
    lap("wp_install")
    status, body = _get(raw.port, raw.domain, "/")
    if status != 200 or raw.expect_text.encode() not in body:
        raise SystemExit(f"raw site {raw.domain}: HTTP {status}, expected 200 with {raw.expect_text!r}")
    lap("get")
    return clock() - started
