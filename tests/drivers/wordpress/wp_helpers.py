"""Helpers for the WordPress driver tests: a MariaDB server handle, site contexts, and a runner that
carries out the driver's steps (their argv, env and stdin) as the local backend would, with secrets
from a real SecretStore."""

from __future__ import annotations

import os
import re
import socket
import subprocess
from pathlib import Path

import attrs

from aegir.core.app import SiteContext, SiteFile
from aegir.core.model import Codebase, Site
from aegir.core.secrets import SecretStore
from aegir.core.steps import RunCommand, Step, fill_secrets


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@attrs.define
class MariaDB:
    """A MariaDB server this test session started, reached as root through its socket."""

    socket: str
    port: int
    process: subprocess.Popen[bytes]

    def sql(self, statement: str, database: str | None = None) -> str:
        argv = ["mariadb", "--no-defaults", "-S", self.socket, "-u", "root", "-N", "-B", "-e", statement]
        if database:
            argv.append(database)
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def create_site_db(self, name: str, password: str) -> None:
        self.sql(
            f"CREATE DATABASE `{name}`; CREATE USER '{name}'@'localhost' IDENTIFIED BY '{password}';"
            f"CREATE USER '{name}'@'127.0.0.1' IDENTIFIED BY '{password}';"
            f"GRANT ALL ON `{name}`.* TO '{name}'@'localhost'; GRANT ALL ON `{name}`.* TO '{name}'@'127.0.0.1';"
        )


def site_context(
    codebase: Codebase, root: Path, sites_root: Path, domain: str, db: MariaDB | None = None, **site: object
) -> SiteContext:
    """The SiteContext the lead's operations would build, for a site under ``sites_root``."""
    name = "s_" + domain.replace(".", "_").replace("-", "_")
    site_value = Site(domain=domain, codebase=codebase.name, server="local", db_server="local",
                      db_name=name, db_user=name, title=site.pop("title", f"Site {domain}"), **site)  # type: ignore[arg-type]  # fmt: skip
    site_dir = sites_root / domain
    return SiteContext(
        site=site_value,
        codebase=codebase,
        codebase_root=str(root),
        docroot=str(root / codebase.docroot) if codebase.docroot != "." else str(root),
        site_dir=str(site_dir),
        files_dir=str(site_dir / "files"),
        private_dir=str(site_dir / "private"),
        url=f"http://{domain}/",
        server="local",
        db_server="local",
        db_host="127.0.0.1",
        db_port=db.port if db else 3306,
        db_socket=db.socket if db else None,
        db_name=name,
        db_user=name,
        db_password_secret=f"site/{domain}/db",
        admin_password_secret=f"site/{domain}/admin",
        php_binary="php",
    )


def write_settings(files: list[SiteFile], secrets: SecretStore) -> None:
    """What the install plan's GenerateSecret and WriteFile steps do with the driver's files."""
    for f in files:
        for name in re.findall(r"\{\{secret:([a-z0-9][a-z0-9_./-]*)\}\}", f.content):
            secrets.ensure(name, 64)
        path = Path(f.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fill_secrets(f.content, secrets))
        path.chmod(f.mode)


def run_step(step: Step, secrets: SecretStore) -> subprocess.CompletedProcess[str]:
    """Carry out a RunCommand as a backend does: argv, cwd, env (+ secret_env), stdin."""
    assert isinstance(step, RunCommand), step
    env = dict(os.environ)
    env.update(step.env)
    env.update({k: secrets.get(v) for k, v in step.secret_env.items()})
    stdin = fill_secrets(step.stdin, secrets) if step.stdin is not None else None
    return subprocess.run(
        list(step.argv), input=stdin, cwd=step.cwd, env=env, capture_output=True, text=True,
        timeout=step.timeout,
    )  # fmt: skip
