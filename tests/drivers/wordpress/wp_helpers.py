"""Helpers for the WordPress driver tests: a MariaDB server handle, site contexts, and a runner that
carries out the driver's steps (their argv, env and stdin) as the local backend would, with secrets
from a real SecretStore."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from aegir.core.app import SiteContext, SiteFile, WebRules
from aegir.core.model import Codebase, Site
from aegir.core.secrets import SecretStore
from aegir.core.steps import RunCommand, Step, fill_secrets


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


# -- a web server for the driver's WebRules (the translation docs/wordpress.md recommends) --------


def nginx_quote(value: str) -> str:
    assert '"' not in value and "\n" not in value, value
    return f'"{value}"'


def server_block(domain: str, root: str, rules: WebRules, php_socket: str, port: int) -> str:
    """An nginx server block for a site: deny regexes first, static-only aliases (denials nested
    in them too), the front controller, and PHP with the site's FastCGI parameters."""
    deny = "".join(f"    location ~ {nginx_quote(d)} {{ return 403; }}\n" for d in rules.deny)
    aliases = ""
    for prefix, directory in rules.aliases.items():
        nested = deny.replace("    location", "        location")
        aliases += f"    location ^~ {prefix} {{\n        alias {directory};\n{nested}    }}\n"
    params = "".join(
        f"        fastcgi_param {k} {nginx_quote(v)};\n" for k, v in rules.fastcgi_params.items()
    )
    front = rules.front_controller or "=404"
    return (
        f"server {{\n    listen 127.0.0.1:{port};\n    server_name {domain};\n    root {root};\n"
        f"    index index.php index.html;\n{deny}{aliases}"
        f"    location / {{ try_files $uri $uri/ {front}?$args; }}\n"
        f"    location ~ \\.php$ {{\n        try_files $uri =404;\n        include /etc/nginx/fastcgi.conf;\n"
        f"{params}        fastcgi_pass unix:{php_socket};\n    }}\n}}\n"
    )


def wait_for(check: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not come up in {timeout} s"
        time.sleep(0.05)


@attrs.define
class WebServer:
    """nginx and php-fpm started by a test, on a free port, stopped by their PIDs."""

    base: Path
    port: int
    php_socket: str
    processes: list[subprocess.Popen[bytes]] = attrs.Factory(list)
    servers: list[str] = attrs.Factory(list)

    def start_php(self) -> None:
        conf = self.base / "php-fpm.conf"
        user = "user = root\ngroup = root\n" if os.geteuid() == 0 else ""
        conf.write_text(
            f"[global]\npid = {self.base}/php-fpm.pid\nerror_log = {self.base}/php-fpm.log\n"
            f"[www]\n{user}listen = {self.php_socket}\nlisten.mode = 0666\npm = static\npm.max_children = 4\n"
            "clear_env = yes\ncatch_workers_output = yes\nphp_admin_flag[display_errors] = off\n"
        )
        root_flag = ["-R"] if os.geteuid() == 0 else []
        self.processes.append(
            subprocess.Popen(
                ["php-fpm8.2", "-F", "-y", str(conf), *root_flag],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(lambda: Path(self.php_socket).exists(), "php-fpm")

    def start_nginx(self, servers: list[str]) -> None:
        for sub in ("body", "fastcgi", "proxy", "uwsgi", "scgi"):
            (self.base / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "".join(f"    {sub}_temp_path {self.base}/tmp/{sub.split('_')[0]};\n"
                       for sub in ("client_body", "fastcgi", "proxy", "uwsgi", "scgi"))  # fmt: skip
        temp = temp.replace("/tmp/client;", "/tmp/body;")
        conf = self.base / "nginx.conf"
        conf.write_text(
            f"{user}worker_processes 1;\npid {self.base}/nginx.pid;\nerror_log {self.base}/nginx-error.log;\n"
            "daemon off;\nevents { worker_connections 64; }\nhttp {\n    include /etc/nginx/mime.types;\n"
            f"    access_log off;\n{temp}"
            f"    server {{ listen 127.0.0.1:{self.port} default_server; return 404; }}\n"
            + "".join(servers)
            + "}\n"
        )
        check = subprocess.run(["nginx", "-t", "-c", str(conf), "-e", str(self.base / "nginx-error.log")],
                               capture_output=True, text=True)  # fmt: skip
        assert check.returncode == 0, check.stderr + conf.read_text()
        self.processes.append(
            subprocess.Popen(
                ["nginx", "-c", str(conf), "-e", str(self.base / "nginx-error.log")],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )

        def answers() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return True
            except OSError:
                return False

        wait_for(answers, "nginx")

    def get(
        self, domain: str, path: str, *, method: str = "GET", body: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str, dict[str, str]]:  # fmt: skip
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(
                method, path, body=body, headers={"Host": f"{domain}:{self.port}", **(headers or {})}
            )
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            headers: dict[str, str] = {}
            for key, value in response.getheaders():  # repeated headers (Set-Cookie) one per line
                headers[key.lower()] = (
                    headers[key.lower()] + "\n" + value if key.lower() in headers else value
                )
            return response.status, text, headers
        finally:
            conn.close()

    def stop_nginx(self) -> None:
        nginx = self.processes.pop()
        nginx.terminate()
        nginx.wait(timeout=20)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
